//! A timeline kept in another static-site generator (Hugo, Zola, Jekyll):
//! Markdown files with YAML (`---`) or TOML (`+++`) front matter.
//!
//! `title`, `date` (with time and offset), `tags` and `categories` (tags),
//! `draft`, `weight`, `slug`, `description`/`summary` (summary), and the
//! place keys timeline themes use (`eventlocation`, `location`, `place`, as
//! `location.name`) are read; every other key goes to `extra`, never
//! dropped, and a note says which. A page bundle (a folder with `index.md`)
//! stays one, its other files beside it. Section pages (`_index.md`) are
//! lists, not events, and are left out with a note.

use super::{Draft, Front, Imported, Location};
use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The keys read into annals' own; the rest go to `extra`.
const READ: &[&str] = &[
    "title",
    "date",
    "tags",
    "categories",
    "draft",
    "weight",
    "slug",
    "description",
    "summary",
    "eventlocation",
    "location",
    "place",
];

/// A bundle's files to copy beside its event: (source, name in the bundle).
pub(super) type Assets = Vec<(PathBuf, String)>;

pub(super) fn read(dir: &Path) -> Result<Imported, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            Code::ImportItem,
            "`annals import markdown` reads a folder of Markdown files",
        )
        .with_hint("give the generator's content folder, such as `content/posts/`"));
    }
    let mut imported = Imported::default();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
        })
        .collect();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let origin = crate::diagnostic::display_path(rel);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem == "_index" {
            imported.diagnostics.push(Diagnostic::note(
                Code::ImportReview,
                format!("{origin}: a section page, not an event; left out"),
            ));
            continue;
        }
        match draft(&path, &origin) {
            Ok((mut d, left)) => {
                if !left.is_empty() {
                    imported.diagnostics.push(Diagnostic::note(
                        Code::ImportReview,
                        format!("{origin}: kept under `extra`: {}", left.join(", ")),
                    ));
                }
                // The page keeps its name, so its address stays what it was.
                if stem == "index" {
                    let folder = path.parent().unwrap_or(dir);
                    if d.slug.is_none() {
                        d.slug = folder
                            .file_name()
                            .and_then(|n| n.to_str())
                            .map(String::from);
                    }
                    d.assets = assets(folder, &path);
                } else if d.slug.is_none() {
                    d.slug = Some(stem.to_string());
                }
                imported.drafts.push(d);
            }
            Err(e) => {
                imported.skipped += 1;
                imported.diagnostics.push(e);
            }
        }
    }
    Ok(imported)
}

/// The other files of a bundle's folder and its sub-folders.
fn assets(folder: &Path, index: &Path) -> Assets {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path() != index)
        .filter_map(|e| {
            let rel = crate::diagnostic::display_path(e.path().strip_prefix(folder).ok()?);
            Some((e.path().to_path_buf(), rel))
        })
        .collect()
}

fn draft(path: &Path, origin: &str) -> Result<(Draft, Vec<String>), Diagnostic> {
    let fail = |m: String| Diagnostic::error(Code::ImportItem, format!("{origin}: {m}"));
    let text = std::fs::read_to_string(path).map_err(|e| {
        fail(format!(
            "cannot be read: {}",
            crate::io_error::reason(&e, path)
        ))
    })?;
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (front, body) =
        split(&text).ok_or_else(|| fail("it has no front matter (--- or +++)".into()))?;
    let map = match front {
        Matter::Yaml(y) => crate::yaml::parse(y)
            .map(|v| crate::yaml::to_json(&v))
            .map_err(|e| fail(format!("its YAML does not parse: {}", e.message)))?,
        Matter::Toml(t) => toml::from_str::<toml::Table>(t)
            .map(|t| toml_json(toml::Value::Table(t)))
            .map_err(|e| fail(format!("its TOML does not parse: {}", e.message())))?,
    };
    let Value::Object(map) = map else {
        return Err(fail("its front matter is not a map of keys".into()));
    };
    let text_of = |key: &str| match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let title = text_of("title").ok_or_else(|| fail("it has no title".into()))?;
    let written = text_of("date").ok_or_else(|| fail("it has no date".into()))?;
    let date = edtf(&written);
    if let Err(e) = EventDate::parse(&date, chrono_tz::UTC) {
        return Err(fail(format!(
            "its date `{written}` is not one annals can read: {}",
            e.message
        )));
    }
    let mut tags: Vec<String> = Vec::new();
    for key in ["tags", "categories"] {
        for t in strings(map.get(key)) {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
    }
    let place = ["eventlocation", "location", "place"]
        .iter()
        .find_map(|k| text_of(k));
    let mut extra = std::collections::BTreeMap::new();
    let mut left = Vec::new();
    for (key, value) in &map {
        if !READ.contains(&key.as_str())
            || (key == "location" && place.is_none() && !value.is_null())
        {
            extra.insert(key.clone(), value.clone());
            left.push(format!("`{key}`"));
        }
    }
    let mut front = Front {
        title,
        date,
        tags,
        location: place.map(|name| Location {
            name: Some(name),
            ..Location::default()
        }),
        extra,
        ..Front::default()
    };
    front.summary = text_of("summary").or_else(|| text_of("description"));
    front.draft = matches!(map.get("draft"), Some(Value::Bool(true)));
    front.weight = map
        .get("weight")
        .and_then(Value::as_i64)
        .filter(|w| *w != 0);
    Ok((
        Draft {
            origin: origin.to_string(),
            slug: text_of("slug"),
            front,
            body: body.trim().to_string(),
            assets: Vec::new(),
        },
        left,
    ))
}

enum Matter<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// The front matter and the body.
fn split(text: &str) -> Option<(Matter<'_>, &str)> {
    let (fence, yaml) = if text.starts_with("---\n") {
        ("---", true)
    } else if text.starts_with("+++\n") {
        ("+++", false)
    } else {
        return None;
    };
    let rest = &text[4..];
    let end = rest.find(&format!("\n{fence}"))?;
    let after = &rest[end + 1 + fence.len()..];
    let front = &rest[..end + 1];
    let matter = if yaml {
        Matter::Yaml(front)
    } else {
        Matter::Toml(front)
    };
    Some((matter, after.strip_prefix('\n').unwrap_or(after)))
}

/// A generator's date as EDTF: `2023-07-12 10:00:00 +0200` (Jekyll) →
/// `2023-07-12T10:00:00+02:00`; a date at midnight with no offset stays a day.
fn edtf(written: &str) -> String {
    let s = written.trim();
    let Some((day, time)) = s.split_once(['T', ' ']) else {
        return s.to_string();
    };
    let time = time.trim().replace(' ', "");
    // `+0200` → `+02:00`.
    let time = match time.rfind(['+', '-']) {
        Some(i) if time.len() - i == 5 && !time[i..].contains(':') => {
            format!("{}{}:{}", &time[..i], &time[i..i + 3], &time[i + 3..])
        }
        _ => time,
    };
    if time == "00:00:00" || time == "00:00" {
        return day.to_string();
    }
    format!("{day}T{time}")
}

/// A string, or the strings of a list.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| {
                i.as_str()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// TOML as JSON, dates as their text.
fn toml_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_dates_become_edtf() {
        assert_eq!(edtf("2023-07-12"), "2023-07-12");
        assert_eq!(
            edtf("2023-07-12T22:30:00+03:00"),
            "2023-07-12T22:30:00+03:00"
        );
        assert_eq!(
            edtf("2023-07-12 10:00:00 +0200"),
            "2023-07-12T10:00:00+02:00"
        );
        assert_eq!(edtf("2023-07-12T00:00:00"), "2023-07-12");
    }
}
