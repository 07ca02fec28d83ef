//! Checks across files that each thing has one name and each name one
//! thing: procedure, topic, source and region ids, region names, and the
//! command words of topics and actions.

use super::super::base::Known;
use super::super::finding::Code;
use super::super::i18n::Msg;
use super::super::locate::{Anchor, locate};
use super::super::merge::split_id;
use super::super::region;
use super::super::words::{RESERVED_ACTION_WORDS, RESERVED_TOPIC_WORDS};
use super::Checker;
use std::collections::{BTreeMap, BTreeSet};

/// Owners of the command words yibao keeps for itself, as messages name
/// them.
const GENERAL_COMMAND: &str = "yibao 的通用命令";
const CHECKLIST_COMMAND: &str = "清单命令";

/// The owner of a command word in English.
fn owner_en(owner: &str) -> &str {
    match owner {
        GENERAL_COMMAND => "a general command of yibao",
        CHECKLIST_COMMAND => "the checklist command",
        id => id,
    }
}

impl Checker {
    pub(super) fn check_duplicates(&mut self) {
        // Procedure definitions and layers: one per (id, region).
        let mut seen: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        let mut dups = Vec::new();
        for e in &self.base.entries {
            let key = (e.procedure.id.to_string(), e.region.clone());
            if let Some(first) = seen.get(&key) {
                dups.push((e.file, key, *first));
            } else {
                seen.insert(key, e.file);
            }
        }
        for (fi, (id, region), first) in dups {
            let place = region.as_deref().unwrap_or("national");
            let first_file = self.base.files[first].0.clone();
            self.report(
                fi,
                &[Anchor::Id(&id)],
                Code::E005,
                Msg::new(
                    format!("事项 {id} 在 {place} 已定义过（见 {first_file}）"),
                    format!("procedure {id} is already defined for {place} (in {first_file})"),
                ),
            );
        }
        let topic_ids: Vec<String> = self.base.topics.iter().map(|t| t.id.clone()).collect();
        let source_ids: Vec<String> = self.base.sources.iter().map(|s| s.id.clone()).collect();
        let region_ids: Vec<String> = self.base.regions.iter().map(|r| r.id.clone()).collect();
        for (what, what_en, ids) in [
            ("主题", "topic", topic_ids),
            ("来源", "source", source_ids),
            ("地区", "region", region_ids),
        ] {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !seen.insert(id.clone()) {
                    let fi = self.file_defining(&id);
                    self.report(
                        fi,
                        &[Anchor::Id(&id)],
                        Code::E005,
                        Msg::new(
                            format!("{what} id {id} 重复"),
                            format!("{what_en} id {id} is used twice"),
                        ),
                    );
                }
            }
        }
        // Two regions answering to the same --region text would make it ambiguous.
        let mut by_key: BTreeMap<String, String> = BTreeMap::new();
        let mut clashes = Vec::new();
        for r in &self.base.regions {
            for k in region::keys(r) {
                match by_key.get(&k) {
                    Some(other) if *other != r.id => clashes.push((r.id.clone(), k, other.clone())),
                    _ => {
                        by_key.insert(k, r.id.clone());
                    }
                }
            }
        }
        for (id, key, other) in clashes {
            let fi = self.file_defining(&id);
            self.report(
                fi,
                &[Anchor::Id(&id)],
                Code::E005,
                Msg::new(
                    format!("地区名 `{key}` 同时指向 {other} 和 {id}"),
                    format!("region name \"{key}\" names both {other} and {id}"),
                ),
            );
        }
    }

    /// Every command word (topic ids and aliases; per topic, action names,
    /// Chinese names and aliases) must lead to one place only.
    pub(super) fn check_command_words(&mut self, known: Option<&dyn Known>) {
        let mut clashes: Vec<(usize, String, String, String)> = Vec::new();
        let mut topic_words: BTreeMap<String, String> = known
            .map(|k| k.command_words(None).into_iter().collect())
            .unwrap_or_default();
        for w in RESERVED_TOPIC_WORDS {
            topic_words.insert(w.to_string(), GENERAL_COMMAND.into());
        }
        for t in &self.base.topics {
            let fi = self
                .base
                .files
                .iter()
                .position(|(_, text)| locate(text, &[Anchor::Id(&t.id)]) != (1, 1))
                .unwrap_or(0);
            for w in std::iter::once(&t.id).chain(&t.aliases) {
                match topic_words.get(w) {
                    Some(owner) if *owner != t.id => {
                        clashes.push((fi, t.id.clone(), w.clone(), owner.clone()));
                    }
                    _ => {
                        topic_words.insert(w.clone(), t.id.clone());
                    }
                }
            }
        }
        let mut action_words: BTreeMap<(String, String), String> = BTreeMap::new();
        for e in &self.base.entries {
            if !e.is_definition(known) {
                continue;
            }
            let p = &e.procedure;
            let (topic, action) = split_id(&p.id);
            if action_words.keys().all(|(t, _)| t != topic) {
                for (w, owner) in known
                    .map(|k| k.command_words(Some(topic)))
                    .unwrap_or_default()
                {
                    action_words.insert((topic.to_string(), w), owner);
                }
                for w in RESERVED_ACTION_WORDS {
                    action_words
                        .insert((topic.to_string(), w.to_string()), CHECKLIST_COMMAND.into());
                }
            }
            let words = std::iter::once(action)
                .chain(p.action_name.as_deref())
                .chain(p.cli_aliases.iter().map(|a| &**a));
            for w in words {
                let key = (topic.to_string(), w.to_string());
                match action_words.get(&key) {
                    Some(owner) if *owner != p.id => {
                        clashes.push((e.file, p.id.to_string(), w.to_string(), owner.clone()));
                    }
                    _ => {
                        action_words.insert(key, p.id.to_string());
                    }
                }
            }
        }
        for (fi, id, word, owner) in clashes {
            self.report(
                fi,
                &[Anchor::Id(&id), Anchor::Token(&word)],
                Code::E005,
                Msg::new(
                    format!(
                        "命令词「{word}」已被 {owner} 使用，{id} 不能再用 (command word taken)"
                    ),
                    format!(
                        "command word \"{word}\" is taken by {}; {id} cannot use it too",
                        owner_en(&owner)
                    ),
                ),
            );
        }
    }
}
