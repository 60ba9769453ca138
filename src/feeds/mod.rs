//! Feeds and exports (SPEC §7): Atom and JSON Feed of the newest events (for
//! the site and for each actor and theatre), iCalendar, the versioned JSON
//! export, CSV, TimelineJS3 JSON and a search index. `docs/exports.md`
//! documents each format and the choices made here.
//!
//! Everything is a pure function of the timeline and the configuration: no
//! clock, sorted input, and rayon results gathered in input order, so the
//! bytes are the same on every run. Work is linear in the number of events:
//! exports are written in parallel chunks and concatenated, feeds hold at most
//! [`FEED_ENTRIES`] events each, and each event's body is rendered at most once
//! however many feeds carry it.

mod atom;
mod calendar;
mod events_csv;
mod events_json;
mod feed;
mod json_feed;
mod search_index;
mod timelinejs;

use crate::model::Timeline;
use crate::parse::config::Config;
use rayon::prelude::*;
use serde::Serialize;

/// Entries in each Atom and JSON feed: the newest events by start. A feed
/// reader wants what is new, and a feed of every event of a large timeline
/// would weigh as much as the site; the exports hold every event.
pub const FEED_ENTRIES: usize = 50;

/// Which feeds and exports a site writes (`feeds:` in `annals.yaml`), by the
/// names of [`crate::parse::config::FEEDS`]. Templates see it as `site.feeds`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Enabled {
    pub atom: bool,
    pub json_feed: bool,
    pub calendar: bool,
    pub events_json: bool,
    pub csv: bool,
    pub timelinejs: bool,
    pub search_index: bool,
}

impl Enabled {
    pub fn from_config(c: &Config) -> Enabled {
        let on = |name: &str| c.feeds.iter().any(|f| f == name);
        Enabled {
            atom: on("atom"),
            json_feed: on("json_feed"),
            calendar: on("calendar"),
            events_json: on("events_json"),
            csv: on("csv"),
            timelinejs: on("timelinejs"),
            search_index: on("search_index"),
        }
    }
}

/// One file to write.
enum Job {
    Atom(usize),
    JsonFeed(usize),
    Calendar,
    EventsJson,
    Csv,
    TimelineJs,
    SearchIndex,
}

/// Every enabled feed and export as (site-relative output path, bytes), in a
/// fixed order: site feeds, actors' and theatres' feeds by slug, then exports.
pub fn files(t: &Timeline, c: &Config) -> Vec<(String, Vec<u8>)> {
    let on = Enabled::from_config(c);
    let feeds = if on.atom || on.json_feed {
        feed::feeds(t, c)
    } else {
        Vec::new()
    };
    let bodies = feed::Bodies::render(t, c, &feeds);
    let mut jobs = Vec::new();
    for i in 0..feeds.len() {
        if on.atom {
            jobs.push(Job::Atom(i));
        }
        if on.json_feed {
            jobs.push(Job::JsonFeed(i));
        }
    }
    for (enabled, job) in [
        (on.calendar, Job::Calendar),
        (on.events_json, Job::EventsJson),
        (on.csv, Job::Csv),
        (on.timelinejs, Job::TimelineJs),
        (on.search_index, Job::SearchIndex),
    ] {
        if enabled {
            jobs.push(job);
        }
    }
    jobs.into_par_iter()
        .map(|job| match job {
            Job::Atom(i) => (
                format!("{}atom.xml", feeds[i].dir),
                atom::write(t, c, &feeds[i], &bodies).into_bytes(),
            ),
            Job::JsonFeed(i) => (
                format!("{}feed.json", feeds[i].dir),
                json_feed::write(t, c, &feeds[i], &bodies),
            ),
            Job::Calendar => ("calendar.ics".into(), calendar::write(t, c)),
            Job::EventsJson => ("events.json".into(), events_json::write(t, c)),
            Job::Csv => ("events.csv".into(), events_csv::write(t, c)),
            Job::TimelineJs => ("timelinejs.json".into(), timelinejs::write(t, c)),
            Job::SearchIndex => ("search-index.json".into(), search_index::write(t, c)),
        })
        .collect()
}

/// A stable, absolute identifier for a site-relative path: its absolute URL
/// when `base_url` has an origin, else `urn:annals:path:<link>` such as
/// `urn:annals:path:/events/x/` (Atom ids and iCalendar UIDs must not be
/// relative, and without an origin annals cannot know the site's address).
fn iri(c: &Config, path: &str) -> String {
    if c.base_url.origin.is_empty() {
        format!("urn:annals:path:{}", c.base_url.link(path))
    } else {
        c.base_url.absolute(path)
    }
}

/// Events per chunk of the exports that are written in parallel.
const CHUNK: usize = 2048;

/// Writes `count` items in parallel chunks with `one(index, out)` and joins the
/// chunks in order, so that a large export is neither built item by item on
/// one thread nor held as a tree of values.
fn par_concat(count: usize, one: impl Fn(usize, &mut Vec<u8>) + Sync) -> Vec<u8> {
    par_chunks(count, |range| {
        let mut out = Vec::with_capacity(range.len() * 512);
        for i in range {
            one(i, &mut out);
        }
        out
    })
}

/// Splits `0..count` into chunks, writes each with `chunk` in parallel and
/// joins the results in order.
fn par_chunks(count: usize, chunk: impl Fn(std::ops::Range<usize>) -> Vec<u8> + Sync) -> Vec<u8> {
    let chunks: Vec<Vec<u8>> = (0..count.div_ceil(CHUNK))
        .into_par_iter()
        .map(|k| chunk(k * CHUNK..((k + 1) * CHUNK).min(count)))
        .collect();
    let mut out = Vec::with_capacity(chunks.iter().map(Vec::len).sum::<usize>() + 1024);
    for c in chunks {
        out.extend_from_slice(&c);
    }
    out
}
