//! The JSON contract, mirrored field by field with `deny_unknown_fields`
//! (as casey/just does): real outputs are deserialised into these structs,
//! so a field added, renamed or dropped fails a test and the change has to
//! be deliberate (and `schema_version` considered).
//!
//! Conventions of the mirror:
//! - a plain field is always present;
//! - `#[serde(deserialize_with = "nullable")]` on an `Option` is always
//!   present but may be `null` (serialised without `skip_serializing_if`);
//! - `#[serde(default)]` marks a field that is left out when empty
//!   (`skip_serializing_if`).
//!
//! Resolved parts are `Sourced<T>` with `#[serde(flatten)]` in src, which
//! `deny_unknown_fields` cannot see through; the mirror spells each one out
//! as the item's fields plus `from`.
//!
//! Only the contract tests use it, each with
//! `#[path = "common/contract.rs"] mod contract;`: declared in `mod.rs`, its
//! derives would be compiled into every test binary.
#![allow(dead_code)]

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An `Option` that must be present (possibly `null`).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

// ---------------------------------------------------------------------------
// Shared parts

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRef {
    pub id: String,
    pub code: String,
    pub name: String,
    pub short: String,
    #[serde(default)]
    pub en: Option<String>,
    pub level: RegionLevel,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    City,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Province,
    City,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Builtin,
    /// A complete base given with `--data` in place of the built-in one.
    Base,
    Overlay,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerTag {
    pub level: Level,
    #[serde(default)]
    pub region: Option<String>,
    pub name: String,
    pub origin: Origin,
    #[serde(default)]
    pub file: Option<String>,
    pub checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Freshness {
    pub checked: String,
    pub months_old: i32,
    pub stale: bool,
    pub message: String,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Seed,
    Public,
    Check,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Insured {
    Employee,
    Flexible,
    Resident,
    Retiree,
    Minor,
    Agent,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    App,
    Wechat,
    Alipay,
    Web,
    Phone,
    Window,
    Bank,
    Employer,
    Kiosk,
    Hospital,
    Pharmacy,
    Post,
}

// ---------------------------------------------------------------------------
// A procedure page

/// `Sourced<Fact>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedFact {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub who: Vec<Insured>,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub note: Option<String>,
    pub from: String,
}

/// `Sourced<Material>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedMaterial {
    pub id: String,
    pub name: String,
    pub required: bool,
    #[serde(default)]
    pub alternatives: Vec<String>,
    #[serde(default)]
    pub who: Vec<Insured>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub copies: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    pub from: String,
}

/// `Sourced<Channel>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedChannel {
    pub id: String,
    pub kind: ChannelKind,
    pub name: String,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub hours: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    pub from: String,
}

/// `Sourced<Step>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedStep {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub channels: Vec<String>,
    #[serde(default)]
    pub who: Vec<Insured>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    pub from: String,
}

/// `Sourced<Faq>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedFaq {
    pub id: String,
    pub q: String,
    pub a: String,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    pub from: String,
}

/// `Sourced<ComparisonRow>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedRow {
    pub id: String,
    pub label: String,
    pub cells: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub src: Vec<String>,
    #[serde(default)]
    pub confidence: Option<Confidence>,
    pub from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolvedComparison {
    pub columns: Vec<String>,
    pub rows: Vec<SourcedRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFrom {
    pub field: String,
    pub from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolved {
    pub id: String,
    pub topic: String,
    pub action: String,
    pub title: String,
    pub action_name: String,
    pub summary: String,
    pub applies_to: Vec<Insured>,
    #[serde(deserialize_with = "nullable")]
    pub authority: Option<SourcedFact>,
    pub basis: Vec<SourcedFact>,
    pub conditions: Vec<SourcedFact>,
    pub materials: Vec<SourcedMaterial>,
    pub prepare: Vec<SourcedFact>,
    pub channels: Vec<SourcedChannel>,
    pub steps: Vec<SourcedStep>,
    #[serde(deserialize_with = "nullable")]
    pub time_limit: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    pub fees: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    pub validity: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    pub offline: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    pub proxy: Option<SourcedFact>,
    pub tips: Vec<SourcedFact>,
    pub warnings: Vec<SourcedFact>,
    pub faq: Vec<SourcedFaq>,
    #[serde(deserialize_with = "nullable")]
    pub comparison: Option<ResolvedComparison>,
    pub related: Vec<String>,
    pub checked: String,
    pub field_from: Vec<FieldFrom>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureRef {
    pub id: String,
    pub title: String,
    pub command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedurePage {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    #[serde(rename = "as", deserialize_with = "nullable")]
    pub who: Option<Insured>,
    pub not_for_you: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub region: Option<RegionRef>,
    pub regional_data: bool,
    pub coverage: String,
    pub layers: Vec<LayerTag>,
    pub procedure: Resolved,
    pub related: Vec<ProcedureRef>,
    pub sources: Vec<SourceRef>,
    pub freshness: Freshness,
    pub confirm_with: [String; 3],
}

// ---------------------------------------------------------------------------
// Other answers

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Condition,
    Material,
    Prepare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub section: Section,
    pub text: String,
    pub required: bool,
    pub alternatives: Vec<String>,
    pub who: Vec<Insured>,
    pub for_you: bool,
    #[serde(default)]
    pub note: Option<String>,
    pub have: bool,
    pub from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    #[serde(rename = "as", deserialize_with = "nullable")]
    pub who: Option<Insured>,
    #[serde(deserialize_with = "nullable")]
    pub region: Option<RegionRef>,
    pub regional_data: bool,
    pub coverage: String,
    pub layers: Vec<LayerTag>,
    pub procedure: ProcedureRef,
    pub items: Vec<ChecklistItem>,
    pub missing: Vec<String>,
    pub unmatched_have: Vec<String>,
    pub have_given: bool,
    pub freshness: Freshness,
    pub confirm_with: [String; 3],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureSummary {
    pub id: String,
    pub topic: String,
    pub action: String,
    pub action_name: String,
    pub aliases: Vec<String>,
    pub title: String,
    pub summary: String,
    pub command: String,
    pub regions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureList {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    pub procedures: Vec<ProcedureSummary>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicSummary {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub primary: String,
    pub procedures: Vec<ProcedureSummary>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    pub version: String,
    pub checked_as_of: String,
    pub topics: Vec<TopicSummary>,
    pub examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicPage {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    pub topic: TopicSummary,
}

/// `RegionEntry`: a flattened `RegionRef` plus English name, aliases and
/// procedures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    pub id: String,
    pub code: String,
    pub name: String,
    pub short: String,
    pub level: RegionLevel,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
    pub aliases: Vec<String>,
    pub procedures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionList {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    pub regions: Vec<RegionEntry>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Name,
    Title,
    Pinyin,
    Text,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    Procedure,
    Term,
    Plan,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResult {
    pub rank: usize,
    pub kind: ResultKind,
    pub id: String,
    pub title: String,
    pub command: String,
    pub score: u32,
    pub covered: usize,
    pub matched: MatchKind,
    pub regions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryWord {
    pub word: String,
    #[serde(default)]
    pub means: Vec<String>,
    #[serde(default)]
    pub parts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResults {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    pub query: String,
    pub understood: Vec<QueryWord>,
    #[serde(deserialize_with = "nullable")]
    pub region: Option<RegionRef>,
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqItem {
    pub procedure: String,
    pub procedure_title: String,
    pub id: String,
    pub q: String,
    pub a: String,
    pub from: String,
    pub src: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqPage {
    pub schema_version: u32,
    pub kind: String,
    pub lang: Lang,
    #[serde(deserialize_with = "nullable")]
    pub region: Option<RegionRef>,
    pub items: Vec<FaqItem>,
    pub freshness: Freshness,
    pub confirm_with: [String; 3],
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingJson {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationReport {
    pub schema_version: u32,
    pub kind: String,
    pub path: String,
    pub mode: String,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub code: u8,
    pub kind: String,
    pub message: String,
    #[serde(default)]
    pub given: Option<String>,
    #[serde(default)]
    pub suggestions: Vec<String>,
    #[serde(default)]
    pub findings: Vec<FindingJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorJson {
    pub schema_version: u32,
    pub error: ErrorBody,
}

// ---------------------------------------------------------------------------
// Helpers

/// Deserialises `v` strictly, naming the command on failure.
pub fn strict<T: for<'de> Deserialize<'de>>(v: &Value, what: &str) -> T {
    T::deserialize(v).unwrap_or_else(|e| panic!("{what}: JSON contract changed: {e}\n{v:#}"))
}
