//! One's own account: password and personal API tokens.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::{FieldErrors, vn};
use tdkt_store::users::{self, ApiToken};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_time, page, redirect_with};

#[derive(Template)]
#[template(path = "account.html")]
pub(crate) struct AccountPage {
    pub(crate) ctx: PageCtx,
    username: String,
    roles: Vec<String>,
    tokens: Vec<(ApiToken, String, String)>,
    new_token: Option<String>,
    errors: FieldErrors,
    /// E-mail address and calendar feed (`super::notifications`).
    pub(crate) notify: super::notifications::AccountNotify,
}

pub(crate) async fn account_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    new_token: Option<String>,
    errors: FieldErrors,
) -> AppResult<AccountPage> {
    let tokens = users::api_tokens(&state.db, auth.user.id)
        .await?
        .into_iter()
        .map(|t| {
            let created = fmt_time(state, t.created_at);
            let used = t
                .last_used_at
                .map(|u| fmt_time(state, u))
                .unwrap_or_else(|| "chưa dùng".into());
            (t, created, used)
        })
        .collect();
    let roles = users::roles(&state.db, Some(auth.user.id))
        .await?
        .into_iter()
        .map(|r| {
            let label = tdkt_domain::policy::Role::from_code(&r.role)
                .map(|x| x.label())
                .unwrap_or("?");
            match (r.agency_symbol, r.unit_code) {
                (Some(a), Some(u)) => format!("{label} — {a}/{u}"),
                (Some(a), None) => format!("{label} — {a}"),
                _ => format!("{label} — toàn tỉnh"),
            }
        })
        .collect();
    Ok(AccountPage {
        ctx: PageCtx::new(state, auth, headers, "/tai-khoan"),
        username: auth.user.username.clone(),
        roles,
        tokens,
        new_token,
        errors,
        notify: super::notifications::account_notify(state, auth).await?,
    })
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    _uri: Uri,
) -> AppResult<Response> {
    let p = account_page(&state, &auth, &headers, None, FieldErrors::new()).await?;
    Ok(page(&p, &p.ctx))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

/// The minimum a password must satisfy.
pub fn check_new_password(new: &str, confirm: &str, errors: &mut FieldErrors) {
    if new.chars().count() < 10 {
        errors.add("new", "Mật khẩu mới", "cần ít nhất 10 ký tự");
    }
    if new != confirm {
        errors.add(
            "confirm",
            "Nhập lại mật khẩu",
            "không khớp với mật khẩu mới",
        );
    }
}

pub async fn change_password(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Form(f): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let (current, hash) = (f.current.clone(), auth.user.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || users::verify_password(&current, &hash))
        .await
        .map_err(AppError::internal)?;
    if !ok {
        errors.add("current", "Mật khẩu hiện tại", "không đúng");
    }
    check_new_password(&f.new, &f.confirm, &mut errors);
    if !errors.is_empty() {
        let p = account_page(&state, &auth, &headers, None, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    }
    let new = f.new.clone();
    let hash = tokio::task::spawn_blocking(move || users::hash_password(&new))
        .await
        .map_err(AppError::internal)?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut tx, &state.ctx(auth.who()), auth.user.id, &hash).await?;
    tx.commit().await?;
    // Every session ended with the change, this one too: sign in again.
    Ok(redirect_with(
        "/dang-nhap",
        "Đã đổi mật khẩu. Hãy đăng nhập lại.",
    ))
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> AppResult<Response> {
    let name = vn::clean(&f.name);
    if name.is_empty() || name.chars().count() > 80 {
        let mut e = FieldErrors::new();
        e.add("name", "Tên mã truy cập", "cần từ 1 đến 80 ký tự");
        let p = account_page(&state, &auth, &headers, None, e).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    }
    let mut tx = state.db.begin().await?;
    let (_, token) =
        users::create_api_token(&mut tx, &state.ctx(auth.who()), auth.user.id, &name).await?;
    tx.commit().await?;
    let p = account_page(&state, &auth, &headers, Some(token), FieldErrors::new()).await?;
    Ok(page(&p, &p.ctx))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    users::revoke_api_token(&mut tx, &state.ctx(auth.who()), auth.user.id, id).await?;
    tx.commit().await?;
    Ok(redirect_with("/tai-khoan", "Đã thu hồi mã truy cập."))
}
