//! Registrations (đăng ký thi đua) in an agency's published plan: a person's own (person_id set)
//! or a unit's (person_id NULL), with measurable targets (chỉ tiêu), the review workflow of
//! `tdkt_domain::workflow`, every version kept, and progress on targets with evidence files.
//!
//! Every write is one transaction with its audit row. After the plan's registration deadline
//! (the day itself included) nothing is saved or submitted unless the Office reopened the
//! registration (`reopened_until`).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Target;
use tdkt_domain::targets::{OwnerKind, RegistrationDraft, check_ready, name_key};
use tdkt_domain::workflow::{self, Action, Part, Refusal, Status};

mod lists;
mod progress;

pub use lists::{ListItem, Member, UnitRate, list, members, unit_heads, unit_rates};
pub use progress::{EvidenceRow, NewEvidence, ProgressRow, add_progress, progress, target_of_file};

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

/// A published plan as registrations see it: its year and registration deadline.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PlanRef {
    pub id: i64,
    pub agency_id: i64,
    pub year: i64,
    pub status: String,
    /// The plan's registration deadline (kind `registration`), if it sets one.
    pub deadline: Option<Date>,
}

impl PlanRef {
    pub fn year(&self) -> i32 {
        self.year as i32
    }
}

const PLAN_REF: &str = "SELECT p.id, p.agency_id, p.year, p.status,
    (SELECT MIN(d.due_on) FROM plan_deadline d WHERE d.plan_id = p.id AND d.kind = 'registration') AS deadline
    FROM plan p";

pub async fn plan_ref(db: &Db, plan_id: i64) -> StoreResult<PlanRef> {
    let sql = format!("{PLAN_REF} WHERE p.id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(plan_id)
    .fetch_one(c)
    .await)?)
}

/// The agency's published plan of a year, if any.
pub async fn published_plan(db: &Db, agency_id: i64, year: i32) -> StoreResult<Option<PlanRef>> {
    let sql =
        format!("{PLAN_REF} WHERE p.agency_id = $1 AND p.year = $2 AND p.status = 'published'");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(agency_id)
    .bind(i64::from(year))
    .fetch_optional(c)
    .await)?)
}

/// Whose registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A person, registered in their unit.
    Person { person_id: i64, unit_id: i64 },
    /// A unit's own (collective) registration.
    Unit(i64),
}

impl Owner {
    pub fn key(self) -> String {
        match self {
            Owner::Person { person_id, .. } => format!("p:{person_id}"),
            Owner::Unit(u) => format!("u:{u}"),
        }
    }

    fn unit_id(self) -> i64 {
        match self {
            Owner::Person { unit_id, .. } | Owner::Unit(unit_id) => unit_id,
        }
    }

    fn person_id(self) -> Option<i64> {
        match self {
            Owner::Person { person_id, .. } => Some(person_id),
            Owner::Unit(_) => None,
        }
    }
}

/// A registration with the names around it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub plan_id: i64,
    pub plan_year: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    pub person_id: Option<i64>,
    pub person_code: Option<String>,
    pub person_name: Option<String>,
    pub title_code: Option<String>,
    pub commitment: Option<String>,
    pub status: String,
    pub version: i64,
    pub return_reason: Option<String>,
    pub reopened_until: Option<Date>,
    pub submitted_at: Option<OffsetDateTime>,
    pub reviewed_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

impl RegistrationRow {
    pub fn status(&self) -> Status {
        Status::from_code(&self.status).unwrap_or(Status::Draft)
    }

    pub fn kind(&self) -> OwnerKind {
        if self.person_id.is_some() {
            OwnerKind::Person
        } else {
            OwnerKind::Unit
        }
    }

    /// Where it sits, for the reach check: the unit, and the person of a personal registration.
    pub fn target(&self) -> Target {
        Target {
            agency_id: self.agency_id,
            unit_path: Some(self.unit_path.clone()),
            person_id: self.person_id,
        }
    }

    /// "Phạm Thị Lan Anh" or the unit's name.
    pub fn owner_name(&self) -> &str {
        self.person_name.as_deref().unwrap_or(&self.unit_name)
    }
}

const REG_SELECT: &str = "SELECT r.id, r.plan_id, pl.year AS plan_year, r.agency_id, r.unit_id, u.code AS unit_code,
    u.name AS unit_name, u.path AS unit_path, r.person_id, pe.code AS person_code, pe.full_name AS person_name,
    r.title_code, r.commitment, r.status, r.version, r.return_reason, r.reopened_until, r.submitted_at,
    r.reviewed_at, r.updated_at
    FROM registration r JOIN plan pl ON pl.id = r.plan_id JOIN unit u ON u.id = r.unit_id
    LEFT JOIN person pe ON pe.id = r.person_id";

pub async fn registration(db: &Db, id: i64) -> StoreResult<RegistrationRow> {
    let sql = format!("{REG_SELECT} WHERE r.id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

async fn registration_in_tx(tx: &mut Tx, id: i64) -> StoreResult<RegistrationRow> {
    let sql = format!("{REG_SELECT} WHERE r.id = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// The registration of an owner in a plan, if made.
pub async fn by_owner(db: &Db, plan_id: i64, owner: Owner) -> StoreResult<Option<RegistrationRow>> {
    let sql = format!("{REG_SELECT} WHERE r.plan_id = $1 AND r.owner_key = $2");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(plan_id)
    .bind(owner.key())
    .fetch_optional(c)
    .await)?)
}

/// A target with its latest progress.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TargetRow {
    pub id: i64,
    pub registration_id: i64,
    pub position: i64,
    pub name: String,
    pub value: f64,
    pub unit_of_measure: String,
    pub last_year_value: Option<f64>,
    pub responsible_person_id: Option<i64>,
    pub responsible_name: Option<String>,
    pub due_on: Option<Date>,
    /// The value reached at the latest progress update (updates carry the cumulative value).
    pub reached: Option<f64>,
    pub reached_on: Option<Date>,
}

impl TargetRow {
    /// "3 hơn": not higher than last year.
    pub fn not_higher(&self) -> bool {
        tdkt_domain::targets::not_higher_than_last_year(self.value, self.last_year_value)
    }

    pub fn overdue(&self, today: Date) -> bool {
        tdkt_domain::targets::overdue(self.value, self.reached, self.due_on, today)
    }

    pub fn met(&self) -> bool {
        self.reached.is_some_and(|r| r >= self.value)
    }
}

const TARGET_SELECT: &str = "SELECT t.id, t.registration_id, t.position, t.name, t.value, t.unit_of_measure,
    t.last_year_value, t.responsible_person_id, rp.full_name AS responsible_name, t.due_on,
    (SELECT pr.value FROM progress pr WHERE pr.target_id = t.id ORDER BY pr.reported_on DESC, pr.id DESC LIMIT 1) AS reached,
    (SELECT MAX(pr.reported_on) FROM progress pr WHERE pr.target_id = t.id) AS reached_on
    FROM target t LEFT JOIN person rp ON rp.id = t.responsible_person_id";

pub async fn targets(db: &Db, registration_id: i64) -> StoreResult<Vec<TargetRow>> {
    let sql = format!("{TARGET_SELECT} WHERE t.registration_id = $1 ORDER BY t.position, t.id");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(registration_id)
    .fetch_all(c)
    .await)?)
}

async fn targets_in_tx(tx: &mut Tx, registration_id: i64) -> StoreResult<Vec<TargetRow>> {
    let sql = format!("{TARGET_SELECT} WHERE t.registration_id = $1 ORDER BY t.position, t.id");
    Ok(on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(registration_id)
    .fetch_all(c)
    .await)?)
}

pub async fn target(db: &Db, id: i64) -> StoreResult<TargetRow> {
    let sql = format!("{TARGET_SELECT} WHERE t.id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// The full content of a registration, as kept in each version and in the audit log.
fn content(reg: &RegistrationRow, targets: &[TargetRow]) -> serde_json::Value {
    json!({
        "owner": reg.owner_name(),
        "unit_id": reg.unit_id,
        "person_id": reg.person_id,
        "title_code": reg.title_code,
        "commitment": reg.commitment,
        "status": reg.status,
        "version": reg.version,
        "targets": targets.iter().map(|t| json!({
            "name": t.name, "value": t.value, "unit_of_measure": t.unit_of_measure,
            "last_year_value": t.last_year_value, "responsible_person_id": t.responsible_person_id,
            "due_on": t.due_on.map(tdkt_domain::vn::format_date),
        })).collect::<Vec<_>>(),
    })
}

fn locked_error(deadline: Option<Date>) -> StoreError {
    StoreError::invalid(
        "registration",
        "Đăng ký thi đua",
        Refusal::Locked {
            deadline: deadline
                .map(tdkt_domain::vn::format_date)
                .unwrap_or_default(),
        }
        .to_string(),
    )
}

/// Last year's values of an owner's targets, by name key.
async fn last_year_values(
    tx: &mut Tx,
    plan: &PlanRef,
    owner: Owner,
) -> StoreResult<HashMap<String, f64>> {
    let rows: Vec<(String, f64)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT t.name, t.value FROM target t JOIN registration r ON r.id = t.registration_id
         JOIN plan p ON p.id = r.plan_id
         WHERE p.agency_id = $1 AND p.year = $2 AND r.owner_key = $3 ORDER BY t.position DESC"
    )
    .bind(plan.agency_id)
    .bind(plan.year - 1)
    .bind(owner.key())
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(n, v)| (name_key(&n), v)).collect())
}

/// Saves an owner's registration in a plan (creating it the first time): its title, commitment
/// and targets. Last year's value of a target comes from last year's registration of the same
/// owner when it has a target of the same name. Refused once submitted or approved, and after the
/// deadline unless reopened. Returns the registration's id.
pub async fn save(
    tx: &mut Tx,
    ctx: &Ctx,
    plan: &PlanRef,
    owner: Owner,
    draft: &RegistrationDraft,
) -> StoreResult<i64> {
    let today = ctx.clock.today();
    if plan.status != "published" {
        return Err(StoreError::invalid(
            "plan",
            "Kế hoạch",
            "chưa được phát động",
        ));
    }
    let existing: Option<(i64, String, Option<Date>)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, status, reopened_until FROM registration WHERE plan_id = $1 AND owner_key = $2"
    )
    .bind(plan.id)
    .bind(owner.key())
    .fetch_optional(c)
    .await
    })?;
    let reopened = existing.as_ref().and_then(|e| e.2);
    if workflow::locked(plan.deadline, reopened, today) {
        return Err(locked_error(plan.deadline));
    }
    let now = ctx.clock.now();
    let (id, before) = match existing {
        Some((id, status, _)) => {
            let s = Status::from_code(&status).unwrap_or(Status::Draft);
            if !s.editable() {
                return Err(StoreError::invalid(
                    "registration",
                    "Đăng ký thi đua",
                    format!("đang ở trạng thái “{}”, không sửa được", s.label(false)),
                ));
            }
            let reg = registration_in_tx(tx, id).await?;
            let before = content(&reg, &targets_in_tx(tx, id).await?);
            exec_tx!(tx, |c| {
                sqlx::query(
                "UPDATE registration SET title_code = $1, commitment = $2, updated_at = $3 WHERE id = $4"
            )
            .bind(draft.title_code)
            .bind(&draft.commitment)
            .bind(now)
            .bind(id)
            .execute(c)
            .await
            })?;
            (id, Some(before))
        }
        None => {
            let r: Result<i64, StoreError> = on_tx!(tx, |c| {
                sqlx::query_scalar(
                "INSERT INTO registration (plan_id, agency_id, unit_id, person_id, owner_key, title_code, commitment, status,
                    version, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', 0, $8, $8) RETURNING id"
            )
            .bind(plan.id)
            .bind(plan.agency_id)
            .bind(owner.unit_id())
            .bind(owner.person_id())
            .bind(owner.key())
            .bind(draft.title_code)
            .bind(&draft.commitment)
            .bind(now)
            .fetch_one(c)
            .await
            .map_err(StoreError::from)
            });
            let id = r.map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::conflict(
                        "registration",
                        "Đăng ký thi đua",
                        "đã có bản đăng ký trong kế hoạch này",
                    )
                } else {
                    e
                }
            })?;
            (id, None)
        }
    };
    write_targets(tx, plan, owner, id, draft, now).await?;
    let reg = registration_in_tx(tx, id).await?;
    let after = content(&reg, &targets_in_tx(tx, id).await?);
    audit::record(
        tx,
        ctx,
        Change {
            action: if before.is_some() { "update" } else { "create" },
            entity: "registration",
            entity_id: Some(id.to_string()),
            agency_id: Some(plan.agency_id),
            before,
            after: Some(after),
        },
    )
    .await?;
    Ok(id)
}

/// Replaces the targets of a registration with the draft's: rows with an id update the stored
/// target, new rows are added, rows left out are deleted — unless progress was reported on them.
async fn write_targets(
    tx: &mut Tx,
    plan: &PlanRef,
    owner: Owner,
    id: i64,
    draft: &RegistrationDraft,
    now: OffsetDateTime,
) -> StoreResult<()> {
    let stored: Vec<(i64, String, i64)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT t.id, t.name, (SELECT COUNT(*) FROM progress p WHERE p.target_id = t.id) FROM target t WHERE t.registration_id = $1"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    let last_year = last_year_values(tx, plan, owner).await?;
    let mut errors = FieldErrors::new();
    for (i, t) in draft.targets.iter().enumerate() {
        if let Some(tid) = t.id
            && !stored.iter().any(|s| s.0 == tid)
        {
            errors.add(
                &format!("targets[{i}].id"),
                &format!("Chỉ tiêu dòng {}", i + 1),
                "không thuộc bản đăng ký này",
            );
        }
        if let Some(p) = t.responsible_person_id {
            let in_agency: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(
                "SELECT id FROM person WHERE id = $1 AND agency_id = $2"
            )
            .bind(p)
            .bind(plan.agency_id)
            .fetch_optional(c)
            .await)?;
            if in_agency.is_none() {
                errors.add(
                    &format!("targets[{i}].responsible_person_id"),
                    &format!("Chỉ tiêu dòng {} – người phụ trách", i + 1),
                    "không phải cán bộ của cơ quan",
                );
            }
        }
    }
    for (sid, name, progress) in &stored {
        if !draft.targets.iter().any(|t| t.id == Some(*sid)) && *progress > 0 {
            errors.add(
                "targets",
                "Chỉ tiêu",
                format!("“{name}” đã có cập nhật tiến độ, không xoá được"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    for (sid, _, _) in &stored {
        if !draft.targets.iter().any(|t| t.id == Some(*sid)) {
            exec_tx!(tx, |c| sqlx::query("DELETE FROM target WHERE id = $1")
                .bind(*sid)
                .execute(c)
                .await)?;
        }
    }
    for (i, t) in draft.targets.iter().enumerate() {
        let last = last_year
            .get(&name_key(&t.name))
            .copied()
            .or(t.last_year_value);
        let responsible = t.responsible_person_id.or(owner.person_id());
        match t.id {
            Some(tid) => exec_tx!(tx, |c| {
                sqlx::query(
                "UPDATE target SET position = $1, name = $2, value = $3, unit_of_measure = $4, last_year_value = $5,
                    responsible_person_id = $6, due_on = $7, updated_at = $8 WHERE id = $9"
            )
            .bind(i as i64)
            .bind(&t.name)
            .bind(t.value)
            .bind(&t.unit_of_measure)
            .bind(last)
            .bind(responsible)
            .bind(t.due_on)
            .bind(now)
            .bind(tid)
            .execute(c)
            .await
            })?,
            None => exec_tx!(tx, |c| {
                sqlx::query(
                "INSERT INTO target (registration_id, position, name, value, unit_of_measure, last_year_value,
                    responsible_person_id, due_on, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
            )
            .bind(id)
            .bind(i as i64)
            .bind(&t.name)
            .bind(t.value)
            .bind(&t.unit_of_measure)
            .bind(last)
            .bind(responsible)
            .bind(t.due_on)
            .bind(now)
            .execute(c)
            .await
            })?,
        };
    }
    Ok(())
}

/// Moves a registration through the workflow: submit (by its owner), approve or return with a
/// reason (by its reviewer), reopen until a date (by the Office). `part` is what the caller is
/// towards the registration (the web layer decides it). Every action keeps a version with the
/// full content. Returns the new status.
pub async fn act(
    tx: &mut Tx,
    ctx: &Ctx,
    id: i64,
    action: Action,
    part: Part,
    reason: Option<&str>,
    reopen_until: Option<Date>,
) -> StoreResult<Status> {
    let today = ctx.clock.today();
    let reg = registration_in_tx(tx, id).await?;
    let plan: PlanRef = {
        let sql = format!("{PLAN_REF} WHERE p.id = $1");
        on_tx!(tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(reg.plan_id)
            .fetch_one(c)
            .await)?
    };
    let targets = targets_in_tx(tx, id).await?;
    let before_status = reg.status.clone();
    if action == Action::Submit && reg.status().editable() {
        check_ready(reg.title_code.as_deref(), targets.len()).map_err(StoreError::Invalid)?;
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let new = workflow::transition(
        reg.status(),
        action,
        part,
        reason,
        plan.deadline,
        reg.reopened_until,
        today,
    )
    .map_err(|r| {
        StoreError::invalid(
            if r == Refusal::NoReason {
                "reason"
            } else {
                "action"
            },
            "Thao tác",
            r.to_string(),
        )
    })?;
    let until = if action == Action::Reopen {
        let u = reopen_until.unwrap_or(today + time::Duration::days(7));
        if u < today {
            return Err(StoreError::invalid(
                "reopened_until",
                "Mở lại đến ngày",
                "không được trước ngày hôm nay",
            ));
        }
        Some(u)
    } else {
        reg.reopened_until
    };
    let now = ctx.clock.now();
    let version = reg.version + 1;
    let (submitted, reviewed) = match action {
        Action::Submit => (Some(now), None),
        Action::Approve | Action::Return => (None, Some(now)),
        Action::Reopen => (None, None),
    };
    exec_tx!(tx, |c| {
        sqlx::query(
        "UPDATE registration SET status = $1, version = $2, return_reason = $3, reopened_until = $4,
            submitted_at = COALESCE($5, submitted_at), reviewed_at = COALESCE($6, reviewed_at),
            reviewed_by = CASE WHEN $6 IS NULL THEN reviewed_by ELSE $7 END, updated_at = $8
         WHERE id = $9"
    )
    .bind(new.code())
    .bind(version)
    .bind(if action == Action::Return { reason } else { None })
    .bind(until)
    .bind(submitted)
    .bind(reviewed)
    .bind(ctx.who.user_id)
    .bind(now)
    .bind(id)
    .execute(c)
    .await
    })?;
    let reg = registration_in_tx(tx, id).await?;
    let snapshot = content(&reg, &targets).to_string();
    let code = action_code(action);
    exec_tx!(tx, |c| {
        sqlx::query(
        "INSERT INTO registration_version (registration_id, version, status, action, content, reason, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(id)
    .bind(version)
    .bind(new.code())
    .bind(code)
    .bind(&snapshot)
    .bind(reason)
    .bind(ctx.who.user_id)
    .bind(now)
    .execute(c)
    .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: code,
            entity: "registration",
            entity_id: Some(id.to_string()),
            agency_id: Some(reg.agency_id),
            before: Some(json!({ "status": before_status, "version": version - 1 })),
            after: Some(json!({ "status": new.code(), "version": version, "reason": reason, "reopened_until": until })),
        },
    )
    .await?;
    Ok(new)
}

pub fn action_code(a: Action) -> &'static str {
    match a {
        Action::Submit => "submit",
        Action::Approve => "approve",
        Action::Return => "return",
        Action::Reopen => "reopen",
    }
}

/// One kept version.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub status: String,
    pub action: String,
    pub content: String,
    pub reason: Option<String>,
    pub actor_name: Option<String>,
    pub at: OffsetDateTime,
}

/// Every version of a registration, newest first.
pub async fn versions(db: &Db, registration_id: i64) -> StoreResult<Vec<VersionRow>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
        "SELECT v.id, v.version, v.status, v.action, v.content, v.reason, a.display_name AS actor_name, v.at
         FROM registration_version v LEFT JOIN app_user a ON a.id = v.actor_id
         WHERE v.registration_id = $1 ORDER BY v.version DESC, v.id DESC"
    )
    .bind(registration_id)
    .fetch_all(c)
    .await
    })?)
}
