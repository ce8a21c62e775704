//! The office's view of an agency's verdicts: what the caller may see of them (the office,
//! leadership and council: the agency; a unit head: their subtree; staff: themselves), filtered
//! by unit, code, verdict and a search without diacritics. Used by the page, its Excel export and
//! the JSON API.

use tdkt_domain::policy::{Perm, Target};
use tdkt_domain::vn;
use tdkt_rules::{Code, Status};

use super::{
    AgencyVerdicts, Header, PERSON_CODES, PersonRow, QuotaWarning, UNIT_CODES, UnitRow, check_year,
    evaluate_agency,
};
use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What the caller asks for (all optional but the year).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: i32,
    /// Default: the first agency where the caller may view records.
    pub agency_id: Option<i64>,
    /// A unit and the units under it.
    pub unit_id: Option<i64>,
    pub code: Option<Code>,
    pub verdict: Option<Status>,
    pub q: Option<String>,
}

impl Filter {
    /// A person or unit code and a verdict from their wire codes (`CSTD_TINH`, `eligible`);
    /// empty means none, anything else is a bad request.
    pub fn parse_codes(
        code: Option<&str>,
        verdict: Option<&str>,
    ) -> AppResult<(Option<Code>, Option<Status>)> {
        let code = match code.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                Code::from_code(s)
                    .filter(|c| PERSON_CODES.contains(c) || UNIT_CODES.contains(c))
                    .ok_or_else(|| {
                        AppError::bad_request(format!("Không có danh hiệu, hình thức mã “{s}”."))
                    })?,
            ),
        };
        let verdict = match verdict.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Status::from_code(s).ok_or_else(|| {
                AppError::bad_request(format!(
                    "Kết quả “{s}” không hợp lệ (eligible, not_eligible, deferred)."
                ))
            })?),
        };
        Ok((code, verdict))
    }
}

/// Counts of one code over the rows shown.
#[derive(Debug, Clone)]
pub struct Tally {
    pub code: Code,
    pub eligible: usize,
    pub not_eligible: usize,
    pub deferred: usize,
}

/// The verdicts the caller may see, filtered.
#[derive(Debug, Clone)]
pub struct Table {
    pub agency_id: i64,
    pub header: Header,
    pub people: Vec<PersonRow>,
    pub units: Vec<UnitRow>,
    pub warnings: Vec<QuotaWarning>,
    /// Every unit the caller may filter by (tree order).
    pub unit_choices: Vec<(i64, String, usize)>,
    /// Per person code, over the people shown before the code and verdict filters.
    pub tallies: Vec<Tally>,
}

/// The agencies where the caller may view records, in id order.
pub fn agencies(auth: &Auth) -> Vec<i64> {
    let mut v: Vec<i64> = auth
        .actor
        .grants
        .iter()
        .filter(|g| g.role.allows(Perm::ViewRecords))
        .filter_map(|g| g.agency_id)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Evaluates the agency and keeps what the caller may see and asked for. An agency or a unit
/// outside the caller's reach is 404.
pub async fn table(state: &AppState, auth: &Auth, f: &Filter) -> AppResult<Table> {
    let year = check_year(f.year)?;
    let mine = agencies(auth);
    let agency_id = match f.agency_id {
        Some(a) if mine.contains(&a) => a,
        Some(_) => return Err(AppError::NotFound),
        None => *mine.first().ok_or(AppError::NotFound)?,
    };
    let all = evaluate_agency(&state.db, agency_id, year, state.clock.today()).await?;
    select(auth, all, f)
}

fn select(auth: &Auth, all: AgencyVerdicts, f: &Filter) -> AppResult<Table> {
    let a = all.agency_id;
    let sees = |t: &Target| auth.actor.can_on(Perm::ViewRecords, t);
    let unit_choices: Vec<(i64, String, usize)> = all
        .units
        .iter()
        .filter(|u| sees(&u.target(a)))
        .map(|u| {
            (
                u.id,
                u.name.clone(),
                u.path.matches('/').count().saturating_sub(2),
            )
        })
        .collect();
    let prefix = match f.unit_id {
        None => None,
        Some(id) => {
            let u = all
                .units
                .iter()
                .find(|u| u.id == id)
                .ok_or(AppError::NotFound)?;
            if !sees(&u.target(a)) {
                return Err(AppError::NotFound);
            }
            Some(u.path.clone())
        }
    };
    let under = |path: &str| prefix.as_deref().is_none_or(|p| path.starts_with(p));
    let q =
        f.q.as_deref()
            .map(|q| vn::fold(q).split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|q| !q.is_empty());
    let matches = |p: &PersonRow| {
        q.as_deref().is_none_or(|q| {
            vn::fold(&p.name)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(q)
                || p.code.to_lowercase().contains(q)
        })
    };
    let people: Vec<PersonRow> = all
        .people
        .into_iter()
        .filter(|p| under(&p.unit_path) && sees(&p.target(a)) && matches(p))
        .collect();
    let tallies = PERSON_CODES
        .iter()
        .map(|&code| {
            let count = |s: Status| {
                people
                    .iter()
                    .filter(|p| p.get(&code).is_some_and(|v| v.status == s))
                    .count()
            };
            Tally {
                code,
                eligible: count(Status::Eligible),
                not_eligible: count(Status::NotEligible),
                deferred: count(Status::Deferred),
            }
        })
        .collect();
    let wanted = |p: &PersonRow| match (f.code, f.verdict) {
        (Some(c), Some(s)) => p.get(&c).is_some_and(|v| v.status == s),
        (None, Some(s)) => p.verdicts.iter().any(|v| v.status == s),
        _ => true,
    };
    let people = people.into_iter().filter(wanted).collect();
    let unit_wanted = |u: &UnitRow| match (f.code, f.verdict) {
        (Some(c), Some(s)) if UNIT_CODES.contains(&c) => u.get(&c).is_some_and(|v| v.status == s),
        _ => true,
    };
    let units = all
        .units
        .into_iter()
        .filter(|u| under(&u.path) && sees(&u.target(a)) && unit_wanted(u))
        .collect();
    let warnings = all
        .warnings
        .into_iter()
        .filter(|w| {
            under(&w.unit_path)
                && sees(&Target {
                    agency_id: a,
                    unit_path: Some(w.unit_path.clone()),
                    person_id: None,
                })
        })
        .collect();
    Ok(Table {
        agency_id: a,
        header: all.header,
        people,
        units,
        warnings,
        unit_choices,
        tallies,
    })
}
