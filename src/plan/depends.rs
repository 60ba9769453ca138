//! Which output files one event reaches: the query `serve`'s incremental
//! rebuilds rest on, answered from stable identities (slugs, groups, list
//! pages), never from positions that shift when an event is added.

use super::{in_sitemap, page_count, pages, per_page, sitemap_parts, Page};
use crate::feeds;
use crate::model::Timeline;
use crate::parse::config::{Config, Order};
use crate::route::{DataFile, Embeddable, Route, SearchFile};
use crate::slug::Slug;
use std::collections::BTreeSet;

/// The output files (relative paths) that differ between a build of `before`
/// and a build of `after`, where the two differ only in the event `slug`
/// (edited, added or removed), both with `config`.
///
/// An edit that keeps the event's place (the same position, date, groups and
/// neighbours: a new title, summary, body, status or sources) reaches its own
/// page, its neighbours' and the pages that relate to it, the list pages that
/// show it and the first page of each of those lists (whose chart labels it),
/// and the feeds and exports that hold it. Anything else (adding, removing,
/// re-dating or re-filing an event) changes site-wide counts, which every page
/// of the default theme shows, so every page is answered. Event assets are not
/// included: they depend on their own files.
pub(crate) fn affected(
    before: &Timeline,
    after: &Timeline,
    config: &Config,
    slug: &Slug,
) -> BTreeSet<String> {
    let (b, a) = (before.index_of(slug), after.index_of(slug));
    let mut out = BTreeSet::new();
    let same_place = match (b, a) {
        (Some(b), Some(a)) => {
            let (x, y) = (&before.events[b], &after.events[a]);
            b == a
                && x.event.date.iso() == y.event.date.iso()
                && x.prev.map(|p| &before.events[p].event.slug)
                    == y.prev.map(|p| &after.events[p].event.slug)
                && x.next.map(|n| &before.events[n].event.slug)
                    == y.next.map(|n| &after.events[n].event.slug)
                && before.groups_of(b) == after.groups_of(a)
        }
        _ => false,
    };
    // `showing` names the search index by its `meta.json`, which is what
    // makes `serve` write it; which of its files differ is the index's answer.
    out.extend(crate::search::affected(
        before, after, config, slug, same_place,
    ));
    let not_search = |r: &&Route| !matches!(r, Route::Search(_));
    if same_place {
        for (t, i) in [(before, b), (after, a)] {
            if let Some(i) = i {
                out.extend(
                    showing(t, config, i)
                        .iter()
                        .filter(not_search)
                        .map(Route::file),
                );
            }
        }
        return out;
    }
    let (pages_before, pages_after) = (pages(before, config), pages(after, config));
    let routes = |p: &[Page]| p.iter().map(|p| p.route.clone()).collect::<BTreeSet<_>>();
    let (routes_before, routes_after) = (routes(&pages_before), routes(&pages_after));
    // Embed pages show no site-wide counts: only the lists that hold the
    // event (their totals and places change) and its own card, with the
    // lists' data and fragments; and the oEmbed responses of what appeared,
    // disappeared or is this event.
    let full = |r: &&Route| !matches!(r, Route::Embed(_));
    out.extend(
        routes_before
            .iter()
            .chain(&routes_after)
            .filter(full)
            .map(Route::file),
    );
    for (t, i) in [(before, b), (after, a)] {
        let Some(i) = i else { continue };
        out.insert(Route::Embed(Embeddable::Event(slug.clone())).file());
        for list in t.lists_of(i) {
            out.insert(Route::Embed(Embeddable::List(list.clone())).file());
            out.insert(Route::EmbedData(list.clone()).file());
            if config.embed.fragments {
                out.insert(Route::Fragment(list).file());
            }
        }
    }
    if config.base_url.has_origin() {
        let embeddable = |t| super::embeddable(t).collect::<BTreeSet<_>>();
        let (was, is) = (embeddable(before), embeddable(after));
        let changed = was.symmetric_difference(&is).cloned();
        let own = Embeddable::Event(slug.clone());
        out.extend(changed.chain([own]).map(|of| Route::OEmbed(of).file()));
    }
    // The sitemap lists pages in plan order, where events are in timeline
    // order: a re-dated event moves in it though no page comes or goes.
    fn listed(pages: &[Page]) -> Vec<&Route> {
        pages
            .iter()
            .filter(|p| in_sitemap(p))
            .map(|p| &p.route)
            .collect()
    }
    if config.base_url.has_origin() && listed(&pages_before) != listed(&pages_after) {
        out.insert(Route::Data(DataFile::Sitemap).file());
        for pages in [&pages_before, &pages_after] {
            let urls = pages.iter().filter(|p| in_sitemap(p)).count();
            out.extend(sitemap_parts(urls).iter().map(Route::file));
        }
    }
    for (t, i) in [(before, b), (after, a)] {
        if let Some(i) = i {
            out.extend(feeds::files_showing(t, config, i).iter().map(Route::file));
        }
    }
    out
}

/// What shows event `i` of `t`, besides the site-wide counts: the routes whose
/// content changes when the event's own fields do.
pub(crate) fn showing(t: &Timeline, config: &Config, i: usize) -> Vec<Route> {
    let te = &t.events[i];
    let slug = &te.event.slug;
    let mut out = vec![
        Route::event(slug),
        Route::Embed(Embeddable::Event(slug.clone())),
    ];
    if config.base_url.has_origin() {
        out.push(Route::OEmbed(Embeddable::Event(slug.clone())));
    }
    // Neighbours show its title and date in their previous/next links, and
    // related events in their lists.
    let event = |j: usize| Route::event(&t.events[j].event.slug);
    out.extend(te.prev.into_iter().chain(te.next).map(event));
    out.extend(
        t.events
            .iter()
            .enumerate()
            .filter(|(_, other)| other.related.contains(&i))
            .map(|(j, _)| event(j)),
    );
    for list in t.lists_of(i) {
        let events = t.list(&list);
        let Ok(at) = events.binary_search(&i) else {
            continue;
        };
        let position = match config.order {
            Order::Ascending => at,
            Order::Descending => events.len() - 1 - at,
        };
        let per = per_page(events.len(), config);
        let page = (position / per + 1).min(page_count(events.len(), config));
        out.push(Route::List(list.clone(), page));
        // The first page's overview chart labels every event of the list.
        out.push(Route::List(list.clone(), 1));
        // Its embed page shows the first `embed.max_events`; its data, all.
        if position < config.embed.max_events {
            out.push(Route::Embed(Embeddable::List(list.clone())));
            if config.embed.fragments {
                out.push(Route::Fragment(list.clone()));
            }
        }
        out.push(Route::EmbedData(list));
    }
    out.extend(feeds::files_showing(t, config, i));
    // Its record, terms and status are in the search index, written whole.
    if feeds::Enabled::from_config(config).search_index {
        out.push(Route::Search(SearchFile::Meta));
    }
    out.sort();
    out.dedup();
    out
}
