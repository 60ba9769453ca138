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
pub(crate) enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

impl StaticFile {
    /// Where the file comes from, for messages: its path below `root` (or
    /// as it is, outside it), or "the built-in theme's `static/NAME`".
    pub(crate) fn origin(&self, root: &Path, name: &str) -> String {
        match self {
            StaticFile::Disk(p) => {
                crate::diagnostic::display_path(p.strip_prefix(root).unwrap_or(p))
            }
            StaticFile::Embedded(_) => format!("the built-in theme's static/{name}"),
        }
    }

    pub(crate) fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticFile::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            StaticFile::Disk(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub source: String,
    /// Shown in template error messages.
    pub origin: String,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Theme {
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
    /// The theme this one extends (its `theme.yaml`), if any.
    pub extends: Option<String>,
}

/// Names of the built-in themes.
pub(crate) fn builtin_names() -> Vec<&'static str> {
    BUILTIN
        .dirs()
        .filter_map(|d| d.path().file_name().and_then(|n| n.to_str()))
        .collect()
}

/// One theme of an `extends` chain, as read.
#[derive(Default)]
struct Layer {
    description: String,
    templates: BTreeMap<String, Template>,
    statics: BTreeMap<String, StaticFile>,
    extra: Option<serde_json::Value>,
    strings: Option<serde_json::Value>,
    /// The theme it `extends`, as written in its `theme.yaml`.
    extends: Option<String>,
    /// Where the theme came from, for messages: `themes/x/` or `built-in theme `x``.
    place: String,
}

/// Resolves the theme named `name` for the site at `root`, with every theme
/// it `extends` (SPEC §9): a template or static file missing from a theme
/// comes from the theme it extends, and so on up the chain. A folder
/// `themes/<name>/` wins over the built-in theme of that name, except where a
/// folder theme extends its own name: that is the built-in one it replaces.
pub(crate) fn load(root: &Path, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Theme {
    let mut theme = Theme {
        name: name.to_string(),
        extra: serde_json::Value::Object(Default::default()),
        ..Theme::default()
    };
    let mut layers: Vec<Layer> = Vec::new();
    let mut seen: Vec<(String, bool)> = Vec::new();
    let mut next = Some((name.to_string(), true));
    while let Some((current, disk_allowed)) = next.take() {
        let disk = root.join("themes").join(&current);
        let on_disk = disk_allowed && disk.is_dir();
        if seen.contains(&(current.clone(), on_disk)) {
            let chain: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
            diagnostics.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "themes extend each other in a cycle: {} → {current}",
                        chain.join(" → ")
                    ),
                )
                .with_hint("remove one `extends:` from the themes' `theme.yaml` files"),
            );
            return theme;
        }
        seen.push((current.clone(), on_disk));
        let layer = if on_disk {
            load_disk_layer(root, &disk, diagnostics)
        } else if let Some(dir) = BUILTIN.get_dir(current.as_str()) {
            load_builtin_layer(&current, dir, diagnostics)
        } else {
            let mut known = builtin_names();
            known.sort_unstable();
            let message = match layers.last() {
                None => format!("theme `{current}` not found"),
                Some(child) => format!("theme `{current}` not found; {} extends it", child.place),
            };
            diagnostics.push(
                Diagnostic::error(Code::Config, message)
                    .in_file(crate::parse::config::CONFIG_FILE)
                    .with_hint(format!(
                        "a theme is a folder `themes/{current}/` in the site, or a built-in theme: {}",
                        known.join(", ")
                    )),
            );
            return theme;
        };
        next = layer.extends.clone().map(|parent| {
            let disk_allowed = !(on_disk && parent == current);
            (parent, disk_allowed)
        });
        layers.push(layer);
    }
    theme.description = layers
        .first()
        .map(|l| l.description.clone())
        .unwrap_or_default();
    theme.extends = layers.first().and_then(|l| l.extends.clone());
    // The furthest ancestor first, so that each theme overrides what it extends.
    for layer in layers.into_iter().rev() {
        theme.templates.extend(layer.templates);
        theme.statics.extend(layer.statics);
        if let Some(extra) = layer.extra {
            merge(&mut theme.extra, &extra);
        }
        if let Some(strings) = layer.strings {
            crate::render::i18n::merge_tables(&mut theme.strings, &strings);
        }
    }
    theme.overrides = read_templates(root, &root.join("templates"), diagnostics);
    add_statics(&mut theme.statics, &root.join("static"));
    theme
}

/// Deep-merges `over` into `base`: objects key by key, anything else replaced.
pub(crate) fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

fn load_builtin_layer(
    name: &str,
    dir: &'static Dir<'static>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Layer {
    let mut layer = Layer {
        place: format!("the built-in theme `{name}`"),
        ..Layer::default()
    };
    let base = dir.path();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        stack.extend(d.dirs());
        for file in d.files() {
            let rel = file.path().strip_prefix(base).unwrap_or(file.path());
            let rel_str = crate::diagnostic::display_path(rel);
            if let Some(template) = rel_str.strip_prefix("templates/") {
                let source = String::from_utf8_lossy(file.contents()).into_owned();
                layer.templates.insert(
                    template.to_string(),
                    Template {
                        source,
                        origin: format!("built-in theme `{name}`: {rel_str}"),
                    },
                );
            } else if let Some(file_name) = rel_str.strip_prefix("static/") {
                layer
                    .statics
                    .insert(file_name.to_string(), StaticFile::Embedded(file.contents()));
            } else if rel_str == "theme.yaml" {
                read_theme_yaml(
                    &String::from_utf8_lossy(file.contents()),
                    Path::new("theme.yaml"),
                    &mut layer,
                    diagnostics,
                );
            }
        }
    }
    layer
}

fn load_disk_layer(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Layer {
    let mut layer = Layer {
        place: format!(
            "`{}/`",
            crate::diagnostic::display_path(&relative(root, dir))
        ),
        templates: read_templates(root, &dir.join("templates"), diagnostics),
        ..Layer::default()
    };
    add_statics(&mut layer.statics, &dir.join("static"));
    let yaml_path = dir.join("theme.yaml");
    if let Ok(text) = std::fs::read_to_string(&yaml_path) {
        read_theme_yaml(&text, &relative(root, &yaml_path), &mut layer, diagnostics);
    }
    layer
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
            Err(e) => {
                let why = crate::io_error::reason(&e, &path);
                diagnostics.push(
                    Diagnostic::error(Code::Io, format!("cannot read: {why}")).in_file(origin),
                );
            }
        }
    }
    out
}

/// Static files below `dir`; later calls win, so the site's `static/` goes last.
fn add_statics(statics: &mut BTreeMap<String, StaticFile>, dir: &Path) {
    for (name, path) in walk_files(dir) {
        statics.insert(name, StaticFile::Disk(path));
    }
}

fn read_theme_yaml(text: &str, file: &Path, layer: &mut Layer, diagnostics: &mut Vec<Diagnostic>) {
    let fm = frontmatter::whole_yaml(text);
    let Some(mut f) = Fields::parse(&fm, file, diagnostics) else {
        return;
    };
    f.check_keys(
        "theme.yaml",
        &["name", "description", "extends", "extra", "strings"],
    );
    if let Some(d) = f.string("description") {
        layer.description = d;
    }
    layer.extends = f.string("extends");
    layer.extra = f.get("extra").map(yaml::to_json);
    layer.strings = f.get("strings").map(yaml::to_json);
    diagnostics.extend(f.into_diagnostics());
}

/// Files below `dir` as (`/`-separated relative name, path), sorted; ignored names skipped.
pub(crate) fn walk_files(dir: &Path) -> Vec<(String, PathBuf)> {
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
