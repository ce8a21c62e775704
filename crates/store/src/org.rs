//! The organisation: governing bodies, emulation clusters, agencies and their units (a tree),
//! with dated history — renames, moves, mergers and dissolutions are recorded, never rewritten.

use serde::Serialize;
use serde_json::json;
use time::Date;

use tdkt_domain::policy::{Scope, Target};
use tdkt_domain::unit::UnitDraft;
use tdkt_domain::vn;

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::sql::{Arg, Sql, fetch_all_sql, fetch_scalar_sql, like_escape};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

mod agencies;
pub use agencies::{
    AgencyName, MERGE_REASON, MergeOutcome, agency_counts, agency_events, agency_names,
    apply_due_agency_names, merge_agency, rename_agency,
};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct GoverningBody {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub province: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Cluster {
    pub id: i64,
    pub governing_body_id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Agency {
    pub id: i64,
    pub governing_body_id: i64,
    pub cluster_id: Option<i64>,
    pub symbol: String,
    pub name: String,
    pub short_name: String,
    pub header_name: String,
    pub place: String,
    pub established_on: Option<Date>,
    pub dissolved_on: Option<Date>,
    pub successor_id: Option<i64>,
}

/// What a new agency needs.
#[derive(Debug, Clone)]
pub struct NewAgency<'a> {
    pub governing_body_id: i64,
    pub cluster_id: Option<i64>,
    pub symbol: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub header_name: &'a str,
    pub place: &'a str,
    pub established_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Unit {
    pub id: i64,
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub parent_id: Option<i64>,
    pub path: String,
    pub sort_order: i64,
    pub established_on: Option<Date>,
    pub dissolved_on: Option<Date>,
    pub merged_into_id: Option<i64>,
}

impl Unit {
    pub fn target(&self) -> Target {
        Target {
            agency_id: self.agency_id,
            unit_path: Some(self.path.clone()),
            person_id: None,
        }
    }

    /// How deep in the tree (0 for a unit directly under the agency).
    pub fn depth(&self) -> usize {
        self.path.matches('/').count().saturating_sub(2)
    }
}

/// A unit in a list, with what the list shows beside it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UnitListItem {
    pub id: i64,
    pub agency_id: i64,
    pub agency_symbol: String,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub path: String,
    pub dissolved_on: Option<Date>,
    pub members: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OrgEvent {
    pub id: i64,
    pub happened_on: Date,
    pub kind: String,
    pub unit_id: Option<i64>,
    pub other_unit_id: Option<i64>,
    pub detail: String,
}

const AGENCY_COLS: &str =
    "id, governing_body_id, cluster_id, symbol, name, short_name, header_name, place,
    established_on, dissolved_on, successor_id";
const UNIT_COLS: &str =
    "id, agency_id, code, name, short_name, parent_id, path, sort_order, established_on,
    dissolved_on, merged_into_id";

pub async fn create_governing_body(
    tx: &mut Tx,
    ctx: &Ctx,
    code: &str,
    name: &str,
    short_name: &str,
    province: &str,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO governing_body (code, name, short_name, province, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(code)
        .bind(vn::clean(name))
        .bind(vn::clean(short_name))
        .bind(vn::clean(province))
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "governing_body",
            entity_id: Some(id.to_string()),
            after: Some(json!({ "code": code, "name": name })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

pub async fn create_cluster(
    tx: &mut Tx,
    ctx: &Ctx,
    governing_body_id: i64,
    code: &str,
    name: &str,
) -> StoreResult<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar("INSERT INTO cluster (governing_body_id, code, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(governing_body_id)
            .bind(code)
            .bind(vn::clean(name))
            .bind(ctx.clock.now())
            .fetch_one(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "cluster",
            entity_id: Some(id.to_string()),
            after: Some(json!({ "code": code, "name": name })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

/// Sets the head agency of a cluster for a year (trưởng khối).
pub async fn set_cluster_head(
    tx: &mut Tx,
    ctx: &Ctx,
    cluster_id: i64,
    year: i32,
    agency_id: i64,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO cluster_head (cluster_id, year, agency_id) VALUES ($1, $2, $3)
             ON CONFLICT (cluster_id, year) DO UPDATE SET agency_id = excluded.agency_id",
        )
        .bind(cluster_id)
        .bind(i64::from(year))
        .bind(agency_id)
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "set_head",
            entity: "cluster",
            entity_id: Some(cluster_id.to_string()),
            agency_id: Some(agency_id),
            after: Some(json!({ "year": year, "agency_id": agency_id })),
            ..Default::default()
        },
    )
    .await
}

pub async fn create_agency(tx: &mut Tx, ctx: &Ctx, a: &NewAgency<'_>) -> StoreResult<i64> {
    let name = vn::clean(a.name);
    let now = ctx.clock.now();
    let r: Result<i64, StoreError> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO agency (governing_body_id, cluster_id, symbol, name, short_name, header_name, place, name_sort,
                established_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(a.governing_body_id)
        .bind(a.cluster_id)
        .bind(a.symbol)
        .bind(&name)
        .bind(vn::clean(a.short_name))
        .bind(vn::clean(a.header_name))
        .bind(vn::clean(a.place))
        .bind(vn::text_sort_key(&name))
        .bind(a.established_on)
        .bind(now)
        .fetch_one(c)
        .await
        .map_err(StoreError::from)
    });
    let id = r.map_err(|e| {
        if e.is_unique_violation() {
            StoreError::conflict(
                "symbol",
                "Ký hiệu cơ quan",
                format!("“{}” đã được dùng", a.symbol),
            )
        } else {
            e
        }
    })?;
    let from = a.established_on.unwrap_or(ctx.clock.today());
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO agency_name (agency_id, valid_from, name, header_name) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(from)
            .bind(&name)
            .bind(vn::clean(a.header_name))
            .execute(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "agency",
            entity_id: Some(id.to_string()),
            agency_id: Some(id),
            after: Some(json!({ "symbol": a.symbol, "name": name })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

pub async fn governing_body(db: &Db, id: i64) -> StoreResult<GoverningBody> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, code, name, short_name, province FROM governing_body WHERE id = $1",
        )
        .bind(id)
        .fetch_one(c)
        .await
    })?)
}

pub async fn clusters(db: &Db) -> StoreResult<Vec<Cluster>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as("SELECT id, governing_body_id, code, name FROM cluster ORDER BY code")
            .fetch_all(c)
            .await
    })?)
}

/// The head agency of a cluster in a year, if set.
pub async fn cluster_head(db: &Db, cluster_id: i64, year: i32) -> StoreResult<Option<i64>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar("SELECT agency_id FROM cluster_head WHERE cluster_id = $1 AND year = $2")
            .bind(cluster_id)
            .bind(i64::from(year))
            .fetch_optional(c)
            .await
    })?)
}

pub async fn agency(db: &Db, id: i64) -> StoreResult<Agency> {
    let sql = format!("SELECT {AGENCY_COLS} FROM agency WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

pub async fn agency_by_symbol(db: &Db, symbol: &str) -> StoreResult<Option<Agency>> {
    let sql = format!("SELECT {AGENCY_COLS} FROM agency WHERE symbol = $1");
    Ok(on_db!(db, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(symbol)
            .fetch_optional(c)
            .await
    })?)
}

/// Agencies in reach, in Vietnamese name order.
pub async fn agencies(db: &Db, scope: &Scope) -> StoreResult<Vec<Agency>> {
    let mut sql = Sql::new(&format!("SELECT {AGENCY_COLS} FROM agency WHERE 1 = 1"));
    sql.scope(scope, "id", "''", None);
    sql.push(" ORDER BY name_sort");
    Ok(fetch_all_sql!(db, sql, Agency)?)
}

/// The agency name in force on a date (documents keep the names of their day).
pub async fn agency_name_at(db: &Db, agency_id: i64, on: Date) -> StoreResult<(String, String)> {
    let r: Option<(String, String)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT name, header_name FROM agency_name WHERE agency_id = $1 AND valid_from <= $2
             ORDER BY valid_from DESC LIMIT 1",
        )
        .bind(agency_id)
        .bind(on)
        .fetch_optional(c)
        .await
    })?;
    match r {
        Some(r) => Ok(r),
        None => {
            let a = agency(db, agency_id).await?;
            Ok((a.name, a.header_name))
        }
    }
}

async fn unit_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Unit> {
    let sql = format!("SELECT {UNIT_COLS} FROM unit WHERE id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

async fn unit_by_code_in_tx(tx: &mut Tx, agency_id: i64, code: &str) -> StoreResult<Option<Unit>> {
    let sql = format!("SELECT {UNIT_COLS} FROM unit WHERE agency_id = $1 AND code = $2");
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(agency_id)
            .bind(code)
            .fetch_optional(c)
            .await
    })?)
}

fn unit_json(u: &Unit) -> serde_json::Value {
    json!({ "code": u.code, "name": u.name, "short_name": u.short_name, "parent_id": u.parent_id,
            "dissolved_on": u.dissolved_on, "merged_into_id": u.merged_into_id })
}

/// The search text of a unit (`name_search`): the folded name and the lower-case unit code.
pub fn unit_search_text(name: &str, code: &str) -> String {
    format!("{} {}", vn::fold(name), code.to_lowercase())
}

/// Creates a unit in an agency, under the parent named by code (if any).
pub async fn create_unit(
    tx: &mut Tx,
    ctx: &Ctx,
    agency_id: i64,
    d: &UnitDraft,
    sort_order: i64,
) -> StoreResult<i64> {
    let parent =
        match &d.parent_code {
            Some(code) => Some(unit_by_code_in_tx(tx, agency_id, code).await?.ok_or_else(
                || {
                    StoreError::invalid(
                        "parent_code",
                        "Đơn vị cấp trên",
                        format!("không có đơn vị mã “{code}”"),
                    )
                },
            )?),
            None => None,
        };
    if unit_by_code_in_tx(tx, agency_id, &d.code).await?.is_some() {
        return Err(StoreError::conflict(
            "code",
            "Mã đơn vị",
            format!("“{}” đã được dùng trong cơ quan", d.code),
        ));
    }
    let now = ctx.clock.now();
    let today = ctx.clock.today();
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO unit (agency_id, code, name, short_name, parent_id, path, sort_order, name_sort, name_search,
                established_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(agency_id)
        .bind(&d.code)
        .bind(&d.name)
        .bind(&d.short_name)
        .bind(parent.as_ref().map(|p| p.id))
        .bind(sort_order)
        .bind(vn::text_sort_key(&d.name))
        .bind(unit_search_text(&d.name, &d.code))
        .bind(today)
        .bind(now)
        .fetch_one(c)
        .await
    })?;
    let path = format!("{}{id}/", parent.as_ref().map_or("/", |p| p.path.as_str()));
    exec_tx!(tx, |c| sqlx::query(
        "UPDATE unit SET path = $1 WHERE id = $2"
    )
    .bind(&path)
    .bind(id)
    .execute(c)
    .await)?;
    exec_tx!(tx, |c| {
        sqlx::query("INSERT INTO unit_name (unit_id, valid_from, name) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(today)
            .bind(&d.name)
            .execute(c)
            .await
    })?;
    org_event(
        tx,
        ctx,
        today,
        "unit_created",
        agency_id,
        Some(id),
        None,
        json!({ "code": d.code, "name": d.name }),
    )
    .await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "unit",
            entity_id: Some(id.to_string()),
            agency_id: Some(agency_id),
            after: Some(json!({ "code": d.code, "name": d.name, "parent_code": d.parent_code })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn org_event(
    tx: &mut Tx,
    ctx: &Ctx,
    on: Date,
    kind: &str,
    agency_id: i64,
    unit_id: Option<i64>,
    other_unit_id: Option<i64>,
    detail: serde_json::Value,
) -> StoreResult<()> {
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO org_event (happened_on, kind, agency_id, unit_id, other_unit_id, detail, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(on)
        .bind(kind)
        .bind(agency_id)
        .bind(unit_id)
        .bind(other_unit_id)
        .bind(detail.to_string())
        .bind(ctx.who.user_id)
        .bind(ctx.clock.now())
        .execute(c)
        .await
    })?;
    Ok(())
}

/// Edits a unit: a new name takes effect on `effective_on` (the old name stays in history); a new
/// parent moves the unit and its subtree.
pub async fn update_unit(
    tx: &mut Tx,
    ctx: &Ctx,
    unit_id: i64,
    d: &UnitDraft,
    effective_on: Date,
) -> StoreResult<()> {
    let before = unit_in_tx(tx, unit_id).await?;
    if d.code != before.code {
        return Err(StoreError::invalid(
            "code",
            "Mã đơn vị",
            "mã đơn vị là mã ổn định, không được thay đổi",
        ));
    }
    let parent = match &d.parent_code {
        Some(code) => {
            let p = unit_by_code_in_tx(tx, before.agency_id, code)
                .await?
                .ok_or_else(|| {
                    StoreError::invalid(
                        "parent_code",
                        "Đơn vị cấp trên",
                        format!("không có đơn vị mã “{code}”"),
                    )
                })?;
            if p.path.starts_with(&before.path) {
                return Err(StoreError::invalid(
                    "parent_code",
                    "Đơn vị cấp trên",
                    "không thể đặt đơn vị dưới chính nó hoặc đơn vị con của nó",
                ));
            }
            Some(p)
        }
        None => None,
    };
    let now = ctx.clock.now();
    if d.name != before.name {
        exec_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO unit_name (unit_id, valid_from, name) VALUES ($1, $2, $3)
                 ON CONFLICT (unit_id, valid_from) DO UPDATE SET name = excluded.name",
            )
            .bind(unit_id)
            .bind(effective_on)
            .bind(&d.name)
            .execute(c)
            .await
        })?;
        org_event(
            tx,
            ctx,
            effective_on,
            "unit_renamed",
            before.agency_id,
            Some(unit_id),
            None,
            json!({ "from": before.name, "to": d.name }),
        )
        .await?;
    }
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE unit SET name = $1, short_name = $2, name_sort = $3, name_search = $4, updated_at = $5 WHERE id = $6")
            .bind(&d.name)
            .bind(&d.short_name)
            .bind(vn::text_sort_key(&d.name))
            .bind(unit_search_text(&d.name, &d.code))
            .bind(now)
            .bind(unit_id)
            .execute(c)
            .await
    })?;
    let new_parent_id = parent.as_ref().map(|p| p.id);
    if new_parent_id != before.parent_id {
        let new_path = format!(
            "{}{unit_id}/",
            parent.as_ref().map_or("/", |p| p.path.as_str())
        );
        let pattern = format!("{}%", like_escape(&before.path));
        // PostgreSQL's substr takes an INTEGER position, not the BIGINT an i64 binds as.
        exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE unit SET path = $1 || substr(path, CAST($2 AS INTEGER)) WHERE path LIKE $3 ESCAPE '\\'",
            )
            .bind(&new_path)
            .bind(before.path.len() as i64 + 1)
            .bind(&pattern)
            .execute(c)
            .await
        })?;
        exec_tx!(tx, |c| sqlx::query(
            "UPDATE unit SET parent_id = $1 WHERE id = $2"
        )
        .bind(new_parent_id)
        .bind(unit_id)
        .execute(c)
        .await)?;
        org_event(
            tx,
            ctx,
            effective_on,
            "unit_moved",
            before.agency_id,
            Some(unit_id),
            new_parent_id,
            json!({ "from_parent": before.parent_id, "to_parent": new_parent_id }),
        )
        .await?;
    }
    let after = unit_in_tx(tx, unit_id).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "update",
            entity: "unit",
            entity_id: Some(unit_id.to_string()),
            agency_id: Some(before.agency_id),
            before: Some(unit_json(&before)),
            after: Some(unit_json(&after)),
        },
    )
    .await
}

/// Merges a unit into another on a date: its members move (dated transfers), the unit is closed
/// with a pointer to its successor, and its history stays as it was.
pub async fn merge_unit(
    tx: &mut Tx,
    ctx: &Ctx,
    unit_id: i64,
    into_id: i64,
    on: Date,
) -> StoreResult<()> {
    let from = unit_in_tx(tx, unit_id).await?;
    let into = unit_in_tx(tx, into_id).await?;
    if from.agency_id != into.agency_id || unit_id == into_id {
        return Err(StoreError::invalid(
            "into",
            "Đơn vị tiếp nhận",
            "phải là một đơn vị khác trong cùng cơ quan",
        ));
    }
    if from.dissolved_on.is_some() || into.dissolved_on.is_some() {
        return Err(StoreError::invalid(
            "into",
            "Đơn vị tiếp nhận",
            "đơn vị đã giải thể hoặc sáp nhập",
        ));
    }
    let children: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM unit WHERE parent_id = $1 AND dissolved_on IS NULL",
        )
        .bind(unit_id)
        .fetch_one(c)
        .await
    })?;
    if children > 0 {
        return Err(StoreError::invalid(
            "unit",
            "Đơn vị",
            "còn đơn vị trực thuộc; hãy chuyển chúng trước",
        ));
    }
    let members: Vec<i64> = on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT id FROM person WHERE unit_id = $1 AND active = $2")
            .bind(unit_id)
            .bind(true)
            .fetch_all(c)
            .await
    })?;
    for p in &members {
        crate::people::transfer_in_tx(tx, ctx, *p, into_id, on, Some("Sáp nhập đơn vị")).await?;
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE unit SET dissolved_on = $1, merged_into_id = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(on)
        .bind(into_id)
        .bind(ctx.clock.now())
        .bind(unit_id)
        .execute(c)
        .await
    })?;
    org_event(
        tx,
        ctx,
        on,
        "unit_merged",
        from.agency_id,
        Some(unit_id),
        Some(into_id),
        json!({ "from": from.name, "into": into.name, "members": members.len() }),
    )
    .await?;
    audit::record(tx, ctx, Change {
        action: "merge",
        entity: "unit",
        entity_id: Some(unit_id.to_string()),
        agency_id: Some(from.agency_id),
        before: Some(unit_json(&from)),
        after: Some(json!({ "merged_into_id": into_id, "dissolved_on": on, "members_moved": members.len() })),
    })
    .await
}

pub async fn unit(db: &Db, id: i64) -> StoreResult<Unit> {
    let sql = format!("SELECT {UNIT_COLS} FROM unit WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

pub async fn unit_by_code(db: &Db, agency_id: i64, code: &str) -> StoreResult<Option<Unit>> {
    let sql = format!("SELECT {UNIT_COLS} FROM unit WHERE agency_id = $1 AND code = $2");
    Ok(on_db!(db, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(agency_id)
            .bind(code.to_uppercase())
            .fetch_optional(c)
            .await
    })?)
}

/// Every unit with this code, across agencies (a code is unique within its agency only).
pub async fn units_by_code(db: &Db, code: &str) -> StoreResult<Vec<Unit>> {
    let sql = format!("SELECT {UNIT_COLS} FROM unit WHERE code = $1 ORDER BY agency_id");
    Ok(on_db!(db, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(code.to_uppercase())
            .fetch_all(c)
            .await
    })?)
}

/// Filters for a unit list.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub agency_id: Option<i64>,
    /// Diacritic-free search on name and code.
    pub q: Option<String>,
    pub include_dissolved: bool,
}

/// Units in reach, in tree order (by path, then Vietnamese name order among siblings via sort_order).
pub async fn list_units(db: &Db, scope: &Scope, f: &UnitFilter) -> StoreResult<Vec<UnitListItem>> {
    let mut sql = Sql::new(
        "SELECT u.id, u.agency_id, a.symbol AS agency_symbol, u.code, u.name, u.parent_id, p.name AS parent_name,
                u.path, u.dissolved_on,
                (SELECT COUNT(*) FROM person m WHERE m.unit_id = u.id AND m.active = TRUE) AS members
         FROM unit u JOIN agency a ON a.id = u.agency_id LEFT JOIN unit p ON p.id = u.parent_id
         WHERE 1 = 1",
    );
    sql.scope(scope, "u.agency_id", "u.path", None);
    if let Some(a) = f.agency_id {
        let p = sql.arg(Arg::I64(a));
        sql.push(&format!(" AND u.agency_id = {p}"));
    }
    if !f.include_dissolved {
        sql.push(" AND u.dissolved_on IS NULL");
    }
    if let Some(q) =
        f.q.as_deref()
            .map(vn::fold)
            .filter(|q| !q.trim().is_empty())
    {
        let p = sql.arg(Arg::Text(format!("%{}%", like_escape(q.trim()))));
        sql.push(&format!(" AND u.name_search LIKE {p} ESCAPE '\\'"));
    }
    sql.push(" ORDER BY a.name_sort, u.agency_id, u.sort_order, u.name_sort");
    let mut rows = fetch_all_sql!(db, sql, UnitListItem)?;
    sort_tree(&mut rows);
    Ok(rows)
}

/// Orders units so that each comes right after its parent (siblings keep their order).
fn sort_tree(rows: &mut Vec<UnitListItem>) {
    let ids: std::collections::HashSet<i64> = rows.iter().map(|r| r.id).collect();
    let mut out = Vec::with_capacity(rows.len());
    fn visit(
        parent: Option<i64>,
        rows: &[UnitListItem],
        ids: &std::collections::HashSet<i64>,
        out: &mut Vec<UnitListItem>,
        agency: i64,
    ) {
        for r in rows.iter().filter(|r| {
            r.agency_id == agency
                && (r.parent_id == parent
                    || (parent.is_none() && r.parent_id.is_some_and(|p| !ids.contains(&p))))
        }) {
            out.push(r.clone());
            visit(Some(r.id), rows, ids, out, agency);
        }
    }
    let mut agencies: Vec<i64> = Vec::new();
    for r in rows.iter() {
        if !agencies.contains(&r.agency_id) {
            agencies.push(r.agency_id);
        }
    }
    for a in agencies {
        visit(None, rows, &ids, &mut out, a);
    }
    *rows = out;
}

/// The organisational history of a unit, oldest first.
pub async fn unit_events(db: &Db, unit_id: i64) -> StoreResult<Vec<OrgEvent>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, happened_on, kind, unit_id, other_unit_id, detail FROM org_event
             WHERE unit_id = $1 OR other_unit_id = $1 ORDER BY happened_on, id",
        )
        .bind(unit_id)
        .fetch_all(c)
        .await
    })?)
}

/// The unit's name in force on a date.
pub async fn unit_name_at(db: &Db, unit_id: i64, on: Date) -> StoreResult<String> {
    let r: Option<String> = on_db!(db, |c| {
        sqlx::query_scalar("SELECT name FROM unit_name WHERE unit_id = $1 AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1")
            .bind(unit_id)
            .bind(on)
            .fetch_optional(c)
            .await
    })?;
    match r {
        Some(n) => Ok(n),
        None => Ok(unit(db, unit_id).await?.name),
    }
}

/// How many units an agency has (for paging and dashboards).
pub async fn count_units(db: &Db, scope: &Scope) -> StoreResult<i64> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM unit u WHERE u.dissolved_on IS NULL");
    sql.scope(scope, "u.agency_id", "u.path", None);
    Ok(fetch_scalar_sql!(db, sql, i64)?)
}
