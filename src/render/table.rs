//! The default terminal format: headings, wrapped text and comfy-table
//! tables fitted to the width.
//!
//! Tables use ASCII borders: box-drawing characters are East Asian
//! "ambiguous" and take two columns in many CJK terminals, which would break
//! every table there. A table that cannot keep all its lines the same width
//! within the limit (too many columns for a narrow screen) is laid out as
//! stacked `label：value` lines instead, never misaligned.

use super::text::{clean, pad, sanitize, width, wrap};
use super::{Block, Document, Layout, NoteKind, Table, style};
use comfy_table::{ColumnConstraint, ContentArrangement, Width};
use comfy_table::{ContentLineStyle, LineStyle, TableStyle};

/// ASCII borders with a `+` at every junction.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('+', '-', '+', '+'))
    .header_lines(ContentLineStyle::new('|', '|', '|'))
    .header_separator(LineStyle::new('+', '=', '+', '+'))
    .content_lines(ContentLineStyle::new('|', '|', '|'))
    .row_separator(LineStyle::new('+', '-', '+', '+'))
    .bottom_border(LineStyle::new('+', '-', '+', '+'));

/// Narrowest a column may get: three CJK characters.
const MIN_COLUMN: u16 = 6;

pub fn render(doc: &Document, layout: Layout) -> String {
    let w = layout.width.max(1);
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Title { text, sub } => {
                for l in wrap(&clean(text), w, "") {
                    out.push(style::title(&l, layout.color));
                }
                if let Some(sub) = sub {
                    for l in wrap(&clean(sub), w, "") {
                        out.push(style::dim(&l, layout.color));
                    }
                }
            }
            Block::Heading(h) => {
                out.push(String::new());
                for l in wrap(&clean(h), w, "") {
                    out.push(style::bold(&l, layout.color));
                }
            }
            Block::Paragraph(p) => out.extend(wrap(&clean(p), w, "")),
            Block::Note { kind, text } => {
                let label = format!("{}：", kind.label());
                let lines = wrap(&format!("{label}{}", clean(text)), w, "  ");
                for l in lines {
                    out.push(match kind {
                        NoteKind::Warning => style::warn(&l, layout.color),
                        NoteKind::Info => l,
                    });
                }
            }
            Block::Table(t) => match fit_table(t, w) {
                Some(lines) => out.extend(lines),
                None => out.extend(stacked(t, w)),
            },
            Block::List(items) => {
                for it in items {
                    out.extend(wrap(&format!("- {}", clean(it)), w, "  "));
                }
            }
            Block::Checklist(items) => {
                for it in items {
                    let mark = if it.checked { "[x] " } else { "[ ] " };
                    out.extend(wrap(&format!("{mark}{}", clean(&it.text)), w, "    "));
                }
            }
            Block::Pairs(pairs) => out.extend(pairs_lines(pairs, w)),
            Block::Raw(lines) => out.extend(lines.iter().map(|l| sanitize(l).into_owned())),
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// Renders a table within `w` columns, or `None` if it cannot stay aligned.
pub fn fit_table(t: &Table, w: usize) -> Option<Vec<String>> {
    let cols = t.headers.len().max(t.rows.first().map_or(0, Vec::len));
    if cols == 0 {
        return Some(Vec::new());
    }
    // Each column: content, one space of padding either side, one border.
    let needed = cols * (usize::from(MIN_COLUMN) + 3) + 1;
    if w < needed || w > usize::from(u16::MAX) {
        return None;
    }
    let mut table = comfy_table::Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(w as u16);
    if !t.headers.is_empty() {
        table.set_header(t.headers.iter().map(|h| clean(h)).collect::<Vec<_>>());
    }
    for row in &t.rows {
        table.add_row(row.iter().map(|c| clean(c)).collect::<Vec<_>>());
    }
    let bounds: Vec<ColumnConstraint> = (0..cols)
        .map(|_| ColumnConstraint::LowerBoundary(Width::Fixed(MIN_COLUMN)))
        .collect();
    table.set_constraints(bounds);
    let lines: Vec<String> = table.lines().collect();
    let first = lines.first().map_or(0, |l| width(l));
    let aligned = lines.iter().all(|l| width(l) == first) && first <= w;
    aligned.then_some(lines)
}

/// A table as `label：value` lines, one row after another.
fn stacked(t: &Table, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        let pairs: Vec<(String, String)> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(j, c)| (t.headers.get(j).cloned().unwrap_or_default(), c.clone()))
            .collect();
        out.extend(pairs_lines(&pairs, w));
    }
    out
}

/// Label–value lines: labels padded to one width when there is room, the
/// value wrapped under itself; on a narrow screen the value goes under the label.
fn pairs_lines(pairs: &[(String, String)], w: usize) -> Vec<String> {
    let label_w = pairs
        .iter()
        .map(|(l, _)| width(&clean(l)))
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    let side_by_side = label_w + 2 + 10 <= w;
    for (label, value) in pairs {
        let label = clean(label);
        let value = clean(value);
        if label.is_empty() {
            out.extend(wrap(&value, w, ""));
        } else if side_by_side {
            let head = pad(&format!("{label}："), label_w + 2);
            let indent = " ".repeat(label_w + 2);
            let body = wrap(&value, w - label_w - 2, "");
            for (k, l) in body.into_iter().enumerate() {
                out.push(if k == 0 { format!("{head}{l}") } else { format!("{indent}{l}") });
            }
        } else {
            out.extend(wrap(&format!("{label}："), w, ""));
            out.extend(wrap(&value, w.saturating_sub(2).max(2), "").into_iter().map(|l| format!("  {l}")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            headers: vec!["步骤".into(), "做什么".into(), "渠道".into()],
            rows: vec![
                vec!["1".into(), "到参保地医保经办机构窗口提交材料，当场领取医保卡。".into(), "窗口".into()],
                vec!["2".into(), "Activate the card at the bank printed on it.".into(), "银行网点".into()],
            ],
            lines: Vec::new(),
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
        let out = render(&doc, Layout { width: 20, color: false });
        assert!(out.lines().all(|l| width(l) <= 20), "{out}");
        assert!(out.contains("渠道：窗口"), "{out}");
    }
}
