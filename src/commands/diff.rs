//! `annals diff BASE [HEAD]`: the timeline's semantic difference between two git
//! revisions, or between a revision and the working tree, as Markdown or JSON.

use super::{exit_for, Exit, Verbosity};
use crate::date::Lang;
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::git::Repo;
use crate::diff::unparsed::Unparsed;
use crate::diff::{self, Revision, Side};
use crate::model::Timeline;
use crate::site::{self, Options};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "markdown" | "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

pub struct DiffOptions<'a> {
    /// The site's folder (`--root`): any folder inside a git work tree.
    pub root: &'a Path,
    pub base: &'a str,
    /// `None`: the working tree at `root`, as it is.
    pub head: Option<&'a str>,
    pub format: Format,
}

/// One loaded side: its timeline as far as it parses, its date language,
/// its errors and the files they left out.
struct Loaded {
    timeline: Timeline,
    lang: Lang,
    errors: Vec<Diagnostic>,
    unparsed: Unparsed,
}

fn usage(message: String, hint: Option<String>) -> Exit {
    let mut d = Diagnostic::error(Code::Usage, message);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    super::print_diagnostics_only(&[d], Verbosity::Quiet);
    Exit::UsageError
}

pub fn run(opts: &DiffOptions, verbosity: Verbosity) -> Exit {
    let repo = match Repo::open(opts.root) {
        Ok(r) => r,
        Err(e) => return usage(e.to_string(), e.hint()),
    };
    let resolve = |rev: &str| {
        repo.resolve(rev).map(|commit| Revision {
            rev: Some(rev.to_string()),
            commit: Some(commit),
            errors: Vec::new(),
        })
    };
    let base_rev = match resolve(opts.base) {
        Ok(r) => r,
        Err(e) => return usage(e.to_string(), e.hint()),
    };
    let head_rev = match opts.head.map(resolve).transpose() {
        Ok(r) => r.unwrap_or_default(),
        Err(e) => return usage(e.to_string(), e.hint()),
    };
    let base = match load_side(&repo, opts.root, &base_rev, "BASE", verbosity) {
        Ok(s) => s,
        Err(exit) => return exit,
    };
    let head = match load_side(&repo, opts.root, &head_rev, "HEAD", verbosity) {
        Ok(s) => s,
        Err(exit) => return exit,
    };
    let mut diff = diff::compare(
        Side {
            timeline: &base.timeline,
            lang: &base.lang,
            unparsed: &base.unparsed,
        },
        Side {
            timeline: &head.timeline,
            lang: &head.lang,
            unparsed: &head.unparsed,
        },
    );
    // The base's errors are history: a note, and the diff of what parses. The
    // head's are what this change proposes: they fail the command, as `check`
    // would, after the diff of what parses.
    if !base.errors.is_empty() && verbosity > Verbosity::Quiet {
        eprintln!(
            "note: {}; comparing what parses",
            has_errors(&describe("BASE", &base_rev), &base_rev, base.errors.len())
        );
    }
    let exit = if head.errors.is_empty() {
        Exit::Success
    } else {
        eprintln!(
            "error: {}; comparing what parses",
            has_errors(&describe("HEAD", &head_rev), &head_rev, head.errors.len())
        );
        super::print_diagnostics_only(&head.errors, Verbosity::Quiet);
        Exit::ContentError
    };
    diff.base = Revision {
        errors: base.errors,
        ..base_rev
    };
    diff.head = Revision {
        errors: head.errors,
        ..head_rev
    };
    let text = match opts.format {
        Format::Markdown => diff::markdown::render(&diff),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&diff).expect("a diff serialises");
            json.push('\n');
            json
        }
    };
    super::print_answer(&text, exit)
}

/// `the timeline at BASE `main` (1a2b3c4) has 2 errors`.
fn has_errors(name: &str, rev: &Revision, n: usize) -> String {
    let place = if rev.commit.is_some() { "at" } else { "in" };
    format!(
        "the timeline {place} {name} has {}",
        crate::diagnostic::plural(n, "error", "errors")
    )
}

/// How a side is named in messages: `BASE `main` (1a2b3c4)` or `the working tree`.
fn describe(which: &str, rev: &Revision) -> String {
    match (&rev.rev, &rev.commit) {
        (Some(r), Some(c)) => format!("{which} `{r}` ({})", &c[..c.len().min(7)]),
        _ => "the working tree".to_string(),
    }
}

/// Loads the site at `rev` (the working tree when it names no commit), drafts
/// included. A site without `content/` at a commit is an empty timeline: the
/// site did not exist yet, or was removed.
fn load_side(
    repo: &Repo,
    root: &Path,
    rev: &Revision,
    which: &str,
    verbosity: Verbosity,
) -> Result<Loaded, Exit> {
    let name = describe(which, rev);
    let _tmp;
    let site_root = match &rev.commit {
        None => root.to_path_buf(),
        Some(commit) => {
            let tmp = tempfile::Builder::new()
                .prefix(&format!("annals-diff-{}-", which.to_ascii_lowercase()))
                .tempdir()
                .map_err(|e| {
                    let tmp = std::env::temp_dir();
                    usage(
                        format!(
                            "cannot create a temporary folder in `{}` for {name}: {}",
                            tmp.display(),
                            crate::io_error::reason(&e, &tmp)
                        ),
                        None,
                    )
                })?;
            match repo.materialise(commit, tmp.path()) {
                Ok(true) => {}
                Ok(false) => {
                    if verbosity > Verbosity::Quiet {
                        let at = match repo.prefix() {
                            "" => "the repository's top".to_string(),
                            p => format!("`{}`", p.trim_end_matches('/')),
                        };
                        eprintln!(
                            "note: no site at {at} in {name}: comparing with an empty timeline"
                        );
                    }
                    return Ok(Loaded {
                        timeline: Timeline::default(),
                        lang: Lang::default(),
                        errors: Vec::new(),
                        unparsed: Unparsed::default(),
                    });
                }
                Err(e) => return Err(usage(format!("cannot read {name}: {e}"), e.hint())),
            }
            let path = tmp.path().to_path_buf();
            _tmp = tmp;
            path
        }
    };
    // The timeline alone: a theme's problems do not change what it says.
    let contents = site::load_contents(&Options {
        root: site_root,
        drafts: true,
        keep_bodies: true,
        ..Options::default()
    });
    let errors: Vec<Diagnostic> = contents
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if let Exit::UsageError = exit_for(&errors) {
        super::print_diagnostics_only(&errors, Verbosity::Quiet);
        return Err(Exit::UsageError);
    }
    Ok(Loaded {
        unparsed: Unparsed::new(&contents.timeline, &errors),
        lang: contents.config.lang,
        timeline: contents.timeline,
        errors,
    })
}
