//! Cutting text for display, wherever it is shown: chart labels, values quoted
//! in messages; making text one line where a field must be.

/// `text`, cut to `max` characters with `…` when longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// `text` as one line: control characters (tabs, line ends, escapes an
/// export carried) become spaces and runs of white space one space, so an
/// importer writes a title that the event parser accepts.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_leaves_no_control_character_and_no_edge_space() {
        assert_eq!(
            super::one_line(" java\tscript:\u{0}x\r\n y  "),
            "java script: x y"
        );
        assert_eq!(super::one_line("\t\n"), "");
    }
}
