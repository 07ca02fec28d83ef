//! `yibao search --data DIR` finds overlay procedures and layers by the same
//! text as built-in ones: conditions, material alternatives, preparation
//! items, channel menu paths, FAQ questions, the action word and the topic's
//! names. Each case writes an overlay whose probe word sits in one field only,
//! checks that the built-in base alone does not find it, and then that the
//! overlay does, with the expected kind of match.

mod common;

use common::{ok_json, run};
use std::path::Path;

/// Neutral text for every field of the probe procedure; a case replaces one.
struct Fields<'a> {
    action: &'a str,
    condition: &'a str,
    alternative: &'a str,
    prepare: &'a str,
    path: &'a str,
    faq: &'a str,
}

const NEUTRAL: Fields<'static> = Fields {
    action: "track",
    condition: "已经提交了申领。",
    alternative: "户口簿",
    prepare: "记下申领时的手机号。",
    path: "首页 → 服务",
    faq: "多久能查到？",
};

/// A new procedure `card.<action>`, defined by an overlay.
fn definition(f: &Fields<'_>) -> String {
    format!(
        "region: national
procedures:
  - id: card.{action}
    title: 查询制卡情况
    action_name: 查制卡
    summary: 申领以后查询卡做到了哪一步。
    conditions:
      - id: applied
        text: {condition}
        src: [seed-000]
    materials:
      - id: id-card
        name: 身份证
        alternatives: [{alternative}]
        src: [seed-000]
    prepare:
      - id: phone
        text: {prepare}
        src: [seed-000]
    channels:
      - id: app
        kind: app
        name: 国家医保服务平台APP
        path: {path}
        src: [seed-000]
    steps:
      - id: look
        text: 打开APP查看。
        channels: [app]
        src: [seed-000]
    faq:
      - id: when
        q: {faq}
        a: 一般几个工作日。
        src: [seed-000]
    checked: 2026-11-01
",
        action = f.action,
        condition = f.condition,
        alternative = f.alternative,
        prepare = f.prepare,
        path = f.path,
        faq = f.faq,
    )
}

fn write_overlay(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("overlay.yaml"), yaml).expect("write overlay");
    dir
}

/// The search results (id, matched, regions) for `words`, with or without
/// an overlay.
fn hits(words: &str, data: Option<&Path>) -> Vec<(String, String, Vec<String>)> {
    let mut args = vec!["search".to_string(), words.to_string(), "--json".into()];
    if let Some(d) = data {
        args.extend(["--data".to_string(), d.display().to_string()]);
    }
    let v = ok_json(&args);
    v["results"]
        .as_array()
        .unwrap_or_else(|| panic!("search {words}: no results array: {v}"))
        .iter()
        .map(|r| {
            let regions = r["regions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            (
                r["id"].as_str().unwrap_or_default().to_string(),
                r["matched"].as_str().unwrap_or_default().to_string(),
                regions,
            )
        })
        .collect()
}

/// `words` finds procedure `id` through the overlay in `yaml`, matched as
/// `matched`, in `regions`; and does not find it without the overlay.
fn assert_found(yaml: &str, words: &str, id: &str, matched: &str, regions: &[&str]) {
    assert!(
        !hits(words, None).iter().any(|h| h.0 == id),
        "the built-in base alone already finds {id} by {words}: the case proves nothing"
    );
    let dir = write_overlay(yaml);
    let check = run(["data", "validate", &dir.path().display().to_string()]);
    assert_eq!(
        check.code,
        Some(0),
        "the overlay for {words} is not valid:\n{}{}",
        check.stdout,
        check.stderr
    );
    let found = hits(words, Some(dir.path()));
    let hit = found
        .iter()
        .find(|h| h.0 == id)
        .unwrap_or_else(|| panic!("search {words} --data: {id} not listed; got {found:?}"));
    assert_eq!(hit.1, matched, "search {words}: {id} matched as {}", hit.1);
    assert_eq!(hit.2, regions, "search {words}: regions of {id}");
}

#[test]
fn a_condition_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        condition: "已经拿到申领回执单。",
        ..NEUTRAL
    });
    assert_found(&yaml, "回执单", "card.track", "text", &[]);
}

#[test]
fn a_material_alternative_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        alternative: "军人保障卡",
        ..NEUTRAL
    });
    assert_found(&yaml, "军人保障卡", "card.track", "text", &[]);
}

#[test]
fn a_preparation_item_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        prepare: "老人带上老花镜。",
        ..NEUTRAL
    });
    assert_found(&yaml, "老花镜", "card.track", "text", &[]);
}

#[test]
fn a_channel_path_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        path: "首页 → 我的 → 制卡进度",
        ..NEUTRAL
    });
    assert_found(&yaml, "制卡进度", "card.track", "text", &[]);
}

#[test]
fn a_faq_question_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        faq: "可以请邻居代查吗？",
        ..NEUTRAL
    });
    assert_found(&yaml, "邻居", "card.track", "text", &[]);
}

#[test]
fn the_action_word_finds_an_overlay_procedure() {
    let yaml = definition(&Fields {
        action: "progress",
        ..NEUTRAL
    });
    assert_found(&yaml, "progress", "card.progress", "name", &[]);
}

#[test]
fn the_topic_names_find_an_overlay_procedure_as_they_find_built_in_ones() {
    // 社保卡 is an alias of the built-in topic `card`: built-in card
    // procedures are found by it as a name, and so is a new one.
    let dir = write_overlay(&definition(&NEUTRAL));
    let found = hits("社保卡", Some(dir.path()));
    let hit = found
        .iter()
        .find(|h| h.0 == "card.track")
        .unwrap_or_else(|| panic!("search 社保卡 --data: card.track not listed; got {found:?}"));
    assert_eq!(hit.1, "name");
    let apply = found
        .iter()
        .find(|h| h.0 == "card.apply")
        .expect("card.apply");
    assert_eq!(apply.1, "name");
}

#[test]
fn a_condition_in_a_regional_layer_finds_the_procedure_there() {
    let yaml = "region: heilongjiang
procedures:
  - id: card.replace
    conditions:
      - id: receipt
        text: 挂失后保管好回执单。
        src: [seed-000]
    checked: 2026-11-01
";
    assert_found(yaml, "回执单", "card.replace", "text", &["heilongjiang"]);
}

#[test]
fn words_in_no_field_find_nothing_in_the_overlay() {
    let dir = write_overlay(&definition(&NEUTRAL));
    for words in [
        "回执单",
        "军人保障卡",
        "老花镜",
        "制卡进度",
        "邻居",
        "progress",
    ] {
        let found = hits(words, Some(dir.path()));
        assert!(
            !found.iter().any(|h| h.0 == "card.track"),
            "search {words}: card.track listed though no field holds the word: {found:?}"
        );
    }
}
