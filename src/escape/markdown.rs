//! GitHub-flavoured Markdown, for text posted as a pull-request comment: one
//! function per context a value can land in, so that a title, a name or a file
//! name can neither change the comment's structure nor ping or link anyone.
//!
//! GitHub turns `@name` into a mention (which notifies) and `#12`, `GH-12`,
//! `owner/repo#12` into references (which show up on that issue's timeline).
//! It finds them in the text *after* Markdown is parsed, so a backslash does not
//! stop them (`\@name` is read as `@name`); a zero-width space after the `@` or
//! `#` does, written as the entity `&#8203;` so that the Markdown stays readable.
//! Code spans are left alone by GitHub, so they need only a fence that their
//! content cannot close. A commit id is linked only when it names a commit of
//! the repository, which notifies no one: it is left as written.

/// Text inside a paragraph, list item, emphasis or link text: one line, every
/// Markdown and HTML construct shown literally, no mention or reference.
pub(crate) fn text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    // Leading `1.` or `1)` would start an ordered list when the text begins a
    // list item (`- 12. Juli 2023: …`, a German date).
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_marker = digits > 0 && matches!(chars.get(digits), Some('.' | ')'));
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let after_gh = i >= 2
            && chars[i - 2].eq_ignore_ascii_case(&'g')
            && chars[i - 1].eq_ignore_ascii_case(&'h');
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push(' '),
            // GitHub renders `$…$` as maths and ignores `\$`; its documentation
            // suggests a span around the dollar.
            '$' => out.push_str("<span>$</span>"),
            '@' => out.push_str("@&#8203;"),
            '#' => {
                out.push_str("\\#");
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    out.push_str("&#8203;");
                }
            }
            '-' if after_gh && next.is_some_and(|n| n.is_ascii_digit()) => {
                out.push_str("-&#8203;");
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if list_marker && i == digits => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// [`text`] in bold. Emphasis cannot open or close next to a space, so the
/// text is trimmed; an empty one is not wrapped.
pub(crate) fn strong(s: &str) -> String {
    wrap("**", s)
}

/// [`text`] in italics, as [`strong`].
pub(crate) fn em(s: &str) -> String {
    wrap("*", s)
}

fn wrap(marker: &str, s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        String::new()
    } else {
        format!("{marker}{}{marker}", text(s))
    }
}

/// A code span showing `s` exactly (on one line): its fence is longer than any
/// run of backticks inside, padded with spaces where the content would
/// otherwise touch the fence or lose its own outer spaces.
pub(crate) fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.is_empty() {
        return "` `".to_string();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = s.starts_with('`')
        || s.ends_with('`')
        || (s.starts_with(' ') && s.ends_with(' ') && !s.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A link's destination, to be written between `<` and `>`: characters that
/// would end it or be read as escapes are percent-encoded.
pub(crate) fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shows_markup_literally() {
        assert_eq!(
            text("a *b* [c](d) <e> _f_ ~g~ | h & i ![j]"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\_f\\_ \\~g\\~ \\| h \\& i \\!\\[j\\]"
        );
        assert_eq!(text("two\nlines\tand\u{7}"), "two lines and ");
    }

    #[test]
    fn text_pings_and_references_no_one() {
        assert_eq!(text("@octocat"), "@&#8203;octocat");
        assert_eq!(text("see #12 and #x"), "see \\#&#8203;12 and \\#x");
        assert_eq!(text("gh-34 GH-35 GH-x"), "gh-&#8203;34 GH-&#8203;35 GH-x");
        assert_eq!(text("owner/repo#5"), "owner/repo\\#&#8203;5");
        assert_eq!(text("$5 or $10"), "<span>$</span>5 or <span>$</span>10");
    }

    #[test]
    fn text_cannot_start_a_block() {
        assert_eq!(text("12. Juli 2023"), "12\\. Juli 2023");
        assert_eq!(text("3) b"), "3\\) b");
        assert_eq!(text("- a - b"), "\\- a - b");
        assert_eq!(text("+ a"), "\\+ a");
        assert_eq!(text("# a"), "\\# a");
        assert_eq!(text("2023. 12."), "2023\\. 12.");
    }

    #[test]
    fn emphasis_closes_whatever_the_text() {
        assert_eq!(strong(" a *b* "), "**a \\*b\\***");
        assert_eq!(em("x\n"), "*x*");
        assert_eq!(em(" "), "");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn link_destinations_cannot_end_early() {
        assert_eq!(
            link_destination("https://e.org/a>b\\c d"),
            "https://e.org/a%3Eb%5Cc%20d"
        );
    }
}
