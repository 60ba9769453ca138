//! Stage 2: typed events, actors, theatres and configuration from loaded files.
//!
//! Collects diagnostics and never stops at the first problem. Knows nothing of
//! identity resolution, ordering or output.

pub mod config;
pub mod entity;
pub mod event;
pub mod fields;
pub mod lint;
pub mod nested;
pub mod schema;

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use rayon::prelude::*;

pub use config::Config;
pub use entity::EntityFile;
pub use event::Event;

/// Everything the site's files say, parsed.
#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    pub actors: Vec<EntityFile>,
    pub theatres: Vec<EntityFile>,
}

/// Parses every loaded file in parallel; the result keeps the load order.
pub fn parse(loaded: &Loaded, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    let tz = config.timezone;
    // Only the "date in the future" warning reads the clock; no output does.
    let now = chrono::Utc::now().naive_utc();
    let events: Vec<_> = loaded
        .events
        .par_iter()
        .map(|f| event::parse(f, tz, now))
        .collect();
    let actors: Vec<_> = loaded.actors.par_iter().map(entity::parse).collect();
    let theatres: Vec<_> = loaded.theatres.par_iter().map(entity::parse).collect();
    let mut parsed = Parsed::default();
    for (event, problems) in events {
        diagnostics.extend(problems);
        parsed.events.extend(event);
    }
    for (results, out) in [
        (actors, &mut parsed.actors),
        (theatres, &mut parsed.theatres),
    ] {
        for r in results {
            match r {
                Ok(e) => out.push(e),
                Err(d) => diagnostics.extend(d),
            }
        }
    }
    parsed
}
