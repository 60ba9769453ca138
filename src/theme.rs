//! Themes: the built-in ones compiled into the binary, folders under `themes/`,
//! and the site's own `templates/` and `static/` that override them by name.
//!
//! Owns where a template or static file comes from; knows nothing of Tera.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{frontmatter, is_ignored, relative};
use crate::parse::fields::Fields;
use crate::yaml;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// Bytes of a static file, embedded or on disk (read only when written).
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

impl StaticFile {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticFile::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            StaticFile::Disk(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Template {
    pub source: String,
    /// Shown in template error messages.
    pub origin: String,
}

#[derive(Debug, Default)]
pub struct Theme {
    pub name: String,
    pub description: String,
    /// Theme templates by file name (`index.html`).
    pub templates: BTreeMap<String, Template>,
    /// The site's own `templates/`, which win over the theme's.
    pub overrides: BTreeMap<String, Template>,
    /// Output path (relative, `/`-separated) → content. Site `static/` wins.
    pub statics: BTreeMap<String, StaticFile>,
    /// The theme's default `extra`, under the site's.
    pub extra: serde_json::Value,
    /// The theme's strings by language (`{en: {...}, fr: {...}}`).
    pub strings: serde_json::Value,
}

/// Names of the built-in themes.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN
        .dirs()
        .filter_map(|d| d.path().file_name().and_then(|n| n.to_str()))
        .collect()
}

/// Resolves the theme named `name` for the site at `root`.
pub fn load(root: &Path, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Theme {
    let mut theme = Theme {
        name: name.to_string(),
        extra: serde_json::Value::Object(Default::default()),
        ..Theme::default()
    };
    let disk = root.join("themes").join(name);
    if disk.is_dir() {
        load_disk_theme(root, &disk, &mut theme, diagnostics);
    } else if let Some(dir) = BUILTIN.get_dir(name) {
        load_builtin(dir, &mut theme, diagnostics);
    } else {
        let mut known = builtin_names();
        known.sort_unstable();
        diagnostics.push(
            Diagnostic::error(Code::Config, format!("theme `{name}` not found"))
                .in_file(crate::parse::config::CONFIG_FILE)
                .with_hint(format!(
                    "a theme is a folder `themes/{name}/` in the site, or a built-in theme: {}",
                    known.join(", ")
                )),
        );
        return theme;
    }
    theme.overrides = read_templates(root, &root.join("templates"), diagnostics);
    add_statics(&mut theme, &root.join("static"));
    theme
}

fn load_builtin(dir: &'static Dir<'static>, theme: &mut Theme, diagnostics: &mut Vec<Diagnostic>) {
    let base = dir.path();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        stack.extend(d.dirs());
        for file in d.files() {
            let rel = file.path().strip_prefix(base).unwrap_or(file.path());
            let rel_str = crate::diagnostic::display_path(rel);
            if let Some(name) = rel_str.strip_prefix("templates/") {
                let source = String::from_utf8_lossy(file.contents()).into_owned();
                theme.templates.insert(
                    name.to_string(),
                    Template {
                        source,
                        origin: format!("built-in theme `{}`: {rel_str}", theme.name),
                    },
                );
            } else if let Some(name) = rel_str.strip_prefix("static/") {
                theme
                    .statics
                    .insert(name.to_string(), StaticFile::Embedded(file.contents()));
            } else if rel_str == "theme.yaml" {
                read_theme_yaml(
                    &String::from_utf8_lossy(file.contents()),
                    Path::new("theme.yaml"),
                    theme,
                    diagnostics,
                );
            }
        }
    }
}

fn load_disk_theme(root: &Path, dir: &Path, theme: &mut Theme, diagnostics: &mut Vec<Diagnostic>) {
    theme.templates = read_templates(root, &dir.join("templates"), diagnostics);
    add_statics(theme, &dir.join("static"));
    let yaml_path = dir.join("theme.yaml");
    if let Ok(text) = std::fs::read_to_string(&yaml_path) {
        read_theme_yaml(&text, &relative(root, &yaml_path), theme, diagnostics);
    }
}

/// Every template file below `dir`, by its `/`-separated name.
fn read_templates(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Template> {
    let mut out = BTreeMap::new();
    for (name, path) in walk_files(dir) {
        let origin = relative(root, &path);
        match std::fs::read_to_string(&path) {
            Ok(source) => {
                out.insert(
                    name,
                    Template {
                        source,
                        origin: crate::diagnostic::display_path(&origin),
                    },
                );
            }
            Err(e) => diagnostics
                .push(Diagnostic::error(Code::Io, format!("cannot read: {e}")).in_file(origin)),
        }
    }
    out
}

/// Static files below `dir`; later calls win, so the site's `static/` goes last.
fn add_statics(theme: &mut Theme, dir: &Path) {
    for (name, path) in walk_files(dir) {
        theme.statics.insert(name, StaticFile::Disk(path));
    }
}

fn read_theme_yaml(text: &str, file: &Path, theme: &mut Theme, diagnostics: &mut Vec<Diagnostic>) {
    let fm = frontmatter::whole_yaml(text);
    let Some(mut f) = Fields::parse(&fm, file, diagnostics) else {
        return;
    };
    f.check_keys("theme.yaml", &["name", "description", "extra", "strings"]);
    if let Some(d) = f.string("description") {
        theme.description = d;
    }
    if let Some(extra) = f.get("extra").cloned() {
        theme.extra = yaml::to_json(&extra);
    }
    if let Some(strings) = f.get("strings").cloned() {
        theme.strings = yaml::to_json(&strings);
    }
    diagnostics.extend(f.into_diagnostics());
}

/// Files below `dir` as (`/`-separated relative name, path), sorted; ignored names skipped.
pub fn walk_files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel =
                crate::diagnostic::display_path(e.path().strip_prefix(dir).unwrap_or(e.path()));
            (rel, e.into_path())
        })
        .collect()
}
