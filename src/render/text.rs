//! Text for terminals: display width, wrapping that knows CJK, and the
//! cleaning of text before it is printed.
//!
//! These run over every character of every answer, so they are written to be
//! cheap: one pass, no allocation when there is nothing to change, and a fast
//! width for the characters the knowledge base is made of.

pub use crate::kb::text::sanitize;
use crate::kb::text::{REWRITES, is_unsafe, is_width_modifier};
use std::borrow::Cow;
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns one character takes in a terminal (0 for controls).
#[inline]
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if (0x20..0x7f).contains(&u) {
        1
    } else if (0x4e00..=0x9fff).contains(&u)
        || (0xff01..=0xff60).contains(&u)
        || (0x3001..=0x3029).contains(&u)
        || (0x3030..=0x303e).contains(&u)
    {
        // CJK ideographs, full-width forms and CJK punctuation: the bulk of
        // the knowledge base, answered without a table lookup.
        2
    } else {
        c.width().unwrap_or(0)
    }
}

/// Columns the text takes in a terminal.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| *b >= 0x20 && *b != 0x7f).count();
    }
    scan(s).0
}

/// One pass over the text: its width in columns, and whether it holds a
/// character [`clean`] would change (a control character, newline included,
/// or an ambiguous-width character with a rewrite). CJK ideographs, the bulk
/// of the knowledge base, are counted from their first byte alone.
pub fn scan(s: &str) -> (usize, bool) {
    let b = s.as_bytes();
    let mut w = 0;
    let mut dirty = false;
    let mut joined = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            w += usize::from(c >= 0x20 && c != 0x7f);
            dirty |= c < 0x20 || c == 0x7f;
            i += 1;
        } else if (0xe5..=0xe9).contains(&c) {
            // U+5000..U+9FFF: CJK unified ideographs, two columns each.
            w += 2;
            i += 3;
        } else {
            let Some(ch) = s.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            w += char_width(ch);
            joined |= may_join(ch);
            // Only these lead bytes start a character clean() changes.
            if matches!(c, 0xc2 | 0xc3 | 0xd8 | 0xe2 | 0xef) {
                dirty |= is_unsafe(ch)
                    || is_width_modifier(ch)
                    || REWRITES.iter().any(|(r, _)| *r == ch);
            }
            i += ch.len_utf8();
        }
    }
    if joined {
        // Characters that may form a sequence narrower than its parts: the
        // sequence's width is what terminals draw.
        w = UnicodeWidthStr::width(s);
    }
    (w, dirty)
}

/// Whether a character may combine with its neighbours into something whose
/// width is not the sum of theirs (emoji with modifiers, Arabic ligatures,
/// scripts outside Latin, CJK and their punctuation). Such text is measured
/// whole by unicode-width.
#[inline]
fn may_join(c: char) -> bool {
    let u = c as u32;
    !(u < 0x0600
        || (0x2000..=0x2bff).contains(&u)
        || (0x3000..=0x9fff).contains(&u)
        || (0xff00..=0xffef).contains(&u))
}

/// Text ready for a terminal: control characters removed and the common
/// ambiguous-width characters rewritten (see `kb::text::REWRITES`); newlines
/// are kept. Borrows when there is nothing to change, which is almost always.
pub fn clean(s: &str) -> Cow<'_, str> {
    let (_, dirty) = scan(s);
    if !dirty
        || !s.chars().any(|c| {
            c != '\n'
                && (is_unsafe(c) || is_width_modifier(c) || REWRITES.iter().any(|(r, _)| *r == c))
        })
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(clean_chars(s))
}

fn clean_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) || is_width_modifier(c) {
        } else if let Some((_, to)) = REWRITES.iter().find(|(r, _)| *r == c) {
            out.push_str(to);
        } else {
            out.push(c);
        }
    }
    out
}

/// [`clean`] for a table cell, which must stay on one line: newlines become
/// spaces. Returns the text and its width.
pub fn clean_cell(s: &str) -> (Cow<'_, str>, usize) {
    let (w, dirty) = scan(s);
    if !dirty {
        return (Cow::Borrowed(s), w);
    }
    let text = clean_chars(&s.replace('\n', " "));
    let w = scan(&text).0;
    (Cow::Owned(text), w)
}

/// Closing punctuation that should not begin a line.
#[inline]
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〕'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
            | '?'
            | '!'
    )
}

/// Opening punctuation that should not end a line.
#[inline]
fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '〔' | '(')
}

/// Whether a line may break between `before` and `after` without a space,
/// by the rule [`break_line`] follows: next to a wide character, except
/// before closing or after opening punctuation. (For writers of other
/// formats that place their own break points, such as the man page.)
pub fn may_break_between(before: char, after: char) -> bool {
    (char_width(before) > 1 || char_width(after) > 1)
        && !before.is_whitespace()
        && !after.is_whitespace()
        && !no_line_end(before)
        && !no_line_start(after)
}

/// Splits one line of text (no `\n`) into pieces of at most `width` columns:
/// CJK text breaks between any two characters (not before closing or after
/// opening punctuation, where it can help it), other text at spaces, and a
/// word longer than a line is split. Returns byte ranges into `s` with their
/// widths; trailing spaces are left out. A character wider than `width`
/// gets a piece of its own.
pub fn break_line(s: &str, width: usize, out: &mut Vec<(Range<usize>, usize)>) {
    break_measured(s, scan(s).0, width, out);
}

/// [`break_line`] for text whose width `total` is known.
pub fn break_measured(s: &str, total: usize, width: usize, out: &mut Vec<(Range<usize>, usize)>) {
    break_widths(s, total, width, width, out);
}

/// [`break_measured`] with a different width for the first piece.
pub fn break_widths(
    s: &str,
    total: usize,
    first: usize,
    rest: usize,
    out: &mut Vec<(Range<usize>, usize)>,
) {
    break_core(s, total, first, rest, out, false, true);
}

/// What [`break_core`] noticed on its way through the text.
enum Noticed {
    Nothing,
    /// A character [`clean`] would change: the pieces are incomplete.
    Dirty,
    /// Characters that may join into a narrower sequence.
    Joined,
}

/// [`break_widths`]; with `watch`, it stops at the first character
/// [`clean`] would change, so that one pass both checks and breaks text
/// that is almost always clean. `runs` takes runs of ideographs in one
/// step (the tests compare it with the character-by-character way).
fn break_core(
    s: &str,
    total: usize,
    first: usize,
    rest: usize,
    out: &mut Vec<(Range<usize>, usize)>,
    watch: bool,
    runs: bool,
) -> Noticed {
    let (first, rest) = (first.max(1), rest.max(1));
    if total <= first {
        let lead = s.len() - s.trim_start_matches(' ').len();
        let end = s.trim_end_matches(' ').len().max(lead);
        out.push((lead..end, total.saturating_sub(lead + s.len() - end)));
        return Noticed::Nothing;
    }
    let start_len = out.len();
    let mut limit = first;
    let mut start = 0; // byte where the current piece starts
    let mut w = 0; // its width so far
    // Last place the piece may end: (end byte, next start byte, width of the
    // piece up to end).
    let mut brk: Option<(usize, usize, usize)> = None;
    let mut prev = Class::Space;
    let mut joined = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A run of CJK ideographs that fits: a break is allowed before each
        // of them, so only the width needs keeping.
        if runs && (0xe5..=0xe9).contains(&b) && i > start && prev.allows_break_after() {
            let mut last = None;
            while i < bytes.len() && (0xe5..=0xe9).contains(&bytes[i]) && w + 2 <= limit {
                last = Some((i, w));
                w += 2;
                i += 3;
            }
            if let Some((at, aw)) = last {
                brk = Some((at, at, aw));
                prev = Class::Wide;
                continue;
            }
        }
        // CJK ideographs (lead bytes E5..E9) are the bulk of the text: two
        // columns, never punctuation, no need to decode them.
        let (class, cw, len) = if (0xe5..=0xe9).contains(&b) {
            (Class::Wide, 2, 3)
        } else if b < 0x80 {
            let c = char::from(b);
            let class = if c == ' ' {
                Class::Space
            } else if no_line_start(c) {
                Class::Close
            } else if no_line_end(c) {
                Class::Open
            } else {
                Class::Narrow
            };
            if watch && (b < 0x20 || b == 0x7f) {
                return Noticed::Dirty;
            }
            (class, usize::from(b >= 0x20 && b != 0x7f), 1)
        } else {
            let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            // Only these lead bytes start a character clean() changes.
            if watch
                && matches!(b, 0xc2 | 0xc3 | 0xd8 | 0xe2 | 0xef)
                && (is_unsafe(c) || is_width_modifier(c) || REWRITES.iter().any(|(r, _)| *r == c))
            {
                return Noticed::Dirty;
            }
            let cw = char_width(c);
            joined |= may_join(c);
            let class = if no_line_start(c) {
                Class::WideClose
            } else if no_line_end(c) {
                Class::WideOpen
            } else if cw > 1 {
                Class::Wide
            } else {
                Class::Narrow
            };
            (class, cw, c.len_utf8())
        };
        if class == Class::Space {
            if i > start {
                brk = Some((i, i + 1, w));
                w += 1;
            } else {
                // A space at the start of a piece is dropped.
                start = i + 1;
            }
            prev = Class::Space;
            i += len;
            continue;
        }
        // A break is possible before this character if either neighbour is
        // wide, unless punctuation rules forbid it.
        if i > start
            && (class.is_wide() || prev.is_wide())
            && prev.allows_break_after()
            && class.allows_break_before()
        {
            brk = Some((i, i, w));
        }
        if w + cw > limit && i > start {
            limit = rest;
            match brk.take() {
                Some((end, next, bw)) if end > start => {
                    let kept = s[start..end].trim_end_matches(' ').len();
                    out.push((start..start + kept, bw - (end - start - kept)));
                    // Measure what followed the break again, against the
                    // width of the lines that follow.
                    start = next;
                    i = next;
                    w = 0;
                    prev = Class::Space;
                    continue;
                }
                _ => {
                    out.push((start..i, w));
                    start = i;
                    w = 0;
                }
            }
        }
        w += cw;
        prev = class;
        i += len;
    }
    if start < s.len() || out.len() == start_len {
        let end = s.trim_end_matches(' ').len().max(start);
        let tw = w - (s.len() - end).min(w);
        out.push((start..end, tw));
    }
    if joined {
        // Pieces were cut by summing characters, which can only overstate
        // these sequences; report what each piece really takes.
        for (r, pw) in &mut out[start_len..] {
            *pw = UnicodeWidthStr::width(&s[r.clone()]);
        }
        return Noticed::Joined;
    }
    Noticed::Nothing
}

/// How a character takes part in line breaking.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Narrow,
    /// Narrow closing punctuation: `,` `.` `)` …
    Close,
    /// Narrow opening punctuation: `(`.
    Open,
    Wide,
    /// Wide closing punctuation: `，` `。` `」` …
    WideClose,
    /// Wide opening punctuation: `（` `「` …
    WideOpen,
}

impl Class {
    #[inline]
    fn is_wide(self) -> bool {
        matches!(self, Class::Wide | Class::WideClose | Class::WideOpen)
    }
    #[inline]
    fn allows_break_before(self) -> bool {
        !matches!(self, Class::Close | Class::WideClose)
    }
    #[inline]
    fn allows_break_after(self) -> bool {
        !matches!(self, Class::Space | Class::Open | Class::WideOpen)
    }
}

/// Wraps `s` to `width` columns; lines after the first start with `indent`
/// (which counts against the width). Embedded newlines start new lines.
pub fn wrap(s: &str, width: usize, indent: &str) -> Vec<String> {
    let mut out = String::new();
    wrap_to(&mut out, "", s, width, indent);
    out.lines().map(str::to_string).collect()
}

/// Cleans `text` (see [`clean`]) and wraps it to `width` columns, appending
/// each line and its newline to `out`. The first line starts with `prefix`,
/// the others with `indent`; both count against the width.
pub fn wrap_to(out: &mut String, prefix: &str, text: &str, width: usize, indent: &str) {
    let first_w = width.saturating_sub(self::width(prefix)).max(2);
    let rest_w = width.saturating_sub(self::width(indent)).max(2);
    let mut pieces = Vec::new();
    // Almost every text is one clean line with no joining characters: it
    // is broken in one pass, without measuring it first.
    if let Noticed::Nothing = break_core(text, usize::MAX, first_w, rest_w, &mut pieces, true, true)
    {
        out.reserve(prefix.len() + text.len() + pieces.len() * (indent.len() + 1));
        out.push_str(prefix);
        for (k, (r, _)) in pieces.iter().enumerate() {
            if k > 0 {
                out.push_str(indent);
            }
            out.push_str(&text[r.clone()]);
            out.push('\n');
        }
        return;
    }
    pieces.clear();
    let (mut total, dirty) = scan(text);
    let cleaned;
    let text = if dirty {
        cleaned = clean_chars(text);
        total = scan(&cleaned).0;
        cleaned.as_str()
    } else {
        text
    };
    let several = text.as_bytes().contains(&b'\n');
    out.push_str(prefix);
    for (n, para) in text.split('\n').enumerate() {
        pieces.clear();
        let para_w = if several { scan(para).0 } else { total };
        break_widths(
            para,
            para_w,
            if n == 0 { first_w } else { rest_w },
            rest_w,
            &mut pieces,
        );
        for (k, (r, _)) in pieces.iter().enumerate() {
            if n > 0 || k > 0 {
                out.push_str(indent);
            }
            out.push_str(&para[r.clone()]);
            out.push('\n');
        }
    }
}

/// Pads `s` with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let fill = w.saturating_sub(width(s));
    let mut out = String::with_capacity(s.len() + fill);
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_width_agrees_with_unicode_width_everywhere_it_is_used() {
        // Every character the fast paths answer for, checked exhaustively.
        for u in (0x20..0x7f)
            .chain(0x3000..0x3100)
            .chain(0x4e00..0xa000)
            .chain(0xff00..0xff70)
        {
            let c = char::from_u32(u).unwrap();
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(scan(s).0, c.width().unwrap_or(0), "U+{u:04X}");
            assert_eq!(char_width(c), c.width().unwrap_or(0), "U+{u:04X}");
        }
    }

    #[test]
    fn sequences_are_measured_whole() {
        // 👍 with a skin-tone modifier, and lam-alef: narrower than their parts.
        for s in ["👍\u{1f3fb}", "\u{644}\u{627}", "医\u{644}\u{627}保"] {
            assert_eq!(scan(s).0, UnicodeWidthStr::width(s), "{s:?}");
            let mut pieces = Vec::new();
            break_widths(s, scan(s).0, 2, 2, &mut pieces);
            for (r, w) in pieces {
                assert_eq!(w, UnicodeWidthStr::width(&s[r]), "{s:?}");
            }
        }
    }

    #[test]
    fn width_modifiers_are_dropped_for_terminals() {
        assert_eq!(clean("大厅❤\u{fe0f}"), "大厅❤");
        assert_eq!(clean("a\u{200d}b"), "ab");
    }

    #[test]
    fn fast_width_agrees_with_unicode_width() {
        for c in "医保卡，。、；：？！（）「」《》〔〕ａＡ０１２abc ~".chars()
        {
            assert_eq!(char_width(c), c.width().unwrap_or(0), "{c}");
        }
        assert_eq!(width("医保 card"), 9);
    }

    #[test]
    fn clean_strips_escapes_and_rewrites_ambiguous() {
        assert_eq!(clean("a\u{1b}[31mb\u{202e}c\td"), "a[31mbc d");
        assert_eq!(clean("a\nb"), "a\nb");
        assert_eq!(clean_cell("a\nb").0, "a b");
        assert_eq!(scan("医保·卡"), (7, true));
        assert_eq!(scan("医保卡ok"), (8, false));
        assert_eq!(clean("首页 → 钱包"), "首页 > 钱包");
        assert!(matches!(clean("医保卡 ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn wraps_cjk_to_width_without_starting_lines_with_punctuation() {
        let lines = wrap("医保卡丢失后，先挂失再补办。", 10, "");
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('，') && !l.starts_with('。')),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "医保卡丢失后，先挂失再补办。");
    }

    #[test]
    fn wraps_words_at_spaces_and_splits_long_ones() {
        assert_eq!(wrap("lost card replace", 9, ""), ["lost card", "replace"]);
        assert_eq!(wrap("abcdefghij", 4, ""), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("一二三四", 5, "  "), ["一二", "  三", "  四"]);
        assert_eq!(wrap("a\nb", 5, ""), ["a", "b"]);
    }

    #[test]
    fn too_narrow_still_keeps_every_character() {
        let lines = wrap("医保", 1, "");
        assert_eq!(lines.concat(), "医保");
        let mut pieces = Vec::new();
        break_line("医保卡", 1, &mut pieces);
        assert_eq!(pieces.len(), 3);
    }

    #[test]
    fn break_line_reports_widths() {
        let mut pieces = Vec::new();
        break_line("办理 渠道 abc", 6, &mut pieces);
        let got: Vec<(&str, usize)> = pieces
            .iter()
            .map(|(r, w)| (&"办理 渠道 abc"[r.clone()], *w))
            .collect();
        assert_eq!(got, [("办理", 4), ("渠道", 4), ("abc", 3)]);
    }

    proptest::proptest! {
        #[test]
        fn breaking_keeps_every_character_and_every_limit(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                "医", "保", "卡", "，", "。", "（", "）", "「", "」", "a", "bc", "d", " ", "1", ",", ".", "(", ")", "→", "ａ",
            ]), 0..60),
            first in 1usize..30,
            rest in 1usize..30,
        ) {
            let s: String = chars.concat();
            let mut pieces = Vec::new();
            break_widths(&s, width(&s), first, rest, &mut pieces);
            let mut joined = String::new();
            let mut last_end = 0;
            for (k, (r, w)) in pieces.iter().enumerate() {
                proptest::prop_assert!(r.start >= last_end && r.end >= r.start && r.end <= s.len());
                last_end = r.end;
                let piece = &s[r.clone()];
                proptest::prop_assert_eq!(*w, width(piece), "reported width of {:?}", piece);
                let limit = if k == 0 { first } else { rest };
                proptest::prop_assert!(*w <= limit || piece.chars().count() == 1, "{:?} wider than {}", piece, limit);
                joined.push_str(piece);
            }
            proptest::prop_assert_eq!(joined.replace(' ', ""), s.replace(' ', ""));
        }

        #[test]
        fn one_pass_wrapping_breaks_where_measured_wrapping_does(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                "医", "保", "卡", "，", "。", "（", "）", "「", "」", "a", "bc", "d", " ", "1", ",", ".", "(", ")", "→", "·", "\n", "\t", "é", "👍🏽",
            ]), 0..60),
            width in 2usize..30,
        ) {
            let s: String = chars.concat();
            // wrap_to's one pass against measuring first and breaking
            // character by character.
            let mut fast = String::new();
            wrap_to(&mut fast, "> ", &s, width, "  ");
            let cleaned = clean_chars(&s);
            let (first_w, rest_w) = (width.saturating_sub(2).max(2), width.saturating_sub(2).max(2));
            let mut measured = String::from("> ");
            let mut pieces = Vec::new();
            for (n, para) in cleaned.split('\n').enumerate() {
                pieces.clear();
                let first = if n == 0 { first_w } else { rest_w };
                break_core(para, scan(para).0, first, rest_w, &mut pieces, false, false);
                for (k, (r, _)) in pieces.iter().enumerate() {
                    if n > 0 || k > 0 {
                        measured.push_str("  ");
                    }
                    measured.push_str(&para[r.clone()]);
                    measured.push('\n');
                }
            }
            proptest::prop_assert_eq!(fast, measured);
        }
    }
}
