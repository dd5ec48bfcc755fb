//! The folders (and files) opened with `--corpus`, so that a bare `dossier` reopens the last.

use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{Store, StoreError, now};

/// A corpus opened before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    /// Seconds since 1970.
    pub first_opened: i64,
    pub last_opened: i64,
}

impl Store {
    /// Note that `path` (best canonical) was opened now.
    pub fn remember_folder(&mut self, path: &Path) -> Result<(), StoreError> {
        let bytes = path_bytes(path);
        let at = now();
        self.write(|tx| {
            // A counter rather than the clock orders the folders: two runs in one second, or a
            // clock set back, still leave the last one last.
            tx.execute(
                "INSERT INTO folder (path, first_opened, last_opened, turn)
                 VALUES (?1, ?2, ?2, (SELECT coalesce(max(turn), 0) + 1 FROM folder))
                 ON CONFLICT DO UPDATE SET last_opened = excluded.last_opened,
                     turn = excluded.turn",
                params![bytes, at],
            )
            .map(drop)
        })
    }

    /// The folders opened, the most recent first.
    pub fn folders(&self) -> Result<Vec<Folder>, StoreError> {
        let fail = |e| StoreError::from_sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT path, first_opened, last_opened FROM folder ORDER BY turn DESC")
            .map_err(fail)?;
        stmt.query_map([], |row| {
            Ok(Folder {
                path: path_from_bytes(row.get(0)?),
                first_opened: row.get(1)?,
                last_opened: row.get(2)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(fail)
    }

    /// The folder opened last, if any.
    pub fn last_folder(&self) -> Result<Option<PathBuf>, StoreError> {
        Ok(self.folders()?.into_iter().next().map(|f| f.path))
    }
}

/// Paths are kept as their bytes, so that a name that is not UTF-8 comes back the same.
#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}
