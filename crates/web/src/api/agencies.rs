//! Agencies: list, one with its names and events, rename from a date, merge into another.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::unit::{AgencyRename, AgencyRenameForm};
use tdkt_store::org::{self, Agency, AgencyName, OrgEvent};

use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::pages::agencies::agency_in_reach;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct AgencyOut {
    pub id: i64,
    pub governing_body_id: i64,
    pub cluster_id: Option<i64>,
    /// Ký hiệu (KHCN), current.
    pub symbol: String,
    /// The name in force today.
    pub name: String,
    pub short_name: String,
    /// The issuing-body line of document headers, in force today.
    pub header_name: String,
    pub place: String,
    #[serde(with = "crate::api::iso_date::option")]
    pub established_on: Option<Date>,
    /// The day it was merged into `successor_id` (absent while it works).
    #[serde(with = "crate::api::iso_date::option")]
    pub dissolved_on: Option<Date>,
    pub successor_id: Option<i64>,
}

impl From<Agency> for AgencyOut {
    fn from(a: Agency) -> Self {
        AgencyOut {
            id: a.id,
            governing_body_id: a.governing_body_id,
            cluster_id: a.cluster_id,
            symbol: a.symbol,
            name: a.name,
            short_name: a.short_name,
            header_name: a.header_name,
            place: a.place,
            established_on: a.established_on,
            dissolved_on: a.dissolved_on,
            successor_id: a.successor_id,
        }
    }
}

/// A name in force from a date.
#[derive(Serialize, ToSchema)]
pub struct AgencyNameOut {
    #[serde(with = "crate::api::iso_date")]
    pub valid_from: Date,
    pub name: String,
    pub header_name: String,
    /// Absent: unchanged from the earlier name.
    pub short_name: Option<String>,
    /// Absent: unchanged from the earlier name.
    pub symbol: Option<String>,
}

impl From<AgencyName> for AgencyNameOut {
    fn from(n: AgencyName) -> Self {
        AgencyNameOut {
            valid_from: n.valid_from,
            name: n.name,
            header_name: n.header_name,
            short_name: n.short_name,
            symbol: n.symbol,
        }
    }
}

/// An organisational event (agency_renamed, agency_merged, agency_absorbed, unit_changed_agency,
/// unit_created, unit_renamed, unit_moved, unit_merged).
#[derive(Serialize, ToSchema)]
pub struct OrgEventOut {
    #[serde(with = "crate::api::iso_date")]
    pub happened_on: Date,
    pub kind: String,
    pub unit_id: Option<i64>,
    pub other_unit_id: Option<i64>,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl From<OrgEvent> for OrgEventOut {
    fn from(e: OrgEvent) -> Self {
        OrgEventOut {
            happened_on: e.happened_on,
            kind: e.kind,
            unit_id: e.unit_id,
            other_unit_id: e.other_unit_id,
            detail: serde_json::from_str(&e.detail).unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AgencyDetail {
    #[serde(flatten)]
    pub agency: AgencyOut,
    /// Working units now.
    pub units: i64,
    /// Active people now.
    pub people: i64,
    /// Oldest first.
    pub names: Vec<AgencyNameOut>,
    /// Oldest first.
    pub events: Vec<OrgEventOut>,
}

async fn detail(state: &AppState, a: Agency) -> Result<AgencyDetail, AppError> {
    let (units, people) = org::agency_counts(&state.db, a.id).await?;
    let names = org::agency_names(&state.db, a.id).await?;
    let events = org::agency_events(&state.db, a.id).await?;
    Ok(AgencyDetail {
        agency: a.into(),
        units,
        people,
        names: names.into_iter().map(Into::into).collect(),
        events: events.into_iter().map(Into::into).collect(),
    })
}

/// List agencies in reach (Vietnamese name order), merged ones included
#[utoipa::path(get, path = "/api/v1/agencies", tag = "agencies",
    responses((status = 200, body = Vec<AgencyOut>), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<AgencyOut>>> {
    let rows = org::agencies(&state.db, &auth.actor.scope(Perm::ViewAgencies)).await?;
    Ok(Json(rows.into_iter().map(AgencyOut::from).collect()))
}

/// An agency with its names over time and its organisational events
#[utoipa::path(get, path = "/api/v1/agencies/{id}", tag = "agencies", params(("id" = i64, Path)),
    responses((status = 200, body = AgencyDetail), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<AgencyDetail>> {
    let a = agency_in_reach(&state, &auth, Perm::ViewAgencies, id).await?;
    Ok(Json(detail(&state, a).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RenameIn {
    pub name: String,
    /// The issuing-body line of document headers (stored in capitals).
    pub header_name: String,
    /// Absent or empty: unchanged.
    #[serde(default)]
    pub short_name: String,
    /// Absent or empty: unchanged.
    #[serde(default)]
    pub symbol: String,
    /// The first day of the new name, `YYYY-MM-DD` (or `dd/mm/yyyy`). A day after today is
    /// recorded now and takes effect on that day.
    pub effective_on: String,
}

/// Rename an agency from a date (the earlier names stay in force before it)
#[utoipa::path(post, path = "/api/v1/agencies/{id}/rename", tag = "agencies", params(("id" = i64, Path)), request_body = RenameIn,
    responses((status = 200, body = AgencyDetail), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<RenameIn>,
) -> ApiResult<Json<AgencyDetail>> {
    agency_in_reach(&state, &auth, Perm::ManageAgencies, id).await?;
    let r = AgencyRename::parse(&AgencyRenameForm {
        name: body.name,
        header_name: body.header_name,
        short_name: body.short_name,
        symbol: body.symbol,
        effective_on: body.effective_on,
    })?;
    let mut tx = state.db.begin().await?;
    org::rename_agency(&mut tx, &state.ctx(auth.who()), id, &r).await?;
    tx.commit().await?;
    let a = org::agency(&state.db, id).await?;
    Ok(Json(detail(&state, a).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeIn {
    /// The receiving agency.
    pub into_id: i64,
    /// The day of the merger, `YYYY-MM-DD` (or `dd/mm/yyyy`); not after today.
    pub on: String,
}

/// A unit that moved, with its code before and after (a code taken in the receiving agency gets
/// the merged agency's symbol as a prefix).
#[derive(Serialize, ToSchema)]
pub struct MovedUnit {
    pub id: i64,
    pub code_from: String,
    pub code_to: String,
}

#[derive(Serialize, ToSchema)]
pub struct MergeOut {
    /// The merged agency, now closed.
    pub agency: AgencyOut,
    pub into: AgencyOut,
    pub units: Vec<MovedUnit>,
    /// Active people moved with their units.
    pub people: usize,
}

/// Merge an agency into another from a date: its working units and people move, as dated history
#[utoipa::path(post, path = "/api/v1/agencies/{id}/merge", tag = "agencies", params(("id" = i64, Path)), request_body = MergeIn,
    responses((status = 200, body = MergeOut), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(body): Json<MergeIn>,
) -> ApiResult<Json<MergeOut>> {
    agency_in_reach(&state, &auth, Perm::ManageAgencies, id).await?;
    let into = agency_in_reach(&state, &auth, Perm::ManageAgencies, body.into_id).await?;
    let Some(on) = tdkt_domain::vn::parse_date(&body.on) else {
        let mut e = FieldErrors::new();
        e.add("on", "Ngày sáp nhập", "không phải ngày hợp lệ (YYYY-MM-DD)");
        return Err(AppError::Invalid(e).into());
    };
    let mut tx = state.db.begin().await?;
    let out = org::merge_agency(&mut tx, &state.ctx(auth.who()), id, into.id, on).await?;
    tx.commit().await?;
    Ok(Json(MergeOut {
        agency: org::agency(&state.db, id).await?.into(),
        into: org::agency(&state.db, into.id).await?.into(),
        units: out
            .units
            .into_iter()
            .map(|(id, code_from, code_to)| MovedUnit {
                id,
                code_from,
                code_to,
            })
            .collect(),
        people: out.people,
    }))
}
