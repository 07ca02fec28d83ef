//! The JSON contract of the glossary (`terms`, `term`) and of an action
//! word several topics share (`choices`), mirrored field by field with
//! `deny_unknown_fields` as `tests/contract.rs` does for the other answers
//! (same conventions: `#[serde(default)]` marks a field left out when
//! empty), and each checked against its schema in `yibao schema`.
#![allow(dead_code)]

mod common;
#[path = "common/contract.rs"]
mod contract;

use common::*;
use contract::SourceRef;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Lang {
    Zh,
    En,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Confidence {
    Seed,
    Public,
    Check,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureRef {
    id: String,
    title: String,
    command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    id: String,
    term: String,
    aliases: Vec<String>,
    text: String,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    confidence: Option<Confidence>,
    related: Vec<ProcedureRef>,
    src: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermList {
    schema_version: u32,
    kind: String,
    lang: Lang,
    terms: Vec<TermEntry>,
    sources: Vec<SourceRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermPage {
    schema_version: u32,
    kind: String,
    lang: Lang,
    term: TermEntry,
    sources: Vec<SourceRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    id: String,
    topic: String,
    topic_name: String,
    title: String,
    command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionChoices {
    schema_version: u32,
    kind: String,
    lang: Lang,
    word: String,
    choices: Vec<Choice>,
}

fn strict<T: for<'de> Deserialize<'de>>(v: &Value, what: &str) -> T {
    T::deserialize(v).unwrap_or_else(|e| panic!("{what}: JSON contract changed: {e}\n{v:#}"))
}

#[test]
fn the_glossary_matches_the_contract() {
    let list: TermList = strict(&ok_json(["terms", "--json"]), "terms");
    assert_eq!((list.schema_version, list.kind.as_str()), (1, "terms"));
    assert_eq!(list.lang, Lang::Zh);
    assert!(list.terms.len() >= 17, "{}", list.terms.len());
    for t in &list.terms {
        assert!(
            !t.id.is_empty() && !t.term.is_empty() && !t.text.is_empty(),
            "{t:?}"
        );
        assert!(!t.src.is_empty(), "{}", t.id);
        for s in &t.src {
            assert!(list.sources.iter().any(|x| &x.id == s), "{}: {s}", t.id);
        }
    }
    assert!(list.terms.iter().any(|t| t.example.is_some()));
    assert!(
        list.terms
            .iter()
            .any(|t| t.confidence == Some(Confidence::Check))
    );

    let page: TermPage = strict(&ok_json(["terms", "门槛费", "--json"]), "terms 门槛费");
    assert_eq!((page.schema_version, page.kind.as_str()), (1, "term"));
    assert_eq!(page.term.id, "deductible");
    assert_eq!(page.sources.len(), page.term.src.len());
    let en: TermPage = strict(
        &ok_json(["terms", "deductible", "--lang", "en", "--json"]),
        "terms --lang en",
    );
    assert_eq!(en.lang, Lang::En);
}

#[test]
fn choices_match_the_contract() {
    let c: ActionChoices = strict(&ok_json(["激活", "--json"]), "激活");
    assert_eq!(
        (c.schema_version, c.kind.as_str(), c.word.as_str()),
        (1, "choices", "激活")
    );
    assert_eq!(c.lang, Lang::Zh);
    assert_eq!(c.choices.len(), 2);
    for x in &c.choices {
        assert_eq!(
            x.command,
            format!("yibao {} {}", x.topic, x.id.split_once('.').unwrap().1)
        );
        assert!(x.id.starts_with(&format!("{}.", x.topic)));
        assert!(!x.title.is_empty() && !x.topic_name.is_empty());
    }
}

#[test]
fn the_new_outputs_validate_against_their_schemas() {
    for (kind, args) in [
        ("terms", &["terms"][..]),
        ("term", &["terms", "起付线"][..]),
        ("choices", &["激活"][..]),
        ("search", &["search", "医保卡丢了怎么办"][..]),
        ("search", &["search", "起付线是什么"][..]),
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        let value = ok_json(&a);
        assert_eq!(value["kind"], kind);
        let schema = ok_json(["schema", "output", kind]);
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{kind} {args:?}: {errors:?}");
    }
    // An unknown term is an error of its own kind, in the error schema.
    let r = run(["terms", "qqq", "--json"]);
    let validator = jsonschema::validator_for(&ok_json(["schema", "output", "error"])).unwrap();
    assert!(validator.is_valid(&r.stderr_json()), "{}", r.stderr);
}
