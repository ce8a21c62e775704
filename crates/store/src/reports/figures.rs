//! The figures of a report, drawn from registrations, targets and progress (read only).

use time::Date;

use super::{Figures, InitiativeItem, RegisteredTitle, TargetCounts};
use crate::error::StoreResult;
use crate::sql::like_escape;
use crate::{Db, on_db};

// ---------------------------------------------------------------------------------------------
// Figures

/// Per unit (the unit a registration or a person is attached to, not yet rolled up).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct UnitTargets {
    pub unit_id: i64,
    pub registered: i64,
    pub met: i64,
    pub overdue: i64,
}

/// What restricts the targets counted: the plan, and a period of due dates (a phase).
#[derive(Debug, Clone, Copy)]
pub struct TargetFilter {
    pub plan_id: i64,
    /// The plan's year: a target without a due date is due at its end.
    pub year: i32,
    pub today: Date,
    pub due_between: Option<(Date, Date)>,
}

pub(super) fn year_end(year: i32) -> Date {
    Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX)
}

/// Target counts per unit of a plan (units as registered; roll them up with [`top_of`]).
pub(super) async fn targets_by_unit(
    db: &Db,
    f: &TargetFilter,
    path_prefix: Option<&str>,
) -> StoreResult<Vec<UnitTargets>> {
    let pattern = match path_prefix {
        Some(p) => format!("{}%", like_escape(p)),
        None => "%".to_owned(),
    };
    let (from, to) = f.due_between.unwrap_or((EARLIEST, LATEST));
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT x.unit_id, COUNT(*) AS registered,
                    COALESCE(SUM(CASE WHEN x.latest >= x.value THEN 1 ELSE 0 END), 0) AS met,
                    COALESCE(SUM(CASE WHEN (x.latest IS NULL OR x.latest < x.value) AND x.due < $3 THEN 1 ELSE 0 END), 0) AS overdue
             FROM (SELECT r.unit_id, t.value, COALESCE(t.due_on, $2) AS due,
                          (SELECT p.value FROM progress p WHERE p.target_id = t.id
                           ORDER BY p.reported_on DESC, p.id DESC LIMIT 1) AS latest
                   FROM target t JOIN registration r ON r.id = t.registration_id JOIN unit u ON u.id = r.unit_id
                   WHERE r.plan_id = $1 AND r.status <> 'draft' AND u.path LIKE $4 ESCAPE '\\'
                     AND COALESCE(t.due_on, $2) >= $5 AND COALESCE(t.due_on, $2) <= $6) x
             GROUP BY x.unit_id",
        )
        .bind(f.plan_id)
        .bind(year_end(f.year))
        .bind(f.today)
        .bind(&pattern)
        .bind(from)
        .bind(to)
        .fetch_all(c)
        .await
    })?)
}

const EARLIEST: Date = time::macros::date!(1900 - 01 - 01);
const LATEST: Date = time::macros::date!(9999 - 12 - 31);

impl From<&UnitTargets> for TargetCounts {
    fn from(u: &UnitTargets) -> Self {
        TargetCounts {
            registered: u.registered,
            met: u.met,
            overdue: u.overdue,
            on_track: u.registered - u.met - u.overdue,
        }
    }
}

/// The reporting unit a unit counts in: the first id of its path ("/3/7/" → 3).
pub fn top_of(path: &str) -> Option<i64> {
    path.split('/').find(|s| !s.is_empty())?.parse().ok()
}

/// The figures of a unit's report (the unit and the units nested in it) on `today`.
pub async fn figures(
    db: &Db,
    plan_id: i64,
    year: i32,
    unit_path: &str,
    today: Date,
) -> StoreResult<Figures> {
    let f = TargetFilter {
        plan_id,
        year,
        today,
        due_between: None,
    };
    let mut targets = TargetCounts::default();
    for u in targets_by_unit(db, &f, Some(unit_path)).await? {
        targets.add(TargetCounts::from(&u));
    }
    let prefix = format!("{}%", like_escape(unit_path));
    #[derive(sqlx::FromRow)]
    struct Member {
        person_id: Option<i64>,
        name: String,
        title_code: Option<String>,
        status: Option<String>,
    }
    let own: Vec<Member> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT CAST(NULL AS BIGINT) AS person_id, u.name, r.title_code, r.status
             FROM registration r JOIN unit u ON u.id = r.unit_id
             WHERE r.plan_id = $1 AND r.person_id IS NULL AND u.path LIKE $2 ESCAPE '\\'
             ORDER BY u.path",
        )
        .bind(plan_id)
        .bind(&prefix)
        .fetch_all(c)
        .await
    })?;
    let members: Vec<Member> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT p.id AS person_id, p.full_name AS name, r.title_code, r.status
             FROM person p JOIN unit u ON u.id = p.unit_id
             LEFT JOIN registration r ON r.person_id = p.id AND r.plan_id = $1
             WHERE p.active = TRUE AND u.path LIKE $2 ESCAPE '\\'
             ORDER BY p.name_sort",
        )
        .bind(plan_id)
        .bind(&prefix)
        .fetch_all(c)
        .await
    })?;
    let registered_members = members
        .iter()
        .filter(|m| matches!(m.status.as_deref(), Some("submitted" | "approved")))
        .count() as i64;
    let member_count = members.len() as i64;
    let titles = own
        .into_iter()
        .chain(members)
        .map(|m| RegisteredTitle {
            person_id: m.person_id,
            name: m.name,
            title_code: m.title_code,
            status: m.status,
        })
        .collect();
    let initiatives: Vec<InitiativeItem> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT i.code, i.title, i.kind, i.scope, p.full_name AS person_name, i.recognized_on
             FROM initiative i JOIN person p ON p.id = i.person_id JOIN unit u ON u.id = p.unit_id
             WHERE i.year = $1 AND u.path LIKE $2 ESCAPE '\\'
             ORDER BY i.recognized_on, i.code",
        )
        .bind(i64::from(year))
        .bind(&prefix)
        .fetch_all(c)
        .await
    })?;
    Ok(Figures {
        as_of: today,
        targets,
        members: member_count,
        registered_members,
        titles,
        initiatives,
    })
}
