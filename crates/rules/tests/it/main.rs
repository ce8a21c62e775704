//! Integration tests of the rule engine, in one binary.

mod cli;
mod edges;
mod golden;
mod library;
mod properties;
mod rules_table;
mod support;
