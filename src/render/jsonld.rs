//! schema.org `Event` JSON-LD for event pages.

use crate::date::{DatePoint, EventDate, Precision};
use crate::model::Timeline;
use crate::parse::config::Config;

/// schema.org `Event` for an event page, escaped for a `<script>` element.
pub(super) fn json_ld(t: &Timeline, i: usize, c: &Config, image: Option<String>) -> String {
    use crate::parse::entity::ActorKind;
    let te = &t.events[i];
    let e = &te.event;
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title,
        "url": c.base_url.absolute(&crate::route::Route::event(&e.slug).path()),
    });
    let description = e.summary_text.clone();
    if !description.is_empty() {
        v["description"] = description.into();
    }
    // schema.org's dates are ISO 8601, at the precision written (`2023-07-12`,
    // `2023-07`), never an invented midnight. An open start has no
    // `startDate`, only its end (schema.org requires neither). Years before 1
    // are ISO 8601's expanded astronomical years (`-0043`, as in EDTF); a
    // decade, century or millennium (`202X`) has no ISO 8601 date, and its
    // first year would claim a year, so it is left out; so is a season
    // (`2001-24` is not all in 2001, and ISO 8601-1 has no seasons).
    let iso = |p: &DatePoint| {
        (!matches!(
            p.precision(),
            Precision::Decade | Precision::Century | Precision::Millennium | Precision::Season
        ))
        .then(|| p.reduced_iso())
    };
    let (start, end) = match &e.date {
        EventDate::Point(p) => (Some(p), None),
        EventDate::Interval { start, end } => (start.point(), end.point()),
    };
    if let Some(s) = start.and_then(iso) {
        v["startDate"] = s.into();
    }
    if let Some(s) = end.and_then(iso) {
        v["endDate"] = s.into();
    }
    if let Some(src) = image {
        v["image"] = src.into();
    }
    // `performer` takes a Person or an Organization; an actor of another or
    // unknown kind is named under `about` (a Thing), never given a type it
    // may not have.
    let (mut performers, mut about) = (Vec::new(), Vec::new());
    for g in te.actors.iter().filter_map(|s| t.actors.get(s)) {
        let name = &g.entity.name;
        match g.entity.kind {
            Some(ActorKind::Person) => {
                performers.push(serde_json::json!({"@type": "Person", "name": name}))
            }
            Some(ActorKind::Unit | ActorKind::Organisation | ActorKind::State) => {
                performers.push(serde_json::json!({"@type": "Organization", "name": name}))
            }
            Some(ActorKind::Other) | None => {
                about.push(serde_json::json!({"@type": "Thing", "name": name}))
            }
        }
    }
    if !performers.is_empty() {
        v["performer"] = performers.into();
    }
    if !about.is_empty() {
        v["about"] = about.into();
    }
    let place = te
        .theatres
        .first()
        .and_then(|s| t.theatres.get(s))
        .map(|g| g.entity.name.clone());
    let loc = e.location.as_ref();
    if place.is_some() || loc.is_some() {
        let mut p = serde_json::json!({"@type": "Place", "name": loc.and_then(|l| l.name.clone()).or(place).unwrap_or_default()});
        if let Some(l) = loc.filter(|l| l.lat.is_some()) {
            p["geo"] = serde_json::json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon});
        }
        v["location"] = p;
    }
    crate::escape::script_json(&v)
}
