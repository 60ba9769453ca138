//! ACLED's CSV export (<https://acleddata.com>), the old schema (`data_id`,
//! numeric `inter1`) and the new (`disorder_type`, `inter1` in words).
//!
//! * `event_date`: ISO (`2020-05-09`), ACLED's `09 May 2020`, or the
//!   spreadsheet-mangled `9-May-20`, whose century comes from `year`.
//! * `time_precision`: 1, the day as given; 2 (ACLED: "within a week"), the
//!   day approximate (`2020-05-09~`); 3 (within a month or coarser), the
//!   month approximate (`2020-05~`). ACLED then dates the event at the middle
//!   of the span, so the written day is not the event's.
//! * `actor1`, `assoc_actor_1`, `actor2`, `assoc_actor_2` (`;`-separated)
//!   are actors, with files whose `kind` comes from `inter1`/`inter2`: state
//!   forces → state; rebel groups, militias → organisation; protesters,
//!   rioters, civilians, external/other forces → other.
//! * `country` → `admin1` → `admin2` are theatres (see `entities`), the
//!   event in the most precise; `location`, `latitude`, `longitude` its
//!   location; `source` (`;`-separated) its sources, by publisher only (ACLED
//!   gives no URLs, and annals never invents one); `notes` its body;
//!   `disorder_type`, `event_type`, `sub_event_type` its tags; `fatalities`,
//!   `event_id_cnty` and every other column go to `extra`.

use super::entities::Entities;
use super::table::Row;
use super::{Draft, Front, Imported, Source};
use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;

/// The columns read into front matter keys; every other one goes to `extra`.
const MAPPED: &[&str] = &[
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
];

pub(super) fn read(bytes: &[u8]) -> Result<Imported, Diagnostic> {
    super::table::read(
        bytes,
        "an ACLED export",
        &["event_date", "actor1", "event_type"],
        &["country", "admin1", "admin2"],
        |row, line, imported| draft(row, line, &mut imported.entities),
    )
}

fn draft(row: &Row, line: usize, entities: &mut Entities) -> Result<Draft, Diagnostic> {
    let origin = format!("line {line}");
    let fail = |m: String| Diagnostic::error(Code::ImportItem, format!("{origin}: {m}"));
    let written = row
        .get("event_date")
        .ok_or_else(|| fail("it has no event_date".into()))?;
    let day = date(written, row.get("year")).ok_or_else(|| {
        fail(format!(
            "`{written}` is not a date ACLED writes (2020-05-09, 09 May 2020, 9-May-20)"
        ))
    })?;
    let date = match row.get("time_precision") {
        None | Some("1") => day,
        Some("2") => format!("{day}~"),
        Some("3") => format!("{}~", &day[..7]),
        Some(other) => return Err(fail(format!("time_precision `{other}` is not 1, 2 or 3"))),
    };
    if let Err(e) = EventDate::parse(&date, chrono_tz::UTC) {
        return Err(fail(format!(
            "its date `{date}` is not valid: {}",
            e.message
        )));
    }
    let mut actors = Vec::new();
    for (columns, inter) in [
        (["actor1", "assoc_actor_1"], "inter1"),
        (["actor2", "assoc_actor_2"], "inter2"),
    ] {
        let kind = row.get(inter).and_then(kind);
        for column in columns {
            for name in row.list(column) {
                if let Some(name) = entities.actor(&name, kind) {
                    if !actors.contains(&name) {
                        actors.push(name);
                    }
                }
            }
        }
    }
    let sub = row
        .get("sub_event_type")
        .or(row.get("event_type"))
        .unwrap_or("Event");
    let place_name = row
        .get("location")
        .or(row.get("admin2"))
        .or(row.get("admin1"))
        .or(row.get("country"));
    let title = match (actors.first(), place_name) {
        (Some(a), Some(p)) => format!("{sub}: {a} in {p}"),
        (Some(a), None) => format!("{sub}: {a}"),
        (None, Some(p)) => format!("{sub} in {p}"),
        (None, None) => sub.to_string(),
    };
    let tags = row.distinct(&["disorder_type", "event_type", "sub_event_type"]);
    let sources = row
        .list("source")
        .into_iter()
        .map(|publisher| Source {
            publisher: Some(publisher),
            ..Source::default()
        })
        .collect();
    let mut extra: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for (column, value) in &row.cells {
        let value = value.trim();
        if value.is_empty() || MAPPED.contains(column) {
            continue;
        }
        let json = match (*column, value.parse::<i64>()) {
            ("fatalities", Ok(n)) => serde_json::Value::from(n),
            _ => serde_json::Value::from(value),
        };
        extra.insert(column.to_string(), json);
    }
    let front = Front {
        title,
        date,
        actors,
        tags,
        sources,
        location: row.location("location"),
        extra,
        ..Front::default()
    };
    Ok(Draft {
        origin,
        slug: row.get("event_id_cnty").map(String::from),
        front,
        body: row.get("notes").unwrap_or_default().to_string(),
        assets: Vec::new(),
    })
}

/// ACLED's actor types, old (1–8) or new (words), as annals' kinds.
fn kind(inter: &str) -> Option<&'static str> {
    let lower = inter.trim().to_ascii_lowercase();
    Some(match lower.as_str() {
        "1" => "state",
        "2" | "3" | "4" => "organisation",
        "5" | "6" | "7" | "8" => "other",
        s if s.starts_with("state forces") => "state",
        s if s.starts_with("rebel") || s.contains("militia") => "organisation",
        s if s.starts_with("protest")
            || s.starts_with("riot")
            || s.starts_with("civilian")
            || s.starts_with("external") =>
        {
            "other"
        }
        _ => return None,
    })
}

/// `2020-05-09`, `09 May 2020`, `9 May 2020`, `9-May-20` (century from
/// `year`) as `YYYY-MM-DD`.
fn date(written: &str, year: Option<&str>) -> Option<String> {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(written, "%Y-%m-%d") {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(written, "%d %B %Y") {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let parts: Vec<&str> = written.split(['-', ' ', '/']).collect();
    let [day, month, yy] = parts.as_slice() else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    let month = chrono::Month::try_from((1..=12u8).find(|m| {
        chrono::Month::try_from(*m)
            .map(|n| n.name()[..3].eq_ignore_ascii_case(month.get(..3).unwrap_or("")))
            .unwrap_or(false)
    })?)
    .ok()?;
    let full: i32 = match (yy.len(), year.and_then(|y| y.parse::<i32>().ok())) {
        (4, _) => yy.parse().ok()?,
        (2, Some(y)) if y.rem_euclid(100) == yy.parse::<i32>().ok()? => y,
        _ => return None,
    };
    let d = chrono::NaiveDate::from_ymd_opt(full, month.number_from_month(), day)?;
    Some(d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_writes_dates_three_ways() {
        assert_eq!(date("2020-05-09", None).as_deref(), Some("2020-05-09"));
        assert_eq!(date("09 May 2020", None).as_deref(), Some("2020-05-09"));
        assert_eq!(
            date("9-May-20", Some("2020")).as_deref(),
            Some("2020-05-09")
        );
        assert_eq!(
            date("9-May-97", Some("1997")).as_deref(),
            Some("1997-05-09")
        );
        assert_eq!(
            date("9-May-20", Some("1920")).as_deref(),
            Some("1920-05-09")
        );
        assert_eq!(date("9-May-20", None), None, "no century without `year`");
        assert_eq!(
            date("9-May-20", Some("2021")),
            None,
            "a year that disagrees"
        );
        assert_eq!(date("31-Feb-20", Some("2020")), None);
    }

    #[test]
    fn actor_types_old_and_new() {
        assert_eq!(kind("1"), Some("state"));
        assert_eq!(kind("State forces"), Some("state"));
        assert_eq!(kind("Identity militia"), Some("organisation"));
        assert_eq!(kind("6"), Some("other"));
        assert_eq!(kind("Protesters"), Some("other"));
        assert_eq!(kind(""), None);
    }
}
