//! Theme strings in the site's language: the theme's `strings` table from
//! `theme.yaml`, English under the chosen language key by key, and the plural
//! rules that counts need ("1 event", "5 событий").

use serde_json::{Map, Value};

/// The strings templates see as `t`, and Rust-side page titles use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Strings {
    lang: String,
    map: Map<String, Value>,
}

/// CLDR plural category of `n` for a language (the few rules annals needs).
pub(crate) fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        "ru" | "uk" | "be" => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                "one"
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                "few"
            } else {
                "many"
            }
        }
        "fr" if n <= 1 => "one",
        "fr" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// CLDR's plural categories: the keys of a string with a count.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Whether `map` holds the forms of a count (`{one: …, few: …, many: …}`).
fn is_plural(map: &Map<String, Value>) -> bool {
    !map.is_empty() && map.keys().all(|k| CATEGORIES.contains(&k.as_str()))
}

/// `over` on top of `base`, key by key; a language's plural forms replace
/// English's whole, so no English `other` hides among Ukrainian forms.
fn merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) if !is_plural(o) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// A theme's `strings` table (`{en: {...}, fr: {...}}`) over the table of the
/// theme it extends, language by language and key by key, as a language goes
/// over English: a string with a count that the extending theme gives
/// replaces the forms it extends whole, so no form of one theme's wording
/// is left among the other's.
pub(crate) fn merge_tables(base: &mut Value, over: &Value) {
    let Value::Object(over) = over else {
        return;
    };
    if !base.is_object() {
        *base = Value::Object(Map::new());
    }
    let Value::Object(base) = base else {
        return;
    };
    for (lang, strings) in over {
        match (base.get_mut(lang), strings) {
            (Some(Value::Object(b)), Value::Object(o)) => merge(b, o),
            _ => {
                base.insert(lang.clone(), strings.clone());
            }
        }
    }
}

impl Strings {
    /// `table` is the theme's `strings` map (`{en: {...}, fr: {...}}`).
    pub(crate) fn new(table: &Value, language: &str) -> Strings {
        let lang = language
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        let mut map = Map::new();
        if let Some(Value::Object(en)) = table.get("en") {
            merge(&mut map, en);
        }
        if let Some(Value::Object(own)) = table.get(&lang) {
            merge(&mut map, own);
        }
        Strings { lang, map }
    }

    pub(crate) fn as_value(&self) -> Value {
        Value::Object(self.map.clone())
    }

    /// The string at `key`, with `{name}` placeholders filled; the key itself
    /// when the theme lacks it, so a gap shows instead of breaking the page.
    pub(crate) fn get(&self, key: &str, args: &[(&str, &str)]) -> String {
        match self.map.get(key) {
            Some(Value::String(s)) => fill(s, args),
            _ => fill(key, args),
        }
    }

    /// `12 events`: the count with the form its plural category takes. The
    /// entry is a map of CLDR categories (`one`, `few`, `many`, `other`).
    pub(crate) fn count(&self, n: u64, key: &str) -> String {
        let category = plural_category(&self.lang, n);
        let form = match self.map.get(key) {
            Some(Value::Object(forms)) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .or_else(|| forms.get("many"))
                .and_then(Value::as_str)
                .unwrap_or(key)
                .to_string(),
            Some(Value::String(s)) => s.clone(),
            _ => key.to_string(),
        };
        format!("{n} {form}")
    }
}

/// `template` with each `{name}` replaced by its argument, in one pass over
/// the template: a value is never read again, so a title that contains
/// `{total}` is printed as written. A `{…}` that names no argument stays.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = args.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_rules() {
        let cats: Vec<_> = [0, 1, 2, 5, 11, 21, 22, 25, 112]
            .iter()
            .map(|n| plural_category("ru", *n))
            .collect();
        assert_eq!(
            cats,
            ["many", "one", "few", "many", "many", "one", "few", "many", "many"]
        );
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("fr", 0), "one");
    }

    #[test]
    fn placeholders_are_filled_once() {
        let table = serde_json::json!({"en": {
            "page_of": "{title} (page {current} of {total})",
            "braces": "{} {{name}} {unknown} {name",
        }});
        let s = Strings::new(&table, "en");
        let args = [
            ("title", "Team {current}"),
            ("current", "2"),
            ("total", "3"),
        ];
        assert_eq!(s.get("page_of", &args), "Team {current} (page 2 of 3)");
        // A value naming its own placeholder, or one filled before it.
        assert_eq!(
            s.get(
                "page_of",
                &[("title", "{title}"), ("current", "{total}"), ("total", "3")]
            ),
            "{title} (page {total} of 3)"
        );
        // What names no argument is written as it was, braces included.
        assert_eq!(s.get("braces", &[("name", "X")]), "{} {X} {unknown} {name");
        assert_eq!(s.get("missing {name}", &[("name", "X")]), "missing X");
    }

    #[test]
    fn an_extending_theme_adds_strings_and_replaces_counts_whole() {
        let mut table = serde_json::json!({
            "en": {"actors": "Actors", "event": {"one": "event", "other": "events"}},
            "ru": {"actors": "Участники", "event": {"one": "событие", "few": "события", "many": "событий"}}
        });
        merge_tables(
            &mut table,
            &serde_json::json!({
                "en": {"date": "Date", "event": {"other": "records"}},
                "ru": {"date": "Дата"},
                "uk": {"date": "Дата"}
            }),
        );
        let ru = Strings::new(&table, "ru");
        assert_eq!(ru.get("date", &[]), "Дата");
        assert_eq!(ru.get("actors", &[]), "Участники");
        assert_eq!(ru.count(5, "event"), "5 событий");
        let en = Strings::new(&table, "en");
        assert_eq!(en.get("actors", &[]), "Actors");
        // The extending theme's forms, not a mix with the parent's `one`.
        assert_eq!(en.count(1, "event"), "1 records");
        assert_eq!(Strings::new(&table, "uk").get("date", &[]), "Дата");
    }

    #[test]
    fn falls_back_to_english_key_by_key() {
        let table = serde_json::json!({
            "en": {"actors": "Actors", "tags": "Tags", "event": {"one": "event", "other": "events"}},
            "ru": {"actors": "Участники", "event": {"one": "событие", "few": "события", "many": "событий"}}
        });
        let s = Strings::new(&table, "ru-RU");
        assert_eq!(s.get("actors", &[]), "Участники");
        assert_eq!(s.get("tags", &[]), "Tags");
        assert_eq!(s.count(5, "event"), "5 событий");
        assert_eq!(s.count(22, "event"), "22 события");
        // Forms are replaced whole: English's `other` is not among them.
        assert_eq!(
            s.as_value()["event"],
            serde_json::json!({"one": "событие", "few": "события", "many": "событий"})
        );
        let en = Strings::new(&table, "en");
        assert_eq!(en.count(1, "event"), "1 event");
        assert_eq!(en.get("missing", &[]), "missing");
    }
}
