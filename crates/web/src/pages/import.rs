//! Importing people from Excel: download the template, upload, see every bad row with its
//! reasons (nothing written), fix, upload again, confirm — then all rows are written in one
//! transaction.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::policy::Perm;
use tdkt_sheets::people::{self as import, ImportRow};
use tdkt_store::org::{self, Agency};
use tdkt_store::{files, people};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with, xlsx_response};

/// A row of the preview.
pub struct PreviewRow {
    pub row: usize,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    ctx: PageCtx,
    agencies: Vec<Agency>,
    agency_id: Option<i64>,
    columns: Vec<(&'static str, bool)>,
    file_error: Option<String>,
    bad: Vec<PreviewRow>,
    good: Vec<PreviewRow>,
    total: usize,
    file_id: Option<i64>,
    filename: String,
}

fn columns() -> Vec<(&'static str, bool)> {
    import::COLUMNS
        .iter()
        .map(|c| (c.header, c.required))
        .collect()
}

async fn base(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
) -> AppResult<ImportPage> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ImportPeople)).await?;
    Ok(ImportPage {
        ctx: PageCtx::new(state, auth, headers, path),
        agency_id: agencies.first().map(|a| a.id),
        agencies,
        columns: columns(),
        file_error: None,
        bad: vec![],
        good: vec![],
        total: 0,
        file_id: None,
        filename: String::new(),
    })
}

pub async fn form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let p = base(&state, &auth, &headers, uri.path()).await?;
    Ok(page(&p, &p.ctx))
}

pub async fn template(State(_state): State<AppState>, _auth: Auth) -> AppResult<Response> {
    let bytes = import::template().map_err(AppError::internal)?;
    Ok(xlsx_response("Mẫu nhập cán bộ.xlsx", bytes))
}

/// Is this an .xlsx (a ZIP container), whatever its name says?
fn looks_like_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads and checks a file against the agency's units and the staff codes already taken.
pub async fn check(
    state: &AppState,
    agency_id: i64,
    bytes: &[u8],
) -> Result<Vec<ImportRow>, String> {
    if !looks_like_xlsx(bytes) {
        return Err(
            "tệp không phải bảng tính Excel .xlsx (nếu là .xls cũ, hãy lưu lại dưới dạng .xlsx)"
                .into(),
        );
    }
    let mut rows = import::parse(bytes, state.clock.today()).map_err(|e| e.to_string())?;
    let codes: Vec<String> = rows
        .iter()
        .filter_map(|r| r.draft.as_ref().ok().map(|d| d.code.clone()))
        .collect();
    let taken = people::existing_codes(&state.db, &codes)
        .await
        .map_err(|e| e.to_string())?;
    let mut unit_cache = std::collections::HashMap::new();
    for r in rows.iter_mut() {
        if !r.unit_code.is_empty() && !unit_cache.contains_key(&r.unit_code) {
            let u = org::unit_by_code(&state.db, agency_id, &r.unit_code)
                .await
                .map_err(|e| e.to_string())?;
            unit_cache.insert(r.unit_code.clone(), u);
        }
        match unit_cache.get(&r.unit_code) {
            Some(Some(u)) if u.dissolved_on.is_some() => r.add_error(
                "unit",
                "Mã đơn vị",
                format!("đơn vị “{}” đã giải thể hoặc sáp nhập", r.unit_code),
            ),
            Some(None) => r.add_error(
                "unit",
                "Mã đơn vị",
                format!("không có đơn vị mã “{}” trong cơ quan", r.unit_code),
            ),
            _ => {}
        }
        if let Ok(d) = &r.draft
            && taken.contains(&d.code)
        {
            let code = d.code.clone();
            r.add_error(
                "code",
                "Mã cán bộ",
                format!("“{code}” đã có trong hệ thống"),
            );
        }
    }
    Ok(rows)
}

fn preview(rows: &[ImportRow]) -> (Vec<PreviewRow>, Vec<PreviewRow>) {
    let mut bad = vec![];
    let mut good = vec![];
    for r in rows {
        match &r.draft {
            Ok(d) => good.push(PreviewRow {
                row: r.row,
                code: d.code.clone(),
                name: d.full_name.clone(),
                unit: r.unit_code.clone(),
                problems: vec![],
            }),
            Err(e) => bad.push(PreviewRow {
                row: r.row,
                code: String::new(),
                name: String::new(),
                unit: r.unit_code.clone(),
                problems: e.0.iter().map(|x| x.to_string()).collect(),
            }),
        }
    }
    (bad, good)
}

/// The agency an import goes to, if the caller may import there.
async fn agency_for(state: &AppState, auth: &Auth, asked: Option<i64>) -> AppResult<i64> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ImportPeople)).await?;
    match asked {
        Some(a) if agencies.iter().any(|x| x.id == a) => Ok(a),
        Some(_) => Err(AppError::NotFound),
        None => agencies.first().map(|a| a.id).ok_or(AppError::Forbidden),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    mut mp: Multipart,
) -> AppResult<Response> {
    let mut bytes = None;
    let mut filename = String::new();
    let mut asked = None;
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::bad_request(format!("Không đọc được tệp tải lên: {e}")))?
    {
        match field.name() {
            Some("file") => {
                filename = field.file_name().unwrap_or("tep.xlsx").to_owned();
                bytes = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|e| AppError::bad_request(format!("Không đọc được tệp: {e}")))?,
                );
            }
            Some("agency_id") => asked = field.text().await.ok().and_then(|t| t.parse().ok()),
            _ => {}
        }
    }
    let agency_id = agency_for(&state, &auth, asked).await?;
    let mut p = base(&state, &auth, &headers, uri.path()).await?;
    p.agency_id = Some(agency_id);
    p.filename = filename.clone();
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        p.file_error = Some("Hãy chọn tệp Excel để tải lên.".into());
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    };
    match check(&state, agency_id, &bytes).await {
        Err(e) => {
            p.file_error = Some(format!("Tệp “{filename}”: {e}."));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Ok(rows) => {
            let (bad, good) = preview(&rows);
            p.total = rows.len();
            if bad.is_empty() {
                // Kept until confirmed, so that the confirmation imports exactly what was checked.
                let mut tx = state.db.begin().await?;
                let id = files::put(
                    &mut tx,
                    &state.ctx(auth.who()),
                    &filename,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                )
                .await?;
                tx.commit().await?;
                p.file_id = Some(id);
            }
            let status = if bad.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            p.bad = bad;
            p.good = good;
            Ok((status, page(&p, &p.ctx)).into_response())
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    file_id: i64,
    agency_id: i64,
}

pub async fn confirm(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<ConfirmForm>,
) -> AppResult<Response> {
    let agency_id = agency_for(&state, &auth, Some(f.agency_id)).await?;
    let (meta, bytes) = files::data(&state.db, f.file_id).await?;
    // Only the uploader's own pending file.
    let owner = files::owner(&state.db, meta.id).await?;
    if owner != Some(auth.user.id) {
        return Err(AppError::NotFound);
    }
    let rows = check(&state, agency_id, &bytes)
        .await
        .map_err(AppError::bad_request)?;
    let mut to_write = Vec::with_capacity(rows.len());
    for r in rows {
        match r.draft {
            Ok(d) => {
                let unit = org::unit_by_code(&state.db, agency_id, &r.unit_code)
                    .await?
                    .ok_or(AppError::NotFound)?;
                to_write.push((d, unit.id));
            }
            Err(e) => {
                return Err(AppError::bad_request(format!(
                    "Dòng {}: {}. Tệp đã thay đổi từ lúc kiểm tra; hãy tải lên lại.",
                    r.row, e
                )));
            }
        }
    }
    let ids = people::import_people(
        &state.db,
        &state.ctx(auth.who()),
        &to_write,
        state.clock.today(),
    )
    .await?;
    Ok(redirect_with(
        "/can-bo",
        &format!("Đã nhập {} người từ tệp “{}”.", ids.len(), meta.filename),
    ))
}
