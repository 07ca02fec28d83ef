//! Finding every word of a question in a document in one pass.

use super::Doc;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, Span, packed};

/// Where one document holds a text of the query.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Seen {
    /// A command word or keyword is the text itself.
    pub exact: bool,
    /// In a command word or keyword.
    pub name: bool,
    pub title: bool,
    /// Times in the body, counted up to [`BODY_COUNT`].
    pub body: u32,
}

/// Occurrences in the body counted: more say little more.
const BODY_COUNT: u32 = 4;

/// Finds every text of a query in a document, however many texts a
/// question has, in one pass: at each place where a text starts it finds
/// the longest text starting there (the shorter texts it begins with are
/// there too), then looks again from the next character.
///
/// The search is aho-corasick's packed (SIMD "Teddy") searcher, which skips
/// quickly over text where no word of the question can start — Chinese
/// included, where searching for a rare first byte does not work (most
/// characters share their first byte). Where the processor has no such
/// instructions, or a question has too many texts, its automaton finds the
/// same matches more slowly.
pub(super) struct Finder {
    pub texts: Vec<String>,
    /// For each text, the shorter texts it begins with.
    prefixes: Vec<Vec<usize>>,
    engine: Engine,
}

/// Leftmost-longest search over a question's texts.
enum Engine {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Engine {
    /// The longest text starting at the first place at or after `at` where
    /// one starts: (text, start, end).
    fn find(&self, hay: &str, at: usize) -> Option<(usize, usize, usize)> {
        match self {
            Engine::Packed(p) => p
                .find_in(hay, Span::from(at..hay.len()))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
            Engine::Automaton(a) => a
                .find(Input::new(hay).range(at..))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
        }
    }
}

impl Finder {
    pub fn new(texts: Vec<String>) -> Option<Finder> {
        let prefixes = texts
            .iter()
            .map(|t| {
                (0..texts.len())
                    .filter(|&j| texts[j].len() < t.len() && t.starts_with(texts[j].as_str()))
                    .collect()
            })
            .collect();
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostLongest)
            .builder()
            .extend(&texts)
            .build();
        let engine = match packed {
            Some(p) => Engine::Packed(p),
            None => Engine::Automaton(
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&texts)
                    .ok()?,
            ),
        };
        Some(Finder {
            texts,
            prefixes,
            engine,
        })
    }

    /// Calls `found(text, start, end)` once for every place a text occurs
    /// in `hay`.
    fn each(&self, hay: &str, mut found: impl FnMut(usize, usize, usize)) {
        let mut at = 0;
        while at < hay.len() {
            let Some((t, start, end)) = self.engine.find(hay, at) else {
                break;
            };
            found(t, start, end);
            for &i in &self.prefixes[t] {
                found(i, start, start + self.texts[i].len());
            }
            // Look again from the next character: a text may start inside
            // the one just found and end after it.
            at = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// Fills `seen` (one per text) for `doc`.
    pub fn scan(&self, doc: &Doc<'_>, seen: &mut Vec<Seen>) {
        seen.clear();
        seen.resize(self.texts.len(), Seen::default());
        let names = doc.names.as_bytes();
        self.each(doc.names, |t, start, end| {
            let s = &mut seen[t];
            s.name = true;
            let starts_line = start == 0 || names[start - 1] == b'\n';
            let ends_line = end == names.len() || names[end] == b'\n';
            s.exact |= starts_line && ends_line;
        });
        self.each(doc.title, |t, _, _| seen[t].title = true);
        self.each(doc.body, |t, _, _| {
            seen[t].body = (seen[t].body + 1).min(BODY_COUNT);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (text, start) the finder reports for `hay`, sorted.
    fn occurrences(f: &Finder, hay: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        f.each(hay, |t, start, end| {
            assert_eq!(&hay[start..end], f.texts[t]);
            out.push((f.texts[t].clone(), start));
        });
        out.sort();
        out
    }

    #[test]
    fn the_finder_reports_every_occurrence_once_overlaps_included() {
        let texts = ["备案", "异地就医备案", "就医", "医保卡", "卡里的钱", "lost"]
            .map(String::from)
            .to_vec();
        let f = Finder::new(texts.clone()).expect("a finder");
        let hay = "跨省异地就医备案，先备案；医保卡里的钱 lost lost";
        let found = occurrences(&f, hay);
        // The same as looking for each text on its own, overlaps and all.
        let mut want = Vec::new();
        for t in &texts {
            want.extend(hay.match_indices(t.as_str()).map(|(i, _)| (t.clone(), i)));
        }
        want.sort();
        assert_eq!(found, want);
        // The automaton, where the packed searcher is not available, finds
        // the same.
        let automaton = Finder {
            engine: Engine::Automaton(
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&texts)
                    .unwrap(),
            ),
            ..Finder::new(texts.clone()).unwrap()
        };
        assert_eq!(occurrences(&automaton, hay), want);
    }
}
