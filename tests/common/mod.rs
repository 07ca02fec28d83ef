//! Shared helpers for the end-to-end tests: a `yibao` command with a fixed,
//! clean environment, display widths, and table-alignment checks.
#![allow(dead_code)]

pub mod cli;
pub mod data_dir;
pub mod facts;
pub mod html;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// The date the tests pretend it is (the data's age, and so its stale
/// reminder, depends on it).
pub const TODAY: &str = "2026-11-28";

/// A day 19 months after the built-in data was checked: the data is stale
/// then, and answers carry the reminder.
pub const STALE_DAY: &str = "2028-06-28";

/// Environment variables that would change the output and must not leak in
/// from the machine running the tests.
pub const CLEARED_ENV: [&str; 8] = [
    "YIBAO_REGION",
    "YIBAO_DATA",
    "YIBAO_LANG",
    "YIBAO_AS",
    "NO_COLOR",
    "COLUMNS",
    "TERM",
    "COMPLETE",
];

/// Generous bound for one run: even hostile input must finish in seconds.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Path of the built binary.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("yibao")
}

/// `yibao` with a deterministic environment.
pub fn yibao() -> Command {
    let mut c = Command::cargo_bin("yibao").expect("binary yibao is built");
    c.env("YIBAO_TODAY", TODAY);
    for v in CLEARED_ENV {
        c.env_remove(v);
    }
    c.timeout(TIMEOUT);
    c
}

/// The same environment for a `std::process::Command` (pipes, shells).
pub fn std_yibao() -> std::process::Command {
    let mut c = std::process::Command::new(bin());
    clean_env(&mut c);
    c
}

/// Applies the deterministic environment to any std command.
pub fn clean_env(c: &mut std::process::Command) {
    c.env("YIBAO_TODAY", TODAY);
    for v in CLEARED_ENV {
        c.env_remove(v);
    }
}

/// What a finished run gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as JSON (panics with the output when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// stderr parsed as JSON (the error envelope of `--json` runs).
    pub fn stderr_json(&self) -> serde_json::Value {
        serde_json::from_str(self.stderr.trim_end())
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{}", self.stderr))
    }
}

/// Runs yibao with `args` and returns exit code and both streams, whatever
/// the outcome.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = yibao().args(args).output().expect("yibao runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// [`run`] on another day than [`TODAY`] (`YIBAO_TODAY`).
pub fn run_on<I, S>(today: &str, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = yibao()
        .env("YIBAO_TODAY", today)
        .args(args)
        .output()
        .expect("yibao runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs yibao and requires exit code 0; returns stdout.
pub fn ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let r = run(&args);
    assert_eq!(
        r.code,
        Some(0),
        "yibao {args:?} failed\nstdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(
        !r.stderr.contains("panicked"),
        "yibao {args:?} panicked:\n{}",
        r.stderr
    );
    r.stdout
}

/// Runs yibao and parses stdout as JSON (exit code 0 required).
pub fn ok_json<I, S>(args: I) -> serde_json::Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{out}"))
}

/// Columns a string takes in a (Western) terminal, by unicode-width 0.2.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Columns a string takes in a CJK terminal (ambiguous characters count two).
pub fn display_width_cjk(s: &str) -> usize {
    UnicodeWidthStr::width_cjk(s)
}

/// Whether a line belongs to a grid table (rules start with '+', rows with '|').
pub fn is_table_line(l: &str) -> bool {
    l.starts_with('+') || l.starts_with('|')
}

/// The grid tables of an output: runs of consecutive table lines.
pub fn tables(out: &str) -> Vec<Vec<&str>> {
    let mut all = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in out.lines() {
        if is_table_line(l) {
            cur.push(l);
        } else if !cur.is_empty() {
            all.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        all.push(cur);
    }
    all
}

/// Problems with the tables of `out`: a table whose lines ('+' or '|') do
/// not all have the same display width (in Western or in CJK terminals), a
/// table line wider than `max`, a table not closed by rules.
pub fn table_problems(out: &str, max: usize) -> Vec<String> {
    let mut problems = Vec::new();
    for t in tables(out) {
        let w0 = display_width(t[0]);
        let c0 = display_width_cjk(t[0]);
        for l in &t {
            let w = display_width(l);
            if w != w0 {
                problems.push(format!(
                    "table line of width {w} in a table of width {w0}:\n{l}\n--- table ---\n{}",
                    t.join("\n")
                ));
            } else if display_width_cjk(l) != c0 {
                problems.push(format!(
                    "table misaligned in a CJK terminal (ambiguous-width character):\n{l}\n--- table ---\n{}",
                    t.join("\n")
                ));
            }
            if w > max {
                problems.push(format!("table line wider than {max} ({w}):\n{l}"));
            }
        }
        if !(t[0].starts_with('+') && t[t.len() - 1].starts_with('+')) {
            problems.push(format!("table not closed by rules:\n{}", t.join("\n")));
        }
    }
    problems
}

/// Lines of `out` wider than `max` columns, described.
pub fn width_problems(out: &str, max: usize) -> Vec<String> {
    out.lines()
        .enumerate()
        .filter(|(_, l)| display_width(l) > max)
        .map(|(i, l)| {
            format!(
                "line {} has width {} > {max}: {l:?}",
                i + 1,
                display_width(l)
            )
        })
        .collect()
}

/// Asserts that every table in `out` is aligned — all its lines ('+' or '|')
/// have the same display width, in Western and in CJK terminals — and that
/// no table line is wider than `max`. Returns how many tables there were.
pub fn assert_tables_aligned(out: &str, max: usize, what: &str) -> usize {
    let problems = table_problems(out, max);
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
    tables(out).len()
}

/// Asserts no line of `out` is wider than `max` columns.
pub fn assert_max_width(out: &str, max: usize, what: &str) {
    let problems = width_problems(out, max);
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

/// The text of an output with all whitespace (line breaks, indentation,
/// padding) removed, to find CJK words that wrapping split across lines.
pub fn unwrapped(out: &str) -> String {
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Procedure ids, as `yibao list --json` gives them.
pub fn procedure_ids() -> Vec<String> {
    let v = ok_json(["list", "--json"]);
    let ids: Vec<String> = v["procedures"]
        .as_array()
        .expect("procedures array")
        .iter()
        .map(|p| p["id"].as_str().expect("id string").to_string())
        .collect();
    assert!(
        ids.len() >= 14,
        "expected at least 14 procedures, got {ids:?}"
    );
    ids
}

/// `card.replace` → `["card", "replace"]`.
pub fn command_words(id: &str) -> Vec<String> {
    let (t, a) = id.split_once('.').expect("id is topic.action");
    vec![t.to_string(), a.to_string()]
}

/// The directory of fixture files.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A fixture directory, which must exist.
pub fn fixture(name: &str) -> PathBuf {
    let p = fixtures().join(name);
    assert!(p.exists(), "missing fixture {}", p.display());
    p
}

/// Asserts a failed run: exact exit code, stdout empty, one line on stderr
/// (which must contain every one of `needles`), and no panic.
pub fn assert_one_line_error(r: &Run, code: i32, needles: &[&str], what: &str) {
    assert_eq!(
        r.code,
        Some(code),
        "{what}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(
        !r.stderr.contains("panicked"),
        "{what}: panicked:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("RUST_BACKTRACE"),
        "{what}: panicked:\n{}",
        r.stderr
    );
    assert!(
        r.stdout.is_empty(),
        "{what}: stdout should be empty on error:\n{}",
        r.stdout
    );
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: expected a one-line message on stderr, got:\n{}",
        r.stderr
    );
    for n in needles {
        assert!(
            r.stderr.contains(n),
            "{what}: stderr should mention {n:?}:\n{}",
            r.stderr
        );
    }
}
