//! The command's output written by hand: the same bytes as `serde_json::to_string` of an
//! [`Evaluation`] (a test holds them equal), without serde's per-character escaping of the many
//! strings known to need none. A province writes half a million results.

use crate::output::{Reason, Verdict, Warning};

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends an unsigned integer.
pub(crate) fn uint(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends a signed integer.
pub(crate) fn int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    uint(out, n.unsigned_abs());
}

/// Appends one result object.
pub(crate) fn verdict(out: &mut Vec<u8>, v: &Verdict<'_>) {
    out.extend_from_slice(b"{\"subject\":");
    string(out, v.subject);
    // Codes are plain ASCII identifiers: no escaping needed.
    out.extend_from_slice(b",\"code\":\"");
    out.extend_from_slice(v.code.code().as_bytes());
    out.extend_from_slice(b"\",\"verdict\":\"");
    out.extend_from_slice(v.verdict.code().as_bytes());
    out.extend_from_slice(b"\",\"decided_by\":\"");
    out.extend_from_slice(v.decided_by.code().as_bytes());
    out.push(b'"');
    if let Some(g) = v.ground {
        out.extend_from_slice(b",\"ground\":\"");
        out.extend_from_slice(g.code().as_bytes());
        out.push(b'"');
    }
    if let Some(r) = v.reward_vnd {
        out.extend_from_slice(b",\"reward_vnd\":");
        uint(out, r);
    }
    if let Some(y) = v.next_possible_year {
        out.extend_from_slice(b",\"next_possible_year\":");
        int(out, i64::from(y));
    }
    out.extend_from_slice(b",\"reasons\":[");
    for (i, r) in v.reasons.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        reason(out, r);
    }
    out.extend_from_slice(b"]}");
}

fn reason(out: &mut Vec<u8>, r: &Reason) {
    out.extend_from_slice(b"{\"rule\":");
    string(out, r.rule);
    out.extend_from_slice(if r.passed {
        b",\"passed\":true,\"message\":"
    } else {
        b",\"passed\":false,\"message\":"
    });
    string(out, &r.message);
    out.extend_from_slice(b",\"citation\":");
    string(out, r.citation);
    out.push(b'}');
}

/// Appends one warning object.
pub(crate) fn warning(out: &mut Vec<u8>, w: &Warning<'_>) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, w.kind);
    out.extend_from_slice(b",\"unit\":");
    string(out, w.unit);
    out.extend_from_slice(b",\"code\":");
    string(out, w.code);
    out.extend_from_slice(b",\"limit\":");
    uint(out, w.limit);
    out.extend_from_slice(b",\"actual\":");
    uint(out, w.actual);
    out.extend_from_slice(b",\"message\":");
    string(out, &w.message);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_like_serde_json() {
        for s in [
            "",
            "plain",
            "Nguyễn \"Hoa\"",
            "a\\b",
            "tab\tnew\nline\r",
            "\u{0}\u{1f}\u{8}\u{c}",
            "\u{7f}é",
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
        let mut out = Vec::new();
        int(&mut out, -2024);
        uint(&mut out, 0);
        uint(&mut out, u64::MAX);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("-20240{}", u64::MAX)
        );
    }
}
