//! A [`Diff`] as GitHub-flavoured Markdown, to read well as a pull-request comment:
//! a heading, the summary line, then one section per kind of change, each event
//! a bullet with its date, title and slug and its changes as nested bullets.

use super::summary::NO_CHANGES;
use super::{
    AddedRemoved, Changed, Diff, EntityInfo, EventInfo, Named, Position, Renamed, Revision,
    SourceInfo, TextChange,
};
use crate::diagnostic::plural;
use crate::parse::nested::is_http_url;

/// Sections with more items than this fold into `<details>`.
const FOLD: usize = 20;

/// Backslash-escapes what Markdown (and GitHub) would read as markup.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span that survives backticks inside.
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// `12 July 2023: **Title** (`slug`)`, marked when a draft.
fn heading(date_text: &str, title: &str, slug: &str, draft: bool) -> String {
    format!(
        "{}: **{}** ({}){}",
        escape(date_text),
        escape(title),
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
        Some(url) if is_http_url(url) => format!("[{}](<{url}>)", escape(label)),
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
    if d.is_empty() {
        return format!("{NO_CHANGES}\n");
    }
    let mut out = format!("## Timeline changes\n\n{}\n", escape(&d.summary));
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
                "- {what} renamed: {} → **{}** ({})\n",
                escape(&r.from),
                escape(&r.to),
                code(&r.slug)
            )
        }));
    }
    section(&mut out, "Actors and theatres", "changes", entities);
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
        "- {}: **{}**{}: {}\n",
        escape(&r.date_text),
        escape(&r.title),
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
    let title = |r: &Option<super::EventRef>| {
        r.as_ref()
            .map(|r| format!("*{}*", escape(&r.title)))
            .unwrap_or_default()
    };
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
        lines.push(format!(
            "title: *{}* → *{}*",
            escape(&t.from),
            escape(&t.to)
        ));
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
        lines.push(added_removed("sources", s, source));
    }
    if let Some(t) = &ch.summary {
        lines.push(text_change("summary", t));
    }
    if let Some(t) = &ch.body {
        lines.push(text_change("body", t));
    }
    if !ch.other.is_empty() {
        lines.push(format!("also changed: {}", ch.other.join(", ")));
    }
    let mut out = format!("- {}\n", heading(&c.date_text, &c.title, &c.slug, c.draft));
    for line in lines {
        out.push_str(&format!("  - {line}\n"));
    }
    out
}

fn entity(what: &str, verb: &str, e: &EntityInfo) -> String {
    format!(
        "- {what} {verb}: **{}** ({}){}\n",
        escape(&e.name),
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
    fn escapes_markup() {
        assert_eq!(
            escape("a *b* [c](d) <e> #1"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\#1"
        );
        assert_eq!(code("a`b"), "`` a`b ``");
    }

    #[test]
    fn empty_diff_is_one_line() {
        assert_eq!(render(&Diff::default()), "No changes to the timeline.\n");
    }
}
