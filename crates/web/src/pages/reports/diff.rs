//! The differences between a returned report and its resubmission, word by word, as HTML:
//! deleted words in `<del>`, inserted ones in `<ins>`, everything escaped, line breaks kept.

use similar::{ChangeTag, TextDiff};

/// Escapes text for HTML (element content and attribute values).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks as `<br>`.
pub fn text_html(s: &str) -> String {
    escape(&s.replace("\r\n", "\n")).replace('\n', "<br>")
}

/// The word-level difference of `old` → `new` as safe HTML; None when they are the same.
pub fn diff_html(old: &str, new: &str) -> Option<String> {
    let old = old.replace("\r\n", "\n");
    let new = new.replace("\r\n", "\n");
    if old == new {
        return None;
    }
    let diff = TextDiff::from_words(&old, &new);
    let mut out = String::new();
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            close(&mut out, open);
            match tag {
                ChangeTag::Delete => out.push_str("<del>"),
                ChangeTag::Insert => out.push_str("<ins>"),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        out.push_str(&text_html(change.value()));
    }
    close(&mut out, open);
    Some(out)
}

fn close(out: &mut String, tag: Option<ChangeTag>) {
    match tag {
        Some(ChangeTag::Delete) => out.push_str("</del>"),
        Some(ChangeTag::Insert) => out.push_str("</ins>"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_and_everything_is_escaped() {
        let d = diff_html(
            "Hoàn thành 8 chỉ tiêu <b>",
            "Hoàn thành 10 chỉ tiêu <b> & vượt",
        )
        .unwrap();
        assert_eq!(
            d,
            "Hoàn thành <del>8</del><ins>10</ins> chỉ tiêu &lt;b&gt;<ins> &amp; vượt</ins>"
        );
        assert!(diff_html("giống", "giống").is_none());
    }

    #[test]
    fn line_breaks_survive() {
        let d = diff_html("a\nb", "a\nc").unwrap();
        assert_eq!(d, "a<br><del>b</del><ins>c</ins>");
    }
}
