//! Stage 4: every page the site will have: its route and template, and for a
//! list page which page of which list it is. A pure function of the model and
//! the configuration, so that build, `build --check` and determinism all rest
//! on one list.
//!
//! The plan names events and groups by stable identities (slugs, years, a
//! list and a page number), never by position in the timeline: adding an event
//! changes only the pages that show it, not the identity of every page.

mod depends;
pub(crate) use depends::{affected, showing};

use crate::model::Timeline;
use crate::parse::config::{Config, Order};
use crate::route::{Embeddable, GroupId, Kind, ListId, Route};

/// Page `current` of `total` of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    pub route: Route,
    pub template: &'static str,
    /// Set on list pages that run over more than one page.
    pub pager: Option<Pager>,
}

impl Page {
    fn new(route: Route) -> Page {
        let template = template(&route);
        Page {
            route,
            template,
            pager: None,
        }
    }
}

/// The theme template that renders a page route.
pub(crate) fn template(route: &Route) -> &'static str {
    match route {
        Route::List(ListId::Timeline, _) => "index.html",
        Route::List(ListId::Group(id), _) => match id.kind() {
            Kind::Actor => "actor.html",
            Kind::Theatre => "theatre.html",
            Kind::Tag => "tag.html",
            Kind::Year => "year.html",
            Kind::Period => "period.html",
        },
        Route::Event(_) => "event.html",
        Route::Section(kind) => match kind {
            Kind::Actor => "actors.html",
            Kind::Theatre => "theatres.html",
            Kind::Tag => "tags.html",
            Kind::Year => "years.html",
            Kind::Period => "periods.html",
        },
        Route::NotFound => "404.html",
        Route::Embed(Embeddable::List(_)) => "embed.html",
        Route::Embed(Embeddable::Event(_)) => "embed_event.html",
        // Not pages: written by `feeds` and `site`, never through a page template.
        Route::EventAsset(..)
        | Route::Feed(..)
        | Route::Data(_)
        | Route::Static(_)
        | Route::Search(_)
        | Route::SitemapPart(_)
        | Route::EmbedData(_)
        | Route::OEmbed(_)
        | Route::Fragment(_) => "",
    }
}

/// The group lists of the timeline, in the order their pages are planned.
pub(crate) fn groups(t: &Timeline) -> impl Iterator<Item = GroupId> + '_ {
    let actors = t.actors.keys().cloned().map(GroupId::Actor);
    let theatres = t.theatres.keys().cloned().map(GroupId::Theatre);
    let tags = t.tags.keys().cloned().map(GroupId::Tag);
    let years = t.years.keys().copied().map(GroupId::Year);
    let periods = t.periods.by_slug.keys().cloned().map(GroupId::Period);
    actors
        .chain(theatres)
        .chain(tags)
        .chain(years)
        .chain(periods)
}

/// Whether the index page of a kind is written: always, but for periods,
/// which most sites do not have, only when there are some.
fn has_section(t: &Timeline, kind: Kind) -> bool {
    kind != Kind::Period || !t.periods.by_slug.is_empty()
}

/// The most URLs one sitemap file may list (the sitemaps.org protocol).
pub(crate) const SITEMAP_URLS: usize = 50_000;

/// The parts of the sitemap of a site of `urls` URLs: none when
/// `sitemap.xml` lists them all, else `sitemap-1.xml`, … of at most
/// [`SITEMAP_URLS`] each, which `sitemap.xml` then indexes.
pub(crate) fn sitemap_parts(urls: usize) -> Vec<Route> {
    if urls <= SITEMAP_URLS {
        return Vec::new();
    }
    (1..=urls.div_ceil(SITEMAP_URLS))
        .map(Route::SitemapPart)
        .collect()
}

/// The pages a sitemap lists: every page but the 404 page and embed pages
/// (which are `noindex`).
pub(crate) fn in_sitemap(page: &Page) -> bool {
    !matches!(page.route, Route::NotFound | Route::Embed(_))
}

/// Plans every HTML page. Sitemap, robots.txt, statics and assets are planned
/// by the writer from this list.
pub(crate) fn pages(t: &Timeline, config: &Config) -> Vec<Page> {
    // Sized exactly: the plan is held while every page is rendered, and a
    // vector grown by doubling would keep up to twice its room.
    let list_pages: usize = lists(t)
        .map(|list| page_count(t.list(&list).len(), config))
        .sum();
    let sections = Kind::ALL.iter().filter(|&&k| has_section(t, k)).count();
    let embeds = lists(t).count() + t.events.len();
    let mut pages = Vec::with_capacity(list_pages + t.events.len() + sections + 1 + embeds);
    paginate(&mut pages, t, ListId::Timeline, config);
    pages.extend(
        t.events
            .iter()
            .map(|e| Page::new(Route::event(&e.event.slug))),
    );
    for kind in Kind::ALL {
        if has_section(t, kind) {
            pages.push(Page::new(Route::Section(kind)));
        }
        for id in groups(t).filter(|id| id.kind() == kind) {
            paginate(&mut pages, t, ListId::Group(id), config);
        }
    }
    pages.push(Page::new(Route::NotFound));
    pages.extend(embeddable(t).map(|e| Page::new(Route::Embed(e))));
    pages
}

/// The page of the plan at `route`, if the plan has one: what
/// [`pages`] holds for it, found without planning every page.
pub(crate) fn page(t: &Timeline, config: &Config, route: &Route) -> Option<Page> {
    let exists = match route {
        Route::List(list, n) => {
            let len = match list {
                ListId::Timeline => t.list(list).len(),
                ListId::Group(id) => t.group_events(id)?.len(),
            };
            let total = page_count(len, config);
            if *n == 0 || *n > total {
                return None;
            }
            let mut page = Page::new(route.clone());
            page.pager = (total > 1).then_some(Pager { current: *n, total });
            return Some(page);
        }
        Route::Event(slug) => t.index_of(slug).is_some(),
        Route::Section(kind) => has_section(t, *kind),
        Route::NotFound => true,
        Route::Embed(Embeddable::List(ListId::Timeline)) => true,
        Route::Embed(Embeddable::List(ListId::Group(id))) => t.group_events(id).is_some(),
        Route::Embed(Embeddable::Event(slug)) => t.index_of(slug).is_some(),
        _ => false,
    };
    exists.then(|| Page::new(route.clone()))
}

/// Every list: the timeline, then each group's.
pub(crate) fn lists(t: &Timeline) -> impl Iterator<Item = ListId> + '_ {
    std::iter::once(ListId::Timeline).chain(groups(t).map(ListId::Group))
}

/// Everything with an embed page (SPEC §8): every list and each event.
pub(crate) fn embeddable(t: &Timeline) -> impl Iterator<Item = Embeddable> + '_ {
    lists(t).map(Embeddable::List).chain(
        t.events
            .iter()
            .map(|e| Embeddable::Event(e.event.slug.clone())),
    )
}

/// Events per page of a list of `len` events (`paginate_by: 0` is one page).
pub(crate) fn per_page(len: usize, config: &Config) -> usize {
    match config.paginate_by {
        0 => len.max(1),
        per => per,
    }
}

/// How many pages a list of `len` events takes.
pub(crate) fn page_count(len: usize, config: &Config) -> usize {
    len.div_ceil(per_page(len, config)).max(1)
}

/// One page per `paginate_by` events: the list's route, then `page/2/`, …
fn paginate(pages: &mut Vec<Page>, t: &Timeline, list: ListId, config: &Config) {
    let total = page_count(t.list(&list).len(), config);
    for n in 1..=total {
        let mut page = Page::new(Route::List(list.clone(), n));
        page.pager = (total > 1).then_some(Pager { current: n, total });
        pages.push(page);
    }
}

/// The events an embed page of `list` shows: its first `embed.max_events`
/// in display order.
pub(crate) fn embed_slice(t: &Timeline, list: &ListId, config: &Config) -> Vec<usize> {
    display_order(t, list, config)
        .take(config.embed.max_events)
        .collect()
}

/// The events page `n` (1-based) of `list` shows, in display order.
pub(crate) fn slice(t: &Timeline, list: &ListId, n: usize, config: &Config) -> Vec<usize> {
    let per = per_page(t.list(list).len(), config);
    let skip = per.saturating_mul(n.saturating_sub(1));
    display_order(t, list, config)
        .skip(skip)
        .take(per)
        .collect()
}

/// Every event of `list`, in the order pages show them (`order:`).
pub(crate) fn display_order<'t>(
    t: &'t Timeline,
    list: &ListId,
    config: &Config,
) -> Box<dyn Iterator<Item = usize> + 't> {
    let all = t.list(list).iter().copied();
    match config.order {
        Order::Ascending => Box::new(all),
        Order::Descending => Box::new(all.rev()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_is_split_past_fifty_thousand_urls() {
        assert!(sitemap_parts(0).is_empty());
        assert!(sitemap_parts(SITEMAP_URLS).is_empty());
        let files = |n| sitemap_parts(n).iter().map(Route::file).collect::<Vec<_>>();
        assert_eq!(files(SITEMAP_URLS + 1), ["sitemap-1.xml", "sitemap-2.xml"]);
        assert_eq!(files(3 * SITEMAP_URLS).len(), 3);
        assert_eq!(files(3 * SITEMAP_URLS + 1).len(), 4);
    }

    #[test]
    fn pages_per_list_follow_paginate_by() {
        let config = |paginate_by| Config {
            paginate_by,
            ..Config::default()
        };
        assert_eq!(
            page_count(0, &config(10)),
            1,
            "an empty list still has its page"
        );
        assert_eq!(page_count(10, &config(10)), 1);
        assert_eq!(page_count(11, &config(10)), 2);
        assert_eq!(page_count(1000, &config(0)), 1, "0 means one page");
        assert_eq!(per_page(7, &config(0)), 7);
        assert_eq!(per_page(0, &config(0)), 1);
    }
}
