//! The one error type of the web layer.
//!
//! Handlers of pages return [`AppError`], which renders a Vietnamese error page; handlers of the
//! JSON API return [`ApiError`] (the same error, rendered as JSON). Which to construct:
//! - [`AppError::NotFound`]: the object does not exist *or is outside the caller's reach* (404 —
//!   so nothing reveals that it exists);
//! - [`AppError::Forbidden`]: the role may not take this action (403);
//! - [`AppError::Invalid`]: input refused, with field errors (422; forms re-render instead);
//! - [`AppError::BadRequest`]: a malformed request (400);
//! - anything from the store or elsewhere: logged, shown as a generic 500 page.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use tdkt_domain::FieldErrors;
use tdkt_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Không tìm thấy trang hoặc đối tượng này.")]
    NotFound,
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    #[error("Cần đăng nhập.")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Invalid(FieldErrors),
    #[error("Lỗi hệ thống: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn bad_request(msg: impl Into<String>) -> AppError {
        AppError::BadRequest(msg.into())
    }

    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }

    /// What the user is told (a 5xx says nothing of its cause).
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => {
                "Đã có lỗi hệ thống. Thao tác chưa được thực hiện; xin thử lại sau.".into()
            }
            e => e.to_string(),
        }
    }

    fn log(&self) {
        if let AppError::Internal(e) = self {
            tracing::error!(error = %e, "internal error");
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict {
                field,
                label,
                message,
            } => {
                let mut f = FieldErrors::new();
                f.add(&field, &label, message);
                AppError::Invalid(f)
            }
            StoreError::Invalid(f) => AppError::Invalid(f),
            e => AppError::Internal(e.to_string()),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let title = match status {
            StatusCode::NOT_FOUND => "Không tìm thấy",
            StatusCode::FORBIDDEN => "Không có quyền",
            StatusCode::UNAUTHORIZED => "Cần đăng nhập",
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "Dữ liệu không hợp lệ",
            _ => "Lỗi hệ thống",
        };
        let page = crate::views::ErrorPage {
            title,
            message: self.public_message(),
            errors: match &self {
                AppError::Invalid(f) => f.0.iter().map(|e| e.to_string()).collect(),
                _ => vec![],
            },
        };
        (status, crate::views::render(&page)).into_response()
    }
}

/// [`AppError`] rendered as JSON: `{ "error": "...", "fields": [{field, label, message}] }`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

pub type ApiResult<T> = Result<T, ApiError>;

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let status = self.0.status();
        let fields = match &self.0 {
            AppError::Invalid(f) => serde_json::to_value(&f.0).unwrap_or_default(),
            _ => json!([]),
        };
        (
            status,
            Json(json!({ "error": self.0.public_message(), "fields": fields })),
        )
            .into_response()
    }
}

/// An HTML body with a status, for handlers that pick the status themselves.
pub fn html(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}
