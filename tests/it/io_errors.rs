//! When the file system says no, the message names the path, what annals was
//! doing and why in plain words (never a bare "File exists (os error 17)"),
//! and a closed standard output (`annals … | head`) is not an error.

use crate::support::*;
use std::process::Stdio;

#[test]
fn init_on_a_plain_file_says_it_is_a_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes", "mine\n");
    let out = run(dir.path(), &["init", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error[E002]: cannot create a site in `notes`: it is a file, not a folder\n  = hint: name a folder that does not exist yet (`annals init mysite`), or one that does\n\n"
    );
    assert_eq!(entries(dir.path()), ["notes"]);
    assert_eq!(read(&dir.path().join("notes")), "mine\n");

    let out = run(dir.path(), &["init", "notes/site", "--ci", "github"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error[E002]: cannot create a site in `notes/site`: `notes` is a file, not a folder\n  = hint: name a folder that does not exist yet (`annals init mysite`), or one that does\n\n"
    );
    assert_eq!(entries(dir.path()), ["notes"]);
}

#[test]
fn new_names_the_file_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "content/events", "not a folder\n");
    let out = run(dir.path(), &["new", "T", "--date", "2023-07-13"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error[E001]: cannot create `./content/events/2023-07-13-t.md`: `./content/events` is a file, not a folder\n\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_output_below_a_file_is_refused_before_anything_is_written() {
    let site = fixture("identity");
    write(site.path(), "afile", "x");
    let out = run(site.path(), &["build", "--output", "afile/www"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let real = std::fs::canonicalize(site.path()).unwrap();
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error[E002]: refusing to write the site to `afile/www` (which is `{}`): `{}` is a file, not a folder; nothing was written or deleted\n  = hint: choose a folder for the output with `--output`\n",
            real.join("afile/www").display(),
            real.join("afile").display()
        )),
        "{err}"
    );
    assert_eq!(read(&site.path().join("afile")), "x");
}

#[cfg(unix)]
#[test]
fn a_dangling_symbolic_link_says_where_it_points() {
    let site = fixture("identity");
    std::os::unix::fs::symlink(
        "/nonexistent/event.md",
        site.path().join("content/events/gone.md"),
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "error[E001]: cannot read: it is a symbolic link to `/nonexistent/event.md`, which does not exist\n --> content/events/gone.md\n"
        ),
        "{}",
        stderr(&out)
    );
}

/// Runs annals with its standard output closed from the start, as `| head`
/// closes it: writing fails with a broken pipe, which must end the command
/// quietly (exit 0), not with a panic or an error message.
fn run_into_a_closed_pipe(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("ends")
}

#[test]
fn a_closed_standard_output_ends_a_command_quietly() {
    let site = fixture("identity");
    // More than a pipe's buffer (64 KiB), so the write cannot succeed.
    for n in 0..400 {
        write(
            site.path(),
            &format!("content/events/e{n:03}.md"),
            &event(
                &format!("Event number {n} with a long enough title"),
                "2023-07-12",
            ),
        );
    }
    // `build --check` lists differences: an output with only its marker
    // lacks every file.
    let public = build(site.path(), &["-q"]);
    for entry in std::fs::read_dir(&public).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else if !path.ends_with(".annals-output") {
            std::fs::remove_file(path).unwrap();
        }
    }
    for args in [
        &["theme", "vars"][..],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["list"],
        &["check", "--format", "json"],
        &["build", "--check"],
    ] {
        let out = run_into_a_closed_pipe(site.path(), args);
        let expected = if args[0] == "build" { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("panicked") && !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
