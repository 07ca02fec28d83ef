//! Per-procedure checks: the id, the topic and region it belongs to, the
//! fields a definition must have, the `checked` date, every list item's id,
//! text and sources, and the related procedures.

use super::super::base::{Entry, Known, is_stale};
use super::super::date::Date;
use super::super::finding::Code;
use super::super::i18n::{Msg, count_en};
use super::super::locate::Anchor;
use super::super::merge::{Cited, split_id};
use super::super::model::{Fact, Procedure};
use super::{Checker, IdKind};
use std::collections::BTreeSet;

impl Checker {
    pub(super) fn check_entry(&mut self, e: &Entry, known: Option<&dyn Known>) {
        let p = &e.procedure;
        let fi = e.file;
        let pid = p.id.as_ref();
        let here = [Anchor::Id(pid)];
        if !self.check_id(fi, pid, IdKind::Procedure) {
            return;
        }
        self.check_english(fi, &here, pid, p);
        if let Some(r) = &e.region
            && !self.region_known(r, known)
        {
            self.report(
                fi,
                &[Anchor::Key("region")],
                Code::E006,
                Msg::new(
                    format!("地区 `{r}` 不在地区表中（yibao regions 可列出全部地区）"),
                    format!(
                        "region {r} is not in the region registry (yibao regions lists every region)"
                    ),
                ),
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
                    Msg::new(
                        format!("事项 {pid} 的主题 {topic} 未在 topics 中定义"),
                        format!("procedure {pid}: its topic {topic} is not defined in topics"),
                    ),
                );
            }
            for (field, v) in [
                ("title", &p.title),
                ("action_name", &p.action_name),
                ("summary", &p.summary),
            ] {
                if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    self.empty(
                        fi,
                        &here,
                        Msg::new(
                            format!("事项 {pid} 缺少 {field}"),
                            format!("procedure {pid} has no {field}"),
                        ),
                    );
                }
            }
            if p.steps.is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("事项 {pid} 没有办理步骤 (steps)"),
                        format!("procedure {pid} has no steps"),
                    ),
                );
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
                    Msg::new(
                        format!("事项 {pid} 是全国定义，replace/remove 只用于地区层或覆盖数据"),
                        format!(
                            "procedure {pid} is a national definition: replace and remove belong in regional layers and overlays only"
                        ),
                    ),
                );
            }
        } else {
            let exists = self.defined.contains(pid) || known.is_some_and(|k| k.has_procedure(pid));
            if !exists {
                self.report(
                    fi,
                    &here,
                    Code::E006,
                    Msg::new(
                        format!(
                            "地区层修改的事项 {pid} 没有全国定义（新事项请写在 region: national 的文件里）"
                        ),
                        format!(
                            "procedure {pid} is changed by a regional layer but has no national definition (write a new procedure in a file with region: national)"
                        ),
                    ),
                );
            }
            if !p.cli_aliases.is_empty() {
                self.report(
                    fi,
                    &[Anchor::Id(pid), Anchor::Key("cli_aliases")],
                    Code::E011,
                    Msg::new(
                        format!("事项 {pid}：命令别名 cli_aliases 只能写在全国定义里"),
                        format!(
                            "procedure {pid}: command aliases (cli_aliases) belong in the national definition only"
                        ),
                    ),
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
                    Msg::new(
                        format!("事项 {pid} 的相关事项 {rel} 不存在"),
                        format!("procedure {pid}: related procedure {rel} does not exist"),
                    ),
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
                Msg::new(
                    format!("事项 {pid} 缺少核实日期 checked (YYYY-MM-DD)"),
                    format!("procedure {pid} has no checked date (YYYY-MM-DD)"),
                ),
            ),
            Some(s) => match Date::parse(s) {
                None => self.report(
                    fi,
                    &here,
                    Code::E008,
                    Msg::new(
                        format!("事项 {pid} 的 checked `{s}` 不是有效日期 (YYYY-MM-DD)"),
                        format!(
                            "procedure {pid}: checked \"{s}\" is not a valid date (YYYY-MM-DD)"
                        ),
                    ),
                ),
                Some(d) if d > self.today => self.report(
                    fi,
                    &here,
                    Code::E008,
                    Msg::new(
                        format!("事项 {pid} 的 checked {s} 在今天 ({}) 之后", self.today),
                        format!(
                            "procedure {pid}: checked {s} is after today ({})",
                            self.today
                        ),
                    ),
                ),
                Some(d) => {
                    let age = d.months_until(self.today);
                    if is_stale(age) {
                        self.report(
                            fi,
                            &here,
                            Code::W001,
                            Msg::new(
                                format!(
                                    "事项 {pid} 的资料核实于 {s}，已超过 {age} 个月；请对照当地最新政策重新核实"
                                ),
                                format!(
                                    "procedure {pid} was checked on {s}, more than {age} months ago; check it again against the latest local rules"
                                ),
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
                Msg::new(
                    format!("事项 {pid} 的 {field} 中有一项缺少 id"),
                    format!("procedure {pid}: an item of {field} has no id"),
                ),
            ),
            Some(id) => {
                if me.check_id(fi, id, IdKind::Item) && !ids.insert(id.to_string()) {
                    // Point at the second use of the id, not the first.
                    me.report(
                        fi,
                        &[Anchor::Id(pid), Anchor::Id(id), Anchor::Id(id)],
                        Code::E005,
                        Msg::new(
                            format!("事项 {pid} 中 id `{id}` 重复（同一事项各列表的 id 须唯一）"),
                            format!(
                                "procedure {pid}: id \"{id}\" is used twice (the ids of all lists of a procedure must differ)"
                            ),
                        ),
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
                        Msg::new(
                            format!(
                                "事项 {pid} 对比行 {} 有 {} 格，表头有 {} 列",
                                row.id,
                                row.cells.len(),
                                cmp.columns.len()
                            ),
                            format!(
                                "procedure {pid}: comparison row {} has {} but the header has {}",
                                row.id,
                                count_en(row.cells.len(), "cell", "cells"),
                                count_en(cmp.columns.len(), "column", "columns")
                            ),
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
                        Msg::new(
                            format!("事项 {pid} 的 {field} 为空"),
                            format!("procedure {pid}: {field} is empty"),
                        ),
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
                Msg::new(
                    format!("事项 {pid} 的 {field} `{id}` 内容为空"),
                    format!("procedure {pid}: {field} item {id} is empty"),
                ),
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
                Msg::new(
                    format!("事项 {pid} 的 {field} `{id}` 没有注明来源 (src)"),
                    format!("procedure {pid}: {field} item {id} gives no source (src)"),
                ),
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
                    Msg::new(
                        format!("事项 {pid} 的 {field} `{id}` 引用的来源 {s} 不在 sources 中"),
                        format!(
                            "procedure {pid}: {field} item {id} cites source {s}, which is not in sources"
                        ),
                    ),
                );
            }
        }
    }
}
