//! `yibao data validate`: one fixture per finding code (tests/fixtures/lint/
//! <CODE>/), each reported at its exact file:line:col with the documented
//! exit code, and the built-in base validates clean.

use assert_cmd::Command;

fn validate(dir: &str) -> (i32, String, String) {
    validate_in(dir, &[])
}

/// `yibao data validate DIR` with more arguments (`--lang en`).
fn validate_in(dir: &str, more: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(["data", "validate", dir])
        .args(more)
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_DATA")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_LANG")
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

/// Every finding of every fixture in English (`--lang en`), in order, and
/// the line on stderr after them. A line ending in `…` is the start of the
/// parser's own message (the same in both languages), which lists every
/// field a procedure may have.
const ENGLISH: &[(&str, &[&str], &str)] = &[
    (
        "E001",
        &["E001/binary.yaml:2:14: E001 a binary file, not YAML text (NUL byte)"],
        "error: tests/fixtures/lint/E001 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E002",
        &[
            "E002/bad.yaml:6:1: E002 found unexpected end of stream at line 6 column 1, while scanning a quoted scalar",
        ],
        "error: tests/fixtures/lint/E002 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E003",
        &[
            "E003/bad.yaml:5:5: E003 procedures[0]: unknown field `titel`, expected one of `id`, `title`, …",
        ],
        "error: tests/fixtures/lint/E003 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E004",
        &[
            "E004/bad.yaml:5:12: E004 procedures[0].steps: invalid type: string \"不是列表\", expected a sequence",
        ],
        "error: tests/fixtures/lint/E004 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E005",
        &[
            "E005/bad.yaml:7:15: T001 family.bind: text \"第一条\" has no English version (write it as {zh: …, en: …})",
            "E005/bad.yaml:9:13: E005 procedure family.bind: id \"same\" is used twice (the ids of all lists of a procedure must differ)",
            "E005/bad.yaml:10:15: T001 family.bind: text \"第二条\" has no English version (write it as {zh: …, en: …})",
        ],
        "error: tests/fixtures/lint/E005 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E006",
        &[
            "E006/bad.yaml:7:15: T001 family.bind: text \"到社区窗口办理。\" has no English version (write it as {zh: …, en: …})",
            "E006/bad.yaml:8:20: E006 procedure family.bind: step walk-in uses a channel that does not exist: no-such-window (when merged for overlay:heihe)",
        ],
        "error: tests/fixtures/lint/E006 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E007",
        &[
            "E007/bad.yaml:6:13: E007 procedure family.bind: tips item unsourced gives no source (src)",
            "E007/bad.yaml:7:15: T001 family.bind: text \"没有注明来源的一条提示。\" has no English version (write it as {zh: …, en: …})",
        ],
        "error: tests/fixtures/lint/E007 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E008",
        &[
            "E008/bad.yaml:4:5: E008 procedure family.bind: checked \"2026-13-01\" is not a valid date (YYYY-MM-DD)",
            "E008/bad.yaml:7:15: T001 family.bind: text \"日期写错了。\" has no English version (write it as {zh: …, en: …})",
        ],
        "error: tests/fixtures/lint/E008 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E009",
        &[
            "E009/bad.yaml:3:9: E009 procedure card.lend has no title",
            "E009/bad.yaml:5:18: T001 card.lend: action_name \"出借\" has no English version (write it as {zh: …, en: …})",
            "E009/bad.yaml:6:14: T001 card.lend: summary \"一个没有标题的新事项。\" has no English version (write it as {zh: …, en: …})",
            "E009/bad.yaml:10:15: T001 card.lend: text \"第一步。\" has no English version (write it as {zh: …, en: …})",
        ],
        "error: tests/fixtures/lint/E009 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E010",
        &[
            "E010/bad.yaml:6:13: E010 id \"Bad_Id\" is malformed: write it in lowercase letters, digits and hyphens, like id-card",
            "E010/bad.yaml:7:15: T001 family.bind: text \"id 里有大写字母和下划线。\" has no English version (write it as {zh: …, en: …})",
        ],
        "error: tests/fixtures/lint/E010 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "E011",
        &[
            "E011/bad.yaml:5:5: E011 procedure family.bind: command aliases (cli_aliases) belong in the national definition only",
        ],
        "error: tests/fixtures/lint/E011 has 1 error (invalid data); see the file:line:col lines above.",
    ),
    (
        "W001",
        &[
            "W001/old.yaml:4:5: W001 procedure family.bind was checked on 2024-01-15, more than 34 months ago; check it again against the latest local rules",
            "W001/old.yaml:7:15: T001 family.bind: text \"这条资料很久没有核实了。\" has no English version (write it as {zh: …, en: …})",
        ],
        "tests/fixtures/lint/W001: 1 file, 0 errors, 2 warnings (checked as an overlay)",
    ),
    (
        "W002",
        &[
            "W002/wide.yaml:7:15: T001 family.bind: text \"步骤①先登录。\" has no English version (write it as {zh: …, en: …})",
            "W002/wide.yaml:7:17: W002 character ① (U+2460) is one column wide in some terminals and two in Chinese ones, which misaligns tables; use a full-width form or 「」 instead",
        ],
        "tests/fixtures/lint/W002: 1 file, 0 errors, 2 warnings (checked as an overlay)",
    ),
    (
        "W003",
        &[
            "W003/ctrl.yaml:3:9: T001 family.bind: text \"带[31m颜色[0m的提示\" has no English version (write it as {zh: …, en: …})",
            "W003/ctrl.yaml:7:17: W003 removed 2 control characters (terminal control or bidirectional-override characters)",
        ],
        "tests/fixtures/lint/W003: 1 file, 0 errors, 2 warnings (checked as an overlay)",
    ),
    (
        "T001",
        &[
            "T001/zh-only.yaml:11:15: T001 family.bind: note \"只写了中文的备注\" has no English version (write it as {zh: …, en: …})",
        ],
        "tests/fixtures/lint/T001: 1 file, 0 errors, 1 warning (checked as an overlay)",
    ),
];

/// `file:line:col: CODE` of a finding line.
fn position(line: &str) -> &str {
    let code_end = line
        .match_indices(": ")
        .map(|(i, _)| i + 2)
        .find(|&i| line[i..].len() > 4 && line[i + 4..].starts_with(' '))
        .map_or(line.len(), |i| i + 4);
    &line[..code_end]
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x3000..=0x303f | 0xff00..=0xffef)
}

/// Chinese of an English finding outside names and quoted values (in
/// brackets, 「」, "…" or backticks).
fn loose_chinese(s: &str) -> String {
    let mut depth = 0usize;
    let (mut quoted, mut ticked) = (false, false);
    let mut loose = String::new();
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            '`' => ticked = !ticked,
            '(' | '（' | '「' | '《' => depth += 1,
            ')' | '）' | '」' | '》' => depth = depth.saturating_sub(1),
            c if depth == 0 && !quoted && !ticked && is_cjk(c) => loose.push(c),
            _ => {}
        }
    }
    loose
}

#[test]
fn every_finding_of_every_fixture_reads_in_english_with_lang_en() {
    for (code, want, summary) in ENGLISH {
        let dir = format!("tests/fixtures/lint/{code}");
        let (status, stdout, stderr) = validate_in(&dir, &["--lang", "en"]);
        let got: Vec<&str> = stdout.lines().collect();
        assert_eq!(got.len(), want.len(), "{code}:\n{stdout}");
        for (g, w) in got.iter().zip(*want) {
            let w = format!("tests/fixtures/lint/{w}");
            match w.strip_suffix('…') {
                Some(start) => assert!(g.starts_with(start), "{code}:\n got  {g}\n want {w}"),
                None => assert_eq!(*g, w, "{code}"),
            }
            assert!(loose_chinese(g).is_empty(), "{code}: Chinese in {g}");
        }
        assert_eq!(stderr, format!("{summary}\n"), "{code}");
        // The same findings, at the same places, as in Chinese.
        let (zh_status, zh, _) = validate(&dir);
        assert_eq!(status, zh_status, "{code}: exit code");
        let at = |out: &str| {
            out.lines()
                .map(|l| position(l).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&stdout), at(&zh), "{code}: positions and codes");
    }
    let codes: Vec<&str> = ENGLISH.iter().map(|c| c.0).collect();
    for c in yibao::kb::finding::Code::ALL {
        assert!(
            codes.contains(&c.as_str()),
            "no English case for {}",
            c.as_str()
        );
    }
}

#[test]
fn a_missing_directory_and_a_file_are_told_in_english() {
    let (status, stdout, stderr) =
        validate_in("tests/fixtures/lint/no-such-dir", &["--lang", "en"]);
    assert_eq!(status, 4);
    assert_eq!(
        stdout,
        "tests/fixtures/lint/no-such-dir:1:1: E001 no such directory\n"
    );
    assert_eq!(
        stderr,
        "error: tests/fixtures/lint/no-such-dir has 1 error (invalid data); see the file:line:col lines above.\n"
    );
    let (status, stdout, _) = validate_in("tests/fixtures/lint/E003/bad.yaml", &["--lang", "en"]);
    assert_eq!(status, 4);
    assert_eq!(
        stdout,
        "tests/fixtures/lint/E003/bad.yaml:1:1: E001 this is a file; a directory is needed\n"
    );
}

#[test]
fn the_built_in_base_sums_up_in_english() {
    let (status, _, stderr) = validate_in("data", &["--lang", "en"]);
    assert_eq!(status, 0);
    fn yaml_files(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| match e.path() {
                p if p.is_dir() => yaml_files(&p),
                p if p.extension().is_some_and(|x| x == "yaml" || x == "yml") => 1,
                _ => 0,
            })
            .sum()
    }
    let files = yaml_files(std::path::Path::new("data"));
    assert!(files > 10, "{files}");
    assert_eq!(
        stderr,
        format!("data: {files} files, 0 errors, 0 warnings (checked as a complete base)\n")
    );
}

#[test]
fn json_findings_carry_the_message_in_the_run_s_language() {
    let run = |lang: &str| {
        let out = Command::cargo_bin("yibao")
            .unwrap()
            .args([
                "data",
                "validate",
                "tests/fixtures/lint/E006",
                "--json",
                "--lang",
                lang,
            ])
            .env("YIBAO_TODAY", "2026-11-28")
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "E006")
            .cloned()
            .unwrap();
        (f, err)
    };
    let (en, en_err) = run("en");
    let (zh, zh_err) = run("zh");
    assert_eq!(
        en["message"],
        "procedure family.bind: step walk-in uses a channel that does not exist: no-such-window (when merged for overlay:heihe)"
    );
    assert_eq!(
        zh["message"],
        "事项 family.bind 的步骤 walk-in 引用了不存在的渠道 `no-such-window`（合并到 overlay:heihe 时）"
    );
    for key in ["file", "line", "column", "code", "severity"] {
        assert_eq!(en[key], zh[key], "{key}");
    }
    assert_eq!(
        en_err["error"]["message"],
        "tests/fixtures/lint/E006 has 1 error (invalid data); see the file:line:col lines above."
    );
    assert_eq!(en_err["error"]["kind"], zh_err["error"]["kind"]);
}

#[test]
fn no_english_finding_of_any_fixture_keeps_loose_chinese() {
    // Every overlay fixture too: each finding the loader and the linter
    // can make on them.
    let fixtures = std::fs::read_dir("tests/fixtures").unwrap();
    let mut seen = 0;
    for dir in fixtures.flatten().map(|e| e.path()) {
        let dirs: Vec<std::path::PathBuf> = if dir.ends_with("lint") {
            std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect()
        } else {
            vec![dir]
        };
        for d in dirs {
            let (_, stdout, stderr) = validate_in(d.to_str().unwrap(), &["--lang", "en"]);
            for l in stdout.lines().chain(stderr.lines()) {
                assert!(loose_chinese(l).is_empty(), "Chinese in {l}");
                seen += 1;
            }
        }
    }
    assert!(seen > 40, "{seen} lines checked");
    assert_eq!(loose_chinese("a 事项 b \"事项\" (事项) `事项`"), "事项");
}
