//! A TimelineJS slide, however it was read (JSON or the spreadsheet), and
//! how it becomes an event.
//!
//! * Years: TimelineJS counts BCE years as negative historical years (44 BCE
//!   is `-44`), the inverse of annals' TimelineJS export: `-44` → `-0043`,
//!   and on its cosmological scale `-13800000000` → `Y-13799999999`, a long
//!   year, which reads "13.8 billion years ago" and exports back as
//!   `-13800000000`. A long year is a year alone: the month and day of such
//!   a slide are dropped with a warning (TimelineJS's cosmological scale
//!   ignores them too), and `display_date` adds no qualifier or season.
//! * `start_date` is authoritative; `display_date` only adds a qualifier
//!   (`c. 1860` → `1860~`, `1860?`) when it names the same year.
//! * `media`: an image becomes `image` (its `alt`, else its caption, else
//!   the headline, with a warning so that a person reviews it); anything else
//!   (video, audio, social posts, maps, pages) a link in the body and
//!   `extra.media`, never a third-party player.
//! * `group` becomes a tag, or a theatre (`--group-as theatre`);
//!   `unique_id` the slug; `background` and `type` go to `extra`.

use super::html;
use super::{Draft, Front, GroupAs, Image};
use crate::date::{is_long_year, year_iso, EventDate};
use crate::diagnostic::{Code, Diagnostic};
use serde_json::{json, Value};

/// A date as TimelineJS splits it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Parts {
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    pub second: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Media {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub thumbnail: Option<String>,
    pub alt: Option<String>,
}

/// What a slide is: an event, the title slide, an era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Kind {
    #[default]
    Event,
    Title,
    Era,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Slide {
    /// `row 5`, `/events/3`.
    pub origin: String,
    pub kind: Kind,
    pub start: Option<Parts>,
    pub end: Option<Parts>,
    pub display_date: Option<String>,
    /// HTML.
    pub headline: String,
    /// HTML.
    pub text: String,
    pub media: Option<Media>,
    pub group: Option<String>,
    pub unique_id: Option<String>,
    pub background: Option<Value>,
    /// StoryMap-style `location` (`lat`, `lon`, `name`).
    pub location: Option<super::Location>,
    /// TimelineJS `type` other than title and era (`overview`).
    pub slide_type: Option<String>,
}

/// The events of `slides`, how many gave none, and what was said of them.
pub(super) fn drafts(slides: Vec<Slide>, group_as: GroupAs) -> super::Imported {
    let mut out = Vec::new();
    let mut skipped = 0;
    let mut diagnostics = Vec::new();
    let mut entities = super::entities::Entities::default();
    for slide in slides {
        match slide.kind {
            Kind::Title => {}
            Kind::Era => {
                let written = era(&slide).and_then(|p| {
                    entities.period(p).ok_or_else(|| {
                        Diagnostic::error(
                            Code::ImportItem,
                            format!(
                                "{}: no file name can be made from its headline",
                                slide.origin
                            ),
                        )
                    })
                });
                if let Err(d) = written {
                    skipped += 1;
                    diagnostics.push(d);
                }
            }
            Kind::Event => match draft(&slide, group_as, &mut diagnostics) {
                Ok(d) => out.push(d),
                Err(d) => {
                    skipped += 1;
                    diagnostics.push(d);
                }
            },
        }
    }
    super::Imported {
        drafts: out,
        entities,
        skipped,
        diagnostics,
    }
}

/// An era as a period: its headline the name, its dates the span, its text
/// the description.
fn era(slide: &Slide) -> Result<super::entities::Period, Diagnostic> {
    let origin = &slide.origin;
    let fail =
        |message: String| Diagnostic::error(Code::ImportItem, format!("{origin}: {message}"));
    let name = html::to_text(&slide.headline);
    if name.is_empty() {
        return Err(fail("the era has no headline to name it".into()));
    }
    let Some(start) = &slide.start else {
        return Err(fail(format!("the era `{name}` has no start_date")));
    };
    let start = edtf(start).map_err(&fail)?;
    let end = slide.end.as_ref().map(edtf).transpose().map_err(&fail)?;
    let end = end.filter(|e| *e != start);
    let parse = |text: &str| EventDate::parse(text, chrono_tz::UTC);
    // One EDTF interval where it can say the span; else `date` and `end`,
    // which also join what an interval cannot (long years, date-times).
    let (date, end) = match end {
        Some(end) if parse(&format!("{start}/{end}")).is_ok() => (format!("{start}/{end}"), None),
        end => (start, end),
    };
    let read = parse(&date).and_then(|d| match &end {
        Some(e) => d.with_end(parse(e)?),
        None => Ok(d),
    });
    if let Err(e) = read {
        let written = end
            .as_ref()
            .map_or(date.clone(), |e| format!("{date}, {e}"));
        return Err(fail(format!(
            "the era `{name}` has no span annals can read (`{written}`): {}",
            e.message
        )));
    }
    Ok(super::entities::Period {
        name,
        date,
        end,
        body: html::to_markdown(&slide.text),
    })
}

fn draft(
    slide: &Slide,
    group_as: GroupAs,
    said: &mut Vec<Diagnostic>,
) -> Result<Draft, Diagnostic> {
    let origin = &slide.origin;
    let fail =
        |message: String| Diagnostic::error(Code::ImportItem, format!("{origin}: {message}"));
    let Some(start) = &slide.start else {
        return Err(fail("it has no start_date".into()));
    };
    // TimelineJS shows `display_date` and `group` as HTML (and annals'
    // export escapes them): their text is what a reader sees.
    let display = &super::html::to_text(slide.display_date.as_deref().unwrap_or(""));
    let mut date = edtf(start).map_err(&fail)?;
    let long = date.starts_with('Y');
    if start.month.is_none() && !long {
        if let Some(code) = season(display, start.year) {
            date.push_str(&format!("-{code}"));
        }
    }
    if !long {
        date.push_str(qualifier(display, start.year));
    }
    let end = slide.end.as_ref().map(edtf).transpose().map_err(&fail)?;
    for (which, parts, text) in [
        ("start_date", Some(start), Some(&date)),
        ("end_date", slide.end.as_ref(), end.as_ref()),
    ] {
        if let (Some(p), Some(t)) = (parts, text) {
            if t.starts_with('Y') && (p.month.is_some() || p.day.is_some() || p.hour.is_some()) {
                said.push(Diagnostic::warning(
                    Code::ImportReview,
                    format!("{origin}: the {which} is in the year {}, which annals keeps alone: its month, day and time are left out", p.year),
                ));
            }
        }
    }
    for d in std::iter::once(&date).chain(end.as_ref()) {
        if let Err(e) = EventDate::parse(d, chrono_tz::UTC) {
            return Err(fail(format!("its date `{d}` is not valid: {}", e.message)));
        }
    }
    let mut title = html::to_text(&slide.headline);
    let body = html::to_markdown(&slide.text);
    if title.is_empty() {
        let caption = slide
            .media
            .as_ref()
            .and_then(|m| m.caption.as_deref())
            .map(html::to_text)
            .unwrap_or_default();
        let (from, text) = match crate::text::shorten(&html::to_text(&slide.text), 80) {
            t if t.is_empty() => ("its media's caption", crate::text::shorten(&caption, 80)),
            t => ("the start of its text", t),
        };
        if text.is_empty() {
            return Err(fail(
                "it has no headline, text or media caption to title it".into(),
            ));
        }
        said.push(Diagnostic::warning(
            Code::ImportReview,
            format!("{origin}: no headline; the title is {from}: `{text}`"),
        ));
        title = text;
    }
    let mut front = Front {
        title,
        date,
        end,
        ..Front::default()
    };
    if let Some(group) = slide
        .group
        .as_deref()
        .map(super::html::to_text)
        .filter(|g| !g.is_empty())
    {
        match group_as {
            GroupAs::Tag => front.tags.push(group.to_string()),
            GroupAs::Theatre => front.theatres.push(group.to_string()),
        }
    }
    let mut body = body;
    if let Some(media) = slide.media.as_ref().filter(|m| !m.url.trim().is_empty()) {
        media_into(media, &mut front, &mut body, origin, said);
    }
    front.location = slide.location.clone();
    if let Some(bg) = &slide.background {
        front.extra.insert("background".into(), bg.clone());
    }
    if let Some(t) = &slide.slide_type {
        front.extra.insert("type".into(), Value::from(t.as_str()));
    }
    if !display.trim().is_empty() && !annals_wording(display.trim(), &front) {
        front
            .extra
            .insert("display_date".into(), Value::from(display.trim()));
    }
    Ok(Draft {
        origin: origin.clone(),
        slug: slide.unique_id.clone().filter(|u| !u.trim().is_empty()),
        front,
        body,
        assets: Vec::new(),
    })
}

/// Whether `display` is how annals itself shows the draft's date, in one of
/// its languages: what annals' own export writes, which adds nothing to the
/// date, so that an exported file imports as the events it came from.
fn annals_wording(display: &str, front: &Front) -> bool {
    let parse = |text: &str| EventDate::parse(text, chrono_tz::UTC).ok();
    let date = match &front.end {
        Some(end) => parse(&front.date)
            .zip(parse(end))
            .and_then(|(d, e)| d.with_end(e).ok()),
        None => parse(&front.date),
    };
    date.is_some_and(|d| {
        crate::date::Lang::codes()
            .iter()
            .filter_map(|code| crate::date::Lang::new(code))
            .any(|lang| d.display(&lang).text() == display)
    })
}

/// An image becomes `image`; any other media a link and `extra.media`.
fn media_into(
    media: &Media,
    front: &mut Front,
    body: &mut String,
    origin: &str,
    said: &mut Vec<Diagnostic>,
) {
    let url = media.url.trim();
    let caption = media
        .caption
        .as_deref()
        .map(html::to_text)
        .filter(|c| !c.is_empty());
    let credit = media
        .credit
        .as_deref()
        .map(html::to_text)
        .filter(|c| !c.is_empty());
    // TimelineJS shows a `<blockquote>` given as the media itself: it is
    // text, and becomes part of the body, sanitised.
    if url.starts_with("<blockquote") {
        let quote = html::to_markdown(url);
        if !quote.is_empty() && !body.contains(&quote) {
            *body = if body.is_empty() {
                quote
            } else {
                format!("{body}\n\n{quote}")
            };
        }
        return;
    }
    let web = url.starts_with("https://") || url.starts_with("http://");
    if web && is_image(url) {
        let alt = match media
            .alt
            .as_deref()
            .map(html::to_text)
            .filter(|a| !a.is_empty())
        {
            Some(alt) => alt,
            None => {
                let guessed = caption.clone().unwrap_or_else(|| front.title.clone());
                said.push(
                    Diagnostic::warning(
                        Code::ImportReview,
                        format!("{origin}: the image has no alt text; it is `{guessed}` for now"),
                    )
                    .with_hint("describe what the picture shows under `image.alt`"),
                );
                guessed
            }
        };
        front.image = Some(Image {
            src: url.to_string(),
            alt,
            caption,
            credit,
        });
        return;
    }
    // A body that already links it (an event exported by annals and
    // imported again) does not need the link twice.
    if web {
        let label = caption.clone().unwrap_or_else(|| url.to_string());
        let link = html::link(&label, url);
        if !body.contains(&link) {
            *body = if body.is_empty() {
                link
            } else {
                format!("{body}\n\n{link}")
            };
        }
    }
    let mut m = json!({ "url": url });
    for (key, value) in [
        ("caption", caption),
        ("credit", credit),
        ("thumbnail", media.thumbnail.clone()),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            m[key] = Value::from(v);
        }
    }
    front.extra.insert("media".into(), m);
}

/// Whether a URL names a picture (by its extension, before any query).
fn is_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// EDTF for TimelineJS date parts, as `date:` or `end:` takes it: a long
/// year (`Y-13799999999`) alone, without its month and day.
fn edtf(p: &Parts) -> Result<String, String> {
    let year = if p.year < 0 { p.year + 1 } else { p.year };
    let mut s = year_iso(year);
    if is_long_year(year) {
        // `draft` checks the text with the parser, which refuses years of
        // twelve digits or more.
        return Ok(s);
    }
    let Some(month) = p.month else {
        return Ok(s);
    };
    s.push_str(&format!("-{month:02}"));
    let Some(day) = p.day else {
        return Ok(s);
    };
    s.push_str(&format!("-{day:02}"));
    if let Some(hour) = p.hour {
        s.push_str(&format!("T{hour:02}:{:02}", p.minute.unwrap_or(0)));
        if let Some(second) = p.second {
            s.push_str(&format!(":{second:02}"));
        }
    }
    Ok(s)
}

/// The EDTF season code (21 spring … 24 winter) that `display` names with
/// the same year as the start (`Winter 1872` → 24): it refines a year.
fn season(display: &str, year: i64) -> Option<u8> {
    let d = display.trim().to_lowercase();
    if !d.contains(&year.unsigned_abs().to_string()) {
        return None;
    }
    [
        ("spring", 21),
        ("summer", 22),
        ("autumn", 23),
        ("fall", 23),
        ("winter", 24),
    ]
    .into_iter()
    .find(|(word, _)| d.split(|c: char| !c.is_alphabetic()).any(|w| w == *word))
    .map(|(_, code)| code)
}

/// `~` for "c. 1860", `?` for "1860?", `%` for both, when `display` names
/// the same year as the start: it refines the date, never replaces it.
fn qualifier(display: &str, year: i64) -> &'static str {
    let d = display.trim().to_lowercase();
    if d.is_empty() || !d.contains(&year.unsigned_abs().to_string()) {
        return "";
    }
    let approximate = ["c.", "ca.", "circa", "about", "around", "approx", "~"]
        .iter()
        .any(|w| d.starts_with(w) || d.contains(&format!(" {w}")));
    let uncertain = d.contains('?');
    match (uncertain, approximate) {
        (true, true) => "%",
        (true, false) => "?",
        (false, true) => "~",
        (false, false) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(year: i64, month: Option<u32>, day: Option<u32>) -> Parts {
        Parts {
            year,
            month,
            day,
            ..Parts::default()
        }
    }

    #[test]
    fn years_and_qualifiers() {
        assert_eq!(edtf(&parts(-44, Some(3), Some(15))).unwrap(), "-0043-03-15");
        assert_eq!(edtf(&parts(1860, None, None)).unwrap(), "1860");
        assert_eq!(edtf(&parts(1943, Some(7), None)).unwrap(), "1943-07");
        let timed = Parts {
            hour: Some(9),
            minute: Some(5),
            ..parts(2011, Some(3), Some(23))
        };
        assert_eq!(edtf(&timed).unwrap(), "2011-03-23T09:05");
        assert_eq!(
            edtf(&parts(-13_800_000_000, None, None)).unwrap(),
            "Y-13799999999"
        );
        assert_eq!(
            edtf(&parts(-315_000, Some(3), Some(1))).unwrap(),
            "Y-314999"
        );
        assert_eq!(edtf(&parts(170_000_002, None, None)).unwrap(), "Y170000002");
        assert_eq!(edtf(&parts(-10_000, None, None)).unwrap(), "-9999");
        assert_eq!(qualifier("c. 1860", 1860), "~");
        assert_eq!(qualifier("1860?", 1860), "?");
        assert_eq!(
            qualifier("c. 1875", 1860),
            "",
            "another year: start_date wins"
        );
        assert_eq!(qualifier("Winter 1872", 1872), "");
        assert_eq!(season("Winter 1872", 1872), Some(24));
        assert_eq!(season("c. Fall 1860", 1860), Some(23));
        assert_eq!(
            season("Winter 1872", 1875),
            None,
            "another year: start_date wins"
        );
        assert_eq!(season("Springfield, 1872", 1872), None);
    }
}
