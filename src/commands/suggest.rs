//! Names that match nothing, and the closest names to suggest instead:
//! regions, topics, actions, procedure ids.

use super::GENERAL;
use crate::error::{Error, Unknown};
use crate::kb::i18n::Msg;
use crate::kb::region::NATIONAL_KEYS;
use crate::kb::words;
use crate::kb::{Kb, KbError, ProcView, RegionInfo, Resolution, TopicView};
use crate::search::{self, Candidate};

/// Whether `word` names the topic: its id or one of its aliases.
pub fn names_topic(t: &TopicView<'_>, word: &str) -> bool {
    t.id == word || t.aliases.contains(word)
}

/// The region a `--region` value names, in the registry of the base in
/// use; `None` for national rules. An empty value is a usage error: leaving
/// the option out gives national rules.
pub(super) fn region_of(kb: &Kb, text: Option<&str>) -> Result<Option<RegionInfo>, Error> {
    let Some(text) = text else { return Ok(None) };
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::Usage(Msg::new(
            "--region 不能为空 (empty region)；不指定地区时显示全国通用规则。",
            "--region is empty; leave it out for the national rules.",
        )));
    }
    if NATIONAL_KEYS.contains(&t.to_lowercase().as_str()) {
        return Ok(None);
    }
    if let Some(r) = kb.region(t) {
        return Ok(Some(r));
    }
    let candidates: Vec<Candidate> = kb
        .regions()
        .map(|r| Candidate {
            display: named(r.id, r.name, r.en),
            keys: [r.id, r.name, r.short, r.code, r.en]
                .into_iter()
                .filter(|k| !k.is_empty())
                .chain(r.aliases().iter())
                .map(str::to_string)
                .collect(),
        })
        .collect();
    Err(Error::NotFound {
        what: Unknown::Region,
        given: text.to_string(),
        suggestions: search::suggest(t, &candidates),
        hint: Msg::new(
            "运行 yibao regions 查看全部地区。",
            "Run yibao regions for every region.",
        ),
    })
}

/// A first command word that is neither a topic nor a general command.
pub fn unknown_topic(kb: &Kb, given: &str) -> Error {
    let mut candidates: Vec<Candidate> = kb
        .topics()
        .iter()
        .map(|t| Candidate {
            display: named(t.id, t.name, t.name_en),
            keys: [t.id, t.name]
                .into_iter()
                .chain(t.aliases.iter())
                .map(str::to_string)
                .collect(),
        })
        .collect();
    candidates.extend(GENERAL.iter().map(|(n, aliases, _)| {
        Candidate {
            display: Msg::same(*n),
            keys: std::iter::once(*n)
                .chain(aliases.iter().copied())
                .map(str::to_string)
                .collect(),
        }
    }));
    let mut suggestions = search::suggest(given, &candidates);
    if suggestions.is_empty() {
        // Not a misspelt command but a word of the base (`yibao 丢了`): the
        // commands of what it names best.
        suggestions = search::search(kb, given, None, crate::kb::i18n::Lang::Zh)
            .hits
            .into_iter()
            .filter(|h| h.matched >= search::MatchKind::Title)
            .take(3)
            .map(|h| Msg::same(h.kind.command(&h.id)))
            .collect();
    }
    Error::NotFound {
        what: Unknown::Topic,
        given: given.to_string(),
        suggestions,
        hint: Msg::new(
            "运行 yibao 查看全部主题，或用 yibao search 搜索。",
            "Run yibao for every topic, or yibao search to search.",
        ),
    }
}

/// A word after a topic that names none of its actions (nor `checklist`).
pub fn unknown_action(kb: &Kb, topic: &str, given: &str) -> Error {
    let mut candidates = action_candidates(&kb.procedures(), topic);
    candidates.push(Candidate {
        display: Msg::new("checklist（清单）", "checklist"),
        keys: vec![words::CHECKLIST.into(), words::CHECKLIST_ALIAS.into()],
    });
    action_not_found(topic, given, &candidates)
}

fn action_not_found(topic: &str, given: &str, candidates: &[Candidate]) -> Error {
    Error::NotFound {
        what: Unknown::Action,
        given: given.to_string(),
        suggestions: search::suggest(given, candidates),
        hint: Msg::new(
            format!("运行 yibao {topic} 查看这个主题的全部事项。"),
            format!("Run yibao {topic} for every action of this topic."),
        ),
    }
}

fn action_candidates(procedures: &[ProcView<'_>], topic: &str) -> Vec<Candidate> {
    procedures
        .iter()
        .filter(|p| p.topic == topic)
        .map(|p| Candidate {
            display: named(p.action, p.action_name, p.action_name_en),
            keys: [p.action, p.action_name]
                .into_iter()
                .chain(p.cli_aliases.iter())
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

/// The id of the procedure of `topic` that `word` names (action, Chinese
/// name, alias).
pub(super) fn procedure_for_action(kb: &Kb, topic: &str, word: &str) -> Result<String, Error> {
    if let Some(p) = kb.action(topic, word) {
        return Ok(p.id.to_string());
    }
    Err(action_not_found(
        topic,
        word,
        &action_candidates(&kb.procedures(), topic),
    ))
}

/// Resolves a procedure by id, suggesting close ids when there is none.
pub(super) fn resolve(kb: &Kb, id: &str, region: Option<RegionInfo>) -> Result<Resolution, Error> {
    kb.resolve(id, region).map_err(|e| match e {
        KbError::UnknownProcedure(_) => {
            let candidates: Vec<Candidate> = kb
                .procedures()
                .iter()
                .map(|p| Candidate {
                    display: named(p.id, p.title, p.title_en),
                    keys: vec![
                        p.id.to_string(),
                        p.title.to_string(),
                        p.action_name.to_string(),
                    ],
                })
                .collect();
            Error::NotFound {
                what: Unknown::Procedure,
                given: id.to_string(),
                suggestions: search::suggest(id, &candidates),
                hint: list_hint(),
            }
        }
        other => super::kb_error(other),
    })
}

/// Where to find every procedure.
pub(super) fn list_hint() -> Msg {
    Msg::new(
        "运行 yibao list 查看全部办事指南。",
        "Run yibao list for every procedure.",
    )
}

/// A suggestion as people recognise it: the id, and its name in Chinese
/// (`tianjin（天津市）`) or in English (`tianjin (Tianjin)`; the Chinese
/// name when there is no English one; the English name alone when it
/// starts with the id, as with the action `apply` or the glossary's
/// `deductible (起付线)`).
pub(super) fn named(id: &str, zh: &str, en: &str) -> Msg {
    let english = match en.trim() {
        "" => format!("{id} ({zh})"),
        en if en == id || en.starts_with(&format!("{id} (")) => en.to_string(),
        en => format!("{id} ({en})"),
    };
    Msg::new(format!("{id}（{zh}）"), english)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_names_the_thing_once_in_each_language() {
        let tianjin = named("tianjin", "天津市", "Tianjin");
        assert_eq!(
            (tianjin.zh.as_str(), tianjin.en.as_str()),
            ("tianjin（天津市）", "tianjin (Tianjin)")
        );
        assert_eq!(named("apply", "申领", "apply").en, "apply");
        assert_eq!(
            named("deductible", "起付线", "deductible (起付线)").en,
            "deductible (起付线)"
        );
        assert_eq!(named("lend", "出借", "").en, "lend (出借)");
    }
}
