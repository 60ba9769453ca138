//! `annals build`: the site into its output folder, atomically.

use super::{exit_for, print_diagnostics, Exit, Verbosity};
use crate::site::{self, Options};
use crate::write::MemorySink;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

pub fn run(opts: &Options, verbosity: Verbosity) -> Exit {
    let started = Instant::now();
    let site::Loaded {
        site,
        mut diagnostics,
        files,
    } = site::load(opts);
    let Some(site) = site else {
        print_diagnostics(&diagnostics, verbosity);
        eprintln!("error: build failed; the previous output was left as it was");
        return exit_for(&diagnostics);
    };
    let output = site::output_dir(opts);
    match site::build(&site, &output) {
        Ok(summary) => {
            print_diagnostics(&diagnostics, verbosity);
            if verbosity == Verbosity::Verbose {
                let t = &site.timeline;
                eprintln!(
                    "read {} files: {} events, {} actors, {} theatres, {} tags, {} years",
                    files,
                    t.events.len(),
                    t.actors.len(),
                    t.theatres.len(),
                    t.tags.len(),
                    t.years.len()
                );
            }
            if verbosity > Verbosity::Quiet {
                eprintln!(
                    "built {} pages ({} files) from {} events in {:.2} s into {}",
                    summary.pages,
                    summary.files,
                    summary.events,
                    started.elapsed().as_secs_f64(),
                    output.display()
                );
            }
            exit_for(&diagnostics)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            print_diagnostics(&diagnostics, verbosity);
            eprintln!("error: build failed; the previous output was left as it was");
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
    let sink = MemorySink::default();
    if let Err(errors) = site.build_into(&sink) {
        diagnostics.extend(errors);
        print_diagnostics(&diagnostics, verbosity);
        return exit_for(&diagnostics);
    }
    let output = site::output_dir(opts);
    if let Err(errors) = site::check_output(&site.root, &output) {
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
            eprintln!("{} is up to date ({} files)", output.display(), fresh.len());
        }
        return exit_for(&diagnostics);
    }
    // The list is the command's answer, so it goes to stdout.
    for d in &differences {
        println!("{d}");
    }
    eprintln!(
        "error: {} differs from the build in {} file{}; run `annals build` and commit the result",
        output.display(),
        differences.len(),
        if differences.len() == 1 { "" } else { "s" }
    );
    Exit::ContentError
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
