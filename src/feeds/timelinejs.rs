//! `timelinejs.json`: the events as a Knight Lab TimelineJS3 data file
//! (<https://timeline.knightlab.com/docs/json-format.html>), for
//! `new TL.Timeline("id", ".../timelinejs.json")`.
//!
//! * Dates give the parts written (`{"year": 2023, "month": 7}` for
//!   `2023-07`), times as written in their own offset, and `display_date` is
//!   the date as the site shows it, so qualifiers (`c.`) and offsets survive.
//! * TimelineJS counts BCE years as negative historical years (44 BCE is
//!   `-44`), so astronomical years before 1 are shifted by one (`-0043` →
//!   `-44`, `0000` → `-1`).
//! * An open end has no `end_date`; an open start starts at its end.
//! * Long years are numbers like any year (`Y-13799999999` → `-13800000000`);
//!   when a year is beyond what JavaScript's `Date` holds (TimelineJS's
//!   `human` scale), the file says `"scale": "cosmological"`, on which
//!   TimelineJS3 places years only and reads "13.8 billion years ago".
//! * `text` values are HTML (TimelineJS renders them): the title, linked to
//!   the event's page, and the summary, both escaped. `group` is the first
//!   actor, so that TimelineJS gives each actor a row; it and `display_date`
//!   are escaped too, since TimelineJS inserts them as HTML.
//! * Periods are `eras`, which TimelineJS draws as bands and requires to have
//!   both ends: an open or unknown side of a period is exported as the
//!   timeline's own first start or last end. Each end is a day (the first of
//!   the start, the last of the end), so that TimelineJS keeps it.

use super::calendar::{first_day, last_day};
use crate::date::{Bound, DatePoint, EventDate};
use crate::escape;
use crate::model::Timeline;
use crate::parse::config::Config;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
    /// What an imported slide had and an event keeps in `extra`, given back.
    #[serde(skip_serializing_if = "Option::is_none")]
    background: Option<&'a serde_json::Value>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    slide_type: Option<&'a str>,
    /// StoryMap's (and Knight Lab's examples') place of a slide, which
    /// TimelineJS itself does not draw.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a crate::parse::event::Location>,
}

/// A period, as a band behind the slides.
#[derive(Serialize)]
struct Era {
    start_date: Date,
    end_date: Date,
    text: Text,
}

#[derive(Serialize)]
struct Date {
    year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<u8>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Media {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail: Option<String>,
}

/// The file up to the `[` of its `events`, which `super::exports` fills.
pub(super) fn head(t: &Timeline, c: &Config) -> Vec<u8> {
    let title = Slide {
        start_date: None,
        end_date: None,
        text: Text {
            headline: escape::html(&c.title),
            text: paragraph(&c.description),
        },
        media: None,
        group: None,
        display_date: None,
        unique_id: None,
        background: None,
        slide_type: None,
        location: None,
    };
    let mut out = b"{\"title\":".to_vec();
    let _ = serde_json::to_writer(&mut out, &title);
    out.extend_from_slice(b",\"eras\":");
    let _ = serde_json::to_writer(&mut out, &eras(t, c));
    let scale = if cosmological(t) {
        "cosmological"
    } else {
        "human"
    };
    out.extend_from_slice(format!(",\"scale\":\"{scale}\",\"events\":[").as_bytes());
    out
}

/// Event `i`'s slide, with its `body` as read back.
pub(super) fn slide<'a>(
    t: &'a Timeline,
    c: &Config,
    i: usize,
    body: &str,
) -> Result<Slide<'a>, crate::diagnostic::Diagnostic> {
    let te = &t.events[i];
    let e = &te.event;
    let path = crate::route::Route::event(&e.slug).path();
    let (start, end) = match e.date {
        EventDate::Point(p) => (Some(p), None),
        EventDate::Interval { start, end } => match (start, end) {
            (Bound::Point(s), Bound::Point(e)) => (Some(s), Some(e)),
            (Bound::Point(s), _) => (Some(s), None),
            (_, Bound::Point(e)) => (Some(e), None),
            _ => (None, None),
        },
    };
    // The whole text, as the event's page shows it: a slide holds what an
    // author wrote, and an imported TimelineJS file comes back as it was.
    let text = match body.trim() {
        "" => paragraph(&e.summary_text),
        b => crate::markdown::to_html(b, c.unsafe_html),
    };
    Ok(Slide {
        start_date: start.as_ref().map(date),
        end_date: end.as_ref().map(date),
        text: Text {
            headline: format!(
                "<a href=\"{}\">{}</a>",
                escape::html(&c.base_url.absolute(&path)),
                escape::html(&e.title)
            ),
            text,
        },
        media: e
            .image
            .as_ref()
            .map(|img| Media {
                url: img.src.url(&c.base_url, &e.slug, true),
                alt: Some(img.alt.clone()),
                caption: img.caption.as_deref().map(escape::html),
                credit: img.credit.as_deref().map(escape::html),
                thumbnail: None,
            })
            .or_else(|| other_media(&e.extra)),
        // TimelineJS inserts both as HTML: a name or an imported display
        // date is text, escaped like the headline's.
        group: group(t, i).map(escape::html),
        display_date: Some(escape::html(
            e.extra
                .get("display_date")
                .and_then(serde_json::Value::as_str)
                .map_or_else(|| e.date.display(&c.lang).text(), String::from)
                .as_str(),
        )),
        unique_id: Some(e.slug.as_str()),
        background: e.extra.get("background"),
        slide_type: e
            .extra
            .get("type")
            .and_then(serde_json::Value::as_str)
            .filter(|t| !matches!(*t, "title" | "era")),
        location: e.location.as_deref(),
    })
}

/// The media an imported slide had that is not a picture (a video, a post, a
/// map), which the event keeps as a link and in `extra.media`: TimelineJS
/// shows it again. Texts are HTML there.
fn other_media(extra: &serde_json::Value) -> Option<Media> {
    let m = extra.get("media")?;
    let text = |key: &str| m.get(key).and_then(serde_json::Value::as_str);
    // A web address, protocol-relative (`//host/…`) or relative as the
    // source file had it; never another scheme (`javascript:`, `data:`),
    // which TimelineJS would put in a page.
    let url = text("url").filter(|u| {
        let scheme = u
            .split_once(':')
            .map(|(s, _)| s)
            .filter(|s| !s.contains('/'));
        !u.trim().is_empty()
            && !u.trim_start().starts_with('<')
            && scheme
                .is_none_or(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
    })?;
    Some(Media {
        url: url.to_string(),
        alt: None,
        caption: text("caption").map(escape::html),
        credit: text("credit").map(escape::html),
        thumbnail: text("thumbnail").map(String::from),
    })
}

/// Every period with a date, in time order. An open or unknown side becomes
/// the timeline's first start or last end (TimelineJS needs both ends), and
/// never reaches past the other side.
fn eras(t: &Timeline, c: &Config) -> Vec<Era> {
    let first = t.events.first().and_then(|e| e.event.date.anchor());
    let last = t
        .events
        .iter()
        .filter_map(|e| {
            let d = &e.event.date;
            d.end_point().or(d.anchor())
        })
        .max_by_key(|p| p.latest_utc());
    t.periods
        .in_order()
        .filter_map(|p| {
            let d = p.date.as_ref()?;
            let (start, end) = match d {
                EventDate::Point(x) => (Some(x), Some(x)),
                EventDate::Interval { start, end } => (start.point(), end.point()),
            };
            let start = start.or(first).or(end)?;
            let end = end
                .or(last)
                .filter(|e| e.latest_utc() >= start.earliest_utc());
            let (start_date, end_date) = era_dates(start, end.unwrap_or(start));
            Some(Era {
                start_date,
                end_date,
                text: Text {
                    headline: escape::html(&p.name),
                    text: crate::markdown::to_html(&p.body, c.unsafe_html),
                },
            })
        })
        .collect()
}

/// An era's ends as the period writes them, unless TimelineJS would misread
/// them. It drops an end that agrees with every part the start has
/// (`{2023, 7}` → `{2023, 7, 11}`, or a period of one date) and then refuses
/// the whole file ("All eras must have start and end dates"); and it reads
/// `{2023, 7}` as 1 July, so an end in the start's month (`2023-07-12/2023-07`)
/// would end before it starts. Those eras run from the first day of their start
/// to the last of their end (a one-day era from its first hour to its last
/// second). A period TimelineJS can read keeps its parts, so that an imported
/// era comes back as it was.
fn era_dates(start: &DatePoint, end: &DatePoint) -> (Date, Date) {
    let (a, b) = (date(start), date(end));
    if !dropped(&a, &b) && end.earliest_utc() >= start.earliest_utc() {
        return (a, b);
    }
    let (Some(first), Some(last)) = (first_day(start), last_day(end)) else {
        return (a, b);
    };
    let day = |d: NaiveDate| Date {
        year: timelinejs_year(i64::from(d.year())),
        month: u8::try_from(d.month()).ok(),
        day: u8::try_from(d.day()).ok(),
        hour: None,
        minute: None,
        second: None,
    };
    let (mut a, mut b) = (day(first), day(last));
    if first == last {
        a.hour = Some(0);
        (b.hour, b.minute, b.second) = (Some(23), Some(59), Some(59));
    }
    (a, b)
}

/// Whether TimelineJS3 takes `end` for a repeat of `start` and drops it
/// (`TimelineConfig._processDates`: every part `start` has is the same in `end`).
fn dropped(start: &Date, end: &Date) -> bool {
    let same = |a: Option<u8>, b: Option<u8>| a.is_none() || a == b;
    start.year == end.year
        && same(start.month, end.month)
        && same(start.day, end.day)
        && same(start.hour, end.hour)
        && same(start.minute, end.minute)
        && same(start.second, end.second)
}

/// The row TimelineJS puts the slide in: its first actor, else its first
/// theatre, else its first tag (an imported TimelineJS `group` is one of the
/// last two), by name.
fn group(t: &Timeline, i: usize) -> Option<&str> {
    use crate::model::Group;
    use crate::slug::Slug;
    use std::collections::BTreeMap;
    fn named<'t>(groups: &'t BTreeMap<Slug, Group>, s: &'t Slug) -> &'t str {
        groups.get(s).map_or(s.as_str(), |g| g.entity.name.as_str())
    }
    let te = &t.events[i];
    te.actors
        .first()
        .map(|s| named(&t.actors, s))
        .or_else(|| te.theatres.first().map(|s| named(&t.theatres, s)))
        .or_else(|| {
            te.tags
                .first()
                .map(|s| t.tags.get(s).map_or(s.as_str(), |g| g.name.as_str()))
        })
}

fn date(p: &DatePoint) -> Date {
    let time = p.time;
    Date {
        year: timelinejs_year(p.year()),
        month: p.month(),
        day: p.day.filter(|_| p.month().is_some()),
        hour: time.map(|t| t.hour),
        minute: time.map(|t| t.minute),
        second: time.and_then(|t| t.second),
    }
}

/// Whether a date of the timeline is beyond the years TimelineJS's `human`
/// scale holds (JavaScript's `Date`): TimelineJS3 then needs the
/// `cosmological` scale, on which it reads years only. Its own test when no
/// scale is given (`TimelineConfig._ensureValidScale`) is the same range.
fn cosmological(t: &Timeline) -> bool {
    const HUMAN: std::ops::RangeInclusive<i64> = -271_820..=275_759;
    t.events.iter().any(|te| {
        let d = &te.event.date;
        [d.anchor(), d.end_point()]
            .into_iter()
            .flatten()
            .any(|p| !HUMAN.contains(&timelinejs_year(p.year())))
    })
}

/// Astronomical year → TimelineJS year: `-0043` (44 BCE) → `-44`.
fn timelinejs_year(year: i64) -> i64 {
    if year < 1 {
        year - 1
    } else {
        year
    }
}

fn paragraph(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape::html(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision_and_bce_years_are_historical() {
        let point = |s: &str| match EventDate::parse(s, chrono_tz::UTC).unwrap() {
            EventDate::Point(p) => serde_json::to_string(&date(&p)).unwrap(),
            _ => unreachable!(),
        };
        assert_eq!(point("2023-07"), r#"{"year":2023,"month":7}"#);
        assert_eq!(point("2023-07-XX"), r#"{"year":2023,"month":7}"#);
        assert_eq!(point("2023-XX"), r#"{"year":2023}"#);
        assert_eq!(point("-0043"), r#"{"year":-44}"#);
        assert_eq!(point("0000"), r#"{"year":-1}"#);
        assert_eq!(
            point("2023-07-12T22:30+03:00"),
            r#"{"year":2023,"month":7,"day":12,"hour":22,"minute":30}"#
        );
    }

    #[test]
    fn eras_keep_their_parts_unless_timelinejs_would_drop_their_end_or_reverse_them() {
        let era = |s: &str| {
            let d = EventDate::parse(s, chrono_tz::UTC).unwrap();
            let (a, b) = match &d {
                EventDate::Point(p) => (*p, *p),
                EventDate::Interval { start, end } => {
                    (*start.point().unwrap(), *end.point().unwrap())
                }
            };
            let (start, end) = era_dates(&a, &b);
            assert!(!dropped(&start, &end), "{s}");
            format!(
                "{} {}",
                serde_json::to_string(&start).unwrap(),
                serde_json::to_string(&end).unwrap()
            )
        };
        // As written: TimelineJS reads them as meant (Knight Lab's own eras).
        assert_eq!(era("0650/0700"), r#"{"year":650} {"year":700}"#);
        assert_eq!(
            era("2023-06/2023-08"),
            r#"{"year":2023,"month":6} {"year":2023,"month":8}"#
        );
        assert_eq!(
            era("-0043-03-15/0001"),
            r#"{"year":-44,"month":3,"day":15} {"year":1}"#
        );
        // An end TimelineJS would take for the start repeated.
        assert_eq!(
            era("2023-07/2023-07-11"),
            r#"{"year":2023,"month":7,"day":1} {"year":2023,"month":7,"day":11}"#
        );
        assert_eq!(
            era("2023-07"),
            r#"{"year":2023,"month":7,"day":1} {"year":2023,"month":7,"day":31}"#
        );
        assert_eq!(
            era("-0043"),
            r#"{"year":-44,"month":1,"day":1} {"year":-44,"month":12,"day":31}"#
        );
        assert_eq!(
            era("2023-07-12"),
            r#"{"year":2023,"month":7,"day":12,"hour":0} {"year":2023,"month":7,"day":12,"hour":23,"minute":59,"second":59}"#
        );
        // An end TimelineJS would put before the start (1 July < 12 July).
        assert_eq!(
            era("2023-07-12/2023-07"),
            r#"{"year":2023,"month":7,"day":12} {"year":2023,"month":7,"day":31}"#
        );
    }
}
