//! One honest timeline entry per event: titled from the clause of its date, never from a
//! fragment, a bare date, a heading or a newsletter prompt, and one entry for one event seen at
//! two precisions.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;
use serde_json::Value;

/// The timeline entries of the one invented article in `text`: (date, title, evidence texts).
fn entries(text: &str) -> Vec<(String, String, Vec<String>)> {
    let lexicon = Lexicon::builtin();
    let model = Model::build(
        Corpus::from_texts([("harbour.txt", text)], lexicon),
        lexicon,
        &[],
    );
    let json = serde_json::to_value(Export::new(&model)).expect("the export serialises");
    let field = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_owned();
    json["timeline"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .map(|e| {
                    let evidence = e["evidence"]
                        .as_array()
                        .map(|ev| ev.iter().map(|x| field(x, "text")).collect())
                        .unwrap_or_default();
                    (field(e, "date"), field(e, "title"), evidence)
                })
                .collect()
        })
        .unwrap_or_default()
}

const HEADER: &str = "Harbour board plans a busy spring\n\nMarch 3, 2031\n\n";

#[test]
fn one_event_at_a_month_and_at_a_day_is_one_entry_at_the_day_with_both_sentences() {
    let text = format!(
        "{HEADER}The Northgate ferry operator will launch its new electric ferry in April, \
         the company said.\nThe new electric ferry will launch on April 14 from the Northgate \
         pier, officials confirmed.\n"
    );
    let found = entries(&text);
    let ferry: Vec<_> = found
        .iter()
        .filter(|(_, title, _)| title.contains("ferry"))
        .collect();
    assert_eq!(ferry.len(), 1, "{found:?}");
    let (date, _, evidence) = ferry[0];
    assert_eq!(date, "2031-04-14");
    assert_eq!(evidence.len(), 2, "{evidence:?}");
}

#[test]
fn the_title_of_one_date_holds_neither_the_other_date_nor_loses_its_verb() {
    let text = format!(
        "{HEADER}Dredging is due to start on 3 April 2031 and the new quay should open in 2033.\n"
    );
    let found = entries(&text);
    let titles: Vec<(&str, &str)> = found
        .iter()
        .map(|(d, t, _)| (d.as_str(), t.as_str()))
        .collect();
    assert!(
        titles.contains(&("2031-04-03", "Dredging is due to start")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&("2033", "The new quay should open")),
        "{titles:?}"
    );
}

#[test]
fn newsletter_prompts_are_page_furniture_not_events() {
    let text = format!(
        "{HEADER}The harbour master published new tide tables on Monday.\n\
         Sign up for the Harbour Morning Briefing, delivered to your inbox every Friday\n\
         Get the Coastal Report in your inbox every weekday.\n\
         Subscribers receive the tide tables by email each Friday, the harbour master said.\n"
    );
    let found = entries(&text);
    let prompt = |t: &str| t.contains("Sign up") || t.contains("Coastal Report");
    assert!(
        !found
            .iter()
            .any(|(_, t, ev)| prompt(t) || ev.iter().any(|e| prompt(e))),
        "{found:?}"
    );
    // A sentence that only starts like a prompt is text.
    assert!(
        found
            .iter()
            .any(|(_, _, ev)| ev.iter().any(|e| e.starts_with("Subscribers receive"))),
        "{found:?}"
    );
}

#[test]
fn headings_fragments_and_bare_dates_are_not_entries() {
    let text = format!(
        "{HEADER}The harbour board met on Monday to approve the spring works.\n\n\
         What to watch on Friday\n\n\
         5 April 2031\n\n\
         The board hired Dara Monk, who in 2029 took charge.\n"
    );
    let found = entries(&text);
    for (date, title, _) in &found {
        let lower = title.to_lowercase();
        assert!(
            !lower.starts_with("what") && !lower.starts_with("who"),
            "{date} {title}"
        );
        assert!(
            title.chars().any(|c| c.is_alphabetic()) && !title.contains("April"),
            "{date} {title}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(_, t, _)| t == "The harbour board met to approve the spring works"),
        "{found:?}"
    );
}

/// The catalogue link claims the sentences of its article that repeat it at a compatible date,
/// so discovery never makes them a second entry.
#[test]
fn a_sentence_that_repeats_a_catalogue_event_of_its_article_is_not_a_second_entry() {
    let catalogue = dossier::timeline::catalogue::parse(
        r#"
[[event]]
id = "harbour-accord"
date = "2031-02-12"
title = "Lindqvist and Pereira sign the harbour accord"
participants = ["Ana Lindqvist", "Tomas Pereira"]
cues = ["harbour accord"]
"#,
        std::path::Path::new("test.toml"),
    )
    .expect("the test catalogue parses");
    let text = "Harbour deal done\n\nMarch 14, 2031\n\n\
        Mayor Ana Lindqvist and port director Tomas Pereira signed the harbour accord on \
        February 12.\n\
        The accord for the harbour was agreed in February after months of talks.\n\
        Lindqvist and Pereira signed it in February at the customs house.\n";
    let lexicon = Lexicon::builtin();
    let model = Model::build(
        Corpus::from_texts([("accord.txt", text)], lexicon),
        lexicon,
        &catalogue,
    );
    let json = serde_json::to_value(Export::new(&model)).expect("the export serialises");
    let timeline = json["timeline"].as_array().cloned().unwrap_or_default();
    let in_february: Vec<&Value> = timeline
        .iter()
        .filter(|e| e["date"].as_str().is_some_and(|d| d.starts_with("2031-02")))
        .collect();
    assert_eq!(in_february.len(), 1, "{timeline:#?}");
    assert_eq!(in_february[0]["id"].as_str(), Some("harbour-accord"));
    assert_eq!(
        in_february[0]["evidence"].as_array().map(Vec::len),
        Some(3),
        "{timeline:#?}"
    );
}
