//! A fresh database per test: a temporary SQLite file, or — when `TEST_DATABASE_URL` names a
//! PostgreSQL server — a new database created on that server and dropped when the test ends.

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use tdkt_store::{Clock, Db, DbConfig};

/// The date the tests live on (the demo's date).
pub const TODAY: time::Date = time::macros::date!(2024 - 12 - 16);
pub const TZ: &str = "Asia/Ho_Chi_Minh";

pub fn test_clock() -> Clock {
    Clock::new(Some(TODAY), TZ).expect("the test time zone exists")
}

/// Is this run against PostgreSQL?
pub fn pg_server() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// A database that lives as long as the test.
pub struct TestDb {
    pub config: DbConfig,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<PgDrop>,
}

struct PgDrop {
    server: String,
    name: String,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl TestDb {
    /// A new, empty database of the backend under test.
    pub async fn fresh() -> TestDb {
        match pg_server() {
            Some(server) => Self::fresh_pg(&server).await,
            None => Self::fresh_sqlite(),
        }
    }

    /// A new, empty SQLite database, whatever the backend under test.
    pub fn fresh_sqlite() -> TestDb {
        let dir = tempfile::Builder::new()
            .prefix("tdkt-test-")
            .tempdir()
            .expect("a temporary directory");
        TestDb {
            config: DbConfig::Sqlite(dir.path().join("tdkt.db")),
            _dir: Some(dir),
            _pg: None,
        }
    }

    async fn fresh_pg(server: &str) -> TestDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "tdkt_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos
        );
        let mut admin = PgConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("TEST_DATABASE_URL: cannot connect to {server}: {e}"));
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("CREATE DATABASE");
        admin.close().await.ok();
        let mut url = url::Url::parse(server).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&format!("/{name}"));
        TestDb {
            config: DbConfig::Postgres(url.to_string()),
            _dir: None,
            _pg: Some(PgDrop {
                server: server.to_owned(),
                name,
            }),
        }
    }

    /// Opens and migrates it.
    pub async fn open(&self, clock: &Clock) -> Db {
        let db = Db::connect(&self.config)
            .await
            .expect("open the test database");
        db.migrate(clock).await.expect("migrate the test database");
        db
    }
}

impl Drop for PgDrop {
    fn drop(&mut self) {
        if std::env::var_os("TDKT_KEEP_TEST_DB").is_some() {
            eprintln!("keeping test database {}", self.name);
            return;
        }
        let (server, name) = (self.server.clone(), self.name.clone());
        // Drop runs inside the test's runtime: do the async work on a thread of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async {
                if let Ok(mut c) = PgConnection::connect(&server).await {
                    let _ = sqlx::query(AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut c)
                    .await;
                }
            });
        })
        .join();
    }
}
