//! Points a finding at a line and column. The YAML parser reports positions
//! only for syntax and type errors; for the linter's own findings (a dangling
//! channel id, an empty title) we find the text of the offending item by
//! searching for a chain of anchors: the procedure's `id:`, then a key, then
//! an item id or value, each after the one before.

/// Something to look for in a file's text.
#[derive(Debug, Clone, Copy)]
pub enum Anchor<'a> {
    /// An `id: <value>` pair (quotes allowed around the value).
    Id(&'a str),
    /// A mapping key: `steps:`.
    Key(&'a str),
    /// A bare value, as a whole word: `phone-12333`.
    Token(&'a str),
    /// A piece of text, anywhere (the start of a Chinese sentence).
    Text(&'a str),
}

/// The 1-based line and column of the last anchor found, each searched for
/// after the previous one; 1:1 when none is found.
pub fn locate(text: &str, anchors: &[Anchor<'_>]) -> (usize, usize) {
    let mut pos = 0;
    let mut found = None;
    for anchor in anchors {
        match find(text, pos, *anchor) {
            Some(at) => {
                found = Some(at);
                // Past the first character found, on a character boundary
                // (a Chinese token is several bytes).
                pos = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            None => break,
        }
    }
    match found {
        Some(at) => line_col(text.as_bytes(), at),
        None => (1, 1),
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// Finds `word` at or after `from` with no word character right before or after it.
fn find_word(text: &str, from: usize, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut start = from;
    while let Some(rel) = text.get(start..)?.find(word) {
        let at = start + rel;
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = text[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + word.len();
    }
    None
}

fn find(text: &str, from: usize, anchor: Anchor<'_>) -> Option<usize> {
    match anchor {
        Anchor::Token(t) => find_word(text, from, t),
        Anchor::Text("") => None,
        Anchor::Text(t) => text.get(from..)?.find(t).map(|rel| from + rel),
        Anchor::Key(k) => {
            let mut start = from;
            loop {
                let at = find_word(text, start, k)?;
                if text[at + k.len()..].starts_with(':') {
                    return Some(at);
                }
                start = at + k.len();
            }
        }
        Anchor::Id(v) => {
            let mut start = from;
            loop {
                let at = find_word(text, start, "id")?;
                let rest = &text[at + 2..];
                if let Some(after_colon) = rest.strip_prefix(':') {
                    let trimmed = after_colon.trim_start_matches([' ', '\t', '"', '\'']);
                    let value_at = text.len() - trimmed.len();
                    if trimmed.starts_with(v)
                        && trimmed[v.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !is_word(c))
                    {
                        return Some(value_at);
                    }
                }
                start = at + 2;
            }
        }
    }
}

/// Where `needle` first occurs on or after the line the anchors lead to (the
/// anchors' own position when it does not).
pub fn locate_after(text: &str, anchors: &[Anchor<'_>], needle: &str) -> (usize, usize) {
    let (line, _) = locate(text, anchors);
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    match text[start..].find(needle) {
        Some(rel) => line_col(text.as_bytes(), start + rel),
        None => locate(text, anchors),
    }
}

/// 1-based line and column (in characters) of byte `at`; text that is not
/// UTF-8 counts each bad sequence as one character.
pub fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "procedures:\n  - id: card.apply\n    related: [card.replace]\n  - id: card.replace\n    steps:\n      - id: a\n        channels: [phone, web]\n";

    #[test]
    fn finds_a_chinese_token_again_after_itself() {
        let doc = "synonyms:\n  - words: [掉了, 丢了]\n  - words: [掉了]\n";
        let again = [
            Anchor::Key("synonyms"),
            Anchor::Token("掉了"),
            Anchor::Token("掉了"),
        ];
        assert_eq!(locate(doc, &again), (3, 13));
    }

    #[test]
    fn finds_chained_anchors() {
        assert_eq!(locate(DOC, &[Anchor::Id("card.replace")]), (4, 9));
        assert_eq!(
            locate(
                DOC,
                &[
                    Anchor::Id("card.replace"),
                    Anchor::Key("steps"),
                    Anchor::Id("a"),
                    Anchor::Token("web")
                ]
            ),
            (7, 27)
        );
    }

    #[test]
    fn stops_at_the_last_anchor_found() {
        assert_eq!(
            locate(DOC, &[Anchor::Id("card.apply"), Anchor::Token("nowhere")]),
            (2, 9)
        );
        assert_eq!(locate(DOC, &[Anchor::Token("nowhere")]), (1, 1));
    }
}
