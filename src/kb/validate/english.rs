//! T001: every text carries its English version. The linter reports a text
//! without it as a warning: a local office's overlay, or a user's own copy
//! of the base, may be Chinese only, and English answers then show its
//! Chinese, marked. For the built-in base it is an error: the build fails
//! (`build.rs`), so the guide always reads whole in both languages.

use super::super::finding::{Code, Finding};
use super::super::i18n::{Msg, Texts};
use super::super::locate::{Anchor, locate};
use super::Checker;

impl Checker {
    /// Reports each text of `item` (named `what`, found after `owner`)
    /// that has no English version.
    pub(super) fn check_english(
        &mut self,
        fi: usize,
        owner: &[Anchor<'_>],
        what: &str,
        item: &dyn Texts,
    ) {
        let mut missing: Vec<(&'static str, String)> = Vec::new();
        item.each_text("", &mut |field, s| {
            let no_en = s.en.as_deref().is_none_or(|e| e.trim().is_empty());
            if no_en && !s.trim().is_empty() {
                missing.push((field, s.text.to_string()));
            }
        });
        for (field, zh) in missing {
            let needle: String = zh.chars().take(12).collect();
            let mut anchors = owner.to_vec();
            anchors.push(Anchor::Text(&needle));
            let (path, text) = &self.base.files[fi];
            let (line, col) = locate(text, &anchors);
            let short: String = zh.chars().take(16).collect();
            let more = if zh.chars().count() > 16 { "…" } else { "" };
            let f = Finding::new(
                path,
                line,
                col,
                Code::T001,
                Msg::new(
                    format!(
                        "{what} 的 {field}「{short}{more}」没有英文 (no English version: write it as {{zh: …, en: …}})"
                    ),
                    format!(
                        "{what}: {field} \"{short}{more}\" has no English version (write it as {{zh: …, en: …}})"
                    ),
                ),
            );
            self.findings.push(f.warning());
        }
    }
}
