//! Errors in English (`--lang en`): each kind of error told in plain
//! English, exactly, with the exit code of its kind; the same run without
//! `--lang` still tells it in Chinese; `--json` carries the English message
//! and English suggestions under the same keys and kind; and no English
//! error keeps Chinese outside names and quoted values.

mod common;

use common::*;
use std::path::Path;

/// One error: what to run, its exit code and JSON kind, and the message
/// (after the `error: ` / `错误：` label) in English and in Chinese.
struct Case {
    what: &'static str,
    args: Vec<String>,
    env: Vec<(&'static str, &'static str)>,
    code: i32,
    kind: &'static str,
    en: String,
    zh: String,
}

fn case(
    what: &'static str,
    args: &[&str],
    code: i32,
    kind: &'static str,
    en: &str,
    zh: &str,
) -> Case {
    Case {
        what,
        args: args.iter().map(|a| a.to_string()).collect(),
        env: Vec::new(),
        code,
        kind,
        en: en.into(),
        zh: zh.into(),
    }
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        case(
            "usage found by clap",
            &["show"],
            2,
            "usage",
            "Usage error: missing required argument <ID>. Run yibao --help for usage.",
            "用法错误 (usage)：缺少必需的参数 <ID>。运行 yibao --help 查看用法。",
        ),
        case(
            "usage with clap's suggestion",
            &["card", "apply", "--colr", "never"],
            2,
            "usage",
            "Usage error: no such option or argument '--colr'; did you mean --color? Run yibao --help for usage.",
            "用法错误 (usage)：没有这个选项或参数「--colr」；你是不是要找：--color。运行 yibao --help 查看用法。",
        ),
        case(
            "usage: a missing subcommand, without its Chinese alias in English",
            &["data"],
            2,
            "usage",
            "Usage error: a subcommand is missing: validate, help. Run yibao --help for usage.",
            "用法错误 (usage)：缺少子命令：validate 检查 help。运行 yibao --help 查看用法。",
        ),
        case(
            "usage found by yibao",
            &["schema", "data", "procedure"],
            2,
            "usage",
            "Usage error: yibao schema data takes no KIND; the schema of one output is yibao schema output KIND.",
            "用法错误 (usage)：yibao schema data 不带 KIND；一种输出的 Schema 是 yibao schema output KIND。",
        ),
        case(
            "unknown region",
            &["card", "apply", "--region", "atlantis"],
            3,
            "unknown_region",
            "unknown region \"atlantis\". Did you mean: tianjin (Tianjin)? Run yibao regions for every region.",
            "找不到地区「atlantis」(unknown region)。你是不是要找：tianjin（天津市）？运行 yibao regions 查看全部地区。",
        ),
        case(
            "unknown region typed in Chinese",
            &["card", "apply", "--region", "天"],
            3,
            "unknown_region",
            "unknown region \"天\". Did you mean: tianjin (Tianjin), tianmen (Tianmen), tianshui (Tianshui)? Run yibao regions for every region.",
            "找不到地区「天」(unknown region)。你是不是要找：tianjin（天津市）、tianmen（天门市）、tianshui（天水市）？运行 yibao regions 查看全部地区。",
        ),
        case(
            "unknown topic",
            &["crad", "apply"],
            3,
            "unknown_topic",
            "unknown topic \"crad\". Did you mean: card (Medical insurance card (医保卡/社保卡)), ecard (Medical insurance e-voucher (医保电子凭证))? Run yibao for every topic, or yibao search to search.",
            "找不到主题「crad」(unknown topic)。你是不是要找：card（医保卡/社保卡）、ecard（医保电子凭证）？运行 yibao 查看全部主题，或用 yibao search 搜索。",
        ),
        case(
            "unknown action",
            &["card", "aply"],
            3,
            "unknown_action",
            "unknown action \"aply\". Did you mean: apply? Run yibao card for every action of this topic.",
            "找不到事项「aply」(unknown action)。你是不是要找：apply（申领）？运行 yibao card 查看这个主题的全部事项。",
        ),
        case(
            "unknown action of a checklist",
            &["filing", "checklist", "bogus"],
            3,
            "unknown_action",
            "unknown action \"bogus\". Run yibao filing for every action of this topic.",
            "找不到事项「bogus」(unknown action)。运行 yibao filing 查看这个主题的全部事项。",
        ),
        case(
            "unknown procedure",
            &["show", "card.aply"],
            3,
            "unknown_procedure",
            "unknown procedure \"card.aply\". Did you mean: card.apply (Applying for your first medical insurance card (社会保障卡)), card.replace (Reporting a lost medical insurance card (社会保障卡) and getting it reissued), card.use (Seeing a doctor and buying medicine with your medical insurance card)? Run yibao list for every procedure.",
            "找不到办事指南「card.aply」(unknown procedure)。你是不是要找：card.apply（医保卡（社会保障卡）首次申领）、card.replace（医保卡（社会保障卡）挂失与补办）、card.use（持医保卡就医购药）？运行 yibao list 查看全部办事指南。",
        ),
        case(
            "an empty procedure id",
            &["show", ""],
            3,
            "unknown_procedure",
            "no procedure given: the value is empty. Run yibao list for every procedure.",
            "办事指南不能为空 (empty procedure)。运行 yibao list 查看全部办事指南。",
        ),
        case(
            "unknown term",
            &["terms", "deductibel"],
            3,
            "unknown_term",
            "unknown term \"deductibel\". Did you mean: deductible (起付线)? Run yibao terms for the whole glossary, or yibao search to search.",
            "找不到术语「deductibel」(unknown term)。你是不是要找：deductible（起付线）？运行 yibao terms 查看全部术语，或用 yibao search 搜索。",
        ),
        case(
            "unknown situation",
            &["plan", "trp"],
            3,
            "unknown_situation",
            "unknown situation \"trp\". Did you mean: trip (A short trip (travel, business, visiting family))? Run yibao plan for every situation.",
            "找不到情况「trp」(unknown situation)。你是不是要找：trip（短期出门（旅游、出差、探亲））？运行 yibao plan 查看全部情况。",
        ),
        case(
            "invalid overlay",
            &["card", "apply", "--data", "tests/fixtures/overlay-dangling"],
            4,
            "invalid_data",
            "the overlay tests/fixtures/overlay-dangling has 1 error, so none of it was applied: tests/fixtures/overlay-dangling/family.yaml:8:20: E006 procedure family.bind: step open-entry uses a channel that does not exist: no-such-channel (when merged for overlay:heihe)",
            "覆盖数据 tests/fixtures/overlay-dangling 有 1 处错误，未应用任何内容 (invalid data, nothing applied)：tests/fixtures/overlay-dangling/family.yaml:8:20: E006 事项 family.bind 的步骤 open-entry 引用了不存在的渠道 `no-such-channel`（合并到 overlay:heihe 时）",
        ),
        case(
            "empty --region",
            &["card", "apply", "--region", ""],
            2,
            "usage",
            "--region is empty; leave it out for the national rules.",
            "--region 不能为空 (empty region)；不指定地区时显示全国通用规则。",
        ),
        case(
            "empty --from of a plan",
            &["plan", "trip", "--from", " "],
            2,
            "usage",
            "--from is empty; leave it out for the national rules.",
            "--from 不能为空 (empty region)；不写 --from 时按全国通用规则。",
        ),
        case(
            "empty --data",
            &["card", "apply", "--data", ""],
            2,
            "usage",
            "--data is empty; leave it out to use the built-in base alone.",
            "--data 不能为空 (empty directory)；不叠加资料时不要给出 --data。",
        ),
    ];
    let mut today = case(
        "YIBAO_TODAY not a date",
        &["card", "apply"],
        2,
        "usage",
        "YIBAO_TODAY is not a date: '2026-13-45' (expected YYYY-MM-DD); leave it unset or empty for today.",
        "YIBAO_TODAY 不是有效日期「2026-13-45」(expected YYYY-MM-DD)；不设或留空时用今天的日期。",
    );
    today.env.push(("YIBAO_TODAY", "2026-13-45"));
    cases.push(today);
    cases
}

/// A run of `c` in `lang` (`None`: the default), with `extra` arguments.
fn run_case(c: &Case, lang: Option<&str>, extra: &[&str]) -> Run {
    let mut cmd = yibao();
    for (k, v) in &c.env {
        cmd.env(k, v);
    }
    // Options first: an option no command has (`--colr`) ends what the
    // first look at the arguments reads, and with it `--lang` and `--json`.
    if let Some(l) = lang {
        cmd.args(["--lang", l]);
    }
    cmd.args(extra).args(&c.args);
    let out = cmd.output().expect("yibao runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn assert_error(r: &Run, code: i32, want: &str, what: &str) {
    assert_eq!(
        r.code,
        Some(code),
        "{what}: exit code; stderr: {}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "{what}: stdout: {}", r.stdout);
    assert_eq!(r.stderr, format!("{want}\n"), "{what}");
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x3000..=0x303f | 0xff00..=0xffef)
}

/// The Chinese characters (and Chinese punctuation) of `s` outside names
/// and quoted values: text in brackets, 「」《》, "…" or '…' is left out.
fn loose_chinese(s: &str) -> String {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut loose = String::new();
    for c in s.chars() {
        match c {
            '"' | '\'' => quoted = !quoted,
            '(' | '（' | '「' | '《' => depth += 1,
            ')' | '）' | '」' | '》' => depth = depth.saturating_sub(1),
            c if depth == 0 && !quoted && is_cjk(c) => loose.push(c),
            _ => {}
        }
    }
    loose
}

/// Asserts that an English message keeps Chinese only in names and quoted
/// values.
fn assert_english(message: &str, what: &str) {
    let loose = loose_chinese(message);
    assert!(loose.is_empty(), "{what}: Chinese {loose:?} in {message:?}");
}

#[test]
fn every_kind_of_error_reads_in_plain_english_with_lang_en() {
    for c in cases() {
        let r = run_case(&c, Some("en"), &[]);
        assert_error(&r, c.code, &format!("error: {}", c.en), c.what);
        assert_english(&c.en, c.what);
    }
}

#[test]
fn without_lang_the_same_errors_stay_chinese() {
    for c in cases() {
        let r = run_case(&c, None, &[]);
        assert_error(&r, c.code, &format!("错误：{}", c.zh), c.what);
    }
}

#[test]
fn yibao_lang_in_the_environment_gives_english_errors_too() {
    let out = yibao()
        .env("YIBAO_LANG", "en")
        .args(["card", "apply", "--region", "atlantis"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: unknown region \"atlantis\". Did you mean: tianjin (Tianjin)? Run yibao regions for every region.\n"
    );
}

#[test]
fn json_errors_in_english_carry_the_english_message_under_the_same_keys() {
    for c in cases() {
        let en = run_case(&c, Some("en"), &["--json"]);
        let zh = run_case(&c, None, &["--json"]);
        assert_eq!(en.code, Some(c.code), "{}: {}", c.what, en.stderr);
        let (e, z) = (en.stderr_json(), zh.stderr_json());
        let (e, z) = (&e["error"], &z["error"]);
        assert_eq!(e["kind"], c.kind, "{}", c.what);
        assert_eq!(
            (&e["kind"], &e["code"]),
            (&z["kind"], &z["code"]),
            "{}",
            c.what
        );
        // The message is the first line of what people read.
        let first = |s: &str| s.lines().next().unwrap_or_default().to_string();
        assert_eq!(e["message"], first(&c.en), "{}", c.what);
        assert_eq!(z["message"], first(&c.zh), "{}", c.what);
        assert_eq!(e["given"], z["given"], "{}", c.what);
        let keys = |v: &serde_json::Value| {
            v.as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(keys(e), keys(z), "{}: the same keys", c.what);
    }
    // Suggestions and findings in the run's language.
    let region = cases()
        .into_iter()
        .find(|c| c.what == "unknown region")
        .unwrap();
    let v = run_case(&region, Some("en"), &["--json"]).stderr_json();
    assert_eq!(
        v["error"]["suggestions"],
        serde_json::json!(["tianjin (Tianjin)"])
    );
    let overlay = cases()
        .into_iter()
        .find(|c| c.kind == "invalid_data")
        .unwrap();
    let v = run_case(&overlay, Some("en"), &["--json"]).stderr_json();
    let findings = v["error"]["findings"].as_array().unwrap();
    let e006 = findings.iter().find(|f| f["code"] == "E006").unwrap();
    assert_eq!(
        e006["message"],
        "procedure family.bind: step open-entry uses a channel that does not exist: no-such-channel (when merged for overlay:heihe)"
    );
    for f in findings {
        assert_english(f["message"].as_str().unwrap(), "overlay finding");
    }
}

#[test]
fn data_validate_sums_up_its_errors_in_english() {
    let r = run([
        "data",
        "validate",
        "tests/fixtures/lint/E010",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, Some(4));
    assert_eq!(
        r.stderr,
        "error: tests/fixtures/lint/E010 has 1 error (invalid data); see the file:line:col lines above.\n"
    );
    let r = run(["data", "validate", "tests/fixtures/lint/E010"]);
    assert_eq!(
        r.stderr,
        "错误：tests/fixtures/lint/E010 有 1 个错误 (invalid data)，见上面各行的 file:line:col。\n"
    );
}

/// `yibao site DIR` into `dir`, in English.
fn site_en(dir: &Path, force: bool) -> Run {
    let mut args = vec!["site", dir.to_str().unwrap(), "--lang", "en"];
    if force {
        args.push("--force");
    }
    run(args)
}

#[test]
fn site_refusals_read_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let full = root.join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("notes.txt"), "mine").unwrap();
    let file = root.join("file");
    std::fs::write(&file, "x").unwrap();
    let outside = root.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let link = root.join("link");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let inner = root.join("inner");
    std::fs::create_dir_all(inner.join("en")).unwrap();
    let page = inner.join("en/index.html");
    std::os::unix::fs::symlink(outside.join("index.html"), &page).unwrap();
    let plain = inner.join("en/national");
    std::fs::write(&plain, "x").unwrap();
    for (dir, force, want) in [
        (
            &full,
            false,
            format!(
                "the directory {} is not empty; add --force to overwrite the files of the same names (other files stay).",
                full.display()
            ),
        ),
        (
            &file,
            true,
            format!("{} exists but is not a directory.", file.display()),
        ),
        (
            &link,
            true,
            format!(
                "{} is a symbolic link, and yibao site writes only into a real directory; give the directory it points at.",
                link.display()
            ),
        ),
        (
            &inner,
            true,
            format!(
                "{} is a symbolic link, and yibao site does not write through one; remove it or choose an empty directory.",
                page.display()
            ),
        ),
    ] {
        let r = site_en(dir, force);
        assert_error(&r, 2, &format!("error: {want}"), &want);
        assert_english(&want, &want);
    }
    std::fs::remove_file(&page).unwrap();
    let r = site_en(&inner, true);
    let want = format!(
        "{} is not a directory, so no page can be written in it.",
        plain.display()
    );
    assert_error(
        &r,
        2,
        &format!("error: {want}"),
        "a file where a directory belongs",
    );
    assert!(
        std::fs::read_dir(&outside).unwrap().next().is_none(),
        "wrote outside DIR"
    );
}

#[test]
fn the_english_check_finds_loose_chinese() {
    assert_eq!(
        loose_chinese("unknown region \"天\". Did you mean: tianjin (天津市)?"),
        ""
    );
    assert_eq!(
        loose_chinese("a subcommand is missing: validate 检查"),
        "检查"
    );
    assert_eq!(loose_chinese("错误：x"), "错误：");
}

#[test]
fn an_output_error_reads_in_english() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std_yibao()
        .args(["card", "apply", "--lang", "en"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write output: No space left on device (os error 28)\n"
    );
}
