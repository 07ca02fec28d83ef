//! The command tree, built from the knowledge base: one command per topic,
//! one subcommand per procedure of the topic (so a procedure added under
//! `data/`, or by an overlay, is a command with no change here), a
//! checklist per topic, and the general commands of
//! [`GENERAL`](crate::commands::GENERAL).

use super::options::{global_args, have_arg};
use crate::commands::GENERAL;
use crate::kb::Kb;
use crate::kb::words;
use clap::{Arg, Command, value_parser};
use std::path::PathBuf;

/// `--version`: the tool's version and how current the built-in data is.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (knowledge base checked as of ",
    env!("YIBAO_CHECKED_AS_OF"),
    ")"
);

fn help_template() -> String {
    let mut t = String::from("{before-help}{name} {version}\n{about-with-newline}\n");
    t.push_str("例子 (examples):\n");
    for (c, what) in crate::views::EXAMPLES {
        t.push_str(&format!("  {c}\n      {what}\n"));
    }
    t.push('\n');
    t.push_str("{usage-heading} {usage}\n\n{all-args}{after-help}");
    t
}

/// The whole command tree for `kb`.
pub(super) fn command(kb: &Kb) -> Command {
    let mut root = Command::new("yibao")
        .version(VERSION)
        .about("医保卡办事指南：申领、激活、补办、家庭共济、异地就医备案 (offline guide to China's medical-insurance card procedures)")
        .help_template(help_template())
        .after_help("退出码 (exit codes): 0 成功，2 用法错误，3 找不到，4 数据无效，1 其他。")
        .subcommand_help_heading("命令 (commands)")
        .subcommand_value_name("COMMAND")
        .args(global_args());
    for t in kb.topics() {
        root = root.subcommand(topic_command(kb, &t));
    }
    for (name, aliases, about) in GENERAL {
        let c = Command::new(name)
            .about(about)
            .visible_aliases(aliases.to_vec());
        root = root.subcommand(general_command(c, name));
    }
    root
}

/// A topic with its actions and its checklist.
fn topic_command(kb: &Kb, t: &crate::kb::TopicView<'_>) -> Command {
    let mut tc = Command::new(t.id.to_string())
        .about(format!("{}：{}", t.name, t.summary))
        .visible_aliases(t.aliases.iter().map(str::to_string).collect::<Vec<_>>())
        .subcommand_value_name("ACTION")
        .subcommand_help_heading("事项 (actions)");
    for p in kb.procedures().iter().filter(|p| p.topic == t.id) {
        let mut aliases: Vec<String> = vec![p.action_name.to_string()];
        aliases.extend(p.cli_aliases.iter().map(str::to_string));
        aliases.retain(|a| !a.is_empty() && a != p.action);
        aliases.dedup();
        tc = tc.subcommand(
            Command::new(p.action.to_string())
                .about(format!("{}：{}", p.action_name, p.title))
                .visible_aliases(aliases),
        );
    }
    tc.subcommand(
        Command::new(words::CHECKLIST)
            .visible_alias(words::CHECKLIST_ALIAS)
            .about("办理清单：条件、材料、出发前准备 (checklist)")
            .arg(
                Arg::new("action")
                    .value_name("ACTION")
                    .help("哪个事项的清单；默认为本主题的主要事项"),
            )
            .arg(have_arg()),
    )
}

/// A general command with its arguments.
fn general_command(c: Command, name: &str) -> Command {
    match name {
        "show" => c.arg(
            Arg::new("id")
                .value_name("ID")
                .required(true)
                .help("办事指南 id，如 card.replace（yibao list 可查）"),
        ),
        "search" => c.arg(
            Arg::new("words")
                .value_name("WORDS")
                .required(true)
                .num_args(1..)
                .help("搜索词：补办、备案、lost card、bb、buban"),
        ),
        "terms" => c.arg(
            Arg::new("word")
                .value_name("WORD")
                .help("只看一个词：词语、别名或 id，如 起付线、门槛费、deductible"),
        ),
        "faq" => c.arg(
            Arg::new("topic")
                .value_name("TOPIC")
                .help("只看一个主题的问题，如 card"),
        ),
        "data" => c.subcommand_required(true).subcommand(
            Command::new("validate")
                .visible_alias("检查")
                .about("检查知识库 YAML：file:line:col: CODE message；有错误时退出码为 4")
                .arg(
                    Arg::new("dir")
                        .value_name("DIR")
                        .default_value("data")
                        .value_parser(value_parser!(PathBuf))
                        .help("要检查的目录：含 regions 的按完整知识库检查，否则按覆盖数据检查"),
                ),
        ),
        "schema" => c.arg(
            Arg::new("which")
                .value_name("WHICH")
                .value_parser(["output", "data"])
                .default_value("output")
                .help("output：--json 输出的 Schema；data：知识库 YAML 的 Schema"),
        ),
        "completions" => c.arg(
            Arg::new("shell")
                .value_name("SHELL")
                .required(true)
                .value_parser(value_parser!(clap_complete::Shell))
                .help("bash、zsh、fish、powershell 或 elvish"),
        ),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_valid_for_clap() {
        command(&Kb::builtin()).debug_assert();
    }

    #[test]
    fn every_procedure_is_a_command_under_its_topic() {
        let kb = Kb::builtin();
        let mut root = command(&kb);
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
}
