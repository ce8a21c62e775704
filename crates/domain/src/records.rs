//! The records the rule engine reads — ratings, titles, awards, initiatives, discipline, absences,
//! pending cases — parsed from forms and spreadsheets. Codes are those of spec/rules-evaluate.md;
//! users may type the code or the Vietnamese name (with or without diacritics).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::errors::FieldErrors;
use crate::{labels, vn};

pub const RATINGS: &[&str] = &["HTXSNV", "HTTNV", "HTNV", "KHTNV"];
pub const PERSON_TITLES: &[&str] = &["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ"];
pub const UNIT_TITLES: &[&str] = &["TTLDTT", "TTLDXS", "CO_TINH", "CO_CP"];
pub const AWARDS: &[&str] = &[
    "GK", "BK_TINH", "BK_BO", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
];
pub const AWARD_KINDS: &[&str] = &[
    "cong_trang",
    "dot_xuat",
    "chuyen_de",
    "phong_trao",
    "cong_hien",
];
pub const GROUNDS: &[&str] = &["HTXSNV", "initiative", "st_task"];
pub const INITIATIVE_KINDS: &[&str] = &["initiative", "st_task"];
pub const INITIATIVE_SCOPES: &[&str] = &["co_so", "tinh", "toan_quoc"];
pub const DISCIPLINE_LEVELS: &[&str] = &[
    "khien_trach",
    "canh_cao",
    "ha_bac_luong",
    "giang_chuc",
    "cach_chuc",
    "buoc_thoi_viec",
];
pub const ABSENCE_KINDS: &[&str] = &[
    "maternity",
    "duty_injury",
    "training",
    "sick",
    "unpaid",
    "other",
];
pub const PENDING_KINDS: &[&str] = &[
    "discipline_review",
    "investigation",
    "inspection",
    "complaint",
];

/// Finds a code from what a user typed: the code itself (any case) or its Vietnamese name.
pub fn parse_code(
    input: &str,
    codes: &[&'static str],
    label: fn(&str) -> &'static str,
) -> Option<&'static str> {
    let f = vn::fold(input.trim());
    if f.is_empty() {
        return None;
    }
    codes.iter().copied().find(|c| {
        vn::fold(c) == f || vn::fold(&c.replace('_', " ")) == f || vn::fold(label(c)) == f
    })
}

fn code_field(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    raw: &str,
    codes: &[&'static str],
    names: fn(&str) -> &'static str,
) -> Option<&'static str> {
    if raw.trim().is_empty() {
        e.add(field, label, "không được để trống");
        return None;
    }
    let c = parse_code(raw, codes, names);
    if c.is_none() {
        let allowed: Vec<String> = codes
            .iter()
            .map(|c| format!("{} ({c})", names(c)))
            .collect();
        e.add(
            field,
            label,
            format!(
                "“{}” không hợp lệ; chọn một trong: {}",
                raw.trim(),
                allowed.join("; ")
            ),
        );
    }
    c
}

fn year_field(e: &mut FieldErrors, field: &str, label: &str, raw: &str, latest: i32) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(y) if (1975..=latest).contains(&y) => y,
        Ok(_) => {
            e.add(field, label, format!("phải từ 1975 đến {latest}"));
            0
        }
        Err(_) if raw.trim().is_empty() => {
            e.add(field, label, "không được để trống");
            0
        }
        Err(_) => {
            e.add(field, label, format!("“{}” không phải năm", raw.trim()));
            0
        }
    }
}

fn date_field(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    raw: &str,
    required: bool,
) -> Option<Date> {
    if raw.trim().is_empty() {
        if required {
            e.add(field, label, "không được để trống");
        }
        return None;
    }
    let d = vn::parse_date(raw);
    if d.is_none() {
        e.add(
            field,
            label,
            format!("“{}” không phải ngày hợp lệ (dd/mm/yyyy)", raw.trim()),
        );
    }
    d
}

fn opt_text(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    let v = vn::clean_opt(raw)?;
    if v.chars().count() > max {
        e.add(field, label, format!("dài quá {max} ký tự"));
    }
    if let Some(enc) = vn::detect_legacy(&v) {
        e.add(
            field,
            label,
            format!("văn bản có vẻ gõ bằng {}, không phải Unicode", enc.label()),
        );
    }
    Some(v)
}

/// A record form as it arrives: every field a string; which ones matter depends on the kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RecordForm {
    pub year: String,
    pub code: String,
    pub rating: String,
    pub ground: String,
    pub kind: String,
    pub scope: String,
    pub title: String,
    pub level: String,
    pub decision_no: String,
    pub decided_on: String,
    pub issuer: String,
    pub period_to_year: String,
    pub from: String,
    pub to: String,
    pub note: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatingDraft {
    pub year: i32,
    pub rating: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleDraft {
    pub year: i32,
    pub code: &'static str,
    pub ground: Option<&'static str>,
    pub decision_no: Option<String>,
    pub decided_on: Option<Date>,
    pub issuer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwardDraft {
    pub code: &'static str,
    pub kind: &'static str,
    pub decided_on: Date,
    pub period_to_year: Option<i32>,
    pub decision_no: Option<String>,
    pub issuer: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InitiativeDraft {
    pub code: String,
    pub year: i32,
    pub kind: &'static str,
    pub scope: &'static str,
    pub title: String,
    pub reference: Option<String>,
    pub recognized_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisciplineDraft {
    pub level: &'static str,
    pub effective_on: Date,
    pub until_on: Option<Date>,
    pub decision_no: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbsenceDraft {
    pub kind: &'static str,
    pub from: Date,
    pub to: Date,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingDraft {
    pub kind: &'static str,
    pub opened_on: Date,
    pub note: Option<String>,
}

/// The year of the app's today: ratings and titles can be entered up to it.
pub fn parse_rating(f: &RecordForm, this_year: i32) -> Result<RatingDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let year = year_field(&mut e, "year", "Năm", &f.year, this_year);
    let rating = code_field(
        &mut e,
        "rating",
        "Xếp loại",
        &f.rating,
        RATINGS,
        labels::rating,
    );
    e.into_result(RatingDraft {
        year,
        rating: rating.unwrap_or(""),
    })
}

/// A title already conferred: `collective` picks the unit titles.
pub fn parse_title(
    f: &RecordForm,
    this_year: i32,
    collective: bool,
) -> Result<TitleDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let year = year_field(&mut e, "year", "Năm", &f.year, this_year);
    let codes = if collective {
        UNIT_TITLES
    } else {
        PERSON_TITLES
    };
    let code = code_field(&mut e, "code", "Danh hiệu", &f.code, codes, labels::award);
    let ground = if f.ground.trim().is_empty() {
        None
    } else {
        let g = parse_code(&f.ground, GROUNDS, labels::ground);
        if g.is_none() {
            e.add(
                "ground",
                "Căn cứ",
                "chọn: Hoàn thành xuất sắc nhiệm vụ, Sáng kiến hoặc Nhiệm vụ KH&CN",
            );
        }
        g
    };
    if ground.is_some() && code != Some("CSTDCS") {
        e.add(
            "ground",
            "Căn cứ",
            "chỉ ghi cho danh hiệu Chiến sĩ thi đua cơ sở",
        );
    }
    let decided_on = date_field(
        &mut e,
        "decided_on",
        "Ngày quyết định",
        &f.decided_on,
        false,
    );
    let draft = TitleDraft {
        year,
        code: code.unwrap_or(""),
        ground,
        decision_no: opt_text(&mut e, "decision_no", "Số quyết định", &f.decision_no, 50),
        decided_on,
        issuer: opt_text(&mut e, "issuer", "Cấp quyết định", &f.issuer, 200),
    };
    e.into_result(draft)
}

pub fn parse_award(f: &RecordForm, today: Date) -> Result<AwardDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let code = code_field(
        &mut e,
        "code",
        "Hình thức khen thưởng",
        &f.code,
        AWARDS,
        labels::award,
    );
    let kind = if f.kind.trim().is_empty() {
        Some("cong_trang")
    } else {
        code_field(
            &mut e,
            "kind",
            "Loại hình",
            &f.kind,
            AWARD_KINDS,
            labels::award_kind,
        )
    };
    let decided_on = date_field(&mut e, "decided_on", "Ngày quyết định", &f.decided_on, true);
    if decided_on.is_some_and(|d| d > today) {
        e.add(
            "decided_on",
            "Ngày quyết định",
            "không được sau ngày hôm nay",
        );
    }
    let period_to_year = if f.period_to_year.trim().is_empty() {
        None
    } else {
        let y = year_field(
            &mut e,
            "period_to_year",
            "Thành tích đến năm",
            &f.period_to_year,
            today.year(),
        );
        if let Some(d) = decided_on
            && y > d.year()
        {
            e.add(
                "period_to_year",
                "Thành tích đến năm",
                "không được sau năm quyết định",
            );
        }
        Some(y)
    };
    let draft = AwardDraft {
        code: code.unwrap_or(""),
        kind: kind.unwrap_or(""),
        decided_on: decided_on.unwrap_or(today),
        period_to_year,
        decision_no: opt_text(&mut e, "decision_no", "Số quyết định", &f.decision_no, 50),
        issuer: opt_text(&mut e, "issuer", "Cấp quyết định", &f.issuer, 200),
        reason: opt_text(&mut e, "note", "Thành tích", &f.note, 1000),
    };
    e.into_result(draft)
}

pub fn parse_initiative(f: &RecordForm, today: Date) -> Result<InitiativeDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let code = vn::clean(&f.code).to_uppercase();
    if code.is_empty() {
        e.add("code", "Mã sáng kiến", "không được để trống");
    } else if !crate::person::valid_code(&code) {
        e.add(
            "code",
            "Mã sáng kiến",
            "chỉ gồm chữ không dấu, chữ số và . _ -",
        );
    }
    let year = year_field(&mut e, "year", "Năm công nhận", &f.year, today.year());
    let kind = if f.kind.trim().is_empty() {
        Some("initiative")
    } else {
        code_field(
            &mut e,
            "kind",
            "Loại",
            &f.kind,
            INITIATIVE_KINDS,
            labels::initiative_kind,
        )
    };
    let scope = code_field(
        &mut e,
        "scope",
        "Phạm vi công nhận",
        &f.scope,
        INITIATIVE_SCOPES,
        labels::initiative_scope,
    );
    let title =
        opt_text(&mut e, "title", "Tên sáng kiến, nhiệm vụ", &f.title, 500).unwrap_or_default();
    if title.is_empty() {
        e.add("title", "Tên sáng kiến, nhiệm vụ", "không được để trống");
    }
    let recognized_on = date_field(&mut e, "decided_on", "Ngày công nhận", &f.decided_on, false);
    let draft = InitiativeDraft {
        code,
        year,
        kind: kind.unwrap_or(""),
        scope: scope.unwrap_or(""),
        title,
        reference: opt_text(&mut e, "reference", "Văn bản công nhận", &f.reference, 200),
        recognized_on,
    };
    e.into_result(draft)
}

pub fn parse_discipline(f: &RecordForm) -> Result<DisciplineDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let level = code_field(
        &mut e,
        "level",
        "Hình thức kỷ luật",
        &f.level,
        DISCIPLINE_LEVELS,
        labels::discipline,
    );
    let from = date_field(&mut e, "from", "Ngày có hiệu lực", &f.from, true);
    let until = date_field(&mut e, "to", "Ngày hết hiệu lực", &f.to, false);
    if let (Some(a), Some(b)) = (from, until)
        && b < a
    {
        e.add(
            "to",
            "Ngày hết hiệu lực",
            "không được trước ngày có hiệu lực",
        );
    }
    let draft = DisciplineDraft {
        level: level.unwrap_or(""),
        effective_on: from.unwrap_or(Date::MIN),
        until_on: until,
        decision_no: opt_text(&mut e, "decision_no", "Số quyết định", &f.decision_no, 50),
        note: opt_text(&mut e, "note", "Ghi chú", &f.note, 1000),
    };
    e.into_result(draft)
}

pub fn parse_absence(f: &RecordForm) -> Result<AbsenceDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let kind = code_field(
        &mut e,
        "kind",
        "Loại nghỉ",
        &f.kind,
        ABSENCE_KINDS,
        labels::absence,
    );
    let from = date_field(&mut e, "from", "Từ ngày", &f.from, true);
    let to = date_field(&mut e, "to", "Đến ngày", &f.to, true);
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        e.add("to", "Đến ngày", "không được trước ngày bắt đầu");
    }
    let draft = AbsenceDraft {
        kind: kind.unwrap_or(""),
        from: from.unwrap_or(Date::MIN),
        to: to.unwrap_or(Date::MIN),
        note: opt_text(&mut e, "note", "Ghi chú", &f.note, 1000),
    };
    e.into_result(draft)
}

pub fn parse_pending(f: &RecordForm) -> Result<PendingDraft, FieldErrors> {
    let mut e = FieldErrors::new();
    let kind = code_field(
        &mut e,
        "kind",
        "Loại vụ việc",
        &f.kind,
        PENDING_KINDS,
        labels::pending,
    );
    let from = date_field(&mut e, "from", "Từ ngày", &f.from, true);
    let draft = PendingDraft {
        kind: kind.unwrap_or(""),
        opened_on: from.unwrap_or(Date::MIN),
        note: opt_text(&mut e, "note", "Ghi chú", &f.note, 1000),
    };
    e.into_result(draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn codes_are_found_by_code_or_vietnamese_name() {
        assert_eq!(
            parse_code("htxsnv", RATINGS, labels::rating),
            Some("HTXSNV")
        );
        assert_eq!(
            parse_code("Hoàn thành tốt nhiệm vụ", RATINGS, labels::rating),
            Some("HTTNV")
        );
        assert_eq!(
            parse_code("hoan thanh nhiem vu", RATINGS, labels::rating),
            Some("HTNV")
        );
        assert_eq!(
            parse_code("Lao động tiên tiến", PERSON_TITLES, labels::award),
            Some("LDTT")
        );
        assert_eq!(
            parse_code("bk tinh", AWARDS, labels::award),
            Some("BK_TINH")
        );
        assert_eq!(parse_code("xuất sắc", RATINGS, labels::rating), None);
    }

    #[test]
    fn a_rating_names_what_is_wrong() {
        let e = parse_rating(
            &RecordForm {
                year: "2030".into(),
                rating: "giỏi".into(),
                ..Default::default()
            },
            2024,
        )
        .unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert!(e.get("year").unwrap().contains("2024"));
        assert!(e.get("rating").unwrap().contains("không hợp lệ"));
    }

    #[test]
    fn an_absence_cannot_end_before_it_starts() {
        let f = RecordForm {
            kind: "Nghỉ thai sản".into(),
            from: "01/07/2024".into(),
            to: "01/02/2024".into(),
            ..Default::default()
        };
        let e = parse_absence(&f).unwrap_err();
        assert_eq!(e.0[0].field, "to");
        let f = RecordForm {
            to: "31/12/2024".into(),
            ..f
        };
        assert_eq!(parse_absence(&f).unwrap().kind, "maternity");
    }

    #[test]
    fn a_ground_only_for_cstdcs() {
        let f = RecordForm {
            year: "2023".into(),
            code: "LDTT".into(),
            ground: "HTXSNV".into(),
            ..Default::default()
        };
        assert!(parse_title(&f, 2024, false).is_err());
        let f = RecordForm {
            code: "CSTDCS".into(),
            ..f
        };
        assert_eq!(parse_title(&f, 2024, false).unwrap().ground, Some("HTXSNV"));
        let award = RecordForm {
            code: "Bằng khen của Chủ tịch UBND tỉnh".into(),
            decided_on: "20/01/2022".into(),
            period_to_year: "2021".into(),
            ..Default::default()
        };
        let a = parse_award(&award, date!(2024 - 12 - 16)).unwrap();
        assert_eq!(
            (a.code, a.kind, a.period_to_year),
            ("BK_TINH", "cong_trang", Some(2021))
        );
    }
}
