//! Long years in words (SPEC §4 "Display"): `13.8 billion years ago`,
//! `315,001 BCE`, `170,000,002`, in each display language.
//!
//! * A year of a million or more before year 1 reads as years ago, rounded
//!   to three significant digits with trailing zeros dropped (`65 million
//!   years ago`, `4.54 billion years ago`); other years of five or more
//!   digits are grouped by thousands in the language's way (`315,001 BCE`,
//!   `315 001 av. J.-C.`, `315.001 v. Chr.`).
//! * The count is the one `-0043` → `44 BCE` uses: the astronomical year
//!   `y` is the year `1 - y` BCE, so `Y-315000` is `315,001 BCE` and
//!   `Y-13800000000` is 13,800,000,001 years before year 1. "Years ago"
//!   counts from year 1, not from the build's today: a page must not change
//!   with the clock, and at three significant digits of a million years the
//!   two thousand years between differ only at a rounding boundary.
//! * Grouping and the decimal mark follow CLDR (`,` and `.` in English; a
//!   narrow no-break space and `,` in French; `.` and `,` in German and
//!   Spanish; a no-break space and `,` in Russian and Ukrainian). Four-digit
//!   years are never grouped (`2023`, `9999 BCE`), and neither is anything
//!   in file names ([`super::year_number`]).

/// A unit of "years ago": its words for one and for many, `{n}` the number.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Amount {
    pub(super) one: &'static str,
    pub(super) many: &'static str,
}

/// When a unit takes its singular.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Singular {
    /// Exactly one (`1 Million`, `1,5 Millionen`).
    One,
    /// Below two (French: `1 million`, `1,5 million`, `2 millions`).
    BelowTwo,
}

/// The words of one language for long years.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LongWords {
    /// Between groups of three digits (`315,001`).
    pub(super) group: &'static str,
    /// Before the fraction (`13.8`).
    pub(super) decimal: &'static str,
    pub(super) million: Amount,
    pub(super) billion: Amount,
    pub(super) singular: Singular,
    /// `{n} years ago` alone, as the start of a span that goes on, and as
    /// the end of one that reaches back beyond the record; `{n}` is the
    /// amount (`13.8 billion`).
    pub(super) ago: &'static str,
    pub(super) from_ago: &'static str,
    pub(super) until_ago: &'static str,
}

/// Where a year stands: alone, after "from", after "until".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Alone,
    From,
    Until,
}

pub(super) static EN: LongWords = LongWords {
    group: ",",
    decimal: ".",
    million: Amount {
        one: "{n} million",
        many: "{n} million",
    },
    billion: Amount {
        one: "{n} billion",
        many: "{n} billion",
    },
    singular: Singular::One,
    ago: "{n} years ago",
    from_ago: "since {n} years ago",
    until_ago: "until {n} years ago",
};

pub(super) static FR: LongWords = LongWords {
    group: "\u{202f}",
    decimal: ",",
    million: Amount {
        one: "{n} million",
        many: "{n} millions",
    },
    billion: Amount {
        one: "{n} milliard",
        many: "{n} milliards",
    },
    singular: Singular::BelowTwo,
    ago: "il y a {n} d'années",
    // A span that goes on: `depuis`, as in "depuis 4,54 milliards d'années".
    from_ago: "depuis {n} d'années",
    until_ago: "jusqu'à il y a {n} d'années",
};

pub(super) static DE: LongWords = LongWords {
    group: ".",
    decimal: ",",
    million: Amount {
        one: "{n} Million",
        many: "{n} Millionen",
    },
    billion: Amount {
        one: "{n} Milliarde",
        many: "{n} Milliarden",
    },
    singular: Singular::One,
    ago: "vor {n} Jahren",
    from_ago: "seit {n} Jahren",
    until_ago: "bis vor {n} Jahren",
};

pub(super) static ES: LongWords = LongWords {
    group: ".",
    decimal: ",",
    million: Amount {
        one: "{n} millón",
        many: "{n} millones",
    },
    // `mil millones` is a thousand millions: one of them is `mil millones`.
    billion: Amount {
        one: "mil millones",
        many: "{n} mil millones",
    },
    singular: Singular::One,
    ago: "hace {n} de años",
    from_ago: "desde hace {n} de años",
    until_ago: "hasta hace {n} de años",
};

/// Russian and Ukrainian write the units abbreviated (`млн`, `млрд`), as
/// their press does, which spares the declension of the unit.
pub(super) static RU: LongWords = LongWords {
    group: "\u{a0}",
    decimal: ",",
    million: Amount {
        one: "{n} млн",
        many: "{n} млн",
    },
    billion: Amount {
        one: "{n} млрд",
        many: "{n} млрд",
    },
    singular: Singular::One,
    ago: "{n} лет назад",
    from_ago: "с {n} лет назад",
    until_ago: "до {n} лет назад",
};

pub(super) static UK: LongWords = LongWords {
    group: "\u{a0}",
    decimal: ",",
    million: Amount {
        one: "{n} млн",
        many: "{n} млн",
    },
    billion: Amount {
        one: "{n} млрд",
        many: "{n} млрд",
    },
    singular: Singular::One,
    ago: "{n} років тому",
    from_ago: "з {n} років тому",
    until_ago: "до {n} років тому",
};

/// The astronomical year from which years read as years ago.
const AGO_FROM: i64 = -1_000_000;

/// `13.8 billion years ago` for a year a million or more before year 1;
/// `None` for later years.
pub(super) fn ago(year: i64, w: &LongWords, place: Place) -> Option<String> {
    if year > AGO_FROM {
        return None;
    }
    // Years before year 1: -43 is 44 BCE (see the module documentation).
    let count = 1u64.saturating_add(year.unsigned_abs());
    let pattern = match place {
        Place::Alone => w.ago,
        Place::From => w.from_ago,
        Place::Until => w.until_ago,
    };
    Some(pattern.replace("{n}", &amount(count, w)))
}

/// `13.8 billion`, `65 million`, `1 million`: `count` (a million or more)
/// to three significant digits, in the larger unit it reaches.
fn amount(count: u64, w: &LongWords) -> String {
    let rounded = significant(count, 3);
    let (unit, words) = if rounded >= 1_000_000_000 {
        (1_000_000_000, &w.billion)
    } else {
        (1_000_000, &w.million)
    };
    let whole = rounded / unit;
    // Three significant digits leave at most two after the decimal mark.
    let hundredths = rounded % unit / (unit / 100);
    let mut number = grouped(whole, w);
    if hundredths > 0 {
        let fraction = format!("{hundredths:02}");
        number.push_str(w.decimal);
        number.push_str(fraction.trim_end_matches('0'));
    }
    let one = match w.singular {
        Singular::One => whole == 1 && hundredths == 0,
        Singular::BelowTwo => whole < 2,
    };
    let pattern = if one { words.one } else { words.many };
    pattern.replace("{n}", &number)
}

/// `n` rounded (half up) to `digits` significant digits.
fn significant(n: u64, digits: u32) -> u64 {
    let length = n.checked_ilog10().unwrap_or(0) + 1;
    if length <= digits {
        return n;
    }
    let unit = 10u64.pow(length - digits);
    (n / unit + u64::from(n % unit >= unit / 2)).saturating_mul(unit)
}

/// The digits of `n`, grouped by thousands when there are five or more
/// (`2023`, `10,000`, `315,001`).
pub(super) fn grouped(n: u64, w: &LongWords) -> String {
    let digits = n.to_string();
    if digits.len() < 5 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * w.group.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(w.group);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_significant_digits_in_the_unit_reached() {
        let en = |n| amount(n, &EN);
        assert_eq!(en(13_800_000_001), "13.8 billion");
        assert_eq!(en(4_540_000_000), "4.54 billion");
        assert_eq!(en(65_000_001), "65 million");
        assert_eq!(en(1_000_001), "1 million");
        assert_eq!(en(1_234_567), "1.23 million");
        assert_eq!(en(1_235_000), "1.24 million");
        assert_eq!(en(251_902_000), "252 million");
        assert_eq!(en(999_500_000), "1 billion");
        assert_eq!(en(999_499_999), "999 million");
        assert_eq!(en(100_000_000_000), "100 billion");
        assert_eq!(en(1_050_000_000), "1.05 billion");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(2023, &EN), "2023");
        assert_eq!(grouped(10_000, &EN), "10,000");
        assert_eq!(grouped(315_001, &EN), "315,001");
        assert_eq!(grouped(170_000_002, &DE), "170.000.002");
        assert_eq!(grouped(315_001, &FR), "315\u{202f}001");
        assert_eq!(grouped(315_001, &RU), "315\u{a0}001");
    }

    #[test]
    fn singular_and_plural_units() {
        let all = |n| [&EN, &FR, &DE, &ES, &RU, &UK].map(|w| amount(n, w));
        assert_eq!(
            all(1_000_001),
            [
                "1 million",
                "1 million",
                "1 Million",
                "1 millón",
                "1 млн",
                "1 млн"
            ]
        );
        assert_eq!(
            all(1_500_000),
            [
                "1.5 million",
                "1,5 million",
                "1,5 Millionen",
                "1,5 millones",
                "1,5 млн",
                "1,5 млн"
            ]
        );
        assert_eq!(
            all(1_000_000_001),
            [
                "1 billion",
                "1 milliard",
                "1 Milliarde",
                "mil millones",
                "1 млрд",
                "1 млрд"
            ]
        );
        assert_eq!(
            all(2_000_000_000),
            [
                "2 billion",
                "2 milliards",
                "2 Milliarden",
                "2 mil millones",
                "2 млрд",
                "2 млрд"
            ]
        );
    }

    #[test]
    fn only_a_million_years_and_more_read_as_ago() {
        assert_eq!(ago(-999_999, &EN, Place::Alone), None);
        assert_eq!(
            ago(-1_000_000, &EN, Place::Alone).as_deref(),
            Some("1 million years ago")
        );
        assert_eq!(
            ago(-13_800_000_000, &DE, Place::From).as_deref(),
            Some("seit 13,8 Milliarden Jahren")
        );
        assert_eq!(ago(2023, &EN, Place::Alone), None);
    }
}
