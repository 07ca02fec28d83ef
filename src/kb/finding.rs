//! What the knowledge-base linter reports: `file:line:col: CODE message`.

use super::i18n::{Lang, Msg};
use std::fmt;

/// Stable finding codes. The README's table is checked against [`Code::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
    E007,
    E008,
    E009,
    E010,
    E011,
    W001,
    W002,
    W003,
    T001,
}

impl Code {
    pub const ALL: [Code; 15] = [
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::E011,
        Code::W001,
        Code::W002,
        Code::W003,
        Code::T001,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::E009 => "E009",
            Code::E010 => "E010",
            Code::E011 => "E011",
            Code::W001 => "W001",
            Code::W002 => "W002",
            Code::W003 => "W003",
            Code::T001 => "T001",
        }
    }

    /// What the code means, as the README's table says it.
    pub fn meaning(self) -> &'static str {
        match self {
            Code::E001 => {
                "file unreadable: missing, not a directory, not a regular file (pipe, socket, device, dangling link, link loop), too large, binary or not UTF-8"
            }
            Code::E002 => "YAML syntax error (also nesting or alias limits exceeded)",
            Code::E003 => "unknown field",
            Code::E004 => "wrong type or value (also a missing required key)",
            Code::E005 => "duplicate id or region name",
            Code::E006 => {
                "dangling reference: channel, procedure, topic, region, source or removed id"
            }
            Code::E007 => "fact without sources (`src`)",
            Code::E008 => "missing or malformed `checked` date",
            Code::E009 => "empty required field",
            Code::E010 => "malformed id",
            Code::E011 => "field or section not allowed here",
            Code::W001 => "stale `checked` date (older than 12 months)",
            Code::W002 => "ambiguous-width character that misaligns CJK terminals",
            Code::W003 => "terminal control or bidirectional-override characters removed",
            Code::T001 => {
                "text without its English version: a warning (shown in Chinese, marked); the built-in base may not have any"
            }
        }
    }

    /// Whether the code is an error wherever it is found (T001's weight
    /// depends on what is checked: see [`Finding::warning`]).
    pub fn is_error(self) -> bool {
        !matches!(self, Code::W001 | Code::W002 | Code::W003)
    }
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: Code,
    /// What is wrong, in Chinese and English.
    pub message: Msg,
    /// Whether it is an error (the code's own weight unless changed).
    pub error: bool,
}

impl Finding {
    pub fn new(file: &str, line: usize, column: usize, code: Code, message: Msg) -> Finding {
        Finding {
            file: file.to_string(),
            line,
            column,
            code,
            message,
            error: code.is_error(),
        }
    }

    /// The same finding, as a warning.
    pub fn warning(mut self) -> Finding {
        self.error = false;
        self
    }

    pub fn is_error(&self) -> bool {
        self.error
    }

    /// The finding's line, `file:line:col: CODE message`, in `lang`.
    pub fn line_in(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {} {}",
            self.file,
            self.line,
            self.column,
            self.code.as_str(),
            self.message.get(lang)
        )
    }
}

/// The finding's line in Chinese (as the build prints it).
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line_in(Lang::Zh))
    }
}

/// Whether any finding is an error (not just a warning).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}
