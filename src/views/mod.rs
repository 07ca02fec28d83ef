//! The answers yibao gives, each a value with two faces: serialised, it is the
//! JSON/YAML contract (English keys, `schema_version`); as a [`Document`], it
//! is what the terminal formats print.

mod checklist;
mod choices;
mod lists;
mod procedure;
mod terms;
mod validation;

pub use checklist::{Checklist, ChecklistItem, Section};
pub use choices::{ActionChoices, Choice};
pub use lists::{
    EXAMPLES, FaqItem, FaqPage, Overview, ProcedureList, ProcedureSummary, RegionEntry, RegionList,
    SearchResult, SearchResults, TopicPage, TopicSummary,
};
pub use procedure::{ProcedurePage, ProcedureRef};
pub use terms::{TermEntry, TermList, TermPage};
pub use validation::{FindingRef, ValidationReport};

use crate::kb::base::is_stale;
use crate::kb::builtin::{self, RegionInfo};
use crate::kb::date::Date;
use crate::kb::merge::LayerTag;
use crate::kb::model::{Confidence, Insured, SourceKind, Text};
use crate::kb::{Kb, Resolution};
use crate::render::Str;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Where to confirm before acting; every regional answer ends with these.
pub const CONFIRM_WITH: [&str; 3] = [
    "当地医保经办机构",
    "12393 医疗保障服务热线",
    "12333 人社服务热线（社保卡）",
];

/// Added to facts marked `confidence: check`.
pub(crate) const VARIES: &str = "以当地规定为准";

/// A region as answers report it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionRef {
    pub id: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    /// `province` or `city`.
    pub level: &'static str,
    /// Province id, for a city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'static str>,
}

impl RegionRef {
    pub fn of(r: RegionInfo) -> RegionRef {
        RegionRef {
            id: r.id,
            code: r.code,
            name: r.name,
            short: r.short,
            level: if r.is_city() { "city" } else { "province" },
            parent: r.province().map(|p| p.id),
        }
    }
}

/// A cited document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourceRef {
    pub id: Text,
    pub title: Text,
    /// `seed` or `public`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub publisher: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub file: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub url: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub date: &'static str,
}

impl SourceRef {
    fn of(kb: &Kb, id: &str) -> SourceRef {
        if let Some(s) = kb.overlay_source(id) {
            return SourceRef {
                id: Cow::Owned(s.id.clone()),
                title: Cow::Owned(s.title.clone().unwrap_or_else(|| s.id.clone())),
                kind: s.kind.map_or("", SourceKind::as_str),
                publisher: "",
                file: "",
                url: "",
                date: "",
            };
        }
        match builtin::source(id) {
            Some(s) => SourceRef {
                id: Cow::Borrowed(s.id),
                title: Cow::Borrowed(s.title),
                kind: s.kind,
                publisher: s.publisher,
                file: s.file,
                url: s.url,
                date: s.date,
            },
            // Unknown to both (cannot pass the linter): show the id.
            None => SourceRef {
                id: Cow::Owned(id.to_string()),
                title: Cow::Owned(id.to_string()),
                kind: "",
                publisher: "",
                file: "",
                url: "",
                date: "",
            },
        }
    }

    fn line(&self) -> String {
        let mut s = String::with_capacity(self.title.len() + 96);
        s.push('[');
        s.push_str(&self.id);
        s.push_str("] ");
        s.push_str(&self.title);
        let mut first = true;
        for x in [self.publisher, self.date, self.url] {
            if !x.is_empty() {
                s.push_str(if first { "（" } else { "，" });
                s.push_str(x);
                first = false;
            }
        }
        if !first {
            s.push('）');
        }
        s
    }
}

/// How current the data is.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Freshness {
    /// The oldest `checked` date of the data shown.
    pub checked: Text,
    pub months_old: i32,
    /// Older than twelve months.
    pub stale: bool,
    /// The reminder when stale, else where to confirm, in Chinese.
    pub message: String,
}

impl Freshness {
    pub fn of(checked: &Text, today: Date) -> Freshness {
        let months_old = Date::parse(checked).map_or(0, |d| d.months_until(today));
        let stale = is_stale(months_old);
        let message = if stale {
            format!(
                "提醒：这些资料核实于 {checked}，已超过 {months_old} 个月，政策可能已经调整；{}",
                confirm_sentence()
            )
        } else {
            checked_line(checked)
        };
        Freshness {
            checked: checked.clone(),
            months_old,
            stale,
            message,
        }
    }

    /// The reminder, when the data is stale.
    pub fn reminder(&self) -> Option<&str> {
        self.stale.then_some(self.message.as_str())
    }

    /// The closing line of a printed answer (the stale reminder goes to stderr).
    pub fn footer(&self) -> String {
        checked_line(&self.checked)
    }
}

/// When the data was checked, and where to confirm it.
fn checked_line(checked: &str) -> String {
    format!("资料核实于 {checked}；政策会调整，{}", confirm_sentence())
}

/// 「办理前请向……确认。」 naming each of [`CONFIRM_WITH`] in full, so the
/// screen says which hotline is for what, as the JSON does.
fn confirm_sentence() -> String {
    let [office, medical, card] = CONFIRM_WITH;
    format!("办理前请向{office}、{medical}或 {card}确认。")
}

/// Joins remarks with 「；」, dropping each one's closing 「。」.
pub(crate) fn join_notes(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim_end_matches('。'))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("；")
}

/// The short label of a layer key (`national`, a region id, `overlay:…`).
pub fn from_label(key: &str) -> Str<'static> {
    if key.starts_with("overlay:") {
        return Cow::Borrowed("本地补充");
    }
    if key == "national" {
        return Cow::Borrowed("全国");
    }
    builtin::region_by_id(key)
        .map_or_else(|| Cow::Owned(key.to_string()), |r| Cow::Borrowed(r.short))
}

/// One sentence on which region's data the answer holds.
pub fn coverage(res: &Resolution) -> String {
    let regional: Vec<&LayerTag> = res.layers.iter().filter(|l| l.region.is_some()).collect();
    let overlay = res
        .layers
        .iter()
        .any(|l| l.origin == crate::kb::merge::Origin::Overlay);
    let mut s = match res.region {
        None => "全国通用规则（未指定地区；加 --region 查看地方资料）。".to_string(),
        Some(r) if regional.is_empty() => {
            format!("{}暂无本事项的地方资料，以下为全国通用规则。", r.name)
        }
        Some(r) => {
            let mut names: Vec<&str> = Vec::new();
            for l in &regional {
                if !names.contains(&&*l.name) {
                    names.push(&l.name);
                }
            }
            let city_missing =
                r.is_city() && !regional.iter().any(|l| l.region.as_deref() == Some(r.id));
            if city_missing {
                format!(
                    "{}暂无本事项的市级资料；以下含{}的资料，其余为全国通用规则。",
                    r.name,
                    names.join("、")
                )
            } else {
                format!(
                    "以下含{}的资料（「地区」一栏注明），其余为全国通用规则。",
                    names.join("、")
                )
            }
        }
    };
    if overlay {
        s.push_str("含 --data 提供的本地补充资料。");
    }
    s
}

pub(crate) fn with_check(text: &str, c: Option<Confidence>) -> Str<'_> {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}（{VARIES}）"))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`with_check`] for text kept in an answer.
pub(crate) fn checked_text(text: &Text, c: Option<Confidence>) -> Text {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}（{VARIES}）"))
    } else {
        text.clone()
    }
}

pub(crate) fn who_label(who: &[Insured]) -> String {
    who.iter().map(|w| w.label()).collect::<Vec<_>>().join("、")
}

pub(crate) fn command_of(topic: &str, action: &str) -> String {
    format!("yibao {topic} {action}")
}
