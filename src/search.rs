//! `yibao search` and "did you mean": matching what people type — a
//! question in their own words (`query.rs` reads it), Chinese substrings,
//! English words, full pinyin or pinyin initials — against the titles,
//! command words, keywords and text of the knowledge base's procedures and
//! glossary entries, and ranking by how much of the question each matched
//! (`rank.rs`, which finds a question's words with `finder.rs` and tries
//! Latin letters as pinyin with `pinyin.rs`). `suggest.rs` finds the
//! closest names to something mistyped.

mod finder;
mod pinyin;
mod query;
mod rank;
mod suggest;

pub use pinyin::pinyin_match;
pub use query::{Lexicon, Query, Word};
pub use rank::{QUESTION_RESULTS, Searcher};
pub use suggest::{Candidate, suggest};

use crate::kb::builtin::{self, NATIONAL};
use crate::kb::i18n::Lang;
use crate::kb::merge::split_id;
use crate::kb::search_doc::{Role, SearchText};
use crate::kb::situation::search_entries;
use crate::kb::{Kb, RegionInfo};
use std::collections::BTreeSet;

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
    /// A plan for a life situation: `yibao plan <id>`.
    Plan,
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
            Kind::Plan => format!("yibao plan {id}"),
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

/// Searches every layer visible at `region` (all layers when `None`), the
/// glossary and the plans (their texts in `lang`), and returns what matched
/// best first: the compiled base's documents when it is in use, and those of
/// what `--data` gave, built the same way.
pub fn search(kb: &Kb, text: &str, region: Option<&RegionInfo>, lang: Lang) -> Found {
    // The region and its province: their layers are visible.
    let visible: Option<Vec<RegionInfo>> =
        region.map(|r| std::iter::once(*r).chain(r.province()).collect());
    let procedures = kb.procedures();
    let order = |id: &str| procedures.iter().position(|p| p.id == id);
    // What `--data` gave is read first: its words split a question too.
    let mut overlay = Vec::new();
    for (region_id, p) in kb.loaded_layers() {
        if let (Some(v), Some(rid)) = (&visible, region_id)
            && !v.iter().any(|r| r.id == rid)
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
        let role = if region_id.is_none() && !kb.builtin_has(&p.id) {
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
    let builtin_docs = kb.uses_builtin().then(builtin::search_docs);
    for d in builtin_docs.into_iter().flatten() {
        if d.region != NATIONAL
            && visible
                .as_ref()
                .is_some_and(|v| !v.iter().any(|r| r.index == d.region))
        {
            continue;
        }
        let Some(p) = builtin::procedure_at(d.procedure) else {
            continue;
        };
        let title = crate::kb::pick(lang, p.title, p.title_en);
        let entry = Entry {
            kind: Kind::Procedure,
            id: p.id,
            title: &title,
            order: d.procedure,
            region: (d.region != NATIONAL)
                .then(|| builtin::region_at(d.region).map(|r| r.id))
                .flatten(),
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
        let title = kb
            .procedure(&p.id)
            .map_or_else(|| p.id.to_string(), |v| v.title_in(lang).into_owned());
        let entry = Entry {
            kind: Kind::Procedure,
            id: &p.id,
            title: &title,
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
    let builtin_terms = kb.uses_builtin().then(builtin::terms);
    for (i, t) in builtin_terms.into_iter().flatten().enumerate() {
        let word = crate::kb::pick(lang, t.word, t.word_en);
        let entry = Entry {
            kind: Kind::Term,
            id: t.id,
            title: &word,
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
    // A complete base given with --data has its own glossary.
    let loaded_terms: Vec<(crate::kb::model::Term, SearchText)> = if kb.uses_builtin() {
        Vec::new()
    } else {
        kb.terms()
            .unwrap_or_default()
            .into_iter()
            .map(|t| {
                let text = SearchText::of_term(&t);
                (t, text)
            })
            .collect()
    };
    for (i, (t, text)) in loaded_terms.iter().enumerate() {
        let word = t.term.get(lang);
        let entry = Entry {
            kind: Kind::Term,
            id: &t.id,
            title: &word,
            order: i,
            region: None,
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
    let situations = kb.situations().unwrap_or_default();
    let plans = search_entries(&situations, lang);
    for (i, e) in plans.iter().enumerate() {
        let entry = Entry {
            kind: Kind::Plan,
            id: &e.id,
            title: &e.display,
            order: i,
            region: None,
        };
        searcher.offer(
            &entry,
            &Doc {
                title: &e.title,
                names: &e.words,
                body: &e.body,
            },
        );
    }
    let hits = plans_in_place(searcher.finish(), &situations, text);
    Found { query, hits }
}

/// Where plans go among the results: a plan the question names (`过冬`,
/// `丢卡`, `winter stay`) answers it better than any one procedure and
/// comes first; any other plan that matched (by a word of its steps) comes
/// after the procedures and terms, so that a question about one procedure
/// finds that procedure first.
fn plans_in_place(
    hits: Vec<Hit>,
    situations: &[crate::kb::situation::Situation],
    text: &str,
) -> Vec<Hit> {
    let named = |h: &Hit| {
        h.kind == Kind::Plan
            && situations
                .iter()
                .any(|s| *s.id == *h.id && s.is_named(text))
    };
    let (first, rest): (Vec<Hit>, Vec<Hit>) = hits.into_iter().partition(named);
    let (plans, others): (Vec<Hit>, Vec<Hit>) =
        rest.into_iter().partition(|h| h.kind == Kind::Plan);
    first.into_iter().chain(others).chain(plans).collect()
}

/// The built-in base's words, and those of an overlay.
struct BaseLexicon {
    extra: BTreeSet<String>,
    longest: usize,
}

impl BaseLexicon {
    fn with<'a>(extra: impl Iterator<Item = &'a str>) -> BaseLexicon {
        let extra: BTreeSet<String> = extra.map(str::to_string).collect();
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
    fn has_prefix(&self, p: &str) -> bool {
        builtin::has_word_prefix(p)
            || self
                .extra
                .range::<str, _>((std::ops::Bound::Included(p), std::ops::Bound::Unbounded))
                .next()
                .is_some_and(|w| w.starts_with(p))
    }
    fn longest(&self) -> usize {
        self.longest
    }
    fn synonyms(&self, word: &str) -> Vec<String> {
        builtin::synonyms(word).iter().map(str::to_string).collect()
    }
}
