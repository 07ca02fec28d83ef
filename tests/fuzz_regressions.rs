//! Inputs kept from fuzzing (`fuzz/`), run through the fuzz targets' own
//! checks: every file under `tests/fixtures/fuzz/<target>/` for the targets
//! `overlay`, `render` and `text`. The checks are the fuzz crate's
//! `fuzz/src/lib.rs`, included here as a module, so an input is judged in
//! `cargo test` exactly as the fuzzer judged it.
//!
//! Files named `bug-*` reproduce a bug found by fuzzing and not fixed yet
//! (there are none now); each gets a test of its own (`bug_…`, calling
//! `kept`), which fails until the bug is fixed. All other files must pass;
//! those of fixed bugs also have a test of their own (`fixed_…`) saying what
//! the bug was.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("fuzz")
        .join(target)
}

/// Runs one input through a target's checks; a panic counts as a failure.
fn run(target: &str, data: &[u8]) -> Result<(), String> {
    let result = std::panic::catch_unwind(|| match target {
        "overlay" => checks::check_overlay(data),
        "render" => checks::check_render(data),
        "text" => checks::check_text(data),
        _ => Err(format!("unknown target {target}")),
    });
    match result {
        Ok(r) => r,
        Err(p) => Err(format!(
            "panicked: {}",
            p.downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| p.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

/// The files of a target's directory, in name order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir(target))
        .unwrap_or_else(|e| panic!("{}: {e}", dir(target).display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn is_open_bug(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("bug-"))
}

/// Every kept input of `target` but the open bugs passes its checks.
fn all_pass(target: &str) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs for {target}");
    let mut failures = Vec::new();
    let mut ran = 0;
    for f in files.iter().filter(|f| !is_open_bug(f)) {
        let data = std::fs::read(f).expect("read input");
        ran += 1;
        if let Err(e) = run(target, &data) {
            failures.push(format!("{}:\n{e}", f.display()));
        }
    }
    assert!(ran > 0, "only open bugs for {target}");
    assert!(
        failures.is_empty(),
        "{} of {ran} kept {target} inputs fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A kept input, which must exist and pass.
fn kept(target: &str, name: &str) {
    let path = dir(target).join(name);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Err(e) = run(target, &data) {
        panic!(
            "{}",
            checks::describe(target, &data, &format!("{}:\n{e}", path.display()))
        );
    }
}

#[test]
fn kept_overlay_inputs_pass() {
    all_pass("overlay");
}

#[test]
fn kept_render_inputs_pass() {
    all_pass("render");
}

#[test]
fn kept_text_inputs_pass() {
    all_pass("text");
}

/// Every `bug-*` file has a test of its own here.
#[test]
fn every_open_bug_has_a_named_test() {
    let src = include_str!("fuzz_regressions.rs");
    for target in ["overlay", "render", "text"] {
        for f in inputs(target).iter().filter(|f| is_open_bug(f)) {
            let name = f.file_name().and_then(|n| n.to_str()).expect("name");
            assert!(
                src.contains(&format!("\"{name}\"")),
                "{target}/{name} has no test"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Bugs found by fuzzing and fixed since: their inputs are kept under plain
// names (so `kept_*_inputs_pass` runs them too); each has a test here that
// says what it was.

/// `char_width`'s fast path answered U+3001..=U+303E with 2, but
/// U+302A..U+302F are combining tone marks of zero columns:
/// `break_line("医\u{302e}保", 10)` reported 6 columns for 4.
#[test]
fn fixed_tone_mark_measured_two_columns_wide() {
    kept("text", "tone-mark");
}

/// The same through an accepted overlay: a channel named `大厅\u{302e}`
/// made the `办理流程` table rows holding it two columns short.
#[test]
fn fixed_tone_mark_in_overlay_misaligned_table() {
    kept("overlay", "tone-mark-in-channel.yaml");
}

/// `❤` + U+FE0F (emoji presentation) is 2 columns by unicode-width 0.2;
/// yibao measured 1. Now U+FE0E, U+FE0F and U+200D are dropped by `clean`.
#[test]
fn fixed_emoji_vs16_measured_per_character() {
    kept("text", "emoji-vs16");
}

/// The same through an accepted overlay: a channel named `大厅❤️` made the
/// rows holding it one column too wide.
#[test]
fn fixed_emoji_vs16_in_overlay_misaligned_table() {
    kept("overlay", "emoji-vs16-in-channel.yaml");
}

/// An overlay layer set a comparison's `columns` to one column over the
/// national table's two-cell rows and the linter accepted it: the Markdown
/// table had rows of three cells under two headings (the third dropped by
/// any Markdown renderer). Now an E004 finding rejects it.
#[test]
fn fixed_comparison_columns_not_checked_across_layers() {
    kept("overlay", "comparison-columns-across-layers.yaml");
}

/// `render::table::share` sorted columns by `natural[j] - min[j]` with
/// `min = natural.clamp(1, 6)`: a column whose heading and cells are all
/// empty (a comparison with `columns: ["", 说明]`) underflowed — "attempt to
/// subtract with overflow" in debug and fuzzing builds — whenever the table
/// did not fit at its natural width (here 31).
#[test]
fn fixed_empty_table_column_underflowed_in_share() {
    kept("overlay", "empty-comparison-column.yaml");
}

/// `kb::yaml::too_deep` refuses flow nesting deeper than 64 levels before
/// the parser sees it (the parser's time grows with the square of the
/// depth). It used to skip quoted strings, taking a quote right after `:`
/// (or after a space inside a plain scalar) for the start of one, where
/// YAML reads a plain scalar: after `[a:', ` it counted no bracket. 3000
/// levels loaded; 100 000 levels (400 KB) took 20 s in a release build.
#[test]
fn fixed_depth_guard_bypassed_by_quote_after_colon() {
    let name = "depth-guard-quote-after-colon.yaml";
    kept("overlay", name);
    let data = std::fs::read(dir("overlay").join(name)).expect("read input");
    let err = yibao::kb::load::load_bytes("fuzz.yaml", &data)
        .expect_err("3000 levels of flow nesting are refused");
    assert!(
        err.message.en.contains("nesting deeper than 64"),
        "3000 levels of flow nesting are not refused as too deep: {err}"
    );
}

/// Some sequences are narrower than their characters: an emoji with a
/// skin-tone modifier (`👍🏻`, U+1F44D U+1F3FB) is 2 columns, not 4; yibao
/// added widths one character at a time.
#[test]
fn fixed_emoji_skin_tone_measured_per_character() {
    kept("text", "emoji-skin-tone");
}

/// The same through an accepted overlay: a channel named `大厅👍🏻` made the
/// table rows holding it two columns short.
#[test]
fn fixed_emoji_skin_tone_in_overlay_misaligned_table() {
    kept("overlay", "emoji-skin-tone.yaml");
}

/// Lam followed by alef (`لا`, U+0644 U+0627; also variants such as U+06B5
/// U+0875) is one column by unicode-width 0.2, not 2.
#[test]
fn fixed_lam_alef_measured_per_character() {
    kept("text", "lam-alef");
}

/// The same through an accepted overlay: a channel named `大厅لا` made the
/// table rows holding it one column too wide.
#[test]
fn fixed_lam_alef_in_overlay_misaligned_table() {
    kept("overlay", "lam-alef.yaml");
}
