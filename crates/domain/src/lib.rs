//! tdkt-domain
