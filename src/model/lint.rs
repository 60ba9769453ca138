//! Warnings that need the whole timeline: metadata files nobody uses, and
//! events that look like the same event entered twice.

use crate::diagnostic::{display_path, Code, Diagnostic};
use crate::model::Timeline;
use crate::route::Kind;
use std::collections::HashMap;

pub(crate) fn timeline(t: &Timeline) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (kind, groups) in [(Kind::Actor, &t.actors), (Kind::Theatre, &t.theatres)] {
        let what = kind.singular();
        for g in groups.values() {
            let Some(file) = &g.entity.file else { continue };
            if g.events.is_empty() {
                out.push(
                    Diagnostic::warning(
                        Code::UnusedEntity,
                        format!("{what} `{}` has a file but no events", g.entity.slug),
                    )
                    .in_file(file)
                    .with_hint(format!(
                        "name it in an event's `{}`, or remove the file",
                        kind.section()
                    )),
                );
            }
        }
    }
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for (i, te) in t.events.iter().enumerate() {
        let e = &te.event;
        let title = e
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let key = (title, e.date.iso());
        match seen.get(&key) {
            Some(&first) => {
                let other = &t.events[first].event;
                out.push(
                    Diagnostic::warning(
                        Code::LikelyDuplicate,
                        format!(
                            "`{}` has the same title and date as `{}`",
                            e.slug, other.slug
                        ),
                    )
                    .in_file(&e.file)
                    .at(e.title_span.as_deref().cloned())
                    .with_hint(format!(
                        "if it is the same event, merge it into `{}`",
                        display_path(&other.file)
                    )),
                );
            }
            None => {
                seen.insert(key, i);
            }
        }
    }
    out
}
