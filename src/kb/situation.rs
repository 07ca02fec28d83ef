//! Life situations (过冬, 丢卡, 新生儿 …) and the plans made for them.
//!
//! A situation does not copy procedures: each step of its plan points at a
//! procedure and at some of its items (steps, preparations, tips …), so the
//! plan is composed from the procedures at run time and changes when they
//! do. What a situation adds is its own: a phase for each step, a few words
//! of framing, a condition in plain words, who the step is for.

use super::i18n::{Lang, Str};
use super::model::{Confidence, Insured, Keywords, List, Procedure, Text};
use super::text::lowercase;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

fn is_empty<T: Clone>(l: &List<T>) -> bool {
    l.is_empty()
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A life situation and its plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    /// Lowercase ASCII with hyphens, also the word of `yibao plan <id>`:
    /// `winter-stay`.
    pub id: Text,
    /// What the situation is, as people would say it: `去外省长住（过冬、候鸟）`.
    #[serde(default)]
    pub title: Str,
    /// Other words `yibao plan` accepts for it: `过冬`, `候鸟`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub aliases: List<Text>,
    /// Words that `yibao search` should match besides the title and aliases.
    #[serde(default, skip_serializing_if = "Keywords::is_empty")]
    pub keywords: Keywords,
    /// One or two sentences: what the plan gets done.
    #[serde(default)]
    pub summary: Str,
    /// Whether the place of treatment (`--to`, 就医地) matters: its name is
    /// put into the steps, and guided mode asks for it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub destination: bool,
    /// The plan is for someone acting for another person (代办): each
    /// procedure's notes on acting for someone, and its way without a
    /// smartphone, are part of the plan.
    #[serde(default, skip_serializing_if = "is_false")]
    pub helper: bool,
    /// Who the procedures are done for when it is not the reader (a newborn
    /// is a minor insured as a resident): materials and items are chosen for
    /// them, and `--as` only decides the plan steps that name `who`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub subject: List<Insured>,
    /// The steps, in order within each phase.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub plan: List<PlanStep>,
    /// Ids of the sources of the situation's own statements (its summary).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// Date the situation was last checked, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Text>,
}

/// One step of a plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    /// Id within the situation: `file`.
    pub id: Text,
    /// When in the plan it comes.
    #[serde(default)]
    pub phase: Phase,
    /// The procedure it comes from: `filing.apply`. A step without one states
    /// a fact of its own and must cite sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Text>,
    /// Which items of the procedure: `all` its steps, or a list of item ids
    /// (steps, preparations, conditions, tips, warnings, questions). Left
    /// out: the procedure is named, none of its items are copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Pick>,
    /// Where it is done: at the place of insurance (`from`, 参保地, the
    /// default) or at the place of treatment (`to`, 就医地); the procedure is
    /// resolved for that region.
    #[serde(default, skip_serializing_if = "Place::is_from")]
    pub at: Place,
    /// A few words of framing; `{to}` and `{from}` are replaced by the
    /// names of the places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Str>,
    /// A condition in plain words: `如果配偶也要用你的个人账户`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Str>,
    /// Only these people take the step; empty: the procedure's own
    /// `applies_to`, or everyone.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub who: List<Insured>,
    /// Whether the procedure's materials go into the plan's list of things
    /// to bring (default yes).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub materials: bool,
    /// Ids of the sources of the step's own text.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well its own text is sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// The phases of a plan, in the order they are shown.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// 准备: what to get ready first.
    #[default]
    Prepare,
    /// 出发前: what to do before leaving home.
    Before,
    /// 到了以后: on arrival.
    Arrival,
    /// 万一出问题: if something goes wrong.
    Trouble,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Prepare,
        Phase::Before,
        Phase::Arrival,
        Phase::Trouble,
    ];

    /// The word of the YAML and the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Prepare => "prepare",
            Phase::Before => "before",
            Phase::Arrival => "arrival",
            Phase::Trouble => "trouble",
        }
    }

    /// Chinese heading.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Prepare => "准备",
            Phase::Before => "出发前",
            Phase::Arrival => "到了以后",
            Phase::Trouble => "万一出问题",
        }
    }

    /// English heading.
    pub fn label_en(self) -> &'static str {
        match self {
            Phase::Prepare => "Get ready",
            Phase::Before => "Before you go",
            Phase::Arrival => "On arrival",
            Phase::Trouble => "If something goes wrong",
        }
    }
}

/// Where a step is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The place of insurance (参保地, `--from`).
    #[default]
    From,
    /// The place of treatment (就医地, `--to`).
    To,
}

impl Place {
    fn is_from(&self) -> bool {
        *self == Place::From
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Place::From => "from",
            Place::To => "to",
        }
    }
}

/// Which items of a procedure a plan step takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// All its steps (办理流程).
    All,
    /// These items, by id, in this order.
    Ids(List<Text>),
}

/// The word for [`Pick::All`].
pub const ALL_STEPS: &str = "all";

impl Serialize for Pick {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Pick::All => s.serialize_str(ALL_STEPS),
            Pick::Ids(ids) => ids.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Pick {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pick, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pick;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "`{ALL_STEPS}` or a list of item ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Pick, E> {
                if v == ALL_STEPS {
                    Ok(Pick::All)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pick, A::Error> {
                let mut ids: Vec<Text> = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(Cow::Owned(id));
                }
                Ok(Pick::Ids(Cow::Owned(ids)))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Pick {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Pick")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`all` (every step), or a list of item ids of the procedure.",
            "anyOf": [
                { "const": "all" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

impl Situation {
    /// The words `yibao plan` and search know it by: its id and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.id).chain(self.aliases.iter().map(|a| &**a))
    }

    /// Whether `word` names it: its id (`winter stay` for `winter-stay`),
    /// an alias, or its title, in either language (any case).
    pub fn is_named(&self, word: &str) -> bool {
        let w = word.trim();
        let hyphened = w.replace(' ', "-");
        self.names()
            .any(|n| n.eq_ignore_ascii_case(w) || n.eq_ignore_ascii_case(&hyphened))
            || *self.title == *w
            || self
                .title
                .en
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
    }
}

/// The searchable text of one situation.
#[derive(Debug, Clone)]
pub struct SearchEntry {
    pub id: String,
    /// Its title in the language asked for, as shown.
    pub display: String,
    /// Its title in the language asked for, lowercased.
    pub title: String,
    /// Its names and keywords, one per line, lowercased.
    pub words: String,
    /// Its summary and its steps' own words, lowercased.
    pub body: String,
}

/// What search matches each situation by (`yibao search 过冬` finds the
/// winter-stay plan).
pub fn search_entries(situations: &[Situation], lang: Lang) -> Vec<SearchEntry> {
    situations
        .iter()
        .map(|s| {
            let words: Vec<&str> = s
                .names()
                .chain(s.keywords.zh.iter().map(|w| &**w))
                .chain(s.keywords.en.iter().map(|w| &**w))
                .chain(s.keywords.pinyin.iter().map(|w| &**w))
                .collect();
            let mut body = s.summary.get(lang).into_owned();
            for step in s.plan.iter() {
                for t in step.text.iter().chain(&step.when) {
                    body.push('\n');
                    body.push_str(&t.get(lang));
                }
            }
            SearchEntry {
                id: s.id.to_string(),
                display: s.title.get(lang).into_owned(),
                title: lowercase(&s.title.get(lang)),
                words: lowercase(&words.join("\n")),
                body: lowercase(&body),
            }
        })
        .collect()
}

/// The ids of the items of a procedure (or layer) that a plan may pick:
/// steps, preparations, conditions, tips, warnings and questions.
pub fn pickable_ids(p: &Procedure) -> Vec<&str> {
    let facts = [&p.prepare, &p.conditions, &p.tips, &p.warnings];
    p.steps
        .iter()
        .map(|s| &*s.id)
        .chain(
            facts
                .into_iter()
                .flat_map(|l| l.iter().filter_map(|f| f.id.as_deref())),
        )
        .chain(p.faq.iter().map(|q| &*q.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_is_all_or_a_list_and_nothing_else() {
        let p: Pick = serde_json::from_str(r#""all""#).unwrap();
        assert_eq!(p, Pick::All);
        let p: Pick = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(p, Pick::Ids(vec![Text::from("a"), Text::from("b")].into()));
        let e = serde_json::from_str::<Pick>(r#""some""#).unwrap_err();
        assert!(e.to_string().contains("invalid value"), "{e}");
        assert_eq!(serde_json::to_string(&Pick::All).unwrap(), r#""all""#);
    }

    #[test]
    fn phases_are_ordered_as_a_plan_shows_them() {
        let mut v = Phase::ALL.to_vec();
        v.reverse();
        v.sort();
        assert_eq!(v, Phase::ALL);
        for p in Phase::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }
}
