//! Period files (SPEC §5): `content/periods/<slug>.md` names a span of the
//! timeline ("the counter-offensive") with a date, an optional colour and a
//! description.

use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::SourceFile;
use crate::parse::entity::read_metadata;
use crate::parse::event::read_when;
use crate::slug::Slug;
use std::path::PathBuf;

const KEYS: &[&str] = &["name", "date", "end", "colour"];

/// A colour as `#rrggbb`, lower case: the one spelling every output (SVG,
/// CSS, JSON) accepts as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Colour(String);

impl Colour {
    /// `#abc` or `#aabbcc`, in any letter case.
    pub(crate) fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let full: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_string(),
            _ => return None,
        };
        Some(Colour(format!("#{}", full.to_ascii_lowercase())))
    }

    /// The colour of the `i`th period (in time) whose file gives none: the
    /// Tableau 10 palette, whose hues stay apart as translucent bands on
    /// light and dark pages alike.
    pub(crate) fn nth(i: usize) -> Colour {
        const PALETTE: [&str; 10] = [
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac",
        ];
        Colour(PALETTE[i % PALETTE.len()].to_string())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// One period file.
#[derive(Debug, Clone)]
pub(crate) struct PeriodFile {
    pub slug: Slug,
    pub file: PathBuf,
    pub name: String,
    pub name_span: Option<crate::diagnostic::Span>,
    /// `None` when `date` is missing or wrong (an error says so): the period
    /// still exists, so that events naming it are not told it does not.
    pub date: Option<EventDate>,
    pub colour: Option<Colour>,
    /// Markdown description.
    pub body: String,
}

/// Parses a period file (see [`read_metadata`]).
pub(crate) fn parse(file: &SourceFile, tz: chrono_tz::Tz) -> (Option<PeriodFile>, Vec<Diagnostic>) {
    read_metadata(
        file,
        ("a period", "period front matter", KEYS),
        |f, named| {
            if f.get("name").is_none() {
                f.missing("name", "a period");
            }
            let date = read_when(f, "a period", tz);
            let colour = f.string("colour").and_then(|c| {
                Colour::parse(&c).or_else(|| {
                    f.error(
                        Code::InvalidValue,
                        "colour",
                        format!("`{}` is not a colour annals can use", c.trim()),
                    )
                    .hint = Some("write it in hex, such as `#c8553d` or `#c53`".into());
                    None
                })
            });
            named.map(|n| PeriodFile {
                slug: n.slug,
                file: file.rel.clone(),
                name: n.name,
                name_span: n.name_span,
                date,
                colour,
                body: n.body,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::Colour;

    #[test]
    fn colours_are_hex_in_one_spelling() {
        assert_eq!(Colour::parse("#C53").map(|c| c.0), Some("#cc5533".into()));
        assert_eq!(
            Colour::parse(" #c8553D ").map(|c| c.0),
            Some("#c8553d".into())
        );
        for bad in ["red", "#12345", "c8553d", "#ggg", "#", "#c8553d;x"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }
}
