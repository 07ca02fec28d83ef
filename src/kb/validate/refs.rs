//! References between files: a region's parent, a topic's primary
//! procedure, and the regions procedure layers are written for.

use super::super::base::Known;
use super::super::finding::Code;
use super::super::i18n::Msg;
use super::super::locate::Anchor;
use super::super::merge::split_id;
use super::Checker;

impl Checker {
    pub(super) fn check_regions(&mut self, known: Option<&dyn Known>) {
        let regions = self.base.regions.clone();
        for r in &regions {
            if let Some(parent) = &r.parent {
                let parent_of_parent = self
                    .base
                    .region_parent(parent)
                    .or_else(|| known.and_then(|k| k.region_parent(parent)));
                let fi = self.file_defining(&r.id);
                match parent_of_parent {
                    None => self.report(
                        fi,
                        &[Anchor::Id(&r.id), Anchor::Token(parent)],
                        Code::E006,
                        Msg::new(
                            format!("地区 {} 的上级 {parent} 不在地区表中", r.id),
                            format!(
                                "region {}: its parent {parent} is not in the region registry",
                                r.id
                            ),
                        ),
                    ),
                    Some(Some(_)) => self.report(
                        fi,
                        &[Anchor::Id(&r.id), Anchor::Token(parent)],
                        Code::E006,
                        Msg::new(
                            format!("地区 {} 的上级 {parent} 本身是地级市，应为省级单位", r.id),
                            format!(
                                "region {}: its parent {parent} is itself a city; a parent must be a province-level region",
                                r.id
                            ),
                        ),
                    ),
                    Some(None) => {}
                }
            }
        }
    }

    pub(super) fn check_topics(&mut self, known: Option<&dyn Known>) {
        let topics = self.base.topics.clone();
        for t in &topics {
            if let Some(primary) = &t.primary {
                let exists = self.base.has_procedure(primary)
                    || known.is_some_and(|k| k.has_procedure(primary));
                if !exists || split_id(primary).0 != t.id {
                    let fi = self.file_defining(&t.id);
                    self.report(
                        fi,
                        &[Anchor::Id(&t.id), Anchor::Token(primary)],
                        Code::E006,
                        Msg::new(
                            format!(
                                "主题 {} 的 primary 事项 {primary} 不存在或不属于该主题",
                                t.id
                            ),
                            format!(
                                "topic {}: its primary procedure {primary} does not exist or is not of this topic",
                                t.id
                            ),
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn region_known(&self, id: &str, known: Option<&dyn Known>) -> bool {
        self.base.region(id).is_some() || known.is_some_and(|k| k.region_parent(id).is_some())
    }
}
