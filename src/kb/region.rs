//! Regions: how `--region` text becomes a key of the registry. The build
//! turns every region's keys into a sorted table (`compile.rs`); a lookup
//! normalises what was typed the same way and searches it (`builtin.rs`).

use super::model::Region;

/// Words that mean "no region: national rules".
pub const NATIONAL_KEYS: &[&str] = &["national", "全国", "china", "cn", "中国"];

/// Normalises a region name or id for lookup: trimmed, ASCII lowercase,
/// without spaces, hyphens, underscores, apostrophes, dots, commas or
/// parentheses (`Inner Mongolia` → `innermongolia`, `Xi'an` → `xian`,
/// `Yichun (Jiangxi)` and `yichun-jiangxi` → `yichunjiangxi`).
pub fn normalize(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '-' | '_' | '\'' | '.' | ',' | '(' | ')' | '\u{3000}'
            )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every normalised key `--region` accepts for a region: id, code, full and
/// short Chinese names, English name, aliases.
pub fn keys(r: &Region) -> Vec<String> {
    let mut out = vec![normalize(&r.id)];
    out.extend(r.code.iter().map(|c| normalize(c)));
    out.extend(r.name.iter().map(|c| normalize(c)));
    out.extend(r.short.iter().map(|c| normalize(c)));
    out.extend(r.en.iter().map(|c| normalize(c)));
    out.extend(r.aliases.iter().map(|c| normalize(c)));
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_and_separators() {
        assert_eq!(normalize("  Inner-Mongolia "), "innermongolia");
        assert_eq!(normalize("HeiLongJiang"), "heilongjiang");
        assert_eq!(normalize("黑龙江省"), "黑龙江省");
        assert_eq!(normalize("Xi'an"), "xian");
        assert_eq!(normalize("Yichun (Jiangxi)"), "yichunjiangxi");
        assert_eq!(normalize("yichun-jiangxi"), "yichunjiangxi");
        assert_eq!(normalize("St. Louis, MO"), "stlouismo");
    }

    #[test]
    fn keys_cover_id_code_names_english_and_aliases() {
        let r = Region {
            id: "haerbin".into(),
            code: Some("230100".into()),
            name: Some("哈尔滨市".into()),
            short: Some("哈尔滨".into()),
            parent: Some("heilongjiang".into()),
            en: Some("Harbin".into()),
            aliases: vec!["Harbin City".into()],
        };
        assert_eq!(
            keys(&r),
            [
                "230100",
                "haerbin",
                "harbin",
                "harbincity",
                "哈尔滨",
                "哈尔滨市"
            ]
        );
    }
}
