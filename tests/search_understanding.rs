//! How `yibao search` reads a question: fillers dropped, run-together
//! Chinese split into the base's words, synonyms from data/synonyms.yaml,
//! glossary terms among the results, keywords still all required, and what
//! the JSON says the screen shows, in every format and at every width.

mod common;

use common::*;
use serde_json::{Value, json};

fn search(words: &[&str]) -> Value {
    let mut args = vec!["search"];
    args.extend(words);
    args.push("--json");
    ok_json(&args)
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn the_questions_of_the_issue_find_their_procedures() {
    // Each of these found nothing when search only matched what was typed.
    for (q, want) in [
        ("医保卡丢了怎么办", "card.replace"),
        ("如何补办", "card.replace"),
    ] {
        let v = search(&[q]);
        assert_eq!(ids(&v).first().map(String::as_str), Some(want), "{q}: {v}");
    }
    // English text is searched too, so more than these two mention it;
    // these two are what the question is about.
    let activate = ids(&search(&["how", "to", "activate"]));
    assert_eq!(activate[..2], ["card.activate", "ecard.activate"]);
    let activate = ids(&search(&["怎么激活"]));
    assert!(
        activate.contains(&"ecard.activate".to_string()),
        "{activate:?}"
    );
}

#[test]
fn the_json_says_how_the_question_was_read() {
    let v = search(&["医保卡丢了怎么办"]);
    assert_eq!(v["query"], "医保卡丢了怎么办");
    assert_eq!(
        v["understood"],
        json!([{"word": "医保卡"}, {"word": "丢了", "means": ["挂失", "补办"]}])
    );
    // What a word stands for comes from data/synonyms.yaml.
    let v = search(&["我爸妈在海南过冬怎么备案"]);
    let words: Vec<&str> = v["understood"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["word"].as_str().unwrap())
        .collect();
    assert_eq!(words, ["爸妈", "海南", "过冬", "备案"]);
    assert_eq!(
        v["understood"][0]["means"],
        json!(["父母", "近亲属", "家庭共济"])
    );
    // A word of the base with shorter words of the base inside it.
    let v = search(&["社保卡可以邮寄到家吗"]);
    assert_eq!(
        v["understood"][1],
        json!({"word": "邮寄到家", "parts": ["邮寄"]})
    );
    assert_eq!(ids(&v)[0], "card.pickup");
}

#[test]
fn a_question_of_fillers_only_is_looked_for_as_typed() {
    let v = search(&["怎么"]);
    assert_eq!(v["understood"], json!([{"word": "怎么"}]));
    assert!(!ids(&v).is_empty(), "怎么 is in the text: {v}");
}

#[test]
fn keywords_typed_as_keywords_must_all_match() {
    // Both words, as typed: only what has both.
    let both = ids(&search(&["补办", "激活"]));
    let replace = ids(&search(&["补办"]));
    let activate = ids(&search(&["激活"]));
    assert!(!both.is_empty());
    for id in &both {
        assert!(replace.contains(id) && activate.contains(id), "{id}");
    }
    assert!(both.len() < replace.len().max(activate.len()));
    // A question that nothing matches whole still ranks what matched most.
    let v = search(&["医保卡", "qqqzzz"]);
    assert!(!ids(&v).is_empty(), "{v}");
    for r in v["results"].as_array().unwrap() {
        assert_eq!(r["covered"], 1, "{r}");
    }
}

#[test]
fn a_question_lists_its_ten_best_and_keywords_list_all() {
    let v = search(&["医保卡丢了怎么办"]);
    let n = v["results"].as_array().unwrap().len();
    assert_eq!(n, 10, "{v}");
    // Plans the question does not name come after the rest (see
    // contract.rs); the rest is ranked by coverage first.
    let covered: Vec<u64> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] != "plan")
        .map(|r| r["covered"].as_u64().unwrap())
        .collect();
    assert!(covered.windows(2).all(|w| w[0] >= w[1]), "{covered:?}");
    // A keyword typed alone is not a question: every match is listed.
    let all = search(&["医保卡"]);
    assert!(all["results"].as_array().unwrap().len() > 10, "{all}");
    let ranks: Vec<u64> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=ranks.len() as u64).collect::<Vec<_>>());
}

#[test]
fn glossary_terms_are_results_of_their_own_kind() {
    let v = search(&["起付线是什么"]);
    let first = &v["results"][0];
    assert_eq!(first["kind"], "term", "{v}");
    assert_eq!(first["id"], "deductible");
    assert_eq!(first["title"], "起付线");
    assert_eq!(first["command"], "yibao terms deductible");
    assert_eq!(first["matched"], "name");
    // Procedures say they are procedures.
    let v = search(&["补办"]);
    assert_eq!(v["results"][0]["kind"], "procedure");
    // The command a term result gives works.
    let page = ok_json(["terms", "deductible", "--json"]);
    assert_eq!(page["term"]["term"], "起付线");
    // A term's English id finds it too.
    assert_eq!(ids(&search(&["deductible"]))[0], "deductible");
}

#[test]
fn pinyin_is_tried_for_short_latin_input_not_for_english_sentences() {
    assert_eq!(ids(&search(&["bb"]))[0], "card.replace");
    assert_eq!(ids(&search(&["yinhang"]))[0], "card.activate");
    // Four Latin words: English, and 'care' is not read as 擦热.
    let v = search(&["do", "they", "care", "much"]);
    for r in v["results"].as_array().unwrap() {
        assert_ne!(r["matched"], "pinyin", "{r}");
    }
}

#[test]
fn a_region_still_limits_the_layers_searched() {
    let regions = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["regions"].as_array().unwrap().clone())
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let all = search(&["补办"]);
    assert!(regions(&all).contains(&"heihe".to_string()), "{all}");
    // 海南 has no data of its own: only national text is searched.
    let hainan = search(&["补办", "--region", "hainan"]);
    assert_eq!(hainan["region"]["id"], "hainan");
    assert!(regions(&hainan).is_empty(), "{hainan}");
    assert_eq!(ids(&hainan)[0], "card.replace");
    let heihe = search(&["医保卡丢了怎么办", "--region", "heihe"]);
    for r in regions(&heihe) {
        assert!(r == "heihe" || r == "heilongjiang", "{r}");
    }
}

#[test]
fn every_format_shows_how_the_question_was_read() {
    let line = "按这些词查找：医保卡、丢了（挂失、补办）";
    for format in ["table", "plain", "markdown"] {
        let out = ok(["search", "医保卡丢了怎么办", "--format", format]);
        assert!(unwrapped(&out).contains(line), "{format}:\n{out}");
        assert!(out.contains("yibao card replace"), "{format}:\n{out}");
    }
    let yaml = ok(["search", "医保卡丢了怎么办", "--format", "yaml"]);
    assert!(yaml.contains("understood:"), "{yaml}");
    // Typed exactly as looked for: no such line.
    let out = ok(["search", "补办"]);
    assert!(!out.contains("按这些词查找"), "{out}");
    // A term result is marked as one.
    let out = ok(["search", "起付线是什么"]);
    assert!(out.contains("术语：起付线"), "{out}");
}

#[test]
fn english_answers_have_english_headings() {
    let out = ok(["search", "医保卡丢了怎么办", "--lang", "en"]);
    assert!(
        out.starts_with("Search \"医保卡丢了怎么办\": 10 results"),
        "{out}"
    );
    assert!(
        out.contains("Looked for: 医保卡, 丢了 (挂失, 补办)"),
        "{out}"
    );
    assert!(out.contains("| command"), "{out}");
    let v = ok_json(["search", "补办", "--lang", "en", "--json"]);
    assert_eq!(v["lang"], "en");
    let none = ok(["search", "qqqqzzzz", "--lang", "en"]);
    assert!(none.contains("Nothing found."), "{none}");
}

#[test]
fn question_results_are_aligned_at_every_width() {
    for (q, first) in [
        ("医保卡丢了怎么办", "yibaocardreplace"),
        ("how to activate", "yibaocardactivate"),
        ("起付线是什么", "yibaotermsdeductible"),
    ] {
        for width in [20, 33, 60, 80, 120, 200] {
            let w = width.to_string();
            let out = ok(["search", q, "--width", &w]);
            let what = format!("search {q} --width {w}");
            let tables = assert_tables_aligned(&out, width, &what);
            // Too narrow for columns, the rows are told as label–value pairs.
            assert!(tables <= 1, "{what}:\n{out}");
            if width >= 80 {
                assert_eq!(tables, 1, "{what}:\n{out}");
            }
            assert_max_width(&out, width, &what);
        }
        let plain = ok(["search", q, "--format", "plain"]);
        assert!(unwrapped(&plain).contains(first), "{q}:\n{plain}");
    }
}

#[test]
fn an_overlays_words_split_a_question_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("track.yaml"),
        "region: national
procedures:
  - id: card.track
    title: 查询制卡情况
    action_name: 查制卡
    keywords: {zh: [补办进度]}
    summary: 申领以后查询卡做到了哪一步。
    steps:
      - id: look
        text: 在APP里查看。
        src: [seed-000]
    checked: 2026-11-01
",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let v = ok_json(["search", "我的补办进度", "--data", &d, "--json"]);
    assert_eq!(
        v["understood"],
        json!([{"word": "补办进度", "parts": ["补办"]}])
    );
    assert_eq!(v["results"][0]["id"], "card.track", "{v}");
    assert_eq!(v["results"][0]["matched"], "name");
    // Without the overlay the base knows only 补办.
    let v = ok_json(["search", "我的补办进度", "--json"]);
    assert_eq!(v["understood"], json!([{"word": "补办"}, {"word": "进度"}]));
}
