//! End-to-end tests of how an answer is written out: every procedure in
//! every format, table widths (the fixed ones and, as a property, any from
//! 20 up), colour, and closed pipes, a closed stdout and a full device.

mod common;

use common::cli::{FORMATS, HLJ_APPLY_STEPS};
use common::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

// ---------------------------------------------------------------------------
// Every procedure in every format

#[test]
fn every_procedure_renders_in_every_format() {
    for id in procedure_ids() {
        let words = command_words(&id);
        let json = ok_json(words.iter().map(String::as_str).chain(["--json"]));
        assert_eq!(json["kind"], "procedure", "{id}");
        assert_eq!(json["procedure"]["id"], id.as_str());
        assert_eq!(json["schema_version"], 1);
        for f in FORMATS {
            let mut args = words.clone();
            args.extend(["--format".to_string(), f.to_string()]);
            let out = ok(&args);
            assert!(!out.trim().is_empty(), "{id} {f}: empty output");
            assert!(out.ends_with('\n'), "{id} {f}: output ends with a newline");
            match f {
                "table" => {
                    let n = assert_tables_aligned(&out, 80, &format!("{id} table"));
                    assert!(n >= 1, "{id} table: expected at least one table:\n{out}");
                    assert_max_width(&out, 80, &format!("{id} table"));
                    assert_eq!(out, ok(&words), "{id}: table is the default format");
                }
                "plain" => {
                    for l in out.lines() {
                        assert!(!is_table_line(l), "{id} plain: box line {l:?}");
                        assert!(
                            !l.contains("+--") && !l.contains("| "),
                            "{id} plain: box drawing in {l:?}"
                        );
                    }
                    let title = json["procedure"]["title"].as_str().unwrap();
                    assert_eq!(out.lines().next(), Some(title), "{id} plain: title first");
                }
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&out)
                        .unwrap_or_else(|e| panic!("{id} json: {e}\n{out}"));
                    assert_eq!(v, json, "{id}: --format json equals --json");
                }
                "yaml" => {
                    let v: serde_json::Value = serde_yaml::from_str(&out)
                        .unwrap_or_else(|e| panic!("{id} yaml: {e}\n{out}"));
                    assert_eq!(v, json, "{id}: YAML holds the same data as JSON");
                }
                "markdown" => {
                    let title = json["procedure"]["title"].as_str().unwrap();
                    assert!(
                        out.starts_with("# "),
                        "{id} markdown: starts with a title:\n{out}"
                    );
                    assert!(
                        out.contains("## 资料来源"),
                        "{id} markdown: sources heading"
                    );
                    assert!(
                        out.lines()
                            .next()
                            .unwrap()
                            .contains(&title.replace('*', "\\*")),
                        "{id} markdown: title {title}"
                    );
                }
                _ => unreachable!(),
            }
        }
        // `show <id>` is the same page.
        assert_eq!(ok(["show", id.as_str()]), ok(&words), "show {id}");
    }
}

// ---------------------------------------------------------------------------
// Widths

const WIDTHS: [usize; 5] = [20, 40, 80, 120, 200];

/// Commands whose tables are checked at every width.
fn width_commands() -> Vec<Vec<String>> {
    let mut cmds: Vec<Vec<String>> = Vec::new();
    for id in procedure_ids() {
        cmds.push(command_words(&id));
    }
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    cmds.push(s(&["card", "apply", "--region", "heilongjiang"]));
    cmds.push(s(&["family", "bind", "--region", "heihe"]));
    cmds.push(s(&["scheme", "compare", "--region", "heilongjiang"]));
    cmds.push(s(&["filing", "apply", "--region", "黑龙江"]));
    cmds.push(s(&["filing", "checklist", "--have", "身份证"]));
    cmds.push(s(&["list"]));
    cmds.push(s(&["regions"]));
    cmds.push(s(&["faq"]));
    cmds.push(s(&["card"]));
    cmds.push(s(&["search", "补办"]));
    // The overview: its example lines are padded to a common width, and the
    // padding must not push a line past --width.
    cmds.push(Vec::new());
    cmds
}

#[test]
fn tables_are_aligned_and_fit_every_width() {
    let mut problems = Vec::new();
    for cmd in width_commands() {
        for w in WIDTHS {
            let mut args = cmd.clone();
            args.extend(["--width".to_string(), w.to_string()]);
            let out = ok(&args);
            let what = format!("yibao {} --width {w}", cmd.join(" "));
            for p in table_problems(&out, w)
                .into_iter()
                .chain(width_problems(&out, w))
            {
                problems.push(format!("{what}: {p}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn wide_tables_use_the_room_they_are_given() {
    // At 120 columns the procedure tables are laid out wider than at 80, but
    // never wider than needed or allowed.
    let at80 = ok(["card", "apply", "--width", "80"]);
    let at120 = ok(["card", "apply", "--width", "120"]);
    let widest = |out: &str| {
        tables(out)
            .iter()
            .map(|t| display_width(t[0]))
            .max()
            .unwrap_or(0)
    };
    assert_eq!(
        widest(&at80),
        80,
        "the steps table fills 80 columns:\n{at80}"
    );
    assert!(widest(&at120) > 80 && widest(&at120) <= 120, "{at120}");
}

#[test]
fn at_width_20_tables_fall_back_to_stacked_lines() {
    let out = ok(["card", "apply", "--region", "heilongjiang", "--width", "20"]);
    assert_max_width(&out, 20, "card apply --width 20");
    assert!(tables(&out).is_empty(), "no grid at width 20:\n{out}");
    // The table's content is still there, as label：value lines.
    assert!(out.lines().any(|l| l.starts_with("材料：")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("步骤：")), "{out}");
    let text = unwrapped(&out);
    assert!(text.contains("居民身份证"), "{out}");
    for (i, step) in HLJ_APPLY_STEPS.iter().enumerate() {
        assert!(
            text.contains(&format!("步骤：{}做什么：{step}：", i + 1)),
            "step {} {step} lost at width 20:\n{out}",
            i + 1
        );
    }
}

#[test]
fn default_width_when_piped_is_80() {
    assert_eq!(
        ok(["card", "apply"]),
        ok(["card", "apply", "--width", "80"])
    );
    // COLUMNS is not a width setting (comfy-table pitfall): piped output stays 80.
    let out = yibao()
        .env("COLUMNS", "40")
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        ok(["card", "apply", "--width", "80"])
    );
}

#[test]
fn colour_is_only_styling() {
    let never = ok(["card", "apply", "--color", "never"]);
    let always = ok(["card", "apply", "--color", "always"]);
    assert!(!never.contains('\u{1b}'), "no escapes with --color never");
    assert!(always.contains("\u{1b}["), "escapes with --color always");
    let mut stripped = String::new();
    let mut in_esc = false;
    for c in always.chars() {
        match (in_esc, c) {
            (false, '\u{1b}') => in_esc = true,
            (true, 'm') => in_esc = false,
            (true, _) => {}
            (false, c) => stripped.push(c),
        }
    }
    assert_eq!(
        stripped, never,
        "colour must not change the text or its layout"
    );
    // Piped and auto: no colour; JSON never coloured.
    assert!(!ok(["card", "apply"]).contains('\u{1b}'));
    assert!(!ok(["card", "apply", "--json", "--color", "always"]).contains('\u{1b}'));
}

// ---------------------------------------------------------------------------
// Closed pipes and closed stdout

/// Spawns yibao with stdout piped, reads one line, closes the pipe, and
/// returns (exit code, first line, stderr).
fn read_one_line_then_close(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = std_yibao()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yibao");
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader.read_line(&mut first).expect("read first line");
    drop(reader); // the reader goes away, like `| head -1`
    let out = child.wait_with_output().expect("yibao finishes");
    (
        out.status.code(),
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn reader_closing_after_first_line_ends_quietly() {
    for args in [
        &["card", "apply", "--region", "heilongjiang"][..],
        &["filing", "checklist", "--json"][..],
        // Larger than any pipe buffer: the write is sure to hit the closed pipe.
        &["completions", "bash"][..],
        &["schema"][..],
    ] {
        let (code, first, stderr) = read_one_line_then_close(args);
        assert!(!first.is_empty(), "{args:?}: a first line was read");
        assert_eq!(
            code,
            Some(0),
            "{args:?}: exit 0 on a closed pipe; stderr:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("错误"),
            "{args:?}: no error message: {stderr}"
        );
    }
}

#[test]
fn reader_gone_before_anything_is_written_ends_quietly() {
    let mut child = std_yibao()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yibao");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn head_dash_1_in_a_shell_exits_quietly() {
    let mut sh = std::process::Command::new("sh");
    clean_env(&mut sh);
    let out = sh
        .arg("-c")
        .arg("\"$0\" completions bash | head -1")
        .arg(bin())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

/// Runs `yibao ARGS >&-` (stdout closed) through sh.
fn run_with_stdout_closed(args: &str) -> std::process::Output {
    let mut sh = std::process::Command::new("sh");
    clean_env(&mut sh);
    // A day the data is stale on, so the table run has a reminder to print.
    sh.env("YIBAO_TODAY", STALE_DAY);
    sh.arg("-c")
        .arg(format!("exec \"$0\" {args} >&-"))
        .arg(bin())
        .output()
        .unwrap()
}

/// With stdout closed, Rust's runtime opens `/dev/null` in its place before
/// `main` runs (Unix): the answer goes nowhere, the run ends normally (exit
/// 0) and stderr carries nothing (the stale-data reminder is part of the
/// answer).
#[test]
fn closed_stdout_discards_the_answer_and_exits_0() {
    let out = run_with_stdout_closed("card apply");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("错误"), "no error message: {stderr}");
    // The same run with stdout open says the same on stderr.
    let open = std_yibao()
        .env("YIBAO_TODAY", STALE_DAY)
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert_eq!(stderr, String::from_utf8_lossy(&open.stderr));
    assert_eq!(stderr, "", "nothing on stderr");
    assert!(String::from_utf8_lossy(&open.stdout).contains("提醒"));

    let out = run_with_stdout_closed("card apply --json");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn closed_stdout_still_reports_errors_on_stderr() {
    let out = run_with_stdout_closed("card apply --region atlantis --json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr:\n{stderr}");
    let v: serde_json::Value = serde_json::from_str(stderr.trim_end())
        .unwrap_or_else(|e| panic!("JSON error expected on stderr ({e}): {stderr}"));
    assert_eq!(v["error"]["kind"], "unknown_region");
}

/// A stdout that fails every write (`/dev/full`: no space left) is an
/// output error, exit 1, told on stderr.
#[test]
fn a_full_device_as_stdout_is_an_output_error_with_exit_1() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = std_yibao()
        .args(["card", "apply"])
        .stdout(full())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line, no reminder after it:\n{stderr}");
    assert!(lines[0].contains("无法写出结果"), "{stderr}");
    let out = std_yibao()
        .args(["card", "apply", "--json"])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        (v["error"]["code"].as_i64(), v["error"]["kind"].as_str()),
        (Some(1), Some("output"))
    );
}

// ---------------------------------------------------------------------------
// Property: any width from 20 up keeps every table aligned and every line
// within the width.

fn cached_procedure_ids() -> &'static [String] {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(procedure_ids)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    #[test]
    fn any_width_keeps_tables_aligned_and_lines_within_it(
        w in 20usize..=300,
        pick in 0usize..1000,
        checklist in proptest::bool::ANY,
        region in proptest::sample::select(vec!["", "heilongjiang", "heihe", "hainan"]),
    ) {
        let ids = cached_procedure_ids();
        let words = command_words(&ids[pick % ids.len()]);
        let mut args: Vec<String> = if checklist {
            vec![words[0].clone(), "checklist".into(), words[1].clone()]
        } else {
            words
        };
        if !region.is_empty() {
            args.extend(["--region".to_string(), region.to_string()]);
        }
        args.extend(["--width".to_string(), w.to_string()]);
        let out = ok(&args);
        let problems: Vec<String> = table_problems(&out, w).into_iter().chain(width_problems(&out, w)).collect();
        proptest::prop_assert!(problems.is_empty(), "yibao {}:\n{}", args.join(" "), problems.join("\n"));
    }
}
