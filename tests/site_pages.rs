//! `yibao site DIR`: what the pages say — English pages in English with
//! the Chinese names beside, every plan page the plan `yibao plan`
//! composes, the glossary's anchors and the links to them, the index by
//! topic and by region. The site's files and links are in `site.rs`.
#![allow(dead_code)]

mod common;
#[path = "common/site.rs"]
mod site;

use common::html::*;
use common::*;
use site::*;
use std::collections::BTreeSet;

#[test]
fn english_pages_are_in_english_and_keep_chinese_names_beside() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    ok(["site", dir.to_str().unwrap()]);
    let index = std::fs::read_to_string(dir.join("en/index.html")).unwrap();
    let doc = assert_page(&index, "en", "en/index");
    let topics = ok_json(["--json", "--lang", "en"]);
    let h3 = texts(&doc, "h3");
    for t in topics["topics"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        assert!(h3.iter().any(|h| h == name), "topic {name} in {h3:?}");
    }
    assert!(
        h3.iter().any(|h| h == "Heilongjiang (黑龙江省)")
            && h3.iter().any(|h| h == "Heihe (黑河市)"),
        "{h3:?}"
    );
    let text = body_text(&doc);
    for p in ok_json(["list", "--json", "--lang", "en"])["procedures"]
        .as_array()
        .unwrap()
    {
        let title = p["title"].as_str().unwrap();
        assert!(text.contains(title), "{title} on the English index");
    }
    // Versions by their English names, listed the English way.
    assert!(
        index.contains(
            "<a href=\"plans/winter-stay.html\">National</a>, \
             <a href=\"plans/heilongjiang/winter-stay.html\">Heilongjiang</a>, \
             <a href=\"plans/heihe/winter-stay.html\">Heihe</a>"
        ),
        "{index}"
    );
    assert!(!text.contains('、'), "a Chinese list on the English index");
}

/// The answer a page shows, inside `<main>`, without the site's section of
/// links to its other pages.
fn answer_of(page: &str) -> String {
    let main = page
        .split("<main>\n")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .expect("a <main>");
    let open = "<section class=\"screen-only\">";
    match main.find(open) {
        Some(i) => {
            let end = i + main[i..].find("</section>\n").unwrap() + "</section>\n".len();
            format!("{}{}", &main[..i], &main[end..])
        }
        None => main.to_string(),
    }
}

#[test]
fn every_plan_page_is_the_plan_yibao_plan_composes_linked_to_its_procedures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let report = site_json(&dir, &[]);
    let plans: Vec<&SiteFile> = report.files.iter().filter(|f| f.kind == "plan").collect();
    assert_eq!(
        plans.iter().filter(|f| f.region.is_none()).count(),
        2 * situation_ids().len()
    );
    for f in &plans {
        let situation = f.situation.as_deref().unwrap();
        let mut args = vec!["plan", situation, "--lang", &f.lang, "--format", "html"];
        if let Some(r) = &f.region {
            args.extend(["--from", r]);
        }
        let page = std::fs::read_to_string(dir.join(&f.path)).unwrap();
        assert_eq!(answer_of(&page), answer_of(&ok(&args)), "{}", f.path);
    }
    // Each procedure of a plan links to its page nearest the place it is
    // done at: 黑河's own, else 黑龙江's, else national; where the plan goes
    // (--to, left open on the site), national rules.
    let page = std::fs::read_to_string(dir.join("plans/heihe/winter-stay.html")).unwrap();
    let doc = assert_page(&page, "zh-CN", "heihe winter-stay");
    let hrefs = links(&doc);
    for want in [
        "../../regions/heihe/family.bind.html",
        "../../regions/heilongjiang/filing.apply.html",
        "../../national/filing.types.html",
        "../../national/card.use.html",
        "../winter-stay.html",
        "../heilongjiang/winter-stay.html",
        "../index.html",
        "../../index.html",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} in {hrefs:?}");
    }
    assert!(
        texts(&doc, "header .sub").concat() == "yibao plan winter-stay --from heihe",
        "the command that gives the plan"
    );
    // The list of situations: what `yibao plan` lists, and every plan.
    for lang in ["zh", "en"] {
        let path = format!("{}plans/index.html", root(lang));
        let page = std::fs::read_to_string(dir.join(&path)).unwrap();
        assert_eq!(
            answer_of(&page),
            answer_of(&ok(["plan", "--lang", lang, "--format", "html"])),
            "{path}"
        );
        let doc = assert_page(&page, html_lang(lang), &path);
        let hrefs: BTreeSet<String> = links(&doc).iter().map(|h| resolve(&path, h)).collect();
        for f in plans.iter().filter(|f| f.lang == lang) {
            assert!(hrefs.contains(&f.path), "{path} does not link {}", f.path);
        }
    }
}

#[test]
fn the_glossary_anchors_every_entry_and_procedure_pages_link_their_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    ok(["site", dir.to_str().unwrap()]);
    for lang in ["zh", "en"] {
        let path = format!("{}terms.html", root(lang));
        let page = std::fs::read_to_string(dir.join(&path)).unwrap();
        assert_eq!(
            answer_of(&page),
            answer_of(&ok(["terms", "--lang", lang, "--format", "html"])),
            "{path}"
        );
        let doc = assert_page(&page, html_lang(lang), &path);
        let ids = ids(&doc);
        let terms = ok_json(["terms", "--lang", lang, "--json"]);
        let terms = terms["terms"].as_array().unwrap();
        assert!(terms.len() >= 20, "{}", terms.len());
        for t in terms {
            let id = t["id"].as_str().unwrap();
            assert!(ids.contains(id), "{path}: no anchor {id}");
            // The anchor is the entry's section, headed by its word.
            let heading = texts(&doc, &format!("section#{id} > h2")).concat();
            assert!(
                heading.starts_with(t["term"].as_str().unwrap()),
                "{path}#{id}: {heading}"
            );
            // Every procedure page the word matters for links to it.
            for r in t["related"].as_array().unwrap() {
                let proc_path =
                    format!("{}national/{}.html", root(lang), r["id"].as_str().unwrap());
                let p = std::fs::read_to_string(dir.join(&proc_path)).unwrap();
                let want = format!(
                    "<a href=\"../terms.html#{id}\">{}</a>",
                    t["term"].as_str().unwrap()
                );
                assert!(p.contains(&want), "{proc_path}: {want}");
            }
        }
    }
    // A regional page links the glossary too.
    let page = std::fs::read_to_string(dir.join("regions/heihe/family.bind.html")).unwrap();
    assert!(page.contains("<a href=\"../../terms.html#personal-account\">个人账户</a>"));
}

#[test]
fn the_index_lists_pages_by_topic_and_by_region() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    ok(["site", dir.to_str().unwrap()]);
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let doc = assert_page(&index, "zh-CN", "index");
    let h2 = texts(&doc, "h2");
    assert!(
        h2.iter().any(|h| h == "按主题") && h2.iter().any(|h| h == "按地区"),
        "{h2:?}"
    );
    let topics = ok_json(["--json"]);
    let h3 = texts(&doc, "h3");
    for t in topics["topics"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        assert!(h3.iter().any(|h| h == name), "topic {name} in {h3:?}");
    }
    assert!(h3.iter().any(|h| h == "黑龙江省") && h3.iter().any(|h| h == "黑河市"));
    // Each procedure page says where its parts came from, and links its
    // checklist, its other versions and related procedures.
    let page = std::fs::read_to_string(dir.join("regions/heihe/family.bind.html")).unwrap();
    let doc = assert_page(&page, "zh-CN", "heihe family.bind");
    let hrefs = links(&doc);
    for want in [
        "../../index.html",
        "family.bind.checklist.html",
        "../../national/family.bind.html",
        // A related procedure: 黑河's own page, else 黑龙江's, else national.
        "balance.query.html",
        "../heilongjiang/ecard.activate.html",
        "../../national/family.transfer.html",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} in {hrefs:?}");
    }
    assert!(
        body_text(&doc).contains("黑河"),
        "the 地区 column names 黑河"
    );
    // The plans and the glossary, from the index.
    let doc = assert_page(&index, "zh-CN", "index");
    let hrefs = links(&doc);
    for want in [
        "plans/index.html",
        "plans/winter-stay.html",
        "plans/heihe/winter-stay.html",
        "terms.html",
        "faq.html",
        "en/index.html",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} in {hrefs:?}");
    }
    assert!(h2.iter().any(|h| h == "按情况：办事方案"), "{h2:?}");
}
