//! Latin letters as pinyin: `bb` and `buban` spell 补办.

use crate::kb::builtin;

/// Pinyin readings of a character (all readings for characters with several).
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    builtin::readings(c).iter()
}

/// Whether `query` (lowercase ASCII) spells a run of `text` in pinyin — full
/// syllables, initials (`bb` for 补办, also `zh`/`ch`/`sh`), or a mix, with the
/// last syllable possibly cut short. Characters with several readings match
/// any of them. `Some(true)` when the run is the whole text.
pub fn pinyin_match(text: &str, query: &str) -> Option<bool> {
    pinyin_match_in(text, query, &mut Vec::new())
}

/// [`pinyin_match`] with a buffer for the characters of `text`, so that
/// matching many lines allocates once.
pub(super) fn pinyin_match_in(text: &str, query: &str, chars: &mut Vec<char>) -> Option<bool> {
    if text.is_ascii() || query.is_empty() {
        return None;
    }
    chars.clear();
    chars.extend(text.chars());
    let chars = &chars[..];
    let q = query.as_bytes();
    let mut found = None;
    for start in 0..chars.len() {
        if let Some(end) = spell(chars, start, q, 0, 0) {
            let whole = start == 0 && end == chars.len();
            if whole {
                return Some(true);
            }
            found = Some(false);
        }
    }
    found
}

/// Tries to consume `q[qi..]` with `chars[ci..]`; returns the char index where
/// the query ran out. `depth` bounds the work on pathological input.
fn spell(chars: &[char], ci: usize, q: &[u8], qi: usize, depth: usize) -> Option<usize> {
    if qi == q.len() {
        return Some(ci);
    }
    if ci == chars.len() || depth > 64 {
        return None;
    }
    let c = chars[ci];
    let rest = &q[qi..];
    if c.is_ascii() {
        return (c.to_ascii_lowercase() as u8 == rest[0])
            .then(|| spell(chars, ci + 1, q, qi + 1, depth + 1))
            .flatten();
    }
    for r in readings(c) {
        let r = r.as_bytes();
        // The whole syllable.
        if rest.starts_with(r)
            && let Some(end) = spell(chars, ci + 1, q, qi + r.len(), depth + 1)
        {
            return Some(end);
        }
        // The query ends inside this syllable.
        if r.starts_with(rest) {
            return Some(ci + 1);
        }
        // The initial, or a two-letter initial zh/ch/sh.
        let two = r.len() > 2 && matches!(&r[..2], b"zh" | b"ch" | b"sh");
        if two
            && rest.starts_with(&r[..2])
            && let Some(end) = spell(chars, ci + 1, q, qi + 2, depth + 1)
        {
            return Some(end);
        }
        if !r.is_empty()
            && rest[0] == r[0]
            && let Some(end) = spell(chars, ci + 1, q, qi + 1, depth + 1)
        {
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_matches_initials_full_and_mixed() {
        assert_eq!(pinyin_match("补办", "bb"), Some(true));
        assert_eq!(pinyin_match("补办", "buban"), Some(true));
        assert_eq!(pinyin_match("补办", "bub"), Some(true));
        assert_eq!(pinyin_match("挂失补办", "buban"), Some(false));
        assert_eq!(pinyin_match("补办", "xx"), None);
    }
}
