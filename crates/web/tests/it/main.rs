//! HTTP-level integration tests of tdkt's web application — one test binary, run in-process with
//! `tower::ServiceExt::oneshot` on `tdkt_web::app` (no sockets). Every test starts from a fresh
//! database holding a small world (`harness::world`): a temporary SQLite file by default, or a
//! new PostgreSQL database when `TEST_DATABASE_URL` names a server (`scripts/test` runs the suite
//! both ways).
//!
//! The files read like stories: `auth` (login, sessions, throttling, cookies), `csrf`, `walk`
//! (every route × every role: the authorization walk), `units`, `people`, `api`, `excel`,
//! `backup`. `bench` holds an ignored helper that `bench/import.sh` uses.

// Not every story uses every helper.
#[allow(dead_code)]
mod harness;
mod reminders;

mod agencies;
mod api;
mod auth;
mod backup;
mod bench;
mod csrf;
mod excel;
mod people;
mod plans;
mod registrations;
mod registrations_progress;
mod reports;
mod store;
mod system;
mod units;
mod verdicts;
mod walk;
