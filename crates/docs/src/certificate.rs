//! Certificates (Giấy khen), A4 landscape.
//!
//! Two modes: the full design for plain paper (border, national name and motto, the issuer,
//! "TẶNG GIẤY KHEN", the text, the signature), and a print mode that places only the variable
//! text at calibrated positions on the agency's pre-printed blanks. Positions are in millimetres
//! from the top-left corner of the sheet; each agency adds its own offsets (its printer feeds a
//! little off), found with the calibration page.

use serde::{Deserialize, Serialize};
use serde_json::json;
use time::Date;

use crate::dates;
use crate::model::{Align, MOTTO, NATIONAL_NAME, Signer};
use crate::pdf::{self, Template};
use crate::validate::{Checker, ValidationErrors, check_signer};

/// The full design as DOCX (A4 landscape, double page border), to retouch in Word.
pub use crate::docx::certificate_docx;

/// The text of one certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC GIANG".
    pub issuer_title: String,
    /// "TẶNG".
    #[serde(default = "default_verb")]
    pub verb: String,
    /// "GIẤY KHEN".
    #[serde(default = "default_title")]
    pub title: String,
    /// Who receives it: "Ông Nguyễn Văn An", "Phòng Quản lý khoa học".
    pub recipient: String,
    /// Position and unit: "Chuyên viên Phòng Quản lý khoa học".
    #[serde(default)]
    pub unit: Option<String>,
    /// "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024".
    pub achievement: String,
    /// "120/QĐ-KHCN".
    pub decision_number: String,
    /// Date of the decision; also the date printed above the signature.
    #[serde(with = "dates::iso")]
    pub decision_date: Date,
    /// The number in the register (số sổ vàng).
    #[serde(default)]
    pub register_number: Option<String>,
    /// "Bắc Giang".
    pub place: String,
    /// "GIÁM ĐỐC" / name.
    pub signer: Signer,
}

fn default_verb() -> String {
    "TẶNG".to_owned()
}
fn default_title() -> String {
    "GIẤY KHEN".to_owned()
}

impl Certificate {
    /// "Quyết định số 120/QĐ-KHCN ngày 20/12/2024".
    pub fn decision_line(&self) -> String {
        format!(
            "Quyết định số {} ngày {}",
            self.decision_number,
            dates::format_short(self.decision_date)
        )
    }

    /// "Bắc Giang, ngày 20 tháng 12 năm 2024".
    pub fn place_date_line(&self) -> String {
        dates::place_and_date(&self.place, &dates::DocDate::full(self.decision_date))
    }

    /// Checks the text.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::new();
        c.required("issuer_title", "Cơ quan tặng", &self.issuer_title);
        c.text("verb", "Chữ «Tặng»", &self.verb);
        c.required("title", "Tên hình thức", &self.title);
        c.required("recipient", "Người (tập thể) được tặng", &self.recipient);
        c.optional("unit", "Đơn vị", self.unit.as_deref());
        c.required("achievement", "Thành tích", &self.achievement);
        c.required("decision_number", "Số quyết định", &self.decision_number);
        c.optional(
            "register_number",
            "Số sổ vàng",
            self.register_number.as_deref(),
        );
        c.text("place", "Địa danh", &self.place);
        check_signer(&mut c, "signer", "Người ký", &self.signer);
        c.finish()
    }
}

/// Where one piece of variable text goes on the blank.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrintField {
    /// The anchor from the left edge: the centre for centred text, the start for left-aligned,
    /// the end for right-aligned.
    pub x_mm: f32,
    /// The baseline of the first line, from the top edge.
    pub y_mm: f32,
    /// Width of the box the text wraps in.
    pub width_mm: f32,
    /// Font size.
    pub size_pt: f32,
    /// Alignment around the anchor.
    pub align: Align,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

const fn field(
    x_mm: f32,
    y_mm: f32,
    width_mm: f32,
    size_pt: f32,
    bold: bool,
    italic: bool,
) -> PrintField {
    PrintField {
        x_mm,
        y_mm,
        width_mm,
        size_pt,
        align: Align::Center,
        bold,
        italic,
    }
}

/// The positions of the variable text on a blank.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrintLayout {
    /// The recipient's name.
    pub recipient: PrintField,
    /// Position and unit.
    pub unit: PrintField,
    /// The achievement text (may wrap).
    pub achievement: PrintField,
    /// "Quyết định số … ngày …" (and the register number under it).
    pub decision: PrintField,
    /// "Bắc Giang, ngày … tháng … năm …".
    pub place_date: PrintField,
    /// "GIÁM ĐỐC".
    pub signer_position: PrintField,
    /// The signer's name.
    pub signer_name: PrintField,
}

impl Default for PrintLayout {
    /// A common A4 landscape blank: title printed down to about 85 mm, signature at the right.
    fn default() -> Self {
        Self {
            recipient: field(148.5, 100.0, 230.0, 24.0, true, false),
            unit: field(148.5, 112.0, 230.0, 16.0, false, false),
            achievement: field(148.5, 124.0, 220.0, 16.0, false, true),
            decision: field(75.0, 168.0, 110.0, 13.0, false, false),
            place_date: field(215.0, 150.0, 120.0, 14.0, false, true),
            signer_position: field(215.0, 158.0, 120.0, 14.0, true, false),
            signer_name: field(215.0, 186.0, 120.0, 15.0, true, false),
        }
    }
}

impl PrintLayout {
    fn named(&self) -> [(&'static str, &'static str, PrintField); 7] {
        [
            ("recipient", "Họ tên", self.recipient),
            ("unit", "Đơn vị", self.unit),
            ("achievement", "Thành tích", self.achievement),
            ("decision", "Số, ngày quyết định", self.decision),
            ("place_date", "Địa danh, ngày tháng", self.place_date),
            ("signer_position", "Chức vụ người ký", self.signer_position),
            ("signer_name", "Họ tên người ký", self.signer_name),
        ]
    }
}

/// An agency's print settings: the layout of its blanks and its printer's offsets.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PrintCalibration {
    /// Added to every x (positive moves the text right).
    #[serde(default)]
    pub offset_x_mm: f32,
    /// Added to every y (positive moves the text down).
    #[serde(default)]
    pub offset_y_mm: f32,
    /// Positions on the blank.
    #[serde(default)]
    pub layout: PrintLayout,
}

impl PrintCalibration {
    /// Checks that every field lands on the sheet.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::new();
        for (key, label, f) in self.layout.named() {
            let (x, y) = (f.x_mm + self.offset_x_mm, f.y_mm + self.offset_y_mm);
            if !(0.0..=297.0).contains(&x) || !(0.0..=210.0).contains(&y) {
                c.push(
                    format!("layout.{key}"),
                    label,
                    &format!("vị trí ({x:.1}; {y:.1}) mm nằm ngoài khổ giấy A4 ngang."),
                );
            }
            if !(4.0..=72.0).contains(&f.size_pt) {
                c.push(
                    format!("layout.{key}.size_pt"),
                    label,
                    "cỡ chữ phải từ 4 đến 72.",
                );
            }
            if f.width_mm <= 0.0 {
                c.push(
                    format!("layout.{key}.width_mm"),
                    label,
                    "độ rộng phải lớn hơn 0.",
                );
            }
        }
        c.finish()
    }
}

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum CertificateMode {
    /// The whole design on plain paper.
    Full,
    /// Only the variable text, on a pre-printed blank.
    Print(PrintCalibration),
}

fn fields_json(cal: &PrintCalibration) -> serde_json::Value {
    let fields: Vec<_> = cal
        .layout
        .named()
        .iter()
        .map(|(key, label, f)| {
            json!({"key": key, "label": label, "x": f.x_mm + cal.offset_x_mm, "y": f.y_mm + cal.offset_y_mm,
                   "width": f.width_mm, "size": f.size_pt, "align": f.align, "bold": f.bold, "italic": f.italic})
        })
        .collect();
    json!(fields)
}

fn certificate_json(c: &Certificate) -> serde_json::Value {
    json!({
        "issuer_title": c.issuer_title, "verb": c.verb, "title": c.title, "recipient": c.recipient,
        "unit": c.unit, "achievement": c.achievement, "decision": c.decision_line(),
        "register": c.register_number.as_ref().map(|r| format!("Số sổ vàng: {r}")),
        "place_date": c.place_date_line(), "signer_position": c.signer.title_lines(),
        "signer_name": c.signer.name,
    })
}

/// The certificate as PDF, in full or print mode.
pub fn certificate_pdf(c: &Certificate, mode: &CertificateMode) -> Result<Vec<u8>, crate::Error> {
    Ok(certificate_inspected(c, mode)?.bytes)
}

/// The certificate as PDF with its laid-out text (for tests and previews).
pub fn certificate_inspected(
    c: &Certificate,
    mode: &CertificateMode,
) -> Result<pdf::RenderedPdf, crate::Error> {
    c.validate()?;
    let inputs = match mode {
        CertificateMode::Full => {
            json!({"mode": "full", "cert": certificate_json(c), "k": pdf::layout_numbers(),
                                        "national_name": NATIONAL_NAME, "motto": MOTTO})
        }
        CertificateMode::Print(cal) => {
            cal.validate()?;
            json!({"mode": "print", "cert": certificate_json(c), "fields": fields_json(cal), "k": pdf::layout_numbers()})
        }
    };
    pdf::RenderedPdf::from_layout(&pdf::layout(Template::Certificate, &inputs)?)
}

/// The calibration page: rulers along the edges and a crosshair at each field's anchor (offsets
/// applied). Print it on a blank, measure how far the crosshairs miss, and adjust the offsets.
pub fn calibration_pdf(cal: &PrintCalibration) -> Result<Vec<u8>, crate::Error> {
    cal.validate()?;
    let inputs = json!({"mode": "calibration", "fields": fields_json(cal), "k": pdf::layout_numbers(),
        "caption": format!("Trang hiệu chỉnh in Giấy khen — lệch ngang {:+.1} mm, lệch dọc {:+.1} mm", cal.offset_x_mm, cal.offset_y_mm)
            .replace('.', ",")});
    Ok(pdf::RenderedPdf::from_layout(&pdf::layout(Template::Certificate, &inputs)?)?.bytes)
}
