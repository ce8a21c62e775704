//! The records the rule engine reads: annual ratings, titles, awards, initiatives, discipline,
//! absences and pending cases. Codes are those of spec/rules-evaluate.md.

use serde::Serialize;
use serde_json::json;
use time::Date;

use crate::audit::{self, Change, Ctx};
use crate::error::StoreResult;
use crate::{Db, Tx, exec_tx, on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Rating {
    pub person_id: i64,
    pub year: i64,
    pub rating: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Title {
    pub id: i64,
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub year: i64,
    pub code: String,
    pub ground: Option<String>,
    pub initiative_id: Option<i64>,
    pub decision_no: Option<String>,
    pub decided_on: Option<Date>,
    pub issuer: Option<String>,
    pub revoked_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Award {
    pub id: i64,
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub code: String,
    pub kind: String,
    pub decided_on: Date,
    pub period_from_year: Option<i64>,
    pub period_to_year: Option<i64>,
    pub decision_no: Option<String>,
    pub issuer: Option<String>,
    pub reason: Option<String>,
    pub revoked_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Initiative {
    pub id: i64,
    pub code: String,
    pub person_id: i64,
    pub year: i64,
    pub kind: String,
    pub scope: String,
    pub title: String,
    pub recognition_ref: Option<String>,
    pub recognized_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Discipline {
    pub id: i64,
    pub person_id: i64,
    pub level: String,
    pub effective_on: Date,
    pub until_on: Option<Date>,
    pub decision_no: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Absence {
    pub id: i64,
    pub person_id: i64,
    pub from_date: Date,
    pub to_date: Date,
    pub kind: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PendingCase {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    pub opened_on: Date,
    pub closed_on: Option<Date>,
    pub note: Option<String>,
}

/// Everything the rule engine needs about one person.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PersonRecords {
    pub ratings: Vec<Rating>,
    pub titles: Vec<Title>,
    pub awards: Vec<Award>,
    pub initiatives: Vec<Initiative>,
    pub discipline: Vec<Discipline>,
    pub absences: Vec<Absence>,
    pub pending: Vec<PendingCase>,
}

/// Whether a write is audited: records entered by people are; generated demo history is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audit {
    Yes,
    No,
}

async fn audited(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    entity: &str,
    id: String,
    agency_id: Option<i64>,
    after: serde_json::Value,
) -> StoreResult<()> {
    if audit == Audit::No {
        return Ok(());
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity,
            entity_id: Some(id),
            agency_id,
            after: Some(after),
            ..Default::default()
        },
    )
    .await
}

/// Sets a person's rating for a year (replacing an earlier entry, which the audit log keeps).
pub async fn set_rating(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    person_id: i64,
    year: i32,
    rating: &str,
    unit_id: Option<i64>,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO person_rating (person_id, year, rating, unit_id, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (person_id, year) DO UPDATE SET rating = excluded.rating, unit_id = excluded.unit_id",
        )
        .bind(person_id)
        .bind(i64::from(year))
        .bind(rating)
        .bind(unit_id)
        .bind(ctx.clock.now())
        .execute(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "person_rating",
        format!("{person_id}:{year}"),
        None,
        json!({ "rating": rating }),
    )
    .await
}

pub async fn set_unit_rating(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    unit_id: i64,
    year: i32,
    rating: &str,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO unit_rating (unit_id, year, rating, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (unit_id, year) DO UPDATE SET rating = excluded.rating",
        )
        .bind(unit_id)
        .bind(i64::from(year))
        .bind(rating)
        .bind(ctx.clock.now())
        .execute(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "unit_rating",
        format!("{unit_id}:{year}"),
        None,
        json!({ "rating": rating }),
    )
    .await
}

/// A new initiative (sáng kiến) or accepted S&T task.
#[derive(Debug, Clone)]
pub struct NewInitiative<'a> {
    pub code: &'a str,
    pub person_id: i64,
    pub year: i32,
    pub kind: &'a str,
    pub scope: &'a str,
    pub title: &'a str,
    pub recognition_ref: Option<&'a str>,
    pub recognized_on: Option<Date>,
}

pub async fn add_initiative(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    i: &NewInitiative<'_>,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO initiative (code, person_id, year, kind, scope, title, recognition_ref, recognized_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(i.code)
        .bind(i.person_id)
        .bind(i64::from(i.year))
        .bind(i.kind)
        .bind(i.scope)
        .bind(i.title)
        .bind(i.recognition_ref)
        .bind(i.recognized_on)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "initiative",
        id.to_string(),
        None,
        json!({ "code": i.code, "title": i.title, "scope": i.scope }),
    )
    .await?;
    Ok(id)
}

/// A title conferred on a person or a unit.
#[derive(Debug, Clone, Default)]
pub struct NewTitle<'a> {
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub year: i32,
    pub code: &'a str,
    pub ground: Option<&'a str>,
    pub initiative_id: Option<i64>,
    pub decision_no: Option<&'a str>,
    pub decided_on: Option<Date>,
    pub issuer: Option<&'a str>,
}

pub async fn add_title(tx: &mut Tx, ctx: &Ctx, audit: Audit, t: &NewTitle<'_>) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO title (person_id, unit_id, year, code, ground, initiative_id, decision_no, decided_on, issuer, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(t.person_id)
        .bind(t.unit_id)
        .bind(i64::from(t.year))
        .bind(t.code)
        .bind(t.ground)
        .bind(t.initiative_id)
        .bind(t.decision_no)
        .bind(t.decided_on)
        .bind(t.issuer)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "title",
        id.to_string(),
        None,
        json!({ "code": t.code, "year": t.year, "person_id": t.person_id, "unit_id": t.unit_id }),
    )
    .await?;
    Ok(id)
}

/// A form of commendation received.
#[derive(Debug, Clone, Default)]
pub struct NewAward<'a> {
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub code: &'a str,
    pub kind: &'a str,
    pub decided_on: Option<Date>,
    pub period_from_year: Option<i32>,
    pub period_to_year: Option<i32>,
    pub decision_no: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub reason: Option<&'a str>,
}

pub async fn add_award(tx: &mut Tx, ctx: &Ctx, audit: Audit, a: &NewAward<'_>) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO award (person_id, unit_id, code, kind, decided_on, period_from_year, period_to_year, decision_no, issuer,
                reason, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(a.person_id)
        .bind(a.unit_id)
        .bind(a.code)
        .bind(a.kind)
        .bind(a.decided_on)
        .bind(a.period_from_year.map(i64::from))
        .bind(a.period_to_year.map(i64::from))
        .bind(a.decision_no)
        .bind(a.issuer)
        .bind(a.reason)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "award",
        id.to_string(),
        None,
        json!({ "code": a.code, "kind": a.kind, "person_id": a.person_id }),
    )
    .await?;
    Ok(id)
}

pub async fn add_discipline(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    person_id: i64,
    level: &str,
    effective_on: Date,
    until_on: Option<Date>,
    note: Option<&str>,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO discipline (person_id, level, effective_on, until_on, note, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person_id)
        .bind(level)
        .bind(effective_on)
        .bind(until_on)
        .bind(note)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "discipline",
        id.to_string(),
        None,
        json!({ "person_id": person_id, "level": level }),
    )
    .await?;
    Ok(id)
}

pub async fn add_absence(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    person_id: i64,
    from: Date,
    to: Date,
    kind: &str,
    note: Option<&str>,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO absence (person_id, from_date, to_date, kind, note, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person_id)
        .bind(from)
        .bind(to)
        .bind(kind)
        .bind(note)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "absence",
        id.to_string(),
        None,
        json!({ "person_id": person_id, "kind": kind }),
    )
    .await?;
    Ok(id)
}

pub async fn add_pending(
    tx: &mut Tx,
    ctx: &Ctx,
    audit: Audit,
    person_id: i64,
    kind: &str,
    opened_on: Date,
    note: Option<&str>,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar("INSERT INTO pending_case (person_id, kind, opened_on, note, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(person_id)
            .bind(kind)
            .bind(opened_on)
            .bind(note)
            .bind(ctx.clock.now())
            .fetch_one(c)
            .await
    })?;
    audited(
        tx,
        ctx,
        audit,
        "pending_case",
        id.to_string(),
        None,
        json!({ "person_id": person_id, "kind": kind }),
    )
    .await?;
    Ok(id)
}

/// Everything recorded about a person, oldest first.
pub async fn person_records(db: &Db, person_id: i64) -> StoreResult<PersonRecords> {
    let ratings = on_db!(db, |c| {
        sqlx::query_as("SELECT person_id, year, rating, note FROM person_rating WHERE person_id = $1 ORDER BY year")
            .bind(person_id)
            .fetch_all(c)
            .await
    })?;
    let titles = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, unit_id, year, code, ground, initiative_id, decision_no, decided_on, issuer, revoked_on
             FROM title WHERE person_id = $1 ORDER BY year, id",
        )
        .bind(person_id)
        .fetch_all(c)
        .await
    })?;
    let awards = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, unit_id, code, kind, decided_on, period_from_year, period_to_year, decision_no, issuer, reason,
                    revoked_on FROM award WHERE person_id = $1 ORDER BY decided_on, id",
        )
        .bind(person_id)
        .fetch_all(c)
        .await
    })?;
    let initiatives = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, code, person_id, year, kind, scope, title, recognition_ref, recognized_on FROM initiative
             WHERE person_id = $1 ORDER BY year, id",
        )
        .bind(person_id)
        .fetch_all(c)
        .await
    })?;
    let discipline = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, level, effective_on, until_on, decision_no, note FROM discipline WHERE person_id = $1 ORDER BY effective_on",
        )
        .bind(person_id)
        .fetch_all(c)
        .await
    })?;
    let absences = on_db!(db, |c| {
        sqlx::query_as("SELECT id, person_id, from_date, to_date, kind, note FROM absence WHERE person_id = $1 ORDER BY from_date")
            .bind(person_id)
            .fetch_all(c)
            .await
    })?;
    let pending = on_db!(db, |c| {
        sqlx::query_as("SELECT id, person_id, kind, opened_on, closed_on, note FROM pending_case WHERE person_id = $1 ORDER BY opened_on")
            .bind(person_id)
            .fetch_all(c)
            .await
    })?;
    Ok(PersonRecords {
        ratings,
        titles,
        awards,
        initiatives,
        discipline,
        absences,
        pending,
    })
}

/// Active people in reach with no rating for a year.
pub async fn count_unrated(
    db: &Db,
    scope: &tdkt_domain::policy::Scope,
    year: i32,
) -> StoreResult<i64> {
    use crate::sql::{Arg, Sql, fetch_scalar_sql};
    let mut sql = Sql::new(
        "SELECT COUNT(*) FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.active = TRUE",
    );
    sql.scope(scope, "p.agency_id", "u.path", Some("p.id"));
    let y = sql.arg(Arg::I64(i64::from(year)));
    sql.push(&format!(
        " AND NOT EXISTS (SELECT 1 FROM person_rating r WHERE r.person_id = p.id AND r.year = {y})"
    ));
    Ok(fetch_scalar_sql!(db, sql, i64)?)
}

/// A rating of a unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UnitRating {
    pub unit_id: i64,
    pub year: i64,
    pub rating: String,
}

/// A unit's ratings, titles and awards, oldest first.
pub async fn unit_records(
    db: &Db,
    unit_id: i64,
) -> StoreResult<(Vec<UnitRating>, Vec<Title>, Vec<Award>)> {
    let ratings = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT unit_id, year, rating FROM unit_rating WHERE unit_id = $1 ORDER BY year",
        )
        .bind(unit_id)
        .fetch_all(c)
        .await
    })?;
    let titles = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, unit_id, year, code, ground, initiative_id, decision_no, decided_on, issuer, revoked_on
             FROM title WHERE unit_id = $1 ORDER BY year, id",
        )
        .bind(unit_id)
        .fetch_all(c)
        .await
    })?;
    let awards = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, unit_id, code, kind, decided_on, period_from_year, period_to_year, decision_no, issuer, reason,
                    revoked_on FROM award WHERE unit_id = $1 ORDER BY decided_on, id",
        )
        .bind(unit_id)
        .fetch_all(c)
        .await
    })?;
    Ok((ratings, titles, awards))
}

/// Which kind of record a row is, for deletions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Title,
    Award,
    Initiative,
    Discipline,
    Absence,
    Pending,
}

impl RecordKind {
    pub fn parse(s: &str) -> Option<RecordKind> {
        Some(match s {
            "danh-hieu" => RecordKind::Title,
            "khen-thuong" => RecordKind::Award,
            "sang-kien" => RecordKind::Initiative,
            "ky-luat" => RecordKind::Discipline,
            "nghi" => RecordKind::Absence,
            "vu-viec" => RecordKind::Pending,
            _ => return None,
        })
    }

    fn table(self) -> &'static str {
        match self {
            RecordKind::Title => "title",
            RecordKind::Award => "award",
            RecordKind::Initiative => "initiative",
            RecordKind::Discipline => "discipline",
            RecordKind::Absence => "absence",
            RecordKind::Pending => "pending_case",
        }
    }
}

/// Whom a record is about: (person, unit) — one of them is set.
pub async fn record_owner(
    db: &Db,
    kind: RecordKind,
    id: i64,
) -> StoreResult<(Option<i64>, Option<i64>)> {
    let sql = match kind {
        RecordKind::Title | RecordKind::Award => format!(
            "SELECT person_id, unit_id FROM {} WHERE id = $1",
            kind.table()
        ),
        _ => format!(
            "SELECT person_id, CAST(NULL AS BIGINT) AS unit_id FROM {} WHERE id = $1",
            kind.table()
        ),
    };
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// Deletes a record entered by mistake; the audit log keeps what it was.
pub async fn delete_record(tx: &mut Tx, ctx: &Ctx, kind: RecordKind, id: i64) -> StoreResult<()> {
    if kind == RecordKind::Initiative {
        let used: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM title WHERE initiative_id = $1"
        )
        .bind(id)
        .fetch_one(c)
        .await)?;
        if used > 0 {
            return Err(crate::StoreError::invalid(
                "id",
                "Sáng kiến",
                "đã là căn cứ của một danh hiệu; không thể xoá",
            ));
        }
    }
    let table = kind.table();
    let sql = format!("SELECT * FROM {table} WHERE id = $1");
    let before = row_json(tx, &sql, id).await?;
    let del = format!("DELETE FROM {table} WHERE id = $1");
    let n = exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(del.clone()))
        .bind(id)
        .execute(c)
        .await)?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "delete",
            entity: table,
            entity_id: Some(id.to_string()),
            before: Some(before),
            ..Default::default()
        },
    )
    .await
}

/// Deletes a person's or a unit's rating of a year.
pub async fn delete_rating(
    tx: &mut Tx,
    ctx: &Ctx,
    person_id: Option<i64>,
    unit_id: Option<i64>,
    year: i32,
) -> StoreResult<()> {
    let (table, col, owner) = match (person_id, unit_id) {
        (Some(p), _) => ("person_rating", "person_id", p),
        (None, Some(u)) => ("unit_rating", "unit_id", u),
        _ => return Err(crate::StoreError::NotFound),
    };
    let sql = format!("DELETE FROM {table} WHERE {col} = $1 AND year = $2");
    let n = exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
        .bind(owner)
        .bind(i64::from(year))
        .execute(c)
        .await)?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "delete",
            entity: table,
            entity_id: Some(format!("{owner}:{year}")),
            ..Default::default()
        },
    )
    .await
}

/// Marks a pending case resolved on a date: the person is no longer deferred.
pub async fn close_pending(tx: &mut Tx, ctx: &Ctx, id: i64, on: Date) -> StoreResult<()> {
    let n = exec_tx!(tx, |c| {
        sqlx::query("UPDATE pending_case SET closed_on = $1 WHERE id = $2 AND closed_on IS NULL")
            .bind(on)
            .bind(id)
            .execute(c)
            .await
    })?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "close",
            entity: "pending_case",
            entity_id: Some(id.to_string()),
            after: Some(json!({ "closed_on": on })),
            ..Default::default()
        },
    )
    .await
}

/// A row as JSON (for the audit log's "before"), whatever its columns.
async fn row_json(tx: &mut Tx, sql: &str, id: i64) -> StoreResult<serde_json::Value> {
    use sqlx::{Column, Row, TypeInfo, ValueRef};
    fn cell<R: Row>(row: &R, i: usize) -> serde_json::Value
    where
        usize: sqlx::ColumnIndex<R>,
        for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
        for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
        for<'a> Date: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    {
        let Ok(raw) = row.try_get_raw(i) else {
            return serde_json::Value::Null;
        };
        if raw.is_null() {
            return serde_json::Value::Null;
        }
        let ty = raw.type_info().name().to_uppercase();
        drop(raw);
        if ty.contains("INT") {
            return row
                .try_get::<i64, _>(i)
                .map(serde_json::Value::from)
                .unwrap_or_default();
        }
        if ty == "DATE" {
            return row
                .try_get::<Date, _>(i)
                .map(|d| json!(d.to_string()))
                .unwrap_or_default();
        }
        row.try_get::<String, _>(i)
            .map(serde_json::Value::from)
            .unwrap_or_default()
    }
    let v = on_tx!(tx, |c| {
        let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .bind(id)
            .fetch_one(c)
            .await?;
        let mut m = serde_json::Map::new();
        for (i, col) in row.columns().iter().enumerate() {
            if col.name() != "created_at" {
                m.insert(col.name().to_owned(), cell(&row, i));
            }
        }
        Ok::<_, sqlx::Error>(serde_json::Value::Object(m))
    })?;
    Ok(v)
}

/// Everything the rule engine needs about the people of a set, in a few queries: `people` is
/// a subquery or list resolved by the caller into ids.
pub async fn records_of(
    db: &Db,
    person_ids: &[i64],
) -> StoreResult<std::collections::HashMap<i64, PersonRecords>> {
    use crate::sql::{Arg, Sql, fetch_all_sql};
    let mut map: std::collections::HashMap<i64, PersonRecords> = person_ids
        .iter()
        .map(|id| (*id, PersonRecords::default()))
        .collect();
    for chunk in person_ids.chunks(500) {
        let list = |sql: &mut Sql| {
            let ph: Vec<String> = chunk.iter().map(|id| sql.arg(Arg::I64(*id))).collect();
            ph.join(", ")
        };
        let mut q = Sql::new(
            "SELECT person_id, year, rating, note FROM person_rating WHERE person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, year");
        for r in fetch_all_sql!(db, q, Rating)? {
            map.entry(r.person_id).or_default().ratings.push(r);
        }
        let mut q = Sql::new(
            "SELECT id, person_id, unit_id, year, code, ground, initiative_id, decision_no, decided_on, issuer, revoked_on
             FROM title WHERE revoked_on IS NULL AND person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, year, id");
        for t in fetch_all_sql!(db, q, Title)? {
            if let Some(p) = t.person_id {
                map.entry(p).or_default().titles.push(t);
            }
        }
        let mut q = Sql::new(
            "SELECT id, person_id, unit_id, code, kind, decided_on, period_from_year, period_to_year, decision_no, issuer, reason,
                    revoked_on FROM award WHERE revoked_on IS NULL AND person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, decided_on, id");
        for a in fetch_all_sql!(db, q, Award)? {
            if let Some(p) = a.person_id {
                map.entry(p).or_default().awards.push(a);
            }
        }
        let mut q = Sql::new(
            "SELECT id, code, person_id, year, kind, scope, title, recognition_ref, recognized_on FROM initiative WHERE person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, year, id");
        for i in fetch_all_sql!(db, q, Initiative)? {
            map.entry(i.person_id).or_default().initiatives.push(i);
        }
        let mut q = Sql::new(
            "SELECT id, person_id, level, effective_on, until_on, decision_no, note FROM discipline WHERE person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, effective_on");
        for d in fetch_all_sql!(db, q, Discipline)? {
            map.entry(d.person_id).or_default().discipline.push(d);
        }
        let mut q = Sql::new(
            "SELECT id, person_id, from_date, to_date, kind, note FROM absence WHERE person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, from_date");
        for a in fetch_all_sql!(db, q, Absence)? {
            map.entry(a.person_id).or_default().absences.push(a);
        }
        let mut q = Sql::new(
            "SELECT id, person_id, kind, opened_on, closed_on, note FROM pending_case WHERE person_id IN (",
        );
        let ids = list(&mut q);
        q.push(&ids).push(") ORDER BY person_id, opened_on");
        for p in fetch_all_sql!(db, q, PendingCase)? {
            map.entry(p.person_id).or_default().pending.push(p);
        }
    }
    Ok(map)
}

/// The ratings of a set of units, by unit.
pub async fn unit_ratings_of(
    db: &Db,
    unit_ids: &[i64],
) -> StoreResult<std::collections::HashMap<i64, Vec<UnitRating>>> {
    use crate::sql::{Arg, Sql, fetch_all_sql};
    let mut map: std::collections::HashMap<i64, Vec<UnitRating>> = std::collections::HashMap::new();
    for chunk in unit_ids.chunks(500) {
        let mut q = Sql::new("SELECT unit_id, year, rating FROM unit_rating WHERE unit_id IN (");
        let ph: Vec<String> = chunk.iter().map(|id| q.arg(Arg::I64(*id))).collect();
        q.push(&ph.join(", ")).push(") ORDER BY unit_id, year");
        for r in fetch_all_sql!(db, q, UnitRating)? {
            map.entry(r.unit_id).or_default().push(r);
        }
    }
    Ok(map)
}

/// The saved texts of an achievement report (JSON), for a person or a unit and a year.
pub async fn achievement_text(
    db: &Db,
    person_id: Option<i64>,
    unit_id: Option<i64>,
    year: i32,
) -> StoreResult<Option<String>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(
            "SELECT content FROM achievement_text WHERE year = $1 AND (($2 IS NOT NULL AND person_id = $2) OR ($3 IS NOT NULL AND unit_id = $3))
             ORDER BY id DESC LIMIT 1",
        )
        .bind(i64::from(year))
        .bind(person_id)
        .bind(unit_id)
        .fetch_optional(c)
        .await
    })?)
}

/// Saves the texts of an achievement report (replacing the previous ones; the audit log keeps them).
pub async fn save_achievement_text(
    tx: &mut Tx,
    ctx: &Ctx,
    person_id: Option<i64>,
    unit_id: Option<i64>,
    year: i32,
    content: &str,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "DELETE FROM achievement_text WHERE year = $1 AND (($2 IS NOT NULL AND person_id = $2) OR ($3 IS NOT NULL AND unit_id = $3))",
        )
        .bind(i64::from(year))
        .bind(person_id)
        .bind(unit_id)
        .execute(c)
        .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO achievement_text (person_id, unit_id, year, content, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(person_id)
            .bind(unit_id)
            .bind(i64::from(year))
            .bind(content)
            .bind(ctx.who.user_id)
            .bind(ctx.clock.now())
            .execute(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "update",
            entity: "achievement_text",
            entity_id: Some(format!(
                "{}:{}:{year}",
                person_id.unwrap_or(0),
                unit_id.unwrap_or(0)
            )),
            after: serde_json::from_str(content).ok(),
            ..Default::default()
        },
    )
    .await
}

/// One award record.
pub async fn award(db: &Db, id: i64) -> StoreResult<Award> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, person_id, unit_id, code, kind, decided_on, period_from_year, period_to_year, decision_no, issuer, reason,
                    revoked_on FROM award WHERE id = $1",
        )
        .bind(id)
        .fetch_one(c)
        .await
    })?)
}
