//! yibao: an offline command-line guide to China's medical-insurance (医保)
//! card procedures.
//!
//! Data flows `data/` (YAML) → [`kb`] (typed model, linter, layer merge; the
//! base is compiled into the binary at build time) → [`views`] (the answers)
//! → [`render`] (table, plain, markdown, HTML, JSON, YAML) → [`commands`]
//! (what each request answers; [`site`] builds the static site) ← [`cli`]
//! (clap reads the arguments into a request).

pub mod cli;
pub mod commands;
pub mod error;
pub mod kb;
pub mod render;
pub mod schema;
pub mod search;
pub mod site;
pub mod views;
