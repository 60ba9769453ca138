//! `annals diff`: the semantic difference between two timelines (SPEC §10):
//! events added, removed, renamed and changed in the terms a reviewer cares
//! about, actors and theatres added or removed, periods added, removed or
//! re-dated, and a one-line summary.
//!
//! [`compare`] is a pure function of two [`Timeline`]s; [`git`] reads a site at
//! a revision, [`markdown`] renders a [`Diff`] for a pull-request comment, and
//! the JSON output is the [`Diff`] itself, serialised (see docs/diff.md).

mod event;
pub(crate) mod fields;
pub(crate) mod git;
pub(crate) mod markdown;
mod order;
pub(crate) mod periods;
mod summary;
pub(crate) mod unparsed;
pub(crate) mod words;

use crate::date::Lang;
use crate::diagnostic::Diagnostic;
use crate::model::{Group, Timeline};
use crate::parse::event::Event;
use crate::route::Kind;
use crate::slug::Slug;
use event::{changes, event_info, is_unchanged};
pub(crate) use fields::{FieldChange, SourceChanges};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use unparsed::Unparsed;
pub(crate) use words::TextChange;

/// One side of the comparison: a timeline as far as it parses, the language
/// of its dates, and what did not parse.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub timeline: &'a Timeline,
    pub lang: &'a Lang,
    pub unparsed: &'a Unparsed,
}

/// A revision as asked for and the commit it named (both `None` for the
/// working tree), and the errors its timeline has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Revision {
    pub rev: Option<String>,
    pub commit: Option<String>,
    /// In the shape of `annals check --format json`'s objects.
    #[serde(serialize_with = "diagnostics_json")]
    pub errors: Vec<Diagnostic>,
}

fn diagnostics_json<S: serde::Serializer>(d: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(d.iter().map(crate::report::json_value))
}

/// The whole difference. Lists are in timeline order (`removed` in the base's,
/// the others in the head's); actors and theatres by slug.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Diff {
    pub summary: String,
    pub base: Revision,
    pub head: Revision,
    pub added: Vec<EventInfo>,
    pub removed: Vec<EventInfo>,
    pub renamed: Vec<Renamed>,
    pub changed: Vec<Changed>,
    /// Events of files that do not parse on the other side, by file.
    pub not_compared: Vec<NotCompared>,
    pub actors: EntityChanges,
    pub theatres: EntityChanges,
    pub periods: periods::PeriodChanges,
}

/// An event on one side whose file does not parse on the other: what that
/// side says of it is unknown, so it is neither added nor removed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NotCompared {
    pub file: String,
    /// `base` or `head`: where the file does not parse.
    pub unparsed_at: &'static str,
    /// As the other side has it.
    pub event: EventInfo,
}

/// An added or removed event, with what a reviewer checks first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EventInfo {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub date_text: String,
    pub status: String,
    pub draft: bool,
    pub file: String,
    pub actors: Vec<Named>,
    pub theatres: Vec<Named>,
    pub tags: Vec<Named>,
    pub sources: Vec<SourceInfo>,
}

/// An actor, theatre or tag on an event. Two are the same when their slugs
/// are: a new display name is an entity renamed, not every event re-attributed.
#[derive(Debug, Clone, Eq, Serialize)]
pub(crate) struct Named {
    pub slug: String,
    pub name: String,
}

impl PartialEq for Named {
    fn eq(&self, other: &Self) -> bool {
        self.slug == other.slug
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct SourceInfo {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub archive: Option<String>,
    pub quote: Option<String>,
}

/// An event whose file moved (`kind: "moved"`, same slug) or whose slug changed
/// (`kind: "renamed"`): paired by the same content, else the same file, else the
/// same title. Its other changes, if any, are listed in `changed`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Renamed {
    pub kind: &'static str,
    pub title: String,
    pub date_text: String,
    pub draft: bool,
    pub from: Place,
    pub to: Place,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Place {
    pub slug: String,
    pub file: String,
}

/// An event on both sides (by slug, or paired as renamed) whose content changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Changed {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub date_text: String,
    pub draft: bool,
    pub file: String,
    pub changes: Changes,
}

/// Only what changed is present.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Changes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<FromTo<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<FromTo<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<FromTo<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<AddedRemoved<Named>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theatres: Option<AddedRemoved<Named>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<AddedRemoved<Named>>,
    /// A source edited in place is `changed`, not added and removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<SourceChanges>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<TextChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<TextChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Vec<FieldChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Vec<FieldChange>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<AddedRemoved<EventRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<FromTo<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Vec<FieldChange>>,
    /// The names of those of `image`, `location`, `related`, `weight` and
    /// `extra` that changed (kept from before they were detailed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FromTo<T> {
    pub from: T,
    pub to: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DateChange {
    pub from: String,
    pub to: String,
    pub from_text: String,
    pub to_text: String,
}

/// A changed place in the timeline relative to the other events present on
/// both sides. `direction` is `earlier`, `later` or `moved`; `after` and
/// `before` are the event's neighbours in the head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    pub direction: &'static str,
    pub after: Option<EventRef>,
    pub before: Option<EventRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct EventRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AddedRemoved<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct EntityChanges {
    pub added: Vec<EntityInfo>,
    pub removed: Vec<EntityInfo>,
    /// Same slug, new display name.
    pub renamed: Vec<EntityRename>,
    /// Same slug, other metadata: aliases, kind, affiliation, parent,
    /// location, description.
    pub changed: Vec<EntityChange>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntityChange {
    pub slug: String,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntityRename {
    pub slug: String,
    pub from: String,
    pub to: String,
}

/// `file` is `None` for an actor or theatre named only in events.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntityInfo {
    pub slug: String,
    pub name: String,
    pub file: Option<String>,
}

impl Diff {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
            && self.not_compared.is_empty()
            && self.actors.added.is_empty()
            && self.actors.removed.is_empty()
            && self.actors.renamed.is_empty()
            && self.actors.changed.is_empty()
            && self.theatres.added.is_empty()
            && self.theatres.removed.is_empty()
            && self.theatres.renamed.is_empty()
            && self.theatres.changed.is_empty()
            && self.periods.is_empty()
    }
}

/// The difference from `base` to `head`, with its summary (revisions empty).
pub(crate) fn compare(base: Side, head: Side) -> Diff {
    let b_events = &base.timeline.events;
    let h_events = &head.timeline.events;
    // Events whose file does not parse on either side take no part.
    let compared = |side: Side, other: Side| -> Vec<usize> {
        (0..side.timeline.events.len())
            .filter(|&i| {
                let file = &side.timeline.events[i].event.file;
                !other.unparsed.has(file) && !side.unparsed.has(file)
            })
            .collect()
    };
    let (b_compared, h_compared) = (compared(base, head), compared(head, base));
    let b_index: HashMap<&Slug, usize> = b_compared
        .iter()
        .map(|&i| (&b_events[i].event.slug, i))
        .collect();
    let h_index: HashMap<&Slug, usize> = h_compared
        .iter()
        .map(|&i| (&h_events[i].event.slug, i))
        .collect();
    // Pairs (base index, head index) of the same event, in head order.
    let mut pairs: Vec<(usize, usize)> = h_compared
        .iter()
        .filter_map(|&hi| b_index.get(&h_events[hi].event.slug).map(|&bi| (bi, hi)))
        .collect();
    let mut removed: Vec<usize> = b_compared
        .iter()
        .copied()
        .filter(|&bi| !h_index.contains_key(&b_events[bi].event.slug))
        .collect();
    let mut added: Vec<usize> = h_compared
        .iter()
        .copied()
        .filter(|&hi| !b_index.contains_key(&h_events[hi].event.slug))
        .collect();
    // Renames: the same content first, then the same file, then the same
    // title (a file renamed and edited in one go).
    let mut renames: Vec<(usize, usize)> = Vec::new();
    let mut by_content: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &bi in removed.iter().rev() {
        by_content
            .entry(fingerprint(&b_events[bi].event))
            .or_default()
            .push(bi);
    }
    added.retain(|&hi| {
        match by_content
            .get_mut(&fingerprint(&h_events[hi].event))
            .and_then(Vec::pop)
        {
            Some(bi) => {
                renames.push((bi, hi));
                false
            }
            None => true,
        }
    });
    removed.retain(|bi| !renames.iter().any(|(b, _)| b == bi));
    let same_file = |b: &Event, h: &Event| b.file == h.file;
    let same_title = |b: &Event, h: &Event| b.title == h.title;
    for same in [&same_file as &dyn Fn(&Event, &Event) -> bool, &same_title] {
        added.retain(|&hi| {
            let h = &h_events[hi].event;
            match removed.iter().position(|&bi| same(&b_events[bi].event, h)) {
                Some(k) => {
                    renames.push((removed.remove(k), hi));
                    false
                }
                None => true,
            }
        });
    }
    pairs.extend(renames);
    pairs.sort_by_key(|&(_, hi)| hi);

    let mut diff = Diff {
        added: added.iter().map(|&hi| event_info(head, hi)).collect(),
        removed: removed.iter().map(|&bi| event_info(base, bi)).collect(),
        not_compared: not_compared(base, head),
        actors: entities(base, head, Kind::Actor),
        theatres: entities(base, head, Kind::Theatre),
        periods: periods::compare(base, head),
        ..Diff::default()
    };
    let moved = order::moved(&pairs, b_events, h_events);
    for (k, &(bi, hi)) in pairs.iter().enumerate() {
        let (b, h) = (&b_events[bi], &h_events[hi]);
        let (bf, hf) = (path(&b.event.file), path(&h.event.file));
        if b.event.slug != h.event.slug || bf != hf {
            diff.renamed.push(Renamed {
                kind: if b.event.slug == h.event.slug {
                    "moved"
                } else {
                    "renamed"
                },
                title: h.event.title.clone(),
                date_text: h.event.date.display(head.lang).text(),
                draft: h.event.draft,
                from: Place {
                    slug: b.event.slug.to_string(),
                    file: bf,
                },
                to: Place {
                    slug: h.event.slug.to_string(),
                    file: hf.clone(),
                },
            });
        }
        let mut changes = changes(base, b, head, h);
        if moved[k] {
            changes.position = Some(order::position(&pairs, k, h_events));
        }
        if !is_unchanged(&changes) {
            diff.changed.push(Changed {
                slug: h.event.slug.to_string(),
                title: h.event.title.clone(),
                date: h.event.date.iso(),
                date_text: h.event.date.display(head.lang).text(),
                draft: h.event.draft,
                file: hf,
                changes,
            });
        }
    }
    diff.summary = summary::line(&diff);
    diff
}

/// `/`-separated on every platform.
pub(crate) fn path(p: &std::path::Path) -> String {
    crate::diagnostic::display_path(p)
}

/// Everything an event says except its slug and file, for finding renames.
fn fingerprint(e: &Event) -> String {
    let related: Vec<&Slug> = e.related.iter().map(|(s, _)| s).collect();
    format!(
        "{:?}",
        (
            (&e.title, &e.date, &e.actors, &e.theatres, &e.tags, e.status),
            (&e.summary, &e.sources, &e.image, &e.location, related),
            (e.draft, e.weight, &e.extra, normalise(e.body.kept())),
        )
    )
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").trim_end().to_string()
}

/// The events of each side whose file does not parse on the other, by file.
fn not_compared(base: Side, head: Side) -> Vec<NotCompared> {
    let mut out: Vec<NotCompared> = Vec::new();
    for (side, other, unparsed_at) in [(base, head, "head"), (head, base, "base")] {
        for (i, te) in side.timeline.events.iter().enumerate() {
            if other.unparsed.has(&te.event.file) {
                out.push(NotCompared {
                    file: path(&te.event.file),
                    unparsed_at,
                    event: event_info(side, i),
                });
            }
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// Actors or theatres added, removed or renamed, leaving out those whose
/// file does not parse on one side (see [`unparsed::comparable`]).
fn entities(base: Side, head: Side, kind: Kind) -> EntityChanges {
    fn groups(side: Side<'_>, kind: Kind) -> &BTreeMap<Slug, Group> {
        match kind {
            Kind::Actor => &side.timeline.actors,
            _ => &side.timeline.theatres,
        }
    }
    let (b, h) = (groups(base, kind), groups(head, kind));
    let in_base = |g: &Group| unparsed::comparable(g, kind, base.unparsed, head.unparsed);
    let in_head = |g: &Group| unparsed::comparable(g, kind, head.unparsed, base.unparsed);
    let info = |g: &Group| EntityInfo {
        slug: g.entity.slug.to_string(),
        name: g.entity.name.clone(),
        file: g.entity.file.as_deref().map(path),
    };
    EntityChanges {
        added: h
            .iter()
            .filter(|(s, g)| !b.contains_key(*s) && in_head(g))
            .map(|(_, g)| info(g))
            .collect(),
        removed: b
            .iter()
            .filter(|(s, g)| !h.contains_key(*s) && in_base(g))
            .map(|(_, g)| info(g))
            .collect(),
        renamed: b
            .iter()
            .filter_map(|(s, old)| {
                let new = h.get(s)?;
                (old.entity.name != new.entity.name && in_base(old) && in_head(new)).then(|| {
                    EntityRename {
                        slug: s.to_string(),
                        from: old.entity.name.clone(),
                        to: new.entity.name.clone(),
                    }
                })
            })
            .collect(),
        changed: b
            .iter()
            .filter_map(|(s, old)| {
                let new = h.get(s)?;
                if !(in_base(old) && in_head(new)) {
                    return None;
                }
                fields::entity(&old.entity, &new.entity).map(|fields| EntityChange {
                    slug: s.to_string(),
                    name: new.entity.name.clone(),
                    fields,
                })
            })
            .collect(),
    }
}
