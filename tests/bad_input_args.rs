//! SPEC §6 for the command line: unknown or empty regions, unknown topics,
//! actions and ids, bad option values and non-UTF-8 arguments get the
//! documented exit code (2 usage, 3 not found — never 101) and a one-line
//! message naming the bad value. As properties: whatever is typed, or given
//! as an overlay, gets a clean answer with a documented code.

mod common;

use common::data_dir::*;
use common::*;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

// ---------------------------------------------------------------------------
// --region

#[test]
fn unknown_region_is_exit_3_with_a_suggestion() {
    let r = run(["card", "apply", "--region", "heilongjang"]);
    assert_one_line_error(
        &r,
        3,
        &["heilongjang", "你是不是要找", "heilongjiang"],
        "--region heilongjang",
    );
}

#[test]
fn empty_region_is_a_usage_error() {
    for v in ["", "  "] {
        let r = run(["card", "apply", "--region", v]);
        assert_one_line_error(&r, 2, &["--region"], &format!("--region {v:?}"));
    }
    let r = run(["card", "apply", "--region=", "--json"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr_json()["error"]["kind"], "usage");
}

#[test]
fn missing_option_value_is_a_usage_error() {
    for args in [
        &["card", "apply", "--region"][..],
        &["card", "apply", "--format"][..],
        &["card", "apply", "--width"][..],
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, &[args[args.len() - 1]], &format!("{args:?}"));
    }
}

// ---------------------------------------------------------------------------
// Unknown topics, actions, ids

#[test]
fn unknown_topic_is_exit_3_with_did_you_mean() {
    let r = run(["crad"]);
    assert_one_line_error(&r, 3, &["crad", "你是不是要找", "card"], "yibao crad");
    let r = run(["crad", "apply"]);
    assert_one_line_error(&r, 3, &["crad", "card"], "yibao crad apply");
}

#[test]
fn unknown_action_is_exit_3_with_did_you_mean() {
    let r = run(["card", "aply"]);
    assert_one_line_error(&r, 3, &["aply", "你是不是要找", "apply"], "yibao card aply");
    let r = run(["filing", "checklst"]);
    assert_one_line_error(&r, 3, &["checklst", "checklist"], "yibao filing checklst");
    let r = run(["card", "checklist", "aply"]);
    assert_one_line_error(&r, 3, &["aply", "apply"], "yibao card checklist aply");
}

#[test]
fn unknown_id_is_exit_3_with_did_you_mean() {
    let r = run(["show", "card.nope"]);
    assert_one_line_error(
        &r,
        3,
        &["card.nope", "你是不是要找", "card."],
        "yibao show card.nope",
    );
    let r = run(["show", "card.replce"]);
    assert_one_line_error(
        &r,
        3,
        &["card.replce", "card.replace"],
        "yibao show card.replce",
    );
}

#[test]
fn unknown_faq_topic_is_exit_3() {
    let r = run(["faq", "crad"]);
    assert_one_line_error(&r, 3, &["crad", "card"], "yibao faq crad");
}

// ---------------------------------------------------------------------------
// Options

#[test]
fn bad_format_is_exit_2_naming_the_value() {
    for args in [
        &["card", "apply", "--format", "xml"][..],
        &["--format", "xml", "card", "apply"][..],
        &["-f", "xml"][..],
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, &["xml", "--format"], &format!("{args:?}"));
    }
}

#[test]
fn width_zero_and_non_numbers_are_usage_errors() {
    for w in ["0", "abc", "-3", "65536", "1.5"] {
        let r = run(["card", "apply", "--width", w]);
        assert_one_line_error(&r, 2, &[w], &format!("--width {w}"));
    }
}

#[test]
fn width_1_and_other_extremes_still_work() {
    for w in ["1", "2", "3", "7", "65535"] {
        for args in [
            &["card", "apply", "--region", "heilongjiang"][..],
            &["filing", "checklist", "--have", "身份证"][..],
            &["scheme", "compare"][..],
            &[][..],
            &["regions"][..],
            &["faq"][..],
            &["search", "补办"][..],
        ] {
            let mut a = args.to_vec();
            a.extend(["--width", w]);
            let r = run(&a);
            assert_eq!(r.code, Some(0), "{a:?}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"), "{a:?}: {}", r.stderr);
            assert!(!r.stdout.is_empty(), "{a:?}");
        }
    }
    // Nothing is lost at width 1: every character of the title is still there.
    let out = ok(["card", "apply", "--width", "1"]);
    assert!(
        unwrapped(&out).contains("医保卡（社会保障卡）首次申领"),
        "{out}"
    );
}

#[test]
fn bad_color_and_unknown_options_are_usage_errors() {
    let r = run(["card", "apply", "--color", "sometimes"]);
    assert_one_line_error(&r, 2, &["sometimes"], "--color sometimes");
    let r = run(["card", "apply", "--frobnicate"]);
    assert_one_line_error(&r, 2, &["--frobnicate"], "--frobnicate");
    let r = run(["card", "apply", "extra"]);
    assert_one_line_error(&r, 2, &["extra"], "extra argument");
    let r = run(["completions", "nosuchshell"]);
    assert_one_line_error(&r, 2, &["nosuchshell"], "completions nosuchshell");
}

// ---------------------------------------------------------------------------
// Non-UTF-8 arguments

fn raw(bytes: &[u8]) -> OsString {
    OsString::from_vec(bytes.to_vec())
}

fn run_raw(args: Vec<OsString>) -> Run {
    run(&args)
}

#[test]
fn non_utf8_option_values_are_usage_errors() {
    for args in [
        vec![
            "card".into(),
            "apply".into(),
            "--region".into(),
            raw(b"\xff\xfe"),
        ],
        vec!["search".into(), raw(b"bu\xffban")],
        vec![
            "card".into(),
            "checklist".into(),
            "--have".into(),
            raw(b"\xc3\x28"),
        ],
        vec!["show".into(), raw(b"card.\xff")],
    ] {
        let r = run_raw(args.clone());
        assert_one_line_error(&r, 2, &["UTF-8"], &format!("{args:?}"));
    }
}

#[test]
fn non_utf8_topic_word_is_a_usage_error() {
    let r = run_raw(vec![raw(b"\xff")]);
    assert_one_line_error(&r, 2, &["UTF-8"], "yibao \\xff");
}

#[test]
fn non_utf8_action_word_is_a_usage_error() {
    let r = run_raw(vec!["card".into(), raw(b"\xc3\x28")]);
    assert_one_line_error(&r, 2, &["UTF-8"], "yibao card \\xc3\\x28");
}

// ---------------------------------------------------------------------------
// Properties: whatever the user types, a clean answer with a documented code.

fn assert_clean_exit(
    r: &Run,
    allowed: &[i32],
    what: &str,
) -> Result<(), proptest::test_runner::TestCaseError> {
    proptest::prop_assert!(
        r.code.is_some_and(|c| allowed.contains(&c)),
        "{what}: exit {:?} not in {allowed:?}; stderr:\n{}",
        r.code,
        r.stderr
    );
    proptest::prop_assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
    if r.code != Some(0) {
        proptest::prop_assert!(r.stdout.is_empty(), "{what}: stdout on error: {}", r.stdout);
        let lines = r.stderr.lines().filter(|l| !l.trim().is_empty()).count();
        proptest::prop_assert!(
            lines == 1 || r.code == Some(4),
            "{what}: one-line message:\n{}",
            r.stderr
        );
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 40,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    #[test]
    fn any_region_text_gets_an_answer_or_not_found(s in "\\PC{0,12}") {
        let r = run(["card".to_string(), "apply".to_string(), format!("--region={s}")]);
        assert_clean_exit(&r, &[0, 2, 3], &format!("--region={s:?}"))?;
        if s.trim().is_empty() {
            proptest::prop_assert_eq!(r.code, Some(2));
        }
    }

    #[test]
    fn any_have_text_is_accepted(s in "\\PC{0,30}") {
        let r = run(["filing".to_string(), "checklist".to_string(), format!("--have={s}"), "--json".to_string()]);
        assert_clean_exit(&r, &[0], &format!("--have={s:?}"))?;
        let v = r.json();
        proptest::prop_assert_eq!(&v["have_given"], &serde_json::json!(true));
    }

    #[test]
    fn any_search_text_is_answered(s in "\\PC{0,20}") {
        // After `--` a word starting with '-' is a search word, not an option.
        let r = run(["search".to_string(), "--json".to_string(), "--".to_string(), s.clone()]);
        assert_clean_exit(&r, &[0], &format!("search {s:?}"))?;
        proptest::prop_assert_eq!(&r.json()["query"], &serde_json::json!(s));
    }

    #[test]
    fn any_yaml_like_overlay_is_accepted_or_rejected_cleanly(
        body in "(region: heihe\nprocedures:\n  - id: family\\.bind\n)?[a-z0-9:\\-\\[\\]{}&*!|>#,'\" \n]{0,300}"
    ) {
        let (_d, file) = overlay_with("fuzz.yaml", body.as_bytes());
        let r = with_data(file.parent().unwrap());
        assert_clean_exit(&r, &[0, 4], &format!("overlay {body:?}"))?;
        if r.code == Some(4) {
            proptest::prop_assert!(r.stderr.contains(&format!("{}:", file.display())), "{}", r.stderr);
        }
    }

    #[test]
    fn any_bytes_as_overlay_are_accepted_or_rejected_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let (_d, file) = overlay_with("fuzz.yaml", &bytes);
        let r = with_data(file.parent().unwrap());
        assert_clean_exit(&r, &[0, 4], &format!("overlay bytes {bytes:?}"))?;
    }
}
