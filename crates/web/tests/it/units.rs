//! Units (phòng, đơn vị): forms whose errors name the field in Vietnamese; renames, moves and
//! mergers recorded as dated history, never rewrites; lists in tree order with search without
//! diacritics; every change in the audit log with before and after.

use axum::http::StatusCode;
use time::macros::date;

use tdkt_store::org;

use crate::harness::{TestApp, count};

/// The ids of the `/don-vi/{id}` links of a page, in order.
fn unit_links(html: &str) -> Vec<i64> {
    html.split("<a href=\"/don-vi/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn a_new_unit_form_names_every_wrong_field_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let r = c
        .post("/don-vi")
        .form(&[("code", ""), ("name", "")])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let html = r.text();
    assert!(html.contains("Chưa lưu được vì"));
    assert!(html.contains("Mã đơn vị: không được để trống"), "{html}");
    assert!(html.contains("Tên đơn vị: không được để trống"));
    assert!(
        html.contains("class=\"field invalid\""),
        "the fields are marked"
    );

    let r = c
        .post("/don-vi")
        .form(&[
            ("code", "P 2!"),
            ("name", "Phòng thứ hai"),
            ("parent_code", "KHONGCO"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Mã đơn vị: chỉ gồm chữ không dấu"));
    let r = c
        .post("/don-vi")
        .form(&[
            ("code", "P2"),
            ("name", "Phòng thứ hai"),
            ("parent_code", "KHONGCO"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Đơn vị cấp trên: không có đơn vị mã “KHONGCO”")
    );
    let r = c
        .post("/don-vi")
        .form(&[("code", "vp"), ("name", "Văn phòng 2")])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "codes are unique in an agency"
    );
    assert!(
        r.text()
            .contains("Mã đơn vị: “VP” đã được dùng trong cơ quan")
    );
    // The form keeps what was typed.
    assert!(r.text().contains("value=\"Văn phòng 2\""));
    assert_eq!(app.digest().await, before);

    let r = c
        .post("/don-vi")
        .form(&[
            ("code", "ttcntt"),
            ("name", "  Trung   tâm Công nghệ thông tin "),
            ("parent_code", "CCTDC"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let at = r.location().unwrap().to_owned();
    let page = c.get(&at).send().await.text();
    assert!(
        page.contains("Đã thêm đơn vị."),
        "the flash message is shown once"
    );
    assert!(
        page.contains("<h1>Trung tâm Công nghệ thông tin</h1>"),
        "cleaned and NFC"
    );
    let u = org::unit_by_code(&app.db, app.world.khcn, "TTCNTT")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(u.parent_id, Some(app.world.unit("KHCN/CCTDC")));
    assert!(!c.get(&at).send().await.text().contains("Đã thêm đơn vị."));
}

#[tokio::test]
async fn renaming_a_unit_keeps_the_old_name_in_its_history() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let id = app.world.unit("KHCN/QLKH");
    let path = format!("/don-vi/{id}");
    let form = |name: &'static str, code: &'static str, on: &'static str| {
        vec![("code", code), ("name", name), ("effective_on", on)]
    };
    // The code is stable; a bad date is named.
    let r = c
        .post(&path)
        .form(&form("Phòng QLKH", "QLKH2", ""))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("mã đơn vị là mã ổn định, không được thay đổi")
    );
    let r = c
        .post(&path)
        .form(&form("Phòng QLKH", "QLKH", "31/02/2025"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Ngày có hiệu lực: không phải ngày hợp lệ")
    );

    let r = c
        .post(&path)
        .form(&form(
            "Phòng Quản lý khoa học và công nghệ",
            "QLKH",
            "01/01/2025",
        ))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(
        org::unit_name_at(&app.db, id, date!(2024 - 12 - 31))
            .await
            .unwrap(),
        "Phòng Quản lý khoa học",
        "documents dated before the rename keep the name of their day"
    );
    assert_eq!(
        org::unit_name_at(&app.db, id, date!(2025 - 01 - 01))
            .await
            .unwrap(),
        "Phòng Quản lý khoa học và công nghệ"
    );
    let events = org::unit_events(&app.db, id).await.unwrap();
    let renamed = events
        .iter()
        .find(|e| e.kind == "unit_renamed")
        .expect("a rename event");
    assert_eq!(renamed.happened_on, date!(2025 - 01 - 01));
    let page = c.get(&path).send().await.text();
    assert!(
        page.contains(
            "01/01/2025 — Đổi tên: “Phòng Quản lý khoa học” → “Phòng Quản lý khoa học và công nghệ”"
        ),
        "{page}"
    );

    let audit = tdkt_store::audit::list(&app.db, None, None, 5)
        .await
        .unwrap();
    let row = audit
        .iter()
        .find(|a| a.entity == "unit" && a.action == "update")
        .expect("the change is audited");
    assert_eq!(row.username.as_deref(), Some("vanphong"));
    assert!(
        row.before_json
            .as_deref()
            .unwrap()
            .contains("\"Phòng Quản lý khoa học\"")
    );
    assert!(
        row.after_json
            .as_deref()
            .unwrap()
            .contains("Phòng Quản lý khoa học và công nghệ")
    );
    assert_eq!(
        tdkt_store::audit::verify_chain(&app.db).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn moving_a_unit_moves_its_subtree_and_never_under_itself() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let cc = app.world.unit("KHCN/CCTDC");
    let form = |parent: &'static str| {
        vec![
            ("code", "CCTDC"),
            ("name", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
            ("parent_code", parent),
        ]
    };
    let r = c
        .post(&format!("/don-vi/{cc}"))
        .form(&form("CCTDC-DL"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("không thể đặt đơn vị dưới chính nó hoặc đơn vị con của nó")
    );

    let r = c
        .post(&format!("/don-vi/{cc}"))
        .form(&form("LD"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let ld = org::unit(&app.db, app.world.unit("KHCN/LD")).await.unwrap();
    let dl = org::unit(&app.db, app.world.unit("KHCN/CCTDC-DL"))
        .await
        .unwrap();
    assert!(
        dl.path.starts_with(&ld.path),
        "{} under {}",
        dl.path,
        ld.path
    );
    assert_eq!(dl.depth(), 2);
    // The Chi cục's head still reaches the unit nested in it.
    let mut head = app.login("truongphong").await;
    assert_eq!(
        head.get(&format!("/don-vi/{}", dl.id)).send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        head.get(&format!("/can-bo/{}", app.world.person("KHCN042")))
            .send()
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn merging_a_unit_moves_its_members_with_dated_assignments() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let (qlkh, vp) = (app.world.unit("KHCN/QLKH"), app.world.unit("KHCN/VP"));
    // A unit with units under it cannot be merged; nor into another agency's unit.
    let r = c
        .post(&format!(
            "/don-vi/{}/sap-nhap",
            app.world.unit("KHCN/CCTDC")
        ))
        .form(&[("into", &vp.to_string()), ("on", "01/07/2025")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("còn đơn vị trực thuộc"));
    let mut admin = app.login("admin").await;
    let r = admin
        .post(&format!("/don-vi/{qlkh}/sap-nhap"))
        .form(&[
            ("into", &app.world.unit("TTTT/VP").to_string()),
            ("on", "01/07/2025"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("phải là một đơn vị khác trong cùng cơ quan")
    );

    let r = c
        .post(&format!("/don-vi/{qlkh}/sap-nhap"))
        .form(&[("into", &vp.to_string()), ("on", "01/07/2025")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(r.location(), Some(format!("/don-vi/{vp}").as_str()));
    let merged = org::unit(&app.db, qlkh).await.unwrap();
    assert_eq!(merged.dissolved_on, Some(date!(2025 - 07 - 01)));
    assert_eq!(merged.merged_into_id, Some(vp));
    for code in ["KHCN030", "KHCN031", "KHCN032"] {
        let id = app.world.person(code);
        let p = tdkt_store::people::person(&app.db, id).await.unwrap();
        assert_eq!(p.unit_id, Some(vp), "{code} moved");
        let periods = tdkt_store::people::assignments(&app.db, id).await.unwrap();
        assert_eq!(periods.len(), 2, "{code}: the old period stays");
        assert_eq!(
            (periods[0].unit_id, periods[0].from_date),
            (vp, date!(2025 - 07 - 01))
        );
        assert_eq!(periods[0].reason.as_deref(), Some("Sáp nhập đơn vị"));
        assert_eq!(
            (periods[1].unit_id, periods[1].from_date, periods[1].to_date),
            (qlkh, date!(2015 - 08 - 01), Some(date!(2025 - 06 - 30)))
        );
    }
    let list = c.get("/don-vi").send().await.text();
    assert!(
        !unit_links(&list).contains(&qlkh),
        "gone from the current list"
    );
    let all = c.get("/don-vi?all=1").send().await.text();
    assert!(unit_links(&all).contains(&qlkh));
    assert!(all.contains("đã giải thể/sáp nhập 01/07/2025"));
    let page = c.get(&format!("/don-vi/{qlkh}")).send().await.text();
    assert!(page.contains("Đã giải thể/sáp nhập từ 01/07/2025"));
    assert!(
        page.contains("“Phòng Quản lý khoa học” sáp nhập vào “Văn phòng” (3 người chuyển theo)")
    );
    assert_eq!(count(&app.db, "person_unit").await, 12 + 3);
}

#[tokio::test]
async fn the_unit_list_is_a_tree_searchable_without_diacritics() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let w = &app.world;
    let list = unit_links(&c.get("/don-vi").send().await.text());
    let pos = |k: &str| list.iter().position(|x| *x == w.unit(k)).unwrap();
    assert_eq!(list.len(), 5, "the office sees its own agency's five units");
    assert_eq!(
        pos("KHCN/CCTDC-DL"),
        pos("KHCN/CCTDC") + 1,
        "a child right after its parent"
    );
    assert!(!list.contains(&w.unit("TTTT/VP")));

    let found = unit_links(&c.get("/don-vi?q=do%20luong").send().await.text());
    assert_eq!(found, vec![w.unit("KHCN/CCTDC"), w.unit("KHCN/CCTDC-DL")]);
    let found = unit_links(
        &c.get("/don-vi?q=QU%E1%BA%A2N%20L%C3%9D%20KHOA")
            .send()
            .await
            .text(),
    );
    assert_eq!(
        found,
        vec![w.unit("KHCN/QLKH")],
        "upper case, with diacritics"
    );
    // A unit head sees their subtree only; the province administrator sees both agencies.
    let mut head = app.login("truongphong").await;
    let list = unit_links(&head.get("/don-vi").send().await.text());
    assert_eq!(list, vec![w.unit("KHCN/CCTDC"), w.unit("KHCN/CCTDC-DL")]);
    let mut admin = app.login("admin").await;
    assert_eq!(
        unit_links(&admin.get("/don-vi").send().await.text()).len(),
        7
    );
}

#[tokio::test]
async fn the_unit_list_exports_to_excel() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let r = c.get("/don-vi/xuat.xlsx").send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().contains("spreadsheetml"));
    let cd = r.headers["content-disposition"].to_str().unwrap();
    assert!(
        cd.starts_with("attachment; filename=\"Danh_sach_don_vi_16-12-2024.xlsx\""),
        "{cd}"
    );
    let rows = tdkt_sheets::read_rows(&r.body).expect("a valid workbook");
    assert_eq!(rows[0][0], "DANH SÁCH ĐƠN VỊ");
    assert_eq!(rows[2][..3], ["Cơ quan", "Mã đơn vị", "Tên đơn vị"]);
    let codes: Vec<&str> = rows[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(codes, ["LD", "VP", "QLKH", "CCTDC", "CCTDC-DL"]);
}
