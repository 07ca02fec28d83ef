//! Every form of a lookup goes through one parser, so every form answers
//! the same way whatever the environment says. The forms: options before
//! or after the command, `show <id>`, Chinese words, checklists. The
//! environment: `YIBAO_REGION`, `YIBAO_DATA` and `YIBAO_TODAY` unset, empty,
//! blank, valid and bogus. The rule: an empty or blank variable counts as
//! not set; an empty value typed on the command line is a usage error.

mod common;

use common::*;
use yibao::kb::date::Date;

/// The forms of a lookup a user may type, as `(words, the procedure, whether
/// it is a checklist)`.
const FORMS: [(&[&str], &str, bool); 7] = [
    (&["card", "apply"], "card.apply", false),
    (&["--width", "60", "card", "apply"], "card.apply", false),
    (&["card", "apply", "--width", "60"], "card.apply", false),
    (&["show", "card.apply"], "card.apply", false),
    (&["医保卡", "申领"], "card.apply", false),
    (&["card", "checklist", "apply"], "card.apply", true),
    (&["filing", "checklist"], "filing.apply", true),
];

/// Runs `args` with environment variable `var` set to `value` (`None`:
/// unset), everything else as the other tests have it.
fn run_env(args: &[&str], var: &str, value: Option<&str>) -> Run {
    let mut c = yibao();
    match value {
        Some(v) => c.env(var, v),
        None => c.env_remove(var),
    };
    let out = c.args(args).output().expect("yibao runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn with(args: &[&str], more: &[&str]) -> Vec<String> {
    args.iter().chain(more).map(|s| s.to_string()).collect()
}

fn run_env_json(args: &[&str], var: &str, value: Option<&str>) -> (Run, serde_json::Value) {
    let args = with(args, &["--json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_env(&args, var, value);
    let v = if r.code == Some(0) {
        r.json()
    } else {
        serde_json::Value::Null
    };
    (r, v)
}

fn assert_answer(r: &Run, what: &str) {
    assert_eq!(r.code, Some(0), "{what}: stderr:\n{}", r.stderr);
    assert!(!r.stdout.is_empty(), "{what}: an answer");
    assert!(!r.stderr.contains("错误"), "{what}: {}", r.stderr);
}

// ---------------------------------------------------------------------------
// YIBAO_REGION

#[test]
fn an_unset_or_empty_region_variable_gives_national_rules_in_every_form() {
    for (args, id, _) in FORMS {
        let unset = run_env(args, "YIBAO_REGION", None);
        assert_answer(&unset, &format!("{args:?} without YIBAO_REGION"));
        assert!(unset.stdout.contains("全国"), "{args:?}: {}", unset.stdout);
        for empty in ["", "  "] {
            let what = format!("{args:?} with YIBAO_REGION={empty:?}");
            let r = run_env(args, "YIBAO_REGION", Some(empty));
            assert_answer(&r, &what);
            assert_eq!(r.stdout, unset.stdout, "{what}: national rules, as unset");
            assert_eq!(r.stderr, unset.stderr, "{what}");
            let (r, v) = run_env_json(args, "YIBAO_REGION", Some(empty));
            assert_answer(&r, &what);
            assert_eq!(v["region"], serde_json::Value::Null, "{what}");
            assert_eq!(v["procedure"]["id"], id, "{what}");
        }
    }
}

#[test]
fn a_region_variable_gives_that_regions_rules_in_every_form() {
    for (args, id, _) in FORMS {
        let what = format!("{args:?} with YIBAO_REGION=heilongjiang");
        let r = run_env(args, "YIBAO_REGION", Some("heilongjiang"));
        assert_answer(&r, &what);
        assert!(r.stdout.contains("黑龙江"), "{what}: {}", r.stdout);
        // The same answer as the option typed on the command line.
        let typed = run(with(args, &["--region", "heilongjiang"]));
        assert_eq!(r.stdout, typed.stdout, "{what}: as --region heilongjiang");
        let (r, v) = run_env_json(args, "YIBAO_REGION", Some("heilongjiang"));
        assert_answer(&r, &what);
        assert_eq!(v["region"]["id"], "heilongjiang", "{what}");
        assert_eq!(v["procedure"]["id"], id, "{what}");
    }
}

#[test]
fn a_bogus_region_variable_is_not_found_in_every_form() {
    for (args, _, _) in FORMS {
        let what = format!("{args:?} with YIBAO_REGION=atlantis");
        let r = run_env(args, "YIBAO_REGION", Some("atlantis"));
        assert_one_line_error(&r, 3, &["atlantis", "unknown region"], &what);
        let (r, _) = run_env_json(args, "YIBAO_REGION", Some("atlantis"));
        assert_eq!(r.code, Some(3), "{what}");
        let e = r.stderr_json();
        assert_eq!(e["error"]["kind"], "unknown_region", "{what}");
        assert_eq!(e["error"]["given"], "atlantis", "{what}");
    }
}

#[test]
fn a_region_typed_on_the_command_line_beats_the_variable() {
    for (args, _, _) in FORMS {
        for at_start in [false, true] {
            let args: Vec<&str> = if at_start {
                ["--region", "heihe"].iter().chain(args).copied().collect()
            } else {
                args.iter().chain(&["--region", "heihe"]).copied().collect()
            };
            let what = format!("{args:?} with YIBAO_REGION=atlantis");
            let (r, v) = run_env_json(&args, "YIBAO_REGION", Some("atlantis"));
            assert_answer(&r, &what);
            assert_eq!(v["region"]["id"], "heihe", "{what}");
        }
    }
}

#[test]
fn an_empty_region_typed_on_the_command_line_is_a_usage_error_in_every_form() {
    for (args, _, _) in FORMS {
        for env in [None, Some(""), Some("heilongjiang")] {
            for typed in [&["--region", ""][..], &["--region="], &["-r", " "]] {
                for at_start in [false, true] {
                    let args: Vec<&str> = if at_start {
                        typed.iter().chain(args).copied().collect()
                    } else {
                        args.iter().chain(typed).copied().collect()
                    };
                    let what = format!("{args:?} with YIBAO_REGION={env:?}");
                    let r = run_env(&args, "YIBAO_REGION", env);
                    assert_one_line_error(&r, 2, &["--region", "empty region"], &what);
                }
            }
        }
    }
    let r = run(["--json", "card", "apply", "--region="]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr_json()["error"]["kind"], "usage");
}

// ---------------------------------------------------------------------------
// YIBAO_DATA

#[test]
fn an_unset_or_empty_data_variable_reads_no_overlay_in_every_form() {
    for (args, _, _) in FORMS {
        let unset = run_env(args, "YIBAO_DATA", None);
        assert_answer(&unset, &format!("{args:?}"));
        for empty in ["", " "] {
            let what = format!("{args:?} with YIBAO_DATA={empty:?}");
            let r = run_env(args, "YIBAO_DATA", Some(empty));
            assert_answer(&r, &what);
            assert_eq!(r.stdout, unset.stdout, "{what}: the built-in base alone");
        }
    }
}

/// The forms of a lookup of `card.check`, a procedure only the overlay
/// `overlay-new-procedure` has.
const NEW_PROCEDURE_FORMS: [&[&str]; 7] = [
    &["card", "check"],
    &["--width", "60", "card", "check"],
    &["card", "check", "--width", "60"],
    &["show", "card.check"],
    &["医保卡", "查进度"],
    &["card", "进度"],
    &["card", "checklist", "check"],
];

#[test]
fn an_overlay_from_the_variable_or_the_option_adds_its_command_in_every_form() {
    let dir = fixture("overlay-new-procedure");
    let dir = dir.to_str().unwrap();
    for args in NEW_PROCEDURE_FORMS {
        let what = format!("{args:?} with YIBAO_DATA");
        let (r, v) = run_env_json(args, "YIBAO_DATA", Some(dir));
        assert_answer(&r, &what);
        assert_eq!(v["procedure"]["id"], "card.check", "{what}");
        // Without the overlay there is no such command.
        let r = run_env(args, "YIBAO_DATA", None);
        assert_eq!(
            r.code,
            Some(3),
            "{args:?} without the overlay: {}",
            r.stderr
        );
        // --data anywhere among the words reads the same overlay.
        for at in (0..=args.len()).filter(|&at| at == 0 || args[at - 1] != "--width") {
            let mut typed: Vec<&str> = args.to_vec();
            typed.splice(at..at, ["--data", dir]);
            let what = format!("{typed:?}");
            let (r, v) = run_env_json(&typed, "YIBAO_DATA", None);
            assert_answer(&r, &what);
            assert_eq!(v["procedure"]["id"], "card.check", "{what}");
        }
    }
    // After a checklist's --have too.
    let r = run([
        "card",
        "checklist",
        "check",
        "--have",
        "applied",
        "--data",
        dir,
        "--json",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.json()["missing"], serde_json::json!([]));
}

#[test]
fn the_data_option_beats_the_variable() {
    let good = fixture("overlay-new-procedure");
    for bad in ["/nonexistent/yibao-overlay", ""] {
        let mut c = yibao();
        c.env("YIBAO_DATA", bad)
            .args(["card", "check", "--json", "--data"])
            .arg(&good);
        let out = c.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "YIBAO_DATA={bad:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_missing_overlay_directory_is_invalid_data_in_every_form() {
    for (args, _, _) in FORMS {
        let what = format!("{args:?} with YIBAO_DATA=/nonexistent");
        let r = run_env(args, "YIBAO_DATA", Some("/nonexistent/yibao-overlay"));
        assert_one_line_error(&r, 4, &["/nonexistent/yibao-overlay", "E001"], &what);
    }
}

#[test]
fn an_empty_data_option_is_a_usage_error_in_every_form() {
    for (args, _, _) in FORMS {
        for env in [
            None,
            Some(fixture("overlay-good").to_str().unwrap().to_string()),
        ] {
            for typed in [&["--data", ""][..], &["--data="]] {
                let args: Vec<&str> = args.iter().chain(typed).copied().collect();
                let what = format!("{args:?} with YIBAO_DATA={env:?}");
                let r = run_env(&args, "YIBAO_DATA", env.as_deref());
                assert_one_line_error(&r, 2, &["--data", "empty directory"], &what);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// YIBAO_TODAY

#[test]
fn the_date_variable_sets_the_freshness_in_every_form() {
    for (args, _, _) in FORMS {
        let (r, old) = run_env_json(args, "YIBAO_TODAY", Some(STALE_DAY));
        assert_answer(&r, &format!("{args:?}"));
        let checked = Date::parse(old["freshness"]["checked"].as_str().unwrap()).unwrap();
        let months = |today: &str| i64::from(checked.months_until(Date::parse(today).unwrap()));
        assert_eq!(
            old["freshness"]["months_old"],
            months(STALE_DAY),
            "{args:?}"
        );
        assert_eq!(old["freshness"]["stale"], true, "{args:?}");
        let (_, fresh) = run_env_json(args, "YIBAO_TODAY", Some("2026-12-01"));
        assert_eq!(fresh["freshness"]["months_old"], months("2026-12-01"));
        assert_eq!(fresh["freshness"]["stale"], false, "{args:?}");
        // The table form says so in its freshness line, or not.
        let r = run_env(args, "YIBAO_TODAY", Some(STALE_DAY));
        assert!(r.stdout.contains("提醒"), "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr, "", "{args:?}");
        let r = run_env(args, "YIBAO_TODAY", Some("2026-12-01"));
        assert!(!r.stdout.contains("提醒"), "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr, "", "{args:?}");
    }
}

#[test]
fn an_unset_or_empty_date_variable_means_today_in_china_in_every_form() {
    for (args, _, _) in FORMS {
        for value in [None, Some(""), Some(" ")] {
            let what = format!("{args:?} with YIBAO_TODAY={value:?}");
            let (r, v) = run_env_json(args, "YIBAO_TODAY", value);
            assert_answer(&r, &what);
            let checked = Date::parse(v["freshness"]["checked"].as_str().unwrap()).unwrap();
            // Read the clock after the run: a run that crossed midnight in
            // Beijing is the only way this can differ, and it is one month
            // at most.
            let expected = i64::from(checked.months_until(Date::china_today()));
            let got = v["freshness"]["months_old"].as_i64().unwrap();
            assert!(
                got == expected || got + 1 == expected,
                "{what}: {got} months old, expected {expected}"
            );
        }
    }
}

#[test]
fn a_bogus_date_variable_is_a_usage_error_in_every_form() {
    for (args, _, _) in FORMS {
        for bogus in ["tomorrow", "2026-02-30", "2026/11/23"] {
            let what = format!("{args:?} with YIBAO_TODAY={bogus:?}");
            let r = run_env(args, "YIBAO_TODAY", Some(bogus));
            assert_one_line_error(&r, 2, &["YIBAO_TODAY", bogus, "YYYY-MM-DD"], &what);
            let (r, _) = run_env_json(args, "YIBAO_TODAY", Some(bogus));
            assert_eq!(r.code, Some(2), "{what}");
            assert_eq!(r.stderr_json()["error"]["kind"], "usage", "{what}");
        }
    }
}

// ---------------------------------------------------------------------------
// One parser: the same answer whatever the order or spelling

#[test]
fn every_procedure_answers_the_same_with_options_before_or_after() {
    let list = ok_json(["list", "--json"]);
    for p in list["procedures"].as_array().unwrap() {
        let (topic, action) = (p["topic"].as_str().unwrap(), p["action"].as_str().unwrap());
        for region in ["heilongjiang", "heihe"] {
            for format in ["table", "json"] {
                let opts = ["--region", region, "--format", format, "--width", "90"];
                let after = run([&[topic, action][..], &opts].concat());
                let before = run([&opts[..], &[topic, action]].concat());
                let split = run([&[topic][..], &opts, &[action]].concat());
                assert_eq!(after.code, Some(0), "{topic} {action}: {}", after.stderr);
                for other in [&before, &split] {
                    assert_eq!(other.code, after.code, "{topic} {action} {region}");
                    assert_eq!(other.stdout, after.stdout, "{topic} {action} {region}");
                    assert_eq!(other.stderr, after.stderr, "{topic} {action} {region}");
                }
            }
        }
    }
}

#[test]
fn option_spellings_agree() {
    let same = |a: &[&str], b: &[&str]| {
        let (x, y) = (run(a), run(b));
        assert_eq!(
            (x.code, &x.stdout, &x.stderr),
            (y.code, &y.stdout, &y.stderr),
            "{a:?} vs {b:?}"
        );
    };
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
        &["--format", "table", "filing", "清单", "--have=身份证,照片"],
    );
}

#[test]
fn repeated_missing_or_bad_values_are_usage_errors_wherever_they_are() {
    for args in [
        &["card", "apply", "--region", "heihe", "--region", "heihe"][..],
        &["--region", "heihe", "--region", "heihe", "card", "apply"],
        &["card", "apply", "--region"],
        &["card", "apply", "--width", "0"],
        &["--width", "0", "card", "apply"],
        &["card", "apply", "--format", "xml"],
        &["card", "apply", "--format", "md"],
        &["card", "apply", "--colour", "never"],
        &["card", "apply", "--region", "-w"],
        &["filing", "checklist", "--have"],
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, &["用法错误"], &format!("{args:?}"));
        // Asked for JSON, the error is JSON.
        for json in [&["--json"][..], &["--format", "json"]] {
            if json.len() == 2 && args.contains(&"--format") {
                continue; // --format json --format xml: which is meant?
            }
            let args: Vec<&str> = json.iter().chain(args).copied().collect();
            let r = run(&args);
            assert_eq!(r.code, Some(2), "{args:?}");
            assert_eq!(r.stderr_json()["error"]["kind"], "usage", "{args:?}");
        }
    }
    // After the bad value too, when clap could read past it.
    let r = run(["card", "apply", "--width", "0", "--json"]);
    assert_eq!(r.stderr_json()["error"]["code"], 2);
}

#[test]
fn help_on_any_path_shows_the_global_options() {
    for args in [
        &["--help"][..],
        &["card", "--help"],
        &["card", "apply", "--help"],
        &["card", "checklist", "-h"],
        &["help", "show"],
    ] {
        let out = ok(args);
        for option in [
            "--region", "--format", "--json", "--width", "--color", "--data",
        ] {
            assert!(out.contains(option), "{args:?} lacks {option}:\n{out}");
        }
    }
    assert!(ok(["card", "checklist", "--help"]).contains("--have"));
}
