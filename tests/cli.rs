//! The command line as a script or a person uses it: output, warnings, errors and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    cmd.env_remove("NO_COLOR");
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
