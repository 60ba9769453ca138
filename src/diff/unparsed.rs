//! What a side could not read. A revision with errors is still compared (a
//! past commit cannot be fixed, and the pull request that repairs it deserves
//! a diff), but what a file that does not parse says is unknown: the events it
//! held on the other side are neither added nor removed, only not compared.

use super::path;
use crate::diagnostic::Diagnostic;
use crate::load::Section;
use crate::model::{Group, Timeline};
use crate::route::Kind;
use std::collections::BTreeSet;

/// One side's files that have errors and gave its timeline nothing, or an
/// event with values left out.
#[derive(Debug, Default)]
pub(crate) struct Unparsed {
    /// `/`-separated, relative to the site's folder.
    pub files: BTreeSet<String>,
    /// Whether an actor (theatre) file is among them: on that side a name may
    /// then resolve to another actor than it would, the alias being unread.
    actors: bool,
    theatres: bool,
}

impl Unparsed {
    /// From a timeline and the diagnostics found loading it. A file with an
    /// error whose event or entity is in the timeline anyway (a warning that
    /// `check:` raises, an unknown `related`) is compared as usual.
    pub(crate) fn new(timeline: &Timeline, diagnostics: &[Diagnostic]) -> Unparsed {
        let mut files: BTreeSet<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.file.as_deref())
            .map(path)
            .collect();
        // An event whose own file has errors is in the timeline with its
        // wrong values left out: comparing it would show defaults as changes.
        for te in timeline.events.iter().filter(|te| !te.event.has_errors) {
            files.remove(&path(&te.event.file));
        }
        for g in timeline.actors.values().chain(timeline.theatres.values()) {
            if let Some(f) = &g.entity.file {
                files.remove(&path(f));
            }
        }
        let any_in = |section: Section| {
            let folder = format!("content/{}/", section.folder());
            files.iter().any(|f| f.starts_with(&folder))
        };
        Unparsed {
            actors: any_in(Section::Actors),
            theatres: any_in(Section::Theatres),
            files,
        }
    }

    /// Whether names of this kind may resolve otherwise on this side.
    pub(crate) fn unsure(&self, kind: Kind) -> bool {
        match kind {
            Kind::Actor => self.actors,
            Kind::Theatre => self.theatres,
            Kind::Tag | Kind::Year | Kind::Period => false,
        }
    }

    pub(crate) fn has(&self, file: &std::path::Path) -> bool {
        self.files.contains(&path(file))
    }
}

/// Whether what `own` says of an actor or theatre can be compared with
/// `other`: not when its file does not parse there, nor when it is only named
/// in events on a side where names may resolve otherwise.
pub(super) fn comparable(g: &Group, kind: Kind, own: &Unparsed, other: &Unparsed) -> bool {
    match &g.entity.file {
        Some(f) => !other.has(f),
        None => !own.unsure(kind),
    }
}
