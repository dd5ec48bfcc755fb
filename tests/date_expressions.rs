//! Date expressions on invented articles, read end to end: what the timeline makes of them.

use dossier::corpus::Corpus;
use dossier::lexicon::Lexicon;
use dossier::model::Model;

fn model_of(text: &str) -> Model {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts([("story.txt", text)], lexicon);
    Model::build(corpus, lexicon, &[])
}

/// (date, title) of every timeline entry.
fn entries(model: &Model) -> Vec<(String, String)> {
    model
        .events
        .iter()
        .map(|e| (e.date.to_string(), e.title.clone()))
        .collect()
}

#[test]
fn dotted_dates_date_their_events_day_first() {
    let model = model_of(
        "Mill town restores its weir\n\nBrenholt, 20 June 2024\n\n\
         The river board approved the repair of the old weir on 3.04.2024. \
         The contractor finished the work on 11.06.2024.\n",
    );
    let found = entries(&model);
    assert!(
        found
            .iter()
            .any(|(d, t)| d == "2024-04-03" && t.contains("approved")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(d, t)| d == "2024-06-11" && t.contains("finished")),
        "{found:?}"
    );
}
