//! Registrations (đăng ký thi đua) and their measurable targets (chỉ tiêu), parsed from forms and
//! the API into checked values — the "3 đảm, 3 hơn, 5 rõ" of the seed plan: a title aimed at, a
//! commitment, targets with a value, a unit of measure, last year's value, a responsible person
//! and a due date; progress on a target, and the two flags the pages show ("not higher than last
//! year", "overdue").
//!
//! Numbers are read as Vietnamese offices write them ("1.234,5", "2.500", "0,5") and as machines
//! do ("1234.5"); see [`parse_number`].

use serde::{Deserialize, Serialize};
use time::Date;

use crate::errors::FieldErrors;
use crate::records::{PERSON_TITLES, UNIT_TITLES};
use crate::{labels, vn};

/// Whose registration: a person's own, or a unit's (collective).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    Person,
    Unit,
}

impl OwnerKind {
    /// The titles that may be registered.
    pub fn titles(self) -> &'static [&'static str] {
        match self {
            OwnerKind::Person => PERSON_TITLES,
            OwnerKind::Unit => UNIT_TITLES,
        }
    }
}

/// A number as typed in a form or sent as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumberInput {
    Number(f64),
    Text(String),
}

impl Default for NumberInput {
    fn default() -> Self {
        NumberInput::Text(String::new())
    }
}

impl NumberInput {
    fn is_blank(&self) -> bool {
        matches!(self, NumberInput::Text(s) if s.trim().is_empty())
    }

    /// `Ok(None)` when blank, `Err(())` when not a number.
    fn value(&self) -> Result<Option<f64>, ()> {
        match self {
            NumberInput::Number(v) if v.is_finite() => Ok(Some(*v)),
            NumberInput::Number(_) => Err(()),
            NumberInput::Text(s) if s.trim().is_empty() => Ok(None),
            NumberInput::Text(s) => parse_number(s).map(Some).ok_or(()),
        }
    }
}

/// Reads a number as Vietnamese offices write it — "." groups thousands and "," marks decimals
/// ("1.234,5", "2.500", "0,5") — or as machines do ("1234.5"). With both marks, the last one is
/// the decimal mark. A single "." followed by exactly three digits groups thousands ("2.500" is
/// two thousand five hundred), except after a lone zero ("0.125"). Spaces are ignored.
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int_part, frac): (String, Option<&str>) = match (dots, commas) {
        (0, 0) => (body.to_owned(), None),
        (_, 0) if dots > 1 => (grouped(body, '.')?, None),
        (1, 0) => {
            let (a, b) = body.split_once('.')?;
            if b.len() == 3 && !a.is_empty() && a != "0" {
                (grouped(body, '.')?, None)
            } else {
                (a.to_owned(), Some(b))
            }
        }
        (0, 1) => {
            let (a, b) = body.split_once(',')?;
            (a.to_owned(), Some(b))
        }
        (0, _) => (grouped(body, ',')?, None),
        _ => {
            // Both marks: the last is the decimal mark, the other groups thousands.
            let last = body.rfind(['.', ','])?;
            let decimal = body[last..].chars().next()?;
            let group = if decimal == '.' { ',' } else { '.' };
            let (a, b) = (&body[..last], &body[last + 1..]);
            if b.contains(group) || a.contains(decimal) {
                return None;
            }
            (grouped(a, group)?, Some(b))
        }
    };
    if int_part.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let text = match frac {
        Some(f) => format!("{}.{f}", if int_part.is_empty() { "0" } else { &int_part }),
        None => int_part,
    };
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(if neg { -v } else { v })
}

/// Digits grouped by `sep` in threes ("1.234.567" → "1234567"); `None` if the groups are wrong.
fn grouped(s: &str, sep: char) -> Option<String> {
    let parts: Vec<&str> = s.split(sep).collect();
    let first_ok = (1..=3).contains(&parts[0].len());
    if !first_ok || parts[1..].iter().any(|p| p.len() != 3) {
        return None;
    }
    Some(parts.concat())
}

/// A number as Vietnamese offices print it: "1.234,5", "12", "0,25" (at most three decimals).
pub fn format_number(v: f64) -> String {
    let neg = v < 0.0;
    let rounded = (v.abs() * 1000.0).round() / 1000.0;
    let whole = rounded.trunc() as u64;
    let frac = ((rounded - rounded.trunc()) * 1000.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    if neg && (whole > 0 || frac > 0) {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if frac > 0 {
        let f = format!("{frac:03}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// The key that matches a target with last year's target of the same name: diacritic-free,
/// lower case, single-spaced ("Số bài báo " and "so bai bao" match).
pub fn name_key(name: &str) -> String {
    vn::fold(&vn::clean(name))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One target row as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetInput {
    /// The stored target this row edits (none for a new row).
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: NumberInput,
    #[serde(default)]
    pub unit_of_measure: String,
    /// Last year's value where last year's registration has none.
    #[serde(default)]
    pub last_year_value: NumberInput,
    #[serde(default)]
    pub responsible_person_id: Option<i64>,
    /// `dd/mm/yyyy` or `yyyy-mm-dd`.
    #[serde(default)]
    pub due_on: String,
}

impl TargetInput {
    /// A row left empty in the form (ignored).
    pub fn is_blank(&self) -> bool {
        self.id.is_none()
            && self.name.trim().is_empty()
            && self.value.is_blank()
            && self.unit_of_measure.trim().is_empty()
            && self.last_year_value.is_blank()
            && self.due_on.trim().is_empty()
    }
}

/// A checked target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetDraft {
    pub id: Option<i64>,
    pub name: String,
    pub value: f64,
    pub unit_of_measure: String,
    pub last_year_value: Option<f64>,
    pub responsible_person_id: Option<i64>,
    pub due_on: Option<Date>,
}

/// A registration as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistrationInput {
    /// `LDTT`, `CSTDCS`, … for a person; `TTLDTT`, `TTLDXS`, … for a unit (code or name).
    #[serde(default)]
    pub title_code: String,
    #[serde(default)]
    pub commitment: String,
    #[serde(default)]
    pub targets: Vec<TargetInput>,
}

/// A checked registration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistrationDraft {
    pub title_code: Option<&'static str>,
    pub commitment: Option<String>,
    pub targets: Vec<TargetDraft>,
}

/// The label of a target row's field: "Chỉ tiêu dòng 2 – đơn vị tính".
fn row_label(row: usize, what: &str) -> String {
    format!("Chỉ tiêu dòng {} – {what}", row + 1)
}

/// Checks a registration for a plan of `year`: the title is one the owner may register, every
/// target has a name, a value ≥ 0 and a unit of measure, and its due date falls in the year.
/// Blank rows are dropped; each problem names its field and row.
pub fn parse_registration(
    input: &RegistrationInput,
    kind: OwnerKind,
    year: i32,
) -> Result<RegistrationDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let title = input.title_code.trim();
    let title_code = if title.is_empty() {
        None
    } else {
        let found = crate::records::parse_code(title, kind.titles(), labels::award);
        if found.is_none() {
            let allowed: Vec<&str> = kind.titles().iter().map(|c| labels::award(c)).collect();
            e.add(
                "title_code",
                "Danh hiệu đăng ký",
                format!(
                    "“{title}” không đăng ký được; chọn một trong: {}",
                    allowed.join(", ")
                ),
            );
        }
        found
    };
    let commitment = input.commitment.trim();
    if commitment.chars().count() > 4000 {
        e.add("commitment", "Cam kết", "dài quá 4.000 ký tự");
    }
    let mut targets = Vec::new();
    for (i, row) in input.targets.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if let Some(t) = parse_target(row, i, year, &mut e) {
            targets.push(t);
        }
    }
    let draft = RegistrationDraft {
        title_code,
        commitment: vn::clean_opt(commitment).map(|_| commitment.replace("\r\n", "\n")),
        targets,
    };
    e.into_result(draft)
}

fn parse_target(
    row: &TargetInput,
    i: usize,
    year: i32,
    e: &mut FieldErrors,
) -> Option<TargetDraft> {
    let before = e.0.len();
    let name = vn::clean(&row.name);
    if name.is_empty() {
        e.add(
            &format!("targets[{i}].name"),
            &row_label(i, "tên chỉ tiêu"),
            "không được để trống",
        );
    } else if name.chars().count() > 500 {
        e.add(
            &format!("targets[{i}].name"),
            &row_label(i, "tên chỉ tiêu"),
            "dài quá 500 ký tự",
        );
    }
    let value = match row.value.value() {
        Ok(Some(v)) if v < 0.0 => {
            e.add(
                &format!("targets[{i}].value"),
                &row_label(i, "giá trị đăng ký"),
                "không được âm",
            );
            None
        }
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            e.add(
                &format!("targets[{i}].value"),
                &row_label(i, "giá trị đăng ký"),
                "không được để trống",
            );
            None
        }
        Err(()) => {
            e.add(
                &format!("targets[{i}].value"),
                &row_label(i, "giá trị đăng ký"),
                "không phải là số (ví dụ: 12 hoặc 1.234,5)",
            );
            None
        }
    };
    let unit = vn::clean(&row.unit_of_measure);
    if unit.is_empty() {
        e.add(
            &format!("targets[{i}].unit_of_measure"),
            &row_label(i, "đơn vị tính"),
            "không được để trống (ví dụ: bài báo, hồ sơ, %)",
        );
    } else if unit.chars().count() > 50 {
        e.add(
            &format!("targets[{i}].unit_of_measure"),
            &row_label(i, "đơn vị tính"),
            "dài quá 50 ký tự",
        );
    }
    let last_year_value = match row.last_year_value.value() {
        Ok(Some(v)) if v < 0.0 => {
            e.add(
                &format!("targets[{i}].last_year_value"),
                &row_label(i, "giá trị năm trước"),
                "không được âm",
            );
            None
        }
        Ok(v) => v,
        Err(()) => {
            e.add(
                &format!("targets[{i}].last_year_value"),
                &row_label(i, "giá trị năm trước"),
                "không phải là số",
            );
            None
        }
    };
    let due = row.due_on.trim();
    let due_on = if due.is_empty() {
        None
    } else {
        match vn::parse_date(due) {
            Some(d) if d.year() == year => Some(d),
            Some(_) => {
                e.add(
                    &format!("targets[{i}].due_on"),
                    &row_label(i, "thời hạn"),
                    format!("phải trong năm {year} của kế hoạch (01/01/{year} – 31/12/{year})"),
                );
                None
            }
            None => {
                e.add(
                    &format!("targets[{i}].due_on"),
                    &row_label(i, "thời hạn"),
                    "không phải ngày hợp lệ (dd/mm/yyyy)",
                );
                None
            }
        }
    };
    if e.0.len() > before {
        return None;
    }
    Some(TargetDraft {
        id: row.id,
        name,
        value: value?,
        unit_of_measure: unit,
        last_year_value,
        responsible_person_id: row.responsible_person_id,
        due_on,
    })
}

/// What a registration needs before it is sent for review: a title and at least one target.
pub fn check_ready(title_code: Option<&str>, targets: usize) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if title_code.is_none_or(str::is_empty) {
        e.add("title_code", "Danh hiệu đăng ký", "cần chọn trước khi gửi");
    }
    if targets == 0 {
        e.add(
            "targets",
            "Chỉ tiêu",
            "cần ít nhất một chỉ tiêu đo được trước khi gửi",
        );
    }
    e.into_result(())
}

/// "3 hơn": a target that is not higher than last year's value is flagged.
pub fn not_higher_than_last_year(value: f64, last_year: Option<f64>) -> bool {
    last_year.is_some_and(|l| value <= l)
}

/// A target is overdue when its due date has passed (the day itself is still in time) and the
/// value reached so far is below the registered one.
pub fn overdue(value: f64, reached: Option<f64>, due_on: Option<Date>, today: Date) -> bool {
    due_on.is_some_and(|d| today > d) && reached.unwrap_or(0.0) < value
}

/// Progress on a target as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressInput {
    /// `dd/mm/yyyy` or `yyyy-mm-dd`; today when blank.
    #[serde(default)]
    pub reported_on: String,
    /// The value reached so far (cumulative).
    #[serde(default)]
    pub value: NumberInput,
    #[serde(default)]
    pub note: String,
}

/// A checked progress update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressDraft {
    pub reported_on: Date,
    pub value: f64,
    pub note: Option<String>,
}

/// Checks a progress update of a target of a plan of `year`: a date in the year and not after
/// today, a value ≥ 0.
pub fn parse_progress(
    input: &ProgressInput,
    year: i32,
    today: Date,
) -> Result<ProgressDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let d = input.reported_on.trim();
    let reported_on = if d.is_empty() {
        Some(today)
    } else {
        match vn::parse_date(d) {
            Some(x) if x.year() != year => {
                e.add(
                    "reported_on",
                    "Ngày cập nhật",
                    format!("phải trong năm {year} của kế hoạch"),
                );
                None
            }
            Some(x) if x > today => {
                e.add(
                    "reported_on",
                    "Ngày cập nhật",
                    "không được sau ngày hôm nay",
                );
                None
            }
            Some(x) => Some(x),
            None => {
                e.add(
                    "reported_on",
                    "Ngày cập nhật",
                    "không phải ngày hợp lệ (dd/mm/yyyy)",
                );
                None
            }
        }
    };
    let value = match input.value.value() {
        Ok(Some(v)) if v >= 0.0 => Some(v),
        Ok(Some(_)) => {
            e.add("value", "Giá trị đạt được", "không được âm");
            None
        }
        Ok(None) => {
            e.add("value", "Giá trị đạt được", "không được để trống");
            None
        }
        Err(()) => {
            e.add(
                "value",
                "Giá trị đạt được",
                "không phải là số (ví dụ: 12 hoặc 1.234,5)",
            );
            None
        }
    };
    let note = input.note.trim();
    if note.chars().count() > 4000 {
        e.add("note", "Ghi chú", "dài quá 4.000 ký tự");
    }
    if !e.is_empty() {
        return Err(e);
    }
    Ok(ProgressDraft {
        reported_on: reported_on.unwrap_or(today),
        value: value.unwrap_or(0.0),
        note: vn::clean_opt(note).map(|_| note.replace("\r\n", "\n")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn numbers_as_vietnamese_offices_write_them() {
        for (s, v) in [
            ("12", 12.0),
            ("1.234,5", 1234.5),
            ("1234.5", 1234.5),
            ("1234,5", 1234.5),
            ("2.500", 2500.0),
            ("1.234.567", 1_234_567.0),
            ("1,234,567.25", 1_234_567.25),
            ("0,5", 0.5),
            ("0.125", 0.125),
            (",5", 0.5),
            (" 1 200 ", 1200.0),
            ("-3", -3.0),
        ] {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for bad in [
            "", "abc", "100%", "1.2.3", "1,2,3", "1.23,4.5", "1,", "-", "1e5",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_print_the_vietnamese_way() {
        assert_eq!(format_number(1234.5), "1.234,5");
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(0.25), "0,25");
        assert_eq!(format_number(1_000_000.0), "1.000.000");
        assert_eq!(format_number(2.0 / 3.0), "0,667");
        for v in [0.0, 7.0, 1234.5, 98.25, 1_000_000.0] {
            assert_eq!(parse_number(&format_number(v)), Some(v));
        }
    }

    #[test]
    fn names_match_without_diacritics_or_case() {
        assert_eq!(
            name_key(" Số  bài báo khoa học "),
            name_key("so bai bao KHOA HOC")
        );
        assert_ne!(name_key("Số bài báo"), name_key("Số đề tài"));
    }

    fn row(name: &str, value: &str, unit: &str, due: &str) -> TargetInput {
        TargetInput {
            name: name.into(),
            value: NumberInput::Text(value.into()),
            unit_of_measure: unit.into(),
            due_on: due.into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_bad_row_is_named_and_blank_rows_are_dropped() {
        let input = RegistrationInput {
            title_code: "Lao động tiên tiến".into(),
            commitment: "Hoàn thành tốt nhiệm vụ".into(),
            targets: vec![
                row("Thẩm định đề tài", "12", "hồ sơ", "30/11/2024"),
                TargetInput::default(),
                row("Bài báo", "2", "", ""),
                row("Hội thảo", "-1", "cuộc", "15/01/2025"),
            ],
        };
        let e = parse_registration(&input, OwnerKind::Person, 2024).unwrap_err();
        let lines: Vec<String> = e.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                "Chỉ tiêu dòng 3 – đơn vị tính: không được để trống (ví dụ: bài báo, hồ sơ, %)",
                "Chỉ tiêu dòng 4 – giá trị đăng ký: không được âm",
                "Chỉ tiêu dòng 4 – thời hạn: phải trong năm 2024 của kế hoạch (01/01/2024 – 31/12/2024)",
            ]
        );
        assert_eq!(e.0[0].field, "targets[2].unit_of_measure");
        let ok = RegistrationInput {
            targets: vec![
                row("Thẩm định đề tài", "1.200", "hồ sơ", "2024-11-30"),
                TargetInput::default(),
            ],
            ..input
        };
        let d = parse_registration(&ok, OwnerKind::Person, 2024).unwrap();
        assert_eq!(d.title_code, Some("LDTT"));
        assert_eq!(d.targets.len(), 1);
        assert_eq!(d.targets[0].value, 1200.0);
        assert_eq!(d.targets[0].due_on, Some(date!(2024 - 11 - 30)));
    }

    #[test]
    fn a_person_cannot_register_a_collective_title() {
        let input = RegistrationInput {
            title_code: "TTLDXS".into(),
            ..Default::default()
        };
        let e = parse_registration(&input, OwnerKind::Person, 2024).unwrap_err();
        assert_eq!(e.0[0].field, "title_code");
        let d = parse_registration(&input, OwnerKind::Unit, 2024).unwrap();
        assert_eq!(d.title_code, Some("TTLDXS"));
        assert!(check_ready(d.title_code, 0).is_err());
        assert!(check_ready(d.title_code, 1).is_ok());
    }

    #[test]
    fn numbers_sent_as_numbers_are_taken_as_they_are() {
        // "1.234" typed is one thousand two hundred thirty-four; 1.234 sent as a number is not.
        let t = TargetInput {
            name: "Tỷ lệ hồ sơ đúng hạn".into(),
            value: NumberInput::Number(1.234),
            unit_of_measure: "%".into(),
            ..Default::default()
        };
        let d = parse_registration(
            &RegistrationInput {
                targets: vec![t],
                ..Default::default()
            },
            OwnerKind::Unit,
            2024,
        )
        .unwrap();
        assert_eq!(d.targets[0].value, 1.234);
    }

    #[test]
    fn flags_three_higher_and_overdue() {
        assert!(not_higher_than_last_year(10.0, Some(10.0)));
        assert!(not_higher_than_last_year(9.0, Some(10.0)));
        assert!(!not_higher_than_last_year(11.0, Some(10.0)));
        assert!(!not_higher_than_last_year(1.0, None));
        let due = Some(date!(2024 - 06 - 30));
        assert!(
            !overdue(5.0, Some(1.0), due, date!(2024 - 06 - 30)),
            "the due day is in time"
        );
        assert!(overdue(5.0, Some(1.0), due, date!(2024 - 07 - 01)));
        assert!(overdue(5.0, None, due, date!(2024 - 07 - 01)));
        assert!(!overdue(5.0, Some(5.0), due, date!(2024 - 07 - 01)));
        assert!(!overdue(5.0, None, None, date!(2024 - 12 - 31)));
    }

    #[test]
    fn progress_dates_stay_in_the_year_and_not_in_the_future() {
        let today = date!(2024 - 05 - 10);
        let p = |d: &str, v: &str| ProgressInput {
            reported_on: d.into(),
            value: NumberInput::Text(v.into()),
            note: String::new(),
        };
        assert_eq!(
            parse_progress(&p("", "3"), 2024, today)
                .unwrap()
                .reported_on,
            today
        );
        assert!(parse_progress(&p("11/05/2024", "3"), 2024, today).is_err());
        assert!(parse_progress(&p("31/12/2023", "3"), 2024, today).is_err());
        let e = parse_progress(&p("01/05/2024", "-2"), 2024, today).unwrap_err();
        assert_eq!(e.0[0].field, "value");
    }
}
