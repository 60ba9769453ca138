//! `annals import FORMAT FILE`: another tool's timeline as event files.

use super::{Exit, Verbosity};
use crate::diagnostic::{self, Diagnostic};
use std::path::{Path, PathBuf};

/// The formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A TimelineJS3 JSON file (a TimelineJS 2 file is recognised too)
    Timelinejs,
    /// The TimelineJS spreadsheet template, exported as CSV
    Csv,
    /// ACLED's CSV export (old and new schemas), with actor and theatre files
    Acled,
    /// UCDP's Georeferenced Event Dataset (GED) as CSV, with actor and theatre files
    Ucdp,
    /// A folder of Markdown from Hugo, Zola or Jekyll (YAML or TOML front matter)
    Markdown,
}

/// Where a TimelineJS `group` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GroupAs {
    #[default]
    Tag,
    Theatre,
}

/// What `annals import` is asked to do.
#[derive(Debug)]
pub struct Import<'a> {
    pub format: Format,
    pub file: &'a Path,
    /// Default: the site's `content/events/`.
    pub into: Option<&'a Path>,
    pub force: bool,
    pub dry_run: bool,
    pub group_as: GroupAs,
}

/// Imports into the site at `root`. Exit 1 when an item could not be
/// imported (the others are written), 2 when there is no site.
pub fn run(root: &Path, import: &Import, verbosity: Verbosity) -> Exit {
    let content = match crate::load::content_dir(root) {
        Ok(c) => c,
        Err(d) => {
            super::print_diagnostics_only(&[d], verbosity);
            return Exit::UsageError;
        }
    };
    let into: PathBuf = import
        .into
        .map_or_else(|| crate::import::default_into(&content), Path::to_path_buf);
    let req = crate::import::Request {
        format: match import.format {
            Format::Timelinejs => crate::import::Format::TimelineJs,
            Format::Csv => crate::import::Format::Csv,
            Format::Acled => crate::import::Format::Acled,
            Format::Ucdp => crate::import::Format::Ucdp,
            Format::Markdown => crate::import::Format::Markdown,
        },
        file: import.file.to_path_buf(),
        into,
        content: Some(content),
        force: import.force,
        dry_run: import.dry_run,
        group_as: match import.group_as {
            GroupAs::Tag => crate::import::GroupAs::Tag,
            GroupAs::Theatre => crate::import::GroupAs::Theatre,
        },
    };
    let outcome = crate::import::run(&req);
    super::print_diagnostics_only(&outcome.diagnostics, verbosity);
    let mut answer = String::new();
    for path in &outcome.written {
        answer.push_str(&format!("{}\n", path.display()));
    }
    let exit = if outcome.diagnostics.iter().any(Diagnostic::is_error) {
        Exit::ContentError
    } else {
        Exit::Success
    };
    let exit = super::print_answer(&answer, exit);
    if verbosity > Verbosity::Quiet {
        let verb = if import.dry_run {
            "would write"
        } else {
            "wrote"
        };
        let mut summary = format!(
            "{verb} {}",
            diagnostic::plural(outcome.written.len(), "file", "files")
        );
        if !outcome.kept.is_empty() {
            summary.push_str(&format!(
                ", kept {} that exist (`--force` replaces them)",
                diagnostic::plural(outcome.kept.len(), "file", "files")
            ));
        }
        if outcome.skipped > 0 {
            summary.push_str(&format!(
                ", skipped {}",
                diagnostic::plural(outcome.skipped, "item", "items")
            ));
        }
        eprintln!("{summary}; {}", diagnostic::summary(&outcome.diagnostics));
    }
    exit
}
