//! The storage error: what callers must tell apart (not found, a conflict on a field) and the rest.

use thiserror::Error;

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("không tìm thấy")]
    NotFound,
    /// A uniqueness or state conflict, naming the field and saying why in Vietnamese.
    #[error("{label}: {message}")]
    Conflict {
        field: String,
        label: String,
        message: String,
    },
    /// Input refused by a rule that needs the database to check (e.g. an unknown unit code).
    #[error("{0}")]
    Invalid(tdkt_domain::FieldErrors),
    #[error(transparent)]
    Db(sqlx::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub fn conflict(field: &str, label: &str, message: impl Into<String>) -> Self {
        StoreError::Conflict {
            field: field.into(),
            label: label.into(),
            message: message.into(),
        }
    }

    pub fn invalid(field: &str, label: &str, message: impl Into<String>) -> Self {
        let mut e = tdkt_domain::FieldErrors::new();
        e.add(field, label, message);
        StoreError::Invalid(e)
    }

    /// Is this a unique-constraint violation? (Both engines; the caller knows which field.)
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Db(sqlx::Error::Database(d)) => d.is_unique_violation(),
            _ => false,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            e => StoreError::Db(e),
        }
    }
}
