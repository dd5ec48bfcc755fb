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

pub use scan::Evidence;

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    /// Other spellings seen in the text (surname alone, transliterations, initials).
    pub aliases: Vec<String>,
    /// Titles and offices the text gives them, most frequent first.
    pub roles: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// One place in one article where a person is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Articles scanned at once (on every core) before their candidates are gathered: the
    /// runs and their evidence are held for no more than these.
    const SCANNED_AT_ONCE: usize = 256;
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let mut failures = Vec::new();
    let mut forms = resolve::FormCollector::default();
    let mut names: Vec<scan::NameRuns> = Vec::with_capacity(articles.len());
    for (chunk_index, chunk) in articles.chunks(SCANNED_AT_ONCE).enumerate() {
        let scanned: Vec<Result<Vec<scan::Run>, String>> = chunk
            .par_iter()
            .map(|a| crate::isolate::isolated(|| scan::scan_article(a, lexicon)))
            .collect();
        for (offset, runs) in scanned.into_iter().enumerate() {
            let article = chunk_index * SCANNED_AT_ONCE + offset;
            let runs = runs.unwrap_or_else(|panic| {
                failures.push((article, panic));
                Vec::new()
            });
            let runs = &runs;
            forms.add(article, texts[article], runs);
            names.push(scan::NameRuns::new(runs));
        }
    }
    let forms = forms.into_forms();
    let clusters = resolve::cluster(&forms);
    let people = mentions::assemble(&texts, &names, &forms, &clusters, lexicon, &mut failures);
    (people, failures)
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
