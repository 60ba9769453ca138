//! The chronological order of SPEC §4.

use std::cmp::Ordering;

use super::Moment;

use super::{Bound, DateError, DatePoint, EventDate, Precision};

/// Sort key of an [`EventDate`]; compare with `Ord`. Fields, in order:
///
/// 1. the earliest UTC moment the start can denote (date-only values count
///    as UTC midnight; qualifiers are ignored; unspecified digits count from
///    the start of their span). An interval with an open or unknown start
///    (`../2023-07-14`, `/2023-07-14`) has no earliest moment: it sorts by its end's
///    earliest moment, and before anything else at that moment (it began
///    earlier);
/// 2. the precision of the start (of the end for an open start), coarser
///    first: `2023` < `2023-01` < `2023-01-01` < `2023-01-01T00:00Z`;
/// 3. the end: the latest moment the whole date denotes (a point's own span,
///    an open or unknown end last), so shorter spans come first.
///
/// SPEC §4 puts the event's weight between 2 and 3: compare with
/// [`SortKey::start_cmp`], then weight, then [`SortKey::end_cmp`], then slug.
/// (`Ord` alone is `start_cmp` then `end_cmp`.) Everything is computed from
/// the text and the site's zone only, so the order is the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SortKey {
    start: Moment,
    /// `false` for an open start, so that it sorts first.
    dated_start: bool,
    precision: Precision,
    end: EndKey,
}

/// The end of a date; `Open` (an open end) sorts after every moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum EndKey {
    At(Moment),
    Open,
}

impl SortKey {
    /// Compares the start: moment, open start first, then precision.
    pub(crate) fn start_cmp(&self, other: &SortKey) -> Ordering {
        (self.start, self.dated_start, self.precision).cmp(&(
            other.start,
            other.dated_start,
            other.precision,
        ))
    }

    /// Compares the end: earlier end (shorter span) first, open end last.
    pub(crate) fn end_cmp(&self, other: &SortKey) -> Ordering {
        self.end.cmp(&other.end)
    }
}

impl EventDate {
    /// The chronological sort key; see [`SortKey`].
    pub(crate) fn sort_key(&self) -> SortKey {
        let (anchor, dated_start): (&DatePoint, bool) = match self {
            EventDate::Point(p) => (p, true),
            EventDate::Interval {
                start: Bound::Point(p),
                ..
            } => (p, true),
            EventDate::Interval {
                end: Bound::Point(p),
                ..
            } => (p, false),
            // Never built by the parser; keep a total, deterministic key.
            EventDate::Interval { .. } => {
                return SortKey {
                    start: Moment::MAX,
                    dated_start: false,
                    precision: Precision::Century,
                    end: EndKey::Open,
                };
            }
        };
        SortKey {
            start: anchor.earliest_utc(),
            dated_start,
            precision: anchor.precision(),
            end: match self.latest_utc() {
                Some(t) => EndKey::At(t),
                None => EndKey::Open,
            },
        }
    }
}

/// Error when `end` can only denote moments before `start` can begin.
pub(super) fn check_order(start: &DatePoint, end: &DatePoint) -> Result<(), DateError> {
    if end.latest_utc() < start.earliest_utc() {
        return Err(DateError::new(format!(
            "the interval `{}/{}` ends before it starts",
            start.iso(),
            end.iso()
        ))
        .hint("put the earlier date first"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    fn key(s: &str) -> SortKey {
        EventDate::parse(s, Tz::UTC).unwrap().sort_key()
    }

    fn key_in(s: &str, tz: Tz) -> SortKey {
        EventDate::parse(s, tz).unwrap().sort_key()
    }

    /// Asserts that the list is strictly increasing.
    fn ascending(items: &[&str]) {
        for w in items.windows(2) {
            assert!(
                key(w[0]) < key(w[1]),
                "{} should sort before {}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn chronological() {
        ascending(&[
            "-0043",
            "0000",
            "0001",
            "1985",
            "2022-12-31",
            "2023",
            "2024",
        ]);
        ascending(&[
            "2023-07-11T23:00Z",
            "2023-07-12",
            "2023-07-12T00:30Z",
            "2023-07-13",
        ]);
    }

    #[test]
    fn coarser_precision_first() {
        ascending(&[
            "20XX",
            "200X",
            "2000",
            "2000-01",
            "2000-01-01",
            "2000-01-01T00:00Z",
        ]);
        ascending(&["2000-01-01T00:00Z", "2000-01-01T00:00:00Z"]);
        // a month-only event before the dated events of that month
        ascending(&["2023-07", "2023-07-01", "2023-07-02"]);
        // date-only before timed events of the same day (same UTC instant)
        ascending(&["2023-07-12", "2023-07-12T00:00Z", "2023-07-12T09:00Z"]);
    }

    #[test]
    fn utc_comparison_with_offsets() {
        // 01:00+03:00 is 22:00 UTC the day before
        assert!(key("2023-07-12T01:00+03:00") < key("2023-07-11T23:00Z"));
        assert!(key("2023-07-12T01:00+03:00") < key("2023-07-12"));
        assert_eq!(
            key("2023-07-12T22:30:00+03:00"),
            key("2023-07-12T19:30:00Z")
        );
        // without an offset the zone applies
        let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
        assert_eq!(key_in("2023-07-12T22:30", kyiv), key("2023-07-12T19:30Z"));
    }

    #[test]
    fn qualifiers_never_move() {
        for s in ["2023-07-12", "2023-07", "2023"] {
            for q in ["?", "~", "%"] {
                assert_eq!(key(s), key(&format!("{s}{q}")));
            }
        }
    }

    #[test]
    fn unspecified_sorts_with_its_span() {
        assert_eq!(key("2023-07-XX"), key("2023-07"));
        assert_eq!(key("2023-XX"), key("2023"));
        assert_eq!(key("2023-XX-XX"), key("2023"));
        assert!(key("202X") < key("2020"));
        assert!(key("2019-12-31") < key("202X"));
    }

    #[test]
    fn end_breaks_ties_shorter_first() {
        ascending(&[
            "2023-07-10",
            "2023-07-10/2023-07-11",
            "2023-07-10/2023-07-14",
            "2023-07-10/2023-08",
            "2023-07-10/..",
        ]);
        ascending(&["2023/2023", "2023/2024", "2023/.."]);
        assert_eq!(key("2023/"), key("2023/.."));
    }

    #[test]
    fn weight_goes_between_start_and_end() {
        // the caller's order: start_cmp, weight, end_cmp, slug
        let order = |a: (&str, i64), b: (&str, i64)| {
            let (ka, kb) = (key(a.0), key(b.0));
            ka.start_cmp(&kb).then(a.1.cmp(&b.1)).then(ka.end_cmp(&kb))
        };
        let (long, short) = ("2023-07-10/2023-07-14", "2023-07-10");
        assert_eq!(order((short, 0), (long, 0)), Ordering::Less);
        assert_eq!(order((long, -1), (short, 0)), Ordering::Less);
        assert_eq!(order((short, 1), (long, 0)), Ordering::Greater);
        // weight never overrides time or precision
        assert_eq!(
            order(("2023-07-10", 100), ("2023-07-11", 0)),
            Ordering::Less
        );
        assert_eq!(
            order(("2023-07", 100), ("2023-07-01", -100)),
            Ordering::Less
        );
        assert_eq!(
            order(("../2023-07-14", 100), ("2023-07-14", 0)),
            Ordering::Less
        );
        // Ord is start_cmp then end_cmp
        assert_eq!(key(long).cmp(&key(short)), key(long).end_cmp(&key(short)));
        assert_eq!(key("2023").start_cmp(&key("2023/..")), Ordering::Equal);
    }

    #[test]
    fn open_start_sorts_by_its_end() {
        ascending(&[
            "2023-07-13",
            "../2023-07-14",
            "2023-07-14",
            "2023-07-14/2023-07-15",
        ]);
        assert_eq!(key("../2023-07-14"), key("/2023-07-14"));
        let d = EventDate::parse("../2023-07-14", Tz::UTC).unwrap();
        assert_eq!(d.earliest_utc(), None);
        assert_eq!(d.list_year(), Some(2023));
        assert_eq!(d.page_year(), None);
    }

    #[test]
    fn total_and_deterministic() {
        let items = [
            "2023",
            "2023-07",
            "2023-07-12",
            "2023-07-12T22:30Z",
            "../2023",
            "2023/..",
            "202X",
            "20XX",
            "2023-07-XX",
            "2023-07-12?",
            "-0043",
            "0000",
        ];
        let mut a: Vec<_> = items.iter().map(|s| (key(s), *s)).collect();
        let mut b = a.clone();
        b.reverse();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
