//! An unnamed temporary file (`$TMPDIR`, as `sort` spills) that a build
//! appends texts to and reads back by position: what every event needs more
//! than once but a large site cannot hold in memory (its body, its list
//! entries). Appends may come from any thread: each reserves its place, then
//! writes there with one positioned write.
//!
//! Its owners keep a text in memory instead where the file cannot be made or
//! written (its disk full), so a build never fails for want of one.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) struct Spill {
    file: File,
    end: AtomicU64,
}

impl Spill {
    pub(crate) fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
        })
    }

    /// Stores `bytes` and says where they begin. A failed write leaves a
    /// hole that nothing points to.
    pub(crate) fn append(&self, bytes: &[u8]) -> io::Result<u64> {
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        self.file.write_all_at(bytes, at)?;
        Ok(at)
    }

    /// The end of what was appended so far.
    pub(crate) fn len(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    /// A spill over an open `file` whose first `end` bytes are taken (tests
    /// make one that refuses writes, as a full disk does).
    #[cfg(test)]
    pub(crate) fn over(file: File, end: u64) -> Spill {
        Spill {
            file,
            end: AtomicU64::new(end),
        }
    }

    pub(crate) fn read(&self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; len];
        self.file.read_exact_at(&mut buf, at)?;
        Ok(buf)
    }

    /// Where the file is, for messages.
    pub(crate) fn folder() -> PathBuf {
        std::env::temp_dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn texts_appended_from_many_threads_are_read_back_whole() {
        let spill = Spill::new().unwrap();
        let texts: Vec<String> = (0..2000)
            .map(|i| "x".repeat(i % 37) + &i.to_string())
            .collect();
        let places: Vec<u64> = texts
            .par_iter()
            .map(|t| spill.append(t.as_bytes()).unwrap())
            .collect();
        for (t, at) in texts.iter().zip(places) {
            assert_eq!(spill.read(at, t.len()).unwrap(), t.as_bytes());
        }
        let end = texts.iter().map(String::len).sum::<usize>() as u64;
        assert!(spill.read(end, 1).is_err(), "a read past the end fails");
    }
}
