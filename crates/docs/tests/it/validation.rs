//! Bad input gives a Vietnamese message naming the field, and nothing is rendered.

use tdkt_docs::plan::{Deadline, DeadlineKind, Plan, seed_plan_khcn_2024};
use tdkt_docs::{Block, Error, Inline, ValidationErrors};
use time::macros::date;

fn seed() -> Plan {
    seed_plan_khcn_2024().expect("parses")
}

fn errors(r: Result<(), ValidationErrors>) -> Vec<(String, String)> {
    r.expect_err("invalid")
        .0
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

#[test]
fn a_plan_needs_a_designated_signer() {
    let mut plan = seed();
    plan.signer = None;
    let e = errors(plan.validate());
    assert_eq!(
        e,
        [(
            "signer".to_owned(),
            "Người ký: chưa chỉ định người ký kế hoạch.".to_owned()
        )]
    );
    assert!(plan.to_document().is_err(), "no document without a signer");

    let mut plan = seed();
    if let Some(s) = plan.signer.as_mut() {
        s.name = "  ".into();
    }
    let e = errors(plan.validate());
    assert_eq!(e[0].0, "signer.name");
    assert!(e[0].1.starts_with("Người ký – họ tên"), "{}", e[0].1);
}

#[test]
fn phases_and_deadlines_stay_inside_the_plan_year() {
    let mut plan = seed();
    plan.phases[1].end = date!(2025 - 01 - 15);
    plan.deadlines.push(Deadline {
        kind: DeadlineKind::Other,
        date: date!(2023 - 12 - 31),
        description: "Gửi danh sách".into(),
        actor: None,
    });
    let e = errors(plan.validate());
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(e[0].0, "phases[1].end");
    assert_eq!(
        e[0].1,
        "Đợt thi đua 2 – ngày kết thúc: 15/01/2025 nằm ngoài năm của kế hoạch (2024)."
    );
    assert_eq!(e[1].0, "deadlines[4].date");
    assert!(
        e[1].1
            .contains("31/12/2023 nằm ngoài năm của kế hoạch (2024)"),
        "{}",
        e[1].1
    );
}

#[test]
fn commemorated_events_may_be_from_any_year() {
    let plan = seed();
    assert!(
        plan.commemorations
            .iter()
            .any(|c| c.since.is_some_and(|d| d.year() == 1890))
    );
    plan.validate().expect("1890, 1930, 1945 are fine");
}

#[test]
fn raw_html_is_refused_with_the_field_named() {
    let mut plan = seed();
    plan.sections
        .insert(2, Block::runs(vec![Inline::plain("Xem <b>ngay</b>")]));
    plan.summary = "Phát động &nbsp; thi đua".into();
    let e = errors(plan.validate());
    assert!(
        e.iter().any(|(f, m)| f == "blocks[3].runs[0]"
            && m.starts_with("Nội dung, khối thứ 4: không được chứa mã HTML")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|(f, m)| f == "summary" && m.starts_with("Trích yếu:")),
        "{e:#?}"
    );

    let mut doc = crate::seed_document();
    doc.recipients[1] = "<script>alert(1)</script>".into();
    match tdkt_docs::to_docx(&doc) {
        Err(Error::Invalid(e)) => assert_eq!(e.0[0].field, "recipients[1]"),
        other => panic!("refused, got {:?}", other.map(|b| b.len())),
    }
    assert!(matches!(tdkt_docs::to_pdf(&doc), Err(Error::Invalid(_))));
}

#[test]
fn ampersands_and_comparisons_are_text() {
    let mut plan = seed();
    plan.sections
        .push(Block::paragraph("Bộ KH&CN; CCVC&NLĐ; a < b"));
    plan.validate().expect("plain text with & and < is fine");
}

#[test]
fn tables_need_one_cell_per_column() {
    let mut doc = crate::decision_document(3);
    doc.annexes[0].table.rows[1].pop();
    let e = errors(doc.validate());
    assert_eq!(e[0].0, "annexes[0].table.rows[1]");
    assert_eq!(e[0].1, "Phụ lục 1, dòng 2: có 3 ô, bảng có 4 cột.");
}

#[test]
fn errors_serialise_for_forms() {
    let mut plan = seed();
    plan.signer = None;
    let e = plan.validate().expect_err("invalid");
    let json = serde_json::to_value(&e).expect("json");
    assert_eq!(json[0]["field"], "signer");
}

#[test]
fn the_json_in_the_readme_is_a_valid_document() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```json").expect("a JSON example") + "```json".len();
    let end = start + readme[start..].find("```").expect("closed");
    let json = readme[start..end].replace(" …", "").replace("…", "");
    let doc: tdkt_docs::Document = serde_json::from_str(&json).expect("the README's JSON parses");
    doc.validate().expect("and is valid");
    assert_eq!(
        doc.recipient_lines().last().map(String::as_str),
        Some("- Lưu: VT, VP.")
    );
}
