//! The guide in English: every procedure page and checklist, national and
//! for every region with data of its own, every plan and the glossary, reads
//! in English, with Chinese
//! kept only for names people must recognise — in brackets beside the
//! English ("household register (户口簿)"), in 「」 ("the 「龙江医保」
//! WeChat account"), or as the on-screen label an English gloss follows
//! ("首页 (Home)").
//!
//! The measure: take every human text of the English JSON, drop what is in
//! brackets or 「」《》, and a Chinese label right before a bracketed gloss;
//! what Chinese is left is Chinese that is not a name. No text may keep more
//! than a few such characters, and across the whole guide they stay under
//! one in a hundred.

mod common;

use common::*;
use serde_json::Value;
use yibao::kb::i18n::CHINESE_ONLY;

/// Regions with data of their own in the built-in base, and national rules.
const REGIONS: [Option<&str>; 3] = [None, Some("heilongjiang"), Some("heihe")];

/// Keys whose values are not prose: ids, enums, dates, commands, numbers.
/// (A region object is skipped whole: its official names stay Chinese and
/// its English name is `en`.)
const NOT_PROSE: &[&str] = &[
    "id",
    "topic",
    "action",
    "src",
    "from",
    "kind",
    "confidence",
    "level",
    "origin",
    "section",
    "who",
    "applies_to",
    "checked",
    "code",
    "parent",
    "file",
    "channels",
    "related",
    "missing",
    "field_from",
    "lang",
    "as",
    "not_for_you",
    "command",
    "url",
    "phone",
    "date",
    "aliases",
    "examples",
    "version",
    "checked_as_of",
    "layers",
    "region",
    "regions",
];

/// Every prose text of a JSON answer.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| texts(x, out)),
        Value::Object(map) => {
            for (k, x) in map {
                if !NOT_PROSE.contains(&k.as_str()) {
                    texts(x, out);
                }
            }
        }
        _ => {}
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// The Chinese characters of `s` that are not part of a name: outside
/// brackets and 「」《》, and not a label right before a bracketed gloss.
fn loose_chinese(s: &str) -> usize {
    let mut depth = 0usize;
    let mut kept = String::new();
    for c in s.chars() {
        match c {
            '(' | '（' | '「' | '《' => depth += 1,
            ')' | '）' | '」' | '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    // A Chinese run that a bracket followed (now dropped) was a label with
    // its gloss: find runs in the original that end right before " (".
    let chars: Vec<char> = s.chars().collect();
    let mut glossed = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_cjk(chars[i]) {
            let start = i;
            while i < chars.len() && (is_cjk(chars[i]) || chars[i].is_ascii_digit()) {
                i += 1;
            }
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && matches!(chars[j], '(' | '（') {
                glossed += chars[start..i].iter().filter(|c| is_cjk(**c)).count();
            }
        } else {
            i += 1;
        }
    }
    let outside = kept.chars().filter(|c| is_cjk(*c)).count();
    outside.saturating_sub(glossed)
}

fn english_json(args: &[&str]) -> Value {
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--lang", "en", "--json"]);
    let out = yibao().args(&a).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{a:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn procedures() -> Vec<(String, String)> {
    let v = english_json(&["list"]);
    v["procedures"]
        .as_array()
        .expect("procedures")
        .iter()
        .map(|p| {
            (
                p["topic"].as_str().unwrap_or_default().to_string(),
                p["action"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Every answer of the guide in English: each procedure and its checklist
/// in every region, the list, the overview, the FAQ.
fn answers() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (topic, action) in procedures() {
        for region in REGIONS {
            for what in [
                vec![topic.as_str(), action.as_str()],
                vec![topic.as_str(), "checklist", action.as_str()],
            ] {
                let mut args = what.clone();
                if let Some(r) = region {
                    args.extend(["--region", r]);
                }
                out.push((args.join(" "), english_json(&args)));
            }
        }
    }
    for args in [
        vec!["list"],
        vec![],
        vec!["faq"],
        vec!["terms"],
        vec!["plan"],
    ] {
        out.push((args.join(" "), english_json(&args)));
    }
    let plans = english_json(&["plan"]);
    for s in plans["situations"].as_array().expect("situations") {
        let id = s["id"].as_str().expect("id");
        for places in [vec![], vec!["--from", "heihe", "--to", "sanya"]] {
            let mut args = vec!["plan", id];
            args.extend(places);
            out.push((args.join(" "), english_json(&args)));
        }
    }
    out
}

#[test]
fn the_whole_guide_reads_in_english_with_chinese_only_for_names() {
    let mut total = 0usize;
    let mut loose = 0usize;
    let mut problems = Vec::new();
    for (what, v) in answers() {
        assert_eq!(v["lang"], "en", "{what}");
        let mut t = Vec::new();
        texts(&v, &mut t);
        for s in t {
            if s.contains(CHINESE_ONLY.trim()) {
                problems.push(format!("{what}: no English at all: {s}"));
            }
            let n = loose_chinese(&s);
            total += s.chars().count();
            loose += n;
            if n > 6 {
                problems.push(format!("{what}: {n} Chinese characters outside names: {s}"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} texts:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let share = loose as f64 / total.max(1) as f64;
    assert!(
        share < 0.01,
        "{loose} of {total} characters are Chinese outside names ({:.2}%)",
        share * 100.0
    );
}

#[test]
fn the_measure_tells_names_from_chinese_prose() {
    assert_eq!(loose_chinese("Bring your household register (户口簿)."), 0);
    assert_eq!(loose_chinese("Open the 「龙江医保」 WeChat account."), 0);
    assert_eq!(
        loose_chinese("首页 (Home) → 医保钱包 (wallet) → 转账 (Transfer)"),
        0
    );
    assert_eq!(loose_chinese("带上身份证。"), 5);
    assert_eq!(loose_chinese("[中文] 到窗口办理"), 7);
}
