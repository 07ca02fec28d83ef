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
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    /// Who the answer is for (`--as`); `null` for everyone.
    #[serde(rename = "as")]
    pub who: Option<Insured>,
    /// Ids of the materials and steps that are for other people than `as`:
    /// the human formats leave them out, the JSON keeps them.
    pub not_for_you: Vec<Text>,
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
    /// The page of a resolution, in `lang` (the resolution is localized
    /// here), for `who` (`--as`; `None` for everyone).
    pub fn new(
        kb: &Kb,
        mut res: Resolution,
        today: Date,
        lang: Lang,
        who: Option<Insured>,
    ) -> ProcedurePage {
        res.localize(lang);
        let p = &res.procedure;
        let related = p
            .related
            .iter()
            .filter_map(|id| kb.procedure(id))
            .map(|x| ProcedureRef {
                id: Cow::Owned(x.id.to_string()),
                title: Cow::Owned(x.title_in(lang).into_owned()),
                command: command_of(x.topic, x.action),
            })
            .collect();
        let sources = p
            .cited_sources()
            .into_iter()
            .map(|s| SourceRef::of(kb, s, lang))
            .collect();
        let topic_name = kb
            .topic(&p.topic)
            .map(|t| Cow::Owned(t.name_in(lang).into_owned()))
            .unwrap_or_default();
        let not_for_you = p
            .materials
            .iter()
            .filter(|m| !for_you(&m.item.who, who))
            .map(|m| m.item.id.clone())
            .chain(
                p.steps
                    .iter()
                    .filter(|s| !for_you(&s.item.who, who))
                    .map(|s| s.item.id.clone()),
            )
            .collect();
        ProcedurePage {
            schema_version: SCHEMA_VERSION,
            kind: "procedure",
            lang,
            who,
            not_for_you,
            region: res.region.map(RegionRef::of),
            regional_data: res.has_regional(),
            coverage: coverage(&res, lang),
            freshness: Freshness::of(&p.checked, today, lang),
            confirm_with: confirm_with(lang),
            related,
            sources,
            topic_name,
            layers: res.layers,
            procedure: res.procedure,
        }
    }
}

impl View for ProcedurePage {
    fn document(&self) -> Document<'_> {
        let p = &self.procedure;
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Borrowed(&p.title),
            sub: Some(Cow::Owned(format!(
                "{}{sep}{}{sep}{}",
                self.topic_name,
                p.action_name,
                command_of(&p.topic, &p.action),
                sep = l.pick("｜", " | "),
            ))),
        });
        if !p.summary.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(&p.summary)));
        }
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Borrowed(&self.coverage),
        });
        if let Some(who) = self.who {
            d.push(Block::Note {
                kind: NoteKind::Info,
                text: Cow::Owned(as_note(who, &p.applies_to, !self.not_for_you.is_empty(), l)),
            });
        }

        let mut pairs: Vec<(DocStr<'_>, DocStr<'_>)> = Vec::new();
        if !p.applies_to.is_empty() {
            pairs.push((
                Cow::Borrowed(l.pick("适用对象", "For")),
                Cow::Owned(who_label(&p.applies_to, l)),
            ));
        }
        if let Some(a) = &p.authority {
            pairs.push((
                Cow::Borrowed(l.pick("办理机构", "Handled by")),
                fact_text(&a.item, l),
            ));
        }
        for b in &p.basis {
            pairs.push((
                Cow::Borrowed(l.pick("设定依据", "Rules")),
                fact_text(&b.item, l),
            ));
        }
        if !pairs.is_empty() {
            d.push(Block::Pairs(pairs));
        }

        if !p.conditions.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("受理条件", "Who can apply"),
            )));
            d.push(Block::List(
                p.conditions.iter().map(|f| fact_line(f, l)).collect(),
            ));
        }
        if !p.materials.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("申请材料", "What to bring"),
            )));
            d.push(Block::Table(materials_table(p, self.who, l)));
        }
        if !p.prepare.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("出发前准备", "Before you go"),
            )));
            d.push(Block::List(
                p.prepare.iter().map(|f| fact_line(f, l)).collect(),
            ));
        }
        if !p.steps.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(l.pick("办理流程", "Steps"))));
            d.push(Block::Table(steps_table(p, self.who, l)));
        }
        if !p.channels.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("办理渠道", "Where and how"),
            )));
            d.push(Block::Table(channels_table(p, l)));
        }
        for (heading, fact) in [
            (
                l.pick("不用智能手机怎么办", "Without a smartphone"),
                &p.offline,
            ),
            (
                l.pick("帮别人办（代办）", "Doing it for someone else"),
                &p.proxy,
            ),
        ] {
            if let Some(f) = fact {
                d.push(Block::Heading(Cow::Borrowed(heading)));
                d.push(Block::Paragraph(fact_line(f, l)));
            }
        }
        if let Some(c) = &p.comparison {
            d.push(Block::Heading(Cow::Borrowed(l.pick("对比", "Compared"))));
            let mut headers: Vec<DocStr<'_>> = vec![Cow::Borrowed(l.pick("项目", "Aspect"))];
            headers.extend(c.columns.iter().map(|c| Cow::Borrowed(&**c)));
            let rows = c
                .rows
                .iter()
                .map(|r| {
                    let mut row: Vec<DocStr<'_>> = vec![Cow::Borrowed(&*r.item.label)];
                    row.extend(r.item.cells.iter().map(|c| Cow::Borrowed(&**c)));
                    let mut extra = String::new();
                    if let Some(n) = &r.item.note {
                        extra.push_str(&l.aside(n));
                    }
                    if r.item.confidence == Some(Confidence::Check) {
                        extra.push_str(&l.aside(varies(l)));
                    }
                    if r.from != "national" {
                        extra.push_str(&l.tag(&from_label(&r.from, l)));
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
        let mut limits: Vec<(DocStr<'_>, DocStr<'_>)> = Vec::new();
        for (label, f) in [
            (l.pick("办理时限", "How long"), &p.time_limit),
            (l.pick("收费", "Fees"), &p.fees),
            (l.pick("有效期", "Valid for"), &p.validity),
        ] {
            if let Some(f) = f {
                limits.push((Cow::Borrowed(label), fact_line(f, l)));
            }
        }
        if !limits.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("时限、收费与有效期", "Time, fees and validity"),
            )));
            d.push(Block::Pairs(limits));
        }
        if !p.warnings.is_empty() || !p.tips.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("注意事项", "Good to know"),
            )));
            for w in &p.warnings {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: fact_line(w, l),
                });
            }
            if !p.tips.is_empty() {
                d.push(Block::List(
                    p.tips.iter().map(|f| fact_line(f, l)).collect(),
                ));
            }
        }
        if !p.faq.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("常见问题", "Questions"),
            )));
            let mut items: Vec<(DocStr<'_>, DocStr<'_>)> = Vec::new();
            for q in &p.faq {
                let mark = if q.from == "national" {
                    String::new()
                } else {
                    l.tag(&from_label(&q.from, l))
                };
                items.push((
                    Cow::Borrowed(""),
                    Cow::Owned(format!("{}{}{mark}", l.pick("问：", "Q: "), q.item.q)),
                ));
                items.push((
                    Cow::Borrowed(""),
                    Cow::Owned(format!(
                        "{}{}",
                        l.pick("答：", "A: "),
                        with_check(&q.item.a, q.item.confidence, l)
                    )),
                ));
            }
            d.push(Block::Pairs(items));
        }
        if !self.related.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("相关事项", "See also"),
            )));
            d.push(Block::List(
                self.related
                    .iter()
                    .map(|r| Cow::Owned(format!("{}{}{}", r.title, l.colon(), r.command)))
                    .collect(),
            ));
        }
        d.begin_footer();
        d.push(Block::Heading(Cow::Borrowed(l.pick("资料来源", "Sources"))));
        d.push(Block::List(
            self.sources.iter().map(|s| Cow::Owned(s.line())).collect(),
        ));
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

/// Whether an item for `item_who` (empty: everyone) is for `who`
/// (`None`: the reader did not say, so everything is).
pub(crate) fn for_you(item_who: &[Insured], who: Option<Insured>) -> bool {
    who.is_none_or(|w| item_who.is_empty() || item_who.contains(&w))
}

/// What `--as` did to this page, in one sentence.
fn as_note(who: Insured, applies_to: &[Insured], left_out: bool, l: Lang) -> String {
    let mut s = match l {
        Lang::Zh => format!("按「{}」列出。", who.label()),
        Lang::En => format!("Shown for {}.", who.label_en()),
    };
    if !applies_to.is_empty() && !applies_to.contains(&who) {
        s.push_str(&match l {
            Lang::Zh => format!("这个事项一般只适用于{}。", who_label(applies_to, l)),
            Lang::En => format!(" This is usually only for {}.", who_label(applies_to, l)),
        });
    }
    if left_out {
        s.push_str(l.pick(
            "只适用于其他人的材料和步骤没有列出（去掉 --as 可看全部）。",
            " Materials and steps only for other people are left out (drop --as to see all).",
        ));
    }
    s
}

/// A fact as one line: the text, its "varies by region" note, and its
/// remark in brackets (a regional difference, a correction of a source).
fn fact_text(f: &Fact, l: Lang) -> DocStr<'_> {
    let mut line = with_check(&f.text, f.confidence, l);
    if let Some(n) = f.note.as_deref().map(|n| n.trim_end_matches(['。', '.']))
        && !n.is_empty()
    {
        line.to_mut().push_str(&l.aside(n));
    }
    line
}

/// [`fact_text`] and the region the fact came from when it is not national.
fn fact_line(s: &Sourced<Fact>, l: Lang) -> DocStr<'_> {
    let mut line = fact_text(&s.item, l);
    if s.from != "national" {
        line.to_mut().push_str(&l.tag(&from_label(&s.from, l)));
    }
    line
}

/// The heading of a table's region column.
fn where_heading(l: Lang) -> DocStr<'static> {
    Cow::Borrowed(l.pick("地区", "Where"))
}

fn materials_table(p: &Resolved, who: Option<Insured>, l: Lang) -> Table<'_> {
    let mut t = Table {
        headers: vec![
            Cow::Borrowed(l.pick("材料", "Material")),
            Cow::Borrowed(l.pick("必需", "Needed")),
            Cow::Borrowed(l.pick("说明", "Notes")),
            where_heading(l),
        ],
        ..Table::default()
    };
    for m in p.materials.iter().filter(|m| for_you(&m.item.who, who)) {
        let it = &m.item;
        let mut notes: Vec<String> = Vec::new();
        if !it.alternatives.is_empty() {
            notes.push(format!(
                "{}{}",
                l.pick("也可用：", "or instead: "),
                join_texts(&it.alternatives, l)
            ));
        }
        if !it.who.is_empty() {
            notes.push(match l {
                Lang::Zh => format!("仅{}需要", who_label(&it.who, l)),
                Lang::En => format!("only for {}", who_label(&it.who, l)),
            });
        }
        notes.extend(it.copies.iter().map(|c| c.to_string()));
        notes.extend(
            it.issuer
                .iter()
                .map(|i| format!("{}{i}", l.pick("出具：", "issued by: "))),
        );
        notes.extend(it.note.iter().map(|n| n.to_string()));
        if it.confidence == Some(Confidence::Check) {
            notes.push(varies(l).into());
        }
        let required = if it.required {
            l.pick("是", "yes")
        } else {
            l.pick("视情况", "if asked")
        };
        t.rows.push(vec![
            Cow::Borrowed(&*it.name),
            Cow::Borrowed(required),
            Cow::Owned(join_notes(&notes, l)),
            from_label(&m.from, l),
        ]);
    }
    t
}

fn steps_table(p: &Resolved, who: Option<Insured>, l: Lang) -> Table<'_> {
    let mut t = Table {
        headers: vec![
            Cow::Borrowed(l.pick("步骤", "Step")),
            Cow::Borrowed(l.pick("做什么", "What to do")),
            Cow::Borrowed(l.pick("渠道", "Where")),
            where_heading(l),
        ],
        ..Table::default()
    };
    if l == Lang::En {
        t.headers[2] = Cow::Borrowed("How");
    }
    for (i, s) in p
        .steps
        .iter()
        .filter(|s| for_you(&s.item.who, who))
        .enumerate()
    {
        let st = &s.item;
        let mut text = with_check(&st.text, st.confidence, l);
        if !st.who.is_empty() {
            text = Cow::Owned(match l {
                Lang::Zh => format!("（{}）{text}", who_label(&st.who, l)),
                Lang::En => format!("({}) {text}", who_label(&st.who, l)),
            });
        }
        if let Some(n) = &st.note {
            text.to_mut().push_str(&l.aside(n));
        }
        let channels = st
            .channels
            .iter()
            .filter_map(|c| p.channel(c))
            .map(|c| &*c.name)
            .collect::<Vec<_>>()
            .join(l.comma());
        t.rows.push(vec![
            Cow::Owned((i + 1).to_string()),
            text,
            Cow::Owned(channels),
            from_label(&s.from, l),
        ]);
    }
    t
}

fn channels_table(p: &Resolved, l: Lang) -> Table<'_> {
    let mut t = Table {
        headers: vec![
            Cow::Borrowed(l.pick("渠道", "Channel")),
            Cow::Borrowed(l.pick("类型", "Kind")),
            Cow::Borrowed(l.pick("怎么找", "How to find it")),
            where_heading(l),
        ],
        ..Table::default()
    };
    for c in &p.channels {
        let ch = &c.item;
        let mut how: Vec<String> = Vec::new();
        let label = |zh: &str, en: &str, x: &str| format!("{}{x}", l.pick(zh, en));
        how.extend(ch.path.iter().map(|x| label("路径：", "menu: ", x)));
        how.extend(ch.phone.iter().map(|x| label("电话：", "phone: ", x)));
        how.extend(ch.address.iter().map(|x| label("地址：", "address: ", x)));
        how.extend(ch.hours.iter().map(|x| label("时间：", "hours: ", x)));
        how.extend(ch.url.iter().map(|x| label("网址：", "web: ", x)));
        how.extend(ch.note.iter().map(|x| x.to_string()));
        if ch.confidence == Some(Confidence::Check) {
            how.push(varies(l).into());
        }
        t.rows.push(vec![
            Cow::Borrowed(&*ch.name),
            Cow::Borrowed(l.pick(ch.kind.label(), ch.kind.label_en())),
            Cow::Owned(join_notes(&how, l)),
            from_label(&c.from, l),
        ]);
    }
    t
}
