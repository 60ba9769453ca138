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
        "<p class=\"stats\">2 events · from <time datetime=\"2023-07-10\">10 July 2023</time></p>"
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
    let row = |slug: &str| {
        element(
            &index,
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
