//! The checks behind yibao's fuzz targets, shared with the main crate's
//! `tests/fuzz_regressions.rs` (which includes this file with `#[path]`), so
//! an input kept under `tests/fixtures/fuzz/<target>/` is checked in
//! `cargo test` exactly as the fuzzer checked it.
//!
//! Each `check_*` function takes the raw fuzz input and returns `Err` with a
//! description when a property fails; a panic inside yibao propagates. The
//! fuzz targets turn an `Err` into a panic (a crash for libFuzzer).
//!
//! Only `yibao`, `serde_json` and `unicode-width` are used: the main crate
//! has all of them as dependencies (YAML output is read back through
//! `yibao::kb::yaml`, the crate's one YAML module).
//!
//! One module per subject: `measure` (display widths, unsafe characters,
//! known width bugs), `text` (the `text` target), `doc` (what a view's
//! document holds), `table` (boxes, line widths and Markdown tables),
//! `format` (a view in every format), `render` and `overlay` (those
//! targets). Included with `#[path]`, this file still finds them beside it;
//! they reach each other through `super::`, never `crate::`, which in the
//! tests is the test crate.

use std::fmt::Write as _;

use yibao::kb::date::Date;
use yibao::render::Format;

/// The date the checks pretend it is (the same as the CLI tests').
pub const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

/// Every output format, in the order inputs select them.
pub const FORMATS: [Format; 6] = [
    Format::Table,
    Format::Plain,
    Format::Json,
    Format::Yaml,
    Format::Markdown,
    Format::Html,
];

/// What a check found wrong.
pub type Outcome = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            return Err(format!($($arg)+));
        }
    };
}

// After `ensure!`, so that every module can use it.
mod doc;
mod format;
mod measure;
mod overlay;
mod render;
mod table;
mod text;

// The tests include this file as a private module and use only some of
// these, which would be unused imports there.
#[allow(unused_imports)]
pub use self::{
    doc::{Strict, ViewKind},
    format::{check_format, check_resolution, check_view},
    measure::{
        display_width, display_width_cjk, is_unsafe, known_bugs, strip_sgr, width_gap_cause,
    },
    overlay::{OVERLAY_REGIONS, check_overlay, overlay_width},
    render::{RenderCase, check_render},
    table::{box_runs, line_limit},
    text::{TextCase, check_pieces, check_text, check_wrap},
};

/// Describes a check failure for a human: the input and the message.
pub fn describe(target: &str, data: &[u8], err: &str) -> String {
    let mut s = String::new();
    let _ = write!(s, "{target} input ({} bytes): ", data.len());
    match std::str::from_utf8(data) {
        Ok(t) if data.len() <= 2000 => {
            let _ = write!(s, "{t:?}");
        }
        _ => {
            let _ = write!(s, "{:?}", &data[..data.len().min(200)]);
        }
    }
    let _ = write!(s, "\n{err}");
    s
}
