//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): `feed.json` of the site
//! and of each actor and theatre, with the same entries as the Atom feed.
//! Each item carries an `_annals` extension with the event's EDTF date and
//! status, which the standard fields cannot express.

use super::feed::{entry, Bodies, Feed};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::route::FeedFormat;
use serde::Serialize;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    /// JSON Feed needs content of one kind: feeds without bodies give the
    /// summary (or the title, for an event with neither).
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(rename = "_annals")]
    annals: Extension,
}

#[derive(Serialize)]
struct Extension {
    /// EDTF, as on the event page (`2023-07~`, `2023-07-10/2023-07-14`).
    date: String,
    status: &'static str,
}

pub(super) fn write(t: &Timeline, c: &Config, feed: &Feed, bodies: &Bodies) -> Vec<u8> {
    let items = feed
        .events
        .iter()
        .map(|&i| {
            let e = entry(t, c, bodies, i);
            let mut tags: Vec<&str> = Vec::with_capacity(e.categories.len());
            for cat in &e.categories {
                if !tags.contains(&cat.label) {
                    tags.push(cat.label);
                }
            }
            let event = &t.events[i].event;
            Item {
                id: e.id,
                url: e.url,
                title: e.title,
                content_html: e.content,
                content_text: match e.content {
                    Some(_) => None,
                    None if e.summary.is_empty() => Some(e.title),
                    None => Some(e.summary),
                },
                summary: e.summary,
                date_modified: e.published.clone(),
                date_published: e.published,
                tags,
                annals: Extension {
                    date: event.date.iso(),
                    status: event.status.as_str(),
                },
            }
        })
        .collect();
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.title,
        home_page_url: c.base_url.absolute(&feed.page().path()),
        feed_url: c.base_url.absolute(&feed.file(FeedFormat::Json).path()),
        description: &feed.subtitle,
        language: &c.language,
        authors: [Author {
            name: &c.title,
            url: c.base_url.absolute(""),
        }],
        items,
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
