//! Where per-article extraction results are kept between runs, so that an unchanged article is
//! never extracted again. The library implements it on disk; [`NoCache`] keeps nothing.

/// Names one article's results: a hash of its file's bytes and of everything extraction
/// depends on (the extractor's version, the lexicons, the catalogue).
pub type CacheKey = [u8; 32];

pub trait ArticleCache {
    /// The stored results for each key, in the order of `keys`; `None` where nothing usable is
    /// stored (a cache that cannot be read is a cache that holds nothing).
    fn get_many(&mut self, keys: &[CacheKey]) -> Vec<Option<Vec<u8>>>;

    /// Keep these results. A failure costs only speed: the next run extracts again.
    fn put_many(&mut self, entries: &[(CacheKey, Vec<u8>)]) -> Result<(), String>;
}

/// The cache of `--no-library`: nothing is kept.
#[derive(Debug, Default)]
pub struct NoCache;

impl ArticleCache for NoCache {
    fn get_many(&mut self, keys: &[CacheKey]) -> Vec<Option<Vec<u8>>> {
        vec![None; keys.len()]
    }

    fn put_many(&mut self, _entries: &[(CacheKey, Vec<u8>)]) -> Result<(), String> {
        Ok(())
    }
}
