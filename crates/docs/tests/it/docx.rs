//! DOCX read back: package, page, margins, fonts, styles, each element's size and emphasis.

use std::time::Instant;

use tdkt_docs::{Block, Document, Inline, to_docx};

use crate::ooxml::{Docx, Para, norm, order_violations};

const FONT: &str = "Times New Roman";

fn open(doc: &Document) -> Docx {
    Docx::open(&to_docx(doc).expect("renders"))
}

fn find<'a>(paras: &'a [Para], text: &str) -> &'a Para {
    paras
        .iter()
        .find(|p| norm(&p.text) == text)
        .unwrap_or_else(|| {
            panic!(
                "a paragraph «{text}» in {:#?}",
                paras.iter().map(|p| norm(&p.text)).collect::<Vec<_>>()
            )
        })
}

fn assert_fmt(p: &Para, size_pt: f32, bold: bool, italic: bool) {
    assert_eq!(p.fmt.size, (size_pt * 2.0) as u32, "size of «{}»", p.text);
    assert_eq!(p.fmt.bold, bold, "bold of «{}»", p.text);
    assert_eq!(p.fmt.italic, italic, "italic of «{}»", p.text);
}

#[test]
fn package_is_complete_and_every_part_follows_the_schema_order() {
    for doc in [
        crate::seed_document(),
        crate::decision_document(30),
        crate::individual_document(),
        crate::collective_document(),
    ] {
        let d = open(&doc);
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/header1.xml",
            "word/header2.xml",
            "docProps/core.xml",
            "docProps/app.xml",
        ] {
            assert!(d.parts.contains_key(part), "{part} in the package");
        }
        let mut violations = Vec::new();
        for part in [
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/header1.xml",
        ] {
            order_violations(&crate::ooxml::parse(&d.parts[part]), &mut violations);
        }
        assert!(violations.is_empty(), "{}: {violations:#?}", doc.title);
        // Every relationship target and content type override names a part that exists.
        for part in [
            "styles.xml",
            "settings.xml",
            "fontTable.xml",
            "header1.xml",
            "header2.xml",
        ] {
            assert!(
                d.parts["word/_rels/document.xml.rels"].contains(&format!("Target=\"{part}\""))
            );
            assert!(d.parts["[Content_Types].xml"].contains(&format!("PartName=\"/word/{part}\"")));
        }
    }
}

#[test]
fn docx_rs_reads_it_back() {
    let bytes = to_docx(&crate::seed_document()).expect("renders");
    let read = docx_rs::read_docx(&bytes).expect("docx-rs reads our DOCX");
    let json = read.json();
    assert!(json.contains("Triệu Ngọc Trung"));
    assert!(json.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
}

#[test]
fn a4_portrait_with_decree_30_margins_and_page_numbers_from_page_two() {
    let d = open(&crate::seed_document());
    let sect = d
        .body()
        .child("w:sectPr")
        .expect("section properties at the end of the body");
    let pg = sect.child("w:pgSz").expect("page size");
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h")),
        (Some("11906"), Some("16838")),
        "A4 portrait"
    );
    let m = sect.child("w:pgMar").expect("margins");
    let twips = |k: &str| m.attr(k).expect(k).parse::<f64>().expect("number") * 25.4 / 1440.0;
    assert!(
        (20.0..=25.0).contains(&twips("w:top")),
        "top {}",
        twips("w:top")
    );
    assert!((20.0..=25.0).contains(&twips("w:bottom")));
    assert!((30.0..=35.0).contains(&twips("w:left")));
    assert!((15.0..=20.0).contains(&twips("w:right")));
    assert!(sect.child("w:titlePg").is_some(), "a different first page");
    let refs: Vec<_> = sect
        .elements()
        .filter(|e| e.name == "w:headerReference")
        .map(|e| e.attr("w:type").unwrap_or(""))
        .collect();
    assert_eq!(refs, ["default", "first"]);
    assert!(
        d.parts["word/header1.xml"].contains("PAGE"),
        "page number field from page 2"
    );
    let first = crate::ooxml::parse(&d.parts["word/header2.xml"]);
    assert!(first.text().trim().is_empty(), "no page number on page 1");
    let header_style = d
        .styles
        .elements()
        .find(|s| s.attr("w:styleId") == Some("Header"))
        .expect("Header style");
    assert!(
        header_style
            .all("w:jc")
            .iter()
            .any(|j| j.attr("w:val") == Some("center")),
        "page number centred"
    );
}

#[test]
fn times_new_roman_in_every_font_slot() {
    let d = open(&crate::seed_document());
    let defaults = d
        .styles
        .child("w:docDefaults")
        .expect("docDefaults")
        .all("w:rFonts");
    let normal = d
        .styles
        .elements()
        .find(|s| s.attr("w:styleId") == Some("Normal"))
        .expect("Normal")
        .all("w:rFonts");
    for fonts in defaults.iter().chain(&normal) {
        for slot in ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"] {
            assert_eq!(fonts.attr(slot), Some(FONT), "{slot}");
        }
    }
    // No run overrides the font.
    assert!(d.body().all("w:rFonts").is_empty());
    assert!(d.parts["word/fontTable.xml"].contains(FONT));
}

#[test]
fn each_element_has_its_decree_30_size_and_emphasis() {
    let d = open(&crate::seed_document());
    let paras = d.paragraphs();
    assert_fmt(find(&paras, "UBND TỈNH BẮC GIANG"), 13.0, false, false);
    assert_fmt(find(&paras, "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), 13.0, true, false);
    let national = find(&paras, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_fmt(national, 12.0, true, false);
    let motto = find(&paras, "Độc lập - Tự do - Hạnh phúc");
    assert_fmt(motto, 13.0, true, false);
    assert!(motto.fmt.underline, "motto underlined");
    let number = find(&paras, "Số: /KH-KHCN");
    assert_fmt(number, 13.0, false, false);
    assert!(
        number.text.contains("Số:      /KH-KHCN"),
        "a draft leaves room for the number"
    );
    assert_fmt(
        find(&paras, "Bắc Giang, ngày tháng 01 năm 2024"),
        14.0,
        false,
        true,
    );
    let title = find(&paras, "KẾ HOẠCH");
    assert_fmt(title, 14.0, true, false);
    assert_eq!(title.fmt.jc.as_deref(), Some("center"));
    assert_fmt(
        find(&paras, "Phát động phong trào thi đua năm 2024"),
        14.0,
        true,
        false,
    );
    assert_fmt(find(&paras, "I. MỤC ĐÍCH, YÊU CẦU"), 14.0, true, false);
    assert_fmt(find(&paras, "KT. GIÁM ĐỐC"), 14.0, true, false);
    assert_fmt(find(&paras, "PHÓ GIÁM ĐỐC"), 14.0, true, false);
    assert_fmt(find(&paras, "Triệu Ngọc Trung"), 14.0, true, false);
    assert_fmt(find(&paras, "Nơi nhận:"), 12.0, true, true);
    assert_fmt(find(&paras, "- Sở Nội vụ;"), 11.0, false, false);
    let recipients: Vec<_> = paras
        .iter()
        .filter(|p| p.style == "tdktRecipient")
        .map(|p| norm(&p.text))
        .collect();
    assert_eq!(
        recipients.first().map(String::as_str),
        Some("- Thường trực HĐ TĐKT tỉnh;")
    );
    assert_eq!(
        recipients.last().map(String::as_str),
        Some("- Lưu: VT, VP.")
    );
    // Body: 14 pt, justified, first-line indent of 1.27 cm.
    let body = paras
        .iter()
        .find(|p| p.text.starts_with("- Phát huy tinh thần"))
        .expect("a bullet");
    assert_fmt(body, 14.0, false, false);
    assert_eq!(body.fmt.jc.as_deref(), Some("both"));
    assert_eq!(body.fmt.first_line, Some(720));
    // Emphasis inside a paragraph is a run property.
    let italic_run = d
        .body()
        .all("w:r")
        .into_iter()
        .find(|r| r.text().starts_with("khuyến khích tinh thần"))
        .expect("run");
    assert!(
        italic_run
            .child("w:rPr")
            .and_then(|p| p.child("w:i"))
            .is_some(),
        "italic run"
    );
}

#[test]
fn styles_not_hard_formatting() {
    let d = open(&crate::seed_document());
    let paras = d.paragraphs();
    assert!(
        paras
            .iter()
            .all(|p| p.style != "Normal" || p.text.trim().is_empty()),
        "every text paragraph has a style"
    );
    for id in [
        "tdktBody",
        "tdktNationalName",
        "tdktMotto",
        "tdktIssuingBody",
        "tdktPlaceDate",
        "tdktRecipient",
        "tdktSignerName",
    ] {
        assert!(
            d.styles.elements().any(|s| s.attr("w:styleId") == Some(id)),
            "style {id}"
        );
    }
    // Direct run formatting only for emphasis the text itself carries.
    let direct = d.body().all("w:rPr").len();
    assert!(direct <= 10, "{direct} runs with direct formatting");
}

#[test]
fn an_issued_number_takes_a_leading_zero() {
    let mut doc = crate::seed_document();
    doc.header.number = Some(5);
    doc.header.date = tdkt_docs::DocDate::full(time::macros::date!(2024 - 02 - 05));
    let paras = open(&doc).paragraphs();
    find(&paras, "Số: 05/KH-KHCN");
    find(&paras, "Bắc Giang, ngày 05 tháng 02 năm 2024");
}

#[test]
fn decision_with_annexed_list_repeats_its_header_row() {
    let d = open(&crate::decision_document(40));
    let paras = d.paragraphs();
    assert_fmt(
        find(&paras, "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        14.0,
        true,
        false,
    );
    assert_fmt(
        find(
            &paras,
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        ),
        14.0,
        false,
        true,
    );
    find(&paras, "QUYẾT ĐỊNH:");
    let annex = find(&paras, "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN");
    assert_fmt(annex, 14.0, true, false);
    find(
        &paras,
        "(Kèm theo Quyết định số 120/QĐ-KHCN ngày 20/12/2024 của Giám đốc Sở Khoa học và Công nghệ)",
    );
    let money = paras
        .iter()
        .find(|p| p.text.starts_with("Điều 2."))
        .expect("article 2");
    assert!(
        money
            .text
            .contains("710.000 đồng (Bằng chữ: Bảy trăm mười nghìn đồng)")
    );
    let tables = d.body().all("w:tbl");
    let list = tables.last().expect("the annexed table");
    let rows = list.all("w:tr");
    assert_eq!(rows.len(), 41, "header + 40 people");
    assert!(
        rows[0]
            .child("w:trPr")
            .and_then(|p| p.child("w:tblHeader"))
            .is_some(),
        "header row repeats"
    );
    assert_eq!(norm(&rows[1].text()), "1Nguyễn Văn AnChuyên viênVăn phòng");
}

#[test]
fn reports_carry_the_template_headings_and_two_signatures() {
    let d = open(&crate::individual_document());
    let paras = d.paragraphs();
    find(&paras, "BÁO CÁO THÀNH TÍCH");
    assert_fmt(
        find(&paras, "(Mẫu này dùng cho cá nhân)"),
        14.0,
        false,
        true,
    );
    for h in [
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "1. Danh hiệu thi đua",
        "2. Hình thức khen thưởng",
    ] {
        assert_fmt(find(&paras, h), 14.0, true, false);
    }
    find(&paras, "- Sinh ngày, tháng, năm: 14/03/1986; Giới tính: Nữ");
    find(&paras, "- Trình độ lý luận chính trị: Trung cấp");
    assert_fmt(find(&paras, "NGƯỜI BÁO CÁO THÀNH TÍCH"), 14.0, true, false);
    assert_fmt(
        find(&paras, "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"),
        14.0,
        true,
        false,
    );
    assert_fmt(find(&paras, "Nguyễn Thị Thu Hà"), 14.0, true, false);
    assert!(
        !paras.iter().any(|p| p.text.starts_with("Số:")),
        "a person's report has no number"
    );

    let d = open(&crate::collective_document());
    let paras = d.paragraphs();
    assert_fmt(find(&paras, "PHÒNG QUẢN LÝ KHOA HỌC"), 13.0, true, false);
    find(&paras, "(Mẫu này dùng cho tập thể)");
    find(&paras, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH");
    find(&paras, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN");
    find(
        &paras,
        "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN",
    );
}

#[test]
fn user_text_is_escaped_and_composed() {
    let mut doc = crate::seed_document();
    // "Hoà" typed with a combining grave (NFD) prints composed; XML specials are escaped.
    doc.blocks.push(Block::runs(vec![Inline::plain(
        "a < b & c > d \"q\" Hoa\u{300}",
    )]));
    let d = open(&doc);
    let paras = d.paragraphs();
    find(&paras, "a < b & c > d \"q\" Hoà");
}

#[test]
fn a_thousand_names_render_fast() {
    let doc = crate::decision_document(1000);
    let start = Instant::now();
    let bytes = to_docx(&doc).expect("renders");
    let elapsed = start.elapsed();
    // Debug build; the release figure is in BENCHMARKS.md.
    assert!(elapsed.as_secs_f64() < 2.0, "{elapsed:?}");
    let d = Docx::open(&bytes);
    assert_eq!(
        d.body()
            .all("w:tbl")
            .last()
            .expect("annex")
            .all("w:tr")
            .len(),
        1001
    );
}

#[test]
fn safe_file_names_and_content_disposition() {
    use tdkt_docs::Format;
    use tdkt_docs::filename::{content_disposition, display_name, file_name};
    let doc = crate::seed_document();
    assert_eq!(
        file_name(&doc, Format::Docx),
        "ke-hoach-khcn-2024-phat-dong-phong-trao-thi-dua-nam-2024.docx"
    );
    let shown = display_name(&doc, Format::Pdf);
    assert_eq!(
        shown,
        "Kế hoạch - Phát động phong trào thi đua năm 2024.pdf"
    );
    let header = content_disposition(&shown);
    assert!(header.starts_with("attachment; filename=\"Ke hoach - Phat dong phong trao thi dua nam 2024.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch"), "{header}");
    assert!(header.is_ascii());
    let decision = crate::decision_document(2);
    assert_eq!(
        file_name(&decision, Format::Pdf),
        "quyet-dinh-120-qd-khcn-2024-ve-viec-tang-giay-khen-cho-cac-ca-nhan-co-thanh-tich-xuat-sac-trong.pdf"
    );
}

#[test]
fn a_new_paper_is_data_not_layout_code() {
    use tdkt_docs::{DocDate, DocKind, Header, HeaderLayout, Signer};
    // Minutes of the council: two signers side by side, no recipients.
    let header = Header {
        layout: HeaderLayout::Standard,
        governing_body: Some("SỞ KHOA HỌC VÀ CÔNG NGHỆ".into()),
        issuing_body: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG".into(),
        number: Some(3),
        type_symbol: "BB".into(),
        agency_symbol: "HĐTĐKT".into(),
        place: "Bắc Giang".into(),
        date: DocDate::full(time::macros::date!(2024 - 12 - 10)),
    };
    let chair = Signer {
        authority: None,
        position: "CHỦ TỌA".into(),
        note: None,
        name: "Nguyễn Văn Minh".into(),
    };
    let mut minutes = Document::new(DocKind::BienBan, header, chair);
    minutes.summary = Some("Họp xét thi đua, khen thưởng năm 2024".into());
    minutes.left_signer = Some(Signer {
        authority: None,
        position: "THƯ KÝ".into(),
        note: None,
        name: "Lê Thị Lan".into(),
    });
    minutes.blocks = vec![
        Block::paragraph("Thời gian: 14 giờ 00, ngày 10/12/2024."),
        Block::bullet("Có mặt: 9/9 thành viên."),
    ];
    let paras = open(&minutes).paragraphs();
    find(&paras, "Số: 03/BB-HĐTĐKT");
    assert_fmt(find(&paras, "THƯ KÝ"), 14.0, true, false);
    assert!(
        !paras.iter().any(|p| p.text == "Nơi nhận:"),
        "minutes have no recipients"
    );
    let pdf = tdkt_docs::pdf::to_pdf_inspected(&minutes).expect("renders");
    assert!(pdf.lines.iter().any(|l| l.text == "Số: 03/BB-HĐTĐKT"));

    // An official letter (công văn): no type name, the symbol is the agency's.
    let mut letter = minutes.clone();
    letter.kind = DocKind::CongVan;
    letter.title = String::new();
    letter.header.type_symbol = String::new();
    letter.header.agency_symbol = "KHCN-VP".into();
    let paras = open(&letter).paragraphs();
    find(&paras, "Số: 03/KHCN-VP");
    tdkt_docs::to_pdf(&letter).expect("renders without a type name");
}

#[test]
fn the_same_paper_gives_the_same_bytes() {
    let doc = crate::seed_document();
    assert_eq!(
        to_docx(&doc).expect("renders"),
        to_docx(&doc).expect("renders")
    );
    let first = tdkt_docs::to_pdf(&doc).expect("renders");
    assert_eq!(first, tdkt_docs::to_pdf(&doc).expect("renders"), "PDF too");
}

#[test]
fn a_long_report_title_is_split_evenly() {
    let doc = crate::collective_document();
    assert_eq!(
        doc.summary.as_deref(),
        Some("ĐỀ NGHỊ TẶNG DANH HIỆU TẬP THỂ\nLAO ĐỘNG TIÊN TIẾN NĂM 2024")
    );
    let short = crate::individual_document();
    assert_eq!(
        short.summary.as_deref(),
        Some("ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2024")
    );
}
