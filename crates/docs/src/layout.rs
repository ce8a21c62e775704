//! The Decree 30/2020 layout, in one place for both renderers (DOCX and PDF agree because they
//! read the same numbers). Sizes in points, lengths in millimetres.

/// Page geometry of an A4 portrait paper (Decree 30, Phụ lục I: top and bottom 20–25 mm, left
/// 30–35 mm, right 15–20 mm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Page width.
    pub width_mm: f32,
    /// Page height.
    pub height_mm: f32,
    /// Top margin.
    pub top_mm: f32,
    /// Bottom margin.
    pub bottom_mm: f32,
    /// Left margin (the binding side).
    pub left_mm: f32,
    /// Right margin.
    pub right_mm: f32,
}

impl Page {
    /// The text width.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.left_mm - self.right_mm
    }
}

/// A4 portrait with the smallest margins the decree allows: 20/20/30/15 mm.
pub const A4_PORTRAIT: Page = Page {
    width_mm: 210.0,
    height_mm: 297.0,
    top_mm: 20.0,
    bottom_mm: 20.0,
    left_mm: 30.0,
    right_mm: 15.0,
};

/// Where the page number sits: this far below the top edge, inside the top margin.
pub const PAGE_NUMBER_FROM_TOP_MM: f32 = 10.0;

/// Font sizes of each element (Decree 30, Phụ lục I; LEGAL-NOTES §7).
pub mod size {
    /// Body text (13–14).
    pub const BODY: f32 = 14.0;
    /// "UBND TỈNH BẮC GIANG" (12–13, regular).
    pub const GOVERNING_BODY: f32 = 13.0;
    /// "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (12–13, bold).
    pub const ISSUING_BODY: f32 = 13.0;
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12–13, bold).
    pub const NATIONAL_NAME: f32 = 12.0;
    /// "Độc lập - Tự do - Hạnh phúc" (13–14, bold, underlined).
    pub const MOTTO: f32 = 13.0;
    /// "Số: 05/KH-KHCN" (13).
    pub const NUMBER: f32 = 13.0;
    /// "Bắc Giang, ngày …" (13–14, italic).
    pub const PLACE_DATE: f32 = 14.0;
    /// "KẾ HOẠCH" (13–14, bold).
    pub const TITLE: f32 = 14.0;
    /// The summary (13–14, bold).
    pub const SUMMARY: f32 = 14.0;
    /// Signer lines and name (13–14, bold).
    pub const SIGNER: f32 = 14.0;
    /// "Nơi nhận:" (12, bold italic).
    pub const RECIPIENTS_LABEL: f32 = 12.0;
    /// Recipient lines (11).
    pub const RECIPIENTS: f32 = 11.0;
    /// The page number (13–14).
    pub const PAGE_NUMBER: f32 = 13.0;
    /// Cells of tables (annexed lists).
    pub const TABLE: f32 = 13.0;
}

/// First-line indent of body paragraphs (1–1.27 cm).
pub const FIRST_LINE_INDENT_MM: f32 = 12.7;
/// Space after each body paragraph (at least 6 pt).
pub const PARAGRAPH_AFTER_PT: f32 = 6.0;
/// Line spacing, as a multiple of single (single to 1.5).
pub const LINE_SPACING: f32 = 1.15;
/// Width of the left column of the header table (issuing body, number).
pub const HEADER_LEFT_MM: f32 = 75.0;
/// Width of the right column (national name, motto, place and date).
pub const HEADER_RIGHT_MM: f32 = 95.0;
/// The header table starts this far into the left margin, as Vietnamese templates do, so that
/// "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (13 pt) and the national name (12 pt) each fit on one line.
pub const HEADER_OUTDENT_MM: f32 = 5.0;
/// Height of a single-spaced line in em of Times New Roman and its metric twins (hhea ascender
/// + descender + line gap: 1825 + 443 + 87 = 2355 of 2048), as Word and LibreOffice count it.
pub const SINGLE_LINE_EM: f32 = 1.149;
/// Length of the short rule under the issuing body.
pub const ISSUER_RULE_MM: f32 = 25.0;
/// Room left for the handwritten signature and the seal between position and name.
pub const SIGNATURE_SPACE_MM: f32 = 24.0;

/// Length of the rule under a summary: about 40 % of the line's width, between 20 and 60 mm
/// (the decree asks for 1/3 to 1/2 of the text it underlines).
pub fn summary_rule_mm(summary: &str, size_pt: f32) -> f32 {
    let longest = summary
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as f32;
    // An average Times glyph is about half an em wide; 1 pt = 0.3528 mm.
    let width = longest * 0.5 * size_pt * 0.3528;
    (width * 0.4).clamp(20.0, 60.0)
}

/// A margin in twips, rounded up so it never falls short of the decree's minimum (15 mm is
/// 850.4 twips: 851, not 850).
pub fn margin_twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).ceil() as i64
}

/// The margin the DOCX actually has, in mm, so the PDF uses the very same text width and
/// breaks its lines where Word and LibreOffice do.
pub fn margin_mm(mm: f32) -> f32 {
    margin_twips(mm) as f32 * 25.4 / 1440.0
}

/// Millimetres to twentieths of a point (DOCX geometry).
pub fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

/// Points to half-points (DOCX font sizes).
pub fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}
