//! `yibao plan`: plans for life situations, composed from the procedures.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

const SITUATIONS: [&str; 6] = [
    "winter-stay",
    "trip",
    "lost-card",
    "first-card",
    "newborn",
    "help-parent",
];

fn plan(args: &[&str]) -> Value {
    let mut a = vec!["plan"];
    a.extend(args);
    a.push("--json");
    let v = ok_json(&a);
    assert_eq!(v["kind"], "plan", "{v}");
    v
}

fn steps(v: &Value) -> Vec<Value> {
    v["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .flat_map(|p| p["steps"].as_array().expect("steps").clone())
        .collect()
}

fn step<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step {id} in {v}"))
}

fn material<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no material {name} in {}", v["materials"]))
}

#[test]
fn every_situation_answers_from_heilongjiang_and_heihe_to_hainan() {
    for (from, to) in [("heilongjiang", "hainan"), ("黑河", "海南")] {
        for id in SITUATIONS {
            let v = plan(&[id, "--from", from, "--to", to]);
            let what = format!("{id} {from}→{to}");
            assert_eq!(v["situation"]["id"], id, "{what}");
            assert_eq!(v["lang"], "zh");
            let from_id = if from == "黑河" { "heihe" } else { from };
            assert_eq!(v["from"]["id"], from_id, "{what}");
            assert_eq!(v["to"]["id"], "hainan", "{what}");
            // Phases in their fixed order, each used once.
            let order = ["prepare", "before", "arrival", "trouble"];
            let phases: Vec<&str> = v["phases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["phase"].as_str().unwrap())
                .collect();
            let mut sorted = phases.clone();
            sorted.sort_by_key(|p| order.iter().position(|o| o == p));
            sorted.dedup();
            assert_eq!(phases, sorted, "{what}");
            // Every step that points at a procedure says how to see it,
            // resolved for the region of the place it is done at.
            for s in steps(&v) {
                let Some(p) = s["procedure"].as_object() else {
                    assert!(s["text"].is_string(), "{what}: {s}");
                    continue;
                };
                let region = if p["at"] == "to" { "hainan" } else { from_id };
                assert_eq!(p["region"], region, "{what}: {s}");
                let cmd = p["command"].as_str().unwrap();
                assert!(
                    cmd.starts_with("yibao ") && cmd.ends_with(&format!(" --region {region}")),
                    "{what}: {cmd}"
                );
                assert_eq!(p["checked"], "2026-11-28");
            }
            // Materials listed once each, each saying what it is for.
            let names: Vec<&str> = v["materials"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["name"].as_str().unwrap())
                .collect();
            let unique: BTreeSet<&&str> = names.iter().collect();
            assert_eq!(unique.len(), names.len(), "{what}: {names:?}");
            for m in v["materials"].as_array().unwrap() {
                assert!(!m["used_for"].as_array().unwrap().is_empty(), "{what}: {m}");
            }
            assert!(!v["sources"].as_array().unwrap().is_empty(), "{what}");
            assert_eq!(v["freshness"]["checked"], "2026-11-28", "{what}");
            assert!(
                v["command"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("yibao plan {id} --from {from_id} --to hainan")),
                "{what}: {}",
                v["command"]
            );
        }
    }
}

#[test]
fn winter_stay_files_for_hainan_through_heilongjiang_channels() {
    let v = plan(&["winter-stay", "--from", "heihe", "--to", "hainan"]);
    let file = step(&v, "file");
    assert_eq!(
        file["text"],
        "在参保地办跨省异地就医备案，就医地填海南省。备案定的是地方，不用挑医院。"
    );
    assert_eq!(file["procedure"]["id"], "filing.apply");
    assert_eq!(
        file["procedure"]["command"],
        "yibao filing apply --region heihe"
    );
    assert_eq!(
        file["procedure"]["layers"],
        serde_json::json!(["national", "heilongjiang"])
    );
    let submit = &file["items"][0];
    assert_eq!(submit["id"], "submit-filing");
    assert_eq!(submit["from"], "heilongjiang");
    let channels: Vec<&str> = submit["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(channels.contains(&"「龙江医保」微信公众号"), "{channels:?}");
    assert!(
        channels.contains(&"黑龙江各地（市）的异地就医备案电话"),
        "{channels:?}"
    );
    // The family step is conditional and only for people with an account.
    let family = step(&v, "family");
    assert!(family["when"].as_str().unwrap().starts_with("如果配偶"));
    assert_eq!(
        family["who"],
        serde_json::json!(["employee", "flexible", "retiree"])
    );
    assert_eq!(
        family["procedure"]["command"],
        "yibao family bind --region heihe"
    );
    // Heihe's own binding channels reach the plan.
    let open = family["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "open-entry")
        .unwrap();
    assert_eq!(open["from"], "heihe");
    // Buying medicine is done at the destination: resolved for it.
    assert_eq!(
        step(&v, "pharmacy")["procedure"]["command"],
        "yibao card use --region hainan"
    );
    // One ID card for the three procedures that ask for it.
    let id = material(&v, "居民身份证");
    let used: Vec<&str> = id["used_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["procedure"].as_str().unwrap())
        .collect();
    assert_eq!(used, ["filing.chronic", "filing.apply", "filing.reimburse"]);
    assert_eq!(id["used_for"][1]["steps"], serde_json::json!(["file"]));
    // Papers only for when something goes wrong are set apart.
    assert_eq!(material(&v, "医疗费用发票")["phase"], "trouble");
    assert_eq!(material(&v, "跨省异地就医备案表")["phase"], "before");
}

#[test]
fn places_are_named_in_the_steps_or_said_plainly_when_missing() {
    let v = plan(&["winter-stay", "--from", "heihe", "--to", "三亚"]);
    assert_eq!(v["to"]["id"], "sanya");
    assert!(
        step(&v, "file")["text"]
            .as_str()
            .unwrap()
            .contains("就医地填三亚市")
    );
    let v = plan(&["winter-stay"]);
    assert!(v["from"].is_null() && v["to"].is_null());
    assert!(
        step(&v, "file")["text"]
            .as_str()
            .unwrap()
            .contains("就医地填要去的地方")
    );
    let coverage = v["coverage"].as_array().unwrap();
    assert!(
        coverage[0].as_str().unwrap().contains("--from"),
        "{coverage:?}"
    );
    assert!(
        coverage[1].as_str().unwrap().contains("--to"),
        "{coverage:?}"
    );
    assert_eq!(
        step(&v, "file")["procedure"]["command"],
        "yibao filing apply"
    );
    // --from defaults to --region (and YIBAO_REGION).
    let v = plan(&["trip", "--region", "heihe"]);
    assert_eq!(v["from"]["id"], "heihe");
    let out = yibao()
        .env("YIBAO_REGION", "黑龙江")
        .args(["plan", "trip", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["from"]["id"], "heilongjiang");
    // Both places in one province: the cross-province filing does not apply.
    let v = plan(&["trip", "--from", "heihe", "--to", "哈尔滨"]);
    let last = v["coverage"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap();
    assert!(last.contains("yibao filing local --region heihe"), "{last}");
}

#[test]
fn as_filters_steps_and_materials_and_json_keeps_them_marked() {
    let v = plan(&[
        "winter-stay",
        "--from",
        "heihe",
        "--to",
        "hainan",
        "--as",
        "居民",
    ]);
    assert_eq!(v["who"], "resident");
    let family = step(&v, "family");
    assert_eq!(family["applies"], false);
    assert!(family["number"].is_null());
    let relative = material(&v, "家人的姓名、身份证号等身份信息");
    assert_eq!(relative["applies"], false);
    // Numbers count only the steps that apply: no gap.
    let numbers: Vec<u64> = steps(&v)
        .iter()
        .filter_map(|s| s["number"].as_u64())
        .collect();
    assert_eq!(numbers, (1..=numbers.len() as u64).collect::<Vec<_>>());
    let out = ok([
        "plan",
        "winter-stay",
        "--from",
        "heihe",
        "--to",
        "hainan",
        "--as",
        "居民",
        "--format",
        "plain",
    ]);
    assert!(!out.contains("家庭共济绑定"), "{out}");
    assert!(!out.contains("家人的姓名、身份证号"), "{out}");
    assert!(
        out.contains("按 --as 城乡居民 略去了 1 个步骤、3 项材料"),
        "{out}"
    );
    // A retiree keeps the step.
    let v = plan(&["winter-stay", "--as", "retiree"]);
    assert_eq!(step(&v, "family")["applies"], true);
    // Items of a procedure are filtered too: an employee waits for the
    // employer's notice, a resident goes to the office.
    let v = plan(&["first-card", "--as", "resident"]);
    let pickup = step(&v, "pickup");
    let item = |id: &str| {
        pickup["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["applies"]
            .clone()
    };
    assert_eq!(item("wait-notice"), false);
    assert_eq!(item("go-office"), true);
    assert_eq!(material(&v, "参保证明（单位出具）")["applies"], false);
}

#[test]
fn a_newborn_plan_is_chosen_for_the_child_and_a_helper_plan_says_what_the_helper_does() {
    // The parent is an employee: the child's resident enrolment still applies.
    let v = plan(&["newborn", "--as", "职工"]);
    let enrol = step(&v, "enrol");
    assert_eq!(enrol["applies"], true);
    assert_eq!(enrol["items"][0]["id"], "newborn");
    assert_eq!(enrol["items"][0]["applies"], true);
    assert_eq!(step(&v, "family")["applies"], true);
    assert_eq!(material(&v, "城乡居民医保缴费凭证")["applies"], true);
    assert_eq!(material(&v, "参保证明（单位出具）")["applies"], false);
    // Helping a parent: each procedure's way for helpers and without a phone.
    let v = plan(&["help-parent", "--from", "heihe", "--as", "退休"]);
    assert_eq!(v["on_behalf"], true);
    let filing = step(&v, "filing");
    assert!(
        filing["proxy"].as_str().unwrap().contains("可以替家人备案"),
        "{filing}"
    );
    assert!(
        filing["offline"].as_str().unwrap().contains("备案电话"),
        "{filing}"
    );
    assert_eq!(material(&v, "代办人身份证")["applies"], true);
    // --on-behalf adds the same to any plan, and to its command line.
    let v = plan(&["lost-card", "--on-behalf"]);
    assert_eq!(v["on_behalf"], true);
    assert!(step(&v, "report-loss")["proxy"].is_string());
    assert_eq!(v["command"], "yibao plan lost-card --on-behalf");
    assert!(plan(&["lost-card"])["phases"][0]["steps"][0]["proxy"].is_null());
}

#[test]
fn situations_answer_to_chinese_words_and_the_command_has_chinese_names() {
    let by_id = ok(["plan", "winter-stay", "--from", "heihe", "--json"]);
    for args in [
        &["plan", "过冬", "--from", "heihe", "--json"][..],
        &["计划", "候鸟", "--from", "黑河", "--json"][..],
        &[
            "方案",
            "去外省长住（过冬、候鸟）",
            "--from",
            "231100",
            "--json",
        ][..],
    ] {
        assert_eq!(ok(args), by_id, "{args:?}");
    }
}

#[test]
fn bad_situations_and_places_are_one_line_errors() {
    let r = run(["plan", "guodong-x"]);
    assert_one_line_error(&r, 3, &["guodong-x", "yibao plan"], "unknown situation");
    let r = run(["plan", "过东"]);
    assert_one_line_error(&r, 3, &["winter-stay"], "close situation");
    let r = run(["plan", "过冬", "--to", "atlantis"]);
    assert_one_line_error(&r, 3, &["atlantis"], "unknown --to");
    let r = run(["plan", "过冬", "--from", ""]);
    assert_one_line_error(&r, 2, &["--from"], "empty --from");
    let r = run(["plan", "过冬", "--json", "--to", "nowhere"]);
    assert_eq!(r.code, Some(3));
    assert_eq!(r.stderr_json()["error"]["kind"], "unknown_region");
    let r = run(["plan", "nothing-like-it", "--json"]);
    assert_eq!(r.stderr_json()["error"]["kind"], "unknown_situation");
}

#[test]
fn without_a_terminal_plan_lists_the_situations_and_never_waits() {
    // stdin is /dev/null and stdout a pipe here: no questions.
    let r = run(["plan"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for id in SITUATIONS {
        assert!(
            r.stdout.contains(&format!("yibao plan {id}")),
            "{}",
            r.stdout
        );
    }
    let v = ok_json(["plan", "--json"]);
    assert_eq!(v["kind"], "plan-list");
    assert_eq!(v["lang"], "zh");
    let ids: Vec<&str> = v["situations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, SITUATIONS);
    let winter = &v["situations"][0];
    assert!(
        winter["aliases"]
            .as_array()
            .unwrap()
            .contains(&"过冬".into())
    );
    assert_eq!(winter["command"], "yibao plan winter-stay");
    // A shell pipe, as a person would type it.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' plan </dev/null | cat", bin().display()))
        .env("YIBAO_TODAY", TODAY)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("yibao plan winter-stay"));
}

#[test]
fn every_format_prints_the_whole_plan_within_the_width() {
    let base = ["plan", "winter-stay", "--from", "heihe", "--to", "hainan"];
    let json = plan(&base[1..]);
    for width in [20, 33, 47, 80, 120, 200] {
        let w = width.to_string();
        for args in [&base[..], &["plan"][..]] {
            let mut a = args.to_vec();
            a.extend(["--width", &w]);
            let out = ok(&a);
            assert_max_width(&out, width, &format!("{a:?}"));
            assert_tables_aligned(&out, width, &format!("{a:?}"));
        }
    }
    // What the JSON holds, the screen shows: every step's text and items,
    // every material, every source.
    for format in ["table", "plain", "markdown"] {
        let mut a = base.to_vec();
        a.extend(["--format", format, "--width", "100"]);
        let out = ok(&a);
        let flat = unwrapped(&out);
        for s in steps(&json) {
            for t in s["text"].as_str().into_iter().chain(s["when"].as_str()) {
                let t = unwrapped(&t.replace('（', "(").replace('）', ")"));
                let shown = flat.replace('（', "(").replace('）', ")").replace('\\', "");
                assert!(shown.contains(&t), "{format}: missing {t}");
            }
            for it in s["items"].as_array().unwrap() {
                let first: String = it["text"].as_str().unwrap().chars().take(12).collect();
                assert!(
                    flat.replace('\\', "").contains(&unwrapped(&first)),
                    "{format}: {first}"
                );
            }
            if let Some(cmd) = s["procedure"]["command"].as_str() {
                assert!(out.replace('\\', "").contains(cmd), "{format}: {cmd}");
            }
        }
        for m in json["materials"].as_array().unwrap() {
            let name = unwrapped(m["name"].as_str().unwrap());
            assert!(flat.replace('\\', "").contains(&name), "{format}: {name}");
        }
        for s in json["sources"].as_array().unwrap() {
            assert!(out.contains(s["id"].as_str().unwrap()), "{format}: {s}");
        }
        assert!(out.contains("2026-11-28"), "{format}");
    }
    let md = ok(["plan", "lost-card", "--format", "markdown"]);
    assert!(md.contains("## 1. 准备"), "{md}");
    assert!(md.contains("- [ ] 1. 发现卡丢了，马上挂失"), "{md}");
    assert!(md.contains("## 要带的材料"), "{md}");
    let plain = ok(["plan", "lost-card", "--format", "plain"]);
    assert!(
        plain
            .lines()
            .any(|l| l.starts_with("[ ] 1. 发现卡丢了") && l.contains("详见：yibao card replace"))
    );
    // YAML carries the same data as JSON.
    let yaml = ok(["plan", "trip", "--format", "yaml"]);
    let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(from_yaml, plan(&["trip"]));
}

#[test]
fn english_headings_with_lang_en() {
    let v = plan(&["trip", "--lang", "en"]);
    assert_eq!(v["lang"], "en");
    assert_eq!(v["phases"][0]["title"], "Get ready");
    assert!(v["command"].as_str().unwrap().ends_with("--lang en"));
    let out = ok(["plan", "trip", "--lang", "en", "--to", "hainan"]);
    assert!(out.contains("Plan: "), "{out}");
    assert!(out.contains("Hainan (海南省)"), "{out}");
    assert!(out.contains("Details: yibao filing apply"), "{out}");
}

#[test]
fn an_old_base_ends_with_the_reminder() {
    let r = run_on(STALE_DAY, ["plan", "trip"]);
    assert_eq!(r.code, Some(0));
    let last = r
        .stdout
        .trim_end()
        .rsplit("\n\n")
        .next()
        .unwrap_or_default();
    assert!(last.contains("政策可能已经调整"), "{}", r.stdout);
    assert_eq!(r.stderr, "");
    let v: Value =
        serde_json::from_str(&run_on(STALE_DAY, ["plan", "trip", "--json"]).stdout).unwrap();
    assert_eq!(v["freshness"]["stale"], true);
}

#[test]
fn search_lists_the_plan_first() {
    for q in ["过冬", "候鸟", "丢卡", "新生儿", "代办", "winter stay"] {
        let v = ok_json(["search", q, "--json"]);
        let first = &v["results"][0];
        assert_eq!(first["kind"], "plan", "search {q}: {v}");
        assert_eq!(first["rank"], 1);
        assert!(
            first["command"]
                .as_str()
                .unwrap()
                .starts_with("yibao plan ")
        );
    }
    assert_eq!(
        ok_json(["search", "过冬", "--json"])["results"][0]["id"],
        "winter-stay"
    );
    let out = ok(["search", "过冬"]);
    assert!(out.contains("方案：去外省长住"), "{out}");
    // Words only in a plan's text do not push it above the procedures.
    let v = ok_json(["search", "备案", "--json"]);
    assert_eq!(v["results"][0]["kind"], "procedure", "{v}");
}

#[test]
fn the_schema_has_the_plan_outputs() {
    for kind in ["plan", "plan-list"] {
        let v = ok_json(["schema", "output", kind]);
        assert_eq!(v["properties"]["kind"]["const"], kind, "{v}");
    }
    let data = ok_json(["schema", "data"]);
    assert!(data.to_string().contains("situations"));
}
