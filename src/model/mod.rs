//! The fourth stage: the linked, indexed corpus that every view reads.

use std::path::PathBuf;

mod cached;
pub mod keys;

use crate::cache::ArticleCache;
use crate::corpus::{Article, ArticleDate, Corpus, CorpusError, LoadWarning};
use crate::extract::dates::{DateMention, find_dates};
use crate::extract::people::{Failure, Person, ScannedNames, people_from_scans, scan_names};
use crate::extract::posts::stamp_post_dates;
use crate::lexicon::{Lexicon, LexiconError};
use crate::progress::{self, Progress, Stage};
use crate::text::slug;
use crate::timeline::{self, ArticleFacts, CatalogueError, CatalogueEvent, Event};

/// Where the model's inputs come from; `None` means the bundled ones.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub corpus: Option<PathBuf>,
    pub events: Option<PathBuf>,
    pub lexicon: Option<PathBuf>,
    /// Follow symbolic links that lead out of the corpus folder (`--follow-links`).
    pub follow_links: bool,
}

/// Why no model could be built. Per-article problems are warnings, not errors.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// A person with an identifier and the articles that name them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PersonEntry {
    pub id: String,
    pub person: Person,
    pub articles: Vec<usize>,
}

/// Everything, linked both ways by index.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub articles: Vec<Article>,
    pub people: Vec<PersonEntry>,
    pub events: Vec<Event>,
    pub warnings: Vec<LoadWarning>,
    /// Date expressions of each article.
    pub dates: Vec<Vec<DateMention>>,
    /// People of each article, in order of first mention.
    pub article_people: Vec<Vec<usize>>,
    pub article_events: Vec<Vec<usize>>,
    pub person_events: Vec<Vec<usize>>,
}

impl Model {
    /// Load the corpus, catalogue and lexicons named by `sources` and build the model.
    pub fn load(sources: &Sources) -> Result<Self, ModelError> {
        Self::load_with(sources, None)
    }

    /// [`load`](Self::load), reporting how far it has got in `progress`.
    pub fn load_with(sources: &Sources, progress: Option<&Progress>) -> Result<Self, ModelError> {
        cached::load(sources, progress, None)
    }

    /// [`load_with`](Self::load_with), extracting only the articles whose results `cache` does
    /// not hold yet, and keeping theirs in it; likewise for the corpus-wide results. The model
    /// is the same as without a cache (its export is byte for byte the same).
    pub fn load_cached(
        sources: &Sources,
        progress: Option<&Progress>,
        cache: &mut dyn ArticleCache,
    ) -> Result<Self, ModelError> {
        cached::load(sources, progress, Some(cache))
    }

    /// Extract people and events from a loaded corpus and link them.
    pub fn build(corpus: Corpus, lexicon: &Lexicon, catalogue: &[CatalogueEvent]) -> Self {
        Self::build_with(corpus, lexicon, catalogue, None)
    }

    /// [`build`](Self::build), reporting its stages in `progress`.
    pub fn build_with(
        corpus: Corpus,
        lexicon: &Lexicon,
        catalogue: &[CatalogueEvent],
        progress: Option<&Progress>,
    ) -> Self {
        use rayon::prelude::*;
        let Corpus { articles, warnings } = corpus;
        progress::start(progress, Stage::People, 0);
        let extracted: Vec<Extracted> = articles
            .par_iter()
            .map(|article| Extracted::of(article, lexicon))
            .collect();
        let mut extraction = Extraction {
            articles,
            warnings,
            ..Extraction::default()
        };
        for (article, found) in extracted.into_iter().enumerate() {
            extraction.add(article, found);
        }
        let linked = link(&mut extraction, lexicon, catalogue, progress);
        Self::assemble(extraction, linked)
    }

    /// The bundled corpus with the bundled knowledge files.
    pub fn bundled() -> Self {
        let lexicon = Lexicon::builtin();
        Self::build(
            Corpus::bundled(lexicon),
            lexicon,
            &timeline::catalogue::bundled(),
        )
    }

    /// The model of the per-article results and of the corpus-wide ones made of them.
    fn assemble(extraction: Extraction, linked: Linked) -> Self {
        let Extraction {
            mut articles,
            mut warnings,
            dates,
            ..
        } = extraction;
        for (article, date) in articles.iter_mut().zip(&linked.article_dates) {
            article.date = *date;
        }
        warnings.extend(linked.warnings);
        Self {
            articles,
            people: linked.people,
            events: linked.events,
            warnings,
            dates,
            article_people: linked.article_people,
            article_events: linked.article_events,
            person_events: linked.person_events,
        }
    }
}

/// What extraction finds in one article on its own: the people scan and the date expressions
/// (stamped with their live-blog posts), or the internal error that stopped each.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub names: Result<ScannedNames, String>,
    pub dates: Result<Vec<DateMention>, String>,
}

impl Extracted {
    pub fn of(article: &Article, lexicon: &Lexicon) -> Self {
        Self {
            names: crate::isolate::isolated(|| scan_names(article, lexicon)),
            dates: crate::isolate::isolated(|| {
                let mut dates = find_dates(article);
                stamp_post_dates(article, &mut dates, lexicon);
                dates
            }),
        }
    }

    fn failed(&self) -> bool {
        self.names.is_err() || self.dates.is_err()
    }
}

/// Every article's own results, gathered in corpus order for the corpus-wide stages.
#[derive(Debug, Default)]
struct Extraction {
    articles: Vec<Article>,
    warnings: Vec<LoadWarning>,
    names: Vec<ScannedNames>,
    dates: Vec<Vec<DateMention>>,
    /// Articles a per-article stage failed on: the people scan's first, then the dates'.
    names_failed: Vec<Failure>,
    dates_failed: Vec<Failure>,
}

impl Extraction {
    /// Add the results of the `article`-th article (already in `articles`).
    fn add(&mut self, article: usize, found: Extracted) {
        self.names.push(found.names.unwrap_or_else(|panic| {
            self.names_failed.push((article, panic));
            ScannedNames::default()
        }));
        self.dates.push(found.dates.unwrap_or_else(|panic| {
            self.dates_failed.push((article, panic));
            Vec::new()
        }));
    }

    fn failed(&self) -> bool {
        !self.names_failed.is_empty() || !self.dates_failed.is_empty()
    }
}

/// What the stages that see the whole corpus make of the articles' own results: the people
/// merged across articles, the timeline, and the links between them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Linked {
    people: Vec<PersonEntry>,
    events: Vec<Event>,
    /// Each article's date, inferred where the text gave none.
    article_dates: Vec<Option<ArticleDate>>,
    /// One per article that extraction failed on.
    warnings: Vec<LoadWarning>,
    article_people: Vec<Vec<usize>>,
    article_events: Vec<Vec<usize>>,
    person_events: Vec<Vec<usize>>,
    /// Whether any stage failed on an article (such results are not kept).
    #[serde(skip)]
    failed: bool,
}

impl Linked {
    /// Do these results fit a corpus of `articles` (with these many sentences each)? A value
    /// from the cache that does not would point outside the model.
    fn fits(&self, articles: &[Article]) -> bool {
        let people = self.people.len();
        let events = self.events.len();
        let n = articles.len();
        let within =
            |lists: &[Vec<usize>], bound: usize| lists.iter().flatten().all(|&i| i < bound);
        self.article_dates.len() == n
            && self.article_people.len() == n
            && self.article_events.len() == n
            && self.person_events.len() == people
            && within(&self.article_people, people)
            && within(&self.article_events, events)
            && within(&self.person_events, events)
            && self.people.iter().all(|p| {
                p.articles.iter().all(|&a| a < n)
                    && p.person.mentions.iter().all(|m| {
                        articles
                            .get(m.article)
                            .is_some_and(|a| m.sentence < a.sentences.len())
                    })
            })
            && self.events.iter().all(|e| {
                e.people.iter().all(|&p| p < people)
                    && e.articles.iter().all(|&a| a < n)
                    && e.evidence.iter().all(|ev| {
                        articles
                            .get(ev.article)
                            .is_some_and(|a| ev.sentence < a.sentences.len())
                    })
            })
    }
}

/// The corpus-wide stages: people merged across articles, the timeline, and the links.
fn link(
    extraction: &mut Extraction,
    lexicon: &Lexicon,
    catalogue: &[CatalogueEvent],
    progress: Option<&Progress>,
) -> Linked {
    let articles = &extraction.articles;
    progress::start(progress, Stage::People, 0);
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let mut failures = extraction.names_failed.clone();
    let names = std::mem::take(&mut extraction.names);
    let people = people_from_scans(&texts, names, lexicon, &mut failures);
    failures.extend(extraction.dates_failed.iter().cloned());
    let failed = !failures.is_empty();
    let warnings = extraction_warnings(articles, failures);
    progress::start(progress, Stage::Timeline, 0);
    let timeline = {
        let facts = ArticleFacts::for_corpus(articles, &extraction.dates, &people);
        timeline::build(&facts, &people, catalogue, lexicon)
    };

    progress::start(progress, Stage::Linking, 0);
    let mut article_people = vec![Vec::new(); articles.len()];
    let mut taken = crate::text::UniqueIds::new();
    let people: Vec<PersonEntry> = people
        .into_iter()
        .enumerate()
        .map(|(p, mut person)| {
            person.mentions.sort_by_key(|m| (m.article, m.span.start()));
            let mut person_articles: Vec<usize> =
                person.mentions.iter().map(|m| m.article).collect();
            person_articles.dedup();
            for &a in &person_articles {
                let first = person
                    .mentions
                    .iter()
                    .find(|m| m.article == a)
                    .map_or(0, |m| m.span.start());
                article_people[a].push((first, p));
            }
            PersonEntry {
                id: unique(slug(&person.name), "person", &mut taken),
                person,
                articles: person_articles,
            }
        })
        .collect();
    let article_people: Vec<Vec<usize>> = article_people
        .into_iter()
        .map(|mut list: Vec<(usize, usize)>| {
            list.sort();
            list.into_iter().map(|(_, p)| p).collect()
        })
        .collect();

    let mut article_events = vec![Vec::new(); articles.len()];
    let mut person_events = vec![Vec::new(); people.len()];
    for (e, event) in timeline.events.iter().enumerate() {
        for &a in &event.articles {
            article_events[a].push(e);
        }
        for &p in &event.people {
            person_events[p].push(e);
        }
    }
    progress::start(progress, Stage::Done, 0);
    Linked {
        people,
        events: timeline.events,
        article_dates: timeline.article_dates,
        warnings,
        article_people,
        article_events,
        person_events,
        failed,
    }
}

/// One warning per article that extraction failed on, naming it: its text is still shown, but
/// people or dates in it may be missing.
fn extraction_warnings(articles: &[Article], mut failures: Vec<Failure>) -> Vec<LoadWarning> {
    failures.sort_by_key(|(article, _)| *article);
    failures.dedup_by_key(|(article, _)| *article);
    failures
        .into_iter()
        .filter_map(|(article, panic)| {
            let file = articles.get(article)?.file.clone();
            Some(LoadWarning::new(
                file,
                format!(
                    "people or dates in it may be missing: dossier failed while reading them (an internal error: {panic})"
                ),
            ))
        })
        .collect()
}

fn unique(base: String, fallback: &str, taken: &mut crate::text::UniqueIds) -> String {
    let base = if base.is_empty() {
        fallback.to_owned()
    } else {
        base
    };
    taken.assign(base)
}
