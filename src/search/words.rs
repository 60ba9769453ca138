//! The words search finds, cut the same way here and in the theme's script
//! (`annals.js`, `words()`): decomposed (NFD), combining marks dropped (so
//! `é` is `e` and `й` is `и`), lower case, then runs of letters and digits
//! (Unicode `Alphabetic` and `N`, which JavaScript names `\p{Alphabetic}`
//! and `\p{N}`). A word is kept to its first [`MAX_CHARS`] characters.
//!
//! Terms are spread over a fixed number of files by a hash of their first
//! [`PREFIX_CHARS`] characters, so that a word being typed (a prefix) is
//! looked up in one file, and the set of files depends only on the number of
//! events, never on the words (`serve` rewrites the files, never their list).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longer words are cut: no one types more to find one.
pub(crate) const MAX_CHARS: usize = 32;

/// The characters of a term that choose its file. A query word this long or
/// longer finds every term it begins; a shorter one only itself.
pub(crate) const PREFIX_CHARS: usize = 3;

/// Calls `each` with every word of `text`, in order.
pub(crate) fn words(text: &str, mut each: impl FnMut(&str)) {
    // ASCII has nothing to decompose and its letters and digits are its
    // alphanumerics, one byte each: most text of most timelines takes this
    // path, which is most of the index's time.
    if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        for word in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !word.is_empty() {
                each(&word[..word.len().min(MAX_CHARS)]);
            }
        }
        return;
    }
    let folded: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let lower = folded.to_lowercase();
    for word in lower.split(|c: char| !(c.is_alphabetic() || c.is_numeric())) {
        if word.is_empty() {
            continue;
        }
        match word.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => each(&word[..cut]),
            None => each(word),
        }
    }
}

/// The file (of `buckets`) that holds `term`: FNV-1a (32 bits) of the UTF-8
/// of its first [`PREFIX_CHARS`] characters, as the script computes it.
pub(crate) fn bucket(term: &str, buckets: usize) -> usize {
    let end = term
        .char_indices()
        .nth(PREFIX_CHARS)
        .map_or(term.len(), |(i, _)| i);
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term[..end].bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    usize::try_from(hash).unwrap_or(usize::MAX) % buckets.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_are_folded_and_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            all("Popov's 58th Army — Zaporizhzhia, 12.07.2023"),
            [
                "popov",
                "s",
                "58th",
                "army",
                "zaporizhzhia",
                "12",
                "07",
                "2023"
            ]
        );
        assert_eq!(all("Élysée  café"), ["elysee", "cafe"]);
        assert_eq!(
            all("Запорізька область, Ёлка й"),
            ["запорізька", "область", "елка", "и"]
        );
        assert_eq!(all("<b>x</b>"), ["b", "x", "b"]);
        assert!(all(" \n—!").is_empty());
    }

    #[test]
    fn long_words_are_cut_at_a_character_boundary() {
        let long = "щ".repeat(40);
        assert_eq!(all(&long), ["щ".repeat(MAX_CHARS)]);
    }

    /// The values the script's FNV-1a must give too (tests/browser checks
    /// the script against the index these files make).
    #[test]
    fn buckets_hash_the_first_three_characters() {
        assert_eq!(bucket("popov", 1 << 20), bucket("pop", 1 << 20));
        assert_eq!(bucket("pop", usize::MAX), 0x5133_5fd0);
        assert_ne!(bucket("pop", 1 << 20), bucket("poq", 1 << 20));
        assert_eq!(bucket("зап", 7), bucket("запоріжжя", 7));
        assert!(bucket("a", 16) < 16);
        assert_eq!(bucket("anything", 0), 0);
    }
}
