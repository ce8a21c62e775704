//! The year's movement in the demo (issue 5, item 8): the seed plan run through 2024 by the people
//! it asks things of, through the store's own workflow — each action by the right account (the
//! member, the unit head, the Office `vanphong`), with a clock set to its day, writing the
//! versions and audit rows the app writes.
//!
//! - [`registrations`]: registrations made in January with measurable targets, approved by the
//!   unit heads (the units' by the Office); one returned and fixed.
//! - [`progress`]: progress through the year, some targets met, some on track, some overdue; a
//!   few updates carry an evidence file ([`files`]).
//! - [`reports`]: the mid-year and year-end reviews of the units, one late, one missing, one
//!   returned and resubmitted.
//!
//! Everything is planned first as plain data, then played in date order. Nothing dated after
//! the demo's day is played, so `tdkt demo --today 2024-06-01` makes the world as it stood then.
//! A report's figures are drawn as the app draws them (`reports::figures`, which reads the
//! database), so the progress written before a report is committed first: the movement is
//! written in a few transactions.

mod files;
mod progress;
mod registrations;
mod reports;

use std::collections::HashMap;

use time::Date;
use time::macros::date;

use tdkt_domain::evidence;
use tdkt_domain::targets::{
    self as tg, NumberInput, OwnerKind, ProgressInput, RegistrationInput, TargetInput,
};
use tdkt_domain::vn::format_date;
use tdkt_domain::workflow::{Action, Part};
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::registrations::{self as reg, NewEvidence, Owner, PlanRef};
use tdkt_store::reports::{self as rep, Kind};
use tdkt_store::{Clock, Db, StoreError, StoreResult, Tx, org as store_org};

use super::history::Plan;
use super::org::{self, Acting, DemoOrg};
use super::rng::Rng;
use super::staff::Member;

#[cfg(test)]
pub use registrations::{RETURN_REASON as REGISTRATION_RETURN_REASON, RETURNED};
#[cfg(test)]
pub use reports::RETURN_REASON as REPORT_RETURN_REASON;

/// The day the administrator opened the staff's accounts, before the launch.
const ACCOUNTS_OPENED: Date = date!(2024 - 01 - 15);

/// The largest evidence file accepted (the app's default upload limit).
const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// A context on a day of the demo's year, for someone.
pub fn at(day: Date, who: Who) -> Ctx {
    Ctx {
        clock: Clock::new(Some(day), "Asia/Ho_Chi_Minh").expect("the app's time zone"),
        who,
    }
}

/// What was written, for the log and the tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub registrations: usize,
    pub targets: usize,
    pub progress: usize,
    pub files: usize,
    pub reports: usize,
    pub transactions: usize,
}

/// What someone does on a day.
enum Act {
    /// Saves a registration (`fixed`: the version after its return).
    Save {
        reg: usize,
        fixed: bool,
    },
    Submit(usize),
    /// Approves, or returns with a reason.
    Review {
        reg: usize,
        reason: Option<&'static str>,
    },
    Progress {
        reg: usize,
        target: usize,
        update: progress::Update,
        file: Option<files::Evidence>,
    },
    Report {
        unit: &'static str,
        kind: Kind,
        step: Step,
    },
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Started and partly written, not sent.
    Draft,
    /// Written and sent (`vague`: the version the Office will return).
    Send {
        vague: bool,
    },
    Return(&'static str),
    Accept,
}

struct Event {
    on: Date,
    /// Who acts: a member (index), by the account they act with.
    by: usize,
    act: Act,
}

/// The transaction being written, committed when the store must be read through the database.
struct Writer<'a> {
    db: &'a Db,
    tx: Option<Tx>,
    dirty: bool,
    commits: usize,
}

impl Writer<'_> {
    fn tx(&mut self) -> &mut Tx {
        self.dirty = true;
        self.tx.as_mut().expect("an open transaction")
    }

    /// Commits what was written, so that the database shows it.
    async fn sync(&mut self) -> StoreResult<()> {
        if self.dirty {
            if let Some(tx) = self.tx.take() {
                tx.commit().await?;
                self.commits += 1;
            }
            self.tx = Some(self.db.begin().await?);
            self.dirty = false;
        }
        Ok(())
    }

    async fn finish(mut self) -> StoreResult<usize> {
        if let Some(tx) = self.tx.take() {
            tx.commit().await?;
            self.commits += 1;
        }
        Ok(self.commits)
    }
}

/// Everything the movement needs to know of the world.
pub struct World<'a> {
    pub db: &'a Db,
    /// The demo's day: nothing after it is written.
    pub today: Date,
    pub org: &'a DemoOrg,
    pub members: &'a [Member],
    pub ids: &'a [i64],
    pub history: &'a Plan,
    pub plan_id: i64,
}

/// The targets of a registration as they finally stand (a returned one as fixed).
fn final_targets(r: &registrations::Reg) -> Vec<registrations::Target> {
    let mut t = r.targets.clone();
    if let Some(f) = &r.fix {
        t[0] = f.first.clone();
    }
    t
}

/// The form a registration is typed in; `ids` are the stored targets' when editing.
fn input(r: &registrations::Reg, fixed: bool, ids: Option<&[i64]>) -> RegistrationInput {
    let targets = if fixed {
        final_targets(r)
    } else {
        r.targets.clone()
    };
    RegistrationInput {
        title_code: r.title.to_owned(),
        commitment: r.commitment.clone(),
        targets: targets
            .iter()
            .enumerate()
            .map(|(k, t)| TargetInput {
                id: ids.and_then(|ids| ids.get(k).copied()),
                name: t.name.clone(),
                value: NumberInput::Number(t.value),
                unit_of_measure: t.uom.to_owned(),
                last_year_value: t.last.map(NumberInput::Number).unwrap_or_default(),
                responsible_person_id: None,
                due_on: format_date(t.due),
            })
            .collect(),
    }
}

/// Plans the year as events, in date order.
fn events(
    w: &World<'_>,
    regs: &[registrations::Reg],
    heads: &HashMap<&'static str, usize>,
    office: usize,
) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rng = Rng::new(0x5052_4F47_2024);
    for (k, r) in regs.iter().enumerate() {
        let ev = |on, by, act| Event { on, by, act };
        out.push(ev(
            r.submitted_on,
            r.owner,
            Act::Save {
                reg: k,
                fixed: false,
            },
        ));
        out.push(ev(r.submitted_on, r.owner, Act::Submit(k)));
        if let Some(f) = &r.fix {
            out.push(ev(
                f.returned_on,
                r.reviewer,
                Act::Review {
                    reg: k,
                    reason: Some(f.reason),
                },
            ));
            out.push(ev(
                f.fixed_on,
                r.owner,
                Act::Save {
                    reg: k,
                    fixed: true,
                },
            ));
            out.push(ev(f.fixed_on, r.owner, Act::Submit(k)));
        }
        out.push(ev(
            r.approved_on,
            r.reviewer,
            Act::Review {
                reg: k,
                reason: None,
            },
        ));
        let away = r
            .member
            .and_then(|i| w.members[i].featured())
            .and_then(|f| f.absence)
            .map(|a| (a.0, a.1));
        let owner_key = match r.member {
            Some(i) => w.members[i].draft.code.as_str(),
            None => r.unit,
        };
        for (t, target) in final_targets(r).iter().enumerate() {
            let ups = progress::updates(target, r.approved_on, away, &mut rng);
            let n = ups.len();
            for (u, update) in ups.into_iter().enumerate() {
                let file = files::attached(owner_key, t, update.on, u + 1 == n);
                out.push(ev(
                    update.on,
                    r.owner,
                    Act::Progress {
                        reg: k,
                        target: t,
                        update,
                        file,
                    },
                ));
            }
        }
    }
    for unit in reports::REPORTING {
        let head = heads[unit];
        for kind in Kind::ALL {
            let step = |step| Act::Report { unit, kind, step };
            match reports::course(unit, kind) {
                reports::Course::Accepted { sent, accepted } => {
                    out.push(Event {
                        on: sent,
                        by: head,
                        act: step(Step::Send { vague: false }),
                    });
                    out.push(Event {
                        on: accepted,
                        by: office,
                        act: step(Step::Accept),
                    });
                }
                reports::Course::Returned {
                    sent,
                    returned,
                    reason,
                    resent,
                    accepted,
                } => {
                    for (on, by, s) in [
                        (sent, head, Step::Send { vague: true }),
                        (returned, office, Step::Return(reason)),
                        (resent, head, Step::Send { vague: false }),
                        (accepted, office, Step::Accept),
                    ] {
                        out.push(Event {
                            on,
                            by,
                            act: step(s),
                        });
                    }
                }
                reports::Course::Draft { started } => out.push(Event {
                    on: started,
                    by: head,
                    act: step(Step::Draft),
                }),
            }
        }
    }
    out.sort_by_key(|e| e.on);
    out
}

/// Plays the year: opens the accounts, then every event up to the demo's day.
pub async fn write(w: &World<'_>) -> StoreResult<Summary> {
    let admin = Who {
        user_id: w.org.users.get("admin").copied(),
        username: "admin".into(),
        ip: None,
    };
    let mut out = Writer {
        db: w.db,
        tx: Some(w.db.begin().await?),
        dirty: false,
        commits: 0,
    };
    let accounts = org::movement_accounts(
        out.tx(),
        &at(ACCOUNTS_OPENED.min(w.today), admin),
        w.org,
        w.members,
        w.ids,
        date!(2024 - 01 - 31),
    )
    .await?;
    let office = w
        .members
        .iter()
        .position(|m| m.draft.code == "KHCN011")
        .ok_or_else(|| StoreError::Other("the demo has no Office member".into()))?;
    let regs = registrations::plan(w.members, w.history, &accounts.heads, office);
    let plan = reg::plan_ref(w.db, w.plan_id).await?;
    let mut p = Player {
        w,
        regs: &regs,
        acting: &accounts.acting,
        plan,
        reg_ids: vec![None; regs.len()],
        target_ids: vec![None; regs.len()],
        report_ids: HashMap::new(),
        unit_paths: HashMap::new(),
        summary: Summary::default(),
    };
    for e in events(w, &regs, &accounts.heads, office) {
        if e.on > w.today {
            break;
        }
        p.play(&mut out, e).await?;
    }
    p.summary.transactions = out.finish().await?;
    Ok(p.summary)
}

/// Plays the events, keeping the ids of what it wrote.
struct Player<'a> {
    w: &'a World<'a>,
    regs: &'a [registrations::Reg],
    acting: &'a HashMap<usize, Acting>,
    plan: PlanRef,
    reg_ids: Vec<Option<i64>>,
    target_ids: Vec<Option<Vec<i64>>>,
    report_ids: HashMap<(&'static str, Kind), i64>,
    unit_paths: HashMap<&'static str, String>,
    summary: Summary,
}

impl Player<'_> {
    fn ctx(&self, on: Date, by: usize) -> StoreResult<Ctx> {
        let a = self.acting.get(&by).ok_or_else(|| {
            StoreError::Other(format!("no account for {}", self.w.members[by].draft.code))
        })?;
        Ok(at(on, a.who()))
    }

    fn reg_id(&self, k: usize) -> StoreResult<i64> {
        self.reg_ids[k].ok_or_else(|| StoreError::Other(format!("registration {k} not saved")))
    }

    /// The stored targets of a registration, read (after a commit) the first time.
    async fn targets(&mut self, out: &mut Writer<'_>, k: usize) -> StoreResult<Vec<i64>> {
        if let Some(ids) = &self.target_ids[k] {
            return Ok(ids.clone());
        }
        out.sync().await?;
        let ids: Vec<i64> = reg::targets(self.w.db, self.reg_id(k)?)
            .await?
            .iter()
            .map(|t| t.id)
            .collect();
        self.target_ids[k] = Some(ids.clone());
        Ok(ids)
    }

    async fn unit_path(&mut self, unit: &'static str) -> StoreResult<String> {
        if let Some(p) = self.unit_paths.get(unit) {
            return Ok(p.clone());
        }
        let u = store_org::unit(self.w.db, self.w.org.units[&("KHCN", unit)]).await?;
        self.unit_paths.insert(unit, u.path.clone());
        Ok(u.path)
    }

    async fn play(&mut self, out: &mut Writer<'_>, e: Event) -> StoreResult<()> {
        let ctx = self.ctx(e.on, e.by)?;
        match e.act {
            Act::Save { reg: k, fixed } => {
                let r = &self.regs[k];
                let ids = if fixed {
                    Some(self.targets(out, k).await?)
                } else {
                    None
                };
                let (owner, kind) = match r.member {
                    Some(i) => (
                        Owner::Person {
                            person_id: self.w.ids[i],
                            unit_id: self.w.org.units[&("KHCN", r.unit)],
                        },
                        OwnerKind::Person,
                    ),
                    None => (
                        Owner::Unit(self.w.org.units[&("KHCN", r.unit)]),
                        OwnerKind::Unit,
                    ),
                };
                let mut form = input(r, fixed, ids.as_deref());
                if r.member.is_none() {
                    for (t, target) in form.targets.iter_mut().zip(&r.targets) {
                        t.responsible_person_id = target.responsible.map(|i| self.w.ids[i]);
                    }
                }
                let draft = tg::parse_registration(&form, kind, self.plan.year())
                    .map_err(StoreError::Invalid)?;
                let id = reg::save(out.tx(), &ctx, &self.plan, owner, &draft).await?;
                if self.reg_ids[k].is_none() {
                    self.summary.registrations += 1;
                    self.summary.targets += draft.targets.len();
                }
                self.reg_ids[k] = Some(id);
            }
            Act::Submit(k) => {
                let id = self.reg_id(k)?;
                reg::act(out.tx(), &ctx, id, Action::Submit, Part::Owner, None, None).await?;
            }
            Act::Review { reg: k, reason } => {
                let id = self.reg_id(k)?;
                let action = if reason.is_some() {
                    Action::Return
                } else {
                    Action::Approve
                };
                reg::act(out.tx(), &ctx, id, action, Part::Reviewer, reason, None).await?;
            }
            Act::Progress {
                reg: k,
                target,
                update,
                file,
            } => {
                let ids = self.targets(out, k).await?;
                let form = ProgressInput {
                    reported_on: format_date(update.on),
                    value: NumberInput::Number(update.value),
                    note: update.note.unwrap_or_default(),
                };
                let draft = tg::parse_progress(&form, self.plan.year(), e.on)
                    .map_err(StoreError::Invalid)?;
                let bytes = match &file {
                    Some(f) => Some(f.bytes(e.on).map_err(StoreError::Other)?),
                    None => None,
                };
                let mut evidence_files = Vec::new();
                if let (Some(f), Some(data)) = (&file, &bytes) {
                    let kind = evidence::check_file(f.filename(), data, MAX_UPLOAD)
                        .map_err(|x| StoreError::Other(x.to_string()))?;
                    evidence_files.push(NewEvidence {
                        filename: f.filename(),
                        content_type: kind.media_type(),
                        data,
                    });
                    self.summary.files += 1;
                }
                reg::add_progress(out.tx(), &ctx, ids[target], &draft, &evidence_files).await?;
                self.summary.progress += 1;
            }
            Act::Report { unit, kind, step } => {
                self.report(out, &ctx, e.on, unit, kind, step).await?
            }
        }
        Ok(())
    }

    /// The members of a unit's subtree who aim at Chiến sĩ thi đua cơ sở: the exemplars the unit
    /// names.
    fn exemplars(&self, unit: &str) -> Vec<String> {
        self.regs
            .iter()
            .filter(|r| r.title == "CSTDCS")
            .filter_map(|r| r.member)
            .map(|i| &self.w.members[i])
            .filter(|m| m.unit == unit || m.unit.starts_with(&format!("{unit}-")))
            .take(2)
            .map(|m| {
                format!(
                    "{}, {}: hoàn thành vượt mức các chỉ tiêu đăng ký.",
                    m.draft.full_name,
                    m.draft.position.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    async fn report(
        &mut self,
        out: &mut Writer<'_>,
        ctx: &Ctx,
        on: Date,
        unit: &'static str,
        kind: Kind,
        step: Step,
    ) -> StoreResult<()> {
        let unit_id = self.w.org.units[&("KHCN", unit)];
        let id = match self.report_ids.get(&(unit, kind)) {
            Some(id) => *id,
            None => {
                let id = rep::start(out.tx(), ctx, self.w.plan_id, unit_id, kind).await?;
                self.report_ids.insert((unit, kind), id);
                self.summary.reports += 1;
                id
            }
        };
        match step {
            Step::Draft => rep::save(out.tx(), ctx, id, &reports::draft(unit)).await?,
            Step::Send { vague } => {
                // The figures of the moment, as the app draws them from the database.
                out.sync().await?;
                let path = self.unit_path(unit).await?;
                let figures =
                    rep::figures(self.w.db, self.w.plan_id, self.plan.year(), &path, on).await?;
                let sections =
                    reports::sections(unit, kind, &figures, &self.exemplars(unit), vague);
                rep::save(out.tx(), ctx, id, &sections).await?;
                rep::act(
                    out.tx(),
                    ctx,
                    id,
                    Action::Submit,
                    Part::Owner,
                    None,
                    Some(figures),
                )
                .await?;
            }
            Step::Return(reason) => {
                rep::act(
                    out.tx(),
                    ctx,
                    id,
                    Action::Return,
                    Part::Reviewer,
                    Some(reason),
                    None,
                )
                .await?;
            }
            Step::Accept => {
                rep::act(
                    out.tx(),
                    ctx,
                    id,
                    Action::Approve,
                    Part::Reviewer,
                    None,
                    None,
                )
                .await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
