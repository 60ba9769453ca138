//! Properties of the date order (SPEC §4) over generated dates of every form
//! the parser takes: the order is total (antisymmetric, transitive, every
//! pair comparable), agrees with the calendar, and agrees with what the
//! display says.

use super::*;
use proptest::prelude::*;
use std::cmp::Ordering;

/// A point: a year (BCE too), maybe a month or season, maybe a day, maybe a
/// time, maybe unspecified digits, maybe a qualifier.
fn point() -> impl Strategy<Value = String> {
    (
        -2500i32..=2500,
        prop_oneof![
            Just(None),
            (1u32..=12).prop_map(Some),
            (21u32..=24).prop_map(Some)
        ],
        prop::option::of(1u32..=28),
        prop::option::of((0u32..24, 0u32..60)),
        prop_oneof![4 => Just(""), 1 => Just("?"), 1 => Just("~"), 1 => Just("%")],
        prop_oneof![6 => Just(0usize), 1 => Just(1), 1 => Just(2)],
    )
        .prop_map(|(year, month, day, time, qualifier, unknown)| {
            let mut s = if year < 0 {
                format!("-{:04}", -year)
            } else {
                format!("{year:04}")
            };
            if unknown > 0 && year >= 0 {
                s.truncate(4 - unknown);
                s.push_str(&"X".repeat(unknown));
                return s;
            }
            if let Some(m) = month {
                s.push_str(&format!("-{m:02}"));
                if let (Some(d), true) = (day, m <= 12) {
                    s.push_str(&format!("-{d:02}"));
                    if let (Some((h, min)), true) = (time, qualifier.is_empty() && year > 0) {
                        s.push_str(&format!("T{h:02}:{min:02}:00Z"));
                    }
                }
            }
            s + qualifier
        })
}

/// A point or an interval between two points, or open at either end.
fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => point(),
        1 => (point(), point()).prop_map(|(a, b)| format!("{a}/{b}")),
        1 => point().prop_map(|a| format!("{a}/..")),
        1 => point().prop_map(|b| format!("../{b}")),
    ]
}

/// The order the model sorts by, dates alone (`model::order` adds weight,
/// then slug, between and after these).
fn order(a: &EventDate, b: &EventDate) -> Ordering {
    let (ka, kb) = (a.sort_key(), b.sort_key());
    ka.start_cmp(&kb).then_with(|| ka.end_cmp(&kb))
}

fn parsed(s: &str) -> Option<EventDate> {
    EventDate::parse(s, Tz::UTC).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_order_is_total(a in date(), b in date(), c in date()) {
        let (Some(a), Some(b), Some(c)) = (parsed(&a), parsed(&b), parsed(&c)) else {
            return Ok(());
        };
        prop_assert_eq!(order(&a, &a), Ordering::Equal);
        prop_assert_eq!(order(&a, &b), order(&b, &a).reverse());
        if order(&a, &b) != Ordering::Greater && order(&b, &c) != Ordering::Greater {
            prop_assert_ne!(order(&a, &c), Ordering::Greater);
        }
    }

    #[test]
    fn most_generated_dates_parse(s in point()) {
        // Every generated point is valid EDTF that annals takes, except a
        // season with a day (never generated) and years past its range.
        prop_assert!(parsed(&s).is_some(), "{} does not parse", s);
    }

    #[test]
    fn days_sort_as_the_calendar_does(
        a in (1i32..=9999, 1u32..=12, 1u32..=28),
        b in (1i32..=9999, 1u32..=12, 1u32..=28),
    ) {
        let text = |(y, m, d): (i32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
        let (da, db) = (parsed(&text(a)).unwrap(), parsed(&text(b)).unwrap());
        prop_assert_eq!(order(&da, &db), a.cmp(&b));
    }

    #[test]
    fn years_sort_as_the_display_counts_them(a in -9999i32..=9999, b in -9999i32..=9999) {
        let text = |y: i32| if y < 0 { format!("-{:04}", -y) } else { format!("{y:04}") };
        let (da, db) = (parsed(&text(a)).unwrap(), parsed(&text(b)).unwrap());
        prop_assert_eq!(order(&da, &db), a.cmp(&b));
        // What the reader sees says the same: a later year is shown as a
        // later year (BCE years count down, EDTF's year 0 is 1 BCE).
        let en = Lang::new("en").unwrap();
        let shown = |d: &EventDate| -> i64 {
            let t = d.display(&en).text();
            let n: i64 = t.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap();
            if t.to_lowercase().contains("bc") { -(n - 1) } else { n }
        };
        prop_assert_eq!(shown(&da), i64::from(a));
        prop_assert_eq!(shown(&da).cmp(&shown(&db)), a.cmp(&b));
    }
}
