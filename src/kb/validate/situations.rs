//! Checks of the situations (`yibao plan`): ids and names, the procedures
//! and items each plan step points at (in this base, or for an overlay in
//! the built-in base plus the overlay), sources where a step speaks for
//! itself, and the `checked` date.

use super::super::base::{Known, is_stale};
use super::super::date::Date;
use super::super::finding::Code;
use super::super::i18n::Msg;
use super::super::locate::Anchor;
use super::super::situation::{Pick, PlanStep, Situation};
use super::{Checker, IdKind};
use std::collections::{BTreeMap, BTreeSet};

impl Checker {
    pub(super) fn check_situations(&mut self, known: Option<&dyn Known>) {
        let situations = std::mem::take(&mut self.base.situations);
        let mut ids: BTreeSet<&str> = BTreeSet::new();
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        for (fi, s) in &situations {
            let sid = &*s.id;
            if !self.check_id(*fi, sid, IdKind::Item) {
                continue;
            }
            if !ids.insert(sid) {
                self.report(
                    *fi,
                    &[Anchor::Id(sid), Anchor::Id(sid)],
                    Code::E005,
                    Msg::new(
                        format!("情况 id {sid} 重复 (duplicate situation)"),
                        format!("situation id {sid} is used twice"),
                    ),
                );
            }
            for name in s.names() {
                match names.get(name) {
                    Some(owner) if *owner != sid => self.report(
                        *fi,
                        &[Anchor::Id(sid), Anchor::Token(name)],
                        Code::E005,
                        Msg::new(
                            format!("说法「{name}」已被情况 {owner} 使用，{sid} 不能再用"),
                            format!(
                                "name \"{name}\" is taken by situation {owner}; {sid} cannot use it too"
                            ),
                        ),
                    ),
                    _ => {
                        names.insert(name.to_string(), sid);
                    }
                }
            }
            self.check_situation(*fi, s, known);
        }
        self.base.situations = situations;
    }

    fn check_situation(&mut self, fi: usize, s: &Situation, known: Option<&dyn Known>) {
        let sid = &*s.id;
        let here = [Anchor::Id(sid)];
        self.check_english(fi, &here, sid, s);
        for (field, text) in [("title", &s.title), ("summary", &s.summary)] {
            if text.trim().is_empty() {
                self.empty(
                    fi,
                    &here,
                    Msg::new(
                        format!("情况 {sid} 缺少 {field}"),
                        format!("situation {sid} has no {field}"),
                    ),
                );
            }
        }
        self.check_text(fi, &here, [&*s.title, &*s.summary]);
        if s.plan.is_empty() {
            self.empty(
                fi,
                &here,
                Msg::new(
                    format!("情况 {sid} 没有方案步骤 (plan)"),
                    format!("situation {sid} has no plan steps (plan)"),
                ),
            );
        }
        let what = Msg::new(sid, format!("situation {sid}"));
        self.check_sources(fi, &here, &what, "src", &s.src, known);
        self.check_situation_date(fi, sid, s.checked.as_deref());
        let mut step_ids: BTreeSet<&str> = BTreeSet::new();
        for step in s.plan.iter() {
            if !self.check_id(fi, &step.id, IdKind::Item) {
                continue;
            }
            if !step_ids.insert(&step.id) {
                self.report(
                    fi,
                    &[Anchor::Id(sid), Anchor::Id(&step.id), Anchor::Id(&step.id)],
                    Code::E005,
                    Msg::new(
                        format!("情况 {sid} 的步骤 id `{}` 重复", step.id),
                        format!("situation {sid}: step id {} is used twice", step.id),
                    ),
                );
            }
            self.check_plan_step(fi, sid, step, known);
        }
    }

    fn check_plan_step(
        &mut self,
        fi: usize,
        sid: &str,
        step: &PlanStep,
        known: Option<&dyn Known>,
    ) {
        let at = [Anchor::Id(sid), Anchor::Id(&step.id)];
        let what = Msg::new(
            format!("情况 {sid} 的步骤 {}", step.id),
            format!("situation {sid}, step {}", step.id),
        );
        let en = &what.en;
        self.check_text(fi, &at, step.text.iter().chain(&step.when).map(|t| &**t));
        if step.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.empty(
                fi,
                &at,
                Msg::new(
                    format!("{what} 的 text 为空"),
                    format!("{en}: text is empty"),
                ),
            );
        }
        self.check_sources(fi, &at, &what, "src", &step.src, known);
        let Some(pid) = step.procedure.as_deref() else {
            // A step of its own: a fact the situation states, with sources.
            if step.text.is_none() {
                self.empty(
                    fi,
                    &at,
                    Msg::new(
                        format!("{what} 既没有 procedure 也没有 text"),
                        format!("{en} has neither procedure nor text"),
                    ),
                );
            } else if step.src.is_empty() {
                self.report(
                    fi,
                    &at,
                    Code::E007,
                    Msg::new(
                        format!("{what} 不引用办事指南，它自己的说法要注明来源 (src)"),
                        format!("{en} points at no procedure, so its own text needs sources (src)"),
                    ),
                );
            }
            if step.steps.is_some() {
                self.report(
                    fi,
                    &[Anchor::Id(sid), Anchor::Id(&step.id), Anchor::Key("steps")],
                    Code::E011,
                    Msg::new(
                        format!("{what} 没有 procedure，不能选 steps"),
                        format!("{en} has no procedure, so it cannot pick steps"),
                    ),
                );
            }
            return;
        };
        let exists = self.base.has_procedure(pid) || known.is_some_and(|k| k.has_procedure(pid));
        if !exists {
            self.report(
                fi,
                &[Anchor::Id(sid), Anchor::Id(&step.id), Anchor::Token(pid)],
                Code::E006,
                Msg::new(
                    format!("{what} 引用的办事指南 {pid} 不存在（yibao list 可列出全部）"),
                    format!(
                        "{en} points at procedure {pid}, which does not exist (yibao list lists them all)"
                    ),
                ),
            );
            return;
        }
        let Some(Pick::Ids(ids)) = &step.steps else {
            return;
        };
        if ids.is_empty() {
            self.empty(
                fi,
                &[Anchor::Id(sid), Anchor::Id(&step.id), Anchor::Key("steps")],
                Msg::new(
                    format!("{what} 的 steps 是空列表（全部步骤请写 all）"),
                    format!("{en}: steps is an empty list (write all for every step)"),
                ),
            );
        }
        let mut items: BTreeSet<String> = self.base.procedure_items(pid).into_iter().collect();
        if let Some(k) = known {
            items.extend(k.procedure_items(pid));
        }
        for id in ids.iter() {
            if !items.contains(&**id) {
                self.report(
                    fi,
                    &[
                        Anchor::Id(sid),
                        Anchor::Id(&step.id),
                        Anchor::Key("steps"),
                        Anchor::Token(id),
                    ],
                    Code::E006,
                    Msg::new(
                        format!(
                            "{what} 要的 `{id}` 不是 {pid} 的步骤、准备、条件、提示、注意或问答 id"
                        ),
                        format!(
                            "{en} asks for {id}, which is not the id of a step, preparation, condition, tip, warning or question of {pid}"
                        ),
                    ),
                );
            }
        }
    }

    fn check_sources(
        &mut self,
        fi: usize,
        at: &[Anchor<'_>],
        what: &Msg,
        key: &str,
        src: &[super::super::model::Text],
        known: Option<&dyn Known>,
    ) {
        for s in src {
            let exists = self.base.has_source(s) || known.is_some_and(|k| k.has_source(s));
            if !exists {
                let mut a = at.to_vec();
                a.push(Anchor::Key(key));
                a.push(Anchor::Token(s));
                self.report(
                    fi,
                    &a,
                    Code::E006,
                    Msg::new(
                        format!("{} 引用的来源 {s} 不在 sources 中", what.zh),
                        format!("{} cites source {s}, which is not in sources", what.en),
                    ),
                );
            }
        }
    }

    fn check_situation_date(&mut self, fi: usize, sid: &str, checked: Option<&str>) {
        let here = [Anchor::Id(sid), Anchor::Key("checked")];
        match checked.map(|c| (c, Date::parse(c))) {
            None => self.report(
                fi,
                &[Anchor::Id(sid)],
                Code::E008,
                Msg::new(
                    format!("情况 {sid} 缺少核实日期 checked (YYYY-MM-DD)"),
                    format!("situation {sid} has no checked date (YYYY-MM-DD)"),
                ),
            ),
            Some((c, None)) => self.report(
                fi,
                &here,
                Code::E008,
                Msg::new(
                    format!("情况 {sid} 的 checked `{c}` 不是有效日期 (YYYY-MM-DD)"),
                    format!("situation {sid}: checked \"{c}\" is not a valid date (YYYY-MM-DD)"),
                ),
            ),
            Some((c, Some(d))) if d > self.today => self.report(
                fi,
                &here,
                Code::E008,
                Msg::new(
                    format!("情况 {sid} 的 checked {c} 在今天 ({}) 之后", self.today),
                    format!(
                        "situation {sid}: checked {c} is after today ({})",
                        self.today
                    ),
                ),
            ),
            Some((c, Some(d))) => {
                let age = d.months_until(self.today);
                if is_stale(age) {
                    self.report(
                        fi,
                        &here,
                        Code::W001,
                        Msg::new(
                            format!("情况 {sid} 核实于 {c}，已超过 {age} 个月；请重新核实"),
                            format!(
                                "situation {sid} was checked on {c}, more than {age} months ago; check it again"
                            ),
                        ),
                    );
                }
            }
        }
    }
}
