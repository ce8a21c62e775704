//! Validation with Vietnamese messages that name the field.
//!
//! Text comes from a simple editor in the app, never as HTML: anything that looks like a tag or an
//! HTML entity is refused rather than escaped, so that nobody mistakes it for formatting.

use std::fmt;

use serde::Serialize;

use crate::model::{Block, Document, HeaderLayout, Inline, Signer, Table};

/// One invalid field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Machine path of the field, for forms: "signer.name", "blocks[3].runs[0]".
    pub field: String,
    /// The message in Vietnamese, naming the field: "Người ký – họ tên: chưa nhập.".
    pub message: String,
}

/// All the invalid fields of a value; nothing is saved or rendered while there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join(" "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects field errors.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// A new, empty checker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error.
    pub fn push(&mut self, field: impl Into<String>, label: &str, problem: &str) {
        self.errors.push(FieldError {
            field: field.into(),
            message: format!("{label}: {problem}"),
        });
    }

    /// Records an error made elsewhere.
    pub fn push_error(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// Requires non-blank text, then checks it as [`Checker::text`].
    pub fn required(&mut self, field: &str, label: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, label, "chưa nhập.");
        } else {
            self.text(field, label, value);
        }
    }

    /// Refuses raw HTML and control characters (a line break is allowed).
    pub fn text(&mut self, field: &str, label: &str, value: &str) {
        if contains_html(value) {
            self.push(
                field,
                label,
                "không được chứa mã HTML (thẻ như <b>, <script> hoặc ký hiệu như &nbsp;); hãy nhập văn bản thuần.",
            );
        } else if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            self.push(field, label, "chứa ký tự điều khiển không in được.");
        }
    }

    /// Checks optional text.
    pub fn optional(&mut self, field: &str, label: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(field, label, v);
        }
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

/// Named entities a pasted HTML fragment carries; "KH&CN;" is text, not an entity.
const HTML_ENTITIES: &[&str] = &[
    "nbsp", "amp", "lt", "gt", "quot", "apos", "copy", "reg", "trade", "ndash", "mdash", "hellip",
    "laquo", "raquo", "ldquo", "rdquo", "lsquo", "rsquo", "bull", "middot", "times", "divide",
    "euro", "deg", "plusmn", "shy", "ensp", "emsp", "thinsp", "zwj", "zwnj", "sect", "para",
];

/// Whether the text holds something an HTML reader would take as markup: a tag (`<b>`, `</p>`,
/// `<!-- -->`, `<script`) or an entity (`&nbsp;`, `&#39;`). "a < b" and "KH&CN" are fine.
pub fn contains_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => {
                let rest = &bytes[i + 1..];
                let rest = rest.strip_prefix(b"/").unwrap_or(rest);
                if rest
                    .first()
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!' || *c == b'?')
                {
                    return true;
                }
            }
            b'&' => {
                let rest = &bytes[i + 1..];
                if let Some(num) = rest.strip_prefix(b"#") {
                    let num = num
                        .strip_prefix(b"x")
                        .or_else(|| num.strip_prefix(b"X"))
                        .unwrap_or(num);
                    let len = num.iter().take_while(|c| c.is_ascii_hexdigit()).count();
                    if len > 0 && num.get(len) == Some(&b';') {
                        return true;
                    }
                } else {
                    let len = rest
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .count();
                    if rest.get(len) == Some(&b';')
                        && HTML_ENTITIES.contains(&&text[i + 1..i + 1 + len])
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Checks a signer: a designated signer has a position and a name.
pub fn check_signer(c: &mut Checker, field: &str, label: &str, signer: &Signer) {
    c.optional(
        &format!("{field}.authority"),
        &format!("{label} – thẩm quyền ký"),
        signer.authority.as_deref(),
    );
    c.required(
        &format!("{field}.position"),
        &format!("{label} – chức vụ"),
        &signer.position,
    );
    c.required(
        &format!("{field}.name"),
        &format!("{label} – họ tên"),
        &signer.name,
    );
    c.optional(
        &format!("{field}.note"),
        &format!("{label} – ghi chú"),
        signer.note.as_deref(),
    );
}

fn check_runs(c: &mut Checker, field: &str, label: &str, runs: &[Inline]) {
    if runs.iter().all(|r| r.text().trim().is_empty()) {
        c.push(field, label, "đoạn văn trống.");
    }
    for (i, r) in runs.iter().enumerate() {
        c.text(&format!("{field}.runs[{i}]"), label, r.text());
    }
}

/// Checks a table: one cell per column in every row.
pub fn check_table(c: &mut Checker, field: &str, label: &str, table: &Table) {
    if table.columns.is_empty() {
        c.push(field, label, "bảng chưa có cột.");
    }
    for (i, col) in table.columns.iter().enumerate() {
        c.required(
            &format!("{field}.columns[{i}]"),
            &format!("{label}, tên cột {}", i + 1),
            &col.title,
        );
        if col.width == 0 {
            c.push(
                format!("{field}.columns[{i}].width"),
                &format!("{label}, cột {}", i + 1),
                "độ rộng phải lớn hơn 0.",
            );
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        if row.len() != table.columns.len() {
            c.push(
                format!("{field}.rows[{r}]"),
                &format!("{label}, dòng {}", r + 1),
                &format!("có {} ô, bảng có {} cột.", row.len(), table.columns.len()),
            );
        }
        for (k, cell) in row.iter().enumerate() {
            c.text(
                &format!("{field}.rows[{r}][{k}]"),
                &format!("{label}, dòng {}, cột {}", r + 1, k + 1),
                cell,
            );
        }
    }
}

impl Document {
    /// Checks the paper before it is saved or rendered.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::new();
        let h = &self.header;
        c.optional(
            "header.governing_body",
            "Cơ quan chủ quản",
            h.governing_body.as_deref(),
        );
        if h.layout == HeaderLayout::Standard {
            c.required("header.issuing_body", "Cơ quan ban hành", &h.issuing_body);
        }
        c.text("header.type_symbol", "Ký hiệu loại văn bản", &h.type_symbol);
        c.text("header.agency_symbol", "Ký hiệu cơ quan", &h.agency_symbol);
        c.text("header.place", "Địa danh", &h.place);
        if h.number == Some(0) {
            c.push("header.number", "Số văn bản", "phải từ 1 trở lên.");
        }
        if let crate::dates::DocDate::MonthYear { month, .. } = h.date
            && !(1..=12).contains(&month)
        {
            c.push("header.date", "Ngày ban hành", "tháng phải từ 1 đến 12.");
        }
        // A công văn has no type name; every other paper has one.
        if self.kind == crate::model::DocKind::CongVan {
            c.text("title", "Tên loại văn bản", &self.title);
        } else {
            c.required("title", "Tên loại văn bản", &self.title);
        }
        c.optional("summary", "Trích yếu", self.summary.as_deref());
        c.optional(
            "summary_note",
            "Ghi chú dưới trích yếu",
            self.summary_note.as_deref(),
        );
        c.optional(
            "authority_line",
            "Thẩm quyền ban hành",
            self.authority_line.as_deref(),
        );
        for (i, b) in self.bases.iter().enumerate() {
            c.required(&format!("bases[{i}]"), &format!("Căn cứ thứ {}", i + 1), b);
        }
        c.optional("enacting", "Lời ban hành", self.enacting.as_deref());
        for (i, block) in self.blocks.iter().enumerate() {
            let field = format!("blocks[{i}]");
            let label = format!("Nội dung, khối thứ {}", i + 1);
            match block {
                Block::Heading {
                    level,
                    number,
                    text,
                } => {
                    if !(1..=3).contains(level) {
                        c.push(&field, &label, "cấp đề mục phải là 1, 2 hoặc 3.");
                    }
                    c.text(&format!("{field}.number"), &label, number);
                    c.required(&format!("{field}.text"), &label, text);
                }
                Block::Paragraph { number, runs, .. } => {
                    c.optional(&format!("{field}.number"), &label, number.as_deref());
                    check_runs(&mut c, &field, &label, runs);
                }
                Block::Bullet { runs } => check_runs(&mut c, &field, &label, runs),
                Block::Table(t) => check_table(&mut c, &field, &label, t),
                Block::PageBreak => {}
            }
        }
        check_signer(&mut c, "signer", "Người ký", &self.signer);
        if let Some(left) = &self.left_signer {
            check_signer(&mut c, "left_signer", "Người ký bên trái", left);
        }
        for (i, r) in self.recipients.iter().enumerate() {
            c.required(
                &format!("recipients[{i}]"),
                &format!("Nơi nhận thứ {}", i + 1),
                r,
            );
        }
        c.optional("archive", "Nơi lưu", self.archive.as_deref());
        for (i, a) in self.annexes.iter().enumerate() {
            let label = format!("Phụ lục {}", i + 1);
            c.required(
                &format!("annexes[{i}].title"),
                &format!("{label} – tiêu đề"),
                &a.title,
            );
            c.optional(
                &format!("annexes[{i}].subtitle"),
                &format!("{label} – dòng kèm theo"),
                a.subtitle.as_deref(),
            );
            check_table(&mut c, &format!("annexes[{i}].table"), &label, &a.table);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::contains_html;

    #[test]
    fn html_is_recognised_and_plain_text_is_not() {
        for html in [
            "<b>x</b>",
            "a </p>",
            "<script>alert(1)</script>",
            "x&nbsp;y",
            "&#39;",
            "<!-- c -->",
            "<img src=x>",
        ] {
            assert!(contains_html(html), "{html}");
        }
        for plain in [
            "a < b",
            "KH&CN",
            "CCVC&NLĐ",
            "3 < 5 & 6 > 2",
            "x<5",
            "&",
            "R&D; test",
            "Bộ KH&CN;",
        ] {
            assert!(!contains_html(plain), "{plain}");
        }
    }
}
