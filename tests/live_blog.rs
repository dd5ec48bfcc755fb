//! Live blogs on invented pages: each stamp line opens a post written on its day, and its
//! relative dates count from that day.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;

fn model_of(text: &str) -> Model {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts([("page.txt", text)], lexicon);
    Model::build(corpus, lexicon, &[])
}

/// The value the export gives the date expression written `text`.
fn value_of(model: &Model, text: &str) -> Option<String> {
    let json = serde_json::to_value(Export::new(model)).expect("the export serialises");
    let dates = json["dates"]
        .as_array()
        .expect("the export lists its dates");
    let found = dates
        .iter()
        .find(|d| d["text"] == text)
        .unwrap_or_else(|| panic!("no expression {text:?} in {dates:?}"));
    found["value"].as_str().map(str::to_owned)
}

const FLOOD_BLOG: &str = "River levels – live updates\n\n\
    Updated 7 June 2024\n\n\
    Tue 4 Jun 2024 09.15\n\n\
    The river burst its banks at the old mill yesterday. \
    Volunteers filled sandbags outside the primary school.\n\n\
    Thu 6 Jun 2024 · 14:05 GMT\n\n\
    Key moments\n\n\
    • Rescue boats reached the lower village.\n\n\
    The council opened an emergency shelter in the sports hall after the main road was closed on Wednesday.\n";

#[test]
fn relative_dates_in_a_post_count_from_its_stamp() {
    let model = model_of(FLOOD_BLOG);
    assert_eq!(
        model.articles[0]
            .date
            .map(|d| d.date.to_string())
            .as_deref(),
        Some("2024-06-07"),
        "the page's own date stays the article's date"
    );
    // The day before the post was written, not the day before the page was last updated.
    assert_eq!(value_of(&model, "yesterday").as_deref(), Some("2024-06-03"));
    assert_eq!(value_of(&model, "Wednesday").as_deref(), Some("2024-06-05"));
    // The stamp itself is a date expression with its value.
    assert_eq!(
        value_of(&model, "Thu 6 Jun 2024").as_deref(),
        Some("2024-06-06")
    );
}
