//! Loading with an extraction cache: every file is read and hashed, the results of the
//! unchanged ones are taken from the cache, only the others are extracted (and kept), and the
//! corpus-wide stages run only if the corpus changed.

use rayon::prelude::*;

use super::keys::{self, Fingerprint};
use super::{Extracted, Extraction, Linked, Model, ModelError, Sources, link};
use crate::cache::{ArticleCache, CacheKey};
use crate::corpus::{
    self, CorpusError, Listed, LoadOptions, LoadWarning, Prepared, RawFile, TitleOrigin,
};
use crate::lexicon::Lexicon;
use crate::progress::{self, Progress, Stage};
use crate::timeline::{self, CatalogueEvent};

/// What is kept of one file: the article made of it, and what was extracted from it alone.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ArticleResults {
    pub prepared: Prepared,
    /// For a built article.
    pub extracted: Option<Extracted>,
}

impl ArticleResults {
    fn of(file: RawFile, lexicon: &Lexicon) -> Self {
        let prepared = corpus::prepare(file, lexicon);
        let extracted = match &prepared {
            Prepared::Built { article, .. } => Some(Extracted::of(article, lexicon)),
            _ => None,
        };
        Self {
            prepared,
            extracted,
        }
    }

    /// Did dossier fail on it? Then it is not kept: a later version may not fail.
    fn failed(&self) -> bool {
        self.prepared.failed() || self.extracted.as_ref().is_some_and(Extracted::failed)
    }
}

pub(super) fn load(
    sources: &Sources,
    progress: Option<&Progress>,
    mut cache: Option<&mut dyn ArticleCache>,
) -> Result<Model, ModelError> {
    let user_lexicon;
    let lexicon = match &sources.lexicon {
        Some(dir) => {
            user_lexicon = Lexicon::with_user_folder(dir)?;
            &user_lexicon
        }
        None => Lexicon::builtin(),
    };
    let catalogue = match &sources.events {
        Some(file) => timeline::catalogue::with_user_file(file)?,
        None => timeline::catalogue::bundled(),
    };
    let listing = match &sources.corpus {
        Some(path) => {
            let options = LoadOptions {
                follow_links: sources.follow_links,
            };
            // With a cache, most files are found in it: only the others are read again.
            match cache {
                Some(_) => corpus::list_path_released(path, progress, options)?,
                None => corpus::list_path(path, progress, options)?,
            }
        }
        None => corpus::list_bundled(),
    };

    let (files, mut warnings) = split(listing);
    let mut keyed = cache
        .as_deref_mut()
        .map(|cache| Keyed::look_up(cache, &files, lexicon, &catalogue));
    let stored = keyed
        .as_mut()
        .map(|k| std::mem::take(&mut k.stored))
        .unwrap_or_default();
    let results = extract_misses(files, stored, keyed.as_ref(), lexicon, progress);
    let mut new_entries = Vec::new();
    let mut names = Vec::with_capacity(results.len());
    let mut outcomes = Vec::with_capacity(results.len());
    let mut changed_while_loading = false;
    for found in results {
        changed_while_loading |= found.changed_while_loading;
        names.push(found.name);
        if let Some(entry) = found.new_entry {
            new_entries.push(entry);
        }
        outcomes.push((found.origin, found.results));
    }
    if let Some(cache) = cache.as_deref_mut()
        && !new_entries.is_empty()
    {
        // A cache that cannot keep them costs only the next start's time.
        let _ = cache.put_many(&new_entries);
    }
    drop(new_entries);

    let mut extraction = gather(outcomes, &names, &mut warnings);
    if extraction.articles.is_empty() {
        return Err(ModelError::Corpus(CorpusError::NoArticles {
            path: sources.corpus.clone().unwrap_or_default(),
            warnings,
        }));
    }
    let linked = match keyed
        .as_ref()
        .and_then(|k| k.corpus_stored.as_deref())
        .and_then(keys::decode::<Linked>)
        .filter(|linked| linked.fits(&extraction.articles))
    {
        Some(linked) => linked,
        None => {
            let linked = link(&mut extraction, lexicon, &catalogue, progress);
            if let (Some(cache), Some(keyed)) = (cache, &keyed)
                && !linked.failed
                && !extraction.failed()
                && !changed_while_loading
                && let Some(bytes) = keys::encode(&linked)
            {
                let _ = cache.put_many(&[(keyed.corpus_key, bytes)]);
            }
            linked
        }
    };
    progress::start(progress, Stage::Done, 0);
    extraction.warnings = warnings;
    Ok(Model::assemble(extraction, linked))
}

/// The files of a listing, with where each one's warnings go among the listing's: the
/// warnings about unreadable files are kept in the order they were found.
struct Placed {
    /// How many of the listing's warnings come before this file's.
    warnings_before: usize,
    file: RawFile,
}

fn split(listing: Vec<Listed>) -> (Vec<Placed>, Vec<LoadWarning>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for item in listing {
        match item {
            Listed::File(file) => files.push(Placed {
                warnings_before: warnings.len(),
                file,
            }),
            Listed::Warning(warning) => warnings.push(warning),
        }
    }
    (files, warnings)
}

/// The cache's keys for a corpus and what it holds under them.
struct Keyed {
    fingerprint: Fingerprint,
    keys: Vec<CacheKey>,
    stored: Vec<Option<Vec<u8>>>,
    corpus_key: CacheKey,
    corpus_stored: Option<Vec<u8>>,
}

impl Keyed {
    /// One look-up for every file and for the corpus-wide results.
    fn look_up(
        cache: &mut dyn ArticleCache,
        files: &[Placed],
        lexicon: &Lexicon,
        catalogue: &[CatalogueEvent],
    ) -> Self {
        let fingerprint = Fingerprint::new(lexicon, catalogue);
        let keys: Vec<CacheKey> = files
            .par_iter()
            .map(|placed| fingerprint.article_key(&placed.file))
            .collect();
        let corpus_key = fingerprint.corpus_key(
            files
                .iter()
                .zip(&keys)
                .map(|(placed, key)| (placed.file.name.as_str(), key)),
        );
        let mut asked = keys.clone();
        asked.push(corpus_key);
        let mut stored = cache.get_many(&asked);
        // A cache that answers for other keys than asked holds nothing usable.
        if stored.len() != asked.len() {
            stored = vec![None; asked.len()];
        }
        let corpus_stored = stored.pop().flatten();
        Self {
            fingerprint,
            keys,
            stored,
            corpus_key,
            corpus_stored,
        }
    }
}

/// One file's results, from the cache or extracted now.
struct Found {
    name: String,
    origin: (usize, corpus::Origin),
    results: ArticleResults,
    /// The results to keep, if they were extracted now.
    new_entry: Option<(CacheKey, Vec<u8>)>,
    /// The file read again was not the file listed: its results are not those of its key.
    changed_while_loading: bool,
}

/// Each file's results: decoded from what the cache holds for it (`stored`, by file), else
/// extracted now (on every core, each file isolated from the others) and, with a cache, encoded
/// to be kept under its key.
fn extract_misses(
    files: Vec<Placed>,
    mut stored: Vec<Option<Vec<u8>>>,
    keyed: Option<&Keyed>,
    lexicon: &Lexicon,
    progress: Option<&Progress>,
) -> Vec<Found> {
    stored.resize(files.len(), None);
    let decoded: Vec<Option<ArticleResults>> = stored
        .into_par_iter()
        .map(|bytes| keys::decode(&bytes?))
        .collect();
    let misses = decoded.iter().filter(|d| d.is_none()).count();
    progress::start(progress, Stage::Cleaning, misses);
    files
        .into_par_iter()
        .zip(decoded)
        .enumerate()
        .map(|(i, (placed, decoded))| {
            let Placed {
                warnings_before,
                file,
            } = placed;
            let name = file.name.clone();
            let found = |origin, results, new_entry, changed_while_loading| Found {
                name: name.clone(),
                origin: (warnings_before, origin),
                results,
                new_entry,
                changed_while_loading,
            };
            if let Some(results) = decoded {
                return found(file.origin, results, None, false);
            }
            let listed_origin = file.origin.clone();
            let file = match file.read_again() {
                Ok(file) => file,
                Err(problem) => {
                    let results = ArticleResults {
                        prepared: Prepared::Skipped(format!("skipped: {problem}")),
                        extracted: None,
                    };
                    return found(listed_origin, results, None, true);
                }
            };
            let key = keyed.map(|k| (k.fingerprint.article_key(&file), k.keys.get(i)));
            let unchanged = key.is_none_or(|(now, listed)| Some(&now) == listed);
            let origin = file.origin.clone();
            let results = ArticleResults::of(file, lexicon);
            progress::step(progress);
            let new_entry = key
                .filter(|_| unchanged && !results.failed())
                .and_then(|(key, _)| Some((key, keys::encode(&results)?)));
            found(origin, results, new_entry, !unchanged)
        })
        .collect()
}

/// The articles of the files' results in corpus order, with their ids, names and origins,
/// and every warning in the order a load without cache gives them.
fn gather(
    outcomes: Vec<((usize, corpus::Origin), ArticleResults)>,
    names: &[String],
    listing_warnings: &mut Vec<LoadWarning>,
) -> Extraction {
    let mut extraction = Extraction::default();
    let mut warnings = Vec::with_capacity(listing_warnings.len());
    let mut listed = std::mem::take(listing_warnings).into_iter();
    let mut taken = 0;
    let mut cleaning_failed = Vec::new();
    let mut ids = crate::text::UniqueIds::new();
    for (((warnings_before, origin), results), name) in outcomes.into_iter().zip(names) {
        warnings.extend(listed.by_ref().take(warnings_before - taken));
        taken = warnings_before;
        let warn = |message: String| LoadWarning::new(name.clone(), message);
        match results.prepared {
            Prepared::Skipped(message) | Prepared::DecodingFailed(message) => {
                warnings.push(warn(message));
            }
            Prepared::CleaningFailed {
                warnings: repaired,
                failure,
            } => {
                warnings.extend(repaired.into_iter().map(warn));
                cleaning_failed.push(warn(failure));
                corpus::unique_id(name, &mut ids);
            }
            Prepared::Built {
                warnings: repaired,
                article,
            } => {
                warnings.extend(repaired.into_iter().map(warn));
                let mut article = *article;
                article.id = corpus::unique_id(name, &mut ids);
                if article.title_origin == TitleOrigin::FileName {
                    article.title = name.clone();
                }
                article.file = name.clone();
                article.origin = origin;
                let extracted = results.extracted.unwrap_or(Extracted {
                    names: Ok(Default::default()),
                    dates: Ok(Vec::new()),
                });
                extraction.articles.push(article);
                extraction.add(extraction.articles.len() - 1, extracted);
            }
        }
    }
    warnings.extend(listed);
    warnings.extend(cleaning_failed);
    *listing_warnings = warnings;
    extraction
}
