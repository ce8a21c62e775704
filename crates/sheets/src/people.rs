//! The people import: the template the import page offers, and the reading of a filled one into
//! checked rows. Nothing here touches the database; the caller adds the checks that need it
//! (unit codes that exist, staff codes not yet taken) and writes only a file without errors.

use rust_xlsxwriter::{DataValidation, Format, Workbook};
use time::Date;

use tdkt_domain::person::{PersonDraft, PersonForm};
use tdkt_domain::{FieldErrors, vn};

use crate::{SheetError, read_rows};

/// A column of the import: its header, whether it must be present, and where it goes.
pub struct ImportColumn {
    pub header: &'static str,
    pub required: bool,
    pub width: f64,
    pub example: &'static str,
    set: fn(&mut PersonForm, String),
}

/// The columns, in template order. The first nine are those the issue names as the minimum.
pub const COLUMNS: &[ImportColumn] = &[
    ImportColumn {
        header: "Mã cán bộ",
        required: true,
        width: 14.0,
        example: "KHCN0999",
        set: |f, v| f.code = v,
    },
    ImportColumn {
        header: "Họ và tên",
        required: true,
        width: 26.0,
        example: "Nguyễn Thị Mai",
        set: |f, v| f.full_name = v,
    },
    ImportColumn {
        header: "Ngày sinh",
        required: true,
        width: 12.0,
        example: "05/03/1990",
        set: |f, v| f.birth_date = v,
    },
    ImportColumn {
        header: "Giới tính",
        required: true,
        width: 10.0,
        example: "Nữ",
        set: |f, v| f.gender = v,
    },
    ImportColumn {
        header: "Mã đơn vị",
        required: true,
        width: 12.0,
        example: "VP",
        set: |_, _| {},
    },
    ImportColumn {
        header: "Chức vụ",
        required: true,
        width: 20.0,
        example: "Chuyên viên",
        set: |f, v| f.position = v,
    },
    ImportColumn {
        header: "Ngạch",
        required: true,
        width: 20.0,
        example: "Chuyên viên",
        set: |f, v| f.rank = v,
    },
    ImportColumn {
        header: "Loại",
        required: true,
        width: 16.0,
        example: "Công chức",
        set: |f, v| f.category = v,
    },
    ImportColumn {
        header: "Ngày bắt đầu công tác",
        required: true,
        width: 14.0,
        example: "01/08/2015",
        set: |f, v| f.started_on = v,
    },
    ImportColumn {
        header: "Ngày bổ nhiệm",
        required: false,
        width: 14.0,
        example: "",
        set: |f, v| f.appointed_on = v,
    },
    ImportColumn {
        header: "Dân tộc",
        required: false,
        width: 10.0,
        example: "Kinh",
        set: |f, v| f.ethnicity = v,
    },
    ImportColumn {
        header: "Tôn giáo",
        required: false,
        width: 10.0,
        example: "Không",
        set: |f, v| f.religion = v,
    },
    ImportColumn {
        header: "Quê quán",
        required: false,
        width: 24.0,
        example: "",
        set: |f, v| f.hometown = v,
    },
    ImportColumn {
        header: "Nơi ở hiện nay",
        required: false,
        width: 24.0,
        example: "",
        set: |f, v| f.residence = v,
    },
    ImportColumn {
        header: "Trình độ chuyên môn",
        required: false,
        width: 18.0,
        example: "Thạc sĩ",
        set: |f, v| f.qualifications = v,
    },
    ImportColumn {
        header: "Lý luận chính trị",
        required: false,
        width: 14.0,
        example: "Trung cấp",
        set: |f, v| f.political_theory = v,
    },
    ImportColumn {
        header: "Thư điện tử",
        required: false,
        width: 22.0,
        example: "",
        set: |f, v| f.email = v,
    },
    ImportColumn {
        header: "Điện thoại",
        required: false,
        width: 14.0,
        example: "",
        set: |f, v| f.phone = v,
    },
];

const UNIT_COLUMN: usize = 4;

/// The template offered for download: the header row, one example row, and drop-down lists.
pub fn template() -> Result<Vec<u8>, SheetError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Cán bộ")?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xEEF0F3));
    let example = Format::new()
        .set_italic()
        .set_font_color(rust_xlsxwriter::Color::Gray);
    for (c, col) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, col.header, &head)?;
        ws.set_column_width(c as u16, col.width)?;
        ws.write_string_with_format(1, c as u16, col.example, &example)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let gender = DataValidation::new().allow_list_strings(&["Nam", "Nữ"])?;
    ws.add_data_validation(1, 3, 5000, 3, &gender)?;
    let category =
        DataValidation::new().allow_list_strings(&["Công chức", "Viên chức", "Người lao động"])?;
    ws.add_data_validation(1, 7, 5000, 7, &category)?;
    let help = wb.add_worksheet();
    help.set_name("Hướng dẫn")?;
    let lines = [
        "Mỗi dòng là một người; dòng 2 là ví dụ, hãy ghi đè hoặc xoá.",
        "Ngày ghi dạng dd/mm/yyyy (ví dụ 05/03/1990) hoặc để Excel định dạng ngày.",
        "Mã đơn vị: mã của phòng, đơn vị trong tdkt (xem trang Đơn vị).",
        "Loại: Công chức, Viên chức hoặc Người lao động.",
        "Văn bản phải là Unicode; tệp gõ bằng phông TCVN3 (.VnTime) hoặc VNI sẽ bị từ chối — hãy chuyển mã trước.",
        "Nếu có dòng sai, không dòng nào được nhập; sửa các dòng được báo rồi tải lên lại.",
    ];
    for (i, l) in lines.iter().enumerate() {
        help.write_string(i as u32, 0, *l)?;
    }
    help.set_column_width(0, 100)?;
    Ok(wb.save_to_buffer()?)
}

/// One data row of an import.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// The row number as Excel shows it (1-based).
    pub row: usize,
    pub unit_code: String,
    pub draft: Result<PersonDraft, FieldErrors>,
}

impl ImportRow {
    /// Adds a problem found later (for example by a database check).
    pub fn add_error(&mut self, field: &str, label: &str, message: String) {
        match &mut self.draft {
            Ok(_) => {
                let mut e = FieldErrors::new();
                e.add(field, label, message);
                self.draft = Err(e);
            }
            Err(e) => e.add(field, label, message),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.draft.is_ok()
    }
}

/// A problem with the whole file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error("không thấy dòng tiêu đề có cột “Mã cán bộ” trong 10 dòng đầu; hãy dùng tệp mẫu")]
    NoHeader,
    #[error("thiếu cột: {0}")]
    MissingColumns(String),
    #[error("tệp không có dòng dữ liệu nào")]
    Empty,
    #[error("tệp có {0} dòng, nhiều hơn giới hạn {1} dòng một lần nhập")]
    TooMany(usize, usize),
}

/// At most this many rows in one import.
pub const MAX_ROWS: usize = 20_000;

/// Reads a filled template: finds the header row, maps columns by their (diacritic-free) names,
/// and checks every row. Rows that are entirely empty, and the template's example row, are skipped.
pub fn parse(bytes: &[u8], today: Date) -> Result<Vec<ImportRow>, ImportError> {
    let rows = read_rows(bytes)?;
    let header_idx = rows
        .iter()
        .take(10)
        .position(|r| r.iter().any(|c| vn::fold(c) == "ma can bo"))
        .ok_or(ImportError::NoHeader)?;
    let header: Vec<String> = rows[header_idx].iter().map(|c| vn::fold(c)).collect();
    let mut map: Vec<Option<usize>> = Vec::with_capacity(COLUMNS.len());
    let mut missing = Vec::new();
    for col in COLUMNS {
        let pos = header.iter().position(|h| *h == vn::fold(col.header));
        if pos.is_none() && col.required {
            missing.push(col.header);
        }
        map.push(pos);
    }
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing.join(", ")));
    }
    let data: Vec<(usize, &Vec<String>)> = rows
        .iter()
        .enumerate()
        .skip(header_idx + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .filter(|(_, r)| !is_example(r, &map))
        .collect();
    if data.is_empty() {
        return Err(ImportError::Empty);
    }
    if data.len() > MAX_ROWS {
        return Err(ImportError::TooMany(data.len(), MAX_ROWS));
    }
    let mut out = Vec::with_capacity(data.len());
    let mut seen_codes: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, r) in data {
        let cell = |c: usize| map[c].and_then(|p| r.get(p)).cloned().unwrap_or_default();
        let mut form = PersonForm::default();
        for (c, col) in COLUMNS.iter().enumerate() {
            (col.set)(&mut form, cell(c));
        }
        let unit_code = vn::clean(&cell(UNIT_COLUMN)).to_uppercase();
        let mut row = ImportRow {
            row: i + 1,
            unit_code: unit_code.clone(),
            draft: PersonDraft::parse(&form, today),
        };
        for (c, col) in COLUMNS.iter().enumerate() {
            if col.required && cell(c).is_empty() && !matches!(c, 0 | 1 | 7) {
                row.add_error(field_of(c), col.header, "không được để trống".into());
            }
        }
        if unit_code.is_empty() {
            // Reported with the other required cells above.
        } else if let Some(enc) = vn::detect_legacy(&unit_code) {
            row.add_error("unit", "Mã đơn vị", format!("gõ bằng {}", enc.label()));
        }
        let code = vn::clean(&form.code);
        if !code.is_empty() {
            if let Some(first) = seen_codes.get(&code) {
                row.add_error(
                    "code",
                    "Mã cán bộ",
                    format!("“{code}” trùng với dòng {first} trong tệp"),
                );
            } else {
                seen_codes.insert(code, i + 1);
            }
        }
        out.push(row);
    }
    Ok(out)
}

fn field_of(col: usize) -> &'static str {
    match col {
        2 => "birth_date",
        3 => "gender",
        4 => "unit",
        5 => "position",
        6 => "rank",
        8 => "started_on",
        _ => "other",
    }
}

/// The template's example row, left in by the user.
fn is_example(r: &[String], map: &[Option<usize>]) -> bool {
    COLUMNS
        .iter()
        .zip(map)
        .filter(|(c, _)| !c.example.is_empty())
        .all(|(c, m)| m.and_then(|p| r.get(p)).map(String::as_str) == Some(c.example))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, Column, write_table};
    use time::macros::date;

    fn sheet(rows: Vec<Vec<&str>>) -> Vec<u8> {
        let cols: Vec<Column> = COLUMNS
            .iter()
            .map(|c| Column::new(c.header, 10.0))
            .collect();
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::from).collect())
            .collect();
        write_table("Cán bộ", None, &cols, &rows).unwrap()
    }

    const TODAY: Date = date!(2024 - 12 - 16);

    #[test]
    fn the_template_reads_back_as_empty() {
        let t = template().unwrap();
        assert!(matches!(parse(&t, TODAY), Err(ImportError::Empty)));
    }

    #[test]
    fn good_and_bad_rows_are_told_apart() {
        let bytes = sheet(vec![
            vec![
                "KHCN0901",
                "Nguyễn Thị Mai",
                "05/03/1990",
                "Nữ",
                "vp",
                "Chuyên viên",
                "Chuyên viên",
                "Công chức",
                "01/08/2015",
            ],
            vec![
                "KHCN0902",
                "Trần Văn Nam",
                "31/02/1990",
                "Nam",
                "VP",
                "Chuyên viên",
                "Chuyên viên",
                "Công chức",
                "01/08/2015",
            ],
            vec![
                "KHCN0901",
                "Lª V¨n Hïng",
                "01/01/1980",
                "Nam",
                "VP",
                "Trưởng phòng",
                "Chuyên viên chính",
                "Công chức",
                "01/08/2005",
            ],
            vec![
                "KHCN0904",
                "Phạm Văn Bình",
                "01/01/1980",
                "",
                "VP",
                "",
                "Chuyên viên",
                "hợp đồng",
                "01/08/2005",
            ],
        ]);
        let rows = parse(&bytes, TODAY).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].is_ok());
        assert_eq!(rows[0].unit_code, "VP");
        assert_eq!(rows[0].row, 2);
        let e1 = rows[1].draft.as_ref().unwrap_err().summary();
        assert!(e1.contains("Ngày sinh"), "{e1}");
        let e2 = rows[2].draft.as_ref().unwrap_err().summary();
        assert!(
            e2.contains("TCVN3") && e2.contains("trùng với dòng 2"),
            "{e2}"
        );
        let e3 = rows[3].draft.as_ref().unwrap_err().summary();
        assert!(
            e3.contains("Loại")
                && e3.contains("Giới tính: không được để trống")
                && e3.contains("Chức vụ"),
            "{e3}"
        );
    }

    #[test]
    fn a_file_without_the_columns_is_refused() {
        let bytes = write_table(
            "x",
            None,
            &[
                Column::new("Mã cán bộ", 10.0),
                Column::new("Họ và tên", 10.0),
            ],
            &[vec![Cell::from("A"), Cell::from("B")]],
        )
        .unwrap();
        let e = parse(&bytes, TODAY).unwrap_err().to_string();
        assert!(e.contains("thiếu cột") && e.contains("Ngày sinh"), "{e}");
    }
}
