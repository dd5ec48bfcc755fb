//! What anchors an article's dates when it gives less than a day: a copyright year dates the
//! expressions that name their month, never the article nor its weekdays.

use dossier::corpus::Corpus;
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::Model;

fn model_of(text: &str) -> Model {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts([("story.txt", text)], lexicon);
    Model::build(corpus, lexicon, &[])
}

/// (text, value) of every date expression the export lists.
fn exported_dates(model: &Model) -> Vec<(String, Option<String>)> {
    let export: serde_json::Value =
        serde_json::from_str(&Export::new(model).to_json(false)).expect("export is JSON");
    export["dates"]
        .as_array()
        .expect("a dates list")
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap_or("").to_owned(),
                d["value"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn value_of(dates: &[(String, Option<String>)], text: &str) -> Option<String> {
    dates
        .iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| panic!("{text:?} not among {dates:?}"))
        .1
        .clone()
}

const UNDATED_WITH_COPYRIGHT: &str = "Orchard festival draws a record crowd\n\n\
    Growers sold 900 crates of cherries on Sunday, July 6, twice the number sold on June 21. \
    The cooperative opened a second cider press yesterday, and the tasting tent closed on Friday. \
    A pear market is planned for September.\n\n\
    \u{a9} 2031 Valley Growers Gazette. All rights reserved.\n";

#[test]
fn a_copyright_year_dates_month_days_and_months_but_not_the_article() {
    let model = model_of(UNDATED_WITH_COPYRIGHT);
    assert_eq!(model.articles[0].date, None, "the article gives no day");
    let dates = exported_dates(&model);
    // 6 July 2031 is a Sunday: the weekday agrees with the year.
    assert_eq!(
        value_of(&dates, "Sunday, July 6").as_deref(),
        Some("2031-07-06")
    );
    assert_eq!(value_of(&dates, "June 21").as_deref(), Some("2031-06-21"));
    assert_eq!(value_of(&dates, "September").as_deref(), Some("2031-09"));
    // No day anchors these.
    assert_eq!(value_of(&dates, "yesterday"), None);
    assert_eq!(value_of(&dates, "Friday"), None);
}

#[test]
fn a_copyright_year_dates_the_events_of_an_undated_article() {
    let model = model_of(UNDATED_WITH_COPYRIGHT);
    let entries: Vec<(String, String)> = model
        .events
        .iter()
        .map(|e| (e.date.to_string(), e.title.clone()))
        .collect();
    assert!(
        entries
            .iter()
            .any(|(d, t)| d == "2031-07-06" && t.contains("crates")),
        "{entries:?}"
    );
}

#[test]
fn a_weekday_that_does_not_fit_the_copyright_year_leaves_the_date_unresolved() {
    // 6 July 2031 is a Sunday, not a Tuesday: the date belongs to another year.
    let model = model_of(
        "Orchard festival draws a record crowd\n\n\
         Growers sold 900 crates of cherries on Tuesday, July 6, a record for the valley.\n\n\
         \u{a9} 2031 Valley Growers Gazette.\n",
    );
    let dates = exported_dates(&model);
    assert_eq!(value_of(&dates, "Tuesday, July 6"), None);
    assert!(
        model.events.iter().all(|e| !e.title.contains("crates")),
        "{:?}",
        model.events
    );
}

#[test]
fn without_a_copyright_line_an_undated_article_resolves_no_month_day() {
    let model = model_of(
        "Orchard festival draws a record crowd\n\n\
         Growers sold 900 crates of cherries on Sunday, July 6, twice the number sold on June 21.\n",
    );
    let dates = exported_dates(&model);
    assert_eq!(value_of(&dates, "June 21"), None);
}

/// The articles table of a folder holding one article, run as a user runs it.
fn articles_table_of(name: &str, text: &str) -> String {
    let dir =
        std::env::temp_dir().join(format!("dossier-year-anchor-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::write(dir.join(format!("{name}.txt")), text).expect("the article is written");
    let output = assert_cmd::Command::cargo_bin("dossier")
        .expect("the dossier binary is built for tests")
        .args(["--no-library", "articles", "--width", "0", "--corpus"])
        .arg(&dir)
        .output()
        .expect("dossier runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_footnote_says_a_date_came_from_the_text_not_from_events() {
    let table = articles_table_of(
        "dam",
        "Reservoir fills for the first time\n\n\
         Engineers watched the water rise behind the new wall for weeks.\n\n\
         The last gate was closed on 12 May 2031, and the valley road was moved.\n",
    );
    let model = model_of(
        "Reservoir fills for the first time\n\n\
         Engineers watched the water rise behind the new wall for weeks.\n\n\
         The last gate was closed on 12 May 2031, and the valley road was moved.\n",
    );
    assert_eq!(
        model.articles[0].date.map(|d| d.origin),
        Some(dossier::corpus::DateOrigin::InferredFromText),
        "the date comes from the text"
    );
    assert!(table.contains("2031-05-12~"), "{table}");
    assert!(
        table.contains("~ date inferred from the latest full date"),
        "{table}"
    );
    assert!(
        !table.contains("from the events the article reports"),
        "{table}"
    );
}
