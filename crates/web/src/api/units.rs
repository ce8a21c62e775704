//! Units.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

use tdkt_domain::policy::Perm;
use tdkt_domain::unit::{UnitDraft, UnitForm};
use tdkt_store::org::{self, Unit, UnitFilter, UnitListItem};

use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct UnitOut {
    pub id: i64,
    pub agency_id: i64,
    /// Mã đơn vị: stable, unique in its agency.
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub parent_id: Option<i64>,
    #[serde(with = "crate::api::iso_date::option")]
    pub dissolved_on: Option<Date>,
    pub merged_into_id: Option<i64>,
    /// Active members (in lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<i64>,
}

impl From<Unit> for UnitOut {
    fn from(u: Unit) -> Self {
        UnitOut {
            id: u.id,
            agency_id: u.agency_id,
            code: u.code,
            name: u.name,
            short_name: u.short_name,
            parent_id: u.parent_id,
            dissolved_on: u.dissolved_on,
            merged_into_id: u.merged_into_id,
            members: None,
        }
    }
}

impl From<UnitListItem> for UnitOut {
    fn from(u: UnitListItem) -> Self {
        UnitOut {
            id: u.id,
            agency_id: u.agency_id,
            code: u.code,
            name: u.name,
            short_name: None,
            parent_id: u.parent_id,
            dissolved_on: u.dissolved_on,
            merged_into_id: None,
            members: Some(u.members),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// Diacritic-free search on name and code.
    pub q: Option<String>,
    pub agency_id: Option<i64>,
    /// Include dissolved and merged units.
    pub include_dissolved: Option<bool>,
}

/// List units in reach (tree order)
#[utoipa::path(get, path = "/api/v1/units", tag = "units", params(ListParams),
    responses((status = 200, body = Vec<UnitOut>), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<Vec<UnitOut>>> {
    let f = UnitFilter {
        agency_id: p.agency_id,
        q: p.q,
        include_dissolved: p.include_dissolved.unwrap_or(false),
    };
    let rows = org::list_units(&state.db, &auth.actor.scope(Perm::ViewUnits), &f).await?;
    Ok(Json(rows.into_iter().map(UnitOut::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UnitIn {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    /// The parent's code; empty or absent for a unit directly under the agency.
    #[serde(default)]
    pub parent_code: String,
    /// Required when the caller manages several agencies.
    pub agency_id: Option<i64>,
    /// For an update: the day a new name takes effect (default today).
    #[serde(default, with = "crate::api::iso_date::option")]
    pub effective_on: Option<Date>,
}

impl UnitIn {
    fn form(&self) -> UnitForm {
        UnitForm {
            code: self.code.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            parent_code: self.parent_code.clone(),
        }
    }
}

/// Create a unit
#[utoipa::path(post, path = "/api/v1/units", tag = "units", request_body = UnitIn,
    responses((status = 201, body = UnitOut), (status = 422, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(body): Json<UnitIn>,
) -> ApiResult<(StatusCode, Json<UnitOut>)> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManageUnits)).await?;
    let agency_id = match body.agency_id {
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
    let draft = UnitDraft::parse(&body.form())?;
    let mut tx = state.db.begin().await?;
    let id = org::create_unit(&mut tx, &state.ctx(auth.who()), agency_id, &draft, 0).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(org::unit(&state.db, id).await?.into()),
    ))
}

async fn unit_in_reach(
    state: &AppState,
    auth: &Auth,
    perm: Perm,
    id: i64,
) -> Result<Unit, AppError> {
    let u = org::unit(&state.db, id).await?;
    auth.check(perm, &u.target())?;
    Ok(u)
}

/// A unit
#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "units", params(("id" = i64, Path)),
    responses((status = 200, body = UnitOut), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<UnitOut>> {
    Ok(Json(
        unit_in_reach(&state, &auth, Perm::ViewUnits, id)
            .await?
            .into(),
    ))
}

/// Update a unit (rename from a date, move under another parent)
#[utoipa::path(put, path = "/api/v1/units/{id}", tag = "units", params(("id" = i64, Path)), request_body = UnitIn,
    responses((status = 200, body = UnitOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<UnitIn>,
) -> ApiResult<Json<UnitOut>> {
    unit_in_reach(&state, &auth, Perm::ManageUnits, id).await?;
    let draft = UnitDraft::parse(&body.form())?;
    let mut tx = state.db.begin().await?;
    org::update_unit(
        &mut tx,
        &state.ctx(auth.who()),
        id,
        &draft,
        body.effective_on.unwrap_or(state.clock.today()),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(org::unit(&state.db, id).await?.into()))
}
