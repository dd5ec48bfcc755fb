//! Properties of the whole pipeline on generated articles: realistic news text (names, titles,
//! dates, headings, bullets, datelines, bylines, page furniture) mixed with hostile material
//! (escape sequences, controls, bidi overrides, zero-width and combining characters, emoji,
//! Arabic and Hebrew, every kind of line end, arbitrary characters).
//!
//! - nothing panics;
//! - every offset falls on a char boundary inside its article;
//! - cleaning is idempotent: `clean(clean(x).text).text == clean(x).text`;
//! - every exported date expression's offsets point at its text in the file (or, for markup,
//!   in the text extracted from it);
//! - the export always parses as JSON and holds nothing unsafe to print.
//!
//! The seed is fixed, so every run tries the same cases: a failure here is reproducible with
//! `cargo test --test properties`. Set `PROPTEST_CASES` to try more.

use dossier::corpus::sanitize::{is_unsafe, sanitize, strip_escapes};
use dossier::corpus::{Article, Corpus, OffsetBasis, clean};
use dossier::export::Export;
use dossier::extract::dates::find_dates;
use dossier::lexicon::Lexicon;
use dossier::model::Model;
use dossier::text::Span;
use dossier::timeline::catalogue;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use serde_json::Value;

/// Fixed seed, modest case counts: the file runs in a few seconds in a debug build.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x0D05_51E4),
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

const NAMES: &[&str] = &[
    "Volodymyr Zelenskyy",
    "Zelensky",
    "Donald Trump",
    "Trump",
    "Anna Berg",
    "Berg",
    "Mikko Rantanen",
    "Jean-Luc Dubois",
    "Mary O'Neill",
    "J. D. Vance",
    "Olena Zelenska",
    "Pope Francis",
    "Vladimir Putin",
    "Emmanuel Macron",
    "Keir Starmer",
    "al-Sisi",
    "José Ñúñez",
];
const TITLES: &[&str] = &[
    "President",
    "Ukrainian President",
    "Foreign Minister",
    "Prime Minister",
    "Secretary of State",
    "Mr.",
    "Dr.",
    "envoy",
    "the minister",
    "U.S. President",
];
const PLACES: &[&str] = &[
    "Kyiv",
    "Washington",
    "the White House",
    "the Oval Office",
    "Rome",
    "St. Peter's Basilica",
    "Tallinn",
    "Alaska",
    "Moscow",
    "the Vatican",
];
const DATES: &[&str] = &[
    "on Friday",
    "last week",
    "on Feb. 28",
    "in February",
    "on 2025-04-26",
    "on April 26, 2025",
    "in 2014",
    "earlier this month",
    "yesterday",
    "next Monday",
    "last February",
    "at the end of March",
    "this year",
    "on 26 April 2025",
    "in August 2025",
    "on 31 February",
    "in 0000",
    "on 9999-12-31",
    "on Sept. 31, 1999",
];
const VERBS: &[&str] = &[
    "met",
    "said",
    "told reporters",
    "spoke with",
    "signed a deal with",
    "criticised",
    "will meet",
    "is expected to visit",
    "called",
];
const HEADINGS: &[&str] = &[
    "Trump and Zelensky Meet at the Vatican",
    "Why It Matters",
    "WHAT HAPPENED NEXT",
    "Leaders say talks will not resume soon",
    "Key Points",
    "TENNIS - FAVOURITE WINS IN STRAIGHT SETS.",
];
const FURNITURE: &[&str] = &[
    "Advertisement",
    "Advertisement · Scroll to continue",
    "Share | Tweet | Email",
    "Show more",
    "• Home/",
    "Home > World > Europe",
    "Photo by Jane Roe",
    "Getty Images",
    "A view of the hall where ministers met. AFP",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "Reference(s):",
    "Source: Example News",
    "example.org",
    "By Jane Doe, Kyiv",
    "BY JOHN ROE",
    "Published: April 26, 2025",
    "date 2025-04-26",
    "Updated 2025-04-27 10:00",
    "KYIV 2025-04-26",
    "Jane Doe",
];
const DATELINES: &[&str] = &[
    "KYIV, May 16 (Reuters) - ",
    "WASHINGTON (AP) — ",
    "GENEVA, March 3, 2024 (Reuters) - ",
    "LONDON 1996-08-30 - ",
    "ROME — ",
];
const HOSTILE: &[&str] = &[
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x1b]0;title\x07",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]8;;http://x.example/\x1b\\",
    "\x1bP1$qm\x1b\\",
    "\x1b]0;unterminated",
    "\x1b[",
    "\x1b",
    "\x1b(",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\u{90}",
    "\u{85}",
    "\0",
    "\x07\x08\x0b\x0c\x7f",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{200D}",
    "\u{200C}",
    "\u{FEFF}",
    "\u{AD}",
    "e\u{301}",
    "\u{301}",
    "\u{1F469}\u{200D}\u{1F4BB}",
    "\u{1F1FA}\u{1F1E6}",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u{2028}",
    "\u{A0}",
    "\u{3000}",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\u{FFFD}",
    "&#27;[2J",
    "&amp;",
    "<b>",
    "</p>",
    "# ",
    "---\ntitle: x\n---\n",
    "*",
    "[link](http://x)",
    "....",
    "…",
    "“",
    "’s",
];

/// Random characters, any of them: what no list anticipates.
fn noise() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..8).prop_map(|c| c.into_iter().collect())
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(HOSTILE).prop_map(str::to_owned),
        1 => noise(),
    ]
}

fn person() -> impl Strategy<Value = String> {
    (prop::option::of(select(TITLES)), select(NAMES)).prop_map(|(title, name)| match title {
        Some(title) => format!("{title} {name}"),
        None => name.to_owned(),
    })
}

fn sentence() -> impl Strategy<Value = String> {
    (
        person(),
        select(VERBS),
        person(),
        prop::option::of(select(PLACES)),
        prop::option::of(select(DATES)),
        select(&[".", ".", ".", "!", "?", ",", ""][..]),
    )
        .prop_map(|(a, verb, b, place, date, end)| {
            let mut s = format!("{a} {verb} {b}");
            if let Some(place) = place {
                s.push_str(" in ");
                s.push_str(place);
            }
            if let Some(date) = date {
                s.push(' ');
                s.push_str(date);
            }
            s.push_str(end);
            s
        })
}

/// A sentence with hostile material put in at arbitrary places.
fn tainted_sentence() -> impl Strategy<Value = String> {
    (
        sentence(),
        prop::collection::vec((any::<prop::sample::Index>(), hostile()), 1..4),
    )
        .prop_map(|(sentence, inserts)| {
            let mut s = sentence;
            for (at, insert) in inserts {
                let boundaries: Vec<usize> =
                    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
                let i = boundaries[at.index(boundaries.len())];
                s.insert_str(i, &insert);
            }
            s
        })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" ")),
        3 => tainted_sentence(),
        2 => select(HEADINGS).prop_map(str::to_owned),
        2 => select(FURNITURE).prop_map(str::to_owned),
        1 => (select(&["• ", "- ", "* ", "1. ", "2) "][..]), sentence())
            .prop_map(|(bullet, s)| format!("{bullet}{s}")),
        1 => (select(DATELINES), sentence()).prop_map(|(d, s)| format!("{d}{s}")),
        1 => hostile(),
        1 => noise(),
    ]
}

fn line_end() -> impl Strategy<Value = &'static str> {
    select(
        &[
            "\n", "\n", "\n\n", "\n\n", "\r\n", "\r\n\r\n", "\r", " ", "\n \n",
        ][..],
    )
}

/// An article: lines of news and page furniture, with hostile material here and there.
fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), line_end()), 1..16).prop_map(|lines| {
        lines
            .into_iter()
            .flat_map(|(line, end)| [line, end.to_owned()])
            .collect()
    })
}

/// As Markdown or HTML: the same text with some markup around it.
fn article_file() -> impl Strategy<Value = (String, String)> {
    (article_text(), 0..3u8).prop_map(|(text, kind)| match kind {
        0 => ("a.txt".to_owned(), text),
        1 => (
            "a.md".to_owned(),
            format!(
                "---\ntitle: {}\ndate: 2025-04-26\n---\n\n# {}",
                text.lines().next().unwrap_or(""),
                text
            ),
        ),
        _ => (
            "a.html".to_owned(),
            format!(
                "<html><head><title>{}</title></head><body><p>{}</p></body></html>",
                text.lines().next().unwrap_or(""),
                text.replace("\n\n", "</p><p>")
            ),
        ),
    })
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start() <= span.end() && span.end() <= text.len(),
        "{what}: {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
        "{what}: {span:?} not on char boundaries of {text:?}"
    );
}

fn assert_article_offsets(article: &Article) {
    let text = &article.text;
    for (i, p) in article.paragraphs.iter().enumerate() {
        assert_span(text, p.span, &format!("{} paragraph {i}", article.file));
    }
    for (i, s) in article.sentences.iter().enumerate() {
        assert_span(text, s.span, &format!("{} sentence {i}", article.file));
        let paragraph = article.paragraphs[s.paragraph()].span;
        assert!(
            paragraph.contains(s.span),
            "sentence {i} outside its paragraph"
        );
    }
    for m in find_dates(article) {
        assert_span(text, m.span, &format!("{} date", article.file));
        assert!(article.sentences[m.sentence].span.contains(m.span));
    }
}

/// Nothing unsafe to print anywhere, and one line only except in sentences quoted as evidence.
fn assert_safe_strings(value: &Value, path: &str) {
    match value {
        Value::String(s) => {
            let multi_line = path.ends_with(".text");
            assert!(
                !s.chars()
                    .any(|c| is_unsafe(c) || (c == '\n' && !multi_line)),
                "{path}: {s:?}"
            );
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_safe_strings(item, &format!("{path}[{i}]"));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                assert_safe_strings(item, &format!("{path}.{key}"));
            }
        }
        _ => {}
    }
}

/// Build the model of `files`, check every offset, export it, and check the JSON.
fn check_pipeline(files: &[(String, String)]) {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts(files.iter().map(|(n, t)| (n.as_str(), t.as_str())), lexicon);
    for article in &corpus.articles {
        assert_article_offsets(article);
    }
    let model = Model::build(corpus, lexicon, &catalogue::bundled());
    for entry in &model.people {
        for m in &entry.person.mentions {
            let article = &model.articles[m.article];
            assert_span(
                &article.text,
                m.span,
                &format!("mention of {}", entry.person.name),
            );
            assert!(m.span.start() < m.span.end(), "empty mention");
        }
    }
    for event in &model.events {
        for ev in &event.evidence {
            let article = &model.articles[ev.article];
            assert!(ev.sentence < article.sentences.len());
            if let Some(span) = ev.date_span {
                assert_span(&article.text, span, &format!("date of event {}", event.id));
            }
        }
    }
    let export = Export::new(&model);
    assert_dates_point_at_their_text(&model, files, &export);
    for pretty in [false, true] {
        let json: Value = serde_json::from_str(&export.to_json(pretty)).expect("export parses");
        assert_safe_strings(&json, "export");
        let bytes: std::collections::HashMap<&str, u64> = json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].as_str().unwrap(), a["bytes"].as_u64().unwrap()))
            .collect();
        for person in json["people"].as_array().unwrap() {
            for span in person["mention_spans"].as_array().unwrap() {
                let len = bytes[span["article"].as_str().unwrap()];
                assert!(span["start"].as_u64() <= span["end"].as_u64());
                assert!(span["end"].as_u64().unwrap() <= len);
            }
        }
    }
}

/// Whitespace and what sanitising drops aside, an exported expression is what its offsets
/// slice out of its file: a join of wrapped lines stands for a line end, a tab for a space.
fn assert_dates_point_at_their_text(model: &Model, files: &[(String, String)], export: &Export) {
    let words = |text: &str| {
        sanitize(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for date in &export.dates {
        let article = model
            .articles
            .iter()
            .find(|a| a.id == date.article)
            .expect("the date's article is in the model");
        let file = match date.offsets {
            OffsetBasis::File => files
                .iter()
                .find(|(name, _)| *name == article.file)
                .map(|(_, text)| text.clone())
                .expect("the article's file"),
            OffsetBasis::ExtractedText => article.raw_text().expect("its text reads again"),
        };
        let slice = file.get(date.start..date.end);
        // Inline markup ("last w</p>eek", "F&#27;riday") stands inside an expression in the
        // file of a Markdown or HTML article: there the expression starts and ends where its
        // text does.
        let markdown = !article.file.ends_with(".txt") && date.offsets == OffsetBasis::File;
        let same = |s: &str| {
            if markdown {
                let (text, s) = (date.text.trim(), s.trim());
                text.chars().next() == s.chars().next() && text.chars().last() == s.chars().last()
            } else {
                words(s) == words(date.text)
            }
        };
        assert!(
            slice.is_some_and(same),
            "{:?} at {}..{} is {slice:?} in {file:?}",
            date.text,
            date.start,
            date.end
        );
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn cleaning_is_idempotent(text in article_text()) {
        let lexicon = Lexicon::builtin();
        let x = sanitize(&text);
        let once = clean(&x, lexicon);
        let twice = clean(&once.text, lexicon);
        prop_assert_eq!(&twice.text, &once.text);
        for block in &once.blocks {
            assert_span(&once.text, block.span, "block");
        }
    }

    #[test]
    fn sanitising_leaves_nothing_unsafe_and_is_idempotent(text in article_text()) {
        let once = sanitize(&text);
        prop_assert!(!once.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", once);
        prop_assert_eq!(sanitize(&once), once.clone());
        let markup = strip_escapes(&text);
        prop_assert!(!markup.chars().any(|c| !matches!(c, '\n' | '\r' | '\t') && is_unsafe(c)));
    }

    #[test]
    fn the_pipeline_never_panics_and_keeps_offsets_in_bounds(file in article_file()) {
        check_pipeline(&[file]);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn several_articles_together(files in prop::collection::vec(article_file(), 2..4)) {
        let files: Vec<(String, String)> = files
            .into_iter()
            .enumerate()
            .map(|(i, (name, text))| (format!("{i}-{name}"), text))
            .collect();
        check_pipeline(&files);
    }

    #[test]
    fn catalogue_parsing_never_panics(
        text in prop::collection::vec(
            prop_oneof![
                select(&[
                    "[[event]]\n", "id = \"x\"\n", "date = \"2025-04-26\"\n", "title = \"T\"\n",
                    "place = \"Kyiv\"\n", "cues = [\"a b\"]\n", "participants = [\"Anna Berg\"]\n",
                    "date = \"2025-02-30\"\n", "when = 1\n", "id = \"\"\n", "title = \"\\u001b[2J\"\n",
                    "[[event]\n", "\"", "=", "\n", "#", "[", "]", "{", "}",
                ][..]).prop_map(str::to_owned),
                noise(),
            ],
            0..24,
        ).prop_map(|parts| parts.concat())
    ) {
        match catalogue::parse(&text, std::path::Path::new("p.toml")) {
            Ok(events) => for e in events {
                prop_assert!(!e.id.is_empty() && !e.title.is_empty());
            },
            Err(err) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("p.toml:"), "{}", message);
                prop_assert!(!message.chars().any(|c| is_unsafe(c) || c == '\n'), "{:?}", message);
            }
        }
    }
}
