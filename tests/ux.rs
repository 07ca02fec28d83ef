//! What makes yibao pleasant at a terminal and predictable in scripts:
//! colour rules, the data schema checked against the built-in base,
//! terminal safety of overlay text, multi-reading pinyin. (Completions,
//! the man page and help, and the output schemas have files of their own.)

use assert_cmd::Command;
use std::path::Path;

fn yibao() -> Command {
    let mut c = Command::cargo_bin("yibao").unwrap();
    c.env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a shell line with a pseudo-terminal as its terminal (util-linux
/// `script`), returning what reached the terminal.
fn on_a_tty(line: &str, env: &[(&str, &str)]) -> String {
    let bin = env!("CARGO_BIN_EXE_yibao");
    let mut c = std::process::Command::new("script");
    c.args([
        "-qec",
        &line.replace("yibao ", &format!("{bin} ")),
        "/dev/null",
    ])
    .env("YIBAO_TODAY", "2026-11-28")
    .env("TERM", "xterm-256color")
    .env_remove("NO_COLOR")
    .env_remove("YIBAO_REGION");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("script(1) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_is_on_for_a_terminal_and_off_for_pipes_and_no_color() {
    assert!(
        on_a_tty("yibao card apply", &[]).contains("\x1b[1m\x1b[36m"),
        "title styled (bold cyan) on a tty"
    );
    assert!(!on_a_tty("yibao card apply", &[("NO_COLOR", "1")]).contains('\x1b'));
    assert!(!on_a_tty("yibao card apply", &[("TERM", "dumb")]).contains('\x1b'));
    // NO_COLOR set but empty does not count.
    assert!(on_a_tty("yibao card apply", &[("NO_COLOR", "")]).contains('\x1b'));
    assert!(!on_a_tty("yibao card apply --color never", &[]).contains('\x1b'));
    // Piped stdout: no colour there, while an error on the terminal's
    // stderr is still styled — each stream is decided on its own.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.txt");
    let tty = on_a_tty(
        &format!(
            "yibao card apply > {}; yibao card apply -r atlantis > {0}.2",
            file.display()
        ),
        &[],
    );
    let piped = std::fs::read_to_string(&file).unwrap();
    assert!(!piped.contains('\x1b'), "file output is plain");
    assert!(
        tty.contains("\x1b[1m\x1b[31m错误："),
        "stderr error styled: {tty:?}"
    );
    // --color always colours a pipe; meaning never rests on colour alone.
    let always = stdout(yibao().args(["card", "replace", "--color", "always"]));
    assert!(
        always.contains("\x1b[33m注意："),
        "warnings say 注意 as well as being yellow"
    );
}

#[test]
fn the_data_schema_accepts_the_built_in_base() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout(yibao().args(["schema", "data"]))).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut files = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("data")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 10);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        // The YAML → JSON step uses the same parser the tool does.
        let data = yibao::kb::yaml::parse_file(&text).unwrap();
        let value = serde_json::to_value(&data).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
    }
}

#[test]
fn overlay_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.yaml"),
        "region: heihe\nprocedures:\n  - id: family.bind\n    checked: 2026-11-01\n    tips:\n      - id: evil\n        text: \"窗口\\e]0;pwned\\a换标题\\e[2J清屏\\u202e反向\\x9b31m结束\"\n        src: [seed-002]\n",
    )
    .unwrap();
    for format in ["table", "plain", "markdown", "json", "yaml"] {
        let out = stdout(
            yibao()
                .args([
                    "family", "bind", "--region", "heihe", "--format", format, "--data",
                ])
                .arg(dir.path()),
        );
        for bad in ['\x1b', '\x07', '\u{202e}', '\u{9b}'] {
            assert!(!out.contains(bad), "{format}: {bad:?} reached the terminal");
        }
        assert!(
            out.contains("换标题") && out.contains("清屏"),
            "{format}: the text itself stays"
        );
    }
}

#[test]
fn pinyin_search_knows_characters_with_several_readings() {
    let first = |q: &[&str]| -> String {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(yibao().arg("search").args(q).arg("--json"))).unwrap();
        // The first procedure: a plan named by the words comes before them.
        let results = v["results"].as_array().cloned().unwrap_or_default();
        let first = results.iter().find(|r| r["kind"] == "procedure");
        first
            .and_then(|r| r["id"].as_str())
            .unwrap_or("")
            .to_string()
    };
    // 重 (chong/zhong): 重新办卡 is a keyword of card.replace.
    assert_eq!(first(&["chongxin"]), "card.replace");
    // 行 (xing/hang): 银行 for activating the bank function.
    assert_eq!(first(&["yinhang"]), "card.activate");
    // 长 (chang/zhang): 长期居住 for the filing types.
    assert_eq!(first(&["changqi"]), "filing.types");
    assert_eq!(first(&["bb"]), "card.replace");
    assert_eq!(first(&["lost", "card"]), "card.replace");
}
