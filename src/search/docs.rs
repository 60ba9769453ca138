//! What a search result shows (`docs/<n>.json`) and each chunk's date span
//! (`dates.json`).

use super::CHUNK;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::slug::Slug;
use serde::Serialize;

/// A summary longer than this is cut: a result is a pointer to the page.
const SUMMARY_CHARS: usize = 240;

/// One event as a result shows it. Names are the slugs of `meta.json`'s
/// facets, which carry the names once.
#[derive(Serialize)]
struct Record<'a> {
    slug: &'a str,
    title: &'a str,
    /// As the site writes it, in its language.
    date: String,
    /// Days since 1970-01-01 (UTC) of the first and last moment, as the
    /// date range compares them (`annals list --from --to`); `null` for an
    /// open or unknown side, which every range reaches.
    start: Option<i64>,
    end: Option<i64>,
    status: &'static str,
    actors: Vec<&'a str>,
    theatres: Vec<&'a str>,
    tags: Vec<&'a str>,
    summary: String,
}

fn record<'a>(t: &'a Timeline, c: &Config, i: usize) -> Record<'a> {
    let te = &t.events[i];
    let e = &te.event;
    let slugs = |s: &'a [Slug]| s.iter().map(Slug::as_str).collect();
    Record {
        slug: e.slug.as_str(),
        title: &e.title,
        date: e.date.display(&c.lang).text(),
        start: e.date.earliest_utc().map(crate::date::Moment::days),
        end: e.date.latest_utc().map(crate::date::Moment::days),
        status: e.status.as_str(),
        actors: slugs(&te.actors),
        theatres: slugs(&te.theatres),
        tags: slugs(&te.tags),
        summary: crate::text::shorten(&e.summary_text, SUMMARY_CHARS),
    }
}

fn json_error(e: serde_json::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot write JSON: {e}"))
}

/// Event `i`'s record as written: what `plan::affected` compares.
pub(super) fn record_bytes(t: &Timeline, c: &Config, i: usize) -> Vec<u8> {
    serde_json::to_vec(&record(t, c, i)).unwrap_or_default()
}

/// `docs/<n>.json`: the records of events `n * CHUNK ..`, one per line.
pub(super) fn chunk(t: &Timeline, c: &Config, n: usize) -> Result<Vec<u8>, Diagnostic> {
    let range = n * CHUNK..((n + 1) * CHUNK).min(t.events.len());
    let mut out = Vec::with_capacity(range.len() * 300);
    out.push(b'[');
    for i in range {
        out.extend_from_slice(if out.len() == 1 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, &record(t, c, i)).map_err(json_error)?;
    }
    out.extend_from_slice(b"\n]\n");
    Ok(out)
}

/// `dates.json`: per chunk, `[first start, last start, first end, last
/// end]` in days, where an open start counts as before everything and an
/// open end as after everything; `null` is such an open side (for the first
/// start or last end) or no known side at all (for the last start or first
/// end). A date range decides a whole chunk from these four numbers, and
/// loads the records only of chunks on its edges.
pub(super) fn dates(t: &Timeline) -> Vec<u8> {
    let mut out = b"[".to_vec();
    for (n, events) in t.events.chunks(CHUNK).enumerate() {
        let starts: Vec<Option<i64>> = events
            .iter()
            .map(|e| e.event.date.earliest_utc().map(crate::date::Moment::days))
            .collect();
        let ends: Vec<Option<i64>> = events
            .iter()
            .map(|e| e.event.date.latest_utc().map(crate::date::Moment::days))
            .collect();
        let known = |v: &[Option<i64>]| v.iter().flatten().copied().collect::<Vec<i64>>();
        let (s, e) = (known(&starts), known(&ends));
        let first_start = if s.len() == starts.len() {
            s.iter().min().copied()
        } else {
            None
        };
        let last_end = if e.len() == ends.len() {
            e.iter().max().copied()
        } else {
            None
        };
        let four = [
            first_start,
            s.iter().max().copied(),
            e.iter().min().copied(),
            last_end,
        ];
        let text: Vec<String> = four
            .iter()
            .map(|v| v.map_or_else(|| "null".to_string(), |d| d.to_string()))
            .collect();
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(format!("\n[{}]", text.join(",")).as_bytes());
    }
    out.extend_from_slice(b"\n]\n");
    out
}
