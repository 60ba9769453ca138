//! SPEC §11 "the example is real": the repository's content builds cleanly and
//! the committed `public/` is exactly what the current code writes.

use crate::support::*;
use std::path::Path;

#[test]
fn committed_public_is_the_current_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(tmp.path().join("public"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let fresh = tree(&tmp.path().join("public"));
    let committed = tree(&root.join("public"));
    let stale: Vec<&String> = fresh
        .keys()
        .filter(|k| committed.get(*k) != fresh.get(*k))
        .collect();
    let extra: Vec<&String> = committed
        .keys()
        .filter(|k| !fresh.contains_key(*k))
        .collect();
    assert!(stale.is_empty() && extra.is_empty(), "public/ is stale: rebuild with `cargo run --release -- build` and commit it. Differs: {stale:?}, not built any more: {extra:?}");
}

#[test]
fn the_example_has_ten_sourced_events_and_no_problem_but_missing_urls() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = bin()
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The seed names publishers and dates, never addresses, and URLs are never
    // invented: W302 is the one warning the example may carry.
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        // The note: its `base_url` is a path, so it has no sitemap.
        assert!(
            line.contains("\"code\":\"W302\"") || line.contains("\"code\":\"N401\""),
            "{line}"
        );
    }
    let events: Vec<_> = walkdir::WalkDir::new(root.join("content/events"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .collect();
    assert!(events.len() >= 10, "only {} events", events.len());
    for e in events {
        let text = read(e.path());
        assert!(
            text.contains("\nsources:"),
            "{} has no sources",
            e.path().display()
        );
    }
}
