//! JSON: the scripting contract. Keys are English and stable; every answer
//! carries `schema_version` (see `yibao schema` and the contract tests).

use serde::Serialize;

/// Version of the JSON contract; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

pub fn render<T: Serialize>(value: &T) -> String {
    // Serialising the tool's own structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}
