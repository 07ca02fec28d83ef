//! `yibao site DIR [--region R[,R…]] [--force]`: the static site, in
//! Chinese at DIR and in English under DIR/en/.

use super::suggest::region_of;
use super::{Options, kb_error, print};
use crate::error::Error;
use crate::kb::date::Date;
use crate::kb::{Kb, RegionInfo};
use crate::site::{self, Site};
use crate::views::{RegionList, RegionRef, SiteFile, SiteReport};
use std::io::Write;
use std::path::Path;

/// Builds the site into `dir`, both languages, and lists what it wrote.
/// `--lang` chooses only the language of this list and of the line after
/// it (and which index it names): the site always holds both.
pub(super) fn run(
    kb: &Kb,
    dir: &Path,
    force: bool,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let regions = regions(kb, opts.region.as_deref(), opts.lang)?;
    site::prepare(dir, force)?;
    let mut built = Vec::new();
    for lang in site::LANGS {
        let s = Site::new(kb, lang, today, regions.clone()).map_err(kb_error)?;
        let pages = site::build(&s).map_err(kb_error)?;
        built.push((lang, pages));
    }
    let files: Vec<(String, &str)> = built
        .iter()
        .flat_map(|(lang, pages)| {
            pages
                .iter()
                .map(|p| (format!("{}{}", site::root(*lang), p.path), p.html.as_str()))
        })
        .collect();
    site::write_pages(dir, &files)?;
    let report = SiteReport::new(
        dir.display().to_string(),
        opts.lang,
        format!("{}{}", site::root(opts.lang), site::INDEX),
        regions.iter().map(|(r, _)| RegionRef::of(*r)).collect(),
        built
            .iter()
            .flat_map(|(lang, pages)| pages.iter().map(move |p| (*lang, p)))
            .zip(&files)
            .map(|((lang, p), (path, html))| SiteFile {
                path: path.clone(),
                lang,
                kind: p.kind,
                title: p.title.clone(),
                procedure: p.procedure.clone(),
                situation: p.situation.clone(),
                region: p.region.map(|r| r.id.to_string()),
                bytes: html.len(),
            })
            .collect(),
    );
    let summary = report.summary();
    print(report, opts, out)?;
    if !opts.format.is_data() {
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(())
}

/// The regions with pages of their own, each with the procedures it has
/// data of its own for: those `--region` names (several separated by
/// commas), else every region with data of its own.
fn regions(
    kb: &Kb,
    given: Option<&str>,
    lang: crate::kb::i18n::Lang,
) -> Result<Vec<(RegionInfo, Vec<String>)>, Error> {
    let all = RegionList::new(kb, lang).regions;
    let own = |id: &str| {
        all.iter()
            .find(|e| e.region.id == id)
            .map(|e| e.procedures.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<(RegionInfo, Vec<String>)> = Vec::new();
    match given {
        None => {
            for e in all.iter().filter(|e| !e.procedures.is_empty()) {
                if let Some(r) = kb.region(e.region.id) {
                    out.push((r, e.procedures.clone()));
                }
            }
        }
        Some(text) => {
            for word in text.split([',', '，', '、']) {
                // National rules are always there: `national` adds nothing.
                if let Some(r) = region_of(kb, Some(word))?
                    && !out.iter().any(|(x, _)| x.id == r.id)
                {
                    out.push((r, own(r.id)));
                }
            }
        }
    }
    Ok(out)
}
