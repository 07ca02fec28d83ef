//! "Did you mean": the closest names to something mistyped, aware of
//! Chinese and pinyin.

use super::pinyin_match;
use crate::kb::i18n::Msg;

/// A name something can be called by, for suggestions.
pub struct Candidate {
    /// What to show, in each language: `heilongjiang（黑龙江省）`,
    /// `heilongjiang (Heilongjiang)`.
    pub display: Msg,
    /// Names to compare against: ids, Chinese names, aliases.
    pub keys: Vec<String>,
}

/// The closest candidates to what was typed (at most three), best first.
pub fn suggest(given: &str, candidates: &[Candidate]) -> Vec<Msg> {
    let g = given.trim().to_lowercase();
    if g.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, usize)> = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let s = c
                .keys
                .iter()
                .map(|k| similarity(&g, &k.to_lowercase()))
                .fold(0.0, f64::max);
            (s >= 0.5).then_some((s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, i)| candidates[i].display.clone())
        .collect()
}

/// 0.0 (nothing alike) to 1.0 (same), aware of Chinese and pinyin.
fn similarity(given: &str, key: &str) -> f64 {
    if given == key {
        return 1.0;
    }
    let given_ascii = given.is_ascii();
    let key_ascii = key.is_ascii();
    if given_ascii && key_ascii {
        if key.starts_with(given) && given.len() >= 2 {
            return 0.9;
        }
        return strsim::normalized_damerau_levenshtein(given, key);
    }
    if given_ascii {
        // Pinyin typed for a Chinese name.
        return match pinyin_match(key, given) {
            Some(true) => 0.95,
            Some(false) => 0.6,
            None => 0.0,
        };
    }
    if key.contains(given) || given.contains(key) {
        return 0.8;
    }
    // Characters in common, over the longer name.
    let g: Vec<char> = given.chars().collect();
    let k: Vec<char> = key.chars().collect();
    let common = g.iter().filter(|c| k.contains(c)).count();
    common as f64 / g.len().max(k.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_know_typos_and_pinyin() {
        let c = vec![
            Candidate {
                display: Msg::new("heilongjiang（黑龙江省）", "heilongjiang (Heilongjiang)"),
                keys: vec!["heilongjiang".into(), "黑龙江省".into(), "黑龙江".into()],
            },
            Candidate {
                display: Msg::new("hainan（海南省）", "hainan (Hainan)"),
                keys: vec!["hainan".into(), "海南省".into()],
            },
        ];
        let heilongjiang = Msg::new("heilongjiang（黑龙江省）", "heilongjiang (Heilongjiang)");
        assert_eq!(
            suggest("heilongjang", &c),
            std::slice::from_ref(&heilongjiang)
        );
        assert_eq!(suggest("黑龙", &c), [heilongjiang]);
        assert!(suggest("zzzzzz", &c).is_empty());
    }
}
