//! `plan::affected`: the files one event reaches are exactly the files that
//! differ between two full builds, for an edit, an addition and a removal.
//! `serve`'s incremental rebuilds rest on this answer.

use crate::support::*;
use annals::site::{self, Options, Site};
use annals::write::MemorySink;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const ACTORS: [&str; 4] = ["Alpha Unit", "Bravo Unit", "Charlie Ministry", "Delta"];
const THEATRES: [&str; 3] = ["North", "South", "Orikhiv"];

/// A site of 30 events over two years, with actors, theatres (one inside
/// another), tags, related links, two periods and pages of four.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "annals.yaml",
        "title: Incremental\nbase_url: https://example.org/war/\npaginate_by: 4\n",
    );
    write(root, "content/theatres/south.md", "---\nname: South\n---\n");
    write(
        root,
        "content/theatres/orikhiv.md",
        "---\nname: Orikhiv\nparent: south\n---\n",
    );
    write(
        root,
        "content/periods/first.md",
        "---\nname: First year\ndate: 2022\n---\n",
    );
    write(
        root,
        "content/periods/second.md",
        "---\nname: Second year\ndate: 2023/..\n---\n",
    );
    for n in 0..30 {
        write(
            root,
            &format!("content/events/e{n:02}.md"),
            &event_text(n, &format!("Event number {n}")),
        );
    }
    dir
}

fn event_text(n: usize, title: &str) -> String {
    let year = 2022 + n / 15;
    let month = 1 + (n % 15) % 12;
    let day = 1 + n % 27;
    let related = if n % 7 == 3 {
        format!("related: [e{:02}]\n", n - 1)
    } else {
        String::new()
    };
    format!(
        "---\ntitle: {title}\ndate: {year}-{month:02}-{day:02}\nactors: [{}, {}]\ntheatres: {}\ntags: [{}]\n{related}sources:\n  - publisher: Agency\n    url: https://example.org/s/{n}\n---\nBody of event {n}.\n",
        ACTORS[n % 4],
        ACTORS[(n / 4) % 4],
        THEATRES[n % 3],
        if n.is_multiple_of(2) { "even" } else { "odd" },
    )
}

fn load(root: &Path) -> Site {
    let loaded = site::load(&Options {
        root: root.to_path_buf(),
        ..Options::default()
    });
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| annals::report::human(d, false))
        .collect();
    loaded
        .site
        .unwrap_or_else(|| panic!("the site loads: {errors:?}"))
}

fn files(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let sink = MemorySink::default();
    if site.build_into(&sink).is_err() {
        panic!("the site builds");
    }
    sink.files.into_inner().expect("not poisoned")
}

/// Paths present in only one build, or different.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// What `affected` names for `slug` after `change`, and the files that two
/// builds say differ.
fn named_and_differing(
    change: impl FnOnce(&Path),
    slug: &str,
) -> (BTreeSet<String>, BTreeSet<String>, usize) {
    let dir = site();
    let before = load(dir.path());
    let old = files(&before);
    change(dir.path());
    let after = load(dir.path());
    let new = files(&after);
    let named = after.affected_files(&before, slug).expect("a slug");
    (named, differing(&old, &new), old.len())
}

/// Whether `file` is among `named`, itself or under a named folder (a name
/// ending in `/`: the search index's terms, which depend on bodies that a
/// build does not keep).
fn covers(named: &BTreeSet<String>, file: &str) -> bool {
    named.contains(file)
        || named
            .iter()
            .any(|n| n.ends_with('/') && file.starts_with(n.as_str()))
}

/// Changes the site with `change`, and compares what `affected` names for
/// `slug` with what two builds say: every file that differs is named, and
/// every file named (not a folder) differs.
fn check(change: impl FnOnce(&Path), slug: &str) -> usize {
    let (named, differs, all) = named_and_differing(change, slug);
    let missing: Vec<_> = differs.iter().filter(|f| !covers(&named, f)).collect();
    let extra: Vec<_> = named
        .iter()
        .filter(|n| !n.ends_with('/') && !differs.contains(*n))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "changed but not named: {missing:?}\nnamed but unchanged: {extra:?}"
    );
    assert!(differs.len() < all || slug != "e13");
    differs.len()
}

#[test]
fn re_dating_an_event_into_another_period_reaches_both_periods() {
    // e13 is in 2022 (the first year); re-dated into 2023, it moves to the
    // second period. Every page is named (the plan answers a re-date with
    // all pages), and what changes is among what is named: both periods'
    // pages, embed pages and data.
    let (named, differs, _) = named_and_differing(
        |root| {
            let text = event_text(13, "Event number 13").replace("date: 2022-", "date: 2023-");
            write(root, "content/events/e13.md", &text)
        },
        "e13",
    );
    let missing: Vec<_> = differs.iter().filter(|f| !covers(&named, f)).collect();
    assert!(missing.is_empty(), "changed but not named: {missing:?}");
    for file in [
        "periods/first/index.html",
        "periods/second/index.html",
        "embed/periods/first/index.html",
        "embed/periods/second/index.html",
        "embed/periods/first/data.json",
        "embed/periods/second/data.json",
    ] {
        assert!(differs.contains(file), "{file} did not change");
    }
}

#[test]
fn a_title_edit_reaches_exactly_the_files_that_change() {
    let changed = check(
        |root| {
            write(
                root,
                "content/events/e13.md",
                &event_text(13, "A new title for thirteen"),
            )
        },
        "e13",
    );
    // Its page, its neighbours', pages of lists, feeds and exports: far from all.
    assert!((10..60).contains(&changed), "{changed} files changed");
    // The event that relates to another: that one's page shows the new title too.
    check(
        |root| {
            write(
                root,
                "content/events/e09.md",
                &event_text(9, "Nine, renamed"),
            )
        },
        "e09",
    );
}

/// The search index (issue 14): a body edit reaches the term files and its
/// record, and no other file of the index; a status edit, the status facets and `meta.json`
/// (which counts them) and the event's records file.
#[test]
fn the_search_index_files_an_edit_reaches_are_named() {
    let (named, differs, _) = named_and_differing(
        |root| {
            let text = event_text(13, "Event number 13").replace(
                "Body of event 13.",
                "Body of event 13, now with Quillfeather.",
            );
            write(root, "content/events/e13.md", &text)
        },
        "e13",
    );
    let search = |set: &BTreeSet<String>| -> Vec<String> {
        set.iter()
            .filter(|f| f.starts_with("search/"))
            .cloned()
            .collect()
    };
    // The body's first paragraph is the event's summary, in its record.
    assert_eq!(search(&named), ["search/docs/0.json", "search/terms/"]);
    let changed = search(&differs);
    assert_eq!(changed[0], "search/docs/0.json");
    assert!(changed.len() > 1, "a new word changes a term file");
    assert!(
        changed[1..].iter().all(|f| f.starts_with("search/terms/")),
        "{changed:?}"
    );
    let (named, differs, _) = named_and_differing(
        |root| {
            let text =
                event_text(13, "Event number 13").replace("---\nBody", "status: denied\n---\nBody");
            write(root, "content/events/e13.md", &text)
        },
        "e13",
    );
    let expected = [
        "search/docs/0.json",
        "search/facets/status/denied.json",
        "search/facets/status/reported.json",
        "search/meta.json",
        "search/terms/",
    ];
    assert_eq!(search(&named), expected);
    let changed = search(&differs);
    assert_eq!(changed, expected[..4], "the terms did not change");
}

#[test]
fn adding_an_event_reaches_exactly_the_files_that_change() {
    check(
        |root| {
            write(
                root,
                "content/events/e30.md",
                &event_text(30, "A thirtieth"),
            )
        },
        "e30",
    );
}

#[test]
fn removing_an_event_reaches_exactly_the_files_that_change() {
    check(
        |root| std::fs::remove_file(root.join("content/events/e05.md")).expect("remove"),
        "e05",
    );
}
