//! `yibao <topic> <action>` and `yibao show <id>`: one procedure.

use super::*;
use crate::kb::merge::{Resolved, Sourced};
use crate::kb::model::Fact;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, NoteKind, Table, View};

/// A procedure named by another answer: a "see also" entry, or the
/// procedure a checklist is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProcedureRef {
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
    pub related: Vec<ProcedureRef>,
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
            .map(|x| ProcedureRef {
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
        self.freshness.reminder()
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
            pairs.push((Cow::Borrowed("办理机构"), fact_text(&a.item)));
        }
        for b in &p.basis {
            pairs.push((Cow::Borrowed("设定依据"), fact_text(&b.item)));
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
        for (heading, fact) in [
            ("不用智能手机怎么办", &p.offline),
            ("帮别人办（代办）", &p.proxy),
        ] {
            if let Some(f) = fact {
                d.push(Block::Heading(Cow::Borrowed(heading)));
                d.push(Block::Paragraph(fact_line(f)));
            }
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
        d.begin_footer();
        d.push(Block::Heading(Cow::Borrowed("资料来源")));
        d.push(Block::List(
            self.sources.iter().map(|s| Cow::Owned(s.line())).collect(),
        ));
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

/// A fact as one line: the text, its "varies by region" note, and its
/// remark in brackets (a regional difference, a correction of a source).
fn fact_text(f: &Fact) -> Str<'_> {
    let mut line = with_check(&f.text, f.confidence);
    if let Some(n) = f.note.as_deref().map(|n| n.trim_end_matches('。'))
        && !n.is_empty()
    {
        line.to_mut().push_str(&format!("（{n}）"));
    }
    line
}

/// [`fact_text`] and the region the fact came from when it is not national.
fn fact_line(s: &Sourced<Fact>) -> Str<'_> {
    let mut line = fact_text(&s.item);
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
