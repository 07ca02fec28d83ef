//! The text `yibao search` matches a procedure layer or a glossary entry
//! by. One builder for the built-in base (written into the binary by
//! `compile.rs`) and for a user's overlay (built when searching), so both
//! are found by the same fields; the same text gives the words a question
//! is split into.

use super::i18n::Str;
use super::merge::split_id;
use super::model::{Procedure, Term};

/// What a layer adds to a procedure's command words.
#[derive(Debug, Clone, Copy)]
pub enum Role<'a> {
    /// The procedure's national definition: it is also found by its action
    /// word and by its topic's words (id, name, aliases).
    Definition { topic_words: &'a [&'a str] },
    /// A layer over a definition: only its own words.
    Layer,
}

/// The searchable text of one layer, lowercased; `names` and `body` hold one
/// item per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    pub title: String,
    /// Command words and keywords.
    pub names: String,
    /// Summary, conditions, materials and their alternatives, preparation
    /// items, channels and their menu paths, steps, tips, warnings and FAQ
    /// questions.
    pub body: String,
}

impl SearchText {
    pub fn of(p: &Procedure, role: Role<'_>) -> SearchText {
        // Every text in both languages: an English question finds the
        // English text, a Chinese one the Chinese.
        fn both(s: &Str) -> impl Iterator<Item = &str> {
            std::iter::once(&*s.text).chain(s.en.as_deref())
        }
        let title = p
            .title
            .iter()
            .flat_map(both)
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        let mut names: Vec<&str> = p.words().collect();
        if let Role::Definition { topic_words } = role {
            names.extend(topic_words);
            names.extend(Some(split_id(&p.id).1).filter(|a| !a.is_empty()));
        }
        let mut body: Vec<&str> = Vec::new();
        body.extend(p.summary.iter().flat_map(both));
        body.extend(p.conditions.iter().flat_map(|f| both(&f.text)));
        for m in p.materials.iter() {
            body.extend(both(&m.name));
            body.extend(m.alternatives.iter().flat_map(both));
        }
        body.extend(p.prepare.iter().flat_map(|f| both(&f.text)));
        for c in p.channels.iter() {
            body.extend(both(&c.name));
            body.extend(c.path.iter().flat_map(both));
        }
        body.extend(p.steps.iter().flat_map(|s| both(&s.text)));
        body.extend(p.tips.iter().flat_map(|f| both(&f.text)));
        body.extend(p.warnings.iter().flat_map(|f| both(&f.text)));
        body.extend(p.faq.iter().flat_map(|f| both(&f.q)));
        SearchText {
            title,
            names: names.join("\n").to_lowercase(),
            body: body.join("\n").to_lowercase(),
        }
    }

    /// A glossary entry: found by its word (each part of `参保地/就医地`),
    /// its other names and its id (`deductible`, `pooled fund`), and by its
    /// explanation and example; English versions where the data has them.
    pub fn of_term(t: &Term) -> SearchText {
        fn both(s: &Str) -> impl Iterator<Item = &str> {
            std::iter::once(&*s.text).chain(s.en.as_deref())
        }
        let mut names: Vec<String> = Vec::new();
        for w in both(&t.term) {
            names.push(w.to_string());
            if w.contains('/') {
                names.extend(w.split('/').map(str::to_string));
            }
        }
        names.extend(t.aliases.iter().cloned());
        names.push(t.id.clone());
        if t.id.contains('-') {
            names.push(t.id.replace('-', " "));
        }
        let mut body: Vec<&str> = both(&t.text).collect();
        body.extend(t.example.iter().flat_map(both));
        SearchText {
            title: t.term.text.to_lowercase(),
            names: names.join("\n").to_lowercase(),
            body: body.join("\n").to_lowercase(),
        }
    }

    /// The words this text offers for splitting a question that runs
    /// together (`医保卡丢了怎么办` → 医保卡, 丢了, 怎么办): every command
    /// word and keyword, the title and its parts between punctuation, and
    /// the short items of the body (material and channel names).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        let parts = self
            .title
            .split(|c: char| TITLE_BREAKS.contains(&c))
            .filter(|w| !w.is_empty());
        self.names
            .lines()
            .chain(std::iter::once(self.title.as_str()))
            .chain(parts)
            .chain(
                self.body
                    .lines()
                    .filter(|l| l.chars().count() <= SHORT_ITEM_CHARS),
            )
            .map(str::trim)
            .filter(|w| !w.is_empty())
    }
}

/// Characters that separate the parts of a title: 「医保卡（社会保障卡）挂失与补办」
/// has the parts 医保卡, 社会保障卡, 挂失, 补办.
const TITLE_BREAKS: &[char] = &[
    '（', '）', '(', ')', '、', '，', ',', '：', ':', '/', '与', '和', '及', ' ', '「', '」', '《',
    '》',
];

/// Body items this short (in characters) are names — 居民身份证, 户口簿,
/// 国家医保服务平台APP — and count as words of the base.
const SHORT_ITEM_CHARS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "region: national
procedures:
  - id: card.track
    title: 查询制卡进度
    action_name: 查进度
    cli_aliases: [进度]
    keywords: {zh: [制卡], en: [Card Status], pinyin: [zhika]}
    summary: 摘要甲
    conditions: [{id: c, text: 条件乙, src: [s]}]
    materials: [{id: m, name: 材料丙, alternatives: [替代丁], src: [s]}]
    prepare: [{id: p, text: 准备戊, src: [s]}]
    channels: [{id: ch, kind: app, name: 渠道己, path: 首页 → 庚, src: [s]}]
    steps: [{id: st, text: 步骤辛, src: [s]}]
    tips: [{id: t, text: 提示壬, src: [s]}]
    warnings: [{id: w, text: 注意癸, src: [s]}]
    faq: [{id: q, q: 问题子, a: 回答丑, src: [s]}]
";

    fn procedure() -> Procedure {
        let data = crate::kb::yaml::parse_file(YAML).expect("test YAML parses");
        data.procedures.into_iter().next().expect("one procedure")
    }

    #[test]
    fn a_definition_is_found_by_every_field_and_its_command_words() {
        let doc = SearchText::of(
            &procedure(),
            Role::Definition {
                topic_words: &["card", "医保卡"],
            },
        );
        assert_eq!(doc.title, "查询制卡进度");
        assert_eq!(
            doc.names.lines().collect::<Vec<_>>(),
            [
                "查进度",
                "进度",
                "制卡",
                "card status",
                "zhika",
                "card",
                "医保卡",
                "track"
            ]
        );
        assert_eq!(
            doc.body.lines().collect::<Vec<_>>(),
            [
                "摘要甲",
                "条件乙",
                "材料丙",
                "替代丁",
                "准备戊",
                "渠道己",
                "首页 → 庚",
                "步骤辛",
                "提示壬",
                "注意癸",
                "问题子"
            ]
        );
    }

    #[test]
    fn a_layer_has_only_its_own_words() {
        let doc = SearchText::of(&procedure(), Role::Layer);
        assert_eq!(
            doc.names.lines().collect::<Vec<_>>(),
            ["查进度", "进度", "制卡", "card status", "zhika"]
        );
    }
}
