//! The options, defined once: every command accepts the global ones, the
//! checklist also `--have`. Both passes over the arguments (see the module
//! above) build their clap arguments from this table, and the options in
//! effect are read back from clap's matches here, with one rule for the
//! environment: an empty or blank variable counts as not set.

use crate::commands::Options;
use crate::error::Error;
use crate::kb::i18n::Lang;
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
    help: &'static str,
}

/// The options every command accepts.
const GLOBAL: [OptionSpec; 8] = [
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
        id: "lang",
        long: "lang",
        short: None,
        value: Some("LANG"),
        env: Some("YIBAO_LANG"),
        help: "语言：zh 中文（默认）或 en 英文；不看系统的 LANG (language: zh or en)",
    },
    OptionSpec {
        id: "as",
        long: "as",
        short: None,
        value: Some("WHO"),
        env: Some("YIBAO_AS"),
        help: "你是谁：职工、居民、退休、灵活就业、未成年人（或 employee、resident、retiree、flexible、minor）；只列出与你有关的材料和步骤 (who you are)",
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

/// The checklist's own option.
const HAVE: OptionSpec = OptionSpec {
    id: "have",
    long: "have",
    short: None,
    value: Some("ITEMS"),
    env: None,
    help: "已备好的项目（名称或 id，逗号分隔），如 --have 身份证,照片",
};

/// The options of `yibao plan`.
const PLAN: [OptionSpec; 3] = [
    OptionSpec {
        id: "from",
        long: "from",
        short: None,
        value: Some("REGION"),
        env: None,
        help: "参保地（在哪里交医保）：id、中文名或代码，如 heihe、黑河；默认同 --region (place of insurance)",
    },
    OptionSpec {
        id: "to",
        long: "to",
        short: None,
        value: Some("REGION"),
        env: None,
        help: "就医地（要去看病或居住的地方），如 hainan、三亚 (place of treatment)",
    },
    OptionSpec {
        id: "on-behalf",
        long: "on-behalf",
        short: None,
        value: None,
        env: None,
        help: "替别人办（代办）：每一步加上代办要带什么、哪些必须本人做、不用智能手机的办法 (acting for someone)",
    },
];

/// Values `--color` takes.
const COLOR_CHOICES: [&str; 3] = ["auto", "always", "never"];

/// The clap argument of an option, without checks on its value.
fn lenient(o: &OptionSpec) -> Arg {
    let mut a = Arg::new(o.id).long(o.long).help(o.help);
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

/// The clap argument of an option as the command tree has it: values
/// checked, and text where text is meant (only a path may be any bytes).
/// Empty values pass: whether empty means "not set" depends on where the
/// value came from ([`options_of`]).
fn strict(o: &OptionSpec) -> Arg {
    let a = lenient(o);
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
        "data" | "json" | "on-behalf" => a,
        _ => a.value_parser(value_parser!(String)),
    }
}

/// The global options, for the root of the command tree (clap gives them
/// to every command).
pub(super) fn global_args() -> impl Iterator<Item = Arg> {
    GLOBAL.iter().map(|o| strict(o).global(true))
}

/// `--have`, for checklists.
pub(super) fn have_arg() -> Arg {
    strict(&HAVE)
}

/// `--from`, `--to` and `--on-behalf`, for plans.
pub(super) fn plan_args() -> impl Iterator<Item = Arg> {
    PLAN.iter().map(strict)
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
        Some(d) if d.is_empty() => Err(Error::Usage(
            "--data 不能为空 (empty directory)；不叠加资料时不要给出 --data。".into(),
        )),
        d => Ok(d.map(PathBuf::from)),
    }
}

/// The innermost command's matches: clap gives global options to every
/// level, so these hold the options in effect.
fn leaf(m: &ArgMatches) -> &ArgMatches {
    let mut m = m;
    while let Some((_, sub)) = m.subcommand() {
        m = sub;
    }
    m
}

/// The options in effect, from the matches of the full parse.
pub(super) fn options_of(m: &ArgMatches) -> Options {
    let m = leaf(m);
    let format = if flag(m, "json") {
        Format::Json
    } else {
        given::<String>(m, "format")
            .and_then(|f| Format::parse(&f))
            .unwrap_or(Format::Table)
    };
    Options {
        region: given::<String>(m, "region"),
        format,
        width: given::<u16>(m, "width").map(usize::from),
        color: given::<String>(m, "color"),
        lang: given::<String>(m, "lang")
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        who: given::<String>(m, "as").and_then(|w| Insured::parse_as(&w)),
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
    fn an_empty_data_option_is_a_usage_error_in_the_first_pass() {
        let p = first_pass(&args(&["card", "apply", "--data="]));
        assert!(matches!(p.data_error, Some(Error::Usage(_))), "{p:?}");
    }
}
