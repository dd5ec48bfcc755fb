//! Extraction that is done once: a load with an extraction cache gives the model of a load
//! without one (the same export, byte for byte), and extracts only what the cache lacks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier::cache::{ArticleCache, CacheKey};
use dossier::export::Export;
use dossier::model::{Model, Sources};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// A cache in memory that counts what it was asked for and could not answer.
#[derive(Default)]
struct CountingCache {
    values: HashMap<CacheKey, Vec<u8>>,
    /// Keys asked for that it did not hold, over every look-up.
    misses: usize,
    asked: usize,
    kept: usize,
}

impl CountingCache {
    fn reset_counts(&mut self) {
        self.misses = 0;
        self.asked = 0;
        self.kept = 0;
    }
}

impl ArticleCache for CountingCache {
    fn get_many(&mut self, keys: &[CacheKey]) -> Vec<Option<Vec<u8>>> {
        self.asked += keys.len();
        keys.iter()
            .map(|key| {
                let found = self.values.get(key).cloned();
                self.misses += usize::from(found.is_none());
                found
            })
            .collect()
    }

    fn put_many(&mut self, entries: &[(CacheKey, Vec<u8>)]) -> Result<(), String> {
        self.kept += entries.len();
        self.values.extend(entries.iter().cloned());
        Ok(())
    }
}

fn export(model: &Model) -> String {
    Export::new(model).to_json(false)
}

fn sources(corpus: Option<&Path>) -> Sources {
    Sources {
        corpus: corpus.map(Path::to_owned),
        ..Sources::default()
    }
}

fn load(sources: &Sources, cache: &mut CountingCache) -> String {
    cache.reset_counts();
    export(&Model::load_cached(sources, None, cache).expect("the corpus loads"))
}

fn generated(articles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let args = gen_corpus::Args {
        articles,
        out: dir.path().to_owned(),
        seed: 3,
        people: None,
        force: true,
        truth: None,
    };
    gen_corpus::run(&args).expect("corpus generated");
    dir
}

/// The article files under `dir`, in name order.
fn article_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_bundled_corpus_warm_is_the_bundled_corpus_cold() {
    let sources = sources(None);
    let plain = export(&Model::load(&sources).unwrap());
    let mut cache = CountingCache::default();
    let cold = load(&sources, &mut cache);
    assert_eq!(cache.misses, cache.asked, "an empty cache holds nothing");
    assert!(cache.kept > 1, "every article and the corpus are kept");
    let warm = load(&sources, &mut cache);
    assert_eq!(cache.misses, 0);
    assert_eq!(cache.kept, 0, "nothing new to keep");
    assert!(
        cold == plain,
        "a cold load with a cache is a load without one"
    );
    assert!(warm == cold, "the warm export differs from the cold one");
}

#[test]
fn one_edited_added_or_removed_article_is_the_only_miss() {
    let dir = generated(40);
    let sources = sources(Some(dir.path()));
    let mut cache = CountingCache::default();
    let cold = load(&sources, &mut cache);
    let files = article_files(dir.path());
    assert_eq!(
        cache.asked,
        files.len() + 1,
        "one key per file and one for the corpus"
    );
    assert!(load(&sources, &mut cache) == cold);
    assert_eq!(cache.misses, 0);

    let changed = |cache: &mut CountingCache, what: &str| {
        let warm = load(&sources, cache);
        let plain = export(&Model::load(&sources).unwrap());
        assert!(
            warm == plain,
            "after {what}, the warm export differs from a cold one"
        );
        warm
    };

    let edited = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "txt"))
        .expect("a text article");
    let mut text = std::fs::read_to_string(edited).unwrap();
    text.push_str("\n\nThe harbour master, Ilse Vandermeer, said the quay would reopen.\n");
    std::fs::write(edited, text).unwrap();
    let after_edit = changed(&mut cache, "an edit");
    assert!(after_edit != cold, "the edit shows");
    assert_eq!(
        cache.misses, 2,
        "the edited article and the corpus-wide results"
    );

    let added = dir.path().join("zz-added.txt");
    std::fs::write(
        &added,
        "Ferry strike ends\n\nThe ferry crews of the northern islands went back to work on \
         Monday after a strike of nine days, their union said.\n",
    )
    .unwrap();
    changed(&mut cache, "an addition");
    assert_eq!(
        cache.misses, 2,
        "the added article and the corpus-wide results"
    );

    let removed = files.iter().rfind(|f| *f != edited).unwrap();
    let removed_text = std::fs::read(removed).unwrap();
    std::fs::remove_file(removed).unwrap();
    changed(&mut cache, "a removal");
    assert_eq!(cache.misses, 1, "only the corpus-wide results");

    // Back to a corpus seen before: every result is still there.
    std::fs::write(removed, removed_text).unwrap();
    changed(&mut cache, "putting the removed article back");
    assert_eq!(cache.misses, 0);
}

#[test]
fn a_damaged_value_is_a_miss_not_an_error() {
    let dir = generated(12);
    let sources = sources(Some(dir.path()));
    let mut cache = CountingCache::default();
    let cold = load(&sources, &mut cache);
    let keys: Vec<CacheKey> = cache.values.keys().copied().collect();
    for (n, key) in keys.iter().enumerate() {
        let value = cache.values.get_mut(key).unwrap();
        match n % 3 {
            0 => {
                let middle = value.len() / 2;
                value[middle] ^= 0x01;
            }
            1 => value.truncate(value.len() / 3),
            _ => *value = b"not a value at all".to_vec(),
        }
    }
    let warm = load(&sources, &mut cache);
    assert!(warm == cold, "a damaged cache changed the model");
    assert_eq!(
        cache.kept,
        keys.len(),
        "every damaged value is extracted again and kept"
    );
    load(&sources, &mut cache);
    assert_eq!(cache.kept, 0, "and found the next time");
}

#[test]
fn a_changed_lexicon_or_catalogue_misses_everything() {
    let dir = generated(8);
    let mut sources = sources(Some(dir.path()));
    let mut cache = CountingCache::default();
    load(&sources, &mut cache);
    load(&sources, &mut cache);
    assert_eq!(cache.misses, 0);

    let lexicon = tempfile::tempdir().unwrap();
    std::fs::write(lexicon.path().join("places.txt"), "Quillhaven Sound\n").unwrap();
    sources.lexicon = Some(lexicon.path().to_owned());
    let with_lexicon = load(&sources, &mut cache);
    assert_eq!(
        cache.misses, cache.asked,
        "a new lexicon misses every result"
    );
    assert!(with_lexicon == export(&Model::load(&sources).unwrap()));

    let events = tempfile::tempdir().unwrap();
    let catalogue = events.path().join("events.toml");
    std::fs::write(
        &catalogue,
        "[[event]]\nid = \"quay-reopens\"\ndate = \"2024-05-02\"\ntitle = \"The quay reopens\"\n\
         cues = [\"quay reopens\"]\n",
    )
    .unwrap();
    sources.events = Some(catalogue);
    let with_events = load(&sources, &mut cache);
    assert_eq!(
        cache.misses, cache.asked,
        "a new catalogue misses every result"
    );
    assert!(with_events == export(&Model::load(&sources).unwrap()));
    load(&sources, &mut cache);
    assert_eq!(cache.misses, 0);
}

#[test]
fn files_that_are_not_articles_keep_their_warnings_warm() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("b-latin1.txt"),
        b"Caf\xe9 owners in the old town met the council on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c-binary.txt"), b"\x00\x01\x02text").unwrap();
    std::fs::write(
        dir.path().join("d-story.md"),
        "# Bridge closes\n\nThe old bridge closed on Friday for repairs, the city said.\n",
    )
    .unwrap();
    let sources = sources(Some(dir.path()));
    let plain = Model::load(&sources).unwrap();
    assert!(plain.warnings.len() >= 2, "{:?}", plain.warnings);
    let mut cache = CountingCache::default();
    let cold = load(&sources, &mut cache);
    let warm = load(&sources, &mut cache);
    assert_eq!(cache.misses, 0);
    assert!(cold == export(&plain) && warm == cold);
    let model = Model::load_cached(&sources, None, &mut cache).unwrap();
    assert_eq!(model.warnings, plain.warnings);
}

#[test]
fn a_corpus_of_nothing_but_broken_files_is_an_error_warm_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let sources = sources(Some(dir.path()));
    let mut cache = CountingCache::default();
    for _ in 0..2 {
        let err = Model::load_cached(&sources, None, &mut cache).unwrap_err();
        assert!(err.to_string().contains("no articles"), "{err}");
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
