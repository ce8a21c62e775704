//! The 2024 movement across the province: each agency's plan (the seed plan with the agency's
//! header, symbol and signer, launched in the second half of January), then registrations of units
//! and people with their targets, every version of them, and progress through the year.
//!
//! Most registrations were sent by 31/01 and approved in early February; some wait for review,
//! some were returned (a few still are), a few stayed drafts, a few people never registered, and
//! people hired after the deadline registered when the Office reopened their registration.
//! Targets carry last year's value (some not higher: "3 hơn" flags them); progress comes at the
//! end of quarters, most targets are met, some lag, and those past their due date are overdue.

use serde_json::json;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use tdkt_docs::plan::Plan;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::bulk::{Inserter, Val, lookup, next_id};
use tdkt_store::plans::{self, Derived};
use tdkt_store::{Clock, StoreError, StoreResult, Tx};

use super::org::Agency;
use crate::demo::rng::Rng;

/// A unit of the movement: its registration and reports, and its members'.
pub struct MUnit {
    pub id: i64,
    pub agency: usize,
    /// The unit it is nested in (its reports are that unit's).
    pub parent: Option<i64>,
    pub name: String,
    pub members: Vec<MPerson>,
    /// Index in `members` of its head (who reviews the members' registrations).
    pub head: Option<usize>,
}

pub struct MPerson {
    pub id: i64,
    pub user: Option<i64>,
    pub name: String,
    pub started: Date,
}

/// The plan's dates the movement runs on (from the plan's data, not constants).
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub registration: Date,
    pub mid_year: Date,
    pub year_end: Date,
    pub rating: Date,
}

impl Dates {
    pub fn of(d: &Derived) -> StoreResult<Dates> {
        let get = |kind: &str| {
            d.deadlines
                .iter()
                .find(|x| x.0 == kind)
                .map(|x| x.1)
                .ok_or_else(|| StoreError::Other(format!("the seed plan has no {kind} deadline")))
        };
        Ok(Dates {
            registration: get("registration")?,
            mid_year: get("mid_year_report")?,
            year_end: get("year_end_report")?,
            rating: get("rating")?,
        })
    }
}

/// A moment of a day in Vietnam, in UTC as stored.
pub fn at(d: Date, hour: u8, minute: u8) -> OffsetDateTime {
    PrimitiveDateTime::new(d, Time::from_hms(hour, minute, 0).expect("a valid time"))
        .assume_offset(UtcOffset::from_hms(7, 0, 0).expect("+07:00"))
        .to_offset(UtcOffset::UTC)
}

fn days(d: Date, n: i64) -> Date {
    d + time::Duration::days(n)
}

/// The seed plan (as JSON) made an agency's own: its header, symbol, name and signer.
pub fn agency_plan(seed: &str, a: &Agency, signer: &str) -> StoreResult<(String, Derived)> {
    let bad = |e: serde_json::Error| StoreError::Other(e.to_string());
    let mut v: serde_json::Value = serde_json::from_str(seed).map_err(bad)?;
    v["issuing_body"] = json!(a.def.header);
    v["agency_symbol"] = json!(a.def.symbol);
    v["signer"] = json!({ "position": a.head_post.to_uppercase(), "name": signer });
    v["archive"] = json!("VT, VP");
    let text = v
        .to_string()
        .replace("Sở Khoa học và Công nghệ", a.def.short);
    let plan: Plan = serde_json::from_str(&text).map_err(bad)?;
    let content = serde_json::to_string(&plan).map_err(bad)?;
    Ok((content, tdkt_web::plan_edit::derive(&plan)))
}

/// Creates and launches an agency's 2024 plan as its Office did; returns the plan's id.
pub async fn launch(
    tx: &mut Tx,
    office: Who,
    agency_id: i64,
    content: &str,
    derived: &Derived,
    launched: Date,
) -> StoreResult<i64> {
    let ctx = |d: Date| Ctx {
        clock: Clock::new(Some(d), "Asia/Ho_Chi_Minh").expect("a known time zone"),
        who: office.clone(),
    };
    let id = plans::create_plan(
        tx,
        &ctx(days(launched, -2)),
        agency_id,
        2024,
        content,
        derived,
    )
    .await?;
    plans::publish(tx, &ctx(launched), id, None, None, content).await?;
    Ok(id)
}

/// The plan an agency already has for 2024 (the agency demo's, for KHCN).
pub async fn existing_plan(tx: &mut Tx, agency_id: i64) -> StoreResult<Option<i64>> {
    lookup(
        tx,
        "plan",
        &[
            ("agency_id", &Val::from(agency_id)),
            ("year", &Val::from(2024_i64)),
        ],
    )
    .await
}

/// (name, unit of measure, low, high) of a person's targets.
const PERSON_TARGETS: &[(&str, &str, u32, u32)] = &[
    ("Tỷ lệ nhiệm vụ được giao hoàn thành đúng hạn", "%", 95, 100),
    ("Số sáng kiến, giải pháp được công nhận", "sáng kiến", 1, 2),
    (
        "Số văn bản, báo cáo tham mưu được ban hành",
        "văn bản",
        12,
        60,
    ),
    (
        "Số lớp tập huấn, bồi dưỡng chuyên môn tham gia",
        "lớp",
        1,
        4,
    ),
    ("Số bài viết tuyên truyền, chia sẻ kinh nghiệm", "bài", 2, 8),
    ("Số hồ sơ, công việc được giải quyết", "hồ sơ", 50, 300),
    (
        "Số giờ tự học, nghiên cứu nâng cao trình độ",
        "giờ",
        40,
        120,
    ),
];

/// (name, unit of measure, low, high) of a unit's targets.
const UNIT_TARGETS: &[(&str, &str, u32, u32)] = &[
    (
        "Tỷ lệ công chức, viên chức đạt danh hiệu Lao động tiên tiến",
        "%",
        70,
        90,
    ),
    (
        "Tỷ lệ nhiệm vụ trong chương trình công tác hoàn thành đúng hạn",
        "%",
        95,
        100,
    ),
    ("Số sáng kiến được công nhận", "sáng kiến", 2, 6),
    (
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "%",
        98,
        100,
    ),
    ("Số văn bản tham mưu được ban hành", "văn bản", 40, 200),
    (
        "Số buổi sinh hoạt chuyên đề, học tập chính trị",
        "buổi",
        4,
        12,
    ),
    ("Tỷ lệ giải ngân kế hoạch vốn được giao", "%", 90, 100),
];

const COMMITMENTS: &[&str] = &[
    "Thực hiện “3 đảm, 3 hơn, 5 rõ”: đảm bảo công việc, đảm bảo kỷ cương, đảm bảo đoàn kết; năng suất, chất lượng, hiệu quả hơn năm trước; rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả.",
    "Hoàn thành tốt và vượt các chỉ tiêu được giao; chấp hành nghiêm kỷ luật, kỷ cương hành chính; tích cực tham gia các phong trào thi đua của cơ quan.",
    "Phấn đấu hoàn thành xuất sắc nhiệm vụ; có sáng kiến, giải pháp được công nhận; gương mẫu trong thực hiện nội quy, quy chế của cơ quan.",
];

const RETURN_REASONS: &[&str] = &[
    "Chỉ tiêu chưa cao hơn năm trước, đề nghị xem lại theo tinh thần “3 hơn”.",
    "Thiếu đơn vị tính và thời hạn hoàn thành của một số chỉ tiêu.",
    "Danh hiệu đăng ký chưa phù hợp với kết quả xếp loại năm trước, đề nghị điều chỉnh.",
];

/// The days progress is reported on.
const PROGRESS_DAYS: &[(Month, u8, &str)] = &[
    (Month::March, 29, "Cập nhật tiến độ quý I"),
    (Month::June, 28, "Cập nhật tiến độ 6 tháng đầu năm"),
    (Month::September, 27, "Cập nhật tiến độ 9 tháng"),
    (Month::November, 29, "Cập nhật tiến độ tháng 11"),
    (Month::December, 13, "Kết quả thực hiện đến giữa tháng 12"),
];

/// What a registration's review came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Draft,
    Submitted,
    Returned,
    /// Returned once, fixed, approved.
    Fixed,
    Approved,
}

impl Outcome {
    fn status(self) -> &'static str {
        match self {
            Outcome::Draft => "draft",
            Outcome::Submitted => "submitted",
            Outcome::Returned => "returned",
            Outcome::Fixed | Outcome::Approved => "approved",
        }
    }
}

/// A registration as a report counts it: (person or None for the unit's own, name, title,
/// status, the day it was sent).
pub type Registered = (
    Option<i64>,
    String,
    Option<&'static str>,
    Option<&'static str>,
    Option<Date>,
);

/// What a unit's reports are drawn from.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Targets of registrations sent: (the day sent, due, the day it was met if it was).
    pub targets: Vec<(Date, Date, Option<Date>)>,
    /// The unit's own registration first, then each member's (registered or not).
    pub titles: Vec<Registered>,
}

impl Tally {
    /// (registered targets, met, on track, overdue) on `day`.
    pub fn on(&self, day: Date) -> (usize, usize, usize, usize) {
        let (mut n, mut met, mut on_track, mut overdue) = (0, 0, 0, 0);
        for (sent, due, done) in &self.targets {
            if *sent > day {
                continue;
            }
            n += 1;
            match done {
                Some(d) if *d <= day => met += 1,
                _ if *due < day => overdue += 1,
                _ => on_track += 1,
            }
        }
        (n, met, on_track, overdue)
    }

    /// Members whose registration was sent (submitted or approved) by `day`.
    pub fn registered_members(&self, day: Date) -> usize {
        self.titles
            .iter()
            .filter(|t| t.0.is_some() && matches!(t.3, Some("submitted" | "approved")))
            .filter(|t| t.4.is_some_and(|s| s <= day))
            .count()
    }

    pub fn add(&mut self, other: &Tally) {
        self.targets.extend_from_slice(&other.targets);
        self.titles.extend(other.titles.iter().cloned());
    }
}

/// The inserters of the movement's tables, and the ids they number from.
pub struct Writers {
    pub registration: Inserter,
    pub target: Inserter,
    pub version: Inserter,
    pub progress: Inserter,
    next_registration: i64,
    next_target: i64,
}

impl Writers {
    pub async fn new(tx: &mut Tx) -> StoreResult<Writers> {
        Ok(Writers {
            registration: Inserter::new(
                "registration",
                &[
                    "id",
                    "plan_id",
                    "agency_id",
                    "unit_id",
                    "person_id",
                    "owner_key",
                    "title_code",
                    "commitment",
                    "status",
                    "version",
                    "return_reason",
                    "reopened_until",
                    "submitted_at",
                    "reviewed_at",
                    "reviewed_by",
                    "created_at",
                    "updated_at",
                ],
            ),
            target: Inserter::new(
                "target",
                &[
                    "id",
                    "registration_id",
                    "position",
                    "name",
                    "value",
                    "unit_of_measure",
                    "last_year_value",
                    "responsible_person_id",
                    "due_on",
                    "created_at",
                    "updated_at",
                ],
            ),
            version: Inserter::new(
                "registration_version",
                &[
                    "registration_id",
                    "version",
                    "status",
                    "action",
                    "content",
                    "reason",
                    "actor_id",
                    "at",
                ],
            ),
            progress: Inserter::new(
                "progress",
                &[
                    "target_id",
                    "reported_on",
                    "value",
                    "note",
                    "created_by",
                    "created_at",
                ],
            ),
            next_registration: next_id(tx, "registration").await?,
            next_target: next_id(tx, "target").await?,
        })
    }

    pub async fn finish(&mut self, tx: &mut Tx) -> StoreResult<[u64; 4]> {
        Ok([
            self.registration.finish(tx).await?,
            self.target.finish(tx).await?,
            self.version.finish(tx).await?,
            self.progress.finish(tx).await?,
        ])
    }
}

/// Who registers: a unit (its head writes it, the Office reviews) or a person (the unit head
/// reviews).
pub struct Owner<'a> {
    /// The unit's name, or the person's.
    pub name: &'a str,
    pub plan_id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub person: Option<&'a MPerson>,
    /// The person named responsible for the targets.
    pub responsible: Option<i64>,
    pub author: Option<i64>,
    pub reviewer: Option<i64>,
}

/// Writes one registration with its targets, versions and progress; adds its targets to `tally`.
pub async fn register(
    tx: &mut Tx,
    w: &mut Writers,
    rng: &mut Rng,
    dates: &Dates,
    launched: Date,
    o: &Owner<'_>,
    tally: &mut Tally,
) -> StoreResult<Option<Outcome>> {
    let late_hire = o.person.is_some_and(|p| p.started > dates.registration);
    let outcome = match rng.below(100) {
        _ if late_hire && rng.chance(40) => None,
        _ if late_hire => Some(Outcome::Approved),
        0..3 => None,
        3..4 => Some(Outcome::Draft),
        4..5 => Some(Outcome::Returned),
        5..7 => Some(Outcome::Submitted),
        7..10 => Some(Outcome::Fixed),
        _ => Some(Outcome::Approved),
    };
    let owner_id = o.person.map(|p| p.id);
    let Some(outcome) = outcome else {
        tally
            .titles
            .push((owner_id, o.name.to_owned(), None, None, None));
        return Ok(None);
    };
    let id = w.next_registration;
    w.next_registration += 1;
    // When it was written, sent and reviewed.
    let (written, reopened_until) = match o.person {
        Some(p) if late_hire => (
            days(p.started, rng.range(3, 10) as i64),
            Some(days(p.started, 30)),
        ),
        _ => {
            let span = (dates.registration - launched).whole_days().max(1);
            (days(launched, 1 + rng.below(span as usize) as i64), None)
        }
    };
    let sent = days(written, rng.below(2) as i64).min(dates.registration.max(written));
    let reviewed = days(sent, rng.range(1, 9) as i64);
    let (title, targets_from): (&'static str, &[(&str, &str, u32, u32)]) = match o.person {
        Some(_) => (
            if rng.chance(20) { "CSTDCS" } else { "LDTT" },
            PERSON_TARGETS,
        ),
        None => (
            if rng.chance(15) { "TTLDXS" } else { "TTLDTT" },
            UNIT_TARGETS,
        ),
    };
    let commitment = *rng.pick(COMMITMENTS);
    let n_targets = if o.person.is_some() {
        rng.range(2, 4)
    } else {
        rng.range(3, 5)
    } as usize;
    let mut picked: Vec<usize> = (0..targets_from.len()).collect();
    let mut targets = Vec::with_capacity(n_targets);
    for pos in 0..n_targets {
        let (name, unit, lo, hi) = targets_from[picked.swap_remove(rng.below(picked.len()))];
        let value = f64::from(rng.range(lo as i32, hi as i32));
        let last = match rng.below(100) {
            0..30 => None,
            30..36 => Some(value),
            _ if unit == "%" => Some((value - f64::from(rng.range(1, 5))).max(0.0)),
            _ => Some((value * f64::from(rng.range(70, 95)) / 100.0).floor()),
        };
        let due = match rng.below(100) {
            0..60 => Date::from_calendar_date(2024, Month::December, 31).expect("day"),
            60..85 => dates.rating,
            85..93 => Date::from_calendar_date(2024, Month::September, 30).expect("day"),
            _ => Date::from_calendar_date(2024, Month::June, 30).expect("day"),
        };
        let tid = w.next_target;
        w.next_target += 1;
        w.target
            .push_after(
                tx,
                [
                    tid.into(),
                    id.into(),
                    (pos as i64).into(),
                    name.into(),
                    value.into(),
                    unit.into(),
                    last.into(),
                    o.responsible.into(),
                    due.into(),
                    at(written, 9, 30).into(),
                    at(written, 9, 30).into(),
                ],
                &mut [&mut w.registration],
            )
            .await?;
        targets.push((tid, name, unit, value, last, due));
    }
    // The content as each version keeps it (the shape `tdkt_store::registrations` writes).
    let content = |status: &str, version: usize| {
        json!({
            "owner": o.name,
            "unit_id": o.unit_id,
            "person_id": o.person.map(|p| p.id),
            "title_code": title,
            "commitment": commitment,
            "status": status,
            "version": version,
            "targets": targets.iter().map(|(_, name, unit, value, last, due)| json!({
                "name": name, "value": value, "unit_of_measure": unit,
                "last_year_value": last, "responsible_person_id": o.responsible,
                "due_on": tdkt_domain::vn::format_date(*due),
            })).collect::<Vec<_>>(),
        })
        .to_string()
    };
    let reason = *rng.pick(RETURN_REASONS);
    // Each action is a version: (status, action, reason, actor, when).
    type Step<'r> = (
        &'static str,
        &'static str,
        Option<&'r str>,
        Option<i64>,
        OffsetDateTime,
    );
    let submit = |d| ("submitted", "submit", None, o.author, at(d, 15, 10));
    let steps: Vec<Step<'_>> = match outcome {
        Outcome::Draft => vec![],
        Outcome::Submitted => vec![submit(sent)],
        Outcome::Returned => vec![
            submit(sent),
            (
                "returned",
                "return",
                Some(reason),
                o.reviewer,
                at(reviewed, 10, 5),
            ),
        ],
        Outcome::Fixed => vec![
            submit(sent),
            (
                "returned",
                "return",
                Some(reason),
                o.reviewer,
                at(reviewed, 10, 5),
            ),
            submit(days(reviewed, 1)),
            (
                "approved",
                "approve",
                None,
                o.reviewer,
                at(days(reviewed, 3), 8, 40),
            ),
        ],
        Outcome::Approved => vec![
            submit(sent),
            ("approved", "approve", None, o.reviewer, at(reviewed, 10, 5)),
        ],
    };
    let last_submit = steps.iter().rev().find(|v| v.1 == "submit").map(|v| v.4);
    let review = steps.iter().rev().find(|v| v.1 != "submit");
    let updated = steps.last().map_or(at(written, 9, 30), |v| v.4);
    w.registration
        .push(
            tx,
            [
                id.into(),
                o.plan_id.into(),
                o.agency_id.into(),
                o.unit_id.into(),
                o.person.map(|p| p.id).into(),
                match o.person {
                    Some(p) => format!("p:{}", p.id),
                    None => format!("u:{}", o.unit_id),
                }
                .into(),
                title.into(),
                commitment.into(),
                outcome.status().into(),
                (steps.len() as i64).into(),
                (outcome == Outcome::Returned).then_some(reason).into(),
                reopened_until.into(),
                last_submit.into(),
                review.map(|v| v.4).into(),
                review.and(o.reviewer).into(),
                at(written, 9, 30).into(),
                updated.into(),
            ],
        )
        .await?;
    for (i, (status, action, why, actor, t)) in steps.iter().enumerate() {
        w.version
            .push_after(
                tx,
                [
                    id.into(),
                    (i as i64 + 1).into(),
                    (*status).into(),
                    (*action).into(),
                    content(status, i + 1).into(),
                    (*why).into(),
                    (*actor).into(),
                    (*t).into(),
                ],
                &mut [&mut w.registration],
            )
            .await?;
    }
    let sent_on = (outcome != Outcome::Draft).then_some(sent);
    tally.titles.push((
        owner_id,
        o.name.to_owned(),
        Some(title),
        Some(outcome.status()),
        sent_on,
    ));
    match outcome {
        Outcome::Draft => return Ok(Some(outcome)),
        Outcome::Returned => {
            for t in &targets {
                tally.targets.push((sent, t.5, None));
            }
            return Ok(Some(outcome));
        }
        _ => {}
    }
    // Progress through the year, by whoever answers for the targets.
    for (tid, _, unit, value, _, due) in targets {
        let reports: Vec<_> = PROGRESS_DAYS
            .iter()
            .filter(|(m, d, _)| Date::from_calendar_date(2024, *m, *d).is_ok_and(|x| x > sent))
            .collect();
        let fate = rng.below(100);
        if fate < 5 || reports.is_empty() {
            tally.targets.push((sent, due, None));
            continue;
        }
        let k = rng.range(1, reports.len() as i32) as usize;
        let chosen = &reports[reports.len() - k..];
        let met = fate >= 20;
        let last_value = if met {
            value
                + if unit == "%" {
                    0.0
                } else {
                    f64::from(rng.below(3) as u32)
                }
        } else {
            (value * f64::from(rng.range(50, 95)) / 100.0).floor()
        };
        let mut met_on = None;
        for (i, (m, d, note)) in chosen.iter().enumerate() {
            let day = Date::from_calendar_date(2024, *m, *d).expect("a valid day");
            let v = if unit == "%" {
                (last_value - 2.0 * (k - 1 - i) as f64).max(0.0)
            } else {
                (last_value * (i + 1) as f64 / k as f64).round()
            };
            if met_on.is_none() && v >= value {
                met_on = Some(day);
            }
            w.progress
                .push_after(
                    tx,
                    [
                        tid.into(),
                        day.into(),
                        v.into(),
                        (*note).into(),
                        o.author.into(),
                        at(day, 16, 20).into(),
                    ],
                    &mut [&mut w.registration, &mut w.target],
                )
                .await?;
        }
        tally.targets.push((sent, due, met_on));
    }
    Ok(Some(outcome))
}
