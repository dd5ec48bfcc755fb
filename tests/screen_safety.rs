//! What reaches the screen: every control and format character is removed from text (checked
//! against Python's own Unicode table, not the sanitiser's), prompts take typed and pasted text
//! as articles are sanitised and no faster than they can filter, file names show their
//! controls visibly, links out of the corpus are not followed unasked, and errors are words.

use std::collections::BTreeSet;
use std::path::Path;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::corpus::sanitize::{is_unsafe, sanitize, sanitize_line, visible_line};
use dossier::model::{Model, Sources};
use dossier::tui::app::{App, Mode, Options};
use dossier::tui::update::MAX_FILTER_CHARS;
use dossier::tui::{handle, handle_all};
use ratatui::layout::Rect;

// ---------------------------------------------------------------------------------------------
// The sanitiser against an independent table of general categories

/// Python's version of Unicode and its Cc and Cf code points, from `unicodedata`: a table
/// compiled separately from the crate the sanitiser uses. `None` when python3 is missing, which
/// fails the test under CI.
fn python_controls_and_formats() -> Option<(String, Vec<char>)> {
    let script = "import unicodedata\n\
                  print(unicodedata.unidata_version)\n\
                  print(' '.join('%x' % c for c in range(0x110000) \
                  if unicodedata.category(chr(c)) in ('Cc', 'Cf')))";
    let output = match std::process::Command::new("python3")
        .args(["-c", script])
        .output()
    {
        Ok(output) if output.status.success() => output,
        other => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "python3 is needed for the independent Unicode table under CI: {other:?}"
            );
            eprintln!("python3 not available: the independent table is not checked");
            return None;
        }
    };
    let stdout = String::from_utf8(output.stdout).expect("python prints ASCII");
    let mut lines = stdout.lines();
    let version = lines.next().expect("a version line").to_owned();
    let chars = lines
        .next()
        .expect("a line of code points")
        .split(' ')
        .map(|hex| {
            let code = u32::from_str_radix(hex, 16).expect("hex code point");
            char::from_u32(code).expect("Cc and Cf are never surrogates")
        })
        .collect();
    Some((version, chars))
}

/// What the sanitiser's own table says: used only to set aside the code points whose category
/// differs between the two Unicode versions (a character assigned in one and not the other).
fn crate_says_control_or_format(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    matches!(
        get_general_category(c),
        GeneralCategory::Control | GeneralCategory::Format
    )
}

#[test]
fn every_control_and_format_character_of_python_s_table_is_removed() {
    let Some((version, table)) = python_controls_and_formats() else {
        return;
    };
    let (agreed, skewed): (Vec<char>, Vec<char>) = table
        .iter()
        .partition(|&&c| crate_says_control_or_format(c));
    assert!(
        agreed.len() > 200 && skewed.len() * 100 <= table.len(),
        "Unicode {version}: {} code points agree, {} differ: {skewed:?}",
        agreed.len(),
        skewed.len()
    );
    let mut kept = Vec::new();
    for &c in &agreed {
        let expected_here = match c {
            // Line ends and tabs are layout, as the sanitiser defines it.
            '\n' | '\r' => "x\ny",
            '\t' => "x y",
            _ => "xy",
        };
        // Between two letters the joiners join; with spaces around them they join nothing.
        let between_spaces = sanitize(&format!("x {c} y"));
        let between_letters = sanitize(&format!("x{c}y"));
        let joiner = matches!(c, '\u{200C}' | '\u{200D}');
        // ESC and the C1 introducers take the sequence they start with them, `y` included.
        let introducer = matches!(
            c,
            '\u{1B}' | '\u{90}' | '\u{98}' | '\u{9B}' | '\u{9D}'..='\u{9F}'
        );
        let ok = if joiner {
            between_spaces == "x  y" && between_letters == format!("x{c}y")
        } else if introducer {
            between_letters == "x" && is_unsafe(c)
        } else {
            between_letters == expected_here
                && (c == '\n' || is_unsafe(c))
                && !sanitize_line(&format!("x{c}y")).contains(c)
        };
        if !ok {
            kept.push(format!("U+{:04X}", u32::from(c)));
        }
    }
    assert!(kept.is_empty(), "Unicode {version}: not removed: {kept:?}");
}

#[test]
fn the_characters_that_used_to_get_through_are_removed() {
    // Syriac abbreviation mark, Arabic disputed-end-of-ayah, Egyptian hieroglyph joiner.
    for c in ['\u{070F}', '\u{08E2}', '\u{13430}'] {
        assert_eq!(sanitize(&format!("left{c}right")), "leftright", "{c:?}");
        assert!(is_unsafe(c), "{c:?}");
    }
}

#[test]
fn joiners_stay_where_they_join_and_go_elsewhere() {
    let joined = [
        "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}", // Persian, ZWNJ
        "\u{0915}\u{094D}\u{200D}\u{0937}", // Devanagari, ZWJ after a virama
        "\u{1F469}\u{200D}\u{1F52C}",       // emoji ZWJ sequence
        "\u{1F469}\u{1F3FD}\u{200D}\u{1F52C}", // with a skin tone
    ];
    for text in joined {
        assert_eq!(sanitize(text), text);
    }
    for (text, expected) in [
        ("\u{200D}Quill", "Quill"),
        ("Quill\u{200C}", "Quill"),
        ("12\u{200D}34", "1234"),
        ("a.\u{200C}b", "a.b"),
        ("a\u{200D}\u{200D}b", "a\u{200D}b"),
    ] {
        assert_eq!(sanitize(text), expected, "{text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Prompts

fn app() -> App {
    let options = Options {
        color: true,
        ascii: false,
        mouse: true,
    };
    App::new(Model::bundled(), options, Rect::new(0, 0, 100, 30))
}

fn press(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn press_code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        handle(app, press(c));
    }
}

const HOSTILE_INVISIBLES: [char; 6] = [
    '\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{070F}', '\u{1B}',
];

#[test]
fn the_filter_prompt_takes_text_as_articles_are_sanitised() {
    let mut app = app();
    type_keys(&mut app, "2/");
    assert_eq!(app.mode, Mode::Filter);
    for c in HOSTILE_INVISIBLES {
        type_keys(&mut app, &format!("o{c}"));
    }
    type_keys(&mut app, "x\u{A0}y");
    assert_eq!(app.lists[1].filter, "oooooox y");

    // A joiner waits for what follows it: kept before a letter, dropped before a space.
    handle(&mut app, press_code(KeyCode::Esc));
    type_keys(
        &mut app,
        "/\u{0645}\u{06CC}\u{200C}\u{062E} q\u{200D} r\u{200C}",
    );
    handle(&mut app, press_code(KeyCode::Enter));
    assert_eq!(app.lists[1].filter, "\u{0645}\u{06CC}\u{200C}\u{062E} q r");
}

#[test]
fn a_bracketed_paste_is_sanitised_and_never_read_as_commands() {
    let mut app = app();
    type_keys(&mut app, "2/");
    handle_all(
        &mut app,
        [Event::Paste(
            "ab\u{202E}c\u{2066}d\ne\u{200B}f\u{FEFF}".into(),
        )],
    );
    assert_eq!(app.lists[1].filter, "abcd ef");
    handle(&mut app, press_code(KeyCode::Enter));
    // Outside a prompt a paste does nothing, in particular it does not quit ("q").
    handle_all(&mut app, [Event::Paste("q?1".into())]);
    assert!(!app.quit);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_date_prompt_takes_only_a_date_and_not_much_of_it() {
    let mut app = app();
    type_keys(&mut app, "1t");
    assert!(matches!(app.mode, Mode::DateJump(_)));
    type_keys(&mut app, "2\u{202E}0\u{2066}2\u{200B}5\u{FEFF}-0\u{1B}4");
    assert_eq!(app.mode, Mode::DateJump("2025-04".into()));
    type_keys(&mut app, &"9".repeat(10_000));
    let Mode::DateJump(input) = &app.mode else {
        panic!("still in the date prompt: {:?}", app.mode)
    };
    assert!(input.len() <= 32, "{}", input.len());
}

/// A megabyte of text, as a paste delivers it to a terminal without bracketed paste: one key
/// press per character.
fn megabyte_of_keys() -> Vec<Event> {
    "lorem ipsum dolor "
        .chars()
        .cycle()
        .take(1_000_000)
        .map(press)
        .collect()
}

#[test]
fn a_megabyte_pasted_into_the_filter_is_capped_and_filtered_once() {
    let mut app = app();
    type_keys(&mut app, "2/");
    let before = app.list_computations();
    // As the event loop hands it over: everything that queued before the next frame.
    handle_all(&mut app, megabyte_of_keys());
    let filter = &app.lists[1].filter;
    assert_eq!(filter.chars().count(), MAX_FILTER_CHARS);
    assert!(filter.starts_with("lorem ipsum dolor lorem"));
    let computations = app.list_computations() - before;
    assert!(
        computations <= 3,
        "the three lists at most once each, not once a key: {computations}"
    );
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains(&MAX_FILTER_CHARS.to_string())),
        "{:?}",
        app.message
    );
}

#[test]
fn keys_past_the_cap_cost_no_filtering_even_one_at_a_time() {
    let mut app = app();
    type_keys(&mut app, "2/");
    let before = app.list_computations();
    for event in megabyte_of_keys() {
        handle(&mut app, event);
    }
    assert_eq!(app.lists[1].filter.chars().count(), MAX_FILTER_CHARS);
    let computations = app.list_computations() - before;
    assert!(
        computations <= 3 * MAX_FILTER_CHARS,
        "bounded by the cap, not by the paste: {computations}"
    );
}

#[test]
fn keys_handled_as_one_run_leave_the_state_a_key_at_a_time_would() {
    let script: Vec<Event> = "2/an"
        .chars()
        .map(press)
        .chain([
            press_code(KeyCode::Down),
            press_code(KeyCode::Enter),
            press_code(KeyCode::Enter),
            press('1'),
            press_code(KeyCode::Down),
            press('/'),
            press('e'),
        ])
        .collect();
    let mut one_by_one = app();
    for event in script.clone() {
        handle(&mut one_by_one, event);
    }
    let mut as_a_run = app();
    handle_all(&mut as_a_run, script);
    assert_eq!(as_a_run.mode, one_by_one.mode);
    assert_eq!(as_a_run.focus, one_by_one.focus);
    assert_eq!(as_a_run.pins, one_by_one.pins);
    for (run, single) in as_a_run.lists.iter().zip(&one_by_one.lists) {
        assert_eq!(run.filter, single.filter);
        assert_eq!(run.items, single.items);
        assert_eq!(run.cursor, single.cursor);
    }
}

// ---------------------------------------------------------------------------------------------
// File names

fn article(n: usize) -> String {
    format!(
        "Ferry Timetable Revised\n\nHarbour master Ilse Varga changed the timetable on Monday, the port said. Notice {n}.\n"
    )
}

fn load(root: &Path, follow_links: bool) -> Model {
    Model::load(&Sources {
        corpus: Some(root.to_owned()),
        follow_links,
        ..Default::default()
    })
    .expect("the corpus loads")
}

fn file_names(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model.articles.iter().map(|a| a.file.clone()).collect();
    names.sort();
    names
}

fn has_control_or_format(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() || (is_unsafe(c) && !matches!(c, '\u{200C}' | '\u{200D}')))
}

#[cfg(unix)]
#[test]
fn hostile_file_names_show_their_controls_visibly_and_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "\u{1B}.txt",
        "\u{7}.txt",
        "\u{202E}.txt",
        "\u{1B}[31mred.txt",
        "back\\slash.txt",
    ];
    for (n, name) in names.iter().enumerate() {
        std::fs::write(dir.path().join(name), article(n)).unwrap();
    }
    let model = load(dir.path(), false);
    let shown = file_names(&model);
    assert_eq!(
        shown.iter().collect::<BTreeSet<_>>().len(),
        names.len(),
        "{shown:?}"
    );
    for name in &shown {
        assert!(!has_control_or_format(name), "{name:?}");
    }
    for expected in [
        "\u{241B}.txt",
        "\u{2407}.txt",
        "\\u{202e}.txt",
        "\u{241B}[31mred.txt",
        "back\\slash.txt",
    ] {
        assert!(
            shown.iter().any(|n| n == expected),
            "{expected:?} in {shown:?}"
        );
    }
    let warned: Vec<&str> = model.warnings.iter().map(|w| w.file.as_str()).collect();
    assert!(warned.contains(&"\u{241B}.txt"), "{warned:?}");
    for warning in &model.warnings {
        assert!(!has_control_or_format(&warning.to_string()), "{warning}");
    }
}

#[test]
fn the_visible_form_has_no_control_of_its_own() {
    let every_control: String = (0u32..0x100)
        .chain(0x2000..0x2070)
        .chain([0xFEFF, 0x070F, 0x08E2, 0x13430, 0xE0001])
        .filter_map(char::from_u32)
        .collect();
    let shown = visible_line(&every_control);
    assert!(!has_control_or_format(&shown), "{shown:?}");
    assert!(
        shown.contains('\u{241B}') && shown.contains("\\u{9b}"),
        "{shown:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Symbolic links

#[cfg(unix)]
#[test]
fn links_out_of_the_corpus_are_followed_only_when_asked() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("foreign.txt"), article(1)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("own.txt"), article(2)).unwrap();
    std::fs::create_dir(root.join("inner")).unwrap();
    std::fs::write(root.join("inner/kept.md"), article(3)).unwrap();
    symlink(outside.path(), root.join("elsewhere")).unwrap();
    symlink(outside.path().join("foreign.txt"), root.join("single.txt")).unwrap();
    // Links that stay inside work as before.
    symlink("inner", root.join("alias")).unwrap();
    symlink("own.txt", root.join("same.txt")).unwrap();

    let model = load(root, false);
    assert_eq!(
        file_names(&model),
        ["alias/kept.md", "inner/kept.md", "own.txt", "same.txt"]
    );
    for link in ["elsewhere", "single.txt"] {
        let warnings: Vec<_> = model.warnings.iter().filter(|w| w.file == link).collect();
        assert_eq!(warnings.len(), 1, "{link}: {:?}", model.warnings);
        assert!(
            warnings[0].message.contains("outside the corpus folder")
                && warnings[0].message.contains("--follow-links"),
            "{}",
            warnings[0]
        );
    }
    assert_eq!(model.warnings.len(), 2, "{:?}", model.warnings);

    let followed = load(root, true);
    assert_eq!(
        file_names(&followed),
        [
            "alias/kept.md",
            "elsewhere/foreign.txt",
            "inner/kept.md",
            "own.txt",
            "same.txt",
            "single.txt"
        ]
    );
    assert!(followed.warnings.is_empty(), "{:?}", followed.warnings);
}

#[cfg(unix)]
#[test]
fn the_follow_links_flag_reaches_the_loader() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("foreign.txt"), article(1)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("own.txt"), article(2)).unwrap();
    symlink(outside.path(), dir.path().join("elsewhere")).unwrap();
    let articles = |extra: &[&str]| {
        let output = assert_cmd::Command::cargo_bin("dossier")
            .unwrap()
            .args(["--no-library", "export", "--corpus"])
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        (json["articles"].as_array().unwrap().len(), stderr)
    };
    let (count, stderr) = articles(&[]);
    assert_eq!(count, 1);
    assert!(
        stderr.contains("elsewhere") && stderr.contains("--follow-links"),
        "{stderr}"
    );
    assert_eq!(articles(&["--follow-links"]).0, 2);
}

// ---------------------------------------------------------------------------------------------
// Errors in words, sizes in one unit

#[cfg(unix)]
#[test]
fn system_errors_are_described_in_words() {
    use dossier::corpus::describe_io_error;
    for (errno, words) in [
        (libc::EAGAIN, "would have to wait"),
        (libc::EWOULDBLOCK, "would have to wait"),
        (libc::ENXIO, "no such device"),
        (libc::EACCES, "permission denied"),
        (libc::EISDIR, "folder"),
        (libc::ELOOP, "symbolic link loop"),
        (libc::EMFILE, "too many files"),
        // Not in the list: the system's words, without the number.
        (libc::EOPNOTSUPP, "not supported"),
    ] {
        let described = describe_io_error(&std::io::Error::from_raw_os_error(errno));
        assert!(
            described.contains(words) && !described.contains("os error"),
            "{errno}: {described}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_socket_named_as_the_corpus_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("listening.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let output = assert_cmd::Command::cargo_bin("dossier")
        .unwrap()
        .args(["--no-library", "export", "--corpus"])
        .arg(&socket)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("listening.txt") && !stderr.contains("os error"),
        "{stderr}"
    );
}

#[test]
fn sizes_are_given_in_one_unit() {
    use dossier::corpus::{MAX_ARTICLE_BYTES, ReadProblem};
    let just_over = ReadProblem::TooLarge {
        bytes: MAX_ARTICLE_BYTES + 1,
        limit: MAX_ARTICLE_BYTES,
    };
    assert_eq!(
        just_over.to_string(),
        "64.1 MB is larger than the 64 MB limit for one file"
    );
    let far_over = ReadProblem::TooLarge {
        bytes: 250_000_000,
        limit: MAX_ARTICLE_BYTES,
    };
    assert_eq!(
        far_over.to_string(),
        "250 MB is larger than the 64 MB limit for one file"
    );
}
