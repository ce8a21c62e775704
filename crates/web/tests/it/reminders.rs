//! Deadlines and reminders (issue 5, items 1 and 5): the seed's plan launched for 2024, the app's
//! clock moved across its deadlines, the scheduler's pass run by hand (`reminders::run_once`).
//!
//! E-mails go to a REAL SMTP server: `scripts/test` starts `scripts/smtp-sink.py` and exports
//! `TEST_SMTP_PORT` and `TEST_SMTP_DIR` (where each message lands as NNNNNN-pid.json, decoded).
//! Without them the tests that need the server say so and skip; the rest still run. Each test
//! gives its accounts addresses of its own (a nonce in the local part), so tests running at once,
//! and the SQLite and PostgreSQL runs, never read each other's mail.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::StatusCode;
use time::Date;
use time::macros::date;

use tdkt_store::audit::{Ctx, Who};
use tdkt_store::{Clock, Db, jobs, notify};
use tdkt_web::reminders::{self, PassReport, ReminderConfig, SmtpConfig};
use tdkt_web::{AppState, WebConfig};

use crate::harness::db::TZ;
use crate::harness::{Client, PASSWORD, TestApp, TestDb, World, count, test_clock};

// --- the SMTP sink -------------------------------------------------------------------------------

struct Sink {
    port: u16,
    dir: PathBuf,
}

fn sink() -> Option<Sink> {
    let port = std::env::var("TEST_SMTP_PORT").ok()?.trim().parse().ok()?;
    let dir = PathBuf::from(std::env::var("TEST_SMTP_DIR").ok()?);
    dir.is_dir().then_some(Sink { port, dir })
}

fn skip(test: &str) {
    eprintln!(
        "{test}: SKIPPED the SMTP part — TEST_SMTP_PORT / TEST_SMTP_DIR are not set (scripts/test \
         starts scripts/smtp-sink.py and sets them; or run it yourself: \
         scripts/smtp-sink.py DIR --port PORT)"
    );
}

/// The messages the sink received for an address, oldest first.
fn mail_to(s: &Sink, address: &str) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&s.dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| serde_json::from_slice::<serde_json::Value>(&std::fs::read(p).ok()?).ok())
        .filter(|m| {
            m["rcpt_tos"]
                .as_array()
                .is_some_and(|a| a.iter().any(|r| r.as_str() == Some(address)))
        })
        .collect()
}

static NONCE: AtomicU64 = AtomicU64::new(0);

/// Addresses of this test's own: `username.<nonce>@tdkt.test`.
fn nonce() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:x}{:x}{}",
        std::process::id(),
        nanos & 0xffff_ffff,
        NONCE.fetch_add(1, Ordering::Relaxed)
    )
}

// --- set-up ----------------------------------------------------------------------------------------

fn on(day: Date) -> Clock {
    Clock::new(Some(day), TZ).unwrap()
}

fn smtp_at(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        from: "Thi đua – Khen thưởng <tdkt@khcn.bacgiang.gov.vn>".into(),
        username: None,
        password: None,
        starttls: false,
    }
}

fn config(smtp: Option<SmtpConfig>) -> WebConfig {
    WebConfig {
        reminders: ReminderConfig {
            smtp,
            retry_after: time::Duration::ZERO,
            public_url: Some("https://tdkt.bacgiang.gov.vn".into()),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn state(db: &Db, day: Date, smtp: Option<SmtpConfig>) -> AppState {
    AppState::new(db.clone(), on(day), config(smtp))
}

async fn pass(db: &Db, day: Date, smtp: Option<SmtpConfig>) -> PassReport {
    reminders::run_once(&state(db, day, smtp))
        .await
        .expect("a scheduler pass")
}

/// The seed's plan for 2024 (registration 31/01, mid-year report 05/06, year-end report 05/11,
/// rating 15/12), launched by the Office of KHCN on 24/01/2024.
async fn launch_2024(db: &Db, world: &World) -> i64 {
    let plan = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
    let content = serde_json::to_string(&plan).unwrap();
    let ctx = Ctx {
        clock: on(date!(2024 - 01 - 24)),
        who: Who {
            user_id: Some(world.user("vanphong")),
            username: "vanphong".into(),
            ip: None,
        },
    };
    let mut tx = db.begin().await.unwrap();
    let id = tdkt_store::plans::create_plan(
        &mut tx,
        &ctx,
        world.khcn,
        2024,
        &content,
        &tdkt_web::plan_edit::derive(&plan),
    )
    .await
    .unwrap();
    tdkt_store::plans::publish(&mut tx, &ctx, id, None, None, &content)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Gives accounts addresses of this test's own; returns them by username.
async fn addresses(db: &Db, world: &World, users: &[&str]) -> BTreeMap<String, String> {
    let n = nonce();
    let ctx = Ctx {
        clock: test_clock(),
        who: Who::system("test"),
    };
    let mut out = BTreeMap::new();
    let mut tx = db.begin().await.unwrap();
    for u in users {
        let a = format!("{u}.{n}@tdkt.test");
        notify::set_user_email(&mut tx, &ctx, world.user(u), Some(&a))
            .await
            .unwrap();
        out.insert((*u).to_owned(), a);
    }
    tx.commit().await.unwrap();
    out
}

async fn exec(db: &Db, sql: &str) {
    crate::harness::dump::exec_at(db, sql, test_clock().now()).await;
}

/// A unit's review report, submitted at the given day (9:00, Hà Nội).
async fn report_sent(db: &Db, plan: i64, agency: i64, unit: i64, kind: &str, due: &str, day: &str) {
    exec(
        db,
        &format!(
            "INSERT INTO report (plan_id, agency_id, unit_id, kind, due_on, status, version, content, first_submitted_at,
                submitted_at, created_at, updated_at)
             VALUES ({plan}, {agency}, {unit}, '{kind}', '{due}', 'submitted', 1, '{{}}', '{day} 02:00:00+00:00',
                '{day} 02:00:00+00:00', $1, $1)"
        ),
    )
    .await;
}

/// A person's registration in a status.
async fn registration(db: &Db, plan: i64, world: &World, code: &str, unit: &str, status: &str) {
    let p = world.person(code);
    let u = world.unit(unit);
    let submitted = if status == "draft" {
        "NULL".to_owned()
    } else {
        "'2024-01-20 02:00:00+00:00'".to_owned()
    };
    exec(
        db,
        &format!(
            "INSERT INTO registration (plan_id, agency_id, unit_id, person_id, owner_key, title_code, status, version,
                submitted_at, created_at, updated_at)
             VALUES ({plan}, {}, {u}, {p}, 'p:{p}', 'LDTT', '{status}', 1, {submitted}, $1, $1)",
            world.khcn
        ),
    )
    .await;
}

/// The reminder keys of notifications, by user.
async fn reminder_keys(db: &Db) -> Vec<(i64, String)> {
    notify::by_key_prefix(db, "remind:").await.unwrap()
}

async fn login_on(router: axum::Router, username: &str) -> Client {
    let mut c = Client::new(router);
    let r = c.login(username, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    c
}

// --- the tests -------------------------------------------------------------------------------------

/// Three days before the mid-year report's deadline (05/06) the heads of the reporting units are
/// reminded, once however often the scheduler runs; on the day after it only the head whose
/// report is missing is reminded again; and the e-mails arrive at the real SMTP server.
#[tokio::test]
async fn reminders_go_three_days_before_and_the_day_after() {
    let app = TestApp::new().await;
    let db = &app.db;
    let w = &app.world;
    let plan = launch_2024(db, w).await;
    let mail = addresses(
        db,
        w,
        &["truongphong", "truongphong.qlkh", "vanphong", "canbo"],
    )
    .await;
    let smtp = sink().map(|s| smtp_at(s.port));
    if smtp.is_none() {
        skip("reminders_go_three_days_before_and_the_day_after");
    }

    // 01/06: four days before — nothing is due for reminding.
    let r = pass(db, date!(2024 - 06 - 01), smtp.clone()).await;
    assert_eq!(r.notifications, 0, "{r:?}");
    assert!(reminder_keys(db).await.is_empty());

    // 02/06: three days before — the two heads of units directly under the agency.
    let r = pass(db, date!(2024 - 06 - 02), smtp.clone()).await;
    assert_eq!(r.notifications, 2, "{r:?}");
    let keys = reminder_keys(db).await;
    let heads = [w.user("truongphong"), w.user("truongphong.qlkh")];
    for h in heads {
        assert!(
            keys.contains(&(
                h,
                format!("remind:{plan}:mid_year_report:2024-06-05:{h}:before")
            )),
            "{keys:?}"
        );
    }
    // Again that day and the next: nothing new.
    for day in [
        date!(2024 - 06 - 02),
        date!(2024 - 06 - 03),
        date!(2024 - 06 - 05),
    ] {
        let r = pass(db, day, smtp.clone()).await;
        assert_eq!((r.notifications, r.emails_queued), (0, 0), "{day}: {r:?}");
    }
    assert_eq!(reminder_keys(db).await.len(), 2);

    // QLKH sends its report on the last day (included); the Chi cục does not.
    report_sent(
        db,
        plan,
        w.khcn,
        w.unit("KHCN/QLKH"),
        "mid_year",
        "2024-06-05",
        "2024-06-05",
    )
    .await;

    // 06/06: the day after — only the head of the Chi cục.
    let r = pass(db, date!(2024 - 06 - 06), smtp.clone()).await;
    assert_eq!(r.notifications, 1, "{r:?}");
    let tp = w.user("truongphong");
    let missed = format!("remind:{plan}:mid_year_report:2024-06-05:{tp}:missed");
    assert!(reminder_keys(db).await.contains(&(tp, missed.clone())));
    let again = pass(db, date!(2024 - 06 - 07), smtp.clone()).await;
    assert_eq!(again.notifications, 0, "{again:?}");
    // Long after: no more.
    assert_eq!(
        pass(db, date!(2024 - 07 - 01), smtp.clone())
            .await
            .notifications,
        0
    );

    // What the head reads in the app.
    let note = notify::for_user(db, tp, 10).await.unwrap();
    assert_eq!(
        note[0].title,
        "Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)"
    );
    assert!(
        note[0]
            .body
            .contains("Báo cáo sơ kết của Chi cục Tiêu chuẩn Đo lường Chất lượng: Chưa gửi")
    );
    assert_eq!(
        note[1].title,
        "Còn 3 ngày: Gửi báo cáo sơ kết (hạn 05/06/2024)"
    );

    let Some(s) = sink() else { return };
    // Each reminder reached the SMTP server once.
    let got = mail_to(&s, &mail["truongphong"]);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[0]["subject"],
        "[tdkt] Còn 3 ngày: Gửi báo cáo sơ kết (hạn 05/06/2024)"
    );
    assert_eq!(
        got[1]["subject"],
        "[tdkt] Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)"
    );
    assert_eq!(got[1]["headers"]["X-Tdkt-Reminder"], missed.as_str());
    let body = got[1]["body"].as_str().unwrap();
    assert!(body.starts_with("Kính gửi truongphong,"), "{body}");
    assert!(
        body.contains("Báo cáo sơ kết của Chi cục Tiêu chuẩn Đo lường Chất lượng: Chưa gửi"),
        "{body}"
    );
    assert!(body.contains("https://tdkt.bacgiang.gov.vn/"), "{body}");
    assert!(
        got[1]["from"]
            .as_str()
            .unwrap()
            .contains("tdkt@khcn.bacgiang.gov.vn")
    );
    assert!(
        got[1]["date"].as_str().unwrap().contains("Jun 2024"),
        "{}",
        got[1]["date"]
    );
    assert_eq!(mail_to(&s, &mail["truongphong.qlkh"]).len(), 1);
    // The Office and staff owe no report.
    assert!(mail_to(&s, &mail["vanphong"]).is_empty());
    assert!(mail_to(&s, &mail["canbo"]).is_empty());
    // The log says so.
    let log = notify::email_log(db, 50).await.unwrap();
    assert_eq!(
        log.iter().filter(|l| l.status == "sent").count(),
        3,
        "{log:#?}"
    );
}

/// Staff who have not sent their registration are reminded before 31/01 and on 01/02; those who
/// have are not; an agency's own `reminder_days_before` moves the first reminder.
#[tokio::test]
async fn registration_reminders_follow_the_registrations_and_the_agency_setting() {
    let app = TestApp::new().await;
    let db = &app.db;
    let w = &app.world;
    let plan = launch_2024(db, w).await;
    // canbo has sent theirs; KHCN032 (no account) and the others have not.
    registration(db, plan, w, "KHCN031", "KHCN/QLKH", "submitted").await;
    registration(db, plan, w, "KHCN040", "KHCN/CCTDC", "draft").await;
    let mut tx = db.begin().await.unwrap();
    tdkt_store::settings::set(
        &mut tx,
        &app.ctx("vanphong"),
        tdkt_store::settings::SettingScope::Agency(w.khcn),
        reminders::DAYS_BEFORE_SETTING,
        &5,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(pass(db, date!(2024 - 01 - 25), None).await.notifications, 0);
    let r = pass(db, date!(2024 - 01 - 26), None).await;
    let keys = reminder_keys(db).await;
    let who: Vec<i64> = keys.iter().map(|(u, _)| *u).collect();
    assert!(
        who.contains(&w.user("truongphong")),
        "a head owes their own and their unit's: {keys:?}"
    );
    assert!(who.contains(&w.user("vanphong")));
    assert!(
        !who.contains(&w.user("canbo")),
        "canbo has registered: {keys:?}"
    );
    // No account for the other agency, nor for the province's administrator (no person).
    assert!(!who.contains(&w.user("vanphong.tttt")) && !who.contains(&w.user("admin")));
    assert_eq!(r.notifications, keys.len());
    assert_eq!(r.emails_queued, 0, "no addresses, no e-mails");
    let body = &notify::for_user(db, w.user("truongphong"), 1)
        .await
        .unwrap()[0]
        .body;
    assert!(
        body.contains("Đăng ký thi đua cá nhân: Đang soạn"),
        "{body}"
    );
    assert!(
        body.contains("Đăng ký thi đua của Chi cục Tiêu chuẩn Đo lường Chất lượng: Chưa đăng ký"),
        "{body}"
    );

    let missed = pass(db, date!(2024 - 02 - 01), None).await;
    assert_eq!(
        missed.notifications,
        keys.len(),
        "the same people, the day after"
    );
}

/// Two instances over one database (two connection pools), running their passes at the same
/// moment, several times: every reminder exists once and every e-mail is sent once.
#[tokio::test]
async fn two_schedulers_never_send_one_reminder_twice() {
    let tdb = TestDb::fresh().await;
    let clock = test_clock();
    let db1 = tdb.open(&clock).await;
    let db2 = Db::connect(&tdb.config).await.unwrap();
    let w = World::build(&db1, &clock).await;
    let plan = launch_2024(&db1, &w).await;
    let mail = addresses(
        &db1,
        &w,
        &[
            "truongphong",
            "truongphong.qlkh",
            "vanphong",
            "canbo",
            "lanhdao",
        ],
    )
    .await;
    let s = sink();
    if s.is_none() {
        skip("two_schedulers_never_send_one_reminder_twice");
    }
    let smtp = s.as_ref().map(|s| smtp_at(s.port));
    for day in [
        date!(2024 - 01 - 29),
        date!(2024 - 02 - 01),
        date!(2024 - 06 - 02),
        date!(2024 - 06 - 06),
    ] {
        for _ in 0..2 {
            let a = state(&db1, day, smtp.clone());
            let b = state(&db2, day, smtp.clone());
            let (ra, rb) = tokio::join!(reminders::run_once(&a), reminders::run_once(&b));
            let (ra, rb) = (ra.unwrap(), rb.unwrap());
            assert!(ra.failed == 0 && rb.failed == 0, "{ra:?} {rb:?}");
        }
    }
    let keys = reminder_keys(&db1).await;
    let distinct: std::collections::BTreeSet<&String> = keys.iter().map(|(_, k)| k).collect();
    assert_eq!(distinct.len(), keys.len(), "one notification per reminder");
    assert!(
        keys.iter()
            .any(|(_, k)| k.starts_with(&format!("remind:{plan}:registration:2024-01-31:")))
    );
    assert!(keys.iter().any(|(_, k)| k.ends_with(":missed")));
    let jobs_done = jobs::with_status(&db1, reminders::EMAIL_JOB, "done", 1000)
        .await
        .unwrap();
    let mailed_keys: Vec<String> = jobs_done
        .iter()
        .map(|j| j.dedupe_key.clone().unwrap())
        .collect();
    let Some(s) = s else { return };
    assert!(!mailed_keys.is_empty());
    assert_eq!(
        count(&db1, "email_log").await as usize,
        mailed_keys.len(),
        "one send each"
    );
    for (user, address) in &mail {
        let got = mail_to(&s, address);
        let mut seen: Vec<&str> = got
            .iter()
            .map(|m| m["headers"]["X-Tdkt-Reminder"].as_str().unwrap())
            .collect();
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "{user} got a reminder twice: {seen:?}");
        let expected = keys.iter().filter(|(u, _)| *u == w.user(user)).count();
        assert_eq!(n, expected, "{user}: one e-mail per notification");
    }
    db2.close().await;
}

/// The SMTP server is down: the send fails, the error is kept in the job and the log, the job is
/// retried later and, after its last attempt, stays failed on the administrator's page, which can
/// send it again — then it reaches the (real) server.
#[tokio::test]
async fn a_failed_send_is_retried_logged_and_never_dropped() {
    let app = TestApp::new().await;
    let db = &app.db;
    let w = &app.world;
    launch_2024(db, w).await;
    let mail = addresses(db, w, &["truongphong"]).await;
    // A port nobody listens on.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let day = date!(2024 - 06 - 06);
    // Without SMTP settings: the notification is made, the e-mail waits.
    let r = pass(db, day, None).await;
    assert_eq!(
        (r.notifications, r.emails_queued, r.sent),
        (2, 1, 0),
        "{r:?}"
    );
    let waiting = jobs::with_status(db, reminders::EMAIL_JOB, "pending", 10)
        .await
        .unwrap();
    assert_eq!(waiting.len(), 1);
    // The administrator's page, on the day the queue is looked at.
    let mut admin = login_on(
        app.router_with(on(date!(2024 - 06 - 12)), config(None)),
        "admin",
    )
    .await;
    let page = admin.get("/quan-tri/thu-dien-tu").send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("Chưa cấu hình máy chủ thư (SMTP)"),
        "{}",
        page.describe()
    );
    assert!(page.text().contains(&mail["truongphong"]));

    // The server is unreachable: five attempts, each logged, then failed.
    for attempt in 1..=5 {
        // A later moment each time (the retry waits at least a second).
        let later = day + time::Duration::days(attempt);
        let r = pass(db, later.min(date!(2024 - 06 - 12)), Some(smtp_at(dead))).await;
        assert_eq!(r.failed, 1, "attempt {attempt}: {r:?}");
        let j = jobs::job(db, waiting[0].id).await.unwrap().unwrap();
        assert_eq!(j.attempts, attempt);
        let err = j.last_error.unwrap();
        assert!(err.starts_with(&format!("lần gửi {attempt}/5: ")), "{err}");
        assert_eq!(j.status, if attempt < 5 { "pending" } else { "failed" });
    }
    let log = notify::email_log(db, 10).await.unwrap();
    assert_eq!(log.len(), 5);
    assert!(
        log.iter()
            .all(|l| l.status == "failed" && l.error.is_some())
    );
    // Nothing more happens on its own.
    let r = pass(db, date!(2024 - 06 - 12), Some(smtp_at(dead))).await;
    assert_eq!(r.failed, 0);
    let page = admin.get("/quan-tri/thu-dien-tu").send().await;
    let html = page.text();
    assert!(html.contains("Thư thất bại (1)"), "{html}");
    assert!(html.contains("lần gửi 5/5"), "{html}");

    // The administrator sends it again; another agency's administrator cannot.
    let id = waiting[0].id;
    let mut other = login_on(
        app.router_with(on(date!(2024 - 06 - 12)), config(None)),
        "admin.tttt",
    )
    .await;
    let r = other
        .post(&format!("/quan-tri/thu-dien-tu/{id}/gui-lai"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = admin
        .post(&format!("/quan-tri/thu-dien-tu/{id}/gui-lai"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(jobs::job(db, id).await.unwrap().unwrap().status, "pending");

    let Some(s) = sink() else {
        skip("a_failed_send_is_retried_logged_and_never_dropped");
        return;
    };
    let r = pass(db, date!(2024 - 06 - 12), Some(smtp_at(s.port))).await;
    assert_eq!(r.sent, 1, "{r:?}");
    assert_eq!(jobs::job(db, id).await.unwrap().unwrap().status, "done");
    let got = mail_to(&s, &mail["truongphong"]);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0]["subject"],
        "[tdkt] Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)"
    );
    // Too late to be useful: a reminder queued and never sent before it went stale is logged as
    // skipped, not sent weeks later.
    let mail2 = addresses(db, w, &["truongphong.qlkh"]).await;
    let r = pass(db, date!(2024 - 06 - 12), None).await;
    assert_eq!(r.emails_queued, 1, "{r:?}");
    let r = pass(db, date!(2024 - 06 - 20), Some(smtp_at(s.port))).await;
    assert_eq!((r.sent, r.skipped), (0, 1), "{r:?}");
    assert!(mail_to(&s, &mail2["truongphong.qlkh"]).is_empty());
}

/// Each role's dashboard lists what the launched plan asks of them, by when, from the plan's
/// data, with where each item stands; the Office sees the units late; everyone sees the
/// movements, phases and commemorations.
#[tokio::test]
async fn the_dashboard_shows_what_is_asked_of_me_and_by_when() {
    let app = TestApp::new().await;
    let db = &app.db;
    let w = &app.world;
    let plan = launch_2024(db, w).await;
    registration(db, plan, w, "KHCN031", "KHCN/QLKH", "submitted").await;
    report_sent(
        db,
        plan,
        w.khcn,
        w.unit("KHCN/QLKH"),
        "mid_year",
        "2024-06-05",
        "2024-06-03",
    )
    .await;
    let router = app.router_with(on(date!(2024 - 06 - 06)), config(None));
    let dashboard = |c: &mut Client| {
        let mut c = c.clone();
        async move {
            let r = c.get("/").send().await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
            r.text()
        }
    };

    // Staff: their own registration.
    let html = dashboard(&mut login_on(router.clone(), "canbo").await).await;
    assert!(
        html.contains("Việc cần làm theo kế hoạch thi đua năm 2024"),
        "{html}"
    );
    assert!(html.contains("Đăng ký thi đua cá nhân"));
    assert!(html.contains("31/01/2024"));
    assert!(
        html.contains("Chờ duyệt"),
        "canbo's registration is waiting for approval"
    );
    assert!(!html.contains("Báo cáo sơ kết của"));
    assert!(html.contains("Đợt thi đua thứ nhất (01/01/2024 – 30/06/2024)"));
    assert!(html.contains("Ngày kỷ niệm sắp tới: 11/06/2024 — 76 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"));

    // A unit head: the unit's registration, the members', the reports and the rating.
    let html = dashboard(&mut login_on(router.clone(), "truongphong").await).await;
    for s in [
        "Đăng ký thi đua của Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Đăng ký thi đua của cán bộ Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "0/3 người đã gửi, 0 đã duyệt",
        "Báo cáo sơ kết của Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "05/06/2024",
        "quá hạn 1 ngày",
        "Báo cáo tổng kết của Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "05/11/2024",
        "còn 152 ngày",
        "Xếp loại chất lượng cán bộ Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "15/12/2024",
    ] {
        assert!(html.contains(s), "truongphong's dashboard lacks “{s}”");
    }
    let html = dashboard(&mut login_on(router.clone(), "truongphong.qlkh").await).await;
    assert!(html.contains("Báo cáo sơ kết của Phòng Quản lý khoa học"));
    assert!(html.contains("Đã gửi, chờ tiếp nhận"));

    // The Office: the units' registrations and reports, and the late list.
    let html = dashboard(&mut login_on(router.clone(), "vanphong").await).await;
    assert!(html.contains("Báo cáo sơ kết của các phòng, đơn vị"));
    assert!(html.contains("1/4 đơn vị đã gửi"), "{html}");
    let late = html
        .split("id=\"tre-han-mid-year-report\"")
        .nth(1)
        .expect("the Office's late list")
        .split("</div>")
        .next()
        .unwrap();
    assert!(
        late.contains("Chưa gửi báo cáo sơ kết (hạn 05/06/2024): 3 đơn vị"),
        "{late}"
    );
    assert!(late.contains("Chi cục Tiêu chuẩn Đo lường Chất lượng"));
    assert!(!late.contains("Phòng Quản lý khoa học"));
    assert!(
        !late.contains("Phòng Quản lý Đo lường"),
        "a nested unit reports through its parent"
    );
    assert!(html.contains("Xếp loại chất lượng cán bộ của cơ quan"));
    assert!(
        html.contains("Hạn xếp loại theo kế hoạch: 15/12/2024"),
        "the rating tile reads the plan's deadline"
    );

    // Leadership follows every deadline.
    let html = dashboard(&mut login_on(router.clone(), "lanhdao").await).await;
    assert!(html.contains("Gửi báo cáo tổng kết công tác thi đua, khen thưởng bằng văn bản"));
    // Another agency has no plan this year.
    let html = dashboard(&mut login_on(router.clone(), "vanphong.tttt").await).await;
    assert!(
        html.contains("kế hoạch thi đua năm 2024 chưa được phát động"),
        "{html}"
    );
    assert!(html.contains("Hạn xếp loại: trước 15/12 (Nghị định 90/2020/NĐ-CP, Điều 20)"));

    // Movements, phases and commemorations, for everyone.
    let mut c = login_on(router.clone(), "canbo").await;
    let r = c.get("/phong-trao").send().await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    for s in [
        "Phong trào thi đua năm 2024",
        "Phong trào thi đua ngành khoa học và công nghệ chung sức góp phần xây dựng nông thôn mới giai đoạn 2020-2025",
        "Cán bộ, công chức, viên chức, người lao động cơ quan thi đua thực hiện văn hóa công sở",
        "Thi đua theo chuyên đề",
        "Đợt thi đua thứ hai",
        "01/07/2024 – 31/12/2024",
        "19/05/2024 — 134 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "19/10/2024 — 63 năm Ngày thành lập ngành Khoa học và Công nghệ tỉnh Bắc Giang",
        "đang diễn ra",
    ] {
        assert!(html.contains(s), "/phong-trao lacks “{s}”");
    }
    let r = c.get("/phong-trao?nam=2023").send().await;
    assert!(
        r.text()
            .contains("Chưa có kế hoạch thi đua năm 2023 nào được phát động")
    );
}

/// The in-app side: the bell's count, the list, marking read (one's own only).
#[tokio::test]
async fn notifications_show_in_the_app_and_are_marked_read() {
    let app = TestApp::new().await;
    let db = &app.db;
    let w = &app.world;
    launch_2024(db, w).await;
    pass(db, date!(2024 - 06 - 02), None).await;
    pass(db, date!(2024 - 06 - 06), None).await;
    let mut c = app.login("truongphong").await;
    let r = c.get("/thong-bao/dem").send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains(">2</span>"), "{}", r.text());
    let page = c.get("/").send().await.text();
    assert!(
        page.contains("hx-get=\"/thong-bao/dem\""),
        "the header's bell"
    );
    let r = c.get("/thong-bao").send().await;
    let html = r.text();
    assert!(html.contains("2 thông báo chưa đọc"), "{html}");
    assert!(html.contains("Đã quá hạn: Gửi báo cáo sơ kết (hạn 05/06/2024)"));
    let notes = notify::for_user(db, w.user("truongphong"), 10)
        .await
        .unwrap();
    // Someone else's: not found.
    let mut other = app.login("truongphong.qlkh").await;
    let r = other
        .post(&format!("/thong-bao/{}/da-doc", notes[0].id))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Open one: read, and on to its link.
    let r = c
        .post(&format!("/thong-bao/{}/da-doc", notes[0].id))
        .form(&[("mo", "1")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/"));
    assert!(
        c.get("/thong-bao/dem")
            .send()
            .await
            .text()
            .contains(">1</span>")
    );
    let r = c.post("/thong-bao/da-doc-het").form(&[]).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(c.get("/thong-bao/dem").send().await.text(), "Thông báo");
    assert_eq!(
        notify::unread_count(db, w.user("truongphong.qlkh"))
            .await
            .unwrap(),
        2
    );
}

/// Checks the structure RFC 5545 asks of a calendar; returns the unfolded content lines.
fn check_ics(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    let raw: Vec<&str> = ics[..ics.len() - 2].split("\r\n").collect();
    for l in &raw {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "a bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "a line of {} octets: {l:?}", l.len());
    }
    let mut lines: Vec<String> = Vec::new();
    for l in raw {
        match l.strip_prefix(' ') {
            Some(rest) => lines
                .last_mut()
                .expect("a continuation after a line")
                .push_str(rest),
            None => lines.push(l.to_owned()),
        }
    }
    // Open components, each with the properties seen in it.
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    for l in &lines {
        let (name, value) = l.split_once(':').expect("NAME:VALUE");
        let name = name.split(';').next().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "a property name: {name}"
        );
        match name {
            "BEGIN" => stack.push((value.to_owned(), Vec::new())),
            "END" => {
                let (component, props) = stack.pop().expect("END after BEGIN");
                assert_eq!(component, value, "END matches BEGIN");
                if value == "VEVENT" {
                    for p in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
                        assert_eq!(
                            props.iter().filter(|x| *x == p).count(),
                            1,
                            "one {p} in a VEVENT"
                        );
                    }
                }
            }
            n => stack
                .last_mut()
                .expect("inside a component")
                .1
                .push(n.to_owned()),
        }
        if name == "DTSTAMP" {
            assert!(
                value.len() == 16 && value.ends_with('Z'),
                "DTSTAMP in UTC: {value}"
            );
        }
        if name == "DTSTART" && stack.last().is_some_and(|(c, _)| c == "VEVENT") {
            assert!(
                l.starts_with("DTSTART;VALUE=DATE:") && value.len() == 8,
                "an all-day event: {l}"
            );
        }
        if matches!(name, "SUMMARY" | "DESCRIPTION") {
            // , ; are escaped; a backslash starts an escape.
            let mut chars = value.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    assert!(
                        matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                        "{value}"
                    );
                } else {
                    assert!(c != ';' && c != ',', "unescaped {c} in {value}");
                }
            }
        }
    }
    assert!(stack.is_empty());
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    lines
}

/// A private calendar feed: made on /tai-khoan, read without a session, listing the user's
/// deadlines as valid iCalendar; a remade address replaces the old one; unknown ones are 404.
#[tokio::test]
async fn each_user_has_a_private_calendar_feed_of_their_deadlines() {
    // With `public_url` set (else the address is the one the request came to).
    let app = TestApp::with_config(config(None)).await;
    let db = &app.db;
    let w = &app.world;
    let plan = launch_2024(db, w).await;
    let mut c = app.login("truongphong").await;
    let page = c.get("/tai-khoan").send().await.text();
    assert!(page.contains("Tạo địa chỉ lịch"));
    let r = c.post("/tai-khoan/lich").form(&[]).send().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let html = r.text();
    let url = html
        .split("id=\"lich-url\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("the feed's address, shown once")
        .to_owned();
    assert!(
        url.starts_with("https://tdkt.bacgiang.gov.vn/lich/"),
        "{url}"
    );
    let path = url
        .trim_start_matches("https://tdkt.bacgiang.gov.vn")
        .to_owned();
    assert!(
        !c.get("/tai-khoan").send().await.text().contains(&path),
        "shown only once"
    );

    let mut anonymous = app.client();
    let r = anonymous.get(&path).send().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    assert_eq!(r.content_type(), "text/calendar; charset=utf-8");
    let lines = check_ics(&r.text());
    let uid = |kind: &str, due: &str| {
        format!(
            "UID:tdkt-{plan}-{kind}-{due}-u{}@tdkt",
            w.user("truongphong")
        )
    };
    for (kind, due, day) in [
        ("registration", "2024-01-31", "20240131"),
        ("mid-year-report", "2024-06-05", "20240605"),
        ("year-end-report", "2024-11-05", "20241105"),
        ("rating", "2024-12-15", "20241215"),
    ] {
        assert!(lines.contains(&uid(kind, due)), "{kind}: {lines:#?}");
        assert!(lines.contains(&format!("DTSTART;VALUE=DATE:{day}")));
    }
    assert!(lines.contains(&"SUMMARY:Hạn: Gửi báo cáo sơ kết".to_owned()));
    assert!(
        lines.iter().any(
            |l| l.starts_with("DESCRIPTION:Gửi báo cáo sơ kết công tác thi đua\\, khen thưởng")
        )
    );
    assert!(lines.iter().any(|l| {
        l.contains("\\n- Báo cáo sơ kết của Chi cục Tiêu chuẩn Đo lường Chất lượng: Chưa gửi")
    }));
    assert!(lines.contains(&"TRIGGER:-P3D".to_owned()));
    assert!(lines.contains(&"X-WR-TIMEZONE:Asia/Ho_Chi_Minh".to_owned()));
    // The same feed twice is the same calendar (stable UIDs and stamps).
    assert_eq!(anonymous.get(&path).send().await.text(), r.text());

    // Staff: only their own registration.
    let mut s = app.login("canbo").await;
    let html = s.post("/tai-khoan/lich").form(&[]).send().await.text();
    let staff_path = html
        .split("id=\"lich-url\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .trim_start_matches("https://tdkt.bacgiang.gov.vn")
        .to_owned();
    let staff = check_ics(&anonymous.get(&staff_path).send().await.text());
    assert_eq!(
        staff.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        1,
        "{staff:#?}"
    );
    assert!(staff.contains(&"DTSTART;VALUE=DATE:20240131".to_owned()));

    // Remade: the old address is gone.
    let r = c.post("/tai-khoan/lich").form(&[]).send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        anonymous.get(&path).send().await.status,
        StatusCode::NOT_FOUND
    );
    for bad in [
        "/lich/khong-co.ics".to_owned(),
        format!("/lich/{}.ics", "0".repeat(64)),
        path.replace(".ics", ""),
    ] {
        assert_eq!(
            anonymous.get(&bad).send().await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
    // A disabled account's feed stops too.
    let html = c.post("/tai-khoan/lich").form(&[]).send().await.text();
    let path = html
        .split("id=\"lich-url\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .trim_start_matches("https://tdkt.bacgiang.gov.vn")
        .to_owned();
    assert_eq!(anonymous.get(&path).send().await.status, StatusCode::OK);
    let mut tx = db.begin().await.unwrap();
    tdkt_store::users::set_disabled(&mut tx, &app.ctx("admin"), w.user("truongphong"), true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        anonymous.get(&path).send().await.status,
        StatusCode::NOT_FOUND
    );
}

/// One's own address for reminders: checked, saved, audited; a bad one is refused naming the
/// field.
#[tokio::test]
async fn the_reminder_address_is_set_on_the_account_page() {
    let app = TestApp::new().await;
    let mut c = app.login("canbo").await;
    let r = c
        .post("/tai-khoan/email")
        .form(&[("email", "khong-phai-dia-chi")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().contains("Địa chỉ e-mail: không hợp lệ"),
        "{}",
        r.describe()
    );
    let r = c
        .post("/tai-khoan/email")
        .form(&[("email", " lan.anh@khcn.bacgiang.gov.vn ")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = c.get("/tai-khoan").send().await.text();
    assert!(
        page.contains("Thư nhắc gửi tới: <strong>lan.anh@khcn.bacgiang.gov.vn</strong>"),
        "{page}"
    );
    let u = tdkt_store::users::user(&app.db, app.world.user("canbo"))
        .await
        .unwrap();
    assert_eq!(u.email.as_deref(), Some("lan.anh@khcn.bacgiang.gov.vn"));
    assert!(count(&app.db, "audit_log").await > 0);
}

/// A deadline's reminders are worked out once a day while nothing changes: later passes that day
/// skip it (a province's pass is seconds of queries); a change, or the next day, makes the next
/// pass work it out again.
#[tokio::test]
async fn a_deadline_is_gone_through_once_a_day() {
    let app = TestApp::new().await;
    let db = &app.db;
    let plan = launch_2024(db, &app.world).await;
    let r = pass(db, date!(2024 - 06 - 02), None).await;
    assert_eq!(r.notifications, 2, "{r:?}");
    let noted: i64 = tdkt_store::on_db!(db, |c| sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM reminder_pass p JOIN plan_deadline d ON d.id = p.deadline_id
         WHERE d.plan_id = $1 AND d.kind = 'mid_year_report' AND p.kind = 'before' AND p.day = $2"
    )
    .bind(plan)
    .bind(date!(2024 - 06 - 02))
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(noted, 1);
    // Were the reminders gone (behind the audit's back), a pass the same day would not look
    // again; the next day's would.
    exec(db, "DELETE FROM notification").await;
    let r = pass(db, date!(2024 - 06 - 02), None).await;
    assert_eq!(r.notifications, 0, "{r:?}");
    let r = pass(db, date!(2024 - 06 - 03), None).await;
    assert_eq!(r.notifications, 2, "{r:?}");
    // A change (audited) makes the same day's next pass look again.
    exec(db, "DELETE FROM notification").await;
    let r = pass(db, date!(2024 - 06 - 03), None).await;
    assert_eq!(r.notifications, 0, "{r:?}");
    let mut tx = db.begin().await.unwrap();
    tdkt_store::audit::record(
        &mut tx,
        &app.ctx("vanphong"),
        tdkt_store::audit::Change {
            action: "update",
            entity: "setting",
            entity_id: None,
            agency_id: None,
            before: None,
            after: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let r = pass(db, date!(2024 - 06 - 03), None).await;
    assert_eq!(r.notifications, 2, "{r:?}");
}
