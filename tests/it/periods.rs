//! SPEC §5 periods: `content/periods/*.md`, their pages, bands, exports and
//! the checks of `periods:` on events.

use crate::support::*;
use serde_json::Value;
use std::path::Path;

fn page(out: &Path, rel: &str) -> String {
    read(&out.join(rel).join("index.html"))
}

#[test]
fn each_period_has_its_events_by_date_or_by_name() {
    let site = fixture("periods");
    let out = build(site.path(), &[]);
    assert_eq!(
        article_ids(&page(&out, "periods/prelude")),
        ["early"],
        "an open start reaches back to the beginning"
    );
    assert_eq!(
        article_ids(&page(&out, "periods/offensive")),
        ["start", "longspan", "push", "named"],
        "an interval whose start is open belongs where it sorts, by its end"
    );
    assert_eq!(
        article_ids(&page(&out, "periods/river")),
        ["push"],
        "`periods:` names the only periods an event is in, though July holds its date"
    );
    assert_eq!(article_ids(&page(&out, "periods/aftermath")), ["late"]);
}

#[test]
fn periods_are_listed_in_time_order_with_their_spans() {
    let site = fixture("periods");
    let out = build(site.path(), &[]);
    let names = |html: &str| -> Vec<String> {
        let list = html
            .split("<ul class=\"periods\">")
            .nth(1)
            .and_then(|s| s.split("</ul>").next())
            .unwrap_or_else(|| panic!("no period list in:\n{html}"));
        list.split("<li>")
            .skip(1)
            .map(|li| {
                let name = li
                    .split("dir=\"auto\">")
                    .nth(1)
                    .and_then(|s| s.split("</a>").next());
                let dates = li
                    .split("<span class=\"dates\">")
                    .nth(1)
                    .map(|s| s.split("</span>").next().unwrap_or_default().to_string());
                let count = li
                    .split("<span class=\"count\">")
                    .nth(1)
                    .and_then(|s| s.split('<').next());
                format!(
                    "{} | {} | {}",
                    name.unwrap_or_default(),
                    dates.unwrap_or_default(),
                    count.unwrap_or_default()
                )
            })
            .collect()
    };
    let expected = [
        "The prelude | until <time datetime=\"2023-05-31\">31 May 2023</time> | 1",
        "The summer offensive | <time datetime=\"2023-06\">June</time>–<time datetime=\"2023-08\">August 2023</time> | 4",
        "River campaign | <time datetime=\"2023-07\">July 2023</time> | 1",
        "Aftermath | since <time datetime=\"2023-09-01\">1 September 2023</time> | 1",
    ];
    assert_eq!(names(&page(&out, "periods")), expected, "the periods page");
    assert_eq!(
        names(&page(&out, "")),
        expected,
        "the timeline's first page"
    );
    // The period's own page: its description and colour.
    let offensive = page(&out, "periods/offensive");
    assert!(
        offensive.contains("<p>Three months of <strong>attacks</strong> in the south.</p>"),
        "{offensive}"
    );
    assert!(
        offensive.contains("fill=\"#cc5533\""),
        "the colour, in one spelling"
    );
    // An event's page names its periods.
    let push = page(&out, "events/push");
    assert!(
        push.contains("<dt>Periods</dt><dd><a class=\"chip period\" href=\"/war/periods/offensive/\" dir=\"auto\">The summer offensive</a> <a class=\"chip period\" href=\"/war/periods/river/\" dir=\"auto\">River campaign</a> </dd>"),
        "{push}"
    );
}

#[test]
fn charts_draw_a_band_per_period_linking_to_it() {
    let site = fixture("periods");
    let out = build(site.path(), &[]);
    let index = page(&out, "");
    let bands: Vec<String> = index
        .split("<a href=\"")
        .skip(1)
        .filter(|a| a.contains("class=\"band\""))
        .map(|a| a.split('"').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        bands,
        [
            "/war/periods/prelude/",
            "/war/periods/offensive/",
            "/war/periods/river/",
            "/war/periods/aftermath/"
        ]
    );
    // A label stops where a later band, drawn over its own, begins.
    let labels: Vec<&str> = index
        .split("<text class=\"band-label\"")
        .skip(1)
        .filter_map(|t| t.split('>').nth(1)?.split('<').next())
        .collect();
    assert_eq!(
        labels,
        [
            "The prelude",
            "The summer offen…",
            "River campaign",
            "Aftermath"
        ]
    );
    // An actor's chart shows them too.
    assert_eq!(
        page(&out, "actors/alpha").matches("class=\"band\"").count(),
        4
    );
}

#[test]
fn every_period_has_an_embed_page_and_an_oembed_response() {
    let site = fixture("periods");
    let out = build(site.path(), &[]);
    let embed = page(&out, "embed/periods/offensive");
    assert!(embed.contains("A raid on the bridge"), "{embed}");
    let oembed: Value =
        serde_json::from_str(&read(&out.join("oembed/periods/offensive.json"))).unwrap();
    assert_eq!(oembed["type"], "rich");
    assert_eq!(oembed["title"], "The summer offensive");
    let full = page(&out, "periods/offensive");
    assert!(
        full.contains("href=\"https://example.org/war/oembed/periods/offensive.json\""),
        "the discovery link"
    );
}

#[test]
fn exports_carry_periods() {
    let site = fixture("periods");
    let out = build(site.path(), &[]);
    let json: Value = serde_json::from_str(&read(&out.join("events.json"))).unwrap();
    let slugs = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        slugs(&json["periods"]),
        ["prelude", "offensive", "river", "aftermath"]
    );
    assert_eq!(
        json["periods"][1],
        serde_json::json!({
            "slug": "offensive", "name": "The summer offensive", "date": "2023-06/2023-08",
            "start": "2023-06-01", "end": "2023-08-31", "colour": "#cc5533",
            "description": "Three months of **attacks** in the south.\n"
        })
    );
    assert_eq!(json["periods"][0]["start"], Value::Null);
    let push = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "push")
        .unwrap();
    assert_eq!(slugs(&push["periods"]), ["offensive", "river"]);

    let csv = read(&out.join("events.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "push")
        .unwrap();
    assert_eq!(&row[col("periods")], "The summer offensive; River campaign");
    assert_eq!(&row[col("period_slugs")], "offensive; river");

    let atom = read(&out.join("atom.xml"));
    assert!(
        atom.contains("<category term=\"river\" scheme=\"https://example.org/war/periods/\" label=\"River campaign\"/>"),
        "{atom}"
    );
    let ics = read(&out.join("calendar.ics"));
    assert!(
        ics.contains("CATEGORIES:Alpha,The summer offensive,River campaign\r\n"),
        "{ics}"
    );

    let tl: Value = serde_json::from_str(&read(&out.join("timelinejs.json"))).unwrap();
    let eras: Vec<String> = tl["eras"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} → {}",
                e["text"]["headline"].as_str().unwrap(),
                e["start_date"],
                e["end_date"]
            )
        })
        .collect();
    assert_eq!(
        eras,
        [
            // An open start is the timeline's first start.
            r#"The prelude {"day":2,"month":4,"year":2023} → {"day":31,"month":5,"year":2023}"#,
            r#"The summer offensive {"month":6,"year":2023} → {"month":8,"year":2023}"#,
            // A period of one month: TimelineJS would drop an end equal to
            // its start and refuse the file, so the era runs day to day.
            r#"River campaign {"day":1,"month":7,"year":2023} → {"day":31,"month":7,"year":2023}"#,
            // An open end is the timeline's last end.
            r#"Aftermath {"day":1,"month":9,"year":2023} → {"day":1,"month":10,"year":2023}"#,
        ]
    );
}

#[test]
fn list_filters_by_period_slug_or_name() {
    let site = fixture("periods");
    let slugs = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let out = run(site.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(slugs(&["--period", "river"]), ["push"]);
    assert_eq!(
        slugs(&["--period", "the summer offensive"]),
        ["start", "longspan", "push", "named"]
    );
    let out = run(site.path(), &["list", "--period", "rivers"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no period is called `rivers`; did you mean `river`?\n"
    );
}

#[test]
fn wrong_periods_are_diagnostics_at_their_line() {
    let site = fixture("periods");
    let root = site.path();
    write(
        root,
        "content/events/stray.md",
        "---\ntitle: Stray\ndate: 2023-07-02\nperiods:\n  - river\n  - The Winter War\nsources: [{publisher: L, url: \"https://example.org/l\"}]\n---\n",
    );
    write(
        root,
        "content/events/outside.md",
        "---\ntitle: Outside\ndate: 2023-12-02\nperiods: [river]\nsources: [{publisher: L, url: \"https://example.org/m\"}]\n---\n",
    );
    write(
        root,
        "content/periods/again.md",
        "---\nname: River Campaign\ndate: 2023-07-03/2023-07-01\ncolour: red\n---\n",
    );
    write(
        root,
        "content/periods/undated.md",
        "---\nname: Undated\n---\n",
    );
    let out = run(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "error[E132]: period `The Winter War` does not exist\n --> content/events/stray.md:6:5\n",
        "warning[W309]: the event is dated 2023-12-02, outside the period `river` (2023-07)\n --> content/events/outside.md:4:11\n",
        "error[E140]: two periods are named `River Campaign`: `river` and `again`\n --> content/periods/again.md:2:7\n",
        "error[E112]: `red` is not a colour annals can use\n --> content/periods/again.md:4:9\n",
        "error[E111]: a period has no `date`\n --> content/periods/undated.md:1:1\n",
    ] {
        assert!(err.contains(expected), "no {expected:?} in:\n{err}");
    }
    assert!(
        err.contains("error[E120]") && err.contains("content/periods/again.md:3:"),
        "the interval that ends before it starts: {err}"
    );
}
