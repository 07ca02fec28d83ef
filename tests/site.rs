//! `yibao site DIR`: a static site of the whole base in both languages —
//! every page valid and self-contained, every link resolving on disk, every
//! page linked to itself in the other language — written inside DIR and
//! nowhere else, never over a non-empty DIR without `--force`. What the
//! pages say is in `site_pages.rs`.
#![allow(dead_code)]

mod common;
#[path = "common/site.rs"]
mod site;

use common::html::*;
use common::*;
use site::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Whether the plan for a situation, for people insured in `region`, uses
/// data of that region's own where they are insured (and so has a page of
/// its own on the site).
fn plan_uses_own_data(id: &str, region: &str) -> bool {
    let plan = ok_json(["plan", id, "--from", region, "--json"]);
    plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .filter_map(|s| s["procedure"].as_object())
        .any(|p| p["at"] == "from" && p["layers"].as_array().unwrap().iter().any(|l| l == region))
}

/// Every file (or link) under `dir`, relative, `/`-separated.
fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, at: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(at).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            // A link is listed, never followed.
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap();
                out.insert(rel.to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn the_site_has_every_page_in_both_languages_and_every_link_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let report = site_json(&dir, &[]);
    assert_eq!(
        (
            report.schema_version,
            report.kind.as_str(),
            report.lang.as_str()
        ),
        (1, "site", "zh")
    );
    assert_eq!(report.dir, dir.display().to_string());
    assert_eq!(report.index, "index.html");
    // Default regions: those with data of their own in the base.
    let regions: Vec<&str> = report.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(regions, ["heilongjiang", "heihe"]);
    // Exactly the files the report lists, each of the size it says.
    let listed: BTreeSet<String> = report.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(listed.len(), report.files.len(), "a file listed twice");
    assert_eq!(files_under(&dir), listed);
    for f in &report.files {
        let len = std::fs::metadata(dir.join(&f.path)).unwrap().len();
        assert_eq!(len as usize, f.bytes, "{}", f.path);
        assert!(f.path.starts_with(root(&f.lang)), "{f:?}");
    }
    // The Chinese pages first, then the English ones, each index first.
    let langs: Vec<&str> = report.files.iter().map(|f| f.lang.as_str()).collect();
    let split = langs.iter().position(|l| *l == "en").unwrap();
    assert!(langs[..split].iter().all(|l| *l == "zh"), "{langs:?}");
    assert!(langs[split..].iter().all(|l| *l == "en"), "{langs:?}");
    assert_eq!(report.files[0].path, "index.html");
    assert_eq!(report.files[split].path, "en/index.html");
    // In each language: one page per procedure (national), and per region
    // with its own data, each with its checklist; the FAQ; the list of
    // plans and every plan, national and for each region whose own data it
    // uses; the glossary; the index.
    let regions_json = ok_json(["regions", "--json"]);
    let own = |r: &str| -> Vec<String> {
        regions_json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == r)
            .map(|e| {
                e["procedures"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap()
    };
    let mut paths = BTreeSet::new();
    for page in ["index.html", "faq.html", "terms.html", "plans/index.html"] {
        paths.insert(page.to_string());
    }
    for id in procedure_ids() {
        paths.insert(format!("national/{id}.html"));
        paths.insert(format!("national/{id}.checklist.html"));
    }
    for r in ["heilongjiang", "heihe"] {
        for id in own(r) {
            paths.insert(format!("regions/{r}/{id}.html"));
            paths.insert(format!("regions/{r}/{id}.checklist.html"));
        }
    }
    for id in situation_ids() {
        paths.insert(format!("plans/{id}.html"));
        for r in ["heilongjiang", "heihe"] {
            if plan_uses_own_data(&id, r) {
                paths.insert(format!("plans/{r}/{id}.html"));
            }
        }
    }
    // Heihe's data is about cards, balances and family aid: a first card is
    // applied for under Heilongjiang's rules.
    assert!(paths.contains("plans/heihe/winter-stay.html"), "{paths:?}");
    assert!(!paths.contains("plans/heihe/first-card.html"), "{paths:?}");
    assert!(paths.contains("plans/heilongjiang/first-card.html"));
    let want: BTreeSet<String> = ["", "en/"]
        .iter()
        .flat_map(|root| paths.iter().map(move |p| format!("{root}{p}")))
        .collect();
    assert_eq!(listed, want);
    assert_site(&dir, &report);
}

/// Every page of a site valid and self-contained in its language, named
/// by its title in the report; every link a file of the site (and an anchor
/// on it, when it names one); every page naming and linking itself in the
/// other language; every page reachable from its language's index, and
/// linking back.
fn assert_site(dir: &Path, report: &SiteReport) {
    let mut pages: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for f in &report.files {
        let text = std::fs::read_to_string(dir.join(&f.path)).unwrap();
        let doc = assert_page(&text, html_lang(&f.lang), &f.path);
        assert_eq!(
            texts(&doc, "h1").concat(),
            f.title,
            "{}: the report names the page by its title",
            f.path
        );
        // The same page in the other language, in the head and in the
        // navigation, under that language's own name.
        let other = if f.lang == "zh" { "en" } else { "zh" };
        let twin = format!("{}{}", root(other), &f.path[root(&f.lang).len()..]);
        let alternates = attrs(&doc, "head > link[rel=alternate]", &["hreflang", "href"]);
        assert_eq!(alternates.len(), 1, "{}: {alternates:?}", f.path);
        assert_eq!(alternates[0][0], html_lang(other), "{}", f.path);
        assert_eq!(resolve(&f.path, &alternates[0][1]), twin, "{}", f.path);
        let visible = attrs(&doc, "nav a[hreflang]", &["href", "lang"]);
        assert_eq!(
            visible,
            [[alternates[0][1].clone(), html_lang(other).to_string()]],
            "{}",
            f.path
        );
        assert_eq!(
            texts(&doc, "nav a[hreflang]"),
            [if other == "en" { "English" } else { "中文" }],
            "{}",
            f.path
        );
        pages.insert(f.path.clone(), (ids(&doc), links(&doc)));
    }
    let mut linked = BTreeSet::new();
    for (path, (_, hrefs)) in &pages {
        for href in hrefs {
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = resolve(path, file);
            let Some((ids, _)) = pages.get(&target) else {
                panic!("{path}: link {href} → {target}, not a page of the site");
            };
            assert!(
                anchor.is_empty() || ids.contains(anchor),
                "{path}: link {href}: no id {anchor} on {target}"
            );
            linked.insert(target);
        }
    }
    for lang in ["zh", "en"] {
        let index = format!("{}index.html", root(lang));
        let from_index: BTreeSet<String> = pages[&index]
            .1
            .iter()
            .map(|h| resolve(&index, h.split('#').next().unwrap()))
            .collect();
        for f in report.files.iter().filter(|f| f.lang == lang) {
            if f.path != index {
                assert!(
                    from_index.contains(&f.path),
                    "{index} does not link {}",
                    f.path
                );
                // More than the link to the other language.
                assert!(pages[&f.path].1.len() > 1, "{}: no links", f.path);
            }
        }
        assert!(linked.contains(&index), "no page links back to {index}");
    }
}

/// The `names` attributes of each element `selector` picks.
fn attrs(doc: &scraper::Html, selector: &str, names: &[&str]) -> Vec<Vec<String>> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            names
                .iter()
                .map(|n| e.value().attr(n).unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn lang_chooses_only_the_language_of_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let zh = site_json(&tmp.path().join("zh"), &[]);
    let en = site_json(&tmp.path().join("en"), &["--lang", "en"]);
    assert_eq!(
        (en.lang.as_str(), en.index.as_str()),
        ("en", "en/index.html")
    );
    // The same pages, the same bytes.
    let files = |r: &SiteReport| -> Vec<(String, String, usize)> {
        r.files
            .iter()
            .map(|f| (f.path.clone(), f.lang.clone(), f.bytes))
            .collect()
    };
    assert_eq!(files(&en), files(&zh));
    for f in &en.files {
        let a = std::fs::read(tmp.path().join("zh").join(&f.path)).unwrap();
        let b = std::fs::read(tmp.path().join("en").join(&f.path)).unwrap();
        assert!(a == b, "{}: differs with --lang en", f.path);
    }
    // The line after the list, in the language asked for.
    for (lang, dir, want) in [
        ("zh", "a", "个文件；用浏览器打开"),
        ("en", "b", "files written; open"),
    ] {
        let dir = tmp.path().join(dir);
        let r = run(["site", dir.to_str().unwrap(), "--lang", lang]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let index = dir.join(format!("{}index.html", root(lang)));
        assert!(
            r.stderr.contains(want) && r.stderr.contains(&index.display().to_string()),
            "{lang}: {}",
            r.stderr
        );
        assert_eq!(r.stdout.lines().count(), zh.files.len());
    }
}

#[test]
fn regions_can_be_chosen_and_unknown_ones_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let report = site_json(&tmp.path().join("a"), &["--region", "heihe"]);
    let regions: BTreeSet<Option<String>> = report.files.iter().map(|f| f.region.clone()).collect();
    assert_eq!(regions, BTreeSet::from([None, Some("heihe".to_string())]));
    let report = site_json(&tmp.path().join("b"), &["--region", "黑龙江,heihe,heihe"]);
    let ids: Vec<&str> = report.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["heilongjiang", "heihe"]);
    // A region without data of its own gets no pages, and the index says so.
    let report = site_json(&tmp.path().join("c"), &["--region", "hainan"]);
    assert!(report.files.iter().all(|f| f.region.is_none()));
    let index = std::fs::read_to_string(tmp.path().join("c/index.html")).unwrap();
    assert!(index.contains("海南省暂无本地资料"), "{index}");
    // Unknown: exit 3 before anything is written.
    let d = tmp.path().join("d");
    let r = run(["site", d.to_str().unwrap(), "--region", "heihe,atlantis"]);
    assert_one_line_error(&r, 3, &["atlantis"], "unknown region");
    assert!(!d.exists(), "nothing written for a refused run");
}

#[test]
fn a_non_empty_directory_needs_force_and_other_files_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let r = run(["site", dir.to_str().unwrap()]);
    assert_one_line_error(&r, 2, &["--force", "directory not empty"], "non-empty");
    assert_eq!(files_under(dir), BTreeSet::from(["notes.txt".to_string()]));
    let out = ok(["site", dir.to_str().unwrap(), "--force"]);
    // One line per file written, each a path under DIR.
    let shown: Vec<&str> = out.lines().collect();
    assert!(shown.len() > 40, "{out}");
    for l in &shown {
        let rel = l
            .strip_prefix(&format!("{}/", dir.display()))
            .unwrap_or_else(|| panic!("{l} is not under DIR"));
        assert!(dir.join(rel).is_file(), "{l}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    // Again over its own output: the same files, rewritten.
    let again = ok(["site", dir.to_str().unwrap(), "--force"]);
    assert_eq!(again, out);
}

#[test]
fn the_site_is_never_written_outside_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    // DIR itself a link: refused.
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let r = run(["site", link.to_str().unwrap(), "--force"]);
    assert_one_line_error(&r, 2, &["symlink"], "DIR is a symlink");
    // A link inside DIR where the site has a directory, or a page: refused
    // before anything is written, even with --force.
    for (name, target) in [
        ("national", outside.clone()),
        ("index.html", outside.join("index.html")),
    ] {
        let dir = tmp.path().join(format!("with-{name}"));
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink(&target, dir.join(name)).unwrap();
        let r = run(["site", dir.to_str().unwrap(), "--force"]);
        assert_one_line_error(&r, 2, &["symlink", name], name);
        assert_eq!(
            files_under(&dir),
            BTreeSet::from([name.to_string()]),
            "{name}"
        );
    }
    // A file where DIR should be.
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let r = run(["site", file.to_str().unwrap(), "--force"]);
    assert_one_line_error(&r, 2, &["not a directory"], "DIR is a file");
    assert!(files_under(&outside).is_empty(), "wrote outside DIR");
    // Nothing at all outside DIR on a normal run.
    let before = files_under(tmp.path());
    let dir = tmp.path().join("new/deeper");
    ok(["site", dir.to_str().unwrap()]);
    let after: BTreeSet<String> = files_under(tmp.path())
        .into_iter()
        .filter(|f| !f.starts_with("new/deeper/"))
        .collect();
    assert_eq!(after, before);
}

#[test]
fn a_site_of_an_overlay_holds_its_procedures() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture("overlay-new-procedure");
    let dir: PathBuf = tmp.path().join("s");
    let report = site_json(&dir, &["--data", data.to_str().unwrap()]);
    assert!(
        report
            .files
            .iter()
            .any(|f| f.path == "national/card.check.html"),
        "{report:?}"
    );
    for f in &report.files {
        let about = f.procedure.as_deref().unwrap_or_default();
        let situation = f.situation.as_deref().unwrap_or_default();
        match f.kind.as_str() {
            "index" | "faq" | "plans" | "terms" => {
                assert_eq!((about, situation), ("", ""), "{f:?}")
            }
            "procedure" | "checklist" => {
                assert!(f.path.contains(about) && situation.is_empty(), "{f:?}")
            }
            "plan" => assert!(
                f.path.ends_with(&format!("/{situation}.html")) && about.is_empty(),
                "{f:?}"
            ),
            other => panic!("unknown page kind {other}"),
        }
    }
    assert_site(&dir, &report);
}

#[test]
fn a_missing_dir_argument_is_a_usage_error() {
    let r = run(["site"]);
    assert_one_line_error(&r, 2, &["DIR"], "no DIR");
}
