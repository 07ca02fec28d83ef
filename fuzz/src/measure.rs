//! Display width as a terminal (and the tests) measure it, what yibao's
//! sanitiser removes, and the known width bugs a fuzzing run may let pass.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Columns a line takes, by unicode-width 0.2 (the measure the CLI tests use).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Columns a line takes in a CJK terminal (ambiguous characters count two).
pub fn display_width_cjk(s: &str) -> usize {
    UnicodeWidthStr::width_cjk(s)
}

/// Whether printing the character raw could drive the terminal (what
/// yibao's sanitiser removes): controls other than newline, DEL, and the
/// bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    yibao::kb::text::is_unsafe(c)
}

/// `s` without the ANSI SGR sequences (`ESC [ … m`) colour output adds.
pub fn strip_sgr(s: &str) -> Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let sgr = after.strip_prefix('[').and_then(|a| {
            let end = a.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            a[end..].starts_with('m').then_some(end)
        });
        match sgr {
            Some(end) => rest = &after[1 + end + 1..],
            None => {
                // A lone ESC: keep it, so the control-character check sees it.
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Known bugs whose symptoms the checks let pass, named in the environment
/// variable `YIBAO_FUZZ_KNOWN` (comma-separated), so that a long fuzzing
/// run is not stopped again and again by a bug already reported:
/// - `sequence`: yibao measures text one character at a time, while
///   unicode-width 0.2 (and terminals) measure some sequences as a whole:
///   an emoji with a skin-tone modifier (`👍🏻`), lam-alef (`لا`) …
///
/// Only fuzzing builds (`--cfg fuzzing`, which cargo-fuzz passes) read it:
/// the regression tests in `cargo test` and the triage example are strict.
#[allow(unexpected_cfgs)]
pub fn known_bugs() -> &'static [String] {
    if !cfg!(fuzzing) {
        return &[];
    }
    static KNOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        std::env::var("YIBAO_FUZZ_KNOWN")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
}

/// Which known bug explains why yibao's width of `s` is not unicode-width's,
/// if one does.
pub fn width_gap_cause(s: &str) -> Option<&'static str> {
    use unicode_width::UnicodeWidthChar;
    let per_char: usize = s
        .chars()
        .map(|c| {
            if is_unsafe(c) || c == '\n' {
                0
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum();
    (per_char == yibao::render::text::width(s) && per_char != display_width(s))
        .then_some("sequence")
}

/// Whether a width difference in `s` is a known bug the run was told to let pass.
pub(crate) fn excused(s: &str) -> bool {
    width_gap_cause(s).is_some_and(|c| known_bugs().iter().any(|k| k == c))
}

pub(crate) fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
