//! The site's first page: every page, by topic, by region and by
//! situation.

use super::{INDEX, Page, Site, href, plans, version_label};
use crate::render::html::{self, Cell, Frame, Link};
use crate::views::{Freshness, region_name};
use std::borrow::Cow;
use std::fmt::Write;

/// The index of `pages`.
pub(super) fn page(site: &Site, pages: &[Page]) -> Page {
    let lang = site.lang;
    let title = lang.pick(
        "yibao 医保办事指南",
        "yibao: a guide to medical insurance procedures",
    );
    let mut b = String::with_capacity(16 * 1024);
    let _ = writeln!(
        b,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>",
        html::text(title),
        html::text(lang.pick(
            "医保卡申领、激活、补办，家庭共济，异地就医备案：每件事的步骤、材料、渠道和时限，每页都能打印。",
            "Medical insurance cards, family mutual aid and cross-province filing: the steps, what to bring, where to go and how long it takes, on pages you can print.",
        ))
    );
    let _ = writeln!(
        b,
        "<p class=\"note info\"><strong>{}</strong>{}</p>",
        lang.pick("提示：", "Note: "),
        html::text(lang.pick(
            "每件事都有全国通用规则；有地方资料的地区另有一页，表格的「地区」一栏注明每一部分来自全国、省还是市。",
            "Every procedure has a page of national rules; regions with data of their own have a page each, and the Region column says whether each part is national, provincial or local.",
        ))
    );
    by_topic(&mut b, site, pages);
    by_region(&mut b, site, pages);
    by_situation(&mut b, site, pages);
    others(&mut b, site, pages);
    let checked = Freshness::of(&site.kb.checked_as_of(), site.today, site.lang);
    let _ = writeln!(
        b,
        "<footer>\n<p>{}</p>\n<p>{} yibao {}</p>\n</footer>",
        html::text(&checked.footer()),
        lang.pick("本站由", "Made by"),
        env!("CARGO_PKG_VERSION")
    );
    let nav: [Link; 0] = [];
    let frame = Frame {
        lang,
        title,
        nav: &nav,
        alternate: Some(site.alternate(INDEX)),
    };
    Page {
        path: INDEX.to_string(),
        kind: "index",
        title: title.to_string(),
        procedure: None,
        situation: None,
        region: None,
        html: html::page(&frame, &b),
    }
}

/// Links to the pages of one kind about a procedure or a situation,
/// national first.
fn links_to(site: &Site, pages: &[Page], kind: &str, id: &str) -> Vec<Link<'static>> {
    pages
        .iter()
        .filter(|p| {
            p.kind == kind
                && (p.procedure.as_deref() == Some(id) || p.situation.as_deref() == Some(id))
        })
        .map(|p| Link {
            href: href(INDEX, &p.path),
            text: version_label(site.lang, p.region),
        })
        .collect()
}

/// Each topic: its procedures, each with its guide and checklist in every
/// version.
fn by_topic(b: &mut String, site: &Site, pages: &[Page]) {
    let lang = site.lang;
    let _ = writeln!(
        b,
        "<section id=\"topics\">\n<h2>{}</h2>",
        lang.pick("按主题", "By topic")
    );
    let headers = [
        lang.pick("事项", "Procedure"),
        lang.pick("办事指南", "Guide"),
        lang.pick("办理清单", "Checklist"),
    ]
    .map(Cow::Borrowed);
    for t in site.kb.topics() {
        let procs: Vec<_> = site
            .kb
            .procedures()
            .into_iter()
            .filter(|p| p.topic == t.id)
            .collect();
        let _ = writeln!(
            b,
            "<h3 id=\"topic-{}\">{}</h3>",
            html::escape(t.id),
            html::text(&t.name_in(lang))
        );
        if !t.summary.is_empty() {
            let _ = writeln!(b, "<p>{}</p>", html::text(&t.summary_in(lang)));
        }
        let rows = procs.iter().map(|p| {
            vec![
                Cell {
                    html: format!(
                        "{}<br><small>yibao {} {}</small>",
                        html::text(&p.title_in(lang)),
                        html::text(p.topic),
                        html::text(p.action)
                    ),
                    short: false,
                },
                Cell::links(&links_to(site, pages, "procedure", p.id), lang),
                Cell::links(&links_to(site, pages, "checklist", p.id), lang),
            ]
        });
        html::table_of(b, &headers, rows, lang);
    }
    b.push_str("</section>\n");
}

/// Each region of the site: the procedures it has data of its own for,
/// and the plans for people insured there.
fn by_region(b: &mut String, site: &Site, pages: &[Page]) {
    let lang = site.lang;
    if site.regions.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section id=\"regions\">\n<h2>{}</h2>",
        lang.pick("按地区", "By region")
    );
    for (r, _) in &site.regions {
        let name = region_name(*r, lang);
        let _ = writeln!(
            b,
            "<h3 id=\"region-{}\">{}</h3>",
            html::escape(r.id),
            html::text(&name)
        );
        let of_region = |kind: &'static str| {
            move |p: &&Page| p.kind == kind && p.region.is_some_and(|x| x.id == r.id)
        };
        let own: Vec<&Page> = pages.iter().filter(of_region("procedure")).collect();
        let rest = match r.province() {
            Some(p) => lang.pick(
                format!("其余事项按{}的资料和全国通用规则。", p.name),
                format!(
                    "Other procedures: the data of {} and the national rules.",
                    region_name(p, lang)
                ),
            ),
            None => lang
                .pick(
                    "其余事项按全国通用规则。",
                    "Other procedures: the national rules.",
                )
                .to_string(),
        };
        if own.is_empty() {
            let _ = writeln!(
                b,
                "<p>{}</p>",
                html::text(&lang.pick(
                    format!("{}暂无本地资料。{rest}", r.name),
                    format!("No data from {name} itself yet. {rest}"),
                ))
            );
            continue;
        }
        let _ = writeln!(
            b,
            "<p>{}</p>\n<ul>",
            html::text(&lang.pick(
                format!("下列事项有{}本地的资料；{rest}", r.name),
                format!("These procedures have data from {name} itself. {rest}"),
            ))
        );
        for p in own {
            let checklist = pages.iter().find(|c| {
                c.kind == "checklist"
                    && c.procedure == p.procedure
                    && c.region.map(|x| x.id) == Some(r.id)
            });
            let _ = write!(
                b,
                "<li>{}",
                html::link(&Link {
                    href: href(INDEX, &p.path),
                    text: Cow::Borrowed(&p.title),
                })
            );
            if let Some(c) = checklist {
                let _ = write!(
                    b,
                    "{}{}{}",
                    lang.pick("（", " ("),
                    html::link(&Link {
                        href: href(INDEX, &c.path),
                        text: Cow::Borrowed(lang.pick("办理清单", "checklist")),
                    }),
                    lang.pick("）", ")")
                );
            }
            b.push_str("</li>\n");
        }
        b.push_str("</ul>\n");
        let plans: Vec<Link> = pages
            .iter()
            .filter(of_region("plan"))
            .map(|p| Link {
                href: href(INDEX, &p.path),
                text: Cow::Borrowed(&p.title),
            })
            .collect();
        if !plans.is_empty() {
            let _ = writeln!(
                b,
                "<p>{}</p>\n<ul>",
                html::text(&lang.pick(
                    format!("在{}参保的人，按情况的办事方案：", r.name),
                    format!("Plans for people insured in {name}:"),
                ))
            );
            for l in &plans {
                let _ = writeln!(b, "<li>{}</li>", html::link(l));
            }
            b.push_str("</ul>\n");
        }
    }
    b.push_str("</section>\n");
}

/// Each situation: its plan, for national rules and for each region of the
/// site it has a version for.
fn by_situation(b: &mut String, site: &Site, pages: &[Page]) {
    let lang = site.lang;
    if site.situations.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section id=\"plans\">\n<h2>{}</h2>\n<p>{}</p>\n<p>{}</p>",
        lang.pick("按情况：办事方案", "Plans for life situations"),
        html::text(lang.pick(
            "遇到一件事要办好几项手续时（去外省过冬、丢了卡、孩子出生），方案把要做的事按先后排好，要带的材料合成一张单子。",
            "When one event takes several procedures (wintering in another province, a lost card, a newborn), a plan puts the steps in order and lists what to bring once.",
        )),
        html::link(&Link {
            href: href(INDEX, plans::LIST),
            text: Cow::Borrowed(lang.pick(
                "全部情况：每种情况的说法和方案做什么",
                "Every situation: the words for it and what its plan does",
            )),
        })
    );
    let headers = [
        lang.pick("情况", "Situation"),
        lang.pick("办事方案", "Plan"),
    ]
    .map(Cow::Borrowed);
    let rows = site.situations.iter().map(|s| {
        vec![
            Cell {
                html: format!(
                    "{}<br><small>yibao plan {}</small>",
                    html::text(&s.title.get(lang)),
                    html::text(&s.id)
                ),
                short: false,
            },
            Cell::links(&links_to(site, pages, "plan", &s.id), lang),
        ]
    });
    html::table_of(b, &headers, rows, lang);
    b.push_str("</section>\n");
}

/// Pages about no one procedure or situation: the FAQ, the list of plans,
/// the glossary.
fn others(b: &mut String, site: &Site, pages: &[Page]) {
    let rest: Vec<&Page> = pages
        .iter()
        .filter(|p| p.procedure.is_none() && p.situation.is_none())
        .collect();
    if rest.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section id=\"more\">\n<h2>{}</h2>\n<ul>",
        site.lang.pick("更多", "More")
    );
    for p in rest {
        let _ = writeln!(
            b,
            "<li>{}</li>",
            html::link(&Link {
                href: href(INDEX, &p.path),
                text: Cow::Borrowed(&p.title),
            })
        );
    }
    b.push_str("</ul>\n</section>\n");
}
