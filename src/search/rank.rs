//! Scoring documents against a question read into words, and ranking
//! what they belong to: by how many of the question's words each thing
//! matched, then by how well, each word counted by how rare it is.

use super::finder::{Finder, Seen};
use super::pinyin::pinyin_match_in;
use super::{Doc, Entry, Hit, Kind, MatchKind, Query};

/// One text to look for: a word of the question, or what it also means.
struct Pattern {
    /// Index of its word in the query.
    word: usize,
    /// Index of its text among the distinct texts of the query.
    text: usize,
    /// Share of the score a match of it earns: the word itself 100, what it
    /// means less.
    percent: u32,
    /// Whether it may be pinyin (Latin letters as typed).
    pinyin: bool,
}

/// What one thing (a procedure with all its layers, a term) matched so far.
struct Tally {
    kind: Kind,
    id: String,
    title: String,
    order: usize,
    /// Per word of the query: the best score and how it matched.
    words: Vec<(u32, MatchKind)>,
    bonus: u32,
    regions: Vec<String>,
}

/// Scores documents against a query and ranks what they belong to. Every
/// kind of thing is searched by offering each of its documents.
pub struct Searcher<'q> {
    query: &'q Query,
    patterns: Vec<Pattern>,
    /// `None` when the query has no words (or, in theory, too many for an
    /// automaton): nothing matches.
    finder: Option<Finder>,
    tallies: Vec<Tally>,
    /// Things offered (documents that are not a region's layer).
    things: usize,
    /// Per text of the query, while one document is scored.
    seen: Vec<Seen>,
    /// Per word of the query, while one document is scored.
    scratch: Vec<(u32, MatchKind, u32)>,
    /// The characters of a line, while it is matched as pinyin.
    chars: Vec<char>,
}

/// What a synonym or an English singular earns, against the word itself.
const MEANS_PERCENT: u32 = 90;

/// What a shorter word inside the word earns.
const PARTS_PERCENT: u32 = 70;

impl<'q> Searcher<'q> {
    pub fn new(query: &'q Query) -> Searcher<'q> {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut add = |word: usize, text: &str, percent: u32, pinyin: bool| {
            let at = match texts.iter().position(|t| t == text) {
                Some(at) => at,
                None => {
                    texts.push(text.to_string());
                    texts.len() - 1
                }
            };
            patterns.push(Pattern {
                word,
                text: at,
                percent,
                pinyin,
            });
        };
        for (i, w) in query.words.iter().enumerate() {
            add(i, &w.word, 100, w.pinyin);
            for m in &w.means {
                add(i, m, MEANS_PERCENT, false);
            }
            for m in &w.parts {
                add(i, m, PARTS_PERCENT, false);
            }
        }
        let finder = if texts.is_empty() {
            None
        } else {
            Finder::new(texts)
        };
        Searcher {
            query,
            patterns,
            finder,
            tallies: Vec::new(),
            things: 0,
            seen: Vec::new(),
            scratch: Vec::new(),
            chars: Vec::new(),
        }
    }

    /// Scores one document of `entry`. A thing may have several (a
    /// procedure's national text and each region's layer): the words of the
    /// question are matched across all of them.
    pub fn offer(&mut self, entry: &Entry<'_>, doc: &Doc<'_>) {
        if entry.region.is_none() {
            self.things += 1;
        }
        let Some(finder) = &self.finder else {
            return;
        };
        finder.scan(doc, &mut self.seen);
        let n = self.query.words.len();
        // Per word: the best score, how it matched, and how many of what
        // it stands for matched by name or title.
        let words = &mut self.scratch;
        words.clear();
        words.resize(n, (0, MatchKind::Text, 0));
        let mut any = false;
        for p in &self.patterns {
            let text = &finder.texts[p.text];
            let pinyin = p.pinyin.then_some(&mut self.chars);
            if let Some((s, kind)) = score_seen(self.seen[p.text], doc, text, pinyin) {
                let s = s * p.percent / 100;
                let best = &mut words[p.word];
                if kind > MatchKind::Text {
                    best.2 += 1;
                }
                if s > best.0 || (s == best.0 && kind > best.1) {
                    best.0 = s;
                    best.1 = kind;
                }
                any = true;
            }
        }
        if !any {
            return;
        }
        let q = self.query.text.as_str();
        let bonus = if !q.contains(' ') {
            0
        } else if doc.names.contains(q) {
            if doc.names.lines().any(|l| l == q) {
                50
            } else {
                30
            }
        } else if doc.title.contains(q) {
            30
        } else {
            0
        };
        let at = match self
            .tallies
            .iter()
            .rposition(|t| t.kind == entry.kind && t.id == entry.id)
        {
            Some(at) => at,
            None => {
                self.tallies.push(Tally {
                    kind: entry.kind,
                    id: entry.id.to_string(),
                    title: entry.title.to_string(),
                    order: entry.order,
                    words: vec![(0, MatchKind::Text); n],
                    bonus: 0,
                    regions: Vec::new(),
                });
                self.tallies.len() - 1
            }
        };
        let t = &mut self.tallies[at];
        for (have, &(score, kind, names)) in t.words.iter_mut().zip(&self.scratch) {
            // A document that matches a word and more of what it stands for
            // (办医保卡: 办卡 and 申领) matches it better.
            let score = score + ALSO_MEANS * names.saturating_sub(1);
            if score > have.0 {
                *have = (score, kind);
            }
        }
        t.bonus = t.bonus.max(bonus);
        if let Some(r) = entry.region
            && !t.regions.iter().any(|x| x == r)
        {
            t.regions.push(r.to_string());
        }
    }

    /// What matched, best first: by how many of the question's words each
    /// matched, then by score.
    ///
    /// A word that few things match says more about what is wanted than
    /// one that nearly everything matches (医保卡 in 医保卡里还有多少钱): each
    /// word's score counts by its rarity (inverse document frequency),
    /// scaled so that the words' weights average one.
    pub fn finish(self) -> Vec<Hit> {
        let n = self.query.words.len();
        let things = self.things.max(self.tallies.len()) as f64;
        let weight: Vec<f64> = (0..n)
            .map(|w| {
                let df = self.tallies.iter().filter(|t| t.words[w].0 > 0).count();
                if df == 0 {
                    0.0
                } else {
                    (1.0 + things / df as f64).ln()
                }
            })
            .collect();
        let live: Vec<f64> = weight.iter().copied().filter(|w| *w > 0.0).collect();
        let mean = live.iter().sum::<f64>() / live.len().max(1) as f64;
        let mut hits: Vec<(usize, Hit)> = self
            .tallies
            .into_iter()
            .map(|t| {
                let covered = t.words.iter().filter(|w| w.0 > 0).count();
                let weighted: f64 = t
                    .words
                    .iter()
                    .zip(&weight)
                    .map(|(w, k)| f64::from(w.0) * k / mean)
                    .sum();
                let score = weighted.round() as u32 + t.bonus;
                let matched = t
                    .words
                    .iter()
                    .filter(|w| w.0 > 0)
                    .map(|w| w.1)
                    .max()
                    .unwrap_or(MatchKind::Text);
                (
                    t.order,
                    Hit {
                        kind: t.kind,
                        id: t.id,
                        title: t.title,
                        score,
                        covered,
                        matched,
                        regions: t.regions,
                    },
                )
            })
            .collect();
        // Words typed as keywords must all match (`lost card`), as long as
        // something matches them all. A question read into words ranks what
        // matched more of it first, and shows its best few: what matched
        // less than half as much as the best is left out, and the rest after
        // the first ten.
        let typed = self.query.words.iter().all(|w| !w.word.contains(' '))
            && self
                .query
                .words
                .iter()
                .map(|w| w.word.as_str())
                .eq(self.query.text.split(' '));
        let most = hits.iter().map(|(_, h)| h.covered).max().unwrap_or(0);
        if typed && most == live.len() {
            hits.retain(|(_, h)| h.covered == most);
        } else {
            hits.retain(|(_, h)| h.covered * 2 >= most);
        }
        hits.sort_by(|(ao, a), (bo, b)| {
            b.covered
                .cmp(&a.covered)
                .then(b.score.cmp(&a.score))
                .then(a.kind.cmp(&b.kind))
                .then(ao.cmp(bo))
        });
        if !typed {
            hits.truncate(QUESTION_RESULTS);
        }
        hits.into_iter().map(|(_, h)| h).collect()
    }
}

/// Most results a question read into words shows.
pub const QUESTION_RESULTS: usize = 10;

/// What each more of a word's meanings matched by name or title adds.
const ALSO_MEANS: u32 = 5;

/// How text `t` matches a document, from where the document holds it:
/// exactly a command word or keyword, inside one, in the title, in pinyin,
/// or in the body (more often, a little more).
/// `pinyin` is a buffer when `t` may be pinyin.
fn score_seen(
    seen: Seen,
    doc: &Doc<'_>,
    t: &str,
    pinyin: Option<&mut Vec<char>>,
) -> Option<(u32, MatchKind)> {
    fn consider(best: &mut Option<(u32, MatchKind)>, s: u32, k: MatchKind) {
        if best.is_none_or(|(b, _)| s > b) {
            *best = Some((s, k));
        }
    }
    let mut best: Option<(u32, MatchKind)> = None;
    if seen.name {
        consider(
            &mut best,
            if seen.exact { 100 } else { 70 },
            MatchKind::Name,
        );
    }
    if seen.title {
        consider(&mut best, 60, MatchKind::Title);
    }
    // Pinyin earns at most 90: not worth trying over an exact command word.
    if let Some(chars) = pinyin
        && best.is_none_or(|(b, _)| b < 90)
    {
        let mut pinyin_best = 0;
        for line in doc.names.lines().chain(std::iter::once(doc.title)) {
            match pinyin_match_in(line, t, chars) {
                Some(true) => pinyin_best = pinyin_best.max(90),
                Some(false) => pinyin_best = pinyin_best.max(50),
                None => {}
            }
        }
        if pinyin_best > 0 {
            consider(&mut best, pinyin_best, MatchKind::Pinyin);
        }
    }
    // The body earns at most 35, less than any other match.
    if best.is_none() && seen.body > 0 {
        consider(&mut best, 20 + 5 * (seen.body - 1), MatchKind::Text);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::Word;
    use super::*;

    #[test]
    fn a_document_scores_each_word_by_its_best_match() {
        let q = Query {
            text: "医保卡丢了怎么办".into(),
            words: vec![
                Word {
                    word: "医保卡".into(),
                    means: vec![],
                    parts: vec![],
                    pinyin: false,
                },
                Word {
                    word: "丢了".into(),
                    means: vec!["补办".into()],
                    parts: vec![],
                    pinyin: false,
                },
            ],
        };
        let mut s = Searcher::new(&q);
        let entry = |id, region| Entry {
            kind: Kind::Procedure,
            id,
            title: "标题",
            order: 0,
            region,
        };
        // 医保卡 exactly a name; 补办 (what 丢了 means) in the body.
        s.offer(
            &entry("card.replace", None),
            &Doc {
                title: "医保卡挂失",
                names: "挂失\n医保卡",
                body: "先挂失再补办。补办要带身份证。",
            },
        );
        // A region's layer adds 丢了 as a name of its own.
        s.offer(
            &entry("card.replace", Some("heihe")),
            &Doc {
                title: "",
                names: "丢了",
                body: "",
            },
        );
        s.offer(
            &entry("card.apply", None),
            &Doc {
                title: "申领",
                names: "申领",
                body: "医保卡",
            },
        );
        let hits = s.finish();
        assert_eq!(hits.len(), 2, "{hits:?}");
        let (replace, apply) = (&hits[0], &hits[1]);
        assert_eq!(replace.id, "card.replace");
        assert_eq!((replace.covered, replace.matched), (2, MatchKind::Name));
        assert_eq!(replace.regions, ["heihe"]);
        // A question, not keywords: what matched half as much stays.
        assert_eq!((apply.covered, apply.matched), (1, MatchKind::Text));
        assert!(replace.score > apply.score);
        // Typed as keywords, both words must match.
        let typed = Query {
            text: "医保卡 丢了".into(),
            ..q.clone()
        };
        let mut s = Searcher::new(&typed);
        s.offer(
            &entry("card.apply", None),
            &Doc {
                title: "申领",
                names: "申领",
                body: "医保卡",
            },
        );
        s.offer(
            &entry("card.replace", None),
            &Doc {
                title: "",
                names: "医保卡\n丢了",
                body: "",
            },
        );
        let hits = s.finish();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].id, "card.replace");
    }
}
