//! The plan's editor, as the Office uses it: a refused form, or one that asks for one more row,
//! shows again what was typed (every row, even a date that does not parse), and saves nothing.

use axum::http::StatusCode;

use crate::harness::TestApp;

/// A whole editor form: the 2025 plan with its four deadlines; `deadline_dates` in order
/// registration, mid-year report, year-end report, rating.
fn form(deadline_dates: [&str; 4], extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(&str, &str)> = vec![
        ("summary", "Phát động phong trào thi đua năm 2025"),
        ("place", "Bắc Giang"),
        ("governing_body", "UBND TỈNH BẮC GIANG"),
        ("issuing_body", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        ("signer_authority", "KT. GIÁM ĐỐC"),
        ("signer_position", "PHÓ GIÁM ĐỐC"),
        ("signer_name", "Triệu Ngọc Trung"),
        (
            "recipients",
            "Sở Nội vụ\nCác phòng, đơn vị thuộc Sở (để thực hiện)",
        ),
        ("archive", "VT, VP"),
        ("block_kind", "h1"),
        ("block_number", "I."),
        ("block_text", "MỤC ĐÍCH, YÊU CẦU"),
        ("phase_name", "Đợt thi đua thứ nhất"),
        ("phase_start", "01/01/2025"),
        ("phase_end", "30/06/2025"),
        ("phase_review", "Sơ kết 6 tháng đầu năm 2025"),
    ];
    let kinds = [
        "registration",
        "mid_year_report",
        "year_end_report",
        "rating",
    ];
    let texts = [
        "Đăng ký thi đua (lùi sau Tết Ất Tỵ)",
        "Gửi báo cáo sơ kết",
        "Gửi báo cáo tổng kết",
        "Xếp loại chất lượng năm 2025",
    ];
    for i in 0..4 {
        f.push(("deadline_kind", kinds[i]));
        f.push(("deadline_date", deadline_dates[i]));
        f.push(("deadline_description", texts[i]));
    }
    f.extend_from_slice(&[
        ("movement_kind", "regular"),
        ("movement_name", "Phong trào thi đua của Sở năm 2025"),
        ("movement_start", "01/01/2025"),
        ("movement_end", "31/12/2025"),
        (
            "movement_criteria",
            "Hoàn thành tốt nhiệm vụ\nĐẩy mạnh chuyển đổi số",
        ),
    ]);
    f.extend_from_slice(extra);
    f.into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The value of the input with this id in a page.
fn value_of(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let tag = &html[html[..at].rfind('<').unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let v = &tag[tag
        .find("value=\"")
        .unwrap_or_else(|| panic!("#{id} has no value: {tag}"))
        + 7..];
    v[..v.find('"').unwrap()]
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
}

#[tokio::test]
async fn a_refused_plan_form_shows_again_what_was_typed_and_saves_nothing() {
    let app = TestApp::new().await;
    let mut vp = app.login("vanphong").await;
    let r = vp
        .post("/ke-hoach")
        .form(&[("year", "2025"), ("agency_id", &app.world.khcn.to_string())])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let edit = r.location().unwrap().to_owned();
    let id = edit
        .trim_start_matches("/ke-hoach/")
        .trim_end_matches("/sua")
        .to_owned();
    let stored = vp.get(&edit).send().await.text();
    let stored_registration = value_of(&stored, "dd0");
    assert_eq!(stored_registration, "31/01/2025");

    // A registration deadline outside the plan's year and a year-end date that is no date.
    let r = vp
        .post(&format!("/ke-hoach/{id}"))
        .form_owned(form(
            ["14/02/2024", "05/06/2025", "5/13/2025", "15/12/2025"],
            &[],
        ))
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let page = r.text();
    assert!(page.contains("nằm ngoài năm của kế hoạch (2025)"), "{page}");
    assert!(page.contains("không phải ngày hợp lệ"), "{page}");
    // Every row as typed, not as stored.
    assert_eq!(value_of(&page, "dd0"), "14/02/2024");
    assert_eq!(value_of(&page, "dd2"), "5/13/2025");
    assert_eq!(value_of(&page, "ds3"), "Xếp loại chất lượng năm 2025");
    assert_eq!(value_of(&page, "pr0"), "Sơ kết 6 tháng đầu năm 2025");
    assert_eq!(value_of(&page, "mn0"), "Phong trào thi đua của Sở năm 2025");
    assert!(
        !page.contains("id=\"pn1\""),
        "the stored second phase is not shown"
    );
    assert!(page.contains("Đẩy mạnh chuyển đổi số"), "{page}");
    assert!(page.contains("lùi sau Tết Ất Tỵ"), "{page}");
    // Nothing saved.
    let again = vp.get(&edit).send().await.text();
    assert_eq!(value_of(&again, "dd0"), stored_registration);
    assert!(again.contains("id=\"pn1\""));

    // Asking for one more deadline keeps what was typed, and adds an empty row.
    let r = vp
        .post(&format!("/ke-hoach/{id}"))
        .form_owned(form(
            ["14/02/2025", "05/06/2025", "5/13/2025", "15/12/2025"],
            &[("add", "deadline")],
        ))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    let page = r.text();
    assert_eq!(value_of(&page, "dd0"), "14/02/2025");
    assert_eq!(value_of(&page, "dd2"), "5/13/2025");
    assert_eq!(value_of(&page, "dd4"), "31/12/2025");
    assert_eq!(value_of(&page, "ds4"), "");

    // Corrected, it saves.
    let r = vp
        .post(&format!("/ke-hoach/{id}"))
        .form_owned(form(
            ["14/02/2025", "05/06/2025", "05/11/2025", "15/12/2025"],
            &[],
        ))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let saved = vp.get(&edit).send().await.text();
    assert_eq!(value_of(&saved, "dd0"), "14/02/2025");
    assert_eq!(value_of(&saved, "dd2"), "05/11/2025");
    assert!(!saved.contains("id=\"pn1\""));
}

/// A refused publication shows the plan's page again with the reason beside the form, once, and
/// what was typed; the plan stays a draft.
#[tokio::test]
async fn a_refused_publication_shows_the_plan_again_with_its_reason() {
    let app = TestApp::new().await;
    let mut vp = app.login("vanphong").await;
    let r = vp
        .post("/ke-hoach")
        .form(&[("year", "2025"), ("agency_id", &app.world.khcn.to_string())])
        .send()
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.describe());
    let id = r
        .location()
        .unwrap()
        .trim_start_matches("/ke-hoach/")
        .trim_end_matches("/sua")
        .to_owned();
    let r = vp
        .post(&format!("/ke-hoach/{id}/phat-dong"))
        .form(&[("number", "5"), ("issued_on", "10/01/2023")])
        .send()
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.describe()
    );
    let page = r.text();
    let reason = "Ngày ban hành: phải trong năm 2025 hoặc cuối năm trước";
    assert_eq!(page.matches(reason).count(), 1, "{page}");
    assert!(page.contains("Chưa phát động được vì:"), "{page}");
    assert_eq!(value_of(&page, "issued_on"), "10/01/2023");
    assert_eq!(value_of(&page, "number"), "5");
    assert!(
        page.contains("Phát động kế hoạch"),
        "the form is still there"
    );
    let shown = vp.get(&format!("/ke-hoach/{id}")).send().await.text();
    assert!(shown.contains("Dự thảo"), "still a draft: {shown}");
}
