//! An answer as the fact-sheet tests read it: `yibao ARGS --json`.

use assert_cmd::Command;
use serde_json::Value;

/// `yibao ARGS --json`, which must succeed: the answer's text and its JSON.
pub fn json(args: &[&str]) -> (String, Value) {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(args)
        .arg("--json")
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap();
    (text, v)
}
