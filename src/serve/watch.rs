//! Watching a site's sources: `annals.yaml`, `content/`, `templates/`,
//! `themes/` and `static/`, never the output folders (a committed `public/`
//! of 100k pages would exhaust the watches and trigger rebuilds).
//!
//! notify-debouncer-full coalesces an editor's save (a temporary file
//! written, then renamed over the old one; several events per save) into one
//! batch. Folders are watched again after each batch, so one deleted and made
//! again, or created after `serve` started, is watched from then on.

use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// The folders below the site that hold its sources.
const FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// How long a burst of events must be quiet before a rebuild: long enough to
/// take an editor's save (a temporary file written and renamed, within a
/// millisecond or two) as one, short enough to leave most of the 50 ms that
/// a save may take to reach the page to the rebuild.
const QUIET: Duration = Duration::from_millis(10);

/// Starts watching `root` (absolute, as events name paths) on a thread of
/// its own, calling `rebuild` with the changed paths after each batch of
/// changes to the site's sources. Fails only if the site's folder itself
/// cannot be watched.
pub(crate) fn start(
    root: &Path,
    mut rebuild: impl FnMut(Vec<PathBuf>) + Send + 'static,
) -> Result<(), notify::Error> {
    let root = root.to_path_buf();
    let (events, received) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(QUIET, None, events)?;
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched: Vec<PathBuf> = Vec::new();
    rewatch(&mut debouncer, &root, &mut watched);
    std::thread::spawn(move || {
        // The debouncer lives as long as this thread, which lives as long as
        // the process.
        while let Ok(batch) = received.recv() {
            let Ok(batch) = batch else { continue };
            // Reading a file is an event too (the build reads them all):
            // only a change counts.
            let mut changed: Vec<PathBuf> = batch
                .iter()
                .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_source(&root, p))
                .cloned()
                .collect();
            changed.sort();
            changed.dedup();
            if !changed.is_empty() {
                rewatch(&mut debouncer, &root, &mut watched);
                rebuild(changed);
            }
        }
    });
    Ok(())
}

/// Watches each source folder that exists and is not watched yet; forgets
/// those that went (their watch went with them).
fn rewatch<W: notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    root: &Path,
    watched: &mut Vec<PathBuf>,
) {
    watched.retain(|dir| dir.is_dir());
    for name in FOLDERS {
        let dir = root.join(name);
        if dir.is_dir()
            && !watched.contains(&dir)
            && debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
        {
            watched.push(dir);
        }
    }
}

/// Whether a change at `path` can change the site: the configuration, or a
/// file in a source folder that is not an editor's own (`.x.swp`, `x~`).
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    let mut parts = rel.components();
    match parts.next().map(|c| c.as_os_str().to_string_lossy()) {
        Some(first) => {
            first == crate::parse::config::CONFIG_FILE || FOLDERS.contains(&first.as_ref())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_source;
    use std::path::Path;

    #[test]
    fn only_the_sources_count() {
        let root = Path::new("/site");
        for yes in [
            "/site/annals.yaml",
            "/site/content/events/a.md",
            "/site/static",
            "/site/themes/t/theme.yaml",
        ] {
            assert!(is_source(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site/public/index.html",
            "/site/content/events/.a.md.swp",
            "/site/content/events/a.md~",
            "/elsewhere/content/a.md",
            "/site",
        ] {
            assert!(!is_source(root, Path::new(no)), "{no}");
        }
    }
}
