//! The command tree, built from the knowledge base: one command per topic,
//! one subcommand per procedure of the topic (so a procedure added under
//! `data/`, or by an overlay, is a command with no change here), a
//! checklist per topic, and the general commands of
//! [`GENERAL`](crate::commands::GENERAL).
//!
//! Every text of the tree is in the run's language, and clap writes none of
//! its own English: headings, usage and the help flag are ours, and the
//! notes clap would add (`[aliases: …]`, `[default: …]`, `[env: …]`,
//! `[possible values: …]`) are hidden and said in the help text instead.
//! Help is rendered unwrapped and wrapped by [`super::help::fit`], which
//! knows where CJK text may break.

use super::options::{every_command_args, have_arg, options_heading, plan_args, version_arg};
use crate::commands::GENERAL;
use crate::kb::i18n::Lang;
use crate::kb::{Kb, ProcView, TopicView, words};
use clap::{Arg, ArgAction, Command, ValueHint, value_parser};
use std::path::PathBuf;

/// `--version`: the tool's version and how current the built-in data is.
pub(super) const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (knowledge base checked as of ",
    env!("YIBAO_CHECKED_AS_OF"),
    ")"
);

/// The headings of the tree's help, which clap ends with an ASCII colon.
pub(super) const HEADINGS: [&str; 4] = ["命令", "事项", "参数", "选项"];

/// The layout of every command's help; the root's leads with examples.
fn template(lang: Lang, examples: bool) -> String {
    let mut t = String::from("{before-help}");
    if examples {
        t.push_str("{name} {version}\n");
    }
    t.push_str("{about-with-newline}\n");
    if examples {
        t.push_str(lang.pick("例子：\n", "Examples:\n"));
        for (c, zh, en) in crate::views::EXAMPLES {
            t.push_str(&format!("  {c}\n      {}\n", lang.pick(zh, en)));
        }
        t.push('\n');
    }
    t.push_str(lang.pick("用法：", "Usage: "));
    t.push_str("{usage}\n\n{all-args}{after-help}");
    t
}

/// What every command of the tree has: its help layout in `lang`, clap's
/// own help flag and help command replaced by ours, no wrapping by clap.
fn framed(c: Command, lang: Lang, root: bool) -> Command {
    // Made once a run: the tree has a command per procedure.
    static TEMPLATES: [std::sync::OnceLock<String>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let t = if root {
        template(lang, true)
    } else {
        TEMPLATES[lang as usize]
            .get_or_init(|| template(lang, false))
            .clone()
    };
    let c = match c.get_subcommand_help_heading() {
        Some(_) => c,
        None => c.subcommand_help_heading(lang.pick("命令", "Commands")),
    };
    c.help_template(t)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .term_width(0)
}

thread_local! {
    /// The language of the tree being built, for [`reached`] (which clap
    /// calls as a plain `fn`).
    static TREE_LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::Zh) };
}

/// A command below the root, declared whole but made complete only when
/// clap reaches it (parsing its words, printing its help, completing, the
/// man page): its help layout and the options every command accepts.
/// A lookup thus makes the options of the three commands on its path, not
/// of the hundred in the tree.
fn below(c: Command) -> Command {
    c.defer(reached)
}

/// What [`below`] adds when clap reaches a command; one with commands of
/// its own also gets `help`, for `yibao card help apply`.
fn reached(c: Command) -> Command {
    let lang = TREE_LANG.with(std::cell::Cell::get);
    let c = if c.has_subcommands() {
        c.subcommand(below(help_command(lang)))
    } else {
        c
    };
    framed(c, lang, false).args(every_command_args(lang))
}

/// A topic's checklist, when clap reaches it: its arguments too.
fn checklist_reached(c: Command) -> Command {
    let lang = TREE_LANG.with(std::cell::Cell::get);
    reached(c)
        .arg(
            Arg::new("action")
                .value_name("ACTION")
                .help_heading(lang.pick("参数", "Arguments"))
                .help(lang.pick(
                    "哪个事项的清单；默认为本主题的主要事项",
                    "Whose checklist; the topic's main procedure by default",
                )),
        )
        .arg(have_arg(lang).help_heading(options_heading(lang)))
}

/// A command's description — its name and what it is — with its other
/// words, which clap's help hides and ours says.
fn described<'a>(
    name: &str,
    what: &str,
    aliases: impl IntoIterator<Item = &'a str>,
    lang: Lang,
) -> String {
    let mut s = String::with_capacity(name.len() + what.len() + 64);
    s.push_str(name);
    if !name.is_empty() && !what.is_empty() {
        s.push_str(lang.colon());
    }
    s.push_str(what);
    let mut first = true;
    for a in aliases {
        if first {
            while s.ends_with(['。', '.']) {
                s.pop();
            }
            s.push_str(lang.pick("（也可写：", " (also: "));
            first = false;
        } else {
            s.push_str(lang.comma());
        }
        s.push_str(a);
    }
    if !first {
        s.push_str(lang.pick("）", ")"));
    }
    s
}

/// A general command's description in `lang`: [`GENERAL`] writes the
/// Chinese with the English in brackets, `中文 (English)`.
fn general_about(text: &str, lang: Lang) -> String {
    let (zh, en) = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((zh, en)) => (zh, en),
        None => (text, text),
    };
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => {
            let mut c = en.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// The `help` command: `yibao help card apply`.
fn help_command(lang: Lang) -> Command {
    Command::new(words::HELP)
        .about(lang.pick(
            "显示帮助；yibao help card apply 显示该命令的帮助",
            "Print help; yibao help card apply prints that command's",
        ))
        .arg(
            Arg::new("command")
                .value_name("COMMAND")
                .num_args(0..)
                .help_heading(lang.pick("参数", "Arguments"))
                .help(lang.pick("命令的各个词", "The words of a command")),
        )
}

/// The whole command tree for `kb`, in `lang`.
pub(super) fn command(kb: &Kb, lang: Lang) -> Command {
    TREE_LANG.with(|l| l.set(lang));
    let mut root = framed(Command::new("yibao"), lang, true)
        .version(VERSION)
        .about(lang.pick(
            "医保卡办事指南：申领、激活、补办、家庭共济、异地就医备案",
            "Offline guide to China's medical insurance (医保) card procedures: apply, activate, replace, family mutual aid, cross-province medical care filing",
        ))
        .after_help(super::help::exit_codes(lang))
        .subcommand_value_name("COMMAND")
        .disable_version_flag(true)
        .args(every_command_args(lang))
        .arg(version_arg(lang));
    let procedures = kb.procedures();
    for t in kb.topics() {
        root = root.subcommand(topic_command(&procedures, &t, lang));
    }
    for (name, aliases, about) in GENERAL {
        let c = Command::new(name)
            .about(described(
                "",
                &general_about(about, lang),
                aliases.iter().copied(),
                lang,
            ))
            .aliases(aliases.iter().copied());
        root = root.subcommand(general_command(below(c), name, lang));
    }
    root.subcommand(below(help_command(lang)))
}

/// A topic with its actions and its checklist.
fn topic_command(procedures: &[ProcView<'_>], t: &TopicView<'_>, lang: Lang) -> Command {
    let mut tc = below(Command::new(t.id.to_string()))
        .about(described(
            &t.name_in(lang),
            &t.summary_in(lang),
            t.aliases.iter(),
            lang,
        ))
        .aliases(t.aliases.iter().map(str::to_string))
        .subcommand_value_name("ACTION")
        .subcommand_help_heading(lang.pick("事项", "Actions"));
    for p in procedures.iter().filter(|p| p.topic == t.id) {
        let mut aliases: Vec<&str> = vec![p.action_name];
        aliases.extend(p.cli_aliases.iter());
        aliases.retain(|a| !a.is_empty() && *a != p.action);
        aliases.dedup();
        tc = tc.subcommand(
            below(Command::new(p.action.to_string()))
                .about(described(
                    &p.action_name_in(lang),
                    &p.title_in(lang),
                    aliases.iter().copied(),
                    lang,
                ))
                .aliases(aliases.into_iter().map(str::to_string)),
        );
    }
    tc.subcommand(
        Command::new(words::CHECKLIST)
            .defer(checklist_reached)
            .alias(words::CHECKLIST_ALIAS)
            .about(described(
                "",
                lang.pick(
                    "办理清单：条件、材料、出发前准备",
                    "Checklist: conditions, materials and what to do before you go",
                ),
                [words::CHECKLIST_ALIAS],
                lang,
            )),
    )
}

/// A general command with its arguments.
fn general_command(c: Command, name: &str, lang: Lang) -> Command {
    let args = lang.pick("参数", "Arguments");
    match name {
        "show" => c.arg(
            Arg::new("id")
                .value_name("ID")
                .required(true)
                .help_heading(args)
                .help(lang.pick(
                    "办事指南 id，如 card.replace（yibao list 可查）",
                    "A procedure's id, e.g. card.replace (see yibao list)",
                )),
        ),
        "search" => c.arg(
            Arg::new("words")
                .value_name("WORDS")
                .required(true)
                .num_args(1..)
                .help_heading(args)
                .help(lang.pick(
                    "搜索词：补办、备案、lost card、bb、buban",
                    "Search words: 补办, 备案, lost card, bb, buban",
                )),
        ),
        "plan" => c
            .arg(
                Arg::new("situation")
                    .value_name("SITUATION")
                    .help_heading(args)
                    .help(lang.pick(
                        "情况：id 或说法，如 winter-stay、过冬、丢卡（不写则列出全部；在终端上会一步步问你）",
                        "The situation: an id or words for it, e.g. winter-stay, 过冬, lost-card (none: the list, or on a terminal a few questions)",
                    )),
            )
            .args(plan_args(lang)),
        "terms" => c.arg(
            Arg::new("word")
                .value_name("WORD")
                .help_heading(args)
                .help(lang.pick(
                    "只看一个词：词语、别名或 id，如 起付线、门槛费、deductible",
                    "One word only: the word, another name for it or its id, e.g. 起付线, 门槛费, deductible",
                )),
        ),
        "faq" => c.arg(
            Arg::new("topic")
                .value_name("TOPIC")
                .help_heading(args)
                .help(lang.pick(
                    "只看一个主题的问题，如 card",
                    "Only one topic's questions, e.g. card",
                )),
        ),
        "data" => c.subcommand_required(true).subcommand(
            below(Command::new("validate"))
                .alias("检查")
                .about(described(
                    "",
                    lang.pick(
                        "检查知识库 YAML：file:line:col: CODE message；有错误时退出码为 4",
                        "Check knowledge-base YAML: file:line:col: CODE message; exit code 4 on errors",
                    ),
                    ["检查"],
                    lang,
                ))
                .arg(
                    Arg::new("dir")
                        .value_name("DIR")
                        .default_value("data")
                        .hide_default_value(true)
                        .value_parser(value_parser!(PathBuf))
                        .value_hint(ValueHint::DirPath)
                        .help_heading(args)
                        .help(lang.pick(
                            "要检查的目录（默认 data）：含 regions 的按完整知识库检查，否则按覆盖数据检查",
                            "The directory to check (data by default): a complete base when it has regions, else an overlay",
                        )),
                ),
        ),
        "schema" => c
            .arg(
                Arg::new("which")
                    .value_name("WHICH")
                    .value_parser(["output", "data"])
                    .default_value("output")
                    .hide_default_value(true)
                    .hide_possible_values(true)
                    .help_heading(args)
                    .help(lang.pick(
                        "output（默认）：--json 输出的 Schema；data：知识库 YAML 的 Schema",
                        "output (the default): the Schema of --json output; data: of knowledge-base YAML",
                    )),
            )
            .arg(
                Arg::new("kind")
                    .value_name("KIND")
                    .value_parser(crate::schema::kinds().collect::<Vec<_>>())
                    .hide_possible_values(true)
                    .help_heading(args)
                    .help(format!(
                        "{}{}",
                        lang.pick("只要一种输出的 Schema：", "Only one kind of output: "),
                        crate::schema::kinds()
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", "))
                    )),
            ),
        "site" => c
            .arg(
                Arg::new("dir")
                    .value_name("DIR")
                    .required(true)
                    .value_parser(value_parser!(PathBuf))
                    .value_hint(ValueHint::DirPath)
                    .help_heading(args)
                    .help(lang.pick(
                        "写入的目录：中文网页在这里，英文在其中的 en/ 下；不存在就新建；已有文件时要加 --force",
                        "The directory to write: the Chinese pages there, the English ones under en/ in it; made when missing; one with files in it needs --force",
                    )),
            )
            .arg(
                Arg::new("force")
                    .long("force")
                    .action(ArgAction::SetTrue)
                    .help_heading(options_heading(lang))
                    .help(lang.pick(
                        "目录不是空的也写入：覆盖同名文件，其他文件不动",
                        "Write into a directory that is not empty: files of the same name are replaced, others left alone",
                    )),
            )
            .after_help(lang.pick(
                "地区：默认为所有有本地资料的地区；--region 可给一个或多个（用逗号分隔），如 --region heilongjiang,heihe。\n全国通用规则的页面总会生成。网站总是中英文两种，每页都链到另一种语言的同一页；--lang 只决定本命令输出的语言。打开 DIR/index.html（英文：DIR/en/index.html）即可浏览，无需联网。",
                "Regions: by default every region with data of its own; --region takes one or more, comma-separated, e.g. --region heilongjiang,heihe.\nThe national pages are always made. The site always comes in Chinese and English, each page linked to the same page in the other language; --lang chooses only the language of this command's own output. Open DIR/index.html (English: DIR/en/index.html) to browse; no network needed.",
            )),
        "completions" => c.arg(
            Arg::new("shell")
                .value_name("SHELL")
                .required(true)
                .value_parser(value_parser!(clap_complete::Shell))
                .hide_possible_values(true)
                .help_heading(args)
                .help(lang.pick(
                    "bash、zsh、fish、powershell 或 elvish",
                    "bash, zsh, fish, powershell or elvish",
                )),
        ),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_valid_for_clap() {
        for lang in [Lang::Zh, Lang::En] {
            command(&Kb::builtin(), lang).debug_assert();
        }
    }

    #[test]
    fn every_procedure_is_a_command_under_its_topic() {
        let kb = Kb::builtin();
        let mut root = command(&kb, Lang::Zh);
        root.build();
        for p in kb.procedures() {
            let topic = root
                .find_subcommand(p.topic)
                .unwrap_or_else(|| panic!("no topic command {}", p.topic));
            assert!(
                topic.find_subcommand(p.action).is_some(),
                "no command {} {}",
                p.topic,
                p.action
            );
        }
    }

    #[test]
    fn general_commands_say_what_they_do_in_each_language() {
        assert_eq!(
            general_about("列出全部办事指南 (all procedures)", Lang::Zh),
            "列出全部办事指南"
        );
        assert_eq!(
            general_about("列出全部办事指南 (all procedures)", Lang::En),
            "All procedures"
        );
        assert_eq!(general_about("无括号", Lang::En), "无括号");
    }
}
