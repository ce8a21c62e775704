//! People.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use tdkt_domain::person::{PersonDraft, PersonForm};
use tdkt_domain::policy::Perm;
use tdkt_store::org;
use tdkt_store::people::{self, Person, PersonListItem};

use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::pages::people::ListQuery;
use crate::state::AppState;

/// A person. `ethnicity` and `religion` are sensitive: present only for the office and the person.
#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    pub id: i64,
    /// Mã cán bộ: stable.
    pub code: String,
    pub full_name: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub birth_date: Option<Date>,
    /// `nam` or `nu`.
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
    pub hometown: Option<String>,
    pub residence: Option<String>,
    pub position: Option<String>,
    pub rank: Option<String>,
    /// `cong_chuc`, `vien_chuc` or `nguoi_lao_dong`.
    pub category: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub started_on: Option<Date>,
    #[serde(with = "crate::api::iso_date::option")]
    pub appointed_on: Option<Date>,
    pub qualifications: Option<String>,
    pub political_theory: Option<String>,
    pub agency_id: i64,
    pub unit_id: Option<i64>,
    pub active: bool,
}

fn person_out(p: Person, sensitive: bool) -> PersonOut {
    PersonOut {
        id: p.id,
        code: p.code,
        full_name: p.full_name,
        birth_date: p.birth_date,
        gender: p.gender,
        ethnicity: if sensitive { p.ethnicity } else { None },
        religion: if sensitive { p.religion } else { None },
        hometown: p.hometown,
        residence: p.residence,
        position: p.position,
        rank: p.rank,
        category: p.category,
        started_on: p.started_on,
        appointed_on: p.appointed_on,
        qualifications: p.qualifications,
        political_theory: p.political_theory,
        agency_id: p.agency_id,
        unit_id: p.unit_id,
        active: p.active,
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonSummary {
    pub id: i64,
    pub code: String,
    pub full_name: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub birth_date: Option<Date>,
    pub gender: Option<String>,
    pub position: Option<String>,
    pub rank: Option<String>,
    pub category: String,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub agency_symbol: String,
}

impl From<PersonListItem> for PersonSummary {
    fn from(p: PersonListItem) -> Self {
        PersonSummary {
            id: p.id,
            code: p.code,
            full_name: p.full_name,
            birth_date: p.birth_date,
            gender: p.gender,
            position: p.position,
            rank: p.rank,
            category: p.category,
            unit_id: p.unit_id,
            unit_code: p.unit_code,
            unit_name: p.unit_name,
            agency_symbol: p.agency_symbol,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PeoplePage {
    pub total: i64,
    pub offset: i64,
    pub limit: i64,
    /// In Vietnamese name order (given name first).
    pub items: Vec<PersonSummary>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// Diacritic-free search on name and staff code.
    pub q: Option<String>,
    /// A unit and the units under it.
    pub unit_id: Option<i64>,
    pub category: Option<String>,
    pub offset: Option<i64>,
    /// At most 1000.
    pub limit: Option<i64>,
}

/// List people in reach
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(ListParams),
    responses((status = 200, body = PeoplePage), (status = 401, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<PeoplePage>> {
    let q = ListQuery {
        q: p.q,
        unit: p.unit_id,
        category: p.category,
        ..Default::default()
    };
    let offset = p.offset.unwrap_or(0).max(0);
    let limit = p.limit.unwrap_or(100).clamp(1, 1000);
    let (rows, total) = people::list_people(
        &state.db,
        &auth.actor.scope(Perm::ViewPeople),
        &q.filter(),
        offset,
        limit,
    )
    .await?;
    Ok(Json(PeoplePage {
        total,
        offset,
        limit,
        items: rows.into_iter().map(PersonSummary::from).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PersonIn {
    /// The profile as text, as a form would send it (dates as dd/mm/yyyy or yyyy-mm-dd).
    #[serde(flatten)]
    #[schema(inline, value_type = Object)]
    pub person: PersonForm,
    /// For a new person: the unit.
    pub unit_id: Option<i64>,
}

async fn person_in_reach(
    state: &AppState,
    auth: &Auth,
    perm: Perm,
    id: i64,
) -> Result<Person, AppError> {
    let p = people::person(&state.db, id).await?;
    auth.check(perm, &p.target())?;
    Ok(p)
}

/// Create a person
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonIn,
    responses((status = 201, body = PersonOut), (status = 422, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<PersonIn>,
) -> ApiResult<(StatusCode, Json<PersonOut>)> {
    let unit = match body.unit_id {
        Some(u) => org::unit(&state.db, u).await?,
        None => {
            return Err(
                AppError::Invalid(one_error("unit_id", "Đơn vị", "hãy ghi unit_id")).into(),
            );
        }
    };
    auth.check(Perm::ManagePeople, &unit.target())?;
    let draft = PersonDraft::parse(&body.person, state.clock.today())?;
    let mut tx = state.db.begin().await?;
    let id = people::create_person(
        &mut tx,
        &state.ctx(auth.who()),
        unit.id,
        &draft,
        draft.started_on.unwrap_or(state.clock.today()),
    )
    .await?;
    tx.commit().await?;
    let p = people::person(&state.db, id).await?;
    let sensitive = auth.actor.can_on(Perm::ViewSensitive, &p.target());
    Ok((StatusCode::CREATED, Json(person_out(p, sensitive))))
}

fn one_error(field: &str, label: &str, msg: &str) -> tdkt_domain::FieldErrors {
    let mut e = tdkt_domain::FieldErrors::new();
    e.add(field, label, msg);
    e
}

/// A person
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", params(("id" = i64, Path)),
    responses((status = 200, body = PersonOut), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<PersonOut>> {
    let p = person_in_reach(&state, &auth, Perm::ViewPeople, id).await?;
    let sensitive = auth.actor.can_on(Perm::ViewSensitive, &p.target());
    if sensitive && (p.ethnicity.is_some() || p.religion.is_some()) {
        people::log_sensitive_view(&state.db, &state.ctx(auth.who()), &p).await?;
    }
    Ok(Json(person_out(p, sensitive)))
}

/// Update a person's profile (the staff code cannot change)
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "people", params(("id" = i64, Path)), request_body = PersonIn,
    responses((status = 200, body = PersonOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(mut body): Json<PersonIn>,
) -> ApiResult<Json<PersonOut>> {
    let p = person_in_reach(&state, &auth, Perm::ManagePeople, id).await?;
    let sensitive = auth.actor.can_on(Perm::ViewSensitive, &p.target());
    if !sensitive {
        body.person.ethnicity = p.ethnicity.clone().unwrap_or_default();
        body.person.religion = p.religion.clone().unwrap_or_default();
    }
    let draft = PersonDraft::parse(&body.person, state.clock.today())?;
    let mut tx = state.db.begin().await?;
    people::update_person(&mut tx, &state.ctx(auth.who()), id, &draft).await?;
    tx.commit().await?;
    Ok(Json(person_out(
        people::person(&state.db, id).await?,
        sensitive,
    )))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportParams {
    /// Required when the caller manages several agencies.
    pub agency_id: Option<i64>,
    /// `true` writes the people when the file has no errors; otherwise only checks.
    pub commit: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportReport {
    /// Data rows read.
    pub rows: usize,
    /// Every bad row with its reasons; when not empty, nothing was written.
    pub errors: Vec<ImportRowError>,
    /// People written (0 unless `commit=true` and no errors).
    pub imported: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ImportRowError {
    /// The row number as Excel shows it.
    pub row: usize,
    pub problems: Vec<String>,
}

/// Import people from an .xlsx body (the template of the import page)
#[utoipa::path(post, path = "/api/v1/people/import", tag = "people", params(ImportParams),
    request_body(content = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport)))]
pub async fn import(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<ImportParams>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<ImportReport>)> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ImportPeople)).await?;
    let agency_id = match p.agency_id {
        Some(a) if agencies.iter().any(|x| x.id == a) => a,
        Some(_) => return Err(AppError::NotFound.into()),
        None if agencies.len() == 1 => agencies[0].id,
        None => {
            return Err(AppError::bad_request(
                "Hãy ghi agency_id: tài khoản quản lý nhiều cơ quan.",
            )
            .into());
        }
    };
    let rows = crate::pages::import::check(&state, agency_id, &body)
        .await
        .map_err(AppError::bad_request)?;
    let errors: Vec<ImportRowError> = rows
        .iter()
        .filter_map(|r| {
            r.draft.as_ref().err().map(|e| ImportRowError {
                row: r.row,
                problems: e.0.iter().map(|x| x.to_string()).collect(),
            })
        })
        .collect();
    let n = rows.len();
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(ImportReport {
                rows: n,
                errors,
                imported: 0,
            }),
        ));
    }
    let mut imported = 0;
    if p.commit.unwrap_or(false) {
        let mut to_write = Vec::with_capacity(n);
        for r in rows {
            let unit = org::unit_by_code(&state.db, agency_id, &r.unit_code)
                .await?
                .ok_or(AppError::NotFound)?;
            to_write.push((r.draft.map_err(AppError::Invalid)?, unit.id));
        }
        imported = people::import_people(
            &state.db,
            &state.ctx(auth.who()),
            &to_write,
            state.clock.today(),
        )
        .await?
        .len();
    }
    Ok((
        StatusCode::OK,
        Json(ImportReport {
            rows: n,
            errors,
            imported,
        }),
    ))
}
