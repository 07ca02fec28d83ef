//! `yibao data validate` on the glossary (`terms:`) and the search synonyms
//! (`synonyms:`): a copy of data/ with one mistake added is refused with the
//! finding at its file:line, exit 4; the base as it is passes.

mod common;

use common::*;
use std::path::Path;

/// A copy of data/ in a temporary directory.
fn copy_of_data() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        dir.path(),
    );
    dir
}

/// Appends `yaml` to `file` of the copy; returns the 1-based line the
/// addition starts on.
fn append(dir: &Path, file: &str, yaml: &str) -> usize {
    let path = dir.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let line = text.lines().count() + 1;
    text.push_str(yaml);
    std::fs::write(&path, text).unwrap();
    line
}

/// Validates `dir`: exit code and the finding lines.
fn findings(dir: &Path) -> (Option<i32>, Vec<String>) {
    let r = run(["data", "validate", &dir.display().to_string()]);
    (r.code, r.stdout.lines().map(str::to_string).collect())
}

/// Asserts that validating gives exit 4 and a finding of `code` at
/// `file:line` that mentions `says`.
fn assert_finding(dir: &Path, file: &str, line: usize, code: &str, says: &str) {
    let (exit, lines) = findings(dir);
    assert_eq!(exit, Some(4), "{lines:#?}");
    let at = format!("{file}:{line}:");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&at) && l.contains(code) && l.contains(says)),
        "no {code} at {at} saying {says}:\n{}",
        lines.join("\n")
    );
}

const TERM: &str = "  - id: {id}
    term: {term}
    text: {text}
    related: [{related}]
    src: [{src}]
";

fn term(id: &str, word: &str, text: &str, related: &str, src: &str) -> String {
    TERM.replace("{id}", id)
        .replace("{term}", word)
        .replace("{text}", text)
        .replace("{related}", related)
        .replace("{src}", src)
}

#[test]
fn the_built_in_glossary_and_synonyms_pass() {
    let dir = copy_of_data();
    let (exit, lines) = findings(dir.path());
    assert_eq!(exit, Some(0), "{lines:#?}");
}

#[test]
fn a_term_must_have_its_parts_and_point_at_what_exists() {
    let cases = [
        (
            term("deductible", "另一个词", "说明。", "card.apply", "seed-000"),
            0,
            "E005",
            "术语 id deductible 重复",
        ),
        (
            term("new-word", "新词", "说明。", "card.lend", "seed-000"),
            3,
            "E006",
            "术语 new-word 的相关事项 card.lend 不存在",
        ),
        (
            term("new-word", "新词", "说明。", "card.apply", "no-such-source"),
            4,
            "E006",
            "术语 new-word 引用的来源 no-such-source 不在 sources 中",
        ),
        (
            term("new-word", "新词", "说明。", "card.apply", ""),
            0,
            "E007",
            "术语 new-word 没有注明来源",
        ),
        (
            term("new-word", "新词", "\"\"", "card.apply", "seed-000"),
            0,
            "E009",
            "术语 new-word 缺少 text",
        ),
        (
            term("New_Word", "新词", "说明。", "card.apply", "seed-000"),
            0,
            "E010",
            "id `New_Word` 格式不对",
        ),
        (
            term("new-word", "门槛费", "说明。", "card.apply", "seed-000"),
            1,
            "E005",
            "术语名「门槛费」同时属于 deductible 和 new-word",
        ),
    ];
    for (yaml, offset, code, says) in cases {
        let dir = copy_of_data();
        let line = append(dir.path(), "terms.yaml", &yaml);
        assert_finding(dir.path(), "terms.yaml", line + offset, code, says);
    }
}

#[test]
fn synonyms_are_single_lowercase_words_listed_once_that_lead_somewhere() {
    let cases = [
        (
            "  - words: [弄没了]\n    means: [不存在的词语]\n",
            1,
            "E006",
            "同义词「弄没了」指向的「不存在的词语」在知识库的事项和术语里都找不到",
        ),
        (
            "  - words: [掉了]\n    means: [补办]\n",
            0,
            "E005",
            "同义词「掉了」重复出现",
        ),
        (
            "  - words: [Lost]\n    means: [补办]\n",
            0,
            "E004",
            "同义词「Lost」应为小写的一个词",
        ),
        (
            "  - words: [\"lost  card\"]\n    means: [补办]\n",
            0,
            "E004",
            "同义词「lost  card」",
        ),
        (
            "  - words: [弄没了]\n    means: []\n",
            0,
            "E009",
            "同义词「弄没了」缺少 means",
        ),
    ];
    for (yaml, offset, code, says) in cases {
        let dir = copy_of_data();
        let line = append(dir.path(), "synonyms.yaml", yaml);
        assert_finding(dir.path(), "synonyms.yaml", line + offset, code, says);
    }
}

#[test]
fn an_overlay_cannot_change_the_glossary_or_the_synonyms() {
    for (file, yaml) in [
        (
            "terms.yaml",
            "terms:\n  - id: local-word\n    term: 本地词\n    text: 说明。\n    src: [seed-000]\n",
        ),
        (
            "synonyms.yaml",
            "synonyms:\n  - words: [弄没了]\n    means: [补办]\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), yaml).unwrap();
        assert_finding(
            dir.path(),
            file,
            1,
            "E011",
            "覆盖数据不能修改术语表或同义词表",
        );
        // Given with --data, it is refused before any answer.
        let r = run(["terms", "--data", &dir.path().display().to_string()]);
        assert_eq!(r.code, Some(4), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}
