//! Running a command: looking up what was asked, building the answer,
//! printing it. `cli.rs` reads the command line and calls in here.

use crate::cli::{Options, action_candidate, full_command, names_topic, unknown_command};
use crate::error::Error;
use crate::kb::date::Date;
use crate::kb::dir;
use crate::kb::region::NATIONAL_KEYS;
use crate::kb::{Kb, KbError, RegionInfo, Resolution};
use crate::render::{self, View, style::color_enabled};
use crate::search::{self, Candidate};
use crate::views::{
    Checklist, FaqPage, Overview, ProcedureList, ProcedurePage, ProcedureSummary, RegionList,
    SearchResults, TopicPage, TopicSummary, ValidationReport,
};
use clap::ArgMatches;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// The region `--region` names, in the registry of the base in use; `None`
/// for national rules.
fn region_of(kb: &Kb, text: Option<&str>) -> Result<Option<RegionInfo>, Error> {
    let Some(text) = text else { return Ok(None) };
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::Usage(
            "--region 不能为空 (empty region)；不指定地区时显示全国通用规则。".into(),
        ));
    }
    if NATIONAL_KEYS.contains(&t.to_lowercase().as_str()) {
        return Ok(None);
    }
    if let Some(r) = kb.region(t) {
        return Ok(Some(r));
    }
    let candidates: Vec<Candidate> = kb
        .regions()
        .map(|r| Candidate {
            display: format!("{}（{}）", r.id, r.name),
            keys: [r.id, r.name, r.short, r.code]
                .into_iter()
                .chain(r.aliases().iter())
                .map(str::to_string)
                .collect(),
        })
        .collect();
    Err(Error::NotFound {
        what: "region",
        given: text.to_string(),
        suggestions: search::suggest(t, &candidates),
        hint: "运行 yibao regions 查看全部地区。".into(),
    })
}

pub(crate) fn execute(kb: &Kb, root: &ArgMatches, today: Date) -> Result<(), Error> {
    let Some((name, sub)) = root.subcommand() else {
        let opts = Options::of(&[root]);
        return print(Overview::new(kb), &opts);
    };
    if let Some(t) = kb.topics().into_iter().find(|t| t.id == name) {
        return topic(kb, t.id, root, sub, today);
    }
    let opts = Options::of(&[sub, root]);
    match name {
        "list" => {
            let procedures = kb
                .procedures()
                .iter()
                .map(|p| ProcedureSummary::of(kb, p))
                .collect();
            print(
                ProcedureList {
                    schema_version: render::json::SCHEMA_VERSION,
                    kind: "list",
                    procedures,
                },
                &opts,
            )
        }
        "show" => {
            let id = sub
                .get_one::<String>("id")
                .map(String::as_str)
                .unwrap_or("");
            let region = region_of(kb, opts.region.as_deref())?;
            let res = resolve(kb, id, region)?;
            print(ProcedurePage::new(kb, res, today), &opts)
        }
        "search" => {
            let words: Vec<&str> = sub
                .get_many::<String>("words")
                .map(|w| w.map(String::as_str).collect())
                .unwrap_or_default();
            let query = words.join(" ");
            let region = region_of(kb, opts.region.as_deref())?;
            let hits = search::search(kb, &query, region.as_ref());
            print(SearchResults::new(kb, &query, region, hits), &opts)
        }
        "regions" => print(RegionList::new(kb), &opts),
        "faq" => {
            let region = region_of(kb, opts.region.as_deref())?;
            let topic = sub.get_one::<String>("topic");
            let topic_id = match topic {
                None => None,
                Some(t) => Some(
                    kb.topics()
                        .into_iter()
                        .find(|x| names_topic(x, t))
                        .map(|x| x.id.to_string())
                        .ok_or_else(|| unknown_topic(kb, t))?,
                ),
            };
            let mut resolved = Vec::new();
            for p in kb.procedures() {
                if topic_id.as_deref().is_none_or(|t| t == p.topic) {
                    resolved.push(kb.resolve(p.id, region).map_err(kb_error)?);
                }
            }
            print(FaqPage::new(resolved, region, today), &opts)
        }
        "data" => match sub.subcommand() {
            Some(("validate", v)) => {
                let opts = Options::of(&[v, sub, root]);
                let dir = v.get_one::<PathBuf>("dir").cloned().unwrap_or_default();
                validate_dir(&dir, &opts, today)
            }
            _ => Err(Error::Usage("用法：yibao data validate [DIR]".into())),
        },
        "schema" => {
            let which = sub
                .get_one::<String>("which")
                .map_or("output", String::as_str);
            write_stdout(&crate::schema::print(which))
        }
        "completions" => {
            let shell = sub
                .get_one::<clap_complete::Shell>("shell")
                .copied()
                .unwrap_or(clap_complete::Shell::Bash);
            let mut cmd = full_command(kb);
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "yibao", &mut buf);
            write_stdout(&String::from_utf8_lossy(&buf))
        }
        "man" => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(full_command(kb))
                .render(&mut buf)
                .map_err(|e| Error::Output(e.to_string()))?;
            write_stdout(&String::from_utf8_lossy(&buf))
        }
        other => Err(unknown_topic(kb, other)),
    }
}

fn unknown_topic(kb: &Kb, given: &str) -> Error {
    unknown_command(kb, &[given.to_string()], given)
}

fn topic(
    kb: &Kb,
    topic: &str,
    root: &ArgMatches,
    tm: &ArgMatches,
    today: Date,
) -> Result<(), Error> {
    let Some((action, am)) = tm.subcommand() else {
        let opts = Options::of(&[tm, root]);
        let t = kb.topics().into_iter().find(|t| t.id == topic);
        let Some(t) = t else {
            return Err(unknown_topic(kb, topic));
        };
        return print(
            TopicPage {
                schema_version: render::json::SCHEMA_VERSION,
                kind: "topic",
                topic: TopicSummary::of(kb, &t),
            },
            &opts,
        );
    };
    let opts = Options::of(&[am, tm, root]);
    let what = if action == "checklist" {
        Wanted::Checklist {
            action: am.get_one::<String>("action").cloned(),
            have: am.get_one::<String>("have").cloned(),
        }
    } else {
        Wanted::Procedure(action.to_string())
    };
    lookup(
        kb,
        Lookup {
            topic: topic.to_string(),
            what,
            opts,
        },
        today,
    )
}

/// A procedure or checklist lookup, however the command line said it.
pub(crate) struct Lookup {
    pub(crate) topic: String,
    pub(crate) what: Wanted,
    pub(crate) opts: Options,
}

pub(crate) enum Wanted {
    /// The action word.
    Procedure(String),
    /// The checklist of the named action (the topic's primary one if none).
    Checklist {
        action: Option<String>,
        have: Option<String>,
    },
}

pub(crate) fn lookup(kb: &Kb, l: Lookup, today: Date) -> Result<(), Error> {
    let region = region_of(kb, l.opts.region.as_deref())?;
    match l.what {
        Wanted::Checklist { action, have } => {
            let id = match action {
                None => kb
                    .topics()
                    .into_iter()
                    .find(|t| t.id == l.topic)
                    .map(|t| t.primary.to_string())
                    .unwrap_or_default(),
                Some(a) => procedure_for_action(kb, &l.topic, &a)?,
            };
            let res = resolve(kb, &id, region)?;
            print(Checklist::new(res, have.as_deref(), today), &l.opts)
        }
        Wanted::Procedure(action) => {
            let id = procedure_for_action(kb, &l.topic, &action)?;
            let res = resolve(kb, &id, region)?;
            print(ProcedurePage::new(kb, res, today), &l.opts)
        }
    }
}

/// The procedure of `topic` that `word` names (action, Chinese name, alias).
pub(crate) fn procedure_for_action(kb: &Kb, topic: &str, word: &str) -> Result<String, Error> {
    if let Some(p) = kb.action(topic, word) {
        return Ok(p.id.to_string());
    }
    let procs = kb.procedures();
    let in_topic: Vec<_> = procs.iter().filter(|p| p.topic == topic).collect();
    let candidates: Vec<Candidate> = in_topic
        .iter()
        .map(|p| action_candidate(p.action, p.action_name, p.cli_aliases))
        .collect();
    Err(Error::NotFound {
        what: "action",
        given: word.to_string(),
        suggestions: search::suggest(word, &candidates),
        hint: format!("运行 yibao {topic} 查看这个主题的全部事项。"),
    })
}

/// Resolves a procedure by id, suggesting close ids when there is none.
fn resolve(kb: &Kb, id: &str, region: Option<RegionInfo>) -> Result<Resolution, Error> {
    kb.resolve(id, region).map_err(|e| match e {
        KbError::UnknownProcedure(_) => {
            let candidates: Vec<Candidate> = kb
                .procedures()
                .iter()
                .map(|p| Candidate {
                    display: format!("{}（{}）", p.id, p.title),
                    keys: vec![
                        p.id.to_string(),
                        p.title.to_string(),
                        p.action_name.to_string(),
                    ],
                })
                .collect();
            Error::NotFound {
                what: "procedure",
                given: id.to_string(),
                suggestions: search::suggest(id, &candidates),
                hint: "运行 yibao list 查看全部办事指南。".into(),
            }
        }
        other => kb_error(other),
    })
}

fn kb_error(e: KbError) -> Error {
    match e {
        KbError::UnknownProcedure(id) => Error::NotFound {
            what: "procedure",
            given: id,
            suggestions: Vec::new(),
            hint: "运行 yibao list 查看全部办事指南。".into(),
        },
        KbError::Corrupt(m) => Error::Corrupt(m),
    }
}

/// `yibao data validate DIR`: the verdict `--data DIR` acts on, printed.
fn validate_dir(dir: &std::path::Path, opts: &Options, today: Date) -> Result<(), Error> {
    let verdict = dir::check_dir(dir, today);
    let report = ValidationReport::new(
        dir.display().to_string(),
        verdict.kind.as_str(),
        verdict.files,
        &verdict.findings,
    );
    let errors = report.errors;
    let summary = report.summary();
    print(report, opts)?;
    if errors > 0 {
        // The findings are the output; the error line only sums them up.
        return Err(Error::LintFailed {
            subject: format!("{} ", dir.display()),
            errors,
        });
    }
    if !opts.format.is_data() {
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Output

/// Prints an answer, the last thing a run does. The answer and its text
/// are not freed: the process is about to end, and taking a large answer
/// apart would cost more than everything after it.
fn print<V: View>(view: V, opts: &Options) -> Result<(), Error> {
    let text = render::render(&view, opts.format, opts.layout());
    let written = write_stdout(&text);
    std::mem::forget(text);
    written?;
    // Tables say on stderr when the data is old; JSON carries a field instead.
    if !opts.format.is_data()
        && let Some(msg) = view.reminder()
    {
        let color = color_enabled(opts.color.as_deref(), std::io::stderr().is_terminal());
        let _ = writeln!(std::io::stderr(), "{}", render::style::warn(msg, color));
    }
    std::mem::forget(view);
    Ok(())
}

/// Writes the whole answer to stdout in one go. A reader that went away
/// (`| head -1`) ends the run quietly; a closed stdout (`>&-`) is an error.
pub(crate) fn write_stdout(text: &str) -> Result<(), Error> {
    let result = raw_stdout_write(text.as_bytes());
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::PipeClosed),
        Err(e) => Err(Error::Output(e.to_string())),
    }
}

/// Writes to file descriptor 1 directly. The standard library's stdout
/// treats a closed descriptor as a successful write (so that programs with
/// no stdout keep running); an answer that reaches nobody must be an error.
#[cfg(unix)]
fn raw_stdout_write(bytes: &[u8]) -> std::io::Result<()> {
    use std::os::fd::FromRawFd;
    // Flush anything written through the standard handle first.
    std::io::stdout().flush()?;
    // SAFETY: descriptor 1 is only borrowed: ManuallyDrop keeps the File
    // from closing it, and nothing else uses it during this write.
    let mut out = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    out.write_all(bytes)
}

#[cfg(not(unix))]
fn raw_stdout_write(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush())
}
