//! Output formats behind one interface.
//!
//! Every answer is a [`View`]: a value that serialises to the JSON/YAML
//! contract and can describe itself as a [`Document`] of blocks (headings,
//! tables, lists). The human formats (`table`, `plain`, `markdown`, `html`)
//! render the document; `json` and `yaml` serialise the value. Each format
//! lives in its own file and turns a view into bytes.

pub mod html;
pub mod json;
pub mod markdown;
pub mod plain;
pub mod table;
pub mod text;
pub mod yaml;

use crate::kb::i18n::Lang;
use serde::Serialize;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Plain,
    Json,
    Yaml,
    Markdown,
    /// A self-contained, printable HTML page.
    Html,
}

impl Format {
    pub const NAMES: [&'static str; 6] = ["table", "plain", "json", "yaml", "markdown", "html"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "plain" => Format::Plain,
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            _ => return None,
        })
    }

    /// Whether the format is for programs (data only, no styling).
    pub fn is_data(self) -> bool {
        matches!(self, Format::Json | Format::Yaml)
    }
}

/// How the terminal formats lay text out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Columns available.
    pub width: usize,
    /// Whether to use ANSI styles.
    pub color: bool,
}

/// Text in a document: borrowed from the answer where it can be.
pub type DocStr<'a> = std::borrow::Cow<'a, str>;

/// Something the tool can print in every format.
pub trait View: Serialize {
    /// The view as blocks for the terminal formats.
    fn document(&self) -> Document<'_>;
}

/// A rendered answer as a sequence of blocks.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    pub blocks: Vec<Block<'a>>,
    /// The language the answer is in: the renderers' own words (提示, the
    /// label colon) follow it.
    pub lang: Lang,
    /// Where the answer's closing part begins (its sources and the date the
    /// data was checked): the index of its first block. HTML sets it apart
    /// as the page's footer; the terminal formats print it like the rest.
    pub footer_start: Option<usize>,
    /// Headings that links can point at: the index of a heading block and
    /// its id. HTML gives the heading's section that id (a site links to
    /// `terms.html#deductible`); the terminal formats have no links.
    pub anchors: Vec<(usize, DocStr<'a>)>,
}

impl<'a> Document<'a> {
    /// An empty document in `lang`.
    pub fn new(lang: Lang) -> Document<'a> {
        Document {
            blocks: Vec::new(),
            lang,
            footer_start: None,
            anchors: Vec::new(),
        }
    }

    pub fn push(&mut self, b: Block<'a>) {
        self.blocks.push(b);
    }

    /// Pushes a heading that links can point at by `id`.
    pub fn push_anchored(&mut self, id: DocStr<'a>, heading: DocStr<'a>) {
        self.anchors.push((self.blocks.len(), id));
        self.blocks.push(Block::Heading(heading));
    }

    /// The id of the block at `index`, if links can point at it.
    pub fn anchor(&self, index: usize) -> Option<&str> {
        self.anchors
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, id)| &**id)
    }

    /// Marks the blocks pushed from now on as the closing part.
    pub fn begin_footer(&mut self) {
        self.footer_start = Some(self.blocks.len());
    }

    /// The answer's title, for a page's `<title>`.
    pub fn title(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match b {
            Block::Title { text, .. } => Some(&**text),
            _ => None,
        })
    }
}

/// One block of a document.
#[derive(Debug, Clone)]
pub enum Block<'a> {
    /// The answer's title and an optional line under it.
    Title {
        text: DocStr<'a>,
        sub: Option<DocStr<'a>>,
    },
    /// A section heading.
    Heading(DocStr<'a>),
    /// A paragraph of running text.
    Paragraph(DocStr<'a>),
    /// A remark set apart from the text.
    Note { kind: NoteKind, text: DocStr<'a> },
    /// Rows under column headings.
    Table(Table<'a>),
    /// Bulleted items.
    List(Vec<DocStr<'a>>),
    /// Items to tick off.
    Checklist(Vec<CheckItem<'a>>),
    /// Label–value pairs (an empty label: the value alone).
    Pairs(Vec<(DocStr<'a>, DocStr<'a>)>),
    /// Lines printed as they are, never wrapped (linter findings).
    Raw(Vec<DocStr<'a>>),
}

/// Kind of remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Info,
    Warning,
}

impl NoteKind {
    /// The word that carries the meaning (colour only repeats it).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NoteKind::Info => lang.pick("提示", "Note"),
            NoteKind::Warning => lang.pick("注意", "Warning"),
        }
    }
}

/// A table: headings and rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Table<'a> {
    pub headers: Vec<DocStr<'a>>,
    pub rows: Vec<Vec<DocStr<'a>>>,
}

impl Table<'_> {
    /// A row on one line, for the plain format: the first cell, then each
    /// other non-empty cell after its heading — `1｜做什么：…｜地区：全国`
    /// (`1 | What to do: … | Where: National`).
    pub fn line(&self, row: &[DocStr<'_>], lang: Lang) -> String {
        let mut s = String::new();
        for (j, cell) in row.iter().enumerate() {
            if j == 0 {
                s.push_str(cell);
            } else if !cell.is_empty() {
                s.push_str(lang.pick("｜", " | "));
                if let Some(h) = self.headers.get(j) {
                    s.push_str(h);
                    s.push_str(lang.colon());
                }
                s.push_str(cell);
            }
        }
        s
    }
}

/// One checklist item.
#[derive(Debug, Clone)]
pub struct CheckItem<'a> {
    pub checked: bool,
    pub text: DocStr<'a>,
}

/// Renders a view in `format`.
pub fn render<V: View>(view: &V, format: Format, layout: Layout) -> String {
    match format {
        Format::Json => json::render(view),
        Format::Yaml => yaml::render(view),
        Format::Table => table::render(&view.document(), layout),
        Format::Plain => plain::render(&view.document()),
        Format::Markdown => markdown::render(&view.document()),
        Format::Html => html::answer(&view.document()),
    }
}

/// Terminal styles (through `anstyle`), applied only when colour is on;
/// meaning never rests on colour alone (warnings also say 注意).
pub mod style {
    use anstyle::{AnsiColor, Style};

    /// Whether to colour a stream: `always`, `never`, or (auto) only a terminal
    /// with colour allowed — `NO_COLOR` set and non-empty or `TERM=dumb` turn it off.
    pub fn color_enabled(choice: Option<&str>, is_tty: bool) -> bool {
        match choice {
            Some("always") => true,
            Some("never") => false,
            _ => {
                is_tty
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }

    const BOLD: Style = Style::new().bold();
    const TITLE: Style = AnsiColor::Cyan.on_default().bold();
    const WARN: Style = AnsiColor::Yellow.on_default();
    const DIM: Style = Style::new().dimmed();
    const ERROR: Style = AnsiColor::Red.on_default().bold();

    pub fn bold(s: &str, on: bool) -> String {
        paint(s, BOLD, on)
    }
    pub fn title(s: &str, on: bool) -> String {
        paint(s, TITLE, on)
    }
    pub fn warn(s: &str, on: bool) -> String {
        paint(s, WARN, on)
    }
    pub fn dim(s: &str, on: bool) -> String {
        paint(s, DIM, on)
    }
    pub fn error(s: &str, on: bool) -> String {
        paint(s, ERROR, on)
    }
    fn paint(s: &str, style: Style, on: bool) -> String {
        if on && !s.is_empty() {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn styles_wrap_text_only_when_on() {
            assert_eq!(warn("注意", true), "\x1b[33m注意\x1b[0m");
            assert_eq!(title("标题", true), "\x1b[1m\x1b[36m标题\x1b[0m");
            assert_eq!(error("错误：", false), "错误：");
            assert_eq!(bold("", true), "");
        }
    }
}
