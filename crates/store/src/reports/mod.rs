//! Review reports (báo cáo sơ kết, tổng kết): per reporting unit and plan, the mid-year review
//! (`mid_year`, due the plan's mid-year deadline, closing phase 1) and the year-end review
//! (`year_end`, due the year-end deadline). A report holds text sections written by the unit head
//! and, once submitted, the figures drawn from registrations and progress at that moment. It moves
//! through `tdkt_domain::workflow` (the head submits, the Office returns with a reason or accepts —
//! "tiếp nhận"); every submission, return and acceptance is kept in `report_version`.
//!
//! The units that report are the agency's active units directly under it ("các phòng, đơn vị
//! thuộc Sở"); a unit nested in one is counted in its parent's figures. A report sent late is
//! still received, and marked late: its first submission's date (in the app's time zone) is after
//! the due date (the day itself is in time).
//!
//! The figures here are read with this module's own SQL over `registration`, `target` and
//! `progress` (read only), and the dashboards aggregate in SQL per unit or per agency — never one
//! query per unit.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use tdkt_domain::policy::Scope;
use tdkt_domain::workflow::{self, Action, Part, Refusal, Status};

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

mod dashboard;
mod figures;
pub use dashboard::{
    AgencyLine, BelowGoal, Dashboard, GoalCounts, ReportCounts, UnitLine, UnitReport, dashboard,
    overview, percent,
};
pub use figures::{TargetFilter, figures, top_of};
use figures::{targets_by_unit, year_end};

/// Which review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Báo cáo sơ kết (phase 1, due 05/06 in the seed).
    MidYear,
    /// Báo cáo tổng kết (the year, due 05/11 in the seed).
    YearEnd,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::MidYear, Kind::YearEnd];

    pub fn code(self) -> &'static str {
        match self {
            Kind::MidYear => "mid_year",
            Kind::YearEnd => "year_end",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// "Báo cáo sơ kết", "Báo cáo tổng kết".
    pub fn label(self) -> &'static str {
        match self {
            Kind::MidYear => "Báo cáo sơ kết",
            Kind::YearEnd => "Báo cáo tổng kết",
        }
    }

    /// "sơ kết", "tổng kết".
    pub fn short(self) -> &'static str {
        match self {
            Kind::MidYear => "sơ kết",
            Kind::YearEnd => "tổng kết",
        }
    }

    /// The kind of the plan's deadline (`plan_deadline.kind`).
    pub fn deadline_kind(self) -> &'static str {
        match self {
            Kind::MidYear => "mid_year_report",
            Kind::YearEnd => "year_end_report",
        }
    }
}

/// The text sections of a report, in the order they are printed.
pub const SECTIONS: [(&str, &str); 5] = [
    ("results", "Kết quả đạt được"),
    ("models", "Mô hình, cách làm hay"),
    ("exemplars", "Điển hình tiên tiến được phát hiện"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("proposals", "Kiến nghị, đề xuất"),
];

/// What the unit writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    /// Kết quả đạt được (required to submit).
    #[serde(default)]
    pub results: String,
    /// Mô hình, cách làm hay.
    #[serde(default)]
    pub models: String,
    /// Điển hình tiên tiến được phát hiện.
    #[serde(default)]
    pub exemplars: String,
    /// Khó khăn, vướng mắc.
    #[serde(default)]
    pub difficulties: String,
    /// Kiến nghị, đề xuất.
    #[serde(default)]
    pub proposals: String,
}

impl Sections {
    /// The section's text by key (see [`SECTIONS`]).
    pub fn get(&self, key: &str) -> &str {
        match key {
            "results" => &self.results,
            "models" => &self.models,
            "exemplars" => &self.exemplars,
            "difficulties" => &self.difficulties,
            "proposals" => &self.proposals,
            _ => "",
        }
    }
}

/// A member (or the unit itself) and the title registered for the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredTitle {
    /// None for the unit's own (collective) registration.
    pub person_id: Option<i64>,
    pub name: String,
    pub title_code: Option<String>,
    /// The registration's status, None when the member has not registered.
    pub status: Option<String>,
}

/// An initiative (or accepted S&T task) recognised in the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct InitiativeItem {
    pub code: String,
    pub title: String,
    pub kind: String,
    pub scope: String,
    pub person_name: String,
    pub recognized_on: Option<Date>,
}

/// Counts of measurable targets (chỉ tiêu) and where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetCounts {
    /// Targets of registrations sent (not drafts).
    pub registered: i64,
    /// The latest progress value reaches the target.
    pub met: i64,
    /// Not met, not past its due date.
    pub on_track: i64,
    /// Not met and past its due date (the day itself is not overdue).
    pub overdue: i64,
}

impl TargetCounts {
    fn add(&mut self, o: TargetCounts) {
        self.registered += o.registered;
        self.met += o.met;
        self.on_track += o.on_track;
        self.overdue += o.overdue;
    }
}

/// The figures of a unit's report, drawn from the records on `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub as_of: Date,
    pub targets: TargetCounts,
    /// Active members of the unit (and the units nested in it).
    pub members: i64,
    /// Members whose registration was sent (submitted or approved).
    pub registered_members: i64,
    /// The unit's own registration first, then each member.
    pub titles: Vec<RegisteredTitle>,
    pub initiatives: Vec<InitiativeItem>,
}

/// A report's content: the sections, and the figures frozen at submission (None in a draft,
/// whose figures are computed live).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    #[serde(default)]
    pub sections: Sections,
    #[serde(default)]
    pub figures: Option<Figures>,
}

impl Content {
    pub fn parse(s: &str) -> StoreResult<Content> {
        serde_json::from_str(s).map_err(|e| StoreError::Other(format!("report content: {e}")))
    }

    fn json(&self) -> String {
        serde_json::to_string(self).expect("a report's content serialises")
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ReportRow {
    pub id: i64,
    pub plan_id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub kind: String,
    pub due_on: Date,
    pub status: String,
    pub version: i64,
    pub content: String,
    pub return_reason: Option<String>,
    pub first_submitted_at: Option<OffsetDateTime>,
    pub first_submitted_on: Option<Date>,
    pub submitted_at: Option<OffsetDateTime>,
    pub reviewed_at: Option<OffsetDateTime>,
    pub returned_count: i64,
    pub updated_at: OffsetDateTime,
}

impl ReportRow {
    pub fn status(&self) -> Status {
        Status::from_code(&self.status).unwrap_or(Status::Draft)
    }

    pub fn kind(&self) -> Kind {
        Kind::from_code(&self.kind).unwrap_or(Kind::MidYear)
    }

    pub fn content(&self) -> StoreResult<Content> {
        Content::parse(&self.content)
    }

    /// Was it first sent by its due date (the day included)? None while never sent.
    pub fn on_time(&self) -> Option<bool> {
        self.first_submitted_on.map(|d| d <= self.due_on)
    }
}

const REPORT_COLS: &str =
    "id, plan_id, agency_id, unit_id, kind, due_on, status, version, content, return_reason,
    first_submitted_at, first_submitted_on, submitted_at, reviewed_at, returned_count, updated_at";

/// A state the report went through.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub status: String,
    pub action: String,
    pub content: String,
    pub reason: Option<String>,
    pub actor_name: Option<String>,
    pub at: OffsetDateTime,
}

/// The reporting units of an agency: active, directly under it, in the agency's order.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ReportingUnit {
    pub id: i64,
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    pub path: String,
}

pub async fn reporting_units(db: &Db, agency_id: i64) -> StoreResult<Vec<ReportingUnit>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, agency_id, code, name, path FROM unit
             WHERE agency_id = $1 AND parent_id IS NULL AND dissolved_on IS NULL
             ORDER BY sort_order, name_sort",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// Is this unit one that reports (active, directly under its agency)?
pub async fn is_reporting_unit(db: &Db, unit_id: i64) -> StoreResult<bool> {
    let n: i64 = on_db!(db, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM unit WHERE id = $1 AND parent_id IS NULL AND dissolved_on IS NULL",
        )
        .bind(unit_id)
        .fetch_one(c)
        .await
    })?;
    Ok(n > 0)
}

/// The plan's due date for a kind of report (its deadline of that kind), if it has one.
pub async fn due_date(db: &Db, plan_id: i64, kind: Kind) -> StoreResult<Option<Date>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar("SELECT MIN(due_on) FROM plan_deadline WHERE plan_id = $1 AND kind = $2")
            .bind(plan_id)
            .bind(kind.deadline_kind())
            .fetch_one(c)
            .await
    })?)
}

async fn due_in_tx(tx: &mut Tx, plan_id: i64, kind: Kind) -> StoreResult<Option<Date>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT MIN(due_on) FROM plan_deadline WHERE plan_id = $1 AND kind = $2")
            .bind(plan_id)
            .bind(kind.deadline_kind())
            .fetch_one(c)
            .await
    })?)
}

pub async fn report(db: &Db, id: i64) -> StoreResult<ReportRow> {
    let sql = format!("SELECT {REPORT_COLS} FROM report WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

async fn report_in_tx(tx: &mut Tx, id: i64) -> StoreResult<ReportRow> {
    let sql = format!("SELECT {REPORT_COLS} FROM report WHERE id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// The report of a unit of a kind for a plan, if it was started.
pub async fn find(
    db: &Db,
    plan_id: i64,
    unit_id: i64,
    kind: Kind,
) -> StoreResult<Option<ReportRow>> {
    let sql = format!(
        "SELECT {REPORT_COLS} FROM report WHERE plan_id = $1 AND unit_id = $2 AND kind = $3"
    );
    Ok(on_db!(db, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(plan_id)
            .bind(unit_id)
            .bind(kind.code())
            .fetch_optional(c)
            .await
    })?)
}

/// Starts (or finds) a unit's report of a kind for a plan: a draft due the plan's deadline.
/// The plan must be published and have a deadline of that kind; the unit must be one that
/// reports in the plan's agency.
pub async fn start(
    tx: &mut Tx,
    ctx: &Ctx,
    plan_id: i64,
    unit_id: i64,
    kind: Kind,
) -> StoreResult<i64> {
    let (agency_id, status): (i64, String) = on_tx!(tx, |c| {
        sqlx::query_as("SELECT agency_id, status FROM plan WHERE id = $1")
            .bind(plan_id)
            .fetch_one(c)
            .await
    })?;
    if status != "published" {
        return Err(StoreError::invalid(
            "plan",
            "Kế hoạch",
            "chưa được phát động, chưa thể lập báo cáo",
        ));
    }
    let ok: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM unit WHERE id = $1 AND agency_id = $2 AND parent_id IS NULL AND dissolved_on IS NULL",
        )
        .bind(unit_id)
        .bind(agency_id)
        .fetch_one(c)
        .await
    })?;
    if ok == 0 {
        return Err(StoreError::invalid(
            "unit_id",
            "Đơn vị",
            "không phải phòng, đơn vị thuộc cơ quan có kế hoạch này",
        ));
    }
    let Some(due) = due_in_tx(tx, plan_id, kind).await? else {
        return Err(StoreError::invalid(
            "kind",
            "Loại báo cáo",
            format!("kế hoạch chưa có hạn gửi {}", kind.label().to_lowercase()),
        ));
    };
    let existing: Option<i64> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT id FROM report WHERE plan_id = $1 AND unit_id = $2 AND kind = $3",
        )
        .bind(plan_id)
        .bind(unit_id)
        .bind(kind.code())
        .fetch_optional(c)
        .await
    })?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let now = ctx.clock.now();
    let content = Content::default().json();
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO report (plan_id, agency_id, unit_id, kind, due_on, status, version, content, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'draft', 0, $6, $7, $7) RETURNING id",
        )
        .bind(plan_id)
        .bind(agency_id)
        .bind(unit_id)
        .bind(kind.code())
        .bind(due)
        .bind(&content)
        .bind(now)
        .fetch_one(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "report",
            entity_id: Some(id.to_string()),
            agency_id: Some(agency_id),
            after: Some(json!({ "plan_id": plan_id, "unit_id": unit_id, "kind": kind.code() })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

/// The limit of one section, in characters.
pub const SECTION_MAX: usize = 20_000;

fn check_sections(s: &Sections, submitting: bool) -> StoreResult<()> {
    let mut e = tdkt_domain::FieldErrors::new();
    for (key, label) in SECTIONS {
        if s.get(key).chars().count() > SECTION_MAX {
            e.add(key, label, format!("dài quá {SECTION_MAX} ký tự"));
        }
    }
    if submitting && s.results.trim().is_empty() {
        e.add(
            "results",
            "Kết quả đạt được",
            "chưa nhập; cần có trước khi gửi",
        );
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(e))
    }
}

fn refused(r: Refusal) -> StoreError {
    match r {
        Refusal::NoReason => StoreError::invalid("reason", "Lý do trả lại", "chưa nhập"),
        r => StoreError::invalid("status", "Báo cáo", r.to_string()),
    }
}

/// Saves the text sections of a draft or returned report.
pub async fn save(tx: &mut Tx, ctx: &Ctx, id: i64, sections: &Sections) -> StoreResult<()> {
    let before = report_in_tx(tx, id).await?;
    if !before.status().editable() {
        return Err(StoreError::invalid(
            "status",
            "Báo cáo",
            format!(
                "không sửa được khi {}",
                before.status().label(true).to_lowercase()
            ),
        ));
    }
    check_sections(sections, false)?;
    let mut content = before.content()?;
    if &content.sections == sections {
        return Ok(());
    }
    content.sections = sections.clone();
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE report SET content = $1, updated_at = $2 WHERE id = $3")
            .bind(content.json())
            .bind(ctx.clock.now())
            .bind(id)
            .execute(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "update",
            entity: "report",
            entity_id: Some(id.to_string()),
            agency_id: Some(before.agency_id),
            before: serde_json::to_value(before.content()?.sections).ok(),
            after: serde_json::to_value(sections).ok(),
        },
    )
    .await
}

fn action_code(a: Action) -> &'static str {
    match a {
        Action::Submit => "submit",
        Action::Approve => "approve",
        Action::Return => "return",
        Action::Reopen => "reopen",
    }
}

/// Moves a report: the owner submits (with the figures of the moment, which are frozen into it),
/// the reviewer returns with a reason or accepts. A late submission is received and marked late.
/// Every move is kept in `report_version` with the content as it then stood.
pub async fn act(
    tx: &mut Tx,
    ctx: &Ctx,
    id: i64,
    action: Action,
    part: Part,
    reason: Option<&str>,
    figures: Option<Figures>,
) -> StoreResult<ReportRow> {
    let before = report_in_tx(tx, id).await?;
    let today = ctx.clock.today();
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let new = workflow::transition(before.status(), action, part, reason, None, None, today)
        .map_err(refused)?;
    let mut content = before.content()?;
    let now = ctx.clock.now();
    let version = before.version + 1;
    let changed = match action {
        Action::Submit => {
            check_sections(&content.sections, true)?;
            content.figures = figures;
            let due = due_in_tx(tx, before.plan_id, before.kind())
                .await?
                .unwrap_or(before.due_on);
            let local_day = ctx.clock.local(now).date();
            exec_tx!(tx, |c| {
                sqlx::query(
                    "UPDATE report SET status = $1, version = $2, content = $3, due_on = $4,
                        first_submitted_at = COALESCE(first_submitted_at, $5),
                        first_submitted_on = COALESCE(first_submitted_on, $6),
                        submitted_at = $5, updated_at = $5
                     WHERE id = $7 AND version = $8",
                )
                .bind(new.code())
                .bind(version)
                .bind(content.json())
                .bind(due)
                .bind(now)
                .bind(local_day)
                .bind(id)
                .bind(before.version)
                .execute(c)
                .await
            })?
        }
        Action::Return => exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE report SET status = $1, version = $2, return_reason = $3, returned_count = returned_count + 1,
                    reviewed_at = $4, reviewed_by = $5, updated_at = $4
                 WHERE id = $6 AND version = $7",
            )
            .bind(new.code())
            .bind(version)
            .bind(reason)
            .bind(now)
            .bind(ctx.who.user_id)
            .bind(id)
            .bind(before.version)
            .execute(c)
            .await
        })?,
        Action::Approve | Action::Reopen => exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE report SET status = $1, version = $2, reviewed_at = $3, reviewed_by = $4, updated_at = $3
                 WHERE id = $5 AND version = $6",
            )
            .bind(new.code())
            .bind(version)
            .bind(now)
            .bind(ctx.who.user_id)
            .bind(id)
            .bind(before.version)
            .execute(c)
            .await
        })?,
    };
    if changed != 1 {
        return Err(StoreError::conflict(
            "status",
            "Báo cáo",
            "vừa được người khác thay đổi; hãy tải lại trang",
        ));
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO report_version (report_id, version, status, action, content, reason, actor_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(version)
        .bind(new.code())
        .bind(action_code(action))
        .bind(content.json())
        .bind(reason)
        .bind(ctx.who.user_id)
        .bind(now)
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: action_code(action),
            entity: "report",
            entity_id: Some(id.to_string()),
            agency_id: Some(before.agency_id),
            before: Some(json!({ "status": before.status, "version": before.version })),
            after: Some(json!({ "status": new.code(), "version": version, "reason": reason })),
        },
    )
    .await?;
    report_in_tx(tx, id).await
}

/// Every state the report went through, oldest first.
pub async fn versions(db: &Db, report_id: i64) -> StoreResult<Vec<VersionRow>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT v.id, v.version, v.status, v.action, v.content, v.reason, u.display_name AS actor_name, v.at
             FROM report_version v LEFT JOIN app_user u ON u.id = v.actor_id
             WHERE v.report_id = $1 ORDER BY v.version",
        )
        .bind(report_id)
        .fetch_all(c)
        .await
    })?)
}

/// The content the Office last returned (to compare a resubmission with), if it was returned.
pub fn last_returned(versions: &[VersionRow]) -> Option<&VersionRow> {
    versions.iter().rev().find(|v| v.action == "return")
}

/// A row of a plan's list of reports: a reporting unit and a kind, with its report if started.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    pub kind: Kind,
    pub due_on: Option<Date>,
    pub report: Option<ReportRow>,
}

/// Where a report stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Sent by the due date.
    OnTime,
    /// Sent after it.
    Late,
    /// Not sent, and the due date has not passed.
    Pending,
    /// Not sent, and the due date has passed.
    Missing,
}

impl Timeliness {
    pub fn label(self) -> &'static str {
        match self {
            Timeliness::OnTime => "Đúng hạn",
            Timeliness::Late => "Trễ hạn",
            Timeliness::Pending => "Chưa đến hạn",
            Timeliness::Missing => "Quá hạn, chưa gửi",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
            Timeliness::Pending => "pending",
            Timeliness::Missing => "missing",
        }
    }
}

impl ListItem {
    pub fn timeliness(&self, today: Date) -> Timeliness {
        match self.report.as_ref().and_then(ReportRow::on_time) {
            Some(true) => Timeliness::OnTime,
            Some(false) => Timeliness::Late,
            None if self.due_on.is_some_and(|d| today > d) => Timeliness::Missing,
            None => Timeliness::Pending,
        }
    }

    pub fn returned_count(&self) -> i64 {
        self.report.as_ref().map_or(0, |r| r.returned_count)
    }
}

/// Does the scope reach this reporting unit?
pub fn scope_reaches(scope: &Scope, agency_id: i64, path: &str) -> bool {
    scope.all
        || scope.agencies.contains(&agency_id)
        || scope
            .unit_paths
            .iter()
            .any(|(a, p)| *a == agency_id && path.starts_with(p.as_str()))
}

/// The reports of a plan, one row per reporting unit in reach and kind (`kinds` empty: both).
pub async fn list(
    db: &Db,
    plan_id: i64,
    agency_id: i64,
    scope: &Scope,
    kinds: &[Kind],
) -> StoreResult<Vec<ListItem>> {
    let units = reporting_units(db, agency_id).await?;
    let sql = format!("SELECT {REPORT_COLS} FROM report WHERE plan_id = $1");
    let rows: Vec<ReportRow> = on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(plan_id)
        .fetch_all(c)
        .await)?;
    let mut by_key: HashMap<(i64, String), ReportRow> = rows
        .into_iter()
        .map(|r| ((r.unit_id, r.kind.clone()), r))
        .collect();
    let kinds = if kinds.is_empty() {
        &Kind::ALL[..]
    } else {
        kinds
    };
    let mut dues = HashMap::new();
    for k in kinds {
        dues.insert(*k, due_date(db, plan_id, *k).await?);
    }
    let mut out = Vec::new();
    for k in kinds {
        for u in units
            .iter()
            .filter(|u| scope_reaches(scope, u.agency_id, &u.path))
        {
            out.push(ListItem {
                unit_id: u.id,
                unit_code: u.code.clone(),
                unit_name: u.name.clone(),
                unit_path: u.path.clone(),
                kind: *k,
                due_on: dues[k],
                report: by_key.remove(&(u.id, k.code().to_owned())),
            });
        }
    }
    Ok(out)
}

/// The accepted reports of a kind for a plan, in the agency's order of units.
pub async fn accepted(db: &Db, plan_id: i64, kind: Kind) -> StoreResult<Vec<(String, ReportRow)>> {
    let agency_id: i64 = on_db!(db, |c| sqlx::query_scalar(
        "SELECT agency_id FROM plan WHERE id = $1"
    )
    .bind(plan_id)
    .fetch_one(c)
    .await)?;
    let items = list(
        db,
        plan_id,
        agency_id,
        &Scope {
            all: true,
            ..Default::default()
        },
        &[kind],
    )
    .await?;
    Ok(items
        .into_iter()
        .filter_map(|i| {
            let name = i.unit_name;
            i.report
                .filter(|r| r.status() == Status::Approved)
                .map(|r| (name, r))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_counts_in_the_unit_directly_under_its_agency() {
        assert_eq!(top_of("/3/7/"), Some(3));
        assert_eq!(top_of("/12/"), Some(12));
        assert_eq!(top_of(""), None);
    }

    #[test]
    fn percentages_round_down() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(199, 200), 99);
        assert_eq!(percent(3, 3), 100);
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        assert_eq!(Kind::from_code("quarter"), None);
    }
}
