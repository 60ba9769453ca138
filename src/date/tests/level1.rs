//! Seasons and unspecified digits beyond level 1 (`1XXX`, `XXXX`, `-01XX`):
//! parse, precision, `iso()` round trip, span, order and display in every
//! language.

use super::*;

/// `(edtf, precision, iso, earliest, latest)`.
type Case = (
    &'static str,
    Precision,
    &'static str,
    &'static str,
    &'static str,
);

const POINTS: &[Case] = &[
    (
        "2001-21",
        Precision::Season,
        "2001-21",
        "2001-03-01 00:00:00",
        "2001-05-31 23:59:59",
    ),
    (
        "2001-22",
        Precision::Season,
        "2001-22",
        "2001-06-01 00:00:00",
        "2001-08-31 23:59:59",
    ),
    (
        "2001-23",
        Precision::Season,
        "2001-23",
        "2001-09-01 00:00:00",
        "2001-11-30 23:59:59",
    ),
    (
        "2001-24",
        Precision::Season,
        "2001-24",
        "2001-12-01 00:00:00",
        "2002-02-28 23:59:59",
    ),
    (
        "2003-24",
        Precision::Season,
        "2003-24",
        "2003-12-01 00:00:00",
        "2004-02-29 23:59:59",
    ),
    (
        "2001-21?",
        Precision::Season,
        "2001-21?",
        "2001-03-01 00:00:00",
        "2001-05-31 23:59:59",
    ),
    (
        "2001-24%",
        Precision::Season,
        "2001-24%",
        "2001-12-01 00:00:00",
        "2002-02-28 23:59:59",
    ),
    (
        "-0044-21",
        Precision::Season,
        "-0044-21",
        "-0044-03-01 00:00:00",
        "-0044-05-31 23:59:59",
    ),
    (
        "1XXX",
        Precision::Millennium,
        "1XXX",
        "1000-01-01 00:00:00",
        "1999-12-31 23:59:59",
    ),
    (
        "0XXX~",
        Precision::Millennium,
        "0XXX~",
        "0000-01-01 00:00:00",
        "0999-12-31 23:59:59",
    ),
    (
        "XXXX",
        Precision::Millennium,
        "XXXX",
        "0000-01-01 00:00:00",
        "9999-12-31 23:59:59",
    ),
    (
        "16XX",
        Precision::Century,
        "16XX",
        "1600-01-01 00:00:00",
        "1699-12-31 23:59:59",
    ),
    (
        "-01XX",
        Precision::Century,
        "-01XX",
        "-0199-01-01 00:00:00",
        "-0100-12-31 23:59:59",
    ),
    (
        "-00XX",
        Precision::Century,
        "-00XX",
        "-0099-01-01 00:00:00",
        "0000-12-31 23:59:59",
    ),
    (
        "-001X",
        Precision::Decade,
        "-001X",
        "-0019-01-01 00:00:00",
        "-0010-12-31 23:59:59",
    ),
    (
        "-000X?",
        Precision::Decade,
        "-000X?",
        "-0009-01-01 00:00:00",
        "0000-12-31 23:59:59",
    ),
    (
        "-1XXX",
        Precision::Millennium,
        "-1XXX",
        "-1999-01-01 00:00:00",
        "-1000-12-31 23:59:59",
    ),
];

fn day_time(s: &str) -> Moment {
    // `-0044-03-01 00:00:00`: chrono's `%Y` reads the sign.
    Moment::from_chrono(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap())
}

#[test]
fn points_parse_round_trip_and_span() {
    for &(s, precision, iso, earliest, latest) in POINTS {
        let p = point(s);
        assert_eq!(p.precision(), precision, "{s}");
        assert_eq!(p.iso(), iso, "{s}");
        assert_eq!(point(iso), p, "{s}");
        assert_eq!(p.earliest_utc(), day_time(earliest), "{s}");
        assert_eq!(p.latest_utc(), day_time(latest), "{s}");
        // a season has no month; every point here has a first year
        assert_eq!(p.month(), None, "{s}");
        assert_eq!(
            parse(s).list_year(),
            Some(day_time(earliest).ymd().0).filter(|_| !s.starts_with("XXXX")),
            "{s}"
        );
    }
}

#[test]
fn intervals_with_seasons_and_unspecified_ends() {
    for (s, earliest, latest) in [
        (
            "2003-22/2003-23",
            "2003-06-01 00:00:00",
            "2003-11-30 23:59:59",
        ),
        (
            "2001-21?/2001-24~",
            "2001-03-01 00:00:00",
            "2002-02-28 23:59:59",
        ),
        (
            "2001-24/2002-02",
            "2001-12-01 00:00:00",
            "2002-02-28 23:59:59",
        ),
        ("-01XX/16XX", "-0199-01-01 00:00:00", "1699-12-31 23:59:59"),
        ("XXXX/2023", "0000-01-01 00:00:00", "2023-12-31 23:59:59"),
        ("2001-21/..", "2001-03-01 00:00:00", ""),
    ] {
        let d = parse(s);
        assert_eq!(d.iso(), s);
        assert_eq!(parse(&d.iso()), d, "{s}");
        assert_eq!(d.earliest_utc(), Some(day_time(earliest)), "{s}");
        assert_eq!(
            d.latest_utc(),
            (!latest.is_empty()).then(|| day_time(latest)),
            "{s}"
        );
    }
    // the end must not begin before the start: spring cannot end in winter of the year before
    for s in [
        "2003-23/2003-22",
        "2002-21/2001-24",
        "17XX/16XX",
        "-001X/-01XX",
    ] {
        assert!(error(s).message.contains("ends before it starts"), "{s}");
    }
    // a winter overlapping the start of the next year is a valid end for it
    parse("2002-01/2001-24");
}

#[test]
fn order_is_the_start_of_the_span() {
    let key = |s: &str| parse(s).sort_key();
    // `2001-24` on 1 December 2001, after the month and before the day
    assert_eq!(
        key("2001-24").start_cmp(&key("2001-12")),
        std::cmp::Ordering::Less
    );
    let ascending = [
        "-1XXX",
        "-01XX",
        "-001X",
        "0XXX",
        "XXXX",
        "1XXX",
        "16XX",
        "1600",
        "2001",
        "2001-21",
        "2001-03",
        "2001-03-01",
        "2001-22",
        "2001-24",
        "2001-12",
        "2001-12-01",
        "2002",
    ];
    let mut sorted = ascending.to_vec();
    sorted.sort_by_key(|s| key(s));
    assert_eq!(sorted, ascending);
    assert_eq!(key("2001-21?"), key("2001-21"));
    // `XXXX` is 0000–9999 (as in edtf-core): it sorts at 1 January 0000,
    // after the shorter spans that start there too
    assert_eq!(
        key("XXXX").start_cmp(&key("0XXX")),
        std::cmp::Ordering::Equal
    );
}

#[test]
fn unknown_and_open_ends() {
    // `(edtf, [en, fr, de, es, ru, uk])`
    let cases: &[(&str, [&str; 6])] = &[
        (
            "2023-07/",
            [
                "July 2023 – ?",
                "juillet 2023 – ?",
                "Juli 2023 – ?",
                "julio de 2023 – ?",
                "июль 2023 г. – ?",
                "липень 2023 р. – ?",
            ],
        ),
        (
            "/2023-07-14",
            [
                "? – 14 July 2023",
                "? – 14 juillet 2023",
                "? – 14. Juli 2023",
                "? – 14 de julio de 2023",
                "? – 14 июля 2023 г.",
                "? – 14 липня 2023 р.",
            ],
        ),
        (
            "2023-07~/",
            [
                "c. July 2023 – ?",
                "vers juillet 2023 – ?",
                "ca. Juli 2023 – ?",
                "c. julio de 2023 – ?",
                "ок. июля 2023 г. – ?",
                "бл. липня 2023 р. – ?",
            ],
        ),
        (
            "2023-07/..",
            [
                "since July 2023",
                "à partir de juillet 2023",
                "ab Juli 2023",
                "desde julio de 2023",
                "с июля 2023 г.",
                "з липня 2023 р.",
            ],
        ),
        (
            "../2023-07-14",
            [
                "until 14 July 2023",
                "jusqu'au 14 juillet 2023",
                "bis 14. Juli 2023",
                "hasta el 14 de julio de 2023",
                "до 14 июля 2023 г.",
                "до 14 липня 2023 р.",
            ],
        ),
    ];
    for (s, expected) in cases {
        assert_eq!(parse(s).iso(), *s);
        for (code, want) in Lang::codes().iter().zip(expected) {
            let got = parse(s).display(&Lang::new(code).unwrap()).text();
            assert_eq!(got, *want, "{code}: {s}");
        }
    }
    // they sort alike: an unknown start by the end, an unknown end last
    let key = |s: &str| parse(s).sort_key();
    assert_eq!(key("/2023-07-14"), key("../2023-07-14"));
    assert_eq!(key("2023-07/"), key("2023-07/.."));
    assert!(key("2023-07/2023-08") < key("2023-07/"));
    let d = parse("/2023-07-14");
    assert_eq!((d.earliest_utc(), d.list_year()), (None, Some(2023)));
    assert_eq!(parse("2023-07/").latest_utc(), None);
    for s in ["/", "../..", "/..", "../", ""] {
        error(s);
    }
    assert!(error("/..").message.contains("no date on either side"));
}
