//! The browser driven by key and mouse events, with assertions on its state: no terminal.

use std::collections::HashSet;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use dossier::model::{Model, Sources};
use dossier::tui::action::Pane;
use dossier::tui::app::{App, Mode, Options, Selection};
use dossier::tui::{handle, translate, update::update};
use ratatui::layout::Rect;

fn app(width: u16, height: u16) -> App {
    let options = Options {
        color: true,
        ascii: false,
        mouse: true,
    };
    App::new(Model::bundled(), options, Rect::new(0, 0, width, height))
}

fn send(app: &mut App, event: Event) {
    handle(app, event);
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Type keys: each character is a key press; `<Enter>`, `<Esc>`, `<Tab>` name special keys.
fn keys(app: &mut App, input: &str) {
    let mut rest = input;
    while !rest.is_empty() {
        let special = [
            ("<Enter>", KeyCode::Enter),
            ("<Esc>", KeyCode::Esc),
            ("<Tab>", KeyCode::Tab),
            ("<BackTab>", KeyCode::BackTab),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        match special {
            Some((name, code)) => {
                key(app, code);
                rest = &rest[name.len()..];
            }
            None => {
                let c = rest.chars().next().unwrap();
                key(app, KeyCode::Char(c));
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

fn person_named(app: &App, name: &str) -> usize {
    app.model
        .people
        .iter()
        .position(|p| p.person.name == name)
        .unwrap()
}

fn set(items: &[usize]) -> HashSet<usize> {
    items.iter().copied().collect()
}

#[test]
fn filtering_people_narrows_articles_to_that_person() {
    let mut app = app(80, 24);
    keys(&mut app, "2/putin");
    assert_eq!(app.mode, Mode::Filter);
    let putin = person_named(&app, "Vladimir Putin");
    assert_eq!(app.lists[1].items, vec![putin]);
    assert_eq!(
        set(&app.lists[2].items),
        set(&app.model.people[putin].articles)
    );
    assert_eq!(
        set(&app.lists[0].items),
        set(&app.model.person_events[putin])
    );
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.lists[1].filter, "putin", "Enter keeps the filter");
}

#[test]
fn escape_clears_a_filter_being_typed() {
    let mut app = app(80, 24);
    keys(&mut app, "2/zzz");
    assert!(app.lists[1].items.is_empty());
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.lists[1].items.len(), app.model.people.len());
}

#[test]
fn transliterations_find_the_person() {
    let mut app = app(80, 24);
    keys(&mut app, "2/selensky");
    let names: Vec<&str> = app.lists[1]
        .items
        .iter()
        .map(|&p| app.model.people[p].person.name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"Volodymyr Zelenskyy"), "{names:?}");
}

#[test]
fn extended_filter_syntax_in_lists() {
    let mut app = app(160, 48);
    keys(&mut app, "2/^vlad");
    assert_eq!(app.lists[1].items.len(), 1);
    keys(&mut app, "<Esc>/president !trump");
    let names: Vec<&str> = app.lists[1]
        .items
        .iter()
        .map(|&p| app.model.people[p].person.name.as_str())
        .collect();
    assert!(
        names.contains(&"Vladimir Putin") && !names.contains(&"Donald Trump"),
        "{names:?}"
    );
}

#[test]
fn moving_onto_an_event_narrows_articles_and_people_and_marks_evidence() {
    let mut app = app(160, 48);
    let rome = app
        .model
        .events
        .iter()
        .position(|e| e.id == "rome-meeting")
        .unwrap();
    keys(&mut app, "1t2025-04-26<Enter>");
    assert_eq!(app.lists[0].current(), Some(rome));
    assert_eq!(
        set(&app.lists[2].items),
        set(&app.model.events[rome].articles)
    );
    assert_eq!(
        set(&app.lists[1].items),
        set(&app.model.events[rome].people)
    );
    let article = app.reader.article.unwrap();
    assert!(app.model.events[rome].articles.contains(&article));
    assert!(
        !app.reader.doc.evidence_lines.is_empty(),
        "the reader marks the evidence sentences"
    );
}

#[test]
fn pinning_keeps_the_narrowing_while_moving_elsewhere() {
    let mut app = app(160, 48);
    let putin = person_named(&app, "Vladimir Putin");
    keys(&mut app, "2/putin<Enter><Enter>");
    assert_eq!(app.pins, vec![Selection::Person(putin)]);
    keys(&mut app, "1");
    assert_eq!(
        set(&app.lists[0].items),
        set(&app.model.person_events[putin]),
        "the timeline shows his events"
    );
    let hovered = app.lists[0].current().unwrap();
    keys(&mut app, "3");
    let expected: HashSet<usize> = set(&app.model.people[putin].articles)
        .intersection(&set(&app.model.events[hovered].articles))
        .copied()
        .collect();
    assert_eq!(
        set(&app.lists[2].items),
        expected,
        "his articles that report the event under the timeline's cursor"
    );
    // Putin, then one of his events, then one article: a few keys.
    keys(&mut app, "1j<Enter>3");
    assert_eq!(app.pins.len(), 2);
    let event = match app.pins[1] {
        Selection::Event(e) => e,
        Selection::Person(_) => panic!("second pin is an event"),
    };
    let expected: HashSet<usize> = set(&app.model.people[putin].articles)
        .intersection(&set(&app.model.events[event].articles))
        .copied()
        .collect();
    assert_eq!(set(&app.lists[2].items), expected);
    keys(&mut app, "<Esc>");
    assert_eq!(app.pins.len(), 1, "Esc undoes the last narrowing");
    keys(&mut app, "<Esc>");
    assert!(app.pins.is_empty());
    assert!(
        app.lists[2].items.len() < app.model.articles.len(),
        "the timeline's cursor still narrows"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(
        app.lists[2].items.len(),
        app.model.articles.len(),
        "Esc away from the timeline stops that too"
    );
}

#[test]
fn moving_onto_an_article_shows_it_and_marks_what_it_contains() {
    let mut app = app(160, 48);
    keys(&mut app, "3j");
    let article = app.lists[2].current().unwrap();
    assert_eq!(app.reader.article, Some(article));
    let (people, events) = app.contained();
    assert_eq!(people, set(&app.model.article_people[article]));
    assert_eq!(events, set(&app.model.article_events[article]));
    keys(&mut app, "<Enter>");
    assert_eq!(app.focus, Pane::Reader, "Enter on an article reads it");
}

#[test]
fn timeline_keys_move_by_event_month_and_year() {
    let mut app = app(160, 48);
    let date = |app: &App| {
        app.model.events[app.lists[0].current().unwrap()]
            .date
            .to_string()
    };
    keys(&mut app, "1g");
    assert_eq!(app.lists[0].cursor, 0);
    keys(&mut app, "}");
    assert!(date(&app).starts_with("2022"), "{}", date(&app));
    keys(&mut app, "}");
    assert!(date(&app).starts_with("2025"), "{}", date(&app));
    keys(&mut app, "]");
    assert!(date(&app).starts_with("2025-04"), "{}", date(&app));
    keys(&mut app, "[");
    assert!(date(&app).starts_with("2025-02"), "{}", date(&app));
    keys(&mut app, "G");
    assert_eq!(app.lists[0].cursor, app.lists[0].items.len() - 1);
    keys(&mut app, "{");
    assert!(
        date(&app).starts_with("2025"),
        "back to the start of the year: {}",
        date(&app)
    );
    keys(&mut app, "t2025-08<Enter>");
    assert!(date(&app).starts_with("2025-08"), "{}", date(&app));
    keys(&mut app, "t2014<Enter>");
    assert_eq!(date(&app), "2014");
    keys(&mut app, "tnonsense<Enter>");
    assert_eq!(
        date(&app),
        "2014",
        "letters cannot be typed in the date prompt"
    );
}

#[test]
fn reader_scrolls_jumps_to_mentions_and_shows_raw_text() {
    let mut app = app(80, 24);
    keys(&mut app, "2");
    let zelenskyy = person_named(&app, "Volodymyr Zelenskyy");
    while app.lists[1].current() != Some(zelenskyy) {
        keys(&mut app, "j");
    }
    keys(&mut app, "4");
    assert_eq!(app.focus, Pane::Reader);
    let mentions = app.reader.doc.mention_lines.clone();
    assert!(mentions.len() >= 2, "{mentions:?}");
    keys(&mut app, "gn");
    let first = app.reader.scroll;
    keys(&mut app, "n");
    assert!(app.reader.scroll > first, "n moves to the next mention");
    keys(&mut app, "N");
    assert_eq!(app.reader.scroll, first, "N moves back");
    keys(&mut app, "G");
    let bottom = app.reader.scroll;
    keys(&mut app, "k");
    assert_eq!(app.reader.scroll, bottom - 1);
    keys(&mut app, " ");
    assert_eq!(
        app.reader.scroll, bottom,
        "space pages down, to the end at most"
    );
    let cleaned_lines = app.reader.doc.lines.len();
    keys(&mut app, "r");
    assert!(app.reader.raw);
    assert_ne!(app.reader.doc.lines.len(), cleaned_lines);
    let article = &app.model.articles[app.reader.article.expect("an article is open")];
    let raw = article
        .raw_text()
        .expect("bundled articles can always be read again");
    let first_line = raw.lines().find(|l| !l.trim().is_empty()).expect("text");
    assert!(
        reader_text(&app).contains(first_line.split_whitespace().next().expect("a word")),
        "the raw view shows the file's text"
    );
    keys(&mut app, "r");
    assert!(!app.reader.raw);
}

/// Everything the reader's document holds, as one string.
fn reader_text(app: &App) -> String {
    app.reader
        .doc
        .lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|(text, _)| text.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_raw_view_reads_the_file_again_and_notices_when_it_changed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let story = "Officials met in the capital on Monday to discuss the harbour.\n\n\
                 Advertisement\n\nThe talks will resume next week, a spokesman said.\n";
    let path = dir.path().join("story.txt");
    std::fs::write(&path, story).expect("write the article");
    let sources = Sources {
        corpus: Some(dir.path().to_owned()),
        events: None,
        lexicon: None,
        ..Default::default()
    };
    let model = Model::load(&sources).expect("the corpus loads");
    let options = Options {
        color: true,
        ascii: false,
        mouse: true,
    };
    let mut app = App::new(model, options, Rect::new(0, 0, 100, 30));
    keys(&mut app, "4r");
    assert!(app.reader.raw);
    assert!(
        reader_text(&app).contains("Advertisement"),
        "the raw view shows what cleaning dropped: {}",
        reader_text(&app)
    );

    // Once the file changes, its text no longer matches the article: say so, show nothing.
    keys(&mut app, "r");
    std::fs::write(&path, story.replace("Monday", "Friday")).expect("rewrite the article");
    keys(&mut app, "r");
    let shown = reader_text(&app);
    assert!(shown.contains("changed since it was loaded"), "{shown}");
    assert!(!shown.contains("Friday"), "{shown}");

    std::fs::remove_file(&path).expect("remove the article");
    keys(&mut app, "rr");
    let shown = reader_text(&app);
    assert!(shown.contains("cannot read story.txt again"), "{shown}");
}

#[test]
fn tab_and_numbers_move_the_focus() {
    let mut app = app(80, 24);
    assert_eq!(app.focus, Pane::Timeline);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::People);
    keys(&mut app, "<Tab><Tab><Tab>");
    assert_eq!(app.focus, Pane::Timeline);
    keys(&mut app, "<BackTab>");
    assert_eq!(app.focus, Pane::Reader);
    keys(&mut app, "3");
    assert_eq!(
        (app.focus, app.current_list),
        (Pane::Articles, Pane::Articles)
    );
    keys(&mut app, "4");
    assert_eq!(
        (app.focus, app.current_list),
        (Pane::Reader, Pane::Articles),
        "the reader keeps the list beside it"
    );
}

#[test]
fn help_and_warnings_open_and_close_and_q_quits() {
    let mut app = app(80, 24);
    keys(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help { .. }));
    keys(&mut app, "q");
    assert_eq!(
        app.mode,
        Mode::Normal,
        "q closes the help, it does not quit"
    );
    assert!(!app.quit);
    keys(&mut app, "w");
    assert!(matches!(app.mode, Mode::Warnings { .. }));
    keys(&mut app, "<Esc>q");
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut app = app(80, 24);
    keys(&mut app, "2/pu");
    send(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(app.quit);
}

#[test]
fn ctrl_l_asks_for_a_full_redraw_even_while_typing_and_keeps_the_input() {
    let mut app = app(80, 24);
    keys(&mut app, "2/pu");
    send(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
    );
    assert!(app.redraw);
    assert_eq!(app.lists[1].filter, "pu");
    assert!(!app.quit);
}

#[test]
fn resizing_changes_the_layout_and_too_small_is_handled() {
    let mut app = app(160, 48);
    assert!(app.areas().is_some());
    send(&mut app, Event::Resize(50, 12));
    assert!(app.areas().is_none());
    keys(&mut app, "jjj<Tab>/x<Esc>");
    send(&mut app, Event::Resize(80, 24));
    assert!(app.areas().is_some());
}

#[test]
fn mouse_clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut app = app(160, 48);
    let areas = app.areas().unwrap();
    let people = areas.lists[1].rect();
    send(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: people.x + 3,
            row: people.y + 3,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(app.focus, Pane::People);
    assert_eq!(app.lists[1].cursor, 2, "the third row of the list");
    let reader = areas.reader;
    send(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: reader.x + 5,
            row: reader.y + 5,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert!(app.reader.scroll > 0 || app.reader.doc.lines.len() <= usize::from(reader.height));
    assert_eq!(app.focus, Pane::People, "the wheel does not move the focus");
}

#[test]
fn the_mouse_can_be_turned_off() {
    let options = Options {
        color: true,
        ascii: false,
        mouse: false,
    };
    let mut app = App::new(Model::bundled(), options, Rect::new(0, 0, 160, 48));
    let people = app.areas().unwrap().lists[1].rect();
    send(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: people.x + 3,
            row: people.y + 3,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(app.focus, Pane::Timeline);
}

#[test]
fn idle_events_do_not_ask_for_a_redraw() {
    let mut app = app(80, 24);
    // A key bound to nothing, and a move that cannot move.
    assert!(
        translate(
            &app,
            Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE))
        )
        .is_none()
    );
    keys(&mut app, "g");
    let action = translate(
        &app,
        Event::Key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE)),
    )
    .unwrap();
    assert!(
        !update(&mut app, action),
        "nothing changed, nothing to draw"
    );
}
