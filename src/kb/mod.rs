//! The knowledge base: the built-in base compiled into the binary, plus the
//! user's overlay directory when one is given, answering "what exists" and
//! "what does this procedure say for this region".
//!
//! Data flows model → yaml (the only YAML code) → load → validate, which
//! gathers the files into a [`base::Base`] → merge; `compile` runs at build
//! time and `builtin` reads its output at run time. `search_doc` is the text
//! search matches a procedure by, built in or overlaid alike; `words` holds
//! the command words the tool keeps for itself.

pub mod base;
pub mod builtin;
pub mod date;
pub mod finding;
pub mod i18n;
pub mod load;
pub mod locate;
pub mod merge;
pub mod model;
pub mod region;
pub mod search_doc;
pub mod situation;
pub mod text;
pub mod validate;
pub mod wire;
pub mod words;
pub mod yaml;

use base::{Base, Known, StackLayer};
use builtin::RegionInfo;
use date::Date;
use finding::{Finding, has_errors};
use merge::{LayerTag, Level, Origin, Resolved};
use model::Procedure;
use std::borrow::Cow;
use std::path::Path;
use validate::Mode;

/// A list of command words: from the compiled base or an overlay.
#[derive(Debug, Clone, Copy)]
pub enum Words<'a> {
    Builtin(builtin::L),
    Texts(&'a [model::Text]),
    Strings(&'a [String]),
}

impl<'a> Words<'a> {
    pub fn len(self) -> usize {
        match self {
            Words::Builtin(l) => l.len(),
            Words::Texts(t) => t.len(),
            Words::Strings(s) => s.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Words::Builtin(l) => l.get(i),
            Words::Texts(t) => t.get(i).map(|w| &**w),
            Words::Strings(s) => s.get(i).map(String::as_str),
        }
    }

    pub fn iter(self) -> impl Iterator<Item = &'a str> + Clone {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    pub fn contains(self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

/// A topic, built in or added by an overlay.
#[derive(Debug, Clone)]
pub struct TopicView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: Words<'a>,
    pub summary: &'a str,
    pub primary: &'a str,
}

/// A procedure's names, built in or added by an overlay.
#[derive(Debug, Clone)]
pub struct ProcView<'a> {
    pub id: &'a str,
    pub topic: &'a str,
    pub action: &'a str,
    pub action_name: &'a str,
    pub cli_aliases: Words<'a>,
    pub title: &'a str,
    pub summary: &'a str,
}

/// A procedure resolved for a region, with the layers that made it.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub procedure: Resolved,
    /// Layers applied, lowest first.
    pub layers: Vec<LayerTag>,
    /// The region asked for; `None` for national.
    pub region: Option<RegionInfo>,
}

impl Resolution {
    /// Whether anything below national applied.
    pub fn has_regional(&self) -> bool {
        self.layers.iter().any(|l| l.level != Level::National)
    }
}

/// Why a lookup failed.
#[derive(Debug, Clone)]
pub enum KbError {
    /// No procedure has this id.
    UnknownProcedure(String),
    /// The built-in base could not be decoded (a corrupt build).
    Corrupt(String),
}

/// The knowledge base in use.
#[derive(Debug, Default)]
pub struct Kb {
    overlay: Option<Overlay>,
}

#[derive(Debug)]
struct Overlay {
    base: Base,
}

fn builtin_view(p: builtin::ProcInfo) -> ProcView<'static> {
    ProcView {
        id: p.id,
        topic: builtin::topic(p.topic).map_or("", |t| t.id),
        action: p.action,
        action_name: p.action_name,
        cli_aliases: Words::Builtin(p.cli_aliases),
        title: p.title,
        summary: p.summary,
    }
}

/// The built-in base, as the linter's view of what exists.
pub struct BuiltinKnown;

impl Known for BuiltinKnown {
    fn has_topic(&self, id: &str) -> bool {
        builtin::topics().any(|t| t.id == id)
    }
    fn has_procedure(&self, id: &str) -> bool {
        builtin::procedure(id).is_some()
    }
    fn has_source(&self, id: &str) -> bool {
        builtin::source(id).is_some()
    }
    fn region_parent(&self, id: &str) -> Option<Option<String>> {
        builtin::region_by_id(id).map(|r| r.province().map(|p| p.id.to_string()))
    }
    fn procedure_items(&self, id: &str) -> Vec<String> {
        let Some(p) = builtin::procedure(id) else {
            return Vec::new();
        };
        std::iter::once(p.national)
            .chain(p.layers().iter().copied())
            .filter_map(|l| builtin::decode(l).ok())
            .flat_map(|layer| {
                situation::pickable_ids(&layer)
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }
    fn command_words(&self, topic: Option<&str>) -> Vec<(String, String)> {
        match topic {
            None => builtin::topics()
                .flat_map(|t| {
                    std::iter::once(t.id)
                        .chain(t.aliases.iter())
                        .map(move |w| (w.to_string(), t.id.to_string()))
                })
                .collect(),
            Some(topic) => builtin::procedures()
                .filter(|p| builtin::topic(p.topic).is_some_and(|t| t.id == topic))
                .flat_map(|p| {
                    [p.action, p.action_name]
                        .into_iter()
                        .chain(p.cli_aliases.iter())
                        .map(move |w| (w.to_string(), p.id.to_string()))
                })
                .collect(),
        }
    }
}

impl Kb {
    /// The built-in base alone.
    pub fn builtin() -> Kb {
        Kb { overlay: None }
    }

    /// The built-in base with the overlay in `dir`. An overlay with any error
    /// is rejected whole: the findings come back and nothing is applied.
    /// Warnings are returned alongside a successful load.
    pub fn with_overlay(dir: &Path, today: Date) -> Result<(Kb, Vec<Finding>), Vec<Finding>> {
        let (files, findings) = load::load_dir(dir);
        match Self::check_overlay(files, findings, today) {
            (Some(base), warnings) => Ok((
                Kb {
                    overlay: Some(Overlay { base }),
                },
                warnings,
            )),
            (None, findings) => Err(findings),
        }
    }

    /// Checks parsed overlay files against the built-in base: each file,
    /// then every procedure the overlay touches, merged for its region.
    /// Returns the overlay only if there is no error.
    pub fn check_overlay(
        files: Vec<load::LoadedFile>,
        mut findings: Vec<Finding>,
        today: Date,
    ) -> (Option<Base>, Vec<Finding>) {
        let (base, more) = validate::check(files, Mode::Overlay, Some(&BuiltinKnown), today);
        findings.extend(more);
        if has_errors(&findings) {
            return (None, findings);
        }
        let probe = Kb {
            overlay: Some(Overlay { base }),
        };
        for (region, p) in probe.overlay_layers() {
            let region = region.and_then(builtin::region_by_key);
            if let Ok(stack) = probe.stack(&p.id, region) {
                findings.extend(validate::check_resolved(&stack));
            }
        }
        findings.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        findings.dedup();
        if has_errors(&findings) {
            return (None, findings);
        }
        (probe.overlay.map(|o| o.base), findings)
    }

    /// Topics in display order: built in, then an overlay's new ones.
    pub fn topics(&self) -> Vec<TopicView<'_>> {
        let mut out: Vec<TopicView<'_>> = builtin::topics()
            .map(|t| TopicView {
                id: t.id,
                name: t.name,
                aliases: Words::Builtin(t.aliases),
                summary: t.summary,
                primary: t.primary,
            })
            .collect();
        if let Some(o) = &self.overlay {
            out.extend(o.base.topics.iter().map(|t| TopicView {
                id: &t.id,
                name: t.name.as_deref().unwrap_or(&t.id),
                aliases: Words::Strings(&t.aliases),
                summary: t.summary.as_deref().unwrap_or(""),
                primary: t.primary.as_deref().unwrap_or(""),
            }));
        }
        out
    }

    /// Procedures in display order: built in (by topic), then an overlay's
    /// new ones.
    pub fn procedures(&self) -> Vec<ProcView<'_>> {
        let mut out: Vec<ProcView<'_>> = builtin::procedures().map(builtin_view).collect();
        if let Some(o) = &self.overlay {
            for e in o
                .base
                .entries
                .iter()
                .filter(|e| e.is_definition(Some(&BuiltinKnown)))
            {
                let p = &e.procedure;
                let (topic, action) = merge::split_id(&p.id);
                out.push(ProcView {
                    id: &p.id,
                    topic,
                    action,
                    action_name: p.action_name.as_deref().unwrap_or(action),
                    cli_aliases: Words::Texts(&p.cli_aliases),
                    title: p.title.as_deref().unwrap_or(&p.id),
                    summary: p.summary.as_deref().unwrap_or(""),
                });
            }
        }
        out
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<TopicView<'_>> {
        self.topics().into_iter().find(|t| t.id == id)
    }

    /// The names of the procedure with this id.
    pub fn procedure(&self, id: &str) -> Option<ProcView<'_>> {
        if let Some(p) = builtin::procedure(id) {
            return Some(builtin_view(p));
        }
        self.procedures().into_iter().find(|p| p.id == id)
    }

    /// Every overlay layer and definition: (region id or `None`, procedure).
    pub fn overlay_layers(&self) -> impl Iterator<Item = (Option<&str>, &Procedure)> {
        self.overlay
            .iter()
            .flat_map(|o| o.base.entries.iter())
            .map(|e| (e.region.as_deref(), &e.procedure))
    }

    /// A source an overlay adds.
    pub fn overlay_source(&self, id: &str) -> Option<&model::Source> {
        self.overlay
            .as_ref()?
            .base
            .sources
            .iter()
            .find(|s| s.id == id)
    }

    /// The situations of `yibao plan`: built in, then an overlay's new ones;
    /// an overlay's situation with a built-in id takes its place.
    pub fn situations(&self) -> Result<Vec<situation::Situation>, KbError> {
        let mut out = builtin::situations().map_err(KbError::Corrupt)?;
        if let Some(o) = &self.overlay {
            for (_, s) in &o.base.situations {
                match out.iter_mut().find(|x| x.id == s.id) {
                    Some(x) => *x = s.clone(),
                    None => out.push(s.clone()),
                }
            }
        }
        Ok(out)
    }

    /// Resolves a procedure for a region (`None`: national rules).
    pub fn resolve(&self, id: &str, region: Option<RegionInfo>) -> Result<Resolution, KbError> {
        let stack = self.stack(id, region)?;
        let layers: Vec<LayerTag> = stack.iter().map(|l| l.tag.clone()).collect();
        let procedure = merge::resolve(stack.into_iter().map(|l| (l.tag, l.procedure)));
        Ok(Resolution {
            procedure,
            layers,
            region,
        })
    }

    /// The layers of a procedure for a region, lowest first: at each level
    /// (national, province, city) the built-in layer, then the overlay's.
    fn stack(&self, id: &str, region: Option<RegionInfo>) -> Result<Vec<StackLayer>, KbError> {
        let info = builtin::procedure(id);
        let overlay = self.overlay.as_ref().map(|o| &o.base);
        let defined = info.is_some() || overlay.is_some_and(|b| b.has_procedure(id));
        if !defined {
            return Err(KbError::UnknownProcedure(id.to_string()));
        }
        let mut chain: Vec<(Level, Option<RegionInfo>)> = vec![(Level::National, None)];
        if let Some(r) = region {
            match r.province() {
                Some(p) => {
                    chain.push((Level::Province, Some(p)));
                    chain.push((Level::City, Some(r)));
                }
                None => chain.push((Level::Province, Some(r))),
            }
        }
        let mut out = Vec::new();
        for (level, r) in chain {
            let tag = |origin, file: Option<String>, p: &Procedure| LayerTag {
                level,
                region: r.map(|r| Cow::Borrowed(r.id)),
                name: Cow::Borrowed(r.map_or("全国", |r| r.name)),
                origin,
                file,
                checked: p.checked.clone().unwrap_or_default(),
            };
            if let Some(info) = info {
                let layer = match r {
                    None => Some(info.national),
                    Some(r) => info.layer_at(r.index),
                };
                if let Some(l) = layer {
                    let p = builtin::decode(l).map_err(KbError::Corrupt)?;
                    out.push(StackLayer {
                        tag: tag(Origin::Builtin, None, &p),
                        procedure: p,
                        file: None,
                    });
                }
            }
            if let Some(e) = overlay.and_then(|b| b.layer(id, r.map(|r| r.id))) {
                let file = overlay.map(|b| b.files[e.file].clone());
                out.push(StackLayer {
                    tag: tag(
                        Origin::Overlay,
                        file.as_ref().map(|f| f.0.clone()),
                        &e.procedure,
                    ),
                    procedure: e.procedure.clone(),
                    file,
                });
            }
        }
        Ok(out)
    }
}
