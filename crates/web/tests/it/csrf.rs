//! CSRF protection on every state-changing request, HTML forms and the JSON API alike: the
//! browser's word (`Sec-Fetch-Site`, `Origin`) and the per-session token. Refused attempts
//! change nothing.

use axum::http::StatusCode;
use serde_json::json;

use crate::auth::new_token_in;
use crate::harness::TestApp;

fn new_unit(code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", code.to_owned()),
        ("name", format!("Phòng thử {code}")),
    ]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_form_post_without_the_token_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let body = new_unit("CSRF1");

    let r = c
        .post("/don-vi")
        .form(&fields(&body))
        .no_csrf()
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.describe());
    assert!(r.text().contains("CSRF"));
    let r = c
        .post("/don-vi")
        .form(&[
            ("code", "CSRF1"),
            ("name", "Phòng thử"),
            ("_csrf", "gia-mao"),
        ])
        .no_csrf()
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a wrong token is no token");
    assert_eq!(app.digest().await, before, "nothing changed");

    // The same request with the page's token goes through.
    let r = c.post("/don-vi").form(&fields(&body)).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_ne!(app.digest().await, before);
}

#[tokio::test]
async fn the_token_may_come_in_the_header_as_htmx_sends_it() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let token = c.csrf.clone().unwrap();
    let r = c
        .post("/don-vi")
        .form(&[("code", "HX1"), ("name", "Phòng htmx")])
        .no_csrf()
        .header("x-csrf-token", &token)
        .header("hx-request", "true")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let r = c
        .post("/don-vi")
        .form(&[("code", "HX2"), ("name", "Phòng htmx")])
        .no_csrf()
        .header("x-csrf-token", "sai")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn cross_site_requests_are_refused_even_with_the_token() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let r = c
        .post("/don-vi")
        .form(&[("code", "XS1"), ("name", "Phòng lạ")])
        .header("sec-fetch-site", "cross-site")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = c
        .post("/don-vi")
        .form(&[("code", "XS2"), ("name", "Phòng lạ")])
        .header("host", "tdkt.so-khcn.local")
        .header("origin", "https://evil.example")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another Origin");
    let r = c
        .put(&format!("/api/v1/units/{}", app.world.unit("KHCN/VP")))
        .json(json!({ "code": "VP", "name": "Văn phòng bị đổi" }))
        .header("sec-fetch-site", "same-site")
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a sibling site is not the same origin"
    );
    assert_eq!(
        r.json()["error"].as_str().map(|e| e.contains("CSRF")),
        Some(true)
    );
    // The login form too: a cross-site page cannot sign a victim into an account.
    let mut anon = app.client();
    let r = anon
        .post("/dang-nhap")
        .form(&[
            ("username", "vanphong"),
            ("password", crate::harness::PASSWORD),
        ])
        .header("sec-fetch-site", "cross-site")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.digest().await, before);

    // Same-origin, as the browser says, passes.
    let r = c
        .post("/don-vi")
        .form(&[("code", "SO1"), ("name", "Phòng thật")])
        .header("sec-fetch-site", "same-origin")
        .header("host", "tdkt.so-khcn.local")
        .header("origin", "https://tdkt.so-khcn.local")
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
}

#[tokio::test]
async fn the_json_api_needs_the_header_token_with_a_cookie_session() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let body = json!({ "code": "API1", "name": "Phòng API" });
    let r = c
        .post("/api/v1/units")
        .json(body.clone())
        .no_csrf()
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.describe());
    assert!(r.content_type().starts_with("application/json"));
    assert_eq!(app.digest().await, before);
    let r = c.post("/api/v1/units").json(body).send().await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.describe());
    assert_eq!(r.json()["code"], "API1");
}

#[tokio::test]
async fn multipart_uploads_carry_the_token_in_a_field() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let bytes = tdkt_sheets::people::template().unwrap();
    let file = || crate::harness::Part::file("file", "mau.xlsx", bytes.clone());
    let r = c
        .post("/can-bo/nhap")
        .multipart(vec![file()])
        .no_csrf()
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = c.post("/can-bo/nhap").multipart(vec![file()]).send().await;
    // The empty template is refused for its content, past the CSRF check.
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    assert!(r.text().contains("không có dòng dữ liệu nào"));
}

#[tokio::test]
async fn personal_api_tokens_need_no_csrf_token() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let page = c
        .post("/tai-khoan/token")
        .form(&[("name", "tích hợp")])
        .send()
        .await;
    let mut api = app.client();
    api.bearer = new_token_in(&page.text());
    let r = api
        .post("/api/v1/units")
        .json(json!({ "code": "BEARER", "name": "Phòng tích hợp" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.describe());
    // An anonymous write is not a CSRF question: it is simply not signed in.
    let mut anon = app.client();
    let r = anon
        .post("/api/v1/units")
        .json(json!({ "code": "ANON", "name": "x" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = anon
        .post("/don-vi")
        .form(&[("code", "ANON"), ("name", "x")])
        .send()
        .await;
    assert!(r.is_login_redirect());
}
