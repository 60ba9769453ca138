//! Site-wide search (SPEC §7): an index split into small files under
//! `/search/`, so that the first page does not grow with the site and a
//! query loads only what it needs. The default theme's script reads it;
//! `docs/exports.md` documents the layout.
//!
//! - `meta.json`: the number of events, how the other files are laid out,
//!   each facet's values with names and counts, the links' patterns;
//! - `terms/<n>.json`: the terms whose first characters hash to bucket `n`
//!   (`words.rs`), each with the events it occurs in and how strongly (in
//!   the title, in the summary or a name, elsewhere);
//! - `docs/<n>.json`: what a result shows, for chunk `n` of [`CHUNK`] events;
//! - `dates.json`: each chunk's date span, so a date range loads only the
//!   chunks on its edges;
//! - `facets/<facet>/<value>.json`: the events of an actor, theatre, tag,
//!   period or status.
//!
//! Events are numbered in timeline order, so results come in timeline order
//! by sorting numbers. Every list of numbers is written as differences from
//! the one before (and, in term files, times four plus the strength).

mod docs;
mod terms;
pub(crate) mod words;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::parse::event::Status;
use crate::route::{self, Facet, GroupId, Route, SearchFile};
use crate::slug::Slug;
use crate::write::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// Events per `docs/<n>.json`: a result page of 25 spread over the timeline
/// loads at most 25 such files, each a few kilobytes.
pub(crate) const CHUNK: usize = 64;

/// The version of the index's layout, in `meta.json`.
const VERSION: u32 = 1;

/// How many term files a site of `events` events has: about one per 32
/// events, a power of two, at least 16. A function of the count alone, so an
/// edit that keeps the count rewrites files and never changes their list.
pub(crate) fn buckets(events: usize) -> usize {
    (events / 32).next_power_of_two().clamp(16, 1 << 16)
}

fn chunks(events: usize) -> usize {
    events.div_ceil(CHUNK)
}

/// The facets every event is filed under, by kind, with the groups' events.
fn facets(t: &Timeline) -> Vec<(Facet, &[usize])> {
    let mut out: Vec<(Facet, &[usize])> = Vec::new();
    for (slug, g) in &t.actors {
        out.push((Facet::Group(GroupId::Actor(slug.clone())), &g.events));
    }
    for (slug, g) in &t.theatres {
        out.push((Facet::Group(GroupId::Theatre(slug.clone())), &g.events));
    }
    for (slug, g) in &t.tags {
        out.push((Facet::Group(GroupId::Tag(slug.clone())), &g.events));
    }
    for (slug, p) in &t.periods.by_slug {
        out.push((Facet::Group(GroupId::Period(slug.clone())), &p.events));
    }
    out
}

/// The events of each status, in timeline order.
fn by_status(t: &Timeline) -> Vec<(Status, Vec<usize>)> {
    Status::ALL
        .into_iter()
        .map(|s| {
            let events = (0..t.events.len())
                .filter(|&i| t.events[i].event.status == s)
                .collect();
            (s, events)
        })
        .collect()
}

/// Numbers as differences from the one before, as one JSON array.
fn deltas(events: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(events.len() * 4 + 2);
    out.push(b'[');
    let mut before = 0;
    for (k, &i) in events.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice((i - before).to_string().as_bytes());
        before = i;
    }
    out.extend_from_slice(b"]\n");
    out
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    events: usize,
    chunk: usize,
    buckets: usize,
    /// Query words shorter than this find only themselves.
    prefix: usize,
    max_chars: usize,
    /// Relative to `meta.json`'s folder.
    files: std::collections::BTreeMap<&'static str, String>,
    /// Links honouring `base_url`, `{slug}` where the slug goes.
    links: std::collections::BTreeMap<&'static str, String>,
    facets: std::collections::BTreeMap<&'static str, Vec<FacetValue<'a>>>,
}

/// A facet's value as the form offers it: `[slug, name, events]`.
#[derive(Serialize)]
struct FacetValue<'a>(&'a str, &'a str, usize);

fn meta<'a>(t: &'a Timeline, c: &Config, statuses: &[(Status, Vec<usize>)]) -> Meta<'a> {
    let link = |make: fn(Slug) -> Route| c.base_url.link(&route::slug_pattern(make));
    let links = [
        ("event", link(|s| Route::event(&s))),
        ("actor", link(|s| Route::group(GroupId::Actor(s)))),
        ("theatre", link(|s| Route::group(GroupId::Theatre(s)))),
        ("tag", link(|s| Route::group(GroupId::Tag(s)))),
        ("period", link(|s| Route::group(GroupId::Period(s)))),
    ]
    .into_iter()
    .collect();
    // Every facet is present, empty or not, so a script need not check.
    let mut facets: std::collections::BTreeMap<&'static str, Vec<FacetValue<'_>>> =
        ["actor", "theatre", "tag", "period", "status"]
            .into_iter()
            .map(|f| (f, Vec::new()))
            .collect();
    for (slug, g) in &t.actors {
        let v = FacetValue(slug.as_str(), g.entity.name.as_str(), g.events.len());
        facets.entry("actor").or_default().push(v);
    }
    for (slug, g) in &t.theatres {
        let v = FacetValue(slug.as_str(), g.entity.name.as_str(), g.events.len());
        facets.entry("theatre").or_default().push(v);
    }
    for (slug, tag) in &t.tags {
        let v = FacetValue(slug.as_str(), tag.name.as_str(), tag.events.len());
        facets.entry("tag").or_default().push(v);
    }
    // Periods in their own (time) order, as the site lists them.
    for slug in &t.periods.order {
        if let Some(p) = t.periods.by_slug.get(slug) {
            let v = FacetValue(slug.as_str(), p.name.as_str(), p.events.len());
            facets.entry("period").or_default().push(v);
        }
    }
    for (status, events) in statuses {
        let v = FacetValue(status.as_str(), status.as_str(), events.len());
        facets.entry("status").or_default().push(v);
    }
    Meta {
        version: VERSION,
        events: t.events.len(),
        chunk: CHUNK,
        buckets: buckets(t.events.len()),
        prefix: words::PREFIX_CHARS,
        max_chars: words::MAX_CHARS,
        files: SearchFile::patterns().into_iter().collect(),
        links,
        facets,
    }
}

fn io(route: &Route, e: std::io::Error) -> Diagnostic {
    crate::io_error::cannot_write(&route.file(), &e)
}

fn put(sink: &dyn Sink, file: SearchFile, bytes: &[u8]) -> Result<(), Diagnostic> {
    let route = Route::Search(file);
    sink.put(&route.file(), bytes).map_err(|e| io(&route, e))
}

/// Writes the whole index into `sink`: one result per file, in a fixed order.
pub(crate) fn write(t: &Timeline, c: &Config, sink: &dyn Sink) -> Vec<Result<(), Diagnostic>> {
    let statuses = by_status(t);
    let mut out = Vec::new();
    out.push(
        serde_json::to_vec(&meta(t, c, &statuses))
            .map_err(|e| Diagnostic::error(Code::Io, format!("cannot write JSON: {e}")))
            .and_then(|mut bytes| {
                bytes.push(b'\n');
                put(sink, SearchFile::Meta, &bytes)
            }),
    );
    out.push(put(sink, SearchFile::Dates, &docs::dates(t)));
    out.extend(
        (0..chunks(t.events.len()))
            .into_par_iter()
            .map(|n| put(sink, SearchFile::Docs(n), &docs::chunk(t, c, n)?))
            .collect::<Vec<_>>(),
    );
    let mut lists: Vec<(Facet, &[usize])> = facets(t);
    lists.extend(
        statuses
            .iter()
            .map(|(s, events)| (Facet::Status(*s), events.as_slice())),
    );
    out.extend(
        lists
            .into_par_iter()
            .map(|(facet, events)| put(sink, SearchFile::Facet(facet), &deltas(events)))
            .collect::<Vec<_>>(),
    );
    match terms::Index::build(t) {
        Ok(index) => out.extend(index.write(sink)),
        Err(d) => out.push(Err(d)),
    }
    out
}

/// What an edit of event `slug` changes in the index, where `before` and
/// `after` differ only in that event (for `plan::affected`). A folder (a
/// path ending in `/`) stands for any of its files: bodies are not in
/// memory (`parse::body`), so which terms an edit of a body added or removed
/// cannot be known, and when the event moved, every number after it did.
pub(crate) fn affected(
    before: &Timeline,
    after: &Timeline,
    c: &Config,
    slug: &Slug,
    same_place: bool,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if !crate::feeds::Enabled::from_config(c).search_index {
        return out;
    }
    let (Some(b), Some(a), true) = (before.index_of(slug), after.index_of(slug), same_place) else {
        out.insert(SearchFile::folder().to_string());
        return out;
    };
    out.insert(SearchFile::terms_folder());
    if docs::record_bytes(before, c, b) != docs::record_bytes(after, c, a) {
        out.insert(Route::Search(SearchFile::Docs(a / CHUNK)).file());
    }
    let (was, is) = (before.events[b].event.status, after.events[a].event.status);
    if was != is {
        out.insert(Route::Search(SearchFile::Meta).file());
        for s in [was, is] {
            out.insert(Route::Search(SearchFile::Facet(Facet::Status(s))).file());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_differences() {
        assert_eq!(deltas(&[]), b"[]\n");
        assert_eq!(deltas(&[3, 4, 10]), b"[3,1,6]\n");
    }

    #[test]
    fn the_number_of_term_files_depends_on_the_count_alone() {
        assert_eq!(buckets(0), 16);
        assert_eq!(buckets(11), 16);
        assert_eq!(buckets(10_000), 512);
        assert_eq!(buckets(100_000), 4096);
        assert_eq!(buckets(10_000_000), 1 << 16);
    }
}
