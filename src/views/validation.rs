//! `yibao data validate`: the linter's findings.

use super::*;
use crate::kb::finding::Finding;
use crate::kb::i18n::count_en;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, View};

/// One linter finding.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingRef {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// What is wrong, in the run's language (`--lang`).
    pub message: String,
}

impl FindingRef {
    /// The finding with its message in `lang`.
    pub fn new(f: &Finding, lang: Lang) -> FindingRef {
        FindingRef {
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            code: f.code.as_str(),
            severity: if f.is_error() { "error" } else { "warning" },
            message: f.message.get(lang).to_string(),
        }
    }
}

/// `yibao data validate [DIR]`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ValidationReport {
    pub schema_version: u32,
    /// Always `validation`.
    pub kind: &'static str,
    pub path: String,
    /// `base` (a complete knowledge base) or `overlay`.
    pub mode: &'static str,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingRef>,
    /// The language of the messages.
    #[serde(skip)]
    pub lang: Lang,
}

impl ValidationReport {
    /// The report of `findings`, their messages in `lang`.
    pub fn new(
        path: String,
        mode: &'static str,
        files: usize,
        findings: &[Finding],
        lang: Lang,
    ) -> ValidationReport {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        ValidationReport {
            schema_version: SCHEMA_VERSION,
            kind: "validation",
            path,
            mode,
            files,
            errors,
            warnings: findings.len() - errors,
            findings: findings.iter().map(|f| FindingRef::new(f, lang)).collect(),
            lang,
        }
    }

    /// The closing summary line.
    pub fn summary(&self) -> String {
        let base = self.mode == "base";
        match self.lang {
            Lang::Zh => format!(
                "{}：{} 个文件，{} 个错误，{} 个警告（按{}检查）",
                self.path,
                self.files,
                self.errors,
                self.warnings,
                if base {
                    "完整知识库"
                } else {
                    "覆盖数据"
                }
            ),
            Lang::En => format!(
                "{}: {}, {}, {} (checked as {})",
                self.path,
                count_en(self.files, "file", "files"),
                count_en(self.errors, "error", "errors"),
                count_en(self.warnings, "warning", "warnings"),
                if base {
                    "a complete base"
                } else {
                    "an overlay"
                }
            ),
        }
    }
}

impl View for ValidationReport {
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Raw(
            self.findings
                .iter()
                .map(|f| {
                    Cow::Owned(format!(
                        "{}:{}:{}: {} {}",
                        f.file, f.line, f.column, f.code, f.message
                    ))
                })
                .collect(),
        ));
        d
    }
}
