//! Several small articles with arbitrary file names through the whole model: discovery of
//! events, the timeline and the ids of articles, people and events. No panic, ids unique and
//! non-empty, every index in range.
#![no_main]

use std::collections::HashSet;

use dossier::corpus::Corpus;
use dossier::lexicon::Lexicon;
use dossier::model::Model;
use dossier::timeline::catalogue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Articles are separated by form feeds; the first line of each is its file name, so that
    // names that fold to the same id (or to none: Cyrillic, punctuation) meet.
    let text = String::from_utf8_lossy(bytes);
    let articles: Vec<(String, &str)> = text
        .split('\u{c}')
        .take(8)
        .map(|part| {
            let (name, body) = part.split_once('\n').unwrap_or(("", part));
            (format!("{name}.txt"), body)
        })
        .collect();
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts(
        articles.iter().map(|(name, body)| (name.as_str(), *body)),
        lexicon,
    );
    let model = Model::build(corpus, lexicon, &catalogue::bundled());
    let unique = |ids: Vec<&str>, what: &str| {
        let count = ids.len();
        assert!(
            ids.iter().all(|id| !id.is_empty()),
            "{what}: empty id in {ids:?}"
        );
        let set: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(set.len(), count, "{what}: duplicate id in {ids:?}");
    };
    unique(
        model.articles.iter().map(|a| a.id.as_str()).collect(),
        "articles",
    );
    unique(
        model.people.iter().map(|p| p.id.as_str()).collect(),
        "people",
    );
    unique(
        model.events.iter().map(|e| e.id.as_str()).collect(),
        "events",
    );
    for event in &model.events {
        assert!(event.articles.iter().all(|&a| a < model.articles.len()));
        assert!(event.people.iter().all(|&p| p < model.people.len()));
    }
    for person in &model.people {
        assert!(person.articles.iter().all(|&a| a < model.articles.len()));
    }
    assert_eq!(model.person_events.len(), model.people.len());
    assert!(
        model
            .person_events
            .iter()
            .flatten()
            .all(|&e| e < model.events.len())
    );
});
