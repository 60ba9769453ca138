//! One module per command. Each takes its options and returns an exit code;
//! `main.rs` only parses arguments.

pub mod build;
pub mod check;
pub mod init;
pub mod new;

use crate::diagnostic::{self, Diagnostic};
use std::io::Write;

/// Exit status of SPEC §10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    ContentError = 1,
    UsageError = 2,
}

/// How much to print: `-q` only errors, `-v` more detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    Quiet,
    #[default]
    Normal,
    Verbose,
}

/// Prints diagnostics to stderr, errors always, warnings unless quiet.
pub fn print_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
        if d.is_error() || verbosity > Verbosity::Quiet {
            let _ = writeln!(err, "{}", d.render_human());
        }
    }
    if !diagnostics.is_empty() && verbosity > Verbosity::Quiet {
        let _ = writeln!(err, "{}", diagnostic::summary(diagnostics));
    }
}

/// The exit status for a set of diagnostics.
pub fn exit_for(diagnostics: &[Diagnostic]) -> Exit {
    if diagnostics
        .iter()
        .any(|d| d.code == diagnostic::Code::Usage)
    {
        Exit::UsageError
    } else if diagnostics.iter().any(Diagnostic::is_error) {
        Exit::ContentError
    } else {
        Exit::Success
    }
}
