//! Reading a question the way a person types it: `医保卡丢了怎么办`,
//! `how do I activate my card`. The question is cut at spaces and
//! punctuation; a run of Chinese is split into the knowledge base's own
//! words (the split that covers the most of it with known words, then the
//! fewest pieces); question and filler words are dropped; each remaining
//! word also stands for what the synonym list says it means.

use schemars::JsonSchema;
use serde::Serialize;

/// Most words a question is read into; the rest is not looked at.
const MAX_WORDS: usize = 16;

/// Most Latin words a question may have for them to be tried as pinyin.
const MAX_PINYIN_WORDS: usize = 2;

/// Most characters of a question that are read.
const MAX_CHARS: usize = 256;

/// Question and filler words, Chinese and English, sorted (binary search).
/// Words of the base that contain one (`怎么办卡` holds 办卡) still win:
/// a split prefers the base's words over these.
const FILLERS: &[&str] = &[
    "a",
    "about",
    "am",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "help",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "might",
    "mine",
    "must",
    "my",
    "need",
    "needs",
    "of",
    "on",
    "or",
    "our",
    "please",
    "should",
    "so",
    "some",
    "than",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "to",
    "up",
    "us",
    "want",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "一下",
    "个",
    "么",
    "也",
    "了",
    "什么",
    "什么时候",
    "什么样",
    "他",
    "他们",
    "们",
    "你",
    "你们",
    "可以",
    "吗",
    "吧",
    "呀",
    "呢",
    "咋",
    "咋办",
    "咋弄",
    "哪",
    "哪个",
    "哪些",
    "哪儿",
    "哪里",
    "啊",
    "啥",
    "啥时候",
    "在",
    "在哪",
    "在哪儿",
    "在哪里",
    "多少",
    "她",
    "如何",
    "如何办理",
    "它",
    "应该",
    "怎么",
    "怎么办",
    "怎么弄",
    "怎么样",
    "怎样",
    "想",
    "想要",
    "我",
    "我们",
    "我的",
    "或者",
    "把",
    "是",
    "是不是",
    "是什么",
    "是否",
    "有",
    "有没有",
    "的",
    "能",
    "能不能",
    "要",
    "该",
    "请",
    "请问",
    "还",
    "都",
    "问",
    "问一下",
    "需要",
];

/// Whether `word` is a question or filler word.
pub fn is_filler(word: &str) -> bool {
    FILLERS.binary_search(&word).is_ok()
}

/// Whether a filler word begins with `p`.
fn filler_prefix(p: &str) -> bool {
    let at = FILLERS.partition_point(|f| *f < p);
    FILLERS.get(at).is_some_and(|f| f.starts_with(p))
}

/// The words of the knowledge base a question is split into, and what
/// everyday words mean.
pub trait Lexicon {
    /// Whether `word` (lowercase) is a word of the base.
    fn is_word(&self, word: &str) -> bool;
    /// Whether a word of the base begins with `p` (or is `p`).
    fn has_prefix(&self, p: &str) -> bool;
    /// The most characters a word of the base has.
    fn longest(&self) -> usize;
    /// The base's words an everyday word stands for.
    fn synonyms(&self, word: &str) -> Vec<String>;
}

/// One word of a question as it was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Word {
    /// The word, lowercased, as it stands in the question.
    pub word: String,
    /// What else it is looked for as: the base's words for an everyday
    /// word (丢了 → 挂失, 补办), the singular of an English plural.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub means: Vec<String>,
    /// The base's shorter words inside it, also looked for (邮寄到家 →
    /// 邮寄), with less weight.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// Latin letters that are no word of the base: maybe pinyin (`bb`,
    /// `buban`).
    #[serde(skip)]
    pub pinyin: bool,
}

/// A question, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The question as typed: lowercased, spaces collapsed.
    pub text: String,
    /// The words looked for, in the order of the question.
    pub words: Vec<Word>,
}

impl Query {
    /// Reads `text` with the words of `lexicon`.
    pub fn understand(text: &str, lexicon: &dyn Lexicon) -> Query {
        let lowered: String = text
            .chars()
            .take(MAX_CHARS)
            .map(half_width)
            .collect::<String>()
            .to_lowercase();
        let shown = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut pieces: Vec<Piece> = Vec::new();
        for chunk in lowered.split(|c: char| !is_word_char(c)) {
            let chunk = chunk.trim_matches('-');
            if chunk.is_empty() {
                continue;
            }
            if chunk.is_ascii() {
                pieces.push(Piece {
                    text: chunk.to_string(),
                    known: true,
                });
            } else {
                split(chunk, lexicon, &mut pieces);
            }
        }
        let pieces = join_phrases(pieces, lexicon);
        let mut kept: Vec<&str> = pieces
            .iter()
            .filter(|p| !is_filler(&p.text))
            // A lone character the base does not know (妈, 的) says too
            // little to look for.
            .filter(|p| p.known || p.text.chars().count() > 1 || p.text.is_ascii())
            .map(|p| p.text.as_str())
            .collect();
        if kept.is_empty() {
            // Nothing but filler (`yibao search 怎么`): look for what was typed.
            kept = pieces.iter().map(|p| p.text.as_str()).collect();
        }
        // Latin letters may be pinyin (`bb`, `buban`, `yidi beian`), but not
        // in a sentence: a question of more than two Latin words (fillers
        // counted) is English.
        let latin = pieces
            .iter()
            .filter(|p| p.text.bytes().all(|b| b.is_ascii_alphabetic()))
            .count();
        let may_be_pinyin = latin <= MAX_PINYIN_WORDS;
        let mut words: Vec<Word> = Vec::new();
        for w in kept {
            if words.len() == MAX_WORDS {
                break;
            }
            if words.iter().any(|x| x.word == w) {
                continue;
            }
            let mut means = lexicon.synonyms(w);
            means.extend(singular(w));
            means.retain(|m| m != w);
            means.dedup();
            let parts = parts(w, lexicon)
                .into_iter()
                .filter(|p| !means.contains(p))
                .collect();
            let pinyin = may_be_pinyin
                && w.len() >= 2
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !lexicon.is_word(w);
            words.push(Word {
                word: w.to_string(),
                means,
                parts,
                pinyin,
            });
        }
        Query { text: shown, words }
    }
}

/// A piece of a question: a word of the base (or a filler), or a run of
/// characters the base does not know.
struct Piece {
    text: String,
    known: bool,
}

/// Letters and digits of any script, and a hyphen inside a Latin word
/// (`e-voucher`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Full-width Latin letters, digits and the ideographic space as their
/// ASCII forms (`ｂｂ` is `bb`).
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Latin words in a row that make a phrase of the base (`social security
/// card`, `see a doctor`) become one piece, the longest first.
fn join_phrases(pieces: Vec<Piece>, lexicon: &dyn Lexicon) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let latin = pieces[i..]
            .iter()
            .take(MAX_PHRASE_WORDS)
            .take_while(|p| p.text.is_ascii())
            .count();
        let joined = (2..=latin).rev().find_map(|k| {
            let phrase = pieces[i..i + k]
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let known = lexicon.is_word(&phrase) || !lexicon.synonyms(&phrase).is_empty();
            known.then_some((k, phrase))
        });
        match joined {
            Some((k, phrase)) => {
                out.push(Piece {
                    text: phrase,
                    known: true,
                });
                i += k;
            }
            None => {
                out.push(Piece {
                    text: pieces[i].text.clone(),
                    known: pieces[i].known,
                });
                i += 1;
            }
        }
    }
    out
}

/// Longest word (in characters) searched for shorter words inside.
const MAX_PART_SEARCH: usize = 24;

/// Most Latin words a phrase of the base has.
const MAX_PHRASE_WORDS: usize = 4;

/// The base's words of two or more characters inside a longer Chinese
/// word, those not inside another such word: 邮寄到家 → 邮寄.
fn parts(word: &str, lexicon: &dyn Lexicon) -> Vec<String> {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = bounds.len() - 1;
    // Past a length no word of the base has, it is not a word but a run.
    if word.is_ascii() || !(3..=MAX_PART_SEARCH).contains(&n) {
        return Vec::new();
    }
    let mut found: Vec<&str> = Vec::new();
    for len in (2..n).rev() {
        for i in 0..=n - len {
            let sub = &word[bounds[i]..bounds[i + len]];
            if !is_filler(sub) && lexicon.is_word(sub) && !found.iter().any(|f| f.contains(sub)) {
                found.push(sub);
            }
        }
    }
    found.into_iter().map(str::to_string).collect()
}

/// The singular of an English plural (`cards` → `card`, `families` →
/// `family`), when the word looks like one.
fn singular(w: &str) -> Option<String> {
    if !w.is_ascii() || w.len() <= 3 || w.ends_with("ss") {
        return None;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    w.strip_suffix('s').map(str::to_string)
}

/// How good a split of the first characters of a run is: characters
/// covered by known words, of which by the base's own words (not
/// fillers), and pieces (fewer is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    covered: usize,
    content: usize,
    fewer: isize,
}

/// Splits a run of text with Chinese in it into pieces: the split that
/// covers the most characters with known words, then the most with the
/// base's own words, then has the fewest pieces. Unknown characters in a
/// row make one piece, cut where Latin letters meet Chinese.
fn split(chunk: &str, lexicon: &dyn Lexicon, out: &mut Vec<Piece>) {
    let bounds: Vec<usize> = chunk
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(chunk.len()))
        .collect();
    let n = bounds.len() - 1;
    let longest = lexicon.longest().max(FILLER_CHARS);
    // best[i]: the best split of the first i characters, and the length of
    // its last piece (0 for an unknown character).
    let mut best: Vec<Option<(Fit, usize)>> = vec![None; n + 1];
    best[0] = Some((
        Fit {
            covered: 0,
            content: 0,
            fewer: 0,
        },
        0,
    ));
    for i in 0..n {
        let Some((fit, _)) = best[i] else { continue };
        let mut offer = |j: usize, next: Fit, len: usize| {
            if best[j].is_none_or(|(b, _)| next > b) {
                best[j] = Some((next, len));
            }
        };
        offer(
            i + 1,
            Fit {
                fewer: fit.fewer - 1,
                ..fit
            },
            0,
        );
        for len in 1..=longest.min(n - i) {
            let w = &chunk[bounds[i]..bounds[i + len]];
            let filler = is_filler(w);
            if filler || lexicon.is_word(w) {
                offer(
                    i + len,
                    Fit {
                        covered: fit.covered + len,
                        content: fit.content + if filler { 0 } else { len },
                        fewer: fit.fewer - 1,
                    },
                    len,
                );
            }
            // No longer word begins here: stop looking.
            if !lexicon.has_prefix(w) && !filler_prefix(w) {
                break;
            }
        }
    }
    // Walk back from the end, then emit in order, joining unknown runs.
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let mut j = n;
    while j > 0 {
        let len = best[j].map_or(0, |(_, len)| len);
        let (start, known) = if len == 0 {
            (j - 1, false)
        } else {
            (j - len, true)
        };
        cuts.push((start, j, known));
        j = start;
    }
    cuts.reverse();
    let mut pieces: Vec<Piece> = Vec::new();
    for (start, end, known) in cuts {
        let text = &chunk[bounds[start]..bounds[end]];
        match pieces.last_mut() {
            // Unknown characters in a row make one piece, cut where Latin
            // letters meet Chinese.
            Some(last) if !known && !last.known && last.text.is_ascii() == text.is_ascii() => {
                last.text.push_str(text);
            }
            _ => pieces.push(Piece {
                text: text.to_string(),
                known,
            }),
        }
    }
    // A word of the base of one character right after characters it does
    // not know ends a word it does not know either: 军人保障卡 is not 卡,
    // 制卡 is not 卡. (Not an everyday word with a meaning of its own: 一年
    // 交 is 交.)
    let lone = |p: &Piece| {
        p.known
            && !p.text.is_ascii()
            && p.text.chars().count() == 1
            && !is_filler(&p.text)
            && lexicon.synonyms(&p.text).is_empty()
    };
    let unknown = |p: &Piece| !p.known && !p.text.is_ascii();
    for p in pieces {
        match out.last_mut() {
            Some(last) if unknown(last) && (lone(&p) || unknown(&p)) => {
                last.text.push_str(&p.text);
                last.known = false;
            }
            _ => out.push(p),
        }
    }
}

/// The most characters a Chinese filler word has.
const FILLER_CHARS: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    struct Words(
        &'static [&'static str],
        &'static [(&'static str, &'static [&'static str])],
    );

    impl Lexicon for Words {
        fn is_word(&self, word: &str) -> bool {
            self.0.contains(&word) || self.1.iter().any(|(w, _)| *w == word)
        }
        fn has_prefix(&self, p: &str) -> bool {
            self.0.iter().any(|w| w.starts_with(p)) || self.1.iter().any(|(w, _)| w.starts_with(p))
        }
        fn longest(&self) -> usize {
            8
        }
        fn synonyms(&self, word: &str) -> Vec<String> {
            self.1
                .iter()
                .filter(|(w, _)| *w == word)
                .flat_map(|(_, m)| m.iter().map(|s| s.to_string()))
                .collect()
        }
    }

    const BASE: Words = Words(
        &[
            "医保卡",
            "补办",
            "挂失",
            "办卡",
            "卡",
            "激活",
            "电子凭证",
            "邮寄",
            "邮寄到家",
            "social security card",
            "card",
            "buban",
        ],
        &[("丢了", &["挂失", "补办"])],
    );

    fn words(q: &str) -> Vec<String> {
        Query::understand(q, &BASE)
            .words
            .into_iter()
            .map(|w| w.word)
            .collect()
    }

    #[test]
    fn fillers_are_sorted_and_no_longer_than_their_bound() {
        assert!(FILLERS.windows(2).all(|w| w[0] < w[1]), "FILLERS sorted");
        // Latin fillers are whole pieces; only Chinese ones are split out.
        assert!(
            FILLERS
                .iter()
                .filter(|f| !f.is_ascii())
                .all(|f| f.chars().count() <= FILLER_CHARS)
        );
    }

    #[test]
    fn a_question_is_split_into_the_base_words_without_fillers() {
        assert_eq!(words("医保卡丢了怎么办"), ["医保卡", "丢了"]);
        assert_eq!(words("请问怎么补办医保卡？"), ["补办", "医保卡"]);
        // 办卡 is a word of the base; 怎么办 + 卡 would cover as much.
        assert_eq!(words("怎么办卡"), ["办卡"]);
        assert_eq!(words("How do I activate my CARDS?"), ["activate", "cards"]);
        assert_eq!(words("ｌｏｓｔ　card"), ["lost", "card"]);
    }

    #[test]
    fn unknown_runs_stay_whole_and_latin_is_cut_from_chinese() {
        assert_eq!(words("医保卡lost"), ["医保卡", "lost"]);
        assert_eq!(words("社保局电话补办"), ["社保局电话", "补办"]);
        // A lone unknown character is dropped.
        assert_eq!(words("妈的卡"), ["卡"]);
    }

    #[test]
    fn synonyms_and_plurals_are_what_a_word_also_means() {
        let q = Query::understand("医保卡丢了 cards", &BASE);
        assert_eq!(q.words[1].means, ["挂失", "补办"]);
        assert_eq!(q.words[2].means, ["card"]);
        assert!(q.words[0].means.is_empty());
        assert_eq!(q.text, "医保卡丢了 cards");
    }

    #[test]
    fn latin_phrases_of_the_base_are_one_word() {
        assert_eq!(
            words("my social security card was stolen"),
            ["social security card", "stolen"]
        );
        assert_eq!(words("social card"), ["social", "card"]);
    }

    #[test]
    fn a_word_with_shorter_words_inside_looks_for_them_too() {
        let q = Query::understand("邮寄到家", &BASE);
        assert_eq!(q.words[0].parts, ["邮寄"]);
        assert!(Query::understand("邮寄", &BASE).words[0].parts.is_empty());
    }

    #[test]
    fn a_single_character_word_ends_an_unknown_word() {
        // 卡 is a word of the base, but 军人保障卡 is one word it does not know.
        assert_eq!(words("军人保障卡"), ["军人保障卡"]);
        // Not after a word it knows.
        assert_eq!(words("医保卡丢了"), ["医保卡", "丢了"]);
    }

    #[test]
    fn unknown_latin_words_may_be_pinyin_unless_in_a_sentence() {
        let pinyin = |q: &str| -> Vec<bool> {
            Query::understand(q, &BASE)
                .words
                .iter()
                .map(|w| w.pinyin)
                .collect()
        };
        assert_eq!(pinyin("bb"), [true]);
        assert_eq!(pinyin("yidi beian"), [true, true]);
        // A word of the base is not pinyin, whatever its letters.
        assert_eq!(pinyin("buban card"), [false, false]);
        // Three Latin words or more, fillers counted: English.
        assert_eq!(pinyin("do they care"), [false, false]);
        assert_eq!(pinyin("医保卡 bb"), [false, true]);
    }

    #[test]
    fn only_fillers_are_looked_for_as_typed() {
        assert_eq!(words("怎么"), ["怎么"]);
        assert_eq!(words("how to"), ["how", "to"]);
        assert!(words("  ？！ ").is_empty());
    }

    #[test]
    fn long_questions_are_bounded() {
        let q = "医保卡".repeat(1000);
        assert_eq!(words(&q), ["医保卡"]);
        let many: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        assert_eq!(words(&many.join(" ")).len(), MAX_WORDS);
    }
}
