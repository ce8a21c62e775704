//! Backup and restore: a backup is always one SQLite file in tdkt's schema, whichever backend is
//! in use, and a restore loads such a file into an empty database of either backend — the way to
//! move from the embedded database to PostgreSQL.
//!
//! From SQLite, a backup is `VACUUM INTO` (online and consistent). From PostgreSQL, the rows are
//! copied table by table inside one repeatable-read snapshot into a fresh, migrated SQLite file.
//! Values cross engines through [`Value`], typed by the PostgreSQL column types.

use std::collections::HashMap;
use std::path::Path;

use futures_util::TryStreamExt;
use sqlx::{Column, Connection, Row, TypeInfo, ValueRef};
use time::{Date, OffsetDateTime};

use crate::error::{StoreError, StoreResult};
use crate::{Clock, Db, DbConfig, Tx, exec_tx};

/// Every table of the schema, parents before children (the copy order).
pub const TABLES: &[&str] = &[
    "governing_body",
    "cluster",
    "agency",
    "cluster_head",
    "unit",
    "unit_name",
    "agency_name",
    "org_event",
    "person",
    "person_unit",
    "app_user",
    "user_role",
    "session",
    "login_failure",
    "api_token",
    "audit_log",
    "audit_head",
    "file_blob",
    "job",
    "counter",
    "setting",
    "holiday",
    "person_rating",
    "unit_rating",
    "initiative",
    "title",
    "award",
    "discipline",
    "absence",
    "pending_case",
    "plan",
    "plan_deadline",
    "plan_phase",
    "movement",
    "registration",
    "target",
    "registration_version",
    "progress",
    "progress_file",
    "report",
    "report_version",
    "notification",
    "email_log",
    "calendar_token",
    "achievement_text",
    "reminder_pass",
];

/// Columns that point to rows of their own table: copied as NULL first, then set, so that the
/// order of rows never trips a foreign key.
const SELF_REFS: &[(&str, &str)] = &[
    ("agency", "successor_id"),
    ("unit", "parent_id"),
    ("unit", "merged_into_id"),
];

/// One value on its way between engines.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    I64(i64),
    F64(f64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
    Date(Date),
    Ts(OffsetDateTime),
}

/// Column types as PostgreSQL names them (`bigint`, `date`, …), per table.
type ColumnTypes = HashMap<String, Vec<(String, String)>>;

async fn pg_column_types(pool: &sqlx::PgPool) -> StoreResult<ColumnTypes> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await?;
    let mut map: ColumnTypes = HashMap::new();
    for (t, c, ty) in rows {
        map.entry(t).or_default().push((c, ty));
    }
    Ok(map)
}

fn decode_sqlite(
    row: &sqlx::sqlite::SqliteRow,
    i: usize,
    pg_type: Option<&str>,
) -> StoreResult<Value> {
    if row.try_get_raw(i)?.is_null() {
        return Ok(Value::Null);
    }
    Ok(match pg_type {
        Some("date") => Value::Date(row.try_get(i)?),
        Some("timestamp with time zone") => Value::Ts(row.try_get(i)?),
        Some("boolean") => Value::Bool(row.try_get(i)?),
        Some("bigint" | "integer" | "smallint") => Value::I64(row.try_get(i)?),
        Some("double precision" | "real") => Value::F64(row.try_get(i)?),
        Some("bytea") => Value::Bytes(row.try_get(i)?),
        Some(_) => Value::Text(row.try_get(i)?),
        // SQLite to SQLite: keep the storage class.
        None => {
            let raw = row.try_get_raw(i)?;
            match raw.type_info().name() {
                "INTEGER" => Value::I64(row.try_get(i)?),
                "REAL" => Value::F64(row.try_get(i)?),
                "BLOB" => Value::Bytes(row.try_get(i)?),
                _ => Value::Text(row.try_get(i)?),
            }
        }
    })
}

fn decode_pg(row: &sqlx::postgres::PgRow, i: usize) -> StoreResult<Value> {
    if row.try_get_raw(i)?.is_null() {
        return Ok(Value::Null);
    }
    let ty = row.column(i).type_info().name().to_owned();
    Ok(match ty.as_str() {
        "INT8" => Value::I64(row.try_get(i)?),
        "INT4" => Value::I64(i64::from(row.try_get::<i32, _>(i)?)),
        "FLOAT8" => Value::F64(row.try_get(i)?),
        "BOOL" => Value::Bool(row.try_get(i)?),
        "DATE" => Value::Date(row.try_get(i)?),
        "TIMESTAMPTZ" => Value::Ts(row.try_get(i)?),
        "BYTEA" => Value::Bytes(row.try_get(i)?),
        _ => Value::Text(row.try_get(i)?),
    })
}

macro_rules! bind_values {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for v in $vals.iter() {
            q = match v {
                Value::Null => q.bind(None::<i64>),
                Value::I64(x) => q.bind(*x),
                Value::F64(x) => q.bind(*x),
                Value::Text(x) => q.bind(x.clone()),
                Value::Bytes(x) => q.bind(x.clone()),
                Value::Bool(x) => q.bind(*x),
                Value::Date(x) => q.bind(*x),
                Value::Ts(x) => q.bind(*x),
            };
        }
        q
    }};
}

async fn insert_row(tx: &mut Tx, table: &str, cols: &[String], vals: &[Value]) -> StoreResult<()> {
    if table == "audit_head" {
        // The migration created the row: take the source's head (a backup made before migration
        // 0005 has no count of changes: it starts again from 0).
        let sql = "UPDATE audit_head SET seq = $1, last_hash = $2, changes = $3 WHERE id = 1";
        let col = |name: &str, default: Value| {
            cols.iter()
                .position(|c| c == name)
                .and_then(|i| vals.get(i).cloned())
                .unwrap_or(default)
        };
        let vals = [
            col("seq", Value::Null),
            col("last_hash", Value::Null),
            col("changes", Value::I64(0)),
        ];
        exec_tx!(tx, |c| bind_values!(sqlx::query(sql), vals)
            .execute(c)
            .await)?;
        return Ok(());
    }
    // A NULL is written as the literal: bound, it would carry a type (PostgreSQL refuses a
    // BIGINT NULL in a DATE column).
    let mut placeholders = Vec::with_capacity(cols.len());
    let mut bound = Vec::with_capacity(vals.len());
    for v in vals {
        if *v == Value::Null {
            placeholders.push("NULL".to_owned());
        } else {
            bound.push(v.clone());
            placeholders.push(format!("${}", bound.len()));
        }
    }
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        placeholders.join(", ")
    );
    exec_tx!(tx, |c| bind_values!(
        sqlx::query(sqlx::AssertSqlSafe(sql.clone())),
        bound
    )
    .execute(c)
    .await)?;
    Ok(())
}

/// Copies every table from `src` into the open transaction on the target.
async fn copy_all(src: &Db, tx: &mut Tx, types: Option<&ColumnTypes>) -> StoreResult<u64> {
    let mut rows_copied = 0;
    // The source is read in one snapshot: a repeatable-read transaction on PostgreSQL, a read
    // transaction on SQLite (WAL readers see one consistent state). The connection is taken out
    // of its pool, so that it never goes back to it with the snapshot still open, whatever
    // happens below.
    let mut src_tx: SrcTx = match src {
        Db::Sqlite { read, .. } => {
            let mut c = read.acquire().await?.detach();
            sqlx::query("BEGIN").execute(&mut c).await?;
            SrcTx::Sqlite(c)
        }
        Db::Postgres(p) => {
            let mut c = p.acquire().await?.detach();
            sqlx::query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut c)
                .await?;
            SrcTx::Postgres(c)
        }
    };
    let mut late: Vec<(String, String, i64, Value)> = Vec::new();
    for table in TABLES {
        let self_refs: Vec<&str> = SELF_REFS
            .iter()
            .filter(|(t, _)| t == table)
            .map(|(_, c)| *c)
            .collect();
        let sql = format!("SELECT * FROM {table}");
        match &mut src_tx {
            SrcTx::Sqlite(c) => {
                let mut stream = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *c);
                while let Some(row) = stream.try_next().await? {
                    let cols: Vec<String> =
                        row.columns().iter().map(|c| c.name().to_owned()).collect();
                    let col_types = types.and_then(|t| t.get(*table));
                    let mut vals = Vec::with_capacity(cols.len());
                    for (i, name) in cols.iter().enumerate() {
                        let ty = col_types.and_then(|ct| {
                            ct.iter().find(|(c, _)| c == name).map(|(_, t)| t.as_str())
                        });
                        vals.push(decode_sqlite(&row, i, ty)?);
                    }
                    defer_self_refs(table, &cols, &mut vals, &self_refs, &mut late);
                    insert_row(tx, table, &cols, &vals).await?;
                    rows_copied += 1;
                }
            }
            SrcTx::Postgres(c) => {
                let mut stream = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *c);
                while let Some(row) = stream.try_next().await? {
                    let cols: Vec<String> =
                        row.columns().iter().map(|c| c.name().to_owned()).collect();
                    let mut vals = Vec::with_capacity(cols.len());
                    for i in 0..cols.len() {
                        vals.push(decode_pg(&row, i)?);
                    }
                    defer_self_refs(table, &cols, &mut vals, &self_refs, &mut late);
                    insert_row(tx, table, &cols, &vals).await?;
                    rows_copied += 1;
                }
            }
        }
    }
    match src_tx {
        SrcTx::Sqlite(c) => c.close().await?,
        SrcTx::Postgres(c) => c.close().await?,
    }
    for (table, col, id, v) in late {
        let sql = format!("UPDATE {table} SET {col} = $1 WHERE id = $2");
        let vals = [v, Value::I64(id)];
        exec_tx!(tx, |c| bind_values!(
            sqlx::query(sqlx::AssertSqlSafe(sql.clone())),
            vals
        )
        .execute(c)
        .await)?;
    }
    Ok(rows_copied)
}

enum SrcTx {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

fn defer_self_refs(
    table: &str,
    cols: &[String],
    vals: &mut [Value],
    self_refs: &[&str],
    late: &mut Vec<(String, String, i64, Value)>,
) {
    if self_refs.is_empty() {
        return;
    }
    let Some(Value::I64(id)) = cols.iter().position(|c| c == "id").map(|i| vals[i].clone()) else {
        return;
    };
    for (i, c) in cols.iter().enumerate() {
        if self_refs.contains(&c.as_str()) && vals[i] != Value::Null {
            late.push((
                table.to_owned(),
                c.clone(),
                id,
                std::mem::replace(&mut vals[i], Value::Null),
            ));
        }
    }
}

/// Is every business table empty? (The target of a restore must be, unless forced.)
pub async fn is_empty(db: &Db) -> StoreResult<bool> {
    for t in TABLES.iter().filter(|t| **t != "audit_head") {
        if !db.table_exists(t).await? {
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 = crate::on_db!(db, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .fetch_one(c)
            .await)?;
        if n > 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Deletes every row of every table (the schema stays), children first.
async fn wipe_in(tx: &mut Tx) -> StoreResult<()> {
    for t in TABLES.iter().rev() {
        if *t == "audit_head" {
            exec_tx!(tx, |c| sqlx::query(
                "UPDATE audit_head SET seq = 0, last_hash = '', changes = 0"
            )
            .execute(c)
            .await)?;
            continue;
        }
        if *t == "unit" || *t == "agency" {
            let cols = SELF_REFS
                .iter()
                .filter(|(tt, _)| tt == t)
                .map(|(_, c)| format!("{c} = NULL"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("UPDATE {t} SET {cols}");
            exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .execute(c)
                .await)?;
        }
        let sql = format!("DELETE FROM {t}");
        exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// Empties the database (used by `tdkt demo --reset` on PostgreSQL).
pub async fn wipe(db: &Db) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    wipe_in(&mut tx).await?;
    tx.commit().await
}

/// Writes a consistent copy of the database to `dest` as an SQLite file (replacing it).
pub async fn backup(db: &Db, clock: &Clock, dest: &Path) -> StoreResult<u64> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile::Builder::new()
        .prefix(".tdkt-backup-")
        .suffix(".db")
        .tempfile_in(dir)?;
    let tmp_path = tmp.path().to_owned();
    drop(tmp);
    std::fs::remove_file(&tmp_path).ok();
    let size = match db {
        Db::Sqlite { read, .. } => {
            sqlx::query("VACUUM INTO $1")
                .bind(tmp_path.to_string_lossy().into_owned())
                .execute(read)
                .await?;
            0
        }
        Db::Postgres(pool) => {
            let types = pg_column_types(pool).await?;
            let target = Db::connect(&DbConfig::Sqlite(tmp_path.clone())).await?;
            target.migrate(clock).await?;
            let mut tx = target.begin().await?;
            let n = copy_all(db, &mut tx, Some(&types)).await?;
            tx.commit().await?;
            if let Db::Sqlite { write, read, .. } = &target {
                // Leaving WAL mode needs the only connection to the file: close the readers.
                read.close().await;
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(write)
                    .await?;
                sqlx::query("PRAGMA journal_mode = DELETE")
                    .execute(write)
                    .await?;
            }
            target.close().await;
            n
        }
    };
    for ext in ["-wal", "-shm"] {
        std::fs::remove_file(format!("{}{ext}", tmp_path.display())).ok();
    }
    std::fs::rename(&tmp_path, dest)?;
    Ok(size)
}

/// Loads a backup file into `db` (migrated first). Refused when `db` holds data, unless `force`,
/// which empties it first. Returns the number of rows copied.
pub async fn restore(db: &Db, clock: &Clock, file: &Path, force: bool) -> StoreResult<u64> {
    if !file.is_file() {
        return Err(StoreError::Other(format!(
            "không đọc được tệp sao lưu {}",
            file.display()
        )));
    }
    // Work on a copy so that the backup itself is never changed, and bring it to this version.
    let tmp = tempfile::tempdir()?;
    let copy = tmp.path().join("restore.db");
    std::fs::copy(file, &copy)?;
    let src = Db::connect(&DbConfig::Sqlite(copy)).await?;
    let src_version = src.schema_version().await?;
    if src_version == 0 {
        return Err(StoreError::Other("tệp không phải bản sao lưu tdkt".into()));
    }
    if src_version > crate::MIGRATIONS.len() as i64 {
        return Err(StoreError::Other(format!(
            "bản sao lưu thuộc phiên bản lược đồ {src_version}, mới hơn chương trình này ({})",
            crate::MIGRATIONS.len()
        )));
    }
    src.migrate(clock).await?;
    db.migrate(clock).await?;
    if !is_empty(db).await? && !force {
        return Err(StoreError::Other(
            "cơ sở dữ liệu đích đã có dữ liệu (dùng --force để ghi đè)".into(),
        ));
    }
    let types = match db {
        Db::Postgres(pool) => Some(pg_column_types(pool).await?),
        Db::Sqlite { .. } => None,
    };
    let mut tx = db.begin().await?;
    if force {
        for t in TABLES.iter().rev().filter(|t| **t != "audit_head") {
            if *t == "unit" || *t == "agency" {
                let cols = SELF_REFS
                    .iter()
                    .filter(|(tt, _)| tt == t)
                    .map(|(_, c)| format!("{c} = NULL"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!("UPDATE {t} SET {cols}");
                exec_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .execute(c)
                    .await)?;
            }
            let sql = format!("DELETE FROM {t}");
            exec_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .execute(c)
                .await)?;
        }
    }
    let n = copy_all(&src, &mut tx, types.as_ref()).await?;
    if let Tx::Postgres(t) = &mut tx {
        // Identity columns continue after the restored ids.
        for table in TABLES {
            let has_id: bool = sqlx::query_scalar(
                "SELECT COUNT(*) > 0 FROM information_schema.columns WHERE table_schema = current_schema()
                 AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES'",
            )
            .bind(*table)
            .fetch_one(&mut **t)
            .await?;
            if has_id {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **t)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    src.close().await;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_of_the_schema_is_copied() {
        let mut in_schema: Vec<String> = crate::MIGRATIONS
            .iter()
            .flat_map(|m| m.sqlite.lines())
            .filter_map(|l| l.trim().strip_prefix("CREATE TABLE "))
            .map(|l| l.split_whitespace().next().unwrap_or("").to_owned())
            .collect();
        in_schema.sort();
        let mut listed: Vec<String> = TABLES.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(in_schema, listed);
    }
}
