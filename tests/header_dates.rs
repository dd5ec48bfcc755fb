//! The dates a page prints around its article (date line, dateline, byline and update line,
//! copyright footer) are expressions of the export, at byte offsets of the file as stored, even
//! though cleaning takes their lines out of the text.

use dossier::corpus::{Corpus, OffsetBasis, clean, sanitize::sanitize};
use dossier::export::{DateOut, Export};
use dossier::lexicon::Lexicon;
use dossier::model::Model;

fn model_of(name: &str, text: &str) -> Model {
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::from_texts([(name, text)], lexicon);
    Model::build(corpus, lexicon, &[])
}

/// (text, value, header) of every exported expression, after checking that its offsets slice
/// `file` to its text (whitespace aside: a wrapped line is joined with a space).
fn dates_in(file: &str, dates: &[DateOut]) -> Vec<(String, String, bool)> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    dates
        .iter()
        .map(|d| {
            let slice = file.get(d.start..d.end);
            assert_eq!(
                slice.map(words),
                Some(words(d.text)),
                "{:?} at {}..{}",
                d.text,
                d.start,
                d.end
            );
            let value = d.value.clone().unwrap_or_else(|| "null".to_owned());
            (d.text.to_owned(), value, d.header)
        })
        .collect()
}

fn has(dates: &[(String, String, bool)], text: &str, value: &str, header: bool) -> bool {
    dates
        .iter()
        .any(|(t, v, h)| t == text && v == value && *h == header)
}

const MILL: &str = "Tidal mill turns again after a winter of repairs\n\n\
    By Ines Walcott, Heritage Desk · 21 January 2026\n\
    Updated January 22, 2026, 9:40 AM\n\n\
    The restored mill at Brenham Quay ground its first flour on Tuesday, volunteers said.\n\
    It had stood idle since the flood of March 2023.\n\n\
    © 2019–2026 Quayside Gazette. All rights reserved.\n";

#[test]
fn byline_update_line_and_copyright_are_expressions_at_file_offsets() {
    let model = model_of("mill.txt", MILL);
    let export = Export::new(&model);
    assert!(export.dates.iter().all(|d| d.offsets == OffsetBasis::File));
    let dates = dates_in(MILL, &export.dates);
    assert!(
        has(&dates, "21 January 2026", "2026-01-21", true),
        "{dates:?}"
    );
    assert!(
        has(&dates, "January 22, 2026", "2026-01-22", true),
        "{dates:?}"
    );
    assert!(has(&dates, "2026", "2026", true), "{dates:?}");
    // The body's expressions are still there, now at offsets of the file.
    assert!(has(&dates, "Tuesday", "2026-01-20", false), "{dates:?}");
    assert!(has(&dates, "March 2023", "2023-03", false), "{dates:?}");
    // Each expression once, in the order it stands in the file.
    let starts: Vec<usize> = export.dates.iter().map(|d| d.start).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
}

#[test]
fn header_expressions_change_neither_the_articles_date_nor_the_timeline() {
    let model = model_of("mill.txt", MILL);
    // The update line outranks the byline, as before.
    let date = model.articles[0].date.map(|d| d.date.to_string());
    assert_eq!(date.as_deref(), Some("2026-01-22"));
    for event in &model.events {
        for ev in &event.evidence {
            let sentence = model.articles[ev.article].sentence_text(ev.sentence);
            assert!(
                !sentence.contains("rights reserved") && !sentence.contains("Walcott"),
                "{sentence}"
            );
        }
    }
    assert!(
        model
            .events
            .iter()
            .all(|e| !["2026-01-21", "2026-01-22", "2026"].contains(&e.date.to_string().as_str())),
        "{:?}",
        model.events.iter().map(|e| e.date).collect::<Vec<_>>()
    );
}

#[test]
fn offsets_count_a_byte_order_mark_crlf_line_ends_and_letters_beyond_ascii() {
    let file = "\u{feff}Ferry to Hjørungavåg sails again\r\n\r\n\
        Ålesund, 4 March 2026\r\n\r\n\
        The ferry to Hjørungavåg sailed on Monday for the first time since the storm, the café \
        owner on the quay said, and the timetable for the spring will be out on Friday,\r\n\
        March 20, 2026, after a vote.\r\n\
        Crossings had been cancelled since 1 March.\r\n";
    let model = model_of("ferry.txt", file);
    let dates = dates_in(file, &Export::new(&model).dates);
    assert!(has(&dates, "4 March 2026", "2026-03-04", true), "{dates:?}");
    assert!(has(&dates, "Monday", "2026-03-02", false), "{dates:?}");
    // Across the join of a wrapped line with the one before it.
    assert!(
        has(&dates, "Friday, March 20, 2026", "2026-03-20", false),
        "{dates:?}"
    );
    assert!(has(&dates, "1 March", "2026-03-01", false), "{dates:?}");
}

#[test]
fn an_html_page_locates_its_expressions_in_the_file() {
    let page = "<html><body><nav>Home &middot; Tuesday deals</nav><article>\
        <h1>Night market opens on the pier</h1>\
        <p>Harwick, 6 May 2026</p>\
        <p>Stallholders &amp; buskers opened the first night market of the year on\r\n\
        Tuesday, the council said.</p>\
        <footer>&copy; 2026 Pier Courier</footer></article></body></html>";
    let model = model_of("market.html", page);
    let export = Export::new(&model);
    assert!(export.dates.iter().all(|d| d.offsets == OffsetBasis::File));
    let dates = dates_in(page, &export.dates);
    assert!(has(&dates, "6 May 2026", "2026-05-06", true), "{dates:?}");
    assert!(has(&dates, "Tuesday", "2026-05-05", false), "{dates:?}");
}

#[test]
fn an_html_page_whose_text_is_not_found_again_counts_in_its_extracted_text() {
    // "&copy" without its ';' is read as "©" by the parser, but is no reference to align.
    let page = "<html><body><article><h1>Night market opens on the pier</h1>\
        <p>Harwick, 6 May 2026</p>\
        <p>Stallholders opened the first night market of the year on Tuesday, the council \
        said.</p><p>&copy 2026 Pier Courier</p></article></body></html>";
    let model = model_of("market.html", page);
    let export = Export::new(&model);
    let raw = model.articles[0].raw_text().expect("the page reads again");
    assert!(
        export
            .dates
            .iter()
            .all(|d| d.offsets == OffsetBasis::ExtractedText)
    );
    let dates = dates_in(&raw, &export.dates);
    assert!(has(&dates, "6 May 2026", "2026-05-06", true), "{dates:?}");
    assert!(has(&dates, "Tuesday", "2026-05-05", false), "{dates:?}");
}

#[test]
fn cleaning_a_page_with_header_dates_twice_is_cleaning_it_once() {
    let lexicon = Lexicon::builtin();
    let once = clean(&sanitize(MILL), lexicon);
    assert_eq!(clean(&once.text, lexicon).text, once.text);
    // What the second reading finds of the header is already gone from the text.
    assert!(clean(&once.text, lexicon).header_dates.is_empty());
    assert_eq!(once.header_dates.len(), 3, "{:?}", once.header_dates);
}

#[test]
fn a_markdown_file_locates_its_expressions_in_the_file_itself() {
    let file = "---\ntitle: Lighthouse keepers return\n---\n\n\
        # Lighthouse keepers return\n\n\
        By Oskar Lind · 9 April 2026\n\n\
        The *last* keepers left the **Skarvholm** light on Sunday, and a new crew moves in \
        next week, the [board](https://example.org) said.\n";
    let model = model_of("light.md", file);
    let export = Export::new(&model);
    assert!(export.dates.iter().all(|d| d.offsets == OffsetBasis::File));
    let dates = dates_in(file, &export.dates);
    assert!(has(&dates, "9 April 2026", "2026-04-09", true), "{dates:?}");
    assert!(has(&dates, "Sunday", "2026-04-05", false), "{dates:?}");
    assert!(has(&dates, "next week", "2026-W16", false), "{dates:?}");
}
