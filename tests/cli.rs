//! End-to-end tests of the command line: the design-card commands, the
//! overview/help/version, every procedure in every format, Chinese aliases,
//! `--have`, table widths, closed pipes and search ranking.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

const FORMATS: [&str; 5] = ["table", "plain", "json", "yaml", "markdown"];

/// The five 黑龙江 steps of `card apply`, in order.
const HLJ_APPLY_STEPS: [&str; 5] = ["确认参保身份", "选择办理方式", "提交材料", "领取", "激活"];

// ---------------------------------------------------------------------------
// The design-card commands, verbatim

#[test]
fn card_apply_region_heilongjiang_shows_the_five_heilongjiang_steps_in_order() {
    let r = run_on(STALE_DAY, ["card", "apply", "--region", "heilongjiang"]);
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    let out = &r.stdout;
    // Title and the region the data comes from.
    assert_eq!(
        out.lines().next(),
        Some("医保卡（社会保障卡）首次申领"),
        "{out}"
    );
    assert!(out.contains("yibao card apply"), "{out}");
    assert!(
        out.contains("提示：以下含黑龙江省的资料（「地区」一栏注明），其余为全国通用规则。"),
        "coverage line missing:\n{out}"
    );
    // Headings of a service guide.
    for h in ["受理条件", "申请材料", "办理流程", "办理渠道", "资料来源"] {
        assert!(out.lines().any(|l| l == h), "heading {h} missing:\n{out}");
    }
    // The steps table: row n holds step n, marked 黑龙江.
    let mut last = 0;
    for (i, step) in HLJ_APPLY_STEPS.iter().enumerate() {
        let cell = format!("{step}：");
        let (at, line) = out
            .lines()
            .enumerate()
            .find(|(_, l)| l.starts_with("| ") && l.contains(&cell))
            .unwrap_or_else(|| panic!("step {step} not in a table row:\n{out}"));
        assert!(
            line.starts_with(&format!("| {} ", i + 1)),
            "step {step} should be row {}: {line}",
            i + 1
        );
        assert!(
            line.contains("| 黑龙江 |"),
            "step {step} should be marked 黑龙江: {line}"
        );
        assert!(at > last, "step {step} out of order");
        last = at;
    }
    // Materials.
    for m in ["居民身份证", "户口簿", "近期免冠一寸", "参保证明（单"] {
        assert!(out.contains(m), "material {m} missing:\n{out}");
    }
    // Channels, with the 黑龙江 one marked.
    assert!(out.contains("「黑龙江一卡"), "{out}");
    assert!(out.contains("https://fuwu.nhsa.gov.cn"), "{out}");
    assert_tables_aligned(out, 80, "card apply --region heilongjiang");
    assert_max_width(out, 80, "card apply --region heilongjiang");
    // The data is older than 12 months on STALE_DAY: the answer's one
    // freshness line is the reminder, wrapped to the width, and nothing
    // repeats it on stderr.
    assert_eq!(r.stderr, "", "nothing on stderr");
    let reminder = out
        .find("提醒：这些资料核实于")
        .unwrap_or_else(|| panic!("stale reminder expected in the answer:\n{out}"));
    assert_eq!(
        out.matches("资料核实于").count(),
        1,
        "one freshness line:\n{out}"
    );
    let tail: Vec<&str> = out[reminder..].lines().collect();
    assert!(tail.len() > 1, "wrapped at 80: {tail:?}");
    assert!(tail.concat().contains("已超过 19 个月"), "{tail:?}");
}

#[test]
fn card_apply_region_heilongjiang_json_has_the_steps_materials_and_provenance() {
    let v = ok_json(["card", "apply", "--region", "heilongjiang", "--json"]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["kind"], "procedure");
    assert_eq!(v["region"]["id"], "heilongjiang");
    assert_eq!(v["regional_data"], true);
    let p = &v["procedure"];
    assert_eq!(p["id"], "card.apply");
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5, "{steps:#?}");
    for (s, name) in steps.iter().zip(HLJ_APPLY_STEPS) {
        let text = s["text"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{name}：")),
            "step text {text:?} should start with {name}"
        );
        assert_eq!(s["from"], "heilongjiang", "{s}");
    }
    let materials = p["materials"].as_array().unwrap();
    let id_card = materials
        .iter()
        .find(|m| m["name"] == "居民身份证")
        .unwrap_or_else(|| panic!("居民身份证 missing: {materials:#?}"));
    assert_eq!(id_card["required"], true);
    assert_eq!(id_card["alternatives"], serde_json::json!(["户口簿"]));
}

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
// Overview, help, version

#[test]
fn no_arguments_is_an_overview_of_every_topic() {
    let r = run::<[&str; 0], &str>([]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "overview writes nothing on stderr: {}",
        r.stderr
    );
    let out = &r.stdout;
    assert!(out.starts_with("yibao：医保卡办事指南"), "{out}");
    let topics = ok_json(["--json"]);
    assert_eq!(topics["kind"], "overview");
    let ids: Vec<&str> = topics["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["card", "ecard", "family", "filing", "balance", "scheme"]
    );
    for t in topics["topics"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        assert!(
            out.contains(&format!("| yibao {id} ")),
            "topic {id} missing:\n{out}"
        );
        assert!(
            out.contains(t["name"].as_str().unwrap()),
            "topic name of {id} missing"
        );
    }
    for example in [
        "yibao card apply --region heilongjiang",
        "yibao filing checklist",
        "yibao 医保卡 补办",
    ] {
        assert!(out.contains(example), "example {example} missing:\n{out}");
    }
    assert_tables_aligned(out, 80, "overview");
    assert_max_width(out, 80, "overview");
}

#[test]
fn help_shows_the_example_commands_and_exit_codes() {
    for flag in ["--help", "-h"] {
        let out = ok([flag]);
        for example in [
            "yibao card apply --region heilongjiang",
            "yibao filing checklist",
            "yibao filing checklist --json | jq '.missing'",
            "yibao 医保卡 补办",
            "yibao family bind --region heihe",
            "yibao search 补办",
        ] {
            assert!(
                out.contains(example),
                "{flag}: example {example} missing:\n{out}"
            );
        }
        for word in [
            "--region", "--format", "--json", "--width", "--color", "--data",
        ] {
            assert!(out.contains(word), "{flag}: option {word} missing");
        }
        let flat: String = out.split_whitespace().collect();
        for (code, meaning) in [
            (0, "成功"),
            (1, "其他错误"),
            (2, "用法错误"),
            (3, "找不到"),
            (4, "数据无效"),
        ] {
            assert!(flat.contains(&format!("{code}{meaning}")), "{out}");
        }
    }
}

#[test]
fn version_shows_the_tool_version_and_checked_as_of_date() {
    let overview = ok_json(["--json"]);
    let checked = overview["checked_as_of"].as_str().unwrap().to_string();
    assert_eq!(checked.len(), 10, "checked_as_of is YYYY-MM-DD: {checked}");
    for flag in ["--version", "-V"] {
        let out = ok([flag]);
        assert_eq!(
            out,
            format!(
                "yibao {} (knowledge base checked as of {checked})\n",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}

// ---------------------------------------------------------------------------
// Every procedure in every format

#[test]
fn every_procedure_renders_in_every_format() {
    for id in procedure_ids() {
        let words = command_words(&id);
        let json = ok_json(words.iter().map(String::as_str).chain(["--json"]));
        assert_eq!(json["kind"], "procedure", "{id}");
        assert_eq!(json["procedure"]["id"], id.as_str());
        assert_eq!(json["schema_version"], 1);
        for f in FORMATS {
            let mut args = words.clone();
            args.extend(["--format".to_string(), f.to_string()]);
            let out = ok(&args);
            assert!(!out.trim().is_empty(), "{id} {f}: empty output");
            assert!(out.ends_with('\n'), "{id} {f}: output ends with a newline");
            match f {
                "table" => {
                    let n = assert_tables_aligned(&out, 80, &format!("{id} table"));
                    assert!(n >= 1, "{id} table: expected at least one table:\n{out}");
                    assert_max_width(&out, 80, &format!("{id} table"));
                    assert_eq!(out, ok(&words), "{id}: table is the default format");
                }
                "plain" => {
                    for l in out.lines() {
                        assert!(!is_table_line(l), "{id} plain: box line {l:?}");
                        assert!(
                            !l.contains("+--") && !l.contains("| "),
                            "{id} plain: box drawing in {l:?}"
                        );
                    }
                    let title = json["procedure"]["title"].as_str().unwrap();
                    assert_eq!(out.lines().next(), Some(title), "{id} plain: title first");
                }
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&out)
                        .unwrap_or_else(|e| panic!("{id} json: {e}\n{out}"));
                    assert_eq!(v, json, "{id}: --format json equals --json");
                }
                "yaml" => {
                    let v: serde_json::Value = serde_yaml::from_str(&out)
                        .unwrap_or_else(|e| panic!("{id} yaml: {e}\n{out}"));
                    assert_eq!(v, json, "{id}: YAML holds the same data as JSON");
                }
                "markdown" => {
                    let title = json["procedure"]["title"].as_str().unwrap();
                    assert!(
                        out.starts_with("# "),
                        "{id} markdown: starts with a title:\n{out}"
                    );
                    assert!(
                        out.contains("## 资料来源"),
                        "{id} markdown: sources heading"
                    );
                    assert!(
                        out.lines()
                            .next()
                            .unwrap()
                            .contains(&title.replace('*', "\\*")),
                        "{id} markdown: title {title}"
                    );
                }
                _ => unreachable!(),
            }
        }
        // `show <id>` is the same page.
        assert_eq!(ok(["show", id.as_str()]), ok(&words), "show {id}");
    }
}

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
// Chinese aliases

#[test]
fn chinese_card_replace_alias_equals_english() {
    let en = ok(["card", "replace"]);
    assert_eq!(ok(["医保卡", "补办"]), en);
    assert_eq!(ok(["社保卡", "挂失补办"]), en);
    assert!(en.starts_with("医保卡（社会保障卡）挂失与补办\n"), "{en}");
}

#[test]
fn chinese_filing_checklist_alias_equals_english() {
    assert_eq!(ok(["备案", "清单"]), ok(["filing", "checklist"]));
    assert_eq!(
        ok(["异地就医", "清单", "--json"]),
        ok(["filing", "checklist", "--json"])
    );
}

#[test]
fn every_topic_and_action_alias_reaches_its_procedure() {
    let overview = ok_json(["--json"]);
    for t in overview["topics"].as_array().unwrap() {
        let topic = t["id"].as_str().unwrap();
        let topic_page = ok([topic]);
        for alias in t["aliases"].as_array().unwrap() {
            let alias = alias.as_str().unwrap();
            assert_eq!(ok([alias]), topic_page, "topic alias {alias} of {topic}");
        }
        for p in t["procedures"].as_array().unwrap() {
            let action = p["action"].as_str().unwrap();
            let page = ok([topic, action, "--json"]);
            let mut words: Vec<&str> = vec![p["action_name"].as_str().unwrap()];
            words.extend(
                p["aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap()),
            );
            for w in words {
                assert_eq!(ok([topic, w, "--json"]), page, "yibao {topic} {w}");
            }
        }
    }
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

// ---------------------------------------------------------------------------
// Widths

const WIDTHS: [usize; 5] = [20, 40, 80, 120, 200];

/// Commands whose tables are checked at every width.
fn width_commands() -> Vec<Vec<String>> {
    let mut cmds: Vec<Vec<String>> = Vec::new();
    for id in procedure_ids() {
        cmds.push(command_words(&id));
    }
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    cmds.push(s(&["card", "apply", "--region", "heilongjiang"]));
    cmds.push(s(&["family", "bind", "--region", "heihe"]));
    cmds.push(s(&["scheme", "compare", "--region", "heilongjiang"]));
    cmds.push(s(&["filing", "apply", "--region", "黑龙江"]));
    cmds.push(s(&["filing", "checklist", "--have", "身份证"]));
    cmds.push(s(&["list"]));
    cmds.push(s(&["regions"]));
    cmds.push(s(&["faq"]));
    cmds.push(s(&["card"]));
    cmds.push(s(&["search", "补办"]));
    // The overview: its example lines are padded to a common width, and the
    // padding must not push a line past --width.
    cmds.push(Vec::new());
    cmds
}

#[test]
fn tables_are_aligned_and_fit_every_width() {
    let mut problems = Vec::new();
    for cmd in width_commands() {
        for w in WIDTHS {
            let mut args = cmd.clone();
            args.extend(["--width".to_string(), w.to_string()]);
            let out = ok(&args);
            let what = format!("yibao {} --width {w}", cmd.join(" "));
            for p in table_problems(&out, w)
                .into_iter()
                .chain(width_problems(&out, w))
            {
                problems.push(format!("{what}: {p}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn wide_tables_use_the_room_they_are_given() {
    // At 120 columns the procedure tables are laid out wider than at 80, but
    // never wider than needed or allowed.
    let at80 = ok(["card", "apply", "--width", "80"]);
    let at120 = ok(["card", "apply", "--width", "120"]);
    let widest = |out: &str| {
        tables(out)
            .iter()
            .map(|t| display_width(t[0]))
            .max()
            .unwrap_or(0)
    };
    assert_eq!(
        widest(&at80),
        80,
        "the steps table fills 80 columns:\n{at80}"
    );
    assert!(widest(&at120) > 80 && widest(&at120) <= 120, "{at120}");
}

#[test]
fn at_width_20_tables_fall_back_to_stacked_lines() {
    let out = ok(["card", "apply", "--region", "heilongjiang", "--width", "20"]);
    assert_max_width(&out, 20, "card apply --width 20");
    assert!(tables(&out).is_empty(), "no grid at width 20:\n{out}");
    // The table's content is still there, as label：value lines.
    assert!(out.lines().any(|l| l.starts_with("材料：")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("步骤：")), "{out}");
    let text = unwrapped(&out);
    assert!(text.contains("居民身份证"), "{out}");
    for (i, step) in HLJ_APPLY_STEPS.iter().enumerate() {
        assert!(
            text.contains(&format!("步骤：{}做什么：{step}：", i + 1)),
            "step {} {step} lost at width 20:\n{out}",
            i + 1
        );
    }
}

#[test]
fn default_width_when_piped_is_80() {
    assert_eq!(
        ok(["card", "apply"]),
        ok(["card", "apply", "--width", "80"])
    );
    // COLUMNS is not a width setting (comfy-table pitfall): piped output stays 80.
    let out = yibao()
        .env("COLUMNS", "40")
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        ok(["card", "apply", "--width", "80"])
    );
}

#[test]
fn colour_is_only_styling() {
    let never = ok(["card", "apply", "--color", "never"]);
    let always = ok(["card", "apply", "--color", "always"]);
    assert!(!never.contains('\u{1b}'), "no escapes with --color never");
    assert!(always.contains("\u{1b}["), "escapes with --color always");
    let mut stripped = String::new();
    let mut in_esc = false;
    for c in always.chars() {
        match (in_esc, c) {
            (false, '\u{1b}') => in_esc = true,
            (true, 'm') => in_esc = false,
            (true, _) => {}
            (false, c) => stripped.push(c),
        }
    }
    assert_eq!(
        stripped, never,
        "colour must not change the text or its layout"
    );
    // Piped and auto: no colour; JSON never coloured.
    assert!(!ok(["card", "apply"]).contains('\u{1b}'));
    assert!(!ok(["card", "apply", "--json", "--color", "always"]).contains('\u{1b}'));
}

// ---------------------------------------------------------------------------
// Closed pipes and closed stdout

/// Spawns yibao with stdout piped, reads one line, closes the pipe, and
/// returns (exit code, first line, stderr).
fn read_one_line_then_close(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = std_yibao()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yibao");
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).expect("read first line");
    drop(reader); // the reader goes away, like `| head -1`
    let out = child.wait_with_output().expect("yibao finishes");
    (
        out.status.code(),
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn reader_closing_after_first_line_ends_quietly() {
    for args in [
        &["card", "apply", "--region", "heilongjiang"][..],
        &["filing", "checklist", "--json"][..],
        // Larger than any pipe buffer: the write is sure to hit the closed pipe.
        &["completions", "bash"][..],
        &["schema"][..],
    ] {
        let (code, first, stderr) = read_one_line_then_close(args);
        assert!(!first.is_empty(), "{args:?}: a first line was read");
        assert_eq!(
            code,
            Some(0),
            "{args:?}: exit 0 on a closed pipe; stderr:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("错误"),
            "{args:?}: no error message: {stderr}"
        );
    }
}

#[test]
fn reader_gone_before_anything_is_written_ends_quietly() {
    let mut child = std_yibao()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yibao");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn head_dash_1_in_a_shell_exits_quietly() {
    let mut sh = std::process::Command::new("sh");
    clean_env(&mut sh);
    let out = sh
        .arg("-c")
        .arg("\"$0\" completions bash | head -1")
        .arg(bin())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

/// Runs `yibao ARGS >&-` (stdout closed) through sh.
fn run_with_stdout_closed(args: &str) -> std::process::Output {
    let mut sh = std::process::Command::new("sh");
    clean_env(&mut sh);
    // A day the data is stale on, so the table run has a reminder to print.
    sh.env("YIBAO_TODAY", STALE_DAY);
    sh.arg("-c")
        .arg(format!("exec \"$0\" {args} >&-"))
        .arg(bin())
        .output()
        .unwrap()
}

/// With stdout closed, Rust's runtime opens `/dev/null` in its place before
/// `main` runs (Unix): the answer goes nowhere, the run ends normally (exit
/// 0) and stderr carries nothing (the stale-data reminder is part of the
/// answer).
#[test]
fn closed_stdout_discards_the_answer_and_exits_0() {
    let out = run_with_stdout_closed("card apply");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("错误"), "no error message: {stderr}");
    // The same run with stdout open says the same on stderr.
    let open = std_yibao()
        .env("YIBAO_TODAY", STALE_DAY)
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert_eq!(stderr, String::from_utf8_lossy(&open.stderr));
    assert_eq!(stderr, "", "nothing on stderr");
    assert!(String::from_utf8_lossy(&open.stdout).contains("提醒"));

    let out = run_with_stdout_closed("card apply --json");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn closed_stdout_still_reports_errors_on_stderr() {
    let out = run_with_stdout_closed("card apply --region atlantis --json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr:\n{stderr}");
    let v: serde_json::Value = serde_json::from_str(stderr.trim_end())
        .unwrap_or_else(|e| panic!("JSON error expected on stderr ({e}): {stderr}"));
    assert_eq!(v["error"]["kind"], "unknown_region");
}

/// A stdout that fails every write (`/dev/full`: no space left) is an
/// output error, exit 1, told on stderr.
#[test]
fn a_full_device_as_stdout_is_an_output_error_with_exit_1() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = std_yibao()
        .args(["card", "apply"])
        .stdout(full())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line, no reminder after it:\n{stderr}");
    assert!(lines[0].contains("无法写出结果"), "{stderr}");
    let out = std_yibao()
        .args(["card", "apply", "--json"])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        (v["error"]["code"].as_i64(), v["error"]["kind"].as_str()),
        (Some(1), Some("output"))
    );
}

// ---------------------------------------------------------------------------
// Search

/// The first procedure found (a situation's plan named by the words comes
/// before the procedures).
fn first_result(words: &[&str]) -> serde_json::Value {
    let mut args = vec!["search"];
    args.extend(words);
    args.push("--json");
    let v = ok_json(&args);
    assert_eq!(v["kind"], "search");
    let results = v["results"].as_array().expect("results");
    results
        .iter()
        .find(|r| r["kind"] == "procedure")
        .cloned()
        .unwrap_or_else(|| panic!("no procedure found for {words:?}: {v}"))
}

#[test]
fn search_ranks_card_replace_first_for_chinese_pinyin_initials_pinyin_and_english() {
    for words in [
        &["补办"][..],
        &["bb"][..],
        &["buban"][..],
        &["lost", "card"][..],
        &["挂失"][..],
    ] {
        let r = first_result(words);
        assert_eq!(r["id"], "card.replace", "search {words:?}: {r}");
        assert_eq!(r["command"], "yibao card replace");
    }
}

#[test]
fn search_finds_other_topics_and_reports_its_query() {
    let v = ok_json(["search", "lost", "card", "--json"]);
    assert_eq!(v["query"], "lost card");
    assert_eq!(
        first_result(&["备案"])["id"]
            .as_str()
            .unwrap()
            .split('.')
            .next(),
        Some("filing")
    );
    assert_eq!(
        first_result(&["家庭共济"])["id"]
            .as_str()
            .unwrap()
            .split('.')
            .next(),
        Some("family")
    );
    let ranks: Vec<u64> = ok_json(["search", "补办", "--json"])["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=ranks.len() as u64).collect::<Vec<_>>());
}

#[test]
fn search_without_hits_is_not_an_error() {
    let r = run(["search", "qqqqzzzz"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("0 条结果"), "{}", r.stdout);
    let v = ok_json(["search", "qqqqzzzz", "--json"]);
    assert_eq!(v["results"], serde_json::json!([]));
}

#[test]
fn search_table_is_aligned() {
    let out = ok(["search", "补办"]);
    assert!(out.starts_with("搜索「补办」："), "{out}");
    assert!(out.contains("yibao card replace"), "{out}");
    assert_eq!(assert_tables_aligned(&out, 80, "search"), 1);
}

// ---------------------------------------------------------------------------
// Environment and freshness

#[test]
fn region_and_data_come_from_the_environment_and_flags_win() {
    let env_region = yibao()
        .env("YIBAO_REGION", "heilongjiang")
        .args(["card", "apply", "--json"])
        .output()
        .unwrap();
    assert!(env_region.status.success());
    let v: serde_json::Value = serde_json::from_slice(&env_region.stdout).unwrap();
    assert_eq!(v["region"]["id"], "heilongjiang");

    let flag_wins = yibao()
        .env("YIBAO_REGION", "heilongjiang")
        .args(["card", "apply", "--region", "hainan", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&flag_wins.stdout).unwrap();
    assert_eq!(v["region"]["id"], "hainan");
}

#[test]
fn stale_data_is_flagged_in_json_and_reminded_in_the_answer_for_people() {
    let r = run_on(STALE_DAY, ["card", "apply", "--json"]);
    assert_eq!(r.code, Some(0));
    assert!(
        r.stderr.is_empty(),
        "JSON runs carry the reminder in a field, not on stderr: {}",
        r.stderr
    );
    let v = r.json();
    assert_eq!(v["freshness"]["stale"], true);
    assert_eq!(v["freshness"]["months_old"], 19);
    assert!(
        v["freshness"]["message"]
            .as_str()
            .unwrap()
            .starts_with("提醒：")
    );

    // A day soon after the data was checked: no reminder at all.
    let fresh = yibao()
        .env("YIBAO_TODAY", "2026-12-01")
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert!(fresh.status.success());
    assert!(
        fresh.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    let fresh = String::from_utf8_lossy(&fresh.stdout);
    assert!(!fresh.contains("提醒"), "{fresh}");
    assert_eq!(fresh.matches("资料核实于 2026-11-28").count(), 1, "{fresh}");
}

// ---------------------------------------------------------------------------
// Property: any width from 20 up keeps every table aligned and every line
// within the width.

fn cached_procedure_ids() -> &'static [String] {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(procedure_ids)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    #[test]
    fn any_width_keeps_tables_aligned_and_lines_within_it(
        w in 20usize..=300,
        pick in 0usize..1000,
        checklist in proptest::bool::ANY,
        region in proptest::sample::select(vec!["", "heilongjiang", "heihe", "hainan"]),
    ) {
        let ids = cached_procedure_ids();
        let words = command_words(&ids[pick % ids.len()]);
        let mut args: Vec<String> = if checklist {
            vec![words[0].clone(), "checklist".into(), words[1].clone()]
        } else {
            words
        };
        if !region.is_empty() {
            args.extend(["--region".to_string(), region.to_string()]);
        }
        args.extend(["--width".to_string(), w.to_string()]);
        let out = ok(&args);
        let problems: Vec<String> = table_problems(&out, w).into_iter().chain(width_problems(&out, w)).collect();
        proptest::prop_assert!(problems.is_empty(), "yibao {}:\n{}", args.join(" "), problems.join("\n"));
    }
}
