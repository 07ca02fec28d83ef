//! `yibao <action word>` when several topics share the word: the
//! procedures it may mean, each with the command that shows it.

use super::*;
use crate::kb::ProcView;
use crate::kb::i18n::Lang;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, Table, View};

/// One procedure an action word may mean.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Choice {
    pub id: String,
    pub topic: String,
    /// The topic's name: `医保卡/社保卡`.
    pub topic_name: String,
    pub title: String,
    /// The command that shows it.
    pub command: String,
}

/// `yibao 激活`: the procedures of several topics that an action word names.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ActionChoices {
    pub schema_version: u32,
    /// Always `choices`.
    pub kind: &'static str,
    pub lang: Lang,
    /// The word as typed.
    pub word: String,
    pub choices: Vec<Choice>,
}

impl ActionChoices {
    pub fn new(kb: &Kb, word: &str, procedures: &[ProcView<'_>], lang: Lang) -> ActionChoices {
        let choices = procedures
            .iter()
            .map(|p| Choice {
                id: p.id.to_string(),
                topic: p.topic.to_string(),
                topic_name: kb.topic(p.topic).map_or(p.topic, |t| t.name).to_string(),
                title: p.title.to_string(),
                command: command_of(p.topic, p.action),
            })
            .collect();
        ActionChoices {
            schema_version: SCHEMA_VERSION,
            kind: "choices",
            lang,
            word: word.to_string(),
            choices,
        }
    }
}

impl View for ActionChoices {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(lang.pick(
                format!("「{}」可以是这 {} 件事", self.word, self.choices.len()),
                format!(
                    "\"{}\" can mean {} procedures",
                    self.word,
                    self.choices.len()
                ),
            )),
            sub: Some(Cow::Borrowed(lang.pick(
                "运行你要的那一件的命令：",
                "Run the command of the one you mean:",
            ))),
        });
        let mut t = Table {
            headers: lang
                .pick(["命令", "主题", "事项"], ["command", "topic", "procedure"])
                .map(Cow::Borrowed)
                .to_vec(),
            ..Table::default()
        };
        for c in &self.choices {
            t.rows.push(vec![
                Cow::Borrowed(c.command.as_str()),
                Cow::Borrowed(c.topic_name.as_str()),
                Cow::Borrowed(c.title.as_str()),
            ]);
        }
        d.push(Block::Table(t));
        d
    }
}
