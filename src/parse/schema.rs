//! The keys of event front matter, described once. The parser checks keys
//! against these tables, and `annals schema` turns them into a JSON Schema
//! (draft 2020-12), so the schema and the parser cannot disagree about which
//! keys exist.

use serde_json::{json, Map, Value};

/// What a key holds, as the parser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One line of text (numbers and booleans are read as text too).
    Text,
    /// Markdown-free text of any length.
    LongText,
    /// An EDTF date (SPEC §4), or a bare year as an integer.
    Date,
    /// A string or a list of strings.
    Names,
    /// One of the statuses.
    Status,
    /// http or https URL.
    Url,
    Bool,
    Integer,
    /// Degrees: latitude in [-90, 90] or longitude in [-180, 180].
    Degrees(u8),
    Sources,
    Image,
    Location,
    /// Free data, passed to templates unchanged.
    Map,
}

pub(crate) struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub doc: &'static str,
}

const fn key(name: &'static str, kind: Kind, required: bool, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required,
        doc,
    }
}

pub(crate) const EVENT: &[Key] = &[
    key("title", Kind::Text, true, "What happened, in one line of plain text (no Markdown)."),
    key("date", Kind::Date, true, "When it happened: EDTF such as 2023, 2023-07, 2023-07-12, 2023-07-12T22:30+03:00, 2023-07~, 2023-07-12?, a season 2001-21 (spring) to 2001-24 (winter), unspecified digits 2023-07-XX, 202X, 16XX, 1XXX, XXXX, or an interval of dates 2023-07-10/2023-07-14 (.. for an open end, nothing for an unknown one: 2023-07/)."),
    key("end", Kind::Date, false, "The end of a span, instead of an interval in `date`; the only way to end a span between date-times."),
    key("actors", Kind::Names, false, "Who acted: names, slugs or aliases of actors."),
    key("theatres", Kind::Names, false, "Where: names, slugs or aliases of theatres."),
    key("tags", Kind::Names, false, "Free labels."),
    key("status", Kind::Status, false, "How established the event is (default: reported)."),
    key("summary", Kind::LongText, false, "One paragraph; default: the body's first paragraph."),
    key("sources", Kind::Sources, false, "Where the information comes from. Never invent a URL: a source known only by publisher and date is written that way."),
    key("image", Kind::Image, false, "A picture: a file beside the event or an http(s) URL, with alt text."),
    key("location", Kind::Location, false, "Where, as a place name and WGS84 coordinates."),
    key("related", Kind::Names, false, "Slugs of related events; each must exist."),
    key("periods", Kind::Names, false, "The periods the event belongs to: slugs or names of periods (content/periods/); default: every period its date falls in."),
    key("slug", Kind::Text, false, "The event's URL name; default: the file name. Normalised to a-z, 0-9 and -."),
    key("draft", Kind::Bool, false, "Drafts are built only with --drafts."),
    key("weight", Kind::Integer, false, "Tie-break among events at the same point in time (lower first)."),
    key("extra", Kind::Map, false, "Free data passed to templates unchanged."),
];

/// Keys other generators' timelines use (Hugo, Zola, Jekyll themes), and
/// where annals keeps what they say: the hint `check` gives for each, and
/// what `annals import markdown` does with it.
pub(crate) const FOREIGN: &[(&str, &str)] = &[
    ("categories", "annals calls these `tags`"),
    ("description", "annals calls this `summary`"),
    ("eventlocation", "write the place as `location: {name: …}`"),
    ("place", "write the place as `location: {name: …}`"),
    (
        "linktitle",
        "annals has no short title: keep it under `extra:`",
    ),
    (
        "lastmod",
        "annals keeps no edit dates: keep it under `extra:`",
    ),
    (
        "publishdate",
        "the event's own date is `date`; keep this under `extra:`",
    ),
    (
        "expirydate",
        "annals does not expire events: keep it under `extra:`",
    ),
    (
        "aliases",
        "annals makes no redirects: keep it under `extra:`",
    ),
    (
        "author",
        "keep it under `extra:`, or cite who reported it under `sources:`",
    ),
    (
        "authors",
        "keep it under `extra:`, or cite who reported it under `sources:`",
    ),
    ("images", "write a picture as `image: {src: …, alt: …}`"),
    (
        "featured_image",
        "write a picture as `image: {src: …, alt: …}`",
    ),
    (
        "layout",
        "annals chooses templates by page kind: keep it under `extra:`",
    ),
    (
        "type",
        "annals chooses templates by page kind: keep it under `extra:`",
    ),
];

pub(crate) const SOURCE: &[Key] = &[
    key(
        "url",
        Kind::Url,
        false,
        "The source's address (http or https).",
    ),
    key(
        "title",
        Kind::Text,
        false,
        "The article's or document's title.",
    ),
    key("publisher", Kind::Text, false, "Who published it."),
    key("date", Kind::Date, false, "When it was published."),
    key(
        "archive",
        Kind::Url,
        false,
        "An archived copy (http or https).",
    ),
    key(
        "quote",
        Kind::LongText,
        false,
        "The passage that supports the event.",
    ),
];

pub(crate) const IMAGE: &[Key] = &[
    key(
        "src",
        Kind::Text,
        true,
        "A file relative to the event file, or an http(s) URL.",
    ),
    key(
        "alt",
        Kind::Text,
        true,
        "What the picture shows, for readers who cannot see it.",
    ),
    key(
        "caption",
        Kind::LongText,
        false,
        "A caption shown under the picture.",
    ),
    key(
        "credit",
        Kind::Text,
        false,
        "Who made the picture, as they ask to be credited.",
    ),
];

pub(crate) const LOCATION: &[Key] = &[
    key("name", Kind::Text, false, "The place's name."),
    key("lat", Kind::Degrees(90), false, "Latitude, WGS84 degrees."),
    key(
        "lon",
        Kind::Degrees(180),
        false,
        "Longitude, WGS84 degrees.",
    ),
];

/// The key names of a table, for "unknown key" checks.
pub(crate) fn names(keys: &[Key]) -> Vec<&'static str> {
    keys.iter().map(|k| k.name).collect()
}

/// Regular expressions for the EDTF subset of SPEC §4. They check the shape;
/// the parser also checks the calendar (no 30 February), the season codes
/// (21–24) and the offsets (-12:00 to +14:00). A date: year, month or season,
/// day, unspecified digits from the right, one qualifier.
const DATE: &str =
    r"(-?[0-9]{4}(-([0-9]{2}|XX)(-([0-9]{2}|XX))?)?|-?([0-9]{3}X|[0-9]{2}XX|[0-9]XXX)|XXXX)[?~%]?";
/// A date-time: never qualified, never an interval end.
const DATE_TIME: &str =
    r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}(:[0-9]{2})?)?";

fn date_pattern() -> String {
    format!("^({DATE}|{DATE_TIME}|({DATE}|\\.\\.)?/({DATE}|\\.\\.)?)$")
}

fn kind_schema(kind: Kind) -> Value {
    match kind {
        Kind::Text => json!({"type": ["string", "number", "boolean"], "pattern": "^[^\\n]*$"}),
        Kind::LongText => json!({"type": ["string", "number", "boolean"]}),
        Kind::Date => {
            json!({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": date_pattern()}]})
        }
        Kind::Names => json!({"anyOf": [
            {"type": ["string", "number"]},
            {"type": "array", "items": {"type": ["string", "number"]}}
        ]}),
        Kind::Status => json!({"enum": ["reported", "claimed", "confirmed", "disputed", "denied"]}),
        Kind::Url => json!({"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$"}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Integer => json!({"type": "integer"}),
        Kind::Degrees(limit) => {
            json!({"type": "number", "minimum": -(limit as i32), "maximum": limit})
        }
        Kind::Map => json!({"type": "object"}),
        Kind::Sources => json!({
            "type": "array",
            "items": object(SOURCE, Some(json!([
                {"required": ["url"]}, {"required": ["title"]}, {"required": ["publisher"]}
            ])))
        }),
        Kind::Image => object(IMAGE, None),
        Kind::Location => {
            let mut o = object(LOCATION, None);
            o["dependentRequired"] = json!({"lat": ["lon"], "lon": ["lat"]});
            o
        }
    }
}

fn object(keys: &[Key], any_of: Option<Value>) -> Value {
    let mut properties = Map::new();
    for k in keys {
        let mut s = kind_schema(k.kind);
        s["description"] = k.doc.into();
        properties.insert(k.name.to_string(), s);
    }
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    let mut o = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    if let Some(a) = any_of {
        o["anyOf"] = a;
    }
    o
}

/// The JSON Schema of event front matter.
pub(crate) fn event_schema() -> Value {
    let mut s = object(EVENT, None);
    let head = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:annals:event-front-matter",
        "title": "annals event front matter",
        "description": "The YAML front matter of an annals event file (content/events/*.md).",
    });
    if let (Value::Object(s), Value::Object(h)) = (&mut s, head) {
        let mut merged = h;
        merged.extend(std::mem::take(s));
        *s = merged;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_described() {
        let schema = event_schema();
        for k in EVENT {
            assert!(schema["properties"][k.name]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()));
        }
        assert_eq!(schema["required"], json!(["title", "date"]));
        assert_eq!(schema["additionalProperties"], json!(false));
    }
}
