//! Lists of registrations: a plan's (with target figures), a unit's members with theirs, the
//! registration rate per unit, and a unit's heads (for the registration form).

use std::collections::HashMap;

use serde::Serialize;
use time::Date;

use tdkt_domain::policy::Scope;

use super::{PlanRef, REG_SELECT, RegistrationRow, TARGET_SELECT, TargetRow};
use crate::error::StoreResult;
use crate::sql::{Arg, Sql, fetch_all_sql};
use crate::{Db, on_db};

/// A registration in a list, with its target figures.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub reg: RegistrationRow,
    pub targets: usize,
    pub met: usize,
    pub overdue: usize,
    pub not_higher: usize,
}

/// Registrations of a plan within reach (a unit's subtree when `unit_path` is given), units'
/// own first, then people by name.
pub async fn list(
    db: &Db,
    plan_id: i64,
    scope: &Scope,
    unit_path: Option<&str>,
    today: Date,
) -> StoreResult<Vec<ListItem>> {
    let mut sql = filtered(
        &format!("{REG_SELECT} WHERE 1 = 1"),
        plan_id,
        scope,
        unit_path,
    );
    sql.push(" ORDER BY u.sort_order, u.name_sort, r.person_id IS NOT NULL, pe.name_sort, r.id");
    let regs = fetch_all_sql!(db, sql, RegistrationRow)?;
    // The figures of the same registrations only (a unit's list stays cheap in a big agency).
    let targets = filtered(
        &format!(
            "{TARGET_SELECT} JOIN registration r ON r.id = t.registration_id JOIN unit u ON u.id = r.unit_id WHERE 1 = 1"
        ),
        plan_id,
        scope,
        unit_path,
    );
    let mut stats: HashMap<i64, (usize, usize, usize, usize)> = HashMap::new();
    for t in fetch_all_sql!(db, targets, TargetRow)? {
        let e = stats.entry(t.registration_id).or_default();
        e.0 += 1;
        e.1 += usize::from(t.met());
        e.2 += usize::from(t.overdue(today));
        e.3 += usize::from(t.not_higher());
    }
    Ok(regs
        .into_iter()
        .map(|reg| {
            let s = stats.get(&reg.id).copied().unwrap_or_default();
            ListItem {
                targets: s.0,
                met: s.1,
                overdue: s.2,
                not_higher: s.3,
                reg,
            }
        })
        .collect())
}

/// `select` (over `registration r` and `unit u`) limited to a plan, a scope and a subtree.
fn filtered(select: &str, plan_id: i64, scope: &Scope, unit_path: Option<&str>) -> Sql {
    let mut sql = Sql::new(select);
    let p = sql.arg(Arg::I64(plan_id));
    sql.push(&format!(" AND r.plan_id = {p}"));
    sql.scope(scope, "r.agency_id", "u.path", Some("r.person_id"));
    if let Some(path) = unit_path {
        let p = sql.arg(Arg::Text(format!("{}%", crate::sql::like_escape(path))));
        // The subtree's unit ids first, so the registrations are sought by (plan, unit) instead
        // of read for the whole plan (a province agency has thousands).
        sql.push(&format!(
            " AND u.path LIKE {p} ESCAPE '\\' AND r.unit_id IN (SELECT su.id FROM unit su WHERE su.path LIKE {p} ESCAPE '\\')"
        ));
    }
    sql
}

/// A member of a unit and their registration in a plan (if made).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Member {
    pub person_id: i64,
    pub code: String,
    pub full_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub registration_id: Option<i64>,
    pub status: Option<String>,
    pub title_code: Option<String>,
}

/// The active members of a unit's subtree with their registration, in name order.
pub async fn members(db: &Db, plan_id: i64, unit_path: &str) -> StoreResult<Vec<Member>> {
    let pattern = format!("{}%", crate::sql::like_escape(unit_path));
    Ok(on_db!(db, |c| {
        sqlx::query_as(
        "SELECT p.id AS person_id, p.code, p.full_name, u.id AS unit_id, u.name AS unit_name, r.id AS registration_id,
                r.status, r.title_code
         FROM person p JOIN unit u ON u.id = p.unit_id
         LEFT JOIN registration r ON r.plan_id = $1 AND r.person_id = p.id
         WHERE p.active = TRUE AND u.id IN (SELECT su.id FROM unit su WHERE su.path LIKE $2 ESCAPE '\\')
         ORDER BY p.name_sort, p.code"
    )
    .bind(plan_id)
    .bind(&pattern)
    .fetch_all(c)
    .await
    })?)
}

/// A unit's registration figures in a plan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UnitRate {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub path: String,
    /// Active members (directly in the unit).
    pub members: i64,
    /// Members' registrations sent (submitted or approved).
    pub submitted: i64,
    pub approved: i64,
    pub returned: i64,
    /// The unit's own registration.
    pub unit_registration_id: Option<i64>,
    pub unit_status: Option<String>,
}

impl UnitRate {
    /// Members registered (sent or approved), in percent.
    pub fn rate(&self) -> f64 {
        if self.members == 0 {
            0.0
        } else {
            100.0 * self.submitted as f64 / self.members as f64
        }
    }
}

/// Registration figures per active unit of the plan's agency within reach, in the tree's order.
pub async fn unit_rates(db: &Db, plan: &PlanRef, scope: &Scope) -> StoreResult<Vec<UnitRate>> {
    let mut sql = Sql::new(
        "SELECT u.id AS unit_id, u.code, u.name, u.path,
            (SELECT COUNT(*) FROM person p WHERE p.unit_id = u.id AND p.active = TRUE) AS members,
            (SELECT COUNT(*) FROM registration r JOIN person p ON p.id = r.person_id
               WHERE r.plan_id = $1 AND r.unit_id = u.id AND p.unit_id = u.id AND r.status IN ('submitted', 'approved')) AS submitted,
            (SELECT COUNT(*) FROM registration r JOIN person p ON p.id = r.person_id
               WHERE r.plan_id = $1 AND r.unit_id = u.id AND p.unit_id = u.id AND r.status = 'approved') AS approved,
            (SELECT COUNT(*) FROM registration r WHERE r.plan_id = $1 AND r.unit_id = u.id AND r.person_id IS NOT NULL
               AND r.status = 'returned') AS returned,
            (SELECT r.id FROM registration r WHERE r.plan_id = $1 AND r.unit_id = u.id AND r.person_id IS NULL) AS unit_registration_id,
            (SELECT r.status FROM registration r WHERE r.plan_id = $1 AND r.unit_id = u.id AND r.person_id IS NULL) AS unit_status
         FROM unit u WHERE u.dissolved_on IS NULL",
    );
    sql.arg(Arg::I64(plan.id));
    let a = sql.arg(Arg::I64(plan.agency_id));
    sql.push(&format!(" AND u.agency_id = {a}"));
    sql.scope(scope, "u.agency_id", "u.path", None);
    sql.push(" ORDER BY u.sort_order, u.name_sort");
    Ok(fetch_all_sql!(db, sql, UnitRate)?)
}

/// The names of the heads of a unit (accounts holding the unit-head role on it, with a person).
pub async fn unit_heads(db: &Db, unit_id: i64) -> StoreResult<Vec<String>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT p.full_name FROM user_role ur JOIN app_user a ON a.id = ur.user_id JOIN person p ON p.id = a.person_id
         WHERE ur.role = 'truong_don_vi' AND ur.unit_id = $1 ORDER BY p.name_sort"
    )
    .bind(unit_id)
    .fetch_all(c)
    .await
    })?)
}
