//! Stage 1: find and read the site's source files, in a sorted, deterministic order.
//!
//! Owns the file walk and the front matter split. Knows nothing of what the keys
//! mean; that is `parse`'s job.

pub mod frontmatter;

use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Events,
    Actors,
    Theatres,
}

impl Section {
    pub fn folder(self) -> &'static str {
        match self {
            Section::Events => "events",
            Section::Actors => "actors",
            Section::Theatres => "theatres",
        }
    }
}

/// One Markdown file, read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub section: Section,
    pub path: PathBuf,
    /// Relative to the site root, as printed in diagnostics.
    pub rel: PathBuf,
    pub text: String,
}

/// Names starting with `.` or `_` are private to the author (drafts folders,
/// editor files) and never part of the site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "md" || e == "markdown")
}

/// What the walk found: Markdown sources to read, in sorted order, and assets.
#[derive(Debug, Default)]
pub struct Walked {
    pub sources: Vec<(Section, PathBuf)>,
    /// Non-Markdown files under `content/events/`, by the folder that holds them.
    pub assets: BTreeMap<PathBuf, Vec<PathBuf>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `root/content/`. A missing `actors/` or `theatres/` folder is fine; a
/// missing `content/` is reported, since it is almost always the wrong `--root`.
pub fn walk(root: &Path) -> Walked {
    let mut walked = Walked::default();
    let content = root.join("content");
    if !content.is_dir() {
        walked.diagnostics.push(
            Diagnostic::error(
                Code::Usage,
                format!("no `content/` folder in `{}`", root.display()),
            )
            .with_hint(
                "run `annals init` to start a site, or pass `--root` with the site's folder",
            ),
        );
        return walked;
    }
    for section in [Section::Events, Section::Actors, Section::Theatres] {
        let dir = content.join(section.folder());
        if !dir.is_dir() {
            continue;
        }
        let walker = WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let path = e.into_path();
                    if is_markdown(&path) {
                        walked.sources.push((section, path));
                    } else if section == Section::Events {
                        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        walked.assets.entry(parent).or_default().push(path);
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let file = err.path().map(|p| relative(root, p)).unwrap_or_default();
                    walked.diagnostics.push(
                        Diagnostic::error(Code::Io, format!("cannot read: {err}")).in_file(file),
                    );
                }
            }
        }
    }
    walked
}

/// Reads one source file as UTF-8.
pub fn read_source(root: &Path, section: Section, path: PathBuf) -> Result<SourceFile, Diagnostic> {
    let rel = relative(root, &path);
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read: {e}")).in_file(&rel))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .in_file(&rel)
        .with_hint("save the file as UTF-8")
    })?;
    Ok(SourceFile {
        section,
        path,
        rel,
        text,
    })
}

/// `path` relative to `root`, or `path` itself when it is elsewhere.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
