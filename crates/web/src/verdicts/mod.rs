//! Verdicts in the web application: the rule engine ([`tdkt_rules::evaluate`]) run on what the
//! database holds, for an agency and an evaluation year.
//!
//! [`load`] builds the engine's case (units active on the review date with their ratings; active
//! people with their ratings, earlier titles, awards, initiatives, discipline, absences and open
//! pending cases; `recruited_on` = the day the person started at the agency, labour contract
//! included); [`evaluate_agency`] and [`evaluate_person`] turn the engine's output into typed rows
//! per person and per unit. Nothing is cached: every page computes from the current records (an
//! agency of 150 people takes a few milliseconds, most of it the queries).
//!
//! The review date is 15 December of the year unless the agency's setting
//! [`load::SETTING_KEY`] says otherwise; the decision date (and so the reward money) only when the
//! setting gives one. Titles already recorded for the evaluation year are not passed to the
//! engine: it computes them.

pub mod load;
mod panels;
pub mod table;

use std::collections::HashMap;

use time::Date;

use tdkt_domain::policy::Target;
use tdkt_rules::{Authority, Code, Ground, Options, Reason, ReasonFilter, RuleSetId, Status};
use tdkt_store::Db;
use tdkt_store::people::Person;

use crate::error::{AppError, AppResult};

pub use load::Subjects;
pub use panels::{PersonPanel, UnitPanel, person_panel, sees_table, unit_panel};

/// A person's codes in the order of the ladders: titles, then forms.
pub const PERSON_CODES: [Code; 8] = [
    Code::Ldtt,
    Code::Cstdcs,
    Code::CstdTinh,
    Code::CstdTq,
    Code::Gk,
    Code::BkTinh,
    Code::BkTtg,
    Code::Hcld3,
];

/// The codes of the compact member tables (the command's contract).
pub const TABLE_CODES: [Code; 5] = [
    Code::Ldtt,
    Code::Cstdcs,
    Code::CstdTinh,
    Code::BkTinh,
    Code::BkTtg,
];

/// A unit's codes.
pub const UNIT_CODES: [Code; 2] = [Code::Ttldtt, Code::Ttldxs];

/// The evaluation years the rule sets cover.
pub const YEARS: std::ops::RangeInclusive<i32> = 2018..=2030;

/// The evaluation year asked for, or 400.
pub fn check_year(year: i32) -> AppResult<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(AppError::bad_request(format!(
            "Năm đánh giá {year} không có bộ quy tắc (chỉ các năm {}–{}).",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// What every set of verdicts says about itself.
#[derive(Debug, Clone)]
pub struct Header {
    pub year: i32,
    pub rule_set: RuleSetId,
    pub review_date: Date,
    pub decision_date: Option<Date>,
}

impl Header {
    /// "Bộ quy tắc 2024 (…texts…)".
    pub fn rule_set_label(&self) -> String {
        format!(
            "Bộ quy tắc {} ({})",
            self.rule_set.code(),
            self.rule_set.rules().label
        )
    }
}

/// The verdict on one subject for one title or form, with every condition checked.
#[derive(Debug, Clone)]
pub struct CodeVerdict {
    pub code: Code,
    pub status: Status,
    pub decided_by: Authority,
    /// The ground of an eligible CSTĐCS.
    pub ground: Option<Ground>,
    /// The reward in đồng, when the decision date is known.
    pub reward_vnd: Option<u64>,
    /// On a not-eligible verdict, the earliest year it could be met, when the engine can say.
    pub next_possible_year: Option<i32>,
    pub reasons: Vec<Reason>,
}

impl CodeVerdict {
    pub fn name(&self) -> &'static str {
        self.code.name_vi()
    }

    pub fn short(&self) -> &'static str {
        short_name(self.code)
    }

    pub fn eligible(&self) -> bool {
        self.status == Status::Eligible
    }

    pub fn not_eligible(&self) -> bool {
        self.status == Status::NotEligible
    }

    pub fn deferred(&self) -> bool {
        self.status == Status::Deferred
    }

    /// "Đủ điều kiện", "Chưa đủ điều kiện", "Hoãn xét".
    pub fn status_label(&self) -> &'static str {
        status_label(self.status)
    }

    /// The CSS class of the status (`ok`, `bad`, `warn`).
    pub fn status_class(&self) -> &'static str {
        match self.status {
            Status::Eligible => "ok",
            Status::NotEligible => "bad",
            Status::Deferred => "warn",
        }
    }

    /// The mark in compact tables.
    pub fn mark(&self) -> &'static str {
        match self.status {
            Status::Eligible => "✓",
            Status::NotEligible => "✗",
            Status::Deferred => "hoãn",
        }
    }

    /// Who decides: the director, or a proposal upward.
    pub fn decider(&self) -> &'static str {
        decider_label(self.decided_by)
    }

    pub fn ground_label(&self) -> Option<&'static str> {
        self.ground.map(|g| tdkt_domain::labels::ground(g.code()))
    }

    /// "2.340.000 đồng".
    pub fn reward_text(&self) -> Option<String> {
        self.reward_vnd.map(money)
    }

    /// The conditions that failed (each message once).
    pub fn failed(&self) -> impl Iterator<Item = &Reason> {
        self.shown().into_iter().filter(|r| !r.passed)
    }

    /// The reasons to show: the engine lists a condition under each branch of a rule that has
    /// two (Bằng khen path (d)); the same text is shown once.
    pub fn shown(&self) -> Vec<&Reason> {
        let mut out: Vec<&Reason> = Vec::with_capacity(self.reasons.len());
        for r in &self.reasons {
            if !out
                .iter()
                .any(|o| o.passed == r.passed && o.message == r.message && o.citation == r.citation)
            {
                out.push(r);
            }
        }
        out
    }
}

/// A person's verdicts.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    /// In [`PERSON_CODES`] order.
    pub verdicts: Vec<CodeVerdict>,
}

impl PersonRow {
    pub fn get(&self, code: &Code) -> Option<&CodeVerdict> {
        self.verdicts.iter().find(|v| v.code == *code)
    }

    /// Where the person sits, for the reach check.
    pub fn target(&self, agency_id: i64) -> Target {
        Target {
            agency_id,
            unit_path: Some(self.unit_path.clone()),
            person_id: Some(self.id),
        }
    }
}

/// A unit's collective verdicts.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub path: String,
    /// In [`UNIT_CODES`] order.
    pub verdicts: Vec<CodeVerdict>,
}

impl UnitRow {
    pub fn get(&self, code: &Code) -> Option<&CodeVerdict> {
        self.verdicts.iter().find(|v| v.code == *code)
    }

    pub fn target(&self, agency_id: i64) -> Target {
        Target {
            agency_id,
            unit_path: Some(self.path.clone()),
            person_id: None,
        }
    }
}

/// A quota exceeded in a unit: it asks for a written justification and drops nobody.
#[derive(Debug, Clone)]
pub struct QuotaWarning {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    /// What is capped: `HTXSNV` (ratings) or `CSTDCS`.
    pub code: &'static str,
    pub limit: u64,
    pub actual: u64,
    pub message: String,
}

/// Every verdict of an agency for a year.
#[derive(Debug, Clone)]
pub struct AgencyVerdicts {
    pub agency_id: i64,
    pub header: Header,
    /// In the tree order of the units.
    pub units: Vec<UnitRow>,
    /// In Vietnamese name order.
    pub people: Vec<PersonRow>,
    pub warnings: Vec<QuotaWarning>,
}

/// Evaluates every unit and active person of an agency.
pub async fn evaluate_agency(
    db: &Db,
    agency_id: i64,
    year: i32,
    today: Date,
) -> AppResult<AgencyVerdicts> {
    let started = std::time::Instant::now();
    let loaded = load::load(db, agency_id, year, today, Subjects::Agency).await?;
    let loaded_us = started.elapsed().as_micros() as u64;
    let v = evaluate(agency_id, &loaded)?;
    tracing::debug!(
        agency_id,
        year,
        people = v.people.len(),
        load_us = loaded_us,
        elapsed_us = started.elapsed().as_micros() as u64,
        "verdicts evaluated"
    );
    Ok(v)
}

/// Evaluates one person: `None` when they were not at the agency, in a unit, on the review date.
pub async fn evaluate_person(
    db: &Db,
    person: &Person,
    year: i32,
    today: Date,
) -> AppResult<(Header, Option<PersonRow>)> {
    let loaded = load::load(
        db,
        person.agency_id,
        year,
        today,
        Subjects::Person(person.id),
    )
    .await?;
    let mut v = evaluate(person.agency_id, &loaded)?;
    Ok((v.header, v.people.pop()))
}

/// Runs the engine on a loaded case and sorts its verdicts into rows.
fn evaluate(agency_id: i64, loaded: &load::Loaded) -> AppResult<AgencyVerdicts> {
    let options = Options {
        reasons: ReasonFilter::All,
        extra_codes: true,
    };
    let ev = tdkt_rules::evaluate(&loaded.case, &options).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        AppError::internal(format!(
            "hồ sơ xét khen thưởng không hợp lệ: {}",
            lines.join("; ")
        ))
    })?;
    let header = Header {
        year: ev.evaluation_year,
        rule_set: ev.rule_set,
        review_date: loaded.case.review_date,
        decision_date: loaded.case.decision_date,
    };
    // Subject id → (is a unit, index).
    let mut index: HashMap<&str, (bool, usize)> = HashMap::new();
    for (i, u) in loaded.case.units.iter().enumerate() {
        index.insert(&u.id, (true, i));
    }
    for (i, p) in loaded.case.people.iter().enumerate() {
        index.insert(&p.id, (false, i));
    }
    let mut unit_verdicts: Vec<Vec<CodeVerdict>> = vec![Vec::new(); loaded.units.len()];
    let mut person_verdicts: Vec<Vec<CodeVerdict>> = vec![Vec::new(); loaded.people.len()];
    for v in ev.results {
        let cv = CodeVerdict {
            code: v.code,
            status: v.verdict,
            decided_by: v.decided_by,
            ground: v.ground,
            reward_vnd: v.reward_vnd,
            next_possible_year: v.next_possible_year,
            reasons: v.reasons,
        };
        match index.get(v.subject) {
            Some(&(true, i)) => unit_verdicts[i].push(cv),
            Some(&(false, i)) => person_verdicts[i].push(cv),
            None => {}
        }
    }
    let order = |code: Code| {
        PERSON_CODES
            .iter()
            .chain(UNIT_CODES.iter())
            .position(|c| *c == code)
    };
    let units: Vec<UnitRow> = loaded
        .units
        .iter()
        .zip(unit_verdicts)
        .map(|(u, mut verdicts)| {
            verdicts.sort_by_key(|v| order(v.code));
            UnitRow {
                id: u.id,
                code: u.code.clone(),
                name: u.name.clone(),
                path: u.path.clone(),
                verdicts,
            }
        })
        .collect();
    let people = loaded
        .people
        .iter()
        .zip(person_verdicts)
        .map(|(p, mut verdicts)| {
            verdicts.sort_by_key(|v| order(v.code));
            let u = &loaded.units[p.unit];
            PersonRow {
                id: p.id,
                code: p.code.clone(),
                name: p.name.clone(),
                unit_id: u.id,
                unit_code: u.code.clone(),
                unit_name: u.name.clone(),
                unit_path: u.path.clone(),
                verdicts,
            }
        })
        .collect();
    let by_code: HashMap<&str, &load::UnitMeta> =
        loaded.units.iter().map(|u| (u.code.as_str(), u)).collect();
    let warnings = ev
        .warnings
        .into_iter()
        .filter_map(|w| {
            let u = by_code.get(w.unit)?;
            Some(QuotaWarning {
                unit_id: u.id,
                unit_code: u.code.clone(),
                unit_name: u.name.clone(),
                unit_path: u.path.clone(),
                code: w.code,
                limit: w.limit,
                actual: w.actual,
                message: w.message,
            })
        })
        .collect();
    Ok(AgencyVerdicts {
        agency_id,
        header,
        units,
        people,
        warnings,
    })
}

/// [`short_name`] for templates, which pass references.
pub fn short(code: &Code) -> &'static str {
    short_name(*code)
}

/// The short name of a code, for table headers.
pub fn short_name(code: Code) -> &'static str {
    match code {
        Code::Ldtt => "LĐTT",
        Code::Cstdcs => "CSTĐCS",
        Code::CstdTinh => "CSTĐ tỉnh",
        Code::CstdTq => "CSTĐ toàn quốc",
        Code::Gk => "Giấy khen",
        Code::BkTinh => "BK tỉnh",
        Code::BkTtg => "BK Thủ tướng",
        Code::Hcld3 => "HCLĐ hạng Ba",
        Code::Ttldtt => "TTLĐTT",
        Code::Ttldxs => "TTLĐXS",
    }
}

/// The Vietnamese name of a verdict.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Eligible => "Đủ điều kiện",
        Status::NotEligible => "Chưa đủ điều kiện",
        Status::Deferred => "Hoãn xét",
    }
}

/// Who decides (Law 2022 Art 80.1): the director, or a proposal from the agency upward.
pub fn decider_label(a: Authority) -> &'static str {
    match a {
        Authority::GiamDocSo => "Giám đốc Sở quyết định",
        Authority::ChuTichUbndTinh => "Đề nghị Chủ tịch UBND tỉnh quyết định",
        Authority::BoTruong => "Đề nghị Bộ trưởng quyết định",
        Authority::ThuTuong => "Đề nghị Thủ tướng Chính phủ quyết định (qua UBND tỉnh)",
        Authority::ChuTichNuoc => {
            "Đề nghị Chủ tịch nước quyết định (qua UBND tỉnh và Thủ tướng Chính phủ)"
        }
    }
}

/// An amount in đồng as offices write it: "2.340.000 đồng".
pub fn money(vnd: u64) -> String {
    let digits = vnd.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 5);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out + " đồng"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_by_thousands() {
        assert_eq!(money(710_000), "710.000 đồng");
        assert_eq!(money(2_340_000), "2.340.000 đồng");
        assert_eq!(money(0), "0 đồng");
    }

    #[test]
    fn codes_and_years() {
        assert_eq!(PERSON_CODES.len() + UNIT_CODES.len(), Code::ALL.len());
        assert!(check_year(2024).is_ok());
        assert!(check_year(2017).is_err());
        assert_eq!(
            decider_label(Code::CstdTinh.decided_by()),
            "Đề nghị Chủ tịch UBND tỉnh quyết định"
        );
    }
}
