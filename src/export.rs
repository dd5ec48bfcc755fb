//! The model as JSON, in the schema of the extraction scorer plus fields of our own.

use serde::Serialize;

use crate::annotations::{Annotations, Target};
use crate::calendar::PartialDate;
use crate::corpus::{Article, DateOrigin, OffsetBasis, TitleOrigin};
use crate::extract::dates::{Anchor, DateExpr, DateMention, Unit};
use crate::model::Model;
use crate::timeline::EventOrigin;

#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub articles: Vec<ArticleOut<'a>>,
    pub people: Vec<PersonOut<'a>>,
    pub timeline: Vec<EventOut<'a>>,
    pub warnings: Vec<WarningOut<'a>>,
    /// Every date expression, with its value against its article's date: what the timeline
    /// scorer's expression F1 reads.
    pub dates: Vec<DateOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DateOut<'a> {
    pub article: &'a str,
    pub text: &'a str,
    /// Byte range in the article's file (see `offsets`).
    pub start: usize,
    pub end: usize,
    /// What `start` and `end` count in: the file as stored or, for markup, the text extracted
    /// from it.
    pub offsets: OffsetBasis,
    /// The expression stood in a line or field that cleaning took out of the text (a date
    /// line, a dateline, a byline, a copyright line): the article's own date, not an event's.
    pub header: bool,
    /// Byte range in the cleaned text of the article; `None` for a header expression.
    pub text_start: Option<usize>,
    /// YYYY, YYYY-MM, YYYY-MM-DD or, for a week, YYYY-Www; `None` when nothing anchors it.
    pub value: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ArticleOut<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub title: &'a str,
    pub title_origin: TitleOrigin,
    pub source: Option<&'a str>,
    pub date: Option<String>,
    pub date_origin: Option<DateOrigin>,
    pub date_inferred: bool,
    pub people: Vec<&'a str>,
    pub events: Vec<&'a str>,
    pub sentences: usize,
    pub bytes: usize,
    /// The reader's marks from the library; absent when not set, so that the export of a
    /// corpus nobody has read is what it always was.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PersonOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub roles: &'a [String],
    pub articles: Vec<&'a str>,
    pub mentions: usize,
    /// Byte ranges of every mention in the cleaned text of its article.
    pub mention_spans: Vec<SpanOut<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SpanOut<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct EventOut<'a> {
    pub id: &'a str,
    pub date: PartialDate,
    pub title: &'a str,
    pub place: Option<&'a str>,
    pub origin: EventOrigin,
    pub people: Vec<&'a str>,
    pub articles: Vec<&'a str>,
    pub evidence: Vec<EvidenceOut<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceOut<'a> {
    pub article: &'a str,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub date_text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct WarningOut<'a> {
    pub file: &'a str,
    pub message: &'a str,
}

/// No marks at all: what [`Export::new`] reads.
static NO_ANNOTATIONS: std::sync::LazyLock<Annotations> =
    std::sync::LazyLock::new(Annotations::default);

impl<'a> Export<'a> {
    /// The model alone, without the reader's marks.
    pub fn new(model: &'a Model) -> Self {
        Self::with_annotations(model, &NO_ANNOTATIONS)
    }

    /// The model with the read marks, stars and notes the reader left on it.
    pub fn with_annotations(model: &'a Model, annotations: &'a Annotations) -> Self {
        let starred = |target: Target| annotations.is_starred(&target);
        let note = |target: Target| annotations.note(&target);
        let article_id = |a: usize| model.articles[a].id.as_str();
        let person_id = |p: usize| model.people[p].id.as_str();
        let event_id = |e: usize| model.events[e].id.as_str();
        Self {
            articles: model
                .articles
                .iter()
                .enumerate()
                .map(|(a, article)| ArticleOut {
                    id: &article.id,
                    file: &article.file,
                    title: &article.title,
                    title_origin: article.title_origin,
                    source: article.source.as_deref(),
                    date: article.date.map(|d| d.date.to_string()),
                    date_origin: article.date.map(|d| d.origin),
                    date_inferred: article.date.is_some_and(|d| d.origin.is_inferred()),
                    people: model.article_people[a]
                        .iter()
                        .map(|&p| person_id(p))
                        .collect(),
                    events: model.article_events[a]
                        .iter()
                        .map(|&e| event_id(e))
                        .collect(),
                    sentences: article.sentences.len(),
                    bytes: article.text.len(),
                    read: annotations.is_read(&article.file),
                    starred: starred(Target::article(article.file.as_str())),
                    note: note(Target::article(article.file.as_str())),
                })
                .collect(),
            people: model
                .people
                .iter()
                .map(|entry| PersonOut {
                    id: &entry.id,
                    name: &entry.person.name,
                    aliases: &entry.person.aliases,
                    roles: &entry.person.roles,
                    articles: entry.articles.iter().map(|&a| article_id(a)).collect(),
                    mentions: entry.person.mentions.len(),
                    mention_spans: entry
                        .person
                        .mentions
                        .iter()
                        .map(|m| SpanOut {
                            article: article_id(m.article),
                            start: m.span.start(),
                            end: m.span.end(),
                        })
                        .collect(),
                    starred: starred(Target::person(entry.id.as_str())),
                    note: note(Target::person(entry.id.as_str())),
                })
                .collect(),
            timeline: model
                .events
                .iter()
                .map(|event| EventOut {
                    id: &event.id,
                    date: event.date,
                    title: &event.title,
                    place: event.place.as_deref(),
                    origin: event.origin,
                    people: event.people.iter().map(|&p| person_id(p)).collect(),
                    articles: event.articles.iter().map(|&a| article_id(a)).collect(),
                    evidence: event
                        .evidence
                        .iter()
                        .map(|ev| {
                            let article = &model.articles[ev.article];
                            let span = article.sentences[ev.sentence].span;
                            EvidenceOut {
                                article: &article.id,
                                text: span.slice(&article.text),
                                start: span.start(),
                                end: span.end(),
                                date_text: ev.date_span.map(|d| d.slice(&article.text)),
                            }
                        })
                        .collect(),
                    starred: starred(Target::event(event.id.as_str())),
                    note: note(Target::event(event.id.as_str())),
                })
                .collect(),
            warnings: model
                .warnings
                .iter()
                .map(|w| WarningOut {
                    file: &w.file,
                    message: &w.message,
                })
                .collect(),
            dates: model
                .articles
                .iter()
                .zip(&model.dates)
                .flat_map(|(article, mentions)| dates_of(article, mentions))
                .collect(),
        }
    }

    pub fn to_json(&self, pretty: bool) -> String {
        let result = if pretty {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        // Serialising plain strings, numbers and lists cannot fail.
        result.unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
    }
}

/// The date expressions of one article, in the order they stand in its file: those of its text
/// and those cleaning took out of it.
fn dates_of<'a>(article: &'a Article, mentions: &'a [DateMention]) -> Vec<DateOut<'a>> {
    let anchor = crate::timeline::anchor(article, article.date);
    let located = &article.located;
    let in_text = mentions.iter().map(|m| {
        let (start, end) = located.span(m.span);
        DateOut {
            article: &article.id,
            text: m.span.slice(&article.text),
            start,
            end,
            offsets: located.basis,
            header: false,
            text_start: Some(m.span.start()),
            value: date_value(m, anchor),
        }
    });
    let in_header = located.header_dates.iter().map(|d| DateOut {
        article: &article.id,
        text: &d.text,
        start: d.span.start(),
        end: d.span.end(),
        offsets: located.basis,
        header: true,
        text_start: None,
        value: Some(d.value.to_string()),
    });
    let mut dates: Vec<DateOut> = in_text.chain(in_header).collect();
    dates.sort_by_key(|d| (d.start, d.end));
    dates
}

/// A week is written as its ISO week ("2025-W17"), finer than the month the timeline files it
/// under.
fn date_value(mention: &DateMention, anchor: Option<Anchor>) -> Option<String> {
    let is_week = matches!(
        mention.expr,
        DateExpr::Relative {
            unit: Unit::Week,
            ..
        } | DateExpr::Chained {
            unit: Unit::Week,
            ..
        }
    );
    if is_week {
        let (monday, _) = mention.bounds_against(anchor)?;
        let week = monday.iso_week_date();
        return Some(format!("{}-W{:02}", week.year(), week.week()));
    }
    mention.resolve_against(anchor).map(|d| d.to_string())
}
