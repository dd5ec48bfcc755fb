//! Turning untrusted bytes into text that is safe to print and to index.
//!
//! Articles come from the web and from other people's folders, so everything here assumes the
//! worst: escape sequences that would drive the user's terminal, controls that would break the
//! column arithmetic of the TUI, and bidi overrides that would reorder what is shown.

use super::offsets::OffsetMap;

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// Text decoded from a file, with what had to be repaired on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Number of byte sequences that were not valid in `encoding` and became U+FFFD.
    pub invalid_sequences: usize,
}

/// Why a file's bytes are not an article at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// Decode bytes as UTF-8 or, when they start with a byte-order mark, UTF-16.
///
/// NUL bytes outside UTF-16 mean a binary file (images, archives, office documents), which is
/// refused rather than shown as noise.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes, Encoding::Utf16Be));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    let (text, invalid_sequences) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), 0),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let invalid = text.matches('\u{FFFD}').count();
            (text, invalid)
        }
    };
    Ok(Decoded {
        text,
        encoding: Encoding::Utf8,
        invalid_sequences,
    })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, encoding: Encoding) -> Decoded {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    let mut invalid_sequences = usize::from(bytes.len() % 2 == 1);
    let text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                invalid_sequences += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    Decoded {
        text,
        encoding,
        invalid_sequences,
    }
}

/// Remove every escape sequence and control character, normalise line ends and spaces.
///
/// What stays: printable characters, `\n`, emoji joiners (U+200D) and the non-joiner that Persian
/// and Indic scripts need (U+200C). Tabs become a space, CR and CRLF become `\n`, exotic spaces
/// become a plain space. The result contains no character for which [`is_unsafe`] is true.
pub fn sanitize(text: &str) -> String {
    filter(text, Layout::Normalise).0
}

/// [`sanitize`], with where each byte of the result was in `text`.
pub fn sanitize_mapped(text: &str) -> (String, OffsetMap) {
    filter(text, Layout::Normalise)
}

/// Remove escape sequences and controls but keep line ends, tabs and spaces as they are.
///
/// For markup before it is converted: a line holding nothing but an escape sequence is a blank
/// line to whoever reads the file in a terminal, and must separate paragraphs for the Markdown
/// and HTML parsers as well. The converted text is [`sanitize`]d again, since entities such as
/// `&#27;` only become controls in conversion.
pub fn strip_escapes(text: &str) -> String {
    filter(text, Layout::Keep).0
}

/// [`strip_escapes`], with where each byte of the result was in `text`.
pub fn strip_escapes_mapped(text: &str) -> (String, OffsetMap) {
    filter(text, Layout::Keep)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Normalise,
    Keep,
}

fn filter(text: &str, layout: Layout) -> (String, OffsetMap) {
    let keep = layout == Layout::Keep;
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::empty();
    let mut chars = Chars::new(text);
    while let Some(c) = chars.peek() {
        // Whatever this character becomes (itself, a space, a line end or nothing) stands
        // where it stood.
        map.copied(out.len(), chars.at);
        chars.next();
        match c {
            '\u{1B}' => skip_escape(&mut chars),
            // C1 introducers of strings and control sequences (8-bit forms of ESC P, ESC ], ...).
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            '\u{9B}' => skip_csi(&mut chars),
            '\r' | '\t' | '\u{2028}' | '\u{2029}' if keep => out.push(c),
            c if keep && is_exotic_space(c) => out.push(c),
            '\r' => {
                if chars.peek() != Some('\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_exotic_space(c) => out.push(' '),
            JOINER | NON_JOINER => {
                if joins(out.chars().next_back(), chars.peek()) {
                    out.push(c);
                }
            }
            c if is_unsafe(c) => {}
            // The emoji presentation selector: terminals disagree on whether it widens the
            // character before it ("⚔️"), and a disagreement shifts the rest of the row. Without
            // it every terminal draws that character one column wide.
            '\u{FE0F}' => {}
            c => out.push(c),
        }
    }
    (out, map)
}

/// Zero width joiner: binds emoji into one picture (👩‍💻) and selects the joined forms of
/// Indic and Arabic letters.
const JOINER: char = '\u{200D}';
/// Zero width non-joiner: Persian and Indic spelling needs it between letters.
const NON_JOINER: char = '\u{200C}';

/// Whether a joiner between `before` and `after` joins something. Anywhere else it is an
/// invisible character like any other format character, and goes.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_joinable) && after.is_some_and(is_joinable)
}

/// Letters and marks of any script, emoji and their skin-tone modifiers.
fn is_joinable(c: char) -> bool {
    use unicode_general_category::GeneralCategory as G;
    match unicode_general_category::get_general_category(c) {
        G::UppercaseLetter
        | G::LowercaseLetter
        | G::TitlecaseLetter
        | G::ModifierLetter
        | G::OtherLetter
        | G::NonspacingMark
        | G::SpacingMark
        | G::EnclosingMark
        | G::OtherSymbol => true,
        G::ModifierSymbol => ('\u{1F3FB}'..='\u{1F3FF}').contains(&c),
        _ => false,
    }
}

/// Like [`sanitize`], for text that must stay on one line: file names, titles, messages.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// Add one typed or pasted character to the text of a one-line prompt, keeping the text what
/// [`sanitize_line`] would make of it: controls and format characters are dropped, line ends,
/// tabs and exotic spaces become a space. A joiner is kept only after a letter or an emoji, and
/// goes again when what follows it is not one, as the whole text sanitised at once would have
/// it. Returns whether the text changed.
pub fn type_char(text: &mut String, c: char) -> bool {
    let c = match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
        c if is_exotic_space(c) => ' ',
        '\u{FE0F}' => return false,
        JOINER | NON_JOINER => {
            if !text.chars().next_back().is_some_and(is_joinable) {
                return false;
            }
            c
        }
        c if is_unsafe(c) => return false,
        c => c,
    };
    if text.ends_with([JOINER, NON_JOINER]) && !is_joinable(c) {
        text.pop();
    }
    text.push(c);
    true
}

/// The text of a prompt when it is done: a joiner typed last joins nothing.
pub fn finish_typing(text: &mut String) {
    while text.ends_with([JOINER, NON_JOINER]) {
        text.pop();
    }
}

/// A path as it may be printed: lossily decoded, with its controls shown by [`visible_line`].
pub fn display_path(path: &std::path::Path) -> String {
    visible_line(&path.to_string_lossy())
}

/// Text for one line with every character that [`sanitize`] would remove shown instead, for
/// names the user must tell apart and find again: `␛[31m.txt` and `\u{202e}txt.exe` rather
/// than two files that both look like `.txt`. C0 controls become their Control Pictures
/// (U+2400 + code, `␛` for ESC), DEL becomes `␡`, and other controls and format characters
/// become a `\u{…}` escape. What comes out is itself free of controls.
pub fn visible_line(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0'..='\u{1F}' => out.push(
                char::from_u32(CONTROL_PICTURES + u32::from(c))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
            ),
            '\u{7F}' => out.push('\u{2421}'),
            JOINER | NON_JOINER if joins(out.chars().next_back(), chars.peek().copied()) => {
                out.push(c)
            }
            '\u{FE0F}' => {}
            c if is_unsafe(c) || matches!(c, JOINER | NON_JOINER | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Where the Control Pictures block starts: U+2400 + a C0 control's code is its picture.
const CONTROL_PICTURES: u32 = 0x2400;

/// Characters that must never reach the model or the terminal: every control but the line end
/// and every format character (general category Cf: bidi overrides and isolates, zero-width
/// spaces, the BOM, soft hyphens, the Syriac abbreviation mark, Egyptian hieroglyph controls, and
/// whatever a later Unicode version adds). Terminals draw these inconsistently, as nothing or
/// as a box, so the columns of everything after them on the row would disagree.
///
/// The joiners (U+200C, U+200D) are not unsafe in themselves: [`sanitize`] keeps them where they
/// join letters or emoji.
pub fn is_unsafe(c: char) -> bool {
    use unicode_general_category::GeneralCategory as G;
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n';
    }
    if c == JOINER || c == NON_JOINER {
        return false;
    }
    matches!(
        unicode_general_category::get_general_category(c),
        G::Control | G::Format
    )
}

fn is_exotic_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// The characters of a text with the byte offset of the next one, for the map of what
/// [`filter`] keeps.
struct Chars<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn next_if(&mut self, wanted: impl FnOnce(&char) -> bool) -> Option<char> {
        let c = self.peek().filter(wanted)?;
        self.next();
        Some(c)
    }

    fn next_if_eq(&mut self, wanted: &char) -> Option<char> {
        self.next_if(|c| c == wanted)
    }
}

/// Ends a line: an escape sequence never swallows one, so that a broken sequence cannot join
/// two paragraphs or swallow the rest of an article.
fn is_line_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// After ESC: consume the rest of the sequence, whatever its kind.
fn skip_escape(chars: &mut Chars) {
    let Some(next) = chars.peek() else {
        return;
    };
    // ESC followed by a control: the control is not part of a sequence (a terminal executes it).
    if next.is_control() {
        return;
    }
    chars.next();
    match next {
        '[' => skip_csi(chars),
        ']' | 'P' | 'X' | '^' | '_' => skip_string(chars),
        // nF sequences: intermediates then one final byte.
        ' '..='/' => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        // Two-character sequences (ESC 7, ESC c, ...): the character after ESC is the whole of it.
        _ => {}
    }
}

/// Control sequence: parameter and intermediate bytes, then one final byte in `@`..=`~`. A
/// sequence broken by anything else ends before it.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// OSC, DCS, SOS, PM, APC: everything up to BEL, ST (ESC \ or U+9C) or, defensively, the end of
/// the line so that an unterminated string cannot swallow the rest of the article.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.peek() {
        if is_line_end(c) {
            break;
        }
        chars.next();
        match c {
            '\u{07}' | '\u{9C}' => break,
            '\u{1B}' => {
                chars.next_if_eq(&'\\');
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_of_sanitised_text_points_past_what_was_dropped_or_replaced() {
        let text = "Crews\u{a0}met\r\non \x1b[1mMonday\x1b[0m,\tthe \u{2028}café said.";
        let (clean, map) = sanitize_mapped(text);
        assert_eq!(clean, "Crews met\non Monday, the \ncafé said.");
        for word in ["met", "Monday", "café", "said"] {
            let at = clean.find(word).unwrap();
            let (start, end) = map.map_range(at, at + word.len());
            assert_eq!(&text[start..end], word);
        }
        let (kept, map) = strip_escapes_mapped(text);
        let at = kept.find("Monday").unwrap();
        assert_eq!(
            map.map_range(at, at + 6),
            (
                text.find("Monday").unwrap(),
                text.find("Monday").unwrap() + 6
            )
        );
    }

    #[test]
    fn strips_csi_osc_and_dcs_sequences() {
        let hostile =
            "a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\x1b]52;c;SGVsbG8=\x1b\\d\x1bP1$qm\x1b\\e";
        assert_eq!(sanitize(hostile), "ared bcde");
    }

    #[test]
    fn strips_c1_controls_and_bidi_overrides() {
        assert_eq!(sanitize("x\u{9b}31my\u{85}z\u{202E}w\u{2066}v"), "xyzwv");
    }

    #[test]
    fn emoji_presentation_selectors_are_dropped_so_widths_agree() {
        assert_eq!(
            sanitize("over. \u{2694}\u{FE0F} Next"),
            "over. \u{2694} Next"
        );
        assert_eq!(
            sanitize("\u{1F91D} deal"),
            "\u{1F91D} deal",
            "emoji themselves stay"
        );
    }

    #[test]
    fn normalises_line_ends_tabs_and_spaces() {
        assert_eq!(sanitize("a\r\nb\rc\td\u{a0}e"), "a\nb\nc d e");
    }

    #[test]
    fn keeps_emoji_joiners_and_scripts() {
        let text = "👩\u{200D}💻 مرحبا שלום e\u{301}";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("keep\x1b]0;never closed\nrest"), "keep\nrest");
        // Lone CR ends lines too (old Mac files).
        assert_eq!(
            sanitize("keep\x1b]0;never closed\rrest\rmore"),
            "keep\nrest\nmore"
        );
    }

    #[test]
    fn broken_sequences_do_not_swallow_line_ends() {
        assert_eq!(sanitize("a\x1b[12\nb"), "a\nb");
        assert_eq!(sanitize("a\u{9b}1;\nb"), "a\nb");
        assert_eq!(sanitize("a\x1b\nb"), "a\nb");
        assert_eq!(sanitize("a\x1b(\nb"), "a\nb");
        assert_eq!(sanitize("a\x1b[31;1mb\x1b(Bc"), "abc");
    }

    #[test]
    fn strip_escapes_keeps_the_layout_for_markup() {
        assert_eq!(
            strip_escapes("a\x1b[0m\r\n\x1b]0;t\x07\r\n\tb\u{a0}c\u{202e}"),
            "a\r\n\r\n\tb\u{a0}c"
        );
        let once = strip_escapes("x\x1b[1m\ty\u{9b}2J\r\nz");
        assert_eq!(sanitize(&once), sanitize("x\x1b[1m\ty\u{9b}2J\r\nz"));
    }

    #[test]
    fn decode_refuses_binary_and_empty() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary)
        );
        assert_eq!(decode(b"  \n\t "), Err(NotText::Empty));
    }

    #[test]
    fn decode_reports_invalid_utf8() {
        let decoded = decode(b"caf\xe9 ok").unwrap();
        assert_eq!(decoded.text, "caf\u{FFFD} ok");
        assert_eq!(decoded.invalid_sequences, 1);
    }

    #[test]
    fn decode_reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Kyiv ✓".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Kyiv ✓");
        assert_eq!(decoded.encoding, Encoding::Utf16Le);
    }
}
