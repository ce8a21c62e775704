//! Backup and restore: a backup of the test's database (SQLite, or PostgreSQL when
//! TEST_DATABASE_URL is set) is one SQLite file; restored into a fresh database it holds every
//! row of every table, value for value; a database that holds data is not overwritten unless
//! forced. The restored database is a working tdkt (sessions, the audit chain, new ids).

use axum::http::StatusCode;
use serde_json::json;
use time::macros::date;

use tdkt_store::backup::{self, TABLES};
use tdkt_store::records::{self, Audit, NewAward, NewInitiative, NewTitle};
use tdkt_store::settings::{self, SettingScope};
use tdkt_store::{Db, audit, jobs};
use tdkt_web::{AppState, WebConfig};

use crate::harness::dump::{PgTypes, dump_table, exec_at, pg_types};
use crate::harness::{Client, PASSWORD, TestApp, TestDb, count, test_clock};

/// The tables of the foundation (schema 0001), which [`fill_every_table`] fills. Later tables
/// are compared too, empty or not.
const FOUNDATION: &[&str] = &[
    "governing_body",
    "cluster",
    "agency",
    "cluster_head",
    "unit",
    "unit_name",
    "agency_name",
    "org_event",
    "person",
    "person_unit",
    "app_user",
    "user_role",
    "session",
    "login_failure",
    "api_token",
    "audit_log",
    "audit_head",
    "file_blob",
    "job",
    "counter",
    "setting",
    "holiday",
    "person_rating",
    "unit_rating",
    "initiative",
    "title",
    "award",
    "discipline",
    "absence",
    "pending_case",
];

/// Puts a row into every table of the foundation that the world leaves empty, through the app and the store.
async fn fill_every_table(app: &TestApp) {
    let mut office = app.login("vanphong").await;
    let mut other = app.client();
    other.login("vanphong", "sai").await; // a failed login
    office
        .post("/tai-khoan/token")
        .form(&[("name", "sao lưu")])
        .send()
        .await;
    let qlkh = app.world.unit("KHCN/QLKH").to_string();
    office
        .post(&format!(
            "/don-vi/{}/sap-nhap",
            app.world.unit("KHCN/CCTDC-DL")
        ))
        .form(&[
            ("into", &app.world.unit("KHCN/CCTDC").to_string()),
            ("on", "01/01/2025"),
        ])
        .send()
        .await;
    office
        .post(&format!("/can-bo/{}/chuyen", app.world.person("KHCN011")))
        .form(&[("unit_id", qlkh.as_str()), ("on", "01/02/2025")])
        .send()
        .await;
    app.put_file(
        Some("vanphong"),
        "tệp đính kèm.pdf",
        b"%PDF-1.7 \x00\x01\xff binary",
    )
    .await;

    let ctx = app.ctx("vanphong");
    let p = app.world.person("KHCN031");
    let u = app.world.unit("KHCN/QLKH");
    let mut tx = app.db.begin().await.unwrap();
    records::set_rating(&mut tx, &ctx, Audit::Yes, p, 2023, "HTXSNV", Some(u))
        .await
        .unwrap();
    records::set_unit_rating(&mut tx, &ctx, Audit::Yes, u, 2023, "HTXSNV")
        .await
        .unwrap();
    let initiative = records::add_initiative(
        &mut tx,
        &ctx,
        Audit::Yes,
        &NewInitiative {
            code: "SK-2023-01",
            person_id: p,
            year: 2023,
            kind: "initiative",
            scope: "co_so",
            title: "Số hoá hồ sơ nhiệm vụ khoa học và công nghệ",
            recognition_ref: Some("Quyết định 301/QĐ-KHCN"),
            recognized_on: Some(date!(2023 - 11 - 20)),
        },
    )
    .await
    .unwrap();
    records::add_title(
        &mut tx,
        &ctx,
        Audit::Yes,
        &NewTitle {
            person_id: Some(p),
            year: 2023,
            code: "CSTDCS",
            ground: Some("initiative"),
            initiative_id: Some(initiative),
            decision_no: Some("512/QĐ-KHCN"),
            decided_on: Some(date!(2023 - 12 - 25)),
            issuer: Some("Giám đốc Sở KH&CN"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    records::add_award(
        &mut tx,
        &ctx,
        Audit::Yes,
        &NewAward {
            person_id: Some(p),
            code: "BK_TINH",
            kind: "cong_trang",
            decided_on: Some(date!(2022 - 01 - 20)),
            period_to_year: Some(2021),
            decision_no: Some("85/QĐ-UBND"),
            issuer: Some("Chủ tịch UBND tỉnh"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let q = app.world.person("KHCN032");
    records::add_discipline(
        &mut tx,
        &ctx,
        Audit::Yes,
        q,
        "khien_trach",
        date!(2022 - 03 - 01),
        None,
        Some("ghi chú"),
    )
    .await
    .unwrap();
    records::add_absence(
        &mut tx,
        &ctx,
        Audit::Yes,
        q,
        date!(2023 - 01 - 01),
        date!(2023 - 06 - 30),
        "maternity",
        None,
    )
    .await
    .unwrap();
    records::add_pending(
        &mut tx,
        &ctx,
        Audit::Yes,
        q,
        "inspection",
        date!(2024 - 10 - 01),
        None,
    )
    .await
    .unwrap();
    settings::set(
        &mut tx,
        &ctx,
        SettingScope::Agency(app.world.khcn),
        "thu_tuc.han",
        &json!({ "ngay": 15 }),
    )
    .await
    .unwrap();
    settings::next_number(&mut tx, "KHCN", 2024, "quyet_dinh")
        .await
        .unwrap();
    let now = app.clock.now();
    jobs::enqueue(
        &mut tx,
        "thu_nghiem",
        Some("mot-lan"),
        &json!({ "x": 1 }),
        now,
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    exec_at(
        &app.db,
        "INSERT INTO holiday (day, name) VALUES ('2025-01-29', 'Tết Nguyên đán') ",
        now,
    )
    .await;
}

/// Every table of both databases, row by row. `types` reads an SQLite copy of a PostgreSQL
/// database with the source's column types.
async fn assert_same_rows(a: &Db, b: &Db, types: Option<&PgTypes>) -> usize {
    let mut rows = 0;
    for t in TABLES {
        let (ca, ra) = dump_table(a, t, None).await;
        let (cb, rb) = dump_table(b, t, types).await;
        if !ra.is_empty() && !rb.is_empty() {
            assert_eq!(ca, cb, "{t}: the same columns");
        }
        assert_eq!(ra.len(), rb.len(), "{t}: the same number of rows");
        for (x, y) in ra.iter().zip(&rb) {
            assert_eq!(x, y, "{t}: row for row");
        }
        rows += ra.len();
    }
    rows
}

#[tokio::test]
async fn a_backup_restored_into_a_fresh_sqlite_database_loses_nothing() {
    let app = TestApp::new().await;
    fill_every_table(&app).await;
    for t in FOUNDATION {
        assert!(
            count(&app.db, t).await > 0,
            "{t} holds something to back up"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.db");
    backup::backup(&app.db, &app.clock, &file)
        .await
        .expect("backup");
    assert!(file.is_file());

    let target = TestDb::fresh_sqlite();
    let restored = Db::connect(&target.config).await.unwrap();
    let n = backup::restore(&restored, &app.clock, &file, false)
        .await
        .expect("restore");
    assert!(n > 100, "{n} rows copied");
    let types = pg_types(&app.db).await;
    let rows = assert_same_rows(&app.db, &restored, types.as_ref()).await;
    assert!(rows as u64 >= n - 1, "{rows} rows compared");
    assert_eq!(
        audit::verify_chain(&restored).await.unwrap(),
        None,
        "the audit chain holds"
    );

    // The restored database is a working tdkt: the same accounts sign in and see the same lists.
    let state = AppState::new(restored.clone(), test_clock(), WebConfig::default());
    let mut c = Client::new(tdkt_web::app(state));
    assert_eq!(
        c.login("vanphong", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let mut before = app.login("vanphong").await;
    let list = |html: String| html.split("<tbody>").nth(1).unwrap_or("").to_owned();
    assert_eq!(
        list(c.get("/can-bo").send().await.text()),
        list(before.get("/can-bo").send().await.text())
    );
    // New rows get new ids.
    let r = c
        .post("/don-vi")
        .form(&[("code", "MOI"), ("name", "Phòng mới sau khôi phục")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
}

#[tokio::test]
async fn a_backup_restores_into_the_backend_under_test_and_ids_continue() {
    // From the embedded database to PostgreSQL (when TEST_DATABASE_URL is set): the way to move.
    let app = TestApp::new().await;
    fill_every_table(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.db");
    backup::backup(&app.db, &app.clock, &file).await.unwrap();
    let target = TestDb::fresh().await;
    let restored = Db::connect(&target.config).await.unwrap();
    backup::restore(&restored, &app.clock, &file, false)
        .await
        .expect("restore");
    assert_same_rows(&app.db, &restored, None).await;
    let state = AppState::new(restored.clone(), test_clock(), WebConfig::default());
    let mut c = Client::new(tdkt_web::app(state));
    c.login("vanphong", PASSWORD).await;
    let vp = app.world.unit("KHCN/VP").to_string();
    let r = c
        .post("/can-bo")
        .form(&[
            ("code", "KHCN700"),
            ("full_name", "Người Sau Khôi Phục"),
            ("category", "cong_chuc"),
            ("unit_id", &vp),
        ])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "identity columns continue after the restored ids: {}",
        r.describe()
    );
    let r = c
        .post("/api/v1/units")
        .json(json!({ "code": "MOI", "name": "Phòng mới" }))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.describe());
}

#[tokio::test]
async fn restoring_over_data_is_refused_unless_forced() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.db");
    backup::backup(&app.db, &app.clock, &file).await.unwrap();
    let snapshot = TestDb::fresh_sqlite();
    let snapshot_db = Db::connect(&snapshot.config).await.unwrap();
    backup::restore(&snapshot_db, &app.clock, &file, false)
        .await
        .unwrap();

    // Things change after the backup.
    let mut c = app.login("vanphong").await;
    let r = c
        .post("/don-vi")
        .form(&[("code", "SAU"), ("name", "Phòng lập sau sao lưu")])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let before = app.digest().await;
    let err = backup::restore(&app.db, &app.clock, &file, false)
        .await
        .expect_err("a database with data is not overwritten");
    assert!(err.to_string().contains("đã có dữ liệu"), "{err}");
    assert_eq!(app.digest().await, before, "refused, nothing changed");

    backup::restore(&app.db, &app.clock, &file, true)
        .await
        .expect("forced");
    let types = pg_types(&app.db).await;
    assert_same_rows(&app.db, &snapshot_db, types.as_ref()).await;
    assert!(
        tdkt_store::org::unit_by_code(&app.db, app.world.khcn, "SAU")
            .await
            .unwrap()
            .is_none(),
        "back to the backup's state"
    );
    // A file that is not a tdkt backup is refused with a message.
    let junk = dir.path().join("khong-phai.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(
        backup::restore(&app.db, &app.clock, &junk, true)
            .await
            .is_err()
    );
}
