//! What the engine returns: verdicts with their reasons, and quota warnings. Serialising an
//! [`Evaluation`] gives exactly the command's JSON output.

use serde::Serialize;

use crate::codes::{Authority, Code, Ground, Status};
use crate::ruleset::RuleSetId;
use crate::settings::ReasonFilter;

/// The verdicts of one case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation<'c> {
    /// The evaluation year.
    pub evaluation_year: i32,
    /// The rule set used.
    pub rule_set: RuleSetId,
    /// One verdict per subject and code, ordered by subject then code (byte order).
    pub results: Vec<Verdict<'c>>,
    /// Quota warnings, ordered by unit then code.
    pub warnings: Vec<Warning<'c>>,
}

impl<'c> Evaluation<'c> {
    /// The verdict on `subject` for `code`, if evaluated.
    pub fn verdict(&self, subject: &str, code: Code) -> Option<&Verdict<'c>> {
        let start = self.results.partition_point(|v| v.subject < subject);
        self.results[start..]
            .iter()
            .take_while(|v| v.subject == subject)
            .find(|v| v.code == code)
    }

    /// The verdicts on one subject, in code order.
    pub fn verdicts_of(&self, subject: &str) -> &[Verdict<'c>] {
        let start = self.results.partition_point(|v| v.subject < subject);
        let len = self.results[start..]
            .iter()
            .take_while(|v| v.subject == subject)
            .count();
        &self.results[start..start + len]
    }
}

/// The verdict on one subject (a person or a unit) for one title or form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict<'c> {
    /// The person's or unit's id.
    pub subject: &'c str,
    /// The title or form.
    pub code: Code,
    /// Eligible, not eligible, or deferred.
    pub verdict: Status,
    /// Who decides; anything above `giam_doc_so` is a proposal from the agency.
    pub decided_by: Authority,
    /// The ground of an eligible CSTĐCS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ground: Option<Ground>,
    /// Reward money in đồng, on an eligible verdict when the case has a decision date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reward_vnd: Option<u64>,
    /// On a not-eligible verdict, the earliest evaluation year the conditions could be met,
    /// where the law allows saying so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_possible_year: Option<i32>,
    /// The conditions checked, as filtered by [`crate::Options::reasons`].
    pub reasons: Vec<Reason>,
}

/// One condition checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Rule id, such as `cstdcs.ldtt`.
    pub rule: &'static str,
    /// Whether the condition holds.
    pub passed: bool,
    /// What was found, in Vietnamese; for a failed condition, what is missing and when it could be
    /// met.
    pub message: String,
    /// The legal source.
    pub citation: &'static str,
}

/// A quota exceeded in a unit. Quotas never change a verdict: they ask for a written justification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning<'c> {
    /// Always `quota`.
    pub kind: &'static str,
    /// The unit's id.
    pub unit: &'c str,
    /// What is capped: `HTXSNV` (ratings) or `CSTDCS` (titles).
    pub code: &'static str,
    /// `floor(ratio × base)`.
    pub limit: u64,
    /// How many there are.
    pub actual: u64,
    /// Explanation in Vietnamese.
    pub message: String,
}

/// Collects the reasons of one verdict, formatting a message only when it will be kept.
pub(crate) struct Reasons {
    filter: ReasonFilter,
    pub(crate) list: Vec<Reason>,
    /// Whether any condition failed (tracked even when nothing is kept).
    pub(crate) failed: bool,
}

impl Reasons {
    pub(crate) fn new(filter: ReasonFilter) -> Reasons {
        Reasons {
            filter,
            list: Vec::new(),
            failed: false,
        }
    }

    /// Records one condition. `message` runs only if the reason is kept.
    pub(crate) fn check(
        &mut self,
        rule: &'static str,
        passed: bool,
        citation: &'static str,
        message: impl FnOnce() -> String,
    ) -> bool {
        self.failed |= !passed;
        let keep = match self.filter {
            ReasonFilter::All => true,
            ReasonFilter::Failed => !passed,
            ReasonFilter::None => false,
        };
        if keep {
            self.list.push(Reason {
                rule,
                passed,
                message: message(),
                citation,
            });
        }
        passed
    }

    /// Whether messages are wanted at all (skip costly preparation otherwise).
    pub(crate) fn wanted(&self) -> bool {
        self.filter != ReasonFilter::None
    }
}
