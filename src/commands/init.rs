//! `annals init [DIR]`: a new site that builds at once.

use super::{Exit, Verbosity};
use std::path::Path;

const CONFIG: &str = "# Site configuration: every key is optional. See the annals README.
title: My timeline
description: ''
base_url: /
language: en
timezone: UTC
";

const EXAMPLE: &str = "---
title: The timeline begins
date: 2024-01-15
actors: [Example Actor]
theatres: [Example Place]
tags: [example]
status: reported
sources:
  - publisher: Your source
    date: 2024-01-16
---
Write what happened here, in Markdown. Each event is one file under
`content/events/`; `annals new \"Title\" --date 2024-02-01` makes another.
";

const GITIGNORE: &str = "/public/\n";

/// `annals init --ci github`: review pull requests, publish the default branch.
pub const GITHUB_WORKFLOW: &str = include_str!("github-workflow.yml");

/// Points the YAML language server at the event schema. Front matter inside
/// Markdown needs an editor that reads it as YAML (for VS Code, the "YAML"
/// extension with a front matter plug-in); plain `.yaml` files validate as is.
const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./.vscode/annals-event.schema.json": ["content/events/**/*.md", "content/events/**/*.yaml"]
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
    // `init --ci github` in an existing site adds what is missing and keeps the rest.
    if dir.join("annals.yaml").exists() && ci == Ci::None {
        eprintln!(
            "error: `{}` already holds a site (annals.yaml exists); nothing was changed",
            dir.join("annals.yaml").display()
        );
        return Exit::UsageError;
    }
    let schema = match serde_json::to_string_pretty(&crate::parse::schema::event_schema()) {
        Ok(s) => s + "\n",
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::ContentError;
        }
    };
    let mut files: Vec<(&str, &str)> = vec![
        ("annals.yaml", CONFIG),
        ("content/events/2024-01-15-the-timeline-begins.md", EXAMPLE),
        (".gitignore", GITIGNORE),
        (".vscode/settings.json", VSCODE_SETTINGS),
        (".vscode/annals-event.schema.json", &schema),
    ];
    if ci == Ci::Github {
        files.push((".github/workflows/annals.yml", GITHUB_WORKFLOW));
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        if path.exists() {
            if verbosity > Verbosity::Quiet {
                eprintln!("note: kept the existing `{}`", path.display());
            }
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return Exit::ContentError;
        }
    }
    for sub in ["content/actors", "content/theatres", "static"] {
        let _ = std::fs::create_dir_all(dir.join(sub));
    }
    if verbosity == Verbosity::Quiet {
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
