//! SPEC §2, a site on disk: which files under `content/` are read, and what
//! is said about the ones that are not.

use crate::support::*;

#[test]
fn events_in_a_misspelt_folder_fail_check_and_build_naming_both_folders() {
    let site = tempfile::tempdir().unwrap();
    write(site.path(), "annals.yaml", "title: Misspelt\n");
    write(site.path(), "content/event/x.md", &event("X", "2023-07-12"));
    let before = entries(site.path());

    for args in [&["check"][..], &["build"]] {
        let out = run(site.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(
                "error[E180]: no event files in `content/events/`, but `content/event/` holds 1 Markdown file"
            ),
            "{args:?}: {err}"
        );
        assert!(err.contains("--> content/event\n"), "{args:?}: {err}");
        assert!(
            err.contains("= hint: did you mean `content/events/`? move the event files there"),
            "{args:?}: {err}"
        );
        // The error replaces the unknown-folder warning for the same folder.
        assert!(!err.contains("W203"), "{args:?}: {err}");
    }
    assert_eq!(
        entries(site.path()),
        before,
        "neither check nor build writes anything"
    );

    // A Markdown file directly under `content/` is found the same way.
    std::fs::remove_dir_all(site.path().join("content/event")).unwrap();
    write(site.path(), "content/x.md", &event("X", "2023-07-12"));
    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E180]: no event files in `content/events/`, but `content/x.md` is a Markdown file")
            && err.contains("--> content/x.md\n"),
        "{err}"
    );
}

#[test]
fn markdown_extensions_are_read_in_any_letter_case() {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "content/events/UP.MD",
        &event("Up", "2023-07-12"),
    );
    write(
        site.path(),
        "content/events/Mixed.Markdown",
        &event("Mixed", "2023-07-13"),
    );
    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("in 2 files"), "{err}");
    let public = build(site.path(), &[]);
    assert!(read(&public.join("events/up/index.html")).contains("Up"));
    assert!(read(&public.join("events/mixed/index.html")).contains("Mixed"));
    // Read as events, so not copied as assets beside another event.
    assert!(!tree(&public).keys().any(|k| k.ends_with("UP.MD")));
}

#[test]
fn unknown_files_and_folders_under_content_are_warned_about() {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "content/events/a.md",
        &event("A", "2023-07-12"),
    );
    write(site.path(), "content/evnts/b.md", &event("B", "2023-07-13"));
    write(site.path(), "content/notes.txt", "to do\n");
    // Known or private: said nothing about.
    write(
        site.path(),
        "content/periods/p.md",
        "---\nname: P\ndate: 2023\n---\n",
    );
    write(
        site.path(),
        "content/_drafts/c.md",
        &event("C", "2023-07-14"),
    );
    write(site.path(), "content/.DS_Store", "");

    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning[W203]: `content/evnts/` is not a folder annals reads; its 1 Markdown file is not part of the site\n --> content/evnts\n")
            && err.contains("= hint: did you mean `content/events/`?"),
        "{err}"
    );
    assert!(
        err.contains("warning[W203]: `content/notes.txt` is not read: files directly under `content/` are not part of the site\n --> content/notes.txt\n")
            && err.contains("= hint: the folders of `content/` are `events/`, `actors/`, `theatres/` and `periods/`; start a name with `_` to keep it there unread"),
        "{err}"
    );
    assert_eq!(err.matches("W203").count(), 2, "{err}");
    assert!(err.contains("0 errors, 2 warnings in 2 files"), "{err}");

    // `build` loads the same way: it counts them, and prints them with -v.
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("0 errors, 2 warnings"),
        "{}",
        stderr(&out)
    );
    let verbose = stderr(&run(site.path(), &["build", "-v"]));
    assert_eq!(verbose.matches("warning[W203]").count(), 2, "{verbose}");
}
