//! What `serve` serves: the last good build, held in memory, with what each
//! rebuild changed, and the errors of the last failed one.

use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One output file.
pub(crate) struct File {
    pub bytes: Arc<[u8]>,
    pub etag: String,
    /// The version of the site in which it last changed.
    pub changed_at: u64,
}

/// The site as served.
#[derive(Default)]
pub(crate) struct Snapshot {
    /// Bumped by every rebuild that changed a file.
    pub version: u64,
    pub files: HashMap<String, File>,
    /// Files that a rebuild removed, and when.
    removed: HashMap<String, u64>,
    /// The errors of the last build, if it failed (the files are then the
    /// last good build's).
    pub errors: Vec<ErrorView>,
}

/// A diagnostic as the browser's overlay shows it.
#[derive(serde::Serialize, Clone, Debug)]
pub(crate) struct ErrorView {
    severity: &'static str,
    code: &'static str,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    source_line: Option<String>,
    hint: Option<String>,
    /// All of it as one text, as the overlay and the error page show it.
    pub text: String,
}

/// A diagnostic as one text, without colour or marker: what the browser shows.
fn as_text(d: &Diagnostic) -> String {
    let mut text = format!(
        "{}[{}]: {}",
        d.severity.as_str(),
        d.code.as_str(),
        d.message
    );
    if let Some(file) = &d.file {
        text.push_str(&format!("\n --> {}", crate::diagnostic::display_path(file)));
        if let Some(span) = &d.span {
            text.push_str(&format!(":{}:{}", span.line, span.column));
        }
    }
    if let Some(span) = &d.span {
        text.push_str(&format!("\n  | {}", span.source_line));
    }
    if let Some(hint) = &d.hint {
        text.push_str(&format!("\n  = hint: {hint}"));
    }
    text
}

impl From<&Diagnostic> for ErrorView {
    fn from(d: &Diagnostic) -> Self {
        ErrorView {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            message: d.message.clone(),
            file: d.file.as_deref().map(crate::diagnostic::display_path),
            line: d.span.as_ref().map(|s| s.line),
            column: d.span.as_ref().map(|s| s.column),
            source_line: d.span.as_ref().map(|s| s.source_line.clone()),
            hint: d.hint.clone(),
            text: as_text(d),
        }
    }
}

/// What the browser is told: the version, what changed, the errors.
#[derive(serde::Serialize)]
pub(crate) struct Message<'a> {
    pub version: u64,
    pub changed: Vec<&'a str>,
    pub errors: &'a [ErrorView],
}

fn etag(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

impl Snapshot {
    /// Takes a new build; returns the files that differ from the last one
    /// (added, changed or removed), sorted. A build identical to the last
    /// one changes nothing, not even the version.
    pub(crate) fn update(&mut self, files: BTreeMap<String, Vec<u8>>) -> Vec<String> {
        self.errors.clear();
        let mut changed = Vec::new();
        let next = self.version + 1;
        let mut fresh: HashMap<String, File> = HashMap::with_capacity(files.len());
        for (path, bytes) in files {
            let tag = etag(&bytes);
            match self.files.remove(&path) {
                Some(old) if old.etag == tag && *old.bytes == *bytes => {
                    fresh.insert(path, old);
                }
                _ => {
                    changed.push(path.clone());
                    self.removed.remove(&path);
                    fresh.insert(
                        path,
                        File {
                            bytes: bytes.into(),
                            etag: tag,
                            changed_at: next,
                        },
                    );
                }
            }
        }
        for gone in self.files.keys() {
            changed.push(gone.clone());
            self.removed.insert(gone.clone(), next);
        }
        self.files = fresh;
        changed.sort();
        if !changed.is_empty() {
            self.version = next;
        }
        changed
    }

    /// Whether `file` changed (or went) after version `since`.
    pub(crate) fn changed_since(&self, file: &str, since: u64) -> bool {
        match self.files.get(file) {
            Some(f) => f.changed_at > since,
            None => self.removed.get(file).is_some_and(|at| *at > since),
        }
    }

    /// The message for a rebuild that changed `changed`.
    pub(crate) fn message(&self, changed: &[String]) -> String {
        serde_json::to_string(&Message {
            version: self.version,
            changed: changed.iter().map(String::as_str).collect(),
            errors: &self.errors,
        })
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn only_what_differs_is_changed() {
        let mut s = Snapshot::default();
        let all = s.update(build(&[("index.html", "a"), ("style.css", "s")]));
        assert_eq!(all, ["index.html", "style.css"]);
        assert_eq!(s.version, 1);
        assert!(s
            .update(build(&[("index.html", "a"), ("style.css", "s")]))
            .is_empty());
        assert_eq!(s.version, 1);
        let changed = s.update(build(&[("index.html", "b"), ("new.html", "n")]));
        assert_eq!(changed, ["index.html", "new.html", "style.css"]);
        assert!(s.changed_since("index.html", 1));
        assert!(s.changed_since("style.css", 1), "removed counts");
        assert!(!s.changed_since("index.html", 2));
    }
}
