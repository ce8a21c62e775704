//! tdkt's domain: the vocabulary of emulation and commendation work and the rules that need no I/O.
//!
//! - [`vn`]: Vietnamese text — NFC normalisation, name order and sort keys, diacritic-free search,
//!   dates as Vietnamese offices write them, legacy (TCVN3/VNI) text detection.
//! - [`policy`]: roles, permissions and scopes — the one authorization table the web app enforces.
//! - [`person`]: a person's profile (Decree 98 Mẫu 03 fields) parsed from untrusted input.
//! - [`unit`]: units and agencies parsed from untrusted input.
//! - [`errors`]: field errors with Vietnamese messages.
//! - [`targets`]: registrations, measurable targets and progress parsed from forms; [`evidence`]:
//!   evidence files told by their content.
//!
//! The rule engine (the law) lives in its own crate, `tdkt-rules`.

pub mod errors;
pub mod evidence;
pub mod labels;
pub mod person;
pub mod policy;
pub mod records;
pub mod targets;
pub mod unit;
pub mod vn;
pub mod workflow;

pub use errors::{FieldError, FieldErrors};
