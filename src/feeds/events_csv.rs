//! `events.csv`: the records of `events.json`, one row per event in timeline
//! order, for spreadsheets. Lists are joined with `; ` (names may contain
//! that too: `events.json` keeps them apart); sources are flattened to text
//! and addresses; the body is the Markdown as written (a quoted cell that may
//! span lines). Columns are in [`HEADER`] and documented in `docs/exports.md`.
//!
//! A free-text cell (title, names, sources, summary, body) that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front:
//! spreadsheets take such a cell as a formula, and a contributor's title
//! must not run one on a reader's machine (OWASP's "CSV injection"). The date
//! columns are left as they are: there `-0043` is a year, made by annals.

use super::events_json::{Named, Record};

pub(super) const HEADER: [&str; 23] = [
    "slug",
    "url",
    "title",
    "date",
    "date_text",
    "start",
    "end",
    "precision",
    "uncertain",
    "approximate",
    "status",
    "actors",
    "actor_slugs",
    "theatres",
    "theatre_slugs",
    "tags",
    "tag_slugs",
    "periods",
    "period_slugs",
    "sources",
    "source_urls",
    "summary",
    "body",
];

/// The header row, which `super::exports` follows with a row per event.
pub(super) fn head() -> Vec<u8> {
    rows(std::iter::once(HEADER.map(String::from)))
}

pub(super) fn fields(r: &Record) -> [String; 23] {
    let names = |v: &[Named]| inert(join(v.iter().map(|n| n.name)));
    let slugs = |v: &[Named]| join(v.iter().map(|n| n.slug));
    let yes_no = |b: bool| if b { "true" } else { "false" }.to_string();
    [
        r.slug.to_string(),
        r.url.clone(),
        inert(r.title.to_string()),
        r.date.clone(),
        r.date_text.clone(),
        r.start.clone().unwrap_or_default(),
        r.end.clone().unwrap_or_default(),
        r.precision.to_string(),
        yes_no(r.uncertain),
        yes_no(r.approximate),
        r.status.to_string(),
        names(&r.actors),
        slugs(&r.actors),
        names(&r.theatres),
        slugs(&r.theatres),
        names(&r.tags),
        slugs(&r.tags),
        names(&r.periods),
        slugs(&r.periods),
        // "Publisher, Title, 2023-07-13" for each source.
        inert(join(r.sources.iter().map(|s| {
            [s.publisher, s.title, s.date.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        }))),
        // The address of each source that has one (its archive otherwise).
        join(r.sources.iter().filter_map(|s| s.url.or(s.archive))),
        inert(r.summary.to_string()),
        inert(r.body.to_string()),
    ]
}

/// `cell`, with a `'` in front when a spreadsheet would take it as a formula.
fn inert(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

fn join<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let mut out = String::new();
    for (n, s) in items.enumerate() {
        if n > 0 {
            out.push_str("; ");
        }
        out.push_str(s.as_ref());
    }
    out
}

/// CSV records with the `csv` crate's quoting (RFC 4180: quotes where
/// needed, `"` doubled), each ending in `\n`.
pub(super) fn rows(records: impl Iterator<Item = [String; 23]>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in records {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}
