//! The JSON contract, mirrored field by field with `deny_unknown_fields`
//! (as casey/just does): real outputs are deserialised into these structs,
//! so a field added, renamed or dropped fails here and the change has to be
//! deliberate (and `schema_version` considered).
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
#![allow(dead_code)]

mod common;

use common::*;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An `Option` that must be present (possibly `null`).
fn nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
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
struct RegionRef {
    id: String,
    code: String,
    name: String,
    short: String,
    #[serde(default)]
    en: Option<String>,
    level: RegionLevel,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RegionLevel {
    Province,
    City,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Level {
    National,
    Province,
    City,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Origin {
    Builtin,
    /// A complete base given with `--data` in place of the built-in one.
    Base,
    Overlay,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerTag {
    level: Level,
    #[serde(default)]
    region: Option<String>,
    name: String,
    origin: Origin,
    #[serde(default)]
    file: Option<String>,
    checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Freshness {
    checked: String,
    months_old: i32,
    stale: bool,
    message: String,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Confidence {
    Seed,
    Public,
    Check,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Lang {
    Zh,
    En,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Insured {
    Employee,
    Flexible,
    Resident,
    Retiree,
    Minor,
    Agent,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ChannelKind {
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
struct SourcedFact {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    who: Vec<Insured>,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default)]
    note: Option<String>,
    from: String,
}

/// `Sourced<Material>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedMaterial {
    id: String,
    name: String,
    required: bool,
    #[serde(default)]
    alternatives: Vec<String>,
    #[serde(default)]
    who: Vec<Insured>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    copies: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    from: String,
}

/// `Sourced<Channel>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedChannel {
    id: String,
    kind: ChannelKind,
    name: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    hours: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    from: String,
}

/// `Sourced<Step>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedStep {
    id: String,
    text: String,
    #[serde(default)]
    channels: Vec<String>,
    #[serde(default)]
    who: Vec<Insured>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    from: String,
}

/// `Sourced<Faq>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedFaq {
    id: String,
    q: String,
    a: String,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    from: String,
}

/// `Sourced<ComparisonRow>`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcedRow {
    id: String,
    label: String,
    cells: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    src: Vec<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolvedComparison {
    columns: Vec<String>,
    rows: Vec<SourcedRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldFrom {
    field: String,
    from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Resolved {
    id: String,
    topic: String,
    action: String,
    title: String,
    action_name: String,
    summary: String,
    applies_to: Vec<Insured>,
    #[serde(deserialize_with = "nullable")]
    authority: Option<SourcedFact>,
    basis: Vec<SourcedFact>,
    conditions: Vec<SourcedFact>,
    materials: Vec<SourcedMaterial>,
    prepare: Vec<SourcedFact>,
    channels: Vec<SourcedChannel>,
    steps: Vec<SourcedStep>,
    #[serde(deserialize_with = "nullable")]
    time_limit: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    fees: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    validity: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    offline: Option<SourcedFact>,
    #[serde(deserialize_with = "nullable")]
    proxy: Option<SourcedFact>,
    tips: Vec<SourcedFact>,
    warnings: Vec<SourcedFact>,
    faq: Vec<SourcedFaq>,
    #[serde(deserialize_with = "nullable")]
    comparison: Option<ResolvedComparison>,
    related: Vec<String>,
    checked: String,
    field_from: Vec<FieldFrom>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureRef {
    id: String,
    title: String,
    command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRef {
    id: String,
    title: String,
    kind: String,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedurePage {
    schema_version: u32,
    kind: String,
    lang: Lang,
    #[serde(rename = "as", deserialize_with = "nullable")]
    who: Option<Insured>,
    not_for_you: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    region: Option<RegionRef>,
    regional_data: bool,
    coverage: String,
    layers: Vec<LayerTag>,
    procedure: Resolved,
    related: Vec<ProcedureRef>,
    sources: Vec<SourceRef>,
    freshness: Freshness,
    confirm_with: [String; 3],
}

// ---------------------------------------------------------------------------
// Other answers

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Section {
    Condition,
    Material,
    Prepare,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistItem {
    id: String,
    section: Section,
    text: String,
    required: bool,
    alternatives: Vec<String>,
    who: Vec<Insured>,
    for_you: bool,
    #[serde(default)]
    note: Option<String>,
    have: bool,
    from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checklist {
    schema_version: u32,
    kind: String,
    lang: Lang,
    #[serde(rename = "as", deserialize_with = "nullable")]
    who: Option<Insured>,
    #[serde(deserialize_with = "nullable")]
    region: Option<RegionRef>,
    regional_data: bool,
    coverage: String,
    layers: Vec<LayerTag>,
    procedure: ProcedureRef,
    items: Vec<ChecklistItem>,
    missing: Vec<String>,
    unmatched_have: Vec<String>,
    have_given: bool,
    freshness: Freshness,
    confirm_with: [String; 3],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureSummary {
    id: String,
    topic: String,
    action: String,
    action_name: String,
    aliases: Vec<String>,
    title: String,
    summary: String,
    command: String,
    regions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureList {
    schema_version: u32,
    kind: String,
    lang: Lang,
    procedures: Vec<ProcedureSummary>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicSummary {
    id: String,
    name: String,
    aliases: Vec<String>,
    summary: String,
    primary: String,
    procedures: Vec<ProcedureSummary>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overview {
    schema_version: u32,
    kind: String,
    lang: Lang,
    version: String,
    checked_as_of: String,
    topics: Vec<TopicSummary>,
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicPage {
    schema_version: u32,
    kind: String,
    lang: Lang,
    topic: TopicSummary,
}

/// `RegionEntry`: a flattened `RegionRef` plus English name, aliases and
/// procedures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    id: String,
    code: String,
    name: String,
    short: String,
    level: RegionLevel,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    en: Option<String>,
    aliases: Vec<String>,
    procedures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionList {
    schema_version: u32,
    kind: String,
    lang: Lang,
    regions: Vec<RegionEntry>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum MatchKind {
    Name,
    Title,
    Pinyin,
    Text,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ResultKind {
    Procedure,
    Term,
    Plan,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchResult {
    rank: usize,
    kind: ResultKind,
    id: String,
    title: String,
    command: String,
    score: u32,
    covered: usize,
    matched: MatchKind,
    regions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryWord {
    word: String,
    #[serde(default)]
    means: Vec<String>,
    #[serde(default)]
    parts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchResults {
    schema_version: u32,
    kind: String,
    lang: Lang,
    query: String,
    understood: Vec<QueryWord>,
    #[serde(deserialize_with = "nullable")]
    region: Option<RegionRef>,
    results: Vec<SearchResult>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqItem {
    procedure: String,
    procedure_title: String,
    id: String,
    q: String,
    a: String,
    from: String,
    src: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqPage {
    schema_version: u32,
    kind: String,
    lang: Lang,
    #[serde(deserialize_with = "nullable")]
    region: Option<RegionRef>,
    items: Vec<FaqItem>,
    freshness: Freshness,
    confirm_with: [String; 3],
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingJson {
    file: String,
    line: usize,
    column: usize,
    code: String,
    severity: Severity,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidationReport {
    schema_version: u32,
    kind: String,
    path: String,
    mode: String,
    files: usize,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorBody {
    code: u8,
    kind: String,
    message: String,
    #[serde(default)]
    given: Option<String>,
    #[serde(default)]
    suggestions: Vec<String>,
    #[serde(default)]
    findings: Vec<FindingJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorJson {
    schema_version: u32,
    error: ErrorBody,
}

// ---------------------------------------------------------------------------
// Helpers

/// Deserialises `v` strictly, naming the command on failure.
fn strict<T: for<'de> Deserialize<'de>>(v: &Value, what: &str) -> T {
    T::deserialize(v).unwrap_or_else(|e| panic!("{what}: JSON contract changed: {e}\n{v:#}"))
}

fn page(args: &[&str]) -> ProcedurePage {
    let mut a = args.to_vec();
    a.push("--json");
    strict(&ok_json(&a), &args.join(" "))
}

/// Checks the invariants every procedure page holds.
fn check_page(p: &ProcedurePage, what: &str) {
    assert_eq!(p.schema_version, 1, "{what}");
    assert_eq!(p.kind, "procedure", "{what}");
    assert_eq!(p.confirm_with[0], "当地医保经办机构", "{what}");
    assert!(
        !p.layers.is_empty() && p.layers[0].level == Level::National,
        "{what}: national layer first"
    );
    assert!(
        p.layers[0].region.is_none(),
        "{what}: the national layer has no region"
    );
    assert_eq!(p.regional_data, p.layers.len() > 1, "{what}");
    let keys: Vec<String> = p
        .layers
        .iter()
        .map(|l| match (l.origin, &l.region) {
            (Origin::Builtin | Origin::Base, Some(r)) => r.clone(),
            (Origin::Builtin | Origin::Base, None) => "national".into(),
            (Origin::Overlay, r) => format!("overlay:{}", r.as_deref().unwrap_or("national")),
        })
        .collect();
    let r = &p.procedure;
    assert_eq!(format!("{}.{}", r.topic, r.action), r.id, "{what}");
    assert!(
        !r.title.is_empty() && !r.summary.is_empty() && !r.checked.is_empty(),
        "{what}"
    );
    let mut froms: Vec<&str> = Vec::new();
    froms.extend(
        r.basis
            .iter()
            .chain(&r.conditions)
            .chain(&r.prepare)
            .chain(&r.tips)
            .chain(&r.warnings)
            .map(|f| f.from.as_str()),
    );
    froms.extend(r.materials.iter().map(|m| m.from.as_str()));
    froms.extend(r.channels.iter().map(|m| m.from.as_str()));
    froms.extend(r.steps.iter().map(|m| m.from.as_str()));
    froms.extend(r.faq.iter().map(|m| m.from.as_str()));
    froms.extend(
        [
            &r.authority,
            &r.time_limit,
            &r.fees,
            &r.validity,
            &r.offline,
            &r.proxy,
        ]
        .into_iter()
        .flatten()
        .map(|f| f.from.as_str()),
    );
    froms.extend(r.field_from.iter().map(|f| f.from.as_str()));
    if let Some(c) = &r.comparison {
        froms.extend(c.rows.iter().map(|x| x.from.as_str()));
        for row in &c.rows {
            assert_eq!(
                row.cells.len(),
                c.columns.len(),
                "{what}: row {} has one cell per column",
                row.id
            );
        }
    }
    for f in froms {
        assert!(
            keys.iter().any(|k| k == f),
            "{what}: part from {f:?} names no layer ({keys:?})"
        );
    }
    // Steps refer to channels that exist.
    for s in &r.steps {
        for c in &s.channels {
            assert!(
                r.channels.iter().any(|ch| &ch.id == c),
                "{what}: step {} uses unknown channel {c}",
                s.id
            );
        }
    }
    for rel in &p.related {
        assert!(r.related.contains(&rel.id), "{what}: related {}", rel.id);
        assert!(rel.command.starts_with("yibao "), "{what}");
    }
    for s in &p.sources {
        assert!(
            s.kind == "seed" || s.kind == "public",
            "{what}: source kind {}",
            s.kind
        );
    }
    assert!(p.freshness.message.contains(&p.freshness.checked), "{what}");
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn procedure_card_apply_heilongjiang_matches_the_contract() {
    let p = page(&["card", "apply", "--region", "heilongjiang"]);
    check_page(&p, "card apply --region heilongjiang");
    let region = p.region.as_ref().expect("region");
    assert_eq!(
        (region.id.as_str(), region.level, region.parent.as_deref()),
        ("heilongjiang", RegionLevel::Province, None)
    );
    assert_eq!(region.code, "230000");
    assert_eq!(p.layers.len(), 2);
    assert_eq!(p.layers[1].level, Level::Province);
    assert_eq!(p.layers[1].origin, Origin::Builtin);
    assert_eq!(p.layers[1].name, "黑龙江省");
    assert!(
        p.layers.iter().all(|l| l.file.is_none()),
        "built-in layers have no file"
    );
    assert_eq!(p.procedure.steps.len(), 5);
    assert!(p.procedure.steps.iter().all(|s| s.from == "heilongjiang"));
    let id_card = p
        .procedure
        .materials
        .iter()
        .find(|m| m.id == "id-card")
        .expect("id-card");
    assert_eq!(id_card.name, "居民身份证");
    assert!(id_card.required);
    assert_eq!(id_card.alternatives, ["户口簿"]);
    assert!(p.procedure.authority.is_some() && p.procedure.comparison.is_none());
    assert!(
        p.procedure
            .channels
            .iter()
            .any(|c| c.kind == ChannelKind::Alipay && c.from == "heilongjiang")
    );
    assert!(!p.freshness.stale && p.freshness.months_old == 0);
}

#[test]
fn procedure_family_bind_heihe_matches_the_contract() {
    let p = page(&["family", "bind", "--region", "heihe"]);
    check_page(&p, "family bind --region heihe");
    let region = p.region.as_ref().expect("region");
    assert_eq!(region.id, "heihe");
    assert_eq!(region.level, RegionLevel::City);
    assert_eq!(region.parent.as_deref(), Some("heilongjiang"));
    assert_eq!(p.layers.len(), 2);
    assert_eq!(p.layers[1].level, Level::City);
    assert_eq!(p.layers[1].region.as_deref(), Some("heihe"));
    let app = p
        .procedure
        .channels
        .iter()
        .find(|c| c.id == "nhsa-app-local")
        .expect("nhsa-app-local");
    assert_eq!(app.kind, ChannelKind::App);
    assert_eq!(app.from, "heihe");
    assert!(
        app.path.as_deref().is_some_and(|x| x.contains("家庭共济")),
        "{app:?}"
    );
    assert!(
        p.procedure
            .field_from
            .iter()
            .any(|f| f.field == "summary" && f.from == "heihe")
    );
}

#[test]
fn every_procedure_in_every_region_kind_matches_the_contract() {
    for id in procedure_ids() {
        let words = command_words(&id);
        for region in [None, Some("heilongjiang"), Some("heihe"), Some("hainan")] {
            let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some(r) = region {
                args.extend(["--region", r]);
            }
            let p = page(&args);
            check_page(&p, &args.join(" "));
            assert_eq!(p.procedure.id, id);
            assert_eq!(p.region.as_ref().map(|r| r.id.as_str()), region);
        }
    }
}

#[test]
fn checklist_matches_the_contract() {
    for args in [
        &["filing", "checklist"][..],
        &["filing", "checklist", "--region", "heilongjiang"][..],
        &["card", "checklist", "--have", "身份证,照片,火星卡"][..],
        &["family", "checklist", "bind", "--region", "heihe"][..],
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        let c: Checklist = strict(&ok_json(&a), &args.join(" "));
        assert_eq!(c.schema_version, 1);
        assert_eq!(c.kind, "checklist");
        assert!(!c.items.is_empty(), "{args:?}");
        assert!(!c.layers.is_empty());
        assert!(c.procedure.command.starts_with("yibao "));
        assert_eq!(c.have_given, args.contains(&"--have"));
        assert_eq!(c.regional_data, c.layers.len() > 1);
        assert!(
            c.items
                .iter()
                .all(|i| !i.id.is_empty() && !i.text.is_empty())
        );
        let expected_missing: Vec<&str> = c
            .items
            .iter()
            .filter(|i| i.required && !i.have)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(c.missing, expected_missing, "{args:?}");
        assert!(!c.freshness.checked.is_empty());
        assert_eq!(c.confirm_with.len(), 3);
        if args.contains(&"--have") {
            assert_eq!(c.unmatched_have, ["火星卡"]);
            assert!(
                c.items
                    .iter()
                    .any(|i| i.have && i.section == Section::Material)
            );
        }
    }
}

#[test]
fn list_matches_the_contract() {
    let l: ProcedureList = strict(&ok_json(["list", "--json"]), "list");
    assert_eq!(l.schema_version, 1);
    assert_eq!(l.kind, "list");
    assert_eq!(l.procedures.len(), procedure_ids().len());
    for p in &l.procedures {
        assert_eq!(p.id, format!("{}.{}", p.topic, p.action));
        assert_eq!(p.command, format!("yibao {} {}", p.topic, p.action));
        assert!(!p.title.is_empty() && !p.summary.is_empty() && !p.action_name.is_empty());
    }
    let fb = l.procedures.iter().find(|p| p.id == "family.bind").unwrap();
    assert_eq!(fb.regions, ["heihe"]);
    let ca = l.procedures.iter().find(|p| p.id == "card.apply").unwrap();
    assert_eq!(ca.regions, ["heilongjiang"]);
}

#[test]
fn overview_and_topic_pages_match_the_contract() {
    let o: Overview = strict(&ok_json(["--json"]), "overview");
    assert_eq!((o.schema_version, o.kind.as_str()), (1, "overview"));
    assert_eq!(o.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(o.checked_as_of.len(), 10);
    assert_eq!(o.topics.len(), 6);
    assert!(o.examples.contains(&"yibao filing checklist".to_string()));
    for t in &o.topics {
        let page: TopicPage = strict(&ok_json([t.id.as_str(), "--json"]), &t.id);
        assert_eq!((page.schema_version, page.kind.as_str()), (1, "topic"));
        assert_eq!(page.topic.id, t.id);
        assert_eq!(page.topic.name, t.name);
        assert_eq!(page.topic.aliases, t.aliases);
        assert_eq!(page.topic.summary, t.summary);
        assert!(
            page.topic.procedures.iter().any(|p| p.id == t.primary),
            "{}: primary {}",
            t.id,
            t.primary
        );
    }
}

#[test]
fn regions_match_the_contract() {
    let r: RegionList = strict(&ok_json(["regions", "--json"]), "regions");
    assert_eq!((r.schema_version, r.kind.as_str()), (1, "regions"));
    assert_eq!(r.regions.iter().filter(|x| x.parent.is_none()).count(), 32);
    for e in &r.regions {
        assert_eq!(e.parent.is_some(), e.level == RegionLevel::City, "{e:?}");
        assert!(
            !e.name.is_empty() && !e.short.is_empty() && e.code.len() == 6,
            "{e:?}"
        );
        // Every region of the built-in registry has an English name.
        assert!(e.en.as_deref().is_some_and(|en| !en.is_empty()), "{e:?}");
        let _ = (&e.aliases, &e.procedures, &e.id);
    }
}

#[test]
fn search_matches_the_contract() {
    let s: SearchResults = strict(&ok_json(["search", "补办", "--json"]), "search 补办");
    assert_eq!(
        (s.schema_version, s.kind.as_str(), s.query.as_str()),
        (1, "search", "补办")
    );
    assert!(s.region.is_none());
    assert_eq!(s.lang, Lang::Zh);
    assert_eq!(s.understood.len(), 1);
    assert_eq!(s.understood[0].word, "补办");
    assert_eq!(s.results[0].id, "card.replace");
    assert_eq!(s.results[0].kind, ResultKind::Procedure);
    assert_eq!(s.results[0].rank, 1);
    assert_eq!(s.results[0].covered, 1);
    assert_eq!(s.results[0].matched, MatchKind::Name);
    // Procedures and terms by score; plans the question does not name
    // after them, by score too.
    let (plans, others): (Vec<&SearchResult>, Vec<&SearchResult>) =
        s.results.iter().partition(|r| r.kind == ResultKind::Plan);
    for list in [&others, &plans] {
        for w in list.windows(2) {
            assert!(w[0].score >= w[1].score, "ranked by score: {w:?}");
        }
    }
    assert!(others.iter().all(|o| plans.iter().all(|p| o.rank < p.rank)));
    for w in s.results.windows(2) {
        assert_eq!(w[0].rank + 1, w[1].rank);
    }
    let s: SearchResults = strict(
        &ok_json(["search", "家庭共济", "--region", "heihe", "--json"]),
        "search --region heihe",
    );
    assert_eq!(s.region.map(|r| r.id), Some("heihe".to_string()));
}

#[test]
fn faq_matches_the_contract() {
    let f: FaqPage = strict(&ok_json(["faq", "--json"]), "faq");
    assert_eq!((f.schema_version, f.kind.as_str()), (1, "faq"));
    assert!(f.region.is_none());
    assert!(f.items.len() >= 10, "{}", f.items.len());
    for i in &f.items {
        assert!(
            !i.q.is_empty() && !i.a.is_empty() && !i.id.is_empty() && !i.procedure_title.is_empty()
        );
        assert!(!i.src.is_empty(), "faq {} cites a source", i.id);
        assert_eq!(i.from, "national");
        assert!(i.procedure.contains('.'));
    }
    assert_eq!(f.confirm_with.len(), 3);
    let _ = f.freshness.months_old;
    let card: FaqPage = strict(
        &ok_json(["faq", "card", "--region", "heilongjiang", "--json"]),
        "faq card",
    );
    assert!(card.items.iter().all(|i| i.procedure.starts_with("card.")));
    assert_eq!(card.region.map(|r| r.id), Some("heilongjiang".to_string()));
}

#[test]
fn validation_report_matches_the_contract() {
    let good = fixture("overlay-good");
    let v = ok_json([
        std::ffi::OsStr::new("data"),
        "validate".as_ref(),
        good.as_os_str(),
        "--json".as_ref(),
    ]);
    let rep: ValidationReport = strict(&v, "data validate overlay-good");
    assert_eq!(
        (rep.schema_version, rep.kind.as_str(), rep.mode.as_str()),
        (1, "validation", "overlay")
    );
    assert_eq!((rep.files, rep.errors), (1, 0));
    let _ = (&rep.path, rep.warnings, &rep.findings);

    let bad = fixture("overlay-unknown-field");
    let r = run([
        std::ffi::OsStr::new("data"),
        "validate".as_ref(),
        bad.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, Some(4), "{}", r.stderr);
    let rep: ValidationReport = strict(&r.json(), "data validate overlay-unknown-field");
    assert_eq!(rep.errors, 1);
    assert_eq!(rep.findings[0].code, "E003");
    assert_eq!(rep.findings[0].severity, Severity::Error);
    assert_eq!((rep.findings[0].line, rep.findings[0].column), (5, 5));
    assert!(rep.findings[0].file.ends_with("family.yaml"));
    assert!(rep.findings[0].message.contains("titel"));
}

#[test]
fn error_json_on_stderr_matches_the_contract() {
    let r = run(["card", "apply", "--region", "heilongjang", "--json"]);
    assert_eq!(r.code, Some(3));
    assert!(r.stdout.is_empty(), "errors go to stderr only");
    assert_eq!(r.stderr.lines().count(), 1, "one JSON line: {}", r.stderr);
    let e: ErrorJson = strict(&r.stderr_json(), "unknown region error");
    assert_eq!(e.schema_version, 1);
    assert_eq!(e.error.code, 3);
    assert_eq!(e.error.kind, "unknown_region");
    assert_eq!(e.error.given.as_deref(), Some("heilongjang"));
    assert!(e.error.suggestions[0].starts_with("heilongjiang"));
    assert!(e.error.message.contains("heilongjang"));
    assert!(e.error.findings.is_empty());

    // Other kinds of errors use the same envelope.
    for (args, code, kind) in [
        (&["crad", "--json"][..], 3u8, "unknown_topic"),
        (&["card", "aply", "--json"][..], 3, "unknown_action"),
        (&["show", "card.nope", "--json"][..], 3, "unknown_procedure"),
        (
            &["card", "apply", "--format", "xml", "--json"][..],
            2,
            "usage",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(i32::from(code)), "{args:?}: {}", r.stderr);
        let e: ErrorJson = strict(&r.stderr_json(), &args.join(" "));
        assert_eq!(
            (e.error.code, e.error.kind.as_str()),
            (code, kind),
            "{args:?}"
        );
        assert!(!e.error.message.is_empty());
    }

    // Invalid overlay: findings with file, line, column.
    let bad = fixture("overlay-unknown-field");
    let r = run([
        std::ffi::OsStr::new("family"),
        "bind".as_ref(),
        "--data".as_ref(),
        bad.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, Some(4));
    let e: ErrorJson = strict(&r.stderr_json(), "invalid overlay");
    assert_eq!((e.error.code, e.error.kind.as_str()), (4, "invalid_data"));
    assert!(e.error.given.is_none() && e.error.suggestions.is_empty());
    assert_eq!(e.error.findings.len(), 1);
    assert_eq!(e.error.findings[0].code, "E003");
}

#[test]
fn contract_rejects_unknown_fields() {
    // The mirror is strict: one extra key anywhere fails.
    let mut v = ok_json(["card", "apply", "--json"]);
    v["procedure"]["steps"][0]["extra"] = Value::from(1);
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "an unknown field must fail the contract"
    );
    let mut v = ok_json(["card", "apply", "--json"]);
    v.as_object_mut().unwrap().remove("coverage");
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "a missing field must fail the contract"
    );
    let mut v = ok_json(["card", "apply", "--json"]);
    v["procedure"].as_object_mut().unwrap().remove("authority");
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "a nullable field must still be present"
    );
}

#[test]
fn yaml_output_carries_the_same_contract() {
    let yaml = ok(["family", "bind", "--region", "heihe", "--format", "yaml"]);
    let v: Value = serde_yaml::from_str(&yaml).expect("YAML parses");
    let p: ProcedurePage = strict(&v, "family bind yaml");
    check_page(&p, "family bind yaml");
}

#[test]
fn schema_command_prints_json_schemas() {
    for which in [
        &["schema"][..],
        &["schema", "output"][..],
        &["schema", "data"][..],
    ] {
        let v = ok_json(which);
        assert!(v.is_object(), "{which:?}");
        let text = v.to_string();
        assert!(
            text.contains("\"$schema\"") || text.contains("\"properties\""),
            "{which:?}: {text:.200}"
        );
    }
    let output = ok_json(["schema"]).to_string();
    for key in [
        "schema_version",
        "regional_data",
        "coverage",
        "layers",
        "missing",
        "field_from",
    ] {
        assert!(output.contains(key), "the output schema documents {key}");
    }
}
