//! Verdicts in the web app: the rule engine run on the stored records. A person's page shows this
//! year's verdicts with their reasons and citations; a unit's page its members' verdicts, the
//! collective titles and the quota warnings; the office filters the agency's table and exports
//! it; a unit head sees their subtree and staff themselves. The test clock reads 16/12/2024, so
//! the evaluation year is 2024.

use axum::http::StatusCode;
use serde_json::{Value, json};
use time::macros::date;

use tdkt_store::records::{self as rec, Audit, NewInitiative, NewTitle};
use tdkt_store::settings::{self, SettingScope};

use crate::harness::{Client, TestApp};

/// Records for the tests, written through the store as the forms would.
struct Records<'a> {
    app: &'a TestApp,
}

impl Records<'_> {
    async fn rating(&self, code: &str, year: i32, rating: &str) {
        let id = self.app.world.person(code);
        let mut tx = self.app.db.begin().await.unwrap();
        rec::set_rating(
            &mut tx,
            &self.app.ctx("vanphong"),
            Audit::Yes,
            id,
            year,
            rating,
            None,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    async fn unit_rating(&self, key: &str, year: i32, rating: &str) {
        let id = self.app.world.unit(key);
        let mut tx = self.app.db.begin().await.unwrap();
        rec::set_unit_rating(
            &mut tx,
            &self.app.ctx("vanphong"),
            Audit::Yes,
            id,
            year,
            rating,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    async fn initiative(&self, code: &str, initiative: &str, year: i32) {
        let mut tx = self.app.db.begin().await.unwrap();
        rec::add_initiative(
            &mut tx,
            &self.app.ctx("vanphong"),
            Audit::Yes,
            &NewInitiative {
                code: initiative,
                person_id: self.app.world.person(code),
                year,
                kind: "initiative",
                scope: "co_so",
                title: "Số hoá hồ sơ thi đua",
                recognition_ref: None,
                recognized_on: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    async fn title(&self, code: &str, title: &str, year: i32) {
        let mut tx = self.app.db.begin().await.unwrap();
        let t = NewTitle {
            person_id: Some(self.app.world.person(code)),
            year,
            code: title,
            ..Default::default()
        };
        rec::add_title(&mut tx, &self.app.ctx("vanphong"), Audit::Yes, &t)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    async fn pending(&self, code: &str) {
        let id = self.app.world.person(code);
        let mut tx = self.app.db.begin().await.unwrap();
        rec::add_pending(
            &mut tx,
            &self.app.ctx("vanphong"),
            Audit::Yes,
            id,
            "complaint",
            date!(2024 - 11 - 18),
            None,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
}

/// Phòng Quản lý khoa học in 2024: rated HTTNV; Vinh and Lan Anh HTTNV, An HTXSNV with an
/// initiative (CSTĐCS on the ground HTXSNV). One HTXSNV among three rated HTTNV or above exceeds
/// the 20% quota (limit floor(0.2 × 3) = 0).
async fn qlkh_2024(app: &TestApp) {
    let r = Records { app };
    r.unit_rating("KHCN/QLKH", 2024, "HTTNV").await;
    r.rating("KHCN030", 2024, "HTTNV").await;
    r.rating("KHCN031", 2024, "HTTNV").await;
    r.rating("KHCN032", 2024, "HTXSNV").await;
    r.initiative("KHCN032", "SK-2024-032", 2024).await;
}

/// The HTML of one verdict block of a page (`id="xkt-CODE"` up to the next block).
fn block(html: &str, code: &str) -> String {
    let start = html
        .find(&format!("id=\"xkt-{code}\""))
        .unwrap_or_else(|| panic!("no verdict block for {code}"));
    let rest = &html[start..];
    let end = rest[1..]
        .find("<div class=\"verdict\"")
        .map_or(rest.len(), |e| e + 1);
    rest[..end].to_owned()
}

async fn person_verdicts(c: &mut Client, id: i64) -> Value {
    let r = c.get(&format!("/api/v1/people/{id}/verdicts")).send().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.describe());
    r.json()
}

/// The staff codes in the office table.
fn table_codes(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=\"verdicts-people\"") else {
        return vec![];
    };
    let body = &html[start..html[start..].find("</table>").unwrap() + start];
    body.split("<tr><td>")
        .skip(1)
        .filter_map(|s| s.split('<').next().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn htxsnv_and_an_initiative_make_a_cstdcs_with_its_citation() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    // A title already recorded for 2024 is not passed to the engine, which computes the year.
    Records { app: &app }.title("KHCN032", "LDTT", 2024).await;
    let mut c = app.login("vanphong").await;
    let an = app.world.person("KHCN032");
    let page = c.get(&format!("/can-bo/{an}")).send().await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.describe());
    let html = page.text();
    assert!(html.contains("Xét khen thưởng năm 2024"));
    let cstdcs = block(&html, "CSTDCS");
    assert!(
        cstdcs.contains("Chiến sĩ thi đua cơ sở — <span class=\"ok\">Đủ điều kiện</span>"),
        "{cstdcs}"
    );
    assert!(cstdcs.contains("Giám đốc Sở quyết định"));
    assert!(cstdcs.contains("căn cứ: Hoàn thành xuất sắc nhiệm vụ"));
    assert!(
        cstdcs.contains("Luật Thi đua, khen thưởng 2022, Điều 23"),
        "{cstdcs}"
    );
    // A proposal upward, not eligible: the failed condition is highlighted, and the ladder ahead
    // says what is missing.
    let tinh = block(&html, "CSTD_TINH");
    assert!(tinh.contains("Chưa đủ điều kiện"));
    assert!(tinh.contains("Đề nghị Chủ tịch UBND tỉnh quyết định"));
    assert!(tinh.contains("<li class=\"bad\">"));
    assert!(html.contains("Lộ trình phía trước"));
    // No decision date known: no money.
    assert!(!cstdcs.contains("tiền thưởng"));

    let v = person_verdicts(&mut c, an).await;
    let verdicts = v["people"][0]["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), 8);
    let cstdcs = verdicts.iter().find(|x| x["code"] == "CSTDCS").unwrap();
    assert_eq!(cstdcs["verdict"], "eligible");
    assert_eq!(cstdcs["ground"], "HTXSNV");
    assert!(
        cstdcs["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["citation"] == "Luật Thi đua, khen thưởng 2022, Điều 23")
    );
}

#[tokio::test]
async fn the_reward_shows_once_the_decision_date_is_set() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    let mut tx = app.db.begin().await.unwrap();
    settings::set(
        &mut tx,
        &app.ctx("vanphong"),
        SettingScope::Agency(app.world.khcn),
        tdkt_web::verdicts::load::SETTING_KEY,
        &json!({ "decision_dates": { "2024": "2024-12-20" } }),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut c = app.login("vanphong").await;
    let html = c
        .get(&format!("/can-bo/{}", app.world.person("KHCN032")))
        .send()
        .await
        .text();
    // LĐTT 0.3 × 2,340,000 = 702,000, rounded up to 710,000; CSTĐCS 1.0 × 2,340,000.
    assert!(html.contains("710.000 đồng"), "LĐTT reward");
    assert!(html.contains("2.340.000 đồng"), "CSTĐCS reward");
    assert!(html.contains("ngày quyết định 20/12/2024"));
}

#[tokio::test]
async fn a_pending_case_defers_every_code() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    Records { app: &app }.pending("KHCN031").await;
    let mut c = app.login("vanphong").await;
    let id = app.world.person("KHCN031");
    let v = person_verdicts(&mut c, id).await;
    let verdicts = v["people"][0]["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), 8);
    assert!(verdicts.iter().all(|x| x["verdict"] == "deferred"), "{v}");
    let html = c.get(&format!("/can-bo/{id}")).send().await.text();
    assert_eq!(
        html.matches("<span class=\"badge warn\">Hoãn xét</span>")
            .count(),
        8
    );
    // Nothing is "ahead" of a deferred person: the decision waits for the case.
    assert!(!html.contains("Lộ trình phía trước"));
}

#[tokio::test]
async fn the_unit_page_shows_members_collective_titles_and_the_quota_warning() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    let mut c = app.login("vanphong").await;
    let qlkh = app.world.unit("KHCN/QLKH");
    let page = c.get(&format!("/don-vi/{qlkh}")).send().await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.describe());
    let html = page.text();
    let ttldtt = block(&html, "TTLDTT");
    assert!(
        ttldtt.contains("Tập thể lao động tiên tiến — <span class=\"ok\">Đủ điều kiện</span>"),
        "{ttldtt}"
    );
    assert!(ttldtt.contains("3/3 thành viên đạt Lao động tiên tiến"));
    assert!(ttldtt.contains("Luật Thi đua, khen thưởng 2022, Điều 28"));
    // TTLĐXS needs the unit rated HTXSNV.
    assert!(block(&html, "TTLDXS").contains("Chưa đủ điều kiện"));
    // The quota warns with its numbers and asks for a justification; nobody is dropped.
    assert!(
        html.contains("cần giải trình bằng văn bản"),
        "quota warning"
    );
    assert!(html.contains("HTXSNV: 1 / giới hạn 0"));
    // The members' table links each person, with a mark per verdict.
    let members = &html[html.find("class=\"verdicts-members\"").unwrap()..];
    let an = app.world.person("KHCN032");
    assert!(members.contains(&format!(
        "href=\"/can-bo/{an}#xet-khen-thuong\">Nguyễn Văn An"
    )));
    assert!(members.contains("title=\"Chiến sĩ thi đua cơ sở: Đủ điều kiện\">✓"));
    assert_eq!(table_codes_in(members), ["KHCN032", "KHCN031", "KHCN030"]);
}

/// The staff codes of the members' table.
fn table_codes_in(html: &str) -> Vec<String> {
    let body = &html[..html.find("</table>").unwrap()];
    body.split("<tr><td>")
        .skip(1)
        .filter_map(|s| s.split('<').next().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_office_filters_the_agency_and_exports_it() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    let mut c = app.login("vanphong").await;
    let all = c.get("/xet-khen-thuong").send().await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.describe());
    let html = all.text();
    assert!(html.contains("Xét khen thưởng năm 2024"));
    assert!(
        html.contains("href=\"/xet-khen-thuong\""),
        "a navigation item"
    );
    // The whole agency, not another agency's staff.
    let codes = table_codes(&html);
    assert_eq!(codes.len(), 10, "{codes:?}");
    assert!(codes.iter().all(|c| c.starts_with("KHCN")));

    let eligible = c
        .get("/xet-khen-thuong?nam=2024&code=CSTDCS&verdict=eligible")
        .send()
        .await;
    assert_eq!(table_codes(&eligible.text()), ["KHCN032"]);
    let not = c
        .get("/xet-khen-thuong?code=LDTT&verdict=not_eligible")
        .send()
        .await;
    assert_eq!(
        table_codes(&not.text()).len(),
        7,
        "the people without a 2024 rating"
    );
    let qlkh = app.world.unit("KHCN/QLKH");
    let unit = c.get(&format!("/xet-khen-thuong?unit={qlkh}")).send().await;
    assert_eq!(table_codes(&unit.text()), ["KHCN032", "KHCN031", "KHCN030"]);
    let found = c.get("/xet-khen-thuong?q=LE+quang++VINH").send().await;
    assert_eq!(
        table_codes(&found.text()),
        ["KHCN030"],
        "search without diacritics"
    );
    let found = c.get("/xet-khen-thuong?q=khcn03").send().await;
    assert_eq!(table_codes(&found.text()).len(), 3, "by staff code");
    let bad = c.get("/xet-khen-thuong?code=XYZ").send().await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let other = c
        .get(&format!(
            "/xet-khen-thuong?unit={}",
            app.world.unit("TTTT/VP")
        ))
        .send()
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "another agency's unit");

    let x = c
        .get("/xet-khen-thuong/xuat.xlsx?nam=2024&code=CSTDCS&verdict=eligible")
        .send()
        .await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.content_type().contains("spreadsheetml"));
    let rows = tdkt_sheets::read_rows(&x.body).expect("a valid xlsx");
    assert!(rows[0][0].starts_with("KẾT QUẢ XÉT KHEN THƯỞNG NĂM 2024"));
    let header = &rows[2];
    assert_eq!(&header[..3], ["STT", "Mã cán bộ", "Họ và tên"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let data = &rows[3..];
    assert_eq!(data.len(), 1);
    assert_eq!(data[0][1], "KHCN032");
    assert_eq!(data[0][col("Chiến sĩ thi đua cơ sở")], "Đủ điều kiện");
    assert_eq!(
        data[0][col("CSTĐCS — thẩm quyền")],
        "Giám đốc Sở quyết định"
    );
    assert_eq!(
        data[0][col("CSTĐCS — căn cứ, điều kiện chưa đạt")],
        "Căn cứ: Hoàn thành xuất sắc nhiệm vụ"
    );
    // The API answers the same question.
    let api = c
        .get("/api/v1/verdicts?year=2024&code=CSTDCS&verdict=eligible")
        .send()
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let v = api.json();
    assert_eq!(v["rule_set"], "2024");
    assert_eq!(v["review_date"], "2024-12-15");
    assert_eq!(v["people"].as_array().unwrap().len(), 1);
    assert_eq!(v["warnings"][0]["code"], "HTXSNV");
    assert_eq!(v["warnings"][0]["limit"], 0);
    assert_eq!(v["warnings"][0]["actual"], 1);
}

#[tokio::test]
async fn a_unit_head_sees_their_subtree_and_staff_themselves() {
    let app = TestApp::new().await;
    qlkh_2024(&app).await;
    // The head of the Chi cục: the Chi cục and the unit under it.
    let mut head = app.login("truongphong").await;
    let html = head.get("/xet-khen-thuong").send().await.text();
    let mut codes = table_codes(&html);
    codes.sort();
    assert_eq!(codes, ["KHCN040", "KHCN041", "KHCN042"]);
    assert!(
        !html.contains("Phòng Quản lý khoa học"),
        "no unit outside the subtree"
    );
    let qlkh = app.world.unit("KHCN/QLKH");
    let out = head
        .get(&format!("/xet-khen-thuong?unit={qlkh}"))
        .send()
        .await;
    assert_eq!(out.status, StatusCode::NOT_FOUND);
    let out = head
        .get(&format!("/api/v1/verdicts?unit_id={qlkh}"))
        .send()
        .await;
    assert_eq!(out.status, StatusCode::NOT_FOUND);
    let an = app.world.person("KHCN032");
    let out = head
        .get(&format!("/api/v1/people/{an}/verdicts"))
        .send()
        .await;
    assert_eq!(out.status, StatusCode::NOT_FOUND);
    let api = head.get("/api/v1/verdicts").send().await.json();
    assert_eq!(api["people"].as_array().unwrap().len(), 3);
    assert!(
        api["warnings"].as_array().unwrap().is_empty(),
        "QLKH's warning is not theirs"
    );

    // Staff: their own verdicts, nobody else's; no navigation item for the office's table.
    let mut staff = app.login("canbo").await;
    let own = app.world.person("KHCN031");
    let html = staff.get("/xet-khen-thuong").send().await.text();
    assert_eq!(table_codes(&html), ["KHCN031"]);
    assert!(!html.contains("href=\"/xet-khen-thuong\""));
    assert!(!html.contains("class=\"verdicts-units\""), "no unit");
    let page = staff.get(&format!("/can-bo/{own}")).send().await.text();
    assert!(page.contains("Xét khen thưởng năm 2024"));
    let out = staff
        .get(&format!("/api/v1/people/{an}/verdicts"))
        .send()
        .await;
    assert_eq!(out.status, StatusCode::NOT_FOUND);

    // The administrator may open a profile but not the records: no verdicts there.
    let mut admin = app.login("admin").await;
    let page = admin.get(&format!("/can-bo/{an}")).send().await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("Xét khen thưởng năm"));
    assert_eq!(
        admin.get("/xet-khen-thuong").send().await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn verdicts_follow_the_records_at_once() {
    let app = TestApp::new().await;
    let mut c = app.login("vanphong").await;
    let an = app.world.person("KHCN032");
    let ldtt = |v: &Value| {
        v["people"][0]["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == "LDTT")
            .unwrap()["verdict"]
            .clone()
    };
    assert_eq!(
        ldtt(&person_verdicts(&mut c, an).await),
        "not_eligible",
        "not rated yet"
    );
    Records { app: &app }.rating("KHCN032", 2024, "HTTNV").await;
    assert_eq!(
        ldtt(&person_verdicts(&mut c, an).await),
        "eligible",
        "nothing cached"
    );
    // Another year on request; before the rule sets, refused.
    let r = c
        .get(&format!("/api/v1/people/{an}/verdicts?year=2023"))
        .send()
        .await;
    assert_eq!(r.json()["rule_set"], "2017");
    let r = c
        .get(&format!("/api/v1/people/{an}/verdicts?year=2017"))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

/// How long an agency of 150 people with five years of records takes: `cargo test -p tdkt-web
/// --test integration -- --ignored --nocapture verdicts_of_150_people` (add `--release` for the
/// figure that matters). Nothing is cached, so every page pays this.
#[tokio::test]
#[ignore]
async fn verdicts_of_150_people() {
    let app = TestApp::new().await;
    let units = ["KHCN/VP", "KHCN/QLKH", "KHCN/CCTDC", "KHCN/CCTDC-DL"];
    let ratings = ["HTTNV", "HTTNV", "HTTNV", "HTXSNV", "HTNV"];
    let ctx = app.ctx("vanphong");
    for i in 0..140 {
        let code = format!("KHCN5{i:02}");
        let id = app
            .fresh_person(
                app.world.unit(units[i % units.len()]),
                &code,
                "Nguyễn Thị Bench",
            )
            .await;
        let mut tx = app.db.begin().await.unwrap();
        for (k, year) in (2020..=2024).enumerate() {
            let r = ratings[(i + k) % ratings.len()];
            rec::set_rating(&mut tx, &ctx, Audit::No, id, year, r, None)
                .await
                .unwrap();
            if r == "HTXSNV" && year < 2024 {
                let t = NewTitle {
                    person_id: Some(id),
                    year,
                    code: "CSTDCS",
                    ground: Some("HTXSNV"),
                    ..Default::default()
                };
                rec::add_title(&mut tx, &ctx, Audit::No, &t).await.unwrap();
            }
        }
        let ini = NewInitiative {
            code: &format!("SK-B-{i}"),
            person_id: id,
            year: 2023,
            kind: "initiative",
            scope: "co_so",
            title: "Sáng kiến",
            recognition_ref: None,
            recognized_on: None,
        };
        rec::add_initiative(&mut tx, &ctx, Audit::No, &ini)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    for u in units {
        Records { app: &app }.unit_rating(u, 2024, "HTTNV").await;
    }
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let v = tdkt_web::verdicts::evaluate_agency(
            &app.db,
            app.world.khcn,
            2024,
            crate::harness::db::TODAY,
        )
        .await
        .unwrap();
        times.push(t.elapsed());
        assert_eq!(v.people.len(), 150);
    }
    times.sort();
    let mut c = app.login("vanphong").await;
    let mut pages = Vec::new();
    for _ in 0..10 {
        let t = std::time::Instant::now();
        assert_eq!(
            c.get("/xet-khen-thuong").send().await.status,
            StatusCode::OK
        );
        pages.push(t.elapsed());
    }
    pages.sort();
    eprintln!(
        "150 people: evaluate_agency median {:?} (min {:?}); the office page median {:?}",
        times[10], times[0], pages[5]
    );
}
