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
//!
//! Help and errors are in the run's language (`--lang`) and fit the width
//! (`--width`, else the terminal's): `help.rs`. Shell completion asks the
//! binary itself (`complete.rs`), so it knows the base and its overlay;
//! `man.rs` writes the manual page from the same tree.

mod complete;
mod help;
mod man;
mod options;
mod tree;

use crate::commands::{self, Lookup, Request, Schema, Wanted, unknown_topic};
use crate::error::{Error, Exit};
use crate::kb::date::{Date, TODAY_VAR};
use crate::kb::i18n::{Lang, Msg};
use crate::kb::{Kb, words};
use crate::render::{self, Format, style::color_enabled};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgMatches, Command};
use options::FirstPass;
use std::ffi::OsString;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

/// Runs the command line and returns the exit code.
pub fn run() -> Exit {
    let args: Vec<OsString> = std::env::args_os().collect();
    // A shell asking for completions (`COMPLETE=bash yibao -- …`).
    if let Some(exit) = complete::answer(&args) {
        return exit;
    }
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
        // Leaving the guided questions is the person's choice: nothing to report.
        Err(Error::Interrupted) => Exit::Interrupted,
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
    /// Prints an error on stderr: for people, wrapped to the terminal's
    /// width (one line when stderr is not a terminal, for logs); or JSON.
    fn print(&self, e: &Error) {
        let mut err = std::io::stderr().lock();
        if self.json {
            let _ = writeln!(err, "{}", e.to_json(self.lang));
            return;
        }
        let tty = std::io::stderr().is_terminal();
        let color = color_enabled(self.color.as_deref(), tty);
        let label = self.lang.pick("错误：", "error: ");
        let text = render::text::sanitize(&e.message(self.lang)).into_owned();
        let cols = tty
            .then(|| terminal_size::terminal_size_of(std::io::stderr()))
            .flatten()
            .map(|(w, _)| usize::from(w.0));
        let mut lines = String::new();
        match cols {
            Some(cols) => {
                let hang = " ".repeat(render::text::width(label));
                render::text::wrap_to(&mut lines, label, &text, cols, &hang);
            }
            None => {
                lines.push_str(label);
                lines.push_str(&text);
                lines.push('\n');
            }
        }
        let painted = render::style::error(label, color);
        let _ = err.write_all(lines.replacen(label, &painted, 1).as_bytes());
    }
}

/// Columns for help on stdout: `--width`, else the terminal's, else 80.
fn help_width(first: Option<usize>) -> usize {
    first.unwrap_or_else(|| {
        let out = std::io::stdout();
        if out.is_terminal() {
            terminal_size::terminal_size_of(out).map_or(80, |(w, _)| usize::from(w.0))
        } else {
            80
        }
    })
}

/// The knowledge base of a run: the built-in one, with `dir` laid over it.
fn base(dir: Option<&std::path::Path>, today: Date) -> Result<Kb, Error> {
    match dir {
        None => Ok(Kb::builtin()),
        Some(dir) => match Kb::open(dir, today) {
            Ok((kb, _warnings)) => Ok(kb),
            Err(rejected) => {
                let label = rejected.kind.label();
                Err(Error::InvalidData {
                    subject: Msg::new(
                        format!("{} {}", label.zh, dir.display()),
                        format!("the {} {}", label.en, dir.display()),
                    ),
                    findings: rejected.findings,
                })
            }
        },
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
            return Err(Error::Usage(Msg::new(
                format!(
                    "{TODAY_VAR} 不是有效日期「{v}」(expected YYYY-MM-DD)；不设或留空时用今天的日期。"
                ),
                format!(
                    "{TODAY_VAR} is not a date: '{v}' (expected YYYY-MM-DD); leave it unset or empty for today."
                ),
            )));
        }
    };
    let kb = base(first.data.as_deref(), today)?;
    let mut cmd = tree::command(&kb, first.lang);
    let cols = help_width(first.width);
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
                Some((Err(again), ..)) => {
                    return help::clap_outcome(again, &kb, &first.words, cols, out);
                }
                None => return help::clap_outcome(e, &kb, &first.words, cols, out),
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
        Parsed::Completions(shell) => Ok(out.write_all(&complete::registration(shell))?),
        Parsed::Man => Ok(out.write_all(man::page(cmd, &kb, opts.lang).as_bytes())?),
        Parsed::Help(path) => {
            let help = help_of(&mut cmd, &path).ok_or_else(|| {
                let given = path.last().cloned().unwrap_or_default();
                let words: Vec<OsString> = path.iter().map(OsString::from).collect();
                help::unknown_command(&kb, &words, &given)
            })?;
            Ok(out.write_all(help::fit(&help, cols).as_bytes())?)
        }
    }
}

/// The help of the command `path` names (`["card", "apply"]`), unwrapped.
fn help_of(root: &mut Command, path: &[String]) -> Option<String> {
    root.build();
    let mut cmd = &mut *root;
    for word in path {
        let name = cmd.find_subcommand(word)?.get_name().to_string();
        cmd = cmd.find_subcommand_mut(name)?;
    }
    Some(cmd.render_help().to_string())
}

/// What the full parse asks for.
enum Parsed {
    Answer(Request),
    /// Completions and the man page are made from the tree itself.
    Completions(clap_complete::Shell),
    Man,
    /// `yibao help [<command>…]`: the help of that command.
    Help(Vec<String>),
}

/// The words after `help`.
fn help_words(m: &ArgMatches) -> Vec<String> {
    m.get_many::<String>("command")
        .map(|w| w.cloned().collect())
        .unwrap_or_default()
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
            Some((words::HELP, m)) => {
                let mut path = vec![topic];
                path.extend(help_words(m));
                return Ok(Parsed::Help(path));
            }
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
        "plan" => {
            let (from, to, on_behalf) = options::plan_options_of(sub);
            Request::Plan(commands::PlanRequest {
                situation: text(sub, "situation"),
                from,
                to,
                on_behalf,
            })
        }
        "terms" => Request::Terms(text(sub, "word")),
        "faq" => Request::Faq(text(sub, "topic")),
        "data" => match sub.subcommand() {
            Some(("validate", v)) => {
                Request::Validate(v.get_one::<PathBuf>("dir").cloned().unwrap_or_default())
            }
            _ => {
                return Err(Error::Usage(Msg::new(
                    "用法：yibao data validate [DIR]",
                    "Usage: yibao data validate [DIR]",
                )));
            }
        },
        "schema" => Request::Schema(match (text(sub, "which").as_deref(), text(sub, "kind")) {
            (Some("data"), None) => Schema::Data,
            (Some("data"), Some(_)) => {
                return Err(Error::Usage(Msg::new(
                    "用法错误 (usage)：yibao schema data 不带 KIND；一种输出的 Schema 是 yibao schema output KIND。",
                    "Usage error: yibao schema data takes no KIND; the schema of one output is yibao schema output KIND.",
                )));
            }
            (_, Some(kind)) => Schema::Kind(kind),
            (_, None) => Schema::Output,
        }),
        "site" => Request::Site {
            dir: sub.get_one::<PathBuf>("dir").cloned().unwrap_or_default(),
            force: sub.get_flag("force"),
        },
        "completions" => {
            let shell = sub.get_one::<clap_complete::Shell>("shell").copied();
            return Ok(Parsed::Completions(
                shell.unwrap_or(clap_complete::Shell::Bash),
            ));
        }
        "man" => return Ok(Parsed::Man),
        words::HELP => return Ok(Parsed::Help(help_words(sub))),
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
