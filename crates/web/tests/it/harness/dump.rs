//! Reading whole tables back in a form that compares across engines: every value as a tagged
//! string ("i:42", "t:<unix nanos>", "s:text", …), rows sorted. Used for the digest of business
//! data (the authorization walk, CSRF) and for the row-by-row comparison after backup/restore.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Column, Row, TypeInfo, ValueRef};
use tdkt_store::Db;
use tdkt_store::backup::TABLES;

/// Tables that are not business data: refused requests may write to them (sessions are touched,
/// failed logins counted, refusals logged).
pub const NOT_BUSINESS: &[&str] = &["audit_log", "audit_head", "session", "login_failure"];

pub type Row_ = Vec<String>;

/// PostgreSQL's name for each column's type, per table (`bigint`, `date`, …).
pub type PgTypes = HashMap<String, HashMap<String, String>>;

/// The column types of a PostgreSQL database, to read an SQLite copy of it the same way.
pub async fn pg_types(db: &Db) -> Option<PgTypes> {
    let Db::Postgres(pool) = db else { return None };
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .expect("read column types");
    let mut map: PgTypes = HashMap::new();
    for (t, c, ty) in rows {
        map.entry(t).or_default().insert(c, ty);
    }
    Some(map)
}

fn ts(t: time::OffsetDateTime) -> String {
    format!("t:{}", t.unix_timestamp_nanos())
}

fn sqlite_value(row: &sqlx::sqlite::SqliteRow, i: usize, pg_type: Option<&str>) -> String {
    let raw = row.try_get_raw(i).unwrap();
    if raw.is_null() {
        return "null".into();
    }
    let class = raw.type_info().name().to_owned();
    match pg_type {
        Some("date") => format!("d:{}", row.get::<time::Date, _>(i)),
        Some("timestamp with time zone") => ts(row.get(i)),
        Some("boolean") => format!("i:{}", i64::from(row.get::<bool, _>(i))),
        Some("bigint" | "integer" | "smallint") => format!("i:{}", row.get::<i64, _>(i)),
        Some("double precision" | "real") => format!("f:{}", row.get::<f64, _>(i)),
        Some("bytea") => format!("b:{}", hex::encode(row.get::<Vec<u8>, _>(i))),
        Some(_) => format!("s:{}", row.get::<String, _>(i)),
        None => match class.as_str() {
            "INTEGER" => format!("i:{}", row.get::<i64, _>(i)),
            "REAL" => format!("f:{}", row.get::<f64, _>(i)),
            "BLOB" => format!("b:{}", hex::encode(row.get::<Vec<u8>, _>(i))),
            _ => format!("s:{}", row.get::<String, _>(i)),
        },
    }
}

fn pg_value(row: &sqlx::postgres::PgRow, i: usize) -> String {
    if row.try_get_raw(i).unwrap().is_null() {
        return "null".into();
    }
    match row.column(i).type_info().name() {
        "INT8" => format!("i:{}", row.get::<i64, _>(i)),
        "INT4" => format!("i:{}", row.get::<i32, _>(i)),
        "INT2" => format!("i:{}", row.get::<i16, _>(i)),
        "BOOL" => format!("i:{}", i64::from(row.get::<bool, _>(i))),
        "FLOAT8" => format!("f:{}", row.get::<f64, _>(i)),
        "DATE" => format!("d:{}", row.get::<time::Date, _>(i)),
        "TIMESTAMPTZ" => ts(row.get(i)),
        "BYTEA" => format!("b:{}", hex::encode(row.get::<Vec<u8>, _>(i))),
        _ => format!("s:{}", row.get::<String, _>(i)),
    }
}

/// Every row of a table, with column names, sorted. `types` reads an SQLite database as if its
/// columns had those PostgreSQL types (for comparing a PostgreSQL source with its SQLite copy).
pub async fn dump_table(db: &Db, table: &str, types: Option<&PgTypes>) -> (Vec<String>, Vec<Row_>) {
    let sql = format!("SELECT * FROM {table}");
    let mut cols = Vec::new();
    let mut rows: Vec<Row_> = match db {
        Db::Sqlite { read, .. } => {
            let rs = sqlx::query(AssertSqlSafe(sql))
                .fetch_all(read)
                .await
                .unwrap();
            let t = types.and_then(|t| t.get(table));
            rs.iter()
                .map(|r| {
                    cols = r.columns().iter().map(|c| c.name().to_owned()).collect();
                    (0..r.columns().len())
                        .map(|i| {
                            let ty = t
                                .and_then(|t| t.get(r.column(i).name()))
                                .map(String::as_str);
                            sqlite_value(r, i, ty)
                        })
                        .collect()
                })
                .collect()
        }
        Db::Postgres(pool) => {
            let rs = sqlx::query(AssertSqlSafe(sql))
                .fetch_all(pool)
                .await
                .unwrap();
            rs.iter()
                .map(|r| {
                    cols = r.columns().iter().map(|c| c.name().to_owned()).collect();
                    (0..r.columns().len()).map(|i| pg_value(r, i)).collect()
                })
                .collect()
        }
    };
    rows.sort();
    (cols, rows)
}

/// A fingerprint of all business data.
pub async fn business_digest(db: &Db) -> String {
    let mut h = Sha256::new();
    for t in TABLES.iter().filter(|t| !NOT_BUSINESS.contains(t)) {
        let (_, rows) = dump_table(db, t, None).await;
        h.update(t.as_bytes());
        for r in rows {
            for v in r {
                h.update((v.len() as u64).to_be_bytes());
                h.update(v.as_bytes());
            }
        }
    }
    hex::encode(h.finalize())
}

/// The row count of a table.
pub async fn count(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    tdkt_store::on_db!(db, |c| sqlx::query_scalar::<_, i64>(AssertSqlSafe(
        sql.clone()
    ))
    .fetch_one(c)
    .await)
    .unwrap()
}

/// Runs a statement with one timestamp parameter (`$1`) for its effect: test set-up such as
/// ageing a session.
pub async fn exec_at(db: &Db, sql: &str, at: time::OffsetDateTime) {
    let mut tx = db.begin().await.unwrap();
    tdkt_store::exec_tx!(&mut tx, |c| sqlx::query(AssertSqlSafe(sql.to_owned()))
        .bind(at)
        .execute(c)
        .await)
    .unwrap();
    tx.commit().await.unwrap();
}
