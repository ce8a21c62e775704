//! The case: everything the engine needs to know about one evaluation year, as plain data.
//!
//! The command line builds a [`Case`] from JSON ([`crate::parse_case`]); the web application builds
//! one from its database rows. [`Case::validate`] applies the same semantic checks as the parser.
//! Serialising a `Case` gives the case-file format of `tdkt rules evaluate`.

use std::collections::BTreeMap;

use serde::Serialize;
use time::{Date, Month};

use crate::codes::{
    AbsenceKind, AwardCode, AwardType, DisciplineLevel, Ground, InitiativeKind, Rating, Scope,
    TitleCode,
};
use crate::settings::SettingOverrides;

/// One evaluation: the year, its dates, optional settings, the units and the people.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Case {
    /// The year whose titles are evaluated (2018–2030).
    pub evaluation_year: i32,
    /// The review date (ngày bình xét); the parser defaults it to 15 December of the year.
    #[serde(with = "iso_date")]
    pub review_date: Date,
    /// The decision date; when present every eligible verdict carries the reward money.
    #[serde(with = "iso_date_opt", skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<Date>,
    /// Settings the case overrides; the rest take the rule set's defaults.
    #[serde(skip_serializing_if = "SettingOverrides::is_empty")]
    pub settings: SettingOverrides,
    /// Units (collectives).
    pub units: Vec<Unit>,
    /// People (individuals).
    pub people: Vec<Person>,
}

impl Case {
    /// An empty case for `evaluation_year` with the default review date (15 December).
    pub fn new(evaluation_year: i32) -> Case {
        Case {
            evaluation_year,
            review_date: default_review_date(evaluation_year),
            decision_date: None,
            settings: SettingOverrides::default(),
            units: Vec::new(),
            people: Vec::new(),
        }
    }
}

/// 15 December of `year` (Decree 90/2020 Art 20: ratings are done before 15/12).
pub fn default_review_date(year: i32) -> Date {
    Date::from_calendar_date(year, Month::December, 15)
        .unwrap_or_else(|_| Date::from_calendar_date(2024, Month::December, 15).expect("valid"))
}

/// A unit (phòng, đơn vị) — a collective. Its members are the people whose `unit` is its id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    /// Stable code; unique among units and people together.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The unit's own rating by year.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<i32, Rating>,
}

/// A person (cá nhân) and their history.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Person {
    /// Stable code; unique among units and people together.
    pub id: String,
    /// Full name.
    pub name: String,
    /// The id of the unit the person belongs to directly.
    pub unit: String,
    /// The day continuous work at the agency began (labour contract included). `None`: the
    /// new-hire rule is taken as met.
    #[serde(with = "iso_date_opt", skip_serializing_if = "Option::is_none")]
    pub recruited_on: Option<Date>,
    /// Ratings by year; a missing year means not rated.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<i32, Rating>,
    /// Titles conferred in earlier years.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// Forms of commendation already received.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    /// Initiatives and accepted S&T tasks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Disciplinary measures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discipline: Vec<Discipline>,
    /// Absences (inclusive date ranges).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub absences: Vec<Absence>,
    /// Under disciplinary review, investigation, inspection or an unresolved complaint.
    #[serde(skip_serializing_if = "is_false")]
    pub pending: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A title conferred in an earlier year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Title {
    /// Which title.
    pub code: TitleCode,
    /// The year it was conferred for.
    pub year: i32,
    /// For a CSTĐCS, the ground it rested on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ground: Option<Ground>,
    /// For a CSTĐCS on an initiative or S&T ground, the id of that entry of `initiatives`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiative_id: Option<String>,
}

/// A form of commendation already received.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Award {
    /// Which form.
    pub code: AwardCode,
    /// Date of the decision.
    #[serde(with = "iso_date")]
    pub decided_on: Date,
    /// The last year of the achievement period written in the decision, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_to_year: Option<i32>,
    /// Type of commendation; only `cong_trang` counts for ladders.
    #[serde(rename = "type")]
    pub kind: AwardType,
}

/// An initiative (sáng kiến) or accepted S&T task.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Initiative {
    /// Identifier, referenced by `Title::initiative_id`.
    pub id: String,
    /// The year it was recognised in.
    pub year: i32,
    /// Initiative or S&T task.
    pub kind: InitiativeKind,
    /// Where it was recognised.
    pub scope: Scope,
}

/// A disciplinary measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Discipline {
    /// The day it took effect.
    #[serde(with = "iso_date")]
    pub effective_on: Date,
    /// The measure.
    pub level: DisciplineLevel,
    /// The day its period ends, if the decision names one.
    #[serde(with = "iso_date_opt", skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// An absence from work, `from` and `to` inclusive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Absence {
    /// First day.
    #[serde(with = "iso_date")]
    pub from: Date,
    /// Last day.
    #[serde(with = "iso_date")]
    pub to: Date,
    /// What kind of leave.
    pub kind: AbsenceKind,
}

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Formats a date as Vietnamese offices write it: `dd/mm/yyyy`.
pub(crate) fn format_date_vi(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year())
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

mod iso_date {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_date(*d))
    }
}

mod iso_date_opt {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::format_date(*d)),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict_iso() {
        assert_eq!(format_date(parse_date("2024-02-29").unwrap()), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2024-2-01",
            "2024/02/01",
            "24-02-01",
            "2024-13-01",
            "2024-00-10",
            "+024-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            format_date_vi(parse_date("2024-02-05").unwrap()),
            "05/02/2024"
        );
    }
}
