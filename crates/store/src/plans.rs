//! Plans (kế hoạch): an agency's plan for a year, kept whole as JSON, with its deadlines, phases
//! and movements derived into tables each time it is saved (so they can be queried across
//! agencies). Publishing (phát động) makes it the agency's plan for the year.

use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use tdkt_domain::policy::Scope;

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::sql::{Sql, fetch_all_sql};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PlanRow {
    pub id: i64,
    pub agency_id: i64,
    pub year: i64,
    pub status: String,
    pub number: Option<i64>,
    pub issued_on: Option<Date>,
    pub content: String,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

impl PlanRow {
    pub fn is_published(&self) -> bool {
        self.status == "published"
    }
}

/// A plan in a list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PlanListItem {
    pub id: i64,
    pub agency_id: i64,
    pub agency_symbol: String,
    pub agency_name: String,
    pub year: i64,
    pub status: String,
    pub number: Option<i64>,
    pub issued_on: Option<Date>,
    pub published_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct DeadlineRow {
    pub id: i64,
    pub plan_id: i64,
    pub kind: String,
    pub due_on: Date,
    pub description: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PhaseRow {
    pub id: i64,
    pub plan_id: i64,
    pub number: i64,
    pub name: String,
    pub start_on: Date,
    pub end_on: Date,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct MovementRow {
    pub id: i64,
    pub plan_id: i64,
    pub position: i64,
    pub kind: String,
    pub name: String,
    pub start_on: Option<Date>,
    pub end_on: Option<Date>,
    /// JSON array of strings.
    pub criteria: String,
    pub participants: Option<String>,
}

/// A movement as derived from a plan.
#[derive(Debug, Clone)]
pub struct NewMovement {
    pub kind: String,
    pub name: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// JSON array of strings.
    pub criteria: String,
    pub participants: Option<String>,
}

/// What is derived from a plan's content for querying.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// (kind, due date, description)
    pub deadlines: Vec<(String, Date, String)>,
    /// (number, name, start, end)
    pub phases: Vec<(i64, String, Date, Date)>,
    pub movements: Vec<NewMovement>,
}

const PLAN_COLS: &str =
    "id, agency_id, year, status, number, issued_on, content, published_at, updated_at";

async fn plan_in_tx(tx: &mut Tx, id: i64) -> StoreResult<PlanRow> {
    let sql = format!("SELECT {PLAN_COLS} FROM plan WHERE id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

async fn write_derived(tx: &mut Tx, plan_id: i64, agency_id: i64, d: &Derived) -> StoreResult<()> {
    for t in ["plan_deadline", "plan_phase", "movement"] {
        let sql = format!("DELETE FROM {t} WHERE plan_id = $1");
        exec_tx!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(plan_id)
            .execute(c)
            .await)?;
    }
    for (kind, due, desc) in &d.deadlines {
        exec_tx!(tx, |c| {
            sqlx::query("INSERT INTO plan_deadline (plan_id, kind, due_on, description) VALUES ($1, $2, $3, $4)")
                .bind(plan_id)
                .bind(kind)
                .bind(*due)
                .bind(desc)
                .execute(c)
                .await
        })?;
    }
    for (number, name, start, end) in &d.phases {
        exec_tx!(tx, |c| {
            sqlx::query("INSERT INTO plan_phase (plan_id, number, name, start_on, end_on) VALUES ($1, $2, $3, $4, $5)")
                .bind(plan_id)
                .bind(*number)
                .bind(name)
                .bind(*start)
                .bind(*end)
                .execute(c)
                .await
        })?;
    }
    for (i, m) in d.movements.iter().enumerate() {
        exec_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO movement (plan_id, agency_id, position, kind, name, start_on, end_on, criteria, participants)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(plan_id)
            .bind(agency_id)
            .bind(i as i64)
            .bind(&m.kind)
            .bind(&m.name)
            .bind(m.start)
            .bind(m.end)
            .bind(&m.criteria)
            .bind(&m.participants)
            .execute(c)
            .await
        })?;
    }
    Ok(())
}

/// Creates an agency's plan for a year (a draft). One plan per agency and year.
pub async fn create_plan(
    tx: &mut Tx,
    ctx: &Ctx,
    agency_id: i64,
    year: i32,
    content: &str,
    derived: &Derived,
) -> StoreResult<i64> {
    let now = ctx.clock.now();
    let r: Result<i64, StoreError> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO plan (agency_id, year, status, content, created_at, updated_at) VALUES ($1, $2, 'draft', $3, $4, $4) RETURNING id",
        )
        .bind(agency_id)
        .bind(i64::from(year))
        .bind(content)
        .bind(now)
        .fetch_one(c)
        .await
        .map_err(StoreError::from)
    });
    let id = r.map_err(|e| {
        if e.is_unique_violation() {
            StoreError::conflict("year", "Năm", format!("cơ quan đã có kế hoạch năm {year}"))
        } else {
            e
        }
    })?;
    write_derived(tx, id, agency_id, derived).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "plan",
            entity_id: Some(id.to_string()),
            agency_id: Some(agency_id),
            after: serde_json::from_str(content).ok(),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

/// Saves a plan's content (and re-derives its deadlines, phases and movements).
pub async fn update_plan(
    tx: &mut Tx,
    ctx: &Ctx,
    id: i64,
    content: &str,
    derived: &Derived,
) -> StoreResult<()> {
    let before = plan_in_tx(tx, id).await?;
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE plan SET content = $1, updated_at = $2 WHERE id = $3")
            .bind(content)
            .bind(ctx.clock.now())
            .bind(id)
            .execute(c)
            .await
    })?;
    write_derived(tx, id, before.agency_id, derived).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "update",
            entity: "plan",
            entity_id: Some(id.to_string()),
            agency_id: Some(before.agency_id),
            before: serde_json::from_str(&before.content).ok(),
            after: serde_json::from_str(content).ok(),
        },
    )
    .await
}

/// Publishes (phát động) a plan: it becomes the agency's plan for the year, visible to all its
/// staff. The number and date of the paper are recorded when given (they may come from the
/// agency's register of outgoing documents later).
pub async fn publish(
    tx: &mut Tx,
    ctx: &Ctx,
    id: i64,
    number: Option<i64>,
    issued_on: Option<Date>,
    content: &str,
) -> StoreResult<()> {
    let before = plan_in_tx(tx, id).await?;
    if before.is_published() {
        return Err(StoreError::invalid(
            "status",
            "Kế hoạch",
            "đã được phát động",
        ));
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE plan SET status = 'published', number = $1, issued_on = $2, content = $3, published_at = $4, published_by = $5,
                updated_at = $4 WHERE id = $6",
        )
        .bind(number)
        .bind(issued_on)
        .bind(content)
        .bind(ctx.clock.now())
        .bind(ctx.who.user_id)
        .bind(id)
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "publish",
            entity: "plan",
            entity_id: Some(id.to_string()),
            agency_id: Some(before.agency_id),
            after: Some(json!({ "number": number, "issued_on": issued_on })),
            ..Default::default()
        },
    )
    .await
}

pub async fn plan(db: &Db, id: i64) -> StoreResult<PlanRow> {
    let sql = format!("SELECT {PLAN_COLS} FROM plan WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// An agency's plan for a year, if there is one.
pub async fn plan_for(db: &Db, agency_id: i64, year: i32) -> StoreResult<Option<PlanRow>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plan WHERE agency_id = $1 AND year = $2");
    Ok(on_db!(db, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(agency_id)
            .bind(i64::from(year))
            .fetch_optional(c)
            .await
    })?)
}

/// Every plan with a given year, across agencies (for `tdkt export plan` without `--agency`).
pub async fn plans_of_year(db: &Db, year: i32) -> StoreResult<Vec<PlanRow>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plan WHERE year = $1 ORDER BY agency_id");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(i64::from(year))
    .fetch_all(c)
    .await)?)
}

/// Plans of the agencies in reach, newest year first.
pub async fn plans(db: &Db, scope: &Scope) -> StoreResult<Vec<PlanListItem>> {
    let mut sql = Sql::new(
        "SELECT p.id, p.agency_id, a.symbol AS agency_symbol, a.name AS agency_name, p.year, p.status, p.number, p.issued_on,
                p.published_at
         FROM plan p JOIN agency a ON a.id = p.agency_id WHERE 1 = 1",
    );
    sql.scope(scope, "p.agency_id", "''", None);
    sql.push(" ORDER BY p.year DESC, a.name_sort");
    Ok(fetch_all_sql!(db, sql, PlanListItem)?)
}

pub async fn deadlines(db: &Db, plan_id: i64) -> StoreResult<Vec<DeadlineRow>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as("SELECT id, plan_id, kind, due_on, description FROM plan_deadline WHERE plan_id = $1 ORDER BY due_on, id")
            .bind(plan_id)
            .fetch_all(c)
            .await
    })?)
}

pub async fn phases(db: &Db, plan_id: i64) -> StoreResult<Vec<PhaseRow>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as("SELECT id, plan_id, number, name, start_on, end_on FROM plan_phase WHERE plan_id = $1 ORDER BY number")
            .bind(plan_id)
            .fetch_all(c)
            .await
    })?)
}

pub async fn movements(db: &Db, plan_id: i64) -> StoreResult<Vec<MovementRow>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, plan_id, position, kind, name, start_on, end_on, criteria, participants FROM movement
             WHERE plan_id = $1 ORDER BY position",
        )
        .bind(plan_id)
        .fetch_all(c)
        .await
    })?)
}
