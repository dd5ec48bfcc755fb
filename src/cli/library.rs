//! The library as the command line uses it: where it is, the corpus a bare `dossier` reopens,
//! and the marks of a corpus. A library that cannot be used never stops a run: each function
//! returns what it could do and a warning saying what went wrong, and the run goes on without
//! the library.

use std::path::{Path, PathBuf};

use super::Cli;
use crate::annotations::{Annotations, InMemory, Recorder, Scope};
use crate::cache::{ArticleCache, NoCache};
use crate::corpus::sanitize::display_path;
use crate::store::location::{self, LIBRARY_VARIABLE, Location};
use crate::store::{Store, StoreError};

/// What a warning about the library ends with: the run goes on.
const GOING_ON: &str = "going on without the library: nothing is remembered this time";

/// Where the library is, from `--no-library`, `--library` and `DOSSIER_LIBRARY`.
pub fn location(cli: &Cli) -> Result<Location, String> {
    location::resolve(
        cli.no_library,
        cli.library.clone(),
        std::env::var_os(LIBRARY_VARIABLE),
    )
    .map_err(|err| format!("library: {err}"))
}

fn refused(err: &StoreError) -> String {
    format!("library {err}; {GOING_ON}")
}

/// The library opened for writing (created when missing); `None` with a warning when it
/// cannot be, and `None` alone under `--no-library`.
pub fn open_for_writing(cli: &Cli) -> (Option<Store>, Option<String>) {
    match location(cli) {
        Ok(Location::Nowhere) => (None, None),
        Ok(Location::File(path)) => match Store::open(&path) {
            Ok(store) => (Some(store), None),
            Err(err) => (None, Some(refused(&err))),
        },
        Err(warning) => (None, Some(format!("{warning}; {GOING_ON}"))),
    }
}

/// The library opened to read: nothing is created when there is none.
fn open_to_read(cli: &Cli) -> (Option<Store>, Option<String>) {
    match location(cli) {
        Ok(Location::Nowhere) => (None, None),
        Ok(Location::File(path)) => match Store::open_to_read(&path) {
            Ok(store) => (store, None),
            Err(err) => (None, Some(refused(&err))),
        },
        // No home folder means no library written before: nothing to read, nothing to say.
        Err(_) => (None, None),
    }
}

/// The marks on `scope` and where the browser's changes go: the library, or memory alone
/// (with a warning) when the library cannot be used.
pub fn open_memory(
    cli: &Cli,
    scope: &Scope,
) -> (Annotations, Box<dyn Recorder + Send>, Option<String>) {
    match open_for_writing(cli) {
        (Some(store), _) => match store.annotations(scope) {
            Ok(annotations) => (annotations, Box::new(store), None),
            Err(err) => (
                Annotations::default(),
                Box::new(InMemory),
                Some(refused(&err)),
            ),
        },
        (None, warning) => (Annotations::default(), Box::new(InMemory), warning),
    }
}

/// Where extraction keeps its per-article results: the library, or nowhere (with a warning)
/// when it cannot be used. A connection of its own, so that it can live on the loading thread.
pub fn open_cache(cli: &Cli) -> (Box<dyn ArticleCache + Send>, Option<String>) {
    match open_for_writing(cli) {
        (Some(store), warning) => (Box::new(store), warning),
        (None, warning) => (Box::new(NoCache), warning),
    }
}

/// The marks on `scope`, for the commands that only read them.
pub fn annotations(cli: &Cli, scope: &Scope) -> (Annotations, Option<String>) {
    match open_to_read(cli) {
        (Some(store), _) => match store.annotations(scope) {
            Ok(annotations) => (annotations, None),
            Err(err) => (Annotations::default(), Some(refused(&err))),
        },
        (None, warning) => (Annotations::default(), warning),
    }
}

/// The notes on `scope` with when each was written.
pub fn notes(cli: &Cli, scope: &Scope) -> (Vec<crate::store::NoteEntry>, Option<String>) {
    match open_to_read(cli) {
        (Some(store), _) => match store.notes(scope) {
            Ok(notes) => (notes, None),
            Err(err) => (Vec::new(), Some(refused(&err))),
        },
        (None, warning) => (Vec::new(), warning),
    }
}

/// The corpus a run reads, its marks' scope: the canonical path of the folder or file, so that
/// `./news` and `/home/me/news` share their marks; the bundled corpus without `--corpus`.
pub fn scope(corpus: Option<&Path>) -> Scope {
    match corpus {
        None => Scope::Bundled,
        Some(path) => Scope::Folder(canonical(path)),
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// What a bare `dossier` opens, and what it has to say about it.
#[derive(Debug, Default)]
pub struct CorpusChoice {
    pub corpus: Option<PathBuf>,
    pub notices: Vec<String>,
}

/// A bare `dossier`: with `--corpus`, that corpus, remembered for next time when `remember`;
/// without, the one opened last if it is still there, else the bundled corpus.
pub fn choose_corpus(cli: &Cli, remember: bool) -> CorpusChoice {
    let mut notices = Vec::new();
    if let Some(given) = &cli.corpus {
        // Only a corpus that is there is worth reopening; a missing one is the loader's to
        // report.
        if remember
            && let Ok(path) = std::fs::canonicalize(given)
            && !matches!(location(cli), Ok(Location::Nowhere))
        {
            let (store, warning) = open_for_writing(cli);
            notices.extend(warning);
            if let Some(Err(err)) = store.map(|mut s| s.remember_folder(&path)) {
                notices.push(refused(&err));
            }
        }
        return CorpusChoice {
            corpus: Some(given.clone()),
            notices,
        };
    }
    let (store, warning) = open_to_read(cli);
    notices.extend(warning);
    let last = match store.map(|s| s.last_folder()) {
        Some(Ok(last)) => last,
        Some(Err(err)) => {
            notices.push(refused(&err));
            None
        }
        None => None,
    };
    match last {
        Some(path) if path.exists() => CorpusChoice {
            corpus: Some(path),
            notices,
        },
        Some(path) => {
            notices.push(format!(
                "{}, the corpus opened last, is gone; showing the bundled corpus",
                display_path(&path)
            ));
            CorpusChoice {
                corpus: None,
                notices,
            }
        }
        None => CorpusChoice {
            corpus: None,
            notices,
        },
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::annotations::{Change, Target};

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("dossier").chain(args.iter().copied()))
            .expect("the arguments parse")
    }

    #[test]
    fn the_browsers_changes_reach_the_next_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("library.db");
        let file = file.to_str().expect("a UTF-8 temporary path");
        let scope = Scope::Folder(dir.path().to_owned());
        let (annotations, mut recorder, warning) = open_memory(&cli(&["--library", file]), &scope);
        assert_eq!((annotations, warning), (Annotations::default(), None));
        let change = Change::Star {
            target: Target::event("quay-reopening"),
            starred: true,
        };
        recorder.record(&scope, &change).expect("recorded");
        drop(recorder);
        let (annotations, _, warning) = open_memory(&cli(&["--library", file]), &scope);
        assert_eq!(warning, None);
        assert!(annotations.is_starred(&Target::event("quay-reopening")));
        let (read_only, warning) = self::annotations(&cli(&["--library", file]), &scope);
        assert_eq!((read_only, warning), (annotations, None));
    }

    #[test]
    fn a_library_that_cannot_be_used_leaves_memory_alone_with_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("library.db");
        std::fs::write(&file, b"this is not a database, it is a shopping list").expect("write");
        let file = file.to_str().expect("a UTF-8 temporary path");
        let (annotations, mut recorder, warning) =
            open_memory(&cli(&["--library", file]), &Scope::Bundled);
        assert_eq!(annotations, Annotations::default());
        let warning = warning.expect("a warning");
        assert!(
            warning.contains(file) && warning.contains(GOING_ON),
            "{warning}"
        );
        // The session goes on in memory: changes are accepted, nothing is written.
        let change = Change::Read {
            article: "a.txt".into(),
            read: true,
        };
        assert!(recorder.record(&Scope::Bundled, &change).is_ok());
        let (mut cache, warning) = open_cache(&cli(&["--library", file]));
        assert!(warning.is_some());
        assert_eq!(cache.get_many(&[[3; 32]]), [None]);
        assert_eq!(
            std::fs::read(file).expect("kept"),
            b"this is not a database, it is a shopping list"
        );
    }

    #[test]
    fn no_library_opens_nothing_and_says_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("library.db");
        let file = file.to_str().expect("a UTF-8 temporary path");
        let args = cli(&["--library", file, "--no-library"]);
        let (_, _, warning) = open_memory(&args, &Scope::Bundled);
        assert_eq!(warning, None);
        let (_, warning) = open_cache(&args);
        assert_eq!(warning, None);
        assert!(!std::path::Path::new(file).exists());
    }
}
