//! Agreement with `edtf-core`, the reference implementation: everything we
//! accept it accepts (modulo our two documented extensions), and our first
//! and last calendar days equal its bounds.

use super::*;
use edtf_core::{Bound as RefBound, Edtf};

/// Library of Congress EDTF level 0 and level 1 examples in our subset.
pub(super) const LOC: &[&str] = &[
    // level 0
    "1985-04-12",
    "1985-04",
    "1985",
    "1985-04-12T23:20:30",
    "1985-04-12T23:20:30Z",
    "1985-04-12T23:20:30-04",
    "1985-04-12T23:20:30+04:30",
    "1964/2008",
    "2004-06/2006-08",
    "2004-02-01/2005-02-08",
    "2004-02-01/2005-02",
    "2004-02-01/2005",
    "2005/2006-02",
    // level 1
    "1984?",
    "2004-06~",
    "2004-06-11%",
    "201X",
    "20XX",
    "2004-XX",
    "1985-04-XX",
    "1985-XX-XX",
    "1985-04-12/..",
    "../1985-04-12",
    "1985-04/..",
    "../1985-04",
    "1985/..",
    "../1985",
    "1985-04-12/",
    "1985-04/",
    "1985/",
    "/1985-04-12",
    "/1985-04",
    "/1985",
    "-1985",
    "1984~/2004-06",
    "1984/2004-06~",
    "1984~/2004~",
    "1984?/2004%",
    "1984-06?/2004-08?",
    "1984-06-02?/2004-08-08~",
    "1984-06-02?/..",
    "2001-21",
    "2001-24",
    "2003-22/2003-23",
    "2001-21?",
];

/// Further values we accept, including edge cases.
const MORE: &[&str] = &[
    "0000",
    "-0001",
    "-0044-02-29",
    "2024-02-29",
    "2000-02-29",
    "9999-12-31",
    "000X",
    "00XX",
    "99XX",
    "2023-07-12T22:30:00+14:00",
    "2023-07-12T22:30:00-12",
    "2023-07-12T00:00:00+05:30",
    "2023/2023-01",
    "2023-07/2023-07-01",
    "2023-07-12/2023-07-12",
    "202X/2023",
    "-0043/0014",
    // seasons and unspecified digits beyond level 1 (SPEC §4)
    "2001-22",
    "2001-23~",
    "2003-24",
    "2000-24%",
    "-0044-21",
    "2001-24/2002-02",
    "2001-21/..",
    "/2001-22",
    "1XXX",
    "0XXX",
    "XXXX",
    "XXXX/2023",
    "2023/XXXX",
    "16XX/..",
    "2023-07/",
    "/2023-07-14",
    "2023-07~/",
    // long years (edtf-core bounds them from 1 January to 31 December)
    "Y10000",
    "Y-10000",
    "Y170000002",
    "Y-170000002",
    "Y-13800000000",
    "Y99999999999",
];

/// What edtf-core should accept for one point we accept: the same text, or,
/// for our `hh:mm` extension, the text with `:00` seconds.
fn reference_text(side: &str) -> String {
    match side.split_once('T') {
        Some((d, t)) if t.len() >= 5 && t.as_bytes().get(5) != Some(&b':') => {
            format!("{d}T{}:00{}", &t[..5], &t[5..])
        }
        _ => side.to_string(),
    }
}

fn parse_ref(s: &str) -> Edtf {
    Edtf::parse(s).unwrap_or_else(|e| panic!("edtf-core rejects {s:?}: {e:?}"))
}

/// The calendar day edtf-core reports, as a string like ours.
fn day(b: RefBound) -> Option<String> {
    match b {
        RefBound::Date(d) => Some(d.to_string()),
        _ => None,
    }
}

/// A day as edtf-core writes it: `2023-07-12`, `-0043-03-15`,
/// `-13800000000-01-01`, `170000002-12-31`.
fn our_day(t: Moment) -> String {
    let (y, m, d) = t.ymd();
    if y < 0 {
        format!("-{:04}-{m:02}-{d:02}", y.unsigned_abs())
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// Earliest and latest calendar day of a point as written (edtf-core bounds
/// a date-time by its local date, not by UTC).
pub(super) fn local_days(p: &DatePoint) -> (String, String) {
    let shift = i64::from(p.time.map_or(0, |t| t.offset));
    let local = |t: Moment| our_day(t.plus(shift).unwrap_or(t));
    (local(p.earliest_utc()), local(p.latest_utc()))
}

/// Checks acceptance and bounds of one accepted text against edtf-core.
fn agree(s: &str) {
    let ours = parse(s);
    // Unspecified digits in negative years (`-01XX`) are the level-2 piece
    // SPEC §4 adds; edtf-core refuses them ("negative years cannot contain
    // unspecified digits"), so there is nothing to compare with.
    if s.split('/')
        .any(|side| side.starts_with('-') && side.contains('X'))
    {
        return;
    }
    match ours {
        EventDate::Point(p) => {
            let r = parse_ref(&reference_text(s)).bounds();
            let (lo, hi) = local_days(&p);
            assert_eq!(day(r.earliest), Some(lo), "earliest of {s}");
            assert_eq!(day(r.latest), Some(hi), "latest of {s}");
        }
        EventDate::Interval { start, end } => {
            // Interval ends are dates (SPEC §4), never date-times.
            let r = Some(parse_ref(s).bounds());
            if let (Some(r), Bound::Point(p)) = (r, start) {
                assert_eq!(day(r.earliest), Some(local_days(&p).0), "start of {s}");
            }
            if let (Some(r), Bound::Point(p)) = (r, end) {
                assert_eq!(day(r.latest), Some(local_days(&p).1), "end of {s}");
            }
            // `..` is open in both, an empty side unknown in both.
            if let Some(r) = r {
                match start {
                    Bound::Open => assert_eq!(r.earliest, RefBound::NegativeInfinity, "{s}"),
                    Bound::Unknown => assert_eq!(r.earliest, RefBound::Unknown, "{s}"),
                    Bound::Point(_) => {}
                }
                match end {
                    Bound::Open => assert_eq!(r.latest, RefBound::PositiveInfinity, "{s}"),
                    Bound::Unknown => assert_eq!(r.latest, RefBound::Unknown, "{s}"),
                    Bound::Point(_) => {}
                }
            }
        }
    }
}

#[test]
fn loc_examples_agree() {
    for s in LOC.iter().chain(MORE) {
        agree(s);
    }
}

#[test]
fn our_extensions_agree_after_adding_seconds() {
    for s in [
        "2023-07-12T22:30",
        "2023-07-12T22:30Z",
        "2023-07-12T22:30+03:00",
        "1985-04-12T23:20-04",
    ] {
        agree(s);
    }
}

/// Where we and edtf-core part, on purpose: it accepts these, we do not.
#[test]
fn documented_disagreements() {
    for (s, why) in [
        // level 2 sub-year groupings (quarters, halves…): SPEC §4 takes only
        // the level-1 seasons
        ("2001-25", "other than seasons"),
        ("2001-41", "other than seasons"),
        // SPEC §4 bounds offsets to the zones in use, -12:00 to +14:00
        ("2023-07-12T22:30:00-14", "at least -12:00"),
        // long years qualified or as interval ends: python-edtf and edtf.js
        // refuse them (their grammars take `Y` years alone), and SPEC §4
        // follows the published suites where they agree; a long span is
        // `date` and `end`
        ("Y170000002?", "cannot be uncertain or approximate"),
        ("Y170000002~", "cannot be uncertain or approximate"),
        ("Y-170000002/Y-160000000", "not long years"),
        ("Y-13800000000/..", "not long years"),
        ("Y-10000/2023", "not long years"),
        ("Y10000/", "not long years"),
        // level 2 forms of long years
        ("Y17E7", "exponential years (EDTF level 2)"),
        ("Y171010000S3", "significant digits (EDTF level 2)"),
        // beyond eleven digits: out of the range annals orders exactly
        ("Y100000000000", "out of range"),
    ] {
        assert!(Edtf::parse(s).is_ok(), "edtf-core rejects {s}");
        assert!(error(s).message.contains(why), "{s}");
    }
    // and the other way: unspecified digits in negative years are the piece
    // of level 2 SPEC §4 adds; edtf-core has no such years
    for s in ["-01XX", "-001X", "-1XXX"] {
        assert!(Edtf::parse(s).is_err(), "edtf-core accepts {s}");
        parse(s);
    }
}

/// edtf-validate's published invalid examples (its `test_valid_edtf.py`) in
/// the forms we take: we reject them too.
#[test]
fn edtf_validate_invalid_examples_are_ours() {
    for s in [
        "2012-10-10T10:10:1",
        "2012-10-10T1:10:10",
        "2012-10-10T10:1:10",
        "2012-10-10t10:10:10",
        "2012-10-10T10:10:10Z10",
        "1960-06-31",
        "2012/2011",
    ] {
        error(s);
    }
}

/// Things edtf-core rejects, we reject too.
#[test]
fn reference_rejections_are_ours() {
    for s in [
        "2023-02-29",
        "1900-02-29",
        "-0043-02-29",
        "1985-13",
        "1985-04-31",
        "-0000",
        "2024/2023-12-31",
        "../..",
        "2023-07-12T24:00:00",
        "2023-07-12T22:30:00-00",
        "2023-07-12T22:30:00+15:00",
        "2023-07-12T22:30:00?",
        "1985-02-3X",
        "2023-07-12T22:30:00/2023-07-13",
        "Y2006",
        "/",
        "-XXXX",
        "2001-21-03",
    ] {
        assert!(Edtf::parse(s).is_err(), "edtf-core accepts {s}");
        error(s);
    }
}

/// Random date-like strings: whatever we accept, edtf-core accepts, with the
/// same bounds.
#[test]
fn random_strings_agree() {
    let pieces = [
        "19", "20", "23", "0", "1", "2", "3", "9", "X", "XX", "-", "/", "..", "T", ":", "?", "~",
        "%", "Z", "+", "02", "12", "29", "30", "31", "21", "24", "XXX",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut accepted = 0;
    for _ in 0..200_000 {
        let n = 1 + (next() % 9) as usize;
        let s: String = (0..n)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect();
        if EventDate::parse(&s, Tz::UTC).is_ok() {
            accepted += 1;
            agree(&s);
        }
    }
    assert!(accepted > 100, "only {accepted} accepted");
}
