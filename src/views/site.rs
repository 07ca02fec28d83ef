//! `yibao site DIR`: what was written, one line per file.

use super::*;
use crate::kb::i18n::Lang;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, Document, View};

/// One file of the site.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SiteFile {
    /// Where it is under the site's directory, `/`-separated: Chinese
    /// pages at the top, English ones under `en/` at the same paths.
    pub path: String,
    /// The language of the page.
    pub lang: Lang,
    /// `index`, `procedure`, `checklist`, `faq`, `plans` (the list of
    /// situations), `plan` or `terms` (the glossary).
    pub kind: &'static str,
    /// The page's title.
    pub title: String,
    /// The procedure the page is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    /// The situation whose plan the page is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
    /// The region whose data the page holds; absent for national rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Size in bytes.
    pub bytes: usize,
}

/// `yibao site DIR`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SiteReport {
    pub schema_version: u32,
    /// Always `site`.
    pub kind: &'static str,
    /// The language of this report (`--lang`); the site has both.
    pub lang: Lang,
    /// The directory, as given.
    pub dir: String,
    /// The page to open first, under `dir`: the index in the report's
    /// language.
    pub index: String,
    /// Regions with pages of their own (besides the national rules).
    pub regions: Vec<RegionRef>,
    /// Every file written: the Chinese pages, then the English ones, each
    /// language's index first.
    pub files: Vec<SiteFile>,
}

impl SiteReport {
    pub fn new(
        dir: String,
        lang: Lang,
        index: String,
        regions: Vec<RegionRef>,
        files: Vec<SiteFile>,
    ) -> SiteReport {
        SiteReport {
            schema_version: SCHEMA_VERSION,
            kind: "site",
            lang,
            dir,
            index,
            regions,
            files,
        }
    }

    /// A file's path as a shell would name it: under the directory given.
    pub fn shown(&self, path: &str) -> String {
        let dir = self.dir.trim_end_matches('/');
        if dir.is_empty() {
            format!("/{path}")
        } else {
            format!("{dir}/{path}")
        }
    }

    /// The line for stderr after the list.
    pub fn summary(&self) -> String {
        let index = self.shown(&self.index);
        self.lang.pick(
            format!("已写入 {} 个文件；用浏览器打开 {index}。", self.files.len()),
            format!(
                "{} files written; open {index} in a browser.",
                self.files.len()
            ),
        )
    }
}

impl View for SiteReport {
    /// One line per file, nothing else: ready for `xargs` or `grep`.
    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Raw(
            self.files
                .iter()
                .map(|f| Cow::Owned(self.shown(&f.path)))
                .collect(),
        ));
        d
    }
}
