//! What the app tells people about the year's deadlines: who owes what (read from the plan's
//! deadlines, the registrations and the reports), the notifications shown in the app, the log of
//! e-mails handed to the mail server, and the secrets of personal calendar feeds.
//!
//! The registration and report tables are written by their own modules; this one only reads them,
//! with its own queries.

use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::audit::{self, Change, Ctx};
use crate::error::{StoreError, StoreResult};
use crate::{Db, Tx, exec_tx, on_db, on_tx};

// --- deadlines and who owes what -----------------------------------------------------------------

/// A deadline of a published plan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PlanDeadline {
    pub deadline_id: i64,
    pub plan_id: i64,
    pub agency_id: i64,
    pub year: i64,
    pub kind: String,
    pub due_on: Date,
    pub description: String,
}

/// Deadlines of published plans falling between two days (both included).
pub async fn published_deadlines(db: &Db, from: Date, to: Date) -> StoreResult<Vec<PlanDeadline>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT d.id AS deadline_id, d.plan_id, p.agency_id, p.year, d.kind, d.due_on, d.description
             FROM plan_deadline d JOIN plan p ON p.id = d.plan_id
             WHERE p.status = 'published' AND d.due_on >= $1 AND d.due_on <= $2
             ORDER BY d.due_on, p.agency_id, d.id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(c)
        .await
    })?)
}

/// An account that can be told something: its address is the account's e-mail, else the
/// person's.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Recipient {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub person_id: Option<i64>,
    /// The person's current unit (staff), or the unit headed (unit heads).
    pub unit_id: Option<i64>,
}

const ADDRESS: &str = "COALESCE(NULLIF(TRIM(u.email), ''), NULLIF(TRIM(p.email), '')) AS email";

/// Active accounts linked to an active person of the agency: the staff who register.
pub async fn staff(db: &Db, agency_id: i64) -> StoreResult<Vec<Recipient>> {
    let sql = format!(
        "SELECT u.id AS user_id, u.username, u.display_name, {ADDRESS}, p.id AS person_id, p.unit_id
         FROM app_user u JOIN person p ON p.id = u.person_id
         WHERE u.disabled = FALSE AND p.active = TRUE AND p.agency_id = $1
         ORDER BY u.id"
    );
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(agency_id)
    .fetch_all(c)
    .await)?)
}

/// Active accounts holding a role in the agency; for unit heads `unit_id` is the unit headed
/// (one row per unit).
pub async fn role_holders(db: &Db, agency_id: i64, role: &str) -> StoreResult<Vec<Recipient>> {
    let sql = format!(
        "SELECT DISTINCT u.id AS user_id, u.username, u.display_name, {ADDRESS}, u.person_id, r.unit_id
         FROM user_role r JOIN app_user u ON u.id = r.user_id LEFT JOIN person p ON p.id = u.person_id
         WHERE r.role = $1 AND r.agency_id = $2 AND u.disabled = FALSE
         ORDER BY user_id"
    );
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(role)
    .bind(agency_id)
    .fetch_all(c)
    .await)?)
}

/// A unit as the deadlines see it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UnitBrief {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub path: String,
}

/// The agency's units in existence, in the agency's order.
pub async fn units(db: &Db, agency_id: i64) -> StoreResult<Vec<UnitBrief>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, code, name, parent_id, path FROM unit WHERE agency_id = $1 AND dissolved_on IS NULL
             ORDER BY sort_order, name_sort",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// Active people of the agency with their unit: (person, unit).
pub async fn members(db: &Db, agency_id: i64) -> StoreResult<Vec<(i64, Option<i64>)>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, unit_id FROM person WHERE agency_id = $1 AND active = TRUE ORDER BY id",
        )
        .bind(agency_id)
        .fetch_all(c)
        .await
    })?)
}

/// Where a registration stands (a person's when `person_id` is set, else the unit's own).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RegistrationState {
    pub unit_id: i64,
    pub person_id: Option<i64>,
    pub status: String,
    pub submitted_at: Option<OffsetDateTime>,
}

pub async fn registrations(db: &Db, plan_id: i64) -> StoreResult<Vec<RegistrationState>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT unit_id, person_id, status, submitted_at FROM registration WHERE plan_id = $1",
        )
        .bind(plan_id)
        .fetch_all(c)
        .await
    })?)
}

/// Where a unit's review report stands (`kind`: mid_year, year_end).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ReportState {
    pub unit_id: i64,
    pub kind: String,
    pub status: String,
    pub first_submitted_at: Option<OffsetDateTime>,
    pub submitted_at: Option<OffsetDateTime>,
}

pub async fn reports(db: &Db, plan_id: i64) -> StoreResult<Vec<ReportState>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT unit_id, kind, status, first_submitted_at, submitted_at FROM report WHERE plan_id = $1",
        )
        .bind(plan_id)
        .fetch_all(c)
        .await
    })?)
}

/// People of a unit subtree (or the whole agency) without a rating for the year.
pub async fn unrated(
    db: &Db,
    agency_id: i64,
    unit_path: Option<&str>,
    year: i32,
) -> StoreResult<i64> {
    let scope = tdkt_domain::policy::Scope {
        agencies: if unit_path.is_none() {
            vec![agency_id]
        } else {
            vec![]
        },
        unit_paths: unit_path
            .map(|p| vec![(agency_id, p.to_owned())])
            .unwrap_or_default(),
        ..Default::default()
    };
    crate::records::count_unrated(db, &scope, year).await
}

// --- notifications -------------------------------------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Notification {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub due_on: Option<Date>,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

/// A notification to create; `dedupe_key` makes it happen once, whichever instance creates it.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    pub due_on: Option<Date>,
    pub dedupe_key: Option<&'a str>,
}

/// Creates a notification unless one with the same key exists. Returns whether it was created.
pub async fn create(
    tx: &mut Tx,
    n: &NewNotification<'_>,
    now: OffsetDateTime,
) -> StoreResult<bool> {
    let r = exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO notification (user_id, kind, title, body, link, due_on, dedupe_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(n.user_id)
        .bind(n.kind)
        .bind(n.title)
        .bind(n.body)
        .bind(n.link)
        .bind(n.due_on)
        .bind(n.dedupe_key)
        .bind(now)
        .execute(c)
        .await
    })?;
    Ok(r == 1)
}

const NOTE_COLS: &str = "id, user_id, kind, title, body, link, due_on, created_at, read_at";

/// A user's notifications, newest first.
pub async fn for_user(db: &Db, user_id: i64, limit: i64) -> StoreResult<Vec<Notification>> {
    let sql = format!(
        "SELECT {NOTE_COLS} FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(c)
    .await)?)
}

pub async fn notification(db: &Db, id: i64) -> StoreResult<Option<Notification>> {
    let sql = format!("SELECT {NOTE_COLS} FROM notification WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

/// Notifications created with a key starting with `prefix` (tests and the admin page).
pub async fn by_key_prefix(db: &Db, prefix: &str) -> StoreResult<Vec<(i64, String)>> {
    let pattern = format!("{}%", crate::sql::like_escape(prefix));
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT user_id, dedupe_key FROM notification WHERE dedupe_key LIKE $1 ESCAPE '\\' ORDER BY id",
        )
        .bind(&pattern)
        .fetch_all(c)
        .await
    })?)
}

pub async fn unread_count(db: &Db, user_id: i64) -> StoreResult<i64> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM notification WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(c)
        .await
    })?)
}

/// Marks one of the user's notifications read; `NotFound` when it is not theirs.
pub async fn mark_read(tx: &mut Tx, user_id: i64, id: i64, now: OffsetDateTime) -> StoreResult<()> {
    let owner: Option<i64> = on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT user_id FROM notification WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await
    })?;
    if owner != Some(user_id) {
        return Err(StoreError::NotFound);
    }
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE notification SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(c)
            .await
    })?;
    Ok(())
}

pub async fn mark_all_read(tx: &mut Tx, user_id: i64, now: OffsetDateTime) -> StoreResult<u64> {
    Ok(exec_tx!(tx, |c| {
        sqlx::query("UPDATE notification SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(c)
            .await
    })?)
}

// --- e-mail log ------------------------------------------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EmailLog {
    pub id: i64,
    pub job_id: Option<i64>,
    pub to_addr: String,
    pub subject: String,
    pub status: String,
    pub error: Option<String>,
    pub at: OffsetDateTime,
    /// The payload of its job (which names the agency), when there is one.
    pub payload: Option<String>,
}

/// Records an e-mail handed to the mail server (`sent`), refused or failed (`failed`), or given up
/// because it came too late to be useful (`skipped`).
pub async fn log_email(
    db: &Db,
    job_id: Option<i64>,
    to: &str,
    subject: &str,
    status: &str,
    error: Option<&str>,
    at: OffsetDateTime,
) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query(
            "INSERT INTO email_log (job_id, to_addr, subject, status, error, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(job_id)
        .bind(to)
        .bind(subject)
        .bind(status)
        .bind(error)
        .bind(at)
        .execute(c)
        .await
    })?;
    tx.commit().await
}

/// The latest e-mail log rows, newest first.
pub async fn email_log(db: &Db, limit: i64) -> StoreResult<Vec<EmailLog>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT e.id, e.job_id, e.to_addr, e.subject, e.status, e.error, e.at, j.payload
             FROM email_log e LEFT JOIN job j ON j.id = e.job_id ORDER BY e.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(c)
        .await
    })?)
}

// --- the account's address and calendar feed ---------------------------------------------------------

/// Sets (or clears) the e-mail address of an account.
pub async fn set_user_email(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    email: Option<&str>,
) -> StoreResult<()> {
    let before: Option<String> = on_tx!(tx, |c| {
        sqlx::query_scalar("SELECT email FROM app_user WHERE id = $1")
            .bind(user_id)
            .fetch_one(c)
            .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query("UPDATE app_user SET email = $1, updated_at = $2 WHERE id = $3")
            .bind(email)
            .bind(ctx.clock.now())
            .bind(user_id)
            .execute(c)
            .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: "set_email",
            entity: "app_user",
            entity_id: Some(user_id.to_string()),
            before: Some(json!({ "email": before })),
            after: Some(json!({ "email": email })),
            ..Default::default()
        },
    )
    .await
}

/// Stores the hash of a new calendar feed secret for the account (replacing the old one, whose URL
/// stops working).
pub async fn set_calendar_token(
    tx: &mut Tx,
    ctx: &Ctx,
    user_id: i64,
    token_hash: &[u8],
) -> StoreResult<()> {
    let replaced = exec_tx!(tx, |c| {
        sqlx::query("DELETE FROM calendar_token WHERE user_id = $1")
            .bind(user_id)
            .execute(c)
            .await
    })?;
    exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO calendar_token (user_id, token_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(ctx.clock.now())
        .execute(c)
        .await
    })?;
    audit::record(
        tx,
        ctx,
        Change {
            action: if replaced > 0 { "regenerate" } else { "create" },
            entity: "calendar_token",
            entity_id: Some(user_id.to_string()),
            ..Default::default()
        },
    )
    .await
}

/// When the account's calendar feed secret was made, if it has one.
pub async fn calendar_token_created(db: &Db, user_id: i64) -> StoreResult<Option<OffsetDateTime>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar("SELECT created_at FROM calendar_token WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(c)
            .await
    })?)
}

/// The active account whose calendar feed secret has this hash.
pub async fn calendar_user(db: &Db, token_hash: &[u8]) -> StoreResult<Option<i64>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(
            "SELECT t.user_id FROM calendar_token t JOIN app_user u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND u.disabled = FALSE",
        )
        .bind(token_hash)
        .fetch_optional(c)
        .await
    })?)
}

/// Whether the reminders' scheduler has gone through this deadline's `kind` of reminder (`before`,
/// `missed`) whole on `day` with nothing changed since: the audit chain's count of changes
/// ([`crate::audit::changes`]) is still `audit_seq`.
pub async fn pass_done(
    db: &Db,
    deadline_id: i64,
    kind: &str,
    day: Date,
    audit_seq: i64,
) -> StoreResult<bool> {
    let n: i64 = on_db!(db, |c| sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM reminder_pass
         WHERE deadline_id = $1 AND kind = $2 AND day = $3 AND audit_seq = $4"
    )
    .bind(deadline_id)
    .bind(kind)
    .bind(day)
    .bind(audit_seq)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Notes that the scheduler went through this deadline's `kind` of reminder whole on `day`, when
/// the audit chain's count of changes was `audit_seq` (read before the pass: a change during it makes the
/// next pass look again).
pub async fn note_pass(
    db: &Db,
    deadline_id: i64,
    kind: &str,
    day: Date,
    audit_seq: i64,
    now: OffsetDateTime,
) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO reminder_pass (deadline_id, kind, day, audit_seq, finished_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (deadline_id, kind, day) DO UPDATE SET audit_seq = $4, finished_at = $5"
    )
    .bind(deadline_id)
    .bind(kind)
    .bind(day)
    .bind(audit_seq)
    .bind(now)
    .execute(c)
    .await
    })?;
    tx.commit().await?;
    Ok(())
}
