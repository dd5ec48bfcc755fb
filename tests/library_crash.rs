//! Nothing acknowledged is lost to a kill -9: a child process records a stream of changes,
//! saying "ack N" after each `record` returns; it is killed at seeded random points, and the
//! reopened library must hold every acknowledged change and pass `PRAGMA integrity_check`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use dossier::annotations::{Annotations, Change, HISTORY_LIMIT, Recorder, Scope, Target};
use dossier::cache::ArticleCache;
use dossier::store::Store;
use rand::{RngExt, SeedableRng};

/// Set for the child: the library it writes to, and where its numbering starts.
const CHILD_LIBRARY: &str = "DOSSIER_TEST_CRASH_LIBRARY";
const CHILD_FIRST: &str = "DOSSIER_TEST_CRASH_FIRST";
const KINDS: u64 = 6;
const RUNS: u64 = 8;
/// Each run numbers its changes from its own block, so no run undoes another's.
const BLOCK: u64 = 1_000_000;

fn scope() -> Scope {
    Scope::Folder(PathBuf::from("/var/lib/news-under-test"))
}

/// A note of some length (up to several pages) over several lines.
fn note_text(n: u64) -> String {
    let words = (n * 7919) % 3000;
    let mut text = format!("note {n}\n");
    for w in 0..words {
        text.push_str(if w % 11 == 10 { "line\n" } else { "word " });
    }
    text
}

fn cache_key(n: u64) -> [u8; 32] {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&n.to_le_bytes());
    key
}

/// The n-th change of the stream. The last kind is a cache entry rather than a `Change`.
fn change(n: u64) -> Option<Change> {
    match n % KINDS {
        0 => Some(Change::Read {
            article: format!("article-{n}.txt"),
            read: true,
        }),
        1 => Some(Change::Star {
            target: Target::person(format!("person-{n}")),
            starred: true,
        }),
        2 => Some(Change::Note {
            target: Target::event(format!("event-{n}")),
            text: Some(note_text(n)),
        }),
        3 => Some(Change::Session(format!("session {n}"))),
        4 => Some(Change::History {
            list: "articles".into(),
            query: format!("query {n}"),
        }),
        _ => None,
    }
}

/// The child: records changes until it is killed. Ignored so that a plain `cargo test` does not
/// run it; the parent test starts it with `--ignored`.
#[test]
#[ignore = "the writer that crash_safety starts and kills"]
fn crash_child_writer() {
    let (Some(path), Some(first)) = (
        std::env::var_os(CHILD_LIBRARY),
        std::env::var(CHILD_FIRST)
            .ok()
            .and_then(|f| f.parse::<u64>().ok()),
    ) else {
        panic!("run by crash_safety, which names the library in {CHILD_LIBRARY}");
    };
    let mut store = Store::open(Path::new(&path)).expect("the child opens the library");
    let mut stdout = std::io::stdout();
    for n in first.. {
        match change(n) {
            Some(change) => store.record(&scope(), &change).expect("recorded"),
            None => store
                .put_many(&[(cache_key(n), note_text(n).into_bytes())])
                .expect("cached"),
        }
        writeln!(stdout, "ack {n}").expect("the parent reads");
        stdout.flush().expect("the parent reads");
    }
}

/// Start the child, let it acknowledge `after` changes, kill it, and return every change it
/// acknowledged (some more arrive between the read and the kill).
fn run_and_kill(library: &Path, first: u64, after: usize) -> Vec<u64> {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut child = Command::new(exe)
        .args([
            "--ignored",
            "--exact",
            "crash_child_writer",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD_LIBRARY, library)
        .env(CHILD_FIRST, first.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts");
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let mut acked = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("the child's output is text");
        if let Some(n) = line.strip_prefix("ack ") {
            acked.push(n.parse().expect("a number"));
            if acked.len() >= after {
                break;
            }
        }
    }
    child.kill().expect("SIGKILL");
    for line in lines {
        let Ok(line) = line else { break };
        if let Some(n) = line.strip_prefix("ack ").and_then(|n| n.parse().ok()) {
            acked.push(n);
        }
    }
    let status = child.wait().expect("reaped");
    assert!(
        !status.success(),
        "the child writes until killed, it cannot end on its own: {status}"
    );
    acked
}

fn check(store: &mut Store, got: &Annotations, acked: &[u64]) {
    let mut last_session = None;
    let mut queries = Vec::new();
    for &n in acked {
        match change(n) {
            Some(Change::Read { article, .. }) => {
                assert!(got.is_read(&article), "read mark {n} lost")
            }
            Some(Change::Star { target, .. }) => {
                assert!(got.is_starred(&target), "star {n} lost")
            }
            Some(Change::Note { target, text }) => {
                assert_eq!(
                    got.note(&target),
                    text.as_deref(),
                    "note {n} lost or changed"
                )
            }
            Some(Change::Session(_)) => last_session = Some(n),
            Some(Change::History { query, .. }) => queries.push(query),
            None => assert_eq!(
                store.get_many(&[cache_key(n)]),
                [Some(note_text(n).into_bytes())],
                "cache entry {n} lost"
            ),
        }
    }
    // The session kept is the last acknowledged one or one written after it (not yet
    // acknowledged when the kill came).
    if let Some(last) = last_session {
        let kept = got
            .session
            .as_deref()
            .and_then(|s| s.strip_prefix("session "))
            .and_then(|n| n.parse::<u64>().ok());
        assert!(
            kept.is_some_and(|kept| kept >= last),
            "session {last} lost: {kept:?}"
        );
    }
    // The history is bounded; the newest acknowledged queries are all in it, in order.
    let history = got.history("articles");
    assert!(history.len() <= HISTORY_LIMIT);
    let newest = &queries[queries.len().saturating_sub(HISTORY_LIMIT - 1)..];
    let positions: Vec<usize> = newest
        .iter()
        .map(|q| {
            history
                .iter()
                .position(|h| h == q)
                .unwrap_or_else(|| panic!("history entry {q:?} lost"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "history out of order"
    );
}

#[test]
fn crash_safety() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("library.db");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x0D05_51E4);
    let mut acked = Vec::new();
    for run in 0..RUNS {
        let after = rng.random_range(1..=120usize);
        let got = run_and_kill(&library, run * BLOCK, after);
        assert!(got.len() >= after, "run {run}: {} acks", got.len());
        acked.extend(got);
        let mut store = Store::open(&library).expect("the library reopens after a kill");
        store
            .integrity_check()
            .expect("the library is sound after a kill");
        let annotations = store.annotations(&scope()).expect("readable");
        check(&mut store, &annotations, &acked);
    }
}
