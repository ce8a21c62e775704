//! What operators and scripts rely on: `/healthz`, the OpenAPI document, static files, the
//! answers for unknown paths, and the security headers of every page.

use axum::http::StatusCode;

use crate::harness::TestApp;

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let app = TestApp::new().await;
    let r = app.client().get("/healthz").send().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    assert!(r.content_type().starts_with("text/plain"));
    assert_eq!(r.text(), "ok");
    // Closed, the database no longer answers: 503.
    app.db.close().await;
    let r = app.client().get("/healthz").send().await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route() {
    let app = TestApp::new().await;
    let r = app.client().get("/api/openapi.json").send().await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for spec in tdkt_web::route_table()
        .iter()
        .filter(|s| s.path.starts_with("/api/v1/"))
    {
        let method = spec.method.as_str().to_lowercase();
        assert!(
            doc["paths"][spec.path][&method].is_object(),
            "{} {} is in the OpenAPI document",
            spec.method,
            spec.path
        );
    }
    let schemes = &doc["components"]["securitySchemes"];
    assert!(schemes["token"].is_object() && schemes["session"].is_object());
}

#[tokio::test]
async fn static_files_are_served_with_long_caching() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let css = c.get("/static/app.css").send().await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type().starts_with("text/css"));
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let htmx = c.get("/static/vendor/htmx-2.0.11.min.js").send().await;
    assert_eq!(htmx.status, StatusCode::OK);
    assert_eq!(
        c.get("/static/../Cargo.toml").send().await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn unknown_paths_answer_404_in_the_callers_language() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let page = c.get("/khong-co-trang-nay").send().await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("Không tìm thấy"));
    let api = c.get("/api/v1/khong-co").send().await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(api.json()["error"].is_string());
    // A path parameter that is not a number is not an object either.
    let r = c.get("/can-bo/abc").send().await;
    assert!(r.status.is_client_error(), "{}", r.describe());
}

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let r = c.get("/can-bo").send().await;
    assert_eq!(r.status, StatusCode::OK);
    let h = |n: &str| {
        r.headers
            .get(n)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("x-frame-options"), "DENY");
    assert!(h("content-security-policy").contains("default-src 'self'"));
    assert!(r.text().starts_with("<!doctype html>\n<html lang=\"vi\">"));
}
