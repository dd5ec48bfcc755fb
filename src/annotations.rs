//! What the reader leaves behind: read marks, stars, notes, the last session and the `/` prompt's
//! history. A plain value, loaded from the library when the browser starts; every change the
//! reader makes is a [`Change`], applied here at once and handed to a [`Recorder`] (the library)
//! that commits it in its own transaction, so that nothing acknowledged is lost to a crash.
//!
//! Marks are kept per corpus (a [`Scope`]): the same file name in two folders is two articles.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// The kind of thing a mark is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Article,
    Person,
    Event,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Person => "person",
            Kind::Event => "event",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "article" => Some(Kind::Article),
            "person" => Some(Kind::Person),
            "event" => Some(Kind::Event),
            _ => None,
        }
    }
}

/// One article, person or event. Articles are named by their file (`Article::file`), which
/// stays the same when other files come and go; people and events by their id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Target {
    pub kind: Kind,
    pub key: String,
}

impl Target {
    pub fn article(file: impl Into<String>) -> Self {
        Self {
            kind: Kind::Article,
            key: file.into(),
        }
    }

    pub fn person(id: impl Into<String>) -> Self {
        Self {
            kind: Kind::Person,
            key: id.into(),
        }
    }

    pub fn event(id: impl Into<String>) -> Self {
        Self {
            kind: Kind::Event,
            key: id.into(),
        }
    }
}

/// The corpus a set of marks belongs to: the canonical path of its folder or file, or the
/// bundled corpus.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Bundled,
    Folder(std::path::PathBuf),
}

impl Scope {
    /// The scope as the library stores it.
    pub fn key(&self) -> String {
        match self {
            Scope::Bundled => "bundled:".to_owned(),
            Scope::Folder(path) => format!("path:{}", path.display()),
        }
    }
}

/// One change the reader made. Applying it twice leaves what applying it once does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read {
        article: String,
        read: bool,
    },
    Star {
        target: Target,
        starred: bool,
    },
    /// `None` removes the note; an empty text is removed too.
    Note {
        target: Target,
        text: Option<String>,
    },
    /// The browser's state as it chose to save it (pane, cursors, pins, filters, reader
    /// position), opaque here.
    Session(String),
    /// A query typed at the `/` prompt of one list ("timeline", "people", "articles", ...).
    History {
        list: String,
        query: String,
    },
}

/// Everything the reader left on one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub read: BTreeSet<String>,
    pub starred: BTreeSet<Target>,
    pub notes: BTreeMap<Target, String>,
    pub session: Option<String>,
    /// Per list, oldest first, without repeats (a query typed again moves to the end).
    pub history: BTreeMap<String, Vec<String>>,
}

/// Queries kept per list; older ones are forgotten.
pub const HISTORY_LIMIT: usize = 200;

impl Annotations {
    pub fn is_read(&self, article_file: &str) -> bool {
        self.read.contains(article_file)
    }

    pub fn is_starred(&self, target: &Target) -> bool {
        self.starred.contains(target)
    }

    pub fn note(&self, target: &Target) -> Option<&str> {
        self.notes.get(target).map(String::as_str)
    }

    pub fn history(&self, list: &str) -> &[String] {
        self.history.get(list).map_or(&[], Vec::as_slice)
    }

    /// Apply one change to the value in memory.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Read { article, read } => {
                if *read {
                    self.read.insert(article.clone());
                } else {
                    self.read.remove(article);
                }
            }
            Change::Star { target, starred } => {
                if *starred {
                    self.starred.insert(target.clone());
                } else {
                    self.starred.remove(target);
                }
            }
            Change::Note { target, text } => match text {
                Some(text) if !text.is_empty() => {
                    self.notes.insert(target.clone(), text.clone());
                }
                _ => {
                    self.notes.remove(target);
                }
            },
            Change::Session(state) => self.session = Some(state.clone()),
            Change::History { list, query } => {
                if query.trim().is_empty() {
                    return;
                }
                let queries = self.history.entry(list.clone()).or_default();
                queries.retain(|q| q != query);
                queries.push(query.clone());
                if queries.len() > HISTORY_LIMIT {
                    let excess = queries.len() - HISTORY_LIMIT;
                    queries.drain(..excess);
                }
            }
        }
    }
}

/// Why a change could not be kept on disk. The change still holds in memory for the session.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotRecorded(pub String);

/// Where changes are committed: the library, or nowhere (`--no-library`).
pub trait Recorder {
    /// Commit one change durably before returning.
    fn record(&mut self, scope: &Scope, change: &Change) -> Result<(), NotRecorded>;
}

/// The recorder of `--no-library`: changes last as long as the session.
#[derive(Debug, Default)]
pub struct InMemory;

impl Recorder for InMemory {
    fn record(&mut self, _scope: &Scope, _change: &Change) -> Result<(), NotRecorded> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_applied_twice_is_applied_once() {
        let mut once = Annotations::default();
        let mut twice = Annotations::default();
        let changes = [
            Change::Read {
                article: "a.txt".into(),
                read: true,
            },
            Change::Star {
                target: Target::person("ada-quill"),
                starred: true,
            },
            Change::Note {
                target: Target::event("harbour-opening"),
                text: Some("check the second source".into()),
            },
            Change::History {
                list: "people".into(),
                query: "quill".into(),
            },
        ];
        for change in &changes {
            once.apply(change);
            twice.apply(change);
            twice.apply(change);
        }
        assert_eq!(once, twice);
        assert_eq!(once.history("people"), ["quill".to_owned()]);
    }

    #[test]
    fn an_empty_note_removes_the_note_and_unmarking_forgets() {
        let mut notes = Annotations::default();
        let target = Target::article("b.md");
        notes.apply(&Change::Note {
            target: target.clone(),
            text: Some("  spaced\nand multi-line  ".into()),
        });
        assert_eq!(notes.note(&target), Some("  spaced\nand multi-line  "));
        notes.apply(&Change::Note {
            target: target.clone(),
            text: Some(String::new()),
        });
        assert_eq!(notes.note(&target), None);
        notes.apply(&Change::Read {
            article: "b.md".into(),
            read: true,
        });
        notes.apply(&Change::Read {
            article: "b.md".into(),
            read: false,
        });
        assert!(!notes.is_read("b.md"));
    }

    #[test]
    fn history_moves_a_repeated_query_to_the_end_and_forgets_the_oldest() {
        let mut notes = Annotations::default();
        for n in 0..HISTORY_LIMIT + 5 {
            notes.apply(&Change::History {
                list: "articles".into(),
                query: format!("q{n}"),
            });
        }
        notes.apply(&Change::History {
            list: "articles".into(),
            query: "q10".into(),
        });
        let history = notes.history("articles");
        assert_eq!(history.len(), HISTORY_LIMIT);
        assert_eq!(history.last().map(String::as_str), Some("q10"));
        assert!(!history.iter().any(|q| q == "q0"));
    }
}
