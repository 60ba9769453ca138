//! Reading typed values out of a YAML mapping, one key at a time, so that every
//! wrong key yields its own positioned diagnostic instead of one serde error for
//! the whole file.

use crate::diagnostic::{suggest, Code, Diagnostic, Span};
use crate::load::frontmatter::FrontMatter;
use crate::yaml::{self, Mapping, Step, Value};
use std::path::Path;

/// A front matter map plus what is needed to point at its lines.
pub(crate) struct Fields<'a> {
    pub map: Mapping,
    pub fm: &'a FrontMatter,
    pub file: &'a Path,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Parses `fm.yaml` as a map. `None` (with diagnostics) when it is not one.
    pub(crate) fn parse(
        fm: &'a FrontMatter,
        file: &'a Path,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Fields<'a>> {
        let value = match yaml::parse(&fm.yaml) {
            Ok(v) => v,
            Err(e) => {
                diagnostics.push(super::syntax::diagnostic(fm, &e).in_file(file));
                return None;
            }
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => Mapping::new(),
            other => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::YamlSyntax,
                        format!(
                            "front matter must be a map of `key: value` lines, found {}",
                            yaml::kind_name(&other)
                        ),
                    )
                    .in_file(file)
                    .at(Some(fm.first_span())),
                );
                return None;
            }
        };
        Some(Fields {
            map,
            fm,
            file,
            diagnostics: Vec::new(),
        })
    }

    /// Reports every key not in `known`, with the nearest known key as a hint.
    pub(crate) fn check_keys(&mut self, what: &str, known: &[&str]) {
        let mut unknown = Vec::new();
        for key in self.map.keys() {
            let name = yaml::scalar_text(key).unwrap_or_else(|| format!("{key:?}"));
            if !known.contains(&name.as_str()) {
                unknown.push(name);
            }
        }
        for name in unknown {
            let foreign = crate::parse::schema::FOREIGN
                .iter()
                .find(|(k, _)| what == "event front matter" && k.eq_ignore_ascii_case(&name));
            let hint = match foreign {
                Some((_, hint)) => hint.to_string(),
                None => choice_hint(&name, known, &format!("{what} keys are")),
            };
            let span = self.fm.key_name_span(&name);
            self.diagnostics.push(
                Diagnostic::error(Code::UnknownKey, format!("unknown key `{name}` in {what}"))
                    .in_file(self.file)
                    .at(span)
                    .with_hint(hint),
            );
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub(crate) fn span(&self, key: &str) -> Option<Span> {
        self.fm.key_span(key)
    }

    /// Where the value at `steps` is (see [`FrontMatter::value_span`]).
    pub(crate) fn span_at(&self, steps: &[Step]) -> Option<Span> {
        self.fm.value_span(steps)
    }

    pub(crate) fn error(
        &mut self,
        code: Code,
        key: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.span(key);
        self.push(Diagnostic::error(code, message).at(span))
    }

    pub(crate) fn error_at(
        &mut self,
        code: Code,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(Diagnostic::error(code, message).at(span))
    }

    /// A date that does not parse, `shown` as written, at `span`; `what`
    /// names a nested date (`source \`date\``).
    pub(crate) fn date_error(
        &mut self,
        span: Option<Span>,
        what: Option<&str>,
        shown: &str,
        e: crate::date::DateError,
    ) {
        // The date parser's messages mostly quote the value already.
        let message = if e.message.contains(shown) {
            e.message
        } else {
            format!("invalid date `{shown}`: {}", e.message)
        };
        let message = match what {
            Some(what) => format!("{what}: {message}"),
            None => message,
        };
        self.error_at(Code::InvalidDate, span, message).hint = Some(e.hint.unwrap_or_else(|| {
            "dates look like `2023`, `2023-07`, `2023-07-12`, `2023-07-12T22:30+03:00`, `2023-07~` or `2023-07-10/2023-07-14`".into()
        }));
    }

    pub(crate) fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diagnostics.push(d.in_file(self.file));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub(crate) fn missing(&mut self, key: &str, what: &str) {
        let span = self.fm.first_span();
        self.push(
            Diagnostic::error(Code::MissingKey, format!("{what} has no `{key}`"))
                .at(Some(span))
                .with_hint(format!("add a line `{key}: …` to the front matter")),
        );
    }

    /// A one-line text value. Numbers and booleans are accepted as text.
    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?.clone();
        match yaml::scalar_text(&value) {
            Some(s) => Some(s),
            None => {
                self.wrong_type(key, "a text", &value);
                None
            }
        }
    }

    /// A string or a list of strings (`actors: Popov` or `actors: [Popov,
    /// Shoigu]`), each with its index in the list (`None` for a lone string),
    /// so that a problem with one entry can point at it.
    pub(crate) fn string_list(&mut self, key: &str) -> Vec<(Option<usize>, String)> {
        let Some(value) = self.get(key).cloned() else {
            return Vec::new();
        };
        match &value {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let span = || self.span_at(&yaml::steps![key, i]);
                    match yaml::scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => {
                            out.push((Some(i), s.trim().to_string()))
                        }
                        Some(_) => {
                            let span = span();
                            self.error_at(
                                Code::InvalidValue,
                                span,
                                format!("`{key}` has an empty entry"),
                            );
                        }
                        None => {
                            let span = span();
                            self.error_at(
                                Code::InvalidValue,
                                span,
                                format!(
                                    "`{key}` entries must be text, found {}",
                                    yaml::kind_name(item)
                                ),
                            );
                        }
                    }
                }
                out
            }
            other => match yaml::scalar_text(other) {
                Some(s) if !s.trim().is_empty() => vec![(None, s.trim().to_string())],
                Some(_) => Vec::new(),
                None => {
                    self.wrong_type(key, "a text or a list of texts", other);
                    Vec::new()
                }
            },
        }
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.get(key)?.clone();
        match value {
            Value::Bool(b) => Some(b),
            other => {
                self.wrong_type(key, "`true` or `false`", &other);
                None
            }
        }
    }

    pub(crate) fn integer(&mut self, key: &str) -> Option<i64> {
        let value = self.get(key)?.clone();
        match value.as_i64() {
            Some(i) => Some(i),
            None => {
                self.wrong_type(key, "a whole number", &value);
                None
            }
        }
    }

    pub(crate) fn wrong_type(&mut self, key: &str, expected: &str, found: &Value) {
        self.error(
            Code::InvalidValue,
            key,
            format!("`{key}` must be {expected}, {}", yaml::found(found)),
        );
    }

    /// Reports every key of the nested map `map`, written at `at` (a
    /// source, `image`, `check`), that is not in `known`.
    pub(crate) fn check_nested_keys(&mut self, at: &[Step], map: &Mapping, known: &[&str]) {
        let unknown: Vec<String> = map
            .keys()
            .map(|k| yaml::scalar_text(k).unwrap_or_default())
            .filter(|name| !known.contains(&name.as_str()))
            .collect();
        let top = yaml::describe_steps(at);
        for name in unknown {
            let mut steps = at.to_vec();
            steps.push(Step::Key(name.clone()));
            let span = self.fm.key_span_at(&steps);
            self.error_at(
                Code::UnknownKey,
                span,
                format!("unknown key `{name}` in `{top}`"),
            )
            .hint = Some(choice_hint(&name, known, &format!("`{top}` keys are")));
        }
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// "did you mean `x`?" for the nearest of `known`, else `{list}: a, b, c`.
pub(crate) fn choice_hint(word: &str, known: &[&str], list: &str) -> String {
    match suggest(word, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("{list}: {}", known.join(", ")),
    }
}
