//! UCDP's Georeferenced Event Dataset (GED) as CSV
//! (<https://ucdp.uu.se/downloads/>).
//!
//! * Dates: `date_start` and `date_end` are the earliest and latest day the
//!   event can have happened on, `date_prec` how wide that window is. 1
//!   (exact): the day, or `date:`/`end:` when the event took several days;
//!   2 and 3 (within days, within a week): the first day, approximate; 4
//!   (within a month): the month when the window is in one month, else the
//!   first day approximate; 5 (more than a month): the year likewise.
//! * `side_a` and `side_b` are actors; `conflict_name` and `dyad_name` tags;
//!   `country` → `adm_1` → `adm_2` theatres (see `entities`);
//!   `where_coordinates`, `latitude`, `longitude` the location; each
//!   `source_office` / `source_headline` / `source_date` (`;`-separated, in
//!   step) a source without URL (UCDP gives none); `best`, `high` and `low`
//!   deaths, `id` and every other column go to `extra`.

use super::table::Row;
use super::{Draft, Front, Imported, Source};
use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;

const MAPPED: &[&str] = &[
    "date_start",
    "date_end",
    "date_prec",
    "side_a",
    "side_b",
    "conflict_name",
    "dyad_name",
    "country",
    "adm_1",
    "adm_2",
    "where_coordinates",
    "latitude",
    "longitude",
    "source_office",
    "source_headline",
    "source_date",
    "best",
    "high",
    "low",
];

pub(super) fn read(bytes: &[u8]) -> Result<Imported, Diagnostic> {
    super::table::read(
        bytes,
        "a UCDP GED file",
        &["date_start", "side_a", "dyad_name"],
        &["country", "adm_1", "adm_2"],
        draft,
    )
}

fn draft(row: &Row, line: usize, imported: &mut Imported) -> Result<Draft, Diagnostic> {
    let origin = format!("line {line}");
    let fail = |m: String| Diagnostic::error(Code::ImportItem, format!("{origin}: {m}"));
    let day = |column: &str| -> Result<Option<String>, Diagnostic> {
        let Some(v) = row.get(column) else {
            return Ok(None);
        };
        // `2020-01-02` or `2020-01-02 00:00:00.000`.
        let d = v.get(..10).unwrap_or(v);
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| fail(format!("`{column}` `{v}` is not a date (YYYY-MM-DD)")))
    };
    let start = day("date_start")?.ok_or_else(|| fail("it has no date_start".into()))?;
    let end = day("date_end")?.unwrap_or_else(|| start.clone());
    if end < start {
        return Err(fail(format!("date_end {end} is before date_start {start}")));
    }
    let (date, end) = match row.get("date_prec").unwrap_or("1") {
        "1" if start == end => (start, None),
        "1" => (start, Some(end)),
        "2" | "3" => (format!("{start}~"), None),
        "4" if start[..7] == end[..7] => (start[..7].to_string(), None),
        "5" if start[..4] == end[..4] => (start[..4].to_string(), None),
        "4" | "5" => (format!("{start}~"), None),
        other => return Err(fail(format!("date_prec `{other}` is not 1 to 5"))),
    };
    for d in std::iter::once(&date).chain(end.as_ref()) {
        if let Err(e) = EventDate::parse(d, chrono_tz::UTC) {
            return Err(fail(format!("its date `{d}` is not valid: {}", e.message)));
        }
    }
    let mut actors = Vec::new();
    for side in ["side_a", "side_b"] {
        if let Some(name) = row.get(side).and_then(|n| imported.entities.actor(n, None)) {
            if !actors.contains(&name) {
                actors.push(name);
            }
        }
    }
    let tags = row.distinct(&["conflict_name", "dyad_name"]);
    let dyad = row.get("dyad_name").unwrap_or("Event");
    let title = match row
        .get("where_coordinates")
        .or(row.get("adm_2"))
        .or(row.get("adm_1"))
    {
        Some(place) => format!("{dyad}, {place}"),
        None => dyad.to_string(),
    };
    let (offices, headlines, dates) = (
        row.list("source_office"),
        row.list("source_headline"),
        row.list("source_date"),
    );
    let count = offices.len().max(headlines.len()).max(dates.len());
    let sources = (0..count)
        .map(|i| Source {
            publisher: offices.get(i).cloned(),
            title: headlines.get(i).cloned(),
            date: dates
                .get(i)
                .and_then(|d| {
                    chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok()
                })
                .map(|d| d.format("%Y-%m-%d").to_string()),
            url: None,
        })
        .filter(|s| s.publisher.is_some() || s.title.is_some())
        .collect();
    let mut extra: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    let mut deaths = serde_json::Map::new();
    for column in ["best", "high", "low"] {
        if let Some(n) = row.get(column).and_then(|v| v.parse::<i64>().ok()) {
            deaths.insert(column.into(), n.into());
        }
    }
    if !deaths.is_empty() {
        extra.insert("deaths".into(), deaths.into());
    }
    for (column, value) in &row.cells {
        let value = value.trim();
        if !value.is_empty() && !MAPPED.contains(column) {
            extra.insert(column.to_string(), value.into());
        }
    }
    Ok(Draft {
        origin,
        slug: row.get("id").map(|id| format!("ucdp-{id}")),
        front: Front {
            title,
            date,
            end,
            actors,
            tags,
            sources,
            location: row.location("where_coordinates"),
            extra,
            ..Front::default()
        },
        body: String::new(),
        assets: Vec::new(),
    })
}
