//! Help, errors and the man page: in the run's language, with none of
//! clap's English in a Chinese interface, and fitting the width — wrapped
//! where CJK text may break, at `--width`, at the terminal's width, or at
//! 80 columns for `man`. The man page is checked with the real tools: `man`
//! (man-db), `groff -ww` for troff warnings and util-linux `col` and
//! `script` (`.ci/run` installs them when missing).

mod common;

use common::*;
use std::process::Command;

/// The help of every kind of command: the root, a topic, an action, a
/// checklist, general commands, and `help` for a path.
const HELP: &[&[&str]] = &[
    &["--help"],
    &["card", "--help"],
    &["card", "apply", "--help"],
    &["filing", "checklist", "-h"],
    &["show", "--help"],
    &["data", "validate", "--help"],
    &["schema", "--help"],
    &["help", "family", "bind"],
    &["family", "help", "transfer"],
];

/// Words clap writes in English unless told otherwise.
const CLAP_ENGLISH: [&str; 10] = [
    "Print help",
    "Print version",
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "[aliases:",
    "[default:",
    "[env:",
    "[possible values:",
];

fn lines_wider_than(text: &str, cols: usize) -> Vec<String> {
    text.lines()
        .filter(|l| display_width(l) > cols)
        .map(|l| format!("{} {l}", display_width(l)))
        .collect()
}

#[test]
fn help_fits_every_width_from_20_to_200() {
    for args in HELP {
        for cols in [20, 33, 40, 60, 80, 100, 200] {
            let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            a.extend(["--width".into(), cols.to_string()]);
            let out = ok(&a);
            assert_eq!(lines_wider_than(&out, cols), Vec::<String>::new(), "{a:?}");
        }
        // Piped, without --width: 80 columns.
        let out = ok(*args);
        assert_eq!(lines_wider_than(&out, 80), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn help_is_chinese_without_clap_english() {
    for args in HELP {
        let out = ok(*args);
        for english in CLAP_ENGLISH {
            assert!(!out.contains(english), "{args:?} says {english:?}:\n{out}");
        }
        assert!(out.contains("用法：yibao"), "{args:?}:\n{out}");
        assert!(
            out.contains("选项：") && out.contains("显示帮助"),
            "{args:?}:\n{out}"
        );
    }
    let root = ok(["--help"]);
    for heading in ["例子：", "命令：", "选项：", "退出码："] {
        assert!(
            root.lines().any(|l| l.starts_with(heading)),
            "{heading}:\n{root}"
        );
    }
    // What clap would have said in brackets is said in Chinese.
    assert!(root.contains("也可写：医保卡、社保卡、卡"), "{root}");
    assert!(root.contains("环境变量 YIBAO_REGION"), "{root}");
    let topic = ok(["card", "--help"]);
    for word in [
        "事项：",
        "apply",
        "申领",
        "replace",
        "挂失补办",
        "checklist",
    ] {
        assert!(topic.contains(word), "card --help lacks {word}:\n{topic}");
    }
}

#[test]
fn help_leads_with_the_design_card_examples() {
    let text = ok(["--help"]);
    let examples = text
        .find("yibao card apply --region heilongjiang")
        .expect("example");
    let commands = text.find("命令：").expect("commands heading");
    assert!(examples < commands, "examples come first");
    assert!(text.contains("yibao filing checklist --json | jq '.missing'"));
}

#[test]
fn help_and_errors_are_english_with_lang_en() {
    for args in HELP {
        let mut a = vec!["--lang", "en"];
        a.extend(*args);
        let out = ok(&a);
        assert!(out.contains("Usage: yibao"), "{a:?}:\n{out}");
        assert!(
            out.contains("Options:") && out.contains("Print help"),
            "{a:?}"
        );
        for zh in ["用法", "选项", "显示帮助", "也可写"] {
            assert!(!out.contains(zh), "{a:?} says {zh}:\n{out}");
        }
    }
    let root = ok(["--help", "--lang", "en"]);
    assert!(root.contains("Examples:") && root.contains("Exit codes: 0 success"));
    let r = run(["show", "--lang", "en"]);
    assert_one_line_error(
        &r,
        2,
        &["error: Usage error: missing required argument <ID>"],
        "show",
    );
    let r = run(["card", "apply", "--format", "bogus"]);
    assert_one_line_error(&r, 2, &["bogus", "table、plain"], "bad format");
    let r = run(["card", "apply", "--format", "bogus", "--lang", "en"]);
    assert_one_line_error(
        &r,
        2,
        &["does not take 'bogus'", "table, plain"],
        "bad format en",
    );
}

#[test]
fn usage_errors_are_chinese() {
    for (args, needles) in [
        (&["show"][..], &["缺少必需的参数 <ID>"][..]),
        (
            &["card", "apply", "--bogus"],
            &["没有这个选项或参数「--bogus」"],
        ),
        (
            &["card", "apply", "--width", "0"],
            &["--width <N> 不接受「0」"],
        ),
        (&["--colr", "never"], &["你是不是要找：--color"]),
        (&["data"], &["缺少子命令", "validate"]),
        (&["search"], &["缺少必需的参数 <WORDS>"]),
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, needles, &format!("{args:?}"));
        assert!(
            r.stderr.starts_with("错误：用法错误"),
            "{args:?}: {}",
            r.stderr
        );
        for english in [
            "the following",
            "unexpected argument",
            "invalid value",
            "tip:",
        ] {
            assert!(!r.stderr.contains(english), "{args:?}: {}", r.stderr);
        }
    }
}

/// Runs a shell line on a pseudo-terminal of `cols` columns (util-linux
/// `script`), returning what reached the terminal.
fn on_a_terminal(cols: usize, line: &str) -> String {
    let line = line.replace("yibao ", &format!("{} ", bin().display()));
    let mut c = Command::new("script");
    clean_env(&mut c);
    c.env("NO_COLOR", "1");
    c.args([
        "-qec",
        &format!("stty cols {cols} rows 50; {line}"),
        "/dev/null",
    ]);
    let out = c
        .output()
        .expect("this test needs util-linux script (apt-get install bsdutils)");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn help_and_errors_fit_the_terminal() {
    let help = on_a_terminal(50, "yibao card checklist --help");
    assert!(help.contains("--have"), "{help}");
    assert_eq!(lines_wider_than(&help, 50), Vec::<String>::new(), "{help}");
    let error = on_a_terminal(40, "yibao card apply --region atlantis");
    let lines: Vec<&str> = error.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() > 1, "wrapped: {error}");
    assert!(
        lines[0].starts_with("错误：找不到地区「atlantis」"),
        "{error}"
    );
    assert_eq!(
        lines_wider_than(&error, 40),
        Vec::<String>::new(),
        "{error}"
    );
    // Continued under the message, not under the label.
    assert!(lines[1].starts_with("      "), "{error}");
}

/// Runs a tool the test needs, failing clearly when it is missing.
fn tool(name: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(name);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap_or_else(|e| {
        panic!(
            "this test needs {name} ({e}); .ci/run installs man-db, groff-base and bsdextrautils"
        )
    })
}

fn man_page(lang: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let source = ok(["man", "--lang", lang]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yibao.1");
    std::fs::write(&file, &source).unwrap();
    (dir, file, source)
}

/// The page as `MANWIDTH=80 man -l` shows it, overstrikes removed.
fn rendered(file: &std::path::Path, cols: &str) -> String {
    let out = tool(
        "man",
        &["-l", file.to_str().unwrap()],
        &[
            ("MANWIDTH", cols),
            ("LC_ALL", "C.UTF-8"),
            ("MAN_KEEP_FORMATTING", ""),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut col = Command::new("col")
        .arg("-bx")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("this test needs col (apt-get install bsdextrautils)");
    use std::io::Write;
    col.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    String::from_utf8(col.wait_with_output().unwrap().stdout).unwrap()
}

#[test]
fn the_man_page_has_no_troff_warnings_and_fits_80_columns() {
    for lang in ["zh", "en"] {
        let (_dir, file, source) = man_page(lang);
        assert!(
            source.is_ascii(),
            "troff source is ASCII, other characters escaped"
        );
        let path = file.to_str().unwrap();
        // The terminal device man uses; and PostScript, which has no CJK
        // glyphs (`-Wchar`), for everything else.
        for args in [
            &["-ww", "-mandoc", "-Tutf8", "-z", path][..],
            &["-ww", "-Wchar", "-mandoc", "-z", path],
        ] {
            let out = tool("groff", args, &[]);
            assert!(out.status.success());
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                "",
                "{lang}: groff {args:?} warns"
            );
        }
        let page = rendered(&file, "80");
        assert!(page.lines().count() > 100, "{page}");
        assert_eq!(
            lines_wider_than(&page, 80),
            Vec::<String>::new(),
            "{lang}:\n{page}"
        );
    }
}

#[test]
fn the_man_page_says_every_command_environment_and_exit_status() {
    let (_dir, file, source) = man_page("zh");
    let page = rendered(&file, "200");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "ENVIRONMENT",
        "EXIT STATUS",
        "EXAMPLES",
        "SHELL COMPLETION",
    ] {
        assert!(page.lines().any(|l| l == section), "no {section}:\n{page}");
    }
    // No pointers to pages that do not exist.
    assert!(
        !source.contains("yibao\\-card") && !page.contains("yibao-card"),
        "{page}"
    );
    for id in procedure_ids() {
        let words = command_words(&id);
        let call = format!("yibao {} {}", words[0], words[1]);
        assert!(page.contains(&call), "{call} missing");
    }
    for var in [
        "YIBAO_REGION",
        "YIBAO_DATA",
        "YIBAO_TODAY",
        "YIBAO_LANG",
        "YIBAO_AS",
        "NO_COLOR",
    ] {
        assert!(
            page.contains(&format!("\n       {var}\n")),
            "{var} missing:\n{page}"
        );
    }
    let exit = &page[page.find("EXIT STATUS").unwrap()..page.find("EXAMPLES").unwrap()];
    for (code, meaning) in [
        (0, "成功"),
        (1, "其他错误"),
        (2, "用法错误"),
        (3, "找不到"),
        (4, "数据无效"),
    ] {
        assert!(
            exit.lines()
                .any(|l| l.trim_start().starts_with(&format!("{code}")) && l.contains(meaning)),
            "exit {code}:\n{exit}"
        );
    }
    assert!(page.contains("yibao card apply --region heilongjiang"));
    let en = rendered(&man_page("en").1, "200");
    assert!(en.contains("Take this day (YYYY-MM-DD) as today"), "{en}");
    assert!(en.contains("not found: unknown region"), "{en}");
}
