//! Settings with defaults (never constants), per deployment or per agency, and the counters that
//! give official numbers.

use serde::{Serialize, de::DeserializeOwned};

use crate::audit::{self, Change, Ctx};
use crate::error::StoreResult;
use crate::{Db, Tx, exec_tx, on_db, on_tx};

/// Where a setting applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingScope {
    Global,
    Agency(i64),
}

impl SettingScope {
    fn key(self) -> String {
        match self {
            SettingScope::Global => "global".to_owned(),
            SettingScope::Agency(a) => format!("agency:{a}"),
        }
    }
}

/// A setting's value: the agency's, else the deployment's, else `default`.
pub async fn get<T: DeserializeOwned>(
    db: &Db,
    agency: Option<i64>,
    key: &str,
    default: T,
) -> StoreResult<T> {
    let mut scopes = vec![];
    if let Some(a) = agency {
        scopes.push(SettingScope::Agency(a).key());
    }
    scopes.push(SettingScope::Global.key());
    for s in scopes {
        let v: Option<String> = on_db!(db, |c| {
            sqlx::query_scalar("SELECT value FROM setting WHERE scope = $1 AND key = $2")
                .bind(&s)
                .bind(key)
                .fetch_optional(c)
                .await
        })?;
        if let Some(v) = v
            && let Ok(t) = serde_json::from_str(&v)
        {
            return Ok(t);
        }
    }
    Ok(default)
}

pub async fn set<T: Serialize>(
    tx: &mut Tx,
    ctx: &Ctx,
    scope: SettingScope,
    key: &str,
    value: &T,
) -> StoreResult<()> {
    let json = serde_json::to_string(value).map_err(|e| crate::StoreError::Other(e.to_string()))?;
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO setting (scope, key, value, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(scope.key())
        .bind(key)
        .bind(&json)
        .bind(ctx.clock.now())
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "set",
            entity: "setting",
            entity_id: Some(format!("{}:{key}", scope.key())),
            agency_id: match scope {
                SettingScope::Agency(a) => Some(a),
                SettingScope::Global => None,
            },
            after: serde_json::from_str(&json).ok(),
            ..Default::default()
        },
    )
    .await
}

/// Takes the next number of a counter (for example decision numbers of an agency in a year).
/// The number comes from a row updated in the caller's transaction, never from a sequence: a
/// rolled-back transaction gives its number back, and numbers have no gaps.
pub async fn next_number(tx: &mut Tx, scope: &str, year: i32, kind: &str) -> StoreResult<i64> {
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO counter (scope, year, kind, value) VALUES ($1, $2, $3, 0) ON CONFLICT (scope, year, kind) DO NOTHING")
            .bind(scope)
            .bind(i64::from(year))
            .bind(kind)
            .execute(c)
            .await
    })?;
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar("UPDATE counter SET value = value + 1 WHERE scope = $1 AND year = $2 AND kind = $3 RETURNING value")
            .bind(scope)
            .bind(i64::from(year))
            .bind(kind)
            .fetch_one(c)
            .await
    })?)
}
