//! Integration tests for tdkt-docs: one binary (STACK-NOTES trap 15).
//!
//! - `golden`: money in words, numbers, dates.
//! - `docx`: every DOCX read back — page, margins, fonts in every slot, sizes, bold/italic of each
//!   element, schema order, the text; docx-rs parses it too.
//! - `pdf`: the embedded font, the laid-out text and its styles, page numbers, no injection.
//! - `seed`: every paragraph of the seed plan appears verbatim, in order, in the DOCX and the PDF.
//! - `validation`: Vietnamese messages that name the field.
//! - `certificate`: full and print modes, calibration.

mod certificate;
mod docx;
mod golden;
mod ooxml;
mod pdf;
mod seed;
mod validation;

use tdkt_docs::{Document, decision, plan, report, samples};

/// The seed plan as a document.
pub fn seed_document() -> Document {
    plan::seed_plan_khcn_2024()
        .expect("seed parses")
        .to_document()
        .expect("seed is valid")
}

/// A decision with `n` people on its annexed list.
pub fn decision_document(n: usize) -> Document {
    decision::award_decision(&samples::award_decision(n)).expect("valid decision")
}

/// The sample Mẫu 03.
pub fn individual_document() -> Document {
    report::individual_report(&samples::individual_report()).expect("valid Mẫu 03")
}

/// The sample Mẫu 02.
pub fn collective_document() -> Document {
    report::collective_report(&samples::collective_report()).expect("valid Mẫu 02")
}
