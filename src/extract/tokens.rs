//! Words, numbers and punctuation of a sentence, with their byte offsets in the article text.

use crate::text::{Span, is_apostrophe};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner hyphens, apostrophes and initial dots ("Anne-Gaelle", "O'Gorman", "U.S").
    Word,
    /// Digits, with inner separators ("1.2", "6,739", "4-38", "26th").
    Number,
    /// The "'s" or bare apostrophe of a possessive.
    Possessive,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    pub kind: TokenKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }
}

/// The tokens of `text[span]`; spans are offsets into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let slice = span.slice(text);
    let base = span.start();
    // Sized once, from the bytes (at least as many as the characters) and from a word's usual
    // length: growing these two vectors was a tenth of the extraction time.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(slice.len());
    chars.extend(slice.char_indices());
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(slice.len(), |&(o, _)| o);
    let mut tokens = Vec::with_capacity(slice.len() / 4 + 1);
    let mut i = 0;
    let (mut space, mut newline) = (false, false);
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n';
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            i = scan_word(&at, i);
            TokenKind::Word
        } else if c.is_ascii_digit() {
            i = scan_number(&at, i);
            TokenKind::Number
        } else if is_apostrophe(c)
            && tokens
                .last()
                .is_some_and(|t: &Token| t.kind == TokenKind::Word && !space)
        {
            // "Trump's", "Francis'", "Zelenskyy’s"
            i += 1;
            if matches!(at(i), Some('s' | 'S')) && !at(i + 1).is_some_and(char::is_alphanumeric) {
                i += 1;
            }
            TokenKind::Possessive
        } else {
            i += 1;
            TokenKind::Punct
        };
        tokens.push(Token {
            text: &slice[offset(start)..offset(i)],
            span: Span::new(base + offset(start), base + offset(i)),
            kind,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    tokens
}

fn scan_word(at: &impl Fn(usize) -> Option<char>, mut i: usize) -> usize {
    let mut segment = 0usize;
    while let Some(c) = at(i) {
        if c.is_alphanumeric() || is_mark(c) {
            segment += 1;
            i += 1;
            continue;
        }
        let next = at(i + 1);
        let next_is_letter = next.is_some_and(char::is_alphabetic);
        match c {
            '-' | '\u{2010}' | '\u{2011}' if next_is_letter => {}
            c if is_apostrophe(c) && next_is_letter => {
                // A possessive "'s" ends the word; "O'Gorman" and "don't" do not.
                let possessive = matches!(next, Some('s' | 'S'))
                    && !at(i + 2).is_some_and(char::is_alphanumeric);
                if possessive {
                    break;
                }
            }
            // Dotted initials and abbreviations: "U.S", "J.D", "T.O'Gorman".
            '.' if next_is_letter && segment <= 2 => {}
            _ => break,
        }
        segment = 0;
        i += 1;
    }
    i
}

fn scan_number(at: &impl Fn(usize) -> Option<char>, mut i: usize) -> usize {
    while let Some(c) = at(i) {
        let next_is_digit = at(i + 1).is_some_and(|n| n.is_ascii_digit());
        let separator = matches!(c, '.' | ',' | ':' | '-' | '/') && next_is_digit;
        if c.is_ascii_digit() || c.is_alphabetic() || separator {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    #[test]
    fn possessives_split_off() {
        use TokenKind::*;
        assert_eq!(
            words("Trump's Zelenskyy’s Francis’ O'Gorman"),
            vec![
                ("Trump", Word),
                ("'s", Possessive),
                ("Zelenskyy", Word),
                ("’s", Possessive),
                ("Francis", Word),
                ("’", Possessive),
                ("O'Gorman", Word)
            ]
        );
    }

    #[test]
    fn hyphens_dashes_and_dots() {
        use TokenKind::*;
        assert_eq!(
            words("Anne-Gaelle Trump–Putin U.S. J. D."),
            vec![
                ("Anne-Gaelle", Word),
                ("Trump", Word),
                ("–", Punct),
                ("Putin", Word),
                ("U.S", Word),
                (".", Punct),
                ("J", Word),
                (".", Punct),
                ("D", Word),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn numbers() {
        use TokenKind::*;
        assert_eq!(
            words("4-38 6,739 $1.2 26th 2025-04-26"),
            vec![
                ("4-38", Number),
                ("6,739", Number),
                ("$", Punct),
                ("1.2", Number),
                ("26th", Number),
                ("2025-04-26", Number)
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "xx Ünal said.";
        let tokens = tokenize(text, Span::new(3, text.len()));
        assert_eq!(tokens[0].span.slice(text), "Ünal");
        assert!(!tokens[0].space_before && tokens[1].space_before);
    }
}
