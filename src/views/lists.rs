//! The answers that list things: the overview, a topic, all procedures,
//! regions, search results and the FAQ.

use super::*;
use crate::kb::i18n::Lang;
use crate::kb::model::List;
use crate::kb::{ProcView, TopicView};
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, Table, View};
use crate::search::{Found, Kind, MatchKind, Word};

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
    /// English name, also accepted by `--region`.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub en: &'static str,
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
                    en: r.en,
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

/// "无" or "N 项": how many procedures a region has data of its own for.
fn own_data(e: &RegionEntry) -> Cow<'static, str> {
    if e.procedures.is_empty() {
        Cow::Borrowed("无")
    } else {
        Cow::Owned(format!("{} 项", e.procedures.len()))
    }
}

impl View for RegionList {
    /// The provincial units in one table, then each one's cities under its
    /// name: some 400 rows read better in 30 short tables than in one long
    /// one with a parent column. JSON keeps the flat list.
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("支持的地区（{} 个）", self.regions.len())),
            sub: Some(Cow::Borrowed(
                "--region 可用 id、中文名（带不带省、市都可以）、英文名或行政区划代码；市里没有的资料按省、全国依次补上。",
            )),
        });
        let regions = &self.regions;
        let cities_of =
            move |p: &'static str| regions.iter().filter(move |e| e.region.parent == Some(p));
        let provinces: Vec<&RegionEntry> = self
            .regions
            .iter()
            .filter(|e| e.region.parent.is_none())
            .collect();
        d.push(Block::Heading(Cow::Owned(format!(
            "省级单位（{} 个）",
            provinces.len()
        ))));
        let mut t = Table {
            headers: ["id", "代码", "名称", "英文名", "下辖", "本地资料"]
                .map(Cow::Borrowed)
                .to_vec(),
            ..Table::default()
        };
        for e in &provinces {
            let r = &e.region;
            let n = cities_of(r.id).count();
            t.rows.push(vec![
                Cow::Borrowed(r.id),
                Cow::Borrowed(r.code),
                Cow::Borrowed(r.name),
                Cow::Borrowed(e.en),
                if n == 0 {
                    Cow::Borrowed("")
                } else {
                    Cow::Owned(n.to_string())
                },
                own_data(e),
            ]);
        }
        d.push(Block::Table(t));
        for p in &provinces {
            let mut t = Table {
                headers: ["id", "代码", "名称", "英文名", "本地资料"]
                    .map(Cow::Borrowed)
                    .to_vec(),
                ..Table::default()
            };
            for e in cities_of(p.region.id) {
                let r = &e.region;
                t.rows.push(vec![
                    Cow::Borrowed(r.id),
                    Cow::Borrowed(r.code),
                    Cow::Borrowed(r.name),
                    Cow::Borrowed(e.en),
                    own_data(e),
                ]);
            }
            if t.rows.is_empty() {
                continue;
            }
            d.push(Block::Heading(Cow::Owned(format!(
                "{}（{}）下辖 {} 个",
                p.region.name,
                p.region.id,
                t.rows.len()
            ))));
            d.push(Block::Table(t));
        }
        d
    }
}

// ---------------------------------------------------------------------------
// Search

/// One search result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchResult {
    pub rank: usize,
    /// What it is: `procedure` or `term` (a glossary entry).
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// The command that shows it.
    pub command: String,
    pub score: u32,
    /// How many of the words looked for (`understood`) it matched.
    pub covered: usize,
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
    pub lang: Lang,
    /// The question as typed.
    pub query: String,
    /// How the question was read: the words looked for (question and
    /// filler words dropped, run-together Chinese split into the base's
    /// words), each with what it also stands for.
    pub understood: Vec<Word>,
    pub region: Option<RegionRef>,
    pub results: Vec<SearchResult>,
}

impl SearchResults {
    pub fn new(query: &str, found: Found, region: Option<RegionInfo>, lang: Lang) -> SearchResults {
        let results = found
            .hits
            .into_iter()
            .enumerate()
            .map(|(i, h)| SearchResult {
                rank: i + 1,
                kind: h.kind,
                command: h.kind.command(&h.id),
                id: h.id,
                title: h.title,
                score: h.score,
                covered: h.covered,
                matched: h.matched,
                regions: h.regions,
            })
            .collect();
        SearchResults {
            schema_version: SCHEMA_VERSION,
            kind: "search",
            lang,
            query: query.to_string(),
            understood: found.query.words,
            region: region.map(RegionRef::of),
            results,
        }
    }

    /// 「医保卡、丢了（挂失、补办）」: the words looked for, for the screen.
    fn understood_line(&self) -> String {
        let lang = self.lang;
        let words: Vec<String> = self
            .understood
            .iter()
            .map(|w| {
                if w.means.is_empty() && w.parts.is_empty() {
                    w.word.clone()
                } else {
                    let also: Vec<&str> =
                        w.means.iter().chain(&w.parts).map(String::as_str).collect();
                    let means = also.join(lang.pick("、", ", "));
                    lang.pick(
                        format!("{}（{means}）", w.word),
                        format!("{} ({means})", w.word),
                    )
                }
            })
            .collect();
        lang.pick(
            format!("按这些词查找：{}", words.join("、")),
            format!("Looked for: {}", words.join(", ")),
        )
    }
}

impl View for SearchResults {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let mut d = Document::default();
        let as_typed = self
            .understood
            .iter()
            .map(|w| w.word.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let read_differently = as_typed != self.query
            || self
                .understood
                .iter()
                .any(|w| !w.means.is_empty() || !w.parts.is_empty());
        d.push(Block::Title {
            text: Cow::Owned(lang.pick(
                format!("搜索「{}」：{} 条结果", self.query, self.results.len()),
                format!("Search \"{}\": {} results", self.query, self.results.len()),
            )),
            sub: read_differently.then(|| Cow::Owned(self.understood_line())),
        });
        if self.results.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(lang.pick(
                "没有找到。试试更短的词、拼音首字母（如 bb = 补办），或用 yibao list 浏览全部事项。",
                "Nothing found. Try a shorter word, pinyin initials (bb = 补办), or yibao list to see every procedure.",
            ))));
            return d;
        }
        let mut t = Table {
            headers: lang
                .pick(
                    ["#", "命令", "标题", "匹配"],
                    ["#", "command", "title", "matched"],
                )
                .map(Cow::Borrowed)
                .to_vec(),
            ..Table::default()
        };
        for r in &self.results {
            let how = match r.matched {
                MatchKind::Name => lang.pick("名称", "name"),
                MatchKind::Title => lang.pick("标题", "title"),
                MatchKind::Pinyin => lang.pick("拼音", "pinyin"),
                MatchKind::Text => lang.pick("正文", "text"),
            };
            let how = if r.regions.is_empty() {
                Cow::Borrowed(how)
            } else {
                // A few names, then a count: a national-scale base can match
                // in hundreds of regions.
                let shown: Vec<Str<'_>> = r.regions.iter().take(3).map(|x| from_label(x)).collect();
                let more = r.regions.len().saturating_sub(shown.len());
                let all = r.regions.len();
                Cow::Owned(match (lang, more > 0) {
                    (Lang::Zh, false) => format!("{how}（{}）", shown.join("、")),
                    (Lang::Zh, true) => format!("{how}（{}等 {all} 个地区）", shown.join("、")),
                    (Lang::En, false) => format!("{how} ({})", shown.join(", ")),
                    (Lang::En, true) => {
                        format!("{how} ({} and others, {all} regions)", shown.join(", "))
                    }
                })
            };
            let title = match r.kind {
                Kind::Procedure => Cow::Borrowed(r.title.as_str()),
                Kind::Term => Cow::Owned(format!("{}{}", lang.pick("术语：", "term: "), r.title)),
            };
            t.rows.push(vec![
                Cow::Owned(r.rank.to_string()),
                Cow::Borrowed(&*r.command),
                title,
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
        self.freshness.reminder()
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
