//! The case file: JSON in, a validated [`Case`] or every problem with its JSON path out.
//!
//! Problems come in document order. A JSON syntax error stops parsing and is the only problem
//! reported, with the path `$` and its line and column.

mod de;
mod objects;
mod scalars;

use serde::de::DeserializeSeed;

use crate::case::{Case, default_review_date};
use crate::fxhash::{FxMap, FxSet, map_with_capacity};
use crate::validate::{InputError, msg};
use de::{Ctx, Seed};
use objects::{RawCase, RootH};

/// Parses and validates a case file (the input of `tdkt rules evaluate`).
pub fn parse_case(json: &[u8]) -> Result<Case, Vec<InputError>> {
    // Editors on Windows often save UTF-8 with a byte-order mark; it is not content.
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    // Validating UTF-8 once, up front, spares serde_json from checking every string.
    let json = std::str::from_utf8(json).map_err(|e| vec![utf8_error(json, e.valid_up_to())])?;
    let (mut ctx, raw) = pass(json, None).map_err(|e| vec![syntax_error(&e)])?;
    let (mut ctx, raw) = match ctx.year {
        // `evaluation_year` came after items dated against it: read again knowing it.
        Some(year) if ctx.year_needed_early => {
            pass(json, Some(year)).map_err(|e| vec![syntax_error(&e)])?
        }
        _ => {
            ctx.year_needed_early = false;
            (ctx, raw)
        }
    };
    let Some(raw) = raw else {
        return Err(ctx.into_problems());
    };
    let case = assemble(&mut ctx, raw);
    if ctx.has_problems() {
        Err(ctx.into_problems())
    } else {
        Ok(case)
    }
}

fn pass(json: &str, year: Option<i32>) -> Result<(Ctx, Option<RawCase>), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut ctx = Ctx::new(year);
    let raw = Seed {
        ctx: &mut ctx,
        h: RootH,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((ctx, raw))
}

/// A byte that is not UTF-8, located the way serde_json locates its errors (1-based line, column
/// counted in bytes from the line start).
fn utf8_error(json: &[u8], at: usize) -> InputError {
    let before = &json[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    InputError {
        path: "$".to_string(),
        message: format!("lỗi cú pháp JSON: invalid UTF-8 at line {line} column {column}"),
    }
}

fn syntax_error(e: &serde_json::Error) -> InputError {
    InputError {
        path: "$".to_string(),
        message: format!("lỗi cú pháp JSON: {e}"),
    }
}

/// The checks that need the whole document (the review date against the year, unique ids, unit
/// references), then the [`Case`].
fn assemble(ctx: &mut Ctx, raw: RawCase) -> Case {
    if let (Some(y), Some((d, seq))) = (raw.evaluation_year, raw.review_date)
        && d.year() != y
    {
        ctx.problem_late(seq, "review_date".to_string(), msg::review_outside(d, y));
    }

    // Ids in document order: units and people merged by the number of their id value.
    let units = raw
        .units
        .iter()
        .filter(|u| u.id_seq > 0)
        .map(|u| (u.id_seq, u.unit.id.as_str(), true, u.index));
    let people = raw
        .people
        .iter()
        .filter(|p| p.id_seq > 0)
        .map(|p| (p.id_seq, p.person.id.as_str(), false, p.index));
    let ids = merge_by_seq(units.collect(), people.collect());
    let path = |is_unit: bool, index: u32| {
        format!("{}[{index}]", if is_unit { "units" } else { "people" })
    };
    let mut first: FxMap<&str, (bool, u32)> = map_with_capacity(ids.len());
    for (seq, id, is_unit, index) in ids {
        if let Some(&(u, i)) = first.get(id) {
            ctx.problem_late(
                seq,
                format!("{}.id", path(is_unit, index)),
                msg::duplicate_id(id, &path(u, i)),
            );
        } else {
            first.insert(id, (is_unit, index));
        }
    }
    let unit_ids: FxSet<&str> = raw.units.iter().map(|u| u.unit.id.as_str()).collect();
    for p in raw
        .people
        .iter()
        .filter(|p| raw.units_read && p.unit_seq > 0 && !unit_ids.contains(p.person.unit.as_str()))
    {
        ctx.problem_late(
            p.unit_seq,
            format!("{}.unit", path(false, p.index)),
            msg::unknown_unit(&p.person.unit),
        );
    }
    drop(first);
    drop(unit_ids);

    let year = raw.evaluation_year.unwrap_or(0);
    Case {
        evaluation_year: year,
        review_date: raw
            .review_date
            .map_or_else(|| default_review_date(year), |(d, _)| d),
        decision_date: raw.decision_date,
        settings: raw.settings,
        units: raw.units.into_iter().map(|u| u.unit).collect(),
        people: raw.people.into_iter().map(|p| p.person).collect(),
    }
}

type IdAt<'a> = (u32, &'a str, bool, u32);

/// Merges two lists already in document order.
fn merge_by_seq<'a>(a: Vec<IdAt<'a>>, b: Vec<IdAt<'a>>) -> Vec<IdAt<'a>> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                if x.0 <= y.0 {
                    a.next()
                } else {
                    b.next()
                }
            }
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}
