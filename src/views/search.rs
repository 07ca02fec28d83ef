//! `yibao search <words>`: what matched a question, procedures, glossary
//! entries and plans together, best first, and how the question was read.

use super::*;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, Table, View};
use crate::search::{Found, Kind, MatchKind, Word};

/// One search result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SearchResult {
    pub rank: usize,
    /// What it is: `procedure`, `term` (a glossary entry) or `plan` (a
    /// plan for a life situation).
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
        let mut d = Document::new(lang);
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
                let shown: Vec<DocStr<'_>> = r
                    .regions
                    .iter()
                    .take(3)
                    .map(|x| from_label(x, lang))
                    .collect();
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
                Kind::Term => Cow::Owned(format!("{}{}", lang.pick("术语：", "Term: "), r.title)),
                Kind::Plan => Cow::Owned(format!("{}{}", lang.pick("方案：", "Plan: "), r.title)),
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
