//! The per-article extraction cache: opaque bytes by a 32-byte key, with when each entry was
//! last used so that entries of articles long gone can be pruned.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now};
use crate::cache::{ArticleCache, CacheKey};

/// An entry used again within this many seconds is not touched again: a warm start of an
/// unchanged corpus then writes nothing.
const TOUCH_EVERY: i64 = 24 * 60 * 60;

/// What to keep when pruning the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CachePrune {
    /// Entries not used for this many seconds go.
    pub unused_for: i64,
    /// Then the least recently used go until the entries' bytes add up to at most this.
    pub max_bytes: Option<u64>,
}

/// What pruning removed and what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pruned {
    pub removed: u64,
    pub kept: u64,
    pub kept_bytes: u64,
}

impl Store {
    /// The entries and the bytes they hold.
    pub fn cache_size(&self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row(
                "SELECT count(*), coalesce(sum(length(bytes)), 0) FROM article_cache",
                [],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
            )
            .map(|(n, bytes)| (n.max(0).unsigned_abs(), bytes.max(0).unsigned_abs()))
            .map_err(|e| StoreError::from_sqlite(&self.path, e))
    }

    /// Remove old entries and give their pages back to the file system.
    pub fn prune_cache(&mut self, policy: CachePrune) -> Result<Pruned, StoreError> {
        let cutoff = now().saturating_sub(policy.unused_for);
        let mut removed =
            self.write(|tx| tx.execute("DELETE FROM article_cache WHERE used_at < ?1", [cutoff]))?;
        if let Some(max_bytes) = policy.max_bytes {
            let (_, bytes) = self.cache_size()?;
            if bytes > max_bytes {
                let excess = i64::try_from(bytes - max_bytes).unwrap_or(i64::MAX);
                removed += self.write(|tx| {
                    // Walk from the least recently used, adding up sizes, and drop entries
                    // until the excess is covered.
                    tx.execute(
                        "DELETE FROM article_cache WHERE key IN (
                             SELECT key FROM (
                                 SELECT key, sum(length(bytes)) OVER (
                                     ORDER BY used_at, key ROWS UNBOUNDED PRECEDING) AS upto,
                                     length(bytes) AS size
                                 FROM article_cache)
                             WHERE upto - size < ?1)",
                        [excess],
                    )
                })?;
            }
        }
        let fail = |e| StoreError::from_sqlite(&self.path, e);
        self.conn
            .execute_batch("PRAGMA incremental_vacuum")
            .map_err(fail)?;
        let (kept, kept_bytes) = self.cache_size()?;
        Ok(Pruned {
            removed: removed as u64,
            kept,
            kept_bytes,
        })
    }

    fn cache_get_many(&mut self, keys: &[CacheKey]) -> rusqlite::Result<Vec<Option<Vec<u8>>>> {
        let mut found = Vec::with_capacity(keys.len());
        let mut stale = Vec::new();
        let at = now();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT bytes, used_at FROM article_cache WHERE key = ?1")?;
            for key in keys {
                let row: Option<(Vec<u8>, i64)> = stmt
                    .query_row([&key[..]], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()?;
                if let Some((_, used_at)) = &row
                    && *used_at < at - TOUCH_EVERY
                {
                    stale.push(*key);
                }
                found.push(row.map(|(bytes, _)| bytes));
            }
        }
        if !stale.is_empty() {
            // Losing the touch costs only an earlier prune; the entries are still returned.
            let _ = self.write(|tx| {
                let mut stmt =
                    tx.prepare_cached("UPDATE article_cache SET used_at = ?1 WHERE key = ?2")?;
                for key in &stale {
                    stmt.execute(params![at, &key[..]])?;
                }
                Ok(())
            });
        }
        Ok(found)
    }
}

impl ArticleCache for Store {
    fn get_many(&mut self, keys: &[CacheKey]) -> Vec<Option<Vec<u8>>> {
        self.cache_get_many(keys)
            .unwrap_or_else(|_| vec![None; keys.len()])
    }

    /// One transaction for the whole batch.
    fn put_many(&mut self, entries: &[(CacheKey, Vec<u8>)]) -> Result<(), String> {
        let at = now();
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO article_cache (key, bytes, used_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET bytes = excluded.bytes, used_at = excluded.used_at",
            )?;
            for (key, bytes) in entries {
                stmt.execute(params![&key[..], bytes, at])?;
            }
            Ok(())
        })
        .map_err(|err| err.to_string())
    }
}
