//! Review reports (sơ kết, tổng kết), the Office's dashboard of a plan and the province-wide
//! overview — the same functions and authorization as the pages (`pages::reports`,
//! `pages::movement_dashboard`).

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

use tdkt_domain::workflow::Action;
use tdkt_store::reports::{
    self, AgencyLine, Dashboard, Figures, GoalCounts, Kind, ListItem, ReportCounts, Sections,
    TargetCounts,
};

use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::pages::movement_dashboard as md;
use crate::pages::plans::plan_in_reach;
use crate::pages::reports::{self as rp, Loaded, SectionsForm};
use crate::state::AppState;

/// The text sections of a report.
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct SectionsIo {
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

impl From<&Sections> for SectionsIo {
    fn from(s: &Sections) -> Self {
        SectionsIo {
            results: s.results.clone(),
            models: s.models.clone(),
            exemplars: s.exemplars.clone(),
            difficulties: s.difficulties.clone(),
            proposals: s.proposals.clone(),
        }
    }
}

impl SectionsIo {
    fn parse(&self) -> Result<Sections, AppError> {
        rp::parse_sections(&SectionsForm {
            results: self.results.clone(),
            models: self.models.clone(),
            exemplars: self.exemplars.clone(),
            difficulties: self.difficulties.clone(),
            proposals: self.proposals.clone(),
        })
        .map_err(AppError::Invalid)
    }
}

/// Targets and where they stand.
#[derive(Serialize, ToSchema)]
pub struct TargetsOut {
    pub registered: i64,
    pub met: i64,
    pub on_track: i64,
    /// Not met and past the due date (the day itself is not overdue).
    pub overdue: i64,
}

impl From<TargetCounts> for TargetsOut {
    fn from(t: TargetCounts) -> Self {
        TargetsOut {
            registered: t.registered,
            met: t.met,
            on_track: t.on_track,
            overdue: t.overdue,
        }
    }
}

/// A member (or the unit, `person_id` null) and the title registered.
#[derive(Serialize, ToSchema)]
pub struct TitleOut {
    pub person_id: Option<i64>,
    pub name: String,
    /// `LDTT`, `CSTDCS`, `TTLDTT`, …
    pub title_code: Option<String>,
    /// The registration's status; null when not registered.
    pub status: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InitiativeOut {
    pub code: String,
    pub title: String,
    pub person_name: String,
    /// `co_so`, `tinh`, `toan_quoc`.
    pub scope: String,
}

/// The figures of a report: frozen at submission, or live for a draft.
#[derive(Serialize, ToSchema)]
pub struct FiguresOut {
    #[serde(with = "crate::api::iso_date")]
    pub as_of: Date,
    pub targets: TargetsOut,
    pub members: i64,
    pub registered_members: i64,
    pub titles: Vec<TitleOut>,
    pub initiatives: Vec<InitiativeOut>,
}

impl From<&Figures> for FiguresOut {
    fn from(f: &Figures) -> Self {
        FiguresOut {
            as_of: f.as_of,
            targets: f.targets.into(),
            members: f.members,
            registered_members: f.registered_members,
            titles: f
                .titles
                .iter()
                .map(|t| TitleOut {
                    person_id: t.person_id,
                    name: t.name.clone(),
                    title_code: t.title_code.clone(),
                    status: t.status.clone(),
                })
                .collect(),
            initiatives: f
                .initiatives
                .iter()
                .map(|i| InitiativeOut {
                    code: i.code.clone(),
                    title: i.title.clone(),
                    person_name: i.person_name.clone(),
                    scope: i.scope.clone(),
                })
                .collect(),
        }
    }
}

/// A state the report went through.
#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i64,
    /// `submit`, `approve` (tiếp nhận) or `return`.
    pub action: String,
    /// The status after it.
    pub status: String,
    pub reason: Option<String>,
    pub actor: Option<String>,
    pub at: OffsetDateTime,
}

/// A section changed since the returned version: HTML with `<del>` and `<ins>`, escaped.
#[derive(Serialize, ToSchema)]
pub struct ChangeOut {
    pub section: String,
    pub html: String,
}

/// A report (in lists without sections, figures, history and changes).
#[derive(Serialize, ToSchema)]
pub struct ReportOut {
    /// Null in a list row for a unit that has not started this report.
    pub id: Option<i64>,
    pub plan_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    /// `mid_year` (sơ kết) or `year_end` (tổng kết).
    pub kind: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub due_on: Option<Date>,
    /// `draft`, `submitted`, `returned`, `approved` (tiếp nhận); null when not started.
    pub status: Option<String>,
    /// `on_time`, `late`, `pending` (not sent, not yet due) or `missing` (not sent, past due).
    pub timeliness: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub first_submitted_on: Option<Date>,
    pub submitted_at: Option<OffsetDateTime>,
    pub returned_count: i64,
    pub return_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<SectionsIo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<FiguresOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<VersionOut>>,
    /// Changes since the version the Office returned, when it was returned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<ChangeOut>>,
}

fn list_out(plan_id: i64, i: &ListItem, today: Date) -> ReportOut {
    let r = i.report.as_ref();
    ReportOut {
        id: r.map(|r| r.id),
        plan_id,
        unit_id: i.unit_id,
        unit_name: i.unit_name.clone(),
        kind: i.kind.code().to_owned(),
        due_on: i.due_on,
        status: r.map(|r| r.status.clone()),
        timeliness: i.timeliness(today).code().to_owned(),
        first_submitted_on: r.and_then(|r| r.first_submitted_on),
        submitted_at: r.and_then(|r| r.submitted_at),
        returned_count: i.returned_count(),
        return_reason: r.and_then(|r| r.return_reason.clone()),
        sections: None,
        figures: None,
        versions: None,
        changes: None,
    }
}

async fn full_out(state: &AppState, id: i64, auth: &Auth) -> ApiResult<ReportOut> {
    let l = rp::load(state, auth, id).await?;
    let content = l.row.content()?;
    let figures = match (&content.figures, l.row.status().editable()) {
        (Some(f), false) => f.clone(),
        _ => rp::live_figures(state, &l).await?,
    };
    let versions = reports::versions(&state.db, id).await?;
    let changes = rp::changes_since_return(&versions, &content.sections)?;
    let item = ListItem {
        unit_id: l.unit.id,
        unit_code: l.unit.code.clone(),
        unit_name: l.unit.name.clone(),
        unit_path: l.unit.path.clone(),
        kind: l.kind(),
        due_on: Some(l.row.due_on),
        report: Some(l.row.clone()),
    };
    let mut out = list_out(l.row.plan_id, &item, state.clock.today());
    out.sections = Some((&content.sections).into());
    out.figures = Some((&figures).into());
    out.versions = Some(
        versions
            .iter()
            .map(|v| VersionOut {
                version: v.version,
                action: v.action.clone(),
                status: v.status.clone(),
                reason: v.reason.clone(),
                actor: v.actor_name.clone(),
                at: v.at,
            })
            .collect(),
    );
    out.changes = changes.map(|c| {
        c.into_iter()
            .map(|d| ChangeOut {
                section: d.label.to_owned(),
                html: d.html,
            })
            .collect()
    });
    Ok(out)
}

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// `mid_year` or `year_end`; both when absent.
    pub kind: Option<String>,
}

fn kind_param(k: Option<&str>) -> Result<Vec<Kind>, AppError> {
    match k {
        None | Some("") => Ok(vec![]),
        Some(k) => Kind::from_code(k)
            .map(|k| vec![k])
            .ok_or_else(|| AppError::bad_request("kind: mid_year hoặc year_end")),
    }
}

/// The reports of a plan: one row per reporting unit in reach and kind
#[utoipa::path(get, path = "/api/v1/plans/{id}/reports", tag = "reports", params(("id" = i64, Path), ListParams),
    responses((status = 200, body = Vec<ReportOut>), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<Vec<ReportOut>>> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let kinds = kind_param(p.kind.as_deref())?;
    let items = rp::list_in_reach(&state, &auth, &plan, &kinds).await?;
    let today = state.clock.today();
    Ok(Json(
        items.iter().map(|i| list_out(plan.id, i, today)).collect(),
    ))
}

/// Starts a unit's report (or opens it when started), optionally saving its sections.
#[derive(Deserialize, ToSchema)]
pub struct StartIn {
    pub unit_id: i64,
    /// `mid_year` or `year_end`.
    pub kind: String,
    pub sections: Option<SectionsIo>,
}

/// Start (or open) a unit's report — the unit head
#[utoipa::path(post, path = "/api/v1/plans/{id}/reports", tag = "reports", params(("id" = i64, Path)), request_body = StartIn,
    responses((status = 200, body = ReportOut), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<StartIn>,
) -> ApiResult<Json<ReportOut>> {
    let kind = Kind::from_code(&body.kind)
        .ok_or_else(|| AppError::bad_request("kind: mid_year hoặc year_end"))?;
    let sections = body.sections.as_ref().map(SectionsIo::parse).transpose()?;
    let rid = rp::start_report(&state, &auth, id, body.unit_id, kind).await?;
    if let Some(s) = sections {
        let l = rp::load(&state, &auth, rid).await?;
        rp::save_sections(&state, &auth, &l, &s).await?;
    }
    Ok(Json(full_out(&state, rid, &auth).await?))
}

/// A report with its sections, figures, history and the changes since its return
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", params(("id" = i64, Path)),
    responses((status = 200, body = ReportOut), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<ReportOut>> {
    Ok(Json(full_out(&state, id, &auth).await?))
}

/// Save the sections of a draft or returned report — the unit head
#[utoipa::path(put, path = "/api/v1/reports/{id}", tag = "reports", params(("id" = i64, Path)), request_body = SectionsIo,
    responses((status = 200, body = ReportOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<SectionsIo>,
) -> ApiResult<Json<ReportOut>> {
    let l = rp::load(&state, &auth, id).await?;
    let s = body.parse()?;
    rp::save_sections(&state, &auth, &l, &s).await?;
    Ok(Json(full_out(&state, id, &auth).await?))
}

/// Optional sections to save before submitting.
#[derive(Deserialize, ToSchema, Default)]
pub struct SubmitIn {
    pub sections: Option<SectionsIo>,
}

/// Submit (or resubmit) a report to the Office — the unit head; a late one is received and marked late
#[utoipa::path(post, path = "/api/v1/reports/{id}/submit", tag = "reports", params(("id" = i64, Path)), request_body = SubmitIn,
    responses((status = 200, body = ReportOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    body: Option<Json<SubmitIn>>,
) -> ApiResult<Json<ReportOut>> {
    let l: Loaded = rp::load(&state, &auth, id).await?;
    let sections = body
        .and_then(|Json(b)| b.sections)
        .map(|s| s.parse())
        .transpose()?;
    rp::act(&state, &auth, &l, Action::Submit, None, sections.as_ref()).await?;
    Ok(Json(full_out(&state, id, &auth).await?))
}

/// Accept (tiếp nhận) a submitted report — the Office
#[utoipa::path(post, path = "/api/v1/reports/{id}/accept", tag = "reports", params(("id" = i64, Path)),
    responses((status = 200, body = ReportOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<ReportOut>> {
    let l = rp::load(&state, &auth, id).await?;
    rp::act(&state, &auth, &l, Action::Approve, None, None).await?;
    Ok(Json(full_out(&state, id, &auth).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ReturnIn {
    /// Why the report goes back (required).
    #[serde(default)]
    pub reason: String,
}

/// Return a submitted report with a reason — the Office
#[utoipa::path(post, path = "/api/v1/reports/{id}/return", tag = "reports", params(("id" = i64, Path)), request_body = ReturnIn,
    responses((status = 200, body = ReportOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn return_report(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<ReturnIn>,
) -> ApiResult<Json<ReportOut>> {
    let l = rp::load(&state, &auth, id).await?;
    let reason = tdkt_domain::vn::clean(&body.reason);
    rp::act(&state, &auth, &l, Action::Return, Some(&reason), None).await?;
    Ok(Json(full_out(&state, id, &auth).await?))
}

/// Report counts of a kind.
#[derive(Serialize, ToSchema)]
pub struct ReportCountsOut {
    pub kind: String,
    pub expected: i64,
    pub on_time: i64,
    pub late: i64,
    /// Not sent and past due.
    pub missing: i64,
    /// Returned at least once.
    pub returned: i64,
    pub accepted: i64,
}

fn counts_out(kind: Kind, c: &ReportCounts) -> ReportCountsOut {
    ReportCountsOut {
        kind: kind.code().to_owned(),
        expected: c.expected,
        on_time: c.on_time,
        late: c.late,
        missing: c.missing,
        returned: c.returned,
        accepted: c.accepted,
    }
}

/// Ratings against the goal of 100% at "hoàn thành tốt nhiệm vụ" or better.
#[derive(Serialize, ToSchema)]
pub struct GoalOut {
    pub total: i64,
    /// HTTNV or HTXSNV.
    pub good: i64,
    /// HTNV or KHTNV.
    pub below: i64,
    pub unrated: i64,
}

impl From<GoalCounts> for GoalOut {
    fn from(g: GoalCounts) -> Self {
        GoalOut {
            total: g.total,
            good: g.good,
            below: g.below,
            unrated: g.unrated,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UnitLineOut {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub members: i64,
    pub registered: i64,
    /// Registered members per hundred, rounded down.
    pub registration_rate: i64,
    pub unit_registration: Option<String>,
    pub targets: TargetsOut,
    pub staff: GoalOut,
    pub unit_rating: Option<String>,
    pub reports: Vec<ReportOut>,
}

#[derive(Serialize, ToSchema)]
pub struct BelowOut {
    pub person_id: i64,
    pub code: String,
    pub full_name: String,
    pub unit_id: Option<i64>,
    pub rating: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardOut {
    pub plan_id: i64,
    /// The phase shown; null for the whole plan.
    pub phase: Option<i64>,
    pub members: i64,
    pub registered: i64,
    pub registration_rate: i64,
    pub targets: TargetsOut,
    pub reports: Vec<ReportCountsOut>,
    pub staff: GoalOut,
    pub units_goal: GoalOut,
    /// People rated below HTTNV.
    pub below: Vec<BelowOut>,
    pub units: Vec<UnitLineOut>,
}

fn dashboard_out(plan_id: i64, phase: Option<i64>, d: &Dashboard) -> DashboardOut {
    DashboardOut {
        plan_id,
        phase,
        members: d.members,
        registered: d.registered,
        registration_rate: reports::percent(d.registered, d.members),
        targets: d.targets.into(),
        reports: d.reports.iter().map(|(k, c)| counts_out(*k, c)).collect(),
        staff: d.staff.into(),
        units_goal: d.units_goal.into(),
        below: d
            .below
            .iter()
            .map(|b| BelowOut {
                person_id: b.person_id,
                code: b.code.clone(),
                full_name: b.full_name.clone(),
                unit_id: b.unit_id,
                rating: b.rating.clone(),
            })
            .collect(),
        units: d
            .units
            .iter()
            .map(|u| UnitLineOut {
                unit_id: u.unit_id,
                code: u.code.clone(),
                name: u.name.clone(),
                members: u.members,
                registered: u.registered,
                registration_rate: u.rate(),
                unit_registration: u.unit_registration.clone(),
                targets: u.targets.into(),
                staff: u.staff.into(),
                unit_rating: u.unit_rating.clone(),
                reports: u
                    .reports
                    .iter()
                    .map(|x| ReportOut {
                        id: x.id,
                        plan_id,
                        unit_id: u.unit_id,
                        unit_name: u.name.clone(),
                        kind: x.kind.code().to_owned(),
                        due_on: None,
                        status: x.status.clone(),
                        timeliness: x.timeliness.code().to_owned(),
                        first_submitted_on: None,
                        submitted_at: None,
                        returned_count: x.returned,
                        return_reason: None,
                        sections: None,
                        figures: None,
                        versions: None,
                        changes: None,
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct DashboardParams {
    /// A phase number (1, 2…); the whole plan when absent.
    pub phase: Option<i64>,
}

/// The Office's dashboard of a plan (or one phase), within the caller's reach
#[utoipa::path(get, path = "/api/v1/plans/{id}/dashboard", tag = "reports", params(("id" = i64, Path), DashboardParams),
    responses((status = 200, body = DashboardOut), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn dashboard(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(p): Query<DashboardParams>,
) -> ApiResult<Json<DashboardOut>> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let (dash, _, phase, _) = md::figures(&state, &auth, &plan, p.phase).await?;
    Ok(Json(dashboard_out(plan.id, phase.map(|p| p.number), &dash)))
}

#[derive(Serialize, ToSchema)]
pub struct AgencyOut {
    pub agency_id: i64,
    pub symbol: String,
    pub name: String,
    pub plan_id: Option<i64>,
    pub plan_published: bool,
    pub units: i64,
    pub members: i64,
    pub registered: i64,
    pub registration_rate: i64,
    pub targets: TargetsOut,
    pub reports: Vec<ReportCountsOut>,
    pub staff: GoalOut,
    pub units_goal: GoalOut,
}

impl From<&AgencyLine> for AgencyOut {
    fn from(l: &AgencyLine) -> Self {
        AgencyOut {
            agency_id: l.agency_id,
            symbol: l.symbol.clone(),
            name: l.name.clone(),
            plan_id: l.plan_id,
            plan_published: l.plan_published,
            units: l.units,
            members: l.members,
            registered: l.registered,
            registration_rate: l.rate(),
            targets: l.targets.into(),
            reports: vec![
                counts_out(Kind::MidYear, &l.mid_year),
                counts_out(Kind::YearEnd, &l.year_end),
            ],
            staff: l.staff.into(),
            units_goal: l.units_goal.into(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct OverviewParams {
    /// The plans' year; this year when absent.
    pub year: Option<i32>,
}

/// The province-wide overview: each agency in reach with its plan's headline figures
#[utoipa::path(get, path = "/api/v1/overview", tag = "reports", params(OverviewParams),
    responses((status = 200, body = Vec<AgencyOut>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<OverviewParams>,
) -> ApiResult<Json<Vec<AgencyOut>>> {
    let year = p.year.unwrap_or(state.clock.today().year());
    if !(2000..=2100).contains(&year) {
        return Err(AppError::bad_request("year: trong khoảng 2000–2100").into());
    }
    let lines = md::province_lines(&state, &auth, year).await?;
    Ok(Json(lines.iter().map(AgencyOut::from).collect()))
}
