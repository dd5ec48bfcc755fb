//! Knowledge files: word and phrase lists that the extractor uses as evidence.
//!
//! The bundled lists live in `assets/lexicon/` and are compiled in. A user extends them with a
//! folder of files with the same names (`--lexicon DIR`): each line adds an entry, and a line
//! starting with `!` removes a bundled one.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::text::{fold, fold_into};

/// A set of folded words or phrases (tokens joined by single spaces).
#[derive(Debug, Default, Clone)]
pub struct Phrases {
    set: FxHashSet<String>,
    max_words: usize,
}

impl Phrases {
    pub fn from_lines(text: &str) -> Self {
        let mut phrases = Self::default();
        phrases.extend_from(text);
        phrases
    }

    fn extend_from(&mut self, text: &str) {
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            match line.strip_prefix('!') {
                Some(removed) => {
                    self.set.remove(&fold(removed));
                }
                None => self.insert(line),
            }
        }
    }

    pub fn insert(&mut self, phrase: &str) {
        let key = fold(phrase);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        self.set.insert(key);
    }

    /// Does the folded form of `phrase` appear in the list?
    pub fn contains(&self, phrase: &str) -> bool {
        // Lookups are the extractor's inner loop: fold into a reused buffer, not a new string.
        SCRATCH.with_borrow_mut(|scratch| {
            fold_into(phrase, &mut scratch.phrase);
            self.set.contains(scratch.phrase.as_str())
        })
    }

    /// Like [`contains`](Self::contains), for a key that is already folded.
    pub fn contains_folded(&self, key: &str) -> bool {
        self.set.contains(key)
    }

    /// The number of leading words of `words` that form the longest listed phrase.
    pub fn longest_prefix(&self, words: &[&str]) -> Option<usize> {
        self.longest_run(words.iter().take(self.max_words).copied())
    }

    /// The number of trailing words of `words` that form the longest listed phrase.
    pub fn longest_suffix(&self, words: &[&str]) -> Option<usize> {
        let tail = &words[words.len().saturating_sub(self.max_words)..];
        (1..=tail.len())
            .rev()
            .find(|&n| self.longest_run(tail[tail.len() - n..].iter().copied()) == Some(n))
    }

    /// [`longest_prefix`](Self::longest_prefix) for words already folded.
    pub fn longest_prefix_folded(&self, keys: &[&str]) -> Option<usize> {
        SCRATCH.with_borrow_mut(|scratch| {
            let phrase = &mut scratch.phrase;
            phrase.clear();
            let mut longest = None;
            for (i, key) in keys.iter().take(self.max_words).enumerate() {
                if i > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(key);
                if self.set.contains(phrase.as_str()) {
                    longest = Some(i + 1);
                }
            }
            longest
        })
    }

    /// [`longest_suffix`](Self::longest_suffix) for words already folded.
    pub fn longest_suffix_folded(&self, keys: &[&str]) -> Option<usize> {
        let tail = &keys[keys.len().saturating_sub(self.max_words)..];
        (1..=tail.len())
            .rev()
            .find(|&n| self.longest_prefix_folded(&tail[tail.len() - n..]) == Some(n))
    }

    /// The longest listed phrase made of the first words of `words`, as a number of words.
    fn longest_run<'w>(&self, words: impl Iterator<Item = &'w str>) -> Option<usize> {
        SCRATCH.with_borrow_mut(|scratch| {
            let Scratch { phrase, word } = scratch;
            phrase.clear();
            let mut longest = None;
            for (i, w) in words.enumerate() {
                fold_into(w, word);
                if i > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(word);
                if self.set.contains(phrase.as_str()) {
                    longest = Some(i + 1);
                }
            }
            longest
        })
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    fn hash_into(&self, name: &str, hasher: &mut blake3::Hasher) {
        let mut entries: Vec<&str> = self.set.iter().map(String::as_str).collect();
        entries.sort_unstable();
        hash_str(hasher, name);
        hasher.update(&(entries.len() as u64).to_le_bytes());
        for entry in entries {
            hash_str(hasher, entry);
        }
        hasher.update(&(self.max_words as u64).to_le_bytes());
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

/// A string, length first, so that no two lists of strings feed the same bytes.
pub fn hash_str(hasher: &mut blake3::Hasher, text: &str) {
    hasher.update(&(text.len() as u64).to_le_bytes());
    hasher.update(text.as_bytes());
}

#[derive(Default)]
struct Scratch {
    phrase: String,
    word: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

macro_rules! lexicon_files {
    ($($field:ident),* $(,)?) => {
        /// Every knowledge list the extractor consults; see `assets/lexicon/README.md`.
        #[derive(Debug, Clone)]
        pub struct Lexicon {
            $(pub $field: Phrases,)*
        }

        /// The file names a lexicon folder may hold, without their `.txt` extension.
        pub const FILE_NAMES: &[&str] = &[$(stringify!($field)),*];

        impl Lexicon {
            /// The lists compiled into the binary, parsed on first use and shared.
            pub fn builtin() -> &'static Self {
                static BUILTIN: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
                BUILTIN.get_or_init(Self::bundled)
            }

            /// A fresh copy of the lists compiled into the binary.
            pub fn bundled() -> Self {
                Self {
                    $($field: Phrases::from_lines(include_str!(concat!(
                        env!("CARGO_MANIFEST_DIR"), "/assets/lexicon/", stringify!($field), ".txt"
                    ))),)*
                }
            }

            /// Feeds every list's entries to `hasher`, in an order that does not depend on how
            /// they are stored: equal lexicons hash alike, whatever files they came from.
            pub fn hash_into(&self, hasher: &mut blake3::Hasher) {
                $(self.$field.hash_into(stringify!($field), hasher);)*
            }

            fn list_mut(&mut self, name: &str) -> Option<&mut Phrases> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

lexicon_files!(
    first_names,
    surnames,
    countries,
    demonyms,
    places,
    place_words,
    organisations,
    media,
    org_words,
    event_words,
    titles,
    role_modifiers,
    honorifics,
    speech_verbs,
    verb_forms,
    non_name_capitals,
    boilerplate,
    abbreviations,
    regnal_titles,
    time_zones,
);

/// A user's lexicon folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error(
        "cannot read lexicon {}: {}",
        crate::corpus::sanitize::display_path(path),
        crate::corpus::describe_io_error(source)
    )]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "unknown lexicon file {}: expected one of {}",
        crate::corpus::sanitize::display_path(path),
        expected_files()
    )]
    UnknownFile { path: PathBuf },
}

fn expected_files() -> String {
    FILE_NAMES
        .iter()
        .map(|n| format!("{n}.txt"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The largest user lexicon file read: the bundled lists together are far smaller.
const MAX_LEXICON_FILE_BYTES: u64 = 64 * crate::corpus::MEGABYTE;

impl Lexicon {
    /// The bundled lists extended by the `.txt` files of a user's folder.
    pub fn with_user_folder(dir: &Path) -> Result<Self, LexiconError> {
        let unreadable = |path: &Path| {
            let path = path.to_owned();
            move |source| LexiconError::Unreadable { path, source }
        };
        let mut lexicon = Self::builtin().clone();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(unreadable(dir))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        entries.sort();
        for path in entries {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Not `read_to_string`: a named pipe in the folder must not hang the load.
            let bytes = crate::corpus::read_regular_file(&path, MAX_LEXICON_FILE_BYTES)
                .map_err(|problem| unreadable(&path)(problem.into()))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                unreadable(&path)(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "not valid UTF-8",
                ))
            })?;
            let list = lexicon
                .list_mut(&stem)
                .ok_or_else(|| LexiconError::UnknownFile { path: path.clone() })?;
            list.extend_from(&text);
        }
        Ok(lexicon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_fold_and_match_prefixes() {
        let p = Phrases::from_lines("# comment\nNew York\nU.S.\nYork\n\n");
        assert!(p.contains("new york"));
        assert!(p.contains("US"));
        assert_eq!(p.longest_prefix(&["New", "York", "City"]), Some(2));
        assert_eq!(p.longest_suffix(&["Old", "York"]), Some(1));
        assert_eq!(p.longest_prefix(&["Boston"]), None);
    }

    #[test]
    fn user_lines_add_and_remove() {
        let mut p = Phrases::from_lines("Alpha\nBeta");
        p.extend_from("!beta\nGamma");
        assert!(p.contains("alpha") && p.contains("gamma") && !p.contains("beta"));
    }

    #[test]
    fn bundled_lists_are_present() {
        let lexicon = Lexicon::builtin();
        assert!(lexicon.first_names.len() > 1000);
        assert!(lexicon.titles.contains("foreign minister"));
        assert!(lexicon.places.contains("Kyiv"));
    }

    #[test]
    fn unknown_user_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("firstnames.txt"), "Zed\n").unwrap();
        let err = Lexicon::with_user_folder(dir.path()).unwrap_err();
        assert!(err.to_string().contains("firstnames.txt"), "{err}");
    }

    #[test]
    fn user_folder_extends_lists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("first_names.txt"), "Zorblax\n").unwrap();
        let lexicon = Lexicon::with_user_folder(dir.path()).unwrap();
        assert!(lexicon.first_names.contains("Zorblax"));
    }
}
