//! Plans follow the data: an overlay that changes a procedure changes every
//! plan that points at it; an overlay may add a situation; the linter
//! checks situations. And the JSON contract of `plan` and `plan-list`.

mod common;
#[path = "common/contract.rs"]
mod contract;

use common::*;
use contract::{Freshness, SourceRef};
use serde::Deserialize;
use serde_json::Value;

fn overlay(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write overlay");
    }
    dir
}

const NEW_FILING_STEP: &str = "region: national
procedures:
  - id: filing.apply
    steps:
      - id: check-result
        text: 备案后打电话给参保地确认（本地补充的说法）。
        src: [seed-001]
    materials:
      - id: local-form
        name: 本地加的一张表
        src: [seed-001]
    checked: 2026-11-20
";

#[test]
fn an_overlay_that_changes_a_procedure_changes_the_plan() {
    let dir = overlay(&[("filing.yaml", NEW_FILING_STEP)]);
    let d = dir.path().to_str().unwrap();
    let v = ok_json([
        "plan",
        "winter-stay",
        "--from",
        "heihe",
        "--to",
        "hainan",
        "--json",
        "--data",
        d,
    ]);
    let file = v["phases"][1]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "file")
        .unwrap()
        .clone();
    let check = &file["items"][1];
    assert_eq!(check["id"], "check-result");
    assert_eq!(
        check["text"],
        "备案后打电话给参保地确认（本地补充的说法）。"
    );
    assert_eq!(check["from"], "overlay:national");
    assert!(
        file["procedure"]["layers"]
            .as_array()
            .unwrap()
            .contains(&"overlay:national".into())
    );
    // The new material joins the merged list, for the steps using filing.apply.
    let local = v["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "本地加的一张表")
        .expect("overlay material in the plan");
    assert_eq!(local["used_for"][0]["steps"], serde_json::json!(["file"]));
    // The overlay's older checked date is the plan's.
    assert_eq!(v["freshness"]["checked"], "2026-11-20");
    let out = ok(["plan", "winter-stay", "--data", d, "--format", "plain"]);
    assert!(out.contains("备案后打电话给参保地确认"), "{out}");
    // Without the overlay, the built-in text.
    let v = ok_json(["plan", "winter-stay", "--json"]);
    assert!(!v.to_string().contains("本地补充的说法"));
}

#[test]
fn an_overlay_may_add_a_situation_and_it_is_checked() {
    let good = "situations:
  - id: hospital-stay
    title: 住院
    aliases: [住院]
    summary: 住院前后要办的事。
    plan:
      - id: settle
        phase: arrival
        procedure: card.use
        steps: [inpatient, settle]
      - id: papers
        phase: trouble
        text: 出院时要齐发票和费用清单。
        src: [seed-003]
    checked: 2026-11-28
";
    let dir = overlay(&[("s.yaml", good)]);
    let d = dir.path().to_str().unwrap();
    let v = ok_json(["plan", "住院", "--json", "--data", d]);
    assert_eq!(v["situation"]["id"], "hospital-stay");
    assert_eq!(v["phases"][0]["steps"][0]["items"][0]["id"], "inpatient");
    assert_eq!(
        v["phases"][1]["steps"][0]["text"],
        "出院时要齐发票和费用清单。"
    );
    let list = ok_json(["plan", "--json", "--data", d]);
    assert_eq!(list["situations"].as_array().unwrap().len(), 7);
    assert_eq!(
        ok_json(["search", "住院", "--json", "--data", d])["results"][0]["kind"],
        "plan"
    );

    // A step pointing at an item the procedure does not have, a procedure
    // that does not exist, a fact without sources, a situation without a
    // checked date: every one a finding with its place and code.
    let bad = "situations:
  - id: broken
    title: 坏的
    summary: 用来测试。
    plan:
      - id: a
        procedure: filing.apply
        steps: [no-such-step]
      - id: b
        procedure: filing.nothing
      - id: c
        text: 没有来源的说法。
      - id: c
        procedure: card.use
";
    let dir = overlay(&[("bad.yaml", bad)]);
    let d = dir.path().to_str().unwrap();
    let r = run(["data", "validate", d]);
    assert_eq!(r.code, Some(4), "{}{}", r.stdout, r.stderr);
    for (line, code, needle) in [
        (8, "E006", "no-such-step"),
        (10, "E006", "filing.nothing"),
        (11, "E007", "步骤 c"),
        (13, "E005", "`c` 重复"),
        (2, "E008", "checked"),
    ] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.contains(&format!("bad.yaml:{line}:"))
                    && l.contains(code)
                    && l.contains(needle)),
            "{line} {code} {needle}:\n{}",
            r.stdout
        );
    }
    // The overlay is refused whole when used.
    let r = run(["plan", "trip", "--data", d]);
    assert_eq!(r.code, Some(4));
    // A step may name an item only an overlay's layer adds.
    let dir = overlay(&[
        (
            "filing.yaml",
            "region: national\nprocedures:\n  - id: filing.apply\n    tips:\n      - id: local-tip\n        text: 本地提示。\n        src: [seed-001]\n    checked: 2026-11-28\n",
        ),
        (
            "s.yaml",
            "situations:\n  - id: local\n    title: 本地\n    summary: 本地方案。\n    plan:\n      - id: t\n        procedure: filing.apply\n        steps: [local-tip]\n    checked: 2026-11-28\n",
        ),
    ]);
    let d = dir.path().to_str().unwrap();
    let v = ok_json(["plan", "local", "--json", "--data", d]);
    assert_eq!(v["phases"][0]["steps"][0]["items"][0]["text"], "本地提示。");
}

#[test]
fn a_region_that_tells_its_own_steps_gets_them_in_the_plan() {
    // 黑龙江 replaces card.apply's steps: the plan takes the province's.
    let v = ok_json(["plan", "first-card", "--from", "heilongjiang", "--json"]);
    let apply = v["phases"][1]["steps"][0].clone();
    assert_eq!(apply["id"], "apply");
    let ids: Vec<&str> = apply["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "confirm-identity",
            "choose-method",
            "submit-docs",
            "collect",
            "activate"
        ]
    );
    let v = ok_json(["plan", "first-card", "--json"]);
    let ids: Vec<&str> = v["phases"][1]["steps"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["collect-info", "make-card"]);
}

// ---------------------------------------------------------------------------
// The JSON contract, mirrored with deny_unknown_fields.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RegionRef {
    id: String,
    code: String,
    name: String,
    short: String,
    #[serde(default)]
    en: Option<String>,
    level: String,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SituationRef {
    id: String,
    title: String,
    summary: String,
    aliases: Vec<String>,
    command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanProcedure {
    id: String,
    title: String,
    command: String,
    at: String,
    region: Option<String>,
    regional_data: bool,
    layers: Vec<String>,
    checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanItem {
    id: String,
    list: String,
    text: String,
    channels: Vec<String>,
    note: Option<String>,
    who: Vec<String>,
    applies: bool,
    from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanStep {
    id: String,
    number: Option<usize>,
    text: Option<String>,
    when: Option<String>,
    who: Vec<String>,
    applies: bool,
    procedure: Option<PlanProcedure>,
    items: Vec<PlanItem>,
    offline: Option<String>,
    proxy: Option<String>,
    src: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanPhase {
    phase: String,
    title: String,
    steps: Vec<PlanStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct MaterialUse {
    procedure: String,
    title: String,
    steps: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanMaterial {
    name: String,
    required: bool,
    alternatives: Vec<String>,
    who: Vec<String>,
    applies: bool,
    phase: String,
    notes: Vec<String>,
    used_for: Vec<MaterialUse>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanPage {
    schema_version: u32,
    kind: String,
    lang: String,
    situation: SituationRef,
    from: Option<RegionRef>,
    to: Option<RegionRef>,
    who: Option<String>,
    on_behalf: bool,
    coverage: Vec<String>,
    phases: Vec<PlanPhase>,
    materials: Vec<PlanMaterial>,
    sources: Vec<SourceRef>,
    freshness: Freshness,
    confirm_with: Vec<String>,
    command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanList {
    schema_version: u32,
    kind: String,
    lang: String,
    situations: Vec<SituationRef>,
}

fn strict<T: for<'de> Deserialize<'de>>(v: Value, what: &str) -> T {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{what} breaks the contract: {e}"))
}

#[test]
fn plans_and_their_list_match_the_contract() {
    for id in [
        "winter-stay",
        "trip",
        "lost-card",
        "first-card",
        "newborn",
        "help-parent",
    ] {
        for extra in [
            &[][..],
            &["--from", "heihe", "--to", "hainan", "--as", "resident"][..],
        ] {
            let mut args = vec!["plan", id, "--json"];
            args.extend(extra);
            let p: PlanPage = strict(ok_json(&args), &format!("{args:?}"));
            assert_eq!((p.schema_version, p.kind.as_str()), (1, "plan"));
            assert_eq!(p.situation.id, id);
            assert!(!p.phases.is_empty());
        }
    }
    let l: PlanList = strict(ok_json(["plan", "--json"]), "plan-list");
    assert_eq!((l.kind.as_str(), l.situations.len()), ("plan-list", 6));
    // An unknown field is caught.
    let mut v = ok_json(["plan", "--json"]);
    v["extra"] = Value::Bool(true);
    assert!(serde_json::from_value::<PlanList>(v).is_err());
}

#[test]
fn plan_outputs_validate_against_yibao_schema() {
    for (kind, args) in [
        (
            "plan",
            &[
                "plan",
                "winter-stay",
                "--from",
                "heihe",
                "--to",
                "hainan",
                "--json",
            ][..],
        ),
        ("plan-list", &["plan", "--json"][..]),
    ] {
        let s = ok_json(["schema", "output", kind]);
        let validator = jsonschema::validator_for(&s).expect("valid schema");
        let v = ok_json(args);
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{kind}: {errors:?}");
    }
}
