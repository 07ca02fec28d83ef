//! Runs with `--data DIR` for the bad-input tests: timed, or bounded in
//! time and memory, and the findings `--data` and `data validate` give.

use super::*;
use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `yibao family bind --region heihe --data DIR`, timed.
pub fn with_data(dir: &Path) -> Run {
    with_data_args(dir, &["family", "bind", "--region", "heihe"])
}

pub fn with_data_args(dir: &Path, args: &[&str]) -> Run {
    let mut a: Vec<OsString> = args.iter().map(OsString::from).collect();
    a.push("--data".into());
    a.push(dir.as_os_str().to_owned());
    let start = Instant::now();
    let r = run(&a);
    let took = start.elapsed();
    assert!(
        r.code.is_some() && took < TIMEOUT,
        "yibao {a:?} did not finish within {TIMEOUT:?} (killed after {took:?}); stderr:\n{}",
        r.stderr
    );
    r
}

/// A temporary overlay directory holding one file with these bytes.
pub fn overlay_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

/// `file:line:col: CODE` as the message shows it.
pub fn at(file: &Path, line: usize, col: usize, code: &str) -> String {
    format!("{}:{line}:{col}: {code}", file.display())
}

pub fn assert_invalid_overlay(r: &Run, needles: &[&str], what: &str) {
    assert_one_line_error(r, 4, needles, what);
    assert!(
        r.stderr.contains("未应用任何内容") && r.stderr.contains("nothing applied"),
        "{what}: the message says nothing was applied:\n{}",
        r.stderr
    );
}

/// Address space a run on a hostile data directory may use, in KiB: a run
/// that would grow past it fails to allocate, and so fails its test.
pub const MEMORY_LIMIT_KIB: u32 = 64 * 1024;

/// A run on a hostile data directory ends within this, or it is killed and
/// its test fails: a regression fails CI instead of hanging it.
pub const QUICK: Duration = Duration::from_secs(5);

/// Runs yibao under [`MEMORY_LIMIT_KIB`] of address space and the [`QUICK`]
/// timeout, after the shell commands `setup` (which end with `;` or are
/// empty).
pub fn bounded_with(setup: &str, args: &[&OsStr]) -> Run {
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB} || exit 99; {setup} exec \"$@\"");
    let mut c = assert_cmd::Command::new("sh");
    c.env("YIBAO_TODAY", TODAY);
    for v in CLEARED_ENV {
        c.env_remove(v);
    }
    c.arg("-c").arg(script).arg("sh").arg(bin()).args(args);
    c.timeout(QUICK);
    let start = Instant::now();
    let out = c.output().expect("sh runs");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.code().is_some(),
        "yibao {args:?} was killed after {took:?} ({:?}): it ran past {QUICK:?} or \
         {MEMORY_LIMIT_KIB} KiB; stderr:\n{stderr}",
        out.status
    );
    assert_ne!(
        out.status.code(),
        Some(99),
        "the shell could not set the limit"
    );
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// `yibao list --data DIR` and `yibao data validate DIR`, both bounded,
/// with `extra` arguments.
pub fn both_ways(setup: &str, dir: &Path, extra: &[&str]) -> (Run, Run) {
    let extra: Vec<&OsStr> = extra.iter().map(OsStr::new).collect();
    let mut data: Vec<&OsStr> = ["list", "--data"].map(OsStr::new).to_vec();
    data.push(dir.as_os_str());
    data.extend(&extra);
    let mut validate: Vec<&OsStr> = ["data", "validate"].map(OsStr::new).to_vec();
    validate.push(dir.as_os_str());
    validate.extend(&extra);
    (bounded_with(setup, &data), bounded_with(setup, &validate))
}

/// The findings of `--data DIR` (its JSON error) and of `data validate DIR`
/// (its JSON report) must be the same list: one verdict. Returns it.
pub fn one_verdict(setup: &str, dir: &Path) -> Vec<Value> {
    let (data, validate) = both_ways(setup, dir, &["--json"]);
    let report = validate.json();
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let errors = report["errors"].as_u64().unwrap_or(0);
    if errors == 0 {
        assert_eq!(validate.code, Some(0), "{}", validate.stderr);
        assert_eq!(
            data.code,
            Some(0),
            "validate is clean, --data fails:\n{}",
            data.stderr
        );
    } else {
        assert_eq!(validate.code, Some(4), "{}", validate.stderr);
        assert_eq!(data.code, Some(4), "validate has errors, --data passes");
        let given = data.stderr_json()["error"]["findings"].clone();
        assert_eq!(
            given,
            Value::Array(findings.clone()),
            "--data and data validate disagree on {}",
            dir.display()
        );
    }
    findings
}
