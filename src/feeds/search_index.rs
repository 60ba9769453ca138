//! `search-index.json`: what a script needs to search and filter every event
//! of the site, not only those of the page it runs on: per event its slug,
//! link, title, dates, status and the slugs it is filed under, with one map
//! of slugs to names per facet. The default theme's script filters the page
//! it is on and does not read it; a theme that searches across pages can.

use super::Streamed;
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::slug::Slug;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Entry<'a> {
    slug: &'a str,
    /// Link honouring `base_url`'s path.
    url: String,
    title: &'a str,
    /// EDTF.
    date: String,
    date_text: String,
    status: &'static str,
    /// Days since 1970-01-01 of the earliest and latest moment (UTC), as the
    /// theme's date filter compares them; `null` for an open side.
    start: Option<i64>,
    end: Option<i64>,
    actors: Vec<&'a str>,
    /// The event's theatres and every theatre that contains them.
    theatres: Vec<&'a str>,
    tags: Vec<&'a str>,
}

pub(super) fn write<'a>(t: &'a Timeline, c: &'a Config) -> Streamed<'a> {
    let names = |m: BTreeMap<&str, &str>| serde_json::to_string(&m).unwrap_or_default();
    let actors = names(
        t.actors
            .iter()
            .map(|(s, g)| (s.as_str(), g.entity.name.as_str()))
            .collect(),
    );
    let theatres = names(
        t.theatres
            .iter()
            .map(|(s, g)| (s.as_str(), g.entity.name.as_str()))
            .collect(),
    );
    let tags = names(
        t.tags
            .iter()
            .map(|(s, tag)| (s.as_str(), tag.name.as_str()))
            .collect(),
    );
    let out = format!(
        "{{\"version\":1,\"actors\":{actors},\"theatres\":{theatres},\"tags\":{tags},\"events\":["
    )
    .into_bytes();
    Streamed::json_array(out, t.events.len(), move |i| Ok(entry(t, c, i)))
}

fn entry<'a>(t: &'a Timeline, c: &Config, i: usize) -> Entry<'a> {
    let te = &t.events[i];
    let e = &te.event;
    let mut theatres: Vec<&str> = Vec::with_capacity(te.theatres.len());
    for s in &te.theatres {
        let mut chain = vec![s.as_str()];
        let ancestors: Vec<Slug> = t.ancestors(s);
        for a in &ancestors {
            if let Some((slug, _)) = t.theatres.get_key_value(a) {
                chain.push(slug.as_str());
            }
        }
        for s in chain {
            if !theatres.contains(&s) {
                theatres.push(s);
            }
        }
    }
    Entry {
        slug: e.slug.as_str(),
        url: c.base_url.link(&crate::route::Route::event(&e.slug).path()),
        title: &e.title,
        date: e.date.iso(),
        date_text: e.date.display(&c.lang).text(),
        status: e.status.as_str(),
        start: e.date.earliest_utc().map(crate::date::Moment::days),
        end: e.date.latest_utc().map(crate::date::Moment::days),
        actors: te.actors.iter().map(Slug::as_str).collect(),
        theatres,
        tags: te.tags.iter().map(Slug::as_str).collect(),
    }
}
