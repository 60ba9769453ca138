//! Stage 3: the timeline as plain data: events in their total order, grouped by
//! actor, theatre, tag, year and period, with co-occurrence counts and
//! previous/next.
//!
//! No I/O, no templates: everything here is a pure function of the parsed files.

pub(crate) mod identity;
pub(crate) mod lint;
pub(crate) mod periods;
mod spelling;

use crate::diagnostic::{Code, Diagnostic};
use crate::parse::{Event, Parsed};
use crate::route::{GroupId, Kind, ListId};
use crate::slug::Slug;
use identity::{Entity, Registry};
use std::collections::{BTreeMap, HashMap};

/// An event with its names resolved and its place in the timeline.
#[derive(Debug, Clone)]
pub(crate) struct TimelineEvent {
    /// As parsed, boxed as the parse gave it: building the timeline moves
    /// the box, never the event.
    pub event: Box<Event>,
    pub actors: Vec<Slug>,
    pub theatres: Vec<Slug>,
    /// Tag slugs, in the order written.
    pub tags: Vec<Slug>,
    /// The periods it belongs to (see [`periods`]), in their order.
    pub periods: Vec<Slug>,
    /// Resolved `related`, only those that are built.
    pub related: Vec<usize>,
    /// The `/years/<yyyy>/` page it is on: none for a long year, an unknown
    /// year (`XXXX`) or an open or unknown start (`EventDate::page_year`).
    pub year: Option<i32>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
}

/// An actor or theatre with the events that name it.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub entity: Entity,
    /// Indexes into `Timeline::events`, in timeline order.
    pub events: Vec<usize>,
    /// For an actor: the theatres it appears in; for a theatre: its actors.
    /// A theatre counts its sub-theatres' events either way, so an actor's
    /// count for a theatre is the theatre's count for the actor.
    /// Most frequent first, then by slug; at most [`RELATIONS`].
    pub across: Vec<(Slug, usize)>,
    /// How many there are in all (`across` may be cut short).
    pub across_total: usize,
    /// For an actor: the actors it appears with, as `across`. Empty for theatres.
    pub with: Vec<(Slug, usize)>,
    pub with_total: usize,
    /// Sub-theatres (theatres only), by slug.
    pub children: Vec<Slug>,
    /// When its events begin and end, found once: every page of a group
    /// shows it, and finding it reads every event's dates, so a theatre of
    /// 100k events finding it on each of its 1,000 pages made the build
    /// grow with the square of its size.
    pub span: std::sync::OnceLock<GroupSpan>,
}

/// The first start and latest end of a group's events (see [`Group::span`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupSpan {
    pub first: Option<crate::date::DatePoint>,
    /// `None` when `open_end` or the group has no events.
    pub last: Option<crate::date::DatePoint>,
    /// Whether one of its events has no end yet (`..`).
    pub open_end: bool,
}

impl Group {
    /// First start and latest end (not last start: a long span may end after
    /// later events begin), each as one plain point. An open end (`..`) is
    /// the latest of all: the span has not ended, so there is no `last`.
    pub(crate) fn span(&self, events: &[TimelineEvent]) -> GroupSpan {
        *self.span.get_or_init(|| {
            let date = |i: usize| &events[i].event.date;
            let first = self
                .events
                .first()
                .and_then(|&i| date(i).anchor())
                .map(|p| p.unqualified());
            let open_end = self.events.iter().any(|&i| date(i).latest_utc().is_none());
            let last = self
                .events
                .iter()
                .filter(|_| !open_end)
                .max_by_key(|&&i| (date(i).latest_utc(), i))
                .and_then(|&i| date(i).end_point().or(date(i).anchor()))
                .map(|p| p.unqualified());
            GroupSpan {
                first,
                last,
                open_end,
            }
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub slug: Slug,
    /// The spelling first met in timeline order.
    pub name: String,
    pub events: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Timeline {
    pub events: Vec<TimelineEvent>,
    pub actors: BTreeMap<Slug, Group>,
    pub theatres: BTreeMap<Slug, Group>,
    pub tags: BTreeMap<Slug, Tag>,
    pub years: BTreeMap<i32, Vec<usize>>,
    pub periods: periods::Periods,
    /// Every event, in timeline order (`0..events.len()`), so that the
    /// timeline is a list like any group's.
    all: Vec<usize>,
    /// Event by slug: the stable identity plans and incremental builds use.
    by_slug: HashMap<Slug, usize>,
}

impl Timeline {
    /// The events of a list, in timeline order.
    pub(crate) fn list(&self, list: &ListId) -> &[usize] {
        match list {
            ListId::Timeline => &self.all,
            ListId::Group(id) => self.group_events(id).unwrap_or_default(),
        }
    }

    /// A group's events in timeline order; `None` when there is no such group.
    pub(crate) fn group_events(&self, id: &GroupId) -> Option<&[usize]> {
        match id {
            GroupId::Actor(s) => self.actors.get(s).map(|g| g.events.as_slice()),
            GroupId::Theatre(s) => self.theatres.get(s).map(|g| g.events.as_slice()),
            GroupId::Tag(s) => self.tags.get(s).map(|g| g.events.as_slice()),
            GroupId::Year(y) => self.years.get(y).map(Vec::as_slice),
            GroupId::Period(s) => self.periods.by_slug.get(s).map(|p| p.events.as_slice()),
        }
    }

    /// Every group whose list holds event `i`: its actors, its theatres and
    /// the theatres that contain them, its tags, its year, its periods.
    pub(crate) fn groups_of(&self, i: usize) -> Vec<GroupId> {
        let te = &self.events[i];
        let mut out: Vec<GroupId> = te.actors.iter().cloned().map(GroupId::Actor).collect();
        for s in &te.theatres {
            out.push(GroupId::Theatre(s.clone()));
            out.extend(self.ancestors(s).into_iter().map(GroupId::Theatre));
        }
        out.extend(te.tags.iter().cloned().map(GroupId::Tag));
        out.extend(te.year.map(GroupId::Year));
        out.extend(te.periods.iter().cloned().map(GroupId::Period));
        out.sort();
        out.dedup();
        // Group lists are in timeline order, so membership is a binary search.
        out.retain(|id| {
            self.group_events(id)
                .is_some_and(|events| events.binary_search(&i).is_ok())
        });
        out
    }

    /// The lists that show event `i`: the timeline and its groups' lists.
    pub(crate) fn lists_of(&self, i: usize) -> Vec<ListId> {
        let groups = self.groups_of(i).into_iter().map(ListId::Group);
        std::iter::once(ListId::Timeline).chain(groups).collect()
    }

    /// Event `i`'s theatres, each followed by the theatres that contain it,
    /// each theatre once: what "in this theatre" matches.
    pub(crate) fn theatres_within(&self, i: usize) -> Vec<Slug> {
        let mut out: Vec<Slug> = Vec::new();
        for s in &self.events[i].theatres {
            for c in std::iter::once(s.clone()).chain(self.ancestors(s)) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The position of the event with this slug in this build.
    pub(crate) fn index_of(&self, slug: &Slug) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The theatres that contain `slug`, nearest first (parent, grandparent…).
    /// Cycles are broken while identities are linked; the guard is for safety.
    pub(crate) fn ancestors(&self, slug: &Slug) -> Vec<Slug> {
        let mut out = Vec::new();
        let mut cur = self
            .theatres
            .get(slug)
            .and_then(|g| g.entity.parent.clone());
        while let Some(p) = cur {
            if out.contains(&p) || &p == slug {
                break;
            }
            cur = self.theatres.get(&p).and_then(|g| g.entity.parent.clone());
            out.push(p);
        }
        out
    }
}

/// Builds the timeline. Drafts are left out unless `drafts` is set.
pub(crate) fn build(parsed: Parsed, drafts: bool, diagnostics: &mut Vec<Diagnostic>) -> Timeline {
    let mut actors = Registry::from_files(parsed.actors, Kind::Actor, diagnostics);
    let parents: Vec<_> = parsed
        .theatres
        .iter()
        .filter_map(|t| {
            t.parent
                .clone()
                .map(|(p, span)| (t.slug.clone(), p, t.file.clone(), span))
        })
        .collect();
    let mut theatres = Registry::from_files(parsed.theatres, Kind::Theatre, diagnostics);
    identity::link_parents(&mut theatres, &parents, diagnostics);
    let mut periods = periods::Periods::from_files(parsed.periods, diagnostics);

    // Duplicate slugs are checked across drafts too: a draft becomes public one
    // day; and across files too broken to be events, which will be fixed.
    let mut events = parsed.events;
    events.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.file.cmp(&b.file)));
    let mut claims: Vec<(&Slug, &std::path::Path, Option<&crate::diagnostic::Span>)> = events
        .iter()
        .map(|e| (&e.slug, e.file.as_path(), e.slug_span.as_deref()))
        .chain(
            parsed
                .stubs
                .iter()
                .map(|s| (&s.slug, s.file.as_path(), s.slug_span.as_ref())),
        )
        .collect();
    claims.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut duplicates: std::collections::HashSet<&std::path::Path> = Default::default();
    for group in claims.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        // The file that takes its slug from its name keeps it; the ones
        // that set `slug:` are told, at that line.
        let kept = group.iter().position(|c| c.2.is_none()).unwrap_or(0);
        for (i, (slug, file, span)) in group.iter().enumerate() {
            if i == kept {
                continue;
            }
            duplicates.insert(file);
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    format!("two events have the slug `{slug}`"),
                )
                .in_file(file)
                .at(span.cloned())
                .with_hint(format!(
                    "the other is `{}`; rename one file or set `slug:`",
                    crate::diagnostic::display_path(group[kept].1)
                )),
            );
        }
    }
    let duplicates: std::collections::HashSet<std::path::PathBuf> =
        duplicates.into_iter().map(|p| p.to_path_buf()).collect();
    let unique: Vec<Box<Event>> = events
        .into_iter()
        .filter(|e| !duplicates.contains(&e.file))
        .collect();
    let all_slugs: std::collections::HashSet<&Slug> = unique
        .iter()
        .map(|e| &e.slug)
        .chain(parsed.stubs.iter().map(|s| &s.slug))
        .collect();
    let referrers = unique
        .iter()
        .map(|e| (&e.related, &e.file, &e.path))
        .chain(parsed.stubs.iter().map(|s| (&s.related, &s.file, &s.path)));
    for (related, file, path) in referrers {
        for (r, i) in related {
            if !all_slugs.contains(r) {
                let span =
                    crate::parse::event::locate(path, &crate::parse::event::related_steps(*i));
                diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownRelated,
                        format!("related event `{r}` does not exist"),
                    )
                    .in_file(file)
                    .at(span)
                    .with_hint(
                        "`related` lists event slugs: the file name without `.md`, or its `slug:`",
                    ),
                );
            }
        }
    }
    for e in &unique {
        periods.check(e, diagnostics);
    }
    let mut events: Vec<Box<Event>> = unique.into_iter().filter(|e| drafts || !e.draft).collect();
    events.sort_by(|a, b| order(a, b));

    let index: HashMap<Slug, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.slug.clone(), i))
        .collect();
    let mut out: Vec<TimelineEvent> = Vec::with_capacity(events.len());
    let mut tags: BTreeMap<Slug, Tag> = BTreeMap::new();
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let count = events.len();
    let (mut actor_names, mut theatre_names, mut tag_names) = Default::default();
    for (i, event) in events.into_iter().enumerate() {
        let actor_slugs = resolve_all(&mut actors, &mut actor_names, &event, "actors");
        let theatre_slugs = resolve_all(&mut theatres, &mut theatre_names, &event, "theatres");
        let mut tag_slugs = Vec::new();
        for (j, t) in event.tags.iter().enumerate() {
            if let Some(s) = Slug::from_name(t) {
                spelling::Spellings::see(&mut tag_names, &s, t, &event, "tags", j);
                if !tag_slugs.contains(&s) {
                    let tag = tags.entry(s.clone()).or_insert_with(|| Tag {
                        slug: s,
                        name: t.clone(),
                        events: Vec::new(),
                    });
                    tag.events.push(i);
                    // The tag's own slug, which every event naming it shares.
                    tag_slugs.push(tag.slug.clone());
                }
            }
        }
        let year = event.date.page_year();
        if let Some(y) = year {
            years.entry(y).or_default().push(i);
        }
        let period_slugs = periods.place(i, &event);
        let related: Vec<usize> = event
            .related
            .iter()
            .filter_map(|(r, _)| index.get(r).copied())
            .collect();
        // Each list held for the whole build at its length, not its capacity.
        let exact = |mut v: Vec<Slug>| {
            v.shrink_to_fit();
            v
        };
        out.push(TimelineEvent {
            actors: exact(actor_slugs),
            theatres: exact(theatre_slugs),
            tags: exact(tag_slugs),
            periods: exact(period_slugs),
            related,
            year,
            prev: i.checked_sub(1),
            next: (i + 1 < count).then_some(i + 1),
            event,
        });
    }

    // Names seen only in events are shown as most events write them.
    for (reg, names, what) in [
        (&mut actors, &actor_names, "actor"),
        (&mut theatres, &theatre_names, "theatre"),
    ] {
        for entity in reg.entities.values_mut() {
            if entity.file.is_none() {
                if let Some(best) = names.best(&entity.slug) {
                    entity.name = best.to_string();
                }
            }
            diagnostics.extend(names.case_notes(&entity.slug, &entity.name, what));
        }
    }
    for tag in tags.values_mut() {
        if let Some(best) = tag_names.best(&tag.slug) {
            tag.name = best.to_string();
        }
        diagnostics.extend(tag_names.case_notes(&tag.slug, &tag.name, "tag"));
    }
    let mut timeline = Timeline {
        actors: groups(actors, &out, |e| &e.actors),
        theatres: groups(theatres, &out, |e| &e.theatres),
        all: (0..out.len()).collect(),
        by_slug: out
            .iter()
            .enumerate()
            .map(|(i, e)| (e.event.slug.clone(), i))
            .collect(),
        events: out,
        tags,
        years,
        periods,
    };
    cooccurrence(&mut timeline);
    diagnostics.extend(lint::timeline(&timeline));
    // Every problem that needs a span has been found: each span holds a copy
    // of its source line, and a million events need not keep three each.
    for te in &mut timeline.events {
        let e = &mut te.event;
        (e.slug_span, e.title_span, e.date_span) = (None, None, None);
    }
    timeline
}

/// The total order of SPEC §4: start and precision, then weight, then the end,
/// then slug.
pub(crate) fn order(a: &Event, b: &Event) -> std::cmp::Ordering {
    let (ka, kb) = (a.date.sort_key(), b.date.sort_key());
    ka.start_cmp(&kb)
        .then_with(|| a.weight.cmp(&b.weight))
        .then_with(|| ka.end_cmp(&kb))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The slugs of `event`'s `key` (actors or theatres), each name's writing
/// recorded in `names`.
fn resolve_all(
    reg: &mut Registry,
    names: &mut spelling::Spellings,
    event: &Event,
    key: &'static str,
) -> Vec<Slug> {
    let list = if key == "actors" {
        &event.actors
    } else {
        &event.theatres
    };
    let mut out = Vec::new();
    for (j, n) in list.iter().enumerate() {
        if let Some(s) = reg.resolve(n) {
            names.see(&s, n, event, key, j);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn groups(
    reg: Registry,
    events: &[TimelineEvent],
    field: impl Fn(&TimelineEvent) -> &Vec<Slug>,
) -> BTreeMap<Slug, Group> {
    let mut map: BTreeMap<Slug, Group> = reg
        .entities
        .into_iter()
        .map(|(slug, entity)| {
            (
                slug,
                Group {
                    entity,
                    events: Vec::new(),
                    across: Vec::new(),
                    across_total: 0,
                    with: Vec::new(),
                    with_total: 0,
                    children: Vec::new(),
                    span: std::sync::OnceLock::new(),
                },
            )
        })
        .collect();
    for (i, e) in events.iter().enumerate() {
        for s in field(e) {
            if let Some(g) = map.get_mut(s) {
                g.events.push(i);
            }
        }
    }
    map
}

/// Relations kept per actor or theatre, most frequent first. A theatre of a
/// long war has thousands of actors: a page listing them all helps no reader,
/// and every page and `site.actors` would carry the lists, so memory would
/// grow with actors × actors instead of with events.
pub(crate) const RELATIONS: usize = 100;

/// The most frequent first (then by slug), at most [`RELATIONS`], and the total.
fn ranked(counts: HashMap<Slug, usize>) -> (Vec<(Slug, usize)>, usize) {
    let total = counts.len();
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(RELATIONS);
    (v, total)
}

fn cooccurrence(t: &mut Timeline) {
    // A theatre's page lists its sub-theatres' events too: Orikhiv is in Zaporizhzhia.
    let parents: Vec<(Slug, Slug)> = t
        .theatres
        .values()
        .filter_map(|g| g.entity.parent.clone().map(|p| (g.entity.slug.clone(), p)))
        .collect();
    for (child, parent) in &parents {
        if let Some(g) = t.theatres.get_mut(parent) {
            g.children.push(child.clone());
        }
    }
    let within: Vec<Vec<Slug>> = (0..t.events.len()).map(|i| t.theatres_within(i)).collect();
    let mut inherited: BTreeMap<Slug, Vec<usize>> = BTreeMap::new();
    for (i, all) in within.iter().enumerate() {
        for a in all.iter().filter(|a| !t.events[i].theatres.contains(a)) {
            inherited.entry(a.clone()).or_default().push(i);
        }
    }
    for (slug, extra) in inherited {
        if let Some(g) = t.theatres.get_mut(&slug) {
            g.events.extend(extra);
            g.events.sort_unstable();
            g.events.dedup();
        }
    }
    for g in t.actors.values_mut() {
        let mut theatres: HashMap<Slug, usize> = HashMap::new();
        let mut with: HashMap<Slug, usize> = HashMap::new();
        for &i in &g.events {
            let e = &t.events[i];
            // As on the theatre's page, a theatre counts its sub-theatres'
            // events: both pages give the same number for the same pair.
            for th in &within[i] {
                *theatres.entry(th.clone()).or_default() += 1;
            }
            for a in e.actors.iter().filter(|a| **a != g.entity.slug) {
                *with.entry(a.clone()).or_default() += 1;
            }
        }
        (g.across, g.across_total) = ranked(theatres);
        (g.with, g.with_total) = ranked(with);
    }
    for g in t.theatres.values_mut() {
        let mut actors: HashMap<Slug, usize> = HashMap::new();
        for &i in &g.events {
            for a in &t.events[i].actors {
                *actors.entry(a.clone()).or_default() += 1;
            }
        }
        (g.across, g.across_total) = ranked(actors);
        g.children.sort();
    }
}
