//! Read marks, stars, notes, the session and the `/` history of each corpus.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, now};
use crate::annotations::{
    Annotations, Change, HISTORY_LIMIT, Kind, NotRecorded, Recorder, Scope, Target,
};

/// A note with when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    pub target: Target,
    pub text: String,
    /// Seconds since 1970.
    pub written_at: i64,
}

impl Store {
    /// Everything the reader left on `scope`. Rows of a kind this dossier does not know (a
    /// newer one's) are passed over.
    pub fn annotations(&self, scope: &Scope) -> Result<Annotations, StoreError> {
        self.read_annotations(&scope.key())
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    fn read_annotations(&self, scope: &str) -> rusqlite::Result<Annotations> {
        let mut annotations = Annotations::default();
        let mut stmt = self
            .conn
            .prepare("SELECT article FROM read_mark WHERE scope = ?1")?;
        annotations.read = stmt
            .query_map([scope], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare("SELECT kind, key FROM star WHERE scope = ?1")?;
        let stars: Vec<(String, String)> = stmt
            .query_map([scope], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        annotations.starred = stars
            .into_iter()
            .filter_map(|(kind, key)| target(&kind, key))
            .collect();
        annotations.notes = self
            .read_notes(scope)?
            .into_iter()
            .map(|note| (note.target, note.text))
            .collect();
        annotations.session = self
            .conn
            .query_row(
                "SELECT state FROM session WHERE scope = ?1",
                [scope],
                |row| row.get(0),
            )
            .optional()?;
        let mut stmt = self
            .conn
            .prepare("SELECT list, query FROM search_history WHERE scope = ?1 ORDER BY id")?;
        let queries = stmt.query_map([scope], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for query in queries {
            let (list, query) = query?;
            annotations.history.entry(list).or_default().push(query);
        }
        Ok(annotations)
    }

    /// The notes on `scope`, with when each was written, in the order of their targets.
    pub fn notes(&self, scope: &Scope) -> Result<Vec<NoteEntry>, StoreError> {
        self.read_notes(&scope.key())
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    fn read_notes(&self, scope: &str) -> rusqlite::Result<Vec<NoteEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, key, text, written_at FROM note WHERE scope = ?1 ORDER BY kind, key",
        )?;
        let rows: Vec<(String, String, String, i64)> = stmt
            .query_map([scope], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, key, text, written_at)| {
                Some(NoteEntry {
                    target: target(&kind, key)?,
                    text,
                    written_at,
                })
            })
            .collect())
    }

    /// Commit one change in its own transaction.
    pub fn apply(&mut self, scope: &Scope, change: &Change) -> Result<(), StoreError> {
        let scope = scope.key();
        self.write(|tx| write_change(tx, &scope, change))
    }
}

/// Each change is committed (and, with `synchronous = FULL`, on disk) before `record` returns.
impl Recorder for Store {
    fn record(&mut self, scope: &Scope, change: &Change) -> Result<(), NotRecorded> {
        self.apply(scope, change)
            .map_err(|err| NotRecorded(err.to_string()))
    }
}

fn target(kind: &str, key: String) -> Option<Target> {
    Some(Target {
        kind: Kind::parse(kind)?,
        key,
    })
}

fn write_change(tx: &Transaction<'_>, scope: &str, change: &Change) -> rusqlite::Result<()> {
    match change {
        Change::Read {
            article,
            read: true,
        } => {
            tx.execute(
                "INSERT INTO read_mark (scope, article, marked_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![scope, article, now()],
            )?;
        }
        Change::Read {
            article,
            read: false,
        } => {
            tx.execute(
                "DELETE FROM read_mark WHERE scope = ?1 AND article = ?2",
                params![scope, article],
            )?;
        }
        Change::Star {
            target,
            starred: true,
        } => {
            tx.execute(
                "INSERT INTO star (scope, kind, key, starred_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
                params![scope, target.kind.as_str(), target.key, now()],
            )?;
        }
        Change::Star {
            target,
            starred: false,
        } => {
            tx.execute(
                "DELETE FROM star WHERE scope = ?1 AND kind = ?2 AND key = ?3",
                params![scope, target.kind.as_str(), target.key],
            )?;
        }
        Change::Note {
            target,
            text: Some(text),
        } if !text.is_empty() => {
            tx.execute(
                "INSERT INTO note (scope, kind, key, text, written_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO UPDATE SET text = excluded.text, written_at = excluded.written_at",
                params![scope, target.kind.as_str(), target.key, text, now()],
            )?;
        }
        Change::Note { target, .. } => {
            tx.execute(
                "DELETE FROM note WHERE scope = ?1 AND kind = ?2 AND key = ?3",
                params![scope, target.kind.as_str(), target.key],
            )?;
        }
        Change::Session(state) => {
            tx.execute(
                "INSERT INTO session (scope, state, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at",
                params![scope, state, now()],
            )?;
        }
        // The same rule as `Annotations::apply`: blank queries are not kept.
        Change::History { query, .. } if query.trim().is_empty() => {}
        Change::History { list, query } => {
            tx.execute(
                "DELETE FROM search_history WHERE scope = ?1 AND list = ?2 AND query = ?3",
                params![scope, list, query],
            )?;
            tx.execute(
                "INSERT INTO search_history (scope, list, query) VALUES (?1, ?2, ?3)",
                params![scope, list, query],
            )?;
            tx.execute(
                "DELETE FROM search_history WHERE scope = ?1 AND list = ?2 AND id NOT IN (
                     SELECT id FROM search_history WHERE scope = ?1 AND list = ?2
                     ORDER BY id DESC LIMIT ?3)",
                params![scope, list, HISTORY_LIMIT as i64],
            )?;
        }
    }
    Ok(())
}
