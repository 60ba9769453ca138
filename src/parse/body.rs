//! An event's Markdown body, and where a build keeps it between reading its
//! file and writing what shows it (its page, its feed entries, the exports,
//! the search index).
//!
//! A build does not hold bodies in memory: they are most of a timeline's
//! weight (2.3 GB at a million events). Each is appended to the build's
//! temporary file ([`Spill`]) when its file is parsed and read back with one
//! positioned read when needed. Reading the event files again instead cost a
//! path lookup, an open and a front-matter split per read, and once a large
//! build's output had pushed the sources out of the page cache, a read from
//! the disk: the stages that read bodies grew 15–29× from 100k events to 1M.
//! The copy is also the text that was parsed, so a file edited during a build
//! cannot make one page disagree with the rest of the site.

use crate::diagnostic::{Code, Diagnostic};
use crate::spill::Spill;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// Where a site's bodies are kept.
#[derive(Clone)]
pub(crate) enum Bodies {
    /// In memory: for `annals diff`, whose files are temporary, and where no
    /// temporary file can be made.
    Memory,
    Spilled(Arc<Spill>),
}

impl Bodies {
    /// Bodies kept in memory when `in_memory`, else in a new temporary file.
    pub(crate) fn new(in_memory: bool) -> Bodies {
        if in_memory {
            return Bodies::Memory;
        }
        Spill::new().map_or(Bodies::Memory, |s| Bodies::Spilled(Arc::new(s)))
    }

    /// Keeps `text`: in the file, or in memory where it cannot be written
    /// there (its disk full).
    pub(crate) fn keep(&self, text: &str) -> Body {
        if let Bodies::Spilled(spill) = self {
            if let Ok(len) = u32::try_from(text.len()) {
                if let Ok(at) = spill.append(text.as_bytes()) {
                    return Body::Spilled(Spilled {
                        spill: Arc::clone(spill),
                        at,
                        len,
                        fingerprint: fingerprint(text),
                    });
                }
            }
        }
        Body::Kept(text.to_string())
    }
}

/// An event's Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Body {
    Kept(String),
    Spilled(Spilled),
}

/// A body in a [`Spill`]. Two are equal when their texts are (by their
/// fingerprints), wherever they are stored.
#[derive(Clone)]
pub(crate) struct Spilled {
    spill: Arc<Spill>,
    at: u64,
    len: u32,
    fingerprint: u64,
}

impl PartialEq for Spilled {
    fn eq(&self, other: &Spilled) -> bool {
        (self.len, self.fingerprint) == (other.len, other.fingerprint)
    }
}

impl Eq for Spilled {}

impl std::hash::Hash for Spilled {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.len, self.fingerprint).hash(state);
    }
}

impl std::fmt::Debug for Spilled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spilled")
            .field("at", &self.at)
            .field("len", &self.len)
            .finish()
    }
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // `DefaultHasher::new()` has fixed keys: the same text, the same number.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl Body {
    /// The body when it is in memory (`annals diff`), else empty.
    pub(crate) fn kept(&self) -> &str {
        match self {
            Body::Kept(s) => s,
            Body::Spilled(_) => "",
        }
    }

    /// The text, read back from the temporary file when it is there.
    /// `file` is the event's, for the message.
    pub(crate) fn text(&self, file: &Path) -> Result<Cow<'_, str>, Diagnostic> {
        let s = match self {
            Body::Kept(s) => return Ok(Cow::Borrowed(s)),
            Body::Spilled(s) => s,
        };
        let unreadable = |why: String| {
            Diagnostic::error(
                Code::Io,
                format!(
                    "cannot read the body back from the temporary file in `{}`: {why}",
                    Spill::folder().display()
                ),
            )
            .in_file(file)
            .with_hint("annals keeps event bodies in an unnamed file in the temporary folder (TMPDIR, else /tmp) while it builds; free some room there, or point TMPDIR at a folder with room")
        };
        let bytes = s
            .spill
            .read(s.at, s.len as usize)
            .map_err(|e| unreadable(crate::io_error::reason(&e, &Spill::folder())))?;
        String::from_utf8(bytes)
            .map(Cow::Owned)
            .map_err(|_| unreadable("what was read back is not the text stored".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_reads_back_as_kept_wherever_it_is() {
        let text = "A *body* with ünïcode.\n\nTwo paragraphs.\n";
        for bodies in [Bodies::new(false), Bodies::new(true)] {
            let body = bodies.keep(text);
            assert_eq!(body.text(Path::new("e.md")).unwrap(), text);
        }
        let spilled = Bodies::new(false);
        assert!(matches!(spilled.keep(text), Body::Spilled(_)));
        assert_eq!(spilled.keep(text), spilled.keep(text), "equal by text");
        assert_ne!(spilled.keep(text), spilled.keep("another"));
        assert_eq!(Bodies::new(true).keep(text).kept(), text);
    }
}
