//! Settings: flags win over the environment (both through clap), which wins over `tdkt.toml`,
//! which wins over the defaults. A bad value exits with status 2 and one line naming it.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Toml};
use serde::Deserialize;
use time::Duration;

use tdkt_web::reminders::{ReminderConfig, SmtpConfig};
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
    /// Reminders: days before a deadline (an agency's own setting wins), default 3.
    pub reminder_days_before: Option<i64>,
    /// Days after a missed deadline during which its reminder may still go, default 7.
    pub reminder_catch_up_days: Option<i64>,
    /// Seconds between two passes of the reminders' scheduler, default 60.
    pub reminder_tick_seconds: Option<u64>,
    /// Minutes before a failed e-mail is retried (doubling each time), default 5.
    pub reminder_retry_minutes: Option<i64>,
    /// The mail server; without it e-mails wait in the queue.
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_from: Option<String>,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    pub smtp_starttls: Option<bool>,
    /// The address users reach tdkt at, for links in e-mails and the calendar feed.
    pub public_url: Option<String>,
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
    c.reminders = reminder_config(file)?;
    Ok(c)
}

/// An environment variable, else the file's value; an empty value counts as unset.
fn env_or(var: &str, file: Option<&String>) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Some(v.trim().to_owned()),
        _ => file.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()),
    }
}

fn parse_env<T: std::str::FromStr>(
    var: &str,
    file: Option<T>,
    what: &str,
) -> Result<Option<T>, BadSetting> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| BadSetting(format!("{var}: “{v}” không hợp lệ ({what})"))),
        _ => Ok(file),
    }
}

fn parse_bool(var: &str, file: Option<bool>) -> Result<Option<bool>, BadSetting> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => Ok(Some(true)),
            "0" | "false" | "off" | "no" => Ok(Some(false)),
            _ => Err(BadSetting(format!(
                "{var}: “{v}” không hợp lệ (true hoặc false)"
            ))),
        },
        _ => Ok(file),
    }
}

/// The reminders' settings: environment (`TDKT_SMTP_HOST`, …) over `tdkt.toml` over defaults.
pub fn reminder_config(file: &FileConfig) -> Result<ReminderConfig, BadSetting> {
    let mut r = ReminderConfig::default();
    if let Some(v) = parse_env(
        "TDKT_REMINDER_DAYS_BEFORE",
        file.reminder_days_before,
        "số ngày",
    )? {
        if !(0..=60).contains(&v) {
            return Err(BadSetting("reminder_days_before: từ 0 đến 60 ngày".into()));
        }
        r.days_before = v;
    }
    if let Some(v) = parse_env(
        "TDKT_REMINDER_CATCH_UP_DAYS",
        file.reminder_catch_up_days,
        "số ngày",
    )? {
        if !(1..=60).contains(&v) {
            return Err(BadSetting(
                "reminder_catch_up_days: từ 1 đến 60 ngày".into(),
            ));
        }
        r.catch_up_days = v;
    }
    if let Some(v) = parse_env(
        "TDKT_REMINDER_TICK_SECONDS",
        file.reminder_tick_seconds,
        "số giây",
    )? {
        if v == 0 {
            return Err(BadSetting("reminder_tick_seconds: phải lớn hơn 0".into()));
        }
        r.tick = std::time::Duration::from_secs(v);
    }
    if let Some(v) = parse_env(
        "TDKT_REMINDER_RETRY_MINUTES",
        file.reminder_retry_minutes,
        "số phút",
    )? {
        if v < 0 {
            return Err(BadSetting("reminder_retry_minutes: không được âm".into()));
        }
        r.retry_after = Duration::minutes(v);
    }
    r.public_url = env_or("TDKT_PUBLIC_URL", file.public_url.as_ref());
    if let Some(u) = &r.public_url
        && !(u.starts_with("http://") || u.starts_with("https://"))
    {
        return Err(BadSetting(format!(
            "TDKT_PUBLIC_URL: “{u}” phải bắt đầu bằng http:// hoặc https://"
        )));
    }
    let Some(host) = env_or("TDKT_SMTP_HOST", file.smtp_host.as_ref()) else {
        return Ok(r);
    };
    let starttls = parse_bool("TDKT_SMTP_STARTTLS", file.smtp_starttls)?.unwrap_or(false);
    let port = parse_env("TDKT_SMTP_PORT", file.smtp_port, "số cổng 1–65535")?
        .unwrap_or(if starttls { 587 } else { 25 });
    if port == 0 {
        return Err(BadSetting("TDKT_SMTP_PORT: số cổng từ 1 đến 65535".into()));
    }
    let Some(from) = env_or("TDKT_SMTP_FROM", file.smtp_from.as_ref()) else {
        return Err(BadSetting(
            "TDKT_SMTP_FROM: cần địa chỉ người gửi khi đã đặt máy chủ thư (smtp_host)".into(),
        ));
    };
    let username = env_or("TDKT_SMTP_USER", file.smtp_user.as_ref());
    let password = match std::env::var("TDKT_SMTP_PASSWORD") {
        Ok(v) if !v.is_empty() => Some(v),
        _ => file.smtp_password.clone(),
    };
    if username.is_some() != password.is_some() {
        return Err(BadSetting(
            "TDKT_SMTP_USER, TDKT_SMTP_PASSWORD: cần cả tên đăng nhập và mật khẩu máy chủ thư"
                .into(),
        ));
    }
    let smtp = SmtpConfig {
        host,
        port,
        from,
        username,
        password,
        starttls,
    };
    smtp.validate().map_err(BadSetting)?;
    r.smtp = Some(smtp);
    Ok(r)
}

/// `YYYY-MM-DD` for `--today`.
pub fn parse_today(s: &str) -> Result<time::Date, BadSetting> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt)
        .map_err(|_| BadSetting(format!("--today: “{s}” không phải ngày dạng YYYY-MM-DD")))
}

#[cfg(test)]
mod tests {
    use super::*;

    // These read tdkt.toml values only (no TDKT_SMTP_* variable is set in the tests).
    fn file(toml: &str) -> FileConfig {
        Figment::new().merge(Toml::string(toml)).extract().unwrap()
    }

    #[test]
    fn reminders_default_to_three_days_and_no_mail_server() {
        let r = reminder_config(&FileConfig::default()).unwrap();
        assert_eq!(r.days_before, 3);
        assert_eq!(r.tick, std::time::Duration::from_secs(60));
        assert!(r.smtp.is_none());
    }

    #[test]
    fn smtp_settings_from_the_file() {
        let r = reminder_config(&file(
            "smtp_host = \"mail.bacgiang.gov.vn\"\nsmtp_from = \"tdkt@khcn.bacgiang.gov.vn\"\nsmtp_starttls = true\nreminder_days_before = 5\n",
        ))
        .unwrap();
        let s = r.smtp.unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.starttls),
            ("mail.bacgiang.gov.vn", 587, true)
        );
        assert_eq!(r.days_before, 5);
    }

    #[test]
    fn bad_smtp_settings_are_named() {
        let e = reminder_config(&file("smtp_host = \"mail\"\n")).unwrap_err();
        assert!(e.0.starts_with("TDKT_SMTP_FROM"), "{e}");
        let e = reminder_config(&file(
            "smtp_host = \"mail\"\nsmtp_from = \"không hợp lệ\"\n",
        ))
        .unwrap_err();
        assert!(e.0.starts_with("smtp_from"), "{e}");
        let e = reminder_config(&file(
            "smtp_host = \"mail\"\nsmtp_from = \"a@b.vn\"\nsmtp_user = \"u\"\n",
        ))
        .unwrap_err();
        assert!(e.0.contains("TDKT_SMTP_PASSWORD"), "{e}");
        let e = reminder_config(&file("reminder_days_before = 99\n")).unwrap_err();
        assert!(e.0.starts_with("reminder_days_before"), "{e}");
    }
}
