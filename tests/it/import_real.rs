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

/// The last line of an import's stderr: its summary.
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or_default()
}

/// The diagnostics' first lines, in order.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("note["))
        .collect()
}

/// A timeline theme's example site (s4n7h0/hugo-theme-timeline, MIT): its
/// events and their place (`eventlocation`), every other key in `extra`,
/// and a site that builds.
#[test]
fn a_hugo_timeline_themes_example_site_imports_and_builds() {
    let site = empty_site();
    let content = input("hugo-theme-timeline/content");
    let out = run(
        site.path(),
        &["import", "markdown", content.to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        entries(&site.path().join("content/events")),
        [
            "amet-mauris.md",
            "lorem-ipsum-dolor.md",
            "lorem-ipsum.md",
            "sapien-faucibus.md"
        ]
    );
    let kept = "kept under `extra`: `author`, `eventname`, `linktitle`, `type`";
    assert_eq!(
        headlines(&err),
        [
            format!("note[W205]: timeline/Amet_Mauris.md: {kept}"),
            format!("note[W205]: timeline/Lorem_Ipsum.md: {kept}"),
            format!("note[W205]: timeline/Lorem_Ipsum_Dolor.md: {kept}"),
            format!("note[W205]: timeline/Sapien_faucibus.md: {kept}"),
        ]
    );
    assert_eq!(
        summary(&err),
        "wrote 4 files; 0 errors, 0 warnings, 4 notes"
    );
    let amet = read(&site.path().join("content/events/amet-mauris.md"));
    assert!(
        amet.starts_with("---\ntitle: Amet Mauris\ndate: 2019-10-08\nlocation:\n  name: San Francisco, CA\nweight: 10\nextra:\n  author:\n    name: John Doe\n  eventname: Conference\n  linktitle: Amet Mauris\n  type:\n  - post\n  - posts\n---\n## Abstract\n\nLorem ipsum dolor sit amet,"),
        "{amet}"
    );
    assert!(
        amet.ends_with("\n\n[LINK](https://github.com/gohugoio/hugo/)\n"),
        "{amet}"
    );
    let public = build(site.path(), &[]);
    assert!(public.join("events/amet-mauris/index.html").is_file());
}

/// A whole Hugo site (13hannes11/hugo-coder-timeline's example, MIT): TOML
/// and YAML front matter, a fence followed by a space, pages in two
/// languages, pages without a date, shortcodes. Every dated page becomes an
/// event, each translation one of its own named after its language, the
/// shortcodes annals cannot run are named, and the site builds.
#[test]
fn a_whole_hugo_example_site_imports_and_builds() {
    let site = empty_site();
    let content = input("hugo-coder-timeline/content");
    let out = run(
        site.path(),
        &["import", "markdown", content.to_str().unwrap()],
    );
    let err = stderr(&out);
    // Pages without a date are not events: errors, and the others written.
    assert_eq!(out.status.code(), Some(1), "{err}");
    let mut files = Vec::new();
    for page in [
        "about",
        "emoji-support",
        "hugo-coder-wiki",
        "markdown-syntax",
        "math-typesetting",
        "more-rich-content",
        "placeholder-text",
        "rich-content",
    ] {
        files.push(format!("{page}-pt-br.md"));
        files.push(format!("{page}.md"));
    }
    files.push("html-and-css-only-tabs.md".into());
    files.push("tl-post.md".into());
    files.sort();
    assert_eq!(entries(&site.path().join("content/events")), files);
    let lines = headlines(&err);
    for expected in [
        "error[E190]: contact.md: it has no date",
        "error[E190]: contact.pt-br.md: it has no date",
        "error[E190]: projects.md: it has no date",
        "error[E190]: projects.pt-br.md: it has no date",
        "note[W205]: about.pt-br.md: the `pt-br` translation of `about.md`, imported as an event of its own",
        "note[W205]: posts/external-post.pt-br.md: the `pt-br` translation of `posts/external-post.md`, imported as an event of its own",
        "warning[W205]: posts/rich-content.md: its body uses shortcodes that annals does not run, which pages show as written: `twitter_simple`, `vimeo_simple`, `youtube`",
        "warning[W205]: posts/html-and-css-only-tabs.md: its body uses shortcodes that annals does not run, which pages show as written: `tab`, `tabgroup`",
        "note[W205]: timeline/post1.md: kept under `extra`: `authors`, `series`",
    ] {
        assert!(lines.contains(&expected), "{expected}\nnot in:\n{err}");
    }
    assert!(
        !err.contains("no front matter"),
        "`+++ ` opens TOML front matter as it does for Hugo: {err}"
    );
    assert_eq!(
        summary(&err),
        "wrote 18 files, skipped 4 items; 4 errors, 13 warnings, 26 notes"
    );
    // `+++ ` (with a space) opens the front matter, as Hugo reads it.
    let post = read(&site.path().join("content/events/tl-post.md"));
    assert!(
        post.starts_with("---\ntitle: Timeline post 1\ndate: 2014-09-28\nextra:\n  authors:\n  - John Doe\n  series:\n  - Theme\n  - Hugo\n---\n## Introduction\n\n Lorem ipsum"),
        "{post}"
    );
    // `tags` and `categories` as one list, each tag once whatever its case.
    let wiki = read(&site.path().join("content/events/hugo-coder-wiki.md"));
    assert_eq!(
        wiki,
        "---\ntitle: 'External Page: Hugo Coder Wiki'\ndate: 2019-03-04\ntags:\n- hugo\n- development\n- themes\nextra:\n  author: Hugo Authors\n  externalLink: https://github.com/luizdepra/hugo-coder/wiki\n---\n"
    );
    let public = build(site.path(), &[]);
    assert!(public.join("events/tl-post/index.html").is_file());
    assert!(public.join("events/about-pt-br/index.html").is_file());
}
