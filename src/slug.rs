//! `Slug`: the one way a name becomes part of a URL or a path.
//!
//! A slug holds only `[a-z0-9-]`, never starts or ends with `-` and is never empty,
//! so no slug can climb out of the output folder.

use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Shared text: an actor's or tag's slug is held by every event, list,
/// page route and map that names it, and a clone only counts a reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Slug(Arc<str>);

impl Serialize for Slug {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Longest slug, in bytes (slugs are ASCII).
pub(crate) const MAX_LEN: usize = 96;

impl Slug {
    /// An event's file name and slug, from the day it is filed under and its
    /// title (`2023-07-12-popov-dismissed`); `None` when nothing usable is
    /// left.
    pub(crate) fn for_event(date: &crate::date::EventDate, title: &str) -> Option<Slug> {
        Slug::from_name(&format!("{} {title}", file_prefix(date)))
    }

    /// Transliterates (`Іван Попов` → `ivan-popov`), lowercases and joins words with `-`.
    /// Returns `None` when nothing usable is left (a name made only of punctuation).
    pub(crate) fn from_name(name: &str) -> Option<Slug> {
        let ascii = deunicode::deunicode(name);
        let mut out = String::with_capacity(ascii.len());
        let mut pending_dash = false;
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '\u{2019}' {
                // "Shoigu's" reads better as `shoigus` than `shoigu-s`.
            } else {
                pending_dash = true;
            }
        }
        // File names are limited (255 bytes on most systems): keep slugs well
        // under that, cutting at a word boundary where there is one.
        if out.len() > MAX_LEN {
            let cut = out[..MAX_LEN]
                .rfind('-')
                .filter(|&i| i >= MAX_LEN / 2)
                .unwrap_or(MAX_LEN);
            out.truncate(cut);
        }
        if out.is_empty() {
            None
        } else {
            Some(Slug(out.into()))
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// This slug numbered (`name-2`), cut first where it is long so that the
    /// number survives `MAX_LEN`: names that differ only past the limit still
    /// get slugs of their own, and a numbered slug reads back as itself.
    pub(crate) fn numbered(&self, n: usize) -> Slug {
        let suffix = format!("-{n}");
        let keep = self.0.len().min(MAX_LEN.saturating_sub(suffix.len()));
        let base = self.0[..keep].trim_end_matches('-');
        Slug(format!("{base}{suffix}").into())
    }

    /// The first of this slug, `-2`, `-3`… that `taken` does not hold.
    pub(crate) fn first_free(&self, taken: impl Fn(&Slug) -> bool) -> Slug {
        std::iter::once(self.clone())
            .chain((2..).map(|n| self.numbered(n)))
            .find(|s| !taken(s))
            .unwrap_or_else(|| self.clone())
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The start of the file name: the day the event is filed under, without the
/// time. Years before 1 are counted as `display` counts them (`-0043` is
/// `44 bce`, `0000` is `1 bce`), which also keeps `-0043` apart from `0043`.
pub(crate) fn file_prefix(date: &crate::date::EventDate) -> String {
    use crate::date;
    let Some(p) = date.anchor() else {
        return String::new();
    };
    // An unknown year has no year to name; unknown digits and seasons are
    // named as written (`16xx`, `2001-24`), not by the first year of their
    // span, which no one gave.
    if p.unspecified == date::Unspecified::YearDigits(4) {
        return String::new();
    }
    let written = matches!(p.unspecified, date::Unspecified::YearDigits(_)) || p.season.is_some();
    if written && p.year() >= 0 {
        return p.iso_unqualified().to_lowercase();
    }
    let day: String = p.reduced_iso().chars().take_while(|c| *c != 'T').collect();
    if p.year() > 0 {
        // A long year's ISO form has a `+` (`+170000002`), not a file name's.
        return day.trim_start_matches('+').to_string();
    }
    // `-0043-03-15`: what follows the year is the month and day.
    let month_day = day
        .trim_start_matches('-')
        .split_once('-')
        .map_or("", |(_, rest)| rest);
    format!("{} bce {month_day}", date::year_number(p.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str) -> String {
        Slug::from_name(name)
            .map(|s| s.0.to_string())
            .unwrap_or_default()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// Whatever a name holds (any script, punctuation, control
        /// characters, any length), its slug is `[a-z0-9]` words joined by
        /// single hyphens, at most `MAX_LEN` bytes, and is its own slug.
        #[test]
        fn slugs_are_normal_short_and_their_own_slug(name in "\\PC{0,300}|[a-zA-Z0-9 '-]{90,200}") {
            if let Some(slug) = Slug::from_name(&name) {
                let t = slug.as_str();
                proptest::prop_assert!(!t.is_empty() && t.len() <= MAX_LEN, "{t:?}");
                proptest::prop_assert!(
                    t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{t:?}"
                );
                proptest::prop_assert!(!t.starts_with('-') && !t.ends_with('-') && !t.contains("--"), "{t:?}");
                proptest::prop_assert_eq!(s(t), t);
            } else {
                proptest::prop_assert!(!name.chars().any(|c| c.is_ascii_alphanumeric()), "{name:?}");
            }
        }
    }

    #[test]
    fn transliterates_and_normalises() {
        assert_eq!(s("Ivan Popov"), "ivan-popov");
        assert_eq!(s("Іван Попов"), "ivan-popov");
        assert_eq!(s("Иван Попов"), "ivan-popov");
        assert_eq!(s("58th Combined Arms Army"), "58th-combined-arms-army");
        assert_eq!(s("  ../../etc/passwd "), "etc-passwd");
        assert_eq!(s("Shoigu's order"), "shoigus-order");
        assert_eq!(s("Zaporizhzhia — west"), "zaporizhzhia-west");
        assert_eq!(s("---"), "");
        assert_eq!(s(""), "");
        let long = s(&"word ".repeat(80));
        assert!(long.len() <= MAX_LEN && long.ends_with("word"), "{long}");
        assert_eq!(s(&"a".repeat(300)).len(), MAX_LEN);
    }
}
