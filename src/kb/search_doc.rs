//! The text `yibao search` matches a procedure layer by. One builder for the
//! built-in base (written into the binary by `compile.rs`) and for a user's
//! overlay (built when searching), so both are found by the same fields.

use super::merge::split_id;
use super::model::{Procedure, Str};

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
}

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
