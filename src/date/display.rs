//! Rendering dates in a site language (SPEC §4 "Display").

use super::{year_iso, Bound, DatePoint, EventDate, Precision, Qualifiers, TimeOfDay, Unspecified};

/// The words of one language. To add a language, add a table to
/// [`LANGUAGES`].
#[derive(Debug, PartialEq, Eq)]
struct LangTable {
    /// Primary language subtag, lower case.
    code: &'static str,
    months: [&'static str; 12],
    /// Prefix of an approximate date.
    circa: &'static str,
    /// Suffix of an uncertain date.
    uncertain: &'static str,
    /// Prefix of an interval with an open end.
    from: &'static str,
    /// Prefix of an interval with an open start.
    until: &'static str,
    /// Era suffixes, after a space: years <= 0, and positive years in a span
    /// that starts before year 1.
    bce: &'static str,
    ce: &'static str,
    /// Suffix of a decade (`2020s`).
    decade: &'static str,
}

static EN: LangTable = LangTable {
    code: "en",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    circa: "c. ",
    uncertain: " (uncertain)",
    from: "from ",
    until: "until ",
    bce: "BCE",
    ce: "CE",
    decade: "s",
};

static LANGUAGES: &[&LangTable] = &[&EN];

/// English month name (1–12), for error messages.
pub(super) fn english_month(month: u8) -> &'static str {
    EN.months[usize::from(month.clamp(1, 12) - 1)]
}

/// A display language for dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang {
    table: &'static LangTable,
}

impl Lang {
    /// The language for a code such as `en`, `en-GB` or `EN_us` (only the
    /// primary subtag counts); `None` when there is no table for it.
    pub fn new(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|t| t.code == primary)
            .map(|table| Lang { table })
    }

    /// The primary language subtag, e.g. `en`.
    pub fn code(&self) -> &'static str {
        self.table.code
    }

    /// The name of month 1–12 (clamped), for headings.
    pub fn month_name(&self, month: u8) -> &'static str {
        self.table.months[usize::from(month.clamp(1, 12) - 1)]
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang { table: &EN }
    }
}

/// A rendered date: text with the points marked, for plain text or HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateDisplay {
    pub parts: Vec<DisplayPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisplayPart {
    /// Words and separators around the points.
    Text(String),
    /// One point: `iso` suits an HTML `datetime` attribute where HTML can
    /// express the value; `text` is its part of the display.
    Time { iso: String, text: String },
}

impl DateDisplay {
    /// Plain text, e.g. `c. 10–14 July 2023`.
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                DisplayPart::Text(t) | DisplayPart::Time { text: t, .. } => t.as_str(),
            })
            .collect()
    }

    /// HTML: text escaped, each point in `<time datetime="…">`.
    pub fn html(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                DisplayPart::Text(t) => out.push_str(&crate::escape::html(t)),
                DisplayPart::Time { iso, text } => {
                    out.push_str(&format!(
                        "<time datetime=\"{}\">{}</time>",
                        crate::escape::html(iso),
                        crate::escape::html(text)
                    ));
                }
            }
        }
        out
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
        self.parts.push(DisplayPart::Time {
            iso: p.html_datetime(),
            text,
        });
    }
}

impl DatePoint {
    /// The value for an HTML `datetime` attribute: the point without
    /// qualifiers, unspecified digits replaced by the start of their span at
    /// the remaining precision (`2023-07-XX` → `2023-07`, `202X` → `2020`),
    /// times with their offset (`2023-07-12T22:30+03:00`). Years before 1
    /// (`-0043`, `0000`) cannot be expressed in HTML and stay as EDTF.
    pub fn html_datetime(&self) -> String {
        let mut s = year_iso(self.year);
        if let Some(m) = self.month {
            s.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!("-{d:02}"));
        }
        if self.time.is_some() {
            // Only fully specified dates carry a time: same as the EDTF text.
            return self.iso_unqualified();
        }
        s
    }
}

/// Renders a whole date.
pub(super) fn display(date: &EventDate, lang: &Lang) -> DateDisplay {
    let l = lang.table;
    let mut out = DateDisplay { parts: Vec::new() };
    match date {
        EventDate::Point(p) => qualified(&mut out, l, p, full(p, l, false)),
        EventDate::Interval { start, end } => match (start, end) {
            (Bound::Point(a), Bound::Point(b)) => interval(&mut out, l, a, b),
            (Bound::Point(a), Bound::Open) => {
                out.text_part(l.from);
                qualified(&mut out, l, a, full(a, l, false));
            }
            (Bound::Open, Bound::Point(b)) => {
                out.text_part(l.until);
                qualified(&mut out, l, b, full(b, l, false));
            }
            (Bound::Open, Bound::Open) => out.text_part(".."),
        },
    }
    out
}

fn qualified(out: &mut DateDisplay, l: &LangTable, p: &DatePoint, text: String) {
    let q = p.qualifiers;
    if q.approximate {
        out.text_part(l.circa);
    }
    out.time_part(p, text);
    if q.uncertain {
        out.text_part(l.uncertain);
    }
}

fn interval(out: &mut DateDisplay, l: &LangTable, a: &DatePoint, b: &DatePoint) {
    let (qa, qb) = (a.qualifiers, b.qualifiers);
    if qa == qb {
        // One set of qualifiers for the whole span, around the compact form.
        let (ta, tb, sep) = compact(a, b, l);
        let both = Qualifiers::default();
        if qa.approximate {
            out.text_part(l.circa);
        }
        qualified(
            out,
            l,
            &DatePoint {
                qualifiers: both,
                ..*a
            },
            ta,
        );
        out.text_part(sep);
        qualified(
            out,
            l,
            &DatePoint {
                qualifiers: both,
                ..*b
            },
            tb,
        );
        if qa.uncertain {
            out.text_part(l.uncertain);
        }
    } else {
        let ta = full(a, l, false);
        let tb = full(b, l, crosses_era(a, b));
        let sep = if qa.any() || qb.any() {
            " – "
        } else {
            dash(&ta, &tb)
        };
        qualified(out, l, a, ta);
        out.text_part(sep);
        qualified(out, l, b, tb);
    }
}

/// An en dash, spaced when either side has a space or a dash inside.
fn dash(a: &str, b: &str) -> &'static str {
    if a.contains([' ', '–']) || b.contains([' ', '–']) {
        " – "
    } else {
        "–"
    }
}

fn crosses_era(a: &DatePoint, b: &DatePoint) -> bool {
    a.year <= 0 && b.year > 0
}

/// The two texts of an interval, sharing the year (and month) when both
/// points are plain dates of the same precision, and the dash between them:
/// spaced when either ranging item (the texts without the shared part) has a
/// space inside: `10–14 July 2023`, `12 July – 3 August 2023`.
fn compact(a: &DatePoint, b: &DatePoint, l: &LangTable) -> (String, String, &'static str) {
    let tb = full(b, l, crosses_era(a, b));
    let plain = |p: &DatePoint| p.unspecified == Unspecified::None && p.time.is_none();
    if !plain(a) || !plain(b) || a.precision() != b.precision() {
        let ta = full(a, l, false);
        let sep = dash(&ta, &tb);
        return (ta, tb, sep);
    }
    let same_year = a.year == b.year;
    let month = |p: &DatePoint| p.month.map_or("", |m| l.months[usize::from(m - 1)]);
    let year = format!(" {}", year_text(b.year, l, false));
    let (ta, shared) = match a.precision() {
        Precision::Year if a.year <= 0 && b.year <= 0 => {
            (format!("{}", 1 - i64::from(a.year)), format!(" {}", l.bce))
        }
        Precision::Month if same_year => (month(a).to_string(), year),
        Precision::Day if same_year && a.month == b.month => (
            format!("{}", a.day.unwrap_or(1)),
            format!(" {}{year}", month(b)),
        ),
        Precision::Day if same_year => (format!("{} {}", a.day.unwrap_or(1), month(a)), year),
        _ => (full(a, l, false), String::new()),
    };
    let sep = dash(&ta, tb.strip_suffix(shared.as_str()).unwrap_or(&tb));
    (ta, tb, sep)
}

/// `2023`, `44 BCE`, `14 CE` (with `ce`).
fn year_text(year: i32, l: &LangTable, ce: bool) -> String {
    if year <= 0 {
        format!("{} {}", 1 - i64::from(year), l.bce)
    } else if ce {
        format!("{year} {}", l.ce)
    } else {
        year.to_string()
    }
}

/// A point at its own precision, without qualifiers. `ce` marks positive
/// years with the era (for spans that start before year 1).
fn full(p: &DatePoint, l: &LangTable, ce: bool) -> String {
    let span = |last: i32| {
        let (a, b) = (
            year_text(p.year, l, false),
            year_text(last, l, ce || p.year <= 0),
        );
        format!("{a}{}{b}", dash(&a, &b))
    };
    match p.precision() {
        Precision::Century => span(p.year + 99),
        Precision::Decade if p.year <= 0 => span(p.year + 9),
        Precision::Decade if ce => format!("{}{} {}", p.year, l.decade, l.ce),
        Precision::Decade => format!("{}{}", p.year, l.decade),
        Precision::Year => year_text(p.year, l, ce),
        _ => {
            let year = year_text(p.year, l, ce);
            let month = p.month.map_or("", |m| l.months[usize::from(m - 1)]);
            let date = match p.day {
                Some(d) => format!("{d} {month} {year}"),
                None => format!("{month} {year}"),
            };
            match &p.time {
                Some(t) => format!("{date}, {}", time_text(t)),
                None => date,
            }
        }
    }
}

/// `22:30 (UTC+3)`, `22:30:15 (UTC)`, `08:00 (UTC-4)`, `09:00 (UTC+5:30)`.
/// Seconds show only when they say something: `22:30:00` reads `22:30`.
fn time_text(t: &TimeOfDay) -> String {
    let mut s = format!("{:02}:{:02}", t.hour, t.minute);
    if let Some(sec) = t.second.filter(|s| *s != 0) {
        s.push_str(&format!(":{sec:02}"));
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
