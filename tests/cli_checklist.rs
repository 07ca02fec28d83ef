//! End-to-end tests of checklists: the design card's `filing checklist` and
//! its JSON, every checklist in every format, a topic's own checklist, and
//! `--have` ticking items and listing what is missing.

mod common;

use common::cli::FORMATS;
use common::*;

// ---------------------------------------------------------------------------
// The design-card checklist, verbatim

#[test]
fn filing_checklist_lists_items_to_tick() {
    let r = run(["filing", "checklist"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = &r.stdout;
    assert_eq!(
        out.lines().next(),
        Some("跨省异地就医备案：办理清单"),
        "{out}"
    );
    assert_eq!(out.lines().nth(1), Some("yibao filing apply"), "{out}");
    for h in ["先确认", "要带的材料", "出发前"] {
        assert!(out.lines().any(|l| l == h), "heading {h} missing:\n{out}");
    }
    assert!(
        out.contains("[ ] 居民身份证（或社会保障卡、医保电子凭证（网上办理时））"),
        "{out}"
    );
    assert!(out.contains("[ ] 跨省异地就医备案表"), "{out}");
    assert!(out.contains("[ ] 本人正常参加基本医疗保险"), "{out}");
    assert!(
        out.contains("〔视情况〕"),
        "optional items are marked:\n{out}"
    );
    assert!(
        !out.contains("[x]"),
        "nothing is ticked without --have:\n{out}"
    );
    let boxes = out.lines().filter(|l| l.starts_with("[ ] ")).count();
    assert!(
        boxes >= 10,
        "expected at least 10 checklist items, got {boxes}:\n{out}"
    );
    assert!(
        !out.contains("还缺"),
        "no missing list without --have:\n{out}"
    );
    assert_max_width(out, 80, "filing checklist");
}

#[test]
fn filing_checklist_json_is_the_scripting_contract() {
    let v = ok_json(["filing", "checklist", "--json"]);
    assert_eq!(v["kind"], "checklist");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["procedure"]["id"], "filing.apply");
    assert_eq!(v["procedure"]["command"], "yibao filing apply");
    assert_eq!(v["have_given"], false);
    assert_eq!(v["unmatched_have"], serde_json::json!([]));
    let items = v["items"].as_array().expect("items array");
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["id"].as_str().expect("item id"))
        .collect();
    assert!(
        ids.iter().all(|id| !id.is_empty()),
        "every item has an id: {ids:?}"
    );
    let mut uniq = ids.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), ids.len(), "item ids are unique: {ids:?}");
    for id in [
        "insured-normal",
        "before-care",
        "ecard-or-id",
        "filing-form",
        "residence-proof",
    ] {
        assert!(ids.contains(&id), "item {id} missing: {ids:?}");
    }
    for i in items {
        assert!(
            ["condition", "material", "prepare"].contains(&i["section"].as_str().unwrap()),
            "{i}"
        );
        assert_eq!(i["have"], false);
    }
    // Without --have, missing is every required item, in item order.
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .expect("missing array")
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let required: Vec<&str> = items
        .iter()
        .filter(|i| i["required"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(missing, required);
    assert!(missing.contains(&"filing-form") && !missing.contains(&"residence-proof"));
}

// ---------------------------------------------------------------------------
// Every checklist in every format

#[test]
fn every_checklist_renders_in_every_format() {
    for id in procedure_ids() {
        let words = command_words(&id);
        let base = vec![words[0].clone(), "checklist".to_string(), words[1].clone()];
        let json = ok_json(base.iter().map(String::as_str).chain(["--json"]));
        assert_eq!(json["kind"], "checklist", "{id}");
        assert_eq!(json["procedure"]["id"], id.as_str());
        let n_items = json["items"].as_array().unwrap().len();
        for f in FORMATS {
            let mut args = base.clone();
            args.extend(["--format".to_string(), f.to_string()]);
            let out = ok(&args);
            assert!(!out.trim().is_empty(), "{id} checklist {f}: empty");
            match f {
                "markdown" => {
                    let boxes = out.lines().filter(|l| l.starts_with("- [ ] ")).count();
                    assert_eq!(
                        boxes, n_items,
                        "{id} checklist markdown: one `- [ ]` per item:\n{out}"
                    );
                    assert!(!out.contains("- [x]"), "{id}: nothing ticked");
                }
                "plain" => {
                    let boxes = out.lines().filter(|l| l.starts_with("[ ] ")).count();
                    assert_eq!(boxes, n_items, "{id} checklist plain:\n{out}");
                    assert!(out.lines().all(|l| !is_table_line(l)), "{id} plain: {out}");
                }
                "table" => {
                    assert_max_width(&out, 80, &format!("{id} checklist"));
                    let boxes = out.lines().filter(|l| l.starts_with("[ ] ")).count();
                    assert_eq!(boxes, n_items, "{id} checklist table:\n{out}");
                }
                "json" => assert_eq!(
                    serde_json::from_str::<serde_json::Value>(&out).unwrap(),
                    json
                ),
                "yaml" => assert_eq!(
                    serde_yaml::from_str::<serde_json::Value>(&out).unwrap(),
                    json
                ),
                _ => unreachable!(),
            }
        }
    }
}

#[test]
fn topic_checklist_without_action_is_the_primary_procedure() {
    let overview = ok_json(["--json"]);
    for t in overview["topics"].as_array().unwrap() {
        let topic = t["id"].as_str().unwrap();
        let primary = t["primary"].as_str().unwrap();
        let v = ok_json([topic, "checklist", "--json"]);
        assert_eq!(v["procedure"]["id"], primary, "{topic} checklist");
    }
    assert_eq!(
        ok(["filing", "checklist"]),
        ok(["filing", "checklist", "apply"]),
        "filing checklist is the checklist of filing apply"
    );
}

// ---------------------------------------------------------------------------
// --have

#[test]
fn have_marks_items_and_lists_what_is_missing() {
    let out = ok(["card", "checklist", "--have", "身份证,照片"]);
    assert!(out.contains("[x] 居民身份证（或户口簿）"), "{out}");
    assert!(out.contains("[x] 近期免冠一寸照片〔视情况〕"), "{out}");
    assert!(out.contains("[ ] 参保证明（单位出具）〔仅职工〕"), "{out}");
    assert!(
        out.lines().any(|l| l == "还缺"),
        "a missing section with --have:\n{out}"
    );
    assert!(out.contains("- 参保证明（单位出具）"), "{out}");
    assert!(
        !out.contains("- 居民身份证"),
        "居民身份证 is not missing:\n{out}"
    );
    assert!(
        !out.contains("没有对应的清单项"),
        "every word matched:\n{out}"
    );
}

#[test]
fn have_json_drops_what_the_user_has_from_missing_and_nothing_else() {
    let all = ok_json(["card", "checklist", "--json"]);
    let v = ok_json(["card", "checklist", "--have", "身份证,照片", "--json"]);
    assert_eq!(v["have_given"], true);
    assert_eq!(v["unmatched_have"], serde_json::json!([]));
    // Exactly the two materials are ticked: 身份证 → id-card (居民身份证),
    // 照片 → photo (近期免冠一寸照片). A condition sentence that merely
    // mentions 照片 is not something the user "has".
    let ticked: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["have"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ticked,
        ["id-card", "photo"],
        "only the named materials are ticked"
    );
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let expected: Vec<&str> = all["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .filter(|m| *m != "id-card")
        .collect();
    assert_eq!(missing, expected);
}

#[test]
fn have_accepts_ids_and_chinese_separators() {
    let v = ok_json([
        "card",
        "checklist",
        "--have",
        "id-card，photo、employer-proof",
        "--json",
    ]);
    let ticked: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["have"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ticked, ["id-card", "photo", "employer-proof"]);
    let missing = v["missing"].as_array().unwrap();
    assert!(!missing.contains(&serde_json::json!("employer-proof")));
    assert!(missing.contains(&serde_json::json!("payment-receipt")));
}

#[test]
fn unknown_have_words_are_reported() {
    let v = ok_json(["card", "checklist", "--have", "身份证,火星卡,zz", "--json"]);
    assert_eq!(v["unmatched_have"], serde_json::json!(["火星卡", "zz"]));
    let out = ok(["card", "checklist", "--have", "身份证,火星卡"]);
    assert!(
        out.contains("注意：--have 中的「火星卡」没有对应的清单项"),
        "unknown --have word reported:\n{out}"
    );
}

#[test]
fn have_everything_required_leaves_nothing_missing() {
    let all = ok_json(["filing", "checklist", "--json"]);
    let ids: Vec<&str> = all["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let have = ids.join(",");
    let v = ok_json(["filing", "checklist", "--have", have.as_str(), "--json"]);
    assert_eq!(v["missing"], serde_json::json!([]));
    let out = ok(["filing", "checklist", "--have", have.as_str()]);
    assert!(out.contains("清单上的必需项都已备齐。"), "{out}");
}
