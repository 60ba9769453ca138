//! Spans of the calendar a chart counts events in: days, months, quarters,
//! years or runs of years, each written as the `from` and `to` of a filtered
//! view (SPEC §7), so that a segment or a bar links to the events it counts.

use crate::date::{year_iso, EventDate, Lang, Moment};
use chrono_tz::Tz;

/// How long a bucket is. Finer first; each divides the next but for runs of
/// years (1, 2, 5, 10, 20, 50, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Month,
    Quarter,
    Years(i64),
}

impl Unit {
    /// Every unit, finest first, up to runs of a trillion years.
    pub(super) fn all() -> impl Iterator<Item = Unit> {
        [Unit::Day, Unit::Month, Unit::Quarter].into_iter().chain(
            (0..13u32)
                .flat_map(|e| [1, 2, 5].map(|m| m * 10i64.pow(e)))
                .map(Unit::Years),
        )
    }

    /// The theme string that says what one segment of this unit counts.
    pub(super) fn per_key(self) -> &'static str {
        match self {
            Unit::Day => "chart_per_day",
            Unit::Month => "chart_per_month",
            Unit::Quarter => "chart_per_quarter",
            Unit::Years(1) => "chart_per_year",
            Unit::Years(_) => "chart_per_segment",
        }
    }

    /// The most buckets of one shade a density strip's segment joins when a
    /// segment each does not fit: a week of days, a year of months or
    /// quarters; runs of years are not joined.
    pub(super) fn most_joined(self) -> usize {
        match self {
            Unit::Day => 7,
            Unit::Month => 12,
            Unit::Quarter => 4,
            Unit::Years(_) => 1,
        }
    }

    /// How many buckets of this unit cover `(min, max)` (UTC seconds);
    /// `None` where the unit cannot be written (days and months of years
    /// beyond four digits).
    pub(super) fn count(self, (min, max): (i64, i64)) -> Option<i64> {
        let ((y0, m0, _), (y1, m1, _)) = (ymd(min), ymd(max));
        let calendar = (-9999..=9999).contains(&y0) && (-9999..=9999).contains(&y1);
        let months = |k: i64| {
            (y1 * 12 + i64::from(m1) - 1).div_euclid(k)
                - (y0 * 12 + i64::from(m0) - 1).div_euclid(k)
                + 1
        };
        match self {
            Unit::Day => calendar.then(|| max.div_euclid(86_400) - min.div_euclid(86_400) + 1),
            Unit::Month => calendar.then(|| months(1)),
            Unit::Quarter => calendar.then(|| months(3)),
            Unit::Years(k) => Some(y1.div_euclid(k) - y0.div_euclid(k) + 1),
        }
    }
}

fn ymd(seconds: i64) -> (i64, u8, u8) {
    Moment::from_seconds(seconds).ymd()
}

/// One span of the calendar: what a filtered view is given (`from`, `to`),
/// the UTC seconds it covers in the site's time zone, and how it is said.
#[derive(Debug, Clone)]
pub(super) struct Bucket {
    pub from: String,
    pub to: String,
    /// Its first second.
    pub start: i64,
    /// Its last second.
    pub end: i64,
    /// `July 2023`, `July – September 2023`, `2020 – 2024`.
    pub text: String,
}

/// The buckets of `unit` that cover `(min, max)`, in order; those the date
/// parser refuses are left out. Dates without an offset are read in `tz`, as
/// `annals list --from --to` and the search read them, so a bucket covers
/// what its link shows.
pub(super) fn grid(unit: Unit, (min, max): (i64, i64), tz: Tz, lang: &Lang) -> Vec<Bucket> {
    let ((y0, m0, _), _) = (ymd(min), ymd(max));
    let Some(n) = unit.count((min, max)) else {
        return Vec::new();
    };
    let month_text = |index: i64| {
        let (y, m) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        format!("{}-{m:02}", year_iso(y))
    };
    let first_month = y0 * 12 + i64::from(m0) - 1;
    (0..n)
        .filter_map(|k| {
            let (from, to) = match unit {
                Unit::Day => {
                    let day = Moment::from_seconds((min.div_euclid(86_400) + k) * 86_400);
                    let text = day.iso_day();
                    (text.clone(), text)
                }
                Unit::Month => {
                    let m = month_text(first_month + k);
                    (m.clone(), m)
                }
                Unit::Quarter => {
                    let q = first_month.div_euclid(3) * 3 + 3 * k;
                    (month_text(q), month_text(q + 2))
                }
                Unit::Years(step) => {
                    let y = y0.div_euclid(step) * step + step * k;
                    (year_iso(y), year_iso(y + step - 1))
                }
            };
            span(from, to, tz, lang)
        })
        .collect()
}

/// The bucket from the start of `from` to the end of `to` (EDTF dates read
/// in `tz`); `None` when either is not a date.
pub(super) fn span(from: String, to: String, tz: Tz, lang: &Lang) -> Option<Bucket> {
    let (a, b) = (
        EventDate::parse(&from, tz).ok()?,
        EventDate::parse(&to, tz).ok()?,
    );
    let (start, end) = (a.earliest_utc()?.seconds(), b.latest_utc()?.seconds());
    let text = if from == to {
        a.display(lang).text()
    } else {
        // One interval says "July – September 2023"; long years cannot end
        // an interval (SPEC §4), so theirs are said apart.
        match EventDate::parse(&format!("{from}/{to}"), tz) {
            Ok(span) => span.display(lang).text(),
            Err(_) => format!("{} – {}", a.display(lang).text(), b.display(lang).text()),
        }
    };
    Some(Bucket {
        from,
        to,
        start,
        end,
        text,
    })
}

/// The buckets an event's span overlaps, as a range of `grid`'s indexes: the
/// events a bucket's link shows (an open or unknown end reaches forever).
pub(super) fn overlapping(grid: &[Bucket], d: &EventDate) -> std::ops::Range<usize> {
    let lo = d
        .earliest_utc()
        .map_or(0, |e| grid.partition_point(|b| b.end < e.seconds()));
    let hi = d.latest_utc().map_or(grid.len(), |l| {
        grid.partition_point(|b| b.start <= l.seconds())
    });
    lo..hi.max(lo)
}

/// The bucket an event is counted in by where it begins (its known end for
/// `../2023-07`); `None` for an event with no known point.
pub(super) fn starting(grid: &[Bucket], d: &EventDate) -> Option<usize> {
    let at = d.earliest_utc().or_else(|| d.latest_utc())?.seconds();
    Some(grid.partition_point(|b| b.start <= at).saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang() -> Lang {
        Lang::new("en").expect("English")
    }

    fn at(date: &str) -> i64 {
        EventDate::parse(date, chrono_tz::UTC)
            .expect("a date")
            .earliest_utc()
            .expect("a start")
            .seconds()
    }

    #[test]
    fn buckets_are_written_as_filters_and_said_in_words() {
        let g = grid(
            Unit::Month,
            (at("2023-06-20"), at("2023-08-02")),
            chrono_tz::UTC,
            &lang(),
        );
        let got: Vec<(&str, &str, &str)> = g
            .iter()
            .map(|b| (b.from.as_str(), b.to.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2023-06", "2023-06", "June 2023"),
                ("2023-07", "2023-07", "July 2023"),
                ("2023-08", "2023-08", "August 2023")
            ]
        );
        let q = grid(
            Unit::Quarter,
            (at("2023-08-20"), at("2023-08-21")),
            chrono_tz::UTC,
            &lang(),
        );
        assert_eq!(
            (q[0].from.as_str(), q[0].to.as_str()),
            ("2023-07", "2023-09")
        );
        let y = grid(
            Unit::Years(10),
            (at("-0043"), at("-0030")),
            chrono_tz::UTC,
            &lang(),
        );
        assert_eq!(
            y.iter().map(|b| b.from.as_str()).collect::<Vec<_>>(),
            ["-0050", "-0040", "-0030"]
        );
        // Every second of the span is in exactly one bucket.
        for w in g.windows(2) {
            assert_eq!(w[0].end + 1, w[1].start);
        }
    }

    #[test]
    fn an_event_is_in_the_buckets_its_span_overlaps() {
        let g = grid(
            Unit::Month,
            (at("2023-01"), at("2023-12")),
            chrono_tz::UTC,
            &lang(),
        );
        let d = |s: &str| EventDate::parse(s, chrono_tz::UTC).expect("a date");
        assert_eq!(overlapping(&g, &d("2023-03-05")), 2..3);
        assert_eq!(overlapping(&g, &d("2023-03/2023-05")), 2..5);
        assert_eq!(overlapping(&g, &d("2023-11/..")), 10..12);
        assert_eq!(starting(&g, &d("2023-03/2023-05")), Some(2));
        assert_eq!(starting(&g, &d("../2023-05")), Some(4));
    }
}
