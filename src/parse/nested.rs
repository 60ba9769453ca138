//! Nested front matter values: `sources`, `image` and `location`, each checked
//! key by key with the position of the offending line.

use crate::date::EventDate;
use crate::diagnostic::Code;
use crate::parse::fields::Fields;
use crate::parse::schema;
use crate::slug::Slug;
use crate::yaml::{self, Mapping, Step, Value};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<EventDate>,
    pub archive: Option<String>,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ImageSrc {
    Url(String),
    /// A file beside the event, relative to the event file's folder.
    File(PathBuf),
}

impl ImageSrc {
    /// Where the image is, for the event whose slug is `slug`: its URL, or
    /// the copy of the file beside the event's page, as a link honouring
    /// `base_url` (`absolute: false`) or as an absolute URL where the base
    /// has an origin (`absolute: true`, for feeds, Open Graph and exports).
    pub(crate) fn url(
        &self,
        base: &crate::parse::config::BaseUrl,
        slug: &Slug,
        absolute: bool,
    ) -> String {
        match self {
            ImageSrc::Url(u) => u.clone(),
            ImageSrc::File(p) => {
                let path = crate::route::Route::EventAsset(
                    slug.clone(),
                    crate::diagnostic::display_path(p),
                )
                .path();
                if absolute {
                    base.absolute(&path)
                } else {
                    base.link(&path)
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Image {
    pub src: ImageSrc,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Location {
    /// The place's name, if given.
    pub name: Option<String>,
    /// Latitude, WGS84 degrees.
    pub lat: Option<f64>,
    /// Longitude, WGS84 degrees.
    pub lon: Option<f64>,
}

/// Reads `key` of the nested map `map`, written at `at`, as text.
fn nested_text(f: &mut Fields, map: &Mapping, at: &[Step], key: &str) -> Option<String> {
    let v = map.get(key)?;
    if v.is_null() {
        return None;
    }
    match yaml::scalar_text(v) {
        Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        None => {
            let span = f.span_at(&child(at, key));
            f.error_at(
                Code::InvalidValue,
                span,
                format!(
                    "`{}.{key}` must be text, found {}",
                    yaml::describe_steps(at),
                    yaml::kind_name(v)
                ),
            );
            None
        }
    }
}

/// `at` and one more key.
fn child(at: &[Step], key: &str) -> Vec<Step> {
    let mut steps = at.to_vec();
    steps.push(Step::from(key));
    steps
}

/// Why `url` is not an http(s) URL a reader can follow, if it is not one.
pub(crate) fn url_problem(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    let Some(rest) = rest else {
        return Some(match url.split_once(':') {
            Some((scheme, _)) if !scheme.is_empty() && !scheme.contains('/') => {
                format!("it starts with `{scheme}:`, not `https://` or `http://`")
            }
            _ => "it does not start with `https://` or `http://`".into(),
        });
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Some("it has no host after `://`".into());
    }
    // What ends a URL in HTML or Markdown text; other characters that
    // RFC 3986 wants escaped (`|`, `{`) are taken by every browser as written.
    let bad = url
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'));
    bad.map(|c| {
        let name = match c {
            ' ' => "a space".to_string(),
            c if c.is_whitespace() || c.is_control() => format!("the character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        };
        let encoded: String = c.to_string().bytes().map(|b| format!("%{b:02X}")).collect();
        format!("it contains {name}, which a URL must write as `{encoded}`")
    })
}

/// Whether `s` is an http(s) URL a reader can follow.
pub(crate) fn is_http_url(s: &str) -> bool {
    url_problem(s).is_none()
}

pub(crate) fn read_sources(f: &mut Fields, tz: chrono_tz::Tz) -> (Vec<Source>, Vec<usize>) {
    let Some(value) = f.get("sources").cloned() else {
        return (Vec::new(), Vec::new());
    };
    let Value::Sequence(items) = value else {
        f.wrong_type("sources", "a list of sources (`- publisher: …`)", &value);
        return (Vec::new(), Vec::new());
    };
    let mut out = Vec::new();
    let mut indexes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = yaml::steps!["sources", i];
        let Value::Mapping(map) = item else {
            let text = yaml::scalar_text(item).unwrap_or_default();
            let span = f.span_at(&at);
            f.error_at(
                Code::InvalidValue,
                span,
                format!(
                    "each source must be a map with `url`, `title` or `publisher`, found {}",
                    yaml::kind_name(item)
                ),
            )
            .hint = Some(format!("write `- url: {text}` or `- publisher: {text}`"));
            continue;
        };
        f.check_nested_keys(&at, map, &schema::names(schema::SOURCE));
        let mut source = Source {
            url: nested_text(f, map, &at, "url"),
            title: nested_text(f, map, &at, "title"),
            publisher: nested_text(f, map, &at, "publisher"),
            date: None,
            archive: nested_text(f, map, &at, "archive"),
            quote: nested_text(f, map, &at, "quote"),
        };
        // A wrong address stays in the source: the error stops the build,
        // and a "no `url`" warning about it would only repeat the error.
        for (key, url) in [("url", &source.url), ("archive", &source.archive)] {
            if let Some((u, why)) = url
                .as_ref()
                .and_then(|u| Some((u.clone(), url_problem(u)?)))
            {
                let span = f.span_at(&child(&at, key));
                f.error_at(
                    Code::InvalidValue,
                    span,
                    format!("source `{key}` `{}` is not a web address: {why}", crate::text::shorten(&u, 80)),
                )
                .hint = Some("a source known only by publisher and date is written as `publisher:` and `date:`, with no URL".into());
            }
        }
        if let Some(d) = map.get("date").filter(|v| !v.is_null()) {
            let text = yaml::scalar_text(d).unwrap_or_default();
            let parsed = match d.as_i64() {
                Some(y) => EventDate::from_year(y, tz),
                None => EventDate::parse(&text, tz),
            };
            match parsed {
                Ok(date) => source.date = Some(date),
                Err(e) => {
                    let span = f.span_at(&child(&at, "date"));
                    f.date_error(span, Some("source `date`"), &text, e);
                }
            }
        }
        if source.url.is_none()
            && source.title.is_none()
            && source.publisher.is_none()
            && !["url", "title", "publisher"]
                .iter()
                .any(|k| map.get(*k).is_some_and(|v| !v.is_null()))
        {
            let span = f.span_at(&at);
            f.error_at(
                Code::InvalidValue,
                span,
                "a source needs at least one of `url`, `title` or `publisher`",
            );
            continue;
        }
        out.push(source);
        indexes.push(i);
    }
    // Kept for the whole build: at their length, not their capacity.
    out.shrink_to_fit();
    indexes.shrink_to_fit();
    (out, indexes)
}

pub(crate) fn read_image(f: &mut Fields, event_path: &Path) -> Option<Image> {
    let value = f.get("image")?.clone();
    let map = match value {
        Value::Mapping(m) => m,
        other => {
            f.wrong_type("image", "a map with `src` and `alt`", &other);
            return None;
        }
    };
    let at = yaml::steps!["image"];
    f.check_nested_keys(&at, &map, &schema::names(schema::IMAGE));
    let src = nested_text(f, &map, &at, "src");
    let alt = nested_text(f, &map, &at, "alt");
    let caption = nested_text(f, &map, &at, "caption");
    let credit = nested_text(f, &map, &at, "credit");
    // Both are checked whatever the other says: a missing `alt` must not
    // hide that the picture itself is missing.
    if alt.is_none() {
        f.error(Code::MissingKey, "image", "`image` has no `alt` text")
            .hint = Some("describe the picture for readers who cannot see it: `alt: …`".into());
    }
    let Some(src) = src else {
        f.error(Code::MissingKey, "image", "`image` has no `src`");
        return None;
    };
    let src_span = f.span_at(&child(&at, "src"));
    let src = if is_http_url(&src) {
        ImageSrc::Url(src)
    } else if src.contains("://")
        || src.starts_with("//")
        || src.to_ascii_lowercase().starts_with("javascript:")
        || src.to_ascii_lowercase().starts_with("data:")
    {
        let why = url_problem(&src).filter(|_| src.contains("://"));
        let message = match why {
            Some(why) => format!("image `src` `{src}` is not a web address: {why}"),
            None => format!(
                "image `src` must be a file beside the event or an http(s) URL, not `{src}`"
            ),
        };
        f.error_at(Code::InvalidValue, src_span, message);
        return None;
    } else {
        let rel = PathBuf::from(&src);
        let escapes = rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
        let dir = event_path.parent().unwrap_or(Path::new("."));
        if escapes {
            f.error_at(
                Code::InvalidValue,
                src_span,
                format!("image `{src}` must be a file in the event's folder or below it"),
            );
            return None;
        }
        if !dir.join(&rel).is_file() {
            f.error_at(
                Code::MissingFile,
                src_span,
                format!("image file `{src}` does not exist"),
            )
            .hint = Some("image paths are relative to the folder of the event file".into());
            return None;
        }
        ImageSrc::File(rel)
    };
    Some(Image {
        src,
        alt: alt?,
        caption,
        credit,
    })
}

/// `location: {name, lat, lon}`, shared by events and theatres.
pub(crate) fn read_location(f: &mut Fields, key: &str, value: &Value) -> Option<Location> {
    let Value::Mapping(map) = value else {
        f.wrong_type(key, "a map with `name`, `lat` and `lon`", value);
        return None;
    };
    let at = yaml::steps![key];
    f.check_nested_keys(&at, map, &schema::names(schema::LOCATION));
    let name = nested_text(f, map, &at, "name");
    // Each coordinate: absent, a valid number, or wrong (already reported).
    let mut coordinate = |axis: &str, limit: f64| -> Result<Option<f64>, ()> {
        let Some(v) = map.get(axis).filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
            _ => {
                let span = f.span_at(&child(&at, axis));
                f.error_at(
                    Code::InvalidValue,
                    span,
                    format!(
                        "`{key}.{axis}` must be a number of degrees between -{limit} and {limit}"
                    ),
                );
                Err(())
            }
        }
    };
    let (lat, lon) = (coordinate("lat", 90.0), coordinate("lon", 180.0));
    let (Ok(lat), Ok(lon)) = (lat, lon) else {
        return None;
    };
    if lat.is_some() != lon.is_some() {
        f.error(
            Code::InvalidValue,
            key,
            format!("`{key}` needs both `lat` and `lon`, or neither"),
        );
        return None;
    }
    Some(Location { name, lat, lon })
}
