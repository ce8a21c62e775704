//! Units (phòng, đơn vị): the tree of an agency, with dated history.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::unit::{UnitDraft, UnitForm};
use tdkt_sheets::{Cell, Column};
use tdkt_store::org::{self, Agency, OrgEvent, Unit, UnitFilter, UnitListItem};
use tdkt_store::people::{self, PersonFilter, PersonListItem};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, fmt_opt_date, page, redirect_with, xlsx_response};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub q: Option<String>,
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub agency: Option<i64>,
    pub all: Option<String>,
}

impl ListQuery {
    pub fn filter(&self) -> UnitFilter {
        UnitFilter {
            agency_id: self.agency,
            q: self.q.clone(),
            include_dissolved: self.all.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "units_list.html")]
struct ListPage {
    ctx: PageCtx,
    units: Vec<UnitListItem>,
    agencies: Vec<Agency>,
    q: ListQuery,
    can_manage: bool,
    query_string: String,
}

pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = auth.actor.scope(Perm::ViewUnits);
    let units = org::list_units(&state.db, &scope, &q.filter()).await?;
    let agencies = org::agencies(&state.db, &scope).await?;
    let ctx = PageCtx::new(&state, &auth, &headers, uri.path());
    let p = ListPage {
        ctx,
        units,
        agencies,
        can_manage: auth.actor.can(Perm::ManageUnits),
        query_string: uri.query().unwrap_or("").to_owned(),
        q,
    };
    Ok(page(&p, &p.ctx))
}

pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = auth.actor.scope(Perm::ViewUnits);
    let units = org::list_units(&state.db, &scope, &q.filter()).await?;
    let cols = [
        Column::new("Cơ quan", 10.0),
        Column::new("Mã đơn vị", 12.0),
        Column::new("Tên đơn vị", 50.0),
        Column::new("Đơn vị cấp trên", 40.0),
        Column::new("Số người", 10.0),
        Column::new("Ngày giải thể/sáp nhập", 16.0),
    ];
    let rows: Vec<Vec<Cell>> = units
        .into_iter()
        .map(|u| {
            vec![
                u.agency_symbol.into(),
                u.code.into(),
                u.name.into(),
                u.parent_name.into(),
                u.members.into(),
                u.dissolved_on.into(),
            ]
        })
        .collect();
    let bytes = tdkt_sheets::write_table("Đơn vị", Some("DANH SÁCH ĐƠN VỊ"), &cols, &rows)
        .map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!(
            "Danh sách đơn vị {}.xlsx",
            fmt_date(state.clock.today()).replace('/', "-")
        ),
        bytes,
    ))
}

#[derive(Template)]
#[template(path = "unit_show.html")]
struct ShowPage {
    ctx: PageCtx,
    unit: Unit,
    agency: Agency,
    parent: Option<Unit>,
    members: Vec<PersonListItem>,
    events: Vec<OrgEvent>,
    siblings: Vec<UnitListItem>,
    can_manage: bool,
    can_records: bool,
    ratings: Vec<tdkt_store::records::UnitRating>,
    titles: Vec<tdkt_store::records::Title>,
    rating_codes: &'static [&'static str],
    title_codes: &'static [&'static str],
    /// This year's verdicts of the unit and its members, for whoever may view its records.
    verdicts: Option<crate::verdicts::UnitPanel>,
}

async fn unit_in_reach(state: &AppState, auth: &Auth, perm: Perm, id: i64) -> AppResult<Unit> {
    let u = org::unit(&state.db, id).await?;
    auth.check(perm, &u.target())?;
    Ok(u)
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let unit = unit_in_reach(&state, &auth, Perm::ViewUnits, id).await?;
    let agency = org::agency(&state.db, unit.agency_id).await?;
    let parent = match unit.parent_id {
        Some(p) => Some(org::unit(&state.db, p).await?),
        None => None,
    };
    let filter = PersonFilter {
        unit_id: Some(unit.id),
        ..Default::default()
    };
    let (members, _) = people::list_people(
        &state.db,
        &auth.actor.scope(Perm::ViewPeople),
        &filter,
        0,
        500,
    )
    .await?;
    let events = org::unit_events(&state.db, unit.id).await?;
    let can_manage = auth.actor.can_on(Perm::ManageUnits, &unit.target());
    let can_records = auth.actor.can_on(Perm::ManageRecords, &unit.target());
    let (ratings, titles, _) = tdkt_store::records::unit_records(&state.db, unit.id).await?;
    let siblings = if can_manage {
        let f = UnitFilter {
            agency_id: Some(unit.agency_id),
            ..Default::default()
        };
        org::list_units(&state.db, &auth.actor.scope(Perm::ManageUnits), &f)
            .await?
            .into_iter()
            .filter(|u| u.id != unit.id)
            .collect()
    } else {
        vec![]
    };
    let p = ShowPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        verdicts: crate::verdicts::unit_panel(&state, &auth, &unit).await?,
        unit,
        agency,
        parent,
        members,
        events,
        siblings,
        can_manage,
        can_records,
        ratings,
        titles,
        rating_codes: tdkt_domain::records::RATINGS,
        title_codes: tdkt_domain::records::UNIT_TITLES,
    };
    Ok(page(&p, &p.ctx))
}

#[derive(Template)]
#[template(path = "unit_form.html")]
struct FormPage {
    ctx: PageCtx,
    editing: Option<Unit>,
    form: UnitForm,
    agency_id: i64,
    effective_on: String,
    agencies: Vec<Agency>,
    parents: Vec<UnitListItem>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct UnitFormBody {
    #[serde(flatten)]
    pub unit: UnitForm,
    pub agency_id: Option<i64>,
    pub effective_on: Option<String>,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    editing: Option<Unit>,
    form: UnitForm,
    agency_id: i64,
    effective_on: String,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    let scope = auth.actor.scope(Perm::ManageUnits);
    let agencies = org::agencies(&state.db, &scope).await?;
    let f = UnitFilter {
        agency_id: Some(agency_id),
        ..Default::default()
    };
    let parents = org::list_units(&state.db, &scope, &f)
        .await?
        .into_iter()
        .filter(|u| {
            editing
                .as_ref()
                .is_none_or(|e| !u.path.starts_with(&e.path))
        })
        .collect();
    Ok(FormPage {
        ctx: PageCtx::new(state, auth, headers, path),
        editing,
        form,
        agency_id,
        effective_on,
        agencies,
        parents,
        errors,
    })
}

/// The agency a new unit goes into: the one asked for, if the caller may manage units there.
async fn target_agency(state: &AppState, auth: &Auth, asked: Option<i64>) -> AppResult<i64> {
    let scope = auth.actor.scope(Perm::ManageUnits);
    let agencies = org::agencies(&state.db, &scope).await?;
    match asked {
        Some(a) if agencies.iter().any(|x| x.id == a) => Ok(a),
        Some(_) => Err(AppError::NotFound),
        None => agencies.first().map(|a| a.id).ok_or(AppError::Forbidden),
    }
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    agency: Option<i64>,
    parent: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let agency_id = target_agency(&state, &auth, q.agency).await?;
    let form = UnitForm {
        parent_code: q.parent.unwrap_or_default(),
        ..Default::default()
    };
    let p = form_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        None,
        form,
        agency_id,
        String::new(),
        FieldErrors::new(),
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Form(body): Form<UnitFormBody>,
) -> AppResult<Response> {
    let agency_id = target_agency(&state, &auth, body.agency_id).await?;
    let result = async {
        let draft = UnitDraft::parse(&body.unit)?;
        let mut tx = state.db.begin().await?;
        let id = org::create_unit(&mut tx, &state.ctx(auth.who()), agency_id, &draft, 0).await?;
        tx.commit().await?;
        Ok::<i64, AppError>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(redirect_with(&format!("/don-vi/{id}"), "Đã thêm đơn vị.")),
        Err(AppError::Invalid(errors)) => {
            let p = form_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                None,
                body.unit,
                agency_id,
                String::new(),
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

fn form_of(u: &Unit, parent_code: Option<String>) -> UnitForm {
    UnitForm {
        code: u.code.clone(),
        name: u.name.clone(),
        short_name: u.short_name.clone().unwrap_or_default(),
        parent_code: parent_code.unwrap_or_default(),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let unit = unit_in_reach(&state, &auth, Perm::ManageUnits, id).await?;
    let parent_code = match unit.parent_id {
        Some(p) => Some(org::unit(&state.db, p).await?.code),
        None => None,
    };
    let form = form_of(&unit, parent_code);
    let agency_id = unit.agency_id;
    let today = fmt_date(state.clock.today());
    let p = form_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        Some(unit),
        form,
        agency_id,
        today,
        FieldErrors::new(),
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Form(body): Form<UnitFormBody>,
) -> AppResult<Response> {
    let unit = unit_in_reach(&state, &auth, Perm::ManageUnits, id).await?;
    let effective_raw = body.effective_on.clone().unwrap_or_default();
    let result = async {
        let mut errors = FieldErrors::new();
        let effective_on = if effective_raw.trim().is_empty() {
            state.clock.today()
        } else {
            tdkt_domain::vn::parse_date(&effective_raw).unwrap_or_else(|| {
                errors.add(
                    "effective_on",
                    "Ngày có hiệu lực",
                    "không phải ngày hợp lệ (dd/mm/yyyy)",
                );
                state.clock.today()
            })
        };
        let draft = match UnitDraft::parse(&body.unit) {
            Ok(d) => d,
            Err(mut e) => {
                e.0.extend(errors.0);
                return Err(AppError::Invalid(e));
            }
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut tx = state.db.begin().await?;
        org::update_unit(&mut tx, &state.ctx(auth.who()), id, &draft, effective_on).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => Ok(redirect_with(&format!("/don-vi/{id}"), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(errors)) => {
            let agency_id = unit.agency_id;
            let p = form_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                Some(unit),
                body.unit,
                agency_id,
                effective_raw,
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
pub struct MergeForm {
    into: i64,
    on: String,
}

pub async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<MergeForm>,
) -> AppResult<Response> {
    let unit = unit_in_reach(&state, &auth, Perm::ManageUnits, id).await?;
    let into = unit_in_reach(&state, &auth, Perm::ManageUnits, f.into).await?;
    let Some(on) = tdkt_domain::vn::parse_date(&f.on) else {
        let mut e = FieldErrors::new();
        e.add("on", "Ngày sáp nhập", "không phải ngày hợp lệ (dd/mm/yyyy)");
        return Err(AppError::Invalid(e));
    };
    let mut tx = state.db.begin().await?;
    org::merge_unit(&mut tx, &state.ctx(auth.who()), unit.id, into.id, on).await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("/don-vi/{}", into.id),
        &format!(
            "Đã sáp nhập {} vào {} từ ngày {}.",
            unit.name,
            into.name,
            fmt_date(on)
        ),
    ))
}

/// The Vietnamese name of an organisational event.
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        "unit_created" => "Thành lập",
        "unit_renamed" => "Đổi tên",
        "unit_moved" => "Chuyển đơn vị cấp trên",
        "unit_merged" => "Sáp nhập",
        "unit_dissolved" => "Giải thể",
        _ => "Thay đổi",
    }
}

/// A readable line for an event's detail.
pub fn event_detail(e: &OrgEvent) -> String {
    let v: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
    match e.kind.as_str() {
        "unit_renamed" => format!(
            "“{}” → “{}”",
            v["from"].as_str().unwrap_or(""),
            v["to"].as_str().unwrap_or("")
        ),
        "unit_merged" => format!(
            "“{}” sáp nhập vào “{}” ({} người chuyển theo)",
            v["from"].as_str().unwrap_or(""),
            v["into"].as_str().unwrap_or(""),
            v["members"]
        ),
        "unit_created" => format!(
            "{} — {}",
            v["code"].as_str().unwrap_or(""),
            v["name"].as_str().unwrap_or("")
        ),
        _ => String::new(),
    }
}

pub fn opt_date(d: &Option<time::Date>) -> String {
    fmt_opt_date(d)
}
