//! Entering the records the rule engine reads — a person's ratings, titles, awards, initiatives,
//! discipline, absences and pending cases; a unit's ratings and titles — one at a time on the
//! person's or unit's page, or for past years from one Excel workbook.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::records::{self as rec, RecordForm};
use tdkt_sheets::records::{self as import, Kind, RecordRow};
use tdkt_store::audit::Ctx;
use tdkt_store::org::{self, Agency};
use tdkt_store::records::{self as store, Audit, NewAward, NewInitiative, NewTitle, RecordKind};
use tdkt_store::{Tx, files, people};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with, xlsx_response};

/// Writes one person's record of a kind (`xep-loai`, `danh-hieu`, `khen-thuong`, `sang-kien`,
/// `ky-luat`, `nghi`, `vu-viec`).
pub async fn add_person_record(
    tx: &mut Tx,
    ctx: &Ctx,
    person_id: i64,
    unit_id: Option<i64>,
    kind: &str,
    f: &RecordForm,
) -> AppResult<()> {
    let today = ctx.clock.today();
    let year = today.year();
    match kind {
        "xep-loai" => {
            let d = rec::parse_rating(f, year)?;
            store::set_rating(tx, ctx, Audit::Yes, person_id, d.year, d.rating, unit_id).await?;
        }
        "danh-hieu" => {
            let d = rec::parse_title(f, year, false)?;
            let t = NewTitle {
                person_id: Some(person_id),
                year: d.year,
                code: d.code,
                ground: d.ground,
                decision_no: d.decision_no.as_deref(),
                decided_on: d.decided_on,
                issuer: d.issuer.as_deref(),
                ..Default::default()
            };
            store::add_title(tx, ctx, Audit::Yes, &t).await?;
        }
        "khen-thuong" => {
            let d = rec::parse_award(f, today)?;
            let a = NewAward {
                person_id: Some(person_id),
                code: d.code,
                kind: d.kind,
                decided_on: Some(d.decided_on),
                period_to_year: d.period_to_year,
                decision_no: d.decision_no.as_deref(),
                issuer: d.issuer.as_deref(),
                reason: d.reason.as_deref(),
                ..Default::default()
            };
            store::add_award(tx, ctx, Audit::Yes, &a).await?;
        }
        "sang-kien" => {
            let d = rec::parse_initiative(f, today)?;
            let i = NewInitiative {
                code: &d.code,
                person_id,
                year: d.year,
                kind: d.kind,
                scope: d.scope,
                title: &d.title,
                recognition_ref: d.reference.as_deref(),
                recognized_on: d.recognized_on,
            };
            store::add_initiative(tx, ctx, Audit::Yes, &i)
                .await
                .map_err(|e| {
                    if e.is_unique_violation() {
                        AppError::Invalid(one(
                            "code",
                            "Mã sáng kiến",
                            &format!("“{}” đã có", d.code),
                        ))
                    } else {
                        e.into()
                    }
                })?;
        }
        "ky-luat" => {
            let d = rec::parse_discipline(f)?;
            store::add_discipline(
                tx,
                ctx,
                Audit::Yes,
                person_id,
                d.level,
                d.effective_on,
                d.until_on,
                d.note.as_deref(),
            )
            .await?;
        }
        "nghi" => {
            let d = rec::parse_absence(f)?;
            store::add_absence(
                tx,
                ctx,
                Audit::Yes,
                person_id,
                d.from,
                d.to,
                d.kind,
                d.note.as_deref(),
            )
            .await?;
        }
        "vu-viec" => {
            let d = rec::parse_pending(f)?;
            store::add_pending(
                tx,
                ctx,
                Audit::Yes,
                person_id,
                d.kind,
                d.opened_on,
                d.note.as_deref(),
            )
            .await?;
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(())
}

/// Writes a unit's rating and/or collective title of a year.
pub async fn add_unit_record(
    tx: &mut Tx,
    ctx: &Ctx,
    unit_id: i64,
    kind: &str,
    f: &RecordForm,
) -> AppResult<()> {
    let year = ctx.clock.today().year();
    match kind {
        "xep-loai" => {
            let d = rec::parse_rating(f, year)?;
            store::set_unit_rating(tx, ctx, Audit::Yes, unit_id, d.year, d.rating).await?;
        }
        "danh-hieu" => {
            let d = rec::parse_title(f, year, true)?;
            let t = NewTitle {
                unit_id: Some(unit_id),
                year: d.year,
                code: d.code,
                decision_no: d.decision_no.as_deref(),
                decided_on: d.decided_on,
                issuer: d.issuer.as_deref(),
                ..Default::default()
            };
            store::add_title(tx, ctx, Audit::Yes, &t).await?;
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(())
}

fn one(field: &str, label: &str, msg: &str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, label, msg);
    e
}

pub async fn add_for_person(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path((id, kind)): Path<(i64, String)>,
    Form(f): Form<RecordForm>,
) -> AppResult<Response> {
    let person = people::person(&state.db, id).await?;
    auth.check(Perm::ManageRecords, &person.target())?;
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    match add_person_record(&mut tx, &ctx, id, person.unit_id, &kind, &f).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(redirect_with(
                &format!("/can-bo/{id}#ho-so"),
                "Đã cập nhật hồ sơ thi đua.",
            ))
        }
        Err(AppError::Invalid(errors)) => {
            drop(tx);
            let r = crate::pages::people::render_show(
                &state,
                &auth,
                &headers,
                uri.path(),
                id,
                Some((kind, errors, f)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn add_for_unit(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, kind)): Path<(i64, String)>,
    Form(f): Form<RecordForm>,
) -> AppResult<Response> {
    let unit = org::unit(&state.db, id).await?;
    auth.check(Perm::ManageRecords, &unit.target())?;
    let mut tx = state.db.begin().await?;
    add_unit_record(&mut tx, &state.ctx(auth.who()), id, &kind, &f).await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("/don-vi/{id}"),
        "Đã cập nhật hồ sơ thi đua của đơn vị.",
    ))
}

/// The page a record belongs to, after checking the caller may manage it.
async fn owner_page(
    state: &AppState,
    auth: &Auth,
    person: Option<i64>,
    unit: Option<i64>,
) -> AppResult<String> {
    match (person, unit) {
        (Some(p), _) => {
            auth.check(
                Perm::ManageRecords,
                &people::person(&state.db, p).await?.target(),
            )?;
            Ok(format!("/can-bo/{p}#ho-so"))
        }
        (None, Some(u)) => {
            auth.check(
                Perm::ManageRecords,
                &org::unit(&state.db, u).await?.target(),
            )?;
            Ok(format!("/don-vi/{u}"))
        }
        _ => Err(AppError::NotFound),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    Path((kind, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let kind = RecordKind::parse(&kind).ok_or(AppError::NotFound)?;
    let (person, unit) = store::record_owner(&state.db, kind, id).await?;
    let back = owner_page(&state, &auth, person, unit).await?;
    let mut tx = state.db.begin().await?;
    store::delete_record(&mut tx, &state.ctx(auth.who()), kind, id).await?;
    tx.commit().await?;
    Ok(redirect_with(
        &back,
        "Đã xoá bản ghi; nhật ký thay đổi vẫn lưu nội dung cũ.",
    ))
}

pub async fn delete_person_rating(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, year)): Path<(i64, i32)>,
) -> AppResult<Response> {
    let back = owner_page(&state, &auth, Some(id), None).await?;
    let mut tx = state.db.begin().await?;
    store::delete_rating(&mut tx, &state.ctx(auth.who()), Some(id), None, year).await?;
    tx.commit().await?;
    Ok(redirect_with(
        &back,
        &format!("Đã xoá xếp loại năm {year}."),
    ))
}

#[derive(Debug, Deserialize)]
pub struct CloseForm {
    on: String,
}

pub async fn close_pending(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> AppResult<Response> {
    let (person, unit) = store::record_owner(&state.db, RecordKind::Pending, id).await?;
    let back = owner_page(&state, &auth, person, unit).await?;
    let on = tdkt_domain::vn::parse_date(&f.on).ok_or_else(|| {
        AppError::Invalid(one(
            "on",
            "Ngày giải quyết",
            "không phải ngày hợp lệ (dd/mm/yyyy)",
        ))
    })?;
    let mut tx = state.db.begin().await?;
    store::close_pending(&mut tx, &state.ctx(auth.who()), id, on).await?;
    tx.commit().await?;
    Ok(redirect_with(&back, "Đã ghi nhận vụ việc được giải quyết."))
}

/// A row of the records import's preview.
pub struct PreviewRow {
    pub sheet: &'static str,
    pub row: usize,
    pub owner: String,
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "records_import.html")]
struct ImportPage {
    ctx: PageCtx,
    agencies: Vec<Agency>,
    agency_id: Option<i64>,
    sheets: Vec<(&'static str, String)>,
    file_error: Option<String>,
    bad: Vec<PreviewRow>,
    counts: Vec<(&'static str, usize)>,
    total: usize,
    file_id: Option<i64>,
    filename: String,
}

async fn base(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
) -> AppResult<ImportPage> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManageRecords)).await?;
    Ok(ImportPage {
        ctx: PageCtx::new(state, auth, headers, path),
        agency_id: agencies.first().map(|a| a.id),
        agencies,
        sheets: import::SHEETS
            .iter()
            .map(|s| {
                (
                    s.name,
                    s.columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
                )
            })
            .collect(),
        file_error: None,
        bad: vec![],
        counts: vec![],
        total: 0,
        file_id: None,
        filename: String::new(),
    })
}

pub async fn import_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let p = base(&state, &auth, &headers, uri.path()).await?;
    Ok(page(&p, &p.ctx))
}

pub async fn import_template(_auth: Auth) -> AppResult<Response> {
    Ok(xlsx_response(
        "Mẫu nhập hồ sơ thi đua.xlsx",
        import::template().map_err(AppError::internal)?,
    ))
}

/// A checked row, with its owner resolved.
struct Resolved {
    row: RecordRow,
    person: Option<(i64, Option<i64>)>,
    unit: Option<i64>,
}

/// Reads a workbook and checks every row, including the owners' codes in the agency.
async fn check(state: &AppState, agency_id: i64, bytes: &[u8]) -> Result<Vec<Resolved>, String> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err("tệp không phải bảng tính Excel .xlsx".into());
    }
    let rows = import::parse(bytes, state.clock.today()).map_err(|e| e.to_string())?;
    if rows.is_empty() {
        return Err("tệp không có dòng dữ liệu nào".into());
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut seen_initiatives = std::collections::HashMap::new();
    for mut row in rows {
        let (mut person, mut unit) = (None, None);
        if row.kind == Kind::UnitRecord {
            match org::unit_by_code(&state.db, agency_id, &row.owner)
                .await
                .map_err(|e| e.to_string())?
            {
                Some(u) => unit = Some(u.id),
                None if !row.owner.is_empty() => row.errors.add(
                    "owner",
                    "Mã đơn vị",
                    format!("không có đơn vị mã “{}” trong cơ quan", row.owner),
                ),
                None => {}
            }
        } else {
            match people::person_by_code(&state.db, &row.owner)
                .await
                .map_err(|e| e.to_string())?
            {
                Some(p) if p.agency_id == agency_id => person = Some((p.id, p.unit_id)),
                _ if row.owner.is_empty() => {}
                _ => row.errors.add(
                    "owner",
                    "Mã cán bộ",
                    format!("không có cán bộ mã “{}” trong cơ quan", row.owner),
                ),
            }
        }
        if row.kind == Kind::Initiative {
            let code = tdkt_domain::vn::clean(&row.form.code).to_uppercase();
            if let Some(first) = seen_initiatives.insert(code.clone(), row.row) {
                row.errors.add(
                    "code",
                    "Mã sáng kiến",
                    format!("“{code}” trùng với dòng {first}"),
                );
            }
        }
        out.push(Resolved { row, person, unit });
    }
    Ok(out)
}

pub async fn import_upload(
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
    let mut p = base(&state, &auth, &headers, uri.path()).await?;
    let agency_id = match asked {
        Some(a) if p.agencies.iter().any(|x| x.id == a) => a,
        Some(_) => return Err(AppError::NotFound),
        None => p.agency_id.ok_or(AppError::Forbidden)?,
    };
    p.agency_id = Some(agency_id);
    p.filename = filename.clone();
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        p.file_error = Some("Hãy chọn tệp Excel để tải lên.".into());
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    };
    let rows = match check(&state, agency_id, &bytes).await {
        Ok(r) => r,
        Err(e) => {
            p.file_error = Some(format!("Tệp “{filename}”: {e}."));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
        }
    };
    p.total = rows.len();
    for s in import::SHEETS {
        let n = rows.iter().filter(|r| r.row.sheet == s.name).count();
        if n > 0 {
            p.counts.push((s.name, n));
        }
    }
    p.bad = rows
        .iter()
        .filter(|r| !r.row.errors.is_empty())
        .map(|r| PreviewRow {
            sheet: r.row.sheet,
            row: r.row.row,
            owner: r.row.owner.clone(),
            problems: r.row.errors.0.iter().map(|e| e.to_string()).collect(),
        })
        .collect();
    if p.bad.is_empty() {
        let mut tx = state.db.begin().await?;
        p.file_id = Some(
            files::put(
                &mut tx,
                &state.ctx(auth.who()),
                &filename,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bytes,
            )
            .await?,
        );
        tx.commit().await?;
        Ok(page(&p, &p.ctx))
    } else {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
    }
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    file_id: i64,
    agency_id: i64,
}

pub async fn import_confirm(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<ConfirmForm>,
) -> AppResult<Response> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManageRecords)).await?;
    if !agencies.iter().any(|a| a.id == f.agency_id) {
        return Err(AppError::NotFound);
    }
    if files::owner(&state.db, f.file_id).await? != Some(auth.user.id) {
        return Err(AppError::NotFound);
    }
    let (meta, bytes) = files::data(&state.db, f.file_id).await?;
    let rows = check(&state, f.agency_id, &bytes)
        .await
        .map_err(AppError::bad_request)?;
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    let n = rows.len();
    for r in rows {
        let at = |e: AppError| match e {
            AppError::Invalid(fe) => AppError::bad_request(format!(
                "Trang “{}”, dòng {}: {}",
                r.row.sheet, r.row.row, fe
            )),
            e => e,
        };
        if !r.row.errors.is_empty() {
            return Err(at(AppError::Invalid(r.row.errors.clone())));
        }
        match (r.row.kind, r.person, r.unit) {
            (Kind::UnitRecord, _, Some(u)) => {
                if !r.row.form.rating.trim().is_empty() {
                    add_unit_record(&mut tx, &ctx, u, "xep-loai", &r.row.form)
                        .await
                        .map_err(at)?;
                }
                if !r.row.form.code.trim().is_empty() {
                    add_unit_record(&mut tx, &ctx, u, "danh-hieu", &r.row.form)
                        .await
                        .map_err(at)?;
                }
            }
            (kind, Some((p, unit)), _) => {
                let k = match kind {
                    Kind::Rating => "xep-loai",
                    Kind::Title => "danh-hieu",
                    Kind::Award => "khen-thuong",
                    Kind::Initiative => "sang-kien",
                    Kind::Discipline => "ky-luat",
                    Kind::Absence => "nghi",
                    Kind::UnitRecord => unreachable!("handled above"),
                };
                add_person_record(&mut tx, &ctx, p, unit, k, &r.row.form)
                    .await
                    .map_err(at)?;
            }
            _ => {
                return Err(AppError::bad_request(format!(
                    "Trang “{}”, dòng {}: không xác định được người hoặc đơn vị",
                    r.row.sheet, r.row.row
                )));
            }
        }
    }
    tx.commit().await?;
    Ok(redirect_with(
        "/ho-so-thi-dua/nhap",
        &format!("Đã nhập {n} dòng hồ sơ thi đua từ tệp “{}”.", meta.filename),
    ))
}
