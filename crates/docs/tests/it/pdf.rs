//! PDF: the embedded font, the laid-out text with its styles, page numbers, no markup injection.

use tdkt_docs::pdf::{RenderedPdf, TextLine, to_pdf_inspected};
use tdkt_docs::{Block, Inline};

fn line<'a>(pdf: &'a RenderedPdf, text: &str) -> &'a TextLine {
    pdf.lines
        .iter()
        .find(|l| crate::ooxml::norm(&l.text) == text)
        .unwrap_or_else(|| {
            panic!(
                "a line «{text}» in {:#?}",
                pdf.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
            )
        })
}

fn assert_style(l: &TextLine, size: f64, bold: bool, italic: bool) {
    assert!(
        (l.size_pt - size).abs() < 0.01,
        "size of «{}»: {}",
        l.text,
        l.size_pt
    );
    assert_eq!((l.bold, l.italic), (bold, italic), "style of «{}»", l.text);
    assert_eq!(l.family, "Tinos", "font of «{}»", l.text);
}

#[test]
fn the_font_is_embedded_from_the_binary() {
    let pdf = to_pdf_inspected(&crate::seed_document()).expect("renders");
    let bytes = &pdf.bytes;
    assert!(bytes.starts_with(b"%PDF-"));
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/FontFile2"), "TrueType font program embedded");
    assert!(has(b"+Tinos"), "subset of Tinos");
    assert!(
        has(b"+Tinos-Bold") && has(b"+Tinos-Italic"),
        "bold and italic faces"
    );
}

#[test]
fn layout_follows_decree_30() {
    let pdf = to_pdf_inspected(&crate::seed_document()).expect("renders");
    assert!(pdf.pages >= 4, "{} pages", pdf.pages);
    assert_style(line(&pdf, "UBND TỈNH BẮC GIANG"), 13.0, false, false);
    assert_style(line(&pdf, "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), 13.0, true, false);
    assert_style(
        line(&pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        12.0,
        true,
        false,
    );
    assert_style(line(&pdf, "Độc lập - Tự do - Hạnh phúc"), 13.0, true, false);
    assert_style(line(&pdf, "Số: /KH-KHCN"), 13.0, false, false);
    assert_style(
        line(&pdf, "Bắc Giang, ngày tháng 01 năm 2024"),
        14.0,
        false,
        true,
    );
    assert_style(line(&pdf, "KẾ HOẠCH"), 14.0, true, false);
    assert_style(
        line(&pdf, "Phát động phong trào thi đua năm 2024"),
        14.0,
        true,
        false,
    );
    assert_style(line(&pdf, "KT. GIÁM ĐỐC"), 14.0, true, false);
    assert_style(line(&pdf, "Triệu Ngọc Trung"), 14.0, true, false);
    assert_style(line(&pdf, "Nơi nhận:"), 12.0, true, true);
    assert_style(line(&pdf, "- Lưu: VT, VP."), 11.0, false, false);
    // Header table: issuing body at the left, national name at the right, on page 1.
    let issuer = line(&pdf, "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let national = line(&pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!((issuer.page, national.page), (1, 1));
    assert!(issuer.x_mm < 60.0 && national.x_mm > 95.0);
    // Body starts at the left margin (30 mm) plus its first-line indent, inside the text area.
    let body = pdf
        .lines
        .iter()
        .find(|l| l.text.starts_with("Thực hiện quy định"))
        .expect("intro");
    assert!(
        (body.x_mm - (30.0 + 12.7)).abs() < 0.5,
        "first-line indent: {}",
        body.x_mm
    );
    assert!(
        pdf.lines.iter().all(|l| l.x_mm >= 24.0 && l.x_mm < 195.0),
        "inside the page"
    );
    // Recipients at the left, signer at the right, on the same page.
    let label = line(&pdf, "Nơi nhận:");
    let signer = line(&pdf, "KT. GIÁM ĐỐC");
    assert_eq!(label.page, signer.page);
    assert!(label.x_mm < 40.0 && signer.x_mm > 110.0);
}

#[test]
fn page_numbers_centred_in_the_top_margin_from_page_two() {
    let pdf = to_pdf_inspected(&crate::seed_document()).expect("renders");
    for page in 1..=pdf.pages {
        let top: Vec<_> = pdf
            .lines
            .iter()
            .filter(|l| l.page == page && l.y_mm < 20.0)
            .collect();
        if page == 1 {
            assert!(top.is_empty(), "no page number on page 1: {top:?}");
        } else {
            assert_eq!(top.len(), 1, "page {page}: {top:?}");
            assert_eq!(top[0].text, page.to_string());
            let centre = 30.0 + (210.0 - 30.0 - 15.0) / 2.0;
            assert!(
                (top[0].x_mm - centre).abs() < 4.0,
                "centred: {}",
                top[0].x_mm
            );
            assert!(
                (10.0..20.0).contains(&top[0].y_mm),
                "in the top margin: {}",
                top[0].y_mm
            );
        }
    }
}

#[test]
fn user_text_is_never_typst_markup() {
    let mut doc = crate::seed_document();
    let evil = "#set page(fill: red) *đậm* _nghiêng_ $x^2$ = Đề mục @ref [link] \\ // chú thích #eval(\"1+1\") ~ --- `code`";
    doc.blocks.push(Block::runs(vec![Inline::plain(evil)]));
    doc.recipients.push("#pagebreak() ]".into());
    let pdf = to_pdf_inspected(&doc).expect("renders");
    let all: String = pdf
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(
        squeeze(&all).contains(&squeeze(evil)),
        "the text prints as typed"
    );
    assert!(all.contains("#pagebreak() ];"));
}

#[test]
fn annexed_list_repeats_its_header_on_each_page() {
    let pdf = to_pdf_inspected(&crate::decision_document(80)).expect("renders");
    let headers: Vec<_> = pdf
        .lines
        .iter()
        .filter(|l| l.text == "Họ và tên")
        .map(|l| l.page)
        .collect();
    assert!(
        headers.len() >= 3,
        "header row on each annex page: {headers:?}"
    );
    let last_person = pdf.lines.iter().find(|l| l.text == "80").expect("row 80");
    assert_eq!(last_person.page, pdf.pages);
    let annex_title = line(&pdf, "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN");
    assert!(annex_title.page >= 2, "the annex starts on a new page");
}

#[test]
fn reports_align_the_two_signatures() {
    let pdf = to_pdf_inspected(&crate::individual_document()).expect("renders");
    let head = line(&pdf, "Trần Quang Sơn");
    let person = line(&pdf, "Nguyễn Thị Thu Hà");
    assert!((head.y_mm - person.y_mm).abs() < 0.5, "names on one line");
    assert!(head.x_mm < person.x_mm);
}

#[test]
fn headings_are_bookmarks() {
    let pdf = to_pdf_inspected(&crate::seed_document()).expect("renders");
    let has = |needle: &[u8]| pdf.bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"/Outlines"),
        "a document outline for the viewer's side panel"
    );
    let heading = line(&pdf, "I. MỤC ĐÍCH, YÊU CẦU");
    assert_style(heading, 14.0, true, false);
    assert!(
        (heading.x_mm - (30.0 + 12.7)).abs() < 0.5,
        "indented like the body"
    );
}

#[test]
fn long_unbroken_text_stays_on_the_page() {
    let mut doc = crate::decision_document(3);
    let long = "https://khcn.bacgiang.gov.vn/".to_owned() + &"a".repeat(180);
    doc.annexes[0].table.rows[0][3] = long.clone();
    doc.blocks.push(Block::runs(vec![Inline::plain(long)]));
    let pdf = to_pdf_inspected(&doc).expect("renders");
    // A justified line's trailing space hangs into the margin; a word never does.
    for l in pdf.lines.iter().filter(|l| !l.text.ends_with(' ')) {
        let end = l.x_mm + l.width_mm;
        assert!(
            end <= 210.0 - 15.0 + 0.2,
            "«{}» runs into the margin: {end} mm",
            l.text
        );
    }
}
