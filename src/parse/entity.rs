//! Actor and theatre metadata files (SPEC §5).

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::load::{frontmatter, Section, SourceFile};
use crate::parse::event::{read_location, split_error, Location};
use crate::parse::fields::Fields;
use crate::slug::Slug;
use serde::Serialize;
use std::path::PathBuf;

const ACTOR_KEYS: &[&str] = &["name", "aliases", "kind", "affiliation"];
const THEATRE_KEYS: &[&str] = &["name", "aliases", "parent", "location"];
const KINDS: &[&str] = &["person", "unit", "organisation", "state", "other"];

/// What an actor is (SPEC §5 `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ActorKind {
    Person,
    Unit,
    Organisation,
    State,
    Other,
}

/// One metadata file, for an actor or a theatre.
#[derive(Debug, Clone)]
pub(crate) struct EntityFile {
    pub slug: Slug,
    pub file: PathBuf,
    pub name: String,
    pub name_span: Option<Span>,
    /// Each alias with the span of its line, for conflict messages.
    pub aliases: Vec<(String, Option<Span>)>,
    pub kind: Option<ActorKind>,
    pub affiliation: Option<String>,
    pub parent: Option<(String, Option<Span>)>,
    pub location: Option<Location>,
    /// Markdown description.
    pub body: String,
}

/// What every metadata file (actor, theatre, period) has: its slug, from
/// the file name, and its name (the file name when `name` is not given).
pub(crate) struct Named {
    pub slug: Slug,
    pub name: String,
    pub name_span: Option<Span>,
    /// Markdown description: the body.
    pub body: String,
}

/// Reads a metadata file: splits its front matter, checks its keys against
/// `keys` (`label` names the front matter in messages, `what` the file), makes
/// its slug from its name and reads `name`, then lets `rest` read the other
/// keys and make the value, whenever the slug is known (`Some`), even with
/// errors in other keys (they are left out), so that the checks across files
/// still run on it. Returns that, and every problem found.
pub(crate) fn read_metadata<T>(
    file: &SourceFile,
    (what, label, keys): (&str, &str, &[&str]),
    rest: impl FnOnce(&mut Fields, Option<Named>) -> Option<T>,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let fm = match frontmatter::split(&file.text) {
        Ok(fm) => fm,
        Err(e) => return (None, vec![split_error(e, &file.rel, what, &file.text)]),
    };
    let Some(mut f) = Fields::parse(&fm, &file.rel, &mut diagnostics) else {
        return (None, diagnostics);
    };
    f.check_keys(label, keys);
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = Slug::from_name(&stem);
    if slug.is_none() {
        f.push(Diagnostic::error(
            Code::InvalidValue,
            format!("cannot make a slug from the file name `{stem}`"),
        ));
    }
    let name_span = f.span("name");
    let name = f
        .string("name")
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let named = slug.map(|slug| Named {
        slug,
        name: name.unwrap_or(stem),
        name_span,
        body: fm.body.clone(),
    });
    let made = rest(&mut f, named);
    diagnostics.extend(f.into_diagnostics());
    (made, diagnostics)
}

/// Parses an actor or theatre file (see [`read_metadata`]).
pub(crate) fn parse(file: &SourceFile) -> (Option<EntityFile>, Vec<Diagnostic>) {
    let keys = match file.section {
        Section::Theatres => ("a theatre", "theatre front matter", THEATRE_KEYS),
        _ => ("an actor", "actor front matter", ACTOR_KEYS),
    };
    read_metadata(file, keys, |f, named| {
        let aliases = f
            .string_list("aliases")
            .into_iter()
            .map(|(i, a)| {
                let span = match i {
                    Some(i) => f.span_at(&crate::yaml::steps!["aliases", i]),
                    None => f.span("aliases"),
                };
                (a, span)
            })
            .collect();
        let kind = f.string("kind").and_then(|k| match k.trim() {
            "person" => Some(ActorKind::Person),
            "unit" => Some(ActorKind::Unit),
            "organisation" | "organization" => Some(ActorKind::Organisation),
            "state" => Some(ActorKind::State),
            "other" => Some(ActorKind::Other),
            other => {
                let hint = crate::parse::fields::choice_hint(other, KINDS, "use one of");
                f.error(
                    Code::InvalidValue,
                    "kind",
                    format!("unknown kind `{other}`"),
                )
                .hint = Some(hint);
                None
            }
        });
        let affiliation = f.string("affiliation");
        let parent = f.string("parent").map(|p| {
            let span = f.span("parent");
            (p, span)
        });
        let location = match f.get("location").cloned() {
            Some(v) => read_location(f, "location", &v),
            None => None,
        };
        named.map(|n| EntityFile {
            slug: n.slug,
            file: file.rel.clone(),
            name: n.name,
            name_span: n.name_span,
            aliases,
            kind,
            affiliation,
            parent,
            location,
            body: n.body,
        })
    })
}
