//! `annals list`: the timeline queried from a terminal, in timeline order.

use super::{print_diagnostics, Exit, Verbosity};
use crate::date::EventDate;
use crate::diagnostic::suggest;
use crate::model::{Group, Timeline, TimelineEvent};
use crate::site::{self, Options};
use crate::slug::Slug;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

/// What to keep. Names resolve like names in events (slug, name or alias).
#[derive(Debug, Default)]
pub struct Query {
    pub actor: Option<String>,
    pub theatre: Option<String>,
    pub tag: Option<String>,
    pub period: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Serialize)]
struct Row {
    slug: String,
    date: String,
    date_text: String,
    status: &'static str,
    title: String,
    actors: Vec<String>,
    theatres: Vec<String>,
    tags: Vec<String>,
    periods: Vec<String>,
    file: String,
}

/// A usage error: a name or date on the command line that means nothing here.
fn usage(message: String) -> Exit {
    eprintln!("error: {message}");
    Exit::UsageError
}

/// The group a name on the command line means, by slug, name or alias.
fn find<'a>(groups: &'a BTreeMap<Slug, Group>, name: &str, what: &str) -> Result<&'a Group, Exit> {
    let wanted = name.trim().to_lowercase();
    let by_slug = Slug::from_name(name).and_then(|s| groups.get(&s));
    let found = by_slug.or_else(|| {
        groups.values().find(|g| {
            g.entity.name.to_lowercase() == wanted
                || g.entity.aliases.iter().any(|a| a.to_lowercase() == wanted)
        })
    });
    found.ok_or_else(|| {
        let names: Vec<&str> = groups
            .values()
            .flat_map(|g| {
                std::iter::once(g.entity.name.as_str())
                    .chain(g.entity.aliases.iter().map(String::as_str))
            })
            .collect();
        let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        let hint = suggest(name, &lower_refs)
            .and_then(|l| lower.iter().position(|x| x == l))
            .map(|i| format!("; did you mean `{}`?", names[i]))
            .unwrap_or_default();
        usage(format!("no {what} is called `{name}`{hint}"))
    })
}

fn date_bound(text: &str, tz: chrono_tz::Tz, flag: &str) -> Result<EventDate, Exit> {
    EventDate::parse(text, tz).map_err(|e| usage(format!("`--{flag} {text}`: {}", e.message)))
}

pub fn run(opts: &Options, query: &Query, format: ListFormat, verbosity: Verbosity) -> Exit {
    let site::Loaded {
        site, diagnostics, ..
    } = site::load(opts);
    let Some(site) = site else {
        print_diagnostics(&diagnostics, verbosity);
        return super::exit_for(&diagnostics);
    };
    let t = &site.timeline;
    let tz = site.config.timezone;
    let mut keep: Vec<bool> = vec![true; t.events.len()];
    let mut restrict = |events: &[usize]| {
        let mut allowed = vec![false; keep.len()];
        for &i in events {
            allowed[i] = true;
        }
        for (k, a) in keep.iter_mut().zip(allowed) {
            *k &= a;
        }
    };
    if let Some(a) = &query.actor {
        match find(&t.actors, a, "actor") {
            Ok(g) => restrict(&g.events),
            Err(exit) => return exit,
        }
    }
    if let Some(th) = &query.theatre {
        match find(&t.theatres, th, "theatre") {
            Ok(g) => restrict(&g.events),
            Err(exit) => return exit,
        }
    }
    if let Some(tag) = &query.tag {
        match Slug::from_name(tag).and_then(|s| t.tags.get(&s)) {
            Some(tg) => restrict(&tg.events),
            None => return usage(format!("no event is tagged `{tag}`")),
        }
    }
    if let Some(p) = &query.period {
        match t.periods.find(p) {
            Some(period) => restrict(&period.events),
            None => {
                let slugs: Vec<&str> = t.periods.by_slug.keys().map(Slug::as_str).collect();
                let hint = suggest(p, &slugs)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return usage(format!("no period is called `{p}`{hint}"));
            }
        }
    }
    let status = match query.status.as_deref().map(super::parse_status) {
        None => None,
        Some(Ok(st)) => Some(st),
        Some(Err(hint)) => {
            return usage(format!(
                "unknown status `{}`; {hint}",
                query.status.as_deref().unwrap_or_default()
            ))
        }
    };
    // An event is kept when its span overlaps [from, to]; open ends reach forever.
    let from = match query.from.as_deref().map(|f| date_bound(f, tz, "from")) {
        Some(Err(exit)) => return exit,
        Some(Ok(d)) => d.earliest_utc(),
        None => None,
    };
    let to = match query.to.as_deref().map(|f| date_bound(f, tz, "to")) {
        Some(Err(exit)) => return exit,
        Some(Ok(d)) => d.latest_utc(),
        None => None,
    };
    if let (Some(f), Some(x)) = (from, to) {
        if f > x {
            return usage("`--from` is after `--to`: nothing can match".into());
        }
    }
    let rows: Vec<Row> = t
        .events
        .iter()
        .enumerate()
        .filter(|(i, te)| {
            let d = &te.event.date;
            keep[*i]
                && status.is_none_or(|s| te.event.status == s)
                && from.is_none_or(|f| d.latest_utc().is_none_or(|l| l >= f))
                && to.is_none_or(|x| d.earliest_utc().is_none_or(|e| e <= x))
        })
        .map(|(_, te)| row(t, te, &site.config.lang))
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        // serde_json hands back the writer's own error, so a closed pipe
        // stays a closed pipe.
        ListFormat::Json => serde_json::to_writer_pretty(&mut out, &rows)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        ListFormat::Csv => write_csv(&mut out, &rows),
        ListFormat::Table => write_table(&mut out, &rows),
    };
    super::answered(written.and_then(|()| out.flush()), Exit::Success)
}

fn row(t: &Timeline, te: &TimelineEvent, lang: &crate::date::Lang) -> Row {
    let names = |groups: &BTreeMap<Slug, Group>, slugs: &[Slug]| -> Vec<String> {
        slugs
            .iter()
            .map(|s| {
                groups
                    .get(s)
                    .map(|g| g.entity.name.clone())
                    .unwrap_or_else(|| s.to_string())
            })
            .collect()
    };
    let e = &te.event;
    Row {
        slug: e.slug.to_string(),
        date: e.date.iso(),
        date_text: e.date.display(lang).text(),
        status: e.status.as_str(),
        title: e.title.clone(),
        actors: names(&t.actors, &te.actors),
        theatres: names(&t.theatres, &te.theatres),
        tags: te
            .tags
            .iter()
            .map(|s| {
                t.tags
                    .get(s)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| s.to_string())
            })
            .collect(),
        periods: te
            .periods
            .iter()
            .map(|s| {
                t.periods
                    .by_slug
                    .get(s)
                    .map_or_else(|| s.to_string(), |p| p.name.clone())
            })
            .collect(),
        file: crate::diagnostic::display_path(&e.file),
    }
}

fn write_csv(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    write_csv_records(out, rows).map_err(|e| match e.into_kind() {
        // The writer's own error, so that a closed pipe stays one.
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    })
}

fn write_csv_records(out: &mut impl Write, rows: &[Row]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "slug",
        "date",
        "date_text",
        "status",
        "title",
        "actors",
        "theatres",
        "tags",
        "periods",
        "file",
    ])?;
    for r in rows {
        w.write_record([
            r.slug.as_str(),
            &r.date,
            &r.date_text,
            r.status,
            &r.title,
            &r.actors.join("; "),
            &r.theatres.join("; "),
            &r.tags.join("; "),
            &r.periods.join("; "),
            &r.file,
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn write_table(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    let width = |f: &dyn Fn(&Row) -> usize, head: &str| {
        rows.iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .max(head.chars().count())
    };
    let dw = width(&|r| r.date_text.chars().count(), "DATE");
    let sw = width(&|r| r.status.len(), "STATUS");
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    writeln!(out, "{}  {}  TITLE", pad("DATE", dw), pad("STATUS", sw))?;
    for r in rows {
        let who = if r.actors.is_empty() {
            String::new()
        } else {
            format!("  [{}]", r.actors.join(", "))
        };
        writeln!(
            out,
            "{}  {}  {}{who}",
            pad(&r.date_text, dw),
            pad(r.status, sw),
            r.title
        )?;
    }
    writeln!(
        out,
        "{} event{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
