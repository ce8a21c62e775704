//! Registrations (đăng ký thi đua), "3 đảm, 3 hơn, 5 rõ": the seed plan of 2024 is launched with
//! its registration deadline 31/01/2024; Phạm Thị Lan Anh (canbo, Phòng QLKH) registers in
//! January, her head (truongphong.qlkh) returns it with a reason, she fixes and resubmits, he
//! approves; the unit registers its own title and the Office returns and approves it; after the
//! deadline everything locks unless the Office reopens; last year's values are filled and a
//! target not higher than last year is flagged; overdue targets are flagged for the person, the
//! head and the Office; evidence files are checked by content and nothing is half saved; the
//! JSON API does the same under the same authorization.

use axum::Router;
use axum::http::StatusCode;
use serde_json::{Value, json};
use time::Date;
use time::macros::date;

use tdkt_domain::targets::{self as tg, NumberInput, OwnerKind, RegistrationInput, TargetInput};
use tdkt_domain::workflow::{Action, Part};
use tdkt_store::registrations::{self as reg, Owner};
use tdkt_store::{Clock, Db};
use tdkt_web::WebConfig;

use crate::harness::db::TZ;
use crate::harness::{Client, TestApp, count};

/// A minimal PDF, a PNG header, and a Windows executable.
pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
pub(crate) const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.";

pub(crate) fn clock(d: Date) -> Clock {
    Clock::new(Some(d), TZ).unwrap()
}

/// The app living on another day (same database).
pub(crate) fn on(app: &TestApp, d: Date) -> Router {
    app.router_with(clock(d), WebConfig::default())
}

/// Launches a year's plan of Sở KH&CN (the seed's text, its dates moved to the year): the
/// registration deadline is 31/01 of that year.
pub(crate) async fn launch(app: &TestApp, year: i32) -> i64 {
    let mut plan = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
    if year != 2024 {
        // The seed's text with its dates moved to the year (back or forth).
        plan.year = year;
        plan.commemorations.clear();
        plan.movements
            .iter_mut()
            .for_each(|m| (m.start, m.end) = (None, None));
        for d in &mut plan.deadlines {
            d.date = d.date.replace_year(year).unwrap();
        }
        for p in &mut plan.phases {
            (p.start, p.end) = (
                p.start.replace_year(year).unwrap(),
                p.end.replace_year(year).unwrap(),
            );
        }
    }
    let content = serde_json::to_string(&plan).unwrap();
    let ctx = app.ctx("vanphong");
    let mut tx = app.db.begin().await.unwrap();
    let id = tdkt_store::plans::create_plan(
        &mut tx,
        &ctx,
        app.world.khcn,
        year,
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

/// A signed-in client living on a given day.
pub(crate) async fn login_on(app: &TestApp, user: &str, d: Date) -> Client {
    app.login(user).await.with_router(on(app, d))
}

/// The editor's form: title, commitment and target rows (name, value, unit, due).
pub(crate) fn form(
    title: &str,
    rows: &[(&str, &str, &str, &str)],
    op: &str,
) -> Vec<(String, String)> {
    let mut f = vec![
        ("title_code".to_owned(), title.to_owned()),
        (
            "commitment".to_owned(),
            "Hoàn thành xuất sắc nhiệm vụ được giao.".to_owned(),
        ),
    ];
    for (name, value, unit, due) in rows {
        for (k, v) in [
            ("t_id", ""),
            ("t_name", name),
            ("t_value", value),
            ("t_unit", unit),
            ("t_last", ""),
            ("t_resp", ""),
            ("t_due", due),
        ] {
            f.push((k.to_owned(), (*v).to_owned()));
        }
    }
    f.push(("do".to_owned(), op.to_owned()));
    f
}

pub(crate) fn id_in(location: Option<&str>) -> i64 {
    location
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

pub(crate) async fn status_of(db: &Db, id: i64) -> (String, i64, Option<String>) {
    let r = reg::registration(db, id).await.unwrap();
    (r.status, r.version, r.return_reason)
}

/// A registration written through the store (as its owner would), optionally submitted and approved.
pub(crate) async fn registered(
    app: &TestApp,
    plan: i64,
    owner: Owner,
    title: &str,
    targets: &[(&str, f64, Option<&str>)],
    approve: bool,
) -> i64 {
    let input = RegistrationInput {
        title_code: title.into(),
        commitment: String::new(),
        targets: targets
            .iter()
            .map(|(n, v, due)| TargetInput {
                name: (*n).into(),
                value: NumberInput::Number(*v),
                unit_of_measure: "bài báo".into(),
                due_on: due.unwrap_or("").into(),
                ..Default::default()
            })
            .collect(),
    };
    let p = reg::plan_ref(&app.db, plan).await.unwrap();
    let kind = if matches!(owner, Owner::Unit(_)) {
        OwnerKind::Unit
    } else {
        OwnerKind::Person
    };
    let draft = tg::parse_registration(&input, kind, p.year()).unwrap();
    // Written on a January day of the plan's year, before the deadline.
    let ctx = tdkt_store::audit::Ctx {
        clock: clock(Date::from_calendar_date(p.year(), time::Month::January, 15).unwrap()),
        who: app.ctx("test").who,
    };
    let mut tx = app.db.begin().await.unwrap();
    let id = reg::save(&mut tx, &ctx, &p, owner, &draft).await.unwrap();
    if approve {
        reg::act(&mut tx, &ctx, id, Action::Submit, Part::Owner, None, None)
            .await
            .unwrap();
        reg::act(
            &mut tx,
            &ctx,
            id,
            Action::Approve,
            Part::Reviewer,
            None,
            None,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    id
}

pub(crate) fn lan_anh(app: &TestApp) -> Owner {
    Owner::Person {
        person_id: app.world.person("KHCN031"),
        unit_id: app.world.unit("KHCN/QLKH"),
    }
}

#[tokio::test]
async fn a_member_registers_the_head_returns_it_she_fixes_it_and_he_approves() {
    let app = TestApp::new().await;
    launch(&app, 2024).await;
    let jan20 = date!(2024 - 01 - 20);
    let mut lan = login_on(&app, "canbo", jan20).await;
    let mut head = login_on(&app, "truongphong.qlkh", jan20).await;

    // The page: the plan, its deadline, an empty form.
    let page = lan.get("/dang-ky").send().await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.describe());
    let html = page.text();
    assert!(
        html.contains("Đăng ký thi đua năm 2024") && html.contains("31/01/2024"),
        "{html}"
    );
    assert!(html.contains("Lao động tiên tiến") && !html.contains("Tập thể lao động xuất sắc"));

    // A target without a unit of measure, another with a negative value and a due date in 2025:
    // every problem named by field and row, nothing saved.
    let before = count(&app.db, "registration").await;
    let bad = form(
        "LDTT",
        &[
            ("Thẩm định hồ sơ đề tài", "12", "", "30/11/2024"),
            ("Bài báo khoa học", "-1", "bài báo", "15/01/2025"),
        ],
        "submit",
    );
    let r = lan.post("/dang-ky").form_owned(bad).send().await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    for msg in [
        "Chỉ tiêu dòng 1 – đơn vị tính: không được để trống",
        "Chỉ tiêu dòng 2 – giá trị đăng ký: không được âm",
        "Chỉ tiêu dòng 2 – thời hạn: phải trong năm 2024",
    ] {
        assert!(html.contains(msg), "{msg} in {html}");
    }
    assert!(
        html.contains("value=\"Thẩm định hồ sơ đề tài\""),
        "what was typed is shown again"
    );
    assert_eq!(count(&app.db, "registration").await, before);
    assert_eq!(count(&app.db, "target").await, 0);

    // "Thêm chỉ tiêu" shows one more row, unsaved.
    let r = lan
        .post("/dang-ky")
        .form_owned(form(
            "LDTT",
            &[("Thẩm định hồ sơ", "12", "hồ sơ", "")],
            "add",
        ))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text().matches("name=\"t_name\"").count(), 2);
    assert_eq!(count(&app.db, "registration").await, before);

    // Sent: 1.234,5 is read as Vietnamese write it.
    let ok = form(
        "LDTT",
        &[("Thẩm định hồ sơ đề tài", "1.234,5", "hồ sơ", "30/11/2024")],
        "submit",
    );
    let r = lan.post("/dang-ky").form_owned(ok).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let id = id_in(r.location());
    assert_eq!(status_of(&app.db, id).await, ("submitted".into(), 1, None));
    assert_eq!(reg::targets(&app.db, id).await.unwrap()[0].value, 1234.5);

    // Refused: her own approval (403, the role), another unit's head and another agency (404).
    assert_eq!(
        lan.post(&format!("/dang-ky/{id}/duyet"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut other_head = login_on(&app, "truongphong", jan20).await;
    assert_eq!(
        other_head
            .get(&format!("/dang-ky/{id}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other_head
            .post(&format!("/dang-ky/{id}/duyet"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut tttt = login_on(&app, "vanphong.tttt", jan20).await;
    assert_eq!(
        tttt.get(&format!("/dang-ky/{id}")).send().await.status,
        StatusCode::NOT_FOUND
    );
    let mut leader = login_on(&app, "lanhdao", jan20).await;
    assert_eq!(
        leader.get(&format!("/dang-ky/{id}")).send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        leader
            .post(&format!("/dang-ky/{id}/tra-lai"))
            .form(&[("reason", "x")])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The head sees it on his unit's page, and returns it: without a reason, refused.
    let unit = app.world.unit("KHCN/QLKH");
    let page = head
        .get(&format!("/dang-ky/don-vi/{unit}"))
        .send()
        .await
        .text();
    assert!(
        page.contains("Phạm Thị Lan Anh") && page.contains("Chờ duyệt"),
        "{page}"
    );
    let r = head
        .post(&format!("/dang-ky/{id}/tra-lai"))
        .form(&[("reason", "  ")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Cần ghi lý do trả lại."));
    let reason = "Chỉ tiêu thẩm định cần ghi rõ số hồ sơ; bổ sung chỉ tiêu bài báo.";
    let r = head
        .post(&format!("/dang-ky/{id}/tra-lai"))
        .form(&[("reason", reason)])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(
        status_of(&app.db, id).await,
        ("returned".into(), 2, Some(reason.into()))
    );

    // She sees the reason, fixes the targets and sends it again.
    let page = lan.get("/dang-ky").send().await.text();
    assert!(
        page.contains(reason) && page.contains("Bị trả lại"),
        "{page}"
    );
    let t = &reg::targets(&app.db, id).await.unwrap()[0];
    let mut fixed = form(
        "LDTT",
        &[
            ("Bài báo khoa học", "2", "bài báo", "31/10/2024"),
            ("Hội thảo (bỏ)", "", "", ""),
        ],
        "submit",
    );
    // The third row is ticked "Xoá": left out, its empty fields never checked.
    fixed.push(("t_del".to_owned(), "2".to_owned()));
    // The stored row keeps its id; the new one has none.
    fixed.splice(
        2..2,
        [
            ("t_id".to_owned(), t.id.to_string()),
            ("t_name".to_owned(), "Thẩm định hồ sơ đề tài".to_owned()),
            ("t_value".to_owned(), "15".to_owned()),
            ("t_unit".to_owned(), "hồ sơ".to_owned()),
            ("t_last".to_owned(), String::new()),
            ("t_resp".to_owned(), String::new()),
            ("t_due".to_owned(), "30/11/2024".to_owned()),
        ],
    );
    let r = lan.post("/dang-ky").form_owned(fixed).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(status_of(&app.db, id).await, ("submitted".into(), 3, None));
    let targets = reg::targets(&app.db, id).await.unwrap();
    assert_eq!(targets.len(), 2);
    assert_eq!((targets[0].id, targets[0].value), (t.id, 15.0));

    // He approves; every version is kept with its full content.
    let r = head
        .post(&format!("/dang-ky/{id}/duyet"))
        .form(&[])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(status_of(&app.db, id).await.0, "approved");
    let versions = reg::versions(&app.db, id).await.unwrap();
    let actions: Vec<&str> = versions.iter().rev().map(|v| v.action.as_str()).collect();
    assert_eq!(actions, ["submit", "return", "submit", "approve"]);
    let first: Value = serde_json::from_str(&versions.last().unwrap().content).unwrap();
    assert_eq!(first["targets"][0]["value"], json!(1234.5));
    assert_eq!(versions[2].reason.as_deref(), Some(reason));
    let returned: Value = serde_json::from_str(&versions[2].content).unwrap();
    assert_eq!(
        returned["targets"].as_array().unwrap().len(),
        1,
        "the returned version is kept as it was"
    );
    let resubmitted: Value = serde_json::from_str(&versions[1].content).unwrap();
    assert_eq!(resubmitted["targets"].as_array().unwrap().len(), 2);

    // Approved: no more changes, no second approval; the page shows the history.
    let again = lan
        .post("/dang-ky")
        .form_owned(form("CSTDCS", &[("Bài báo", "3", "bài báo", "")], "save"))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        head.post(&format!("/dang-ky/{id}/duyet"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let page = lan.get(&format!("/dang-ky/{id}")).send().await.text();
    assert!(page.contains("Đã duyệt") && page.contains("Trả lại") && page.contains(reason));
    // Every write is in the audit log.
    let audited: i64 = tdkt_store::on_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'registration' AND entity_id = $1"
    )
    .bind(id.to_string())
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(
        audited, 6,
        "create, submit, return, update, submit, approve"
    );
}

#[tokio::test]
async fn a_unit_registers_its_title_and_the_office_returns_then_approves_it() {
    let app = TestApp::new().await;
    launch(&app, 2024).await;
    let jan = date!(2024 - 01 - 25);
    let unit = app.world.unit("KHCN/QLKH");
    let mut head = login_on(&app, "truongphong.qlkh", jan).await;
    let mut office = login_on(&app, "vanphong", jan).await;
    let mut lan = login_on(&app, "canbo", jan).await;

    // Staff may not write the unit's registration; another unit's head reaches it not.
    let f = form(
        "TTLDXS",
        &[("Tỷ lệ hồ sơ giải quyết đúng hạn", "100", "%", "31/12/2024")],
        "submit",
    );
    assert_eq!(
        lan.post(&format!("/dang-ky/don-vi/{unit}"))
            .form_owned(f.clone())
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut other = login_on(&app, "truongphong", jan).await;
    assert_eq!(
        other
            .post(&format!("/dang-ky/don-vi/{unit}"))
            .form_owned(f.clone())
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A person's title is not a unit's.
    let r = head
        .post(&format!("/dang-ky/don-vi/{unit}"))
        .form_owned(form("LDTT", &[("Hồ sơ", "1", "hồ sơ", "")], "save"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Danh hiệu đăng ký: “LDTT” không đăng ký được")
    );

    let r = head
        .post(&format!("/dang-ky/don-vi/{unit}"))
        .form_owned(f)
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let id = id_in(r.location());
    assert_eq!(status_of(&app.db, id).await.0, "submitted");

    // The head cannot approve his own unit's; the Office returns it, he sends it again, it approves.
    assert_eq!(
        head.post(&format!("/dang-ky/{id}/duyet"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = office
        .post(&format!("/dang-ky/{id}/tra-lai"))
        .form(&[("reason", "Cần thêm chỉ tiêu cải cách hành chính.")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        head.get(&format!("/dang-ky/don-vi/{unit}"))
            .send()
            .await
            .text()
            .contains("Cần thêm chỉ tiêu cải cách hành chính.")
    );
    assert_eq!(
        head.post(&format!("/dang-ky/{id}/gui"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        office
            .post(&format!("/dang-ky/{id}/duyet"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(status_of(&app.db, id).await, ("approved".into(), 4, None));

    // The Office's summary: the unit's registration approved, the rate per unit.
    let plan = reg::registration(&app.db, id).await.unwrap().plan_id;
    registered(
        &app,
        plan,
        lan_anh(&app),
        "LDTT",
        &[("Bài báo", 2.0, None)],
        true,
    )
    .await;
    let page = office.get("/dang-ky/tong-hop").send().await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    let row = html
        .split("data-unit=\"QLKH\"")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(row.contains("Đã duyệt"), "{row}");
    assert!(
        row.contains("<td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">1</td>"),
        "3 members, 1 sent, 1 approved: {row}"
    );
    assert!(row.contains("33,333%"), "{row}");
    // Exported.
    let x = office.get("/dang-ky/tong-hop/xuat.xlsx").send().await;
    assert_eq!(x.status, StatusCode::OK);
    let rows = tdkt_sheets::read_rows(&x.body).unwrap();
    assert_eq!(rows[0][0], "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2024");
    let qlkh = rows.iter().find(|r| r[0] == "QLKH").unwrap();
    assert_eq!(&qlkh[2..5], ["3", "1", "1"]);
    let list = office
        .get("/dang-ky/tong-hop/xuat.xlsx?bang=danh-sach")
        .send()
        .await;
    let rows = tdkt_sheets::read_rows(&list.body).unwrap();
    assert!(
        rows.iter()
            .any(|r| r[1] == "Phạm Thị Lan Anh" && r[3] == "Đã duyệt")
    );
    let x = head
        .get(&format!("/dang-ky/don-vi/{unit}/xuat.xlsx"))
        .send()
        .await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(
        tdkt_sheets::read_rows(&x.body)
            .unwrap()
            .iter()
            .any(|r| r[1] == "(Tập thể đơn vị)" && r[2] == "Tập thể lao động xuất sắc")
    );
    // Another agency's Office sees nothing of it.
    let mut tttt = login_on(&app, "vanphong.tttt", jan).await;
    assert_eq!(
        tttt.get(&format!("/dang-ky/don-vi/{unit}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        tttt.post(&format!("/dang-ky/{id}/mo-lai"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn after_the_deadline_registrations_lock_unless_the_office_reopens_one() {
    let app = TestApp::new().await;
    launch(&app, 2024).await;
    let f = |op| form("LDTT", &[("Bài báo khoa học", "2", "bài báo", "")], op);
    // The deadline day itself is in time.
    let mut lan = login_on(&app, "canbo", date!(2024 - 01 - 31)).await;
    let r = lan.post("/dang-ky").form_owned(f("save")).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let plan = reg::published_plan(&app.db, app.world.khcn, 2024)
        .await
        .unwrap()
        .unwrap();
    let id = reg::by_owner(&app.db, plan.id, lan_anh(&app))
        .await
        .unwrap()
        .unwrap()
        .id;

    // The day after: neither saved nor sent; the page says why.
    let mut lan = lan.with_router(on(&app, date!(2024 - 02 - 01)));
    let digest = app.digest().await;
    let r = lan.post("/dang-ky").form_owned(f("submit")).send().await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Đã quá hạn 31/01/2024; cần Văn phòng mở lại để tiếp tục."),
        "{}",
        r.text()
    );
    assert_eq!(
        lan.post(&format!("/dang-ky/{id}/gui"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.digest().await, digest, "nothing half saved");
    assert!(
        lan.get("/dang-ky")
            .send()
            .await
            .text()
            .contains("cần Văn phòng mở lại")
    );
    // Another member who never registered is locked out too.
    let mut other = app
        .login("truongphong.qlkh")
        .await
        .with_router(on(&app, date!(2024 - 02 - 01)));
    assert_eq!(
        other
            .post("/dang-ky")
            .form_owned(f("save"))
            .send()
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Only the Office reopens it, until a date; she sends it; after that date it locks again.
    let mut head = app
        .login("truongphong.qlkh")
        .await
        .with_router(on(&app, date!(2024 - 02 - 01)));
    assert_eq!(
        head.post(&format!("/dang-ky/{id}/mo-lai"))
            .form(&[])
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut office = app
        .login("vanphong")
        .await
        .with_router(on(&app, date!(2024 - 02 - 01)));
    let r = office
        .post(&format!("/dang-ky/{id}/mo-lai"))
        .form(&[("reopened_until", "31/01/2024")])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not before today"
    );
    let r = office
        .post(&format!("/dang-ky/{id}/mo-lai"))
        .form(&[("reopened_until", "05/02/2024")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let row = reg::registration(&app.db, id).await.unwrap();
    assert_eq!(
        (row.status.as_str(), row.reopened_until),
        ("draft", Some(date!(2024 - 02 - 05)))
    );
    let mut lan = lan.with_router(on(&app, date!(2024 - 02 - 05)));
    assert_eq!(
        lan.post("/dang-ky")
            .form_owned(f("submit"))
            .send()
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(status_of(&app.db, id).await.0, "submitted");
    let mut head = head.with_router(on(&app, date!(2024 - 02 - 06)));
    assert_eq!(
        head.post(&format!("/dang-ky/{id}/tra-lai"))
            .form(&[("reason", "Ghi rõ thời hạn.")])
            .send()
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut lan = lan.with_router(on(&app, date!(2024 - 02 - 06)));
    assert_eq!(
        lan.post("/dang-ky")
            .form_owned(f("submit"))
            .send()
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let actions: Vec<String> = reg::versions(&app.db, id)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .map(|v| v.action)
        .collect();
    assert_eq!(actions, ["reopen", "submit", "return"]);
}

#[tokio::test]
async fn last_years_value_is_filled_and_a_target_not_higher_is_flagged() {
    let app = TestApp::new().await;
    let y2023 = launch(&app, 2023).await;
    registered(
        &app,
        y2023,
        lan_anh(&app),
        "LDTT",
        &[("Số bài báo khoa học", 3.0, None), ("Hội thảo", 1.0, None)],
        true,
    )
    .await;
    launch(&app, 2024).await;
    let mut lan = login_on(&app, "canbo", date!(2024 - 01 - 10)).await;
    // The same name without diacritics or case matches; a new target has no last year.
    let f = form(
        "CSTDCS",
        &[
            ("so bai bao KHOA HOC", "3", "bài báo", ""),
            ("Hội thảo", "2", "cuộc", ""),
            ("Hồ sơ thẩm định", "12", "hồ sơ", ""),
        ],
        "save",
    );
    let r = lan.post("/dang-ky").form_owned(f).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let plan = reg::published_plan(&app.db, app.world.khcn, 2024)
        .await
        .unwrap()
        .unwrap();
    let id = reg::by_owner(&app.db, plan.id, lan_anh(&app))
        .await
        .unwrap()
        .unwrap()
        .id;
    let t = reg::targets(&app.db, id).await.unwrap();
    assert_eq!(
        t.iter().map(|t| t.last_year_value).collect::<Vec<_>>(),
        [Some(3.0), Some(1.0), None]
    );
    assert_eq!(
        t.iter().map(|t| t.not_higher()).collect::<Vec<_>>(),
        [true, false, false]
    );
    let page = lan.get(&format!("/dang-ky/{id}")).send().await.text();
    assert_eq!(page.matches("flag-3hon").count(), 1, "{page}");
    // The API says the same.
    let api = lan
        .get(&format!("/api/v1/registrations/{id}"))
        .send()
        .await
        .json();
    assert_eq!(api["targets"][0]["last_year_value"], json!(3.0));
    assert_eq!(api["targets"][0]["not_higher_than_last_year"], json!(true));
    assert_eq!(api["targets"][2]["last_year_value"], Value::Null);
}
