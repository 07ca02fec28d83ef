//! The default terminal format: headings, wrapped text and tables fitted to
//! the width.
//!
//! Every table is drawn by comfy-table, from a layout yibao decides: column
//! widths are shared out by how much text each column holds, and every cell
//! is wrapped with the CJK-aware breaker in `text.rs` (which breaks between
//! CJK characters but keeps closing punctuation off the start of a line).
//! comfy-table receives the wrapped lines with each column pinned to its
//! width and its own arrangement turned off, so it never re-wraps a cell; it
//! pads each line to the column and draws the borders, and every line of a
//! table has the same width.
//!
//! Borders are ASCII: box-drawing characters are East Asian "ambiguous" and
//! take two columns in many CJK terminals, which would break every table
//! there. A column is not squeezed below three CJK characters; a table too
//! wide for the screen even then is laid out as stacked `label：value` lines
//! instead, never misaligned. Colour is not comfy-table's business: tables
//! are printed without styles.

use super::text::{break_measured, clean, clean_cell, pad, sanitize, width, wrap_to};
use super::{Block, DocStr, Document, Layout, NoteKind, Table, style};
use crate::kb::i18n::Lang;
use comfy_table::presets::ASCII_FULL;
use comfy_table::{Cell, ColumnConstraint, ContentArrangement, LineStyle, TableStyle, Width};
use std::borrow::Cow;

/// comfy-table's ASCII preset with `+` wherever a rule meets a column border
/// (the preset draws `+=====+` under the header and `|-----|` between rows).
const BORDERS: TableStyle = ASCII_FULL
    .header_separator(LineStyle::new('+', '=', '+', '+'))
    .row_separator(LineStyle::new('+', '-', '+', '+'));

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
                let label = format!("{}{}", kind.label(doc.lang), doc.lang.colon());
                let label = label.as_str();
                match kind {
                    NoteKind::Warning => styled(&mut out, label, text, w, "  ", color, style::warn),
                    NoteKind::Info => wrap_to(&mut out, label, text, w, "  "),
                }
            }
            Block::Table(t) => {
                if !grid_to(&mut out, t, w) {
                    stacked(&mut out, t, w, doc.lang);
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
            Block::Pairs(pairs) => pairs_to(&mut out, pairs, w, doc.lang),
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
    grid(out, t, w).is_some()
}

/// [`grid_to`]: decides the layout, hands it to comfy-table, and writes
/// only once the whole table is known to fit.
fn grid(out: &mut String, t: &Table, w: usize) -> Option<()> {
    let cols = t
        .headers
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return Some(());
    }
    fn cells<'b>(row: &'b [DocStr<'_>], cols: usize) -> Vec<(Cow<'b, str>, usize)> {
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
    // Each column is pinned to its width plus one space of padding either side.
    let constraints = widths
        .iter()
        .map(|&cw| {
            let fixed = u16::try_from(cw + 2).ok()?;
            Some(ColumnConstraint::Absolute(Width::Fixed(fixed)))
        })
        .collect::<Option<Vec<_>>>()?;

    let mut grid = comfy_table::Table::new();
    grid.load_style(BORDERS)
        .set_content_arrangement(ContentArrangement::Disabled);
    let mut pieces = Vec::new();
    let mut wrapped = |row: &[(Cow<'_, str>, usize)]| -> Option<Vec<Cell>> {
        let mut cells = Vec::with_capacity(cols);
        for ((c, cw), &limit) in row.iter().zip(&widths) {
            pieces.clear();
            break_measured(c, *cw, limit, &mut pieces);
            // A character wider than its column cannot be aligned.
            if pieces.iter().any(|(_, pw)| *pw > limit) {
                return None;
            }
            let mut lines = String::with_capacity(c.len() + pieces.len());
            for (k, (r, _)) in pieces.iter().enumerate() {
                if k > 0 {
                    lines.push('\n');
                }
                lines.push_str(&c[r.clone()]);
            }
            cells.push(Cell::new_owned(lines));
        }
        Some(cells)
    };
    if !t.headers.is_empty() {
        grid.set_header(wrapped(&header)?);
    }
    for row in &body {
        grid.add_row(wrapped(row)?);
    }
    grid.set_constraints(constraints);

    let lines = grid.lines();
    out.reserve((widths.iter().sum::<usize>() + border + 1) * lines.size_hint().0);
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
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

/// A table as `label：value` lines, one row after another.
fn stacked(out: &mut String, t: &Table, w: usize, lang: Lang) {
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let pairs: Vec<(DocStr<'_>, DocStr<'_>)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(j, c)| (t.headers.get(j).cloned().unwrap_or_default(), c.clone()))
            .collect();
        pairs_to(out, &pairs, w, lang);
    }
}

/// Label–value lines: labels padded to one width when there is room, the
/// value wrapped under itself; on a narrow screen the value goes under the label.
fn pairs_to(out: &mut String, pairs: &[(DocStr<'_>, DocStr<'_>)], w: usize, lang: Lang) {
    let colon = lang.colon();
    let colon_w = width(colon);
    let label_w = pairs.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let side_by_side = label_w + colon_w + 10 <= w;
    let indent = " ".repeat(label_w + colon_w);
    for (label, value) in pairs {
        if label.is_empty() {
            wrap_to(out, "", value, w, "");
        } else if side_by_side {
            let head = pad(&format!("{}{colon}", clean(label)), label_w + colon_w);
            wrap_to(out, &head, value, w, &indent);
        } else {
            wrap_to(out, "", &format!("{label}{colon}"), w, "");
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
            ..Document::default()
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

    #[test]
    fn tables_are_drawn_with_ascii_rules_and_cjk_wrapped_cells() {
        // `+` where every rule meets a column border, `=` under the header,
        // CJK broken between characters but never before `，`.
        let expected = [
            "+------+-----------+----------+",
            "| 步骤 | 做什么    | 渠道     |",
            "+======+===========+==========+",
            "| 1    | 到参保地  | 窗口     |",
            "|      | 医保经办  |          |",
            "|      | 机构窗口  |          |",
            "|      | 提交材    |          |",
            "|      | 料，当场  |          |",
            "|      | 领取医保  |          |",
            "|      | 卡。      |          |",
            "+------+-----------+----------+",
            "| 2    | Activate  | 银行网点 |",
            "|      | the card  |          |",
            "|      | at the    |          |",
            "|      | bank      |          |",
            "|      | printed   |          |",
            "|      | on it.    |          |",
            "+------+-----------+----------+",
        ];
        assert_eq!(
            fit_table(&sample(), 31),
            Some(expected.map(String::from).to_vec())
        );
        // Without headers there is no `=` rule; short rows get empty cells.
        let t = Table {
            headers: vec![],
            rows: vec![vec!["医保".into(), "卡".into()], vec!["12393".into()]],
        };
        let expected = [
            "+-------+----+",
            "| 医保  | 卡 |",
            "+-------+----+",
            "| 12393 |    |",
            "+-------+----+",
        ];
        assert_eq!(fit_table(&t, 80), Some(expected.map(String::from).to_vec()));
    }
}
