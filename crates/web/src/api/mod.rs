//! The JSON API under `/api/v1`: every capability of the pages, with the same authorization.
//! Callers authenticate with the session cookie (plus the `X-CSRF-Token` header on writes) or a
//! personal API token (`Authorization: Bearer …`). Errors are `{ "error": "…", "fields": [...] }`.

pub mod agencies;
pub mod me;
pub mod people;
pub mod registrations;
pub mod reports;
pub mod units;
pub mod verdicts;

use axum::Json;
use axum::response::IntoResponse;
use utoipa::OpenApi;

// Dates cross the API as ISO 8601 calendar dates ("2024-12-16"), as the OpenAPI document says;
// `time`'s own serde form is a (year, ordinal) pair.
time::serde::format_description!(pub(crate) iso_date, Date, "[year]-[month]-[day]");

/// The OpenAPI document of the JSON API.
#[derive(OpenApi)]
#[openapi(
    info(title = "tdkt API", description = "Thi đua, khen thưởng — JSON API. Xác thực bằng cookie phiên (kèm tiêu đề X-CSRF-Token khi ghi) hoặc mã truy cập cá nhân (Authorization: Bearer)."),
    paths(
        me::show,
        agencies::list, agencies::show, agencies::rename, agencies::merge,
        units::list, units::create, units::show, units::update,
        people::list, people::create, people::show, people::update, people::import,
        verdicts::list, verdicts::person,
        registrations::list, registrations::save, registrations::show, registrations::submit, registrations::approve,
        registrations::return_back, registrations::reopen, registrations::rates, registrations::target, registrations::add_progress,
        reports::list, reports::start, reports::show, reports::update, reports::submit, reports::accept, reports::return_report,
        reports::dashboard, reports::overview,
    ),
    components(schemas(ErrorBody)),
    modifiers(&Security),
)]
pub struct ApiDoc;

/// The shape of every error.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in Vietnamese.
    pub error: String,
    /// For refused input: each field and why.
    pub fields: Vec<FieldErrorBody>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub label: String,
    pub message: String,
}

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        c.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("tdkt_session"))),
        );
    }
}

pub async fn openapi_json() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_route_is_documented() {
        let doc = ApiDoc::openapi();
        for spec in crate::route_table()
            .into_iter()
            .filter(|s| s.path.starts_with("/api/v1/"))
        {
            let item = doc
                .paths
                .paths
                .get(spec.path)
                .unwrap_or_else(|| panic!("{} missing from OpenAPI", spec.path));
            let method = spec.method.as_str().to_lowercase();
            let json = serde_json::to_value(item).unwrap();
            assert!(
                json.get(&method).is_some(),
                "{} {} missing from OpenAPI",
                spec.method,
                spec.path
            );
        }
    }
}
