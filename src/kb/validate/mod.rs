//! The knowledge-base linter. It checks a set of parsed files — the built-in
//! base at build time, a user's overlay at run time, or any directory given to
//! `yibao data validate` — and gathers what passed into a [`Base`].
//!
//! Two passes: [`check`] looks at each file (`files.rs`), across files
//! (`unique.rs`: ids and command words; `refs.rs`: references between
//! topics, regions and procedures), at each procedure's fields
//! (`procedure.rs`) and at the glossary and search synonyms (`terms.rs`); [`check_resolved`] (`resolved.rs`) merges every
//! procedure for every region that has layers and checks what only the
//! merged result shows (steps pointing at channels, `remove` ids that match
//! nothing).

mod english;
mod files;
mod procedure;
mod refs;
mod resolved;
mod situations;
mod terms;
mod unique;

/// The words the linter keeps from topics and actions (see [`super::words`]).
pub use resolved::{check_base_resolution, check_resolved};

use super::base::{Base, Known};
use super::date::Date;
use super::finding::{Code, Finding};
use super::i18n::Msg;
use super::load::LoadedFile;
use super::locate::{Anchor, locate, locate_after};
use super::text;
use std::collections::BTreeSet;

/// How to read a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A complete knowledge base, with its own region registry and topics.
    Base,
    /// Layers and additions over the built-in base.
    Overlay,
}

/// Checks files one by one and against each other. Returns what was read and
/// every finding; the caller decides what errors mean (build failure, exit 4).
pub fn check(
    files: Vec<LoadedFile>,
    mode: Mode,
    known: Option<&dyn Known>,
    today: Date,
) -> (Base, Vec<Finding>) {
    let mut c = Checker {
        base: Base::default(),
        findings: Vec::new(),
        today,
        defined: BTreeSet::new(),
        term_files: Vec::new(),
        synonym_files: Vec::new(),
    };
    for (i, f) in files.into_iter().enumerate() {
        c.base.files.push((f.path, f.text));
        c.take_file(i, f.data, mode);
    }
    c.cross_checks(known);
    (c.base, c.findings)
}

struct Checker {
    base: Base,
    findings: Vec<Finding>,
    today: Date,
    /// Ids of the procedures the files define (filled before entry checks).
    defined: BTreeSet<String>,
    /// The file of each of `base.terms`, and of each of `base.synonyms`.
    term_files: Vec<usize>,
    synonym_files: Vec<usize>,
}

impl Checker {
    fn report(&mut self, file: usize, anchors: &[Anchor<'_>], code: Code, msg: Msg) {
        let (path, text) = &self.base.files[file];
        let (line, col) = locate(text, anchors);
        self.findings.push(Finding::new(path, line, col, code, msg));
    }

    /// E009: `what` says which field is missing or empty (the Chinese gets
    /// the code's English meaning after it).
    fn empty(&mut self, fi: usize, anchors: &[Anchor<'_>], what: Msg) {
        let msg = Msg::new(format!("{} (empty required field)", what.zh), what.en);
        self.report(fi, anchors, Code::E009, msg);
    }

    fn check_id(&mut self, fi: usize, id: &str, kind: IdKind) -> bool {
        let ok = match kind {
            IdKind::Procedure => id
                .split_once('.')
                .is_some_and(|(t, a)| is_word(t, false) && is_word(a, true) && !a.contains('.')),
            IdKind::Topic | IdKind::Region => is_word(id, false),
            IdKind::Item => is_word(id, true),
        };
        if !ok {
            let (zh, en) = match kind {
                IdKind::Procedure => (
                    "<主题>.<事项>，小写字母、数字和连字符，如 card.replace",
                    "<topic>.<action> in lowercase letters, digits and hyphens, like card.replace",
                ),
                IdKind::Topic | IdKind::Region => (
                    "小写字母和数字，如 heilongjiang",
                    "lowercase letters and digits, like heilongjiang",
                ),
                IdKind::Item => (
                    "小写字母、数字和连字符，如 id-card",
                    "lowercase letters, digits and hyphens, like id-card",
                ),
            };
            self.report(
                fi,
                &[Anchor::Id(id)],
                Code::E010,
                Msg::new(
                    format!("id `{id}` 格式不对：应为{zh}"),
                    format!("id \"{id}\" is malformed: write it in {en}"),
                ),
            );
        }
        ok
    }

    fn check_text<'s, T: AsRef<str> + ?Sized + 's>(
        &mut self,
        fi: usize,
        anchors: &[Anchor<'_>],
        texts: impl IntoIterator<Item = &'s T>,
    ) {
        for t in texts {
            let t = t.as_ref();
            if let Some(c) = t.chars().find(|&c| text::is_unhandled_ambiguous(c)) {
                let mut buf = [0u8; 4];
                let needle = &*c.encode_utf8(&mut buf);
                let (path, body) = &self.base.files[fi];
                let (line, col) = locate_after(body, anchors, needle);
                self.findings.push(Finding::new(
                    path,
                    line,
                    col,
                    Code::W002,
                    Msg::new(
                        format!(
                            "字符 {c} (U+{:04X}) 在中文终端和西文终端宽度不同，会使表格错位；请换用全角或「」等符号",
                            c as u32
                        ),
                        format!(
                            "character {c} (U+{:04X}) is one column wide in some terminals and two in Chinese ones, which misaligns tables; use a full-width form or 「」 instead",
                            c as u32
                        ),
                    ),
                ));
            }
        }
    }

    fn cross_checks(&mut self, known: Option<&dyn Known>) {
        self.check_duplicates();
        self.check_command_words(known);
        self.check_regions(known);
        self.check_topics(known);
        self.defined = self
            .base
            .entries
            .iter()
            .filter(|e| e.region.is_none())
            .map(|e| e.procedure.id.to_string())
            .collect();
        let entries = std::mem::take(&mut self.base.entries);
        for e in &entries {
            self.check_entry(e, known);
        }
        self.base.entries = entries;
        self.check_situations(known);
        self.check_terms(known);
        self.check_synonyms();
    }

    /// The last file whose text defines `id:` for this id (for locating
    /// findings about topics, sources and regions).
    fn file_defining(&self, id: &str) -> usize {
        self.base
            .files
            .iter()
            .rposition(|(_, t)| locate(t, &[Anchor::Id(id)]) != (1, 1))
            .unwrap_or(0)
    }
}

#[derive(Clone, Copy)]
enum IdKind {
    Procedure,
    Topic,
    Region,
    Item,
}

/// Lowercase ASCII letters and digits (and hyphens where allowed), starting
/// with a letter or digit.
fn is_word(s: &str, hyphens: bool) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || (hyphens && b == b'-'))
}
