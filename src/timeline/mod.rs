//! The third stage: dated events, from the catalogue and discovered in the text.
//!
//! 1. Link sentences to catalogue events by cues, places, participants and dates, using only the
//!    dates a sentence states in full.
//! 2. Give each undated article the date of the catalogue event it reports most strongly.
//! 3. Resolve every date expression against its article's date, link again, and turn the dated
//!    sentences that match no catalogue event into discovered events, grouped by date and subject.

pub mod catalogue;
mod clause;
mod discover;
mod link;
mod place;

use std::collections::HashSet;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::calendar::PartialDate;
use crate::corpus::{Article, ArticleDate, DateOrigin};
use crate::extract::dates::{Anchor, DateMention};
use crate::extract::people::Person;
use crate::lexicon::Lexicon;
use crate::text::Span;

pub use catalogue::{CatalogueError, CatalogueEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventOrigin {
    Catalogue,
    Discovered,
}

/// A sentence that reports an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventEvidence {
    pub article: usize,
    pub sentence: usize,
    /// The date expression that dates it, when the sentence has one.
    pub date_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    pub place: Option<String>,
    pub origin: EventOrigin,
    /// Indices into the people list, in order of first appearance.
    pub people: Vec<usize>,
    pub articles: Vec<usize>,
    pub evidence: Vec<EventEvidence>,
}

/// The events and the dates of the articles that had none.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Timeline {
    pub events: Vec<Event>,
    /// For each article: its date, inferred from the events it reports when the text gave none.
    pub article_dates: Vec<Option<ArticleDate>>,
}

/// What the timeline needs to know of each article.
pub struct ArticleFacts<'a> {
    pub article: &'a Article,
    pub dates: &'a [DateMention],
    /// People mentioned in each sentence.
    pub people_by_sentence: SentencePeople,
}

/// The people mentioned in each sentence of one article. Most sentences name no one, and a
/// corpus has millions of them: one list for the article, not one per sentence.
#[derive(Debug, Default)]
pub struct SentencePeople {
    /// Where each sentence's people start in `people`; one more entry than sentences.
    starts: Vec<u32>,
    people: Vec<usize>,
}

impl SentencePeople {
    /// From (sentence, person) pairs, in any order and with repeats.
    fn new(sentences: usize, mut pairs: Vec<(usize, usize)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        let mut starts = Vec::with_capacity(sentences + 1);
        let mut people = Vec::with_capacity(pairs.len());
        let mut pairs = pairs.into_iter().filter(|&(s, _)| s < sentences).peekable();
        for sentence in 0..sentences {
            starts.push(u32::try_from(people.len()).unwrap_or(u32::MAX));
            while let Some((_, person)) = pairs.next_if(|&(s, _)| s == sentence) {
                people.push(person);
            }
        }
        starts.push(u32::try_from(people.len()).unwrap_or(u32::MAX));
        Self { starts, people }
    }

    /// Each sentence's people, in sentence order.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> {
        (0..self.starts.len().saturating_sub(1)).map(|s| &self[s])
    }
}

impl std::ops::Index<usize> for SentencePeople {
    type Output = [usize];

    /// The people of sentence `sentence` (none for a sentence the article does not have).
    fn index(&self, sentence: usize) -> &[usize] {
        let bound = |i: usize| self.starts.get(i).map(|&x| x as usize);
        match (bound(sentence), bound(sentence + 1)) {
            (Some(start), Some(end)) => self.people.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl<'a> ArticleFacts<'a> {
    /// The facts of every article, `dates[i]` being the date expressions of `articles[i]`.
    ///
    /// One pass over the people's mentions for the whole corpus: building each article's facts
    /// on its own would scan every mention once per article.
    pub fn for_corpus(
        articles: &'a [Article],
        dates: &'a [Vec<DateMention>],
        people: &[Person],
    ) -> Vec<Self> {
        let mut pairs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); articles.len()];
        for (p, person) in people.iter().enumerate() {
            for m in &person.mentions {
                if let Some(list) = pairs.get_mut(m.article) {
                    list.push((m.sentence, p));
                }
            }
        }
        articles
            .iter()
            .zip(pairs)
            .enumerate()
            .map(|(i, (article, pairs))| Self {
                article,
                dates: dates.get(i).map_or(&[], Vec::as_slice),
                people_by_sentence: SentencePeople::new(article.sentences.len(), pairs),
            })
            .collect()
    }
}

/// Build the timeline of the articles.
pub fn build(
    facts: &[ArticleFacts],
    people: &[Person],
    catalogue: &[CatalogueEvent],
    lexicon: &Lexicon,
) -> Timeline {
    let names = link::PeopleNames::new(people);
    let participants: Vec<Vec<usize>> = catalogue
        .iter()
        .map(|e| link::participants(e, &names))
        .collect();
    let linker = link::Linker::new(catalogue, &participants);

    let article_dates: Vec<Option<ArticleDate>> = facts
        .par_iter()
        .map(|f| {
            let inferred = |origin| move |date| ArticleDate { date, origin };
            f.article
                .date
                .or_else(|| {
                    link::reported_event_date(&linker.links(f, None), catalogue)
                        .map(inferred(DateOrigin::Inferred))
                })
                .or_else(|| {
                    latest_full_date(f.article, f.dates).map(inferred(DateOrigin::InferredFromText))
                })
        })
        .collect();

    let mut events: Vec<Event> = catalogue
        .iter()
        .map(|e| Event {
            id: e.id.clone(),
            date: e.date,
            title: e.title.clone(),
            place: e
                .place
                .as_ref()
                .and_then(|p| p.split(',').next())
                .map(|p| p.trim().to_owned()),
            origin: EventOrigin::Catalogue,
            people: Vec::new(),
            articles: Vec::new(),
            evidence: Vec::new(),
        })
        .collect();
    let mut linked_sentences = Vec::new();
    let mut seen = vec![Seen::default(); events.len()];
    // Each article's links are found on their own, on every core; they are added in order.
    let all_links: Vec<Vec<link::Link>> = facts
        .par_iter()
        .zip(&article_dates)
        .map(|(f, date)| linker.links(f, date.map(|d| d.date)))
        .collect();
    let mentions = mentions_by_article(people, facts.len());
    for ((a, f), links) in facts.iter().enumerate().zip(all_links) {
        let mut linked = vec![false; f.article.sentences.len()];
        for l in links {
            linked[l.sentence] = true;
            let present = match l.date_span {
                Some(date) => people_of_clause(f, &mentions[a], l.sentence, date, lexicon),
                None => f.people_by_sentence[l.sentence].to_vec(),
            };
            add_evidence(
                &mut events[l.event],
                &mut seen[l.event],
                a,
                l.sentence,
                l.date_span,
                &present,
            );
        }
        linked_sentences.push(linked);
    }
    for ((event, seen), ids) in events.iter_mut().zip(&mut seen).zip(&participants) {
        for &p in ids {
            if !event.articles.is_empty() && seen.people.insert(p) {
                event.people.push(p);
            }
        }
    }
    events.retain(|e| !e.evidence.is_empty());

    events.extend(discover::discover(
        facts,
        &article_dates,
        &linked_sentences,
        people,
        lexicon,
    ));
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    Timeline {
        events,
        article_dates,
    }
}

/// Every mention of each article, as (span, person) sorted by position, so that finding the
/// people of a clause does not scan every mention of every person.
fn mentions_by_article(people: &[Person], articles: usize) -> Vec<Vec<(Span, usize)>> {
    let mut by_article: Vec<Vec<(Span, usize)>> = vec![Vec::new(); articles];
    for (p, person) in people.iter().enumerate() {
        for m in &person.mentions {
            if let Some(list) = by_article.get_mut(m.article) {
                list.push((m.span, p));
            }
        }
    }
    for list in &mut by_article {
        list.sort_unstable();
    }
    by_article
}

/// The people named in the clause of a sentence's date: a sentence that compares two events
/// ("the harbour talks, opened by the mayor, came after the row in May") names each
/// event's people in its own clause.
fn people_of_clause(
    f: &ArticleFacts,
    mentions: &[(Span, usize)],
    sentence: usize,
    date: Span,
    lexicon: &Lexicon,
) -> Vec<usize> {
    let Some(span) = f.article.sentences.get(sentence).map(|s| s.span) else {
        return Vec::new();
    };
    let (Some(from), Some(to)) = (
        date.start().checked_sub(span.start()),
        date.end().checked_sub(span.start()),
    ) else {
        return Vec::new();
    };
    let clause =
        discover::clause_of_date(span.slice(&f.article.text), Span::new(from, to), lexicon);
    let clause = Span::new(span.start() + clause.start(), span.start() + clause.end());
    let first = mentions.partition_point(|(m, _)| m.start() < clause.start());
    let mut found: Vec<usize> = Vec::new();
    for &(m, p) in mentions[first..]
        .iter()
        .take_while(|(m, _)| m.start() < clause.end())
    {
        if clause.contains(m) && !found.contains(&p) {
            found.push(p);
        }
    }
    found
}

/// What an event already holds, so that adding evidence stays linear in a large corpus.
#[derive(Debug, Clone, Default)]
struct Seen {
    sentences: HashSet<(usize, usize)>,
    articles: HashSet<usize>,
    people: HashSet<usize>,
}

impl Seen {
    fn of(event: &Event) -> Self {
        Self {
            sentences: event
                .evidence
                .iter()
                .map(|e| (e.article, e.sentence))
                .collect(),
            articles: event.articles.iter().copied().collect(),
            people: event.people.iter().copied().collect(),
        }
    }
}

fn add_evidence(
    event: &mut Event,
    seen: &mut Seen,
    article: usize,
    sentence: usize,
    date_span: Option<Span>,
    people: &[usize],
) {
    if !seen.sentences.insert((article, sentence)) {
        return;
    }
    event.evidence.push(EventEvidence {
        article,
        sentence,
        date_span,
    });
    if seen.articles.insert(article) {
        event.articles.push(article);
    }
    for &p in people {
        if seen.people.insert(p) {
            event.people.push(p);
        }
    }
}

/// What the article's expressions resolve against: its date, else the year of its copyright
/// line, which dates its "June 2" and "in August" but not its "on Friday".
pub fn anchor(article: &Article, date: Option<ArticleDate>) -> Option<Anchor> {
    Anchor::of(date.map(|d| d.date), article.copyright_year)
}

/// The latest complete date the article writes ("26 April 2025"): it reports what happened then,
/// or later. Used when no catalogue event dates the article.
fn latest_full_date(article: &Article, dates: &[DateMention]) -> Option<Date> {
    dates
        .iter()
        .filter(|m| !is_birth_date(article, m))
        .filter_map(|m| match m.expr {
            crate::extract::dates::DateExpr::Absolute(date) => date.to_date(),
            _ => None,
        })
        .max()
}

/// "born in Oslo on 3 May 1931", "(born 3 May 1931)": a life's first day, not the day it is
/// written about. Only the clause that ends at the date is read, so "was born in a village and
/// on 3 May 2024 won" keeps its later date.
fn is_birth_date(article: &Article, mention: &DateMention) -> bool {
    const CLAUSE_BREAKS: [char; 5] = [',', ';', '(', '\u{2014}', '\u{2013}'];
    let Some(sentence) = article.sentences.get(mention.sentence) else {
        return false;
    };
    let before = article
        .text
        .get(sentence.span.start()..mention.span.start())
        .unwrap_or("");
    let clause = before.rsplit(CLAUSE_BREAKS).next().unwrap_or(before);
    clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take_while(|w| !["and", "but", "then"].contains(&w.to_lowercase().as_str()))
        .any(|w| w.eq_ignore_ascii_case("born"))
}

/// Is `date` on or before `anchor` (plus a day's slack for time zones)?
fn not_after(date: PartialDate, anchor: Date) -> bool {
    let (first, _) = date.bounds();
    first <= anchor.tomorrow().unwrap_or(anchor)
}
