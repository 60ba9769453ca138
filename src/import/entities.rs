//! The actor, theatre and period files an import writes: each once, however
//! many rows name it, into the site's `content/actors/`, `content/theatres/`
//! and `content/periods/` (whatever `--into` says), never over an existing
//! file without `--force`.
//!
//! Places: a name that repeats under different parents (ACLED's and UCDP's
//! `admin1`/`admin2`: there is a `Central` in many countries) would be one
//! theatre; each becomes its own, its slug made unique by its parent's
//! (`central-ghana`), so the hierarchy is country → admin1 → admin2.

use super::{Outcome, Request};
use crate::slug::Slug;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An actor file's front matter.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(crate) struct Actor {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

/// A theatre file's front matter.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(crate) struct Theatre {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A period file's front matter, and its description.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(crate) struct Period {
    pub name: String,
    /// EDTF.
    pub date: String,
    /// EDTF, when `date` alone cannot hold the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(skip)]
    pub body: String,
}

/// The files to write, by slug.
#[derive(Debug, Default)]
pub(crate) struct Entities {
    pub actors: BTreeMap<Slug, Actor>,
    pub theatres: BTreeMap<Slug, Theatre>,
    pub periods: BTreeMap<Slug, Period>,
}

impl Entities {
    /// Notes an actor; the first kind given for it wins. Returns the name
    /// events should use.
    pub(crate) fn actor(&mut self, name: &str, kind: Option<&'static str>) -> Option<String> {
        let slug = Slug::from_name(name)?;
        let entry = self.actors.entry(slug).or_insert_with(|| Actor {
            name: name.to_string(),
            kind: None,
        });
        entry.kind = entry.kind.or(kind);
        Some(entry.name.clone())
    }

    /// Notes a period under a slug of its name not taken yet (`-2`, `-3`…).
    /// `None` when its name has no letter or digit.
    pub(crate) fn period(&mut self, period: Period) -> Option<Slug> {
        let slug = Slug::from_name(&period.name)?.first_free(|s| self.periods.contains_key(s));
        self.periods.insert(slug.clone(), period);
        Some(slug)
    }
}

/// Places as a tree of names: country → admin1 → admin2, given as paths.
#[derive(Debug, Default)]
pub(crate) struct Places {
    paths: BTreeSet<Vec<String>>,
}

impl Places {
    /// Notes a place by its path from the top (`["Ghana", "Central"]`).
    pub(crate) fn add(&mut self, path: &[&str]) {
        for n in 1..=path.len() {
            self.paths
                .insert(path[..n].iter().map(|s| s.to_string()).collect());
        }
    }

    /// Each place's slug, by path, and the theatre files: a name used under
    /// two parents is qualified by its parent's slug, recursively.
    pub(crate) fn theatres(&self, into: &mut Entities) -> BTreeMap<Vec<String>, Slug> {
        let mut parents: BTreeMap<Slug, BTreeSet<Vec<String>>> = BTreeMap::new();
        for path in &self.paths {
            if let Some(slug) = path.last().and_then(|n| Slug::from_name(n)) {
                parents
                    .entry(slug)
                    .or_default()
                    .insert(path[..path.len() - 1].to_vec());
            }
        }
        let mut slugs: BTreeMap<Vec<String>, Slug> = BTreeMap::new();
        // Shorter paths first, so a parent's slug is known before its children's.
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut ordered: Vec<&Vec<String>> = self.paths.iter().collect();
        ordered.sort_by_key(|p| p.len());
        for path in ordered {
            let Some(own) = path.last().and_then(|n| Slug::from_name(n)) else {
                continue;
            };
            let parent = slugs.get(&path[..path.len() - 1]).cloned();
            let shared = parents.get(&own).is_some_and(|p| p.len() > 1);
            let written = path.last().cloned().unwrap_or_default();
            // Names identify theatres too: a shared one says its parent's.
            let (slug, name) = match (&parent, shared) {
                (Some(p), true) => {
                    let parent_name = path
                        .get(path.len().wrapping_sub(2))
                        .cloned()
                        .unwrap_or_default();
                    (
                        Slug::from_name(&format!("{own} {p}")).unwrap_or(own),
                        format!("{written} ({parent_name})"),
                    )
                }
                _ => (own, written),
            };
            // Names long enough to be cut to the same slug, or a name under
            // a parent of the same name, are still different places: each
            // keeps a slug, and a name, of its own.
            let free = slug.first_free(|s| into.theatres.contains_key(s));
            let name = match free == slug && !names.contains(&name.to_lowercase()) {
                true => name,
                false => format!("{name} ({free})"),
            };
            names.insert(name.to_lowercase());
            let slug = free;
            into.theatres.insert(
                slug.clone(),
                Theatre {
                    name,
                    parent: parent.map(|p| p.to_string()),
                },
            );
            slugs.insert(path.clone(), slug);
        }
        slugs
    }
}

/// Writes the actor, theatre and period files of `entities` beside
/// `content/events/`.
pub(super) fn write(req: &Request, entities: &Entities, outcome: &mut Outcome) {
    let Some(content) = content_of(req) else {
        return;
    };
    let files = entities
        .actors
        .iter()
        .map(|(slug, a)| {
            (
                content.join("actors").join(format!("{slug}.md")),
                crate::yaml::to_string(a),
            )
        })
        .chain(entities.theatres.iter().map(|(slug, t)| {
            (
                content.join("theatres").join(format!("{slug}.md")),
                crate::yaml::to_string(t),
            )
        }))
        .map(|(path, yaml)| (path, yaml, ""))
        .chain(entities.periods.iter().map(|(slug, p)| {
            (
                content.join("periods").join(format!("{slug}.md")),
                crate::yaml::to_string(p),
                p.body.as_str(),
            )
        }));
    for (path, yaml, body) in files {
        let Ok(yaml) = yaml else { continue };
        super::put(req, &path, &super::with_front_matter(&yaml, body), outcome);
    }
}

/// The site's `content/`, which holds `into` by default.
fn content_of(req: &Request) -> Option<std::path::PathBuf> {
    req.content
        .clone()
        .or_else(|| req.into.parent().map(Path::to_path_buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_under_two_parents_is_two_theatres() {
        let mut places = Places::default();
        places.add(&["Ghana", "Central"]);
        places.add(&["Kenya", "Central", "Nyeri"]);
        places.add(&["Ghana", "Ashanti"]);
        let mut e = Entities::default();
        let slugs = places.theatres(&mut e);
        let slug =
            |p: &[&str]| slugs[&p.iter().map(|s| s.to_string()).collect::<Vec<_>>()].to_string();
        assert_eq!(slug(&["Ghana", "Central"]), "central-ghana");
        assert_eq!(slug(&["Kenya", "Central"]), "central-kenya");
        assert_eq!(slug(&["Kenya", "Central", "Nyeri"]), "nyeri");
        assert_eq!(slug(&["Ghana", "Ashanti"]), "ashanti");
        let nyeri = &e.theatres[&Slug::from_name("nyeri").unwrap()];
        assert_eq!(nyeri.parent.as_deref(), Some("central-kenya"));
        let central = &e.theatres[&Slug::from_name("central-kenya").unwrap()];
        assert_eq!(central.name, "Central (Kenya)");
    }
}
