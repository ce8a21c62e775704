//! tdkt-web
