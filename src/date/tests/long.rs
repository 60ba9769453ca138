//! Long years (`Y170000002`, `Y-13800000000`): what is accepted and refused,
//! their order among all dates, and their display in every language.

use super::*;

#[test]
fn long_years_parse_at_year_precision_and_round_trip() {
    for (s, year) in [
        ("Y10000", 10_000),
        ("Y-10000", -10_000),
        ("Y170000002", 170_000_002),
        ("Y-170000002", -170_000_002),
        ("Y-13800000000", -13_800_000_000),
        ("Y99999999999", 99_999_999_999),
        ("Y-99999999999", -99_999_999_999),
    ] {
        let p = point(s);
        assert_eq!(p.year(), year, "{s}");
        assert!(p.is_long(), "{s}");
        assert_eq!(p.precision(), Precision::Year, "{s}");
        assert_eq!(p.iso(), s, "{s}");
        assert_eq!(p.page_year(), None, "{s}");
        assert_eq!(p.earliest_utc().ymd(), (year, 1, 1), "{s}");
        assert_eq!(p.latest_utc().ymd(), (year, 12, 31), "{s}");
        assert_eq!(
            p.latest_utc().plus(1).map(Moment::ymd),
            Some((year + 1, 1, 1))
        );
        assert_eq!(point(&p.iso()), p, "{s}");
    }
    assert!(!point("-9999").is_long());
    assert_eq!(point("-9999").page_year(), Some(-9999));
    assert_eq!(point("XXXX").page_year(), None);
    assert_eq!(point("19XX").page_year(), Some(1900));
}

#[test]
fn a_yaml_integer_beyond_four_digits_is_a_long_year() {
    let year = |y: i64| EventDate::from_year(y, Tz::UTC).map(|d| d.iso());
    assert_eq!(year(-13_800_000_000).unwrap(), "Y-13800000000");
    assert_eq!(year(10_000).unwrap(), "Y10000");
    assert_eq!(year(-10_000).unwrap(), "Y-10000");
    assert_eq!(year(9999).unwrap(), "9999");
    assert_eq!(year(-43).unwrap(), "-0043");
    let e = year(100_000_000_000).unwrap_err();
    assert_eq!(
        e.message,
        "`Y100000000000` is not a valid date: the year is out of range"
    );
    assert!(year(i64::MIN).is_err());
}

#[test]
fn refusals_follow_python_edtf_and_edtf_js_with_hints() {
    // (text, message, hint)
    let cases: &[(&str, &str, &str)] = &[
        (
            "Y170000002?",
            "`Y170000002?` is not a valid date: a long year cannot be uncertain or approximate (`?`, `~`, `%`)",
            "write Y170000002 and say how sure the date is in the text",
        ),
        (
            "Y-13800000000~",
            "`Y-13800000000~` is not a valid date: a long year cannot be uncertain or approximate (`?`, `~`, `%`)",
            "write Y-13800000000 and say how sure the date is in the text",
        ),
        (
            "Y-170000002/Y-160000000",
            "`Y-170000002/Y-160000000`: an interval joins four-digit years, not long years (`Y-170000002`)",
            "write the start as `date: Y-170000002` and the end as `end: Y-160000000` (two keys)",
        ),
        (
            "Y-10000/2023",
            "`Y-10000/2023`: an interval joins four-digit years, not long years (`Y-10000`)",
            "write the start as `date: Y-10000` and the end as `end: 2023` (two keys)",
        ),
        (
            "Y-13800000000/..",
            "`Y-13800000000/..`: an interval joins four-digit years, not long years (`Y-13800000000`)",
            "write the long year alone, as in `date: Y-13800000000`: an open or unknown end cannot be written with it",
        ),
        (
            "/Y10000",
            "`/Y10000`: an interval joins four-digit years, not long years (`Y10000`)",
            "write the long year alone, as in `date: Y10000`: an open or unknown end cannot be written with it",
        ),
        (
            "Y2006",
            "`Y2006` is not a valid date: `Y` marks years of five or more digits",
            "write 2006",
        ),
        (
            "Y-0043",
            "`Y-0043` is not a valid date: `Y` marks years of five or more digits",
            "write -0043",
        ),
        (
            "Y02006",
            "`Y02006` is not a valid date: `Y` marks years of five or more digits",
            "write 2006",
        ),
        (
            "Y012345",
            "`Y012345` is not a valid date: a long year does not start with 0",
            "write Y12345",
        ),
        (
            "Y-012345",
            "`Y-012345` is not a valid date: a long year does not start with 0",
            "write Y-12345",
        ),
        (
            "Y170000002-01",
            "`Y170000002-01` is not a valid date: a long year has no month or day",
            "write the year alone, Y170000002",
        ),
        (
            "Y17E7",
            "`Y17E7` is not a valid date: exponential years (EDTF level 2) are not supported",
            "write all the digits, as in Y170000000 for Y17E7",
        ),
        (
            "Y171010000S3",
            "`Y171010000S3` is not a valid date: significant digits (EDTF level 2) are not supported",
            "write Y171010000",
        ),
        (
            "Y100000000000",
            "`Y100000000000` is not a valid date: the year is out of range",
            "years reach back to Y-99999999999 and forward to Y99999999999",
        ),
        (
            "-Y10000",
            "`-Y10000` is not a valid date: the sign of a long year follows the `Y`",
            "write Y-10000",
        ),
        (
            "12345",
            "`12345` is not a valid date: a year has exactly four digits",
            "a year of five or more digits is written with a `Y`: Y12345",
        ),
        (
            "-013800",
            "`-013800` is not a valid date: a year has exactly four digits",
            "a year of five or more digits is written with a `Y`: Y-13800",
        ),
        (
            "Y1XXXX",
            "`Y1XXXX` is not a valid date: a long year is `Y` and digits only",
            "as in Y170000002 or Y-13800000000",
        ),
    ];
    for &(s, message, hint) in cases {
        let e = error(s);
        assert_eq!(e.message, message, "{s}");
        assert_eq!(e.hint.as_deref(), Some(hint), "{s}");
    }
}

#[test]
fn long_spans_come_from_two_keys() {
    let d = parse("Y-538799999").with_end(parse("Y-251901999")).unwrap();
    assert_eq!(d.iso(), "Y-538799999/Y-251901999");
    assert_eq!(parse(&d.iso()), d, "from_iso reads the joined span back");
    assert_eq!(d.page_year(), None);
    let mixed = parse("Y-10000").with_end(parse("2023")).unwrap();
    assert_eq!(mixed.iso(), "Y-10000/2023");
    assert_eq!(parse("Y-10000/2023"), mixed);
    let e = parse("Y-10000")
        .with_end(parse("Y-13800000000"))
        .unwrap_err();
    assert_eq!(
        e.message,
        "the interval `Y-10000/Y-13800000000` ends before it starts"
    );
}

#[test]
fn long_years_sort_among_all_dates() {
    let items = [
        "Y-99999999999",
        "Y-13800000000",
        "Y-13799630000",
        "Y-4600000000",
        "Y-538800000",
        "Y-315000",
        "Y-10000",
        "-9XXX",
        "-9999",
        "-0043",
        "XXXX",
        "0000",
        "1XXX",
        "2023",
        "2023-07-12T22:30Z",
        "9999-12-31",
        "Y10000",
        "Y170000002",
        "Y99999999999",
    ];
    let keys: Vec<_> = items.iter().map(|s| parse(s).sort_key()).collect();
    for (w, pair) in keys.windows(2).zip(items.windows(2)) {
        assert!(w[0] < w[1], "{} should sort before {}", pair[0], pair[1]);
    }
    // A span from a long year sorts by its start, ends break ties.
    let span = parse("Y-538800000/Y-251902000");
    assert!(parse("Y-538800000").sort_key() < span.sort_key());
    assert!(span.sort_key() < parse("Y-538799999").sort_key());
    assert!(parse("Y-10000/2023").sort_key() < parse("-9999").sort_key());
}

/// `(edtf, [en, fr, de, es, ru, uk])`; `\u{202f}` is French's narrow
/// no-break space, `\u{a0}` Russian's and Ukrainian's no-break space.
const DISPLAY: &[(&str, [&str; 6])] = &[
    (
        "Y-13800000000",
        [
            "13.8 billion years ago",
            "il y a 13,8 milliards d'années",
            "vor 13,8 Milliarden Jahren",
            "hace 13,8 mil millones de años",
            "13,8 млрд лет назад",
            "13,8 млрд років тому",
        ],
    ),
    (
        "Y-4599999999",
        [
            "4.6 billion years ago",
            "il y a 4,6 milliards d'années",
            "vor 4,6 Milliarden Jahren",
            "hace 4,6 mil millones de años",
            "4,6 млрд лет назад",
            "4,6 млрд років тому",
        ],
    ),
    (
        "Y-999999999",
        [
            "1 billion years ago",
            "il y a 1 milliard d'années",
            "vor 1 Milliarde Jahren",
            "hace mil millones de años",
            "1 млрд лет назад",
            "1 млрд років тому",
        ],
    ),
    (
        "Y-65000000",
        [
            "65 million years ago",
            "il y a 65 millions d'années",
            "vor 65 Millionen Jahren",
            "hace 65 millones de años",
            "65 млн лет назад",
            "65 млн років тому",
        ],
    ),
    (
        "Y-1499999",
        [
            "1.5 million years ago",
            "il y a 1,5 million d'années",
            "vor 1,5 Millionen Jahren",
            "hace 1,5 millones de años",
            "1,5 млн лет назад",
            "1,5 млн років тому",
        ],
    ),
    (
        "Y-1000000",
        [
            "1 million years ago",
            "il y a 1 million d'années",
            "vor 1 Million Jahren",
            "hace 1 millón de años",
            "1 млн лет назад",
            "1 млн років тому",
        ],
    ),
    (
        "Y-999999",
        [
            "1,000,000 BCE",
            "1\u{202f}000\u{202f}000 av. J.-C.",
            "1.000.000 v. Chr.",
            "1.000.000 a. C.",
            "1\u{a0}000\u{a0}000 г. до н. э.",
            "1\u{a0}000\u{a0}000 р. до н. е.",
        ],
    ),
    (
        "Y-315000",
        [
            "315,001 BCE",
            "315\u{202f}001 av. J.-C.",
            "315.001 v. Chr.",
            "315.001 a. C.",
            "315\u{a0}001 г. до н. э.",
            "315\u{a0}001 р. до н. е.",
        ],
    ),
    (
        "Y-10000",
        [
            "10,001 BCE",
            "10\u{202f}001 av. J.-C.",
            "10.001 v. Chr.",
            "10.001 a. C.",
            "10\u{a0}001 г. до н. э.",
            "10\u{a0}001 р. до н. е.",
        ],
    ),
    // The year before it, written with four digits, reads the same way.
    (
        "-9999",
        [
            "10,000 BCE",
            "10\u{202f}000 av. J.-C.",
            "10.000 v. Chr.",
            "10.000 a. C.",
            "10\u{a0}000 г. до н. э.",
            "10\u{a0}000 р. до н. е.",
        ],
    ),
    (
        "Y10000",
        [
            "10,000",
            "10\u{202f}000",
            "10.000",
            "10.000",
            "10\u{a0}000 г.",
            "10\u{a0}000 р.",
        ],
    ),
    (
        "Y170000002",
        [
            "170,000,002",
            "170\u{202f}000\u{202f}002",
            "170.000.002",
            "170.000.002",
            "170\u{a0}000\u{a0}002 г.",
            "170\u{a0}000\u{a0}002 р.",
        ],
    ),
    // Spans joined from `date` and `end`.
    (
        "Y-538799999/Y-251901999",
        [
            "539 million years ago – 252 million years ago",
            "il y a 539 millions d'années – il y a 252 millions d'années",
            "vor 539 Millionen Jahren – vor 252 Millionen Jahren",
            "hace 539 millones de años – hace 252 millones de años",
            "539 млн лет назад – 252 млн лет назад",
            "539 млн років тому – 252 млн років тому",
        ],
    ),
    (
        "Y-315000/Y-10000",
        [
            "315,001 BCE – 10,001 BCE",
            "315\u{202f}001 av. J.-C. – 10\u{202f}001 av. J.-C.",
            "315.001 v. Chr. – 10.001 v. Chr.",
            "315.001 a. C. – 10.001 a. C.",
            "315\u{a0}001 г. до н. э. – 10\u{a0}001 г. до н. э.",
            "315\u{a0}001 р. до н. е. – 10\u{a0}001 р. до н. е.",
        ],
    ),
    (
        "Y-13800000000/2023",
        [
            "13.8 billion years ago – 2023 CE",
            "il y a 13,8 milliards d'années – 2023 apr. J.-C.",
            "vor 13,8 Milliarden Jahren – 2023 n. Chr.",
            "hace 13,8 mil millones de años – 2023 d. C.",
            "13,8 млрд лет назад – 2023 г. н. э.",
            "13,8 млрд років тому – 2023 р. н. е.",
        ],
    ),
    (
        "Y-13800000000/Y-13800000000",
        [
            "13.8 billion years ago",
            "il y a 13,8 milliards d'années",
            "vor 13,8 Milliarden Jahren",
            "hace 13,8 mil millones de años",
            "13,8 млрд лет назад",
            "13,8 млрд років тому",
        ],
    ),
];

#[test]
fn long_years_in_every_language() {
    let codes = ["en", "fr", "de", "es", "ru", "uk"];
    for (s, expected) in DISPLAY {
        for (code, want) in codes.iter().zip(expected) {
            let got = parse(s).display(&Lang::new(code).unwrap()).text();
            assert_eq!(got, *want, "{code}: {s}");
        }
    }
}

#[test]
fn a_span_that_goes_on_from_a_long_year() {
    // What an actor's page says of its events from the first to today.
    let since = EventDate::Interval {
        start: Bound::Point(point("Y-13800000000")),
        end: Bound::Open,
    };
    let until = EventDate::Interval {
        start: Bound::Open,
        end: Bound::Point(point("Y-65000000")),
    };
    let texts = |d: &EventDate| {
        ["en", "fr", "de", "es", "ru", "uk"].map(|c| d.display(&Lang::new(c).unwrap()).text())
    };
    assert_eq!(
        texts(&since),
        [
            "since 13.8 billion years ago",
            "depuis 13,8 milliards d'années",
            "seit 13,8 Milliarden Jahren",
            "desde hace 13,8 mil millones de años",
            "с 13,8 млрд лет назад",
            "з 13,8 млрд років тому",
        ]
    );
    assert_eq!(
        texts(&until),
        [
            "until 65 million years ago",
            "jusqu'à il y a 65 millions d'années",
            "bis vor 65 Millionen Jahren",
            "hasta hace 65 millones de años",
            "до 65 млн лет назад",
            "до 65 млн років тому",
        ]
    );
}

#[test]
fn long_years_are_machine_readable_as_edtf() {
    let html = |s: &str| parse(s).display(&Lang::default()).html();
    assert_eq!(
        html("Y-13800000000"),
        r#"<data value="Y-13800000000">13.8 billion years ago</data>"#
    );
    assert_eq!(
        html("Y170000002"),
        r#"<data value="Y170000002">170,000,002</data>"#
    );
    assert_eq!(
        html("Y-10000/2023"),
        r#"<data value="Y-10000">10,001 BCE</data> – <time datetime="2023">2023 CE</time>"#
    );
    let heading = |code: &str| {
        EventDate::year_month(-13_800_000_000, None)
            .unwrap()
            .display(&Lang::new(code).unwrap())
            .capitalised()
            .text()
    };
    assert_eq!(heading("fr"), "Il y a 13,8 milliards d'années");
    assert_eq!(heading("de"), "Vor 13,8 Milliarden Jahren");
    assert_eq!(heading("es"), "Hace 13,8 mil millones de años");
    // ISO 8601's expanded years, for schema.org and the like.
    assert_eq!(point("Y-13800000000").reduced_iso(), "-13800000000");
    assert_eq!(point("Y170000002").reduced_iso(), "+170000002");
    assert_eq!(point("-0043").reduced_iso(), "-0043");
}
