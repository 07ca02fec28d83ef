//! The only code that speaks YAML: parse a knowledge-base file into typed
//! structs, and print a value as YAML. Everything else works on the structs.

use super::model::DataFile;
use serde::Serialize;

/// A YAML file that could not be read into a [`DataFile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line, where the parser knows it.
    pub line: usize,
    /// 1-based column, where the parser knows it.
    pub column: usize,
    /// What went wrong, as the parser put it (without its location suffix).
    pub message: String,
}

/// Parses one knowledge-base file. The parser's own limits bound the work on
/// hostile input: nesting deeper than 128 levels and alias expansion beyond a
/// fixed repetition budget are errors, not hangs.
pub fn parse_file(text: &str) -> Result<DataFile, ParseError> {
    too_deep(text)?;
    // An empty file (or one holding only comments) is a valid, empty document.
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Ok(DataFile::default());
    }
    serde_yaml::from_str::<DataFile>(text).map_err(parse_error)
}

/// Deepest `[` / `{` nesting accepted; nothing in the knowledge base comes
/// close, and the parser slows down sharply with depth inside a field.
const MAX_FLOW_DEPTH: usize = 64;

/// Rejects flow collections nested deeper than [`MAX_FLOW_DEPTH`] before
/// the parser sees them, with the position where the limit is crossed.
/// Every bracket counts, even in strings and comments: telling those apart
/// is the parser's job, and any shortcut here could be fooled. A real file
/// would need 64 unmatched `[` or `{` to be refused.
fn too_deep(text: &str) -> Result<(), ParseError> {
    let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
    for c in text.chars() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(ParseError {
                        line,
                        column: col,
                        message: format!("nesting deeper than {MAX_FLOW_DEPTH} levels"),
                    });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Reads any YAML document as a JSON value (to check what `--format yaml`
/// prints means what `--format json` prints).
pub fn parse_value(text: &str) -> Result<serde_json::Value, ParseError> {
    too_deep(text)?;
    serde_yaml::from_str(text).map_err(parse_error)
}

/// The parser's error with its location taken apart.
fn parse_error(e: serde_yaml::Error) -> ParseError {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    ParseError {
        line,
        column,
        message: strip_location(&e.to_string()),
    }
}

/// Prints a value as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings, numbers and lists cannot fail; if
    // it ever did, an empty document is a safer answer than a panic.
    serde_yaml::to_string(value).unwrap_or_default()
}

/// The parser appends " at line L column C" to its messages; we report the
/// location separately as file:line:col.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_unknown_field_with_location() {
        let err =
            parse_file("region: national\nprocedures:\n  - id: a.b\n    titel: x\n").unwrap_err();
        assert_eq!((err.line, err.column), (4, 5));
        assert!(
            err.message.contains("unknown field `titel`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let deep = format!("region: heihe\nprocedures: [{}]\n", "[".repeat(100_000));
        let err = parse_file(&deep).unwrap_err();
        assert_eq!((err.line, err.column), (2, 13 + MAX_FLOW_DEPTH));
        assert!(err.message.contains("nesting"));
        // Balanced brackets in text are fine, however many.
        let balanced = format!("region: \"{}\"\n", "[]".repeat(500));
        assert!(parse_file(&balanced).is_ok());
        // A quote does not hide brackets from the guard.
        let sneaky = format!("procedures: [a:', {}]\n", "[".repeat(3000));
        assert!(parse_file(&sneaky).unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn empty_and_comment_only_files_are_empty_documents() {
        assert!(parse_file("").unwrap().procedures.is_empty());
        assert!(
            parse_file("# nothing yet\n\n")
                .unwrap()
                .procedures
                .is_empty()
        );
    }
}
