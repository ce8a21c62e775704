//! Dates as Vietnamese papers write them.
//!
//! Two forms: the short display form `dd/mm/yyyy` (DOMAIN.md §7), and the long form of a
//! document's place-and-date line (Decree 30/2020, Phụ lục I): "ngày 05 tháng 02 năm 2024" —
//! a leading zero for days 1–9 and for months 1 and 2 only ("tháng 3", not "tháng 03").

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// `dd/mm/yyyy` with leading zeros: 2024-06-05 → "05/06/2024".
pub fn format_short(date: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// The day as Decree 30 writes it: "05" for 5, "15" for 15.
pub fn decree_day(day: u8) -> String {
    format!("{day:02}")
}

/// The month as Decree 30 writes it: "01", "02", then "3" … "12".
pub fn decree_month(month: Month) -> String {
    let m = u8::from(month);
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// The long form: "ngày 05 tháng 02 năm 2024".
pub fn format_long(date: Date) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        decree_day(date.day()),
        decree_month(date.month()),
        date.year()
    )
}

/// What a blank takes on paper: room to write a day or a month by hand.
pub(crate) const DAY_BLANK: &str = "    ";
/// Room to write a document number by hand ("Số:      /KH-KHCN").
pub(crate) const NUMBER_BLANK: &str = "      ";

/// The date of a document: set when it is issued; a draft shows blanks the signer fills in
/// (the seed prints "ngày    tháng 01 năm 2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DocDate {
    /// Issued: the full date.
    Full {
        /// The date of issue.
        #[serde(with = "iso")]
        date: Date,
    },
    /// A draft that knows its month and year: "ngày    tháng 01 năm 2024".
    MonthYear {
        /// Month 1–12.
        month: u8,
        /// The year.
        year: i32,
    },
    /// A draft that knows only its year: "ngày    tháng    năm 2024".
    Year {
        /// The year.
        year: i32,
    },
    /// Nothing known yet: "ngày    tháng    năm".
    Blank,
}

impl DocDate {
    /// A full date.
    pub fn full(date: Date) -> Self {
        Self::Full { date }
    }

    /// The year, when known.
    pub fn year(&self) -> Option<i32> {
        match *self {
            Self::Full { date } => Some(date.year()),
            Self::MonthYear { year, .. } | Self::Year { year } => Some(year),
            Self::Blank => None,
        }
    }

    /// The long form with blanks where the draft has none: "ngày    tháng 01 năm 2024".
    pub fn long_form(&self) -> String {
        match *self {
            Self::Full { date } => format_long(date),
            Self::MonthYear { month, year } => {
                let month = Month::try_from(month)
                    .map(decree_month)
                    .unwrap_or_else(|_| DAY_BLANK.to_owned());
                format!("ngày {DAY_BLANK}tháng {month} năm {year}")
            }
            Self::Year { year } => format!("ngày {DAY_BLANK}tháng {DAY_BLANK}năm {year}"),
            Self::Blank => format!("ngày {DAY_BLANK}tháng {DAY_BLANK}năm {DAY_BLANK}"),
        }
    }

    /// The short form when the date is complete: "05/02/2024".
    pub fn short_form(&self) -> Option<String> {
        match *self {
            Self::Full { date } => Some(format_short(date)),
            _ => None,
        }
    }
}

/// The place-and-date line: "Bắc Giang, ngày 05 tháng 02 năm 2024".
pub fn place_and_date(place: &str, date: &DocDate) -> String {
    if place.is_empty() {
        let long = date.long_form();
        let mut chars = long.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!("{first}{}", chars.as_str())
    } else {
        format!("{place}, {}", date.long_form())
    }
}

/// Parses `dd/mm/yyyy` (also `d/m/yyyy`, as prose and spreadsheets write it).
pub fn parse_short(text: &str) -> Option<Date> {
    let mut parts = text.trim().split('/');
    let day: u8 = parts.next()?.trim().parse().ok()?;
    let month: u8 = parts.next()?.trim().parse().ok()?;
    let year: i32 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Formats an ISO date `yyyy-mm-dd`.
pub fn format_iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Parses an ISO date `yyyy-mm-dd`.
pub fn parse_iso(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Serde for `Date` as `"yyyy-mm-dd"` (the `time` crate's own serde form is a tuple, which
/// nobody can read in a JSON column): `#[serde(with = "tdkt_docs::dates::iso")]`.
pub mod iso {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use time::Date;

    /// Serializes as `"yyyy-mm-dd"`.
    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_iso(*date))
    }

    /// Deserializes from `"yyyy-mm-dd"`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_iso(&text)
            .ok_or_else(|| D::Error::custom(format!("ngày không hợp lệ: {text} (cần yyyy-mm-dd)")))
    }
}

/// Serde for `Option<Date>` as `"yyyy-mm-dd"` or null.
pub mod iso_opt {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use time::Date;

    /// Serializes as `"yyyy-mm-dd"` or null.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_str(&super::format_iso(*date)),
            None => s.serialize_none(),
        }
    }

    /// Deserializes from `"yyyy-mm-dd"` or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse_iso(&text).map(Some).ok_or_else(|| {
                D::Error::custom(format!("ngày không hợp lệ: {text} (cần yyyy-mm-dd)"))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn long_form_zeros_only_where_the_decree_wants_them() {
        assert_eq!(
            format_long(date!(2024 - 02 - 05)),
            "ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(
            format_long(date!(2024 - 01 - 22)),
            "ngày 22 tháng 01 năm 2024"
        );
        assert_eq!(
            format_long(date!(2024 - 03 - 09)),
            "ngày 09 tháng 3 năm 2024"
        );
        assert_eq!(
            format_long(date!(2024 - 12 - 31)),
            "ngày 31 tháng 12 năm 2024"
        );
    }

    #[test]
    fn short_form_and_parse() {
        assert_eq!(format_short(date!(2024 - 06 - 05)), "05/06/2024");
        assert_eq!(parse_short("05/6/2024"), Some(date!(2024 - 06 - 05)));
        assert_eq!(parse_short("30/2/2024"), None);
    }
}
