//! The HTML pages, one module per resource. Handlers are short: extract, check reach, call the
//! store, render.

pub mod account;
pub mod achievement;
pub mod admin;
pub mod agencies;
pub mod certificates;
pub mod dashboard;
pub mod deadlines;
pub mod import;
pub mod login;
pub mod movement_dashboard;
pub mod notifications;
pub mod people;
pub mod plans;
pub mod progress;
pub mod records;
pub mod registrations;
pub mod reports;
pub mod system;
pub mod units;
pub mod verdicts;

use serde::Deserialize;

/// A form that carries only the CSRF token (the middleware checks it).
#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf")]
    pub _csrf: Option<String>,
}

/// An optional number from a query string or form, where an empty value (a select's "Tất cả",
/// sent as `unit=`) means none rather than a bad request.
pub fn empty_as_none<'de, D>(d: D) -> Result<Option<i64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let s: Option<String> = Option::deserialize(d)?;
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use axum::extract::Query;
    use axum::http::Uri;

    fn people(uri: &str) -> Option<Option<i64>> {
        let u: Uri = uri.parse().unwrap();
        Query::<super::people::ListQuery>::try_from_uri(&u)
            .ok()
            .map(|Query(q)| q.unit)
    }

    #[test]
    fn an_empty_select_means_no_filter() {
        assert_eq!(people("/can-bo?q=an&unit=&category="), Some(None));
        assert_eq!(people("/can-bo?q=an"), Some(None));
        assert_eq!(people("/can-bo?unit=7"), Some(Some(7)));
        assert_eq!(people("/can-bo?unit=x"), None);
    }
}
