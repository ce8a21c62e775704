//! Certificates (Giấy khen): print a recorded Giấy khen in full (plain paper) or only its variable
//! text on the agency's pre-printed blanks, at positions the Office calibrates with a test page.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_docs::Signer;
use tdkt_docs::certificate::{self, Certificate, CertificateMode, PrintCalibration};
use tdkt_domain::policy::{Perm, Scope, Target};
use tdkt_domain::{FieldErrors, labels};
use tdkt_store::org::{self, Agency};
use tdkt_store::records::{self, RecordKind};
use tdkt_store::settings::{self, SettingScope};
use tdkt_store::{Db, people};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with};

const SETTING: &str = "certificate.calibration";

/// The agency's calibration (defaults when never set).
pub async fn calibration(db: &Db, agency_id: i64) -> AppResult<PrintCalibration> {
    Ok(settings::get(db, Some(agency_id), SETTING, PrintCalibration::default()).await?)
}

#[derive(Template)]
#[template(path = "certificates.html")]
struct CalibrationPage {
    ctx: PageCtx,
    agency: Agency,
    cal: PrintCalibration,
}

async fn my_agency(state: &AppState, auth: &Auth) -> AppResult<Agency> {
    let agencies = org::agencies(&state.db, &auth.actor.scope(Perm::ManageRecords)).await?;
    agencies.into_iter().next().ok_or(AppError::Forbidden)
}

pub async fn form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let agency = my_agency(&state, &auth).await?;
    let cal = calibration(&state.db, agency.id).await?;
    let p = CalibrationPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        agency,
        cal,
    };
    Ok(page(&p, &p.ctx))
}

#[derive(Debug, Deserialize)]
pub struct OffsetsForm {
    offset_x_mm: String,
    offset_y_mm: String,
}

fn mm(e: &mut FieldErrors, field: &str, label: &str, raw: &str) -> f32 {
    match raw.trim().replace(',', ".").parse::<f32>() {
        Ok(v) if (-30.0..=30.0).contains(&v) => v,
        _ => {
            e.add(
                field,
                label,
                "phải là số milimét từ -30 đến 30 (vd. 1,5 hoặc -2)",
            );
            0.0
        }
    }
}

pub async fn save(
    State(state): State<AppState>,
    auth: Auth,
    Form(f): Form<OffsetsForm>,
) -> AppResult<Response> {
    let agency = my_agency(&state, &auth).await?;
    let mut e = FieldErrors::new();
    let mut cal = calibration(&state.db, agency.id).await?;
    cal.offset_x_mm = mm(&mut e, "offset_x_mm", "Lệch ngang", &f.offset_x_mm);
    cal.offset_y_mm = mm(&mut e, "offset_y_mm", "Lệch dọc", &f.offset_y_mm);
    if let Err(v) = cal.validate() {
        crate::plan_edit::add_docs_errors(&mut e, v);
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    let mut tx = state.db.begin().await?;
    settings::set(
        &mut tx,
        &state.ctx(auth.who()),
        SettingScope::Agency(agency.id),
        SETTING,
        &cal,
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/giay-khen/hieu-chinh",
        "Đã lưu độ lệch in; hãy in lại trang thử để kiểm tra.",
    ))
}

fn pdf_response(bytes: Vec<u8>, name: &str) -> AppResult<Response> {
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&tdkt_docs::filename::content_disposition(name))
                    .map_err(AppError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn test_page(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    let agency = my_agency(&state, &auth).await?;
    let cal = calibration(&state.db, agency.id).await?;
    let bytes = tokio::task::spawn_blocking(move || certificate::calibration_pdf(&cal))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    pdf_response(bytes, "Trang in thử giấy khen.pdf")
}

/// The director of an agency (the signer of its Giấy khen), from the leadership unit.
async fn director(db: &Db, agency_id: i64) -> AppResult<Signer> {
    let all = Scope {
        all: true,
        ..Default::default()
    };
    let filter = people::PersonFilter {
        agency_id: Some(agency_id),
        q: None,
        ..Default::default()
    };
    let (list, _) = people::list_people(db, &all, &filter, 0, 100_000).await?;
    // "Giám đốc Sở", not the director of a centre inside the agency.
    let d = list
        .iter()
        .find(|p| {
            p.position
                .as_deref()
                .is_some_and(|x| x.starts_with("Giám đốc Sở"))
        })
        .or_else(|| {
            list.iter()
                .find(|p| p.position.as_deref() == Some("Giám đốc"))
        });
    match d {
        Some(p) => Ok(Signer {
            authority: None,
            position: "GIÁM ĐỐC".into(),
            note: None,
            name: p.full_name.clone(),
        }),
        None => {
            let mut e = FieldErrors::new();
            e.add(
                "signer",
                "Người ký",
                "chưa có Giám đốc trong danh sách cán bộ của cơ quan",
            );
            Err(AppError::Invalid(e))
        }
    }
}

/// Prints a recorded Giấy khen: `day-du` (full design, PDF), `word` (full design, DOCX) or
/// `in-phoi` (variable text only, on the agency's blank).
pub async fn print(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, mode)): Path<(i64, String)>,
) -> AppResult<Response> {
    let (person_id, unit_id) = records::record_owner(&state.db, RecordKind::Award, id).await?;
    let (target, recipient, unit_text, agency_id): (Target, String, Option<String>, i64) =
        match (person_id, unit_id) {
            (Some(p), _) => {
                let p = people::person(&state.db, p).await?;
                let unit = match p.unit_id {
                    Some(u) => Some(org::unit(&state.db, u).await?.name),
                    None => None,
                };
                let honorific = if p.gender.as_deref() == Some("nu") {
                    "Bà"
                } else {
                    "Ông"
                };
                let unit_text = match (p.position.as_deref(), unit) {
                    (Some(pos), Some(u)) => Some(format!("{pos}, {u}")),
                    (None, Some(u)) => Some(u),
                    (Some(pos), None) => Some(pos.to_owned()),
                    (None, None) => None,
                };
                (
                    p.target(),
                    format!("{honorific} {}", p.full_name),
                    unit_text,
                    p.agency_id,
                )
            }
            (None, Some(u)) => {
                let u = org::unit(&state.db, u).await?;
                (u.target(), u.name.clone(), None, u.agency_id)
            }
            _ => return Err(AppError::NotFound),
        };
    auth.check(Perm::ManageRecords, &target)?;
    let award = records::award(&state.db, id).await?;
    if award.code != "GK" {
        return Err(AppError::bad_request(format!(
            "{} không phải Giấy khen của Giám đốc Sở.",
            labels::award(&award.code)
        )));
    }
    let agency = org::agency(&state.db, agency_id).await?;
    let (_, header_name) = org::agency_name_at(&state.db, agency_id, award.decided_on).await?;
    let province = org::governing_body(&state.db, agency.governing_body_id)
        .await?
        .province;
    let Some(decision_number) = award.decision_no.clone() else {
        let mut e = FieldErrors::new();
        e.add(
            "decision_no",
            "Số quyết định",
            "Giấy khen chưa có số quyết định; hãy ghi số quyết định trong hồ sơ khen thưởng",
        );
        return Err(AppError::Invalid(e));
    };
    let cert = Certificate {
        issuer_title: format!("GIÁM ĐỐC {header_name} TỈNH {}", province.to_uppercase()),
        verb: "TẶNG".into(),
        title: "GIẤY KHEN".into(),
        recipient,
        unit: unit_text,
        achievement: award.reason.clone().unwrap_or_else(|| {
            format!(
                "Đã có thành tích xuất sắc trong phong trào thi đua năm {}",
                award
                    .period_to_year
                    .unwrap_or(i64::from(award.decided_on.year()))
            )
        }),
        decision_number,
        decision_date: award.decided_on,
        register_number: None,
        place: agency.place.clone(),
        signer: director(&state.db, agency_id).await?,
    };
    let invalid = |v: tdkt_docs::ValidationErrors| {
        let mut e = FieldErrors::new();
        crate::plan_edit::add_docs_errors(&mut e, v);
        AppError::Invalid(e)
    };
    cert.validate().map_err(invalid)?;
    let name = format!("Giấy khen {}", cert.recipient);
    match mode.as_str() {
        "word" => {
            let bytes = certificate::certificate_docx(&cert).map_err(AppError::internal)?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(tdkt_docs::Format::Docx.media_type()),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&tdkt_docs::filename::content_disposition(&format!(
                            "{name}.docx"
                        )))
                        .map_err(AppError::internal)?,
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        "day-du" | "in-phoi" => {
            let m = if mode == "day-du" {
                CertificateMode::Full
            } else {
                CertificateMode::Print(calibration(&state.db, agency_id).await?)
            };
            let bytes =
                tokio::task::spawn_blocking(move || certificate::certificate_pdf(&cert, &m))
                    .await
                    .map_err(AppError::internal)?
                    .map_err(AppError::internal)?;
            pdf_response(bytes, &format!("{name}.pdf"))
        }
        _ => Err(AppError::NotFound),
    }
}
