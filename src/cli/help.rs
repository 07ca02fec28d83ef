//! clap's own outcomes — help, version, usage errors — in the run's
//! language and at the terminal's width.
//!
//! clap wraps help only at spaces, and Chinese has none: it renders help
//! unwrapped (the tree sets no width) and [`fit`] wraps each line with the
//! CJK-aware breaker of [`crate::render::text`], continuing a described
//! entry under its description. Usage errors are told by their kind and
//! context, not by clap's English sentence.

use crate::commands::{names_topic, unknown_action, unknown_topic};
use crate::error::{Error, Exit};
use crate::kb::Kb;
use crate::kb::i18n::{Lang, Msg};
use crate::render::text::{width, wrap_to};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;
use std::io::Write;

/// What an exit code means, in `lang`.
pub(super) fn exit_meaning(e: Exit, lang: Lang) -> String {
    match lang {
        Lang::En => e.meaning().to_string(),
        Lang::Zh => match e {
            Exit::Ok => "成功",
            Exit::Other => "其他错误（如无法写出结果）",
            Exit::Usage => "用法错误：未知选项、错误的值、缺少参数",
            Exit::NotFound => "找不到：未知的地区、主题、事项或办事指南 id",
            Exit::InvalidData => "数据无效：覆盖数据或被检查的目录有错误",
            Exit::Interrupted => "中断：引导提问时按了 Ctrl-C 或 Esc",
        }
        .to_string(),
    }
}

/// The exit codes in one sentence, for the end of `--help`.
pub(super) fn exit_codes(lang: Lang) -> String {
    let codes: Vec<String> = Exit::ALL
        .iter()
        .map(|e| format!("{} {}", e.code(), exit_meaning(*e, lang)))
        .collect();
    match lang {
        Lang::Zh => format!("退出码：{}。", codes.join("；")),
        Lang::En => format!("Exit codes: {}.", codes.join("; ")),
    }
}

/// Narrowest description column worth keeping beside its entry; below it
/// the description goes under the entry.
const MIN_DESCRIPTION: usize = 16;

/// Wraps clap's unwrapped help to `cols` columns. A line `  spec  text`
/// (an option, a command) continues under `text`; any other line under its
/// own indentation. No line comes out wider than `cols` unless a single
/// character is.
pub(super) fn fit(help: &str, cols: usize) -> String {
    let cols = cols.max(2);
    let mut out = String::with_capacity(help.len() + help.len() / 8);
    for line in help.lines() {
        let line = line.trim_end();
        // clap ends a heading with `:`; Chinese takes `：`.
        if let Some(h) = line.strip_suffix(':')
            && super::tree::HEADINGS.contains(&h)
        {
            out.push_str(h);
            out.push_str("：\n");
            continue;
        }
        if width(line) <= cols {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start_matches(' ').len();
        match description_at(line, lead) {
            Some(at) if width(&line[..at]) + MIN_DESCRIPTION <= cols => {
                let hang = " ".repeat(width(&line[..at]));
                wrap_to(&mut out, &line[..at], &line[at..], cols, &hang);
            }
            Some(at) => {
                // Too narrow to keep them side by side: the entry, then its
                // description under it.
                let spec = line[lead..at].trim_end();
                let under = " ".repeat((lead + 4).min(cols / 2));
                wrap_to(&mut out, &line[..lead], spec, cols, &" ".repeat(lead + 2));
                wrap_to(&mut out, &under, &line[at..], cols, &under);
            }
            None => {
                let indent = &line[..lead];
                wrap_to(&mut out, indent, &line[lead..], cols, indent);
            }
        }
    }
    out
}

/// Where the description of an entry line (`  -r, --region <REGION>  地区…`)
/// starts: after the first gap of two or more spaces that follows the entry.
fn description_at(line: &str, lead: usize) -> Option<usize> {
    let body = &line[lead..];
    let gap = body.find("  ")?;
    let rest = &body[gap..];
    let text = rest.len() - rest.trim_start_matches(' ').len();
    (gap > 0 && gap + text < body.len()).then_some(lead + gap + text)
}

/// Prints help or the version, or turns clap's error into ours.
pub(super) fn clap_outcome(
    e: clap::Error,
    kb: &Kb,
    words: &[OsString],
    cols: usize,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            out.write_all(fit(&e.render().to_string(), cols).as_bytes())?;
            Ok(())
        }
        ErrorKind::DisplayVersion => {
            out.write_all(e.render().to_string().as_bytes())?;
            Ok(())
        }
        // Command words must be text; only a path (`--data`) may be any bytes.
        ErrorKind::InvalidUtf8 => Err(invalid_utf8()),
        ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument
            if words.iter().any(|w| w.to_str().is_none()) =>
        {
            Err(invalid_utf8())
        }
        ErrorKind::InvalidSubcommand => {
            let given = match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            Err(unknown_command(kb, words, &given))
        }
        _ => Err(Error::Usage(Msg::each(|lang| usage_message(&e, lang)))),
    }
}

fn invalid_utf8() -> Error {
    Error::Usage(Msg::new(
        "参数不是有效的 UTF-8 文本 (invalid UTF-8 in arguments)。",
        "The arguments are not valid UTF-8 text.",
    ))
}

/// An unknown word where a command was expected: an action when it follows
/// a topic, else a topic or general command.
pub(super) fn unknown_command(kb: &Kb, words: &[OsString], given: &str) -> Error {
    let word = |i: usize| words.get(i).and_then(|w| w.to_str());
    let topic = word(0).and_then(|w| kb.topics().into_iter().find(|t| names_topic(t, w)));
    match topic {
        Some(t) if word(1) == Some(given) => unknown_action(kb, t.id, given),
        _ => unknown_topic(kb, given),
    }
}

/// A string of clap's error context.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.join(" ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One line for a usage error clap found, in `lang`: what is wrong, the
/// values allowed and clap's suggestion, then where to read more.
pub(super) fn usage_message(e: &clap::Error, lang: Lang) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            lang.pick(format!("{arg} 需要一个值"), format!("{arg} needs a value"))
        }
        ErrorKind::InvalidValue => lang.pick(
            format!("{arg} 不接受「{value}」"),
            format!("{arg} does not take '{value}'"),
        ),
        ErrorKind::ValueValidation => {
            // The value parser's own reason (e.g. a number out of range).
            let why = std::error::Error::source(e)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            lang.pick(
                format!("{arg} 不接受「{value}」{why}"),
                format!("{arg} does not take '{value}'{why}"),
            )
        }
        ErrorKind::UnknownArgument => lang.pick(
            format!("没有这个选项或参数「{arg}」"),
            format!("no such option or argument '{arg}'"),
        ),
        ErrorKind::MissingRequiredArgument => lang.pick(
            format!("缺少必需的参数 {arg}"),
            format!("missing required argument {arg}"),
        ),
        ErrorKind::MissingSubcommand => {
            let valid = context(e, ContextKind::ValidSubcommand).unwrap_or_default();
            // Every command has an ASCII name; English leaves out the
            // Chinese aliases.
            let ascii: Vec<&str> = valid.split(' ').filter(|w| w.is_ascii()).collect();
            lang.pick(
                format!("缺少子命令：{valid}"),
                format!("a subcommand is missing: {}", ascii.join(", ")),
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            lang.pick(
                format!("{arg} 不能与 {prior} 同时使用"),
                format!("{arg} cannot be used with {prior}"),
            )
        }
        ErrorKind::TooManyValues => lang.pick(
            format!("{arg} 的值太多：「{value}」"),
            format!("too many values for {arg}: '{value}'"),
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => lang.pick(
            format!("{arg} 的值个数不对"),
            format!("wrong number of values for {arg}"),
        ),
        ErrorKind::NoEquals => lang.pick(
            format!("{arg} 的值要用 = 连接"),
            format!("{arg} takes its value after ="),
        ),
        _ => {
            // A kind yibao's tree cannot produce: clap's own sentence.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_string()
        }
    };
    let mut msg = format!("{}{what}", lang.pick("用法错误 (usage)：", "Usage error: "));
    if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue)
        && !valid.is_empty()
    {
        msg.push_str(&lang.pick(
            format!("；可选值：{}", valid.join("、")),
            format!("; possible values: {}", valid.join(", ")),
        ));
    }
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
        if let Some(s) = context(e, kind) {
            msg.push_str(&lang.pick(
                format!("；你是不是要找：{s}"),
                format!("; did you mean {s}?"),
            ));
        }
    }
    // A question already ends its sentence.
    let end = if msg.ends_with('?') { " " } else { ". " };
    msg.push_str(&lang.pick(
        "。运行 yibao --help 查看用法。".to_string(),
        format!("{end}Run yibao --help for usage."),
    ));
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_continue_under_their_description() {
        let help = "  -r, --region <REGION>  地区：id、中文名或行政区划代码，如 heilongjiang、黑河市、230000；不给时为全国通用规则\n";
        let out = fit(help, 60);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        for l in &lines {
            assert!(width(l) <= 60, "{l}");
        }
        for l in &lines[1..] {
            assert!(
                l.starts_with(&" ".repeat(25)),
                "hangs under the text: {l:?}"
            );
        }
    }

    #[test]
    fn a_narrow_screen_puts_the_description_under_its_entry() {
        let out = fit(
            "  -r, --region <REGION>  地区：id、中文名或行政区划代码\n",
            30,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "  -r, --region <REGION>");
        assert!(lines[1].starts_with("      地区"), "{out}");
        assert!(lines.iter().all(|l| width(l) <= 30), "{out}");
    }

    #[test]
    fn lines_that_fit_are_left_alone() {
        let help = "用法： yibao [OPTIONS]\n\n  card  医保卡\n";
        assert_eq!(fit(help, 80), help);
    }
}
