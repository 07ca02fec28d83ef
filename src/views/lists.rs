//! The answers that list things: the overview, a topic, all procedures,
//! regions, search results and the FAQ.

use super::*;
use crate::kb::model::List;
use crate::kb::{ProcView, TopicView};
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, Table, View};

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
    pub fn of(kb: &Kb, p: &ProcView<'_>, lang: Lang) -> ProcedureSummary {
        let regions = kb.layer_regions(p.id);
        ProcedureSummary {
            id: p.id.into(),
            topic: p.topic.into(),
            action: p.action.into(),
            action_name: p.action_name_in(lang).into_owned(),
            aliases: p.cli_aliases.iter().map(|s| s.to_string()).collect(),
            title: p.title_in(lang).into_owned(),
            summary: p.summary_in(lang).into_owned(),
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
    pub fn of(kb: &Kb, t: &TopicView<'_>, lang: Lang) -> TopicSummary {
        TopicSummary {
            id: t.id.into(),
            name: t.name_in(lang).into_owned(),
            aliases: t.aliases.iter().map(|s| s.to_string()).collect(),
            summary: t.summary_in(lang).into_owned(),
            primary: t.primary.into(),
            procedures: kb
                .procedures()
                .iter()
                .filter(|p| p.topic == t.id)
                .map(|p| ProcedureSummary::of(kb, p, lang))
                .collect(),
        }
    }

    fn table(&self, l: Lang) -> Table<'_> {
        let mut t = Table {
            headers: vec![
                Cow::Borrowed(l.pick("命令", "Command")),
                Cow::Borrowed(l.pick("名称", "Action")),
                Cow::Borrowed(l.pick("说明", "What it is")),
            ],
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
            Cow::Borrowed(l.pick("清单", "checklist")),
            Cow::Borrowed(l.pick(
                "办理清单：条件、材料、出发前准备（--have 标记已备好的）",
                "Checklist: conditions, materials, things to do before you go (--have ticks what you have)",
            )),
        ]);
        t
    }
}

/// Example commands the overview and `--help` show, with what each does
/// in Chinese and in English.
pub const EXAMPLES: [(&str, &str, &str); 6] = [
    (
        "yibao card apply --region heilongjiang",
        "黑龙江申领医保卡的步骤、材料和渠道",
        "Steps, materials and channels for a card in Heilongjiang",
    ),
    (
        "yibao filing checklist",
        "跨省异地就医备案要准备什么",
        "What to prepare for cross-province filing",
    ),
    (
        "yibao filing checklist --json | jq '.missing'",
        "给脚本用的 JSON",
        "JSON for scripts",
    ),
    (
        "yibao 医保卡 补办",
        "中文命令也可以",
        "Chinese command words work too",
    ),
    (
        "yibao family bind --region heihe",
        "黑河绑定家庭共济",
        "Family mutual aid binding in Heihe",
    ),
    (
        "yibao search 补办",
        "不知道命令时搜索（也支持拼音 bb、英文 lost card）",
        "Search when you do not know the command (pinyin bb and English lost card work too)",
    ),
];

/// `yibao` with no command.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Overview {
    pub schema_version: u32,
    /// Always `overview`.
    pub kind: &'static str,
    pub version: &'static str,
    pub checked_as_of: Text,
    pub topics: Vec<TopicSummary>,
    pub examples: Vec<&'static str>,
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
}

impl Overview {
    pub fn new(kb: &Kb, lang: Lang) -> Overview {
        Overview {
            schema_version: SCHEMA_VERSION,
            kind: "overview",
            lang,
            version: env!("CARGO_PKG_VERSION"),
            checked_as_of: kb.checked_as_of(),
            topics: kb
                .topics()
                .iter()
                .map(|t| TopicSummary::of(kb, t, lang))
                .collect(),
            examples: EXAMPLES.iter().map(|(c, _, _)| *c).collect(),
        }
    }
}

impl View for Overview {
    fn document(&self) -> Document<'_> {
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Borrowed(l.pick(
                "yibao：医保卡办事指南（离线可用）",
                "yibao: a guide to China's medical insurance card procedures (works offline)",
            )),
            sub: Some(Cow::Owned(match l {
                Lang::Zh => format!(
                    "申领、激活、补办、家庭共济、异地就医备案：步骤、材料、渠道、时限。资料核实于 {}。",
                    self.checked_as_of
                ),
                Lang::En => format!(
                    "Applying, activating, replacing, family mutual aid, cross-province filing: steps, materials, channels, time limits. Checked as of {}.",
                    self.checked_as_of
                ),
            })),
        });
        d.push(Block::Heading(Cow::Borrowed(l.pick("主题", "Topics"))));
        let mut t = Table {
            headers: vec![
                Cow::Borrowed(l.pick("命令", "Command")),
                Cow::Borrowed(l.pick("主题", "Topic")),
                Cow::Borrowed(l.pick("事项", "Actions")),
            ],
            ..Table::default()
        };
        for topic in &self.topics {
            let actions: Vec<String> = topic
                .procedures
                .iter()
                .map(|p| format!("{} {}", p.action, p.action_name))
                .chain(std::iter::once(
                    l.pick("checklist 清单", "checklist").to_string(),
                ))
                .collect();
            t.rows.push(vec![
                Cow::Owned(format!("yibao {}", topic.id)),
                Cow::Borrowed(&*topic.name),
                Cow::Owned(actions.join(l.comma())),
            ]);
        }
        d.push(Block::Table(t));
        d.push(Block::Heading(Cow::Borrowed(l.pick("例子", "Examples"))));
        // Each command whole on its line (for copying), what it does below.
        d.push(Block::List(
            EXAMPLES
                .iter()
                .map(|(c, zh, en)| Cow::Owned(format!("{c}\n{}", l.pick(*zh, *en))))
                .collect(),
        ));
        d.push(Block::Heading(Cow::Borrowed(l.pick("更多", "More"))));
        let more = match l {
            Lang::Zh => [
                "yibao list：全部办事指南",
                "yibao regions：支持的地区（--region 用 id、中文名或代码）",
                "yibao faq：常见问题",
                "yibao --help：全部命令和选项",
            ],
            Lang::En => [
                "yibao list: every procedure",
                "yibao regions: the regions (--region takes an id, a Chinese or English name, or a code)",
                "yibao faq: frequently asked questions",
                "yibao --help: every command and option",
            ],
        };
        d.push(Block::List(more.map(Cow::Borrowed).to_vec()));
        d
    }
}

/// `yibao <topic>` with no action.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TopicPage {
    pub schema_version: u32,
    /// Always `topic`.
    pub kind: &'static str,
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    pub topic: TopicSummary,
}

impl View for TopicPage {
    fn document(&self) -> Document<'_> {
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(format!(
                "{}{}",
                self.topic.name,
                self.lang.aside(&self.topic.id)
            )),
            sub: Some(Cow::Borrowed(&self.topic.summary)),
        });
        d.push(Block::Table(self.topic.table(self.lang)));
        d
    }
}

/// `yibao list`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProcedureList {
    pub schema_version: u32,
    /// Always `list`.
    pub kind: &'static str,
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    pub procedures: Vec<ProcedureSummary>,
}

impl View for ProcedureList {
    fn document(&self) -> Document<'_> {
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(match l {
                Lang::Zh => format!("全部办事指南（{} 项）", self.procedures.len()),
                Lang::En => format!("Every procedure ({})", self.procedures.len()),
            }),
            sub: None,
        });
        let mut t = Table {
            headers: vec![
                Cow::Borrowed(l.pick("命令", "Command")),
                Cow::Borrowed("id"),
                Cow::Borrowed(l.pick("名称", "Action")),
                Cow::Borrowed(l.pick("标题", "Title")),
            ],
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
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    pub regions: Vec<RegionEntry>,
}

impl RegionList {
    pub fn new(kb: &Kb, lang: Lang) -> RegionList {
        // Each procedure's regions, once; then each region's procedures.
        let layered: Vec<(String, Vec<String>)> = kb
            .procedures()
            .iter()
            .map(|p| (p.id.to_string(), kb.layer_regions(p.id)))
            .collect();
        let regions = kb
            .regions()
            .map(|r| {
                let procedures = layered
                    .iter()
                    .filter(|(_, regions)| regions.iter().any(|x| x == r.id))
                    .map(|(id, _)| id.clone())
                    .collect();
                RegionEntry {
                    region: RegionRef::of(r),
                    aliases: r.aliases().iter().collect(),
                    procedures,
                }
            })
            .collect();
        RegionList {
            schema_version: SCHEMA_VERSION,
            kind: "regions",
            lang,
            regions,
        }
    }
}

/// "无" or "N 项": how many procedures a region has data of its own for.
fn own_data(e: &RegionEntry, l: Lang) -> Cow<'static, str> {
    if e.procedures.is_empty() {
        Cow::Borrowed(l.pick("无", "none"))
    } else {
        Cow::Owned(match l {
            Lang::Zh => format!("{} 项", e.procedures.len()),
            Lang::En => e.procedures.len().to_string(),
        })
    }
}

impl View for RegionList {
    /// The provincial units in one table, then each one's cities under its
    /// name: some 400 rows read better in 30 short tables than in one long
    /// one with a parent column. JSON keeps the flat list.
    fn document(&self) -> Document<'_> {
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(match l {
                Lang::Zh => format!("支持的地区（{} 个）", self.regions.len()),
                Lang::En => format!("Regions ({})", self.regions.len()),
            }),
            sub: Some(Cow::Borrowed(l.pick(
                "--region 可用 id、中文名（带不带省、市都可以）、英文名或行政区划代码；市里没有的资料按省、全国依次补上。",
                "--region takes an id, a Chinese name (with or without 省/市), an English name or a division code; what a city has no details of its own for comes from its province, then the national rules.",
            ))),
        });
        let headers = |cities: bool| -> Vec<DocStr<'static>> {
            let mut h = vec![
                Cow::Borrowed("id"),
                Cow::Borrowed(l.pick("代码", "Code")),
                Cow::Borrowed(l.pick("名称", "Name")),
                Cow::Borrowed(l.pick("英文名", "English")),
            ];
            if !cities {
                h.push(Cow::Borrowed(l.pick("下辖", "Cities")));
            }
            h.push(Cow::Borrowed(l.pick("本地资料", "Own data")));
            h
        };
        let regions = &self.regions;
        let cities_of =
            move |p: &'static str| regions.iter().filter(move |e| e.region.parent == Some(p));
        let provinces: Vec<&RegionEntry> = self
            .regions
            .iter()
            .filter(|e| e.region.parent.is_none())
            .collect();
        d.push(Block::Heading(Cow::Owned(match l {
            Lang::Zh => format!("省级单位（{} 个）", provinces.len()),
            Lang::En => format!("Provincial units ({})", provinces.len()),
        })));
        let mut t = Table {
            headers: headers(false),
            ..Table::default()
        };
        for e in &provinces {
            let r = &e.region;
            let n = cities_of(r.id).count();
            t.rows.push(vec![
                Cow::Borrowed(r.id),
                Cow::Borrowed(r.code),
                Cow::Borrowed(r.name),
                Cow::Borrowed(e.region.en),
                if n == 0 {
                    Cow::Borrowed("")
                } else {
                    Cow::Owned(n.to_string())
                },
                own_data(e, l),
            ]);
        }
        d.push(Block::Table(t));
        for p in &provinces {
            let mut t = Table {
                headers: headers(true),
                ..Table::default()
            };
            for e in cities_of(p.region.id) {
                let r = &e.region;
                t.rows.push(vec![
                    Cow::Borrowed(r.id),
                    Cow::Borrowed(r.code),
                    Cow::Borrowed(r.name),
                    Cow::Borrowed(e.region.en),
                    own_data(e, l),
                ]);
            }
            if t.rows.is_empty() {
                continue;
            }
            d.push(Block::Heading(Cow::Owned(match l {
                Lang::Zh => format!(
                    "{}（{}）下辖 {} 个",
                    p.region.name,
                    p.region.id,
                    t.rows.len()
                ),
                Lang::En => format!(
                    "{} ({}, {}): {} cities",
                    p.region.en,
                    p.region.name,
                    p.region.id,
                    t.rows.len()
                ),
            })));
            d.push(Block::Table(t));
        }
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
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    pub region: Option<RegionRef>,
    pub items: Vec<FaqItem>,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
}

impl FaqPage {
    pub fn new(
        mut resolved: Vec<Resolution>,
        region: Option<RegionInfo>,
        today: Date,
        lang: Lang,
    ) -> FaqPage {
        let mut items = Vec::new();
        let mut oldest: Text = Text::default();
        for r in &mut resolved {
            r.localize(lang);
        }
        for r in &resolved {
            let p = &r.procedure;
            if oldest.is_empty() || p.checked < oldest {
                oldest = p.checked.clone();
            }
            for q in &p.faq {
                items.push(FaqItem {
                    procedure: p.id.clone(),
                    procedure_title: p.title.text.clone(),
                    id: q.item.id.clone(),
                    q: q.item.q.text.clone(),
                    a: checked_text(&q.item.a, q.item.confidence, lang),
                    from: q.from.clone(),
                    src: q.item.src.clone(),
                });
            }
        }
        FaqPage {
            schema_version: SCHEMA_VERSION,
            kind: "faq",
            lang,
            region: region.map(RegionRef::of),
            items,
            freshness: Freshness::of(&oldest, today, lang),
            confirm_with: confirm_with(lang),
        }
    }
}

impl View for FaqPage {
    fn document(&self) -> Document<'_> {
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(match l {
                Lang::Zh => format!("常见问题（{} 条）", self.items.len()),
                Lang::En => format!("Frequently asked questions ({})", self.items.len()),
            }),
            sub: self.region.as_ref().map(|r| {
                Cow::Owned(match l {
                    Lang::Zh => format!("地区：{}", r.name),
                    Lang::En => format!("Region: {} ({})", r.en, r.name),
                })
            }),
        });
        let mut current = "";
        for it in &self.items {
            if it.procedure != current {
                d.push(Block::Heading(Cow::Owned(format!(
                    "{}{}",
                    it.procedure_title,
                    l.aside(&it.procedure)
                ))));
                current = &it.procedure;
            }
            let mark = if it.from == "national" {
                String::new()
            } else {
                l.tag(&from_label(&it.from, l))
            };
            d.push(Block::Pairs(vec![
                (
                    Cow::Borrowed(""),
                    Cow::Owned(format!("{}{}{mark}", l.pick("问：", "Q: "), it.q)),
                ),
                (
                    Cow::Borrowed(""),
                    Cow::Owned(format!("{}{}", l.pick("答：", "A: "), it.a)),
                ),
            ]));
        }
        d.begin_footer();
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}
