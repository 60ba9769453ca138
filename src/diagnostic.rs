//! One type for every problem a user can cause.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first problem, so
//! that one run reports everything. Nothing here knows about events or templates,
//! nor how a diagnostic is shown: that is `report`'s, which depends on this module
//! and never the other way round.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Information that asks for no change (why a file was not written):
    /// never fails a run, not even with `--deny-warnings`.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Where a problem is: a file, and inside it a 1-based line and column with the
/// text of that line, so the renderer needs no file access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    /// How many characters the marker underlines (at least one).
    pub width: usize,
    pub source_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Path as the user should read it: relative to the site root where possible.
    pub file: Option<PathBuf>,
    pub span: Option<Span>,
    pub hint: Option<String>,
}

/// Stable codes: tests, docs and scripts rely on them, so never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A file or folder could not be read or written.
    Io,
    /// A Markdown file has no front matter.
    NoFrontMatter,
    /// Front matter opened with `---` is never closed.
    UnclosedFrontMatter,
    /// The YAML itself does not parse.
    YamlSyntax,
    /// A key that annals does not know.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A value of the wrong type or shape.
    InvalidValue,
    /// A date that is not valid EDTF, or impossible.
    InvalidDate,
    /// Two events with the same slug.
    DuplicateSlug,
    /// `related` names an event that does not exist.
    UnknownRelated,
    /// `periods` names a period that does not exist.
    UnknownPeriod,
    /// One alias claimed by two actors or theatres.
    AliasConflict,
    /// A theatre's `parent` does not exist or makes a cycle.
    InvalidParent,
    /// A referenced file (image) does not exist.
    MissingFile,
    /// A static file or event asset would replace a file annals generates.
    OutputCollision,
    /// `annals.yaml` problems.
    Config,
    /// Theme or template problems.
    Template,
    /// The command line asks for something impossible (exit status 2).
    Usage,
    /// No events where annals reads them, but Markdown files elsewhere under
    /// `content/`: almost always a misspelt or misplaced folder.
    EventsElsewhere,
    /// An item of an imported file that cannot become an event.
    ImportItem,
    /// A setting annals cannot honour and replaces by its default.
    Fallback,
    /// An alias that is another actor's (or theatre's) name or slug.
    AliasIsName,
    /// A file or folder directly under `content/` that annals does not read.
    UnknownContent,
    /// A template variable named like a global (`t`, `site`), which it hides.
    ShadowedGlobal,
    /// Something an import made that a person should review (a guessed alt
    /// text, an era not imported).
    ImportReview,
    /// An event without sources.
    NoSources,
    /// A source with neither `url` nor `archive`.
    SourceWithoutUrl,
    /// An event dated in the future.
    FutureDate,
    /// An actor or theatre file that no event names.
    UnusedEntity,
    /// An image file over 2 MB.
    LargeImage,
    /// A title over 120 characters.
    LongTitle,
    /// The same source URL twice in one event.
    DuplicateSourceUrl,
    /// Two events with the same title and date.
    LikelyDuplicate,
    /// An event names a period its date lies outside of.
    OutsidePeriod,
    /// `base_url` is only a path: files that need absolute URLs (the
    /// sitemap) are not written.
    PathOnlyBaseUrl,
    /// A name written differently from how its pages show it, only in case.
    NameCase,
}

impl Code {
    /// Every code, for documentation and its test.
    pub const ALL: [Code; 36] = [
        Code::Io,
        Code::Usage,
        Code::NoFrontMatter,
        Code::UnclosedFrontMatter,
        Code::YamlSyntax,
        Code::UnknownKey,
        Code::MissingKey,
        Code::InvalidValue,
        Code::InvalidDate,
        Code::DuplicateSlug,
        Code::UnknownRelated,
        Code::UnknownPeriod,
        Code::AliasConflict,
        Code::InvalidParent,
        Code::MissingFile,
        Code::OutputCollision,
        Code::Config,
        Code::Template,
        Code::EventsElsewhere,
        Code::ImportItem,
        Code::Fallback,
        Code::AliasIsName,
        Code::UnknownContent,
        Code::ShadowedGlobal,
        Code::ImportReview,
        Code::NoSources,
        Code::SourceWithoutUrl,
        Code::FutureDate,
        Code::UnusedEntity,
        Code::LargeImage,
        Code::LongTitle,
        Code::DuplicateSourceUrl,
        Code::LikelyDuplicate,
        Code::OutsidePeriod,
        Code::PathOnlyBaseUrl,
        Code::NameCase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "E001",
            Code::NoFrontMatter => "E101",
            Code::UnclosedFrontMatter => "E102",
            Code::YamlSyntax => "E103",
            Code::UnknownKey => "E110",
            Code::MissingKey => "E111",
            Code::InvalidValue => "E112",
            Code::InvalidDate => "E120",
            Code::DuplicateSlug => "E130",
            Code::UnknownRelated => "E131",
            Code::UnknownPeriod => "E132",
            Code::AliasConflict => "E140",
            Code::InvalidParent => "E141",
            Code::MissingFile => "E150",
            Code::OutputCollision => "E151",
            Code::Config => "E160",
            Code::Template => "E170",
            Code::EventsElsewhere => "E180",
            Code::ImportItem => "E190",
            Code::Usage => "E002",
            Code::Fallback => "W201",
            Code::AliasIsName => "W202",
            Code::UnknownContent => "W203",
            Code::ShadowedGlobal => "W204",
            Code::ImportReview => "W205",
            Code::NoSources => "W301",
            Code::SourceWithoutUrl => "W302",
            Code::FutureDate => "W303",
            Code::UnusedEntity => "W304",
            Code::LargeImage => "W305",
            Code::LongTitle => "W306",
            Code::DuplicateSourceUrl => "W307",
            Code::LikelyDuplicate => "W308",
            Code::OutsidePeriod => "W309",
            Code::PathOnlyBaseUrl => "N401",
            Code::NameCase => "N402",
        }
    }
}

impl Diagnostic {
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            span: None,
            hint: None,
        }
    }

    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn note(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub(crate) fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Paths in messages use `/` on every platform so that output is the same everywhere.
pub(crate) fn display_path(path: &Path) -> String {
    use std::path::Component;
    let joined = path
        .components()
        .filter(|c| !matches!(c, Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // An absolute path keeps its one leading slash (the root is a
    // component, which joined would make it two).
    match path.has_root() {
        true if !joined.starts_with('/') => format!("/{joined}"),
        _ => joined,
    }
}

/// The nearest known word, if it is close enough to be what the user meant:
/// the "did you mean" of hints, for keys, values, names and folders alike.
pub(crate) fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&word, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

/// Sorts problems by file, then position, so output order never depends on threads.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.clone(),
                d.span.as_ref().map(|s| (s.line, s.column)),
                d.severity,
                d.code,
                d.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// `1 event`, `2 events`: a count in annals' own (English) messages, the
/// one place their nouns agree with their numbers. Pages use the theme's
/// strings and the site language's plural rules instead (`render::i18n`).
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A one-line summary: `2 errors, 1 warning`.
pub(crate) fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let mut out = format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    );
    if notes > 0 {
        out = format!("{out}, {}", plural(notes, "note", "notes"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys() {
        let known = ["title", "date", "theatres", "actors"];
        assert_eq!(suggest("theatre", &known), Some("theatres"));
        assert_eq!(suggest("Titel", &known), Some("title"));
        assert_eq!(suggest("zzzzzz", &known), None);
    }
}
