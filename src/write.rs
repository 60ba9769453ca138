//! Stage 6: the only code that touches the output folder.
//!
//! A build writes into a fresh folder beside the output and swaps it in only when
//! everything succeeded, so a failed build leaves the previous site as it was and
//! a successful one leaves no stale file behind.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where rendered files go: a folder, or memory (for `build --check`).
pub trait Sink: Sync {
    /// Writes `bytes` at `rel`, a `/`-separated path made only of slugs and
    /// theme file names (never `..`).
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Adds `bytes` to the end of a file that `put` began, so that exports of
    /// hundreds of megabytes are written piece by piece, never held whole.
    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

fn refuse(rel: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("refusing to write outside the output folder: `{rel}`"),
    )
}

/// Writes under a folder, making a sub-folder when a write finds it missing.
/// It keeps no list of the folders made: a site has a folder per page, and
/// a million remembered paths would outweigh the pages being written.
pub(crate) struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub(crate) fn new(root: PathBuf) -> DirSink {
        DirSink { root }
    }
}

/// Refuses anything that could leave the output folder. Slugs cannot, but theme
/// file names and asset names come from disk.
pub(crate) fn safe_relative(rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let ok = !rel.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then(|| path.to_path_buf())
}

impl Sink for DirSink {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel_path = safe_relative(rel).ok_or_else(|| refuse(rel))?;
        let path = self.root.join(rel_path);
        // A page is the first file of its own folder (`events/<slug>/`), so
        // making the folder first saves the open that would fail to find
        // it (21k failed opens at 10k events). Any failure here is left to
        // the write below, which says what is wrong.
        if rel.ends_with("/index.html") {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir(parent);
            }
        }
        match std::fs::write(&path, bytes) {
            // The folder is not there yet (or a file is where it should be,
            // which `create_dir_all` then says): make it, and write again.
            // Making a folder is idempotent, so threads writing into the
            // same new folder need no lock.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                let Some(parent) = path.parent() else {
                    return Err(e);
                };
                std::fs::create_dir_all(parent)?;
                std::fs::write(&path, bytes)
            }
            written => written,
        }
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        let rel_path = safe_relative(rel).ok_or_else(|| refuse(rel))?;
        std::fs::OpenOptions::new()
            .append(true)
            .open(self.root.join(rel_path))?
            .write_all(bytes)
    }
}

/// Discards what it is given (after the same path check): `check` renders
/// every page to find template errors but needs none of the bytes.
pub(crate) struct NullSink;

impl Sink for NullSink {
    fn put(&self, rel: &str, _bytes: &[u8]) -> io::Result<()> {
        safe_relative(rel).map(|_| ()).ok_or_else(|| refuse(rel))
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, bytes)
    }
}

/// Passes writes on to another sink and remembers which of a few watched
/// paths were written: the paths of static files and event assets, so that
/// one that would replace a generated file is found whatever generated it.
pub(crate) struct Watching<'a> {
    inner: &'a dyn Sink,
    watched: HashSet<String>,
    written: Mutex<HashSet<String>>,
}

impl<'a> Watching<'a> {
    pub(crate) fn new(inner: &'a dyn Sink, watched: HashSet<String>) -> Self {
        Watching {
            inner,
            watched,
            written: Mutex::new(HashSet::new()),
        }
    }

    /// Whether `rel`, a watched path, has been written through this sink.
    pub(crate) fn was_written(&self, rel: &str) -> bool {
        self.written
            .lock()
            .map(|w| w.contains(rel))
            .unwrap_or(false)
    }
}

impl Sink for Watching<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if self.watched.contains(rel) {
            if let Ok(mut w) = self.written.lock() {
                w.insert(rel.to_string());
            }
        }
        self.inner.put(rel, bytes)
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.inner.append(rel, bytes)
    }
}

/// Keeps files in memory, sorted by path.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        safe_relative(rel).ok_or_else(|| refuse(rel))?;
        if let Ok(mut f) = self.files.lock() {
            f.insert(rel.to_string(), bytes.to_vec());
        }
        Ok(())
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        safe_relative(rel).ok_or_else(|| refuse(rel))?;
        if let Ok(mut f) = self.files.lock() {
            f.entry(rel.to_string())
                .or_default()
                .extend_from_slice(bytes);
        }
        Ok(())
    }
}

/// A staging folder beside `output`, removed on drop unless published.
///
/// Staging and old-output folders are named `.<output>.annals-new-<pid>` and
/// `.<output>.annals-old-<pid>`, and each is held under an exclusive lock
/// (`flock` on the folder itself) for as long as its build runs. A build killed
/// with SIGKILL cannot clean up, but its lock dies with it: the next build
/// removes every such folder whose lock it can take, and never one whose build
/// is still running.
pub(crate) struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    published: bool,
    /// Held open for the lock; released when the build ends, however it ends.
    _lock: std::fs::File,
}

/// Where a failed publish left the previous output: the caller must say so
/// truthfully.
#[derive(Debug)]
pub(crate) enum PublishError {
    /// Nothing was moved: the previous output is where it was.
    Untouched(io::Error),
    /// The previous output could not be put back and is at this path.
    MovedAside(io::Error, PathBuf),
}

const NEW: &str = "annals-new-";
const OLD: &str = "annals-old-";

fn sibling(output: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{kind}{pid}"))
}

/// Opens `dir` and takes its lock without waiting; `None` when another build holds it.
fn lock_dir(dir: &Path) -> io::Result<Option<std::fs::File>> {
    let file = std::fs::File::open(dir)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Removes what killed builds of `output` left beside it: only folders named as
/// this module names them, and only those whose lock is free. Returns the
/// folders removed.
pub(crate) fn remove_litter(output: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let Some(tail) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = tail
            .strip_prefix(NEW)
            .or_else(|| tail.strip_prefix(OLD))
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if pid.is_none() || !is_dir {
            continue;
        }
        let path = entry.path();
        // The lock is held while the folder is removed, so two builds never
        // remove the same folder at once.
        if let Ok(Some(_lock)) = lock_dir(&path) {
            if remove_tree(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed.sort();
    removed
}

impl Staging {
    /// A fresh, locked staging folder beside `output`, after removing what
    /// killed builds left there.
    pub(crate) fn new(output: &Path) -> io::Result<Staging> {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        remove_litter(output);
        let dir = sibling(output, NEW, std::process::id());
        std::fs::create_dir(&dir)?;
        let lock = lock_dir(&dir)?.ok_or_else(|| {
            io::Error::other(format!(
                "another build took the staging folder `{}`",
                dir.display()
            ))
        })?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            published: false,
            _lock: lock,
        })
    }

    /// Replaces the output folder with the staged one.
    pub(crate) fn publish(mut self) -> Result<(), PublishError> {
        let old = sibling(&self.output, OLD, std::process::id());
        let had_old = self.output.exists();
        if had_old {
            std::fs::rename(&self.output, &old).map_err(PublishError::Untouched)?;
        }
        // Locked from here until removed, so that no other build takes it for
        // litter while this one still needs it to put back.
        let old_lock = if had_old {
            lock_dir(&old).ok().flatten()
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            // Put the previous site back rather than leave nothing.
            if had_old {
                if let Err(back) = std::fs::rename(&old, &self.output) {
                    return Err(PublishError::MovedAside(
                        io::Error::other(format!("{e}; putting it back failed too: {back}")),
                        old,
                    ));
                }
            }
            return Err(PublishError::Untouched(e));
        }
        self.published = true;
        if had_old {
            // The new site is in place; an old copy we cannot delete is litter
            // that the next build removes, not a failed build.
            if let Err(e) = remove_tree(&old) {
                eprintln!(
                    "warning: could not remove the previous output at `{}`: {}",
                    old.display(),
                    crate::io_error::reason(&e, &old)
                );
            }
        }
        drop(old_lock);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Removes a folder and everything in it, deleting files in parallel: removing
/// the previous output is a large part of a rebuild on a slow disk.
pub(crate) fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    // contents_first lists every folder after what it holds.
    for d in dirs {
        std::fs::remove_dir(&d)?;
    }
    Ok(())
}
