//! What every handler shares: the database, the clock and the settings of the web layer.

use std::sync::Arc;

use time::Duration;

use tdkt_store::audit::{Ctx, Who};
use tdkt_store::{Clock, Db};

/// When the session cookie carries the `Secure` flag (spec/cli.md `TDKT_SECURE_COOKIES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecureCookies {
    /// On when the request came over HTTPS, as the reverse proxy says (`X-Forwarded-Proto`).
    Auto,
    Always,
    Never,
}

impl SecureCookies {
    pub fn parse(s: &str) -> Option<SecureCookies> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(SecureCookies::Auto),
            "1" | "true" | "on" | "yes" | "always" => Some(SecureCookies::Always),
            "0" | "false" | "off" | "no" | "never" => Some(SecureCookies::Never),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct WebConfig {
    pub secure_cookies: SecureCookies,
    /// Demo mode: the login page lists the demo accounts.
    pub demo: bool,
    pub idle_timeout: Duration,
    pub absolute_timeout: Duration,
    /// Failed logins allowed per account and per address within `throttle_window`.
    pub throttle_failures: i64,
    pub throttle_window: Duration,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy.
    pub trust_proxy: bool,
    /// Largest upload accepted, in bytes.
    pub max_upload: usize,
    /// Deadline reminders: when, how often, and the mail server.
    pub reminders: crate::reminders::ReminderConfig,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: SecureCookies::Auto,
            demo: false,
            idle_timeout: Duration::minutes(30),
            absolute_timeout: Duration::hours(12),
            throttle_failures: 5,
            throttle_window: Duration::minutes(15),
            trust_proxy: false,
            max_upload: 20 * 1024 * 1024,
            reminders: Default::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub config: Arc<WebConfig>,
    /// Aggregates kept while nothing changes (`crate::figures`).
    pub figures: crate::figures::FigureCache,
}

impl AppState {
    pub fn new(db: Db, clock: Clock, config: WebConfig) -> AppState {
        AppState {
            db,
            clock,
            config: Arc::new(config),
            figures: Default::default(),
        }
    }

    /// The write context for an actor.
    pub fn ctx(&self, who: Who) -> Ctx {
        Ctx {
            clock: self.clock.clone(),
            who,
        }
    }
}
