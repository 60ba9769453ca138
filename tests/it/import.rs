//! `annals import` (SPEC §10, issue 13): TimelineJS JSON and the TimelineJS
//! sheet as CSV, on Knight Lab's own published files and on ours.

use crate::support::*;
use std::path::{Path, PathBuf};

/// A new, empty site (no events), and the import fixtures' folder.
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

fn import(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    run(site, &all)
}

fn events(site: &Path) -> Vec<String> {
    entries(&site.join("content/events"))
}

#[test]
fn knight_labs_published_files_import_and_build() {
    // (file, format, events written, items left out)
    for (file, format, written, skipped) in [
        ("women_in_computing.csv", "csv", 10, 0),
        ("marktwain.json", "timelinejs", 17, 0),
        ("eras.json", "timelinejs", 20, 3),
        ("houston_timelinejs2.json", "timelinejs", 18, 0),
    ] {
        let site = empty_site();
        let out = import(site.path(), &[format, input(file).to_str().unwrap()]);
        let err = stderr(&out);
        assert!(out.status.success(), "{file}: {err}");
        assert_eq!(events(site.path()).len(), written, "{file}: {err}");
        let last = err.lines().last().unwrap_or_default();
        let skipped_text = if skipped > 0 {
            format!(", skipped {skipped} items")
        } else {
            String::new()
        };
        assert!(
            last.starts_with(&format!(
                "wrote {written} event files{skipped_text}; 0 errors"
            )),
            "{file}: {last}"
        );
        build(site.path(), &[]);
    }
}

#[test]
fn an_imported_slide_reads_as_an_annals_event() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["csv", input("women_in_computing.csv").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ada = read(
        &site
            .path()
            .join("content/events/1815-12-10-ada-lovelace.md"),
    );
    assert_eq!(
        ada,
        "---\ntitle: Ada Lovelace\ndate: 1815-12-10\nend: 1852-11-27\nimage:\n  src: https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg\n  alt: Portrait by Alfred Edward Chalon\n  caption: Portrait by Alfred Edward Chalon\n  credit: Wikimedia Commons\n---\nWomen have been programming since before it was a thing. Take [Ada Lovelace](https://en.wikipedia.org/wiki/Ada_Lovelace): Daughter of Lord Byron, she's often credited as the first computer programmer. Her work on [Charles Babbage's Analytical Engine](https://en.wikipedia.org/wiki/Analytical_Engine) contains notes of the first machine-implemented algorithm.\n\nThis slide demonstrates a simple \"image\" media type.\n"
    );
    assert!(stderr(&out).contains(
        "warning[W205]: line 3: the image has no alt text; it is `Portrait by Alfred Edward Chalon` for now"
    ));
}

#[test]
fn items_that_cannot_be_imported_are_named_and_the_others_written() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("edge.json").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E190]: /events/3: it has no start_date"),
        "{err}"
    );
    assert!(
        err.contains("error[E190]: /events/4: its date `2023-13` is not valid"),
        "{err}"
    );
    assert_eq!(
        events(site.path()),
        [
            "1860-around-1860.md",
            "1872-the-start-date-wins.md",
            "2023-07-12-the-same-name-2.md",
            "2023-07-12-the-same-name.md",
            "ides.md",
        ]
    );
    let ides = read(&site.path().join("content/events/ides.md"));
    assert_eq!(
        ides,
        "---\ntitle: The Ides of March\ndate: -0043-03-15\ntags:\n- Rome\n---\nCaesar is killed.\n"
    );
    let around = read(&site.path().join("content/events/1860-around-1860.md"));
    assert!(around.contains("date: 1860~\n"), "{around}");
    let wins = read(
        &site
            .path()
            .join("content/events/1872-the-start-date-wins.md"),
    );
    assert!(
        wins.contains("date: '1872'\n") || wins.contains("date: \"1872\"\n"),
        "{wins}"
    );
    assert!(
        wins.contains("[A video](<https://www.youtube.com/watch?v=x>)"),
        "{wins}"
    );
    assert!(!wins.contains("youtube.com/embed"), "no third-party player");
    build(site.path(), &[]);
}

#[test]
fn importing_twice_gives_the_same_files_and_never_overwrites_without_force() {
    let (a, b) = (empty_site(), empty_site());
    for site in [&a, &b] {
        let out = import(
            site.path(),
            &["timelinejs", input("marktwain.json").to_str().unwrap()],
        );
        assert!(out.status.success());
    }
    assert_eq!(
        tree(&a.path().join("content")),
        tree(&b.path().join("content"))
    );
    let first = tree(&a.path().join("content"));
    let one = a.path().join("content/events").join(&events(a.path())[0]);
    std::fs::write(&one, "edited by hand\n").unwrap();
    let again = import(
        a.path(),
        &["timelinejs", input("marktwain.json").to_str().unwrap()],
    );
    assert!(
        stderr(&again)
            .contains("wrote 0 event files, kept 17 files that exist (`--force` replaces them)"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read(&one), "edited by hand\n");
    let forced = import(
        a.path(),
        &[
            "timelinejs",
            input("marktwain.json").to_str().unwrap(),
            "--force",
        ],
    );
    assert!(forced.status.success());
    assert_eq!(tree(&a.path().join("content")), first);
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_would() {
    let site = empty_site();
    let out = import(
        site.path(),
        &[
            "csv",
            input("women_in_computing.csv").to_str().unwrap(),
            "--dry-run",
            "--into",
            "elsewhere",
        ],
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(said.lines().count(), 10, "{said}");
    assert!(said.lines().all(|l| l.starts_with("elsewhere/")), "{said}");
    assert!(stderr(&out).contains("would write 10 event files"));
    assert!(!site.path().join("elsewhere").exists());
    assert!(events(site.path()).is_empty());
}

#[test]
fn years_annals_cannot_hold_yet_are_reported_not_guessed() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("cosmo.json").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("error[E190]: /events/0: the year -13800000000 has five or more digits, which annals' dates do not take yet"), "{err}");
}

#[test]
fn a_file_that_is_not_timelinejs_says_what_it_lacks() {
    let site = empty_site();
    write(site.path(), "other.json", "{\"slides\": []}");
    let out = import(site.path(), &["timelinejs", "other.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "error[E190]: not a TimelineJS file: it has no `events` list\n --> other.json"
        ),
        "{}",
        stderr(&out)
    );
}
