use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::*;
use crate::annotations::{Annotations, Change, HISTORY_LIMIT, Recorder, Scope, Target};
use crate::cache::ArticleCache;

fn library(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("nested").join("library.db")
}

fn scope() -> Scope {
    Scope::Folder(PathBuf::from("/srv/news/harbour"))
}

fn changes() -> Vec<Change> {
    vec![
        Change::Read {
            article: "one.txt".into(),
            read: true,
        },
        Change::Read {
            article: "two.md".into(),
            read: true,
        },
        Change::Read {
            article: "one.txt".into(),
            read: false,
        },
        Change::Star {
            target: Target::person("mira-tollund"),
            starred: true,
        },
        Change::Star {
            target: Target::event("bridge-vote"),
            starred: true,
        },
        Change::Star {
            target: Target::event("bridge-vote"),
            starred: false,
        },
        Change::Note {
            target: Target::article("two.md"),
            text: Some("first draft".into()),
        },
        Change::Note {
            target: Target::article("two.md"),
            text: Some("  ask the clerk\n\ttwice\r\n  ".into()),
        },
        Change::Note {
            target: Target::person("mira-tollund"),
            text: Some("gone soon".into()),
        },
        Change::Note {
            target: Target::person("mira-tollund"),
            text: None,
        },
        Change::Session("{\"pane\":\"people\",\"cursor\":3}".into()),
        Change::History {
            list: "people".into(),
            query: "toll".into(),
        },
        Change::History {
            list: "people".into(),
            query: "   ".into(),
        },
        Change::History {
            list: "articles".into(),
            query: "bridge".into(),
        },
        Change::History {
            list: "people".into(),
            query: "mira".into(),
        },
        Change::History {
            list: "people".into(),
            query: "toll".into(),
        },
    ]
}

#[test]
fn what_is_recorded_comes_back_as_applying_it_in_memory_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    let mut expected = Annotations::default();
    {
        let mut store = Store::open(&path).expect("a new library opens");
        for change in changes() {
            store.record(&scope(), &change).expect("recorded");
            expected.apply(&change);
        }
    }
    let store = Store::open(&path).expect("reopens");
    let got = store.annotations(&scope()).expect("read back");
    assert_eq!(got, expected);
    assert_eq!(
        got.history("people"),
        ["mira".to_owned(), "toll".to_owned()]
    );
    // Another corpus has none of it.
    assert_eq!(
        store.annotations(&Scope::Bundled).expect("read back"),
        Annotations::default()
    );
}

#[test]
fn a_note_is_kept_exactly_whatever_its_length_or_characters() {
    let store_dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&library(&store_dir)).expect("opens");
    let long: String = (0..200_000)
        .map(|n| char::from_u32(0x20 + (n * 7919) % 0x2F00).unwrap_or('x'))
        .collect();
    let texts = [
        long,
        "é\u{301} combining, 日本語, 🦀, a\0nul, trailing space ".to_owned(),
        "\n\nleading blank lines".to_owned(),
    ];
    for (n, text) in texts.iter().enumerate() {
        let target = Target::event(format!("event-{n}"));
        store
            .apply(
                &Scope::Bundled,
                &Change::Note {
                    target: target.clone(),
                    text: Some(text.clone()),
                },
            )
            .expect("recorded");
        let back = store.annotations(&Scope::Bundled).expect("read");
        assert_eq!(back.note(&target), Some(text.as_str()));
    }
    let notes = store.notes(&Scope::Bundled).expect("notes");
    assert_eq!(notes.len(), texts.len());
    assert!(notes.iter().all(|n| n.written_at > 0));
}

#[test]
fn the_history_is_bounded_as_in_memory() {
    let mut store = Store::in_memory().expect("opens");
    let mut expected = Annotations::default();
    for n in 0..HISTORY_LIMIT + 7 {
        let change = Change::History {
            list: "timeline".into(),
            query: format!("query {}", n % (HISTORY_LIMIT + 3)),
        };
        store.apply(&Scope::Bundled, &change).expect("recorded");
        expected.apply(&change);
    }
    let got = store.annotations(&Scope::Bundled).expect("read");
    assert_eq!(got.history("timeline").len(), HISTORY_LIMIT);
    assert_eq!(got.history, expected.history);
}

#[test]
fn a_new_library_is_at_the_current_version_and_reopening_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    drop(Store::open(&path).expect("creates the folder and the file"));
    let version = |path: &Path| -> i64 {
        let conn = Connection::open(path).expect("plain sqlite opens it");
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version")
    };
    assert_eq!(version(&path), SCHEMA_VERSION);
    drop(Store::open(&path).expect("reopens"));
    assert_eq!(version(&path), SCHEMA_VERSION);
    let conn = Connection::open(&path).expect("opens");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn a_library_of_a_newer_dossier_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    drop(Store::open(&path).expect("creates"));
    {
        let conn = Connection::open(&path).expect("opens");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("back to a rollback journal, so the file alone holds everything");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("newer");
    }
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).expect_err("refused");
    assert!(
        matches!(err, StoreError::Newer { found, .. } if found == SCHEMA_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("newer dossier"), "{err}");
    assert!(matches!(
        Store::open_to_read(&path),
        Err(StoreError::Newer { .. })
    ));
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
    assert!(!dir.path().join("nested/library.db-wal").exists());
}

#[test]
fn a_file_of_garbage_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("library.db");
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|n| (n.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&path, &garbage).expect("write");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotALibrary { .. }), "{err}");
    assert!(err.to_string().contains("library.db"), "{err}");
    assert!(Store::open_to_read(&path).is_err());
    assert_eq!(std::fs::read(&path).expect("bytes"), garbage);
}

#[test]
fn a_library_damaged_behind_its_header_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("library.db");
    {
        let mut store = Store::open(&path).expect("creates");
        store
            .apply(&Scope::Bundled, &Change::Session("kept".into()))
            .expect("recorded");
    }
    let mut bytes = std::fs::read(&path).expect("bytes");
    // Keep SQLite's 100-byte header, so the file still says it is a database; scramble the
    // schema and everything after it.
    for (n, byte) in bytes.iter_mut().enumerate().skip(100) {
        *byte = (n.wrapping_mul(131) % 256) as u8;
    }
    std::fs::write(&path, &bytes).expect("damaged");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotALibrary { .. }), "{err}");
    assert!(Store::open_to_read(&path).is_err());
    assert_eq!(std::fs::read(&path).expect("kept"), bytes);
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("recipes.db");
    {
        let conn = Connection::open(&path).expect("opens");
        conn.execute_batch("CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup');")
            .expect("their table");
    }
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn an_empty_file_becomes_a_library() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("library.db");
    std::fs::write(&path, b"").expect("write");
    assert!(
        Store::open_to_read(&path).expect("readable").is_none(),
        "nothing stored yet"
    );
    let mut store = Store::open(&path).expect("initialised");
    store
        .apply(
            &Scope::Bundled,
            &Change::Read {
                article: "a.txt".into(),
                read: true,
            },
        )
        .expect("recorded");
    assert!(
        store
            .annotations(&Scope::Bundled)
            .expect("read")
            .is_read("a.txt")
    );
}

#[test]
fn a_library_held_by_another_writer_says_it_is_busy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    let mut first = Store::open(&path).expect("creates");
    first
        .apply(
            &Scope::Bundled,
            &Change::Read {
                article: "kept.txt".into(),
                read: true,
            },
        )
        .expect("recorded");
    let holder = Connection::open(&path).expect("opens");
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO session VALUES ('x', 'y', 0);")
        .expect("holds the write lock");
    let err = Store::open(&path).expect_err("busy");
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
    assert!(err.to_string().contains("busy"), "{err}");
    // A change waits, then says so; reading goes on meanwhile (WAL).
    let refused = first.record(
        &Scope::Bundled,
        &Change::Read {
            article: "later.txt".into(),
            read: true,
        },
    );
    assert!(refused.is_err());
    let reader = Store::open_to_read(&path)
        .expect("readable while written")
        .expect("exists");
    assert!(
        reader
            .annotations(&Scope::Bundled)
            .expect("read")
            .is_read("kept.txt")
    );
    holder.execute_batch("ROLLBACK").expect("let go");
    assert!(Store::open(&path).is_ok());
}

#[test]
fn a_library_locked_whole_by_a_rollback_writer_is_busy_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("library.db");
    let holder = Connection::open(&path).expect("opens");
    holder
        .execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
        .expect("holds the file");
    let err = Store::open(&path).expect_err("busy");
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
}

#[test]
fn two_stores_on_one_file_see_each_others_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    let mut first = Store::open(&path).expect("opens");
    let second = Store::open(&path).expect("a second dossier opens it too");
    first
        .apply(
            &scope(),
            &Change::Star {
                target: Target::article("x.txt"),
                starred: true,
            },
        )
        .expect("recorded");
    assert!(
        second
            .annotations(&scope())
            .expect("read")
            .is_starred(&Target::article("x.txt"))
    );
}

#[test]
fn the_last_folder_opened_comes_first() {
    let mut store = Store::in_memory().expect("opens");
    assert_eq!(store.last_folder().expect("read"), None);
    for folder in ["/a/one", "/b/two", "/a/one", "/c/three", "/b/two"] {
        store.remember_folder(Path::new(folder)).expect("kept");
    }
    let folders: Vec<PathBuf> = store
        .folders()
        .expect("read")
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(
        folders,
        [
            PathBuf::from("/b/two"),
            PathBuf::from("/c/three"),
            PathBuf::from("/a/one")
        ]
    );
}

#[test]
fn full_text_search_is_compiled_in() {
    let store = Store::in_memory().expect("opens");
    store
        .conn
        .execute_batch(
            "CREATE VIRTUAL TABLE probe USING fts5(body);
             INSERT INTO probe VALUES ('the council met on the quay');",
        )
        .expect("fts5 is available");
    let hits: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM probe WHERE probe MATCH 'quay'",
            [],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(hits, 1);
}

fn key(n: u8) -> crate::cache::CacheKey {
    [n; 32]
}

#[test]
fn the_cache_gives_back_what_was_put_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = library(&dir);
    {
        let mut store = Store::open(&path).expect("opens");
        store
            .put_many(&[(key(1), b"first".to_vec()), (key(2), vec![0, 255, 7])])
            .expect("kept");
        store
            .put_many(&[(key(1), b"replaced".to_vec())])
            .expect("kept");
    }
    let mut store = Store::open(&path).expect("reopens");
    assert_eq!(
        store.get_many(&[key(2), key(9), key(1)]),
        [Some(vec![0, 255, 7]), None, Some(b"replaced".to_vec())]
    );
}

#[test]
fn pruning_drops_the_least_recently_used_down_to_the_budget() {
    let mut store = Store::in_memory().expect("opens");
    for n in 0..10u8 {
        store.put_many(&[(key(n), vec![n; 1000])]).expect("kept");
        // Make the order of use explicit: entry n was used at time n.
        store
            .conn
            .execute(
                "UPDATE article_cache SET used_at = ?1 WHERE key = ?2",
                rusqlite::params![i64::from(n) + 1_000_000_000_000, &key(n)[..]],
            )
            .expect("aged");
    }
    let pruned = store
        .prune_cache(CachePrune {
            unused_for: 0,
            max_bytes: Some(3500),
        })
        .expect("pruned");
    // Nothing is older than "now minus nothing" when times lie in the future; the budget
    // alone decides.
    assert_eq!(pruned.kept, 3);
    assert_eq!(pruned.kept_bytes, 3000);
    let got = store.get_many(&[key(6), key(7), key(8), key(9)]);
    assert_eq!(got[0], None);
    assert!(got[1..].iter().all(Option::is_some));
}

#[test]
fn pruning_drops_entries_unused_for_long() {
    let mut store = Store::in_memory().expect("opens");
    store
        .put_many(&[(key(1), b"old".to_vec()), (key(2), b"fresh".to_vec())])
        .expect("kept");
    store
        .conn
        .execute(
            "UPDATE article_cache SET used_at = 0 WHERE key = ?1",
            [&key(1)[..]],
        )
        .expect("aged");
    let pruned = store
        .prune_cache(CachePrune {
            unused_for: 30 * 24 * 60 * 60,
            max_bytes: None,
        })
        .expect("pruned");
    assert_eq!((pruned.removed, pruned.kept), (1, 1));
    assert_eq!(
        store.get_many(&[key(1), key(2)]),
        [None, Some(b"fresh".to_vec())]
    );
}
