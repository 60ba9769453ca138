//! Display in every language other than English: each precision and form.

use super::*;
use crate::date::display::DisplayPart;

fn text(code: &str, s: &str) -> String {
    parse(s).display(&Lang::new(code).unwrap()).text()
}

/// Asserts each `(edtf, expected)` pair in `code`.
fn check(code: &str, cases: &[(&str, &str)]) {
    for (edtf, expected) in cases {
        assert_eq!(text(code, edtf), *expected, "{code}: {edtf}");
    }
}

#[test]
fn french() {
    check(
        "fr",
        &[
            ("2023", "2023"),
            ("2023-07", "juillet 2023"),
            ("2023-07-12", "12 juillet 2023"),
            ("2023-07-01", "1er juillet 2023"),
            ("2023-07-12T22:30+03:00", "12 juillet 2023, 22:30 (UTC+3)"),
            ("2023-07~", "vers juillet 2023"),
            ("2023-07-12~", "vers le 12 juillet 2023"),
            ("2023-07-12?", "12 juillet 2023 (incertain)"),
            ("2023-07-12%", "vers le 12 juillet 2023 (incertain)"),
            ("202X", "années 2020"),
            ("201X~", "vers les années 2010"),
            ("20XX", "XXIe siècle"),
            ("-0043", "44 av. J.-C."),
            ("-0043/0014", "44 av. J.-C. – 14 apr. J.-C."),
            ("-0043/-0040", "44–41 av. J.-C."),
            ("2023-07-10/2023-07-14", "10–14 juillet 2023"),
            ("2023-07-01/2023-07-14", "1er–14 juillet 2023"),
            ("2023-07-12/2023-08-03", "12 juillet – 3 août 2023"),
            ("2023-07/2023-08", "juillet–août 2023"),
            ("2022/2023", "2022–2023"),
            ("2022-12/2023-01", "décembre 2022 – janvier 2023"),
            ("2023-07-10~/2023-07-14~", "vers le 10–14 juillet 2023"),
            ("2023-07/..", "à partir de juillet 2023"),
            ("2023-07-12/..", "à partir du 12 juillet 2023"),
            ("202X/..", "à partir des années 2020"),
            ("../2023-07-14", "jusqu'au 14 juillet 2023"),
            ("../2023-07", "jusqu'en juillet 2023"),
            ("../2023", "jusqu'en 2023"),
            ("../202X", "jusqu'aux années 2020"),
            ("2023-07~/..", "à partir des environs de juillet 2023"),
            (
                "../2023-07-14%",
                "jusqu'aux environs du 14 juillet 2023 (incertain)",
            ),
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        &[
            ("2023", "2023"),
            ("2023-07", "Juli 2023"),
            ("2023-07-12", "12. Juli 2023"),
            ("2023-07-01", "1. Juli 2023"),
            ("2023-07-12T22:30+03:00", "12. Juli 2023, 22:30 (UTC+3)"),
            ("2023-07~", "ca. Juli 2023"),
            ("2023-07-12?", "12. Juli 2023 (unsicher)"),
            ("2023-07-12%", "ca. 12. Juli 2023 (unsicher)"),
            ("202X", "2020er"),
            ("201X~", "um die 2010er"),
            ("-0043", "44 v. Chr."),
            ("-0043/0014", "44 v. Chr. – 14 n. Chr."),
            ("-0043-03/-0043-04", "März–April 44 v. Chr."),
            ("2023-07-10/2023-07-14", "10.–14. Juli 2023"),
            ("2023-07-12/2023-08-03", "12. Juli – 3. August 2023"),
            ("2023-07/2023-08", "Juli–August 2023"),
            ("2022/2023", "2022–2023"),
            (
                "2022-12-30/2023-01-02",
                "30. Dezember 2022 – 2. Januar 2023",
            ),
            ("2023-07-10~/2023-07-14~", "ca. 10.–14. Juli 2023"),
            ("1984?/2004?", "1984–2004 (unsicher)"),
            ("2023-07/..", "ab Juli 2023"),
            ("202X/..", "ab den 2020ern"),
            ("../2023-07-14", "bis 14. Juli 2023"),
            ("../202X", "bis in die 2020er"),
            ("2023-07~/..", "ab ca. Juli 2023"),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        &[
            ("2023", "2023"),
            ("2023-07", "julio de 2023"),
            ("2023-07-12", "12 de julio de 2023"),
            (
                "2023-07-12T22:30+03:00",
                "12 de julio de 2023, 22:30 (UTC+3)",
            ),
            ("2023-07~", "c. julio de 2023"),
            ("2023-07-12?", "12 de julio de 2023 (incierto)"),
            ("2023-07-12%", "c. 12 de julio de 2023 (incierto)"),
            ("202X", "años 2020"),
            ("201X~", "hacia los años 2010"),
            ("-0043", "44 a. C."),
            ("-0043/0014", "44 a. C. – 14 d. C."),
            ("2023-07-10/2023-07-14", "10–14 de julio de 2023"),
            ("2023-07-12/2023-08-03", "12 de julio – 3 de agosto de 2023"),
            ("2023-07/2023-08", "julio–agosto de 2023"),
            ("2022/2023", "2022–2023"),
            ("2023-07~/2023-08~", "c. julio–agosto de 2023"),
            ("2023-07/..", "desde julio de 2023"),
            ("2023-07-12/..", "desde el 12 de julio de 2023"),
            ("../2023-07-14", "hasta el 14 de julio de 2023"),
            ("../2023", "hasta 2023"),
            ("../202X", "hasta los años 2020"),
            ("2023-07~/..", "desde alrededor de julio de 2023"),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        &[
            ("2023", "2023 г."),
            ("2023-07", "июль 2023 г."),
            ("2023-07-12", "12 июля 2023 г."),
            ("2023-07-12T22:30+03:00", "12 июля 2023 г., 22:30 (UTC+3)"),
            ("2023-07~", "ок. июля 2023 г."),
            ("2023-07-12?", "12 июля 2023 г. (предположительно)"),
            ("2023-07-12%", "ок. 12 июля 2023 г. (предположительно)"),
            ("202X", "2020-е"),
            ("201X~", "ок. 2010-х"),
            ("20XX", "XXI век"),
            ("-0043", "44 г. до н. э."),
            ("-0043/-0040", "44–41 гг. до н. э."),
            ("-0043/0014", "44 г. до н. э. – 14 г. н. э."),
            ("2023-07-10/2023-07-14", "10–14 июля 2023 г."),
            ("2023-07-12/2023-08-03", "12 июля – 3 августа 2023 г."),
            ("2023-07/2023-08", "июль–август 2023 г."),
            ("2023-07~/2023-08~", "ок. июля–августа 2023 г."),
            ("2022/2023", "2022–2023 гг."),
            ("1984?/2004?", "1984–2004 гг. (предположительно)"),
            ("2023-07/..", "с июля 2023 г."),
            ("2023-07-02/..", "со 2 июля 2023 г."),
            ("202X/..", "с 2020-х"),
            ("../2023-07-14", "до 14 июля 2023 г."),
            ("../2023-07", "до июля 2023 г."),
            ("2023-07~/..", "примерно с июля 2023 г."),
        ],
    );
}

#[test]
fn ukrainian() {
    check(
        "uk",
        &[
            ("2023", "2023 р."),
            ("2023-07", "липень 2023 р."),
            ("2023-07-12", "12 липня 2023 р."),
            ("2023-07-12T22:30+03:00", "12 липня 2023 р., 22:30 (UTC+3)"),
            ("2023-07~", "бл. липня 2023 р."),
            ("2023-07-12?", "12 липня 2023 р. (імовірно)"),
            ("2023-07-12%", "бл. 12 липня 2023 р. (імовірно)"),
            ("202X", "2020-ті"),
            ("201X~", "бл. 2010-х"),
            ("-0043", "44 р. до н. е."),
            ("-0043/-0040", "44–41 рр. до н. е."),
            ("-0043/0014", "44 р. до н. е. – 14 р. н. е."),
            ("2023-07-10/2023-07-14", "10–14 липня 2023 р."),
            ("2023-07-12/2023-08-03", "12 липня – 3 серпня 2023 р."),
            ("2023-07/2023-08", "липень–серпень 2023 р."),
            ("2022/2023", "2022–2023 рр."),
            ("2023-07/..", "з липня 2023 р."),
            ("../2023-07-14", "до 14 липня 2023 р."),
            ("../202X", "до 2020-х"),
            ("2023-07~/..", "приблизно з липня 2023 р."),
        ],
    );
}

#[test]
fn one_day_once_in_every_language() {
    let cases: &[(&str, [&str; 3])] = &[
        (
            "en",
            [
                "12 July 2023",
                "July 2023",
                "12 July 2023, 22:30–23:10 (UTC+3)",
            ],
        ),
        (
            "fr",
            [
                "12 juillet 2023",
                "juillet 2023",
                "12 juillet 2023, 22:30–23:10 (UTC+3)",
            ],
        ),
        (
            "de",
            [
                "12. Juli 2023",
                "Juli 2023",
                "12. Juli 2023, 22:30–23:10 (UTC+3)",
            ],
        ),
        (
            "es",
            [
                "12 de julio de 2023",
                "julio de 2023",
                "12 de julio de 2023, 22:30–23:10 (UTC+3)",
            ],
        ),
        (
            "ru",
            [
                "12 июля 2023 г.",
                "июль 2023 г.",
                "12 июля 2023 г., 22:30–23:10 (UTC+3)",
            ],
        ),
        (
            "uk",
            [
                "12 липня 2023 р.",
                "липень 2023 р.",
                "12 липня 2023 р., 22:30–23:10 (UTC+3)",
            ],
        ),
    ];
    for (code, [day, month, times]) in cases {
        assert_eq!(text(code, "2023-07-12/2023-07-12"), *day, "{code}");
        assert_eq!(text(code, "2023-07/2023-07"), *month, "{code}");
        assert_eq!(
            text(code, "2023-07-12T22:30+03:00/2023-07-12T23:10+03:00"),
            *times,
            "{code}"
        );
        assert_eq!(
            text(code, "2023-07-12T22:30+03:00/2023-07-12T22:30+03:00"),
            text(code, "2023-07-12T22:30+03:00"),
            "{code}"
        );
        assert_eq!(text(code, "-0043/-0043"), text(code, "-0043"), "{code}");
    }
}

#[test]
fn datetime_values_do_not_change() {
    for code in Lang::codes() {
        let lang = Lang::new(code).unwrap();
        for s in [
            "2023-07-10/2023-07-14",
            "2023-07-12T22:30+03:00",
            "-0043~",
            "202X/..",
        ] {
            let isos = |d: DateDisplay| -> Vec<String> {
                d.parts
                    .into_iter()
                    .filter_map(|p| match p {
                        DisplayPart::Time { iso, .. } => Some(iso),
                        DisplayPart::Data { edtf, .. } => Some(edtf),
                        DisplayPart::Text(_) => None,
                    })
                    .collect()
            };
            let d = parse(s);
            assert_eq!(
                isos(d.display(&lang)),
                isos(d.display(&Lang::default())),
                "{code} {s}"
            );
        }
    }
    assert_eq!(
        parse("2023-07-10/2023-07-14").display(&Lang::new("de").unwrap()).html(),
        "<time datetime=\"2023-07-10\">10.</time>–<time datetime=\"2023-07-14\">14. Juli 2023</time>"
    );
    assert_eq!(
        parse("../2023-07-14")
            .display(&Lang::new("fr").unwrap())
            .html(),
        "jusqu&#39;au <time datetime=\"2023-07-14\">14 juillet 2023</time>"
    );
}

#[test]
fn codes_and_month_names() {
    assert_eq!(Lang::codes(), ["en", "fr", "de", "es", "ru", "uk"]);
    for code in Lang::codes() {
        let lang = Lang::new(code).unwrap();
        assert_eq!(lang.code(), code);
        for m in 1..=12 {
            assert!(!lang.month_name(m).is_empty(), "{code} {m}");
        }
        assert_ne!(lang.month_name(11), lang.month_name(12), "{code}");
    }
    assert_eq!(Lang::new("fr-CA"), Lang::new("fr"));
    assert_eq!(Lang::new("uk_UA").unwrap().code(), "uk");
    let name = |code: &str, m: u8| Lang::new(code).unwrap().month_name(m);
    assert_eq!(name("en", 7), "July");
    assert_eq!(name("fr", 8), "août");
    assert_eq!(name("de", 3), "März");
    assert_eq!(name("es", 9), "septiembre");
    assert_eq!(name("ru", 7), "июль");
    assert_eq!(name("uk", 12), "грудень");
    let heading = |code: &str, year: i64, month: u8| {
        EventDate::year_month(year, Some(month))
            .unwrap()
            .display(&Lang::new(code).unwrap())
            .capitalised()
    };
    assert_eq!(heading("en", 2023, 7).text(), "July 2023");
    assert_eq!(heading("es", 2023, 7).text(), "Julio de 2023");
    assert_eq!(heading("ru", 2023, 7).text(), "Июль 2023 г.");
    assert_eq!(heading("uk", 2024, 1).text(), "Січень 2024 р.");
    assert_eq!(heading("fr", 2023, 8).text(), "Août 2023");
    assert_eq!(heading("de", 2023, 3).text(), "März 2023");
    assert_eq!(
        heading("en", -43, 3).html(),
        r#"<data value="-0043-03">March 44 BCE</data>"#
    );
    assert_eq!(
        heading("uk", 2023, 7).html(),
        r#"<time datetime="2023-07">Липень 2023 р.</time>"#
    );
    // Only the first letter: inside a sentence the display stays as it is.
    assert_eq!(heading("fr", 2023, 7).text(), "Juillet 2023");
    assert_eq!(
        parse("2023-07/..")
            .display(&Lang::new("uk").unwrap())
            .text(),
        "з липня 2023 р."
    );
}

#[test]
fn tables_have_twelve_months() {
    for t in crate::date::languages::LANGUAGES {
        assert_eq!(t.months.split(' ').count(), 12, "{}", t.code);
        assert_eq!(t.months_after_day.split(' ').count(), 12, "{}", t.code);
    }
}
