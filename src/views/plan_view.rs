//! How a plan and the list of situations print, and the text search
//! matches a situation by.

use super::plan::{PlanItem, PlanPage, PlanStepView, SituationRef};
use super::*;
use crate::kb::i18n::Lang;
use crate::kb::situation::{Phase, Situation};
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, CheckItem, Document, NoteKind, Table, View};

/// `yibao plan` with no situation (and no terminal to ask on).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanList {
    pub schema_version: u32,
    /// Always `plan-list`.
    pub kind: &'static str,
    pub lang: Lang,
    pub situations: Vec<SituationRef>,
}

impl PlanList {
    pub fn new(situations: &[Situation], lang: Lang) -> PlanList {
        PlanList {
            schema_version: SCHEMA_VERSION,
            kind: "plan-list",
            lang,
            situations: situations
                .iter()
                .map(|s| SituationRef::of(s, lang))
                .collect(),
        }
    }
}

impl View for PlanList {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Borrowed(lang.pick("办事方案：按你遇到的情况", "Plans for life situations")),
            sub: Some(Cow::Borrowed(lang.pick(
                "yibao plan <情况> [--from 参保地] [--to 就医地] [--as 职工|居民|退休]",
                "yibao plan <situation> [--from REGION] [--to REGION] [--as WHO]",
            ))),
        });
        let mut t = Table {
            headers: vec![
                Cow::Borrowed(lang.pick("情况", "Situation")),
                Cow::Borrowed(lang.pick("也可以说", "Also called")),
                Cow::Borrowed(lang.pick("命令", "Command")),
            ],
            ..Table::default()
        };
        for s in &self.situations {
            t.rows.push(vec![
                Cow::Borrowed(&*s.title),
                Cow::Owned(s.aliases.join(lang.comma())),
                Cow::Borrowed(&*s.command),
            ]);
        }
        d.push(Block::Table(t));
        d.push(Block::Heading(Cow::Borrowed(
            lang.pick("每个方案做什么", "What each plan does"),
        )));
        d.push(Block::Pairs(
            self.situations
                .iter()
                .map(|s| (Cow::Borrowed(&*s.id), Cow::Borrowed(&*s.summary)))
                .collect(),
        ));
        d.push(Block::Paragraph(Cow::Borrowed(lang.pick(
            "在终端上只输入 yibao plan，会一步步问你几个问题再给出方案。",
            "On a terminal, yibao plan alone asks a few questions and then gives the plan.",
        ))));
        d
    }
}

impl PlanItem {
    fn line(&self, lang: Lang) -> String {
        let mut s = self.text.clone();
        if let Some(n) = self
            .note
            .as_deref()
            .map(|n| n.trim_end_matches(['。', '.']))
            && !n.is_empty()
        {
            s.push_str(&lang.aside(n));
        }
        if !self.channels.is_empty() {
            s.push_str(&lang.tag(&format!(
                "{}{}",
                lang.pick("渠道：", "channels: "),
                self.channels.join(lang.comma())
            )));
        }
        if !self.who.is_empty() {
            s.push_str(&lang.tag(&format!(
                "{}{}",
                lang.pick("仅", "only "),
                who_of(&self.who, lang)
            )));
        }
        if self.from != "national" {
            s.push_str(&lang.tag(&from_label(&self.from, lang)));
        }
        s
    }
}

fn who_of(who: &[Insured], lang: Lang) -> String {
    who_label(who, lang)
}

impl PlanStepView {
    /// The step as one checklist entry: what to do, the procedure's items
    /// under it, and where the details are.
    fn entry(&self, lang: Lang) -> String {
        let number = self.number.unwrap_or_default();
        let head = self
            .text
            .clone()
            .or_else(|| self.procedure.as_ref().map(|p| p.title.clone()))
            .unwrap_or_default();
        let mut s = match &self.when {
            Some(w) => format!(
                "{number}. {}{}{head}",
                w.trim_end_matches(['，', '：', ',', ':']),
                lang.colon()
            ),
            None => format!("{number}. {head}"),
        };
        if !self.who.is_empty() {
            s.push_str(&lang.tag(&format!(
                "{}{}",
                lang.pick("仅", "only "),
                who_of(&self.who, lang)
            )));
        }
        for it in self.items.iter().filter(|i| i.applies) {
            s.push_str("\n- ");
            s.push_str(&it.line(lang));
        }
        for (label, text) in [
            (
                lang.pick("不用智能手机：", "Without a smartphone: "),
                &self.offline,
            ),
            (lang.pick("代办：", "Acting for someone: "), &self.proxy),
        ] {
            if let Some(t) = text {
                s.push('\n');
                s.push_str(label);
                s.push_str(t);
            }
        }
        if let Some(p) = &self.procedure {
            s.push('\n');
            s.push_str(&match lang {
                Lang::Zh => format!("详见：{}（{}）", p.command, p.title),
                Lang::En => format!("Details: {} ({})", p.command, p.title),
            });
        }
        s
    }
}

impl View for PlanPage {
    fn document(&self) -> Document<'_> {
        let lang = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(format!(
                "{}{}",
                lang.pick("办事方案：", "Plan: "),
                self.situation.title
            )),
            sub: Some(Cow::Borrowed(&self.command)),
        });
        d.push(Block::Paragraph(Cow::Borrowed(&self.situation.summary)));
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Owned(self.coverage.join("\n")),
        });
        if self.on_behalf {
            d.push(Block::Note {
                kind: NoteKind::Info,
                text: Cow::Borrowed(lang.pick(
                    "替别人办：每一步后面写了代办要带什么、哪些事必须本人去做，以及不用智能手机的办法。",
                    "Acting for someone: each step says what the helper brings, what the person must do in person, and the way without a smartphone.",
                )),
            });
        }
        for (i, phase) in self.phases.iter().enumerate() {
            let items: Vec<CheckItem<'_>> = phase
                .steps
                .iter()
                .filter(|s| s.applies)
                .map(|s| CheckItem {
                    checked: false,
                    text: Cow::Owned(s.entry(lang)),
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            d.push(Block::Heading(Cow::Owned(format!(
                "{}. {}",
                i + 1,
                phase.title
            ))));
            d.push(Block::Checklist(items));
        }
        for (trouble, heading) in [
            (false, lang.pick("要带的材料", "What to bring")),
            (
                true,
                lang.pick(
                    "万一出问题时要用的材料",
                    "Papers for when something goes wrong",
                ),
            ),
        ] {
            let materials: Vec<CheckItem<'_>> = self
                .materials
                .iter()
                .filter(|m| m.applies && (m.phase == Phase::Trouble) == trouble)
                .map(|m| CheckItem {
                    checked: false,
                    text: Cow::Owned(self.material_line(m)),
                })
                .collect();
            if !materials.is_empty() {
                d.push(Block::Heading(Cow::Borrowed(heading)));
                d.push(Block::Checklist(materials));
            }
        }
        let hidden_steps = self
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .filter(|s| !s.applies)
            .count();
        let hidden_materials = self.materials.iter().filter(|m| !m.applies).count();
        if let Some(w) = self.who
            && hidden_steps + hidden_materials > 0
        {
            d.push(Block::Note {
                kind: NoteKind::Info,
                text: Cow::Owned(match lang {
                    Lang::Zh => format!(
                        "按 --as {} 略去了 {hidden_steps} 个步骤、{hidden_materials} 项材料（--json 里都保留）。",
                        w.label()
                    ),
                    Lang::En => format!(
                        "Left out for --as {}: {hidden_steps} steps, {hidden_materials} materials (all kept in --json).",
                        w.label_en()
                    ),
                }),
            });
        }
        // Sources and the checked date close the plan (a page's footer).
        d.begin_footer();
        d.push(Block::Heading(Cow::Borrowed(
            lang.pick("资料来源", "Sources"),
        )));
        d.push(Block::List(
            self.sources.iter().map(|s| Cow::Owned(s.line())).collect(),
        ));
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}

impl PlanPage {
    fn material_line(&self, m: &super::plan::PlanMaterial) -> String {
        let lang = self.lang;
        let mut s = m.name.clone();
        if !m.alternatives.is_empty() {
            let alts = m.alternatives.join(lang.comma());
            s.push_str(&match lang {
                Lang::Zh => format!("（或{alts}）"),
                Lang::En => format!(" (or {alts})"),
            });
        }
        if !m.who.is_empty() {
            s.push_str(&lang.tag(&format!(
                "{}{}",
                lang.pick("仅", "only "),
                who_of(&m.who, lang)
            )));
        }
        if !m.required {
            s.push_str(&lang.tag(lang.pick("视情况", "if asked")));
        }
        if !m.notes.is_empty() {
            s.push_str(lang.colon());
            s.push_str(&m.notes.join(lang.semicolon()));
        }
        let uses: Vec<String> = m
            .used_for
            .iter()
            .map(|u| {
                let numbers: Vec<String> = u
                    .steps
                    .iter()
                    .filter_map(|id| self.number_of(id))
                    .map(|n| n.to_string())
                    .collect();
                match lang {
                    Lang::Zh => format!("{}（第 {} 步）", u.title, numbers.join("、")),
                    Lang::En => format!("{} (step {})", u.title, numbers.join(", ")),
                }
            })
            .collect();
        s.push_str(lang.pick("\n用于：", "\nFor: "));
        s.push_str(&uses.join(lang.semicolon()));
        s
    }

    fn number_of(&self, step: &str) -> Option<usize> {
        self.phases
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.id == step)
            .and_then(|s| s.number)
    }
}
