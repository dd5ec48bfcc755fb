//! Fuzzy filtering with fzf's extended search syntax.
//!
//! A query is terms separated by spaces, all of which must match (AND):
//! `putin` fuzzy, `'putin` exact substring, `^pu` prefix, `tin$` suffix, `!kremlin` must not
//! contain. Matching ignores case and accents. Each item is searched field by field (a name,
//! its aliases, its roles...), so no term matches across two fields.
//!
//! Three terms ask about what the reader left on an item rather than its text: `is:unread`,
//! `is:starred` and `has:note`, each negated by `!` like any term (`!is:unread`). They combine
//! with the text terms; the marks are an input to [`Matcher::score`], so the matching stays a
//! plain function of its arguments.

use crate::annotations::{self, Annotations, Target};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fuzzy,
    Exact,
    Prefix,
    Suffix,
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    kind: Kind,
    negated: bool,
}

/// A question about what the reader left on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Unread,
    Starred,
    Noted,
}

impl Flag {
    fn parse(word: &str) -> Option<Self> {
        match word {
            "is:unread" => Some(Flag::Unread),
            "is:starred" => Some(Flag::Starred),
            "has:note" => Some(Flag::Noted),
            _ => None,
        }
    }

    fn holds(self, marks: Marks) -> bool {
        match self {
            Flag::Unread => marks.unread,
            Flag::Starred => marks.starred,
            Flag::Noted => marks.noted,
        }
    }
}

/// What the reader left on one item, as the filter sees it. Only articles are ever unread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub unread: bool,
    pub starred: bool,
    pub noted: bool,
}

impl Marks {
    pub fn of(annotations: &Annotations, target: &Target) -> Self {
        Self {
            unread: target.kind == annotations::Kind::Article && !annotations.is_read(&target.key),
            starred: annotations.is_starred(target),
            noted: annotations.note(target).is_some(),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
    /// Flags with whether each is negated.
    flags: Vec<(Flag, bool)>,
}

impl Query {
    pub fn parse(input: &str) -> Self {
        let mut flags = Vec::new();
        let terms = input
            .split_whitespace()
            .filter_map(|word| {
                let (negated, word) = match word.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, word),
                };
                if let Some(flag) = Flag::parse(&word.to_lowercase()) {
                    flags.push((flag, negated));
                    return None;
                }
                let (kind, text) = if let Some(rest) = word.strip_prefix('\'') {
                    (Kind::Exact, rest)
                } else if let Some(inner) = word.strip_prefix('^').and_then(|w| w.strip_suffix('$'))
                {
                    (Kind::Whole, inner)
                } else if let Some(rest) = word.strip_prefix('^') {
                    (Kind::Prefix, rest)
                } else if let Some(rest) = word.strip_suffix('$') {
                    (Kind::Suffix, rest)
                } else if negated {
                    // fzf: a negated plain term is an exact one.
                    (Kind::Exact, word)
                } else {
                    (Kind::Fuzzy, word)
                };
                let text = search_form(text);
                (!text.is_empty()).then_some(Term {
                    text,
                    kind,
                    negated,
                })
            })
            .collect();
        Self { terms, flags }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.flags.is_empty()
    }

    /// Whether the query asks about marks, so that its results change when they do.
    pub fn asks_about_marks(&self) -> bool {
        !self.flags.is_empty()
    }

    /// Does every item `other` matches also match `self`? Then a narrowed query only needs to
    /// look at the previous results.
    pub fn narrows(&self, other: &Query) -> bool {
        let flags_kept = other.flags.iter().all(|old| self.flags.contains(old));
        flags_kept
            && other.terms.iter().all(|old| {
                self.terms.iter().any(|new| {
                    new.kind == old.kind
                        && new.negated == old.negated
                        && if old.negated {
                            new.text == old.text
                        } else {
                            match old.kind {
                                Kind::Fuzzy => is_subsequence(&old.text, &new.text),
                                Kind::Exact => new.text.contains(&old.text),
                                Kind::Prefix => new.text.starts_with(&old.text),
                                Kind::Suffix => new.text.ends_with(&old.text),
                                Kind::Whole => new.text == old.text,
                            }
                        }
                })
            })
    }
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut chars = long.chars();
    short.chars().all(|c| chars.any(|l| l == c))
}

/// The form text is searched in: lower case, accents dropped, one char for one char, so that
/// match positions are positions in the original text.
pub fn search_form(text: &str) -> String {
    text.chars().map(base_char).collect()
}

fn base_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let base = std::iter::once(c)
        .nfkd()
        .find(|d| !is_combining_mark(*d))
        .unwrap_or(c);
    base.to_lowercase().next().unwrap_or(base)
}

/// Scores items against queries.
pub struct Matcher {
    fuzzy: SkimMatcherV2,
}

impl Default for Matcher {
    fn default() -> Self {
        Self {
            fuzzy: SkimMatcherV2::default().ignore_case(),
        }
    }
}

/// Score for a term matched exactly: above any single fuzzy match of the same length.
const EXACT_BONUS: i64 = 1_000;

impl Matcher {
    /// The score of an item whose fields (in [`search_form`]) are `fields` and whose marks are
    /// `marks`, or `None` when a term does not match.
    pub fn score<S: AsRef<str>>(&self, query: &Query, fields: &[S], marks: Marks) -> Option<i64> {
        if query
            .flags
            .iter()
            .any(|&(flag, negated)| flag.holds(marks) == negated)
        {
            return None;
        }
        let mut total = 0;
        for term in &query.terms {
            let best = fields
                .iter()
                .filter_map(|f| self.term_score(term, f.as_ref()))
                .max();
            match (best, term.negated) {
                (Some(_), true) | (None, false) => return None,
                (Some(score), false) => total += score,
                (None, true) => {}
            }
        }
        Some(total)
    }

    fn term_score(&self, term: &Term, field: &str) -> Option<i64> {
        let len = term.text.chars().count() as i64;
        match term.kind {
            Kind::Fuzzy => self.fuzzy.fuzzy_match(field, &term.text),
            Kind::Exact => field.contains(&term.text).then_some(EXACT_BONUS + len),
            Kind::Prefix => field.starts_with(&term.text).then_some(EXACT_BONUS + len),
            Kind::Suffix => field.ends_with(&term.text).then_some(EXACT_BONUS + len),
            Kind::Whole => (field == term.text).then_some(2 * EXACT_BONUS + len),
        }
    }

    /// Positions (in chars) of `text` that the query's terms match, for highlighting.
    pub fn highlights(&self, query: &Query, text: &str) -> Vec<usize> {
        let form = search_form(text);
        let mut positions = Vec::new();
        for term in query.terms.iter().filter(|t| !t.negated) {
            let found: Option<Vec<usize>> = match term.kind {
                Kind::Fuzzy => self
                    .fuzzy
                    .fuzzy_indices(&form, &term.text)
                    .map(|(_, idx)| idx),
                Kind::Exact => form
                    .find(&term.text)
                    .map(|at| char_range(&form, at, term.text.len())),
                Kind::Prefix | Kind::Whole => form
                    .starts_with(&term.text)
                    .then(|| char_range(&form, 0, term.text.len())),
                Kind::Suffix => form
                    .ends_with(&term.text)
                    .then(|| char_range(&form, form.len() - term.text.len(), term.text.len())),
            };
            positions.extend(found.unwrap_or_default());
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Char indices of the bytes `at..at + len` of `s`.
fn char_range(s: &str, at: usize, len: usize) -> Vec<usize> {
    s.char_indices()
        .enumerate()
        .filter(|(_, (byte, _))| (at..at + len).contains(byte))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, fields: &[&str]) -> Option<i64> {
        let fields: Vec<String> = fields.iter().map(|f| search_form(f)).collect();
        Matcher::default().score(&Query::parse(query), &fields, Marks::default())
    }

    #[test]
    fn marks_terms_combine_with_text_terms() {
        let fields = [search_form("Harbour talks resume")];
        let m = Matcher::default();
        let unread_starred = Marks {
            unread: true,
            starred: true,
            noted: false,
        };
        let matches = |q: &str, marks| m.score(&Query::parse(q), &fields, marks).is_some();
        assert!(matches("is:unread harb", unread_starred));
        assert!(!matches("is:unread zzz", unread_starred));
        assert!(matches("is:starred !has:note", unread_starred));
        assert!(!matches("has:note", unread_starred));
        assert!(!matches("!is:unread", unread_starred));
        assert!(matches("!is:unread", Marks::default()));
        assert!(matches("IS:Starred", unread_starred), "flags ignore case");
        // An unknown question is text like any other.
        assert!(!matches("is:urgent", unread_starred));
        assert!(Query::parse("is:unread").asks_about_marks());
        assert!(!Query::parse("is:unread").is_empty());
    }

    #[test]
    fn marks_of_an_item_come_from_the_annotations() {
        use crate::annotations::Change;
        let mut notes = Annotations::default();
        let article = Target::article("a.txt");
        let person = Target::person("ada-quill");
        assert!(Marks::of(&notes, &article).unread);
        assert!(!Marks::of(&notes, &person).unread, "only articles are read");
        notes.apply(&Change::Read {
            article: "a.txt".into(),
            read: true,
        });
        notes.apply(&Change::Note {
            target: person.clone(),
            text: Some("ask about the harbour".into()),
        });
        assert!(!Marks::of(&notes, &article).unread);
        assert!(Marks::of(&notes, &person).noted);
        assert!(!Marks::of(&notes, &person).starred);
    }

    #[test]
    fn a_query_with_a_flag_narrows_only_a_query_with_it() {
        let narrows = |new: &str, old: &str| Query::parse(new).narrows(&Query::parse(old));
        assert!(narrows("is:unread put", "is:unread"));
        assert!(narrows("is:unread", ""));
        assert!(!narrows("put", "is:unread put"));
        assert!(!narrows("is:unread", "!is:unread"));
    }

    #[test]
    fn fuzzy_terms_and_all_of_them() {
        assert!(score("vput", &["Vladimir Putin"]).is_some());
        assert!(score("putin kremlin", &["Vladimir Putin", "Kremlin leader"]).is_some());
        assert!(score("putin zzz", &["Vladimir Putin"]).is_none());
    }

    #[test]
    fn extended_syntax() {
        let fields = &["Vladimir Putin", "Kremlin leader"];
        assert!(score("'putin", fields).is_some());
        assert!(score("'ptn", fields).is_none());
        assert!(score("^vlad", fields).is_some());
        assert!(score("^putin", fields).is_none());
        assert!(score("leader$", fields).is_some());
        assert!(score("!kremlin", fields).is_none());
        assert!(score("!trump", fields).is_some());
        assert!(score("^kremlin leader$", fields).is_some());
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert!(score("zelenskyy", &["ZELENSKYY"]).is_some());
        assert!(score("jose", &["José Ñúñez"]).is_some());
        assert!(score("núñez", &["Jose Nunez"]).is_some());
    }

    #[test]
    fn better_matches_score_higher() {
        let exact = score("putin", &["Putin"]).unwrap();
        let scattered = score("putin", &["Pu la ti na"]).unwrap();
        assert!(exact > scattered);
    }

    #[test]
    fn highlights_are_char_positions_of_the_original() {
        let m = Matcher::default();
        assert_eq!(
            m.highlights(&Query::parse("'zel"), "Ünal Zelensky"),
            vec![5, 6, 7]
        );
        assert_eq!(m.highlights(&Query::parse("^ün"), "Ünal"), vec![0, 1]);
        assert!(m.highlights(&Query::parse("!x"), "abc").is_empty());
    }

    #[test]
    fn narrowing_queries_are_recognised() {
        let narrows = |new: &str, old: &str| Query::parse(new).narrows(&Query::parse(old));
        assert!(narrows("puti", "put"));
        assert!(narrows("put kre", "put"));
        assert!(narrows("'putin", "'put"));
        assert!(!narrows("pu", "put"));
        assert!(!narrows("!ab", "!a"));
        assert!(narrows("x", ""));
    }
}
