//! Registrations (đăng ký thi đua), their targets and progress: the same capabilities and the
//! same authorization as the pages (`crate::registration` holds what both share).

use axum::Json;
use axum::extract::{Path, Query, State};
use base64::Engine;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::targets::{NumberInput, ProgressInput, RegistrationInput, TargetInput};
use tdkt_domain::workflow::Action;
use tdkt_store::registrations::{
    self as reg, ListItem, Owner, RegistrationRow, TargetRow, UnitRate,
};

use crate::auth::Auth;
use crate::error::{ApiResult, AppError};
use crate::registration::{self as r, Upload};
use crate::state::AppState;

/// A measurable target (chỉ tiêu).
#[derive(Serialize, ToSchema)]
pub struct TargetOut {
    pub id: i64,
    pub name: String,
    pub value: f64,
    pub unit_of_measure: String,
    /// From last year's registration of the same owner (a target of the same name), if any.
    pub last_year_value: Option<f64>,
    pub responsible_person_id: Option<i64>,
    pub responsible_name: Option<String>,
    #[serde(with = "crate::api::iso_date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<Date>,
    /// The value reached at the latest progress update.
    pub reached: Option<f64>,
    /// "3 hơn": the registered value is not higher than last year's.
    pub not_higher_than_last_year: bool,
    /// The due date has passed and the value is not reached.
    pub overdue: bool,
}

impl TargetOut {
    fn new(t: &TargetRow, today: Date) -> TargetOut {
        TargetOut {
            id: t.id,
            name: t.name.clone(),
            value: t.value,
            unit_of_measure: t.unit_of_measure.clone(),
            last_year_value: t.last_year_value,
            responsible_person_id: t.responsible_person_id,
            responsible_name: t.responsible_name.clone(),
            due_on: t.due_on,
            reached: t.reached,
            not_higher_than_last_year: t.not_higher(),
            overdue: t.overdue(today),
        }
    }
}

/// A registration. `person_id` is null for a unit's own (collective) registration.
#[derive(Serialize, ToSchema)]
pub struct RegistrationOut {
    pub id: i64,
    pub plan_id: i64,
    pub year: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    /// `LDTT`, `CSTDCS`, … for a person; `TTLDTT`, `TTLDXS`, … for a unit.
    pub title_code: Option<String>,
    pub commitment: Option<String>,
    /// `draft`, `submitted`, `returned` or `approved`.
    pub status: String,
    pub version: i64,
    pub return_reason: Option<String>,
    #[serde(with = "crate::api::iso_date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub reopened_until: Option<Date>,
    /// In lists: the number of targets, met, overdue and not higher than last year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<FiguresOut>,
}

#[derive(Serialize, ToSchema)]
pub struct FiguresOut {
    pub targets: usize,
    pub met: usize,
    pub overdue: usize,
    pub not_higher_than_last_year: usize,
}

impl From<&RegistrationRow> for RegistrationOut {
    fn from(x: &RegistrationRow) -> Self {
        RegistrationOut {
            id: x.id,
            plan_id: x.plan_id,
            year: x.plan_year,
            unit_id: x.unit_id,
            unit_name: x.unit_name.clone(),
            person_id: x.person_id,
            person_name: x.person_name.clone(),
            title_code: x.title_code.clone(),
            commitment: x.commitment.clone(),
            status: x.status.clone(),
            version: x.version,
            return_reason: x.return_reason.clone(),
            reopened_until: x.reopened_until,
            figures: None,
        }
    }
}

impl From<&ListItem> for RegistrationOut {
    fn from(i: &ListItem) -> Self {
        RegistrationOut {
            figures: Some(FiguresOut {
                targets: i.targets,
                met: i.met,
                overdue: i.overdue,
                not_higher_than_last_year: i.not_higher,
            }),
            ..RegistrationOut::from(&i.reg)
        }
    }
}

/// A kept version of a registration.
#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i64,
    /// `submit`, `approve`, `return` or `reopen`.
    pub action: String,
    pub status: String,
    pub reason: Option<String>,
    pub actor: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub at: OffsetDateTime,
    /// The full content at that moment.
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
}

/// A registration with its targets, versions, the caller's possible actions and the rule
/// engine's word on the registered title.
#[derive(Serialize, ToSchema)]
pub struct RegistrationDetail {
    pub registration: RegistrationOut,
    pub targets: Vec<TargetOut>,
    pub versions: Vec<VersionOut>,
    /// What the caller may do now: `submit`, `approve`, `return`, `reopen`.
    pub actions: Vec<String>,
    /// "Theo hồ sơ hiện tại: đủ điều kiện" or what is missing (when the caller may see the records).
    pub title_check: Option<String>,
}

async fn detail(
    state: &AppState,
    auth: &Auth,
    x: RegistrationRow,
) -> ApiResult<RegistrationDetail> {
    let today = state.clock.today();
    let targets = reg::targets(&state.db, x.id).await?;
    let versions = reg::versions(&state.db, x.id).await?;
    let check = r::title_check(state, auth, &x).await?;
    Ok(RegistrationDetail {
        targets: targets.iter().map(|t| TargetOut::new(t, today)).collect(),
        versions: versions
            .into_iter()
            .map(|v| VersionOut {
                version: v.version,
                action: v.action,
                status: v.status,
                reason: v.reason,
                actor: v.actor_name,
                at: v.at,
                content: serde_json::from_str(&v.content).unwrap_or_default(),
            })
            .collect(),
        actions: r::actions(auth, &x)
            .into_iter()
            .map(|a| reg::action_code(a).to_owned())
            .collect(),
        title_check: check.map(|c| {
            if c.missing.is_empty() {
                c.summary
            } else {
                format!("{}: {}", c.summary, c.missing.join("; "))
            }
        }),
        registration: RegistrationOut::from(&x),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// The plan's year (default this year), in the caller's agency.
    pub year: Option<i32>,
    /// Only this unit and the units under it.
    pub unit_id: Option<i64>,
}

/// Registrations in reach: one's own, and those a unit head, the Office or the leadership sees
#[utoipa::path(get, path = "/api/v1/registrations", tag = "registrations", params(ListParams),
    responses((status = 200, body = Vec<RegistrationOut>), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<Vec<RegistrationOut>>> {
    let Some(agency) = r::home_agency(&state, &auth).await? else {
        return Ok(Json(vec![]));
    };
    let Some(plan) = r::plan_of(&state, agency, p.year).await? else {
        return Ok(Json(vec![]));
    };
    let path = match p.unit_id {
        Some(u) => {
            let unit = tdkt_store::org::unit(&state.db, u).await?;
            auth.check(Perm::ViewMovement, &unit.target())?;
            Some(unit.path)
        }
        None => None,
    };
    let mut scope = auth.actor.scope(Perm::ViewMovement);
    scope.people.extend(auth.actor.person_id);
    let items = reg::list(
        &state.db,
        plan.id,
        &scope,
        path.as_deref(),
        state.clock.today(),
    )
    .await?;
    Ok(Json(items.iter().map(RegistrationOut::from).collect()))
}

/// A target as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TargetIn {
    /// The stored target this edits; absent for a new one (targets left out are deleted).
    pub id: Option<i64>,
    pub name: String,
    /// A number ≥ 0 (or text as Vietnamese write it: "1.234,5").
    #[schema(value_type = f64)]
    pub value: NumberInput,
    pub unit_of_measure: String,
    /// Used only when last year's registration has no target of the same name.
    #[schema(value_type = Option<f64>)]
    pub last_year_value: Option<NumberInput>,
    pub responsible_person_id: Option<i64>,
    /// `YYYY-MM-DD`, inside the plan's year.
    pub due_on: Option<String>,
}

/// A registration as sent: the caller's own, or (with `unit_id`) their unit's.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegistrationIn {
    /// The plan's year (default this year).
    pub year: Option<i32>,
    /// The unit whose own registration this is (a unit head's); absent for the caller's own.
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub title_code: String,
    #[serde(default)]
    pub commitment: String,
    #[serde(default)]
    pub targets: Vec<TargetIn>,
    /// Also send it for review.
    #[serde(default)]
    pub submit: bool,
}

/// Save (create or replace) the caller's registration, or their unit's, in the plan of a year
#[utoipa::path(post, path = "/api/v1/registrations", tag = "registrations", request_body = RegistrationIn,
    responses((status = 200, body = RegistrationDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody),
        (status = 422, description = "Dữ liệu không hợp lệ (từng trường, từng dòng chỉ tiêu)", body = crate::api::ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    auth: Auth,
    Json(b): Json<RegistrationIn>,
) -> ApiResult<Json<RegistrationDetail>> {
    let (agency, owner) = match b.unit_id {
        Some(u) => {
            let (unit, owner) = r::unit_owner(&state, &auth, u).await?;
            (unit.agency_id, owner)
        }
        None => {
            let person = r::own_person(&state, &auth).await?;
            let unit_id = person
                .unit_id
                .ok_or_else(|| AppError::bad_request("Tài khoản chưa thuộc đơn vị nào."))?;
            (
                person.agency_id,
                Owner::Person {
                    person_id: person.id,
                    unit_id,
                },
            )
        }
    };
    let plan = r::plan_of(&state, agency, b.year)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = RegistrationInput {
        title_code: b.title_code.clone(),
        commitment: b.commitment.clone(),
        targets: b
            .targets
            .iter()
            .map(|t| TargetInput {
                id: t.id,
                name: t.name.clone(),
                value: t.value.clone(),
                unit_of_measure: t.unit_of_measure.clone(),
                last_year_value: t.last_year_value.clone().unwrap_or_default(),
                responsible_person_id: t.responsible_person_id,
                due_on: t.due_on.clone().unwrap_or_default(),
            })
            .collect(),
    };
    let id = r::save(&state, &auth, &plan, owner, &input, b.submit).await?;
    let x = reg::registration(&state.db, id).await?;
    Ok(Json(detail(&state, &auth, x).await?))
}

/// One registration with its targets, every kept version and the caller's possible actions
#[utoipa::path(get, path = "/api/v1/registrations/{id}", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = RegistrationDetail), (status = 404, body = crate::api::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<RegistrationDetail>> {
    let x = r::in_reach(&state, &auth, id).await?;
    Ok(Json(detail(&state, &auth, x).await?))
}

/// The reason of a return; the last day of a reopening.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ActionIn {
    /// Required to return.
    pub reason: Option<String>,
    /// `YYYY-MM-DD` (reopen; default a week from today).
    #[serde(default, with = "crate::api::iso_date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub reopened_until: Option<Date>,
}

async fn action(
    state: AppState,
    auth: Auth,
    id: i64,
    a: Action,
    b: Option<Json<ActionIn>>,
) -> ApiResult<Json<RegistrationDetail>> {
    let b = b.map(|Json(b)| b).unwrap_or_default();
    r::act(&state, &auth, id, a, b.reason.as_deref(), b.reopened_until).await?;
    let x = reg::registration(&state.db, id).await?;
    Ok(Json(detail(&state, &auth, x).await?))
}

/// Send a registration for review (its owner: the person, or the unit head for a unit's)
#[utoipa::path(post, path = "/api/v1/registrations/{id}/submit", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = RegistrationDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<RegistrationDetail>> {
    action(s, auth, id, Action::Submit, None).await
}

/// Approve a submitted registration (the unit head for a person's, the Office for a unit's)
#[utoipa::path(post, path = "/api/v1/registrations/{id}/approve", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = RegistrationDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn approve(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<RegistrationDetail>> {
    action(s, auth, id, Action::Approve, None).await
}

/// Return a submitted registration with a reason
#[utoipa::path(post, path = "/api/v1/registrations/{id}/return", tag = "registrations", params(("id" = i64, Path)), request_body = ActionIn,
    responses((status = 200, body = RegistrationDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn return_back(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    b: Option<Json<ActionIn>>,
) -> ApiResult<Json<RegistrationDetail>> {
    action(s, auth, id, Action::Return, b).await
}

/// Reopen a registration until a date, even after the deadline (the Office)
#[utoipa::path(post, path = "/api/v1/registrations/{id}/reopen", tag = "registrations", params(("id" = i64, Path)), request_body = ActionIn,
    responses((status = 200, body = RegistrationDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn reopen(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    b: Option<Json<ActionIn>>,
) -> ApiResult<Json<RegistrationDetail>> {
    action(s, auth, id, Action::Reopen, b).await
}

/// A unit's registration figures.
#[derive(Serialize, ToSchema)]
pub struct RateOut {
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub members: i64,
    pub submitted: i64,
    pub approved: i64,
    pub returned: i64,
    /// Members who sent a registration, in percent.
    pub rate: f64,
    pub unit_registration_id: Option<i64>,
    pub unit_status: Option<String>,
}

impl From<&UnitRate> for RateOut {
    fn from(u: &UnitRate) -> Self {
        RateOut {
            unit_id: u.unit_id,
            code: u.code.clone(),
            name: u.name.clone(),
            members: u.members,
            submitted: u.submitted,
            approved: u.approved,
            returned: u.returned,
            rate: (u.rate() * 10.0).round() / 10.0,
            unit_registration_id: u.unit_registration_id,
            unit_status: u.unit_status.clone(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RatesParams {
    /// The plan's year (default this year), in the caller's agency.
    pub year: Option<i32>,
}

/// The registration rate per unit in reach
#[utoipa::path(get, path = "/api/v1/registration-rates", tag = "registrations", params(RatesParams),
    responses((status = 200, body = Vec<RateOut>), (status = 403, body = crate::api::ErrorBody)))]
pub async fn rates(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<RatesParams>,
) -> ApiResult<Json<Vec<RateOut>>> {
    let Some(agency) = r::home_agency(&state, &auth).await? else {
        return Ok(Json(vec![]));
    };
    let Some(plan) = r::plan_of(&state, agency, p.year).await? else {
        return Ok(Json(vec![]));
    };
    let rows = reg::unit_rates(&state.db, &plan, &auth.actor.scope(Perm::ViewMovement)).await?;
    Ok(Json(rows.iter().map(RateOut::from).collect()))
}

/// A progress update.
#[derive(Serialize, ToSchema)]
pub struct ProgressOut {
    pub id: i64,
    #[serde(with = "crate::api::iso_date")]
    #[schema(value_type = String, format = Date)]
    pub reported_on: Date,
    pub value: f64,
    pub note: Option<String>,
    pub author: Option<String>,
    pub files: Vec<FileOut>,
}

/// An evidence file; download it at `/minh-chung/{id}`.
#[derive(Serialize, ToSchema)]
pub struct FileOut {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// A target with its progress.
#[derive(Serialize, ToSchema)]
pub struct TargetDetail {
    pub registration_id: i64,
    pub target: TargetOut,
    pub progress: Vec<ProgressOut>,
}

async fn target_detail(state: &AppState, auth: &Auth, id: i64) -> ApiResult<TargetDetail> {
    let (x, t) = r::target_in_reach(state, auth, id).await?;
    let (updates, files) = reg::progress(&state.db, id).await?;
    Ok(TargetDetail {
        registration_id: x.id,
        target: TargetOut::new(&t, state.clock.today()),
        progress: updates
            .into_iter()
            .map(|u| ProgressOut {
                files: files
                    .iter()
                    .filter(|f| f.progress_id == u.id)
                    .map(|f| FileOut {
                        id: f.file_id,
                        filename: f.filename.clone(),
                        content_type: f.content_type.clone(),
                        size: f.size,
                    })
                    .collect(),
                id: u.id,
                reported_on: u.reported_on,
                value: u.value,
                note: u.note,
                author: u.author,
            })
            .collect(),
    })
}

/// A target and its progress updates with their evidence files
#[utoipa::path(get, path = "/api/v1/targets/{id}", tag = "registrations", params(("id" = i64, Path)),
    responses((status = 200, body = TargetDetail), (status = 404, body = crate::api::ErrorBody)))]
pub async fn target(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<TargetDetail>> {
    Ok(Json(target_detail(&state, &auth, id).await?))
}

/// An evidence file as sent: its name and its bytes in base64.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FileIn {
    pub filename: String,
    pub content_base64: String,
}

/// A progress update as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgressIn {
    /// `YYYY-MM-DD` (default today), inside the plan's year.
    pub reported_on: Option<String>,
    /// The value reached so far (cumulative), ≥ 0.
    #[schema(value_type = f64)]
    pub value: NumberInput,
    pub note: Option<String>,
    /// PDF, JPEG, PNG, DOCX or XLSX, checked by content, each up to the upload limit.
    #[serde(default)]
    pub files: Vec<FileIn>,
}

/// Report progress on a target, with evidence files (all or nothing)
#[utoipa::path(post, path = "/api/v1/targets/{id}/progress", tag = "registrations", params(("id" = i64, Path)), request_body = ProgressIn,
    responses((status = 200, body = TargetDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_progress(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Json(b): Json<ProgressIn>,
) -> ApiResult<Json<TargetDetail>> {
    let mut uploads = Vec::new();
    for f in &b.files {
        let data = base64::engine::general_purpose::STANDARD
            .decode(f.content_base64.trim())
            .map_err(|_| {
                let mut e = FieldErrors::new();
                e.add(
                    "files",
                    "Tệp minh chứng",
                    format!("“{}”: nội dung base64 không hợp lệ", f.filename),
                );
                AppError::Invalid(e)
            })?;
        uploads.push(Upload {
            filename: f.filename.clone(),
            data,
        });
    }
    let input = ProgressInput {
        reported_on: b.reported_on.clone().unwrap_or_default(),
        value: b.value.clone(),
        note: b.note.clone().unwrap_or_default(),
    };
    r::report_progress(&state, &auth, id, &input, &uploads).await?;
    Ok(Json(target_detail(&state, &auth, id).await?))
}
