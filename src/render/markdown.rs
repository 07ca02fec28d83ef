//! Markdown: printable, with checklists as `- [ ]` / `- [x]`.

use super::text::sanitize;
use super::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Title { text, sub } => {
                out.push(format!("# {}", escape(text)));
                if let Some(sub) = sub {
                    out.push(String::new());
                    out.push(escape(sub));
                }
            }
            Block::Heading(h) => {
                out.push(String::new());
                out.push(format!("## {}", escape(h)));
                out.push(String::new());
            }
            Block::Paragraph(p) => {
                out.push(String::new());
                out.push(escape(p));
            }
            Block::Note { kind, text } => {
                out.push(String::new());
                out.push(format!(
                    "> **{}**{}{}",
                    kind.label(doc.lang),
                    doc.lang.colon(),
                    escape(text)
                ));
            }
            Block::Table(t) => {
                let cols = t.headers.len();
                out.push(format!(
                    "| {} |",
                    t.headers
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push(format!("|{}", "---|".repeat(cols)));
                for row in &t.rows {
                    out.push(format!(
                        "| {} |",
                        row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
            Block::List(items) => out.extend(items.iter().map(|i| format!("- {}", escape(i)))),
            Block::Checklist(items) => out.extend(items.iter().map(|i| {
                format!(
                    "- [{}] {}",
                    if i.checked { "x" } else { " " },
                    escape(&i.text)
                )
            })),
            Block::Raw(lines) => out.extend(lines.iter().map(|l| format!("- {}", escape(l)))),
            Block::Pairs(pairs) => out.extend(pairs.iter().map(|(l, v)| {
                if l.is_empty() {
                    format!("- {}", escape(v))
                } else {
                    format!("- **{}**{}{}", escape(l), doc.lang.colon(), escape(v))
                }
            })),
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// Escapes the characters Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', "  \n")
}

/// A table cell: escaped, on one line.
fn cell(s: &str) -> String {
    escape(s).replace("  \n", "<br>")
}
