//! The README's "Scripting" examples, run as written (with `yibao` being the
//! binary under test) through `bash` and `jq`.

use std::process::Command;

fn examples() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = text.find("## Scripting").expect("Scripting section");
    let section = &text[start..];
    let block = section
        .split("```sh")
        .nth(1)
        .expect("a sh block")
        .split("```")
        .next()
        .unwrap();
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn run(line: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_yibao");
    let script = line.replace("yibao ", &format!("{bin} "));
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("set -o pipefail; {script}"))
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{line}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn readme_examples_print_what_they_promise() {
    let ex = examples();
    assert_eq!(ex.len(), 4, "{ex:?}");

    let missing = run(&ex[0]);
    let missing: Vec<&str> = missing.lines().collect();
    assert!(!missing.is_empty());
    assert!(
        !missing.contains(&"ecard-or-id"),
        "身份证 is an alternative of the first material: {missing:?}"
    );

    let steps = run(&ex[1]);
    let steps: Vec<&str> = steps.lines().collect();
    assert_eq!(steps.len(), 6, "{steps:?}");
    assert!(steps[0].contains("挂失"), "{steps:?}");
    assert!(steps[1].contains("银行"), "{steps:?}");

    let hlj = run(&ex[2]);
    assert!(hlj.lines().any(|l| l == "card.apply"), "{hlj}");
    assert!(hlj.lines().any(|l| l == "filing.apply"), "{hlj}");

    assert_eq!(run(&ex[3]).trim(), "yibao card replace");
}
