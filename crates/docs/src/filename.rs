//! Safe file names for generated papers and the `Content-Disposition` header (RFC 6266 with the
//! RFC 8187 `filename*` for the Vietnamese name).

use unicode_normalization::UnicodeNormalization;

use crate::Format;
use crate::model::Document;

/// Folds Vietnamese to ASCII: "Kế hoạch Đợt 1" → "Ke hoach Dot 1".
pub fn ascii_fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// A slug of ASCII letters, digits and '-': "Phát động (2024)" → "phat-dong-2024".
pub fn slug(text: &str, max_len: usize) -> String {
    let mut out = String::new();
    for c in ascii_fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.len() > max_len {
        // Cut at a word boundary, not inside a word (the slug is ASCII: bytes are chars).
        let cut = out[..=max_len].rfind('-').unwrap_or(max_len);
        out.truncate(cut);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "van-ban".to_owned()
    } else {
        out
    }
}

/// The ASCII file name of a paper: "ke-hoach-khcn-2024-phat-dong-phong-trao-thi-dua-nam-2024.pdf"
/// (number first when issued: "quyet-dinh-12-qd-khcn-…").
pub fn file_name(doc: &Document, format: Format) -> String {
    let h = &doc.header;
    let mut parts = vec![doc.title.clone()];
    match h.reference() {
        Some(r) => parts.push(r),
        None => parts.push(h.agency_symbol.clone()),
    }
    if let Some(y) = h.date.year() {
        parts.push(y.to_string());
    }
    if let Some(s) = &doc.summary {
        parts.push(s.clone());
    }
    format!("{}.{}", slug(&parts.join(" "), 100), format.extension())
}

/// The readable (Vietnamese) file name: "Kế hoạch - Phát động phong trào thi đua năm 2024.pdf".
pub fn display_name(doc: &Document, format: Format) -> String {
    let mut name = sentence_case(&doc.title);
    if let Some(r) = doc.header.reference() {
        name.push(' ');
        name.push_str(&r.replace('/', "-"));
    }
    if let Some(s) = &doc.summary {
        name.push_str(" - ");
        name.push_str(&s.replace('\n', " "));
    }
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .take(150)
        .collect();
    format!("{}.{}", clean.trim(), format.extension())
}

fn sentence_case(upper: &str) -> String {
    let lower = upper.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `attachment; filename="ascii.pdf"; filename*=UTF-8''…` — old clients take the ASCII name,
/// others the Vietnamese one.
pub fn content_disposition(display_name: &str) -> String {
    disposition("attachment", display_name)
}

/// The same for showing the file in the browser (a PDF preview): `inline; filename=…`.
pub fn inline_disposition(display_name: &str) -> String {
    disposition("inline", display_name)
}

fn disposition(kind: &str, display_name: &str) -> String {
    let fallback: String = ascii_fold(display_name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in display_name.as_bytes() {
        let c = *b as char;
        if c.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_encodes() {
        assert_eq!(ascii_fold("Kế hoạch Đợt 1"), "Ke hoach Dot 1");
        assert_eq!(slug("Phát động (2024) / \"x\"", 40), "phat-dong-2024-x");
        assert!(inline_disposition("a.pdf").starts_with("inline; filename=\"a.pdf\""));
        assert_eq!(
            content_disposition("Kế hoạch.pdf"),
            "attachment; filename=\"Ke hoach.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
        );
    }
}
