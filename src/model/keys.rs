//! What the extraction cache's keys are made of, and how its values are written.
//!
//! A key names one article's results by its file's bytes and format and by a [`Fingerprint`] of
//! everything else extraction depends on, so that a result is found again only where extracting
//! again would give it. A value carries a checksum: a value that does not decode, or whose bytes
//! were changed, is a miss.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::cache::CacheKey;
use crate::corpus::{Format, RawFile};
use crate::lexicon::{Lexicon, hash_str};
use crate::timeline::CatalogueEvent;

/// Bump by hand whenever a change to the code could change what extraction gives for the same
/// article, lexicon and catalogue: results stored by another version are then never used.
pub const EXTRACTOR_VERSION: u32 = 1;

/// The first byte of every value, naming how the rest is written.
const VALUE_FORMAT: u8 = 1;

const CHECKSUM_BYTES: usize = 32;

/// What extraction depends on besides the article: the extractor's version (by hand and the
/// crate's), the lexicons' and the catalogue's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    pub fn new(lexicon: &Lexicon, catalogue: &[CatalogueEvent]) -> Self {
        let mut hasher = blake3::Hasher::new();
        hash_str(&mut hasher, "dossier extraction");
        hasher.update(&EXTRACTOR_VERSION.to_le_bytes());
        hash_str(&mut hasher, env!("CARGO_PKG_VERSION"));
        lexicon.hash_into(&mut hasher);
        hash_count(&mut hasher, catalogue.len());
        for event in catalogue {
            hash_str(&mut hasher, &event.id);
            hash_str(&mut hasher, &event.date.to_string());
            hash_str(&mut hasher, &event.title);
            hash_strings(&mut hasher, event.place.iter());
            hash_strings(&mut hasher, event.participants.iter());
            hash_strings(&mut hasher, event.cues.iter());
        }
        Self(*hasher.finalize().as_bytes())
    }

    /// The key of one file's results.
    pub fn article_key(&self, file: &RawFile) -> CacheKey {
        let mut hasher = blake3::Hasher::new();
        hash_str(&mut hasher, "article");
        hasher.update(&self.0);
        hash_str(&mut hasher, format_name(file.format));
        hasher.update(&file.digest);
        *hasher.finalize().as_bytes()
    }

    /// The key of the corpus-wide results of these files, in this order: (file name, key).
    /// Names count because they give the articles their ids.
    pub fn corpus_key<'a>(
        &self,
        files: impl ExactSizeIterator<Item = (&'a str, &'a CacheKey)>,
    ) -> CacheKey {
        let mut hasher = blake3::Hasher::new();
        hash_str(&mut hasher, "corpus");
        hasher.update(&self.0);
        hash_count(&mut hasher, files.len());
        for (name, key) in files {
            hash_str(&mut hasher, name);
            hasher.update(key);
        }
        *hasher.finalize().as_bytes()
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

fn hash_count(hasher: &mut blake3::Hasher, count: usize) {
    hasher.update(&(count as u64).to_le_bytes());
}

fn hash_strings<'a>(hasher: &mut blake3::Hasher, strings: impl Iterator<Item = &'a String>) {
    let strings: Vec<&String> = strings.collect();
    hash_count(hasher, strings.len());
    for s in strings {
        hash_str(hasher, s);
    }
}

/// A value as the cache keeps it: its format, a checksum, then the value in postcard.
/// `None` only if the value cannot be written (it then is not kept).
pub fn encode<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    let payload = postcard::to_allocvec(value).ok()?;
    let mut bytes = Vec::with_capacity(1 + CHECKSUM_BYTES + payload.len());
    bytes.push(VALUE_FORMAT);
    bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
    bytes.extend_from_slice(&payload);
    Some(bytes)
}

/// The value [`encode`] wrote, or `None` for anything else: another format, a checksum that
/// does not match, or bytes that do not decode.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let (&format, rest) = bytes.split_first()?;
    if format != VALUE_FORMAT || rest.len() < CHECKSUM_BYTES {
        return None;
    }
    let (checksum, payload) = rest.split_at(CHECKSUM_BYTES);
    if blake3::hash(payload).as_bytes() != checksum {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_comes_back_and_a_damaged_one_does_not() {
        let value = (vec!["a harbour".to_owned(), "a bridge".to_owned()], 7_u32);
        let bytes = encode(&value).unwrap();
        assert_eq!(decode::<(Vec<String>, u32)>(&bytes), Some(value));
        for at in [0, 1, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert_eq!(decode::<(Vec<String>, u32)>(&damaged), None, "byte {at}");
        }
        assert_eq!(
            decode::<(Vec<String>, u32)>(&bytes[..bytes.len() - 1]),
            None
        );
        assert_eq!(decode::<(Vec<String>, u32)>(&[]), None);
    }

    #[test]
    fn keys_change_with_the_bytes_the_format_and_the_lexicon() {
        let file = |text: &str, format| {
            let bytes = text.as_bytes().to_vec().into();
            RawFile::new(
                "a.txt".to_owned(),
                bytes,
                format,
                crate::corpus::Origin::unknown(),
            )
        };
        let lexicon = Lexicon::builtin();
        let fingerprint = Fingerprint::new(lexicon, &[]);
        let key = fingerprint.article_key(&file("The ferry sailed.", Format::Text));
        assert_eq!(
            key,
            fingerprint.article_key(&file("The ferry sailed.", Format::Text))
        );
        assert_ne!(
            key,
            fingerprint.article_key(&file("The ferry sailed!", Format::Text))
        );
        assert_ne!(
            key,
            fingerprint.article_key(&file("The ferry sailed.", Format::Markdown))
        );

        let mut extended = lexicon.clone();
        extended.places.insert("Quillhaven");
        let other = Fingerprint::new(&extended, &[]);
        assert_ne!(other, fingerprint);
        assert_ne!(
            key,
            other.article_key(&file("The ferry sailed.", Format::Text))
        );
        assert_eq!(Fingerprint::new(&lexicon.clone(), &[]), fingerprint);
    }
}
