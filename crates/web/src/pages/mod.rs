//! The HTML pages, one module per resource. Handlers are short: extract, check reach, call the
//! store, render.

pub mod account;
pub mod admin;
pub mod dashboard;
pub mod import;
pub mod login;
pub mod people;
pub mod records;
pub mod system;
pub mod units;

use serde::Deserialize;

/// A form that carries only the CSRF token (the middleware checks it).
#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf")]
    pub _csrf: Option<String>,
}
