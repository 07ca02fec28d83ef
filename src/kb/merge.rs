//! Layering: a national procedure, then the province's layer, then the
//! city's, then the user's overlays, merged into one [`Resolved`] procedure
//! that remembers which layer each part came from.
//!
//! Merge rules (README "Regional layers and overlays"):
//! - single values (title, summary, action_name, authority, time_limit, fees,
//!   validity, offline, proxy, applies_to, comparison columns) — a layer that
//!   gives one replaces the one below;
//! - lists of items with ids (basis, conditions, materials, prepare, channels,
//!   steps, tips, warnings, faq, comparison rows) — an item whose id is already
//!   there replaces it in place, a new id is appended;
//! - `replace: [steps, …]` — those lists of the layer replace the ones below whole;
//! - `remove: [id, …]` — items with these ids are dropped from every list;
//! - related procedures and search keywords — extended, without repeats.

use super::i18n::{Texts, no_texts, texts_struct};
use super::model::{
    Channel, ComparisonRow, Confidence, Fact, Faq, Insured, Keywords, List, ListField, Material,
    Procedure, Step, Str, Text,
};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Where a layer sits: its region level, and whether it is built in, from a
/// complete base given with `--data`, or the user's overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LayerTag {
    /// `national`, `province` or `city`.
    pub level: Level,
    /// Region id; absent for the national layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
    /// Chinese name of the region, or 全国.
    pub name: Text,
    /// `builtin`, `base` or `overlay`.
    pub origin: Origin,
    /// File the layer was read from (`--data`); absent for built-in layers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The layer's `checked` date.
    pub checked: Text,
}

impl LayerTag {
    /// The short key that each resolved part's `from` field holds:
    /// `national`, the region id, or `overlay:` and either. A complete base
    /// replaces the built-in one, so its keys are the same as built-in ones.
    pub fn key(&self) -> Text {
        match (self.origin, &self.region) {
            (Origin::Builtin | Origin::Base, Some(r)) => r.clone(),
            (Origin::Builtin | Origin::Base, None) => Cow::Borrowed("national"),
            (Origin::Overlay, r) => {
                Cow::Owned(format!("overlay:{}", r.as_deref().unwrap_or("national")))
            }
        }
    }
}

/// Region level of a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Province,
    City,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::National => "全国",
            Level::Province => "省级",
            Level::City => "市级",
        }
    }
}

/// Whether a layer is part of the built-in base, of a complete base given
/// with `--data` in its place, or of a user overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Builtin,
    Base,
    Overlay,
}

/// A resolved part together with the key of the layer it came from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sourced<T> {
    #[serde(flatten)]
    pub item: T,
    /// Key of the layer this part came from (see [`LayerTag::key`]).
    pub from: Text,
}

/// A procedure with every layer applied.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Resolved {
    pub id: Text,
    pub topic: Text,
    pub action: Text,
    pub title: Str,
    pub action_name: Str,
    pub summary: Str,
    pub applies_to: List<Insured>,
    pub authority: Option<Sourced<Fact>>,
    pub basis: Vec<Sourced<Fact>>,
    pub conditions: Vec<Sourced<Fact>>,
    pub materials: Vec<Sourced<Material>>,
    pub prepare: Vec<Sourced<Fact>>,
    pub channels: Vec<Sourced<Channel>>,
    pub steps: Vec<Sourced<Step>>,
    pub time_limit: Option<Sourced<Fact>>,
    pub fees: Option<Sourced<Fact>>,
    pub validity: Option<Sourced<Fact>>,
    /// The way without a smartphone (不用智能手机怎么办).
    pub offline: Option<Sourced<Fact>>,
    /// Acting for someone else (帮别人办（代办）).
    pub proxy: Option<Sourced<Fact>>,
    pub tips: Vec<Sourced<Fact>>,
    pub warnings: Vec<Sourced<Fact>>,
    pub faq: Vec<Sourced<Faq>>,
    pub comparison: Option<ResolvedComparison>,
    pub related: Vec<Text>,
    /// The oldest `checked` date among the layers applied.
    pub checked: Text,
    /// Which layer gave the single values: `title`, `summary`, …
    pub field_from: Vec<FieldFrom>,
    /// Search words (not part of the printed guide).
    #[serde(skip)]
    pub keywords: Keywords,
    /// Ids that `remove` directives asked for but no lower layer had.
    #[serde(skip)]
    pub unmatched_removals: Vec<(Text, Text)>,
}

impl<T: Texts> Texts for Sourced<T> {
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
        self.item.each_text(field, f);
    }
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
        self.item.each_text_mut(f);
    }
}

no_texts!(FieldFrom, (Text, Text));

texts_struct!(ResolvedComparison { columns, rows });

texts_struct!(Resolved {
    id,
    topic,
    action,
    title,
    action_name,
    summary,
    applies_to,
    authority,
    basis,
    conditions,
    materials,
    prepare,
    channels,
    steps,
    time_limit,
    fees,
    validity,
    offline,
    proxy,
    tips,
    warnings,
    faq,
    comparison,
    related,
    checked,
    field_from,
    keywords,
    unmatched_removals,
});

/// Which layer a single value came from.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FieldFrom {
    pub field: &'static str,
    pub from: Text,
}

/// A comparison table with each row's provenance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ResolvedComparison {
    pub columns: List<Str>,
    pub rows: Vec<Sourced<ComparisonRow>>,
}

/// Anything with an id inside a procedure's lists.
pub trait Keyed {
    fn key(&self) -> Option<&str>;
}

impl Keyed for Fact {
    fn key(&self) -> Option<&str> {
        self.id.as_deref()
    }
}
macro_rules! keyed_by_id {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            fn key(&self) -> Option<&str> { Some(&self.id) }
        }
    )*};
}
keyed_by_id!(Material, Channel, Step, Faq, ComparisonRow);

/// Every fact-like part of a procedure exposes its sources and confidence the
/// same way, so checks and renderers can treat them alike.
pub trait Cited {
    fn src(&self) -> &[Text];
    fn confidence(&self) -> Option<Confidence>;
}
macro_rules! cited {
    ($($t:ty),*) => {$(
        impl Cited for $t {
            fn src(&self) -> &[Text] { &self.src }
            fn confidence(&self) -> Option<Confidence> { self.confidence }
        }
    )*};
}
cited!(Fact, Material, Channel, Step, Faq, ComparisonRow);

/// Merges `layers` (lowest first; the first must be the national
/// procedure) into one resolved procedure. The layers are consumed: their
/// parts move into the result without copying.
pub fn resolve(layers: impl IntoIterator<Item = (LayerTag, Procedure)>) -> Resolved {
    let mut r: Option<Resolved> = None;
    for (tag, layer) in layers {
        let r = r.get_or_insert_with(|| empty(&layer.id));
        apply(r, &tag, layer);
    }
    r.unwrap_or_else(|| empty(&Text::default()))
}

fn empty(id: &Text) -> Resolved {
    let (topic, action) = split_text(id);
    Resolved {
        id: id.clone(),
        topic,
        action,
        title: Str::default(),
        action_name: Str::default(),
        summary: Str::default(),
        applies_to: List::default(),
        authority: None,
        basis: Vec::new(),
        conditions: Vec::new(),
        materials: Vec::new(),
        prepare: Vec::new(),
        channels: Vec::new(),
        steps: Vec::new(),
        time_limit: None,
        fees: None,
        validity: None,
        offline: None,
        proxy: None,
        tips: Vec::new(),
        warnings: Vec::new(),
        faq: Vec::new(),
        comparison: None,
        related: Vec::new(),
        checked: Text::default(),
        field_from: Vec::new(),
        keywords: Keywords::default(),
        unmatched_removals: Vec::new(),
    }
}

/// Splits `card.replace` into (`card`, `replace`).
pub fn split_id(id: &str) -> (&str, &str) {
    id.split_once('.').unwrap_or((id, ""))
}

/// [`split_id`] keeping borrowed text borrowed.
fn split_text(id: &Text) -> (Text, Text) {
    match id {
        Cow::Borrowed(s) => {
            let (t, a) = split_id(s);
            (Cow::Borrowed(t), Cow::Borrowed(a))
        }
        Cow::Owned(s) => {
            let (t, a) = split_id(s);
            (Cow::Owned(t.to_string()), Cow::Owned(a.to_string()))
        }
    }
}

fn apply(r: &mut Resolved, tag: &LayerTag, p: Procedure) {
    let Procedure {
        id: _,
        title,
        action_name,
        cli_aliases,
        keywords,
        summary,
        applies_to,
        authority,
        basis,
        conditions,
        materials,
        prepare,
        channels,
        steps,
        time_limit,
        fees,
        validity,
        offline,
        proxy,
        tips,
        warnings,
        faq,
        comparison,
        related,
        checked: _,
        replace,
        remove,
    } = p;
    let from = tag.key();
    if r.checked.is_empty() || tag.checked < r.checked {
        r.checked.clone_from(&tag.checked);
    }
    set_text(r, "title", title, &from, |r| &mut r.title);
    set_text(r, "action_name", action_name, &from, |r| &mut r.action_name);
    set_text(r, "summary", summary, &from, |r| &mut r.summary);
    if !applies_to.is_empty() {
        r.applies_to = applies_to;
        note_from(r, "applies_to", &from);
    }
    set_fact(&mut r.authority, authority, &from);
    set_fact(&mut r.time_limit, time_limit, &from);
    set_fact(&mut r.fees, fees, &from);
    set_fact(&mut r.validity, validity, &from);
    set_fact(&mut r.offline, offline, &from);
    set_fact(&mut r.proxy, proxy, &from);

    let replaces = |f: ListField| replace.contains(&f);
    merge_list(&mut r.basis, basis, &from, replaces(ListField::Basis));
    merge_list(
        &mut r.conditions,
        conditions,
        &from,
        replaces(ListField::Conditions),
    );
    merge_list(
        &mut r.materials,
        materials,
        &from,
        replaces(ListField::Materials),
    );
    merge_list(&mut r.prepare, prepare, &from, replaces(ListField::Prepare));
    merge_list(
        &mut r.channels,
        channels,
        &from,
        replaces(ListField::Channels),
    );
    merge_list(&mut r.steps, steps, &from, replaces(ListField::Steps));
    merge_list(&mut r.tips, tips, &from, replaces(ListField::Tips));
    merge_list(
        &mut r.warnings,
        warnings,
        &from,
        replaces(ListField::Warnings),
    );
    merge_list(&mut r.faq, faq, &from, replaces(ListField::Faq));

    if let Some(c) = comparison {
        let cmp = r.comparison.get_or_insert_with(|| ResolvedComparison {
            columns: List::default(),
            rows: Vec::new(),
        });
        let columns_given = !c.columns.is_empty();
        if columns_given {
            cmp.columns = c.columns;
        }
        merge_list(
            &mut cmp.rows,
            c.rows,
            &from,
            replaces(ListField::Comparison),
        );
        if columns_given {
            note_from(r, "comparison.columns", &from);
        }
    } else if replaces(ListField::Comparison) {
        r.comparison = None;
    }

    if replaces(ListField::Related) {
        r.related.clear();
    }
    extend_unique(&mut r.related, &related);
    extend_unique(r.keywords.zh.to_mut(), &keywords.zh);
    extend_unique(r.keywords.en.to_mut(), &keywords.en);
    extend_unique(r.keywords.pinyin.to_mut(), &keywords.pinyin);
    extend_unique(r.keywords.zh.to_mut(), &cli_aliases);

    for id in remove.iter() {
        if !remove_everywhere(r, id) {
            r.unmatched_removals.push((from.clone(), id.clone()));
        }
    }
}

fn set_text(
    r: &mut Resolved,
    field: &'static str,
    value: Option<Str>,
    from: &Text,
    slot: impl FnOnce(&mut Resolved) -> &mut Str,
) {
    if let Some(v) = value {
        *slot(r) = v;
        note_from(r, field, from);
    }
}

fn note_from(r: &mut Resolved, field: &'static str, from: &Text) {
    match r.field_from.iter_mut().find(|f| f.field == field) {
        Some(f) => f.from = from.clone(),
        None => r.field_from.push(FieldFrom {
            field,
            from: from.clone(),
        }),
    }
}

fn set_fact(slot: &mut Option<Sourced<Fact>>, value: Option<Fact>, from: &Text) {
    if let Some(item) = value {
        *slot = Some(Sourced {
            item,
            from: from.clone(),
        });
    }
}

fn merge_list<T: Keyed + Clone>(
    acc: &mut Vec<Sourced<T>>,
    layer: List<T>,
    from: &Text,
    replace_whole: bool,
) {
    if replace_whole {
        acc.clear();
    }
    acc.reserve(layer.len());
    for item in layer.into_owned() {
        let existing = item
            .key()
            .and_then(|k| acc.iter().position(|a| a.item.key() == Some(k)));
        let sourced = Sourced {
            item,
            from: from.clone(),
        };
        match existing {
            Some(i) => acc[i] = sourced,
            None => acc.push(sourced),
        }
    }
}

fn extend_unique(acc: &mut Vec<Text>, more: &[Text]) {
    for m in more {
        if !acc.contains(m) {
            acc.push(m.clone());
        }
    }
}

fn remove_everywhere(r: &mut Resolved, id: &str) -> bool {
    fn drop_id<T: Keyed>(list: &mut Vec<Sourced<T>>, id: &str) -> bool {
        let before = list.len();
        list.retain(|s| s.item.key() != Some(id));
        list.len() != before
    }
    let mut hit = false;
    hit |= drop_id(&mut r.basis, id);
    hit |= drop_id(&mut r.conditions, id);
    hit |= drop_id(&mut r.materials, id);
    hit |= drop_id(&mut r.prepare, id);
    hit |= drop_id(&mut r.channels, id);
    hit |= drop_id(&mut r.steps, id);
    hit |= drop_id(&mut r.tips, id);
    hit |= drop_id(&mut r.warnings, id);
    hit |= drop_id(&mut r.faq, id);
    if let Some(c) = &mut r.comparison {
        hit |= drop_id(&mut c.rows, id);
    }
    if r.related.iter().any(|x| *x == id) {
        r.related.retain(|x| x != id);
        hit = true;
    }
    if r.authority.as_ref().and_then(|a| a.item.id.as_deref()) == Some(id) {
        r.authority = None;
        hit = true;
    }
    hit
}

impl Resolved {
    /// Ids of every source any part cites, in first-cited order.
    pub fn cited_sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        self.for_each_cited(|c| {
            for s in c.src() {
                if !out.contains(&s.as_ref()) {
                    out.push(s);
                }
            }
        });
        out
    }

    /// Calls `f` on every fact-like part, in reading order.
    pub fn for_each_cited<'a>(&'a self, mut f: impl FnMut(&'a dyn Cited)) {
        if let Some(x) = &self.authority {
            f(&x.item);
        }
        self.basis.iter().for_each(|x| f(&x.item));
        self.conditions.iter().for_each(|x| f(&x.item));
        self.materials.iter().for_each(|x| f(&x.item));
        self.prepare.iter().for_each(|x| f(&x.item));
        self.channels.iter().for_each(|x| f(&x.item));
        self.steps.iter().for_each(|x| f(&x.item));
        for x in [
            &self.time_limit,
            &self.fees,
            &self.validity,
            &self.offline,
            &self.proxy,
        ]
        .into_iter()
        .flatten()
        {
            f(&x.item);
        }
        self.tips.iter().for_each(|x| f(&x.item));
        self.warnings.iter().for_each(|x| f(&x.item));
        self.faq.iter().for_each(|x| f(&x.item));
        if let Some(c) = &self.comparison {
            c.rows.iter().for_each(|x| f(&x.item));
        }
    }

    /// The channel with this id.
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().map(|c| &c.item).find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(level: Level, region: Option<&str>, origin: Origin, checked: &str) -> LayerTag {
        LayerTag {
            level,
            region: region.map(|r| Cow::Owned(r.to_string())),
            name: Text::default(),
            origin,
            file: None,
            checked: Cow::Owned(checked.to_string()),
        }
    }

    fn fact(id: &str, text: &str) -> Fact {
        Fact {
            id: Some(Cow::Owned(id.to_string())),
            text: text.to_string().into(),
            src: vec![Text::from("s")].into(),
            ..Fact::default()
        }
    }

    fn step(id: &str, text: &str) -> Step {
        Step {
            id: Cow::Owned(id.to_string()),
            text: text.to_string().into(),
            ..Step::default()
        }
    }

    fn national() -> Procedure {
        Procedure {
            id: "card.replace".into(),
            title: Some("补办".into()),
            summary: Some("全国".into()),
            steps: vec![step("a", "一"), step("b", "二"), step("c", "三")].into(),
            tips: vec![fact("t1", "提示一")].into(),
            related: vec![Text::from("card.apply")].into(),
            checked: Some("2025-03-01".into()),
            ..Procedure::default()
        }
    }

    #[test]
    fn layer_replaces_by_id_appends_new_and_records_provenance() {
        let n = national();
        let city = Procedure {
            id: "card.replace".into(),
            summary: Some("黑河".into()),
            steps: vec![step("b", "二（黑河）"), step("d", "四")].into(),
            tips: vec![fact("t2", "提示二")].into(),
            related: vec![Text::from("card.apply"), Text::from("card.activate")].into(),
            ..Procedure::default()
        };
        let r = resolve([
            (tag(Level::National, None, Origin::Builtin, "2025-03-01"), n),
            (
                tag(Level::City, Some("heihe"), Origin::Builtin, "2025-02-01"),
                city,
            ),
        ]);
        let steps: Vec<(&str, &str, &str)> = r
            .steps
            .iter()
            .map(|s| (&*s.item.id, &*s.item.text, &*s.from))
            .collect();
        assert_eq!(
            steps,
            [
                ("a", "一", "national"),
                ("b", "二（黑河）", "heihe"),
                ("c", "三", "national"),
                ("d", "四", "heihe")
            ]
        );
        assert_eq!(r.title, "补办");
        assert_eq!(r.summary, "黑河");
        assert_eq!(r.tips.len(), 2);
        assert_eq!(r.related, ["card.apply", "card.activate"]);
        assert_eq!(r.checked, "2025-02-01", "the oldest layer date wins");
        let summary_from = r.field_from.iter().find(|f| f.field == "summary").unwrap();
        assert_eq!(summary_from.from, "heihe");
    }

    #[test]
    fn replace_directive_swaps_whole_list_and_remove_drops_items() {
        let n = national();
        let layer = Procedure {
            id: "card.replace".into(),
            steps: vec![step("x", "新一"), step("y", "新二")].into(),
            replace: vec![ListField::Steps].into(),
            remove: vec![Text::from("t1"), Text::from("nope")].into(),
            ..Procedure::default()
        };
        let r = resolve([
            (tag(Level::National, None, Origin::Builtin, "2025-03-01"), n),
            (
                tag(
                    Level::Province,
                    Some("heilongjiang"),
                    Origin::Overlay,
                    "2025-03-01",
                ),
                layer,
            ),
        ]);
        let ids: Vec<&str> = r.steps.iter().map(|s| &*s.item.id).collect();
        assert_eq!(ids, ["x", "y"]);
        assert!(r.steps.iter().all(|s| s.from == "overlay:heilongjiang"));
        assert!(r.tips.is_empty());
        assert_eq!(
            r.unmatched_removals,
            [(Text::from("overlay:heilongjiang"), Text::from("nope"))]
        );
    }
}
