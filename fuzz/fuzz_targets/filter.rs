//! The browser's filter query parser and matcher: no panic, and what the list cache relies on
//! holds: a query narrows itself, and when a new query narrows an old one, every item the new
//! one matches the old one matched too (so scoring only the old matches loses nothing).
#![no_main]

use dossier::filter::{Marks, Matcher, Query, search_form};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // old query TAB new query TAB fields separated by TAB.
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\t');
    let old = Query::parse(parts.next().unwrap_or(""));
    let new = Query::parse(parts.next().unwrap_or(""));
    let fields: Vec<String> = parts.map(search_form).collect();
    assert!(old.narrows(&old) && new.narrows(&new));
    let matcher = Matcher::default();
    let old_score = matcher.score(&old, &fields, Marks::default());
    let new_score = matcher.score(&new, &fields, Marks::default());
    if new.narrows(&old) && new_score.is_some() {
        assert!(
            old_score.is_some(),
            "{new:?} narrows {old:?} but matches more: {fields:?}"
        );
    }
});
