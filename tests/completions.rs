//! Completions that complete, tried in the real shells: the script
//! `yibao completions <shell>` prints is loaded into bash, zsh and fish,
//! which then ask yibao for the words of the knowledge base in effect.
//!
//! bash: the completion function is called as bash calls it (`COMP_WORDS`,
//! `COMP_CWORD`, `COMP_LINE`, `COMP_POINT`) and `COMPREPLY` is read. fish:
//! `complete --do-complete`. zsh: an interactive zsh on a pseudo-terminal
//! (`zpty`) with the completion system loaded is sent a line and a Tab.
//! The shells must be installed (`.ci/run` installs zsh and fish).

mod common;

use common::*;
use std::path::PathBuf;
use std::process::Command;

/// `PATH` with the test binary first: the scripts call `yibao`.
fn path() -> String {
    let dir = bin().parent().unwrap().to_path_buf();
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", dir.display())
}

/// The registration script for `shell`, written to a file.
fn script(shell: &str, dir: &tempfile::TempDir) -> PathBuf {
    let text = ok(["completions", shell]);
    let file = dir.path().join(format!("yibao.{shell}"));
    std::fs::write(&file, text).unwrap();
    file
}

fn shell(name: &str) -> Command {
    let mut c = Command::new(name);
    clean_env(&mut c);
    c.env("PATH", path());
    c
}

fn run_shell(mut c: Command, what: &str) -> String {
    let out = c.output().unwrap_or_else(|e| {
        panic!("{what}: cannot run the shell ({e}); install bash, zsh and fish (.ci/run does)")
    });
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What bash offers for the last of `words` (the word being completed).
fn bash(words: &[&str]) -> Vec<String> {
    bash_with(words, &[])
}

fn bash_with(words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = script("bash", &dir);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        r#"source '{}'
COMP_WORDS=({})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
COMP_TYPE=9
_clap_complete_yibao yibao "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        file.display(),
        quoted.join(" ")
    );
    let mut c = shell("bash");
    c.args(["--norc", "--noprofile", "-c", &line]);
    for (k, v) in env {
        c.env(k, v);
    }
    run_shell(c, &format!("bash {words:?}"))
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_regions_by_id_and_chinese_name() {
    assert_eq!(
        bash(&["yibao", "card", "apply", "--region", "heil"]),
        ["heilongjiang"]
    );
    assert_eq!(bash(&["yibao", "--region", "黑河"]), ["黑河市"]);
    // In the registry's order: provinces, then their cities.
    assert_eq!(
        bash(&["yibao", "-r", "hai"]),
        [
            "hainan",
            "haikou",
            "haidong",
            "haibei",
            "hainanzhou",
            "haixi"
        ]
    );
    // Every prefecture-level city of a province, by its Chinese name.
    let heilongjiang = bash(&["yibao", "filing", "apply", "--region", "黑"]);
    assert!(
        heilongjiang.contains(&"黑龙江省".to_string())
            && heilongjiang.contains(&"黑河市".to_string()),
        "{heilongjiang:?}"
    );
    // Never file names.
    assert_eq!(bash(&["yibao", "--region", "Cargo"]), Vec::<String>::new());
}

#[test]
fn bash_completes_procedure_ids_topics_and_actions() {
    assert_eq!(bash(&["yibao", "show", "card.r"]), ["card.replace"]);
    let ids = bash(&["yibao", "show", "filing."]);
    assert!(
        ids.contains(&"filing.apply".to_string()) && ids.len() >= 3,
        "{ids:?}"
    );
    let topics = bash(&["yibao", "faq", ""]);
    for t in [
        "card",
        "ecard",
        "family",
        "filing",
        "balance",
        "scheme",
        "异地就医备案",
    ] {
        assert!(topics.contains(&t.to_string()), "faq lacks {t}: {topics:?}");
    }
    let actions = bash(&["yibao", "card", "checklist", ""]);
    for a in ["apply", "replace", "挂失补办", "--have"] {
        assert!(
            actions.contains(&a.to_string()),
            "checklist lacks {a}: {actions:?}"
        );
    }
    // Topics, actions and their Chinese names are commands.
    let first = bash(&["yibao", ""]);
    for w in ["card", "filing", "show", "faq", "--region"] {
        assert!(first.contains(&w.to_string()), "yibao lacks {w}: {first:?}");
    }
    assert_eq!(bash(&["yibao", "医保"]), ["医保卡", "医保码"]);
    assert_eq!(bash(&["yibao", "card", "补"]), ["补办"]);
    assert_eq!(bash(&["yibao", "filing", "ty"]), ["types"]);
    assert_eq!(bash(&["yibao", "help", "fil"]), ["filing"]);
}

#[test]
fn bash_completes_the_values_of_options() {
    assert_eq!(bash(&["yibao", "--lang", ""]), ["zh", "en"]);
    assert_eq!(
        bash(&["yibao", "card", "apply", "--as", "re"]),
        ["resident", "retiree"]
    );
    assert_eq!(bash(&["yibao", "--as", "退"]), ["退休"]);
    assert_eq!(bash(&["yibao", "--format", "ya"]), ["yaml"]);
    assert_eq!(bash(&["yibao", "--color", "n"]), ["never"]);
    assert_eq!(
        bash(&["yibao", "schema", "output", "ch"]),
        ["checklist", "choices"]
    );
    assert_eq!(bash(&["yibao", "completions", "f"]), ["fish"]);
    // Directories for --data.
    let fixtures = fixtures();
    let prefix = format!("{}/overlay-new", fixtures.display());
    assert_eq!(
        bash(&["yibao", "--data", &prefix]),
        [format!("{prefix}-procedure/")]
    );
}

#[test]
fn completions_know_the_overlay_in_effect() {
    let overlay = fixture("overlay-new-procedure");
    let overlay = overlay.to_str().unwrap();
    assert_eq!(
        bash(&["yibao", "--data", overlay, "show", "card.ch"]),
        ["card.check"]
    );
    assert_eq!(
        bash_with(&["yibao", "card", "ch"], &[("YIBAO_DATA", overlay)]),
        ["check", "checklist"]
    );
    // Without the overlay the procedure does not exist.
    assert_eq!(bash(&["yibao", "show", "card.ch"]), Vec::<String>::new());
}

#[test]
fn bash_completes_situations_for_plan_and_words_for_terms() {
    // Every situation by its id; its Chinese aliases too.
    let plan = ok_json(["plan", "--json"]);
    let all = bash(&["yibao", "plan", ""]);
    for s in plan["situations"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        assert!(all.contains(&id.to_string()), "{id} in {all:?}");
        for a in s["aliases"].as_array().unwrap() {
            let a = a.as_str().unwrap();
            assert!(all.contains(&a.to_string()), "{a} in {all:?}");
        }
    }
    assert_eq!(bash(&["yibao", "plan", "win"]), ["winter-stay"]);
    assert_eq!(bash(&["yibao", "plan", "过"]), ["过冬"]);
    assert_eq!(bash(&["yibao", "plan", "帮"]), ["帮父母", "帮老人"]);
    // Each completed word gives its plan.
    for word in ["winter-stay", "过冬"] {
        let v = ok_json(["plan", word, "--json"]);
        assert_eq!(v["situation"]["id"], "winter-stay", "{word}");
    }
    // Plans take their places like --region.
    assert_eq!(
        bash(&["yibao", "plan", "winter-stay", "--to", "hain"]),
        ["hainan", "hainanzhou"]
    );
    assert_eq!(bash(&["yibao", "plan", "--from", "黑河"]), ["黑河市"]);
    // Every entry of the glossary by its id and its word; other names too.
    let terms = ok_json(["terms", "--json"]);
    let all = bash(&["yibao", "terms", ""]);
    for t in terms["terms"].as_array().unwrap() {
        for key in ["id", "term"] {
            let w = t[key].as_str().unwrap();
            assert!(all.contains(&w.to_string()), "{w} in {all:?}");
        }
    }
    assert_eq!(bash(&["yibao", "terms", "ded"]), ["deductible"]);
    assert_eq!(bash(&["yibao", "terms", "起付"]), ["起付线", "起付标准"]);
    assert_eq!(bash(&["yibao", "terms", "门槛"]), ["门槛费"]);
    for word in ["deductible", "起付线", "门槛费"] {
        let v = ok_json(["terms", word, "--json"]);
        assert_eq!(v["term"]["id"], "deductible", "{word}");
    }
    // Never file names.
    assert_eq!(bash(&["yibao", "terms", "Cargo"]), Vec::<String>::new());
    assert_eq!(bash(&["yibao", "plan", "Cargo"]), Vec::<String>::new());
}

#[test]
fn plan_completes_the_situations_of_the_overlay_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("situations.yaml"),
        r#"situations:
  - id: move-house
    title: {zh: 搬家到外省, en: Moving to another province}
    aliases: [搬家, 迁居]
    summary: {zh: 搬到外省以后，先办好跨省备案。, en: "After a move to another province, file for care there first."}
    src: [seed-001]
    checked: "2026-11-01"
    plan:
      - id: filing
        phase: prepare
        procedure: filing.apply
        steps: all
"#,
    )
    .unwrap();
    let overlay = dir.path().to_str().unwrap();
    assert_eq!(
        bash(&["yibao", "--data", overlay, "plan", "mo"]),
        ["move-house"]
    );
    assert_eq!(
        bash_with(&["yibao", "plan", "搬"], &[("YIBAO_DATA", overlay)]),
        ["搬家"]
    );
    let v = ok_json(["--data", overlay, "plan", "搬家", "--json"]);
    assert_eq!(v["situation"]["id"], "move-house");
    // Without the overlay the situation does not exist.
    assert_eq!(bash(&["yibao", "plan", "mo"]), Vec::<String>::new());
}

#[test]
fn fish_completes_with_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    let file = script("fish", &dir);
    let mut c = shell("fish");
    c.args([
        "--no-config",
        "-c",
        &format!(
            "source '{}'; complete --do-complete 'yibao show card.r'; complete --do-complete 'yibao --region 黑河'; complete --do-complete 'yibao --lang '",
            file.display()
        ),
    ]);
    let out = run_shell(c, "fish");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "card.replace\t医保卡（社会保障卡）挂失与补办",
            "黑河市\theihe",
            "zh",
            "en",
        ]
    );
}

/// What an interactive zsh with the completion system shows after `line`
/// and a Tab: the terminal's output, with the completed line in it.
fn zsh_tab(file: &std::path::Path, line: &str) -> String {
    let script = format!(
        r#"zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'PS1="%% "; autoload -Uz compinit; compinit -u -D; source {file}; print READY'
zpty -r z out '*READY*'
zpty -w -n z '{line}'$'\t'
sleep 1
zpty -w -n z $'\x15exit\n'
all=
while zpty -r -t z chunk; do all+=$chunk; done
print -r -- $all"#,
        file = file.display()
    );
    let mut c = shell("zsh");
    c.args(["-f", "-c", &script]);
    run_shell(c, &format!("zsh {line}"))
}

#[test]
fn zsh_completes_in_a_real_interactive_shell() {
    let dir = tempfile::tempdir().unwrap();
    let file = script("zsh", &dir);
    let out = zsh_tab(&file, "yibao show card.r");
    assert!(out.contains("yibao show card.replace"), "{out:?}");
    let out = zsh_tab(&file, "yibao --region 黑河");
    assert!(out.contains("yibao --region 黑河市"), "{out:?}");
    let out = zsh_tab(&file, "yibao card checklist repl");
    assert!(out.contains("yibao card checklist replace"), "{out:?}");
}

#[test]
fn every_shell_gets_a_script_that_asks_yibao() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = ok(["completions", shell]);
        assert!(text.contains("COMPLETE"), "{shell}: {text}");
        assert!(text.contains("yibao"), "{shell}: {text}");
    }
}
