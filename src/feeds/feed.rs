//! What the Atom and JSON feeds share: which feeds exist, their newest events,
//! each entry's identifier, dates and categories, and the rendered bodies.

use super::{iri, FEED_ENTRIES};
use crate::date::EventDate;
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{Group, Timeline};
use crate::parse::config::Config;
use crate::route::{FeedFormat, GroupId, Kind, ListId, Route};
use crate::slug::Slug;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// One feed: the site's, or an actor's or theatre's.
pub(super) struct Feed {
    /// Whose feed: the site's (`None`) or an actor's or theatre's.
    pub group: Option<GroupId>,
    pub title: String,
    /// Plain text: the site's description, or the first paragraph of the
    /// actor's or theatre's own.
    pub subtitle: String,
    /// Newest first (latest in timeline order), at most [`FEED_ENTRIES`].
    pub events: Vec<usize>,
    /// The latest `updated` of its entries (RFC 3339); for an empty feed, the
    /// site feed's, so that it never depends on the clock.
    pub updated: String,
    /// Whether entries carry the rendered body. The site's feed does; an
    /// actor's or theatre's carries summaries and links: a timeline has
    /// thousands of actors, and their feeds with bodies would weigh more than
    /// the site's pages, repeating what the site feed and `events.json` hold.
    pub full: bool,
}

impl Feed {
    /// The page the feed follows.
    pub(super) fn page(&self) -> Route {
        match &self.group {
            None => Route::List(ListId::Timeline, 1),
            Some(id) => Route::group(id.clone()),
        }
    }

    /// The feed's file in `format`.
    pub(super) fn file(&self, format: FeedFormat) -> Route {
        Route::Feed(self.group.clone(), format)
    }
}

/// The site's feed, then one per actor and one per theatre (by slug), each with
/// the events its page lists; only those whose group `wanted` accepts (`None`:
/// the site's).
pub(super) fn feeds(
    t: &Timeline,
    c: &Config,
    wanted: &dyn Fn(Option<&GroupId>) -> bool,
) -> Vec<Feed> {
    let events: Vec<usize> = (0..t.events.len()).rev().take(FEED_ENTRIES).collect();
    let site_updated = updated(t, &events).unwrap_or_else(|| rfc3339(epoch()));
    let mut out = vec![Feed {
        group: None,
        title: c.title.clone(),
        subtitle: c.description.clone(),
        events,
        updated: site_updated.clone(),
        full: true,
    }];
    out.retain(|f| wanted(f.group.as_ref()));
    let group = |id: fn(Slug) -> GroupId, g: &Group| {
        let events = newest(&g.events);
        let about = markdown::first_paragraph(&g.entity.description);
        Feed {
            group: Some(id(g.entity.slug.clone())),
            title: format!("{} · {}", g.entity.name, c.title),
            subtitle: if about.is_empty() {
                c.description.clone()
            } else {
                about
            },
            updated: updated(t, &events).unwrap_or_else(|| site_updated.clone()),
            events,
            full: false,
        }
    };
    let kept = |id: fn(Slug) -> GroupId| move |g: &&Group| wanted(Some(&id(g.entity.slug.clone())));
    out.extend(
        t.actors
            .values()
            .filter(kept(GroupId::Actor))
            .map(|g| group(GroupId::Actor, g)),
    );
    out.extend(
        t.theatres
            .values()
            .filter(kept(GroupId::Theatre))
            .map(|g| group(GroupId::Theatre, g)),
    );
    out
}

fn newest(events: &[usize]) -> Vec<usize> {
    events.iter().rev().take(FEED_ENTRIES).copied().collect()
}

fn updated(t: &Timeline, events: &[usize]) -> Option<String> {
    events
        .iter()
        .map(|&i| instant(&t.events[i].event.date))
        .max()
        .map(rfc3339)
}

/// One feed's bodies as HTML, rendered when the feed is written and dropped
/// with it: an event sits in about one actor's feed on average, so rendering
/// per feed costs little more than once per event, and no feed holds every
/// body of a large timeline in memory at once.
pub(super) struct Bodies(std::collections::HashMap<usize, String>);

impl Bodies {
    pub(super) fn render(t: &Timeline, c: &Config, feed: &Feed) -> Result<Bodies, Diagnostic> {
        let mut bodies = std::collections::HashMap::new();
        if !feed.full {
            return Ok(Bodies(bodies));
        }
        for &i in &feed.events {
            let body = t.events[i].event.body_text()?;
            bodies.insert(i, markdown::to_html(&body, c.unsafe_html));
        }
        Ok(Bodies(bodies))
    }

    pub(super) fn get(&self, i: usize) -> Option<&str> {
        self.0.get(&i).map(String::as_str)
    }
}

/// An actor, theatre or tag that an entry is filed under.
pub(super) struct Category<'a> {
    pub term: &'a str,
    pub label: &'a str,
    /// Absolute URL of its section (`…/actors/`), telling the three apart.
    pub scheme: String,
}

/// One event as a feed entry.
pub(super) struct Entry<'a> {
    pub id: String,
    pub url: String,
    /// The title as written: SPEC §3 makes it plain text, so it is escaped
    /// for each format, never read as Markdown.
    pub title: &'a str,
    pub summary: &'a str,
    /// Rendered body (sanitised unless `unsafe_html`), unescaped; `None` in
    /// feeds without bodies.
    pub content: Option<&'a str>,
    /// RFC 3339, from the event's date; also its `updated`.
    pub published: String,
    /// Actors, then theatres, then tags, each in the order written, then
    /// periods in time order.
    pub categories: Vec<Category<'a>>,
}

pub(super) fn entry<'a>(t: &'a Timeline, c: &Config, bodies: &'a Bodies, i: usize) -> Entry<'a> {
    let te = &t.events[i];
    let e = &te.event;
    let path = Route::event(&e.slug).path();
    let mut categories =
        Vec::with_capacity(te.actors.len() + te.theatres.len() + te.tags.len() + te.periods.len());
    for (kind, slugs, groups) in [
        (Kind::Actor, &te.actors, &t.actors),
        (Kind::Theatre, &te.theatres, &t.theatres),
    ] {
        let scheme = c.base_url.absolute(&Route::Section(kind).path());
        for s in slugs {
            categories.push(Category {
                term: s.as_str(),
                label: groups.get(s).map_or(s.as_str(), |g| g.entity.name.as_str()),
                scheme: scheme.clone(),
            });
        }
    }
    let scheme = c.base_url.absolute(&Route::Section(Kind::Tag).path());
    for s in &te.tags {
        categories.push(Category {
            term: s.as_str(),
            label: t.tags.get(s).map_or(s.as_str(), |tag| tag.name.as_str()),
            scheme: scheme.clone(),
        });
    }
    let scheme = c.base_url.absolute(&Route::Section(Kind::Period).path());
    for s in &te.periods {
        categories.push(Category {
            term: s.as_str(),
            label: t
                .periods
                .by_slug
                .get(s)
                .map_or(s.as_str(), |p| p.name.as_str()),
            scheme: scheme.clone(),
        });
    }
    Entry {
        id: iri(c, &path),
        url: c.base_url.absolute(&path),
        title: &e.title,
        summary: &e.summary_text,
        content: bodies.get(i),
        published: rfc3339(instant(&e.date)),
        categories,
    }
}

/// The moment a feed dates an event by: the earliest moment of its start (of
/// its end for an open start) in UTC, where a date without a time starts at
/// midnight UTC. RFC 3339 has no year before 1, so earlier dates (BCE and
/// year 0) are clamped to 0001-01-01T00:00:00Z.
pub(super) fn instant(date: &EventDate) -> NaiveDateTime {
    let t = date
        .anchor()
        .map(|p| p.earliest_utc())
        .unwrap_or_else(epoch);
    let first = NaiveDate::from_ymd_opt(1, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    if t.year() < 1 {
        first
    } else {
        t
    }
}

fn epoch() -> NaiveDateTime {
    NaiveDateTime::default()
}

/// `2023-07-12T19:30:00Z`.
pub(super) fn rfc3339(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> EventDate {
        EventDate::parse(s, chrono_tz::Europe::Kyiv).unwrap()
    }

    #[test]
    fn instants_are_utc_and_clamped() {
        assert_eq!(rfc3339(instant(&date("2023-07"))), "2023-07-01T00:00:00Z");
        assert_eq!(
            rfc3339(instant(&date("2023-07-12T22:30:00+03:00"))),
            "2023-07-12T19:30:00Z"
        );
        assert_eq!(
            rfc3339(instant(&date("2023-07-12T22:30"))),
            "2023-07-12T19:30:00Z"
        );
        assert_eq!(
            rfc3339(instant(&date("../2023-07-14"))),
            "2023-07-14T00:00:00Z"
        );
        assert_eq!(rfc3339(instant(&date("-0043"))), "0001-01-01T00:00:00Z");
        assert_eq!(rfc3339(instant(&date("0000"))), "0001-01-01T00:00:00Z");
        assert_eq!(rfc3339(instant(&date("0001"))), "0001-01-01T00:00:00Z");
    }
}
