//! DOCX renderer: WordprocessingML written directly, in schema order, with styles.
//!
//! Why not build the XML with docx-rs: version 0.4.22 writes `w:rPr` first inside `w:pPr` and
//! before `w:pPr` inside `w:style` (see its `paragraph_property.rs` and `style.rs`), against the
//! `xsd:sequence` of ECMA-376 — Word and LibreOffice tolerate that, a strict validator does not.
//! An administrative paper uses a dozen elements; writing them ourselves keeps every part valid
//! and makes a 1,000-row annex a matter of milliseconds. docx-rs stays as the independent reader
//! in the tests.

mod certificate;
mod parts;
mod xml;

pub use certificate::certificate_docx;

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::layout::{self, A4_PORTRAIT, twips};
use crate::model::{
    Align, Annex, Block, Document, HeaderLayout, Inline, MOTTO, NATIONAL_NAME, Signer, Table,
};
use crate::nfc;
use parts::id;
use xml::{Jc, PPr, RPr, TblPr, cell_start, paragraph, row_start, run};

/// Cell margin left and right (1.5 mm).
const CELL_MARGIN: i64 = 85;

/// Renders a document as DOCX bytes, after validating it.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, crate::Error> {
    doc.validate()?;
    package(document_xml(doc), &doc.meta_title())
}

/// Zips the parts of a WordprocessingML package around a main document part.
fn package(body: String, title: &str) -> Result<Vec<u8>, crate::Error> {
    let (header_page, header_first) = parts::headers();
    // [Content_Types].xml first, as Office writes it; entries carry the zip's fixed 1980 date,
    // so the same paper always gives the same bytes.
    let entries: [(&str, String); 11] = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core_props(title)),
        ("docProps/app.xml", parts::app_props()),
        ("word/document.xml", body),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/header1.xml", header_page),
        ("word/header2.xml", header_first),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let io = |e: std::io::Error| crate::Error::Docx(e.to_string());
    let zerr = |e: zip::result::ZipError| crate::Error::Docx(e.to_string());
    for (name, content) in &entries {
        zip.start_file(*name, options).map_err(zerr)?;
        zip.write_all(content.as_bytes()).map_err(io)?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}

fn document_xml(doc: &Document) -> String {
    let rows: usize = doc.annexes.iter().map(|a| a.table.rows.len()).sum();
    let mut out = String::with_capacity(16_000 + rows * 900);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{}\" xmlns:r=\"{}\"><w:body>",
        parts::W_NS,
        parts::R_NS
    );
    let mut w = Writer { out };
    w.header(doc);
    w.title(doc);
    for block in &doc.blocks {
        w.block(block);
    }
    w.signatures(doc);
    for annex in &doc.annexes {
        w.annex(annex);
    }
    w.section();
    w.out.push_str("</w:body></w:document>");
    w.out
}

struct Writer {
    out: String,
}

fn style(id: &str) -> PPr<'_> {
    PPr {
        style: Some(id),
        ..PPr::default()
    }
}

impl Writer {
    fn para(&mut self, style_id: &str, text: &str) {
        paragraph(&mut self.out, &style(style_id), RPr::default(), &nfc(text));
    }

    /// A short centred rule: an empty paragraph with a bottom border, indented to `len_mm`
    /// inside a space `width_mm` wide.
    fn rule(&mut self, width_mm: f32, len_mm: f32) {
        let side = twips(((width_mm - len_mm) / 2.0).max(0.0));
        let ppr = PPr {
            style: Some(id::RULE),
            indent: Some((side, side, 0)),
            ..PPr::default()
        };
        paragraph(&mut self.out, &ppr, RPr::default(), "");
    }

    /// An empty thin paragraph with `after` twips of space below it.
    fn spacer(&mut self, after: i64) {
        let ppr = PPr {
            style: Some(id::SPACER),
            spacing: (after > 0).then_some((0, after)),
            ..PPr::default()
        };
        paragraph(&mut self.out, &ppr, RPr::default(), "");
    }

    fn header(&mut self, doc: &Document) {
        let h = &doc.header;
        if h.layout == HeaderLayout::NationalOnly {
            self.para(id::NATIONAL, NATIONAL_NAME);
            self.para(id::MOTTO, MOTTO);
            let ppr = PPr {
                style: Some(id::PLACE_DATE),
                jc: Some(Jc::Right),
                ..PPr::default()
            };
            paragraph(
                &mut self.out,
                &ppr,
                RPr::default(),
                &nfc(&h.place_date_line()),
            );
            return;
        }
        let left_mm = layout::HEADER_LEFT_MM;
        let grid = [twips(left_mm), twips(layout::HEADER_RIGHT_MM)];
        let indent = -twips(layout::HEADER_OUTDENT_MM);
        TblPr {
            width: grid[0] + grid[1],
            indent,
            borders: false,
            cell_margin: CELL_MARGIN,
        }
        .write(&mut self.out, &grid);
        let inner_left = left_mm - 2.0 * CELL_MARGIN as f32 * 25.4 / 1440.0;
        // Row 1: issuing body at the left, national name and motto at the right.
        row_start(&mut self.out, false);
        cell_start(&mut self.out, grid[0], false);
        if let Some(gov) = &h.governing_body {
            self.para(id::GOVERNING, gov);
        }
        self.para(id::ISSUER, &h.issuing_body);
        self.rule(inner_left, layout::ISSUER_RULE_MM);
        self.out.push_str("</w:tc>");
        cell_start(&mut self.out, grid[1], false);
        self.para(id::NATIONAL, NATIONAL_NAME);
        self.para(id::MOTTO, MOTTO);
        self.out.push_str("</w:tc></w:tr>");
        // Row 2: number at the left, place and date at the right, on one line.
        row_start(&mut self.out, false);
        cell_start(&mut self.out, grid[0], false);
        self.para(id::NUMBER, h.number_line().as_deref().unwrap_or(""));
        self.out.push_str("</w:tc>");
        cell_start(&mut self.out, grid[1], false);
        self.para(id::PLACE_DATE, &h.place_date_line());
        self.out.push_str("</w:tc></w:tr></w:tbl>");
    }

    fn title(&mut self, doc: &Document) {
        if !doc.title.is_empty() {
            self.para(id::TITLE, &doc.title);
        }
        if let Some(summary) = &doc.summary {
            for line in summary.lines() {
                self.para(id::SUMMARY, line);
            }
        }
        if let Some(note) = &doc.summary_note {
            self.para(id::SUMMARY_NOTE, note);
        }
        let rule_len = doc
            .summary
            .as_deref()
            .map(|s| layout::summary_rule_mm(s, layout::size::SUMMARY))
            .unwrap_or(30.0);
        self.rule(A4_PORTRAIT.text_width_mm(), rule_len);
        // Room between the rule and the body.
        self.spacer(300);
        if let Some(a) = &doc.authority_line {
            self.para(id::CENTER_BOLD, a);
        }
        for basis in &doc.bases {
            self.para(id::BASIS, basis);
        }
        if let Some(e) = &doc.enacting {
            self.para(id::CENTER_BOLD, e);
        }
    }

    fn runs(&mut self, runs: &[Inline]) {
        for r in runs {
            let rpr = RPr {
                bold: r.is_bold(),
                italic: r.is_italic(),
                underline: r.is_underline(),
                ..RPr::default()
            };
            run(&mut self.out, rpr, &nfc(r.text()));
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                number,
                text,
            } => {
                let style_id = id::HEADING[usize::from(level.clamp(&1, &3) - 1)];
                self.para(style_id, &crate::model::join_number(number, text));
            }
            Block::Paragraph {
                number,
                runs,
                align,
            } => {
                let (jc, indent) = match align {
                    Align::Justify => (None, None),
                    Align::Left => (Some(Jc::Left), Some((0, 0, 0))),
                    Align::Center => (Some(Jc::Center), Some((0, 0, 0))),
                    Align::Right => (Some(Jc::Right), Some((0, 0, 0))),
                };
                self.out.push_str("<w:p>");
                PPr {
                    style: Some(id::BODY),
                    indent,
                    jc,
                    ..PPr::default()
                }
                .write(&mut self.out);
                if let Some(n) = number {
                    run(&mut self.out, RPr::default(), &format!("{} ", nfc(n)));
                }
                self.runs(runs);
                self.out.push_str("</w:p>");
            }
            Block::Bullet { runs } => {
                self.out.push_str("<w:p>");
                style(id::BULLET).write(&mut self.out);
                run(&mut self.out, RPr::default(), "- ");
                self.runs(runs);
                self.out.push_str("</w:p>");
            }
            Block::Table(t) => self.table(t),
            Block::PageBreak => {
                self.out
                    .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
            }
        }
    }

    fn table(&mut self, t: &Table) {
        let width = A4_PORTRAIT.text_width_mm();
        let total: u32 = t.columns.iter().map(|c| c.width).sum::<u32>().max(1);
        let grid: Vec<i64> = t
            .columns
            .iter()
            .map(|c| twips(width * c.width as f32 / total as f32))
            .collect();
        TblPr {
            width: grid.iter().sum(),
            indent: 0,
            borders: true,
            cell_margin: CELL_MARGIN,
        }
        .write(&mut self.out, &grid);
        row_start(&mut self.out, true);
        for (col, w) in t.columns.iter().zip(&grid) {
            cell_start(&mut self.out, *w, true);
            self.para(id::TABLE_HEADER, &col.title);
            self.out.push_str("</w:tc>");
        }
        self.out.push_str("</w:tr>");
        for row in &t.rows {
            row_start(&mut self.out, false);
            for ((col, w), cell) in t.columns.iter().zip(&grid).zip(row) {
                cell_start(&mut self.out, *w, true);
                let jc = match col.align {
                    Align::Center => Some(Jc::Center),
                    Align::Right => Some(Jc::Right),
                    Align::Justify => Some(Jc::Both),
                    Align::Left => None,
                };
                let ppr = PPr {
                    style: Some(id::TABLE_CELL),
                    jc,
                    ..PPr::default()
                };
                paragraph(&mut self.out, &ppr, RPr::default(), &nfc(cell));
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        // A table must not touch the next table or the section end (Word would merge them), and
        // the text after it needs the space a paragraph has.
        self.spacer(120);
    }

    fn signer_top(&mut self, s: &Signer) {
        for line in s.title_lines() {
            self.para(id::SIGNER_TITLE, line);
        }
        if let Some(note) = &s.note {
            self.para(id::SIGNER_NOTE, note);
        }
    }

    fn signer(&mut self, s: &Signer) {
        self.signer_top(s);
        self.para(id::SIGNER_NAME, &s.name);
    }

    fn recipients(&mut self, doc: &Document) {
        self.para(id::RECIPIENTS_LABEL, "Nơi nhận:");
        for line in doc.recipient_lines() {
            self.para(id::RECIPIENT, &line);
        }
    }

    /// Recipients at the left beside the signer at the right, in a borderless table as real
    /// papers do (or two signers side by side).
    fn signatures(&mut self, doc: &Document) {
        let width = A4_PORTRAIT.text_width_mm();
        let left_mm = if doc.left_signer.is_some() {
            width / 2.0
        } else {
            75.0
        };
        let grid = [twips(left_mm), twips(width - left_mm)];
        // Keep the closing block off the body's last line.
        paragraph(
            &mut self.out,
            &PPr {
                style: Some(id::SPACER),
                keep_next: true,
                ..PPr::default()
            },
            RPr::default(),
            "",
        );
        TblPr {
            width: twips(width),
            indent: 0,
            borders: false,
            cell_margin: CELL_MARGIN,
        }
        .write(&mut self.out, &grid);
        if let Some(left) = &doc.left_signer {
            // Two signers: titles in one row, names in the next, so the names share a line.
            row_start(&mut self.out, false);
            for (s, w) in [(left, grid[0]), (&doc.signer, grid[1])] {
                cell_start(&mut self.out, w, false);
                self.signer_top(s);
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
            row_start(&mut self.out, false);
            for (s, w) in [(left, grid[0]), (&doc.signer, grid[1])] {
                cell_start(&mut self.out, w, false);
                self.para(id::SIGNER_NAME, &s.name);
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr></w:tbl>");
        } else {
            row_start(&mut self.out, false);
            cell_start(&mut self.out, grid[0], false);
            if doc.has_recipients() {
                self.recipients(doc);
            } else {
                paragraph(&mut self.out, &PPr::default(), RPr::default(), "");
            }
            self.out.push_str("</w:tc>");
            cell_start(&mut self.out, grid[1], false);
            self.signer(&doc.signer);
            self.out.push_str("</w:tc></w:tr></w:tbl>");
        }
        self.spacer(0);
        if doc.left_signer.is_some() && doc.has_recipients() {
            self.recipients(doc);
        }
    }

    fn annex(&mut self, annex: &Annex) {
        let mut lines = annex.title.lines();
        if let Some(first) = lines.next() {
            let ppr = PPr {
                style: Some(id::ANNEX_TITLE),
                page_break_before: true,
                ..PPr::default()
            };
            paragraph(&mut self.out, &ppr, RPr::default(), &nfc(first));
        }
        for line in lines {
            self.para(id::ANNEX_TITLE, line);
        }
        if let Some(sub) = &annex.subtitle {
            self.para(id::ANNEX_NOTE, sub);
        }
        self.rule(A4_PORTRAIT.text_width_mm(), 30.0);
        self.spacer(160);
        self.table(&annex.table);
    }

    fn section(&mut self) {
        let p = A4_PORTRAIT;
        let _ = write!(
            self.out,
            r#"<w:sectPr><w:headerReference w:type="default" r:id="{}"/><w:headerReference w:type="first" r:id="{}"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/><w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>"#,
            parts::HEADER_DEFAULT_RID,
            parts::HEADER_FIRST_RID,
            twips(p.width_mm),
            twips(p.height_mm),
            layout::margin_twips(p.top_mm),
            layout::margin_twips(p.right_mm),
            layout::margin_twips(p.bottom_mm),
            layout::margin_twips(p.left_mm),
            twips(layout::PAGE_NUMBER_FROM_TOP_MM),
            twips(layout::PAGE_NUMBER_FROM_TOP_MM),
        );
    }
}
