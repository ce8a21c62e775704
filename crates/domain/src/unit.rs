//! Units (phòng, đơn vị) and agencies, parsed from untrusted input.

use serde::{Deserialize, Serialize};

use crate::errors::FieldErrors;
use crate::person::valid_code;
use crate::vn;

/// The strings of a unit form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct UnitForm {
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// The parent unit's code; empty for a unit directly under the agency.
    pub parent_code: String,
}

/// A unit's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitDraft {
    /// Mã đơn vị: stable; unique in its agency.
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub parent_code: Option<String>,
}

impl UnitDraft {
    pub fn parse(form: &UnitForm) -> Result<UnitDraft, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = vn::clean(&form.code).to_uppercase();
        if code.is_empty() {
            e.add("code", "Mã đơn vị", "không được để trống");
        } else if !valid_code(&code) {
            e.add(
                "code",
                "Mã đơn vị",
                "chỉ gồm chữ không dấu, chữ số và các dấu . _ - (tối đa 32 ký tự)",
            );
        }
        let name = vn::clean(&form.name);
        if name.is_empty() {
            e.add("name", "Tên đơn vị", "không được để trống");
        } else if name.chars().count() > 200 {
            e.add("name", "Tên đơn vị", "dài quá 200 ký tự");
        } else if let Some(enc) = vn::detect_legacy(&name) {
            e.add(
                "name",
                "Tên đơn vị",
                format!("văn bản có vẻ gõ bằng {}, không phải Unicode", enc.label()),
            );
        }
        let parent_code = vn::clean_opt(&form.parent_code).map(|c| c.to_uppercase());
        if parent_code.as_deref() == Some(code.as_str()) && !code.is_empty() {
            e.add(
                "parent_code",
                "Đơn vị cấp trên",
                "không thể là chính đơn vị này",
            );
        }
        e.into_result(UnitDraft {
            code,
            name,
            short_name: vn::clean_opt(&form.short_name),
            parent_code,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes_are_upper_case_and_checked() {
        let u = UnitDraft::parse(&UnitForm {
            code: " vp ".into(),
            name: "Văn  phòng".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(u.code, "VP");
        assert_eq!(u.name, "Văn phòng");
        let e = UnitDraft::parse(&UnitForm {
            code: "VP".into(),
            parent_code: "vp".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert_eq!(e.0[0].field, "name");
        assert_eq!(e.0[1].field, "parent_code");
    }
}
