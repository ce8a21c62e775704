//! tdkt's web application: server-rendered Vietnamese pages (askama, enhanced with htmx) and the
//! JSON API under `/api/v1`, described by the OpenAPI document at `/api/openapi.json`.
//!
//! A request flows: [`auth::session::load`] finds the session or API token → [`routes`] (the one
//! table of routes and the permission each needs) refuses what the role may not do → the handler
//! extracts, checks the object is within reach (404 otherwise), calls the store, and renders.

pub mod achievement;
pub mod api;
pub mod assets;
pub mod auth;
pub mod error;
pub mod figures;
pub mod ical;
pub mod jobs;
pub mod pages;
pub mod plan_edit;
pub mod registration;
pub mod reminders;
pub mod routes;
pub mod state;
pub mod verdicts;
pub mod views;

pub use routes::{Access, RouteSpec, app, route_table};
pub use state::{AppState, SecureCookies, WebConfig};
