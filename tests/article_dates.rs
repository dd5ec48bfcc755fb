//! The article's own date, the anchor every relative date hangs on: a date line first, then a
//! byline or update line, then the page's metadata, and only when the article says nothing of
//! its date, inference — never from a birth date, and never over a date the article prints.
//! An inferred date says how it was inferred.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;
use dossier::timeline::catalogue;
use serde_json::Value;

/// One invented event the tests' articles mention.
const CATALOGUE: &str = r#"
[[event]]
id = "quay-summit"
date = "2021-02-12"
title = "The Quay Summit"
cues = ["Quay Summit"]
"#;

/// The exported record of the one article in `text`, built with the test catalogue.
fn exported(file: &str, text: &str) -> Value {
    let lexicon = Lexicon::builtin();
    let events = catalogue::parse(CATALOGUE, std::path::Path::new("test.toml"))
        .expect("the test catalogue parses");
    let model = Model::build(
        Corpus::from_texts([(file, text)], lexicon),
        lexicon,
        &events,
    );
    let json = serde_json::to_value(Export::new(&model)).expect("the export serialises");
    json["articles"][0].clone()
}

fn date_and_origin(article: &Value) -> (Option<&str>, Option<&str>) {
    (article["date"].as_str(), article["date_origin"].as_str())
}

#[test]
fn a_bare_date_line_under_the_headline_dates_the_article_and_is_not_its_title() {
    let article = exported(
        "quay.txt",
        "Harbour council votes to rebuild the old quay\n\nSeptember 9, 2024\n\n\
         The harbour council voted on Monday to rebuild the old quay before the winter storms.\n",
    );
    assert_eq!(
        date_and_origin(&article),
        (Some("2024-09-09"), Some("date-line"))
    );
    assert_eq!(
        article["title"].as_str(),
        Some("Harbour council votes to rebuild the old quay")
    );
}

#[test]
fn a_catalogue_event_mentioned_in_the_text_never_overrides_the_date_line() {
    let article = exported(
        "quay.txt",
        "Ferry operators cut their winter timetable\n\n14 October 2022\n\n\
         Ferry operators said on Tuesday that bookings had fallen since the Quay Summit.\n",
    );
    assert_eq!(
        date_and_origin(&article),
        (Some("2022-10-14"), Some("date-line"))
    );
}

#[test]
fn events_date_an_article_only_when_nothing_else_anchors_it() {
    let article = exported(
        "quay.txt",
        "Ferry operators cut their winter timetable\n\n\
         Ferry operators said on Tuesday that bookings had fallen after the Quay Summit.\n",
    );
    assert_eq!(
        date_and_origin(&article),
        (Some("2021-02-12"), Some("inferred"))
    );
    assert_eq!(article["date_inferred"].as_bool(), Some(true));
}

#[test]
fn a_date_in_a_byline_field_dates_the_article_and_stays_out_of_its_source() {
    for (byline, date) in [
        (
            "By Lena Brandt  ·  Updated March 13, 2023, 4:02 PM",
            "2023-03-13",
        ),
        (
            "By Lena Brandt, Harbour Desk | Published 3 March 2023",
            "2023-03-03",
        ),
        ("By Lena Brandt, Harbour Desk — 3 March 2023", "2023-03-03"),
    ] {
        let article = exported(
            "quay.txt",
            &format!(
                "Harbour council votes to rebuild the old quay\n\n{byline}\n\n\
                 The harbour council voted on Monday to rebuild the old quay.\n"
            ),
        );
        assert_eq!(
            date_and_origin(&article),
            (Some(date), Some("byline")),
            "{byline}"
        );
        assert_eq!(article["source"].as_str(), Some("Lena Brandt"), "{byline}");
    }
}

#[test]
fn a_date_line_outranks_a_byline_date() {
    let article = exported(
        "quay.txt",
        "Harbour council votes to rebuild the old quay\n\n\
         By Lena Brandt · 2 March 2023\n\nPublished: 4 March 2023\n\n\
         The harbour council voted on Monday to rebuild the old quay.\n",
    );
    assert_eq!(
        date_and_origin(&article),
        (Some("2023-03-04"), Some("date-line"))
    );
}

#[test]
fn what_the_article_prints_outranks_the_page_metadata() {
    let page = |body: &str| {
        format!(
            r#"<html><head><meta property="article:published_time" content="2019-05-01T09:00:00Z"></head>
            <body><article><h1>Harbour council votes to rebuild the old quay</h1>{body}
            <p>The harbour council voted on Monday to rebuild the old quay before the storms.</p>
            </article></body></html>"#
        )
    };
    let by_byline = exported("quay.html", &page("<p>By Lena Brandt · 5 June 2023</p>"));
    assert_eq!(
        date_and_origin(&by_byline),
        (Some("2023-06-05"), Some("byline"))
    );
    let by_line = exported("quay.html", &page("<p>Updated: 6 June 2023</p>"));
    assert_eq!(
        date_and_origin(&by_line),
        (Some("2023-06-06"), Some("date-line"))
    );
    let by_metadata = exported("quay.html", &page(""));
    assert_eq!(
        date_and_origin(&by_metadata),
        (Some("2019-05-01"), Some("metadata"))
    );
}

#[test]
fn json_ld_date_published_dates_a_page_with_no_other_date() {
    let page = r#"<html><head><script type="application/ld+json">
        {"@type": "NewsArticle", "datePublished": "2023-06-07T08:00:00Z"}</script></head>
        <body><article><h1>Harbour council votes to rebuild the old quay</h1>
        <p>The harbour council voted on Monday to rebuild the old quay before the storms.</p>
        </article></body></html>"#;
    let article = exported("quay.html", page);
    assert_eq!(
        date_and_origin(&article),
        (Some("2023-06-07"), Some("metadata"))
    );
}

#[test]
fn a_birth_date_is_not_the_articles_date() {
    let article = exported(
        "obituary.txt",
        "Harbour pilot remembered by the town\n\n\
         Anna Lindqvist, who guided ships into the harbour for forty years, has died.\n\
         Lindqvist, born in a fishing village on 3 February 1931, took her first ship in alone.\n",
    );
    assert_eq!(date_and_origin(&article), (None, None));
}

#[test]
fn a_date_inferred_from_the_text_says_so() {
    let article = exported(
        "quay.txt",
        "Harbour council votes to rebuild the old quay\n\n\
         The harbour council approved the plan on 2 May 2023 after a long debate.\n",
    );
    assert_eq!(
        date_and_origin(&article),
        (Some("2023-05-02"), Some("inferred-from-text"))
    );
    assert_eq!(article["date_inferred"].as_bool(), Some(true));
}

#[test]
fn a_copyright_year_is_a_year_anchor_that_dates_neither_the_article_nor_its_weekdays() {
    let lexicon = Lexicon::builtin();
    let text = "Harbour seals return to the sandbank\n\n\
                Rangers counted forty seals on the sandbank on Saturday, more than ever before.\n\n\
                © 2024 Harbour Post\n";
    let model = Model::build(
        Corpus::from_texts([("seals.txt", text)], lexicon),
        lexicon,
        &[],
    );
    assert_eq!(model.articles[0].copyright_year, Some(2024));
    let json = serde_json::to_value(Export::new(&model)).expect("the export serialises");
    assert_eq!(date_and_origin(&json["articles"][0]), (None, None));
    let timeline = json["timeline"].as_array().cloned().unwrap_or_default();
    assert!(
        timeline
            .iter()
            .all(|e| !e["date"].as_str().is_some_and(|d| d.starts_with("2024"))),
        "a footer's year dated an entry: {timeline:?}"
    );
}

#[test]
fn a_full_date_in_a_header_line_dates_the_article_before_any_inference() {
    let text = "Harbour News | Tuesday 3 June 2025\n\nHarbour Council Votes to Rebuild the Old Quay\n\n\
                The harbour council voted on Monday to rebuild the old quay, a plan first aired at the Quay Summit.\n";
    let article = exported("quay.txt", text);
    assert_eq!(
        date_and_origin(&article),
        (Some("2025-06-03"), Some("header"))
    );
    assert_eq!(
        article["title"].as_str(),
        Some("Harbour Council Votes to Rebuild the Old Quay")
    );
}
