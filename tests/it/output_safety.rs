//! SPEC §11 "never deletes what is not its own": the output is resolved
//! (symlinks, `..`) before anything is replaced, and a build refuses, touching
//! nothing, an output whose replacement would destroy sources or someone's files.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Every entry below `dir` (files with their bytes, folders, symlinks with
/// their targets), not following links: what a refused build must leave as it was.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walkable"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("below")
                .display()
                .to_string();
            let t = e.file_type();
            let what = if t.is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(e.path()).expect("link").display()
                )
            } else if t.is_dir() {
                "folder".to_string()
            } else {
                format!("{:x?}", std::fs::read(e.path()).expect("file"))
            };
            (rel, what)
        })
        .collect()
}

/// A site at `<outer>/work/site`, with an earlier build in `public/`, and a
/// file of the user's beside it in `outer`.
fn nested_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().expect("temp dir");
    let site = outer.path().join("work/site");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/identity"),
        &site,
    );
    std::fs::write(outer.path().join("notes.txt"), "mine").unwrap();
    std::fs::create_dir_all(site.join(".git/objects")).unwrap();
    std::fs::write(site.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    (outer, site)
}

/// Runs `annals build` in `site` with `args` and asserts that it was refused
/// with exit 2, a message naming `named`, and nothing changed in `outer`.
fn assert_refused(outer: &Path, site: &Path, args: &[&str], named: &[&str]) {
    let before = snapshot(outer);
    let out = run(site, &[&["build"], args].concat());
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} was not refused: {err}"
    );
    assert!(
        err.contains("refusing to write the site to"),
        "{args:?}: {err}"
    );
    assert!(
        err.contains("nothing was written or deleted"),
        "{args:?}: {err}"
    );
    for n in named {
        assert!(
            err.contains(n),
            "{args:?}: the message does not name `{n}`: {err}"
        );
    }
    assert_eq!(snapshot(outer), before, "{args:?} changed files");
}

#[cfg(unix)]
#[test]
fn a_public_symlink_to_the_site_its_sources_or_its_parent_is_refused() {
    let (outer, site) = nested_site();
    let real_site = std::fs::canonicalize(&site).unwrap();
    let real_parent = real_site.parent().unwrap().display().to_string();
    for (target, named) in [
        (".", real_site.display().to_string()),
        ("content", real_site.join("content").display().to_string()),
        ("..", real_parent),
    ] {
        std::os::unix::fs::symlink(target, site.join("public")).unwrap();
        assert_refused(outer.path(), &site, &[], &["`public`", &named]);
        std::fs::remove_file(site.join("public")).unwrap();
    }
}

#[test]
fn an_output_through_dot_dot_that_holds_the_site_is_refused() {
    let (outer, site) = nested_site();
    let real_outer = std::fs::canonicalize(outer.path()).unwrap();
    assert_refused(
        outer.path(),
        &site,
        &["-o", "../../"],
        &[
            "`../../`",
            &real_outer.display().to_string(),
            "holds the site's folder",
        ],
    );
    let outer_name = real_outer
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let through = format!("../../../{outer_name}");
    assert_refused(outer.path(), &site, &["-o", &through], &[&through]);
}

#[test]
fn an_output_that_dot_dots_into_the_sources_is_refused_built_or_not() {
    let (outer, site) = nested_site();
    // `public` does not exist yet: resolved through what does.
    assert_refused(
        outer.path(),
        &site,
        &["-o", "./public/../content"],
        &["./public/../content"],
    );
    build(&site, &[]);
    assert_refused(
        outer.path(),
        &site,
        &["-o", "./public/../content"],
        &["inside the site's `content/` folder"],
    );
    for inside in ["templates/x", "themes", "static/out", "content/events"] {
        assert_refused(outer.path(), &site, &["-o", inside], &[inside]);
    }
}

#[test]
fn the_git_folder_is_refused_even_with_force() {
    let (outer, site) = nested_site();
    assert_refused(outer.path(), &site, &["-o", ".git"], &["`.git`"]);
    assert_refused(
        outer.path(),
        &site,
        &["-o", ".git", "--force"],
        &["`.git` folder"],
    );
    assert_refused(outer.path(), &site, &["-o", ".git/site"], &[".git"]);
}

#[test]
fn the_site_folder_is_refused_even_with_force() {
    let (outer, site) = nested_site();
    assert_refused(
        outer.path(),
        &site,
        &["-o", ".", "--force"],
        &["site's own folder"],
    );
    assert_refused(
        outer.path(),
        &site,
        &["-o", "..", "--force"],
        &["holds the site's folder"],
    );
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_unless_forced() {
    let (outer, site) = nested_site();
    let documents = outer.path().join("Documents");
    std::fs::create_dir_all(documents.join("taxes")).unwrap();
    std::fs::write(documents.join("taxes/2025.pdf"), "receipts").unwrap();
    let arg = documents.display().to_string();
    assert_refused(
        outer.path(),
        &site,
        &["-o", &arg],
        &[&arg, "did not write", "--force"],
    );
    let out = run(&site, &["build", "-o", &arg, "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(documents.join("index.html").is_file());
    assert!(
        !documents.join("taxes").exists(),
        "--force replaces the folder whole"
    );
}

#[test]
fn a_fresh_folder_an_earlier_output_and_a_pre_marker_output_are_replaced() {
    let (outer, site) = nested_site();
    let fresh = outer.path().join("deploy/new/site");
    let arg = fresh.display().to_string();
    for _ in 0..2 {
        let out = run(&site, &["build", "-o", &arg]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(fresh.join("index.html").is_file());
        assert!(
            fresh.join(".annals-output").is_file(),
            "the marker is written"
        );
    }
    // An output written before the marker existed is known by its generator tag.
    std::fs::remove_file(fresh.join(".annals-output")).unwrap();
    std::fs::write(fresh.join("stale.html"), "old").unwrap();
    let out = run(&site, &["build", "-o", &arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!fresh.join("stale.html").exists());
    // An empty folder is fine.
    let empty = outer.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = run(&site, &["build", "-o", &empty.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_output_that_is_a_file_is_refused_with_both_paths() {
    let (outer, site) = nested_site();
    std::fs::write(site.join("afile"), "mine").unwrap();
    assert_refused(
        outer.path(),
        &site,
        &["-o", "afile"],
        &["`afile`", "is a file"],
    );
}
