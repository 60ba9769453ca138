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

/// Writes under a folder, creating each sub-folder once.
pub struct DirSink {
    root: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
}

impl DirSink {
    pub fn new(root: PathBuf) -> DirSink {
        DirSink {
            root,
            made: Mutex::new(HashSet::new()),
        }
    }
}

/// Refuses anything that could leave the output folder. Slugs cannot, but theme
/// file names and asset names come from disk.
pub fn safe_relative(rel: &str) -> Option<PathBuf> {
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
        if let Some(parent) = path.parent() {
            let new = self
                .made
                .lock()
                .map(|mut m| m.insert(parent.to_path_buf()))
                .unwrap_or(true);
            if new {
                std::fs::create_dir_all(parent)?;
            }
        }
        std::fs::write(&path, bytes)
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
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, rel: &str, _bytes: &[u8]) -> io::Result<()> {
        safe_relative(rel).map(|_| ()).ok_or_else(|| refuse(rel))
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(rel, bytes)
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
pub struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    published: bool,
}

impl Staging {
    pub fn new(output: &Path) -> io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.annals-new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            published: false,
        })
    }

    /// Replaces the output folder with the staged one.
    pub fn publish(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.annals-old-{}",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.output.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            // Put the previous site back rather than leave nothing.
            if had_old {
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        self.published = true;
        if had_old {
            // The new site is in place; an old copy we cannot delete is litter,
            // not a failed build.
            if let Err(e) = remove_tree(&old) {
                eprintln!(
                    "warning: could not remove the previous output at `{}`: {e}",
                    old.display()
                );
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a folder and everything in it, deleting files in parallel: removing
/// the previous output is a large part of a rebuild on a slow disk.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
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
