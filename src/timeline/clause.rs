//! Where the clause of a date begins and ends between its punctuation, and whose subject it has:
//! a title says who did what, so it needs its clause's verb and, when the clause shares its
//! subject with another ("X, a Y, opened"; "X did A in 2001 and B in 2009"), that subject.

use crate::lexicon::Lexicon;
use crate::text::fold;

/// Words that join two clauses; they open a new one only when a verb follows them closely.
const COORDINATORS: &[&str] = &["and", "but", "or", "yet", "whereas", "while"];
/// Relative pronouns: when a verb follows them they are the subject of their clause, and what
/// they stand for is the word group before them.
pub(super) const RELATIVE_PRONOUNS: &[&str] = &["that", "which", "who"];
/// Words that open a clause without being its subject: a clause opened by one is not a subject.
const NOT_SUBJECTS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "by",
    "since",
    "from",
    "after",
    "before",
    "for",
    "with",
    "when",
    "until",
    "following",
    "where",
    "as",
    "if",
    "because",
    "although",
    "though",
    "to",
    "of",
    "according",
];
/// Words after which a clause starts again: its verb must come after them.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "when", "after", "before", "since", "because", "if", "while", "as",
    "until", "although", "though",
];
/// Words that open an appositive or a descriptive aside between commas ("X, a Y, opened").
const ASIDE_OPENERS: &[&str] = &["a", "an", "who", "which", "whose", "whom"];
/// Words before which a word in "-s" is a plural noun, not a verb ("the funds", "three funds").
const NOUN_MARKERS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "this", "these", "those",
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "and", "or", "many", "some", "all",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "dozen",
    "hundred", "thousand", "million", "few", "several", "new", "other", "more",
];
/// Words in "-s" or "-ed" that are not verbs.
const NOT_VERBS: &[&str] = &[
    "its",
    "this",
    "his",
    "hers",
    "ours",
    "yours",
    "theirs",
    "us",
    "thus",
    "plus",
    "news",
    "always",
    "perhaps",
    "whereas",
    "series",
    "those",
    "these",
    "sometimes",
    "besides",
    "towards",
    "afterwards",
    "unless",
    "less",
    "across",
    "always",
    "hundred",
    "indeed",
    "speed",
    "need",
    "seed",
    "breed",
    "greed",
    "feed",
    "reed",
    "deed",
    "weed",
    "creed",
    "bleed",
];

/// A finite verb or a participle, known from the lexicon or by its "-ed" ending.
pub(super) fn is_verb(word: &str, lexicon: &Lexicon) -> bool {
    let w = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
    if w.is_empty() || NOT_VERBS.contains(&w.as_str()) {
        return false;
    }
    // A reporting verb in "-s" is as often a noun ("states", "reports"): it is told by the word
    // before it, as other present forms are.
    lexicon.verb_forms.contains_folded(&w)
        || (lexicon.speech_verbs.contains_folded(&w) && !w.ends_with('s'))
        || (w.len() >= 4 && w.ends_with("ed") && w.chars().all(char::is_alphabetic))
}

/// Whether `words[k]` is a verb: also a present form in "-s" ("the mill opens", "Ana leaves"),
/// when the word before it could be its subject rather than a determiner or number that makes
/// it a plural noun ("three funds"). A name before it may make it a noun too ("city
/// players"), so where a wrong verb would cut a clause only [`strong_verb_at`] is trusted.
pub(super) fn verb_at(words: &[&str], k: usize, lexicon: &Lexicon) -> bool {
    if strong_verb_at(words, k, lexicon) {
        return true;
    }
    k.checked_sub(1).is_some_and(|p| {
        let prev = words[p];
        is_present_form(words[k])
            && prev.chars().all(char::is_alphabetic)
            && !NOUN_MARKERS.contains(&fold(prev).as_str())
    })
}

/// A verb known from the lexicon or its "-ed" ending; inside a clause a capitalised word is a
/// name ("the Fed"), not a verb.
fn strong_verb_at(words: &[&str], k: usize, lexicon: &Lexicon) -> bool {
    (k == 0 || !words[k].starts_with(char::is_uppercase)) && is_verb(words[k], lexicon)
}

fn has_strong_verb(words: &[&str], lexicon: &Lexicon) -> bool {
    (0..words.len()).any(|k| strong_verb_at(words, k, lexicon))
}

/// A lower-case word in "-s" that could be a present verb ("opens") or a plural noun.
fn is_present_form(word: &str) -> bool {
    let w = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
    w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("ics")
        && w.chars().all(char::is_alphabetic)
        && !NOT_VERBS.contains(&w.as_str())
        && !word.starts_with(char::is_uppercase)
}

/// Whether a clause opens with its verb, its subject being elsewhere: a word in "-s" first is
/// that verb only when no other verb follows ("…, opens on Monday" but not "…, insurers and
/// the agency launched").
pub(super) fn starts_with_verb(words: &[&str], lexicon: &Lexicon) -> bool {
    words.first().is_some_and(|first| {
        is_verb(first, lexicon) || (is_present_form(first) && !has_verb(&words[1..], lexicon))
    })
}

pub(super) fn has_verb(words: &[&str], lexicon: &Lexicon) -> bool {
    (0..words.len()).any(|k| verb_at(words, k, lexicon))
}

/// Whether `words` open a finite clause: a verb at once (a second predicate of the same
/// subject) or after a short subject.
fn opens_clause(words: &[&str], lexicon: &Lexicon) -> bool {
    let window = &words[..words.len().min(5)];
    let verb = (0..window.len()).find(|&k| strong_verb_at(window, k, lexicon));
    // A preposition before the verb makes the words a phrase ("and stones at the players").
    verb.is_some_and(|k| {
        !window[..k]
            .iter()
            .any(|w| NOT_SUBJECTS.contains(&fold(w).as_str()))
    }) && !window
        .first()
        .is_some_and(|w| NOT_SUBJECTS.contains(&fold(w).as_str()))
}

/// The words of `sentence[from..to]` with their byte offsets.
fn words_in(sentence: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let slice = &sentence[from..to];
    slice
        .split_whitespace()
        .map(|w| (from + (w.as_ptr() as usize - slice.as_ptr() as usize), w))
        .collect()
}

/// The part of the punctuation clause `start..end` that holds the date `from..to`: a
/// coordinator opens a new clause when there is a verb before it and one closely after it
/// ("X is due to start on D1 and Y should open in D2": D1's clause ends before "and", D2's
/// begins after it). Returns the narrowed span and where the clause before it began when
/// the start was moved, so that a clause without its own subject can borrow that one's.
pub(super) fn narrow(
    sentence: &str,
    (start, end): (usize, usize),
    (from, to): (usize, usize),
    lexicon: &Lexicon,
) -> (usize, usize) {
    let all = words_in(sentence, start, end);
    let words: Vec<&str> = all.iter().map(|&(_, w)| w).collect();
    let is_coordinator = |w: &str| COORDINATORS.contains(&fold(w).as_str());
    let first_after = all.partition_point(|&(at, _)| at < to);
    let before_date = all.partition_point(|&(at, _)| at < from);
    // The coordinator joins two clauses only when the clause before it is complete: it has
    // a verb after any subordinator ("fears that the rebels and their allies will…" joins two
    // subjects), and no relative clause that the coordinator could be continuing.
    let joins_clauses = |i: usize| {
        let left = &words[..i];
        // A reporting verb opens the clause it reports ("said A and B would meet").
        let opener = left
            .iter()
            .rposition(|w| {
                let w = fold(w);
                CLAUSE_OPENERS.contains(&w.as_str()) || lexicon.speech_verbs.contains_folded(&w)
            })
            .map_or(0, |p| p + 1);
        is_coordinator(words[i])
            && has_strong_verb(&left[opener..], lexicon)
            && !left
                .iter()
                .any(|w| matches!(fold(w).as_str(), "which" | "who" | "whose"))
            && opens_clause(&words[i + 1..], lexicon)
    };
    let mut new_start = start;
    if let Some(i) = (0..before_date).rev().find(|&i| joins_clauses(i)) {
        new_start = all.get(i + 1).map_or(from, |&(at, _)| at.min(from));
    }
    let mut new_end = end;
    if let Some(i) = (first_after..words.len()).find(|&i| joins_clauses(i)) {
        new_end = all[i].0.max(to);
    }
    let trimmed = sentence[new_start..new_end].trim_end();
    (new_start, new_start + trimmed.len())
}

/// The longest word group taken for a shared subject.
const LONGEST_SUBJECT: usize = 10;

/// The subject a clause at `clause_start` shares with what comes before it: the clause before
/// a coordinator (from `outer_start`), then the comma-separated parts before that, skipping
/// asides between commas ("the chair", "a library", "who ran it", "born in 1950", "41"). None
/// when the part found opens with a preposition or subordinator, or its subject is too long to
/// be one.
pub(super) fn subject_before(
    sentence: &str,
    clause_start: usize,
    outer_start: usize,
    lexicon: &Lexicon,
    clause_bounds: impl Fn(usize) -> (usize, usize),
) -> Option<String> {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    if clause_start > outer_start {
        // Up to the coordinator that opened the clause.
        let left = words_in(sentence, outer_start, clause_start);
        let cut = left.last().map_or(outer_start, |&(at, _)| at);
        parts.push((outer_start, cut));
    }
    let mut pos = outer_start;
    for _ in 0..4 {
        let Some(comma) = comma_before(sentence, pos) else {
            break;
        };
        let (s, _) = clause_bounds(comma);
        parts.push((s, comma));
        pos = s;
    }
    for (s, e) in parts {
        let words: Vec<&str> = words_in(sentence, s, e)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        let Some(first) = words.first().map(|w| fold(w)) else {
            continue;
        };
        // Between commas, a lower-case word group is an aside ("X, capital of Y, said"), unless
        // the part before it is an opening phrase ("On Monday, the council, …").
        let between_commas = comma_before(sentence, s).is_some_and(|comma| {
            let (before, _) = clause_bounds(comma);
            !words_in(sentence, before, comma)
                .first()
                .is_some_and(|&(_, w)| NOT_SUBJECTS.contains(&fold(w).as_str()))
        });
        let aside = ASIDE_OPENERS.contains(&first.as_str())
            || (between_commas && words[0].starts_with(char::is_lowercase))
            || words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
            || starts_with_verb(&words, lexicon);
        if aside {
            continue;
        }
        if NOT_SUBJECTS.contains(&first.as_str()) {
            return None;
        }
        // The nearest subject: that of the last clause the part opens ("… worries that the
        // bank, …, would act": the bank).
        let words = match words
            .iter()
            .rposition(|w| CLAUSE_OPENERS.contains(&fold(w).as_str()))
        {
            Some(o) if o + 1 < words.len() && !has_verb(&words[o + 1..], lexicon) => {
                &words[o + 1..]
            }
            _ => &words[..],
        };
        // Only a sure verb ends the subject: a name before a plural ("the Cup finalists")
        // would cut it short.
        let verb = (0..words.len())
            .find(|&k| strong_verb_at(words, k, lexicon))
            .unwrap_or(words.len());
        return (verb <= LONGEST_SUBJECT).then(|| words[..verb].join(" "));
    }
    None
}

/// What a relative pronoun opening a clause stands for: the part before its comma, when that is
/// a bare word group ("Ana Ruiz, who …"). After a clause of its own ("… beat the hosts, who …")
/// the pronoun stands for a word in it that cannot be told apart.
pub(super) fn antecedent_before(
    sentence: &str,
    clause_start: usize,
    lexicon: &Lexicon,
    clause_bounds: impl Fn(usize) -> (usize, usize),
) -> Option<String> {
    let comma = comma_before(sentence, clause_start)?;
    let (s, _) = clause_bounds(comma);
    let words: Vec<&str> = words_in(sentence, s, comma)
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    let first = fold(words.first()?);
    let bare = !has_verb(&words, lexicon)
        && !NOT_SUBJECTS.contains(&first.as_str())
        && words.len() <= LONGEST_SUBJECT;
    bare.then(|| words.join(" "))
}

/// The byte offset of the comma that ends the text before `pos`, if it ends with one.
fn comma_before(sentence: &str, pos: usize) -> Option<usize> {
    sentence[..pos].trim_end().strip_suffix(',').map(str::len)
}

/// Whether a title reports speech: a reporting verb among its first words ("Ana said that …").
pub(super) fn reports_speech(title: &str, lexicon: &Lexicon) -> bool {
    title
        .split_whitespace()
        .take(4)
        .any(|w| lexicon.speech_verbs.contains(w))
}

/// Wh-words: a title opening with one is a fragment or a heading ("Who took over", "What to
/// expect").
const WH_WORDS: &[&str] = &[
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how",
];

/// Whether a title says who did what: it has a verb and does not open with a wh-word.
pub(super) fn is_clause_title(title: &str, lexicon: &Lexicon) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    !words
        .first()
        .is_none_or(|w| WH_WORDS.contains(&fold(w).as_str()))
        && has_verb(&words, lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_told_from_plural_nouns() {
        let lexicon = Lexicon::builtin();
        let words: Vec<&str> = "the old mill opens its doors to three funds"
            .split(' ')
            .collect();
        let verbs: Vec<&str> = (0..words.len())
            .filter(|&k| verb_at(&words, k, lexicon))
            .map(|k| words[k])
            .collect();
        assert_eq!(verbs, ["opens"]);
        assert!(!is_verb("hundred", lexicon) && !is_verb("its", lexicon));
        assert!(is_verb("Renamed", lexicon) && is_verb("gave", lexicon));
    }
}
