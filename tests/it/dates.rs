//! SPEC §4 display: every date at its own precision, in `<time datetime>`.

use crate::support::*;

#[test]
fn every_date_form_renders_at_its_precision() {
    let site = fixture("dates");
    let public = build(site.path(), &[]);
    let cases = [
        ("year", r#"<time datetime="2023">2023</time>"#),
        ("integer-year", r#"<time datetime="1991">1991</time>"#),
        ("month", r#"<time datetime="2023-07">July 2023</time>"#),
        ("day", r#"<time datetime="2023-07-12">12 July 2023</time>"#),
        (
            "timed-offset",
            r#"<time datetime="2023-07-12T22:30:00+03:00">12 July 2023, 22:30 (UTC+3)</time>"#,
        ),
        (
            "timed-seconds",
            r#"<time datetime="2023-07-12T22:30:15-04:00">12 July 2023, 22:30:15 (UTC-4)</time>"#,
        ),
        (
            "timed-utc",
            r#"<time datetime="2023-07-12T22:30Z">12 July 2023, 22:30 (UTC)</time>"#,
        ),
        // No offset written: the site's timezone (Europe/Kyiv, summer time) applies.
        (
            "timed-local",
            r#"<time datetime="2023-07-12T22:30+03:00">12 July 2023, 22:30 (UTC+3)</time>"#,
        ),
        (
            "approximate",
            r#"c. <time datetime="2023-07">July 2023</time>"#,
        ),
        (
            "uncertain",
            r#"<time datetime="2023-07-12">12 July 2023</time> (uncertain)"#,
        ),
        (
            "both",
            r#"c. <time datetime="2023-07-12">12 July 2023</time> (uncertain)"#,
        ),
        (
            "unspecified-day",
            r#"<time datetime="2023-07">July 2023</time>"#,
        ),
        // `datetime="2020"` would say the year 2020: a decade is EDTF data.
        ("decade", r#"<data value="202X">2020s</data>"#),
        (
            "interval",
            r#"<time datetime="2023-07-10">10</time>–<time datetime="2023-07-14">14 July 2023</time>"#,
        ),
        (
            "end-key",
            r#"<time datetime="2023-07-10">10</time>–<time datetime="2023-07-14">14 July 2023</time>"#,
        ),
        (
            "interval-months",
            r#"<time datetime="2023-07-12">12 July</time> – <time datetime="2023-08-03">3 August 2023</time>"#,
        ),
        (
            "open-end",
            r#"since <time datetime="2023-07">July 2023</time>"#,
        ),
        (
            "open-start",
            r#"until <time datetime="2023-07-14">14 July 2023</time>"#,
        ),
        // HTML's `datetime` has no year before 1: the EDTF value, as data.
        ("bce", r#"<data value="-0043">44 BCE</data>"#),
        // nor seasons, centuries or millennia
        ("season", r#"<data value="2001-24">winter 2001–02</data>"#),
        (
            "season-interval",
            r#"<data value="2003-22">summer</data>–<data value="2003-23">autumn 2003</data>"#,
        ),
        ("century", r#"<data value="16XX">17th century</data>"#),
        (
            "bce-century",
            r#"<data value="-01XX">2nd century BCE</data>"#,
        ),
        ("millennium", r#"<data value="1XXX">2nd millennium</data>"#),
        // an end the sources do not give, unlike an open end
        (
            "unknown-end",
            r#"<time datetime="2023-07">July 2023</time> – ?"#,
        ),
        (
            "unknown-start",
            r#"? – <time datetime="2023-07-14">14 July 2023</time>"#,
        ),
        ("unknown-year", r#"<data value="XXXX">unknown year</data>"#),
        // Long years: HTML's `datetime` has no form for them either.
        (
            "long-year",
            r#"<data value="Y-13800000000">13.8 billion years ago</data>"#,
        ),
        (
            "long-integer",
            r#"<data value="Y-65000000">65 million years ago</data>"#,
        ),
        (
            "long-span",
            r#"<data value="Y-538799999">539 million years ago</data> – <data value="Y-251901999">252 million years ago</data>"#,
        ),
        (
            "long-future",
            r#"<data value="Y170000002">170,000,002</data>"#,
        ),
    ];
    for (slug, expected) in cases {
        let html = read(&public.join(format!("events/{slug}/index.html")));
        let line = html
            .lines()
            .find(|l| l.contains("class=\"event-date\""))
            .unwrap_or_default();
        assert!(
            line.contains(expected),
            "{slug}: expected {expected} in {line}"
        );
        let data_only = [
            "unknown-year",
            "long-year",
            "long-integer",
            "long-span",
            "long-future",
            "bce",
            "decade",
            "season",
            "season-interval",
            "century",
            "bce-century",
            "millennium",
        ];
        if data_only.contains(&slug) {
            assert!(!line.contains("<time"), "{line}");
        }
    }
}

#[test]
fn years_get_pages_including_bce() {
    let site = fixture("dates");
    let public = build(site.path(), &[]);
    for y in ["2023", "2020", "1991", "-0043"] {
        assert!(
            public.join(format!("years/{y}/index.html")).is_file(),
            "year page {y}"
        );
    }
    let bce = read(&public.join("years/-0043/index.html"));
    assert!(bce.contains(r#"<h1><data value="-0043">44 BCE</data></h1>"#));
    let years = read(&public.join("years/index.html"));
    assert!(years.find("44 BCE").unwrap() < years.find(">1991<").unwrap());
}

/// Year pages are for years written with four digits: an event in a long
/// year, in an unknown year (`XXXX`) or with an open or unknown start is on
/// no year page, and on every other list.
#[test]
fn only_four_digit_years_have_pages() {
    let site = fixture("dates");
    let public = build(site.path(), &[]);
    let mut pages: Vec<String> = std::fs::read_dir(public.join("years"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|e| e != "index.html")
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        ["-0043", "-0199", "1000", "1600", "1991", "2001", "2003", "2020", "2023"]
    );
    let on_year_pages: Vec<String> = pages
        .iter()
        .flat_map(|y| article_ids(&read(&public.join(format!("years/{y}/index.html")))))
        .collect();
    for slug in [
        "long-year",
        "long-integer",
        "long-span",
        "long-future",
        "unknown-year",
        "open-start",
        "unknown-start",
    ] {
        assert!(
            !on_year_pages.iter().any(|id| id == slug),
            "{slug} is on a year page"
        );
    }
    // The index holds them all, in order, under headings of their own.
    let index = read(&public.join("index.html"));
    let ids = article_ids(&index);
    assert_eq!(ids.len(), 31);
    assert_eq!(
        ids[..4],
        ["long-year", "long-span", "long-integer", "bce-century"]
    );
    assert_eq!(ids.last().map(String::as_str), Some("long-future"));
    assert!(on_year_pages.iter().any(|id| id == "bce"));
    let headings: Vec<&str> = index
        .lines()
        .filter(|l| l.contains("class=\"year-heading\""))
        .collect();
    assert_eq!(
        headings[..3],
        [
            r#"<h2 class="year-heading" id="y--13800000000"><data value="Y-13800000000">13.8 billion years ago</data></h2>"#,
            r#"<h2 class="year-heading" id="y--538799999"><data value="Y-538799999">539 million years ago</data></h2>"#,
            r#"<h2 class="year-heading" id="y--65000000"><data value="Y-65000000">65 million years ago</data></h2>"#,
        ]
    );
    assert!(
        headings.contains(
            &r#"<h2 class="year-heading" id="y-unknown"><data value="XXXX">Unknown year</data></h2>"#
        ),
        "{headings:#?}"
    );
    assert_eq!(
        headings.last().copied(),
        Some(
            r#"<h2 class="year-heading" id="y-170000002"><data value="Y170000002">170,000,002</data></h2>"#
        )
    );
    assert!(headings.contains(
        &r#"<h2 class="year-heading" id="y-2023"><a href="/years/2023/"><time datetime="2023">2023</time></a></h2>"#
    ));
}

/// The `startDate` and `endDate` of an event page's JSON-LD, `null` when absent.
fn json_ld_dates(public: &std::path::Path, slug: &str) -> (serde_json::Value, serde_json::Value) {
    let html = read(&public.join(format!("events/{slug}/index.html")));
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    (ld["startDate"].clone(), ld["endDate"].clone())
}

/// schema.org dates are ISO 8601 at the precision written: an open start
/// has no `startDate` (only its end is known), BCE years are ISO 8601's
/// expanded astronomical years (`-0043` is 44 BCE, as in EDTF), and a
/// decade, which ISO 8601 dates cannot write, is left out rather than
/// claimed as its first year.
#[test]
fn json_ld_dates_say_only_what_is_known() {
    let site = fixture("dates");
    let public = build(site.path(), &[]);
    let null = serde_json::Value::Null;
    let cases = [
        ("day", ("2023-07-12".into(), null.clone())),
        ("interval", ("2023-07-10".into(), "2023-07-14".into())),
        ("open-end", ("2023-07".into(), null.clone())),
        ("open-start", (null.clone(), "2023-07-14".into())),
        (
            "timed-offset",
            ("2023-07-12T22:30:00+03:00".into(), null.clone()),
        ),
        ("unspecified-day", ("2023-07".into(), null.clone())),
        ("bce", ("-0043".into(), null.clone())),
        ("decade", (null.clone(), null.clone())),
        // long years: ISO 8601's expanded years, sign and all digits
        ("long-year", ("-13800000000".into(), null.clone())),
        ("long-span", ("-538799999".into(), "-251901999".into())),
        ("long-future", ("+170000002".into(), null.clone())),
    ];
    for (slug, expected) in cases {
        assert_eq!(json_ld_dates(&public, slug), expected, "{slug}");
    }
}

/// SPEC §4: an EDTF interval joins dates; a span between date-times is
/// written with `date` and `end`, and the error says so, where it is.
#[test]
fn date_time_intervals_are_errors_that_give_both_keys() {
    let site = fixture("drafts");
    write(
        site.path(),
        "content/events/timed.md",
        "---\ntitle: Timed\ndate: 2023-07-12T22:30/2023-07-13\n---\n",
    );
    let out = run(site.path(), &["check", "--today", "2024-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let block = err
        .split("\n\n")
        .find(|b| b.contains("content/events/timed.md"))
        .unwrap_or_default();
    assert_eq!(
        block,
        "error[E120]: `2023-07-12T22:30/2023-07-13`: an interval joins dates, not date-times (`2023-07-12T22:30` has a time)\n \
         --> content/events/timed.md:3:7\n  \
         |\n\
         3 | date: 2023-07-12T22:30/2023-07-13\n  \
         |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  \
         = hint: write the start as `date: 2023-07-12T22:30` and the end as `end: 2023-07-13` (two keys)"
    );
}

/// `date_display` takes `event.date`, whose EDTF text for a span between
/// date-times (`date` + `end`) is `A/B` with times: the one place such text
/// is read back.
#[test]
fn date_display_reads_back_a_span_between_date_times() {
    let site = fixture("dates");
    write(
        site.path(),
        "content/events/timed-span.md",
        "---\ntitle: Timed span\ndate: 2023-07-12T22:30Z\nend: 2023-07-12T23:10Z\n---\nBody.\n",
    );
    write(
        site.path(),
        "templates/event.html",
        "{% extends \"base.html\" %}\n{% block content %}<p id=\"d\">{{ event.date | date_display(format=\"text\") }}</p>{% endblock content %}\n",
    );
    let public = build(site.path(), &[]);
    let html = read(&public.join("events/timed-span/index.html"));
    assert!(
        html.contains(r#"<p id="d">12 July 2023, 22:30–23:10 (UTC)</p>"#),
        "{html}"
    );
}
