//! Agencies renamed and merged from a date (DOMAIN.md 4.6). A rename adds a row to `agency_name`
//! (the old rows stay, so documents keep the name of their day); the agency's current name follows
//! once the date has come. A merger moves the merged agency's working units — with their ids, their
//! people and so everything on record about them — under the receiving agency as dated history
//! (each person's assignment is closed the day before and reopened in the receiving agency), and
//! closes the merged agency with a pointer to its successor.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::json;
use time::Date;

use tdkt_domain::unit::AgencyRename;
use tdkt_domain::vn;

use super::{AGENCY_COLS, Agency, OrgEvent, org_event, unit_search_text};
use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

/// A name of an agency in force from a date. `short_name` and `symbol` are `None` when the row
/// left them unchanged.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AgencyName {
    pub valid_from: Date,
    pub name: String,
    pub header_name: String,
    pub short_name: Option<String>,
    pub symbol: Option<String>,
}

/// What a merger moved.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MergeOutcome {
    /// (unit id, code before, code after): a code already used in the receiving agency is
    /// prefixed with the merged agency's symbol.
    pub units: Vec<(i64, String, String)>,
    pub people: usize,
    /// Unit heads' and staff accounts' roles, moved with their units.
    pub roles: u64,
}

/// Reasons written in the people's assignment history.
pub const MERGE_REASON: &str = "Sáp nhập cơ quan";

async fn agency_in_tx(tx: &mut Tx, id: i64) -> StoreResult<Agency> {
    let sql = format!("SELECT {AGENCY_COLS} FROM agency WHERE id = $1");
    let r: Option<Agency> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .fetch_optional(c)
        .await)?;
    r.ok_or(StoreError::NotFound)
}

fn agency_json(a: &Agency) -> serde_json::Value {
    json!({ "symbol": a.symbol, "name": a.name, "short_name": a.short_name, "header_name": a.header_name,
            "dissolved_on": a.dissolved_on, "successor_id": a.successor_id })
}

async fn names_in_tx(tx: &mut Tx, agency_id: i64) -> StoreResult<Vec<AgencyName>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as(
            "SELECT valid_from, name, header_name, short_name, symbol FROM agency_name
             WHERE agency_id = $1 ORDER BY valid_from",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// The names of an agency, oldest first.
pub async fn agency_names(db: &Db, agency_id: i64) -> StoreResult<Vec<AgencyName>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT valid_from, name, header_name, short_name, symbol FROM agency_name
             WHERE agency_id = $1 ORDER BY valid_from",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// The organisational events recorded on an agency (its own and its units'), oldest first.
pub async fn agency_events(db: &Db, agency_id: i64) -> StoreResult<Vec<OrgEvent>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, happened_on, kind, unit_id, other_unit_id, detail FROM org_event
             WHERE agency_id = $1 ORDER BY happened_on, id",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// How many working units and active people an agency has now.
pub async fn agency_counts(db: &Db, agency_id: i64) -> StoreResult<(i64, i64)> {
    let units: i64 = on_db!(db, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM unit WHERE agency_id = $1 AND dissolved_on IS NULL",
        )
        .bind(agency_id)
        .fetch_one(c)
        .await
    })?;
    let people: i64 = on_db!(db, |c| {
        sqlx::query_scalar("SELECT COUNT(*) FROM person WHERE agency_id = $1 AND active = $2")
            .bind(agency_id)
            .bind(true)
            .fetch_one(c)
            .await
    })?;
    Ok((units, people))
}

/// The names, short name and symbol in force on `on`, folded from the rows dated up to that day
/// (a row without a short name or symbol keeps the earlier one; none at all keeps the agency's).
fn in_force(a: &Agency, rows: &[AgencyName], on: Date) -> (String, String, String, String) {
    let mut cur = (
        a.name.clone(),
        a.header_name.clone(),
        a.short_name.clone(),
        a.symbol.clone(),
    );
    for r in rows.iter().filter(|r| r.valid_from <= on) {
        cur.0 = r.name.clone();
        cur.1 = r.header_name.clone();
        if let Some(s) = &r.short_name {
            cur.2 = s.clone();
        }
        if let Some(s) = &r.symbol {
            cur.3 = s.clone();
        }
    }
    cur
}

/// Makes the agency's current fields those in force today; true when something changed.
async fn apply_in_force(tx: &mut Tx, ctx: &Ctx, a: &Agency) -> StoreResult<bool> {
    let rows = names_in_tx(tx, a.id).await?;
    let (name, header_name, short_name, symbol) = in_force(a, &rows, ctx.clock.today());
    if (&name, &header_name, &short_name, &symbol)
        == (&a.name, &a.header_name, &a.short_name, &a.symbol)
    {
        return Ok(false);
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE agency SET name = $1, header_name = $2, short_name = $3, symbol = $4, name_sort = $5,
                updated_at = $6 WHERE id = $7",
        )
        .bind(&name)
        .bind(&header_name)
        .bind(&short_name)
        .bind(&symbol)
        .bind(vn::text_sort_key(&name))
        .bind(ctx.clock.now())
        .bind(a.id)
        .execute(c)
        .await
    })?;
    Ok(true)
}

async fn symbol_taken(tx: &mut Tx, agency_id: i64, symbol: &str) -> StoreResult<bool> {
    let n: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM agency WHERE symbol = $1 AND id <> $2)
                  + (SELECT COUNT(*) FROM agency_name WHERE symbol = $1 AND agency_id <> $2)",
        )
        .bind(symbol)
        .bind(agency_id)
        .fetch_one(c)
        .await
    })?;
    Ok(n > 0)
}

/// Renames an agency from a date: a new name row (the earlier ones stay, so documents dated before
/// keep their name); the agency's current name changes now if the date has come, else on that day
/// ([`apply_due_agency_names`]). Returns whether the new name is already in force.
pub async fn rename_agency(
    tx: &mut Tx,
    ctx: &Ctx,
    agency_id: i64,
    r: &AgencyRename,
) -> StoreResult<bool> {
    let before = agency_in_tx(tx, agency_id).await?;
    if let Some(d) = before.dissolved_on {
        return Err(StoreError::invalid(
            "agency",
            "Cơ quan",
            format!(
                "đã sáp nhập vào cơ quan khác từ ngày {}; không đổi tên được nữa",
                vn::format_date(d)
            ),
        ));
    }
    let rows = names_in_tx(tx, agency_id).await?;
    let latest = rows.last().map(|l| l.valid_from).or(before.established_on);
    if let Some(l) = latest
        && r.effective_on <= l
    {
        return Err(StoreError::invalid(
            "effective_on",
            "Ngày hiệu lực",
            format!(
                "phải sau ngày {} (ngày có hiệu lực của tên gần nhất); lịch sử tên không được viết lại",
                vn::format_date(l)
            ),
        ));
    }
    let (cur_name, cur_header, cur_short, cur_symbol) = in_force(&before, &rows, Date::MAX);
    let short_name = r.short_name.clone().filter(|s| *s != cur_short);
    let symbol = r.symbol.clone().filter(|s| *s != cur_symbol);
    if r.name == cur_name && r.header_name == cur_header && short_name.is_none() && symbol.is_none()
    {
        return Err(StoreError::invalid(
            "name",
            "Tên cơ quan",
            "giống tên hiện hành; không có gì để đổi",
        ));
    }
    if let Some(s) = &symbol
        && symbol_taken(tx, agency_id, s).await?
    {
        return Err(StoreError::conflict(
            "symbol",
            "Ký hiệu cơ quan",
            format!("“{s}” đã được dùng"),
        ));
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO agency_name (agency_id, valid_from, name, header_name, short_name, symbol)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(agency_id)
        .bind(r.effective_on)
        .bind(&r.name)
        .bind(&r.header_name)
        .bind(&short_name)
        .bind(&symbol)
        .execute(c)
        .await
    })?;
    let applied = r.effective_on <= ctx.clock.today();
    if applied {
        apply_in_force(tx, ctx, &before).await?;
    }
    org_event(
        tx,
        ctx,
        r.effective_on,
        "agency_renamed",
        agency_id,
        None,
        None,
        json!({ "from": cur_name, "to": r.name, "header_from": cur_header, "header_to": r.header_name,
                "symbol_from": cur_symbol, "symbol_to": symbol, "short_name_to": short_name }),
    )
    .await?;
    let after = agency_in_tx(tx, agency_id).await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "rename",
            entity: "agency",
            entity_id: Some(agency_id.to_string()),
            agency_id: Some(agency_id),
            before: Some(agency_json(&before)),
            after: Some(json!({
                "current": agency_json(&after),
                "name_from": { "valid_from": r.effective_on, "name": r.name, "header_name": r.header_name,
                               "short_name": short_name, "symbol": symbol },
                "in_force": applied,
            })),
        },
    )
    .await?;
    Ok(applied)
}

/// Brings every working agency's current name to the one in force today (a rename dated ahead
/// takes effect on its day). Run by the server's scheduler; returns how many agencies changed.
pub async fn apply_due_agency_names(tx: &mut Tx, ctx: &Ctx) -> StoreResult<usize> {
    let sql = format!(
        "SELECT {AGENCY_COLS} FROM agency WHERE dissolved_on IS NULL
           AND id IN (SELECT agency_id FROM agency_name WHERE valid_from <= $1) ORDER BY id"
    );
    let list: Vec<Agency> = on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(ctx.clock.today())
        .fetch_all(c)
        .await)?;
    let mut changed = 0;
    for a in list {
        if apply_in_force(tx, ctx, &a).await? {
            let after = agency_in_tx(tx, a.id).await?;
            audit::record(
                tx,
                ctx,
                Change {
                    action: "rename_in_force",
                    entity: "agency",
                    entity_id: Some(a.id.to_string()),
                    agency_id: Some(a.id),
                    before: Some(agency_json(&a)),
                    after: Some(agency_json(&after)),
                },
            )
            .await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// A unit code free in the receiving agency: the code itself, else prefixed with the merged
/// agency's symbol ("TTTT-VP"), else numbered.
fn free_code(code: &str, symbol: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(code) {
        return code.to_owned();
    }
    let base: String = format!("{symbol}-{code}").chars().take(29).collect();
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .expect("a free code")
}

/// Merges an agency into another on a date (sáp nhập): see the module's documentation. The date
/// must have come (a merger is recorded once in force) and follow every assignment of the merged
/// agency's people.
pub async fn merge_agency(
    tx: &mut Tx,
    ctx: &Ctx,
    agency_id: i64,
    into_id: i64,
    on: Date,
) -> StoreResult<MergeOutcome> {
    let from = agency_in_tx(tx, agency_id).await?;
    let into = agency_in_tx(tx, into_id).await?;
    if agency_id == into_id {
        return Err(StoreError::invalid(
            "into",
            "Cơ quan tiếp nhận",
            "không thể sáp nhập một cơ quan vào chính nó",
        ));
    }
    if let Some(d) = from.dissolved_on {
        return Err(StoreError::invalid(
            "agency",
            "Cơ quan",
            format!(
                "đã sáp nhập vào cơ quan khác từ ngày {}",
                vn::format_date(d)
            ),
        ));
    }
    if let Some(d) = into.dissolved_on {
        return Err(StoreError::invalid(
            "into",
            "Cơ quan tiếp nhận",
            format!(
                "“{}” đã sáp nhập vào cơ quan khác từ ngày {}; hãy chọn một cơ quan đang hoạt động",
                into.name,
                vn::format_date(d)
            ),
        ));
    }
    let today = ctx.clock.today();
    if on > today {
        return Err(StoreError::invalid(
            "on",
            "Ngày sáp nhập",
            format!(
                "không được sau hôm nay ({}): việc sáp nhập được ghi khi đã có hiệu lực",
                vn::format_date(today)
            ),
        ));
    }
    for a in [&from, &into] {
        if let Some(e) = a.established_on
            && on <= e
        {
            return Err(StoreError::invalid(
                "on",
                "Ngày sáp nhập",
                format!(
                    "phải sau ngày thành lập của {} ({})",
                    a.name,
                    vn::format_date(e)
                ),
            ));
        }
    }
    let last_from: Option<Date> = on_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT MAX(pu.from_date) FROM person_unit pu JOIN person p ON p.id = pu.person_id
             WHERE p.agency_id = $1 AND p.active = $2 AND pu.to_date IS NULL",
        )
        .bind(agency_id)
        .bind(true)
        .fetch_one(c)
        .await
    })?;
    if let Some(f) = last_from
        && on <= f
    {
        return Err(StoreError::invalid(
            "on",
            "Ngày sáp nhập",
            format!(
                "phải sau ngày {} (lần chuyển công tác gần nhất của một cán bộ trong cơ quan)",
                vn::format_date(f)
            ),
        ));
    }

    let now = ctx.clock.now();
    let mut out = MergeOutcome::default();
    // Units: the working ones move, keeping their ids (and so their records and people).
    let units: Vec<(i64, String, String)> = on_tx!(tx, |c| {
        sqlx::query_as(
            "SELECT id, code, name FROM unit WHERE agency_id = $1 AND dissolved_on IS NULL ORDER BY path",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?;
    let mut taken: HashSet<String> = on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT code FROM unit WHERE agency_id = $1")
            .bind(into_id)
            .fetch_all(c)
            .await
    })?
    .into_iter()
    .collect();
    let mut order: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT COALESCE(MAX(sort_order), 0) FROM unit WHERE agency_id = $1")
            .bind(into_id)
            .fetch_one(c)
            .await
    })?;
    for (id, code, name) in &units {
        let new_code = free_code(code, &from.symbol, &taken);
        taken.insert(new_code.clone());
        order += 1;
        exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE unit SET agency_id = $1, code = $2, name_search = $3, sort_order = $4, updated_at = $5
                 WHERE id = $6",
            )
            .bind(into_id)
            .bind(&new_code)
            .bind(unit_search_text(name, &new_code))
            .bind(order)
            .bind(now)
            .bind(id)
            .execute(c)
            .await
        })?;
        org_event(
            tx,
            ctx,
            on,
            "unit_changed_agency",
            into_id,
            Some(*id),
            None,
            json!({ "name": name, "from_agency_id": agency_id, "from_symbol": from.symbol, "from": from.name,
                    "into": into.name, "code_from": code, "code_to": new_code }),
        )
        .await?;
        audit::record(
            tx,
            ctx,
            Change {
                action: "move_agency",
                entity: "unit",
                entity_id: Some(id.to_string()),
                agency_id: Some(into_id),
                before: Some(json!({ "agency_id": agency_id, "code": code })),
                after: Some(json!({ "agency_id": into_id, "code": new_code, "from": on })),
            },
        )
        .await?;
        out.units.push((*id, code.clone(), new_code));
    }
    // People: each active person's assignment closes the day before and reopens in the receiving
    // agency, in the same unit.
    let people: Vec<(i64, Option<i64>)> = on_tx!(tx, |c| {
        sqlx::query_as(
            "SELECT id, unit_id FROM person WHERE agency_id = $1 AND active = $2 ORDER BY id",
        )
        .bind(agency_id)
        .bind(true)
        .fetch_all(c)
        .await
    })?;
    let end = on.previous_day().unwrap_or(on);
    for (person_id, unit_id) in &people {
        exec_tx!(tx, |c| {
            sqlx::query(
                "UPDATE person_unit SET to_date = $1 WHERE person_id = $2 AND to_date IS NULL",
            )
            .bind(end)
            .bind(person_id)
            .execute(c)
            .await
        })?;
        if let Some(u) = unit_id {
            exec_tx!(tx, |c| {
                sqlx::query(
                    "INSERT INTO person_unit (person_id, agency_id, unit_id, from_date, reason)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(person_id)
                .bind(into_id)
                .bind(u)
                .bind(on)
                .bind(MERGE_REASON)
                .execute(c)
                .await
            })?;
        }
    }
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE person SET agency_id = $1, updated_at = $2 WHERE agency_id = $3 AND active = $4",
        )
        .bind(into_id)
        .bind(now)
        .bind(agency_id)
        .bind(true)
        .execute(c)
        .await
    })?;
    out.people = people.len();
    // Roles tied to a unit or to one's own record follow the people; the agency-wide roles
    // (administrator, leadership, office, council) stay with the merged agency and its archive.
    out.roles = exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE user_role SET agency_id = $1 WHERE agency_id = $2 AND role IN ('truong_don_vi', 'can_bo')",
        )
        .bind(into_id)
        .bind(agency_id)
        .execute(c)
        .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE agency SET dissolved_on = $1, successor_id = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(on)
        .bind(into_id)
        .bind(now)
        .bind(agency_id)
        .execute(c)
        .await
    })?;
    let units_json: Vec<serde_json::Value> = out
        .units
        .iter()
        .map(|(id, a, b)| json!({ "id": id, "code_from": a, "code_to": b }))
        .collect();
    org_event(
        tx,
        ctx,
        on,
        "agency_merged",
        agency_id,
        None,
        None,
        json!({ "into_id": into_id, "into": into.name, "into_symbol": into.symbol,
                "units": out.units.len(), "people": out.people }),
    )
    .await?;
    org_event(
        tx,
        ctx,
        on,
        "agency_absorbed",
        into_id,
        None,
        None,
        json!({ "from_id": agency_id, "from": from.name, "from_symbol": from.symbol,
                "units": out.units.len(), "people": out.people }),
    )
    .await?;
    let people_ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    audit::record(
        tx,
        ctx,
        Change {
            action: "merge",
            entity: "agency",
            entity_id: Some(agency_id.to_string()),
            agency_id: Some(agency_id),
            before: Some(agency_json(&from)),
            after: Some(
                json!({ "dissolved_on": on, "successor_id": into_id, "units": units_json,
                                "people": people_ids, "roles_moved": out.roles }),
            ),
        },
    )
    .await?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "absorb",
            entity: "agency",
            entity_id: Some(into_id.to_string()),
            agency_id: Some(into_id),
            before: Some(agency_json(&into)),
            after: Some(
                json!({ "merged_from": agency_id, "on": on, "units": units_json,
                                "people": out.people }),
            ),
        },
    )
    .await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_taken_in_the_receiving_agency_gets_the_symbol() {
        let taken: HashSet<String> = ["VP", "TTTT-VP", "KHTC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(free_code("QLKH", "TTTT", &taken), "QLKH");
        assert_eq!(free_code("KHTC", "TTTT", &taken), "TTTT-KHTC");
        assert_eq!(free_code("VP", "TTTT", &taken), "TTTT-VP-2");
        assert!(tdkt_domain::person::valid_code(&free_code(
            &"X".repeat(32),
            "KHCN",
            &["X".repeat(32)].into_iter().collect()
        )));
    }
}
