//! `annals import`: other tools' timelines as event files (SPEC §10).
//!
//! Each format reads its file into [`Draft`]s, one per event, with a
//! diagnostic for each item it cannot take (pointing at its row or JSON
//! pointer) and goes on with the others; [`write`] then names, checks and
//! writes them, the same way every time: the same input gives the same files
//! byte for byte, and no file is overwritten without `--force`.
//!
//! Done: TimelineJS3 JSON (and the legacy TimelineJS 2 format), the
//! TimelineJS spreadsheet template as CSV, ACLED's CSV export and UCDP GED
//! (with actor and theatre files), other generators' Markdown (Hugo, Zola,
//! Jekyll). TimelineJS eras become periods, and cosmological years long
//! years.

mod acled;
mod entities;
mod html;
mod markdown;
mod sheet;
mod slide;
mod table;
mod timelinejs;
mod ucdp;

use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use crate::slug::Slug;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The formats `annals import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// A TimelineJS3 JSON file (or a TimelineJS 2 one).
    TimelineJs,
    /// The TimelineJS Google Sheets template, exported as CSV.
    Csv,
    /// ACLED's CSV export, old and new schemas.
    Acled,
    /// UCDP's Georeferenced Event Dataset as CSV.
    Ucdp,
    /// A folder of another generator's Markdown (Hugo, Zola, Jekyll).
    Markdown,
}

/// Where a TimelineJS `group` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum GroupAs {
    #[default]
    Tag,
    Theatre,
}

/// What to import and where.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub format: Format,
    pub file: PathBuf,
    /// The folder event files go into.
    pub into: PathBuf,
    /// The site's `content/`, where actor and theatre files go.
    pub content: Option<PathBuf>,
    pub force: bool,
    pub dry_run: bool,
    pub group_as: GroupAs,
}

/// One event as an importer made it, before it has a file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// Where it came from, for messages: `row 5`, `/events/3`.
    pub origin: String,
    /// The slug the source gives it (TimelineJS `unique_id`), if any.
    pub slug: Option<String>,
    pub front: Front,
    /// Markdown.
    pub body: String,
    /// A page bundle's other files (source, path in the bundle): the event
    /// is then written as `<slug>/index.md` with them beside it.
    pub assets: Vec<(PathBuf, String)>,
}

/// The front matter written, in the order written.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Front {
    pub title: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub theatres: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A source as an import knows it: never with an invented URL.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Source {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Image {
    pub src: String,
    pub alt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// What a format read: events, the actor and theatre files they need, how
/// many items gave nothing, what was said.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    pub drafts: Vec<Draft>,
    pub entities: entities::Entities,
    pub skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// What an import did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Files written (or, with `--dry-run`, that would be), in order.
    pub written: Vec<PathBuf>,
    /// Files that exist and were left as they are.
    pub kept: Vec<PathBuf>,
    /// Items that gave no event.
    pub skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `req.file` and writes its events into `req.into`.
pub(crate) fn run(req: &Request) -> Outcome {
    let shown = req.file.clone();
    let mut outcome = Outcome::default();
    let read = match req.format {
        Format::Markdown => markdown::read(&req.file),
        format => match std::fs::read(&req.file) {
            Err(e) => Err(Diagnostic::error(
                Code::Io,
                format!("cannot read: {}", crate::io_error::reason(&e, &req.file)),
            )),
            Ok(bytes) => read_bytes(format, &bytes, req.group_as),
        },
    };
    let imported = match read {
        Ok(imported) => imported,
        Err(d) => Imported {
            diagnostics: vec![d],
            ..Imported::default()
        },
    };
    outcome.skipped = imported.skipped;
    outcome
        .diagnostics
        .extend(imported.diagnostics.into_iter().map(|d| d.in_file(&shown)));
    let drafts = imported.drafts;
    entities::write(req, &imported.entities, &mut outcome);
    write(req, drafts, &mut outcome);
    outcome
}

/// Reads a one-file format (every format but Markdown, a folder).
fn read_bytes(format: Format, bytes: &[u8], group_as: GroupAs) -> Result<Imported, Diagnostic> {
    match format {
        Format::TimelineJs => timelinejs::read(bytes).map(|s| slide::drafts(s, group_as)),
        Format::Csv => sheet::read(bytes).map(|s| slide::drafts(s, group_as)),
        Format::Acled => acled::read(bytes),
        Format::Ucdp | Format::Markdown => ucdp::read(bytes),
    }
}

/// The text of each event file an import of `bytes` would write, for the
/// fuzz targets (`crate::fuzzing`).
pub(crate) fn draft_files(format: crate::fuzzing::ImportFormat, bytes: &[u8]) -> Vec<String> {
    use crate::fuzzing::ImportFormat as F;
    let read = match format {
        F::Markdown => tempfile::tempdir().ok().and_then(|dir| {
            std::fs::write(dir.path().join("fuzzed.md"), bytes).ok()?;
            markdown::read(dir.path()).ok()
        }),
        F::TimelineJs => read_bytes(Format::TimelineJs, bytes, GroupAs::default()).ok(),
        F::Sheet => read_bytes(Format::Csv, bytes, GroupAs::default()).ok(),
        F::Acled => read_bytes(Format::Acled, bytes, GroupAs::default()).ok(),
        F::Ucdp => read_bytes(Format::Ucdp, bytes, GroupAs::default()).ok(),
    };
    let Some(imported) = read else {
        return Vec::new();
    };
    for d in &imported.diagnostics {
        let _ = crate::report::human(d, false);
    }
    // As `write` does: each draft's file, unless it would not build.
    imported
        .drafts
        .iter()
        .filter_map(|d| file_text(d).ok().filter(|t| builds(d, t).is_ok()))
        .collect()
}

/// Names each draft's file (its slug, else date and title; a name taken by an
/// earlier draft gets `-2`, `-3`…), and writes those not already there
/// (unless `force`).
fn write(req: &Request, drafts: Vec<Draft>, outcome: &mut Outcome) {
    let mut taken: BTreeSet<Slug> = BTreeSet::new();
    for draft in drafts {
        let named = draft
            .slug
            .as_deref()
            .and_then(Slug::from_name)
            .or_else(|| {
                EventDate::parse(&draft.front.date, chrono_tz::UTC)
                    .ok()
                    .and_then(|d| Slug::for_event(&d, &draft.front.title))
            })
            .or_else(|| Slug::from_name(&draft.front.title));
        let Some(slug) = named else {
            outcome.skipped += 1;
            outcome.diagnostics.push(
                Diagnostic::error(
                    Code::ImportItem,
                    format!("{}: no file name can be made from it", draft.origin),
                )
                .with_hint("give it a headline or a unique_id"),
            );
            continue;
        };
        let name = slug.first_free(|s| taken.contains(s));
        taken.insert(name.clone());
        let path = match draft.assets.is_empty() {
            true => req.into.join(format!("{name}.md")),
            false => req.into.join(name.as_str()).join("index.md"),
        };
        let text = match file_text(&draft).and_then(|t| builds(&draft, &t).map(|()| t)) {
            Ok(t) => t,
            Err(d) => {
                outcome.skipped += 1;
                outcome.diagnostics.push(d);
                continue;
            }
        };
        if !put(req, &path, &text, outcome) {
            continue;
        }
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for (from, rel) in &draft.assets {
            let to = folder.join(rel);
            let copied = match req.dry_run {
                true => Ok(()),
                false => to
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::copy(from, &to).map(|_| ())),
            };
            match copied {
                Ok(()) => outcome.written.push(to),
                Err(e) => outcome.diagnostics.push(Diagnostic::error(
                    Code::Io,
                    format!(
                        "cannot copy `{}`: {}",
                        from.display(),
                        crate::io_error::reason(&e, &to)
                    ),
                )),
            }
        }
    }
}

/// The event file: front matter, then the body, made to be one that builds:
/// a title on one line (exports carry tabs and line ends in theirs), names
/// that make a slug, a location with both coordinates or none, addresses
/// with the characters a URL may not hold percent-encoded.
fn file_text(draft: &Draft) -> Result<String, Diagnostic> {
    let named = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .filter(|n| Slug::from_name(n).is_some())
            .cloned()
            .collect()
    };
    let mut front = Front {
        title: crate::text::one_line(&draft.front.title),
        actors: named(&draft.front.actors),
        theatres: named(&draft.front.theatres),
        tags: named(&draft.front.tags),
        ..draft.front.clone()
    };
    if let Some(place) = &mut front.location {
        if place.lat.is_none() || place.lon.is_none() {
            place.lat = None;
            place.lon = None;
        }
    }
    if front
        .location
        .as_ref()
        .is_some_and(|l| l.name.is_none() && l.lat.is_none())
    {
        front.location = None;
    }
    if let Some(image) = &mut front.image {
        image.src = web_address(&image.src);
    }
    for source in &mut front.sources {
        source.url = source.url.as_deref().map(web_address);
    }
    let yaml = crate::yaml::to_string(&front).map_err(|e| {
        Diagnostic::error(
            Code::ImportItem,
            format!("{}: cannot be written: {}", draft.origin, e.message),
        )
    })?;
    Ok(with_front_matter(&yaml, &draft.body))
}

/// `url` with what a URL may not hold as it is (white space, control
/// characters, `"`, `<`, `>`, backticks) percent-encoded, as a browser
/// sends it.
fn web_address(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text`, the file made of `draft`, read back as the build reads it: an
/// import never writes a file that fails the build. What would fail it (an
/// end before the start, say) skips the item with the parser's reason.
fn builds(draft: &Draft, text: &str) -> Result<(), Diagnostic> {
    let file = crate::load::SourceFile {
        section: crate::load::Section::Events,
        path: PathBuf::from("content/events/imported.md"),
        rel: PathBuf::from("content/events/imported.md"),
        text: text.to_string(),
    };
    let bodies = crate::parse::Bodies::Memory;
    let (_, diagnostics) = crate::parse::parse_event(&file, chrono_tz::UTC, None, &bodies);
    match diagnostics.into_iter().find(Diagnostic::is_error) {
        None => Ok(()),
        Some(d) => Err(Diagnostic::error(
            Code::ImportItem,
            format!("{}: its event would not build: {}", draft.origin, d.message),
        )),
    }
}

/// A Markdown file: `yaml` as front matter, then `body` when it has one.
fn with_front_matter(yaml: &str, body: &str) -> String {
    match body.trim() {
        "" => format!("---\n{yaml}---\n"),
        body => format!("---\n{yaml}---\n{body}\n"),
    }
}

/// Writes `text` at `path` unless a file is there (and not `--force`) or
/// it is a dry run, noting what was written or kept. Whether the file is
/// (or, in a dry run, would be) written.
fn put(req: &Request, path: &Path, text: &str, outcome: &mut Outcome) -> bool {
    if path.exists() && !req.force {
        outcome.kept.push(path.to_path_buf());
        return false;
    }
    if !req.dry_run {
        if let Err(d) = crate::commands::create_file(path, text) {
            outcome.diagnostics.push(d);
            return false;
        }
    }
    outcome.written.push(path.to_path_buf());
    true
}

/// The folder events go into by default: the site's `content/events/`.
pub(crate) fn default_into(content: &Path) -> PathBuf {
    content.join(crate::load::Section::Events.folder())
}
