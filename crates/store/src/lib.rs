//! tdkt's storage: one API over an embedded SQLite database (the default) and PostgreSQL (when
//! `DATABASE_URL` says so).
//!
//! SQL is written once, in the subset both engines share, with `$1` placeholders, and run through
//! [`Db`] — an enum over the two native sqlx drivers (not sqlx's `Any` driver, whose types are too
//! poor). The macros [`on_db!`] and [`on_tx!`] expand one block of query code into both arms.
//! Each backend has its own migrations folder with the same numbering (see `schema/`).
//!
//! Every write goes through a [`Tx`]: on SQLite a `BEGIN IMMEDIATE` transaction on the single
//! writer connection (so a read-then-write transaction never meets `SQLITE_BUSY` on upgrade), on
//! PostgreSQL an ordinary transaction. Audit rows are written in the same transaction as the change.

pub mod audit;
pub mod backup;
pub mod bulk;
pub mod clock;
mod db;
mod error;
pub mod files;
pub mod jobs;
mod migrate;
pub mod notify;
pub mod org;
pub mod people;
pub mod plans;
pub mod records;
pub mod registrations;
pub mod reports;
pub mod settings;
mod sql;
pub mod users;

pub use clock::Clock;
pub use db::{Backend, Db, DbConfig, Tx};
pub use error::{StoreError, StoreResult};
pub use migrate::MIGRATIONS;
