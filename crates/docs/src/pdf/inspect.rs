//! Reads the laid-out pages back as text lines with their font style, so tests and previews can
//! check what the PDF shows without a PDF parser.

use serde::Serialize;
use typst::layout::{Frame, FrameItem, Point};
use typst::text::{FontStyle, FontWeight};
use typst_layout::PagedDocument;

/// A line of text as laid out: adjacent text items on one baseline (a table's cells, or two
/// columns side by side, stay separate lines).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    /// 1-based page number.
    pub page: usize,
    /// Distance of the baseline from the top edge, in mm.
    pub y_mm: f64,
    /// Distance of the line's start from the left edge, in mm.
    pub x_mm: f64,
    /// Width of the line, in mm.
    pub width_mm: f64,
    /// The text.
    pub text: String,
    /// Font size of the first item, in points.
    pub size_pt: f64,
    /// Whether the first item is bold.
    pub bold: bool,
    /// Whether the first item is italic.
    pub italic: bool,
    /// The font family of the first item.
    pub family: String,
}

/// The text lines of every page, in layout order (a cell's lines before the next cell's).
pub(crate) fn text_lines(doc: &PagedDocument) -> Vec<TextLine> {
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Point::zero(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, origin: Point, page: usize, out: &mut Vec<TextLine>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                // Only translations matter for reading order; rotated text is not used.
                let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                walk(&group.frame, shifted, page, out);
            }
            FrameItem::Text(text) => {
                let y = at.y.to_mm();
                let x = at.x.to_mm();
                let width = text.width().to_mm();
                let variant = text.font.font().info().variant;
                match out.last_mut() {
                    Some(last)
                        if last.page == page
                            && (last.y_mm - y).abs() < 0.2
                            && (x - (last.x_mm + last.width_mm)).abs() < 0.5 =>
                    {
                        last.text.push_str(&text.text);
                        last.width_mm = x + width - last.x_mm;
                    }
                    _ => out.push(TextLine {
                        page,
                        y_mm: y,
                        x_mm: x,
                        width_mm: width,
                        text: text.text.to_string(),
                        size_pt: text.size.to_pt(),
                        bold: variant.weight >= FontWeight::SEMIBOLD,
                        italic: variant.style != FontStyle::Normal,
                        family: text.font.font().info().family.clone(),
                    }),
                }
            }
            _ => {}
        }
    }
}
