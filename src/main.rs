//! The `annals` binary: parses arguments and calls the library.

use annals::commands::{self, Exit, Verbosity};
use annals::report::Format;
use annals::site::Options;
use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Markdown event files in, a static timeline website out"
)]
struct Cli {
    /// The site's folder
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Print only errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more detail
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder
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
        /// folder is not what the build would write
        #[arg(long)]
        check: bool,
        /// Replace the output folder even if annals did not write it (its
        /// files are deleted). Never allows the site's own folders
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// Validate everything and write nothing
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
    /// Print the JSON Schema of event front matter (draft 2020-12)
    Schema,
    /// Compare the timeline at two git revisions (events added, removed,
    /// re-dated, re-attributed…), as Markdown for a pull request or JSON
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
    Init {
        /// Folder of the new site [default: --root]
        dir: Option<PathBuf>,
        /// Also add a CI workflow: `github` checks and diffs pull requests and
        /// publishes the default branch to GitHub Pages
        #[arg(long, value_parser = ["github"])]
        ci: Option<String>,
    },
    /// Theme authors' tools
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
    Vars {
        /// A template name, such as `event.html`
        template: Option<String>,
    },
}

fn main() {
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
        Command::Schema => commands::schema::run(),
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
