//! Text for terminals: display width, wrapping that knows CJK, and the
//! sanitising of text the tool did not write.

pub use crate::kb::text::sanitize;
use crate::kb::text::rewrite_ambiguous;
#[cfg(test)]
use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns the text takes in a terminal.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Text ready for a terminal: sanitised, ambiguous-width characters rewritten.
pub fn clean(s: &str) -> String {
    rewrite_ambiguous(&sanitize(s)).into_owned()
}

/// Closing punctuation that should not begin a line.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '》' | ',' | '.' | ';' | ':' | ')' | '?' | '!'
    )
}

/// Wraps `s` to `width` columns. CJK text breaks between any two characters
/// (never before closing punctuation when it can help it), other text at
/// spaces, and a word longer than a line is split. `indent` starts every
/// line after the first. A character wider than the whole line still gets a
/// line of its own rather than being lost.
pub fn wrap(s: &str, width: usize, indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in s.split('\n') {
        wrap_paragraph(para, width.max(1), indent, &mut out);
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn wrap_paragraph(para: &str, width: usize, indent: &str, out: &mut Vec<String>) {
    let indent_w = self::width(indent);
    let mut line = String::new();
    let mut line_w = 0;
    let first_line = out.len();
    let limit = |out: &Vec<String>| {
        if out.len() == first_line {
            width
        } else {
            width.saturating_sub(indent_w).max(2)
        }
    };
    let push_line = |out: &mut Vec<String>, line: &mut String| {
        let text = line.trim_end().to_string();
        if out.len() == first_line {
            out.push(text);
        } else {
            out.push(format!("{indent}{text}"));
        }
        line.clear();
    };
    for token in tokens(para) {
        let tw = self::width(token);
        let room = limit(out);
        if token == " " {
            if line_w > 0 && line_w < room {
                line.push(' ');
                line_w += 1;
            }
            continue;
        }
        if line_w + tw <= room {
            line.push_str(token);
            line_w += tw;
            continue;
        }
        // Keep closing punctuation with the character before it.
        let starts_bad = token.chars().next().is_some_and(no_line_start);
        if starts_bad && line_w > 0 {
            if let Some(last) = line.pop() {
                if !line.trim_end().is_empty() {
                    push_line(out, &mut line);
                    line.push(last);
                    line_w = last.width().unwrap_or(0);
                } else {
                    line.push(last);
                }
            }
        } else if line_w > 0 {
            push_line(out, &mut line);
            line_w = 0;
        }
        // A token longer than a whole line is split by characters.
        for c in token.chars() {
            let cw = c.width().unwrap_or(0);
            if line_w + cw > limit(out) && line_w > 0 {
                push_line(out, &mut line);
                line_w = 0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if line_w > 0 || out.len() == first_line {
        push_line(out, &mut line);
    }
}

/// Splits text into wrap units: runs of non-CJK non-space characters (words),
/// single spaces, and single wide characters.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let wide = c.width().unwrap_or(0) > 1;
        if c == ' ' || wide {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Pads `s` with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(have)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202e}c\u{7}d\te"), "a[31mbcd e");
        assert!(matches!(sanitize("医保卡 ok"), Cow::Borrowed(_)));
        assert_eq!(sanitize("x\u{9b}31my\u{2067}z"), "x31myz");
    }

    #[test]
    fn wraps_cjk_to_width_without_starting_lines_with_punctuation() {
        let lines = wrap("医保卡丢失后，先挂失再补办。", 10, "");
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('，') && !l.starts_with('。')), "{lines:?}");
        assert_eq!(lines.concat(), "医保卡丢失后，先挂失再补办。");
    }

    #[test]
    fn wraps_words_at_spaces_and_splits_long_ones() {
        assert_eq!(wrap("lost card replace", 9, ""), ["lost card", "replace"]);
        assert_eq!(wrap("abcdefghij", 4, ""), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("一二三四", 5, "  "), ["一二", "  三", "  四"]);
    }

    #[test]
    fn too_narrow_still_keeps_every_character() {
        let lines = wrap("医保", 1, "");
        assert_eq!(lines.concat(), "医保");
    }
}
