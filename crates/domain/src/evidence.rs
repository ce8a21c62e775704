//! Evidence files (minh chứng) of progress on a target: PDF, JPEG, PNG, DOCX and XLSX, up to the
//! deployment's upload limit, their type told by their content — never by their name. A `.exe`
//! renamed `.pdf` is refused; a PNG named `.pdf` is taken as the PNG it is.
//!
//! DOCX and XLSX are ZIP packages: the central directory is read (no decompression) and must
//! list `[Content_Types].xml` and parts under `word/` (DOCX) or `xl/` (XLSX).

use crate::errors::FieldError;

/// The kinds of evidence accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    Pdf,
    Jpeg,
    Png,
    Docx,
    Xlsx,
}

impl EvidenceKind {
    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            EvidenceKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Jpeg => "jpg",
            EvidenceKind::Png => "png",
            EvidenceKind::Docx => "docx",
            EvidenceKind::Xlsx => "xlsx",
        }
    }

    /// Shown beside a file: "PDF", "Ảnh JPEG", …
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "PDF",
            EvidenceKind::Jpeg => "Ảnh JPEG",
            EvidenceKind::Png => "Ảnh PNG",
            EvidenceKind::Docx => "Word (DOCX)",
            EvidenceKind::Xlsx => "Excel (XLSX)",
        }
    }

    /// The kind behind a stored media type.
    pub fn from_media_type(m: &str) -> Option<EvidenceKind> {
        [
            EvidenceKind::Pdf,
            EvidenceKind::Jpeg,
            EvidenceKind::Png,
            EvidenceKind::Docx,
            EvidenceKind::Xlsx,
        ]
        .into_iter()
        .find(|k| k.media_type() == m)
    }
}

/// What the bytes are, by their content.
pub fn sniff(data: &[u8]) -> Option<EvidenceKind> {
    if data.starts_with(b"%PDF-") {
        return Some(EvidenceKind::Pdf);
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(EvidenceKind::Jpeg);
    }
    if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Some(EvidenceKind::Png);
    }
    if data.starts_with(b"PK\x03\x04") {
        let names = zip_names(data)?;
        if !names.iter().any(|n| n == "[Content_Types].xml") {
            return None;
        }
        if names.iter().any(|n| n.starts_with("word/")) {
            return Some(EvidenceKind::Docx);
        }
        if names.iter().any(|n| n.starts_with("xl/")) {
            return Some(EvidenceKind::Xlsx);
        }
    }
    None
}

fn u16_at(d: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_le_bytes(d.get(i..i + 2)?.try_into().ok()?) as usize)
}

fn u32_at(d: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_le_bytes(d.get(i..i + 4)?.try_into().ok()?) as usize)
}

/// The entry names of a ZIP archive, from its central directory; `None` if it is not a
/// well-formed archive.
fn zip_names(d: &[u8]) -> Option<Vec<String>> {
    // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment).
    let min = d.len().saturating_sub(22 + 65_535);
    let eocd = (min..=d.len().checked_sub(22)?)
        .rev()
        .find(|&i| d[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(d, eocd + 10)?;
    let size = u32_at(d, eocd + 12)?;
    let offset = u32_at(d, eocd + 16)?;
    if offset.checked_add(size)? > eocd {
        return None;
    }
    let mut names = Vec::with_capacity(count);
    let mut i = offset;
    for _ in 0..count {
        if !d.get(i..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(d, i + 28)?;
        let extra = u16_at(d, i + 30)?;
        let comment = u16_at(d, i + 32)?;
        let name = d.get(i + 46..i + 46 + name_len)?;
        names.push(String::from_utf8_lossy(name).into_owned());
        i += 46 + name_len + extra + comment;
    }
    Some(names)
}

/// Checks one uploaded file: not empty, not larger than `max_bytes`, and one of the accepted
/// kinds by its content. The error names the file.
pub fn check_file(
    filename: &str,
    data: &[u8],
    max_bytes: usize,
) -> Result<EvidenceKind, FieldError> {
    let err = |message: String| FieldError {
        field: "files".into(),
        label: "Tệp minh chứng".into(),
        message,
    };
    if data.is_empty() {
        return Err(err(format!("“{filename}” là tệp rỗng")));
    }
    if data.len() > max_bytes {
        return Err(err(format!(
            "“{filename}” lớn hơn giới hạn {} MB",
            max_bytes.div_ceil(1024 * 1024)
        )));
    }
    sniff(data).ok_or_else(|| {
        err(format!(
            "“{filename}” không phải tệp PDF, JPEG, PNG, DOCX hay XLSX (kiểm tra theo nội dung tệp, không theo tên)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal stored (uncompressed) ZIP with these entries.
    pub fn zip(entries: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for name in entries {
            let off = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&[0; 12]);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&off.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn types_are_told_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(EvidenceKind::Pdf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Some(EvidenceKind::Jpeg)
        );
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some(EvidenceKind::Png)
        );
        assert_eq!(
            sniff(&zip(&[
                "[Content_Types].xml",
                "_rels/.rels",
                "word/document.xml"
            ])),
            Some(EvidenceKind::Docx)
        );
        assert_eq!(
            sniff(&zip(&["[Content_Types].xml", "xl/workbook.xml"])),
            Some(EvidenceKind::Xlsx)
        );
        // A plain ZIP, a ZIP without content types, an executable, text.
        assert_eq!(sniff(&zip(&["a.txt"])), None);
        assert_eq!(sniff(&zip(&["word/document.xml"])), None);
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), None);
        assert_eq!(sniff(b"hello"), None);
        // A truncated archive.
        let z = zip(&["[Content_Types].xml", "word/document.xml"]);
        assert_eq!(sniff(&z[..z.len() - 10]), None);
    }

    #[test]
    fn a_renamed_executable_or_an_oversized_file_is_refused_by_name() {
        let e = check_file("bien-ban.pdf", b"MZ\x90\0", 1024).unwrap_err();
        assert!(
            e.message.contains("“bien-ban.pdf” không phải tệp PDF"),
            "{e}"
        );
        let e = check_file("to.pdf", &[b'%'; 2048], 1024).unwrap_err();
        assert!(e.message.contains("lớn hơn giới hạn 1 MB"), "{e}");
        assert!(check_file("rong.pdf", b"", 1024).is_err());
        assert_eq!(
            check_file("anh.pdf", &[0xFF, 0xD8, 0xFF, 0xE1], 1024),
            Ok(EvidenceKind::Jpeg)
        );
    }
}
