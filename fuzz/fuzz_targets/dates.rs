//! Date recognition and resolution on arbitrary text against arbitrary anchors: no panic,
//! spans on char boundaries inside their sentence, resolved dates within their bounds.
#![no_main]

use dossier::calendar::{parse_full_date, parse_iso_prefix};
use dossier::corpus::Corpus;
use dossier::extract::dates::find_dates;
use dossier::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if bytes.len() < 4 {
        return;
    }
    // Four bytes give the anchor date: any day from year -9999 to 9999 may come up.
    let year = i16::from_le_bytes([bytes[0], bytes[1]]);
    let anchor = jiff::civil::Date::new(
        year % 10_000,
        (bytes[2] % 12 + 1) as i8,
        (bytes[3] % 31 + 1) as i8,
    )
    .ok();
    let text = String::from_utf8_lossy(&bytes[4..]);
    let _ = parse_full_date(&text);
    let _ = parse_iso_prefix(&text);
    let _ = text.parse::<dossier::calendar::PartialDate>();
    let corpus = Corpus::from_texts([("a.txt", text.as_ref())], Lexicon::builtin());
    for article in &corpus.articles {
        for m in find_dates(article) {
            let sentence = article.sentences[m.sentence].span;
            assert!(sentence.contains(m.span) && m.span.start() < m.span.end());
            assert!(article.text.is_char_boundary(m.span.start()));
            assert!(article.text.is_char_boundary(m.span.end()));
            for anchor in [anchor, article.date.map(|d| d.date), None] {
                let resolved = m.resolve(anchor);
                if let (Some(date), Some((first, last))) = (resolved, m.bounds(anchor)) {
                    assert!(first <= last);
                    let (start, end) = date.bounds();
                    assert!(start <= end);
                }
            }
        }
    }
});
