//! `annals init [DIR]`: a new site that builds at once.

use super::{Exit, Verbosity};
use crate::diagnostic::{Code, Diagnostic};
use std::path::Path;

const CONFIG: &str = "# Site configuration: every key is optional. See the annals README.
title: My timeline
description: ''
# The address the site is published at: canonical links, feeds and the
# sitemap need it. The workflow of `annals init --ci github` gives the build
# GitHub Pages' own address (`annals build --base-url`).
# base_url: https://example.org/timeline/
language: en
timezone: UTC
# The look of the site: `default`, a readable timeline, or `dossier`, one
# sortable table per list page, dense and print-first (docs/themes.md).
theme: default
";

const EXAMPLE: &str = "---
title: The timeline begins
date: 2024-01-15
actors: [Example Actor]
theatres: [Example Place]
tags: [example]
status: reported
sources:
  - url: https://example.org/
    title: An example source; replace it with the article you cite
    publisher: Example Publisher
    date: 2024-01-16
---
Write what happened here, in Markdown. Each event is one file under
`content/events/`; `annals new \"Title\" --date 2024-02-01` makes another.
";

/// The output is built where the site is published (the workflow of `init
/// --ci github` builds it for GitHub Pages), so it is not committed; a site
/// that commits it instead drops the line and checks it with `build --check`.
const GITIGNORE: &str = "# The built site. `annals build` writes it, and the workflow of
# `annals init --ci github` builds and publishes it, so it is not committed.
# To commit it instead, remove this line and check it in CI with
# `annals build --check`.
/public/
";

/// `annals init --ci github`: review pull requests, publish the default branch.
pub(crate) const GITHUB_WORKFLOW: &str = include_str!("github-workflow.yml");

/// Points the YAML language server at the event schema. Front matter inside
/// Markdown needs an editor that reads it as YAML (for VS Code, the "YAML"
/// extension with a front matter plug-in); plain `.yaml` files validate as is.
const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./.vscode/annals-event.schema.json": ["content/events/**/*.md"]
  }
}
"#;

/// Which continuous-integration files to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    None,
    Github,
}

pub fn run(dir: &Path, ci: Ci, verbosity: Verbosity) -> Exit {
    if let Some(file) = crate::io_error::file_in_the_way(dir) {
        let why = if file == dir {
            "it is a file, not a folder".to_string()
        } else {
            format!("`{}` is a file, not a folder", file.display())
        };
        return fail(
            Diagnostic::error(
                Code::Usage,
                format!("cannot create a site in `{}`: {why}", dir.display()),
            )
            .with_hint(
                "name a folder that does not exist yet (`annals init mysite`), or one that does",
            ),
        );
    }
    // `init --ci github` in an existing site adds what is missing and keeps the rest.
    if dir.join("annals.yaml").exists() && ci == Ci::None {
        return fail(
            Diagnostic::error(
                Code::Usage,
                format!(
                    "`{}` already holds a site (`{}` exists); nothing was changed",
                    dir.display(),
                    dir.join("annals.yaml").display()
                ),
            )
            .with_hint("`annals init --ci github` adds the CI workflow to an existing site"),
        );
    }
    let schema = match serde_json::to_string_pretty(&crate::parse::schema::event_schema()) {
        Ok(s) => s + "\n",
        Err(e) => {
            return fail(Diagnostic::error(
                Code::Io,
                format!("cannot write the event schema as JSON: {e}"),
            ))
        }
    };
    let mut files: Vec<(&str, &str)> = vec![
        ("annals.yaml", CONFIG),
        ("content/events/2024-01-15-the-timeline-begins.md", EXAMPLE),
        (".gitignore", GITIGNORE),
        (".vscode/settings.json", VSCODE_SETTINGS),
        (".vscode/annals-event.schema.json", &schema),
    ];
    // GitHub reads workflows only at the repository's top: a site in a
    // sub-folder gets its workflow there, pointed at the site.
    let mut workflow = String::new();
    let mut workflow_at = None;
    if ci == Ci::Github {
        // The folder must exist for git to say which repository holds it.
        if let Err(d) = create_folder(dir) {
            return fail(d);
        }
        let (top, site) = repository_top(dir);
        workflow = GITHUB_WORKFLOW
            .replace("ANNALS_ROOT: \".\"", &format!("ANNALS_ROOT: \"{site}\""))
            .replace(
                "ANNALS_VERSION: \"0.0.0\"",
                &format!("ANNALS_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
            );
        match top {
            Some(top) => workflow_at = Some(top.join(".github/workflows/annals.yml")),
            None => files.push((".github/workflows/annals.yml", &workflow)),
        }
    }
    let had_site = dir.join("annals.yaml").exists();
    for (rel, text) in files {
        let path = dir.join(rel);
        if path.exists() {
            if verbosity > Verbosity::Quiet {
                eprintln!("note: kept the existing `{}`", path.display());
            }
            continue;
        }
        if let Err(d) = super::create_file(&path, text) {
            return fail(d);
        }
    }
    if let Some(path) = workflow_at {
        if path.exists() {
            if verbosity > Verbosity::Quiet {
                eprintln!("note: kept the existing `{}`", path.display());
            }
        } else if let Err(d) = super::create_file(&path, &workflow) {
            return fail(d);
        } else if verbosity > Verbosity::Quiet {
            eprintln!("wrote `{}`", path.display());
        }
    }
    for sub in ["content/actors", "content/theatres", "static"] {
        if let Err(d) = create_folder(&dir.join(sub)) {
            return fail(d);
        }
    }
    if verbosity == Verbosity::Quiet {
        return Exit::Success;
    }
    if had_site {
        eprintln!("added what was missing to the site in `{}`", dir.display());
        return Exit::Success;
    }
    eprintln!("created a new site in `{}`", dir.display());
    eprintln!(
        "next: `annals build --root {}` writes it to `{}`",
        dir.display(),
        dir.join("public").display()
    );
    Exit::Success
}

fn fail(d: Diagnostic) -> Exit {
    let exit = super::exit_for(std::slice::from_ref(&d));
    super::print_diagnostics_only(&[d], Verbosity::Quiet);
    exit
}

fn create_folder(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            format!(
                "cannot create the folder `{}`: {}",
                path.display(),
                crate::io_error::reason(&e, path)
            ),
        )
    })
}

/// The git repository's top folder when `dir` is inside one and is not the top
/// itself, with `dir`'s path from there (`/`-separated); else `(None, ".")`.
fn repository_top(dir: &Path) -> (Option<std::path::PathBuf>, String) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output();
    let Some(top) = out
        .ok()
        .filter(|o| o.status.success())
        .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    else {
        return (None, ".".into());
    };
    let (Ok(top), Ok(site)) = (top.canonicalize(), dir.canonicalize()) else {
        return (None, ".".into());
    };
    match site.strip_prefix(&top) {
        Ok(rel) if !rel.as_os_str().is_empty() => (Some(top), crate::diagnostic::display_path(rel)),
        _ => (None, ".".into()),
    }
}
