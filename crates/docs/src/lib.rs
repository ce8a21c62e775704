//! Official documents (Decree 30/2020): one model, two renderers (DOCX, PDF).
//!
//! - [`model`]: a paper is a [`Document`] — header + blocks + signer + recipients (+ annexes).
//! - [`to_docx`] and [`to_pdf`] lay it out per Decree 30 (A4, margins, Times New Roman / Tinos,
//!   header table, number line, italic place and date, signer block, "Nơi nhận", page numbers from
//!   page 2).
//! - [`plan`]: the plan record (kế hoạch) and the seed plan of Sở KH&CN Bắc Giang 2024.
//! - [`report`]: achievement reports, Decree 98 Mẫu 02 (collective) and Mẫu 03 (individual).
//! - [`decision`]: a decision with its annexed list.
//! - [`certificate`]: Giấy khen, full design or print mode on pre-printed blanks.
//! - [`words`], [`dates`]: money in words, number and date formats.
//! - [`filename`]: safe file names and the Content-Disposition header.

pub mod certificate;
pub mod dates;
pub mod decision;
mod docx;
pub mod filename;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod plan;
pub mod report;
pub mod samples;
pub mod validate;
pub mod words;

use std::borrow::Cow;

pub use dates::DocDate;
pub use docx::to_docx;
pub use model::{
    Align, Annex, Block, Column, DocKind, Document, Header, HeaderLayout, Inline, Signer, Span,
    Table,
};
pub use pdf::to_pdf;
pub use validate::{FieldError, ValidationErrors};

/// What can go wrong when making a paper.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is invalid; each field error names the field in Vietnamese.
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
    /// The PDF engine failed (a bug of ours: the template is fixed and the data is escaped).
    #[error("không dựng được PDF: {0}")]
    Pdf(String),
    /// Writing the DOCX package failed.
    #[error("không ghi được DOCX: {0}")]
    Docx(String),
    /// A stored JSON value does not match the model.
    #[error("dữ liệu không đúng cấu trúc: {0}")]
    Json(#[from] serde_json::Error),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Word (editable).
    Docx,
    /// PDF (for print and publishing).
    Pdf,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
        }
    }

    /// The media type for HTTP responses.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Pdf => "application/pdf",
        }
    }
}

/// Renders a document in a format.
pub fn render(doc: &Document, format: Format) -> Result<Vec<u8>, Error> {
    match format {
        Format::Docx => to_docx(doc),
        Format::Pdf => to_pdf(doc),
    }
}

/// Text in NFC (composed) form: "Hoà" typed with combining marks prints like the stored name.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}
