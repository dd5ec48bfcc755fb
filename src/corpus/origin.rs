//! Where an article came from, so that its raw text can be read again when the reader asks.
//!
//! The raw text is wanted rarely (the reader's `r`) but would be held for every article for the
//! whole session, as large as the corpus itself. So only its origin is kept: the bytes compiled
//! into the binary, the bytes handed in by a caller, or a file with a fingerprint of what was
//! read, so that a file changed since is noticed rather than shown as if it were the same.

use std::hash::Hasher;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHasher;

use super::Article;
use super::load::{self, MAX_ARTICLE_BYTES};

#[derive(Debug, Clone)]
pub enum Origin {
    /// One of the bundled articles.
    Bundled(&'static [u8]),
    /// Text given to [`super::Corpus::from_texts`].
    Memory(Arc<[u8]>),
    File {
        path: PathBuf,
        /// Of the bytes read at load time.
        fingerprint: u64,
    },
}

impl Origin {
    /// No text to read again: what an article decoded from the extraction cache has until the
    /// corpus gives it the origin of its file.
    pub fn unknown() -> Self {
        Self::Memory(Arc::from(&[][..]))
    }
}

/// A fingerprint of a file's bytes: enough to tell whether it changed since it was read.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// Why an article's raw text cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RawTextError {
    #[error("cannot read {file} again: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file} has changed since it was loaded; load the corpus again to see it")]
    Changed { file: String },
    #[error("{file} no longer holds text: {reason}")]
    NotText { file: String, reason: String },
}

impl Article {
    /// The file's text, converted and sanitised but not cleaned: what the reader's raw view
    /// shows. Read again from the article's origin each time it is asked for.
    pub fn raw_text(&self) -> Result<String, RawTextError> {
        let read;
        let bytes: &[u8] = match &self.origin {
            Origin::Bundled(bytes) => bytes,
            Origin::Memory(bytes) => bytes,
            Origin::File { path, fingerprint } => {
                read = load::read_regular_file(path, MAX_ARTICLE_BYTES).map_err(|problem| {
                    RawTextError::Unreadable {
                        file: self.file.clone(),
                        reason: problem.to_string(),
                    }
                })?;
                if self::fingerprint(&read) != *fingerprint {
                    return Err(RawTextError::Changed {
                        file: self.file.clone(),
                    });
                }
                &read
            }
        };
        load::convert(&self.file, bytes, self.format)
            .map(|converted| converted.text)
            .map_err(|warning| RawTextError::NotText {
                file: self.file.clone(),
                reason: warning.message,
            })
    }
}
