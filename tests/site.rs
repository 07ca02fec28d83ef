//! `yibao site DIR`: a static site of the whole base — every page valid and
//! self-contained, every link resolving on disk — written inside DIR and
//! nowhere else, never over a non-empty DIR without `--force`.
#![allow(dead_code)]

mod common;

use common::html::*;
use common::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The `--json` report, mirrored as `contract.rs` mirrors the answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteReport {
    schema_version: u32,
    kind: String,
    lang: String,
    dir: String,
    index: String,
    regions: Vec<RegionRef>,
    files: Vec<SiteFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionRef {
    id: String,
    code: String,
    name: String,
    short: String,
    #[serde(default)]
    en: Option<String>,
    level: String,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    path: String,
    kind: String,
    title: String,
    #[serde(default)]
    procedure: Option<String>,
    #[serde(default)]
    region: Option<String>,
    bytes: usize,
}

fn site_json(dir: &Path, extra: &[&str]) -> SiteReport {
    let mut args = vec!["site", dir.to_str().unwrap(), "--json"];
    args.extend(extra);
    let r = run(&args);
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "--json: nothing on stderr: {}",
        r.stderr
    );
    serde_json::from_value(r.json()).unwrap_or_else(|e| panic!("contract: {e}\n{}", r.stdout))
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
fn the_site_has_every_page_and_every_link_resolves() {
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
    assert_eq!(files_under(&dir), listed);
    for f in &report.files {
        let len = std::fs::metadata(dir.join(&f.path)).unwrap().len();
        assert_eq!(len as usize, f.bytes, "{}", f.path);
    }
    // One page per procedure (national), and per region with its own data,
    // each with its checklist; the FAQ; the index.
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
    let mut want = BTreeSet::from(["index.html".to_string(), "faq.html".to_string()]);
    for id in procedure_ids() {
        want.insert(format!("national/{id}.html"));
        want.insert(format!("national/{id}.checklist.html"));
    }
    for r in ["heilongjiang", "heihe"] {
        for id in own(r) {
            want.insert(format!("regions/{r}/{id}.html"));
            want.insert(format!("regions/{r}/{id}.checklist.html"));
        }
    }
    assert_eq!(listed, want);
    assert_site(&dir, &report, "zh-CN");
}

/// Every page of a site valid and self-contained in `lang`, named by its
/// title in the report; every link a file of the site (and an anchor on it,
/// when it names one); every page reachable from the index, and linking
/// back.
fn assert_site(dir: &Path, report: &SiteReport, lang: &str) {
    let mut pages: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for f in &report.files {
        let text = std::fs::read_to_string(dir.join(&f.path)).unwrap();
        let doc = assert_page(&text, lang, &f.path);
        assert_eq!(
            texts(&doc, "h1").concat(),
            f.title,
            "{}: the report names the page by its title",
            f.path
        );
        pages.insert(f.path.clone(), (ids(&doc), links(&doc)));
    }
    let index = report.index.as_str();
    let mut linked = BTreeSet::new();
    for (path, (_, hrefs)) in &pages {
        assert!(path == index || !hrefs.is_empty(), "{path}: no links");
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
    let from_index: BTreeSet<String> = pages[index]
        .1
        .iter()
        .map(|h| resolve(index, h.split('#').next().unwrap()))
        .collect();
    for path in pages.keys().filter(|p| *p != index) {
        assert!(from_index.contains(path), "index does not link {path}");
    }
    assert!(linked.contains(index), "no page links back home");
}

/// The site path a relative link from `from` names.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {href} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn english_pages_go_under_en() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let report = site_json(&dir, &["--lang", "en"]);
    assert_eq!(
        (report.lang.as_str(), report.index.as_str()),
        ("en", "en/index.html")
    );
    assert!(report.files.iter().all(|f| f.path.starts_with("en/")));
    assert_site(&dir, &report, "en");
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
        match f.kind.as_str() {
            "index" | "faq" => assert_eq!(about, "", "{f:?}"),
            "procedure" | "checklist" => assert!(f.path.contains(about), "{f:?}"),
            other => panic!("unknown page kind {other}"),
        }
    }
}

#[test]
fn a_missing_dir_argument_is_a_usage_error() {
    let r = run(["site"]);
    assert_one_line_error(&r, 2, &["DIR"], "no DIR");
}
