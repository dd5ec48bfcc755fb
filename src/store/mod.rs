//! The library: one SQLite file per user that keeps what the reader leaves behind (read marks,
//! stars, notes, the session, the `/` history), the folders opened, and the per-article
//! extraction cache.
//!
//! Opening never harms the file: a file that is not a library, one made by a newer dossier, or
//! one that cannot be written is refused with a [`StoreError`] before anything is written, and
//! the caller runs without the library.

mod cache;
mod folders;
pub mod location;
mod marks;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::corpus::sanitize::display_path;

pub use cache::{CachePrune, Pruned};
pub use folders::Folder;
pub use location::{Location, LocationError};
pub use marks::NoteEntry;
pub use schema::SCHEMA_VERSION;

/// How long a change waits for another dossier's write to end before it gives up. The other
/// program's transactions are single changes or one batch of cache entries, so a wait this long
/// means something is holding the library.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// Why the library cannot be used. Each names the file and says what is wrong with it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot create the library's folder: {source}", display_path(path))]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: not a dossier library (not an SQLite database, or a damaged one); the file is left as it is",
        display_path(path)
    )]
    NotALibrary { path: PathBuf },
    #[error(
        "{}: an SQLite database of another program, not a dossier library; the file is left as it is",
        display_path(path)
    )]
    Foreign { path: PathBuf },
    #[error(
        "{}: made by a newer dossier (library version {found}, this dossier knows up to {known}); \
         the file is left as it is",
        display_path(path)
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{}: the library is busy: another program is writing to it; try again when it is done",
        display_path(path)
    )]
    Busy { path: PathBuf },
    #[error("{}: the library cannot be written: {detail}", display_path(path))]
    Unwritable { path: PathBuf, detail: String },
    #[error("{}: the library cannot be opened: {detail}", display_path(path))]
    Unopenable { path: PathBuf, detail: String },
    #[error(
        "{}: the library is damaged: {detail}; the file is left as it is",
        display_path(path)
    )]
    Damaged { path: PathBuf, detail: String },
    #[error("{}: {source}", display_path(path))]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Sort an SQLite failure by what the user can do about it.
    fn from_sqlite(path: &Path, err: rusqlite::Error) -> Self {
        let path = path.to_owned();
        let detail = err.to_string();
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::NotALibrary { path }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
            Some(ErrorCode::ReadOnly | ErrorCode::DiskFull) => {
                StoreError::Unwritable { path, detail }
            }
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::Unopenable {
                path,
                detail: format!(
                    "{detail} (the file, or its folder, cannot be read or written by this user)"
                ),
            },
            _ => StoreError::Sqlite { path, source: err },
        }
    }
}

/// An open library.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open the library at `path` for reading and writing, creating it (and its folder) when
    /// it is not there, and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                path: path.to_owned(),
                source,
            })?;
        }
        let store = Self::connect(path, OpenFlags::SQLITE_OPEN_CREATE)?;
        store.check_readable()?;
        if store.conn.is_readonly("main").unwrap_or(true) {
            return Err(StoreError::Unwritable {
                path: path.to_owned(),
                detail: "the file or its folder is read-only".to_owned(),
            });
        }
        store.prepare_for_writing()?;
        Ok(store)
    }

    /// Open an existing library to read it: `None` when there is no file yet (nothing to read,
    /// and nothing is created). A read-only library is read as it is.
    pub fn open_to_read(path: &Path) -> Result<Option<Self>, StoreError> {
        match std::fs::metadata(path) {
            // A path through a file cannot lead to a library either.
            Err(err)
                if matches!(
                    err.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None);
            }
            Err(err) => {
                return Err(StoreError::Unopenable {
                    path: path.to_owned(),
                    detail: err.to_string(),
                });
            }
            Ok(_) => {}
        }
        let store = Self::connect(path, OpenFlags::empty())?;
        let version = store.check_readable()?;
        if version == SCHEMA_VERSION {
            return Ok(Some(store));
        }
        if version == 0 {
            // An empty file: nothing was ever stored.
            return Ok(None);
        }
        store.prepare_for_writing()?;
        Ok(Some(store))
    }

    /// A library that lives as long as the value, in memory.
    pub fn in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| StoreError::from_sqlite(&path, e))?;
        let store = Self { conn, path };
        store.prepare_for_writing()?;
        Ok(store)
    }

    /// The file this library is kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(path: &Path, create: OpenFlags) -> Result<Self, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | create;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    /// Read the header and the schema's version without writing anything: a file that is not
    /// ours, or is newer than this dossier, is refused here, untouched.
    fn check_readable(&self) -> Result<i64, StoreError> {
        schema::check(&self.conn).map_err(|e| e.into_store_error(&self.path))
    }

    /// WAL, so that a second dossier reads while this one writes; `synchronous = FULL`, because
    /// in WAL mode NORMAL may lose the last transactions on power loss (it syncs only at
    /// checkpoints), and a change acknowledged to the reader must survive that.
    fn prepare_for_writing(&self) -> Result<(), StoreError> {
        let fail = |e| StoreError::from_sqlite(&self.path, e);
        schema::prepare_new(&self.conn).map_err(fail)?;
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(fail)?;
        // A database in memory has no WAL; it has nothing to keep either.
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::Unwritable {
                path: self.path.clone(),
                detail: format!("cannot switch to write-ahead logging (journal mode {mode})"),
            });
        }
        self.conn
            .pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        schema::migrate(&self.conn).map_err(|e| e.into_store_error(&self.path))?;
        // Taking the write lock once now says "busy" at the start rather than at the first
        // change the reader makes.
        self.write_probe()
    }

    fn write_probe(&self) -> Result<(), StoreError> {
        let fail = |e| StoreError::from_sqlite(&self.path, e);
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(fail)?;
        tx.rollback().map_err(fail)
    }

    /// Run `work` in its own committed transaction, taking the write lock first so that a busy
    /// library fails at once rather than halfway.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let fail = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let value = work(&tx).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(value)
    }

    /// `PRAGMA integrity_check`: `Ok(())` when the file is sound, else SQLite's findings.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        let findings: Vec<String> = stmt
            .query_map([], |row| row.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        if findings == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: findings.join("; "),
            })
        }
    }
}

/// Seconds since 1970, the library's clock.
fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests;
