//! Progress on targets ("5 rõ") with evidence files stored in `file_blob`.

use serde::Serialize;
use serde_json::json;
use time::{Date, OffsetDateTime};

use tdkt_domain::targets::ProgressDraft;

use crate::audit::{self, Change, Ctx};
use crate::error::StoreResult;
use crate::{Db, Tx, exec_tx, files, on_db, on_tx};

/// A progress update on a target.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ProgressRow {
    pub id: i64,
    pub target_id: i64,
    pub reported_on: Date,
    pub value: f64,
    pub note: Option<String>,
    pub author: Option<String>,
    pub created_at: OffsetDateTime,
}

/// An evidence file of a progress update.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EvidenceRow {
    pub progress_id: i64,
    pub file_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// A target's progress updates, newest first, with their evidence files.
pub async fn progress(
    db: &Db,
    target_id: i64,
) -> StoreResult<(Vec<ProgressRow>, Vec<EvidenceRow>)> {
    let rows = on_db!(db, |c| {
        sqlx::query_as(
        "SELECT p.id, p.target_id, p.reported_on, p.value, p.note, a.display_name AS author, p.created_at
         FROM progress p LEFT JOIN app_user a ON a.id = p.created_by WHERE p.target_id = $1
         ORDER BY p.reported_on DESC, p.id DESC"
    )
    .bind(target_id)
    .fetch_all(c)
    .await
    })?;
    let files = on_db!(db, |c| {
        sqlx::query_as(
        "SELECT pf.progress_id, f.id AS file_id, f.filename, f.content_type, f.size
         FROM progress_file pf JOIN progress p ON p.id = pf.progress_id JOIN file_blob f ON f.id = pf.file_id
         WHERE p.target_id = $1 ORDER BY f.id"
    )
    .bind(target_id)
    .fetch_all(c)
    .await
    })?;
    Ok((rows, files))
}

/// The target an evidence file belongs to, if it is evidence.
pub async fn target_of_file(db: &Db, file_id: i64) -> StoreResult<Option<i64>> {
    Ok(on_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT p.target_id FROM progress_file pf JOIN progress p ON p.id = pf.progress_id WHERE pf.file_id = $1"
    )
    .bind(file_id)
    .fetch_optional(c)
    .await
    })?)
}

/// A file checked by the caller (type by content, size), to store as evidence.
pub struct NewEvidence<'a> {
    pub filename: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
}

/// Records a progress update with its evidence files, all or nothing.
pub async fn add_progress(
    tx: &mut Tx,
    ctx: &Ctx,
    target_id: i64,
    p: &ProgressDraft,
    evidence: &[NewEvidence<'_>],
) -> StoreResult<i64> {
    let agency: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT r.agency_id FROM target t JOIN registration r ON r.id = t.registration_id WHERE t.id = $1"
    )
    .bind(target_id)
    .fetch_one(c)
    .await
    })?;
    let id: i64 = on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO progress (target_id, reported_on, value, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(target_id)
    .bind(p.reported_on)
    .bind(p.value)
    .bind(&p.note)
    .bind(ctx.who.user_id)
    .bind(ctx.clock.now())
    .fetch_one(c)
    .await)?;
    let mut names = Vec::new();
    for f in evidence {
        let file_id = files::put(tx, ctx, f.filename, f.content_type, f.data).await?;
        exec_tx!(tx, |c| sqlx::query(
            "INSERT INTO progress_file (progress_id, file_id) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(file_id)
        .execute(c)
        .await)?;
        names.push(json!({ "file_id": file_id, "filename": f.filename, "content_type": f.content_type, "size": f.data.len() }));
    }
    audit::record(
        tx,
        ctx,
        Change {
            action: "create",
            entity: "progress",
            entity_id: Some(id.to_string()),
            agency_id: Some(agency),
            after: Some(json!({
                "target_id": target_id, "reported_on": p.reported_on.to_string(), "value": p.value,
                "note": p.note, "files": names,
            })),
            ..Default::default()
        },
    )
    .await?;
    Ok(id)
}
