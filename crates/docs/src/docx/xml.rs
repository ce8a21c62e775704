//! A small XML writer for WordprocessingML.
//!
//! Elements are written in the order of the ECMA-376 schema sequences (CT_PPr, CT_RPr, CT_TblPr,
//! CT_TcPr, CT_SectPr, CT_Style) — each helper below emits its children in that order, so a
//! strict reader never sees an element out of place.

use std::fmt::Write;

/// Escapes text for element content and attribute values, dropping the characters XML 1.0
/// cannot carry (C0 controls other than tab and line breaks).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Paragraph alignment (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jc {
    Left,
    Center,
    Right,
    Both,
}

impl Jc {
    fn val(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Center => "center",
            Self::Right => "right",
            Self::Both => "both",
        }
    }
}

/// Paragraph properties, written in CT_PPr order.
#[derive(Debug, Clone, Default)]
pub struct PPr<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    pub page_break_before: bool,
    /// A bottom border (the short rules of the header and under the summary).
    pub border_bottom: bool,
    /// (before, after) in twips.
    pub spacing: Option<(i64, i64)>,
    /// (left, right, first line) in twips.
    pub indent: Option<(i64, i64, i64)>,
    pub jc: Option<Jc>,
    /// Size of the paragraph mark in half-points (makes an empty rule paragraph thin).
    pub mark_size: Option<i64>,
}

impl PPr<'_> {
    pub fn write(&self, out: &mut String) {
        let empty = self.style.is_none()
            && !self.keep_next
            && !self.page_break_before
            && !self.border_bottom
            && self.spacing.is_none()
            && self.indent.is_none()
            && self.jc.is_none()
            && self.mark_size.is_none();
        if empty {
            return;
        }
        out.push_str("<w:pPr>");
        if let Some(s) = self.style {
            let _ = write!(out, r#"<w:pStyle w:val="{s}"/>"#);
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            out.push_str("<w:pageBreakBefore/>");
        }
        if self.border_bottom {
            out.push_str(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
            );
        }
        if let Some((before, after)) = self.spacing {
            let _ = write!(out, r#"<w:spacing w:before="{before}" w:after="{after}"/>"#);
        }
        if let Some((left, right, first)) = self.indent {
            let _ = write!(
                out,
                r#"<w:ind w:left="{left}" w:right="{right}" w:firstLine="{first}"/>"#
            );
        }
        if let Some(jc) = self.jc {
            let _ = write!(out, r#"<w:jc w:val="{}"/>"#, jc.val());
        }
        if let Some(sz) = self.mark_size {
            let _ = write!(
                out,
                r#"<w:rPr><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#
            );
        }
        out.push_str("</w:pPr>");
    }
}

/// Run properties, written in CT_RPr order.
#[derive(Debug, Clone, Copy, Default)]
pub struct RPr {
    pub bold: bool,
    pub italic: bool,
    /// In half-points.
    pub size: Option<i64>,
    pub underline: bool,
    /// Hex RGB: "9B1B1B".
    pub color: Option<&'static str>,
}

impl RPr {
    pub fn write(&self, out: &mut String) {
        if !self.bold
            && !self.italic
            && self.size.is_none()
            && !self.underline
            && self.color.is_none()
        {
            return;
        }
        out.push_str("<w:rPr>");
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if let Some(color) = self.color {
            let _ = write!(out, r#"<w:color w:val="{color}"/>"#);
        }
        if let Some(sz) = self.size {
            let _ = write!(out, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#);
        }
        if self.underline {
            out.push_str(r#"<w:u w:val="single"/>"#);
        }
        out.push_str("</w:rPr>");
    }
}

/// Writes a run; line breaks in the text become `w:br`, tabs `w:tab`.
pub fn run(out: &mut String, rpr: RPr, text: &str) {
    out.push_str("<w:r>");
    rpr.write(out);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (k, piece) in line.split('\t').enumerate() {
            if k > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                escape_into(out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
}

/// Writes a paragraph of one run.
pub fn paragraph(out: &mut String, ppr: &PPr<'_>, rpr: RPr, text: &str) {
    out.push_str("<w:p>");
    ppr.write(out);
    if !text.is_empty() {
        run(out, rpr, text);
    }
    out.push_str("</w:p>");
}

/// Table-wide settings, written in CT_TblPr order.
pub struct TblPr {
    /// Total width in twips.
    pub width: i64,
    /// Indent from the left margin in twips (may be negative).
    pub indent: i64,
    pub borders: bool,
    /// Left/right cell margin in twips.
    pub cell_margin: i64,
}

impl TblPr {
    pub fn write(&self, out: &mut String, grid: &[i64]) {
        out.push_str("<w:tbl><w:tblPr>");
        let _ = write!(out, r#"<w:tblW w:w="{}" w:type="dxa"/>"#, self.width);
        let _ = write!(out, r#"<w:tblInd w:w="{}" w:type="dxa"/>"#, self.indent);
        let (val, sz) = if self.borders {
            ("single", 4)
        } else {
            ("nil", 0)
        };
        out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            if self.borders {
                let _ = write!(
                    out,
                    r#"<w:{side} w:val="{val}" w:sz="{sz}" w:space="0" w:color="000000"/>"#
                );
            } else {
                let _ = write!(out, r#"<w:{side} w:val="nil"/>"#);
            }
        }
        out.push_str("</w:tblBorders>");
        out.push_str(r#"<w:tblLayout w:type="fixed"/>"#);
        let m = self.cell_margin;
        let _ = write!(
            out,
            r#"<w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>"#
        );
        out.push_str("</w:tblPr><w:tblGrid>");
        for w in grid {
            let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
        }
        out.push_str("</w:tblGrid>");
    }
}

/// Opens a row; a header row repeats on each page and no row splits across pages.
pub fn row_start(out: &mut String, header: bool) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/>");
    if header {
        out.push_str("<w:tblHeader/>");
    }
    out.push_str("</w:trPr>");
}

/// Opens a cell of a width (twips), vertically centred or top-aligned.
pub fn cell_start(out: &mut String, width: i64, v_center: bool) {
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if v_center {
        out.push_str(r#"<w:vAlign w:val="center"/>"#);
    }
    out.push_str("</w:tcPr>");
}
