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

/// One job of the parallel writer.
enum Job {
    /// A feed's Atom and JSON files, sharing its rendered bodies.
    Feed(usize),
    Calendar,
    EventsJson,
    Csv,
    TimelineJs,
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
    for (enabled, job, file) in [
        (on.calendar, Job::Calendar, DataFile::Calendar),
        (on.events_json, Job::EventsJson, DataFile::EventsJson),
        (on.csv, Job::Csv, DataFile::EventsCsv),
        (on.timelinejs, Job::TimelineJs, DataFile::TimelineJs),
    ] {
        if enabled && wanted(&Route::Data(file)) {
            jobs.push(job);
        }
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
            Job::EventsJson => vec![
                events_json::write(t, c).write_to(sink, &data(DataFile::EventsJson)),
                put(
                    Route::Data(DataFile::EventsSchema),
                    events_json::SCHEMA.as_bytes().to_vec(),
                ),
            ],
            Job::Csv => vec![events_csv::write(t, c).write_to(sink, &data(DataFile::EventsCsv))],
            Job::TimelineJs => {
                vec![timelinejs::write(t, c).write_to(sink, &data(DataFile::TimelineJs))]
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
    Diagnostic::error(Code::Io, format!("cannot write `{rel}`: {e}"))
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

/// Makes the bytes of items `range`.
type ChunkFn<'a> = dyn Fn(std::ops::Range<usize>) -> Result<Vec<u8>, Diagnostic> + Sync + 'a;

/// A large file as a head, `count` items made in parallel chunks, and a tail.
/// [`Streamed::write_to`] writes it batch by batch in order, so an export of
/// a million events is never whole in memory.
pub(crate) struct Streamed<'a> {
    head: Vec<u8>,
    count: usize,
    chunk: Box<ChunkFn<'a>>,
    tail: Vec<u8>,
}

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

    /// A JSON document ending in an array: `head` opens it up to the array's
    /// `[`, item `i` is `item(i)` serialised, one per line; the array and
    /// the document are closed.
    pub(crate) fn json_array<T: serde::Serialize>(
        head: Vec<u8>,
        count: usize,
        item: impl Fn(usize) -> Result<T, Diagnostic> + Sync + 'a,
    ) -> Streamed<'a> {
        Streamed::items(
            head,
            count,
            move |i, out| {
                out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                serde_json::to_writer(&mut *out, &item(i)?)
                    .map_err(|e| Diagnostic::error(Code::Io, format!("cannot write JSON: {e}")))
            },
            b"\n]}\n".to_vec(),
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
            head,
            count,
            chunk: Box::new(chunk),
            tail,
        }
    }

    fn ranges(&self) -> Vec<std::ops::Range<usize>> {
        (0..self.count.div_ceil(CHUNK))
            .map(|k| k * CHUNK..((k + 1) * CHUNK).min(self.count))
            .collect()
    }

    /// Writes the file at `rel`: the head with `put`, the rest with `append`.
    pub(crate) fn write_to(self, sink: &dyn Sink, rel: &str) -> Result<(), Diagnostic> {
        let io = |e| io_error(rel, e);
        sink.put(rel, &self.head).map_err(io)?;
        let batch = BATCH_PER_THREAD * rayon::current_num_threads();
        for ranges in self.ranges().chunks(batch) {
            let parts: Vec<Vec<u8>> = ranges
                .par_iter()
                .map(|r| (self.chunk)(r.clone()))
                .collect::<Result<_, _>>()?;
            for part in parts {
                sink.append(rel, &part).map_err(io)?;
            }
        }
        sink.append(rel, &self.tail).map_err(io)
    }

    /// The whole file in memory (tests, small sites).
    #[cfg(test)]
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        let mut out = self.head.clone();
        for r in self.ranges() {
            out.extend((self.chunk)(r).unwrap_or_default());
        }
        out.extend_from_slice(&self.tail);
        out
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
