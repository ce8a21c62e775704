//! tdkt-sheets
