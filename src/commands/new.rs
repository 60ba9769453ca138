//! `annals new "Title" --date D`: a new event file named from its date and title.

use super::Exit;
use crate::date::EventDate;
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
    // The file name starts with the day the event is filed under, without the
    // time; a BCE year keeps its era so `-0043` and `0043` cannot collide.
    let prefix = match date.anchor() {
        Some(p) => {
            let day: String = p
                .html_datetime()
                .chars()
                .take_while(|c| *c != 'T')
                .collect();
            match day.strip_prefix('-') {
                Some(rest) => format!("{rest} bce"),
                None => day,
            }
        }
        None => String::new(),
    };
    let Some(slug) = Slug::from_name(&format!("{prefix} {title}")) else {
        eprintln!("error: cannot make a file name from `{title}`");
        return Exit::UsageError;
    };
    let dir = root.join("content").join("events");
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
