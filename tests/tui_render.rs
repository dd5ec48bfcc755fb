//! What the browser draws, as insta snapshots of a TestBackend fed with keys, at 80x24 and
//! 160x48: each pane focused, the help screen, and the small, monochrome and ASCII cases.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::model::Model;
use dossier::tui::app::{App, Options};
use dossier::tui::{handle, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const COLOR: Options = Options {
    color: true,
    ascii: false,
    mouse: true,
};

/// Draw the browser after typing `keys` (each character a key press; `~` is Esc, `^` Enter).
fn screen(width: u16, height: u16, options: Options, keys: &str) -> (Terminal<TestBackend>, App) {
    let mut app = App::new(Model::bundled(), options, Rect::new(0, 0, width, height));
    for c in keys.chars() {
        let code = match c {
            '~' => KeyCode::Esc,
            '^' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        handle(
            &mut app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view::draw(frame, &app))
        .expect("draw");
    (terminal, app)
}

fn snapshot(name: &str, width: u16, height: u16, keys: &str) {
    let (terminal, _) = screen(width, height, COLOR, keys);
    insta::assert_snapshot!(name, terminal.backend());
}

#[test]
fn timeline_80x24() {
    snapshot("timeline_80x24", 80, 24, "1");
}

#[test]
fn timeline_160x48() {
    snapshot("timeline_160x48", 160, 48, "1g");
}

#[test]
fn people_80x24() {
    snapshot("people_80x24", 80, 24, "2");
}

#[test]
fn people_filtered_160x48() {
    snapshot("people_filtered_160x48", 160, 48, "2/putin");
}

#[test]
fn articles_80x24() {
    snapshot("articles_80x24", 80, 24, "3");
}

#[test]
fn articles_160x48() {
    snapshot("articles_160x48", 160, 48, "3j");
}

#[test]
fn reader_80x24() {
    snapshot("reader_80x24", 80, 24, "4");
}

#[test]
fn reader_with_person_160x48() {
    snapshot("reader_with_person_160x48", 160, 48, "2/zelenskyy^^4n");
}

#[test]
fn help_80x24() {
    snapshot("help_80x24", 80, 24, "?");
}

#[test]
fn help_160x48() {
    snapshot("help_160x48", 160, 48, "?");
}

#[test]
fn too_small_59x15() {
    snapshot("too_small_59x15", 59, 15, "");
}

#[test]
fn monochrome_ascii_80x24() {
    let options = Options {
        color: false,
        ascii: true,
        mouse: false,
    };
    let (terminal, _) = screen(80, 24, options, "2j");
    let buffer = terminal.backend().buffer();
    // Article text may hold any character; the browser's own borders and symbols are ASCII.
    let drawn_by_us = [
        '◆', '•', '▌', '┊', '─', '⚠', '▸', '…', '▏', '╭', '╮', '╰', '╯', '│',
    ];
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| drawn_by_us.contains(&c)),
            "{:?} with --ascii",
            cell.symbol()
        );
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "a colour with --no-color"
        );
        assert_eq!(
            cell.bg,
            ratatui::style::Color::Reset,
            "a colour with --no-color"
        );
    }
    let reversed = buffer
        .content()
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED));
    assert!(reversed, "the selection shows in reverse video");
    insta::assert_snapshot!("monochrome_ascii_80x24", terminal.backend());
}

#[test]
fn the_help_screen_lists_every_binding_of_the_keymap() {
    let theme = dossier::tui::theme::Theme {
        color: true,
        ascii: false,
    };
    let text: String = view::help_lines(&theme)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    for binding in dossier::tui::keymap::keymap() {
        assert!(
            text.contains(&binding.help),
            "help lacks {:?}",
            binding.help
        );
    }
}

#[test]
fn status_line_shows_focus_narrowing_hints_and_warnings() {
    let (terminal, _) = screen(160, 48, COLOR, "2/putin");
    let buffer = terminal.backend().buffer();
    let last: String = (0..160)
        .map(|x| buffer[(x, 47)].symbol().to_owned())
        .collect();
    assert!(last.contains("People"), "{last}");
    assert!(last.contains("person: Vladimir Putin"), "{last}");
    assert!(last.contains("3 of 5 articles"), "{last}");
    assert!(last.contains("keep"), "{last}");
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = dossier::tui::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is stale; it should read:\n{table}"
    );
}

#[test]
fn loading_screen_80x24() {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let screen = view::LoadingScreen {
        what: "/home/me/clippings",
        stage: dossier::progress::Stage::Cleaning,
        done: 3412,
        total: 10000,
        elapsed: std::time::Duration::from_millis(1300),
    };
    let theme = dossier::tui::theme::Theme {
        color: true,
        ascii: false,
    };
    terminal
        .draw(|frame| view::loading(frame, &screen, &theme))
        .expect("draw");
    insta::assert_snapshot!("loading_80x24", terminal.backend());
}

/// Star the article in the reader and the person under the People cursor, and write a note on
/// the article: what the lists and the reader's header then show.
fn marked(width: u16, height: u16, options: Options, open_editor: bool) -> Terminal<TestBackend> {
    let (_, mut app) = screen(width, height, options, "2s3s4a");
    for c in "check the second source\nand the date".chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        handle(
            &mut app,
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
    }
    if !open_editor {
        handle(
            &mut app,
            Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        );
        // The Articles list beside the reader, where the marks show.
        handle(
            &mut app,
            Event::Key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE)),
        );
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view::draw(frame, &app))
        .expect("draw");
    terminal
}

#[test]
fn marks_and_a_note_80x24() {
    let terminal = marked(80, 24, COLOR, false);
    insta::assert_snapshot!("marks_and_a_note_80x24", terminal.backend());
}

#[test]
fn marks_and_a_note_160x48() {
    let terminal = marked(160, 48, COLOR, false);
    insta::assert_snapshot!("marks_and_a_note_160x48", terminal.backend());
}

#[test]
fn note_editor_80x24() {
    let terminal = marked(80, 24, COLOR, true);
    insta::assert_snapshot!("note_editor_80x24", terminal.backend());
}

#[test]
fn marks_with_ascii_are_ascii() {
    let options = Options {
        color: false,
        ascii: true,
        mouse: false,
    };
    for open_editor in [false, true] {
        let terminal = marked(80, 24, options, open_editor);
        let buffer = terminal.backend().buffer();
        let drawn_by_us = ['●', '★', '✎', '◆', '•', '…', '╭', '│'];
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(|c| drawn_by_us.contains(&c)),
                "{:?} with --ascii",
                cell.symbol()
            );
        }
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        if open_editor {
            assert!(text.contains("Ctrl-s keep"), "{text}");
        } else {
            assert!(text.contains("! starred"), "{text}");
            assert!(text.contains("Note: check the second source"), "{text}");
        }
    }
}
