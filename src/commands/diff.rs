//! `annals diff BASE [HEAD]`: the timeline's semantic difference between two git
//! revisions, or between a revision and the working tree, as Markdown or JSON.

use super::{exit_for, Exit, Verbosity};
use crate::date::Lang;
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::git::Repo;
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

/// One loaded side: its timeline and date language.
struct Loaded {
    timeline: Timeline,
    lang: Lang,
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
        },
        Side {
            timeline: &head.timeline,
            lang: &head.lang,
        },
    );
    diff.base = base_rev;
    diff.head = head_rev;
    let text = match opts.format {
        Format::Markdown => diff::markdown::render(&diff),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&diff).expect("a diff serialises");
            json.push('\n');
            json
        }
    };
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Exit::Success
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
                    usage(
                        format!("cannot create a temporary folder for {name}: {e}"),
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
                    });
                }
                Err(e) => return Err(usage(format!("cannot read {name}: {e}"), e.hint())),
            }
            let path = tmp.path().to_path_buf();
            _tmp = tmp;
            path
        }
    };
    let loaded = site::load(&Options {
        root: site_root,
        drafts: true,
        keep_bodies: true,
        ..Options::default()
    });
    match loaded.site {
        Some(site) => Ok(Loaded {
            lang: site.config.lang,
            timeline: site.timeline,
        }),
        None => {
            let errors: Vec<Diagnostic> = loaded
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            let n = errors.len();
            let place = if rev.commit.is_some() { "at" } else { "in" };
            eprintln!(
                "error: the timeline {place} {name} has {}; fix {} to see the diff",
                crate::diagnostic::plural(n, "error", "errors"),
                if n == 1 { "it" } else { "them" },
            );
            super::print_diagnostics_only(&errors, Verbosity::Quiet);
            Err(match exit_for(&errors) {
                Exit::Success => Exit::ContentError,
                exit => exit,
            })
        }
    }
}
