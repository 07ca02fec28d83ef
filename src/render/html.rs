//! HTML: one self-contained page per answer — UTF-8, inline CSS, no script,
//! nothing loaded from the network — for reading on a phone and printing on
//! A4 (the stylesheet is `html.css`).
//!
//! The page shows the document every other human format shows: the title,
//! headings as sections, real tables with header cells, checklists as boxes
//! to tick, and the answer's closing part (sources with their dates, the
//! checked date) as its footer. Every text is escaped and cleaned of
//! terminal control characters: overlay text is untrusted and must come out
//! as text, never as markup.

use super::text::{sanitize, width};
use super::{Block, CheckItem, DocStr, Document, NoteKind, Table};
use crate::kb::i18n::Lang;
use std::borrow::Cow;
use std::fmt::Write;

/// The stylesheet every page carries inline.
pub const CSS: &str = include_str!("html.css");

/// A link to another page: where (relative), and its text.
#[derive(Debug, Clone)]
pub struct Link<'a> {
    pub href: String,
    pub text: DocStr<'a>,
}

/// What surrounds a page's body.
#[derive(Debug, Clone)]
pub struct Frame<'a> {
    pub lang: Lang,
    /// The `<title>`.
    pub title: &'a str,
    /// Links shown above the body (a site's navigation); none for a single
    /// answer.
    pub nav: &'a [Link<'a>],
    /// The same page in another language (a site's pages come in both).
    pub alternate: Option<Alternate>,
}

/// The same page in another language: named in the page's head for
/// browsers and search engines, and linked at the end of its navigation
/// under the language's own name (「English」, 「中文」).
#[derive(Debug, Clone)]
pub struct Alternate {
    pub lang: Lang,
    /// Where it is, relative to the page.
    pub href: String,
}

/// `--format html`: the answer as a page of its own.
pub fn answer(doc: &Document) -> String {
    let title = doc.title().unwrap_or("yibao");
    let frame = Frame {
        lang: doc.lang,
        title,
        nav: &[],
        alternate: None,
    };
    page(&frame, &body(doc))
}

/// A whole page: the frame around `body` (HTML made by [`body`] or from
/// escaped text).
pub fn page(frame: &Frame, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + CSS.len() + 1024);
    let lang = frame.lang;
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", lang.html_tag());
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"yibao {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "<title>{}{}</title>",
        escape(&one_line(frame.title)),
        lang.pick("｜yibao 医保办事指南", " | yibao")
    );
    if let Some(a) = &frame.alternate {
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            a.lang.html_tag(),
            escape(&a.href)
        );
    }
    let _ = write!(out, "<style>\n{CSS}</style>\n</head>\n<body>\n");
    if !frame.nav.is_empty() || frame.alternate.is_some() {
        let _ = writeln!(
            out,
            "<nav aria-label=\"{}\"><ul>",
            lang.pick("本站导航", "Site navigation")
        );
        for l in frame.nav {
            let _ = writeln!(out, "<li>{}</li>", link(l));
        }
        if let Some(a) = &frame.alternate {
            let tag = a.lang.html_tag();
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" hreflang=\"{tag}\" lang=\"{tag}\">{}</a></li>",
                escape(&a.href),
                a.lang.pick("中文", "English")
            );
        }
        out.push_str("</ul></nav>\n");
    }
    out.push_str("<main>\n");
    out.push_str(body);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `<a href="…">text</a>`, both escaped.
pub fn link(l: &Link) -> String {
    format!("<a href=\"{}\">{}</a>", escape(&l.href), text(&l.text))
}

/// The document as the inside of `<main>`: the title as the page's header,
/// each heading opening a section, and the closing part (sources, the
/// freshness line) as the footer.
pub fn body(doc: &Document) -> String {
    body_with(doc, "")
}

/// [`body`] with more HTML (a site's links to other pages) after the
/// answer and before its closing part.
pub fn body_with(doc: &Document, more: &str) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(16 * 1024 + more.len());
    let footer = doc.footer_start.filter(|&i| i < doc.blocks.len());
    let mut section = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if footer == Some(i) {
            close(&mut out, &mut section);
            out.push_str(more);
            out.push_str("<footer>\n");
        }
        match block {
            Block::Title { text: t, sub } => {
                let _ = writeln!(out, "<header>\n<h1>{}</h1>", text(t));
                if let Some(sub) = sub {
                    let _ = writeln!(out, "<p class=\"sub\">{}</p>", text(sub));
                }
                out.push_str("</header>\n");
            }
            Block::Heading(h) => {
                close(&mut out, &mut section);
                match doc.anchor(i) {
                    Some(id) => {
                        let _ =
                            writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>", escape(id), text(h));
                    }
                    None => {
                        let _ = writeln!(out, "<section>\n<h2>{}</h2>", text(h));
                    }
                }
                section = true;
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", text(p));
            }
            Block::Note { kind, text: t } => note(&mut out, *kind, t, lang),
            Block::Table(t) => table(&mut out, t, lang),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for it in items {
                    let _ = writeln!(out, "<li>{}</li>", text(it));
                }
                out.push_str("</ul>\n");
            }
            Block::Checklist(items) => checklist(&mut out, items),
            Block::Pairs(pairs) => pairs_to(&mut out, pairs, lang),
            Block::Raw(lines) => {
                out.push_str("<pre>");
                for l in lines {
                    out.push_str(&escape(&one_line(l)));
                    out.push('\n');
                }
                out.push_str("</pre>\n");
            }
        }
    }
    close(&mut out, &mut section);
    if footer.is_some() {
        out.push_str("</footer>\n");
    } else {
        out.push_str(more);
    }
    out
}

fn close(out: &mut String, section: &mut bool) {
    if std::mem::take(section) {
        out.push_str("</section>\n");
    }
}

fn note(out: &mut String, kind: NoteKind, t: &str, lang: Lang) {
    let (class, label) = match kind {
        NoteKind::Info => ("info", lang.pick("提示：", "Note: ")),
        NoteKind::Warning => ("warning", lang.pick("注意：", "Warning: ")),
    };
    let _ = writeln!(
        out,
        "<p class=\"note {class}\"><strong>{label}</strong>{}</p>",
        text(t)
    );
}

/// A real table: column headings in `<thead>`, the first cell of each row
/// as the row's heading. On a narrow screen each row becomes a card, every
/// cell labelled with its column (`data-label`); a short cell (a step
/// number, a region such as 全国 or 黑龙江) is never broken.
fn table(out: &mut String, t: &Table, lang: Lang) {
    let rows = t
        .rows
        .iter()
        .map(|row| row.iter().map(|c| Cell::text(c)).collect());
    table_of(out, &t.headers, rows, lang);
}

/// A table cell: its HTML, and whether it is short enough to keep whole.
#[derive(Debug, Clone)]
pub struct Cell {
    pub html: String,
    pub short: bool,
}

impl Cell {
    /// A cell of text.
    pub fn text(s: &str) -> Cell {
        Cell {
            html: text(s),
            short: !s.is_empty() && width(s) <= 8 && !s.contains('\n'),
        }
    }

    /// A cell of links, separated as `lang` separates a list (「、」, ", ").
    pub fn links(links: &[Link], lang: Lang) -> Cell {
        Cell {
            html: links
                .iter()
                .map(link)
                .collect::<Vec<_>>()
                .join(lang.comma()),
            short: false,
        }
    }
}

/// A table of cells (text or links) under column headings.
pub fn table_of(
    out: &mut String,
    headers: &[DocStr],
    rows: impl Iterator<Item = Vec<Cell>>,
    lang: Lang,
) {
    out.push_str("<div class=\"table\"><table class=\"reflow\">\n<thead><tr>");
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", text(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let colon = lang.pick("：", ": ");
    for row in rows {
        out.push_str("<tr>");
        for (j, cell) in row.iter().enumerate() {
            let tag = if j == 0 { "th" } else { "td" };
            let mut attrs = String::new();
            if j == 0 {
                attrs.push_str(" scope=\"row\"");
            }
            if let Some(h) = headers.get(j).filter(|h| !h.is_empty()) {
                let _ = write!(attrs, " data-label=\"{}{colon}\"", escape(&one_line(h)));
            }
            if cell.short {
                attrs.push_str(" class=\"short\"");
            }
            let _ = write!(out, "<{tag}{attrs}>{}</{tag}>", cell.html);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// Boxes to tick, on screen or with a pen on the printed page.
fn checklist(out: &mut String, items: &[CheckItem]) {
    out.push_str("<ul class=\"checklist\">\n");
    for it in items {
        let _ = writeln!(
            out,
            "<li><label><input type=\"checkbox\"{}> <span>{}</span></label></li>",
            if it.checked { " checked" } else { "" },
            text(&it.text)
        );
    }
    out.push_str("</ul>\n");
}

/// Labelled values as a description list; a value without a label as a
/// paragraph of its own.
fn pairs_to(out: &mut String, pairs: &[(DocStr, DocStr)], lang: Lang) {
    let mut open = false;
    for (label, value) in pairs {
        if label.is_empty() {
            if std::mem::take(&mut open) {
                out.push_str("</dl>\n");
            }
            let _ = writeln!(out, "<p>{}</p>", text(value));
        } else {
            if !std::mem::replace(&mut open, true) {
                out.push_str("<dl>\n");
            }
            let _ = writeln!(
                out,
                "<div><dt>{}{}</dt><dd>{}</dd></div>",
                text(label),
                lang.pick("：", ": "),
                text(value)
            );
        }
    }
    if open {
        out.push_str("</dl>\n");
    }
}

/// Text for an element's content: escaped, each line break a `<br>`.
pub fn text(s: &str) -> String {
    escape(s).replace('\n', "<br>")
}

/// Line breaks folded to spaces (titles, attribute values).
fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains('\n') {
        Cow::Owned(s.replace('\n', " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text safe inside an element or a quoted attribute: terminal control and
/// direction-override characters removed (as every format does), the five
/// characters HTML reads as markup replaced by references, and Unicode
/// noncharacters (which an HTML parser reports as errors) dropped.
pub fn escape(s: &str) -> Cow<'_, str> {
    let s = sanitize(s);
    if !s.chars().any(|c| needs_escape(c) || is_noncharacter(c)) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'')
}

fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_come_out_as_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("红\x1b[31m字\u{202E}\u{FDD0}"), "红[31m字");
        assert!(matches!(escape("黑河市医保服务大厅"), Cow::Borrowed(_)));
        assert_eq!(text("一\n二"), "一<br>二");
    }

    #[test]
    fn the_closing_part_is_the_footer_and_a_heading_opens_a_section() {
        let mut d = Document::default();
        d.push(Block::Title {
            text: "标题".into(),
            sub: None,
        });
        d.push(Block::Heading("材料".into()));
        d.push(Block::List(vec!["身份证".into()]));
        d.begin_footer();
        d.push(Block::Paragraph("资料核实于 2026-11-28".into()));
        let b = body(&d);
        assert_eq!(
            b,
            "<header>\n<h1>标题</h1>\n</header>\n\
             <section>\n<h2>材料</h2>\n<ul>\n<li>身份证</li>\n</ul>\n</section>\n\
             <footer>\n<p>资料核实于 2026-11-28</p>\n</footer>\n"
        );
    }

    #[test]
    fn an_anchored_heading_names_its_section_and_a_page_links_its_other_language() {
        let mut d = Document::new(Lang::Zh);
        d.push_anchored("deductible".into(), "起付线".into());
        d.push(Block::Paragraph("医保开始报销之前自己先付的钱。".into()));
        assert_eq!(
            body(&d),
            "<section id=\"deductible\">\n<h2>起付线</h2>\n<p>医保开始报销之前自己先付的钱。</p>\n</section>\n"
        );
        let frame = Frame {
            lang: Lang::Zh,
            title: "医保术语",
            nav: &[],
            alternate: Some(Alternate {
                lang: Lang::En,
                href: "en/terms.html".into(),
            }),
        };
        let p = page(&frame, "");
        assert!(
            p.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"en/terms.html\">\n<style>"),
            "{p}"
        );
        assert!(p.contains(
            "<nav aria-label=\"本站导航\"><ul>\n\
             <li><a href=\"en/terms.html\" hreflang=\"en\" lang=\"en\">English</a></li>\n\
             </ul></nav>"
        ));
        // A single answer has neither.
        let answer = answer(&d);
        assert!(!answer.contains("<link") && !answer.contains("<nav"));
    }

    #[test]
    fn a_table_has_header_cells_and_labels_for_narrow_screens() {
        let mut out = String::new();
        let t = Table {
            headers: vec!["步骤".into(), "做什么".into()],
            rows: vec![vec![
                "1".into(),
                "在「国家医保服务平台」上申请，填写很长的一段说明文字".into(),
            ]],
        };
        table(&mut out, &t, Lang::Zh);
        assert!(out.contains("<th scope=\"col\">步骤</th><th scope=\"col\">做什么</th>"));
        assert!(out.contains(
            "<tr><th scope=\"row\" data-label=\"步骤：\" class=\"short\">1</th><td data-label=\"做什么：\">在「国家医保服务平台」上申请"
        ));
    }
}
