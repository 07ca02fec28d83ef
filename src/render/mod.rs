//! Output formats behind one interface.
//!
//! Every answer is a [`View`]: a value that serialises to the JSON/YAML
//! contract and can describe itself as a [`Document`] of blocks (headings,
//! tables, lists). The terminal formats (`table`, `plain`, `markdown`) render
//! the document; `json` and `yaml` serialise the value. Each format lives in
//! its own file and turns a view into bytes.

pub mod json;
pub mod markdown;
pub mod plain;
pub mod table;
pub mod text;
pub mod yaml;

use serde::Serialize;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Plain,
    Json,
    Yaml,
    Markdown,
}

impl Format {
    pub const NAMES: [&'static str; 5] = ["table", "plain", "json", "yaml", "markdown"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "plain" => Format::Plain,
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            "markdown" | "md" => Format::Markdown,
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

/// Something the tool can print in every format.
pub trait View: Serialize {
    /// The view as blocks for the terminal formats.
    fn document(&self) -> Document;

    /// A reminder for stderr when the data shown is stale (terminal formats).
    fn reminder(&self) -> Option<&str> {
        None
    }
}

/// A rendered answer as a sequence of blocks.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }
}

/// One block of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// The answer's title and an optional line under it.
    Title { text: String, sub: Option<String> },
    /// A section heading.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A remark set apart from the text.
    Note { kind: NoteKind, text: String },
    /// Rows under column headings.
    Table(Table),
    /// Bulleted items.
    List(Vec<String>),
    /// Items to tick off.
    Checklist(Vec<CheckItem>),
    /// Label–value pairs.
    Pairs(Vec<(String, String)>),
    /// Lines printed as they are, never wrapped (linter findings).
    Raw(Vec<String>),
}

/// Kind of remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Info,
    Warning,
}

impl NoteKind {
    /// The word that carries the meaning (colour only repeats it).
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Info => "提示",
            NoteKind::Warning => "注意",
        }
    }
}

/// A table: headings, rows, and each row as one line for the plain format.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Each row in one line (`plain` prints these).
    pub lines: Vec<String>,
}

/// One checklist item.
#[derive(Debug, Clone)]
pub struct CheckItem {
    pub checked: bool,
    pub text: String,
}

/// Renders a view in `format`.
pub fn render<V: View>(view: &V, format: Format, layout: Layout) -> String {
    match format {
        Format::Json => json::render(view),
        Format::Yaml => yaml::render(view),
        Format::Table => table::render(&view.document(), layout),
        Format::Plain => plain::render(&view.document()),
        Format::Markdown => markdown::render(&view.document()),
    }
}

/// ANSI styles, applied only when colour is on; meaning never rests on
/// colour alone (warnings also say 注意).
pub mod style {
    pub fn bold(s: &str, on: bool) -> String {
        wrap(s, "1", on)
    }
    pub fn title(s: &str, on: bool) -> String {
        wrap(s, "1;36", on)
    }
    pub fn warn(s: &str, on: bool) -> String {
        wrap(s, "33", on)
    }
    pub fn dim(s: &str, on: bool) -> String {
        wrap(s, "2", on)
    }
    pub fn error(s: &str, on: bool) -> String {
        wrap(s, "1;31", on)
    }
    fn wrap(s: &str, code: &str, on: bool) -> String {
        if on && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}
