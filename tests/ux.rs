//! What makes yibao pleasant at a terminal and predictable in scripts:
//! colour rules, completions and man page, the JSON Schemas checked against
//! real outputs, terminal safety of overlay text, multi-reading pinyin.

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
    // Piped stdout: no colour there, while the reminder on the terminal's
    // stderr is still styled — each stream is decided on its own.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.txt");
    let tty = on_a_tty(
        &format!("yibao card apply > {}", file.display()),
        // A day when the built-in data is more than 12 months old.
        &[("YIBAO_TODAY", "2028-06-28")],
    );
    let piped = std::fs::read_to_string(&file).unwrap();
    assert!(!piped.contains('\x1b'), "file output is plain");
    assert!(
        tty.contains("\x1b[33m提醒"),
        "stderr reminder styled: {tty:?}"
    );
    // --color always colours a pipe; meaning never rests on colour alone.
    let always = stdout(yibao().args(["card", "replace", "--color", "always"]));
    assert!(
        always.contains("\x1b[33m注意："),
        "warnings say 注意 as well as being yellow"
    );
}

#[test]
fn completions_cover_data_driven_topics_and_chinese_aliases() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let text = stdout(yibao().args(["completions", shell]));
        for word in ["card", "filing", "checklist", "医保卡", "补办", "region"] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn man_page_renders_with_commands_and_options() {
    let text = stdout(yibao().arg("man"));
    assert!(
        text.starts_with(".ie") || text.contains(".TH yibao"),
        "{}",
        &text[..200.min(text.len())]
    );
    for word in ["card", "filing", "\\-\\-region", "\\-\\-json"] {
        assert!(text.contains(word), "man page lacks {word}");
    }
}

#[test]
fn help_leads_with_the_design_card_examples() {
    let text = stdout(yibao().arg("--help"));
    let examples = text
        .find("yibao card apply --region heilongjiang")
        .expect("example");
    let commands = text.find("命令 (commands)").expect("commands heading");
    assert!(examples < commands, "examples come first");
    assert!(text.contains("yibao filing checklist --json"));
    let topic = stdout(yibao().args(["card", "--help"]));
    for line in ["apply", "申领", "replace", "挂失补办", "checklist"] {
        assert!(topic.contains(line), "card --help lacks {line}");
    }
}

#[test]
fn every_json_output_validates_against_its_schema() {
    let schemas: serde_json::Value = serde_json::from_str(&stdout(yibao().arg("schema"))).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("overview", &[]),
        ("topic", &["card"]),
        ("procedure", &["card", "apply", "--region", "heilongjiang"]),
        ("procedure", &["family", "bind", "--region", "heihe"]),
        ("procedure", &["scheme", "compare"]),
        ("checklist", &["filing", "checklist", "--have", "身份证"]),
        ("list", &["list"]),
        ("regions", &["regions"]),
        ("search", &["search", "补办"]),
        ("faq", &["faq"]),
        ("validation", &["data", "validate", "data"]),
    ];
    for (kind, args) in cases {
        let out = stdout(yibao().args(*args).arg("--json"));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["kind"], *kind);
        let schema = &schemas["outputs"][kind];
        let validator = jsonschema::validator_for(schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{kind} {args:?}: {errors:?}");
    }
    // Errors on stderr too.
    let out = yibao()
        .args(["card", "apply", "--region", "atlantis", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let value: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let validator = jsonschema::validator_for(&schemas["outputs"]["error"]).unwrap();
    assert!(validator.is_valid(&value), "{value}");
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
