//! Who is calling: sessions (cookie), personal API tokens (bearer), CSRF protection and the
//! per-route permission check.

pub mod csrf;
pub mod session;

pub use session::{Auth, CurrentUser};
