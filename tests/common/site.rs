//! `yibao site DIR` for the site tests: its `--json` report mirrored, where
//! each language's pages are, and the site paths links name.
//!
//! Only the site tests use it, each with `#[path = "common/site.rs"] mod
//! site;`: declared in `mod.rs`, its derives would be compiled into every
//! test binary.
#![allow(dead_code)]

use crate::common::{ok_json, run};
use serde::Deserialize;
use std::path::Path;

/// The `--json` report, mirrored as `contract.rs` mirrors the answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteReport {
    pub schema_version: u32,
    pub kind: String,
    pub lang: String,
    pub dir: String,
    pub index: String,
    pub regions: Vec<RegionRef>,
    pub files: Vec<SiteFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRef {
    pub id: String,
    pub code: String,
    pub name: String,
    pub short: String,
    #[serde(default)]
    pub en: Option<String>,
    pub level: String,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub path: String,
    pub lang: String,
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub procedure: Option<String>,
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    pub bytes: usize,
}

/// Where a language's pages are under DIR.
pub fn root(lang: &str) -> &'static str {
    match lang {
        "zh" => "",
        "en" => "en/",
        other => panic!("no language {other}"),
    }
}

/// The language tag of a language's pages.
pub fn html_lang(lang: &str) -> &'static str {
    match lang {
        "zh" => "zh-CN",
        "en" => "en",
        other => panic!("no language {other}"),
    }
}

/// The situations `yibao plan` lists.
pub fn situation_ids() -> Vec<String> {
    let list = ok_json(["plan", "--json"]);
    let ids: Vec<String> = list["situations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 6, "{ids:?}");
    ids
}

pub fn site_json(dir: &Path, extra: &[&str]) -> SiteReport {
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

/// The site path a relative link from `from` names.
pub fn resolve(from: &str, href: &str) -> String {
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
