//! The document model: header + blocks + signer + recipients (+ annexed tables).
//!
//! Every paper the product makes — plan, decision, proposal, minutes, report — is a [`Document`]
//! value; the DOCX and PDF renderers lay it out per Decree 30/2020. Adding a paper is building a
//! `Document`, never writing layout code. The model is serde-friendly so the app can keep a
//! paper's blocks as JSON.

use serde::{Deserialize, Serialize};

use crate::dates::{self, DocDate};

/// The kinds of paper, with their type symbol and title (Decree 30, Phụ lục III).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Kế hoạch (KH).
    KeHoach,
    /// Quyết định (QĐ).
    QuyetDinh,
    /// Tờ trình (TTr).
    ToTrinh,
    /// Báo cáo (BC).
    BaoCao,
    /// Biên bản (BB).
    BienBan,
    /// Thông báo (TB).
    ThongBao,
    /// Hướng dẫn (HD).
    HuongDan,
    /// Giấy khen (no symbol; see [`crate::certificate`]).
    GiayKhen,
    /// Báo cáo thành tích (Decree 98 Mẫu 02/03; unnumbered).
    BaoCaoThanhTich,
    /// Công văn: no type name, the symbol is the agency's alone.
    CongVan,
}

impl DocKind {
    /// The type symbol of the number line: "KH", "QĐ", "TTr"…; empty where there is none.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::KeHoach => "KH",
            Self::QuyetDinh => "QĐ",
            Self::ToTrinh => "TTr",
            Self::BaoCao => "BC",
            Self::BienBan => "BB",
            Self::ThongBao => "TB",
            Self::HuongDan => "HD",
            Self::GiayKhen | Self::BaoCaoThanhTich | Self::CongVan => "",
        }
    }

    /// The type name printed as the title: "KẾ HOẠCH", "QUYẾT ĐỊNH"…
    pub fn title(self) -> &'static str {
        match self {
            Self::KeHoach => "KẾ HOẠCH",
            Self::QuyetDinh => "QUYẾT ĐỊNH",
            Self::ToTrinh => "TỜ TRÌNH",
            Self::BaoCao => "BÁO CÁO",
            Self::BienBan => "BIÊN BẢN",
            Self::ThongBao => "THÔNG BÁO",
            Self::HuongDan => "HƯỚNG DẪN",
            Self::GiayKhen => "GIẤY KHEN",
            Self::BaoCaoThanhTich => "BÁO CÁO THÀNH TÍCH",
            Self::CongVan => "",
        }
    }
}

/// How the top of page 1 is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderLayout {
    /// Issuing body at the left, national name and motto at the right (Decree 30).
    #[default]
    Standard,
    /// National name and motto centred, no issuing body (a person's own report, Mẫu 03).
    NationalOnly,
}

/// The national name (Quốc hiệu).
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The motto (Tiêu ngữ).
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The header of page 1: who issues, the number and the date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Layout of the header.
    #[serde(default)]
    pub layout: HeaderLayout,
    /// The governing body, regular type: "UBND TỈNH BẮC GIANG".
    #[serde(default)]
    pub governing_body: Option<String>,
    /// The issuing body, bold: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    #[serde(default)]
    pub issuing_body: String,
    /// The number, set when the paper is issued; a draft prints a blank.
    #[serde(default)]
    pub number: Option<u32>,
    /// The type symbol: "KH"; empty for none (then no number line unless `agency_symbol`).
    #[serde(default)]
    pub type_symbol: String,
    /// The agency's symbol: "KHCN".
    #[serde(default)]
    pub agency_symbol: String,
    /// The place: "Bắc Giang".
    #[serde(default)]
    pub place: String,
    /// The date, or a draft's blanks.
    pub date: DocDate,
}

impl Header {
    /// The symbol after the number: "KH-KHCN" ("KHCN" for a công văn).
    pub fn symbol(&self) -> String {
        match (self.type_symbol.is_empty(), self.agency_symbol.is_empty()) {
            (false, false) => format!("{}-{}", self.type_symbol, self.agency_symbol),
            (false, true) => self.type_symbol.clone(),
            (true, _) => self.agency_symbol.clone(),
        }
    }

    /// "Số: 05/KH-KHCN" (leading zero below 10), "Số:      /KH-KHCN" for a draft; `None` for a
    /// paper that has no number (a person's report).
    pub fn number_line(&self) -> Option<String> {
        let symbol = self.symbol();
        if symbol.is_empty() {
            return None;
        }
        Some(match self.number {
            Some(n) => format!("Số: {n:02}/{symbol}"),
            None => format!("Số:{}/{symbol}", dates::NUMBER_BLANK),
        })
    }

    /// "Bắc Giang, ngày 05 tháng 02 năm 2024".
    pub fn place_date_line(&self) -> String {
        dates::place_and_date(&self.place, &self.date)
    }

    /// "05/KH-KHCN" for citing the paper; `None` while it has no number.
    pub fn reference(&self) -> Option<String> {
        self.number.map(|n| format!("{n:02}/{}", self.symbol()))
    }
}

/// A piece of text with its emphasis. In JSON either a plain string or
/// `{"text": "…", "bold": true, "italic": true}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Inline {
    /// Plain text.
    Plain(String),
    /// Text with emphasis.
    Styled(Span),
}

/// Text with emphasis.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    /// Italic.
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Underlined.
    #[serde(default, skip_serializing_if = "is_false")]
    pub underline: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

impl Inline {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self::Plain(text.into())
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self::Styled(Span {
            text: text.into(),
            bold: true,
            ..Span::default()
        })
    }
    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Self::Styled(Span {
            text: text.into(),
            italic: true,
            ..Span::default()
        })
    }
    /// The text.
    pub fn text(&self) -> &str {
        match self {
            Self::Plain(t) => t,
            Self::Styled(s) => &s.text,
        }
    }
    /// Whether it is bold.
    pub fn is_bold(&self) -> bool {
        matches!(self, Self::Styled(s) if s.bold)
    }
    /// Whether it is italic.
    pub fn is_italic(&self) -> bool {
        matches!(self, Self::Styled(s) if s.italic)
    }
    /// Whether it is underlined.
    pub fn is_underline(&self) -> bool {
        matches!(self, Self::Styled(s) if s.underline)
    }
}

/// Horizontal alignment of a paragraph or a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Justified body text with a first-line indent.
    #[default]
    Justify,
    /// Left, no indent.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A numbered heading: level 1 "I. MỤC ĐÍCH, YÊU CẦU", level 2 "1. Mục đích", level 3
    /// "1.1. …". The number is text, as the agency wrote it.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// "I.", "1.", "1.1." — may be empty.
        #[serde(default)]
        number: String,
        /// The heading text.
        text: String,
    },
    /// A paragraph, optionally starting with a number ("2.1.", "Điều 1.").
    Paragraph {
        /// Printed before the text, followed by a space.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<String>,
        /// The text with its emphasis.
        runs: Vec<Inline>,
        /// Alignment (justified with a first-line indent by default).
        #[serde(default, skip_serializing_if = "is_default_align")]
        align: Align,
    },
    /// A "-" bullet, as Vietnamese papers type it.
    Bullet {
        /// The text with its emphasis.
        runs: Vec<Inline>,
    },
    /// A table inside the body.
    Table(Table),
    /// Start a new page.
    PageBreak,
}

fn is_default_align(a: &Align) -> bool {
    *a == Align::Justify
}

impl Block {
    /// A heading.
    pub fn heading(level: u8, number: impl Into<String>, text: impl Into<String>) -> Self {
        Self::Heading {
            level,
            number: number.into(),
            text: text.into(),
        }
    }
    /// A plain justified paragraph.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self::Paragraph {
            number: None,
            runs: vec![Inline::plain(text)],
            align: Align::Justify,
        }
    }
    /// A paragraph of runs.
    pub fn runs(runs: Vec<Inline>) -> Self {
        Self::Paragraph {
            number: None,
            runs,
            align: Align::Justify,
        }
    }
    /// A numbered paragraph: "2.1. Tiếp tục …".
    pub fn numbered(number: impl Into<String>, text: impl Into<String>) -> Self {
        Self::Paragraph {
            number: Some(number.into()),
            runs: vec![Inline::plain(text)],
            align: Align::Justify,
        }
    }
    /// A "-" bullet.
    pub fn bullet(text: impl Into<String>) -> Self {
        Self::Bullet {
            runs: vec![Inline::plain(text)],
        }
    }

    /// The text as printed (numbers and bullets included): for search and tests.
    pub fn printed_text(&self) -> Vec<String> {
        match self {
            Self::Heading { number, text, .. } => vec![join_number(number, text)],
            Self::Paragraph { number, runs, .. } => {
                vec![join_number(
                    number.as_deref().unwrap_or(""),
                    &runs_text(runs),
                )]
            }
            Self::Bullet { runs } => vec![format!("- {}", runs_text(runs))],
            Self::Table(t) => t.printed_text(),
            Self::PageBreak => Vec::new(),
        }
    }
}

pub(crate) fn join_number(number: &str, text: &str) -> String {
    if number.is_empty() {
        text.to_owned()
    } else {
        format!("{number} {text}")
    }
}

pub(crate) fn runs_text(runs: &[Inline]) -> String {
    runs.iter().map(Inline::text).collect()
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The header cell: "Họ và tên".
    pub title: String,
    /// Relative width (the columns share the text width in these proportions).
    #[serde(default = "one")]
    pub width: u32,
    /// Alignment of the cells.
    #[serde(default = "left")]
    pub align: Align,
}

fn one() -> u32 {
    1
}
fn left() -> Align {
    Align::Left
}

impl Column {
    /// A column.
    pub fn new(title: impl Into<String>, width: u32, align: Align) -> Self {
        Self {
            title: title.into(),
            width,
            align,
        }
    }
}

/// A table with a header row (repeated on each page) and text cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn printed_text(&self) -> Vec<String> {
        let mut out: Vec<String> = self.columns.iter().map(|c| c.title.clone()).collect();
        out.extend(self.rows.iter().flatten().cloned());
        out
    }
}

/// An annex on its own page: "DANH SÁCH …" with its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annex {
    /// Bold centred title: "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN".
    pub title: String,
    /// Italic line under it: "(Kèm theo Quyết định số 12/QĐ-KHCN ngày … của …)".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The list.
    pub table: Table,
}

/// Who signs: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / (signature) / "Triệu Ngọc Trung".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Signer {
    /// The authority line: "KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG"; none when the head signs.
    #[serde(default)]
    pub authority: Option<String>,
    /// The position: "PHÓ GIÁM ĐỐC".
    pub position: String,
    /// An italic note under the position: "(Ký, ghi rõ họ và tên)".
    #[serde(default)]
    pub note: Option<String>,
    /// The full name, bold.
    pub name: String,
}

impl Signer {
    /// The printed lines above the signature (authority, position).
    pub fn title_lines(&self) -> Vec<&str> {
        self.authority
            .iter()
            .map(String::as_str)
            .chain([self.position.as_str()])
            .collect()
    }
}

/// A document: header + blocks + signer + recipients (+ annexed tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The kind of paper.
    pub kind: DocKind,
    /// Header of page 1.
    pub header: Header,
    /// The type name as printed ("KẾ HOẠCH"); usually [`DocKind::title`].
    pub title: String,
    /// The summary (trích yếu), bold under the title; lines split at '\n'.
    #[serde(default)]
    pub summary: Option<String>,
    /// An italic line under the summary: "(Mẫu này dùng cho cá nhân)".
    #[serde(default)]
    pub summary_note: Option<String>,
    /// The authority of a decision, bold centred: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    #[serde(default)]
    pub authority_line: Option<String>,
    /// "Căn cứ …" lines, italic, one per paragraph.
    #[serde(default)]
    pub bases: Vec<String>,
    /// The enacting words, bold centred: "QUYẾT ĐỊNH:".
    #[serde(default)]
    pub enacting: Option<String>,
    /// The body.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// The signer, at the right.
    pub signer: Signer,
    /// A second signer at the left, in place of the recipients (reports: the head confirming).
    #[serde(default)]
    pub left_signer: Option<Signer>,
    /// Recipients ("Nơi nhận"), each printed "- …;".
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The archive line, printed last: "VT, VP" → "- Lưu: VT, VP.".
    #[serde(default)]
    pub archive: Option<String>,
    /// Annexed tables, each on a new page.
    #[serde(default)]
    pub annexes: Vec<Annex>,
}

impl Document {
    /// An empty paper of a kind, with its standard title.
    pub fn new(kind: DocKind, header: Header, signer: Signer) -> Self {
        Self {
            kind,
            header,
            title: kind.title().to_owned(),
            summary: None,
            summary_note: None,
            authority_line: None,
            bases: Vec::new(),
            enacting: None,
            blocks: Vec::new(),
            signer,
            left_signer: None,
            recipients: Vec::new(),
            archive: None,
            annexes: Vec::new(),
        }
    }

    /// The recipients as printed: "- Sở Nội vụ;" … "- Lưu: VT, VP.".
    pub fn recipient_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .recipients
            .iter()
            .map(|r| {
                let name = r
                    .trim()
                    .trim_start_matches("- ")
                    .trim_end_matches([';', '.']);
                format!("- {name};")
            })
            .collect();
        if let Some(archive) = &self.archive {
            lines.push(format!("- Lưu: {}.", archive.trim().trim_end_matches('.')));
        } else if let Some(last) = lines.last_mut() {
            // The last line ends with a full stop (Decree 30).
            last.pop();
            last.push('.');
        }
        lines
    }

    /// Whether the "Nơi nhận:" block is printed.
    pub fn has_recipients(&self) -> bool {
        !self.recipients.is_empty() || self.archive.is_some()
    }

    /// All the text of the paper in reading order, one entry per printed paragraph.
    pub fn printed_text(&self) -> Vec<String> {
        let mut out = Vec::new();
        let h = &self.header;
        if h.layout == HeaderLayout::Standard {
            out.extend(h.governing_body.clone());
            out.push(h.issuing_body.clone());
            out.extend([NATIONAL_NAME.to_owned(), MOTTO.to_owned()]);
            out.extend(h.number_line());
        } else {
            out.extend([NATIONAL_NAME.to_owned(), MOTTO.to_owned()]);
        }
        out.push(h.place_date_line());
        out.push(self.title.clone());
        out.extend(
            self.summary
                .iter()
                .flat_map(|s| s.lines().map(str::to_owned)),
        );
        out.extend(self.summary_note.clone());
        out.extend(self.authority_line.clone());
        out.extend(self.bases.iter().cloned());
        out.extend(self.enacting.clone());
        out.extend(self.blocks.iter().flat_map(Block::printed_text));
        let signer_lines = |s: &Signer| {
            let mut v: Vec<String> = s.title_lines().into_iter().map(str::to_owned).collect();
            v.extend(s.note.clone());
            v.push(s.name.clone());
            v
        };
        if let Some(left) = &self.left_signer {
            out.extend(signer_lines(left));
        } else if self.has_recipients() {
            out.push("Nơi nhận:".to_owned());
            out.extend(self.recipient_lines());
        }
        out.extend(signer_lines(&self.signer));
        if self.left_signer.is_some() && self.has_recipients() {
            out.push("Nơi nhận:".to_owned());
            out.extend(self.recipient_lines());
        }
        for annex in &self.annexes {
            out.push(annex.title.clone());
            out.extend(annex.subtitle.clone());
            out.extend(annex.table.printed_text());
        }
        out
    }

    /// A short title for file names and PDF metadata: "KH-KHCN 2024 Phát động phong trào…".
    pub fn meta_title(&self) -> String {
        let mut parts = Vec::new();
        parts.push(self.title.clone());
        if let Some(r) = self.header.reference() {
            parts.push(r);
        }
        if let Some(s) = &self.summary {
            parts.push(s.replace('\n', " "));
        }
        parts.join(" ")
    }
}
