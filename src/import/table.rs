//! A CSV export of events with places (ACLED, UCDP): rows by column name,
//! each made a draft by the format, the places of all rows made theatres
//! once every place is known (a slug depends on whether a name repeats).

use super::entities::Places;
use super::{Draft, Imported};
use crate::diagnostic::{Code, Diagnostic};
use std::collections::BTreeMap;

/// A row, by column name.
pub(super) struct Row<'a> {
    pub cells: BTreeMap<&'a str, &'a str>,
}

impl Row<'_> {
    pub(super) fn get(&self, column: &str) -> Option<&str> {
        self.cells
            .get(column)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// The distinct values of `columns`, in their order (tags).
    pub(super) fn distinct(&self, columns: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for value in columns.iter().filter_map(|c| self.get(c)) {
            if !out.iter().any(|v| v == value) {
                out.push(value.to_string());
            }
        }
        out
    }

    /// The place `name` names at the row's `latitude` and `longitude`
    /// (out-of-range degrees left out); `None` when nothing is given.
    pub(super) fn location(&self, name: &str) -> Option<super::Location> {
        let degrees = |c: &str, max: f64| {
            self.get(c)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|d| d.abs() <= max)
        };
        let l = super::Location {
            name: self.get(name).map(String::from),
            lat: degrees("latitude", 90.0),
            lon: degrees("longitude", 180.0),
        };
        (l != super::Location::default()).then_some(l)
    }

    pub(super) fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .map(|v| {
                v.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A CSV reader over `bytes` (rows may differ in length), or the diagnostic
/// for a quoted cell that is never closed: the CSV crate would read the
/// rest of the file into that one cell and call it a row.
pub(super) fn reader(bytes: &[u8]) -> Result<csv::Reader<&[u8]>, Diagnostic> {
    if let Some(line) = unclosed_quote(bytes) {
        return Err(Diagnostic::error(
            Code::ImportItem,
            format!("line {line}: a quoted cell opens here and is never closed, so the rest of the file would be one cell"),
        )
        .with_hint("close the quote; a `\"` inside a quoted cell is written `\"\"`"));
    }
    Ok(csv::ReaderBuilder::new().flexible(true).from_reader(bytes))
}

/// The line (1-based) where a quoted cell opens that the file never closes.
/// A `"` opens a quoted cell only at the start of a cell, as in RFC 4180;
/// elsewhere it is text (`a 12" gun`), as the CSV crate reads it.
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    let (mut line, mut opened) = (1, None);
    let mut at_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            None => match b {
                b'"' if at_start => opened = Some(line),
                b',' | b'\n' | b'\r' => at_start = true,
                _ => at_start = false,
            },
            Some(_) if b == b'"' => {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                    at_start = false;
                }
            }
            Some(_) => {}
        }
        if b == b'\n' {
            line += 1;
        }
        i += 1;
    }
    opened
}

/// Reads `bytes` as a CSV file of `what` that must have the `needed`
/// columns; `draft` makes each row an event, or says why not. `place` names
/// the columns of the place hierarchy (country first); the event is put in
/// the most precise place its row gives.
pub(super) fn read(
    bytes: &[u8],
    what: &str,
    needed: &[&str],
    place: &[&str],
    mut draft: impl FnMut(&Row, usize, &mut Imported) -> Result<Draft, Diagnostic>,
) -> Result<Imported, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = reader(bytes)?;
    let headings: Vec<String> = reader
        .headers()
        .map_err(|e| Diagnostic::error(Code::ImportItem, format!("not CSV: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for column in needed {
        if !headings.iter().any(|h| h == column) {
            return Err(Diagnostic::error(
                Code::ImportItem,
                format!("not {what}: it has no `{column}` column"),
            ));
        }
    }
    let mut imported = Imported::default();
    let mut places = Places::default();
    let mut pending: Vec<(Draft, Vec<String>)> = Vec::new();
    let mut counted: (usize, usize) = (0, 1);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                imported.skipped += 1;
                imported.diagnostics.push(Diagnostic::error(
                    Code::ImportItem,
                    format!("a row cannot be read: {e}"),
                ));
                continue;
            }
        };
        let line = super::sheet::line_of(bytes, &record, &mut counted);
        let row = Row {
            cells: headings
                .iter()
                .map(String::as_str)
                .zip(record.iter())
                .collect(),
        };
        match draft(&row, line, &mut imported) {
            Ok(d) => {
                let path: Vec<String> = place
                    .iter()
                    .map_while(|c| row.get(c).map(String::from))
                    .collect();
                if !path.is_empty() {
                    places.add(&path.iter().map(String::as_str).collect::<Vec<_>>());
                }
                pending.push((d, path));
            }
            Err(d) => {
                imported.skipped += 1;
                imported.diagnostics.push(d);
            }
        }
    }
    let slugs = places.theatres(&mut imported.entities);
    for (mut d, path) in pending {
        if let Some(slug) = slugs.get(&path) {
            d.front.theatres.push(slug.to_string());
        }
        imported.drafts.push(d);
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let open = super::unclosed_quote;
        assert_eq!(open(b"a,b\n1,\"x\n2,y\n"), Some(2));
        assert_eq!(open(b"a,b\n1,\"x\ny\"\n2,\"say \"\"hi\"\"\"\n"), None);
        assert_eq!(open(b"a,b\n1,a 12\" gun\n"), None);
        assert_eq!(open(b"a\n\"\"\"\n"), Some(2));
    }
}
