//! Stage 1: find and read the site's source files, in a sorted, deterministic order.
//!
//! Owns the file walk and the front matter split. Knows nothing of what the keys
//! mean; that is `parse`'s job.

pub(crate) mod frontmatter;

use crate::diagnostic::{suggest, Code, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    Events,
    Actors,
    Theatres,
    Periods,
}

impl Section {
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Section::Events => "events",
            Section::Actors => "actors",
            Section::Theatres => "theatres",
            Section::Periods => "periods",
        }
    }
}

/// One Markdown file, read.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub section: Section,
    pub path: PathBuf,
    /// Relative to the site root, as printed in diagnostics.
    pub rel: PathBuf,
    pub text: String,
}

/// Names starting with `.` or `_` are private to the author (drafts folders,
/// editor files) and never part of the site.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

/// SPEC §2: `.md` or `.markdown`, in any letter case (`UP.MD` is an event).
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The folders SPEC §2 puts directly under `content/`.
const CONTENT_FOLDERS: [&str; 4] = ["events", "actors", "theatres", "periods"];

/// `root/content`, or the usage error every command gives when `root` has
/// none, since it is almost always the wrong `--root` or current folder.
/// Commands do not look in parent folders: the site is `--root`, default `.`.
pub(crate) fn content_dir(root: &Path) -> Result<PathBuf, Diagnostic> {
    let content = root.join("content");
    if content.is_dir() {
        Ok(content)
    } else {
        Err(Diagnostic::error(
            Code::Usage,
            format!("no `content/` folder in `{}`", root.display()),
        )
        .with_hint("run `annals init` to start a site, or pass `--root` with the site's folder"))
    }
}

/// What the walk found: Markdown sources to read, in sorted order, and assets.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Walked {
    pub sources: Vec<(Section, PathBuf)>,
    /// Non-Markdown files under `content/events/`, by the folder that holds them.
    pub assets: BTreeMap<PathBuf, Vec<PathBuf>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `root/content/`. A missing `actors/`, `theatres/` or `periods/` folder is fine; a
/// missing `content/` is reported (see [`content_dir`]), and so is anything
/// else directly under `content/` (see [`strays`]): a misspelt folder must not
/// quietly make an empty site.
pub(crate) fn walk(root: &Path) -> Walked {
    let mut walked = Walked::default();
    let content = match content_dir(root) {
        Ok(c) => c,
        Err(d) => {
            walked.diagnostics.push(d);
            return walked;
        }
    };
    let strays = strays(root, &content, &mut walked.diagnostics);
    for section in [
        Section::Events,
        Section::Actors,
        Section::Theatres,
        Section::Periods,
    ] {
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
                    let why = match (err.io_error(), err.path(), err.loop_ancestor()) {
                        (_, _, Some(ancestor)) => format!(
                            "it is a symbolic link to `{}`, a folder that holds it",
                            relative(root, ancestor).display()
                        ),
                        (Some(e), Some(path), None) => crate::io_error::reason(e, path),
                        _ => err.to_string(),
                    };
                    walked.diagnostics.push(
                        Diagnostic::error(Code::Io, format!("cannot read: {why}")).in_file(file),
                    );
                }
            }
        }
    }
    let has_events = walked.sources.iter().any(|(s, _)| *s == Section::Events);
    for stray in &strays {
        walked.diagnostics.push(stray.diagnostic(has_events));
    }
    walked
}

/// An entry directly under `content/` that is none of [`CONTENT_FOLDERS`].
struct Stray {
    /// Relative to the site root.
    rel: PathBuf,
    name: String,
    is_dir: bool,
    /// Markdown files it holds (a folder, however deep) or is (a file).
    markdown: usize,
}

/// The entries directly under `content/` that annals does not read, sorted by
/// name. Names starting with `.` or `_` are the author's own (SPEC §2).
fn strays(root: &Path, content: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Stray> {
    let entries = match std::fs::read_dir(content) {
        Ok(entries) => entries,
        Err(e) => {
            let why = crate::io_error::reason(&e, content);
            diagnostics.push(
                Diagnostic::error(Code::Io, format!("cannot read: {why}"))
                    .in_file(relative(root, content)),
            );
            return Vec::new();
        }
    };
    let mut strays = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let why = crate::io_error::reason(&e, content);
                diagnostics.push(
                    Diagnostic::error(Code::Io, format!("cannot read: {why}"))
                        .in_file(relative(root, content)),
                );
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        // Through symbolic links, as the walk itself goes.
        let is_dir = path.is_dir();
        if is_ignored(&name) || (is_dir && CONTENT_FOLDERS.contains(&name.as_str())) {
            continue;
        }
        let markdown = if is_dir {
            WalkDir::new(&path)
                .follow_links(true)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && is_markdown(e.path()))
                .count()
        } else {
            usize::from(is_markdown(&path))
        };
        strays.push(Stray {
            rel: relative(root, &path),
            name,
            is_dir,
            markdown,
        });
    }
    strays.sort_by(|a, b| a.name.cmp(&b.name));
    strays
}

impl Stray {
    /// A warning, or the error of a site whose only Markdown is misplaced:
    /// building that would publish an empty timeline without a word.
    fn diagnostic(&self, has_events: bool) -> Diagnostic {
        let shown = crate::diagnostic::display_path(&self.rel);
        let files = |n: usize| crate::diagnostic::plural(n, "Markdown file", "Markdown files");
        // A file is not a misspelt folder, so only folders get a "did you mean".
        let near = if self.is_dir {
            suggest(&self.name, &CONTENT_FOLDERS)
        } else {
            None
        };
        let d = if !has_events && self.markdown > 0 {
            let found = if self.is_dir {
                format!("`{shown}/` holds {}", files(self.markdown))
            } else {
                format!("`{shown}` is a Markdown file")
            };
            let hint = match near {
                Some("events") => {
                    "did you mean `content/events/`? move the event files there".to_string()
                }
                Some(other) => format!(
                    "did you mean `content/{other}/`? event files belong in `content/events/`"
                ),
                None => "event files belong in `content/events/`; move them there".to_string(),
            };
            Diagnostic::error(
                Code::EventsElsewhere,
                format!("no event files in `content/events/`, but {found}"),
            )
            .with_hint(hint)
        } else {
            let message = if self.is_dir {
                let unread = match self.markdown {
                    0 => String::new(),
                    1 => "; its 1 Markdown file is not part of the site".to_string(),
                    n => format!("; its {} are not part of the site", files(n)),
                };
                format!("`{shown}/` is not a folder annals reads{unread}")
            } else {
                format!(
                    "`{shown}` is not read: files directly under `content/` are not part of the site"
                )
            };
            let hint = match near {
                Some(k) => format!("did you mean `content/{k}/`?"),
                None if self.markdown > 0 && !self.is_dir => {
                    "event files belong in `content/events/`".to_string()
                }
                None => "the folders of `content/` are `events/`, `actors/`, `theatres/` and `periods/`; start a name with `_` to keep it there unread".to_string(),
            };
            Diagnostic::warning(Code::UnknownContent, message).with_hint(hint)
        };
        d.in_file(&self.rel)
    }
}

/// Reads one source file as UTF-8, refusing one larger than `max` bytes
/// (`limits.max_file_size`) before reading it. The read itself stops past
/// `max` too, for a file that grows while it is read.
pub(crate) fn read_source(
    root: &Path,
    section: Section,
    path: PathBuf,
    max: u64,
) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let rel = relative(root, &path);
    let cannot = |e: std::io::Error| {
        let why = crate::io_error::reason(&e, &path);
        Diagnostic::error(Code::Io, format!("cannot read: {why}")).in_file(&rel)
    };
    let too_large = |size: u64| {
        Diagnostic::error(
            Code::Io,
            format!(
                "the file is {}, more than the {} a source may be",
                crate::parse::limits::shown(size),
                crate::parse::limits::shown(max)
            ),
        )
        .in_file(&rel)
        .with_hint("split it into several files, or raise `limits.max_file_size` in annals.yaml")
    };
    let file = std::fs::File::open(&path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
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
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
