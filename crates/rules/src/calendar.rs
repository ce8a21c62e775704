//! How the engine reads time (spec "How the engine reads time"): calendar months with month-end
//! clamping, worked days, merged absences, and the years a discipline affects.

use time::{Date, Month};

use crate::case::{Absence, Discipline};

/// `day` plus `months` calendar months, clamped to the end of the target month
/// (31/08 + 6 months = 28/02, or 29/02 in a leap year).
pub fn add_months(day: Date, months: u32) -> Date {
    let index =
        i64::from(day.year()) * 12 + i64::from(u8::from(day.month()) - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(Month::January);
    let last = month.length(year);
    Date::from_calendar_date(year, month, day.day().min(last)).unwrap_or(Date::MAX)
}

/// 1 January of `year`.
pub fn jan_1(year: i32) -> Date {
    Date::from_calendar_date(year, Month::January, 1).unwrap_or(Date::MIN)
}

/// Days from `from` to `to`, both included; zero when `to` is before `from`.
pub fn inclusive_days(from: Date, to: Date) -> i64 {
    (i64::from(to.to_julian_day()) - i64::from(from.to_julian_day()) + 1).max(0)
}

/// Worked time in the evaluation year up to the review date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkedTime {
    /// Days from the later of 1 January and the recruitment day to the review date, both
    /// included, minus the non-counting absence days.
    pub worked_days: i64,
    /// Days of non-counting absence within the year up to the review date, overlaps merged.
    pub absent_days: i64,
}

/// Computes [`WorkedTime`] for the evaluation year of `review_date`.
pub fn worked_time(
    recruited_on: Option<Date>,
    absences: &[Absence],
    review_date: Date,
) -> WorkedTime {
    let start_of_year = jan_1(review_date.year());
    let start = recruited_on.map_or(start_of_year, |r| r.max(start_of_year));
    let absent_days = absent_days(absences, start_of_year, review_date);
    WorkedTime {
        worked_days: (inclusive_days(start, review_date) - absent_days).max(0),
        absent_days,
    }
}

/// Non-counting absence days between `from` and `to` (inclusive), overlapping absences merged so
/// that no day is counted twice. Absences that count as work (maternity, duty injury, training)
/// are ignored.
pub fn absent_days(absences: &[Absence], from: Date, to: Date) -> i64 {
    let (lo, hi) = (from.to_julian_day(), to.to_julian_day());
    let mut spans: Vec<(i32, i32)> = absences
        .iter()
        .filter(|a| !a.kind.counts_as_work())
        .map(|a| (a.from.to_julian_day().max(lo), a.to.to_julian_day().min(hi)))
        .filter(|(a, b)| a <= b)
        .collect();
    spans.sort_unstable();
    let mut total = 0i64;
    let mut current: Option<(i32, i32)> = None;
    for (a, b) in spans {
        current = match current {
            Some((ca, cb)) if a <= cb => Some((ca, cb.max(b))),
            Some((ca, cb)) => {
                total += i64::from(cb - ca) + 1;
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    if let Some((ca, cb)) = current {
        total += i64::from(cb - ca) + 1;
    }
    total
}

/// Whether a discipline affects `year`: it took effect in that year, or earlier with an `until`
/// after 1 January of that year.
pub fn discipline_affects(d: &Discipline, year: i32) -> bool {
    let y = d.effective_on.year();
    y == year || (y < year && d.until.is_some_and(|u| u > jan_1(year)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_date;
    use crate::codes::{AbsenceKind, DisciplineLevel};

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(add_months(d("2024-08-31"), 6), d("2025-02-28"));
        assert_eq!(add_months(d("2023-08-31"), 6), d("2024-02-29"));
        assert_eq!(add_months(d("2024-06-15"), 6), d("2024-12-15"));
        assert_eq!(add_months(d("2024-03-31"), 10), d("2025-01-31"));
        assert_eq!(add_months(d("2023-12-31"), 2), d("2024-02-29"));
    }

    #[test]
    fn overlapping_absences_are_merged() {
        let a = |f: &str, t: &str, kind| Absence {
            from: d(f),
            to: d(t),
            kind,
        };
        let list = [
            a("2024-01-01", "2024-01-31", AbsenceKind::Sick),
            a("2024-01-20", "2024-02-10", AbsenceKind::Unpaid),
            a("2024-01-05", "2024-01-06", AbsenceKind::Other),
            a("2024-03-01", "2024-03-31", AbsenceKind::Maternity),
            a("2023-12-01", "2023-12-31", AbsenceKind::Sick),
        ];
        assert_eq!(absent_days(&list, d("2024-01-01"), d("2024-12-15")), 41);
        assert_eq!(absent_days(&list, d("2024-01-01"), d("2024-01-10")), 10);
    }

    #[test]
    fn worked_days_count_both_ends() {
        let w = worked_time(None, &[], d("2024-12-15"));
        assert_eq!(
            w,
            WorkedTime {
                worked_days: 350,
                absent_days: 0
            }
        );
        let w = worked_time(Some(d("2024-06-19")), &[], d("2024-12-15"));
        assert_eq!(w.worked_days, 180);
        let w = worked_time(Some(d("2025-01-01")), &[], d("2024-12-15"));
        assert_eq!(w.worked_days, 0);
    }

    #[test]
    fn discipline_until_crossing_new_year() {
        let disc = |e: &str, u: Option<&str>| Discipline {
            effective_on: d(e),
            level: DisciplineLevel::KhienTrach,
            until: u.map(d),
        };
        let x = disc("2023-06-01", Some("2024-05-31"));
        assert!(
            discipline_affects(&x, 2023)
                && discipline_affects(&x, 2024)
                && !discipline_affects(&x, 2025)
        );
        let y = disc("2023-06-01", Some("2024-01-01"));
        assert!(discipline_affects(&y, 2023) && !discipline_affects(&y, 2024));
        let z = disc("2023-06-01", None);
        assert!(!discipline_affects(&z, 2024) && !discipline_affects(&z, 2022));
    }
}
