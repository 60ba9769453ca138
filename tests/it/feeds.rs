//! SPEC §7 feeds and exports: Atom, JSON Feed (site, actors, theatres),
//! iCalendar, events.json, events.csv, TimelineJS, the search index; each
//! escaped for its format, switched by `feeds:`, honouring `base_url`, and
//! deterministic. `tests/feeds/` reads the same files with real parsers.

use crate::support::*;
use std::path::Path;

const BASE: &str = "https://example.org/war/";
const TRICKY: &str =
    r#"Tom & Jerry <script>alert(1)</script> "quoted", with; semicolons \ backslash"#;

/// The files every site with all feeds on gets, beside its pages.
const SITE_FILES: [&str; 7] = [
    "atom.xml",
    "feed.json",
    "calendar.ics",
    "events.json",
    "events.csv",
    "timelinejs.json",
    "search/meta.json",
];

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `<tag>` values in order (`<id>`, `<title type="text">`), unescaped
/// only as far as the assertions need.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    xml.match_indices(&format!("<{tag}"))
        .filter_map(|(i, _)| {
            let rest = &xml[i..];
            let start = rest.find('>')? + 1;
            let end = rest.find(&format!("</{tag}>"))?;
            Some(rest[start..end].to_string())
        })
        .collect()
}

#[test]
fn every_feed_and_export_is_written_for_the_site_its_actors_and_theatres() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    for f in SITE_FILES {
        assert!(public.join(f).is_file(), "{f} missing");
    }
    for dir in [
        "actors/ivan-popov",
        "actors/obrien-sons",
        "theatres/zaporizhzhia",
        "theatres/orikhiv",
    ] {
        assert!(
            public.join(dir).join("atom.xml").is_file(),
            "{dir}/atom.xml"
        );
        assert!(
            public.join(dir).join("feed.json").is_file(),
            "{dir}/feed.json"
        );
    }
    // Pages link their feeds; an actor's page links its own too.
    let index = read(&public.join("index.html"));
    assert!(index.contains(r#"<link rel="alternate" type="application/atom+xml""#));
    assert!(index.contains(r#"type="application/feed+json""#));
    assert!(index.contains(r#"href="/war/atom.xml""#));
    let popov = read(&public.join("actors/ivan-popov/index.html"));
    assert!(popov.contains(r#"href="/war/actors/ivan-popov/atom.xml""#));
    assert!(popov.contains(r#"href="/war/actors/ivan-popov/feed.json""#));
}

#[test]
fn atom_escapes_everything_and_lists_the_newest_first() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let atom = read(&public.join("atom.xml"));
    assert!(atom.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    // No raw markup from the content reaches the XML: titles and bodies are escaped.
    assert!(!atom.contains("<script"));
    assert!(atom.contains("<title type=\"text\">Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;, with; semicolons \\ backslash</title>"));
    assert!(atom
        .contains("<title type=\"text\">Feeds &amp; &lt;Exports&gt; &quot;quoted&quot;</title>"));
    // The body is rendered, sanitised, then escaped once.
    assert!(atom.contains("&lt;p&gt;Fish &amp;amp; chips  and &lt;b&gt;bold&lt;/b&gt;.&lt;/p&gt;"));
    assert!(!atom.contains("&lt;script&gt;alert(&quot;body"));
    let ids = elements(&atom, "id");
    assert_eq!(ids[0], BASE, "the feed's id is the site's URL");
    let slugs: Vec<&str> = ids[1..]
        .iter()
        .map(|id| {
            id.trim_start_matches(BASE)
                .trim_start_matches("events/")
                .trim_end_matches('/')
        })
        .collect();
    assert_eq!(
        slugs,
        [
            "open-end",
            "timed-interval",
            "long-title",
            "interval",
            "tricky",
            "month",
            "approximate",
            "year",
            "open-start",
            "year-zero",
            "bce"
        ]
    );
    // Dates come from the events, never the clock: the feed's is its newest entry's.
    let updated = elements(&atom, "updated");
    assert_eq!(updated[0], "2023-08-01T00:00:00Z");
    assert_eq!(updated[1], "2023-08-01T00:00:00Z");
    assert!(atom.contains("<published>2023-07-12T19:30:00Z</published>"));
    // RFC 3339 has no year before 1: BCE and year 0 are clamped.
    assert_eq!(updated.last().unwrap(), "0001-01-01T00:00:00Z");
    assert!(atom.contains(r#"<category term="obrien-sons" scheme="https://example.org/war/actors/" label="O&#39;Brien &amp; Sons"/>"#));
    // Relative links in a body resolve against the event's page.
    assert!(
        atom.contains(r#"<content type="html" xml:base="https://example.org/war/events/tricky/">"#)
    );
}

#[test]
fn actor_and_theatre_feeds_hold_the_events_of_their_pages() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let popov = json(&public.join("actors/ivan-popov/feed.json"));
    let titles: Vec<&str> = popov["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 4);
    assert_eq!(titles[0], "Ongoing since August");
    assert_eq!(titles[3], TRICKY);
    assert_eq!(
        popov["home_page_url"],
        "https://example.org/war/actors/ivan-popov/"
    );
    assert_eq!(
        popov["feed_url"],
        "https://example.org/war/actors/ivan-popov/feed.json"
    );
    // Zaporizhzhia's feed includes Orikhiv's event, as its page does.
    let zap = read(&public.join("theatres/zaporizhzhia/atom.xml"));
    assert!(zap.contains("<id>https://example.org/war/events/tricky/</id>"));
    assert!(zap.contains("<title type=\"text\">Zaporizhzhia · Feeds &amp; &lt;Exports&gt; &quot;quoted&quot;</title>"));
    assert_eq!(elements(&zap, "entry").len(), 3);
}

#[test]
fn json_feed_is_version_1_1_with_plain_titles_and_sanitised_html() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let feed = json(&public.join("feed.json"));
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], r#"Feeds & <Exports> "quoted""#);
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    let tricky = items
        .iter()
        .find(|i| i["id"] == format!("{BASE}events/tricky/"))
        .unwrap();
    assert_eq!(tricky["title"], TRICKY);
    let html = tricky["content_html"].as_str().unwrap();
    assert!(
        html.contains("Fish &amp; chips") && !html.contains("<script") && !html.contains("onclick")
    );
    assert_eq!(tricky["date_published"], "2023-07-01T00:00:00Z");
    assert_eq!(tricky["_annals"]["status"], "disputed");
}

#[test]
fn calendar_has_whole_day_spans_utc_times_escapes_and_folds() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let bytes = std::fs::read(public.join("calendar.ics")).unwrap();
    let ics = String::from_utf8(bytes).expect("UTF-8, never split inside a character");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line end in {line:?}"
        );
    }
    let unfolded = ics.replace("\r\n ", "");
    let vevent = |slug: &str| -> String {
        let uid = format!("UID:{BASE}events/{slug}/\r\n");
        let start = unfolded
            .find(&uid)
            .unwrap_or_else(|| panic!("no VEVENT for {slug}"));
        let end = unfolded[start..].find("END:VEVENT").unwrap();
        unfolded[start..start + end].to_string()
    };
    let has = |slug: &str, line: &str| {
        let v = vevent(slug);
        assert!(
            v.contains(&format!("{line}\r\n")),
            "{slug} lacks {line:?}:\n{v}"
        );
    };
    has("interval", "DTSTART;VALUE=DATE:20230710");
    has("interval", "DTEND;VALUE=DATE:20230715");
    has("month", "DTSTART;VALUE=DATE:20230601");
    has("month", "DTEND;VALUE=DATE:20230701");
    has("year", "DTSTART;VALUE=DATE:20220101");
    has("year", "DTEND;VALUE=DATE:20230101");
    has(
        "approximate",
        "DESCRIPTION:c. May 2023\\n\\nBody\\, approximately.",
    );
    has("open-end", "DTEND;VALUE=DATE:20230901");
    has("open-start", "DTSTART;VALUE=DATE:20210301");
    has("long-title", "DTSTART:20230712T193000Z");
    has("long-title", "DTSTAMP:20230712T193000Z");
    has("timed-interval", "DTEND:20230720T123000Z");
    has("tricky", "DTSTAMP:20230701T000000Z");
    has(
        "tricky",
        r#"SUMMARY:Tom & Jerry <script>alert(1)</script> "quoted"\, with\; semicolons \\ backslash"#,
    );
    has(
        "tricky",
        r"CATEGORIES:Ivan Popov,O'Brien & Sons,Orikhiv,a&b,semi\;colon",
    );
    has("tricky", "URL:https://example.org/war/events/tricky/");
    assert!(
        !vevent("long-title").contains("DTEND"),
        "a moment has no end"
    );
    // Years before 1 cannot be written in iCalendar: those events are left out.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 9);
    assert!(!ics.contains("events/bce/") && !ics.contains("events/year-zero/"));
    // The long Ukrainian title was folded, and unfolds to itself.
    assert!(ics.contains("\r\n "));
    assert!(unfolded.contains("SUMMARY:Генерал Іван Попов заявив\\, що його звільнили після критики міністерства оборони — Запорізька область\r\n"));
}

#[test]
fn events_json_and_csv_hold_every_event_as_data() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let doc = json(&public.join("events.json"));
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["site"]["url"], BASE);
    assert_eq!(doc["site"]["timezone"], "Europe/Kyiv");
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), 11);
    let by = |slug: &str| events.iter().find(|e| e["slug"] == slug).unwrap().clone();
    let bce = by("bce");
    assert_eq!(
        (
            bce["date"].as_str(),
            bce["start"].as_str(),
            bce["end"].as_str()
        ),
        (Some("-0043"), Some("-0043-01-01"), Some("-0043-12-31"))
    );
    assert_eq!(bce["precision"], "year");
    let open = by("open-start");
    assert!(open["start"].is_null());
    assert_eq!(open["end"], "2021-03-01");
    let tricky = by("tricky");
    assert_eq!(tricky["title"], TRICKY);
    assert_eq!(tricky["tags"][1]["name"], "semi;colon");
    assert_eq!(tricky["sources"][0]["publisher"], "Pub; Lisher");
    assert_eq!(tricky["url"], format!("{BASE}events/tricky/"));

    let mut reader = csv::Reader::from_path(public.join("events.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["slug", "url", "title", "date"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11, "one row per event");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| &r[0] == "tricky").unwrap();
    assert_eq!(&row[col("title")], TRICKY);
    assert_eq!(&row[col("actors")], "Ivan Popov; O'Brien & Sons");
    assert_eq!(
        &row[col("sources")],
        "Pub; Lisher, A \"source\", with commas, 2023-07-02"
    );
    assert_eq!(&row[col("source_urls")], "https://example.org/a?x=1&y=2");
    assert!(row[col("body")].contains('\n'), "the body keeps its lines");
    // Same order as events.json.
    let order: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let json_order: Vec<&str> = events.iter().map(|e| e["slug"].as_str().unwrap()).collect();
    assert_eq!(order, json_order);
}

#[test]
fn timelinejs_and_search_index_describe_every_event() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let tl = json(&public.join("timelinejs.json"));
    assert_eq!(
        tl["title"]["text"]["headline"],
        "Feeds &amp; &lt;Exports&gt; &quot;quoted&quot;"
    );
    let events = tl["events"].as_array().unwrap();
    assert_eq!(events.len(), 11);
    let by = |id: &str| {
        events
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by("bce")["start_date"], serde_json::json!({"year": -44}));
    assert_eq!(
        by("year-zero")["start_date"],
        serde_json::json!({"year": -1})
    );
    assert_eq!(
        by("month")["start_date"],
        serde_json::json!({"year": 2023, "month": 6})
    );
    assert_eq!(
        by("interval")["end_date"],
        serde_json::json!({"year": 2023, "month": 7, "day": 14})
    );
    assert_eq!(
        by("long-title")["start_date"],
        serde_json::json!({"year": 2023, "month": 7, "day": 12, "hour": 22, "minute": 30, "second": 0})
    );
    assert!(by("open-end").get("end_date").is_none());
    assert_eq!(by("interval")["group"], "Ivan Popov");
    let tricky = by("tricky");
    assert_eq!(
        tricky["text"]["headline"],
        "<a href=\"https://example.org/war/events/tricky/\">Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;, with; semicolons \\ backslash</a>"
    );

    // The search index: every event has a record, in timeline order.
    let meta = json(&public.join("search/meta.json"));
    assert_eq!(meta["events"], 11);
    let records = json(&public.join("search/docs/0.json"));
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 11);
    let at = records.iter().position(|r| r["slug"] == "tricky").unwrap();
    assert_eq!(
        records[at]["title"],
        r#"Tom & Jerry <script>alert(1)</script> "quoted", with; semicolons \ backslash"#
    );
    assert_eq!(meta["links"]["event"], "/war/events/{slug}/");
    // Orikhiv's events are Zaporizhzhia's too, as on its page and in `list`.
    assert_eq!(records[at]["theatres"], serde_json::json!(["orikhiv"]));
    for theatre in ["orikhiv", "zaporizhzhia"] {
        let list = json(&public.join(format!("search/facets/theatre/{theatre}.json")));
        let mut n = 0;
        let numbers: Vec<u64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                n += d.as_u64().unwrap();
                n
            })
            .collect();
        assert!(numbers.contains(&(at as u64)), "{theatre}: {numbers:?}");
    }
    let actors = meta["facets"]["actor"].as_array().unwrap();
    assert!(actors.contains(&serde_json::json!(["obrien-sons", "O'Brien & Sons", 1])));
}

/// The `feeds` fixture with `feeds` (the `feeds:` key, as YAML) added to its
/// `annals.yaml`.
fn with_feeds(feeds: &str) -> tempfile::TempDir {
    let site = fixture("feeds");
    let config = site.path().join("annals.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}{feeds}")).unwrap();
    site
}

#[test]
fn feeds_false_writes_none_and_links_none() {
    let site = with_feeds("feeds: false\n");
    let public = build(site.path(), &[]);
    for f in SITE_FILES {
        assert!(!public.join(f).exists(), "{f} written with feeds: false");
    }
    assert!(!public.join("actors/ivan-popov/atom.xml").exists());
    assert!(!public.join("theatres/orikhiv/feed.json").exists());
    for page in ["index.html", "actors/ivan-popov/index.html"] {
        let html = read(&public.join(page));
        assert!(
            !html.contains("application/atom+xml") && !html.contains("application/feed+json"),
            "{page}"
        );
    }
    assert!(public.join("sitemap.xml").exists());
}

#[test]
fn one_feed_can_be_turned_off() {
    let site = with_feeds("feeds:\n  atom: false\n  csv: false\n");
    let public = build(site.path(), &[]);
    assert!(!public.join("atom.xml").exists());
    assert!(!public.join("actors/ivan-popov/atom.xml").exists());
    assert!(!public.join("events.csv").exists());
    for f in [
        "feed.json",
        "actors/ivan-popov/feed.json",
        "calendar.ics",
        "events.json",
        "timelinejs.json",
        "search/meta.json",
    ] {
        assert!(public.join(f).exists(), "{f} missing");
    }
    let index = read(&public.join("index.html"));
    assert!(!index.contains("application/atom+xml"));
    assert!(index.contains("application/feed+json"));
    // The exports are made in one pass: those left on are the same bytes as
    // when all three are written, each in its own file.
    let everything = fixture("feeds");
    let all = build(everything.path(), &[]);
    for f in ["events.json", "timelinejs.json"] {
        assert_eq!(read(&public.join(f)), read(&all.join(f)), "{f}");
    }
    let csv_only = with_feeds("feeds:\n  events_json: false\n  timelinejs: false\n");
    let alone = build(csv_only.path(), &[]);
    assert!(!alone.join("events.json").exists());
    assert!(!alone.join("timelinejs.json").exists());
    assert_eq!(
        read(&alone.join("events.csv")),
        read(&all.join("events.csv"))
    );
    assert!(read(&all.join("events.csv")).starts_with("slug,url,title,"));
}

#[test]
fn every_url_honours_the_base_url() {
    let site = fixture("feeds");
    // A different origin and sub-path from annals.yaml's, given on the command line.
    let public = build(
        site.path(),
        &["--base-url", "https://news.example.com/timelines/war/"],
    );
    let mut checked = 0;
    for (rel, bytes) in tree(&public) {
        let is_feed = rel.ends_with(".xml") && rel != "sitemap.xml"
            || rel.ends_with(".json")
            || rel.ends_with(".ics")
            || rel.ends_with(".csv");
        if !is_feed {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap().replace("\r\n ", "");
        assert!(
            !text.contains("example.org/war"),
            "{rel} kept the old base URL"
        );
        for (i, _) in text.match_indices("https://news.example.com") {
            assert!(
                text[i..].starts_with("https://news.example.com/timelines/war/"),
                "{rel}: {}",
                &text[i..(i + 60).min(text.len())]
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} URLs seen");
    // Without an origin, links are paths and identifiers stay absolute URNs.
    let public = build(site.path(), &["--base-url", "/sub/"]);
    let atom = read(&public.join("atom.xml"));
    assert!(atom.contains("<id>urn:annals:path:/sub/events/tricky/</id>"));
    assert!(atom.contains(r#"<link rel="alternate" type="text/html" href="/sub/events/tricky/"/>"#));
    let ics = read(&public.join("calendar.ics"));
    assert!(ics.contains("UID:urn:annals:path:/sub/events/tricky/"));
    assert!(!ics.contains("URL:"), "URL needs an absolute address");
    assert_eq!(
        json(&public.join("events.json"))["events"][0]["url"],
        "/sub/events/bce/"
    );
}

#[test]
fn feeds_are_identical_from_build_to_build() {
    let site = fixture("feeds");
    let a = tree(&build(site.path(), &["--output", "one"]).with_file_name("one"));
    let b = tree(&build(site.path(), &["--output", "two"]).with_file_name("two"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for f in SITE_FILES {
        assert!(a.contains_key(f), "{f}");
    }
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between builds");
    }
}

#[test]
fn feeds_hold_the_newest_fifty_and_exports_hold_all() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("content/events");
    std::fs::create_dir_all(&events).unwrap();
    for n in 1..=60 {
        let date = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(n);
        std::fs::write(
            events.join(format!("e{n:02}.md")),
            format!("---\ntitle: Event {n}\ndate: {date}\nactors: [A]\nsources: [{{publisher: P}}]\n---\nBody {n}.\n"),
        )
        .unwrap();
    }
    let public = build(dir.path(), &[]);
    for feed in ["atom.xml", "actors/a/atom.xml"] {
        let atom = read(&public.join(feed));
        let titles = elements(&atom, "title");
        assert_eq!(titles.len(), 51, "{feed}: the feed's title and 50 entries");
        assert_eq!(titles[1], "Event 60");
        assert_eq!(titles[50], "Event 11");
    }
    assert_eq!(
        json(&public.join("feed.json"))["items"]
            .as_array()
            .unwrap()
            .len(),
        50
    );
    assert_eq!(
        json(&public.join("events.json"))["events"]
            .as_array()
            .unwrap()
            .len(),
        60
    );
    assert_eq!(
        read(&public.join("calendar.ics"))
            .matches("BEGIN:VEVENT")
            .count(),
        60
    );
}

/// RFC 5545 requires a calendar to hold at least one component: a calendar
/// with no event (an empty site, or one whose events are all before year 1,
/// which iCalendar cannot date) holds the time zone its times are written in.
#[test]
fn a_calendar_without_events_is_still_a_valid_calendar() {
    let empty_calendar = |title: &str| {
        [
            "BEGIN:VCALENDAR".to_string(),
            "VERSION:2.0".to_string(),
            format!("PRODID:-//annals//annals {}//EN", env!("CARGO_PKG_VERSION")),
            "CALSCALE:GREGORIAN".to_string(),
            "METHOD:PUBLISH".to_string(),
            format!("X-WR-CALNAME:{title}"),
            "BEGIN:VTIMEZONE".to_string(),
            "TZID:UTC".to_string(),
            "BEGIN:STANDARD".to_string(),
            "DTSTART:19700101T000000".to_string(),
            "TZOFFSETFROM:+0000".to_string(),
            "TZOFFSETTO:+0000".to_string(),
            "TZNAME:UTC".to_string(),
            "END:STANDARD".to_string(),
            "END:VTIMEZONE".to_string(),
            "END:VCALENDAR".to_string(),
            String::new(),
        ]
        .join("\r\n")
    };
    let site = fixture("empty");
    let public = build(site.path(), &["-q"]);
    assert_eq!(read(&public.join("calendar.ics")), empty_calendar("Empty"));
    // Events iCalendar cannot hold leave it as empty.
    write(
        site.path(),
        "content/events/caesar.md",
        &event("Caesar", "-0043"),
    );
    let public = build(site.path(), &["-q"]);
    assert_eq!(read(&public.join("calendar.ics")), empty_calendar("Empty"));
    // With an event, the event is the component.
    write(
        site.path(),
        "content/events/now.md",
        &event("Now", "2023-07-12"),
    );
    let public = build(site.path(), &["-q"]);
    let calendar = read(&public.join("calendar.ics"));
    assert!(calendar.contains("BEGIN:VEVENT"), "{calendar}");
    assert!(!calendar.contains("VTIMEZONE"), "{calendar}");
}
