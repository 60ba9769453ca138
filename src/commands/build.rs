//! `annals build`: the site into its output folder, atomically.

use super::{exit_for, print_diagnostics, Exit, Verbosity};
use crate::site::{self, Options};
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
