//! The Office's dashboard of a plan (per reporting unit) and the province-wide overview (per
//! agency): a fixed number of aggregate queries, whatever the number of units.

use std::collections::HashMap;

use serde::Serialize;
use time::Date;

use tdkt_domain::policy::Scope;

use super::{
    Kind, ListItem, REPORT_COLS, ReportRow, ReportingUnit, TargetCounts, TargetFilter, Timeliness,
    due_date, reporting_units, scope_reaches, targets_by_unit, top_of, year_end,
};
use crate::error::StoreResult;
use crate::sql::{Arg, Sql, fetch_all_sql};
use crate::{Db, on_db};

// ---------------------------------------------------------------------------------------------
// The Office's dashboard of a plan

/// A person whose rating misses the seed's goal ("hoàn thành tốt nhiệm vụ" or better).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct BelowGoal {
    pub person_id: i64,
    pub code: String,
    pub full_name: String,
    pub unit_id: Option<i64>,
    /// The person's own unit (a nested one included).
    pub unit_name: String,
    pub rating: Option<String>,
}

/// Ratings against the goal: at HTTNV or better, below it, not rated yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GoalCounts {
    pub total: i64,
    pub good: i64,
    pub below: i64,
    pub unrated: i64,
}

/// Report counts of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReportCounts {
    /// Units expected to send it.
    pub expected: i64,
    pub on_time: i64,
    pub late: i64,
    /// Not sent and past due.
    pub missing: i64,
    /// Reports returned at least once.
    pub returned: i64,
    pub accepted: i64,
}

/// One reporting unit's line of the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct UnitLine {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub members: i64,
    /// Members whose registration was sent (submitted or approved).
    pub registered: i64,
    pub approved: i64,
    /// The unit's own (collective) registration status, if any.
    pub unit_registration: Option<String>,
    pub targets: TargetCounts,
    pub staff: GoalCounts,
    pub unit_rating: Option<String>,
    /// Per kind shown: where the unit's report stands.
    pub reports: Vec<UnitReport>,
}

/// Where a unit's report of a kind stands.
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    pub kind: Kind,
    pub timeliness: Timeliness,
    /// None while the unit has not started it.
    pub id: Option<i64>,
    pub status: Option<String>,
    pub returned: i64,
}

impl UnitLine {
    /// Registered members per hundred (0 with no members).
    pub fn rate(&self) -> i64 {
        percent(self.registered, self.members)
    }
}

/// `part` of `whole` in whole percent, rounded down (so 99.6% never shows as 100%).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { part * 100 / whole }
}

/// The dashboard of a plan, or of one of its phases.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub units: Vec<UnitLine>,
    pub members: i64,
    pub registered: i64,
    pub targets: TargetCounts,
    pub reports: Vec<(Kind, ReportCounts)>,
    pub staff: GoalCounts,
    pub units_goal: GoalCounts,
    /// People rated below HTTNV, by name.
    pub below: Vec<BelowGoal>,
    /// Reporting units rated below HTTNV (or not rated): (id, name, rating).
    pub units_below: Vec<(i64, String, Option<String>)>,
}

#[derive(sqlx::FromRow)]
struct PeopleByUnit {
    unit_id: Option<i64>,
    members: i64,
    good: i64,
    below: i64,
}

#[derive(sqlx::FromRow)]
struct RegsByUnit {
    unit_id: i64,
    registered: i64,
    approved: i64,
}

fn is_good(rating: Option<&str>) -> bool {
    matches!(rating, Some("HTXSNV" | "HTTNV"))
}

/// The dashboard of a plan for the reporting units in reach: registration, targets (all, or
/// those due within `f.due_between`), the reports of `kinds`, and the seed's goal of 100% of units
/// and staff at "hoàn thành tốt nhiệm vụ" or better (ratings of the plan's year). A handful of
/// aggregate queries, whatever the number of units.
pub async fn dashboard(
    db: &Db,
    agency_id: i64,
    f: &TargetFilter,
    scope: &Scope,
    kinds: &[Kind],
) -> StoreResult<Dashboard> {
    let units: Vec<ReportingUnit> = reporting_units(db, agency_id)
        .await?
        .into_iter()
        .filter(|u| scope_reaches(scope, u.agency_id, &u.path))
        .collect();
    let paths: HashMap<i64, i64> = all_unit_tops(db, agency_id).await?;
    let top = |unit: Option<i64>| unit.and_then(|u| paths.get(&u).copied());
    let year = i64::from(f.year);

    let people: Vec<PeopleByUnit> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT p.unit_id, COUNT(*) AS members,
                    COALESCE(SUM(CASE WHEN pr.rating IN ('HTXSNV', 'HTTNV') THEN 1 ELSE 0 END), 0) AS good,
                    COALESCE(SUM(CASE WHEN pr.rating IN ('HTNV', 'KHTNV') THEN 1 ELSE 0 END), 0) AS below
             FROM person p LEFT JOIN person_rating pr ON pr.person_id = p.id AND pr.year = $2
             WHERE p.agency_id = $1 AND p.active = TRUE GROUP BY p.unit_id",
        )
        .bind(agency_id)
        .bind(year)
        .fetch_all(c)
        .await
    })?;
    let regs: Vec<RegsByUnit> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT r.unit_id,
                    COALESCE(SUM(CASE WHEN r.status IN ('submitted', 'approved') THEN 1 ELSE 0 END), 0) AS registered,
                    COALESCE(SUM(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END), 0) AS approved
             FROM registration r JOIN person p ON p.id = r.person_id AND p.active = TRUE
             WHERE r.plan_id = $1 AND r.person_id IS NOT NULL GROUP BY r.unit_id",
        )
        .bind(f.plan_id)
        .fetch_all(c)
        .await
    })?;
    let own_regs: Vec<(i64, String)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT unit_id, status FROM registration WHERE plan_id = $1 AND person_id IS NULL",
        )
        .bind(f.plan_id)
        .fetch_all(c)
        .await
    })?;
    let unit_ratings: Vec<(i64, String)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT ur.unit_id, ur.rating FROM unit_rating ur JOIN unit u ON u.id = ur.unit_id
             WHERE u.agency_id = $1 AND ur.year = $2",
        )
        .bind(agency_id)
        .bind(year)
        .fetch_all(c)
        .await
    })?;
    let targets = targets_by_unit(db, f, None).await?;
    let sql = format!("SELECT {REPORT_COLS} FROM report WHERE plan_id = $1");
    let reports: Vec<ReportRow> = on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(f.plan_id)
        .fetch_all(c)
        .await)?;
    let mut dues = HashMap::new();
    for k in kinds {
        dues.insert(*k, due_date(db, f.plan_id, *k).await?);
    }

    let mut lines: Vec<UnitLine> = units
        .iter()
        .map(|u| UnitLine {
            unit_id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            members: 0,
            registered: 0,
            approved: 0,
            unit_registration: own_regs
                .iter()
                .find(|(id, _)| *id == u.id)
                .map(|(_, s)| s.clone()),
            targets: TargetCounts::default(),
            staff: GoalCounts::default(),
            unit_rating: unit_ratings
                .iter()
                .find(|(id, _)| *id == u.id)
                .map(|(_, r)| r.clone()),
            reports: Vec::new(),
        })
        .collect();
    let index: HashMap<i64, usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.unit_id, i))
        .collect();
    let line_of = |unit: Option<i64>| top(unit).and_then(|t| index.get(&t).copied());
    for p in &people {
        if let Some(i) = line_of(p.unit_id) {
            let l = &mut lines[i];
            l.members += p.members;
            l.staff.total += p.members;
            l.staff.good += p.good;
            l.staff.below += p.below;
            l.staff.unrated += p.members - p.good - p.below;
        }
    }
    for r in &regs {
        if let Some(i) = line_of(Some(r.unit_id)) {
            lines[i].registered += r.registered;
            lines[i].approved += r.approved;
        }
    }
    for t in &targets {
        if let Some(i) = line_of(Some(t.unit_id)) {
            lines[i].targets.add(TargetCounts::from(t));
        }
    }
    let mut report_counts: Vec<(Kind, ReportCounts)> = Vec::new();
    for k in kinds {
        let mut c = ReportCounts::default();
        for l in lines.iter_mut() {
            let item = ListItem {
                unit_id: l.unit_id,
                unit_code: l.code.clone(),
                unit_name: l.name.clone(),
                unit_path: String::new(),
                kind: *k,
                due_on: dues[k],
                report: reports
                    .iter()
                    .find(|r| r.unit_id == l.unit_id && r.kind == k.code())
                    .cloned(),
            };
            let t = item.timeliness(f.today);
            c.expected += 1;
            match t {
                Timeliness::OnTime => c.on_time += 1,
                Timeliness::Late => c.late += 1,
                Timeliness::Missing => c.missing += 1,
                Timeliness::Pending => {}
            }
            let returned = item.returned_count();
            if returned > 0 {
                c.returned += 1;
            }
            let status = item.report.as_ref().map(|r| r.status.clone());
            if status.as_deref() == Some("approved") {
                c.accepted += 1;
            }
            l.reports.push(UnitReport {
                kind: *k,
                timeliness: t,
                id: item.report.as_ref().map(|r| r.id),
                status,
                returned,
            });
        }
        report_counts.push((*k, c));
    }

    let mut below: Vec<BelowGoal> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT p.id AS person_id, p.code, p.full_name, p.unit_id, COALESCE(u.name, '') AS unit_name, pr.rating
             FROM person p JOIN person_rating pr ON pr.person_id = p.id AND pr.year = $2
             LEFT JOIN unit u ON u.id = p.unit_id
             WHERE p.agency_id = $1 AND p.active = TRUE AND pr.rating IN ('HTNV', 'KHTNV')
             ORDER BY p.name_sort",
        )
        .bind(agency_id)
        .bind(year)
        .fetch_all(c)
        .await
    })?;
    below.retain(|b| line_of(b.unit_id).is_some());

    let mut dash = Dashboard {
        members: lines.iter().map(|l| l.members).sum(),
        registered: lines.iter().map(|l| l.registered).sum(),
        targets: TargetCounts::default(),
        reports: report_counts,
        staff: GoalCounts::default(),
        units_goal: GoalCounts::default(),
        below,
        units_below: Vec::new(),
        units: Vec::new(),
    };
    for l in &lines {
        dash.targets.add(l.targets);
        dash.staff.total += l.staff.total;
        dash.staff.good += l.staff.good;
        dash.staff.below += l.staff.below;
        dash.staff.unrated += l.staff.unrated;
        dash.units_goal.total += 1;
        match l.unit_rating.as_deref() {
            r if is_good(r) => dash.units_goal.good += 1,
            None => {
                dash.units_goal.unrated += 1;
                dash.units_below.push((l.unit_id, l.name.clone(), None));
            }
            Some(r) => {
                dash.units_goal.below += 1;
                dash.units_below
                    .push((l.unit_id, l.name.clone(), Some(r.to_owned())));
            }
        }
    }
    dash.units = lines;
    Ok(dash)
}

/// Every unit of an agency (dissolved ones too) with the reporting unit it counts in.
async fn all_unit_tops(db: &Db, agency_id: i64) -> StoreResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, String)> = on_db!(db, |c| {
        sqlx::query_as("SELECT id, path FROM unit WHERE agency_id = $1")
            .bind(agency_id)
            .fetch_all(c)
            .await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, path)| top_of(&path).map(|t| (id, t)))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The province-wide overview

/// One agency's headline figures for a year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AgencyLine {
    pub agency_id: i64,
    pub symbol: String,
    pub name: String,
    /// The agency's plan of the year, and whether it was launched.
    pub plan_id: Option<i64>,
    pub plan_published: bool,
    pub units: i64,
    pub members: i64,
    pub registered: i64,
    pub targets: TargetCounts,
    pub mid_year: ReportCounts,
    pub year_end: ReportCounts,
    pub staff: GoalCounts,
    pub units_goal: GoalCounts,
}

impl AgencyLine {
    pub fn rate(&self) -> i64 {
        percent(self.registered, self.members)
    }
}

#[derive(sqlx::FromRow)]
struct AgencyBase {
    id: i64,
    symbol: String,
    name: String,
    plan_id: Option<i64>,
    plan_status: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ByAgency {
    agency_id: i64,
    a: i64,
    b: i64,
    c: i64,
}

#[derive(sqlx::FromRow)]
struct ReportsByAgency {
    agency_id: i64,
    kind: String,
    on_time: i64,
    late: i64,
    returned: i64,
    accepted: i64,
    sent: i64,
    due_on: Option<String>,
}

/// Each agency in reach with the headline figures of its plan for `year`: a fixed number of
/// queries, each grouped by agency (indexes: registration by plan, target by registration,
/// progress by target, person by agency, report by plan).
pub async fn overview(
    db: &Db,
    scope: &Scope,
    year: i32,
    today: Date,
) -> StoreResult<Vec<AgencyLine>> {
    let y = i64::from(year);
    let mut sql = Sql::new("");
    let py = sql.arg(Arg::I64(y));
    sql.push(&format!(
        "SELECT a.id, a.symbol, a.name, pl.id AS plan_id, pl.status AS plan_status
         FROM agency a LEFT JOIN plan pl ON pl.agency_id = a.id AND pl.year = {py}
         WHERE a.dissolved_on IS NULL"
    ));
    sql.scope(scope, "a.id", "''", None);
    sql.push(" ORDER BY a.name_sort");
    let base = fetch_all_sql!(db, sql, AgencyBase)?;
    let mut lines: Vec<AgencyLine> = base
        .into_iter()
        .map(|b| AgencyLine {
            agency_id: b.id,
            symbol: b.symbol,
            name: b.name,
            plan_id: b.plan_id,
            plan_published: b.plan_status.as_deref() == Some("published"),
            ..Default::default()
        })
        .collect();
    let index: HashMap<i64, usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.agency_id, i))
        .collect();

    // Units that report, and their ratings.
    let units: Vec<ByAgency> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT u.agency_id, COUNT(*) AS a,
                    COALESCE(SUM(CASE WHEN ur.rating IN ('HTXSNV', 'HTTNV') THEN 1 ELSE 0 END), 0) AS b,
                    COALESCE(SUM(CASE WHEN ur.rating IN ('HTNV', 'KHTNV') THEN 1 ELSE 0 END), 0) AS c
             FROM unit u LEFT JOIN unit_rating ur ON ur.unit_id = u.id AND ur.year = $1
             WHERE u.parent_id IS NULL AND u.dissolved_on IS NULL GROUP BY u.agency_id",
        )
        .bind(y)
        .fetch_all(c)
        .await
    })?;
    for r in units {
        if let Some(&i) = index.get(&r.agency_id) {
            let l = &mut lines[i];
            l.units = r.a;
            l.units_goal = GoalCounts {
                total: r.a,
                good: r.b,
                below: r.c,
                unrated: r.a - r.b - r.c,
            };
        }
    }
    // Staff and their ratings.
    let staff: Vec<ByAgency> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT p.agency_id, COUNT(*) AS a,
                    COALESCE(SUM(CASE WHEN pr.rating IN ('HTXSNV', 'HTTNV') THEN 1 ELSE 0 END), 0) AS b,
                    COALESCE(SUM(CASE WHEN pr.rating IN ('HTNV', 'KHTNV') THEN 1 ELSE 0 END), 0) AS c
             FROM person p LEFT JOIN person_rating pr ON pr.person_id = p.id AND pr.year = $1
             WHERE p.active = TRUE GROUP BY p.agency_id",
        )
        .bind(y)
        .fetch_all(c)
        .await
    })?;
    for r in staff {
        if let Some(&i) = index.get(&r.agency_id) {
            let l = &mut lines[i];
            l.members = r.a;
            l.staff = GoalCounts {
                total: r.a,
                good: r.b,
                below: r.c,
                unrated: r.a - r.b - r.c,
            };
        }
    }
    // Registrations sent, by members.
    let regs: Vec<(i64, i64)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT r.agency_id, COUNT(*) FROM registration r JOIN plan pl ON pl.id = r.plan_id
             WHERE pl.year = $1 AND r.person_id IS NOT NULL AND r.status IN ('submitted', 'approved')
             GROUP BY r.agency_id",
        )
        .bind(y)
        .fetch_all(c)
        .await
    })?;
    for (a, n) in regs {
        if let Some(&i) = index.get(&a) {
            lines[i].registered = n;
        }
    }
    // Targets.
    let targets: Vec<(i64, i64, i64, i64)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT x.agency_id, COUNT(*),
                    COALESCE(SUM(CASE WHEN x.latest >= x.value THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN (x.latest IS NULL OR x.latest < x.value) AND x.due < $3 THEN 1 ELSE 0 END), 0)
             FROM (SELECT r.agency_id, t.value, COALESCE(t.due_on, $2) AS due,
                          (SELECT p.value FROM progress p WHERE p.target_id = t.id
                           ORDER BY p.reported_on DESC, p.id DESC LIMIT 1) AS latest
                   FROM target t JOIN registration r ON r.id = t.registration_id JOIN plan pl ON pl.id = r.plan_id
                   WHERE pl.year = $1 AND r.status <> 'draft') x
             GROUP BY x.agency_id",
        )
        .bind(y)
        .bind(year_end(year))
        .bind(today)
        .fetch_all(c)
        .await
    })?;
    for (a, registered, met, overdue) in targets {
        if let Some(&i) = index.get(&a) {
            lines[i].targets = TargetCounts {
                registered,
                met,
                overdue,
                on_track: registered - met - overdue,
            };
        }
    }
    // Reports, by kind.
    let reports: Vec<ReportsByAgency> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT r.agency_id, r.kind,
                    COALESCE(SUM(CASE WHEN r.first_submitted_on <= r.due_on THEN 1 ELSE 0 END), 0) AS on_time,
                    COALESCE(SUM(CASE WHEN r.first_submitted_on > r.due_on THEN 1 ELSE 0 END), 0) AS late,
                    COALESCE(SUM(CASE WHEN r.returned_count > 0 THEN 1 ELSE 0 END), 0) AS returned,
                    COALESCE(SUM(CASE WHEN r.status = 'approved' THEN 1 ELSE 0 END), 0) AS accepted,
                    COALESCE(SUM(CASE WHEN r.first_submitted_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS sent,
                    CAST(MIN(r.due_on) AS TEXT) AS due_on
             FROM report r JOIN plan pl ON pl.id = r.plan_id
             WHERE pl.year = $1 GROUP BY r.agency_id, r.kind",
        )
        .bind(y)
        .fetch_all(c)
        .await
    })?;
    // The due dates of plans whose units have not started a report yet.
    let dues: Vec<(i64, String, String)> = on_db!(db, |c| {
        sqlx::query_as(
            "SELECT pl.agency_id, d.kind, CAST(MIN(d.due_on) AS TEXT) FROM plan_deadline d JOIN plan pl ON pl.id = d.plan_id
             WHERE pl.year = $1 AND d.kind IN ('mid_year_report', 'year_end_report') GROUP BY pl.agency_id, d.kind",
        )
        .bind(y)
        .fetch_all(c)
        .await
    })?;
    let today_s = today.to_string();
    for l in lines.iter_mut() {
        for k in Kind::ALL {
            let r = reports
                .iter()
                .find(|r| r.agency_id == l.agency_id && r.kind == k.code());
            let due = dues
                .iter()
                .find(|d| d.0 == l.agency_id && d.1 == k.deadline_kind())
                .map(|d| d.2.clone())
                .or_else(|| r.and_then(|r| r.due_on.clone()));
            let sent = r.map_or(0, |r| r.sent);
            let counts = ReportCounts {
                expected: l.units,
                on_time: r.map_or(0, |r| r.on_time),
                late: r.map_or(0, |r| r.late),
                returned: r.map_or(0, |r| r.returned),
                accepted: r.map_or(0, |r| r.accepted),
                missing: if l.plan_id.is_some() && due.is_some_and(|d| today_s > d) {
                    (l.units - sent).max(0)
                } else {
                    0
                },
            };
            match k {
                Kind::MidYear => l.mid_year = counts,
                Kind::YearEnd => l.year_end = counts,
            }
        }
    }
    Ok(lines)
}
