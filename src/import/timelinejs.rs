//! TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>)
//! and the legacy TimelineJS 2 format (`{"timeline": {"date": [...]}}`,
//! `startDate: "2011,3,23"`), read into slides. Numbers may be written as
//! strings or integers, and empty strings mean "not given", as published
//! files do.

use super::slide::{Kind, Media, Parts, Slide};
use crate::diagnostic::{Code, Diagnostic};
use serde_json::Value;

/// The slides of a TimelineJS file: the title slide, the eras, the events.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Slide>, Diagnostic> {
    let text = String::from_utf8_lossy(bytes);
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        Diagnostic::error(
            Code::ImportItem,
            format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
        )
        .with_hint("`annals import timelinejs` reads a TimelineJS3 JSON file; for the spreadsheet template exported as CSV, use `annals import csv`")
    })?;
    if let Some(legacy) = json.get("timeline").filter(|t| t.get("date").is_some()) {
        return Ok(legacy_slides(legacy));
    }
    let Some(events) = json.get("events").and_then(Value::as_array) else {
        return Err(Diagnostic::error(
            Code::ImportItem,
            "not a TimelineJS file: it has no `events` list",
        )
        .with_hint(
            "a TimelineJS3 file is an object with `events` (and optionally `title` and `eras`)",
        ));
    };
    let mut slides = Vec::new();
    if let Some(title) = json.get("title") {
        slides.push(Slide {
            kind: Kind::Title,
            ..slide(title, "/title".into())
        });
    }
    for (i, era) in json
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        slides.push(Slide {
            kind: Kind::Era,
            ..slide(era, format!("/eras/{i}"))
        });
    }
    for (i, event) in events.iter().enumerate() {
        slides.push(slide(event, format!("/events/{i}")));
    }
    Ok(slides)
}

/// One TimelineJS3 slide object.
fn slide(v: &Value, origin: String) -> Slide {
    let text = |key: &str| {
        v.get("text")
            .and_then(|t| t.get(key))
            .and_then(string)
            .unwrap_or_default()
    };
    let kind = match v.get("type").and_then(string).as_deref() {
        Some("title") => Kind::Title,
        _ => Kind::Event,
    };
    Slide {
        origin,
        kind,
        start: v.get("start_date").and_then(parts),
        end: v.get("end_date").and_then(parts),
        display_date: v.get("display_date").and_then(string).or_else(|| {
            v.get("start_date")
                .and_then(|d| d.get("display_date"))
                .and_then(string)
        }),
        headline: text("headline"),
        text: text("text"),
        media: v.get("media").and_then(media),
        group: v.get("group").and_then(string),
        unique_id: v.get("unique_id").and_then(string),
        background: v.get("background").filter(|b| !b.is_null()).cloned(),
        location: v.get("location").and_then(location),
        slide_type: v
            .get("type")
            .and_then(string)
            .filter(|t| t != "title" && t != "era"),
    }
}

fn media(v: &Value) -> Option<Media> {
    let get = |key: &str| v.get(key).and_then(string);
    Some(Media {
        url: get("url")?,
        caption: get("caption"),
        credit: get("credit"),
        thumbnail: get("thumbnail"),
        alt: get("alt"),
    })
}

/// `{"lat": 39.7, "lon": -91.3, "name": …}`, when it places something.
fn location(v: &Value) -> Option<super::Location> {
    let degrees = |key: &str, max: f64| {
        v.get(key)
            .and_then(|d| d.as_f64().or_else(|| d.as_str()?.trim().parse().ok()))
            .filter(|d: &f64| d.abs() <= max)
    };
    let l = super::Location {
        name: v.get("name").and_then(string),
        lat: degrees("lat", 90.0),
        lon: degrees("lon", 180.0),
    };
    (l != super::Location::default()).then_some(l)
}

/// A TimelineJS date object; `None` without a year.
fn parts(v: &Value) -> Option<Parts> {
    let number = |key: &str| v.get(key).and_then(integer);
    let small = |key: &str| number(key).and_then(|n| u32::try_from(n).ok());
    Some(Parts {
        year: number("year")?,
        month: small("month"),
        day: small("day"),
        hour: small("hour"),
        minute: small("minute"),
        second: small("second"),
    })
}

/// A non-empty string, or a number written as one.
fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer written as a number or a string (`"1860"`, `1860`, `"-44"`).
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// TimelineJS 2: `{"timeline": {"headline", "text", "date": [{"startDate":
/// "2011,3,23", "endDate", "headline", "text", "tag", "asset": {"media",
/// "credit", "caption"}}], "era": [...]}}`.
fn legacy_slides(t: &Value) -> Vec<Slide> {
    let get = |v: &Value, key: &str| v.get(key).and_then(string).unwrap_or_default();
    let mut slides = vec![Slide {
        origin: "/timeline".into(),
        kind: Kind::Title,
        headline: get(t, "headline"),
        text: get(t, "text"),
        ..Slide::default()
    }];
    for (i, era) in t
        .get("era")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        slides.push(Slide {
            origin: format!("/timeline/era/{i}"),
            kind: Kind::Era,
            headline: get(era, "headline"),
            ..Slide::default()
        });
    }
    for (i, d) in t
        .get("date")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let asset = d.get("asset");
        slides.push(Slide {
            origin: format!("/timeline/date/{i}"),
            start: d
                .get("startDate")
                .and_then(string)
                .and_then(|s| legacy_date(&s)),
            end: d
                .get("endDate")
                .and_then(string)
                .and_then(|s| legacy_date(&s)),
            headline: get(d, "headline"),
            text: get(d, "text"),
            media: asset.and_then(|a| {
                Some(Media {
                    url: a.get("media").and_then(string)?,
                    caption: a.get("caption").and_then(string),
                    credit: a.get("credit").and_then(string),
                    thumbnail: a.get("thumbnail").and_then(string),
                    alt: None,
                })
            }),
            group: d.get("tag").and_then(string),
            ..Slide::default()
        });
    }
    slides
}

/// `"2011,3,23"`, `"2011,3"`, `"2011"`, as TimelineJS 2 writes dates.
fn legacy_date(s: &str) -> Option<Parts> {
    let mut n = s.split(',').map(|p| p.trim().parse::<i64>().ok());
    let year = n.next()??;
    let mut small = || n.next().flatten().and_then(|v| u32::try_from(v).ok());
    Some(Parts {
        year,
        month: small(),
        day: small(),
        ..Parts::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_integers_and_empty_strings_are_read_as_published_files_write_them() {
        let slides = read(br#"{"events":[{"start_date":{"year":"1860","month":"","day":3},"text":{"headline":"A"}}]}"#).unwrap();
        assert_eq!(
            slides[0].start,
            Some(Parts {
                year: 1860,
                day: Some(3),
                ..Parts::default()
            })
        );
    }

    #[test]
    fn the_legacy_format_is_recognised() {
        let slides = read(
            br#"{"timeline":{"headline":"T","date":[{"startDate":"2011,3,23","headline":"B"}]}}"#,
        )
        .unwrap();
        assert_eq!(slides.len(), 2);
        assert_eq!(
            slides[1].start.as_ref().map(|p| (p.year, p.month, p.day)),
            Some((2011, Some(3), Some(23)))
        );
    }

    #[test]
    fn other_json_is_refused_with_what_it_lacks() {
        let e = read(br#"{"slides":[]}"#).unwrap_err();
        assert_eq!(e.message, "not a TimelineJS file: it has no `events` list");
    }
}
