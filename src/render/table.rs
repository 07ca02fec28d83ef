//! The default terminal format: headings, wrapped text and tables fitted to
//! the width.
//!
//! Tables are laid out here rather than by a table library: column widths
//! are shared out by how much text each column holds, every cell is wrapped
//! with the CJK-aware breaker in `text.rs`, and each line is built to exactly
//! the table's width, so alignment holds by construction. (comfy-table did
//! the same job at about 1.4 million instructions for one procedure page —
//! twice the whole budget of a lookup — mostly splitting CJK text one
//! character at a time.)
//!
//! Borders are ASCII: box-drawing characters are East Asian "ambiguous" and
//! take two columns in many CJK terminals, which would break every table
//! there. A table too wide for the screen even at its narrowest is laid out
//! as stacked `label：value` lines instead, never misaligned.

use super::text::{
    break_measured, clean, clean_cell, pad, push_padded, push_repeated, sanitize, width, wrap_to,
};
use super::{Block, Document, Layout, NoteKind, Str, Table, style};
use std::borrow::Cow;

/// Narrowest a column may get (unless its content is narrower): three CJK characters.
const MIN_COLUMN: usize = 6;

pub fn render(doc: &Document, layout: Layout) -> String {
    let w = layout.width.max(1);
    let color = layout.color;
    let mut out = String::with_capacity(16 * 1024);
    for block in &doc.blocks {
        match block {
            Block::Title { text, sub } => {
                styled(&mut out, "", text, w, "", color, style::title);
                if let Some(sub) = sub {
                    styled(&mut out, "", sub, w, "", color, style::dim);
                }
            }
            Block::Heading(h) => {
                out.push('\n');
                styled(&mut out, "", h, w, "", color, style::bold);
            }
            Block::Paragraph(p) => wrap_to(&mut out, "", p, w, ""),
            Block::Note { kind, text } => {
                let label = match kind {
                    NoteKind::Warning => "注意：",
                    NoteKind::Info => "提示：",
                };
                match kind {
                    NoteKind::Warning => styled(&mut out, label, text, w, "  ", color, style::warn),
                    NoteKind::Info => wrap_to(&mut out, label, text, w, "  "),
                }
            }
            Block::Table(t) => {
                if !grid_to(&mut out, t, w) {
                    stacked(&mut out, t, w);
                }
            }
            Block::List(items) => {
                for it in items {
                    wrap_to(&mut out, "- ", it, w, "  ");
                }
            }
            Block::Checklist(items) => {
                for it in items {
                    let mark = if it.checked { "[x] " } else { "[ ] " };
                    wrap_to(&mut out, mark, &it.text, w, "    ");
                }
            }
            Block::Pairs(pairs) => pairs_to(&mut out, pairs, w),
            Block::Raw(lines) => {
                for l in lines {
                    out.push_str(&sanitize(l));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Wraps text and styles each line (styles must not span lines: a reader
/// that stops mid-way must not leave the terminal coloured).
fn styled(
    out: &mut String,
    prefix: &str,
    text: &str,
    w: usize,
    indent: &str,
    color: bool,
    style: fn(&str, bool) -> String,
) {
    if !color {
        wrap_to(out, prefix, text, w, indent);
        return;
    }
    let mut plain = String::new();
    wrap_to(&mut plain, prefix, text, w, indent);
    for line in plain.lines() {
        out.push_str(&style(line, true));
        out.push('\n');
    }
}

/// Renders a table within `w` columns, or `None` if even its narrowest
/// layout does not fit.
pub fn fit_table(t: &Table, w: usize) -> Option<Vec<String>> {
    let mut out = String::new();
    grid_to(&mut out, t, w).then(|| out.lines().map(str::to_string).collect())
}

/// Lays a table out in `w` columns, appending it to `out`; every line has
/// the same width. Returns false (and appends nothing) if it cannot fit.
pub fn grid_to(out: &mut String, t: &Table, w: usize) -> bool {
    let mark = out.len();
    let ok = grid(out, t, w).is_some();
    if !ok {
        out.truncate(mark);
    }
    ok
}

fn grid(out: &mut String, t: &Table, w: usize) -> Option<()> {
    let cols = t
        .headers
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return Some(());
    }
    fn cells<'b>(row: &'b [Str<'_>], cols: usize) -> Vec<(Cow<'b, str>, usize)> {
        (0..cols)
            .map(|j| row.get(j).map_or((Cow::Borrowed(""), 0), |c| clean_cell(c)))
            .collect()
    }
    let header = cells(&t.headers, cols);
    let body: Vec<Vec<(Cow<'_, str>, usize)>> = t.rows.iter().map(|r| cells(r, cols)).collect();

    // Natural width: the widest cell; a column is never squeezed below
    // MIN_COLUMN unless its content is narrower than that anyway.
    let mut natural = vec![0usize; cols];
    for row in std::iter::once(&header).chain(body.iter()) {
        for (j, (_, cw)) in row.iter().enumerate() {
            natural[j] = natural[j].max(*cw);
        }
    }
    // An empty column still takes one column of width.
    for n in &mut natural {
        *n = (*n).max(1);
    }
    let min: Vec<usize> = natural.iter().map(|&n| n.min(MIN_COLUMN)).collect();
    let border = 3 * cols + 1;
    let avail = w.checked_sub(border)?;
    let widths = share(&natural, &min, avail)?;

    out.reserve((w + 1) * (4 + 3 * t.rows.len()));
    rule(out, &widths, '-');
    let mut pieces: Vec<Vec<(std::ops::Range<usize>, usize)>> = vec![Vec::new(); cols];
    let mut draw_row = |out: &mut String, row: &[(Cow<'_, str>, usize)]| -> Option<()> {
        let mut height = 0;
        for (j, (c, cw)) in row.iter().enumerate() {
            pieces[j].clear();
            break_measured(c, *cw, widths[j], &mut pieces[j]);
            if pieces[j].iter().any(|(_, pw)| *pw > widths[j]) {
                return None;
            }
            height = height.max(pieces[j].len());
        }
        for k in 0..height {
            out.push('|');
            for (j, (c, _)) in row.iter().enumerate() {
                out.push(' ');
                match pieces[j].get(k) {
                    Some((r, pw)) => push_padded(out, &c[r.clone()], *pw, widths[j]),
                    None => push_padded(out, "", 0, widths[j]),
                }
                out.push_str(" |");
            }
            out.push('\n');
        }
        Some(())
    };
    if !t.headers.is_empty() {
        draw_row(out, &header)?;
        rule(out, &widths, '=');
    }
    for (i, row) in body.iter().enumerate() {
        if i > 0 {
            rule(out, &widths, '-');
        }
        draw_row(out, row)?;
    }
    rule(out, &widths, '-');
    Some(())
}

/// Shares `avail` columns out: every column gets its natural width when all
/// fit; otherwise each starts at its minimum and the rest is dealt out in
/// equal shares, narrow columns first, so that short columns (a name, a
/// number) stay whole and the long ones share what is left.
fn share(natural: &[usize], min: &[usize], avail: usize) -> Option<Vec<usize>> {
    let need_min: usize = min.iter().sum();
    if need_min > avail {
        return None;
    }
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural.to_vec());
    }
    let mut widths = min.to_vec();
    let mut left = avail - need_min;
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&j| natural[j].saturating_sub(min[j]));
    while left > 0 {
        let short: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&j| widths[j] < natural[j])
            .collect();
        if short.is_empty() {
            break;
        }
        let each = (left / short.len()).max(1);
        for j in short {
            let give = (natural[j] - widths[j]).min(each).min(left);
            widths[j] += give;
            left -= give;
        }
    }
    Some(widths)
}

/// A horizontal rule: `+------+----+`.
fn rule(out: &mut String, widths: &[usize], fill: char) {
    out.push('+');
    for &w in widths {
        push_repeated(out, fill, w + 2);
        out.push('+');
    }
    out.push('\n');
}

/// A table as `label：value` lines, one row after another.
fn stacked(out: &mut String, t: &Table, w: usize) {
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let pairs: Vec<(Str<'_>, Str<'_>)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(j, c)| (t.headers.get(j).cloned().unwrap_or_default(), c.clone()))
            .collect();
        pairs_to(out, &pairs, w);
    }
}

/// Label–value lines: labels padded to one width when there is room, the
/// value wrapped under itself; on a narrow screen the value goes under the label.
fn pairs_to(out: &mut String, pairs: &[(Str<'_>, Str<'_>)], w: usize) {
    let label_w = pairs.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let side_by_side = label_w + 2 + 10 <= w;
    let indent = " ".repeat(label_w + 2);
    for (label, value) in pairs {
        if label.is_empty() {
            wrap_to(out, "", value, w, "");
        } else if side_by_side {
            let head = pad(&format!("{}：", clean(label)), label_w + 2);
            wrap_to(out, &head, value, w, &indent);
        } else {
            wrap_to(out, "", &format!("{label}："), w, "");
            wrap_to(out, "  ", value, w, "  ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table<'static> {
        Table {
            headers: vec!["步骤".into(), "做什么".into(), "渠道".into()],
            rows: vec![
                vec![
                    "1".into(),
                    "到参保地医保经办机构窗口提交材料，当场领取医保卡。".into(),
                    "窗口".into(),
                ],
                vec![
                    "2".into(),
                    "Activate the card at the bank printed on it.".into(),
                    "银行网点".into(),
                ],
            ],
        }
    }

    #[test]
    fn tables_are_aligned_and_within_width() {
        for w in [31, 40, 60, 80, 120, 200] {
            let lines = fit_table(&sample(), w).unwrap_or_else(|| panic!("no table at {w}"));
            let first = width(&lines[0]);
            assert!(first <= w, "width {w}: {first}");
            for l in &lines {
                assert_eq!(width(l), first, "width {w}: {l:?}");
            }
        }
    }

    #[test]
    fn narrow_widths_fall_back_to_stacked_lines() {
        assert!(fit_table(&sample(), 20).is_none());
        let doc = Document {
            blocks: vec![Block::Table(sample())],
        };
        let out = render(
            &doc,
            Layout {
                width: 20,
                color: false,
            },
        );
        assert!(out.lines().all(|l| width(l) <= 20), "{out}");
        assert!(out.lines().any(|l| l == "渠道：  窗口"), "{out}");
    }
}
