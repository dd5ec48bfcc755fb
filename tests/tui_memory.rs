//! What the reader leaves behind, at the browser's level: the Changes it sends for read marks,
//! stars, notes, the `/` history and the session, and what a Memory it is given shows. The
//! library that keeps them between runs is tested with the store.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::annotations::{Annotations, Change, NotRecorded, Recorder, Scope, Target};
use dossier::model::{Model, Sources};
use dossier::tui::action::Pane;
use dossier::tui::app::{App, Mode, Options};
use dossier::tui::{Memory, handle, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A recorder that keeps what it is sent, and can be told to refuse it.
#[derive(Clone, Default)]
struct Log {
    changes: Arc<Mutex<Vec<Change>>>,
    refuse: Option<String>,
}

impl Recorder for Log {
    fn record(&mut self, scope: &Scope, change: &Change) -> Result<(), NotRecorded> {
        assert_eq!(*scope, Scope::Folder("/clippings".into()));
        if let Some(why) = &self.refuse {
            return Err(NotRecorded(why.clone()));
        }
        self.changes.lock().expect("log").push(change.clone());
        Ok(())
    }
}

impl Log {
    fn taken(&self) -> Vec<Change> {
        std::mem::take(&mut *self.changes.lock().expect("log"))
    }
}

const ARTICLES: &[(&str, &str)] = &[
    (
        "harbour.txt",
        "Harbour talks resume in Velmora\n\n\
         Velmora, 3 March 2031 - Minister Ada Quill met the port workers on Monday. \
         Ada Quill said the harbour would reopen in April.\n\n\
         The union leader Tomas Brenner welcomed the talks.\n",
    ),
    (
        "bridge.txt",
        "Bridge vote delayed again\n\n\
         Velmora, 5 March 2031 - The council postponed the bridge vote. \
         Tomas Brenner said the delay would cost the city dearly.\n",
    ),
    (
        "festival.txt",
        "Lantern festival draws record crowds\n\n\
         Velmora, 9 March 2031 - Thousands walked the river path on Sunday evening. \
         Organiser Lina Marsh thanked the volunteers.\n",
    ),
];

fn model() -> Model {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (file, text) in ARTICLES {
        let mut text = text.to_string();
        if *file == "harbour.txt" {
            // Long enough to scroll in the reader.
            for n in 1..=30 {
                text.push_str(&format!(
                    "\nThe workers listed repair {n} for the eastern quay, and asked for a date.\n"
                ));
            }
        }
        std::fs::write(dir.path().join(file), text).expect("write an article");
    }
    let sources = Sources {
        corpus: Some(dir.path().to_owned()),
        ..Default::default()
    };
    Model::load(&sources).expect("the corpus loads")
}

const OPTIONS: Options = Options {
    color: true,
    ascii: false,
    mouse: true,
};

fn app_with(annotations: Annotations, log: &Log, width: u16, height: u16) -> App {
    let memory = Memory {
        scope: Scope::Folder("/clippings".into()),
        annotations,
        recorder: Box::new(log.clone()),
    };
    App::with_memory(model(), OPTIONS, Rect::new(0, 0, width, height), memory)
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    handle(app, Event::Key(KeyEvent::new(code, modifiers)));
}

/// Type keys: each character a key press; `<Enter>`, `<Esc>`, `<Up>`, `<Down>`, `<C-s>` name
/// special keys.
fn keys(app: &mut App, input: &str) {
    let mut rest = input;
    while !rest.is_empty() {
        let special = [
            ("<Enter>", KeyCode::Enter, KeyModifiers::NONE),
            ("<Esc>", KeyCode::Esc, KeyModifiers::NONE),
            ("<Up>", KeyCode::Up, KeyModifiers::NONE),
            ("<Down>", KeyCode::Down, KeyModifiers::NONE),
            ("<Backspace>", KeyCode::Backspace, KeyModifiers::NONE),
            ("<C-s>", KeyCode::Char('s'), KeyModifiers::CONTROL),
            ("<C-p>", KeyCode::Char('p'), KeyModifiers::CONTROL),
        ]
        .into_iter()
        .find(|(name, _, _)| rest.starts_with(name));
        match special {
            Some((name, code, modifiers)) => {
                press(app, code, modifiers);
                rest = &rest[name.len()..];
            }
            None => {
                let c = rest.chars().next().expect("a character");
                press(app, KeyCode::Char(c), KeyModifiers::NONE);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

fn person(app: &App, name: &str) -> String {
    app.model
        .people
        .iter()
        .find(|p| p.person.name == name)
        .map(|p| p.id.clone())
        .unwrap_or_else(|| panic!("{name} is not among the people"))
}

fn article_in_reader(app: &App) -> String {
    let a = app.reader.article.expect("an article in the reader");
    app.model.articles[a].file.clone()
}

fn screen(app: &App) -> String {
    let area = app.size;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// The row of the lists (left of the reader) that shows `text`.
fn list_row(app: &App, shown: &str, text: &str) -> String {
    let width = app.areas().expect("the panes fit").reader.x;
    shown
        .lines()
        .map(|l| l.chars().take(usize::from(width)).collect::<String>())
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no row shows {text:?}:\n{shown}"))
}

fn reader_text(app: &App) -> String {
    app.reader
        .doc
        .lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|(text, _)| text.as_str()))
        .collect::<Vec<_>>()
        .join("")
}

fn later() -> Instant {
    Instant::now() + Duration::from_secs(5)
}

#[test]
fn an_article_in_the_reader_for_a_moment_is_read_and_u_marks_it_unread_again() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    // Resting on the timeline reads nothing: the reader is not what is being looked at.
    assert!(!app.tick(later()));
    assert_eq!(app.read_deadline(), None);
    keys(&mut app, "3");
    let file = article_in_reader(&app);
    assert!(app.read_deadline().is_some(), "the moment starts");
    assert!(app.tick(later()));
    assert_eq!(
        log.taken(),
        [Change::Read {
            article: file.clone(),
            read: true
        }]
    );
    assert_eq!(app.read_deadline(), None, "no wake-up for a read article");

    keys(&mut app, "u");
    assert_eq!(
        log.taken(),
        [Change::Read {
            article: file.clone(),
            read: false
        }]
    );
    // Marked unread, it stays unread while it is in the reader.
    keys(&mut app, "4");
    assert!(!app.tick(later()));
    assert!(!app.tick(later() + Duration::from_secs(5)));
    assert!(log.taken().is_empty());
    assert!(!app.memory.annotations.is_read(&file));
}

#[test]
fn scrolling_the_reader_reads_the_article_at_once() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "4j");
    let file = article_in_reader(&app);
    assert_eq!(
        log.taken(),
        [Change::Read {
            article: file,
            read: true
        }]
    );
}

#[test]
fn unread_articles_are_marked_and_counted() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "3<Esc>");
    let shown = screen(&app);
    assert!(shown.contains("Articles 3 of 3 · 3 unread"), "{shown}");
    assert_eq!(shown.matches('●').count(), 3, "{shown}");
    app.tick(later());
    let shown = screen(&app);
    assert!(shown.contains("Articles 3 of 3 · 2 unread"), "{shown}");
    assert_eq!(shown.matches('●').count(), 2, "{shown}");
}

#[test]
fn stars_go_on_people_events_and_articles_and_show_in_their_lists() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 160, 48);
    keys(&mut app, "2/brenner<Enter>s");
    let brenner = person(&app, "Tomas Brenner");
    assert_eq!(
        log.taken(),
        [
            Change::History {
                list: "people".into(),
                query: "brenner".into()
            },
            Change::Star {
                target: Target::person(&brenner),
                starred: true
            }
        ]
    );
    let shown = screen(&app);
    let row = list_row(&app, &shown, "Tomas Brenner");
    assert!(row.contains('★'), "{row}");

    keys(&mut app, "1s");
    let event = app.lists[0].current().expect("an event");
    let id = app.model.events[event].id.clone();
    assert_eq!(
        log.taken(),
        [Change::Star {
            target: Target::event(&id),
            starred: true
        }]
    );
    keys(&mut app, "s");
    assert_eq!(
        log.taken(),
        [Change::Star {
            target: Target::event(&id),
            starred: false
        }]
    );
    keys(&mut app, "4s");
    let file = article_in_reader(&app);
    let changes = log.taken();
    assert!(
        changes.contains(&Change::Star {
            target: Target::article(&file),
            starred: true
        }),
        "{changes:?}"
    );
    assert!(
        reader_text(&app).contains("★ starred"),
        "the reader header says so"
    );
}

#[test]
fn a_note_is_kept_exactly_as_typed_and_an_emptied_note_is_removed() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "2/quill<Enter>");
    log.taken();
    let quill = Target::person(person(&app, "Ada Quill"));
    keys(&mut app, "a");
    assert_eq!(app.mode, Mode::Note);
    // Keys that mean something in the panes are text in the editor.
    keys(&mut app, "  ask q about April  <Enter>\tsecond line<Enter>");
    keys(&mut app, "<C-s>");
    assert_eq!(app.mode, Mode::Normal);
    let typed = "  ask q about April  \n\tsecond line\n";
    assert_eq!(
        log.taken(),
        [Change::Note {
            target: quill.clone(),
            text: Some(typed.into())
        }]
    );
    assert_eq!(app.memory.annotations.note(&quill), Some(typed));
    assert!(screen(&app).contains('✎'), "the list marks the note");

    // Esc closes the editor and changes nothing.
    keys(&mut app, "aextra<Esc>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(log.taken().is_empty());
    assert_eq!(app.memory.annotations.note(&quill), Some(typed));

    // Opening it again shows the note; emptying it removes it.
    keys(&mut app, "a");
    assert_eq!(app.note_text().as_deref(), Some(typed));
    for _ in 0..typed.chars().count() {
        keys(&mut app, "<Backspace>");
    }
    keys(&mut app, "<C-s>");
    assert_eq!(
        log.taken(),
        [Change::Note {
            target: quill.clone(),
            text: None
        }]
    );
    assert_eq!(app.memory.annotations.note(&quill), None);
}

#[test]
fn a_paste_into_the_note_keeps_its_lines_and_drops_escape_sequences() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "4a");
    handle(
        &mut app,
        Event::Paste("one\r\ntwo\x1b[31m red\x07\nthree".into()),
    );
    keys(&mut app, "<C-s>");
    let notes: Vec<Change> = log
        .taken()
        .into_iter()
        .filter(|c| matches!(c, Change::Note { .. }))
        .collect();
    assert_eq!(
        notes,
        [Change::Note {
            target: Target::article(article_in_reader(&app)),
            text: Some("one\ntwo[31m red\nthree".into())
        }]
    );
}

#[test]
fn quitting_with_a_note_open_keeps_the_note() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "4adraft");
    press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
    let changes = log.taken();
    assert!(
        changes.iter().any(|c| matches!(
            c,
            Change::Note { text: Some(t), .. } if t == "draft"
        )),
        "{changes:?}"
    );
    assert!(
        matches!(changes.last(), Some(Change::Session(_))),
        "{changes:?}"
    );
}

#[test]
fn a_memory_shows_its_marks_and_sanitises_its_notes() {
    let log = Log::default();
    let mut annotations = Annotations::default();
    annotations.apply(&Change::Star {
        target: Target::article("bridge.txt"),
        starred: true,
    });
    annotations.apply(&Change::Note {
        target: Target::article("bridge.txt"),
        text: Some("call the council\x1b]0;owned\x07 back\u{202e}wards".into()),
    });
    annotations.apply(&Change::Read {
        article: "festival.txt".into(),
        read: true,
    });
    let mut app = app_with(annotations, &log, 100, 30);
    keys(&mut app, "3<Esc>");
    let position = app.lists[2]
        .items
        .iter()
        .position(|&a| app.model.articles[a].file == "bridge.txt")
        .expect("the article is listed");
    app.lists[2].cursor = position;
    app.refresh();
    let shown = screen(&app);
    assert!(shown.contains("3 of 3 · 2 unread"), "{shown}");
    let row = list_row(&app, &shown, "Bridge vote");
    assert!(row.contains('★') && row.contains('✎'), "{row}");
    let text = reader_text(&app);
    assert!(text.contains("Note: call the council"), "{text}");
    assert!(text.contains("back"), "{text}");
    assert!(!text.contains(['\x1b', '\x07', '\u{202e}']), "{text:?}");
    assert!(!shown.contains('\x1b'));
    // Nor does the editor show the escape.
    keys(&mut app, "a");
    let editing = screen(&app);
    assert!(editing.contains("call the council"), "{editing}");
    assert!(
        !editing.contains(['\x1b', '\x07', '\u{202e}']),
        "{editing:?}"
    );
    keys(&mut app, "<Esc>");
    assert!(log.taken().is_empty(), "showing changes nothing");
}

#[test]
fn the_filter_asks_about_marks_combined_with_text() {
    let log = Log::default();
    let mut annotations = Annotations::default();
    annotations.apply(&Change::Read {
        article: "bridge.txt".into(),
        read: true,
    });
    annotations.apply(&Change::Star {
        target: Target::article("festival.txt"),
        starred: true,
    });
    let mut app = app_with(annotations, &log, 100, 30);
    let files = |app: &App| -> Vec<String> {
        let mut files: Vec<String> = app.lists[2]
            .items
            .iter()
            .map(|&a| app.model.articles[a].file.clone())
            .collect();
        files.sort();
        files
    };
    keys(&mut app, "3<Esc>/is:unread<Enter>");
    assert_eq!(files(&app), ["festival.txt", "harbour.txt"]);
    keys(&mut app, "<Esc>/!is:unread<Enter>");
    assert_eq!(files(&app), ["bridge.txt"]);
    keys(&mut app, "<Esc>/is:starred lantern<Enter>");
    assert_eq!(files(&app), ["festival.txt"]);
    keys(&mut app, "<Esc>/is:starred bridge<Enter>");
    assert!(files(&app).is_empty());
    keys(&mut app, "<Esc>/has:note<Enter>");
    assert!(files(&app).is_empty());
}

#[test]
fn reading_an_article_in_an_unread_list_keeps_it_under_the_cursor() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "3<Esc>/is:unread<Enter>");
    let before = article_in_reader(&app);
    app.tick(later());
    assert!(app.memory.annotations.is_read(&before));
    assert_eq!(
        article_in_reader(&app),
        before,
        "the reader keeps its article"
    );
    // Once the filter is typed again, the list is what it asks for.
    keys(&mut app, "/<Enter>");
    let files: Vec<&str> = app.lists[2]
        .items
        .iter()
        .map(|&a| app.model.articles[a].file.as_str())
        .collect();
    assert!(!files.contains(&before.as_str()), "{files:?}");
    assert_eq!(files.len(), 2);
}

#[test]
fn a_change_that_is_not_saved_holds_for_the_session_and_says_why() {
    let log = Log {
        refuse: Some("the disk is full".into()),
        ..Log::default()
    };
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "4s");
    let file = article_in_reader(&app);
    assert!(app.memory.annotations.is_starred(&Target::article(&file)));
    let status = screen(&app).lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("not saved") && status.contains("the disk is full"),
        "{status}"
    );
}

#[test]
fn the_prompt_recalls_the_lists_own_history() {
    let log = Log::default();
    let mut annotations = Annotations::default();
    for query in ["quill", "brenner"] {
        annotations.apply(&Change::History {
            list: "people".into(),
            query: query.into(),
        });
    }
    annotations.apply(&Change::History {
        list: "articles".into(),
        query: "lantern".into(),
    });
    let mut app = app_with(annotations, &log, 100, 30);
    keys(&mut app, "2/ma<Up>");
    assert_eq!(app.lists[1].filter, "brenner");
    keys(&mut app, "<C-p>");
    assert_eq!(app.lists[1].filter, "quill");
    keys(&mut app, "<Up>");
    assert_eq!(app.lists[1].filter, "quill", "the oldest stays");
    keys(&mut app, "<Down><Down>");
    assert_eq!(app.lists[1].filter, "ma", "back to what was typed");
    keys(&mut app, "<Up><Enter>");
    assert_eq!(
        log.taken(),
        [Change::History {
            list: "people".into(),
            query: "brenner".into()
        }]
    );
    keys(&mut app, "3/<Up>");
    assert_eq!(app.lists[2].filter, "lantern", "each list its own");
    // A recalled query that is edited is a new one: Down keeps it.
    keys(&mut app, "s<Down>");
    assert_eq!(app.lists[2].filter, "lanterns");
}

#[test]
fn a_session_saved_on_quit_comes_back_by_ids() {
    let log = Log::default();
    let mut app = app_with(Annotations::default(), &log, 100, 30);
    keys(&mut app, "2/brenner<Enter>");
    keys(&mut app, "<Enter>1");
    let pinned = app.pins.clone();
    assert_eq!(pinned.len(), 1);
    keys(&mut app, "3j4jj");
    let article = article_in_reader(&app);
    let scroll = app.reader.scroll;
    assert!(scroll > 0, "the reader was scrolled");
    let timeline = app.lists[0].current();
    keys(&mut app, "q");
    let session = log
        .taken()
        .into_iter()
        .find_map(|c| match c {
            Change::Session(s) => Some(s),
            _ => None,
        })
        .expect("quitting saves the session");

    let annotations = Annotations {
        session: Some(session),
        ..Annotations::default()
    };
    let back = app_with(annotations, &log, 100, 30);
    assert_eq!(back.focus, Pane::Reader);
    assert_eq!(back.lists[1].filter, "brenner");
    assert_eq!(back.pins, pinned);
    assert_eq!(back.lists[0].current(), timeline);
    assert_eq!(article_in_reader(&back), article);
    assert_eq!(back.reader.scroll, scroll);
    assert!(log.taken().is_empty(), "coming back changes nothing");
}

#[test]
fn a_session_that_names_what_is_gone_or_cannot_be_read_is_ignored_quietly() {
    let log = Log::default();
    let fresh = app_with(Annotations::default(), &log, 100, 30);
    for text in [
        "not json at all",
        "{\"focus\": 7}",
        "{\"focus\": \"Nowhere\", \"pins\": [{\"kind\": \"person\", \"key\": \"nobody\"}], \
          \"lists\": [{\"name\": \"articles\", \"filter\": \"\\u001b[2J\", \"cursor\": \
          {\"kind\": \"article\", \"key\": \"gone.txt\"}}], \"reader\": {\"scroll\": 99999}}",
    ] {
        let annotations = Annotations {
            session: Some(text.into()),
            ..Annotations::default()
        };
        let app = app_with(annotations, &log, 100, 30);
        assert_eq!(app.focus, fresh.focus, "{text}");
        assert!(app.pins.is_empty(), "{text}");
        assert!(!app.lists[2].filter.contains('\x1b'), "{text}");
        assert_eq!(app.reader.article, fresh.reader.article, "{text}");
        assert_eq!(app.reader.scroll, 0, "{text}");
    }
}
