//! Migrations: one folder per backend (`migrations/sqlite`, `migrations/postgres`) with the same
//! numbering, embedded in the binary and applied in order, each in its own transaction.

use crate::error::StoreResult;
use crate::{Backend, Clock, Db, exec_tx, on_tx};

/// A migration: its version, name and the SQL of each backend.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $name, ".sql")),
        }
    };
}

/// Every migration, in order. A landed migration is never edited: a change is a new one.
pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_movement"),
    migration!(3, "0003_reports_timeliness"),
    migration!(4, "0004_agency_history"),
    migration!(5, "0005_province_scale"),
];

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migration (
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/// Several instances may start at once on one PostgreSQL: they take turns on this lock.
const PG_LOCK_KEY: i64 = 0x7464_6b74_6d69_6772; // "tdktmigr"

impl Db {
    /// Applies the migrations this database lacks. Returns how many were applied.
    pub async fn migrate(&self, clock: &Clock) -> StoreResult<usize> {
        let mut applied = 0;
        let mut tx = self.begin().await?;
        if let crate::Tx::Postgres(t) = &mut tx {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(PG_LOCK_KEY)
                .execute(&mut **t)
                .await?;
        }
        exec_tx!(&mut tx, |c| sqlx::query(CREATE_TABLE).execute(c).await)?;
        let done: Vec<i64> = on_tx!(&mut tx, |c| {
            sqlx::query_scalar("SELECT version FROM schema_migration ORDER BY version")
                .fetch_all(c)
                .await
        })?;
        for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
            let sql = match tx.backend() {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            exec_tx!(&mut tx, |c| sqlx::raw_sql(sql).execute(c).await)?;
            exec_tx!(&mut tx, |c| {
                sqlx::query(
                    "INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)",
                )
                .bind(m.version)
                .bind(m.name)
                .bind(clock.now().to_string())
                .execute(c)
                .await
            })?;
            tracing::info!(version = m.version, name = m.name, "migration applied");
            applied += 1;
        }
        tx.commit().await?;
        Ok(applied)
    }

    /// The highest migration version applied, or 0 on an empty database.
    pub async fn schema_version(&self) -> StoreResult<i64> {
        let exists = self.table_exists("schema_migration").await?;
        if !exists {
            return Ok(0);
        }
        let v: Option<i64> = crate::on_db!(self, |c| {
            sqlx::query_scalar("SELECT MAX(version) FROM schema_migration")
                .fetch_one(c)
                .await
        })?;
        Ok(v.unwrap_or(0))
    }

    pub(crate) async fn table_exists(&self, table: &str) -> StoreResult<bool> {
        let n: i64 = match self {
            Db::Sqlite { read, .. } => {
                sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1")
                    .bind(table)
                    .fetch_one(read)
                    .await?
            }
            Db::Postgres(p) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
                )
                .bind(table)
                .fetch_one(p)
                .await?
            }
        };
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_every_migration() {
        let dir = |b: &str| {
            let mut v: Vec<String> =
                std::fs::read_dir(format!("{}/migrations/{b}", env!("CARGO_MANIFEST_DIR")))
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
            v.sort();
            v
        };
        let sqlite = dir("sqlite");
        assert_eq!(sqlite, dir("postgres"));
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{}.sql", m.name))
            .collect();
        assert_eq!(sqlite, listed);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1);
        }
    }
}
