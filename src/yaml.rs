//! The one module that knows which YAML crate we use.
//!
//! serde_yaml is archived upstream. Everything else in annals sees only the names
//! re-exported here, so a maintained fork with the same API replaces it by changing
//! the `use` line below.

use serde_yaml as imp;

pub(crate) use imp::{Mapping, Value};

/// A YAML problem, positioned relative to the start of the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl From<imp::Error> for YamlError {
    fn from(e: imp::Error) -> Self {
        let (line, column) = match e.location() {
            Some(loc) => (Some(loc.line()), Some(loc.column())),
            None => (None, None),
        };
        // The crate appends " at line L column C"; we print positions ourselves.
        let mut message = e.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError {
            message,
            line,
            column,
        }
    }
}

/// Parses one YAML document into a generic value.
pub(crate) fn parse(text: &str) -> Result<Value, YamlError> {
    Ok(imp::from_str(text)?)
}

/// Serialises a typed value as YAML (used by `init` and `new`).
pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> Result<String, YamlError> {
    Ok(imp::to_string(value)?)
}

/// A scalar as text, the way a reader wrote it: `2023` stays `2023`, `true` stays `true`.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// A short name of the value's type for messages ("a list", "a map").
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Converts to JSON for templates. Map keys become strings; maps keep their order.
pub(crate) fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = scalar_text(k).unwrap_or_default();
                out.insert(key, to_json(v));
            }
            serde_json::Value::Object(out)
        }
        Value::Tagged(t) => to_json(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("title: a\ndate: [2023\n").unwrap_err();
        assert!(err.line.is_some());
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }
}
