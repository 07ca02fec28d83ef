//! `yibao terms`: the plain-language glossary, whole or one word.

use super::procedure::ProcedureRef;
use super::*;
use crate::kb::i18n::{Lang, Texts};
use crate::kb::model::Term;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, View};

/// A glossary entry as answers give it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermEntry {
    /// Lowercase ASCII id; `yibao terms <id>` shows it.
    pub id: String,
    /// The word as people meet it: `起付线`.
    pub term: String,
    /// Other names for it.
    pub aliases: Vec<String>,
    /// What it means, in one plain sentence (with 以当地规定为准 where it
    /// varies by region).
    pub text: String,
    /// A worked example.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// `check`: the rule varies by region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Procedures where the word matters.
    pub related: Vec<ProcedureRef>,
    /// Ids of the sources it rests on (listed in `sources`).
    pub src: Vec<String>,
}

impl TermEntry {
    /// The entry of `term` in `lang`.
    pub fn of(kb: &Kb, mut term: Term, lang: Lang) -> TermEntry {
        term.localize(lang);
        let related = term
            .related
            .iter()
            .filter_map(|id| kb.procedure(id))
            .map(|p| ProcedureRef {
                id: Cow::Owned(p.id.to_string()),
                title: Cow::Owned(p.title_in(lang).into_owned()),
                command: command_of(p.topic, p.action),
            })
            .collect();
        TermEntry {
            text: checked_text(&term.text, term.confidence, lang).into_owned(),
            term: term.term.text.into_owned(),
            example: term.example.map(|e| e.text.into_owned()),
            confidence: term.confidence,
            aliases: term.aliases,
            related,
            src: term.src,
            id: term.id,
        }
    }

    /// 「起付线（又称 起付标准、门槛费）」.
    fn heading(&self, lang: Lang) -> String {
        if self.aliases.is_empty() {
            return self.term.clone();
        }
        lang.pick(
            format!("{}（又称 {}）", self.term, self.aliases.join("、")),
            format!("{} (also: {})", self.term, self.aliases.join(", ")),
        )
    }

    /// The example and the related procedures, as label–value pairs.
    fn details(&self, lang: Lang) -> Vec<(DocStr<'_>, DocStr<'_>)> {
        let mut pairs = Vec::new();
        if let Some(e) = &self.example {
            pairs.push((
                Cow::Borrowed(lang.pick("例子", "Example")),
                Cow::Borrowed(e.as_str()),
            ));
        }
        if !self.related.is_empty() {
            let refs: Vec<String> = self.related.iter().map(|r| related_line(r, lang)).collect();
            pairs.push((
                Cow::Borrowed(lang.pick("相关事项", "Procedures")),
                Cow::Owned(refs.join(lang.pick("；", "; "))),
            ));
        }
        pairs
    }
}

/// 「yibao filing apply（跨省异地就医备案）」.
fn related_line(r: &ProcedureRef, lang: Lang) -> String {
    lang.pick(
        format!("{}（{}）", r.command, r.title),
        format!("{} ({})", r.command, r.title),
    )
}

/// Every source the entries cite, each once, in the order first cited.
fn sources_of<'a>(
    kb: &Kb,
    entries: impl Iterator<Item = &'a TermEntry>,
    lang: Lang,
) -> Vec<SourceRef> {
    let mut ids: Vec<&str> = Vec::new();
    for e in entries {
        for s in &e.src {
            if !ids.contains(&s.as_str()) {
                ids.push(s);
            }
        }
    }
    ids.into_iter()
        .map(|id| SourceRef::of(kb, id, lang))
        .collect()
}

fn sources_block(sources: &[SourceRef]) -> Block<'_> {
    Block::List(sources.iter().map(|s| Cow::Owned(s.line())).collect())
}

/// `yibao terms`: the whole glossary.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermList {
    pub schema_version: u32,
    /// Always `terms`.
    pub kind: &'static str,
    pub lang: Lang,
    pub terms: Vec<TermEntry>,
    /// Every document the entries cite.
    pub sources: Vec<SourceRef>,
}

impl TermList {
    pub fn new(kb: &Kb, terms: Vec<Term>, lang: Lang) -> TermList {
        let terms: Vec<TermEntry> = terms
            .into_iter()
            .map(|t| TermEntry::of(kb, t, lang))
            .collect();
        TermList {
            schema_version: SCHEMA_VERSION,
            kind: "terms",
            lang,
            sources: sources_of(kb, terms.iter(), lang),
            terms,
        }
    }
}

impl View for TermList {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(lang.pick(
                format!("医保术语（{} 个）", self.terms.len()),
                format!("Medical insurance terms ({})", self.terms.len()),
            )),
            sub: Some(Cow::Borrowed(lang.pick(
                "每个词一句话讲明白；只看一个词：yibao terms <词>",
                "Each word in one plain sentence; one word only: yibao terms <word>",
            ))),
        });
        for t in &self.terms {
            // Each entry can be linked to by its id: `terms.html#deductible`.
            d.push_anchored(Cow::Borrowed(&t.id), Cow::Owned(t.heading(lang)));
            d.push(Block::Paragraph(Cow::Borrowed(&t.text)));
            let pairs = t.details(lang);
            if !pairs.is_empty() {
                d.push(Block::Pairs(pairs));
            }
        }
        if !self.sources.is_empty() {
            // The sources close the glossary (a page's footer).
            d.begin_footer();
            d.push(Block::Heading(Cow::Borrowed(lang.pick("来源", "Sources"))));
            d.push(sources_block(&self.sources));
        }
        d
    }
}

/// `yibao terms <word>`: one entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermPage {
    pub schema_version: u32,
    /// Always `term`.
    pub kind: &'static str,
    pub lang: Lang,
    pub term: TermEntry,
    /// Every document the entry cites.
    pub sources: Vec<SourceRef>,
}

impl TermPage {
    pub fn new(kb: &Kb, term: Term, lang: Lang) -> TermPage {
        let term = TermEntry::of(kb, term, lang);
        TermPage {
            schema_version: SCHEMA_VERSION,
            kind: "term",
            lang,
            sources: sources_of(kb, std::iter::once(&term), lang),
            term,
        }
    }
}

impl View for TermPage {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let t = &self.term;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Borrowed(&t.term),
            sub: (!t.aliases.is_empty()).then(|| {
                Cow::Owned(lang.pick(
                    format!("又称 {}", t.aliases.join("、")),
                    format!("Also: {}", t.aliases.join(", ")),
                ))
            }),
        });
        d.push(Block::Paragraph(Cow::Borrowed(&t.text)));
        if let Some(e) = &t.example {
            d.push(Block::Pairs(vec![(
                Cow::Borrowed(lang.pick("例子", "Example")),
                Cow::Borrowed(e.as_str()),
            )]));
        }
        if !t.related.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(
                lang.pick("相关事项", "Procedures"),
            )));
            d.push(Block::List(
                t.related
                    .iter()
                    .map(|r| Cow::Owned(related_line(r, lang)))
                    .collect(),
            ));
        }
        if !self.sources.is_empty() {
            d.push(Block::Heading(Cow::Borrowed(lang.pick("来源", "Sources"))));
            d.push(sources_block(&self.sources));
        }
        d
    }
}
