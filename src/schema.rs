//! `yibao schema`: JSON Schemas of every `--json` output, and of the
//! knowledge-base YAML for contributors' editors.

use crate::error::ErrorJson;
use crate::kb::model::DataFile;
use crate::render::json::SCHEMA_VERSION;
use crate::views::{
    ActionChoices, Checklist, FaqPage, Overview, ProcedureList, ProcedurePage, RegionList,
    SearchResults, TermList, TermPage, TopicPage, ValidationReport,
};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, schema_for};
use serde_json::{Value, json};

/// The schema of what the tool writes: a field left out when empty is
/// optional, as a reader of the output sees it.
fn output<T: JsonSchema>() -> Value {
    let schema = SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

/// The schemas of the `--json` outputs, by the `kind` each output carries
/// (`error` is what failures print on stderr).
pub fn outputs() -> Value {
    json!({
        "title": "yibao --json outputs",
        "description": "One JSON Schema per output kind; every output carries `schema_version` and `kind`.",
        "schema_version": SCHEMA_VERSION,
        "outputs": {
            "overview": output::<Overview>(),
            "topic": output::<TopicPage>(),
            "procedure": output::<ProcedurePage>(),
            "checklist": output::<Checklist>(),
            "list": output::<ProcedureList>(),
            "regions": output::<RegionList>(),
            "search": output::<SearchResults>(),
            "choices": output::<ActionChoices>(),
            "terms": output::<TermList>(),
            "term": output::<TermPage>(),
            "faq": output::<FaqPage>(),
            "validation": output::<ValidationReport>(),
            "error": output::<ErrorJson>(),
        }
    })
}

/// The schema of one knowledge-base YAML file.
pub fn data() -> Value {
    serde_json::to_value(schema_for!(DataFile)).unwrap_or(Value::Null)
}

/// `yibao schema [output|data]` as text.
pub fn print(which: &str) -> String {
    let v = if which == "data" { data() } else { outputs() };
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
