//! Nested front matter values: `sources`, `image` and `location`, each checked
//! key by key with the position of the offending line.

use crate::date::EventDate;
use crate::diagnostic::Code;
use crate::parse::fields::Fields;
use crate::parse::schema;
use crate::slug::Slug;
use crate::yaml::{self, Mapping, Value};
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

/// An event as written, before names are resolved to actors and theatres.
pub(crate) fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && s.len() > "https://".len()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

/// Reads `key` of a nested map as text, reporting a wrong type at `needle`'s line.
fn nested_text(f: &mut Fields, map: &Mapping, top: &str, key: &str) -> Option<String> {
    let v = map.get(key)?;
    if v.is_null() {
        return None;
    }
    match yaml::scalar_text(v) {
        Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        None => {
            let span = f.fm.find_in_key(top, &format!("{key}:"));
            f.error_at(
                Code::InvalidValue,
                span,
                format!("`{top}.{key}` must be text, found {}", yaml::kind_name(v)),
            );
            None
        }
    }
}

pub(crate) fn read_sources(f: &mut Fields, tz: chrono_tz::Tz) -> Vec<Source> {
    let Some(value) = f.get("sources").cloned() else {
        return Vec::new();
    };
    let Value::Sequence(items) = value else {
        f.wrong_type("sources", "a list of sources (`- publisher: …`)", &value);
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &items {
        let Value::Mapping(map) = item else {
            let text = yaml::scalar_text(item).unwrap_or_default();
            let span = f.fm.find_in_key("sources", &text);
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
        f.check_nested_keys("sources", map, &schema::names(schema::SOURCE));
        let mut source = Source {
            url: nested_text(f, map, "sources", "url"),
            title: nested_text(f, map, "sources", "title"),
            publisher: nested_text(f, map, "sources", "publisher"),
            date: None,
            archive: nested_text(f, map, "sources", "archive"),
            quote: nested_text(f, map, "sources", "quote"),
        };
        for (key, url) in [("url", &mut source.url), ("archive", &mut source.archive)] {
            if let Some(u) = url.as_ref().filter(|u| !is_http_url(u)) {
                let span = f.fm.find_in_key("sources", u);
                f.error_at(Code::InvalidValue, span, format!("source `{key}` must be an http or https URL, not `{u}`"))
                    .hint = Some("a source known only by publisher and date is written as `publisher:` and `date:`, with no URL".into());
                *url = None;
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
                    let span = f.fm.find_in_key("sources", &text);
                    f.error_at(
                        Code::InvalidDate,
                        span,
                        format!("invalid source date `{text}`: {}", e.message),
                    );
                }
            }
        }
        if source.url.is_none() && source.title.is_none() && source.publisher.is_none() {
            let span = f.span("sources");
            f.error_at(
                Code::InvalidValue,
                span,
                "a source needs at least one of `url`, `title` or `publisher`",
            );
            continue;
        }
        out.push(source);
    }
    out
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
    f.check_nested_keys("image", &map, &schema::names(schema::IMAGE));
    let src = nested_text(f, &map, "image", "src");
    let alt = nested_text(f, &map, "image", "alt");
    let caption = nested_text(f, &map, "image", "caption");
    let credit = nested_text(f, &map, "image", "credit");
    let Some(src) = src else {
        f.error(Code::MissingKey, "image", "`image` has no `src`");
        return None;
    };
    let Some(alt) = alt else {
        f.error(Code::MissingKey, "image", "`image` has no `alt` text")
            .hint = Some("describe the picture for readers who cannot see it: `alt: …`".into());
        return None;
    };
    let src = if is_http_url(&src) {
        ImageSrc::Url(src)
    } else if src.contains("://")
        || src.starts_with("//")
        || src.to_ascii_lowercase().starts_with("javascript:")
        || src.to_ascii_lowercase().starts_with("data:")
    {
        let span = f.fm.find_in_key("image", &src);
        f.error_at(
            Code::InvalidValue,
            span,
            format!("image `src` must be a file beside the event or an http(s) URL, not `{src}`"),
        );
        return None;
    } else {
        let rel = PathBuf::from(&src);
        let escapes = rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
        let dir = event_path.parent().unwrap_or(Path::new("."));
        if escapes {
            let span = f.fm.find_in_key("image", &src);
            f.error_at(
                Code::InvalidValue,
                span,
                format!("image `{src}` must be a file in the event's folder or below it"),
            );
            return None;
        }
        if !dir.join(&rel).is_file() {
            let span = f.fm.find_in_key("image", &src);
            f.error_at(
                Code::MissingFile,
                span,
                format!("image file `{src}` does not exist"),
            )
            .hint = Some("image paths are relative to the folder of the event file".into());
            return None;
        }
        ImageSrc::File(rel)
    };
    Some(Image {
        src,
        alt,
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
    f.check_nested_keys(key, map, &schema::names(schema::LOCATION));
    let name = nested_text(f, map, key, "name");
    // Each coordinate: absent, a valid number, or wrong (already reported).
    let mut coordinate = |axis: &str, limit: f64| -> Result<Option<f64>, ()> {
        let Some(v) = map.get(axis).filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
            _ => {
                let span = f.fm.find_value_in_key(key, axis);
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
