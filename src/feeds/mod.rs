//! Feeds and exports (SPEC §7): Atom and JSON Feed of the newest events (for
//! the site and for each actor and theatre), iCalendar, the versioned JSON
//! export, CSV, TimelineJS3 JSON, and the site-wide search index (`search`). `docs/exports.md`
//! documents each format and the choices made here.
//!
//! Everything is a pure function of the timeline and the configuration: no
//! clock, sorted input, and rayon results gathered in input order, so the
//! bytes are the same on every run. Work is linear in the number of events:
//! exports are written in parallel chunks and concatenated, feeds hold at most
//! [`FEED_ENTRIES`] events each, and each file is written and dropped as soon
//! as it is made.

mod atom;
mod calendar;
mod events_csv;
mod events_json;
mod feed;
mod json_feed;
mod timelinejs;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::route::{DataFile, FeedFormat, GroupId, ListId, Route, SearchFile};
use crate::write::Sink;
use rayon::prelude::*;
use serde::Serialize;

/// Entries in each Atom and JSON feed: the newest events by start. A feed
/// reader wants what is new, and a feed of every event of a large timeline
/// would weigh as much as the site; the exports hold every event.
pub(crate) const FEED_ENTRIES: usize = 50;

/// Which feeds and exports a site writes (`feeds:` in `annals.yaml`), by the
/// names of [`crate::parse::config::FEEDS`]. Templates see it as `site.feeds`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Enabled {
    pub atom: bool,
    pub json_feed: bool,
    pub calendar: bool,
    pub events_json: bool,
    pub csv: bool,
    pub timelinejs: bool,
    pub search_index: bool,
}

impl Enabled {
    pub(crate) fn from_config(c: &Config) -> Enabled {
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

/// Whether `feeds:` enables an export.
type IsOn = fn(&Enabled) -> bool;

/// The exports [`exports`] makes together, in its order, with whether
/// `feeds:` enables each.
const EXPORTS: [(DataFile, IsOn); 3] = [
    (DataFile::EventsJson, |on| on.events_json),
    (DataFile::EventsCsv, |on| on.csv),
    (DataFile::TimelineJs, |on| on.timelinejs),
];

/// One job of the parallel writer.
enum Job {
    /// A feed's Atom and JSON files, sharing its rendered bodies.
    Feed(usize),
    Calendar,
    /// `events.json`, `events.csv`, `timelinejs.json`: those wanted.
    Exports([bool; 3]),
    Search,
}

/// The feed and export files that show event `i` (SPEC §7), as written with
/// this configuration: for incremental builds and `plan::affected`.
pub(crate) fn files_showing(t: &Timeline, c: &Config, i: usize) -> Vec<Route> {
    let on = Enabled::from_config(c);
    let mut out = Vec::new();
    let formats: Vec<FeedFormat> = [
        (on.atom, FeedFormat::Atom),
        (on.json_feed, FeedFormat::Json),
    ]
    .into_iter()
    .filter_map(|(enabled, f)| enabled.then_some(f))
    .collect();
    if !formats.is_empty() {
        let newest = |events: &[usize]| events.iter().rev().take(FEED_ENTRIES).any(|&e| e == i);
        let mut groups: Vec<Option<GroupId>> = Vec::new();
        if newest(t.list(&ListId::Timeline)) {
            groups.push(None);
        }
        let with_feeds = t
            .groups_of(i)
            .into_iter()
            .filter(|g| matches!(g, GroupId::Actor(_) | GroupId::Theatre(_)));
        for id in with_feeds {
            if t.group_events(&id).is_some_and(newest) {
                groups.push(Some(id));
            }
        }
        for g in groups {
            out.extend(formats.iter().map(|&f| Route::Feed(g.clone(), f)));
        }
    }
    for (enabled, file) in [
        (on.calendar && calendar::includes(t, i), DataFile::Calendar),
        (on.events_json, DataFile::EventsJson),
        (on.csv, DataFile::EventsCsv),
        (on.timelinejs, DataFile::TimelineJs),
    ] {
        if enabled {
            out.push(Route::Data(file));
        }
    }
    out
}

/// Writes every enabled feed and export whose route `wanted` accepts (a
/// feed's Atom and JSON files go together; the search index's files go with
/// its `meta.json`) into `sink`, in parallel, each file dropped as soon as
/// it is written (the big exports piece by piece), so that memory holds a
/// few pieces at a time, never all of them. Returns the number of files
/// written and the paths that failed with their errors, in a fixed order
/// (site feeds, actors' and theatres' by slug, then the exports). A build
/// writes all; `serve`, what an edit reached.
pub(crate) fn write_only(
    t: &Timeline,
    c: &Config,
    sink: &dyn Sink,
    wanted: &(dyn Fn(&Route) -> bool + Sync),
) -> (usize, Vec<Diagnostic>) {
    let on = Enabled::from_config(c);
    let feeds = if on.atom || on.json_feed {
        feed::feeds(t, c, &|group| {
            [FeedFormat::Atom, FeedFormat::Json]
                .into_iter()
                .any(|f| wanted(&Route::Feed(group.cloned(), f)))
        })
    } else {
        Vec::new()
    };
    let mut jobs: Vec<Job> = (0..feeds.len()).map(Job::Feed).collect();
    if on.calendar && wanted(&Route::Data(DataFile::Calendar)) {
        jobs.push(Job::Calendar);
    }
    let exported = EXPORTS.map(|(file, enabled)| enabled(&on) && wanted(&Route::Data(file)));
    if exported.contains(&true) {
        jobs.push(Job::Exports(exported));
    }
    // The index's files are made together; its `meta.json` stands for them.
    if on.search_index && wanted(&Route::Search(SearchFile::Meta)) {
        jobs.push(Job::Search);
    }
    let put = |route: Route, bytes: Vec<u8>| {
        let path = route.file();
        sink.put(&path, &bytes).map_err(|e| io_error(&path, e))
    };
    let data = |file: DataFile| Route::Data(file).file();
    let results: Vec<Vec<Result<(), Diagnostic>>> = jobs
        .into_par_iter()
        .map(|job| match job {
            Job::Feed(i) => {
                let f = &feeds[i];
                let bodies = match feed::Bodies::render(t, c, f) {
                    Ok(b) => b,
                    Err(d) => return vec![Err(d)],
                };
                let mut done = Vec::new();
                if on.atom {
                    let xml = atom::write(t, c, f, &bodies).into_bytes();
                    done.push(put(f.file(FeedFormat::Atom), xml));
                }
                if on.json_feed {
                    let json = json_feed::write(t, c, f, &bodies);
                    done.push(put(f.file(FeedFormat::Json), json));
                }
                done
            }
            Job::Calendar => {
                vec![calendar::write(t, c).write_to(sink, &data(DataFile::Calendar))]
            }
            Job::Exports(exported) => {
                let rels: Vec<String> = EXPORTS
                    .iter()
                    .zip(exported)
                    .filter(|&(_, on)| on)
                    .map(|(&(file, _), _)| data(file))
                    .collect();
                let mut done = exports(t, c, exported).write_all(sink, &rels);
                if exported[0] {
                    done.push(put(
                        Route::Data(DataFile::EventsSchema),
                        events_json::SCHEMA.as_bytes().to_vec(),
                    ));
                }
                done
            }
            Job::Search => crate::search::write(t, c, sink),
        })
        .collect();
    let mut written = 0;
    let mut failed = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(()) => written += 1,
            Err(d) => failed.push(d),
        }
    }
    (written, failed)
}

fn io_error(rel: &str, e: std::io::Error) -> Diagnostic {
    crate::io_error::cannot_write(rel, &e)
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

/// Events per chunk of the exports that are written in parallel. The
/// exports are written at the same time, each with its batch of chunks in
/// memory, and an event is a few kilobytes of each (its body included):
/// chunks of 512 keep them all under a few tens of megabytes, where 2048
/// held over a hundred, for no gain in speed.
const CHUNK: usize = 512;

/// Chunks made in parallel per thread before they are written and dropped:
/// enough to keep every core busy, few enough that memory holds a sliver of
/// an export (each chunk is a megabyte or two).
const BATCH_PER_THREAD: usize = 2;

/// Makes the bytes of items `range`, one piece per file written together.
type ChunkFn<'a> = dyn Fn(std::ops::Range<usize>) -> Result<Vec<Vec<u8>>, Diagnostic> + Sync + 'a;

/// Large files as heads, `count` items made in parallel chunks, and tails.
/// [`Streamed::write_to`] writes them batch by batch in order, so an export
/// of a million events is never whole in memory. Files made together (the
/// exports that carry every event's body) share one pass over the events,
/// so each body is read once for all of them.
pub(crate) struct Streamed<'a> {
    heads: Vec<Vec<u8>>,
    count: usize,
    chunk: Box<ChunkFn<'a>>,
    tails: Vec<Vec<u8>>,
}

/// Adds item `i` of a JSON document's closing array to `out`: one per
/// line, the first after the array's `[`.
fn json_item<T: serde::Serialize>(out: &mut Vec<u8>, i: usize, item: &T) -> Result<(), Diagnostic> {
    out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
    serde_json::to_writer(&mut *out, item)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot write JSON: {e}")))
}

/// What closes a JSON document that [`json_item`] filled.
const JSON_ARRAY_TAIL: &[u8] = b"\n]}\n";

impl<'a> Streamed<'a> {
    /// Item `i` is written by `one(i, out)`.
    pub(crate) fn items(
        head: Vec<u8>,
        count: usize,
        one: impl Fn(usize, &mut Vec<u8>) -> Result<(), Diagnostic> + Sync + 'a,
        tail: Vec<u8>,
    ) -> Streamed<'a> {
        Streamed::chunks(
            head,
            count,
            move |range| {
                let mut out = Vec::with_capacity(range.len() * 512);
                for i in range {
                    one(i, &mut out)?;
                }
                Ok(out)
            },
            tail,
        )
    }

    /// Items `range` are written together by `chunk(range)`.
    pub(crate) fn chunks(
        head: Vec<u8>,
        count: usize,
        chunk: impl Fn(std::ops::Range<usize>) -> Result<Vec<u8>, Diagnostic> + Sync + 'a,
        tail: Vec<u8>,
    ) -> Streamed<'a> {
        Streamed {
            heads: vec![head],
            count,
            chunk: Box::new(move |range| Ok(vec![chunk(range)?])),
            tails: vec![tail],
        }
    }

    fn ranges(&self) -> Vec<std::ops::Range<usize>> {
        (0..self.count.div_ceil(CHUNK))
            .map(|k| k * CHUNK..((k + 1) * CHUNK).min(self.count))
            .collect()
    }

    /// Writes the file at `rel`: the head with `put`, the rest with `append`.
    pub(crate) fn write_to(self, sink: &dyn Sink, rel: &str) -> Result<(), Diagnostic> {
        self.write_all(sink, &[rel.to_string()])
            .pop()
            .unwrap_or(Ok(()))
    }

    /// Writes file `k` at `rels[k]`, each with its head, its pieces in
    /// order and its tail: a result per file. After a failure, no file is
    /// written further (the pieces are made together).
    fn write_all(self, sink: &dyn Sink, rels: &[String]) -> Vec<Result<(), Diagnostic>> {
        let mut results: Vec<Result<(), Diagnostic>> = rels
            .iter()
            .zip(&self.heads)
            .map(|(rel, head)| sink.put(rel, head).map_err(|e| io_error(rel, e)))
            .collect();
        let batch = BATCH_PER_THREAD * rayon::current_num_threads();
        for ranges in self.ranges().chunks(batch) {
            if results.iter().all(Result::is_err) {
                return results;
            }
            let parts = ranges
                .par_iter()
                .map(|r| (self.chunk)(r.clone()))
                .collect::<Result<Vec<Vec<Vec<u8>>>, _>>();
            let parts = match parts {
                Ok(p) => p,
                Err(d) => return results.into_iter().map(|r| r.and(Err(d.clone()))).collect(),
            };
            for pieces in parts {
                append_each(sink, rels, &mut results, &pieces);
            }
        }
        append_each(sink, rels, &mut results, &self.tails);
        results
    }

    /// The whole file in memory (tests, small sites).
    #[cfg(test)]
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        let mut out = self.heads.concat();
        for r in self.ranges() {
            out.extend((self.chunk)(r).unwrap_or_default().concat());
        }
        out.extend(self.tails.concat());
        out
    }
}

/// Appends `pieces[k]` to file `rels[k]` where nothing failed yet.
fn append_each(
    sink: &dyn Sink,
    rels: &[String],
    results: &mut [Result<(), Diagnostic>],
    pieces: &[Vec<u8>],
) {
    for ((rel, result), piece) in rels.iter().zip(results.iter_mut()).zip(pieces) {
        if result.is_ok() {
            *result = sink.append(rel, piece).map_err(|e| io_error(rel, e));
        }
    }
}

/// The exports that carry every event's body (`events.json`, `events.csv`,
/// `timelinejs.json`), those of `wanted` (in that order), made in one pass
/// over the events: a body is read back once for all three, where
/// each export reading its own was a third of their time.
fn exports<'a>(t: &'a Timeline, c: &'a Config, wanted: [bool; 3]) -> Streamed<'a> {
    let [json, csv, timeline_js] = wanted;
    let pick = move |heads: [Vec<u8>; 3]| -> Vec<Vec<u8>> {
        heads
            .into_iter()
            .zip(wanted)
            .filter_map(|(h, on)| on.then_some(h))
            .collect()
    };
    let heads = pick([
        if json {
            events_json::head(t, c)
        } else {
            Vec::new()
        },
        if csv { events_csv::head() } else { Vec::new() },
        if timeline_js {
            timelinejs::head(t, c)
        } else {
            Vec::new()
        },
    ]);
    let tails = pick([
        JSON_ARRAY_TAIL.to_vec(),
        Vec::new(),
        JSON_ARRAY_TAIL.to_vec(),
    ]);
    Streamed {
        heads,
        count: t.events.len(),
        chunk: Box::new(move |range| {
            let mut parts = [
                Vec::with_capacity(range.len() * 2048),
                Vec::new(),
                Vec::with_capacity(range.len() * 2048),
            ];
            let mut rows = Vec::new();
            for i in range {
                let body = t.events[i].event.body_text()?;
                if timeline_js {
                    json_item(&mut parts[2], i, &timelinejs::slide(t, c, i, &body)?)?;
                }
                if json || csv {
                    let record = events_json::Record::new(t, c, i, body);
                    if json {
                        json_item(&mut parts[0], i, &record)?;
                    }
                    if csv {
                        rows.push(events_csv::fields(&record));
                    }
                }
            }
            if csv {
                parts[1] = events_csv::rows(rows.into_iter());
            }
            Ok(pick(parts))
        }),
        tails,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::MemorySink;

    /// More items than one batch of chunks, so that appends happen in order.
    #[test]
    fn streamed_files_are_written_whole_and_in_order() {
        let count = CHUNK * BATCH_PER_THREAD * rayon::current_num_threads() * 2 + 7;
        let file = || {
            Streamed::items(
                b"[".to_vec(),
                count,
                |i, out| {
                    out.extend_from_slice(format!("{i},").as_bytes());
                    Ok(())
                },
                b"]".to_vec(),
            )
        };
        let sink = MemorySink::default();
        file().write_to(&sink, "x.json").unwrap();
        let written = sink.files.lock().unwrap()["x.json"].clone();
        assert_eq!(written, file().into_bytes());
        let text = String::from_utf8(written).unwrap();
        assert!(text.starts_with("[0,1,2,"), "{}", &text[..20]);
        assert!(text.ends_with(&format!("{},]", count - 1)));
        assert_eq!(text.matches(',').count(), count);
    }

    #[test]
    fn a_failing_item_fails_the_file() {
        let file = Streamed::items(
            Vec::new(),
            10,
            |i, _| {
                if i == 7 {
                    Err(Diagnostic::error(Code::Io, "boom"))
                } else {
                    Ok(())
                }
            },
            Vec::new(),
        );
        let err = file.write_to(&MemorySink::default(), "x").unwrap_err();
        assert!(crate::report::human(&err, false).contains("boom"));
    }
}
