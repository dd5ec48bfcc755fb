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

/// Whether a title is made only of date, clock and time-zone words.
fn only_a_stamp(title: &str) -> bool {
    title.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || w.chars().any(|c| c.is_ascii_digit())
            || w.chars().all(|c| c.is_ascii_uppercase())
            || ["Tue", "June", "Jun", "Wednesday"].contains(&w)
    })
}

#[test]
fn stamps_and_clock_times_make_no_entries() {
    let model = model_of(
        "Orchard growers count the frost damage\n\n11 June 2024\n\n\
         Tue 11 Jun 2024 · 09.15 CEST\n\n\
         Growers in the valley reported frost damage on Monday. \
         The cooperative will meet on Wednesday at 7:30 PM CEST for a 15-minute vote.\n",
    );
    let found = entries(&model);
    assert!(
        found.iter().all(|(_, t)| !only_a_stamp(t)),
        "an entry is titled by a stamp: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(d, t)| d == "2024-06-10" && t.contains("frost")),
        "{found:?}"
    );
}

#[test]
fn a_date_after_would_looks_ahead_while_the_report_looks_back() {
    let model = model_of(
        "Port strike ballot called\n\nHarlow Bay, 10 July 2024\n\n\
         The dockers' union said on Monday that it would hold a strike ballot on August 19.\n",
    );
    let found = entries(&model);
    assert!(
        found.iter().any(|(d, _)| d == "2024-08-19"),
        "the ballot is in the coming August: {found:?}"
    );
    assert!(found.iter().any(|(d, _)| d == "2024-07-08"), "{found:?}");
    assert!(found.iter().all(|(d, _)| d != "2023-08-19"), "{found:?}");
}

#[test]
fn the_next_day_follows_the_narrative_not_the_article_date() {
    let model = model_of(
        "Valley road reopens after landslide\n\nDunmere, 20 March 2024\n\n\
         A landslide closed the valley road on Saturday, 9 March. \
         Engineers inspected the slope the next day.\n",
    );
    let found = entries(&model);
    assert!(
        found
            .iter()
            .any(|(d, t)| d == "2024-03-10" && t.contains("inspected")),
        "{found:?}"
    );
}

#[test]
fn the_export_lists_every_date_expression_with_its_value() {
    let text = "Harbour fees rise\n\nPortlow, 12 June 2024\n\n\
                The port raised its fees last week. The board met on Monday and will vote \
                on 3.07.2024.\n";
    let model = model_of(text);
    let json: serde_json::Value =
        serde_json::from_str(&dossier::export::Export::new(&model).to_json(false))
            .expect("the export is JSON");
    let dates: Vec<(String, String)> = json["dates"]
        .as_array()
        .expect("a dates list")
        .iter()
        .map(|d| {
            let start = d["start"].as_u64().unwrap_or(0) as usize;
            let end = d["end"].as_u64().unwrap_or(0) as usize;
            let written = d["text"].as_str().unwrap_or("").to_owned();
            // Offsets are of the file, where the date line still stands.
            assert_eq!(text.get(start..end), Some(written.as_str()));
            (written, d["value"].as_str().unwrap_or("null").to_owned())
        })
        .collect();
    for expected in [
        ("12 June 2024", "2024-06-12"),
        ("last week", "2024-W23"),
        ("Monday", "2024-06-10"),
        ("3.07.2024", "2024-07-03"),
    ] {
        assert!(
            dates
                .iter()
                .any(|(t, v)| (t.as_str(), v.as_str()) == expected),
            "{expected:?} not in {dates:?}"
        );
    }
}
