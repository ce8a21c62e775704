//! A unit's registrations (its members' and its own) and the Office's summary with the
//! registration rate per unit; both export to .xlsx.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::Date;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::targets::{self as tg, OwnerKind};
use tdkt_sheets::{Cell, Column};
use tdkt_store::org;
use tdkt_store::registrations::{
    self as reg, ListItem, Member, Owner, PlanRef, RegistrationRow, TargetRow, UnitRate,
};

use super::{EditForm, Editor, YearQuery, people_of};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::registration as r;
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with, xlsx_response};

#[derive(Template)]
#[template(path = "registration_unit.html")]
struct UnitPage {
    ctx: PageCtx,
    unit: org::Unit,
    plan: Option<PlanRef>,
    year: i32,
    members: Vec<Member>,
    regs: Vec<ListItem>,
    own: Option<RegistrationRow>,
    /// The unit's own targets.
    targets: Vec<TargetRow>,
    editor: Option<Editor>,
    locked: bool,
    today: Date,
    can_review: bool,
    me: Option<i64>,
}

impl UnitPage {
    /// The figures of a member's registration.
    fn stats(&self, id: &Option<i64>) -> Option<&ListItem> {
        self.regs.iter().find(|i| Some(i.reg.id) == *id)
    }

    /// Is this member the caller (who does not review their own registration)?
    fn is_me(&self, person_id: &i64) -> bool {
        self.me == Some(*person_id)
    }
}

async fn unit_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    unit_id: i64,
    year: Option<i32>,
    typed: Option<(&EditForm, FieldErrors)>,
) -> AppResult<UnitPage> {
    let unit = org::unit(&state.db, unit_id).await?;
    auth.check(Perm::ViewMovement, &unit.target())?;
    let plan = r::plan_of(state, unit.agency_id, year).await?;
    let today = state.clock.today();
    let mut p = UnitPage {
        ctx: PageCtx::new(state, auth, headers, path),
        year: year.unwrap_or(today.year()),
        plan: plan.clone(),
        members: vec![],
        regs: vec![],
        own: None,
        targets: vec![],
        editor: None,
        locked: false,
        today,
        can_review: auth.actor.can_on(Perm::ReviewRegistrations, &unit.target()),
        me: auth.actor.person_id,
        unit,
    };
    let Some(plan) = plan else { return Ok(p) };
    let scope = auth.actor.scope(Perm::ViewMovement);
    p.members = reg::members(&state.db, plan.id, &p.unit.path).await?;
    p.regs = reg::list(&state.db, plan.id, &scope, Some(&p.unit.path), today).await?;
    p.own = reg::by_owner(&state.db, plan.id, Owner::Unit(unit_id)).await?;
    p.locked = tdkt_domain::workflow::locked(
        plan.deadline,
        p.own.as_ref().and_then(|s| s.reopened_until),
        today,
    );
    if let Some(o) = &p.own {
        p.targets = reg::targets(&state.db, o.id).await?;
    }
    let may_write = auth.actor.can_on(Perm::SubmitUnitItems, &p.unit.target());
    if may_write && !p.locked && p.own.as_ref().is_none_or(|o| o.status().editable()) {
        let people = people_of(state, &plan, &p.unit.path).await?;
        let ed = Editor::new(
            format!("/dang-ky/don-vi/{unit_id}?nam={}", plan.year),
            OwnerKind::Unit,
            people,
        );
        p.editor = Some(match (typed, &p.own) {
            (Some((f, e)), _) => ed.typed(f, e),
            (None, Some(o)) => ed.stored(o, &p.targets),
            (None, None) => ed,
        });
    }
    Ok(p)
}

/// A unit's registrations: its members' (with approve and return) and its own.
pub async fn unit(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let p = unit_page(&state, &auth, &headers, uri.path(), id, q.year(), None).await?;
    Ok(page(&p, &p.ctx))
}

/// Saves (or sends to the Office) the unit's own registration.
pub async fn save_unit(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
    Form(f): Form<EditForm>,
) -> AppResult<Response> {
    let (unit, owner) = r::unit_owner(&state, &auth, id).await?;
    let f = f.without_deleted();
    if let Some(edited) = f.added_row() {
        let mut p = unit_page(
            &state,
            &auth,
            &headers,
            uri.path(),
            id,
            q.year(),
            Some((&edited, FieldErrors::new())),
        )
        .await?;
        if let Some(e) = p.editor.as_mut() {
            e.unsaved = true;
        }
        return Ok(page(&p, &p.ctx));
    }
    let plan = r::plan_of(&state, unit.agency_id, q.year())
        .await?
        .ok_or(AppError::NotFound)?;
    let submit = f.op == "submit";
    match r::save(&state, &auth, &plan, owner, &f.input(), submit).await {
        Ok(rid) => Ok(redirect_with(
            &if submit {
                format!("/dang-ky/{rid}")
            } else {
                format!("/dang-ky/don-vi/{id}")
            },
            if submit {
                "Đã gửi bản đăng ký của đơn vị lên Văn phòng."
            } else {
                "Đã lưu bản đăng ký của đơn vị."
            },
        )),
        Err(AppError::Invalid(e)) => {
            let p = unit_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                id,
                q.year(),
                Some((&f, e)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// "Chờ duyệt", "Đã duyệt", … or "Chưa đăng ký".
pub fn status_text(code: Option<&str>) -> &'static str {
    code.and_then(tdkt_domain::workflow::Status::from_code)
        .map(|s| s.label(false))
        .unwrap_or("Chưa đăng ký")
}

/// A unit's members and their registrations as .xlsx.
pub async fn unit_export(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let unit = org::unit(&state.db, id).await?;
    auth.check(Perm::ViewMovement, &unit.target())?;
    let plan = r::plan_of(&state, unit.agency_id, q.year())
        .await?
        .ok_or(AppError::NotFound)?;
    let regs = reg::list(
        &state.db,
        plan.id,
        &auth.actor.scope(Perm::ViewMovement),
        Some(&unit.path),
        state.clock.today(),
    )
    .await?;
    let rows = regs.iter().map(list_row).collect::<Vec<_>>();
    let bytes = tdkt_sheets::write_table(
        "Đăng ký thi đua",
        Some(&format!(
            "ĐĂNG KÝ THI ĐUA NĂM {} — {}",
            plan.year,
            unit.name.to_uppercase()
        )),
        &list_columns(),
        &rows,
    )
    .map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Đăng ký thi đua {} {}.xlsx", plan.year, unit.code),
        bytes,
    ))
}

fn list_columns() -> Vec<Column> {
    vec![
        Column::new("Đơn vị", 30.0),
        Column::new("Cá nhân / tập thể", 28.0),
        Column::new("Danh hiệu đăng ký", 28.0),
        Column::new("Trạng thái", 14.0),
        Column::new("Số chỉ tiêu", 10.0),
        Column::new("Đã đạt", 8.0),
        Column::new("Quá hạn", 8.0),
        Column::new("Không cao hơn năm trước", 12.0),
        Column::new("Lý do trả lại", 30.0),
    ]
}

fn list_row(i: &ListItem) -> Vec<Cell> {
    vec![
        i.reg.unit_name.clone().into(),
        if i.reg.person_id.is_some() {
            i.reg.owner_name().to_owned()
        } else {
            "(Tập thể đơn vị)".to_owned()
        }
        .into(),
        r::title_name(i.reg.title_code.as_deref()).into(),
        i.reg.status().label(false).into(),
        (i.targets as i64).into(),
        (i.met as i64).into(),
        (i.overdue as i64).into(),
        (i.not_higher as i64).into(),
        i.reg.return_reason.clone().into(),
    ]
}

#[derive(Template)]
#[template(path = "registration_summary.html")]
struct SummaryPage {
    ctx: PageCtx,
    year: i32,
    plan: Option<PlanRef>,
    rates: Vec<UnitRate>,
    regs: Vec<ListItem>,
    total_members: i64,
    total_submitted: i64,
}

async fn summary_data(
    state: &AppState,
    auth: &Auth,
    year: Option<i32>,
) -> AppResult<(Option<PlanRef>, Vec<UnitRate>, Vec<ListItem>)> {
    let Some(agency) = r::home_agency(state, auth).await? else {
        return Ok((None, vec![], vec![]));
    };
    let Some(plan) = r::plan_of(state, agency, year).await? else {
        return Ok((None, vec![], vec![]));
    };
    let scope = auth.actor.scope(Perm::ViewMovement);
    let rates = reg::unit_rates(&state.db, &plan, &scope).await?;
    let regs = reg::list(&state.db, plan.id, &scope, None, state.clock.today()).await?;
    Ok((Some(plan), rates, regs))
}

/// The Office's summary (a unit head's: their subtree): the registration rate per unit, every
/// unit's own registration with its status, and the registrations waiting or flagged.
pub async fn summary(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (plan, rates, regs) = summary_data(&state, &auth, q.year()).await?;
    let p = SummaryPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        year: q.year().unwrap_or(state.clock.today().year()),
        total_members: rates.iter().map(|u| u.members).sum(),
        total_submitted: rates.iter().map(|u| u.submitted).sum(),
        plan,
        rates,
        regs,
    };
    Ok(page(&p, &p.ctx))
}

/// `?nam=2024&bang=danh-sach`: which list of the summary to export.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default, deserialize_with = "crate::pages::empty_as_none")]
    pub nam: Option<i64>,
    #[serde(default)]
    pub bang: String,
}

/// The summary as .xlsx: the rate per unit (default) or every registration (`bang=danh-sach`).
pub async fn summary_export(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let year = q.nam.and_then(|y| i32::try_from(y).ok());
    let (plan, rates, regs) = summary_data(&state, &auth, year).await?;
    let plan = plan.ok_or(AppError::NotFound)?;
    if q.bang == "danh-sach" {
        let list: Vec<Vec<Cell>> = regs.iter().map(list_row).collect();
        let title = format!("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {}", plan.year);
        let bytes = tdkt_sheets::write_table("Đăng ký", Some(&title), &list_columns(), &list)
            .map_err(AppError::internal)?;
        return Ok(xlsx_response(
            &format!("Danh sách đăng ký thi đua {}.xlsx", plan.year),
            bytes,
        ));
    }
    let cols = [
        Column::new("Mã đơn vị", 12.0),
        Column::new("Đơn vị", 40.0),
        Column::new("Số người", 10.0),
        Column::new("Đã gửi đăng ký", 12.0),
        Column::new("Đã duyệt", 10.0),
        Column::new("Bị trả lại", 10.0),
        Column::new("Tỷ lệ đăng ký (%)", 12.0),
        Column::new("Đăng ký của đơn vị", 20.0),
    ];
    let rows: Vec<Vec<Cell>> = rates
        .iter()
        .map(|u| {
            vec![
                u.code.clone().into(),
                u.name.clone().into(),
                u.members.into(),
                u.submitted.into(),
                u.approved.into(),
                u.returned.into(),
                tg::format_number(u.rate()).into(),
                status_text(u.unit_status.as_deref()).into(),
            ]
        })
        .collect();
    let title = format!("TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {}", plan.year);
    let bytes = tdkt_sheets::write_table("Tỷ lệ đăng ký", Some(&title), &cols, &rows)
        .map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Tổng hợp đăng ký thi đua {}.xlsx", plan.year),
        bytes,
    ))
}
