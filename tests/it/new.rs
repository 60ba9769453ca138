//! SPEC §10 `annals new`: where it writes (the site at `--root`, like every
//! other command, or nowhere) and how it names BCE events.

use crate::support::*;

/// A site with one event, and the whole tree it starts with.
fn site() -> (tempfile::TempDir, Vec<String>) {
    let site = tempfile::tempdir().unwrap();
    write(site.path(), "annals.yaml", "title: New\n");
    write(
        site.path(),
        "content/events/a.md",
        &event("A", "2023-07-12"),
    );
    let before = entries(site.path());
    (site, before)
}

#[test]
fn new_inside_content_events_refuses_like_every_command_and_writes_nothing() {
    let (site, before) = site();
    let cwd = site.path().join("content/events");
    let out = run(&cwd, &["new", "T", "--date", "2023-07-13"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    // The same message and hint as `build` run from the same folder.
    let build = stderr(&run(&cwd, &["build"]));
    let refusal = "error[E002]: no `content/` folder in `.`";
    assert!(err.starts_with(refusal), "{err}");
    assert!(build.starts_with(refusal), "{build}");
    assert!(
        err.contains(
            "= hint: run `annals init` to start a site, or pass `--root` with the site's folder"
        ),
        "{err}"
    );
    assert_eq!(entries(site.path()), before, "nothing was created");

    // With `--root` it writes into the site.
    let out = run(
        &cwd,
        &["new", "T", "--date", "2023-07-13", "--root", "../.."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut expected = before;
    expected.push("content/events/2023-07-13-t.md".into());
    expected.sort();
    assert_eq!(entries(site.path()), expected);
}

#[test]
fn new_in_an_empty_folder_refuses_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["new", "T", "--date", "2023-07-13"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error[E002]: no `content/` folder in `.`"),
        "{err}"
    );
    assert_eq!(entries(dir.path()), Vec::<String>::new());
    let out = run(
        dir.path(),
        &["new", "T", "--date", "2023-07-13", "--root", "elsewhere"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[E002]: no `content/` folder in `elsewhere`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(entries(dir.path()), Vec::<String>::new());
}

#[test]
fn new_takes_negative_years_and_names_the_file_in_bce_years() {
    let (site, before) = site();
    let mut expected = before;
    for (date, file) in [
        ("-0043", "44-bce-caesar-is-assassinated.md"),
        ("-0043-03-15", "44-bce-03-15-caesar-is-assassinated.md"),
        ("0000", "1-bce-caesar-is-assassinated.md"),
    ] {
        let out = run(
            site.path(),
            &["new", "Caesar is assassinated", "--date", date],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{date}: {err}");
        let rel = format!("content/events/{file}");
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .trim_end()
                .ends_with(&rel),
            "{date}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        // The date is written as given (quoted where YAML would read a
        // number); `list` below reads each back as that date.
        let text = read(&site.path().join(&rel));
        let written = text
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .map(|v| v.trim_matches('\''));
        assert_eq!(written, Some(date), "{text}");
        expected.push(rel);
    }
    expected.sort();
    assert_eq!(entries(site.path()), expected);
    let out = run(site.path(), &["list", "--to", "0000", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        csv.contains("44-bce-caesar-is-assassinated,-0043,44 BCE,")
            && csv.contains("44-bce-03-15-caesar-is-assassinated,-0043-03-15,15 March 44 BCE,")
            && csv.contains("1-bce-caesar-is-assassinated,0000,1 BCE,"),
        "{csv}"
    );
}
