//! The glossary (`terms:`) and the search synonyms (`synonyms:`): each term
//! has a well-formed id, a word, an explanation and sources that exist, and
//! points only at procedures that exist; each name leads to one term; each
//! everyday word is listed once and means words the base really has.

use super::super::base::Known;
use super::super::finding::Code;
use super::super::i18n::Msg;
use super::super::locate::Anchor;
use super::super::merge::split_id;
use super::super::search_doc::{Role, SearchText};
use super::{Checker, IdKind};
use std::collections::{BTreeMap, BTreeSet};

impl Checker {
    pub(super) fn check_terms(&mut self, known: Option<&dyn Known>) {
        let terms = std::mem::take(&mut self.base.terms);
        let mut ids: BTreeSet<&str> = BTreeSet::new();
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        let files = self.term_files.clone();
        for (t, &fi) in terms.iter().zip(&files) {
            let id = t.id.as_str();
            let here = [Anchor::Id(id)];
            self.check_english(fi, &here, id, t);
            if self.check_id(fi, id, IdKind::Item) && !ids.insert(id) {
                self.report(
                    fi,
                    &[Anchor::Id(id), Anchor::Id(id)],
                    Code::E005,
                    Msg::new(
                        format!("术语 id {id} 重复"),
                        format!("glossary entry id {id} is used twice"),
                    ),
                );
            }
            if t.term.trim().is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("术语 {id} 缺少 term"),
                        format!("glossary entry {id} has no term"),
                    ),
                );
            }
            if t.text.trim().is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("术语 {id} 缺少 text"),
                        format!("glossary entry {id} has no text"),
                    ),
                );
            }
            if t.example.as_ref().is_some_and(|e| e.trim().is_empty()) {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("术语 {id} 的 example 是空的"),
                        format!("glossary entry {id}: example is empty"),
                    ),
                );
            }
            self.check_text(
                fi,
                &here,
                [&t.term, &t.text]
                    .into_iter()
                    .chain(&t.example)
                    .map(|s| &*s.text),
            );
            // `yibao terms <word>` finds a term by its word, each part of a
            // word like 参保地/就医地, and its aliases: one term per name.
            let parts = t.term.split('/').filter(|p| !p.is_empty());
            for name in std::iter::once(&*t.term.text)
                .chain(parts)
                .chain(t.aliases.iter().map(String::as_str))
            {
                match names.get(name) {
                    Some(other) if *other != id => self.report(
                        fi,
                        &[Anchor::Id(id), Anchor::Token(name)],
                        Code::E005,
                        Msg::new(
                            format!("术语名「{name}」同时属于 {other} 和 {id}"),
                            format!(
                                "name \"{name}\" belongs to both glossary entries {other} and {id}"
                            ),
                        ),
                    ),
                    _ => {
                        names.insert(name.to_string(), id);
                    }
                }
            }
            if t.src.is_empty() {
                self.report(
                    fi,
                    &here,
                    Code::E007,
                    Msg::new(
                        format!("术语 {id} 没有注明来源 (src)"),
                        format!("glossary entry {id} gives no source (src)"),
                    ),
                );
            }
            for s in &t.src {
                if !(self.base.has_source(s) || known.is_some_and(|k| k.has_source(s))) {
                    self.report(
                        fi,
                        &[Anchor::Id(id), Anchor::Key("src"), Anchor::Token(s)],
                        Code::E006,
                        Msg::new(
                            format!("术语 {id} 引用的来源 {s} 不在 sources 中"),
                            format!(
                                "glossary entry {id} cites source {s}, which is not in sources"
                            ),
                        ),
                    );
                }
            }
            for r in &t.related {
                if !(self.defined.contains(r) || known.is_some_and(|k| k.has_procedure(r))) {
                    self.report(
                        fi,
                        &[Anchor::Id(id), Anchor::Key("related"), Anchor::Token(r)],
                        Code::E006,
                        Msg::new(
                            format!("术语 {id} 的相关事项 {r} 不存在"),
                            format!("glossary entry {id}: related procedure {r} does not exist"),
                        ),
                    );
                }
            }
        }
        self.base.terms = terms;
    }

    /// Each everyday word once, lowercase, one word; each meaning a word
    /// that something of the base is found by (else the synonym could
    /// never lead anywhere).
    pub(super) fn check_synonyms(&mut self) {
        let synonyms = std::mem::take(&mut self.base.synonyms);
        let texts = self.search_texts();
        let found = |w: &str| {
            texts
                .iter()
                .any(|t| t.title.contains(w) || t.names.contains(w) || t.body.contains(w))
        };
        // How many times each word was listed so far (a repeat is reported
        // at its own place: the n-th time the word stands in the files).
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let files = self.synonym_files.clone();
        for (s, &fi) in synonyms.iter().zip(&files) {
            let first = s.words.first().map_or("", String::as_str);
            let here = [Anchor::Key("synonyms"), Anchor::Token(first)];
            if s.words.is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new("同义词条目缺少 words", "a synonyms entry has no words"),
                );
            }
            if s.means.is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("同义词「{first}」缺少 means"),
                        format!("synonym \"{first}\" has no means"),
                    ),
                );
            }
            for w in &s.words {
                let at = [Anchor::Key("synonyms"), Anchor::Token(w)];
                if !is_search_word(w) {
                    self.report(
                        fi,
                        &at,
                        Code::E004,
                        Msg::new(
                            format!(
                                "同义词「{w}」应为小写的一个词，英文词组词间用一个空格 (one lowercase word or Latin phrase)"
                            ),
                            format!(
                                "synonym \"{w}\" must be one lowercase word, or a Latin phrase with one space between its words"
                            ),
                        ),
                    );
                } else {
                    let times = seen.entry(w).or_insert(0);
                    *times += 1;
                    if *times > 1 {
                        let mut again = vec![Anchor::Key("synonyms")];
                        again.extend(std::iter::repeat_n(Anchor::Token(w), *times));
                        self.report(
                            fi,
                            &again,
                            Code::E005,
                            Msg::new(
                                format!("同义词「{w}」重复出现（每个词只写一次）"),
                                format!("synonym \"{w}\" is listed again (list each word once)"),
                            ),
                        );
                    }
                }
            }
            for m in &s.means {
                if m.trim().is_empty() || !found(&m.to_lowercase()) {
                    self.report(
                        fi,
                        &[
                            Anchor::Key("synonyms"),
                            Anchor::Token(first),
                            Anchor::Token(m),
                        ],
                        Code::E006,
                        Msg::new(
                            format!("同义词「{first}」指向的「{m}」在知识库的事项和术语里都找不到"),
                            format!(
                                "synonym \"{first}\" means \"{m}\", which no procedure or glossary entry of the base contains"
                            ),
                        ),
                    );
                }
            }
        }
        self.base.synonyms = synonyms;
    }

    /// The searchable text of every national procedure definition and of
    /// every glossary entry of the files checked (a meaning must be a word
    /// of the whole country's text, not of one region's).
    fn search_texts(&self) -> Vec<SearchText> {
        let mut out: Vec<SearchText> = self
            .base
            .entries
            .iter()
            .filter(|e| e.region.is_none())
            .map(|e| {
                let topic_words: Vec<&str> = self
                    .base
                    .topics
                    .iter()
                    .filter(|t| t.id == split_id(&e.procedure.id).0)
                    .flat_map(|t| {
                        std::iter::once(t.id.as_str())
                            .chain(t.name.as_deref())
                            .chain(t.aliases.iter().map(String::as_str))
                    })
                    .collect();
                SearchText::of(
                    &e.procedure,
                    Role::Definition {
                        topic_words: &topic_words,
                    },
                )
            })
            .collect();
        out.extend(self.base.terms.iter().map(SearchText::of_term));
        out
    }
}

/// A word people type: lowercase; Chinese without spaces; Latin words of a
/// phrase (`social security card`) with one space between them.
fn is_search_word(w: &str) -> bool {
    !w.is_empty()
        && w.to_lowercase() == w
        && w.split(' ').all(|part| {
            !part.is_empty()
                && !part.chars().any(char::is_whitespace)
                && (part.is_ascii() || part == w)
        })
}
