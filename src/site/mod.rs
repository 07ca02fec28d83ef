//! `yibao site DIR`: the whole knowledge base as a static site of HTML
//! pages — an index by topic and by region, every procedure with national
//! rules and for each region that has data of its own, every checklist, the
//! FAQ, the plans for life situations and the glossary — each page the same
//! self-contained page `--format html` prints, with relative links between
//! them, so the site works from `file://` and from any web server.
//!
//! The site comes in both languages: Chinese at the root, English under
//! `en/`, the same paths below each, and every page links to itself in the
//! other language.
//!
//! A kind of page is one entry of [`KINDS`]: a function that makes its
//! pages. The index lists every page, by its procedure (and region), by its
//! situation, or among the other pages.

mod glossary;
mod index;
mod plans;
mod write;

pub use write::{prepare, write_pages};

use crate::kb::RegionInfo;
use crate::kb::date::Date;
use crate::kb::i18n::Lang;
use crate::kb::model::Term;
use crate::kb::situation::Situation;
use crate::kb::{Kb, KbError};
use crate::render::html::{self, Alternate, Frame, Link};
use crate::render::{Document, View};
use crate::views::{Checklist, FaqPage, ProcedurePage};
use std::borrow::Cow;
use std::fmt::Write;

/// What the site in one language is built from.
pub struct Site<'a> {
    pub kb: &'a Kb,
    pub lang: Lang,
    pub today: Date,
    /// Regions with pages of their own, each with the procedures it has data
    /// of its own for (a region without any is listed, with no pages).
    pub regions: Vec<(RegionInfo, Vec<String>)>,
    /// The life situations plans are made for.
    pub situations: Vec<Situation>,
    /// The glossary.
    pub terms: Vec<Term>,
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it is under the language's root, `/`-separated.
    pub path: String,
    /// `index`, `procedure`, `checklist`, `faq`, `plans`, `plan`, `terms`.
    pub kind: &'static str,
    pub title: String,
    /// The procedure it is about, if any.
    pub procedure: Option<String>,
    /// The situation whose plan it is, if any.
    pub situation: Option<String>,
    /// The region whose data it holds; `None` for national rules.
    pub region: Option<RegionInfo>,
    pub html: String,
}

/// Makes every page of one kind.
type Pages = fn(&Site) -> Result<Vec<Page>, KbError>;

/// The kinds of page, in the order the site lists them. Each makes all its
/// pages; adding a kind of page is one entry here.
const KINDS: [Pages; 5] = [
    procedure_pages,
    checklist_pages,
    faq_pages,
    plans::pages,
    glossary::pages,
];

/// The index page's path.
pub const INDEX: &str = "index.html";

/// The languages of the site, the one at its root first.
pub const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

/// Where a language's pages are, under the site's directory.
pub fn root(lang: Lang) -> &'static str {
    lang.pick("", "en/")
}

/// The site's other language.
fn other(lang: Lang) -> Lang {
    lang.pick(Lang::En, Lang::Zh)
}

/// Every page of the site, the index first.
pub fn build(site: &Site) -> Result<Vec<Page>, KbError> {
    let mut pages = Vec::new();
    for kind in KINDS {
        pages.extend(kind(site)?);
    }
    pages.insert(0, index::page(site, &pages));
    Ok(pages)
}

impl<'a> Site<'a> {
    /// The site in `lang`, with the regions given pages of their own.
    pub fn new(
        kb: &'a Kb,
        lang: Lang,
        today: Date,
        regions: Vec<(RegionInfo, Vec<String>)>,
    ) -> Result<Site<'a>, KbError> {
        Ok(Site {
            kb,
            lang,
            today,
            regions,
            situations: kb.situations()?,
            terms: kb.terms()?,
        })
    }

    /// The regions with data of their own for a procedure.
    fn regions_of<'s>(&'s self, id: &'s str) -> impl Iterator<Item = RegionInfo> + 's {
        self.regions
            .iter()
            .filter(move |(_, ids)| ids.iter().any(|x| x == id))
            .map(|(r, _)| *r)
    }

    /// National rules, then each region with data of its own.
    fn versions(&self, id: &str) -> Vec<Option<RegionInfo>> {
        std::iter::once(None)
            .chain(self.regions_of(id).map(Some))
            .collect()
    }

    /// The page of a procedure nearest to a region: the region's own, else
    /// its province's, else national rules.
    fn nearest(&self, id: &str, region: Option<RegionInfo>) -> Option<RegionInfo> {
        let has = |r: &RegionInfo| self.regions_of(id).any(|x| x.id == r.id);
        region
            .filter(has)
            .or_else(|| region.and_then(|r| r.province()).filter(has))
    }

    /// The links above every page: the index, the procedure's topic there.
    fn nav(&self, from: &str, topic: Option<&str>) -> Vec<Link<'static>> {
        let lang = self.lang;
        let mut nav = vec![Link {
            href: href(from, INDEX),
            text: Cow::Borrowed(lang.pick("首页：全部事项", "Home: all procedures")),
        }];
        if let Some(t) = topic.and_then(|t| self.kb.topic(t)) {
            nav.push(Link {
                href: format!("{}#topic-{}", href(from, INDEX), t.id),
                text: Cow::Owned(t.name_in(lang).into_owned()),
            });
        }
        nav
    }

    /// The page at `path` in the other language, as a link from it.
    fn alternate(&self, path: &str) -> Alternate {
        let lang = other(self.lang);
        Alternate {
            lang,
            href: href(
                &format!("{}{path}", root(self.lang)),
                &format!("{}{path}", root(lang)),
            ),
        }
    }

    /// The whole page at `path` around a document.
    fn page(&self, doc: &Document, path: &str, nav: &[Link], more: &str) -> String {
        let frame = Frame {
            lang: self.lang,
            title: doc.title().unwrap_or("yibao"),
            nav,
            alternate: Some(self.alternate(path)),
        };
        html::page(&frame, &html::body_with(doc, more))
    }

    /// Links to the glossary's entries for the words that matter for a
    /// procedure.
    fn terms_of(&self, from: &str, id: &str) -> Vec<Link<'static>> {
        self.terms
            .iter()
            .filter(|t| t.related.iter().any(|r| r == id))
            .map(|t| Link {
                href: format!("{}#{}", href(from, glossary::PATH), t.id),
                text: Cow::Owned(t.term.get(self.lang).into_owned()),
            })
            .collect()
    }
}

/// The path of a procedure's page, or of its checklist.
pub fn procedure_path(id: &str, region: Option<RegionInfo>, checklist: bool) -> String {
    let dir = match region {
        None => Cow::Borrowed("national"),
        Some(r) => Cow::Owned(format!("regions/{}", r.id)),
    };
    let suffix = if checklist { ".checklist" } else { "" };
    format!("{dir}/{id}{suffix}.html")
}

/// A link from the page at `from` to the page at `to` (both under the same
/// root): up out of the directories `to` is not in, then down to it.
pub fn href(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut s = "../".repeat(from_dirs.len() - common);
    s.push_str(&to_parts[common..].join("/"));
    s
}

/// The short name a page's version goes by: 全国 or the region's (its
/// English name on English pages).
fn version_label(lang: Lang, region: Option<RegionInfo>) -> Cow<'static, str> {
    match region {
        None => Cow::Borrowed(lang.pick("全国", "National")),
        Some(r) if lang == Lang::En && !r.en.is_empty() => Cow::Borrowed(r.en),
        Some(r) => Cow::Borrowed(r.short),
    }
}

/// Links to the other versions of a page (national and each region's).
fn version_links(
    site: &Site,
    from: &str,
    id: &str,
    current: Option<RegionInfo>,
    checklist: bool,
) -> Vec<Link<'static>> {
    site.versions(id)
        .into_iter()
        .filter(|r| r.map(|r| r.id) != current.map(|r| r.id))
        .map(|r| Link {
            href: href(from, &procedure_path(id, r, checklist)),
            text: version_label(site.lang, r),
        })
        .collect()
}

/// The "on this site" section of a procedure page or a checklist: its
/// counterpart, its other versions, related procedures. Not printed.
fn see_also(lang: Lang, items: &[(&str, Vec<Link>)]) -> String {
    links_section(lang, lang.pick("本站相关页面", "More on this site"), items)
}

/// A section of links under a heading, one line per label. Not printed.
fn links_section(lang: Lang, heading: &str, items: &[(&str, Vec<Link>)]) -> String {
    let mut out = String::new();
    if items.iter().all(|(_, links)| links.is_empty()) {
        return out;
    }
    let _ = writeln!(
        out,
        "<section class=\"screen-only\">\n<h2>{}</h2>\n<ul>",
        html::text(heading)
    );
    for (label, links) in items.iter().filter(|(_, l)| !l.is_empty()) {
        let links: Vec<String> = links.iter().map(html::link).collect();
        let _ = writeln!(
            out,
            "<li>{}{}{}</li>",
            html::text(label),
            lang.pick("：", ": "),
            links.join(lang.pick("、", ", "))
        );
    }
    out.push_str("</ul>\n</section>\n");
    out
}

fn procedure_pages(site: &Site) -> Result<Vec<Page>, KbError> {
    let lang = site.lang;
    let mut pages = Vec::new();
    for p in site.kb.procedures() {
        for region in site.versions(p.id) {
            let path = procedure_path(p.id, region, false);
            let view = ProcedurePage::new(
                site.kb,
                site.kb.resolve(p.id, region)?,
                site.today,
                lang,
                None,
            );
            let related: Vec<Link> = view
                .related
                .iter()
                .map(|r| Link {
                    href: href(
                        &path,
                        &procedure_path(&r.id, site.nearest(&r.id, region), false),
                    ),
                    text: Cow::Owned(r.title.to_string()),
                })
                .collect();
            let checklist = vec![Link {
                href: href(&path, &procedure_path(p.id, region, true)),
                text: Cow::Borrowed(lang.pick("要准备什么（可打印）", "What to bring (printable)")),
            }];
            let more = see_also(
                lang,
                &[
                    (lang.pick("办理清单", "Checklist"), checklist),
                    (
                        lang.pick("其他地区的版本", "Other regions"),
                        version_links(site, &path, p.id, region, false),
                    ),
                    (lang.pick("相关事项", "Related"), related),
                    (
                        lang.pick("词语解释", "Words explained"),
                        site.terms_of(&path, p.id),
                    ),
                ],
            );
            let doc = view.document();
            pages.push(Page {
                html: site.page(&doc, &path, &site.nav(&path, Some(p.topic)), &more),
                title: doc.title().unwrap_or_default().to_string(),
                path,
                kind: "procedure",
                procedure: Some(p.id.to_string()),
                situation: None,
                region,
            });
        }
    }
    Ok(pages)
}

fn checklist_pages(site: &Site) -> Result<Vec<Page>, KbError> {
    let lang = site.lang;
    let mut pages = Vec::new();
    for p in site.kb.procedures() {
        for region in site.versions(p.id) {
            let path = procedure_path(p.id, region, true);
            let view = Checklist::new(site.kb.resolve(p.id, region)?, None, site.today, lang, None);
            let guide = vec![Link {
                href: href(&path, &procedure_path(p.id, region, false)),
                text: Cow::Owned(p.title_in(lang).into_owned()),
            }];
            let more = see_also(
                lang,
                &[
                    (lang.pick("办事指南", "Procedure"), guide),
                    (
                        lang.pick("其他地区的清单", "Other regions"),
                        version_links(site, &path, p.id, region, true),
                    ),
                ],
            );
            let doc = view.document();
            pages.push(Page {
                html: site.page(&doc, &path, &site.nav(&path, Some(p.topic)), &more),
                title: doc.title().unwrap_or_default().to_string(),
                path,
                kind: "checklist",
                procedure: Some(p.id.to_string()),
                situation: None,
                region,
            });
        }
    }
    Ok(pages)
}

/// Every procedure's questions, national rules.
fn faq_pages(site: &Site) -> Result<Vec<Page>, KbError> {
    let mut resolved = Vec::new();
    for p in site.kb.procedures() {
        resolved.push(site.kb.resolve(p.id, None)?);
    }
    let view = FaqPage::new(resolved, None, site.today, site.lang);
    let path = "faq.html".to_string();
    let doc = view.document();
    Ok(vec![Page {
        html: site.page(&doc, &path, &site.nav(&path, None), ""),
        title: doc.title().unwrap_or_default().to_string(),
        path,
        kind: "faq",
        procedure: None,
        situation: None,
        region: None,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_short() {
        assert_eq!(
            href(INDEX, "national/card.apply.html"),
            "national/card.apply.html"
        );
        assert_eq!(href("national/card.apply.html", INDEX), "../index.html");
        assert_eq!(
            href("regions/heihe/a.html", "regions/heihe/a.checklist.html"),
            "a.checklist.html"
        );
        assert_eq!(
            href("regions/heihe/a.html", "regions/heilongjiang/b.html"),
            "../heilongjiang/b.html"
        );
        assert_eq!(
            href("regions/heihe/a.html", "national/a.html"),
            "../../national/a.html"
        );
        // Between the languages: the same path under the other root.
        assert_eq!(
            href("national/a.html", "en/national/a.html"),
            "../en/national/a.html"
        );
        assert_eq!(href("en/index.html", INDEX), "../index.html");
        assert_eq!(href(INDEX, "en/index.html"), "en/index.html");
    }
}
