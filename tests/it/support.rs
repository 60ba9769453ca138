//! Helpers shared by the tests: run the binary, copy fixtures, read output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annals"))
}

/// Runs `annals` with `args` in `dir`.
pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the annals binary runs")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder.
pub(crate) fn fixture(name: &str) -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&src, dir.path());
    dir
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("below root");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Builds the site at `dir` and asserts success.
pub(crate) fn build(dir: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--root", "."];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    dir.join("public")
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `path` relative to `dir`, `/`-separated on every platform.
pub(crate) fn rel_path(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .expect("below")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every file below `dir`, relative path → bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = rel_path(dir, e.path());
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The slug of each event a page lists, in order: the `id="e-…"` of each
/// full entry (`<article class="event…">`) and, on a group's pages, the event
/// each line of `<ol class="events lines">` links to.
pub(crate) fn article_ids(html: &str) -> Vec<String> {
    let html = &without_templates(html);
    let mut found: Vec<(usize, String)> = html
        .match_indices("<article class=\"event")
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find("id=\"e-")? + 6;
            let end = rest[start..].find('"')?;
            Some((i, rest[start..start + end].to_string()))
        })
        .collect();
    for (i, _) in html.match_indices("<ol class=\"events lines\">") {
        let list = &html[i..];
        let list = &list[..list.find("</ol>").unwrap_or(list.len())];
        for (j, _) in list.match_indices("<li>") {
            let item = &list[j..];
            let item = &item[..item.find("</li>").unwrap_or(item.len())];
            let Some(at) = item.find("/events/") else {
                continue;
            };
            let slug = &item[at + 8..];
            if let Some(end) = slug.find('/') {
                found.push((i + j, slug[..end].to_string()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, slug)| slug).collect()
}

/// `html` without the content of its `<template>` elements, which a
/// browser does not show (the search form's result pattern is one).
pub(crate) fn without_templates(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<template") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</template>") {
            Some(end) => rest = &rest[start + end + "</template>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Values of `attr="…"` in `html`.
pub(crate) fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let start = i + pat.len();
            let end = html[start..].find('"')?;
            Some(html[start..start + end].to_string())
        })
        .collect()
}

/// Runs the example through cargo, with the test's own profile and target folder
/// so that nothing but the example itself is compiled.
pub(crate) fn corpus(args: &[&str]) {
    // CARGO_BIN_EXE_annals is <target>/<profile>/annals.
    let target = Path::new(env!("CARGO_BIN_EXE_annals"))
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/<profile>/");
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["run", "--quiet", "--offline", "--example", "corpus"])
        .arg("--target-dir")
        .arg(target)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    let out = cmd.arg("--").args(args).output().expect("cargo runs");
    assert!(
        out.status.success(),
        "corpus {args:?} failed: {}",
        stderr(&out)
    );
}

/// Every file and folder below `dir` as sorted `/`-separated relative paths,
/// folders ending in `/`: the whole tree, so a test can assert that nothing
/// else was created (an empty folder included).
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = rel_path(dir, e.path());
            if e.file_type().is_dir() {
                rel + "/"
            } else {
                rel
            }
        })
        .collect();
    all.sort();
    all
}

/// Writes `text` at `dir/rel`, creating the folders on the way.
pub(crate) fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, text).expect("write");
}

/// A minimal event file with a title, a date and a source (so that it has
/// no warning of its own).
pub(crate) fn event(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nsources:\n  - publisher: Agency\n    url: https://example.org/{date}\n---\nBody.\n"
    )
}
