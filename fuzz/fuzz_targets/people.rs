//! People extraction on arbitrary text: no panic, every mention on char boundaries inside its
//! article and sentence.
#![no_main]

use dossier::corpus::Corpus;
use dossier::extract::people::find_people;
use dossier::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the format, the rest is the article (two articles when split by
    // a form feed, so that names merge across articles too).
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "a.txt",
        1 => "a.md",
        _ => "a.html",
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(2, '\u{c}');
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    let mut texts = vec![(name, first)];
    if let Some(second) = second {
        texts.push(("b.txt", second));
    }
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts(texts, lexicon);
    let people = find_people(&corpus.articles, lexicon);
    for person in &people {
        assert!(!person.name.is_empty());
        for m in &person.mentions {
            let article = &corpus.articles[m.article];
            assert!(m.span.start() < m.span.end() && m.span.end() <= article.text.len());
            assert!(article.text.is_char_boundary(m.span.start()));
            assert!(article.text.is_char_boundary(m.span.end()));
            let sentence = article.sentences[m.sentence].span;
            assert!(
                sentence.contains(m.span)
                    || article.paragraphs.iter().any(|p| p.span.contains(m.span))
            );
        }
    }
});
