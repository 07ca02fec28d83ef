//! Shell completion that asks yibao itself.
//!
//! `yibao completions <shell>` prints a small script that registers yibao
//! with the shell; on every Tab the shell runs `COMPLETE=<shell> yibao --
//! <words>`, and yibao answers from the command tree with candidates from
//! the knowledge base in effect (built-in, or with `--data`/`YIBAO_DATA`
//! laid over it): region ids and Chinese names for `--region` (and a plan's
//! `--from` and `--to`), procedure ids for `show`, topics for `faq`, a
//! topic's actions for its checklist, situations for `plan`, glossary
//! words for `terms`, and every value a value parser lists (`--lang`,
//! `--as`, `--format`, …).
//! A static script could only hold the lists of the day it was made, and
//! completes file names where it knows no values (clap_complete's dynamic
//! engine, `CompleteEnv`).

use super::{base, options, tree};
use crate::error::Exit;
use crate::kb::date::Date;
use crate::kb::i18n::Lang;
use crate::kb::{Kb, words};
use clap::Command;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{CompleteEnv, Shell};
use std::ffi::OsString;
use std::io::Write;

/// The variable that tells yibao a shell is asking for completions.
const VAR: &str = "COMPLETE";

/// Answers a shell's completion request, if this run is one; `None` for
/// an ordinary run.
pub(super) fn answer(args: &[OsString]) -> Option<Exit> {
    let asked = std::env::var_os(VAR)?;
    if asked.is_empty() || asked == "0" {
        return None;
    }
    // The words being completed follow `--`; their `--data` and `--lang`
    // choose the base and the language of the descriptions.
    let words: Vec<OsString> = std::iter::once(OsString::from("yibao"))
        .chain(args.iter().skip_while(|a| *a != "--").skip(2).cloned())
        .collect();
    let first = options::first_pass(&words);
    let today = Date::from_env()
        .ok()
        .flatten()
        .unwrap_or_else(Date::china_today);
    // An overlay that does not load: complete from the built-in base.
    let kb = base(first.data.as_deref(), today).unwrap_or_else(|_| Kb::builtin());
    let lang = first.lang;
    let env = CompleteEnv::with_factory(move || command(&kb, lang))
        .var(VAR)
        .bin("yibao");
    let cwd = std::env::current_dir().ok();
    match env.try_complete(args.iter().cloned(), cwd.as_deref()) {
        Ok(true) => Some(Exit::Ok),
        Ok(false) => None,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            Some(Exit::Usage)
        }
    }
}

/// The registration script for `shell`, calling `yibao` on the `PATH`.
pub(super) fn registration(shell: Shell) -> Vec<u8> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Elvish => &Elvish,
        _ => &Bash,
    };
    let mut script = Vec::new();
    // Writing to memory cannot fail.
    let _ = completer.write_registration(VAR, "yibao", "yibao", "yibao", &mut script);
    script
}

/// A word to offer and what it stands for.
type Word = (String, String);

fn candidate(value: &str, help: &str) -> Word {
    (value.to_string(), help.to_string())
}

/// Offers `words` as the values of an argument.
fn values(words: Vec<Word>) -> ArgValueCandidates {
    ArgValueCandidates::new(move || {
        words
            .iter()
            .map(|(v, h)| CompletionCandidate::new(v).help(Some(h.clone().into())))
            .collect::<Vec<_>>()
    })
}

/// Every way to name a region: its id and its Chinese name, and a short
/// name that is not the start of the full one (内蒙古 for 内蒙古自治区 is
/// reached by completing 内蒙古 itself).
fn regions(kb: &Kb) -> Vec<Word> {
    let mut out = Vec::new();
    for r in kb.regions() {
        out.push(candidate(r.id, r.name));
        out.push(candidate(r.name, r.id));
        if !r.short.is_empty() && !r.name.starts_with(r.short) {
            out.push(candidate(r.short, r.id));
        }
    }
    out
}

/// Every word `yibao plan` takes for a situation: its id (described by its
/// title) and each of its Chinese aliases (described by the id).
fn situations(kb: &Kb, lang: Lang) -> Vec<Word> {
    let mut out = Vec::new();
    // A base whose situations do not load completes none.
    for s in kb.situations().unwrap_or_default() {
        add(&mut out, &s.id, &s.title.get(lang));
        for a in s.aliases.iter() {
            add(&mut out, a, &s.id);
        }
    }
    out
}

/// Every word `yibao terms` takes for an entry of the glossary: its id
/// (described by the word), the word itself and its other names
/// (described by the id).
fn terms(kb: &Kb, lang: Lang) -> Vec<Word> {
    let mut out = Vec::new();
    for t in kb.terms().unwrap_or_default() {
        add(&mut out, &t.id, &t.term.get(lang));
        add(&mut out, &t.term.text, &t.id);
        for a in &t.aliases {
            add(&mut out, a, &t.id);
        }
    }
    out
}

/// Adds a word not offered yet (two entries may share another name).
fn add(words: &mut Vec<Word>, value: &str, help: &str) {
    if !value.is_empty() && !words.iter().any(|(v, _)| v == value) {
        words.push(candidate(value, help));
    }
}

/// The options that name a region: `--region`, and a plan's `--from` and
/// `--to`.
const REGION_ARGS: [&str; 3] = ["region", "from", "to"];

/// `c` and every command below it, with the options that name a region
/// completing regions.
fn with_regions(c: Command, regions: &ArgValueCandidates) -> Command {
    let names: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut c = c;
    for id in REGION_ARGS {
        if c.get_arguments().any(|a| a.get_id() == id) {
            c = c.mut_arg(id, |a| a.add(regions.clone()));
        }
    }
    for name in names {
        c = c.mut_subcommand(name, |s| with_regions(s, regions));
    }
    c
}

/// The command tree with the knowledge base's candidates attached.
pub(super) fn command(kb: &Kb, lang: Lang) -> Command {
    let procedures: Vec<Word> = kb
        .procedures()
        .iter()
        .map(|p| candidate(p.id, p.title))
        .collect();
    let mut topics = Vec::new();
    for t in kb.topics() {
        topics.push(candidate(t.id, t.name));
        topics.push(candidate(t.name, t.id));
    }
    let mut commands: Vec<Word> = kb
        .topics()
        .iter()
        .map(|t| candidate(t.id, t.name))
        .collect();
    commands.extend(
        crate::commands::GENERAL
            .iter()
            .map(|(n, _, a)| candidate(n, a)),
    );
    // Every command is made whole first (each has its own --region).
    let mut tree = tree::command(kb, lang);
    tree.build();
    let mut root = with_regions(tree, &values(regions(kb)))
        .mut_subcommand("show", |c| c.mut_arg("id", |a| a.add(values(procedures))))
        .mut_subcommand("faq", |c| c.mut_arg("topic", |a| a.add(values(topics))))
        .mut_subcommand("plan", |c| {
            c.mut_arg("situation", |a| a.add(values(situations(kb, lang))))
        })
        .mut_subcommand("terms", |c| {
            c.mut_arg("word", |a| a.add(values(terms(kb, lang))))
        })
        .mut_subcommand(words::HELP, |c| {
            c.mut_arg("command", |a| a.add(values(commands)))
        });
    for t in kb.topics() {
        let mut actions = Vec::new();
        for p in kb.procedures().iter().filter(|p| p.topic == t.id) {
            actions.push(candidate(p.action, p.title));
            actions.push(candidate(p.action_name, p.action));
        }
        root = root.mut_subcommand(t.id, |tc| {
            tc.mut_subcommand(words::CHECKLIST, |c| {
                c.mut_arg("action", |a| a.add(values(actions)))
            })
        });
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(line: &[&str]) -> Vec<String> {
        let mut cmd = command(&Kb::builtin(), Lang::Zh);
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        let index = args.len() - 1;
        clap_complete::engine::complete(&mut cmd, args, index, None)
            .unwrap()
            .into_iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn regions_complete_by_id_and_by_chinese_name() {
        let by_id = complete(&["yibao", "card", "apply", "--region", "heil"]);
        assert_eq!(by_id, ["heilongjiang"]);
        let by_name = complete(&["yibao", "--region", "黑河"]);
        assert_eq!(by_name, ["黑河市"]);
    }

    #[test]
    fn show_completes_procedure_ids_and_checklists_their_actions() {
        assert_eq!(complete(&["yibao", "show", "card.re"]), ["card.replace"]);
        let actions = complete(&["yibao", "card", "checklist", ""]);
        assert!(actions.contains(&"apply".to_string()), "{actions:?}");
        assert!(actions.contains(&"补办".to_string()) || actions.contains(&"挂失补办".to_string()));
    }

    #[test]
    fn plans_complete_situations_and_terms_their_words() {
        assert_eq!(complete(&["yibao", "plan", "win"]), ["winter-stay"]);
        assert_eq!(complete(&["yibao", "plan", "丢"]), ["丢卡", "丢了卡"]);
        assert_eq!(complete(&["yibao", "terms", "ded"]), ["deductible"]);
        assert_eq!(
            complete(&["yibao", "terms", "起付"]),
            ["起付线", "起付标准"]
        );
        assert_eq!(complete(&["yibao", "plan", "--from", "heih"]), ["heihe"]);
    }
}
