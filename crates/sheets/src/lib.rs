//! Excel in and out, the way Vietnamese offices use it.
//!
//! - [`write_table`]: any list as an .xlsx (header row, column widths, frozen header, dates as
//!   real Excel dates shown dd/mm/yyyy).
//! - [`read_rows`]: the first sheet of an uploaded workbook as rows of cleaned text: NFC,
//!   trimmed; Excel dates turned into `dd/mm/yyyy`, so callers parse one date format.

pub mod people;
pub mod records;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};
use time::Date;

use tdkt_domain::vn;

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Date(Date),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Self {
        s.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}
impl From<Option<Date>> for Cell {
    fn from(d: Option<Date>) -> Self {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

/// A column: its header and width (in characters).
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub width: f64,
}

impl Column {
    pub fn new(header: &str, width: f64) -> Column {
        Column {
            header: header.to_owned(),
            width,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("không tạo được tệp Excel: {0}")]
    Write(#[from] XlsxError),
    #[error("tệp không phải bảng tính Excel (.xlsx) đọc được: {0}")]
    Read(String),
    #[error("bảng tính không có trang nào")]
    NoSheet,
}

/// Writes one sheet: a bold header row, then the rows.
pub fn write_table(
    sheet_name: &str,
    title: Option<&str>,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, SheetError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEEF0F3))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let title_fmt = Format::new().set_bold().set_font_size(13);
    let mut r0: u32 = 0;
    if let Some(t) = title {
        ws.write_string_with_format(0, 0, t, &title_fmt)?;
        r0 = 2;
    }
    for (c, col) in columns.iter().enumerate() {
        ws.write_string_with_format(r0, c as u16, &col.header, &header)?;
        ws.set_column_width(c as u16, col.width)?;
    }
    ws.set_freeze_panes(r0 + 1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = r0 + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
                Cell::Date(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, u8::from(d.month()), d.day())?;
                    ws.write_datetime_with_format(r, c, &dt, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    if !rows.is_empty() && !columns.is_empty() {
        ws.autofilter(r0, 0, r0 + rows.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Reads the first sheet as rows of cleaned text (row 0 is the first row of the sheet).
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| SheetError::Read(e.to_string()))?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SheetError::NoSheet)?;
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| SheetError::Read(e.to_string()))?;
    let mut rows = Vec::with_capacity(range.height());
    for row in range.rows() {
        rows.push(row.iter().map(cell_text).collect());
    }
    Ok(rows)
}

/// The cells of a sheet, row by row, as cleaned text.
pub type Rows = Vec<Vec<String>>;

/// Reads every sheet: (name, rows of cleaned text).
pub fn read_sheets(bytes: &[u8]) -> Result<Vec<(String, Rows)>, SheetError> {
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| SheetError::Read(e.to_string()))?;
    let names = wb.sheet_names().to_vec();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| SheetError::Read(e.to_string()))?;
        out.push((
            name,
            range
                .rows()
                .map(|r| r.iter().map(cell_text).collect())
                .collect(),
        ));
    }
    Ok(out)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => vn::clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Data::DateTime(dt) => excel_serial_date(dt.as_f64())
            .map(vn::format_date)
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) => vn::parse_date(&s[..s.len().min(10)])
            .map(vn::format_date)
            .unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel date serial (1900 date system) as a date.
fn excel_serial_date(serial: f64) -> Option<Date> {
    let epoch = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    epoch.checked_add(time::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_table_round_trips_with_dates_and_vietnamese() {
        let cols = [
            Column::new("Mã cán bộ", 12.0),
            Column::new("Họ và tên", 28.0),
            Column::new("Ngày sinh", 12.0),
        ];
        let rows = vec![
            vec![
                Cell::from("KHCN001"),
                Cell::from("Nguyễn Thị Hoa"),
                Cell::Date(date!(1985 - 03 - 05)),
            ],
            vec![
                Cell::from("KHCN002"),
                Cell::from("Trần Văn Đức"),
                Cell::Empty,
            ],
        ];
        let bytes = write_table("Cán bộ", Some("Danh sách"), &cols, &rows).unwrap();
        let back = read_rows(&bytes).unwrap();
        assert_eq!(back[0][0], "Danh sách");
        assert_eq!(back[2], vec!["Mã cán bộ", "Họ và tên", "Ngày sinh"]);
        assert_eq!(back[3], vec!["KHCN001", "Nguyễn Thị Hoa", "05/03/1985"]);
        assert_eq!(back[4][1], "Trần Văn Đức");
    }

    #[test]
    fn garbage_is_refused_with_a_message() {
        let e = read_rows(b"not a workbook").unwrap_err();
        assert!(e.to_string().contains("không phải bảng tính"));
    }
}
