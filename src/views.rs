//! The answers yibao gives, each a value with two faces: serialised, it is the
//! JSON/YAML contract (English keys, `schema_version`); as a [`Document`], it
//! is what the terminal formats print.

use crate::kb::builtin::{self, REGIONS};
use crate::kb::date::Date;
use crate::kb::finding::Finding;
use crate::kb::merge::{LayerTag, Resolved, Sourced};
use crate::kb::model::{Confidence, Insured};
use crate::kb::region::RegionInfo;
use crate::kb::{Kb, ProcView, Resolution, TopicView};
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, CheckItem, Document, NoteKind, Table, View};
use crate::search::{Hit, MatchKind};
use schemars::JsonSchema;
use serde::Serialize;

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
    pub fn of(r: &'static RegionInfo) -> RegionRef {
        RegionRef {
            id: r.id,
            code: r.code,
            name: r.name,
            short: r.short,
            level: if r.is_city() { "city" } else { "province" },
            parent: r.parent.map(|p| REGIONS[p as usize].id),
        }
    }
}

/// A cited document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    /// `seed` or `public`.
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
}

impl SourceRef {
    fn of(id: &str) -> SourceRef {
        match builtin::source(id) {
            Some(s) => SourceRef {
                id: s.id.into(),
                title: s.title.into(),
                kind: s.kind.into(),
                publisher: s.publisher.into(),
                file: s.file.into(),
                url: s.url.into(),
                date: s.date.into(),
            },
            // A source an overlay added: its id is all the compiled base knows.
            None => SourceRef {
                id: id.into(),
                title: id.into(),
                kind: String::new(),
                publisher: String::new(),
                file: String::new(),
                url: String::new(),
                date: String::new(),
            },
        }
    }

    fn line(&self) -> String {
        let mut s = format!("[{}] {}", self.id, self.title);
        let extra: Vec<&str> = [self.publisher.as_str(), self.date.as_str(), self.url.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
        if !extra.is_empty() {
            s.push_str(&format!("（{}）", extra.join("，")));
        }
        s
    }
}

/// How current the data is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Freshness {
    /// The oldest `checked` date of the data shown.
    pub checked: String,
    pub months_old: i32,
    /// Older than twelve months.
    pub stale: bool,
    /// The reminder when stale, else where to confirm, in Chinese.
    pub message: String,
}

impl Freshness {
    pub fn of(checked: &str, today: Date) -> Freshness {
        let months_old = Date::parse(checked).map_or(0, |d| d.months_until(today));
        let stale = months_old > STALE_AFTER_MONTHS;
        let message = if stale {
            format!(
                "提醒：这些资料核实于 {checked}，已超过 {months_old} 个月，政策可能已经调整；办理前请向当地医保经办机构、12393 或 12333 确认。"
            )
        } else {
            format!("资料核实于 {checked}；政策会调整，办理前请向当地医保经办机构、12393 或 12333 确认。")
        };
        Freshness {
            checked: checked.into(),
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
pub fn from_label(key: &str) -> String {
    if key.starts_with("overlay:") {
        return "本地补充".into();
    }
    if key == "national" {
        return "全国".into();
    }
    REGIONS
        .iter()
        .find(|r| r.id == key)
        .map_or_else(|| key.to_string(), |r| r.short.to_string())
}

/// One sentence on which region's data the answer holds.
pub fn coverage(res: &Resolution) -> String {
    let regional: Vec<&LayerTag> = res
        .layers
        .iter()
        .filter(|l| l.region.is_some())
        .collect();
    let overlay = res.layers.iter().any(|l| l.origin == crate::kb::merge::Origin::Overlay);
    let mut s = match res.region {
        None => "全国通用规则（未指定地区；加 --region 查看地方资料）。".to_string(),
        Some(r) if regional.is_empty() => {
            format!("{}暂无本事项的地方资料，以下为全国通用规则。", r.name)
        }
        Some(r) => {
            let mut names: Vec<&str> = Vec::new();
            for l in &regional {
                if !names.contains(&l.name.as_str()) {
                    names.push(&l.name);
                }
            }
            let city_missing = r.is_city() && !regional.iter().any(|l| l.region.as_deref() == Some(r.id));
            if city_missing {
                format!(
                    "{}暂无本事项的市级资料；以下含{}的资料，其余为全国通用规则。",
                    r.name,
                    names.join("、")
                )
            } else {
                format!("以下含{}的资料（「地区」一栏注明），其余为全国通用规则。", names.join("、"))
            }
        }
    };
    if overlay {
        s.push_str("含 --data 提供的本地补充资料。");
    }
    s
}

fn with_check(text: &str, c: Option<Confidence>) -> String {
    if c == Some(Confidence::Check) {
        format!("{text}（{VARIES}）")
    } else {
        text.to_string()
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
    pub id: String,
    pub title: String,
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
    pub topic_name: String,
}

impl ProcedurePage {
    pub fn new(kb: &Kb, res: Resolution, today: Date) -> ProcedurePage {
        let p = &res.procedure;
        let procs = kb.procedures();
        let related = p
            .related
            .iter()
            .filter_map(|id| procs.iter().find(|x| x.id == id))
            .map(|x| RelatedRef {
                id: x.id.into(),
                title: x.title.into(),
                command: command_of(x.topic, x.action),
            })
            .collect();
        let sources = p.cited_sources().into_iter().map(SourceRef::of).collect();
        let topic_name = kb
            .topics()
            .iter()
            .find(|t| t.id == p.topic)
            .map(|t| t.name.to_string())
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
        self.freshness.stale.then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document {
        let p = &self.procedure;
        let mut d = Document::default();
        d.push(Block::Title {
            text: p.title.clone(),
            sub: Some(format!(
                "{}｜{}｜{}",
                self.topic_name,
                p.action_name,
                command_of(&p.topic, &p.action)
            )),
        });
        if !p.summary.is_empty() {
            d.push(Block::Paragraph(p.summary.clone()));
        }
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: self.coverage.clone(),
        });

        let mut pairs = Vec::new();
        if !p.applies_to.is_empty() {
            pairs.push(("适用对象".to_string(), who_label(&p.applies_to)));
        }
        if let Some(a) = &p.authority {
            pairs.push(("办理机构".into(), with_check(&a.item.text, a.item.confidence)));
        }
        for b in &p.basis {
            pairs.push(("设定依据".into(), with_check(&b.item.text, b.item.confidence)));
        }
        if !pairs.is_empty() {
            d.push(Block::Pairs(pairs));
        }

        if !p.conditions.is_empty() {
            d.push(Block::Heading("受理条件".into()));
            d.push(Block::List(
                p.conditions.iter().map(|c| fact_line(&c.item.text, c.item.confidence, c)).collect(),
            ));
        }
        if !p.materials.is_empty() {
            d.push(Block::Heading("申请材料".into()));
            d.push(Block::Table(materials_table(p)));
        }
        if !p.prepare.is_empty() {
            d.push(Block::Heading("出发前准备".into()));
            d.push(Block::List(
                p.prepare.iter().map(|c| fact_line(&c.item.text, c.item.confidence, c)).collect(),
            ));
        }
        if !p.steps.is_empty() {
            d.push(Block::Heading("办理流程".into()));
            d.push(Block::Table(steps_table(p)));
        }
        if !p.channels.is_empty() {
            d.push(Block::Heading("办理渠道".into()));
            d.push(Block::Table(channels_table(p)));
        }
        if let Some(c) = &p.comparison {
            d.push(Block::Heading("对比".into()));
            let mut headers = vec!["项目".to_string()];
            headers.extend(c.columns.iter().cloned());
            let rows: Vec<Vec<String>> = c
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![r.item.label.clone()];
                    row.extend(r.item.cells.iter().cloned());
                    if let Some(last) = row.last_mut() {
                        if let Some(n) = &r.item.note {
                            last.push_str(&format!("（{n}）"));
                        }
                        if r.item.confidence == Some(Confidence::Check) {
                            last.push_str(&format!("（{VARIES}）"));
                        }
                    }
                    row
                })
                .collect();
            let lines = c
                .rows
                .iter()
                .map(|r| {
                    let cells: Vec<String> = c
                        .columns
                        .iter()
                        .zip(&r.item.cells)
                        .map(|(h, v)| format!("{h}：{v}"))
                        .collect();
                    format!("{}｜{}", r.item.label, cells.join("｜"))
                })
                .collect();
            d.push(Block::Table(Table { headers, rows, lines }));
        }
        let mut limits = Vec::new();
        for (label, f) in [("办理时限", &p.time_limit), ("收费", &p.fees), ("有效期", &p.validity)] {
            if let Some(f) = f {
                limits.push((label.to_string(), with_check(&f.item.text, f.item.confidence)));
            }
        }
        if !limits.is_empty() {
            d.push(Block::Heading("时限、收费与有效期".into()));
            d.push(Block::Pairs(limits));
        }
        if !p.warnings.is_empty() || !p.tips.is_empty() {
            d.push(Block::Heading("注意事项".into()));
            for w in &p.warnings {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: fact_line(&w.item.text, w.item.confidence, w),
                });
            }
            if !p.tips.is_empty() {
                d.push(Block::List(
                    p.tips.iter().map(|t| fact_line(&t.item.text, t.item.confidence, t)).collect(),
                ));
            }
        }
        if !p.faq.is_empty() {
            d.push(Block::Heading("常见问题".into()));
            let mut items = Vec::new();
            for q in &p.faq {
                items.push(format!("问：{}", q.item.q));
                items.push(format!("答：{}", with_check(&q.item.a, q.item.confidence)));
            }
            d.push(Block::Pairs(items.into_iter().map(|i| (String::new(), i)).collect()));
        }
        if !self.related.is_empty() {
            d.push(Block::Heading("相关事项".into()));
            d.push(Block::List(
                self.related.iter().map(|r| format!("{}：{}", r.title, r.command)).collect(),
            ));
        }
        d.push(Block::Heading("资料来源".into()));
        d.push(Block::List(self.sources.iter().map(SourceRef::line).collect()));
        d.push(Block::Paragraph(self.freshness.footer()));
        d
    }
}

/// A fact's text with its check note and, when not national, its region.
fn fact_line<T>(text: &str, c: Option<Confidence>, s: &Sourced<T>) -> String {
    let mut line = with_check(text, c);
    if s.from != "national" {
        line.push_str(&format!("〔{}〕", from_label(&s.from)));
    }
    line
}

fn materials_table(p: &Resolved) -> Table {
    let mut t = Table {
        headers: vec!["材料".into(), "必需".into(), "说明".into(), "地区".into()],
        ..Table::default()
    };
    for m in &p.materials {
        let m_ = &m.item;
        let mut notes: Vec<String> = Vec::new();
        if !m_.alternatives.is_empty() {
            notes.push(format!("也可用：{}", m_.alternatives.join("、")));
        }
        if !m_.who.is_empty() {
            notes.push(format!("仅{}需要", who_label(&m_.who)));
        }
        if let Some(c) = &m_.copies {
            notes.push(c.clone());
        }
        if let Some(i) = &m_.issuer {
            notes.push(format!("出具：{i}"));
        }
        if let Some(n) = &m_.note {
            notes.push(n.clone());
        }
        if m_.confidence == Some(Confidence::Check) {
            notes.push(VARIES.into());
        }
        let required = if m_.required { "是" } else { "视情况" };
        let note = join_notes(&notes);
        t.lines.push(format!(
            "{}｜{}{}｜{}",
            m_.name,
            if m_.required { "必需" } else { "视情况" },
            if note.is_empty() { String::new() } else { format!("｜{note}") },
            from_label(&m.from)
        ));
        t.rows.push(vec![m_.name.clone(), required.into(), note, from_label(&m.from)]);
    }
    t
}

fn steps_table(p: &Resolved) -> Table {
    let mut t = Table {
        headers: vec!["步骤".into(), "做什么".into(), "渠道".into(), "地区".into()],
        ..Table::default()
    };
    for (i, s) in p.steps.iter().enumerate() {
        let st = &s.item;
        let mut text = with_check(&st.text, st.confidence);
        if !st.who.is_empty() {
            text = format!("（{}）{text}", who_label(&st.who));
        }
        if let Some(n) = &st.note {
            text.push_str(&format!("（{n}）"));
        }
        let channels: Vec<&str> = st
            .channels
            .iter()
            .filter_map(|c| p.channel(c).map(|c| c.name.as_str()))
            .collect();
        let channels = channels.join("、");
        t.lines.push(format!(
            "{}. {text}{}｜{}",
            i + 1,
            if channels.is_empty() { String::new() } else { format!("｜渠道：{channels}") },
            from_label(&s.from)
        ));
        t.rows.push(vec![(i + 1).to_string(), text, channels, from_label(&s.from)]);
    }
    t
}

fn channels_table(p: &Resolved) -> Table {
    let mut t = Table {
        headers: vec!["渠道".into(), "类型".into(), "怎么找".into(), "地区".into()],
        ..Table::default()
    };
    for c in &p.channels {
        let ch = &c.item;
        let mut how: Vec<String> = Vec::new();
        if let Some(x) = &ch.path {
            how.push(format!("路径：{x}"));
        }
        if let Some(x) = &ch.phone {
            how.push(format!("电话：{x}"));
        }
        if let Some(x) = &ch.address {
            how.push(format!("地址：{x}"));
        }
        if let Some(x) = &ch.hours {
            how.push(format!("时间：{x}"));
        }
        if let Some(x) = &ch.url {
            how.push(format!("网址：{x}"));
        }
        if let Some(x) = &ch.note {
            how.push(x.clone());
        }
        if ch.confidence == Some(Confidence::Check) {
            how.push(VARIES.into());
        }
        let how = join_notes(&how);
        t.lines.push(format!(
            "{}｜{}{}｜{}",
            ch.name,
            ch.kind.label(),
            if how.is_empty() { String::new() } else { format!("｜{how}") },
            from_label(&c.from)
        ));
        t.rows.push(vec![ch.name.clone(), ch.kind.label().into(), how, from_label(&c.from)]);
    }
    t
}

// ---------------------------------------------------------------------------
// A checklist

/// One thing to have or to have done.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistItem {
    pub id: String,
    /// `condition`, `material` or `prepare`.
    pub section: &'static str,
    pub text: String,
    pub required: bool,
    pub alternatives: Vec<String>,
    /// Only these people need it; empty means everyone.
    pub who: Vec<Insured>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether `--have` named it.
    pub have: bool,
    /// Layer key the item came from.
    pub from: String,
}

/// Which procedure a checklist is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistProcedure {
    pub id: String,
    pub title: String,
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
    /// Ids of required items `--have` did not name.
    pub missing: Vec<String>,
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
        for c in &p.conditions {
            items.push(ChecklistItem {
                id: c.item.id.clone().unwrap_or_default(),
                section: "condition",
                text: with_check(&c.item.text, c.item.confidence),
                required: true,
                alternatives: Vec::new(),
                who: Vec::new(),
                note: c.item.note.clone(),
                have: false,
                from: c.from.clone(),
            });
        }
        for m in &p.materials {
            let mut note: Vec<String> = Vec::new();
            note.extend(m.item.copies.clone());
            note.extend(m.item.note.clone());
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
                note: (!note.is_empty()).then(|| join_notes(&note)),
                have: false,
                from: m.from.clone(),
            });
        }
        for c in &p.prepare {
            items.push(ChecklistItem {
                id: c.item.id.clone().unwrap_or_default(),
                section: "prepare",
                text: with_check(&c.item.text, c.item.confidence),
                required: true,
                alternatives: Vec::new(),
                who: Vec::new(),
                note: c.item.note.clone(),
                have: false,
                from: c.from.clone(),
            });
        }
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

/// Whether a `--have` word names the item: its id, or part of its name or an
/// alternative (身份证 matches 居民身份证).
fn have_matches(item: &ChecklistItem, word: &str) -> bool {
    let w = word.to_lowercase();
    item.id.eq_ignore_ascii_case(&w)
        || (w.chars().count() >= 2
            && (item.text.to_lowercase().contains(&w)
                || item.alternatives.iter().any(|a| a.to_lowercase().contains(&w))))
}

impl ChecklistItem {
    fn line(&self) -> String {
        let mut s = self.text.clone();
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
        self.freshness.stale.then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("{}：办理清单", self.procedure.title),
            sub: Some(self.procedure.command.clone()),
        });
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: self.coverage.clone(),
        });
        for (section, heading) in [
            ("condition", "先确认"),
            ("material", "要带的材料"),
            ("prepare", "出发前"),
        ] {
            let items: Vec<CheckItem> = self
                .items
                .iter()
                .filter(|i| i.section == section)
                .map(|i| CheckItem {
                    checked: i.have,
                    text: i.line(),
                })
                .collect();
            if !items.is_empty() {
                d.push(Block::Heading(heading.into()));
                d.push(Block::Checklist(items));
            }
        }
        if self.have_given {
            d.push(Block::Heading("还缺".into()));
            if self.missing.is_empty() {
                d.push(Block::Paragraph("清单上的必需项都已备齐。".into()));
            } else {
                d.push(Block::List(
                    self.items
                        .iter()
                        .filter(|i| self.missing.contains(&i.id))
                        .map(|i| i.text.clone())
                        .collect(),
                ));
            }
            if !self.unmatched_have.is_empty() {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: format!(
                        "--have 中的「{}」没有对应的清单项（可用清单项的名称或 id）。",
                        self.unmatched_have.join("」「")
                    ),
                });
            }
        }
        d.push(Block::Paragraph(self.freshness.footer()));
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
                info.layers
                    .iter()
                    .map(|l| REGIONS[l.region as usize].id.to_string())
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

    fn table(&self) -> Table {
        let mut t = Table {
            headers: vec!["命令".into(), "名称".into(), "说明".into()],
            ..Table::default()
        };
        for p in &self.procedures {
            t.lines.push(format!("{}｜{}｜{}", p.command, p.action_name, p.title));
            t.rows.push(vec![p.command.clone(), p.action_name.clone(), p.title.clone()]);
        }
        t.lines.push(format!("yibao {} checklist [事项]｜清单｜{}", self.id, "办理清单：条件、材料、出发前准备"));
        t.rows.push(vec![
            format!("yibao {} checklist", self.id),
            "清单".into(),
            "办理清单：条件、材料、出发前准备（--have 标记已备好的）".into(),
        ]);
        t
    }
}

/// Example commands the overview and `--help` show.
pub const EXAMPLES: [(&str, &str); 6] = [
    ("yibao card apply --region heilongjiang", "黑龙江申领医保卡的步骤、材料和渠道"),
    ("yibao filing checklist", "跨省异地就医备案要准备什么"),
    ("yibao filing checklist --json | jq '.missing'", "给脚本用的 JSON"),
    ("yibao 医保卡 补办", "中文命令也可以"),
    ("yibao family bind --region heihe", "黑河绑定家庭共济"),
    ("yibao search 补办", "不知道命令时搜索（也支持拼音 bb、英文 lost card）"),
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
    pub examples: Vec<String>,
}

impl Overview {
    pub fn new(kb: &Kb) -> Overview {
        Overview {
            schema_version: SCHEMA_VERSION,
            kind: "overview",
            version: env!("CARGO_PKG_VERSION"),
            checked_as_of: builtin::CHECKED_AS_OF,
            topics: kb.topics().iter().map(|t| TopicSummary::of(kb, t)).collect(),
            examples: EXAMPLES.iter().map(|(c, _)| c.to_string()).collect(),
        }
    }
}

impl View for Overview {
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: "yibao：医保卡办事指南（离线可用）".into(),
            sub: Some(format!(
                "申领、激活、补办、家庭共济、异地就医备案：步骤、材料、渠道、时限。资料核实于 {}。",
                self.checked_as_of
            )),
        });
        d.push(Block::Heading("主题".into()));
        let mut t = Table {
            headers: vec!["命令".into(), "主题".into(), "事项".into()],
            ..Table::default()
        };
        for topic in &self.topics {
            let actions: Vec<String> = topic
                .procedures
                .iter()
                .map(|p| format!("{} {}", p.action, p.action_name))
                .chain(std::iter::once("checklist 清单".to_string()))
                .collect();
            t.lines.push(format!("yibao {}｜{}｜{}", topic.id, topic.name, actions.join("、")));
            t.rows.push(vec![format!("yibao {}", topic.id), topic.name.clone(), actions.join("、")]);
        }
        d.push(Block::Table(t));
        d.push(Block::Heading("例子".into()));
        d.push(Block::Pairs(
            EXAMPLES.iter().map(|(c, what)| (String::new(), format!("{c}    # {what}"))).collect(),
        ));
        d.push(Block::Heading("更多".into()));
        d.push(Block::List(vec![
            "yibao list：全部办事指南".into(),
            "yibao regions：支持的地区（--region 用 id、中文名或代码）".into(),
            "yibao faq：常见问题".into(),
            "yibao --help：全部命令和选项".into(),
        ]));
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
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("{}（{}）", self.topic.name, self.topic.id),
            sub: Some(self.topic.summary.clone()),
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
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("全部办事指南（{} 项）", self.procedures.len()),
            sub: None,
        });
        let mut t = Table {
            headers: vec!["命令".into(), "名称".into(), "标题".into()],
            ..Table::default()
        };
        for p in &self.procedures {
            t.lines.push(format!("{}｜{}｜{}｜{}", p.command, p.id, p.action_name, p.title));
            t.rows.push(vec![p.command.clone(), p.action_name.clone(), p.title.clone()]);
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
        let regions = REGIONS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut procedures: Vec<String> = builtin::PROCEDURES
                    .iter()
                    .filter(|p| builtin::layer_at(p, i as u16).is_some())
                    .map(|p| p.id.to_string())
                    .collect();
                for (reg, p) in kb.overlay_layers() {
                    if reg == Some(r.id) && !procedures.contains(&p.id) {
                        procedures.push(p.id.clone());
                    }
                }
                RegionEntry {
                    region: RegionRef::of(r),
                    aliases: r.aliases.to_vec(),
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
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("支持的地区（{} 个）", self.regions.len()),
            sub: Some("--region 可用 id、中文名（带不带省/市都可以）或行政区划代码；市级查不到的资料按省级、全国依次补上。".into()),
        });
        let mut t = Table {
            headers: vec!["id".into(), "代码".into(), "名称".into(), "上级".into(), "本地资料".into()],
            ..Table::default()
        };
        for e in &self.regions {
            let r = &e.region;
            let parent = r
                .parent
                .and_then(|p| REGIONS.iter().find(|x| x.id == p))
                .map_or(String::new(), |p| p.short.to_string());
            let data = if e.procedures.is_empty() {
                "无".to_string()
            } else {
                format!("{} 项", e.procedures.len())
            };
            t.lines.push(format!("{}｜{}｜{}｜{}｜{}", r.id, r.code, r.name, parent, data));
            t.rows.push(vec![r.id.into(), r.code.into(), r.name.into(), parent, data]);
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
    pub fn new(kb: &Kb, query: &str, region: Option<&'static RegionInfo>, hits: Vec<Hit>) -> SearchResults {
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
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("搜索「{}」：{} 条结果", self.query, self.results.len()),
            sub: None,
        });
        if self.results.is_empty() {
            d.push(Block::Paragraph(
                "没有找到。试试更短的词、拼音首字母（如 bb = 补办），或用 yibao list 浏览全部事项。".into(),
            ));
            return d;
        }
        let mut t = Table {
            headers: vec!["#".into(), "命令".into(), "事项".into(), "匹配".into()],
            ..Table::default()
        };
        for r in &self.results {
            let how = match r.matched {
                MatchKind::Name => "名称",
                MatchKind::Title => "标题",
                MatchKind::Pinyin => "拼音",
                MatchKind::Text => "正文",
            };
            let regions: Vec<String> = r.regions.iter().map(|x| from_label(x)).collect();
            let how = if regions.is_empty() {
                how.to_string()
            } else {
                format!("{how}（{}）", regions.join("、"))
            };
            t.lines.push(format!("{}. {}｜{}｜{}", r.rank, r.command, r.title, how));
            t.rows.push(vec![r.rank.to_string(), r.command.clone(), r.title.clone(), how]);
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
    pub procedure: String,
    pub procedure_title: String,
    pub id: String,
    pub q: String,
    pub a: String,
    pub from: String,
    pub src: Vec<String>,
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
    pub fn new(resolved: Vec<Resolution>, region: Option<&'static RegionInfo>, today: Date) -> FaqPage {
        let mut items = Vec::new();
        let mut oldest = String::new();
        for r in &resolved {
            let p = &r.procedure;
            if oldest.is_empty() || p.checked < oldest {
                oldest.clone_from(&p.checked);
            }
            for q in &p.faq {
                items.push(FaqItem {
                    procedure: p.id.clone(),
                    procedure_title: p.title.clone(),
                    id: q.item.id.clone(),
                    q: q.item.q.clone(),
                    a: with_check(&q.item.a, q.item.confidence),
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
        self.freshness.stale.then_some(self.freshness.message.as_str())
    }

    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Title {
            text: format!("常见问题（{} 条）", self.items.len()),
            sub: self.region.as_ref().map(|r| format!("地区：{}", r.name)),
        });
        let mut current = "";
        for it in &self.items {
            if it.procedure != current {
                d.push(Block::Heading(format!("{}（{}）", it.procedure_title, it.procedure)));
                current = &it.procedure;
            }
            let mark = if it.from == "national" {
                String::new()
            } else {
                format!("〔{}〕", from_label(&it.from))
            };
            d.push(Block::Pairs(vec![
                (String::new(), format!("问：{}{mark}", it.q)),
                (String::new(), format!("答：{}", it.a)),
            ]));
        }
        d.push(Block::Paragraph(self.freshness.footer()));
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
    pub fn new(path: String, mode: &'static str, files: usize, findings: &[Finding]) -> ValidationReport {
        let errors = findings.iter().filter(|f| f.code.is_error()).count();
        ValidationReport {
            schema_version: SCHEMA_VERSION,
            kind: "validation",
            path,
            mode,
            files,
            errors,
            warnings: findings.len() - errors,
            findings: findings
                .iter()
                .map(|f| FindingRef {
                    file: f.file.clone(),
                    line: f.line,
                    column: f.column,
                    code: f.code.as_str(),
                    severity: if f.code.is_error() { "error" } else { "warning" },
                    message: f.message.clone(),
                })
                .collect(),
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
            if self.mode == "base" { "完整知识库" } else { "覆盖数据" }
        )
    }
}

impl View for ValidationReport {
    fn document(&self) -> Document {
        let mut d = Document::default();
        d.push(Block::Raw(
            self.findings
                .iter()
                .map(|f| format!("{}:{}:{}: {} {}", f.file, f.line, f.column, f.code, f.message))
                .collect(),
        ));
        d
    }
}
