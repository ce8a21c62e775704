//! Progress on a target ("5 rõ": who, what, when, responsibility, result): the target's page with
//! its updates and evidence files (`/chi-tieu/{id}`), a new update with files (multipart, checked
//! by content, all or nothing), and the download of an evidence file (`/minh-chung/{id}`), each
//! only for whoever may see the registration.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use time::Date;

use tdkt_domain::FieldErrors;
use tdkt_domain::evidence::EvidenceKind;
use tdkt_domain::targets::{NumberInput, ProgressInput};
use tdkt_store::files;
use tdkt_store::registrations::{
    self as reg, EvidenceRow, ProgressRow, RegistrationRow, TargetRow,
};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::registration::{self as r, Upload};
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with};

#[derive(Template)]
#[template(path = "progress_target.html")]
struct TargetPage {
    ctx: PageCtx,
    reg: RegistrationRow,
    target: TargetRow,
    updates: Vec<ProgressRow>,
    files: Vec<EvidenceRow>,
    can_report: bool,
    form: ProgressInput,
    errors: FieldErrors,
    today: Date,
    max_mb: usize,
}

impl TargetPage {
    fn files_of(&self, progress_id: &i64) -> Vec<&EvidenceRow> {
        self.files
            .iter()
            .filter(|f| f.progress_id == *progress_id)
            .collect()
    }

    fn form_value(&self) -> String {
        match &self.form.value {
            NumberInput::Text(s) => s.clone(),
            NumberInput::Number(n) => tdkt_domain::targets::format_number(*n),
        }
    }
}

/// A file's kind for display ("PDF", "Ảnh PNG", …).
pub fn kind_label(media_type: &str) -> &'static str {
    EvidenceKind::from_media_type(media_type)
        .map(EvidenceKind::label)
        .unwrap_or("Tệp")
}

/// A size as people read it: "312 KB", "4,2 MB".
pub fn size_label(bytes: &i64) -> String {
    let b = *bytes as f64;
    if b < 1024.0 * 1024.0 {
        format!("{} KB", (b / 1024.0).ceil() as i64)
    } else {
        format!(
            "{} MB",
            tdkt_domain::targets::format_number((b / 104_857.6).round() / 10.0)
        )
    }
}

async fn target_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    id: i64,
    typed: Option<(ProgressInput, FieldErrors)>,
) -> AppResult<TargetPage> {
    let (reg, target) = r::target_in_reach(state, auth, id).await?;
    let (updates, files) = reg::progress(&state.db, id).await?;
    let (form, errors) = typed.unwrap_or_default();
    Ok(TargetPage {
        ctx: PageCtx::new(state, auth, headers, path),
        can_report: r::can_report(auth, &reg, &target),
        reg,
        target,
        updates,
        files,
        form,
        errors,
        today: state.clock.today(),
        max_mb: state.config.max_upload.div_ceil(1024 * 1024),
    })
}

/// A target and its progress: the registered value against last year's and the latest reached,
/// the flags, every update with its evidence, and the form for a new update.
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let p = target_page(&state, &auth, &headers, uri.path(), id, None).await?;
    Ok(page(&p, &p.ctx))
}

/// Reads the multipart form of a progress update: its fields and every file.
async fn read_form(mut mp: Multipart) -> AppResult<(ProgressInput, Vec<Upload>)> {
    let mut input = ProgressInput::default();
    let mut uploads = Vec::new();
    let too_big = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            let mut f = FieldErrors::new();
            f.add(
                "files",
                "Tệp minh chứng",
                "tổng dung lượng tải lên vượt giới hạn",
            );
            AppError::Invalid(f)
        } else {
            AppError::bad_request(format!("Không đọc được dữ liệu gửi lên: {e}"))
        }
    };
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        match field.name().unwrap_or("") {
            "reported_on" => input.reported_on = field.text().await.map_err(too_big)?,
            "value" => input.value = NumberInput::Text(field.text().await.map_err(too_big)?),
            "note" => input.note = field.text().await.map_err(too_big)?,
            "files" => {
                let name = field.file_name().unwrap_or("").to_owned();
                let data = field.bytes().await.map_err(too_big)?;
                // A file input left empty sends a part with no name and no bytes.
                if !(name.is_empty() && data.is_empty()) {
                    uploads.push(Upload {
                        filename: if name.is_empty() { "tep".into() } else { name },
                        data: data.to_vec(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok((input, uploads))
}

/// Records a progress update with its evidence files; refused input (a disguised or oversized
/// file, a date outside the plan's year) comes back with 422 and nothing is saved.
pub async fn add(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    mp: Multipart,
) -> AppResult<Response> {
    let (input, uploads) = match read_form(mp).await {
        Ok(x) => x,
        Err(AppError::Invalid(e)) => {
            let p = target_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                id,
                Some((ProgressInput::default(), e)),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
        }
        Err(e) => return Err(e),
    };
    match r::report_progress(&state, &auth, id, &input, &uploads).await {
        Ok(_) => Ok(redirect_with(
            &format!("/chi-tieu/{id}"),
            &format!("Đã cập nhật tiến độ ({} tệp minh chứng).", uploads.len()),
        )),
        Err(AppError::Invalid(e)) => {
            let p = target_page(&state, &auth, &headers, uri.path(), id, Some((input, e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// An evidence file, for whoever may see its target (404 otherwise, and for a file that is not
/// evidence). PDFs and images open in the browser; Office files download.
pub async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let target = reg::target_of_file(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    r::target_in_reach(&state, &auth, target).await?;
    let (meta, data) = files::data(&state.db, id).await?;
    let inline = matches!(
        EvidenceKind::from_media_type(&meta.content_type),
        Some(EvidenceKind::Pdf | EvidenceKind::Jpeg | EvidenceKind::Png)
    );
    let disposition = if inline {
        tdkt_docs::filename::inline_disposition(&meta.filename)
    } else {
        tdkt_docs::filename::content_disposition(&meta.filename)
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_str(&meta.content_type).map_err(AppError::internal)?,
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(AppError::internal)?,
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        data,
    )
        .into_response())
}
