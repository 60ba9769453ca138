//! Event dates: the EDTF subset of SPEC §4 (levels 0 and 1, and unspecified
//! year digits beyond level 1).
//!
//! * [`EventDate::parse`] reads the text of a `date:` or `end:` key,
//!   [`EventDate::from_year`] the bare integer YAML hands over for `2023`
//!   (or `-13800000000`, a long year).
//! * [`EventDate::sort_key`] gives the chronological order of §4.
//! * [`EventDate::display`] renders the date in a site language.
//!
//! Accepted forms: `2023`, `-0043`, `2023-07`, `2023-07-12`,
//! `2023-07-12T22:30`, `2023-07-12T22:30:15`, each time optionally followed by
//! `Z`, `±HH` or `±HH:MM` (from `-12:00` to `+14:00`); seasons `2001-21`
//! (spring) to `2001-24` (winter, December to the next February); one
//! trailing qualifier `?` `~` `%` on a date (not on a date-time); unspecified
//! digits from the right of a year, `202X`, `20XX`, `1XXX`, `XXXX`, also in
//! negative years (`-01XX` is -0199 to -0100, the 2nd century BCE), and of
//! months and days, `2023-XX`, `2023-07-XX`, `2023-XX-XX`; intervals `A/B`
//! of dates with `..` for an open end; long years, `Y` and five to eleven
//! digits without a leading zero (`Y10000`, `Y170000002`, `Y-13800000000`).
//!
//! Long years are kept as plain integers at year precision: every point's
//! span is a pair of [`Moment`]s (i64 seconds since 1970, proleptic
//! Gregorian), exact for any year the parser takes, so they sort among all
//! other dates by the same key; chrono (±262,143 years) is only asked where
//! a calendar is needed and says `None` beyond it. What is accepted around
//! them follows python-edtf's grammar and edtf.js's, which agree:
//! * a long year stands alone: `Y170000002?` (qualified) and long years as
//!   interval ends (`Y-170000002/Y-160000000`, `Y-13800000000/..`,
//!   `Y-10000/2023`) are errors; the hint gives `date:` and `end:` keys,
//!   which [`EventDate::with_end`] joins into a span as it joins date-times
//!   (and [`EventDate::from_iso`] reads its text back). edtf-core, the
//!   oracle of the tests, accepts both; the published suites win;
//! * `Y2006`, `Y02006` (four digits or fewer), `Y012345` (leading zero),
//!   `Y-0043` are errors whose hint gives the right form; so are level 2's
//!   exponential years (`Y17E7`) and significant digits (`Y171010000S3`),
//!   and years of twelve digits or more (beyond the range annals orders
//!   exactly; edtf-core would take them).
//!
//! Choices beyond strict EDTF, all documented here:
//! * `T22:30` without seconds is accepted (SPEC §4 lists it); it has
//!   [`Precision::Minute`] and round-trips through [`DatePoint::iso`] as
//!   `T22:30±HH:MM`.
//! * Interval ends are dates: `2023-07-12T22:30/2023-07-13` is an error
//!   whose hint gives the two keys, `date: 2023-07-12T22:30` and
//!   `end: 2023-07-13` ([`EventDate::with_end`] joins date-times).
//! * An empty side (`2023-07/`, `/2023-07-14`) is an unknown end, a `..`
//!   side an open one ([`Bound::Unknown`], [`Bound::Open`]): they read
//!   differently (`July 2023 – ?`, `since July 2023`) and round-trip as
//!   written, but sort alike: an interval without a known start sorts by its
//!   end, one without a known end after the dates that have one.
//! * A season is [`Precision::Season`], between year and month: it is finer
//!   than a year and spans whole months, so the chart tells seasons apart by
//!   month. It has no month ([`DatePoint::month`] is `None`) and sorts on the
//!   first day of its span.
//! * `XXXX` is, as in EDTF and edtf-core, any year from 0000 to 9999: it has
//!   an earliest moment (1 January 0000) and sorts there, so it is accepted
//!   wherever unspecified digits are, alone or as an interval end. It reads
//!   "unknown year" and never takes "c.". `-XXXX` is an error.
//! * A time without an offset is resolved in the site's zone once, at parse
//!   time; [`DatePoint::iso`] then writes the resolved offset, so the value is
//!   self-contained. Ambiguous local times (clocks turned back) take the
//!   earlier instant; times in a gap (clocks turned forward) take the offset
//!   in force before the gap, i.e. they land after the gap.
//! * Long years read as `-0043` does (`44 BCE`: astronomical numbering):
//!   `Y-315000` is `315,001 BCE`, and from a million years before year 1 on,
//!   the same count in "years ago" to three significant digits
//!   (`13.8 billion years ago`), counted from year 1, never from the build's
//!   clock (`long.rs`). Years of five or more digits are grouped by
//!   thousands in the language's way, also `-9999` (`10,000 BCE`).
//! * Year pages ([`EventDate::page_year`]) are for years written with four
//!   digits: not for long years, `XXXX`, or an open or unknown start.
//! * Errors with a hint: offsets beyond -12:00 … +14:00 and `-00:00`,
//!   `Y2006` (`Y` is for five or more digits: write 2006), `20230` (five
//!   digits need the `Y`).
//! * Where annals answers otherwise than python-edtf or edtf.js on what is
//!   valid (fractional seconds, `T24:00:00`, basic-format offsets `+0230`,
//!   two-digit centuries, `/` and `../..`, `XXXX-XX`, season intervals,
//!   unspecified digits as interval ends), `tests/suites.rs` lists each case
//!   with the reason.
//! * Not supported, with an error saying so: sub-year groupings other than
//!   seasons (`2001-25`), level-2 forms (`2004-06~-11`, `?2004`, `2023-X7`,
//!   `202X-07`, exponential years, significant digits), sets, leap seconds,
//!   fractional seconds.

mod display;
mod languages;
mod long;
mod moment;
mod order;
mod parse;
#[cfg(test)]
mod tests;
mod years;

pub(crate) use display::{DateDisplay, Lang};
pub(crate) use moment::Moment;
pub(crate) use years::year_number;

/// How finely a point is given. Derived `Ord`: coarser < finer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Precision {
    /// `1XXX`, and `XXXX` (the whole span of four-digit years, coarser
    /// still, is given the coarsest precision there is).
    Millennium,
    Century,
    Decade,
    Year,
    /// A season (`2001-21`): finer than a year, coarser than a month, since
    /// it spans three months. The chart's axis tells seasons apart by month.
    Season,
    Month,
    Day,
    Minute,
    Second,
}

/// EDTF level-1 qualifiers of a whole point: `?` uncertain, `~` approximate,
/// `%` both. They never change the order of events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Qualifiers {
    pub uncertain: bool,
    pub approximate: bool,
}

impl Qualifiers {
    /// True when at least one qualifier is set.
    pub(crate) fn any(&self) -> bool {
        self.uncertain || self.approximate
    }

    /// The EDTF suffix: "", "?", "~" or "%".
    pub(crate) fn suffix(&self) -> &'static str {
        match (self.uncertain, self.approximate) {
            (false, false) => "",
            (true, false) => "?",
            (false, true) => "~",
            (true, true) => "%",
        }
    }
}

/// Which trailing parts were written as `X`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unspecified {
    None,
    /// `202X` (1), `20XX` (2), `1XXX` (3) or `XXXX` (4).
    YearDigits(u8),
    /// `2023-XX`.
    Month,
    /// `2023-XX-XX`.
    MonthDay,
    /// `2023-07-XX`.
    Day,
}

/// A time of day as written, with the offset that applies to it (written, or
/// resolved from the site's zone at parse time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TimeOfDay {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    /// `None` when seconds were not written.
    pub(crate) second: Option<u8>,
    /// Offset east of UTC, in seconds.
    pub(crate) offset: i32,
}

/// One point as written: an astronomical year (`0` = 1 BCE, may be
/// negative), optional month, day and time of day, qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct DatePoint {
    /// First year of the span (2020 for `202X`); a long year
    /// ([`DatePoint::is_long`]) has five to eleven digits.
    pub(crate) year: i64,
    pub(crate) month: Option<u8>,
    /// EDTF season code 21 (spring) to 24 (winter); never with a month.
    pub(crate) season: Option<u8>,
    pub(crate) day: Option<u8>,
    pub(crate) time: Option<TimeOfDay>,
    pub(crate) unspecified: Unspecified,
    pub(crate) qualifiers: Qualifiers,
    pub(crate) earliest: Moment,
    pub(crate) latest: Moment,
}

impl DatePoint {
    /// The precision the point was written at. Unspecified digits lower it:
    /// `202X` is a decade, `2023-XX` a year, `2023-07-XX` a month.
    pub(crate) fn precision(&self) -> Precision {
        match self.unspecified {
            Unspecified::YearDigits(3..) => return Precision::Millennium,
            Unspecified::YearDigits(2) => return Precision::Century,
            Unspecified::YearDigits(_) => return Precision::Decade,
            Unspecified::Month | Unspecified::MonthDay => return Precision::Year,
            Unspecified::Day => return Precision::Month,
            Unspecified::None => {}
        }
        if self.season.is_some() {
            return Precision::Season;
        }
        match (self.month, self.day, self.time) {
            (_, _, Some(t)) if t.second.is_some() => Precision::Second,
            (_, _, Some(_)) => Precision::Minute,
            (_, Some(_), None) => Precision::Day,
            (Some(_), None, None) => Precision::Month,
            (None, _, None) => Precision::Year,
        }
    }

    pub(crate) fn qualifiers(&self) -> Qualifiers {
        self.qualifiers
    }

    /// The first year of the point's span, as written (local date for
    /// date-times): 2020 for `202X`, -43 for `-0043`, -13800000000 for
    /// `Y-13800000000`.
    pub(crate) fn year(&self) -> i64 {
        self.year
    }

    /// Whether the point is a long year (`Y10000`, `Y-13800000000`): a year
    /// beyond four digits, always at year precision, without qualifiers.
    pub(crate) fn is_long(&self) -> bool {
        is_long_year(self.year)
    }

    /// The year of the point's `/years/<yyyy>/` page: its year when it is
    /// written with four digits, all known (`-0043`, `2023-07`); `None` for
    /// a long year and for `XXXX`. Other unspecified digits (`19XX`) keep
    /// the first year of their span.
    pub(crate) fn page_year(&self) -> Option<i32> {
        if self.unspecified == Unspecified::YearDigits(4) {
            return None;
        }
        i32::try_from(self.year)
            .ok()
            .filter(|y| (-9999..=9999).contains(y))
    }

    /// The month as written, when the point has one (`2023-07-XX` has July;
    /// a season has none).
    pub(crate) fn month(&self) -> Option<u8> {
        match self.unspecified {
            Unspecified::Month | Unspecified::MonthDay => None,
            _ => self.month,
        }
    }

    /// Normalised EDTF text with qualifiers: `2023`, `-0043`, `202X`,
    /// `2023-07-XX`, `2023-07-12?`, `2023-07-12T22:30:00+03:00`,
    /// `2023-07-12T22:30Z` (seconds only when written; the offset is always
    /// written, `Z` for zero).
    pub(crate) fn iso(&self) -> String {
        let mut s = self.iso_unqualified();
        s.push_str(self.qualifiers.suffix());
        s
    }

    /// EDTF text without qualifiers.
    pub(crate) fn iso_unqualified(&self) -> String {
        let mut s = year_iso(self.year);
        match self.unspecified {
            Unspecified::YearDigits(n) => {
                s.truncate(s.len() - usize::from(n));
                s.extend(std::iter::repeat_n('X', usize::from(n)));
            }
            Unspecified::Month => s.push_str("-XX"),
            Unspecified::MonthDay => s.push_str("-XX-XX"),
            Unspecified::Day | Unspecified::None => {}
        }
        if let Some(m) = self.month.or(self.season) {
            s.push_str(&format!("-{m:02}"));
        }
        if self.unspecified == Unspecified::Day {
            s.push_str("-XX");
        }
        if let Some(d) = self.day {
            s.push_str(&format!("-{d:02}"));
        }
        if let Some(t) = self.time {
            s.push_str(&format!("T{:02}:{:02}", t.hour, t.minute));
            if let Some(sec) = t.second {
                s.push_str(&format!(":{sec:02}"));
            }
            s.push_str(&offset_iso(t.offset));
        }
        s
    }

    /// Earliest moment the point can denote, in UTC (date-only values count
    /// as UTC midnight). Whole seconds.
    pub(crate) fn earliest_utc(&self) -> Moment {
        self.earliest
    }

    /// The same point without `?`, `~` or `%`, for summaries such as "from
    /// July 2023 to August 2023" where qualifiers would mislead.
    pub(crate) fn unqualified(&self) -> DatePoint {
        DatePoint {
            qualifiers: Qualifiers::default(),
            ..*self
        }
    }

    /// Last second the point can denote, in UTC: 23:59:59 of the last day of
    /// its span for dates, `hh:mm:59` for minute precision.
    pub(crate) fn latest_utc(&self) -> Moment {
        self.latest
    }
}

/// Whether an astronomical year needs EDTF's `Y` form: beyond four digits.
pub(crate) fn is_long_year(year: i64) -> bool {
    !(-9999..=9999).contains(&year)
}

/// A year in EDTF: `2023`, `0000`, `-0043`, and beyond four digits the
/// long-year form, `Y10000`, `Y-13800000000`.
pub(crate) fn year_iso(year: i64) -> String {
    if is_long_year(year) {
        format!("Y{year}")
    } else if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// `Z`, `+03:00`, `-04:30`.
pub(crate) fn offset_iso(offset: i32) -> String {
    if offset == 0 {
        return "Z".to_string();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Bound {
    /// `..`: the span goes on (an end), or reaches back beyond the record (a
    /// start).
    Open,
    /// An empty side (`2023/`, `/2023`): the span has an end (or start) the
    /// sources do not give.
    Unknown,
    Point(DatePoint),
}

impl Bound {
    /// The point, unless the bound is open or unknown.
    pub(crate) fn point(&self) -> Option<&DatePoint> {
        match self {
            Bound::Open | Bound::Unknown => None,
            Bound::Point(p) => Some(p),
        }
    }

    fn iso(&self) -> String {
        match self {
            Bound::Open => "..".to_string(),
            Bound::Unknown => String::new(),
            Bound::Point(p) => p.iso(),
        }
    }
}

/// The value of an event's `date` (and `end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum EventDate {
    Point(DatePoint),
    /// At least one side is a point; the end never precedes the start.
    Interval {
        start: Bound,
        end: Bound,
    },
}

/// A date that cannot be read, with an optional hint on how to fix it.
/// `Display` shows the message only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct DateError {
    pub message: String,
    pub hint: Option<String>,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl EventDate {
    /// Parses the EDTF subset described in the module documentation.
    /// Surrounding whitespace is ignored; `tz` applies to times written
    /// without an offset.
    pub(crate) fn parse(text: &str, tz: chrono_tz::Tz) -> Result<EventDate, DateError> {
        parse::parse_event_date(text, tz)
    }

    /// Reads back what [`EventDate::iso`] wrote: EDTF, and also `A/B` with
    /// times or long years, the text of a span joined from `date` and `end`
    /// (which `date:` itself refuses, SPEC §4).
    pub(crate) fn from_iso(text: &str, tz: chrono_tz::Tz) -> Result<EventDate, DateError> {
        match text.split_once('/').filter(|_| text.contains(['T', 'Y'])) {
            Some((a, b)) => EventDate::parse(a, tz)?.with_end(EventDate::parse(b, tz)?),
            None => EventDate::parse(text, tz),
        }
    }

    /// A bare YAML integer such as `2023`, `-43` or `-13800000000`: that
    /// year (a long year beyond four digits).
    pub(crate) fn from_year(year: i64, tz: chrono_tz::Tz) -> Result<EventDate, DateError> {
        EventDate::parse(&year_iso(year), tz)
    }

    /// A whole year, or a month of it (1–12): what list pages are grouped
    /// under. `year` is astronomical (`-43` is 44 BCE).
    pub(crate) fn year_month(year: i64, month: Option<u8>) -> Result<EventDate, DateError> {
        let mut iso = year_iso(year);
        if let Some(m) = month {
            iso.push_str(&format!("-{m:02}"));
        }
        EventDate::parse(&iso, chrono_tz::UTC)
    }

    /// Joins a `date` point with the point of a separate `end` key.
    pub(crate) fn with_end(self, end: EventDate) -> Result<EventDate, DateError> {
        let EventDate::Point(start) = self else {
            return Err(DateError::new(format!(
                "`end` cannot be combined with the interval `{}`",
                self.iso()
            ))
            .hint("write the whole span either in `date` or with `date` and `end`"));
        };
        let EventDate::Point(end) = end else {
            return Err(DateError::new(format!(
                "`end` must be a single date, not the interval `{}`",
                end.iso()
            )));
        };
        order::check_order(&start, &end)?;
        Ok(EventDate::Interval {
            start: Bound::Point(start),
            end: Bound::Point(end),
        })
    }

    /// The year list pages file the event under: the start's, or, for an
    /// open or unknown start, the end's; `None` for an unknown year
    /// (`XXXX`), which has no year to name.
    pub(crate) fn list_year(&self) -> Option<i64> {
        self.anchor()
            .filter(|p| p.unspecified != Unspecified::YearDigits(4))
            .map(DatePoint::year)
    }

    /// The `/years/<yyyy>/` page the event is on: its start's
    /// [`DatePoint::page_year`]; `None` for an open or unknown start, a long
    /// year or `XXXX`.
    pub(crate) fn page_year(&self) -> Option<i32> {
        match self {
            EventDate::Point(p)
            | EventDate::Interval {
                start: Bound::Point(p),
                ..
            } => p.page_year(),
            EventDate::Interval { .. } => None,
        }
    }

    /// The last point of the date: the end of an interval, or the point itself;
    /// `None` for an open or unknown end.
    pub(crate) fn end_point(&self) -> Option<&DatePoint> {
        match self {
            EventDate::Point(p) => Some(p),
            EventDate::Interval {
                end: Bound::Point(p),
                ..
            } => Some(p),
            EventDate::Interval { .. } => None,
        }
    }

    /// Whether the date spans an interval (as opposed to one point, however coarse).
    pub(crate) fn is_interval(&self) -> bool {
        matches!(self, EventDate::Interval { .. })
    }

    /// The point an event is filed under in year and month headings: the
    /// start, or the end for an open or unknown start.
    pub(crate) fn anchor(&self) -> Option<&DatePoint> {
        match self {
            EventDate::Point(p) => Some(p),
            EventDate::Interval { start, end } => start.point().or(end.point()),
        }
    }

    /// Normalised EDTF: `2023-07-12?`, `2023-07-10/2023-07-14`, `2023-07/..`,
    /// `2023-07/` (unknown end).
    pub(crate) fn iso(&self) -> String {
        match self {
            EventDate::Point(p) => p.iso(),
            EventDate::Interval { start, end } => format!("{}/{}", start.iso(), end.iso()),
        }
    }

    /// Earliest moment of the whole date (UTC); `None` for an open or unknown
    /// start.
    pub(crate) fn earliest_utc(&self) -> Option<Moment> {
        match self {
            EventDate::Point(p)
            | EventDate::Interval {
                start: Bound::Point(p),
                ..
            } => Some(p.earliest_utc()),
            EventDate::Interval { .. } => None,
        }
    }

    /// Latest moment of the whole date (UTC); `None` for an open or unknown
    /// end.
    pub(crate) fn latest_utc(&self) -> Option<Moment> {
        match self {
            EventDate::Point(p)
            | EventDate::Interval {
                end: Bound::Point(p),
                ..
            } => Some(p.latest_utc()),
            EventDate::Interval { .. } => None,
        }
    }

    /// The date rendered in `lang`, as parts for text or HTML.
    pub(crate) fn display(&self, lang: &Lang) -> DateDisplay {
        display::display(self, lang)
    }
}
