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
    let mut pages = 0;
    for (path, bytes) in tree(&public) {
        let text = String::from_utf8_lossy(&bytes);
        if let Some(rest) = text.strip_prefix("events=") {
            let n: usize = rest.split_whitespace().next().unwrap().parse().unwrap();
            assert!(n <= 4, "{path} received {n} events");
            assert!(text.contains("total=14"), "{path}: {text}");
            pages += 1;
        }
    }
    // 14 events in pages of 4 on the index (4 pages) and the year page (4 pages).
    assert!(pages >= 8, "only {pages} list pages");
}
