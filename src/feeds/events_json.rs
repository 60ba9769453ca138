//! `events.json`: every event as data, in timeline order, in the versioned
//! export schema of `docs/events.schema.json` (documented in
//! `docs/exports.md`), which is published beside it as `events.schema.json`
//! and named by its `$schema`. One event per line, so that the file diffs well.
//!
//! The schema's `version` changes only when a field changes meaning or goes
//! away; new fields may appear within a version.

use crate::date::{Bound, DatePoint, EventDate, Moment, Precision};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::parse::event::Location;
use crate::route::{DataFile, Route};
use crate::slug::Slug;
use serde::Serialize;

/// The export schema's version; the schema's `version` is this constant.
pub(super) const VERSION: u32 = 1;

/// The schema published as `/events.schema.json`: the documented file itself,
/// so that what the docs show and what a site serves cannot differ.
pub(super) const SCHEMA: &str = include_str!("../../docs/events.schema.json");

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    description: &'a str,
    url: String,
    language: &'a str,
    timezone: &'a str,
}

/// One event of the export; `events.csv` flattens the same record.
#[derive(Serialize)]
pub(super) struct Record<'a> {
    pub slug: &'a str,
    pub url: String,
    pub title: &'a str,
    /// EDTF as normalised: `2023-07-10/2023-07-14`, `2023-07~`, `-0043`.
    pub date: String,
    /// The date as the site shows it, in its language.
    pub date_text: String,
    /// First day of the start (`YYYY-MM-DD`, astronomical year: `-0043-01-01`;
    /// beyond four digits a sign and all the digits, `-13800000000-01-01`);
    /// `None` for an open start.
    pub start: Option<String>,
    /// Last day of the end, inclusive; `None` for an open end.
    pub end: Option<String>,
    /// Precision of the start (of the end for an open start).
    pub precision: &'static str,
    pub uncertain: bool,
    pub approximate: bool,
    pub status: &'static str,
    pub actors: Vec<Named<'a>>,
    pub theatres: Vec<Named<'a>>,
    pub tags: Vec<Named<'a>>,
    pub periods: Vec<Named<'a>>,
    pub sources: Vec<SourceRecord<'a>>,
    pub summary: &'a str,
    /// The body's Markdown as written.
    pub body: std::borrow::Cow<'a, str>,
    pub image: Option<ImageRecord<'a>>,
    pub location: Option<&'a Location>,
    pub related: Vec<&'a str>,
    pub weight: i64,
    pub draft: bool,
    pub extra: &'a serde_json::Value,
}

/// A period in the export's head.
#[derive(Serialize)]
struct PeriodRecord<'a> {
    slug: &'a str,
    name: &'a str,
    date: String,
    start: Option<String>,
    end: Option<String>,
    colour: &'a str,
    description: &'a str,
}

impl<'a> PeriodRecord<'a> {
    fn new(p: &'a crate::model::periods::Period) -> PeriodRecord<'a> {
        let (start, end) = p.date.as_ref().map(bounds).unwrap_or_default();
        PeriodRecord {
            slug: p.slug.as_str(),
            name: &p.name,
            date: p.date.as_ref().map(EventDate::iso).unwrap_or_default(),
            start: start.map(|p| iso_day(p, p.earliest_utc())),
            end: end.map(|p| iso_day(p, p.latest_utc())),
            colour: p.colour.as_str(),
            description: &p.body,
        }
    }
}

#[derive(Serialize)]
pub(super) struct Named<'a> {
    pub slug: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub(super) struct SourceRecord<'a> {
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub publisher: Option<&'a str>,
    /// EDTF.
    pub date: Option<String>,
    pub archive: Option<&'a str>,
    pub quote: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ImageRecord<'a> {
    /// Absolute where `base_url` has an origin.
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// Event `i`'s record, with its `body` as read back.
    pub(super) fn new(
        t: &'a Timeline,
        c: &Config,
        i: usize,
        body: std::borrow::Cow<'a, str>,
    ) -> Record<'a> {
        let te = &t.events[i];
        let e = &te.event;
        let path = Route::event(&e.slug).path();
        let named = |slugs: &'a [Slug], names: &dyn Fn(&Slug) -> Option<&'a str>| {
            slugs
                .iter()
                .map(|s| Named {
                    slug: s.as_str(),
                    name: names(s).unwrap_or(s.as_str()),
                })
                .collect()
        };
        let (start, end) = bounds(&e.date);
        let points = points(&e.date);
        Record {
            slug: e.slug.as_str(),
            title: &e.title,
            date: e.date.iso(),
            date_text: e.date.display(&c.lang).text(),
            start: start.map(|p| iso_day(p, p.earliest_utc())),
            end: end.map(|p| iso_day(p, p.latest_utc())),
            precision: precision(&e.date),
            uncertain: points.iter().any(|p| p.qualifiers().uncertain),
            approximate: points.iter().any(|p| p.qualifiers().approximate),
            status: e.status.as_str(),
            actors: named(&te.actors, &|s| {
                t.actors.get(s).map(|g| g.entity.name.as_str())
            }),
            theatres: named(&te.theatres, &|s| {
                t.theatres.get(s).map(|g| g.entity.name.as_str())
            }),
            tags: named(&te.tags, &|s| t.tags.get(s).map(|g| g.name.as_str())),
            periods: named(&te.periods, &|s| {
                t.periods.by_slug.get(s).map(|p| p.name.as_str())
            }),
            sources: e
                .sources
                .iter()
                .map(|s| SourceRecord {
                    url: s.url.as_deref(),
                    title: s.title.as_deref(),
                    publisher: s.publisher.as_deref(),
                    date: s.date.as_ref().map(EventDate::iso),
                    archive: s.archive.as_deref(),
                    quote: s.quote.as_deref(),
                })
                .collect(),
            summary: &e.summary_text,
            body,
            image: e.image.as_ref().map(|img| ImageRecord {
                src: img.src.url(&c.base_url, &e.slug, true),
                alt: &img.alt,
                caption: img.caption.as_deref(),
                credit: img.credit.as_deref(),
            }),
            location: e.location.as_deref(),
            related: te
                .related
                .iter()
                .map(|&r| t.events[r].event.slug.as_str())
                .collect(),
            weight: e.weight,
            draft: e.draft,
            extra: &e.extra,
            url: c.base_url.absolute(&path),
        }
    }
}

/// The start and end points; `None` for an open side.
fn bounds(date: &EventDate) -> (Option<&DatePoint>, Option<&DatePoint>) {
    match date {
        EventDate::Point(p) => (Some(p), Some(p)),
        EventDate::Interval { start, end } => (point(start), point(end)),
    }
}

fn point(b: &Bound) -> Option<&DatePoint> {
    match b {
        Bound::Point(p) => Some(p),
        Bound::Open | Bound::Unknown => None,
    }
}

fn points(date: &EventDate) -> Vec<&DatePoint> {
    let (a, b) = bounds(date);
    a.into_iter().chain(b).collect()
}

/// The day of `at`, the point's first or last moment, as `2023-07-12`,
/// `-0043-01-01`, `-13800000000-01-01` (ISO 8601's expanded year beyond
/// four digits); for a date-time, the date as written.
fn iso_day(p: &DatePoint, at: Moment) -> String {
    let local = p
        .time
        .and(p.month.zip(p.day))
        .and_then(|(m, d)| Moment::midnight(p.year, m, d));
    local.unwrap_or(at).iso_day()
}

pub(super) fn precision(date: &EventDate) -> &'static str {
    match date.anchor().map(DatePoint::precision) {
        Some(Precision::Millennium) => "millennium",
        Some(Precision::Century) => "century",
        Some(Precision::Decade) => "decade",
        Some(Precision::Year) => "year",
        Some(Precision::Season) => "season",
        Some(Precision::Month) => "month",
        Some(Precision::Day) | None => "day",
        Some(Precision::Minute) => "minute",
        Some(Precision::Second) => "second",
    }
}

/// The file up to the `[` of its `events`, which `super::exports` fills.
pub(super) fn head(t: &Timeline, c: &Config) -> Vec<u8> {
    let site = Site {
        title: &c.title,
        description: &c.description,
        url: c.base_url.absolute(""),
        language: &c.language,
        timezone: c.timezone.name(),
    };
    let schema = c
        .base_url
        .absolute(&Route::Data(DataFile::EventsSchema).path());
    let mut out = b"{\"$schema\":".to_vec();
    let _ = serde_json::to_writer(&mut out, &schema);
    out.extend_from_slice(format!(",\"version\":{VERSION},\"site\":").as_bytes());
    let _ = serde_json::to_writer(&mut out, &site);
    out.extend_from_slice(b",\"periods\":");
    let periods: Vec<PeriodRecord> = t.periods.in_order().map(PeriodRecord::new).collect();
    let _ = serde_json::to_writer(&mut out, &periods);
    out.extend_from_slice(b",\"events\":[");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §7: the version the schema describes is in both files.
    #[test]
    fn the_published_schema_describes_this_version() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
        assert_eq!(
            schema["title"],
            format!("annals events.json export, version {VERSION}")
        );
        assert_eq!(schema["properties"]["$schema"]["type"], "string");
        let required = schema["required"].as_array().expect("a list");
        assert!(required.iter().any(|r| r == "version"));
    }
}
