//! Who and where: actors and theatres resolved by slug, name and alias,
//! case-insensitively and across scripts (`Іван Попов` is `ivan-popov`).

use crate::diagnostic::{Code, Diagnostic};
use crate::parse::entity::{ActorKind, EntityFile};
use crate::parse::event::Location;
use crate::route::Kind;
use crate::slug::Slug;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// An actor or a theatre: from its metadata file, or named only in events.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub slug: Slug,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<ActorKind>,
    pub affiliation: Option<String>,
    pub parent: Option<Slug>,
    pub location: Option<Location>,
    /// Markdown, empty without a metadata file.
    pub description: String,
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// The entity's own name or slug: wins over aliases.
    Name,
    Alias,
    /// A transliterated or slugified form: a fallback that never conflicts.
    Derived,
}

/// All actors (or all theatres) and the table that resolves names to them.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub entities: BTreeMap<Slug, Entity>,
    lookup: HashMap<String, (Slug, Claim)>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Registry {
    /// Builds the registry from the metadata files of actors or theatres.
    pub(crate) fn from_files(
        files: Vec<EntityFile>,
        kind: Kind,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Registry {
        let what = kind.singular();
        let mut reg = Registry::default();
        let mut alias_claims: Vec<(String, Slug, PathBuf, Option<crate::diagnostic::Span>)> =
            Vec::new();
        for file in files {
            if let Some(existing) = reg.entities.get(&file.slug) {
                let other = existing
                    .file
                    .as_ref()
                    .map(|p| crate::diagnostic::display_path(p))
                    .unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateSlug,
                        format!("two {what} files have the slug `{}`", file.slug),
                    )
                    .in_file(&file.file)
                    .with_hint(format!("the other is `{other}`; rename one of them")),
                );
                continue;
            }
            for (alias, span) in &file.aliases {
                alias_claims.push((
                    alias.clone(),
                    file.slug.clone(),
                    file.file.clone(),
                    span.clone(),
                ));
            }
            let entity = Entity {
                slug: file.slug.clone(),
                name: file.name,
                aliases: file.aliases.into_iter().map(|(a, _)| a).collect(),
                kind: file.kind,
                affiliation: file.affiliation,
                parent: None,
                location: file.location,
                description: file.body,
                file: Some(file.file),
            };
            if let Some((owner, _)) = reg
                .lookup
                .get(&key(&entity.name))
                .filter(|(s, _)| s != &entity.slug)
            {
                let owner_file = reg
                    .entities
                    .get(owner)
                    .and_then(|e| e.file.as_ref())
                    .map(|p| crate::diagnostic::display_path(p))
                    .unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        Code::AliasConflict,
                        format!(
                            "name `{}` is claimed by two {what}s: `{owner}` and `{}`",
                            entity.name, entity.slug
                        ),
                    )
                    .in_file(entity.file.clone().unwrap_or_default())
                    .at(file.name_span.clone())
                    .with_hint(format!(
                        "a name must identify one {what}; change it here or in `{owner_file}`"
                    )),
                );
            }
            reg.claim(&entity.name, &entity.slug, Claim::Name);
            reg.claim(entity.slug.as_str(), &entity.slug, Claim::Name);
            reg.entities.insert(entity.slug.clone(), entity);
        }
        let mut first_claim: HashMap<String, (Slug, PathBuf)> = HashMap::new();
        for (alias, slug, file, span) in alias_claims {
            let k = key(&alias);
            if let Some((owner, owner_file)) = first_claim.get(&k) {
                if owner != &slug {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::AliasConflict,
                            format!(
                                "alias `{alias}` is claimed by two {what}s: `{owner}` and `{slug}`"
                            ),
                        )
                        .in_file(&file)
                        .at(span)
                        .with_hint(format!(
                            "an alias must name one {what}; remove it here or from `{}`",
                            crate::diagnostic::display_path(owner_file)
                        )),
                    );
                }
                continue;
            }
            if let Some((owner, _)) = reg
                .lookup
                .get(&k)
                .filter(|(s, c)| s != &slug && *c == Claim::Name)
            {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::AliasIsName,
                        format!("alias `{alias}` of `{slug}` is the name or slug of another {what}, `{owner}`; it resolves to `{owner}`"),
                    )
                    .in_file(&file)
                    .at(span.clone())
                    .with_hint(format!("remove the alias, or rename `{owner}`")),
                );
            }
            first_claim.insert(k, (slug.clone(), file));
            reg.claim(&alias, &slug, Claim::Alias);
        }
        // Derived forms last, so they never shadow a name or alias.
        let derived: Vec<(Slug, Vec<String>)> = reg
            .entities
            .values()
            .map(|e| {
                (
                    e.slug.clone(),
                    std::iter::once(e.name.clone())
                        .chain(e.aliases.iter().cloned())
                        .collect(),
                )
            })
            .collect();
        for (slug, names) in derived {
            for n in names {
                if let Some(s) = Slug::from_name(&n) {
                    reg.claim(s.as_str(), &slug, Claim::Derived);
                }
            }
        }
        reg
    }

    fn claim(&mut self, name: &str, slug: &Slug, claim: Claim) {
        let k = key(name);
        match self.lookup.get(&k) {
            Some((_, existing)) if rank(*existing) <= rank(claim) => {}
            _ => {
                self.lookup.insert(k, (slug.clone(), claim));
            }
        }
    }

    /// The slug a name refers to, without creating anything.
    pub(crate) fn find(&self, name: &str) -> Option<&Slug> {
        if let Some((s, _)) = self.lookup.get(&key(name)) {
            return Some(s);
        }
        let slug = Slug::from_name(name)?;
        self.lookup.get(slug.as_str()).map(|(s, _)| s)
    }

    /// The slug a name refers to, creating an entity for a name seen only in events.
    pub(crate) fn resolve(&mut self, name: &str) -> Option<Slug> {
        if let Some(s) = self.find(name) {
            return Some(s.clone());
        }
        let slug = Slug::from_name(name)?;
        self.entities.insert(
            slug.clone(),
            Entity {
                slug: slug.clone(),
                name: name.trim().to_string(),
                aliases: Vec::new(),
                kind: None,
                affiliation: None,
                parent: None,
                location: None,
                description: String::new(),
                file: None,
            },
        );
        self.claim(name, &slug, Claim::Name);
        self.claim(slug.as_str(), &slug, Claim::Name);
        Some(slug)
    }
}

fn rank(c: Claim) -> u8 {
    match c {
        Claim::Name => 0,
        Claim::Alias => 1,
        Claim::Derived => 2,
    }
}

/// Resolves each theatre file's `parent` and rejects unknown parents and cycles.
pub(crate) fn link_parents(
    theatres: &mut Registry,
    files: &[(Slug, String, PathBuf, Option<crate::diagnostic::Span>)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (slug, parent, file, span) in files {
        match theatres.find(parent).cloned() {
            Some(p) if &p == slug => diagnostics.push(
                Diagnostic::error(
                    Code::InvalidParent,
                    format!("theatre `{slug}` is its own parent"),
                )
                .in_file(file)
                .at(span.clone()),
            ),
            Some(p) => {
                if let Some(e) = theatres.entities.get_mut(slug) {
                    e.parent = Some(p);
                }
            }
            None => diagnostics.push(
                Diagnostic::error(
                    Code::InvalidParent,
                    format!("parent theatre `{parent}` does not exist"),
                )
                .in_file(file)
                .at(span.clone())
                .with_hint("a parent must be a theatre's slug, name or alias"),
            ),
        }
    }
    // A cycle (a → b → a) would make "sub-theatres" infinite: break it and report.
    let slugs: Vec<Slug> = theatres.entities.keys().cloned().collect();
    for start in slugs {
        let mut seen = vec![start.clone()];
        let mut current = theatres.entities.get(&start).and_then(|e| e.parent.clone());
        while let Some(p) = current {
            if p == start {
                let file = theatres
                    .entities
                    .get(&start)
                    .and_then(|e| e.file.clone())
                    .unwrap_or_default();
                let chain: Vec<String> = seen.iter().map(|s| s.to_string()).collect();
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidParent,
                        format!(
                            "theatre parents form a cycle: {} → {start}",
                            chain.join(" → ")
                        ),
                    )
                    .in_file(file),
                );
                if let Some(e) = theatres.entities.get_mut(&start) {
                    e.parent = None;
                }
                break;
            }
            if seen.contains(&p) {
                break;
            }
            seen.push(p.clone());
            current = theatres.entities.get(&p).and_then(|e| e.parent.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(slug: &str, name: &str, aliases: &[&str]) -> EntityFile {
        EntityFile {
            slug: Slug::from_name(slug).unwrap(),
            file: PathBuf::from(format!("content/actors/{slug}.md")),
            name: name.into(),
            aliases: aliases.iter().map(|a| (a.to_string(), None)).collect(),
            kind: None,
            affiliation: None,
            parent: None,
            location: None,
            body: String::new(),
            name_span: None,
        }
    }

    #[test]
    fn resolves_names_aliases_and_scripts() {
        let mut d = Vec::new();
        let mut reg = Registry::from_files(
            vec![file("ivan-popov", "Ivan Popov", &["Popov", "Іван Попов"])],
            Kind::Actor,
            &mut d,
        );
        assert!(d.is_empty());
        for name in [
            "Ivan Popov",
            "ivan popov",
            "POPOV",
            "Іван Попов",
            "Иван Попов",
            "ivan-popov",
        ] {
            assert_eq!(reg.resolve(name).unwrap().as_str(), "ivan-popov", "{name}");
        }
        assert_eq!(
            reg.resolve("Sergei Shoigu").unwrap().as_str(),
            "sergei-shoigu"
        );
        assert_eq!(reg.entities.len(), 2);
    }

    #[test]
    fn alias_claimed_twice_is_an_error() {
        let mut d = Vec::new();
        Registry::from_files(
            vec![file("a", "A", &["Gen"]), file("b", "B", &["gen"])],
            Kind::Actor,
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::AliasConflict);
    }
}
