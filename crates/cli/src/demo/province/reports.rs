//! The units' mid-year (sơ kết) and year-end (tổng kết) reports of 2024, as of 16/12: most were
//! sent on time and accepted by the Office; some came late, some were returned (most of those
//! were fixed and sent again), a few units have not sent theirs, and some year-end reports still
//! wait for the Office. Each report's figures are drawn from the unit's registrations and progress
//! on the day it was sent; every version is kept.

use serde_json::json;
use time::{Date, OffsetDateTime};

use tdkt_store::bulk::{Inserter, next_id};
use tdkt_store::{StoreResult, Tx};

use super::movement::{Dates, Tally, at};
use crate::demo::rng::Rng;

/// Writes the reports of units, numbering them from the table's next id.
pub struct Reports {
    report: Inserter,
    version: Inserter,
    next: i64,
}

/// Who a unit's reports involve.
pub struct ReportOwner<'a> {
    pub plan_id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub author: Option<i64>,
    pub office: Option<i64>,
    pub members: usize,
    /// Up to two exemplary members.
    pub exemplars: Vec<&'a str>,
    /// Initiatives of its members recognised in the year: (code, title, kind, person, day).
    pub initiatives: Vec<(String, &'a str, &'static str, &'a str, Date)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Missing,
    OnTime,
    Late,
    /// Returned, fixed and accepted.
    Fixed,
    /// Returned, not yet sent again.
    Returned,
    /// Sent, the Office has not answered yet.
    Waiting,
}

const RESULTS: &[&str] = &[
    "Đơn vị đã quán triệt, triển khai kế hoạch thi đua của cơ quan tới toàn thể công chức, viên chức, người lao động; 100% cá nhân đăng ký thi đua và chỉ tiêu cụ thể ngay từ đầu năm.",
    "Các chỉ tiêu chuyên môn cơ bản đạt và vượt tiến độ; công tác tham mưu bảo đảm chất lượng, đúng thời hạn.",
];
const MODELS: &[&str] = &[
    "Mô hình “Mỗi tuần một việc tốt”; cách làm số hóa hồ sơ, giải quyết công việc trên môi trường mạng.",
    "Mô hình “Dân vận khéo” trong giải quyết công việc của người dân, doanh nghiệp.",
];
const DIFFICULTIES: &[&str] = &[
    "Khối lượng công việc lớn, biên chế còn thiếu; một số chỉ tiêu phụ thuộc vào tiến độ của các cơ quan phối hợp.",
    "Kinh phí cho công tác khen thưởng còn hạn chế; việc cập nhật tiến độ của một số cá nhân chưa kịp thời.",
];
const PROPOSALS: &[&str] = &[
    "Đề nghị Hội đồng Thi đua – Khen thưởng quan tâm khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc.",
    "Đề nghị tổ chức tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ làm công tác thi đua của đơn vị.",
];
const RETURN_REASONS: &[&str] = &[
    "Số liệu chỉ tiêu chưa khớp với kết quả đăng ký; đề nghị rà soát lại.",
    "Thiếu phần kiến nghị, đề xuất; đề nghị bổ sung.",
];

impl Reports {
    pub async fn new(tx: &mut Tx) -> StoreResult<Reports> {
        Ok(Reports {
            report: Inserter::new(
                "report",
                &[
                    "id",
                    "plan_id",
                    "agency_id",
                    "unit_id",
                    "kind",
                    "due_on",
                    "status",
                    "version",
                    "content",
                    "return_reason",
                    "first_submitted_at",
                    "first_submitted_on",
                    "submitted_at",
                    "reviewed_at",
                    "reviewed_by",
                    "returned_count",
                    "created_at",
                    "updated_at",
                ],
            ),
            version: Inserter::new(
                "report_version",
                &[
                    "report_id",
                    "version",
                    "status",
                    "action",
                    "content",
                    "reason",
                    "actor_id",
                    "at",
                ],
            ),
            next: next_id(tx, "report").await?,
        })
    }

    pub async fn finish(&mut self, tx: &mut Tx) -> StoreResult<[u64; 2]> {
        Ok([
            self.report.finish(tx).await?,
            self.version.finish(tx).await?,
        ])
    }

    /// Writes the unit's two reports.
    pub async fn write(
        &mut self,
        tx: &mut Tx,
        rng: &mut Rng,
        dates: &Dates,
        o: &ReportOwner<'_>,
        tally: &Tally,
    ) -> StoreResult<()> {
        let mid = match rng.below(100) {
            0..2 => Fate::Missing,
            2..5 => Fate::Late,
            5..8 => Fate::Fixed,
            8..9 => Fate::Returned,
            _ => Fate::OnTime,
        };
        self.one(tx, rng, "mid_year", dates.mid_year, mid, o, tally)
            .await?;
        let end = match rng.below(100) {
            0..3 => Fate::Missing,
            3..6 => Fate::Late,
            6..9 => Fate::Fixed,
            9..10 => Fate::Returned,
            10..20 => Fate::Waiting,
            _ => Fate::OnTime,
        };
        self.one(tx, rng, "year_end", dates.year_end, end, o, tally)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn one(
        &mut self,
        tx: &mut Tx,
        rng: &mut Rng,
        kind: &str,
        due: Date,
        fate: Fate,
        o: &ReportOwner<'_>,
        tally: &Tally,
    ) -> StoreResult<()> {
        if fate == Fate::Missing {
            return Ok(());
        }
        let id = self.next;
        self.next += 1;
        let d = |n: i64| due + time::Duration::days(n);
        let sent = match fate {
            Fate::Late => d(rng.range(1, 12) as i64),
            _ => d(-(rng.below(6) as i64)),
        };
        let reviewed = sent + time::Duration::days(rng.range(1, 6) as i64);
        let exemplars = if o.exemplars.is_empty() {
            String::new()
        } else {
            format!(
                "Phát hiện, bồi dưỡng điển hình tiên tiến: đồng chí {}.",
                o.exemplars.join(", đồng chí ")
            )
        };
        let date = |d: Date| serde_json::to_value(d).unwrap_or_default();
        let content = |day: Date, extra: bool| {
            let (targets, met, on_track, overdue) = tally.on(day);
            let pick = |texts: &[&str]| texts[rng_index(day, texts.len())].to_owned();
            json!({
                "sections": {
                    "results": pick(RESULTS),
                    "models": pick(MODELS),
                    "exemplars": exemplars,
                    "difficulties": pick(DIFFICULTIES),
                    "proposals": if extra { PROPOSALS.join(" ") } else { pick(PROPOSALS) },
                },
                "figures": {
                    "as_of": date(day),
                    "targets": { "registered": targets, "met": met, "on_track": on_track, "overdue": overdue },
                    "members": o.members,
                    "registered_members": tally.registered_members(day),
                    "titles": tally.titles.iter().map(|t| json!({
                        "person_id": t.0, "name": t.1, "title_code": t.2, "status": t.3,
                    })).collect::<Vec<_>>(),
                    "initiatives": o.initiatives.iter().filter(|i| i.4 <= day).map(|i| json!({
                        "code": i.0, "title": i.1, "kind": i.2, "scope": "co_so", "person_name": i.3,
                        "recognized_on": date(i.4),
                    })).collect::<Vec<_>>(),
                },
            })
            .to_string()
        };
        let reason = *rng.pick(RETURN_REASONS);
        type Step<'r> = (
            i64,
            &'static str,
            &'static str,
            Option<&'r str>,
            Option<i64>,
            OffsetDateTime,
            String,
        );
        let mut steps: Vec<Step<'_>> = vec![(
            1,
            "submitted",
            "submit",
            None,
            o.author,
            at(sent, 16, 45),
            content(sent, false),
        )];
        let accept = |v: i64, day: Date, c: String| {
            (v, "approved", "approve", None, o.office, at(day, 9, 15), c)
        };
        match fate {
            Fate::Missing | Fate::Waiting => {}
            Fate::OnTime | Fate::Late => steps.push(accept(1, reviewed, content(sent, false))),
            Fate::Returned => steps.push((
                1,
                "returned",
                "return",
                Some(reason),
                o.office,
                at(reviewed, 9, 15),
                content(sent, false),
            )),
            Fate::Fixed => {
                steps.push((
                    1,
                    "returned",
                    "return",
                    Some(reason),
                    o.office,
                    at(reviewed, 9, 15),
                    content(sent, false),
                ));
                let again = reviewed + time::Duration::days(2);
                steps.push((
                    2,
                    "submitted",
                    "submit",
                    None,
                    o.author,
                    at(again, 15, 30),
                    content(again, true),
                ));
                steps.push(accept(
                    2,
                    again + time::Duration::days(2),
                    content(again, true),
                ));
            }
        }
        let last = steps.last().expect("a report was sent");
        let status = match last.2 {
            "submit" => "submitted",
            "return" => "returned",
            _ => "approved",
        };
        let last_submit = steps.iter().rev().find(|s| s.2 == "submit").expect("sent");
        let review = steps.last().filter(|s| s.2 != "submit");
        self.report
            .push(
                tx,
                [
                    id.into(),
                    o.plan_id.into(),
                    o.agency_id.into(),
                    o.unit_id.into(),
                    kind.into(),
                    due.into(),
                    status.into(),
                    (steps.len() as i64).into(),
                    last_submit.6.clone().into(),
                    (status == "returned").then_some(reason).into(),
                    at(sent, 16, 45).into(),
                    sent.into(),
                    last_submit.5.into(),
                    review.map(|s| s.5).into(),
                    review.and(o.office).into(),
                    (steps.iter().filter(|s| s.2 == "return").count() as i64).into(),
                    at(sent - time::Duration::days(3), 8, 30).into(),
                    last.5.into(),
                ],
            )
            .await?;
        for (i, (_, status, action, why, actor, t, c)) in steps.into_iter().enumerate() {
            self.version
                .push_after(
                    tx,
                    [
                        id.into(),
                        (i as i64 + 1).into(),
                        status.into(),
                        action.into(),
                        c.into(),
                        why.into(),
                        actor.into(),
                        t.into(),
                    ],
                    &mut [&mut self.report],
                )
                .await?;
        }
        Ok(())
    }
}

/// A stable choice among `n` texts for a day (so a report reads the same in its versions).
fn rng_index(day: Date, n: usize) -> usize {
    (day.to_julian_day() as usize) % n
}
