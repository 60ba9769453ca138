//! Linear rendering (SPEC §9, §11): list templates receive only their page's
//! slice of events, never the whole timeline.

use crate::support::*;

#[test]
fn list_templates_receive_only_their_page_of_events() {
    let site = fixture("ordering");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Slices\npaginate_by: 4\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    // Each list template reports how many events its context holds.
    for name in [
        "index.html",
        "year.html",
        "tag.html",
        "actor.html",
        "theatre.html",
    ] {
        std::fs::write(
            site.path().join("templates").join(name),
            "events={{ events | length }} total={{ site.counts.events }}\n",
        )
        .unwrap();
    }
    let public = build(site.path(), &[]);
    let mut received = std::collections::BTreeMap::new();
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        if let Some(rest) = text.strip_prefix("events=") {
            let n: usize = rest.split_whitespace().next().unwrap().parse().unwrap();
            assert!(text.contains("total=14"), "{path}: {text}");
            received.insert(path, n);
        }
    }
    // 14 events in pages of 4: the timeline's pages get exactly 4, 4, 4 and 2.
    let index: Vec<usize> = [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "page/4/index.html",
    ]
    .iter()
    .map(|p| received.get(*p).copied().unwrap_or(usize::MAX))
    .collect();
    assert_eq!(index, [4, 4, 4, 2], "{received:?}");
    assert!(!received.contains_key("page/5/index.html"));
    assert!(
        received.values().all(|&n| (1..=4).contains(&n)),
        "{received:?}"
    );
}

/// A theatre's "active here" list and an actor's "appears with" list are
/// bounded: the 100 most frequent, then "and N more", with the real totals.
#[test]
fn relation_lists_show_the_hundred_most_frequent_and_say_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/events")).unwrap();
    std::fs::write(root.join("annals.yaml"), "title: Crowd\n").unwrap();
    let actors: Vec<String> = (0..105).map(|i| format!("Unit {i:03}")).collect();
    // Unit 000 and Unit 001 appear twice, so they lead the lists.
    for (name, list) in [("everyone", actors.clone()), ("two", actors[..2].to_vec())] {
        let list = list
            .iter()
            .map(|a| format!("  - {a}\n"))
            .collect::<String>();
        std::fs::write(
            root.join(format!("content/events/{name}.md")),
            format!(
                "---\ntitle: {name}\ndate: 2023-07-12\ntheatres: [Front]\nactors:\n{list}---\n"
            ),
        )
        .unwrap();
    }
    let public = build(root, &[]);
    let theatre = read(&public.join("theatres/front/index.html"));
    let section = theatre
        .split("<h2>Actors active here</h2>")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("the theatre lists its actors");
    assert_eq!(section.matches("<li>").count(), 100, "{section}");
    assert!(section.contains("and 5 more"), "{section}");
    let first = section.find("Unit 000").unwrap();
    let later = section.find("Unit 050").unwrap();
    assert!(first < later, "most frequent first");
    let actor = read(&public.join("actors/unit-000/index.html"));
    let with = actor
        .split("<h2>Appears with</h2>")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert_eq!(with.matches("<li>").count(), 100);
    assert!(with.contains("and 4 more"), "{with}");
}
