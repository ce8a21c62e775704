//! Progress on registered targets ("5 rõ"), the registration form as a document and the JSON
//! API: overdue targets flagged for the person, the head and the Office; evidence checked by
//! content with nothing half saved; downloads only within reach; the API under the same rules.
//! (The set-up helpers are in `registrations`.)

use axum::http::StatusCode;
use serde_json::json;
use time::macros::date;

use tdkt_domain::targets::{self as tg, NumberInput, ProgressInput};
use tdkt_domain::workflow::{Action, Part};
use tdkt_store::registrations as reg;
use tdkt_web::WebConfig;

use crate::harness::{Part as MPart, TestApp, count};
use crate::registrations::{EXE, PDF, clock, lan_anh, launch, login_on, on, registered};

#[tokio::test]
async fn overdue_targets_are_flagged_for_the_person_the_head_and_the_office() {
    let app = TestApp::new().await;
    let plan = launch(&app, 2024).await;
    let id = registered(
        &app,
        plan,
        lan_anh(&app),
        "LDTT",
        &[
            ("Bài báo khoa học", 5.0, Some("30/06/2024")),
            ("Hội thảo", 1.0, Some("30/06/2024")),
        ],
        true,
    )
    .await;
    let t = reg::targets(&app.db, id).await.unwrap();
    let mut lan = login_on(&app, "canbo", date!(2024 - 06 - 20)).await;
    for (target, value) in [(t[0].id, "2"), (t[1].id, "1")] {
        let r = lan
            .post(&format!("/chi-tieu/{target}/tien-do"))
            .multipart(vec![
                MPart::text("reported_on", "20/06/2024"),
                MPart::text("value", value),
            ])
            .send()
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    }
    // On the due day, in time; the day after, the unmet one is overdue — for each of them.
    let on_due = lan
        .with_router(on(&app, date!(2024 - 06 - 30)))
        .get(&format!("/dang-ky/{id}"))
        .send()
        .await
        .text();
    assert!(!on_due.contains("flag-overdue"));
    let jul = date!(2024 - 07 - 01);
    let page = lan
        .with_router(on(&app, jul))
        .get(&format!("/dang-ky/{id}"))
        .send()
        .await
        .text();
    assert_eq!(page.matches("flag-overdue").count(), 1, "{page}");
    let unit = app.world.unit("KHCN/QLKH");
    let head = login_on(&app, "truongphong.qlkh", jul)
        .await
        .get(&format!("/dang-ky/don-vi/{unit}"))
        .send()
        .await
        .text();
    assert!(head.contains("1 quá hạn"), "{head}");
    let office = login_on(&app, "vanphong", jul)
        .await
        .get("/dang-ky/tong-hop")
        .send()
        .await
        .text();
    assert!(office.contains("1 quá hạn"), "{office}");
    let api = login_on(&app, "vanphong", jul)
        .await
        .get("/api/v1/registrations")
        .send()
        .await
        .json();
    assert_eq!(api[0]["figures"]["overdue"], json!(1));
    assert_eq!(api[0]["figures"]["met"], json!(1));
}

#[tokio::test]
async fn evidence_is_checked_by_content_and_nothing_is_half_saved() {
    let app = TestApp::with_config(WebConfig {
        max_upload: 64 * 1024,
        ..WebConfig::default()
    })
    .await;
    let plan = launch(&app, 2024).await;
    let id = registered(
        &app,
        plan,
        lan_anh(&app),
        "LDTT",
        &[("Bài báo khoa học", 2.0, Some("31/10/2024"))],
        false,
    )
    .await;
    let target = reg::targets(&app.db, id).await.unwrap()[0].id;
    let mut lan = app.login("canbo").await;
    let upload = |files: Vec<MPart>| {
        let mut parts = vec![
            MPart::text("reported_on", "10/12/2024"),
            MPart::text("value", "1"),
            MPart::text("note", "Bài đăng Tạp chí KH&CN"),
        ];
        parts.extend(files);
        parts
    };
    let pdf = |name: &str, data: &[u8]| MPart {
        content_type: Some("application/pdf".into()),
        ..MPart::file("files", name, data.to_vec())
    };

    // Not yet approved: no progress.
    let r = lan
        .post(&format!("/chi-tieu/{target}/tien-do"))
        .multipart(upload(vec![pdf("bai-bao.pdf", PDF)]))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .contains("chỉ cập nhật tiến độ khi bản đăng ký đã được duyệt")
    );
    let ctx = tdkt_store::audit::Ctx {
        clock: clock(date!(2024 - 01 - 15)),
        who: app.ctx("test").who,
    };
    let mut tx = app.db.begin().await.unwrap();
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
    tx.commit().await.unwrap();

    // A PDF is taken.
    let r = lan
        .post(&format!("/chi-tieu/{target}/tien-do"))
        .multipart(upload(vec![pdf("Bài báo số 1.pdf", PDF)]))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let (updates, files) = reg::progress(&app.db, target).await.unwrap();
    assert_eq!((updates.len(), files.len()), (1, 1));
    assert_eq!(files[0].content_type, "application/pdf");

    // A program renamed .pdf next to a good file, an oversized PDF, a bad date: refused, naming
    // each; neither the progress nor any file is stored.
    let before = (
        count(&app.db, "progress").await,
        count(&app.db, "file_blob").await,
        count(&app.db, "progress_file").await,
    );
    let mut big = PDF.to_vec();
    big.resize(100 * 1024, b' ');
    let mut parts = upload(vec![
        pdf("anh.pdf", PDF),
        pdf("bien-ban.pdf", EXE),
        pdf("to-lon.pdf", &big),
    ]);
    parts[0] = MPart::text("reported_on", "01/01/2025");
    let r = lan
        .post(&format!("/chi-tieu/{target}/tien-do"))
        .multipart(parts)
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(
        html.contains("“bien-ban.pdf” không phải tệp PDF, JPEG, PNG, DOCX hay XLSX"),
        "{html}"
    );
    assert!(
        html.contains("“to-lon.pdf” lớn hơn giới hạn 1 MB"),
        "{html}"
    );
    assert!(
        html.contains("Ngày cập nhật: phải trong năm 2024"),
        "{html}"
    );
    let after = (
        count(&app.db, "progress").await,
        count(&app.db, "file_blob").await,
        count(&app.db, "progress_file").await,
    );
    assert_eq!(before, after, "nothing half saved");

    // The download: for her and her head; not for another unit's head or another agency.
    let file = files[0].file_id;
    let r = lan.get(&format!("/minh-chung/{file}")).send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/pdf");
    assert_eq!(&r.body[..], PDF);
    let cd = r
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cd.starts_with(
            "inline; filename=\"Bai bao so 1.pdf\"; filename*=UTF-8''B%C3%A0i%20b%C3%A1o"
        ),
        "{cd}"
    );
    assert_eq!(
        app.login("truongphong.qlkh")
            .await
            .get(&format!("/minh-chung/{file}"))
            .send()
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.login("truongphong")
            .await
            .get(&format!("/minh-chung/{file}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.login("vanphong.tttt")
            .await
            .get(&format!("/minh-chung/{file}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.login("admin")
            .await
            .get(&format!("/minh-chung/{file}"))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // A file that is not evidence is not served here.
    let other = app.put_file(Some("canbo"), "x.pdf", PDF).await;
    assert_eq!(
        lan.get(&format!("/minh-chung/{other}")).send().await.status,
        StatusCode::NOT_FOUND
    );
    // The head sees her progress but does not report it for her.
    let mut head = app.login("truongphong.qlkh").await;
    let page = head.get(&format!("/chi-tieu/{target}")).send().await.text();
    assert!(
        page.contains("Bài báo số 1.pdf") && !page.contains("Cập nhật tiến độ</button>"),
        "{page}"
    );
    let r = head
        .post(&format!("/chi-tieu/{target}/tien-do"))
        .multipart(upload(vec![]))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_registration_form_exports_as_a_decree_30_document() {
    let app = TestApp::new().await;
    let plan = launch(&app, 2024).await;
    let id = registered(
        &app,
        plan,
        lan_anh(&app),
        "LDTT",
        &[("Bài báo khoa học", 2.0, Some("31/10/2024"))],
        true,
    )
    .await;
    let mut lan = app.login("canbo").await;
    for (format, magic, media) in [
        (
            "docx",
            &b"PK"[..],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("pdf", &b"%PDF"[..], "application/pdf"),
    ] {
        let r = lan
            .get(&format!("/dang-ky/{id}/tai-ve/{format}"))
            .send()
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
        assert!(r.body.starts_with(magic));
        assert_eq!(r.content_type(), media);
        let cd = r
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            cd.starts_with("attachment; filename=\"Ban dang ky thi dua 2024 - Pham Thi Lan Anh."),
            "{cd}"
        );
        assert!(
            cd.contains("filename*=UTF-8''B%E1%BA%A3n%20%C4%91%C4%83ng%20k%C3%BD"),
            "{cd}"
        );
    }
    let mut head = app.login("truongphong").await;
    assert_eq!(
        head.get(&format!("/dang-ky/{id}/tai-ve/pdf"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        lan.get(&format!("/dang-ky/{id}/tai-ve/odt"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_api_registers_reviews_and_reports_progress_under_the_same_rules() {
    let app = TestApp::new().await;
    launch(&app, 2024).await;
    let jan = date!(2024 - 01 - 22);
    let mut lan = app.client().with_router(on(&app, jan));
    lan.bearer = Some(app.api_token("canbo").await.1);
    let mut head = app.client().with_router(on(&app, jan));
    head.bearer = Some(app.api_token("truongphong.qlkh").await.1);

    let body = json!({
        "title_code": "LDTT", "commitment": "Hoàn thành tốt nhiệm vụ.",
        "targets": [{ "name": "Bài báo khoa học", "value": 2, "unit_of_measure": "" }],
        "submit": true,
    });
    let r = lan
        .post("/api/v1/registrations")
        .json(body.clone())
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json()["fields"][0]["field"],
        json!("targets[0].unit_of_measure")
    );
    let mut body = body;
    body["targets"][0]["unit_of_measure"] = json!("bài báo");
    body["targets"][0]["due_on"] = json!("2024-10-31");
    let r = lan.post("/api/v1/registrations").json(body).send().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let d = r.json();
    let id = d["registration"]["id"].as_i64().unwrap();
    assert_eq!(d["registration"]["status"], json!("submitted"));
    assert_eq!(d["actions"], json!([]));

    // The head sees it and may approve or return; staff may not; another agency sees nothing.
    let h = head
        .get(&format!("/api/v1/registrations/{id}"))
        .send()
        .await
        .json();
    assert_eq!(h["actions"], json!(["approve", "return"]));
    assert_eq!(
        lan.post(&format!("/api/v1/registrations/{id}/approve"))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut tttt = app.client().with_router(on(&app, jan));
    tttt.bearer = Some(app.api_token("vanphong.tttt").await.1);
    assert_eq!(
        tttt.get(&format!("/api/v1/registrations/{id}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = head
        .post(&format!("/api/v1/registrations/{id}/return"))
        .json(json!({}))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["fields"][0]["field"], json!("reason"));
    let r = head
        .post(&format!("/api/v1/registrations/{id}/return"))
        .json(json!({ "reason": "Thêm chỉ tiêu." }))
        .send()
        .await;
    assert_eq!(
        r.json()["registration"]["return_reason"],
        json!("Thêm chỉ tiêu.")
    );
    assert_eq!(
        lan.post(&format!("/api/v1/registrations/{id}/submit"))
            .send()
            .await
            .status,
        StatusCode::OK
    );
    let r = head
        .post(&format!("/api/v1/registrations/{id}/approve"))
        .send()
        .await;
    assert_eq!(r.json()["registration"]["status"], json!("approved"));
    assert_eq!(r.json()["versions"].as_array().unwrap().len(), 4);

    // Lists and rates.
    let mine = lan.get("/api/v1/registrations").send().await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let mut office = app.client().with_router(on(&app, jan));
    office.bearer = Some(app.api_token("vanphong").await.1);
    let rates = office.get("/api/v1/registration-rates").send().await.json();
    let qlkh = rates
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == json!("QLKH"))
        .unwrap();
    assert_eq!(
        (qlkh["members"].clone(), qlkh["approved"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(
        lan.get("/api/v1/registration-rates").send().await.status,
        StatusCode::FORBIDDEN
    );

    // Progress with evidence in base64: a PDF taken, a program refused, nothing half saved.
    use base64::Engine;
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let target = d["targets"][0]["id"].as_i64().unwrap();
    let mut lan = lan.with_router(on(&app, date!(2024 - 03 - 01)));
    let files = count(&app.db, "file_blob").await;
    let r = lan
        .post(&format!("/api/v1/targets/{target}/progress"))
        .json(json!({ "value": 1, "files": [{ "filename": "a.pdf", "content_base64": b64(PDF) }, { "filename": "b.pdf", "content_base64": b64(EXE) }] }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app.db, "file_blob").await, files);
    let r = lan
        .post(&format!("/api/v1/targets/{target}/progress"))
        .json(json!({ "value": "1,5", "reported_on": "2024-02-28", "files": [{ "filename": "a.pdf", "content_base64": b64(PDF) }] }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let t = r.json();
    assert_eq!(t["target"]["reached"], json!(1.5));
    assert_eq!(
        t["progress"][0]["files"][0]["content_type"],
        json!("application/pdf")
    );
    assert_eq!(
        head.post(&format!("/api/v1/targets/{target}/progress"))
            .json(json!({ "value": 2 }))
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        tttt.get(&format!("/api/v1/targets/{target}"))
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn progress_input_reads_vietnamese_numbers() {
    let p = tg::parse_progress(
        &ProgressInput {
            reported_on: "2024-03-01".into(),
            value: NumberInput::Text("1.234,5".into()),
            note: String::new(),
        },
        2024,
        date!(2024 - 03 - 02),
    )
    .unwrap();
    assert_eq!(p.value, 1234.5);
}
