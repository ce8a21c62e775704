//! Excel files as offices fill them: the import template's first nine columns.

use tdkt_sheets::people::COLUMNS;
use tdkt_sheets::{Cell, Column, write_table};

/// One row of the import, in template order: Mã cán bộ, Họ và tên, Ngày sinh, Giới tính, Mã đơn
/// vị, Chức vụ, Ngạch, Loại, Ngày bắt đầu công tác.
pub fn row(code: &str, name: &str, born: &str, gender: &str, unit: &str) -> Vec<String> {
    [
        code,
        name,
        born,
        gender,
        unit,
        "Chuyên viên",
        "Chuyên viên",
        "Công chức",
        "01/08/2020",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// An .xlsx with the template's header row and these rows.
pub fn people_xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let cols: Vec<Column> = COLUMNS
        .iter()
        .take(9)
        .map(|c| Column::new(c.header, 14.0))
        .collect();
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|s| Cell::from(s.as_str())).collect())
        .collect();
    write_table("Cán bộ", None, &cols, &rows).expect("write the sheet")
}
