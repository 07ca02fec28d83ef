//! `yibao terms [<word>]`: the glossary, or the entry a word names.

use super::{Options, print};
use crate::error::{Error, Unknown};
use crate::kb::Kb;
use crate::kb::builtin::{self, TermInfo};
use crate::kb::i18n::Lang;
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
    let Some(word) = word else {
        let terms = builtin::terms()
            .map(builtin::decode_term)
            .collect::<Result<Vec<_>, _>>()
            .map_err(Error::Corrupt)?;
        return print(TermList::new(kb, terms, opts.lang), opts, out);
    };
    let info = named(word).ok_or_else(|| unknown_term(word, opts.lang))?;
    let term = builtin::decode_term(info).map_err(Error::Corrupt)?;
    print(TermPage::new(kb, term, opts.lang), opts, out)
}

/// The entry `word` names: its id, its word or a part of it (参保地 of
/// 参保地/就医地), an alias — any case, spaces around ignored.
fn named(word: &str) -> Option<TermInfo> {
    let w = word.trim().to_lowercase();
    if w.is_empty() {
        return None;
    }
    builtin::terms().find(|t| t.id == w || t.names.lines().any(|n| n == w))
}

fn unknown_term(word: &str, lang: Lang) -> Error {
    let candidates: Vec<Candidate> = builtin::terms()
        .map(|t| Candidate {
            display: format!("{}（{}）", t.id, t.word),
            keys: t.names.lines().map(str::to_string).collect(),
        })
        .collect();
    Error::NotFound {
        what: Unknown::Term,
        given: word.to_string(),
        suggestions: search::suggest(word, &candidates),
        hint: lang
            .pick(
                "运行 yibao terms 查看全部术语，或用 yibao search 搜索。",
                "Run yibao terms for the whole glossary, or yibao search to search.",
            )
            .into(),
    }
}
