//! Property tests of the renderers over the built-in knowledge base: any
//! procedure, at any region, width and format, and wrapping of arbitrary
//! CJK/ASCII text. Widths are measured as the CLI tests measure them, by
//! unicode-width 0.2.

use proptest::prelude::*;
use yibao::kb::Kb;
use yibao::kb::builtin;
use yibao::kb::date::Date;
use yibao::kb::i18n::Lang;
use yibao::kb::{RegionInfo, Registry};
use yibao::render::text::wrap;
use yibao::render::{Block, Document, Format, Layout, View, render};
use yibao::views::{Checklist, ProcedurePage};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 28,
};

const FORMATS: [Format; 6] = [
    Format::Table,
    Format::Plain,
    Format::Json,
    Format::Yaml,
    Format::Markdown,
    Format::Html,
];

/// `--have` texts: names, ids, separators, nothing that matches.
const HAVES: [Option<&str>; 5] = [
    None,
    Some(""),
    Some("身份证,照片"),
    Some("id-card；photo、户口簿，不存在的东西"),
    Some("  ,,，、 "),
];

/// The fuzz targets' checks (`fuzz/src/lib.rs`), shared rather than copied.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod checks;

use checks::{box_runs as tables, display_width as width, display_width_cjk};

/// Lines the plain format prints for a document: one per item.
fn plain_lines(doc: &Document<'_>) -> usize {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Title { sub, .. } => 1 + usize::from(sub.is_some()),
            Block::Heading(_) => 2, // a blank line, then the heading
            Block::Paragraph(_) | Block::Note { .. } => 1,
            Block::Table(t) => t.rows.len(),
            Block::List(items) => items.len(),
            Block::Checklist(items) => items.len(),
            Block::Pairs(p) => p.len(),
            Block::Raw(lines) => lines.len(),
        })
        .sum()
}

fn procedure_ids() -> Vec<String> {
    builtin::procedures().map(|p| p.id.to_string()).collect()
}

fn regions() -> Vec<Option<RegionInfo>> {
    std::iter::once(None)
        .chain(Registry::Builtin.iter().map(Some))
        .collect()
}

/// Checks one rendering; `ticked` and `items` are the checklist's items
/// with `have` and in all (0 for a procedure page).
fn check_output<V: View>(
    view: &V,
    format: Format,
    w: usize,
    items: usize,
    ticked: usize,
) -> Result<(), TestCaseError> {
    let out = render(
        view,
        format,
        Layout {
            width: w,
            color: false,
        },
    );
    match format {
        Format::Table => {
            for t in tables(&out) {
                let w0 = width(t[0]);
                let c0 = display_width_cjk(t[0]);
                prop_assert!(
                    t[0].starts_with('+') && t[t.len() - 1].starts_with('+'),
                    "table not closed by rules:\n{}",
                    t.join("\n")
                );
                for l in &t {
                    prop_assert_eq!(width(l), w0, "misaligned table:\n{}", t.join("\n"));
                    prop_assert_eq!(
                        display_width_cjk(l),
                        c0,
                        "misaligned in a CJK terminal:\n{}",
                        t.join("\n")
                    );
                }
                prop_assert!(w0 <= w, "table of width {} at width {}", w0, w);
            }
            // At 10 columns and more every line fits (text is never wrapped
            // to fewer than two columns after its prefix; the widest prefix,
            // 注意：, takes six).
            for l in out.lines() {
                prop_assert!(width(l) <= w, "line wider than {}: {:?}", w, l);
            }
        }
        Format::Plain => {
            for l in out.lines() {
                prop_assert!(
                    !l.starts_with('+') && !l.starts_with('|'),
                    "box line in plain output: {:?}",
                    l
                );
            }
            let doc = view.document();
            prop_assert_eq!(
                out.lines().count(),
                plain_lines(&doc),
                "plain output is not one line per item:\n{}",
                out
            );
        }
        Format::Markdown => {
            let open = out.lines().filter(|l| l.starts_with("- [ ] ")).count();
            let done = out.lines().filter(|l| l.starts_with("- [x] ")).count();
            prop_assert_eq!(open + done, items, "checklist lines:\n{}", out);
            prop_assert_eq!(done, ticked, "ticked lines:\n{}", out);
            prop_assert!(!out.contains("\n[ ] ") && !out.starts_with("[ ] "));
        }
        Format::Html => {
            let boxes = out.matches("<input type=\"checkbox\"").count();
            let done = out.matches("<input type=\"checkbox\" checked>").count();
            prop_assert_eq!(boxes, items, "checkboxes:\n{}", out);
            prop_assert_eq!(done, ticked, "ticked boxes:\n{}", out);
            prop_assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        }
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(&out)
                .map_err(|e| TestCaseError::fail(format!("not JSON ({e}):\n{out}")))?;
            prop_assert_eq!(&v["schema_version"], 1);
        }
        Format::Yaml => {
            let v: serde_json::Value = yibao::kb::yaml::parse_value(&out)
                .map_err(|e| TestCaseError::fail(format!("not YAML ({}):\n{out}", e.message)))?;
            prop_assert_eq!(&v["schema_version"], 1);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn every_procedure_renders_within_width_in_every_format(
        p in 0usize..1000,
        r in 0usize..1000,
        w in 10usize..=200,
        f in 0usize..FORMATS.len(),
        checklist in any::<bool>(),
        h in 0usize..HAVES.len(),
    ) {
        let ids = procedure_ids();
        let regions = regions();
        let id = &ids[p % ids.len()];
        let region = regions[r % regions.len()];
        let kb = Kb::builtin();
        let res = kb.resolve(id, region).expect("built-in procedures resolve");
        if checklist {
            let c = Checklist::new(res, HAVES[h], TODAY, Lang::Zh, None);
            let items = c.items.len();
            let ticked = c.items.iter().filter(|i| i.have).count();
            check_output(&c, FORMATS[f], w, items, ticked)?;
        } else {
            check_output(&ProcedurePage::new(&kb, res, TODAY, Lang::Zh, None), FORMATS[f], w, 0, 0)?;
        }
    }
}

/// Pieces of text to wrap: CJK, ASCII words, spaces, both kinds of
/// punctuation, full-width forms, and wide characters the renderer measures
/// without its fast path. (Characters the renderer rewrites, such as “ or
/// …, are left out: the text must come back unchanged.)
const PIECES: &[&str] = &[
    "医", "保", "卡", "办", "理", "，", "。", "、", "；", "：", "？", "！", "（", "）", "「", "」",
    "《", "》", "a", "bc", "def", "card", "12393", " ", " ", "  ", ",", ".", ";", ":", "(", ")",
    "?", "!", "-", "/", "ａ", "Ａ", "０", "한", "あ", "😀",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wrapped_lines_fit_and_keep_every_character(s in text(), w in 2usize..60) {
        let lines = wrap(&s, w, "");
        for l in &lines {
            prop_assert!(width(l) <= w, "{:?} wider than {} in {:?}", l, w, lines);
        }
        prop_assert_eq!(lines.concat().replace(' ', ""), s.replace(' ', ""));
    }

    #[test]
    fn indented_lines_fit_and_keep_every_character(s in text(), w in 4usize..60) {
        let lines = wrap(&s, w, "  ");
        for (k, l) in lines.iter().enumerate() {
            prop_assert!(width(l) <= w, "{:?} wider than {} in {:?}", l, w, lines);
            if k > 0 {
                prop_assert!(l.starts_with("  "), "{:?} is not indented", l);
            }
        }
        let joined: String = lines.concat();
        prop_assert_eq!(joined.replace(' ', ""), s.replace(' ', ""));
    }

    #[test]
    fn lines_of_a_multi_line_text_fit(parts in proptest::collection::vec(text(), 1..4), w in 2usize..40) {
        let s = parts.join("\n");
        let lines = wrap(&s, w, "");
        for l in &lines {
            prop_assert!(width(l) <= w, "{:?} wider than {}", l, w);
        }
        prop_assert_eq!(lines.concat().replace(' ', ""), s.replace([' ', '\n'], ""));
    }
}

#[test]
fn every_procedure_and_region_fits_at_the_narrowest_widths() {
    // Below 10 columns the renderer keeps two columns for text after each
    // prefix (one CJK character), so a line may exceed the width by that
    // much: at most max(width, prefix + 2), where the widest prefix is
    // 注意：/提示： (6). Grid tables never exceed the width; when none fits
    // they become label：value lines.
    let kb = Kb::builtin();
    for id in procedure_ids() {
        for region in [None, Registry::Builtin.by_id("heihe")] {
            for w in 1..10 {
                let res = kb.resolve(&id, region).expect("resolves");
                let page = ProcedurePage::new(&kb, res, TODAY, Lang::Zh, None);
                let out = render(
                    &page,
                    Format::Table,
                    Layout {
                        width: w,
                        color: false,
                    },
                );
                for l in out.lines() {
                    assert!(width(l) <= w.max(8), "{id} at {w}: {l:?}");
                    if !(l.starts_with("注意：") || l.starts_with("提示：")) {
                        assert!(width(l) <= w.max(6), "{id} at {w}: {l:?}");
                    }
                }
                for t in tables(&out) {
                    assert!(t.iter().all(|l| width(l) <= w), "{id} at {w}");
                }
            }
        }
    }
}
