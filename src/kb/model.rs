//! The knowledge base as typed structs: what a YAML file under `data/` may say.
//!
//! One procedure follows the fields of a Chinese government service guide
//! (政务服务事项办事指南, GB/T 39046—2020). The same struct serves a complete
//! national procedure and a regional or overlay *layer* that changes a few
//! fields of it; `validate` says which fields each must have.

pub use super::i18n::Str;
use super::i18n::{Texts, no_texts, texts_struct};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text of the knowledge base: borrowed from the compiled base, or owned
/// when read from YAML.
pub type Text = Cow<'static, str>;

/// A list of the knowledge base, borrowed or owned like [`Text`].
pub type List<T> = Cow<'static, [T]>;

fn is_empty<T: Clone>(l: &List<T>) -> bool {
    l.is_empty()
}

/// One YAML file of the knowledge base. A file holds any of the sections below;
/// a file of procedures names the region they belong to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Region the procedures in this file apply to: `national`, or a region id
    /// from the registry (`heilongjiang`, `heihe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Procedures (national files) or layers over them (regional files, overlays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<Procedure>,
    /// Topics: the first word of `yibao <topic> <action>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
    /// Documents that facts cite by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The region registry: provincial units and prefecture-level cities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    /// The glossary: 医保 words explained in plain Chinese.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    /// Life situations and their plans (`yibao plan`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<super::situation::Situation>,
    /// Everyday words people search with, and the knowledge base's words
    /// they mean: 丢了 → 挂失, 补办.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Synonym>,
}

/// A topic groups procedures: `card`, `filing`, `family` …
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Command word, lowercase ASCII: `card`.
    pub id: String,
    /// Chinese name shown to users: `医保卡/社保卡`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Str>,
    /// Other command words that reach this topic: `医保卡`, `社保卡`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One line on what the topic covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Str>,
    /// Procedure whose checklist `yibao <topic> checklist` shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
}

/// A document that facts rest on: a seed article or a public document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Id that facts cite in their `src` list: `seed-000`, `nhsa-2022-22`.
    pub id: String,
    /// Title of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Str>,
    /// `seed` (an article in shared/seeds) or `public` (an official or widely
    /// agreed public document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Str>,
    /// File name of a seed article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Web address, where one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` or `YYYY-MM` or `YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Anything a reader should know about this source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
}

/// A glossary entry: one 医保 word explained so that anyone can follow it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Id, lowercase ASCII with hyphens: `designated-institution`.
    pub id: String,
    /// The word as people meet it on forms and pages: `定点医疗机构`.
    pub term: Str,
    /// Other names for the same thing: `定点医院`, `定点药店`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What it means, in one plain sentence.
    pub text: Str,
    /// A worked example, where a number or a rule needs one:
    /// 「家里报70%，最多降到60%」.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Str>,
    /// Ids of procedures where the word matters: `filing.apply`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Ids of the sources the explanation rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub src: Vec<String>,
    /// How sure the knowledge base is; `check` adds a "varies by region" note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

texts_struct!(Topic {
    id,
    name,
    aliases,
    summary,
    primary
});

texts_struct!(Source {
    id,
    title,
    kind,
    publisher,
    file,
    url,
    date,
    note
});

no_texts!(Option<SourceKind>);
/// Everyday words and the words of the knowledge base they mean, for
/// `yibao search`: a question with 丢了 finds what says 挂失 or 补办.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// What people type, lowercase: `丢了`, `掉了`, `找不到`, `missing`.
    pub words: Vec<String>,
    /// Words of the knowledge base they mean — a keyword, command word,
    /// topic name, title or glossary term: `挂失`, `补办`.
    pub means: Vec<String>,
}

/// Kind of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An article among the project's seed material.
    Seed,
    /// An official document, or several agreeing public sources.
    Public,
}

impl SourceKind {
    /// The word the YAML and the JSON answers use: `seed` or `public`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Seed => "seed",
            SourceKind::Public => "public",
        }
    }
}

/// A region of the registry: a provincial unit or a prefecture-level city.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Pinyin id, lowercase ASCII: `heilongjiang`, `heihe`.
    pub id: String,
    /// GB/T 2260 administrative division code: `230000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Full Chinese name: `黑龙江省`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Short Chinese name: `黑龙江`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Id of the province a city belongs to; absent for provincial units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// English name, also accepted by `--region`: `Harbin`, `Inner Mongolia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Other names that `--region` accepts: English names, abbreviations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A procedure (办事事项) or a layer that changes one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// `<topic>.<action>`, lowercase ASCII: `card.replace`.
    pub id: Text,
    /// 事项名称: the full title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Str>,
    /// Short Chinese name of the action, also a command word: `挂失补办`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_name: Option<Str>,
    /// More command words for the action: `补办`, `挂失`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub cli_aliases: List<Text>,
    /// Words that `yibao search` should match besides the text itself.
    #[serde(default, skip_serializing_if = "Keywords::is_empty")]
    pub keywords: Keywords,
    /// Two or three sentences: what this is and when you need it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Str>,
    /// 服务对象: who it applies to; empty means everyone insured.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub applies_to: List<Insured>,
    /// 实施主体/承办机构: who handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Fact>,
    /// 设定依据: the rules it rests on.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub basis: List<Fact>,
    /// 受理条件: what must be true before you apply.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub conditions: List<Fact>,
    /// 申请材料: what to bring or upload.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub materials: List<Material>,
    /// Things to do before you go (checklist items that are not documents).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub prepare: List<Fact>,
    /// 办理渠道: where and how it can be done.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub channels: List<Channel>,
    /// 办理流程: the steps, in order.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub steps: List<Step>,
    /// 办结时限: how long it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<Fact>,
    /// 收费: what it costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Fact>,
    /// 有效期: how long the result lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<Fact>,
    /// 不用智能手机怎么办: for a procedure with app, WeChat or Alipay routes,
    /// the way that needs no phone — a window, a phone line, a relative acting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline: Option<Fact>,
    /// 帮别人办（代办）: how someone acts for another adult or for a child —
    /// what the helper brings, and what the person must still do themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Fact>,
    /// Helpful hints.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub tips: List<Fact>,
    /// What can go wrong, and what is against the rules.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub warnings: List<Fact>,
    /// 常见问题.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub faq: List<Faq>,
    /// A side-by-side comparison (for `scheme compare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// Ids of related procedures.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub related: List<Text>,
    /// Date the facts were last checked against their sources, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Text>,
    /// Layers only: lists that this layer replaces whole instead of merging
    /// item by item.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub replace: List<ListField>,
    /// Layers only: ids of items (in any list) that this layer removes.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub remove: List<Text>,
}

impl Procedure {
    /// The words people may call it by: its action name (Chinese and
    /// English), command aliases and search keywords.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.action_name
            .iter()
            .flat_map(|a| std::iter::once(&*a.text).chain(a.en.as_deref()))
            .chain(
                self.cli_aliases
                    .iter()
                    .chain(self.keywords.zh.iter())
                    .chain(self.keywords.en.iter())
                    .chain(self.keywords.pinyin.iter())
                    .map(|w| &**w),
            )
    }
}

/// Search words in three scripts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    /// Chinese words: `丢了`, `换卡`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub zh: List<Text>,
    /// English words: `lost card`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub en: List<Text>,
    /// Pinyin, without tones: `buban`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub pinyin: List<Text>,
}

impl Keywords {
    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty() && self.pinyin.is_empty()
    }
}

/// One statement of fact with the sources it rests on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Id within the procedure (required for list items): `loss-report`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Text>,
    /// The statement, in plain Chinese.
    #[serde(default)]
    pub text: Str,
    /// Only these people are concerned (a condition for minors, a
    /// preparation for employees); empty means everyone.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub who: List<Insured>,
    /// Ids of the sources it rests on.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How sure the knowledge base is; `check` adds a "varies by region" note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// A remark: a regional difference, a correction of a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
}

/// How well a fact is sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Stated in a seed article.
    Seed,
    /// Found in official or several agreeing public sources.
    Public,
    /// Plausible but weakly sourced: shown with 以当地规定为准.
    Check,
}

/// Groups of insured people, for `applies_to` and `who`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Insured {
    /// 职工医保参保人 (insured through an employer).
    Employee,
    /// 灵活就业人员 (self-employed, paying 职工医保 alone).
    Flexible,
    /// 城乡居民医保参保人.
    Resident,
    /// 退休人员.
    Retiree,
    /// 未成年人 (under 16).
    Minor,
    /// 代办人/监护人 (someone acting for the insured).
    Agent,
}

impl Insured {
    /// The groups `--as` names: (id, Chinese word) — who you are decides
    /// which materials and steps are yours.
    pub const AS: [(Insured, &'static str, &'static str); 5] = [
        (Insured::Employee, "employee", "职工"),
        (Insured::Resident, "resident", "居民"),
        (Insured::Retiree, "retiree", "退休"),
        (Insured::Flexible, "flexible", "灵活就业"),
        (Insured::Minor, "minor", "未成年人"),
    ];

    /// The group `--as` text names: an id or its Chinese word (also the
    /// full label, e.g. 城乡居民, 退休人员), any case.
    pub fn parse_as(text: &str) -> Option<Insured> {
        let t = text.trim();
        Insured::AS
            .iter()
            .find(|(who, id, zh)| {
                t.eq_ignore_ascii_case(id) || t == *zh || t == who.label() || t == who.label_en()
            })
            .map(|(who, _, _)| *who)
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Insured::Employee => "employees",
            Insured::Flexible => "self-employed",
            Insured::Resident => "residents",
            Insured::Retiree => "retirees",
            Insured::Minor => "minors",
            Insured::Agent => "agents",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Insured::Employee => "职工",
            Insured::Flexible => "灵活就业",
            Insured::Resident => "城乡居民",
            Insured::Retiree => "退休人员",
            Insured::Minor => "未成年人",
            Insured::Agent => "代办人",
        }
    }
}

/// 申请材料: one document or item to bring.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Id within the procedure; `--have` accepts it: `id-card`.
    pub id: Text,
    /// 材料名称: `居民身份证`.
    #[serde(default)]
    pub name: Str,
    /// 是否必备: false means optional or only where asked.
    #[serde(default = "yes")]
    pub required: bool,
    /// What may be brought instead: `户口簿`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub alternatives: List<Str>,
    /// Only these people need it; empty means everyone.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub who: List<Insured>,
    /// 出具机构: who issues the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Str>,
    /// 原件/复印件份数: `原件`, `复印件1份`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<Str>,
    /// 材料说明.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
    /// Ids of the sources.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

fn yes() -> bool {
    true
}

/// 办理渠道: one place or way to do it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Id within the procedure; steps refer to it: `nhsa-app`.
    pub id: Text,
    /// What kind of channel.
    #[serde(default)]
    pub kind: ChannelKind,
    /// Name: `国家医保服务平台APP`.
    #[serde(default)]
    pub name: Str,
    /// Menu path inside an app or account: `首页 → 医保钱包 → 转账`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<Str>,
    /// Street address of a window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Str>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Text>,
    /// Opening hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Str>,
    /// Web address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// Anything else: who may use it, what to bring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
    /// Ids of the sources.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// Kind of channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// A phone app.
    App,
    /// A WeChat official account or mini program.
    Wechat,
    /// An Alipay mini program or service.
    Alipay,
    /// A website.
    Web,
    /// A telephone line.
    Phone,
    /// A service window (经办机构窗口, 服务大厅).
    #[default]
    Window,
    /// A bank branch.
    Bank,
    /// Through the employer.
    Employer,
    /// A self-service kiosk.
    Kiosk,
    /// A designated hospital or clinic (定点医疗机构).
    Hospital,
    /// A designated pharmacy (定点零售药店).
    Pharmacy,
    /// By post.
    Post,
}

impl ChannelKind {
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            ChannelKind::App => "phone app",
            ChannelKind::Wechat => "WeChat",
            ChannelKind::Alipay => "Alipay",
            ChannelKind::Web => "website",
            ChannelKind::Phone => "phone line",
            ChannelKind::Window => "service window",
            ChannelKind::Bank => "bank branch",
            ChannelKind::Employer => "employer",
            ChannelKind::Kiosk => "self-service kiosk",
            ChannelKind::Hospital => "hospital or clinic",
            ChannelKind::Pharmacy => "pharmacy",
            ChannelKind::Post => "by post",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::App => "手机APP",
            ChannelKind::Wechat => "微信",
            ChannelKind::Alipay => "支付宝",
            ChannelKind::Web => "网站",
            ChannelKind::Phone => "电话",
            ChannelKind::Window => "窗口",
            ChannelKind::Bank => "银行网点",
            ChannelKind::Employer => "单位",
            ChannelKind::Kiosk => "自助终端",
            ChannelKind::Hospital => "医疗机构",
            ChannelKind::Pharmacy => "药店",
            ChannelKind::Post => "邮寄",
        }
    }
}

/// 办理流程: one step.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Id within the procedure: `report-loss`.
    pub id: Text,
    /// What to do.
    #[serde(default)]
    pub text: Str,
    /// Ids of the channels this step uses.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub channels: List<Text>,
    /// Only these people take this step; empty means everyone.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub who: List<Insured>,
    /// A remark on the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
    /// Ids of the sources.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// 常见问题: a question and its answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// Id within the procedure.
    pub id: Text,
    /// The question.
    #[serde(default)]
    pub q: Str,
    /// The answer.
    #[serde(default)]
    pub a: Str,
    /// Ids of the sources.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// A side-by-side comparison table.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Column headings: `职工医保`, `居民医保`.
    #[serde(default)]
    pub columns: List<Str>,
    /// One row per aspect compared.
    #[serde(default)]
    pub rows: List<ComparisonRow>,
}

/// One aspect compared across the columns.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComparisonRow {
    /// Id within the procedure: `who`.
    pub id: Text,
    /// Row heading: `参保对象`.
    #[serde(default)]
    pub label: Str,
    /// One cell per column, in column order.
    #[serde(default)]
    pub cells: List<Str>,
    /// A remark on the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Str>,
    /// Ids of the sources.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub src: List<Text>,
    /// How well sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// The lists of a procedure that a layer can replace whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListField {
    Basis,
    Conditions,
    Materials,
    Prepare,
    Channels,
    Steps,
    Tips,
    Warnings,
    Faq,
    Comparison,
    Related,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_kind_words_are_the_yaml_words() {
        for kind in [SourceKind::Seed, SourceKind::Public] {
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.as_str().into()));
        }
    }
}
