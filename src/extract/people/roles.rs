//! Roles: the title or office written before a name ("Kremlin aide Yuri Ushakov") or in an
//! appositive next to it ("Zelenskyy's chief of staff, Andriy Yermak"; "Donald Trump — U.S.
//! President,").

use crate::extract::tokens::{Token, TokenKind};
use crate::lexicon::Lexicon;
use crate::text::{Span, fold};

/// Longest title phrase we look for, in words ("secretary of state for foreign affairs").
const MAX_TITLE_WORDS: usize = 6;
/// Words a role phrase may hold besides its title.
const MAX_ROLE_WORDS: usize = 7;

/// Word tokens leading up to `end` (exclusive), nearest last, skipping the dots of
/// abbreviations ("U.S. President"); stops at any other punctuation.
fn words_before(tokens: &[Token], end: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = end;
    while i > 0 && out.len() < MAX_ROLE_WORDS + MAX_TITLE_WORDS {
        i -= 1;
        let t = &tokens[i];
        match t.kind {
            TokenKind::Word => out.push(i),
            TokenKind::Punct if t.text == "." && !t.space_before => {}
            _ => break,
        }
    }
    out.reverse();
    out
}

/// Words that may stand before a title inside a role: "Russian", "US", "Kremlin", "deputy",
/// "White House".
fn modifier_len(lexicon: &Lexicon, words: &[&str]) -> Option<usize> {
    let last = *words.last()?;
    if lexicon.role_modifiers.contains(last) || lexicon.demonyms.contains(last) {
        return Some(1);
    }
    [
        &lexicon.countries,
        &lexicon.organisations,
        &lexicon.demonyms,
        &lexicon.titles,
    ]
    .iter()
    .filter_map(|list| list.longest_suffix(words))
    .max()
}

/// The role written right before the name that starts at token `name_start`, as the span of
/// its text. Also accepts an appositive ending in a comma ("his chief of staff, NAME").
pub fn role_before(tokens: &[Token], name_start: usize, lexicon: &Lexicon) -> Option<Span> {
    let mut end = name_start;
    let appositive = end > 0 && tokens[end - 1].is_punct(',');
    if appositive {
        end -= 1;
    }
    let indices = words_before(tokens, end);
    if indices.is_empty() {
        return None;
    }
    let words: Vec<&str> = indices.iter().map(|&i| tokens[i].text).collect();
    let head = lexicon
        .titles
        .longest_suffix(&words[words.len().saturating_sub(MAX_TITLE_WORDS)..])?;
    let mut start = words.len() - head;
    let mut extra = 0;
    while start > 0 && extra < MAX_ROLE_WORDS {
        match modifier_len(lexicon, &words[..start]) {
            Some(n) => {
                start -= n;
                extra += n;
            }
            None => break,
        }
    }
    // A role ending in a comma must be introduced like an appositive: "his", "the", "X's".
    if appositive {
        let before = indices.get(start.wrapping_sub(1)).map(|&i| &tokens[i]);
        let introduced =
            start == 0 && indices[0] > 0 && tokens[indices[0] - 1].kind == TokenKind::Possessive
                || before.is_some_and(|t| {
                    matches!(
                        fold(t.text).as_str(),
                        "the" | "his" | "her" | "its" | "their" | "a" | "an"
                    )
                });
        if !introduced {
            return None;
        }
    }
    let first = tokens[indices[start]].span.start();
    let last = tokens[indices[words.len() - 1]].span.end();
    Some(Span::new(first, last))
}

/// The role in an appositive after the name that ends before token `name_end`:
/// "NAME — U.S. President,", "NAME, the Kremlin's spokesman,".
pub fn role_after(tokens: &[Token], name_end: usize, lexicon: &Lexicon) -> Option<Span> {
    let sep = tokens.get(name_end)?;
    if !(sep.is_punct(',') || sep.is_punct('—') || sep.is_punct('–') || sep.is_punct('-')) {
        return None;
    }
    let mut i = name_end + 1;
    while tokens.get(i).is_some_and(|t| {
        matches!(
            fold(t.text).as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their"
        )
    }) {
        i += 1;
    }
    let mut words: Vec<usize> = Vec::new();
    while let Some(t) = tokens.get(i) {
        match t.kind {
            TokenKind::Word if words.len() < MAX_ROLE_WORDS + MAX_TITLE_WORDS => words.push(i),
            TokenKind::Punct if t.text == "." && !t.space_before => {}
            _ => break,
        }
        i += 1;
    }
    // The longest prefix of those words that is modifiers followed by a title.
    let texts: Vec<&str> = words.iter().map(|&w| tokens[w].text).collect();
    let mut best = None;
    let mut pos = 0;
    while pos < texts.len() {
        if let Some(n) = lexicon.titles.longest_prefix(&texts[pos..]) {
            pos += n;
            best = Some(pos);
            continue;
        }
        let modifier = [
            &lexicon.countries,
            &lexicon.organisations,
            &lexicon.demonyms,
        ]
        .iter()
        .filter_map(|list| list.longest_prefix(&texts[pos..]))
        .max()
        .or_else(|| lexicon.role_modifiers.contains(texts[pos]).then_some(1));
        match modifier {
            Some(n) => pos += n,
            None => break,
        }
    }
    let end_word = best?;
    let after = words.get(end_word).map_or(i, |&w| w);
    let closes = tokens.get(after).is_none_or(|t| {
        t.kind == TokenKind::Punct && matches!(t.text, "," | "." | ";" | ")" | "—" | "–")
            || matches!(
                fold(t.text).as_str(),
                "who" | "and" | "said" | "says" | "told" | "of" | "for"
            )
    });
    if !closes {
        return None;
    }
    Some(Span::new(
        tokens[words[0]].span.start(),
        tokens[words[end_word - 1]].span.end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn before(text: &str, name: &str) -> Option<String> {
        let lexicon = Lexicon::builtin();
        let tokens = tokenize(text, Span::new(0, text.len()));
        let at = text.find(name).unwrap();
        let idx = tokens.iter().position(|t| t.span.start() == at).unwrap();
        role_before(&tokens, idx, lexicon).map(|s| s.slice(text).to_owned())
    }

    fn after(text: &str, name: &str) -> Option<String> {
        let lexicon = Lexicon::builtin();
        let tokens = tokenize(text, Span::new(0, text.len()));
        let end = text.find(name).unwrap() + name.len();
        let idx = tokens.iter().position(|t| t.span.start() >= end).unwrap();
        role_after(&tokens, idx, lexicon).map(|s| s.slice(text).to_owned())
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            before("said Kremlin aide Ivan Petrov.", "Ivan").as_deref(),
            Some("Kremlin aide")
        );
        assert_eq!(
            before("Russian Foreign Minister Ivan Petrov said", "Ivan").as_deref(),
            Some("Russian Foreign Minister")
        );
        assert_eq!(
            before("the U.S. President John Smith", "John").as_deref(),
            Some("U.S. President")
        );
        assert_eq!(
            before("received his special envoy John Smith", "John").as_deref(),
            Some("special envoy")
        );
        assert_eq!(
            before("Ukrainian head of state Ivan Petrov met", "Ivan").as_deref(),
            Some("Ukrainian head of state")
        );
        assert_eq!(
            before("the minister's chief of staff, Ivan Petrov, said", "Ivan").as_deref(),
            Some("chief of staff")
        );
        assert_eq!(before("In Rome, Ivan Petrov said", "Ivan"), None);
        assert_eq!(before("He met Ivan Petrov", "Ivan"), None);
    }

    #[test]
    fn appositives_after_names() {
        assert_eq!(
            after("John Smith — U.S. President, spoke", "John Smith").as_deref(),
            Some("U.S. President")
        );
        assert_eq!(
            after(
                "John Smith, the British foreign secretary, said",
                "John Smith"
            )
            .as_deref(),
            Some("British foreign secretary")
        );
        assert_eq!(after("John Smith, described the talks", "John Smith"), None);
    }
}
