//! Runs the rules over a case: people first (their verdicts feed the units'), then units, then
//! the results in subject order.

use time::Date;

use crate::case::Case;
use crate::codes::{Code, Ground, Status};
use crate::collective::{self, MemberFacts, MemberStats};
use crate::forms;
use crate::fxhash::{FxMap, map_with_capacity};
use crate::individual::{self, Facts};
use crate::json;
use crate::output::{Evaluation, Reason, Reasons, Verdict, Warning};
use crate::ruleset::{RuleSet, RuleSetId};
use crate::settings::{Options, ReasonFilter, Settings};
use crate::validate::InputError;

/// The codes evaluated for every person, in byte order.
const PERSON_CODES: [Code; 5] = [
    Code::BkTinh,
    Code::BkTtg,
    Code::Cstdcs,
    Code::CstdTinh,
    Code::Ldtt,
];
/// With [`Options::extra_codes`].
const PERSON_CODES_EXTRA: [Code; 8] = [
    Code::BkTinh,
    Code::BkTtg,
    Code::Cstdcs,
    Code::CstdTinh,
    Code::CstdTq,
    Code::Gk,
    Code::Hcld3,
    Code::Ldtt,
];
/// The codes evaluated for every unit, in byte order.
const UNIT_CODES: [Code; 2] = [Code::Ttldtt, Code::Ttldxs];

/// Everything the rules read besides the subject.
pub(crate) struct Env {
    pub year: i32,
    pub review_date: Date,
    pub decision_date: Option<Date>,
    pub rules: &'static RuleSet,
    pub settings: Settings,
    pub filter: ReasonFilter,
}

/// One rule's result before it becomes a [`Verdict`].
pub(crate) struct Outcome {
    pub eligible: bool,
    pub reasons: Vec<Reason>,
    pub ground: Option<Ground>,
    pub next: Option<i32>,
}

impl Outcome {
    pub fn from_reasons(r: Reasons, eligible: bool) -> Outcome {
        debug_assert!(
            eligible || r.failed,
            "a not-eligible verdict must have a failed condition"
        );
        Outcome {
            eligible,
            reasons: r.list,
            ground: None,
            next: None,
        }
    }

    pub fn with_next(mut self, next: Option<i32>) -> Outcome {
        self.next = next;
        self
    }
}

/// Evaluates a case: checks it ([`Case::validate`]) and returns every verdict, or the problems
/// that make the case unusable.
pub fn evaluate<'c>(case: &'c Case, options: &Options) -> Result<Evaluation<'c>, Vec<InputError>> {
    let problems = case.validate();
    if problems.is_empty() {
        Ok(evaluate_valid(case, options))
    } else {
        Err(problems)
    }
}

/// Evaluates a case already known to be valid.
pub(crate) fn evaluate_valid<'c>(case: &'c Case, options: &Options) -> Evaluation<'c> {
    let plan = Plan::new(case, options);
    let mut results = Vec::with_capacity(plan.result_count());
    plan.each_verdict(|v| results.push(v));
    Evaluation {
        evaluation_year: case.evaluation_year,
        rule_set: plan.rule_set,
        results,
        warnings: plan.warnings,
    }
}

/// A case ready to be evaluated: what the units need from their members is gathered (first pass),
/// the subjects are in output order, the warnings known. [`Plan::each_verdict`] then produces
/// the verdicts one subject at a time, so the command can stream half a million results without
/// holding them.
pub(crate) struct Plan<'c> {
    case: &'c Case,
    env: Env,
    pub rule_set: RuleSetId,
    person_codes: &'static [Code],
    stats: Vec<MemberStats<'c>>,
    /// (is a unit, index) in byte order of the subjects' ids.
    order: Vec<(bool, u32)>,
    pub warnings: Vec<Warning<'c>>,
}

impl<'c> Plan<'c> {
    pub fn new(case: &'c Case, options: &Options) -> Plan<'c> {
        let y = case.evaluation_year;
        // Validation guarantees a rule set; clamping keeps this total for library callers.
        let rule_set = RuleSetId::for_year(y).unwrap_or(if y < 2018 {
            RuleSetId::Set2017
        } else {
            RuleSetId::Set2025
        });
        let env = Env {
            year: y,
            review_date: case.review_date,
            decision_date: case.decision_date,
            rules: rule_set.rules(),
            settings: Settings::resolve(rule_set, &case.settings),
            filter: options.reasons,
        };
        let person_codes: &'static [Code] = if options.extra_codes {
            &PERSON_CODES_EXTRA
        } else {
            &PERSON_CODES
        };
        let mut unit_index: FxMap<&str, usize> = map_with_capacity(case.units.len());
        unit_index.extend(
            case.units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id.as_str(), i)),
        );
        let keep_ids = env.filter != ReasonFilter::None;
        let mut stats: Vec<MemberStats> = vec![MemberStats::default(); case.units.len()];
        for p in &case.people {
            if let Some(&u) = unit_index.get(p.unit.as_str()) {
                let f = Facts::current(&env, p);
                let member = MemberFacts {
                    id: &p.id,
                    rating: f.rating,
                    ldtt: f.ldtt,
                    cstdcs: f.cstdcs.is_some(),
                    pending: p.pending,
                    worst_discipline: f.discipline.map(|d| d.level),
                };
                stats[u].add(&member, keep_ids);
            }
        }
        let unit_order = sorted_indices(&case.units, |u| &u.id);
        let mut warnings = Vec::new();
        for &i in &unit_order {
            collective::quota_warnings(
                &env,
                &case.units[i as usize],
                &stats[i as usize],
                &mut warnings,
            );
        }
        let person_order = sorted_indices(&case.people, |p| &p.id);
        let order = merge_orders(
            &unit_order,
            &person_order,
            |i| &case.units[i as usize].id,
            |i| &case.people[i as usize].id,
        );
        Plan {
            case,
            env,
            rule_set,
            person_codes,
            stats,
            order,
            warnings,
        }
    }

    /// How many verdicts [`Plan::each_verdict`] produces.
    pub fn result_count(&self) -> usize {
        self.case.units.len() * UNIT_CODES.len() + self.case.people.len() * self.person_codes.len()
    }

    /// Calls `emit` with every verdict, ordered by subject then code.
    pub fn each_verdict(&self, mut emit: impl FnMut(Verdict<'c>)) {
        let env = &self.env;
        for &(is_unit, i) in &self.order {
            let i = i as usize;
            if is_unit {
                let (unit, s) = (&self.case.units[i], &self.stats[i]);
                emit(verdict(
                    env,
                    &unit.id,
                    Code::Ttldtt,
                    collective::ttldtt(env, unit, s),
                    false,
                ));
                emit(verdict(
                    env,
                    &unit.id,
                    Code::Ttldxs,
                    collective::ttldxs(env, unit, s),
                    false,
                ));
                continue;
            }
            let p = &self.case.people[i];
            let f = Facts::compute(env, p);
            let cstd_tinh = individual::cstd_tinh(env, &f);
            let cstd_tinh_now = cstd_tinh.eligible;
            let mut cstd_tinh = Some(cstd_tinh);
            for &code in self.person_codes {
                let o = match code {
                    Code::BkTinh => forms::bk_tinh(env, &f),
                    Code::BkTtg => forms::bk_ttg(env, &f),
                    Code::Cstdcs => individual::cstdcs(env, &f),
                    Code::CstdTinh => cstd_tinh
                        .take()
                        .unwrap_or_else(|| individual::cstd_tinh(env, &f)),
                    Code::CstdTq => individual::cstd_tq(env, &f, cstd_tinh_now),
                    Code::Gk => forms::gk(env, &f),
                    Code::Hcld3 => forms::hcld3(env, &f),
                    Code::Ldtt | Code::Ttldtt | Code::Ttldxs => individual::ldtt(env, &f),
                };
                emit(verdict(env, &p.id, code, o, p.pending));
            }
        }
    }

    /// Writes the JSON of the [`Evaluation`] — byte for byte what serde_json makes of it — to
    /// `out` in pieces of about `chunk` bytes.
    pub fn write_json(&self, out: &mut dyn std::io::Write, chunk: usize) -> std::io::Result<()> {
        let mut buf: Vec<u8> = Vec::with_capacity(chunk + 4096);
        buf.extend_from_slice(b"{\"evaluation_year\":");
        json::int(&mut buf, i64::from(self.case.evaluation_year));
        buf.extend_from_slice(b",\"rule_set\":\"");
        buf.extend_from_slice(self.rule_set.code().as_bytes());
        buf.extend_from_slice(b"\",\"results\":[");
        let mut first = true;
        let mut result = Ok(());
        self.each_verdict(|v| {
            if result.is_err() {
                return;
            }
            if !first {
                buf.push(b',');
            }
            first = false;
            json::verdict(&mut buf, &v);
            if buf.len() >= chunk {
                result = out.write_all(&buf);
                buf.clear();
            }
        });
        result?;
        buf.extend_from_slice(b"],\"warnings\":[");
        for (i, w) in self.warnings.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            json::warning(&mut buf, w);
        }
        buf.extend_from_slice(b"]}\n");
        out.write_all(&buf)
    }
}

/// Indices of `items` in byte order of their ids (no sort when already in order, the usual case).
fn sorted_indices<T>(items: &[T], id: impl Fn(&T) -> &String) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..items.len() as u32).collect();
    if !items.windows(2).all(|w| id(&w[0]) <= id(&w[1])) {
        idx.sort_unstable_by(|&a, &b| id(&items[a as usize]).cmp(id(&items[b as usize])));
    }
    idx
}

/// Merges two sorted index lists into one list of (is a unit, index).
fn merge_orders<'c>(
    units: &[u32],
    people: &[u32],
    unit_id: impl Fn(u32) -> &'c String,
    person_id: impl Fn(u32) -> &'c String,
) -> Vec<(bool, u32)> {
    let mut out = Vec::with_capacity(units.len() + people.len());
    let (mut a, mut b) = (0, 0);
    while a < units.len() || b < people.len() {
        let take_unit =
            b == people.len() || (a < units.len() && unit_id(units[a]) <= person_id(people[b]));
        if take_unit {
            out.push((true, units[a]));
            a += 1;
        } else {
            out.push((false, people[b]));
            b += 1;
        }
    }
    out
}

/// Turns an outcome into the verdict: deferred for a pending person (every code), the ground and
/// the money on an eligible one, the earliest year on a not-eligible one.
fn verdict<'c>(env: &Env, subject: &'c str, code: Code, o: Outcome, pending: bool) -> Verdict<'c> {
    let decided_by = code.decided_by();
    if pending {
        let mut reasons = Vec::with_capacity(o.reasons.len() + 1);
        if env.filter != ReasonFilter::None {
            reasons.push(Reason {
                rule: pending_rule(code),
                passed: false,
                message: "Đang bị xem xét kỷ luật, điều tra, thanh tra hoặc có khiếu nại chưa giải quyết: hoãn xét đến khi có kết luận".to_string(),
                citation: env.rules.cite.pending,
            });
        }
        reasons.extend(o.reasons);
        return Verdict {
            subject,
            code,
            verdict: Status::Deferred,
            decided_by,
            ground: None,
            reward_vnd: None,
            next_possible_year: None,
            reasons,
        };
    }
    let (status, reward, next) = if o.eligible {
        (
            Status::Eligible,
            env.decision_date
                .and_then(|d| env.rules.reward_vnd(code, d)),
            None,
        )
    } else {
        (Status::NotEligible, None, o.next)
    };
    Verdict {
        subject,
        code,
        verdict: status,
        decided_by,
        ground: if o.eligible { o.ground } else { None },
        reward_vnd: reward,
        next_possible_year: next,
        reasons: o.reasons,
    }
}

fn pending_rule(code: Code) -> &'static str {
    match code {
        Code::BkTinh => "bk_tinh.pending",
        Code::BkTtg => "bk_ttg.pending",
        Code::Cstdcs => "cstdcs.pending",
        Code::CstdTinh => "cstd_tinh.pending",
        Code::CstdTq => "cstd_tq.pending",
        Code::Gk => "gk.pending",
        Code::Hcld3 => "hcld3.pending",
        Code::Ldtt => "ldtt.pending",
        Code::Ttldtt => "ttldtt.pending",
        Code::Ttldxs => "ttldxs.pending",
    }
}
