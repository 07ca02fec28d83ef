//! `yibao <action word>` with no topic (`yibao 补办`, `yibao 激活`): the
//! procedures whose action the word names. One is answered as if its topic
//! had been typed; several are listed, each with its command.

use super::{Options, print};
use crate::error::Error;
use crate::kb::{Kb, ProcView};
use crate::views::ActionChoices;
use std::io::Write;

/// Ids of the procedures, in the base's order, whose action `word` names:
/// the action itself (`replace`), its Chinese name (`挂失补办`) or a
/// command alias (`补办`).
pub fn procedures_named(kb: &Kb, word: &str) -> Vec<String> {
    kb.procedures()
        .iter()
        .filter(|p| names_action(p, word))
        .map(|p| p.id.to_string())
        .collect()
}

fn names_action(p: &ProcView<'_>, word: &str) -> bool {
    p.action == word || p.action_name == word || p.cli_aliases.contains(word)
}

/// Lists the procedures of several topics that `word` names.
pub(super) fn choices(
    kb: &Kb,
    word: &str,
    ids: &[String],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let procedures: Vec<ProcView<'_>> = kb
        .procedures()
        .into_iter()
        .filter(|p| ids.iter().any(|id| id == p.id))
        .collect();
    print(
        ActionChoices::new(kb, word, &procedures, opts.lang),
        opts,
        out,
    )
}
