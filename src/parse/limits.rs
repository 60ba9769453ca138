//! `limits:` in annals.yaml (SPEC §6, §11): how large a source file may be.
//! Content comes from many contributors; a file of gigabytes, or a device
//! named `.md`, must be a diagnostic, never a build that runs out of memory.

use crate::diagnostic::Code;
use crate::parse::fields::Fields;
use crate::yaml::Value;

/// Keys of `limits:`.
pub(crate) const KEYS: &[&str] = &["max_file_size"];

/// A megabyte, as people and file managers count it.
const MB: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// The largest source file (event, actor, theatre, period) read, in bytes.
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 5 * MB,
        }
    }
}

pub(crate) fn parse(f: &mut Fields, value: &Value) -> Limits {
    let mut limits = Limits::default();
    let Value::Mapping(map) = value else {
        f.wrong_type("limits", "a map such as `{ max_file_size: 10 MB }`", value);
        return limits;
    };
    f.check_nested_keys(&crate::yaml::steps!["limits"], map, KEYS);
    if let Some(v) = map.get("max_file_size") {
        let bytes = match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => size(s),
            _ => None,
        };
        match bytes.filter(|&b| b > 0) {
            Some(b) => limits.max_file_size = b,
            None => {
                let span = f.span_at(&crate::yaml::steps!["limits", "max_file_size"]);
                f.error_at(
                    Code::InvalidValue,
                    span,
                    format!(
                        "`limits.max_file_size` must be a size such as `5 MB`, `800 KB` or a number of bytes, {}",
                        crate::yaml::found(v)
                    ),
                );
            }
        }
    }
    limits
}

/// `5 MB`, `5MB`, `800 kB`, `1.5 GB`, `2 MiB`, `1000 B` or `1000`, in bytes.
fn size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => MB,
        "gb" => 1_000 * MB,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    let bytes = number * unit as f64;
    (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// `bytes` as people read a file size: `7.3 MB`, `812 KB`, `90 bytes`.
pub(crate) fn shown(bytes: u64) -> String {
    match bytes {
        b if b >= MB => format!("{:.1} MB", b as f64 / MB as f64),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::{shown, size};

    #[test]
    fn sizes_are_read_as_people_write_them() {
        assert_eq!(size("5 MB"), Some(5_000_000));
        assert_eq!(size("5MB"), Some(5_000_000));
        assert_eq!(size("800 kB"), Some(800_000));
        assert_eq!(size("1.5 GB"), Some(1_500_000_000));
        assert_eq!(size("2 MiB"), Some(2 << 20));
        assert_eq!(size("1000"), Some(1000));
        assert_eq!(size("5 parsecs"), None);
        assert_eq!(size("MB"), None);
        assert_eq!(size("0"), None);
        assert_eq!(shown(7_340_000), "7.3 MB");
        assert_eq!(shown(812_400), "812 KB");
        assert_eq!(shown(90), "90 bytes");
    }
}
