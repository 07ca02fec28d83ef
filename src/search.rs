//! `yibao search` and "did you mean": matching what people type — a
//! question in their own words (`query.rs` reads it), Chinese substrings,
//! English words, full pinyin or pinyin initials — against the titles,
//! command words, keywords and text of the knowledge base's procedures and
//! glossary entries, and ranking by how much of the question each matched.

mod query;

pub use query::{Lexicon, Query, Word};

use crate::kb::Kb;
use crate::kb::builtin::{self, NATIONAL, RegionInfo};
use crate::kb::merge::split_id;
use crate::kb::search_doc::{Role, SearchText};
use std::collections::BTreeSet;

/// Pinyin readings of a character (all readings for characters with several).
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    builtin::readings(c).iter()
}

/// How a query term matched.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// In the body text (steps, materials, channels, tips).
    Text,
    /// Pinyin of the title or a command word.
    Pinyin,
    /// In the title.
    Title,
    /// A command word or keyword.
    Name,
}

/// What a search result is. Results of every kind are ranked together;
/// at equal rank the kinds come in this order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A procedure: `yibao <topic> <action>`.
    Procedure,
    /// A glossary entry: `yibao terms <word>`.
    Term,
}

impl Kind {
    /// The command that shows the thing with this id.
    pub fn command(self, id: &str) -> String {
        match self {
            Kind::Procedure => {
                let (topic, action) = split_id(id);
                format!("yibao {topic} {action}")
            }
            Kind::Term => format!("yibao terms {id}"),
        }
    }
}

/// One thing that matched, with its score.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub score: u32,
    /// How many of the question's words it matched.
    pub covered: usize,
    pub matched: MatchKind,
    /// Region ids whose layers matched (empty when only national text did).
    pub regions: Vec<String>,
}

/// What a search found, and how it read the question.
#[derive(Debug, Clone)]
pub struct Found {
    pub query: Query,
    /// Best first.
    pub hits: Vec<Hit>,
}

/// The searchable text of one document (lowercased; `names` one per line).
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub title: &'a str,
    pub names: &'a str,
    pub body: &'a str,
}

/// What a document offered to a [`Searcher`] belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub kind: Kind,
    pub id: &'a str,
    /// What the result shows as its title.
    pub title: &'a str,
    /// Its place in the base's own order, for results that rank the same.
    pub order: usize,
    /// The region whose layer the document is; `None` for the thing itself.
    pub region: Option<&'a str>,
}

/// Searches every layer visible at `region` (all layers when `None`) and
/// the glossary, and returns what matched best first.
pub fn search(kb: &Kb, text: &str, region: Option<&RegionInfo>) -> Found {
    let visible: Option<Vec<u16>> = region.map(|r| {
        let mut v = vec![r.index];
        v.extend(r.parent);
        v
    });
    let procedures = kb.procedures();
    let order = |id: &str| procedures.iter().position(|p| p.id == id);
    // An overlay's text is read first: its words split a question too.
    let mut overlay = Vec::new();
    for (region_id, p) in kb.overlay_layers() {
        if let (Some(v), Some(rid)) = (&visible, region_id)
            && !v.iter().any(|&i| builtin::region(i).id == rid)
        {
            continue;
        }
        // A procedure the overlay adds is found by its topic's words, as a
        // built-in one is; a layer over an existing procedure is not.
        let topic_words: Vec<&str> = kb
            .topic(split_id(&p.id).0)
            .map(|t| {
                std::iter::once(t.id)
                    .chain(Some(t.name))
                    .chain(t.aliases.iter())
                    .collect()
            })
            .unwrap_or_default();
        let role = if region_id.is_none() && builtin::procedure(&p.id).is_none() {
            Role::Definition {
                topic_words: &topic_words,
            }
        } else {
            Role::Layer
        };
        overlay.push((region_id, p, SearchText::of(p, role)));
    }
    let lexicon = BaseLexicon::with(overlay.iter().flat_map(|(_, _, t)| t.words()));
    let query = Query::understand(text, &lexicon);
    let mut searcher = Searcher::new(&query);
    for d in builtin::search_docs() {
        if d.region != NATIONAL && visible.as_ref().is_some_and(|v| !v.contains(&d.region)) {
            continue;
        }
        let Some(p) = builtin::procedure_at(d.procedure) else {
            continue;
        };
        let entry = Entry {
            kind: Kind::Procedure,
            id: p.id,
            title: p.title,
            order: d.procedure,
            region: (d.region != NATIONAL).then(|| builtin::region(d.region).id),
        };
        searcher.offer(
            &entry,
            &Doc {
                title: d.title,
                names: d.names,
                body: d.body,
            },
        );
    }
    for (region_id, p, text) in &overlay {
        let entry = Entry {
            kind: Kind::Procedure,
            id: &p.id,
            title: kb.procedure(&p.id).map_or(&p.id, |v| v.title),
            order: order(&p.id).unwrap_or(usize::MAX),
            region: *region_id,
        };
        searcher.offer(
            &entry,
            &Doc {
                title: &text.title,
                names: &text.names,
                body: &text.body,
            },
        );
    }
    for (i, t) in builtin::terms().enumerate() {
        let entry = Entry {
            kind: Kind::Term,
            id: t.id,
            title: t.word,
            order: i,
            region: None,
        };
        searcher.offer(
            &entry,
            &Doc {
                title: t.title,
                names: t.names,
                body: t.body,
            },
        );
    }
    let hits = searcher.finish();
    Found { query, hits }
}

/// The built-in base's words, and those of an overlay.
struct BaseLexicon {
    extra: BTreeSet<String>,
    longest: usize,
}

impl BaseLexicon {
    fn with<'a>(extra: impl Iterator<Item = &'a str>) -> BaseLexicon {
        let extra: BTreeSet<String> = extra
            .filter(|w| !w.is_ascii() || w.contains(' '))
            .map(str::to_string)
            .collect();
        let longest = extra
            .iter()
            .map(|w| w.chars().count())
            .fold(builtin::longest_word(), usize::max);
        BaseLexicon { extra, longest }
    }
}

impl Lexicon for BaseLexicon {
    fn is_word(&self, word: &str) -> bool {
        builtin::is_word(word) || self.extra.contains(word)
    }
    fn longest(&self) -> usize {
        self.longest
    }
    fn synonyms(&self, word: &str) -> Vec<String> {
        builtin::synonyms(word).iter().map(str::to_string).collect()
    }
}

/// One text to look for: a word of the question, or what it also means.
struct Pattern {
    /// Index of its word in the query.
    word: usize,
    text: String,
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
    tallies: Vec<Tally>,
    /// Things offered (documents that are not a region's layer).
    things: usize,
}

/// What a synonym or an English singular earns, against the word itself.
const MEANS_PERCENT: u32 = 90;

/// What a shorter word inside the word earns.
const PARTS_PERCENT: u32 = 70;

impl<'q> Searcher<'q> {
    pub fn new(query: &'q Query) -> Searcher<'q> {
        let mut patterns = Vec::new();
        for (i, w) in query.words.iter().enumerate() {
            patterns.push(Pattern {
                word: i,
                text: w.word.clone(),
                percent: 100,
                pinyin: w.word.len() >= 2 && w.word.bytes().all(|b| b.is_ascii_lowercase()),
            });
            for m in &w.means {
                patterns.push(Pattern {
                    word: i,
                    text: m.clone(),
                    percent: MEANS_PERCENT,
                    pinyin: false,
                });
            }
            for m in &w.parts {
                patterns.push(Pattern {
                    word: i,
                    text: m.clone(),
                    percent: PARTS_PERCENT,
                    pinyin: false,
                });
            }
        }
        Searcher {
            query,
            patterns,
            tallies: Vec::new(),
            things: 0,
        }
    }

    /// Scores one document of `entry`. A thing may have several (a
    /// procedure's national text and each region's layer): the words of the
    /// question are matched across all of them.
    pub fn offer(&mut self, entry: &Entry<'_>, doc: &Doc<'_>) {
        if entry.region.is_none() {
            self.things += 1;
        }
        let n = self.query.words.len();
        // Per word: the best score, how it matched, and how many of what
        // it stands for matched by name or title.
        let mut words = vec![(0u32, MatchKind::Text, 0u32); n];
        let mut any = false;
        for p in &self.patterns {
            if let Some((s, kind)) = score_term(doc, &p.text, p.pinyin) {
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
        } else if doc.names.lines().any(|l| l == q) {
            50
        } else if doc.names.contains(q) || doc.title.contains(q) {
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
        for (have, (score, kind, names)) in t.words.iter_mut().zip(words) {
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
        // something matches them all; a question read into words ranks what
        // matched more of it first and drops what matched less than half as
        // much as the best.
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
        hits.into_iter().map(|(_, h)| h).collect()
    }
}

/// What each more of a word's meanings matched by name or title adds.
const ALSO_MEANS: u32 = 5;

/// How `t` matches a document: exactly a command word or keyword, inside
/// one, in the title, in pinyin, or in the body (more often, a little more).
fn score_term(doc: &Doc<'_>, t: &str, pinyin: bool) -> Option<(u32, MatchKind)> {
    fn consider(best: &mut Option<(u32, MatchKind)>, s: u32, k: MatchKind) {
        if best.is_none_or(|(b, _)| s > b) {
            *best = Some((s, k));
        }
    }
    let mut best: Option<(u32, MatchKind)> = None;
    if doc.names.contains(t) {
        let exact = doc.names.lines().any(|l| l == t);
        consider(&mut best, if exact { 100 } else { 70 }, MatchKind::Name);
    }
    if doc.title.contains(t) {
        consider(&mut best, 60, MatchKind::Title);
    }
    // Pinyin earns at most 90: not worth trying over an exact command word.
    if pinyin && best.is_none_or(|(b, _)| b < 90) {
        let mut pinyin_best = 0;
        for line in doc.names.lines().chain(std::iter::once(doc.title)) {
            match pinyin_match(line, t) {
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
    if best.is_none() && doc.body.contains(t) {
        // Counted only up to four: more says little more.
        let n = doc.body.matches(t).take(4).count() as u32;
        consider(&mut best, 20 + 5 * n.saturating_sub(1), MatchKind::Text);
    }
    best
}

/// Whether `query` (lowercase ASCII) spells a run of `text` in pinyin — full
/// syllables, initials (`bb` for 补办, also `zh`/`ch`/`sh`), or a mix, with the
/// last syllable possibly cut short. Characters with several readings match
/// any of them. `Some(true)` when the run is the whole text.
pub fn pinyin_match(text: &str, query: &str) -> Option<bool> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || query.is_empty() || !chars.iter().any(|c| !c.is_ascii()) {
        return None;
    }
    let q = query.as_bytes();
    let mut found = None;
    for start in 0..chars.len() {
        if let Some(end) = spell(&chars, start, q, 0, 0) {
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

/// A name something can be called by, for suggestions.
pub struct Candidate {
    /// What to show: `heilongjiang（黑龙江省）`.
    pub display: String,
    /// Names to compare against: ids, Chinese names, aliases.
    pub keys: Vec<String>,
}

/// The closest candidates to what was typed (at most three), best first.
pub fn suggest(given: &str, candidates: &[Candidate]) -> Vec<String> {
    let g = given.trim().to_lowercase();
    if g.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let s = c
                .keys
                .iter()
                .map(|k| similarity(&g, &k.to_lowercase()))
                .fold(0.0, f64::max);
            (s >= 0.5).then_some((s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, i)| candidates[i].display.clone())
        .collect()
}

/// 0.0 (nothing alike) to 1.0 (same), aware of Chinese and pinyin.
fn similarity(given: &str, key: &str) -> f64 {
    if given == key {
        return 1.0;
    }
    let given_ascii = given.is_ascii();
    let key_ascii = key.is_ascii();
    if given_ascii && key_ascii {
        if key.starts_with(given) && given.len() >= 2 {
            return 0.9;
        }
        return strsim::normalized_damerau_levenshtein(given, key);
    }
    if given_ascii {
        // Pinyin typed for a Chinese name.
        return match pinyin_match(key, given) {
            Some(true) => 0.95,
            Some(false) => 0.6,
            None => 0.0,
        };
    }
    if key.contains(given) || given.contains(key) {
        return 0.8;
    }
    // Characters in common, over the longer name.
    let g: Vec<char> = given.chars().collect();
    let k: Vec<char> = key.chars().collect();
    let common = g.iter().filter(|c| k.contains(c)).count();
    common as f64 / g.len().max(k.len()) as f64
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

    #[test]
    fn suggestions_know_typos_and_pinyin() {
        let c = vec![
            Candidate {
                display: "heilongjiang（黑龙江省）".into(),
                keys: vec!["heilongjiang".into(), "黑龙江省".into(), "黑龙江".into()],
            },
            Candidate {
                display: "hainan（海南省）".into(),
                keys: vec!["hainan".into(), "海南省".into()],
            },
        ];
        assert_eq!(suggest("heilongjang", &c), ["heilongjiang（黑龙江省）"]);
        assert_eq!(suggest("黑龙", &c), ["heilongjiang（黑龙江省）"]);
        assert!(suggest("zzzzzz", &c).is_empty());
    }
}
