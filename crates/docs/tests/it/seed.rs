//! The seed plan comes out of the data as the agency wrote it: every paragraph of the seed text,
//! with its page-break splits joined, appears verbatim and in order in the DOCX and the PDF.

use std::path::PathBuf;

use tdkt_docs::plan::{DeadlineKind, MovementKind, seed_plan_khcn_2024};
use time::macros::date;

use crate::ooxml::{Docx, norm};

/// The seed text: the shared copy when it is beside the repository, else the committed copy
/// (which must then be identical).
fn seed_text() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(dir.join("tests/data/seed-plan-khcn-2024.txt"))
        .expect("committed seed copy");
    let shared = dir.join("../../../shared/seed/000_f64e128b8eff9545.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(
            original, committed,
            "the committed copy of the seed is the seed"
        );
    }
    committed
}

/// The seed's paragraphs: one per non-empty line, a line that starts in lower case joined to the
/// one before (a page break of the source split it), markdown emphasis markers removed.
fn seed_paragraphs() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in seed_text().lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.replace('*', "");
        match out.last_mut() {
            Some(prev) if line.chars().next().is_some_and(char::is_lowercase) => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out.into_iter().map(|p| norm(&p)).collect()
}

#[test]
fn the_seed_has_three_page_break_splits() {
    let paras = seed_paragraphs();
    for joined in [
        "tạo sự chuyển biến mạnh mẽ về chất lượng, hiệu quả công tác;",
        "trong quá trình triển khai giai đoạn trước để xây dựng các giải pháp",
        "sơ kết, tổng kết phong trào thi đua của cơ quan, từ đó đề xuất",
    ] {
        assert_eq!(
            paras.iter().filter(|p| p.contains(joined)).count(),
            1,
            "{joined}"
        );
    }
    assert_eq!(
        paras.len(),
        62 - 3,
        "62 non-empty lines, 3 of them continuations"
    );
}

#[test]
fn every_seed_paragraph_is_in_the_docx_verbatim_and_in_order() {
    let docx = Docx::open(&tdkt_docs::to_docx(&crate::seed_document()).expect("renders"));
    let printed: Vec<String> = docx
        .paragraphs()
        .iter()
        .map(|p| norm(&p.text))
        .filter(|t| !t.is_empty())
        .collect();
    let mut at = 0;
    for para in seed_paragraphs() {
        let found = printed[at..].iter().position(|p| *p == para);
        let Some(offset) = found else {
            panic!("seed paragraph not found (in order) in the DOCX: «{para}»");
        };
        at += offset + 1;
    }
}

#[test]
fn every_seed_paragraph_is_in_the_pdf_verbatim_and_in_order() {
    let pdf = tdkt_docs::pdf::to_pdf_inspected(&crate::seed_document()).expect("renders");
    // Line ends lose their space in a laid-out page: compare without whitespace.
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect::<String>()
    };
    // Page numbers (in the top margin) interrupt a paragraph that runs across pages: skip them.
    let body: Vec<&str> = pdf
        .lines
        .iter()
        .filter(|l| l.y_mm > 20.0)
        .map(|l| l.text.as_str())
        .collect();
    let shown = squeeze(&body.join(""));
    let mut at = 0;
    for para in seed_paragraphs() {
        let want = squeeze(&para);
        let Some(offset) = shown[at..].find(&want) else {
            panic!("seed paragraph not found (in order) in the PDF: «{para}»");
        };
        at += offset + want.len();
    }
}

#[test]
fn the_seed_keeps_its_own_wording_and_slips() {
    let json = tdkt_docs::plan::SEED_PLAN_KHCN_2024_JSON;
    for as_written in [
        "(03/2/1930-30/2/2024)",
        "05/6/2024",
        "Phần đầu hoàn thành tốt",
        "(2021- 2025)",
        "Tết Nguyên Đán Giáp Thìn",
    ] {
        assert!(json.contains(as_written), "{as_written}");
    }
}

#[test]
fn the_seed_as_structured_data() {
    let plan = seed_plan_khcn_2024().expect("parses");
    plan.validate().expect("valid");
    assert_eq!(plan.year, 2024);
    assert_eq!(plan.governing_body.as_deref(), Some("UBND TỈNH BẮC GIANG"));
    assert_eq!(plan.issuing_body, "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    assert_eq!(plan.number, None, "a draft");
    let signer = plan.signer.as_ref().expect("designated signer");
    assert_eq!(
        (
            signer.authority.as_deref(),
            signer.position.as_str(),
            signer.name.as_str()
        ),
        (Some("KT. GIÁM ĐỐC"), "PHÓ GIÁM ĐỐC", "Triệu Ngọc Trung")
    );
    let phases: Vec<_> = plan.phases.iter().map(|p| (p.start, p.end)).collect();
    assert_eq!(
        phases,
        [
            (date!(2024 - 01 - 01), date!(2024 - 06 - 30)),
            (date!(2024 - 07 - 01), date!(2024 - 12 - 31))
        ]
    );
    let deadline = |k| plan.deadline(k).expect("deadline").date;
    assert_eq!(deadline(DeadlineKind::Registration), date!(2024 - 01 - 31));
    assert_eq!(deadline(DeadlineKind::MidYearReport), date!(2024 - 06 - 05));
    assert_eq!(deadline(DeadlineKind::YearEndReport), date!(2024 - 11 - 05));
    assert_eq!(deadline(DeadlineKind::Rating), date!(2024 - 12 - 15));
    let days: Vec<_> = plan
        .commemorations
        .iter()
        .map(|c| (c.date.day(), u8::from(c.date.month()), c.anniversary))
        .collect();
    assert_eq!(
        days,
        [
            (3, 2, Some(94)),
            (30, 4, Some(49)),
            (1, 5, None),
            (18, 5, None),
            (19, 5, Some(134)),
            (11, 6, Some(76)),
            (2, 9, Some(79)),
            (19, 10, Some(63))
        ]
    );
    assert_eq!(
        plan.phase_on(date!(2024 - 09 - 02)).map(|p| p.number),
        Some(2)
    );
    let kinds: Vec<_> = plan.movements.iter().map(|m| m.kind).collect();
    assert!(
        kinds.contains(&MovementKind::Regular)
            && kinds.contains(&MovementKind::Thematic)
            && kinds.contains(&MovementKind::ShortWave)
    );
    assert!(
        plan.movements
            .iter()
            .any(|m| m.name.contains("nông thôn mới giai đoạn 2020-2025"))
    );
    assert!(
        plan.movements
            .iter()
            .any(|m| m.name.contains("văn hóa công sở"))
    );
    assert_eq!(plan.recipients.len(), 6);
    assert_eq!(plan.archive.as_deref(), Some("VT, VP"));
    // Responsibilities quote the prose.
    let prose = serde_json::to_string(&plan.sections).expect("json");
    for r in &plan.responsibilities {
        for t in &r.tasks {
            let quoted = serde_json::to_string(t).expect("json");
            assert!(prose.contains(quoted.trim_matches('"')), "{t}");
        }
    }
}

#[test]
fn the_seed_round_trips_through_json() {
    let plan = seed_plan_khcn_2024().expect("parses");
    let back: tdkt_docs::plan::Plan =
        serde_json::from_str(&serde_json::to_string(&plan).expect("json")).expect("back");
    assert_eq!(back, plan);
}
