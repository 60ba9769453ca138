//! Where `serve` keeps what it builds: a temporary folder of its own, never
//! `public/` (which a repository may commit) and not memory (a site of 100k
//! events is gigabytes of pages). A whole build goes into a new folder that
//! replaces the last one once complete; the files an edit reached are written
//! beside it and renamed over the old ones, so a request reads a file whole,
//! old or new, never half written.

use crate::write::{DirSink, Sink};
use std::collections::HashMap;
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The prefix of `serve`'s temporary folders, followed by the process id.
const PREFIX: &str = "annals-serve-";

/// The temporary folder, holding one folder per whole build and one per
/// edit's files while they are written.
pub(crate) struct Store {
    base: PathBuf,
    /// The folder being served.
    current: Option<PathBuf>,
    count: u64,
}

/// One whole build's folder, removed (on a thread of its own) when the last
/// request reading from it is done.
#[derive(Debug)]
pub(crate) struct Output {
    pub path: PathBuf,
}

impl Drop for Output {
    fn drop(&mut self) {
        let path = std::mem::take(&mut self.path);
        std::thread::spawn(move || std::fs::remove_dir_all(path));
    }
}

/// A sink into a folder of the store that remembers each file's tag (a hash
/// of its bytes, for `ETag` and to tell what changed).
pub(crate) struct Writer {
    dir: PathBuf,
    sink: DirSink,
    hashes: Mutex<HashMap<String, std::collections::hash_map::DefaultHasher>>,
}

impl Sink for Writer {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.sink.put(rel, bytes)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        h.write(bytes);
        if let Ok(mut hashes) = self.hashes.lock() {
            hashes.insert(rel.to_string(), h);
        }
        Ok(())
    }

    fn append(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.sink.append(rel, bytes)?;
        if let Ok(mut hashes) = self.hashes.lock() {
            if let Some(h) = hashes.get_mut(rel) {
                h.write(bytes);
            }
        }
        Ok(())
    }
}

impl Writer {
    /// Each file written, with its tag.
    fn tags(self) -> (PathBuf, HashMap<String, String>) {
        let hashes = self.hashes.into_inner().unwrap_or_else(|e| e.into_inner());
        let tags = hashes
            .into_iter()
            .map(|(rel, h)| (rel, format!("\"{:016x}\"", h.finish())))
            .collect();
        (self.dir, tags)
    }
}

impl Store {
    /// A new temporary folder, after removing those of `serve` processes
    /// that no longer run (killed before they could clean up).
    pub(crate) fn new() -> io::Result<Store> {
        remove_litter(&std::env::temp_dir());
        let base = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .tempdir()?
            .keep();
        Ok(Store {
            base,
            current: None,
            count: 0,
        })
    }

    fn folder(&mut self, kind: &str) -> io::Result<Writer> {
        self.count += 1;
        let dir = self.base.join(format!("{kind}-{}", self.count));
        std::fs::create_dir(&dir)?;
        Ok(Writer {
            sink: DirSink::new(dir.clone()),
            dir,
            hashes: Mutex::new(HashMap::new()),
        })
    }

    /// A writer for a whole build, into an empty folder.
    pub(crate) fn whole(&mut self) -> io::Result<Writer> {
        self.folder("site")
    }

    /// A writer for some files, which [`commit`](Self::commit) then moves
    /// into the served folder.
    pub(crate) fn some(&mut self) -> io::Result<Writer> {
        self.folder("edit")
    }

    /// A whole build's folder, to serve from now on, with each file's tag.
    pub(crate) fn take_whole(&mut self, w: Writer) -> (Output, HashMap<String, String>) {
        let (dir, tags) = w.tags();
        self.current = Some(dir.clone());
        (Output { path: dir }, tags)
    }

    /// Moves the files of `w` over those of the served folder, one rename
    /// each; returns their tags.
    pub(crate) fn commit(&mut self, w: Writer) -> io::Result<HashMap<String, String>> {
        let (dir, tags) = w.tags();
        let moved = match &self.current {
            None => Err(io::Error::other("no site is served yet")),
            Some(current) => tags.keys().try_for_each(|rel| {
                let to = current.join(rel);
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::rename(dir.join(rel), to)
            }),
        };
        let _ = std::fs::remove_dir_all(&dir);
        moved.map(|()| tags)
    }

    /// Removes what a writer wrote (its build failed).
    pub(crate) fn discard(&mut self, w: Writer) {
        let _ = std::fs::remove_dir_all(&w.dir);
    }

    /// Removes the whole temporary folder (when `serve` stops).
    pub(crate) fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// Removes the temporary folders of `serve` processes that are gone. Only
/// where `/proc` tells which processes run; elsewhere the system's own
/// cleaning of its temporary folder does it.
fn remove_litter(temp: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !proc.join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_replaces_files_and_keeps_the_others() {
        let mut store = Store::new().unwrap();
        let w = store.whole().unwrap();
        w.put("index.html", b"one").unwrap();
        w.put("events/a/index.html", b"a").unwrap();
        w.put("big.json", b"[1").unwrap();
        w.append("big.json", b",2]").unwrap();
        let (output, tags) = store.take_whole(w);
        assert_eq!(tags.len(), 3);
        let e = store.some().unwrap();
        e.put("index.html", b"two").unwrap();
        e.put("events/b/index.html", b"b").unwrap();
        let changed = store.commit(e).unwrap();
        assert_ne!(changed["index.html"], tags["index.html"]);
        let read = |rel: &str| std::fs::read_to_string(output.path.join(rel)).unwrap();
        assert_eq!(read("index.html"), "two");
        assert_eq!(read("events/a/index.html"), "a");
        assert_eq!(read("events/b/index.html"), "b");
        assert_eq!(read("big.json"), "[1,2]");
        let entries = std::fs::read_dir(&store.base).unwrap().count();
        assert_eq!(entries, 1, "the edit's folder is gone");
        store.remove();
        assert!(!store.base.exists());
    }
}
