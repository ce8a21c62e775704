//! The achievement report pages: edit the texts, download Mẫu 03 (a person) or Mẫu 02 (a unit).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_docs::Format;
use tdkt_domain::policy::Perm;
use tdkt_domain::vn;
use tdkt_store::{org, people, records};

use crate::achievement::{self, PersonTexts, UnitTexts};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with};

#[derive(Debug, Deserialize)]
pub struct YearQuery {
    nam: Option<i32>,
}

/// Whose report: a person or a unit, with the fields the page shows.
pub struct Owner {
    pub kind: &'static str,
    pub id: i64,
    pub name: String,
    pub base: String,
}

#[derive(Template)]
#[template(path = "achievement.html")]
struct EditPage {
    ctx: PageCtx,
    owner: Owner,
    year: i32,
    can_edit: bool,
    /// (field, label, value, rows)
    fields: Vec<(&'static str, &'static str, String, u8)>,
}

fn person_fields(t: &PersonTexts) -> Vec<(&'static str, &'static str, String, u8)> {
    vec![
        (
            "proposal",
            "Đề nghị tặng (hình thức, danh hiệu)",
            t.proposal.clone(),
            1,
        ),
        (
            "duties",
            "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
            t.duties.clone(),
            5,
        ),
        (
            "achievements",
            "2. Thành tích đạt được của cá nhân",
            t.achievements.clone(),
            12,
        ),
        (
            "academic_titles",
            "Học hàm, học vị, danh hiệu, giải thưởng",
            t.academic_titles.clone(),
            1,
        ),
    ]
}

fn unit_fields(t: &UnitTexts) -> Vec<(&'static str, &'static str, String, u8)> {
    vec![
        (
            "proposal",
            "Đề nghị tặng (hình thức, danh hiệu)",
            t.proposal.clone(),
            1,
        ),
        ("address", "Địa chỉ, điện thoại", t.address.clone(), 1),
        (
            "history",
            "Quá trình thành lập và phát triển",
            t.history.clone(),
            4,
        ),
        (
            "characteristics",
            "Đặc điểm, tình hình",
            t.characteristics.clone(),
            4,
        ),
        (
            "functions",
            "Chức năng, nhiệm vụ được giao",
            t.functions.clone(),
            4,
        ),
        (
            "achievements",
            "Thành tích đạt được",
            t.achievements.clone(),
            12,
        ),
        (
            "measures",
            "Các biện pháp, giải pháp công tác",
            t.measures.clone(),
            4,
        ),
        (
            "party_work",
            "Công tác xây dựng Đảng và đoàn thể",
            t.party_work.clone(),
            3,
        ),
    ]
}

async fn person_owner(state: &AppState, auth: &Auth, id: i64) -> AppResult<(Owner, bool)> {
    let p = people::person(&state.db, id).await?;
    auth.check(Perm::ViewPeople, &p.target())?;
    let can_edit =
        auth.actor.person_id == Some(p.id) || auth.actor.can_on(Perm::ManageRecords, &p.target());
    Ok((
        Owner {
            kind: "person",
            id,
            name: p.full_name,
            base: format!("/can-bo/{id}/bao-cao-thanh-tich"),
        },
        can_edit,
    ))
}

async fn unit_owner(state: &AppState, auth: &Auth, id: i64) -> AppResult<(Owner, bool)> {
    let u = org::unit(&state.db, id).await?;
    auth.check(Perm::ViewUnits, &u.target())?;
    let can_edit = auth.actor.can_on(Perm::SubmitUnitItems, &u.target())
        || auth.actor.can_on(Perm::ManageRecords, &u.target());
    Ok((
        Owner {
            kind: "unit",
            id,
            name: u.name,
            base: format!("/don-vi/{id}/bao-cao-thanh-tich"),
        },
        can_edit,
    ))
}

pub async fn person_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (owner, can_edit) = person_owner(&state, &auth, id).await?;
    let year = q.nam.unwrap_or(state.clock.today().year());
    let texts = achievement::person_texts(&state.db, id, year).await?;
    let p = EditPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        owner,
        year,
        can_edit,
        fields: person_fields(&texts),
    };
    Ok(page(&p, &p.ctx))
}

pub async fn unit_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (owner, can_edit) = unit_owner(&state, &auth, id).await?;
    let year = q.nam.unwrap_or(state.clock.today().year());
    let texts = achievement::unit_texts(&state.db, id, year).await?;
    let p = EditPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        owner,
        year,
        can_edit,
        fields: unit_fields(&texts),
    };
    Ok(page(&p, &p.ctx))
}

/// Text typed in a report, kept as written (paragraphs separated by blank lines), NFC, without HTML.
fn text(s: &str) -> AppResult<String> {
    let t: String = s
        .replace("\r\n", "\n")
        .lines()
        .map(vn::clean)
        .collect::<Vec<_>>()
        .join("\n");
    if t.contains('<') && t.contains('>') {
        let mut e = tdkt_domain::FieldErrors::new();
        e.add("text", "Nội dung", "không được chứa mã HTML");
        return Err(AppError::Invalid(e));
    }
    Ok(t.trim().to_owned())
}

#[derive(Debug, Deserialize)]
pub struct PersonTextsForm {
    year: i32,
    #[serde(flatten)]
    texts: PersonTexts,
}

#[derive(Debug, Deserialize)]
pub struct UnitTextsForm {
    year: i32,
    #[serde(flatten)]
    texts: UnitTexts,
}

pub async fn person_save(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<PersonTextsForm>,
) -> AppResult<Response> {
    let (owner, can_edit) = person_owner(&state, &auth, id).await?;
    if !can_edit {
        return Err(AppError::Forbidden);
    }
    let t = PersonTexts {
        proposal: text(&f.texts.proposal)?,
        duties: text(&f.texts.duties)?,
        achievements: text(&f.texts.achievements)?,
        academic_titles: text(&f.texts.academic_titles)?,
    };
    let mut tx = state.db.begin().await?;
    records::save_achievement_text(
        &mut tx,
        &state.ctx(auth.who()),
        Some(id),
        None,
        f.year,
        &serde_json::to_string(&t).map_err(AppError::internal)?,
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("{}?nam={}", owner.base, f.year),
        "Đã lưu nội dung báo cáo thành tích.",
    ))
}

pub async fn unit_save(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<UnitTextsForm>,
) -> AppResult<Response> {
    let (owner, can_edit) = unit_owner(&state, &auth, id).await?;
    if !can_edit {
        return Err(AppError::Forbidden);
    }
    let x = &f.texts;
    let t = UnitTexts {
        proposal: text(&x.proposal)?,
        address: text(&x.address)?,
        history: text(&x.history)?,
        characteristics: text(&x.characteristics)?,
        functions: text(&x.functions)?,
        achievements: text(&x.achievements)?,
        measures: text(&x.measures)?,
        party_work: text(&x.party_work)?,
    };
    let mut tx = state.db.begin().await?;
    records::save_achievement_text(
        &mut tx,
        &state.ctx(auth.who()),
        None,
        Some(id),
        f.year,
        &serde_json::to_string(&t).map_err(AppError::internal)?,
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("{}?nam={}", owner.base, f.year),
        "Đã lưu nội dung báo cáo thành tích.",
    ))
}

fn format_of(s: &str) -> AppResult<Format> {
    match s {
        "docx" => Ok(Format::Docx),
        "pdf" => Ok(Format::Pdf),
        _ => Err(AppError::NotFound),
    }
}

/// A rendered document as a download.
pub async fn document_response(doc: tdkt_docs::Document, format: Format) -> AppResult<Response> {
    let (bytes, doc) =
        tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format).map(|b| (b, doc)))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
    let name = tdkt_docs::filename::display_name(&doc, format);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&tdkt_docs::filename::content_disposition(&name))
                    .map_err(AppError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}

fn invalid(v: tdkt_docs::ValidationErrors) -> AppError {
    let mut e = tdkt_domain::FieldErrors::new();
    crate::plan_edit::add_docs_errors(&mut e, v);
    AppError::Invalid(e)
}

pub async fn person_download(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, format)): Path<(i64, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    person_owner(&state, &auth, id).await?;
    let year = q.nam.unwrap_or(state.clock.today().year());
    let texts = achievement::person_texts(&state.db, id, year).await?;
    let doc = achievement::individual(&state.db, id, year, &texts)
        .await?
        .map_err(invalid)?;
    document_response(doc, format_of(&format)?).await
}

pub async fn unit_download(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, format)): Path<(i64, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    unit_owner(&state, &auth, id).await?;
    let year = q.nam.unwrap_or(state.clock.today().year());
    let texts = achievement::unit_texts(&state.db, id, year).await?;
    let doc = achievement::collective(&state.db, id, year, &texts)
        .await?
        .map_err(invalid)?;
    document_response(doc, format_of(&format)?).await
}
