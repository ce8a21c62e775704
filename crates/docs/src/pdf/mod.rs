//! PDF renderer: typst as a library, fonts compiled into the binary.
//!
//! The templates under `src/pdf/*.typ` are fixed; the data reaches them only through
//! `sys.inputs` as typst values (strings, arrays, dictionaries), never spliced into markup, so
//! no text from a user is ever read as typst code ("#set", "*", "$", "<label>" print as typed).

mod inspect;

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Value as Json, json};
use typst::foundations::{Array, Dict, Str, Value};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

use crate::layout::{self, A4_PORTRAIT, size};
use crate::model::{Document, MOTTO, NATIONAL_NAME};

pub use inspect::TextLine;
use inspect::text_lines;

/// Tinos (OFL 1.1, Debian fonts-croscore): Times New Roman metrics, full Vietnamese coverage.
static FONTS: [&[u8]; 4] = [
    include_bytes!("../../fonts/Tinos-Regular.ttf"),
    include_bytes!("../../fonts/Tinos-Bold.ttf"),
    include_bytes!("../../fonts/Tinos-Italic.ttf"),
    include_bytes!("../../fonts/Tinos-BoldItalic.ttf"),
];

/// The family name the templates ask for.
pub const FONT_FAMILY: &str = "Tinos";

const DOCUMENT_TYP: &str = include_str!("document.typ");
const CERTIFICATE_TYP: &str = include_str!("certificate.typ");
const COMMON_TYP: &str = include_str!("common.typ");

/// The templates the engine knows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Template {
    Document,
    Certificate,
}

impl Template {
    fn file(self) -> &'static str {
        match self {
            Self::Document => "document.typ",
            Self::Certificate => "certificate.typ",
        }
    }
}

fn engine() -> &'static TypstEngine {
    static ENGINE: OnceLock<TypstEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .fonts(FONTS)
            .with_static_source_file_resolver([
                ("document.typ", DOCUMENT_TYP),
                ("certificate.typ", CERTIFICATE_TYP),
                ("common.typ", COMMON_TYP),
            ])
            .build()
    })
}

/// Converts JSON to typst values: strings stay strings (text, never markup).
pub(crate) fn to_typst(v: &Json) -> Value {
    match v {
        Json::Null => Value::None,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::Str(Str::from(crate::nfc(s).as_ref())),
        Json::Array(items) => Value::Array(items.iter().map(to_typst).collect::<Array>()),
        Json::Object(map) => {
            let mut dict = Dict::new();
            for (k, v) in map {
                dict.insert(Str::from(k.as_str()), to_typst(v));
            }
            Value::Dict(dict)
        }
    }
}

/// Lays out a template with inputs.
pub(crate) fn layout(template: Template, inputs: &Json) -> Result<PagedDocument, crate::Error> {
    let Value::Dict(dict) = to_typst(inputs) else {
        return Err(crate::Error::Pdf("inputs must be an object".into()));
    };
    let warned = engine().compile_with_input(template.file(), dict);
    warned
        .output
        .map_err(|e| crate::Error::Pdf(format!("{e:?}")))
}

/// Writes the PDF of a laid-out document.
pub(crate) fn export(doc: &PagedDocument) -> Result<Vec<u8>, crate::Error> {
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("tdkt".into())),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|e| crate::Error::Pdf(format!("{e:?}")))
}

/// The layout numbers, shared with the DOCX renderer through [`crate::layout`].
pub(crate) fn layout_numbers() -> Json {
    let p = A4_PORTRAIT;
    // Word's "multiple" line spacing scales the font's single line (ascender + descender +
    // line gap); typst stacks boxes from `top-edge` to `bottom-edge` and adds `leading`, so the
    // edges are set to the same metrics and the leading is the multiple's extra.
    let single = layout::SINGLE_LINE_EM;
    json!({
        "top": layout::margin_mm(p.top_mm), "bottom": layout::margin_mm(p.bottom_mm),
        "left": layout::margin_mm(p.left_mm), "right": layout::margin_mm(p.right_mm),
        "header_ascent": p.top_mm - layout::PAGE_NUMBER_FROM_TOP_MM - single * size::PAGE_NUMBER * 0.3528,
        "top_edge_em": 0.891,
        "bottom_edge_em": 0.891 - single,
        "leading_em": (layout::LINE_SPACING - 1.0) * single,
        "par_after": layout::PARAGRAPH_AFTER_PT,
        "indent": layout::FIRST_LINE_INDENT_MM,
        "header_left": layout::HEADER_LEFT_MM,
        "header_right": layout::HEADER_RIGHT_MM,
        "header_outdent": layout::HEADER_OUTDENT_MM,
        "issuer_rule": layout::ISSUER_RULE_MM,
        "signature_space": layout::SIGNATURE_SPACE_MM,
        "size": {
            "body": size::BODY, "governing": size::GOVERNING_BODY, "issuer": size::ISSUING_BODY,
            "national": size::NATIONAL_NAME, "motto": size::MOTTO, "number": size::NUMBER,
            "place_date": size::PLACE_DATE, "title": size::TITLE, "summary": size::SUMMARY,
            "signer": size::SIGNER, "recipients_label": size::RECIPIENTS_LABEL,
            "recipients": size::RECIPIENTS, "page_number": size::PAGE_NUMBER, "table": size::TABLE,
        },
        "font": FONT_FAMILY,
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
    })
}

/// Blanks of a draft must survive as blanks: typst may merge runs of spaces, a no-break space
/// it keeps.
fn keep_blanks(s: &str) -> String {
    s.replace("  ", "\u{a0}\u{a0}")
}

#[derive(Serialize)]
struct Computed {
    number_line: Option<String>,
    place_date: String,
    recipients: Vec<String>,
    has_recipients: bool,
    summary_rule: f32,
    meta_title: String,
}

fn document_inputs(doc: &Document) -> Json {
    let h = &doc.header;
    let computed = Computed {
        number_line: h.number_line().map(|l| keep_blanks(&l)),
        place_date: keep_blanks(&h.place_date_line()),
        recipients: doc.recipient_lines(),
        has_recipients: doc.has_recipients(),
        summary_rule: doc
            .summary
            .as_deref()
            .map(|s| layout::summary_rule_mm(s, size::SUMMARY))
            .unwrap_or(30.0),
        meta_title: doc.meta_title(),
    };
    json!({ "doc": doc, "c": computed, "k": layout_numbers() })
}

fn layout_document(doc: &Document) -> Result<PagedDocument, crate::Error> {
    doc.validate()?;
    layout(Template::Document, &document_inputs(doc))
}

/// Renders a document as PDF bytes, after validating it; Tinos is embedded (subset).
pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, crate::Error> {
    export(&layout_document(doc)?)
}

/// A PDF with what it shows: for tests, previews and diagnostics.
#[derive(Debug, Clone)]
pub struct RenderedPdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// The text lines of every page, with size and style.
    pub lines: Vec<TextLine>,
}

impl RenderedPdf {
    pub(crate) fn from_layout(doc: &PagedDocument) -> Result<Self, crate::Error> {
        Ok(Self {
            bytes: export(doc)?,
            pages: doc.pages().len(),
            lines: text_lines(doc),
        })
    }
}

/// Renders a document as PDF and reads its laid-out text back.
pub fn to_pdf_inspected(doc: &Document) -> Result<RenderedPdf, crate::Error> {
    RenderedPdf::from_layout(&layout_document(doc)?)
}
