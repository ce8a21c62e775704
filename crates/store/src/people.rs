//! People (cán bộ, công chức, viên chức, người lao động) and their unit over time.

use serde::Serialize;
use serde_json::json;
use time::Date;

use tdkt_domain::person::PersonDraft;
use tdkt_domain::policy::{Scope, Target};
use tdkt_domain::vn;

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::sql::{Arg, Sql, fetch_all_sql, fetch_scalar_sql, like_escape};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

/// A person's record.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Person {
    pub id: i64,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<Date>,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub hometown: Option<String>,
    pub residence: Option<String>,
    pub position: Option<String>,
    pub rank: Option<String>,
    pub category: String,
    pub started_on: Option<Date>,
    pub appointed_on: Option<Date>,
    pub qualifications: Option<String>,
    pub political_theory: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub agency_id: i64,
    pub unit_id: Option<i64>,
    pub unit_path: Option<String>,
    pub active: bool,
    pub left_on: Option<Date>,
}

impl Person {
    pub fn target(&self) -> Target {
        Target {
            agency_id: self.agency_id,
            unit_path: self.unit_path.clone(),
            person_id: Some(self.id),
        }
    }
}

/// A person in a list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PersonListItem {
    pub id: i64,
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<Date>,
    pub gender: Option<String>,
    pub position: Option<String>,
    pub rank: Option<String>,
    pub category: String,
    pub started_on: Option<Date>,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub agency_symbol: String,
    pub active: bool,
}

/// A period in a unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Assignment {
    pub id: i64,
    pub agency_id: i64,
    pub agency_symbol: String,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub from_date: Date,
    pub to_date: Option<Date>,
    pub reason: Option<String>,
}

const PERSON_COLS: &str = "p.id, p.code, p.full_name, p.birth_date, p.gender, p.ethnicity, p.religion, p.hometown,
    p.residence, p.position, p.rank, p.category, p.started_on, p.appointed_on, p.qualifications, p.political_theory,
    p.email, p.phone, p.agency_id, p.unit_id, u.path AS unit_path, p.active, p.left_on";

/// The search text of a person (`name_search`): the folded name and the lower-case staff code.
pub fn search_text(d: &PersonDraft) -> String {
    format!("{} {}", vn::fold(&d.full_name), d.code.to_lowercase())
}

/// The audit view of a profile. Ethnicity and religion are sensitive: the log says they changed,
/// not what they are.
fn person_json(d: &PersonDraft) -> serde_json::Value {
    let mut v = serde_json::to_value(d).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        for k in ["ethnicity", "religion"] {
            if let Some(x) = o.get_mut(k)
                && !x.is_null()
            {
                *x = json!("(dữ liệu nhạy cảm)");
            }
        }
    }
    v
}

fn unique_code_error(code: &str) -> StoreError {
    StoreError::conflict(
        "code",
        "Mã cán bộ",
        format!("“{code}” đã được dùng cho người khác"),
    )
}

/// Adds a person to a unit from a date (normally the day they started at the agency).
pub async fn create_person(
    tx: &mut Tx,
    ctx: &Ctx,
    unit_id: i64,
    d: &PersonDraft,
    from: Date,
) -> StoreResult<i64> {
    let id = insert_person(tx, ctx, unit_id, d, from).await?;
    let agency_id = unit_agency(tx, unit_id).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "person",
            entity_id: Some(id.to_string()),
            agency_id: Some(agency_id),
            after: Some(person_json(d)),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

async fn unit_agency(tx: &mut Tx, unit_id: i64) -> StoreResult<i64> {
    let r: Option<(i64, Option<Date>)> = on_tx!(tx, |c| {
        sqlx::query_as("SELECT agency_id, dissolved_on FROM unit WHERE id = $1")
            .bind(unit_id)
            .fetch_optional(c)
            .await
    })?;
    match r {
        Some((a, None)) => Ok(a),
        Some((_, Some(_))) => Err(StoreError::invalid(
            "unit",
            "Đơn vị",
            "đơn vị đã giải thể hoặc sáp nhập",
        )),
        None => Err(StoreError::invalid("unit", "Đơn vị", "không tồn tại")),
    }
}

/// The insert itself, without an audit row (bulk loads of generated history write none).
pub async fn insert_person(
    tx: &mut Tx,
    ctx: &Ctx,
    unit_id: i64,
    d: &PersonDraft,
    from: Date,
) -> StoreResult<i64> {
    let agency_id = unit_agency(tx, unit_id).await?;
    let now = ctx.clock.now();
    let r: Result<i64, StoreError> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO person (code, full_name, name_sort, name_search, birth_date, gender, ethnicity, religion, hometown,
                residence, position, rank, category, started_on, appointed_on, qualifications, political_theory, email, phone,
                agency_id, unit_id, active, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)
             RETURNING id",
        )
        .bind(&d.code)
        .bind(&d.full_name)
        .bind(vn::name_sort_key(&d.full_name))
        .bind(search_text(d))
        .bind(d.birth_date)
        .bind(d.gender.map(|g| g.code()))
        .bind(&d.ethnicity)
        .bind(&d.religion)
        .bind(&d.hometown)
        .bind(&d.residence)
        .bind(&d.position)
        .bind(&d.rank)
        .bind(d.category.code())
        .bind(d.started_on)
        .bind(d.appointed_on)
        .bind(&d.qualifications)
        .bind(&d.political_theory)
        .bind(&d.email)
        .bind(&d.phone)
        .bind(agency_id)
        .bind(unit_id)
        .bind(true)
        .bind(now)
        .fetch_one(c)
        .await
        .map_err(StoreError::from)
    });
    let id = r.map_err(|e| {
        if e.is_unique_violation() {
            unique_code_error(&d.code)
        } else {
            e
        }
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO person_unit (person_id, agency_id, unit_id, from_date) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(agency_id)
            .bind(unit_id)
            .bind(from)
            .execute(c)
            .await
    })?;
    Ok(id)
}

async fn person_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Person> {
    let sql = format!(
        "SELECT {PERSON_COLS} FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = $1"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

fn draft_of(p: &Person) -> serde_json::Value {
    json!({ "code": p.code, "full_name": p.full_name, "birth_date": p.birth_date, "gender": p.gender,
            "ethnicity": p.ethnicity.as_ref().map(|_| "(dữ liệu nhạy cảm)"),
            "religion": p.religion.as_ref().map(|_| "(dữ liệu nhạy cảm)"),
            "hometown": p.hometown, "residence": p.residence, "position": p.position, "rank": p.rank,
            "category": p.category, "started_on": p.started_on, "appointed_on": p.appointed_on,
            "qualifications": p.qualifications, "political_theory": p.political_theory, "email": p.email, "phone": p.phone })
}

/// Edits a profile. The staff code is stable: it cannot change.
pub async fn update_person(tx: &mut Tx, ctx: &Ctx, id: i64, d: &PersonDraft) -> StoreResult<()> {
    let before = person_in_tx(tx, id).await?;
    if before.code != d.code {
        return Err(StoreError::invalid(
            "code",
            "Mã cán bộ",
            "mã cán bộ là mã ổn định, không được thay đổi",
        ));
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE person SET full_name = $1, name_sort = $2, name_search = $3, birth_date = $4, gender = $5, ethnicity = $6,
                religion = $7, hometown = $8, residence = $9, position = $10, rank = $11, category = $12, started_on = $13,
                appointed_on = $14, qualifications = $15, political_theory = $16, email = $17, phone = $18, updated_at = $19
             WHERE id = $20",
        )
        .bind(&d.full_name)
        .bind(vn::name_sort_key(&d.full_name))
        .bind(search_text(d))
        .bind(d.birth_date)
        .bind(d.gender.map(|g| g.code()))
        .bind(&d.ethnicity)
        .bind(&d.religion)
        .bind(&d.hometown)
        .bind(&d.residence)
        .bind(&d.position)
        .bind(&d.rank)
        .bind(d.category.code())
        .bind(d.started_on)
        .bind(d.appointed_on)
        .bind(&d.qualifications)
        .bind(&d.political_theory)
        .bind(&d.email)
        .bind(&d.phone)
        .bind(ctx.clock.now())
        .bind(id)
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "update",
            entity: "person",
            entity_id: Some(id.to_string()),
            agency_id: Some(before.agency_id),
            before: Some(draft_of(&before)),
            after: Some(person_json(d)),
        },
    )
    .await
}

/// Moves a person to another unit (of this or another agency) from a date: the current period
/// ends the day before, a new one starts; their titles and awards stay theirs.
pub async fn transfer_in_tx(
    tx: &mut Tx,
    ctx: &Ctx,
    person_id: i64,
    unit_id: i64,
    on: Date,
    reason: Option<&str>,
) -> StoreResult<()> {
    let before = person_in_tx(tx, person_id).await?;
    if before.unit_id == Some(unit_id) {
        return Err(StoreError::invalid(
            "unit",
            "Đơn vị mới",
            "người này đang ở đơn vị đó",
        ));
    }
    let agency_id = unit_agency(tx, unit_id).await?;
    let last_from: Option<Date> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT MAX(from_date) FROM person_unit WHERE person_id = $1 AND to_date IS NULL",
        )
        .bind(person_id)
        .fetch_one(c)
        .await
    })?;
    if let Some(f) = last_from
        && on <= f
    {
        return Err(StoreError::invalid(
            "on",
            "Ngày chuyển",
            format!(
                "phải sau ngày bắt đầu ở đơn vị hiện tại ({})",
                vn::format_date(f)
            ),
        ));
    }
    let end = on.previous_day().unwrap_or(on);
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE person_unit SET to_date = $1 WHERE person_id = $2 AND to_date IS NULL")
            .bind(end)
            .bind(person_id)
            .execute(c)
            .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO person_unit (person_id, agency_id, unit_id, from_date, reason) VALUES ($1, $2, $3, $4, $5)")
            .bind(person_id)
            .bind(agency_id)
            .bind(unit_id)
            .bind(on)
            .bind(reason)
            .execute(c)
            .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE person SET unit_id = $1, agency_id = $2, updated_at = $3 WHERE id = $4")
            .bind(unit_id)
            .bind(agency_id)
            .bind(ctx.clock.now())
            .bind(person_id)
            .execute(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "transfer",
            entity: "person",
            entity_id: Some(person_id.to_string()),
            agency_id: Some(agency_id),
            before: Some(json!({ "unit_id": before.unit_id, "agency_id": before.agency_id })),
            after: Some(
                json!({ "unit_id": unit_id, "agency_id": agency_id, "from": on, "reason": reason }),
            ),
        },
    )
    .await
}

pub async fn person(db: &Db, id: i64) -> StoreResult<Person> {
    let sql = format!(
        "SELECT {PERSON_COLS} FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = $1"
    );
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

pub async fn person_by_code(db: &Db, code: &str) -> StoreResult<Option<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLS} FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.code = $1"
    );
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(code)
    .fetch_optional(c)
    .await)?)
}

/// Which staff codes of a list are already taken.
pub async fn existing_codes(db: &Db, codes: &[String]) -> StoreResult<Vec<String>> {
    let mut found = Vec::new();
    for chunk in codes.chunks(500) {
        let mut sql = Sql::new("SELECT code FROM person WHERE code IN (");
        let ph: Vec<String> = chunk
            .iter()
            .map(|c| sql.arg(Arg::Text(c.clone())))
            .collect();
        sql.push(&ph.join(", "));
        sql.push(")");
        let rows: Vec<(String,)> = fetch_all_sql!(db, sql, (String,))?;
        found.extend(rows.into_iter().map(|r| r.0));
    }
    Ok(found)
}

/// The periods a person spent in units, newest first.
pub async fn assignments(db: &Db, person_id: i64) -> StoreResult<Vec<Assignment>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT pu.id, pu.agency_id, a.symbol AS agency_symbol, pu.unit_id, u.code AS unit_code, u.name AS unit_name,
                    pu.from_date, pu.to_date, pu.reason
             FROM person_unit pu JOIN unit u ON u.id = pu.unit_id JOIN agency a ON a.id = pu.agency_id
             WHERE pu.person_id = $1 ORDER BY pu.from_date DESC, pu.id DESC",
        )
        .bind(person_id)
        .fetch_all(c)
        .await
    })?)
}

/// Filters for a people list.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub agency_id: Option<i64>,
    /// A unit and everything under it.
    pub unit_id: Option<i64>,
    /// Diacritic-free search on name and staff code.
    pub q: Option<String>,
    pub category: Option<String>,
    pub include_inactive: bool,
}

fn list_sql(select: &str, scope: &Scope, f: &PersonFilter) -> Sql {
    let mut sql = Sql::new(select);
    sql.scope(scope, "p.agency_id", "u.path", Some("p.id"));
    if let Some(a) = f.agency_id {
        let p = sql.arg(Arg::I64(a));
        sql.push(&format!(" AND p.agency_id = {p}"));
    }
    if let Some(unit) = f.unit_id {
        let p = sql.arg(Arg::I64(unit));
        sql.push(&format!(
            " AND u.path LIKE (SELECT path FROM unit WHERE id = {p}) || '%'"
        ));
    }
    if let Some(q) =
        f.q.as_deref()
            .map(vn::fold)
            .filter(|q| !q.trim().is_empty())
    {
        let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
        let p = sql.arg(Arg::Text(format!("%{}%", like_escape(&q))));
        sql.push(&format!(" AND p.name_search LIKE {p} ESCAPE '\\'"));
    }
    if let Some(c) = &f.category {
        let p = sql.arg(Arg::Text(c.clone()));
        sql.push(&format!(" AND p.category = {p}"));
    }
    if !f.include_inactive {
        sql.push(" AND p.active = TRUE");
    }
    sql
}

const LIST_FROM: &str = " FROM person p LEFT JOIN unit u ON u.id = p.unit_id JOIN agency a ON a.id = p.agency_id WHERE 1 = 1";

/// People in reach, in Vietnamese name order (given name first), one page at a time, with the total.
pub async fn list_people(
    db: &Db,
    scope: &Scope,
    f: &PersonFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<PersonListItem>, i64)> {
    let mut sql = list_sql(
        &format!(
            "SELECT p.id, p.code, p.full_name, p.birth_date, p.gender, p.position, p.rank, p.category, p.started_on,
                    p.unit_id, u.code AS unit_code, u.name AS unit_name, a.symbol AS agency_symbol, p.active{LIST_FROM}"
        ),
        scope,
        f,
    );
    let pl = sql.arg(Arg::I64(limit));
    let po = sql.arg(Arg::I64(offset));
    sql.push(&format!(
        " ORDER BY p.name_sort, p.code LIMIT {pl} OFFSET {po}"
    ));
    let rows = fetch_all_sql!(db, sql, PersonListItem)?;
    let count_sql = list_sql(&format!("SELECT COUNT(*){LIST_FROM}"), scope, f);
    let total = fetch_scalar_sql!(db, count_sql, i64)?;
    Ok((rows, total))
}

/// Logs that sensitive data of a person was shown (who, whose, when) — DOMAIN.md §2.
pub async fn log_sensitive_view(db: &Db, ctx: &Ctx, p: &Person) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        ctx,
        Change {
            action: "view_sensitive",
            entity: "person",
            entity_id: Some(p.id.to_string()),
            agency_id: Some(p.agency_id),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await
}

/// Imports people in one transaction: all of them or, on any error, none. Each person is
/// audited. `rows` pairs each profile with its unit; the period starts at `started_on` (or `from`).
pub async fn import_people(
    db: &Db,
    ctx: &Ctx,
    rows: &[(PersonDraft, i64)],
    from: Date,
) -> StoreResult<Vec<i64>> {
    let mut tx = db.begin().await?;
    let mut ids = Vec::with_capacity(rows.len());
    for (d, unit_id) in rows {
        let id = create_person(&mut tx, ctx, *unit_id, d, d.started_on.unwrap_or(from)).await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}
