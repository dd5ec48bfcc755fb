//! Articles that are not UTF-8: pages that declare their encoding, and Latin-1 text files.
//!
//! Only bytes that are not valid UTF-8 come here. A page that declares a legacy encoding but is
//! valid UTF-8 was re-encoded when it was saved (browsers and tools do this and keep the old
//! `<meta>`), and legacy text with any accented letter is almost never valid UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::Format;
use super::html_limits::find;

/// How far into a page its `<meta>` charset is looked for (HTML itself looks in the first
/// 1024 bytes; pages saved by hand sometimes put a long head before it).
const SNIFF_BYTES: usize = 4096;

/// The text of bytes that are not valid UTF-8, decoded in the encoding the page declares or,
/// for text that reads cleanly as it, windows-1252; with a warning that says which. `None` when
/// neither applies: the caller decodes as UTF-8 and replaces what is not.
pub fn decode_legacy(bytes: &[u8], format: Format) -> Option<(String, String)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        // A UTF-8 byte-order mark says what the file is, however damaged.
        return None;
    }
    if format == Format::Html
        && let Some((label, encoding)) = declared_encoding(bytes)
    {
        if encoding == UTF_8 {
            return None;
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let repaired = if had_errors {
            "; bytes not valid in it replaced with U+FFFD"
        } else {
            ""
        };
        return Some((
            text.into_owned(),
            format!(
                "decoded as {}, as its <meta> charset \"{label}\" declares{repaired}",
                encoding.name()
            ),
        ));
    }
    let text = reads_as_windows_1252(bytes)?;
    Some((
        text,
        "not valid UTF-8: decoded as windows-1252 (Latin-1), which it reads as cleanly".to_owned(),
    ))
}

/// The text of `bytes` in windows-1252 if they look like text written in it: no byte that
/// windows-1252 leaves undefined or that is a control other than white space, and more bytes
/// that are invalid in UTF-8 than characters that are valid (a UTF-8 file with a damaged byte
/// stays UTF-8).
fn reads_as_windows_1252(bytes: &[u8]) -> Option<String> {
    let (mut invalid, mut valid_non_ascii) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if invalid <= valid_non_ascii {
        return None;
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in windows-1252 and decode as C1 controls.
    let clean = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0C' | '\x1B'));
    clean.then(|| text.into_owned())
}

/// The label a page's `<meta charset>` or `<meta http-equiv="Content-Type">` gives, and the
/// encoding it names (UTF-16 labels mean UTF-8 here, as in browsers: the bytes are not UTF-16
/// or they would have a byte-order mark).
fn declared_encoding(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower, from, b"<meta") {
        let tag_end = find(&lower, at, b">").unwrap_or(lower.len());
        let tag = &lower[at..tag_end];
        from = tag_end;
        let Some(label) = charset_in(tag) else {
            continue;
        };
        let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
            continue;
        };
        let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            encoding
        };
        if encoding == encoding_rs::REPLACEMENT {
            continue;
        }
        return Some((label, encoding));
    }
    None
}

/// The value after `charset=` in a lower-cased `<meta ...` tag, as an attribute or inside
/// `content="text/html; charset=..."`.
fn charset_in(tag: &[u8]) -> Option<String> {
    let at = find(tag, 0, b"charset")? + "charset".len();
    let rest = &tag[at..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    (!label.is_empty()).then(|| String::from_utf8_lossy(&label).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_charset_in_both_forms() {
        let forms = [
            "<meta charset=\"ISO-8859-1\">",
            "<meta charset=windows-1252>",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-15\">",
        ];
        for meta in forms {
            let mut page = format!("<html><head>{meta}</head><body><p>").into_bytes();
            page.extend_from_slice(b"D\xe9j\xe0 vu</p></body></html>");
            let (text, warning) = decode_legacy(&page, Format::Html).expect(meta);
            assert!(text.contains("Déjà vu"), "{meta}: {text}");
            assert!(warning.contains("as its <meta> charset"), "{warning}");
        }
    }

    #[test]
    fn other_families_are_honoured_too() {
        // "Привет" in ISO-8859-5.
        let mut page = b"<meta charset=\"iso-8859-5\"><p>".to_vec();
        page.extend_from_slice(b"\xbf\xe0\xd8\xd2\xd5\xe2</p>");
        let (text, warning) = decode_legacy(&page, Format::Html).unwrap();
        assert!(text.contains("Привет"), "{text}");
        assert!(warning.contains("ISO-8859-5"), "{warning}");
    }

    #[test]
    fn latin_1_text_is_read_as_windows_1252() {
        let (text, warning) =
            decode_legacy(b"Caf\xe9 cr\xe8me \x93quoted\x94", Format::Text).unwrap();
        assert_eq!(text, "Café crème \u{201C}quoted\u{201D}");
        assert!(warning.contains("windows-1252"));
    }

    #[test]
    fn garbage_and_damaged_utf8_are_not_guessed() {
        // Bytes undefined in windows-1252.
        assert_eq!(
            decode_legacy(b"abc \x81\x8d\x8f\x90\x9d def", Format::Text),
            None
        );
        // Controls: binary data, not text.
        assert_eq!(decode_legacy(b"\x01\x02\xe9\x03\x04", Format::Text), None);
        // UTF-8 with one damaged byte.
        assert_eq!(
            decode_legacy(
                "é é é \u{e8}"
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain([0xff])
                    .collect::<Vec<_>>()
                    .as_slice(),
                Format::Text
            ),
            None
        );
        // A UTF-8 byte-order mark.
        assert_eq!(decode_legacy(b"\xef\xbb\xbfcaf\xe9", Format::Text), None);
    }

    #[test]
    fn a_page_declaring_utf8_stays_utf8() {
        assert_eq!(
            decode_legacy(b"<meta charset=utf-8><p>caf\xe9</p>", Format::Html),
            None
        );
    }
}
