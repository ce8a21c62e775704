//! Numbers and money as official papers write them (DOMAIN.md §4.5, §7).
//!
//! Northern usage, as in the decisions of Bắc Giang: "nghìn" (not "ngàn"), "linh" (not "lẻ"),
//! "mốt" for a final 1 after "mươi", "lăm" for a final 5 after a ten, "tư" for a final 4 after
//! "mươi". Groups of three digits that are all zero are skipped; every group after the leading
//! one is read in full ("không trăm linh năm").

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits. `full` asks for the hundreds even when they are zero
/// ("không trăm …"), which every group after the leading one needs.
fn read_group(n: u64, full: bool, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    if full || h > 0 {
        out.push(DIGITS[h]);
        out.push("trăm");
    }
    let said_hundreds = full || h > 0;
    match t {
        0 => {
            if u > 0 {
                if said_hundreds {
                    out.push("linh");
                }
                out.push(DIGITS[u]);
            }
        }
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
        _ => {
            out.push(DIGITS[t]);
            out.push("mươi");
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
    }
}

/// Reads a number below one billion ("tỷ"), `full` as in [`read_group`] for its leading group.
fn read_below_billion(n: u64, full: bool, out: &mut Vec<&'static str>) {
    let groups = [
        (n / 1_000_000, "triệu"),
        ((n / 1_000) % 1_000, "nghìn"),
        (n % 1_000, ""),
    ];
    let mut started = full;
    for (value, unit) in groups {
        if value == 0 {
            continue;
        }
        read_group(value, started, out);
        if !unit.is_empty() {
            out.push(unit);
        }
        started = true;
    }
}

/// The number in words, lower case: 1_005_000 → "một triệu không trăm linh năm nghìn".
///
/// Amounts of a billion and more repeat "tỷ" ("một nghìn tỷ" for 10¹²), as Vietnamese does.
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_owned();
    }
    let mut out = Vec::new();
    read_number(n, false, &mut out);
    out.join(" ")
}

fn read_number(n: u64, full: bool, out: &mut Vec<&'static str>) {
    let billions = n / 1_000_000_000;
    let rest = n % 1_000_000_000;
    if billions > 0 {
        read_number(billions, full, out);
        out.push("tỷ");
        if rest > 0 {
            read_below_billion(rest, true, out);
        }
    } else {
        read_below_billion(rest, full, out);
    }
}

/// Money in words with a capital letter and "đồng": 710_000 → "Bảy trăm mười nghìn đồng".
pub fn money_in_words(amount: u64) -> String {
    let words = number_in_words(amount);
    let mut chars = words.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{} đồng", chars.as_str())
}

/// Digits with "." between thousands: 1_880_000 → "1.880.000".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Money in digits as papers print it: 710_000 → "710.000 đồng".
pub fn money_in_digits(amount: u64) -> String {
    format!("{} đồng", group_thousands(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        let cases = [
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (30, "ba mươi"),
            (101, "một trăm linh một"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (1_000, "một nghìn"),
            (1_001, "một nghìn không trăm linh một"),
            (1_000_000, "một triệu"),
            (1_000_000_000, "một tỷ"),
            (2_000_500_000, "hai tỷ năm trăm nghìn"),
            (2_000_005_000, "hai tỷ không trăm linh năm nghìn"),
            (1_000_000_000_000, "một nghìn tỷ"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n), words, "{n}");
        }
    }
}
