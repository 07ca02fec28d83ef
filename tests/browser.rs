//! The pages in a real browser: Debian's `chromium`, headless, with
//! `fonts-noto-cjk` for the Chinese text and `poppler-utils` to read the
//! PDFs it prints. Printed on A4, the filing checklist takes at most two
//! pages, and every printed page — a plan of the site too — carries all
//! its text; at a phone's width (390 CSS pixels) no page of the site, in
//! either language, scrolls sideways.
//!
//! Without these programs the tests fail and say how to install them
//! (`.ci/run` installs them itself): a browser check that quietly does not
//! run is no check.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "the browser tests need Debian's chromium, fonts-noto-cjk and poppler-utils: \
     sudo apt-get install -y chromium fonts-noto-cjk poppler-utils (.ci/run installs them when missing)";

/// A program on `PATH` (or named by the environment variable `var`).
fn program(name: &str, var: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(var).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} not found. {INSTALL}"))
}

/// Runs a command to its end, killed after `limit`.
fn run_for(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}. {INSTALL}"));
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{cmd:?} did not finish in {limit:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Headless Chromium, safe to run as root, with a profile of its own and
/// nothing fetched from the network.
fn chromium(args: &[&str]) -> Output {
    let bin = program("chromium", "YIBAO_CHROMIUM");
    assert_cjk_fonts();
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args);
    let out = run_for(&mut cmd, Duration::from_secs(120));
    assert!(
        out.status.success(),
        "chromium {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A font with Chinese glyphs (else every page prints as empty boxes).
fn assert_cjk_fonts() {
    let out = run_for(
        Command::new(program("fc-list", "YIBAO_FC_LIST")).args([":lang=zh", "family"]),
        Duration::from_secs(60),
    );
    let fonts = String::from_utf8_lossy(&out.stdout);
    assert!(
        fonts.contains("Noto Sans CJK"),
        "no Noto CJK font ({fonts:?}). {INSTALL}"
    );
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Prints a page to A4 PDF: its page count and its text.
fn print_pdf(page: &Path) -> (usize, String) {
    let pdf = page.with_extension("pdf");
    chromium(&[
        &format!("--print-to-pdf={}", pdf.display()),
        "--no-pdf-header-footer",
        &url(page),
    ]);
    let info = run_for(
        Command::new(program("pdfinfo", "YIBAO_PDFINFO")).arg(&pdf),
        Duration::from_secs(60),
    );
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo has no {name}:\n{info}"))
            .to_string()
    };
    assert!(field("Page size:").ends_with("(A4)"), "{info}");
    let pages: usize = field("Pages:").parse().unwrap();
    let text = run_for(
        Command::new(program("pdftotext", "YIBAO_PDFTOTEXT")).args([pdf.as_os_str(), "-".as_ref()]),
        Duration::from_secs(60),
    );
    (pages, String::from_utf8_lossy(&text.stdout).into_owned())
}

/// Writes the HTML of `args` to `dir/name.html`.
fn page_file(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let mut a = args.to_vec();
    a.extend(["--format", "html"]);
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, ok(&a)).unwrap();
    path
}

/// Text with no whitespace, to compare what a PDF line-wraps.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_filing_checklist_prints_on_at_most_two_a4_pages_with_all_its_items() {
    let dir = tempfile::tempdir().unwrap();
    for region in [None, Some("heilongjiang"), Some("heihe")] {
        let mut args = vec!["filing", "checklist"];
        args.extend(region.iter().flat_map(|r| ["--region", *r]));
        let page = page_file(dir.path(), region.unwrap_or("national"), &args);
        let (pages, text) = print_pdf(&page);
        let what = args.join(" ");
        assert!((1..=2).contains(&pages), "{what}: {pages} pages");
        let json: Value = ok_json(args.iter().copied().chain(["--json"]));
        let text = squash(&text);
        let title = json["procedure"]["title"].as_str().unwrap();
        assert!(text.contains(&squash(title)), "{what}: title in\n{text}");
        for item in json["items"].as_array().unwrap() {
            let t = squash(item["text"].as_str().unwrap());
            assert!(text.contains(&t), "{what}: item {t} in\n{text}");
        }
        let checked = json["freshness"]["checked"].as_str().unwrap();
        assert!(text.contains(&format!("资料核实于{checked}")), "{what}");
    }
}

#[test]
fn a_procedure_page_prints_with_its_steps_regions_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["card", "apply", "--region", "heilongjiang"];
    let page = page_file(dir.path(), "card-apply", &args);
    let (pages, text) = print_pdf(&page);
    assert!(pages >= 2, "a long page takes more than one sheet: {pages}");
    let text = squash(&text);
    let json: Value = ok_json(args.iter().copied().chain(["--json"]));
    let p = &json["procedure"];
    for want in [
        p["title"].as_str().unwrap(),
        "办理流程",
        "申请材料",
        "地区",
        "全国",
        "黑龙江",
        "资料来源",
    ] {
        assert!(text.contains(&squash(want)), "{want} in\n{text}");
    }
    // Each step's opening words (a cell may wrap in the middle of a line).
    for s in p["steps"].as_array().unwrap() {
        let head: String = squash(s["text"].as_str().unwrap())
            .chars()
            .take(6)
            .collect();
        assert!(text.contains(&head), "step {head} in\n{text}");
    }
    for s in json["sources"].as_array().unwrap() {
        if let Some(date) = s["date"].as_str() {
            assert!(text.contains(date), "source date {date}");
        }
    }
}

#[test]
fn a_plan_page_of_the_site_prints_on_a4_with_every_step_and_material() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    ok(["site", site.to_str().unwrap()]);
    for (path, args, checked) in [
        (
            "plans/winter-stay.html",
            &["plan", "winter-stay"][..],
            "资料核实于",
        ),
        (
            "en/plans/heihe/winter-stay.html",
            &["plan", "winter-stay", "--from", "heihe", "--lang", "en"],
            "Checkedon",
        ),
    ] {
        let (pages, text) = print_pdf(&site.join(path));
        // pdftotext joins a word hyphenated at the end of a line.
        let bare = |s: &str| squash(s).replace('-', "");
        let text = bare(&text);
        let json: Value = ok_json(args.iter().copied().chain(["--json"]));
        let title = json["situation"]["title"].as_str().unwrap();
        assert!(text.contains(&bare(title)), "{path}: title in\n{text}");
        let mut steps = 0;
        for phase in json["phases"].as_array().unwrap() {
            assert!(
                text.contains(&bare(phase["title"].as_str().unwrap())),
                "{path}: phase {}",
                phase["title"]
            );
            for step in phase["steps"].as_array().unwrap() {
                steps += 1;
                let t = bare(step["text"].as_str().unwrap());
                assert!(text.contains(&t), "{path}: step {t} in\n{text}");
                for item in step["items"].as_array().unwrap() {
                    let head: String = bare(item["text"].as_str().unwrap())
                        .chars()
                        .take(12)
                        .collect();
                    assert!(text.contains(&head), "{path}: item {head}");
                }
            }
        }
        // Thirteen steps with their items and seventeen materials: more
        // than a sheet, and fewer sheets than steps (no step is split, so
        // English steps leave gaps, but nothing forces a break per item).
        assert!(steps >= 10, "{path}: {steps} steps");
        assert!((2..steps).contains(&pages), "{path}: {pages} pages");
        for m in json["materials"].as_array().unwrap() {
            let name = bare(m["name"].as_str().unwrap());
            assert!(text.contains(&name), "{path}: material {name}");
        }
        let date = json["freshness"]["checked"].as_str().unwrap();
        assert!(
            text.contains(&bare(&format!("{checked}{date}"))),
            "{path}: checked date"
        );
        // The site's navigation and links are for the screen only.
        for screen in [
            "首页：全部事项",
            "本站相关页面",
            "Home:allprocedures",
            "Moreonthissite",
        ] {
            assert!(!text.contains(screen), "{path}: {screen} printed");
        }
    }
}

#[test]
fn a_phone_screenshot_shows_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_file(dir.path(), "filing", &["filing", "checklist"]);
    let png = dir.path().join("filing.png");
    chromium(&[
        "--window-size=390,844",
        "--hide-scrollbars",
        &format!("--screenshot={}", png.display()),
        &url(&page),
    ]);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    assert_eq!((be(16), be(20)), (390, 844), "phone-sized");
    // A blank page compresses to a few kilobytes; one full of text does not.
    assert!(
        bytes.len() > 20_000,
        "{} bytes: is the page blank?",
        bytes.len()
    );
}

/// `document.documentElement`'s scroll and client widths of every page in
/// 390-pixel frames, measured by one Chromium run over a test page.
fn phone_widths(dir: &Path, pages: &[String]) -> Vec<(String, u32, u32)> {
    let mut harness = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>\
         iframe{width:390px;height:844px;border:0;display:block}</style></head><body>\n",
    );
    for p in pages {
        harness.push_str(&format!("<iframe src=\"{p}\"></iframe>\n"));
    }
    harness.push_str(
        "<pre id=\"widths\"></pre><script>\
         addEventListener('load', function () {\
           var out = [];\
           document.querySelectorAll('iframe').forEach(function (f) {\
             var e = f.contentDocument.documentElement;\
             out.push(f.getAttribute('src') + ' ' + e.scrollWidth + ' ' + e.clientWidth);\
           });\
           document.getElementById('widths').textContent = out.join('\\n');\
         });</script></body></html>\n",
    );
    let path = dir.join("phone-widths.html");
    std::fs::write(&path, harness).unwrap();
    let out = chromium(&[
        "--allow-file-access-from-files",
        "--window-size=420,900",
        "--dump-dom",
        &url(&path),
    ]);
    let dom = String::from_utf8_lossy(&out.stdout);
    let widths = dom
        .split("<pre id=\"widths\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no widths in the dumped page:\n{dom}"));
    let got: Vec<(String, u32, u32)> = widths
        .lines()
        .map(|l| {
            let mut w = l.split(' ');
            let p = w.next().unwrap().to_string();
            let n = |x: Option<&str>| x.and_then(|x| x.parse().ok()).unwrap_or(u32::MAX);
            (p, n(w.next()), n(w.next()))
        })
        .collect();
    assert_eq!(got.len(), pages.len(), "{widths}");
    got
}

#[test]
fn no_page_of_the_site_scrolls_sideways_on_a_phone() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let report = ok_json(["site", site.to_str().unwrap(), "--json"]);
    let mut pages: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("site/{}", f["path"].as_str().unwrap()))
        .collect();
    // Both languages, the plans and the glossary among them.
    for page in [
        "site/en/index.html",
        "site/plans/index.html",
        "site/plans/winter-stay.html",
        "site/en/plans/heihe/winter-stay.html",
        "site/terms.html",
        "site/en/terms.html",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} not measured");
    }
    // Answers with the widest tables, and the linter's long lines.
    for (name, args) in [
        ("regions", &["regions"][..]),
        ("list", &["list"]),
        ("overview", &[]),
        ("search", &["search", "补办"]),
    ] {
        page_file(tmp.path(), name, args);
        pages.push(format!("{name}.html"));
    }
    // The measure itself: a page that does overflow must be caught.
    std::fs::write(
        tmp.path().join("too-wide.html"),
        "<!DOCTYPE html><html><body><p style=\"white-space:nowrap\">\
         yibao-card-apply-region-heilongjiang-width-100-format-html-yibao-card-apply</p></body></html>",
    )
    .unwrap();
    pages.push("too-wide.html".into());
    let widths = phone_widths(tmp.path(), &pages);
    let (last, scroll, client) = widths.last().unwrap();
    assert!(scroll > client, "{last}: the check cannot see overflow");
    let wide: Vec<String> = widths[..widths.len() - 1]
        .iter()
        .filter(|(_, scroll, client)| scroll > client || *client > 390)
        .map(|(p, s, c)| format!("{p}: {s} > {c}"))
        .collect();
    assert!(
        wide.is_empty(),
        "pages wider than a phone:\n{}",
        wide.join("\n")
    );
}
