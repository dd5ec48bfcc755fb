//! The library as a user meets it through the command line: where it is, what `export` and
//! `notes` show of it, the corpus a bare `dossier` reopens, and the files it must refuse
//! without costing the run or harming the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use dossier::annotations::{Change, Scope, Target};
use dossier::store::Store;
use serde_json::Value;

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    cmd.timeout(Duration::from_secs(60))
        .env_remove("DOSSIER_LIBRARY")
        .env_remove("NO_COLOR");
    cmd
}

const EVENTS: &str = "[[event]]\nid = \"lantern-treaty\"\ndate = \"2031-05-02\"\n\
    title = \"The Lantern Treaty is signed\"\ncues = [\"Lantern Treaty\"]\n";

/// A small corpus of invented articles, and a catalogue with one event they report.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let news = dir.path().join("news");
        std::fs::create_dir(&news).expect("folder");
        std::fs::write(
            news.join("treaty.txt"),
            "Lantern Treaty signed at the river port\n\n\
             May 2, 2031 - Foreign minister Oriel Vantongeren signed the Lantern Treaty on \
             Friday. \"It binds both banks,\" Vantongeren said. Harbour chief Petra Quillon \
             welcomed the Lantern Treaty.\n",
        )
        .expect("article");
        std::fs::write(
            news.join("ferry.md"),
            "# Ferry fares fall\n\nMay 3, 2031 - Harbour chief Petra Quillon cut the fares. \
             \"Crossing should be cheap,\" Quillon said on Saturday.\n",
        )
        .expect("article");
        std::fs::write(dir.path().join("events.toml"), EVENTS).expect("catalogue");
        // Readable by the unprivileged user of the read-only cases.
        open_to_all(dir.path());
        Self { dir }
    }

    fn news(&self) -> PathBuf {
        self.dir.path().join("news")
    }

    fn events(&self) -> PathBuf {
        self.dir.path().join("events.toml")
    }

    fn scope(&self) -> Scope {
        Scope::Folder(std::fs::canonicalize(self.news()).expect("canonical"))
    }

    fn export(&self, library: &[&str]) -> Value {
        let output = dossier()
            .args(library)
            .arg("export")
            .arg("--corpus")
            .arg(self.news())
            .arg("--events")
            .arg(self.events())
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).expect("JSON")
    }
}

fn lib_arg(path: &Path) -> [String; 2] {
    ["--library".to_owned(), path.display().to_string()]
}

fn args(pair: &[String; 2]) -> [&str; 2] {
    [pair[0].as_str(), pair[1].as_str()]
}

fn id_of<'a>(list: &'a Value, field: &str, value: &str) -> &'a str {
    list.as_array()
        .and_then(|items| items.iter().find(|i| i[field] == value))
        .and_then(|i| i["id"].as_str())
        .unwrap_or_else(|| panic!("no {field} = {value} in {list}"))
}

#[test]
fn export_carries_read_marks_stars_and_notes_and_nothing_when_there_are_none() {
    let corpus = Corpus::new();
    let plain = corpus.export(&["--no-library"]);
    let person = id_of(&plain["people"], "name", "Petra Quillon").to_owned();
    let event = plain["timeline"][0]["id"]
        .as_str()
        .expect("the catalogue's event is found")
        .to_owned();
    let library = corpus.dir.path().join("library.db");
    {
        let mut store = Store::open(&library).expect("opens");
        for change in [
            Change::Read {
                article: "ferry.md".into(),
                read: true,
            },
            Change::Star {
                target: Target::article("treaty.txt"),
                starred: true,
            },
            Change::Note {
                target: Target::article("treaty.txt"),
                text: Some("check the date\nagainst the gazette".into()),
            },
            Change::Star {
                target: Target::person(person.clone()),
                starred: true,
            },
            Change::Note {
                target: Target::event(event.clone()),
                text: Some("second source?".into()),
            },
        ] {
            store.apply(&corpus.scope(), &change).expect("recorded");
        }
    }
    let lib = lib_arg(&library);
    let marked = corpus.export(&args(&lib));
    let article = |json: &Value, file: &str| {
        json["articles"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["file"] == file).cloned())
            .unwrap_or_else(|| panic!("no article {file}"))
    };
    let ferry = article(&marked, "ferry.md");
    let treaty = article(&marked, "treaty.txt");
    assert_eq!(ferry["read"], true);
    assert!(ferry.get("starred").is_none() && ferry.get("note").is_none());
    assert!(treaty.get("read").is_none());
    assert_eq!(treaty["starred"], true);
    assert_eq!(treaty["note"], "check the date\nagainst the gazette");
    let quillon = marked["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["id"] == person.as_str()))
        .expect("the person");
    assert_eq!(quillon["starred"], true);
    assert_eq!(marked["timeline"][0]["note"], "second source?");

    // The marks are the corpus's: the same library says nothing of another corpus, and the
    // export of an unmarked corpus is what it was without a library.
    let other = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        corpus.news().join("ferry.md"),
        other.path().join("ferry.md"),
    )
    .expect("copy");
    let output = dossier()
        .args(args(&lib))
        .arg("export")
        .arg("--corpus")
        .arg(other.path())
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(json["articles"][0].get("read").is_none());
    let mut without_marks = marked.clone();
    for list in ["articles", "people", "timeline"] {
        for item in without_marks[list].as_array_mut().into_iter().flatten() {
            if let Some(item) = item.as_object_mut() {
                for field in ["read", "starred", "note"] {
                    item.remove(field);
                }
            }
        }
    }
    assert_eq!(without_marks, plain);
}

#[test]
fn notes_lists_each_note_with_what_it_is_on() {
    let corpus = Corpus::new();
    let library = corpus.dir.path().join("library.db");
    let plain = corpus.export(&["--no-library"]);
    let person = id_of(&plain["people"], "name", "Oriel Vantongeren").to_owned();
    {
        let mut store = Store::open(&library).expect("opens");
        for (target, text) in [
            (
                Target::article("ferry.md"),
                "\nfares: ask the ferry office\nmore later",
            ),
            (Target::person(person), "spelling of the surname"),
            (Target::article("vanished.txt"), "the file went away"),
        ] {
            store
                .apply(
                    &corpus.scope(),
                    &Change::Note {
                        target,
                        text: Some(text.into()),
                    },
                )
                .expect("recorded");
        }
    }
    let output = dossier()
        .args(args(&lib_arg(&library)))
        .args(["notes", "--width", "0", "--corpus"])
        .arg(corpus.news())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let table = String::from_utf8(output.stdout).expect("text");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[0].starts_with("KIND") && lines[0].contains("WRITTEN"),
        "{table}"
    );
    let row = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no row with {needle}:\n{table}"))
    };
    let ferry = row("Ferry fares fall");
    assert!(ferry.starts_with("article") && ferry.contains("fares: ask the ferry office"));
    assert!(
        !ferry.contains("more later"),
        "only the first line: {ferry}"
    );
    assert!(row("Oriel Vantongeren").starts_with("person"));
    assert!(row("vanished.txt (not in this corpus)").contains("the file went away"));
    // When: a date and a time.
    let year = jiff::Timestamp::now().strftime("%Y-").to_string();
    assert!(ferry.contains(&year), "{ferry}");
}

/// A bare `dossier` whose output is not a terminal prints the people and the timeline.
fn bare(library: &[&str], corpus: Option<&Path>) -> std::process::Output {
    let mut cmd = dossier();
    cmd.args(library);
    if let Some(corpus) = corpus {
        cmd.arg("--corpus").arg(corpus);
    }
    cmd.output().expect("runs")
}

#[test]
fn a_bare_dossier_reopens_the_corpus_opened_last_and_says_when_it_is_gone() {
    let corpus = Corpus::new();
    let library = corpus.dir.path().join("state").join("library.db");
    let lib = lib_arg(&library);
    let bundled = bare(&["--no-library"], None);
    assert!(!String::from_utf8_lossy(&bundled.stdout).contains("Petra Quillon"));

    // A new user sees the bundled corpus and gets a library.
    let first = bare(&args(&lib), None);
    assert_eq!(first.stdout, bundled.stdout);
    assert!(first.stderr.is_empty(), "{first:?}");

    let opened = bare(&args(&lib), Some(&corpus.news()));
    assert!(String::from_utf8_lossy(&opened.stdout).contains("Petra Quillon"));
    let again = bare(&args(&lib), None);
    assert_eq!(again.stdout, opened.stdout, "the folder is opened again");
    // A subcommand reads --corpus or the bundled corpus, whatever was opened before.
    let export = dossier()
        .args(args(&lib))
        .arg("export")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&export.stdout).contains("Petra Quillon"));

    std::fs::remove_dir_all(corpus.news()).expect("removed");
    let gone = bare(&args(&lib), None);
    assert!(gone.status.success());
    assert_eq!(gone.stdout, bundled.stdout);
    let stderr = String::from_utf8_lossy(&gone.stderr);
    assert!(
        stderr.contains("news") && stderr.contains("is gone"),
        "{stderr}"
    );
}

#[test]
fn the_library_variable_names_the_file_and_no_library_touches_none() {
    let corpus = Corpus::new();
    let library = corpus.dir.path().join("from-variable.db");
    let output = dossier()
        .env("DOSSIER_LIBRARY", &library)
        .arg("--no-library")
        .arg("--corpus")
        .arg(corpus.news())
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(
        !library.exists(),
        "--no-library wrote {}",
        library.display()
    );
    let output = dossier()
        .env("DOSSIER_LIBRARY", &library)
        .arg("--corpus")
        .arg(corpus.news())
        .output()
        .expect("runs");
    assert!(output.status.success());
    let store = Store::open(&library).expect("the variable's file is the library");
    assert_eq!(
        store.last_folder().expect("read"),
        Some(std::fs::canonicalize(corpus.news()).expect("canonical"))
    );
}

#[test]
fn a_home_that_cannot_be_written_costs_only_the_library() {
    let home = tempfile::tempdir().expect("tempdir");
    // A file where the data folder should be: nothing can be created under it, even by root.
    let blocked = home.path().join("data");
    std::fs::write(&blocked, "not a folder").expect("file");
    let run = |args: &[&str]| {
        dossier()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &blocked)
            .args(args)
            .output()
            .expect("runs")
    };
    let corpus = Corpus::new();
    let news = corpus.news().display().to_string();
    let reference = bare(&["--no-library"], Some(&corpus.news()));
    // Opening a folder is remembered, so the library is needed: one warning, the same tables.
    let output = run(&["--corpus", &news]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(output.stdout, reference.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "warned once: {stderr}");
    assert!(
        stderr.contains("library.db") && stderr.contains("going on without the library"),
        "{stderr}"
    );
    // Without a folder to remember, nothing needs the library: no library, nothing to say.
    for args in [&[][..], &["export"], &["notes"]] {
        let output = run(args);
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(
        std::fs::read_to_string(&blocked).expect("still the file"),
        "not a folder"
    );
}

/// Runs `dossier --corpus` with the library in `library` (not a terminal: the tables are
/// printed) and checks the run went on as without a library, with one warning that names the
/// file and contains `what`; returns the warning.
fn goes_on_without(library: &Path, what: &str, as_user: Option<u32>) -> String {
    let corpus = Corpus::new();
    let reference = bare(&["--no-library"], Some(&corpus.news()));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env_remove("DOSSIER_LIBRARY")
        .arg("--library")
        .arg(library)
        .arg("--corpus")
        .arg(corpus.news());
    if let Some(uid) = as_user {
        use std::os::unix::process::CommandExt;
        cmd.uid(uid).gid(uid);
    }
    let output = cmd.output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(output.stdout, reference.stdout, "the session is not lost");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let warning = stderr
        .lines()
        .find(|l| l.contains("library"))
        .unwrap_or_else(|| panic!("no warning about the library: {stderr}"))
        .to_owned();
    assert!(
        warning.contains(&library.display().to_string()) && warning.contains(what),
        "{warning}"
    );
    assert!(
        warning.contains("going on without the library"),
        "{warning}"
    );
    warning
}

#[test]
fn a_file_of_garbage_is_named_kept_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("library.db");
    let garbage: Vec<u8> = (0..5000u32).map(|n| (n * 37 % 251) as u8).collect();
    std::fs::write(&library, &garbage).expect("write");
    goes_on_without(&library, "not a dossier library", None);
    assert_eq!(std::fs::read(&library).expect("kept"), garbage);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(names.len(), 1, "nothing beside it: {names:?}");
}

#[test]
fn a_library_of_a_newer_dossier_is_named_kept_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("library.db");
    drop(Store::open(&library).expect("creates"));
    {
        let conn = rusqlite_like_open(&library);
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = DELETE; PRAGMA user_version = {};",
            dossier::store::SCHEMA_VERSION + 5
        ))
        .expect("made newer");
    }
    let before = std::fs::read(&library).expect("bytes");
    goes_on_without(&library, "newer dossier", None);
    assert_eq!(std::fs::read(&library).expect("kept"), before);
}

#[test]
fn an_empty_file_becomes_the_library() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("library.db");
    std::fs::write(&library, b"").expect("write");
    let corpus = Corpus::new();
    let output = bare(&args(&lib_arg(&library)), Some(&corpus.news()));
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{output:?}"
    );
    let store = Store::open(&library).expect("a library now");
    assert!(store.last_folder().expect("read").is_some());
}

#[test]
fn a_library_held_by_another_writer_is_called_busy_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("library.db");
    drop(Store::open(&library).expect("creates"));
    let holder = rusqlite_like_open(&library);
    holder
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM folder;")
        .expect("holds the write lock");
    goes_on_without(&library, "busy", None);
    holder.execute_batch("ROLLBACK").expect("let go");
}

/// Root may write any file, so the read-only cases run the binary as an unprivileged user when
/// the tests run as root.
fn unprivileged() -> Option<u32> {
    // SAFETY: geteuid only reads the process's credentials.
    (unsafe { libc::geteuid() } == 0).then_some(65534)
}

fn open_to_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_read_only_library_is_named_kept_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    open_to_all(dir.path());
    let library = dir.path().join("library.db");
    drop(Store::open(&library).expect("creates"));
    std::fs::set_permissions(&library, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&library).expect("bytes");
    goes_on_without(&library, "cannot be written", unprivileged());
    assert_eq!(std::fs::read(&library).expect("kept"), before);
}

#[test]
fn a_library_in_a_read_only_folder_is_named_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    open_to_all(dir.path());
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).expect("folder");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let library = folder.join("library.db");
    goes_on_without(&library, "cannot be opened", unprivileged());
    assert!(!library.exists());
}

/// The library opened with SQLite directly, as another program would.
fn rusqlite_like_open(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("plain sqlite opens it")
}
