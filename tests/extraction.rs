//! Each stage of extraction on the project's own fixtures (invented people and events).

use std::path::PathBuf;

use dossier::corpus::{Corpus, DateOrigin, Removal, TitleOrigin};
use dossier::extract::dates::find_dates;
use dossier::lexicon::Lexicon;
use dossier::model::{Model, Sources};

fn fixtures(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn fixture_model() -> Model {
    Model::load(&Sources {
        corpus: Some(fixtures("news")),
        events: Some(fixtures("catalogue/events.toml")),
        lexicon: None,
        ..Default::default()
    })
    .expect("fixtures load")
}

fn person<'m>(model: &'m Model, name: &str) -> &'m dossier::model::PersonEntry {
    model
        .people
        .iter()
        .find(|p| p.person.name == name)
        .unwrap_or_else(|| {
            panic!(
                "{name} not found among {:?}",
                model
                    .people
                    .iter()
                    .map(|p| &p.person.name)
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn cleaning_keeps_the_story_and_drops_the_page() {
    let model = fixture_model();
    let article = model
        .articles
        .iter()
        .find(|a| a.file == "harbour-talks.txt")
        .unwrap();
    assert_eq!(
        article.title,
        "Ministers Seal Harbour Accord After Night of Talks"
    );
    assert_eq!(article.title_origin, TitleOrigin::Headline);
    for gone in [
        "Home/",
        "Advertisement",
        "Photo by",
        "A view of the harbour",
        "Show more",
        "date 2024",
    ] {
        assert!(
            !article.text.contains(gone),
            "{gone:?} survived cleaning:\n{}",
            article.text
        );
    }
    assert!(
        article.text.starts_with(
            "Ministers Seal Harbour Accord After Night of Talks\n\nThe deal was signed in Tallinn"
        ),
        "{}",
        article.text
    );
    assert_eq!(
        article.paragraphs[0].kind,
        dossier::corpus::BlockKind::Title
    );
    assert!(
        article
            .raw_text()
            .expect("the file can be read again")
            .contains("Advertisement"),
        "the raw text is kept for the reader"
    );
    let why = &article.removed;
    for expected in [
        Removal::Navigation,
        Removal::Boilerplate,
        Removal::Caption,
        Removal::Credit,
    ] {
        assert!(why.contains(&expected), "{expected:?} not among {why:?}");
    }
}

#[test]
fn metadata_from_date_lines_front_matter_and_html() {
    let model = fixture_model();
    let by_file = |f: &str| model.articles.iter().find(|a| a.file == f).unwrap();
    let talks = by_file("harbour-talks.txt");
    assert_eq!(
        talks.date.map(|d| (d.date.to_string(), d.origin)),
        Some(("2024-03-15".into(), DateOrigin::DateLine))
    );
    let ferry = by_file("ferry-follow-up.md");
    assert_eq!(ferry.title, "Ferry operators welcome the accord");
    assert_eq!(ferry.source.as_deref(), Some("Baltic Wire"));
    assert_eq!(ferry.date.map(|d| d.origin), Some(DateOrigin::Metadata));
    let html = by_file("undated-analysis.html");
    assert_eq!(html.title, "What the harbour accord means");
    assert_eq!(html.source.as_deref(), Some("Example Review"));
    assert!(
        !html.text.contains("Ships in the harbour"),
        "figure captions are dropped"
    );
    assert!(
        !html
            .raw_text()
            .expect("the file can be read again")
            .contains('\u{1b}'),
        "script content never reaches the text"
    );
}

#[test]
fn people_with_roles_from_titles_and_appositives() {
    let model = fixture_model();
    let volkova = person(&model, "Kadri Volkova");
    assert!(
        volkova
            .person
            .roles
            .iter()
            .any(|r| r == "Estonian Foreign Minister"),
        "{:?}",
        volkova.person.roles
    );
    let tamm = person(&model, "Liisa Tamm");
    assert_eq!(tamm.person.roles, vec!["spokeswoman"]);
    let saar = person(&model, "Erik Saar");
    assert_eq!(saar.person.roles, vec!["Prime Minister"]);
    let rantanen = person(&model, "Mikko Rantanen");
    assert!(
        rantanen
            .person
            .roles
            .iter()
            .any(|r| r.contains("counterpart")),
        "{:?}",
        rantanen.person.roles
    );
}

#[test]
fn spellings_merge_but_close_names_of_different_people_do_not() {
    let model = fixture_model();
    let volkova = person(&model, "Kadri Volkova");
    assert!(
        volkova.person.aliases.contains(&"Kadri Wolkova".to_owned()),
        "{:?}",
        volkova.person.aliases
    );
    assert_eq!(
        volkova.articles.len(),
        4,
        "a surname alone links to the full name in every article"
    );
    let husband = person(&model, "Mikko Rantanen");
    let wife = person(&model, "Anna Rantanena");
    assert_ne!(husband.id, wife.id);
    assert!(
        !husband
            .person
            .aliases
            .iter()
            .any(|a| a.contains("Rantanena"))
    );
}

#[test]
fn places_organisations_and_media_are_not_people() {
    let model = fixture_model();
    let names: Vec<&str> = model
        .people
        .iter()
        .map(|p| p.person.name.as_str())
        .collect();
    for not_a_person in [
        "Tallinn",
        "Tallinn Institute",
        "Black Sea Shipping Company",
        "Baltic Times",
        "NATO",
        "Jaan Kask",
        "Harbour Accord",
    ] {
        assert!(
            !names.contains(&not_a_person),
            "{not_a_person} taken for a person: {names:?}"
        );
    }
}

#[test]
fn mention_offsets_point_at_the_names() {
    let model = fixture_model();
    for entry in &model.people {
        let name = &entry.person.name;
        assert!(!entry.person.mentions.is_empty(), "{name} has no mention");
        // The articles a person is listed in are exactly those that mention them.
        let mut mentioned_in: Vec<usize> =
            entry.person.mentions.iter().map(|m| m.article).collect();
        mentioned_in.sort_unstable();
        mentioned_in.dedup();
        let mut listed = entry.articles.clone();
        listed.sort_unstable();
        assert_eq!(mentioned_in, listed, "{name}: articles");
        for m in &entry.person.mentions {
            let article = &model.articles[m.article];
            let sentence = article
                .sentences
                .get(m.sentence)
                .unwrap_or_else(|| panic!("{name}: sentence {} of {}", m.sentence, article.file));
            assert!(
                sentence.span.contains(m.span),
                "{name}: the mention {:?} lies outside its sentence {:?} in {}",
                m.span,
                sentence.span,
                article.file
            );
            let text = &article.text;
            let mentioned = text
                .get(m.span.start()..m.span.end())
                .expect("offsets fall on char boundaries");
            let surname = entry.person.name.rsplit(' ').next().unwrap();
            let known = mentioned == entry.person.name
                || entry.person.aliases.iter().any(|a| a == mentioned)
                || mentioned.ends_with(surname);
            assert!(
                known,
                "{mentioned:?} is not a spelling of {}",
                entry.person.name
            );
        }
    }
}

#[test]
fn dates_resolve_against_the_article_date() {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_path(&fixtures("news/harbour-talks.txt"), lexicon).unwrap();
    let article = &corpus.articles[0];
    let anchor = article.date.map(|d| d.date);
    let found: Vec<(String, Option<String>)> = find_dates(article)
        .iter()
        .map(|m| {
            (
                m.span.slice(&article.text).to_owned(),
                m.resolve(anchor).map(|d| d.to_string()),
            )
        })
        .collect();
    let expect = |text: &str, value: &str| {
        assert!(
            found.contains(&(text.to_owned(), Some(value.to_owned()))),
            "{text} -> {value} not in {found:?}"
        );
    };
    expect("Friday", "2024-03-15");
    expect("next month", "2024-04");
    expect("January", "2024-01");
    expect("2026", "2026");
    expect("2019", "2019");
    expect("last week", "2024-03");
}

#[test]
fn timeline_links_catalogue_events_and_discovers_others() {
    let model = fixture_model();
    let accord = model
        .events
        .iter()
        .find(|e| e.id == "harbour-accord")
        .expect("catalogue event linked");
    let files: Vec<&str> = accord
        .articles
        .iter()
        .map(|&a| model.articles[a].file.as_str())
        .collect();
    assert!(
        files.contains(&"harbour-talks.txt") && files.contains(&"ferry-follow-up.md"),
        "{files:?}"
    );
    let collapse = model
        .events
        .iter()
        .find(|e| e.date.to_string() == "2024-01")
        .expect("January collapse discovered");
    assert_eq!(
        collapse.articles.len(),
        2,
        "two articles report the collapse: {collapse:?}"
    );
    assert!(
        collapse.title.to_lowercase().contains("ferry talks"),
        "{}",
        collapse.title
    );
    for event in &model.events {
        for evidence in &event.evidence {
            let article = &model.articles[evidence.article];
            assert!(evidence.sentence < article.sentences.len());
        }
    }
}

#[test]
fn undated_articles_stay_undated_when_nothing_anchors_them() {
    let model = fixture_model();
    let html = model
        .articles
        .iter()
        .find(|a| a.file == "undated-analysis.html")
        .unwrap();
    assert_eq!(html.date, None);
}
