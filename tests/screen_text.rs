//! What the JSON of an answer carries, the screen shows: every human text in
//! the JSON of every procedure page and every checklist — national, 黑龙江,
//! 黑河, and 黑河 with a user's overlay — appears in the table, plain,
//! markdown and HTML formats.
//!
//! The check undoes only what the layout does: line breaks, indentation and
//! padding (all whitespace is removed on both sides), the grid of a table
//! (each cell is put back together from its wrapped lines), Markdown's
//! escapes, HTML's tags and character references, the terminal-safe character rewrites every format shares, and
//! the closing 「。」 a remark loses when it is set in brackets or joined
//! with 「；」.

mod common;

use common::html;
use common::*;
use serde_json::Value;
use std::path::Path;
use yibao::render::text::clean;

/// Keys whose string values are not prose for people, and why each is
/// skipped. Objects and arrays under these keys are skipped whole.
const SKIPPED: &[(&str, &str)] = &[
    ("id", "identifiers; pages name things by their titles"),
    ("topic", "identifier; the command shown holds it"),
    ("action", "identifier; the command shown holds it"),
    (
        "src",
        "source ids; each cited source is listed with its title",
    ),
    (
        "from",
        "layer keys; shown as region labels such as 全国 or 黑龙江",
    ),
    (
        "kind",
        "enum values (answer, channel and source kinds); channel kinds are shown as Chinese labels",
    ),
    ("confidence", "enum; `check` is shown as 以当地规定为准"),
    ("level", "enum: national, province, city"),
    ("origin", "enum: builtin or overlay"),
    (
        "section",
        "checklist enum; shown as the checklist's headings",
    ),
    ("who", "enums; shown as Chinese labels (仅职工 …)"),
    ("applies_to", "enums; shown as Chinese labels"),
    (
        "checked",
        "dates; the footer names the one date the answer rests on",
    ),
    ("code", "GB/T 2260 region codes"),
    (
        "short",
        "a region's short name; shown only as the label of its own parts",
    ),
    ("parent", "a region id"),
    (
        "region",
        "a layer's region id (the answer's `region` object is walked: its name is checked)",
    ),
    (
        "file",
        "file names: a seed's file and an overlay's path are for maintainers",
    ),
    (
        "channels",
        "channel ids a step uses; the step names those channels",
    ),
    (
        "related",
        "procedure ids; related procedures are listed by title and command",
    ),
    (
        "missing",
        "item ids; the checklist lists missing items by name",
    ),
    (
        "field_from",
        "provenance of single values: field names and layer keys",
    ),
    (
        "lang",
        "the language code; the whole page is in that language",
    ),
    ("as", "enum; shown as the note 按「职工」列出"),
    (
        "not_for_you",
        "item ids; those items are left out of the page on purpose",
    ),
    (
        "en",
        "a region's English name; English answers show it, Chinese ones the Chinese name",
    ),
    (
        "layers",
        "the layers applied: the coverage line names the regional ones and each part is marked with its own",
    ),
];

fn skipped(key: &str) -> bool {
    SKIPPED.iter().any(|(k, _)| *k == key)
}

/// Every human text of a JSON answer, with the path it was found at.
fn texts(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push((path.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                texts(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                if !skipped(k) {
                    texts(x, &format!("{path}.{k}"), out);
                }
            }
        }
        _ => {}
    }
}

/// The same character rewrites the terminal formats apply, then no
/// whitespace at all.
fn squash(s: &str) -> String {
    clean(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A JSON text as it must appear on screen: squashed, without the closing
/// 「。」 (".") a remark drops inside brackets or when joined with 「；」.
fn needle(s: &str) -> String {
    squash(s).trim_end_matches(['。', '.']).to_string()
}

/// Where to look for texts in one format's output: the running text, and
/// for the table format each grid cell rebuilt from its wrapped lines.
fn haystacks(format: &str, out: &str) -> Vec<String> {
    match format {
        "table" => {
            let mut found = Vec::new();
            let mut prose = String::new();
            let mut cells: Vec<String> = Vec::new();
            for line in out.lines() {
                if line.starts_with('+') {
                    found.append(&mut cells);
                } else if let Some(row) = line.strip_prefix('|') {
                    let parts: Vec<&str> =
                        row.trim_end().trim_end_matches('|').split('|').collect();
                    if cells.len() < parts.len() {
                        cells.resize(parts.len(), String::new());
                    }
                    for (cell, part) in cells.iter_mut().zip(parts) {
                        cell.push_str(part);
                    }
                } else {
                    prose.push_str(line);
                }
            }
            found.append(&mut cells);
            found.push(prose);
            found.into_iter().map(|s| squash(&s)).collect()
        }
        "markdown" => {
            let mut plain = String::with_capacity(out.len());
            let mut chars = out.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => plain.extend(chars.next()),
                    c => plain.push(c),
                }
            }
            vec![squash(&plain.replace("<br>", ""))]
        }
        "html" => {
            let doc = scraper::Html::parse_document(out);
            vec![squash(&html::body_text(&doc))]
        }
        _ => vec![squash(out)],
    }
}

/// Runs one answer as JSON and in the three terminal formats; returns the
/// texts of the JSON that a format does not show.
/// The answer without what `--as` leaves out of the human formats on
/// purpose (the JSON keeps it, marked): checklist items with `for_you:
/// false`, and a page's materials and steps listed in `not_for_you`.
fn for_the_reader(mut v: Value) -> Value {
    if let Some(items) = v.get_mut("items").and_then(Value::as_array_mut) {
        items.retain(|i| i["for_you"] != false);
    }
    let hidden: Vec<Value> = v["not_for_you"].as_array().cloned().unwrap_or_default();
    for list in ["materials", "steps"] {
        if let Some(items) = v["procedure"].get_mut(list).and_then(Value::as_array_mut) {
            items.retain(|i| !hidden.contains(&i["id"]));
        }
    }
    v
}

fn missing_texts(args: &[String], today: &str) -> Vec<String> {
    let mut json_args = args.to_vec();
    json_args.push("--json".into());
    let json = run_on(today, &json_args);
    assert_eq!(json.code, Some(0), "{args:?}: {}", json.stderr);
    let mut all = Vec::new();
    texts(&for_the_reader(json.json()), "", &mut all);
    assert!(all.len() > 5, "{args:?}: too few texts: {all:?}");
    let mut missing = Vec::new();
    for format in ["table", "plain", "markdown", "html"] {
        let mut a = args.to_vec();
        a.extend([
            "--format".into(),
            format.into(),
            "--width".into(),
            "400".into(),
        ]);
        let r = run_on(today, &a);
        assert_eq!(r.code, Some(0), "{a:?}: {}", r.stderr);
        // Everything, the stale reminder included, is in the answer.
        let hay = haystacks(format, &r.stdout);
        for (path, text) in &all {
            let n = needle(text);
            if !hay.iter().any(|h| h.contains(&n)) {
                missing.push(format!(
                    "{} --format {format}: {path} = {text:?}",
                    args.join(" ")
                ));
            }
        }
    }
    missing
}

/// A user's overlay over 黑河 that sets a remark on every kind of part, and
/// the two single values a layer may bring (the way without a phone, and
/// acting for someone), so the overlay's text is checked too.
fn write_overlay(dir: &Path) {
    std::fs::write(
        dir.join("heihe-office.yaml"),
        "region: heihe
procedures:
  - id: filing.apply
    checked: 2026-11-01
    offline:
      text: 黑河的老人可以请社区网格员帮着打备案电话。
      note: 示例：本地补充的说明。
      src: [seed-001]
    tips:
      - id: local-window-hours
        text: 本地窗口周六上午也能办备案。
        note: 节假日除外。
        src: [seed-001]
    steps:
      - id: check-result
        text: 在办理的渠道里确认备案成功，窗口办的当场拿回执。
        note: 回执要留好。
        src: [seed-001]
  - id: card.replace
    checked: 2026-11-01
    proxy:
      text: 黑河本地窗口代办补卡，带双方身份证即可。
      src: [mohrss-sscard]
    prepare:
      - id: local-photo
        text: 带一张一寸照片备用。
        note: 窗口也能现场拍。
        src: [seed-000]
",
    )
    .unwrap();
}

/// (what is asked, the extra arguments)
fn regions(overlay: &Path) -> Vec<(String, Vec<String>)> {
    vec![
        ("national".into(), vec![]),
        (
            "heilongjiang".into(),
            vec!["--region".into(), "heilongjiang".into()],
        ),
        ("heihe".into(), vec!["--region".into(), "heihe".into()]),
        (
            "heihe in English".into(),
            vec![
                "--region".into(),
                "heihe".into(),
                "--lang".into(),
                "en".into(),
            ],
        ),
        (
            "national, in English, for a retiree".into(),
            vec![
                "--lang".into(),
                "en".into(),
                "--as".into(),
                "retiree".into(),
            ],
        ),
        (
            "heihe + overlay".into(),
            vec![
                "--region".into(),
                "heihe".into(),
                "--data".into(),
                overlay.display().to_string(),
            ],
        ),
    ]
}

#[test]
fn every_text_of_every_procedure_page_reaches_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write_overlay(dir.path());
    let mut missing = Vec::new();
    for id in procedure_ids() {
        for (_, extra) in regions(dir.path()) {
            let mut args = command_words(&id);
            args.extend(extra);
            missing.extend(missing_texts(&args, TODAY));
        }
    }
    // Stale data: the reminder is part of the answer too.
    missing.extend(missing_texts(&["card".into(), "apply".into()], STALE_DAY));
    assert!(missing.is_empty(), "not shown:\n{}", missing.join("\n"));
}

#[test]
fn every_text_of_every_checklist_reaches_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write_overlay(dir.path());
    let mut missing = Vec::new();
    for id in procedure_ids() {
        let words = command_words(&id);
        for (_, extra) in regions(dir.path()) {
            let mut args = vec![words[0].clone(), "checklist".into(), words[1].clone()];
            args.extend(extra);
            missing.extend(missing_texts(&args, TODAY));
        }
    }
    // `--have` adds the words that matched nothing to the answer.
    missing.extend(missing_texts(
        &[
            "filing".into(),
            "checklist".into(),
            "--have".into(),
            "身份证,火星卡".into(),
        ],
        TODAY,
    ));
    assert!(missing.is_empty(), "not shown:\n{}", missing.join("\n"));
}

#[test]
fn the_check_itself_finds_a_text_the_screen_drops() {
    // A text only in the JSON must be reported: the haystacks are not so
    // loose that anything passes.
    let out = "标题\n+----+\n| 甲乙 |\n| 丙丁 |\n+----+\n";
    let hay = haystacks("table", out);
    assert!(hay.iter().any(|h| h.contains(&needle("甲乙丙丁。"))));
    assert!(!hay.iter().any(|h| h.contains(&needle("戊己"))));
    // Cells of different columns are not run together.
    let two = "+---+---+\n| 甲 | 乙 |\n| 丙 | 丁 |\n+---+---+\n";
    let hay = haystacks("table", two);
    assert!(hay.iter().any(|h| h == "甲丙"));
    assert!(!hay.iter().any(|h| h.contains("甲乙")));
    assert_eq!(haystacks("markdown", "a\\_b <br> c"), ["a_bc"]);
    assert_eq!(
        haystacks("html", "<p>a&amp;<b>b</b></p><td>c&lt;</td>"),
        ["a&bc<"]
    );
}
