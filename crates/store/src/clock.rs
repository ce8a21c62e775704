//! The one clock of the app. Nothing else reads the system time.
//!
//! `--today` moves the calendar date the app lives on; the time of day runs normally. Dates are
//! taken in the configured time zone (Asia/Ho_Chi_Minh by default).

use std::sync::Arc;

use time::{Date, Duration, OffsetDateTime};
use time_tz::{OffsetDateTimeExt, Tz};

#[derive(Clone, Debug)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    offset: Duration,
    tz: &'static Tz,
}

impl Clock {
    /// A clock on the real date, in the given IANA time zone.
    pub fn system(tz_name: &str) -> Result<Clock, String> {
        Self::new(None, tz_name)
    }

    /// A clock whose date is `today` (when given) while the time of day runs normally.
    pub fn new(today: Option<Date>, tz_name: &str) -> Result<Clock, String> {
        let tz = time_tz::timezones::get_by_name(tz_name)
            .ok_or_else(|| format!("múi giờ không hợp lệ: {tz_name}"))?;
        let offset = match today {
            Some(d) => {
                let real = OffsetDateTime::now_utc().to_timezone(tz).date();
                Duration::days((d - real).whole_days())
            }
            None => Duration::ZERO,
        };
        Ok(Clock {
            inner: Arc::new(Inner { offset, tz }),
        })
    }

    /// Now, in UTC (stored timestamps are UTC so that they sort as text on SQLite), to the
    /// microsecond (PostgreSQL's precision, so a value reads back the same from either engine).
    pub fn now(&self) -> OffsetDateTime {
        let t = OffsetDateTime::now_utc() + self.inner.offset;
        t.replace_nanosecond(t.nanosecond() / 1000 * 1000)
            .expect("a truncated nanosecond is in range")
    }

    /// Now, in the app's time zone (for display).
    pub fn now_local(&self) -> OffsetDateTime {
        self.now().to_timezone(self.inner.tz)
    }

    /// Today's date in the app's time zone.
    pub fn today(&self) -> Date {
        self.now_local().date()
    }

    /// A timestamp shown in the app's time zone.
    pub fn local(&self, t: OffsetDateTime) -> OffsetDateTime {
        t.to_timezone(self.inner.tz)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn today_is_the_date_asked_for() {
        let c = Clock::new(Some(date!(2024 - 12 - 16)), "Asia/Ho_Chi_Minh").unwrap();
        assert_eq!(c.today(), date!(2024 - 12 - 16));
        assert_eq!(c.now_local().offset().whole_hours(), 7);
        assert!(Clock::system("Mars/Olympus").is_err());
    }
}
