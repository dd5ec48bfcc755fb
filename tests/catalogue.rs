//! The user's event catalogue (`--events FILE`): errors name the file, line and column and say
//! what was expected; unknown keys are refused by name; a bad date names its event; the status
//! is 2 and nothing is printed, so nothing of a broken catalogue is half-loaded.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use dossier::timeline::catalogue::{self, CatalogueError};

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    cmd.timeout(Duration::from_secs(60)).arg("--no-library");
    cmd
}

const GOOD_EVENT: &str = "[[event]]\nid = \"good\"\ndate = \"2024-03-15\"\ntitle = \"A good event\"\ncues = [\"Harbour Accord\"]\n\n";

/// Runs every command with `--events` holding `toml`: each must fail with status 2, print
/// nothing on stdout and one line on stderr; returns that line.
fn refused(toml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, toml).unwrap();
    let mut message = None;
    for command in ["export", "people", "timeline", "articles"] {
        let output = dossier()
            .arg(command)
            .arg("--events")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command} with:\n{toml}");
        assert!(
            output.stdout.is_empty(),
            "{command} printed {:?}",
            String::from_utf8_lossy(&output.stdout)
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let line = stderr.trim_end().to_owned();
        let path = file.to_str().unwrap();
        assert!(
            line.starts_with(&format!("dossier: error: {path}:")),
            "{line}"
        );
        match &message {
            None => message = Some(line),
            Some(first) => assert_eq!(first, &line, "the same error from every command"),
        }
    }
    let line = message.unwrap_or_default();
    let path = file.to_str().unwrap().to_owned();
    line.replace(&format!("dossier: error: {path}"), "mine.toml")
}

#[test]
fn syntax_errors_give_line_column_and_what_was_expected() {
    // (file after a good event, the line:column of the fault, what the message must say)
    let cases = [
        (
            "[[event]]\nid = \"x\"\ntitle = \"Unclosed\n",
            "9:18",
            "expected `\"`",
        ),
        ("[[event]]\nid = x\n", "8:6", "expected"),
        ("[[event]]\nid \"x\"\n", "8:4", "expected `=`"),
        ("[[event]\nid = \"x\"\n", "7:9", "expected `]`"),
        (
            "[[event]]\nparticipants = [\"A\", \n",
            "8:21",
            "expected `]`",
        ),
        (
            "[[event]]\nid = \"x\"\ndate = \"2024\"\ntitle = \"T\"\nid = \"y\"\n",
            "11:1",
            "duplicate key `id`, expected each key at most once",
        ),
        (
            "[[event]]\nid = \"x\"\ntitle = \"T\"\n",
            "7:1",
            "missing field `date`, expected every event to have `id`, `date` and `title`",
        ),
        (
            "[[event]]\nid = \"x\"\ndate = 2024-03-15\ntitle = \"T\"\n",
            "9:8",
            "expected a string",
        ),
        (
            "[[event]]\nid = \"x\"\ndate = \"2024\"\ntitle = \"T\"\ncues = \"one\"\n",
            "11:8",
            "expected a sequence",
        ),
    ];
    for (tail, at, expected) in cases {
        let line = refused(&format!("{GOOD_EVENT}{tail}"));
        assert!(
            line.starts_with(&format!("mine.toml:{at}: ")),
            "{line} (wanted {at})"
        );
        assert!(line.contains(expected), "{line} lacks {expected:?}");
    }
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let line = refused(&format!(
        "{GOOD_EVENT}[[event]]\nid = \"x\"\ndate = \"2024\"\ntitle = \"T\"\nlocation = \"Tallinn\"\n"
    ));
    assert!(line.starts_with("mine.toml:11:1: "), "{line}");
    assert!(
        line.contains("unknown field `location`, expected one of `id`, `date`, `title`, `place`, `participants`, `cues`"),
        "{line}"
    );
    let line = refused(&format!("{GOOD_EVENT}[[events]]\nid = \"x\"\n"));
    assert!(line.starts_with("mine.toml:7:3: "), "{line}");
    assert!(
        line.contains("unknown field `events`, expected `event`"),
        "{line}"
    );
    let line = refused(&format!("version = 2\n{GOOD_EVENT}"));
    assert!(line.starts_with("mine.toml:1:1: "), "{line}");
    assert!(line.contains("unknown field `version`"), "{line}");
}

#[test]
fn a_bad_date_names_its_event_and_where_it_is() {
    for (date, why) in [
        ("2024-02-30", "is not a date"),
        ("2024-13", "is not a date"),
        ("yesterday", "is not a date"),
        ("", "is not a date"),
        ("20240315", "is not a date"),
        ("2024-03-15T10:00", "is not a date"),
    ] {
        let line = refused(&format!(
            "{GOOD_EVENT}[[event]]\nid = \"summit\"\ndate = \"{date}\"\ntitle = \"T\"\n"
        ));
        assert!(
            line.starts_with("mine.toml:9:8: event 'summit': bad date: "),
            "{line}"
        );
        assert!(line.contains(&format!("'{date}' {why}")), "{line}");
    }
}

#[test]
fn other_invalid_events_name_themselves() {
    let line = refused(&format!(
        "{GOOD_EVENT}[[event]]\nid = \"good\"\ndate = \"2024\"\ntitle = \"Again\"\n"
    ));
    assert!(line.starts_with("mine.toml:8:6: event 'good': "), "{line}");
    assert!(line.contains("used by another event"), "{line}");
    // A title of nothing but escape sequences is empty once cleaned.
    let line = refused(&format!(
        "{GOOD_EVENT}[[event]]\nid = \"blank\"\ndate = \"2024\"\ntitle = \"\\u001b[2J \"\n"
    ));
    assert!(
        line.starts_with("mine.toml:10:9: event 'blank': the title is empty"),
        "{line}"
    );
}

#[test]
fn nothing_of_a_broken_catalogue_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        format!("{GOOD_EVENT}[[event]]\nid = \"bad\"\ndate = \"2024-02-30\"\ntitle = \"T\"\n"),
    )
    .unwrap();
    // The library returns the error and no events at all, even the good one before it.
    let err = catalogue::with_user_file(&file).unwrap_err();
    assert!(matches!(err, CatalogueError::Invalid { ref event, .. } if event == "bad"));
    // The same file without the bad event loads, good event included.
    std::fs::write(&file, GOOD_EVENT).unwrap();
    let events = catalogue::with_user_file(&file).unwrap();
    assert_eq!(events.len(), catalogue::bundled().len() + 1);
    assert!(events.iter().any(|e| e.id == "good"));
}

#[test]
fn an_unreadable_catalogue_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let run = |path: &Path| {
        let output = dossier()
            .args(["timeline", "--events"])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", path.display());
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("cannot read event catalogue")
                && stderr.contains(path.to_str().unwrap()),
            "{stderr}"
        );
        stderr
    };
    run(&dir.path().join("missing.toml"));
    assert!(run(dir.path()).contains("a folder, not a regular file"));
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[[event]]\nid = \"caf\xe9\"\n").unwrap();
    assert!(run(&latin1).contains("not valid UTF-8"));
    #[cfg(unix)]
    {
        let pipe = dir.path().join("pipe.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(status.success());
        assert!(run(&pipe).contains("named pipe"));
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("windows.toml");
    let text = format!("\u{FEFF}{}", GOOD_EVENT.replace('\n', "\r\n"));
    std::fs::write(&file, text).unwrap();
    let events = catalogue::with_user_file(&file).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.id == "good" && e.title == "A good event")
    );
}

#[test]
fn errors_count_columns_in_characters() {
    let err = catalogue::parse(
        "[[event]]\nid = \"x\"\ntitle = \"Zürich — Genève\" oops\n",
        Path::new("e.toml"),
    )
    .unwrap_err();
    // "title = \"Zürich — Genève\" " is 26 characters (more bytes): "oops" starts at 27.
    assert!(err.to_string().starts_with("e.toml:3:27: "), "{err}");
}
