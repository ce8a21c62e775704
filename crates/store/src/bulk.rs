//! Bulk loads (the province-sized demo world): many rows in few statements, inside the caller's
//! transaction, on either engine.
//!
//! An [`Inserter`] buffers rows and writes them as multi-row `INSERT … VALUES (…), (…)`
//! statements. Every full batch uses the same SQL text, so sqlx prepares it once per connection
//! and reuses it. Rows carry their ids (the caller numbers them from [`next_id`]), so that children
//! can point to their parents without reading anything back; [`finish_ids`] moves PostgreSQL's
//! identity sequences past them afterwards.
//!
//! [`drop_indexes`] and [`create_indexes`] take a table's secondary indexes away during a load and
//! put them back with the very definitions the database held (the migrations' own text), so the
//! schema is the same afterwards. Nothing here writes audit rows: bulk loads are generated data.

use time::{Date, OffsetDateTime};

use crate::error::StoreResult;
use crate::{Tx, exec_tx, on_tx};

/// One value of a row. Each variant carries its type even when NULL, so that PostgreSQL sees
/// one type per column of a multi-row `VALUES`.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    I64(Option<i64>),
    F64(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Bool(Option<bool>),
    Date(Option<Date>),
    Ts(Option<OffsetDateTime>),
}

macro_rules! val_from {
    ($t:ty, $v:ident) => {
        impl From<$t> for Val {
            fn from(x: $t) -> Val {
                Val::$v(Some(x))
            }
        }
        impl From<Option<$t>> for Val {
            fn from(x: Option<$t>) -> Val {
                Val::$v(x)
            }
        }
    };
}
val_from!(i64, I64);
val_from!(f64, F64);
val_from!(String, Text);
val_from!(Vec<u8>, Bytes);
val_from!(bool, Bool);
val_from!(Date, Date);
val_from!(OffsetDateTime, Ts);

impl From<&str> for Val {
    fn from(x: &str) -> Val {
        Val::Text(Some(x.to_owned()))
    }
}

impl From<Option<&str>> for Val {
    fn from(x: Option<&str>) -> Val {
        Val::Text(x.map(str::to_owned))
    }
}

/// The most parameters one statement binds (SQLite allows 32,766, PostgreSQL 65,535).
///
/// On SQLite the statements use anonymous `?` parameters, not numbered `$n` ones: sqlx binds
/// each parameter after asking SQLite for its name (`sqlite3_bind_parameter_name`), a linear
/// search of the statement's named parameters, so a statement of n numbered parameters costs n²
/// — with `$n` and 16,000 parameters the province load spent 84% of its time there.
const MAX_PARAMS: usize = 8_000;
/// The most rows one statement carries.
const MAX_ROWS: usize = 500;

/// Writes rows of one table in multi-row statements.
pub struct Inserter {
    table: &'static str,
    columns: &'static [&'static str],
    rows_per_statement: usize,
    buffer: Vec<Val>,
    /// The statement of a full batch: with numbered parameters (PostgreSQL), with anonymous ones
    /// (SQLite).
    full_sql: (String, String),
    written: u64,
}

/// `INSERT … VALUES (…), (…)` of `rows` rows, its parameters numbered (`$1`, PostgreSQL) or
/// anonymous (`?`, SQLite).
fn insert_sql(table: &str, columns: &[&str], rows: usize, numbered: bool) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            if numbered {
                sql.push('$');
                sql.push_str(&n.to_string());
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    sql
}

impl Inserter {
    /// An inserter for `table`; every row gives `columns` in this order.
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Inserter {
        assert!(!columns.is_empty());
        let rows_per_statement = (MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS);
        Inserter {
            table,
            columns,
            rows_per_statement,
            buffer: Vec::with_capacity(rows_per_statement * columns.len()),
            full_sql: (
                insert_sql(table, columns, rows_per_statement, true),
                insert_sql(table, columns, rows_per_statement, false),
            ),
            written: 0,
        }
    }

    /// Adds a row (`N` must be the number of columns); writes a batch when one is full.
    pub async fn push<const N: usize>(&mut self, tx: &mut Tx, row: [Val; N]) -> StoreResult<()> {
        assert_eq!(N, self.columns.len(), "a row of {}", self.table);
        self.buffer.extend(row);
        if self.buffer.len() == self.rows_per_statement * N {
            self.flush(tx).await?;
        }
        Ok(())
    }

    /// [`Inserter::push`] for a row that points to rows of `parents` (buffered by other
    /// inserters): when this row completes a batch, the parents' buffers are written first, in
    /// the order given, so that foreign keys always find their rows.
    pub async fn push_after<const N: usize>(
        &mut self,
        tx: &mut Tx,
        row: [Val; N],
        parents: &mut [&mut Inserter],
    ) -> StoreResult<()> {
        if self.buffer.len() + N == self.rows_per_statement * N {
            for p in parents.iter_mut() {
                p.flush(tx).await?;
            }
        }
        self.push(tx, row).await
    }

    /// Writes what is buffered; returns how many rows this inserter wrote in all.
    pub async fn finish(&mut self, tx: &mut Tx) -> StoreResult<u64> {
        self.flush(tx).await?;
        Ok(self.written)
    }

    async fn flush(&mut self, tx: &mut Tx) -> StoreResult<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let rows = self.buffer.len() / self.columns.len();
        let numbered = matches!(tx, Tx::Postgres(_));
        let sql = match (rows == self.rows_per_statement, numbered) {
            (true, true) => self.full_sql.0.clone(),
            (true, false) => self.full_sql.1.clone(),
            (false, _) => insert_sql(self.table, self.columns, rows, numbered),
        };
        let values = std::mem::take(&mut self.buffer);
        self.buffer
            .reserve(self.rows_per_statement * self.columns.len());
        exec_tx!(tx, |c| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for v in values {
                q = match v {
                    Val::I64(x) => q.bind(x),
                    Val::F64(x) => q.bind(x),
                    Val::Text(x) => q.bind(x),
                    Val::Bytes(x) => q.bind(x),
                    Val::Bool(x) => q.bind(x),
                    Val::Date(x) => q.bind(x),
                    Val::Ts(x) => q.bind(x),
                };
            }
            q.execute(c).await
        })
        .map_err(|e| crate::StoreError::Other(format!("{}: {e}", self.table)))?;
        self.written += rows as u64;
        Ok(())
    }
}

/// The id after the largest of `table` (1 when empty): where the caller numbers new rows from.
pub async fn next_id(tx: &mut Tx, table: &str) -> StoreResult<i64> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM {table}");
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        sqlx::AssertSqlSafe(sql)
    )
    .fetch_one(c)
    .await)?)
}

fn where_sql(table: &str, what: &str, filter: &[(&str, &Val)]) -> String {
    let mut sql = format!("SELECT {what} FROM {table} WHERE 1 = 1");
    for (i, (col, _)) in filter.iter().enumerate() {
        sql.push_str(&format!(" AND {col} = ${}", i + 1));
    }
    sql
}

macro_rules! bind_vals {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for (_, v) in $vals {
            q = match (*v).clone() {
                Val::I64(x) => q.bind(x),
                Val::F64(x) => q.bind(x),
                Val::Text(x) => q.bind(x),
                Val::Bytes(x) => q.bind(x),
                Val::Bool(x) => q.bind(x),
                Val::Date(x) => q.bind(x),
                Val::Ts(x) => q.bind(x),
            };
        }
        q
    }};
}

/// The id of the row of `table` whose columns equal the values given (the smallest, if several),
/// seen from inside the load's transaction. Table and column names come from the caller's code.
pub async fn lookup(tx: &mut Tx, table: &str, filter: &[(&str, &Val)]) -> StoreResult<Option<i64>> {
    let sql = where_sql(table, "MIN(id)", filter);
    Ok(on_tx!(tx, |c| bind_vals!(
        sqlx::query_scalar::<_, Option<i64>>(sqlx::AssertSqlSafe(sql)),
        filter
    )
    .fetch_one(c)
    .await)?)
}

/// How many rows of `table` have these column values, seen from inside the load's transaction.
pub async fn count(tx: &mut Tx, table: &str, filter: &[(&str, &Val)]) -> StoreResult<i64> {
    let sql = where_sql(table, "CAST(COUNT(*) AS BIGINT)", filter);
    Ok(on_tx!(tx, |c| bind_vals!(
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)),
        filter
    )
    .fetch_one(c)
    .await)?)
}

/// After rows were written with their own ids: PostgreSQL's identity sequences continue after
/// them (SQLite needs nothing).
pub async fn finish_ids(tx: &mut Tx, tables: &[&str]) -> StoreResult<()> {
    if let Tx::Postgres(t) = tx {
        for table in tables {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut **t)
                .await?;
        }
    }
    Ok(())
}

/// A secondary index as the database holds it: its name and the statement that creates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDef {
    pub name: String,
    pub create: String,
}

/// Drops the secondary indexes of `tables` (not the primary keys nor the indexes behind UNIQUE
/// constraints) and returns their definitions for [`create_indexes`].
pub async fn drop_indexes(tx: &mut Tx, tables: &[&str]) -> StoreResult<Vec<IndexDef>> {
    let mut defs = Vec::new();
    for table in tables {
        let rows: Vec<(String, String)> = match tx {
            Tx::Sqlite(t) => {
                sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL
                     ORDER BY name",
                )
                .bind(*table)
                .fetch_all(&mut **t)
                .await?
            }
            Tx::Postgres(t) => {
                sqlx::query_as(
                    "SELECT i.indexname::text, i.indexdef::text FROM pg_indexes i
                     WHERE i.schemaname = current_schema() AND i.tablename = $1
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)
                     ORDER BY i.indexname",
                )
                .bind(*table)
                .fetch_all(&mut **t)
                .await?
            }
        };
        for (name, create) in rows {
            let sql = format!("DROP INDEX {name}");
            exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(c)
                .await)?;
            defs.push(IndexDef { name, create });
        }
    }
    Ok(defs)
}

/// Creates again the indexes [`drop_indexes`] took away, with their own definitions.
pub async fn create_indexes(tx: &mut Tx, defs: &[IndexDef]) -> StoreResult<()> {
    for d in defs {
        let sql = d.create.clone();
        exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// Sets SQLite's page cache of the writer connection (KiB when negative, as the pragma takes
/// it): a large load keeps its pages in memory instead of spilling them. Nothing on PostgreSQL.
pub async fn sqlite_cache_size(tx: &mut Tx, size: i64) -> StoreResult<()> {
    if let Tx::Sqlite(t) = tx {
        let sql = format!("PRAGMA cache_size = {size}");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics after a load: `ANALYZE` on PostgreSQL (what autovacuum
/// would do a while later). SQLite keeps no statistics unless asked, and tdkt does not ask.
pub async fn analyze(tx: &mut Tx) -> StoreResult<()> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("ANALYZE").execute(&mut **t).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_their_parameters_row_by_row() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, true),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, false),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    async fn schema(db: &crate::Db) -> Vec<(String, String, Option<String>)> {
        let crate::Db::Sqlite { read, .. } = db else {
            unreachable!("an SQLite test")
        };
        sqlx::query_as("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .fetch_all(read)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn rows_go_in_by_batches_and_indexes_come_back_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::Db::connect(&crate::DbConfig::Sqlite(dir.path().join("t.db")))
            .await
            .unwrap();
        let clock = crate::Clock::new(None, "Asia/Ho_Chi_Minh").unwrap();
        db.migrate(&clock).await.unwrap();
        let before = schema(&db).await;
        let mut tx = db.begin().await.unwrap();
        let defs = drop_indexes(&mut tx, crate::backup::TABLES).await.unwrap();
        assert!(
            defs.iter().any(|d| d.name == "person_agency_sort"),
            "{defs:?}"
        );
        assert!(defs.iter().all(|d| d.name != "sqlite_autoindex_person_1"));
        let first = next_id(&mut tx, "governing_body").await.unwrap();
        assert_eq!(first, 1);
        let mut ins = Inserter::new(
            "governing_body",
            &["id", "code", "name", "short_name", "province", "created_at"],
        );
        let now = clock.now();
        for i in 0..1_234_i64 {
            ins.push(
                &mut tx,
                [
                    (first + i).into(),
                    format!("GB{i}").into(),
                    "Ủy ban".into(),
                    Val::from(Some("UB")),
                    "Bắc Giang".into(),
                    now.into(),
                ],
            )
            .await
            .unwrap();
        }
        assert_eq!(ins.finish(&mut tx).await.unwrap(), 1_234);
        assert_eq!(count(&mut tx, "governing_body", &[]).await.unwrap(), 1_234);
        let code = Val::from("GB1000");
        assert_eq!(
            lookup(&mut tx, "governing_body", &[("code", &code)])
                .await
                .unwrap(),
            Some(1_001)
        );
        assert_eq!(next_id(&mut tx, "governing_body").await.unwrap(), 1_235);
        create_indexes(&mut tx, &defs).await.unwrap();
        finish_ids(&mut tx, &["governing_body"]).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(schema(&db).await, before);
    }

    #[test]
    fn a_batch_stays_within_the_parameter_limits() {
        let cols: &'static [&'static str] = &["a"; 40];
        let i = Inserter::new("t", cols);
        assert!(i.rows_per_statement * cols.len() <= MAX_PARAMS);
        assert_eq!(Inserter::new("t", &["a", "b"]).rows_per_statement, MAX_ROWS);
    }
}
