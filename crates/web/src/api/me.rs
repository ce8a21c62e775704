//! The caller's own account.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Auth;

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub person_id: Option<i64>,
    pub roles: Vec<RoleOut>,
}

#[derive(Serialize, ToSchema)]
pub struct RoleOut {
    /// `admin`, `lanh_dao`, `van_phong`, `hoi_dong`, `truong_don_vi` or `can_bo`.
    pub role: String,
    pub agency_id: Option<i64>,
    pub unit_id: Option<i64>,
}

/// Who am I
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = crate::api::ErrorBody)))]
pub async fn show(auth: Auth) -> Json<Me> {
    Json(Me {
        user_id: auth.user.id,
        username: auth.user.username.clone(),
        display_name: auth.user.display_name.clone(),
        person_id: auth.actor.person_id,
        roles: auth
            .actor
            .grants
            .iter()
            .map(|g| RoleOut {
                role: g.role.code().to_owned(),
                agency_id: g.agency_id,
                unit_id: g.unit.as_ref().map(|u| u.0),
            })
            .collect(),
    })
}
