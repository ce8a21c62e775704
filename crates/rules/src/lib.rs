//! The law as code: tdkt's rule engine for emulation titles, forms of commendation, quotas and
//! reward money (DOMAIN.md §4), with an explanation for every verdict.
//!
//! A pure library: no I/O except in [`cli`], which reads the case file for `tdkt rules evaluate`.
//!
//! - [`Case`] and its parts ([`case`]): the input, built from JSON by [`parse_case`] or from
//!   database rows by the web application, checked by [`Case::validate`].
//! - [`evaluate`]: every verdict of a case ([`Evaluation`]), each with the conditions checked
//!   ([`Reason`]) and their citations; quota warnings.
//! - [`ruleset`]: the rule sets (`2017`, `2024`, `2025`) as data: switches, citations, reward
//!   coefficients, the base-salary table.
//! - [`settings`]: settings with defaults, including the council's voting thresholds.
//! - [`cli`]: the command `tdkt rules evaluate`.
//!
//! Where the engine follows the spec against a reading of the law, `crates/rules/NOTES.md` says so.

#![warn(missing_docs)]

pub mod case;
pub mod cli;
pub mod codes;
pub mod money;
pub mod ruleset;
pub mod settings;

mod calendar;
mod collective;
mod engine;
mod forms;
mod fxhash;
mod history;
mod individual;
mod json;
mod output;
mod parse;
mod validate;

pub use calendar::{WorkedTime, add_months, worked_time};
pub use case::{Absence, Award, Case, Discipline, Initiative, Person, Title, Unit, parse_date};
pub use codes::{
    AbsenceKind, Authority, AwardCode, AwardType, Code, DisciplineLevel, Ground, InitiativeKind,
    Rating, Scope, Status, TitleCode,
};
pub use engine::evaluate;
pub use output::{Evaluation, Reason, Verdict, Warning};
pub use parse::parse_case;
pub use ruleset::{RuleSet, RuleSetId};
pub use settings::{
    CouncilVoting, Denominator, Options, Quota, Ratio, ReasonFilter, SettingOverrides, Settings,
};
pub use validate::InputError;
