//! `annals check`: validates everything (including templates), writes nothing.

use super::{exit_for, print_diagnostics, Exit, Verbosity};
use crate::site::{self, Options};
use crate::write::MemorySink;

pub fn run(opts: &Options, deny_warnings: bool, verbosity: Verbosity) -> Exit {
    let (site, mut diagnostics) = site::load(opts);
    let files = site.as_ref().map(|s| s.files).unwrap_or(0);
    if let Some(site) = &site {
        // Rendering in memory is what catches template errors.
        if let Err(errors) = site.build_into(&MemorySink::default()) {
            diagnostics.extend(errors);
        }
    }
    print_diagnostics(&diagnostics, verbosity);
    if diagnostics.is_empty() && verbosity > Verbosity::Quiet {
        eprintln!("no problems found in {files} files");
    }
    if deny_warnings && !diagnostics.is_empty() {
        return Exit::ContentError;
    }
    exit_for(&diagnostics)
}
