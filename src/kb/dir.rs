//! One verdict on a data directory. `yibao data validate DIR` prints it and
//! `--data DIR` acts on it; both call [`check_dir`], so they cannot disagree.
//!
//! A directory with a `regions:` file is a complete base: it is checked
//! whole, as the build checks the built-in base, and with `--data` it
//! replaces the built-in base for that run. Any other directory is an
//! overlay: checked against the built-in base, and laid over it. Either is
//! used only when it has no error.

use super::base::Base;
use super::date::Date;
use super::finding::{Finding, has_errors};
use super::i18n::Msg;
use super::load::{self, LoadedFile};
use super::{Kb, validate};
use std::path::Path;

/// What a data directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirKind {
    /// A complete knowledge base, with its own region registry.
    Base,
    /// Layers and additions over the built-in base.
    Overlay,
}

impl DirKind {
    /// `base` or `overlay`, as the JSON says it.
    pub fn as_str(self) -> &'static str {
        match self {
            DirKind::Base => "base",
            DirKind::Overlay => "overlay",
        }
    }

    /// What messages call it, in Chinese and English.
    pub fn label(self) -> Msg {
        match self {
            DirKind::Base => Msg::new("完整知识库", "complete base"),
            DirKind::Overlay => Msg::new("覆盖数据", "overlay"),
        }
    }
}

/// The outcome of checking a data directory.
#[derive(Debug)]
pub struct Verdict {
    pub kind: DirKind,
    /// Files found: those read, and those that could not be.
    pub files: usize,
    /// Every finding, by file and position.
    pub findings: Vec<Finding>,
    /// What the files hold; only when there is no error.
    pub base: Option<Base>,
}

impl Verdict {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.code.is_error()).count()
    }
}

/// A data directory with an error: nothing of it is used.
#[derive(Debug)]
pub struct Rejected {
    pub kind: DirKind,
    /// Every finding, errors and warnings, by file and position.
    pub findings: Vec<Finding>,
}

/// Reads and checks every file below `dir` (see [`load::load_dir`] for what
/// is read and the limits).
pub fn check_dir(dir: &Path, today: Date) -> Verdict {
    let (files, findings) = load::load_dir(dir);
    check_files(files, findings, today)
}

/// Checks files already read (`findings`: what reading them found).
pub fn check_files(files: Vec<LoadedFile>, findings: Vec<Finding>, today: Date) -> Verdict {
    let count = files.len() + findings.iter().filter(|f| f.code.is_error()).count();
    let kind = if files.iter().any(|f| !f.data.regions.is_empty()) {
        DirKind::Base
    } else {
        DirKind::Overlay
    };
    let (base, mut findings) = match kind {
        DirKind::Base => {
            let mut findings = findings;
            let (base, more) = validate::check(files, validate::Mode::Base, None, today);
            findings.extend(more);
            if !has_errors(&findings) {
                findings.extend(validate::check_base_resolution(&base));
            }
            (Some(base), findings)
        }
        DirKind::Overlay => Kb::check_overlay(files, findings, today),
    };
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
    findings.dedup();
    let base = base.filter(|_| !has_errors(&findings));
    Verdict {
        kind,
        files: count,
        findings,
        base,
    }
}
