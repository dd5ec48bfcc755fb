//! Where an event happened, read from the clause that reports it.
//!
//! A place is where something happened when the clause puts it there: after a locative ("talks
//! in Lisbon", "at the Guild Hall") or as a modifier of what happened ("the Geneva summit"). A
//! place that acts ("Oslo said"), or that something is about ("policy on Crimea"), is not where
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
    (0..words.len()).find_map(|i| {
        if !is_capitalised(words[i]) {
            return None;
        }
        let n = lexicon.places.longest_prefix(&words[i..])?;
        let before = |k: usize| i.checked_sub(k).map(|j| folded[j].as_str());
        let located = before(1).is_some_and(|w| LOCATIVES.contains(&w))
            || (before(1) == Some("the") && before(2).is_some_and(|w| LOCATIVES.contains(&w)));
        let modifies = words
            .get(i + n)
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
            && (before(1).is_some_and(|w| DETERMINERS.contains(&w))
                || possessive_before(text, tokens[i].span.start()));
        (located || modifies).then(|| {
            Span::new(tokens[i].span.start(), tokens[i + n - 1].span.end())
                .slice(text)
                .to_owned()
        })
    })
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
    fn a_place_that_acts_or_is_talked_about_is_not_where_it_happened() {
        assert_eq!(place("Oslo said it was open to talks as in 2019."), None);
        assert_eq!(place("Their policy on Helsinki changed in 2019."), None);
        assert_eq!(
            place("Oslo said the ministers met near Geneva."),
            Some("Geneva".into())
        );
    }
}
