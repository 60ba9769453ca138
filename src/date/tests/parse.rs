use super::*;

#[test]
fn spec_table_examples() {
    let cases: &[(&str, Precision, &str)] = &[
        ("2023", Precision::Year, "2023"),
        ("-0043", Precision::Year, "-0043"),
        ("2023-07", Precision::Month, "2023-07"),
        ("2023-07-12", Precision::Day, "2023-07-12"),
        ("2023-07-12T22:30", Precision::Minute, "2023-07-12T22:30Z"),
        (
            "2023-07-12T22:30:00+03:00",
            Precision::Second,
            "2023-07-12T22:30:00+03:00",
        ),
        (
            "2023-07-12T22:30:00Z",
            Precision::Second,
            "2023-07-12T22:30:00Z",
        ),
        ("2023-07-12?", Precision::Day, "2023-07-12?"),
        ("2023-07~", Precision::Month, "2023-07~"),
        ("2023-07-12%", Precision::Day, "2023-07-12%"),
        ("2023-07-XX", Precision::Month, "2023-07-XX"),
        ("202X", Precision::Decade, "202X"),
        ("20XX", Precision::Century, "20XX"),
        ("2023-XX", Precision::Year, "2023-XX"),
        ("2023-XX-XX", Precision::Year, "2023-XX-XX"),
    ];
    for &(s, precision, iso) in cases {
        let p = point(s);
        assert_eq!(p.precision(), precision, "{s}");
        assert_eq!(p.iso(), iso, "{s}");
        // iso() round-trips
        assert_eq!(point(iso), p, "{s}");
    }
    for s in ["2023-07-10/2023-07-14", "2023-07/..", "../2023-07-14"] {
        assert_eq!(parse(s).iso(), s);
    }
}

#[test]
fn qualifiers_and_years() {
    assert_eq!(
        point("2023-07-12?").qualifiers(),
        Qualifiers {
            uncertain: true,
            approximate: false
        }
    );
    assert_eq!(
        point("2023-07~").qualifiers(),
        Qualifiers {
            uncertain: false,
            approximate: true
        }
    );
    assert_eq!(
        point("2023%").qualifiers(),
        Qualifiers {
            uncertain: true,
            approximate: true
        }
    );
    assert_eq!(point("2023").qualifiers(), Qualifiers::default());
    assert_eq!(point("-0043").year(), -43);
    assert_eq!(point("0000").year(), 0);
    assert_eq!(point("202X").year(), 2020);
    assert_eq!(point("20XX").year(), 2000);
    assert_eq!(parse("2023-07/..").list_year(), Some(2023));
    assert_eq!(parse("  2023-07-12 \n").iso(), "2023-07-12");
}

#[test]
fn spans_in_utc() {
    let p = point("2023-07-XX");
    assert_eq!(p.earliest_utc(), dt("2023-07-01 00:00:00"));
    assert_eq!(p.latest_utc(), dt("2023-07-31 23:59:59"));
    let p = point("202X");
    assert_eq!(p.earliest_utc(), dt("2020-01-01 00:00:00"));
    assert_eq!(p.latest_utc(), dt("2029-12-31 23:59:59"));
    let p = point("20XX");
    assert_eq!(p.latest_utc(), dt("2099-12-31 23:59:59"));
    assert_eq!(point("2024-02").latest_utc(), dt("2024-02-29 23:59:59"));
    assert_eq!(point("1900-02").latest_utc(), dt("1900-02-28 23:59:59"));
    assert_eq!(
        point("-0044-02").latest_utc().to_string(),
        "-0044-02-29 23:59:59"
    );
    let p = point("2023-07-12T22:30+03:00");
    assert_eq!(p.earliest_utc(), dt("2023-07-12 19:30:00"));
    assert_eq!(p.latest_utc(), dt("2023-07-12 19:30:59"));
    let p = point("1985-04-12T23:20:30-04");
    assert_eq!(p.earliest_utc(), dt("1985-04-13 03:20:30"));
    assert_eq!(p.latest_utc(), p.earliest_utc());
    assert_eq!(p.iso(), "1985-04-12T23:20:30-04:00");
    let d = parse("2023-07-10/2023-07-14");
    assert_eq!(d.earliest_utc(), Some(dt("2023-07-10 00:00:00")));
    assert_eq!(d.latest_utc(), Some(dt("2023-07-14 23:59:59")));
    assert_eq!(parse("2023/..").latest_utc(), None);
}

#[test]
fn zone_applies_without_offset() {
    let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
    let d = EventDate::parse("2023-07-12T22:30", kyiv).unwrap();
    assert_eq!(d.iso(), "2023-07-12T22:30+03:00");
    assert_eq!(d.earliest_utc(), Some(dt("2023-07-12 19:30:00")));
    // a written offset wins over the zone
    let d = EventDate::parse("2023-07-12T22:30Z", kyiv).unwrap();
    assert_eq!(d.earliest_utc(), Some(dt("2023-07-12 22:30:00")));
    // dates have no zone
    let d = EventDate::parse("2023-07-12", kyiv).unwrap();
    assert_eq!(d.earliest_utc(), Some(dt("2023-07-12 00:00:00")));
}

#[test]
fn dst_gap_and_ambiguity() {
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    // 02:30 does not exist on 26 March 2023: the offset before the gap (+1)
    // applies, which is 03:30 CEST.
    let d = EventDate::parse("2023-03-26T02:30", berlin).unwrap();
    assert_eq!(d.earliest_utc(), Some(dt("2023-03-26 01:30:00")));
    assert_eq!(d.iso(), "2023-03-26T02:30+01:00");
    // 02:30 happens twice on 29 October 2023: the earlier one (+2).
    let d = EventDate::parse("2023-10-29T02:30", berlin).unwrap();
    assert_eq!(d.earliest_utc(), Some(dt("2023-10-29 00:30:00")));
    let ny: Tz = "America/New_York".parse().unwrap();
    let d = EventDate::parse("2023-03-12T02:15", ny).unwrap();
    assert_eq!(d.earliest_utc(), Some(dt("2023-03-12 07:15:00")));
}

#[test]
fn from_year() {
    let d = EventDate::from_year(2023, Tz::UTC).unwrap();
    assert_eq!(d, parse("2023"));
    assert_eq!(EventDate::from_year(-43, Tz::UTC).unwrap(), parse("-0043"));
    assert_eq!(EventDate::from_year(0, Tz::UTC).unwrap().iso(), "0000");
    assert_eq!(
        EventDate::from_year(10000, Tz::UTC).unwrap().iso(),
        "Y10000"
    );
    assert!(EventDate::from_year(i64::MIN, Tz::UTC).is_err());
}

#[test]
fn with_end() {
    let d = parse("2023-07-10").with_end(parse("2023-07-14")).unwrap();
    assert_eq!(d, parse("2023-07-10/2023-07-14"));
    assert!(parse("2023-07-14").with_end(parse("2023-07-10")).is_err());
    assert!(parse("2023-07-10/2023-07-14")
        .with_end(parse("2023-08"))
        .is_err());
    assert!(parse("2023-07").with_end(parse("2023-08/2023-09")).is_err());
    // an end inside the start's span is fine (end.latest >= start.earliest)
    assert!(parse("2023-07").with_end(parse("2023-07-01")).is_ok());
}

#[test]
fn intervals() {
    let d = parse("2023-07/..");
    let EventDate::Interval {
        start: Bound::Point(p),
        end: Bound::Open,
    } = d
    else {
        panic!("{d:?}")
    };
    assert_eq!(p.precision(), Precision::Month);
    // unknown (empty side) and open (`..`) ends are different values
    assert_ne!(parse("2023/"), parse("2023/.."));
    assert_ne!(parse("/2023"), parse("../2023"));
    for s in ["2023/", "/2023", "2023/..", "../2023", "2001-21/", "/XXXX"] {
        assert_eq!(parse(s).iso(), s);
    }
    // end inside start's span, equal ends, time ends
    parse("2023/2023-01");
    parse("2023-07-12/2023-07-12");
    // date-times are joined with `end` (the test helper does that for `A/B`)
    parse("2023-07-12T22:30/2023-07-13T01:00");
    parse("2023-07-12T01:00+03:00/2023-07-11");
    let at = |s: &str| EventDate::parse(s, Tz::UTC).unwrap();
    let e = at("2023-07-12T10:00Z").with_end(at("2023-07-12T09:00Z"));
    assert!(e.unwrap_err().message.contains("ends before it starts"));
    // the offsets SPEC §4 allows, at both limits
    parse("2023-07-12T22:30+14:00");
    parse("2023-07-12T22:30-12:00");
}

#[test]
fn errors() {
    let cases: &[(&str, &str)] = &[
        ("", "empty"),
        ("   ", "empty"),
        ("2023-02-30", "February 2023 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2023-04-31", "April 2023 has 30 days"),
        ("2023-13", "month 13 does not exist"),
        ("2023-00", "month 00 does not exist"),
        ("2001-25", "other than seasons"),
        ("2001-41", "other than seasons"),
        ("2001-21-05", "a season cannot have a day"),
        ("2001-21T10:00", "a time needs a full date"),
        ("2023-07-12T25:00", "hour 25 does not exist"),
        ("2023-07-12T24:00", "hour 24"),
        ("2023-07-12T22:60", "minute 60"),
        ("2023-07-12T22:30:60", "second 60"),
        ("2023-07-12T22:30:00.5", "fractional"),
        ("2023-07-12T22:30+15:00", "at most"),
        ("2023-07-12T22:30-00:00", "negative zero"),
        ("2023-07-12T22:30?", "not to date-times"),
        ("2023-07-12T22", "hh:mm"),
        ("2023-07T22:30", "full date"),
        ("-1E5", "exponential years"),
        ("20230", "exactly four digits"),
        ("202", "four-digit year"),
        ("23-07-12", "four-digit year"),
        ("-0000", "1 BCE"),
        ("2023-X7", "two digits or XX"),
        ("1985-02-3X", "two digits or XX"),
        ("2023-XX-12", "unspecified month"),
        ("202X-07", "X digits"),
        ("2X23", "only the last digits"),
        ("XX23", "only the last digits"),
        ("-XXXX", "write XXXX for an unknown year"),
        ("1XXX-05", "X digits"),
        ("2023-7-12", "two digits"),
        ("2023-07-12-01", "too many"),
        ("2023?~", "more than one"),
        ("?2023", "only end"),
        ("2004-06~-11", "only end"),
        ("2023-07-14/2023-07-10", "ends before it starts"),
        ("2023/2022", "ends before it starts"),
        (
            "2023-07-12T10:00Z/2023-07-12T09:00Z",
            "an interval joins dates, not date-times",
        ),
        (
            "2023-07-12T22:30/2023-07-13",
            "write the start as `date: 2023-07-12T22:30` and the end as `end: 2023-07-13`",
        ),
        (
            "2023-07-12/2023-07-13T01:00",
            "(`2023-07-13T01:00` has a time)",
        ),
        ("2023-07-12T22:30-12:30", "-12:00"),
        ("2023-07-12T22:30-13", "-12:00"),
        ("2023-07-12T22:30-00", "negative zero"),
        ("Y2006", "write 2006"),
        ("Y-0043", "write -0043"),
        ("Y170000002?", "cannot be uncertain"),
        ("Y-13800000000/..", "not long years"),
        ("../..", "no date"),
        ("/", "no date"),
        ("..", "open end"),
        ("2023..", "not a date"),
        ("2023/2024/2025", "more than one"),
        ("2023/07/01", "write 2023-07-01"),
        ("12/07/2023", "year-month-day"),
        ("2023-07-00", "day 00 does not exist"),
        ("[2023, 2024]", "sets"),
        ("2023-07-12 22:30", "unexpected character"),
        ("2023–07", "unexpected character"),
        ("july 2023", "unexpected character"),
    ];
    for &(s, needle) in cases {
        let e = error(s);
        let all = format!("{} {}", e.message, e.hint.clone().unwrap_or_default());
        assert!(
            all.contains(needle),
            "{s:?}: {all:?} should mention {needle:?}"
        );
        assert_eq!(e.to_string(), e.message);
    }
    assert!(error("2023-07-12 22:30").hint.unwrap().contains("`T`"));
}

/// Never panics: random strings from a date-ish alphabet, and every prefix
/// and single-byte mutation of valid dates.
#[test]
fn never_panics() {
    let alphabet: Vec<char> = "0123456789-:/.TZX?~%+Y E\u{e9}\u{2013}".chars().collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let zones = [
        Tz::UTC,
        "Europe/Berlin".parse().unwrap(),
        "Asia/Kolkata".parse().unwrap(),
    ];
    for _ in 0..100_000 {
        let len = (next() % 30) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let tz = zones[(next() % 3) as usize];
        if let Ok(d) = EventDate::parse(&s, tz) {
            let _ = (
                d.sort_key(),
                d.display(&Lang::default()).html(),
                d.list_year(),
                d.page_year(),
            );
            assert_eq!(EventDate::parse(&d.iso(), tz).unwrap(), d, "{s}");
        }
    }
    for valid in [
        "2023-07-12T22:30:00+03:00/2024-02-29",
        "-0043-02-29?",
        "202X/20XX",
        "../2023-07-XX",
    ] {
        for i in 0..=valid.len() {
            let _ = EventDate::parse(&valid[..i], Tz::UTC);
            for c in &alphabet {
                let mut m = valid.to_string();
                if i < m.len() {
                    m.replace_range(i..=i, &c.to_string());
                    let _ = EventDate::parse(&m, Tz::UTC);
                }
            }
        }
    }
    for y in [i64::MIN, -10000, -9999, 9999, 10000, i64::MAX] {
        let _ = EventDate::from_year(y, Tz::UTC);
    }
    let _ = EventDate::parse("9999-12-31T23:59-12:00", Tz::UTC)
        .unwrap()
        .sort_key();
    let _ = EventDate::parse("-9999-01-01T00:00+14:00", Tz::UTC)
        .unwrap()
        .sort_key();
}

#[test]
fn from_iso_reads_back_spans_between_date_times() {
    let at = |s: &str| EventDate::parse(s, Tz::UTC).unwrap();
    let d = at("2023-07-12T22:30+03:00")
        .with_end(at("2023-07-13T01:00:00Z"))
        .unwrap();
    assert_eq!(d.iso(), "2023-07-12T22:30+03:00/2023-07-13T01:00:00Z");
    assert_eq!(EventDate::from_iso(&d.iso(), Tz::UTC), Ok(d));
    // what `date:` accepts, from_iso accepts alike
    for s in ["2023-07/", "2001-24", "../2023", "XXXX/2023"] {
        assert_eq!(
            EventDate::from_iso(s, Tz::UTC),
            EventDate::parse(s, Tz::UTC)
        );
    }
    let e = EventDate::from_iso("2023-07-12T10:00Z/2023-07-12T09:00Z", Tz::UTC);
    assert!(e.unwrap_err().message.contains("ends before it starts"));
}
