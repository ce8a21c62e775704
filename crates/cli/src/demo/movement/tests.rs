//! The year's movement as the demo writes it, read back through the store's API.

use std::collections::BTreeMap;

use time::Date;
use time::macros::date;

use tdkt_domain::policy::Scope;
use tdkt_domain::workflow::Status;
use tdkt_store::people::person_by_code;
use tdkt_store::registrations::{self as reg, Owner};
use tdkt_store::reports::{self as rep, Kind, TargetFilter, Timeliness};
use tdkt_store::{Clock, Db, DbConfig, audit, org, users};

use super::{REGISTRATION_RETURN_REASON, REPORT_RETURN_REASON, RETURNED};
use crate::{Failure, Scale};

async fn demo_on(day: Date) -> (tempfile::TempDir, Db, Clock) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&DbConfig::Sqlite(dir.path().join("demo.db")))
        .await
        .unwrap();
    let clock = Clock::new(Some(day), "Asia/Ho_Chi_Minh").unwrap();
    match super::super::ensure(&db, &clock, false, Scale::Agency).await {
        Ok(()) => {}
        Err(Failure::Usage(e)) => panic!("{e}"),
        Err(Failure::Runtime(e)) => panic!("{e:#}"),
    }
    (dir, db, clock)
}

fn all() -> Scope {
    Scope {
        all: true,
        ..Default::default()
    }
}

async fn khcn_plan(db: &Db) -> reg::PlanRef {
    let khcn = org::agencies(db, &all())
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.symbol == "KHCN")
        .unwrap();
    reg::published_plan(db, khcn.id, 2024)
        .await
        .unwrap()
        .expect("the seed plan is launched")
}

#[tokio::test]
async fn the_demo_year_has_data_on_every_screen() {
    let (_dir, db, clock) = demo_on(date!(2024 - 12 - 16)).await;
    let today = clock.today();
    let plan = khcn_plan(&db).await;

    // Registrations: 117 members and 10 units, all approved, in January (the deadline day
    // included), approved by early February.
    let list = reg::list(&db, plan.id, &all(), None, today).await.unwrap();
    let mut by: BTreeMap<(bool, String), usize> = BTreeMap::new();
    for i in &list {
        *by.entry((i.reg.person_id.is_some(), i.reg.status.clone()))
            .or_default() += 1;
        let sent = clock.local(i.reg.submitted_at.unwrap()).date();
        assert!(sent >= date!(2024 - 01 - 24) && sent <= date!(2024 - 01 - 31));
        let reviewed = clock.local(i.reg.reviewed_at.unwrap()).date();
        assert!(reviewed <= date!(2024 - 02 - 02), "{reviewed}");
        assert!((2..=4).contains(&i.targets) || i.reg.person_id.is_none());
    }
    assert_eq!(
        by.into_iter().collect::<Vec<_>>(),
        [
            ((false, "approved".to_owned()), 10),
            ((true, "approved".to_owned()), 117)
        ]
    );
    let titles = |code: &str| {
        list.iter()
            .filter(|i| i.reg.title_code.as_deref() == Some(code))
            .count()
    };
    assert!(titles("LDTT") > 80 && titles("CSTDCS") > 10, "titles");
    assert_eq!((titles("TTLDTT"), titles("TTLDXS")), (6, 4));
    // The three who joined after January have none.
    for code in ["KHCN047", "KHCN048", "KHCN053"] {
        let p = person_by_code(&db, code).await.unwrap().unwrap();
        let owner = Owner::Person {
            person_id: p.id,
            unit_id: p.unit_id.unwrap(),
        };
        assert!(reg::by_owner(&db, plan.id, owner).await.unwrap().is_none());
    }

    // Exactly one was returned: canbo's, by her head, with the reason; fixed, then approved.
    let mut returned = Vec::new();
    for i in &list {
        let v = reg::versions(&db, i.reg.id).await.unwrap();
        if v.iter().any(|x| x.action == "return") {
            returned.push((i.reg.clone(), v));
        }
    }
    assert_eq!(returned.len(), 1);
    let (r, v) = &returned[0];
    assert_eq!(r.person_code.as_deref(), Some(RETURNED));
    let actions: Vec<&str> = v.iter().map(|x| x.action.as_str()).collect();
    assert_eq!(actions, ["approve", "submit", "return", "submit"]);
    assert_eq!(v[2].reason.as_deref(), Some(REGISTRATION_RETURN_REASON));
    assert_eq!(v[2].actor_name.as_deref(), Some("Lê Quang Vinh"));
    assert_eq!(v[0].actor_name.as_deref(), Some("Lê Quang Vinh"));
    let t = reg::targets(&db, r.id).await.unwrap();
    assert_eq!(
        (
            t[0].name.as_str(),
            t[0].unit_of_measure.as_str(),
            t[0].value
        ),
        ("Số hồ sơ nhiệm vụ KH&CN thẩm định", "hồ sơ", 25.0)
    );
    // The units' registrations are approved by the Office.
    for i in list.iter().filter(|i| i.reg.person_id.is_none()) {
        let v = reg::versions(&db, i.reg.id).await.unwrap();
        assert_eq!(v[0].actor_name.as_deref(), Some("Nguyễn Thị Thu Hương"));
    }

    // Targets: met, on track and overdue on 16/12; some not higher than last year; progress
    // through the year with a few evidence files (valid by content).
    let (mut met, mut overdue, mut on_track, mut not_higher, mut updates, mut files) =
        (0, 0, 0, 0, 0, 0);
    let mut months = std::collections::BTreeSet::new();
    for i in &list {
        for t in reg::targets(&db, i.reg.id).await.unwrap() {
            if t.met() {
                met += 1;
            } else if t.overdue(today) {
                overdue += 1;
            } else {
                on_track += 1;
            }
            not_higher += usize::from(t.not_higher());
            let (p, f) = reg::progress(&db, t.id).await.unwrap();
            updates += p.len();
            months.extend(p.iter().map(|x| u8::from(x.reported_on.month())));
            for e in &f {
                let (_, data) = tdkt_store::files::data(&db, e.file_id).await.unwrap();
                let kind = tdkt_domain::evidence::sniff(&data).expect("a valid file");
                assert_eq!(kind.media_type(), e.content_type);
            }
            files += f.len();
        }
    }
    assert!(
        met > 150 && on_track > 30 && overdue > 10,
        "{met} {on_track} {overdue}"
    );
    assert!((5..60).contains(&not_higher), "{not_higher}");
    assert!(updates > 1000, "{updates}");
    assert_eq!(months.len(), 11, "updates every month from February");
    assert_eq!(files, 6);

    // Reports: all nine mid-year reports accepted, one late; year-end: one missing, one late, one
    // returned and resubmitted.
    let khcn = plan.agency_id;
    let items = rep::list(&db, plan.id, khcn, &all(), &[]).await.unwrap();
    let of = |kind: Kind, t: Timeliness| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.kind == kind && i.timeliness(today) == t)
            .map(|i| i.unit_code.clone())
            .collect()
    };
    assert_eq!(of(Kind::MidYear, Timeliness::Late), ["KHTC"]);
    assert_eq!(of(Kind::MidYear, Timeliness::OnTime).len(), 8);
    assert!(
        items.iter().filter(|i| i.kind == Kind::MidYear).all(|i| i
            .report
            .as_ref()
            .unwrap()
            .status()
            == Status::Approved)
    );
    assert_eq!(of(Kind::YearEnd, Timeliness::Missing), ["QLCNG"]);
    assert_eq!(of(Kind::YearEnd, Timeliness::Late), ["TTRA"]);
    assert_eq!(of(Kind::YearEnd, Timeliness::OnTime).len(), 7);
    let returned: Vec<_> = items.iter().filter(|i| i.returned_count() > 0).collect();
    assert_eq!(returned.len(), 1);
    assert_eq!(
        (returned[0].unit_code.as_str(), returned[0].kind),
        ("QLKH", Kind::YearEnd)
    );
    let r = returned[0].report.as_ref().unwrap();
    assert_eq!(r.status(), Status::Approved);
    let v = rep::versions(&db, r.id).await.unwrap();
    let actions: Vec<&str> = v.iter().map(|x| x.action.as_str()).collect();
    assert_eq!(actions, ["submit", "return", "submit", "approve"]);
    let back = rep::last_returned(&v).unwrap();
    assert_eq!(back.reason.as_deref(), Some(REPORT_RETURN_REASON));
    assert_eq!(back.actor_name.as_deref(), Some("Nguyễn Thị Thu Hương"));
    let old = rep::Content::parse(&back.content).unwrap().sections.results;
    let new = r.content().unwrap().sections.results;
    assert_ne!(old, new, "the resubmission changed the text");
    assert!(
        new.contains(&old),
        "the resubmission adds the figures: {new}"
    );
    let figures = r.content().unwrap().figures.unwrap();
    assert!(new.contains(&format!("đã đạt {}", figures.targets.met)));
    assert_eq!(figures.as_of, date!(2024 - 11 - 07));

    // The Office's dashboard counts them the same way.
    let f = TargetFilter {
        plan_id: plan.id,
        year: 2024,
        today,
        due_between: None,
    };
    let d = rep::dashboard(&db, khcn, &f, &all(), &Kind::ALL)
        .await
        .unwrap();
    let counts: Vec<_> = d
        .reports
        .iter()
        .map(|(k, c)| (*k, c.on_time, c.late, c.missing, c.returned, c.accepted))
        .collect();
    assert_eq!(
        counts,
        [
            (Kind::MidYear, 8, 1, 0, 0, 9),
            (Kind::YearEnd, 7, 1, 1, 1, 8)
        ]
    );
    assert_eq!(d.registered, 117);
    assert!(d.targets.overdue > 10 && d.targets.on_track > 30);

    // Unit heads have accounts (password demo) with their unit; staff act with their own.
    for (username, unit) in [("truongphong.ttud", "TTUD"), ("giamdoc", "LD")] {
        let u = users::user_by_username(&db, username)
            .await
            .unwrap()
            .unwrap();
        assert!(users::verify_password("demo", &u.password_hash));
        let roles = users::roles(&db, Some(u.id)).await.unwrap();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].unit_code.as_deref(), Some(unit));
    }
    // Every action of the movement is in the audit log under the account that took it, dated on
    // its day.
    let rows = audit::list(&db, None, None, 100_000).await.unwrap();
    let regs: Vec<_> = rows.iter().filter(|r| r.entity == "registration").collect();
    assert!(regs.iter().all(|r| r.user_id.is_some()));
    assert!(
        regs.iter()
            .all(|r| clock.local(r.at).date() <= date!(2024 - 02 - 02))
    );
    assert!(
        rows.iter()
            .any(|r| r.entity == "progress" && r.username.as_deref() == Some("canbo"))
    );
}

#[tokio::test]
async fn an_earlier_day_holds_the_year_so_far() {
    // On 01/06/2024 (the browser test of the reports): registrations and progress, no report.
    let (_dir, db, clock) = demo_on(date!(2024 - 06 - 01)).await;
    let plan = khcn_plan(&db).await;
    let list = reg::list(&db, plan.id, &all(), None, clock.today())
        .await
        .unwrap();
    assert_eq!(list.len(), 127);
    let items = rep::list(&db, plan.id, plan.agency_id, &all(), &[])
        .await
        .unwrap();
    assert!(items.iter().all(|i| i.report.is_none()));
    for i in &list {
        for t in reg::targets(&db, i.reg.id).await.unwrap() {
            assert!(t.reached_on.is_none_or(|d| d <= date!(2024 - 06 - 01)));
        }
    }

    // On 20/01/2024 (the browser test of the registration): the plan is launched later, nothing
    // is registered yet.
    let (_dir, db, _) = demo_on(date!(2024 - 01 - 20)).await;
    let plan = khcn_plan(&db).await;
    let list = reg::list(&db, plan.id, &all(), None, date!(2024 - 01 - 20))
        .await
        .unwrap();
    assert!(list.is_empty());
}
