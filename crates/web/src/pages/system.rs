//! Health check (spec/cli.md): 200 `ok` when the database answers, 503 otherwise.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::state::AppState;

pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if state.db.ping().await {
        (
            StatusCode::OK,
            [("content-type", "text/plain; charset=utf-8")],
            "ok",
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [("content-type", "text/plain; charset=utf-8")],
            "database unavailable",
        )
    }
}
