//! `yibao terms` (alias `yibao 术语`): the whole glossary, or one entry by
//! its word, a part of it, an alias or its id; an unknown word is exit 3
//! with the closest words. What the JSON holds, every format shows, at
//! every width.

mod common;

use common::*;
use serde_json::Value;
use yibao::kb::model::DataFile;
use yibao::render::text::clean;

/// The glossary as data/terms.yaml writes it.
fn glossary() -> DataFile {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/terms.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_list_holds_every_entry_of_the_data_in_its_order() {
    let data = glossary();
    let v = ok_json(["terms", "--json"]);
    assert_eq!(v["kind"], "terms");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["lang"], "zh");
    let terms = v["terms"].as_array().unwrap();
    assert_eq!(terms.len(), data.terms.len());
    for (t, d) in terms.iter().zip(&data.terms) {
        assert_eq!(t["id"], d.id.as_str());
        assert_eq!(t["term"], &*d.term);
        let aliases: Vec<&str> = t["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(aliases, d.aliases);
        assert!(t["text"].as_str().unwrap().starts_with(&*d.text), "{t}");
        assert_eq!(t["example"].as_str(), d.example.as_deref());
        let related: Vec<&str> = t["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(related, d.related);
        for r in t["related"].as_array().unwrap() {
            let (topic, action) = r["id"].as_str().unwrap().split_once('.').unwrap();
            assert_eq!(r["command"], format!("yibao {topic} {action}"));
            assert!(!r["title"].as_str().unwrap().is_empty());
        }
    }
    // Every source cited is listed once.
    let sources: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for d in &data.terms {
        for s in &d.src {
            assert_eq!(sources.iter().filter(|x| *x == s).count(), 1, "{s}");
        }
    }
    // The Chinese command word says the same.
    assert_eq!(ok(["术语", "--json"]), ok(["terms", "--json"]));
}

#[test]
fn one_entry_is_found_by_its_word_a_part_an_alias_or_its_id() {
    let page = |w: &str| ok_json(["terms", w, "--json"]);
    let want = page("起付线");
    assert_eq!(want["kind"], "term");
    assert_eq!(want["term"]["id"], "deductible");
    assert_eq!(want["term"]["confidence"], "check");
    assert!(
        want["term"]["text"]
            .as_str()
            .unwrap()
            .ends_with("（以当地规定为准）"),
        "{want}"
    );
    for w in ["门槛费", "起付标准", "deductible", "DEDUCTIBLE", " 起付线 "] {
        assert_eq!(page(w), want, "yibao terms {w:?}");
    }
    // Each part of a word written as two (参保地/就医地).
    let place = page("就医地");
    assert_eq!(place["term"]["term"], "参保地/就医地");
    assert_eq!(page("参保地"), place);
    // Its sources are listed with their titles.
    let src: Vec<&str> = want["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(src, ["nhsa-2022-22", "nhsa-resident-notices"]);
}

#[test]
fn an_unknown_word_is_not_found_with_the_closest_words() {
    let r = run(["terms", "起付"]);
    assert_one_line_error(
        &r,
        3,
        &["找不到术语「起付」", "deductible（起付线）"],
        "terms 起付",
    );
    let r = run(["terms", "qqqzzz"]);
    assert_one_line_error(
        &r,
        3,
        &["找不到术语「qqqzzz」", "yibao terms"],
        "terms qqqzzz",
    );
    let r = run(["terms", "", "--json"]);
    assert_eq!(r.code, Some(3));
    let e = r.stderr_json();
    assert_eq!(e["error"]["kind"], "unknown_term");
    assert_eq!(e["error"]["code"], 3);
    let r = run(["terms", "起付", "--json"]);
    assert_eq!(
        r.stderr_json()["error"]["suggestions"][0],
        "deductible（起付线）"
    );
    // Two words are one too many.
    let r = run(["terms", "起付线", "门槛费"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

/// Keys whose values are not prose for people: ids, enums, and a seed's
/// file name (for maintainers, as on procedure pages).
const NOT_PROSE: [&str; 6] = ["id", "src", "kind", "lang", "confidence", "file"];

/// Every human text of a JSON answer.
fn texts(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !NOT_PROSE.contains(&key) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| texts(x, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| texts(x, k, out)),
        _ => {}
    }
}

fn squash(s: &str) -> String {
    clean(s)
        .replace('\\', "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn every_format_shows_what_the_json_holds() {
    for args in [
        &["terms"][..],
        &["terms", "起付线"][..],
        &["terms", "参保地"][..],
    ] {
        let mut json = args.to_vec();
        json.push("--json");
        let mut all = Vec::new();
        texts(&ok_json(&json), "", &mut all);
        assert!(all.len() > 5, "{args:?}");
        for format in ["table", "plain", "markdown"] {
            let mut a = args.to_vec();
            a.extend(["--format", format, "--width", "400"]);
            let out = squash(&ok(&a));
            for t in &all {
                let t = squash(t);
                assert!(out.contains(&t), "{args:?} --format {format} lacks {t}");
            }
        }
    }
}

#[test]
fn no_line_is_wider_than_the_width() {
    for args in [&["terms"][..], &["terms", "起付线"][..]] {
        for width in [20, 21, 40, 60, 80, 120, 200] {
            let w = width.to_string();
            let mut a = args.to_vec();
            a.extend(["--width", w.as_str()]);
            let out = ok(&a);
            let what = format!("{a:?}");
            assert_max_width(&out, width, &what);
            assert_tables_aligned(&out, width, &what);
            assert!(unwrapped(&out).contains("起付线"), "{what}");
        }
    }
}

#[test]
fn english_answers_have_english_labels() {
    let out = ok(["terms", "起付线", "--lang", "en"]);
    for want in ["Also: 起付标准, 门槛费", "Example", "Procedures", "Sources"] {
        assert!(out.contains(want), "{want}:\n{out}");
    }
    // The entry itself is in English, its Chinese word beside it.
    let v = ok_json(["terms", "起付线", "--lang", "en", "--json"]);
    assert_eq!(v["lang"], "en");
    assert_eq!(v["term"]["term"], "deductible (起付线)");
    assert!(
        v["term"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The amount you pay yourself"),
        "{v}"
    );
    let list = ok(["terms", "--lang", "en"]);
    assert!(list.starts_with("Medical insurance terms ("), "{list}");
}
