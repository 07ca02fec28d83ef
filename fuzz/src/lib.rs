//! The checks behind yibao's fuzz targets, shared with the main crate's
//! `tests/fuzz_regressions.rs` (which includes this file with `#[path]`), so
//! an input kept under `tests/fixtures/fuzz/<target>/` is checked in
//! `cargo test` exactly as the fuzzer checked it.
//!
//! Each `check_*` function takes the raw fuzz input and returns `Err` with a
//! description when a property fails; a panic inside yibao propagates. The
//! fuzz targets turn an `Err` into a panic (a crash for libFuzzer).
//!
//! Only `yibao`, `serde_json` and `unicode-width` are used: the main crate
//! has all of them as dependencies (YAML output is read back through
//! `yibao::kb::yaml`, the crate's one YAML module).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use unicode_width::UnicodeWidthStr;
use yibao::kb::builtin;
use yibao::kb::date::Date;
use yibao::kb::finding::{Finding, has_errors};
use yibao::kb::i18n::{Lang, Msg};
use yibao::kb::{Kb, Resolution};
use yibao::kb::{RegionInfo, Registry};
use yibao::render::text::{break_line, clean, wrap};
use yibao::render::{Block, Document, Format, Layout, View, render};
use yibao::views::{Checklist, ProcedurePage};

/// The date the checks pretend it is (the same as the CLI tests').
pub const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

/// Every output format, in the order inputs select them.
pub const FORMATS: [Format; 6] = [
    Format::Table,
    Format::Plain,
    Format::Json,
    Format::Yaml,
    Format::Markdown,
    Format::Html,
];

/// What a check found wrong.
pub type Outcome = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            return Err(format!($($arg)+));
        }
    };
}

// ---------------------------------------------------------------------------
// Display width as a terminal (and the tests) measure it

/// Columns a line takes, by unicode-width 0.2 (the measure the CLI tests use).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Columns a line takes in a CJK terminal (ambiguous characters count two).
pub fn display_width_cjk(s: &str) -> usize {
    UnicodeWidthStr::width_cjk(s)
}

/// Whether printing the character raw could drive the terminal (what
/// yibao's sanitiser removes): controls other than newline, DEL, and the
/// bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    yibao::kb::text::is_unsafe(c)
}

/// `s` without the ANSI SGR sequences (`ESC [ … m`) colour output adds.
pub fn strip_sgr(s: &str) -> Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let sgr = after.strip_prefix('[').and_then(|a| {
            let end = a.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            a[end..].starts_with('m').then_some(end)
        });
        match sgr {
            Some(end) => rest = &after[1 + end + 1..],
            None => {
                // A lone ESC: keep it, so the control-character check sees it.
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Known bugs whose symptoms the checks let pass, named in the environment
/// variable `YIBAO_FUZZ_KNOWN` (comma-separated), so that a long fuzzing
/// run is not stopped again and again by a bug already reported:
/// - `sequence`: yibao measures text one character at a time, while
///   unicode-width 0.2 (and terminals) measure some sequences as a whole:
///   an emoji with a skin-tone modifier (`👍🏻`), lam-alef (`لا`) …
///
/// Only fuzzing builds (`--cfg fuzzing`, which cargo-fuzz passes) read it:
/// the regression tests in `cargo test` and the triage example are strict.
#[allow(unexpected_cfgs)]
pub fn known_bugs() -> &'static [String] {
    if !cfg!(fuzzing) {
        return &[];
    }
    static KNOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        std::env::var("YIBAO_FUZZ_KNOWN")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
}

/// Which known bug explains why yibao's width of `s` is not unicode-width's,
/// if one does.
pub fn width_gap_cause(s: &str) -> Option<&'static str> {
    use unicode_width::UnicodeWidthChar;
    let per_char: usize = s
        .chars()
        .map(|c| {
            if is_unsafe(c) || c == '\n' {
                0
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum();
    (per_char == yibao::render::text::width(s) && per_char != display_width(s))
        .then_some("sequence")
}

/// Whether a width difference in `s` is a known bug the run was told to let pass.
fn excused(s: &str) -> bool {
    width_gap_cause(s).is_some_and(|c| known_bugs().iter().any(|k| k == c))
}

fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ---------------------------------------------------------------------------
// Target `text`: break_line and wrap on arbitrary text

/// A `text` input: byte 0 is the width, byte 1 picks the indent of `wrap`,
/// the rest is the text (lossily decoded as UTF-8).
pub struct TextCase {
    pub width: usize,
    pub indent: &'static str,
    pub text: String,
}

impl TextCase {
    pub fn decode(data: &[u8]) -> TextCase {
        let width = usize::from(data.first().copied().unwrap_or(0));
        let indent =
            ["", " ", "  ", "    ", "提示："][usize::from(data.get(1).copied().unwrap_or(0)) % 5];
        let text = String::from_utf8_lossy(data.get(2..).unwrap_or_default()).into_owned();
        TextCase {
            width,
            indent,
            text,
        }
    }
}

/// `break_line` on every line of the raw text and on its cleaned one-line
/// form, and `wrap` on the raw text:
/// - pieces are in order, within the text, and cover it (spaces aside);
/// - each piece's reported width is the piece's width by unicode-width 0.2
///   (for cleaned text, which is all the renderer ever breaks; raw control
///   characters count 0 in yibao and 1 in unicode-width's string width, so
///   for raw text the reference is yibao's own `width`);
/// - no piece is wider than the limit unless it is one character;
/// - `wrap` keeps every character of the cleaned text and no line is wider
///   than max(width, indent + 2).
pub fn check_text(data: &[u8]) -> Outcome {
    let case = TextCase::decode(data);
    for line in case.text.split('\n') {
        check_pieces(line, case.width, false)?;
    }
    let one_line = clean(&case.text).replace('\n', " ");
    check_pieces(&one_line, case.width, true)?;
    check_wrap(&case.text, case.width, case.indent)
}

/// The properties of `break_line(s, width)`; `exact` compares reported
/// widths with unicode-width 0.2, otherwise with yibao's own `width`.
pub fn check_pieces(s: &str, width: usize, exact: bool) -> Outcome {
    let mut pieces = Vec::new();
    break_line(s, width, &mut pieces);
    let limit = width.max(1);
    let mut last_end = 0;
    let mut joined = String::new();
    for (r, w) in &pieces {
        ensure!(
            r.start >= last_end && r.start <= r.end && r.end <= s.len(),
            "break_line({s:?}, {width}): piece {r:?} out of order or outside the text (previous end {last_end})"
        );
        ensure!(
            s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
            "break_line({s:?}, {width}): piece {r:?} splits a character"
        );
        last_end = r.end;
        let piece = &s[r.clone()];
        let expected = if exact {
            display_width(piece)
        } else {
            yibao::render::text::width(piece)
        };
        ensure!(
            *w == expected || exact && excused(piece),
            "break_line({s:?}, {width}): piece {piece:?} reported {w} columns, but it takes {expected}{}",
            if exact { " (unicode-width 0.2)" } else { "" }
        );
        ensure!(
            *w <= limit || piece.chars().count() == 1,
            "break_line({s:?}, {width}): piece {piece:?} of width {w} is wider than {limit} and not one character"
        );
        joined.push_str(piece);
    }
    ensure!(
        joined.replace(' ', "") == s.replace(' ', ""),
        "break_line({s:?}, {width}): pieces {:?} do not cover the text",
        pieces
            .iter()
            .map(|(r, _)| &s[r.clone()])
            .collect::<Vec<_>>()
    );
    Ok(())
}

/// The properties of `wrap(s, width, indent)`.
pub fn check_wrap(s: &str, width: usize, indent: &str) -> Outcome {
    let lines = wrap(s, width, indent);
    let iw = display_width(indent);
    for (k, l) in lines.iter().enumerate() {
        let lw = display_width(l);
        let max = if k == 0 {
            width.max(2)
        } else {
            width.max(iw + 2)
        };
        ensure!(
            lw <= max || excused(l),
            "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} has width {lw} > {max}"
        );
        ensure!(
            !l.chars().any(|c| is_unsafe(c) || c == '\n'),
            "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} holds a control character"
        );
    }
    let mut joined = String::new();
    for (k, l) in lines.iter().enumerate() {
        let body = if k == 0 {
            Some(l.as_str())
        } else {
            l.strip_prefix(indent)
        };
        let Some(body) = body else {
            return Err(format!(
                "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} does not start with the indent"
            ));
        };
        joined.push_str(body);
    }
    let got = no_ws(&joined);
    let want = no_ws(&clean(s));
    ensure!(
        got == want,
        "wrap({s:?}, {width}, {indent:?}) lost or added text: {lines:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Rendering a view and checking the output

/// Which answer to build from a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Page,
    Checklist,
}

/// How strictly rendered output is judged.
#[derive(Debug, Clone, Copy)]
pub struct Strict {
    /// The text is the built-in base's (not an overlay's): no line of the
    /// text itself starts with `+` or `|`, and no ambiguous-width character
    /// is left for CJK terminals.
    pub builtin: bool,
}

/// What the checks need to know about a document: counted from the
/// `Document` the view describes itself as.
struct DocFacts {
    /// Lines the plain format prints.
    plain_lines: usize,
    /// Checklist items, and how many are ticked.
    check_items: usize,
    checked: usize,
    /// Texts the table format wraps (each must survive whole).
    wrapped: Vec<String>,
}

fn doc_facts(doc: &Document<'_>) -> DocFacts {
    let mut f = DocFacts {
        plain_lines: 0,
        check_items: 0,
        checked: 0,
        wrapped: Vec::new(),
    };
    for b in &doc.blocks {
        match b {
            Block::Title { text, sub } => {
                f.plain_lines += 1 + usize::from(sub.is_some());
                f.wrapped.push(text.to_string());
                f.wrapped.extend(sub.iter().map(|s| s.to_string()));
            }
            Block::Heading(h) => {
                f.plain_lines += 2;
                f.wrapped.push(h.to_string());
            }
            Block::Paragraph(p) => {
                f.plain_lines += 1;
                f.wrapped.push(p.to_string());
            }
            Block::Note { text, .. } => {
                f.plain_lines += 1;
                f.wrapped.push(text.to_string());
            }
            Block::Table(t) => f.plain_lines += t.rows.len(),
            Block::List(items) => {
                f.plain_lines += items.len();
                f.wrapped.extend(items.iter().map(|s| s.to_string()));
            }
            Block::Checklist(items) => {
                f.plain_lines += items.len();
                f.check_items += items.len();
                f.checked += items.iter().filter(|i| i.checked).count();
                f.wrapped.extend(items.iter().map(|i| i.text.to_string()));
            }
            Block::Pairs(p) => {
                f.plain_lines += p.len();
                f.wrapped.extend(p.iter().map(|(_, v)| v.to_string()));
            }
            Block::Raw(lines) => f.plain_lines += lines.len(),
        }
    }
    f
}

/// The widest a non-table line of the table format may be at width `w`.
/// Text is wrapped to `w` columns minus its prefix, but never to fewer than
/// two (one CJK character), so at very small widths a line is its prefix
/// plus two columns: `注意：`/`提示：` (6), `[ ] `/`[x] ` and their 4-space
/// indent, `- ` and the 2-space indents, or nothing. At `w` ≥ 8 every
/// line fits in `w`.
pub fn line_limit(line: &str, w: usize) -> usize {
    let prefix = if line.starts_with("注意：") || line.starts_with("提示：") {
        6
    } else if line.starts_with("[ ] ") || line.starts_with("[x] ") || line.starts_with("    ") {
        4
    } else if line.starts_with("- ") || line.starts_with("  ") {
        2
    } else {
        0
    };
    w.max(1).max(prefix + 2)
}

fn is_rule(l: &str) -> bool {
    l.len() >= 3
        && l.starts_with('+')
        && l.ends_with('+')
        && l.bytes().all(|b| matches!(b, b'+' | b'-' | b'='))
        && !l.contains("++")
}

/// Runs of consecutive lines that start with `+` or `|`.
pub fn box_runs(out: &str) -> Vec<Vec<&str>> {
    let mut all = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in out.lines() {
        if l.starts_with('+') || l.starts_with('|') {
            cur.push(l);
        } else if !cur.is_empty() {
            all.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        all.push(cur);
    }
    all
}

/// Checks the table format's output at width `w`.
fn check_table_output(out: &str, w: usize, facts: &DocFacts, strict: Strict) -> Outcome {
    let limit_all = w.max(1);
    for run in box_runs(out) {
        // Overlay text may itself start with `+` or `|` (a title, a channel
        // name): only runs framed by rules are tables then.
        let framed = is_rule(run[0]) && is_rule(run[run.len() - 1]);
        if !framed {
            ensure!(
                !strict.builtin,
                "lines starting with '+' or '|' that are not a closed table:\n{}",
                run.join("\n")
            );
            continue;
        }
        let w0 = display_width(run[0]);
        let c0 = display_width_cjk(run[0]);
        for l in &run {
            ensure!(
                l.starts_with('+') && is_rule(l) || l.starts_with('|') && l.ends_with('|'),
                "table line is neither a rule nor a row:\n{l}\n--- table ---\n{}",
                run.join("\n")
            );
            let lw = display_width(l);
            ensure!(
                lw == w0 || excused(l) || excused(run[0]),
                "table misaligned: a line of width {lw} in a table of width {w0} (unicode-width 0.2), at width {w}:\n{l}\n--- table ---\n{}",
                run.join("\n")
            );
            ensure!(
                lw <= limit_all || excused(l),
                "table line wider than the width {w} ({lw}):\n{l}"
            );
            if strict.builtin {
                ensure!(
                    display_width_cjk(l) == c0,
                    "table misaligned in a CJK terminal (ambiguous-width character):\n{l}\n--- table ---\n{}",
                    run.join("\n")
                );
            }
        }
    }
    for (i, l) in out.lines().enumerate() {
        let lw = display_width(l);
        let max = line_limit(l, w);
        ensure!(
            lw <= max || excused(l),
            "line {} is {lw} columns wide, more than {max} (width {w}): {l:?}",
            i + 1
        );
    }
    let flat = no_ws(out);
    for t in &facts.wrapped {
        let want = no_ws(&clean(t));
        ensure!(
            flat.contains(&want),
            "text lost or broken in the table format at width {w}: {t:?}"
        );
    }
    Ok(())
}

/// Renders `view` in every format at width `w` (with or without colour) and
/// checks each output.
pub fn check_view<V: View>(
    view: &V,
    kind: ViewKind,
    w: usize,
    color: bool,
    strict: Strict,
) -> Outcome {
    for format in FORMATS {
        check_format(view, kind, format, w, color, strict)?;
    }
    Ok(())
}

/// Renders `view` in `format` at width `w` and checks the output:
/// - table: tables closed by rules, every table line the same width
///   (unicode-width 0.2; for built-in text also in CJK terminals) and within
///   `w`; other lines within [`line_limit`]; every wrapped text whole;
/// - plain: one line per item (as many lines as the document has items),
///   no box lines (built-in text);
/// - markdown: one `- [ ]`/`- [x]` line per checklist item, ticked as the
///   view says, and none elsewhere;
/// - terminal formats: no terminal control character but the newline (and
///   the SGR colour codes, when colour is on);
/// - json: parses, with the right `kind` and `schema_version`;
/// - yaml: parses to the same value as the JSON.
pub fn check_format<V: View>(
    view: &V,
    kind: ViewKind,
    format: Format,
    w: usize,
    color: bool,
    strict: Strict,
) -> Outcome {
    let layout = Layout { width: w, color };
    let out = render(view, format, layout);
    let doc = view.document();
    let facts = doc_facts(&doc);
    let what = format!(
        "{format:?} at width {w}{}",
        if color { " with colour" } else { "" }
    );
    match format {
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(&out)
                .map_err(|e| format!("{what}: output is not JSON ({e}):\n{out}"))?;
            let want = match kind {
                ViewKind::Page => "procedure",
                ViewKind::Checklist => "checklist",
            };
            ensure!(
                v["kind"] == want,
                "{what}: kind is {} not {want}",
                v["kind"]
            );
            ensure!(
                v["schema_version"] == 1,
                "{what}: schema_version is {}",
                v["schema_version"]
            );
        }
        Format::Yaml => {
            let y: serde_json::Value = yibao::kb::yaml::parse_value(&out)
                .map_err(|e| format!("{what}: output is not YAML ({}):\n{out}", e.message))?;
            let j: serde_json::Value = serde_json::from_str(&render(view, Format::Json, layout))
                .map_err(|e| format!("JSON output is not JSON ({e})"))?;
            if y != j {
                return Err(format!(
                    "{what}: the YAML output differs from the JSON output\n{}",
                    value_diff(&j, &y, "")
                ));
            }
        }
        Format::Html => {
            if let Some(c) = out.chars().find(|&c| is_unsafe(c) || c == '\r') {
                return Err(format!(
                    "{what}: output holds the control character U+{:04X}",
                    c as u32
                ));
            }
            ensure!(
                out.starts_with("<!DOCTYPE html>\n") && out.ends_with("</html>\n"),
                "{what}: not a whole HTML page:\n{out}"
            );
            let boxes = out.matches("<input type=\"checkbox\"").count();
            let ticked = out.matches("<input type=\"checkbox\" checked>").count();
            ensure!(
                boxes == facts.check_items && ticked == facts.checked,
                "{what}: {boxes} boxes ({ticked} ticked) for {} checklist items ({} ticked)",
                facts.check_items,
                facts.checked
            );
            // Every text is escaped: overlay text never becomes a tag.
            ensure!(!out.contains("<script"), "{what}: a script tag:\n{out}");
        }
        Format::Table | Format::Plain | Format::Markdown => {
            let plain = if color && format == Format::Table {
                strip_sgr(&out)
            } else {
                Cow::Borrowed(out.as_str())
            };
            if let Some(c) = plain.chars().find(|&c| is_unsafe(c) || c == '\r') {
                return Err(format!(
                    "{what}: output holds the control character U+{:04X}:\n{}",
                    c as u32,
                    out.lines().find(|l| l.contains(c)).unwrap_or_default()
                ));
            }
            ensure!(
                out.ends_with('\n'),
                "{what}: output does not end with a newline"
            );
            match format {
                Format::Table => check_table_output(&plain, w, &facts, strict)
                    .map_err(|e| format!("{what}: {e}"))?,
                Format::Plain => {
                    let n = out.lines().count();
                    ensure!(
                        n == facts.plain_lines,
                        "{what}: {n} lines for {} items (one item per line):\n{out}",
                        facts.plain_lines
                    );
                    if strict.builtin
                        && let Some(l) = out
                            .lines()
                            .find(|l| l.starts_with('+') || l.starts_with('|'))
                    {
                        return Err(format!("{what}: a box-drawing line in plain output: {l:?}"));
                    }
                }
                _ => {
                    let unticked = out.lines().filter(|l| l.starts_with("- [ ] ")).count();
                    let ticked = out.lines().filter(|l| l.starts_with("- [x] ")).count();
                    ensure!(
                        unticked + ticked == facts.check_items && ticked == facts.checked,
                        "{what}: {unticked} `- [ ]` and {ticked} `- [x]` lines for {} checklist items of which {} are ticked:\n{out}",
                        facts.check_items,
                        facts.checked
                    );
                    check_markdown_tables(&out).map_err(|e| format!("{what}: {e}"))?;
                }
            }
        }
    }
    Ok(())
}

/// Cells of a Markdown table line: `|` not escaped as `\|` separate them.
fn markdown_cells(line: &str) -> usize {
    let mut n: usize = 0;
    let mut escaped = false;
    for c in line.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '|' => n += 1,
            _ => {}
        }
    }
    n.saturating_sub(1)
}

/// Every Markdown table has as many cells in each row as in its heading row
/// (a renderer drops the cells beyond the heading's, and the reader never
/// sees them).
fn check_markdown_tables(out: &str) -> Outcome {
    for run in box_runs(out) {
        if run.len() < 2 || !run[1].starts_with("|---") {
            continue;
        }
        let cols = markdown_cells(run[0]);
        ensure!(
            markdown_cells(run[1]) == cols,
            "Markdown table's delimiter row does not match its heading:\n{}",
            run.join("\n")
        );
        for l in &run[2..] {
            let n = markdown_cells(l);
            ensure!(
                n == cols,
                "Markdown table row with {n} cells under {cols} headings (cells beyond the headings are dropped when rendered):\n{l}\n--- table ---\n{}",
                run.join("\n")
            );
        }
    }
    Ok(())
}

/// Where two JSON values first differ.
fn value_diff(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> String {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v == w => {}
                    Some(w) => return value_diff(v, w, &format!("{at}.{k}")),
                    None => return format!("{at}.{k}: missing in YAML"),
                }
            }
            format!(
                "{at}: YAML has extra keys {:?}",
                y.keys().filter(|k| !x.contains_key(*k)).collect::<Vec<_>>()
            )
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return value_diff(v, w, &format!("{at}[{i}]"));
                }
            }
            String::new()
        }
        _ => format!("{at}: JSON {a} vs YAML {b}"),
    }
}

/// Builds the view for `res` and checks it in every format.
pub fn check_resolution(
    kb: &Kb,
    res: Resolution,
    kind: ViewKind,
    have: Option<&str>,
    w: usize,
    color: bool,
    strict: Strict,
) -> Outcome {
    let id = res.procedure.id.to_string();
    let region = res.region.map_or("national", |r| r.id);
    let r = match kind {
        ViewKind::Page => check_view(
            &ProcedurePage::new(kb, res, TODAY, Lang::Zh, None),
            kind,
            w,
            color,
            strict,
        ),
        ViewKind::Checklist => check_view(
            &Checklist::new(res, have, TODAY, Lang::Zh, None),
            kind,
            w,
            color,
            strict,
        ),
    };
    r.map_err(|e| format!("{kind:?} of {id} at {region}, --have {have:?}: {e}"))
}

// ---------------------------------------------------------------------------
// Target `render`: a built-in procedure, a region, a width, a format

/// A `render` input, decoded:
/// - byte 0: procedure (index into the built-in procedures, modulo);
/// - byte 1: region: 0 none, 1 a province, 2 a city (byte 2 picks which),
///   3 heilongjiang, 4 heihe (modulo 5);
/// - bytes 3–4: width, 1 + (little-endian u16 % 300);
/// - byte 5: bits 0–2 format (0–4: table, plain, json, yaml, markdown;
///   5–7: every format, HTML included), bit 3
///   checklist instead of procedure page, bit 4 colour, bit 5 `--have`
///   given;
/// - the rest: the `--have` text (lossy UTF-8).
#[derive(Debug, Clone)]
pub struct RenderCase {
    pub procedure: String,
    pub region: Option<RegionInfo>,
    pub width: usize,
    /// `None`: every format.
    pub format: Option<Format>,
    pub kind: ViewKind,
    pub color: bool,
    pub have: Option<String>,
}

impl RenderCase {
    pub fn decode(data: &[u8]) -> RenderCase {
        let b = |i: usize| data.get(i).copied().unwrap_or(0);
        let procs: Vec<_> = builtin::procedures().collect();
        let procedure = procs[usize::from(b(0)) % procs.len()].id.to_string();
        let pick = |want_city: bool| {
            let list: Vec<RegionInfo> = Registry::Builtin
                .iter()
                .filter(|r| r.is_city() == want_city)
                .collect();
            list.get(usize::from(b(2)) % list.len().max(1)).copied()
        };
        let region = match b(1) % 5 {
            0 => None,
            1 => pick(false),
            2 => pick(true),
            3 => Registry::Builtin.by_id("heilongjiang"),
            _ => Registry::Builtin.by_id("heihe"),
        };
        let width = 1 + usize::from(u16::from_le_bytes([b(3), b(4)])) % 300;
        let flags = b(5);
        // Five formats by number, as before HTML existed, so that kept
        // inputs keep their meaning; HTML is among "every format".
        let format = FORMATS
            .get(usize::from(flags & 7))
            .copied()
            .filter(|_| flags & 7 < 5);
        RenderCase {
            procedure,
            region,
            width,
            format,
            kind: if flags & 8 != 0 {
                ViewKind::Checklist
            } else {
                ViewKind::Page
            },
            color: flags & 16 != 0,
            have: (flags & 32 != 0)
                .then(|| String::from_utf8_lossy(data.get(6..).unwrap_or_default()).into_owned()),
        }
    }
}

/// Resolves and renders one built-in procedure as the input says.
pub fn check_render(data: &[u8]) -> Outcome {
    let case = RenderCase::decode(data);
    let kb = Kb::builtin();
    let res = kb
        .resolve(&case.procedure, case.region)
        .map_err(|e| format!("{case:?}: built-in procedure does not resolve: {e:?}"))?;
    let strict = Strict { builtin: true };
    let have = case.have.as_deref();
    let r = match case.format {
        None => check_resolution(&kb, res, case.kind, have, case.width, case.color, strict),
        Some(format) => match case.kind {
            ViewKind::Page => check_format(
                &ProcedurePage::new(&kb, res, TODAY, Lang::Zh, None),
                case.kind,
                format,
                case.width,
                case.color,
                strict,
            ),
            ViewKind::Checklist => check_format(
                &Checklist::new(res, have, TODAY, Lang::Zh, None),
                case.kind,
                format,
                case.width,
                case.color,
                strict,
            ),
        },
    };
    r.map_err(|e| format!("{case:?}: {e}"))
}

// ---------------------------------------------------------------------------
// Target `overlay`: one overlay file

/// Regions every accepted overlay is resolved for.
pub const OVERLAY_REGIONS: [Option<&str>; 3] = [None, Some("heilongjiang"), Some("heihe")];

fn check_positions(findings: &[Finding], text: Option<&str>) -> Outcome {
    for f in findings {
        ensure!(
            f.line >= 1 && f.column >= 1,
            "finding with line or column 0: {f}"
        );
        if let Some(text) = text {
            // A finding points inside the file (one past the end at most).
            let lines: Vec<&str> = text.split('\n').collect();
            ensure!(
                f.line <= lines.len(),
                "finding past the last line ({} lines): {f}",
                lines.len()
            );
            let len = lines[f.line - 1].chars().count();
            ensure!(
                f.column <= len + 1,
                "finding past the end of line {} ({len} characters): {f}",
                f.line
            );
        }
    }
    Ok(())
}

/// The width an overlay input is rendered at: 1..=300, from its bytes.
pub fn overlay_width(data: &[u8]) -> usize {
    let h = data
        .iter()
        .fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    1 + (h % 300) as usize
}

static DIRS: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty directory for one overlay (removed by the caller).
fn scratch_dir() -> PathBuf {
    let n = DIRS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("yibao-fuzz-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Loads the bytes as one overlay file and checks it; if accepted, loads it
/// from a directory as `--data` does and renders every procedure, for
/// national, heilongjiang and heihe, as page and checklist, in every format.
/// - a file that does not load is one error finding;
/// - a rejected overlay has at least one error finding, an accepted one none;
/// - every finding has line and column ≥ 1, inside the file;
/// - `Kb::open` on a directory holding the file agrees;
/// - every output passes [`check_format`].
pub fn check_overlay(data: &[u8]) -> Outcome {
    let file = match yibao::kb::load::load_bytes("fuzz.yaml", data) {
        Err(f) => {
            ensure!(
                f.is_error(),
                "a file that does not load gave a warning only: {f}"
            );
            return check_positions(std::slice::from_ref(&f), None);
        }
        Ok(file) => file,
    };
    let text = file.text.clone();
    check_positions(&file.warnings, Some(&text))?;
    let warnings = file.warnings.clone();
    let (base, findings) = Kb::check_overlay(vec![file], warnings, TODAY);
    check_positions(&findings, Some(&text))?;
    let Some(_) = base else {
        ensure!(
            has_errors(&findings),
            "overlay rejected without an error finding: {findings:?}"
        );
        return Ok(());
    };
    ensure!(
        !has_errors(&findings),
        "overlay accepted with error findings: {findings:?}"
    );

    let dir = scratch_dir();
    let result = (|| {
        std::fs::write(dir.join("fuzz.yaml"), data).map_err(|e| format!("write: {e}"))?;
        let (kb, dir_warnings) = Kb::open(&dir, TODAY).map_err(|v| {
            format!(
                "check_overlay accepted the file but Kb::open rejects it: {}",
                v.findings
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        let strip = |f: &[Finding]| -> Vec<(usize, usize, &str, Msg)> {
            f.iter()
                .map(|f| (f.line, f.column, f.code.as_str(), f.message.clone()))
                .collect()
        };
        ensure!(
            strip(&dir_warnings) == strip(&findings),
            "Kb::open warns differently from check_overlay:\n{dir_warnings:?}\n{findings:?}"
        );
        render_overlay_kb(&kb, data)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn render_overlay_kb(kb: &Kb, data: &[u8]) -> Outcome {
    let w = overlay_width(data);
    let strict = Strict { builtin: false };
    let ids: Vec<String> = kb.procedures().iter().map(|p| p.id.to_string()).collect();
    let touched: Vec<String> = kb.loaded_layers().map(|(_, p)| p.id.to_string()).collect();
    for id in &ids {
        for region in OVERLAY_REGIONS {
            let info = region.and_then(|r| Registry::Builtin.by_id(r));
            let res = kb
                .resolve(id, info)
                .map_err(|e| format!("{id} at {region:?} does not resolve: {e:?}"))?;
            if touched.contains(id) {
                check_resolution(kb, res.clone(), ViewKind::Page, None, w, false, strict)?;
                check_resolution(
                    kb,
                    res,
                    ViewKind::Checklist,
                    Some("身份证,照片"),
                    w,
                    false,
                    strict,
                )?;
            } else {
                // The overlay cannot change what it does not touch (beyond
                // related titles and sources): render the table format only.
                let page = ProcedurePage::new(kb, res, TODAY, Lang::Zh, None);
                check_format(&page, ViewKind::Page, Format::Table, w, false, strict)
                    .map_err(|e| format!("Page of {id} at {region:?}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Describes a check failure for a human: the input and the message.
pub fn describe(target: &str, data: &[u8], err: &str) -> String {
    let mut s = String::new();
    let _ = write!(s, "{target} input ({} bytes): ", data.len());
    match std::str::from_utf8(data) {
        Ok(t) if data.len() <= 2000 => {
            let _ = write!(s, "{t:?}");
        }
        _ => {
            let _ = write!(s, "{:?}", &data[..data.len().min(200)]);
        }
    }
    let _ = write!(s, "\n{err}");
    s
}
