//! People: every named person, one entry per real person, with roles and every mention.
//!
//! Three passes. [`scan`] finds the capitalised word runs of each sentence and weighs the
//! evidence that a run names a person (titles, honorifics, given names, speech verbs,
//! appositives) against lexicons of places, organisations and media. [`resolve`] merges
//! spellings across the corpus into people. [`mentions`] finds every mention of every person,
//! headings included, so that the reader can highlight them.

mod mentions;
mod resolve;
mod roles;
mod scan;

use crate::corpus::Article;
use crate::lexicon::Lexicon;
use crate::text::Span;

pub use scan::{Evidence, ScannedNames};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub name: String,
    /// Other spellings seen in the text (surname alone, transliterations, initials).
    pub aliases: Vec<String>,
    /// Titles and offices the text gives them, most frequent first.
    pub roles: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// One place in one article where a person is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub article: usize,
    pub sentence: usize,
    pub span: Span,
}

/// An article whose extraction panicked, by index, and the panic's message.
pub type Failure = (usize, String);

/// Everyone named in the articles, most mentioned first.
pub fn find_people(articles: &[Article], lexicon: &Lexicon) -> Vec<Person> {
    find_people_reporting(articles, lexicon).0
}

/// [`find_people`], and the articles it failed on: a panic while reading one article's names
/// counts as that article naming nobody, and the others are not affected.
pub fn find_people_reporting(
    articles: &[Article],
    lexicon: &Lexicon,
) -> (Vec<Person>, Vec<Failure>) {
    use rayon::prelude::*;
    let mut failures = Vec::new();
    let scanned: Vec<ScannedNames> = articles
        .par_iter()
        .map(|a| crate::isolate::isolated(|| scan_names(a, lexicon)))
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
        .map(|(article, scanned)| {
            scanned.unwrap_or_else(|panic| {
                failures.push((article, panic));
                ScannedNames::default()
            })
        })
        .collect();
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let people = people_from_scans(&texts, scanned, lexicon, &mut failures);
    (people, failures)
}

/// The first pass on one article: what in it may name a person. It depends on nothing but the
/// article and the lexicon, so that it is done once per article and kept.
pub fn scan_names(article: &Article, lexicon: &Lexicon) -> ScannedNames {
    ScannedNames::new(&scan::scan_article(article, lexicon))
}

/// The passes that see the whole corpus: `scanned[i]` is the scan of the article of text
/// `texts[i]`. Articles whose mentions could not be found are added to `failures`.
pub fn people_from_scans(
    texts: &[&str],
    scanned: Vec<ScannedNames>,
    lexicon: &Lexicon,
    failures: &mut Vec<Failure>,
) -> Vec<Person> {
    let mut forms = resolve::FormCollector::default();
    for (article, (text, scan)) in texts.iter().zip(&scanned).enumerate() {
        forms.add(article, text, scan);
    }
    let names: Vec<scan::NameRuns> = scanned.into_iter().map(|s| s.runs).collect();
    let forms = forms.into_forms();
    let clusters = resolve::cluster(&forms);
    mentions::assemble(texts, &names, &forms, &clusters, lexicon, failures)
}

/// Why each run of words containing `needle` was or was not taken for a name: one line per
/// run, for tuning the extractor (`cargo run --example explain`).
pub fn explain(article: &Article, lexicon: &Lexicon, needle: &str) -> Vec<String> {
    scan::scan_article(article, lexicon)
        .into_iter()
        .filter_map(|run| {
            let text = run.extent.slice(&article.text);
            if !text.contains(needle) {
                return None;
            }
            let name = run.name_span().map(|s| s.slice(&article.text));
            let verdict = match (&run.candidate, name) {
                (Some(c), Some(name)) => format!(
                    "candidate {name:?} score {:.1} {:?}",
                    c.evidence.score(),
                    c.evidence
                ),
                (_, Some(name)) => {
                    format!("no candidate; may name people found elsewhere: {name:?}")
                }
                (_, None) => "names no one".to_owned(),
            };
            Some(format!("[{}] {text:?}: {verdict}", run.sentence))
        })
        .collect()
}
