//! Ten years of history (2015–2024) for the generated people and units, planned as data and then
//! loaded in bulk without audit rows. The rules of the set in force are followed as the agency
//! demo's history does (DOMAIN.md §4, §4.3b), so that the rule engine confirms every title:
//! - a person is rated in a year when they worked at least 180 days of it up to 15/12; HTXSNV
//!   within 20% of the unit's members rated HTTNV or better; discipline makes the year KHTNV;
//! - LĐTT (2015–2023) for HTTNV or better and 10 months since work began;
//! - CSTĐCS (2015–2023) for an LĐTT with an initiative or an accepted S&T task of that year, within
//!   15% of the unit's LĐTT, each on its own initiative;
//! - TTLĐTT for a unit rated HTTNV or better with more than half its members LĐTT; TTLĐXS for a
//!   unit rated HTXSNV whose members are all rated HTNV or better, at least 70% LĐTT, with a
//!   CSTĐCS;
//! - Giấy khen of the agency's head for a few LĐTT; Bằng khen of the province (path (d)) for some
//!   who were CSTĐCS two years running with two more initiatives in those years.
//!
//! 2024 is rated but carries no titles: the rule engine evaluates them.

use std::ops::Range;

use time::{Date, Month};

use tdkt_store::audit::Ctx;
use tdkt_store::bulk::{Inserter, Val, next_id};
use tdkt_store::{StoreResult, Tx};

use super::org::{Agency, FIRST_YEAR, UnitSpec};
use super::people::Gen;
use crate::demo::featured::CHU_TICH;
use crate::demo::history::{add_months, ratable, review_date, tenure_ok};
use crate::demo::rng::Rng;

/// The evaluation year of the demo.
pub const YEAR: i32 = 2024;

pub const RATINGS: [&str; 4] = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"];
const HTXSNV: u8 = 0;
const HTTNV: u8 = 1;
const HTNV: u8 = 2;
const KHTNV: u8 = 3;

fn good(r: u8) -> bool {
    r <= HTTNV
}

/// Who decided: the agency's head (by index) or the province's chairman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Agency(usize),
    Province,
}

/// A decision: who, for which year's results, and which of the year's papers it is (the
/// agency's: 0 LĐTT, 1 CSTĐCS, 2 TTLĐTT, 3 Giấy khen, 4 initiatives, 5 S&T tasks; the
/// province's: 0 TTLĐXS, 1 Bằng khen).
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub by: By,
    pub year: i32,
    pub paper: u32,
}

/// The province's decisions conferring TTLĐXS (the agency demo's, 2020–2023, included).
const PROVINCE_TTLDXS: &[(i32, u32, Date)] = &[
    (2015, 412, time::macros::date!(2016 - 03 - 14)),
    (2016, 389, time::macros::date!(2017 - 03 - 13)),
    (2017, 365, time::macros::date!(2018 - 03 - 12)),
    (2018, 398, time::macros::date!(2019 - 03 - 11)),
    (2019, 421, time::macros::date!(2020 - 03 - 16)),
    (2020, 436, time::macros::date!(2021 - 03 - 15)),
    (2021, 352, time::macros::date!(2022 - 03 - 10)),
    (2022, 306, time::macros::date!(2023 - 03 - 08)),
    (2023, 301, time::macros::date!(2024 - 03 - 12)),
];

impl Decision {
    pub fn date(&self) -> Date {
        match self.by {
            By::Agency(a) => {
                let (month, day) = match self.paper {
                    4 => (Month::November, 14 + (a % 10) as u8),
                    5 => (Month::October, 14 + (a % 10) as u8),
                    _ => (Month::December, 18 + (a % 10) as u8),
                };
                Date::from_calendar_date(self.year, month, day).expect("a valid day")
            }
            By::Province if self.paper == 0 => PROVINCE_TTLDXS
                .iter()
                .find(|d| d.0 == self.year)
                .map_or_else(|| review_date(self.year + 1), |d| d.2),
            By::Province => {
                Date::from_calendar_date(self.year + 1, Month::April, 22).expect("a valid day")
            }
        }
    }

    pub fn number(&self, agencies: &[Agency]) -> String {
        match self.by {
            By::Agency(a) => {
                let base = 100 + (a as i64 * 37 + i64::from(self.year - FIRST_YEAR) * 11) % 200;
                format!(
                    "{}/QĐ-{}",
                    base + i64::from(self.paper) * 2,
                    agencies[a].def.symbol
                )
            }
            By::Province if self.paper == 0 => {
                let n = PROVINCE_TTLDXS
                    .iter()
                    .find(|d| d.0 == self.year)
                    .map_or(400, |d| d.1);
                format!("{n}/QĐ-UBND")
            }
            By::Province => format!("{}/QĐ-UBND", 560 + (self.year - FIRST_YEAR) * 13),
        }
    }

    pub fn issuer<'a>(&self, agencies: &'a [Agency]) -> &'a str {
        match self.by {
            By::Agency(a) => &agencies[a].issuer,
            By::Province => CHU_TICH,
        }
    }
}

/// An initiative or S&T task (a ground of CSTĐCS, or one of the two of a Bằng khen).
pub struct PlannedInitiative {
    pub id: i64,
    pub person: usize,
    pub year: i32,
    pub st_task: bool,
    pub title: String,
    pub recognition: Decision,
}

impl PlannedInitiative {
    /// Its code: kind, year, the person's staff code and its id (a person may have two a year).
    pub fn code(&self, people: &[Gen]) -> String {
        let kind = if self.st_task { "NV" } else { "SK" };
        format!(
            "{kind}-{}-{}-{}",
            self.year, people[self.person].draft.code, self.id
        )
    }
}

/// A title on a person (index in the people) or a unit (index in the units).
pub struct PlannedTitle {
    pub person: Option<usize>,
    pub unit: Option<usize>,
    pub year: i32,
    pub code: &'static str,
    /// The initiative a CSTĐCS rests on (its id).
    pub initiative: Option<i64>,
    pub ground: Option<&'static str>,
    pub decision: Decision,
}

pub struct PlannedAward {
    pub person: usize,
    pub code: &'static str,
    pub kind: &'static str,
    pub decided_on: Date,
    pub period: Option<(i32, i32)>,
    pub decision: Decision,
    pub reason: String,
}

/// The whole history of the generated world.
#[derive(Default)]
pub struct History {
    /// (person, year, rating index in [`RATINGS`]).
    pub ratings: Vec<(u32, i16, u8)>,
    pub unit_ratings: Vec<(u32, i16, u8)>,
    pub initiatives: Vec<PlannedInitiative>,
    pub titles: Vec<PlannedTitle>,
    pub awards: Vec<PlannedAward>,
    /// (person, effective, until): khiển trách.
    pub discipline: Vec<(usize, Date, Date)>,
    /// (person, from, to): maternity leave (counts as work).
    pub absences: Vec<(usize, Date, Date)>,
    /// (person, opened): a complaint under review at the end of 2024.
    pub pending: Vec<(usize, Date)>,
}

const FIELDS: &[&str] = &[
    "công tác tham mưu, tổng hợp",
    "giải quyết thủ tục hành chính",
    "quản lý hồ sơ, tài liệu",
    "công tác chuyên môn",
    "công tác tuyên truyền",
    "công tác kiểm tra, giám sát",
    "quản lý tài chính, tài sản công",
    "chuyển đổi số",
];
const FORMS: &[&str] = &[
    "Giải pháp nâng cao hiệu quả",
    "Ứng dụng công nghệ thông tin trong",
    "Đổi mới quy trình",
    "Giải pháp nâng cao chất lượng",
];
const TASKS: &[&str] = &[
    "Nghiên cứu, đề xuất giải pháp",
    "Xây dựng mô hình",
    "Nghiên cứu ứng dụng",
];

fn initiative_title(rng: &mut Rng, unit: &str, st_task: bool) -> String {
    let field = rng.pick(FIELDS);
    if st_task {
        format!("{} {field} trên địa bàn tỉnh Bắc Giang", rng.pick(TASKS))
    } else {
        format!("{} {field} tại {unit}", rng.pick(FORMS))
    }
}

/// The people of each generated unit (they are generated unit by unit).
fn ranges(units: &[UnitSpec], people: &[Gen]) -> Vec<Range<usize>> {
    let mut out = vec![0..0; units.len()];
    let mut i = 0;
    while i < people.len() {
        let u = people[i].unit;
        let start = i;
        while i < people.len() && people[i].unit == u {
            i += 1;
        }
        out[u] = start..i;
    }
    out
}

/// Plans the history of the generated people and units.
pub fn plan(units: &[UnitSpec], people: &[Gen], first_initiative: i64, rng: &mut Rng) -> History {
    let mut h = History::default();
    let mut next_initiative = first_initiative;
    // (year → rating) of the current unit's people, reused.
    let years = (YEAR - FIRST_YEAR + 1) as usize;
    for (ui, range) in ranges(units, people).into_iter().enumerate() {
        let unit = &units[ui];
        let n = range.len();
        let mut rating: Vec<Option<u8>> = vec![None; n * years];
        let mut ldtt: Vec<bool> = vec![false; n * years];
        let mut cstdcs: Vec<bool> = vec![false; n * years];
        let mut bk_until = vec![i32::MIN; n];
        for year in FIRST_YEAR..=YEAR {
            let y = (year - FIRST_YEAR) as usize;
            let review = review_date(year);
            let mut goods = Vec::new();
            for (k, p) in range.clone().enumerate() {
                let started = people[p].started();
                if !ratable(started, year) || (year == YEAR && rng.chance(1)) {
                    continue;
                }
                let r = match rng.below(1000) {
                    0..15 => KHTNV,
                    15..85 => HTNV,
                    _ => HTTNV,
                };
                if r == KHTNV && rng.chance(50) {
                    let on = Date::from_calendar_date(year, Month::March, 1).expect("day")
                        + time::Duration::days(rng.below(80) as i64);
                    h.discipline.push((p, on, add_months(on, 6)));
                }
                if people[p].female() && started.year() < year && rng.chance(2) {
                    let from = Date::from_calendar_date(year, Month::February, 1).expect("day")
                        + time::Duration::days(rng.below(150) as i64);
                    h.absences
                        .push((p, from, add_months(from, 6) - time::Duration::days(1)));
                }
                rating[k * years + y] = Some(r);
                if r == HTTNV {
                    goods.push(k);
                }
            }
            // HTXSNV within 20% of those rated HTTNV or better.
            for _ in 0..goods.len() / 5 {
                if goods.is_empty() || !rng.chance(75) {
                    continue;
                }
                let k = goods.swap_remove(rng.below(goods.len()));
                rating[k * years + y] = Some(HTXSNV);
            }
            if year == YEAR {
                continue;
            }
            let mut holders = Vec::new();
            for (k, p) in range.clone().enumerate() {
                if rating[k * years + y].is_some_and(good) && tenure_ok(people[p].started(), year) {
                    ldtt[k * years + y] = true;
                    holders.push(k);
                    h.titles.push(PlannedTitle {
                        person: Some(p),
                        unit: None,
                        year,
                        code: "LDTT",
                        initiative: None,
                        ground: None,
                        decision: Decision {
                            by: By::Agency(people[p].agency),
                            year,
                            paper: 0,
                        },
                    });
                }
            }
            // CSTĐCS within 15% of the LĐTT, each on a new initiative of the year.
            for _ in 0..holders.len() * 15 / 100 {
                if !rng.chance(60) {
                    continue;
                }
                let best: Vec<usize> = holders
                    .iter()
                    .copied()
                    .filter(|&k| rating[k * years + y] == Some(HTXSNV))
                    .collect();
                let pool = if best.is_empty() { &holders } else { &best };
                let k = pool[rng.below(pool.len())];
                holders.retain(|&x| x != k);
                let p = range.start + k;
                let st_task = rng.chance(20);
                let id = next_initiative;
                next_initiative += 1;
                h.initiatives.push(PlannedInitiative {
                    id,
                    person: p,
                    year,
                    st_task,
                    title: initiative_title(rng, &unit.name, st_task),
                    recognition: Decision {
                        by: By::Agency(people[p].agency),
                        year,
                        paper: if st_task { 5 } else { 4 },
                    },
                });
                cstdcs[k * years + y] = true;
                h.titles.push(PlannedTitle {
                    person: Some(p),
                    unit: None,
                    year,
                    code: "CSTDCS",
                    initiative: Some(id),
                    ground: Some(if st_task { "st_task" } else { "initiative" }),
                    decision: Decision {
                        by: By::Agency(people[p].agency),
                        year,
                        paper: 1,
                    },
                });
                // Two years running, and two more initiatives in them: Bằng khen (path (d)).
                if y > 0 && cstdcs[k * years + y - 1] && bk_until[k] < year - 1 && rng.chance(30) {
                    for yy in [year - 1, year] {
                        let id = next_initiative;
                        next_initiative += 1;
                        h.initiatives.push(PlannedInitiative {
                            id,
                            person: p,
                            year: yy,
                            st_task: false,
                            title: initiative_title(rng, &unit.name, false),
                            recognition: Decision {
                                by: By::Agency(people[p].agency),
                                year: yy,
                                paper: 4,
                            },
                        });
                    }
                    let decision = Decision {
                        by: By::Province,
                        year,
                        paper: 1,
                    };
                    h.awards.push(PlannedAward {
                        person: p,
                        code: "BK_TINH",
                        kind: "cong_trang",
                        decided_on: decision.date(),
                        period: Some((year - 1, year)),
                        decision,
                        reason: format!(
                            "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {} và năm {year}",
                            year - 1
                        ),
                    });
                    bk_until[k] = year;
                }
            }
            // Giấy khen of the agency's head for a few LĐTT.
            for &k in &holders {
                if rng.chance(5) {
                    let p = range.start + k;
                    let decision = Decision {
                        by: By::Agency(people[p].agency),
                        year,
                        paper: 3,
                    };
                    h.awards.push(PlannedAward {
                        person: p,
                        code: "GK",
                        kind: "cong_trang",
                        decided_on: decision.date(),
                        period: Some((year, year)),
                        decision,
                        reason: format!(
                            "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}"
                        ),
                    });
                }
            }
            // The unit: its rating and title. Every member on the review date counts.
            let unit_rating = match rng.below(100) {
                0..20 => HTXSNV,
                20..97 => HTTNV,
                _ => HTNV,
            };
            h.unit_ratings.push((ui as u32, year as i16, unit_rating));
            let members: Vec<usize> = (0..n)
                .filter(|&k| people[range.start + k].started() <= review)
                .collect();
            if members.is_empty() {
                continue;
            }
            let m = members.len();
            let n_ldtt = members.iter().filter(|&&k| ldtt[k * years + y]).count();
            let n_cstdcs = members.iter().filter(|&&k| cstdcs[k * years + y]).count();
            let all_done = members
                .iter()
                .all(|&k| rating[k * years + y].is_some_and(|r| r != KHTNV));
            let title =
                if unit_rating == HTXSNV && all_done && n_ldtt * 10 >= m * 7 && n_cstdcs >= 1 {
                    Some(("TTLDXS", By::Province, 0))
                } else if good(unit_rating) && n_ldtt * 2 > m {
                    Some(("TTLDTT", By::Agency(unit.agency), 2))
                } else {
                    None
                };
            if let Some((code, by, paper)) = title {
                h.titles.push(PlannedTitle {
                    person: None,
                    unit: Some(ui),
                    year,
                    code,
                    initiative: None,
                    ground: None,
                    decision: Decision { by, year, paper },
                });
            }
        }
        // The 2024 unit rating (its titles are the engine's to find).
        let r = if rng.chance(20) { HTXSNV } else { HTTNV };
        h.unit_ratings.push((ui as u32, YEAR as i16, r));
        for (k, p) in range.clone().enumerate() {
            for y in 0..years {
                if let Some(r) = rating[k * years + y] {
                    h.ratings
                        .push((p as u32, (FIRST_YEAR + y as i32) as i16, r));
                }
            }
        }
        // 2024: a few initiatives recognised in November; a complaint here and there.
        for p in range.clone() {
            if rng.chance(3) && ratable(people[p].started(), YEAR) {
                let st_task = rng.chance(20);
                h.initiatives.push(PlannedInitiative {
                    id: next_initiative,
                    person: p,
                    year: YEAR,
                    st_task,
                    title: initiative_title(rng, &unit.name, st_task),
                    recognition: Decision {
                        by: By::Agency(people[p].agency),
                        year: YEAR,
                        paper: if st_task { 5 } else { 4 },
                    },
                });
                next_initiative += 1;
            }
            if rng.below(1000) == 0 {
                let on = Date::from_calendar_date(YEAR, Month::November, 1).expect("day")
                    + time::Duration::days(rng.below(30) as i64);
                h.pending.push((p, on));
            }
        }
    }
    h
}

/// Writes the history, without audit rows. `people[i]` and `units[i]` give the ids.
pub async fn write(
    tx: &mut Tx,
    ctx: &Ctx,
    agencies: &[Agency],
    units: &[UnitSpec],
    people: &[Gen],
    h: &History,
) -> StoreResult<()> {
    let now = ctx.clock.now();
    let mut ins = Inserter::new(
        "person_rating",
        &["person_id", "year", "rating", "unit_id", "created_at"],
    );
    for &(p, year, r) in &h.ratings {
        let g = &people[p as usize];
        ins.push(
            tx,
            [
                g.id.into(),
                i64::from(year).into(),
                RATINGS[r as usize].into(),
                units[g.unit].id.into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new("unit_rating", &["unit_id", "year", "rating", "created_at"]);
    for &(u, year, r) in &h.unit_ratings {
        ins.push(
            tx,
            [
                units[u as usize].id.into(),
                i64::from(year).into(),
                RATINGS[r as usize].into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "initiative",
        &[
            "id",
            "code",
            "person_id",
            "year",
            "kind",
            "scope",
            "title",
            "recognition_ref",
            "recognized_on",
            "created_at",
        ],
    );
    for i in &h.initiatives {
        let g = &people[i.person];
        let code = i.code(people);
        ins.push(
            tx,
            [
                i.id.into(),
                code.into(),
                g.id.into(),
                i64::from(i.year).into(),
                if i.st_task { "st_task" } else { "initiative" }.into(),
                "co_so".into(),
                i.title.as_str().into(),
                i.recognition.number(agencies).into(),
                i.recognition.date().into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "title",
        &[
            "person_id",
            "unit_id",
            "year",
            "code",
            "ground",
            "initiative_id",
            "decision_no",
            "decided_on",
            "issuer",
            "created_at",
        ],
    );
    for t in &h.titles {
        ins.push(
            tx,
            [
                t.person.map(|p| people[p].id).into(),
                t.unit.map(|u| units[u].id).into(),
                i64::from(t.year).into(),
                t.code.into(),
                t.ground.into(),
                t.initiative.into(),
                t.decision.number(agencies).into(),
                t.decision.date().into(),
                t.decision.issuer(agencies).into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "award",
        &[
            "person_id",
            "code",
            "kind",
            "decided_on",
            "period_from_year",
            "period_to_year",
            "decision_no",
            "issuer",
            "reason",
            "created_at",
        ],
    );
    for a in &h.awards {
        ins.push(
            tx,
            [
                people[a.person].id.into(),
                a.code.into(),
                a.kind.into(),
                a.decided_on.into(),
                a.period.map(|p| i64::from(p.0)).into(),
                a.period.map(|p| i64::from(p.1)).into(),
                a.decision.number(agencies).into(),
                a.decision.issuer(agencies).into(),
                a.reason.as_str().into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "discipline",
        &[
            "person_id",
            "level",
            "effective_on",
            "until_on",
            "note",
            "created_at",
        ],
    );
    for &(p, on, until) in &h.discipline {
        ins.push(
            tx,
            [
                people[p].id.into(),
                "khien_trach".into(),
                on.into(),
                until.into(),
                "Vi phạm quy chế làm việc của cơ quan".into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "absence",
        &[
            "person_id",
            "from_date",
            "to_date",
            "kind",
            "note",
            "created_at",
        ],
    );
    for &(p, from, to) in &h.absences {
        ins.push(
            tx,
            [
                people[p].id.into(),
                from.into(),
                to.into(),
                "maternity".into(),
                "Nghỉ thai sản".into(),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    let mut ins = Inserter::new(
        "pending_case",
        &["person_id", "kind", "opened_on", "note", "created_at"],
    );
    for &(p, on) in &h.pending {
        ins.push(
            tx,
            [
                people[p].id.into(),
                "complaint".into(),
                on.into(),
                Val::from("Đơn khiếu nại đang được xem xét"),
                now.into(),
            ],
        )
        .await?;
    }
    ins.finish(tx).await?;
    Ok(())
}

/// The first id for new initiatives.
pub async fn first_initiative_id(tx: &mut Tx) -> StoreResult<i64> {
    next_id(tx, "initiative").await
}
