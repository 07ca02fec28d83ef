//! `yibao plan`: the list of situations, a plan for one, or — on a
//! terminal, with no situation named — the guided questions.

use super::{Options, PlanRequest, guided, kb_error, print};
use crate::error::{Error, Unknown};
use crate::kb::Kb;
use crate::kb::RegionInfo;
use crate::kb::date::Date;
use crate::kb::i18n::Msg;
use crate::kb::situation::Situation;
use crate::search::{self, Candidate};
use crate::views::{PlanAsk, PlanList, PlanPage};
use std::io::Write;

/// Answers `yibao plan …`.
pub(super) fn answer(
    kb: &Kb,
    req: &PlanRequest,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let situations = kb.situations().map_err(kb_error)?;
    // Regions are checked first: a mistyped place is reported whatever else.
    let from = place(kb, "--from", req.from.as_deref().or(opts.region.as_deref()))?;
    let to = place(kb, "--to", req.to.as_deref())?;
    let Some(word) = &req.situation else {
        if guided::possible(opts) {
            return guided::run(kb, &situations, req, from, to, opts, today, out);
        }
        return print(PlanList::new(&situations, opts.lang), opts, out);
    };
    let situation = find(&situations, word)?;
    let ask = PlanAsk {
        situation,
        from,
        to,
        who: opts.who,
        on_behalf: req.on_behalf,
        lang: opts.lang,
    };
    print(PlanPage::new(kb, ask, today).map_err(kb_error)?, opts, out)
}

/// The region an option names; an empty value is a usage error.
fn place(kb: &Kb, option: &str, text: Option<&str>) -> Result<Option<RegionInfo>, Error> {
    if text.is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Usage(Msg::new(
            format!("{option} 不能为空 (empty region)；不写 {option} 时按全国通用规则。"),
            format!("{option} is empty; leave it out for the national rules."),
        )));
    }
    super::region_of(kb, text)
}

/// The situation `word` names: its id, an alias or its title.
pub(super) fn find<'a>(situations: &'a [Situation], word: &str) -> Result<&'a Situation, Error> {
    if let Some(s) = situations.iter().find(|s| s.is_named(word)) {
        return Ok(s);
    }
    let candidates: Vec<Candidate> = situations
        .iter()
        .map(|s| Candidate {
            display: super::suggest::named(&s.id, &s.title, s.title.en.as_deref().unwrap_or("")),
            keys: s
                .names()
                .chain(std::iter::once(&*s.title))
                .map(str::to_string)
                .collect(),
        })
        .collect();
    Err(Error::NotFound {
        what: Unknown::Situation,
        given: word.to_string(),
        suggestions: search::suggest(word, &candidates),
        hint: Msg::new(
            "运行 yibao plan 查看全部情况。",
            "Run yibao plan for every situation.",
        ),
    })
}
