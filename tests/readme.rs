//! The README's tables are the documentation of record for exit codes and
//! linter codes; they must say exactly what the enums say.

use yibao::error::Exit;
use yibao::kb::finding::Code;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Rows `| a | b |` of the first table after `heading`.
fn table_after(text: &str, heading: &str) -> Vec<(String, String)> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn exit_code_table_matches_the_enum() {
    let rows = table_after(&readme(), "## Exit codes");
    let expected: Vec<(String, String)> = Exit::ALL
        .iter()
        .map(|e| (e.code().to_string(), e.meaning().to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn linter_code_table_matches_the_enum() {
    let rows = table_after(&readme(), "### The linter");
    let expected: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.meaning().to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn first_screen_has_the_two_commands() {
    let text = readme();
    let first_screen: String = text.lines().take(24).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo run --release -- card apply --region heilongjiang"));
    assert!(first_screen.contains("cargo test"));
}
