//! Signing in and out. Failed attempts are counted per account name and per address in the
//! database; past the limit the form refuses for a while, with the same words whether or not the
//! account exists.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::Duration;

use tdkt_domain::vn;
use tdkt_store::users;

use crate::auth::CurrentUser;
use crate::auth::session::{ClientIp, SESSION_COOKIE, secure, set_cookie};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::render;

/// The demo accounts of spec/cli.md, shown on the login page in demo mode only.
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("admin", "Quản trị hệ thống"),
    ("lanhdao", "Lãnh đạo Sở (Phó Giám đốc)"),
    ("vanphong", "Văn phòng — thường trực thi đua"),
    ("hoidong", "Thành viên Hội đồng TĐKT"),
    ("truongphong", "Trưởng phòng Quản lý khoa học"),
    ("canbo", "Cán bộ, công chức"),
];

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    error: Option<String>,
    next: String,
    username: String,
    demo: bool,
    demo_accounts: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only local paths: never redirect off-site after login.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn login_page(
    state: &AppState,
    error: Option<String>,
    next: String,
    username: String,
) -> LoginPage {
    LoginPage {
        error,
        next,
        username,
        demo: state.config.demo,
        demo_accounts: DEMO_ACCOUNTS.to_vec(),
    }
}

pub async fn form(
    State(state): State<AppState>,
    user: axum::Extension<CurrentUser>,
    Query(q): Query<NextQuery>,
) -> Response {
    if user.0.0.is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    render(&login_page(
        &state,
        None,
        safe_next(q.next.as_deref()),
        String::new(),
    ))
    .into_response()
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

const BAD_LOGIN: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";

pub async fn submit(
    State(state): State<AppState>,
    user: axum::Extension<CurrentUser>,
    axum::Extension(ClientIp(ip)): axum::Extension<ClientIp>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> AppResult<Response> {
    let next = safe_next(f.next.as_deref());
    let username = vn::clean(&f.username);
    let fold = vn::fold(&username);
    let now = state.clock.now();
    let (by_user, by_ip) =
        users::login_failures(&state.db, &fold, &ip, now - state.config.throttle_window).await?;
    if by_user >= state.config.throttle_failures || by_ip >= state.config.throttle_failures {
        let msg = format!(
            "Đăng nhập sai quá nhiều lần. Vì an toàn, hãy thử lại sau {} phút.",
            state.config.throttle_window.whole_minutes()
        );
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            render(&login_page(&state, Some(msg), next, username)),
        )
            .into_response());
    }
    let account = users::user_by_username(&state.db, &username).await?;
    let hash = account
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let password = f.password.clone();
    let ok = tokio::task::spawn_blocking(move || users::verify_password(&password, &hash))
        .await
        .map_err(AppError::internal)?;
    let account = match account {
        Some(a) if ok && !a.disabled => a,
        _ => {
            users::record_login_failure(&state.db, &fold, &ip, now).await?;
            return Ok((
                StatusCode::UNAUTHORIZED,
                render(&login_page(&state, Some(BAD_LOGIN.into()), next, username)),
            )
                .into_response());
        }
    };
    users::clear_login_failures(&state.db, &fold).await?;
    // A new session id at every login; the old session (if any) ends.
    if let Some(old) = user.0.0.as_ref().and_then(|a| a.session_hash.clone()) {
        users::delete_session(&state.db, &old).await?;
    }
    let who = tdkt_store::audit::Who {
        user_id: Some(account.id),
        username: account.username.clone(),
        ip: Some(ip),
    };
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let (token, _csrf) = users::create_session(
        &state.db,
        &state.ctx(who),
        account.id,
        state.config.absolute_timeout,
        ua,
    )
    .await?;
    let mut r = Redirect::to(&next).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            &token,
            state.config.absolute_timeout,
            secure(&state, &headers),
        ),
    );
    Ok(r)
}

/// A hash verified when the account does not exist, so that both cases take the same time.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| users::hash_password("tdkt-no-such-account"));

pub async fn logout(
    State(state): State<AppState>,
    user: axum::Extension<CurrentUser>,
    headers: HeaderMap,
) -> AppResult<Response> {
    if let Some(a) = &user.0.0 {
        // Logging out by cookie needs the session's CSRF token (checked by the middleware).
        if let Some(h) = &a.session_hash {
            users::delete_session(&state.db, h).await?;
        }
    }
    let mut r = Redirect::to("/dang-nhap").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", Duration::ZERO, secure(&state, &headers)),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/can-bo?q=an")), "/can-bo?q=an");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
