//! Excel: the template the import page offers; an import with bad rows answers 422 with every
//! bad row and its reasons and writes nothing; a good file previews, then imports on
//! confirmation (once); the people list exports to a workbook in Vietnamese order.

use axum::http::StatusCode;
use time::macros::date;

use tdkt_sheets::people::COLUMNS;
use tdkt_sheets::{Cell, Column, read_rows, write_table};
use tdkt_store::people;

use crate::harness::sheets::{people_xlsx, row};
use crate::harness::{Part, Resp, TestApp, count};

async fn upload(c: &mut crate::harness::Client, name: &str, bytes: Vec<u8>) -> Resp {
    c.post("/can-bo/nhap")
        .multipart(vec![Part::file("file", name, bytes)])
        .send()
        .await
}

#[tokio::test]
async fn the_import_template_downloads_with_every_column() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let page = c.get("/can-bo/nhap").send().await.text();
    assert!(
        page.contains("href=\"/can-bo/nhap/mau.xlsx\""),
        "the page offers the template"
    );
    let r = c.get("/can-bo/nhap/mau.xlsx").send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().contains("spreadsheetml"));
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''M%E1%BA%ABu")
    );
    let rows = read_rows(&r.body).expect("a workbook");
    for h in [
        "Mã cán bộ",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã đơn vị",
        "Chức vụ",
        "Ngạch",
        "Loại",
        "Ngày bắt đầu công tác",
    ] {
        assert!(rows[0].iter().any(|c| c == h), "column {h}");
    }
    // Filled in as it comes (the example row left in), it imports nothing and says so.
    let r = upload(&mut c, "mau.xlsx", r.body.to_vec()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("không có dòng dữ liệu nào"));
}

#[tokio::test]
async fn a_file_with_bad_rows_is_refused_with_every_reason_and_nothing_is_written() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let before = app.digest().await;
    let bytes = people_xlsx(&[
        row("KHCN500", "Nguyễn Thị Mai", "05/03/1990", "Nữ", "VP"),
        row("KHCN501", "Trần Văn Nam", "31/02/1990", "Nam", "VP"),
        row("KHCN502", "Lê Văn Hùng", "01/01/1980", "Nam", "XYZ"),
        row("KHCN500", "Phạm Văn Bình", "01/01/1980", "Nam", "QLKH"),
        row("KHCN031", "Đào Thị Lan", "01/01/1985", "Nữ", "QLKH"),
        row("KHCN505", "NguyÔn V¨n A", "01/01/1985", "Nam", "QLKH"),
        row("KHCN506", "Vũ Thị Hạnh", "12/10/1993", "Nữ", "CCTDC-DL"),
    ]);
    let r = upload(&mut c, "can-bo.xlsx", bytes).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let html = r.text();
    assert!(
        html.contains("có 5 dòng sai trong 7 dòng. Chưa nhập gì."),
        "{html}"
    );
    let table = html.split("id=\"bad-rows\"").nth(1).expect("the bad rows");
    let rows: Vec<&str> = table.split("<tr><td class=\"num\">").skip(1).collect();
    let numbers: Vec<&str> = rows.iter().map(|r| r.split('<').next().unwrap()).collect();
    assert_eq!(
        numbers,
        ["3", "4", "5", "6", "7"],
        "every bad row, numbered as Excel shows it"
    );
    let reason = |n: usize| rows[n];
    assert!(reason(0).contains("Ngày sinh: “31/02/1990” không phải ngày hợp lệ"));
    assert!(reason(1).contains("không có đơn vị mã “XYZ” trong cơ quan"));
    assert!(reason(2).contains("“KHCN500” trùng với dòng 2 trong tệp"));
    assert!(reason(3).contains("“KHCN031” đã có trong hệ thống"));
    assert!(
        reason(4).contains("TCVN3"),
        "legacy encoding named: {}",
        reason(4)
    );
    assert!(
        !html.contains("action=\"/can-bo/nhap/xac-nhan\""),
        "no way to confirm a bad file"
    );
    assert_eq!(
        app.digest().await,
        before,
        "nothing written, not even the file"
    );
    assert_eq!(count(&app.db, "file_blob").await, 0);
}

#[tokio::test]
async fn a_good_file_is_previewed_then_imported_once_on_confirmation() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    // Dates as real Excel dates, as offices' sheets often hold them.
    let cols: Vec<Column> = COLUMNS
        .iter()
        .take(9)
        .map(|c| Column::new(c.header, 12.0))
        .collect();
    let person = |code: &str, name: &str, born: time::Date, unit: &str| -> Vec<Cell> {
        vec![
            code.into(),
            name.into(),
            Cell::Date(born),
            "Nữ".into(),
            unit.into(),
            "Chuyên viên".into(),
            "Chuyên viên".into(),
            "Viên chức".into(),
            Cell::Date(date!(2021 - 09 - 01)),
        ]
    };
    let bytes = write_table(
        "Cán bộ",
        Some("DANH SÁCH CÁN BỘ MỚI"),
        &cols,
        &[
            person("KHCN600", "Hoàng Thị Yến", date!(1994 - 02 - 28), "VP"),
            person("KHCN601", "Ma Thị Hồng", date!(1996 - 11 - 05), "qlkh"),
            person("KHCN602", "Bế Văn Đông", date!(1989 - 07 - 19), "CCTDC-DL"),
        ],
    )
    .unwrap();
    let people_before = count(&app.db, "person").await;
    let r = upload(&mut c, "moi.xlsx", bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let html = r.text();
    assert!(html.contains("Tệp “moi.xlsx” hợp lệ: 3 người sẵn sàng để nhập."));
    assert!(
        html.contains("Hoàng Thị Yến") && html.contains("Bế Văn Đông"),
        "the preview"
    );
    assert_eq!(
        count(&app.db, "person").await,
        people_before,
        "nothing written before confirming"
    );
    let file_id = html
        .split("name=\"file_id\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let agency = app.world.khcn.to_string();
    let confirm = [
        ("file_id", file_id.as_str()),
        ("agency_id", agency.as_str()),
    ];
    let r = c.post("/can-bo/nhap/xac-nhan").form(&confirm).send().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    assert_eq!(r.location(), Some("/can-bo"));
    let list = c.get("/can-bo").send().await.text();
    assert!(list.contains("Đã nhập 3 người từ tệp “moi.xlsx”."));
    assert_eq!(count(&app.db, "person").await, people_before + 3);
    let p = people::person_by_code(&app.db, "KHCN601")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.unit_id, Some(app.world.unit("KHCN/QLKH")));
    assert_eq!(p.birth_date, Some(date!(1996 - 11 - 05)));
    assert_eq!(p.started_on, Some(date!(2021 - 09 - 01)));
    assert_eq!(p.category, "vien_chuc");
    let audit = tdkt_store::audit::list(&app.db, None, None, 10)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|r| r.entity == "person" && r.action == "create")
            .count(),
        3
    );
    // Confirming the same file again imports no one twice.
    let r = c.post("/can-bo/nhap/xac-nhan").form(&confirm).send().await;
    assert!(r.status.is_client_error(), "{}", r.describe());
    assert_eq!(count(&app.db, "person").await, people_before + 3);
}

#[tokio::test]
async fn a_file_that_is_not_xlsx_is_named_as_such() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let r = upload(
        &mut c,
        "danh-sach.xls",
        b"\xD0\xCF\x11\xE0 old excel".to_vec(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("không phải bảng tính Excel .xlsx"));
    let r = upload(&mut c, "hong.xlsx", b"PK\x03\x04 broken".to_vec()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("Tệp “hong.xlsx”"));
}

#[tokio::test]
async fn the_people_list_exports_to_a_workbook_in_vietnamese_order() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let r = c.get("/can-bo/xuat.xlsx").send().await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().contains("spreadsheetml"));
    let rows = read_rows(&r.body).expect("a valid workbook");
    assert_eq!(
        rows[0][0],
        "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG"
    );
    assert_eq!(rows[2][..4], ["STT", "Mã cán bộ", "Họ và tên", "Ngày sinh"]);
    let names: Vec<&str> = rows[3..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        names,
        [
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
        ]
    );
    assert_eq!(rows[3][0], "1");
    assert_eq!(rows[3][3], "14/02/1985", "dates read back as dd/mm/yyyy");
    assert_eq!(rows[3][4], "Nam");
    // The export follows the list's filters, and the caller's reach.
    let r = c.get("/can-bo/xuat.xlsx?q=nguyen+van").send().await;
    assert_eq!(read_rows(&r.body).unwrap().len(), 3 + 3);
    let mut staff = app.login("canbo").await;
    let r = staff.get("/can-bo/xuat.xlsx").send().await;
    let rows = read_rows(&r.body).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3][2], "Phạm Thị Lan Anh");
    // What is exported imports back (through the template's columns).
    assert!(people_xlsx(&[]).len() > 100);
}
