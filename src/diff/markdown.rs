//! A [`Diff`] as GitHub-flavoured Markdown, to read well as a pull-request comment:
//! a heading, the summary line, then one section per kind of change, each event
//! a bullet with its date, title and slug and its changes as nested bullets.

use super::summary::NO_CHANGES;
use super::{
    words, AddedRemoved, Changed, Diff, EntityInfo, EventInfo, FieldChange, Named, NotCompared,
    Position, Renamed, Revision, SourceInfo, TextChange,
};
use crate::diagnostic::plural;
use crate::parse::nested::is_http_url;
use serde_json::Value;

/// Sections with more items than this fold into `<details>`.
const FOLD: usize = 20;

use crate::escape::markdown::{code, em, link_destination, strong, text as escape};

/// `12 July 2023: **Title** (`slug`)`, marked when a draft.
fn heading(date_text: &str, title: &str, slug: &str, draft: bool) -> String {
    format!(
        "{}: {} ({}){}",
        escape(date_text),
        strong(title),
        code(slug),
        if draft { " · *draft*" } else { "" }
    )
}

fn names(list: &[Named]) -> String {
    list.iter()
        .map(|n| escape(&n.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn source(s: &SourceInfo) -> String {
    let label = s
        .title
        .as_deref()
        .or(s.publisher.as_deref())
        .or(s.url.as_deref())
        .unwrap_or("untitled source");
    let mut out = match s.url.as_deref() {
        Some(url) if is_http_url(url) => {
            format!("[{}](<{}>)", escape(label), link_destination(url))
        }
        _ => escape(label),
    };
    if let (Some(_), Some(publisher)) = (&s.title, &s.publisher) {
        out.push_str(&format!(", {}", escape(publisher)));
    }
    out
}

fn revision(r: &Revision) -> String {
    match (&r.rev, &r.commit) {
        (Some(rev), Some(commit)) => {
            let short: String = commit.chars().take(7).collect();
            format!("{} ({})", code(rev), code(&short))
        }
        _ => "the working tree".to_string(),
    }
}

pub(crate) fn render(d: &Diff) -> String {
    let notes = errors_note("BASE", &d.base, "NOTE") + &errors_note("HEAD", &d.head, "WARNING");
    if d.is_empty() && notes.is_empty() {
        return format!("{NO_CHANGES}\n");
    }
    let mut out = format!("## Timeline changes\n\n{notes}{}\n", escape(&d.summary));
    section(
        &mut out,
        "Added",
        "events",
        d.added.iter().map(added).collect(),
    );
    section(
        &mut out,
        "Removed",
        "events",
        d.removed
            .iter()
            .map(|e| format!("- {}\n", heading(&e.date_text, &e.title, &e.slug, e.draft)))
            .collect(),
    );
    section(
        &mut out,
        "Renamed",
        "events",
        d.renamed.iter().map(renamed).collect(),
    );
    section(
        &mut out,
        "Changed",
        "events",
        d.changed.iter().map(changed).collect(),
    );
    section(
        &mut out,
        "Not compared",
        "events",
        d.not_compared.iter().map(not_compared).collect(),
    );
    let mut entities = Vec::new();
    for (what, list, verb) in [
        ("actor", &d.actors.added, "added"),
        ("actor", &d.actors.removed, "removed"),
        ("theatre", &d.theatres.added, "added"),
        ("theatre", &d.theatres.removed, "removed"),
    ] {
        entities.extend(list.iter().map(|e| entity(what, verb, e)));
    }
    for (what, list) in [
        ("actor", &d.actors.renamed),
        ("theatre", &d.theatres.renamed),
    ] {
        entities.extend(list.iter().map(|r| {
            format!(
                "- {what} renamed: {} → {} ({})\n",
                escape(&r.from),
                strong(&r.to),
                code(&r.slug)
            )
        }));
    }
    for (what, list) in [
        ("actor", &d.actors.changed),
        ("theatre", &d.theatres.changed),
    ] {
        entities.extend(list.iter().map(|c| {
            format!(
                "- {what} changed: {} ({}): {}\n",
                strong(&c.name),
                code(&c.slug),
                fields(&c.fields)
            )
        }));
    }
    section(&mut out, "Actors and theatres", "changes", entities);
    section(&mut out, "Periods", "changes", periods(&d.periods));
    out.push_str(&format!(
        "\n*Compared {} with {}.*\n",
        revision(&d.base),
        revision(&d.head)
    ));
    out
}

fn section(out: &mut String, title: &str, noun: &str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {title}\n\n"));
    let fold = items.len() > FOLD;
    if fold {
        out.push_str(&format!(
            "<details><summary>{}</summary>\n\n",
            plural(items.len(), &noun[..noun.len() - 1], noun)
        ));
    }
    for item in items {
        out.push_str(&item);
    }
    if fold {
        out.push_str("\n</details>\n");
    }
}

fn added(e: &EventInfo) -> String {
    let mut facts = vec![e.status.clone()];
    if !e.actors.is_empty() {
        facts.push(format!("actors: {}", names(&e.actors)));
    }
    if !e.theatres.is_empty() {
        facts.push(format!("theatres: {}", names(&e.theatres)));
    }
    if !e.tags.is_empty() {
        facts.push(format!("tags: {}", names(&e.tags)));
    }
    facts.push(if e.sources.is_empty() {
        "no sources".to_string()
    } else {
        plural(e.sources.len(), "source", "sources")
    });
    format!(
        "- {}\n  - {}\n",
        heading(&e.date_text, &e.title, &e.slug, e.draft),
        facts.join(" · ")
    )
}

fn renamed(r: &Renamed) -> String {
    let mut what = Vec::new();
    if r.from.slug != r.to.slug {
        what.push(format!(
            "slug {} → {}",
            code(&r.from.slug),
            code(&r.to.slug)
        ));
    }
    if r.from.file != r.to.file {
        what.push(format!(
            "file {} → {}",
            code(&r.from.file),
            code(&r.to.file)
        ));
    }
    format!(
        "- {}: {}{}: {}\n",
        escape(&r.date_text),
        strong(&r.title),
        if r.draft { " · *draft*" } else { "" },
        what.join(", ")
    )
}

fn added_removed<T>(label: &str, ar: &AddedRemoved<T>, show: impl Fn(&T) -> String) -> String {
    let mut parts = Vec::new();
    for (verb, list) in [("added", &ar.added), ("removed", &ar.removed)] {
        if !list.is_empty() {
            let shown: Vec<String> = list.iter().map(&show).collect();
            parts.push(format!("{verb} {}", shown.join(", ")));
        }
    }
    format!("{label}: {}", parts.join("; "))
}

fn text_change(label: &str, t: &TextChange) -> String {
    if t.excerpt.is_empty() {
        return format!("{label}: spacing or line breaks only");
    }
    let (a, r) = (t.words_added, t.words_removed);
    let counts = match (a, r) {
        (a, 0) => format!("+{}", plural(a, "word", "words")),
        (0, r) => format!("−{}", plural(r, "word", "words")),
        (a, r) => format!("+{a} −{r} words"),
    };
    format!("{label} ({counts}): {}", t.excerpt)
}

fn position(p: &Position) -> String {
    let title = |r: &Option<super::EventRef>| r.as_ref().map(|r| em(&r.title)).unwrap_or_default();
    match (p.direction, &p.after, &p.before) {
        ("later", Some(_), None) => format!("moves later, now last, after {}", title(&p.after)),
        ("later", Some(_), _) => format!("moves later, now after {}", title(&p.after)),
        ("earlier", None, Some(_)) => {
            format!("moves earlier, now first, before {}", title(&p.before))
        }
        ("earlier", _, Some(_)) => format!("moves earlier, now before {}", title(&p.before)),
        (_, Some(_), Some(_)) => format!(
            "moves, now between {} and {}",
            title(&p.after),
            title(&p.before)
        ),
        _ => "moves".to_string(),
    }
}

fn changed(c: &Changed) -> String {
    let ch = &c.changes;
    let mut lines = Vec::new();
    if let Some(s) = &ch.status {
        lines.push(format!("**status: {} → {}**", s.from, s.to));
    }
    if let Some(d) = &ch.draft {
        lines.push(
            if d.to {
                "now a draft"
            } else {
                "published: no longer a draft"
            }
            .into(),
        );
    }
    if let Some(t) = &ch.title {
        lines.push(format!("title: {} → {}", em(&t.from), em(&t.to)));
    }
    match (&ch.date, &ch.position) {
        (Some(d), p) => {
            let mut line = format!("date: {} → {}", escape(&d.from_text), escape(&d.to_text));
            if d.from_text == d.to_text {
                line = format!("date: {} → {}", code(&d.from), code(&d.to));
            }
            match p {
                Some(p) => line.push_str(&format!("; {}", position(p))),
                None => line.push_str("; same place in the timeline"),
            }
            lines.push(line);
        }
        (None, Some(p)) => lines.push(format!("position: {}", position(p))),
        (None, None) => {}
    }
    if let Some(a) = &ch.actors {
        lines.push(added_removed("actors", a, |n| escape(&n.name)));
    }
    if let Some(a) = &ch.theatres {
        lines.push(added_removed("theatres", a, |n| escape(&n.name)));
    }
    if let Some(a) = &ch.tags {
        lines.push(added_removed("tags", a, |n| escape(&n.name)));
    }
    if let Some(s) = &ch.sources {
        if !s.added.is_empty() || !s.removed.is_empty() {
            let ar = AddedRemoved {
                added: s.added.clone(),
                removed: s.removed.clone(),
            };
            lines.push(added_removed("sources", &ar, source));
        }
        for c in &s.changed {
            lines.push(format!(
                "sources: {}: {}",
                source(&c.source),
                fields(&c.fields)
            ));
        }
    }
    if let Some(t) = &ch.summary {
        lines.push(text_change("summary", t));
    }
    if let Some(t) = &ch.body {
        lines.push(text_change("body", t));
    }
    for (label, list) in [("image", &ch.image), ("location", &ch.location)] {
        if let Some(list) = list {
            lines.push(format!("{label}: {}", fields(list)));
        }
    }
    if let Some(r) = &ch.related {
        lines.push(added_removed("related", r, |e| em(&e.title)));
    }
    if let Some(w) = &ch.weight {
        lines.push(format!("weight: {} → {}", w.from, w.to));
    }
    if let Some(list) = &ch.extra {
        lines.push(format!("extra: {}", fields(list)));
    }
    // What changed without a detail to show: the order of `related`, say.
    let detailed = [
        ("image", ch.image.is_some()),
        ("location", ch.location.is_some()),
        ("related", ch.related.is_some()),
        ("weight", ch.weight.is_some()),
        ("extra", ch.extra.is_some()),
    ];
    for name in &ch.other {
        if !detailed.iter().any(|(n, shown)| n == name && *shown) {
            lines.push(match *name {
                "related" => "related: the same events, in another order".to_string(),
                name => format!("{name}: changed"),
            });
        }
    }
    let mut out = format!("- {}\n", heading(&c.date_text, &c.title, &c.slug, c.draft));
    for line in lines {
        out.push_str(&format!("  - {line}\n"));
    }
    out
}

/// Errors shown at most in a note; `annals check` lists them all.
const NOTE_ERRORS: usize = 10;

/// A side's errors as an alert at the top (GitHub shows `> [!NOTE]` and
/// `> [!WARNING]` as coloured boxes; elsewhere they are quotes), or nothing.
fn errors_note(which: &str, r: &Revision, alert: &str) -> String {
    let n = r.errors.len();
    if n == 0 {
        return String::new();
    }
    let place = match &r.commit {
        Some(_) => format!("at {which} {}", revision(r)),
        None => "in the working tree".to_string(),
    };
    let errors = plural(n, "error", "errors");
    let mut out = format!("> [!{alert}]\n> The timeline {place} has {errors}");
    if which == "HEAD" {
        out.push_str(", to fix before merging (`annals check` lists them)");
    }
    out.push_str(
        ". What parses is compared; the events of a file that does not parse are not.\n>\n",
    );
    for e in r.errors.iter().take(NOTE_ERRORS) {
        let location = match (&e.file, &e.span) {
            (Some(f), Some(s)) => {
                let at = format!("{}:{}:{}", super::path(f), s.line, s.column);
                format!("{} ", code(&at))
            }
            (Some(f), None) => format!("{} ", code(&super::path(f))),
            _ => String::new(),
        };
        out.push_str(&format!(
            "> - {location}{}: {}\n",
            escape(&format!("error[{}]", e.code.as_str())),
            message(&e.message)
        ));
    }
    if n > NOTE_ERRORS {
        out.push_str(&format!("> - … and {} more\n", n - NOTE_ERRORS));
    }
    out.push('\n');
    out
}

/// A diagnostic's message, whose `quoted` values become code spans: the rest
/// is text. With an odd number of backticks, all of it is text.
fn message(m: &str) -> String {
    let parts: Vec<&str> = m.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escape(m);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { code(p) } else { escape(p) })
        .collect()
}

fn not_compared(n: &NotCompared) -> String {
    let e = &n.event;
    format!(
        "- {}: {} does not parse at {}\n",
        heading(&e.date_text, &e.title, &e.slug, e.draft),
        code(&n.file),
        n.unparsed_at.to_ascii_uppercase()
    )
}

/// Strings longer than this show as a word-level excerpt of their change.
const LONG_VALUE: usize = 80;

/// Fields whose values are prose, shown in italics; the others (URLs, dates,
/// paths, slugs, numbers) are shown in code spans. A value of `extra` is prose
/// when it has spaces.
const PROSE: &[&str] = &[
    "title",
    "publisher",
    "quote",
    "alt",
    "caption",
    "credit",
    "name",
    "location.name",
    "affiliation",
    "description",
];

fn value(field: &str, v: &Value) -> String {
    match v {
        Value::String(s)
            if !s.trim().is_empty()
                && (PROSE.contains(&field) || s.trim().contains(char::is_whitespace)) =>
        {
            em(s)
        }
        Value::String(s) => code(s),
        v => code(&v.to_string()),
    }
}

/// `date `2023-07-12` → `2023-07-13``, `(none)` for a field not set; a long
/// text as a word-level excerpt.
fn field(f: &FieldChange) -> String {
    let name = escape(&f.field);
    if let (Some(Value::String(a)), Some(Value::String(b))) = (&f.from, &f.to) {
        if a.chars().count().max(b.chars().count()) > LONG_VALUE {
            if let Some(t) = words::diff(a, b) {
                return text_change(&name, &t);
            }
        }
    }
    let shown = |v: &Option<Value>| {
        v.as_ref()
            .map_or_else(|| "(none)".to_string(), |v| value(&f.field, v))
    };
    format!("{name} {} → {}", shown(&f.from), shown(&f.to))
}

fn fields(list: &[FieldChange]) -> String {
    list.iter().map(field).collect::<Vec<_>>().join("; ")
}

fn periods(p: &super::periods::PeriodChanges) -> Vec<String> {
    let mut out = Vec::new();
    for (verb, list) in [("added", &p.added), ("removed", &p.removed)] {
        out.extend(list.iter().map(|x| {
            format!(
                "- period {verb}: {} ({}), {}\n",
                strong(&x.name),
                code(&x.slug),
                escape(&x.date_text)
            )
        }));
    }
    out.extend(p.redated.iter().map(|r| {
        format!(
            "- period re-dated: {} ({}): {} → {}\n",
            strong(&r.name),
            code(&r.slug),
            escape(&r.from_text),
            strong(&r.to_text)
        )
    }));
    out.extend(p.renamed.iter().map(|r| {
        format!(
            "- period renamed: {} → {} ({})\n",
            escape(&r.from),
            strong(&r.to),
            code(&r.slug)
        )
    }));
    out
}

fn entity(what: &str, verb: &str, e: &EntityInfo) -> String {
    format!(
        "- {what} {verb}: {} ({}){}\n",
        strong(&e.name),
        code(&e.slug),
        if e.file.is_none() {
            ", named only in events (no file)"
        } else {
            ""
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_field_shows_its_words_changed() {
        let quote = "the army was left without its commander at the worst moment of the offensive";
        let f = FieldChange {
            field: "quote".into(),
            from: Some(Value::String(format!("{quote}, he said"))),
            to: Some(Value::String(format!("{quote}, he wrote"))),
        };
        assert_eq!(
            field(&f),
            "quote (+1 −1 words): … moment of the offensive, he ~~said~~ **wrote**"
        );
        let f = FieldChange {
            field: "quote".into(),
            from: None,
            to: Some(Value::String("@someone said".into())),
        };
        assert_eq!(field(&f), "quote (none) → *@&#8203;someone said*");
    }

    #[test]
    fn empty_diff_is_one_line() {
        assert_eq!(render(&Diff::default()), "No changes to the timeline.\n");
    }
}
