//! A timeline kept in another static-site generator (Hugo, Zola, Jekyll):
//! Markdown files with YAML (`---`) or TOML (`+++`) front matter.
//!
//! `title`, `date` (with time and offset), `tags` and `categories` (tags),
//! `draft`, `weight`, `slug`, `description`/`summary` (summary), and the
//! place keys timeline themes use (`eventlocation`, `location`, `place`, as
//! `location.name`) are read; every other key goes to `extra`, never
//! dropped, and a note says which. A page bundle (a folder with `index.md`)
//! stays one, its other files beside it. Section pages (`_index.md`) are
//! lists, not events, and are left out with a note. Hugo's translations
//! (`about.pt-br.md` beside `about.md`) become events of their own, named
//! after their language, with a note; shortcodes and Liquid tags, which
//! annals does not run, are named in a warning.

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
        .filter(|p| is_markdown(p))
        .collect();
    let display = |p: &Path| crate::diagnostic::display_path(p.strip_prefix(dir).unwrap_or(p));
    for path in &files {
        let origin = display(path);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let (name, translated) = match translation(path, &files) {
            Some((name, language, of)) => (name, Some((language, display(of)))),
            None => (stem, None),
        };
        if name == "_index" {
            imported.diagnostics.push(Diagnostic::note(
                Code::ImportReview,
                format!("{origin}: a section page, not an event; left out"),
            ));
            continue;
        }
        match draft(path, &origin) {
            Ok((mut d, left)) => {
                if !left.is_empty() {
                    imported.diagnostics.push(Diagnostic::note(
                        Code::ImportReview,
                        format!("{origin}: kept under `extra`: {}", left.join(", ")),
                    ));
                }
                let codes = shortcodes(&d.body);
                if !codes.is_empty() {
                    let names: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
                    imported.diagnostics.push(
                        Diagnostic::warning(
                            Code::ImportReview,
                            format!(
                                "{origin}: its body uses shortcodes that annals does not run, which pages show as written: {}",
                                names.join(", ")
                            ),
                        )
                        .with_hint("write what each one showed as Markdown: a link, an image, a code block"),
                    );
                }
                // The page keeps its name, so its address stays what it was.
                if name == "index" {
                    let folder = path.parent().unwrap_or(dir);
                    if d.slug.is_none() {
                        d.slug = folder
                            .file_name()
                            .and_then(|n| n.to_str())
                            .map(String::from);
                    }
                    d.assets = assets(folder);
                } else if d.slug.is_none() {
                    d.slug = Some(name.to_string());
                }
                // A site has one language: a translation is an event of its
                // own, named after its language, as its original's slug is
                // already taken.
                if let Some((language, of)) = translated {
                    d.slug = d.slug.map(|s| format!("{s}-{language}"));
                    imported.diagnostics.push(Diagnostic::note(
                        Code::ImportReview,
                        format!("{origin}: the `{language}` translation of `{of}`, imported as an event of its own"),
                    ));
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

fn is_markdown(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Hugo names a page's translations `<name>.<language>.md`, beside the
/// page (`about.md`, `about.pt-br.md`). When `path` is one (its stem ends in
/// a language code and a page of the same name is in its folder): its name,
/// its language, and that page.
fn translation<'a>(path: &'a Path, files: &'a [PathBuf]) -> Option<(&'a str, &'a str, &'a Path)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, language) = stem.rsplit_once('.')?;
    if name.is_empty() || !is_language(language) {
        return None;
    }
    let of = files.iter().find(|p| {
        *p != path
            && p.parent() == path.parent()
            && p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                s == name || s.strip_prefix(name).is_some_and(|l| l.starts_with('.'))
            })
    })?;
    Some((name, language, of))
}

/// `en`, `pt-br`, `zh-hans`, `sr_latn`: a language as Hugo's configuration
/// names them (a code of two or three letters, then a region or script).
fn is_language(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let code = parts.next().unwrap_or("");
    (2..=3).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            (2..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The names of what a body asks its generator to run: Hugo's shortcodes
/// (`{{< youtube id >}}`, `{{% notice %}}`), Liquid's and Zola's tags
/// (`{% highlight ruby %}`) and Zola's shortcodes (`{{ youtube(id="…") }}`).
/// annals runs none of them, so pages would show them as written. Hugo's
/// escaped form (`{{</* tab */>}}`) is meant to show as written, and closing
/// tags (`{{< /tab >}}`, `{% endhighlight %}`) name no other.
fn shortcodes(body: &str) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for (i, _) in body.match_indices('{') {
        let after = &body[i + 1..];
        let (inner, zola_call, liquid) = if let Some(a) = after
            .strip_prefix("{<")
            .or_else(|| after.strip_prefix("{%"))
        {
            (a, false, false)
        } else if let Some(a) = after.strip_prefix('%') {
            (a, false, true)
        } else if let Some(a) = after.strip_prefix('{') {
            (a, true, false)
        } else {
            continue;
        };
        let inner = inner.trim_start();
        if inner.starts_with("/*") {
            continue;
        }
        let inner = inner.strip_prefix('/').unwrap_or(inner).trim_start();
        let len = inner
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(inner.len());
        let name = &inner[..len];
        if name.is_empty()
            || (zola_call && !inner[len..].starts_with('('))
            || (liquid && name.starts_with("end"))
        {
            continue;
        }
        names.insert(name.to_string());
    }
    names.into_iter().collect()
}

/// The other files of a bundle's folder and its sub-folders: not its page
/// (`index.md`) nor the page's translations (`index.pt-br.md`), which are
/// events of their own.
fn assets(folder: &Path) -> Assets {
    let page = |p: &Path| {
        is_markdown(p)
            && p.parent() == Some(folder)
            && p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s == "index" || s.starts_with("index."))
    };
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !page(e.path()))
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
    // One tag per slug, as annals groups them: `Development` in
    // `categories` is the `development` of `tags`, written once.
    let tag_key =
        |t: &str| crate::slug::Slug::from_name(t).map_or_else(|| t.to_string(), |s| s.to_string());
    let mut tags: Vec<String> = Vec::new();
    for key in ["tags", "categories"] {
        for t in strings(map.get(key)) {
            if !tags.iter().any(|seen| tag_key(seen) == tag_key(&t)) {
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

/// The front matter and the body, as the generators find them: blank lines
/// may come first (Hugo, Zola), a fence may be followed by spaces (Hugo reads
/// `+++ `, Jekyll `--- `), and Jekyll's YAML may end with `...`. The closing
/// fence is a line of its own.
fn split(text: &str) -> Option<(Matter<'_>, &str)> {
    let (first, rest) = text.trim_start().split_once('\n')?;
    let fence = first.trim_end();
    let yaml = match fence {
        "---" => true,
        "+++" => false,
        _ => return None,
    };
    let mut end = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (yaml && bare == "...") {
            let front = &rest[..end];
            let matter = if yaml {
                Matter::Yaml(front)
            } else {
                Matter::Toml(front)
            };
            return Some((matter, &rest[end + line.len()..]));
        }
        end += line.len();
    }
    None
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

    fn fronts(text: &str) -> Option<(String, &str)> {
        split(text).map(|(m, body)| match m {
            Matter::Yaml(y) => (format!("yaml:{y}"), body),
            Matter::Toml(t) => (format!("toml:{t}"), body),
        })
    }

    #[test]
    fn front_matter_is_found_as_the_generators_find_it() {
        let toml = Some(("toml:a = 1\n".to_string(), "Body\n"));
        assert_eq!(fronts("+++\na = 1\n+++\nBody\n"), toml);
        // Hugo reads a fence followed by spaces, and blank lines before it.
        assert_eq!(fronts("+++ \na = 1\n+++  \nBody\n"), toml);
        assert_eq!(fronts("\n\n+++\na = 1\n+++\nBody\n"), toml);
        // Jekyll ends YAML with `---` or `...`, and its fences may end in spaces.
        let yaml = Some(("yaml:a: 1\n".to_string(), "Body"));
        assert_eq!(fronts("--- \na: 1\n---\nBody"), yaml);
        assert_eq!(fronts("---\na: 1\n...\nBody"), yaml);
        assert_eq!(fronts("---\na: 1\n---"), Some(("yaml:a: 1\n".into(), "")));
        // A closing fence is a line of its own: `----` and `--- x` are not one.
        assert_eq!(
            fronts("---\na: |\n  ----\n  --- x\n---\nB"),
            Some(("yaml:a: |\n  ----\n  --- x\n".into(), "B"))
        );
        assert_eq!(fronts("---\na: 1\n----\nB"), None);
        assert_eq!(fronts("+++\na = 1\n---\nB"), None);
        assert_eq!(fronts("Text\n---\n"), None);
        assert_eq!(fronts("---x\na: 1\n---\n"), None);
    }

    #[test]
    fn shortcodes_and_tags_a_body_asks_for_are_named_once() {
        let body = "{{< youtube ZJthWmvUzzc >}}\n{{% notice info %}}x{{% /notice %}}\n{{</ math.inline >}}\n\
                    {{</* tab name=\"Hello\" */>}} is how it is written\n\
                    {% highlight ruby %}x{% endhighlight %}\n{{ vimeo(id=\"1\") }}\n\
                    `{{ if .Params.math }}` and .emoji { font: x; } and {{ page.title }}\n";
        assert_eq!(
            shortcodes(body),
            ["highlight", "math.inline", "notice", "vimeo", "youtube"]
        );
        assert!(shortcodes("No braces, or {single} ones.").is_empty());
    }

    #[test]
    fn a_translation_is_a_page_with_a_language_beside_its_original() {
        let files: Vec<PathBuf> = [
            "c/about.md",
            "c/about.pt-br.md",
            "c/b/index.en.md",
            "c/b/index.zh-hans.md",
            "c/release.notes.md",
            "c/v1.2.md",
            "c/v1.md",
            "c/other/about.fr.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let of = |p: &str| {
            translation(Path::new(p), &files).map(|(n, l, o)| {
                (
                    n.to_string(),
                    l.to_string(),
                    o.to_string_lossy().into_owned(),
                )
            })
        };
        assert_eq!(
            of("c/about.pt-br.md"),
            Some(("about".into(), "pt-br".into(), "c/about.md".into()))
        );
        assert_eq!(
            of("c/b/index.zh-hans.md"),
            Some(("index".into(), "zh-hans".into(), "c/b/index.en.md".into()))
        );
        assert_eq!(of("c/about.md"), None);
        assert_eq!(
            of("c/release.notes.md"),
            None,
            "not a language, and no `release.md`"
        );
        assert_eq!(of("c/v1.2.md"), None);
        assert_eq!(
            of("c/other/about.fr.md"),
            None,
            "its original is in another folder"
        );
    }
}
