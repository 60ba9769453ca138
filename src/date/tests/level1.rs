//! Seasons and unspecified digits beyond level 1 (`1XXX`, `XXXX`, `-01XX`):
//! parse, precision, `iso()` round trip, span, order and display in every
//! language.

use super::*;
use chrono::Datelike;

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

fn day_time(s: &str) -> chrono::NaiveDateTime {
    // `-0044-03-01 00:00:00`: chrono's `%Y` reads the sign.
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
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
            parse(s).start_year(),
            Some(day_time(earliest).year()),
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

/// `(edtf, [en, fr, de, es, ru, uk])`.
const DISPLAY: &[(&str, [&str; 6])] = &[
    (
        "2001-21",
        [
            "spring 2001",
            "printemps 2001",
            "Frühling 2001",
            "primavera de 2001",
            "весна 2001 г.",
            "весна 2001 р.",
        ],
    ),
    (
        "2001-22",
        [
            "summer 2001",
            "été 2001",
            "Sommer 2001",
            "verano de 2001",
            "лето 2001 г.",
            "літо 2001 р.",
        ],
    ),
    (
        "2001-23",
        [
            "autumn 2001",
            "automne 2001",
            "Herbst 2001",
            "otoño de 2001",
            "осень 2001 г.",
            "осінь 2001 р.",
        ],
    ),
    (
        "2001-24",
        [
            "winter 2001–02",
            "hiver 2001–2002",
            "Winter 2001–2002",
            "invierno de 2001–2002",
            "зима 2001–2002 гг.",
            "зима 2001–2002 рр.",
        ],
    ),
    (
        "1999-24",
        [
            "winter 1999–2000",
            "hiver 1999–2000",
            "Winter 1999–2000",
            "invierno de 1999–2000",
            "зима 1999–2000 гг.",
            "зима 1999–2000 рр.",
        ],
    ),
    (
        "-0044-24",
        [
            "winter 45–44 BCE",
            "hiver 45–44 av. J.-C.",
            "Winter 45–44 v. Chr.",
            "invierno de 45–44 a. C.",
            "зима 45–44 гг. до н. э.",
            "зима 45–44 рр. до н. е.",
        ],
    ),
    (
        "2001-21?",
        [
            "spring 2001 (uncertain)",
            "printemps 2001 (incertain)",
            "Frühling 2001 (unsicher)",
            "primavera de 2001 (incierto)",
            "весна 2001 г. (предположительно)",
            "весна 2001 р. (імовірно)",
        ],
    ),
    (
        "2001-22~",
        [
            "c. summer 2001",
            "vers l'été 2001",
            "ca. Sommer 2001",
            "hacia el verano de 2001",
            "ок. лета 2001 г.",
            "бл. літа 2001 р.",
        ],
    ),
    (
        "2001-21~",
        [
            "c. spring 2001",
            "vers le printemps 2001",
            "ca. Frühling 2001",
            "hacia la primavera de 2001",
            "ок. весны 2001 г.",
            "бл. весни 2001 р.",
        ],
    ),
    (
        "2003-22/2003-23",
        [
            "summer–autumn 2003",
            "été–automne 2003",
            "Sommer–Herbst 2003",
            "verano–otoño de 2003",
            "лето–осень 2003 г.",
            "літо–осінь 2003 р.",
        ],
    ),
    (
        "2003-23/2003-24",
        [
            "autumn 2003 – winter 2003–04",
            "automne 2003 – hiver 2003–2004",
            "Herbst 2003 – Winter 2003–2004",
            "otoño de 2003 – invierno de 2003–2004",
            "осень 2003 г. – зима 2003–2004 гг.",
            "осінь 2003 р. – зима 2003–2004 рр.",
        ],
    ),
    (
        "2001-21/..",
        [
            "from spring 2001",
            "à partir du printemps 2001",
            "ab dem Frühling 2001",
            "desde la primavera de 2001",
            "с весны 2001 г.",
            "з весни 2001 р.",
        ],
    ),
    (
        "../2001-22",
        [
            "until summer 2001",
            "jusqu'à l'été 2001",
            "bis zum Sommer 2001",
            "hasta el verano de 2001",
            "до лета 2001 г.",
            "до літа 2001 р.",
        ],
    ),
    (
        "2001-23~/..",
        [
            "from c. autumn 2001",
            "à partir des environs de l'automne 2001",
            "etwa ab dem Herbst 2001",
            "desde aproximadamente el otoño de 2001",
            "примерно с осени 2001 г.",
            "приблизно з осені 2001 р.",
        ],
    ),
    (
        "16XX",
        [
            "17th century",
            "XVIIe siècle",
            "17. Jahrhundert",
            "siglo XVII",
            "XVII век",
            "XVII століття",
        ],
    ),
    (
        "00XX",
        [
            "1st century",
            "Ier siècle",
            "1. Jahrhundert",
            "siglo I",
            "I век",
            "I століття",
        ],
    ),
    (
        "20XX",
        [
            "21st century",
            "XXIe siècle",
            "21. Jahrhundert",
            "siglo XXI",
            "XXI век",
            "XXI століття",
        ],
    ),
    (
        "1XXX",
        [
            "2nd millennium",
            "IIe millénaire",
            "2. Jahrtausend",
            "II milenio",
            "II тысячелетие",
            "II тисячоліття",
        ],
    ),
    (
        "0XXX",
        [
            "1st millennium",
            "Ier millénaire",
            "1. Jahrtausend",
            "I milenio",
            "I тысячелетие",
            "I тисячоліття",
        ],
    ),
    (
        "-01XX",
        [
            "2nd century BCE",
            "IIe siècle av. J.-C.",
            "2. Jahrhundert v. Chr.",
            "siglo II a. C.",
            "II век до н. э.",
            "II століття до н. е.",
        ],
    ),
    (
        "-0XXX",
        [
            "1st millennium BCE",
            "Ier millénaire av. J.-C.",
            "1. Jahrtausend v. Chr.",
            "I milenio a. C.",
            "I тысячелетие до н. э.",
            "I тисячоліття до н. е.",
        ],
    ),
    (
        "-001X",
        [
            "20–11 BCE",
            "20–11 av. J.-C.",
            "20–11 v. Chr.",
            "20–11 a. C.",
            "20–11 гг. до н. э.",
            "20–11 рр. до н. е.",
        ],
    ),
    (
        "16XX~",
        [
            "c. 17th century",
            "vers le XVIIe siècle",
            "um das 17. Jahrhundert",
            "hacia el siglo XVII",
            "ок. XVII века",
            "бл. XVII століття",
        ],
    ),
    (
        "16XX/..",
        [
            "from the 17th century",
            "à partir du XVIIe siècle",
            "ab dem 17. Jahrhundert",
            "desde el siglo XVII",
            "с XVII века",
            "з XVII століття",
        ],
    ),
    (
        "../1XXX",
        [
            "until the 2nd millennium",
            "jusqu'au IIe millénaire",
            "bis zum 2. Jahrtausend",
            "hasta el II milenio",
            "до II тысячелетия",
            "до II тисячоліття",
        ],
    ),
    (
        "XXXX",
        [
            "unknown year",
            "année inconnue",
            "unbekanntes Jahr",
            "año desconocido",
            "год неизвестен",
            "рік невідомий",
        ],
    ),
    (
        "XXXX~",
        [
            "unknown year",
            "année inconnue",
            "unbekanntes Jahr",
            "año desconocido",
            "год неизвестен",
            "рік невідомий",
        ],
    ),
    (
        "XXXX/..",
        [
            "from an unknown year",
            "à partir d'une année inconnue",
            "ab einem unbekannten Jahr",
            "desde un año desconocido",
            "с неизвестного года",
            "з невідомого року",
        ],
    ),
    (
        "XXXX/2023",
        [
            "unknown year – 2023",
            "année inconnue – 2023",
            "unbekanntes Jahr – 2023",
            "año desconocido – 2023",
            "год неизвестен – 2023 г.",
            "рік невідомий – 2023 р.",
        ],
    ),
];

#[test]
fn display_in_every_language() {
    let codes = ["en", "fr", "de", "es", "ru", "uk"];
    assert_eq!(Lang::codes(), codes);
    for (s, expected) in DISPLAY {
        for (code, want) in codes.iter().zip(expected) {
            let got = parse(s).display(&Lang::new(code).unwrap()).text();
            assert_eq!(got, *want, "{code}: {s}");
        }
    }
}

#[test]
fn html_keeps_the_edtf_value_of_seasons_and_centuries() {
    let html = |s: &str| parse(s).display(&Lang::default()).html();
    assert_eq!(
        html("2001-21"),
        r#"<data value="2001-21">spring 2001</data>"#
    );
    assert_eq!(html("1XXX"), r#"<data value="1XXX">2nd millennium</data>"#);
    assert_eq!(
        html("-01XX"),
        r#"<data value="-01XX">2nd century BCE</data>"#
    );
    assert_eq!(html("XXXX"), r#"<data value="XXXX">unknown year</data>"#);
    // headings capitalise
    assert_eq!(
        parse("2001-24")
            .display(&Lang::default())
            .capitalised()
            .text(),
        "Winter 2001–02"
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
                "from July 2023",
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
    assert_eq!((d.earliest_utc(), d.start_year()), (None, Some(2023)));
    assert_eq!(parse("2023-07/").latest_utc(), None);
    for s in ["/", "../..", "/..", "../", ""] {
        error(s);
    }
    assert!(error("/..").message.contains("no date on either side"));
}
