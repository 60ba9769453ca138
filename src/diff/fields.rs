//! Nested values compared field by field: an event's sources (matched between
//! the sides by a stable key, so that a corrected date is one source changed,
//! not one added and one removed), its image, location and `extra`, and an
//! actor's or theatre's metadata.

use super::SourceInfo;
use crate::model::identity::Entity;
use crate::parse::event::{Image, ImageSrc, Location};
use serde::Serialize;
use serde_json::Value;

/// One field of a nested value that changed: `date`, `alt`, `page.number`
/// (`extra`'s maps are followed, their keys joined by `.`). `from` is absent
/// when the field was not set before, `to` when it is not set now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FieldChange {
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
}

/// An event's sources: added, removed, and changed in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SourceChanges {
    pub added: Vec<SourceInfo>,
    pub removed: Vec<SourceInfo>,
    pub changed: Vec<SourceChange>,
}

/// A source on both sides, as the head has it, and what changed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SourceChange {
    pub source: SourceInfo,
    pub fields: Vec<FieldChange>,
}

/// Named fields of a nested value, in the order they are written about.
type Fields = Vec<(String, Value)>;

fn text(name: &str, v: Option<&str>, out: &mut Fields) {
    if let Some(v) = v {
        out.push((name.to_string(), Value::String(v.to_string())));
    }
}

fn source_fields(s: &SourceInfo) -> Fields {
    let mut out = Vec::new();
    for (name, v) in [
        ("url", &s.url),
        ("title", &s.title),
        ("publisher", &s.publisher),
        ("date", &s.date),
        ("archive", &s.archive),
        ("quote", &s.quote),
    ] {
        text(name, v.as_deref(), &mut out);
    }
    out
}

fn image_fields(i: &Image) -> Fields {
    let src = match &i.src {
        ImageSrc::Url(u) => u.clone(),
        ImageSrc::File(p) => super::path(p),
    };
    let mut out = vec![("src".to_string(), Value::String(src))];
    text("alt", Some(&i.alt), &mut out);
    text("caption", i.caption.as_deref(), &mut out);
    text("credit", i.credit.as_deref(), &mut out);
    out
}

fn location_fields(l: &Location) -> Fields {
    let mut out = Vec::new();
    text("name", l.name.as_deref(), &mut out);
    for (name, v) in [("lat", l.lat), ("lon", l.lon)] {
        if let Some(n) = v.and_then(serde_json::Number::from_f64) {
            out.push((name.to_string(), Value::Number(n)));
        }
    }
    out
}

/// A JSON value's leaves: maps are followed, anything else is one field.
fn json_fields(prefix: &str, v: &Value, out: &mut Fields) {
    match v {
        Value::Object(map) if !map.is_empty() || prefix.is_empty() => {
            for (k, v) in map {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                json_fields(&name, v, out);
            }
        }
        v => out.push((prefix.to_string(), v.clone())),
    }
}

/// What differs between two sets of fields: the old order, then fields new
/// to the head in its order.
fn compare(old: &Fields, new: &Fields) -> Vec<FieldChange> {
    let find = |fields: &Fields, name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let mut out = Vec::new();
    for (name, v) in old {
        let to = find(new, name);
        if to.as_ref() != Some(v) {
            out.push(FieldChange {
                field: name.clone(),
                from: Some(v.clone()),
                to,
            });
        }
    }
    for (name, v) in new {
        if find(old, name).is_none() {
            out.push(FieldChange {
                field: name.clone(),
                from: None,
                to: Some(v.clone()),
            });
        }
    }
    out
}

fn changed_fields<T>(
    old: Option<&T>,
    new: Option<&T>,
    fields: impl Fn(&T) -> Fields,
) -> Option<Vec<FieldChange>> {
    let changes = compare(
        &old.map(&fields).unwrap_or_default(),
        &new.map(&fields).unwrap_or_default(),
    );
    (!changes.is_empty()).then_some(changes)
}

pub(super) fn image(old: Option<&Image>, new: Option<&Image>) -> Option<Vec<FieldChange>> {
    changed_fields(old, new, image_fields)
}

pub(super) fn location(old: Option<&Location>, new: Option<&Location>) -> Option<Vec<FieldChange>> {
    changed_fields(old, new, location_fields)
}

pub(super) fn extra(old: &Value, new: &Value) -> Option<Vec<FieldChange>> {
    changed_fields(Some(old), Some(new), |v| {
        let mut out = Vec::new();
        json_fields("", v, &mut out);
        out
    })
}

/// What an actor's or theatre's file says besides its name (a new name is a
/// rename): aliases, kind, affiliation, parent, location, description.
fn entity_fields(e: &Entity) -> Fields {
    let mut out = Vec::new();
    if !e.aliases.is_empty() {
        let aliases = e.aliases.iter().cloned().map(Value::String).collect();
        out.push(("aliases".to_string(), Value::Array(aliases)));
    }
    if let Some(kind) = e.kind.and_then(|k| serde_json::to_value(k).ok()) {
        out.push(("kind".to_string(), kind));
    }
    text("affiliation", e.affiliation.as_deref(), &mut out);
    text("parent", e.parent.as_ref().map(|p| p.as_str()), &mut out);
    if let Some(l) = &e.location {
        for (name, v) in location_fields(l) {
            out.push((format!("location.{name}"), v));
        }
    }
    let description = e.description.trim();
    text(
        "description",
        (!description.is_empty()).then_some(description),
        &mut out,
    );
    out
}

pub(super) fn entity(old: &Entity, new: &Entity) -> Option<Vec<FieldChange>> {
    changed_fields(Some(old), Some(new), entity_fields)
}

/// Keys that identify a source across an edit, tried in turn: its URL, its
/// archive, its title and publisher, then (see [`WEAK_KEYS`]) its title, its
/// publisher.
fn source_keys(s: &SourceInfo) -> [Option<String>; 5] {
    let named = s
        .title
        .as_ref()
        .map(|title| format!("{title}\u{0}{}", s.publisher.as_deref().unwrap_or("")));
    [
        s.url.clone(),
        s.archive.clone(),
        named,
        s.title.clone(),
        s.publisher.clone(),
    ]
}

/// The keys from which on a pair must be the only one left with that key on
/// each side: one publisher cited twice is two sources, not one edited.
const WEAK_KEYS: usize = 3;

/// Sources added, removed and changed. Equal sources pair first; then each
/// key of [`source_keys`] pairs what is left, in the head's order. The order
/// of sources is not compared.
pub(super) fn sources(old: &[SourceInfo], new: &[SourceInfo]) -> Option<SourceChanges> {
    let mut old_free = vec![true; old.len()];
    let mut pair_of: Vec<Option<usize>> = vec![None; new.len()];
    let same = |a: &SourceInfo, b: &SourceInfo| a == b;
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| old_free[i] && same(&old[i], n)) {
            old_free[i] = false;
            pair_of[j] = Some(i);
        }
    }
    let old_keys: Vec<_> = old.iter().map(source_keys).collect();
    let new_keys: Vec<_> = new.iter().map(source_keys).collect();
    for k in 0..source_keys(&SourceInfo::default()).len() {
        for j in 0..new.len() {
            let Some(key) = new_keys[j][k].as_ref().filter(|_| pair_of[j].is_none()) else {
                continue;
            };
            let olds: Vec<usize> = (0..old.len())
                .filter(|&i| old_free[i] && old_keys[i][k].as_ref() == Some(key))
                .collect();
            let news = (0..new.len())
                .filter(|&n| pair_of[n].is_none() && new_keys[n][k].as_ref() == Some(key))
                .count();
            let unambiguous = k < WEAK_KEYS || (olds.len() == 1 && news == 1);
            if let Some(&i) = olds.first().filter(|_| unambiguous) {
                old_free[i] = false;
                pair_of[j] = Some(i);
            }
        }
    }
    let changes = SourceChanges {
        added: (0..new.len())
            .filter(|&j| pair_of[j].is_none())
            .map(|j| new[j].clone())
            .collect(),
        removed: (0..old.len())
            .filter(|&i| old_free[i])
            .map(|i| old[i].clone())
            .collect(),
        changed: pair_of
            .iter()
            .enumerate()
            .filter_map(|(j, i)| {
                let i = (*i)?;
                let fields = compare(&source_fields(&old[i]), &source_fields(&new[j]));
                (!fields.is_empty()).then(|| SourceChange {
                    source: new[j].clone(),
                    fields,
                })
            })
            .collect(),
    };
    let any =
        !changes.added.is_empty() || !changes.removed.is_empty() || !changes.changed.is_empty();
    any.then_some(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(url: Option<&str>, title: &str, date: &str) -> SourceInfo {
        SourceInfo {
            url: url.map(str::to_string),
            title: Some(title.to_string()),
            publisher: Some("Reuters".to_string()),
            date: Some(date.to_string()),
            archive: None,
            quote: None,
        }
    }

    #[test]
    fn a_source_edited_in_place_is_one_change() {
        let a = source(Some("https://e.org/a"), "A", "2023-07-12");
        let b = source(Some("https://e.org/b"), "B", "2023-07-12");
        let old = [a.clone(), b.clone()];
        // `a` re-dated, `b`'s URL corrected (paired by title and publisher),
        // and the order changed.
        let a2 = source(Some("https://e.org/a"), "A", "2023-07-13");
        let b2 = source(Some("https://e.org/b2"), "B", "2023-07-12");
        let c = sources(&old, &[b2.clone(), a2.clone()]).unwrap();
        assert!(c.added.is_empty() && c.removed.is_empty());
        assert_eq!(c.changed.len(), 2);
        assert_eq!(c.changed[0].source, b2);
        assert_eq!(
            c.changed[0].fields,
            [FieldChange {
                field: "url".into(),
                from: Some("https://e.org/b".into()),
                to: Some("https://e.org/b2".into()),
            }]
        );
        assert_eq!(c.changed[1].fields[0].field, "date");
        assert_eq!(sources(&old, &[b, a]), None);
    }

    #[test]
    fn unrelated_sources_are_added_and_removed() {
        let a = source(Some("https://e.org/a"), "A", "2023");
        let mut b = source(Some("https://e.org/b"), "B", "2023");
        b.publisher = Some("AP".into());
        let c = sources(std::slice::from_ref(&a), std::slice::from_ref(&b)).unwrap();
        assert_eq!((c.added, c.removed, c.changed), (vec![b], vec![a], vec![]));
    }

    #[test]
    fn a_weak_key_pairs_only_when_it_is_unambiguous() {
        let by = |url: &str| SourceInfo {
            url: Some(url.into()),
            publisher: Some("Reuters".into()),
            ..SourceInfo::default()
        };
        // One Reuters source left on each side: its URL was corrected.
        let c = sources(&[by("a"), by("b")], &[by("a2"), by("b")]).unwrap();
        assert_eq!((c.added.len(), c.removed.len()), (0, 0));
        assert_eq!(c.changed[0].fields[0].field, "url");
        // Two on each side: which became which is a guess, so none is made.
        let c = sources(&[by("a"), by("b")], &[by("c"), by("d")]).unwrap();
        assert_eq!((c.added.len(), c.removed.len(), c.changed.len()), (2, 2, 0));
    }

    #[test]
    fn extra_is_compared_by_leaf() {
        let old = serde_json::json!({"page": {"number": 3, "of": 9}, "gone": true});
        let new = serde_json::json!({"page": {"number": 4, "of": 9}, "new": [1]});
        let fields: Vec<String> = extra(&old, &new)
            .unwrap()
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["gone", "page.number", "new"]);
    }
}
