//! A set of knowledge-base files as read: topics, sources, regions,
//! procedure entries (definitions and regional layers), the glossary and
//! the search synonyms. The linter fills a [`Base`] from the files it
//! checks; the build compiles one into the binary; a user's overlay is kept
//! as one beside the built-in base.

use super::merge::{LayerTag, Level, Origin};
use super::model::{Procedure, Region, Source, Synonym, Term, Topic};
use super::situation::{Situation, pickable_ids};

/// A `checked` date more than this many months old is stale: the linter
/// warns (W001) and answers carry a reminder to confirm with the office.
pub const STALE_AFTER_MONTHS: i32 = 12;

/// Whether data checked `months_old` months ago is stale.
pub fn is_stale(months_old: i32) -> bool {
    months_old > STALE_AFTER_MONTHS
}

/// What exists in a knowledge base, as far as checking other files against
/// it needs: the built-in base, when checking an overlay.
pub trait Known {
    fn has_topic(&self, id: &str) -> bool;
    fn has_procedure(&self, id: &str) -> bool;
    fn has_source(&self, id: &str) -> bool;
    /// `None` for an unknown region; `Some(None)` for a provincial unit;
    /// `Some(Some(p))` for a city of province `p`.
    fn region_parent(&self, id: &str) -> Option<Option<String>>;
    /// Command words already taken: (word, what owns it) — topic words, or
    /// with `Some(topic)` the action words of that topic.
    fn command_words(&self, topic: Option<&str>) -> Vec<(String, String)> {
        let _ = topic;
        Vec::new()
    }
    /// Ids of the items a plan may pick from procedure `id` (steps,
    /// preparations, conditions, tips, warnings, questions), in any of its
    /// layers.
    fn procedure_items(&self, id: &str) -> Vec<String> {
        let _ = id;
        Vec::new()
    }
}

/// A procedure definition or layer with the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Region id; `None` for national.
    pub region: Option<String>,
    pub procedure: Procedure,
    /// Index into [`Base::files`].
    pub file: usize,
}

impl Entry {
    /// Whether this entry defines a procedure rather than layering over one.
    pub fn is_definition(&self, known: Option<&dyn Known>) -> bool {
        self.region.is_none() && !known.is_some_and(|k| k.has_procedure(&self.procedure.id))
    }
}

/// The contents of a set of files.
#[derive(Debug, Clone, Default)]
pub struct Base {
    /// (path, text) of every file read.
    pub files: Vec<(String, String)>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    /// Procedure definitions and layers, in file order.
    pub entries: Vec<Entry>,
    /// Situations, in file order, with the index of their file.
    pub situations: Vec<(usize, Situation)>,
    /// The glossary, in file order.
    pub terms: Vec<Term>,
    /// Search synonyms, in file order.
    pub synonyms: Vec<Synonym>,
}

impl Base {
    /// The national definition of a procedure.
    pub fn definition(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.region.is_none() && e.procedure.id == id)
    }

    /// The layer for a procedure at a region (`None` = national).
    pub fn layer(&self, id: &str, region: Option<&str>) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.region.as_deref() == region && e.procedure.id == id)
    }

    /// National definitions in display order: by topic (in the order the
    /// topics are listed), then in file order.
    pub fn definitions(&self) -> Vec<&Procedure> {
        let topic_pos = |p: &Procedure| {
            let topic = super::merge::split_id(&p.id).0;
            self.topics
                .iter()
                .position(|t| t.id == topic)
                .unwrap_or(usize::MAX)
        };
        let mut out: Vec<&Procedure> = self
            .entries
            .iter()
            .filter(|e| e.region.is_none())
            .map(|e| &e.procedure)
            .collect();
        out.sort_by_key(|p| topic_pos(p));
        out
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The oldest `checked` date of any procedure.
    pub fn checked_as_of(&self) -> Option<String> {
        self.entries
            .iter()
            .filter_map(|e| e.procedure.checked.as_deref().map(str::to_string))
            .min()
    }

    /// The layers of procedure `id` at `place` (national, a province or a
    /// city), lowest first, from this base alone.
    pub fn stack(&self, id: &str, place: Option<&str>) -> Vec<StackLayer> {
        let mut chain: Vec<(Level, Option<&Region>)> = vec![(Level::National, None)];
        if let Some(r) = place.and_then(|p| self.region(p)) {
            match r.parent.as_deref().and_then(|p| self.region(p)) {
                Some(parent) => {
                    chain.push((Level::Province, Some(parent)));
                    chain.push((Level::City, Some(r)));
                }
                None => chain.push((Level::Province, Some(r))),
            }
        }
        chain
            .into_iter()
            .filter_map(|(level, r)| {
                let e = self.layer(id, r.map(|r| r.id.as_str()))?;
                Some(StackLayer {
                    tag: LayerTag {
                        level,
                        region: r.map(|r| r.id.clone().into()),
                        name: r
                            .and_then(|r| r.name.clone())
                            .unwrap_or_else(|| "全国".into())
                            .into(),
                        origin: Origin::Builtin,
                        file: None,
                        checked: e.procedure.checked.clone().unwrap_or_default(),
                    },
                    procedure: e.procedure.clone(),
                    file: Some(self.files[e.file].clone()),
                })
            })
            .collect()
    }
}

impl Known for Base {
    fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|t| t.id == id)
    }
    fn has_procedure(&self, id: &str) -> bool {
        self.definition(id).is_some()
    }
    fn has_source(&self, id: &str) -> bool {
        self.sources.iter().any(|s| s.id == id)
    }
    fn region_parent(&self, id: &str) -> Option<Option<String>> {
        self.region(id).map(|r| r.parent.clone())
    }
    fn procedure_items(&self, id: &str) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| e.procedure.id == id)
            .flat_map(|e| pickable_ids(&e.procedure))
            .map(str::to_string)
            .collect()
    }
}

/// A layer of a procedure as the merge sees it, plus the file it came from
/// (for locating findings).
pub struct StackLayer {
    pub tag: LayerTag,
    pub procedure: Procedure,
    /// (path, text) of the file, where the layer came from one being checked.
    pub file: Option<(String, String)>,
}
