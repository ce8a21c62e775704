//! Problems with a case, with their JSON paths, and the semantic checks shared by the JSON parser
//! and [`Case::validate`] (for cases the web application builds itself).

use std::fmt;

use time::Date;

use crate::case::{Case, format_date};
use crate::fxhash::{FxMap, FxSet, map_with_capacity};
use crate::ruleset::{BASE_SALARIES, RuleSetId};
use crate::settings::Quota;

/// A problem that makes a case unusable: `path: message`, the path in the spec's notation
/// (`people[3].ratings.2024`, `$` for the document itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// JSON path of the problem.
    pub path: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// The messages, one function per kind of problem, so the parser and `Case::validate` agree.
pub(crate) mod msg {
    use super::*;

    pub fn missing() -> String {
        "thiếu trường bắt buộc".to_string()
    }
    pub fn unknown_field() -> String {
        "trường không có trong định dạng hồ sơ (không được phép)".to_string()
    }
    pub fn duplicate_key() -> String {
        "trường bị lặp lại".to_string()
    }
    pub fn not_in_enum(value: &str, allowed: &str) -> String {
        format!("giá trị \"{value}\" không thuộc danh sách cho phép: {allowed}")
    }
    pub fn bad_date(value: &str) -> String {
        format!("ngày \"{value}\" không đúng dạng YYYY-MM-DD")
    }
    pub fn bad_year_key(value: &str) -> String {
        format!("khóa \"{value}\" phải là một năm (4 chữ số)")
    }
    pub fn no_rule_set(year: i32) -> String {
        format!("không có bộ quy tắc cho năm {year} (chỉ các năm 2018–2030)")
    }
    pub fn review_outside(review: Date, year: i32) -> String {
        format!(
            "ngày bình xét {} không thuộc năm đánh giá {year}",
            format_date(review)
        )
    }
    pub fn no_base_salary(day: Date) -> String {
        format!(
            "không có mức lương cơ sở áp dụng cho ngày {} (bảng bắt đầu từ 2017-07-01)",
            format_date(day)
        )
    }
    pub fn quota_range() -> String {
        "phải là một số từ 0 đến 1, hoặc null (không giới hạn)".to_string()
    }
    pub fn duplicate_id(id: &str, first: &str) -> String {
        format!("mã \"{id}\" đã dùng cho {first} (mỗi mã chỉ dùng cho một đơn vị hoặc một cá nhân)")
    }
    pub fn unknown_unit(id: &str) -> String {
        format!("không có đơn vị mã \"{id}\" trong hồ sơ")
    }
    pub fn after_year(what: &str, year: i32, evaluation_year: i32) -> String {
        format!("{what} năm {year} sau năm đánh giá {evaluation_year}")
    }
    pub fn title_not_past(year: i32, evaluation_year: i32) -> String {
        format!(
            "danh hiệu năm {year} không thuộc các năm trước năm đánh giá {evaluation_year} (danh hiệu của năm đánh giá do công cụ tính)"
        )
    }
    pub fn absence_order(from: Date, to: Date) -> String {
        format!(
            "ngày kết thúc {} trước ngày bắt đầu {}",
            format_date(to),
            format_date(from)
        )
    }
}

/// Whether a decision on `day` has a base salary to be paid with.
pub(crate) fn has_base_salary(day: Date) -> bool {
    BASE_SALARIES.first().is_some_and(|b| b.from <= day)
}

/// Whether a quota lies between 0 and 1.
pub(crate) fn quota_ok(q: Quota) -> bool {
    match q {
        Quota::Uncapped => true,
        Quota::AtMost(r) => r.is_fraction(),
    }
}

impl Case {
    /// The problems that make this case unusable, in field order: the semantic checks of the
    /// command's input (rule set, dates within the year, references, unique ids). An empty list
    /// means the case can be evaluated.
    pub fn validate(&self) -> Vec<InputError> {
        let mut out = Vec::new();
        let mut push = |path: String, message: String| out.push(InputError { path, message });
        let y = self.evaluation_year;
        if RuleSetId::for_year(y).is_none() {
            push("evaluation_year".into(), msg::no_rule_set(y));
        }
        if self.review_date.year() != y {
            push(
                "review_date".into(),
                msg::review_outside(self.review_date, y),
            );
        }
        if let Some(d) = self.decision_date
            && !has_base_salary(d)
        {
            push("decision_date".into(), msg::no_base_salary(d));
        }
        for (key, q) in [
            ("HTXSNV_of_HTTNV", self.settings.htxsnv_of_httnv),
            ("CSTDCS_of_LDTT", self.settings.cstdcs_of_ldtt),
        ] {
            if q.is_some_and(|q| !quota_ok(q)) {
                push(format!("settings.quotas.{key}"), msg::quota_range());
            }
        }
        let mut ids: FxMap<&str, String> = map_with_capacity(self.units.len() + self.people.len());
        for (i, u) in self.units.iter().enumerate() {
            let path = format!("units[{i}]");
            match ids.get(u.id.as_str()) {
                Some(first) => push(format!("{path}.id"), msg::duplicate_id(&u.id, first)),
                None => {
                    ids.insert(&u.id, path.clone());
                }
            }
            for &year in u.ratings.keys().filter(|&&k| k > y) {
                push(
                    format!("{path}.ratings.{year}"),
                    msg::after_year("xếp loại", year, y),
                );
            }
        }
        let unit_ids: FxSet<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        for (i, p) in self.people.iter().enumerate() {
            let path = format!("people[{i}]");
            match ids.get(p.id.as_str()) {
                Some(first) => push(format!("{path}.id"), msg::duplicate_id(&p.id, first)),
                None => {
                    ids.insert(&p.id, path.clone());
                }
            }
            if !unit_ids.contains(p.unit.as_str()) {
                push(format!("{path}.unit"), msg::unknown_unit(&p.unit));
            }
            for &year in p.ratings.keys().filter(|&&k| k > y) {
                push(
                    format!("{path}.ratings.{year}"),
                    msg::after_year("xếp loại", year, y),
                );
            }
            for (j, t) in p.titles.iter().enumerate().filter(|(_, t)| t.year >= y) {
                push(
                    format!("{path}.titles[{j}].year"),
                    msg::title_not_past(t.year, y),
                );
            }
            for (j, a) in p.awards.iter().enumerate() {
                if a.decided_on.year() > y {
                    push(
                        format!("{path}.awards[{j}].decided_on"),
                        msg::after_year("quyết định khen thưởng", a.decided_on.year(), y),
                    );
                }
                if let Some(py) = a.period_to_year.filter(|&py| py > y) {
                    push(
                        format!("{path}.awards[{j}].period_to_year"),
                        msg::after_year("thời kỳ thành tích", py, y),
                    );
                }
            }
            for (j, ini) in p.initiatives.iter().enumerate().filter(|(_, i)| i.year > y) {
                push(
                    format!("{path}.initiatives[{j}].year"),
                    msg::after_year("sáng kiến", ini.year, y),
                );
            }
            for (j, a) in p.absences.iter().enumerate().filter(|(_, a)| a.to < a.from) {
                push(
                    format!("{path}.absences[{j}].to"),
                    msg::absence_order(a.from, a.to),
                );
            }
        }
        out
    }
}
