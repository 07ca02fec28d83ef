//! The guide's two languages. Chinese is the language of the sources and the
//! default; every text of the built-in base also carries an English version
//! in the same YAML item (`title: {zh: …, en: …}`), so the two cannot drift
//! apart file by file.

use super::model::Text;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A language of the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (simplified): the default.
    #[default]
    Zh,
    /// English, with official Chinese names kept beside it.
    En,
}

impl Lang {
    /// The values `--lang` takes.
    pub const NAMES: [&'static str; 2] = ["zh", "en"];

    /// Reads `zh`, `en` and their common spellings (`zh-CN`, `en_US`,
    /// `chinese`, `english`, `中文`, `英文`), any case.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "chinese" | "中文" | "汉语" => Some(Lang::Zh),
            "en" | "english" | "英文" | "英语" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code in answers (`"lang"` of the JSON).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language tag of an HTML page.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The Chinese or the English of a fixed text of the interface.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Separates the items of a list: 「、」 or ", ".
    pub fn comma(self) -> &'static str {
        self.pick("、", ", ")
    }

    /// Separates clauses: 「；」 or "; ".
    pub fn semicolon(self) -> &'static str {
        self.pick("；", "; ")
    }

    /// Between a label and its value: 「：」 or ": ".
    pub fn colon(self) -> &'static str {
        self.pick("：", ": ")
    }

    /// A remark after a text: 「（…）」 or " (…)".
    pub fn aside(self, remark: &str) -> String {
        match self {
            Lang::Zh => format!("（{remark}）"),
            Lang::En => format!(" ({remark})"),
        }
    }

    /// A tag after a text (who it is for, where it came from): 「〔…〕」 or
    /// " [...]".
    pub fn tag(self, tag: &str) -> String {
        match self {
            Lang::Zh => format!("〔{tag}〕"),
            Lang::En => format!(" [{tag}]"),
        }
    }

    /// The end of a sentence: 「。」 or ".".
    pub fn stop(self) -> &'static str {
        self.pick("。", ".")
    }
}

/// A message for people in both languages — an error, a linter finding —
/// written where it is made, so the two say the same facts; the run's
/// `--lang` picks one when it is shown. `Display` gives the Chinese.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages: an id, a command, a parser's own
    /// (English) message.
    pub fn same(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg {
            zh: text.clone(),
            en: text,
        }
    }

    /// The message `say` makes in each language.
    pub fn each(say: impl Fn(Lang) -> String) -> Msg {
        Msg {
            zh: say(Lang::Zh),
            en: say(Lang::En),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh)
    }
}

/// `n` of a thing in English: "1 error", "2 errors".
pub fn count_en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What English text shows when a text has no English version (overlays may
/// be Chinese only): the Chinese, marked.
pub const CHINESE_ONLY: &str = "[中文] ";

/// A text of the knowledge base: Chinese, with its English version.
///
/// YAML gives either a plain string (Chinese only) or `{zh: …, en: …}`.
/// After [`Str::localize`] the value holds the text of one language and
/// serialises as a plain string; before, it serialises as it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Str {
    /// The text shown: the Chinese as read, or after `localize` the text of
    /// the chosen language.
    pub text: Text,
    /// The English version, until the text is localized.
    pub en: Option<Text>,
}

impl Str {
    /// Chinese only.
    pub fn zh(text: impl Into<Text>) -> Str {
        Str {
            text: text.into(),
            en: None,
        }
    }

    /// Chinese and English.
    pub fn both(zh: impl Into<Text>, en: impl Into<Text>) -> Str {
        Str {
            text: text_of(zh),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`; English falls back to the Chinese, marked.
    pub fn get(&self, lang: Lang) -> Cow<'_, str> {
        match (lang, &self.en) {
            (Lang::Zh, _) => Cow::Borrowed(&self.text),
            (Lang::En, Some(en)) => Cow::Borrowed(en),
            (Lang::En, None) if self.text.is_empty() => Cow::Borrowed(""),
            (Lang::En, None) => Cow::Owned(format!("{CHINESE_ONLY}{}", self.text)),
        }
    }

    /// Keeps only the text of `lang` (see [`Str::get`]).
    pub fn localize(&mut self, lang: Lang) {
        if lang == Lang::En {
            self.text = match self.en.take() {
                Some(en) => en,
                None if self.text.is_empty() => Cow::Borrowed(""),
                None => Cow::Owned(format!("{CHINESE_ONLY}{}", self.text)),
            };
        }
        self.en = None;
    }

    /// Whether the Chinese is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

fn text_of(t: impl Into<Text>) -> Text {
    t.into()
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        *self.text == *other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self.text == **other
    }
}

impl From<&'static str> for Str {
    fn from(s: &'static str) -> Str {
        Str::zh(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::zh(s)
    }
}

impl From<Text> for Str {
    fn from(s: Text) -> Str {
        Str::zh(s)
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.en {
            None => s.serialize_str(&self.text),
            Some(en) => {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("zh", &*self.text)?;
                m.serialize_entry("en", &**en)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or a map with `zh` and `en`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str::zh(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Str, E> {
                Ok(Str::zh(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Str, A::Error> {
                let mut zh: Option<String> = None;
                let mut en: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "zh" => &mut zh,
                        "en" => &mut en,
                        other => return Err(de::Error::unknown_field(other, &["zh", "en"])),
                    };
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(if key == "zh" {
                            "zh"
                        } else {
                            "en"
                        }));
                    }
                    *slot = Some(map.next_value::<String>()?);
                }
                let zh = zh.ok_or_else(|| de::Error::missing_field("zh"))?;
                Ok(Str {
                    text: Cow::Owned(zh),
                    en: en.map(Cow::Owned),
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Str {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Str")
    }

    /// In answers a text is a string in the answer's language; the data
    /// schema (`yibao schema data`) replaces this definition with
    /// [`data_schema`], the forms YAML may use.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

/// The forms a text may take in the knowledge base's YAML.
pub fn data_schema() -> serde_json::Value {
    serde_json::json!({
        "description": "Chinese text, or the Chinese with its English version.",
        "anyOf": [
            { "type": "string" },
            {
                "type": "object",
                "properties": {
                    "zh": { "type": "string", "description": "The Chinese text." },
                    "en": { "type": "string", "description": "The English version." }
                },
                "required": ["zh"],
                "additionalProperties": false
            }
        ]
    })
}

/// Every text of a value, for localizing answers, checking that each has an
/// English version, and searching. Implemented for the model's structs by
/// the same field lists that give their binary form (`wire.rs`), so a text
/// field cannot be left out.
pub trait Texts {
    /// Calls `f` with the name of the field holding each text, and the text.
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str));
    /// Calls `f` with each text, to change it.
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str));

    /// Keeps only the texts of `lang`.
    fn localize(&mut self, lang: Lang) {
        self.each_text_mut(&mut |s| s.localize(lang));
    }
}

impl Texts for Str {
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
        f(field, self);
    }
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
        f(self);
    }
}

impl<T: Texts> Texts for Option<T> {
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
        if let Some(v) = self {
            v.each_text(field, f);
        }
    }
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
        if let Some(v) = self {
            v.each_text_mut(f);
        }
    }
}

impl<T: Texts> Texts for Vec<T> {
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
        for v in self {
            v.each_text(field, f);
        }
    }
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
        for v in self {
            v.each_text_mut(f);
        }
    }
}

impl<T: Texts + Clone> Texts for Cow<'static, [T]> {
    fn each_text<'a>(&'a self, field: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
        for v in self.iter() {
            v.each_text(field, f);
        }
    }
    fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
        if self.is_empty() {
            return;
        }
        for v in self.to_mut() {
            v.each_text_mut(f);
        }
    }
}

/// Values that hold no text of their own (ids, words, flags, kinds). The
/// caller has `Texts` and `Str` in scope.
macro_rules! no_texts {
    ($($t:ty),* $(,)?) => {$(
        impl Texts for $t {
            fn each_text<'a>(&'a self, _: &'static str, _: &mut dyn FnMut(&'static str, &'a Str)) {}
            fn each_text_mut(&mut self, _: &mut dyn FnMut(&mut Str)) {}
        }
    )*};
}
no_texts!(Text, String, bool);
pub(crate) use no_texts;

/// `Texts` for a struct from the list of all its fields (destructured
/// without `..`, so a field missing from the list does not compile). The
/// caller has `Texts` and `Str` in scope.
macro_rules! texts_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Texts for $t {
            fn each_text<'a>(&'a self, _: &'static str, f: &mut dyn FnMut(&'static str, &'a Str)) {
                let $t { $($f),* } = self;
                $(Texts::each_text($f, stringify!($f), f);)*
            }
            fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Str)) {
                let $t { $($f),* } = self;
                $(Texts::each_text_mut($f, f);)*
            }
        }
    };
}
pub(crate) use texts_struct;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_and_rejects_other_keys() {
        let s: Str = serde_json::from_str(r#""医保卡""#).unwrap();
        assert_eq!((&*s.text, s.en.as_deref()), ("医保卡", None));
        let s: Str =
            serde_json::from_str(r#"{"zh":"医保卡","en":"medical insurance card"}"#).unwrap();
        assert_eq!(s.get(Lang::En), "medical insurance card");
        assert_eq!(s.get(Lang::Zh), "医保卡");
        assert!(serde_json::from_str::<Str>(r#"{"zh":"a","fr":"b"}"#).is_err());
        assert!(serde_json::from_str::<Str>(r#"{"en":"b"}"#).is_err());
    }

    #[test]
    fn localized_text_serialises_as_a_string_and_marks_missing_english() {
        let mut s = Str::both("医保卡", "medical insurance card");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"zh":"医保卡","en":"medical insurance card"}"#
        );
        s.localize(Lang::En);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#""medical insurance card""#
        );
        let mut only = Str::zh("窗口");
        only.localize(Lang::En);
        assert_eq!(&*only, "[中文] 窗口");
        let mut zh = Str::both("医保卡", "card");
        zh.localize(Lang::Zh);
        assert_eq!((&*zh.text, zh.en.is_none()), ("医保卡", true));
    }

    #[test]
    fn lang_reads_common_spellings() {
        for (s, l) in [
            ("zh", Lang::Zh),
            ("zh-CN", Lang::Zh),
            ("EN", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("english", Lang::En),
        ] {
            assert_eq!(Lang::parse(s), Some(l), "{s}");
        }
        assert_eq!(Lang::parse("fr"), None);
    }
}
