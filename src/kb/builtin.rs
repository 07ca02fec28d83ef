//! The built-in knowledge base, compiled into the binary by `build.rs` from
//! `data/` (see `compile.rs`). Static tables of numbers answer "what exists";
//! their text lives in one string; a procedure's layers are decoded from the
//! layer blob only when it is looked up.

use super::model::{Procedure, Term};

/// Region index that stands for the national layer (and "no parent").
pub const NATIONAL: u16 = u16::MAX;

/// A span of the index strings.
#[derive(Debug, Clone, Copy)]
pub struct S {
    at: u32,
    len: u32,
}

impl S {
    const fn new(at: u32, len: u32) -> S {
        S { at, len }
    }

    /// The text. The spans are written by the build together with the text,
    /// so they are always in range; an empty string is the answer otherwise.
    pub fn get(self) -> &'static str {
        let at = self.at as usize;
        STRINGS.get(at..at + self.len as usize).unwrap_or("")
    }
}

/// A list of strings: a span of `STR_LIST`.
#[derive(Debug, Clone, Copy)]
pub struct L {
    at: u32,
    len: u32,
}

impl L {
    const fn new(at: u32, len: u32) -> L {
        L { at, len }
    }

    pub fn iter(self) -> impl Iterator<Item = &'static str> + Clone {
        let at = self.at as usize;
        STR_LIST
            .get(at..at + self.len as usize)
            .unwrap_or(&[])
            .iter()
            .map(|s| s.get())
    }

    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    pub fn get(self, i: usize) -> Option<&'static str> {
        (i < self.len as usize)
            .then(|| STR_LIST.get(self.at as usize + i))
            .flatten()
            .map(|s| s.get())
    }

    pub fn contains(self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

/// One layer's span in the blob.
#[derive(Debug, Clone, Copy)]
pub struct LayerRef {
    pub region: u16,
    pub at: u32,
    pub len: u32,
}

struct TopicRow {
    id: S,
    name: S,
    name_en: S,
    aliases: L,
    summary: S,
    summary_en: S,
    primary: S,
}

struct ProcRow {
    id: S,
    topic: u16,
    action: S,
    action_name: S,
    action_name_en: S,
    cli_aliases: L,
    title: S,
    title_en: S,
    summary: S,
    summary_en: S,
    national: LayerRef,
    /// (first, count) in [`LAYER_REFS`], sorted by region.
    layers: (u32, u32),
}

struct RegionRow {
    id: S,
    code: S,
    name: S,
    short: S,
    en: S,
    parent: u16,
    aliases: L,
}

struct SourceRow {
    id: S,
    title: S,
    title_en: S,
    kind: S,
    publisher: S,
    publisher_en: S,
    file: S,
    url: S,
    date: S,
}

struct SearchRow {
    procedure: u16,
    region: u16,
    title: S,
    names: S,
    body: S,
}

struct TermRow {
    id: S,
    word: S,
    word_en: S,
    title: S,
    names: S,
    body: S,
    at: u32,
    len: u32,
}

include!(concat!(env!("OUT_DIR"), "/kb_index.rs"));

static STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/kb_strings.txt"));
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb_layers.bin"));
static SITUATIONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb_situations.bin"));

/// A topic.
#[derive(Debug, Clone, Copy)]
pub struct TopicInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub aliases: L,
    pub summary: &'static str,
    pub primary: &'static str,
    /// English name and summary; empty where the base has none.
    pub name_en: &'static str,
    pub summary_en: &'static str,
}

/// A procedure: its names, and where its layers sit in the blob.
#[derive(Debug, Clone, Copy)]
pub struct ProcInfo {
    pub id: &'static str,
    /// Index of its topic.
    pub topic: usize,
    pub action: &'static str,
    pub action_name: &'static str,
    pub cli_aliases: L,
    pub title: &'static str,
    pub summary: &'static str,
    /// English names; empty where the base has none.
    pub action_name_en: &'static str,
    pub title_en: &'static str,
    pub summary_en: &'static str,
    pub national: LayerRef,
    layers: (u32, u32),
}

impl ProcInfo {
    /// Regional layers, sorted by region index.
    pub fn layers(&self) -> &'static [LayerRef] {
        let (at, n) = (self.layers.0 as usize, self.layers.1 as usize);
        LAYER_REFS.get(at..at + n).unwrap_or(&[])
    }

    /// The layer at region index `region`, if the base has one.
    pub fn layer_at(&self, region: u16) -> Option<LayerRef> {
        let layers = self.layers();
        layers
            .binary_search_by_key(&region, |l| l.region)
            .ok()
            .map(|i| layers[i])
    }
}

/// A region of the registry, as the tables hold it (see
/// [`super::registry`] for regions as lookups use them).
#[derive(Debug, Clone, Copy)]
pub struct RegionRecord {
    pub id: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    /// English name; empty when the registry has none.
    pub en: &'static str,
    /// Position of the province a city belongs to.
    pub parent: Option<u16>,
    pub aliases: L,
}

/// A cited document.
#[derive(Debug, Clone, Copy)]
pub struct SourceInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// English title; empty where the base has none.
    pub title_en: &'static str,
    pub kind: &'static str,
    pub publisher: &'static str,
    /// English name of the publisher; empty where the base has none.
    pub publisher_en: &'static str,
    pub file: &'static str,
    pub url: &'static str,
    pub date: &'static str,
}

/// The searchable text of one layer (lowercased).
#[derive(Debug, Clone, Copy)]
pub struct SearchDoc {
    /// Index of the procedure.
    pub procedure: usize,
    /// Region index, or [`NATIONAL`].
    pub region: u16,
    pub title: &'static str,
    /// Command words and keywords, one per line.
    pub names: &'static str,
    pub body: &'static str,
}

pub fn topics() -> impl Iterator<Item = TopicInfo> {
    TOPIC_ROWS.iter().map(|t| TopicInfo {
        id: t.id.get(),
        name: t.name.get(),
        aliases: t.aliases,
        summary: t.summary.get(),
        primary: t.primary.get(),
        name_en: t.name_en.get(),
        summary_en: t.summary_en.get(),
    })
}

pub fn topic(i: usize) -> Option<TopicInfo> {
    TOPIC_ROWS.get(i).map(|t| TopicInfo {
        id: t.id.get(),
        name: t.name.get(),
        aliases: t.aliases,
        summary: t.summary.get(),
        primary: t.primary.get(),
        name_en: t.name_en.get(),
        summary_en: t.summary_en.get(),
    })
}

fn proc_info(p: &ProcRow) -> ProcInfo {
    ProcInfo {
        id: p.id.get(),
        topic: usize::from(p.topic),
        action: p.action.get(),
        action_name: p.action_name.get(),
        cli_aliases: p.cli_aliases,
        title: p.title.get(),
        summary: p.summary.get(),
        action_name_en: p.action_name_en.get(),
        title_en: p.title_en.get(),
        summary_en: p.summary_en.get(),
        national: p.national,
        layers: p.layers,
    }
}

pub fn procedures() -> impl Iterator<Item = ProcInfo> {
    PROC_ROWS.iter().map(proc_info)
}

pub fn procedure(id: &str) -> Option<ProcInfo> {
    PROC_ROWS.iter().find(|p| p.id.get() == id).map(proc_info)
}

pub fn procedure_at(i: usize) -> Option<ProcInfo> {
    PROC_ROWS.get(i).map(proc_info)
}

/// How many regions the registry has.
pub fn region_count() -> usize {
    REGION_ROWS.len()
}

/// The region at position `i` of the registry.
pub fn region_at(i: u16) -> Option<RegionRecord> {
    let r = REGION_ROWS.get(usize::from(i))?;
    Some(RegionRecord {
        id: r.id.get(),
        code: r.code.get(),
        name: r.name.get(),
        short: r.short.get(),
        en: r.en.get(),
        parent: (r.parent != NATIONAL).then_some(r.parent),
        aliases: r.aliases,
    })
}

/// Position of the region `text` names (id, code, Chinese name, alias).
pub fn region_index_by_key(text: &str) -> Option<u16> {
    let key = super::region::normalize(text);
    REGION_KEYS
        .binary_search_by(|(k, _)| k.get().cmp(key.as_str()))
        .ok()
        .map(|i| REGION_KEYS[i].1)
}

/// Position of the region with this id (ids are their own lookup keys).
pub fn region_index_by_id(id: &str) -> Option<u16> {
    let i = REGION_KEYS
        .binary_search_by(|(k, _)| k.get().cmp(id))
        .ok()?;
    let at = REGION_KEYS[i].1;
    (region_at(at)?.id == id).then_some(at)
}

pub fn source(id: &str) -> Option<SourceInfo> {
    SOURCE_ROWS
        .iter()
        .find(|s| s.id.get() == id)
        .map(|s| SourceInfo {
            id: s.id.get(),
            title: s.title.get(),
            title_en: s.title_en.get(),
            kind: s.kind.get(),
            publisher: s.publisher.get(),
            publisher_en: s.publisher_en.get(),
            file: s.file.get(),
            url: s.url.get(),
            date: s.date.get(),
        })
}

pub fn search_docs() -> impl Iterator<Item = SearchDoc> {
    SEARCH_ROWS.iter().map(|d| SearchDoc {
        procedure: usize::from(d.procedure),
        region: d.region,
        title: d.title.get(),
        names: d.names.get(),
        body: d.body.get(),
    })
}

/// A glossary entry: its id, the text search finds it by (lowercased), and
/// where it sits in the blob.
#[derive(Debug, Clone, Copy)]
pub struct TermInfo {
    pub id: &'static str,
    /// The word, in Chinese: `起付线`.
    pub word: &'static str,
    /// The word in English; empty where the base has none.
    pub word_en: &'static str,
    /// The word, lowercased.
    pub title: &'static str,
    /// Its names (each part of the word, aliases, id), one per line.
    pub names: &'static str,
    /// Its explanation and example.
    pub body: &'static str,
    at: u32,
    len: u32,
}

fn term_info(t: &TermRow) -> TermInfo {
    TermInfo {
        id: t.id.get(),
        word: t.word.get(),
        word_en: t.word_en.get(),
        title: t.title.get(),
        names: t.names.get(),
        body: t.body.get(),
        at: t.at,
        len: t.len,
    }
}

/// The glossary, in file order.
pub fn terms() -> impl Iterator<Item = TermInfo> {
    TERM_ROWS.iter().map(term_info)
}

/// The glossary entry with this id.
pub fn term(id: &str) -> Option<TermInfo> {
    TERM_ROWS.iter().find(|t| t.id.get() == id).map(term_info)
}

/// Decodes one glossary entry (see [`decode`]).
pub fn decode_term(t: TermInfo) -> Result<Term, String> {
    let at = t.at as usize;
    BLOB.get(at..at + t.len as usize)
        .and_then(super::wire::decode_term_trusted)
        .ok_or_else(|| format!("built-in term {} does not decode", t.id))
}

/// Whether `word` (lowercase) is a word of the base that a question may be
/// split into.
pub fn is_word(word: &str) -> bool {
    VOCABULARY.binary_search_by(|w| w.get().cmp(word)).is_ok()
}

/// Whether a word of [`is_word`] begins with `p` (or is `p`).
pub fn has_word_prefix(p: &str) -> bool {
    let at = VOCABULARY.partition_point(|w| w.get() < p);
    VOCABULARY.get(at).is_some_and(|w| w.get().starts_with(p))
}

/// The most characters a word of [`is_word`] has.
pub fn longest_word() -> usize {
    LONGEST_WORD
}

/// The words of the base an everyday word means (empty when it is none).
pub fn synonyms(word: &str) -> L {
    SYNONYM_ROWS
        .binary_search_by(|(w, _)| w.get().cmp(word))
        .map_or(L::new(0, 0), |i| SYNONYM_ROWS[i].1)
}

/// Pinyin readings of a Chinese character the base uses in names.
pub fn readings(c: char) -> L {
    (c as u32)
        .checked_sub(READING_FIRST)
        .and_then(|i| READING_INDEX.get(i as usize))
        .and_then(|&row| READING_ROWS.get(usize::from(row).checked_sub(1)?))
        .map_or(L::new(0, 0), |r| r.1)
}

/// The oldest `checked` date of the built-in base.
pub fn checked_as_of() -> &'static str {
    CHECKED_AS_OF.get()
}

/// The situations of `yibao plan`, decoded on demand (only plans and search
/// read them); their text borrows from the binary. The build decoded them
/// once with the checking reader, so failure means a corrupt binary.
pub fn situations() -> Result<Vec<super::situation::Situation>, String> {
    super::wire::decode_situations_trusted(SITUATIONS)
        .ok_or_else(|| "built-in situations do not decode".to_string())
}

/// Decodes one layer; its text borrows from the binary. The build decoded
/// every layer once to check the blob, so failure here means a corrupt
/// binary; it is reported, never a panic.
pub fn decode(layer: LayerRef) -> Result<Procedure, String> {
    let at = layer.at as usize;
    BLOB.get(at..at + layer.len as usize)
        .and_then(super::wire::decode_trusted)
        .ok_or_else(|| format!("built-in layer at byte {at} does not decode"))
}
