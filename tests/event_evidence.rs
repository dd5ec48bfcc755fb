//! What an event holds: only the sentences about it, only the articles that refer to it, the
//! people its own sentences name and the place where it happened. News recalls an earlier event
//! with a cue or a date; an undated sentence that names the people is about the article's own
//! news, and a heading, which names the story's people, says which event it is about only
//! through a cue.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;
use dossier::timeline::catalogue;
use serde_json::Value;

/// Two invented events of the same two people: a row in January, talks in March.
const CATALOGUE: &str = r#"
[[event]]
id = "quay-row"
date = "2031-01-10"
title = "Velden and Oriel fall out at the Guild Hall"
place = "Guild Hall, Tarrow"
participants = ["Mara Velden", "Tomas Oriel"]
cues = ["quay row"]

[[event]]
id = "bridge-talks"
date = "2031-03-08"
title = "Velden and Oriel hold bridge talks in Pellam"
place = "Pellam"
participants = ["Mara Velden", "Tomas Oriel"]
cues = ["bridge talks"]
"#;

/// The export of the articles, built with the test catalogue.
fn export(articles: &[(&str, &str)]) -> Value {
    let lexicon = Lexicon::builtin();
    let events = catalogue::parse(CATALOGUE, std::path::Path::new("test.toml"))
        .expect("the test catalogue parses");
    let model = Model::build(
        Corpus::from_texts(articles.iter().copied(), lexicon),
        lexicon,
        &events,
    );
    serde_json::to_value(Export::new(&model)).expect("the export serialises")
}

fn entry<'a>(export: &'a Value, id: &str) -> &'a Value {
    export["timeline"]
        .as_array()
        .and_then(|t| t.iter().find(|e| e["id"] == id))
        .unwrap_or_else(|| panic!("no timeline entry {id}: {:#}", export["timeline"]))
}

fn evidence(entry: &Value) -> Vec<&str> {
    entry["evidence"]
        .as_array()
        .map(|list| list.iter().filter_map(|e| e["text"].as_str()).collect())
        .unwrap_or_default()
}

fn articles(entry: &Value) -> Vec<&str> {
    entry["articles"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The news of March, which recalls the January row by its cue.
const TALKS: &str = "Pellam hosts the bridge talks\n\nMarch 8, 2031\n\n\
    Mayor Mara Velden and Governor Tomas Oriel held bridge talks in Pellam on Saturday.\n\n\
    Talks had been frozen since the quay row in January.\n\n\
    Velden Greets Oriel\n\n\
    Velden told Oriel that the ferry toll would stay.\n\n\
    Both councils plan to vote on a ferry contract this week.\n";

#[test]
fn an_undated_sentence_about_the_people_is_about_the_articles_own_news() {
    let json = export(&[("talks.txt", TALKS)]);
    let row = evidence(entry(&json, "quay-row"));
    assert_eq!(
        row,
        ["Talks had been frozen since the quay row in January."],
        "only the sentence that recalls the row by its cue"
    );
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(
        talks.contains(&"Velden told Oriel that the ferry toll would stay."),
        "an undated sentence of the people belongs to the news: {talks:?}"
    );
}

#[test]
fn a_heading_without_a_cue_is_not_evidence() {
    let json = export(&[("talks.txt", TALKS)]);
    for id in ["quay-row", "bridge-talks"] {
        let found = evidence(entry(&json, id));
        assert!(!found.contains(&"Velden Greets Oriel"), "{id}: {found:?}");
    }
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(
        talks.contains(&"Pellam hosts the bridge talks"),
        "a headline with a cue is evidence: {talks:?}"
    );
}

#[test]
fn what_is_still_to_come_is_not_evidence_of_what_happened() {
    let json = export(&[("talks.txt", TALKS)]);
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(
        !talks.contains(&"Both councils plan to vote on a ferry contract this week."),
        "{talks:?}"
    );
}

#[test]
fn an_article_that_never_refers_to_an_event_is_not_linked_to_it() {
    // Dated days after the talks, it names the people and the row's hall, never the row.
    let later = "Ferry tolls stay in Tarrow\n\nMarch 10, 2031\n\n\
        Mayor Mara Velden and Governor Tomas Oriel spoke to reporters in the Guild Hall.\n\n\
        They said the ferry toll would stay.\n";
    let json = export(&[("talks.txt", TALKS), ("later.txt", later)]);
    let row = entry(&json, "quay-row");
    assert_eq!(articles(row), ["talks"], "{:?}", evidence(row));
}

#[test]
fn people_count_for_the_event_whose_clause_names_them() {
    let compared = "Pellam hosts the bridge talks\n\nMarch 8, 2031\n\n\
        Mayor Mara Velden and Governor Tomas Oriel held bridge talks in Pellam on Saturday.\n\n\
        The talks at Pellam, opened by Bishop Ansel Corr, came after a bitter \
        dispute at the Guild Hall in January.\n";
    let json = export(&[("compared.txt", compared)]);
    let row = entry(&json, "quay-row");
    assert!(
        evidence(row).iter().any(|t| t.contains("bitter")),
        "the comparison is evidence of the row: {:?}",
        evidence(row)
    );
    let people: Vec<&str> = row["people"]
        .as_array()
        .map(|p| p.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        !people.iter().any(|p| p.contains("corr")),
        "the bishop is named in the clause of the talks: {people:?}"
    );
    assert!(
        people.iter().any(|p| p.contains("velden")),
        "the row's own people stay: {people:?}"
    );
}

#[test]
fn a_discovered_event_takes_the_place_its_own_clause_puts_it_at() {
    let strike = "Dock strike spreads\n\nJune 12, 2031\n\n\
        Oslo said it was ready to talk - as it was when the dock strike \
        began in 2019.\n\n\
        Union leaders said the dockers walked out in Porto on Monday.\n";
    let json = export(&[("strike.txt", strike)]);
    let timeline = json["timeline"].as_array().cloned().unwrap_or_default();
    let on = |date: &str| {
        timeline
            .iter()
            .find(|e| e["date"] == date)
            .unwrap_or_else(|| panic!("no entry on {date}: {timeline:#?}"))
            .clone()
    };
    assert_eq!(
        on("2019")["place"],
        Value::Null,
        "the city that speaks is not where the strike began"
    );
    assert_eq!(on("2031-06-09")["place"], "Porto");
}

/// News of the talks that recalls the row without its cue, by its place or as "their last
/// summit".
const RECALLED: &str = "Pellam hosts the bridge talks\n\nMarch 8, 2031\n\n\
    Mayor Mara Velden and Governor Tomas Oriel held bridge talks in Pellam on Saturday.\n\n\
    Talks had been frozen since the quay row in January.\n\n\
    Velden and Oriel's quarrel at the Guild Hall ended in uproar.\n\n\
    Velden and Oriel traded insults at their last summit, when the quay was closed.\n";

#[test]
fn an_undated_sentence_set_at_an_earlier_events_place_is_that_event_not_the_news() {
    let json = export(&[("recalled.txt", RECALLED)]);
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(
        !talks.iter().any(|t| t.contains("Guild Hall")),
        "the quarrel at the row's hall is not the talks: {talks:?}"
    );
    let row = evidence(entry(&json, "quay-row"));
    assert!(
        row.iter().any(|t| t.contains("Guild Hall")),
        "it is the row, which the article refers to: {row:?}"
    );
}

#[test]
fn their_last_summit_is_the_earlier_event_not_the_news() {
    let json = export(&[("recalled.txt", RECALLED)]);
    let last = "Velden and Oriel traded insults at their last summit, when the quay was closed.";
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(!talks.contains(&last), "{talks:?}");
    let row = evidence(entry(&json, "quay-row"));
    assert!(row.contains(&last), "{row:?}");
}

#[test]
fn the_headline_is_about_the_articles_own_news() {
    let text = "Velden and Oriel Shake Hands\n\nMarch 8, 2031\n\n\
        Mayor Mara Velden and Governor Tomas Oriel held bridge talks in Pellam on Saturday.\n\n\
        Talks had been frozen since the quay row in January.\n";
    let json = export(&[("again.txt", text)]);
    let headline = "Velden and Oriel Shake Hands";
    let talks = evidence(entry(&json, "bridge-talks"));
    assert!(talks.contains(&headline), "{talks:?}");
    let row = evidence(entry(&json, "quay-row"));
    assert!(!row.contains(&headline), "{row:?}");
}

#[test]
fn a_heading_is_not_evidence_of_a_discovered_event() {
    let text = "Harbour pact signed\n\nMarch 8, 2031\n\n\
        Mayor Ada Brisk and Governor Olaf Stenn signed the harbour pact in Oslo on Saturday.\n\n\
        Brisk Thanks Stenn\n\n\
        Brisk and Stenn then walked along the harbour wall.\n";
    let json = export(&[("pact.txt", text)]);
    let timeline = json["timeline"].as_array().cloned().unwrap_or_default();
    let pact = timeline
        .iter()
        .find(|e| e["date"] == "2031-03-08")
        .unwrap_or_else(|| panic!("no entry for the pact: {timeline:#?}"));
    let found = evidence(pact);
    assert!(
        found.contains(&"Brisk and Stenn then walked along the harbour wall."),
        "an undated sentence of the people joins the news: {found:?}"
    );
    assert!(!found.contains(&"Brisk Thanks Stenn"), "{found:?}");
}
