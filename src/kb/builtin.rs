//! The built-in knowledge base, compiled into the binary by `build.rs` from
//! `data/` (see `compile.rs`). Static tables answer "what exists"; a
//! procedure's layers are decoded from JSON only when it is looked up.

use super::model::Procedure;
use super::region::{self, RegionInfo};

/// Region index that stands for the national layer.
pub const NATIONAL: u16 = u16::MAX;

/// A topic as the compiled base holds it.
#[derive(Debug)]
pub struct TopicInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub summary: &'static str,
    pub primary: &'static str,
}

/// A procedure: its names, and where its layers sit in the blob.
#[derive(Debug)]
pub struct ProcInfo {
    pub id: &'static str,
    /// Index into [`TOPICS`].
    pub topic: usize,
    pub action: &'static str,
    pub action_name: &'static str,
    pub cli_aliases: &'static [&'static str],
    pub title: &'static str,
    pub summary: &'static str,
    pub national: LayerRef,
    /// Regional layers, sorted by region index.
    pub layers: &'static [LayerRef],
}

/// One layer's span in the blob.
#[derive(Debug, Clone, Copy)]
pub struct LayerRef {
    pub region: u16,
    pub at: u32,
    pub len: u32,
}

/// A cited document.
#[derive(Debug)]
pub struct SourceInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub kind: &'static str,
    pub publisher: &'static str,
    pub file: &'static str,
    pub url: &'static str,
    pub date: &'static str,
    pub note: &'static str,
}

/// The searchable text of one layer (lowercased).
#[derive(Debug)]
pub struct SearchDoc {
    /// Index into [`PROCEDURES`].
    pub procedure: u16,
    /// Region index, or [`NATIONAL`].
    pub region: u16,
    pub title: &'static str,
    /// Command words and keywords, one per line.
    pub names: &'static str,
    pub body: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/kb_index.rs"));

static BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/kb_layers.json"));

/// Decodes one layer. The base was validated when the binary was built, so
/// failure means a corrupt build; it is reported, never a panic.
pub fn decode(layer: LayerRef) -> Result<Procedure, String> {
    let at = layer.at as usize;
    let text = BLOB
        .get(at..at + layer.len as usize)
        .ok_or_else(|| format!("built-in layer at {at} is out of range"))?;
    serde_json::from_str(text).map_err(|e| format!("built-in layer at {at}: {e}"))
}

/// The registry entry `text` names (id, code, Chinese name, alias).
pub fn region_by_key(text: &str) -> Option<&'static RegionInfo> {
    let key = region::normalize(text);
    REGION_KEYS
        .binary_search_by(|(k, _)| (*k).cmp(key.as_str()))
        .ok()
        .map(|i| &REGIONS[REGION_KEYS[i].1 as usize])
}

/// Index of a region in [`REGIONS`].
pub fn region_index(r: &RegionInfo) -> u16 {
    REGIONS
        .iter()
        .position(|x| x.id == r.id)
        .map_or(NATIONAL, |i| i as u16)
}

/// The layer of procedure `p` at region index `region`, if the base has one.
pub fn layer_at(p: &ProcInfo, region: u16) -> Option<LayerRef> {
    p.layers
        .binary_search_by_key(&region, |l| l.region)
        .ok()
        .map(|i| p.layers[i])
}

/// Pinyin readings of a Chinese character the base uses in names.
pub fn readings(c: char) -> &'static [&'static str] {
    READINGS
        .binary_search_by_key(&c, |(ch, _)| *ch)
        .map_or(&[], |i| READINGS[i].1)
}

pub fn procedure(id: &str) -> Option<&'static ProcInfo> {
    PROCEDURES.iter().find(|p| p.id == id)
}

pub fn source(id: &str) -> Option<&'static SourceInfo> {
    SOURCES.iter().find(|s| s.id == id)
}
