//! SPEC §10 `annals new`: where it writes (the site at `--root`, like every
//! other command, or nowhere), how it names BCE events, and the values it
//! takes (`--status`, `--source`, `--slug`, `--tag`, `--open`), each checked
//! as the parser checks it, so that what it writes passes `annals check`.

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

/// A site fresh from `init`, which checks clean.
fn inited() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["init", ".", "-q"]).status.success());
    dir
}

/// `check --deny-warnings --format json`: every diagnostic, one per line.
fn diagnostics(site: &std::path::Path) -> String {
    let out = run(site, &["check", "--deny-warnings", "--format", "json"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn new_with_status_sources_slug_and_tags_writes_a_file_that_checks_clean() {
    let site = inited();
    let out = run(
        site.path(),
        &[
            "new",
            "Popov is dismissed",
            "--date",
            "2023-07-12",
            "--actor",
            "Ivan Popov",
            "--theatre",
            "Zaporizhzhia",
            "--tag",
            "command",
            "--tag",
            "dismissal",
            "--status",
            "confirmed",
            "--source",
            "https://example.org/a",
            "--source",
            "http://example.org/b",
            "--slug",
            "popov-dismissed",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a sourced event needs no note");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "./content/events/popov-dismissed.md\n"
    );
    assert_eq!(
        read(&site.path().join("content/events/popov-dismissed.md")),
        "---\ntitle: Popov is dismissed\ndate: 2023-07-12\nactors:\n- Ivan Popov\ntheatres:\n- Zaporizhzhia\ntags:\n- command\n- dismissal\nstatus: confirmed\nsources:\n- url: https://example.org/a\n- url: http://example.org/b\n---\nWhat happened, in your own words. Cite each claim under `sources`.\n"
    );
    assert_eq!(diagnostics(site.path()), "");
    let out = run(
        site.path(),
        &["list", "--status", "confirmed", "--format", "csv"],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "slug,date,date_text,status,title,actors,theatres,tags,periods,file\npopov-dismissed,2023-07-12,12 July 2023,confirmed,Popov is dismissed,Ivan Popov,Zaporizhzhia,command; dismissal,,content/events/popov-dismissed.md\n"
    );
}

#[test]
fn new_without_a_source_says_that_check_will_ask_for_one() {
    let site = inited();
    let out = run(site.path(), &["new", "T", "--date", "2023-07-13"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "note: the event has no source yet, and `annals check` says so (W301) until it has one: add it under `sources:`, or pass `--source URL`\n"
    );
    let found = diagnostics(site.path());
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("\"code\":\"W301\""), "{found}");
    assert!(
        run(site.path(), &["new", "U", "--date", "2023-07-13", "-q"])
            .stderr
            .is_empty()
    );
}

#[test]
fn new_refuses_values_the_parser_would_refuse_and_writes_nothing() {
    let site = inited();
    let before = entries(site.path());
    let new = |extra: &[&str]| {
        let mut args = vec!["new", "T", "--date", "2023-07-13"];
        args.extend_from_slice(extra);
        run(site.path(), &args)
    };
    let out = new(&["--status", "rumoured"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "invalid value 'rumoured' for '--status <STATUS>'\n  [possible values: reported, claimed, confirmed, disputed, denied]"
        ),
        "{}",
        stderr(&out)
    );
    for (args, message) in [
        (
            &["--source", "ftp://example.org/a"][..],
            "error[E002]: `--source` must be an http or https URL, not `ftp://example.org/a`\n  = hint: a source known only by its publisher is written by hand under `sources:`, as `publisher:` and `date:`\n\n",
        ),
        (
            &["--source", "https://example.org/a", "--source", "example.org/b"],
            "error[E002]: `--source` must be an http or https URL, not `example.org/b`\n  = hint: a source known only by its publisher is written by hand under `sources:`, as `publisher:` and `date:`\n\n",
        ),
        (
            &["--slug", "Popov Dismissed"],
            "error[E002]: `Popov Dismissed` is not a slug: slugs are lowercase letters a to z, digits and `-`, at most 96 characters\n  = hint: write `--slug popov-dismissed`\n\n",
        ),
        (
            &["--slug", "!!"],
            "error[E002]: `!!` is not a slug: it has no letters or digits\n\n",
        ),
    ] {
        let out = new(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), message, "{args:?}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(entries(site.path()), before, "nothing was written");
}

#[test]
fn new_refuses_a_slug_that_another_event_has() {
    let site = inited();
    write(
        site.path(),
        "content/events/2023/popov.md",
        &event("Popov", "2023-07-12"),
    );
    write(
        site.path(),
        "content/events/renamed.md",
        "---\ntitle: Renamed\ndate: 2023-07-12\nslug: 2023-07-14-t\nsources:\n  - publisher: A\n    url: https://example.org/r\n---\n",
    );
    let before = entries(site.path());
    for (args, file, slug) in [
        (
            &["new", "Other", "--date", "2023-07-12", "--slug", "popov"][..],
            "content/events/2023/popov.md",
            "popov",
        ),
        (
            &["new", "T", "--date", "2023-07-14"],
            "content/events/renamed.md",
            "2023-07-14-t",
        ),
    ] {
        let out = run(site.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!("error[E002]: the event in `{file}` already has the slug `{slug}`; nothing was changed\n  = hint: two events cannot share a slug (it is their URL): choose another with `--slug`\n\n")
        );
    }
    assert_eq!(entries(site.path()), before);
}

#[cfg(unix)]
#[test]
fn new_open_runs_visual_or_else_editor_on_the_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = inited();
    let tools = tempfile::tempdir().unwrap();
    let editor = tools.path().join("editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho \"$0 $*\" >> \"$(dirname \"$0\")/opened\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let opened = tools.path().join("opened");
    let with_env = |vars: &[(&str, &str)], title: &str| {
        let mut cmd = bin();
        cmd.args(["new", title, "--date", "2023-07-13", "--open", "-q"])
            .current_dir(site.path())
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let e = editor.display().to_string();
    let out = with_env(
        &[("VISUAL", &format!("{e} --wait")), ("EDITOR", "false")],
        "A",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = with_env(&[("EDITOR", &e)], "B");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&opened),
        format!(
            "{e} --wait ./content/events/2023-07-13-a.md\n{e} ./content/events/2023-07-13-b.md\n"
        )
    );
    // No editor: refused before anything is written.
    let before = entries(site.path());
    let out = with_env(&[], "C");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error[E002]: `--open` needs an editor, and neither `VISUAL` nor `EDITOR` is set; nothing was written\n  = hint: set one, such as `EDITOR=nano`, or leave out `--open`\n\n"
    );
    assert_eq!(entries(site.path()), before);
    // An editor that fails: the file is there, and the message says where.
    let out = with_env(&[("EDITOR", "false")], "D");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error[E001]: the editor `false` failed (exit status: 1); the event is at `./content/events/2023-07-13-d.md`\n\n"
    );
}
