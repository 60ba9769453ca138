//! The `annals` binary: parses arguments and calls the library.

use annals::commands::{self, Exit, Verbosity};
use annals::report::Format;
use annals::site::Options;
use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Each command's `--help` ends with examples, in the manner of cargo's and
/// ripgrep's; a test below parses every one of them. The heading is styled
/// as clap styles its own (bold, underlined), which clap strips when the
/// output is not a terminal.
mod examples {
    pub(crate) const ANNALS: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # Start a site, add an event, check it and build it into mysite/public/
  annals init mysite
  annals new \"Popov is dismissed\" --date 2023-07-12 --root mysite
  annals check --root mysite
  annals build --root mysite";

    pub(crate) const BUILD: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # Build the site in the current folder into public/
  annals build
  # For a sub-path, drafts included, into another folder
  annals build --base-url https://example.org/war/ --drafts --output /tmp/war
  # For a site that commits public/: exit 1 if a build would change it
  annals build --check
  # Replace a folder that annals did not write (its files are deleted)
  annals build --output ~/www --force";

    pub(crate) const CHECK: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # Every problem in every file, compiler-style
  annals check
  # In CI: warnings fail too, and \"in the future\" is judged on a fixed day
  annals check --deny-warnings --today 2024-03-01
  # One JSON object per problem, for scripts
  annals check --format json
  # Annotations on a pull request's changed lines (GitHub Actions)
  annals check --format github";

    pub(crate) const LIST: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # Every event, as a table
  annals list
  # One actor's events in July 2023, as CSV
  annals list --actor \"Ivan Popov\" --from 2023-07 --to 2023-07 --format csv
  # Disputed events in a theatre and its sub-theatres, as JSON
  annals list --theatre Zaporizhzhia --status disputed --format json
  # The events of one period (its slug or name)
  annals list --period \"Before the voice message\"";

    pub(crate) const SERVE: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # Serve the site at http://127.0.0.1:4000/ and reload open pages on each save
  annals serve
  # Drafts too, on a port picked for you, opened in the browser
  annals serve --drafts --port 0 --open
  # Reachable from other machines on the network (prints a warning)
  annals serve --bind 0.0.0.0 --port 8080";

    pub(crate) const IMPORT: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # A TimelineJS3 JSON file, into content/events/
  annals import timelinejs timeline.json
  # The TimelineJS spreadsheet exported as CSV; groups become theatres
  annals import csv sheet.csv --group-as theatre
  # What would be written, without writing it
  annals import timelinejs timeline.json --dry-run";

    pub(crate) const SCHEMA: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # For an editor's YAML language server
  annals schema > event.schema.json";

    pub(crate) const DIFF: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # What the working tree changes in the timeline, against main
  annals diff main
  # A pull request's changes, as Markdown for a comment
  annals diff origin/main HEAD > annals-diff.md
  # Between the last two commits, as JSON
  annals diff HEAD~1 HEAD --format json";

    pub(crate) const INIT: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # A new site in mysite/ that builds at once
  annals init mysite
  # With a GitHub workflow that checks and diffs pull requests and publishes
  # the default branch to GitHub Pages
  annals init mysite --ci github
  # Add the workflow to the site in the current folder
  annals init --ci github";

    pub(crate) const NEW: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # An event with its actor and theatre
  annals new \"Popov is dismissed\" --date 2023-07-12 --actor \"Ivan Popov\" --theatre Zaporizhzhia
  # Sourced, confirmed, tagged, and opened in $VISUAL or $EDITOR
  annals new \"Gurulev publishes the message\" --date 2023-07-12 --source https://example.org/article --status confirmed --tag command --open
  # An approximate date, with a slug of your own (its URL and file name)
  annals new \"Turchak's statement\" --date 2023-07~ --slug turchak-statement
  # From inside content/events/
  annals new \"An event\" --date 2023-07-14 --root ../..";

    pub(crate) const THEME: &str = "\
\x1b[1m\x1b[4mExamples:\x1b[0m
  # The variables of every template
  annals theme vars
  # Those of one template, with the globals
  annals theme vars event.html";
}

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Markdown event files in, a static timeline website out",
    after_help = examples::ANNALS
)]
struct Cli {
    /// The site's folder
    #[arg(
        long,
        global = true,
        default_value = ".",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    root: PathBuf,
    /// Print only errors
    #[arg(short, long, global = true, help_heading = "Global options")]
    quiet: bool,
    /// Print more detail
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "quiet",
        help_heading = "Global options"
    )]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
    #[command(after_help = examples::BUILD)]
    Build {
        /// Output folder [default: ROOT/public]
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override `base_url` (a path such as /war/ or a URL)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include events marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Build in memory and exit 1, listing the differences, if the output
        /// folder is not what the build would write (exit 2 if there is none)
        #[arg(long)]
        check: bool,
        /// Replace the output folder even if annals did not write it (its
        /// files are deleted). Never allows the site's own folders
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// Validate everything and write nothing
    #[command(after_help = examples::CHECK)]
    Check {
        /// How to print problems: compiler-style text, one JSON object per
        /// line, or GitHub workflow annotations
        #[arg(long, default_value = "human", value_parser = ["human", "json", "github"])]
        format: String,
        /// Exit 1 on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Include events marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// The date "in the future" warnings (W303) compare with [default:
        /// the current date in UTC]
        ///
        /// Fixing it makes a CI run give the same answer on any day. Only
        /// `check` reports W303: `build`, `list` and `diff` never read the
        /// clock.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = commands::check::parse_today)]
        today: Option<chrono::NaiveDate>,
    },
    /// Query the timeline, in timeline order
    #[command(after_help = examples::LIST)]
    List {
        /// Only events of this actor (slug, name or alias)
        #[arg(long, value_name = "A")]
        actor: Option<String>,
        /// Only events in this theatre or its sub-theatres
        #[arg(long, value_name = "T")]
        theatre: Option<String>,
        /// Only events with this tag
        #[arg(long, value_name = "X")]
        tag: Option<String>,
        /// Only events of this period (slug or name)
        #[arg(long, value_name = "P")]
        period: Option<String>,
        /// Only events with this status
        #[arg(long, value_parser = PossibleValuesParser::new(commands::statuses()))]
        status: Option<String>,
        /// Only events that reach this date or later (EDTF: 2023, 2023-07,
        /// -0043 for 44 BCE, …)
        #[arg(long, value_name = "D", allow_hyphen_values = true)]
        from: Option<String>,
        /// Only events that start on this date or earlier
        #[arg(long, value_name = "D", allow_hyphen_values = true)]
        to: Option<String>,
        /// Output format
        #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
        format: String,
        /// Include events marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Turn another tool's timeline into event files
    ///
    /// Writes one Markdown file per event into content/events/ (or --into),
    /// never over an existing file without --force. An item that cannot be
    /// imported is reported with its line or JSON pointer; the others are
    /// written. The same input gives the same files every time.
    #[command(after_help = examples::IMPORT)]
    Import {
        /// The file's format
        format: commands::import::Format,
        /// The file to import
        file: std::path::PathBuf,
        /// Where event files go [default: content/events/ of the site]
        #[arg(long, value_name = "DIR")]
        into: Option<std::path::PathBuf>,
        /// Replace event files that exist
        #[arg(long)]
        force: bool,
        /// Print what would be written, write nothing
        #[arg(long)]
        dry_run: bool,
        /// What a TimelineJS `group` becomes
        #[arg(long, value_enum, default_value_t = commands::import::GroupAs::Tag)]
        group_as: commands::import::GroupAs,
    },
    /// Print the JSON Schema of event front matter (draft 2020-12)
    #[command(after_help = examples::SCHEMA)]
    Schema,
    /// Serve the site locally, rebuild it on every save and reload open pages
    ///
    /// Builds into a temporary folder (removed on Ctrl-C), never into public/,
    /// with `base_url`'s host replaced by the local address and its path kept.
    /// A save re-renders only the pages it reaches; one that breaks the build
    /// keeps the last good site served and shows the errors on open pages.
    #[command(after_help = examples::SERVE)]
    Serve {
        /// The port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the site reachable from
        /// other machines
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include events marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Compare the timeline at two git revisions (events added, removed,
    /// re-dated, re-attributed…), as Markdown for a pull request or JSON
    #[command(after_help = examples::DIFF)]
    Diff {
        /// The base revision: a commit, branch or tag (e.g. `origin/main`, `HEAD~1`)
        base: String,
        /// The head revision [default: the working tree at --root]
        head: Option<String>,
        /// Output format
        #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
        format: String,
    },
    /// Create a new site
    #[command(after_help = examples::INIT)]
    Init {
        /// Folder of the new site [default: --root]
        dir: Option<PathBuf>,
        /// Also add a CI workflow: `github` checks and diffs pull requests and
        /// publishes the default branch to GitHub Pages
        #[arg(long, value_parser = ["github"])]
        ci: Option<String>,
    },
    /// Theme authors' tools
    #[command(after_help = examples::THEME)]
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Create a new event file in ROOT/content/events/
    ///
    /// Like every command, `new` works on the site at --root (default: the
    /// current folder) and does not look in parent folders: it refuses, and
    /// creates nothing, when that folder has no `content/`. From inside a
    /// site's `content/events/`, pass `--root ../..`.
    #[command(after_help = examples::NEW)]
    New {
        /// The event's title
        title: String,
        /// Its date (EDTF: 2023-07-12, 2023-07, 2023-07-10/2023-07-14, -0043
        /// for 44 BCE, …)
        #[arg(long, allow_hyphen_values = true)]
        date: String,
        /// An actor (repeatable)
        #[arg(long = "actor", value_name = "A")]
        actors: Vec<String>,
        /// A theatre (repeatable)
        #[arg(long = "theatre", value_name = "T")]
        theatres: Vec<String>,
        /// A tag (repeatable)
        #[arg(long = "tag", value_name = "X")]
        tags: Vec<String>,
        /// How established it is [default: reported]
        #[arg(long, value_parser = PossibleValuesParser::new(commands::statuses()))]
        status: Option<String>,
        /// A source's address, http or https (repeatable)
        #[arg(long = "source", value_name = "URL")]
        sources: Vec<String>,
        /// The event's slug, its URL and file name (lowercase letters, digits
        /// and `-`) [default: from the date and title]
        #[arg(long)]
        slug: Option<String>,
        /// Open the new file in $VISUAL or $EDITOR
        #[arg(long)]
        open: bool,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Print the variables each template receives (all, or one template's
    /// with the globals), generated from the types annals renders with
    #[command(after_help = examples::THEME)]
    Vars {
        /// A template name, such as `event.html`
        template: Option<String>,
    },
}

/// mimalloc: a build allocates and frees millions of small strings across
/// threads (views, paths, rendered pages), and glibc's malloc spent a fifth
/// of a build's cycles on it. See [`return_freed_memory`].
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit` and `purge_delay` (their numbers in the
/// `mi_option_e` of the mimalloc 3 that libmimalloc-sys builds). Arenas are
/// committed as they are used (0), and freed pages go back to the system
/// after 10 ms: with mimalloc's defaults a 10k-event build's peak RSS is 40 %
/// higher than with glibc's malloc. A delay of 0 gave glibc's peak but spent
/// 8 % of a build's cycles in `madvise` and the TLB shootdowns it causes
/// (perf, 10k events); 10 ms costs 6 % more peak RSS and saves about 15 % of
/// the CPU time. They must be set before the first allocation makes an arena,
/// so before Rust's runtime starts: from the ELF constructors (`.init_array`).
extern "C" fn return_freed_memory() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const PURGE_DELAY_MS: std::os::raw::c_long = 10;
    // SAFETY: `mi_option_set` stores a number in mimalloc's table of options,
    // which it reads when it next commits or purges memory; every allocation
    // is valid under either value.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS);
    }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RETURN_FREED_MEMORY: extern "C" fn() = return_freed_memory;

fn main() {
    #[cfg(not(target_os = "linux"))]
    return_freed_memory();
    let cli = Cli::parse();
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let options = |output: Option<PathBuf>, base_url: Option<String>, drafts: bool| Options {
        root: cli.root.clone(),
        output,
        base_url,
        drafts,
        force: false,
        keep_bodies: false,
        today: None,
    };
    let exit = match &cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            check,
            force,
        } => {
            let opts = Options {
                force: *force,
                ..options(output.clone(), base_url.clone(), *drafts)
            };
            if *check {
                commands::build::check(&opts, verbosity)
            } else {
                commands::build::run(&opts, verbosity)
            }
        }
        Command::Check {
            format,
            deny_warnings,
            drafts,
            today,
        } => commands::check::run(
            &options(None, None, *drafts),
            Format::parse(format).unwrap_or(Format::Human),
            *deny_warnings,
            *today,
            verbosity,
        ),
        Command::List {
            actor,
            theatre,
            tag,
            period,
            status,
            from,
            to,
            format,
            drafts,
        } => commands::list::run(
            &options(None, None, *drafts),
            &commands::list::Query {
                actor: actor.clone(),
                theatre: theatre.clone(),
                tag: tag.clone(),
                period: period.clone(),
                status: status.clone(),
                from: from.clone(),
                to: to.clone(),
            },
            match format.as_str() {
                "json" => commands::list::ListFormat::Json,
                "csv" => commands::list::ListFormat::Csv,
                _ => commands::list::ListFormat::Table,
            },
            verbosity,
        ),
        Command::Import {
            format,
            file,
            into,
            force,
            dry_run,
            group_as,
        } => commands::import::run(
            &cli.root,
            &commands::import::Import {
                format: *format,
                file,
                into: into.as_deref(),
                force: *force,
                dry_run: *dry_run,
                group_as: *group_as,
            },
            verbosity,
        ),
        Command::Schema => commands::schema::run(),
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => commands::serve::run(
            &options(None, None, *drafts),
            *port,
            *bind,
            *open,
            verbosity,
        ),
        Command::Theme {
            command: ThemeCommand::Vars { template },
        } => commands::theme::vars(template.as_deref()),
        Command::Diff { base, head, format } => commands::diff::run(
            &commands::diff::DiffOptions {
                root: &cli.root,
                base,
                head: head.as_deref(),
                format: commands::diff::Format::parse(format)
                    .unwrap_or(commands::diff::Format::Markdown),
            },
            verbosity,
        ),
        Command::Init { dir, ci } => commands::init::run(
            dir.as_ref().unwrap_or(&cli.root),
            match ci.as_deref() {
                Some("github") => commands::init::Ci::Github,
                _ => commands::init::Ci::None,
            },
            verbosity,
        ),
        Command::New {
            title,
            date,
            actors,
            theatres,
            tags,
            status,
            sources,
            slug,
            open,
        } => commands::new::run(
            &cli.root,
            &commands::new::NewEvent {
                title,
                date,
                actors,
                theatres,
                tags,
                status: status.as_deref(),
                sources,
                slug: slug.as_deref(),
                open: *open,
            },
            verbosity,
        ),
    };
    std::process::exit(match exit {
        Exit::Success => 0,
        Exit::ContentError => 1,
        Exit::UsageError => 2,
    });
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::{CommandFactory, Parser};

    /// The words of an example's command line, as a shell would pass them
    /// (double quotes; what follows `>` or `|` is the shell's).
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word: Option<String> = None;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    word.get_or_insert_with(String::new);
                }
                c if c.is_whitespace() && !quoted => out.extend(word.take()),
                '>' | '|' if !quoted => break,
                c => word.get_or_insert_with(String::new).push(c),
            }
        }
        out.extend(word);
        out
    }

    /// Every command and subcommand, with the examples of its `--help`.
    fn all(cmd: &clap::Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
        let examples = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("annals"))
            .map(String::from)
            .collect();
        out.push((path.to_string(), examples));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            all(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_example_in_the_help_parses_and_each_command_has_one() {
        let mut commands = Vec::new();
        all(&Cli::command(), "annals", &mut commands);
        assert_eq!(commands.len(), 12, "{commands:?}");
        for (command, examples) in commands {
            assert!(
                examples.iter().any(|e| e.starts_with(&command)),
                "`{command}` has no example of its own: {examples:?}"
            );
            for example in examples {
                if let Err(e) = Cli::try_parse_from(words(&example)) {
                    panic!("`{example}` (in `{command} --help`) does not parse:\n{e}");
                }
            }
        }
    }

    #[test]
    fn words_are_split_as_a_shell_splits_them() {
        assert_eq!(
            words(r#"annals new "A b" --date 2023 > x | y"#),
            ["annals", "new", "A b", "--date", "2023"]
        );
    }
}
