//! Where an event happened, read from the clause that reports it.
//!
//! A place is where something happened when the clause puts it there: after a locative ("talks
//! in Lisbon", "at the Guild Hall") or as a modifier of what happened ("the Geneva summit"). A
//! place that acts ("Oslo said"), or that something is about ("a stance on Oslo"), is not where
//! the event happened.

use crate::extract::tokens::tokenize;
use crate::lexicon::Lexicon;
use crate::text::{Span, fold, is_capitalised};

/// Prepositions that say where something happened.
const LOCATIVES: &[&str] = &["in", "at", "near", "outside", "inside"];

/// Words that open a noun phrase a place can modify ("the Geneva talks", "last week's Oslo
/// summit").
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "their", "its", "last"];

/// The first place of the clause `clause` of `text` that the clause puts its event at.
pub fn place_of_clause(text: &str, clause: Span, lexicon: &Lexicon) -> Option<String> {
    let tokens: Vec<_> = tokenize(text, clause)
        .into_iter()
        .filter(|t| t.is_word())
        .collect();
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut i = 0;
    while i < words.len() {
        let Some(n) = is_capitalised(words[i])
            .then(|| lexicon.places.longest_prefix(&words[i..]))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let before = |k: usize| i.checked_sub(k).map(|j| folded[j].as_str());
        let located = before(1).is_some_and(|w| LOCATIVES.contains(&w))
            || (before(1) == Some("the") && before(2).is_some_and(|w| LOCATIVES.contains(&w)));
        let modifies = words
            .get(i + n)
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
            && (before(1).is_some_and(|w| DETERMINERS.contains(&w))
                || possessive_before(text, tokens[i].span.start()));
        if located || modifies {
            let place = Span::new(tokens[i].span.start(), tokens[i + n - 1].span.end());
            return Some(place.slice(text).to_owned());
        }
        i += n;
    }
    None
}

/// The capitalised names that follow a locative in `span` of `text` ("in Lisbon", "at the
/// Guild Hall"), listed or not: a catalogue's own places are rarely in a gazetteer.
pub fn located_names(text: &str, span: Span) -> Vec<String> {
    let tokens: Vec<_> = tokenize(text, span)
        .into_iter()
        .filter(|t| t.is_word())
        .collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let locative = LOCATIVES.contains(&fold(tokens[i].text).as_str());
        i += 1;
        if !locative {
            continue;
        }
        if tokens.get(i).is_some_and(|t| fold(t.text) == "the") {
            i += 1;
        }
        let start = i;
        // A name runs over its capitalised words, not over a comma ("in Lisbon, Portugal").
        while tokens.get(i).is_some_and(|t| is_capitalised(t.text))
            && (i == start || !text[tokens[i - 1].span.end()..tokens[i].span.start()].contains(','))
        {
            i += 1;
        }
        if i > start {
            names.push(
                Span::new(tokens[start].span.start(), tokens[i - 1].span.end())
                    .slice(text)
                    .to_owned(),
            );
        }
    }
    names
}

/// Does a possessive ("week's") end the text just before `at`?
fn possessive_before(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.ends_with("'s") || before.ends_with("’s")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(sentence: &str) -> Option<String> {
        place_of_clause(sentence, Span::new(0, sentence.len()), Lexicon::builtin())
    }

    #[test]
    fn a_locative_or_a_modifier_puts_the_event_at_a_place() {
        assert_eq!(
            place("The ministers met in Lisbon on Tuesday."),
            Some("Lisbon".into())
        );
        assert_eq!(
            place("Delegates gathered at the Porto congress hall."),
            Some("Porto".into())
        );
        assert_eq!(
            place("It came after last week's Geneva summit ended without a deal."),
            Some("Geneva".into())
        );
    }

    #[test]
    fn names_after_a_locative_are_found_listed_or_not() {
        let text = "They met at the Guild Hall in Lisbon, Portugal, near Tarrow Quay on Monday.";
        assert_eq!(
            located_names(text, Span::new(0, text.len())),
            ["Guild Hall", "Lisbon", "Tarrow Quay"]
        );
    }

    #[test]
    fn a_place_that_acts_or_is_talked_about_is_not_where_it_happened() {
        assert_eq!(place("Oslo said it was open to talks as in 2019."), None);
        assert_eq!(place("Their stance on Helsinki changed in 2019."), None);
        assert_eq!(
            place("Oslo said the ministers met near Geneva."),
            Some("Geneva".into())
        );
    }
}
