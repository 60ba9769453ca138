use super::*;
use crate::date::display::DisplayPart;

fn text(s: &str) -> String {
    parse(s).display(&Lang::default()).text()
}

fn text_in(s: &str, tz: &str) -> String {
    let tz: Tz = tz.parse().unwrap();
    EventDate::parse(s, tz)
        .unwrap()
        .display(&Lang::new("en").unwrap())
        .text()
}

fn parts(s: &str) -> Vec<DisplayPart> {
    parse(s).display(&Lang::default()).parts
}

fn t(s: &str) -> DisplayPart {
    DisplayPart::Text(s.to_string())
}

fn time(iso: &str, text: &str) -> DisplayPart {
    DisplayPart::Time {
        iso: iso.to_string(),
        text: text.to_string(),
    }
}

#[test]
fn spec_examples() {
    assert_eq!(text("2023"), "2023");
    assert_eq!(text("2023-07"), "July 2023");
    assert_eq!(text("2023-07-12"), "12 July 2023");
    assert_eq!(
        text("2023-07-12T22:30+03:00"),
        "12 July 2023, 22:30 (UTC+3)"
    );
    assert_eq!(text("2023-07~"), "c. July 2023");
    assert_eq!(text("2023-07-12?"), "12 July 2023 (uncertain)");
    assert_eq!(text("2023-07-12%"), "c. 12 July 2023 (uncertain)");
    assert_eq!(text("-0043"), "44 BCE");
    assert_eq!(text("0000"), "1 BCE");
    assert_eq!(text("2023-07-10/2023-07-14"), "10–14 July 2023");
}

#[test]
fn times_and_offsets() {
    assert_eq!(text("2023-07-12T22:30Z"), "12 July 2023, 22:30 (UTC)");
    assert_eq!(text("2023-07-12T22:30:15Z"), "12 July 2023, 22:30:15 (UTC)");
    assert_eq!(
        text("2023-07-12T22:30:00+03:00"),
        "12 July 2023, 22:30 (UTC+3)"
    );
    assert_eq!(
        text("2023-07-12T09:00+05:30"),
        "12 July 2023, 09:00 (UTC+5:30)"
    );
    assert_eq!(
        text("1985-04-12T23:20:30-04"),
        "12 April 1985, 23:20:30 (UTC-4)"
    );
    // without an offset: the zone's offset at that moment
    assert_eq!(
        text_in("2023-07-12T22:30", "Europe/Kyiv"),
        "12 July 2023, 22:30 (UTC+3)"
    );
    assert_eq!(
        text_in("2023-01-12T22:30", "Europe/Kyiv"),
        "12 January 2023, 22:30 (UTC+2)"
    );
    assert_eq!(
        text_in("2023-07-12T22:30", "Asia/Kolkata"),
        "12 July 2023, 22:30 (UTC+5:30)"
    );
    assert_eq!(
        text_in("2023-07-12T22:30", "America/New_York"),
        "12 July 2023, 22:30 (UTC-4)"
    );
}

#[test]
fn unspecified() {
    assert_eq!(text("202X"), "2020s");
    assert_eq!(text("20XX"), "21st century");
    assert_eq!(text("2023-XX"), "2023");
    assert_eq!(text("2023-XX-XX"), "2023");
    assert_eq!(text("2023-07-XX"), "July 2023");
    assert_eq!(text("000X"), "1 BCE – 9 CE");
    assert_eq!(text("201X~"), "c. 2010s");
    assert_eq!(parts("2023-07-XX"), [time("2023-07", "July 2023")]);
    assert_eq!(parts("2023-XX-XX"), [time("2023", "2023")]);
}

#[test]
fn intervals_compact() {
    assert_eq!(text("2023-07-10/2023-07-14"), "10–14 July 2023");
    assert_eq!(text("2023-07-12/2023-08-03"), "12 July – 3 August 2023");
    assert_eq!(text("2023-07/2023-08"), "July–August 2023");
    assert_eq!(text("2022-12/2023-01"), "December 2022 – January 2023");
    assert_eq!(
        text("2022-12-30/2023-01-02"),
        "30 December 2022 – 2 January 2023"
    );
    assert_eq!(text("2022/2023"), "2022–2023");
    assert_eq!(text("1964/2008"), "1964–2008");
    assert_eq!(text("2023-07/.."), "since July 2023");
    assert_eq!(text("../2023-07-14"), "until 14 July 2023");
    assert_eq!(text("2023/"), "2023 – ?");
    // mixed precision: no sharing
    assert_eq!(text("2004-02-01/2005"), "1 February 2004 – 2005");
    assert_eq!(text("2005/2006-02"), "2005 – February 2006");
    assert_eq!(text("2023-07/2023-08-03"), "July 2023 – 3 August 2023");
    // eras
    assert_eq!(text("-0043/-0040"), "44–41 BCE");
    assert_eq!(text("-0043/0014"), "44 BCE – 14 CE");
    assert_eq!(text("-0043-03/-0043-04"), "March–April 44 BCE");
    // times
    assert_eq!(
        text("2023-07-12T22:30Z/2023-07-13T01:00Z"),
        "12 July 2023, 22:30 (UTC) – 13 July 2023, 01:00 (UTC)"
    );
    assert_eq!(text("202X/2023"), "2020s–2023");
    assert_eq!(text("20XX/2100"), "21st century – 2100");
}

#[test]
fn intervals_with_qualifiers() {
    // the same qualifiers on both sides apply to the whole span
    assert_eq!(text("2023-07-10~/2023-07-14~"), "c. 10–14 July 2023");
    assert_eq!(text("1984?/2004?"), "1984–2004 (uncertain)");
    assert_eq!(
        text("2022-12%/2023-01%"),
        "c. December 2022 – January 2023 (uncertain)"
    );
    // different qualifiers: each side its own, no sharing
    assert_eq!(
        text("2023-07-10~/2023-07-14"),
        "c. 10 July 2023 – 14 July 2023"
    );
    assert_eq!(text("1984~/2004-06"), "c. 1984 – June 2004");
    assert_eq!(
        text("1984-06-02?/2004-08-08~"),
        "2 June 1984 (uncertain) – c. 8 August 2004"
    );
    assert_eq!(text("2023-07~/.."), "since c. July 2023");
    assert_eq!(text("../2023-07?"), "until July 2023 (uncertain)");
}

#[test]
fn parts_and_html() {
    assert_eq!(
        parts("2023-07-10/2023-07-14"),
        [
            time("2023-07-10", "10"),
            t("–"),
            time("2023-07-14", "14 July 2023")
        ]
    );
    assert_eq!(
        parts("2023-07-12%"),
        [
            t("c. "),
            time("2023-07-12", "12 July 2023"),
            t(" (uncertain)")
        ]
    );
    assert_eq!(
        parts("2023-07/.."),
        [t("since "), time("2023-07", "July 2023")]
    );
    assert_eq!(
        parts("2023-07-12T22:30+03:00"),
        [time(
            "2023-07-12T22:30+03:00",
            "12 July 2023, 22:30 (UTC+3)"
        )]
    );
    assert_eq!(
        parts("1985-04-12T23:20:30Z")[0],
        time("1985-04-12T23:20:30Z", "12 April 1985, 23:20:30 (UTC)")
    );
    let d = parse("2023-07-10~/2023-07-14~").display(&Lang::default());
    assert_eq!(
        d.html(),
        "c. <time datetime=\"2023-07-10\">10</time>–<time datetime=\"2023-07-14\">14 July 2023</time>"
    );
    let escaped = DateDisplay {
        parts: vec![t("<a & \"b\">"), time("x\"y", "'1' < 2")],
    };
    assert_eq!(
        escaped.html(),
        "&lt;a &amp; &quot;b&quot;&gt;<time datetime=\"x&quot;y\">&#39;1&#39; &lt; 2</time>"
    );
    assert_eq!(escaped.text(), "<a & \"b\">'1' < 2");
}

#[test]
fn languages() {
    assert_eq!(Lang::new("en").unwrap().code(), "en");
    assert_eq!(Lang::new("en-GB"), Lang::new("EN_us"));
    assert_eq!(Lang::new("en"), Some(Lang::default()));
    assert_eq!(Lang::new("xx"), None);
    assert_eq!(Lang::new(""), None);
}

#[test]
fn an_interval_within_one_point_collapses() {
    // Both ends the same day, month, year: the point once, not `12–12 July`.
    assert_eq!(text("2023-07-12/2023-07-12"), "12 July 2023");
    assert_eq!(text("2023-07/2023-07"), "July 2023");
    assert_eq!(text("2023/2023"), "2023");
    assert_eq!(text("-0043/-0043"), "44 BCE");
    assert_eq!(text("2023-07-12~/2023-07-12~"), "c. 12 July 2023");
    assert_eq!(text("2023-07-XX/2023-07"), "July 2023");
    // The same instant, however it is written.
    assert_eq!(
        text("2023-07-12T22:30Z/2023-07-12T22:30Z"),
        "12 July 2023, 22:30 (UTC)"
    );
    assert_eq!(
        text("2023-07-12T22:30+03:00/2023-07-12T19:30Z"),
        "12 July 2023, 22:30 (UTC+3)"
    );
    assert_eq!(
        text("2023-07-12T22:30:00Z/2023-07-12T22:30Z"),
        "12 July 2023, 22:30 (UTC)"
    );
    assert_eq!(
        parts("2023-07-12/2023-07-12"),
        [time("2023-07-12", "12 July 2023")]
    );
}

#[test]
fn a_time_range_within_one_day_names_the_day_once() {
    assert_eq!(
        text("2023-07-12T22:30Z/2023-07-12T23:10Z"),
        "12 July 2023, 22:30–23:10 (UTC)"
    );
    assert_eq!(
        text("2023-07-12T22:30:15+03:00/2023-07-12T22:30:45+03:00"),
        "12 July 2023, 22:30:15–22:30:45 (UTC+3)"
    );
    // A change of offset within the day (clocks turned back) keeps both.
    assert_eq!(
        text("2023-10-29T02:30+03:00/2023-10-29T03:10+02:00"),
        "29 October 2023, 02:30 (UTC+3) – 03:10 (UTC+2)"
    );
    // Other days: both whole.
    assert_eq!(
        text("2023-07-12T22:30Z/2023-07-13T01:00Z"),
        "12 July 2023, 22:30 (UTC) – 13 July 2023, 01:00 (UTC)"
    );
    assert_eq!(
        parts("2023-07-12T22:30Z/2023-07-12T23:10Z"),
        [
            time("2023-07-12T22:30Z", "12 July 2023, 22:30"),
            t("–"),
            time("2023-07-12T23:10Z", "23:10 (UTC)")
        ]
    );
}

fn html(s: &str) -> String {
    parse(s).display(&Lang::default()).html()
}

#[test]
fn what_html_cannot_date_is_data_with_the_edtf_value() {
    // HTML's `datetime` has no year before 1 (SPEC §4): `<data value>` holds
    // the EDTF value instead, qualifiers included.
    assert_eq!(html("-0043"), r#"<data value="-0043">44 BCE</data>"#);
    assert_eq!(html("0000"), r#"<data value="0000">1 BCE</data>"#);
    assert_eq!(
        html("-0043-03-15?"),
        r#"<data value="-0043-03-15?">15 March 44 BCE</data> (uncertain)"#
    );
    assert_eq!(
        html("-0043~/-0040~"),
        r#"c. <data value="-0043~">44</data>–<data value="-0040~">41 BCE</data>"#
    );
    assert_eq!(
        html("0000/0001"),
        r#"<data value="0000">1 BCE</data> – <time datetime="0001">1 CE</time>"#
    );
    assert_eq!(
        html("../-0043"),
        r#"until <data value="-0043">44 BCE</data>"#
    );
    // Nor a decade or a century: `datetime="2020"` would claim one year.
    assert_eq!(html("202X"), r#"<data value="202X">2020s</data>"#);
    assert_eq!(
        html("20XX~"),
        r#"c. <data value="20XX~">21st century</data>"#
    );
    // An unknown month or day leaves a month or a year, which HTML has.
    assert_eq!(
        html("2023-07-XX"),
        r#"<time datetime="2023-07">July 2023</time>"#
    );
    assert_eq!(html("2023-XX-XX"), r#"<time datetime="2023">2023</time>"#);
    assert_eq!(html("0001"), r#"<time datetime="0001">1</time>"#);
    assert_eq!(
        html("9999-12-31"),
        r#"<time datetime="9999-12-31">31 December 9999</time>"#
    );
}
