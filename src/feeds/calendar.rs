//! iCalendar (RFC 5545): `calendar.ics`, one VEVENT per event.
//!
//! * Dates without a time are all-day events (`VALUE=DATE`) covering the whole
//!   span written: `2023-07` is 1–31 July, `2023` the year; `DTEND` is
//!   exclusive, the day after the last day. When both ends have a time the
//!   event is a `DATE-TIME` in UTC, with no `DTEND` for a single moment. An
//!   interval mixing a time and a date is all-day, using the local date
//!   written with the time, because `DTSTART` and `DTEND` must share a type.
//! * An open end (`2023-07/..`) is the start alone, an open start
//!   (`../2023-07-14`) the end alone: a calendar has no open spans, and the
//!   description's first line (the date as the site shows it, `from July
//!   2023`) says what the calendar cannot, qualifiers (`c.`) included.
//! * iCalendar's dates are Gregorian years 1 to 9999: events before year 1
//!   (BCE and year 0) and in long years (`Y-13800000000`, `Y10000`) are left
//!   out rather than shown on a wrong date.
//! * A calendar must hold a component (RFC 5545 §3.6): with no event to hold
//!   (an empty site, or only events before year 1), it holds a `VTIMEZONE`
//!   for UTC, the zone its date-times are written in.
//! * `DTSTAMP` is the event's own start (midnight UTC for a date), never the
//!   build's clock; `UID` is the event's absolute URL (see [`super::iri`]).
//! * Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
//!   character; text values escape `\`, `;`, `,` and line breaks and drop
//!   control characters.

use super::{iri, Streamed};
use crate::date::{Bound, DatePoint, EventDate};
use crate::model::Timeline;
use crate::parse::config::Config;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

pub(super) fn write<'a>(t: &'a Timeline, c: &'a Config) -> Streamed<'a> {
    let mut head = String::with_capacity(512);
    line(&mut head, "BEGIN:VCALENDAR");
    line(&mut head, "VERSION:2.0");
    line(
        &mut head,
        &format!("PRODID:-//annals//annals {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line(&mut head, "CALSCALE:GREGORIAN");
    line(&mut head, "METHOD:PUBLISH");
    line(&mut head, &format!("X-WR-CALNAME:{}", text(&c.title)));
    if !c.description.is_empty() {
        line(&mut head, &format!("X-WR-CALDESC:{}", text(&c.description)));
    }
    // RFC 5545 requires at least one component: a calendar with no event
    // holds the zone its date-times are written in (UTC).
    if !(0..t.events.len()).any(|i| includes(t, i)) {
        for l in [
            "BEGIN:VTIMEZONE",
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            line(&mut head, l);
        }
    }
    Streamed::items(
        head.into_bytes(),
        t.events.len(),
        move |i, out| {
            if let Some(s) = vevent(t, c, i) {
                out.extend_from_slice(s.as_bytes());
            }
            Ok(())
        },
        b"END:VCALENDAR\r\n".to_vec(),
    )
}

/// Whether event `i` is in the calendar: iCalendar cannot hold every date
/// (docs/exports.md).
pub(super) fn includes(t: &Timeline, i: usize) -> bool {
    when(&t.events[i].event.date).is_some()
}

fn vevent(t: &Timeline, c: &Config, i: usize) -> Option<String> {
    let te = &t.events[i];
    let e = &te.event;
    let when = when(&e.date)?;
    let path = crate::route::Route::event(&e.slug).path();
    let mut out = String::with_capacity(512 + e.summary_text.len());
    line(&mut out, "BEGIN:VEVENT");
    line(&mut out, &format!("UID:{}", text(&iri(c, &path))));
    match when {
        When::Days(first, end) => {
            line(&mut out, &format!("DTSTAMP:{}T000000Z", day(first)));
            line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(first)));
            line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(end)));
        }
        When::Moment(start, end) => {
            line(&mut out, &format!("DTSTAMP:{}", moment(start)));
            line(&mut out, &format!("DTSTART:{}", moment(start)));
            if let Some(end) = end {
                line(&mut out, &format!("DTEND:{}", moment(end)));
            }
        }
    }
    line(&mut out, &format!("SUMMARY:{}", text(&e.title)));
    let mut description = e.date.display(&c.lang).text();
    if !e.summary_text.is_empty() {
        description.push_str("\n\n");
        description.push_str(&e.summary_text);
    }
    line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
    // URL takes an absolute URI: only when `base_url` has an origin.
    if !c.base_url.origin.is_empty() {
        line(&mut out, &format!("URL:{}", c.base_url.absolute(&path)));
    }
    let mut categories: Vec<String> = Vec::new();
    for (slugs, groups) in [(&te.actors, &t.actors), (&te.theatres, &t.theatres)] {
        for s in slugs {
            categories.push(text(
                groups.get(s).map_or(s.as_str(), |g| g.entity.name.as_str()),
            ));
        }
    }
    for s in &te.tags {
        categories.push(text(t.tags.get(s).map_or(s.as_str(), |g| g.name.as_str())));
    }
    for s in &te.periods {
        let name = t
            .periods
            .by_slug
            .get(s)
            .map_or(s.as_str(), |p| p.name.as_str());
        categories.push(text(name));
    }
    categories.retain(|c| !c.is_empty());
    if !categories.is_empty() {
        line(&mut out, &format!("CATEGORIES:{}", categories.join(",")));
    }
    line(&mut out, "TRANSP:TRANSPARENT");
    line(&mut out, "END:VEVENT");
    Some(out)
}

/// When an event happens, as iCalendar can say it.
#[derive(Debug, PartialEq, Eq)]
enum When {
    /// First day, and the day after the last (exclusive).
    Days(NaiveDate, NaiveDate),
    /// Start and, for a span, end, in UTC.
    Moment(NaiveDateTime, Option<NaiveDateTime>),
}

/// `None` for what a calendar cannot hold: years outside 1–9999 (BCE years,
/// year 0, long years).
fn when(date: &EventDate) -> Option<When> {
    let (a, b) = match *date {
        EventDate::Point(p) => (p, p),
        EventDate::Interval { start, end } => match (start, end) {
            (Bound::Point(s), Bound::Point(e)) => (s, e),
            (Bound::Point(p), _) | (_, Bound::Point(p)) => (p, p),
            _ => return None,
        },
    };
    let in_range = |d: NaiveDate| (1..=9999).contains(&d.year());
    if a.time.is_some() && b.time.is_some() {
        let (start, end) = (a.earliest_utc().to_chrono()?, b.earliest_utc().to_chrono()?);
        (in_range(start.date()) && in_range(end.date()))
            .then_some(When::Moment(start, (end > start).then_some(end)))
    } else {
        let first = first_day(&a)?;
        let end = last_day(&b)?.succ_opt()?;
        (in_range(first) && in_range(end)).then_some(When::Days(first, end))
    }
}

/// The first day of a point's span; for a date-time, its date as written.
/// `None` beyond the years chrono holds.
pub(super) fn first_day(p: &DatePoint) -> Option<NaiveDate> {
    match p.time {
        Some(_) => local_date(p),
        None => p.earliest_utc().to_chrono_date(),
    }
}

/// The last day of a point's span; for a date-time, its date as written.
/// `None` beyond the years chrono holds.
pub(super) fn last_day(p: &DatePoint) -> Option<NaiveDate> {
    match p.time {
        Some(_) => local_date(p),
        None => p.latest_utc().to_chrono_date(),
    }
}

fn local_date(p: &DatePoint) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(p.year).ok()?,
        u32::from(p.month?),
        u32::from(p.day?),
    )
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn moment(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` escaped, line breaks as
/// `\n`, other control characters but tab dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line exceeds 75 octets (a
/// continuation starts with a space), each ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut max = 75;
    loop {
        if rest.len() <= max {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = max;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        max = 74;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `A/B` with a time stands for `date: A` with `end: B`, the only way
    /// to write a span between date-times.
    fn when_of(s: &str) -> Option<When> {
        when(&EventDate::from_iso(s, chrono_tz::Europe::Kyiv).unwrap())
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_are_whole_days_with_an_exclusive_end() {
        assert_eq!(
            when_of("2023-07-12"),
            Some(When::Days(d(2023, 7, 12), d(2023, 7, 13)))
        );
        assert_eq!(
            when_of("2023-02"),
            Some(When::Days(d(2023, 2, 1), d(2023, 3, 1)))
        );
        assert_eq!(
            when_of("2023~"),
            Some(When::Days(d(2023, 1, 1), d(2024, 1, 1)))
        );
        assert_eq!(
            when_of("202X"),
            Some(When::Days(d(2020, 1, 1), d(2030, 1, 1)))
        );
        assert_eq!(
            when_of("2023-07-10/2023-07-14"),
            Some(When::Days(d(2023, 7, 10), d(2023, 7, 15)))
        );
        assert_eq!(
            when_of("2023-07/.."),
            Some(When::Days(d(2023, 7, 1), d(2023, 8, 1)))
        );
        assert_eq!(
            when_of("../2023-07-14"),
            Some(When::Days(d(2023, 7, 14), d(2023, 7, 15)))
        );
        // A time beside a date: the local date written.
        assert_eq!(
            when_of("2023-07-12T01:00+03:00/2023-07-13"),
            Some(When::Days(d(2023, 7, 12), d(2023, 7, 14)))
        );
        assert_eq!(when_of("-0043"), None);
        assert_eq!(when_of("0000-12-31"), None);
        assert_eq!(when_of("9999"), None);
        assert_eq!(
            when_of("9999-12-30"),
            Some(When::Days(d(9999, 12, 30), d(9999, 12, 31)))
        );
    }

    #[test]
    fn times_are_utc() {
        let at = |h, m| d(2023, 7, 12).and_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            when_of("2023-07-12T22:30:00+03:00"),
            Some(When::Moment(at(19, 30), None))
        );
        assert_eq!(
            when_of("2023-07-12T10:00Z/2023-07-12T12:30Z"),
            Some(When::Moment(at(10, 0), Some(at(12, 30))))
        );
        assert_eq!(moment(at(19, 30)), "20230712T193000Z");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            text("a\\b;c,d\r\ne\nf\u{7}\tg"),
            "a\\\\b\\;c\\,d\\ne\\nf\tg"
        );
    }

    #[test]
    fn lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Запорізька область — ".repeat(8));
        line(&mut out, &long);
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, long);
    }
}
