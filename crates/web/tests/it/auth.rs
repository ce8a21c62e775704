//! Signing in and out: every role lands on its dashboard; wrong passwords and unknown names get
//! the same words; repeated failures are throttled without revealing whether an account exists;
//! sessions are renewed at login and end at logout, on disabling, on a password change and after
//! the idle and absolute timeouts; the `Secure` flag follows TDKT_SECURE_COOKIES.

use std::net::{IpAddr, Ipv4Addr};

use axum::http::StatusCode;
use time::Duration;

use tdkt_store::Clock;
use tdkt_web::{SecureCookies, WebConfig};

use crate::harness::client::SESSION_COOKIE;
use crate::harness::db::{TODAY, TZ};
use crate::harness::dump::exec_at;
use crate::harness::world::ACCOUNTS;
use crate::harness::{Client, PASSWORD, TestApp, count};

const GENERIC: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
const THROTTLED: &str = "Đăng nhập sai quá nhiều lần";

fn ip(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(10, 0, 0, n))
}

/// The title of the dashboard section each role contributes.
fn section_of(role: tdkt_domain::policy::Role) -> &'static str {
    use tdkt_domain::policy::Role::*;
    match role {
        Admin => "Quản trị hệ thống",
        LanhDao => "<h2>Lãnh đạo</h2>",
        VanPhong => "Văn phòng — thường trực công tác thi đua",
        HoiDong => "Hội đồng Thi đua – Khen thưởng",
        TruongDonVi => "Đơn vị của tôi",
        CanBo => "Của tôi",
    }
}

#[tokio::test]
async fn every_role_signs_in_and_lands_on_its_dashboard() {
    let app = TestApp::new().await;
    for (username, role, ..) in ACCOUNTS {
        let mut c = app.client();
        let r = c.login(username, PASSWORD).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{username}: {}",
            r.describe()
        );
        assert_eq!(r.location(), Some("/"), "{username} lands on the dashboard");
        let home = c.get("/").send().await;
        assert_eq!(home.status, StatusCode::OK, "{username}");
        let html = home.text();
        assert!(html.contains("<html lang=\"vi\">"));
        assert!(html.contains("<h1>Tổng quan</h1>"));
        assert!(
            html.contains(section_of(*role)),
            "{username}'s dashboard shows the {role:?} section"
        );
        assert!(html.contains(username), "the page names who is signed in");
    }
    // The staff member's dashboard is about themselves, with a link to their own record.
    let mut c = app.login("canbo").await;
    let html = c.get("/").send().await.text();
    assert!(html.contains(&format!("/can-bo/{}", app.world.person("KHCN031"))));
    assert!(!html.contains("Quản trị hệ thống"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_name_get_the_same_generic_answer() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let wrong = c.login("vanphong", "khong-phai-mat-khau").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains(GENERIC), "{}", wrong.describe());
    assert!(wrong.set_cookie(SESSION_COOKIE).is_none(), "no session");
    assert!(c.session_cookie().is_none());

    let unknown = c.login("khong.co.ai", "khong-phai-mat-khau").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.text().replace("vanphong", "X"),
        unknown.text().replace("khong.co.ai", "X"),
        "the two refusals say exactly the same"
    );
    // Nothing but the form comes back: no dashboard, no hint of an account.
    let home = c.get("/").send().await;
    assert!(home.is_login_redirect(), "{}", home.describe());
}

#[tokio::test]
async fn five_failures_throttle_an_account_even_with_the_right_password() {
    let app = TestApp::new().await;
    let mut c = app.client();
    // Each attempt from another address: the account's own counter trips.
    for n in 0..5 {
        c.ip = ip(n + 1);
        let r = c.login("lanhdao", "sai-mat-khau").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    c.ip = ip(100);
    let r = c.login("lanhdao", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.describe());
    assert!(r.text().contains(THROTTLED));
    assert!(c.session_cookie().is_none(), "no session while throttled");
    // Another account is not affected.
    let mut other = app.client();
    other.ip = ip(101);
    assert_eq!(
        other.login("hoidong", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    // When the window has passed (the app's clock moved on), the right password works again.
    let later = Clock::new(TODAY.next_day(), TZ).unwrap();
    let mut c = c.with_router(app.router_with(later, WebConfig::default()));
    assert_eq!(
        c.login("lanhdao", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn throttling_does_not_reveal_whether_an_account_exists() {
    let app = TestApp::new().await;
    let mut answers = Vec::new();
    for (k, name) in ["canbo", "khong.ton.tai"].iter().enumerate() {
        let mut c = app.client();
        for n in 0..5 {
            c.ip = ip(10 * (k as u8 + 1) + n);
            assert_eq!(
                c.login(name, "sai-mat-khau").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        c.ip = ip(200 + k as u8);
        let r = c.login(name, PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{name}");
        answers.push(r.text().replace(name, "X"));
    }
    assert_eq!(
        answers[0], answers[1],
        "same answer for a real and an unknown name"
    );
}

#[tokio::test]
async fn failures_from_one_address_throttle_that_address() {
    let app = TestApp::new().await;
    let mut c = app.client();
    c.ip = ip(7);
    for name in ["a1", "a2", "a3", "a4", "a5"] {
        assert_eq!(c.login(name, "x").await.status, StatusCode::UNAUTHORIZED);
    }
    let r = c.login("vanphong", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    c.ip = ip(8);
    assert_eq!(
        c.login("vanphong", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_session_id_is_renewed_at_login() {
    let app = TestApp::new().await;
    // A token planted before login (session fixation) is never adopted.
    let mut c = app.client();
    c.cookies.insert(SESSION_COOKIE.into(), "a".repeat(64));
    assert!(c.get("/").send().await.is_login_redirect());
    c.login("vanphong", PASSWORD).await;
    let first = c.session_cookie().unwrap().to_owned();
    assert_ne!(first, "a".repeat(64));

    // Signing in again, while signed in, gives a new id and ends the old session.
    let r = c.login("vanphong", PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let second = c.session_cookie().unwrap().to_owned();
    assert_ne!(first, second);
    assert_eq!(c.get("/").send().await.status, StatusCode::OK);
    let mut old = app.client();
    old.cookies.insert(SESSION_COOKIE.into(), first);
    assert!(old.get("/").send().await.is_login_redirect());
    assert_eq!(count(&app.db, "session").await, 1);
}

#[tokio::test]
async fn after_login_the_user_goes_where_they_were_going_but_never_off_site() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c.get("/can-bo?q=an").send().await;
    assert_eq!(r.location(), Some("/dang-nhap?next=%2Fcan-bo%3Fq%3Dan"));
    let r = c
        .post("/dang-nhap")
        .form(&[
            ("username", "vanphong"),
            ("password", PASSWORD),
            ("next", "/can-bo?q=an"),
        ])
        .send()
        .await;
    assert_eq!(r.location(), Some("/can-bo?q=an"));
    let mut c = app.client();
    let r = c
        .post("/dang-nhap")
        .form(&[
            ("username", "vanphong"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await;
    assert_eq!(r.location(), Some("/"));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::new().await;
    let mut c = app.login("hoidong").await;
    let cookie = c.session_cookie().unwrap().to_owned();

    // Logging out is a state change: without the token it is refused and the session lives.
    let r = c.post("/dang-xuat").form(&[]).no_csrf().send().await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(c.get("/").send().await.status, StatusCode::OK);

    let r = c.post("/dang-xuat").form(&[]).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/dang-nhap"));
    assert!(r.set_cookie(SESSION_COOKIE).unwrap().contains("Max-Age=0"));
    assert_eq!(count(&app.db, "session").await, 0);

    // The old cookie, replayed, no longer works.
    let mut replay = app.client();
    replay.cookies.insert(SESSION_COOKIE.into(), cookie);
    assert!(replay.get("/").send().await.is_login_redirect());
    assert_eq!(
        replay.get("/api/v1/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_tokens() {
    let app = TestApp::new().await;
    let mut staff = app.login("canbo").await;
    let r = staff
        .post("/tai-khoan/token")
        .form(&[("name", "máy tính")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let token = new_token_in(&r.text()).expect("the new token is shown once");
    let mut api = app.client();
    api.bearer = Some(token.clone());
    assert_eq!(api.get("/api/v1/me").send().await.status, StatusCode::OK);

    let mut admin = app.login("admin").await;
    let canbo = app.world.user("canbo");
    let r = admin
        .post(&format!("/quan-tri/tai-khoan/{canbo}/khoa"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());

    assert!(
        staff.get("/").send().await.is_login_redirect(),
        "the session ended"
    );
    assert_eq!(
        api.get("/api/v1/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut again = app.client();
    let r = again.login("canbo", PASSWORD).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "a disabled account cannot sign in"
    );
    assert!(r.text().contains(GENERIC));

    // Enabled again, the account signs in; the revoked token stays revoked.
    let r = admin
        .post(&format!("/quan-tri/tai-khoan/{canbo}/khoa"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        again.login("canbo", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        api.get("/api/v1/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The token shown once on the account page after creating it.
pub fn new_token_in(html: &str) -> Option<String> {
    html.split("<code>tdkt_")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .map(|t| format!("tdkt_{t}"))
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = TestApp::new().await;
    let mut c = app.login("lanhdao").await;
    let now = app.clock.now();
    // 29 idle minutes: still signed in (and the visit counts as activity).
    exec_at(
        &app.db,
        "UPDATE session SET last_seen_at = $1",
        now - Duration::minutes(29),
    )
    .await;
    assert_eq!(c.get("/").send().await.status, StatusCode::OK);
    // 31 idle minutes: the session is over and gone from the database.
    exec_at(
        &app.db,
        "UPDATE session SET last_seen_at = $1",
        now - Duration::minutes(31),
    )
    .await;
    assert!(c.get("/").send().await.is_login_redirect());
    assert_eq!(count(&app.db, "session").await, 0);
}

#[tokio::test]
async fn activity_keeps_a_session_alive() {
    let app = TestApp::new().await;
    let mut c = app.login("lanhdao").await;
    let token = c.session_cookie().unwrap().to_owned();
    let now = app.clock.now();
    exec_at(
        &app.db,
        "UPDATE session SET last_seen_at = $1",
        now - Duration::minutes(20),
    )
    .await;
    assert_eq!(c.get("/").send().await.status, StatusCode::OK);
    // That visit was recorded, so the idle timeout counts from it.
    let s = tdkt_store::users::session(&app.db, &token)
        .await
        .unwrap()
        .unwrap();
    assert!(
        s.last_seen_at > now - Duration::minutes(1),
        "{:?}",
        s.last_seen_at
    );
}

#[tokio::test]
async fn moving_the_clock_past_the_absolute_timeout_ends_the_session() {
    let app = TestApp::new().await;
    let c = app.login("vanphong").await;
    // A lenient idle timeout, so that only the absolute one (12 hours) can end it.
    let lenient = WebConfig {
        idle_timeout: Duration::hours(48),
        ..WebConfig::default()
    };
    let same_day = app.router_with(app.clock.clone(), lenient.clone());
    assert_eq!(
        c.with_router(same_day).get("/").send().await.status,
        StatusCode::OK
    );
    let tomorrow = Clock::new(TODAY.next_day(), TZ).unwrap();
    let mut later = c.with_router(app.router_with(tomorrow, lenient));
    assert!(later.get("/").send().await.is_login_redirect());
}

async fn login_cookie(app: &TestApp, secure: SecureCookies, proto: Option<&str>) -> String {
    let router = app.router_with(
        app.clock.clone(),
        WebConfig {
            secure_cookies: secure,
            ..WebConfig::default()
        },
    );
    let mut c = Client::new(router);
    let mut req = c
        .post("/dang-nhap")
        .form(&[("username", "admin"), ("password", PASSWORD)]);
    if let Some(p) = proto {
        req = req.header("x-forwarded-proto", p);
    }
    let r = req.send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    r.set_cookie(SESSION_COOKIE).expect("a session cookie")
}

#[tokio::test]
async fn the_secure_flag_follows_tdkt_secure_cookies() {
    let app = TestApp::new().await;
    let always = login_cookie(&app, SecureCookies::Always, None).await;
    let auto_https = login_cookie(&app, SecureCookies::Auto, Some("https")).await;
    let auto_http = login_cookie(&app, SecureCookies::Auto, None).await;
    let never = login_cookie(&app, SecureCookies::Never, Some("https")).await;
    for c in [&always, &auto_https, &auto_http, &never] {
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Path=/"),
            "{c}"
        );
    }
    assert!(always.contains("; Secure"), "{always}");
    assert!(auto_https.contains("; Secure"), "{auto_https}");
    assert!(
        !auto_http.contains("Secure"),
        "plain HTTP on an intranet address: {auto_http}"
    );
    assert!(!never.contains("Secure"), "{never}");
}

#[tokio::test]
async fn changing_the_password_ends_every_session() {
    let app = TestApp::new().await;
    let mut c = app.login("hoidong").await;
    let mut other_device = app.login("hoidong").await;
    let r = c
        .post("/tai-khoan/mat-khau")
        .form(&[("current", "sai"), ("new", "ngan"), ("confirm", "khac")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(html.contains("Mật khẩu hiện tại: không đúng"), "{html}");
    assert!(html.contains("Mật khẩu mới: cần ít nhất 10 ký tự"));
    assert!(html.contains("Nhập lại mật khẩu: không khớp"));

    let r = c
        .post("/tai-khoan/mat-khau")
        .form(&[
            ("current", PASSWORD),
            ("new", "mat-khau-moi-2025"),
            ("confirm", "mat-khau-moi-2025"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(c.get("/").send().await.is_login_redirect());
    assert!(other_device.get("/").send().await.is_login_redirect());
    let mut fresh = app.client();
    assert_eq!(
        fresh.login("hoidong", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        fresh.login("hoidong", "mat-khau-moi-2025").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn personal_api_tokens_work_until_revoked() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let r = c
        .post("/tai-khoan/token")
        .form(&[("name", "Phần mềm QLVB")])
        .send()
        .await;
    let token = new_token_in(&r.text()).unwrap();
    let mut api = app.client();
    api.bearer = Some(token);
    let me = api.get("/api/v1/me").send().await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["username"], "vanphong");
    assert_eq!(me.json()["roles"][0]["role"], "van_phong");

    let id: i64 = tdkt_store::users::api_tokens(&app.db, app.world.user("vanphong"))
        .await
        .unwrap()[0]
        .id;
    let r = c
        .post(&format!("/tai-khoan/token/{id}/thu-hoi"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        api.get("/api/v1/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
    // A made-up token is simply not a caller.
    api.bearer = Some("tdkt_0000".into());
    assert_eq!(
        api.get("/api/v1/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
}
