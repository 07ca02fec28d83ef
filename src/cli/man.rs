//! `yibao man`: one manual page from the command tree.
//!
//! clap_mangen writes the title, NAME, SYNOPSIS, DESCRIPTION and OPTIONS;
//! the commands are listed here in one COMMANDS section (clap_mangen would
//! point at a page per command, `yibao-card(1)`, that nothing installs),
//! followed by ENVIRONMENT, EXIT STATUS, EXAMPLES and SHELL COMPLETION.
//! Section names stay the standard English ones, which `man` and `mandb`
//! look for; the text is in the run's language.
//!
//! troff reads Latin-1 and cannot break Chinese, which has no spaces: every
//! other character is written as `\[uXXXX]`, and a break point `\:` goes
//! wherever [`may_break_between`] allows one, so the page wraps at any
//! width (`MANWIDTH=80 man -l`) without warnings (`groff -ww`).

use super::help::exit_meaning;
use crate::error::Exit;
use crate::kb::Kb;
use crate::kb::i18n::Lang;
use crate::kb::words;
use crate::render::text::may_break_between;
use clap::{Arg, Command};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::fmt::Write as _;

/// The page, as troff source in ASCII.
pub(super) fn page(cmd: Command, kb: &Kb, lang: Lang) -> String {
    // OPTIONS, not a section per help heading.
    let mut cmd = cmd
        .mut_args(|a| a.help_heading(None::<&str>))
        .long_about(lang.pick(
            "yibao 回答办医保卡和医保事项时要问的问题：有哪些步骤、带什么材料、去哪里办、在哪个 APP 的哪个菜单、要多久、可能遇到什么问题。资料内置在程序里，不需要联网。地区资料按 市 → 省 → 全国 的顺序取用，每一部分都注明来自哪一级。政策会调整，办理前请向当地医保经办机构或 12393、12333 确认。",
            "yibao answers the questions people ask before a medical insurance (医保) errand: the steps, the materials to bring, where to go, which app menu, how long it takes and what can go wrong. The knowledge base is built into the program and works offline. Regional data is taken city first, then province, then national rules, and each part says which level it came from. Policies change: confirm with the local medical insurance service office (经办机构), 12393 or 12333 before you go.",
        ));
    cmd.build();
    let man = Man::new(cmd.clone())
        .title("yibao")
        .section("1")
        .date(env!("YIBAO_CHECKED_AS_OF"))
        .source(format!("yibao {}", env!("CARGO_PKG_VERSION")))
        .manual(lang.pick("用户命令", "User Commands"));
    let mut page = Vec::new();
    // Writing to memory cannot fail.
    let _ = man.render_title(&mut page);
    page.extend_from_slice(b".ad l\n.nh\n");
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    let _ = man.render_options_section(&mut page);
    let mut r = Roff::new();
    commands(&mut r, &cmd, kb, lang);
    environment(&mut r, lang);
    exit_status(&mut r, lang);
    examples(&mut r, lang);
    completion(&mut r, lang);
    page.extend_from_slice(r.render().as_bytes());
    let _ = man.render_version_section(&mut page);
    ascii(&tidy(&String::from_utf8_lossy(&page)))
}

/// Drops the repeats of the preamble each part of clap_mangen's output
/// starts with.
fn tidy(page: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(page.len());
    for line in page.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble && !seen.insert(line.to_string()) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every character outside ASCII as a troff escape, with a break point
/// between two characters where a line may break without a space.
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len() * 2);
    for line in page.lines() {
        let control = line.starts_with('.') || line.starts_with('\'');
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
            if !control && chars.peek().is_some_and(|&n| may_break_between(c, n)) {
                out.push_str("\\:");
            }
        }
        out.push('\n');
    }
    out
}

/// How a command is called: its words, then its arguments.
fn usage(words: &str, c: &Command) -> String {
    let mut s = words.to_string();
    for a in c.get_arguments().filter(|a| shown(a)) {
        let name = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().to_string(), ToString::to_string);
        let text = match a.get_long() {
            Some(long) => format!("--{long} {name}"),
            None if a.get_num_args().is_some_and(|n| n.max_values() > 1) => format!("{name}…"),
            None => name,
        };
        if a.is_required_set() {
            let _ = write!(s, " {text}");
        } else {
            let _ = write!(s, " [{text}]");
        }
    }
    s
}

/// An argument of the command itself (not a global option, not help).
fn shown(a: &Arg) -> bool {
    !a.is_global_set() && !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version"
}

fn entry(r: &mut Roff, call: &str, about: &str) {
    r.control("TP", []);
    r.text([bold(call)]);
    r.text([roman(about)]);
}

fn about(c: &Command) -> String {
    c.get_about().map(ToString::to_string).unwrap_or_default()
}

fn commands(r: &mut Roff, root: &Command, kb: &Kb, lang: Lang) {
    r.control("SH", ["COMMANDS"]);
    r.text([roman(lang.pick(
        "yibao 不带命令时给出总览。办事指南的命令是 yibao 主题 事项；主题和事项来自知识库，中文名也可以用（yibao 医保卡 补办）。",
        "yibao alone gives an overview. Procedures are yibao TOPIC ACTION; topics and actions come from the knowledge base, and their Chinese names work too (yibao 医保卡 补办).",
    ))]);
    let topics: Vec<&str> = kb.topics().iter().map(|t| t.id).collect();
    for c in root.get_subcommands() {
        let name = c.get_name();
        if !topics.contains(&name) {
            continue;
        }
        r.control("SS", [&*format!("yibao {name}")]);
        r.text([roman(about(c))]);
        for a in c.get_subcommands().filter(|a| a.get_name() != words::HELP) {
            entry(
                r,
                &usage(&format!("yibao {name} {}", a.get_name()), a),
                &about(a),
            );
        }
    }
    r.control("SS", [lang.pick("其他命令", "Other commands")]);
    for c in root.get_subcommands() {
        let name = c.get_name();
        if topics.contains(&name) {
            continue;
        }
        let subs: Vec<&Command> = c.get_subcommands().collect();
        if subs.is_empty() {
            entry(r, &usage(&format!("yibao {name}"), c), &about(c));
        }
        for s in subs {
            entry(
                r,
                &usage(&format!("yibao {name} {}", s.get_name()), s),
                &about(s),
            );
        }
    }
}

/// The variables yibao reads.
pub(super) const ENVIRONMENT: [(&str, &str, &str); 8] = [
    (
        "YIBAO_REGION",
        "默认地区，同 --region；为空时视为未设置（全国通用规则）。",
        "The default region, as --region; empty counts as not set (national rules).",
    ),
    (
        "YIBAO_DATA",
        "叠加的资料目录，同 --data；为空时视为未设置。",
        "An overlay directory, as --data; empty counts as not set.",
    ),
    (
        "YIBAO_LANG",
        "回答的语言，同 --lang（zh 或 en）。",
        "The language of the answers, as --lang (zh or en).",
    ),
    ("YIBAO_AS", "你是谁，同 --as。", "Who you are, as --as."),
    (
        "YIBAO_TODAY",
        "把这一天（YYYY-MM-DD）当作今天来判断资料是否过期；为空时用中国的今天。",
        "Take this day (YYYY-MM-DD) as today when judging whether the data is out of date; empty means today in China.",
    ),
    (
        "NO_COLOR",
        "设了且不为空时不着色（--color auto 时）。",
        "When set and not empty, no colour (with --color auto).",
    ),
    (
        "TERM",
        "为 dumb 时不着色（--color auto 时）。",
        "When dumb, no colour (with --color auto).",
    ),
    (
        "COMPLETE",
        "补全脚本设置它来向 yibao 询问候选词（见 SHELL COMPLETION）；平时不要设置。",
        "Set by the completion scripts to ask yibao for candidates (see SHELL COMPLETION); do not set it yourself.",
    ),
];

fn environment(r: &mut Roff, lang: Lang) {
    r.control("SH", ["ENVIRONMENT"]);
    r.text([roman(lang.pick(
        "命令行上的选项优先于环境变量。",
        "Options on the command line win over the environment.",
    ))]);
    for (var, zh, en) in ENVIRONMENT {
        entry(r, var, lang.pick(zh, en));
    }
}

fn exit_status(r: &mut Roff, lang: Lang) {
    r.control("SH", ["EXIT STATUS"]);
    for e in Exit::ALL {
        entry(r, &e.code().to_string(), &exit_meaning(e, lang));
    }
}

fn examples(r: &mut Roff, lang: Lang) {
    r.control("SH", ["EXAMPLES"]);
    for (c, zh, en) in crate::views::EXAMPLES {
        r.control("TP", []);
        r.text([bold(c)]);
        r.text([roman(lang.pick(zh, en))]);
    }
}

fn completion(r: &mut Roff, lang: Lang) {
    r.control("SH", ["SHELL COMPLETION"]);
    r.text([roman(lang.pick(
        "补全时 shell 会询问 yibao 本身，所以地区、办事指南 id、主题和事项都来自当前的知识库（包括 --data）。装入补全：",
        "On Tab the shell asks yibao itself, so regions, procedure ids, topics and actions come from the knowledge base in effect (--data included). To install:",
    ))]);
    for (shell, how) in [
        (
            "bash",
            "yibao completions bash > ~/.local/share/bash-completion/completions/yibao",
        ),
        ("zsh", "yibao completions zsh > ~/.zfunc/_yibao"),
        (
            "fish",
            "yibao completions fish > ~/.config/fish/completions/yibao.fish",
        ),
    ] {
        r.control("TP", []);
        r.text([italic(shell)]);
        r.text([roman(how)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_escapes_with_break_points() {
        assert_eq!(
            ascii("医保卡，ok\n"),
            "\\[u533B]\\:\\[u4FDD]\\:\\[u5361]\\[uFF0C]\\:ok\n"
        );
        // Control lines keep their arguments whole.
        assert_eq!(ascii(".SS 其他\n"), ".SS \\[u5176]\\[u4ED6]\n");
    }
}
