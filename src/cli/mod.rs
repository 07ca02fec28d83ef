//! The command line: clap reads the arguments, [`crate::commands`]
//! answers.
//!
//! # One parser, two passes
//!
//! The command tree is built from the knowledge base (`tree.rs`), and the
//! base a run uses depends on `--data` (or `YIBAO_DATA`): an overlay may add
//! topics and actions, which must be commands before the arguments can be
//! matched against them. So clap reads the arguments twice, both times from
//! the one option table in `options.rs`:
//!
//! 1. A first pass over the options alone (`options::first_pass`): every
//!    option any command has, values unchecked, every other word collected,
//!    and clap's `ignore_errors`, so that it never fails. It gives the
//!    overlay directory, and how to report errors — JSON for `--json` or
//!    `--format json`, colour by `--color` — since an error may come before
//!    the full parse (a broken overlay) or be the full parse's own.
//! 2. The full parse, with the whole tree built from the base and its
//!    overlay. Every form of every command goes through it, whatever the
//!    order of its words and options; a command's options come from its
//!    matches alone.
//!
//! Environment fallbacks are clap's (`YIBAO_REGION`, `YIBAO_DATA`), read in
//! one place (`options.rs`) with one rule: a variable that is empty or blank
//! counts as not set (`YIBAO_REGION=` gives national rules), while an empty
//! value typed on the command line (`--region ""`, `--data ""`) is a usage
//! error, exit 2. `YIBAO_TODAY` follows the same rule: empty is not set, a
//! value that is not a `YYYY-MM-DD` date is a usage error.
//!
//! Answers go to a locked, buffered stdout; a reader that goes away
//! (`| head -1`) ends the run quietly with exit 0.

mod options;
mod tree;

use crate::commands::{
    self, Lookup, Request, Schema, Wanted, names_topic, unknown_action, unknown_topic,
};
use crate::error::{Error, Exit};
use crate::kb::date::{Date, TODAY_VAR};
use crate::kb::i18n::Lang;
use crate::kb::{Kb, words};
use crate::render::{self, Format, style::color_enabled};
use clap::ArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use options::FirstPass;
use std::ffi::OsString;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

/// Runs the command line and returns the exit code.
pub fn run() -> Exit {
    let args: Vec<OsString> = std::env::args_os().collect();
    let first = options::first_pass(&args);
    let mut report = Report {
        json: first.json,
        color: first.color.clone(),
        lang: first.lang,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let result = run_with(&args, first, &mut report, &mut out).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) | Err(Error::PipeClosed) => Exit::Ok,
        Err(e) => {
            // Whatever was written before the failure goes out first.
            let _ = out.flush();
            report.print(&e);
            e.exit()
        }
    }
}

/// How errors are told: as the first pass reads the options, then as the
/// full parse does once it has succeeded.
struct Report {
    /// JSON on stderr (`--json`, `--format json`).
    json: bool,
    /// `--color`.
    color: Option<String>,
    /// `--lang`.
    lang: Lang,
}

impl Report {
    /// Prints an error on stderr: one line for people, or JSON for scripts.
    fn print(&self, e: &Error) {
        let mut err = std::io::stderr().lock();
        let _ = if self.json {
            writeln!(err, "{}", e.to_json())
        } else {
            let color = color_enabled(self.color.as_deref(), std::io::stderr().is_terminal());
            let label = render::style::error(self.lang.pick("错误：", "error: "), color);
            writeln!(err, "{label}{}", render::text::sanitize(&e.to_string()))
        };
    }
}

/// Reads the arguments and answers on `out`.
fn run_with(
    args: &[OsString],
    first: FirstPass,
    report: &mut Report,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if let Some(e) = first.data_error {
        return Err(e);
    }
    let today = match Date::from_env() {
        Ok(d) => d.unwrap_or_else(Date::china_today),
        Err(v) => {
            return Err(Error::Usage(format!(
                "{TODAY_VAR} 不是有效日期「{v}」(expected YYYY-MM-DD)；不设或留空时用今天的日期。"
            )));
        }
    };
    let kb = match &first.data {
        None => Kb::builtin(),
        Some(dir) => match Kb::with_overlay(dir, today) {
            Ok((kb, _warnings)) => kb,
            Err(findings) => {
                return Err(Error::InvalidData {
                    subject: format!("覆盖数据 {} ", dir.display()),
                    findings,
                });
            }
        },
    };
    let mut cmd = tree::command(&kb);
    // An action word where a topic belongs (`yibao 补办`) is read again as
    // its topic and action; `alone` keeps the word when several topics
    // share it.
    let mut alone: Option<(String, Vec<String>)> = None;
    let matches = match cmd.try_get_matches_from_mut(args) {
        Ok(m) => m,
        Err(e) => {
            let again = action_word(&kb, &e, &first.words).and_then(|(word, ids)| {
                let parsed = as_topic_and_action(&mut cmd, args, &word, &ids[0])?;
                Some((parsed, word, ids))
            });
            match again {
                Some((Ok(m), word, ids)) => {
                    if ids.len() > 1 {
                        alone = Some((word, ids));
                    }
                    m
                }
                Some((Err(again), ..)) => return clap_outcome(again, &kb, &first.words, out),
                None => return clap_outcome(e, &kb, &first.words, out),
            }
        }
    };
    let opts = options::options_of(&matches);
    *report = Report {
        json: opts.format == Format::Json,
        color: opts.color.clone(),
        lang: opts.lang,
    };
    let parsed = match alone {
        Some((word, procedures)) => Parsed::Answer(Request::Choices { word, procedures }),
        None => request_of(&kb, &matches)?,
    };
    match parsed {
        Parsed::Answer(request) => commands::execute(&kb, &request, &opts, today, out),
        Parsed::Completions(shell) => {
            // clap_complete panics on a failed write: generate, then write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "yibao", &mut script);
            Ok(out.write_all(&script)?)
        }
        Parsed::Man => Ok(clap_mangen::Man::new(cmd).render(out)?),
    }
}

/// What the full parse asks for.
enum Parsed {
    Answer(Request),
    /// Completions and the man page are made from the tree itself.
    Completions(clap_complete::Shell),
    Man,
}

/// The request the matches of the full parse make.
fn request_of(kb: &Kb, root: &ArgMatches) -> Result<Parsed, Error> {
    let Some((name, sub)) = root.subcommand() else {
        return Ok(Parsed::Answer(Request::Overview));
    };
    let text = |m: &ArgMatches, id: &str| m.get_one::<String>(id).cloned();
    if kb.topics().iter().any(|t| t.id == name) {
        let topic = name.to_string();
        let request = match sub.subcommand() {
            None => Request::Topic(topic),
            Some((words::CHECKLIST, m)) => Request::Lookup(Lookup {
                topic,
                what: Wanted::Checklist {
                    action: text(m, "action"),
                    have: options::have_of(m),
                },
            }),
            Some((action, _)) => Request::Lookup(Lookup {
                topic,
                what: Wanted::Procedure(action.to_string()),
            }),
        };
        return Ok(Parsed::Answer(request));
    }
    let request = match name {
        "list" => Request::List,
        "show" => Request::Show(text(sub, "id").unwrap_or_default()),
        "search" => Request::Search(
            sub.get_many::<String>("words")
                .map(|w| w.cloned().collect())
                .unwrap_or_default(),
        ),
        "regions" => Request::Regions,
        "terms" => Request::Terms(text(sub, "word")),
        "faq" => Request::Faq(text(sub, "topic")),
        "data" => match sub.subcommand() {
            Some(("validate", v)) => {
                Request::Validate(v.get_one::<PathBuf>("dir").cloned().unwrap_or_default())
            }
            _ => return Err(Error::Usage("用法：yibao data validate [DIR]".into())),
        },
        "schema" => Request::Schema(match text(sub, "which").as_deref() {
            Some("data") => Schema::Data,
            _ => Schema::Output,
        }),
        "completions" => {
            let shell = sub.get_one::<clap_complete::Shell>("shell").copied();
            return Ok(Parsed::Completions(
                shell.unwrap_or(clap_complete::Shell::Bash),
            ));
        }
        "man" => return Ok(Parsed::Man),
        other => return Err(unknown_topic(kb, other)),
    };
    Ok(Parsed::Answer(request))
}

// ---------------------------------------------------------------------------
// An action word without its topic

/// The word and the procedures it names, when clap found no command for the
/// first word and that word is an action of some topic (`补办`, `激活`).
fn action_word(kb: &Kb, e: &clap::Error, words: &[OsString]) -> Option<(String, Vec<String>)> {
    if e.kind() != ErrorKind::InvalidSubcommand {
        return None;
    }
    let Some(ContextValue::String(given)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    if words.first().and_then(|w| w.to_str()) != Some(given.as_str()) {
        return None;
    }
    let ids = commands::procedures_named(kb, given);
    (!ids.is_empty()).then(|| (given.clone(), ids))
}

/// Parses the arguments again with the action word replaced by the topic
/// and action of procedure `id` — by clap, with every option where it was.
/// The word is the first that stands where a command does: of the places
/// it occurs, the first that parses (`None` if it occurs nowhere).
fn as_topic_and_action(
    cmd: &mut clap::Command,
    args: &[OsString],
    word: &str,
    id: &str,
) -> Option<Result<ArgMatches, clap::Error>> {
    let (topic, action) = crate::kb::merge::split_id(id);
    let mut first_error = None;
    for (i, _) in args.iter().enumerate().skip(1).filter(|(_, a)| *a == word) {
        let mut again: Vec<OsString> = args[..i].to_vec();
        again.extend([OsString::from(topic), OsString::from(action)]);
        again.extend(args[i + 1..].iter().cloned());
        match cmd.try_get_matches_from_mut(&again) {
            Ok(m) => return Some(Ok(m)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map(Err)
}

// ---------------------------------------------------------------------------
// clap's own outcomes: help, version, and usage errors

fn clap_outcome(
    e: clap::Error,
    kb: &Kb,
    words: &[OsString],
    out: &mut dyn Write,
) -> Result<(), Error> {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
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
        _ => Err(Error::Usage(usage_message(&e))),
    }
}

fn invalid_utf8() -> Error {
    Error::Usage("参数不是有效的 UTF-8 文本 (invalid UTF-8 in arguments)。".into())
}

/// An unknown word where a command was expected: an action when it follows
/// a topic, else a topic or general command.
fn unknown_command(kb: &Kb, words: &[OsString], given: &str) -> Error {
    let word = |i: usize| words.get(i).and_then(|w| w.to_str());
    let topic = word(0).and_then(|w| kb.topics().into_iter().find(|t| names_topic(t, w)));
    match topic {
        Some(t) if word(1) == Some(given) => unknown_action(kb, t.id, given),
        _ => unknown_topic(kb, given),
    }
}

/// One line for a usage error clap found: its own first sentence, what is
/// missing, the values allowed and its suggestion.
fn usage_message(e: &clap::Error) -> String {
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
    msg
}
