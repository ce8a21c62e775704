//! The plan's simple editor: prose blocks as rows of (kind, number, text) with `*italic*` and
//! `**bold**` marks — no HTML from users — and the structured parts (phases, deadlines,
//! movements, commemorations, recipients) as rows of fields. Also what a plan's content gives the
//! database to query ([`derive`]).

use serde::Deserialize;
use time::Date;

use tdkt_docs::plan::{Deadline, DeadlineKind, Movement, MovementKind, Phase, Plan};
use tdkt_docs::{Block, DocDate, Inline, Signer, Span};
use tdkt_domain::{FieldErrors, vn};
use tdkt_store::plans::{Derived, NewMovement};

/// A prose block as the editor shows it.
#[derive(Debug, Clone, Default)]
pub struct BlockRow {
    /// `h1`, `h2`, `h3`, `p` (paragraph) or `li` (a "-" bullet).
    pub kind: String,
    pub number: String,
    pub text: String,
}

/// Inline runs as marked text: `**bold**`, `*italic*`.
pub fn runs_to_text(runs: &[Inline]) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Plain(t) => out.push_str(t),
            Inline::Styled(Span {
                text, bold, italic, ..
            }) => {
                let mark = match (bold, italic) {
                    (true, _) => "**",
                    (false, true) => "*",
                    _ => "",
                };
                out.push_str(mark);
                out.push_str(text);
                out.push_str(mark);
            }
        }
    }
    out
}

/// Marked text back into runs. An unpaired mark is kept as a literal asterisk.
pub fn text_to_runs(text: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (mark, bold) = match rest.find('*') {
            Some(i) => {
                if i > 0 {
                    runs.push(Inline::plain(&rest[..i]));
                    rest = &rest[i..];
                }
                if rest.starts_with("**") {
                    ("**", true)
                } else {
                    ("*", false)
                }
            }
            None => {
                runs.push(Inline::plain(rest));
                break;
            }
        };
        let body = &rest[mark.len()..];
        match body.find(mark) {
            Some(end) if end > 0 => {
                runs.push(Inline::Styled(Span {
                    text: body[..end].to_owned(),
                    bold,
                    italic: !bold,
                    underline: false,
                }));
                rest = &body[end + mark.len()..];
            }
            _ => {
                runs.push(Inline::plain(mark));
                rest = body;
            }
        }
    }
    // Neighbouring plain runs are one.
    let mut merged: Vec<Inline> = Vec::with_capacity(runs.len());
    for r in runs {
        match (merged.last_mut(), r) {
            (Some(Inline::Plain(a)), Inline::Plain(b)) => a.push_str(&b),
            (_, r) => merged.push(r),
        }
    }
    merged
}

pub fn block_rows(blocks: &[Block]) -> Vec<BlockRow> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level,
                number,
                text,
            } => Some(BlockRow {
                kind: format!("h{}", level.clamp(&1, &3)),
                number: number.clone(),
                text: text.clone(),
            }),
            Block::Paragraph { number, runs, .. } => Some(BlockRow {
                kind: "p".into(),
                number: number.clone().unwrap_or_default(),
                text: runs_to_text(runs),
            }),
            Block::Bullet { runs } => Some(BlockRow {
                kind: "li".into(),
                number: String::new(),
                text: runs_to_text(runs),
            }),
            // Tables and page breaks are not edited here; they are kept by `rows_to_blocks`.
            _ => None,
        })
        .collect()
}

/// Rows back into blocks; rows left empty are dropped.
pub fn rows_to_blocks(rows: &[BlockRow]) -> Vec<Block> {
    rows.iter()
        .filter(|r| !vn::clean(&r.text).is_empty())
        .map(|r| {
            let text = vn::clean(&r.text);
            let number = vn::clean(&r.number);
            match r.kind.as_str() {
                "h1" | "h2" | "h3" => Block::Heading {
                    level: r.kind[1..].parse().unwrap_or(1),
                    number,
                    text,
                },
                "li" => Block::Bullet {
                    runs: text_to_runs(&text),
                },
                _ => Block::Paragraph {
                    number: (!number.is_empty()).then_some(number),
                    runs: text_to_runs(&text),
                    align: Default::default(),
                },
            }
        })
        .collect()
}

/// The editor's form. Repeated fields arrive as lists (axum-extra's `Form`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub summary: String,
    pub place: String,
    pub governing_body: String,
    pub issuing_body: String,
    pub signer_authority: String,
    pub signer_position: String,
    pub signer_name: String,
    pub recipients: String,
    pub archive: String,
    pub block_kind: Vec<String>,
    pub block_number: Vec<String>,
    pub block_text: Vec<String>,
    pub phase_name: Vec<String>,
    pub phase_start: Vec<String>,
    pub phase_end: Vec<String>,
    pub phase_review: Vec<String>,
    pub deadline_kind: Vec<String>,
    pub deadline_date: Vec<String>,
    pub deadline_description: Vec<String>,
    pub movement_kind: Vec<String>,
    pub movement_name: Vec<String>,
    pub movement_start: Vec<String>,
    pub movement_end: Vec<String>,
    pub movement_criteria: Vec<String>,
    /// "Thêm" buttons: `block:<index>` inserts an empty block after it; `phase`, `deadline`,
    /// `movement` add an empty row. Saving is any other submit.
    pub add: String,
}

fn date_or_error(e: &mut FieldErrors, field: String, label: String, raw: &str) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let d = vn::parse_date(raw);
    if d.is_none() {
        e.add(
            &field,
            &label,
            format!("“{raw}” không phải ngày hợp lệ (dd/mm/yyyy)"),
        );
    }
    d
}

fn deadline_kind(code: &str) -> DeadlineKind {
    match code {
        "registration" => DeadlineKind::Registration,
        "mid_year_report" => DeadlineKind::MidYearReport,
        "year_end_report" => DeadlineKind::YearEndReport,
        "rating" => DeadlineKind::Rating,
        _ => DeadlineKind::Other,
    }
}

pub fn deadline_code(k: DeadlineKind) -> &'static str {
    match k {
        DeadlineKind::Registration => "registration",
        DeadlineKind::MidYearReport => "mid_year_report",
        DeadlineKind::YearEndReport => "year_end_report",
        DeadlineKind::Rating => "rating",
        DeadlineKind::Other => "other",
    }
}

pub fn movement_code(k: MovementKind) -> &'static str {
    match k {
        MovementKind::Regular => "regular",
        MovementKind::Thematic => "thematic",
        MovementKind::ShortWave => "short_wave",
    }
}

fn movement_kind(code: &str) -> MovementKind {
    match code {
        "thematic" => MovementKind::Thematic,
        "short_wave" => MovementKind::ShortWave,
        _ => MovementKind::Regular,
    }
}

/// A phase as the editor shows it: the plan's, or what was typed (dates as text).
#[derive(Debug, Clone, Default)]
pub struct PhaseRow {
    pub name: String,
    pub start: String,
    pub end: String,
    pub review: String,
}

/// A deadline as the editor shows it; `kind` is its code (`registration`, …).
#[derive(Debug, Clone, Default)]
pub struct DeadlineRow {
    pub kind: String,
    pub date: String,
    pub description: String,
}

/// A movement as the editor shows it; `kind` is its code, `criteria` one per line.
#[derive(Debug, Clone, Default)]
pub struct MovementRow {
    pub kind: String,
    pub name: String,
    pub start: String,
    pub end: String,
    pub criteria: String,
}

/// The editor's repeated rows: from a stored plan, or from a form as it was typed (a form that
/// was refused, or that asked for one more row, shows again what the user wrote — even a date
/// that does not parse — never the stored values).
#[derive(Debug, Clone, Default)]
pub struct EditorRows {
    pub blocks: Vec<BlockRow>,
    pub phases: Vec<PhaseRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub movements: Vec<MovementRow>,
}

impl EditorRows {
    pub fn of_plan(p: &Plan) -> EditorRows {
        let fmt = crate::views::fmt_date;
        let opt = |d: Option<Date>| d.map(fmt).unwrap_or_default();
        EditorRows {
            blocks: block_rows(
                &p.intro
                    .iter()
                    .chain(&p.sections)
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
            phases: p
                .phases
                .iter()
                .map(|ph| PhaseRow {
                    name: ph.name.clone(),
                    start: fmt(ph.start),
                    end: fmt(ph.end),
                    review: ph.review.clone().unwrap_or_default(),
                })
                .collect(),
            deadlines: p
                .deadlines
                .iter()
                .map(|d| DeadlineRow {
                    kind: deadline_code(d.kind).to_owned(),
                    date: fmt(d.date),
                    description: d.description.clone(),
                })
                .collect(),
            movements: p
                .movements
                .iter()
                .map(|m| MovementRow {
                    kind: movement_code(m.kind).to_owned(),
                    name: m.name.clone(),
                    start: opt(m.start),
                    end: opt(m.end),
                    criteria: m.criteria.join("\n"),
                })
                .collect(),
        }
    }

    pub fn typed(f: &PlanForm) -> EditorRows {
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        EditorRows {
            blocks: (0..f.block_text.len())
                .map(|i| BlockRow {
                    kind: f.block_kind.get(i).cloned().unwrap_or_else(|| "p".into()),
                    number: at(&f.block_number, i),
                    text: f.block_text[i].clone(),
                })
                .collect(),
            phases: (0..f.phase_name.len())
                .map(|i| PhaseRow {
                    name: f.phase_name[i].clone(),
                    start: at(&f.phase_start, i),
                    end: at(&f.phase_end, i),
                    review: at(&f.phase_review, i),
                })
                .collect(),
            deadlines: (0..f.deadline_description.len())
                .map(|i| DeadlineRow {
                    kind: at(&f.deadline_kind, i),
                    date: at(&f.deadline_date, i),
                    description: f.deadline_description[i].clone(),
                })
                .collect(),
            movements: (0..f.movement_name.len())
                .map(|i| MovementRow {
                    kind: at(&f.movement_kind, i),
                    name: f.movement_name[i].clone(),
                    start: at(&f.movement_start, i),
                    end: at(&f.movement_end, i),
                    criteria: at(&f.movement_criteria, i),
                })
                .collect(),
        }
    }
}

/// The form's single fields (header, summary, signer, recipients) on a copy of the plan, as
/// typed: what the editor shows again when the form is refused or asked for a new row.
pub fn typed_plan(plan: &Plan, f: &PlanForm) -> Plan {
    let mut p = plan.clone();
    apply_fields(&mut p, f);
    p
}

fn apply_fields(p: &mut Plan, f: &PlanForm) {
    p.summary = vn::clean(&f.summary);
    p.place = vn::clean(&f.place);
    p.governing_body = vn::clean_opt(&f.governing_body);
    p.issuing_body = vn::clean(&f.issuing_body);
    p.signer = if vn::clean(&f.signer_name).is_empty() && vn::clean(&f.signer_position).is_empty() {
        None
    } else {
        Some(Signer {
            authority: vn::clean_opt(&f.signer_authority),
            position: vn::clean(&f.signer_position),
            note: None,
            name: vn::clean(&f.signer_name),
        })
    };
    p.recipients = f
        .recipients
        .lines()
        .filter_map(vn::clean_opt)
        .map(|l| l.trim_start_matches("- ").to_owned())
        .collect();
    p.archive = vn::clean_opt(&f.archive);
}

/// Applies the form to a plan. Date fields that do not parse are errors naming their row; the
/// plan's own checks (signer, dates in the year, no HTML) run on the result.
pub fn apply(plan: &Plan, f: &PlanForm) -> Result<Plan, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut p = plan.clone();
    apply_fields(&mut p, f);
    let n = f.block_text.len();
    let rows: Vec<BlockRow> = (0..n)
        .map(|i| BlockRow {
            kind: f.block_kind.get(i).cloned().unwrap_or_else(|| "p".into()),
            number: f.block_number.get(i).cloned().unwrap_or_default(),
            text: f.block_text[i].clone(),
        })
        .collect();
    // The opening prose stays before the first section heading, as the agency wrote it.
    let blocks = rows_to_blocks(&rows);
    let first_heading = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        .unwrap_or(blocks.len());
    p.intro = blocks[..first_heading].to_vec();
    p.sections = blocks[first_heading..].to_vec();
    p.phases = Vec::new();
    for i in 0..f.phase_name.len() {
        let name = vn::clean(&f.phase_name[i]);
        if name.is_empty() {
            continue;
        }
        let label = format!("Đợt thi đua {}", i + 1);
        let start = date_or_error(
            &mut e,
            format!("phases[{i}].start"),
            format!("{label} – ngày bắt đầu"),
            f.phase_start.get(i).map_or("", |s| s),
        );
        let end = date_or_error(
            &mut e,
            format!("phases[{i}].end"),
            format!("{label} – ngày kết thúc"),
            f.phase_end.get(i).map_or("", |s| s),
        );
        match (start, end) {
            (Some(start), Some(end)) => p.phases.push(Phase {
                number: (i + 1) as u8,
                name,
                start,
                end,
                review: f.phase_review.get(i).and_then(|r| vn::clean_opt(r)),
            }),
            _ => e.add(
                &format!("phases[{i}]"),
                &label,
                "cần ngày bắt đầu và ngày kết thúc (dd/mm/yyyy)",
            ),
        }
    }
    p.deadlines = Vec::new();
    for i in 0..f.deadline_description.len() {
        let desc = vn::clean(&f.deadline_description[i]);
        let raw = f.deadline_date.get(i).map_or("", |s| s.as_str());
        if desc.is_empty() && raw.trim().is_empty() {
            continue;
        }
        let kind = deadline_kind(f.deadline_kind.get(i).map_or("", |s| s));
        let label = format!("Hạn «{}»", kind.label());
        match date_or_error(&mut e, format!("deadlines[{i}].date"), label.clone(), raw) {
            Some(date) => p.deadlines.push(Deadline {
                kind,
                date,
                description: desc,
                actor: plan.deadlines.get(i).and_then(|d| d.actor.clone()),
            }),
            None if raw.trim().is_empty() => e.add(
                &format!("deadlines[{i}].date"),
                &label,
                "cần ngày (dd/mm/yyyy)",
            ),
            None => {}
        }
    }
    p.movements = Vec::new();
    for i in 0..f.movement_name.len() {
        let name = vn::clean(&f.movement_name[i]);
        if name.is_empty() {
            continue;
        }
        let label = format!("Phong trào thứ {}", i + 1);
        let start = date_or_error(
            &mut e,
            format!("movements[{i}].start"),
            format!("{label} – ngày bắt đầu"),
            f.movement_start.get(i).map_or("", |s| s),
        );
        let end = date_or_error(
            &mut e,
            format!("movements[{i}].end"),
            format!("{label} – ngày kết thúc"),
            f.movement_end.get(i).map_or("", |s| s),
        );
        let previous = plan.movements.iter().find(|m| m.name == name);
        p.movements.push(Movement {
            kind: movement_kind(f.movement_kind.get(i).map_or("", |s| s)),
            name,
            start,
            end,
            criteria: f
                .movement_criteria
                .get(i)
                .map(|c| c.lines().filter_map(vn::clean_opt).collect())
                .unwrap_or_default(),
            participants: previous.and_then(|m| m.participants.clone()),
        });
    }
    if let Err(v) = p.validate() {
        add_docs_errors(&mut e, v);
    }
    e.into_result(p)
}

/// The document engine's errors as field errors: its messages start with the field's label.
pub fn add_docs_errors(e: &mut FieldErrors, v: tdkt_docs::ValidationErrors) {
    for fe in v.0 {
        match fe.message.split_once(": ") {
            Some((label, msg)) => e.add(&fe.field, label, msg.trim_end_matches('.')),
            None => e.add(&fe.field, "Kế hoạch", fe.message.trim_end_matches('.')),
        }
    }
}

/// What the database keeps of a plan for queries across agencies.
pub fn derive(plan: &Plan) -> Derived {
    Derived {
        deadlines: plan
            .deadlines
            .iter()
            .map(|d| {
                (
                    deadline_code(d.kind).to_owned(),
                    d.date,
                    d.description.clone(),
                )
            })
            .collect(),
        phases: plan
            .phases
            .iter()
            .map(|p| (i64::from(p.number), p.name.clone(), p.start, p.end))
            .collect(),
        movements: plan
            .movements
            .iter()
            .map(|m| NewMovement {
                kind: movement_code(m.kind).to_owned(),
                name: m.name.clone(),
                start: m.start,
                end: m.end,
                criteria: serde_json::to_string(&m.criteria).unwrap_or_else(|_| "[]".into()),
                participants: m.participants.clone(),
            })
            .collect(),
    }
}

/// `text` with the year `old` written as a number of its own (not part of a longer number such as
/// "20245") replaced by `new`: "năm 2024" → "năm 2025", "15/12/2024" → "15/12/2025".
fn renew_year(text: &str, old: i32, new: i32) -> String {
    let (old, new) = (old.to_string(), new.to_string());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&old) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&old);
        } else {
            out.push_str(&new);
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    out
}

/// A new year's plan from last year's: the same text and structure, the structured dates moved
/// to the new year, the year named in the structured texts that belong to the year (the
/// summary, a one-year movement, the phases, the deadlines and the responsibilities) renewed, the
/// number and date cleared (a draft). The prose stays as it was, for the Office to rewrite.
pub fn next_year(plan: &Plan, year: i32) -> Plan {
    let renew = |t: &mut String| *t = renew_year(t, plan.year, year);
    let shift = |d: Date| {
        let y = year - plan.year + d.year();
        Date::from_calendar_date(y, d.month(), d.day())
            .or_else(|_| Date::from_calendar_date(y, d.month(), 28))
            .unwrap_or(d)
    };
    let mut p = plan.clone();
    p.year = year;
    p.number = None;
    p.date = DocDate::Year { year };
    renew(&mut p.summary);
    for ph in &mut p.phases {
        ph.start = shift(ph.start);
        ph.end = shift(ph.end);
        renew(&mut ph.name);
        if let Some(r) = &mut ph.review {
            renew(r);
        }
    }
    for d in &mut p.deadlines {
        d.date = shift(d.date);
        renew(&mut d.description);
    }
    for r in &mut p.responsibilities {
        r.tasks.iter_mut().for_each(renew);
    }
    for c in &mut p.commemorations {
        c.date = shift(c.date);
        c.anniversary = c
            .anniversary
            .and_then(|a| u32::try_from(i64::from(a) + i64::from(year - plan.year)).ok());
    }
    for m in &mut p.movements {
        if m.start.is_some_and(|s| s.year() == plan.year)
            && m.end.is_some_and(|e| e.year() == plan.year)
        {
            m.start = m.start.map(shift);
            m.end = m.end.map(shift);
            renew(&mut m.name);
            m.criteria.iter_mut().for_each(renew);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_renewed_only_as_a_number_of_its_own() {
        assert_eq!(
            renew_year(
                "năm 2024, hạn 15/12/2024; 20245 và 12024; 2020-2024",
                2024,
                2025
            ),
            "năm 2025, hạn 15/12/2025; 20245 và 12024; 2020-2025"
        );
    }

    #[test]
    fn marks_round_trip() {
        let t = "Các phong trào thi đua (*khuyến khích tinh thần dám dấn thân*) và **3 đảm**, 5*3";
        let runs = text_to_runs(t);
        assert_eq!(runs.len(), 5);
        assert_eq!(runs_to_text(&runs), t);
        assert!(
            matches!(&runs[1], Inline::Styled(s) if s.italic && s.text == "khuyến khích tinh thần dám dấn thân")
        );
    }

    #[test]
    fn the_seed_survives_the_editor() {
        let seed = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
        let blocks: Vec<Block> = seed.intro.iter().chain(&seed.sections).cloned().collect();
        let rows = block_rows(&blocks);
        assert_eq!(rows_to_blocks(&rows), blocks);
        let d = derive(&seed);
        assert!(
            d.deadlines
                .iter()
                .any(|(k, day, _)| k == "registration" && day.to_string() == "2024-01-31")
        );
        let next = next_year(&seed, 2025);
        assert!(next.deadlines.iter().all(|d| d.date.year() == 2025));
        assert_eq!(next.summary, "Phát động phong trào thi đua năm 2025");
        let texts: Vec<&str> = next
            .movements
            .iter()
            .map(|m| m.name.as_str())
            .chain(next.deadlines.iter().map(|d| d.description.as_str()))
            .chain(next.phases.iter().filter_map(|p| p.review.as_deref()))
            .collect();
        assert!(
            texts.iter().all(|t| !t.contains("2024")),
            "the year's structured texts name 2025: {texts:?}"
        );
        assert!(
            next.movements
                .iter()
                .any(|m| m.name.contains("giai đoạn 2020-2025")),
            "a movement spanning years keeps its name"
        );
        assert!(next.validate().is_ok(), "{:?}", next.validate());
    }
}
