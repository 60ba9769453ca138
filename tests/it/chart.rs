//! SPEC §7 charts: the overview's time axis is labelled at the precision of
//! what it shows, in the site's language, BCE years included.

use crate::support::*;

/// The axis labels of the index's overview chart, for a site of `dates`.
fn axis(language: &str, dates: &[&str]) -> Vec<String> {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "annals.yaml",
        &format!("title: Chart\nlanguage: {language}\n"),
    );
    for (n, date) in dates.iter().enumerate() {
        write(
            site.path(),
            &format!("content/events/e{n}.md"),
            &format!("---\ntitle: E{n}\ndate: \"{date}\"\nactors: [A]\n---\nBody.\n"),
        );
    }
    let public = build(site.path(), &["-q"]);
    let html = read(&public.join("index.html"));
    let start = html.find("<g class=\"axis\">").expect("an axis");
    let end = start + html[start..].find("</g>").unwrap();
    html[start..end]
        .split("<text ")
        .skip(1)
        .map(|t| {
            let t = &t[t.find('>').unwrap() + 1..];
            t[..t.find("</text>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn one_event_is_labelled_at_its_own_precision() {
    assert_eq!(axis("en", &["-0043"]), ["44 BCE"]);
    assert_eq!(axis("en", &["2023"]), ["2023"]);
    assert_eq!(axis("en", &["2023-07"]), ["Jul 2023"]);
    assert_eq!(axis("en", &["2023-07-12"]), ["12 Jul 2023"]);
    assert_eq!(axis("en", &["-0043-03-15"]), ["15 Mar 44 BCE"]);
    // A time: its day, and where the next begins.
    assert_eq!(
        axis("en", &["2023-07-12T22:30Z"]),
        ["12 Jul 2023", "13 Jul"]
    );
}

#[test]
fn short_spans_are_not_labelled_finer_than_their_dates() {
    // Two years a year apart: years, not the months between them.
    assert_eq!(axis("en", &["2022", "2023"]), ["2022", "2023"]);
    assert_eq!(
        axis("en", &["2023-06", "2023-07"]),
        ["Jun 2023", "Jul 2023"]
    );
    // Days name their year once, where the axis starts.
    assert_eq!(
        axis("en", &["2023-07-10", "2023-07-14"]),
        ["10 Jul 2023", "11 Jul", "12 Jul", "13 Jul", "14 Jul"]
    );
    assert_eq!(
        axis("en", &["2022-12-30", "2023-01-02"]),
        ["30 Dec 2022", "31 Dec", "1 Jan 2023", "2 Jan"]
    );
}

#[test]
fn bce_and_huge_spans_fall_on_round_years_of_their_era() {
    assert_eq!(
        axis("en", &["-0043", "-0030"]),
        ["44 BCE", "42 BCE", "40 BCE", "38 BCE", "36 BCE", "34 BCE", "32 BCE"]
    );
    assert_eq!(
        axis("en", &["-0019", "0015"]),
        ["20 BCE", "15 BCE", "10 BCE", "5 BCE", "5", "10", "15"]
    );
    // Years of five or more digits are grouped, as long years are.
    assert_eq!(
        axis("en", &["-9999", "9999"]),
        [
            "10,000 BCE",
            "8000 BCE",
            "6000 BCE",
            "4000 BCE",
            "2000 BCE",
            "2000",
            "4000",
            "6000",
            "8000",
            "10,000"
        ]
    );
}

#[test]
fn cosmological_spans_are_ticked_in_years_ago() {
    let billions = |n: &[u32], unit: &str| {
        n.iter()
            .map(|n| unit.replace("{n}", &n.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        axis("en", &["Y-13800000000", "2023"]),
        billions(&[14, 12, 10, 8, 6, 4, 2], "{n} billion years ago")
    );
    assert_eq!(
        axis("de", &["Y-13800000000", "2023"]),
        billions(&[14, 12, 10, 8, 6, 4, 2], "Vor {n} Milliarden Jahren")
    );
    assert_eq!(
        axis("en", &["Y-315000", "Y-10000"]),
        [
            "300,000 BCE",
            "250,000 BCE",
            "200,000 BCE",
            "150,000 BCE",
            "100,000 BCE",
            "50,000 BCE"
        ]
    );
    assert_eq!(axis("en", &["Y170000002"]), ["170,000,002"]);
}

#[test]
fn long_years_are_placed_in_proportion() {
    let site = tempfile::tempdir().unwrap();
    write(site.path(), "annals.yaml", "title: Chart\n");
    for (n, date) in ["Y-13800000000", "Y-4600000000", "2023"].iter().enumerate() {
        write(
            site.path(),
            &format!("content/events/e{n}.md"),
            &format!("---\ntitle: E{n}\ndate: \"{date}\"\nactors: [A]\n---\nBody.\n"),
        );
    }
    let html = read(&build(site.path(), &["-q"]).join("index.html"));
    let x: Vec<f64> = html
        .split("<circle cx=\"")
        .skip(1)
        .map(|c| c[..c.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(x.len(), 3, "{html}");
    // 9.2 of the 13.8 billion years lie between the first two.
    let share = (x[1] - x[0]) / (x[2] - x[0]);
    assert!((share - 9.2 / 13.8).abs() < 0.002, "{x:?}");
}

#[test]
fn month_labels_are_each_languages_abbreviations_as_labels_begin() {
    // French June and July were both `jui`.
    assert_eq!(
        axis("fr", &["2023-06", "2023-07"]),
        ["Juin 2023", "Juil. 2023"]
    );
    assert_eq!(axis("uk", &["2023-07"]), ["Лип. 2023 р."]);
    assert_eq!(axis("ru", &["2023-07"]), ["Июль 2023 г."]);
    assert_eq!(axis("de", &["2023-03"]), ["Mär 2023"]);
    assert_eq!(axis("es", &["2023-09"]), ["Sept 2023"]);
    assert_eq!(axis("de", &["2023-03-12"]), ["12. März 2023"]);
    assert_eq!(axis("ru", &["2023-05-12"]), ["12 мая 2023 г."]);
    assert_eq!(axis("uk", &["-0043"]), ["44 р. до н. е."]);
}

/// The events each list page's overview chart marks, by their links.
pub(crate) fn marked(html: &str) -> Vec<String> {
    let Some(start) = html.find("<svg class=\"chart\"") else {
        return Vec::new();
    };
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    let mut links: Vec<String> = svg
        .split("<a href=\"")
        .skip(1)
        .filter(|a| {
            a.split('>')
                .next()
                .unwrap_or_default()
                .contains("class=\"mark")
        })
        .map(|a| a[..a.find('"').unwrap()].to_string())
        .collect();
    links.sort();
    links.dedup();
    links
}

#[test]
fn every_event_of_each_example_list_has_a_mark_that_links_to_its_page() {
    let out = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run(
        root,
        &[
            "build",
            "-q",
            "--output",
            out.path().to_str().unwrap(),
            "--base-url",
            "/",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut lists = 0;
    for (rel, _) in tree(out.path()) {
        let full_list = rel == "index.html"
            || ["actors/", "theatres/", "tags/", "years/", "periods/"]
                .iter()
                .any(|s| rel.starts_with(s) && rel.matches('/').count() == 2);
        if !full_list || !rel.ends_with("/index.html") && rel != "index.html" {
            continue;
        }
        let html = read(&out.path().join(&rel));
        let listed: Vec<String> = article_ids(&html)
            .into_iter()
            .map(|slug| format!("/events/{slug}/"))
            .collect();
        if listed.is_empty() {
            continue;
        }
        lists += 1;
        let mut expected = listed.clone();
        expected.sort();
        assert_eq!(marked(&html), expected, "{rel}: one mark per event");
        for link in marked(&html) {
            let page = out
                .path()
                .join(link.trim_start_matches('/'))
                .join("index.html");
            assert!(page.is_file(), "{rel}: {link} leads nowhere");
        }
    }
    // The timeline, 9 actors, 2 theatres, the tags, a year, 2 periods.
    assert!(lists >= 15, "{lists} list pages");
}

#[test]
fn uncertain_dates_have_a_ring_open_ends_fade_and_a_legend_says_so() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "annals.yaml", "title: Legend\n");
    write(
        root,
        "content/actors/x.md",
        "---\nname: X\naffiliation: North\n---\n",
    );
    write(
        root,
        "content/actors/y.md",
        "---\nname: Y\naffiliation: South\n---\n",
    );
    for (slug, date, actor) in [
        ("sure", "2023-07-01", "X"),
        ("circa", "2023-07-05~", "X"),
        ("ongoing", "2023-07-03/..", "Y"),
    ] {
        write(
            root,
            &format!("content/events/{slug}.md"),
            &format!("---\ntitle: {slug}\ndate: \"{date}\"\nactors: [{actor}]\n---\n"),
        );
    }
    let html = read(&build(root, &["-q"]).join("index.html"));
    let start = html.find("<svg class=\"chart\"").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    // Each mark: its event and what is drawn for it.
    let marks: Vec<String> = svg
        .split("<a href=\"/events/")
        .skip(1)
        .map(|m| {
            let slug = &m[..m.find('/').unwrap()];
            let body = &m[..m.find("</a>").unwrap()];
            format!(
                "{slug}: qualified={} ring={} fade={}",
                body.contains(" qualified\""),
                body.contains("class=\"ring\""),
                body.contains("mask=\"url(#annals-fade-end)\"")
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            "sure: qualified=false ring=false fade=false",
            "ongoing: qualified=false ring=false fade=true",
            "circa: qualified=true ring=true fade=false",
        ]
    );
    assert!(svg.contains("<mask id=\"annals-fade-end\""), "{svg}");
    let legend = &svg[svg.find("<g class=\"legend\">").expect("a legend")..];
    let keys: Vec<&str> = legend
        .split("<text ")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect();
    assert_eq!(
        keys,
        ["North", "South", "uncertain or approximate date", "goes on"]
    );
}
