//! `--format html`: every answer is one valid, self-contained, escaped
//! HTML5 page that shows what the JSON holds, for the people who print it
//! or read it on a phone. (What Chromium makes of the pages: `browser.rs`.)

mod common;

use common::html::*;
use common::*;
use serde_json::Value;

/// A procedure page or checklist in HTML and in JSON.
fn both(args: &[&str]) -> (String, Value) {
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--format", "html"]);
    let page = ok(&a);
    let json = ok_json(args.iter().copied().chain(["--json"]));
    (page, json)
}

const REGIONS: [Option<&str>; 3] = [None, Some("heilongjiang"), Some("heihe")];

fn with_region<'a>(args: &[&'a str], region: Option<&'a str>) -> Vec<&'a str> {
    let mut a = args.to_vec();
    if let Some(r) = region {
        a.extend(["--region", r]);
    }
    a
}

#[test]
fn every_procedure_is_a_valid_page_with_numbered_steps_regions_and_dated_sources() {
    for id in procedure_ids() {
        let words = command_words(&id);
        for region in REGIONS {
            let args = with_region(&[words[0].as_str(), words[1].as_str()], region);
            let what = args.join(" ");
            let (page, json) = both(&args);
            let doc = assert_page(&page, "zh-CN", &what);
            let p = &json["procedure"];
            let title = p["title"].as_str().unwrap();
            assert_eq!(
                texts(&doc, "h1"),
                [title],
                "{what}: the title is the heading"
            );
            assert_eq!(
                texts(&doc, "head > title"),
                [format!("{title}｜yibao 医保办事指南")],
                "{what}"
            );
            // Real tables: column headings, each row headed by its first cell.
            let tables = count(&doc, "table");
            assert!(tables >= 1, "{what}: no table");
            assert_eq!(count(&doc, "table > thead"), tables, "{what}: thead");
            // Steps numbered 1…n, and the column that says where each came from.
            let steps = p["steps"].as_array().unwrap();
            if !steps.is_empty() {
                let step_rows = doc_rows_after(&doc, "办理流程");
                let numbers: Vec<String> = step_rows.iter().map(|r| r[0].clone()).collect();
                let want: Vec<String> = (1..=steps.len()).map(|i| i.to_string()).collect();
                assert_eq!(numbers, want, "{what}: steps numbered");
                for (row, step) in step_rows.iter().zip(steps) {
                    let from = step["from"].as_str().unwrap();
                    let label = match from {
                        "national" => "全国",
                        "heilongjiang" => "黑龙江",
                        "heihe" => "黑河",
                        other => panic!("{what}: step from {other}"),
                    };
                    assert_eq!(row.last().map(String::as_str), Some(label), "{what}");
                }
            }
            // Sources with their dates, and the checked date, in the footer.
            let footer = texts(&doc, "main > footer").concat();
            assert!(footer.contains("资料来源"), "{what}: sources in the footer");
            for s in json["sources"].as_array().unwrap() {
                for key in ["title", "date"] {
                    if let Some(v) = s[key].as_str() {
                        assert!(footer.contains(v), "{what}: source {key} {v} in the footer");
                    }
                }
            }
            let checked = json["freshness"]["checked"].as_str().unwrap();
            assert!(
                footer.contains(&format!("资料核实于 {checked}")),
                "{what}: the freshness line"
            );
        }
    }
}

/// The rows (cell texts) of the first table after the heading `h2`.
fn doc_rows_after(doc: &scraper::Html, h2: &str) -> Vec<Vec<String>> {
    let section = scraper::Selector::parse("section").unwrap();
    let heading = scraper::Selector::parse("h2").unwrap();
    let row = scraper::Selector::parse("tbody > tr").unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    let s = doc
        .select(&section)
        .find(|s| {
            s.select(&heading)
                .any(|h| h.text().collect::<String>() == h2)
        })
        .unwrap_or_else(|| panic!("no section {h2}"));
    s.select(&row)
        .map(|r| r.select(&cell).map(|c| c.text().collect()).collect())
        .collect()
}

#[test]
fn every_checklist_is_a_page_of_boxes_to_tick() {
    for id in procedure_ids() {
        let words = command_words(&id);
        for region in REGIONS {
            let args = with_region(&[words[0].as_str(), "checklist", words[1].as_str()], region);
            let what = args.join(" ");
            let (page, json) = both(&args);
            let doc = assert_page(&page, "zh-CN", &what);
            let items = json["items"].as_array().unwrap();
            assert_eq!(
                count(&doc, "ul.checklist > li > label > input[type=checkbox]"),
                items.len(),
                "{what}: one box per item"
            );
            assert_eq!(count(&doc, "input[checked]"), 0, "{what}: nothing ticked");
            let labels = texts(&doc, "ul.checklist > li");
            for (item, label) in items.iter().zip(&labels) {
                let text = item["text"].as_str().unwrap();
                assert!(label.contains(text), "{what}: {label:?} shows {text:?}");
            }
        }
    }
    // --have ticks the boxes it names.
    let page = ok([
        "filing",
        "checklist",
        "--have",
        "身份证",
        "--format",
        "html",
    ]);
    let doc = assert_page(&page, "zh-CN", "--have");
    assert_eq!(count(&doc, "input[type=checkbox][checked]"), 1, "{page}");
}

#[test]
fn overlay_markup_and_escapes_come_out_as_text() {
    let dir = fixture("overlay-html-injection");
    let data = dir.to_str().unwrap();
    for args in [
        &["card", "check"][..],
        &["card", "checklist", "check"],
        &["show", "card.check", "--region", "heihe"],
        &["list"],
        &["search", "查进度"],
        &["faq", "card"],
    ] {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--data", data, "--format", "html"]);
        let what = a.join(" ");
        let page = ok(&a);
        assert!(
            !page.contains('\x1b') && !page.contains('\x07'),
            "{what}: ESC"
        );
        for raw in [
            "<script",
            "<img",
            "<svg",
            "<style>body",
            "<!--",
            "<p onclick",
        ] {
            assert!(!page.contains(raw), "{what}: {raw} came out as markup");
        }
        let doc = assert_page(&page, "zh-CN", &what);
        let text = body_text(&doc);
        if args[0] != "faq" {
            assert!(
                text.contains(
                    "<script>alert(1)</script>查进度[31m红字[0m<img src=x onerror=alert(2)>"
                ),
                "{what}: the title shows as typed, less its control characters:\n{text}"
            );
        }
        if args.len() == 2 && args[1] == "check" {
            for shown in [
                "A&amp;B 'single' \"double\" </p><p onclick=alert(3)>",
                "已经提交了申领<!-- comment --><style>body{display:none}</style>",
                "身份证\"><svg onload=alert(4)>",
                "12333 热线</td></tr></table><script>alert(5)</script>",
                "拨打 12333]0;title查询反向",
            ] {
                assert!(text.contains(shown), "{what}: {shown:?} in\n{text}");
            }
            assert_eq!(count(&doc, "tbody > tr"), 3, "{what}: one row per part");
        }
    }
    // The page's <title> is escaped too.
    let page = ok(["card", "check", "--data", data, "--format", "html"]);
    assert!(page.contains(
        "<title>&lt;script&gt;alert(1)&lt;/script&gt;查进度[31m红字[0m&lt;img src=x onerror=alert(2)&gt;｜yibao 医保办事指南</title>"
    ));
}

#[test]
fn every_other_answer_is_a_valid_page_too() {
    for args in [
        &[][..],
        &["card"],
        &["list"],
        &["regions"],
        &["search", "补办"],
        &["search", "没有这个词"],
        &["faq"],
        &["faq", "family", "--region", "heihe"],
    ] {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--format", "html"]);
        let what = a.join(" ");
        let page = ok(&a);
        let doc = assert_page(&page, "zh-CN", &what);
        assert_eq!(count(&doc, "h1"), 1, "{what}: one title");
    }
    // The linter's findings are lines as they are, in a page of their own.
    let lint = fixture("lint").join("E002");
    let r = run([
        "data",
        "validate",
        lint.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(r.code, Some(4), "{}", r.stderr);
    let doc = assert_page(&r.stdout, "zh-CN", "data validate");
    assert!(texts(&doc, "pre").concat().contains("E002"), "{}", r.stdout);
    // A failed lookup is an error on stderr, never half a page.
    let r = run(["card", "nosuch", "--format", "html"]);
    assert_one_line_error(&r, 3, &["nosuch"], "unknown action in html");
}

#[test]
fn stale_data_is_said_on_the_page_itself() {
    let r = run_on(STALE_DAY, ["filing", "checklist", "--format", "html"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc = assert_page(&r.stdout, "zh-CN", "stale");
    // The one freshness line of the answer is the reminder, in the footer.
    let footer = texts(&doc, "footer p").concat();
    assert!(footer.contains("提醒：这些资料核实于"), "{footer}");
    let fresh = ok(["filing", "checklist", "--format", "html"]);
    assert!(!fresh.contains("提醒：这些资料核实于"));
}

#[test]
fn html_is_a_format_the_command_line_offers() {
    let help = ok(["--help"]);
    assert!(help.contains("html"), "{help}");
    // The default is unchanged.
    assert!(ok(["card", "apply"]).starts_with("医保卡"));
    // The page declares the language of the run.
    let page = ok(["card", "apply", "--lang", "en", "--format", "html"]);
    assert_page(&page, "en", "--lang en");
}
