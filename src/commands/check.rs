//! `annals check`: validates everything (including templates), writes nothing.

use super::{exit_for, Exit, Verbosity};
use crate::diagnostic;
use crate::report::{self, Format};
use crate::site::{self, Options};
use crate::write::NullSink;
use std::io::Write;

pub fn run(opts: &Options, format: Format, deny_warnings: bool, verbosity: Verbosity) -> Exit {
    let site::Loaded {
        site,
        mut diagnostics,
        files,
        ..
    } = site::load(opts);
    if let Some(site) = &site {
        // Rendering in memory is what catches template errors.
        if let Err(errors) = site.build_into(&NullSink) {
            diagnostics.extend(errors);
        }
    }
    diagnostic::sort(&mut diagnostics);
    match format {
        // Machine formats go to stdout, complete, whatever the verbosity.
        Format::Json | Format::Github => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for d in &diagnostics {
                let _ = out.write_all(report::render(d, format, false).as_bytes());
            }
        }
        Format::Human => {
            super::print_diagnostics_only(&diagnostics, verbosity);
            if verbosity > Verbosity::Quiet {
                let plural = if files == 1 { "" } else { "s" };
                if diagnostics.is_empty() {
                    eprintln!("no problems in {files} file{plural}");
                } else {
                    eprintln!(
                        "{} in {files} file{plural}",
                        diagnostic::summary(&diagnostics)
                    );
                }
            }
        }
    }
    match exit_for(&diagnostics) {
        Exit::Success if deny_warnings && !diagnostics.is_empty() => {
            if format == Format::Human {
                eprintln!("error: warnings count as errors with --deny-warnings");
            }
            Exit::ContentError
        }
        exit => exit,
    }
}
