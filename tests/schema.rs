//! The JSON contract describes itself: `yibao schema` is one JSON Schema
//! document that every real output validates against, and that refuses a
//! kind yibao never prints or a field it never writes. YAML output is the
//! same data as the JSON, for YAML 1.2 readers (yibao's own parser) and
//! YAML 1.1 readers (PyYAML) alike.

mod common;

use common::*;
use serde_json::{Value, json};

/// One real output of every kind, as `(kind, arguments)`.
const CASES: &[(&str, &[&str])] = &[
    ("overview", &[]),
    ("topic", &["card"]),
    ("procedure", &["card", "apply", "--region", "heilongjiang"]),
    ("procedure", &["family", "bind", "--region", "heihe"]),
    ("procedure", &["scheme", "compare"]),
    ("procedure", &["filing", "apply", "--region", "黑河"]),
    ("checklist", &["filing", "checklist", "--have", "身份证"]),
    (
        "checklist",
        &["card", "checklist", "replace", "--region", "heilongjiang"],
    ),
    ("list", &["list"]),
    ("regions", &["regions"]),
    ("search", &["search", "补办"]),
    ("faq", &["faq"]),
    ("faq", &["faq", "card", "--region", "heihe"]),
    ("validation", &["data", "validate", "data"]),
];

/// Every kind `yibao schema output <kind>` knows.
const KINDS: [&str; 16] = [
    "overview",
    "topic",
    "procedure",
    "checklist",
    "list",
    "regions",
    "search",
    "choices",
    "terms",
    "term",
    "faq",
    "plan",
    "plan-list",
    "validation",
    "site",
    "error",
];

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("not a JSON Schema: {e}"))
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value).map(|e| e.to_string()).collect()
}

fn json_of(args: &[&str]) -> Value {
    let mut a: Vec<&str> = args.to_vec();
    a.push("--json");
    ok_json(a)
}

/// The error yibao prints on stderr for an unknown region.
fn error_json() -> Value {
    let r = run(["card", "apply", "--region", "atlantis", "--json"]);
    assert_eq!(r.code, Some(3));
    r.stderr_json()
}

#[test]
fn the_output_schema_is_one_json_schema_document_over_every_kind() {
    let doc = ok_json(["schema"]);
    assert_eq!(
        doc["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let one_of = doc["oneOf"].as_array().expect("oneOf");
    assert_eq!(one_of.len(), KINDS.len());
    let kinds: Vec<&str> = one_of
        .iter()
        .map(|r| {
            let name = r["$ref"].as_str().unwrap().trim_start_matches("#/$defs/");
            let def = &doc["$defs"][name];
            assert_eq!(def["additionalProperties"], false, "{name} is closed");
            def["properties"]["kind"]["const"]
                .as_str()
                .unwrap_or("error")
        })
        .collect();
    assert_eq!(kinds, KINDS);
    assert_eq!(ok_json(["schema", "output"]), doc, "output is the default");
}

#[test]
fn every_real_output_validates_against_the_document_and_its_kind() {
    let doc = validator(&ok_json(["schema"]));
    for (kind, args) in CASES {
        let value = json_of(args);
        assert_eq!(value["kind"], *kind, "{args:?}");
        assert_eq!(errors(&doc, &value), Vec::<String>::new(), "{args:?}");
        let one = validator(&ok_json(["schema", "output", kind]));
        assert_eq!(
            errors(&one, &value),
            Vec::<String>::new(),
            "{kind} {args:?}"
        );
    }
    let error = error_json();
    assert!(doc.is_valid(&error), "{error}");
    assert!(validator(&ok_json(["schema", "output", "error"])).is_valid(&error));
}

/// A change to a real output, made to see the schema refuse it.
type Mutation = Box<dyn Fn(&mut Value)>;

#[test]
fn a_kind_or_a_field_yibao_never_writes_does_not_validate() {
    let doc = validator(&ok_json(["schema"]));
    let page = json_of(&["card", "apply", "--region", "heilongjiang"]);
    let one = validator(&ok_json(["schema", "output", "procedure"]));
    let mutations: Vec<(&str, Mutation)> = vec![
        ("kind banana", Box::new(|v| v["kind"] = json!("banana"))),
        (
            "kind of another answer",
            Box::new(|v| v["kind"] = json!("checklist")),
        ),
        (
            "extra top-level field",
            Box::new(|v| v["banana"] = json!(1)),
        ),
        (
            "another schema version",
            Box::new(|v| v["schema_version"] = json!(2)),
        ),
        (
            "extra field in a material",
            Box::new(|v| v["procedure"]["materials"][0]["banana"] = json!("x")),
        ),
        (
            "extra field in the region",
            Box::new(|v| v["region"]["banana"] = json!("x")),
        ),
        (
            "kind missing",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("kind");
            }),
        ),
    ];
    for (what, change) in &mutations {
        let mut bad = page.clone();
        change(&mut bad);
        assert!(!doc.is_valid(&bad), "the document accepts {what}");
        assert!(!one.is_valid(&bad), "the procedure schema accepts {what}");
    }
    let mut bad = error_json();
    bad["error"]["banana"] = json!(1);
    assert!(!doc.is_valid(&bad), "an error with an extra field");
}

#[test]
fn schema_of_an_unknown_kind_is_a_usage_error() {
    let r = run(["schema", "output", "banana"]);
    assert_one_line_error(&r, 2, &["banana", "checklist"], "schema output banana");
    let r = run(["schema", "data", "checklist"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

/// Reads YAML with PyYAML (YAML 1.1), as JSON. The test needs python3 with
/// PyYAML (`.ci/run` installs it).
fn pyyaml(yaml: &str) -> Value {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("this test needs python3 with PyYAML (pip install pyyaml)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(yaml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "this test needs python3 with PyYAML (pip install pyyaml); python3 said:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn yaml_loads_to_the_same_data_as_json_in_yaml_1_2_and_1_1() {
    for on in [TODAY, STALE_DAY] {
        // Stale data changes the answers that say how current they are.
        let dated = |k: &str| on == TODAY || matches!(k, "procedure" | "checklist" | "faq");
        for (kind, args) in CASES.iter().filter(|(k, _)| dated(k)) {
            let json = json_of(args);
            let mut a: Vec<&str> = args.to_vec();
            a.extend(["--format", "yaml"]);
            let r = run_on(on, &a);
            assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
            let json = if on == TODAY {
                json
            } else {
                let mut a: Vec<&str> = args.to_vec();
                a.push("--json");
                run_on(on, &a).json()
            };
            let own = yibao::kb::yaml::parse_value(&r.stdout)
                .unwrap_or_else(|e| panic!("{kind} {args:?}: YAML does not parse: {e:?}"));
            assert_eq!(own, json, "{kind} {args:?}: YAML 1.2 reads other data");
            assert_eq!(
                pyyaml(&r.stdout),
                json,
                "{kind} {args:?}: YAML 1.1 reads other data"
            );
        }
    }
}

#[test]
fn yaml_quotes_dates_and_leaves_numbers_and_booleans_plain() {
    let yaml = ok(["card", "apply", "--format", "yaml"]);
    assert!(yaml.contains("checked: '2026-11-28'"), "{yaml}");
    assert!(yaml.contains("date: '2025-03'"), "{yaml}");
    assert!(yaml.contains("schema_version: 1\n"), "{yaml}");
    assert!(yaml.contains("stale: false\n"), "{yaml}");
    assert!(yaml.contains("months_old: 0\n"), "{yaml}");
}
