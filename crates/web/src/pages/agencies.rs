//! An agency (cơ quan): its names over time, its organisational events, and the province
//! administrator's two changes — a rename from a date and a merger into another agency.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::{Perm, Target};
use tdkt_domain::unit::{AgencyRename, AgencyRenameForm};
use tdkt_store::org::{self, Agency, AgencyName, OrgEvent};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, page, redirect_with};

pub fn target(agency_id: i64) -> Target {
    Target {
        agency_id,
        unit_path: None,
        person_id: None,
    }
}

/// The agency, if within the caller's reach for this action (else 404).
pub async fn agency_in_reach(
    state: &AppState,
    auth: &Auth,
    perm: Perm,
    id: i64,
) -> AppResult<Agency> {
    let a = org::agency(&state.db, id).await?;
    auth.check(perm, &target(a.id))?;
    Ok(a)
}

#[derive(Debug, Default, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
    #[serde(default)]
    on: String,
}

#[derive(Template)]
#[template(path = "agency_show.html")]
struct ShowPage {
    ctx: PageCtx,
    agency: Agency,
    governing_body: String,
    cluster: String,
    successor: Option<Agency>,
    units: i64,
    people: i64,
    names: Vec<AgencyName>,
    events: Vec<OrgEvent>,
    can_manage: bool,
    /// Working agencies this one may be merged into.
    others: Vec<Agency>,
    rename: AgencyRenameForm,
    merge: MergeForm,
    errors: FieldErrors,
    /// Which form the errors belong to ("rename" or "merge").
    failed: &'static str,
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    agency: Agency,
    rename: AgencyRenameForm,
    merge: MergeForm,
    errors: FieldErrors,
    failed: &'static str,
) -> AppResult<ShowPage> {
    let gb = org::governing_body(&state.db, agency.governing_body_id).await?;
    let cluster = match agency.cluster_id {
        Some(c) => org::clusters(&state.db)
            .await?
            .into_iter()
            .find(|x| x.id == c)
            .map(|x| x.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let successor = match agency.successor_id {
        Some(s) => Some(org::agency(&state.db, s).await?),
        None => None,
    };
    let (units, people) = org::agency_counts(&state.db, agency.id).await?;
    let names = org::agency_names(&state.db, agency.id).await?;
    let events = org::agency_events(&state.db, agency.id).await?;
    let can_manage = auth.actor.can_on(Perm::ManageAgencies, &target(agency.id));
    let others = if can_manage {
        org::agencies(&state.db, &auth.actor.scope(Perm::ManageAgencies))
            .await?
            .into_iter()
            .filter(|a| a.id != agency.id && a.dissolved_on.is_none())
            .collect()
    } else {
        Vec::new()
    };
    Ok(ShowPage {
        ctx: PageCtx::new(state, auth, headers, path),
        agency,
        governing_body: gb.name,
        cluster,
        successor,
        units,
        people,
        names,
        events,
        can_manage,
        others,
        rename,
        merge,
        errors,
        failed,
    })
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let agency = agency_in_reach(&state, &auth, Perm::ViewAgencies, id).await?;
    let rename = AgencyRenameForm {
        name: agency.name.clone(),
        header_name: agency.header_name.clone(),
        ..Default::default()
    };
    let p = show_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        agency,
        rename,
        MergeForm::default(),
        FieldErrors::new(),
        "",
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

pub async fn rename(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<AgencyRenameForm>,
) -> AppResult<Response> {
    let agency = agency_in_reach(&state, &auth, Perm::ManageAgencies, id).await?;
    let result = async {
        let r = AgencyRename::parse(&f)?;
        let mut tx = state.db.begin().await?;
        let in_force = org::rename_agency(&mut tx, &state.ctx(auth.who()), id, &r).await?;
        tx.commit().await?;
        Ok::<_, AppError>((r, in_force))
    }
    .await;
    match result {
        Ok((r, in_force)) => {
            let when = if in_force {
                "có hiệu lực"
            } else {
                "sẽ có hiệu lực"
            };
            Ok(redirect_with(
                &format!("/co-quan/{id}"),
                &format!(
                    "Đã ghi tên mới “{}”, {when} từ ngày {}. Văn bản trước ngày đó giữ tên cũ.",
                    r.name,
                    fmt_date(r.effective_on)
                ),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let path = format!("/co-quan/{id}");
            let p = show_page(
                &state,
                &auth,
                &headers,
                &path,
                agency,
                f,
                MergeForm::default(),
                errors,
                "rename",
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<MergeForm>,
) -> AppResult<Response> {
    let agency = agency_in_reach(&state, &auth, Perm::ManageAgencies, id).await?;
    let mut errors = FieldErrors::new();
    // The receiving agency must be within reach too (else 404, as for any object).
    let into = match f.into.trim().parse::<i64>() {
        Ok(i) => Some(agency_in_reach(&state, &auth, Perm::ManageAgencies, i).await?),
        Err(_) => {
            errors.add("into", "Cơ quan tiếp nhận", "chưa chọn cơ quan tiếp nhận");
            None
        }
    };
    let on = tdkt_domain::vn::parse_date(&f.on);
    if on.is_none() {
        errors.add(
            "on",
            "Ngày sáp nhập",
            if f.on.trim().is_empty() {
                "không được để trống"
            } else {
                "không phải ngày hợp lệ (dd/mm/yyyy)"
            },
        );
    }
    let result = match (into, on) {
        (Some(into), Some(on)) if errors.is_empty() => {
            async {
                let mut tx = state.db.begin().await?;
                let out =
                    org::merge_agency(&mut tx, &state.ctx(auth.who()), id, into.id, on).await?;
                tx.commit().await?;
                Ok::<_, AppError>((into, on, out))
            }
            .await
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok((into, on, out)) => Ok(redirect_with(
            &format!("/co-quan/{}", into.id),
            &format!(
                "Đã sáp nhập {} vào {} từ ngày {}: {} đơn vị, {} cán bộ chuyển sang; hồ sơ, danh hiệu và khen thưởng của họ giữ nguyên.",
                agency.name,
                into.name,
                fmt_date(on),
                out.units.len(),
                out.people
            ),
        )),
        Err(AppError::Invalid(errors)) => {
            let rename = AgencyRenameForm {
                name: agency.name.clone(),
                header_name: agency.header_name.clone(),
                ..Default::default()
            };
            let path = format!("/co-quan/{id}");
            let p = show_page(
                &state, &auth, &headers, &path, agency, rename, f, errors, "merge",
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The Vietnamese name of an agency's event (a unit's events keep the units' labels).
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        "agency_renamed" => "Đổi tên cơ quan",
        "agency_merged" => "Sáp nhập vào cơ quan khác",
        "agency_absorbed" => "Tiếp nhận cơ quan sáp nhập",
        "unit_changed_agency" => "Đơn vị chuyển về",
        k => crate::pages::units::event_label(k),
    }
}

/// A readable line for an event's detail.
pub fn event_detail(e: &OrgEvent) -> String {
    let v: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
    let s = |k: &str| v[k].as_str().unwrap_or("").to_owned();
    match e.kind.as_str() {
        "agency_renamed" => {
            let mut line = format!("“{}” → “{}”", s("from"), s("to"));
            if s("header_from") != s("header_to") {
                line.push_str(&format!(
                    "; tiêu đề văn bản “{}” → “{}”",
                    s("header_from"),
                    s("header_to")
                ));
            }
            if !s("symbol_to").is_empty() {
                line.push_str(&format!(
                    "; ký hiệu {} → {}",
                    s("symbol_from"),
                    s("symbol_to")
                ));
            }
            line
        }
        "agency_merged" => format!(
            "vào “{}” ({} đơn vị, {} cán bộ chuyển theo)",
            s("into"),
            v["units"],
            v["people"]
        ),
        "agency_absorbed" => format!(
            "“{}” ({} đơn vị, {} cán bộ)",
            s("from"),
            v["units"],
            v["people"]
        ),
        "unit_changed_agency" => {
            let mut line = format!("“{}” từ {}", s("name"), s("from"));
            if s("code_from") != s("code_to") {
                line.push_str(&format!(" (mã {} → {})", s("code_from"), s("code_to")));
            }
            line
        }
        _ => crate::pages::units::event_detail(e),
    }
}
