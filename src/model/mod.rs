//! The fourth stage: the linked, indexed corpus that every view reads.

use std::path::PathBuf;

use crate::corpus::{Article, Corpus, CorpusError, LoadOptions, LoadWarning};
use crate::extract::dates::{DateMention, find_dates};
use crate::extract::people::{Failure, Person, find_people_reporting};
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
#[derive(Debug, Clone, PartialEq)]
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
        let corpus = match &sources.corpus {
            Some(path) => Corpus::from_path_with(
                path,
                lexicon,
                progress,
                LoadOptions {
                    follow_links: sources.follow_links,
                },
            )?,
            None => Corpus::bundled(lexicon),
        };
        Ok(Self::build_with(corpus, lexicon, &catalogue, progress))
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
        let Corpus {
            mut articles,
            mut warnings,
        } = corpus;
        progress::start(progress, Stage::People, 0);
        let (people, mut failures) = find_people_reporting(&articles, lexicon);
        progress::start(progress, Stage::Dates, 0);
        let dates: Vec<Vec<DateMention>> = {
            use rayon::prelude::*;
            let found: Vec<_> = articles
                .par_iter()
                .map(|article| {
                    crate::isolate::isolated(|| {
                        let mut dates = find_dates(article);
                        stamp_post_dates(article, &mut dates, lexicon);
                        dates
                    })
                })
                .collect();
            found
                .into_iter()
                .enumerate()
                .map(|(article, dates)| {
                    dates.unwrap_or_else(|panic| {
                        failures.push((article, panic));
                        Vec::new()
                    })
                })
                .collect()
        };
        warnings.extend(extraction_warnings(&articles, failures));
        progress::start(progress, Stage::Timeline, 0);
        let timeline = {
            let facts = ArticleFacts::for_corpus(&articles, &dates, &people);
            timeline::build(&facts, &people, catalogue, lexicon)
        };
        for (article, date) in articles.iter_mut().zip(&timeline.article_dates) {
            article.date = *date;
        }

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
        Self {
            articles,
            people,
            events: timeline.events,
            warnings,
            dates,
            article_people,
            article_events,
            person_events,
        }
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
