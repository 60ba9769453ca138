//! Agreement with the published test suites of other EDTF implementations
//! (SPEC §4, issue 13): every date string their tests name is valid in
//! annals exactly when it is in annals' subset — levels 0 and 1 in full,
//! every level-2 form refused (the unspecified year digits SPEC §4 adds,
//! `1XXX` and `-01XX`, are level 1 in python-edtf's grammar and come in
//! that way) — unless [`EXCEPTIONS`] says why annals differs; where a suite
//! gives bounds or an order, annals' agree.
//!
//! Sources. Only the date strings (and the bounds and orders the tests
//! assert) are copied: they are the forms the EDTF specification defines,
//! facts rather than the suites' expression, and no code of theirs is here.
//! * python-edtf (MIT), <https://github.com/ixc/python-edtf>,
//!   `edtf/parser/tests.py` at 603859e921fe7775c7702adc2819e9115d480426:
//!   `EXAMPLES` (levels as its comments give them; its strict bounds),
//!   `APPROXIMATE_UNCERTAIN_EXAMPLES`, `BAD_EXAMPLES`.
//! * edtf.js (BSD-2-Clause), <https://github.com/inukshuk/edtf.js>,
//!   `test/parser.js` (levels as its `describe` blocks give them; its
//!   default options), `test/date.js` (`max`, comparisons),
//!   `test/interval.js` (`min`, `max`), `test/edtf.js` (round trips) at
//!   811a00dc7d0499018545de055639e18f9f3b4601.
//! * The Library of Congress's EDTF specification page,
//!   <https://www.loc.gov/standards/datetime/> (4 February 2019): its level
//!   0 and 1 examples (`LOC` in `oracle.rs`) and its letter-prefixed years.
//!   Its level-2 examples are python-edtf's level-2 block.

use super::oracle::{local_days, LOC};
use super::suite_cases::{Says, EDTF_JS, L0, L1, PYTHON_EDTF};
use super::*;
use std::cmp::Ordering;

/// annals' subset of SPEC §4, before exceptions.
fn rule(says: Says) -> bool {
    matches!(says, L0 | L1)
}

/// Where annals answers otherwise than [`rule`] says for a suite's verdict:
/// `(text, annals accepts it, why)`. Some are where the suites disagree and
/// annals takes one side.
const EXCEPTIONS: &[(&str, bool, &str)] = &[
    (
        "2016-05-02T24:00:00",
        false,
        "ISO 8601-1:2019 dropped 24:00 for the end of a day; it is 00:00 of the next day, and edtf-core refuses it too",
    ),
    (
        "2016-05-02T16:54:59.042",
        false,
        "fractional seconds: python-edtf and the LoC's examples have none, and a timeline has no use for them (SPEC §4)",
    ),
    ("2016-05-02T16:54:59.04200000", false, "fractional seconds, as above"),
    ("2016-05-02T16:54:59.4", false, "fractional seconds, as above"),
    ("2016-05-02T16:54:59.42", false, "fractional seconds, as above"),
    ("2016-05-02T16:54:59.042123", false, "fractional seconds, as above"),
    ("2016-05-02T16:54:59.042Z", false, "fractional seconds, as above"),
    ("2025-10-14T12:00:00.000Z", false, "fractional seconds, as above"),
    (
        "2016-05-02T16:54:59+0230",
        false,
        "an offset without its colon is ISO 8601's basic format, which the LoC page excludes and python-edtf refuses",
    ),
    ("2016-05-02T16:54:59+0000", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59+1400", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59+1330", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59+1200", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59+0410", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59-0015", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59-1159", false, "basic-format offset, as above"),
    ("2016-05-02T16:54:59-1200", false, "basic-format offset, as above"),
    (
        "19",
        false,
        "a two-digit century is ISO 8601's reduced precision; EDTF level 0 writes four-digit years only (LoC), python-edtf refuses it, and 19XX says it",
    ),
    ("00", false, "a two-digit century, as above"),
    ("-04", false, "a two-digit century, as above"),
    (
        "/",
        false,
        "SPEC §4: an interval with no known end cannot be placed on a timeline",
    ),
    ("../..", false, "no known end, as above"),
    (
        "XXXX-XX",
        false,
        "an unknown month of an unknown year says no more than XXXX, which annals writes instead; python-edtf has it at level 2",
    ),
    ("XXXX-XX-XX", false, "as XXXX-XX"),
    (
        "2012-21/2012-22",
        true,
        "SPEC §4: seasons may end intervals, as python-edtf's level-1 intervals allow (edtf.js asks for an option)",
    ),
    (
        "2004-06-XX/2004-07-03",
        true,
        "SPEC §4: interval ends may have unspecified digits (level 1's), which both suites file under level 2",
    ),
];

fn accepted(s: &str) -> bool {
    EventDate::parse(s, Tz::UTC).is_ok()
}

fn expected(text: &str, says: Says) -> bool {
    EXCEPTIONS
        .iter()
        .find(|(t, _, _)| *t == text)
        .map_or(rule(says), |&(_, ours, _)| ours)
}

/// Every case of every suite, with its source.
fn cases() -> Vec<(&'static str, Says, &'static str)> {
    let mut all: Vec<_> = PYTHON_EDTF
        .iter()
        .map(|&(t, s, _, _)| (t, s, "python-edtf"))
        .collect();
    all.extend(EDTF_JS.iter().map(|&(t, s)| (t, s, "edtf.js")));
    all.extend(LOC.iter().map(|&t| (t, L1, "LoC")));
    all.extend(["Y170000002", "Y-170000002"].map(|t| (t, L1, "LoC")));
    all
}

#[test]
fn validity_agrees_with_the_suites() {
    let mut wrong = Vec::new();
    for (text, says, source) in cases() {
        let want = expected(text, says);
        if accepted(text) != want {
            wrong.push(format!(
                "{source} says {says:?} of {text:?}: annals should {}",
                if want { "accept it" } else { "refuse it" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_exception_departs_from_a_suite() {
    let all = cases();
    for &(text, ours, why) in EXCEPTIONS {
        assert!(!why.is_empty());
        assert!(
            all.iter()
                .any(|&(t, says, _)| t == text && rule(says) != ours),
            "{text:?} is listed as an exception but no suite's verdict differs"
        );
    }
}

/// A day as the suites write it, for comparison: `(year, month, day)`.
fn day(s: &str) -> (i64, u8, u8) {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, s),
    };
    let mut parts = rest.split('-').map(|p| p.parse::<i64>().unwrap());
    let (y, m, d) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    (sign * y, m as u8, d as u8)
}

/// annals' first and last day of a date, as the suites write them (the
/// local date of a date-time); `-inf`/`inf` for open ends, `None` for an
/// unknown end, which annals does not guess.
fn our_bounds(d: &EventDate) -> (Option<String>, Option<String>) {
    let side = |b: &Bound, first: bool, open: &str| match b {
        Bound::Open => Some(open.to_string()),
        Bound::Unknown => None,
        Bound::Point(p) => {
            let (lo, hi) = local_days(p);
            Some(if first { lo } else { hi })
        }
    };
    match d {
        EventDate::Point(p) => {
            let (lo, hi) = local_days(p);
            (Some(lo), Some(hi))
        }
        EventDate::Interval { start, end } => (side(start, true, "-inf"), side(end, false, "inf")),
    }
}

/// Where a suite's bounds are not annals', and why.
const BOUND_EXCEPTIONS: &[(&str, &str)] = &[(
    "2010-24",
    "SPEC §4: winter runs from 1 December to the end of the next February (python-edtf ends it on 31 December)",
)];

#[test]
fn bounds_agree_with_python_edtf_and_edtf_js() {
    let edtf_js: &[(&str, &str, &str)] = &[
        // test/date.js `max`, test/interval.js `min` and `max`
        ("2016", "", "2016-12-31"),
        ("2016-02", "", "2016-02-29"),
        ("2017-02", "", "2017-02-28"),
        ("2016-08", "", "2016-08-31"),
        ("2016-02-01", "", "2016-02-01"),
        ("2016-01-XX", "", "2016-01-31"),
        ("2016-02-XX", "", "2016-02-29"),
        ("2017-02-XX", "", "2017-02-28"),
        ("2016-09-XX", "", "2016-09-30"),
        ("2016-XX", "", "2016-12-31"),
        ("20XX", "", "2099-12-31"),
        ("201X", "", "2019-12-31"),
        ("XXXX", "", "9999-12-31"),
        ("2001/2003", "2001-01-01", "2003-12-31"),
    ];
    let python = PYTHON_EDTF.iter().map(|&(t, _, lo, hi)| (t, lo, hi));
    let mut checked = 0;
    for (text, lo, hi) in python.chain(edtf_js.iter().copied()) {
        if lo.is_empty() && hi.is_empty() || !accepted(text) {
            continue;
        }
        let (ours_lo, ours_hi) = our_bounds(&parse(text));
        for (theirs, ours) in [(lo, ours_lo), (hi, ours_hi)] {
            let Some(ours) = ours.filter(|_| !theirs.is_empty()) else {
                continue;
            };
            if theirs != ours && !BOUND_EXCEPTIONS.iter().any(|(t, _)| *t == text) {
                panic!("{text}: a suite says {theirs}, annals {ours}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} bounds compared");
    // and the exception is one
    let (_, hi) = our_bounds(&parse("2010-24"));
    assert_eq!(hi.as_deref(), Some("2011-02-28"));
}

/// python-edtf orders dates by their strict lower bound; annals by the
/// earliest moment of the start (SPEC §4), the same day for every date with
/// a known start: wherever two lower bounds differ, the order agrees.
#[test]
fn order_agrees_where_the_suites_give_one() {
    let known: Vec<(&str, (i64, u8, u8))> = PYTHON_EDTF
        .iter()
        .filter(|&&(t, _, lo, _)| !lo.is_empty() && lo != "-inf" && accepted(t))
        .filter(|&&(t, ..)| parse(t).earliest_utc().is_some())
        .map(|&(t, _, lo, _)| (t, day(lo)))
        .collect();
    assert!(known.len() > 50, "{}", known.len());
    for (a, da) in &known {
        for (b, db) in &known {
            if da == db {
                continue;
            }
            let ours = parse(a).sort_key().start_cmp(&parse(b).sort_key());
            assert_eq!(ours, da.cmp(db), "{a} and {b}");
        }
    }
    // edtf.js (test/date.js): below, above, compare
    let before = |a: &str, b: &str| parse(a).sort_key().cmp(&parse(b).sort_key());
    assert_eq!(before("1980", "1980-08"), Ordering::Less);
    assert_eq!(before("198X", "196X"), Ordering::Greater);
    assert_eq!(before("2001", "2002"), Ordering::Less);
    assert_eq!(before("2001", "2001"), Ordering::Equal);
    // python-edtf's test_comparisons: equal, and not equal to a later day
    assert_eq!(before("1979-08~", "1979-08~"), Ordering::Equal);
    assert_eq!(before("1979-08~", "1979-09-16"), Ordering::Less);
    assert_eq!(before("1979-08-16", "1979-09-16"), Ordering::Less);
}
