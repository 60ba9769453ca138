//! Cutting text for display, wherever it is shown: chart labels, values quoted
//! in messages.

/// `text`, cut to `max` characters with `…` when longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
