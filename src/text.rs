//! Small text utilities shared by every stage.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A byte range of a text. Always on char boundaries of the text it was made for.
///
/// Offsets are stored in 32 bits: an article is at most 64 MB, and a corpus holds millions of
/// spans (every sentence, paragraph and mention), so their size is the model's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Offsets beyond 4 GiB are clamped; no article is that large (see `MAX_ARTICLE_BYTES`).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Self {
            start: clamp(start),
            end: clamp(end),
        }
    }

    pub const fn start(self) -> usize {
        self.start as usize
    }

    pub const fn end(self) -> usize {
        self.end as usize
    }

    pub const fn range(self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    pub fn len(self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text of this span, or "" if the span does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// The byte offset of `inner` in `outer`, where `inner` is a slice of `outer`.
pub fn offset_in(outer: &str, inner: &str) -> usize {
    let at = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    at.min(outer.len())
}

/// The comparison key of a word or phrase: lower case, no diacritics, straight apostrophes, no
/// dots, single spaces. "Zelenskyy’s" and "zelenskyy's" fold alike; "U.S." folds to "us".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// ASCII with nothing that folding removes or replaces (dots, spaces, backquotes): folding it
/// only lowers its case.
fn is_plain_ascii_word(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii() && !matches!(b, b'.' | b'`' | b' ' | b'\t'..=b'\r'))
}

/// [`fold`], borrowing `s` when it is already folded (a plain lower-case ASCII word).
pub fn fold_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_plain_ascii_word(s) && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(fold(s))
    }
}

/// [`fold`] into a buffer that the caller reuses (it is cleared first): no allocation per word.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    // Most words are ASCII, and ASCII needs no decomposition: same result, many times faster.
    // A single plain word, the usual case, only changes case.
    if is_plain_ascii_word(s) {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    if s.is_ascii() {
        for c in s.chars() {
            match c {
                '.' => {}
                c if c.is_whitespace() => space = !out.is_empty(),
                c => {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push(if c == '`' {
                        '\''
                    } else {
                        c.to_ascii_lowercase()
                    });
                }
            }
        }
        return;
    }
    for c in s.nfkd() {
        if is_combining_mark(c) || c == '.' {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Is this the apostrophe of a possessive or contraction, in any of its typographic forms?
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Every letter is upper case and there are at least two of them ("NATO", "U.S.").
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Identifiers given once each: `base`, or else `base-2`, `base-3`… , the first not yet given.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: std::collections::HashSet<String>,
    /// For each base already given, the suffix to try next: every smaller one is taken, so the
    /// k-th id of one base costs one probe, not k. Probing still checks `taken`, as another
    /// base may have produced that id ("a-2" given as a base before "a" needs a second one).
    next_suffix: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// An id from `base` that no earlier call returned.
    pub fn assign(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// A slug for identifiers: ASCII letters and digits joined by single hyphens. Letters of other
/// scripts are transliterated ("Иван Петров" gives "ivan-petrov"), so that names in them give
/// ids that say whose they are, rather than all sharing a fallback.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in fold(s).chars() {
        // Only letters and digits are transliterated: symbols stay separators, as they were
        // before ("€" must not become "EUR" in an id).
        match deunicode::deunicode_char(c) {
            Some(ascii) if !c.is_ascii() && c.is_alphanumeric() => {
                ascii.chars().for_each(&mut push)
            }
            _ => push(c),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Shorten to at most `max_words` words, cutting at a clause boundary when one is close.
pub fn shorten(text: &str, max_words: usize) -> String {
    // One word more than the most kept says whether the text is longer: the rest is never read.
    let words: Vec<&str> = text.split_whitespace().take(max_words + 1).collect();
    if words.len() <= max_words {
        return words.join(" ");
    }
    let clause_end = (4..max_words)
        .rev()
        .find(|&i| words[i - 1].ends_with([',', ';', ':']));
    let cut = clause_end.unwrap_or(max_words);
    let mut kept: Vec<&str> = words[..cut].to_vec();
    while let Some(last) = kept.last() {
        let bare = last.trim_end_matches([',', ';', ':']).to_lowercase();
        if kept.len() > 3
            && matches!(
                bare.as_str(),
                "a" | "an"
                    | "the"
                    | "of"
                    | "and"
                    | "or"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "by"
                    | "from"
                    | "as"
                    | "but"
                    | "since"
                    | "about"
                    | "after"
                    | "before"
                    | "over"
                    | "into"
                    | "than"
            )
        {
            kept.pop();
        } else {
            break;
        }
    }
    let mut out = kept.join(" ");
    out = out.trim_end_matches([',', ';', ':', ' ']).to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_slices() {
        let outer = "  padded line ";
        assert_eq!(offset_in(outer, outer.trim()), 2);
        assert_eq!(offset_in(outer, &outer[7..]), 7);
    }

    #[test]
    fn ascii_folding_matches_unicode_folding() {
        // A non-ASCII character at the end sends the text down the Unicode path.
        for s in [
            "U.S.  President",
            " Mr. J. D. Vance ",
            "O'Brien`s",
            "tab\there\u{b}x",
            "A-B.C",
        ] {
            let gap = if s.ends_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            assert_eq!(
                format!("{}{gap}e", fold(s)),
                fold(&format!("{s}é")),
                "{s:?}"
            );
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Zelenskyy’s"), "zelenskyy's");
        assert_eq!(fold("  U.S.  President "), "us president");
        assert_eq!(fold("José Ñúñez"), "jose nunez");
        assert_eq!(fold("Trump–Putin"), "trump-putin");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
        assert_eq!(slug("O'Gorman, T."), "o-gorman-t");
        assert_eq!(slug("Trump–Putin meeting…"), "trump-putin-meeting");
        assert_eq!(slug("€5 – 3% ©"), "5-3", "symbols stay separators");
    }

    #[test]
    fn slugs_of_other_scripts_say_whose_they_are() {
        assert_eq!(slug("Президент Иван Петров"), "prezident-ivan-petrov");
        assert_eq!(slug("Ωμέγα Δέλτα"), "omega-delta");
        assert_eq!(slug("北京"), "bei-jing");
        assert_ne!(slug("Иван Петров"), slug("Пётр Иванов"));
    }

    #[test]
    fn unique_ids_number_repeats_and_avoid_ids_given_as_bases() {
        let mut ids = UniqueIds::new();
        assert_eq!(ids.assign("a-3".into()), "a-3");
        assert_eq!(ids.assign("a".into()), "a");
        assert_eq!(ids.assign("a".into()), "a-2");
        assert_eq!(ids.assign("a".into()), "a-4", "a-3 was given as a base");
        assert_eq!(ids.assign("a-2".into()), "a-2-2");
        assert_eq!(ids.assign("a".into()), "a-5");
    }

    #[test]
    fn many_equal_bases_cost_one_probe_each() {
        // Quadratic probing would make 40,000 equal bases cost 800 million probes: minutes,
        // against milliseconds for one probe each.
        let mut ids = UniqueIds::new();
        let start = std::time::Instant::now();
        for _ in 0..40_000 {
            ids.assign("person".into());
        }
        assert_eq!(ids.assign("person".into()), "person-40001");
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn caps() {
        assert!(is_all_caps("NATO"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("A"));
        assert!(!is_all_caps("Nato"));
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("One two three", 5), "One two three");
        assert_eq!(
            shorten(
                "The meeting during the funeral was their first since an angry encounter in the capital, in February.",
                10
            ),
            "The meeting during the funeral was their first…"
        );
        assert_eq!(
            shorten(
                "Leaders met in the city, talked for an hour and then left without any statement at all.",
                10
            ),
            "Leaders met in the city…"
        );
    }
}
