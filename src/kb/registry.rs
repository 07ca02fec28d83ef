//! The region registry in use — the one compiled into the binary, or the one
//! of a complete base given with `--data` — and a region of it as lookups
//! and answers use it. `--region` is looked up in the registry of the base
//! that answers, never in the other one.

use super::Words;
use super::builtin;
use super::model::Region;
use super::region;

/// Which registry a region belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Registry {
    /// The registry compiled into the binary.
    Builtin,
    /// The registry of a complete base read at run time.
    Loaded(&'static LoadedRegions),
}

impl PartialEq for Registry {
    fn eq(&self, other: &Registry) -> bool {
        match (self, other) {
            (Registry::Builtin, Registry::Builtin) => true,
            (Registry::Loaded(a), Registry::Loaded(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

impl Eq for Registry {}

/// The regions of a complete base read at run time, indexed as the compiled
/// registry is: each region's parent by position, and every lookup key
/// sorted. It is made once per run and lives as long as the run, like the
/// compiled registry, so that a region from either is the same `'static`
/// value everywhere (answers, search, resolution).
#[derive(Debug)]
pub struct LoadedRegions {
    regions: Vec<Region>,
    parents: Vec<Option<u16>>,
    keys: Vec<(String, u16)>,
}

impl LoadedRegions {
    /// Indexes `regions` and keeps them for the rest of the run. A registry
    /// has far fewer than 65,535 regions; any beyond are left out.
    pub fn leak(regions: &[Region]) -> &'static LoadedRegions {
        let regions: Vec<Region> = regions
            .iter()
            .take(usize::from(u16::MAX))
            .cloned()
            .collect();
        let position = |id: &str| {
            regions
                .iter()
                .position(|r| r.id == id)
                .and_then(|i| u16::try_from(i).ok())
        };
        let parents = regions
            .iter()
            .map(|r| r.parent.as_deref().and_then(position))
            .collect();
        let mut keys: Vec<(String, u16)> = regions
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((region::keys(r), u16::try_from(i).ok()?)))
            .flat_map(|(keys, i)| keys.into_iter().map(move |k| (k, i)))
            .collect();
        // The first region to claim a key keeps it (the linter rejects a
        // base where two do).
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        Box::leak(Box::new(LoadedRegions {
            regions,
            parents,
            keys,
        }))
    }
}

impl Registry {
    /// How many regions.
    pub fn len(self) -> usize {
        match self {
            Registry::Builtin => builtin::region_count(),
            Registry::Loaded(l) => l.regions.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The region at position `index`.
    pub fn at(self, index: u16) -> Option<RegionInfo> {
        match self {
            Registry::Builtin => {
                let r = builtin::region_at(index)?;
                Some(RegionInfo {
                    index,
                    id: r.id,
                    code: r.code,
                    name: r.name,
                    short: r.short,
                    en: r.en,
                    parent: r.parent,
                    registry: self,
                })
            }
            Registry::Loaded(l) => {
                let r = l.regions.get(usize::from(index))?;
                Some(RegionInfo {
                    index,
                    id: &r.id,
                    code: r.code.as_deref().unwrap_or(""),
                    name: r.name.as_deref().unwrap_or(""),
                    short: r.short.as_deref().unwrap_or(""),
                    en: r.en.as_deref().unwrap_or(""),
                    parent: l.parents.get(usize::from(index)).copied().flatten(),
                    registry: self,
                })
            }
        }
    }

    /// Every region, in registry order.
    pub fn iter(self) -> impl Iterator<Item = RegionInfo> + Clone {
        (0..self.len()).filter_map(move |i| self.at(u16::try_from(i).ok()?))
    }

    /// The region `text` names: id, code, Chinese name with or without
    /// suffix, short name, alias (case and separators do not matter).
    pub fn by_key(self, text: &str) -> Option<RegionInfo> {
        match self {
            Registry::Builtin => self.at(builtin::region_index_by_key(text)?),
            Registry::Loaded(l) => {
                let key = region::normalize(text);
                let i = l
                    .keys
                    .binary_search_by(|(k, _)| k.as_str().cmp(key.as_str()))
                    .ok()?;
                self.at(l.keys[i].1)
            }
        }
    }

    /// The region with this id.
    pub fn by_id(self, id: &str) -> Option<RegionInfo> {
        match self {
            Registry::Builtin => self.at(builtin::region_index_by_id(id)?),
            Registry::Loaded(l) => {
                let i = l.regions.iter().position(|r| r.id == id)?;
                self.at(u16::try_from(i).ok()?)
            }
        }
    }
}

/// A region of the registry in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionInfo {
    /// Position in its registry.
    pub index: u16,
    pub id: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    /// English name; empty when the registry has none.
    pub en: &'static str,
    /// Position of the province a city belongs to.
    pub parent: Option<u16>,
    registry: Registry,
}

impl RegionInfo {
    pub fn is_city(&self) -> bool {
        self.parent.is_some()
    }

    pub fn aliases(&self) -> Words<'static> {
        match self.registry {
            Registry::Builtin => builtin::region_at(self.index)
                .map_or(Words::Strings(&[]), |r| Words::Builtin(r.aliases)),
            Registry::Loaded(l) => l
                .regions
                .get(usize::from(self.index))
                .map_or(Words::Strings(&[]), |r| Words::Strings(&r.aliases)),
        }
    }

    /// The province of a city.
    pub fn province(&self) -> Option<RegionInfo> {
        self.registry.at(self.parent?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loaded_registry_answers_lookups_from_its_own_regions() {
        let regions: Vec<Region> = serde_yaml::from_str(
            "- {id: dongshan, code: '990000', name: 东山省, short: 东山}\n\
             - {id: xicheng, code: '990100', name: 西城市, short: 西城, parent: dongshan, aliases: [xicheng alias]}\n",
        )
        .expect("regions");
        let l = LoadedRegions::leak(&regions);
        let reg = Registry::Loaded(l);
        assert_eq!(reg.len(), 2);
        let city = reg.by_key("西城").expect("short name");
        assert_eq!((city.id, city.name, city.index), ("xicheng", "西城市", 1));
        assert_eq!(city.province().map(|p| p.id), Some("dongshan"));
        assert_eq!(reg.by_key("Xi-Cheng"), Some(city));
        assert_eq!(reg.by_key("xicheng alias"), Some(city));
        assert_eq!(reg.by_id("dongshan").map(|r| r.is_city()), Some(false));
        assert_eq!(city.aliases().iter().collect::<Vec<_>>(), ["xicheng alias"]);
        assert!(
            reg.by_key("heilongjiang").is_none(),
            "not the built-in registry"
        );
        assert!(Registry::Builtin.by_key("西城").is_none());
        assert_eq!(
            reg.iter().map(|r| r.id).collect::<Vec<_>>(),
            ["dongshan", "xicheng"]
        );
    }
}
