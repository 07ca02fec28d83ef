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

use crate::kb::Kb;
use crate::kb::builtin::{self, NATIONAL, RegionInfo};
use crate::kb::merge::split_id;
use crate::kb::search_doc::{Role, SearchText};
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
