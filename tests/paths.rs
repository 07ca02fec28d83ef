//! Plain lookups are read without building the clap tree (a start-up cost
//! saving); every other form goes through clap. Both must answer the same:
//! the same lookup written with its options before the command (which only
//! clap reads) must print the same bytes and exit the same way.

use assert_cmd::Command;

fn run(args: &[&str]) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(args)
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (out.status.code(), out.stdout, out.stderr)
}

fn same(quick: &[&str], clap: &[&str]) {
    let a = run(quick);
    let b = run(clap);
    assert_eq!(a.0, b.0, "exit codes differ: {quick:?} vs {clap:?}");
    assert!(a.1 == b.1, "stdout differs: {quick:?} vs {clap:?}");
    assert!(
        a.2 == b.2,
        "stderr differs: {quick:?} vs {clap:?}:\n{}\n{}",
        String::from_utf8_lossy(&a.2),
        String::from_utf8_lossy(&b.2)
    );
}

#[test]
fn every_procedure_answers_the_same_either_way() {
    let list: serde_json::Value = serde_json::from_slice(&run(&["list", "--json"]).1).unwrap();
    for p in list["procedures"].as_array().unwrap() {
        let (topic, action) = (p["topic"].as_str().unwrap(), p["action"].as_str().unwrap());
        for region in ["heilongjiang", "heihe", "hainan"] {
            for format in ["table", "json", "plain"] {
                same(
                    &[
                        topic, action, "--region", region, "--format", format, "--width", "90",
                    ],
                    &[
                        "--region", region, "--format", format, "--width", "90", topic, action,
                    ],
                );
            }
        }
    }
}

#[test]
fn option_spellings_checklists_and_errors_agree() {
    same(
        &["card", "apply", "-rheilongjiang", "-w", "70"],
        &["-r", "heilongjiang", "-w70", "card", "apply"],
    );
    same(
        &["card", "apply", "--region=heihe", "--json"],
        &["--json", "--region=heihe", "card", "apply"],
    );
    same(
        &["医保卡", "补办", "--color", "always"],
        &["--color", "always", "card", "replace"],
    );
    same(
        &["filing", "checklist", "--have", "身份证,照片"],
        &[
            "--format",
            "table",
            "filing",
            "checklist",
            "--have",
            "身份证,照片",
        ],
    );
    same(
        &["filing", "checklist", "local", "--region", "heilongjiang"],
        &["--region", "heilongjiang", "filing", "checklist", "local"],
    );
    // Errors: an unknown region is found after reading either way.
    same(
        &["card", "apply", "--region", "atlantis"],
        &["--region", "atlantis", "card", "apply"],
    );
    same(
        &["card", "apply", "--region", "atlantis", "--json"],
        &["--json", "--region", "atlantis", "card", "apply"],
    );
}

#[test]
fn doubtful_forms_get_claps_errors() {
    // Repeated, missing or bad values are clap's to report: exit 2.
    for args in [
        &["card", "apply", "--region", "heihe", "--region", "heihe"][..],
        &["card", "apply", "--region"],
        &["card", "apply", "--width", "0"],
        &["card", "apply", "--format", "xml"],
        &["card", "apply", "--colour", "never"],
        &["card", "apply", "--region", "-w"],
    ] {
        let (code, _, stderr) = run(args);
        assert_eq!(
            code,
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
    let (code, stdout, _) = run(&["card", "apply", "--help"]);
    assert_eq!(code, Some(0));
    assert!(String::from_utf8_lossy(&stdout).contains("--region"));
}
