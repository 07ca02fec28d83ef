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
    fn heading(self) -> &'static str {
        match self {
            Section::Condition => "先确认",
            Section::Material => "要带的材料",
            Section::Prepare => "出发前",
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
    pub region: Option<RegionRef>,
    pub regional_data: bool,
    pub coverage: String,
    pub layers: Vec<LayerTag>,
    pub procedure: ProcedureRef,
    pub items: Vec<ChecklistItem>,
    /// Ids of required items `--have` did not name (all required items when
    /// `--have` is not given).
    pub missing: Vec<Text>,
    /// `--have` words that matched no item.
    pub unmatched_have: Vec<String>,
    /// Whether `--have` was given.
    pub have_given: bool,
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
}

impl Checklist {
    pub fn new(res: Resolution, have: Option<&str>, today: Date) -> Checklist {
        let p = &res.procedure;
        let mut items = Vec::new();
        let fact_item = |section, f: &Sourced<crate::kb::model::Fact>| ChecklistItem {
            id: f.item.id.clone().unwrap_or_default(),
            section,
            text: checked_text(&f.item.text, f.item.confidence),
            required: true,
            alternatives: List::default(),
            who: List::default(),
            note: f.item.note.clone(),
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
                note.push(VARIES.into());
            }
            items.push(ChecklistItem {
                id: m.item.id.clone(),
                section: Section::Material,
                text: m.item.name.clone(),
                required: m.item.required,
                alternatives: m.item.alternatives.clone(),
                who: m.item.who.clone(),
                note: (!note.is_empty()).then(|| Cow::Owned(join_notes(&note))),
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
            .filter(|i| i.required && !i.have)
            .map(|i| i.id.clone())
            .collect();
        Checklist {
            schema_version: SCHEMA_VERSION,
            kind: "checklist",
            region: res.region.map(RegionRef::of),
            regional_data: res.has_regional(),
            coverage: coverage(&res),
            procedure: ProcedureRef {
                id: p.id.clone(),
                title: p.title.clone(),
                command: command_of(&p.topic, &p.action),
            },
            items,
            missing,
            unmatched_have: unmatched,
            have_given: have.is_some(),
            freshness: Freshness::of(&p.checked, today),
            confirm_with: CONFIRM_WITH,
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
    fn line(&self) -> String {
        let mut s = self.text.to_string();
        if !self.alternatives.is_empty() {
            s.push_str(&format!("（或{}）", self.alternatives.join("、")));
        }
        if !self.who.is_empty() {
            s.push_str(&format!("〔仅{}〕", who_label(&self.who)));
        }
        if !self.required {
            s.push_str("〔视情况〕");
        }
        if let Some(n) = &self.note {
            if !s.ends_with('。') {
                s.push('：');
            }
            s.push_str(n);
        }
        if self.from != "national" {
            s.push_str(&format!("〔{}〕", from_label(&self.from)));
        }
        s
    }
}

impl View for Checklist {
    fn reminder(&self) -> Option<&str> {
        self.freshness.reminder()
    }

    fn document(&self) -> Document<'_> {
        let mut d = Document::default();
        d.push(Block::Title {
            text: Cow::Owned(format!("{}：办理清单", self.procedure.title)),
            sub: Some(Cow::Borrowed(&self.procedure.command)),
        });
        d.push(Block::Note {
            kind: NoteKind::Info,
            text: Cow::Borrowed(&self.coverage),
        });
        if self.items.is_empty() {
            d.push(Block::Paragraph(Cow::Borrowed(
                "这个事项没有要事先准备的条件或材料；办理步骤见上面的命令。",
            )));
        }
        for section in Section::ALL {
            let items: Vec<CheckItem<'_>> = self
                .items
                .iter()
                .filter(|i| i.section == section)
                .map(|i| CheckItem {
                    checked: i.have,
                    text: Cow::Owned(i.line()),
                })
                .collect();
            if !items.is_empty() {
                d.push(Block::Heading(Cow::Borrowed(section.heading())));
                d.push(Block::Checklist(items));
            }
        }
        if self.have_given {
            d.push(Block::Heading(Cow::Borrowed("还缺")));
            if self.missing.is_empty() {
                d.push(Block::Paragraph(Cow::Borrowed("清单上的必需项都已备齐。")));
            } else {
                d.push(Block::List(
                    self.items
                        .iter()
                        .filter(|i| !i.have && i.required)
                        .map(|i| Cow::Borrowed(&*i.text))
                        .collect(),
                ));
            }
            if !self.unmatched_have.is_empty() {
                d.push(Block::Note {
                    kind: NoteKind::Warning,
                    text: Cow::Owned(format!(
                        "--have 中的「{}」没有对应的清单项（可用清单项的名称或 id）。",
                        self.unmatched_have.join("」「")
                    )),
                });
            }
        }
        d.begin_footer();
        d.push(Block::Paragraph(Cow::Owned(self.freshness.footer())));
        d
    }
}
