//! Display of seasons, centuries, millennia and `XXXX` in every language.

use super::*;

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
            "since spring 2001",
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
            "since c. autumn 2001",
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
            "since the 17th century",
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
            "since an unknown year",
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
