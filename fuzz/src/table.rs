//! The table format's boxes and line widths, and Markdown's tables.

use yibao::render::text::clean;

use super::Outcome;
use super::doc::{DocFacts, Strict};
use super::measure::{display_width, display_width_cjk, excused, no_ws};

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
pub(crate) fn check_table_output(out: &str, w: usize, facts: &DocFacts, strict: Strict) -> Outcome {
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
pub(crate) fn check_markdown_tables(out: &str) -> Outcome {
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
