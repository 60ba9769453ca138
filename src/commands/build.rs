//! `annals build`: the site into its output folder, atomically.

use super::{exit_for, print_diagnostics, Exit, Verbosity};
use crate::diagnostic::{plural, Code, Diagnostic};
use crate::site::{self, Options};
use crate::write::MemorySink;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

pub fn run(opts: &Options, verbosity: Verbosity) -> Exit {
    let started = Instant::now();
    let loaded = site::load(opts);
    let hidden = loaded.hidden_template_errors();
    let site::Loaded {
        site,
        mut diagnostics,
        files,
        stages,
        ..
    } = loaded;
    let Some(site) = site else {
        diagnostics.extend(hidden);
        crate::diagnostic::sort(&mut diagnostics);
        print_diagnostics(&diagnostics, verbosity);
        eprintln!("error: build failed; the previous output was left as it was");
        return exit_for(&diagnostics);
    };
    let output = site::output_dir(opts);
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} rendering {pos}/{len} pages [{bar:30}] {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let show = verbosity > Verbosity::Quiet && std::io::stderr().is_terminal();
    // Only builds that take a while get a bar: it appears after a second.
    let shown = std::sync::atomic::AtomicBool::new(false);
    let progress = |done: usize, total: usize| {
        if !show {
            return;
        }
        if !shown.load(std::sync::atomic::Ordering::Relaxed)
            && started.elapsed().as_secs_f64() > 1.0
            && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            bar.set_length(total as u64);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_position(done as u64);
    };
    let result = site::build(&site, &output, opts.force, &progress);
    bar.finish_and_clear();
    match result {
        Ok(summary) => {
            print_diagnostics(&diagnostics, verbosity);
            if verbosity == Verbosity::Verbose {
                let t = &site.timeline;
                eprintln!(
                    "read {}: {}, {}, {}, {}, {}",
                    plural(files, "file", "files"),
                    plural(t.events.len(), "event", "events"),
                    plural(t.actors.len(), "actor", "actors"),
                    plural(t.theatres.len(), "theatre", "theatres"),
                    plural(t.tags.len(), "tag", "tags"),
                    plural(t.years.len(), "year", "years"),
                );
                let all: Vec<_> = stages.iter().chain(&summary.stages).cloned().collect();
                eprintln!("stages: {}", crate::timing::Stopwatch::line(&all));
            }
            if verbosity > Verbosity::Quiet {
                let count = |n: usize, one: &str, many: &str| {
                    format!("{} {}", thousands(n), if n == 1 { one } else { many })
                };
                eprintln!(
                    "built {} ({}) from {} in {:.2} s into {}",
                    count(summary.pages, "page", "pages"),
                    count(summary.files, "file", "files"),
                    count(summary.events, "event", "events"),
                    started.elapsed().as_secs_f64(),
                    output.display()
                );
            }
            exit_for(&diagnostics)
        }
        Err(failure) => {
            diagnostics.extend(failure.diagnostics);
            print_diagnostics(&diagnostics, verbosity);
            match failure.moved_aside {
                None => eprintln!("error: build failed; the previous output was left as it was"),
                Some(old) => eprintln!(
                    "error: build failed, and the previous output could not be put back: it is now at `{}`",
                    old.display()
                ),
            }
            match exit_for(&diagnostics) {
                Exit::Success => Exit::ContentError,
                exit => exit,
            }
        }
    }
}

/// `annals build --check`: builds in memory and compares with the output
/// folder, for sites that commit their output. Writes nothing.
pub fn check(opts: &Options, verbosity: Verbosity) -> Exit {
    let site::Loaded {
        site,
        mut diagnostics,
        ..
    } = site::load(opts);
    let Some(site) = site else {
        print_diagnostics(&diagnostics, verbosity);
        return exit_for(&diagnostics);
    };
    let given = site::output_dir(opts);
    let output = match crate::output::resolve(&site.root, &given, crate::output::Use::Read) {
        Ok(o) if !o.exists() => {
            diagnostics.push(nothing_to_compare(&given));
            print_diagnostics(&diagnostics, verbosity);
            return exit_for(&diagnostics);
        }
        Ok(o) => o,
        Err(d) => {
            diagnostics.push(d);
            print_diagnostics(&diagnostics, verbosity);
            return exit_for(&diagnostics);
        }
    };
    let sink = MemorySink::default();
    if let Err(errors) = site.build_into(&sink) {
        diagnostics.extend(errors);
        print_diagnostics(&diagnostics, verbosity);
        return exit_for(&diagnostics);
    }
    print_diagnostics(&diagnostics, verbosity);
    let fresh = sink.files.into_inner().unwrap_or_default();
    let on_disk = read_tree(&output);
    let mut differences = Vec::new();
    for (path, bytes) in &fresh {
        match on_disk.get(path) {
            None => differences.push(format!("missing  {path}")),
            Some(old) if old != bytes => differences.push(format!("changed  {path}")),
            Some(_) => {}
        }
    }
    for path in on_disk.keys().filter(|p| !fresh.contains_key(*p)) {
        differences.push(format!("stale    {path}"));
    }
    if differences.is_empty() {
        if verbosity > Verbosity::Quiet {
            eprintln!(
                "{} is up to date ({})",
                output.display(),
                plural(fresh.len(), "file", "files")
            );
        }
        return exit_for(&diagnostics);
    }
    // The list is the command's answer, so it goes to stdout.
    let listed: String = differences.iter().map(|d| format!("{d}\n")).collect();
    let exit = super::print_answer(&listed, Exit::ContentError);
    eprintln!(
        "error: {} differs from the build in {}; run `annals build` and commit the result",
        output.display(),
        plural(differences.len(), "file", "files")
    );
    exit
}

/// `build --check` without an output folder: listing every file as missing
/// and advising to commit them would be wrong for the sites `init` makes,
/// which ignore `public/` and publish from a build. A usage error (exit 2):
/// the comparison asked for cannot be made.
fn nothing_to_compare(given: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Usage,
        format!(
            "`build --check` has nothing to compare with: there is no output folder `{}`",
            given.display()
        ),
    )
    .with_hint(
        "`--check` is for sites that commit their built output; run `annals build` first. \
         A site that is built where it is published (as `annals init --ci github` sets up, with \
         `public/` in `.gitignore`) has no output to check: `annals check` validates it",
    )
}

/// Every file below `dir` by `/`-separated relative path; empty when missing.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = crate::diagnostic::display_path(e.path().strip_prefix(dir).ok()?);
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

/// `13 204`: digits grouped by thin spaces, as in the summary line.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(13_204), "13 204");
        assert_eq!(super::thousands(1_000_000), "1 000 000");
    }
}
