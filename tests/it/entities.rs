//! Actor and theatre pages: the span of their events (an open end has not
//! ended) and relation counts that agree between the two sides.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;

/// South contains Orikhiv; Alpha's second event has an open end.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "annals.yaml", "title: Entities\n");
    write(root, "content/theatres/south.md", "---\nname: South\n---\n");
    write(
        root,
        "content/theatres/orikhiv.md",
        "---\nname: Orikhiv\nparent: south\n---\n",
    );
    for (slug, date, actor, theatre) in [
        ("one", "2023-07-10", "Alpha", "Orikhiv"),
        ("two", "2023-08-01/..", "Alpha", "South"),
        ("three", "2023-09-01", "Bravo", "Orikhiv"),
    ] {
        write(
            root,
            &format!("content/events/{slug}.md"),
            &format!(
                "---\ntitle: {slug}\ndate: {date}\nactors: [{actor}]\ntheatres: [{theatre}]\n---\n"
            ),
        );
    }
    dir
}

/// The text of the first element that starts with `open`, up to `close`.
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in:\n{html}"));
    let rest = &html[start..];
    &rest[..rest.find(close).expect("closed") + close.len()]
}

/// A relation list under heading `h2`: name → count.
fn counted(html: &str, h2: &str) -> BTreeMap<String, u32> {
    let list = element(html, &format!("<h2>{h2}</h2>"), "</ul>");
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let name = li.split("\">").nth(1).and_then(|s| s.split("</a>").next());
            let count = li
                .split("<span class=\"count\">")
                .nth(1)
                .and_then(|s| s.split('<').next());
            (
                name.expect("a name").to_string(),
                count.expect("a count").parse().expect("a number"),
            )
        })
        .collect()
}

fn page(public: &Path, path: &str) -> String {
    read(&public.join(path).join("index.html"))
}

#[test]
fn an_open_end_is_shown_as_ongoing_never_as_ended() {
    let dir = site();
    let public = build(dir.path(), &[]);
    let stats = |path| element(&page(&public, path), "<p class=\"stats\">", "</p>").to_string();
    assert_eq!(
        stats("actors/alpha"),
        "<p class=\"stats\">2 events · since <time datetime=\"2023-07-10\">10 July 2023</time></p>"
    );
    assert_eq!(
        stats("theatres/orikhiv"),
        "<p class=\"stats\">2 events · <time datetime=\"2023-07-10\">10 July</time> – <time datetime=\"2023-09-01\">1 September 2023</time></p>"
    );
    assert_eq!(
        stats("actors/bravo"),
        "<p class=\"stats\">1 event · <time datetime=\"2023-09-01\">1 September 2023</time></p>"
    );
    let index = page(&public, "actors");
    // The table of actors, not the matrix above it.
    let index = &index[index.find("<table class=\"entities\">").expect("a table")..];
    let row = |slug: &str| {
        element(
            index,
            &format!("<a href=\"/actors/{slug}/\" dir=\"auto\">"),
            "</tr>",
        )
        .split("<td>")
        .last()
        .expect("a last cell")
        .to_string()
    };
    assert_eq!(row("alpha"), "ongoing</td></tr>");
    assert_eq!(
        row("bravo"),
        "<time datetime=\"2023-09-01\">1 September 2023</time></td></tr>"
    );
}

#[test]
fn an_actors_count_in_a_theatre_is_the_theatres_count_for_the_actor() {
    let dir = site();
    let public = build(dir.path(), &[]);
    let mut from_actors = BTreeMap::new();
    for actor in ["alpha", "bravo"] {
        let html = page(&public, &format!("actors/{actor}"));
        for (theatre, n) in counted(&html, "Theatres") {
            from_actors.insert((actor.to_string(), theatre.to_lowercase()), n);
        }
    }
    let mut from_theatres = BTreeMap::new();
    for theatre in ["south", "orikhiv"] {
        let html = page(&public, &format!("theatres/{theatre}"));
        for (actor, n) in counted(&html, "Actors active here") {
            from_theatres.insert((actor.to_lowercase(), theatre.to_string()), n);
        }
    }
    // South counts Orikhiv's events: Alpha twice (one in each), Bravo once.
    let pairs = [
        ("alpha", "south", 2),
        ("alpha", "orikhiv", 1),
        ("bravo", "south", 1),
        ("bravo", "orikhiv", 1),
    ];
    let expected: BTreeMap<_, _> = pairs
        .iter()
        .map(|(a, t, n)| ((a.to_string(), t.to_string()), *n))
        .collect();
    assert_eq!(from_actors, expected);
    assert_eq!(from_theatres, expected);
}

/// Issue 11: an actor, theatre or tag without a file is shown as most events
/// write it, not as the earliest event happens to; `check` notes writings that
/// differ from it only in case.
#[test]
fn names_without_a_file_take_the_most_frequent_writing() {
    let site = fixture("drafts");
    for (i, date) in ["2023-01-01", "2023-02-01", "2023-03-01"]
        .iter()
        .enumerate()
    {
        write(
            site.path(),
            &format!("content/events/e{i}.md"),
            &format!("---\ntitle: E{i}\ndate: {date}\nactors: [Wagner Group]\ntheatres: [Rostov]\ntags: [Mutiny]\nsources:\n  - url: https://example.org/{i}\n---\n"),
        );
    }
    // The earliest event writes every name another way.
    write(
        site.path(),
        "content/events/early.md",
        "---\ntitle: Early\ndate: 2022-01-01\nactors: [wagner group]\ntheatres: \"[Rostov]\"\ntags: [mutiny]\nsources:\n  - url: https://example.org/early\n---\n",
    );
    // A tie goes to the earliest event.
    write(site.path(), "content/events/t1.md", "---\ntitle: T1\ndate: 2021-01-01\nactors: [Prigozhin]\nsources:\n  - url: https://example.org/t1\n---\n");
    write(site.path(), "content/events/t2.md", "---\ntitle: T2\ndate: 2021-06-01\nactors: [PRIGOZHIN]\nsources:\n  - url: https://example.org/t2\n---\n");
    let public = build(site.path(), &[]);
    // The heading's text, whatever its attributes.
    let h1 = |path: &str| {
        let html = page(&public, path);
        let h1 = element(&html, "<h1", "</h1>");
        h1[h1.find('>').unwrap() + 1..h1.len() - "</h1>".len()].to_string()
    };
    assert_eq!(h1("actors/wagner-group"), "Wagner Group");
    assert_eq!(h1("theatres/rostov"), "Rostov");
    assert_eq!(h1("tags/mutiny"), "Mutiny");
    assert_eq!(h1("actors/prigozhin"), "Prigozhin");
    let out = run(
        site.path(),
        &["check", "--format", "json", "--today", "2024-01-01"],
    );
    let notes: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|o| o["code"] == "N402")
        .map(|o| {
            format!(
                "{}:{}:{} {}",
                o["file"].as_str().unwrap_or_default(),
                o["line"],
                o["column"],
                o["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            "content/events/early.md:4:10 actor `Wagner Group` is written `wagner group` here (once); pages show `Wagner Group`",
            "content/events/early.md:6:8 tag `Mutiny` is written `mutiny` here (once); pages show `Mutiny`",
            "content/events/t2.md:4:10 actor `Prigozhin` is written `PRIGOZHIN` here (once); pages show `Prigozhin`",
        ]
    );
}
