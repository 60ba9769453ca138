//! Event files (SPEC §3): front matter into a typed `Event`, every problem a diagnostic.

use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::load::frontmatter::{self, FrontMatter};
use crate::load::SourceFile;
use crate::parse::body::{Bodies, Body};
use crate::parse::fields::Fields;
use crate::parse::nested::{read_image, read_sources};
pub(crate) use crate::parse::nested::{read_location, Image, ImageSrc, Location, Source};
use crate::parse::schema;
use crate::slug::Slug;
use crate::yaml::{self, Value};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Reported,
    Claimed,
    Confirmed,
    Disputed,
    Denied,
}

impl Status {
    pub(crate) const ALL: [Status; 5] = [
        Status::Reported,
        Status::Claimed,
        Status::Confirmed,
        Status::Disputed,
        Status::Denied,
    ];
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Claimed => "claimed",
            Status::Confirmed => "confirmed",
            Status::Disputed => "disputed",
            Status::Denied => "denied",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub slug: Slug,
    /// Relative to the site root (for messages).
    pub file: PathBuf,
    /// Absolute path of the file.
    pub path: PathBuf,
    pub title: String,
    pub date: EventDate,
    pub actors: Vec<String>,
    pub theatres: Vec<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub summary: Option<String>,
    /// `summary`, or the body's first paragraph as text: computed once here,
    /// where parsing is already parallel, for every page and feed that shows it.
    pub summary_text: String,
    pub sources: Vec<Source>,
    /// The index in the file's `sources:` list each source was read from
    /// (an invalid entry is left out of `sources`), to point at it in warnings.
    pub source_items: Vec<usize>,
    pub image: Option<Box<Image>>,
    pub location: Option<Box<Location>>,
    /// Each related slug, with its index in the `related:` list (`None`
    /// when it is a lone name) for [`Event::locate`].
    pub related: Vec<(Slug, Option<usize>)>,
    /// `periods:` as written (names or slugs), each with its index in the
    /// list, as `related`; empty when the date decides (SPEC §5).
    pub periods: Vec<(String, Option<usize>)>,
    pub draft: bool,
    /// Its file had errors: a wrong value is left out (the status, say, is
    /// then the default). Never built; `annals diff` does not compare it.
    pub has_errors: bool,
    pub weight: i64,
    pub extra: serde_json::Value,
    pub body: Body,
    /// Spans for problems found once the whole timeline is known (duplicate
    /// slugs, likely duplicates); the model drops them when it is done.
    /// Boxed, so that an event without them does not keep their room.
    pub slug_span: Option<Box<Span>>,
    pub title_span: Option<Box<Span>>,
    pub date_span: Option<Box<Span>>,
}

/// What is known of an event file too broken to be an event (no valid
/// title or date): its slug, so that other files may refer to it without a
/// second, false error, and a second file with that slug is still found, and
/// its `related:`, which is checked like any event's.
#[derive(Debug, Clone)]
pub(crate) struct Stub {
    pub slug: Slug,
    pub file: PathBuf,
    pub path: PathBuf,
    pub related: Vec<(Slug, Option<usize>)>,
    pub slug_span: Option<Span>,
}

/// Where the value at `steps` is written in the front matter of the file at
/// `path`, read again.
pub(crate) fn locate(path: &Path, steps: &[crate::yaml::Step]) -> Option<Span> {
    let text = std::fs::read_to_string(path).ok()?;
    frontmatter::split(&text).ok()?.value_span(steps)
}

impl Event {
    /// The body's Markdown (see [`Body`]).
    pub(crate) fn body_text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        self.body.text(&self.file)
    }
}

/// Parses one event file's front matter (`fm`, split from `file`): the event
/// when it is valid, and every error found. Its body goes to `bodies`. The warnings of an event are
/// `parse::lint`'s, which reads the `Event` this returns. A file without a
/// valid title or date gives a [`Stub`] instead, when its slug is known.
pub(crate) fn parse(
    fm: &FrontMatter,
    file: &SourceFile,
    tz: chrono_tz::Tz,
    bodies: &Bodies,
) -> (Result<Event, Option<Stub>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(mut f) = Fields::parse(fm, &file.rel, &mut diagnostics) else {
        return (Err(None), diagnostics);
    };
    f.check_keys("event front matter", &schema::names(schema::EVENT));

    let title = f.string("title");
    if title.is_none() && f.get("title").is_none() {
        f.missing("title", "an event");
    }
    let title = title.and_then(|t| {
        let t = t.trim().to_string();
        if t.is_empty() {
            f.error(Code::InvalidValue, "title", "`title` is empty");
            None
        } else if t.contains('\n') {
            f.error(Code::InvalidValue, "title", "`title` must be one line")
                .hint = Some("put longer text in `summary` or the body".into());
            None
        } else if t.chars().any(char::is_control) {
            f.error(
                Code::InvalidValue,
                "title",
                "`title` contains a control character",
            )
            .hint = Some("remove escapes such as `\\u0000` or `\\t` from the title".into());
            None
        } else {
            Some(t)
        }
    });

    let date = read_when(&mut f, "an event", tz);

    let status = match f.string("status") {
        None => Status::Reported,
        Some(s) => match Status::ALL.iter().find(|st| st.as_str() == s.trim()) {
            Some(st) => *st,
            None => {
                let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                let hint = crate::parse::fields::choice_hint(&s, &names, "use one of");
                f.error(
                    Code::InvalidValue,
                    "status",
                    format!("unknown status `{s}`"),
                )
                .hint = Some(hint);
                Status::Reported
            }
        },
    };

    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // `folder/index.md` is an event bundle: the folder names it.
    let stem = if stem == "index" {
        file.path
            .parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or(stem)
    } else {
        stem
    };
    let slug = match f.string("slug") {
        Some(s) => Slug::from_name(&s).or_else(|| {
            f.error(
                Code::InvalidValue,
                "slug",
                format!("slug `{s}` has no letters or digits"),
            );
            None
        }),
        None => Slug::from_name(&stem).or_else(|| {
            let d = Diagnostic::error(
                Code::InvalidValue,
                format!("cannot make a slug from the file name `{stem}`"),
            )
            .with_hint("rename the file, or add a `slug:` key");
            f.push(d);
            None
        }),
    };

    // Kept for the whole build: at their length, not their capacity.
    let names = |f: &mut Fields, key| {
        let mut v: Vec<String> = named_list(f, key).into_iter().map(|(_, n)| n).collect();
        v.shrink_to_fit();
        v
    };
    let actors = names(&mut f, "actors");
    let theatres = names(&mut f, "theatres");
    let tags = names(&mut f, "tags");
    let summary = f.string("summary").map(|s| s.trim().to_string());
    let (sources, source_items) = read_sources(&mut f, tz);
    let image = read_image(&mut f, &file.path);
    let location = match f.get("location").cloned() {
        Some(v) => read_location(&mut f, "location", &v),
        None => None,
    };
    let mut related: Vec<(Slug, Option<usize>)> = Vec::new();
    for (i, r) in named_list(&mut f, "related") {
        let Some(s) = Slug::from_name(&r) else {
            continue;
        };
        if slug.as_ref() == Some(&s) {
            let span = f.span_at(&related_steps(i));
            f.error_at(
                Code::UnknownRelated,
                span,
                format!("event `{s}` lists itself in `related`"),
            )
            .hint = Some("`related` names other events".into());
        } else if !related.iter().any(|(x, _)| x == &s) {
            related.push((s, i));
        }
    }
    let periods = named_list(&mut f, "periods")
        .into_iter()
        .map(|(i, n)| (n, i))
        .collect();
    let draft = f.bool("draft").unwrap_or(false);
    let weight = f.integer("weight").unwrap_or(0);
    let extra = match f.get("extra").cloned() {
        Some(v) if v.is_mapping() => yaml::to_json(&v),
        Some(v) => {
            f.wrong_type("extra", "a map", &v);
            serde_json::Value::Null
        }
        None => serde_json::Value::Object(Default::default()),
    };
    let slug_span = f.span("slug").map(Box::new);
    let title_span = f.span("title").map(Box::new);
    let date_span = f.span("date").map(Box::new);
    diagnostics.extend(f.into_diagnostics());

    // An event with errors elsewhere is still returned, with the wrong
    // values left out: its warnings and the checks that need the whole
    // timeline (related slugs, duplicates) then run too, and nothing is built
    // from it because its errors stop the build.
    match (title, date, slug) {
        (Some(title), Some(date), Some(slug)) => {
            let has_errors = diagnostics.iter().any(Diagnostic::is_error);
            let event = Event {
                has_errors,
                slug,
                file: file.rel.clone(),
                path: file.path.clone(),
                title,
                date,
                actors,
                theatres,
                tags,
                status,
                summary_text: summary
                    .clone()
                    .unwrap_or_else(|| crate::markdown::first_paragraph(&fm.body)),
                summary,
                sources,
                source_items,
                image: image.map(Box::new),
                location: location.map(Box::new),
                related,
                periods,
                draft,
                weight,
                extra,
                body: bodies.keep(&fm.body),
                slug_span,
                title_span,
                date_span,
            };
            (Ok(event), diagnostics)
        }
        (_, _, slug) => {
            let stub = slug.map(|slug| Stub {
                slug,
                file: file.rel.clone(),
                path: file.path.clone(),
                related,
                slug_span: slug_span.map(|s| *s),
            });
            (Err(stub), diagnostics)
        }
    }
}

pub(crate) fn split_error(
    e: frontmatter::SplitError,
    file: &Path,
    what: &str,
    text: &str,
) -> Diagnostic {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let span = Some(Span {
        line: 1,
        column: 1,
        width: first.chars().count().clamp(1, 3),
        source_line: first,
    });
    match e {
        frontmatter::SplitError::Missing => Diagnostic::error(
            Code::NoFrontMatter,
            format!("{what} file must start with front matter"),
        )
        .in_file(file)
        .at(span)
        .with_hint("the first line must be `---`, then `key: value` lines, then a line `---`"),
        frontmatter::SplitError::Unclosed => {
            Diagnostic::error(Code::UnclosedFrontMatter, "front matter is never closed")
                .in_file(file)
                .at(span)
                .with_hint("end the front matter with a line that is exactly `---`")
        }
    }
}

/// Where the `i`-th entry of `related:` is (the value itself for a lone name).
pub(crate) fn related_steps(i: Option<usize>) -> Vec<crate::yaml::Step> {
    list_steps("related", i)
}

/// The path to entry `i` of the list `key`, or to the key when its value is
/// one name rather than a list.
pub(crate) fn list_steps(key: &'static str, i: Option<usize>) -> Vec<crate::yaml::Step> {
    match i {
        Some(i) => crate::yaml::steps![key, i].to_vec(),
        None => crate::yaml::steps![key].to_vec(),
    }
}

/// A list of names that become slugs (actors, theatres, tags, related): a name
/// with no letter or digit would vanish without a page, so it is an error.
fn named_list(f: &mut Fields, key: &str) -> Vec<(Option<usize>, String)> {
    let names = f.string_list(key);
    let (ok, bad): (Vec<_>, Vec<_>) = names
        .into_iter()
        .partition(|(_, n)| Slug::from_name(n).is_some());
    for (i, name) in bad {
        let span = match i {
            Some(i) => f.span_at(&crate::yaml::steps![key, i]),
            None => f.span(key),
        };
        f.error_at(
            Code::InvalidValue,
            span,
            format!("`{name}` in `{key}` has no letters or digits"),
        )
        .hint = Some(
            "names become part of page addresses, so they need at least one letter or digit".into(),
        );
    }
    ok
}

/// `date`, joined with `end` when there is one: when an event or a period
/// (`what`) happened. `end` is read even when `date` is wrong, so that its
/// own problems show.
pub(crate) fn read_when(f: &mut Fields, what: &str, tz: chrono_tz::Tz) -> Option<EventDate> {
    let date = if f.get("date").is_none() {
        f.missing("date", what);
        None
    } else {
        read_date(f, "date", tz)
    };
    let end = if f.get("end").is_some() {
        Some(read_date(f, "end", tz))
    } else {
        None
    };
    match (date, end) {
        (Some(d), Some(Some(end))) => match d.with_end(end) {
            Ok(d) => Some(d),
            Err(e) => {
                f.error(
                    Code::InvalidDate,
                    "end",
                    format!("invalid `end`: {}", e.message),
                )
                .hint = e.hint;
                None
            }
        },
        (_, Some(None)) => None,
        (d, _) => d,
    }
}

fn read_date(f: &mut Fields, key: &str, tz: chrono_tz::Tz) -> Option<EventDate> {
    let value = f.get(key)?.clone();
    let parsed = match &value {
        // YAML reads a bare `2023` as a number: that is a year.
        Value::Number(n) => match n.as_i64() {
            Some(y) => EventDate::from_year(y, tz),
            None => {
                f.wrong_type(key, "a date such as `2023-07-12`", &value);
                return None;
            }
        },
        Value::String(s) => EventDate::parse(s, tz),
        other => {
            f.wrong_type(key, "a date such as `2023-07-12`", other);
            return None;
        }
    };
    match parsed {
        Ok(d) => Some(d),
        Err(e) => {
            let shown = yaml::scalar_text(&value).unwrap_or_default();
            let span = f.span(key);
            f.date_error(span, None, &shown, e);
            None
        }
    }
}
