//! Splitting a paragraph into sentences, by byte offsets.

use crate::lexicon::Phrases;
use crate::text::Span;

/// Country-style abbreviations: their period ends a sentence when a sentence-starting word
/// follows ("... support from the U.S. The talks"), and not when a name or title follows
/// ("U.S. President").
const COUNTRY_ABBREVIATIONS: &[&str] = &["us", "uk", "un", "eu", "dc", "uae", "usa", "ussr"];

/// The sentences of `text[span]`, as spans of `text`, trimmed of surrounding spaces.
pub fn sentences(
    text: &str,
    span: Span,
    abbreviations: &Phrases,
    sentence_starters: &Phrases,
) -> Vec<Span> {
    let para = &text[span.start()..span.end()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow repeated terminators and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = iter.peek() {
            if matches!(
                next,
                '.' | '!' | '?' | '…' | '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '»'
            ) {
                end = j + next.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &para[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next_word = rest.trim_start();
        let Some(first) = next_word.chars().next() else {
            continue;
        };
        let starts_sentence = first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(
                first,
                '"' | '\u{201C}' | '\u{2018}' | '\'' | '(' | '[' | '«' | '•' | '-' | '–' | '—'
            );
        if !starts_sentence
            || (c == '.'
                && is_abbreviation(para, start, i, next_word, abbreviations, sentence_starters))
        {
            continue;
        }
        push_trimmed(&mut out, span.start(), para, start, end);
        start = end;
    }
    push_trimmed(&mut out, span.start(), para, start, para.len());
    out
}

/// Is the period at `dot` part of an abbreviation or initial rather than a sentence end?
fn is_abbreviation(
    para: &str,
    sentence_start: usize,
    dot: usize,
    next_word: &str,
    abbreviations: &Phrases,
    sentence_starters: &Phrases,
) -> bool {
    let before = &para[sentence_start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201C}' | '['))
        .next()
        .unwrap_or("");
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() {
        return false;
    }
    let key = crate::text::fold(bare);
    // A single capital letter is an initial: "P. Simmons", "J. D. Vance".
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return true;
    }
    if COUNTRY_ABBREVIATIONS.contains(&key.as_str()) {
        let next = next_word
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !sentence_starters.contains(next);
    }
    // Dotted initialisms ("U.N.", "a.m.") and listed abbreviations.
    (bare.contains('.') && bare.len() <= 6) || abbreviations.contains_folded(&key)
}

fn push_trimmed(out: &mut Vec<Span>, offset: usize, para: &str, start: usize, end: usize) {
    let piece = &para[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    out.push(Span::new(offset + start + lead, offset + end - trail));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbreviations = Phrases::from_lines("mr\ndr\nst\nfeb\ngen");
        let starters = Phrases::from_lines("the\nhe\nbut\nit");
        sentences(text, Span::new(0, text.len()), &abbreviations, &starters)
            .into_iter()
            .map(|s| &text[s.start()..s.end()])
            .collect()
    }

    #[test]
    fn splits_on_terminators_and_keeps_quotes() {
        assert_eq!(
            split("He said “it is over.” Then he left! Why? Because."),
            vec!["He said “it is over.”", "Then he left!", "Why?", "Because."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split(
                "Mr. Smith met Gen. Jones on Feb. 28 near St. Peter's. P. Simmons took four. Vice President J. D. Vance spoke."
            ),
            vec![
                "Mr. Smith met Gen. Jones on Feb. 28 near St. Peter's.",
                "P. Simmons took four.",
                "Vice President J. D. Vance spoke."
            ]
        );
    }

    #[test]
    fn country_abbreviations_end_sentences_only_before_sentence_starters() {
        assert_eq!(
            split("Aid came from the U.S. The talks went on. U.S. President Trump spoke."),
            vec![
                "Aid came from the U.S.",
                "The talks went on.",
                "U.S. President Trump spoke."
            ]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            split("It cost $1.2 million. e.g. this."),
            vec!["It cost $1.2 million. e.g. this."]
        );
    }

    #[test]
    fn offsets_are_relative_to_the_whole_text() {
        let text = "xx A b. C d.";
        let abbreviations = Phrases::default();
        let spans = sentences(
            text,
            Span::new(3, text.len()),
            &abbreviations,
            &abbreviations,
        );
        assert_eq!(spans, vec![Span::new(3, 7), Span::new(8, 12)]);
    }
}
