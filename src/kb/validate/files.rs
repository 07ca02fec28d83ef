//! Per-file checks: what each file declares (its region, topics, sources,
//! regions) and whether it may declare it; procedures are collected as
//! entries for the checks across files.

use super::super::base::Entry;
use super::super::finding::Code;
use super::super::i18n::Msg;
use super::super::locate::Anchor;
use super::super::model::DataFile;
use super::super::region;
use super::{Checker, IdKind, Mode};

impl Checker {
    pub(super) fn take_file(&mut self, fi: usize, data: DataFile, mode: Mode) {
        let DataFile {
            region,
            procedures,
            topics,
            sources,
            regions,
            terms,
            synonyms,
            situations,
        } = data;
        if mode == Mode::Overlay && !regions.is_empty() {
            self.report(
                fi,
                &[Anchor::Key("regions")],
                Code::E011,
                Msg::new(
                    "覆盖数据不能修改地区表 (overlays cannot change the region registry)",
                    "an overlay cannot change the region registry",
                ),
            );
        }
        // The glossary and the search synonyms are compiled into the binary
        // whole; an overlay cannot add to them.
        for (key, given) in [
            ("terms", !terms.is_empty()),
            ("synonyms", !synonyms.is_empty()),
        ] {
            if mode == Mode::Overlay && given {
                self.report(
                    fi,
                    &[Anchor::Key(key)],
                    Code::E011,
                    Msg::new(
                        format!(
                            "覆盖数据不能修改术语表或同义词表 (overlays cannot change `{key}`)"
                        ),
                        format!(
                            "an overlay cannot change the glossary or the search synonyms ({key})"
                        ),
                    ),
                );
            }
        }
        if mode == Mode::Base {
            self.term_files.extend(std::iter::repeat_n(fi, terms.len()));
            self.base.terms.extend(terms);
            self.synonym_files
                .extend(std::iter::repeat_n(fi, synonyms.len()));
            self.base.synonyms.extend(synonyms);
        }
        let region = match region.as_deref() {
            Some(r) if region::NATIONAL_KEYS.contains(&r) => None,
            Some(r) => Some(r.to_string()),
            None => {
                if !procedures.is_empty() {
                    self.report(
                        fi,
                        &[Anchor::Key("procedures")],
                        Code::E011,
                        Msg::new(
                            "有 procedures 的文件必须写明 region（national 或地区 id）",
                            "a file with procedures must say its region (national or a region id)",
                        ),
                    );
                }
                None
            }
        };
        for t in topics {
            self.check_id(fi, &t.id, IdKind::Topic);
            if t.name.as_deref().is_none_or(str::is_empty) {
                self.empty(
                    fi,
                    &[Anchor::Id(&t.id)],
                    Msg::new(
                        format!("主题 {} 缺少 name", t.id),
                        format!("topic {} has no name", t.id),
                    ),
                );
            }
            self.check_text(fi, &[Anchor::Id(&t.id)], t.name.iter().chain(&t.summary));
            self.check_english(fi, &[Anchor::Id(&t.id)], &t.id, &t);
            self.base.topics.push(t);
        }
        for s in sources {
            self.check_id(fi, &s.id, IdKind::Item);
            if s.title.as_deref().is_none_or(str::is_empty) {
                self.empty(
                    fi,
                    &[Anchor::Id(&s.id)],
                    Msg::new(
                        format!("来源 {} 缺少 title", s.id),
                        format!("source {} has no title", s.id),
                    ),
                );
            }
            self.check_english(fi, &[Anchor::Id(&s.id)], &s.id, &s);
            self.base.sources.push(s);
        }
        for r in regions {
            self.check_id(fi, &r.id, IdKind::Region);
            for (field, v) in [("code", &r.code), ("name", &r.name), ("short", &r.short)] {
                if v.as_deref().is_none_or(str::is_empty) {
                    self.empty(
                        fi,
                        &[Anchor::Id(&r.id)],
                        Msg::new(
                            format!("地区 {} 缺少 {field}", r.id),
                            format!("region {} has no {field}", r.id),
                        ),
                    );
                }
            }
            if let Some(code) = &r.code
                && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
            {
                self.report(
                    fi,
                    &[Anchor::Id(&r.id), Anchor::Token(code)],
                    Code::E004,
                    Msg::new(
                        format!("地区 {} 的代码 {code} 不是6位数字 (GB/T 2260)", r.id),
                        format!(
                            "region {}: code \"{code}\" is not 6 digits (GB/T 2260)",
                            r.id
                        ),
                    ),
                );
            }
            self.base.regions.push(r);
        }
        self.base
            .situations
            .extend(situations.into_iter().map(|s| (fi, s)));
        for p in procedures {
            self.base.entries.push(Entry {
                region: region.clone(),
                procedure: p,
                file: fi,
            });
        }
    }
}
