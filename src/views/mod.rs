//! The answers yibao gives, each a value with two faces: serialised, it is the
//! JSON/YAML contract (English keys, `schema_version`); as a [`Document`], it
//! is what the terminal formats print.

mod checklist;
mod choices;
mod lists;
mod plan;
mod plan_view;
mod procedure;
mod search;
mod site;
mod terms;
mod validation;

pub use checklist::{Checklist, ChecklistItem, Section};
pub use choices::{ActionChoices, Choice};
pub use lists::{
    EXAMPLES, FaqItem, FaqPage, Overview, ProcedureList, ProcedureSummary, RegionEntry, RegionList,
    TopicPage, TopicSummary,
};
pub use plan::{
    MaterialUse, PlanAsk, PlanItem, PlanMaterial, PlanPage, PlanPhase, PlanProcedure, PlanStepView,
    SituationRef,
};
pub use plan_view::PlanList;
pub use procedure::{ProcedurePage, ProcedureRef};
pub use search::{SearchResult, SearchResults};
pub use site::{SiteFile, SiteReport};
pub use terms::{TermEntry, TermList, TermPage};
pub use validation::{FindingRef, ValidationReport};

use crate::kb::base::is_stale;
use crate::kb::date::Date;
use crate::kb::i18n::Lang;
use crate::kb::merge::{LayerTag, Origin};
use crate::kb::model::{Confidence, Insured, SourceKind, Str, Text};
use crate::kb::{Kb, RegionInfo, Registry, Resolution};
use crate::render::DocStr;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Where to confirm before acting; every regional answer ends with these.
pub const CONFIRM_WITH: [&str; 3] = [
    "当地医保经办机构",
    "12393 医疗保障服务热线",
    "12333 人社服务热线（社保卡）",
];

/// [`CONFIRM_WITH`] in English.
pub const CONFIRM_WITH_EN: [&str; 3] = [
    "the local medical insurance service office (医保经办机构)",
    "12393, the medical insurance hotline",
    "12333, the human resources and social security hotline (社保卡)",
];

/// Where to confirm, in `lang`.
pub fn confirm_with(lang: Lang) -> [&'static str; 3] {
    lang.pick(CONFIRM_WITH, CONFIRM_WITH_EN)
}

/// Added to facts marked `confidence: check`.
pub(crate) fn varies(lang: Lang) -> &'static str {
    lang.pick("以当地规定为准", "varies by region: check locally")
}

/// A region as answers report it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegionRef {
    pub id: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    /// English name.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub en: &'static str,
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
            en: r.en,
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
    pub publisher: Text,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub file: Text,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub url: Text,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub date: Text,
    /// The language its line is written in.
    #[serde(skip)]
    pub lang: Lang,
}

impl SourceRef {
    fn of(kb: &Kb, id: &str, lang: Lang) -> SourceRef {
        if let Some(s) = kb.loaded_source(id) {
            let text = |t: &Option<Str>| {
                Cow::Owned(
                    t.as_ref()
                        .map_or_else(String::new, |t| t.get(lang).into_owned()),
                )
            };
            let plain = |t: &Option<String>| Cow::Owned(t.clone().unwrap_or_default());
            return SourceRef {
                id: Cow::Owned(s.id.clone()),
                title: Cow::Owned(
                    s.title
                        .as_ref()
                        .map_or_else(|| s.id.clone(), |t| t.get(lang).into_owned()),
                ),
                kind: s.kind.map_or("", SourceKind::as_str),
                publisher: text(&s.publisher),
                file: plain(&s.file),
                url: plain(&s.url),
                date: plain(&s.date),
                lang,
            };
        }
        match kb.builtin_source(id) {
            Some(s) => SourceRef {
                id: Cow::Borrowed(s.id),
                title: crate::kb::pick(lang, s.title, s.title_en),
                kind: s.kind,
                publisher: crate::kb::pick(lang, s.publisher, s.publisher_en),
                file: Cow::Borrowed(s.file),
                url: Cow::Borrowed(s.url),
                date: Cow::Borrowed(s.date),
                lang,
            },
            // Unknown to both (cannot pass the linter): show the id.
            None => SourceRef {
                id: Cow::Owned(id.to_string()),
                title: Cow::Owned(id.to_string()),
                kind: "",
                publisher: Cow::Borrowed(""),
                file: Cow::Borrowed(""),
                url: Cow::Borrowed(""),
                date: Cow::Borrowed(""),
                lang,
            },
        }
    }

    fn line(&self) -> String {
        let mut s = String::with_capacity(self.title.len() + 96);
        s.push('[');
        s.push_str(&self.id);
        s.push_str("] ");
        s.push_str(&self.title);
        let l = self.lang;
        let mut first = true;
        for x in [&self.publisher, &self.date, &self.url] {
            if !x.is_empty() {
                s.push_str(if first {
                    l.pick("（", " (")
                } else {
                    l.pick("，", ", ")
                });
                s.push_str(x);
                first = false;
            }
        }
        if !first {
            s.push_str(l.pick("）", ")"));
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
    /// The reminder when stale, else where to confirm, in the answer's language.
    pub message: String,
}

impl Freshness {
    pub fn of(checked: &Text, today: Date, lang: Lang) -> Freshness {
        let months_old = Date::parse(checked).map_or(0, |d| d.months_until(today));
        let stale = is_stale(months_old);
        let message = if stale {
            match lang {
                Lang::Zh => format!(
                    "提醒：这些资料核实于 {checked}，已超过 {months_old} 个月，政策可能已经调整；{}",
                    confirm_sentence(lang)
                ),
                Lang::En => format!(
                    "Reminder: this was checked on {checked}, more than {months_old} months ago, and the rules may have changed: {}",
                    confirm_sentence(lang)
                ),
            }
        } else {
            checked_line(checked, lang)
        };
        Freshness {
            checked: checked.clone(),
            months_old,
            stale,
            message,
        }
    }

    /// The one freshness line of a printed answer: when the data was
    /// checked and where to confirm it, or the reminder when it is stale.
    pub fn footer(&self) -> String {
        self.message.clone()
    }
}

/// When the data was checked, and where to confirm it.
fn checked_line(checked: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "资料核实于 {checked}；政策会调整，{}",
            confirm_sentence(lang)
        ),
        Lang::En => format!(
            "Checked on {checked}. Rules change: {}",
            confirm_sentence(lang)
        ),
    }
}

/// 「办理前请向……确认。」 naming each of [`CONFIRM_WITH`] in full, so the
/// screen says which hotline is for what, as the JSON does.
fn confirm_sentence(lang: Lang) -> String {
    let [office, medical, card] = confirm_with(lang);
    match lang {
        Lang::Zh => format!("办理前请向{office}、{medical}或 {card}确认。"),
        Lang::En => format!("confirm with {office}, {medical} or {card} before you go."),
    }
}

/// Joins remarks with 「；」 ("; "), dropping each one's closing 「。」 (".").
pub(crate) fn join_notes(parts: &[String], lang: Lang) -> String {
    parts
        .iter()
        .map(|p| p.trim_end_matches(['。', '.']))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(lang.semicolon())
}

/// The short label of a layer key (`national`, a region id, `overlay:…`).
/// Region ids are shown by the built-in registry's short names (English
/// names in English); an id it does not know (a complete base's own region)
/// is shown as it is.
pub fn from_label(key: &str, lang: Lang) -> DocStr<'static> {
    if key.starts_with("overlay:") {
        return Cow::Borrowed(lang.pick("本地补充", "local addition"));
    }
    if key == "national" {
        return Cow::Borrowed(lang.pick("全国", "National"));
    }
    Registry::Builtin.by_id(key).map_or_else(
        || Cow::Owned(key.to_string()),
        |r| {
            Cow::Borrowed(if lang == Lang::En && !r.en.is_empty() {
                r.en
            } else {
                r.short
            })
        },
    )
}

/// A region's name in `lang`: its Chinese name, or its English name with the
/// Chinese beside it.
pub fn region_name(r: RegionInfo, lang: Lang) -> String {
    match lang {
        Lang::En if !r.en.is_empty() => format!("{} ({})", r.en, r.name),
        _ => r.name.to_string(),
    }
}

/// One sentence on which region's data the answer holds.
pub fn coverage(res: &Resolution, lang: Lang) -> String {
    let regional: Vec<&LayerTag> = res.layers.iter().filter(|l| l.region.is_some()).collect();
    let overlay = res.layers.iter().any(|l| l.origin == Origin::Overlay);
    let base = res.layers.iter().any(|l| l.origin == Origin::Base);
    let mut s = match res.region {
        None => lang
            .pick(
                "全国通用规则（未指定地区；加 --region 查看地方资料）。",
                "National rules (no region given; add --region to see local details).",
            )
            .to_string(),
        Some(r) if regional.is_empty() => match lang {
            Lang::Zh => format!("{}暂无本事项的地方资料，以下为全国通用规则。", r.name),
            Lang::En => format!(
                "The guide has no details of its own for {} on this; these are the national rules.",
                region_name(r, lang)
            ),
        },
        Some(r) => {
            let mut names: Vec<&str> = Vec::new();
            for l in &regional {
                if !names.contains(&&*l.name) {
                    names.push(&l.name);
                }
            }
            let names = names.join(lang.comma());
            let city_missing =
                r.is_city() && !regional.iter().any(|l| l.region.as_deref() == Some(r.id));
            match (lang, city_missing) {
                (Lang::Zh, true) => format!(
                    "{}暂无本事项的市级资料；以下含{names}的资料，其余为全国通用规则。",
                    r.name
                ),
                (Lang::Zh, false) => {
                    format!("以下含{names}的资料（「地区」一栏注明），其余为全国通用规则。")
                }
                (Lang::En, true) => format!(
                    "The guide has no city details for {} on this; below are {names}'s details, and national rules for the rest.",
                    region_name(r, lang)
                ),
                (Lang::En, false) => format!(
                    "Below are {names}'s details (marked in the \"Where\" column); the rest are national rules."
                ),
            }
        }
    };
    if overlay {
        s.push_str(lang.pick(
            "含 --data 提供的本地补充资料。",
            " Includes local additions from --data.",
        ));
    }
    if base {
        s.push_str(lang.pick(
            "资料来自 --data 指定的完整知识库，不是内置资料。",
            " The data comes from the complete base given with --data, not the built-in one.",
        ));
    }
    s
}

pub(crate) fn with_check(text: &str, c: Option<Confidence>, lang: Lang) -> DocStr<'_> {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}{}", lang.aside(varies(lang))))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`with_check`] for text kept in an answer.
pub(crate) fn checked_text(text: &Str, c: Option<Confidence>, lang: Lang) -> Text {
    if c == Some(Confidence::Check) {
        Cow::Owned(format!("{text}{}", lang.aside(varies(lang))))
    } else {
        text.text.clone()
    }
}

/// A list of texts joined with 「、」 (", ").
pub(crate) fn join_texts(items: &[Str], lang: Lang) -> String {
    items
        .iter()
        .map(|s| &*s.text)
        .collect::<Vec<_>>()
        .join(lang.comma())
}

pub(crate) fn who_label(who: &[Insured], lang: Lang) -> String {
    who.iter()
        .map(|w| lang.pick(w.label(), w.label_en()))
        .collect::<Vec<_>>()
        .join(lang.comma())
}

pub(crate) fn command_of(topic: &str, action: &str) -> String {
    format!("yibao {topic} {action}")
}
