//! `yibao terms [<word>]`: the glossary, or the entry a word names.

use super::{Options, kb_error, print};
use crate::error::{Error, Unknown};
use crate::kb::Kb;
use crate::kb::i18n::Msg;
use crate::kb::model::Term;
use crate::kb::search_doc::SearchText;
use crate::search::{self, Candidate};
use crate::views::{TermList, TermPage};
use std::io::Write;

/// Answers `yibao terms` (every entry) or `yibao terms <word>` (the entry
/// whose id, word, part of a word or alias it is).
pub(super) fn answer(
    kb: &Kb,
    word: Option<&str>,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let terms = kb.terms().map_err(kb_error)?;
    let Some(word) = word else {
        return print(TermList::new(kb, terms, opts.lang), opts, out);
    };
    let names: Vec<String> = terms.iter().map(|t| SearchText::of_term(t).names).collect();
    let w = word.trim().to_lowercase();
    let found = terms
        .iter()
        .zip(&names)
        .position(|(t, n)| !w.is_empty() && (t.id == w || n.lines().any(|n| n == w)));
    match found {
        Some(i) => {
            let term = terms.into_iter().nth(i).unwrap_or_default();
            print(TermPage::new(kb, term, opts.lang), opts, out)
        }
        None => Err(unknown_term(word, &terms, &names)),
    }
}

/// A word that names no entry, with the closest entries' words.
fn unknown_term(word: &str, terms: &[Term], names: &[String]) -> Error {
    let candidates: Vec<Candidate> = terms
        .iter()
        .zip(names)
        .map(|(t, n)| Candidate {
            display: super::suggest::named(&t.id, &t.term.text, t.term.en.as_deref().unwrap_or("")),
            keys: n.lines().map(str::to_string).collect(),
        })
        .collect();
    Error::NotFound {
        what: Unknown::Term,
        given: word.to_string(),
        suggestions: search::suggest(word, &candidates),
        hint: Msg::new(
            "运行 yibao terms 查看全部术语，或用 yibao search 搜索。",
            "Run yibao terms for the whole glossary, or yibao search to search.",
        ),
    }
}
