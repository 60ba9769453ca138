//! A changed text (an event's body or summary) as a short word-level excerpt:
//! a few words of context, `~~removed~~` and `**added**` words, `…` where text
//! is left out, at most about [`MAX_EXCERPT`] characters on one line.

use crate::escape::markdown::text as escape;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// Unchanged words kept on each side of a change.
const CONTEXT: usize = 5;
/// Characters of excerpt, roughly: the excerpt stops at the first word past it.
pub(crate) const MAX_EXCERPT: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TextChange {
    pub words_added: usize,
    pub words_removed: usize,
    /// Markdown on one line; empty when only spacing or line breaks changed.
    pub excerpt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Same,
    Removed,
    Added,
}

enum Seg<'a> {
    Same(Vec<&'a str>),
    Change {
        removed: Vec<&'a str>,
        added: Vec<&'a str>,
    },
}

/// `None` when the texts are equal (line endings aside).
pub(crate) fn diff(old: &str, new: &str) -> Option<TextChange> {
    let old = old.replace("\r\n", "\n");
    let new = new.replace("\r\n", "\n");
    if old.trim_end() == new.trim_end() {
        return None;
    }
    // A diff of the words alone: spacing and line breaks carry nothing here (the
    // excerpt joins words with one space), and diffing them as tokens would
    // let a moved line break turn an unchanged word into a removal and an addition.
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let diff = TextDiff::from_slices(&old_words, &new_words);
    let mut segs: Vec<Seg> = Vec::new();
    let (mut words_added, mut words_removed) = (0, 0);
    for change in diff.iter_all_changes() {
        let word = change.value();
        match (change.tag(), segs.last_mut()) {
            (ChangeTag::Equal, Some(Seg::Same(words))) => words.push(word),
            (ChangeTag::Equal, _) => segs.push(Seg::Same(vec![word])),
            (tag, last) => {
                if !matches!(last, Some(Seg::Change { .. })) {
                    segs.push(Seg::Change {
                        removed: Vec::new(),
                        added: Vec::new(),
                    });
                }
                let Some(Seg::Change { removed, added }) = segs.last_mut() else {
                    unreachable!("a change segment was just pushed");
                };
                if tag == ChangeTag::Delete {
                    removed.push(word);
                    words_removed += 1;
                } else {
                    added.push(word);
                    words_added += 1;
                }
            }
        }
    }
    let excerpt = if words_added + words_removed == 0 {
        String::new()
    } else {
        render(&tokens(&segs))
    };
    Some(TextChange {
        words_added,
        words_removed,
        excerpt,
    })
}

/// Words to show, `None` standing for left-out text.
fn tokens<'a>(segs: &[Seg<'a>]) -> Vec<Option<(Style, &'a str)>> {
    let mut out = Vec::new();
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        match seg {
            Seg::Same(words) => {
                // Context before the first change, after the last, both between.
                let keep_start = if i == 0 { 0 } else { CONTEXT };
                let keep_end = if i == last { 0 } else { CONTEXT };
                let same = |w: &[&'a str]| {
                    w.iter()
                        .map(|w| Some((Style::Same, *w)))
                        .collect::<Vec<_>>()
                };
                let n = words.len();
                if keep_start + keep_end >= n {
                    out.extend(same(words));
                } else {
                    out.extend(same(&words[..keep_start]));
                    out.push(None);
                    out.extend(same(&words[n - keep_end..]));
                }
            }
            Seg::Change { removed, added } => {
                out.extend(removed.iter().map(|w| Some((Style::Removed, *w))));
                out.extend(added.iter().map(|w| Some((Style::Added, *w))));
            }
        }
    }
    out
}

fn marker(style: Style) -> &'static str {
    match style {
        Style::Same => "",
        Style::Removed => "~~",
        Style::Added => "**",
    }
}

/// Longest word shown whole. Text without spaces (a URL, a CJK paragraph) is one
/// "word"; it shows its start and end, where an edit to it usually is.
const MAX_WORD: usize = 40;

fn shorten(word: &str) -> std::borrow::Cow<'_, str> {
    let n = word.chars().count();
    if n <= MAX_WORD {
        return word.into();
    }
    let head: String = word.chars().take(MAX_WORD / 2).collect();
    let tail: String = word.chars().skip(n - (MAX_WORD / 2 - 1)).collect();
    format!("{head}…{tail}").into()
}

/// One line of Markdown, cut after about [`MAX_EXCERPT`] characters.
fn render(tokens: &[Option<(Style, &str)>]) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut open = Style::Same;
    for tok in tokens {
        let (style, text) = match tok {
            Some((style, word)) => (*style, escape(&shorten(word))),
            None => (Style::Same, "…".to_string()),
        };
        if chars > 0 && chars + text.chars().count() > MAX_EXCERPT {
            out.push_str(marker(open));
            if !out.ends_with('…') {
                out.push_str(" …");
            }
            return out;
        }
        if style != open {
            out.push_str(marker(open));
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(marker(style));
            open = style;
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text);
        chars += text.chars().count() + 1;
    }
    out.push_str(marker(open));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_and_cjk_stay_short_and_show_their_change() {
        let old = format!("start {} end", "x".repeat(400));
        let new = format!("start {}y end", "x".repeat(399));
        let c = diff(&old, &new).unwrap();
        assert!(
            c.excerpt.contains("~~") && c.excerpt.contains("**"),
            "{}",
            c.excerpt
        );
        assert!(c.excerpt.contains("xy**"), "{}", c.excerpt);
        let para = "これは日本語の長い文章です。".repeat(3000);
        let edited = format!("{}追加{}", &para[..para.len() / 2], &para[para.len() / 2..]);
        let c = diff(&para, &edited).unwrap();
        assert!(
            c.excerpt.chars().count() <= MAX_EXCERPT + 2 * MAX_WORD,
            "{}",
            c.excerpt.chars().count()
        );
    }

    #[test]
    fn equal_texts_have_no_change() {
        assert_eq!(diff("a b\r\nc", "a b\nc\n"), None);
    }

    #[test]
    fn one_word_replaced_in_context() {
        let d = diff(
            "one two three four five six seven eight nine ten",
            "one two three four five SIX seven eight nine ten",
        )
        .unwrap();
        assert_eq!(d.words_added, 1);
        assert_eq!(d.words_removed, 1);
        assert_eq!(
            d.excerpt,
            "one two three four five ~~six~~ **SIX** seven eight nine ten"
        );
    }

    #[test]
    fn long_context_is_cut() {
        let old = "a b c d e f g h i j k l m n o p";
        let new = "a b c d e f g h X i j k l m n o p";
        let d = diff(old, new).unwrap();
        assert_eq!(d.excerpt, "… d e f g h **X** i j k l m …");
    }

    #[test]
    fn whitespace_only() {
        let d = diff("a b\nc", "a  b c").unwrap();
        assert_eq!((d.words_added, d.words_removed), (0, 0));
        assert_eq!(d.excerpt, "");
    }

    #[test]
    fn markdown_in_words_is_escaped_and_long_text_cut() {
        let new = format!("start *bold* {}", "word ".repeat(200));
        let d = diff("start", &new).unwrap();
        assert!(
            d.excerpt.starts_with("start **\\*bold\\* word"),
            "{}",
            d.excerpt
        );
        assert!(d.excerpt.ends_with("word** …"), "{}", d.excerpt);
        assert!(d.excerpt.chars().count() < MAX_EXCERPT + 20);
    }
}
