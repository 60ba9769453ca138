//! `annals new "Title" --date D`: a new event file named from its date and title.

use super::{Exit, Verbosity};
use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use crate::load;
use crate::parse::event::Status;
use crate::parse::nested::is_http_url;
use crate::slug::Slug;
use crate::yaml;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    date: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    actors: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    theatres: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    status: &'a str,
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source<'a>],
}

#[derive(Serialize)]
struct Source<'a> {
    url: &'a str,
}

/// What `annals new` is asked to write.
#[derive(Debug, Default)]
pub struct NewEvent<'a> {
    pub title: &'a str,
    pub date: &'a str,
    pub actors: &'a [String],
    pub theatres: &'a [String],
    pub tags: &'a [String],
    /// One of [`super::statuses`]; `None` writes the default, `reported`.
    pub status: Option<&'a str>,
    /// Source URLs (http or https), one `sources:` entry each.
    pub sources: &'a [String],
    /// The event's slug, which is also its file name; `None`: from the date
    /// and title.
    pub slug: Option<&'a str>,
    /// Open the new file in `$VISUAL` or `$EDITOR`.
    pub open: bool,
}

pub fn run(root: &Path, ev: &NewEvent, verbosity: Verbosity) -> Exit {
    match create(root, ev, verbosity) {
        Ok(exit) => exit,
        Err(d) => {
            let exit = super::exit_for(std::slice::from_ref(&d));
            super::print_diagnostics_only(&[d], Verbosity::Quiet);
            exit
        }
    }
}

fn usage(message: String, hint: Option<String>) -> Diagnostic {
    let d = Diagnostic::error(Code::Usage, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Checks every value as the parser will read it, then writes the file: a
/// file `new` writes passes `annals check`, and a value it refuses is
/// refused before anything is written.
fn create(root: &Path, ev: &NewEvent, verbosity: Verbosity) -> Result<Exit, Diagnostic> {
    let title = ev.title.trim();
    if title.is_empty() || title.contains('\n') {
        return Err(usage("the title must be one non-empty line".into(), None));
    }
    let date = EventDate::parse(ev.date, chrono_tz::UTC)
        .map_err(|e| usage(format!("invalid date `{}`: {}", ev.date, e.message), e.hint))?;
    let status = match ev.status {
        None => Status::Reported,
        Some(s) => super::parse_status(s)
            .map_err(|hint| usage(format!("unknown status `{s}`"), Some(hint)))?,
    };
    if let Some(bad) = ev.sources.iter().find(|u| !is_http_url(u)) {
        return Err(usage(
            format!("`--source` must be an http or https URL, not `{bad}`"),
            Some("a source known only by its publisher is written by hand under `sources:`, as `publisher:` and `date:`".into()),
        ));
    }
    let slug = match ev.slug {
        Some(given) => given_slug(given)?,
        None => Slug::for_event(&date, title).ok_or_else(|| {
            usage(
                format!("cannot make a file name from `{title}`"),
                Some("give one with `--slug`".into()),
            )
        })?,
    };
    let editor = match ev.open {
        true => Some(editor()?),
        false => None,
    };
    // The site is found as every command finds it (`--root`, no search
    // upwards), so `new` never makes a `content/` of its own in a folder that
    // is not a site, such as `content/events/` itself.
    let content = load::content_dir(root)?;
    let path = content.join("events").join(format!("{slug}.md"));
    if path.exists() {
        return Err(usage(
            format!("`{}` already exists; nothing was changed", path.display()),
            Some("choose another title, or a slug with `--slug`".into()),
        ));
    }
    if let Some(file) = taken(root, &slug) {
        return Err(usage(
            format!(
                "the event in `{}` already has the slug `{slug}`; nothing was changed",
                crate::diagnostic::display_path(&file)
            ),
            Some(
                "two events cannot share a slug (it is their URL): choose another with `--slug`"
                    .into(),
            ),
        ));
    }
    let sources: Vec<Source> = ev.sources.iter().map(|url| Source { url }).collect();
    let fm = FrontMatter {
        title,
        date: ev.date,
        actors: ev.actors,
        theatres: ev.theatres,
        tags: ev.tags,
        status: status.as_str(),
        sources: &sources,
    };
    let yaml = yaml::to_string(&fm).map_err(|e| Diagnostic::error(Code::Io, e.message))?;
    let sources_help = if sources.is_empty() {
        format!(
            "# sources:\n#   - url: https://…\n#     publisher: Who reported it\n#     date: {}\n",
            ev.date
        )
    } else {
        String::new()
    };
    let text = format!("---\n{yaml}{sources_help}---\nWhat happened, in your own words. Cite each claim under `sources`.\n");
    super::create_file(&path, &text)?;
    let exit = super::print_answer(&format!("{}\n", path.display()), Exit::Success);
    if sources.is_empty() && verbosity > Verbosity::Quiet {
        eprintln!("note: the event has no source yet, and `annals check` says so (W301) until it has one: add it under `sources:`, or pass `--source URL`");
    }
    match editor {
        Some(editor) => open(&editor, &path).map(|()| exit),
        None => Ok(exit),
    }
}

/// `--slug` as the parser would read it: already a slug, since a slug that
/// the parser would change is not the URL the user asked for.
fn given_slug(given: &str) -> Result<Slug, Diagnostic> {
    match Slug::from_name(given) {
        Some(slug) if slug.as_str() == given => Ok(slug),
        Some(slug) => Err(usage(
            format!("`{given}` is not a slug: slugs are lowercase letters a to z, digits and `-`, at most {} characters", crate::slug::MAX_LEN),
            Some(format!("write `--slug {slug}`")),
        )),
        None => Err(usage(
            format!("`{given}` is not a slug: it has no letters or digits"),
            None,
        )),
    }
}

/// The file of the event that already has `slug` (in a sub-folder, or by its
/// `slug:` key), if the site loads; a site with errors is left to `check`.
fn taken(root: &Path, slug: &Slug) -> Option<std::path::PathBuf> {
    let loaded = crate::site::load(&crate::site::Options {
        root: root.to_path_buf(),
        drafts: true,
        ..Default::default()
    });
    loaded
        .site?
        .timeline
        .events
        .into_iter()
        .find(|te| &te.event.slug == slug)
        .map(|te| te.event.file)
}

/// The editor to open the new file with: `$VISUAL`, else `$EDITOR`, as a
/// program and its arguments (`code --wait`).
fn editor() -> Result<Vec<String>, Diagnostic> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| {
            v.to_string_lossy()
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .find(|words| !words.is_empty())
        .ok_or_else(|| {
            usage(
                "`--open` needs an editor, and neither `VISUAL` nor `EDITOR` is set; nothing was written".into(),
                Some("set one, such as `EDITOR=nano`, or leave out `--open`".into()),
            )
        })
}

fn open(editor: &[String], path: &Path) -> Result<(), Diagnostic> {
    let Some((program, args)) = editor.split_first() else {
        return Ok(());
    };
    let status = std::process::Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| {
            Diagnostic::error(
                Code::Io,
                format!(
                    "cannot start the editor `{}`: {}; the event is at `{}`",
                    editor.join(" "),
                    crate::io_error::reason(&e, Path::new(program)),
                    path.display()
                ),
            )
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::Io,
            format!(
                "the editor `{}` failed ({status}); the event is at `{}`",
                editor.join(" "),
                path.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(text: &str) -> String {
        crate::slug::file_prefix(&EventDate::parse(text, chrono_tz::UTC).expect("valid"))
    }

    #[test]
    fn bce_years_are_named_as_they_are_displayed() {
        assert_eq!(prefix("-0043"), "44 bce ");
        assert_eq!(prefix("-0043-03-15"), "44 bce 03-15");
        assert_eq!(prefix("0000"), "1 bce ");
        assert_eq!(prefix("0001"), "0001");
        assert_eq!(prefix("2023-07-12T22:30"), "2023-07-12");
        assert_eq!(prefix("../-0043"), "44 bce ");
        // long years too, in digits only: no grouping, no "years ago"
        assert_eq!(prefix("Y-13800000000"), "13800000001 bce ");
        assert_eq!(prefix("Y-10000"), "10001 bce ");
    }

    #[test]
    fn long_years_after_year_1_are_named_by_their_digits() {
        assert_eq!(prefix("Y170000002"), "170000002");
    }

    #[test]
    fn unspecified_digits_and_seasons_are_named_by_what_is_known() {
        // the start of the span would claim a year no one gave
        assert_eq!(prefix("XXXX"), "");
        assert_eq!(prefix("16XX"), "16xx");
        assert_eq!(prefix("202X~"), "202x");
        assert_eq!(prefix("-01XX"), "200 bce ");
        // a season files under its year and season code
        assert_eq!(prefix("2001-24"), "2001-24");
    }
}
