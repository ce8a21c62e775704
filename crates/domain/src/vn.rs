//! Vietnamese text as offices write it (DOMAIN.md §7).
//!
//! Every string that enters tdkt goes through [`clean`] (NFC, trimmed, single-spaced). Names get a
//! sort key ordering them the Vietnamese way — by given name (the last word), then family and
//! middle names, with Vietnamese letter order — and a folded form for search without diacritics.

use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use time::{Date, Month};
use unicode_normalization::UnicodeNormalization;

/// NFC-normalises, trims and collapses inner whitespace (including non-breaking spaces) to one space.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`clean`], or `None` when nothing is left.
pub fn clean_opt(s: &str) -> Option<String> {
    let c = clean(s);
    (!c.is_empty()).then_some(c)
}

/// Lower-case ASCII without diacritics: "Nguyễn Văn Đức" → "nguyen van duc". Both tone-mark
/// placements ("Hoà", "Hòa") fold to the same text, so search finds either.
pub fn fold(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    deunicode::deunicode(&nfc).to_lowercase()
}

/// The text without diacritics, case kept: "Danh sách" → "Danh sach" (ASCII file names).
pub fn to_ascii(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    deunicode::deunicode(&nfc)
}

static COLLATOR: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(locale!("vi").into(), CollatorOptions::default())
        .expect("the Vietnamese collation is compiled into icu_collator")
});

/// Compares two strings in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the letter).
pub fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    COLLATOR.compare(a, b)
}

fn write_key(s: &str, out: &mut Vec<u8>) {
    let Ok(()) = COLLATOR.write_sort_key_to(s, out);
}

/// The parts of a Vietnamese full name: "Nguyễn Thị Hoa" → family and middle "Nguyễn Thị", given "Hoa".
pub fn split_name(full_name: &str) -> (&str, &str) {
    let full_name = full_name.trim();
    match full_name.rfind(' ') {
        Some(i) => (&full_name[..i], &full_name[i + 1..]),
        None => ("", full_name),
    }
}

/// The sort key of a person's name for official lists: the given name's collation key, a zero byte,
/// then the family and middle names' key (so "An" < "Anh" < "Ánh", and equal given names fall back
/// to the family name). Stored in a BLOB/BYTEA column; memcmp order is the same on every database.
pub fn name_sort_key(full_name: &str) -> Vec<u8> {
    let (family, given) = split_name(full_name);
    let mut key = Vec::with_capacity(32);
    write_key(given, &mut key);
    key.push(0);
    write_key(family, &mut key);
    key
}

/// The sort key of a plain text (a unit or agency name): its collation key.
pub fn text_sort_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(32);
    write_key(text, &mut key);
    key
}

/// Parses a date as Vietnamese offices write it: `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`,
/// `dd.mm.yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        let y = s[0..4].parse().ok()?;
        let m = s[5..7].parse::<u8>().ok()?;
        let d = s[8..10].parse().ok()?;
        return Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok();
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let d: u8 = parts[0].parse().ok()?;
    let m: u8 = parts[1].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// `dd/mm/yyyy`.
pub fn format_date(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

/// A legacy (pre-Unicode) Vietnamese encoding recognised in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN3 (ABC), fonts named ".VnTime" and the like.
    Tcvn3,
    /// VNI-Windows, fonts named "VNI-Times" and the like.
    Vni,
}

impl LegacyEncoding {
    /// How the encoding is named to users.
    pub fn label(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "mã TCVN3 (ABC, phông .VnTime)",
            LegacyEncoding::Vni => "mã VNI (phông VNI-Times)",
        }
    }
}

/// Letters of the Latin-1 block that Vietnamese in Unicode uses; any other letter from that block in a
/// name is the sign of text typed in a legacy font and read as Latin-1.
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// Recognises text typed with a legacy Vietnamese font (TCVN3 or VNI) and saved as if it were
/// Latin-1, such as "NguyÔn V¨n A" (TCVN3) or "Nguyeãn Vaên A" (VNI).
pub fn detect_legacy(s: &str) -> Option<LegacyEncoding> {
    let mut tcvn3 = 0;
    let mut vni = 0;
    let mut prev = ' ';
    for c in s.chars() {
        let code = c as u32;
        if (0xA0..=0xFF).contains(&code) && !VIETNAMESE_LATIN1.contains(c) {
            // VNI writes đ as ñ, ư as ö and some tones as letters foreign to Vietnamese; TCVN3
            // puts its letters with marks across the rest of the block (¨ for ă, © for â, …).
            if matches!(
                c,
                'ñ' | 'Ñ' | 'ö' | 'Ö' | 'ø' | 'Ø' | 'ï' | 'Ï' | 'û' | 'Û' | 'ë' | 'ä'
            ) {
                vni += 1;
            } else {
                tcvn3 += 1;
            }
        }
        // VNI writes ê as "eâ", ô as "oâ" and ă as "aê": pairs that never occur in Vietnamese.
        if matches!((prev, c), ('e' | 'o' | 'E' | 'O', 'â') | ('a' | 'A', 'ê')) {
            vni += 1;
        }
        prev = c;
    }
    // Letters TCVN3 alone uses (ă â ê ô ơ ư đ in its lower-case block) settle a tie.
    if s.chars()
        .any(|c| matches!(c, '¨' | '©' | 'ª' | '«' | '¬' | '®'))
        && tcvn3 > 0
    {
        return Some(LegacyEncoding::Tcvn3);
    }
    if tcvn3 == 0 && vni == 0 {
        None
    } else if vni >= tcvn3 {
        Some(LegacyEncoding::Vni)
    } else {
        Some(LegacyEncoding::Tcvn3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_normalises_nfc_and_spaces() {
        let nfd = "Nguye\u{302}\u{303}n  Va\u{306}n\u{a0}A ";
        assert_eq!(clean(nfd), "Nguyễn Văn A");
        assert_eq!(clean("   "), "");
        assert_eq!(clean_opt("  "), None);
    }

    #[test]
    fn fold_removes_diacritics_and_case() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("Hoà"), fold("Hòa"));
        assert!(fold("Phòng Kế hoạch – Tài chính").contains("ke hoach"));
    }

    #[test]
    fn names_sort_by_given_name_the_vietnamese_way() {
        let mut names = vec![
            "Bùi Thị Ân",
            "Trần Thị Ánh",
            "Đỗ Đức Ăn",
            "Lê Văn Anh",
            "Nguyễn Thị Ánh",
            "Phạm Thị An",
            "Nguyễn Văn An",
        ];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(
            names,
            vec![
                "Nguyễn Văn An",
                "Phạm Thị An",
                "Lê Văn Anh",
                "Nguyễn Thị Ánh",
                "Trần Thị Ánh",
                "Đỗ Đức Ăn",
                "Bùi Thị Ân",
            ]
        );
    }

    #[test]
    fn d_stroke_sorts_after_d_and_tones_in_order() {
        let mut words = vec!["Đức", "Dũng", "Hạ", "Há", "Hà", "Ha", "Hả", "Hã"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(
            words,
            vec!["Dũng", "Đức", "Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
        );
    }

    #[test]
    fn dates_in_office_formats() {
        let d = Date::from_calendar_date(2024, Month::January, 5).unwrap();
        assert_eq!(parse_date("05/01/2024"), Some(d));
        assert_eq!(parse_date("5/1/2024"), Some(d));
        assert_eq!(parse_date("2024-01-05"), Some(d));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("05/01/24"), None);
        assert_eq!(format_date(d), "05/01/2024");
    }

    #[test]
    fn legacy_encodings_are_recognised() {
        // "Nguyễn Văn Đức" typed in TCVN3 and read as Latin-1.
        assert_eq!(detect_legacy("NguyÔn V¨n §øc"), Some(LegacyEncoding::Tcvn3));
        assert_eq!(detect_legacy("Trần Thị Hồng"), None);
        assert_eq!(detect_legacy("Lª ThÞ Thu"), Some(LegacyEncoding::Tcvn3));
        assert_eq!(
            detect_legacy("NguyÔn V¨n Hïng"),
            Some(LegacyEncoding::Tcvn3)
        );
        // The same in VNI.
        assert_eq!(
            detect_legacy("Nguyeãn Vaên Ñöùc"),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(detect_legacy("Hoàng Thị Ánh Tuyết"), None);
    }

    proptest::proptest! {
        #[test]
        fn clean_is_idempotent(s in "\\PC{0,40}") {
            let once = clean(&s);
            proptest::prop_assert_eq!(clean(&once), once.clone());
        }

        #[test]
        fn fold_is_ascii(s in "\\PC{0,40}") {
            proptest::prop_assert!(fold(&s).is_ascii());
        }
    }
}
