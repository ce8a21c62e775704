//! Background jobs, claimed through the database: a job is run by exactly one instance, even when
//! several share one PostgreSQL. A failed job is retried later and its error kept; a job that has
//! used up its attempts stays `failed`, visible, never silently dropped.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::error::StoreResult;
use crate::{Db, Tx, exec_tx, on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub dedupe_key: Option<String>,
    pub payload: String,
    pub run_at: OffsetDateTime,
    pub status: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
}

/// Queues a job unless one with the same `dedupe_key` exists. Returns whether it was queued.
pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    dedupe_key: Option<&str>,
    payload: &serde_json::Value,
    run_at: OffsetDateTime,
    now: OffsetDateTime,
) -> StoreResult<bool> {
    let r = exec_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO job (kind, dedupe_key, payload, run_at, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5)
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(kind)
        .bind(dedupe_key)
        .bind(payload.to_string())
        .bind(run_at)
        .bind(now)
        .execute(c)
        .await
    })?;
    Ok(r == 1)
}

/// Claims the next due job for this worker, or none. A job whose worker died (lease expired) is
/// claimable again.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: OffsetDateTime,
    lease: Duration,
) -> StoreResult<Option<Job>> {
    claim_kind(db, None, worker, now, lease).await
}

/// [`claim`], of one kind of job only (a worker that knows how to run that kind).
pub async fn claim_kind(
    db: &Db,
    kind: Option<&str>,
    worker: &str,
    now: OffsetDateTime,
    lease: Duration,
) -> StoreResult<Option<Job>> {
    let mut tx = db.begin().await?;
    let id: Option<i64> = on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
            "SELECT id FROM job WHERE ((status = 'pending' AND run_at <= $1) OR (status = 'running' AND locked_until < $1))
               AND ($2 IS NULL OR kind = $2)
             ORDER BY run_at, id LIMIT 1",
        )
        .bind(now)
        .bind(kind)
        .fetch_optional(c)
        .await
    })?;
    let Some(id) = id else { return Ok(None) };
    // The status condition makes the claim exclusive: of two instances, one updates the row.
    let job: Option<Job> = on_tx!(&mut tx, |c| {
        sqlx::query_as(
            "UPDATE job SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1
             WHERE id = $3 AND ((status = 'pending' AND run_at <= $4) OR (status = 'running' AND locked_until < $4))
             RETURNING id, kind, dedupe_key, payload, run_at, status, attempts, max_attempts, last_error",
        )
        .bind(worker)
        .bind(now + lease)
        .bind(id)
        .bind(now)
        .fetch_optional(c)
        .await
    })?;
    tx.commit().await?;
    Ok(job)
}

pub async fn complete(db: &Db, id: i64, now: OffsetDateTime) -> StoreResult<()> {
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query("UPDATE job SET status = 'done', finished_at = $1, locked_by = NULL, locked_until = NULL WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(c)
            .await
    })?;
    tx.commit().await
}

/// Records a failure: the job is retried after `retry_in`, or marked failed after its last attempt.
pub async fn fail(
    db: &Db,
    job: &Job,
    error: &str,
    now: OffsetDateTime,
    retry_in: Duration,
) -> StoreResult<()> {
    let final_failure = job.attempts >= job.max_attempts;
    let mut tx = db.begin().await?;
    exec_tx!(&mut tx, |c| {
        sqlx::query(
            "UPDATE job SET status = $1, last_error = $2, run_at = $3, locked_by = NULL, locked_until = NULL, finished_at = $4
             WHERE id = $5",
        )
        .bind(if final_failure { "failed" } else { "pending" })
        .bind(error)
        .bind(now + retry_in)
        .bind(if final_failure { Some(now) } else { None })
        .bind(job.id)
        .execute(c)
        .await
    })?;
    tx.commit().await
}

pub async fn list(db: &Db, kind: Option<&str>, limit: i64) -> StoreResult<Vec<Job>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, kind, dedupe_key, payload, run_at, status, attempts, max_attempts, last_error FROM job
             WHERE ($1 IS NULL OR kind = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(kind)
        .bind(limit)
        .fetch_all(c)
        .await
    })?)
}

pub async fn job(db: &Db, id: i64) -> StoreResult<Option<Job>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, kind, dedupe_key, payload, run_at, status, attempts, max_attempts, last_error FROM job WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(c)
        .await
    })?)
}

/// Jobs of a kind in one status, oldest first.
pub async fn with_status(db: &Db, kind: &str, status: &str, limit: i64) -> StoreResult<Vec<Job>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT id, kind, dedupe_key, payload, run_at, status, attempts, max_attempts, last_error FROM job
             WHERE kind = $1 AND status = $2 ORDER BY run_at, id LIMIT $3",
        )
        .bind(kind)
        .bind(status)
        .bind(limit)
        .fetch_all(c)
        .await
    })?)
}

/// How many jobs of a kind are in each status.
pub async fn counts(db: &Db, kind: &str) -> StoreResult<Vec<(String, i64)>> {
    Ok(on_db!(db, |c| {
        sqlx::query_as(
            "SELECT status, COUNT(*) FROM job WHERE kind = $1 GROUP BY status ORDER BY status",
        )
        .bind(kind)
        .fetch_all(c)
        .await
    })?)
}

/// Gives a failed job a new set of attempts, due now. Returns whether it was failed.
pub async fn retry(tx: &mut Tx, id: i64, now: OffsetDateTime) -> StoreResult<bool> {
    let r = exec_tx!(tx, |c| {
        sqlx::query(
            "UPDATE job SET status = 'pending', attempts = 0, run_at = $1, finished_at = NULL WHERE id = $2 AND status = 'failed'",
        )
        .bind(now)
        .bind(id)
        .execute(c)
        .await
    })?;
    Ok(r == 1)
}
