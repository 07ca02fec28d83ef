//! The knowledge-base linter. It checks a set of parsed files — the built-in
//! base at build time, a user's overlay at run time, or any directory given to
//! `yibao data validate` — and gathers what passed into a [`Base`].
//!
//! Two passes: [`check`] looks at each file and across files (ids, types,
//! sources, dates, duplicates, references to things that must exist), and
//! [`check_resolved`] merges every procedure for every region that has layers
//! and checks what only the merged result shows (steps pointing at channels,
//! `remove` ids that match nothing).

use super::date::Date;
use super::finding::{Code, Finding};
use super::load::LoadedFile;
use super::locate::{Anchor, locate};
use super::merge::{Cited, LayerTag, Resolved, split_id};
use super::model::{DataFile, Fact, Procedure, Region, Source, Topic};
use super::region;
use super::text;
use std::collections::{BTreeMap, BTreeSet};

/// How to read a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A complete knowledge base, with its own region registry and topics.
    Base,
    /// Layers and additions over the built-in base.
    Overlay,
}

/// A `checked` date older than this many months earns a W001 warning.
pub const STALE_MONTHS: i32 = 12;

/// What exists outside the files being checked: the built-in base, when
/// checking an overlay.
pub trait Known {
    fn has_topic(&self, id: &str) -> bool;
    fn has_procedure(&self, id: &str) -> bool;
    fn has_source(&self, id: &str) -> bool;
    /// `None` for an unknown region; `Some(None)` for a provincial unit;
    /// `Some(Some(p))` for a city of province `p`.
    fn region_parent(&self, id: &str) -> Option<Option<String>>;
    /// Command words already taken: (word, what owns it) — topic words, or
    /// with `Some(topic)` the action words of that topic.
    fn command_words(&self, topic: Option<&str>) -> Vec<(String, String)> {
        let _ = topic;
        Vec::new()
    }
}

/// Words the command line keeps for itself: general commands and their
/// aliases (checked against `cli::GENERAL` by a test), and the checklist
/// action every topic has.
pub const RESERVED_TOPIC_WORDS: &[&str] = &[
    "list",
    "列表",
    "show",
    "查看",
    "search",
    "搜索",
    "regions",
    "地区",
    "faq",
    "常见问题",
    "data",
    "数据",
    "schema",
    "completions",
    "man",
    "help",
];

/// Action words every topic has.
pub const RESERVED_ACTION_WORDS: &[&str] = &["checklist", "清单", "help"];

/// A procedure definition or layer with the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Region id; `None` for national.
    pub region: Option<String>,
    pub procedure: Procedure,
    /// Index into [`Base::files`].
    pub file: usize,
}

impl Entry {
    /// Whether this entry defines a procedure rather than layering over one.
    pub fn is_definition(&self, known: Option<&dyn Known>) -> bool {
        self.region.is_none() && !known.is_some_and(|k| k.has_procedure(&self.procedure.id))
    }
}

/// The checked contents of a set of files.
#[derive(Debug, Clone, Default)]
pub struct Base {
    /// (path, text) of every file read.
    pub files: Vec<(String, String)>,
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    /// Procedure definitions and layers, in file order.
    pub entries: Vec<Entry>,
}

impl Base {
    /// The national definition of a procedure.
    pub fn definition(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.region.is_none() && e.procedure.id == id)
    }

    /// The layer for a procedure at a region (`None` = national).
    pub fn layer(&self, id: &str, region: Option<&str>) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.region.as_deref() == region && e.procedure.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The oldest `checked` date of any procedure.
    pub fn checked_as_of(&self) -> Option<String> {
        self.entries
            .iter()
            .filter_map(|e| e.procedure.checked.as_deref().map(str::to_string))
            .min()
    }
}

impl Known for Base {
    fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|t| t.id == id)
    }
    fn has_procedure(&self, id: &str) -> bool {
        self.definition(id).is_some()
    }
    fn has_source(&self, id: &str) -> bool {
        self.sources.iter().any(|s| s.id == id)
    }
    fn region_parent(&self, id: &str) -> Option<Option<String>> {
        self.region(id).map(|r| r.parent.clone())
    }
}

/// Checks files one by one and against each other. Returns what was read and
/// every finding; the caller decides what errors mean (build failure, exit 4).
pub fn check(
    files: Vec<LoadedFile>,
    mode: Mode,
    known: Option<&dyn Known>,
    today: Date,
) -> (Base, Vec<Finding>) {
    let mut c = Checker {
        base: Base::default(),
        findings: Vec::new(),
        today,
        defined: BTreeSet::new(),
    };
    for (i, f) in files.into_iter().enumerate() {
        c.base.files.push((f.path, f.text));
        c.take_file(i, f.data, mode);
    }
    c.cross_checks(known);
    (c.base, c.findings)
}

struct Checker {
    base: Base,
    findings: Vec<Finding>,
    today: Date,
    /// Ids of the procedures the files define (filled before entry checks).
    defined: BTreeSet<String>,
}

impl Checker {
    fn report(&mut self, file: usize, anchors: &[Anchor<'_>], code: Code, msg: String) {
        let (path, text) = &self.base.files[file];
        let (line, col) = locate(text, anchors);
        self.findings.push(Finding::new(path, line, col, code, msg));
    }

    fn take_file(&mut self, fi: usize, data: DataFile, mode: Mode) {
        let DataFile {
            region,
            procedures,
            topics,
            sources,
            regions,
            // The glossary is read but not yet checked or compiled in.
            terms: _,
        } = data;
        if mode == Mode::Overlay && !regions.is_empty() {
            self.report(
                fi,
                &[Anchor::Key("regions")],
                Code::E011,
                "覆盖数据不能修改地区表 (overlays cannot change the region registry)".into(),
            );
        }
        let region = match region.as_deref() {
            Some(r) if region::NATIONAL_KEYS.contains(&r) => None,
            Some(r) => Some(r.to_string()),
            None => {
                if !procedures.is_empty() {
                    self.report(
                        fi,
                        &[Anchor::Key("procedures")],
                        Code::E011,
                        "有 procedures 的文件必须写明 region（national 或地区 id）".into(),
                    );
                }
                None
            }
        };
        for t in topics {
            self.check_id(fi, &t.id, IdKind::Topic);
            if t.name.as_deref().is_none_or(str::is_empty) {
                self.empty(
                    fi,
                    &[Anchor::Id(&t.id)],
                    &format!("主题 {} 缺少 name", t.id),
                );
            }
            self.check_text(fi, &[Anchor::Id(&t.id)], t.name.iter().chain(&t.summary));
            self.base.topics.push(t);
        }
        for s in sources {
            self.check_id(fi, &s.id, IdKind::Item);
            if s.title.as_deref().is_none_or(str::is_empty) {
                self.empty(
                    fi,
                    &[Anchor::Id(&s.id)],
                    &format!("来源 {} 缺少 title", s.id),
                );
            }
            self.base.sources.push(s);
        }
        for r in regions {
            self.check_id(fi, &r.id, IdKind::Region);
            for (field, v) in [("code", &r.code), ("name", &r.name), ("short", &r.short)] {
                if v.as_deref().is_none_or(str::is_empty) {
                    self.empty(
                        fi,
                        &[Anchor::Id(&r.id)],
                        &format!("地区 {} 缺少 {field}", r.id),
                    );
                }
            }
            if let Some(code) = &r.code
                && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
            {
                self.report(
                    fi,
                    &[Anchor::Id(&r.id), Anchor::Token(code)],
                    Code::E004,
                    format!("地区 {} 的代码 {code} 不是6位数字 (GB/T 2260)", r.id),
                );
            }
            self.base.regions.push(r);
        }
        for p in procedures {
            self.base.entries.push(Entry {
                region: region.clone(),
                procedure: p,
                file: fi,
            });
        }
    }

    fn empty(&mut self, fi: usize, anchors: &[Anchor<'_>], what: &str) {
        self.report(
            fi,
            anchors,
            Code::E009,
            format!("{what} (empty required field)"),
        );
    }

    fn check_id(&mut self, fi: usize, id: &str, kind: IdKind) -> bool {
        let ok = match kind {
            IdKind::Procedure => id
                .split_once('.')
                .is_some_and(|(t, a)| is_word(t, false) && is_word(a, true) && !a.contains('.')),
            IdKind::Topic | IdKind::Region => is_word(id, false),
            IdKind::Item => is_word(id, true),
        };
        if !ok {
            let shape = match kind {
                IdKind::Procedure => "<主题>.<事项>，小写字母、数字和连字符，如 card.replace",
                IdKind::Topic | IdKind::Region => "小写字母和数字，如 heilongjiang",
                IdKind::Item => "小写字母、数字和连字符，如 id-card",
            };
            self.report(
                fi,
                &[Anchor::Id(id)],
                Code::E010,
                format!("id `{id}` 格式不对：应为{shape}"),
            );
        }
        ok
    }

    fn check_text<'s, T: AsRef<str> + ?Sized + 's>(
        &mut self,
        fi: usize,
        anchors: &[Anchor<'_>],
        texts: impl IntoIterator<Item = &'s T>,
    ) {
        for t in texts {
            let t = t.as_ref();
            if let Some(c) = t.chars().find(|&c| text::is_unhandled_ambiguous(c)) {
                let mut buf = [0u8; 4];
                let needle = &*c.encode_utf8(&mut buf);
                let (path, body) = &self.base.files[fi];
                let (line, col) = locate_char(body, anchors, needle);
                self.findings.push(Finding::new(
                    path,
                    line,
                    col,
                    Code::W002,
                    format!(
                        "字符 {c} (U+{:04X}) 在中文终端和西文终端宽度不同，会使表格错位；请换用全角或「」等符号",
                        c as u32
                    ),
                ));
            }
        }
    }

    fn cross_checks(&mut self, known: Option<&dyn Known>) {
        self.check_duplicates();
        self.check_command_words(known);
        self.check_regions(known);
        self.check_topics(known);
        self.defined = self
            .base
            .entries
            .iter()
            .filter(|e| e.region.is_none())
            .map(|e| e.procedure.id.to_string())
            .collect();
        let entries = std::mem::take(&mut self.base.entries);
        for e in &entries {
            self.check_entry(e, known);
        }
        self.base.entries = entries;
    }

    fn check_duplicates(&mut self) {
        // Procedure definitions and layers: one per (id, region).
        let mut seen: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        let mut dups = Vec::new();
        for e in &self.base.entries {
            let key = (e.procedure.id.to_string(), e.region.clone());
            if let Some(first) = seen.get(&key) {
                dups.push((e.file, key, *first));
            } else {
                seen.insert(key, e.file);
            }
        }
        for (fi, (id, region), first) in dups {
            let place = region.as_deref().unwrap_or("national");
            let first_file = self.base.files[first].0.clone();
            self.report(
                fi,
                &[Anchor::Id(&id)],
                Code::E005,
                format!("事项 {id} 在 {place} 已定义过（见 {first_file}）"),
            );
        }
        let topic_ids: Vec<String> = self.base.topics.iter().map(|t| t.id.clone()).collect();
        let source_ids: Vec<String> = self.base.sources.iter().map(|s| s.id.clone()).collect();
        let region_ids: Vec<String> = self.base.regions.iter().map(|r| r.id.clone()).collect();
        for (what, ids) in [
            ("主题", topic_ids),
            ("来源", source_ids),
            ("地区", region_ids),
        ] {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !seen.insert(id.clone()) {
                    let fi = self.file_defining(&id);
                    self.report(
                        fi,
                        &[Anchor::Id(&id)],
                        Code::E005,
                        format!("{what} id {id} 重复"),
                    );
                }
            }
        }
        // Two regions answering to the same --region text would make it ambiguous.
        let mut by_key: BTreeMap<String, String> = BTreeMap::new();
        let mut clashes = Vec::new();
        for r in &self.base.regions {
            for k in region::keys(r) {
                match by_key.get(&k) {
                    Some(other) if *other != r.id => clashes.push((r.id.clone(), k, other.clone())),
                    _ => {
                        by_key.insert(k, r.id.clone());
                    }
                }
            }
        }
        for (id, key, other) in clashes {
            let fi = self.file_defining(&id);
            self.report(
                fi,
                &[Anchor::Id(&id)],
                Code::E005,
                format!("地区名 `{key}` 同时指向 {other} 和 {id}"),
            );
        }
    }

    /// Every command word (topic ids and aliases; per topic, action names,
    /// Chinese names and aliases) must lead to one place only.
    fn check_command_words(&mut self, known: Option<&dyn Known>) {
        let mut clashes: Vec<(usize, String, String, String)> = Vec::new();
        let mut topic_words: BTreeMap<String, String> = known
            .map(|k| k.command_words(None).into_iter().collect())
            .unwrap_or_default();
        for w in RESERVED_TOPIC_WORDS {
            topic_words.insert(w.to_string(), "yibao 的通用命令".into());
        }
        for t in &self.base.topics {
            let fi = self
                .base
                .files
                .iter()
                .position(|(_, text)| locate(text, &[Anchor::Id(&t.id)]) != (1, 1))
                .unwrap_or(0);
            for w in std::iter::once(&t.id).chain(&t.aliases) {
                match topic_words.get(w) {
                    Some(owner) if *owner != t.id => {
                        clashes.push((fi, t.id.clone(), w.clone(), owner.clone()));
                    }
                    _ => {
                        topic_words.insert(w.clone(), t.id.clone());
                    }
                }
            }
        }
        let mut action_words: BTreeMap<(String, String), String> = BTreeMap::new();
        for e in &self.base.entries {
            if !e.is_definition(known) {
                continue;
            }
            let p = &e.procedure;
            let (topic, action) = split_id(&p.id);
            if action_words.keys().all(|(t, _)| t != topic) {
                for (w, owner) in known
                    .map(|k| k.command_words(Some(topic)))
                    .unwrap_or_default()
                {
                    action_words.insert((topic.to_string(), w), owner);
                }
                for w in RESERVED_ACTION_WORDS {
                    action_words.insert((topic.to_string(), w.to_string()), "清单命令".into());
                }
            }
            let words = std::iter::once(action)
                .chain(p.action_name.as_deref())
                .chain(p.cli_aliases.iter().map(|a| &**a));
            for w in words {
                let key = (topic.to_string(), w.to_string());
                match action_words.get(&key) {
                    Some(owner) if *owner != p.id => {
                        clashes.push((e.file, p.id.to_string(), w.to_string(), owner.clone()));
                    }
                    _ => {
                        action_words.insert(key, p.id.to_string());
                    }
                }
            }
        }
        for (fi, id, word, owner) in clashes {
            self.report(
                fi,
                &[Anchor::Id(&id), Anchor::Token(&word)],
                Code::E005,
                format!("命令词「{word}」已被 {owner} 使用，{id} 不能再用 (command word taken)"),
            );
        }
    }

    /// The last file whose text defines `id:` for this id (for locating
    /// findings about topics, sources and regions).
    fn file_defining(&self, id: &str) -> usize {
        self.base
            .files
            .iter()
            .rposition(|(_, t)| locate(t, &[Anchor::Id(id)]) != (1, 1))
            .unwrap_or(0)
    }

    fn check_regions(&mut self, known: Option<&dyn Known>) {
        let regions = self.base.regions.clone();
        for r in &regions {
            if let Some(parent) = &r.parent {
                let parent_of_parent = self
                    .base
                    .region_parent(parent)
                    .or_else(|| known.and_then(|k| k.region_parent(parent)));
                let fi = self.file_defining(&r.id);
                match parent_of_parent {
                    None => self.report(
                        fi,
                        &[Anchor::Id(&r.id), Anchor::Token(parent)],
                        Code::E006,
                        format!("地区 {} 的上级 {parent} 不在地区表中", r.id),
                    ),
                    Some(Some(_)) => self.report(
                        fi,
                        &[Anchor::Id(&r.id), Anchor::Token(parent)],
                        Code::E006,
                        format!("地区 {} 的上级 {parent} 本身是地级市，应为省级单位", r.id),
                    ),
                    Some(None) => {}
                }
            }
        }
    }

    fn check_topics(&mut self, known: Option<&dyn Known>) {
        let topics = self.base.topics.clone();
        for t in &topics {
            if let Some(primary) = &t.primary {
                let exists = self.base.has_procedure(primary)
                    || known.is_some_and(|k| k.has_procedure(primary));
                if !exists || split_id(primary).0 != t.id {
                    let fi = self.file_defining(&t.id);
                    self.report(
                        fi,
                        &[Anchor::Id(&t.id), Anchor::Token(primary)],
                        Code::E006,
                        format!(
                            "主题 {} 的 primary 事项 {primary} 不存在或不属于该主题",
                            t.id
                        ),
                    );
                }
            }
        }
    }

    fn region_known(&self, id: &str, known: Option<&dyn Known>) -> bool {
        self.base.region(id).is_some() || known.is_some_and(|k| k.region_parent(id).is_some())
    }

    fn check_entry(&mut self, e: &Entry, known: Option<&dyn Known>) {
        let p = &e.procedure;
        let fi = e.file;
        let pid = p.id.as_ref();
        let here = [Anchor::Id(pid)];
        if !self.check_id(fi, pid, IdKind::Procedure) {
            return;
        }
        if let Some(r) = &e.region
            && !self.region_known(r, known)
        {
            self.report(
                fi,
                &[Anchor::Key("region")],
                Code::E006,
                format!("地区 `{r}` 不在地区表中（yibao regions 可列出全部地区）"),
            );
        }
        let definition = e.is_definition(known);
        let topic = split_id(pid).0;
        if definition {
            let topic_exists =
                self.base.has_topic(topic) || known.is_some_and(|k| k.has_topic(topic));
            if !topic_exists {
                self.report(
                    fi,
                    &here,
                    Code::E006,
                    format!("事项 {pid} 的主题 {topic} 未在 topics 中定义"),
                );
            }
            for (field, v) in [
                ("title", &p.title),
                ("action_name", &p.action_name),
                ("summary", &p.summary),
            ] {
                if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    self.empty(fi, &here, &format!("事项 {pid} 缺少 {field}"));
                }
            }
            if p.steps.is_empty() {
                self.empty(fi, &here, &format!("事项 {pid} 没有办理步骤 (steps)"));
            }
            if !p.replace.is_empty() || !p.remove.is_empty() {
                self.report(
                    fi,
                    &[
                        Anchor::Id(pid),
                        Anchor::Key(if p.replace.is_empty() {
                            "remove"
                        } else {
                            "replace"
                        }),
                    ],
                    Code::E011,
                    format!("事项 {pid} 是全国定义，replace/remove 只用于地区层或覆盖数据"),
                );
            }
        } else {
            let exists = self.defined.contains(pid) || known.is_some_and(|k| k.has_procedure(pid));
            if !exists {
                self.report(
                    fi,
                    &here,
                    Code::E006,
                    format!("地区层修改的事项 {pid} 没有全国定义（新事项请写在 region: national 的文件里）"),
                );
            }
            if !p.cli_aliases.is_empty() {
                self.report(
                    fi,
                    &[Anchor::Id(pid), Anchor::Key("cli_aliases")],
                    Code::E011,
                    format!("事项 {pid}：命令别名 cli_aliases 只能写在全国定义里"),
                );
            }
        }
        self.check_checked(fi, pid, p.checked.as_deref());
        self.check_items(fi, p, definition, known);
        for rel in p.related.iter() {
            let exists =
                self.defined.contains(rel.as_ref()) || known.is_some_and(|k| k.has_procedure(rel));
            if !exists {
                self.report(
                    fi,
                    &[Anchor::Id(pid), Anchor::Key("related"), Anchor::Token(rel)],
                    Code::E006,
                    format!("事项 {pid} 的相关事项 {rel} 不存在"),
                );
            }
        }
    }

    fn check_checked(&mut self, fi: usize, pid: &str, checked: Option<&str>) {
        let here = [Anchor::Id(pid), Anchor::Key("checked")];
        match checked {
            None => self.report(
                fi,
                &[Anchor::Id(pid)],
                Code::E008,
                format!("事项 {pid} 缺少核实日期 checked (YYYY-MM-DD)"),
            ),
            Some(s) => match Date::parse(s) {
                None => self.report(
                    fi,
                    &here,
                    Code::E008,
                    format!("事项 {pid} 的 checked `{s}` 不是有效日期 (YYYY-MM-DD)"),
                ),
                Some(d) if d > self.today => self.report(
                    fi,
                    &here,
                    Code::E008,
                    format!("事项 {pid} 的 checked {s} 在今天 ({}) 之后", self.today),
                ),
                Some(d) => {
                    let age = d.months_until(self.today);
                    if age > STALE_MONTHS {
                        self.report(
                            fi,
                            &here,
                            Code::W001,
                            format!(
                                "事项 {pid} 的资料核实于 {s}，已超过 {age} 个月；请对照当地最新政策重新核实"
                            ),
                        );
                    }
                }
            },
        }
    }

    fn check_items(
        &mut self,
        fi: usize,
        p: &Procedure,
        definition: bool,
        known: Option<&dyn Known>,
    ) {
        let pid = p.id.as_ref();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut seen_id = |me: &mut Checker, field: &str, id: Option<&str>| match id {
            None => me.empty(
                fi,
                &[Anchor::Id(pid), Anchor::Key(field)],
                &format!("事项 {pid} 的 {field} 中有一项缺少 id"),
            ),
            Some(id) => {
                if me.check_id(fi, id, IdKind::Item) && !ids.insert(id.to_string()) {
                    // Point at the second use of the id, not the first.
                    me.report(
                        fi,
                        &[Anchor::Id(pid), Anchor::Id(id), Anchor::Id(id)],
                        Code::E005,
                        format!("事项 {pid} 中 id `{id}` 重复（同一事项各列表的 id 须唯一）"),
                    );
                }
            }
        };
        let fact_lists: [(&str, &[Fact]); 5] = [
            ("basis", &p.basis),
            ("conditions", &p.conditions),
            ("prepare", &p.prepare),
            ("tips", &p.tips),
            ("warnings", &p.warnings),
        ];
        for (field, list) in fact_lists {
            for f in list {
                seen_id(self, field, f.id.as_deref());
                let id = f.id.as_deref().unwrap_or(field);
                self.check_fact_text(fi, pid, field, id, &f.text);
                self.check_cited(fi, pid, field, id, f, known);
                self.check_text(
                    fi,
                    &[Anchor::Id(pid), Anchor::Id(id)],
                    [&f.text].into_iter().chain(&f.note),
                );
            }
        }
        for (field, fact) in [
            ("authority", &p.authority),
            ("time_limit", &p.time_limit),
            ("fees", &p.fees),
            ("validity", &p.validity),
        ] {
            if let Some(f) = fact {
                self.check_fact_text(fi, pid, field, field, &f.text);
                self.check_cited(fi, pid, field, field, f, known);
                self.check_text(
                    fi,
                    &[Anchor::Id(pid), Anchor::Key(field)],
                    [&f.text].into_iter().chain(&f.note),
                );
            }
        }
        for m in p.materials.iter() {
            seen_id(self, "materials", Some(&m.id));
            self.check_fact_text(fi, pid, "materials", &m.id, &m.name);
            self.check_cited(fi, pid, "materials", &m.id, m, known);
            self.check_text(
                fi,
                &[Anchor::Id(pid), Anchor::Id(&m.id)],
                [&m.name]
                    .into_iter()
                    .chain(m.alternatives.iter())
                    .chain(&m.note)
                    .chain(&m.issuer)
                    .chain(&m.copies),
            );
        }
        for c in p.channels.iter() {
            seen_id(self, "channels", Some(&c.id));
            self.check_fact_text(fi, pid, "channels", &c.id, &c.name);
            self.check_cited(fi, pid, "channels", &c.id, c, known);
            self.check_text(
                fi,
                &[Anchor::Id(pid), Anchor::Id(&c.id)],
                [&c.name]
                    .into_iter()
                    .chain(&c.path)
                    .chain(&c.address)
                    .chain(&c.hours)
                    .chain(&c.note),
            );
        }
        for s in p.steps.iter() {
            seen_id(self, "steps", Some(&s.id));
            self.check_fact_text(fi, pid, "steps", &s.id, &s.text);
            self.check_cited(fi, pid, "steps", &s.id, s, known);
            self.check_text(
                fi,
                &[Anchor::Id(pid), Anchor::Id(&s.id)],
                [&s.text].into_iter().chain(&s.note),
            );
        }
        for q in p.faq.iter() {
            seen_id(self, "faq", Some(&q.id));
            self.check_fact_text(fi, pid, "faq", &q.id, &q.q);
            self.check_fact_text(fi, pid, "faq", &q.id, &q.a);
            self.check_cited(fi, pid, "faq", &q.id, q, known);
            self.check_text(fi, &[Anchor::Id(pid), Anchor::Id(&q.id)], [&q.q, &q.a]);
        }
        if let Some(cmp) = &p.comparison {
            for row in cmp.rows.iter() {
                seen_id(self, "comparison", Some(&row.id));
                self.check_fact_text(fi, pid, "comparison", &row.id, &row.label);
                self.check_cited(fi, pid, "comparison", &row.id, row, known);
                self.check_text(
                    fi,
                    &[Anchor::Id(pid), Anchor::Id(&row.id)],
                    [&row.label]
                        .into_iter()
                        .chain(row.cells.iter())
                        .chain(&row.note),
                );
                if !cmp.columns.is_empty() && row.cells.len() != cmp.columns.len() {
                    self.report(
                        fi,
                        &[Anchor::Id(pid), Anchor::Id(&row.id)],
                        Code::E004,
                        format!(
                            "事项 {pid} 对比行 {} 有 {} 格，表头有 {} 列",
                            row.id,
                            row.cells.len(),
                            cmp.columns.len()
                        ),
                    );
                }
            }
        }
        // Definitions were checked for these above; a layer may leave them
        // out, but not set them empty.
        if !definition {
            for (field, v) in [
                ("title", &p.title),
                ("summary", &p.summary),
                ("action_name", &p.action_name),
            ] {
                if v.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    self.empty(
                        fi,
                        &[Anchor::Id(pid), Anchor::Key(field)],
                        &format!("事项 {pid} 的 {field} 为空"),
                    );
                }
            }
        }
        self.check_text(
            fi,
            &[Anchor::Id(pid)],
            p.title.iter().chain(&p.summary).chain(&p.action_name),
        );
    }

    fn check_fact_text(&mut self, fi: usize, pid: &str, field: &str, id: &str, text: &str) {
        if text.trim().is_empty() {
            self.empty(
                fi,
                &[Anchor::Id(pid), Anchor::Key(field), Anchor::Id(id)],
                &format!("事项 {pid} 的 {field} `{id}` 内容为空"),
            );
        }
    }

    fn check_cited(
        &mut self,
        fi: usize,
        pid: &str,
        field: &str,
        id: &str,
        item: &dyn Cited,
        known: Option<&dyn Known>,
    ) {
        let at = [Anchor::Id(pid), Anchor::Key(field), Anchor::Id(id)];
        if item.src().is_empty() {
            self.report(
                fi,
                &at,
                Code::E007,
                format!("事项 {pid} 的 {field} `{id}` 没有注明来源 (src)"),
            );
        }
        for s in item.src() {
            let exists = self.base.has_source(s) || known.is_some_and(|k| k.has_source(s));
            if !exists {
                let mut a = at.to_vec();
                a.push(Anchor::Token(s));
                self.report(
                    fi,
                    &a,
                    Code::E006,
                    format!("事项 {pid} 的 {field} `{id}` 引用的来源 {s} 不在 sources 中"),
                );
            }
        }
    }
}

#[derive(Clone, Copy)]
enum IdKind {
    Procedure,
    Topic,
    Region,
    Item,
}

/// Lowercase ASCII letters and digits (and hyphens where allowed), starting
/// with a letter or digit.
fn is_word(s: &str, hyphens: bool) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || (hyphens && b == b'-'))
}

/// Position of `needle` after the anchors (the anchors' own position if absent).
fn locate_char(text: &str, anchors: &[Anchor<'_>], needle: &str) -> (usize, usize) {
    let (line, _) = locate(text, anchors);
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    match text[start..].find(needle) {
        Some(rel) => {
            let at = start + rel;
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let ls = before.rfind('\n').map_or(0, |i| i + 1);
            (line, before[ls..].chars().count() + 1)
        }
        None => locate(text, anchors),
    }
}

/// A layer of a procedure as the merge sees it, plus the file it came from
/// (for locating findings).
pub struct StackLayer {
    pub tag: LayerTag,
    pub procedure: Procedure,
    /// (path, text) of the file, where the layer came from one being checked.
    pub file: Option<(String, String)>,
}

/// Merges and checks one procedure for one region: every step's channels must
/// exist after merging, and every `remove` must match something.
pub fn check_resolved(layers: &[StackLayer]) -> Vec<Finding> {
    let resolved: Resolved =
        super::merge::resolve(layers.iter().map(|l| (l.tag.clone(), l.procedure.clone())));
    let mut out = Vec::new();
    let file_of = |key: &str| {
        layers
            .iter()
            .rev()
            .find(|l| l.tag.key() == key)
            .and_then(|l| l.file.as_ref())
    };
    let pid = resolved.id.as_ref();
    for s in &resolved.steps {
        for ch in s.item.channels.iter() {
            if resolved.channel(ch).is_none()
                && let Some((path, text)) = file_of(&s.from)
            {
                let (line, col) = locate(
                    text,
                    &[Anchor::Id(pid), Anchor::Id(&s.item.id), Anchor::Token(ch)],
                );
                out.push(Finding::new(
                    path,
                    line,
                    col,
                    Code::E006,
                    format!(
                        "事项 {pid} 的步骤 {} 引用了不存在的渠道 `{ch}`{}",
                        s.item.id,
                        place_note(&s.from)
                    ),
                ));
            }
        }
    }
    if let Some(cmp) = &resolved.comparison {
        let columns_from = resolved
            .field_from
            .iter()
            .find(|f| f.field == "comparison.columns")
            .map(|f| f.from.clone());
        let mut against_columns: Vec<&str> = Vec::new();
        for row in &cmp.rows {
            if row.item.cells.len() == cmp.columns.len() {
                continue;
            }
            // A row from a file being checked is that file's mistake; a
            // built-in row is the mistake of the file that set the columns.
            match file_of(&row.from) {
                Some((path, text)) => {
                    let (line, col) = locate(
                        text,
                        &[
                            Anchor::Id(pid),
                            Anchor::Key("comparison"),
                            Anchor::Id(&row.item.id),
                        ],
                    );
                    out.push(Finding::new(
                        path,
                        line,
                        col,
                        Code::E004,
                        format!(
                            "事项 {pid} 对比行 {} 有 {} 格，合并后的表头有 {} 列",
                            row.item.id,
                            row.item.cells.len(),
                            cmp.columns.len()
                        ),
                    ));
                }
                None => against_columns.push(&row.item.id),
            }
        }
        if !against_columns.is_empty()
            && let Some((path, text)) = columns_from.as_deref().and_then(file_of)
        {
            let (line, col) = locate(
                text,
                &[
                    Anchor::Id(pid),
                    Anchor::Key("comparison"),
                    Anchor::Key("columns"),
                ],
            );
            out.push(Finding::new(
                path,
                line,
                col,
                Code::E004,
                format!(
                    "事项 {pid} 的对比表头改成了 {} 列，但对比行 {} 的格数不同",
                    cmp.columns.len(),
                    against_columns.join("、")
                ),
            ));
        }
    }
    for (from, id) in &resolved.unmatched_removals {
        if let Some((path, text)) = file_of(from) {
            let (line, col) = locate(
                text,
                &[Anchor::Id(pid), Anchor::Key("remove"), Anchor::Token(id)],
            );
            out.push(Finding::new(
                path,
                line,
                col,
                Code::E006,
                format!(
                    "事项 {pid} 要删除的 `{id}` 在下层数据中不存在{}",
                    place_note(from)
                ),
            ));
        }
    }
    out
}

fn place_note(from: &str) -> String {
    if from == "national" {
        String::new()
    } else {
        format!("（合并到 {from} 时）")
    }
}

/// Resolution checks over a complete base: every procedure, nationally and
/// at every region that has a layer for it.
pub fn check_base_resolution(base: &Base) -> Vec<Finding> {
    let mut out = Vec::new();
    for def in base.entries.iter().filter(|e| e.region.is_none()) {
        let id = def.procedure.id.as_ref();
        let mut places: BTreeSet<Option<&str>> = BTreeSet::new();
        places.insert(None);
        for e in base.entries.iter().filter(|e| e.procedure.id == id) {
            places.insert(e.region.as_deref());
        }
        for place in places {
            out.extend(check_resolved(&base_stack(base, id, place)));
        }
    }
    // A problem in a lower layer shows up once per region above it.
    out.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
    });
    out.dedup();
    out
}

/// The layers of procedure `id` at `place` (national, province, city) from
/// one base alone.
fn base_stack(base: &Base, id: &str, place: Option<&str>) -> Vec<StackLayer> {
    use super::merge::{Level, Origin};
    let mut chain: Vec<(Level, Option<&Region>)> = vec![(Level::National, None)];
    if let Some(r) = place.and_then(|p| base.region(p)) {
        match r.parent.as_deref().and_then(|p| base.region(p)) {
            Some(parent) => {
                chain.push((Level::Province, Some(parent)));
                chain.push((Level::City, Some(r)));
            }
            None => chain.push((Level::Province, Some(r))),
        }
    }
    chain
        .into_iter()
        .filter_map(|(level, r)| {
            let e = base.layer(id, r.map(|r| r.id.as_str()))?;
            Some(StackLayer {
                tag: LayerTag {
                    level,
                    region: r.map(|r| r.id.clone().into()),
                    name: r
                        .and_then(|r| r.name.clone())
                        .unwrap_or_else(|| "全国".into())
                        .into(),
                    origin: Origin::Builtin,
                    file: None,
                    checked: e.procedure.checked.clone().unwrap_or_default(),
                },
                procedure: e.procedure.clone(),
                file: Some(base.files[e.file].clone()),
            })
        })
        .collect()
}
