//! `annals new "Title" --date D`: a new event file named from its date and title.

use super::{Exit, Verbosity};
use crate::date::{self, EventDate};
use crate::load;
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
}

pub struct NewEvent<'a> {
    pub title: &'a str,
    pub date: &'a str,
    pub actors: &'a [String],
    pub theatres: &'a [String],
    pub tags: &'a [String],
}

pub fn run(root: &Path, ev: &NewEvent) -> Exit {
    let title = ev.title.trim();
    if title.is_empty() || title.contains('\n') {
        eprintln!("error: the title must be one non-empty line");
        return Exit::UsageError;
    }
    let date = match EventDate::parse(ev.date, chrono_tz::UTC) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: invalid date `{}`: {}", ev.date, e.message);
            if let Some(h) = e.hint {
                eprintln!("  = hint: {h}");
            }
            return Exit::UsageError;
        }
    };
    let Some(slug) = Slug::from_name(&format!("{} {title}", file_prefix(&date))) else {
        eprintln!("error: cannot make a file name from `{title}`");
        return Exit::UsageError;
    };
    // The site is found as every command finds it (`--root`, no search
    // upwards), so `new` never makes a `content/` of its own in a folder that
    // is not a site, such as `content/events/` itself.
    let content = match load::content_dir(root) {
        Ok(c) => c,
        Err(d) => {
            super::print_diagnostics_only(&[d], Verbosity::Normal);
            return Exit::UsageError;
        }
    };
    let dir = content.join("events");
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        eprintln!(
            "error: `{}` already exists; nothing was changed",
            path.display()
        );
        return Exit::UsageError;
    }
    let fm = FrontMatter {
        title,
        date: ev.date,
        actors: ev.actors,
        theatres: ev.theatres,
        tags: ev.tags,
        status: "reported",
    };
    let yaml = match yaml::to_string(&fm) {
        Ok(y) => y,
        Err(e) => {
            eprintln!("error: {}", e.message);
            return Exit::ContentError;
        }
    };
    let text = format!("---\n{yaml}# sources:\n#   - publisher: Who reported it\n#     date: {}\n#     url: https://…\n---\nWhat happened, in your own words. Cite each claim under `sources`.\n", ev.date);
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, text)) {
        eprintln!("error: cannot write `{}`: {e}", path.display());
        return Exit::ContentError;
    }
    println!("{}", path.display());
    Exit::Success
}

/// The start of the file name: the day the event is filed under, without the
/// time. Years before 1 are counted as `display` counts them (`-0043` is
/// `44 bce`, `0000` is `1 bce`), which also keeps `-0043` apart from `0043`.
fn file_prefix(date: &EventDate) -> String {
    let Some(p) = date.anchor() else {
        return String::new();
    };
    let day: String = p.reduced_iso().chars().take_while(|c| *c != 'T').collect();
    if p.year() > 0 {
        return day;
    }
    // `-0043-03-15`: what follows the year is the month and day.
    let month_day = day
        .trim_start_matches('-')
        .split_once('-')
        .map_or("", |(_, rest)| rest);
    format!("{} bce {month_day}", date::year_number(p.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(text: &str) -> String {
        file_prefix(&EventDate::parse(text, chrono_tz::UTC).expect("valid"))
    }

    #[test]
    fn bce_years_are_named_as_they_are_displayed() {
        assert_eq!(prefix("-0043"), "44 bce ");
        assert_eq!(prefix("-0043-03-15"), "44 bce 03-15");
        assert_eq!(prefix("0000"), "1 bce ");
        assert_eq!(prefix("0001"), "0001");
        assert_eq!(prefix("2023-07-12T22:30"), "2023-07-12");
        assert_eq!(prefix("../-0043"), "44 bce ");
    }
}
