//! Parsing the EDTF subset (see the module documentation in `mod.rs`).

use chrono::{Duration, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::{
    year_iso, Bound, DateError, DatePoint, EventDate, Moment, Qualifiers, TimeOfDay, Unspecified,
};

pub(super) fn parse_event_date(text: &str, tz: Tz) -> Result<EventDate, DateError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(DateError::new("the date is empty").hint("write a date such as 2023-07-12"));
    }
    if s.starts_with(['[', '{']) {
        return Err(DateError::new(format!(
            "`{s}`: sets of dates are not supported"
        )));
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_graphic()) {
        let mut e = DateError::new(format!("`{s}` is not a date: unexpected character {c:?}"));
        if c == ' ' {
            e = e.hint("separate a date and a time with `T`, as in 2023-07-12T22:30");
        }
        return Err(e);
    }
    let Some((a, b)) = s.split_once('/') else {
        if s.contains("..") {
            return Err(open_end_error(s));
        }
        return parse_point(s, s, tz).map(EventDate::Point);
    };
    if b.contains('/') {
        // `2023/07/01` is a date written with slashes, not an interval.
        let parts: Vec<&str> = s.split('/').collect();
        let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        let day_like = |i: usize| digits(parts[i], 1..=2);
        if parts.len() == 3
            && ((digits(parts[0], 4..=4) && day_like(1) && day_like(2))
                || (day_like(0) && day_like(1) && digits(parts[2], 4..=4)))
        {
            let [y, m, d] = [parts[0], parts[1], parts[2]];
            // Only a year written first says which of the others is the month.
            let hint = if y.len() == 4 {
                format!("write {y}-{m:0>2}-{d:0>2}; a `/` separates the two ends of an interval")
            } else {
                "write the year first, as YYYY-MM-DD; a `/` separates the two ends of an interval"
                    .into()
            };
            return Err(DateError::new(format!(
                "`{s}` is not a date: dates are written year-month-day with `-`"
            ))
            .hint(hint));
        }
        return Err(DateError::new(format!("`{s}` has more than one `/`"))
            .hint("an interval is two dates separated by one `/`"));
    }
    if let Some(side) = [a, b].into_iter().find(|side| side.contains('Y')) {
        // Neither python-edtf nor edtf.js takes a long year as an interval
        // end; a span is two keys, as for date-times.
        let error = DateError::new(format!(
            "`{s}`: an interval joins four-digit years, not long years (`{side}`)"
        ));
        return Err(if [a, b].iter().all(|x| !x.is_empty() && *x != "..") {
            error.hint(format!(
                "write the start as `date: {a}` and the end as `end: {b}` (two keys)"
            ))
        } else {
            error.hint(format!(
                "write the long year alone, as in `date: {side}`: an open or unknown end cannot be written with it"
            ))
        });
    }
    if let Some(side) = [a, b].into_iter().find(|side| side.contains('T')) {
        return Err(DateError::new(format!(
            "`{s}`: an interval joins dates, not date-times (`{side}` has a time)"
        ))
        .hint(format!(
            "write the start as `date: {a}` and the end as `end: {b}` (two keys)"
        )));
    }
    let start = parse_bound(a, s, tz)?;
    let end = parse_bound(b, s, tz)?;
    match (start, end) {
        (Bound::Point(p), Bound::Point(q)) => {
            super::order::check_order(&p, &q)?;
            Ok(EventDate::Interval { start, end })
        }
        (Bound::Point(_), _) | (_, Bound::Point(_)) => Ok(EventDate::Interval { start, end }),
        _ => Err(DateError::new(format!(
            "the interval `{s}` has no date on either side"
        ))
        .hint("give at least one end, as in 2023-07/.. (still going on) or 2023-07/ (end unknown)")),
    }
}

fn open_end_error(s: &str) -> DateError {
    DateError::new(format!("`{s}` is not a date"))
        .hint("`..` marks an open end of an interval, as in 2023-07/.. or ../2023-07-14")
}

fn parse_bound(side: &str, whole: &str, tz: Tz) -> Result<Bound, DateError> {
    if side.is_empty() {
        return Ok(Bound::Unknown);
    }
    if side == ".." {
        return Ok(Bound::Open);
    }
    if side.contains("..") {
        return Err(open_end_error(whole));
    }
    parse_point(side, whole, tz).map(Bound::Point)
}

fn bad(whole: &str, why: impl std::fmt::Display) -> DateError {
    DateError::new(format!(
        "`{}` is not a valid date: {why}",
        crate::text::shorten(whole, 80)
    ))
}

/// Parses one point; `whole` is the full text, for messages. `s` is ASCII.
fn parse_point(s: &str, whole: &str, tz: Tz) -> Result<DatePoint, DateError> {
    let (body, qualifiers) = match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], q(true, false)),
        Some(b'~') => (&s[..s.len() - 1], q(false, true)),
        Some(b'%') => (&s[..s.len() - 1], q(true, true)),
        _ => (s, q(false, false)),
    };
    if body.ends_with(['?', '~', '%']) {
        return Err(bad(whole, "more than one qualifier")
            .hint("use `%` for a date that is both uncertain and approximate"));
    }
    if body.contains(['?', '~', '%']) {
        return Err(
            bad(whole, "a qualifier (`?`, `~`, `%`) may only end a date")
                .hint("qualifying single parts of a date (EDTF level 2) is not supported"),
        );
    }
    let (date_s, time_s) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut p = parse_date(date_s, whole)?;
    if p.is_long() && qualifiers.any() {
        // Neither python-edtf nor edtf.js qualifies a long year: EDTF's
        // qualifiers belong to four-digit dates.
        return Err(bad(
            whole,
            "a long year cannot be uncertain or approximate (`?`, `~`, `%`)",
        )
        .hint(format!(
            "write {date_s} and say how sure the date is in the text"
        )));
    }
    p.qualifiers = qualifiers;
    if let Some(t) = time_s {
        if qualifiers.any() {
            return Err(bad(whole, "qualifiers apply to dates, not to date-times")
                .hint("drop the time or the qualifier"));
        }
        if p.day.is_none() {
            return Err(bad(whole, "a time needs a full date").hint("as in 2023-07-12T22:30"));
        }
        p.time = Some(parse_time(t, whole)?);
    }
    finish(p, whole, tz)
}

fn q(uncertain: bool, approximate: bool) -> Qualifiers {
    Qualifiers {
        uncertain,
        approximate,
    }
}

/// Parses `YYYY[-MM[-DD]]` with unspecified digits; `earliest`/`latest` are
/// filled in by `finish`.
fn parse_date(s: &str, whole: &str) -> Result<DatePoint, DateError> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if let Some(long) = s.strip_prefix('Y') {
        return long_year(long, whole);
    }
    if let Some(digits) = rest.strip_prefix('Y') {
        return Err(
            bad(whole, "the sign of a long year follows the `Y`").hint(format!("write Y-{digits}"))
        );
    }
    if rest.contains('E') {
        return Err(exponential(whole));
    }
    let mut fields = rest.split('-');
    let year_s = fields.next().unwrap_or("");
    let month_s = fields.next();
    let day_s = fields.next();
    if fields.next().is_some() {
        return Err(bad(whole, "too many parts").hint("write YYYY, YYYY-MM or YYYY-MM-DD"));
    }
    if year_s.len() > 4 && year_s.bytes().all(|b| b.is_ascii_digit()) {
        let sign = if negative { "-" } else { "" };
        let digits = year_s.trim_start_matches('0');
        let hint = if digits.len() > 4 {
            format!("a year of five or more digits is written with a `Y`: Y{sign}{digits}")
        } else {
            format!("write {sign}{digits:0>4}")
        };
        return Err(bad(whole, "a year has exactly four digits").hint(hint));
    }
    if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
        return Err(bad(whole, "a date starts with a four-digit year")
            .hint("as in 2023, -0043 or 2023-07-12"));
    }
    let xs = year_s.bytes().filter(|&b| b == b'X').count();
    let digits = year_s.trim_end_matches('X');
    if digits.len() + xs != 4 || digits.contains('X') {
        return Err(bad(whole, "only the last digits of a year may be X")
            .hint("as in 202X (a decade), 20XX (a century) or 1XXX (a millennium)"));
    }
    let mut year: i64 = 0;
    for b in year_s.bytes() {
        year = year * 10 + if b == b'X' { 0 } else { i64::from(b - b'0') };
    }
    if negative {
        if xs == 4 {
            return Err(bad(whole, "-XXXX is not a year").hint("write XXXX for an unknown year"));
        }
        if year == 0 && xs == 0 {
            return Err(bad(whole, "-0000 is not a year").hint("write 0000 for 1 BCE"));
        }
        // `year` is the first year of the span: -01XX is -0199 to -0100.
        year = -(year + 10i64.pow(xs as u32) - 1);
    }
    let mut p = year_point(year);
    if xs > 0 {
        p.unspecified = Unspecified::YearDigits(xs as u8);
    }
    let Some(month_s) = month_s else {
        return Ok(p);
    };
    if xs > 0 {
        return Err(
            bad(whole, "a year with X digits cannot have a month or day")
                .hint("write 202X for a decade, 20XX for a century, 1XXX for a millennium"),
        );
    }
    match field(month_s, "month", whole)? {
        None => {
            p.unspecified = Unspecified::Month;
            match day_s.map(|d| field(d, "day", whole)).transpose()? {
                None => {}
                Some(None) => p.unspecified = Unspecified::MonthDay,
                Some(Some(_)) => {
                    return Err(bad(whole, "a day cannot follow an unspecified month")
                        .hint("write 2023-XX-XX, or give the month"));
                }
            }
        }
        Some(m) => {
            if (21..=24).contains(&m) {
                if day_s.is_some() {
                    return Err(bad(whole, "a season cannot have a day")
                        .hint("write the season alone, as in 2001-21"));
                }
                p.season = Some(m);
                return Ok(p);
            }
            if (25..=41).contains(&m) {
                return Err(bad(
                    whole,
                    "sub-year groupings other than seasons (EDTF level 2) are not supported",
                )
                .hint(
                    "use a season (21 spring … 24 winter) or an interval such as 2001-03/2001-05",
                ));
            }
            if !(1..=12).contains(&m) {
                return Err(
                    bad(whole, format!("month {m:02} does not exist")).hint("months are 01 to 12")
                );
            }
            p.month = Some(m);
            match day_s.map(|d| field(d, "day", whole)).transpose()? {
                None => {}
                Some(None) => p.unspecified = Unspecified::Day,
                Some(Some(d)) => {
                    let max = days_in_month(year, m);
                    if d == 0 {
                        return Err(bad(whole, "day 00 does not exist").hint(
                            "days are numbered from 01; write 2023-07 for a month with no day",
                        ));
                    }
                    if d > max {
                        let name = super::display::english_month(m);
                        return Err(bad(
                            whole,
                            format!("{name} {} has {max} days", year_iso(year)),
                        ));
                    }
                    p.day = Some(d);
                }
            }
        }
    }
    Ok(p)
}

/// A point of a whole year, its span still to be filled in by `finish`.
fn year_point(year: i64) -> DatePoint {
    DatePoint {
        year,
        month: None,
        season: None,
        day: None,
        time: None,
        unspecified: Unspecified::None,
        qualifiers: Qualifiers::default(),
        earliest: Moment::MAX,
        latest: Moment::MAX,
    }
}

/// A long year after its `Y`: a sign, then five to eleven digits, the first
/// not zero (`Y10000`, `Y-13800000000`), and nothing else: EDTF's long years
/// have no month, day, unspecified digits or (level-1) exponent.
fn long_year(long: &str, whole: &str) -> Result<DatePoint, DateError> {
    let (sign, digits) = match long.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", long),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let (number, rest) = digits.split_at(end);
    if number.is_empty() {
        return Err(bad(whole, "`Y` is followed by the digits of a year")
            .hint("as in Y170000002 or Y-13800000000"));
    }
    if rest.starts_with('E') {
        return Err(exponential(whole));
    }
    if rest.starts_with('S') {
        return Err(
            bad(whole, "significant digits (EDTF level 2) are not supported")
                .hint(format!("write Y{sign}{number}")),
        );
    }
    if rest.starts_with('-') {
        return Err(bad(whole, "a long year has no month or day")
            .hint(format!("write the year alone, Y{sign}{number}")));
    }
    if !rest.is_empty() {
        return Err(bad(whole, "a long year is `Y` and digits only")
            .hint("as in Y170000002 or Y-13800000000"));
    }
    let significant = number.trim_start_matches('0');
    if significant.len() < 5 {
        // `Y2006`: `Y` is only for years that do not fit in four digits.
        return Err(bad(whole, "`Y` marks years of five or more digits")
            .hint(format!("write {sign}{significant:0>4}")));
    }
    if significant.len() < number.len() {
        return Err(bad(whole, "a long year does not start with 0")
            .hint(format!("write Y{sign}{significant}")));
    }
    let magnitude = number
        .parse::<i64>()
        .ok()
        .filter(|m| *m <= super::moment::MAX_YEAR)
        .ok_or_else(|| {
            bad(whole, "the year is out of range")
                .hint("years reach back to Y-99999999999 and forward to Y99999999999")
        })?;
    Ok(year_point(if sign == "-" { -magnitude } else { magnitude }))
}

fn exponential(whole: &str) -> DateError {
    bad(whole, "exponential years (EDTF level 2) are not supported")
        .hint("write all the digits, as in Y170000000 for Y17E7")
}

/// A two-character month or day: `Some(value)` for digits, `None` for `XX`.
fn field(s: &str, what: &str, whole: &str) -> Result<Option<u8>, DateError> {
    let b = s.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_digit) {
        return Ok(Some((b[0] - b'0') * 10 + (b[1] - b'0')));
    }
    if s == "XX" {
        return Ok(None);
    }
    let mut e = bad(whole, format!("a {what} is two digits or XX"));
    if s.contains('X') {
        e = e.hint("partly unspecified months or days (EDTF level 2) are not supported");
    }
    Err(e)
}

fn two_digits(s: &str, at: usize) -> Option<u8> {
    let b = s.as_bytes().get(at..at + 2)?;
    if b.iter().all(u8::is_ascii_digit) {
        Some((b[0] - b'0') * 10 + (b[1] - b'0'))
    } else {
        None
    }
}

/// Parses `hh:mm[:ss][Z|±hh[:mm]]`; an offset not written is `NO_OFFSET`
/// here, resolved in the site's zone by `finish`.
fn parse_time(s: &str, whole: &str) -> Result<TimeOfDay, DateError> {
    let form = || {
        bad(whole, "a time is hh:mm or hh:mm:ss").hint("as in 2023-07-12T22:30 or T22:30:15+03:00")
    };
    let hour = two_digits(s, 0).ok_or_else(form)?;
    if s.as_bytes().get(2) != Some(&b':') {
        return Err(form());
    }
    let minute = two_digits(s, 3).ok_or_else(form)?;
    let mut rest = &s[5..];
    let mut second = None;
    if let Some(r) = rest.strip_prefix(':') {
        second = Some(two_digits(r, 0).ok_or_else(form)?);
        rest = &r[2..];
    }
    if rest.starts_with([',', '.']) {
        return Err(bad(whole, "fractional seconds are not supported"));
    }
    if hour > 23 {
        return Err(bad(
            whole,
            format!("hour {hour:02} does not exist (00 to 23)"),
        ));
    }
    if minute > 59 {
        return Err(bad(
            whole,
            format!("minute {minute:02} does not exist (00 to 59)"),
        ));
    }
    if let Some(sec) = second.filter(|&x| x > 59) {
        return Err(
            bad(whole, format!("second {sec:02} does not exist (00 to 59)"))
                .hint("leap seconds are not supported"),
        );
    }
    let offset = parse_offset(rest, whole)?;
    Ok(TimeOfDay {
        hour,
        minute,
        second,
        offset: offset.unwrap_or(NO_OFFSET),
    })
}

/// Marker for "no offset written" until `finish` resolves it (never a real
/// offset: those are within ±14 h).
const NO_OFFSET: i32 = i32::MIN;

fn parse_offset(s: &str, whole: &str) -> Result<Option<i32>, DateError> {
    if s.is_empty() {
        return Ok(None);
    }
    if s == "Z" {
        return Ok(Some(0));
    }
    let form = || bad(whole, "an offset is Z, ±hh or ±hh:mm").hint("as in +03:00 or -04");
    let sign = match s.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return Err(form()),
    };
    let h = two_digits(s, 1).ok_or_else(form)?;
    let m = match &s[3..] {
        "" => 0,
        r if r.len() == 3 && r.starts_with(':') => two_digits(r, 1).ok_or_else(form)?,
        _ => return Err(form()),
    };
    if m > 59 || h > 14 || (h == 14 && m > 0) {
        return Err(bad(
            whole,
            "an offset is at most +14:00 and at least -12:00",
        ));
    }
    if sign < 0 && (h > 12 || (h == 12 && m > 0)) {
        return Err(bad(
            whole,
            "an offset is at least -12:00 (and at most +14:00)",
        ));
    }
    if sign < 0 && h == 0 && m == 0 {
        return Err(bad(whole, "a negative zero offset is not allowed").hint("write Z or +00:00"));
    }
    Ok(Some(sign * (i32::from(h) * 3600 + i32::from(m) * 60)))
}

pub(super) fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if year.rem_euclid(4) == 0
            && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0) =>
        {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves the offset and computes the span in UTC.
fn finish(mut p: DatePoint, whole: &str, tz: Tz) -> Result<DatePoint, DateError> {
    let range = || bad(whole, "the date is out of range");
    let (last_year, first_month, last_month) = match p.unspecified {
        Unspecified::YearDigits(n) => (p.year + 10i64.pow(u32::from(n)) - 1, 1, 12),
        _ => match p.season {
            // Winter runs from December into the next year's February.
            Some(24) => (p.year + 1, 12, 2),
            Some(s) => (p.year, 3 * (s - 21) + 3, 3 * (s - 21) + 5),
            None => (p.year, p.month.unwrap_or(1), p.month.unwrap_or(12)),
        },
    };
    let first_day = p.day.unwrap_or(1);
    let last_day = p.day.unwrap_or(days_in_month(last_year, last_month));
    let first = Moment::midnight(p.year, first_month, first_day).ok_or_else(range)?;
    let last = Moment::midnight(last_year, last_month, last_day).ok_or_else(range)?;
    let Some(t) = p.time.as_mut() else {
        p.earliest = first;
        p.latest = last.plus(86_399).ok_or_else(range)?;
        return Ok(p);
    };
    let sec = t.second.unwrap_or(0);
    let local = first
        .plus(i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(sec))
        .ok_or_else(range)?;
    if t.offset == NO_OFFSET {
        // Times come with four-digit years only, which chrono holds.
        t.offset = zone_offset(local.to_chrono().ok_or_else(range)?, tz);
    }
    p.earliest = local.plus(-i64::from(t.offset)).ok_or_else(range)?;
    let width = if t.second.is_some() { 0 } else { 59 };
    p.latest = p.earliest.plus(width).ok_or_else(range)?;
    Ok(p)
}

/// Offset of `tz` for a local time: the earlier instant when ambiguous, the
/// offset in force before the gap when the local time does not exist.
pub(super) fn zone_offset(local: NaiveDateTime, tz: Tz) -> i32 {
    use chrono::LocalResult;
    match tz.offset_from_local_datetime(&local) {
        LocalResult::Single(o) => o.fix().local_minus_utc(),
        LocalResult::Ambiguous(a, b) => a.fix().local_minus_utc().max(b.fix().local_minus_utc()),
        LocalResult::None => {
            let before = local.checked_sub_signed(Duration::days(1)).unwrap_or(local);
            tz.offset_from_utc_datetime(&before).fix().local_minus_utc()
        }
    }
}
