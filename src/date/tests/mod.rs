//! Tests of parsing, display and agreement with the `edtf-core` reference.

mod display;
mod languages;
mod level1;
mod level1_display;
mod long;
mod oracle;
mod parse;
mod properties;
mod suite_cases;
mod suites;

use super::*;
use chrono_tz::Tz;

/// Parses `s`; `A/B` with a time stands for `date: A` with `end: B`, the
/// only way to write a span between date-times.
pub(super) fn parse(s: &str) -> EventDate {
    parse_in(s, Tz::UTC)
}

pub(super) fn parse_in(s: &str, tz: Tz) -> EventDate {
    EventDate::from_iso(s, tz).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

pub(super) fn point(s: &str) -> DatePoint {
    match parse(s) {
        EventDate::Point(p) => p,
        other => panic!("{s} is not a point: {other:?}"),
    }
}

pub(super) fn error(s: &str) -> DateError {
    match EventDate::parse(s, Tz::UTC) {
        Ok(d) => panic!("{s} should be rejected, got {d:?}"),
        Err(e) => e,
    }
}

pub(super) fn dt(s: &str) -> Moment {
    Moment::from_chrono(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap())
}
