//! CSRF protection for every state-changing request, HTML forms and the JSON API alike.
//!
//! Two layers. First the browser's own word (Go 1.25's cross-origin protection): a request whose
//! `Sec-Fetch-Site` is neither `same-origin` nor `none`, or whose `Origin` names another host, is
//! refused. Then, for cookie sessions, the per-session token: the `X-CSRF-Token` header (htmx and
//! API clients) or the `_csrf` field of the form (plain HTML forms, urlencoded or multipart) must
//! match. Callers with a personal API token send no cookies and need no CSRF token.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::session::CurrentUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

fn refused(is_api: bool) -> Response {
    let e = AppError::BadRequest(
        "Yêu cầu bị từ chối vì không hợp lệ hoặc phiên làm việc đã hết hạn (CSRF). Hãy tải lại trang và thử lại.".into(),
    );
    let mut r = if is_api {
        ApiError(e).into_response()
    } else {
        e.into_response()
    };
    *r.status_mut() = axum::http::StatusCode::FORBIDDEN;
    r
}

/// Is the request same-origin, as far as the browser tells?
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, h)| h) == Some(host),
        (Some(_), None) => false,
        // No Origin: not a browser's cross-site request (old browsers send Origin on POST too).
        (None, _) => true,
    }
}

fn eq_const(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `_csrf` field of a urlencoded or multipart body.
fn token_in_body(content_type: &str, body: &[u8]) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return url::form_urlencoded::parse(body)
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.into_owned());
    }
    if content_type.starts_with("multipart/form-data") {
        let needle = b"name=\"_csrf\"";
        let at = body.windows(needle.len()).position(|w| w == needle)?;
        let rest = &body[at..];
        let start = rest.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
        let end = rest[start..].windows(2).position(|w| w == b"\r\n")?;
        return std::str::from_utf8(&rest[start..start + end])
            .ok()
            .map(str::to_owned);
    }
    None
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let is_api = req.uri().path().starts_with("/api/");
    if !same_origin(req.headers()) {
        return refused(is_api);
    }
    let session_csrf = match req.extensions().get::<CurrentUser>() {
        Some(CurrentUser(Some(a))) if a.token_id.is_none() => Some(a.csrf.clone()),
        _ => None,
    };
    let Some(expected) = session_csrf else {
        // No cookie session (login form, API token, anonymous): the route decides.
        return next.run(req).await;
    };
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return if eq_const(h.as_bytes(), expected.as_bytes()) {
            next.run(req).await
        } else {
            refused(is_api)
        };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, state.config.max_upload + 1024 * 1024).await else {
        return AppError::BadRequest("Tệp tải lên quá lớn.".into()).into_response();
    };
    match token_in_body(&content_type, &bytes) {
        Some(t) if eq_const(t.as_bytes(), expected.as_bytes()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => refused(is_api),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_in_forms() {
        assert_eq!(
            token_in_body("application/x-www-form-urlencoded", b"a=1&_csrf=abc&b=2"),
            Some("abc".into())
        );
        let mp = b"--X\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc123\r\n--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nDATA\r\n--X--\r\n";
        assert_eq!(
            token_in_body("multipart/form-data; boundary=X", mp),
            Some("abc123".into())
        );
        assert_eq!(token_in_body("application/json", b"{}"), None);
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let mut h = HeaderMap::new();
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h));
        h.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(same_origin(&h));
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        h.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&h));
        h.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h));
    }
}
