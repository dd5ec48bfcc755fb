//! The library's tables and their versions. Each migration runs in its own transaction and
//! ends by setting `PRAGMA user_version` to its number, so a crash leaves the file at one
//! version or the next, never between.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// Marks the file as a dossier library (`PRAGMA application_id`), so that another program's
/// database named by mistake is refused rather than filled with our tables.
const APPLICATION_ID: i64 = 0x646F_7373; // "doss"

/// Migration `n` (0-based) takes the schema from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the reader's marks, the folders opened and the extraction cache. Scopes are kept as
    // their text key (`Scope::key`); kinds as `Kind::as_str`; times in seconds since 1970.
    "CREATE TABLE read_mark (
        scope TEXT NOT NULL,
        article TEXT NOT NULL,
        marked_at INTEGER NOT NULL,
        PRIMARY KEY (scope, article)
    ) WITHOUT ROWID;
    CREATE TABLE star (
        scope TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        starred_at INTEGER NOT NULL,
        PRIMARY KEY (scope, kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE note (
        scope TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        written_at INTEGER NOT NULL,
        PRIMARY KEY (scope, kind, key)
    );
    CREATE TABLE session (
        scope TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    );
    CREATE TABLE search_history (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        list TEXT NOT NULL,
        query TEXT NOT NULL,
        UNIQUE (scope, list, query)
    );
    CREATE TABLE folder (
        path BLOB PRIMARY KEY,
        first_opened INTEGER NOT NULL,
        last_opened INTEGER NOT NULL,
        turn INTEGER NOT NULL
    );
    CREATE TABLE article_cache (
        key BLOB PRIMARY KEY CHECK (length(key) = 32),
        bytes BLOB NOT NULL,
        used_at INTEGER NOT NULL
    );
    CREATE INDEX article_cache_by_use ON article_cache (used_at);",
];

/// The schema version this dossier writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug)]
pub(super) enum SchemaError {
    Foreign,
    Newer(i64),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for SchemaError {
    fn from(err: rusqlite::Error) -> Self {
        SchemaError::Sqlite(err)
    }
}

impl SchemaError {
    pub(super) fn into_store_error(self, path: &Path) -> StoreError {
        match self {
            SchemaError::Foreign => StoreError::Foreign {
                path: path.to_owned(),
            },
            SchemaError::Newer(found) => StoreError::Newer {
                path: path.to_owned(),
                found,
                known: SCHEMA_VERSION,
            },
            SchemaError::Sqlite(err) => StoreError::from_sqlite(path, err),
        }
    }
}

struct Header {
    version: i64,
    application_id: i64,
    tables: i64,
}

fn header(conn: &Connection) -> rusqlite::Result<Header> {
    Ok(Header {
        version: conn.pragma_query_value(None, "user_version", |row| row.get(0))?,
        application_id: conn.pragma_query_value(None, "application_id", |row| row.get(0))?,
        tables: conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?,
    })
}

fn judge(header: &Header) -> Result<i64, SchemaError> {
    let blank = header.version == 0 && header.tables == 0;
    if header.application_id != APPLICATION_ID && !(blank && header.application_id == 0) {
        return Err(SchemaError::Foreign);
    }
    if header.version > SCHEMA_VERSION {
        return Err(SchemaError::Newer(header.version));
    }
    Ok(header.version)
}

/// The schema version of a file this dossier can use, found by reading only.
pub(super) fn check(conn: &Connection) -> Result<i64, SchemaError> {
    judge(&header(conn)?)
}

/// Settings that only a file without tables accepts. Incremental vacuum lets the cache give
/// pages back to the file system after pruning.
pub(super) fn prepare_new(conn: &Connection) -> rusqlite::Result<()> {
    let header = header(conn)?;
    if header.version == 0 && header.tables == 0 {
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")?;
    }
    Ok(())
}

/// Bring the schema up to [`SCHEMA_VERSION`], one migration per transaction. The version is
/// read again under the write lock: another dossier may have migrated meanwhile.
pub(super) fn migrate(conn: &Connection) -> Result<(), SchemaError> {
    if check(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    loop {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let version = judge(&header(&tx)?)?;
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        tx.execute_batch(step)?;
        if version == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
