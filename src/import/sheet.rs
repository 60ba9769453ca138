//! The TimelineJS Google Sheets template, exported as CSV: columns found by
//! their heading in any order and case (the newer `Alt Text` included), a
//! UTF-8 BOM and Windows line ends allowed, quoted fields across lines.

use super::slide::{Kind, Media, Parts, Slide};
use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

/// The slides of the sheet, one per row after the headings.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Slide>, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = super::table::reader(bytes)?;
    let headings: HashMap<String, usize> = reader
        .headers()
        .map_err(|e| Diagnostic::error(Code::ImportItem, format!("not CSV: {e}")))?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
        .collect();
    for needed in ["year", "headline"] {
        if !headings.contains_key(needed) {
            return Err(Diagnostic::error(
                Code::ImportItem,
                format!("not the TimelineJS sheet: it has no `{needed}` column"),
            )
            .with_hint("the template's columns are Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background, Alt Text"));
        }
    }
    let mut slides = Vec::new();
    // (byte offset, line) of the last record, to count lines as rows come.
    let mut counted: (usize, usize) = (0, 1);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(Diagnostic::error(
                    Code::ImportItem,
                    format!("row at line {line} cannot be read: {e}"),
                ));
            }
        };
        let line = line_of(bytes, &record, &mut counted);
        let cell = |name: &str| {
            headings
                .get(name)
                .and_then(|&i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let kind = match cell("type").map(|t| t.to_ascii_lowercase()).as_deref() {
            Some("title") => Kind::Title,
            Some("era") => Kind::Era,
            _ => Kind::Event,
        };
        let date = |prefix: &str| {
            let number = |name: &str| cell(&format!("{prefix}{name}"));
            let year = number("year")?.parse::<i64>().ok()?;
            let (hour, minute, second) = number("time").as_deref().map_or((None, None, None), time);
            Some(Parts {
                year,
                month: number("month").and_then(|m| m.parse().ok()),
                day: number("day").and_then(|d| d.parse().ok()),
                hour,
                minute,
                second,
            })
        };
        slides.push(Slide {
            origin: format!("line {line}"),
            kind,
            start: date(""),
            end: date("end "),
            display_date: cell("display date"),
            headline: cell("headline").unwrap_or_default(),
            text: cell("text").unwrap_or_default(),
            media: cell("media").map(|url| Media {
                url,
                caption: cell("media caption"),
                credit: cell("media credit"),
                thumbnail: cell("media thumbnail"),
                alt: cell("alt text"),
            }),
            group: cell("group"),
            unique_id: cell("unique id"),
            background: cell("background").map(|b| background(&b)),
            location: None,
            slide_type: cell("type")
                .filter(|t| !matches!(t.to_ascii_lowercase().as_str(), "title" | "era")),
        });
    }
    Ok(slides)
}

/// The line a record starts on, as an editor shows it, counted on from
/// the last record's (byte offset, line) in `counted`.
pub(super) fn line_of(
    bytes: &[u8],
    record: &csv::StringRecord,
    counted: &mut (usize, usize),
) -> usize {
    // csv gives the offset where the previous record's line end begins.
    let mut offset = record.position().map_or(0, |p| p.byte() as usize);
    if bytes.get(offset) == Some(&b'\r') {
        offset += 1;
    }
    if bytes.get(offset) == Some(&b'\n') {
        offset += 1;
    }
    let from = counted.0.min(offset);
    counted.1 += bytes[from..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    counted.0 = offset;
    counted.1
}

/// A `Background` cell as TimelineJS reads it (`interpretBackground` in its
/// `ConfigFactory.js`): an address (`https:`, `//`, `/`) is an image, anything
/// else a colour. So a sheet and the JSON made from it keep the same
/// `extra.background`.
fn background(cell: &str) -> serde_json::Value {
    let rest = cell
        .strip_prefix("https:")
        .or_else(|| cell.strip_prefix("http:"))
        .unwrap_or(cell);
    let key = if rest.starts_with('/') {
        "url"
    } else {
        "color"
    };
    serde_json::json!({ key: cell })
}

/// `22:30`, `22:30:15`, `3:30 PM`: hour, minute, second.
fn time(s: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
    let lower = s.to_ascii_lowercase();
    let (clock, pm) = match lower
        .strip_suffix("pm")
        .or_else(|| lower.strip_suffix("p.m."))
    {
        Some(c) => (c.trim().to_string(), Some(true)),
        None => match lower
            .strip_suffix("am")
            .or_else(|| lower.strip_suffix("a.m."))
        {
            Some(c) => (c.trim().to_string(), Some(false)),
            None => (lower.trim().to_string(), None),
        },
    };
    let mut n = clock.split(':').map(|p| p.trim().parse::<u32>().ok());
    let hour = n.next().flatten().map(|h| match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    });
    (hour, n.next().flatten(), n.next().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_any_order_with_a_bom_and_windows_line_ends() {
        let csv = "\u{feff}Headline,Year,Month,Day,Time,Type\r\nTitle here,,,,,title\r\n\"Two\r\nlines\",1943,7,,3:30 PM,\r\n";
        let slides = read(csv.as_bytes()).unwrap();
        assert_eq!(slides.len(), 2);
        assert_eq!(slides[0].kind, Kind::Title);
        assert_eq!(slides[1].headline, "Two\r\nlines");
        assert_eq!(slides[1].origin, "line 3");
        let start = slides[1].start.clone().unwrap();
        assert_eq!(
            (start.year, start.month, start.hour, start.minute),
            (1943, Some(7), Some(15), Some(30))
        );
    }

    #[test]
    fn a_background_is_an_image_address_or_a_colour_as_timelinejs_reads_it() {
        let csv = "Headline,Year,Background\na,1,https://x.org/a.png\nb,2,#336699\nc,3,//cdn.x.org/b.jpg\nd,4,/img/c.png\ne,5,navy\nf,6,\n";
        let got: Vec<Option<serde_json::Value>> = read(csv.as_bytes())
            .unwrap()
            .into_iter()
            .map(|s| s.background)
            .collect();
        assert_eq!(
            got,
            [
                Some(serde_json::json!({"url": "https://x.org/a.png"})),
                Some(serde_json::json!({"color": "#336699"})),
                Some(serde_json::json!({"url": "//cdn.x.org/b.jpg"})),
                Some(serde_json::json!({"url": "/img/c.png"})),
                Some(serde_json::json!({"color": "navy"})),
                None,
            ]
        );
    }
}
