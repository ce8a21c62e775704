//! The plan (kế hoạch): list, page, editor, publishing (phát động), and the Decree 30 document.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

use tdkt_docs::plan::Plan;
use tdkt_docs::{DocDate, Format};
use tdkt_domain::FieldErrors;
use tdkt_domain::policy::{Perm, Role};
use tdkt_store::org::{self, Agency};
use tdkt_store::plans::{self, PlanListItem, PlanRow};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::plan_edit::{self, BlockRow, DeadlineRow, EditorRows, MovementRow, PhaseRow, PlanForm};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, page, redirect_with};

/// May the caller see this plan? Staff of the agency see it once published; the Office (and a
/// province-wide administrator) also see drafts.
pub fn can_view(auth: &Auth, plan: &PlanRow) -> bool {
    let manages = auth
        .actor
        .can_on(Perm::ManagePlans, &agency_target(plan.agency_id));
    let province = auth
        .actor
        .grants
        .iter()
        .any(|g| g.role == Role::Admin && g.agency_id.is_none());
    manages || province || (plan.is_published() && auth.actor.agencies().contains(&plan.agency_id))
}

fn agency_target(agency_id: i64) -> tdkt_domain::policy::Target {
    tdkt_domain::policy::Target {
        agency_id,
        ..Default::default()
    }
}

/// The plan behind an id, if the caller may see it (404 otherwise).
pub async fn plan_in_reach(state: &AppState, auth: &Auth, id: i64) -> AppResult<(PlanRow, Plan)> {
    let row = plans::plan(&state.db, id).await?;
    if !can_view(auth, &row) {
        return Err(AppError::NotFound);
    }
    let plan = Plan::from_json(&row.content).map_err(AppError::internal)?;
    Ok((row, plan))
}

#[derive(Template)]
#[template(path = "plans_list.html")]
struct ListPage {
    ctx: PageCtx,
    plans: Vec<PlanListItem>,
    agencies: Vec<Agency>,
    next_year: i32,
    errors: FieldErrors,
}

async fn list_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    errors: FieldErrors,
) -> AppResult<ListPage> {
    let mut scope = auth.actor.scope(Perm::ManagePlans);
    scope.agencies.extend(auth.actor.agencies());
    if auth
        .actor
        .grants
        .iter()
        .any(|g| g.role == Role::Admin && g.agency_id.is_none())
    {
        scope.all = true;
    }
    let visible: Vec<PlanListItem> = plans::plans(&state.db, &scope)
        .await?
        .into_iter()
        .filter(|p| {
            p.status == "published"
                || auth
                    .actor
                    .can_on(Perm::ManagePlans, &agency_target(p.agency_id))
        })
        .collect();
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManagePlans)).await?;
    // The year a new draft is for: this year while one of the caller's agencies has no plan for
    // it, the next year otherwise.
    let this_year = state.clock.today().year();
    let next_year = if agencies.iter().any(|a| {
        !visible
            .iter()
            .any(|p| p.agency_id == a.id && p.year == i64::from(this_year))
    }) {
        this_year
    } else {
        this_year + 1
    };
    Ok(ListPage {
        ctx: PageCtx::new(state, auth, headers, path),
        plans: visible,
        agencies,
        next_year,
        errors,
    })
}

pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let p = list_page(&state, &auth, &headers, uri.path(), FieldErrors::new()).await?;
    Ok(page(&p, &p.ctx))
}

#[derive(Debug, Deserialize)]
pub struct NewForm {
    year: i32,
    agency_id: Option<i64>,
}

/// Starts a year's plan: from the agency's latest plan (its text, with the dates of phases,
/// deadlines and commemorations moved to the new year), or from the seed's structure.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    axum::Form(f): axum::Form<NewForm>,
) -> AppResult<Response> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManagePlans)).await?;
    let agency = match f.agency_id {
        Some(a) => agencies
            .iter()
            .find(|x| x.id == a)
            .ok_or(AppError::NotFound)?,
        None => agencies.first().ok_or(AppError::Forbidden)?,
    };
    if !(2000..=2100).contains(&f.year) {
        let mut e = FieldErrors::new();
        e.add("year", "Năm", "phải trong khoảng 2000–2100");
        let p = list_page(&state, &auth, &headers, uri.path(), e).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    }
    let mut previous = None;
    for y in (f.year - 5..f.year).rev() {
        if let Some(r) = plans::plan_for(&state.db, agency.id, y).await? {
            previous = Some(Plan::from_json(&r.content).map_err(AppError::internal)?);
            break;
        }
    }
    let mut plan = match previous {
        Some(p) => plan_edit::next_year(&p, f.year),
        None => plan_edit::next_year(
            &tdkt_docs::plan::seed_plan_khcn_2024().map_err(AppError::internal)?,
            f.year,
        ),
    };
    let (_, header_name) = org::agency_name_at(&state.db, agency.id, state.clock.today()).await?;
    plan.issuing_body = header_name;
    plan.agency_symbol = agency.symbol.clone();
    plan.place = agency.place.clone();
    let content = serde_json::to_string(&plan).map_err(AppError::internal)?;
    let mut tx = state.db.begin().await?;
    let result = plans::create_plan(
        &mut tx,
        &state.ctx(auth.who()),
        agency.id,
        f.year,
        &content,
        &plan_edit::derive(&plan),
    )
    .await;
    match result {
        Ok(id) => {
            tx.commit().await?;
            Ok(redirect_with(
                &format!("/ke-hoach/{id}/sua"),
                &format!(
                    "Đã tạo bản dự thảo kế hoạch năm {}; hãy sửa nội dung.",
                    f.year
                ),
            ))
        }
        Err(e) => {
            drop(tx);
            let AppError::Invalid(errors) = AppError::from(e) else {
                return Err(AppError::internal("create_plan"));
            };
            let p = list_page(&state, &auth, &headers, uri.path(), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "plan_show.html")]
struct ShowPage {
    ctx: PageCtx,
    row: PlanRow,
    plan: Plan,
    agency: Agency,
    blocks: Vec<BlockRow>,
    can_manage: bool,
    number_line: String,
    date_line: String,
    today: String,
    /// The publish form's errors and what was typed in it.
    errors: FieldErrors,
    number: String,
    issued_on: String,
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let p = show_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        id,
        FieldErrors::new(),
        None,
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

/// The plan's page, with the publish form's errors and typed values when it was refused.
async fn show_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    id: i64,
    errors: FieldErrors,
    typed: Option<&PublishForm>,
) -> AppResult<ShowPage> {
    let (row, plan) = plan_in_reach(state, auth, id).await?;
    let agency = org::agency(&state.db, row.agency_id).await?;
    let blocks = plan_edit::block_rows(
        &plan
            .intro
            .iter()
            .chain(&plan.sections)
            .cloned()
            .collect::<Vec<_>>(),
    );
    let doc = plan.to_document().ok();
    Ok(ShowPage {
        ctx: PageCtx::new(state, auth, headers, path),
        can_manage: auth
            .actor
            .can_on(Perm::ManagePlans, &agency_target(row.agency_id)),
        number_line: doc
            .as_ref()
            .and_then(|d| d.header.number_line())
            .unwrap_or_default(),
        date_line: doc
            .as_ref()
            .map(|d| d.header.place_date_line())
            .unwrap_or_default(),
        today: fmt_date(state.clock.today()),
        row,
        plan,
        agency,
        blocks,
        errors,
        number: typed.map(|f| f.number.clone()).unwrap_or_default(),
        issued_on: typed.map(|f| f.issued_on.clone()).unwrap_or_default(),
    })
}

#[derive(Template)]
#[template(path = "plan_edit.html")]
struct EditPage {
    ctx: PageCtx,
    row: PlanRow,
    plan: Plan,
    rows: EditorRows,
    errors: FieldErrors,
}

fn manage_check(auth: &Auth, row: &PlanRow) -> AppResult<()> {
    if auth
        .actor
        .can_on(Perm::ManagePlans, &agency_target(row.agency_id))
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (row, plan) = plan_in_reach(&state, &auth, id).await?;
    manage_check(&auth, &row)?;
    let p = EditPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        row,
        rows: EditorRows::of_plan(&plan),
        plan,
        errors: FieldErrors::new(),
    };
    Ok(page(&p, &p.ctx))
}

/// Saves the editor, or adds an empty row where asked (then shows the editor again, unsaved).
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Form(f): Form<PlanForm>,
) -> AppResult<Response> {
    let (row, plan) = plan_in_reach(&state, &auth, id).await?;
    manage_check(&auth, &row)?;
    if !f.add.is_empty() {
        // One more row: the form shows again as typed (nothing is saved), with the new row.
        let mut rows = EditorRows::typed(&f);
        if let Some(i) = f
            .add
            .strip_prefix("block:")
            .and_then(|i| i.parse::<usize>().ok())
        {
            rows.blocks.insert(
                (i + 1).min(rows.blocks.len()),
                BlockRow {
                    kind: "p".into(),
                    ..Default::default()
                },
            );
        }
        match f.add.as_str() {
            "phase" => rows.phases.push(empty_phase(plan.year)),
            "deadline" => rows.deadlines.push(empty_deadline(plan.year)),
            "movement" => rows.movements.push(empty_movement()),
            _ => {}
        }
        let p = EditPage {
            ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
            row,
            plan: plan_edit::typed_plan(&plan, &f),
            rows,
            errors: FieldErrors::new(),
        };
        return Ok(page(&p, &p.ctx));
    }
    match plan_edit::apply(&plan, &f) {
        Ok(new) => {
            let content = serde_json::to_string(&new).map_err(AppError::internal)?;
            let mut tx = state.db.begin().await?;
            plans::update_plan(
                &mut tx,
                &state.ctx(auth.who()),
                id,
                &content,
                &plan_edit::derive(&new),
            )
            .await?;
            tx.commit().await?;
            Ok(redirect_with(
                &format!("/ke-hoach/{id}"),
                "Đã lưu kế hoạch.",
            ))
        }
        Err(errors) => {
            // Show what was typed, with the errors; nothing is saved.
            let p = EditPage {
                ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
                row,
                plan: plan_edit::typed_plan(&plan, &f),
                rows: EditorRows::typed(&f),
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
    }
}

fn empty_phase(year: i32) -> PhaseRow {
    PhaseRow {
        start: format!("01/01/{year}"),
        end: format!("01/01/{year}"),
        ..Default::default()
    }
}

fn empty_deadline(year: i32) -> DeadlineRow {
    DeadlineRow {
        kind: "other".into(),
        date: format!("31/12/{year}"),
        ..Default::default()
    }
}

fn empty_movement() -> MovementRow {
    MovementRow {
        kind: "thematic".into(),
        ..Default::default()
    }
}

#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    issued_on: String,
}

/// Phát động: the plan becomes the agency's plan for the year; the number and date of the paper
/// are recorded when given (the number from the register of outgoing documents).
pub async fn publish(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<PublishForm>,
) -> AppResult<Response> {
    let (row, mut plan) = plan_in_reach(&state, &auth, id).await?;
    manage_check(&auth, &row)?;
    let mut e = FieldErrors::new();
    let number = match f.number.trim() {
        "" => None,
        n => match n.parse::<u32>() {
            Ok(v) if v > 0 => Some(v),
            _ => {
                e.add("number", "Số văn bản", "phải là số nguyên dương");
                None
            }
        },
    };
    let issued_on = match f.issued_on.trim() {
        "" => None,
        d => match tdkt_domain::vn::parse_date(d) {
            Some(d) if d.year() == plan.year || d.year() == plan.year - 1 => Some(d),
            Some(_) => {
                e.add(
                    "issued_on",
                    "Ngày ban hành",
                    format!("phải trong năm {} hoặc cuối năm trước", plan.year),
                );
                None
            }
            None => {
                e.add(
                    "issued_on",
                    "Ngày ban hành",
                    "không phải ngày hợp lệ (dd/mm/yyyy)",
                );
                None
            }
        },
    };
    if let Err(v) = plan.validate() {
        plan_edit::add_docs_errors(&mut e, v);
    }
    if !e.is_empty() {
        let path = format!("/ke-hoach/{id}");
        let p = show_page(&state, &auth, &headers, &path, id, e, Some(&f)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    }
    plan.number = number;
    if let Some(d) = issued_on {
        plan.date = DocDate::full(d);
    }
    let content = serde_json::to_string(&plan).map_err(AppError::internal)?;
    let mut tx = state.db.begin().await?;
    plans::publish(
        &mut tx,
        &state.ctx(auth.who()),
        id,
        number.map(i64::from),
        issued_on,
        &content,
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("/ke-hoach/{id}"),
        &format!(
            "Đã phát động kế hoạch năm {}: mọi cán bộ trong cơ quan thấy kế hoạch và các hạn của mình.",
            plan.year
        ),
    ))
}

#[derive(Debug, Deserialize)]
pub struct DownloadQuery {
    #[serde(default)]
    inline: Option<String>,
}

/// The plan as a Decree 30 document (DOCX or PDF).
pub async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, format)): Path<(i64, String)>,
    Query(q): Query<DownloadQuery>,
) -> AppResult<Response> {
    let (_, plan) = plan_in_reach(&state, &auth, id).await?;
    let format = match format.as_str() {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        _ => return Err(AppError::NotFound),
    };
    let doc = plan.to_document().map_err(|v| {
        let mut e = FieldErrors::new();
        plan_edit::add_docs_errors(&mut e, v);
        AppError::Invalid(e)
    })?;
    let bytes =
        tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format).map(|b| (b, doc)))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
    let (bytes, doc) = bytes;
    let name = tdkt_docs::filename::display_name(&doc, format);
    let disposition = if q.inline.is_some() && format == Format::Pdf {
        tdkt_docs::filename::content_disposition(&name).replacen("attachment", "inline", 1)
    } else {
        tdkt_docs::filename::content_disposition(&name)
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(AppError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Labels for the templates.
pub fn deadline_label(kind: &tdkt_docs::plan::DeadlineKind) -> &'static str {
    kind.label()
}

pub fn movement_label(kind: &tdkt_docs::plan::MovementKind) -> &'static str {
    kind.label()
}

/// A block's text as safe HTML: escaped, with `*italic*` and `**bold**` marks rendered.
pub fn marked_html(text: &str) -> String {
    let mut out = String::new();
    for r in plan_edit::text_to_runs(text) {
        match r {
            tdkt_docs::Inline::Plain(t) => out.push_str(&escape(&t)),
            tdkt_docs::Inline::Styled(s) => {
                let (open, close) = if s.bold {
                    ("<strong>", "</strong>")
                } else {
                    ("<em>", "</em>")
                };
                out.push_str(open);
                out.push_str(&escape(&s.text));
                out.push_str(close);
            }
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
