//! The connection: [`Db`] (pools) and [`Tx`] (a write transaction), over SQLite or PostgreSQL.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};

use crate::error::StoreResult;

/// Where the data lives.
#[derive(Debug, Clone)]
pub enum DbConfig {
    /// The embedded database: a file (created when missing).
    Sqlite(PathBuf),
    /// A `postgres://` URL.
    Postgres(String),
}

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle to the database: cheap to clone, shared by the whole app.
#[derive(Clone, Debug)]
pub enum Db {
    /// Readers share a pool; every write goes through the one writer connection.
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        path: PathBuf,
    },
    Postgres(PgPool),
}

/// A write transaction. Commit it with [`Tx::commit`]; dropped, it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Runs the same query code against whichever pool a [`Db`] holds: `on_db!(db, |c| sqlx::query(..).fetch_all(c).await)`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite { read: $c, .. } => $body,
            $crate::Db::Postgres($c) => $body,
        }
    };
}

/// Runs the same query code on the connection of a [`Tx`]: `exec_tx!(tx, |c| sqlx::query(..).execute(c).await)`.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// [`on_tx!`] for statements run for their effect: gives the number of rows affected, so that
/// both arms have one type.
#[macro_export]
macro_rules! exec_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        $crate::on_tx!($tx, |$c| ($body).map(|r| r.rows_affected()))
    };
}

impl Db {
    /// Opens the database, creating an SQLite file when missing. Does not migrate.
    pub async fn connect(config: &DbConfig) -> StoreResult<Db> {
        match config {
            DbConfig::Sqlite(path) => Self::open_sqlite(path).await,
            DbConfig::Postgres(url) => {
                let opts = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    async fn open_sqlite(path: &Path) -> StoreResult<Db> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // The system of record: a commit survives a power cut.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-20000");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts.clone())
            .await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts.read_only(true))
            .await?;
        Ok(Db::Sqlite {
            read,
            write,
            path: path.to_owned(),
        })
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> StoreResult<Tx> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Does the database answer? (`/healthz`)
    pub async fn ping(&self) -> bool {
        // A BIGINT on both engines: PostgreSQL's plain `1` is an INT4, which does not decode as i64.
        let r: Result<i64, _> = on_db!(self, |c| sqlx::query_scalar("SELECT CAST(1 AS BIGINT)")
            .fetch_one(c)
            .await);
        r.is_ok()
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}
