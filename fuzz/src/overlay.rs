//! Target `overlay`: one overlay file.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use yibao::kb::finding::{Finding, has_errors};
use yibao::kb::i18n::{Lang, Msg};
use yibao::kb::{Kb, Registry};
use yibao::render::Format;
use yibao::views::ProcedurePage;

use super::doc::{Strict, ViewKind};
use super::format::{check_format, check_resolution};
use super::{Outcome, TODAY};

/// Regions every accepted overlay is resolved for.
pub const OVERLAY_REGIONS: [Option<&str>; 3] = [None, Some("heilongjiang"), Some("heihe")];

fn check_positions(findings: &[Finding], text: Option<&str>) -> Outcome {
    for f in findings {
        ensure!(
            f.line >= 1 && f.column >= 1,
            "finding with line or column 0: {f}"
        );
        if let Some(text) = text {
            // A finding points inside the file (one past the end at most).
            let lines: Vec<&str> = text.split('\n').collect();
            ensure!(
                f.line <= lines.len(),
                "finding past the last line ({} lines): {f}",
                lines.len()
            );
            let len = lines[f.line - 1].chars().count();
            ensure!(
                f.column <= len + 1,
                "finding past the end of line {} ({len} characters): {f}",
                f.line
            );
        }
    }
    Ok(())
}

/// The width an overlay input is rendered at: 1..=300, from its bytes.
pub fn overlay_width(data: &[u8]) -> usize {
    let h = data
        .iter()
        .fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    1 + (h % 300) as usize
}

static DIRS: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty directory for one overlay (removed by the caller).
fn scratch_dir() -> PathBuf {
    let n = DIRS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("yibao-fuzz-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Loads the bytes as one overlay file and checks it; if accepted, loads it
/// from a directory as `--data` does and renders every procedure, for
/// national, heilongjiang and heihe, as page and checklist, in every format.
/// - a file that does not load is one error finding;
/// - a rejected overlay has at least one error finding, an accepted one none;
/// - every finding has line and column ≥ 1, inside the file;
/// - `Kb::open` on a directory holding the file agrees;
/// - every output passes [`check_format`].
pub fn check_overlay(data: &[u8]) -> Outcome {
    let file = match yibao::kb::load::load_bytes("fuzz.yaml", data) {
        Err(f) => {
            ensure!(
                f.is_error(),
                "a file that does not load gave a warning only: {f}"
            );
            return check_positions(std::slice::from_ref(&f), None);
        }
        Ok(file) => file,
    };
    let text = file.text.clone();
    check_positions(&file.warnings, Some(&text))?;
    let warnings = file.warnings.clone();
    let (base, findings) = Kb::check_overlay(vec![file], warnings, TODAY);
    check_positions(&findings, Some(&text))?;
    let Some(_) = base else {
        ensure!(
            has_errors(&findings),
            "overlay rejected without an error finding: {findings:?}"
        );
        return Ok(());
    };
    ensure!(
        !has_errors(&findings),
        "overlay accepted with error findings: {findings:?}"
    );

    let dir = scratch_dir();
    let result = (|| {
        std::fs::write(dir.join("fuzz.yaml"), data).map_err(|e| format!("write: {e}"))?;
        let (kb, dir_warnings) = Kb::open(&dir, TODAY).map_err(|v| {
            format!(
                "check_overlay accepted the file but Kb::open rejects it: {}",
                v.findings
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        let strip = |f: &[Finding]| -> Vec<(usize, usize, &str, Msg)> {
            f.iter()
                .map(|f| (f.line, f.column, f.code.as_str(), f.message.clone()))
                .collect()
        };
        ensure!(
            strip(&dir_warnings) == strip(&findings),
            "Kb::open warns differently from check_overlay:\n{dir_warnings:?}\n{findings:?}"
        );
        render_overlay_kb(&kb, data)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn render_overlay_kb(kb: &Kb, data: &[u8]) -> Outcome {
    let w = overlay_width(data);
    let strict = Strict { builtin: false };
    let ids: Vec<String> = kb.procedures().iter().map(|p| p.id.to_string()).collect();
    let touched: Vec<String> = kb.loaded_layers().map(|(_, p)| p.id.to_string()).collect();
    for id in &ids {
        for region in OVERLAY_REGIONS {
            let info = region.and_then(|r| Registry::Builtin.by_id(r));
            let res = kb
                .resolve(id, info)
                .map_err(|e| format!("{id} at {region:?} does not resolve: {e:?}"))?;
            if touched.contains(id) {
                check_resolution(kb, res.clone(), ViewKind::Page, None, w, false, strict)?;
                check_resolution(
                    kb,
                    res,
                    ViewKind::Checklist,
                    Some("身份证,照片"),
                    w,
                    false,
                    strict,
                )?;
            } else {
                // The overlay cannot change what it does not touch (beyond
                // related titles and sources): render the table format only.
                let page = ProcedurePage::new(kb, res, TODAY, Lang::Zh, None);
                check_format(&page, ViewKind::Page, Format::Table, w, false, strict)
                    .map_err(|e| format!("Page of {id} at {region:?}: {e}"))?;
            }
        }
    }
    Ok(())
}
