//! People: the list in Vietnamese name order (given name first), search without diacritics,
//! paging; forms whose errors name the field; NFC at the boundary; transfers as dated history;
//! ethnicity and religion shown only to the office and the person, and every such view logged.

use axum::http::StatusCode;
use time::macros::date;

use tdkt_store::{audit, people};

use crate::harness::world::{ETHNICITY, RELIGION, SENSITIVE_PERSON};
use crate::harness::{TestApp, count};

/// The names of the people linked from a list page, in order.
fn names(html: &str) -> Vec<String> {
    html.split("<td><a href=\"/can-bo/")
        .skip(1)
        .filter_map(|s| s.split_once("\">")?.1.split('<').next().map(str::to_owned))
        .collect()
}

const KHCN_IN_ORDER: &[&str] = &[
    "Nguyễn Văn An",
    "Phạm Thị Lan Anh",
    "Trần Thị Anh",
    "Nguyễn Văn Ánh",
    "Nguyễn Thị Thu Hương",
    "Nguyễn Văn Thành",
    "Vũ Đức Thắng",
    "Triệu Ngọc Trung",
    "Đỗ Minh Tuấn",
    "Lê Quang Vinh",
];

#[tokio::test]
async fn the_list_is_in_vietnamese_order_by_given_name() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let page = c.get("/can-bo").send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(names(&page.text()), KHCN_IN_ORDER);
    assert!(page.text().contains("10 người, xếp theo tên."));
}

async fn found(c: &mut crate::harness::Client, q: &str) -> Vec<String> {
    let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    names(&c.get(&format!("/can-bo?q={q}")).send().await.text())
}

#[tokio::test]
async fn search_needs_no_diacritics() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    assert_eq!(
        found(&mut c, "nguyen van").await,
        ["Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Văn Thành"]
    );
    assert_eq!(
        found(&mut c, "  NGUYỄN   văn  ").await.len(),
        3,
        "case, spaces and marks"
    );
    assert_eq!(found(&mut c, "huong").await, ["Nguyễn Thị Thu Hương"]);
    assert_eq!(
        found(&mut c, "khcn031").await,
        ["Phạm Thị Lan Anh"],
        "by staff code"
    );
    assert!(
        found(&mut c, "hoang van binh").await.is_empty(),
        "another agency's staff"
    );
    assert!(
        found(&mut c, "%").await.is_empty(),
        "LIKE wildcards are literal"
    );
    // Both places of the tone mark find each other (Hoà / Hòa).
    app.fresh_person(app.world.unit("KHCN/VP"), "KHCN090", "Lê Thị Hoà")
        .await;
    assert_eq!(found(&mut c, "Hòa").await, ["Lê Thị Hoà"]);
    // The units filter takes the units under it too.
    let cc = app.world.unit("KHCN/CCTDC");
    let under = names(&c.get(&format!("/can-bo?unit={cc}")).send().await.text());
    assert_eq!(under, ["Trần Thị Anh", "Nguyễn Văn Ánh", "Đỗ Minh Tuấn"]);
}

#[tokio::test]
async fn each_caller_lists_only_the_people_in_reach() {
    let app = TestApp::new().await;
    let mut head = app.login("truongphong").await;
    assert_eq!(
        names(&head.get("/can-bo").send().await.text()),
        ["Trần Thị Anh", "Nguyễn Văn Ánh", "Đỗ Minh Tuấn"]
    );
    let mut staff = app.login("canbo").await;
    assert_eq!(
        names(&staff.get("/can-bo").send().await.text()),
        ["Phạm Thị Lan Anh"]
    );
    let mut other = app.login("vanphong.tttt").await;
    assert_eq!(
        names(&other.get("/can-bo").send().await.text()),
        ["Hoàng Văn Bình", "Nguyễn Văn Nam"]
    );
    let mut admin = app.login("admin").await;
    assert_eq!(names(&admin.get("/can-bo").send().await.text()).len(), 12);
}

#[tokio::test]
async fn long_lists_come_in_pages_of_fifty() {
    let app = TestApp::new().await;
    let vp = app.world.unit("KHCN/VP");
    for i in 0..55 {
        app.fresh_person(vp, &format!("P{i:03}"), &format!("Hà Thị Xuân {i:03}"))
            .await;
    }
    let mut c = app.login("vanphong").await;
    let first = c.get("/can-bo").send().await.text();
    assert_eq!(names(&first).len(), 50);
    assert!(first.contains("65 người"));
    assert!(first.contains("Trang 1 / 2"));
    assert!(first.contains("page=2"), "a link to the next page");
    let second = c.get("/can-bo?page=2").send().await.text();
    assert_eq!(names(&second).len(), 15);
    assert!(second.contains("Trang 2 / 2"));
    let mut all = names(&first);
    all.extend(names(&second));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 65, "no one twice, no one missing");
    // A page past the end (an old link) shows the last page, as the pager says.
    let past = c.get("/can-bo?page=99").send().await.text();
    assert!(past.contains("Trang 2 / 2"));
    assert_eq!(names(&past).len(), 15);
    let huge = c.get("/can-bo?page=9223372036854775807").send().await;
    assert_eq!(huge.status, StatusCode::OK);
    assert_eq!(names(&huge.text()).len(), 15);
    // Filters survive paging.
    let q = c.get("/can-bo?q=ha+thi+xuan&page=2").send().await.text();
    assert_eq!(names(&q).len(), 5);
    assert!(q.contains("q=ha+thi+xuan&amp;page=1"), "{q}");
}

#[tokio::test]
async fn the_person_form_names_every_wrong_field_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let r = c
        .post("/can-bo")
        .form(&[
            ("code", ""),
            ("full_name", ""),
            ("birth_date", "31/02/1990"),
            ("started_on", "hôm qua"),
            ("category", "cong_chuc"),
        ])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let html = r.text();
    for needle in [
        "Mã cán bộ: không được để trống",
        "Họ và tên: không được để trống",
        "Ngày sinh: “31/02/1990” không phải ngày hợp lệ",
        "“hôm qua” không phải ngày hợp lệ",
        "Đơn vị: hãy chọn đơn vị",
    ] {
        assert!(html.contains(needle), "{needle} in {html}");
    }
    let vp = app.world.unit("KHCN/VP").to_string();
    let r = c
        .post("/can-bo")
        .form(&[
            ("code", "KHCN031"),
            ("full_name", "Người Trùng Mã"),
            ("category", "cong_chuc"),
            ("unit_id", &vp),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Mã cán bộ: “KHCN031” đã được dùng cho người khác")
    );
    let r = c
        .post("/can-bo")
        .form(&[
            ("code", "KHCN099"),
            ("full_name", "NguyÔn V¨n A"),
            ("category", "cong_chuc"),
            ("unit_id", &vp),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().contains("TCVN3"),
        "legacy text is detected and named"
    );
    assert_eq!(app.digest().await, before);
}

#[tokio::test]
async fn input_is_normalised_to_nfc() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    // "Nguyễn Thị Hoà" typed with combining marks (NFD), with stray spaces.
    let nfd = "  Nguye\u{302}\u{303}n   Thi\u{323} Hoa\u{300} ";
    let vp = app.world.unit("KHCN/VP").to_string();
    let r = c
        .post("/can-bo")
        .form(&[
            ("code", " KHCN100 "),
            ("full_name", nfd),
            ("birth_date", "7/3/1991"),
            ("gender", "nu"),
            ("category", "vien_chuc"),
            ("unit_id", &vp),
            ("hometown", "Ha\u{300} Nô\u{323}i"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let p = people::person_by_code(&app.db, "KHCN100")
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(p.full_name, "Nguyễn Thị Hoà");
    assert_eq!(p.full_name.chars().count(), 14, "composed characters");
    assert_eq!(p.hometown.as_deref(), Some("Hà Nội"));
    assert_eq!(p.birth_date, Some(date!(1991 - 03 - 07)));
    let found = names(&c.get("/can-bo?q=nguyen+thi+hoa").send().await.text());
    assert_eq!(found, ["Nguyễn Thị Hoà"]);
}

#[tokio::test]
async fn edits_are_audited_with_before_and_after_and_the_code_is_stable() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let id = app.world.person("KHCN032");
    let form = |code: &'static str| {
        vec![
            ("code", code),
            ("full_name", "Nguyễn Văn An"),
            ("birth_date", "14/02/1985"),
            ("gender", "nam"),
            ("category", "cong_chuc"),
            ("position", "Phó Trưởng phòng"),
        ]
    };
    let r = c
        .post(&format!("/can-bo/{id}"))
        .form(&form("KHCN999"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("mã cán bộ là mã ổn định"));
    let r = c
        .post(&format!("/can-bo/{id}"))
        .form(&form("KHCN032"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let rows = audit::list(&app.db, None, None, 10).await.unwrap();
    let row = rows
        .iter()
        .find(|r| r.entity == "person" && r.action == "update")
        .expect("audited");
    assert_eq!(row.entity_id.as_deref(), Some(id.to_string().as_str()));
    assert_eq!(row.username.as_deref(), Some("vanphong"));
    assert_eq!(row.agency_id, Some(app.world.khcn));
    let before: serde_json::Value =
        serde_json::from_str(row.before_json.as_deref().unwrap()).unwrap();
    let after: serde_json::Value =
        serde_json::from_str(row.after_json.as_deref().unwrap()).unwrap();
    assert_eq!(before["position"], "Chuyên viên");
    assert_eq!(after["position"], "Phó Trưởng phòng");
    // The office sees the log.
    let log = c.get("/nhat-ky").send().await.text();
    assert!(log.contains("Phó Trưởng phòng"));
}

#[tokio::test]
async fn a_transfer_is_dated_history() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let id = app.world.person("KHCN032");
    let (qlkh, vp) = (app.world.unit("KHCN/QLKH"), app.world.unit("KHCN/VP"));
    let transfer = |unit: i64, on: &'static str| {
        vec![
            ("unit_id", unit.to_string()),
            ("on", on.to_owned()),
            ("reason", "Điều động".to_owned()),
        ]
    };
    let r = c
        .post(&format!("/can-bo/{id}/chuyen"))
        .form_owned(own(transfer(vp, "01/01/2010")))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("phải sau ngày bắt đầu ở đơn vị hiện tại (01/08/2015)")
    );
    let r = c
        .post(&format!("/can-bo/{id}/chuyen"))
        .form_owned(own(transfer(qlkh, "01/03/2025")))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("người này đang ở đơn vị đó"));
    let r = c
        .post(&format!("/can-bo/{id}/chuyen"))
        .form_owned(own(transfer(vp, "01/03/2025")))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let periods = people::assignments(&app.db, id).await.unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(
        (periods[0].unit_id, periods[0].from_date, periods[0].to_date),
        (vp, date!(2025 - 03 - 01), None)
    );
    assert_eq!(periods[0].reason.as_deref(), Some("Điều động"));
    assert_eq!(periods[1].to_date, Some(date!(2025 - 02 - 28)));
    let page = c.get(&format!("/can-bo/{id}")).send().await.text();
    assert!(page.contains("Đã chuyển sang Văn phòng từ ngày 01/03/2025."));
    // The head of the old unit no longer reaches the person; the records stay the person's.
    let mut old_head = app.login("truongphong.qlkh").await;
    assert_eq!(
        old_head.get(&format!("/can-bo/{id}")).send().await.status,
        StatusCode::NOT_FOUND
    );
    let rows = audit::list(&app.db, None, None, 5).await.unwrap();
    assert!(
        rows.iter()
            .any(|r| r.action == "transfer" && r.entity_id.as_deref() == Some(&id.to_string()))
    );
}

fn own(v: Vec<(&'static str, String)>) -> Vec<(String, String)> {
    v.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

async fn sensitive_views(app: &TestApp) -> Vec<String> {
    audit::list(&app.db, None, None, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "view_sensitive")
        .map(|r| r.username.unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn ethnicity_and_religion_are_shown_only_to_the_office_and_the_person_and_logged() {
    let app = TestApp::new().await;
    let id = app.world.person(SENSITIVE_PERSON);
    for (username, sees) in [
        ("vanphong", true),
        ("canbo", true),
        ("lanhdao", false),
        ("hoidong", false),
        ("truongphong.qlkh", false),
        ("admin", false),
    ] {
        let mut c = app.login(username).await;
        let before = sensitive_views(&app).await.len();
        let page = c.get(&format!("/can-bo/{id}")).send().await;
        assert_eq!(page.status, StatusCode::OK, "{username}");
        let html = page.text();
        assert_eq!(html.contains(ETHNICITY), sees, "{username}: ethnicity");
        assert_eq!(html.contains(RELIGION), sees, "{username}: religion");
        assert_eq!(
            html.contains("Dân tộc"),
            sees,
            "{username}: not even the label"
        );
        let api = c.get(&format!("/api/v1/people/{id}")).send().await.json();
        assert_eq!(api.get("ethnicity").is_some(), sees, "{username}: API");
        assert_eq!(api.get("religion").is_some(), sees, "{username}: API");
        let after = sensitive_views(&app).await;
        let logged = if sees { 2 } else { 0 };
        assert_eq!(
            after.len(),
            before + logged,
            "{username}: each view is logged"
        );
        // Newest first: the views just made are at the front.
        assert!(after[..logged].iter().all(|u| u == username), "{after:?}");
    }
    // The audit log never holds the values themselves.
    let all = audit::list(&app.db, None, None, 1000).await.unwrap();
    assert!(all.iter().all(|r| {
        !r.after_json.as_deref().unwrap_or("").contains(ETHNICITY)
            && !r.before_json.as_deref().unwrap_or("").contains(ETHNICITY)
    }));
    // Who may not see them may not change them: the administrator's edit keeps them.
    let mut admin = app.login("admin").await;
    let form = admin.get(&format!("/can-bo/{id}/sua")).send().await.text();
    assert!(!form.contains("name=\"ethnicity\""));
    let r = admin
        .post(&format!("/can-bo/{id}"))
        .form(&[
            ("code", SENSITIVE_PERSON),
            ("full_name", "Phạm Thị Lan Anh"),
            ("category", "cong_chuc"),
            ("ethnicity", "Kinh"),
            ("religion", ""),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let p = people::person(&app.db, id).await.unwrap();
    assert_eq!(p.ethnicity.as_deref(), Some(ETHNICITY));
    assert_eq!(p.religion.as_deref(), Some(RELIGION));
    assert_eq!(count(&app.db, "person").await, 12);
}
