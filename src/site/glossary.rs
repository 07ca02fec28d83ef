//! The glossary on the site: `terms.html`, the whole of `yibao terms`, each
//! entry anchored by its id (`terms.html#deductible`) so that procedure
//! pages link the words that matter for them.

use super::{Page, Site, links_section, procedure_path};
use crate::kb::KbError;
use crate::render::View;
use crate::render::html::Link;
use crate::views::TermList;
use std::borrow::Cow;

/// The glossary's path.
pub const PATH: &str = "terms.html";

pub(super) fn pages(site: &Site) -> Result<Vec<Page>, KbError> {
    let lang = site.lang;
    let path = PATH.to_string();
    let view = TermList::new(site.kb, site.terms.clone(), lang);
    // The procedures the words matter for, each once, national rules.
    let mut procedures: Vec<Link> = Vec::new();
    for e in &view.terms {
        for r in &e.related {
            let href = super::href(&path, &procedure_path(&r.id, None, false));
            if !procedures.iter().any(|l| l.href == href) {
                procedures.push(Link {
                    href,
                    text: Cow::Owned(r.title.to_string()),
                });
            }
        }
    }
    let more = links_section(
        lang,
        lang.pick("本站相关页面", "More on this site"),
        &[(lang.pick("词语涉及的事项", "Procedures"), procedures)],
    );
    let doc = view.document();
    Ok(vec![Page {
        html: site.page(&doc, &path, &site.nav(&path, None), &more),
        title: doc.title().unwrap_or_default().to_string(),
        path,
        kind: "terms",
        procedure: None,
        situation: None,
        region: None,
    }])
}
