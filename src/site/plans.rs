//! Plans on the site: the list of situations (`plans/index.html`) and each
//! situation's plan (`plans/<id>.html`), composed as `yibao plan <id>`
//! composes it.
//!
//! A plan is composed for national rules, and again for each region of the
//! site as the place of insurance (`--from`) when the region has data of
//! its own for a procedure the plan does there: `plans/<region>/<id>.html`,
//! the same plan `yibao plan <id> --from <region>` gives. The place of
//! treatment (`--to`) is left open: any place can be the destination, and
//! the steps then say "your destination".

use super::{Page, Site, href, links_section, procedure_path, version_label};
use crate::kb::situation::{Place, Situation};
use crate::kb::{KbError, RegionInfo};
use crate::render::View;
use crate::render::html::Link;
use crate::views::{PlanAsk, PlanList, PlanPage};
use std::borrow::Cow;

/// The list of situations.
pub const LIST: &str = "plans/index.html";

/// The path of a situation's plan, for national rules or a region.
pub fn plan_path(id: &str, region: Option<RegionInfo>) -> String {
    match region {
        None => format!("plans/{id}.html"),
        Some(r) => format!("plans/{}/{id}.html", r.id),
    }
}

impl Site<'_> {
    /// National rules, then each region of the site with data of its own
    /// for a procedure the situation's plan does at the place of insurance.
    pub(super) fn plan_versions(&self, s: &Situation) -> Vec<Option<RegionInfo>> {
        let uses = |own: &[String]| {
            s.plan.iter().any(|step| {
                step.at == Place::From
                    && step
                        .procedure
                        .as_deref()
                        .is_some_and(|p| own.iter().any(|o| o == p))
            })
        };
        std::iter::once(None)
            .chain(
                self.regions
                    .iter()
                    .filter(|(_, own)| uses(own))
                    .map(|(r, _)| Some(*r)),
            )
            .collect()
    }

    /// Links from `from` to every version of a situation's plan but
    /// `current`.
    fn plan_links(
        &self,
        from: &str,
        s: &Situation,
        current: Option<Option<RegionInfo>>,
    ) -> Vec<Link<'static>> {
        self.plan_versions(s)
            .into_iter()
            .filter(|r| current.is_none_or(|c| c.map(|x| x.id) != r.map(|x| x.id)))
            .map(|r| Link {
                href: href(from, &plan_path(&s.id, r)),
                text: version_label(self.lang, r),
            })
            .collect()
    }

    /// The links above a plan's page: home, and the list of situations.
    fn plan_nav(&self, from: &str) -> Vec<Link<'static>> {
        let mut nav = self.nav(from, None);
        if from != LIST {
            nav.push(Link {
                href: href(from, LIST),
                text: Cow::Borrowed(self.lang.pick("全部办事方案", "All plans")),
            });
        }
        nav
    }
}

/// The list of situations, then every situation's plans.
pub(super) fn pages(site: &Site) -> Result<Vec<Page>, KbError> {
    let lang = site.lang;
    let mut pages = vec![list_page(site)];
    for s in &site.situations {
        for region in site.plan_versions(s) {
            let path = plan_path(&s.id, region);
            let ask = PlanAsk {
                situation: s,
                from: region,
                to: None,
                who: None,
                on_behalf: false,
                lang,
            };
            let view = PlanPage::new(site.kb, ask, site.today)?;
            let more = links_section(
                lang,
                lang.pick("本站相关页面", "More on this site"),
                &[
                    (
                        lang.pick("方案用到的事项", "Procedures in this plan"),
                        procedure_links(site, &path, &view, region),
                    ),
                    (
                        lang.pick("其他地区的方案", "Other regions"),
                        site.plan_links(&path, s, Some(region)),
                    ),
                ],
            );
            let doc = view.document();
            pages.push(Page {
                html: site.page(&doc, &path, &site.plan_nav(&path), &more),
                title: doc.title().unwrap_or_default().to_string(),
                path,
                kind: "plan",
                procedure: None,
                situation: Some(s.id.to_string()),
                region,
            });
        }
    }
    Ok(pages)
}

/// `plans/index.html`: what `yibao plan` lists, and every plan's pages.
fn list_page(site: &Site) -> Page {
    let lang = site.lang;
    let path = LIST.to_string();
    let view = PlanList::new(&site.situations, lang);
    let titles: Vec<String> = view.situations.iter().map(|s| s.title.clone()).collect();
    let items: Vec<(&str, Vec<Link>)> = site
        .situations
        .iter()
        .zip(&titles)
        .map(|(s, title)| (title.as_str(), site.plan_links(&path, s, None)))
        .collect();
    let more = links_section(lang, lang.pick("本站的方案", "Plans on this site"), &items);
    let doc = view.document();
    Page {
        html: site.page(&doc, &path, &site.plan_nav(&path), &more),
        title: doc.title().unwrap_or_default().to_string(),
        path,
        kind: "plans",
        procedure: None,
        situation: None,
        region: None,
    }
}

/// Links to the procedures a plan's steps come from, each once: the page
/// nearest the place the step is done (the region of the page for the
/// place of insurance; national rules for the open place of treatment).
fn procedure_links(
    site: &Site,
    from: &str,
    plan: &PlanPage,
    region: Option<RegionInfo>,
) -> Vec<Link<'static>> {
    let mut links: Vec<Link<'static>> = Vec::new();
    let procedures = plan
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .filter_map(|s| s.procedure.as_ref());
    for p in procedures {
        let at = match p.at {
            Place::From => region,
            Place::To => None,
        };
        let to = procedure_path(&p.id, site.nearest(&p.id, at), false);
        let href = href(from, &to);
        if !links.iter().any(|l| l.href == href) {
            links.push(Link {
                href,
                text: Cow::Owned(p.title.clone()),
            });
        }
    }
    links
}
