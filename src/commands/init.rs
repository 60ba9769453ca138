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

pub fn run(dir: &Path, verbosity: Verbosity) -> Exit {
    if dir.join("annals.yaml").exists() {
        eprintln!(
            "error: `{}` already holds a site (annals.yaml exists); nothing was changed",
            dir.join("annals.yaml").display()
        );
        return Exit::UsageError;
    }
    let files: [(&str, &str); 3] = [
        ("annals.yaml", CONFIG),
        ("content/events/2024-01-15-the-timeline-begins.md", EXAMPLE),
        (".gitignore", GITIGNORE),
    ];
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
