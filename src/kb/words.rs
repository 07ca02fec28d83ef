//! The command words yibao keeps for itself, so that no topic or procedure
//! in the knowledge base can take them: the general commands, the checklist
//! action every topic has, and `help`.

/// The general commands: (name, aliases, description for `--help`).
pub const GENERAL: [(&str, &[&str], &str); 12] = [
    ("list", &["列表"], "列出全部办事指南 (all procedures)"),
    (
        "show",
        &["查看"],
        "按 id 查看办事指南，如 card.replace (show a procedure by id)",
    ),
    (
        "search",
        &["搜索"],
        "搜索：中文、英文、拼音或拼音首字母 (search)",
    ),
    ("regions", &["地区"], "支持的地区和代码 (regions)"),
    (
        "plan",
        &["计划", "方案"],
        "按你遇到的情况给出办事方案：过冬、出门、丢卡、办卡、新生儿、替父母办 (plans for life situations)",
    ),
    (
        "terms",
        &["术语"],
        "医保术语的通俗解释：起付线、统筹基金、直接结算…… (plain-language glossary)",
    ),
    (
        "faq",
        &["常见问题"],
        "常见问题 (frequently asked questions)",
    ),
    (
        "data",
        &["数据"],
        "知识库数据工具：validate 检查 YAML (knowledge-base tools)",
    ),
    (
        "schema",
        &[],
        "打印 JSON Schema：输出格式或知识库 YAML (JSON Schemas)",
    ),
    (
        "completions",
        &[],
        "生成 shell 补全脚本 (shell completions)",
    ),
    ("man", &[], "打印 man 手册页 (man page)"),
    (
        "site",
        &["网站"],
        "把整个知识库生成静态网页，可离线浏览、打印 (static HTML site)",
    ),
];

/// The action every topic has: `yibao <topic> checklist`.
pub const CHECKLIST: &str = "checklist";

/// Its Chinese alias: `yibao 备案 清单`.
pub const CHECKLIST_ALIAS: &str = "清单";

/// Help, at every level of the command tree.
pub const HELP: &str = "help";

/// Words no topic may take: every general command name and alias, and help.
pub const RESERVED_TOPIC_WORDS: &[&str] = &TOPIC_WORDS;

/// Words no action may take in any topic: the checklist words and help.
pub const RESERVED_ACTION_WORDS: &[&str] = &[CHECKLIST, CHECKLIST_ALIAS, HELP];

const TOPIC_WORD_COUNT: usize = {
    let mut n = 1; // help
    let mut i = 0;
    while i < GENERAL.len() {
        n += 1 + GENERAL[i].1.len();
        i += 1;
    }
    n
};

/// [`GENERAL`]'s names and aliases in table order, then help.
const TOPIC_WORDS: [&str; TOPIC_WORD_COUNT] = {
    let mut out = [""; TOPIC_WORD_COUNT];
    let mut k = 0;
    let mut i = 0;
    while i < GENERAL.len() {
        out[k] = GENERAL[i].0;
        k += 1;
        let mut j = 0;
        while j < GENERAL[i].1.len() {
            out[k] = GENERAL[i].1[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out[k] = HELP;
    out
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_general_word_and_help_is_reserved_once() {
        for (name, aliases, _) in GENERAL {
            for w in std::iter::once(name).chain(aliases.iter().copied()) {
                assert_eq!(
                    RESERVED_TOPIC_WORDS.iter().filter(|r| **r == w).count(),
                    1,
                    "{w}"
                );
            }
        }
        assert_eq!(RESERVED_TOPIC_WORDS.last(), Some(&HELP));
        assert!(!RESERVED_TOPIC_WORDS.contains(&""));
    }
}
