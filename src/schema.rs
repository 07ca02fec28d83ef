//! `yibao schema`: the JSON Schema of every `--json` output, and of the
//! knowledge-base YAML for contributors' editors.
//!
//! The output schema is one JSON Schema document (draft 2020-12): `oneOf`
//! the kinds of answer, each told apart by its `kind` constant, and every
//! object closed (`additionalProperties: false`), so that an output with a
//! kind yibao never prints, or a field it never writes, does not validate.
//! `yibao schema output <kind>` prints the document of one kind.

use crate::error::ErrorJson;
use crate::kb::model::DataFile;
use crate::render::json::SCHEMA_VERSION;
use crate::views::{
    ActionChoices, Checklist, FaqPage, Overview, PlanList, PlanPage, ProcedureList, ProcedurePage,
    RegionList, SearchResults, SiteReport, TermList, TermPage, TopicPage, ValidationReport,
};
use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::{Schema, schema_for};
use serde_json::{Map, Value, json};

/// The kind of error output: what `--json` prints on stderr when a run
/// fails. It carries no `kind` field of its own (its `error` object says
/// which error it is).
pub const ERROR_KIND: &str = "error";

/// Adds the schema of one output type to a generator's definitions.
type Define = fn(&mut SchemaGenerator) -> Schema;

/// Every kind of `--json` output: the `kind` it carries and its type.
const KINDS: [(&str, Define); 16] = [
    ("overview", |g| g.subschema_for::<Overview>()),
    ("topic", |g| g.subschema_for::<TopicPage>()),
    ("procedure", |g| g.subschema_for::<ProcedurePage>()),
    ("checklist", |g| g.subschema_for::<Checklist>()),
    ("list", |g| g.subschema_for::<ProcedureList>()),
    ("regions", |g| g.subschema_for::<RegionList>()),
    ("search", |g| g.subschema_for::<SearchResults>()),
    ("choices", |g| g.subschema_for::<ActionChoices>()),
    ("terms", |g| g.subschema_for::<TermList>()),
    ("term", |g| g.subschema_for::<TermPage>()),
    ("faq", |g| g.subschema_for::<FaqPage>()),
    ("plan", |g| g.subschema_for::<PlanPage>()),
    ("plan-list", |g| g.subschema_for::<PlanList>()),
    ("validation", |g| g.subschema_for::<ValidationReport>()),
    ("site", |g| g.subschema_for::<SiteReport>()),
    (ERROR_KIND, |g| g.subschema_for::<ErrorJson>()),
];

/// The names of the kinds, for `yibao schema output <kind>`.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|(k, _)| *k)
}

/// The output schema: the document and where each kind's definition is.
struct Outputs {
    /// `$defs` of every type any output uses.
    defs: Map<String, Value>,
    /// (kind, name of its definition in `defs`).
    kinds: Vec<(&'static str, String)>,
}

fn outputs_raw() -> Outputs {
    // What the tool writes: a field left out when empty is optional.
    let mut g = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let refs: Vec<(&'static str, Schema)> = KINDS.iter().map(|(k, f)| (*k, f(&mut g))).collect();
    let mut defs = g.take_definitions(true);
    let mut kinds = Vec::new();
    for (kind, r) in refs {
        let Some(name) = r
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        else {
            continue;
        };
        if let Some(props) = defs
            .get_mut(name)
            .and_then(|d| d.get_mut("properties"))
            .and_then(Value::as_object_mut)
        {
            if kind != ERROR_KIND {
                props.insert(
                    "kind".into(),
                    json!({ "description": "What the output is.", "const": kind }),
                );
            }
            props.insert(
                "schema_version".into(),
                json!({
                    "description": "Version of the JSON contract; raised on any incompatible change.",
                    "const": SCHEMA_VERSION
                }),
            );
        }
        kinds.push((kind, name.to_string()));
    }
    for d in defs.values_mut() {
        close_objects(d);
    }
    Outputs { defs, kinds }
}

/// Closes every object shape: a property the schema does not name is an
/// error. Maps (`additionalProperties` given) stay open to their keys; a
/// shape made of parts (`allOf`/`anyOf`/`oneOf`) is closed over the
/// properties of all its parts.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let has_props = o.get("properties").is_some_and(Value::is_object);
            let open =
                o.contains_key("additionalProperties") || o.contains_key("unevaluatedProperties");
            if has_props && !open {
                let composed = ["allOf", "anyOf", "oneOf"]
                    .iter()
                    .any(|k| o.contains_key(*k));
                let key = if composed {
                    "unevaluatedProperties"
                } else {
                    "additionalProperties"
                };
                o.insert(key.into(), Value::Bool(false));
            }
            for (k, child) in o.iter_mut() {
                // Property *names* are not schemas; their values are.
                if k == "properties" || k == "$defs" {
                    if let Value::Object(m) = child {
                        m.values_mut().for_each(close_objects);
                    }
                } else if k != "const" && k != "enum" && k != "examples" && k != "default" {
                    close_objects(child);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(close_objects),
        _ => {}
    }
}

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of every `--json` output: `oneOf` the kinds.
pub fn outputs() -> Value {
    let o = outputs_raw();
    let one_of: Vec<Value> = o
        .kinds
        .iter()
        .map(|(_, name)| json!({ "$ref": format!("#/$defs/{name}") }))
        .collect();
    let names: Vec<&str> = o.kinds.iter().map(|(k, _)| *k).collect();
    json!({
        "$schema": DRAFT,
        "$id": "https://yibao.invalid/schema/output.json",
        "title": "yibao --json output",
        "description": format!(
            "What `yibao … --json` writes: an answer on stdout, or an error on stderr. \
             Every output carries `schema_version` ({SCHEMA_VERSION}); answers carry their \
             `kind` ({}); errors an `error` object. `yibao schema output <kind>` prints one kind.",
            names.join(", ")
        ),
        "oneOf": one_of,
        "$defs": o.defs,
    })
}

/// The schema of one kind of output, as a document of its own with the
/// definitions it uses; `None` for a kind yibao does not print.
pub fn output(kind: &str) -> Option<Value> {
    let o = outputs_raw();
    let (_, name) = o.kinds.iter().find(|(k, _)| *k == kind)?;
    let mut root = o.defs.get(name)?.clone();
    let mut used = Map::new();
    let mut todo = Vec::new();
    refs_in(&root, &mut todo);
    while let Some(r) = todo.pop() {
        if used.contains_key(&r) {
            continue;
        }
        if let Some(d) = o.defs.get(&r) {
            refs_in(d, &mut todo);
            used.insert(r, d.clone());
        }
    }
    let obj = root.as_object_mut()?;
    let mut doc = Map::new();
    doc.insert("$schema".into(), DRAFT.into());
    doc.insert(
        "$id".into(),
        format!("https://yibao.invalid/schema/output/{kind}.json").into(),
    );
    doc.insert(
        "title".into(),
        format!("yibao --json output: {kind}").into(),
    );
    doc.append(obj);
    if !used.is_empty() {
        doc.insert("$defs".into(), Value::Object(used));
    }
    Some(Value::Object(doc))
}

/// The definitions `v` refers to.
fn refs_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            {
                out.push(r.to_string());
            }
            o.values().for_each(|c| refs_in(c, out));
        }
        Value::Array(a) => a.iter().for_each(|c| refs_in(c, out)),
        _ => {}
    }
}

/// The schema of one knowledge-base YAML file.
pub fn data() -> Value {
    let mut v = serde_json::to_value(schema_for!(DataFile)).unwrap_or(Value::Null);
    // In answers a text is a string; in YAML it may also be `{zh, en}`.
    if let Some(text) = v.pointer_mut("/$defs/Str") {
        *text = crate::kb::i18n::data_schema();
    }
    v
}

/// Any schema as text.
pub fn to_text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_closed_definition_with_its_constant() {
        let o = outputs_raw();
        assert_eq!(o.kinds.len(), KINDS.len(), "every kind is a definition");
        for (kind, name) in &o.kinds {
            let d = &o.defs[name];
            assert_eq!(d["additionalProperties"], false, "{kind}");
            if *kind != ERROR_KIND {
                assert_eq!(d["properties"]["kind"]["const"], *kind);
            }
            assert_eq!(d["properties"]["schema_version"]["const"], SCHEMA_VERSION);
        }
    }

    #[test]
    fn one_kind_is_a_document_of_its_own() {
        let d = output("checklist").unwrap();
        assert_eq!(d["$schema"], DRAFT);
        assert_eq!(d["properties"]["kind"]["const"], "checklist");
        let mut refs = Vec::new();
        refs_in(&d, &mut refs);
        for r in refs {
            assert!(d["$defs"].get(&r).is_some(), "{r} is defined");
        }
        assert!(output("banana").is_none());
    }
}
