//! `yibao data validate`: one fixture per finding code (tests/fixtures/lint/
//! <CODE>/), each reported at its exact file:line:col with the documented
//! exit code, and the built-in base validates clean.

use assert_cmd::Command;

fn validate(dir: &str) -> (i32, String, String) {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(["data", "validate", dir])
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_DATA")
        .env_remove("YIBAO_REGION")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// (fixture, the one finding it must produce, exit code)
const CASES: &[(&str, &str, i32)] = &[
    ("E001", "E001/binary.yaml:2:14: E001 ", 4),
    ("E002", "E002/bad.yaml:6:1: E002 ", 4),
    (
        "E003",
        "E003/bad.yaml:5:5: E003 procedures[0]: unknown field `titel`",
        4,
    ),
    (
        "E004",
        "E004/bad.yaml:5:12: E004 procedures[0].steps: invalid type",
        4,
    ),
    (
        "E005",
        "E005/bad.yaml:9:13: E005 事项 family.bind 中 id `same` 重复",
        4,
    ),
    (
        "E006",
        "E006/bad.yaml:8:20: E006 事项 family.bind 的步骤 walk-in 引用了不存在的渠道 `no-such-window`",
        4,
    ),
    (
        "E007",
        "E007/bad.yaml:6:13: E007 事项 family.bind 的 tips `unsourced` 没有注明来源",
        4,
    ),
    (
        "E008",
        "E008/bad.yaml:4:5: E008 事项 family.bind 的 checked `2026-13-01` 不是有效日期",
        4,
    ),
    (
        "E009",
        "E009/bad.yaml:3:9: E009 事项 card.lend 缺少 title",
        4,
    ),
    ("E010", "E010/bad.yaml:6:13: E010 id `Bad_Id` 格式不对", 4),
    (
        "E011",
        "E011/bad.yaml:5:5: E011 事项 family.bind：命令别名 cli_aliases 只能写在全国定义里",
        4,
    ),
    (
        "W001",
        "W001/old.yaml:4:5: W001 事项 family.bind 的资料核实于 2024-01-15，已超过 34 个月",
        0,
    ),
    ("W002", "W002/wide.yaml:7:17: W002 字符 ① (U+2460)", 0),
    (
        "W003",
        "W003/ctrl.yaml:7:17: W003 已删除 2 个终端控制字符",
        0,
    ),
    (
        "T001",
        "T001/zh-only.yaml:11:15: T001 family.bind 的 note「只写了中文的备注」没有英文",
        0,
    ),
];

#[test]
fn every_code_has_a_fixture_reported_where_the_problem_is() {
    for (code, finding, exit) in CASES {
        let dir = format!("tests/fixtures/lint/{code}");
        let (status, stdout, stderr) = validate(&dir);
        // Fixtures write Chinese only, which an overlay may: T001 warnings
        // are counted in the T001 fixture alone.
        let lines: Vec<&str> = stdout
            .lines()
            .filter(|l| *code == "T001" || !l.contains(": T001 "))
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "{code}: exactly one finding expected:\n{stdout}"
        );
        let want = format!("tests/fixtures/lint/{finding}");
        assert!(
            lines[0].starts_with(&want),
            "{code}:\n got  {}\n want {want}…",
            lines[0]
        );
        assert_eq!(status, *exit, "{code}: exit code; stderr: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{code}: one summary line: {stderr}"
        );
    }
    let codes: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    for c in yibao::kb::finding::Code::ALL {
        assert!(codes.contains(&c.as_str()), "no fixture for {}", c.as_str());
    }
}

#[test]
fn missing_directory_and_file_instead_of_directory_are_e001() {
    let (status, stdout, _) = validate("tests/fixtures/lint/no-such-dir");
    assert_eq!(status, 4);
    assert!(
        stdout.starts_with("tests/fixtures/lint/no-such-dir:1:1: E001 目录不存在"),
        "{stdout}"
    );
    let (status, stdout, _) = validate("tests/fixtures/lint/E003/bad.yaml");
    assert_eq!(status, 4);
    assert!(
        stdout.contains(": E001 这是一个文件，需要的是目录"),
        "{stdout}"
    );
}

#[test]
fn the_built_in_base_has_no_errors() {
    let (status, stdout, stderr) = validate("data");
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert!(!stdout.lines().any(|l| l.contains(": E0")), "{stdout}");
    assert!(stderr.contains("0 个错误"), "{stderr}");
}

#[test]
fn every_text_of_the_built_in_base_has_its_english_version() {
    // The build fails on any T001 in data/ (build.rs); this says where.
    let (_, stdout, _) = validate("data");
    let missing: Vec<&str> = stdout.lines().filter(|l| l.contains(": T001 ")).collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn findings_are_json_for_scripts() {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(["data", "validate", "tests/fixtures/lint/E006", "--json"])
        .env("YIBAO_TODAY", "2026-11-28")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "validation");
    assert_eq!(v["mode"], "overlay");
    assert_eq!(v["errors"], 1);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "E006")
        .unwrap();
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(8), Some(20))
    );
    assert_eq!(f["code"], "E006");
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_data");
    assert_eq!(err["error"]["code"], 4);
}
