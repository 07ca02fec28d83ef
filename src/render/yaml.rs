//! YAML: the same data as JSON, for people who read it more easily.
//!
//! The serializer writes YAML 1.2, where `2025-03-27`, `yes` or `1:30` are
//! plain strings; YAML 1.1 readers, PyYAML among them, read them as a date,
//! a boolean, a number. Every plain scalar that YAML 1.1 would read as
//! anything but a string is quoted, so that the document loads to the same
//! data as the JSON in either version.

use serde::Serialize;

pub fn render<T: Serialize>(value: &T) -> String {
    quote_ambiguous(&crate::kb::yaml::to_string(value))
}

/// Quotes the plain scalars of a document written by the serializer (block
/// style, one scalar per line, `|` blocks for text with newlines) that a
/// YAML 1.1 reader would not read as strings. The lines of a `|` block are
/// text, never touched.
fn quote_ambiguous(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len() + 64);
    // The least indentation of the lines of a `|` block still running.
    let mut block: Option<usize> = None;
    for line in doc.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(least) = block {
            if body.trim().is_empty() || indent >= least {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let (head, scalar, least) = split_line(body, indent);
        if scalar.starts_with('|') || scalar.starts_with('>') {
            block = Some(least);
        }
        out.push_str(head);
        if yaml11_non_string(scalar) && is_string(scalar) {
            out.push('\'');
            out.push_str(&scalar.replace('\'', "''"));
            out.push('\'');
        } else {
            out.push_str(scalar);
        }
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Splits a line into its structure (indentation, `- ` items, a plain
/// `key: `) and the scalar after it; with the least indentation the lines
/// of a block scalar starting here would have (deeper than a key, as deep
/// as a bare item).
fn split_line(body: &str, indent: usize) -> (&str, &str, usize) {
    let mut at = indent;
    while body[at..].starts_with("- ") {
        at += 2;
    }
    let rest = &body[at..];
    let quoted = rest.starts_with(['\'', '"']);
    // A plain key never holds ": ", nor does a plain value, so the first
    // ": " ends the key unless the key is quoted.
    if !quoted && let Some(k) = rest.find(": ") {
        let (head, scalar) = body.split_at(at + k + 2);
        return (head, scalar, at + 1);
    }
    if rest == "-" || (!quoted && rest.ends_with(':')) {
        return (body, "", at + 1);
    }
    let (head, scalar) = body.split_at(at);
    (head, scalar, at.max(indent + 1))
}

/// Whether YAML 1.2 (the serializer's YAML) reads a plain scalar as a
/// string: numbers, booleans and null it writes plain are values of their
/// own, to stay as they are.
fn is_string(scalar: &str) -> bool {
    matches!(
        crate::kb::yaml::parse_value(scalar),
        Ok(serde_json::Value::String(_))
    )
}

/// Whether YAML 1.1's implicit types read this plain scalar as anything but
/// a string: booleans (`yes`, `on`, `n` …), null, numbers in any base or in
/// base 60 (`1:30`), `.inf`/`.nan`, dates and timestamps, `<<` and `=`.
/// Errs on the side of quoting: a quoted string reads the same everywhere.
fn yaml11_non_string(s: &str) -> bool {
    const WORDS: [&str; 26] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
    ];
    if s.is_empty() || s.starts_with(['\'', '"', '|', '>', '[', '{', '&', '*', '!']) {
        return false;
    }
    if WORDS.contains(&s) || s == "<<" || s == "=" {
        return true;
    }
    let lower = s.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    // Numbers, dates and timestamps start with a digit, a sign or a point
    // and are made of digits, letters of bases and exponents, and `-:._+ `.
    s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.' | b'_' | b'+' | b' ')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_yaml_1_1_words_are_quoted() {
        let doc = "checked: 2025-03-27\nmonth: 2025-03\nlist:\n- 2025-03-27\n- - yes\n- key: on\n  time: 1:30\ntext: 资料核实于 2025-03-27\nempty: []\nnested:\nn: 0\nm: -1\nb: true\nz: null\nf: 1.5\n";
        assert_eq!(
            quote_ambiguous(doc),
            "checked: '2025-03-27'\nmonth: '2025-03'\nlist:\n- '2025-03-27'\n- - 'yes'\n- key: 'on'\n  time: '1:30'\ntext: 资料核实于 2025-03-27\nempty: []\nnested:\nn: 0\nm: -1\nb: true\nz: null\nf: 1.5\n",
            "numbers, booleans and null the serializer wrote stay values"
        );
    }

    #[test]
    fn block_text_is_left_as_it_is() {
        let doc = "note: |-\n  2025-03-27\n  yes\nnext: 2025-03-27\n- a: |\n    on\n  b: x\n";
        assert_eq!(
            quote_ambiguous(doc),
            "note: |-\n  2025-03-27\n  yes\nnext: '2025-03-27'\n- a: |\n    on\n  b: x\n"
        );
    }

    #[test]
    fn plain_text_stays_plain() {
        for s in [
            "card.apply",
            "黑龙江",
            "12393 医疗保障服务热线",
            "national",
            "v1",
            "-x",
        ] {
            assert!(!yaml11_non_string(s), "{s}");
        }
        for s in [
            "2025-03-27",
            "2025-03-27T10:00:00Z",
            "0x1F",
            "0b101",
            "1_000",
            "+.5",
            "1e3",
        ] {
            assert!(yaml11_non_string(s), "{s}");
        }
    }
}
