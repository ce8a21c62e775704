//! Accounts, their roles, sessions, personal API tokens and the failed-login counter.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use rand::RngExt;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use tdkt_domain::policy::{Actor, Grant, Role};

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

/// Hashes a password with Argon2id (the crate's defaults: m = 19 MiB, t = 2, p = 1).
/// CPU-heavy: call it from a blocking thread in async code.
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("Argon2 hashing with default parameters cannot fail")
        .to_string()
}

/// Checks a password against a stored hash. CPU-heavy, like [`hash_password`].
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random token (256 bits, hex) and the SHA-256 that is stored in its place.
pub fn new_token() -> (String, Vec<u8>) {
    let bytes: [u8; 32] = rand::rng().random();
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    #[serde(skip)]
    pub password_hash: String,
    pub display_name: String,
    pub email: Option<String>,
    pub person_id: Option<i64>,
    pub disabled: bool,
    pub last_login_at: Option<OffsetDateTime>,
}

/// A role row with the names a list shows.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RoleRow {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub agency_id: Option<i64>,
    pub agency_symbol: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub unit_path: Option<String>,
}

const USER_COLS: &str =
    "id, username, password_hash, display_name, email, person_id, disabled, last_login_at";

pub async fn create_user(
    tx: &mut Tx,
    ctx: &Ctx,
    username: &str,
    password_hash: &str,
    display_name: &str,
    person_id: Option<i64>,
    email: Option<&str>,
) -> StoreResult<i64> {
    let now = ctx.clock.now();
    let r: Result<i64, StoreError> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO app_user (username, password_hash, display_name, email, person_id, disabled, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(username)
        .bind(password_hash)
        .bind(display_name)
        .bind(email)
        .bind(person_id)
        .bind(false)
        .bind(now)
        .fetch_one(c)
        .await
        .map_err(StoreError::from)
    });
    let id = r.map_err(|e| {
        if e.is_unique_violation() {
            StoreError::conflict("username", "Tên đăng nhập", format!("“{username}” đã có"))
        } else {
            e
        }
    })?;
    audit::record(tx, ctx, Change {
        action: "create",
        entity: "user",
        entity_id: Some(id.to_string()),
        after: Some(json!({ "username": username, "display_name": display_name, "person_id": person_id })),
        ..Default::default()
    })
    .await?;
    Ok(id)
}

pub async fn add_role(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    role: Role,
    agency_id: Option<i64>,
    unit_id: Option<i64>,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO user_role (user_id, role, agency_id, unit_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(role.code())
        .bind(agency_id)
        .bind(unit_id)
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "grant_role",
            entity: "user",
            entity_id: Some(user_id.to_string()),
            agency_id,
            after: Some(json!({ "role": role.code(), "agency_id": agency_id, "unit_id": unit_id })),
            ..Default::default()
        },
    )
    .await
}

pub async fn remove_role(tx: &mut Tx, ctx: &Ctx, role_id: i64) -> StoreResult<()> {
    let r: (i64, String, Option<i64>, Option<i64>) = on_tx!(tx, |c| {
        sqlx::query_as("SELECT user_id, role, agency_id, unit_id FROM user_role WHERE id = $1")
            .bind(role_id)
            .fetch_one(c)
            .await
    })?;
    exec_tx!(tx, |c| sqlx::query("DELETE FROM user_role WHERE id = $1")
        .bind(role_id)
        .execute(c)
        .await)?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "revoke_role",
            entity: "user",
            entity_id: Some(r.0.to_string()),
            agency_id: r.2,
            before: Some(json!({ "role": r.1, "agency_id": r.2, "unit_id": r.3 })),
            ..Default::default()
        },
    )
    .await
}

/// Sets a new password; every session of the account ends.
pub async fn set_password(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    password_hash: &str,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE app_user SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(ctx.clock.now())
            .bind(user_id)
            .execute(c)
            .await
    })?;
    end_sessions(tx, user_id).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "set_password",
            entity: "user",
            entity_id: Some(user_id.to_string()),
            ..Default::default()
        },
    )
    .await
}

/// Disables (or re-enables) an account; disabling ends its sessions and revokes its API tokens.
pub async fn set_disabled(tx: &mut Tx, ctx: &Ctx, user_id: i64, disabled: bool) -> StoreResult<()> {
    let now = ctx.clock.now();
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE app_user SET disabled = $1, updated_at = $2 WHERE id = $3")
            .bind(disabled)
            .bind(now)
            .bind(user_id)
            .execute(c)
            .await
    })?;
    if disabled {
        end_sessions(tx, user_id).await?;
        exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE api_token SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .execute(c)
            .await
        })?;
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: if disabled { "disable" } else { "enable" },
            entity: "user",
            entity_id: Some(user_id.to_string()),
            after: Some(json!({ "disabled": disabled })),
            ..Default::default()
        },
    )
    .await
}

async fn end_sessions(tx: &mut Tx, user_id: i64) -> StoreResult<()> {
    exec_tx!(tx, |c| sqlx::query(
        "DELETE FROM session WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn user_by_username(db: &Db, username: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {USER_COLS} FROM app_user WHERE username = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(username)
    .fetch_optional(c)
    .await)?)
}

pub async fn user(db: &Db, id: i64) -> StoreResult<User> {
    let sql = format!("SELECT {USER_COLS} FROM app_user WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

pub async fn users(db: &Db) -> StoreResult<Vec<User>> {
    let sql = format!("SELECT {USER_COLS} FROM app_user ORDER BY username");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .fetch_all(c)
    .await)?)
}

/// How many accounts there are.
pub async fn count_users(db: &Db) -> StoreResult<i64> {
    Ok(on_db!(db, |c| sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM app_user"
    )
    .fetch_one(c)
    .await)?)
}

/// The roles of one user (every request reads them), or of everyone.
pub async fn roles(db: &Db, user_id: Option<i64>) -> StoreResult<Vec<RoleRow>> {
    // Two statements, not one with "$1 IS NULL OR r.user_id = $1": that condition keeps the
    // planner off the index, and a province has 100,000 roles.
    let sql = format!(
        "SELECT r.id, r.user_id, r.role, r.agency_id, a.symbol AS agency_symbol, r.unit_id, u.code AS unit_code,
                u.path AS unit_path
         FROM user_role r LEFT JOIN agency a ON a.id = r.agency_id LEFT JOIN unit u ON u.id = r.unit_id
         {} ORDER BY r.user_id, r.id",
        if user_id.is_some() { "WHERE r.user_id = $1" } else { "" }
    );
    Ok(on_db!(db, |c| {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
        match user_id {
            Some(id) => q.bind(id),
            None => q,
        }
        .fetch_all(c)
        .await
    })?)
}

/// The account as the policy sees it: its grants with the paths of unit heads' units.
pub async fn actor(db: &Db, user: &User) -> StoreResult<Actor> {
    let grants = roles(db, Some(user.id))
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(Grant {
                role: Role::from_code(&r.role)?,
                agency_id: r.agency_id,
                unit: r.unit_id.zip(r.unit_path),
            })
        })
        .collect();
    Ok(Actor {
        user_id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        person_id: user.person_id,
        grants,
    })
}

/// A signed-in session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id_hash: Vec<u8>,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Starts a session; returns the cookie token (only its hash is stored) and the CSRF token.
pub async fn create_session(
    db: &Db,
    ctx: &Ctx,
    user_id: i64,
    absolute: Duration,
    user_agent: Option<&str>,
) -> StoreResult<(String, String)> {
    let (token, hash) = new_token();
    let (csrf, _) = new_token();
    let now = ctx.clock.now();
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query(
            "INSERT INTO session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
             VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
        )
        .bind(&hash)
        .bind(user_id)
        .bind(&csrf)
        .bind(now)
        .bind(now + absolute)
        .bind(&ctx.who.ip)
        .bind(user_agent.map(|s| s.chars().take(200).collect::<String>()))
        .execute(c)
        .await
    })?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "UPDATE app_user SET last_login_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(user_id)
    .execute(c)
    .await)?;
    audit::record(
        &mut tx,
        ctx,
        Change {
            action: "login",
            entity: "user",
            entity_id: Some(user_id.to_string()),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok((token, csrf))
}

pub async fn session(db: &Db, token: &str) -> StoreResult<Option<Session>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as("SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM session WHERE id_hash = $1")
            .bind(token_hash(token))
            .fetch_optional(c)
            .await
    })?)
}

/// Marks a session as seen (sliding idle timeout). Written at most once a minute per session.
pub async fn touch_session(db: &Db, id_hash: &[u8], now: OffsetDateTime) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "UPDATE session SET last_seen_at = $1 WHERE id_hash = $2"
    )
    .bind(now)
    .bind(id_hash)
    .execute(c)
    .await)?;
    tx.commit().await
}

pub async fn delete_session(db: &Db, id_hash: &[u8]) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM session WHERE id_hash = $1"
    )
    .bind(id_hash)
    .execute(c)
    .await)?;
    tx.commit().await
}

/// Removes expired sessions and old failed-login rows.
pub async fn purge(db: &Db, now: OffsetDateTime, idle: Duration) -> StoreResult<u64> {
    let mut tx = db.begin().await?;
    let a = exec_tx!(&mut tx, |c| {
        sqlx::query("DELETE FROM session WHERE expires_at < $1 OR last_seen_at < $2")
            .bind(now)
            .bind(now - idle)
            .execute(c)
            .await
    })?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM login_failure WHERE at < $1"
    )
    .bind(now - Duration::days(1))
    .execute(c)
    .await)?;
    tx.commit().await?;
    Ok(a)
}

pub async fn record_login_failure(
    db: &Db,
    username_fold: &str,
    ip: &str,
    at: OffsetDateTime,
) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query("INSERT INTO login_failure (username_fold, ip, at) VALUES ($1, $2, $3)")
            .bind(username_fold)
            .bind(ip)
            .bind(at)
            .execute(c)
            .await
    })?;
    tx.commit().await
}

/// Failed logins since a time: (for this account name, from this address).
pub async fn login_failures(
    db: &Db,
    username_fold: &str,
    ip: &str,
    since: OffsetDateTime,
) -> StoreResult<(i64, i64)> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM login_failure WHERE username_fold = $1 AND at >= $3),
                    (SELECT COUNT(*) FROM login_failure WHERE ip = $2 AND at >= $3)",
        )
        .bind(username_fold)
        .bind(ip)
        .bind(since)
        .fetch_one(c)
        .await
    })?)
}

pub async fn clear_login_failures(db: &Db, username_fold: &str) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "DELETE FROM login_failure WHERE username_fold = $1"
    )
    .bind(username_fold)
    .execute(c)
    .await)?;
    tx.commit().await
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Creates a personal API token; the token itself is returned once and never stored.
pub async fn create_api_token(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    name: &str,
) -> StoreResult<(i64, String)> {
    let (token, _) = new_token();
    let token = format!("tdkt_{token}");
    let hash = token_hash(&token);
    let prefix: String = token.chars().take(12).collect();
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar("INSERT INTO api_token (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(user_id)
            .bind(name)
            .bind(&hash)
            .bind(&prefix)
            .bind(ctx.clock.now())
            .fetch_one(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            after: Some(json!({ "name": name, "prefix": prefix, "user_id": user_id })),
            ..Default::default()
        },
    )
    .await?;
    Ok((id, token))
}

pub async fn revoke_api_token(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    token_id: i64,
) -> StoreResult<()> {
    let n = exec_tx!(tx, |c| {
        sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(ctx.clock.now())
            .bind(token_id)
            .bind(user_id)
            .execute(c)
            .await
    })?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "revoke",
            entity: "api_token",
            entity_id: Some(token_id.to_string()),
            ..Default::default()
        },
    )
    .await
}

pub async fn api_tokens(db: &Db, user_id: i64) -> StoreResult<Vec<ApiToken>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_token WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(c)
        .await
    })?)
}

/// The account behind a live API token.
pub async fn user_by_api_token(db: &Db, token: &str) -> StoreResult<Option<(i64, User)>> {
    let r: Option<(i64, i64)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, user_id FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash(token))
        .fetch_optional(c)
        .await
    })?;
    match r {
        Some((tid, uid)) => Ok(Some((tid, user(db, uid).await?))),
        None => Ok(None),
    }
}

pub async fn touch_api_token(db: &Db, token_id: i64, now: OffsetDateTime) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| sqlx::query(
        "UPDATE api_token SET last_used_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(token_id)
    .execute(c)
    .await)?;
    tx.commit().await
}
