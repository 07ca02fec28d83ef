//! The knowledge base: the built-in base compiled into the binary, or what
//! `--data DIR` gives — an overlay laid over the built-in base, or a
//! complete base that replaces it for the run — answering "what exists" and
//! "what does this procedure say for this region".
//!
//! Data flows model → yaml (the only YAML code) → load → validate, which
//! gathers the files into a [`base::Base`] → merge; `compile` runs at build
//! time and `builtin` reads its output at run time. `dir` gives the one
//! verdict on a data directory that `data validate` and `--data` share;
//! `registry` is the region registry in use, built in or loaded.
//! `search_doc` is the text search matches a procedure by, built in or
//! loaded alike; `words` holds the command words the tool keeps for itself.

pub mod base;
pub mod builtin;
pub mod date;
pub mod dir;
pub mod finding;
pub mod i18n;
pub mod load;
pub mod locate;
pub mod merge;
pub mod model;
pub mod region;
pub mod registry;
pub mod search_doc;
pub mod situation;
pub mod text;
pub mod validate;
pub mod wire;
pub mod words;
pub mod yaml;

pub use registry::{RegionInfo, Registry};

use base::{Base, Known, StackLayer};
use date::Date;
use dir::{DirKind, Rejected};
use finding::{Finding, has_errors};
use i18n::{Lang, Str, Texts};
use merge::{LayerTag, Level, Origin, Resolved};
use model::Procedure;
use registry::LoadedRegions;
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
    /// English name and summary; empty where there are none.
    pub name_en: &'a str,
    pub summary_en: &'a str,
}

impl TopicView<'_> {
    /// The name in `lang` (English falls back to the Chinese, marked).
    pub fn name_in(&self, lang: Lang) -> Cow<'_, str> {
        pick(lang, self.name, self.name_en)
    }

    /// The summary in `lang`.
    pub fn summary_in(&self, lang: Lang) -> Cow<'_, str> {
        pick(lang, self.summary, self.summary_en)
    }
}

/// The text of `lang` from a Chinese text and its English (empty: none);
/// English falls back to the Chinese, marked.
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> Cow<'a, str> {
    match lang {
        Lang::Zh => Cow::Borrowed(zh),
        Lang::En if !en.is_empty() => Cow::Borrowed(en),
        Lang::En if zh.is_empty() => Cow::Borrowed(""),
        Lang::En => Cow::Owned(format!("{}{zh}", i18n::CHINESE_ONLY)),
    }
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
    /// English names; empty where there are none.
    pub action_name_en: &'a str,
    pub title_en: &'a str,
    pub summary_en: &'a str,
}

impl ProcView<'_> {
    /// The title in `lang` (English falls back to the Chinese, marked).
    pub fn title_in(&self, lang: Lang) -> Cow<'_, str> {
        pick(lang, self.title, self.title_en)
    }

    /// The action's name in `lang`.
    pub fn action_name_in(&self, lang: Lang) -> Cow<'_, str> {
        pick(lang, self.action_name, self.action_name_en)
    }

    /// The summary in `lang`.
    pub fn summary_in(&self, lang: Lang) -> Cow<'_, str> {
        pick(lang, self.summary, self.summary_en)
    }
}

/// The English of an optional text; empty when it has none.
fn english(s: &Option<Str>) -> &str {
    s.as_ref().and_then(|s| s.en.as_deref()).unwrap_or("")
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
    /// Keeps only the texts of `lang`, the region names included.
    pub fn localize(&mut self, lang: Lang) {
        self.procedure.localize(lang);
        if lang == Lang::En {
            let asked = self.region;
            let named = |id: &str| {
                asked
                    .into_iter()
                    .chain(asked.and_then(|r| r.province()))
                    .find(|r| r.id == id)
                    .map_or("", |r| r.en)
            };
            for l in &mut self.layers {
                let en = match &l.region {
                    None => "National",
                    Some(id) => named(id),
                };
                if !en.is_empty() {
                    l.name = Cow::Borrowed(en);
                }
            }
        }
    }

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
    /// What `--data` gave; `None`: the built-in base alone.
    loaded: Option<Loaded>,
}

/// A checked data directory in use.
#[derive(Debug)]
struct Loaded {
    base: Base,
    kind: DirKind,
    /// The base's own registry for a complete base; the built-in one for an
    /// overlay (overlays cannot change it).
    registry: Registry,
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
        action_name_en: p.action_name_en,
        title_en: p.title_en,
        summary_en: p.summary_en,
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
        Registry::Builtin
            .by_id(id)
            .map(|r| r.province().map(|p| p.id.to_string()))
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
        Kb { loaded: None }
    }

    /// The knowledge base `--data DIR` asks for: the built-in base with the
    /// overlay in `dir`, or the complete base in `dir` instead of the
    /// built-in one. The directory is judged by [`dir::check_dir`], as
    /// `yibao data validate` judges it; with any error it is rejected whole
    /// (the findings come back, nothing is applied). Warnings are returned
    /// alongside a successful load.
    pub fn open(dir: &Path, today: Date) -> Result<(Kb, Vec<Finding>), Rejected> {
        let verdict = dir::check_dir(dir, today);
        match verdict.base {
            Some(base) => Ok((Kb::with(base, verdict.kind), verdict.findings)),
            None => Err(Rejected {
                kind: verdict.kind,
                findings: verdict.findings,
            }),
        }
    }

    /// A checked base in use as `kind` says.
    fn with(base: Base, kind: DirKind) -> Kb {
        let registry = match kind {
            DirKind::Base => Registry::Loaded(LoadedRegions::leak(&base.regions)),
            DirKind::Overlay => Registry::Builtin,
        };
        Kb {
            loaded: Some(Loaded {
                base,
                kind,
                registry,
            }),
        }
    }

    /// Whether the compiled base answers: always, unless a complete base
    /// replaces it.
    pub fn uses_builtin(&self) -> bool {
        self.loaded
            .as_ref()
            .is_none_or(|l| l.kind == DirKind::Overlay)
    }

    /// The glossary of the base in use, in file order: the compiled one, or
    /// a complete base's own.
    pub fn terms(&self) -> Result<Vec<model::Term>, KbError> {
        match &self.loaded {
            Some(l) if l.kind == DirKind::Base => Ok(l.base.terms.clone()),
            _ => builtin::terms()
                .map(builtin::decode_term)
                .collect::<Result<Vec<_>, _>>()
                .map_err(KbError::Corrupt),
        }
    }

    /// The compiled procedure with this id, when the compiled base is in use.
    fn builtin_procedure(&self, id: &str) -> Option<builtin::ProcInfo> {
        if self.uses_builtin() {
            builtin::procedure(id)
        } else {
            None
        }
    }

    /// Whether the compiled base in use defines this procedure.
    pub fn builtin_has(&self, id: &str) -> bool {
        self.builtin_procedure(id).is_some()
    }

    /// What a loaded base is checked against and layered over.
    fn known(&self) -> Option<&'static dyn Known> {
        if self.uses_builtin() {
            Some(&BuiltinKnown)
        } else {
            None
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
        let probe = Kb::with(base, DirKind::Overlay);
        for (region, p) in probe.loaded_layers() {
            let region = region.and_then(|r| probe.region(r));
            if let Ok(stack) = probe.stack(&p.id, region) {
                findings.extend(validate::check_resolved(&stack));
            }
        }
        findings.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
        });
        findings.dedup();
        if has_errors(&findings) {
            return (None, findings);
        }
        (probe.loaded.map(|l| l.base), findings)
    }

    // -----------------------------------------------------------------------
    // Regions

    /// The region registry in use.
    pub fn registry(&self) -> Registry {
        self.loaded
            .as_ref()
            .map_or(Registry::Builtin, |l| l.registry)
    }

    /// The region `text` names (id, code, Chinese name, alias), in the
    /// registry in use.
    pub fn region(&self, text: &str) -> Option<RegionInfo> {
        self.registry().by_key(text)
    }

    /// Every region of the registry in use.
    pub fn regions(&self) -> impl Iterator<Item = RegionInfo> + Clone {
        self.registry().iter()
    }

    /// Regions with data of their own for procedure `id`: the compiled
    /// base's in registry order, then the loaded base's.
    pub fn layer_regions(&self, id: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .builtin_procedure(id)
            .map(|info| {
                info.layers()
                    .iter()
                    .filter_map(|l| builtin::region_at(l.region))
                    .map(|r| r.id.to_string())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(l) = &self.loaded {
            let mut more: Vec<(u16, &str)> = l
                .base
                .entries
                .iter()
                .filter(|e| e.procedure.id == id)
                .filter_map(|e| e.region.as_deref())
                .filter(|r| !out.iter().any(|x| x == r))
                .map(|r| (l.registry.by_id(r).map_or(u16::MAX, |x| x.index), r))
                .collect();
            more.sort_unstable();
            more.dedup();
            out.extend(more.into_iter().map(|(_, r)| r.to_string()));
        }
        out
    }

    // -----------------------------------------------------------------------
    // Topics, procedures, sources

    /// The oldest `checked` date of the base in use.
    pub fn checked_as_of(&self) -> Cow<'static, str> {
        match &self.loaded {
            Some(l) if l.kind == DirKind::Base => {
                Cow::Owned(l.base.checked_as_of().unwrap_or_default())
            }
            _ => Cow::Borrowed(builtin::checked_as_of()),
        }
    }

    /// Topics in display order: built in, then an overlay's new ones; or a
    /// complete base's.
    pub fn topics(&self) -> Vec<TopicView<'_>> {
        let mut out: Vec<TopicView<'_>> = Vec::new();
        if self.uses_builtin() {
            out.extend(builtin::topics().map(|t| TopicView {
                id: t.id,
                name: t.name,
                aliases: Words::Builtin(t.aliases),
                summary: t.summary,
                primary: t.primary,
                name_en: t.name_en,
                summary_en: t.summary_en,
            }));
        }
        if let Some(l) = &self.loaded {
            out.extend(l.base.topics.iter().map(|t| TopicView {
                id: &t.id,
                name: t.name.as_deref().unwrap_or(&t.id),
                aliases: Words::Strings(&t.aliases),
                summary: t.summary.as_deref().unwrap_or(""),
                primary: t.primary.as_deref().unwrap_or(""),
                name_en: english(&t.name),
                summary_en: english(&t.summary),
            }));
        }
        out
    }

    /// Procedures in display order: built in (by topic), then an overlay's
    /// new ones; or a complete base's (by topic).
    pub fn procedures(&self) -> Vec<ProcView<'_>> {
        let mut out: Vec<ProcView<'_>> = if self.uses_builtin() {
            builtin::procedures().map(builtin_view).collect()
        } else {
            Vec::new()
        };
        if let Some(l) = &self.loaded {
            let known = self.known();
            let defined: Vec<&Procedure> = match l.kind {
                DirKind::Base => l.base.definitions(),
                DirKind::Overlay => l
                    .base
                    .entries
                    .iter()
                    .filter(|e| e.is_definition(known))
                    .map(|e| &e.procedure)
                    .collect(),
            };
            for p in defined {
                let (topic, action) = merge::split_id(&p.id);
                out.push(ProcView {
                    id: &p.id,
                    topic,
                    action,
                    action_name: p.action_name.as_deref().unwrap_or(action),
                    cli_aliases: Words::Texts(&p.cli_aliases),
                    title: p.title.as_deref().unwrap_or(&p.id),
                    summary: p.summary.as_deref().unwrap_or(""),
                    action_name_en: english(&p.action_name),
                    title_en: english(&p.title),
                    summary_en: english(&p.summary),
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
        if let Some(p) = self.builtin_procedure(id) {
            return Some(builtin_view(p));
        }
        self.procedures().into_iter().find(|p| p.id == id)
    }

    /// The procedure of `topic` that `word` names: its action, the action's
    /// Chinese name or a command alias.
    pub fn action(&self, topic: &str, word: &str) -> Option<ProcView<'_>> {
        let names = |p: &ProcView<'_>| {
            p.topic == topic
                && (p.action == word || p.action_name == word || p.cli_aliases.contains(word))
        };
        // The common case, a built-in action, without listing every procedure.
        if self.uses_builtin()
            && let Some(p) = builtin::procedures().map(builtin_view).find(names)
        {
            return Some(p);
        }
        self.procedures().into_iter().find(names)
    }

    /// Every layer and definition `--data` gave: (region id or `None`,
    /// procedure).
    pub fn loaded_layers(&self) -> impl Iterator<Item = (Option<&str>, &Procedure)> {
        self.loaded
            .iter()
            .flat_map(|l| l.base.entries.iter())
            .map(|e| (e.region.as_deref(), &e.procedure))
    }

    /// A source `--data` gives.
    pub fn loaded_source(&self, id: &str) -> Option<&model::Source> {
        self.loaded
            .as_ref()?
            .base
            .sources
            .iter()
            .find(|s| s.id == id)
    }

    /// A source of the compiled base, when it is in use.
    pub fn builtin_source(&self, id: &str) -> Option<builtin::SourceInfo> {
        if self.uses_builtin() {
            builtin::source(id)
        } else {
            None
        }
    }

    /// The situations of `yibao plan`: built in, then an overlay's new ones
    /// (an overlay's situation with a built-in id takes its place); or a
    /// complete base's own.
    pub fn situations(&self) -> Result<Vec<situation::Situation>, KbError> {
        let mut out = if self.uses_builtin() {
            builtin::situations().map_err(KbError::Corrupt)?
        } else {
            Vec::new()
        };
        if let Some(l) = &self.loaded {
            for (_, s) in &l.base.situations {
                match out.iter_mut().find(|x| x.id == s.id) {
                    Some(x) => *x = s.clone(),
                    None => out.push(s.clone()),
                }
            }
        }
        Ok(out)
    }

    // -----------------------------------------------------------------------
    // Resolution

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
    /// (national, province, city) the built-in layer, then the loaded one.
    fn stack(&self, id: &str, region: Option<RegionInfo>) -> Result<Vec<StackLayer>, KbError> {
        let info = self.builtin_procedure(id);
        let loaded = self.loaded.as_ref();
        let defined = info.is_some() || loaded.is_some_and(|l| l.base.has_procedure(id));
        if !defined {
            return Err(KbError::UnknownProcedure(id.to_string()));
        }
        let origin = match loaded.map(|l| l.kind) {
            Some(DirKind::Base) => Origin::Base,
            _ => Origin::Overlay,
        };
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
            if let Some(l) = loaded
                && let Some(e) = l.base.layer(id, r.map(|r| r.id))
            {
                let file = l.base.files[e.file].clone();
                out.push(StackLayer {
                    tag: tag(origin, Some(file.0.clone()), &e.procedure),
                    procedure: e.procedure.clone(),
                    file: Some(file),
                });
            }
        }
        Ok(out)
    }
}
