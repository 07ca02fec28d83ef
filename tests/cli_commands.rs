//! End-to-end tests of the commands people type: the design-card commands,
//! the overview, help and version, Chinese aliases, search ranking, and what
//! the environment and the date change in an answer.

mod common;

use common::cli::HLJ_APPLY_STEPS;
use common::*;

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
