//! Build time only: turns a checked [`Base`] into the compact form compiled
//! into the binary, so that a lookup at run time decodes one procedure's
//! layers and nothing else, however large the base.
//!
//! Output, in `OUT_DIR`:
//! - `kb_layers.bin`: every procedure layer, then every glossary entry, in
//!   the binary form of `wire.rs`;
//! - `kb_strings.txt`: every string the index needs, end to end;
//! - `kb_index.rs`: static tables that `builtin.rs` includes — topics,
//!   procedures with the byte span of each layer, the region registry and its
//!   lookup keys, sources, search documents, the glossary (each entry's span
//!   in the blob and its search text), the words a question is split into,
//!   the search synonyms, pinyin readings. The tables hold
//!   only numbers (offsets into the strings), so the program loader has
//!   nothing to relocate in them at start-up: start-up cost stays flat as
//!   the base grows.

use super::base::Base;
use super::merge::split_id;
use super::model::{Procedure, SourceKind, Str};
use super::region;
use super::search_doc::{Role, SearchText};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// Readings of one Chinese character (all of them, for characters with several).
pub type Readings = Vec<String>;

/// Words longer than this (in characters) are not offered for splitting
/// questions: such a "word" is a sentence, and people do not type it.
const MAX_WORD_CHARS: usize = 16;

/// The compiled form.
pub struct Compiled {
    pub layers: Vec<u8>,
    /// The situations in the binary form of `wire.rs`.
    pub situations: Vec<u8>,
    pub strings: String,
    pub index_rs: String,
}

/// Strings of the index, stored once each; `S::new(at, len)` points into them.
#[derive(Default)]
struct Strings {
    text: String,
    seen: HashMap<String, (usize, usize)>,
    /// Lists of strings, as spans of this table.
    lists: Vec<(usize, usize)>,
}

impl Strings {
    fn s(&mut self, s: &str) -> String {
        let (at, len) = match self.seen.get(s) {
            Some(&span) => span,
            None => {
                let span = (self.text.len(), s.len());
                self.text.push_str(s);
                self.seen.insert(s.to_string(), span);
                span
            }
        };
        format!("S::new({at}, {len})")
    }

    fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> String {
        let at = self.lists.len();
        for it in items {
            self.s(it);
            let span = self.seen[it];
            self.lists.push(span);
        }
        format!("L::new({at}, {})", self.lists.len() - at)
    }
}

/// Compiles `base`. `readings` gives the pinyin of a character (empty when it
/// has none); it is passed in so this module needs no pinyin table itself.
pub fn compile(base: &Base, readings: &dyn Fn(char) -> Readings) -> Compiled {
    let mut blob: Vec<u8> = Vec::new();
    let mut st = Strings::default();
    let mut out = String::new();
    let region_index: BTreeMap<&str, usize> = base
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();

    // Topics, in file order.
    out.push_str("static TOPIC_ROWS: &[TopicRow] = &[\n");
    for t in &base.topics {
        let _ = writeln!(
            out,
            "    TopicRow {{ id: {}, name: {}, name_en: {}, aliases: {}, summary: {}, summary_en: {}, primary: {} }},",
            st.s(&t.id),
            st.s(t.name.as_deref().unwrap_or("")),
            st.s(en(&t.name)),
            st.list(t.aliases.iter().map(String::as_str)),
            st.s(t.summary.as_deref().unwrap_or("")),
            st.s(en(&t.summary)),
            st.s(t.primary.as_deref().unwrap_or("")),
        );
    }
    out.push_str("];\n\n");

    // Procedures in topic order, then in the order their files define them.
    let topic_pos: BTreeMap<&str, usize> = base
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let definitions = base.definitions();

    let mut layer_refs = String::new();
    let mut layer_count = 0;
    let mut docs = String::new();
    let mut han: BTreeSet<char> = BTreeSet::new();
    // Each procedure's layers, for its search documents below.
    let mut layers_of: Vec<Vec<(usize, &Procedure)>> = Vec::with_capacity(definitions.len());
    out.push_str("static PROC_ROWS: &[ProcRow] = &[\n");
    for p in &definitions {
        let (topic, action) = split_id(&p.id);
        let national = push_layer(&mut blob, p);
        let mut layers: Vec<(usize, &Procedure)> = base
            .entries
            .iter()
            .filter(|e| e.procedure.id == p.id)
            .filter_map(|e| Some((*region_index.get(e.region.as_deref()?)?, &e.procedure)))
            .collect();
        layers.sort_by_key(|l| l.0);
        let first = layer_count;
        for (ri, lp) in &layers {
            let (at, len) = push_layer(&mut blob, lp);
            let _ = writeln!(
                layer_refs,
                "    LayerRef {{ region: {ri}, at: {at}, len: {len} }},"
            );
            layer_count += 1;
        }
        let _ = writeln!(
            out,
            "    ProcRow {{ id: {}, topic: {}, action: {}, action_name: {}, action_name_en: {}, cli_aliases: {}, title: {}, title_en: {}, summary: {}, summary_en: {}, national: LayerRef {{ region: NATIONAL, at: {}, len: {} }}, layers: ({first}, {}) }},",
            st.s(&p.id),
            topic_pos.get(topic).copied().unwrap_or(0),
            st.s(action),
            st.s(p.action_name.as_deref().unwrap_or("")),
            st.s(en(&p.action_name)),
            st.list(p.cli_aliases.iter().map(|a| &**a)),
            st.s(p.title.as_deref().unwrap_or("")),
            st.s(en(&p.title)),
            st.s(p.summary.as_deref().unwrap_or("")),
            st.s(en(&p.summary)),
            national.0,
            national.1,
            layer_count - first,
        );
        layers_of.push(layers);
    }
    out.push_str("];\n\n");
    // The search documents' strings come after every procedure row's, so
    // that the rows, which every run reads to build its commands, lie
    // together in the strings however large the base.
    for (pi, (p, layers)) in definitions.iter().zip(&layers_of).enumerate() {
        let (topic, _) = split_id(&p.id);
        let topic_words: Vec<&str> = base
            .topics
            .iter()
            .filter(|t| t.id == topic)
            .flat_map(|t| {
                std::iter::once(t.id.as_str())
                    .chain(t.name.as_deref())
                    .chain(t.aliases.iter().map(String::as_str))
            })
            .collect();
        let doc = SearchText::of(
            p,
            Role::Definition {
                topic_words: &topic_words,
            },
        );
        push_doc(&mut docs, &mut st, &mut han, pi, None, &doc);
        for (ri, lp) in layers {
            let doc = SearchText::of(lp, Role::Layer);
            push_doc(&mut docs, &mut st, &mut han, pi, Some(*ri), &doc);
        }
    }
    out.push_str("static LAYER_REFS: &[LayerRef] = &[\n");
    out.push_str(&layer_refs);
    out.push_str("];\n\n");
    out.push_str("static SEARCH_ROWS: &[SearchRow] = &[\n");
    out.push_str(&docs);
    out.push_str("];\n\n");

    // The glossary: each entry in the blob, with the text search finds it by.
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    out.push_str("static TERM_ROWS: &[TermRow] = &[\n");
    for t in &base.terms {
        let bytes = super::wire::encode_term(t);
        let copy: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
        let back = super::wire::decode_term(copy).map(|b| super::wire::encode_term(&b));
        assert!(
            back.as_deref() == Some(&bytes[..]),
            "term {} does not round-trip",
            t.id
        );
        let at = blob.len();
        blob.extend_from_slice(&bytes);
        let doc = SearchText::of_term(t);
        for c in doc.title.chars().chain(doc.names.chars()) {
            if !c.is_ascii() {
                han.insert(c);
            }
        }
        vocabulary.extend(doc.words().map(str::to_string));
        let _ = writeln!(
            out,
            "    TermRow {{ id: {}, word: {}, word_en: {}, title: {}, names: {}, body: {}, at: {at}, len: {} }},",
            st.s(&t.id),
            st.s(&t.term.text),
            st.s(t.term.en.as_deref().unwrap_or("")),
            st.s(&doc.title),
            st.s(&doc.names),
            st.s(&doc.body),
            bytes.len(),
        );
    }
    out.push_str("];\n\n");

    // The words a question is split into: every word search finds
    // something by (see `SearchText::words`), the topics' words and the
    // synonyms' everyday words. Sorted for binary search.
    for e in &base.entries {
        let topic_words: Vec<&str> = base
            .topics
            .iter()
            .filter(|t| t.id == split_id(&e.procedure.id).0)
            .flat_map(|t| {
                std::iter::once(t.id.as_str())
                    .chain(t.name.as_deref())
                    .chain(t.aliases.iter().map(String::as_str))
            })
            .collect();
        let role = if e.region.is_none() {
            Role::Definition {
                topic_words: &topic_words,
            }
        } else {
            Role::Layer
        };
        vocabulary.extend(
            SearchText::of(&e.procedure, role)
                .words()
                .map(str::to_string),
        );
    }
    for s in &base.synonyms {
        vocabulary.extend(s.words.iter().map(|w| w.to_lowercase()));
    }
    // Latin words and phrases are pieces of a question of their own; the
    // base's single Latin words are kept too, to tell an English word of
    // the base (`card`, `stolen`) from pinyin (`bb`, `chongxin`).
    let latin: Vec<String> = vocabulary
        .iter()
        .filter(|w| w.is_ascii())
        .flat_map(|w| w.split([' ', '-']).map(str::to_string))
        .filter(|w| w.len() >= 2)
        .collect();
    vocabulary.extend(latin);
    vocabulary.retain(|w| w.chars().count() <= MAX_WORD_CHARS);
    let longest = vocabulary.iter().map(|w| w.chars().count()).max();
    out.push_str("static VOCABULARY: &[S] = &[\n");
    for w in &vocabulary {
        let _ = writeln!(out, "    {},", st.s(w));
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "static LONGEST_WORD: usize = {};\n",
        longest.unwrap_or(0)
    );

    // Synonyms: everyday word → the base's words, sorted by the word.
    let mut synonyms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in &base.synonyms {
        for w in &s.words {
            let means = synonyms.entry(w.to_lowercase()).or_default();
            for m in &s.means {
                let m = m.to_lowercase();
                if !means.contains(&m) {
                    means.push(m);
                }
            }
        }
    }
    out.push_str("static SYNONYM_ROWS: &[(S, L)] = &[\n");
    for (w, means) in &synonyms {
        let word = st.s(w);
        let list = st.list(means.iter().map(String::as_str));
        let _ = writeln!(out, "    ({word}, {list}),");
    }
    out.push_str("];\n\n");

    // Regions and their lookup keys.
    out.push_str("static REGION_ROWS: &[RegionRow] = &[\n");
    let mut keys: Vec<(String, usize)> = Vec::new();
    for (i, r) in base.regions.iter().enumerate() {
        let parent = r
            .parent
            .as_deref()
            .and_then(|p| region_index.get(p))
            .map_or_else(|| "NATIONAL".to_string(), |p| p.to_string());
        let _ = writeln!(
            out,
            "    RegionRow {{ id: {}, code: {}, name: {}, short: {}, en: {}, parent: {parent}, aliases: {} }},",
            st.s(&r.id),
            st.s(r.code.as_deref().unwrap_or("")),
            st.s(r.name.as_deref().unwrap_or("")),
            st.s(r.short.as_deref().unwrap_or("")),
            st.s(r.en.as_deref().unwrap_or("")),
            st.list(r.aliases.iter().map(String::as_str)),
        );
        keys.extend(region::keys(r).into_iter().map(|k| (k, i)));
        for c in r.name.iter().chain(&r.short).flat_map(|s| s.chars()) {
            han.insert(c);
        }
    }
    out.push_str("];\n\n");
    keys.sort();
    keys.dedup();
    out.push_str("static REGION_KEYS: &[(S, u16)] = &[\n");
    for (k, i) in &keys {
        let _ = writeln!(out, "    ({}, {i}),", st.s(k));
    }
    out.push_str("];\n\n");

    // Sources.
    out.push_str("static SOURCE_ROWS: &[SourceRow] = &[\n");
    for s in &base.sources {
        let kind = s.kind.map_or("", SourceKind::as_str);
        let _ = writeln!(
            out,
            "    SourceRow {{ id: {}, title: {}, title_en: {}, kind: {}, publisher: {}, publisher_en: {}, file: {}, url: {}, date: {} }},",
            st.s(&s.id),
            st.s(s.title.as_deref().unwrap_or("")),
            st.s(en(&s.title)),
            st.s(kind),
            st.s(s.publisher.as_deref().unwrap_or("")),
            st.s(en(&s.publisher)),
            st.s(s.file.as_deref().unwrap_or("")),
            st.s(s.url.as_deref().unwrap_or("")),
            st.s(s.date.as_deref().unwrap_or("")),
        );
    }
    out.push_str("];\n\n");

    // Pinyin readings of every Chinese character that search or suggestions
    // may need to match, sorted for binary search.
    for t in &base.topics {
        for c in t
            .name
            .iter()
            .map(|n| &*n.text)
            .chain(t.aliases.iter().map(String::as_str))
            .flat_map(str::chars)
        {
            han.insert(c);
        }
    }
    out.push_str("static READING_ROWS: &[(u32, L)] = &[\n");
    let mut rows: Vec<u32> = Vec::new();
    for c in han {
        let r = readings(c);
        if !r.is_empty() {
            let list = st.list(r.iter().map(String::as_str));
            let _ = writeln!(out, "    ({}, {list}),", c as u32);
            rows.push(c as u32);
        }
    }
    out.push_str("];\n\n");
    // The row of each character from the first to the last with readings
    // (plus one; 0: none): pinyin search looks up every character of every
    // name it tries, so the lookup is one index, not a binary search.
    let first = rows.first().copied().unwrap_or(0);
    let last = rows.last().copied().unwrap_or(0);
    let _ = writeln!(out, "static READING_FIRST: u32 = {first};");
    out.push_str("static READING_INDEX: &[u16] = &[");
    let mut next = rows.iter().enumerate().peekable();
    for c in first..=last.max(first) {
        if c % 32 == 0 {
            out.push_str("\n   ");
        }
        match next.peek() {
            Some(&(i, &rc)) if rc == c => {
                let _ = write!(out, " {},", i + 1);
                next.next();
            }
            _ => out.push_str(" 0,"),
        }
    }
    out.push_str("\n];\n\n");

    let _ = writeln!(
        out,
        "static CHECKED_AS_OF: S = {};",
        st.s(&base.checked_as_of().unwrap_or_default())
    );

    out.push_str("static STR_LIST: &[S] = &[\n");
    for (at, len) in &st.lists {
        let _ = writeln!(out, "    S::new({at}, {len}),");
    }
    out.push_str("];\n");
    let situations: Vec<_> = base.situations.iter().map(|(_, s)| s.clone()).collect();
    let situation_bytes = super::wire::encode_situations(&situations);
    let copy: &'static [u8] = Box::leak(situation_bytes.clone().into_boxed_slice());
    assert!(
        super::wire::decode_situations(copy)
            .is_some_and(|back| super::wire::encode_situations(&back) == situation_bytes),
        "situations do not round-trip"
    );
    Compiled {
        layers: blob,
        situations: situation_bytes,
        strings: st.text,
        index_rs: out,
    }
}

/// The English of an optional text; empty when it has none.
fn en(s: &Option<Str>) -> &str {
    s.as_ref().and_then(|s| s.en.as_deref()).unwrap_or("")
}

/// Appends one layer to the blob; returns its (offset, length). Each layer
/// is decoded back with the checking reader and must encode to the same
/// bytes: the binary then reads the blob without checking its text again.
fn push_layer(blob: &mut Vec<u8>, p: &Procedure) -> (usize, usize) {
    let at = blob.len();
    let bytes = super::wire::encode(p);
    let copy: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
    let back = super::wire::decode(copy).map(|b| super::wire::encode(&b));
    assert!(
        back.as_deref() == Some(&bytes[..]),
        "layer {} does not round-trip",
        p.id
    );
    blob.extend_from_slice(&bytes);
    (at, bytes.len())
}

/// Appends the search document of one layer (see `search_doc.rs`).
fn push_doc(
    docs: &mut String,
    st: &mut Strings,
    han: &mut BTreeSet<char>,
    proc_index: usize,
    region: Option<usize>,
    doc: &SearchText,
) {
    for c in doc.title.chars().chain(doc.names.chars()) {
        if !c.is_ascii() {
            han.insert(c);
        }
    }
    let region = region.map_or_else(|| "NATIONAL".to_string(), |r| r.to_string());
    let _ = writeln!(
        docs,
        "    SearchRow {{ procedure: {proc_index}, region: {region}, title: {}, names: {}, body: {} }},",
        st.s(&doc.title),
        st.s(&doc.names),
        st.s(&doc.body),
    );
}
