//! Rendering dates in a site language (SPEC §4 "Display").

use super::languages::{nth_month, LangTable, Prefix, EN, LANGUAGES};
use super::long::{ago, Place};
use super::moment::iso_year;
use super::years::{centuries, dash, winter_years, year_shown, year_span, year_text};
use super::{Bound, DatePoint, EventDate, Precision, TimeOfDay, Unspecified};

/// English month name (1–12), for error messages.
pub(super) fn english_month(month: u8) -> &'static str {
    nth_month(EN.months, month)
}

/// A display language for dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lang {
    table: &'static LangTable,
}

impl Lang {
    /// The language for a code such as `en`, `en-GB` or `EN_us` (only the
    /// primary subtag counts); `None` when there is no table for it.
    pub(crate) fn new(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|t| t.code == primary)
            .map(|table| Lang { table })
    }

    /// The primary language subtag, e.g. `en`.
    #[cfg(test)]
    pub(crate) fn code(&self) -> &'static str {
        self.table.code
    }

    /// The name of month 1–12 (clamped) on its own, as in a "Month Year"
    /// heading: `July`, `juillet`, `Juli`, `julio`, `июль` (nominative).
    #[cfg(test)]
    pub(crate) fn month_name(&self, month: u8) -> &'static str {
        nth_month(self.table.months, month)
    }

    /// A month as an axis label, abbreviated (CLDR) and, as a label
    /// begins, with a capital: `Jul 2023`, `Juil. 2023`, `Июль 2023 г.`,
    /// `Mar 44 BCE`. Month 1–12 (clamped); `year` astronomical.
    pub(crate) fn short_month_year(&self, month: u8, year: i64) -> String {
        let l = self.table;
        let label = format!(
            "{} {}",
            nth_month(l.months_short, month),
            year_text(year, l, false, false)
        );
        DateDisplay {
            parts: vec![DisplayPart::Text(label)],
        }
        .capitalised()
        .text()
    }

    /// A day as an axis label, abbreviated: `12 Jul`, `12. März`, `12 мая`;
    /// with `year`, `12 Jul 2023`, `15 Mar 44 BCE`.
    pub(crate) fn short_day(&self, day: u8, month: u8, year: Option<i64>) -> String {
        let l = self.table;
        let mut label = format!(
            "{day}{} {}",
            l.day_suffix,
            nth_month(l.months_short_after_day, month)
        );
        if let Some(y) = year {
            label.push(' ');
            label.push_str(&year_text(y, l, false, false));
        }
        label
    }

    /// The supported language codes (primary subtags), English first.
    pub(crate) fn codes() -> Vec<&'static str> {
        LANGUAGES.iter().map(|t| t.code).collect()
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang { table: &EN }
    }
}

/// A rendered date: text with the points marked, for plain text or HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateDisplay {
    pub parts: Vec<DisplayPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DisplayPart {
    /// Words and separators around the points.
    Text(String),
    /// One point that HTML can date: `iso` is the value of its `datetime`
    /// attribute, `text` its part of the display.
    Time { iso: String, text: String },
    /// One point that HTML's `datetime` cannot express (years before 1 or
    /// after 9999, unknown digits of a year): `edtf` is its EDTF value, for
    /// `<data value>` (SPEC §4).
    Data { edtf: String, text: String },
}

impl DateDisplay {
    /// Plain text, e.g. `c. 10–14 July 2023`.
    pub(crate) fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                DisplayPart::Text(t)
                | DisplayPart::Time { text: t, .. }
                | DisplayPart::Data { text: t, .. } => t.as_str(),
            })
            .collect()
    }

    /// HTML: text escaped, each point in `<time datetime="…">`, or in
    /// `<data value="…">` with its EDTF value where HTML cannot date it.
    pub(crate) fn html(&self) -> String {
        let esc = crate::escape::html;
        let mut out = String::new();
        for p in &self.parts {
            match p {
                DisplayPart::Text(t) => out.push_str(&esc(t)),
                DisplayPart::Time { iso, text } => {
                    out.push_str(&format!(
                        "<time datetime=\"{}\">{}</time>",
                        esc(iso),
                        esc(text)
                    ));
                }
                DisplayPart::Data { edtf, text } => {
                    out.push_str(&format!(
                        "<data value=\"{}\">{}</data>",
                        esc(edtf),
                        esc(text)
                    ));
                }
            }
        }
        out
    }

    /// The display as a heading begins: its first letter a capital
    /// (`Липень 2023 р.`, `Juillet 2023`). Every language annals has writes
    /// month names in lower case inside a sentence but capitalises the start
    /// of a heading (CLDR's stand-alone context); dates inside a sentence
    /// keep the plain display.
    pub(crate) fn capitalised(mut self) -> DateDisplay {
        if let Some(first) = self.parts.first_mut() {
            let (DisplayPart::Text(t)
            | DisplayPart::Time { text: t, .. }
            | DisplayPart::Data { text: t, .. }) = first;
            let mut chars = t.chars();
            if let Some(c) = chars.next() {
                *t = c.to_uppercase().chain(chars).collect();
            }
        }
        self
    }

    fn text_part(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if let Some(DisplayPart::Text(last)) = self.parts.last_mut() {
            last.push_str(t);
        } else {
            self.parts.push(DisplayPart::Text(t.to_string()));
        }
    }

    fn time_part(&mut self, p: &DatePoint, text: String) {
        self.parts.push(match p.html_datetime() {
            Some(iso) => DisplayPart::Time { iso, text },
            None => DisplayPart::Data {
                edtf: p.iso(),
                text,
            },
        });
    }
}

impl DatePoint {
    /// The point at the precision it is known to, as an ISO 8601 value: no
    /// qualifiers, unknown month or day digits dropped (`2023-07-XX` →
    /// `2023-07`), unknown year digits as the start of their span (`202X` →
    /// `2020`), times with their offset (`2023-07-12T22:30+03:00`), years
    /// before 1 as astronomical years (`-0043`, `0000`), long years in ISO
    /// 8601's expanded form (`-13800000000`, `+170000002`).
    pub(crate) fn reduced_iso(&self) -> String {
        if self.time.is_some() {
            // Only fully specified dates carry a time: same as the EDTF text.
            return self.iso_unqualified();
        }
        let mut s = iso_year(self.year);
        if let Some(m) = self.month() {
            s.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!("-{d:02}"));
        }
        s
    }

    /// Whether the point is a date HTML (and ISO 8601 without expansion)
    /// can write at its own precision: a year from 1 to 9999, all of its
    /// digits known, not a season (HTML has no seasons).
    pub(crate) fn is_calendar_date(&self) -> bool {
        (1..=9999).contains(&self.year)
            && !matches!(self.unspecified, Unspecified::YearDigits(_))
            && self.season.is_none()
    }

    /// The value for an HTML `datetime` attribute ([`Self::reduced_iso`]);
    /// `None` where HTML has no form for it ([`Self::is_calendar_date`]).
    pub(crate) fn html_datetime(&self) -> Option<String> {
        self.is_calendar_date().then(|| self.reduced_iso())
    }
}

/// Renders a whole date.
pub(super) fn display(date: &EventDate, lang: &Lang) -> DateDisplay {
    let l = lang.table;
    let mut out = DateDisplay { parts: Vec::new() };
    match date {
        EventDate::Point(p) => qualified(&mut out, l, p, Lead::None, false),
        EventDate::Interval { start, end } => match (start, end) {
            (Bound::Point(a), Bound::Point(b)) => interval(&mut out, l, a, b),
            (Bound::Point(a), Bound::Open) => qualified(&mut out, l, a, Lead::From, false),
            (Bound::Open, Bound::Point(b)) => qualified(&mut out, l, b, Lead::Until, false),
            // An end the sources do not give: the same `?` in every language.
            (Bound::Point(a), Bound::Unknown) => {
                qualified(&mut out, l, a, Lead::None, false);
                out.text_part(" – ?");
            }
            (_, Bound::Point(b)) => {
                out.text_part("? – ");
                qualified(&mut out, l, b, Lead::None, false);
            }
            // Never built by the parser.
            _ => out.text_part(".."),
        },
    }
    out
}

/// The words before a point, besides the approximate prefix.
#[derive(Clone, Copy)]
enum Lead {
    None,
    From,
    Until,
}

/// The forms of month names and decades that follow: alone, or after a
/// prefix (which may govern a case).
#[derive(Clone, Copy)]
struct Forms {
    months: &'static str,
    seasons: &'static str,
    decade: &'static str,
    century: &'static str,
    millennium: &'static str,
}

impl Forms {
    fn alone(l: &LangTable) -> Forms {
        Forms {
            months: l.months,
            seasons: l.seasons,
            decade: l.decade,
            century: l.century,
            millennium: l.millennium,
        }
    }

    fn after(l: &LangTable, prefix: Option<&Prefix>) -> Forms {
        match prefix {
            None => Forms::alone(l),
            Some(p) => Forms {
                months: if l.prefix_governs_month {
                    l.months_after_day
                } else {
                    l.months
                },
                seasons: if l.prefix_governs_month {
                    l.seasons_after_prefix
                } else {
                    l.seasons
                },
                decade: p.decade_form.unwrap_or(l.decade_after_prefix),
                century: l.century_after_prefix,
                millennium: l.millennium_after_prefix,
            },
        }
    }
}

/// The prefix before a point, if any.
fn prefix(l: &LangTable, lead: Lead, approximate: bool) -> Option<&Prefix> {
    match (lead, approximate) {
        (Lead::None, false) => None,
        (Lead::None, true) => Some(&l.circa),
        (Lead::From, false) => Some(&l.from),
        (Lead::From, true) => Some(&l.from_circa),
        (Lead::Until, false) => Some(&l.until),
        (Lead::Until, true) => Some(&l.until_circa),
    }
}

/// The word of `prefix` that fits the point after it.
fn prefix_word(prefix: &Prefix, p: &DatePoint) -> &'static str {
    match p.precision() {
        Precision::Millennium | Precision::Century => prefix.century.unwrap_or(prefix.year),
        Precision::Decade if p.year <= 0 => prefix.year,
        Precision::Decade => prefix.decade,
        Precision::Year => prefix.year,
        Precision::Season => p
            .season
            .and_then(|s| prefix.season_overrides.iter().find(|(n, _)| *n == s))
            .map_or(prefix.season.unwrap_or(prefix.month), |(_, w)| w),
        Precision::Month => prefix.month,
        Precision::Day | Precision::Minute | Precision::Second => p
            .day
            .and_then(|d| prefix.day_overrides.iter().find(|(n, _)| *n == d))
            .map_or(prefix.day, |(_, w)| w),
    }
}

/// One point with its own qualifiers, after `lead`.
fn qualified(out: &mut DateDisplay, l: &LangTable, p: &DatePoint, lead: Lead, ce: bool) {
    let q = p.qualifiers;
    if p.unspecified == Unspecified::YearDigits(4) {
        let text = match lead {
            Lead::None => l.unknown_year,
            Lead::From => l.from_unknown_year,
            Lead::Until => l.until_unknown_year,
        };
        out.time_part(p, text.to_string());
        if q.uncertain {
            out.text_part(l.uncertain);
        }
        return;
    }
    let place = match lead {
        Lead::None => Place::Alone,
        Lead::From => Place::From,
        Lead::Until => Place::Until,
    };
    // "Years ago" carries its own preposition (`seit 13,8 Milliarden
    // Jahren`); long years take no qualifier, so there is no "c." to add.
    if let Some(text) = ago(p.year, l.long, place) {
        out.time_part(p, text);
        return;
    }
    let pre = prefix(l, lead, q.approximate);
    if let Some(pre) = pre {
        out.text_part(prefix_word(pre, p));
    }
    out.time_part(p, full(p, l, Forms::after(l, pre), ce));
    if q.uncertain {
        out.text_part(l.uncertain);
    }
}

fn interval(out: &mut DateDisplay, l: &LangTable, a: &DatePoint, b: &DatePoint) {
    let (qa, qb) = (a.qualifiers, b.qualifiers);
    if qa == qb && (same_span(a, b) || same_text(a, b, l)) {
        // `2023-07-12/2023-07-12` is one day: `12–12 July` says it twice.
        qualified(out, l, a, Lead::None, false);
    } else if qa == qb {
        // One set of qualifiers for the whole span, around the compact form.
        let pre = prefix(l, Lead::None, qa.approximate);
        if let Some(pre) = pre {
            out.text_part(prefix_word(pre, a));
        }
        let (ta, tb, sep) = compact(a, b, l, Forms::after(l, pre));
        out.time_part(a, ta);
        out.text_part(sep);
        out.time_part(b, tb);
        if qa.uncertain {
            out.text_part(l.uncertain);
        }
    } else {
        // Different qualifiers: each side its own, no sharing.
        qualified(out, l, a, Lead::None, false);
        out.text_part(" – ");
        qualified(out, l, b, Lead::None, crosses_era(a, b));
    }
}

/// Whether two points denote the same span of time at the same precision:
/// the same day, month or year, or the same instant written in two offsets.
fn same_span(a: &DatePoint, b: &DatePoint) -> bool {
    a.precision() == b.precision() && a.earliest == b.earliest && a.latest == b.latest
}

/// Whether two points read the same (`22:30:00` and `22:30`).
fn same_text(a: &DatePoint, b: &DatePoint, l: &LangTable) -> bool {
    full(a, l, Forms::alone(l), false) == full(b, l, Forms::alone(l), false)
}

fn crosses_era(a: &DatePoint, b: &DatePoint) -> bool {
    // `XXXX` starts in year 0 but names no era.
    a.year <= 0 && b.year > 0 && a.unspecified != Unspecified::YearDigits(4)
}

/// The two texts of an interval, sharing the year (and month) when both
/// points are plain dates of the same precision, and the dash between them:
/// spaced when either ranging item (the texts without the shared part) has a
/// space inside: `10–14 July 2023`, `12 July – 3 August 2023`,
/// `10.–14. Juli 2023`, `2022–2023 гг.`.
fn compact(
    a: &DatePoint,
    b: &DatePoint,
    l: &LangTable,
    forms: Forms,
) -> (String, String, &'static str) {
    if let Some(texts) = same_day_times(a, b, l, forms) {
        return texts;
    }
    // Long years are not shared (`13.8 billion years ago – 2023 CE`): a
    // "years ago" has no era to share.
    let plain =
        |p: &DatePoint| p.unspecified == Unspecified::None && p.time.is_none() && !p.is_long();
    if !plain(a) || !plain(b) || a.precision() != b.precision() {
        let ta = full(a, l, forms, false);
        let tb = full(b, l, forms, crosses_era(a, b));
        let sep = dash(&ta, &tb);
        return (ta, tb, sep);
    }
    let same_year = a.year == b.year;
    let month = |p: &DatePoint| p.month.map_or("", |m| nth_month(forms.months, m));
    let day_month = |p: &DatePoint| {
        let m = p.month.map_or("", |m| nth_month(l.months_after_day, m));
        format!("{}{}{m}", day_text(p, l), l.day_month)
    };
    let year = format!("{}{}", l.month_year, year_text(b.year, l, false, false));
    let (ta, head_b, shared) = match a.precision() {
        Precision::Year if a.year <= 0 && b.year <= 0 => (
            year_shown(a.year, l),
            year_shown(b.year, l),
            l.bce.many.to_string(),
        ),
        Precision::Year if a.year > 0 => (
            year_shown(a.year, l),
            year_shown(b.year, l),
            l.year.many.to_string(),
        ),
        Precision::Month if same_year => (month(a).to_string(), month(b).to_string(), year),
        // `spring–summer 2003`; a winter names two years, so it is not shared.
        Precision::Season if same_year && a.season != Some(24) && b.season != Some(24) => (
            season_name(a, forms).to_string(),
            season_name(b, forms).to_string(),
            year,
        ),
        Precision::Day if same_year && a.month == b.month => (
            day_text(a, l),
            day_text(b, l),
            format!("{}{}{year}", l.day_month, month_after_day(b, l)),
        ),
        Precision::Day if same_year => (day_month(a), day_month(b), year),
        _ => {
            let ta = full(a, l, forms, false);
            let tb = full(b, l, forms, crosses_era(a, b));
            let sep = dash(&ta, &tb);
            return (ta, tb, sep);
        }
    };
    let sep = dash(&ta, &head_b);
    (ta, format!("{head_b}{shared}"), sep)
}

/// Two times of the same day, as written: the day once, then the times,
/// sharing the offset when both have it (`12 July 2023, 22:30–23:10 (UTC+3)`,
/// `29 October 2023, 02:30 (UTC+3) – 03:10 (UTC+2)`).
fn same_day_times(
    a: &DatePoint,
    b: &DatePoint,
    l: &LangTable,
    forms: Forms,
) -> Option<(String, String, &'static str)> {
    let (ta, tb) = (a.time.as_ref()?, b.time.as_ref()?);
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) {
        return None;
    }
    let zones = ta.offset != tb.offset;
    let (clock_a, clock_b) = (clock(ta, zones), clock(tb, zones));
    let sep = dash(&clock_a, &clock_b);
    Some((
        format!("{}{}{clock_a}", date_text(a, l, forms, false), l.date_time),
        clock(tb, true),
        sep,
    ))
}

fn month_after_day(p: &DatePoint, l: &LangTable) -> &'static str {
    p.month.map_or("", |m| nth_month(l.months_after_day, m))
}

/// `12`, `12.`, `1er`.
fn day_text(p: &DatePoint, l: &LangTable) -> String {
    match p.day.unwrap_or(1) {
        1 => format!("{}{}", l.first_day, l.day_suffix),
        d => format!("{d}{}", l.day_suffix),
    }
}

/// A point at its own precision, without qualifiers, month names and decade
/// in `forms`. `ce` marks positive years with the era (for spans that start
/// before year 1).
fn full(p: &DatePoint, l: &LangTable, forms: Forms, ce: bool) -> String {
    match p.precision() {
        Precision::Millennium | Precision::Century => {
            centuries(p, l, (forms.century, forms.millennium))
        }
        Precision::Decade if p.year <= 0 => year_span(p.year, p.year + 9, l, ce),
        Precision::Decade => {
            let d = forms.decade.replace("{y}", &p.year.to_string());
            if ce {
                format!("{d}{}", l.ce.many)
            } else {
                d
            }
        }
        Precision::Year => year_text(p.year, l, ce, false),
        Precision::Season => {
            let year = if p.season == Some(24) {
                winter_years(p.year, l, ce)
            } else {
                year_text(p.year, l, ce, false)
            };
            format!("{}{}{year}", season_name(p, forms), l.month_year)
        }
        _ => {
            let date = date_text(p, l, forms, ce);
            match &p.time {
                Some(t) => format!("{date}{}{}", l.date_time, clock(t, true)),
                None => date,
            }
        }
    }
}

/// `spring`, `весны`: the season's name in `forms`.
fn season_name(p: &DatePoint, forms: Forms) -> &'static str {
    let i = usize::from(p.season.unwrap_or(21).clamp(21, 24) - 21);
    forms.seasons.split(' ').nth(i).unwrap_or("")
}

/// The date of a point of month precision or finer, without its time:
/// `12 July 2023`, `July 2023`.
fn date_text(p: &DatePoint, l: &LangTable, forms: Forms, ce: bool) -> String {
    let year = year_text(p.year, l, ce, false);
    match p.day {
        Some(_) => format!(
            "{}{}{}{}{year}",
            day_text(p, l),
            l.day_month,
            month_after_day(p, l),
            l.month_year
        ),
        None => {
            let month = p.month.map_or("", |m| nth_month(forms.months, m));
            format!("{month}{}{year}", l.month_year)
        }
    }
}

/// `22:30 (UTC+3)`, `22:30:15 (UTC)`, `08:00 (UTC-4)`, `09:00 (UTC+5:30)`;
/// `22:30` without `zone`. Seconds show only when they say something:
/// `22:30:00` reads `22:30`.
fn clock(t: &TimeOfDay, zone: bool) -> String {
    let mut s = format!("{:02}:{:02}", t.hour, t.minute);
    if let Some(sec) = t.second.filter(|s| *s != 0) {
        s.push_str(&format!(":{sec:02}"));
    }
    if !zone {
        return s;
    }
    let abs = t.offset.unsigned_abs();
    let (h, m) = (abs / 3600, abs % 3600 / 60);
    let sign = if t.offset < 0 { '-' } else { '+' };
    match (h, m) {
        (0, 0) => s.push_str(" (UTC)"),
        (h, 0) => s.push_str(&format!(" (UTC{sign}{h})")),
        (h, m) => s.push_str(&format!(" (UTC{sign}{h}:{m:02})")),
    }
    s
}
