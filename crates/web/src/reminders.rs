//! Deadlines and reminders (issue 5, items 1 and 5).
//!
//! *What is asked of whom, by when* — [`Duties`] (from a user's grants and person record) and
//! [`items`] (from the plan's deadlines, the registrations and the reports): the dashboard, the
//! calendar feed and the reminders all read it, so they always agree.
//!
//! *Reminders* — [`run_once`] is one pass of the scheduler the server runs every
//! `reminder_tick_seconds` ([`spawn`]); it reads the app's clock, so moving `--today` across a
//! deadline triggers what that day would. A pass:
//!
//! 1. finds the deadlines of published plans for which today is a reminder day: from N days
//!    before the deadline to the deadline (N = the agency's `reminder_days_before` setting, else
//!    the deployment's, default 3), and from the day after it to `reminder_catch_up_days` later
//!    (a missed deadline; so a server that was down on the day still reminds);
//! 2. for each user who still owes something for it, creates a notification and queues an e-mail
//!    job, both with the dedupe key `remind:<plan>:<deadline kind>:<due date>:<user>:<before|missed>`
//!    in one transaction: however many instances run the pass, each reminder happens once;
//! 3. sends the queued e-mails, each claimed through the database (`jobs::claim_kind`): sent →
//!    the job is done and `email_log` says `sent`; refused or unreachable → the error goes into the
//!    job row and `email_log`, and the job is retried later (the delay doubles each time); after
//!    its last attempt it stays `failed`, listed on the administrator's page, which can retry it.
//!    Without SMTP settings the jobs wait (the page says so); notifications are created anyway.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration as StdDuration, SystemTime};

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use tdkt_domain::policy::{Actor, Role};
use tdkt_domain::vn::format_date;
use tdkt_domain::workflow::Status;
use tdkt_store::notify::{
    self, NewNotification, PlanDeadline, Recipient, RegistrationState, ReportState, UnitBrief,
};
use tdkt_store::{Clock, Db, StoreResult, jobs, people, settings};

use crate::state::AppState;

/// The kind of job that sends one e-mail.
pub const EMAIL_JOB: &str = "email";
/// The agency setting that overrides the deployment's `reminder_days_before`.
pub const DAYS_BEFORE_SETTING: &str = "reminder_days_before";

// --- settings ----------------------------------------------------------------------------------

/// How to reach the mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// The sender, `tdkt@so-khcn.bacgiang.gov.vn` or `Thi đua – Khen thưởng <tdkt@…>`.
    pub from: String,
    pub username: Option<String>,
    pub password: Option<String>,
    /// Upgrade the connection with STARTTLS (required, certificate checked) before sending.
    pub starttls: bool,
}

impl SmtpConfig {
    /// Checks what can be checked before the first e-mail: the sender's address.
    pub fn validate(&self) -> Result<(), String> {
        if self.host.trim().is_empty() {
            return Err("smtp_host: không được để trống".into());
        }
        self.from
            .parse::<lettre::message::Mailbox>()
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "smtp_from: “{}” không phải địa chỉ thư hợp lệ ({e})",
                    self.from
                )
            })
    }
}

/// The reminders' settings (tdkt.toml, environment; see the README's configuration table).
#[derive(Debug, Clone)]
pub struct ReminderConfig {
    /// Days before a deadline when reminding starts (an agency's own setting wins).
    pub days_before: i64,
    /// Days after a missed deadline during which the "missed" reminder may still go.
    pub catch_up_days: i64,
    /// How often the scheduler runs.
    pub tick: StdDuration,
    /// The wait before the first retry of a failed e-mail; it doubles with each attempt.
    pub retry_after: Duration,
    /// None: e-mails wait in the queue.
    pub smtp: Option<SmtpConfig>,
    /// The address users reach the app at (`https://tdkt.example.gov.vn`), for links in e-mails
    /// and the calendar feed's address; else links are relative and the feed's address is taken
    /// from the request.
    pub public_url: Option<String>,
}

impl Default for ReminderConfig {
    fn default() -> Self {
        ReminderConfig {
            days_before: 3,
            catch_up_days: 7,
            tick: StdDuration::from_secs(60),
            retry_after: Duration::minutes(5),
            smtp: None,
            public_url: None,
        }
    }
}

// --- what is asked of whom ---------------------------------------------------------------------

/// The Vietnamese name of a deadline kind.
pub fn deadline_label(kind: &str) -> &'static str {
    match kind {
        "registration" => "Đăng ký thi đua",
        "mid_year_report" => "Gửi báo cáo sơ kết",
        "year_end_report" => "Gửi báo cáo tổng kết",
        "rating" => "Đánh giá, xếp loại chất lượng",
        _ => "Hạn khác",
    }
}

/// The report kind (`report.kind`) a deadline kind asks for.
fn report_kind(deadline_kind: &str) -> Option<&'static str> {
    match deadline_kind {
        "mid_year_report" => Some("mid_year"),
        "year_end_report" => Some("year_end"),
        _ => None,
    }
}

/// What a user is in an agency's plan.
#[derive(Debug, Clone, Default)]
pub struct Duties {
    pub user_id: i64,
    /// Their own person record, when it belongs to the agency: they register.
    pub person_id: Option<i64>,
    /// Units they head.
    pub heads: Vec<i64>,
    /// The Office: consolidates registrations, receives reports, sees the late list.
    pub office: bool,
    /// Leadership and council members: they follow the deadlines.
    pub follows: bool,
}

impl Duties {
    pub fn is_empty(&self) -> bool {
        self.person_id.is_none() && self.heads.is_empty() && !self.office && !self.follows
    }

    /// A signed-in actor's duties in an agency (their person's agency is looked up by the caller).
    pub fn of_actor(actor: &Actor, agency_id: i64, person_agency: Option<i64>) -> Duties {
        let mut d = Duties {
            user_id: actor.user_id,
            person_id: actor.person_id.filter(|_| person_agency == Some(agency_id)),
            ..Default::default()
        };
        for g in actor
            .grants
            .iter()
            .filter(|g| g.agency_id == Some(agency_id))
        {
            match g.role {
                Role::TruongDonVi => {
                    if let Some((u, _)) = &g.unit
                        && !d.heads.contains(u)
                    {
                        d.heads.push(*u);
                    }
                }
                Role::VanPhong => d.office = true,
                Role::LanhDao | Role::HoiDong => d.follows = true,
                Role::Admin | Role::CanBo => {}
            }
        }
        d
    }
}

/// The agencies an actor has a part in (grants and their own person record), and their person's
/// agency.
pub async fn actor_agencies(db: &Db, actor: &Actor) -> StoreResult<(Vec<i64>, Option<i64>)> {
    let person_agency = match actor.person_id {
        Some(p) => Some(people::person(db, p).await?.agency_id),
        None => None,
    };
    let mut agencies: Vec<i64> = person_agency.into_iter().collect();
    for g in &actor.grants {
        if g.role != Role::Admin
            && let Some(a) = g.agency_id
            && !agencies.contains(&a)
        {
            agencies.push(a);
        }
    }
    Ok((agencies, person_agency))
}

/// A published plan with what its deadlines depend on, read once.
#[derive(Debug, Clone)]
pub struct Facts {
    pub plan_id: i64,
    pub agency_id: i64,
    pub year: i32,
    pub deadlines: Vec<PlanDeadline>,
    pub units: Vec<UnitBrief>,
    pub members: Vec<(i64, Option<i64>)>,
    pub registrations: Vec<RegistrationState>,
    pub reports: Vec<ReportState>,
    /// The app's present: what was submitted after it does not count yet.
    pub now: OffsetDateTime,
    /// The app's date (in its time zone).
    pub today: Date,
}

impl Facts {
    /// The published plan of an agency for a year, if any.
    pub async fn for_agency(
        db: &Db,
        agency_id: i64,
        year: i32,
        clock: &Clock,
    ) -> StoreResult<Option<Facts>> {
        let Some(plan) = tdkt_store::plans::plan_for(db, agency_id, year).await? else {
            return Ok(None);
        };
        if !plan.is_published() {
            return Ok(None);
        }
        let deadlines = tdkt_store::plans::deadlines(db, plan.id)
            .await?
            .into_iter()
            .map(|d| PlanDeadline {
                deadline_id: d.id,
                plan_id: d.plan_id,
                agency_id,
                year: i64::from(year),
                kind: d.kind,
                due_on: d.due_on,
                description: d.description,
            })
            .collect();
        Ok(Some(Facts {
            plan_id: plan.id,
            agency_id,
            year,
            deadlines,
            units: notify::units(db, agency_id).await?,
            members: notify::members(db, agency_id).await?,
            registrations: notify::registrations(db, plan.id).await?,
            reports: notify::reports(db, plan.id).await?,
            now: clock.now(),
            today: clock.today(),
        }))
    }

    fn unit(&self, id: i64) -> Option<&UnitBrief> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The units that send review reports: those directly under the agency.
    pub fn reporting_units(&self) -> impl Iterator<Item = &UnitBrief> {
        self.units.iter().filter(|u| u.parent_id.is_none())
    }

    /// Has this registration been sent (as of the app's present)?
    fn registration_sent(&self, r: &RegistrationState) -> bool {
        matches!(
            Status::from_code(&r.status),
            Some(Status::Submitted | Status::Approved)
        ) && r.submitted_at.is_none_or(|t| t <= self.now)
    }

    fn own_registration(&self, person: i64) -> Option<&RegistrationState> {
        self.registrations
            .iter()
            .find(|r| r.person_id == Some(person))
    }

    fn unit_registration(&self, unit: i64) -> Option<&RegistrationState> {
        self.registrations
            .iter()
            .find(|r| r.person_id.is_none() && r.unit_id == unit)
    }

    /// A unit's report of a kind, and whether it has been sent (as of the app's present).
    pub fn report(&self, unit: i64, kind: &str) -> (Option<&ReportState>, bool) {
        let r = self
            .reports
            .iter()
            .find(|r| r.unit_id == unit && r.kind == kind);
        let sent = r.is_some_and(|r| {
            matches!(
                Status::from_code(&r.status),
                Some(Status::Submitted | Status::Approved)
            ) && r
                .first_submitted_at
                .or(r.submitted_at)
                .is_none_or(|t| t <= self.now)
        });
        (r, sent)
    }

    /// Members (active people) of a unit's subtree.
    fn members_under(&self, unit: &UnitBrief) -> Vec<i64> {
        let inside: Vec<i64> = self
            .units
            .iter()
            .filter(|u| u.path.starts_with(&unit.path))
            .map(|u| u.id)
            .collect();
        self.members
            .iter()
            .filter(|(_, u)| u.is_some_and(|u| inside.contains(&u)))
            .map(|(p, _)| *p)
            .collect()
    }
}

fn registration_status(r: Option<&RegistrationState>, sent: bool) -> String {
    match r.and_then(|r| Status::from_code(&r.status)) {
        None => "Chưa đăng ký".into(),
        Some(Status::Submitted | Status::Approved) if !sent => "Chưa gửi".into(),
        Some(s) => s.label(false).into(),
    }
}

fn report_status(r: Option<&ReportState>, sent: bool) -> String {
    match r.and_then(|r| Status::from_code(&r.status)) {
        None => "Chưa gửi".into(),
        Some(Status::Submitted | Status::Approved) if !sent => "Chưa gửi".into(),
        Some(s) => s.label(true).into(),
    }
}

/// One thing asked of a user by a deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub deadline_kind: String,
    pub due_on: Date,
    /// What: "Đăng ký thi đua cá nhân", "Báo cáo sơ kết của Phòng Quản lý khoa học".
    pub what: String,
    /// Where it stands: "Chưa đăng ký", "Chờ duyệt", "Đã tiếp nhận", "3/5 đã gửi".
    pub status: Option<String>,
    pub done: bool,
    /// The user's own obligation (reminded while not done); otherwise something they follow.
    pub owed: bool,
    /// Units late with it, for the Office (after the deadline).
    pub late_units: Vec<String>,
    /// Where to do it or see it.
    pub href: Option<String>,
}

/// Everything a plan asks of a user, deadline by deadline (in the plan's order of dates).
pub async fn items(db: &Db, f: &Facts, d: &Duties) -> StoreResult<Vec<Item>> {
    let mut out = Vec::new();
    let today_after = |due: Date| f.today > due;
    for dl in &f.deadlines {
        let kind = dl.kind.as_str();
        let item = |what: String, status: Option<String>, done: bool, owed: bool| Item {
            deadline_kind: dl.kind.clone(),
            due_on: dl.due_on,
            what,
            status,
            done,
            owed,
            late_units: Vec::new(),
            href: None,
        };
        let year = f.year;
        let before = out.len();
        match kind {
            "registration" => {
                if let Some(p) = d.person_id {
                    let r = f.own_registration(p);
                    let sent = r.is_some_and(|r| f.registration_sent(r));
                    out.push(Item {
                        href: Some(format!("/dang-ky?nam={year}")),
                        ..item(
                            "Đăng ký thi đua cá nhân".into(),
                            Some(registration_status(r, sent)),
                            sent,
                            true,
                        )
                    });
                }
                for u in d.heads.iter().filter_map(|u| f.unit(*u)) {
                    let r = f.unit_registration(u.id);
                    let sent = r.is_some_and(|r| f.registration_sent(r));
                    let unit_page = Some(format!("/dang-ky/don-vi/{}?nam={year}", u.id));
                    out.push(Item {
                        href: unit_page.clone(),
                        ..item(
                            format!("Đăng ký thi đua của {}", u.name),
                            Some(registration_status(r, sent)),
                            sent,
                            true,
                        )
                    });
                    let members = f.members_under(u);
                    let sent_members = members
                        .iter()
                        .filter(|p| {
                            f.own_registration(**p)
                                .is_some_and(|r| f.registration_sent(r))
                        })
                        .count();
                    let approved = members
                        .iter()
                        .filter(|p| {
                            f.own_registration(**p)
                                .is_some_and(|r| f.registration_sent(r) && r.status == "approved")
                        })
                        .count();
                    out.push(Item {
                        href: unit_page,
                        ..item(
                            format!("Đăng ký thi đua của cán bộ {}", u.name),
                            Some(format!(
                                "{sent_members}/{} người đã gửi, {approved} đã duyệt",
                                members.len()
                            )),
                            approved == members.len(),
                            false,
                        )
                    });
                }
                if d.office {
                    let all: Vec<&UnitBrief> = f.units.iter().collect();
                    let sent: Vec<&&UnitBrief> = all
                        .iter()
                        .filter(|u| {
                            f.unit_registration(u.id)
                                .is_some_and(|r| f.registration_sent(r))
                        })
                        .collect();
                    let mut it = item(
                        "Đăng ký thi đua của các phòng, đơn vị".into(),
                        Some(format!("{}/{} đơn vị đã gửi", sent.len(), all.len())),
                        sent.len() == all.len(),
                        false,
                    );
                    it.href = Some(format!("/dang-ky/tong-hop?nam={year}"));
                    if today_after(dl.due_on) {
                        it.late_units = all
                            .iter()
                            .filter(|u| !sent.iter().any(|s| s.id == u.id))
                            .map(|u| u.name.clone())
                            .collect();
                    }
                    out.push(it);
                }
            }
            "mid_year_report" | "year_end_report" => {
                let rk = report_kind(kind).unwrap_or_default();
                let label = if rk == "mid_year" {
                    "Báo cáo sơ kết"
                } else {
                    "Báo cáo tổng kết"
                };
                for u in d
                    .heads
                    .iter()
                    .filter_map(|u| f.unit(*u))
                    .filter(|u| u.parent_id.is_none())
                {
                    let (r, sent) = f.report(u.id, rk);
                    out.push(item(
                        format!("{label} của {}", u.name),
                        Some(report_status(r, sent)),
                        sent,
                        true,
                    ));
                }
                if d.office {
                    let units: Vec<&UnitBrief> = f.reporting_units().collect();
                    let missing: Vec<String> = units
                        .iter()
                        .filter(|u| !f.report(u.id, rk).1)
                        .map(|u| u.name.clone())
                        .collect();
                    let mut it = item(
                        format!("{label} của các phòng, đơn vị"),
                        Some(format!(
                            "{}/{} đơn vị đã gửi",
                            units.len() - missing.len(),
                            units.len()
                        )),
                        missing.is_empty(),
                        false,
                    );
                    if today_after(dl.due_on) {
                        it.late_units = missing;
                    }
                    out.push(it);
                }
            }
            "rating" => {
                if d.office {
                    let n = notify::unrated(db, f.agency_id, None, f.year).await?;
                    out.push(item(
                        "Xếp loại chất lượng cán bộ của cơ quan".into(),
                        Some(if n == 0 {
                            "Đã xếp loại đủ".into()
                        } else {
                            format!("{n} người chưa xếp loại")
                        }),
                        n == 0,
                        true,
                    ));
                }
                for u in d.heads.iter().filter_map(|u| f.unit(*u)) {
                    let n = notify::unrated(db, f.agency_id, Some(&u.path), f.year).await?;
                    out.push(item(
                        format!("Xếp loại chất lượng cán bộ {}", u.name),
                        Some(if n == 0 {
                            "Đã xếp loại đủ".into()
                        } else {
                            format!("{n} người chưa xếp loại")
                        }),
                        n == 0,
                        true,
                    ));
                }
            }
            _ => {}
        }
        // Those who follow the plan see every deadline, even one that asks nothing of them.
        if out.len() == before && (d.follows || d.office || kind == "other") && !d.is_empty() {
            out.push(item(dl.description.clone(), None, false, false));
        }
    }
    Ok(out)
}

// --- the scheduler -------------------------------------------------------------------------------

/// When a reminder goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// In the days before the deadline.
    Before,
    /// After it was missed.
    Missed,
}

impl When {
    fn code(self) -> &'static str {
        match self {
            When::Before => "before",
            When::Missed => "missed",
        }
    }

    /// Is today a day to remind of a deadline due on `due`?
    pub fn for_day(today: Date, due: Date, days_before: i64, catch_up: i64) -> Option<When> {
        let d = (due - today).whole_days();
        if (0..=days_before).contains(&d) {
            Some(When::Before)
        } else if (-catch_up.max(1)..0).contains(&d) {
            Some(When::Missed)
        } else {
            None
        }
    }
}

/// The dedupe key of one user's reminder of one deadline.
pub fn reminder_key(dl: &PlanDeadline, user_id: i64, when: When) -> String {
    format!(
        "remind:{}:{}:{}:{}:{}",
        dl.plan_id,
        dl.kind,
        dl.due_on,
        user_id,
        when.code()
    )
}

/// An e-mail job's payload: the message is composed when queued.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailPayload {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub user_id: i64,
    pub agency_id: Option<i64>,
    /// The notification it repeats.
    pub key: String,
    /// After this day the message is no longer worth sending (it is logged as skipped).
    pub stale_after: Option<Date>,
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PassReport {
    pub notifications: usize,
    pub emails_queued: usize,
    pub sent: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// The recipients of an agency's reminders, with their duties.
async fn agency_duties(db: &Db, agency_id: i64) -> StoreResult<Vec<(Recipient, Duties)>> {
    fn slot<'a>(m: &'a mut BTreeMap<i64, (Recipient, Duties)>, r: &Recipient) -> &'a mut Duties {
        &mut m
            .entry(r.user_id)
            .or_insert_with(|| {
                (
                    r.clone(),
                    Duties {
                        user_id: r.user_id,
                        ..Default::default()
                    },
                )
            })
            .1
    }
    let mut by_user = BTreeMap::new();
    for r in notify::staff(db, agency_id).await? {
        slot(&mut by_user, &r).person_id = r.person_id;
    }
    for r in notify::role_holders(db, agency_id, Role::TruongDonVi.code()).await? {
        let d = slot(&mut by_user, &r);
        if let Some(u) = r.unit_id
            && !d.heads.contains(&u)
        {
            d.heads.push(u);
        }
    }
    for r in notify::role_holders(db, agency_id, Role::VanPhong.code()).await? {
        slot(&mut by_user, &r).office = true;
    }
    Ok(by_user.into_values().collect())
}

fn is_address(s: &str) -> bool {
    s.parse::<lettre::Address>().is_ok()
}

/// Builds the notification and e-mail of one reminder.
fn compose(
    f: &Facts,
    dl: &PlanDeadline,
    when: When,
    today: Date,
    owed: &[&Item],
) -> (String, String) {
    let label = deadline_label(&dl.kind);
    let due = format_date(dl.due_on);
    let title = match when {
        When::Before => match (dl.due_on - today).whole_days() {
            0 => format!("Hôm nay là hạn cuối: {label} ({due})"),
            n => format!("Còn {n} ngày: {label} (hạn {due})"),
        },
        When::Missed => format!("Đã quá hạn: {label} (hạn {due})"),
    };
    let mut body = match when {
        When::Before => format!(
            "Theo Kế hoạch phát động phong trào thi đua năm {}, hạn {} là ngày {due} (tính cả ngày này). Việc còn phải làm:\n",
            f.year,
            label.to_lowercase()
        ),
        When::Missed => format!(
            "Đã quá hạn {} ngày {due} theo Kế hoạch phát động phong trào thi đua năm {}. Việc chưa hoàn thành:\n",
            label.to_lowercase(),
            f.year
        ),
    };
    for i in owed {
        body.push_str(&format!(
            "- {}: {}\n",
            i.what,
            i.status.as_deref().unwrap_or("chưa xong")
        ));
    }
    (title, body.trim_end().to_owned())
}

fn email_text(cfg: &ReminderConfig, who: &Recipient, body: &str, link: &str) -> String {
    let url = match &cfg.public_url {
        Some(base) => format!("{}{link}", base.trim_end_matches('/')),
        None => link.to_owned(),
    };
    format!(
        "Kính gửi {},\n\n{body}\n\nXem và thực hiện trên tdkt: {url}\n\n-- \nThư tự động của tdkt — phần mềm quản lý công tác thi đua, khen thưởng. Thông báo này cũng có trong mục Thông báo của ứng dụng.\n",
        who.display_name
    )
}

/// Where a reminder sends its reader: the page of what is owed when there is one, else the
/// dashboard (which lists what is asked of them, by when).
fn reminder_link(owed: &[&Item]) -> String {
    owed.iter()
        .find_map(|i| i.href.clone())
        .unwrap_or_else(|| "/".to_owned())
}

/// Step 1–2 of a pass: notifications and e-mail jobs for today's reminders.
async fn queue_reminders(state: &AppState, report: &mut PassReport) -> StoreResult<()> {
    let db = &state.db;
    let cfg = &state.config.reminders;
    let today = state.clock.today();
    let now = state.clock.now();
    let catch_up = cfg.catch_up_days.max(1);
    let from = today - Duration::days(catch_up);
    let to = today + Duration::days(366);
    let mut deadlines = notify::published_deadlines(db, from, to).await?;
    // Only the deadlines for which today is a reminder day, by agency's own setting.
    let mut days_before: HashMap<i64, i64> = HashMap::new();
    let mut due = Vec::new();
    for dl in deadlines.drain(..) {
        let n = match days_before.get(&dl.agency_id) {
            Some(n) => *n,
            None => {
                let n = settings::get(db, Some(dl.agency_id), DAYS_BEFORE_SETTING, cfg.days_before)
                    .await?
                    .max(0);
                days_before.insert(dl.agency_id, n);
                n
            }
        };
        if let Some(when) = When::for_day(today, dl.due_on, n, catch_up) {
            due.push((dl, when));
        }
    }
    let mut facts: HashMap<i64, Facts> = HashMap::new();
    let mut recipients: HashMap<i64, Vec<(Recipient, Duties)>> = HashMap::new();
    // The count of changes before the pass (`audit::changes`): a change made during it moves the
    // count, so the next pass looks again.
    let head = tdkt_store::audit::changes(db).await?;
    for (dl, when) in due {
        let pass_kind = match when {
            When::Before => "before",
            When::Missed => "missed",
        };
        // Gone through whole today already (by this instance or another) and nothing changed
        // since (every change is audited and counted): nothing new to find.
        if notify::pass_done(db, dl.deadline_id, pass_kind, today, head).await? {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = facts.entry(dl.plan_id) {
            match Facts::for_agency(db, dl.agency_id, dl.year as i32, &state.clock).await? {
                Some(f) => e.insert(f),
                None => continue,
            };
        }
        let f = &facts[&dl.plan_id];
        if let std::collections::hash_map::Entry::Vacant(e) = recipients.entry(dl.agency_id) {
            e.insert(agency_duties(db, dl.agency_id).await?);
        }
        // Only this deadline.
        let one = Facts {
            deadlines: vec![dl.clone()],
            ..f.clone()
        };
        for (who, duties) in &recipients[&dl.agency_id] {
            let all = items(db, &one, duties).await?;
            let owed: Vec<&Item> = all.iter().filter(|i| i.owed && !i.done).collect();
            if owed.is_empty() {
                continue;
            }
            let key = reminder_key(&dl, who.user_id, when);
            let (title, body) = compose(f, &dl, when, today, &owed);
            let link = reminder_link(&owed);
            let mut tx = db.begin().await?;
            let created = notify::create(
                &mut tx,
                &NewNotification {
                    user_id: who.user_id,
                    kind: match when {
                        When::Before => "reminder_before",
                        When::Missed => "reminder_missed",
                    },
                    title: &title,
                    body: &body,
                    link: Some(&link),
                    due_on: Some(dl.due_on),
                    dedupe_key: Some(&key),
                },
                now,
            )
            .await?;
            let mut queued = false;
            if let Some(to) = who.email.as_deref().filter(|a| is_address(a)) {
                let payload = EmailPayload {
                    to: to.to_owned(),
                    subject: format!("[tdkt] {title}"),
                    body: email_text(cfg, who, &body, &link),
                    user_id: who.user_id,
                    agency_id: Some(dl.agency_id),
                    key: key.clone(),
                    stale_after: Some(match when {
                        When::Before => dl.due_on,
                        When::Missed => dl.due_on + Duration::days(catch_up),
                    }),
                };
                let v = serde_json::to_value(&payload)
                    .map_err(|e| tdkt_store::StoreError::Other(e.to_string()))?;
                let job_key = format!("email:{key}");
                queued = jobs::enqueue(&mut tx, EMAIL_JOB, Some(&job_key), &v, now, now).await?;
            }
            tx.commit().await?;
            report.notifications += usize::from(created);
            report.emails_queued += usize::from(queued);
        }
        notify::note_pass(db, dl.deadline_id, pass_kind, today, head, now).await?;
    }
    Ok(())
}

/// A mail transport built from the settings.
fn mailer(smtp: &SmtpConfig) -> Result<lettre::AsyncSmtpTransport<lettre::Tokio1Executor>, String> {
    use lettre::transport::smtp::authentication::Credentials;
    type T = lettre::AsyncSmtpTransport<lettre::Tokio1Executor>;
    let mut b = if smtp.starttls {
        T::starttls_relay(&smtp.host).map_err(|e| e.to_string())?
    } else {
        T::builder_dangerous(&smtp.host)
    };
    b = b.port(smtp.port).timeout(Some(StdDuration::from_secs(20)));
    if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
        b = b.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(b.build())
}

async fn send_one(
    mailer: &lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    smtp: &SmtpConfig,
    p: &EmailPayload,
    now: OffsetDateTime,
) -> Result<(), String> {
    use lettre::AsyncTransport;
    use lettre::message::header::ContentType;
    let msg = lettre::Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("smtp_from: {e}"))?)
        .to(p
            .to
            .parse()
            .map_err(|e| format!("địa chỉ người nhận “{}”: {e}", p.to))?)
        .subject(p.subject.clone())
        .date(SystemTime::from(now))
        .header(ContentType::TEXT_PLAIN)
        .header(ReminderHeader(p.key.clone()))
        .body(p.body.clone())
        .map_err(|e| e.to_string())?;
    mailer.send(msg).await.map(|_| ()).map_err(|e| {
        let mut s = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(inner) = src {
            s.push_str(": ");
            s.push_str(&inner.to_string());
            src = inner.source();
        }
        s
    })
}

/// `X-Tdkt-Reminder`: the reminder's key, so that a mailbox (or a test) can tell reminders apart.
#[derive(Debug, Clone)]
struct ReminderHeader(String);

impl lettre::message::header::Header for ReminderHeader {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("X-Tdkt-Reminder")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ReminderHeader(s.to_owned()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The name this process claims jobs under.
fn worker_name() -> String {
    use rand::RngExt;
    let n: u32 = rand::rng().random();
    format!("tdkt-{}-{n:08x}", std::process::id())
}

/// Step 3 of a pass: sends the queued e-mails that are due.
async fn send_queued(state: &AppState, report: &mut PassReport) -> StoreResult<()> {
    let cfg = &state.config.reminders;
    let Some(smtp) = &cfg.smtp else {
        return Ok(());
    };
    let db = &state.db;
    let worker = worker_name();
    let started = state.clock.now();
    let transport = mailer(smtp);
    // A bound, so that one pass cannot run forever; the next pass goes on.
    for _ in 0..1000 {
        let Some(job) =
            jobs::claim_kind(db, Some(EMAIL_JOB), &worker, started, Duration::minutes(10)).await?
        else {
            break;
        };
        let now = state.clock.now();
        let payload: Result<EmailPayload, _> = serde_json::from_str(&job.payload);
        let outcome = match (&payload, &transport) {
            (Err(e), _) => Err(format!("nội dung công việc không đọc được: {e}")),
            (Ok(p), _) if p.stale_after.is_some_and(|d| state.clock.today() > d) => {
                jobs::complete(db, job.id, now).await?;
                notify::log_email(
                    db,
                    Some(job.id),
                    &p.to,
                    &p.subject,
                    "skipped",
                    Some("quá muộn để gửi: thời điểm nhắc đã qua"),
                    now,
                )
                .await?;
                report.skipped += 1;
                continue;
            }
            (Ok(_), Err(e)) => Err(format!("cấu hình SMTP: {e}")),
            (Ok(p), Ok(m)) => send_one(m, smtp, p, now).await,
        };
        let (to, subject) = payload
            .as_ref()
            .map(|p| (p.to.clone(), p.subject.clone()))
            .unwrap_or_else(|_| ("?".into(), "?".into()));
        match outcome {
            Ok(()) => {
                jobs::complete(db, job.id, now).await?;
                notify::log_email(db, Some(job.id), &to, &subject, "sent", None, now).await?;
                report.sent += 1;
            }
            Err(e) => {
                let last = job.attempts >= job.max_attempts;
                let factor = 1i32 << (job.attempts.clamp(1, 10) - 1);
                let retry_in = cfg.retry_after.max(Duration::seconds(1)) * factor;
                let error = format!(
                    "lần gửi {}/{}: {e}{}",
                    job.attempts,
                    job.max_attempts,
                    if last {
                        String::new()
                    } else {
                        format!(" — sẽ gửi lại sau {} phút", retry_in.whole_minutes().max(1))
                    }
                );
                tracing::warn!(job = job.id, to = %to, error = %error, "e-mail not sent");
                jobs::fail(db, &job, &error, now, retry_in).await?;
                notify::log_email(db, Some(job.id), &to, &subject, "failed", Some(&error), now)
                    .await?;
                report.failed += 1;
            }
        }
    }
    Ok(())
}

/// One pass of the scheduler: today's reminders, then the queued e-mails. Safe to run on several
/// instances at once (each reminder and each e-mail happens once).
pub async fn run_once(state: &AppState) -> StoreResult<PassReport> {
    let mut report = PassReport::default();
    apply_due_names(state).await?;
    queue_reminders(state, &mut report).await?;
    send_queued(state, &mut report).await?;
    if report != PassReport::default() {
        tracing::info!(?report, "reminders pass");
    }
    Ok(report)
}

/// Agencies renamed from a day that has now come take their new name (DOMAIN.md 4.6).
async fn apply_due_names(state: &AppState) -> StoreResult<()> {
    let ctx = state.ctx(tdkt_store::audit::Who::system("scheduler"));
    let mut tx = state.db.begin().await?;
    let n = tdkt_store::org::apply_due_agency_names(&mut tx, &ctx).await?;
    tx.commit().await?;
    if n > 0 {
        tracing::info!(agencies = n, "renames in force");
    }
    Ok(())
}

/// Starts the scheduler (once per server): a pass every `tick`, the first at once.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.config.reminders.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = run_once(&state).await {
                tracing::warn!(error = %e, "reminders pass failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reminder_days() {
        let due = date!(2024 - 06 - 05);
        let w = |d| When::for_day(d, due, 3, 7);
        assert_eq!(w(date!(2024 - 06 - 01)), None);
        assert_eq!(w(date!(2024 - 06 - 02)), Some(When::Before));
        assert_eq!(w(date!(2024 - 06 - 05)), Some(When::Before));
        assert_eq!(w(date!(2024 - 06 - 06)), Some(When::Missed));
        assert_eq!(w(date!(2024 - 06 - 12)), Some(When::Missed));
        assert_eq!(w(date!(2024 - 06 - 13)), None);
    }

    #[test]
    fn smtp_sender_is_checked() {
        let mut s = SmtpConfig {
            host: "localhost".into(),
            port: 25,
            from: "Thi đua – Khen thưởng <tdkt@khcn.bacgiang.gov.vn>".into(),
            username: None,
            password: None,
            starttls: false,
        };
        assert!(s.validate().is_ok());
        s.from = "không phải địa chỉ".into();
        assert!(s.validate().unwrap_err().starts_with("smtp_from"));
    }
}
