//! Review reports (sơ kết, tổng kết) and the Office's dashboard, as stories: a unit head submits
//! the mid-year report, the Office returns it with a reason (a reason is required), the head fixes
//! and resubmits it, the Office sees what changed and accepts it, and the consolidated report
//! reads back from its DOCX; a report sent on the due day is on time, one sent the day after is
//! late; the dashboard's figures on a small fixture (whole plan and phase 1); who may do what.
//!
//! The fixture writes registrations, targets and progress with plain SQL (they belong to the
//! registrations module; reports only read them).

use std::io::Read;

use axum::http::StatusCode;
use serde_json::json;
use time::Date;
use time::macros::date;

use tdkt_store::{Clock, on_tx};
use tdkt_web::WebConfig;

use crate::harness::{Client, PASSWORD, TestApp};

/// The 2024 plan (the seed's), published, with a few registrations, targets, progress, ratings
/// and an initiative in the world's KHCN agency.
struct Fixture {
    plan: i64,
    qlkh: i64,
    cctdc: i64,
}

async fn exec(app: &TestApp, sql: &str, f: impl FnOnce(Q) -> Q) -> Option<i64> {
    let mut tx = app.db.begin().await.unwrap();
    let q = Q::default();
    let q = f(q);
    let id = on_tx!(&mut tx, |c| {
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()));
        for v in &q.0 {
            query = match v {
                V::I(i) => query.bind(*i),
                V::OI(i) => query.bind(*i),
                V::T(t) => query.bind(t.clone()),
                V::F(x) => query.bind(*x),
                V::D(d) => query.bind(*d),
                V::Now => query.bind(app.clock.now()),
            };
        }
        query.fetch_optional(c).await
    })
    .unwrap();
    tx.commit().await.unwrap();
    id
}

enum V {
    I(i64),
    OI(Option<i64>),
    T(String),
    F(f64),
    D(Date),
    Now,
}

#[derive(Default)]
struct Q(Vec<V>);

impl Q {
    fn i(mut self, v: i64) -> Self {
        self.0.push(V::I(v));
        self
    }
    fn oi(mut self, v: Option<i64>) -> Self {
        self.0.push(V::OI(v));
        self
    }
    fn t(mut self, v: &str) -> Self {
        self.0.push(V::T(v.to_owned()));
        self
    }
    fn f(mut self, v: f64) -> Self {
        self.0.push(V::F(v));
        self
    }
    fn d(mut self, v: Date) -> Self {
        self.0.push(V::D(v));
        self
    }
    fn now(mut self) -> Self {
        self.0.push(V::Now);
        self
    }
}

async fn registration(
    app: &TestApp,
    plan: i64,
    unit: i64,
    person: Option<i64>,
    title: &str,
    status: &str,
) -> i64 {
    let owner = match person {
        Some(p) => format!("p:{p}"),
        None => format!("u:{unit}"),
    };
    exec(
        app,
        "INSERT INTO registration (plan_id, agency_id, unit_id, person_id, owner_key, title_code, status, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
        |q| {
            q.i(plan)
                .i(app.world.khcn)
                .i(unit)
                .oi(person)
                .t(&owner)
                .t(title)
                .t(status)
                .now()
        },
    )
    .await
    .unwrap()
}

async fn target(app: &TestApp, reg: i64, name: &str, value: f64, due: Date) -> i64 {
    exec(
        app,
        "INSERT INTO target (registration_id, position, name, value, unit_of_measure, due_on, created_at, updated_at)
         VALUES ($1, 0, $2, $3, 'sản phẩm', $4, $5, $5) RETURNING id",
        |q| q.i(reg).t(name).f(value).d(due).now(),
    )
    .await
    .unwrap()
}

async fn progress(app: &TestApp, target: i64, on: Date, value: f64) {
    exec(
        app,
        "INSERT INTO progress (target_id, reported_on, value, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        |q| q.i(target).d(on).f(value).now(),
    )
    .await;
}

async fn fixture(app: &TestApp) -> Fixture {
    let w = &app.world;
    let plan = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
    let content = serde_json::to_string(&plan).unwrap();
    let ctx = app.ctx("vanphong");
    let mut tx = app.db.begin().await.unwrap();
    let plan_id = tdkt_store::plans::create_plan(
        &mut tx,
        &ctx,
        w.khcn,
        2024,
        &content,
        &tdkt_web::plan_edit::derive(&plan),
    )
    .await
    .unwrap();
    tdkt_store::plans::publish(&mut tx, &ctx, plan_id, None, None, &content)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let (qlkh, cctdc, dl) = (
        w.unit("KHCN/QLKH"),
        w.unit("KHCN/CCTDC"),
        w.unit("KHCN/CCTDC-DL"),
    );
    registration(app, plan_id, qlkh, None, "TTLDTT", "approved").await;
    let vinh = registration(
        app,
        plan_id,
        qlkh,
        Some(w.person("KHCN030")),
        "CSTDCS",
        "approved",
    )
    .await;
    registration(
        app,
        plan_id,
        qlkh,
        Some(w.person("KHCN031")),
        "LDTT",
        "submitted",
    )
    .await;
    // Met, on track until 31/12, overdue since 01/06.
    let a = target(app, vinh, "Đề tài nghiệm thu", 10.0, date!(2024 - 03 - 31)).await;
    progress(app, a, date!(2024 - 03 - 20), 12.0).await;
    let b = target(app, vinh, "Bài báo", 5.0, date!(2024 - 12 - 31)).await;
    progress(app, b, date!(2024 - 04 - 01), 2.0).await;
    target(app, vinh, "Hội thảo", 3.0, date!(2024 - 05 - 31)).await;
    let tuan = registration(
        app,
        plan_id,
        cctdc,
        Some(w.person("KHCN040")),
        "LDTT",
        "approved",
    )
    .await;
    target(app, tuan, "Kiểm định", 1.0, date!(2024 - 06 - 30)).await;
    // A draft counts for nothing.
    let draft = registration(app, plan_id, dl, Some(w.person("KHCN041")), "LDTT", "draft").await;
    target(app, draft, "Nháp", 1.0, date!(2024 - 02 - 01)).await;
    for (code, rating) in [
        ("KHCN030", "HTXSNV"),
        ("KHCN031", "HTTNV"),
        ("KHCN032", "HTNV"),
    ] {
        exec(
            app,
            "INSERT INTO person_rating (person_id, year, rating, created_at) VALUES ($1, 2024, $2, $3) RETURNING person_id",
            |q| q.i(w.person(code)).t(rating).now(),
        )
        .await;
    }
    exec(
        app,
        "INSERT INTO unit_rating (unit_id, year, rating, created_at) VALUES ($1, 2024, 'HTTNV', $2) RETURNING unit_id",
        |q| q.i(qlkh).now(),
    )
    .await;
    exec(
        app,
        "INSERT INTO initiative (code, person_id, year, kind, scope, title, recognized_on, created_at)
         VALUES ('SK-2024-031', $1, 2024, 'initiative', 'co_so', 'Số hoá hồ sơ đề tài', $2, $3) RETURNING id",
        |q| q.i(w.person("KHCN031")).d(date!(2024 - 05 - 10)).now(),
    )
    .await;
    Fixture {
        plan: plan_id,
        qlkh,
        cctdc,
    }
}

/// A client signed in on an app whose calendar says `day`.
async fn on(app: &TestApp, day: Date, username: &str) -> Client {
    let clock = Clock::new(Some(day), "Asia/Ho_Chi_Minh").unwrap();
    let mut c = Client::new(app.router_with(clock, WebConfig::default()));
    let r = c.login(username, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    c
}

/// Starts a unit's report through the list's button: the report's id.
async fn start(c: &mut Client, plan: i64, unit: i64, kind: &str) -> i64 {
    let r = c
        .post(&format!("/ke-hoach/{plan}/bao-cao"))
        .form(&[("unit_id", &unit.to_string()), ("kind", kind)])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    r.location()
        .unwrap()
        .trim_start_matches("/bao-cao/")
        .parse()
        .unwrap()
}

fn sections(results: &str) -> Vec<(&'static str, String)> {
    vec![
        ("results", results.to_owned()),
        ("models", "Mô hình \"một cửa\" hồ sơ đề tài".to_owned()),
        ("exemplars", "Đồng chí Lê Quang Vinh".to_owned()),
        ("difficulties", "Thiếu kinh phí".to_owned()),
        ("proposals", "Bổ sung kinh phí & nhân lực".to_owned()),
    ]
}

async fn submit(c: &mut Client, id: i64, results: &str) -> crate::harness::Resp {
    let s = sections(results);
    let form: Vec<(&str, &str)> = s.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post(&format!("/bao-cao/{id}/gui"))
        .form(&form)
        .send()
        .await
}

async fn status_of(app: &TestApp, id: i64) -> tdkt_store::reports::ReportRow {
    tdkt_store::reports::report(&app.db, id).await.unwrap()
}

/// The text of a DOCX's body.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        let body = &piece[start + 1..];
        if let Some(end) = body.find("</w:t>") {
            text.push_str(&body[..end]);
            text.push(' ');
        }
    }
    text.replace("&amp;", "&").replace("&quot;", "\"")
}

#[tokio::test]
async fn a_returned_report_is_resubmitted_and_the_office_sees_what_changed() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let june1 = date!(2024 - 06 - 01);
    let mut head = on(&app, june1, "truongphong.qlkh").await;

    // The head's list: the unit's two reports, not started, with a button.
    let list = head
        .get(&format!("/ke-hoach/{}/bao-cao", fx.plan))
        .send()
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let html = list.text();
    assert!(html.contains("Phòng Quản lý khoa học") && html.contains("Lập báo cáo"));
    assert!(
        !html.contains("Chi cục Tiêu chuẩn"),
        "another unit's report is not listed"
    );

    let id = start(&mut head, fx.plan, fx.qlkh, "mid_year").await;
    assert_eq!(start(&mut head, fx.plan, fx.qlkh, "mid_year").await, id);
    let page = head.get(&format!("/bao-cao/{id}")).send().await.text();
    assert!(
        page.contains("tính đến hôm nay, 01/06/2024"),
        "live figures"
    );
    let figures = tdkt_store::reports::figures(
        &app.db,
        fx.plan,
        2024,
        &tdkt_store::org::unit(&app.db, fx.qlkh).await.unwrap().path,
        june1,
    )
    .await
    .unwrap();
    assert_eq!(
        (
            figures.targets.registered,
            figures.targets.met,
            figures.targets.on_track,
            figures.targets.overdue
        ),
        (3, 1, 1, 1)
    );
    assert_eq!((figures.registered_members, figures.members), (2, 3));
    assert_eq!(figures.titles[0].title_code.as_deref(), Some("TTLDTT"));
    assert_eq!(figures.initiatives.len(), 1);

    // Nothing to submit without results.
    let r = submit(&mut head, id, "  ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Kết quả đạt được"), "{}", r.describe());
    assert_eq!(status_of(&app, id).await.status, "draft");
    // HTML is refused, naming the field.
    let r = head
        .post(&format!("/bao-cao/{id}"))
        .form(&[("results", "<script>alert(1)</script>")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Kết quả đạt được: không được chứa mã HTML")
    );

    let r = submit(&mut head, id, "Hoàn thành 8 chỉ tiêu.\nTổ chức 2 hội thảo.").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let row = status_of(&app, id).await;
    assert_eq!(row.status, "submitted");
    assert_eq!(row.first_submitted_on, Some(june1));
    assert_eq!(row.on_time(), Some(true));
    let frozen = row.content().unwrap().figures.unwrap();
    assert_eq!(frozen.targets.overdue, 1);
    assert_eq!(frozen.as_of, june1);
    // Submitted: the head can no longer edit.
    let r = head
        .post(&format!("/bao-cao/{id}"))
        .form(&[("results", "Sửa sau khi gửi")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nor accept it.
    let r = head
        .post(&format!("/bao-cao/{id}/tiep-nhan"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The Office returns it; a reason is required.
    let mut office = on(&app, date!(2024 - 06 - 03), "vanphong").await;
    let r = office
        .post(&format!("/bao-cao/{id}/tra-lai"))
        .form(&[("reason", "   ")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Lý do trả lại"));
    assert_eq!(status_of(&app, id).await.status, "submitted");
    let r = office
        .post(&format!("/bao-cao/{id}/tra-lai"))
        .form(&[("reason", "Thiếu số liệu sáng kiến & chỉ tiêu quá hạn")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let row = status_of(&app, id).await;
    assert_eq!((row.status.as_str(), row.returned_count), ("returned", 1));

    // The head sees the reason, fixes the text and sends it again (after the due date: the
    // report stays on time, judged by its first sending).
    let mut head = on(&app, date!(2024 - 06 - 10), "truongphong.qlkh").await;
    let page = head.get(&format!("/bao-cao/{id}")).send().await.text();
    assert!(
        page.contains("Thiếu số liệu sáng kiến &#38; chỉ tiêu quá hạn"),
        "{page}"
    );
    assert!(page.contains("Gửi lại báo cáo"));
    let r = submit(
        &mut head,
        id,
        "Hoàn thành 10 chỉ tiêu.\nTổ chức 2 hội thảo.",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let row = status_of(&app, id).await;
    assert_eq!(row.status, "submitted");
    assert_eq!(row.first_submitted_on, Some(june1));
    assert_eq!(row.on_time(), Some(true));

    // The Office sees the difference against the returned version, escaped.
    let mut office = on(&app, date!(2024 - 06 - 11), "vanphong").await;
    let page = office.get(&format!("/bao-cao/{id}")).send().await;
    assert_eq!(page.status, StatusCode::OK);
    let page = page.text();
    assert!(page.contains("Thay đổi so với bản bị trả lại"));
    assert!(
        page.contains("Hoàn thành <del>8</del><ins>10</ins> chỉ tiêu."),
        "{page}"
    );
    assert!(page.contains("Tiếp nhận báo cáo"));
    let r = office
        .post(&format!("/bao-cao/{id}/tiep-nhan"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(status_of(&app, id).await.status, "approved");
    let versions = tdkt_store::reports::versions(&app.db, id).await.unwrap();
    let actions: Vec<&str> = versions.iter().map(|v| v.action.as_str()).collect();
    assert_eq!(actions, ["submit", "return", "submit", "approve"]);
    assert_eq!(
        versions[1].reason.as_deref(),
        Some("Thiếu số liệu sáng kiến & chỉ tiêu quá hạn")
    );
    // Accepted once: not twice.
    let r = office
        .post(&format!("/bao-cao/{id}/tiep-nhan"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The consolidated report, from the accepted reports.
    let r = office
        .get(&format!(
            "/ke-hoach/{}/bao-cao-tong-hop/mid_year/docx",
            fx.plan
        ))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let text = docx_text(&r.body);
    for expected in [
        "BÁO CÁO",
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "1/4 phòng, đơn vị",
        "Phòng Quản lý khoa học: ",
        "Hoàn thành 10 chỉ tiêu.",
        "Bổ sung kinh phí & nhân lực",
        "KHÓ KHĂN, VƯỚNG MẮC",
        "KIẾN NGHỊ, ĐỀ XUẤT",
        "Thường trực Hội đồng Thi đua – Khen thưởng tỉnh",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    assert!(
        !text.contains("Hoàn thành 8 chỉ tiêu"),
        "only the accepted text"
    );
    let pdf = office
        .get(&format!(
            "/ke-hoach/{}/bao-cao-tong-hop/mid_year/pdf",
            fx.plan
        ))
        .send()
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF"));
}

#[tokio::test]
async fn the_due_day_is_on_time_and_the_day_after_is_late() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let mut head = on(&app, date!(2024 - 06 - 05), "truongphong.qlkh").await;
    let mid = start(&mut head, fx.plan, fx.qlkh, "mid_year").await;
    assert_eq!(
        submit(&mut head, mid, "Đúng ngày hạn").await.status,
        StatusCode::SEE_OTHER
    );
    let mut head = on(&app, date!(2024 - 11 - 06), "truongphong.qlkh").await;
    let end = start(&mut head, fx.plan, fx.qlkh, "year_end").await;
    let r = submit(&mut head, end, "Sau ngày hạn một ngày").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, mid).await.on_time(), Some(true));
    assert_eq!(status_of(&app, end).await.on_time(), Some(false));

    // On 16/12 the Office's list: QLKH on time then late; the other units missing both.
    let mut office = app.login("vanphong").await;
    let api = office
        .get(&format!("/api/v1/plans/{}/reports", fx.plan))
        .send()
        .await
        .json();
    let of = |unit: i64, kind: &str| -> String {
        api.as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit_id"] == unit && r["kind"] == kind)
            .map(|r| r["timeliness"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(of(fx.qlkh, "mid_year"), "on_time");
    assert_eq!(of(fx.qlkh, "year_end"), "late");
    assert_eq!(of(fx.cctdc, "mid_year"), "missing");
    let html = office
        .get(&format!("/ke-hoach/{}/bao-cao?loai=year_end", fx.plan))
        .send()
        .await
        .text();
    assert!(html.contains("Trễ hạn") && html.contains("Quá hạn, chưa gửi"));
    let dash = office
        .get(&format!("/api/v1/plans/{}/dashboard", fx.plan))
        .send()
        .await
        .json();
    let reports = dash["reports"].as_array().unwrap();
    assert_eq!(reports[0]["kind"], "mid_year");
    assert_eq!(
        (
            &reports[0]["on_time"],
            &reports[0]["late"],
            &reports[0]["missing"]
        ),
        (&json!(1), &json!(0), &json!(3))
    );
    assert_eq!(
        (
            &reports[1]["on_time"],
            &reports[1]["late"],
            &reports[1]["missing"]
        ),
        (&json!(0), &json!(1), &json!(3))
    );
    // The export holds the same rows.
    let x = office
        .get(&format!("/ke-hoach/{}/bao-cao/xuat.xlsx", fx.plan))
        .send()
        .await;
    assert_eq!(x.status, StatusCode::OK);
    let rows = tdkt_sheets::read_rows(&x.body).unwrap();
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c == "Trễ hạn") && r.iter().any(|c| c == "Báo cáo tổng kết"))
    );
}

#[tokio::test]
async fn the_dashboard_counts_registration_targets_reports_and_the_goal() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let mut office = app.login("vanphong").await;
    let d = office
        .get(&format!("/api/v1/plans/{}/dashboard", fx.plan))
        .send()
        .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.describe());
    let d = d.json();
    // KHCN: 10 active people in 4 reporting units (the Chi cục's nested unit counts in it).
    assert_eq!(d["members"], 10);
    assert_eq!(d["registered"], 3);
    assert_eq!(d["registration_rate"], 30);
    assert_eq!(
        d["targets"],
        json!({"registered": 4, "met": 1, "on_track": 1, "overdue": 2})
    );
    assert_eq!(
        d["staff"],
        json!({"total": 10, "good": 2, "below": 1, "unrated": 7})
    );
    assert_eq!(
        d["units_goal"],
        json!({"total": 4, "good": 1, "below": 0, "unrated": 3})
    );
    assert_eq!(d["below"][0]["full_name"], "Nguyễn Văn An");
    let unit = |code: &str| {
        d["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == code)
            .unwrap()
            .clone()
    };
    let q = unit("QLKH");
    assert_eq!(
        (&q["members"], &q["registered"], &q["registration_rate"]),
        (&json!(3), &json!(2), &json!(66))
    );
    assert_eq!(q["unit_registration"], "approved");
    let c = unit("CCTDC");
    assert_eq!((&c["members"], &c["registered"]), (&json!(3), &json!(1)));
    assert_eq!(c["targets"]["overdue"], 1);

    // Phase 1 (01/01–30/06): the targets due in it, and the mid-year report only.
    let p1 = office
        .get(&format!("/api/v1/plans/{}/dashboard?phase=1", fx.plan))
        .send()
        .await
        .json();
    assert_eq!(
        p1["targets"],
        json!({"registered": 3, "met": 1, "on_track": 0, "overdue": 2})
    );
    assert_eq!(p1["reports"].as_array().unwrap().len(), 1);
    assert_eq!(p1["reports"][0]["kind"], "mid_year");

    // The page: tiles, the charts as SVG, lists linking to the items, the exports.
    let page = office
        .get(&format!("/ke-hoach/{}/theo-doi", fx.plan))
        .send()
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("3/10 (30%)"));
    assert!(html.contains("<svg role=\"img\""));
    assert!(html.contains(&format!(
        "<a href=\"/can-bo/{}\">Nguyễn Văn An</a> (Phòng Quản lý khoa học: Hoàn thành nhiệm vụ)",
        app.world.person("KHCN032")
    )));
    // Someone of a nested unit is named with their own unit; the rating, written as the app
    // writes it (audited), shows at once.
    let mut tx = app.db.begin().await.unwrap();
    tdkt_store::records::set_rating(
        &mut tx,
        &app.ctx("vanphong"),
        tdkt_store::records::Audit::Yes,
        app.world.person("KHCN041"),
        2024,
        "KHTNV",
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let html = office
        .get(&format!("/ke-hoach/{}/theo-doi", fx.plan))
        .send()
        .await
        .text();
    assert!(
        html.contains("Nguyễn Văn Ánh</a> (Phòng Quản lý Đo lường: Không hoàn thành nhiệm vụ)"),
        "{html}"
    );
    let x = office
        .get(&format!("/ke-hoach/{}/theo-doi/xuat.xlsx?dot=1", fx.plan))
        .send()
        .await;
    assert_eq!(x.status, StatusCode::OK);
    let rows = tdkt_sheets::read_rows(&x.body).unwrap();
    let qlkh = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "QLKH"))
        .unwrap();
    assert_eq!(qlkh[2..5], ["3", "2", "66"]);
    let x = office
        .get(&format!(
            "/ke-hoach/{}/theo-doi/xuat.xlsx?bang=duoi-muc-tieu",
            fx.plan
        ))
        .send()
        .await;
    let rows = tdkt_sheets::read_rows(&x.body).unwrap();
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "Nguyễn Văn An")));

    // A unit head sees the same dashboard for the units in reach only.
    let mut head = app.login("truongphong").await;
    let d = head
        .get(&format!("/api/v1/plans/{}/dashboard", fx.plan))
        .send()
        .await
        .json();
    let codes: Vec<&str> = d["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CCTDC"]);
    assert_eq!(d["members"], 3);

    // The province: per agency, for an administrator without agency.
    let mut admin = app.login("admin").await;
    let o = admin.get("/api/v1/overview?year=2024").send().await.json();
    let khcn = o
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["symbol"] == "KHCN")
        .unwrap();
    assert_eq!(
        (&khcn["members"], &khcn["registered"], &khcn["units"]),
        (&json!(10), &json!(3), &json!(4))
    );
    assert_eq!(khcn["targets"]["overdue"], 2);
    assert_eq!(khcn["reports"][0]["missing"], 4);
    assert_eq!(khcn["staff"]["good"], 2);
    let tttt = o
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["symbol"] == "TTTT")
        .unwrap();
    assert_eq!(tttt["plan_id"], json!(null));
    let page = admin.get("/theo-doi-toan-tinh?nam=2024").send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("data-agency=\"KHCN\""));
    let x = admin
        .get("/theo-doi-toan-tinh/xuat.xlsx?nam=2024")
        .send()
        .await;
    assert_eq!(x.status, StatusCode::OK);
    // An agency's administrator sees only its agency.
    let mut other = app.login("admin.tttt").await;
    let o = other.get("/api/v1/overview?year=2024").send().await.json();
    assert_eq!(o.as_array().unwrap().len(), 1);
    assert_eq!(o[0]["symbol"], "TTTT");
}

#[tokio::test]
async fn each_action_is_for_its_own_role_and_reach() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let mut head = on(&app, date!(2024 - 06 - 01), "truongphong.qlkh").await;
    let id = start(&mut head, fx.plan, fx.qlkh, "mid_year").await;

    // Another unit's head: neither sees nor starts QLKH's report.
    let mut other_head = app.login("truongphong").await;
    assert_eq!(
        other_head
            .get(&format!("/bao-cao/{id}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = other_head
        .post(&format!("/ke-hoach/{}/bao-cao", fx.plan))
        .form(&[("unit_id", &fx.qlkh.to_string()), ("kind", "mid_year")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A nested unit does not report on its own: its parent does.
    let r = other_head
        .post(&format!("/ke-hoach/{}/bao-cao", fx.plan))
        .form(&[
            ("unit_id", &app.world.unit("KHCN/CCTDC-DL").to_string()),
            ("kind", "mid_year"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Staff have no part in reports; leaders and the council read them.
    let mut staff = app.login("canbo").await;
    assert_eq!(
        staff.get(&format!("/bao-cao/{id}")).send().await.status,
        StatusCode::FORBIDDEN
    );
    let mut leader = app.login("lanhdao").await;
    assert_eq!(
        leader.get(&format!("/bao-cao/{id}")).send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        leader
            .post(&format!("/bao-cao/{id}/tra-lai"))
            .form(&[("reason", "x")])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // The Office does not write a unit's report.
    let mut office = app.login("vanphong").await;
    assert_eq!(
        office
            .post(&format!("/bao-cao/{id}/gui"))
            .form(&[("results", "x")])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another agency's Office sees nothing of it.
    let mut tttt = app.login("vanphong.tttt").await;
    assert_eq!(
        tttt.get(&format!("/bao-cao/{id}")).send().await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        tttt.post(&format!("/bao-cao/{id}/tiep-nhan"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        tttt.get(&format!("/ke-hoach/{}/theo-doi", fx.plan))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The dashboard is not the administrator's; the province overview is not the Office's.
    let mut admin = app.login("admin").await;
    assert_eq!(
        admin
            .get(&format!("/ke-hoach/{}/theo-doi", fx.plan))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        office.get("/theo-doi-toan-tinh").send().await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        office
            .get(&format!(
                "/ke-hoach/{}/bao-cao-tong-hop/year_end/docx",
                fx.plan
            ))
            .send()
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        leader
            .get(&format!(
                "/ke-hoach/{}/bao-cao-tong-hop/year_end/docx",
                fx.plan
            ))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_api_runs_the_same_story_with_tokens() {
    let app = TestApp::new().await;
    let fx = fixture(&app).await;
    let mut head = app.client();
    head.bearer = Some(app.api_token("truongphong.qlkh").await.1);
    let mut office = app.client();
    office.bearer = Some(app.api_token("vanphong").await.1);

    let r = head
        .post(&format!("/api/v1/plans/{}/reports", fx.plan))
        .json(json!({ "unit_id": fx.qlkh, "kind": "year_end",
                      "sections": { "results": "Kết quả năm" } }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let rep = r.json();
    let id = rep["id"].as_i64().unwrap();
    assert_eq!(rep["status"], "draft");
    assert_eq!(rep["figures"]["targets"]["registered"], 3);
    let r = head
        .post(&format!("/api/v1/reports/{id}/submit"))
        .json(json!({}))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    // 16/12 is after 05/11: late.
    assert_eq!(r.json()["timeliness"], "late");
    // The head cannot accept; the Office must give a reason to return.
    assert_eq!(
        head.post(&format!("/api/v1/reports/{id}/accept"))
            .json(json!({}))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = office
        .post(&format!("/api/v1/reports/{id}/return"))
        .json(json!({ "reason": "" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["fields"][0]["field"], "reason");
    let r = office
        .post(&format!("/api/v1/reports/{id}/return"))
        .json(json!({ "reason": "Bổ sung số liệu" }))
        .send()
        .await;
    assert_eq!(r.json()["status"], "returned");
    let r = head
        .put(&format!("/api/v1/reports/{id}"))
        .json(json!({ "results": "Kết quả cả năm, đủ số liệu" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let r = head
        .post(&format!("/api/v1/reports/{id}/submit"))
        .json(json!({}))
        .send()
        .await;
    let out = r.json();
    assert_eq!(out["status"], "submitted");
    assert_eq!(out["returned_count"], 1);
    let change = &out["changes"][0];
    assert_eq!(change["section"], "Kết quả đạt được");
    assert!(
        change["html"]
            .as_str()
            .unwrap()
            .contains("<ins>cả năm, đủ số liệu</ins>"),
        "{change}"
    );
    let r = office
        .post(&format!("/api/v1/reports/{id}/accept"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let shown = office
        .get(&format!("/api/v1/reports/{id}"))
        .send()
        .await
        .json();
    assert_eq!(shown["status"], "approved");
    assert_eq!(shown["versions"].as_array().unwrap().len(), 4);
}
