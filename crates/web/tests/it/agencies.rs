//! Agencies change (DOMAIN.md 4.6): a rename from a date keeps the earlier names for what was
//! dated before it; a merger moves the merged agency's units and people as dated history, and
//! their records stay theirs.

use std::io::Read;

use axum::http::StatusCode;
use serde_json::json;
use time::macros::date;

use tdkt_domain::unit::{AgencyRename, AgencyRenameForm};
use tdkt_store::audit;
use tdkt_store::org;
use tdkt_store::records::{self as rec, Audit, NewAward, NewTitle};
use tdkt_store::{Clock, people};

use crate::harness::db::TZ;
use crate::harness::{TestApp, count};

/// A form's fields.
type Fields = Vec<(&'static str, String)>;

const NEW_NAME: &str = "Sở Khoa học và Công nghệ tỉnh Bắc Ninh";

fn rename(name: &str, header: &str, symbol: &str, on: &str) -> AgencyRename {
    AgencyRename::parse(&AgencyRenameForm {
        name: name.into(),
        header_name: header.into(),
        symbol: symbol.into(),
        effective_on: on.into(),
        ..Default::default()
    })
    .unwrap()
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
    text.replace("&amp;", "&")
}

#[tokio::test]
async fn store_a_rename_keeps_the_name_of_each_day_and_a_later_one_waits_for_its_day() {
    let app = TestApp::new().await;
    let khcn = app.world.khcn;
    let ctx = app.ctx("admin");
    let mut tx = app.db.begin().await.unwrap();
    let in_force = org::rename_agency(
        &mut tx,
        &ctx,
        khcn,
        &rename(NEW_NAME, "Sở Khoa học và Công nghệ", "", "01/12/2024"),
    )
    .await
    .unwrap();
    assert!(in_force, "01/12/2024 is before the app's today");
    let in_force = org::rename_agency(
        &mut tx,
        &ctx,
        khcn,
        &rename(
            "Sở Khoa học, Công nghệ và Truyền thông tỉnh Bắc Ninh",
            "Sở Khoa học, Công nghệ và Truyền thông",
            "KHCNTT",
            "01/07/2025",
        ),
    )
    .await
    .unwrap();
    assert!(!in_force, "01/07/2025 is still ahead");
    tx.commit().await.unwrap();

    let a = org::agency(&app.db, khcn).await.unwrap();
    assert_eq!((a.name.as_str(), a.symbol.as_str()), (NEW_NAME, "KHCN"));
    let at = |d| org::agency_name_at(&app.db, khcn, d);
    assert_eq!(
        at(date!(2024 - 11 - 30)).await.unwrap().0,
        "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
        "a document of the day before keeps the old name"
    );
    assert_eq!(at(date!(2024 - 12 - 01)).await.unwrap().0, NEW_NAME);
    assert_eq!(
        at(date!(2025 - 07 - 01)).await.unwrap().1,
        "SỞ KHOA HỌC, CÔNG NGHỆ VÀ TRUYỀN THÔNG"
    );
    let names = org::agency_names(&app.db, khcn).await.unwrap();
    assert_eq!(names.len(), 3, "every name stays");
    let events = org::agency_events(&app.db, khcn).await.unwrap();
    assert_eq!(
        events.iter().filter(|e| e.kind == "agency_renamed").count(),
        2
    );

    // Nothing is due yet on the app's day.
    let mut tx = app.db.begin().await.unwrap();
    assert_eq!(org::apply_due_agency_names(&mut tx, &ctx).await.unwrap(), 0);
    tx.commit().await.unwrap();
    // On 01/07/2025 the scheduler brings the new name, short of nothing: the symbol too.
    let later = tdkt_store::audit::Ctx {
        clock: Clock::new(Some(date!(2025 - 07 - 01)), TZ).unwrap(),
        ..ctx.clone()
    };
    let mut tx = app.db.begin().await.unwrap();
    assert_eq!(
        org::apply_due_agency_names(&mut tx, &later).await.unwrap(),
        1
    );
    tx.commit().await.unwrap();
    let a = org::agency(&app.db, khcn).await.unwrap();
    assert_eq!(a.symbol, "KHCNTT");
    assert_eq!(a.header_name, "SỞ KHOA HỌC, CÔNG NGHỆ VÀ TRUYỀN THÔNG");
    let rows = audit::list(&app.db, None, None, 50).await.unwrap();
    assert!(rows.iter().any(|r| r.action == "rename_in_force"));
    assert_eq!(
        rows.iter()
            .filter(|r| r.action == "rename" && r.entity == "agency")
            .count(),
        2
    );
}

#[tokio::test]
async fn renaming_an_agency_from_a_date_keeps_its_history_and_old_documents_name() {
    let app = TestApp::new().await;
    let khcn = app.world.khcn;
    // A Giấy khen decided before the rename, signed by the Giám đốc Sở.
    let director = app.world.person("KHCN001");
    crate::harness::dump::exec_at(
        &app.db,
        &format!("UPDATE person SET position = 'Giám đốc Sở' WHERE id = {director} AND (updated_at <= $1 OR updated_at > $1)"),
        app.clock.now(),
    )
    .await;
    let mut tx = app.db.begin().await.unwrap();
    let award = rec::add_award(
        &mut tx,
        &app.ctx("vanphong"),
        Audit::Yes,
        &NewAward {
            person_id: Some(app.world.person("KHCN031")),
            code: "GK",
            kind: "cong_trang",
            decided_on: Some(date!(2024 - 11 - 20)),
            decision_no: Some("95/QĐ-KHCN"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut admin = app.login("admin").await;
    let list = admin.get("/co-quan").send().await.text();
    assert!(list.contains(&format!("href=\"/co-quan/{khcn}\"")));
    let r = admin
        .post(&format!("/co-quan/{khcn}/doi-ten"))
        .form(&[
            ("name", NEW_NAME),
            ("header_name", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"),
            ("effective_on", "01/12/2024"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(r.location(), Some(format!("/co-quan/{khcn}").as_str()));
    let a = org::agency(&app.db, khcn).await.unwrap();
    assert_eq!(a.name, NEW_NAME);
    assert_eq!(a.header_name, "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC NINH");

    let page = admin.get(&format!("/co-quan/{khcn}")).send().await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Đã ghi tên mới"), "the flash message");
    assert!(
        html.contains("Sở Khoa học và Công nghệ tỉnh Bắc Giang"),
        "the old name stays"
    );
    assert!(html.contains("01/12/2024 — Đổi tên cơ quan"));
    assert!(html.contains("Đơn vị đang hoạt động</dt><dd>5"));

    // The certificate of 20/11/2024 keeps the header of its day; one decided after, the new one.
    let mut office = app.login("vanphong").await;
    let doc = office
        .get(&format!("/ho-so/khen-thuong/{award}/giay-khen/word"))
        .send()
        .await;
    assert_eq!(doc.status, StatusCode::OK, "{}", doc.describe());
    let text = docx_text(&doc.body);
    assert!(text.contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), "{text}");
    assert!(!text.contains("BẮC NINH"), "{text}");
    let mut tx = app.db.begin().await.unwrap();
    let later = rec::add_award(
        &mut tx,
        &app.ctx("vanphong"),
        Audit::Yes,
        &NewAward {
            person_id: Some(app.world.person("KHCN031")),
            code: "GK",
            kind: "cong_trang",
            decided_on: Some(date!(2024 - 12 - 10)),
            decision_no: Some("101/QĐ-KHCN"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let doc = office
        .get(&format!("/ho-so/khen-thuong/{later}/giay-khen/word"))
        .send()
        .await;
    assert!(docx_text(&doc.body).contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC NINH"));

    // The API shows the same history, and renames too (a day ahead waits for its day).
    let r = admin.get(&format!("/api/v1/agencies/{khcn}")).send().await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["name"], NEW_NAME);
    assert_eq!(v["names"].as_array().unwrap().len(), 2);
    assert_eq!(v["names"][1]["valid_from"], "2024-12-01");
    let r = admin
        .post(&format!("/api/v1/agencies/{khcn}/rename"))
        .json(
            json!({ "name": "Sở Khoa học và Công nghệ", "header_name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                      "symbol": "skhcn", "effective_on": "2025-03-01" }),
        )
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let v = r.json();
    assert_eq!(v["name"], NEW_NAME, "not yet in force");
    assert_eq!(v["names"][2]["symbol"], "SKHCN");
    let list = admin.get("/api/v1/agencies").send().await.json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let rows = audit::list(&app.db, None, None, 20).await.unwrap();
    let row = rows
        .iter()
        .rev()
        .find(|r| r.action == "rename" && r.entity == "agency")
        .expect("an audit row");
    assert!(
        row.before_json
            .as_deref()
            .unwrap_or("")
            .contains("Bắc Giang")
    );
}

#[tokio::test]
async fn bad_rename_and_merge_input_is_named_and_nothing_is_written() {
    let app = TestApp::new().await;
    let (khcn, tttt) = (app.world.khcn, app.world.tttt);
    let mut admin = app.login("admin").await;
    let before = app.digest().await;
    let post = |path: String, fields: Fields| {
        let mut c = admin.clone();
        async move {
            c.post(&path)
                .form_owned(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
                .send()
                .await
        }
    };
    let cases: Vec<(Fields, &[&str])> = vec![
        (
            vec![
                ("name", "".into()),
                ("header_name", "".into()),
                ("effective_on", "31/02/2025".into()),
            ],
            &[
                "Tên cơ quan: không được để trống",
                "Tên trong tiêu đề văn bản: không được để trống",
                "Ngày hiệu lực: không phải ngày hợp lệ",
            ],
        ),
        (
            vec![
                ("name", NEW_NAME.into()),
                ("header_name", "SỞ KHCN".into()),
                ("effective_on", "".into()),
            ],
            &["Ngày hiệu lực: không được để trống"],
        ),
        (
            vec![
                ("name", NEW_NAME.into()),
                ("header_name", "SỞ KHCN".into()),
                ("effective_on", "01/01/1999".into()),
            ],
            &["Ngày hiệu lực: phải sau ngày 01/01/2000"],
        ),
        (
            vec![
                ("name", NEW_NAME.into()),
                ("header_name", "SỞ KHCN".into()),
                ("symbol", "tttt".into()),
                ("effective_on", "01/12/2024".into()),
            ],
            &["Ký hiệu cơ quan: “TTTT” đã được dùng"],
        ),
        (
            vec![
                ("name", "Sở Khoa học và Công nghệ tỉnh Bắc Giang".into()),
                ("header_name", "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into()),
                ("effective_on", "01/12/2024".into()),
            ],
            &["Tên cơ quan: giống tên hiện hành"],
        ),
    ];
    for (fields, messages) in cases {
        let r = post(format!("/co-quan/{khcn}/doi-ten"), fields).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            r.describe()
        );
        let html = r.text();
        for m in messages {
            assert!(html.contains(m), "{m} in {html}");
        }
    }
    let merges: Vec<(i64, Fields, &str)> = vec![
        (
            khcn,
            vec![("into", khcn.to_string()), ("on", "01/12/2024".into())],
            "Cơ quan tiếp nhận: không thể sáp nhập một cơ quan vào chính nó",
        ),
        (
            tttt,
            vec![("into", "".into()), ("on", "".into())],
            "Cơ quan tiếp nhận: chưa chọn",
        ),
        (
            tttt,
            vec![("into", khcn.to_string()), ("on", "1/13/2024".into())],
            "Ngày sáp nhập: không phải ngày hợp lệ",
        ),
        (
            tttt,
            vec![("into", khcn.to_string()), ("on", "01/03/2025".into())],
            "Ngày sáp nhập: không được sau hôm nay (16/12/2024)",
        ),
        // Everyone of TTTT started on 01/08/2015.
        (
            tttt,
            vec![("into", khcn.to_string()), ("on", "01/08/2015".into())],
            "Ngày sáp nhập: phải sau ngày 01/08/2015",
        ),
    ];
    for (from, fields, message) in merges {
        let r = post(format!("/co-quan/{from}/sap-nhap"), fields).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            r.describe()
        );
        assert!(r.text().contains(message), "{message}");
    }
    // The API names the field too.
    let r = admin
        .post(&format!("/api/v1/agencies/{khcn}/rename"))
        .json(json!({ "name": NEW_NAME, "header_name": "SỞ KHCN", "effective_on": "2025-02-30" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["fields"][0]["label"], "Ngày hiệu lực");
    let r = admin
        .post(&format!("/api/v1/agencies/{tttt}/merge"))
        .json(json!({ "into_id": tttt, "on": "2024-12-01" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["fields"][0]["field"], "into");
    assert_eq!(app.digest().await, before, "nothing written");
}

#[tokio::test]
async fn merging_an_agency_moves_its_units_and_people_and_their_records_stay_theirs() {
    let app = TestApp::new().await;
    let (khcn, tttt) = (app.world.khcn, app.world.tttt);
    let (vp, khtc) = (app.world.unit("TTTT/VP"), app.world.unit("TTTT/KHTC"));
    let nam = app.world.person("TTTT002");
    // Nam's ladder: excellent years and titles at Sở TT&TT.
    let mut tx = app.db.begin().await.unwrap();
    let ctx = app.ctx("vanphong.tttt");
    for year in 2019..=2024 {
        rec::set_rating(&mut tx, &ctx, Audit::Yes, nam, year, "HTXSNV", Some(khtc))
            .await
            .unwrap();
    }
    for (year, code) in [(2022, "CSTDCS"), (2023, "CSTDCS")] {
        let t = NewTitle {
            person_id: Some(nam),
            year,
            code,
            ground: Some("HTXSNV"),
            ..Default::default()
        };
        rec::add_title(&mut tx, &ctx, Audit::Yes, &t).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Nam heads his unit; the head's account follows the unit.
    app.fresh_user(
        "truongphong.khtc",
        tdkt_domain::policy::Role::TruongDonVi,
        Some(tttt),
        Some(khtc),
        Some(nam),
    )
    .await;
    let records_before = format!("{:?}", rec::person_records(&app.db, nam).await.unwrap());
    let mut office_tttt = app.login("vanphong.tttt").await;
    let verdicts_before = office_tttt
        .get(&format!("/api/v1/people/{nam}/verdicts"))
        .send()
        .await;
    assert_eq!(verdicts_before.status, StatusCode::OK);

    let mut admin = app.login("admin").await;
    let r = admin
        .post(&format!("/co-quan/{tttt}/sap-nhap"))
        .form(&[("into", khcn.to_string().as_str()), ("on", "01/12/2024")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(r.location(), Some(format!("/co-quan/{khcn}").as_str()));

    let merged = org::agency(&app.db, tttt).await.unwrap();
    assert_eq!(merged.dissolved_on, Some(date!(2024 - 12 - 01)));
    assert_eq!(merged.successor_id, Some(khcn));
    // Units keep their ids; a code KHCN already has gets the merged agency's symbol.
    let u = org::unit(&app.db, vp).await.unwrap();
    assert_eq!((u.agency_id, u.code.as_str()), (khcn, "TTTT-VP"));
    let u = org::unit(&app.db, khtc).await.unwrap();
    assert_eq!((u.agency_id, u.code.as_str()), (khcn, "KHTC"));
    assert_eq!(org::agency_counts(&app.db, tttt).await.unwrap(), (0, 0));
    assert_eq!(org::agency_counts(&app.db, khcn).await.unwrap().0, 7);
    for code in ["TTTT001", "TTTT002"] {
        let id = app.world.person(code);
        let p = people::person(&app.db, id).await.unwrap();
        assert_eq!(p.agency_id, khcn, "{code}");
        let periods = people::assignments(&app.db, id).await.unwrap();
        assert_eq!(periods.len(), 2, "{code}: the old period stays");
        assert_eq!(
            (
                periods[0].agency_id,
                periods[0].unit_id,
                periods[0].from_date
            ),
            (khcn, p.unit_id.unwrap(), date!(2024 - 12 - 01))
        );
        assert_eq!(periods[0].reason.as_deref(), Some(org::MERGE_REASON));
        assert_eq!(
            (periods[1].agency_id, periods[1].to_date),
            (tttt, Some(date!(2024 - 11 - 30)))
        );
    }
    // His records are his, and the rule engine reads the same ladder under the new agency.
    assert_eq!(
        format!("{:?}", rec::person_records(&app.db, nam).await.unwrap()),
        records_before
    );
    let mut office = app.login("vanphong").await;
    let verdicts_after = office
        .get(&format!("/api/v1/people/{nam}/verdicts"))
        .send()
        .await;
    assert_eq!(verdicts_after.status, StatusCode::OK);
    let (after, before) = (verdicts_after.json(), verdicts_before.json());
    assert!(
        before["people"][0]["verdicts"]
            .as_array()
            .is_some_and(|v| !v.is_empty())
    );
    assert_eq!(
        after["people"][0]["verdicts"],
        before["people"][0]["verdicts"]
    );
    // The unit head still reaches his unit; the old agency's office no longer reaches its people.
    let mut head = app.login("truongphong.khtc").await;
    assert_eq!(
        head.get(&format!("/don-vi/{khtc}")).send().await.status,
        StatusCode::OK
    );
    assert_eq!(
        office_tttt
            .get(&format!("/can-bo/{nam}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // History on both pages; audit rows for both agencies and each unit.
    let html = admin.get(&format!("/co-quan/{tttt}")).send().await.text();
    assert!(html.contains("Đã sáp nhập từ 01/12/2024"), "{html}");
    assert!(html.contains("Sáp nhập vào cơ quan khác"));
    assert!(
        !html.contains(&format!("action=\"/co-quan/{tttt}/sap-nhap\"")),
        "no more forms"
    );
    let html = admin.get(&format!("/co-quan/{khcn}")).send().await.text();
    assert!(html.contains("Tiếp nhận cơ quan sáp nhập"));
    assert!(html.contains("(mã VP → TTTT-VP)"));
    let rows = audit::list(&app.db, None, None, 30).await.unwrap();
    for (action, entity) in [
        ("merge", "agency"),
        ("absorb", "agency"),
        ("move_agency", "unit"),
    ] {
        assert!(
            rows.iter()
                .any(|r| r.action == action && r.entity == entity),
            "{action} {entity}"
        );
    }
    assert!(
        admin
            .get("/co-quan")
            .send()
            .await
            .text()
            .contains("đã sáp nhập 01/12/2024")
    );

    // Refused afterwards: the merged agency again, or anything into it.
    let before = app.digest().await;
    let r = admin
        .post(&format!("/co-quan/{tttt}/sap-nhap"))
        .form(&[("into", khcn.to_string().as_str()), ("on", "01/12/2024")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("Cơ quan: đã sáp nhập vào cơ quan khác từ ngày 01/12/2024")
    );
    let r = admin
        .post(&format!("/api/v1/agencies/{khcn}/merge"))
        .json(json!({ "into_id": tttt, "on": "2024-12-10" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.json()["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("đã sáp nhập vào cơ quan khác")
    );
    let r = admin
        .post(&format!("/co-quan/{tttt}/doi-ten"))
        .form(&[
            ("name", "X"),
            ("header_name", "X"),
            ("effective_on", "10/12/2024"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.digest().await, before);
}

#[tokio::test]
async fn the_api_merges_an_agency_and_reports_what_moved() {
    let app = TestApp::new().await;
    let from = app.fresh_agency("CQTHU").await;
    let unit = app.fresh_unit(from, "VP", None).await;
    let person = app.fresh_person(unit, "CQTHU01", "Lò Văn Sáng").await;
    let mut admin = app.login("admin").await;
    let r = admin
        .post(&format!("/api/v1/agencies/{from}/merge"))
        .json(json!({ "into_id": app.world.khcn, "on": "2024-12-01" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let v = r.json();
    assert_eq!(v["agency"]["dissolved_on"], "2024-12-01");
    assert_eq!(v["agency"]["successor_id"], app.world.khcn);
    assert_eq!(
        v["units"],
        json!([{ "id": unit, "code_from": "VP", "code_to": "CQTHU-VP" }])
    );
    assert_eq!(v["people"], 1);
    let p = people::person(&app.db, person).await.unwrap();
    assert_eq!((p.agency_id, p.unit_id), (app.world.khcn, Some(unit)));
    let v = admin
        .get(&format!("/api/v1/agencies/{}", app.world.khcn))
        .send()
        .await
        .json();
    let kinds: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"agency_absorbed") && kinds.contains(&"unit_changed_agency"));
}

#[tokio::test]
async fn only_the_administrator_renames_or_merges_agencies() {
    let app = TestApp::new().await;
    let (khcn, tttt) = (app.world.khcn, app.world.tttt);
    let mut clients = Vec::new();
    for user in [
        "vanphong",
        "lanhdao",
        "hoidong",
        "truongphong",
        "canbo",
        "vanphong.tttt",
    ] {
        clients.push((user, app.login(user).await));
    }
    let mut own = app.login("admin.tttt").await;
    let before = app.digest().await;
    let events = count(&app.db, "org_event").await;
    for (user, mut c) in clients {
        assert_eq!(
            c.get(&format!("/co-quan/{khcn}")).send().await.status,
            StatusCode::FORBIDDEN,
            "{user}"
        );
        let r = c
            .post(&format!("/co-quan/{khcn}/doi-ten"))
            .form(&[
                ("name", NEW_NAME),
                ("header_name", "SỞ KHCN"),
                ("effective_on", "01/12/2024"),
            ])
            .send()
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{user}");
        let r = c
            .post(&format!("/api/v1/agencies/{tttt}/merge"))
            .json(json!({ "into_id": khcn, "on": "2024-12-01" }))
            .send()
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{user}");
    }
    // An agency's own administrator sees and renames it, but the other agency is out of reach,
    // so no merger is possible either way.
    assert_eq!(
        own.get(&format!("/co-quan/{khcn}")).send().await.status,
        StatusCode::NOT_FOUND
    );
    let r = own
        .post(&format!("/co-quan/{khcn}/doi-ten"))
        .form(&[
            ("name", NEW_NAME),
            ("header_name", "SỞ KHCN"),
            ("effective_on", "01/12/2024"),
        ])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = own
        .post(&format!("/co-quan/{tttt}/sap-nhap"))
        .form(&[("into", khcn.to_string().as_str()), ("on", "01/12/2024")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = own.get(&format!("/co-quan/{tttt}")).send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.text().contains("Sáp nhập vào cơ quan khác</h2>"),
        "no agency to merge into"
    );
    assert_eq!(count(&app.db, "org_event").await, events);
    assert_eq!(app.digest().await, before);
}
