//! tdkt-store
