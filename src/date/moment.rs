//! [`Moment`]: a UTC instant as whole seconds since 1970-01-01T00:00:00Z on
//! the proleptic Gregorian calendar, in an `i64`.
//!
//! chrono stops at ±262,143 years; long years go back 13.8 billion (SPEC §4).
//! i64 seconds reach ±292 billion years and days-from-civil in i64 is exact
//! for every year the parser takes ([`MAX_YEAR`]), so the order of dates is
//! one integer comparison at any distance. Consumers that need a calendar
//! (feeds, iCalendar, the chart's month and day ticks) convert with
//! [`Moment::to_chrono`], which says `None` where chrono cannot follow.

use chrono::{NaiveDate, NaiveDateTime};

/// The largest year magnitude a date may have: eleven digits (the age of
/// the universe, `Y-13800000000`, has eleven). It keeps every moment, and
/// the difference of any two, well inside `i64` seconds.
pub(crate) const MAX_YEAR: i64 = 99_999_999_999;

const DAY: i64 = 86_400;

/// A UTC instant, whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Moment(i64);

impl Moment {
    /// Later than every date: what sorts last.
    pub(crate) const MAX: Moment = Moment(i64::MAX);

    pub(crate) fn from_seconds(seconds: i64) -> Moment {
        Moment(seconds)
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    pub(crate) fn seconds(self) -> i64 {
        self.0
    }

    /// Whole days since 1970-01-01 of the UTC day the moment falls in.
    pub(crate) fn days(self) -> i64 {
        self.0.div_euclid(DAY)
    }

    /// Midnight UTC at the start of a day; `None` for a month or day out of
    /// range or a year beyond [`MAX_YEAR`].
    pub(crate) fn midnight(year: i64, month: u8, day: u8) -> Option<Moment> {
        days_from_civil(year, month, day)?
            .checked_mul(DAY)
            .map(Moment)
    }

    /// The moment `seconds` later (earlier when negative); `None` on overflow.
    pub(crate) fn plus(self, seconds: i64) -> Option<Moment> {
        self.0.checked_add(seconds).map(Moment)
    }

    /// The UTC calendar day: astronomical year, month 1–12, day 1–31.
    pub(crate) fn ymd(self) -> (i64, u8, u8) {
        civil_from_days(self.days())
    }

    /// The UTC date of the moment, astronomical year: `2023-07-12`,
    /// `-0043-03-15`, `-13800000000-01-01` (ISO 8601's expanded years: a
    /// sign and all the digits, for years beyond four).
    pub(crate) fn iso_day(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{}-{m:02}-{d:02}", iso_year(y))
    }

    /// The same instant for chrono; `None` beyond the years chrono holds.
    pub(crate) fn to_chrono(self) -> Option<NaiveDateTime> {
        chrono::DateTime::from_timestamp(self.0, 0).map(|t| t.naive_utc())
    }

    pub(crate) fn from_chrono(t: NaiveDateTime) -> Moment {
        Moment(t.and_utc().timestamp())
    }

    /// The UTC date for chrono; `None` beyond the years chrono holds.
    pub(crate) fn to_chrono_date(self) -> Option<NaiveDate> {
        self.to_chrono().map(|t| t.date())
    }
}

/// `2023-07-12 22:30:00`, as chrono writes a `NaiveDateTime` (for messages
/// and tests).
impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        let s = self.0.rem_euclid(DAY);
        let year = if y < 0 {
            format!("-{:04}", y.unsigned_abs())
        } else {
            format!("{y:04}")
        };
        write!(
            f,
            "{year}-{m:02}-{d:02} {:02}:{:02}:{:02}",
            s / 3600,
            s % 3600 / 60,
            s % 60
        )
    }
}

/// An astronomical year in ISO 8601: four digits (`2023`, `-0043`), or
/// beyond them the expanded form with its sign (`+170000002`,
/// `-13800000000`).
pub(crate) fn iso_year(year: i64) -> String {
    match year {
        0..=9999 => format!("{year:04}"),
        -9999..=-1 => format!("-{:04}", year.unsigned_abs()),
        y if y > 0 => format!("+{y}"),
        y => format!("-{}", y.unsigned_abs()),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`); `None` for a month or day out of range or a year
/// beyond [`MAX_YEAR`].
pub(crate) fn days_from_civil(year: i64, month: u8, day: u8) -> Option<i64> {
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || !(-MAX_YEAR..=MAX_YEAR).contains(&year)
    {
        return None;
    }
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The proleptic Gregorian date of a day since 1970-01-01 (the inverse of
/// [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // `month` is 1..=12 and `day` 1..=31 by construction.
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn agrees_with_chrono_where_chrono_reaches() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2023, 7, 12),
            (2000, 2, 29),
            (1900, 3, 1),
            (0, 1, 1),
            (-43, 3, 15),
            (-44, 2, 29),
            (-9999, 1, 1),
            (9999, 12, 31),
            (-262_143, 1, 1),
            (262_142, 12, 31),
        ] {
            let ours = Moment::midnight(y, m, d).unwrap();
            let theirs = NaiveDate::from_ymd_opt(y as i32, u32::from(m), u32::from(d))
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            assert_eq!(ours, Moment::from_chrono(theirs), "{y}-{m}-{d}");
            assert_eq!(ours.to_chrono(), Some(theirs));
            assert_eq!(ours.ymd(), (y, m, d));
            assert_eq!(
                ours.to_chrono_date().map(|d| d.year()),
                Some(y as i32),
                "{y}"
            );
        }
    }

    #[test]
    fn long_years_round_trip_and_stay_in_order() {
        let mut last = None;
        for y in [
            -MAX_YEAR,
            -13_800_000_000,
            -4_600_000_000,
            -262_144,
            -10_000,
            10_000,
            170_000_002,
            MAX_YEAR,
        ] {
            let jan = Moment::midnight(y, 1, 1).unwrap();
            let dec = Moment::midnight(y, 12, 31).unwrap();
            assert_eq!(jan.ymd(), (y, 1, 1));
            assert_eq!(dec.ymd(), (y, 12, 31));
            assert_eq!(
                dec.days() - jan.days(),
                364 + i64::from(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
            );
            assert!(last < Some(jan), "{y}");
            last = Some(dec);
        }
        assert_eq!(Moment::midnight(-262_145, 1, 1).unwrap().to_chrono(), None);
        assert_eq!(Moment::midnight(MAX_YEAR + 1, 1, 1), None);
        assert_eq!(
            Moment::midnight(-13_800_000_000, 1, 1).unwrap().iso_day(),
            "-13800000000-01-01"
        );
        assert_eq!(
            Moment::midnight(170_000_002, 12, 31).unwrap().iso_day(),
            "+170000002-12-31"
        );
        assert_eq!(
            Moment::midnight(-43, 3, 15).unwrap().iso_day(),
            "-0043-03-15"
        );
        assert_eq!(
            Moment::midnight(-44, 2, 29)
                .unwrap()
                .plus(86_399)
                .unwrap()
                .to_string(),
            "-0044-02-29 23:59:59"
        );
    }
}
