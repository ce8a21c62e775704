//! Verdicts: what the rule engine says of the stored records, for an agency or a person.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use tdkt_domain::policy::Perm;
use tdkt_store::people;

use crate::auth::Auth;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::verdicts::table::{self, Filter};
use crate::verdicts::{CodeVerdict, Header, PersonRow, QuotaWarning, UnitRow, check_year};

/// One condition checked.
#[derive(Serialize, ToSchema)]
pub struct ReasonOut {
    /// Rule id, such as `cstdcs.ldtt`.
    pub rule: String,
    pub passed: bool,
    /// In Vietnamese; for a failed condition, what is missing.
    pub message: String,
    /// The legal source, e.g. "Luật Thi đua, khen thưởng 2022, Điều 23".
    pub citation: String,
}

/// The verdict on one subject for one title or form.
#[derive(Serialize, ToSchema)]
pub struct VerdictOut {
    /// `LDTT`, `CSTDCS`, `CSTD_TINH`, `CSTD_TQ`, `GK`, `BK_TINH`, `BK_TTG`, `HCLD3`, `TTLDTT`, `TTLDXS`.
    pub code: String,
    /// `eligible`, `not_eligible` or `deferred`.
    pub verdict: String,
    /// `giam_doc_so`, `chu_tich_ubnd_tinh`, `bo_truong`, `thu_tuong` or `chu_tich_nuoc`: anything
    /// above `giam_doc_so` is a proposal from the agency.
    pub decided_by: String,
    /// On an eligible CSTĐCS: `HTXSNV`, `initiative` or `st_task`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
    /// In đồng, when the decision date is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reward_vnd: Option<u64>,
    /// On a not-eligible verdict: the earliest year the conditions could be met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_possible_year: Option<i32>,
    pub reasons: Vec<ReasonOut>,
}

impl From<&CodeVerdict> for VerdictOut {
    fn from(v: &CodeVerdict) -> Self {
        VerdictOut {
            code: v.code.code().to_owned(),
            verdict: v.status.code().to_owned(),
            decided_by: v.decided_by.code().to_owned(),
            ground: v.ground.map(|g| g.code().to_owned()),
            reward_vnd: v.reward_vnd,
            next_possible_year: v.next_possible_year,
            reasons: v
                .reasons
                .iter()
                .map(|r| ReasonOut {
                    rule: r.rule.to_owned(),
                    passed: r.passed,
                    message: r.message.clone(),
                    citation: r.citation.to_owned(),
                })
                .collect(),
        }
    }
}

/// A person's verdicts.
#[derive(Serialize, ToSchema)]
pub struct PersonVerdictsOut {
    pub person_id: i64,
    /// Mã cán bộ.
    pub code: String,
    pub full_name: String,
    pub unit_id: i64,
    pub verdicts: Vec<VerdictOut>,
}

impl From<&PersonRow> for PersonVerdictsOut {
    fn from(p: &PersonRow) -> Self {
        PersonVerdictsOut {
            person_id: p.id,
            code: p.code.clone(),
            full_name: p.name.clone(),
            unit_id: p.unit_id,
            verdicts: p.verdicts.iter().map(VerdictOut::from).collect(),
        }
    }
}

/// A unit's collective verdicts.
#[derive(Serialize, ToSchema)]
pub struct UnitVerdictsOut {
    pub unit_id: i64,
    /// Mã đơn vị.
    pub code: String,
    pub name: String,
    pub verdicts: Vec<VerdictOut>,
}

impl From<&UnitRow> for UnitVerdictsOut {
    fn from(u: &UnitRow) -> Self {
        UnitVerdictsOut {
            unit_id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            verdicts: u.verdicts.iter().map(VerdictOut::from).collect(),
        }
    }
}

/// A quota exceeded: asks for a written justification, drops nobody.
#[derive(Serialize, ToSchema)]
pub struct WarningOut {
    pub unit_id: i64,
    /// What is capped: `HTXSNV` or `CSTDCS`.
    pub code: String,
    pub limit: u64,
    pub actual: u64,
    pub message: String,
}

impl From<&QuotaWarning> for WarningOut {
    fn from(w: &QuotaWarning) -> Self {
        WarningOut {
            unit_id: w.unit_id,
            code: w.code.to_owned(),
            limit: w.limit,
            actual: w.actual,
            message: w.message.clone(),
        }
    }
}

/// The verdicts of an evaluation year.
#[derive(Serialize, ToSchema)]
pub struct VerdictsOut {
    pub evaluation_year: i32,
    /// `2017`, `2024` or `2025`.
    pub rule_set: String,
    /// The review date (ngày bình xét), `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub review_date: String,
    /// The decision date when known (it gives `reward_vnd`), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = Date)]
    pub decision_date: Option<String>,
    pub people: Vec<PersonVerdictsOut>,
    pub units: Vec<UnitVerdictsOut>,
    pub warnings: Vec<WarningOut>,
}

impl VerdictsOut {
    fn new(h: &Header) -> VerdictsOut {
        VerdictsOut {
            evaluation_year: h.year,
            rule_set: h.rule_set.code().to_owned(),
            review_date: h.review_date.to_string(),
            decision_date: h.decision_date.map(|d| d.to_string()),
            people: Vec::new(),
            units: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListParams {
    /// Evaluation year (default: this year).
    pub year: Option<i32>,
    /// Default: the first agency where the caller may view records.
    pub agency_id: Option<i64>,
    /// A unit and the units under it.
    pub unit_id: Option<i64>,
    /// Only people with this code…
    pub code: Option<String>,
    /// …and this verdict (`eligible`, `not_eligible`, `deferred`).
    pub verdict: Option<String>,
    /// Search on name (without diacritics) and staff code.
    pub q: Option<String>,
}

/// Verdicts of an agency (the people and units in reach)
#[utoipa::path(get, path = "/api/v1/verdicts", tag = "verdicts", params(ListParams),
    responses((status = 200, body = VerdictsOut), (status = 400, body = crate::api::ErrorBody),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody),
        (status = 404, body = crate::api::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<VerdictsOut>> {
    let (code, verdict) = Filter::parse_codes(p.code.as_deref(), p.verdict.as_deref())?;
    let f = Filter {
        year: p.year.unwrap_or(state.clock.today().year()),
        agency_id: p.agency_id,
        unit_id: p.unit_id,
        code,
        verdict,
        q: p.q,
    };
    let t = table::table(&state, &auth, &f).await?;
    let mut out = VerdictsOut::new(&t.header);
    out.people = t.people.iter().map(PersonVerdictsOut::from).collect();
    out.units = t.units.iter().map(UnitVerdictsOut::from).collect();
    out.warnings = t.warnings.iter().map(WarningOut::from).collect();
    Ok(Json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PersonParams {
    /// Evaluation year (default: this year).
    pub year: Option<i32>,
}

/// A person's verdicts (`people` holds one entry, or none when the person was not evaluated)
#[utoipa::path(get, path = "/api/v1/people/{id}/verdicts", tag = "verdicts",
    params(("id" = i64, Path), PersonParams),
    responses((status = 200, body = VerdictsOut), (status = 404, body = crate::api::ErrorBody),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn person(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(p): Query<PersonParams>,
) -> ApiResult<Json<VerdictsOut>> {
    let today = state.clock.today();
    let year = check_year(p.year.unwrap_or(today.year()))?;
    let person = people::person(&state.db, id).await?;
    auth.check(Perm::ViewRecords, &person.target())?;
    let (header, row) = crate::verdicts::evaluate_person(&state.db, &person, year, today).await?;
    let mut out = VerdictsOut::new(&header);
    out.people = row.iter().map(PersonVerdictsOut::from).collect();
    Ok(Json(out))
}
