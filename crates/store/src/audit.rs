//! The audit log: every change — who, when, what, before and after — written in the same
//! transaction as the change, each row chained to the previous one by a SHA-256 hash so that an
//! edited or deleted row shows.

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::StoreResult;
use crate::{Clock, Db, Tx, exec_tx, on_db, on_tx};

/// Who is acting: an account (with the address it came from) or the system itself.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Who {
    pub user_id: Option<i64>,
    pub username: String,
    pub ip: Option<String>,
}

impl Who {
    /// The command line or a background job.
    pub fn system(name: &str) -> Who {
        Who {
            user_id: None,
            username: name.to_owned(),
            ip: None,
        }
    }
}

/// The context of a write: the clock and who acts.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub clock: Clock,
    pub who: Who,
}

/// One change to record.
#[derive(Debug, Default)]
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub agency_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

fn chain_hash(prev: &str, seq: i64, at: &OffsetDateTime, who: &Who, c: &Change<'_>) -> String {
    let mut h = Sha256::new();
    let parts = [
        prev.to_owned(),
        seq.to_string(),
        at.unix_timestamp_nanos().to_string(),
        who.user_id.map(|u| u.to_string()).unwrap_or_default(),
        who.username.clone(),
        c.action.to_owned(),
        c.entity.to_owned(),
        c.entity_id.clone().unwrap_or_default(),
        c.agency_id.map(|a| a.to_string()).unwrap_or_default(),
        c.before.as_ref().map(|v| v.to_string()).unwrap_or_default(),
        c.after.as_ref().map(|v| v.to_string()).unwrap_or_default(),
    ];
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Records a change inside the transaction that makes it.
pub async fn record(tx: &mut Tx, ctx: &Ctx, change: Change<'_>) -> StoreResult<()> {
    // Taking the head row serialises audited writers on PostgreSQL, so the chain never forks.
    let changes = i64::from(!READS.contains(&change.action));
    let (seq, prev): (i64, String) = on_tx!(tx, |c| {
        sqlx::query_as(
            "UPDATE audit_head SET seq = seq + 1, changes = changes + $1 WHERE id = 1 RETURNING seq, last_hash",
        )
        .bind(changes)
        .fetch_one(c)
        .await
    })?;
    let at = ctx.clock.now();
    let hash = chain_hash(&prev, seq, &at, &ctx.who, &change);
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO audit_log (id, at, user_id, username, ip, action, entity, entity_id, agency_id,
                before_json, after_json, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(seq)
        .bind(at)
        .bind(ctx.who.user_id)
        .bind(&ctx.who.username)
        .bind(&ctx.who.ip)
        .bind(change.action)
        .bind(change.entity)
        .bind(&change.entity_id)
        .bind(change.agency_id)
        .bind(change.before.as_ref().map(|v| v.to_string()))
        .bind(change.after.as_ref().map(|v| v.to_string()))
        .bind(&prev)
        .bind(&hash)
        .execute(c)
        .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(c)
            .await
    })?;
    Ok(())
}

/// A row of the audit log, for display.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: OffsetDateTime,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub agency_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The latest rows, newest first; `agency` limits to one agency's changes.
pub async fn list(
    db: &Db,
    agency: Option<i64>,
    before_id: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<AuditRow>> {
    let rows = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, at, user_id, username, ip, action, entity, entity_id, agency_id, before_json,
                    after_json, prev_hash, hash
             FROM audit_log
             WHERE ($1 IS NULL OR agency_id = $1) AND ($2 IS NULL OR id < $2)
             ORDER BY id DESC LIMIT $3",
        )
        .bind(agency)
        .bind(before_id)
        .bind(limit)
        .fetch_all(c)
        .await
    })?;
    Ok(rows)
}

/// Walks the whole chain; returns the id of the first row whose hash does not hold, if any.
pub async fn verify_chain(db: &Db) -> StoreResult<Option<i64>> {
    let rows: Vec<AuditRow> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, at, user_id, username, ip, action, entity, entity_id, agency_id, before_json,
                    after_json, prev_hash, hash FROM audit_log ORDER BY id",
        )
        .fetch_all(c)
        .await
    })?;
    let mut prev = String::new();
    for r in rows {
        let who = Who {
            user_id: r.user_id,
            username: r.username.clone().unwrap_or_default(),
            ip: None,
        };
        let parse = |s: &Option<String>| s.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let change = Change {
            action: &r.action,
            entity: &r.entity,
            entity_id: r.entity_id.clone(),
            agency_id: r.agency_id,
            before: parse(&r.before_json),
            after: parse(&r.after_json),
        };
        if r.prev_hash != prev || chain_hash(&prev, r.id, &r.at, &who, &change) != r.hash {
            return Ok(Some(r.id));
        }
        prev = r.hash;
    }
    Ok(None)
}

/// Audited actions that change no data: logged, but not counted by [`changes`].
pub const READS: &[&str] = &["login", "view_sensitive"];

/// How many changes the audit chain holds (its rows but the [`READS`]): every change of data moves
/// it, so what is computed from the data is computed again when it moves.
pub async fn changes(db: &Db) -> StoreResult<i64> {
    Ok(crate::on_db!(db, |c| sqlx::query_scalar::<_, i64>(
        "SELECT changes FROM audit_head WHERE id = 1"
    )
    .fetch_one(c)
    .await)?)
}
