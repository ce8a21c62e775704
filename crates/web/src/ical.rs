//! iCalendar (RFC 5545) output for the personal deadline feeds: all-day events, lines ended by
//! CRLF and folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped.

use time::{Date, OffsetDateTime, UtcOffset};

/// One all-day event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Globally unique and stable across fetches (a client updates the event it already has).
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    /// An absolute link to the item in the app, when the app knows its public address.
    pub url: Option<String>,
    /// Remind this many days before (a VALARM), when set.
    pub alarm_days: Option<i64>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line (RFC 5545 §3.1): at most 75 octets per line, continuation lines start
/// with one space; a multi-octet character is never split. Ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn date_value(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A UTC date-time value: `20240124T030000Z`.
pub fn utc_value(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}{:02}{:02}Z",
        date_value(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A whole calendar. `stamp` is the DTSTAMP of every event (when the information was last
/// changed, in UTC).
pub fn calendar(name: &str, tz: &str, stamp: OffsetDateTime, events: &[Event]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//tdkt//Thi dua khen thuong//VI".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(name)),
        format!("X-WR-TIMEZONE:{tz}"),
        // Dates are the agency's calendar days; the zone has had no daylight saving since 1975.
        "BEGIN:VTIMEZONE".into(),
        format!("TZID:{tz}"),
        "BEGIN:STANDARD".into(),
        "DTSTART:19750613T000000".into(),
        "TZOFFSETFROM:+0700".into(),
        "TZOFFSETTO:+0700".into(),
        "TZNAME:+07".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ];
    let stamp = utc_value(stamp);
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", e.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", date_value(e.date)));
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            date_value(e.date.next_day().unwrap_or(e.date))
        ));
        lines.push(format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        if let Some(u) = &e.url {
            lines.push(format!("URL:{u}"));
        }
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("CATEGORIES:THI ĐUA – KHEN THƯỞNG".into());
        if let Some(n) = e.alarm_days.filter(|n| *n > 0) {
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("DESCRIPTION:{}", escape_text(&e.summary)));
            lines.push(format!("TRIGGER:-P{n}D"));
            lines.push("END:VALARM".into());
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!(
            "SUMMARY:{}",
            "Hạn gửi báo cáo sơ kết công tác thi đua, khen thưởng ".repeat(4)
        );
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for (i, l) in folded.trim_end_matches("\r\n").split("\r\n").enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        // Unfolding gives the line back.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }

    #[test]
    fn a_calendar_has_its_parts() {
        let ics = calendar(
            "Hạn của tôi",
            "Asia/Ho_Chi_Minh",
            datetime!(2024-01-24 10:00 +7),
            &[Event {
                uid: "x@tdkt".into(),
                date: date!(2024 - 01 - 31),
                summary: "Hạn: Đăng ký thi đua".into(),
                description: "Việc: a, b".into(),
                url: None,
                alarm_days: Some(3),
            }],
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTAMP:20240124T030000Z\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20240131\r\nDTEND;VALUE=DATE:20240201\r\n"));
        assert!(ics.contains("DESCRIPTION:Việc: a\\, b\r\n"));
        assert!(ics.contains("TRIGGER:-P3D\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }
}
