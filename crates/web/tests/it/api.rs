//! The JSON API under /api/v1: the same operations and the same rules as the pages — field
//! errors as `{error, fields: [{field, label, message}]}`, Vietnamese order, search without
//! diacritics, the sensitive fields for the office only, imports that write all or nothing.

use axum::http::StatusCode;
use serde_json::{Value, json};
use time::macros::date;

use tdkt_store::{org, people};

use crate::auth::new_token_in;
use crate::harness::sheets::{people_xlsx, row};
use crate::harness::{Client, TestApp, count};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A client of the office, authenticated by a personal API token.
async fn office_api(app: &TestApp) -> Client {
    let mut c = app.login("vanphong").await;
    let page = c
        .post("/tai-khoan/token")
        .form(&[("name", "API")])
        .send()
        .await;
    let mut api = app.client();
    api.bearer = new_token_in(&page.text());
    api
}

fn fields(v: &Value) -> Vec<String> {
    v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}|{}",
                f["field"].as_str().unwrap(),
                f["label"].as_str().unwrap()
            )
        })
        .collect()
}

#[tokio::test]
async fn units_through_the_api() {
    let app = TestApp::new().await;
    let mut api = office_api(&app).await;
    let r = api
        .post("/api/v1/units")
        .json(json!({ "code": "", "name": "" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.content_type().starts_with("application/json"));
    assert_eq!(fields(&r.json()), ["code|Mã đơn vị", "name|Tên đơn vị"]);
    let r = api
        .post("/api/v1/units")
        .json(json!({ "code": "VP", "name": "Văn phòng" }))
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a taken code is a field error"
    );
    assert_eq!(fields(&r.json()), ["code|Mã đơn vị"]);

    let r = api
        .post("/api/v1/units")
        .json(json!({ "code": "ttcntt", "name": "Trung tâm Công nghệ thông tin", "parent_code": "cctdc" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.describe());
    let unit = r.json();
    assert_eq!(unit["code"], "TTCNTT");
    assert_eq!(unit["parent_id"], app.world.unit("KHCN/CCTDC"));
    let id = unit["id"].as_i64().unwrap();
    let got = api.get(&format!("/api/v1/units/{id}")).send().await.json();
    assert_eq!(got["name"], "Trung tâm Công nghệ thông tin");

    let r = api
        .put(&format!("/api/v1/units/{id}"))
        .json(json!({ "code": "TTCNTT", "name": "Trung tâm Chuyển đổi số", "parent_code": "CCTDC", "effective_on": "2025-01-01" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    assert_eq!(r.json()["name"], "Trung tâm Chuyển đổi số");
    assert_eq!(
        org::unit_name_at(&app.db, id, date!(2024 - 12 - 20))
            .await
            .unwrap(),
        "Trung tâm Công nghệ thông tin"
    );
    let list = api
        .get("/api/v1/units?q=chuyen%20doi%20so")
        .send()
        .await
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id);
    let all = api.get("/api/v1/units").send().await.json();
    assert_eq!(all.as_array().unwrap().len(), 6, "the office's agency only");
}

#[tokio::test]
async fn people_through_the_api() {
    let app = TestApp::new().await;
    let mut api = office_api(&app).await;
    let vp = app.world.unit("KHCN/VP");
    let r = api
        .post("/api/v1/people")
        .json(json!({ "code": "", "full_name": "", "birth_date": "30/02/1990", "unit_id": vp }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let f = fields(&r.json());
    assert!(f.contains(&"code|Mã cán bộ".to_owned()), "{f:?}");
    assert!(f.contains(&"full_name|Họ và tên".to_owned()));
    assert!(f.contains(&"birth_date|Ngày sinh".to_owned()));

    let r = api
        .post("/api/v1/people")
        .json(json!({
            "code": "KHCN200", "full_name": "Bu\u{300}i Thi\u{323} Nga", "birth_date": "1990-05-17",
            "gender": "Nữ", "category": "viên chức", "unit_id": vp, "ethnicity": "Mường"
        }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.describe());
    let p = r.json();
    assert_eq!(p["full_name"], "Bùi Thị Nga", "NFC");
    assert_eq!(
        p["birth_date"], "1990-05-17",
        "an ISO date, as the OpenAPI document says"
    );
    let doc = api.get("/api/openapi.json").send().await.json();
    assert_eq!(
        doc["components"]["schemas"]["PersonOut"]["properties"]["birth_date"]["format"],
        "date"
    );
    assert_eq!(p["gender"], "nu");
    assert_eq!(p["category"], "vien_chuc");
    assert_eq!(p["ethnicity"], "Mường", "the office sees what it entered");
    let id = p["id"].as_i64().unwrap();

    let r = api
        .put(&format!("/api/v1/people/{id}"))
        .json(json!({ "code": "KHCN200", "full_name": "Bùi Thị Nga", "category": "vien_chuc", "position": "Kế toán" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    assert_eq!(r.json()["position"], "Kế toán");
    assert_eq!(r.json()["ethnicity"], Value::Null, "the update sent none");

    // The list: Vietnamese order, search without diacritics, paging with the total.
    let page = api.get("/api/v1/people?limit=4").send().await.json();
    assert_eq!(page["total"], 11);
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Nguyễn Văn An",
            "Phạm Thị Lan Anh",
            "Trần Thị Anh",
            "Nguyễn Văn Ánh"
        ]
    );
    let next = api
        .get("/api/v1/people?limit=4&offset=4")
        .send()
        .await
        .json();
    assert_eq!(next["items"][0]["full_name"], "Nguyễn Thị Thu Hương");
    let q = api.get("/api/v1/people?q=bui%20thi").send().await.json();
    assert_eq!(q["total"], 1);
    assert_eq!(q["items"][0]["unit_code"], "VP");
}

#[tokio::test]
async fn api_errors_are_json_with_the_right_status() {
    let app = TestApp::new().await;
    let mut anon = app.client();
    let r = anon.get("/api/v1/people").send().await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["fields"], json!([]));
    assert!(r.json()["error"].as_str().unwrap().contains("đăng nhập"));
    let mut staff = app.login("canbo").await;
    let r = staff.get("/api/v1/units").send().await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("không có quyền")
    );
    let r = staff
        .get(&format!("/api/v1/people/{}", app.world.person("KHCN032")))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["error"].is_string());
    let r = staff
        .get(&format!("/api/v1/people/{}", app.world.person("KHCN031")))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "one's own record");
    let r = staff.get("/api/v1/people/999999").send().await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "missing and out of reach look the same"
    );
}

#[tokio::test]
async fn importing_through_the_api_writes_all_or_nothing() {
    let app = TestApp::new().await;
    let mut api = office_api(&app).await;
    let bad = people_xlsx(&[
        row("KHCN300", "Lò Văn Pấu", "12/12/1980", "Nam", "VP"),
        row("KHCN301", "Cầm Thị Ngọc", "31/04/1990", "Nữ", "VP"),
        row("KHCN302", "Hà Văn Tú", "01/01/1990", "Nam", "KHONGCO"),
    ]);
    let r = api
        .post("/api/v1/people/import?commit=true")
        .raw(XLSX, bad)
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let report = r.json();
    assert_eq!(report["rows"], 3);
    assert_eq!(report["imported"], 0);
    let rows: Vec<i64> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["row"].as_i64().unwrap())
        .collect();
    assert_eq!(rows, [3, 4]);
    assert!(
        report["errors"][1]["problems"][0]
            .as_str()
            .unwrap()
            .contains("KHONGCO")
    );
    assert_eq!(count(&app.db, "person").await, 12, "nothing written");

    let good = people_xlsx(&[
        row("KHCN300", "Lò Văn Pấu", "12/12/1980", "Nam", "VP"),
        row("KHCN301", "Cầm Thị Ngọc", "30/04/1990", "Nữ", "cctdc-dl"),
    ]);
    let r = api
        .post("/api/v1/people/import")
        .raw(XLSX, good.clone())
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        (r.json()["rows"].as_i64(), r.json()["imported"].as_i64()),
        (Some(2), Some(0)),
        "a check only"
    );
    let r = api
        .post("/api/v1/people/import?commit=true")
        .raw(XLSX, good)
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    assert_eq!(r.json()["imported"], 2);
    let p = people::person_by_code(&app.db, "KHCN301")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.unit_id, Some(app.world.unit("KHCN/CCTDC-DL")));
    assert_eq!(p.birth_date, Some(date!(1990 - 04 - 30)));
    // Another agency's import target is out of reach.
    let r = api
        .post(&format!(
            "/api/v1/people/import?agency_id={}",
            app.world.tttt
        ))
        .raw(
            XLSX,
            people_xlsx(&[row("X1", "Ai Đó", "01/01/1990", "Nam", "VP")]),
        )
        .send()
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
