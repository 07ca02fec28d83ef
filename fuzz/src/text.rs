//! Target `text`: `break_line` and `wrap` on arbitrary text.

use yibao::render::text::{break_line, clean, wrap};

use super::Outcome;
use super::measure::{display_width, excused, is_unsafe, no_ws};

/// A `text` input: byte 0 is the width, byte 1 picks the indent of `wrap`,
/// the rest is the text (lossily decoded as UTF-8).
pub struct TextCase {
    pub width: usize,
    pub indent: &'static str,
    pub text: String,
}

impl TextCase {
    pub fn decode(data: &[u8]) -> TextCase {
        let width = usize::from(data.first().copied().unwrap_or(0));
        let indent =
            ["", " ", "  ", "    ", "提示："][usize::from(data.get(1).copied().unwrap_or(0)) % 5];
        let text = String::from_utf8_lossy(data.get(2..).unwrap_or_default()).into_owned();
        TextCase {
            width,
            indent,
            text,
        }
    }
}

/// `break_line` on every line of the raw text and on its cleaned one-line
/// form, and `wrap` on the raw text:
/// - pieces are in order, within the text, and cover it (spaces aside);
/// - each piece's reported width is the piece's width by unicode-width 0.2
///   (for cleaned text, which is all the renderer ever breaks; raw control
///   characters count 0 in yibao and 1 in unicode-width's string width, so
///   for raw text the reference is yibao's own `width`);
/// - no piece is wider than the limit unless it is one character;
/// - `wrap` keeps every character of the cleaned text and no line is wider
///   than max(width, indent + 2).
pub fn check_text(data: &[u8]) -> Outcome {
    let case = TextCase::decode(data);
    for line in case.text.split('\n') {
        check_pieces(line, case.width, false)?;
    }
    let one_line = clean(&case.text).replace('\n', " ");
    check_pieces(&one_line, case.width, true)?;
    check_wrap(&case.text, case.width, case.indent)
}

/// The properties of `break_line(s, width)`; `exact` compares reported
/// widths with unicode-width 0.2, otherwise with yibao's own `width`.
pub fn check_pieces(s: &str, width: usize, exact: bool) -> Outcome {
    let mut pieces = Vec::new();
    break_line(s, width, &mut pieces);
    let limit = width.max(1);
    let mut last_end = 0;
    let mut joined = String::new();
    for (r, w) in &pieces {
        ensure!(
            r.start >= last_end && r.start <= r.end && r.end <= s.len(),
            "break_line({s:?}, {width}): piece {r:?} out of order or outside the text (previous end {last_end})"
        );
        ensure!(
            s.is_char_boundary(r.start) && s.is_char_boundary(r.end),
            "break_line({s:?}, {width}): piece {r:?} splits a character"
        );
        last_end = r.end;
        let piece = &s[r.clone()];
        let expected = if exact {
            display_width(piece)
        } else {
            yibao::render::text::width(piece)
        };
        ensure!(
            *w == expected || exact && excused(piece),
            "break_line({s:?}, {width}): piece {piece:?} reported {w} columns, but it takes {expected}{}",
            if exact { " (unicode-width 0.2)" } else { "" }
        );
        ensure!(
            *w <= limit || piece.chars().count() == 1,
            "break_line({s:?}, {width}): piece {piece:?} of width {w} is wider than {limit} and not one character"
        );
        joined.push_str(piece);
    }
    ensure!(
        joined.replace(' ', "") == s.replace(' ', ""),
        "break_line({s:?}, {width}): pieces {:?} do not cover the text",
        pieces
            .iter()
            .map(|(r, _)| &s[r.clone()])
            .collect::<Vec<_>>()
    );
    Ok(())
}

/// The properties of `wrap(s, width, indent)`.
pub fn check_wrap(s: &str, width: usize, indent: &str) -> Outcome {
    let lines = wrap(s, width, indent);
    let iw = display_width(indent);
    for (k, l) in lines.iter().enumerate() {
        let lw = display_width(l);
        let max = if k == 0 {
            width.max(2)
        } else {
            width.max(iw + 2)
        };
        ensure!(
            lw <= max || excused(l),
            "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} has width {lw} > {max}"
        );
        ensure!(
            !l.chars().any(|c| is_unsafe(c) || c == '\n'),
            "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} holds a control character"
        );
    }
    let mut joined = String::new();
    for (k, l) in lines.iter().enumerate() {
        let body = if k == 0 {
            Some(l.as_str())
        } else {
            l.strip_prefix(indent)
        };
        let Some(body) = body else {
            return Err(format!(
                "wrap({s:?}, {width}, {indent:?}): line {k} {l:?} does not start with the indent"
            ));
        };
        joined.push_str(body);
    }
    let got = no_ws(&joined);
    let want = no_ws(&clean(s));
    ensure!(
        got == want,
        "wrap({s:?}, {width}, {indent:?}) lost or added text: {lines:?}"
    );
    Ok(())
}
