//! Why a file-system operation failed, in words a user can act on.
//!
//! The OS's message names neither the path nor, when a folder cannot be
//! created, which part of the path is in the way: `create_dir_all("f/site")`
//! with `f` a plain file says only "File exists (os error 17)". Every message
//! that reports an `io::Error` says what annals was doing and on which path,
//! and takes its reason from here.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

/// The reason `e`, raised by an operation on `path`, gives in plain words:
/// which file is in the way, where a dangling symbolic link points, or the
/// OS's own message without its error number.
pub(crate) fn reason(e: &io::Error, path: &Path) -> String {
    match e.kind() {
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory => match file_in_the_way(path) {
            Some(file) if file == path => "it is a file, not a folder".into(),
            Some(file) => format!("`{}` is a file, not a folder", file.display()),
            None => plain(e),
        },
        ErrorKind::NotFound => match std::fs::read_link(path) {
            Ok(target) => format!(
                "it is a symbolic link to `{}`, which does not exist",
                target.display()
            ),
            Err(_) => "it does not exist".into(),
        },
        ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => words(e),
    }
}

/// The reasons that need no look at the path, in plain words.
fn words(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        _ => plain(e),
    }
}

/// The diagnostic for `rel`, a file of the site being written, that could
/// not be: no path lookups, since `rel` is inside a staging folder.
pub(crate) fn cannot_write(rel: &str, e: &io::Error) -> crate::diagnostic::Diagnostic {
    crate::diagnostic::Diagnostic::error(
        crate::diagnostic::Code::Io,
        format!("cannot write `{rel}`: {}", words(e)),
    )
}

/// `diagnostics` with the failures to write that share one reason (a full
/// disk fails every file after the first) said once, with their count: a
/// build of 400,000 pages must not print 400,000 lines to say the disk is
/// full.
pub(crate) fn collapse(
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use std::collections::BTreeMap;
    let reason = |d: &crate::diagnostic::Diagnostic| {
        (d.code == crate::diagnostic::Code::Io && d.message.starts_with("cannot write `"))
            .then(|| d.message.rsplit_once("`: ").map(|(_, why)| why.to_string()))
            .flatten()
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in &diagnostics {
        if let Some(why) = reason(d) {
            *counts.entry(why).or_default() += 1;
        }
    }
    let mut said: std::collections::BTreeSet<String> = Default::default();
    let mut out = Vec::new();
    for mut d in diagnostics {
        match reason(&d) {
            Some(why) if counts[&why] > 1 => {
                if said.insert(why.clone()) {
                    d.hint = Some(format!(
                        "{} more files of the site could not be written either, for the same reason",
                        counts[&why] - 1
                    ));
                    out.push(d);
                }
            }
            _ => out.push(d),
        }
    }
    out
}

/// The first of `path` and its ancestors that exists and is not a folder
/// (through symbolic links): what stops `path` from being created as, or
/// inside, a folder.
pub(crate) fn file_in_the_way(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find_map(|a| match std::fs::metadata(a) {
            Ok(m) if !m.is_dir() => Some(a.to_path_buf()),
            _ => None,
        })
}

/// The OS's message without ` (os error N)`, which tells a user nothing.
fn plain(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let e = std::fs::create_dir_all(&file).unwrap_err();
        assert_eq!(reason(&e, &file), "it is a file, not a folder");
        let below = file.join("site/annals.yaml");
        let e = std::fs::create_dir_all(below.parent().unwrap()).unwrap_err();
        assert_eq!(
            reason(&e, &below),
            format!("`{}` is a file, not a folder", file.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_names_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("x.md");
        std::os::unix::fs::symlink("/nonexistent/target", &link).unwrap();
        let e = std::fs::read(&link).unwrap_err();
        assert_eq!(
            reason(&e, &link),
            "it is a symbolic link to `/nonexistent/target`, which does not exist"
        );
        let missing = dir.path().join("missing");
        let e = std::fs::read(&missing).unwrap_err();
        assert_eq!(reason(&e, &missing), "it does not exist");
    }

    #[test]
    fn other_errors_lose_only_their_number() {
        let e = io::Error::from_raw_os_error(5);
        assert_eq!(reason(&e, Path::new("x")), "Input/output error");
    }
}
