//! `annals import` on real files published by others (issue 13): Knight Lab's
//! sheet and the JSON made from it import to the same events.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A new, empty site (no events).
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/events")).unwrap();
    std::fs::write(
        dir.path().join("annals.yaml"),
        "title: Imported\nbase_url: /\n",
    )
    .unwrap();
    dir
}

fn input(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Imports `file` as `format` into a new site: the site, and its stderr.
fn imported(format: &str, file: &str) -> (tempfile::TempDir, String) {
    let site = empty_site();
    let out = run(
        site.path(),
        &["import", format, input(file).to_str().unwrap()],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{file}: {err}");
    (site, err)
}

/// Each event file of a site, by name: (front matter, body).
fn event_files(site: &Path) -> BTreeMap<String, (String, String)> {
    let dir = site.join("content/events");
    tree(&dir)
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).expect("UTF-8");
            let rest = text.strip_prefix("---\n").expect("front matter");
            let (front, body) = rest.split_once("\n---\n").expect("closed front matter");
            (name, (front.to_string(), body.to_string()))
        })
        .collect()
}

/// Where a warning came from (`line 3`, `/events/0`) differs between the
/// twins by design; what it says must not.
fn messages(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning[") || l.starts_with("error["))
        .map(|l| match l.split_once(": ") {
            Some((code, rest)) => {
                let what = rest.split_once(": ").map_or(rest, |(_, what)| what);
                format!("{code}: {what}")
            }
            None => l.to_string(),
        })
        .collect()
}

/// Knight Lab publishes `women_in_computing.csv` (the Google Sheets template)
/// and `women_in_computing.json`, made from it by their `csv_to_json.py`.
/// Every event must come out the same, front matter and body, from either.
/// No exception is needed: the files say the same thing, and each difference
/// found was our importer's (the sheet's `Background` cell is read as
/// TimelineJS reads it, `{url}` or `{color}`).
#[test]
fn the_sheet_and_its_json_twin_import_to_the_same_events() {
    let (csv_site, csv_err) = imported("csv", "women_in_computing.csv");
    let (json_site, json_err) = imported("timelinejs", "women_in_computing.json");
    let from_csv = event_files(csv_site.path());
    let from_json = event_files(json_site.path());
    assert_eq!(
        from_csv.keys().collect::<Vec<_>>(),
        from_json.keys().collect::<Vec<_>>()
    );
    assert_eq!(from_csv.len(), 10);
    for (name, (front, body)) in &from_csv {
        let (json_front, json_body) = &from_json[name];
        assert_eq!(front, json_front, "{name}: front matter");
        assert_eq!(body, json_body, "{name}: body");
    }
    assert_eq!(messages(&csv_err), messages(&json_err));
    assert_eq!(
        csv_err.lines().last(),
        Some("wrote 10 files; 0 errors, 2 warnings")
    );
    assert_eq!(csv_err.lines().last(), json_err.lines().last());
    let eniac = &from_csv["1943-07-and-the-women-who-made-it-work.md"].0;
    assert!(
        eniac.contains(
            "\nextra:\n  background:\n    url: https://upload.wikimedia.org/wikipedia/commons/c/cd/ARL_ENIAC_02.png\n  media:\n"
        ),
        "{eniac}"
    );
}
