//! Stage 2: typed events, actors, theatres, periods and configuration from
//! loaded files.
//!
//! Collects diagnostics and never stops at the first problem. Knows nothing of
//! identity resolution, ordering or output.

pub(crate) mod body;
pub(crate) mod config;
pub(crate) mod entity;
pub(crate) mod event;
pub(crate) mod fields;
pub(crate) mod limits;
pub(crate) mod lint;
pub(crate) mod nested;
pub(crate) mod period;
pub(crate) mod schema;
mod syntax;

use crate::diagnostic::Diagnostic;
use rayon::prelude::*;

pub(crate) use body::Bodies;
pub(crate) use config::Config;
pub(crate) use entity::EntityFile;
pub(crate) use event::{Event, Stub};
pub(crate) use period::PeriodFile;

/// One event file: its front matter split, the event parsed, then its own
/// warnings, whatever errors it has. Here rather than in `event`, so that
/// `lint` reads events and `event` does not know `lint`.
pub(crate) fn parse_event(
    file: &crate::load::SourceFile,
    tz: chrono_tz::Tz,
    today: Option<chrono::NaiveDate>,
    bodies: &Bodies,
) -> (Result<Event, Option<Stub>>, Vec<Diagnostic>) {
    let fm = match crate::load::frontmatter::split(&file.text) {
        Ok(fm) => fm,
        Err(e) => {
            return (
                Err(None),
                vec![event::split_error(e, &file.rel, "an event", &file.text)],
            )
        }
    };
    let (event, mut diagnostics) = event::parse(&fm, file, tz, bodies);
    if let Ok(e) = &event {
        diagnostics.extend(lint::event(&fm, e, today));
    }
    (event, diagnostics)
}

/// Everything the site's files say, parsed.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Boxed: an event is hundreds of bytes, and the model sorts and moves
    /// them, which would otherwise copy each and hold two arrays of them.
    #[allow(clippy::vec_box)]
    pub events: Vec<Box<Event>>,
    /// Event files too broken to be events, by slug (see [`Stub`]).
    pub stubs: Vec<Stub>,
    pub actors: Vec<EntityFile>,
    pub theatres: Vec<EntityFile>,
    pub periods: Vec<PeriodFile>,
}

/// What reading and parsing one source gave: kept per file by `serve`, which
/// parses again only the files that changed.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    Event(Result<Box<Event>, Option<Stub>>, Vec<Diagnostic>),
    Entity(
        crate::load::Section,
        Option<Box<EntityFile>>,
        Vec<Diagnostic>,
    ),
    Period(Option<Box<PeriodFile>>, Vec<Diagnostic>),
    Unreadable(Diagnostic),
}

/// Reads and parses one walked source. `today` is for W303 only (see
/// [`lint::event`]).
pub(crate) fn read_one(
    root: &std::path::Path,
    section: crate::load::Section,
    path: std::path::PathBuf,
    config: &Config,
    bodies: &Bodies,
    today: Option<chrono::NaiveDate>,
) -> Outcome {
    match crate::load::read_source(root, section, path, config.limits.max_file_size) {
        Err(d) => Outcome::Unreadable(d),
        Ok(file) if section == crate::load::Section::Events => {
            let (e, d) = parse_event(&file, config.timezone, today, bodies);
            Outcome::Event(e.map(Box::new), d)
        }
        Ok(file) if section == crate::load::Section::Periods => {
            let (p, d) = period::parse(&file, config.timezone);
            Outcome::Period(p.map(Box::new), d)
        }
        Ok(file) => {
            let (e, d) = entity::parse(&file);
            Outcome::Entity(section, e.map(Box::new), d)
        }
    }
}

/// Reads and parses every walked source in parallel, one file per step, so
/// that each text is dropped as soon as it is parsed; the result keeps the
/// walk's order. Returns the parsed files and how many sources were examined.
/// `today` is for W303 only (see [`lint::event`]).
pub(crate) fn read_and_parse(
    root: &std::path::Path,
    sources: Vec<(crate::load::Section, std::path::PathBuf)>,
    config: &Config,
    bodies: &Bodies,
    today: Option<chrono::NaiveDate>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Parsed, usize) {
    let outcomes: Vec<Outcome> = sources
        .into_par_iter()
        .map(|(section, path)| read_one(root, section, path, config, bodies, today))
        .collect();
    assemble(outcomes, diagnostics)
}

/// The parsed site from each source's outcome, in the walk's order, with
/// how many sources were examined.
pub(crate) fn assemble(
    outcomes: impl IntoIterator<Item = Outcome>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Parsed, usize) {
    use crate::load::Section;
    let mut parsed = Parsed::default();
    let mut read = 0;
    for outcome in outcomes {
        match outcome {
            // A file that cannot be read was still examined, and its problem
            // reported: it counts, so "in N files" matches the folder.
            Outcome::Unreadable(d) => {
                read += 1;
                diagnostics.push(d);
            }
            Outcome::Event(e, d) => {
                read += 1;
                diagnostics.extend(d);
                match e {
                    Ok(e) => parsed.events.push(e),
                    Err(stub) => parsed.stubs.extend(stub),
                }
            }
            Outcome::Entity(section, e, d) => {
                read += 1;
                diagnostics.extend(d);
                match e {
                    Some(e) if section == Section::Actors => parsed.actors.push(*e),
                    Some(e) => parsed.theatres.push(*e),
                    None => {}
                }
            }
            Outcome::Period(p, d) => {
                read += 1;
                diagnostics.extend(d);
                parsed.periods.extend(p.map(|p| *p));
            }
        }
    }
    (parsed, read)
}
