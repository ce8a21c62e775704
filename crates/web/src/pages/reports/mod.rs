//! Review reports (báo cáo sơ kết, tổng kết): a plan's list of them, a unit's report (the head
//! writes and submits it; the Office accepts it or returns it with a reason; a resubmission shows
//! what changed since the returned version), and the Office's consolidated report.
//!
//! Who does what: viewing needs `ViewMovement` and the unit within reach; writing and submitting
//! need `SubmitUnitItems` on the unit (its head); accepting, returning and consolidating need
//! `ManageMovement` on the agency (the Office). The JSON API calls the same functions.

pub mod consolidated;
pub mod diff;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use tdkt_docs::Format;
use tdkt_docs::plan::Plan;
use tdkt_domain::FieldErrors;
use tdkt_domain::policy::{Perm, Target};
use tdkt_domain::workflow::{Action, Part, Status};
use tdkt_sheets::{Cell, Column, write_table};
use tdkt_store::org::{self, Unit};
use tdkt_store::plans::{self, PlanRow};
use tdkt_store::reports::{
    self, Content, Figures, Kind, ListItem, ReportRow, SECTIONS, Sections, Timeliness, VersionRow,
};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::pages::plans::plan_in_reach;
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, fmt_time, page, redirect_with, xlsx_response};

// ---------------------------------------------------------------------------------------------
// What pages and API share

/// A report with what it belongs to, loaded for a caller who may see it.
pub struct Loaded {
    pub row: ReportRow,
    pub unit: Unit,
    pub plan_row: PlanRow,
    pub plan: Plan,
}

impl Loaded {
    pub fn kind(&self) -> Kind {
        self.row.kind()
    }
}

/// The report behind an id, if the caller may see it (404 otherwise).
pub async fn load(state: &AppState, auth: &Auth, id: i64) -> AppResult<Loaded> {
    let row = reports::report(&state.db, id).await?;
    let unit = org::unit(&state.db, row.unit_id).await?;
    auth.check(Perm::ViewMovement, &unit.target())?;
    let (plan_row, plan) = plan_in_reach(state, auth, row.plan_id).await?;
    Ok(Loaded {
        row,
        unit,
        plan_row,
        plan,
    })
}

/// The part the caller plays towards a unit's report, if any.
pub fn part(auth: &Auth, unit: &Unit) -> Option<Part> {
    if auth.actor.can_on(Perm::SubmitUnitItems, &unit.target()) {
        Some(Part::Owner)
    } else if auth.actor.can_on(Perm::ManageMovement, &unit.target()) {
        Some(Part::Reviewer)
    } else {
        None
    }
}

/// The figures of a unit's report as the records stand today.
pub async fn live_figures(state: &AppState, l: &Loaded) -> AppResult<Figures> {
    Ok(reports::figures(
        &state.db,
        l.row.plan_id,
        l.plan_row.year as i32,
        &l.unit.path,
        state.clock.today(),
    )
    .await?)
}

/// The text sections as typed: each line cleaned (NFC, spaces collapsed), line breaks kept, no
/// HTML (the consolidated paper refuses it, so it is refused here, naming the field).
pub fn parse_sections(raw: &SectionsForm) -> Result<Sections, FieldErrors> {
    let clean = |s: &str| {
        let lines: Vec<String> = s.lines().map(tdkt_domain::vn::clean).collect();
        lines.join("\n").trim_matches('\n').to_owned()
    };
    let s = Sections {
        results: clean(&raw.results),
        models: clean(&raw.models),
        exemplars: clean(&raw.exemplars),
        difficulties: clean(&raw.difficulties),
        proposals: clean(&raw.proposals),
    };
    let mut c = tdkt_docs::validate::Checker::new();
    for (key, label) in SECTIONS {
        c.text(key, label, s.get(key));
    }
    match c.finish() {
        Ok(()) => Ok(s),
        Err(v) => {
            let mut e = FieldErrors::new();
            crate::plan_edit::add_docs_errors(&mut e, v);
            Err(e)
        }
    }
}

/// Saves the sections of a report the caller heads.
pub async fn save_sections(
    state: &AppState,
    auth: &Auth,
    l: &Loaded,
    sections: &Sections,
) -> AppResult<()> {
    auth.check(Perm::SubmitUnitItems, &l.unit.target())?;
    let mut tx = state.db.begin().await?;
    reports::save(&mut tx, &state.ctx(auth.who()), l.row.id, sections).await?;
    tx.commit().await?;
    Ok(())
}

/// Submits, accepts or returns a report. Submitting freezes today's figures into it, after
/// saving the sections given, in the same transaction (a refused submission saves nothing).
pub async fn act(
    state: &AppState,
    auth: &Auth,
    l: &Loaded,
    action: Action,
    reason: Option<&str>,
    sections: Option<&Sections>,
) -> AppResult<ReportRow> {
    let (perm, part) = match action {
        Action::Submit => (Perm::SubmitUnitItems, Part::Owner),
        _ => (Perm::ManageMovement, Part::Reviewer),
    };
    auth.check(perm, &l.unit.target())?;
    let figures = match action {
        Action::Submit => Some(live_figures(state, l).await?),
        _ => None,
    };
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    if let Some(s) = sections
        && action == Action::Submit
        && l.row.status().editable()
    {
        reports::save(&mut tx, &ctx, l.row.id, s).await?;
    }
    let row = reports::act(&mut tx, &ctx, l.row.id, action, part, reason, figures).await?;
    tx.commit().await?;
    Ok(row)
}

/// Starts (or finds) the report of a unit the caller heads: its id.
pub async fn start_report(
    state: &AppState,
    auth: &Auth,
    plan_id: i64,
    unit_id: i64,
    kind: Kind,
) -> AppResult<i64> {
    let (row, _) = plan_in_reach(state, auth, plan_id).await?;
    let unit = org::unit(&state.db, unit_id)
        .await
        .map_err(|_| AppError::NotFound)?;
    if unit.agency_id != row.agency_id {
        return Err(AppError::NotFound);
    }
    auth.check(Perm::SubmitUnitItems, &unit.target())?;
    let mut tx = state.db.begin().await?;
    let id = reports::start(&mut tx, &state.ctx(auth.who()), plan_id, unit_id, kind).await?;
    tx.commit().await?;
    Ok(id)
}

/// The reports of a plan within the caller's reach.
pub async fn list_in_reach(
    state: &AppState,
    auth: &Auth,
    plan: &PlanRow,
    kinds: &[Kind],
) -> AppResult<Vec<ListItem>> {
    let scope = auth.actor.scope(Perm::ViewMovement);
    Ok(reports::list(&state.db, plan.id, plan.agency_id, &scope, kinds).await?)
}

/// A section's change since the returned version.
pub struct SectionDiff {
    pub label: &'static str,
    pub html: String,
}

/// What changed in each section since the version the Office returned (None if never returned).
pub fn changes_since_return(
    versions: &[VersionRow],
    current: &Sections,
) -> AppResult<Option<Vec<SectionDiff>>> {
    let Some(returned) = reports::last_returned(versions) else {
        return Ok(None);
    };
    let old = Content::parse(&returned.content)?.sections;
    Ok(Some(
        SECTIONS
            .iter()
            .filter_map(|(key, label)| {
                diff::diff_html(old.get(key), current.get(key))
                    .map(|html| SectionDiff { label, html })
            })
            .collect(),
    ))
}

// ---------------------------------------------------------------------------------------------
// The list of a plan's reports

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    loai: Option<String>,
}

fn kinds_of(q: Option<&str>) -> Vec<Kind> {
    q.and_then(Kind::from_code).into_iter().collect()
}

/// A row of the list as shown.
pub struct ListRow {
    pub item: ListItem,
    pub timeliness: Timeliness,
    pub status_label: &'static str,
    pub submitted: String,
    pub can_start: bool,
}

#[derive(Template)]
#[template(path = "reports_list.html")]
struct ListPage {
    ctx: PageCtx,
    plan: PlanRow,
    rows: Vec<ListRow>,
    kind: Option<Kind>,
    can_consolidate: bool,
    kinds: [Kind; 2],
}

impl ListPage {
    fn current_code(&self) -> &'static str {
        self.kind.map_or("", Kind::code)
    }
}

fn list_rows(state: &AppState, auth: &Auth, agency_id: i64, items: Vec<ListItem>) -> Vec<ListRow> {
    let today = state.clock.today();
    items
        .into_iter()
        .map(|item| {
            let unit = Target {
                agency_id,
                unit_path: Some(item.unit_path.clone()),
                person_id: None,
            };
            ListRow {
                timeliness: item.timeliness(today),
                status_label: item
                    .report
                    .as_ref()
                    .map_or("Chưa lập", |r| r.status().label(true)),
                submitted: item
                    .report
                    .as_ref()
                    .and_then(|r| r.submitted_at)
                    .map(|t| fmt_time(state, t))
                    .unwrap_or_default(),
                can_start: item.report.is_none() && auth.actor.can_on(Perm::SubmitUnitItems, &unit),
                item,
            }
        })
        .collect()
}

pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let kinds = kinds_of(q.loai.as_deref());
    let items = list_in_reach(&state, &auth, &plan, &kinds).await?;
    let agency = Target {
        agency_id: plan.agency_id,
        ..Default::default()
    };
    let p = ListPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        can_consolidate: auth.actor.can_on(Perm::ManageMovement, &agency),
        rows: list_rows(&state, &auth, plan.agency_id, items),
        kind: kinds.first().copied(),
        kinds: Kind::ALL,
        plan,
    };
    Ok(page(&p, &p.ctx))
}

/// The list as .xlsx.
pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let items = list_in_reach(&state, &auth, &plan, &kinds_of(q.loai.as_deref())).await?;
    let today = state.clock.today();
    let cols = [
        Column::new("Mã đơn vị", 10.0),
        Column::new("Phòng, đơn vị", 36.0),
        Column::new("Báo cáo", 18.0),
        Column::new("Hạn gửi", 12.0),
        Column::new("Tình trạng", 22.0),
        Column::new("Gửi lần đầu", 12.0),
        Column::new("Đúng hạn", 18.0),
        Column::new("Số lần bị trả lại", 10.0),
        Column::new("Lý do trả lại gần nhất", 40.0),
    ];
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|i| {
            let r = i.report.as_ref();
            vec![
                Cell::from(i.unit_code.as_str()),
                Cell::from(i.unit_name.as_str()),
                Cell::from(i.kind.label()),
                Cell::from(i.due_on),
                Cell::from(r.map_or("Chưa lập", |r| r.status().label(true))),
                Cell::from(r.and_then(|r| r.first_submitted_on)),
                Cell::from(i.timeliness(today).label()),
                Cell::from(i.returned_count()),
                Cell::from(r.and_then(|r| r.return_reason.clone())),
            ]
        })
        .collect();
    let title = format!("BÁO CÁO SƠ KẾT, TỔNG KẾT — KẾ HOẠCH NĂM {}", plan.year);
    let bytes = write_table("Báo cáo", Some(&title), &cols, &rows).map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Báo cáo sơ kết, tổng kết {}.xlsx", plan.year),
        bytes,
    ))
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    unit_id: i64,
    kind: String,
}

/// A unit head starts the unit's report (or opens it, if started).
pub async fn start(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<StartForm>,
) -> AppResult<Response> {
    let kind = Kind::from_code(&f.kind)
        .ok_or_else(|| AppError::bad_request("Loại báo cáo không hợp lệ."))?;
    let rid = start_report(&state, &auth, id, f.unit_id, kind).await?;
    Ok(Redirect::to(&format!("/bao-cao/{rid}")).into_response())
}

/// `/bao-cao`: the reports of the caller's plan of the year (or the plans list, without one).
pub async fn current(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    Ok(match current_plan(&state, &auth).await? {
        Some(id) => Redirect::to(&format!("/ke-hoach/{id}/bao-cao")).into_response(),
        None => redirect_with(
            "/ke-hoach",
            "Cơ quan chưa có kế hoạch thi đua được phát động.",
        ),
    })
}

/// The caller's agency's published plan of this year, or its latest published one.
pub async fn current_plan(state: &AppState, auth: &Auth) -> AppResult<Option<i64>> {
    let year = state.clock.today().year();
    for agency in auth.actor.agencies() {
        for y in [year, year - 1] {
            if let Some(p) = plans::plan_for(&state.db, agency, y).await?
                && p.is_published()
            {
                return Ok(Some(p.id));
            }
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// One report

/// The text sections from a form.
#[derive(Debug, Default, Deserialize)]
pub struct SectionsForm {
    #[serde(default)]
    pub results: String,
    #[serde(default)]
    pub models: String,
    #[serde(default)]
    pub exemplars: String,
    #[serde(default)]
    pub difficulties: String,
    #[serde(default)]
    pub proposals: String,
}

/// A section as the form shows it.
pub struct SectionField {
    pub key: &'static str,
    pub label: &'static str,
    pub text: String,
    pub html: String,
    pub error: Option<String>,
}

/// A row of the history.
pub struct HistoryRow {
    pub version: i64,
    pub action: &'static str,
    pub status: &'static str,
    pub actor: String,
    pub at: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "report_show.html")]
struct ShowPage {
    ctx: PageCtx,
    l: Loaded,
    status_label: &'static str,
    timeliness: Timeliness,
    figures: Figures,
    live: bool,
    sections: Vec<SectionField>,
    editable: bool,
    reviewable: bool,
    diffs: Option<Vec<SectionDiff>>,
    history: Vec<HistoryRow>,
    errors: FieldErrors,
    reason: String,
    first_submitted: String,
    last_submitted: String,
}

fn action_label(code: &str) -> &'static str {
    match code {
        "submit" => "Gửi báo cáo",
        "approve" => "Tiếp nhận",
        "return" => "Trả lại",
        "reopen" => "Mở lại",
        _ => "",
    }
}

/// What a refused form sends back: the text typed, the errors, the reason typed.
#[derive(Default)]
struct Typed {
    sections: Option<Sections>,
    errors: FieldErrors,
    reason: String,
}

async fn show_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    l: Loaded,
    typed: Typed,
) -> AppResult<ShowPage> {
    let Typed {
        sections: typed,
        errors,
        reason,
    } = typed;
    let content = l.row.content()?;
    let status = l.row.status();
    let part = part(auth, &l.unit);
    let editable = part == Some(Part::Owner) && status.editable();
    let (figures, live) = match (&content.figures, status.editable()) {
        (Some(f), false) => (f.clone(), false),
        _ => (live_figures(state, &l).await?, true),
    };
    let shown = typed.unwrap_or(content.sections);
    let versions = reports::versions(&state.db, l.row.id).await?;
    let diffs = changes_since_return(&versions, &shown)?;
    let history = versions
        .iter()
        .map(|v| HistoryRow {
            version: v.version,
            action: action_label(&v.action),
            status: Status::from_code(&v.status).map_or("", |s| s.label(true)),
            actor: v.actor_name.clone().unwrap_or_default(),
            at: fmt_time(state, v.at),
            reason: v.reason.clone().unwrap_or_default(),
        })
        .collect();
    let sections = SECTIONS
        .iter()
        .map(|(key, label)| SectionField {
            key,
            label,
            text: shown.get(key).to_owned(),
            html: diff::text_html(shown.get(key)),
            error: errors.get(key).map(str::to_owned),
        })
        .collect();
    let item = ListItem {
        unit_id: l.unit.id,
        unit_code: l.unit.code.clone(),
        unit_name: l.unit.name.clone(),
        unit_path: l.unit.path.clone(),
        kind: l.kind(),
        due_on: Some(l.row.due_on),
        report: Some(l.row.clone()),
    };
    Ok(ShowPage {
        ctx: PageCtx::new(state, auth, headers, path),
        status_label: status.label(true),
        timeliness: item.timeliness(state.clock.today()),
        figures,
        live,
        sections,
        editable,
        reviewable: part == Some(Part::Reviewer) && status == Status::Submitted,
        diffs,
        history,
        errors,
        reason,
        first_submitted: l
            .row
            .first_submitted_at
            .map(|t| fmt_time(state, t))
            .unwrap_or_default(),
        last_submitted: l
            .row
            .submitted_at
            .map(|t| fmt_time(state, t))
            .unwrap_or_default(),
        l,
    })
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let l = load(&state, &auth, id).await?;
    let p = show_page(&state, &auth, &headers, uri.path(), l, Typed::default()).await?;
    Ok(page(&p, &p.ctx))
}

/// Re-renders the page with what was typed and why it was refused (422).
async fn refused(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    id: i64,
    typed: Typed,
) -> AppResult<Response> {
    let l = load(state, auth, id).await?;
    let path = format!("/bao-cao/{id}");
    let p = show_page(state, auth, headers, &path, l, typed).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
}

/// Saves the head's draft.
pub async fn save(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<SectionsForm>,
) -> AppResult<Response> {
    let l = load(&state, &auth, id).await?;
    auth.check(Perm::SubmitUnitItems, &l.unit.target())?;
    let sections = match parse_sections(&f) {
        Ok(s) => s,
        Err(errors) => {
            let t = Typed {
                errors,
                ..Default::default()
            };
            return refused(&state, &auth, &headers, id, t).await;
        }
    };
    match save_sections(&state, &auth, &l, &sections).await {
        Ok(()) => Ok(redirect_with(&format!("/bao-cao/{id}"), "Đã lưu bản nháp.")),
        Err(AppError::Invalid(errors)) => {
            let t = Typed {
                sections: Some(sections),
                errors,
                ..Default::default()
            };
            refused(&state, &auth, &headers, id, t).await
        }
        Err(e) => Err(e),
    }
}

/// Saves what the head typed, then submits it to the Office.
pub async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<SectionsForm>,
) -> AppResult<Response> {
    let l = load(&state, &auth, id).await?;
    auth.check(Perm::SubmitUnitItems, &l.unit.target())?;
    let sections = match parse_sections(&f) {
        Ok(s) => s,
        Err(errors) => {
            let t = Typed {
                errors,
                ..Default::default()
            };
            return refused(&state, &auth, &headers, id, t).await;
        }
    };
    match act(&state, &auth, &l, Action::Submit, None, Some(&sections)).await {
        Ok(r) => {
            let late = if r.on_time() == Some(false) {
                " (sau hạn gửi)"
            } else {
                ""
            };
            Ok(redirect_with(
                &format!("/bao-cao/{id}"),
                &format!("Đã gửi báo cáo về Văn phòng{late}."),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let t = Typed {
                sections: Some(sections),
                errors,
                ..Default::default()
            };
            refused(&state, &auth, &headers, id, t).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// The Office accepts (tiếp nhận) a submitted report.
pub async fn accept(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let l = load(&state, &auth, id).await?;
    match act(&state, &auth, &l, Action::Approve, None, None).await {
        Ok(_) => Ok(redirect_with(
            &format!("/bao-cao/{id}"),
            "Đã tiếp nhận báo cáo.",
        )),
        Err(AppError::Invalid(errors)) => {
            let t = Typed {
                errors,
                ..Default::default()
            };
            refused(&state, &auth, &headers, id, t).await
        }
        Err(e) => Err(e),
    }
}

/// The Office returns a submitted report, with a reason (required).
pub async fn return_report(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ReasonForm>,
) -> AppResult<Response> {
    let l = load(&state, &auth, id).await?;
    let reason = tdkt_domain::vn::clean(&f.reason);
    match act(&state, &auth, &l, Action::Return, Some(&reason), None).await {
        Ok(_) => Ok(redirect_with(
            &format!("/bao-cao/{id}"),
            "Đã trả lại báo cáo cho đơn vị, kèm lý do.",
        )),
        Err(AppError::Invalid(errors)) => {
            let t = Typed {
                errors,
                reason,
                ..Default::default()
            };
            refused(&state, &auth, &headers, id, t).await
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// The consolidated report

/// The consolidated paper of a kind for a plan, from the accepted reports.
pub async fn consolidated_document(
    state: &AppState,
    auth: &Auth,
    plan_id: i64,
    kind: Kind,
) -> AppResult<tdkt_docs::Document> {
    let (row, plan) = plan_in_reach(state, auth, plan_id).await?;
    auth.check(
        Perm::ManageMovement,
        &Target {
            agency_id: row.agency_id,
            ..Default::default()
        },
    )?;
    let agency = org::agency(&state.db, row.agency_id).await?;
    let accepted = reports::accepted(&state.db, plan_id, kind).await?;
    let expected = reports::reporting_units(&state.db, row.agency_id)
        .await?
        .len();
    let mut units = Vec::new();
    for (name, r) in accepted {
        units.push(consolidated::UnitReport {
            unit_name: name,
            content: r.content()?,
            submitted_on: r.first_submitted_on,
        });
    }
    let plan_ref = match (row.number, row.issued_on) {
        (Some(n), Some(d)) => format!(
            "Kế hoạch số {n:02}/KH-{} ngày {} của {}",
            agency.symbol,
            fmt_date(d),
            agency.short_name
        ),
        _ => format!("Kế hoạch năm {} của {}", row.year, agency.short_name),
    };
    Ok(consolidated::document(
        &plan,
        &plan_ref,
        &agency.short_name,
        kind,
        state.clock.today(),
        &units,
        expected,
    ))
}

/// Downloads the consolidated report (DOCX or PDF).
pub async fn consolidated(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, kind, format)): Path<(i64, String, String)>,
) -> AppResult<Response> {
    let kind = Kind::from_code(&kind).ok_or(AppError::NotFound)?;
    let format = match format.as_str() {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        _ => return Err(AppError::NotFound),
    };
    let doc = consolidated_document(&state, &auth, id, kind).await?;
    let (bytes, doc) =
        tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format).map(|b| (b, doc)))
            .await
            .map_err(AppError::internal)?
            .map_err(|e| match e {
                tdkt_docs::Error::Invalid(v) => {
                    let mut f = FieldErrors::new();
                    crate::plan_edit::add_docs_errors(&mut f, v);
                    AppError::Invalid(f)
                }
                e => AppError::internal(e),
            })?;
    let name = tdkt_docs::filename::display_name(&doc, format);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&tdkt_docs::filename::content_disposition(&name))
                    .map_err(AppError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}
