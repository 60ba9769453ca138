//! The output folder: where it really is, and whether a build may replace it.
//!
//! SPEC §11 "never deletes what is not its own". A build replaces its output
//! whole, so everything here runs on the *resolved* path (symlinks followed,
//! `..` taken), before anything is written: a check on the path as typed is
//! what let `public -> .` or `-o ./public/../content` destroy a site.
//! `write::Staging` does the replacing; this module only says yes or no.

use crate::diagnostic::{Code, Diagnostic};
use std::path::{Component, Path, PathBuf};

/// The file every build leaves in its output, so that the next build knows the
/// folder is its own to replace.
pub(crate) const MARKER: &str = ".annals-output";

/// What the marker says to a person who finds it.
pub(crate) const MARKER_TEXT: &str = "This folder is written by annals (`annals build`), which replaces it whole on each build.\nFiles put here by hand are deleted by the next build.\n";

/// Folders of a site that hold its sources: an output inside one of them
/// would be replaced, sources and all.
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// How far the checks go: a build replaces the folder, `build --check` only
/// reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    Replace { force: bool },
    Read,
}

/// Resolves `given` (relative to the current folder) and refuses, with a usage
/// error naming both paths, an output whose replacement would destroy what is
/// not annals' own.
pub(crate) fn resolve(root: &Path, given: &Path, purpose: Use) -> Result<PathBuf, Diagnostic> {
    let root = std::fs::canonicalize(root).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            format!(
                "cannot resolve the site's folder `{}`: {}",
                root.display(),
                crate::io_error::reason(&e, root)
            ),
        )
    })?;
    let resolved = resolve_path(given).map_err(|why| {
        refusal(
            given,
            None,
            why,
            "choose an output folder of its own, such as `public`",
        )
    })?;
    let shown = Some(resolved.as_path());
    // The output itself, or a folder it would be created in.
    if let Some(file) = crate::io_error::file_in_the_way(&resolved) {
        let why = if file == resolved {
            "it is a file, not a folder".into()
        } else {
            format!("`{}` is a file, not a folder", file.display())
        };
        return Err(refusal(
            given,
            shown,
            why,
            "choose a folder for the output with `--output`",
        ));
    }
    let hint = "choose an output folder of its own, such as `public`";
    if resolved == root {
        let why = "it is the site's own folder".into();
        return Err(refusal(given, shown, why, hint));
    }
    if root.starts_with(&resolved) {
        let why = format!("it holds the site's folder `{}`", root.display());
        return Err(refusal(given, shown, why, hint));
    }
    if let Some(folder) = SOURCE_FOLDERS
        .iter()
        .find(|f| resolved.starts_with(root.join(f)))
    {
        let why = format!(
            "it is inside the site's `{folder}/` folder `{}`",
            root.join(folder).display()
        );
        return Err(refusal(given, shown, why, hint));
    }
    if resolved
        .components()
        .any(|c| c == Component::Normal(".git".as_ref()))
    {
        let why = "it is inside a git repository's `.git` folder".into();
        return Err(refusal(given, shown, why, hint));
    }
    if purpose == (Use::Replace { force: false }) && !is_replaceable(&resolved) {
        return Err(refusal(
            given,
            shown,
            "it holds files that annals did not write".into(),
            "a build replaces the whole folder; choose an empty or new folder, or pass `--force` to replace it anyway",
        ));
    }
    Ok(resolved)
}

/// A missing or empty folder, or one an earlier build wrote: it has the
/// marker, or (written before the marker existed) its `index.html` names
/// annals as its generator.
fn is_replaceable(dir: &Path) -> bool {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return !dir.exists();
    };
    if entries.next().is_none() || dir.join(MARKER).is_file() {
        return true;
    }
    std::fs::read_to_string(dir.join("index.html"))
        .is_ok_and(|html| html.contains("<meta name=\"generator\" content=\"annals "))
}

/// The absolute path `given` names, with every symlink followed and every `..`
/// taken. A folder that does not exist yet is resolved through the nearest
/// ancestor that does, so `-o new/../../x` cannot slip past the checks.
fn resolve_path(given: &Path) -> Result<PathBuf, String> {
    let absolute = std::path::absolute(given).map_err(|e| {
        format!(
            "it cannot be made absolute: {}",
            crate::io_error::reason(&e, given)
        )
    })?;
    // The longest existing prefix is resolved by the OS; what is left is only
    // names of folders the build will create.
    let mut existing = absolute.clone();
    let mut rest: Vec<Component> = Vec::new();
    let components: Vec<Component> = absolute.components().collect();
    let mut n = components.len();
    while std::fs::symlink_metadata(&existing).is_err() {
        n -= 1;
        rest.insert(0, components[n]);
        match existing.parent() {
            Some(p) => existing = p.to_path_buf(),
            None => return Err("no part of it exists".into()),
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).map_err(|e| {
        format!(
            "`{}` cannot be followed: {}",
            existing.display(),
            crate::io_error::reason(&e, &existing)
        )
    })?;
    for c in rest {
        match c {
            Component::Normal(name) => resolved.push(name),
            Component::CurDir => {}
            // `missing/..` names nothing the file system can reach.
            _ => {
                return Err(format!(
                    "`{}` does not exist, so `..` after it leads nowhere",
                    existing.display()
                ))
            }
        }
    }
    Ok(resolved)
}

fn refusal(given: &Path, resolved: Option<&Path>, why: String, hint: &str) -> Diagnostic {
    let place = match resolved {
        Some(r) if r != given => format!("`{}` (which is `{}`)", given.display(), r.display()),
        _ => format!("`{}`", given.display()),
    };
    Diagnostic::error(
        Code::Usage,
        format!("refusing to write the site to {place}: {why}; nothing was written or deleted"),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_resolves_through_its_existing_parent() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        let got = resolve_path(&dir.path().join("a/./b")).unwrap();
        assert_eq!(got, real.join("a/b"));
        assert!(resolve_path(&dir.path().join("missing/../x")).is_err());
    }

    #[test]
    fn dot_dot_through_an_existing_folder_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            resolve_path(&dir.path().join("a/../b")).unwrap(),
            real.join("b")
        );
    }
}
