//! Work the server does in the background: purging expired sessions and old failed-login rows,
//! and the deadline reminders' scheduler ([`crate::reminders`]: notifications and e-mails, every
//! `reminder_tick_seconds`).

use std::time::Duration as StdDuration;

use crate::state::AppState;

/// Starts the background loop (once per server).
pub fn spawn(state: AppState) {
    crate::reminders::spawn(state.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(StdDuration::from_secs(300));
        loop {
            tick.tick().await;
            let now = state.clock.now();
            match tdkt_store::users::purge(&state.db, now, state.config.idle_timeout).await {
                Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "session purge failed"),
            }
        }
    });
}
