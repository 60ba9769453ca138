//! What `serve` serves: the files of the last good build (in the store's
//! folder), with what each rebuild changed, and the errors of the last failed
//! one.

use super::store::Output;
use crate::diagnostic::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One output file.
pub(crate) struct File {
    pub etag: String,
    /// The version of the site in which it last changed.
    pub changed_at: u64,
}

/// The site as served.
#[derive(Default)]
pub(crate) struct Snapshot {
    /// Bumped by every rebuild that changed a file.
    pub version: u64,
    /// The folder the files are in; a request keeps it while it reads.
    pub output: Option<Arc<Output>>,
    /// Every file served, by path below the output: nothing else is.
    pub files: HashMap<String, File>,
    /// Files being written again after an edit (exports that hold every
    /// event): a request for one waits until it is current.
    pub pending: HashSet<String>,
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

/// A message as broadcast to every open page.
#[derive(Clone, Debug)]
pub(crate) struct Sent {
    pub version: u64,
    pub message: String,
}

/// What the browser is told: the version, what changed, the errors.
#[derive(serde::Serialize)]
pub(crate) struct Message<'a> {
    pub version: u64,
    pub changed: Vec<&'a str>,
    pub errors: &'a [ErrorView],
}

impl Snapshot {
    /// Takes a whole new build (its folder and each file's tag); returns
    /// the files that differ from the last one (added, changed or removed),
    /// sorted. A build identical to the last one changes nothing, not even
    /// the version.
    pub(crate) fn replace(&mut self, output: Output, tags: HashMap<String, String>) -> Vec<String> {
        self.errors.clear();
        self.output = Some(Arc::new(output));
        let next = self.version + 1;
        let mut changed = Vec::new();
        let mut fresh: HashMap<String, File> = HashMap::with_capacity(tags.len());
        for (path, etag) in tags {
            match self.files.remove(&path) {
                Some(old) if old.etag == etag => {
                    fresh.insert(path, old);
                }
                _ => {
                    changed.push(path.clone());
                    self.removed.remove(&path);
                    fresh.insert(
                        path,
                        File {
                            etag,
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
        self.finish(changed, next)
    }

    /// Takes some files written over the served ones; returns those that
    /// changed, sorted.
    pub(crate) fn overlay(&mut self, tags: HashMap<String, String>) -> Vec<String> {
        self.errors.clear();
        let next = self.version + 1;
        let mut changed = Vec::new();
        for (path, etag) in tags {
            if self.files.get(&path).is_some_and(|f| f.etag == etag) {
                continue;
            }
            self.removed.remove(&path);
            changed.push(path.clone());
            self.files.insert(
                path,
                File {
                    etag,
                    changed_at: next,
                },
            );
        }
        self.finish(changed, next)
    }

    fn finish(&mut self, mut changed: Vec<String>, next: u64) -> Vec<String> {
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

    /// The message for a rebuild that changed `changed`, with the version it
    /// brings a page to.
    pub(crate) fn sent(&self, changed: &[String]) -> Sent {
        Sent {
            version: self.version,
            message: self.message(changed),
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

    fn tags(files: &[(&str, &str)]) -> HashMap<String, String> {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    fn output() -> Output {
        Output {
            path: std::path::PathBuf::new(),
        }
    }

    #[test]
    fn only_what_differs_is_changed() {
        let mut s = Snapshot::default();
        let all = s.replace(output(), tags(&[("index.html", "a"), ("style.css", "s")]));
        assert_eq!(all, ["index.html", "style.css"]);
        assert_eq!(s.version, 1);
        assert!(s
            .replace(output(), tags(&[("index.html", "a"), ("style.css", "s")]))
            .is_empty());
        assert_eq!(s.version, 1);
        let changed = s.replace(output(), tags(&[("index.html", "b"), ("new.html", "n")]));
        assert_eq!(changed, ["index.html", "new.html", "style.css"]);
        assert!(s.changed_since("index.html", 1));
        assert!(s.changed_since("style.css", 1), "removed counts");
        assert!(!s.changed_since("index.html", 2));
        let edited = s.overlay(tags(&[("index.html", "b"), ("new.html", "m")]));
        assert_eq!(edited, ["new.html"]);
        assert_eq!(s.version, 3);
        assert!(!s.changed_since("index.html", 2));
        assert!(
            s.files.contains_key("index.html"),
            "an overlay keeps the rest"
        );
    }
}
