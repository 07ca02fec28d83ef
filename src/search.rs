//! `yibao search` and "did you mean": matching what people type — Chinese
//! substrings, English words, full pinyin or pinyin initials — against the
//! knowledge base's titles, command words, keywords and text.

use crate::kb::builtin::{self, NATIONAL};
use crate::kb::i18n::Lang;
use crate::kb::merge::split_id;
use crate::kb::search_doc::{Role, SearchText};
use crate::kb::situation::search_entries;
use crate::kb::{Kb, RegionInfo};
use std::borrow::Cow;

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

/// One procedure that matched, with its score.
#[derive(Debug, Clone)]
pub struct Hit {
    pub procedure: String,
    pub score: u32,
    pub matched: MatchKind,
    /// Region ids whose layers matched (empty when only national text did).
    pub regions: Vec<String>,
}

/// The searchable text of one layer.
struct Doc<'a> {
    procedure: Cow<'a, str>,
    region: Option<Cow<'a, str>>,
    title: Cow<'a, str>,
    names: Cow<'a, str>,
    body: Cow<'a, str>,
}

/// Searches every layer visible at `region` (all layers when `None`) and
/// returns procedures best first: the compiled base's search documents when
/// it is in use, and those of what `--data` gave, built the same way.
pub fn search(kb: &Kb, query: &str, region: Option<&RegionInfo>) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    let terms: Vec<&str> = query.split_whitespace().collect();
    if terms.is_empty() {
        return Vec::new();
    }
    // The region and its province: their layers are visible.
    let visible: Option<Vec<RegionInfo>> =
        region.map(|r| std::iter::once(*r).chain(r.province()).collect());
    let mut hits: Vec<Hit> = Vec::new();
    let mut score_doc = |doc: &Doc<'_>| {
        let Some((score, matched)) = score(doc, &query, &terms) else {
            return;
        };
        let region = doc.region.as_deref().map(str::to_string);
        match hits.iter_mut().find(|h| h.procedure == doc.procedure) {
            Some(h) => {
                if score > h.score {
                    h.score = score;
                    h.matched = matched;
                }
                if let Some(r) = region
                    && !h.regions.contains(&r)
                {
                    h.regions.push(r);
                }
            }
            None => hits.push(Hit {
                procedure: doc.procedure.to_string(),
                score,
                matched,
                regions: region.into_iter().collect(),
            }),
        }
    };
    let builtin_docs = kb.uses_builtin().then(builtin::search_docs);
    for d in builtin_docs.into_iter().flatten() {
        if d.region != NATIONAL
            && visible
                .as_ref()
                .is_some_and(|v| !v.iter().any(|r| r.index == d.region))
        {
            continue;
        }
        let procedure = builtin::procedure_at(d.procedure).map_or("", |p| p.id);
        score_doc(&Doc {
            procedure: Cow::Borrowed(procedure),
            region: (d.region != NATIONAL)
                .then(|| builtin::region_at(d.region).map(|r| Cow::Borrowed(r.id)))
                .flatten(),
            title: Cow::Borrowed(d.title),
            names: Cow::Borrowed(d.names),
            body: Cow::Borrowed(d.body),
        });
    }
    for (region_id, p) in kb.loaded_layers() {
        if let (Some(v), Some(rid)) = (&visible, region_id)
            && !v.iter().any(|r| r.id == rid)
        {
            continue;
        }
        // A procedure `--data` adds (or a complete base defines) is found by
        // its topic's words, as a built-in one is; a layer over an existing
        // procedure is not.
        let topic_words: Vec<&str> = kb
            .topic(split_id(&p.id).0)
            .map(|t| {
                std::iter::once(t.id)
                    .chain(Some(t.name))
                    .chain(t.aliases.iter())
                    .collect()
            })
            .unwrap_or_default();
        let role = if region_id.is_none() && !kb.builtin_has(&p.id) {
            Role::Definition {
                topic_words: &topic_words,
            }
        } else {
            Role::Layer
        };
        let text = SearchText::of(p, role);
        score_doc(&Doc {
            procedure: Cow::Owned(p.id.to_string()),
            region: region_id.map(|r| Cow::Owned(r.to_string())),
            title: Cow::Owned(text.title),
            names: Cow::Owned(text.names),
            body: Cow::Owned(text.body),
        });
    }
    let order: Vec<String> = kb.procedures().iter().map(|p| p.id.to_string()).collect();
    let pos = |id: &str| order.iter().position(|o| o == id).unwrap_or(usize::MAX);
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(pos(&a.procedure).cmp(&pos(&b.procedure)))
    });
    hits
}

/// A situation whose plan matched (`yibao plan <id>`).
#[derive(Debug, Clone)]
pub struct PlanHit {
    pub id: String,
    pub score: u32,
    pub matched: MatchKind,
    /// The query is one of its names or in its title: a plan answers that
    /// better than any one procedure, so it is listed before them.
    pub first: bool,
}

/// The plans whose situation matches `query`, best first.
pub fn plans(kb: &Kb, query: &str, lang: Lang) -> Vec<PlanHit> {
    let query = query.trim().to_lowercase();
    let terms: Vec<&str> = query.split_whitespace().collect();
    let Ok(situations) = kb.situations() else {
        return Vec::new();
    };
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<PlanHit> = search_entries(&situations, lang)
        .into_iter()
        .filter_map(|e| {
            let doc = Doc {
                procedure: Cow::Borrowed(&e.id),
                region: None,
                title: Cow::Borrowed(&e.title),
                names: Cow::Borrowed(&e.words),
                body: Cow::Borrowed(&e.body),
            };
            let (score, matched) = score(&doc, &query, &terms)?;
            let first = e.words.lines().any(|l| l == query) || e.title.contains(&query);
            Some(PlanHit {
                id: e.id,
                score,
                matched,
                first,
            })
        })
        .collect();
    hits.sort_by(|a, b| b.first.cmp(&a.first).then(b.score.cmp(&a.score)));
    hits
}

/// Scores one document; every term must match somewhere.
fn score(doc: &Doc<'_>, query: &str, terms: &[&str]) -> Option<(u32, MatchKind)> {
    let mut total = 0;
    let mut best = MatchKind::Text;
    for t in terms {
        let (s, kind) = score_term(doc, t)?;
        total += s;
        best = best.max(kind);
    }
    if terms.len() > 1 && doc.names.lines().any(|l| l == query) {
        total += 50;
    } else if terms.len() > 1 && (doc.names.contains(query) || doc.title.contains(query)) {
        total += 30;
    }
    Some((total, best))
}

fn score_term(doc: &Doc<'_>, t: &str) -> Option<(u32, MatchKind)> {
    let mut best: Option<(u32, MatchKind)> = None;
    let mut consider = |s: u32, k: MatchKind| {
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, k));
        }
    };
    if doc.names.lines().any(|l| l == t) {
        consider(100, MatchKind::Name);
    } else if doc.names.contains(t) {
        consider(70, MatchKind::Name);
    }
    if doc.title.contains(t) {
        consider(60, MatchKind::Title);
    }
    if t.len() >= 2 && t.bytes().all(|b| b.is_ascii_lowercase()) {
        let mut pinyin_best = 0;
        for line in doc.names.lines().chain(std::iter::once(doc.title.as_ref())) {
            match pinyin_match(line, t) {
                Some(true) => pinyin_best = pinyin_best.max(90),
                Some(false) => pinyin_best = pinyin_best.max(50),
                None => {}
            }
        }
        if pinyin_best > 0 {
            consider(pinyin_best, MatchKind::Pinyin);
        }
    }
    let n = doc.body.matches(t).count() as u32;
    if n > 0 {
        consider(20 + 5 * (n - 1).min(3), MatchKind::Text);
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
