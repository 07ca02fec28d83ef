//! The command line: reading the arguments, then handing them to
//! `commands.rs`. The topic/action tree is built from the knowledge base (a
//! procedure added under `data/` becomes a command with no change here); the
//! general commands and the options are defined once below.
//!
//! Start-up cost matters (SPEC §5: a lookup within ~600,000 instructions, of
//! which building clap's tree is the largest part). A plain lookup is read
//! without clap ([`quick_lookup`]); everything else builds a lean tree: only
//! the command path the arguments name is filled in with its options, the
//! other topics and commands are present by name, alias and description,
//! which is all the root's help and "did you mean" need. `--help` on any
//! path, completions and the man page see the full tree.

use crate::commands::{Lookup, Wanted, execute, lookup, procedure_for_action, write_stdout};
use crate::error::{Error, Exit};
use crate::kb::Kb;
use crate::kb::date::Date;
use crate::render::{self, Format, Layout, style::color_enabled};
use crate::search::{self, Candidate};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `--version`: the tool's version and how current the built-in data is.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (knowledge base checked as of ",
    env!("YIBAO_CHECKED_AS_OF"),
    ")"
);

/// The general commands: name, aliases, one-line description.
pub const GENERAL: [(&str, &[&str], &str); 9] = [
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
];

/// Options that take a value (for reading the arguments before clap does).
const VALUE_OPTIONS: [&str; 9] = [
    "--region", "-r", "--format", "-f", "--width", "-w", "--color", "--data", "--have",
];

/// Runs the command line and returns the exit code.
pub fn run() -> Exit {
    let args: Vec<OsString> = std::env::args_os().collect();
    let pre = Prescan::of(&args);
    let stderr_color = color_enabled(pre.color.as_deref(), std::io::stderr().is_terminal());
    match run_with(&args, &pre) {
        Ok(()) => Exit::Ok,
        Err(Error::PipeClosed) => Exit::Ok,
        Err(e) => {
            report(&e, pre.json, stderr_color);
            e.exit()
        }
    }
}

/// Prints an error on stderr: one line for people, or JSON for scripts.
fn report(e: &Error, json: bool, color: bool) {
    let mut err = std::io::stderr().lock();
    let _ = if json {
        writeln!(err, "{}", e.to_json())
    } else {
        let label = render::style::error("错误：", color);
        writeln!(err, "{label}{}", render::text::sanitize(&e.message()))
    };
}

fn run_with(args: &[OsString], pre: &Prescan) -> Result<(), Error> {
    // Words must be text; only a path (`--data`) may be any bytes.
    let mut after_data = false;
    for a in args.iter().skip(1) {
        let is_data_value = std::mem::take(&mut after_data);
        match a.to_str() {
            Some(s) => after_data = s == "--data",
            None if is_data_value || a.as_encoded_bytes().starts_with(b"--data=") => {}
            None => {
                return Err(Error::Usage(format!(
                    "参数不是有效的 UTF-8 文本 (invalid UTF-8 in arguments): {}",
                    a.to_string_lossy()
                )));
            }
        }
    }
    let today = Date::today();
    let kb = match &pre.data {
        None => Kb::builtin(),
        Some(dir) => match Kb::open(dir, today) {
            Ok((kb, _warnings)) => kb,
            Err(rejected) => {
                return Err(Error::InvalidData {
                    subject: format!("{} {} ", rejected.kind.label(), dir.display()),
                    findings: rejected.findings,
                });
            }
        },
    };
    if pre.data.is_none()
        && let Some(l) = quick_lookup(args, &kb)
    {
        return lookup(&kb, l, today);
    }
    let selection = pre.selection(&kb);
    let mut cmd = command(&kb, &selection);
    let matches = match cmd.try_get_matches_from_mut(args) {
        Ok(m) => m,
        Err(e) => return clap_outcome(e, &kb, pre),
    };
    // The tree is large and the process ends right after: skip freeing it.
    std::mem::forget(cmd);
    execute(&kb, &matches, today)
}

// ---------------------------------------------------------------------------
// Reading the arguments before clap

/// What the arguments say before clap parses them: which command path to
/// build in full, whether errors should be JSON, the overlay directory.
struct Prescan {
    json: bool,
    color: Option<String>,
    data: Option<PathBuf>,
    words: Vec<String>,
}

impl Prescan {
    fn of(args: &[OsString]) -> Prescan {
        let mut p = Prescan {
            json: false,
            color: None,
            data: None,
            words: Vec::new(),
        };
        let mut it = args.iter().skip(1);
        let mut only_words = false;
        while let Some(a) = it.next() {
            let s = a.to_string_lossy();
            if only_words || !s.starts_with('-') || s == "-" {
                p.words.push(s.into_owned());
                continue;
            }
            if s == "--" {
                only_words = true;
                continue;
            }
            let (name, inline) = match s.split_once('=') {
                Some((n, v)) if s.starts_with("--") => (n.to_string(), Some(OsString::from(v))),
                _ if !s.starts_with("--") && s.len() > 2 && s.is_char_boundary(2) => {
                    (s[..2].to_string(), Some(OsString::from(&s[2..])))
                }
                _ => (s.to_string(), None),
            };
            if name == "--json" {
                p.json = true;
                continue;
            }
            if !VALUE_OPTIONS.contains(&name.as_str()) {
                continue;
            }
            let value = match inline {
                Some(v) => Some(v),
                None => it.next().cloned(),
            };
            let Some(value) = value else { continue };
            match name.as_str() {
                "--format" | "-f" => p.json |= value == "json",
                "--color" => p.color = Some(value.to_string_lossy().into_owned()),
                "--data" => p.data = Some(PathBuf::from(value)),
                _ => {}
            }
        }
        if p.data.is_none() {
            p.data = std::env::var_os("YIBAO_DATA")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from);
        }
        p
    }

    /// Which part of the tree to build in full.
    fn selection(&self, kb: &Kb) -> Selection {
        let Some(first) = self.words.first() else {
            return Selection::Root;
        };
        if first == "help" {
            return Selection::All;
        }
        if let Some(t) = kb.topics().iter().find(|t| names_topic(t, first)) {
            return Selection::Topic(t.id.to_string(), self.words.get(1).cloned());
        }
        match GENERAL
            .iter()
            .find(|(n, aliases, _)| *n == first || aliases.contains(&first.as_str()))
        {
            Some((n, _, _)) => Selection::General(n),
            None => Selection::Root,
        }
    }
}

pub(crate) fn names_topic(t: &crate::kb::TopicView<'_>, word: &str) -> bool {
    t.id == word || t.aliases.contains(word)
}

/// Which part of the command tree is built in full.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selection {
    /// Only the root's options.
    Root,
    /// The root and this topic, with the options of the action the second
    /// word names (the other actions by name only).
    Topic(String, Option<String>),
    /// The root and this general command.
    General(&'static str),
    /// Everything (help, completions, man page).
    All,
}

// ---------------------------------------------------------------------------
// The command tree

/// One option every command accepts.
struct OptionSpec {
    id: &'static str,
    long: &'static str,
    short: Option<char>,
    /// Name of its value; `None` for a flag.
    value: Option<&'static str>,
    env: Option<&'static str>,
    help: &'static str,
}

/// The options every command accepts, defined once: clap builds its
/// arguments from this table, and the quick reader of plain lookups
/// (`quick_lookup`) recognises exactly these.
const OPTIONS: [OptionSpec; 6] = [
    OptionSpec {
        id: "region",
        long: "region",
        short: Some('r'),
        value: Some("REGION"),
        env: Some("YIBAO_REGION"),
        help: "地区：id、中文名或行政区划代码，如 heilongjiang、黑河市、230000 (region)",
    },
    OptionSpec {
        id: "format",
        long: "format",
        short: Some('f'),
        value: Some("FORMAT"),
        env: None,
        help: "输出格式 (output format) [default: table]",
    },
    OptionSpec {
        id: "json",
        long: "json",
        short: None,
        value: None,
        env: None,
        help: "JSON 输出，等于 --format json",
    },
    OptionSpec {
        id: "width",
        long: "width",
        short: Some('w'),
        value: Some("N"),
        env: None,
        help: "表格宽度（列数）；默认为终端宽度，输出到管道时为 80 (table width)",
    },
    OptionSpec {
        id: "color",
        long: "color",
        short: None,
        value: Some("WHEN"),
        env: None,
        help: "颜色：auto 在终端上着色并遵守 NO_COLOR、TERM=dumb (colour) [default: auto]",
    },
    OptionSpec {
        id: "data",
        long: "data",
        short: None,
        value: Some("DIR"),
        env: Some("YIBAO_DATA"),
        help: "叠加自己的 YAML 资料目录（只读，不修改）(overlay directory)",
    },
];

/// Values `--color` takes.
const COLOR_CHOICES: [&str; 3] = ["auto", "always", "never"];

/// Parses a `--width` value: a whole number of columns, at least 1.
fn parse_width(s: &str) -> Option<u16> {
    s.parse::<u16>().ok().filter(|w| *w >= 1)
}

/// The clap arguments of [`OPTIONS`].
fn options() -> [Arg; 6] {
    OPTIONS.map(|o| {
        let mut a = Arg::new(o.id).long(o.long).help(o.help);
        if let Some(c) = o.short {
            a = a.short(c);
        }
        if let Some(env) = o.env {
            a = a.env(env);
        }
        match o.value {
            None => a.action(ArgAction::SetTrue),
            Some(name) => {
                let a = a.value_name(name);
                match o.id {
                    "format" => a.value_parser(Format::NAMES),
                    "width" => a.value_parser(value_parser!(u16).range(1..)),
                    "color" => a.value_parser(COLOR_CHOICES),
                    "data" => a.value_parser(value_parser!(PathBuf)),
                    _ => a,
                }
            }
        }
    })
}

fn help_template(examples: bool) -> String {
    let mut t = String::from("{before-help}{name} {version}\n{about-with-newline}\n");
    if examples {
        t.push_str("例子 (examples):\n");
        for (c, what) in crate::views::EXAMPLES {
            t.push_str(&format!("  {c}\n      {what}\n"));
        }
        t.push('\n');
    }
    t.push_str("{usage-heading} {usage}\n\n{all-args}{after-help}");
    t
}

/// Builds the command tree, filling in the selected part.
fn command(kb: &Kb, sel: &Selection) -> Command {
    let mut root = Command::new("yibao")
        .version(VERSION)
        .about("医保卡办事指南：申领、激活、补办、家庭共济、异地就医备案 (offline guide to China's medical-insurance card procedures)")
        .help_template(help_template(true))
        .after_help("退出码 (exit codes): 0 成功，2 用法错误，3 找不到，4 数据无效，1 其他。")
        .subcommand_help_heading("命令 (commands)")
        .subcommand_value_name("COMMAND")
        .args(options());
    for t in kb.topics() {
        let action = match sel {
            Selection::All => Some(None),
            Selection::Topic(id, word) if id == t.id => Some(word.as_deref()),
            _ => None,
        };
        let mut tc = Command::new(t.id.to_string())
            .about(format!("{}：{}", t.name, t.summary))
            .visible_aliases(t.aliases.iter().map(|a| a.to_string()).collect::<Vec<_>>());
        if let Some(action) = action {
            tc = topic_command(kb, tc, t.id, action);
        }
        root = root.subcommand(tc);
    }
    for (name, aliases, about) in GENERAL {
        let full = matches!(sel, Selection::All) || *sel == Selection::General(name);
        let mut c = Command::new(name)
            .about(about)
            .visible_aliases(aliases.to_vec());
        if full {
            c = general_command(c, name);
        }
        root = root.subcommand(c);
    }
    root
}

/// A topic with its actions. Only the action `word` names gets its options
/// (all do when `word` is `None` and the whole tree is wanted).
fn topic_command(kb: &Kb, tc: Command, topic: &str, word: Option<&str>) -> Command {
    let mut tc = tc
        .args(options())
        .subcommand_value_name("ACTION")
        .subcommand_help_heading("事项 (actions)");
    for p in kb.procedures().iter().filter(|p| p.topic == topic) {
        let mut aliases: Vec<String> = vec![p.action_name.to_string()];
        aliases.extend(p.cli_aliases.iter().map(|a| a.to_string()));
        aliases.retain(|a| !a.is_empty() && a != p.action);
        aliases.dedup();
        let full = word.is_none_or(|w| w == p.action || aliases.iter().any(|a| a == w));
        let mut ac = Command::new(p.action.to_string())
            .about(format!("{}：{}", p.action_name, p.title))
            .visible_aliases(aliases);
        if full {
            ac = ac.args(options());
        }
        tc = tc.subcommand(ac);
    }
    let mut checklist = Command::new("checklist")
        .visible_alias("清单")
        .about("办理清单：条件、材料、出发前准备 (checklist)");
    if word.is_none_or(|w| w == "checklist" || w == "清单") {
        checklist = checklist
            .arg(
                Arg::new("action")
                    .value_name("ACTION")
                    .help("哪个事项的清单；默认为本主题的主要事项"),
            )
            .arg(
                Arg::new("have")
                    .long("have")
                    .value_name("ITEMS")
                    .help("已备好的项目（名称或 id，逗号分隔），如 --have 身份证,照片"),
            )
            .args(options());
    }
    tc.subcommand(checklist)
}

fn general_command(c: Command, name: &str) -> Command {
    let c = c.args(options());
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
                )
                .args(options()),
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

/// The whole tree (completions, man page).
pub fn full_command(kb: &Kb) -> Command {
    command(kb, &Selection::All)
}

// ---------------------------------------------------------------------------
// clap's own outcomes: help, version, and usage errors

fn clap_outcome(e: clap::Error, kb: &Kb, pre: &Prescan) -> Result<(), Error> {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = e.render().to_string();
            write_stdout(&text)
        }
        ErrorKind::InvalidSubcommand => {
            let given = match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            Err(unknown_command(kb, &pre.words, &given))
        }
        ErrorKind::InvalidUtf8 => Err(Error::Usage(
            "参数不是有效的 UTF-8 文本 (invalid UTF-8 in arguments)。".into(),
        )),
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string();
            let mut msg = format!("用法错误 (usage): {}", first.trim_end_matches(':'));
            if let Some(ContextValue::Strings(missing)) = e.get(ContextKind::InvalidArg)
                && e.kind() == ErrorKind::MissingRequiredArgument
            {
                msg.push_str(&format!(" {}", missing.join(" ")));
            }
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue)
                && !valid.is_empty()
            {
                msg.push_str(&format!("；可选值 (possible values): {}", valid.join(", ")));
            }
            for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
                match e.get(kind) {
                    Some(ContextValue::String(s)) => msg.push_str(&format!("；你是不是要找：{s}")),
                    Some(ContextValue::Strings(v)) if !v.is_empty() => {
                        msg.push_str(&format!("；你是不是要找：{}", v.join("、")))
                    }
                    _ => {}
                }
            }
            msg.push_str("。运行 yibao --help 查看用法。");
            Err(Error::Usage(msg))
        }
    }
}

/// An unknown topic, action or command, with the closest names.
pub(crate) fn unknown_command(kb: &Kb, words: &[String], given: &str) -> Error {
    let topic = words
        .first()
        .and_then(|w| kb.topics().into_iter().find(|t| names_topic(t, w)));
    match topic {
        Some(t) if words.get(1).is_some_and(|w| w == given) => {
            let candidates: Vec<Candidate> = kb
                .procedures()
                .iter()
                .filter(|p| p.topic == t.id)
                .map(|p| action_candidate(p.action, p.action_name, p.cli_aliases))
                .chain(std::iter::once(Candidate {
                    display: "checklist（清单）".into(),
                    keys: vec!["checklist".into(), "清单".into()],
                }))
                .collect();
            Error::NotFound {
                what: "action",
                given: given.to_string(),
                suggestions: search::suggest(given, &candidates),
                hint: format!("运行 yibao {} 查看这个主题的全部事项。", t.id),
            }
        }
        _ => {
            let mut candidates: Vec<Candidate> = kb
                .topics()
                .iter()
                .map(|t| Candidate {
                    display: format!("{}（{}）", t.id, t.name),
                    keys: std::iter::once(t.id.to_string())
                        .chain(std::iter::once(t.name.to_string()))
                        .chain(t.aliases.iter().map(|a| a.to_string()))
                        .collect(),
                })
                .collect();
            candidates.extend(GENERAL.iter().map(|(n, aliases, _)| {
                Candidate {
                    display: n.to_string(),
                    keys: std::iter::once(n.to_string())
                        .chain(aliases.iter().map(|a| a.to_string()))
                        .collect(),
                }
            }));
            Error::NotFound {
                what: "topic",
                given: given.to_string(),
                suggestions: search::suggest(given, &candidates),
                hint: "运行 yibao 查看全部主题，或用 yibao search 搜索。".into(),
            }
        }
    }
}

pub(crate) fn action_candidate(
    action: &str,
    name: &str,
    aliases: crate::kb::Words<'_>,
) -> Candidate {
    Candidate {
        display: format!("{action}（{name}）"),
        keys: std::iter::once(action.to_string())
            .chain(std::iter::once(name.to_string()))
            .chain(aliases.iter().map(|a| a.to_string()))
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// Options as given

/// The options in effect for a command path.
pub(crate) struct Options {
    pub(crate) region: Option<String>,
    pub(crate) format: Format,
    pub(crate) width: Option<usize>,
    pub(crate) color: Option<String>,
}

impl Options {
    /// Reads the options from the matched path, innermost first: a value
    /// typed on the command line beats an environment variable.
    pub(crate) fn of(path: &[&ArgMatches]) -> Options {
        let get = |id: &str| -> Option<String> {
            let typed = path
                .iter()
                .find(|m| m.value_source(id) == Some(ValueSource::CommandLine));
            let m = typed.or_else(|| path.iter().find(|m| m.value_source(id).is_some()))?;
            if let Ok(Some(v)) = m.try_get_one::<String>(id) {
                return Some(v.clone());
            }
            if let Ok(Some(v)) = m.try_get_one::<u16>(id) {
                return Some(v.to_string());
            }
            None
        };
        let json = path
            .iter()
            .any(|m| m.try_get_one::<bool>("json").ok().flatten() == Some(&true));
        let format = if json {
            Format::Json
        } else {
            get("format")
                .and_then(|f| Format::parse(&f))
                .unwrap_or(Format::Table)
        };
        Options {
            region: get("region"),
            format,
            width: get("width").and_then(|w| w.parse().ok()),
            color: get("color"),
        }
    }

    pub(crate) fn layout(&self) -> Layout {
        let tty = std::io::stdout().is_terminal();
        let width = self.width.unwrap_or_else(|| {
            if tty {
                terminal_size::terminal_size_of(std::io::stdout())
                    .map_or(80, |(w, _)| usize::from(w.0))
            } else {
                80
            }
        });
        Layout {
            width,
            color: !self.format.is_data() && color_enabled(self.color.as_deref(), tty),
        }
    }
}

/// Reads a plain lookup — `<topic> <action>` or `<topic> checklist
/// [<action>]` followed only by well-formed options from [`OPTIONS`] (and
/// `--have` for checklists) — without building the clap tree, which is the
/// largest part of a lookup's cost. Anything else, or anything doubtful (an
/// unknown word, a bad or repeated value, help, an overlay), returns `None`
/// and goes through clap, which then gives the help or the error.
fn quick_lookup(args: &[OsString], kb: &Kb) -> Option<Lookup> {
    let args: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str())
        .collect::<Option<_>>()?;
    let (first, second) = (*args.first()?, *args.get(1)?);
    let topic = kb.topics().into_iter().find(|t| names_topic(t, first))?;
    if second.starts_with('-') {
        return None;
    }
    let checklist = second == "checklist" || second == "清单";
    let mut i = 2;
    let mut checklist_action = None;
    if checklist {
        if let Some(a) = args.get(2).filter(|a| !a.starts_with('-')) {
            checklist_action = Some(a.to_string());
            i = 3;
        }
    } else {
        procedure_for_action(kb, topic.id, second).ok()?;
    }
    let mut values: Vec<(&str, &str)> = Vec::new();
    while i < args.len() {
        let a = args[i];
        i += 1;
        let (spec_id, inline): (&str, Option<&str>) = if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let id = if name == "have" && checklist {
                "have"
            } else {
                OPTIONS.iter().find(|o| o.long == name)?.id
            };
            (id, inline)
        } else if let Some(short) = a.strip_prefix('-') {
            let c = short.chars().next()?;
            let o = OPTIONS.iter().find(|o| o.short == Some(c))?;
            let rest = &short[c.len_utf8()..];
            if rest.starts_with('=') {
                return None;
            }
            (o.id, (!rest.is_empty()).then_some(rest))
        } else {
            return None;
        };
        if spec_id == "data" || values.iter().any(|(id, _)| *id == spec_id) {
            return None;
        }
        let takes_value =
            spec_id == "have" || OPTIONS.iter().any(|o| o.id == spec_id && o.value.is_some());
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => {
                    // clap reads `--region -x` as a missing value; so do we.
                    let v = *args.get(i).filter(|v| !v.starts_with('-'))?;
                    i += 1;
                    v
                }
            }
        } else if inline.is_some() {
            return None;
        } else {
            "true"
        };
        let valid = match spec_id {
            "format" => Format::parse(value).is_some() && Format::NAMES.contains(&value),
            "width" => parse_width(value).is_some(),
            "color" => COLOR_CHOICES.contains(&value),
            _ => true,
        };
        if !valid {
            return None;
        }
        values.push((spec_id, value));
    }
    let get = |id: &str| {
        values
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.to_string())
    };
    let region =
        get("region").or_else(|| std::env::var("YIBAO_REGION").ok().filter(|v| !v.is_empty()));
    let format = if get("json").is_some() {
        Format::Json
    } else {
        get("format")
            .and_then(|f| Format::parse(&f))
            .unwrap_or(Format::Table)
    };
    let opts = Options {
        region,
        format,
        width: get("width").and_then(|w| parse_width(&w)).map(usize::from),
        color: get("color"),
    };
    let what = if checklist {
        Wanted::Checklist {
            action: checklist_action,
            have: get("have"),
        }
    } else {
        Wanted::Procedure(second.to_string())
    };
    Some(Lookup {
        topic: topic.id.to_string(),
        what,
        opts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::validate::{RESERVED_ACTION_WORDS, RESERVED_TOPIC_WORDS};

    #[test]
    fn the_linter_reserves_every_general_command_word() {
        for (name, aliases, _) in GENERAL {
            for w in std::iter::once(name).chain(aliases.iter().copied()) {
                assert!(RESERVED_TOPIC_WORDS.contains(&w), "{w} is not reserved");
            }
        }
        assert!(
            RESERVED_ACTION_WORDS.contains(&"checklist") && RESERVED_ACTION_WORDS.contains(&"清单")
        );
    }

    #[test]
    fn prescan_finds_words_data_and_json_mode() {
        let args: Vec<OsString> = [
            "yibao",
            "--region=heihe",
            "-f",
            "json",
            "family",
            "--data",
            "/x",
            "bind",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let p = Prescan::of(&args);
        assert_eq!(p.words, ["family", "bind"]);
        assert!(p.json);
        assert_eq!(p.data.as_deref(), Some(std::path::Path::new("/x")));
    }
}
