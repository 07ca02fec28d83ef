//! Running a command: looking up what was asked, building the answer,
//! printing it. The command line (`cli`) reads the arguments into a
//! [`Request`] and [`Options`] and calls [`execute`]; nothing here knows how
//! the arguments were spelt.

mod action_word;
mod guided;
mod plan;
mod site;
mod suggest;
mod terms;

pub use action_word::procedures_named;
pub use suggest::{names_topic, unknown_action, unknown_topic};

use crate::error::{Error, Unknown};
use crate::kb::date::Date;
use crate::kb::i18n::{Lang, Msg};
use crate::kb::model::Insured;
use crate::kb::{Kb, KbError, RegionInfo, dir};
use crate::render::{self, Format, Layout, View, style::color_enabled};
use crate::search;
use crate::views::{
    Checklist, FaqPage, Overview, ProcedureList, ProcedurePage, ProcedureSummary, RegionList,
    SearchResults, TopicPage, TopicSummary, ValidationReport,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use suggest::{procedure_for_action, region_of, resolve};

pub use crate::kb::words::GENERAL;

/// The options in effect for a run, however they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The region as typed (`--region` or `YIBAO_REGION`); `None` for
    /// national rules. Resolved (and rejected when empty or unknown) by the
    /// commands that use it.
    pub region: Option<String>,
    pub format: Format,
    /// Columns for tables; `None`: the terminal's width, 80 when piped.
    pub width: Option<usize>,
    /// `auto`, `always` or `never`; `None` is `auto`.
    pub color: Option<String>,
    /// The language of the answer (`--lang`, `YIBAO_LANG`; Chinese by default).
    pub lang: Lang,
    /// Who the answer is for (`--as`, `YIBAO_AS`): materials and steps for
    /// other people are left out of the human formats. `None`: everyone's,
    /// each marked with whom it is for.
    pub who: Option<Insured>,
}

impl Options {
    /// How the terminal formats lay out text on stdout.
    pub fn layout(&self) -> Layout {
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

/// What was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `yibao` alone.
    Overview,
    /// A topic alone: its actions (the topic's id).
    Topic(String),
    /// A procedure or a checklist.
    Lookup(Lookup),
    /// `yibao list`.
    List,
    /// `yibao show <id>`.
    Show(String),
    /// `yibao search <words>…`.
    Search(Vec<String>),
    /// `yibao regions`.
    Regions,
    /// `yibao plan [<situation>] [--from R] [--to R] [--on-behalf]`.
    Plan(PlanRequest),
    /// `yibao terms [<word>]`: the glossary, or one word of it.
    Terms(Option<String>),
    /// `yibao <action word>` that several topics share: the procedures
    /// (ids) it may mean.
    Choices {
        word: String,
        procedures: Vec<String>,
    },
    /// `yibao faq [<topic>]`.
    Faq(Option<String>),
    /// `yibao data validate [<dir>]`.
    Validate(PathBuf),
    /// `yibao schema [output [<kind>]|data]`.
    Schema(Schema),
    /// `yibao site <dir> [--force]`: the static site.
    Site { dir: PathBuf, force: bool },
}

/// What `yibao plan` was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    /// The situation as typed (id, alias or title); `None`: the list, or
    /// the guided questions on a terminal.
    pub situation: Option<String>,
    /// `--from`, the place of insurance; `None`: `--region`.
    pub from: Option<String>,
    /// `--to`, the place of treatment.
    pub to: Option<String>,
    /// `--on-behalf`.
    pub on_behalf: bool,
}

/// Which JSON Schema `yibao schema` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schema {
    /// The `--json` outputs.
    Output,
    /// The knowledge-base YAML.
    Data,
    /// One kind of `--json` output (`yibao schema output checklist`).
    Kind(String),
}

/// A procedure or checklist of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The topic's id.
    pub topic: String,
    pub what: Wanted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// The procedure an action word (id, Chinese name or alias) names.
    Procedure(String),
    /// The checklist of the named action (the topic's primary one if none),
    /// with `--have`.
    Checklist {
        action: Option<String>,
        have: Option<String>,
    },
}

/// Answers `request`, writing the answer to `out`.
pub fn execute(
    kb: &Kb,
    request: &Request,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match request {
        Request::Overview => print(Overview::new(kb, opts.lang), opts, out),
        Request::Topic(id) => {
            let t = kb.topics().into_iter().find(|t| t.id == *id);
            let Some(t) = t else {
                return Err(unknown_topic(kb, id));
            };
            print(
                TopicPage {
                    schema_version: render::json::SCHEMA_VERSION,
                    kind: "topic",
                    lang: opts.lang,
                    topic: TopicSummary::of(kb, &t, opts.lang),
                },
                opts,
                out,
            )
        }
        Request::Lookup(l) => lookup(kb, l, opts, today, out),
        Request::List => {
            let procedures = kb
                .procedures()
                .iter()
                .map(|p| ProcedureSummary::of(kb, p, opts.lang))
                .collect();
            print(
                ProcedureList {
                    schema_version: render::json::SCHEMA_VERSION,
                    kind: "list",
                    lang: opts.lang,
                    procedures,
                },
                opts,
                out,
            )
        }
        Request::Show(id) => {
            let region = region_of(kb, opts.region.as_deref())?;
            let res = resolve(kb, id, region)?;
            print(
                ProcedurePage::new(kb, res, today, opts.lang, opts.who),
                opts,
                out,
            )
        }
        Request::Search(words) => {
            let query = words.join(" ");
            let region = region_of(kb, opts.region.as_deref())?;
            let found = search::search(kb, &query, region.as_ref(), opts.lang);
            print(
                SearchResults::new(&query, found, region, opts.lang),
                opts,
                out,
            )
        }
        Request::Regions => print(RegionList::new(kb, opts.lang), opts, out),
        Request::Plan(req) => plan::answer(kb, req, opts, today, out),
        Request::Terms(word) => terms::answer(kb, word.as_deref(), opts, out),
        Request::Choices { word, procedures } => {
            action_word::choices(kb, word, procedures, opts, out)
        }
        Request::Faq(topic) => {
            let region = region_of(kb, opts.region.as_deref())?;
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
            print(FaqPage::new(resolved, region, today, opts.lang), opts, out)
        }
        Request::Validate(dir) => validate_dir(dir, opts, today, out),
        Request::Site { dir, force } => site::run(kb, dir, *force, opts, today, out),
        Request::Schema(which) => {
            let schema = match which {
                Schema::Output => crate::schema::outputs(),
                Schema::Data => crate::schema::data(),
                Schema::Kind(kind) => crate::schema::output(kind).ok_or_else(|| {
                    let kinds = crate::schema::kinds().collect::<Vec<_>>().join(", ");
                    Error::Usage(Msg::new(
                        format!("没有这种输出「{kind}」；可选: {kinds}。"),
                        format!("no output of kind \"{kind}\"; possible kinds: {kinds}."),
                    ))
                })?,
            };
            out.write_all(crate::schema::to_text(&schema).as_bytes())?;
            Ok(())
        }
    }
}

fn lookup(
    kb: &Kb,
    l: &Lookup,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let region: Option<RegionInfo> = region_of(kb, opts.region.as_deref())?;
    match &l.what {
        Wanted::Checklist { action, have } => {
            let id = match action {
                None => kb
                    .topics()
                    .into_iter()
                    .find(|t| t.id == l.topic)
                    .map(|t| t.primary.to_string())
                    .unwrap_or_default(),
                Some(a) => procedure_for_action(kb, &l.topic, a)?,
            };
            let res = resolve(kb, &id, region)?;
            print(
                Checklist::new(res, have.as_deref(), today, opts.lang, opts.who),
                opts,
                out,
            )
        }
        Wanted::Procedure(action) => {
            let id = procedure_for_action(kb, &l.topic, action)?;
            let res = resolve(kb, &id, region)?;
            print(
                ProcedurePage::new(kb, res, today, opts.lang, opts.who),
                opts,
                out,
            )
        }
    }
}

fn kb_error(e: KbError) -> Error {
    match e {
        KbError::UnknownProcedure(id) => Error::NotFound {
            what: Unknown::Procedure,
            given: id,
            suggestions: Vec::new(),
            hint: suggest::list_hint(),
        },
        KbError::Corrupt(m) => Error::Corrupt(m),
    }
}

/// `yibao data validate DIR`.
fn validate_dir(
    dir: &std::path::Path,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let verdict = dir::check_dir(dir, today);
    let report = ValidationReport::new(
        dir.display().to_string(),
        verdict.kind.as_str(),
        verdict.files,
        &verdict.findings,
        opts.lang,
    );
    let errors = report.errors;
    let summary = report.summary();
    print(report, opts, out)?;
    if errors > 0 {
        // The findings are the output; the error line only sums them up.
        return Err(Error::LintFailed {
            dir: dir.display().to_string(),
            errors,
        });
    }
    if !opts.format.is_data() {
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(())
}

/// Prints an answer on `out`. An answer says how current its data is in
/// one line of its own (the reminder when the data is stale, wrapped like
/// any text of the answer); JSON and YAML in their `freshness` field.
fn print<V: View>(view: V, opts: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let text = render::render(&view, opts.format, opts.layout());
    out.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(format: Format) -> Options {
        Options {
            region: None,
            format,
            width: Some(60),
            color: Some("never".into()),
            lang: Lang::Zh,
            who: None,
        }
    }

    fn answer(request: &Request, opts: &Options) -> Result<String, Error> {
        let mut out = Vec::new();
        let today = Date::parse("2026-11-23").unwrap();
        execute(&Kb::builtin(), request, opts, today, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_lookup_by_chinese_action_name_is_the_same_procedure() {
        let by = |word: &str| {
            answer(
                &Request::Lookup(Lookup {
                    topic: "card".into(),
                    what: Wanted::Procedure(word.into()),
                }),
                &opts(Format::Json),
            )
            .unwrap()
        };
        let apply = by("apply");
        let v: serde_json::Value = serde_json::from_str(&apply).unwrap();
        assert_eq!(v["procedure"]["id"], "card.apply", "{apply}");
        assert_eq!(by("申领"), apply);
    }

    #[test]
    fn an_empty_or_unknown_region_is_refused_before_anything_is_written() {
        let request = Request::Show("card.apply".into());
        let mut o = opts(Format::Table);
        o.region = Some(" ".into());
        assert!(matches!(answer(&request, &o), Err(Error::Usage(_))));
        o.region = Some("atlantis".into());
        match answer(&request, &o) {
            Err(Error::NotFound { what, given, .. }) => {
                assert_eq!((what, given.as_str()), (Unknown::Region, "atlantis"));
            }
            other => panic!("expected an unknown region, got {other:?}"),
        }
    }

    #[test]
    fn a_reader_that_went_away_is_a_quiet_end() {
        struct Gone;
        impl Write for Gone {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let today = Date::parse("2026-11-23").unwrap();
        let r = execute(
            &Kb::builtin(),
            &Request::List,
            &opts(Format::Plain),
            today,
            &mut Gone,
        );
        assert!(matches!(r, Err(Error::PipeClosed)), "{r:?}");
    }
}
