//! Slugs, YAML strings and the prose of event bodies.

use super::rng::Rng;
use super::words::*;

/// The slug annals derives from a name (see `src/slug.rs`): transliterated,
/// lowercase, words joined by `-`, apostrophes dropped.
pub(crate) fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            dash = true;
        }
    }
    out
}

/// Appends `s` as a double-quoted YAML scalar.
pub(crate) fn yaml_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a YAML flow list of quoted strings: `["a", "b"]`.
pub(crate) fn yaml_list<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    out.push('[');
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        yaml_str(out, s);
    }
    out.push(']');
}

/// Capitalises the first letter at or after `start`, past any spaces.
fn capitalise_from(out: &mut String, start: usize) {
    let Some(i) = out[start..]
        .find(|c: char| c != ' ' && c != '*')
        .map(|i| start + i)
    else {
        return;
    };
    let c = out.as_bytes()[i];
    if c.is_ascii_lowercase() {
        let upper = [c.to_ascii_uppercase()];
        out.replace_range(i..i + 1, std::str::from_utf8(&upper).expect("ASCII"));
    }
}

/// What a body can mention.
pub(crate) struct Cast<'a> {
    pub actors: &'a [&'a str],
    pub theatres: &'a [&'a str],
    pub slug: &'a str,
}

/// Writes Markdown prose of roughly `words` words and returns how many it wrote.
pub(crate) struct Prose<'a, 'r> {
    pub rng: &'r mut Rng,
    pub cast: &'a Cast<'a>,
    pub out: &'r mut String,
    pub words: usize,
    /// The next word follows an opening marker (`*`, `[`) without a space.
    pub glue: bool,
}

impl Prose<'_, '_> {
    fn word(&mut self, w: &str) {
        if !self.glue && !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
            self.out.push(' ');
        }
        self.glue = false;
        self.out.push_str(w);
        self.words += w.split(' ').count();
    }

    fn pick_word(&mut self, list: &[&str]) {
        let w = *self.rng.pick(list);
        self.word(w);
    }

    fn actor(&mut self) {
        let a = *self.rng.pick(self.cast.actors);
        self.word(a);
    }

    fn place(&mut self) {
        let t = *self.rng.pick(self.cast.theatres);
        self.word(t);
    }

    fn noun_phrase(&mut self) {
        let det = *self.rng.pick(&DETERMINERS);
        let adj = self.rng.chance(600).then(|| *self.rng.pick(&ADJECTIVES));
        let noun = *self.rng.pick(&NOUNS);
        let next = adj.unwrap_or(noun);
        if det == "a" && next.starts_with(['a', 'e', 'i', 'o', 'u']) {
            self.word("an");
        } else {
            self.word(det);
        }
        if let Some(adj) = adj {
            self.word(adj);
        }
        self.word(noun);
    }

    /// Opens inline markup (`*`, `**`, `[`) after a space.
    fn open(&mut self, marker: &str) {
        if !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
            self.out.push(' ');
        }
        self.out.push_str(marker);
        self.glue = true;
    }

    /// One sentence, capitalised and closed with a full stop.
    pub(crate) fn sentence(&mut self) {
        let start = self.out.len();
        match self.rng.below(6) {
            0 => {
                self.noun_phrase();
                self.pick_word(&VERBS);
                self.noun_phrase();
                self.pick_word(&PREPOSITIONS);
                self.place();
            }
            1 => {
                self.actor();
                self.pick_word(&VERBS);
                self.noun_phrase();
            }
            2 => {
                self.noun_phrase();
                self.pick_word(&PREPOSITIONS);
                self.place();
                self.word("was");
                self.pick_word(&VERBS);
            }
            3 => {
                self.word("according to");
                self.pick_word(&PUBLISHERS);
                self.out.push(',');
                self.noun_phrase();
                self.pick_word(&VERBS);
                self.noun_phrase();
            }
            4 => {
                self.word("a statement by");
                self.actor();
                self.pick_word(&VERBS);
                self.noun_phrase();
                self.pick_word(&PREPOSITIONS);
                self.noun_phrase();
            }
            _ => {
                self.noun_phrase();
                self.word("and");
                self.noun_phrase();
                self.pick_word(&VERBS);
                self.noun_phrase();
            }
        }
        if self.rng.chance(400) {
            self.pick_word(&ADVERBIALS);
        }
        self.out.push('.');
        capitalise_from(self.out, start);
    }

    pub(crate) fn paragraph(&mut self, sentences: usize) {
        for _ in 0..sentences {
            self.sentence();
        }
        self.out.push_str("\n\n");
    }

    /// A paragraph with emphasis, strong emphasis and a link.
    pub(crate) fn rich_paragraph(&mut self) {
        self.sentence();
        let start = self.out.len();
        self.open("*");
        self.pick_word(&ADJECTIVES);
        self.pick_word(&NOUNS);
        self.out.push('*');
        capitalise_from(self.out, start);
        self.pick_word(&VERBS);
        self.noun_phrase();
        self.out.push('.');
        self.sentence();
        self.word("See the");
        self.open("[");
        let publisher = *self.rng.pick(&PUBLISHERS);
        self.word(publisher);
        self.word("report");
        let n = self.rng.below(100);
        self.out.push_str("](https://example.org/reports/");
        self.out.push_str(self.cast.slug);
        self.out.push_str(&format!("-{n})"));
        self.word("on the");
        self.open("**");
        self.pick_word(&NOUNS);
        self.out.push_str("**.");
        self.out.push_str("\n\n");
    }

    pub(crate) fn heading(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push('#');
        }
        self.out.push(' ');
        let h = *self.rng.pick(&HEADINGS);
        self.out.push_str(h);
        self.words += h.split(' ').count();
        self.out.push_str("\n\n");
    }

    pub(crate) fn list(&mut self) {
        let ordered = self.rng.chance(300);
        for i in 1..=self.rng.range(3, 5) {
            if ordered {
                self.out.push_str(&format!("{i}. "));
            } else {
                self.out.push_str("- ");
            }
            let start = self.out.len();
            self.noun_phrase();
            self.pick_word(&PREPOSITIONS);
            self.place();
            capitalise_from(self.out, start);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    pub(crate) fn quote(&mut self) {
        self.out.push_str("> ");
        self.sentence();
        if self.rng.chance(500) {
            self.sentence();
        }
        self.out.push_str("\n>\n> — ");
        self.actor();
        self.out.push_str("\n\n");
    }
}
