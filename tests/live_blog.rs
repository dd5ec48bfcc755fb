//! Live blogs on invented pages: each stamp line opens a post written on its day. Its relative
//! dates count from that day, and what it reports without a date of its own happened then.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;

fn model_of(text: &str) -> Model {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts([("page.txt", text)], lexicon);
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

fn has_entry(found: &[(String, String)], date: &str, words: &str) -> bool {
    found.iter().any(|(d, t)| d == date && t.contains(words))
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

#[test]
fn undated_sentences_of_a_post_happen_on_its_day() {
    let found = entries(&model_of(FLOOD_BLOG));
    assert!(
        has_entry(&found, "2024-06-04", "Volunteers filled sandbags"),
        "{found:?}"
    );
    assert!(
        has_entry(&found, "2024-06-03", "The river burst its banks"),
        "{found:?}"
    );
    // The main clause takes the post's day and its title stops before the dated subordinate
    // clause, which is an entry of its own.
    assert!(
        found.iter().any(|(d, t)| d == "2024-06-06"
            && t.contains("emergency shelter")
            && !t.contains("after")),
        "{found:?}"
    );
    assert!(
        has_entry(&found, "2024-06-05", "main road was closed"),
        "{found:?}"
    );
    // A stamp names when, never what.
    assert!(
        found
            .iter()
            .all(|(_, t)| !t.contains("GMT") && !t.contains("09.15")),
        "{found:?}"
    );
}

#[test]
fn headings_and_lists_of_a_live_blog_are_not_events() {
    let found = entries(&model_of(FLOOD_BLOG));
    assert!(
        has_entry(&found, "2024-06-06", "emergency shelter"),
        "the post under them is read: {found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(_, t)| !t.contains("Key moments") && !t.contains("Rescue boats")),
        "{found:?}"
    );
}

#[test]
fn iso_stamps_open_posts() {
    let model = model_of(
        "Chess open: round by round\n\n\
         2 March 2025\n\n\
         2025-02-27T18:30Z\n\n\
         The defending champion resigned in the fourth hour.\n\n\
         2025-03-01T20:10Z\n\n\
         A teenager from the host club took the lead on tiebreaks.\n",
    );
    let found = entries(&model);
    assert!(
        has_entry(&found, "2025-02-27", "The defending champion resigned"),
        "{found:?}"
    );
    assert!(
        has_entry(
            &found,
            "2025-03-01",
            "A teenager from the host club took the lead"
        ),
        "{found:?}"
    );
}

#[test]
fn clock_stamps_take_the_day_of_the_heading_above() {
    let found = entries(&model_of(
        "Storm watch\n\n\
         Friday 8 November 2024\n\n\
         Saturday 9 November 2024\n\n\
         07:40 GMT\n\n\
         Ferries to the islands were cancelled for the morning.\n\n\
         11.20am BST\n\n\
         Power returned to most homes in the harbour district.\n",
    ));
    assert!(
        has_entry(
            &found,
            "2024-11-09",
            "Ferries to the islands were cancelled"
        ),
        "{found:?}"
    );
    assert!(
        has_entry(&found, "2024-11-09", "Power returned to most homes"),
        "{found:?}"
    );
}

#[test]
fn a_main_clause_that_only_says_who_spoke_is_not_an_event() {
    let found = entries(&model_of(
        "Marathon day live\n\n\
         Sun 13 Apr 2025 · 08.00 CEST\n\n\
         Organisers said that the course was changed on Friday.\n\n\
         Sun 13 Apr 2025 · 10.30 CEST\n\n\
         The leading pack passed the harbour in record time.\n",
    ));
    assert!(
        has_entry(&found, "2025-04-11", "course was changed"),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, t)| t != "Organisers said"),
        "{found:?}"
    );
    assert!(
        has_entry(&found, "2025-04-13", "The leading pack passed the harbour"),
        "{found:?}"
    );
}

/// One date-only line in the body is a date line left in the text, not a post: the sentences
/// under it stay undated, and its relative dates count from the article's date.
#[test]
fn one_date_line_in_an_ordinary_article_dates_nothing_below_it() {
    let model = model_of(
        "Orchard growers count the frost damage\n\n\
         12 June 2024\n\n\
         Growers in the valley inspected their trees at dawn.\n\n\
         The damage is worst on the south-facing slopes.\n\n\
         Insurers sent assessors to the largest farms.\n\n\
         Older growers compare it with a frost decades ago.\n\n\
         The cooperative's chair walked the rows with the mayor.\n\n\
         Pickers hired for the summer may be sent home.\n\n\
         3 June 2024\n\n\
         A cold front crossed the hills and the blossom froze. \
         The cooperative met yesterday to share out the losses.\n",
    );
    let found = entries(&model);
    assert!(
        found
            .iter()
            .all(|(_, t)| !t.contains("blossom") && !t.contains("inspected")),
        "{found:?}"
    );
    // The line is still in the body, and still a date of its own.
    assert_eq!(
        value_of(&model, "3 June 2024").as_deref(),
        Some("2024-06-03")
    );
    assert_eq!(value_of(&model, "yesterday").as_deref(), Some("2024-06-11"));
}

/// A live blog's stamps stay in its text however often it is cleaned, with or without the
/// labelled date above them, and the page's own date line still dates it.
#[test]
fn cleaning_keeps_the_stamps_of_a_live_blog() {
    let lexicon = Lexicon::builtin();
    let page = "Election night as it happened\n\n\
        5 May 2022\n\n\
        Updated 6 May 2022\n\n\
        22:00 BST\n\n\
        Polls closed across the county.\n\n\
        23:45 BST\n\n\
        The first ward declared a narrow result.\n";
    let once = dossier::corpus::clean(page, lexicon);
    let twice = dossier::corpus::clean(&once.text, lexicon);
    assert_eq!(twice.text, once.text);
    assert!(
        once.text.contains("22:00 BST") && once.text.contains("23:45 BST"),
        "{:?}",
        once.text
    );
    assert_eq!(
        once.date.map(|(d, _)| d.to_string()).as_deref(),
        Some("2022-05-05")
    );
    let found = entries(&model_of(page));
    assert!(
        has_entry(
            &found,
            "2022-05-05",
            "The first ward declared a narrow result"
        ),
        "{found:?}"
    );
}

/// "Today" in a post is the day the post was written.
#[test]
fn today_in_a_post_is_the_posts_day() {
    let model = model_of(
        "Book fair diary\n\n\
         Updated 12 October 2024\n\n\
         Wed 9 Oct 2024 · 10.00 CEST\n\n\
         Queues formed outside the exhibition hall earlier today.\n\n\
         Thu 10 Oct 2024 · 18.30 CEST\n\n\
         A small press from the coast won the prize for best debut.\n",
    );
    assert_eq!(value_of(&model, "today").as_deref(), Some("2024-10-09"));
    let found = entries(&model);
    assert!(
        has_entry(
            &found,
            "2024-10-09",
            "Queues formed outside the exhibition hall"
        ),
        "{found:?}"
    );
}
