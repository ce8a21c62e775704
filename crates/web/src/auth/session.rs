//! Sessions and API tokens: [`load`] runs on every request and leaves a [`CurrentUser`] in the
//! request's extensions; [`Auth`] is the extractor handlers use.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use time::Duration;

use tdkt_domain::policy::{Actor, Perm, Target};
use tdkt_store::audit::Who;
use tdkt_store::users::{self, User};

use crate::error::AppError;
use crate::state::{AppState, SecureCookies};

pub const SESSION_COOKIE: &str = "tdkt_session";

/// The signed-in caller.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub actor: Actor,
    /// The per-session CSRF token (empty for API-token callers, who send no cookies).
    pub csrf: String,
    pub session_hash: Option<Vec<u8>>,
    pub token_id: Option<i64>,
    pub ip: String,
}

impl Auth {
    pub fn who(&self) -> Who {
        Who {
            user_id: Some(self.user.id),
            username: self.user.username.clone(),
            ip: Some(self.ip.clone()),
        }
    }

    /// The object is within reach for this action, or 404.
    pub fn check(&self, perm: Perm, target: &Target) -> Result<(), AppError> {
        if self.actor.can_on(perm, target) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The role may take this action, or 403.
    pub fn require(&self, perm: Perm) -> Result<(), AppError> {
        if self.actor.can(perm) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The caller's address as [`load`] found it, in the request's extensions.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// The result of [`load`], in the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser(pub Option<Arc<Auth>>);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<CurrentUser>() {
            Some(CurrentUser(Some(a))) => Ok((**a).clone()),
            _ => Err(AppError::Unauthorized),
        }
    }
}

/// The caller's address: the socket peer, or the proxy's `X-Forwarded-For` when trusted.
pub fn client_ip(parts_headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(xff) = parts_headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        && let Some(first) = xff.split(',').next()
    {
        return first.trim().to_owned();
    }
    peer.map(|p| p.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Should cookies carry `Secure` for this request?
pub fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    match state.config.secure_cookies {
        SecureCookies::Always => true,
        SecureCookies::Never => false,
        SecureCookies::Auto => headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https")),
    }
}

/// A `Set-Cookie` value; an empty value with `max_age` 0 removes the cookie.
pub fn set_cookie(name: &str, value: &str, max_age: Duration, secure: bool) -> HeaderValue {
    let mut c = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        max_age.whole_seconds()
    );
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are hex or url-encoded")
}

/// Finds the caller (session cookie or `Authorization: Bearer` token) for every request.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ip = client_ip(req.headers(), peer, state.config.trust_proxy);
    req.extensions_mut().insert(ClientIp(ip.clone()));
    let auth = match find(&state, req.headers(), ip).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "loading the session failed");
            None
        }
    };
    req.extensions_mut().insert(CurrentUser(auth.map(Arc::new)));
    next.run(req).await
}

async fn find(
    state: &AppState,
    headers: &HeaderMap,
    ip: String,
) -> Result<Option<Auth>, tdkt_store::StoreError> {
    let db = &state.db;
    let now = state.clock.now();
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        let Some((token_id, user)) = users::user_by_api_token(db, token.trim()).await? else {
            return Ok(None);
        };
        if user.disabled {
            return Ok(None);
        }
        users::touch_api_token(db, token_id, now).await?;
        let actor = users::actor(db, &user).await?;
        return Ok(Some(Auth {
            user,
            actor,
            csrf: String::new(),
            session_hash: None,
            token_id: Some(token_id),
            ip,
        }));
    }
    let Some(token) = cookie_value(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some(s) = users::session(db, token).await? else {
        return Ok(None);
    };
    if s.expires_at <= now || now - s.last_seen_at > state.config.idle_timeout {
        users::delete_session(db, &s.id_hash).await?;
        return Ok(None);
    }
    let user = users::user(db, s.user_id).await?;
    if user.disabled {
        return Ok(None);
    }
    if now - s.last_seen_at > Duration::minutes(1) {
        users::touch_session(db, &s.id_hash, now).await?;
    }
    let actor = users::actor(db, &user).await?;
    Ok(Some(Auth {
        user,
        actor,
        csrf: s.csrf_token,
        session_hash: Some(s.id_hash),
        token_id: None,
        ip,
    }))
}
