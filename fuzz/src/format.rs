//! Rendering a view in every format and checking each output.

use std::borrow::Cow;

use yibao::kb::i18n::Lang;
use yibao::kb::{Kb, Resolution};
use yibao::render::{Format, Layout, View, render};
use yibao::views::{Checklist, ProcedurePage};

use super::doc::{Strict, ViewKind, doc_facts};
use super::measure::{is_unsafe, strip_sgr};
use super::table::{check_markdown_tables, check_table_output};
use super::{FORMATS, Outcome, TODAY};

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
