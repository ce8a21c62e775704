//! Settings: flags win over the environment (both through clap), which wins over `tdkt.toml`,
//! which wins over the defaults. A bad value exits with status 2 and one line naming it.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Toml};
use serde::Deserialize;
use time::Duration;

use tdkt_web::{SecureCookies, WebConfig};

/// What `tdkt.toml` may hold (every key optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub today: Option<String>,
    pub tz: Option<String>,
    pub secure_cookies: Option<String>,
    pub trust_proxy: Option<bool>,
    pub session_idle_minutes: Option<i64>,
    pub session_absolute_hours: Option<i64>,
    pub login_throttle_failures: Option<i64>,
    pub login_throttle_minutes: Option<i64>,
    pub max_upload_mb: Option<usize>,
}

/// A refused setting: the message names the flag, variable or key.
#[derive(Debug)]
pub struct BadSetting(pub String);

impl std::fmt::Display for BadSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads `tdkt.toml`: the `--config` file (which must exist) or `DIR/tdkt.toml` when present.
pub fn load_file(explicit: Option<&Path>, data_dir: &Path) -> Result<FileConfig, BadSetting> {
    let path: PathBuf = match explicit {
        Some(p) => {
            if !p.is_file() {
                return Err(BadSetting(format!(
                    "--config: không đọc được tệp {}",
                    p.display()
                )));
            }
            p.to_owned()
        }
        None => {
            let p = data_dir.join("tdkt.toml");
            if !p.is_file() {
                return Ok(FileConfig::default());
            }
            p
        }
    };
    Figment::new()
        .merge(Toml::file(&path))
        .extract()
        .map_err(|e| BadSetting(format!("{}: {e}", path.display())))
}

/// The web layer's settings from the environment and the file.
pub fn web_config(file: &FileConfig, demo: bool) -> Result<WebConfig, BadSetting> {
    let mut c = WebConfig {
        demo,
        ..WebConfig::default()
    };
    let secure = std::env::var("TDKT_SECURE_COOKIES")
        .ok()
        .or_else(|| file.secure_cookies.clone());
    if let Some(s) = secure {
        c.secure_cookies = SecureCookies::parse(&s).ok_or_else(|| {
            BadSetting(format!(
                "TDKT_SECURE_COOKIES: “{s}” không hợp lệ (auto, true hoặc false)"
            ))
        })?;
    }
    if let Some(v) = file.trust_proxy {
        c.trust_proxy = v;
    }
    let positive = |v: i64, key: &str| {
        if v > 0 {
            Ok(v)
        } else {
            Err(BadSetting(format!("tdkt.toml: {key} phải lớn hơn 0")))
        }
    };
    if let Some(v) = file.session_idle_minutes {
        c.idle_timeout = Duration::minutes(positive(v, "session_idle_minutes")?);
    }
    if let Some(v) = file.session_absolute_hours {
        c.absolute_timeout = Duration::hours(positive(v, "session_absolute_hours")?);
    }
    if let Some(v) = file.login_throttle_failures {
        c.throttle_failures = positive(v, "login_throttle_failures")?;
    }
    if let Some(v) = file.login_throttle_minutes {
        c.throttle_window = Duration::minutes(positive(v, "login_throttle_minutes")?);
    }
    if let Some(v) = file.max_upload_mb {
        c.max_upload = v * 1024 * 1024;
    }
    Ok(c)
}

/// `YYYY-MM-DD` for `--today`.
pub fn parse_today(s: &str) -> Result<time::Date, BadSetting> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt)
        .map_err(|_| BadSetting(format!("--today: “{s}” không phải ngày dạng YYYY-MM-DD")))
}
