//! schema.org `Event` JSON-LD for event pages.

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
    // Dates at the precision written (`2023-07-12`, `2023-07`), never an
    // invented midnight; an open start uses the known end, as the timeline does.
    if let Some(p) = e.date.anchor() {
        v["startDate"] = p.html_datetime().into();
    }
    if let Some(p) = e.date.end_point().filter(|_| e.date.is_interval()) {
        v["endDate"] = p.html_datetime().into();
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
