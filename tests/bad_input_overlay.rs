//! SPEC §6 for overlays given with `--data`: a file that is not YAML, a
//! path that is not a directory, YAML that is not a valid overlay — each
//! gets exit 4 and a one-line message naming file:line:col, within seconds,
//! and an overlay that fails validation is not applied at all. A valid
//! overlay is applied, says where its parts come from, and is never written.

mod common;

use common::data_dir::*;
use common::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// --data: files that are not valid YAML

#[test]
fn malformed_yaml_is_exit_4_with_file_line_col() {
    let dir = fixture("overlay-malformed");
    let file = dir.join("family.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&at(&file, 5, 7, "E002")], "malformed YAML");
}

#[test]
fn empty_and_comment_only_files_are_valid_and_change_nothing() {
    let dir = fixture("overlay-empty");
    let r = with_data(&dir);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("错误"), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        ok(["family", "bind", "--region", "heihe"]),
        "an empty overlay changes nothing"
    );
    let v = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]).json();
    assert!(
        v["layers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["origin"] == "builtin")
    );
}

#[test]
fn binary_file_is_exit_4_with_position_of_the_nul() {
    let (_d, file) = overlay_with("bin.yaml", b"region: heihe\n\x00\x01\x02\xff\xfe binary");
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(&r, &[&at(&file, 2, 1, "E001"), "NUL"], "binary file");
}

#[test]
fn random_binary_file_is_exit_4() {
    // Bytes of every value, in a scrambled but fixed order.
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (_d, file) = overlay_with("noise.yaml", &bytes);
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:", file.display()), "E001"],
        "random bytes",
    );
}

#[test]
fn invalid_utf8_is_exit_4_with_line_and_column() {
    let (_d, file) = overlay_with(
        "latin1.yaml",
        b"region: heihe\nprocedures:\n  - id: family.bind\n    summary: \"\xff\xfe\"\n",
    );
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(&r, &[&at(&file, 4, 15, "E001"), "UTF-8"], "invalid UTF-8");
}

#[test]
fn alias_bomb_inside_a_procedure_is_rejected_quickly() {
    let dir = fixture("overlay-alias-bomb");
    let file = dir.join("bomb.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&format!("{}:", file.display())], "alias bomb");
    assert!(r.stderr.contains(": E00"), "{}", r.stderr);
}

#[test]
fn classic_billion_laughs_is_rejected_quickly() {
    let dir = fixture("overlay-alias-bomb-classic");
    let file = dir.join("bomb.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&at(&file, 1, 1, "E003")], "billion laughs");
}

#[test]
fn alias_bomb_used_as_values_is_rejected_quickly() {
    // Anchors defined in one list and replayed, nine-fold per level, where
    // the procedure expects text.
    let mut y = String::from(
        "region: heihe\nprocedures:\n  - id: family.bind\n    checked: 2026-11-01\n    related: [",
    );
    y.push_str("&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for i in 1..10u8 {
        let (prev, cur) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        y.push_str(&format!(", &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"));
    }
    y.push_str("]\n    summary: *j\n");
    let (_d, file) = overlay_with("bomb.yaml", y.as_bytes());
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:5:", file.display()), "E004"],
        "alias bomb as values",
    );
}

fn deep(prefix: &str, open: &str, close: &str, depth: usize) -> Vec<u8> {
    let mut s = String::with_capacity(prefix.len() + depth * (open.len() + close.len()) + 1);
    s.push_str(prefix);
    for _ in 0..depth {
        s.push_str(open);
    }
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push('\n');
    s.into_bytes()
}

#[test]
fn nesting_100000_deep_at_the_top_is_rejected_quickly() {
    let (_d, file) = overlay_with("deep.yaml", &deep("", "[", "]", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:1:65: E002", file.display())],
        "[[[[… 100,000 deep",
    );
}

#[test]
fn nesting_100000_deep_inside_a_field_is_rejected_quickly() {
    let prefix = "region: heihe\nprocedures:\n  - id: family.bind\n    summary: ";
    let (_d, file) = overlay_with("deep.yaml", &deep(prefix, "[", "]", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:4:", file.display())],
        "summary: [[[[… 100,000 deep",
    );
}

#[test]
fn mapping_nesting_100000_deep_inside_a_field_is_rejected_quickly() {
    let prefix = "region: heihe\nprocedures:\n  - id: family.bind\n    summary: ";
    let (_d, file) = overlay_with("deep.yaml", &deep(prefix, "{a: ", "}", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:4:", file.display())],
        "summary: {a: {a: … 100,000 deep",
    );
}

#[test]
fn ten_megabyte_file_is_rejected_as_too_large() {
    let mut y = b"region: heihe\nprocedures:\n  - id: family.bind\n    summary: \"".to_vec();
    y.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    y.extend(b"\"\n");
    let (_d, file) = overlay_with("big.yaml", &y);
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&at(&file, 1, 1, "E001"), "file too large"],
        "10 MB file",
    );
}

// ---------------------------------------------------------------------------
// --data: paths

#[test]
fn missing_directory_is_exit_4_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-dir");
    let r = with_data(&missing);
    assert_invalid_overlay(
        &r,
        &[&at(&missing, 1, 1, "E001"), "no such directory"],
        "missing directory",
    );
}

#[test]
fn a_file_where_a_directory_is_expected_is_exit_4() {
    let file = fixture("overlay-good").join("heihe").join("family.yaml");
    let r = with_data(&file);
    assert_invalid_overlay(
        &r,
        &[&at(&file, 1, 1, "E001"), "expected a directory"],
        "file as --data",
    );
}

#[test]
fn data_from_the_environment_is_checked_the_same_way() {
    let dir = fixture("overlay-unknown-field");
    let out = yibao()
        .env("YIBAO_DATA", &dir)
        .args(["family", "bind"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&at(&dir.join("family.yaml"), 5, 5, "E003")),
        "{stderr}"
    );
}

#[test]
fn non_utf8_data_path_is_a_valid_path() {
    // Paths need not be UTF-8 on Unix: a good overlay under such a name works.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(OsStr::from_bytes(b"ov-\xff\xfe"));
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(
        fixture("overlay-good").join("heihe").join("family.yaml"),
        dir.join("family.yaml"),
    )
    .unwrap();
    let r = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("overlay:heihe"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------
// --data: YAML that parses but is not a valid overlay

#[test]
fn unknown_field_is_exit_4_naming_it() {
    let dir = fixture("overlay-unknown-field");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 5, 5, "E003"), "titel"],
        "unknown field",
    );
}

#[test]
fn wrong_type_is_exit_4_naming_it() {
    let dir = fixture("overlay-wrong-type");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 5, 15, "E004"), "channels"],
        "wrong type",
    );
}

#[test]
fn duplicate_id_is_exit_4_at_the_duplicate() {
    let dir = fixture("overlay-duplicate-id");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 10, 13, "E005"), "hall-a"],
        "duplicate id",
    );
}

#[test]
fn dangling_channel_reference_is_exit_4() {
    let dir = fixture("overlay-dangling");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[
            &at(&dir.join("family.yaml"), 8, 20, "E006"),
            "no-such-channel",
        ],
        "dangling reference",
    );
}

#[test]
fn an_overlay_with_one_bad_file_is_not_applied_at_all() {
    let dir = fixture("overlay-half-bad");
    // Any command that loads the overlay fails, including ones the good file
    // would have changed.
    for args in [
        &["family", "bind", "--region", "heihe"][..],
        &["card", "apply", "--region", "heilongjiang"][..],
        &["list"][..],
    ] {
        let r = with_data_args(&dir, args);
        assert_invalid_overlay(
            &r,
            &[&at(&dir.join("b-bad.yaml"), 5, 11, "E004")],
            &format!("{args:?}"),
        );
        assert!(
            !r.stdout.contains("本地补充"),
            "nothing of the good file shows"
        );
    }
}

#[test]
fn json_errors_for_invalid_overlays_carry_the_findings() {
    let dir = fixture("overlay-duplicate-id");
    let r = with_data_args(&dir, &["family", "bind", "--json"]);
    assert_eq!(r.code, Some(4));
    let v = r.stderr_json();
    assert_eq!(v["error"]["kind"], "invalid_data");
    let first_error = v["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"].as_str().is_some_and(|c| c.starts_with('E')))
        .unwrap();
    assert_eq!(first_error["code"], "E005");
    assert_eq!(first_error["line"], 10);
    assert_eq!(first_error["column"], 13);
}

// ---------------------------------------------------------------------------
// --data: valid overlays

#[test]
fn good_overlay_adds_the_local_window_and_says_where_it_came_from() {
    let dir = fixture("overlay-good");
    let r = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = r.json();
    let layers = v["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3, "{layers:#?}");
    assert_eq!(layers[2]["origin"], "overlay");
    assert_eq!(layers[2]["region"], "heihe");
    assert!(layers[2]["file"].as_str().unwrap().ends_with("family.yaml"));
    let hall = v["procedure"]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "service-hall")
        .expect("service-hall");
    assert_eq!(hall["from"], "overlay:heihe");
    assert_eq!(hall["address"], "黑河市爱辉区示例路1号");
    assert!(
        v["coverage"].as_str().unwrap().contains("--data"),
        "{}",
        v["coverage"]
    );

    let table = with_data(&dir);
    assert_eq!(table.code, Some(0));
    assert!(table.stdout.contains("本地补充"), "{}", table.stdout);
    assert_tables_aligned(&table.stdout, 80, "good overlay");
    let plain = with_data_args(
        &dir,
        &["family", "bind", "--region", "heihe", "--format", "plain"],
    );
    assert!(
        plain.stdout.contains("黑河市医保服务大厅（本地补充）｜类型：窗口｜怎么找：地址：黑河市爱辉区示例路1号；时间：周一至周五 8:30-17:00｜地区：本地补充"),
        "{}",
        plain.stdout
    );
}

#[test]
fn the_tool_never_writes_to_the_overlay() {
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(snapshot(&p));
            } else {
                let meta = std::fs::metadata(&p).unwrap();
                out.push((
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("heihe")).unwrap();
    std::fs::copy(
        fixture("overlay-good").join("heihe").join("family.yaml"),
        tmp.path().join("heihe").join("family.yaml"),
    )
    .unwrap();
    let before = snapshot(tmp.path());
    for args in [
        &["family", "bind", "--region", "heihe"][..],
        &["family", "checklist", "--region", "heihe", "--json"][..],
        &["search", "家庭共济"][..],
    ] {
        assert_eq!(with_data_args(tmp.path(), args).code, Some(0));
    }
    let r = run([
        OsStr::new("data"),
        OsStr::new("validate"),
        tmp.path().as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(snapshot(tmp.path()), before, "files unchanged, none added");
}

#[test]
fn overlay_text_is_sanitized_of_terminal_control_sequences() {
    let dir = fixture("overlay-control-chars");
    for f in ["table", "plain", "markdown", "json", "yaml"] {
        let r = with_data_args(
            &dir,
            &["family", "bind", "--region", "heihe", "--format", f],
        );
        assert_eq!(r.code, Some(0), "{f}: {}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{f}: ESC reached stdout");
        assert!(!r.stdout.contains('\u{7}'), "{f}: BEL reached stdout");
        assert!(
            !r.stdout.contains('\u{202e}'),
            "{f}: bidi override reached stdout"
        );
        assert!(
            !r.stdout.contains("\\u001b") && !r.stdout.contains("\\e"),
            "{f}: escaped ESC in output"
        );
        assert!(
            r.stdout.contains("黑河医保大厅"),
            "{f}: the text itself is kept"
        );
    }
    // The linter says what it removed, as a warning (exit 0).
    let r = run([OsStr::new("data"), OsStr::new("validate"), dir.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains(": W003 "), "{}", r.stdout);
}

#[test]
fn overlay_can_add_a_procedure_that_becomes_a_command() {
    let dir = fixture("overlay-new-procedure");
    let page = with_data_args(&dir, &["card", "check"]);
    assert_eq!(page.code, Some(0), "{}", page.stderr);
    assert!(
        page.stdout.starts_with("查询医保卡制卡进度\n"),
        "{}",
        page.stdout
    );
    assert_eq!(
        with_data_args(&dir, &["医保卡", "进度"]).stdout,
        page.stdout,
        "Chinese alias"
    );
    assert_eq!(
        with_data_args(&dir, &["show", "card.check"]).stdout,
        page.stdout,
        "show <id>"
    );
    let list = with_data_args(&dir, &["list", "--json"]).json();
    assert!(
        list["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "card.check")
    );
    // Without the overlay it does not exist.
    let r = run(["card", "check"]);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
}
