//! A person's profile (the fields of Decree 98's Mẫu 03), parsed from untrusted input.
//!
//! Parse, don't validate: [`PersonDraft::parse`] turns the strings of a form, a JSON body or an Excel
//! row into typed values, or into field errors naming every field that is wrong.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::errors::FieldErrors;
use crate::vn;

/// Giới tính.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Nam,
    Nu,
}

impl Gender {
    pub fn code(self) -> &'static str {
        match self {
            Gender::Nam => "nam",
            Gender::Nu => "nu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Gender::Nam => "Nam",
            Gender::Nu => "Nữ",
        }
    }

    /// Accepts the code or the Vietnamese word, with or without diacritics.
    pub fn parse(s: &str) -> Option<Gender> {
        match vn::fold(s.trim()).as_str() {
            "nam" | "m" | "male" => Some(Gender::Nam),
            "nu" | "f" | "female" => Some(Gender::Nu),
            _ => None,
        }
    }
}

/// Loại: công chức, viên chức or người lao động.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    CongChuc,
    VienChuc,
    NguoiLaoDong,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::CongChuc,
        Category::VienChuc,
        Category::NguoiLaoDong,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::CongChuc => "cong_chuc",
            Category::VienChuc => "vien_chuc",
            Category::NguoiLaoDong => "nguoi_lao_dong",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::CongChuc => "Công chức",
            Category::VienChuc => "Viên chức",
            Category::NguoiLaoDong => "Người lao động",
        }
    }

    /// Accepts the code or the Vietnamese words, with or without diacritics.
    pub fn parse(s: &str) -> Option<Category> {
        let f = vn::fold(s.trim()).replace(['_', '-'], " ");
        match f.as_str() {
            "cong chuc" => Some(Category::CongChuc),
            "vien chuc" => Some(Category::VienChuc),
            "nguoi lao dong" | "nld" | "lao dong hop dong" => Some(Category::NguoiLaoDong),
            _ => None,
        }
    }

    pub fn from_code(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// The strings of a person form, as they arrive (form, JSON or an Excel row).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PersonForm {
    pub code: String,
    pub full_name: String,
    pub birth_date: String,
    pub gender: String,
    pub ethnicity: String,
    pub religion: String,
    pub hometown: String,
    pub residence: String,
    pub position: String,
    pub rank: String,
    pub category: String,
    pub started_on: String,
    pub appointed_on: String,
    pub qualifications: String,
    pub political_theory: String,
    pub email: String,
    pub phone: String,
}

/// A person's profile, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonDraft {
    /// Mã cán bộ: stable, unique in the deployment.
    pub code: String,
    pub full_name: String,
    pub birth_date: Option<Date>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub hometown: Option<String>,
    pub residence: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Ngạch, chức danh nghề nghiệp.
    pub rank: Option<String>,
    pub category: Category,
    /// Ngày bắt đầu công tác tại cơ quan (continuous work, labour contract included).
    pub started_on: Option<Date>,
    /// Ngày bổ nhiệm (ngạch/chức danh), apart from `started_on`.
    pub appointed_on: Option<Date>,
    /// Trình độ chuyên môn.
    pub qualifications: Option<String>,
    /// Lý luận chính trị.
    pub political_theory: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Checks a staff or unit code: letters, digits, '.', '_' and '-', up to 32 characters.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn date_field(errors: &mut FieldErrors, field: &str, label: &str, raw: &str) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let d = vn::parse_date(raw);
    if d.is_none() {
        errors.add(
            field,
            label,
            format!("“{raw}” không phải ngày hợp lệ (dd/mm/yyyy)"),
        );
    }
    d
}

fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    let v = vn::clean_opt(raw)?;
    if v.chars().count() > max {
        errors.add(field, label, format!("dài quá {max} ký tự"));
    }
    if let Some(enc) = vn::detect_legacy(&v) {
        errors.add(
            field,
            label,
            format!(
                "văn bản có vẻ gõ bằng {}, không phải Unicode; hãy chuyển mã sang Unicode",
                enc.label()
            ),
        );
    }
    Some(v)
}

impl PersonDraft {
    /// Checks every field; all problems are reported, each naming its field in Vietnamese.
    pub fn parse(form: &PersonForm, today: Date) -> Result<PersonDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = vn::clean(&form.code);
        if code.is_empty() {
            e.add("code", "Mã cán bộ", "không được để trống");
        } else if !valid_code(&code) {
            e.add(
                "code",
                "Mã cán bộ",
                "chỉ gồm chữ không dấu, chữ số và các dấu . _ - (tối đa 32 ký tự)",
            );
        }
        let full_name =
            text_field(&mut e, "full_name", "Họ và tên", &form.full_name, 100).unwrap_or_default();
        if full_name.is_empty() {
            e.add("full_name", "Họ và tên", "không được để trống");
        } else if full_name.chars().any(|c| c.is_ascii_digit()) {
            e.add("full_name", "Họ và tên", "không được chứa chữ số");
        }
        let birth_date = date_field(&mut e, "birth_date", "Ngày sinh", &form.birth_date);
        if let Some(b) = birth_date
            && (b >= today || today.year() - b.year() > 100)
        {
            e.add("birth_date", "Ngày sinh", "không hợp lý");
        }
        let gender = if form.gender.trim().is_empty() {
            None
        } else {
            let g = Gender::parse(&form.gender);
            if g.is_none() {
                e.add(
                    "gender",
                    "Giới tính",
                    format!("“{}” không hợp lệ: ghi Nam hoặc Nữ", form.gender.trim()),
                );
            }
            g
        };
        let category = if form.category.trim().is_empty() {
            e.add(
                "category",
                "Loại",
                "không được để trống (Công chức, Viên chức hoặc Người lao động)",
            );
            Category::CongChuc
        } else {
            Category::parse(&form.category).unwrap_or_else(|| {
                e.add(
                    "category",
                    "Loại",
                    format!(
                        "“{}” không hợp lệ: ghi Công chức, Viên chức hoặc Người lao động",
                        form.category.trim()
                    ),
                );
                Category::CongChuc
            })
        };
        let started_on = date_field(
            &mut e,
            "started_on",
            "Ngày bắt đầu công tác",
            &form.started_on,
        );
        let appointed_on = date_field(&mut e, "appointed_on", "Ngày bổ nhiệm", &form.appointed_on);
        if let (Some(b), Some(s)) = (birth_date, started_on)
            && s.year() - b.year() < 15
        {
            e.add(
                "started_on",
                "Ngày bắt đầu công tác",
                "sớm hơn tuổi lao động so với ngày sinh",
            );
        }
        if let Some(s) = started_on
            && s > today
        {
            e.add(
                "started_on",
                "Ngày bắt đầu công tác",
                "không được sau ngày hôm nay",
            );
        }
        let email = text_field(&mut e, "email", "Thư điện tử", &form.email, 120);
        if let Some(m) = &email
            && (!m.contains('@') || m.contains(' '))
        {
            e.add("email", "Thư điện tử", "không đúng định dạng");
        }
        let draft = PersonDraft {
            code,
            full_name,
            birth_date,
            gender,
            ethnicity: text_field(&mut e, "ethnicity", "Dân tộc", &form.ethnicity, 50),
            religion: text_field(&mut e, "religion", "Tôn giáo", &form.religion, 50),
            hometown: text_field(&mut e, "hometown", "Quê quán", &form.hometown, 200),
            residence: text_field(&mut e, "residence", "Nơi ở hiện nay", &form.residence, 200),
            position: text_field(&mut e, "position", "Chức vụ", &form.position, 100),
            rank: text_field(&mut e, "rank", "Ngạch", &form.rank, 100),
            category,
            started_on,
            appointed_on,
            qualifications: text_field(
                &mut e,
                "qualifications",
                "Trình độ chuyên môn",
                &form.qualifications,
                200,
            ),
            political_theory: text_field(
                &mut e,
                "political_theory",
                "Lý luận chính trị",
                &form.political_theory,
                100,
            ),
            email,
            phone: text_field(&mut e, "phone", "Điện thoại", &form.phone, 30),
        };
        e.into_result(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn form() -> PersonForm {
        PersonForm {
            code: "KHCN001".into(),
            full_name: "  Nguyễn   Thị Hoa ".into(),
            birth_date: "05/03/1985".into(),
            gender: "Nữ".into(),
            category: "Công chức".into(),
            started_on: "01/08/2010".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_parses() {
        let p = PersonDraft::parse(&form(), date!(2024 - 12 - 16)).unwrap();
        assert_eq!(p.full_name, "Nguyễn Thị Hoa");
        assert_eq!(p.gender, Some(Gender::Nu));
        assert_eq!(p.category, Category::CongChuc);
        assert_eq!(p.birth_date, Some(date!(1985 - 03 - 05)));
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = form();
        f.code = "KH CN".into();
        f.full_name = "".into();
        f.birth_date = "30/02/1985".into();
        f.gender = "khác".into();
        f.category = "hợp đồng".into();
        let e = PersonDraft::parse(&f, date!(2024 - 12 - 16)).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["code", "full_name", "birth_date", "gender", "category"]
        );
        assert!(
            e.summary()
                .contains("Ngày sinh: “30/02/1985” không phải ngày hợp lệ")
        );
    }

    #[test]
    fn legacy_text_is_refused_with_its_name() {
        let mut f = form();
        f.full_name = "NguyÔn V¨n Hoa".into();
        let e = PersonDraft::parse(&f, date!(2024 - 12 - 16)).unwrap_err();
        assert!(e.get("full_name").unwrap().contains("TCVN3"), "{e}");
    }
}
