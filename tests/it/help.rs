//! Every `--help` ends with examples, and shows the options every command
//! takes (`--root`, `-q`, `-v`) apart from the command's own. That each
//! example parses is checked where the parser is, in `src/main.rs`.

use crate::support::*;

/// The subcommands `annals --help` lists, with `theme`'s own, as argument
/// lists (`["theme", "vars"]`).
fn subcommands() -> Vec<Vec<String>> {
    fn listed(args: &[String]) -> Vec<String> {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.push("--help");
        let out = bin().args(&all).output().expect("runs");
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        help.split("\nCommands:\n")
            .nth(1)
            .map(|rest| {
                rest.lines()
                    .take_while(|l| l.starts_with("  "))
                    .filter_map(|l| l.split_whitespace().next())
                    .filter(|c| *c != "help")
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
    let mut out = Vec::new();
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(args) = todo.pop() {
        for sub in listed(&args) {
            let mut next = args.clone();
            next.push(sub);
            todo.push(next.clone());
            out.push(next);
        }
    }
    out.sort();
    out
}

/// The lines of the section of `help` under `heading` (`Options:`), up to
/// the next heading (long help puts blank lines between entries).
fn section<'a>(help: &'a str, heading: &str) -> Vec<&'a str> {
    help.split(&format!("\n{heading}\n"))
        .nth(1)
        .map(|rest| {
            rest.lines()
                .take_while(|l| l.is_empty() || l.starts_with(' '))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_help_has_examples_and_shows_global_options_apart() {
    let commands = subcommands();
    let names: Vec<String> = commands.iter().map(|c| c.join(" ")).collect();
    assert_eq!(
        names,
        [
            "build",
            "check",
            "diff",
            "import",
            "init",
            "list",
            "new",
            "schema",
            "serve",
            "theme",
            "theme vars"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    for args in std::iter::once(Vec::new()).chain(commands) {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.push("--help");
        let out = run(dir.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{all:?}");
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        let examples = section(&help, "Examples:");
        let prefix = format!("annals {}", args.join(" "));
        assert!(
            examples
                .iter()
                .any(|l| l.trim_start().starts_with(prefix.trim_end())),
            "{all:?}: no example of `{prefix}` in\n{help}"
        );
        let global = section(&help, "Global options:");
        for flag in ["--root <DIR>", "-q, --quiet", "-v, --verbose"] {
            assert!(
                global.iter().any(|l| l.contains(flag)),
                "{all:?}: {flag} is not under Global options:\n{help}"
            );
            assert!(
                !section(&help, "Options:").iter().any(|l| l.contains(flag)),
                "{all:?}: {flag} is among the command's own options:\n{help}"
            );
        }
    }
}
