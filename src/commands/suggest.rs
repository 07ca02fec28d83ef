//! Names that match nothing, and the closest names to suggest instead:
//! regions, topics, actions, procedure ids.

use super::GENERAL;
use crate::error::{Error, Unknown};
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
        return Err(Error::Usage(
            "--region 不能为空 (empty region)；不指定地区时显示全国通用规则。".into(),
        ));
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
            display: format!("{}（{}）", r.id, r.name),
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
        hint: "运行 yibao regions 查看全部地区。".into(),
    })
}

/// A first command word that is neither a topic nor a general command.
pub fn unknown_topic(kb: &Kb, given: &str) -> Error {
    let mut candidates: Vec<Candidate> = kb
        .topics()
        .iter()
        .map(|t| Candidate {
            display: format!("{}（{}）", t.id, t.name),
            keys: [t.id, t.name]
                .into_iter()
                .chain(t.aliases.iter())
                .map(str::to_string)
                .collect(),
        })
        .collect();
    candidates.extend(GENERAL.iter().map(|(n, aliases, _)| {
        Candidate {
            display: n.to_string(),
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
            .map(|h| h.kind.command(&h.id))
            .collect();
    }
    Error::NotFound {
        what: Unknown::Topic,
        given: given.to_string(),
        suggestions,
        hint: "运行 yibao 查看全部主题，或用 yibao search 搜索。".into(),
    }
}

/// A word after a topic that names none of its actions (nor `checklist`).
pub fn unknown_action(kb: &Kb, topic: &str, given: &str) -> Error {
    let mut candidates = action_candidates(&kb.procedures(), topic);
    candidates.push(Candidate {
        display: "checklist（清单）".into(),
        keys: vec![words::CHECKLIST.into(), words::CHECKLIST_ALIAS.into()],
    });
    action_not_found(topic, given, &candidates)
}

fn action_not_found(topic: &str, given: &str, candidates: &[Candidate]) -> Error {
    Error::NotFound {
        what: Unknown::Action,
        given: given.to_string(),
        suggestions: search::suggest(given, candidates),
        hint: format!("运行 yibao {topic} 查看这个主题的全部事项。"),
    }
}

fn action_candidates(procedures: &[ProcView<'_>], topic: &str) -> Vec<Candidate> {
    procedures
        .iter()
        .filter(|p| p.topic == topic)
        .map(|p| Candidate {
            display: format!("{}（{}）", p.action, p.action_name),
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
                    display: format!("{}（{}）", p.id, p.title),
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
                hint: "运行 yibao list 查看全部办事指南。".into(),
            }
        }
        other => super::kb_error(other),
    })
}
