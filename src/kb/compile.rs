//! Build time only: turns a checked [`Base`] into the compact form compiled
//! into the binary, so that a lookup at run time decodes one procedure's
//! layers and nothing else.
//!
//! Output, in `OUT_DIR`:
//! - `kb_layers.json`: every procedure layer as one JSON document, end to end;
//! - `kb_index.rs`: static tables (topics, procedures with the byte span of
//!   each layer, the region registry and its lookup keys, sources, search
//!   documents with pinyin readings) that `builtin.rs` includes.

use super::merge::split_id;
use super::model::{Procedure, SourceKind};
use super::region;
use super::validate::Base;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Readings of one Chinese character (all of them, for characters with several).
pub type Readings = Vec<String>;

/// The compiled form: the layer blob and the Rust source of the index.
pub struct Compiled {
    pub layers_json: String,
    pub index_rs: String,
}

/// Compiles `base`. `readings` gives the pinyin of a character (empty when it
/// has none); it is passed in so this module needs no pinyin table itself.
pub fn compile(base: &Base, readings: &dyn Fn(char) -> Readings) -> Compiled {
    let mut blob = String::new();
    let mut out = String::new();
    let region_index: BTreeMap<&str, usize> = base
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();

    // Topics, in file order.
    out.push_str("pub static TOPICS: &[TopicInfo] = &[\n");
    for t in &base.topics {
        let _ = writeln!(
            out,
            "    TopicInfo {{ id: {:?}, name: {:?}, aliases: &{:?}, summary: {:?}, primary: {:?} }},",
            t.id,
            t.name.as_deref().unwrap_or(""),
            t.aliases,
            t.summary.as_deref().unwrap_or(""),
            t.primary.as_deref().unwrap_or(""),
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
    let mut definitions: Vec<&Procedure> = base
        .entries
        .iter()
        .filter(|e| e.region.is_none())
        .map(|e| &e.procedure)
        .collect();
    definitions.sort_by_key(|p| topic_pos.get(split_id(&p.id).0).copied().unwrap_or(usize::MAX));

    let mut docs = String::new();
    let mut han: BTreeSet<char> = BTreeSet::new();
    out.push_str("pub static PROCEDURES: &[ProcInfo] = &[\n");
    for (pi, p) in definitions.iter().enumerate() {
        let (topic, action) = split_id(&p.id);
        let national = push_layer(&mut blob, p);
        let mut layers: Vec<(usize, (usize, usize), &Procedure)> = base
            .entries
            .iter()
            .filter(|e| e.procedure.id == p.id)
            .filter_map(|e| {
                let r = e.region.as_deref()?;
                Some((*region_index.get(r)?, &e.procedure))
            })
            .map(|(ri, lp)| (ri, (0, 0), lp))
            .collect();
        layers.sort_by_key(|l| l.0);
        for l in &mut layers {
            l.1 = push_layer(&mut blob, l.2);
        }
        let refs: Vec<String> = layers
            .iter()
            .map(|(ri, (at, len), _)| format!("LayerRef {{ region: {ri}, at: {at}, len: {len} }}"))
            .collect();
        let _ = writeln!(
            out,
            "    ProcInfo {{ id: {:?}, topic: {}, action: {:?}, action_name: {:?}, cli_aliases: &{:?}, title: {:?}, summary: {:?}, national: LayerRef {{ region: NATIONAL, at: {}, len: {} }}, layers: &[{}] }},",
            p.id,
            topic_pos.get(topic).copied().unwrap_or(0),
            action,
            p.action_name.as_deref().unwrap_or(""),
            p.cli_aliases,
            p.title.as_deref().unwrap_or(""),
            p.summary.as_deref().unwrap_or(""),
            national.0,
            national.1,
            refs.join(", "),
        );
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
        push_doc(&mut docs, &mut han, pi, None, p, &topic_words, action);
        for (ri, _, lp) in &layers {
            push_doc(&mut docs, &mut han, pi, Some(*ri), lp, &[], "");
        }
    }
    out.push_str("];\n\n");

    out.push_str("pub static SEARCH_DOCS: &[SearchDoc] = &[\n");
    out.push_str(&docs);
    out.push_str("];\n\n");

    // Regions and their lookup keys.
    out.push_str("pub static REGIONS: &[RegionInfo] = &[\n");
    let mut keys: Vec<(String, usize)> = Vec::new();
    for (i, r) in base.regions.iter().enumerate() {
        let parent = match r.parent.as_deref().and_then(|p| region_index.get(p)) {
            Some(p) => format!("Some({p})"),
            None => "None".into(),
        };
        let _ = writeln!(
            out,
            "    RegionInfo {{ id: {:?}, code: {:?}, name: {:?}, short: {:?}, parent: {parent}, aliases: &{:?} }},",
            r.id,
            r.code.as_deref().unwrap_or(""),
            r.name.as_deref().unwrap_or(""),
            r.short.as_deref().unwrap_or(""),
            r.aliases,
        );
        keys.extend(region::keys(r).into_iter().map(|k| (k, i)));
        for c in r.name.iter().chain(&r.short).flat_map(|s| s.chars()) {
            han.insert(c);
        }
    }
    out.push_str("];\n\n");
    keys.sort();
    keys.dedup();
    out.push_str("pub static REGION_KEYS: &[(&str, u16)] = &[\n");
    for (k, i) in &keys {
        let _ = writeln!(out, "    ({k:?}, {i}),");
    }
    out.push_str("];\n\n");

    // Sources.
    out.push_str("pub static SOURCES: &[SourceInfo] = &[\n");
    for s in &base.sources {
        let kind = match s.kind {
            Some(SourceKind::Seed) => "seed",
            Some(SourceKind::Public) => "public",
            None => "",
        };
        let _ = writeln!(
            out,
            "    SourceInfo {{ id: {:?}, title: {:?}, kind: {:?}, publisher: {:?}, file: {:?}, url: {:?}, date: {:?}, note: {:?} }},",
            s.id,
            s.title.as_deref().unwrap_or(""),
            kind,
            s.publisher.as_deref().unwrap_or(""),
            s.file.as_deref().unwrap_or(""),
            s.url.as_deref().unwrap_or(""),
            s.date.as_deref().unwrap_or(""),
            s.note.as_deref().unwrap_or(""),
        );
    }
    out.push_str("];\n\n");

    // Pinyin readings of every Chinese character that search or suggestions
    // may need to match, sorted for binary search.
    for t in &base.topics {
        for c in t.name.iter().chain(&t.aliases).flat_map(|s| s.chars()) {
            han.insert(c);
        }
    }
    out.push_str("pub static READINGS: &[(char, &[&str])] = &[\n");
    for c in han {
        let r = readings(c);
        if !r.is_empty() {
            let _ = writeln!(out, "    ({c:?}, &{r:?}),");
        }
    }
    out.push_str("];\n\n");

    let _ = writeln!(
        out,
        "pub static CHECKED_AS_OF: &str = {:?};",
        base.checked_as_of().unwrap_or_default()
    );
    Compiled {
        layers_json: blob,
        index_rs: out,
    }
}

/// Appends one layer to the blob; returns its (offset, length).
fn push_layer(blob: &mut String, p: &Procedure) -> (usize, usize) {
    let at = blob.len();
    // Serialising plain structs of strings cannot fail.
    let json = serde_json::to_string(p).unwrap_or_default();
    blob.push_str(&json);
    blob.push('\n');
    (at, json.len())
}

/// Appends the search document of one layer: its title, its names (command
/// words, keywords) and its body text, lowercased, plus the pinyin of the
/// title and names.
fn push_doc(
    docs: &mut String,
    han: &mut BTreeSet<char>,
    proc_index: usize,
    region: Option<usize>,
    p: &Procedure,
    topic_words: &[&str],
    action: &str,
) {
    let title = p.title.clone().unwrap_or_default().to_lowercase();
    let mut names: Vec<String> = Vec::new();
    names.extend(p.action_name.iter().cloned());
    names.extend(p.cli_aliases.iter().cloned());
    names.extend(p.keywords.zh.iter().cloned());
    names.extend(p.keywords.en.iter().cloned());
    names.extend(p.keywords.pinyin.iter().cloned());
    names.extend(topic_words.iter().map(|s| s.to_string()));
    if !action.is_empty() {
        names.push(action.to_string());
    }
    let names = names.join("\n").to_lowercase();
    let mut body: Vec<&str> = Vec::new();
    body.extend(p.summary.as_deref());
    body.extend(p.conditions.iter().map(|f| f.text.as_str()));
    for m in &p.materials {
        body.push(&m.name);
        body.extend(m.alternatives.iter().map(String::as_str));
    }
    body.extend(p.prepare.iter().map(|f| f.text.as_str()));
    for c in &p.channels {
        body.push(&c.name);
        body.extend(c.path.as_deref());
    }
    body.extend(p.steps.iter().map(|s| s.text.as_str()));
    body.extend(p.tips.iter().map(|f| f.text.as_str()));
    body.extend(p.warnings.iter().map(|f| f.text.as_str()));
    body.extend(p.faq.iter().map(|f| f.q.as_str()));
    let body = body.join("\n").to_lowercase();
    for c in title.chars().chain(names.chars()) {
        if !c.is_ascii() {
            han.insert(c);
        }
    }
    let region = match region {
        Some(r) => r.to_string(),
        None => "NATIONAL".into(),
    };
    let _ = writeln!(
        docs,
        "    SearchDoc {{ procedure: {proc_index}, region: {region}, title: {title:?}, names: {names:?}, body: {body:?} }},"
    );
}
