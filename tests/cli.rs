//! The command line as a script or a person uses it: output, warnings, errors and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    // The user's library must not change what the tests see, nor the tests the library.
    cmd.env_remove("NO_COLOR").arg("--no-library");
    cmd
}

fn fixtures(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn export(args: &[&str]) -> Value {
    let output = dossier()
        .arg("export")
        .args(args)
        .output()
        .expect("dossier runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("export is JSON")
}

#[test]
fn bundled_export_has_the_scorer_schema() {
    let json = export(&[]);
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for article in articles {
        for key in ["id", "file", "title", "source", "date", "people", "events"] {
            assert!(article.get(key).is_some(), "article lacks {key}: {article}");
        }
    }
    for person in json["people"].as_array().unwrap() {
        for key in ["id", "name", "aliases", "roles", "articles", "mentions"] {
            assert!(person.get(key).is_some(), "person lacks {key}: {person}");
        }
    }
    for event in json["timeline"].as_array().unwrap() {
        for key in [
            "id", "date", "title", "place", "people", "articles", "evidence",
        ] {
            assert!(event.get(key).is_some(), "event lacks {key}: {event}");
        }
    }
}

#[test]
fn bundled_timeline_holds_the_three_required_events_with_articles() {
    let json = export(&[]);
    for date in ["2025-02-28", "2025-04-26", "2025-08-18"] {
        let event = json["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["date"] == date)
            .unwrap_or_else(|| panic!("no event on {date}"));
        assert!(!event["articles"].as_array().unwrap().is_empty(), "{event}");
        assert!(!event["evidence"].as_array().unwrap().is_empty(), "{event}");
    }
}

#[test]
fn every_article_of_the_bundled_corpus_gets_a_date() {
    let json = export(&[]);
    for article in json["articles"].as_array().unwrap() {
        let date = article["date"]
            .as_str()
            .unwrap_or_else(|| panic!("no date: {article}"));
        assert!(date.starts_with("2025-"), "{article}");
        let inferred = article["date_inferred"].as_bool().unwrap();
        assert_eq!(inferred, article["date_origin"] == "inferred");
    }
}

#[test]
fn broken_files_are_skipped_with_a_warning_naming_them() {
    dossier()
        .args(["articles", "--width", "0", "--corpus", &fixtures("news")])
        .assert()
        .success()
        .stdout(predicate::str::contains("harbour-talks.txt"))
        .stdout(predicate::str::contains("latin1.txt"))
        .stderr(predicate::str::contains(
            "empty.txt: skipped: the file is empty",
        ))
        .stderr(predicate::str::contains(
            "picture.txt: skipped: binary data",
        ))
        .stderr(predicate::str::contains("latin1.txt: not valid UTF-8"));
}

#[test]
fn warnings_are_in_the_export_too() {
    let json = export(&["--corpus", &fixtures("news")]);
    let files: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["empty.txt", "latin1.txt", "picture.txt"]);
}

#[test]
fn a_missing_corpus_is_an_error_that_names_it() {
    dossier()
        .args(["people", "--corpus", "/no/such/folder"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("/no/such/folder"));
}

#[test]
fn a_folder_without_articles_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b\n").unwrap();
    std::fs::write(dir.path().join("blank.txt"), "   \n").unwrap();
    dossier()
        .args(["export", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no articles in")
                .and(predicate::str::contains(dir.path().to_str().unwrap())),
        );
}

#[test]
fn catalogue_errors_name_file_line_and_column() {
    dossier()
        .args([
            "timeline",
            "--events",
            &fixtures("catalogue/bad-syntax.toml"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"bad-syntax\.toml:4:\d+: ").unwrap());
    dossier()
        .args([
            "timeline",
            "--events",
            &fixtures("catalogue/unknown-key.toml"),
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown-key.toml:5:")
                .and(predicate::str::contains("location")),
        );
    dossier()
        .args(["timeline", "--events", &fixtures("catalogue/bad-date.toml")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "event 'summit-that-never-was': bad date",
        ));
}

#[test]
fn tables_fit_eighty_columns_when_piped() {
    for command in ["people", "timeline", "articles"] {
        let output = dossier().arg(command).output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.lines().count() > 2, "{command}: {text}");
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{command}: {line:?}"
            );
        }
    }
}

#[test]
fn table_width_can_be_set() {
    let output = dossier()
        .args(["timeline", "--width", "60"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
        "{text}"
    );
}

#[test]
fn help_documents_every_command_and_option() {
    let assert = dossier().arg("--help").assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for word in [
        "export",
        "people",
        "timeline",
        "articles",
        "--corpus",
        "--events",
        "--lexicon",
    ] {
        assert!(help.contains(word), "--help lacks {word}");
    }
}

#[test]
fn user_events_extend_the_catalogue() {
    let json = export(&[
        "--corpus",
        &fixtures("news"),
        "--events",
        &fixtures("catalogue/events.toml"),
    ]);
    let accord = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "harbour-accord")
        .expect("user event");
    assert_eq!(accord["date"], "2024-03-15");
    assert!(
        accord["articles"].as_array().unwrap().len() >= 2,
        "{accord}"
    );
}

#[test]
fn a_user_lexicon_folder_extends_the_lists() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("a.txt");
    std::fs::write(&corpus, "Reporters waited outside the building for hours on Tuesday.\n\nThe talks were led by Xqorv Blentz and ended late, officials said.").unwrap();
    let names = |json: &Value| -> Vec<String> {
        json["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let before = export(&["--corpus", corpus.to_str().unwrap()]);
    assert!(!names(&before).contains(&"Xqorv Blentz".to_owned()));
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    std::fs::write(lexicon.join("first_names.txt"), "Xqorv\n").unwrap();
    let after = export(&[
        "--corpus",
        corpus.to_str().unwrap(),
        "--lexicon",
        lexicon.to_str().unwrap(),
    ]);
    assert!(
        names(&after).contains(&"Xqorv Blentz".to_owned()),
        "{after}"
    );
}

/// A folder whose warnings alone fill more than a pipe holds: one invented article and many
/// empty files.
fn folder_with_many_warnings() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("harbour.txt"),
        "Marta Velloso opened the Quayside Library in Port Averill on 4 May 2021.\n",
    )
    .unwrap();
    for n in 0..2000 {
        std::fs::write(dir.path().join(format!("blank-{n}.txt")), "").unwrap();
    }
    dir
}

/// `2>&1 | head -1`: head reads the first warning and leaves; the rest of the warnings meet a
/// closed pipe. That is the reader's choice, not a failure: dossier stops, quietly, with 0.
#[test]
fn a_reader_that_stops_reading_the_warnings_ends_the_run_quietly() {
    let dir = folder_with_many_warnings();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec 3>&1; { "$0" people --corpus "$1" 2>&1; echo "status $?" >&3; } | head -1"#)
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .arg(dir.path())
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines.contains(&"status 0"), "{stdout}");
    assert!(
        lines.iter().any(|l| l.starts_with("dossier: warning: ")),
        "{stdout}"
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Both streams to a pipe whose reader is already gone: every write meets EPIPE at once.
#[test]
fn output_and_warnings_to_a_closed_pipe_end_quietly() {
    let dir = folder_with_many_warnings();
    for command in ["people", "export", "timeline"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["--no-library", command, "--corpus"])
            .arg(dir.path())
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .status()
            .expect("dossier runs");
        assert!(status.success(), "{command}: {status:?}");
    }
}

/// `>&-`: nothing can reach anyone, which is an error, said where it can be read.
#[test]
fn a_closed_stdout_is_an_error_said_on_stderr() {
    for command in ["people", "export"] {
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" --no-library "$1" >&-"#)
            .arg(env!("CARGO_BIN_EXE_dossier"))
            .arg(command)
            .output()
            .expect("sh runs");
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("standard output is closed"), "{stderr}");
    }
}
