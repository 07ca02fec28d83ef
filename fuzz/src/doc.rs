//! What the output checks know about a view: which answer it is, how
//! strictly its text is judged, and what its document holds.

use yibao::render::{Block, Document};

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
pub(crate) struct DocFacts {
    /// Lines the plain format prints.
    pub(crate) plain_lines: usize,
    /// Checklist items, and how many are ticked.
    pub(crate) check_items: usize,
    pub(crate) checked: usize,
    /// Texts the table format wraps (each must survive whole).
    pub(crate) wrapped: Vec<String>,
}

pub(crate) fn doc_facts(doc: &Document<'_>) -> DocFacts {
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
