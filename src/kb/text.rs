//! Characters whose display width terminals disagree on.
//!
//! East Asian "ambiguous" characters (“ ” … · → —) take one column in most
//! Western terminals and two in many CJK ones, so a table measured one way
//! is misaligned the other way. The terminal renderers rewrite the common ones
//! to unambiguous forms; the linter warns about the rest (W002).

use unicode_width::UnicodeWidthChar;

/// Whether a character could move the cursor, change colours, or reorder the
/// line if printed raw: C0/C1 controls (but newline), DEL, and the
/// bidirectional overrides and isolates.
/// Lowercased text for matching. Chinese has no case, so only the other
/// characters go through Unicode's case tables (which are slow for CJK).
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether a byte may start the UTF-8 of an [`is_unsafe`] character: an
/// ASCII control, 0xC2 (C1 controls), 0xD8 (U+061C) or 0xE2 (the marks and
/// overrides).
fn may_start_unsafe(b: u8) -> bool {
    (b < 0x20 && b != b'\n') || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)
}

pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Removes terminal control and bidirectional-override characters (a tab
/// becomes a space), borrowing when there is nothing to remove.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    // Text without a byte that may start an unsafe character, nearly all
    // text, is not decoded.
    if !s.bytes().any(may_start_unsafe) || !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Rewrites applied before measuring and printing text in terminal formats.
pub const REWRITES: &[(char, &str)] = &[
    ('“', "「"),
    ('”', "」"),
    ('‘', "『"),
    ('’', "』"),
    ('…', "..."),
    ('·', "・"),
    ('→', ">"),
    ('—', "-"),
    ('×', "x"),
];

/// Whether the character's width differs between Western and CJK terminals.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// Whether the character is ambiguous and no rewrite covers it.
pub fn is_unhandled_ambiguous(c: char) -> bool {
    is_ambiguous(c) && !REWRITES.iter().any(|(r, _)| *r == c)
}

/// Invisible characters that join or restyle the character before them
/// (variation selectors, zero-width joiner). Terminals disagree on how wide
/// the result is, so terminal output drops them and shows the plain
/// characters, whose widths everyone agrees on.
pub fn is_width_modifier(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{200D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_are_all_ambiguous_and_results_are_not() {
        for (from, to) in REWRITES {
            assert!(is_ambiguous(*from), "{from} is not ambiguous");
            assert!(to.chars().all(|c| !is_ambiguous(c)), "{to} is ambiguous");
        }
        assert!(!is_ambiguous('「') && !is_ambiguous('医') && !is_ambiguous('a'));
        assert!(is_unhandled_ambiguous('①'));
    }

    #[test]
    fn every_unsafe_character_starts_with_a_byte_sanitize_looks_for() {
        let mut unsafe_chars = 0;
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_unsafe(*c))
        {
            let mut buf = [0; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_start_unsafe(first), "U+{:04X}", c as u32);
            unsafe_chars += 1;
        }
        assert_eq!(
            unsafe_chars,
            65 - 1 + 1 + 2 + 5 + 4,
            "controls less newline, then the marks"
        );
        assert_eq!(sanitize("医保\u{202E}卡\t1"), "医保卡 1");
        assert!(matches!(
            sanitize("医保卡 — 激活"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
