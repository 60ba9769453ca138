//! One event's facts and, for an event on both sides, what changed in it.

use super::{fields, words};
use super::{
    path, AddedRemoved, Changes, DateChange, EventInfo, EventRef, FromTo, Named, Side, SourceInfo,
};
use crate::model::{Group, TimelineEvent};
use crate::parse::event::{Event, Source};
use crate::route::Kind;
use crate::slug::Slug;
use std::collections::BTreeMap;

pub(super) fn named(groups: &BTreeMap<Slug, Group>, slug: &Slug) -> Named {
    Named {
        slug: slug.to_string(),
        name: groups
            .get(slug)
            .map_or_else(|| slug.to_string(), |g| g.entity.name.clone()),
    }
}

pub(super) fn tag_named(side: Side, slug: &Slug) -> Named {
    Named {
        slug: slug.to_string(),
        name: side
            .timeline
            .tags
            .get(slug)
            .map_or_else(|| slug.to_string(), |t| t.name.clone()),
    }
}

pub(super) fn source_info(s: &Source) -> SourceInfo {
    SourceInfo {
        url: s.url.clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        date: s.date.as_ref().map(|d| d.iso()),
        archive: s.archive.clone(),
        quote: s.quote.clone(),
    }
}

pub(super) fn event_info(side: Side, i: usize) -> EventInfo {
    let te = &side.timeline.events[i];
    let e = &te.event;
    EventInfo {
        slug: e.slug.to_string(),
        title: e.title.clone(),
        date: e.date.iso(),
        date_text: e.date.display(side.lang).text(),
        status: e.status.as_str().to_string(),
        draft: e.draft,
        file: path(&e.file),
        actors: te
            .actors
            .iter()
            .map(|s| named(&side.timeline.actors, s))
            .collect(),
        theatres: te
            .theatres
            .iter()
            .map(|s| named(&side.timeline.theatres, s))
            .collect(),
        tags: te.tags.iter().map(|s| tag_named(side, s)).collect(),
        sources: e.sources.iter().map(source_info).collect(),
    }
}

/// Items of `new` not in `old` and of `old` not in `new`, each in its order.
pub(super) fn added_removed<T: PartialEq + Clone>(old: &[T], new: &[T]) -> Option<AddedRemoved<T>> {
    let added: Vec<T> = new.iter().filter(|x| !old.contains(x)).cloned().collect();
    let removed: Vec<T> = old.iter().filter(|x| !new.contains(x)).cloned().collect();
    (!added.is_empty() || !removed.is_empty()).then_some(AddedRemoved { added, removed })
}

pub(super) fn from_to<T: PartialEq + Clone>(old: &T, new: &T) -> Option<FromTo<T>> {
    (old != new).then(|| FromTo {
        from: old.clone(),
        to: new.clone(),
    })
}

pub(super) fn changes(base: Side, b: &TimelineEvent, head: Side, h: &TimelineEvent) -> Changes {
    let (be, he) = (&b.event, &h.event);
    let mut other = Vec::new();
    if be.image != he.image {
        other.push("image");
    }
    if be.location != he.location {
        other.push("location");
    }
    let related_slugs = |e: &Event| e.related.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    if related_slugs(be) != related_slugs(he) {
        other.push("related");
    }
    if be.weight != he.weight {
        other.push("weight");
    }
    if be.extra != he.extra {
        other.push("extra");
    }
    let b_sources: Vec<SourceInfo> = be.sources.iter().map(source_info).collect();
    let h_sources: Vec<SourceInfo> = he.sources.iter().map(source_info).collect();
    Changes {
        title: from_to(&be.title, &he.title),
        date: (be.date != he.date).then(|| DateChange {
            from: be.date.iso(),
            to: he.date.iso(),
            from_text: be.date.display(base.lang).text(),
            to_text: he.date.display(head.lang).text(),
        }),
        position: None,
        status: from_to(
            &be.status.as_str().to_string(),
            &he.status.as_str().to_string(),
        ),
        draft: from_to(&be.draft, &he.draft),
        actors: attribution(base, be, &b.actors, head, he, &h.actors, Kind::Actor),
        theatres: attribution(base, be, &b.theatres, head, he, &h.theatres, Kind::Theatre),
        tags: added_removed(
            &b.tags
                .iter()
                .map(|s| tag_named(base, s))
                .collect::<Vec<_>>(),
            &h.tags
                .iter()
                .map(|s| tag_named(head, s))
                .collect::<Vec<_>>(),
        ),
        sources: fields::sources(&b_sources, &h_sources),
        summary: words::diff(
            be.summary.as_deref().unwrap_or(""),
            he.summary.as_deref().unwrap_or(""),
        ),
        body: words::diff(be.body.kept(), he.body.kept()),
        image: fields::image(be.image.as_deref(), he.image.as_deref()),
        location: fields::location(be.location.as_deref(), he.location.as_deref()),
        related: related(base, be, head, he),
        weight: from_to(&be.weight, &he.weight),
        extra: fields::extra(&be.extra, &he.extra),
        other,
    }
}

/// Related events added and removed, by slug (a related event's new title is
/// its own change), each with its title on the side that has it.
fn related(base: Side, be: &Event, head: Side, he: &Event) -> Option<AddedRemoved<EventRef>> {
    let slugs = |e: &Event| e.related.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    let ar = added_removed(&slugs(be), &slugs(he))?;
    let refs = |side: Side, list: Vec<Slug>| -> Vec<EventRef> {
        list.into_iter()
            .map(|slug| EventRef {
                title: side.timeline.index_of(&slug).map_or_else(
                    || slug.to_string(),
                    |i| side.timeline.events[i].event.title.clone(),
                ),
                slug: slug.to_string(),
            })
            .collect()
    };
    Some(AddedRemoved {
        added: refs(head, ar.added),
        removed: refs(base, ar.removed),
    })
}

/// Actors (theatres) added to or removed from an event. Names written alike on
/// both sides are the same attribution when a side's actor (theatre) files do
/// not all parse: an alias left unread resolves the name to another slug.
fn attribution(
    base: Side,
    be: &Event,
    b_slugs: &[Slug],
    head: Side,
    he: &Event,
    h_slugs: &[Slug],
    kind: Kind,
) -> Option<AddedRemoved<Named>> {
    let (written_b, written_h) = match kind {
        Kind::Actor => (&be.actors, &he.actors),
        _ => (&be.theatres, &he.theatres),
    };
    if written_b == written_h && (base.unparsed.unsure(kind) || head.unparsed.unsure(kind)) {
        return None;
    }
    let names = |side: Side, slugs: &[Slug]| -> Vec<Named> {
        let groups = match kind {
            Kind::Actor => &side.timeline.actors,
            _ => &side.timeline.theatres,
        };
        slugs.iter().map(|s| named(groups, s)).collect()
    };
    added_removed(&names(base, b_slugs), &names(head, h_slugs))
}

pub(super) fn is_unchanged(c: &Changes) -> bool {
    c.title.is_none()
        && c.date.is_none()
        && c.position.is_none()
        && c.status.is_none()
        && c.draft.is_none()
        && c.actors.is_none()
        && c.theatres.is_none()
        && c.tags.is_none()
        && c.sources.is_none()
        && c.summary.is_none()
        && c.body.is_none()
        && c.other.is_empty()
}
