//! The one-line summary of a diff, short enough for a pull-request title:
//! `2 events added, 1 removed, 3 changed (1 status change: claimed → confirmed)`.

use super::{Diff, FromTo};

pub(super) const NO_CHANGES: &str = "No changes to the timeline.";

use crate::diagnostic::plural as count;

pub(super) fn line(d: &Diff) -> String {
    let mut parts = Vec::new();
    let events = [
        (d.added.len(), "added"),
        (d.removed.len(), "removed"),
        (d.renamed.len(), "renamed"),
        (d.changed.len(), "changed"),
        (d.not_compared.len(), "not compared"),
    ];
    for (n, verb) in events.into_iter().filter(|(n, _)| *n > 0) {
        // `event(s)` once, on the first count.
        let mut part = if parts.is_empty() {
            format!("{} {verb}", count(n, "event", "events"))
        } else {
            format!("{n} {verb}")
        };
        if verb == "changed" {
            if let Some(note) = status_note(d) {
                part.push_str(&format!(" ({note})"));
            }
        }
        parts.push(part);
    }
    let entities = [
        (d.actors.added.len(), "actor", "actors", "added"),
        (d.actors.removed.len(), "actor", "actors", "removed"),
        (d.theatres.added.len(), "theatre", "theatres", "added"),
        (d.theatres.removed.len(), "theatre", "theatres", "removed"),
        (d.actors.renamed.len(), "actor", "actors", "renamed"),
        (d.theatres.renamed.len(), "theatre", "theatres", "renamed"),
        (d.actors.changed.len(), "actor", "actors", "changed"),
        (d.theatres.changed.len(), "theatre", "theatres", "changed"),
        (d.periods.added.len(), "period", "periods", "added"),
        (d.periods.removed.len(), "period", "periods", "removed"),
        (d.periods.redated.len(), "period", "periods", "re-dated"),
        (d.periods.renamed.len(), "period", "periods", "renamed"),
    ];
    for (n, one, many, verb) in entities.into_iter().filter(|e| e.0 > 0) {
        parts.push(format!("{} {verb}", count(n, one, many)));
    }
    if parts.is_empty() {
        NO_CHANGES.to_string()
    } else {
        parts.join(", ")
    }
}

/// `1 status change: claimed → confirmed`; the transition only when all agree.
fn status_note(d: &Diff) -> Option<String> {
    let statuses: Vec<&FromTo<String>> = d
        .changed
        .iter()
        .filter_map(|c| c.changes.status.as_ref())
        .collect();
    let first = statuses.first()?;
    let label = count(statuses.len(), "status change", "status changes");
    Some(if statuses.iter().all(|s| s == first) {
        format!("{label}: {} → {}", first.from, first.to)
    } else {
        label
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Changed, Changes, EntityInfo, EventInfo};

    fn event() -> EventInfo {
        EventInfo {
            slug: "a".into(),
            title: "A".into(),
            date: "2023".into(),
            date_text: "2023".into(),
            status: "reported".into(),
            draft: false,
            file: "content/a.md".into(),
            actors: vec![],
            theatres: vec![],
            tags: vec![],
            sources: vec![],
        }
    }

    fn changed(from: &str, to: &str) -> Changed {
        Changed {
            slug: "a".into(),
            title: "A".into(),
            date: "2023".into(),
            date_text: "2023".into(),
            draft: false,
            file: "content/a.md".into(),
            changes: Changes {
                status: Some(FromTo {
                    from: from.into(),
                    to: to.into(),
                }),
                ..Changes::default()
            },
        }
    }

    #[test]
    fn nothing() {
        assert_eq!(line(&Diff::default()), NO_CHANGES);
    }

    #[test]
    fn counts_and_statuses() {
        let mut d = Diff {
            added: vec![event(), event()],
            removed: vec![event()],
            changed: vec![changed("claimed", "confirmed")],
            ..Diff::default()
        };
        assert_eq!(
            line(&d),
            "2 events added, 1 removed, 1 changed (1 status change: claimed → confirmed)"
        );
        d.changed.push(changed("reported", "denied"));
        d.added.clear();
        d.actors.added.push(EntityInfo {
            slug: "x".into(),
            name: "X".into(),
            file: None,
        });
        assert_eq!(
            line(&d),
            "1 event removed, 2 changed (2 status changes), 1 actor added"
        );
    }
}
