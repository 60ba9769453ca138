//! Years and the spans named after them: eras, ranges of years, winters,
//! centuries and millennia, in a display language (SPEC §4 "Display").

use super::languages::{LangTable, YearMark};
use super::long::{ago, grouped, Place};
use super::{DatePoint, Unspecified};

/// An en dash, spaced when either side has a space or a dash inside.
pub(super) fn dash(a: &str, b: &str) -> &'static str {
    if a.contains([' ', '–']) || b.contains([' ', '–']) {
        " – "
    } else {
        "–"
    }
}

/// The number of a year in its era: `2023`, `44` for -43 (`annals new`
/// names BCE files with it, so file names and pages agree), digits only.
pub(crate) fn year_number(year: i64) -> String {
    era_count(year).to_string()
}

fn era_count(year: i64) -> u64 {
    if year <= 0 {
        1u64.saturating_add(year.unsigned_abs())
    } else {
        year.unsigned_abs()
    }
}

/// The number of a year in its era as a reader sees it: grouped when it has
/// five or more digits (`2023`, `44`, `10,000`, `315,001`).
pub(super) fn year_shown(year: i64, l: &LangTable) -> String {
    grouped(era_count(year), l.long)
}

/// The era mark that follows a year: BCE for years <= 0, CE for positive
/// years with `ce`, else the plain mark (empty or `г.`).
pub(super) fn year_mark(year: i64, l: &LangTable, ce: bool) -> &YearMark {
    if year <= 0 {
        &l.bce
    } else if ce {
        &l.ce
    } else {
        &l.year
    }
}

/// `2023`, `44 BCE`, `14 CE` (with `ce`), `2023 гг.` (with `many`),
/// `315,001 BCE`, `13.8 billion years ago` (`long.rs`).
pub(super) fn year_text(year: i64, l: &LangTable, ce: bool, many: bool) -> String {
    if let Some(text) = ago(year, l.long, Place::Alone) {
        return text;
    }
    let mark = year_mark(year, l, ce);
    let mark = if many { mark.many } else { mark.one };
    format!("{}{mark}", year_shown(year, l))
}

/// A span of years standing for one point (`2000–2099`, `1 BCE – 9 CE`);
/// the era is shared when both ends are in it (`2000–2099 гг.`).
pub(super) fn year_span(first: i64, last: i64, l: &LangTable, ce: bool) -> String {
    if first <= 0 && last > 0 {
        let (a, b) = (
            year_text(first, l, false, false),
            year_text(last, l, true, false),
        );
        return format!("{a}{}{b}", dash(&a, &b));
    }
    let a = year_shown(first, l);
    let b = year_text(last, l, ce, true);
    // A CE mark counts as part of the ranging item (`2000 – 2099 CE`).
    let head_b = if ce {
        b.as_str()
    } else {
        &*year_shown(last, l)
    };
    format!("{a}{}{b}", dash(&a, head_b))
}

/// The two years a winter spans: `2001–02` (English style, within a
/// century), `2001–2002 гг.`, `45–44 BCE`.
pub(super) fn winter_years(first: i64, l: &LangTable, ce: bool) -> String {
    let last = first + 1;
    if l.winter_short && first > 0 && first / 100 == last / 100 && !ce {
        return format!("{first}–{:02}", last % 100);
    }
    year_span(first, last, l, ce)
}

/// `17th century`, `2nd millennium`, `II век до н. э.`, `unknown year`
/// (`XXXX`), from `patterns` (century, millennium). The count is the conventional one: `16XX` (1600–1699) is the
/// 17th century, `-01XX` (200–101 BCE) the 2nd century BCE.
pub(super) fn centuries(p: &DatePoint, l: &LangTable, patterns: (&str, &str)) -> String {
    let Unspecified::YearDigits(n) = p.unspecified else {
        return year_text(p.year, l, false, false);
    };
    if n >= 4 {
        return l.unknown_year.to_string();
    }
    let width = 10i64.pow(u32::from(n));
    let first = p.year;
    // BCE spans count back from their last year (`-01XX` is -199..-100).
    let (number, era) = if first < 0 {
        ((-(first + width - 1)) / width + 1, l.era_bce)
    } else {
        (first / width + 1, "")
    };
    let pattern = if n == 3 { patterns.1 } else { patterns.0 };
    let roman = roman(number);
    let text = pattern
        .replace("{th}", &english_ordinal(number))
        .replace(
            "{e}",
            &format!("{roman}{}", if number == 1 { "er" } else { "e" }),
        )
        .replace("{n}", &number.to_string())
        .replace("{R}", &roman);
    format!("{text}{era}")
}

/// `1st`, `2nd`, `3rd`, `11th`, `21st`.
fn english_ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `XVII`; centuries and millennia of four-digit years stay below 101.
fn roman(mut n: i64) -> String {
    const DIGITS: [(i64, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}
