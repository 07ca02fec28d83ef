//! The second pass: each procedure merged for a region, checked for what
//! only the merged result shows.

use super::super::base::{Base, StackLayer};
use super::super::finding::{Code, Finding};
use super::super::i18n::{Msg, count_en};
use super::super::locate::{Anchor, locate};
use super::super::merge::{Resolved, resolve};
use std::collections::BTreeSet;

/// Merges and checks one procedure for one region: every step's channels must
/// exist after merging, and every `remove` must match something.
pub fn check_resolved(layers: &[StackLayer]) -> Vec<Finding> {
    let resolved: Resolved = resolve(layers.iter().map(|l| (l.tag.clone(), l.procedure.clone())));
    let mut out = Vec::new();
    let file_of = |key: &str| {
        layers
            .iter()
            .rev()
            .find(|l| l.tag.key() == key)
            .and_then(|l| l.file.as_ref())
    };
    let pid = resolved.id.as_ref();
    for s in &resolved.steps {
        for ch in s.item.channels.iter() {
            if resolved.channel(ch).is_none()
                && let Some((path, text)) = file_of(&s.from)
            {
                let (line, col) = locate(
                    text,
                    &[Anchor::Id(pid), Anchor::Id(&s.item.id), Anchor::Token(ch)],
                );
                out.push(Finding::new(
                    path,
                    line,
                    col,
                    Code::E006,
                    Msg::new(
                        format!(
                            "事项 {pid} 的步骤 {} 引用了不存在的渠道 `{ch}`{}",
                            s.item.id,
                            place_note(&s.from).zh
                        ),
                        format!(
                            "procedure {pid}: step {} uses a channel that does not exist: {ch}{}",
                            s.item.id,
                            place_note(&s.from).en
                        ),
                    ),
                ));
            }
        }
    }
    if let Some(cmp) = &resolved.comparison {
        let columns_from = resolved
            .field_from
            .iter()
            .find(|f| f.field == "comparison.columns")
            .map(|f| f.from.clone());
        let mut against_columns: Vec<&str> = Vec::new();
        for row in &cmp.rows {
            if row.item.cells.len() == cmp.columns.len() {
                continue;
            }
            // A row from a file being checked is that file's mistake; a
            // built-in row is the mistake of the file that set the columns.
            match file_of(&row.from) {
                Some((path, text)) => {
                    let (line, col) = locate(
                        text,
                        &[
                            Anchor::Id(pid),
                            Anchor::Key("comparison"),
                            Anchor::Id(&row.item.id),
                        ],
                    );
                    out.push(Finding::new(
                        path,
                        line,
                        col,
                        Code::E004,
                        Msg::new(
                            format!(
                                "事项 {pid} 对比行 {} 有 {} 格，合并后的表头有 {} 列",
                                row.item.id,
                                row.item.cells.len(),
                                cmp.columns.len()
                            ),
                            format!(
                                "procedure {pid}: comparison row {} has {} but the merged header has {}",
                                row.item.id,
                                count_en(row.item.cells.len(), "cell", "cells"),
                                count_en(cmp.columns.len(), "column", "columns")
                            ),
                        ),
                    ));
                }
                None => against_columns.push(&row.item.id),
            }
        }
        if !against_columns.is_empty()
            && let Some((path, text)) = columns_from.as_deref().and_then(file_of)
        {
            let (line, col) = locate(
                text,
                &[
                    Anchor::Id(pid),
                    Anchor::Key("comparison"),
                    Anchor::Key("columns"),
                ],
            );
            let rows = against_columns.join(", ");
            let rows_en = match against_columns.len() {
                1 => format!("row {rows} has"),
                _ => format!("rows {rows} have"),
            };
            out.push(Finding::new(
                path,
                line,
                col,
                Code::E004,
                Msg::new(
                    format!(
                        "事项 {pid} 的对比表头改成了 {} 列，但对比行 {} 的格数不同",
                        cmp.columns.len(),
                        against_columns.join("、")
                    ),
                    format!(
                        "procedure {pid}: the comparison header now has {}, but {rows_en} a different number of cells",
                        count_en(cmp.columns.len(), "column", "columns"),
                    ),
                ),
            ));
        }
    }
    for (from, id) in &resolved.unmatched_removals {
        if let Some((path, text)) = file_of(from) {
            let (line, col) = locate(
                text,
                &[Anchor::Id(pid), Anchor::Key("remove"), Anchor::Token(id)],
            );
            out.push(Finding::new(
                path,
                line,
                col,
                Code::E006,
                Msg::new(
                    format!(
                        "事项 {pid} 要删除的 `{id}` 在下层数据中不存在{}",
                        place_note(from).zh
                    ),
                    format!(
                        "procedure {pid}: remove names {id}, which the layers below do not have{}",
                        place_note(from).en
                    ),
                ),
            ));
        }
    }
    out
}

/// Which merge a finding was seen in, after the message (none for national).
fn place_note(from: &str) -> Msg {
    if from == "national" {
        Msg::default()
    } else {
        Msg::new(
            format!("（合并到 {from} 时）"),
            format!(" (when merged for {from})"),
        )
    }
}

/// Resolution checks over a complete base: every procedure, nationally and
/// at every region that has a layer for it.
pub fn check_base_resolution(base: &Base) -> Vec<Finding> {
    let mut out = Vec::new();
    for def in base.entries.iter().filter(|e| e.region.is_none()) {
        let id = def.procedure.id.as_ref();
        let mut places: BTreeSet<Option<&str>> = BTreeSet::new();
        places.insert(None);
        for e in base.entries.iter().filter(|e| e.procedure.id == id) {
            places.insert(e.region.as_deref());
        }
        for place in places {
            out.extend(check_resolved(&base.stack(id, place)));
        }
    }
    // A problem in a lower layer shows up once per region above it.
    out.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
    });
    out.dedup();
    out
}
