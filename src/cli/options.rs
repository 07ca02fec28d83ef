//! The options, defined once: every command accepts the global ones, the
//! checklist also `--have`. Both passes over the arguments (see the module
//! above) build their clap arguments from this table, and the options in
//! effect are read back from clap's matches here, with one rule for the
//! environment: an empty or blank variable counts as not set.

use crate::commands::Options;
use crate::error::Error;
use crate::kb::i18n::{Lang, Msg};
use crate::kb::model::Insured;
use crate::render::Format;
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use std::ffi::OsString;
use std::path::PathBuf;

/// One option.
struct OptionSpec {
    id: &'static str,
    long: &'static str,
    short: Option<char>,
    /// Name of its value; `None` for a flag.
    value: Option<&'static str>,
    env: Option<&'static str>,
    /// What it does, in Chinese and in English (naming `env`, if any).
    help: [&'static str; 2],
}

/// The options every command accepts.
const GLOBAL: [OptionSpec; 8] = [
    OptionSpec {
        id: "region",
        long: "region",
        short: Some('r'),
        value: Some("REGION"),
        env: Some("YIBAO_REGION"),
        help: [
            "地区：id、中文名或行政区划代码，如 heilongjiang、黑河市、230000；不给时为全国通用规则；环境变量 YIBAO_REGION",
            "Region: id, Chinese name or division code, e.g. heilongjiang, 黑河市, 230000; national rules when not given; environment variable YIBAO_REGION",
        ],
    },
    OptionSpec {
        id: "format",
        long: "format",
        short: Some('f'),
        value: Some("FORMAT"),
        env: None,
        help: [
            "输出格式：table（默认）、plain、json、yaml、markdown 或 html（可打印的网页）",
            "Output format: table (the default), plain, json, yaml, markdown or html (a printable page)",
        ],
    },
    OptionSpec {
        id: "json",
        long: "json",
        short: None,
        value: None,
        env: None,
        help: [
            "JSON 输出，等于 --format json",
            "JSON output, the same as --format json",
        ],
    },
    OptionSpec {
        id: "width",
        long: "width",
        short: Some('w'),
        value: Some("N"),
        env: None,
        help: [
            "宽度（列数）：表格和帮助按它折行；默认为终端宽度，输出到管道时为 80",
            "Width in columns of tables and help; the terminal's width by default, 80 when piped",
        ],
    },
    OptionSpec {
        id: "color",
        long: "color",
        short: None,
        value: Some("WHEN"),
        env: None,
        help: [
            "颜色：auto（默认，只在终端上着色，遵守 NO_COLOR 和 TERM=dumb）、always 或 never",
            "Colour: auto (the default: only on a terminal, honouring NO_COLOR and TERM=dumb), always or never",
        ],
    },
    OptionSpec {
        id: "lang",
        long: "lang",
        short: None,
        value: Some("LANG"),
        env: Some("YIBAO_LANG"),
        help: [
            "语言：zh 中文（默认）或 en 英文；不看系统的 LANG；环境变量 YIBAO_LANG",
            "Language: zh Chinese (the default) or en English; the system's LANG is not read; environment variable YIBAO_LANG",
        ],
    },
    OptionSpec {
        id: "as",
        long: "as",
        short: None,
        value: Some("WHO"),
        env: Some("YIBAO_AS"),
        help: [
            "你是谁：职工、居民、退休、灵活就业、未成年人（或 employee、resident、retiree、flexible、minor）；只列出与你有关的材料和步骤；环境变量 YIBAO_AS",
            "Who you are: employee, resident, retiree, flexible, minor (or 职工, 居民, 退休, 灵活就业, 未成年人); only the materials and steps that concern you; environment variable YIBAO_AS",
        ],
    },
    OptionSpec {
        id: "data",
        long: "data",
        short: None,
        value: Some("DIR"),
        env: Some("YIBAO_DATA"),
        help: [
            "叠加自己的 YAML 资料目录（只读，不修改）；环境变量 YIBAO_DATA",
            "A directory of your own YAML laid over the built-in base (read only); environment variable YIBAO_DATA",
        ],
    },
];

/// The checklist's own option.
const HAVE: OptionSpec = OptionSpec {
    id: "have",
    long: "have",
    short: None,
    value: Some("ITEMS"),
    env: None,
    help: [
        "已备好的项目（名称或 id，逗号分隔），如 --have 身份证,照片",
        "What you already have (names or ids, comma-separated), e.g. --have 身份证,照片",
    ],
};

/// The options of `yibao plan`.
const PLAN: [OptionSpec; 3] = [
    OptionSpec {
        id: "from",
        long: "from",
        short: None,
        value: Some("REGION"),
        env: None,
        help: [
            "参保地（在哪里交医保）：id、中文名或代码，如 heihe、黑河；默认同 --region",
            "Where you are insured: an id, a Chinese or English name or a code, e.g. heihe, 黑河; --region by default",
        ],
    },
    OptionSpec {
        id: "to",
        long: "to",
        short: None,
        value: Some("REGION"),
        env: None,
        help: [
            "就医地（要去看病或居住的地方），如 hainan、三亚",
            "Where you will be treated or stay, e.g. hainan, 三亚",
        ],
    },
    OptionSpec {
        id: "on-behalf",
        long: "on-behalf",
        short: None,
        value: None,
        env: None,
        help: [
            "替别人办（代办）：每一步加上代办要带什么、哪些必须本人做、不用智能手机的办法",
            "Doing it for someone else: each step adds what the agent brings, what the person must do in person, and the way without a smartphone",
        ],
    },
];

/// Values `--color` takes.
const COLOR_CHOICES: [&str; 3] = ["auto", "always", "never"];

/// The clap argument of an option, without checks on its value.
fn lenient(o: &OptionSpec) -> Arg {
    let mut a = Arg::new(o.id).long(o.long);
    if let Some(c) = o.short {
        a = a.short(c);
    }
    if let Some(env) = o.env {
        a = a.env(env);
    }
    match o.value {
        None => a.action(ArgAction::SetTrue),
        Some(name) => a
            .value_name(name)
            .action(ArgAction::Set)
            .value_parser(value_parser!(OsString)),
    }
}

/// The heading of the options in `--help`.
pub(super) fn options_heading(lang: Lang) -> &'static str {
    lang.pick("选项", "Options")
}

/// The clap argument of an option as the command tree has it: values
/// checked, and text where text is meant (only a path may be any bytes).
/// Empty values pass: whether empty means "not set" depends on where the
/// value came from ([`options_of`]).
///
/// Its help says in `lang` what clap would add in English (values,
/// default, environment variable), so clap's own notes are hidden.
fn strict(o: &OptionSpec, lang: Lang) -> Arg {
    let help = lang.pick(o.help[0], o.help[1]);
    let mut a = lenient(o).help(help).help_heading(options_heading(lang));
    if o.env.is_some() {
        a = a.hide_env(true);
    }
    if o.value.is_some() {
        a = a.hide_possible_values(true).hide_default_value(true);
    }
    match o.id {
        "format" => a.value_parser(Format::NAMES),
        "width" => a.value_parser(value_parser!(u16).range(1..)),
        "color" => a.value_parser(COLOR_CHOICES),
        "lang" => a.value_parser(Lang::NAMES),
        "as" => a.value_parser(
            Insured::AS
                .iter()
                .flat_map(|(_, id, zh)| [*id, *zh])
                .collect::<Vec<_>>(),
        ),
        "data" => a.value_hint(clap::ValueHint::DirPath),
        "json" | "on-behalf" => a,
        _ => a.value_parser(value_parser!(String)),
    }
}

/// The options every command accepts, with `-h`/`--help`, in `lang`.
///
/// Each command of the tree declares them itself rather than as clap
/// globals: clap copies a global option into every command of the tree when
/// the root is built (some 200 copies, a third of a lookup's cost), while a
/// command's own options are made only when clap reaches that command (see
/// `tree::reached`). [`options_of`] reads them along the matched path.
pub(super) fn every_command_args(lang: Lang) -> impl Iterator<Item = Arg> {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(lang.pick("显示帮助", "Print help"))
        .help_heading(options_heading(lang));
    GLOBAL.iter().map(move |o| strict(o, lang)).chain([help])
}

/// `-V`/`--version`, for the root.
pub(super) fn version_arg(lang: Lang) -> Arg {
    Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(lang.pick(
            "显示版本和知识库核实日期",
            "Print the version and the date the knowledge base was checked",
        ))
        .help_heading(options_heading(lang))
}

/// `--have`, for checklists.
pub(super) fn have_arg(lang: Lang) -> Arg {
    strict(&HAVE, lang)
}

/// `--from`, `--to` and `--on-behalf`, for plans.
pub(super) fn plan_args(lang: Lang) -> impl Iterator<Item = Arg> {
    PLAN.iter().map(move |o| strict(o, lang))
}

/// `--from`, `--to` and `--on-behalf` of a plan.
pub(super) fn plan_options_of(m: &ArgMatches) -> (Option<String>, Option<String>, bool) {
    (given(m, "from"), given(m, "to"), flag(m, "on-behalf"))
}

/// The value of option `id` as given: typed on the command line, or from
/// the environment unless empty or blank there.
fn given<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Option<T> {
    let v = m.try_get_one::<T>(id).ok().flatten()?.clone();
    match m.value_source(id)? {
        ValueSource::EnvVariable => {
            let raw = m.try_get_raw(id).ok().flatten()?.next()?;
            (!raw.to_string_lossy().trim().is_empty()).then_some(v)
        }
        _ => Some(v),
    }
}

/// Whether a flag is on. (The first pass may stop before clap fills in a
/// flag's default.)
fn flag(m: &ArgMatches, id: &str) -> bool {
    m.try_get_one::<bool>(id).ok().flatten() == Some(&true)
}

/// The overlay directory: `--data DIR`, else `YIBAO_DATA` when not empty;
/// `--data ""` is a usage error.
fn data_dir(m: &ArgMatches) -> Result<Option<PathBuf>, Error> {
    match given::<OsString>(m, "data") {
        Some(d) if d.is_empty() => Err(Error::Usage(Msg::new(
            "--data 不能为空 (empty directory)；不叠加资料时不要给出 --data。",
            "--data is empty; leave it out to use the built-in base alone.",
        ))),
        d => Ok(d.map(PathBuf::from)),
    }
}

/// The matches of each command on the matched path, innermost first.
fn path(m: &ArgMatches) -> Vec<&ArgMatches> {
    let mut out = vec![m];
    let mut m = m;
    while let Some((_, sub)) = m.subcommand() {
        out.push(sub);
        m = sub;
    }
    out.reverse();
    out
}

/// An option as the matched path gives it: typed on the command line at any
/// level (the innermost wins), else from the environment.
fn given_on<T: Clone + Send + Sync + 'static>(path: &[&ArgMatches], id: &str) -> Option<T> {
    let typed = path
        .iter()
        .find(|m| m.value_source(id) == Some(ValueSource::CommandLine));
    typed
        .or_else(|| path.iter().find(|m| m.value_source(id).is_some()))
        .and_then(|m| given(m, id))
}

/// The options in effect, from the matches of the full parse.
pub(super) fn options_of(m: &ArgMatches) -> Options {
    let p = path(m);
    let format = if p.iter().any(|m| flag(m, "json")) {
        Format::Json
    } else {
        given_on::<String>(&p, "format")
            .and_then(|f| Format::parse(&f))
            .unwrap_or(Format::Table)
    };
    Options {
        region: given_on::<String>(&p, "region"),
        format,
        width: given_on::<u16>(&p, "width").map(usize::from),
        color: given_on::<String>(&p, "color"),
        lang: given_on::<String>(&p, "lang")
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        who: given_on::<String>(&p, "as").and_then(|w| Insured::parse_as(&w)),
    }
}

/// `--have` of a checklist.
pub(super) fn have_of(m: &ArgMatches) -> Option<String> {
    given::<String>(m, "have")
}

/// What the first pass over the arguments finds.
#[derive(Debug, Default)]
pub(super) struct FirstPass {
    /// The overlay directory, if any.
    pub data: Option<PathBuf>,
    /// `--data ""`: reported once errors are known to be JSON or not.
    pub data_error: Option<Error>,
    /// Whether errors are JSON (`--json`, `--format json`).
    pub json: bool,
    /// `--color`, for messages on stderr.
    pub color: Option<String>,
    /// `--lang`, for messages on stderr (an unknown value counts as zh).
    pub lang: Lang,
    /// `--width`, for help (an invalid value counts as none).
    pub width: Option<usize>,
    /// The arguments that are not options (command words and their values).
    pub words: Vec<OsString>,
}

/// Reads the options from `args` before the command tree exists: every
/// option any command has, values unchecked, a repeated option's last value,
/// other words collected, and clap's `ignore_errors` so that it gives what
/// it can whatever the arguments are (the full parse reports what is wrong
/// with them). An option no command has stops it there: what comes after is
/// not read, so an error about that option is told in text even if
/// `--json` follows it.
pub(super) fn first_pass(args: &[OsString]) -> FirstPass {
    let cmd = Command::new("yibao")
        .ignore_errors(true)
        .args_override_self(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .args(GLOBAL.iter().chain([&HAVE]).chain(&PLAN).map(lenient))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::SetTrue),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::SetTrue),
        )
        .arg(
            Arg::new("words")
                .num_args(0..)
                .action(ArgAction::Append)
                .value_parser(value_parser!(OsString)),
        );
    let Ok(m) = cmd.try_get_matches_from(args) else {
        return FirstPass::default();
    };
    let text = |id: &str| given::<OsString>(&m, id).map(|v| v.to_string_lossy().into_owned());
    let (data, data_error) = match data_dir(&m) {
        Ok(d) => (d, None),
        Err(e) => (None, Some(e)),
    };
    FirstPass {
        data,
        data_error,
        json: flag(&m, "json") || text("format").is_some_and(|f| f == "json"),
        color: text("color"),
        lang: text("lang")
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        width: text("width")
            .and_then(|w| w.trim().parse::<u16>().ok())
            .filter(|w| *w > 0)
            .map(usize::from),
        words: m
            .try_get_many::<OsString>("words")
            .ok()
            .flatten()
            .map(|w| w.cloned().collect())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("yibao")
            .chain(a.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_first_pass_finds_data_json_and_words_wherever_they_are() {
        let p = first_pass(&args(&[
            "family",
            "--have",
            "身份证",
            "--data",
            "/x",
            "-f",
            "json",
            "checklist",
            "--width",
            "0",
            "--color=never",
        ]));
        assert_eq!(p.words, ["family", "checklist"]);
        assert_eq!(p.data.as_deref(), Some(std::path::Path::new("/x")));
        assert!(p.json && p.data_error.is_none());
        assert_eq!(p.color.as_deref(), Some("never"));
        let p = first_pass(&args(&["--help", "card", "--bogus", "--data=/y"]));
        // An unknown option stops it; the full parse reports the option.
        assert_eq!(p.words, ["card"]);
        assert_eq!(p.data, None);
    }

    #[test]
    fn every_option_read_from_the_environment_says_so_in_both_languages() {
        for o in GLOBAL.iter().filter(|o| o.env.is_some()) {
            let env = o.env.unwrap_or_default();
            assert!(o.help[0].ends_with(&format!("环境变量 {env}")), "{}", o.id);
            assert!(
                o.help[1].ends_with(&format!("environment variable {env}")),
                "{}",
                o.id
            );
        }
    }

    #[test]
    fn an_empty_data_option_is_a_usage_error_in_the_first_pass() {
        let p = first_pass(&args(&["card", "apply", "--data="]));
        assert!(matches!(p.data_error, Some(Error::Usage(_))), "{p:?}");
    }
}
