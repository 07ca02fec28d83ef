//! `yibao <topic> checklist`: what to check, bring and do before going.

use super::*;
use crate::kb::merge::Sourced;
use crate::kb::model::List;
use crate::render::json::SCHEMA_VERSION;
use crate::render::{Block, CheckItem, Document, NoteKind, View};

/// Which part of a checklist an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// A condition to meet (受理条件).
    Condition,
    /// A material to bring (申请材料).
    Material,
    /// Something to do before going.
    Prepare,
}

impl Section {
    /// The sections in the order a checklist shows them.
    const ALL: [Section; 3] = [Section::Condition, Section::Material, Section::Prepare];

    /// The heading a checklist shows over the section.
    fn heading(self, l: Lang) -> &'static str {
        match self {
            Section::Condition => l.pick("先确认", "Check first"),
            Section::Material => l.pick("要带的材料", "What to bring"),
            Section::Prepare => l.pick("出发前", "Before you go"),
        }
    }
}

/// One thing to have or to have done.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChecklistItem {
    pub id: Text,
    pub section: Section,
    pub text: Text,
    pub required: bool,
    pub alternatives: List<Text>,
    /// Only these people need it; empty means everyone.
    pub who: List<Insured>,
    /// Whether it is for the reader (`--as`): false items are left out of
    /// the human formats and of `missing`.
    pub for_you: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Whether `--have` named it.
    pub have: bool,
    /// Layer key the item came from.
    pub from: Text,
}

/// `yibao <topic> checklist [<action>] [--have …]`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Checklist {
    pub schema_version: u32,
    /// Always `checklist`.
    pub kind: &'static str,
    /// The language of the texts: `zh` or `en`.
    pub lang: Lang,
    /// Who the checklist is for (`--as`); `null` for everyone.
    #[serde(rename = "as")]
    pub who: Option<Insured>,
    pub region: Option<RegionRef>,
    pub regional_data: bool,
    pub coverage: String,
    pub layers: Vec<LayerTag>,
    pub procedure: ProcedureRef,
    pub items: Vec<ChecklistItem>,
    /// Ids of required items for the reader that `--have` did not name (all
    /// of them when `--have` is not given).
    pub missing: Vec<Text>,
    /// `--have` words that matched no item.
    pub unmatched_have: Vec<String>,
    /// Whether `--have` was given.
    pub have_given: bool,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
}

impl Checklist {
    /// The checklist of a resolution, in `lang` (localized here), for `who`
    /// (`--as`; `None` for everyone), with what `--have` names ticked.
    pub fn new(
        mut res: Resolution,
        have: Option<&str>,
        today: Date,
        lang: Lang,
        who: Option<Insured>,
    ) -> Checklist {
        res.localize(lang);
        let p = &res.procedure;
        let mut items = Vec::new();
        let fact_item = |section, f: &Sourced<crate::kb::model::Fact>| ChecklistItem {
            id: f.item.id.clone().unwrap_or_default(),
            section,
            text: checked_text(&f.item.text, f.item.confidence, lang),
            required: true,
            alternatives: List::default(),
            who: f.item.who.clone(),
            for_you: super::procedure::for_you(&f.item.who, who),
            note: f.item.note.as_ref().map(|n| n.text.clone()),
            have: false,
            from: f.from.clone(),
        };
        items.extend(
            p.conditions
                .iter()
                .map(|c| fact_item(Section::Condition, c)),
        );
        for m in &p.materials {
            let mut note: Vec<String> = Vec::new();
            note.extend(m.item.copies.iter().map(|c| c.to_string()));
            note.extend(m.item.note.iter().map(|c| c.to_string()));
            if m.item.confidence == Some(Confidence::Check) {
                note.push(varies(lang).into());
            }
            items.push(ChecklistItem {
                id: m.item.id.clone(),
                section: Section::Material,
                text: m.item.name.text.clone(),
                required: m.item.required,
                alternatives: m.item.alternatives.iter().map(|a| a.text.clone()).collect(),
                who: m.item.who.clone(),
                for_you: super::procedure::for_you(&m.item.who, who),
                note: (!note.is_empty()).then(|| Cow::Owned(join_notes(&note, lang))),
                have: false,
                from: m.from.clone(),
            });
        }
        items.extend(p.prepare.iter().map(|c| fact_item(Section::Prepare, c)));
        let mut unmatched = Vec::new();
        if let Some(have) = have {
            for word in have
                .split([',', '，', '、', ';', '；'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
            {
                let mut hit = false;
                for it in &mut items {
                    if have_matches(it, word) {
                        it.have = true;
                        hit = true;
                    }
                }
                if !hit {
                    unmatched.push(word.to_string());
                }
            }
        }
        let missing = items
            .iter()
            .filter(|i| i.required && i.for_you && !i.have)
            .map(|i| i.id.clone())
            .collect();
        Checklist {
            schema_version: SCHEMA_VERSION,
            kind: "checklist",
            lang,
            who,
            region: res.region.map(RegionRef::of),
            regional_data: res.has_regional(),
            coverage: coverage(&res, lang),
            procedure: ProcedureRef {
                id: p.id.clone(),
                title: p.title.text.clone(),
                command: command_of(&p.topic, &p.action),
            },
            items,
            missing,
            unmatched_have: unmatched,
            have_given: have.is_some(),
            freshness: Freshness::of(&p.checked, today, lang),
            confirm_with: confirm_with(lang),
            layers: res.layers,
        }
    }
}

/// Whether a `--have` word names the item: its id; for a material also part
/// of its name or of an alternative (身份证 matches 居民身份证). Conditions
/// and preparations are sentences, so only their ids count: 照片 must not
/// tick "交个人信息和照片".
fn have_matches(item: &ChecklistItem, word: &str) -> bool {
    let w = word.to_lowercase();
    if item.id.eq_ignore_ascii_case(&w) {
        return true;
    }
    item.section == Section::Material
        && w.chars().count() >= 2
        && (item.text.to_lowercase().contains(&w)
            || item
                .alternatives
                .iter()
                .any(|a| a.to_lowercase().contains(&w)))
}

impl ChecklistItem {
    /// The item as a line: its text, what may replace it, whom it is for,
    /// whether it is only needed where asked, its note and its region.
    fn line(&self, l: Lang) -> String {
        let mut s = self.qualified(l);
        if let Some(n) = &self.note {
            if !s.ends_with(['。', '.']) {
                s.push_str(l.colon());
            } else if l == Lang::En {
                s.push(' ');
            }
            s.push_str(n);
        }
        if self.from != "national" {
            s.push_str(&l.tag(&from_label(&self.from, l)));
        }
        s
    }

    /// The text with its alternatives and qualifiers (〔仅职工〕, 〔视情况〕),
    /// as the "still missing" list shows it too.
    fn qualified(&self, l: Lang) -> String {
        let mut s = self.text.to_string();
        if !self.alternatives.is_empty() {
            let alts = self.alternatives.join(l.comma());
            s.push_str(&match l {
                Lang::Zh => format!("（或{alts}）"),
                Lang::En => format!(" (or {alts})"),
            });
        }
        if !self.who.is_empty() {
            s.push_str(&l.tag(&match l {
                Lang::Zh => format!("仅{}", who_label(&self.who, l)),
                Lang::En => format!("only {}", who_label(&self.who, l)),
            }));
        }
        if !self.required {
            s.push_str(&l.tag(l.pick("视情况", "if asked")));
        }
        s
    }
}

impl View for Checklist {
    fn document(&self) -> Document<'_> {
        let l = self.lang;
        let mut d = Document::new(self.lang);
        d.push(Block::Title {
            text: Cow::Owned(match l {
                Lang::Zh => format!("{}：办理清单", self.procedure.title),
                Lang::En => format!("{}: checklist", self.procedure.title),
            }),
            sub: Some(Cow::Borrowed(&self.procedure.command)),
        });
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Borrowed(&self.coverage),
        });
        if let Some(who) = self.who {
            let left_out = self.items.iter().any(|i| !i.for_you);
            d.push(Block::Note {
                kind: NoteKind::Info,
                text: Cow::Owned(match (l, left_out) {
                    (Lang::Zh, true) => format!(
                        "按「{}」列出；只适用于其他人的项目没有列出（去掉 --as 可看全部）。",
                        who.label()
                    ),
                    (Lang::Zh, false) => format!("按「{}」列出。", who.label()),
                    (Lang::En, true) => format!(
                        "Shown for {}; items only for other people are left out (drop --as to see all).",
                        who.label_en()
                    ),
                    (Lang::En, false) => format!("Shown for {}.", who.label_en()),
                }),
            });
        }
        if self.items.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(l.pick(
                "这个事项没有要事先准备的条件或材料；办理步骤见上面的命令。",
                "Nothing to check or bring beforehand; the steps are in the command above.",
            ))));
        }
        for section in Section::ALL {
            let items: Vec<CheckItem<'_>> = self
                .items
                .iter()
                .filter(|i| i.section == section && i.for_you)
                .map(|i| CheckItem {
                    checked: i.have,
                    text: Cow::Owned(i.line(l)),
                })
                .collect();
            if !items.is_empty() {
                d.push(Block::Heading(Cow::Borrowed(section.heading(l))));
                d.push(Block::Checklist(items));
            }
        }
        if self.have_given {
            d.push(Block::Heading(Cow::Borrowed(
                l.pick("还缺", "Still missing"),
            )));
            if self.missing.is_empty() {
                d.push(Block::Paragraph(Cow::Borrowed(l.pick(
                    "清单上的必需项都已备齐。",
                    "You have everything the checklist needs.",
                ))));
            } else {
                d.push(Block::List(
                    self.items
                        .iter()
                        .filter(|i| !i.have && i.required && i.for_you)
                        .map(|i| Cow::Owned(i.qualified(l)))
                        .collect(),
                ));
            }
            if !self.unmatched_have.is_empty() {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: Cow::Owned(match l {
                        Lang::Zh => format!(
                            "--have 中的「{}」没有对应的清单项（可用清单项的名称或 id）。",
                            self.unmatched_have.join("」「")
                        ),
                        Lang::En => format!(
                            "--have: \"{}\" matched no item (use an item's name or id).",
                            self.unmatched_have.join("\", \"")
                        ),
                    }),
                });
            }
        }
        d.begin_footer();
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}
