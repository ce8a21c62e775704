//! Handlers for the objects of a case, field by field. Unknown and repeated fields are problems;
//! required fields are checked at the end of their object.

use std::collections::BTreeMap;

use serde::de::{MapAccess, SeqAccess};
use time::Date;

use super::de::{Ctx, Fields, Handler, KeySeed, Seed, elements, skip, unknown, value};
use super::scalars::{BoolH, DateH, EnumH, IntH, Nullable, QuotaH, Raw, RawH, StrH};
use crate::case::{Absence, Award, Discipline, Initiative, Person, Title, Unit};
use crate::codes::{CodeEnum, Rating};
use crate::settings::SettingOverrides;
use crate::validate::{has_base_salary, msg};

/// Reads `key` with `$h` once; a repeat is reported and skipped. `$v` is bound to the value.
macro_rules! field {
    ($ctx:ident, $map:ident, $fields:ident, $i:expr, $key:literal, $h:expr, |$v:ident| $body:expr) => {{
        if $fields.first($ctx, $i, $key) {
            if let Some($v) = value($ctx, &mut $map, $key, $h)? {
                $body;
            }
        } else {
            skip(&mut $map)?;
        }
    }};
}

/// Defines a handler that accepts only an object, read by `$read`.
macro_rules! object_handler {
    ($name:ident, $out:ty) => {
        impl<'de> Handler<'de> for $name {
            type Out = $out;
            fn expected(&self) -> &'static str {
                "một đối tượng"
            }
            fn map<A: MapAccess<'de>>(
                self,
                ctx: &mut Ctx,
                map: A,
            ) -> Result<Option<$out>, A::Error> {
                self.read(ctx, map)
            }
        }
    };
}

/// Defines a handler that accepts only an array whose elements `$elem(index)` reads.
macro_rules! array_handler {
    ($name:ident, $out:ty, $elem:expr) => {
        impl<'de> Handler<'de> for $name {
            type Out = Vec<$out>;
            fn expected(&self) -> &'static str {
                "một mảng"
            }
            fn seq<A: SeqAccess<'de>>(
                self,
                ctx: &mut Ctx,
                mut seq: A,
            ) -> Result<Option<Vec<$out>>, A::Error> {
                elements(ctx, &mut seq, $elem).map(Some)
            }
        }
    };
}

/// The case as read, with what the checks after parsing need.
pub(crate) struct RawCase {
    pub evaluation_year: Option<i32>,
    /// The review date and the number of its value.
    pub review_date: Option<(Date, u32)>,
    pub decision_date: Option<Date>,
    pub settings: SettingOverrides,
    pub units: Vec<UnitOut>,
    /// Whether `units` was read as an array (references to units are checked only then).
    pub units_read: bool,
    pub people: Vec<PersonOut>,
}

/// A unit with its index in `units` and the number of its `id` value (0: no id).
pub(crate) struct UnitOut {
    pub unit: Unit,
    pub index: u32,
    pub id_seq: u32,
}

/// A person with its index in `people` and the numbers of its `id` and `unit` values.
pub(crate) struct PersonOut {
    pub person: Person,
    pub index: u32,
    pub id_seq: u32,
    pub unit_seq: u32,
}

/// The document.
pub(crate) struct RootH;
object_handler!(RootH, RawCase);

impl RootH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<RawCase>, A::Error> {
        let mut f = Fields::new();
        let mut c = RawCase {
            evaluation_year: None,
            review_date: None,
            decision_date: None,
            settings: SettingOverrides::default(),
            units: Vec::new(),
            units_read: false,
            people: Vec::new(),
        };
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "evaluation_year" => field!(ctx, map, f, 0, "evaluation_year", IntH, |y| {
                    c.evaluation_year = Some(y);
                    ctx.year = Some(y);
                    if crate::ruleset::RuleSetId::for_year(y).is_none() {
                        ctx.problem_at("evaluation_year", msg::no_rule_set(y));
                    }
                }),
                "review_date" => field!(ctx, map, f, 1, "review_date", Nullable(DateH), |d| {
                    c.review_date = d.map(|d| (d, ctx.seq));
                }),
                "decision_date" => field!(ctx, map, f, 2, "decision_date", Nullable(DateH), |d| {
                    if let Some(d) = d
                        && !has_base_salary(d)
                    {
                        ctx.problem_at("decision_date", msg::no_base_salary(d));
                    }
                    c.decision_date = d;
                }),
                "settings" => field!(ctx, map, f, 3, "settings", Nullable(SettingsH), |s| {
                    c.settings = s.unwrap_or_default();
                }),
                "units" => field!(ctx, map, f, 4, "units", UnitsH, |u| {
                    c.units = u;
                    c.units_read = true;
                }),
                "people" => field!(ctx, map, f, 5, "people", PeopleH, |p| c.people = p),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "evaluation_year");
        f.require(ctx, 4, "units");
        f.require(ctx, 5, "people");
        Ok(Some(c))
    }
}

struct SettingsH;
object_handler!(SettingsH, SettingOverrides);

impl SettingsH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<SettingOverrides>, A::Error> {
        let mut f = Fields::new();
        let mut s = SettingOverrides::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "quotas" => field!(ctx, map, f, 0, "quotas", Nullable(QuotasH), |q| {
                    if let Some((a, b)) = q {
                        s.htxsnv_of_httnv = a;
                        s.cstdcs_of_ldtt = b;
                    }
                }),
                "ttldtt_more_than_half" => {
                    field!(
                        ctx,
                        map,
                        f,
                        1,
                        "ttldtt_more_than_half",
                        Nullable(BoolH),
                        |b| s.ttldtt_more_than_half = b
                    )
                }
                "bk_path_d_initiatives_on_both_branches" => field!(
                    ctx,
                    map,
                    f,
                    2,
                    "bk_path_d_initiatives_on_both_branches",
                    Nullable(BoolH),
                    |b| s.bk_path_d_initiatives_on_both_branches = b
                ),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        Ok(Some(s))
    }
}

struct QuotasH;
type QuotaPair = (
    Option<crate::settings::Quota>,
    Option<crate::settings::Quota>,
);
object_handler!(QuotasH, QuotaPair);

impl QuotasH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<QuotaPair>, A::Error> {
        let mut f = Fields::new();
        let mut q: QuotaPair = (None, None);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "HTXSNV_of_HTTNV" => {
                    field!(ctx, map, f, 0, "HTXSNV_of_HTTNV", QuotaH, |v| q.0 = Some(v))
                }
                "CSTDCS_of_LDTT" => {
                    field!(ctx, map, f, 1, "CSTDCS_of_LDTT", QuotaH, |v| q.1 = Some(v))
                }
                other => unknown(ctx, &mut map, other)?,
            }
        }
        Ok(Some(q))
    }
}

struct UnitsH;
array_handler!(UnitsH, UnitOut, |i| UnitH { index: i });

struct UnitH {
    index: u32,
}
object_handler!(UnitH, UnitOut);

impl UnitH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<UnitOut>, A::Error> {
        let mut f = Fields::new();
        let mut u = Unit {
            id: String::new(),
            name: String::new(),
            ratings: BTreeMap::new(),
        };
        let mut id_seq = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "id" => field!(ctx, map, f, 0, "id", StrH, |v| {
                    u.id = v;
                    id_seq = ctx.seq;
                }),
                "name" => field!(ctx, map, f, 1, "name", StrH, |v| u.name = v),
                "ratings" => field!(ctx, map, f, 2, "ratings", Nullable(RatingsH), |v| u
                    .ratings =
                    v.unwrap_or_default()),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "id");
        f.require(ctx, 1, "name");
        Ok(Some(UnitOut {
            unit: u,
            index: self.index,
            id_seq,
        }))
    }
}

struct PeopleH;
array_handler!(PeopleH, PersonOut, |i| PersonH { index: i });

struct PersonH {
    index: u32,
}
object_handler!(PersonH, PersonOut);

impl PersonH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<PersonOut>, A::Error> {
        let mut f = Fields::new();
        let mut p = Person::default();
        let (mut id_seq, mut unit_seq) = (0, 0);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "id" => field!(ctx, map, f, 0, "id", StrH, |v| {
                    p.id = v;
                    id_seq = ctx.seq;
                }),
                "name" => field!(ctx, map, f, 1, "name", StrH, |v| p.name = v),
                "unit" => field!(ctx, map, f, 2, "unit", StrH, |v| {
                    p.unit = v;
                    unit_seq = ctx.seq;
                }),
                "recruited_on" => field!(ctx, map, f, 3, "recruited_on", Nullable(DateH), |v| p
                    .recruited_on =
                    v),
                "ratings" => field!(ctx, map, f, 4, "ratings", Nullable(RatingsH), |v| p
                    .ratings =
                    v.unwrap_or_default()),
                "titles" => field!(ctx, map, f, 5, "titles", Nullable(TitlesH), |v| p.titles =
                    v.unwrap_or_default()),
                "awards" => field!(ctx, map, f, 6, "awards", Nullable(AwardsH), |v| p.awards =
                    v.unwrap_or_default()),
                "initiatives" => {
                    field!(ctx, map, f, 7, "initiatives", Nullable(InitiativesH), |v| {
                        p.initiatives = v.unwrap_or_default()
                    })
                }
                "discipline" => field!(ctx, map, f, 8, "discipline", Nullable(DisciplinesH), |v| {
                    p.discipline = v.unwrap_or_default()
                }),
                "absences" => field!(ctx, map, f, 9, "absences", Nullable(AbsencesH), |v| p
                    .absences =
                    v.unwrap_or_default()),
                "pending" => field!(ctx, map, f, 10, "pending", Nullable(BoolH), |v| p.pending =
                    v.unwrap_or(false)),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "id");
        f.require(ctx, 1, "name");
        f.require(ctx, 2, "unit");
        Ok(Some(PersonOut {
            person: p,
            index: self.index,
            id_seq,
            unit_seq,
        }))
    }
}

/// `ratings`: year → rating, no year after the evaluation year.
struct RatingsH;
object_handler!(RatingsH, BTreeMap<i32, Rating>);

impl RatingsH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<BTreeMap<i32, Rating>>, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let raw = map.next_value_seed(Seed {
                ctx: &mut *ctx,
                h: RawH,
            })?;
            let year = parse_year_key(&key);
            let Some(year) = year else {
                ctx.problem_at(&key, msg::bad_year_key(&key));
                continue;
            };
            let rating = match raw {
                // `null`: not rated, as if the year were left out.
                Some(Raw::Scalar(super::de::Scalar::Null)) => continue,
                Some(Raw::Scalar(super::de::Scalar::Str(s))) => {
                    let r = Rating::parse_code(&s);
                    if r.is_none() {
                        ctx.problem_at(&key, msg::not_in_enum(&s, &Rating::allowed()));
                    }
                    r
                }
                Some(other) => {
                    ctx.problem_at(
                        &key,
                        format!(
                            "phải là một mã xếp loại (chuỗi), không phải {}",
                            other.describe()
                        ),
                    );
                    None
                }
                None => None,
            };
            if out.contains_key(&year) {
                ctx.problem_at(&key, msg::duplicate_key());
                continue;
            }
            if let Some(y) = ctx.year_for_check()
                && year > y
            {
                ctx.problem_at(&key, msg::after_year("xếp loại", year, y));
            }
            if let Some(r) = rating {
                out.insert(year, r);
            }
        }
        Ok(Some(out))
    }
}

/// A year key: exactly four digits.
fn parse_year_key(key: &str) -> Option<i32> {
    (key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()))
        .then(|| key.parse().ok())
        .flatten()
}

struct TitlesH;
array_handler!(TitlesH, Title, |_| TitleH);

struct TitleH;
object_handler!(TitleH, Title);

impl TitleH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Title>, A::Error> {
        let mut f = Fields::new();
        let (mut code, mut year, mut ground, mut initiative_id) = (None, None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "code" => field!(ctx, map, f, 0, "code", EnumH::new(), |v| code = Some(v)),
                "year" => field!(ctx, map, f, 1, "year", IntH, |v| {
                    if let Some(y) = ctx.year_for_check()
                        && v >= y
                    {
                        ctx.problem_at("year", msg::title_not_past(v, y));
                    }
                    year = Some(v);
                }),
                "ground" => field!(ctx, map, f, 2, "ground", Nullable(EnumH::new()), |v| {
                    ground = v
                }),
                "initiative_id" => field!(ctx, map, f, 3, "initiative_id", Nullable(StrH), |v| {
                    initiative_id = v
                }),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "code");
        f.require(ctx, 1, "year");
        Ok(code.zip(year).map(|(code, year)| Title {
            code,
            year,
            ground,
            initiative_id,
        }))
    }
}

struct AwardsH;
array_handler!(AwardsH, Award, |_| AwardH);

struct AwardH;
object_handler!(AwardH, Award);

impl AwardH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Award>, A::Error> {
        let mut f = Fields::new();
        let (mut code, mut decided_on, mut period_to_year, mut kind) = (None, None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "code" => field!(ctx, map, f, 0, "code", EnumH::new(), |v| code = Some(v)),
                "decided_on" => field!(ctx, map, f, 1, "decided_on", DateH, |v| {
                    if let Some(y) = ctx.year_for_check()
                        && v.year() > y
                    {
                        ctx.problem_at(
                            "decided_on",
                            msg::after_year("quyết định khen thưởng", v.year(), y),
                        );
                    }
                    decided_on = Some(v);
                }),
                "period_to_year" => field!(ctx, map, f, 2, "period_to_year", Nullable(IntH), |v| {
                    if let (Some(p), Some(y)) = (v, ctx.year_for_check())
                        && p > y
                    {
                        ctx.problem_at(
                            "period_to_year",
                            msg::after_year("thời kỳ thành tích", p, y),
                        );
                    }
                    period_to_year = v;
                }),
                "type" => field!(ctx, map, f, 3, "type", EnumH::new(), |v| kind = Some(v)),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "code");
        f.require(ctx, 1, "decided_on");
        f.require(ctx, 3, "type");
        Ok(match (code, decided_on, kind) {
            (Some(code), Some(decided_on), Some(kind)) => Some(Award {
                code,
                decided_on,
                period_to_year,
                kind,
            }),
            _ => None,
        })
    }
}

struct InitiativesH;
array_handler!(InitiativesH, Initiative, |_| InitiativeH);

struct InitiativeH;
object_handler!(InitiativeH, Initiative);

impl InitiativeH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Initiative>, A::Error> {
        let mut f = Fields::new();
        let (mut id, mut year, mut kind, mut scope) = (None, None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "id" => field!(ctx, map, f, 0, "id", StrH, |v| id = Some(v)),
                "year" => field!(ctx, map, f, 1, "year", IntH, |v| {
                    if let Some(y) = ctx.year_for_check()
                        && v > y
                    {
                        ctx.problem_at("year", msg::after_year("sáng kiến", v, y));
                    }
                    year = Some(v);
                }),
                "kind" => field!(ctx, map, f, 2, "kind", EnumH::new(), |v| kind = Some(v)),
                "scope" => field!(ctx, map, f, 3, "scope", EnumH::new(), |v| scope = Some(v)),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        for (i, k) in ["id", "year", "kind", "scope"].into_iter().enumerate() {
            f.require(ctx, i as u32, k);
        }
        Ok(match (id, year, kind, scope) {
            (Some(id), Some(year), Some(kind), Some(scope)) => Some(Initiative {
                id,
                year,
                kind,
                scope,
            }),
            _ => None,
        })
    }
}

struct DisciplinesH;
array_handler!(DisciplinesH, Discipline, |_| DisciplineH);

struct DisciplineH;
object_handler!(DisciplineH, Discipline);

impl DisciplineH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Discipline>, A::Error> {
        let mut f = Fields::new();
        let (mut effective_on, mut level, mut until) = (None, None, None);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "effective_on" => field!(ctx, map, f, 0, "effective_on", DateH, |v| effective_on =
                    Some(v)),
                "level" => field!(ctx, map, f, 1, "level", EnumH::new(), |v| level = Some(v)),
                "until" => field!(ctx, map, f, 2, "until", Nullable(DateH), |v| until = v),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        f.require(ctx, 0, "effective_on");
        f.require(ctx, 1, "level");
        Ok(effective_on
            .zip(level)
            .map(|(effective_on, level)| Discipline {
                effective_on,
                level,
                until,
            }))
    }
}

struct AbsencesH;
array_handler!(AbsencesH, Absence, |_| AbsenceH);

struct AbsenceH;
object_handler!(AbsenceH, Absence);

impl AbsenceH {
    fn read<'de, A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Absence>, A::Error> {
        let mut f = Fields::new();
        let (mut from, mut to, mut kind) = (None, None, None);
        let mut to_seq = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "from" => field!(ctx, map, f, 0, "from", DateH, |v| from = Some(v)),
                "to" => field!(ctx, map, f, 1, "to", DateH, |v| {
                    to = Some(v);
                    to_seq = ctx.seq;
                }),
                "kind" => field!(ctx, map, f, 2, "kind", EnumH::new(), |v| kind = Some(v)),
                other => unknown(ctx, &mut map, other)?,
            }
        }
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            ctx.problem_at_seq(to_seq, "to", msg::absence_order(a, b));
        }
        f.require(ctx, 0, "from");
        f.require(ctx, 1, "to");
        f.require(ctx, 2, "kind");
        Ok(match (from, to, kind) {
            (Some(from), Some(to), Some(kind)) => Some(Absence { from, to, kind }),
            _ => None,
        })
    }
}
