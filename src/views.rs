//! The answers yibao gives, each a value with two faces: serialised, it is the
//! JSON/YAML contract (English keys, `schema_version`); as a [`Document`], it
//! is what the terminal formats print.

use crate::kb::builtin::{self, RegionInfo};
use crate::kb::date::Date;
use crate::kb::finding::Finding;
use crate::kb::merge::{LayerTag, Resolved, Sourced};
use crate::kb::model::{Confidence, Insured, List, Text};
use crate::kb::{Kb, ProcView, Resolution, TopicView};
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, CheckItem, Document, NoteKind, Str, Table, View};
use crate::search::{Hit, MatchKind};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Where to confirm before acting; every regional answer ends with these.
pub const CONFIRM_WITH: [&str; 3] = [
    "当地医保经办机构",
    "12393 医疗保障服务热线",
    "12333 人社服务热线（社保卡）",
];

/// Data older than this many months earns a reminder.
pub const STALE_AFTER_MONTHS: i32 = 12;

/// Added to facts marked `confidence: check`.
const VARIES: &str = "以当地规定为准";

/// A region as answers report it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionRef {
    pub id: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    /// `province` or `city`.
    pub level: &'static str,
    /// Province id, for a city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'static str>,
}

impl RegionRef {
    pub fn of(r: RegionInfo) -> RegionRef {
        RegionRef {
            id: r.id,
            code: r.code,
            name: r.name,
            short: r.short,
            level: if r.is_city() { "city" } else { "province" },
            parent: r.province().map(|p| p.id),
        }
    }
}

/// A cited document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourceRef {
    pub id: Text,
    pub title: Text,
    /// `seed` or `public`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub publisher: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub file: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub url: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub date: &'static str,
}

impl SourceRef {
    fn of(kb: &Kb, id: &str) -> SourceRef {
        if let Some(s) = kb.overlay_source(id) {
            return SourceRef {
                id: Cow::Owned(s.id.clone()),
                title: Cow::Owned(s.title.clone().unwrap_or_else(|| s.id.clone())),
                kind: match s.kind {
                    Some(crate::kb::model::SourceKind::Seed) => "seed",
                    Some(crate::kb::model::SourceKind::Public) => "public",
                    None => "",
                },
                publisher: "",
                file: "",
                url: "",
                date: "",
            };
        }
        match builtin::source(id) {
            Some(s) => SourceRef {
                id: Cow::Borrowed(s.id),
                title: Cow::Borrowed(s.title),
                kind: s.kind,
                publisher: s.publisher,
                file: s.file,
                url: s.url,
                date: s.date,
            },
            // Unknown to both (cannot pass the linter): show the id.
            None => SourceRef {
                id: Cow::Owned(id.to_string()),
                title: Cow::Owned(id.to_string()),
                kind: "",
                publisher: "",
                file: "",
                url: "",
                date: "",
            },
        }
    }

    fn line(&self) -> String {
        let mut s = String::with_capacity(self.title.len() + 96);
        s.push('[');
        s.push_str(&self.id);
        s.push_str("] ");
        s.push_str(&self.title);
        let mut first = true;
        for x in [self.publisher, self.date, self.url] {
            if !x.is_empty() {
                s.push_str(if first { "（" } else { "，" });
                s.push_str(x);
                first = false;
            }
        }
        if !first {
            s.push('）');
        }
        s
    }
}

/// How current the data is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Freshness {
    /// The oldest `checked` date of the data shown.
    pub checked: Text,
    pub months_old: i32,
    /// Older than twelve months.
    pub stale: bool,
    /// The reminder when stale, else where to confirm, in Chinese.
    pub message: String,
}

impl Freshness {
    pub fn of(checked: &Text, today: Date) -> Freshness {
        let months_old = Date::parse(checked).map_or(0, |d| d.months_until(today));
        let stale = months_old > STALE_AFTER_MONTHS;
        let message = if stale {
            format!(
                "提醒：这些资料核实于 {checked}，已超过 {months_old} 个月，政策可能已经调整；办理前请向当地医保经办机构、12393 或 12333 确认。"
            )
        } else {
            format!(
                "资料核实于 {checked}；政策会调整，办理前请向当地医保经办机构、12393 或 12333 确认。"
            )
        };
        Freshness {
            checked: checked.clone(),
            months_old,
            stale,
            message,
        }
    }

    /// The closing line of a printed answer (the stale reminder goes to stderr).
    pub fn footer(&self) -> String {
        format!(
            "资料核实于 {}；政策会调整，办理前请向当地医保经办机构、12393 或 12333 确认。",
            self.checked
        )
    }
}

/// Joins remarks with 「；」, dropping each one's closing 「。」.
fn join_notes(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim_end_matches('。'))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("；")
}

/// The short label of a layer key (`national`, a region id, `overlay:…`).
pub fn from_label(key: &str) -> Str<'static> {
    if key.starts_with("overlay:") {
        return Cow::Borrowed("本地补充");
    }
    if key == "national" {
        return Cow::Borrowed("全国");
    }
    builtin::region_by_id(key)
        .map_or_else(|| Cow::Owned(key.to_string()), |r| Cow::Borrowed(r.short))
}

/// One sentence on which region's data the answer holds.
pub fn coverage(res: &Resolution) -> String {
    let regional: Vec<&LayerTag> = res.layers.iter().filter(|l| l.region.is_some()).collect();
    let overlay = res
        .layers
        .iter()
        .any(|l| l.origin == crate::kb::merge::Origin::Overlay);
    let mut s = match res.region {
        None => "全国通用规则（未指定地区；加 --region 查看地方资料）。".to_string(),
        Some(r) if regional.is_empty() => {
            format!("{}暂无本事项的地方资料，以下为全国通用规则。", r.name)
        }
        Some(r) => {
            let mut names: Vec<&str> = Vec::new();
            for l in &regional {
                if !names.contains(&&*l.name) {
                    names.push(&l.name);
                }
            }
            let city_missing =
                r.is_city() && !regional.iter().any(|l| l.region.as_deref() == Some(r.id));
            if city_missing {
                format!(
                    "{}暂无本事项的市级资料；以下含{}的资料，其余为全国通用规则。",
                    r.name,
                    names.join("、")
                )
            } else {
                format!(
                    "以下含{}的资料（「地区」一栏注明），其余为全国通用规则。",
                    names.join("、")
                )
            }
        }
    };
    if overlay {
        s.push_str("含 --data 提供的本地补充资料。");
    }
    s
}

fn with_check(text: &str, c: Option<Confidence>) -> Str<'_> {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}（{VARIES}）"))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`with_check`] for text kept in an answer.
fn checked_text(text: &Text, c: Option<Confidence>) -> Text {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}（{VARIES}）"))
    } else {
        text.clone()
    }
}

fn who_label(who: &[Insured]) -> String {
    who.iter().map(|w| w.label()).collect::<Vec<_>>().join("、")
}

fn command_of(topic: &str, action: &str) -> String {
    format!("yibao {topic} {action}")
}

// ---------------------------------------------------------------------------
// A procedure

/// A related procedure, for the "see also" list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RelatedRef {
    pub id: Text,
    pub title: Text,
    pub command: String,
}

/// `yibao <topic> <action>` and `yibao show <id>`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProcedurePage {
    pub schema_version: u32,
    /// Always `procedure`.
    pub kind: &'static str,
    /// The region asked for; `null` for national rules.
    pub region: Option<RegionRef>,
    /// Whether any regional (or overlay) layer applied.
    pub regional_data: bool,
    /// One sentence on which region's data this is.
    pub coverage: String,
    /// Layers applied, lowest first; each part's `from` names one.
    pub layers: Vec<LayerTag>,
    pub procedure: Resolved,
    /// Related procedures with their titles.
    pub related: Vec<RelatedRef>,
    /// Every document the parts cite.
    pub sources: Vec<SourceRef>,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
    #[serde(skip)]
    pub topic_name: Text,
}

impl ProcedurePage {
    pub fn new(kb: &Kb, res: Resolution, today: Date) -> ProcedurePage {
        let p = &res.procedure;
        let related = p
            .related
            .iter()
            .filter_map(|id| kb.procedure(id))
            .map(|x| RelatedRef {
                id: Cow::Owned(x.id.to_string()),
                title: Cow::Owned(x.title.to_string()),
                command: command_of(x.topic, x.action),
            })
            .collect();
        let sources = p
            .cited_sources()
            .into_iter()
            .map(|s| SourceRef::of(kb, s))
            .collect();
        let topic_name = kb
            .topic(&p.topic)
            .map(|t| Cow::Owned(t.name.to_string()))
            .unwrap_or_default();
        ProcedurePage {
            schema_version: SCHEMA_VERSION,
            kind: "procedure",
            region: res.region.map(RegionRef::of),
            regional_data: res.has_regional(),
            coverage: coverage(&res),
            freshness: Freshness::of(&p.checked, today),
            confirm_with: CONFIRM_WITH,
            related,
            sources,
            topic_name,
            layers: res.layers,
            procedure: res.procedure,
        }
    }
}

impl View for ProcedurePage {
    fn reminder(&self) -> Option<&str> {
        self.freshness
            .stale
            .then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document<'_> {
        let p = &self.procedure;
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Borrowed(&p.title),
            sub: Some(Cow::Owned(format!(
                "{}｜{}｜{}",
                self.topic_name,
                p.action_name,
                command_of(&p.topic, &p.action)
            ))),
        });
        if !p.summary.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(&p.summary)));
        }
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Borrowed(&self.coverage),
        });

        let mut pairs: Vec<(Str<'_>, Str<'_>)> = Vec::new();
        if !p.applies_to.is_empty() {
            pairs.push((
                Cow::Borrowed("适用对象"),
                Cow::Owned(who_label(&p.applies_to)),
            ));
        }
        if let Some(a) = &p.authority {
            pairs.push((
                Cow::Borrowed("办理机构"),
                with_check(&a.item.text, a.item.confidence),
            ));
        }
        for b in &p.basis {
            pairs.push((
                Cow::Borrowed("设定依据"),
                with_check(&b.item.text, b.item.confidence),
            ));
        }
        if !pairs.is_empty() {
            d.push(Block::Pairs(pairs));
        }

        if !p.conditions.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("受理条件")));
            d.push(Block::List(p.conditions.iter().map(fact_line).collect()));
        }
        if !p.materials.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("申请材料")));
            d.push(Block::Table(materials_table(p)));
        }
        if !p.prepare.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("出发前准备")));
            d.push(Block::List(p.prepare.iter().map(fact_line).collect()));
        }
        if !p.steps.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("办理流程")));
            d.push(Block::Table(steps_table(p)));
        }
        if !p.channels.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("办理渠道")));
            d.push(Block::Table(channels_table(p)));
        }
        if let Some(c) = &p.comparison {
            d.push(Block::Heading(Cow::Borrowed("对比")));
            let mut headers: Vec<Str<'_>> = vec![Cow::Borrowed("项目")];
            headers.extend(c.columns.iter().map(|c| Cow::Borrowed(&**c)));
            let rows = c
                .rows
                .iter()
                .map(|r| {
                    let mut row: Vec<Str<'_>> = vec![Cow::Borrowed(&*r.item.label)];
                    row.extend(r.item.cells.iter().map(|c| Cow::Borrowed(&**c)));
                    let mut extra = String::new();
                    if let Some(n) = &r.item.note {
                        extra.push_str(&format!("（{n}）"));
                    }
                    if r.item.confidence == Some(Confidence::Check) {
                        extra.push_str(&format!("（{VARIES}）"));
                    }
                    if r.from != "national" {
                        extra.push_str(&format!("〔{}〕", from_label(&r.from)));
                    }
                    if !extra.is_empty()
                        && let Some(last) = row.last_mut()
                    {
                        last.to_mut().push_str(&extra);
                    }
                    row
                })
                .collect();
            d.push(Block::Table(Table { headers, rows }));
        }
        let mut limits: Vec<(Str<'_>, Str<'_>)> = Vec::new();
        for (label, f) in [
            ("办理时限", &p.time_limit),
            ("收费", &p.fees),
            ("有效期", &p.validity),
        ] {
            if let Some(f) = f {
                limits.push((Cow::Borrowed(label), fact_line(f)));
            }
        }
        if !limits.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("时限、收费与有效期")));
            d.push(Block::Pairs(limits));
        }
        if !p.warnings.is_empty() || !p.tips.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("注意事项")));
            for w in &p.warnings {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: fact_line(w),
                });
            }
            if !p.tips.is_empty() {
                d.push(Block::List(p.tips.iter().map(fact_line).collect()));
            }
        }
        if !p.faq.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("常见问题")));
            let mut items: Vec<(Str<'_>, Str<'_>)> = Vec::new();
            for q in &p.faq {
                let mark = if q.from == "national" {
                    String::new()
                } else {
                    format!("〔{}〕", from_label(&q.from))
                };
                items.push((
                    Cow::Borrowed(""),
                    Cow::Owned(format!("问：{}{mark}", q.item.q)),
                ));
                items.push((
                    Cow::Borrowed(""),
                    Cow::Owned(format!("答：{}", with_check(&q.item.a, q.item.confidence))),
                ));
            }
            d.push(Block::Pairs(items));
        }
        if !self.related.is_empty() {
            d.push(Block::Heading(Cow::Borrowed("相关事项")));
            d.push(Block::List(
                self.related
                    .iter()
                    .map(|r| Cow::Owned(format!("{}：{}", r.title, r.command)))
                    .collect(),
            ));
        }
        d.push(Block::Heading(Cow::Borrowed("资料来源")));
        d.push(Block::List(
            self.sources.iter().map(|s| Cow::Owned(s.line())).collect(),
        ));
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

/// Something with text, a confidence and a layer, as one line: the text,
/// its "varies by region" note, and the region when it is not national.
trait FactLike {
    fn text(&self) -> &str;
    fn confidence(&self) -> Option<Confidence>;
}

impl FactLike for crate::kb::model::Fact {
    fn text(&self) -> &str {
        &self.text
    }
    fn confidence(&self) -> Option<Confidence> {
        self.confidence
    }
}

fn fact_line<T: FactLike>(s: &Sourced<T>) -> Str<'_> {
    let mut line = with_check(s.item.text(), s.item.confidence());
    if s.from != "national" {
        line.to_mut()
            .push_str(&format!("〔{}〕", from_label(&s.from)));
    }
    line
}

fn materials_table(p: &Resolved) -> Table<'_> {
    let mut t = Table {
        headers: ["材料", "必需", "说明", "地区"].map(Cow::Borrowed).to_vec(),
        ..Table::default()
    };
    for m in &p.materials {
        let it = &m.item;
        let mut notes: Vec<String> = Vec::new();
        if !it.alternatives.is_empty() {
            notes.push(format!("也可用：{}", it.alternatives.join("、")));
        }
        if !it.who.is_empty() {
            notes.push(format!("仅{}需要", who_label(&it.who)));
        }
        notes.extend(it.copies.iter().map(|c| c.to_string()));
        notes.extend(it.issuer.iter().map(|i| format!("出具：{i}")));
        notes.extend(it.note.iter().map(|n| n.to_string()));
        if it.confidence == Some(Confidence::Check) {
            notes.push(VARIES.into());
        }
        let required = if it.required { "是" } else { "视情况" };
        t.rows.push(vec![
            Cow::Borrowed(&*it.name),
            Cow::Borrowed(required),
            Cow::Owned(join_notes(&notes)),
            from_label(&m.from),
        ]);
    }
    t
}

fn steps_table(p: &Resolved) -> Table<'_> {
    let mut t = Table {
        headers: ["步骤", "做什么", "渠道", "地区"]
            .map(Cow::Borrowed)
            .to_vec(),
        ..Table::default()
    };
    for (i, s) in p.steps.iter().enumerate() {
        let st = &s.item;
        let mut text = with_check(&st.text, st.confidence);
        if !st.who.is_empty() {
            text = Cow::Owned(format!("（{}）{text}", who_label(&st.who)));
        }
        if let Some(n) = &st.note {
            text.to_mut().push_str(&format!("（{n}）"));
        }
        let mut channels = String::new();
        for c in st.channels.iter().filter_map(|c| p.channel(c)) {
            if !channels.is_empty() {
                channels.push('、');
            }
            channels.push_str(&c.name);
        }
        t.rows.push(vec![
            Cow::Owned((i + 1).to_string()),
            text,
            Cow::Owned(channels),
            from_label(&s.from),
        ]);
    }
    t
}

fn channels_table(p: &Resolved) -> Table<'_> {
    let mut t = Table {
        headers: ["渠道", "类型", "怎么找", "地区"]
            .map(Cow::Borrowed)
            .to_vec(),
        ..Table::default()
    };
    for c in &p.channels {
        let ch = &c.item;
        let mut how: Vec<String> = Vec::new();
        how.extend(ch.path.iter().map(|x| format!("路径：{x}")));
        how.extend(ch.phone.iter().map(|x| format!("电话：{x}")));
        how.extend(ch.address.iter().map(|x| format!("地址：{x}")));
        how.extend(ch.hours.iter().map(|x| format!("时间：{x}")));
        how.extend(ch.url.iter().map(|x| format!("网址：{x}")));
        how.extend(ch.note.iter().map(|x| x.to_string()));
        if ch.confidence == Some(Confidence::Check) {
            how.push(VARIES.into());
        }
        t.rows.push(vec![
            Cow::Borrowed(&*ch.name),
            Cow::Borrowed(ch.kind.label()),
            Cow::Owned(join_notes(&how)),
            from_label(&c.from),
        ]);
    }
    t
}

// ---------------------------------------------------------------------------
// A checklist

/// One thing to have or to have done.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistItem {
    pub id: Text,
    /// `condition`, `material` or `prepare`.
    pub section: &'static str,
    pub text: Text,
    pub required: bool,
    pub alternatives: List<Text>,
    /// Only these people need it; empty means everyone.
    pub who: List<Insured>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Whether `--have` named it.
    pub have: bool,
    /// Layer key the item came from.
    pub from: Text,
}

/// Which procedure a checklist is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistProcedure {
    pub id: Text,
    pub title: Text,
    pub command: String,
}

/// `yibao <topic> checklist [<action>] [--have …]`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Checklist {
    pub schema_version: u32,
    /// Always `checklist`.
    pub kind: &'static str,
    pub region: Option<RegionRef>,
    pub regional_data: bool,
    pub coverage: String,
    pub layers: Vec<LayerTag>,
    pub procedure: ChecklistProcedure,
    pub items: Vec<ChecklistItem>,
    /// Ids of required items `--have` did not name (all required items when
    /// `--have` is not given).
    pub missing: Vec<Text>,
    /// `--have` words that matched no item.
    pub unmatched_have: Vec<String>,
    /// Whether `--have` was given.
    pub have_given: bool,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
}

impl Checklist {
    pub fn new(res: Resolution, have: Option<&str>, today: Date) -> Checklist {
        let p = &res.procedure;
        let mut items = Vec::new();
        let fact_item = |section, f: &Sourced<crate::kb::model::Fact>| ChecklistItem {
            id: f.item.id.clone().unwrap_or_default(),
            section,
            text: checked_text(&f.item.text, f.item.confidence),
            required: true,
            alternatives: List::default(),
            who: List::default(),
            note: f.item.note.clone(),
            have: false,
            from: f.from.clone(),
        };
        items.extend(p.conditions.iter().map(|c| fact_item("condition", c)));
        for m in &p.materials {
            let mut note: Vec<String> = Vec::new();
            note.extend(m.item.copies.iter().map(|c| c.to_string()));
            note.extend(m.item.note.iter().map(|c| c.to_string()));
            if m.item.confidence == Some(Confidence::Check) {
                note.push(VARIES.into());
            }
            items.push(ChecklistItem {
                id: m.item.id.clone(),
                section: "material",
                text: m.item.name.clone(),
                required: m.item.required,
                alternatives: m.item.alternatives.clone(),
                who: m.item.who.clone(),
                note: (!note.is_empty()).then(|| Cow::Owned(join_notes(&note))),
                have: false,
                from: m.from.clone(),
            });
        }
        items.extend(p.prepare.iter().map(|c| fact_item("prepare", c)));
        let mut unmatched = Vec::new();
        if let Some(have) = have {
            for word in have
                .split([',', '，', '、', ';', '；'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
            {
                let mut hit = false;
                for it in &mut items {
                    if have_matches(it, word) {
                        it.have = true;
                        hit = true;
                    }
                }
                if !hit {
                    unmatched.push(word.to_string());
                }
            }
        }
        let missing = items
            .iter()
            .filter(|i| i.required && !i.have)
            .map(|i| i.id.clone())
            .collect();
        Checklist {
            schema_version: SCHEMA_VERSION,
            kind: "checklist",
            region: res.region.map(RegionRef::of),
            regional_data: res.has_regional(),
            coverage: coverage(&res),
            procedure: ChecklistProcedure {
                id: p.id.clone(),
                title: p.title.clone(),
                command: command_of(&p.topic, &p.action),
            },
            items,
            missing,
            unmatched_have: unmatched,
            have_given: have.is_some(),
            freshness: Freshness::of(&p.checked, today),
            confirm_with: CONFIRM_WITH,
            layers: res.layers,
        }
    }
}

/// Whether a `--have` word names the item: its id; for a material also part
/// of its name or of an alternative (身份证 matches 居民身份证). Conditions
/// and preparations are sentences, so only their ids count: 照片 must not
/// tick "交个人信息和照片".
fn have_matches(item: &ChecklistItem, word: &str) -> bool {
    let w = word.to_lowercase();
    if item.id.eq_ignore_ascii_case(&w) {
        return true;
    }
    item.section == "material"
        && w.chars().count() >= 2
        && (item.text.to_lowercase().contains(&w)
            || item
                .alternatives
                .iter()
                .any(|a| a.to_lowercase().contains(&w)))
}

impl ChecklistItem {
    fn line(&self) -> String {
        let mut s = self.text.to_string();
        if !self.alternatives.is_empty() {
            s.push_str(&format!("（或{}）", self.alternatives.join("、")));
        }
        if !self.who.is_empty() {
            s.push_str(&format!("〔仅{}〕", who_label(&self.who)));
        }
        if !self.required {
            s.push_str("〔视情况〕");
        }
        if let Some(n) = &self.note {
            if !s.ends_with('。') {
                s.push('：');
            }
            s.push_str(n);
        }
        if self.from != "national" {
            s.push_str(&format!("〔{}〕", from_label(&self.from)));
        }
        s
    }
}

impl View for Checklist {
    fn reminder(&self) -> Option<&str> {
        self.freshness
            .stale
            .then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("{}：办理清单", self.procedure.title)),
            sub: Some(Cow::Borrowed(&self.procedure.command)),
        });
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Borrowed(&self.coverage),
        });
        if self.items.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(
                "这个事项没有要事先准备的条件或材料；办理步骤见上面的命令。",
            )));
        }
        for (section, heading) in [
            ("condition", "先确认"),
            ("material", "要带的材料"),
            ("prepare", "出发前"),
        ] {
            let items: Vec<CheckItem<'_>> = self
                .items
                .iter()
                .filter(|i| i.section == section)
                .map(|i| CheckItem {
                    checked: i.have,
                    text: Cow::Owned(i.line()),
                })
                .collect();
            if !items.is_empty() {
                d.push(Block::Heading(Cow::Borrowed(heading)));
                d.push(Block::Checklist(items));
            }
        }
        if self.have_given {
            d.push(Block::Heading(Cow::Borrowed("还缺")));
            if self.missing.is_empty() {
                d.push(Block::Paragraph(Cow::Borrowed("清单上的必需项都已备齐。")));
            } else {
                d.push(Block::List(
                    self.items
                        .iter()
                        .filter(|i| !i.have && i.required)
                        .map(|i| Cow::Borrowed(&*i.text))
                        .collect(),
                ));
            }
            if !self.unmatched_have.is_empty() {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: Cow::Owned(format!(
                        "--have 中的「{}」没有对应的清单项（可用清单项的名称或 id）。",
                        self.unmatched_have.join("」「")
                    )),
                });
            }
        }
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

// ---------------------------------------------------------------------------
// Overview, topics and the list of procedures

/// A procedure in lists.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProcedureSummary {
    pub id: String,
    pub topic: String,
    pub action: String,
    pub action_name: String,
    pub aliases: Vec<String>,
    pub title: String,
    pub summary: String,
    pub command: String,
    /// Regions with their own data for this procedure.
    pub regions: Vec<String>,
}

impl ProcedureSummary {
    pub fn of(kb: &Kb, p: &ProcView<'_>) -> ProcedureSummary {
        let mut regions: Vec<String> = builtin::procedure(p.id)
            .map(|info| {
                info.layers()
                    .iter()
                    .map(|l| builtin::region(l.region).id.to_string())
                    .collect()
            })
            .unwrap_or_default();
        for (r, lp) in kb.overlay_layers() {
            if lp.id == p.id
                && let Some(r) = r
                && !regions.iter().any(|x| x == r)
            {
                regions.push(r.to_string());
            }
        }
        ProcedureSummary {
            id: p.id.into(),
            topic: p.topic.into(),
            action: p.action.into(),
            action_name: p.action_name.into(),
            aliases: p.cli_aliases.iter().map(|s| s.to_string()).collect(),
            title: p.title.into(),
            summary: p.summary.into(),
            command: command_of(p.topic, p.action),
            regions,
        }
    }
}

/// A topic with its procedures.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TopicSummary {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub summary: String,
    /// The procedure `yibao <topic> checklist` shows.
    pub primary: String,
    pub procedures: Vec<ProcedureSummary>,
}

impl TopicSummary {
    pub fn of(kb: &Kb, t: &TopicView<'_>) -> TopicSummary {
        TopicSummary {
            id: t.id.into(),
            name: t.name.into(),
            aliases: t.aliases.iter().map(|s| s.to_string()).collect(),
            summary: t.summary.into(),
            primary: t.primary.into(),
            procedures: kb
                .procedures()
                .iter()
                .filter(|p| p.topic == t.id)
                .map(|p| ProcedureSummary::of(kb, p))
                .collect(),
        }
    }

    fn table(&self) -> Table<'_> {
        let mut t = Table {
            headers: ["命令", "名称", "说明"].map(Cow::Borrowed).to_vec(),
            ..Table::default()
        };
        for p in &self.procedures {
            t.rows.push(vec![
                Cow::Borrowed(&*p.command),
                Cow::Borrowed(&*p.action_name),
                Cow::Borrowed(&*p.title),
            ]);
        }
        t.rows.push(vec![
            Cow::Owned(format!("yibao {} checklist", self.id)),
            Cow::Borrowed("清单"),
            Cow::Borrowed("办理清单：条件、材料、出发前准备（--have 标记已备好的）"),
        ]);
        t
    }
}

/// Example commands the overview and `--help` show.
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "yibao card apply --region heilongjiang",
        "黑龙江申领医保卡的步骤、材料和渠道",
    ),
    ("yibao filing checklist", "跨省异地就医备案要准备什么"),
    (
        "yibao filing checklist --json | jq '.missing'",
        "给脚本用的 JSON",
    ),
    ("yibao 医保卡 补办", "中文命令也可以"),
    ("yibao family bind --region heihe", "黑河绑定家庭共济"),
    (
        "yibao search 补办",
        "不知道命令时搜索（也支持拼音 bb、英文 lost card）",
    ),
];

/// `yibao` with no command.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Overview {
    pub schema_version: u32,
    /// Always `overview`.
    pub kind: &'static str,
    pub version: &'static str,
    pub checked_as_of: &'static str,
    pub topics: Vec<TopicSummary>,
    pub examples: Vec<&'static str>,
}

impl Overview {
    pub fn new(kb: &Kb) -> Overview {
        Overview {
            schema_version: SCHEMA_VERSION,
            kind: "overview",
            version: env!("CARGO_PKG_VERSION"),
            checked_as_of: builtin::checked_as_of(),
            topics: kb
                .topics()
                .iter()
                .map(|t| TopicSummary::of(kb, t))
                .collect(),
            examples: EXAMPLES.iter().map(|(c, _)| *c).collect(),
        }
    }
}

impl View for Overview {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Borrowed("yibao：医保卡办事指南（离线可用）"),
            sub: Some(Cow::Owned(format!(
                "申领、激活、补办、家庭共济、异地就医备案：步骤、材料、渠道、时限。资料核实于 {}。",
                self.checked_as_of
            ))),
        });
        d.push(Block::Heading(Cow::Borrowed("主题")));
        let mut t = Table {
            headers: ["命令", "主题", "事项"].map(Cow::Borrowed).to_vec(),
            ..Table::default()
        };
        for topic in &self.topics {
            let actions: Vec<String> = topic
                .procedures
                .iter()
                .map(|p| format!("{} {}", p.action, p.action_name))
                .chain(std::iter::once("checklist 清单".to_string()))
                .collect();
            t.rows.push(vec![
                Cow::Owned(format!("yibao {}", topic.id)),
                Cow::Borrowed(&*topic.name),
                Cow::Owned(actions.join("、")),
            ]);
        }
        d.push(Block::Table(t));
        d.push(Block::Heading(Cow::Borrowed("例子")));
        // Each command whole on its line (for copying), what it does below.
        d.push(Block::List(
            EXAMPLES
                .iter()
                .map(|(c, what)| Cow::Owned(format!("{c}\n{what}")))
                .collect(),
        ));
        d.push(Block::Heading(Cow::Borrowed("更多")));
        d.push(Block::List(
            [
                "yibao list：全部办事指南",
                "yibao regions：支持的地区（--region 用 id、中文名或代码）",
                "yibao faq：常见问题",
                "yibao --help：全部命令和选项",
            ]
            .map(Cow::Borrowed)
            .to_vec(),
        ));
        d
    }
}

/// `yibao <topic>` with no action.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TopicPage {
    pub schema_version: u32,
    /// Always `topic`.
    pub kind: &'static str,
    pub topic: TopicSummary,
}

impl View for TopicPage {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("{}（{}）", self.topic.name, self.topic.id)),
            sub: Some(Cow::Borrowed(&self.topic.summary)),
        });
        d.push(Block::Table(self.topic.table()));
        d
    }
}

/// `yibao list`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProcedureList {
    pub schema_version: u32,
    /// Always `list`.
    pub kind: &'static str,
    pub procedures: Vec<ProcedureSummary>,
}

impl View for ProcedureList {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("全部办事指南（{} 项）", self.procedures.len())),
            sub: None,
        });
        let mut t = Table {
            headers: ["命令", "id", "名称", "标题"].map(Cow::Borrowed).to_vec(),
            ..Table::default()
        };
        for p in &self.procedures {
            t.rows.push(vec![
                Cow::Borrowed(&*p.command),
                Cow::Borrowed(&*p.id),
                Cow::Borrowed(&*p.action_name),
                Cow::Borrowed(&*p.title),
            ]);
        }
        d.push(Block::Table(t));
        d
    }
}

// ---------------------------------------------------------------------------
// Regions

/// A region in `yibao regions`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionEntry {
    #[serde(flatten)]
    pub region: RegionRef,
    pub aliases: Vec<&'static str>,
    /// Procedures with data of this region's own.
    pub procedures: Vec<String>,
}

/// `yibao regions`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionList {
    pub schema_version: u32,
    /// Always `regions`.
    pub kind: &'static str,
    pub regions: Vec<RegionEntry>,
}

impl RegionList {
    pub fn new(kb: &Kb) -> RegionList {
        let regions = builtin::regions()
            .map(|r| {
                let mut procedures: Vec<String> = builtin::procedures()
                    .filter(|p| p.layer_at(r.index).is_some())
                    .map(|p| p.id.to_string())
                    .collect();
                for (reg, p) in kb.overlay_layers() {
                    if reg == Some(r.id) && !procedures.iter().any(|x| *x == p.id) {
                        procedures.push(p.id.to_string());
                    }
                }
                RegionEntry {
                    region: RegionRef::of(r),
                    aliases: r.aliases().collect(),
                    procedures,
                }
            })
            .collect();
        RegionList {
            schema_version: SCHEMA_VERSION,
            kind: "regions",
            regions,
        }
    }
}

impl View for RegionList {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("支持的地区（{} 个）", self.regions.len())),
            sub: Some(Cow::Borrowed(
                "--region 可用 id、中文名（带不带省、市都可以）或行政区划代码；市里没有的资料按省、全国依次补上。",
            )),
        });
        let mut t = Table {
            headers: ["id", "代码", "名称", "上级", "本地资料"]
                .map(Cow::Borrowed)
                .to_vec(),
            ..Table::default()
        };
        for e in &self.regions {
            let r = &e.region;
            let parent = r
                .parent
                .and_then(builtin::region_by_id)
                .map_or("", |p| p.short);
            let data = if e.procedures.is_empty() {
                Cow::Borrowed("无")
            } else {
                Cow::Owned(format!("{} 项", e.procedures.len()))
            };
            t.rows.push(vec![
                Cow::Borrowed(r.id),
                Cow::Borrowed(r.code),
                Cow::Borrowed(r.name),
                Cow::Borrowed(parent),
                data,
            ]);
        }
        d.push(Block::Table(t));
        d
    }
}

// ---------------------------------------------------------------------------
// Search

/// One search result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchResult {
    pub rank: usize,
    pub id: String,
    pub title: String,
    pub command: String,
    pub score: u32,
    /// What matched best: `name`, `title`, `pinyin` or `text`.
    pub matched: MatchKind,
    /// Regions whose own data matched.
    pub regions: Vec<String>,
}

/// `yibao search <words>`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchResults {
    pub schema_version: u32,
    /// Always `search`.
    pub kind: &'static str,
    pub query: String,
    pub region: Option<RegionRef>,
    pub results: Vec<SearchResult>,
}

impl SearchResults {
    pub fn new(kb: &Kb, query: &str, region: Option<RegionInfo>, hits: Vec<Hit>) -> SearchResults {
        let procs = kb.procedures();
        let results = hits
            .into_iter()
            .filter_map(|h| {
                let p = procs.iter().find(|p| p.id == h.procedure)?;
                Some((p, h))
            })
            .enumerate()
            .map(|(i, (p, h))| SearchResult {
                rank: i + 1,
                id: p.id.into(),
                title: p.title.into(),
                command: command_of(p.topic, p.action),
                score: h.score,
                matched: h.matched,
                regions: h.regions,
            })
            .collect();
        SearchResults {
            schema_version: SCHEMA_VERSION,
            kind: "search",
            query: query.into(),
            region: region.map(RegionRef::of),
            results,
        }
    }
}

impl View for SearchResults {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!(
                "搜索「{}」：{} 条结果",
                self.query,
                self.results.len()
            )),
            sub: None,
        });
        if self.results.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(
                "没有找到。试试更短的词、拼音首字母（如 bb = 补办），或用 yibao list 浏览全部事项。",
            )));
            return d;
        }
        let mut t = Table {
            headers: ["#", "命令", "事项", "匹配"].map(Cow::Borrowed).to_vec(),
            ..Table::default()
        };
        for r in &self.results {
            let how = match r.matched {
                MatchKind::Name => "名称",
                MatchKind::Title => "标题",
                MatchKind::Pinyin => "拼音",
                MatchKind::Text => "正文",
            };
            let how = if r.regions.is_empty() {
                Cow::Borrowed(how)
            } else {
                // A few names, then a count: a national-scale base can match
                // in hundreds of regions.
                let shown: Vec<Str<'_>> = r.regions.iter().take(3).map(|x| from_label(x)).collect();
                let more = r.regions.len().saturating_sub(shown.len());
                let tail = if more > 0 {
                    format!("等 {} 个地区", r.regions.len())
                } else {
                    String::new()
                };
                Cow::Owned(format!("{how}（{}{tail}）", shown.join("、")))
            };
            t.rows.push(vec![
                Cow::Owned(r.rank.to_string()),
                Cow::Borrowed(&*r.command),
                Cow::Borrowed(&*r.title),
                how,
            ]);
        }
        d.push(Block::Table(t));
        d
    }
}

// ---------------------------------------------------------------------------
// FAQ

/// One question and answer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FaqItem {
    pub procedure: Text,
    pub procedure_title: Text,
    pub id: Text,
    pub q: Text,
    pub a: Text,
    pub from: Text,
    pub src: List<Text>,
}

/// `yibao faq`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FaqPage {
    pub schema_version: u32,
    /// Always `faq`.
    pub kind: &'static str,
    pub region: Option<RegionRef>,
    pub items: Vec<FaqItem>,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
}

impl FaqPage {
    pub fn new(resolved: Vec<Resolution>, region: Option<RegionInfo>, today: Date) -> FaqPage {
        let mut items = Vec::new();
        let mut oldest: Text = Text::default();
        for r in &resolved {
            let p = &r.procedure;
            if oldest.is_empty() || p.checked < oldest {
                oldest = p.checked.clone();
            }
            for q in &p.faq {
                items.push(FaqItem {
                    procedure: p.id.clone(),
                    procedure_title: p.title.clone(),
                    id: q.item.id.clone(),
                    q: q.item.q.clone(),
                    a: checked_text(&q.item.a, q.item.confidence),
                    from: q.from.clone(),
                    src: q.item.src.clone(),
                });
            }
        }
        FaqPage {
            schema_version: SCHEMA_VERSION,
            kind: "faq",
            region: region.map(RegionRef::of),
            items,
            freshness: Freshness::of(&oldest, today),
            confirm_with: CONFIRM_WITH,
        }
    }
}

impl View for FaqPage {
    fn reminder(&self) -> Option<&str> {
        self.freshness
            .stale
            .then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("常见问题（{} 条）", self.items.len())),
            sub: self
                .region
                .as_ref()
                .map(|r| Cow::Owned(format!("地区：{}", r.name))),
        });
        let mut current = "";
        for it in &self.items {
            if it.procedure != current {
                d.push(Block::Heading(Cow::Owned(format!(
                    "{}（{}）",
                    it.procedure_title, it.procedure
                ))));
                current = &it.procedure;
            }
            let mark = if it.from == "national" {
                String::new()
            } else {
                format!("〔{}〕", from_label(&it.from))
            };
            d.push(Block::Pairs(vec![
                (Cow::Borrowed(""), Cow::Owned(format!("问：{}{mark}", it.q))),
                (Cow::Borrowed(""), Cow::Owned(format!("答：{}", it.a))),
            ]));
        }
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

// ---------------------------------------------------------------------------
// Validation report

/// One linter finding.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingRef {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    pub message: String,
}

impl From<&Finding> for FindingRef {
    fn from(f: &Finding) -> FindingRef {
        FindingRef {
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            code: f.code.as_str(),
            severity: if f.code.is_error() {
                "error"
            } else {
                "warning"
            },
            message: f.message.clone(),
        }
    }
}

/// `yibao data validate [DIR]`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ValidationReport {
    pub schema_version: u32,
    /// Always `validation`.
    pub kind: &'static str,
    pub path: String,
    /// `base` (a complete knowledge base) or `overlay`.
    pub mode: &'static str,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingRef>,
}

impl ValidationReport {
    pub fn new(
        path: String,
        mode: &'static str,
        files: usize,
        findings: &[Finding],
    ) -> ValidationReport {
        let errors = findings.iter().filter(|f| f.code.is_error()).count();
        ValidationReport {
            schema_version: SCHEMA_VERSION,
            kind: "validation",
            path,
            mode,
            files,
            errors,
            warnings: findings.len() - errors,
            findings: findings.iter().map(FindingRef::from).collect(),
        }
    }

    /// The closing summary line.
    pub fn summary(&self) -> String {
        format!(
            "{}：{} 个文件，{} 个错误，{} 个警告（按{}检查）",
            self.path,
            self.files,
            self.errors,
            self.warnings,
            if self.mode == "base" {
                "完整知识库"
            } else {
                "覆盖数据"
            }
        )
    }
}

impl View for ValidationReport {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Raw(
            self.findings
                .iter()
                .map(|f| {
                    Cow::Owned(format!(
                        "{}:{}:{}: {} {}",
                        f.file, f.line, f.column, f.code, f.message
                    ))
                })
                .collect(),
        ));
        d
    }
}
