//! `yibao data validate`: the linter's findings.

use super::*;
use crate::kb::finding::Finding;
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
    pub message: String,
}

impl From<&Finding> for FindingRef {
    fn from(f: &Finding) -> FindingRef {
        FindingRef {
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            code: f.code.as_str(),
            severity: if f.is_error() { "error" } else { "warning" },
            message: f.message.clone(),
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
}

impl ValidationReport {
    pub fn new(
        path: String,
        mode: &'static str,
        files: usize,
        findings: &[Finding],
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
            findings: findings.iter().map(FindingRef::from).collect(),
        }
    }

    /// The closing summary line.
    pub fn summary(&self) -> String {
        format!(
            "{}：{} 个文件，{} 个错误，{} 个警告（按{}检查）",
            self.path,
            self.files,
            self.errors,
            self.warnings,
            if self.mode == "base" {
                "完整知识库"
            } else {
                "覆盖数据"
            }
        )
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
