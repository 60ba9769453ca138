//! One module per command. Each takes its options and returns an exit code;
//! `main.rs` only parses arguments.

pub mod build;
pub mod check;
pub mod diff;
pub mod import;
pub mod init;
pub mod list;
pub mod new;
pub mod schema;
pub mod serve;
pub mod theme;

use crate::diagnostic::{self, Code, Diagnostic};
use crate::report;
use std::io::Write;
use std::path::Path;

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

/// Colour only on a terminal, and never when `NO_COLOR` is set.
fn stderr_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints human diagnostics to stderr: errors always, warnings unless quiet.
pub(crate) fn print_diagnostics_only(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    print_unless_quiet(diagnostics, verbosity, Diagnostic::is_error);
}

/// Prints `diagnostics`; with `-q`, only those that `fails`: quiet hides
/// progress and summaries, never a problem that decides the exit status.
pub(crate) fn print_unless_quiet(
    diagnostics: &[Diagnostic],
    verbosity: Verbosity,
    fails: impl Fn(&Diagnostic) -> bool,
) {
    let color = stderr_color();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
        if fails(d) || verbosity > Verbosity::Quiet {
            let _ = writeln!(err, "{}", report::human(d, color));
        }
    }
}

/// What `build` prints: every error in full, warnings in full only with `-v`
/// (`check` is the command for reviewing them), and a count line.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], verbosity: Verbosity) {
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error() || verbosity == Verbosity::Verbose)
        .cloned()
        .collect();
    print_diagnostics_only(&shown, verbosity);
    if !diagnostics.is_empty() && verbosity > Verbosity::Quiet {
        let hidden = diagnostics.len() - shown.len();
        if hidden > 0 {
            eprintln!(
                "{} (`annals check` lists the warnings)",
                diagnostic::summary(diagnostics)
            );
        } else {
            eprintln!("{}", diagnostic::summary(diagnostics));
        }
    }
}

/// Writes a command's answer to stdout. A closed pipe (`annals list | head`)
/// means the reader has what it wanted: the command ends quietly, as
/// successful as it was. Any other failure is reported, with what failed.
pub(crate) fn print_answer(text: &str, exit: Exit) -> Exit {
    let written = std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .and_then(|()| std::io::stdout().lock().flush());
    answered(written, exit)
}

/// The exit status once an answer has been written (or not) to stdout.
pub(crate) fn answered(written: std::io::Result<()>, exit: Exit) -> Exit {
    match written {
        Ok(()) => exit,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit,
        Err(e) => {
            let d = Diagnostic::error(
                Code::Io,
                format!(
                    "cannot write to standard output: {}",
                    crate::io_error::reason(&e, Path::new("-"))
                ),
            );
            print_diagnostics_only(&[d], Verbosity::Quiet);
            match exit {
                Exit::Success => Exit::ContentError,
                exit => exit,
            }
        }
    }
}

/// Creates `path` with `text`, and the folders it is in.
pub(crate) fn create_file(path: &Path, text: &str) -> Result<(), Diagnostic> {
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text))
        .map_err(|e| {
            Diagnostic::error(
                Code::Io,
                format!(
                    "cannot create `{}`: {}",
                    path.display(),
                    crate::io_error::reason(&e, path)
                ),
            )
        })
}

/// The event statuses front matter may give, from the parser's own list:
/// what `--status` of `list` and `new` accepts.
pub fn statuses() -> Vec<&'static str> {
    crate::parse::event::Status::ALL
        .iter()
        .map(|s| s.as_str())
        .collect()
}

/// A `--status` value read as the parser reads `status:`; the error is the
/// hint (the nearest status, or the list).
pub(crate) fn parse_status(s: &str) -> Result<crate::parse::event::Status, String> {
    crate::parse::event::Status::ALL
        .iter()
        .find(|st| st.as_str() == s.trim())
        .copied()
        .ok_or_else(|| crate::parse::fields::choice_hint(s, &statuses(), "use one of"))
}

/// The exit status for a set of diagnostics.
pub(crate) fn exit_for(diagnostics: &[Diagnostic]) -> Exit {
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
