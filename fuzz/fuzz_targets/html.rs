//! HTML pages of up to 64 KB through the loader (decode, escape stripping, the HTML reader,
//! sanitising, cleaning, segmenting): no panic, no stack overflow on deep nesting, and what
//! comes out is safe to print with every span inside the text on char boundaries.
#![no_main]

use dossier::corpus::Corpus;
use dossier::corpus::sanitize::is_unsafe;
use dossier::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let page = String::from_utf8_lossy(bytes);
    let corpus = Corpus::from_texts([("page.html", page.as_ref())], Lexicon::builtin());
    for article in &corpus.articles {
        let text = &article.text;
        assert!(!text.chars().any(|c| is_unsafe(c)), "{text:?}");
        assert!(!article.title.chars().any(|c| is_unsafe(c) || c == '\n'));
        for sentence in &article.sentences {
            let span = sentence.span;
            assert!(span.start() <= span.end() && span.end() <= text.len());
            assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
        }
    }
    for warning in &corpus.warnings {
        assert!(
            !warning
                .to_string()
                .chars()
                .any(|c| is_unsafe(c) || c == '\n')
        );
    }
});
