//! Giấy khen: full design, print mode at calibrated positions, calibration page.

use tdkt_docs::certificate::{
    CertificateMode, PrintCalibration, calibration_pdf, certificate_docx, certificate_inspected,
};
use tdkt_docs::samples;

#[test]
fn full_mode_has_the_whole_design() {
    let pdf =
        certificate_inspected(&samples::certificate(), &CertificateMode::Full).expect("renders");
    assert_eq!(pdf.pages, 1);
    let texts: Vec<_> = pdf
        .lines
        .iter()
        .map(|l| crate::ooxml::norm(&l.text))
        .collect();
    for want in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC GIANG",
        "TẶNG",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Thu Hà",
        "Quyết định số 120/QĐ-KHCN ngày 20/12/2024",
        "Bắc Giang, ngày 20 tháng 12 năm 2024",
        "Nguyễn Văn Minh",
    ] {
        assert!(texts.iter().any(|t| t == want), "«{want}» in {texts:#?}");
    }
    // A4 landscape: the design is centred on 297 mm and nothing falls below 210 mm.
    let national = pdf
        .lines
        .iter()
        .find(|l| l.text.starts_with("CỘNG HÒA"))
        .expect("national name");
    assert!(
        (national.x_mm + national.width_mm / 2.0 - 148.5).abs() < 1.0,
        "centred on the landscape page"
    );
    assert!(pdf.lines.iter().all(|l| l.y_mm < 210.0));
}

#[test]
fn print_mode_places_only_the_variable_text_at_the_offsets() {
    let cert = samples::certificate();
    let base = PrintCalibration::default();
    let plain = certificate_inspected(&cert, &CertificateMode::Print(base)).expect("renders");
    let texts: Vec<_> = plain.lines.iter().map(|l| l.text.clone()).collect();
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("CỘNG HÒA") || t.contains("GIẤY KHEN")),
        "nothing pre-printed: {texts:?}"
    );
    let name = plain
        .lines
        .iter()
        .find(|l| l.text == "Bà Nguyễn Thị Thu Hà")
        .expect("name");
    assert!(
        (name.y_mm - f64::from(base.layout.recipient.y_mm)).abs() < 0.3,
        "baseline at {} mm",
        name.y_mm
    );
    let centre = name.x_mm + name.width_mm / 2.0;
    assert!(
        (centre - f64::from(base.layout.recipient.x_mm)).abs() < 0.3,
        "centred at {centre} mm"
    );

    let moved = PrintCalibration {
        offset_x_mm: 2.0,
        offset_y_mm: -3.0,
        ..base
    };
    let shifted = certificate_inspected(&cert, &CertificateMode::Print(moved)).expect("renders");
    let name2 = shifted
        .lines
        .iter()
        .find(|l| l.text == "Bà Nguyễn Thị Thu Hà")
        .expect("name");
    assert!((name2.x_mm - name.x_mm - 2.0).abs() < 0.05, "x offset");
    assert!((name2.y_mm - name.y_mm + 3.0).abs() < 0.05, "y offset");
}

#[test]
fn calibration_page_and_bad_offsets() {
    let pdf = calibration_pdf(&PrintCalibration::default()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-"));
    let off = PrintCalibration {
        offset_x_mm: 400.0,
        ..PrintCalibration::default()
    };
    let err = calibration_pdf(&off).expect_err("off the sheet");
    assert!(
        err.to_string().contains("nằm ngoài khổ giấy A4 ngang"),
        "{err}"
    );
}

#[test]
fn certificate_text_is_validated() {
    let mut cert = samples::certificate();
    cert.recipient = "<i>x</i>".into();
    let err = certificate_inspected(&cert, &CertificateMode::Full).expect_err("refused");
    assert!(
        err.to_string()
            .starts_with("Người (tập thể) được tặng: không được chứa mã HTML"),
        "{err}"
    );
}

#[test]
fn full_mode_as_docx_is_landscape_with_a_page_border() {
    let d = crate::ooxml::Docx::open(&certificate_docx(&samples::certificate()).expect("renders"));
    let sect = d.body().child("w:sectPr").expect("section");
    let pg = sect.child("w:pgSz").expect("size");
    assert_eq!(
        (pg.attr("w:w"), pg.attr("w:h"), pg.attr("w:orient")),
        (Some("16838"), Some("11906"), Some("landscape"))
    );
    assert!(
        sect.child("w:pgBorders").is_some(),
        "the border of the design"
    );
    let mut violations = Vec::new();
    crate::ooxml::order_violations(&d.document, &mut violations);
    assert!(violations.is_empty(), "{violations:#?}");
    let texts: Vec<_> = d
        .paragraphs()
        .iter()
        .map(|p| crate::ooxml::norm(&p.text))
        .collect();
    for want in [
        "GIẤY KHEN",
        "Bà Nguyễn Thị Thu Hà",
        "Quyết định số 120/QĐ-KHCN ngày 20/12/2024",
        "Nguyễn Văn Minh",
    ] {
        assert!(texts.iter().any(|t| t == want), "«{want}» in {texts:#?}");
    }
}
