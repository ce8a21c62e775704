//! Files (uploaded evidence, generated documents) stored in the database on both backends, so that
//! a backup is one file and several instances share them.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::audit::Ctx;
use crate::error::StoreResult;
use crate::{Db, Tx, on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileMeta {
    pub id: i64,
    pub sha256: String,
    pub content_type: String,
    pub size: i64,
    pub filename: String,
    pub created_at: OffsetDateTime,
}

/// Stores bytes already checked by the caller (type by content, size); returns the file id.
pub async fn put(
    tx: &mut Tx,
    ctx: &Ctx,
    filename: &str,
    content_type: &str,
    data: &[u8],
) -> StoreResult<i64> {
    let sha = hex::encode(Sha256::digest(data));
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO file_blob (sha256, content_type, size, filename, data, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&sha)
        .bind(content_type)
        .bind(data.len() as i64)
        .bind(filename)
        .bind(data)
        .bind(ctx.who.user_id)
        .bind(ctx.clock.now())
        .fetch_one(c)
        .await
    })?)
}

pub async fn meta(db: &Db, id: i64) -> StoreResult<FileMeta> {
    Ok(on_db!(db, |c| {
        sqlx::query_as("SELECT id, sha256, content_type, size, filename, created_at FROM file_blob WHERE id = $1")
            .bind(id)
            .fetch_one(c)
            .await
    })?)
}

pub async fn data(db: &Db, id: i64) -> StoreResult<(FileMeta, Vec<u8>)> {
    let m = meta(db, id).await?;
    let d: Vec<u8> = on_db!(db, |c| sqlx::query_scalar(
        "SELECT data FROM file_blob WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    Ok((m, d))
}

/// The account that stored a file.
pub async fn owner(db: &Db, id: i64) -> StoreResult<Option<i64>> {
    Ok(on_db!(db, |c| sqlx::query_scalar(
        "SELECT created_by FROM file_blob WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?)
}
