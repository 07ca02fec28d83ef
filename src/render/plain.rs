//! Plain text: no box drawing, one item per line, nothing wrapped — for
//! screen readers, narrow screens and `grep`.

use super::text::sanitize;
use super::{Block, Document};

pub fn render(doc: &Document) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Title { text, sub } => {
                out.push(one_line(text));
                out.extend(sub.as_deref().map(one_line));
            }
            Block::Heading(h) => {
                out.push(String::new());
                out.push(format!("{}{}", one_line(h), doc.lang.colon().trim_end()));
            }
            Block::Paragraph(p) => out.push(one_line(p)),
            Block::Note { kind, text } => out.push(format!(
                "{}{}{}",
                kind.label(doc.lang),
                doc.lang.colon(),
                one_line(text)
            )),
            Block::Table(t) => out.extend(t.rows.iter().map(|r| one_line(&t.line(r, doc.lang)))),
            Block::List(items) => out.extend(items.iter().map(|i| format!("- {}", one_line(i)))),
            Block::Checklist(items) => out.extend(items.iter().map(|i| {
                format!(
                    "[{}] {}",
                    if i.checked { "x" } else { " " },
                    one_line(&i.text)
                )
            })),
            Block::Raw(lines) => out.extend(lines.iter().map(|l| one_line(l))),
            Block::Pairs(pairs) => out.extend(pairs.iter().map(|(l, v)| {
                if l.is_empty() {
                    one_line(v)
                } else {
                    format!("{}{}{}", one_line(l), doc.lang.colon(), one_line(v))
                }
            })),
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// Sanitised, with line breaks folded so each item stays on one line.
fn one_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}
