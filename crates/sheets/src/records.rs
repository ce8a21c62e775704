//! The records import: past years' ratings, titles, awards, initiatives, discipline and absences
//! from one workbook, one sheet per kind. Like the people import, it reads and checks only; the
//! caller checks codes against the database and writes all rows or none.

use rust_xlsxwriter::{Format, Workbook};
use time::Date;

use tdkt_domain::records::{self as rec, RecordForm};
use tdkt_domain::{FieldErrors, vn};

use crate::{SheetError, read_sheets};

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rating,
    Title,
    Award,
    Initiative,
    Discipline,
    Absence,
    UnitRecord,
}

/// A sheet of the template: its name, its kind and its columns (header, field of [`RecordForm`] or
/// "person"/"unit" for the owner's code, example).
pub struct SheetSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub columns: &'static [(&'static str, &'static str, &'static str)],
}

pub const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        name: "Xếp loại",
        kind: Kind::Rating,
        columns: &[
            ("Mã cán bộ", "person", "KHCN031"),
            ("Năm", "year", "2023"),
            ("Xếp loại", "rating", "HTXSNV"),
        ],
    },
    SheetSpec {
        name: "Danh hiệu",
        kind: Kind::Title,
        columns: &[
            ("Mã cán bộ", "person", "KHCN031"),
            ("Năm", "year", "2023"),
            ("Danh hiệu", "code", "CSTDCS"),
            ("Căn cứ (CSTĐCS)", "ground", "initiative"),
            ("Số quyết định", "decision_no", "512/QĐ-KHCN"),
            ("Ngày quyết định", "decided_on", "25/12/2023"),
            ("Cấp quyết định", "issuer", "Giám đốc Sở KH&CN"),
        ],
    },
    SheetSpec {
        name: "Khen thưởng",
        kind: Kind::Award,
        columns: &[
            ("Mã cán bộ", "person", "KHCN031"),
            ("Hình thức", "code", "BK_TINH"),
            ("Loại hình", "kind", "cong_trang"),
            ("Ngày quyết định", "decided_on", "20/01/2022"),
            ("Thành tích đến năm", "period_to_year", "2021"),
            ("Số quyết định", "decision_no", "85/QĐ-UBND"),
            ("Cấp quyết định", "issuer", "Chủ tịch UBND tỉnh"),
            ("Thành tích", "note", ""),
        ],
    },
    SheetSpec {
        name: "Sáng kiến",
        kind: Kind::Initiative,
        columns: &[
            ("Mã sáng kiến", "code", "SK-2023-01"),
            ("Mã cán bộ", "person", "KHCN031"),
            ("Năm công nhận", "year", "2023"),
            ("Loại", "kind", "initiative"),
            ("Phạm vi", "scope", "co_so"),
            (
                "Tên",
                "title",
                "Số hoá hồ sơ nhiệm vụ khoa học và công nghệ",
            ),
            ("Văn bản công nhận", "reference", "Quyết định 301/QĐ-KHCN"),
        ],
    },
    SheetSpec {
        name: "Kỷ luật",
        kind: Kind::Discipline,
        columns: &[
            ("Mã cán bộ", "person", ""),
            ("Hình thức", "level", ""),
            ("Có hiệu lực từ", "from", ""),
            ("Hết hiệu lực", "to", ""),
            ("Số quyết định", "decision_no", ""),
        ],
    },
    SheetSpec {
        name: "Nghỉ",
        kind: Kind::Absence,
        columns: &[
            ("Mã cán bộ", "person", ""),
            ("Loại nghỉ", "kind", ""),
            ("Từ ngày", "from", ""),
            ("Đến ngày", "to", ""),
        ],
    },
    SheetSpec {
        name: "Đơn vị",
        kind: Kind::UnitRecord,
        columns: &[
            ("Mã đơn vị", "unit", "QLKH"),
            ("Năm", "year", "2023"),
            ("Xếp loại", "rating", "HTXSNV"),
            ("Danh hiệu", "code", "TTLDXS"),
        ],
    },
];

/// The template: one sheet per kind, header and (greyed) example row, and a help sheet.
pub fn template() -> Result<Vec<u8>, SheetError> {
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xEEF0F3));
    let example = Format::new()
        .set_italic()
        .set_font_color(rust_xlsxwriter::Color::Gray);
    for s in SHEETS {
        let ws = wb.add_worksheet();
        ws.set_name(s.name)?;
        for (c, (h, _, ex)) in s.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)?;
            ws.set_column_width(c as u16, if *h == "Tên" { 50.0 } else { 18.0 })?;
            ws.write_string_with_format(1, c as u16, *ex, &example)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let help = wb.add_worksheet();
    help.set_name("Hướng dẫn")?;
    let lines = [
        "Mỗi trang là một loại hồ sơ; dòng 2 là ví dụ (màu xám), hãy ghi đè hoặc xoá. Trang để trống được bỏ qua.".to_owned(),
        "Mã: ghi mã hoặc tên tiếng Việt đều được (vd. HTXSNV hoặc Hoàn thành xuất sắc nhiệm vụ).".to_owned(),
        format!("Xếp loại: {}", codes(rec::RATINGS, tdkt_domain::labels::rating)),
        format!("Danh hiệu cá nhân: {}", codes(rec::PERSON_TITLES, tdkt_domain::labels::award)),
        format!("Danh hiệu tập thể: {}", codes(rec::UNIT_TITLES, tdkt_domain::labels::award)),
        format!("Hình thức khen thưởng: {}", codes(rec::AWARDS, tdkt_domain::labels::award)),
        format!("Loại hình: {}", codes(rec::AWARD_KINDS, tdkt_domain::labels::award_kind)),
        format!("Căn cứ CSTĐCS: {}", codes(rec::GROUNDS, tdkt_domain::labels::ground)),
        format!("Sáng kiến — loại: {}; phạm vi: {}", codes(rec::INITIATIVE_KINDS, tdkt_domain::labels::initiative_kind), codes(rec::INITIATIVE_SCOPES, tdkt_domain::labels::initiative_scope)),
        format!("Kỷ luật: {}", codes(rec::DISCIPLINE_LEVELS, tdkt_domain::labels::discipline)),
        format!("Nghỉ: {}", codes(rec::ABSENCE_KINDS, tdkt_domain::labels::absence)),
        "Ngày dạng dd/mm/yyyy. Nếu có dòng sai, không dòng nào được nhập.".to_owned(),
    ];
    for (i, l) in lines.iter().enumerate() {
        help.write_string(i as u32, 0, l)?;
    }
    help.set_column_width(0, 140)?;
    Ok(wb.save_to_buffer()?)
}

fn codes(list: &[&str], label: fn(&str) -> &'static str) -> String {
    list.iter()
        .map(|c| format!("{c} = {}", label(c)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One data row of a records import.
#[derive(Debug, Clone)]
pub struct RecordRow {
    pub sheet: &'static str,
    pub kind: Kind,
    /// The row number as Excel shows it.
    pub row: usize,
    /// The staff code or unit code the row is about.
    pub owner: String,
    pub form: RecordForm,
    pub errors: FieldErrors,
}

/// Reads every known sheet present in the workbook; checks the fields that need no database.
pub fn parse(bytes: &[u8], today: Date) -> Result<Vec<RecordRow>, SheetError> {
    let sheets = read_sheets(bytes)?;
    let mut out = Vec::new();
    for (name, rows) in sheets {
        let Some(spec) = SHEETS.iter().find(|s| vn::fold(s.name) == vn::fold(&name)) else {
            continue;
        };
        let Some(header) = rows.first() else { continue };
        let header: Vec<String> = header.iter().map(|h| vn::fold(h)).collect();
        let map: Vec<Option<usize>> = spec
            .columns
            .iter()
            .map(|(h, _, _)| header.iter().position(|x| *x == vn::fold(h)))
            .collect();
        for (i, r) in rows.iter().enumerate().skip(1) {
            if r.iter().all(|c| c.is_empty()) {
                continue;
            }
            let cell = |c: usize| map[c].and_then(|p| r.get(p)).cloned().unwrap_or_default();
            if spec
                .columns
                .iter()
                .enumerate()
                .all(|(c, (_, _, ex))| cell(c) == *ex)
            {
                continue; // the template's example row
            }
            let mut form = RecordForm::default();
            let mut owner = String::new();
            for (c, (_, field, _)) in spec.columns.iter().enumerate() {
                let v = cell(c);
                match *field {
                    "person" | "unit" => owner = vn::clean(&v).to_uppercase(),
                    "year" => form.year = v,
                    "code" => form.code = v,
                    "rating" => form.rating = v,
                    "ground" => form.ground = v,
                    "kind" => form.kind = v,
                    "scope" => form.scope = v,
                    "title" => form.title = v,
                    "level" => form.level = v,
                    "decision_no" => form.decision_no = v,
                    "decided_on" => form.decided_on = v,
                    "issuer" => form.issuer = v,
                    "period_to_year" => form.period_to_year = v,
                    "from" => form.from = v,
                    "to" => form.to = v,
                    "note" => form.note = v,
                    "reference" => form.reference = v,
                    _ => {}
                }
            }
            let mut errors = check(spec.kind, &form, today);
            if owner.is_empty() {
                let label = if spec.kind == Kind::UnitRecord {
                    "Mã đơn vị"
                } else {
                    "Mã cán bộ"
                };
                errors.add("owner", label, "không được để trống");
            }
            out.push(RecordRow {
                sheet: spec.name,
                kind: spec.kind,
                row: i + 1,
                owner,
                form,
                errors,
            });
        }
    }
    Ok(out)
}

/// The checks of one row that need no database.
pub fn check(kind: Kind, f: &RecordForm, today: Date) -> FieldErrors {
    let y = today.year();
    let r = match kind {
        Kind::Rating => rec::parse_rating(f, y).err(),
        Kind::Title => rec::parse_title(f, y, false).err(),
        Kind::Award => rec::parse_award(f, today).err(),
        Kind::Initiative => rec::parse_initiative(f, today).err(),
        Kind::Discipline => rec::parse_discipline(f).err(),
        Kind::Absence => rec::parse_absence(f).err(),
        Kind::UnitRecord => {
            let mut e = FieldErrors::new();
            if !f.rating.trim().is_empty()
                && let Err(x) = rec::parse_rating(f, y)
            {
                e.0.extend(x.0);
            }
            if !f.code.trim().is_empty()
                && let Err(x) = rec::parse_title(f, y, true)
            {
                let year_reported = e.get("year").is_some();
                e.0.extend(
                    x.0.into_iter()
                        .filter(|x| x.field != "year" || !year_reported),
                );
            }
            if f.rating.trim().is_empty() && f.code.trim().is_empty() {
                e.add(
                    "rating",
                    "Xếp loại",
                    "ghi xếp loại hoặc danh hiệu của đơn vị",
                );
            }
            (!e.is_empty()).then_some(e)
        }
    };
    r.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_template_reads_back_empty_and_rows_are_checked() {
        let t = template().unwrap();
        assert!(parse(&t, date!(2024 - 12 - 16)).unwrap().is_empty());
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Xếp loại").unwrap();
        for (c, h) in ["Mã cán bộ", "Năm", "Xếp loại"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "KHCN031").unwrap();
        ws.write_string(1, 1, "2022").unwrap();
        ws.write_string(1, 2, "Hoàn thành tốt nhiệm vụ").unwrap();
        ws.write_string(2, 0, "KHCN031").unwrap();
        ws.write_string(2, 1, "2031").unwrap();
        ws.write_string(2, 2, "tốt").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let rows = parse(&bytes, date!(2024 - 12 - 16)).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].errors.is_empty());
        assert_eq!(rows[0].owner, "KHCN031");
        assert_eq!(rows[1].row, 3);
        assert_eq!(rows[1].errors.0.len(), 2);
    }
}
