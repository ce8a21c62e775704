//! From the database to the rule engine's [`Case`]: the agency's units active on the review date
//! with their ratings, its people with their records, mapped to the engine's types.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;
use time::{Date, Month};

use tdkt_domain::policy::Scope;
use tdkt_rules::{
    self as rules, AbsenceKind, AwardCode, AwardType, Case, DisciplineLevel, Ground,
    InitiativeKind, Quota, Rating, Ratio, SettingOverrides, TitleCode,
};
use tdkt_store::org::{self, UnitFilter};
use tdkt_store::people::{self, PersonFilter};
use tdkt_store::records::{self, PersonRecords};
use tdkt_store::{Db, settings};

use crate::error::AppResult;

/// The agency setting that adjusts an evaluation (all parts optional):
/// `{"review_day": "10/12", "decision_dates": {"2024": "2024-12-20"}, "settings": {…}}` —
/// the review day (default 15/12), the decision date of a year (gives the reward money), and the
/// case file's `settings` object (quotas, TTLĐTT strictness, Bằng khen path (d)).
pub const SETTING_KEY: &str = "rules.evaluation";

/// A unit of the case, with what pages need about it.
#[derive(Debug, Clone)]
pub struct UnitMeta {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub path: String,
}

/// A person of the case.
#[derive(Debug, Clone)]
pub struct PersonMeta {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Index in [`Loaded::units`].
    pub unit: usize,
}

/// A case and the rows it was built from (`units[i]` is `case.units[i]`, `people[i]` is
/// `case.people[i]`).
pub struct Loaded {
    pub case: Case,
    pub units: Vec<UnitMeta>,
    pub people: Vec<PersonMeta>,
}

/// Whom the case holds.
pub enum Subjects {
    /// Every unit and active person of the agency.
    Agency,
    /// One person and their unit (individual verdicts depend on nobody else).
    Person(i64),
}

/// Builds the case of `agency_id` for `year` as of `today` (the app clock's date).
pub async fn load(
    db: &Db,
    agency_id: i64,
    year: i32,
    today: Date,
    who: Subjects,
) -> AppResult<Loaded> {
    let setting: Value = settings::get(db, Some(agency_id), SETTING_KEY, Value::Null).await?;
    let mut case = Case::new(year);
    case.review_date = review_date(&setting, year);
    case.decision_date = decision_date(&setting, year);
    case.settings = overrides(setting.get("settings"));
    let review = case.review_date;
    let all = Scope {
        all: true,
        ..Default::default()
    };
    let f = UnitFilter {
        agency_id: Some(agency_id),
        q: None,
        include_dissolved: true,
    };
    let units: Vec<UnitMeta> = org::list_units(db, &all, &f)
        .await?
        .into_iter()
        .filter(|u| u.dissolved_on.is_none_or(|d| d > review))
        .map(|u| UnitMeta {
            id: u.id,
            code: u.code,
            name: u.name,
            path: u.path,
        })
        .collect();
    let basics = match who {
        Subjects::Agency => {
            let f = PersonFilter {
                agency_id: Some(agency_id),
                ..Default::default()
            };
            people::list_people(db, &all, &f, 0, 1_000_000)
                .await?
                .0
                .into_iter()
                .filter(|p| p.active)
                .map(|p| (p.id, p.code, p.full_name, p.unit_id, p.started_on))
                .collect::<Vec<_>>()
        }
        Subjects::Person(id) => {
            let p = people::person(db, id).await?;
            let here = p.active && p.agency_id == agency_id;
            here.then_some((p.id, p.code, p.full_name, p.unit_id, p.started_on))
                .into_iter()
                .collect()
        }
    };
    let unit_index: HashMap<i64, usize> =
        units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    // People who were at the agency on the review date, in a unit of the case.
    let basics: Vec<_> = basics
        .into_iter()
        .filter(|b| b.4.is_none_or(|d| d <= review))
        .filter_map(|(id, code, name, unit, started)| {
            Some((id, code, name, *unit_index.get(&unit?)?, started))
        })
        .collect();
    // A person-only case keeps just that person's unit.
    let (units, basics) = match who {
        Subjects::Agency => (units, basics),
        Subjects::Person(_) => match basics.first() {
            Some(b) => (
                vec![units[b.3].clone()],
                vec![(b.0, b.1.clone(), b.2.clone(), 0, b.4)],
            ),
            None => (Vec::new(), Vec::new()),
        },
    };
    let ids: Vec<i64> = basics.iter().map(|b| b.0).collect();
    let unit_ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let mut recs = records::records_of(db, &ids).await?;
    let mut unit_ratings = records::unit_ratings_of(db, &unit_ids).await?;
    let as_of = if year >= today.year() { today } else { review };
    case.units = units
        .iter()
        .map(|u| rules::Unit {
            id: u.code.clone(),
            name: u.name.clone(),
            ratings: unit_ratings
                .remove(&u.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|r| r.year <= i64::from(year))
                .filter_map(|r| Some((i32::try_from(r.year).ok()?, code::<Rating>(&r.rating)?)))
                .collect(),
        })
        .collect();
    let unit_codes: HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let mut people_meta = Vec::with_capacity(basics.len());
    for (id, code, name, unit, started) in basics {
        let subject = person_subject(&code, &unit_codes);
        let r = recs.remove(&id).unwrap_or_default();
        let mut p = person_input(&r, year, as_of);
        p.id = subject;
        p.name = name.clone();
        p.unit = units[unit].code.clone();
        p.recruited_on = started;
        case.people.push(p);
        people_meta.push(PersonMeta {
            id,
            code,
            name,
            unit,
        });
    }
    Ok(Loaded {
        case,
        units,
        people: people_meta,
    })
}

/// A person's id in the case: the staff code, unless a unit of the agency has that code (ids
/// are unique among units and people together).
pub fn person_subject(code: &str, unit_codes: &HashSet<&str>) -> String {
    if unit_codes.contains(code) {
        format!("{code} (cá nhân)")
    } else {
        code.to_owned()
    }
}

/// A code of the records, in the engine's type; unknown codes (none pass the forms) are left out.
fn code<T: FromCode>(s: &str) -> Option<T> {
    let v = T::from_code(s);
    if v.is_none() {
        tracing::warn!(
            code = s,
            "a record code the rule engine does not know; left out"
        );
    }
    v
}

/// The engine's enumerations, read from their wire codes.
trait FromCode: Sized {
    fn from_code(s: &str) -> Option<Self>;
}

macro_rules! from_code {
    ($($t:ty),*) => {$(
        impl FromCode for $t {
            fn from_code(s: &str) -> Option<Self> {
                <$t>::from_code(s)
            }
        }
    )*};
}
from_code!(
    Rating,
    TitleCode,
    Ground,
    AwardCode,
    AwardType,
    InitiativeKind,
    rules::Scope,
    DisciplineLevel,
    AbsenceKind
);

/// What a person's records say for the evaluation of `year`, as the engine's input. Titles of
/// `year` or later are left out (the engine computes the year's titles); so are ratings, awards
/// and initiatives dated after the year. A pending case counts when it is open on `as_of`.
pub fn person_input(r: &PersonRecords, year: i32, as_of: Date) -> rules::Person {
    let y = i64::from(year);
    let initiative_codes: HashMap<i64, &str> = r
        .initiatives
        .iter()
        .map(|i| (i.id, i.code.as_str()))
        .collect();
    let ratings: BTreeMap<i32, Rating> = r
        .ratings
        .iter()
        .filter(|x| x.year <= y)
        .filter_map(|x| Some((i32::try_from(x.year).ok()?, code(&x.rating)?)))
        .collect();
    let titles = r
        .titles
        .iter()
        .filter(|t| t.year < y && t.revoked_on.is_none())
        .filter_map(|t| {
            Some(rules::Title {
                code: code(&t.code)?,
                year: i32::try_from(t.year).ok()?,
                ground: t.ground.as_deref().and_then(code),
                initiative_id: t
                    .initiative_id
                    .and_then(|i| initiative_codes.get(&i))
                    .map(|c| (*c).to_owned()),
            })
        })
        .collect();
    let awards = r
        .awards
        .iter()
        .filter(|a| a.revoked_on.is_none() && a.decided_on.year() <= year)
        .filter(|a| a.period_to_year.is_none_or(|p| p <= y))
        .filter_map(|a| {
            Some(rules::Award {
                code: code(&a.code)?,
                decided_on: a.decided_on,
                period_to_year: a.period_to_year.and_then(|p| i32::try_from(p).ok()),
                kind: code(&a.kind)?,
            })
        })
        .collect();
    let initiatives = r
        .initiatives
        .iter()
        .filter(|i| i.year <= y)
        .filter_map(|i| {
            Some(rules::Initiative {
                id: i.code.clone(),
                year: i32::try_from(i.year).ok()?,
                kind: code(&i.kind)?,
                scope: code(&i.scope)?,
            })
        })
        .collect();
    let discipline = r
        .discipline
        .iter()
        .filter(|d| d.effective_on.year() <= year)
        .filter_map(|d| {
            Some(rules::Discipline {
                effective_on: d.effective_on,
                level: code(&d.level)?,
                until: d.until_on,
            })
        })
        .collect();
    let absences = r
        .absences
        .iter()
        .filter(|a| a.from_date.year() <= year && a.to_date >= a.from_date)
        .filter_map(|a| {
            Some(rules::Absence {
                from: a.from_date,
                to: a.to_date,
                kind: code(&a.kind)?,
            })
        })
        .collect();
    let pending = r
        .pending
        .iter()
        .any(|c| c.opened_on <= as_of && c.closed_on.is_none_or(|d| d > as_of));
    rules::Person {
        ratings,
        titles,
        awards,
        initiatives,
        discipline,
        absences,
        pending,
        ..Default::default()
    }
}

/// The review date: `review_day` ("dd/mm") of the setting in `year`, else 15 December.
fn review_date(setting: &Value, year: i32) -> Date {
    setting
        .get("review_day")
        .and_then(Value::as_str)
        .and_then(|s| {
            let (d, m) = s.trim().split_once('/')?;
            let m = Month::try_from(m.trim().parse::<u8>().ok()?).ok()?;
            Date::from_calendar_date(year, m, d.trim().parse().ok()?).ok()
        })
        .unwrap_or_else(|| rules::case::default_review_date(year))
}

/// The decision date of `year`, when the setting knows it (ISO or dd/mm/yyyy).
fn decision_date(setting: &Value, year: i32) -> Option<Date> {
    let s = setting
        .get("decision_dates")?
        .get(year.to_string())?
        .as_str()?;
    let d = rules::parse_date(s.trim()).or_else(|| tdkt_domain::vn::parse_date(s))?;
    // The engine refuses a day with no base salary (before 01/07/2017).
    (d.year() >= 2018).then_some(d)
}

/// The case file's `settings` object, read leniently: a value out of range is ignored.
fn overrides(v: Option<&Value>) -> SettingOverrides {
    let Some(v) = v else {
        return SettingOverrides::default();
    };
    let quota = |x: Option<&Value>| match x? {
        Value::Null => Some(Quota::Uncapped),
        n => Ratio::from_f64(n.as_f64()?)
            .filter(|r| r.is_fraction())
            .map(Quota::AtMost),
    };
    let quotas = v.get("quotas");
    SettingOverrides {
        htxsnv_of_httnv: quota(quotas.and_then(|q| q.get("HTXSNV_of_HTTNV"))),
        cstdcs_of_ldtt: quota(quotas.and_then(|q| q.get("CSTDCS_of_LDTT"))),
        ttldtt_more_than_half: v.get("ttldtt_more_than_half").and_then(Value::as_bool),
        bk_path_d_initiatives_on_both_branches: v
            .get("bk_path_d_initiatives_on_both_branches")
            .and_then(Value::as_bool),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use time::macros::date;

    use tdkt_store::records::{PendingCase, Title};

    use super::*;

    fn title(year: i64, code: &str) -> Title {
        Title {
            id: year,
            person_id: Some(1),
            unit_id: None,
            year,
            code: code.into(),
            ground: Some("HTXSNV".into()),
            initiative_id: None,
            decision_no: None,
            decided_on: None,
            issuer: None,
            revoked_on: None,
        }
    }

    #[test]
    fn the_evaluation_years_titles_are_left_to_the_engine() {
        let r = PersonRecords {
            titles: vec![
                title(2023, "CSTDCS"),
                title(2024, "LDTT"),
                title(2025, "LDTT"),
            ],
            ..Default::default()
        };
        let p = person_input(&r, 2024, date!(2024 - 12 - 16));
        assert_eq!(p.titles.len(), 1);
        assert_eq!(p.titles[0].year, 2023);
        assert_eq!(p.titles[0].ground, Some(Ground::Htxsnv));
    }

    #[test]
    fn a_pending_case_counts_while_it_is_open() {
        let case = |closed| PendingCase {
            id: 1,
            person_id: 1,
            kind: "complaint".into(),
            opened_on: date!(2024 - 11 - 18),
            closed_on: closed,
            note: None,
        };
        let with = |c| PersonRecords {
            pending: vec![c],
            ..Default::default()
        };
        let today = date!(2024 - 12 - 16);
        assert!(person_input(&with(case(None)), 2024, today).pending);
        assert!(!person_input(&with(case(Some(date!(2024 - 12 - 01)))), 2024, today).pending);
        assert!(person_input(&with(case(Some(date!(2024 - 12 - 20)))), 2024, today).pending);
        // Opened after the day it is read on.
        assert!(!person_input(&with(case(None)), 2023, date!(2023 - 12 - 15)).pending);
    }

    #[test]
    fn the_setting_adjusts_dates_and_rules() {
        let s = json!({
            "review_day": "10/12",
            "decision_dates": { "2024": "2024-12-20", "2023": "20/12/2023" },
            "settings": { "quotas": { "HTXSNV_of_HTTNV": 0.3, "CSTDCS_of_LDTT": null }, "ttldtt_more_than_half": false }
        });
        assert_eq!(review_date(&s, 2024), date!(2024 - 12 - 10));
        assert_eq!(review_date(&Value::Null, 2024), date!(2024 - 12 - 15));
        assert_eq!(decision_date(&s, 2024), Some(date!(2024 - 12 - 20)));
        assert_eq!(decision_date(&s, 2023), Some(date!(2023 - 12 - 20)));
        assert_eq!(decision_date(&s, 2022), None);
        let o = overrides(s.get("settings"));
        assert_eq!(o.htxsnv_of_httnv, Some(Quota::AtMost(Ratio::new(3, 10))));
        assert_eq!(o.cstdcs_of_ldtt, Some(Quota::Uncapped));
        assert_eq!(o.ttldtt_more_than_half, Some(false));
        assert_eq!(o.bk_path_d_initiatives_on_both_branches, None);
        assert!(overrides(Some(&json!({ "quotas": { "HTXSNV_of_HTTNV": 2 } }))).is_empty());
    }

    #[test]
    fn a_staff_code_equal_to_a_unit_code_gets_another_id() {
        let units: HashSet<&str> = ["VP", "LD"].into_iter().collect();
        assert_eq!(person_subject("KHCN040", &units), "KHCN040");
        assert_eq!(person_subject("VP", &units), "VP (cá nhân)");
    }
}
