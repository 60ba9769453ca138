//! `docs/first-timeline.md` stays true: every `console` block in it is run,
//! in order, in a fresh folder with the annals under test first on `PATH`,
//! and what each command prints (stdout and stderr together) must be what
//! the guide shows below it, exactly, with `…` standing for any text (times,
//! commit ids); no output shown means none printed. Every command must
//! succeed.
//!
//! Blocks that cannot run here (installing annals with `cargo install`,
//! pushing to GitHub, serving until stopped) are marked, just above them, with
//! `<!-- not run by tests/it/guide.rs: why -->`, and are skipped. Any other
//! shell block (`sh`, `bash`, `shell`) fails the test, so that no command in
//! the guide goes untested without saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

const GUIDE: &str = include_str!("../../docs/first-timeline.md");
const SKIP: &str = "<!-- not run by tests/it/guide.rs:";

/// One `$ command` and the lines the guide shows it printing.
#[derive(Debug)]
struct Step {
    line: usize,
    command: String,
    output: Vec<String>,
}

/// The steps of every `console` block that is not marked as skipped.
fn steps(guide: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut lines = guide.lines().enumerate();
    let mut previous = "";
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            if !line.trim().is_empty() {
                previous = line;
            }
            continue;
        };
        let info = info.trim();
        assert!(
            !matches!(info, "sh" | "bash" | "shell" | "zsh"),
            "a `{info}` block in the guide: write it as `console` so that it is run, or mark it with {SKIP} …"
        );
        let run = info == "console" && !previous.starts_with(SKIP);
        previous = "";
        let mut pending_continuation = false;
        for (n, line) in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            if !run {
                continue;
            }
            if let Some(command) = line.strip_prefix("$ ") {
                steps.push(Step {
                    line: n + 1,
                    command: command.trim_end_matches('\\').to_string(),
                    output: Vec::new(),
                });
                pending_continuation = command.ends_with('\\');
            } else if let Some(step) = steps.last_mut().filter(|_| pending_continuation) {
                step.command.push(' ');
                step.command.push_str(line.trim_end_matches('\\'));
                pending_continuation = line.ends_with('\\');
            } else {
                let step = steps.last_mut().expect("output follows a command");
                step.output.push(line.to_string());
            }
        }
    }
    steps
}

/// Whether `actual` is `expected`, where `…` in `expected` stands for any text.
fn matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split('…');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[test]
fn the_first_timeline_guide_runs_as_written() {
    let steps = steps(GUIDE);
    assert!(steps.len() >= 15, "{steps:#?}");
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let annals_dir = Path::new(env!("CARGO_BIN_EXE_annals"))
        .parent()
        .expect("the binary is in a folder");
    let path = std::env::join_paths(std::iter::once(annals_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut cwd: PathBuf = work.path().to_path_buf();
    for step in steps {
        let at = format!("docs/first-timeline.md:{}: `{}`", step.line, step.command);
        if let Some(dir) = step.command.strip_prefix("cd ") {
            cwd = cwd.join(dir.trim());
            assert!(cwd.is_dir(), "{at}: no such folder");
            assert!(step.output.is_empty(), "{at}");
            continue;
        }
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("{{ {}\n}} 2>&1", step.command))
            .current_dir(&cwd)
            .env("PATH", &path)
            // A git of its own: no user configuration, a fixed identity.
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "A Newcomer")
            .env("GIT_AUTHOR_EMAIL", "newcomer@example.org")
            .env("GIT_COMMITTER_NAME", "A Newcomer")
            .env("GIT_COMMITTER_EMAIL", "newcomer@example.org")
            .env("NO_COLOR", "1")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .output()
            .expect("bash runs");
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{at} failed:\n{printed}");
        let printed: Vec<&str> = printed.lines().collect();
        assert_eq!(
            printed.len(),
            step.output.len(),
            "{at} printed:\n{}\nthe guide shows:\n{}",
            printed.join("\n"),
            step.output.join("\n")
        );
        for (expected, actual) in step.output.iter().zip(&printed) {
            assert!(
                matches(expected, actual),
                "{at} printed\n  {actual}\nwhere the guide shows\n  {expected}"
            );
        }
    }
}

#[test]
fn the_guide_reader_understands_wildcards_and_skips() {
    assert!(matches("built … pages in … s", "built 23 pages in 0.16 s"));
    assert!(matches("annals …", "annals 0.1.0"));
    assert!(!matches("annals …", "cargo 0.1.0"));
    assert!(!matches("a … c", "a b d"));
    assert!(matches("exact", "exact"));
    assert!(!matches("exact", "exact!"));
    let guide = "```console\n$ one\nout\n```\n\n<!-- not run by tests/it/guide.rs: no -->\n```console\n$ two\n```\n```console\n$ three \\\n  --flag\n```\n";
    let found = steps(guide);
    let commands: Vec<&str> = found.iter().map(|s| s.command.as_str()).collect();
    assert_eq!(commands, ["one", "three    --flag"]);
    assert_eq!(found[0].output, ["out"]);
}
