//! Units (phòng, đơn vị) and agencies, parsed from untrusted input.

use serde::{Deserialize, Serialize};
use time::Date;

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

/// The strings of an agency's rename form (đổi tên cơ quan từ một ngày).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AgencyRenameForm {
    pub name: String,
    /// The issuing-body line of document headers ("SỞ KHOA HỌC VÀ CÔNG NGHỆ").
    pub header_name: String,
    /// Empty: unchanged.
    pub short_name: String,
    /// Empty: unchanged.
    pub symbol: String,
    /// dd/mm/yyyy (or yyyy-mm-dd from the API).
    pub effective_on: String,
}

/// A rename of an agency, checked: the names in force from `effective_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyRename {
    pub name: String,
    pub header_name: String,
    pub short_name: Option<String>,
    pub symbol: Option<String>,
    pub effective_on: Date,
}

fn check_text(e: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) {
    if value.is_empty() {
        e.add(field, label, "không được để trống");
    } else if value.chars().count() > max {
        e.add(field, label, format!("dài quá {max} ký tự"));
    } else if let Some(enc) = vn::detect_legacy(value) {
        e.add(
            field,
            label,
            format!("văn bản có vẻ gõ bằng {}, không phải Unicode", enc.label()),
        );
    }
}

impl AgencyRename {
    pub fn parse(form: &AgencyRenameForm) -> Result<AgencyRename, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = vn::clean(&form.name);
        check_text(&mut e, "name", "Tên cơ quan", &name, 200);
        // The header line is printed in capitals (Decree 30/2020, Appendix I).
        let header_name = vn::clean(&form.header_name).to_uppercase();
        check_text(
            &mut e,
            "header_name",
            "Tên trong tiêu đề văn bản",
            &header_name,
            120,
        );
        let short_name = vn::clean_opt(&form.short_name);
        if let Some(s) = &short_name {
            check_text(&mut e, "short_name", "Tên ngắn", s, 120);
        }
        let symbol = vn::clean_opt(&form.symbol).map(|s| s.to_uppercase());
        if let Some(s) = &symbol
            && !valid_code(s)
        {
            e.add(
                "symbol",
                "Ký hiệu cơ quan",
                "chỉ gồm chữ không dấu, chữ số và các dấu . _ - (tối đa 32 ký tự)",
            );
        }
        let effective_on = match form.effective_on.trim() {
            "" => {
                e.add("effective_on", "Ngày hiệu lực", "không được để trống");
                None
            }
            s => {
                let d = vn::parse_date(s);
                if d.is_none() {
                    e.add(
                        "effective_on",
                        "Ngày hiệu lực",
                        "không phải ngày hợp lệ (dd/mm/yyyy)",
                    );
                }
                d
            }
        };
        match effective_on {
            Some(effective_on) if e.is_empty() => Ok(AgencyRename {
                name,
                header_name,
                short_name,
                symbol,
                effective_on,
            }),
            _ => Err(e),
        }
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

    #[test]
    fn an_agency_rename_names_each_bad_field() {
        let e = AgencyRename::parse(&AgencyRenameForm {
            symbol: "KH CN".into(),
            effective_on: "31/02/2025".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "header_name", "symbol", "effective_on"]);
        assert!(
            e.summary()
                .contains("Ngày hiệu lực: không phải ngày hợp lệ")
        );
        let r = AgencyRename::parse(&AgencyRenameForm {
            name: "Sở Khoa học và Công nghệ tỉnh Bắc Ninh".into(),
            header_name: "Sở Khoa học và Công nghệ".into(),
            symbol: " khcn ".into(),
            effective_on: "01/07/2025".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(r.header_name, "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
        assert_eq!(r.symbol.as_deref(), Some("KHCN"));
        assert_eq!(r.short_name, None);
        assert_eq!(r.effective_on, time::macros::date!(2025 - 07 - 01));
    }
}
