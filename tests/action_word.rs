//! `yibao <action word>` without its topic: one procedure is answered as
//! if the topic had been typed, with every option where it was; several
//! are listed with their commands (exit 0); a word that names no action is
//! an unknown topic (exit 3), with the commands of what it names.

mod common;

use common::*;

#[test]
fn an_action_word_of_one_topic_answers_its_procedure() {
    for (word, topic, action) in [
        ("补办", "card", "replace"),
        ("挂失", "card", "replace"),
        ("replace", "card", "replace"),
        ("慢特病", "filing", "chronic"),
        ("查询", "balance", "query"),
    ] {
        for format in ["table", "json", "plain"] {
            assert_eq!(
                ok([word, "--format", format]),
                ok([topic, action, "--format", format]),
                "yibao {word} --format {format}"
            );
        }
    }
}

#[test]
fn options_anywhere_apply_to_the_procedure() {
    let want = ok(["card", "replace", "--region", "heihe", "--json"]);
    for args in [
        &["补办", "--region", "heihe", "--json"][..],
        &["--json", "补办", "--region", "heihe"][..],
        &["--region", "heihe", "--json", "补办"][..],
    ] {
        assert_eq!(ok(args), want, "yibao {args:?}");
    }
    // The word also stands as the value of an option (an overlay directory
    // named 补办): the command word is the one where a command stands.
    let cwd = tempfile::tempdir().unwrap();
    std::fs::create_dir(cwd.path().join("补办")).unwrap();
    let out = yibao()
        .current_dir(cwd.path())
        .args(["--data", "补办", "补办", "--region", "heihe", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    let v = ok_json(["补办", "--region", "heihe", "--json"]);
    assert_eq!(v["procedure"]["id"], "card.replace");
    assert_eq!(v["region"]["id"], "heihe");
    // Help of the procedure it names.
    let help = ok(["补办", "--help"]);
    assert!(help.contains("yibao card replace"), "{help}");
}

#[test]
fn a_word_several_topics_share_lists_them() {
    let v = ok_json(["激活", "--json"]);
    assert_eq!(v["kind"], "choices");
    assert_eq!(v["word"], "激活");
    assert_eq!(v["lang"], "zh");
    let choices: Vec<(&str, &str)> = v["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["command"].as_str().unwrap()))
        .collect();
    assert_eq!(
        choices,
        [
            ("card.activate", "yibao card activate"),
            ("ecard.activate", "yibao ecard activate"),
        ]
    );
    assert_eq!(v["choices"][1]["topic_name"], "医保电子凭证");
    // English action ids and Chinese aliases alike.
    let apply = ok_json(["申请", "--json"]);
    let ids: Vec<&str> = apply["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["card.apply", "filing.apply"]);
    assert_eq!(ok_json(["apply", "--json"])["choices"], apply["choices"]);
    // Every command listed works.
    for c in v["choices"].as_array().unwrap() {
        let cmd: Vec<&str> = c["command"].as_str().unwrap().split(' ').skip(1).collect();
        assert_eq!(
            ok_json([cmd[0], cmd[1], "--json"])["procedure"]["id"],
            c["id"]
        );
    }
}

#[test]
fn the_list_shows_every_command_in_every_format_and_width() {
    for format in ["table", "plain", "markdown"] {
        let out = ok(["激活", "--format", format]);
        for want in [
            "「激活」可以是这 2 件事",
            "yibao card activate",
            "yibao ecard activate",
            "激活医保电子凭证（医保码）",
            "医保卡/社保卡",
        ] {
            assert!(out.contains(want), "{format} lacks {want}:\n{out}");
        }
    }
    for width in [20, 24, 40, 60, 80, 120, 200] {
        let w = width.to_string();
        let out = ok(["激活", "--width", &w]);
        let what = format!("yibao 激活 --width {w}");
        assert!(assert_tables_aligned(&out, width, &what) <= 1, "{what}");
        if width >= 60 {
            assert_eq!(assert_tables_aligned(&out, width, &what), 1, "{what}");
        }
        assert_max_width(&out, width, &what);
    }
    let en = ok(["激活", "--lang", "en"]);
    assert!(en.starts_with("\"激活\" can mean 2 procedures"), "{en}");
    assert!(en.contains("| command"), "{en}");
}

#[test]
fn a_word_that_names_no_action_stays_an_unknown_topic() {
    // A word of the base: the commands of what it names are suggested.
    let r = run(["丢了"]);
    assert_one_line_error(
        &r,
        3,
        &["找不到主题「丢了」", "yibao card replace"],
        "yibao 丢了",
    );
    let r = run(["起付线"]);
    assert_one_line_error(&r, 3, &["yibao terms deductible"], "yibao 起付线");
    // A misspelt topic: the topic.
    let r = run(["cadr"]);
    assert_one_line_error(&r, 3, &["card（医保卡/社保卡）"], "yibao cadr");
    // Nothing like it.
    let r = run(["qqqzzz"]);
    assert_one_line_error(&r, 3, &["找不到主题「qqqzzz」"], "yibao qqqzzz");
    let r = run(["qqqzzz", "--json"]);
    assert_eq!(r.code, Some(3));
    assert_eq!(r.stderr_json()["error"]["kind"], "unknown_topic");
}

#[test]
fn what_follows_the_action_word_is_checked_as_for_its_procedure() {
    let r = run(["补办", "extra"]);
    assert_one_line_error(&r, 2, &["extra"], "yibao 补办 extra");
    let r = run(["补办", "--region", "atlantis"]);
    assert_one_line_error(&r, 3, &["atlantis"], "yibao 补办 --region atlantis");
    // After a topic an unknown word is an unknown action, as before.
    let r = run(["card", "激活了"]);
    assert_one_line_error(&r, 3, &["找不到事项「激活了」"], "yibao card 激活了");
}

#[test]
fn an_overlay_action_is_an_action_word_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("track.yaml"),
        "region: national
procedures:
  - id: card.track
    title: 查询制卡进度
    action_name: 查制卡
    summary: 申领以后查询卡做到了哪一步。
    steps:
      - id: look
        text: 在APP里查看。
        src: [seed-000]
    checked: 2026-11-01
",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let v = ok_json(["查制卡", "--data", &d, "--json"]);
    assert_eq!(v["procedure"]["id"], "card.track");
    let r = run(["查制卡"]);
    assert_eq!(r.code, Some(3), "without the overlay: {}", r.stderr);
}
