//! The synthetic corpus (`examples/corpus.rs`): the same seed gives the same
//! files, a corpus is a valid site that builds, and its Hugo twin has the same
//! events.

use crate::support::*;
use std::path::{Path, PathBuf};

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// Slugs of the event files below `dir`, sorted.
fn event_slugs(dir: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .file_name()?
                .to_str()?
                .strip_suffix(".md")
                .map(str::to_string)
        })
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |name: &str| -> PathBuf { tmp.path().join(name) };
    corpus(&["--events", "250", "--seed", "7", "--out", path(&dir("a"))]);
    // One writer thread instead of several: the files must not change.
    corpus(&[
        "--events",
        "250",
        "--seed",
        "7",
        "--threads",
        "1",
        "--out",
        path(&dir("b")),
    ]);
    corpus(&["--events", "250", "--seed", "8", "--out", path(&dir("c"))]);

    let (a, b, c) = (tree(&dir("a")), tree(&dir("b")), tree(&dir("c")));
    assert!(a.len() > 250, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between two runs with seed 7");
    }
    assert_ne!(a, c, "seeds 7 and 8 give the same corpus");
}

#[test]
fn a_corpus_passes_check_builds_and_has_a_hugo_twin() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let hugo = tmp.path().join("hugo");
    corpus(&[
        "--events",
        "300",
        "--seed",
        "1",
        "--out",
        path(&site),
        "--hugo",
        path(&hugo),
    ]);

    let slugs = event_slugs(&site.join("content/events"));
    assert_eq!(slugs.len(), 300);
    assert!(site.join("annals.yaml").is_file());
    assert!(
        std::fs::read_dir(site.join("content/theatres"))
            .unwrap()
            .count()
            >= 30,
        "fewer than 30 theatre files"
    );

    let check = run(&site, &["check", "--root", "."]);
    assert!(check.status.success(), "check failed: {}", stderr(&check));

    let public = build(&site, &["-q"]);
    for slug in &slugs {
        let page = public.join("events").join(slug).join("index.html");
        assert!(page.is_file(), "no page for event {slug}");
    }

    assert_eq!(event_slugs(&hugo.join("content/events")), slugs);
    let config = read(&hugo.join("hugo.toml"));
    assert!(config.contains("taxonomies"), "{config}");
    for layout in [
        "index.html",
        "_default/single.html",
        "_default/term.html",
        "_default/taxonomy.html",
    ] {
        assert!(hugo.join("layouts").join(layout).is_file(), "no {layout}");
    }
}
