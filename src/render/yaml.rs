//! YAML: the same data as JSON, for people who read it more easily.

use serde::Serialize;

pub fn render<T: Serialize>(value: &T) -> String {
    crate::kb::yaml::to_string(value)
}
