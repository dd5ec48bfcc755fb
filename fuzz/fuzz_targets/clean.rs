//! Decoding, sanitising and cleaning arbitrary bytes: no panic, spans on char boundaries inside
//! the text, nothing unsafe left, and cleaning the cleaned text changes nothing.
#![no_main]

use dossier::corpus::sanitize::{decode, is_unsafe, sanitize};
use dossier::corpus::{BlockKind, clean};
use dossier::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = decode(bytes) else {
        return;
    };
    let text = sanitize(&decoded.text);
    assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)));
    let lexicon = Lexicon::builtin();
    let once = clean(&text, lexicon);
    for block in &once.blocks {
        assert!(block.span.start() <= block.span.end() && block.span.end() <= once.text.len());
        assert!(once.text.is_char_boundary(block.span.start()));
        assert!(once.text.is_char_boundary(block.span.end()));
    }
    let titles = once
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .count();
    assert!(titles <= 1);
    let twice = clean(&once.text, lexicon);
    assert_eq!(twice.text, once.text, "cleaning is not idempotent");
});
