//! Discovered events: dated sentences that match no catalogue event, grouped by date and
//! subject and titled from their own words.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use jiff::ToSpan;
use rayon::prelude::*;

use super::{ArticleFacts, Event, EventOrigin, Seen, add_evidence, clause};
use crate::calendar::{PartialDate, month_from_name, weekday_from_name};
use crate::corpus::{ArticleDate, BlockKind};
use crate::extract::dates::{DateExpr, Unit};
use crate::extract::people::Person;
use crate::extract::tokens::{TokenKind, tokenize};
use crate::lexicon::Lexicon;
use crate::text::{Span, UniqueIds, fold, shorten, slug};

/// Words that open a subordinate clause: the event is what follows them.
const SUBORDINATORS: &[&str] = &[
    "since",
    "after",
    "before",
    "when",
    "until",
    "following",
    "which",
    "that",
    "where",
    "while",
    "as",
    "who",
];
/// Prepositions that lead into a date and go with it when the date is cut from a title.
const DATE_LEADS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "by",
    "since",
    "from",
    "of",
    "until",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "the",
];
const LONGEST_TITLE: usize = 12;
/// The longest word group a relative pronoun is taken to stand for.
const LONGEST_ANTECEDENT: usize = 6;
/// Groups of the sightings of one date, each with the order of its first sighting. A sighting
/// joins the first group whose latest members share its subject.
fn group_one_date(sightings: Vec<(usize, Sighting)>) -> Vec<(usize, Vec<Sighting>)> {
    let mut groups: Vec<(usize, Vec<Sighting>)> = Vec::new();
    let mut index = GroupIndex::default();
    let mut candidates = Vec::new();
    for (order, sighting) in sightings {
        index.candidates(&sighting, &mut candidates);
        let found = candidates.iter().copied().find(|&g| {
            groups[g]
                .1
                .iter()
                .rev()
                .take(COMPARED_MEMBERS)
                .any(|s| same_subject(s, &sighting))
        });
        let g = found.unwrap_or(groups.len());
        index.add(&sighting, g);
        match found {
            Some(g) => groups[g].1.push(sighting),
            None => groups.push((order, vec![sighting])),
        }
    }
    groups
}

/// The groups a sighting could share its subject with, so that it is not compared with every
/// group of its date (a day of news has thousands). Two sightings share a subject only if they
/// share a stem of their words or titles, and, when both name people, a person
/// (`same_subject`). Each group is listed under every person and stem of its members, and
/// stays listed when a member falls out of the latest ones: the candidates are checked.
#[derive(Default)]
struct GroupIndex {
    by_person: HashMap<usize, Vec<usize>>,
    /// Under the stems of members of any kind: for a sighting that names nobody.
    by_stem: HashMap<u64, Vec<usize>>,
    /// Under the stems of members that name nobody: for a sighting that names people.
    by_stem_of_nameless: HashMap<u64, Vec<usize>>,
}

impl GroupIndex {
    fn add(&mut self, sighting: &Sighting, group: usize) {
        let list_under = |list: &mut Vec<usize>| {
            if list.last() != Some(&group) {
                list.push(group);
            }
        };
        for &p in &sighting.people {
            list_under(self.by_person.entry(p).or_default());
        }
        for &stem in sighting.stems.iter().chain(&sighting.title_stems) {
            list_under(self.by_stem.entry(stem).or_default());
            if sighting.people.is_empty() {
                list_under(self.by_stem_of_nameless.entry(stem).or_default());
            }
        }
    }

    /// Candidate groups in ascending order, so that the first that matches is the first group.
    fn candidates(&self, sighting: &Sighting, out: &mut Vec<usize>) {
        out.clear();
        let stems = sighting.stems.iter().chain(&sighting.title_stems);
        if sighting.people.is_empty() {
            for stem in stems {
                out.extend(self.by_stem.get(stem).into_iter().flatten());
            }
        } else {
            for p in &sighting.people {
                out.extend(self.by_person.get(p).into_iter().flatten());
            }
            for stem in stems {
                out.extend(self.by_stem_of_nameless.get(stem).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A dated sentence that no catalogue event claimed. Only its date is read at first: its words
/// are read when its date is grouped, so that the words of every sentence are never held at once.
#[derive(Clone, Copy)]
struct DatedSentence {
    article: usize,
    sentence: usize,
    date: PartialDate,
    date_span: Span,
    /// Dated by the stamp of its live-blog post, `date_span` being the stamp's, not by an
    /// expression of its own.
    stamped: bool,
}

/// The dated sentences of one article that no catalogue event claimed.
fn dated_sentences(
    a: usize,
    f: &ArticleFacts,
    date: Option<ArticleDate>,
    linked: &[bool],
) -> Vec<DatedSentence> {
    let anchor = super::anchor(f.article, date);
    f.dates
        .iter()
        .filter(|m| !linked[m.sentence])
        // "today" dates what someone says rather than something that happened.
        .filter(|m| {
            !matches!(
                m.expr,
                DateExpr::Relative {
                    unit: Unit::Day,
                    offset: 0
                }
            )
        })
        .filter_map(|m| {
            Some(DatedSentence {
                article: a,
                sentence: m.sentence,
                date: m.resolve_against(anchor)?,
                date_span: m.span,
                stamped: false,
            })
        })
        .collect()
}

/// The sentences of a live blog's posts whose main clause has no date of its own: they report
/// what happened when the post was written, so they are dated by its stamp. Headings and lists
/// (lines without a sentence's final stop) say nothing happened.
fn stamped_sentences(
    a: usize,
    f: &ArticleFacts,
    date: Option<ArticleDate>,
    linked: &[bool],
    lexicon: &Lexicon,
) -> Vec<DatedSentence> {
    let anchor = date.map(|d| d.date);
    let mut found = Vec::new();
    for post in crate::extract::posts::find_posts(f.article, f.dates, lexicon) {
        let Some(date) = post.date(anchor) else {
            continue;
        };
        for s in post.sentences.clone() {
            if linked.get(s).copied().unwrap_or(true)
                || f.article.paragraph_kind(s) != crate::corpus::BlockKind::Body
                || !ends_as_a_sentence(f.article.sentence_text(s))
                || post_sentence_title(f, s, lexicon).is_none()
            {
                continue;
            }
            found.push(DatedSentence {
                article: a,
                sentence: s,
                date,
                date_span: post.stamp_span,
                stamped: true,
            });
        }
    }
    found
}

/// Whether a line ends with a sentence's final stop (a heading or a label does not).
fn ends_as_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')'])
        .ends_with(['.', '!', '?', '\u{2026}'])
}

/// A title for the main clause of sentence `s`, without the subordinate clauses that carry their
/// own dates ("X won the race after the start was delayed on Friday" gives "X won the race"), and
/// the main clause's span in the sentence. `None` when a date of the sentence dates its main
/// clause: that date, not the post's, is when it happened. "Today" is the post's own day.
fn post_sentence_title(f: &ArticleFacts, s: usize, lexicon: &Lexicon) -> Option<(String, Span)> {
    let sentence = f.article.sentences.get(s)?.span;
    let text = sentence.slice(&f.article.text);
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let first_date = f.dates.partition_point(|m| m.sentence < s);
    for m in f.dates[first_date..].iter().take_while(|m| m.sentence == s) {
        if m.expr
            == (DateExpr::Relative {
                unit: Unit::Day,
                offset: 0,
            })
        {
            continue;
        }
        let (from, to) = (
            m.span.start() - sentence.start(),
            m.span.end() - sentence.start(),
        );
        let (start, end) = clause_around(text, from, to);
        let (at, _) = words_at(&text[start..from])
            .filter(|(_, w)| SUBORDINATORS.contains(&fold(w).as_str()))
            .last()?;
        cut.push((start + at, end));
    }
    cut.sort_unstable();
    let mut kept = String::with_capacity(text.len());
    let mut next = 0;
    for (from, to) in cut {
        if from >= next {
            kept.push_str(&text[next..from]);
            next = to;
        }
        next = next.max(to);
    }
    kept.push_str(&text[next.min(text.len())..]);
    // Of clauses joined by a semicolon, colon or spaced dash, the first says what happened.
    let first = kept
        .split([';', ':'])
        .next()
        .and_then(|c| c.split(" \u{2014} ").next())
        .and_then(|c| c.split(" \u{2013} ").next())
        .and_then(|c| c.split(" - ").next())
        .unwrap_or(&kept);
    let words: Vec<&str> = first.split_whitespace().collect();
    // "Officials said" is who spoke: what they said is its own clause, with its own date.
    let only_who_spoke = words.last().is_some_and(|w| {
        lexicon
            .speech_verbs
            .contains(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
    });
    if words.len() < 3 || only_who_spoke {
        return None;
    }
    Some((tidy(words, first), Span::new(0, text.len())))
}

/// The words of `text` and their byte offsets.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// The stems and place of the sentences that hold several unclaimed dates, read once for all of
/// them: read once per date, a sentence of n dates would cost n readings of n dates' words.
/// Sentences with one date are read when their date is grouped, so that the words of every
/// sentence are never held at once.
type ReadSentences = HashMap<(usize, usize), (Arc<Stems>, Option<String>)>;

fn read_sentence(
    f: &ArticleFacts,
    sentence: usize,
    lexicon: &Lexicon,
) -> (Arc<Stems>, Option<String>) {
    let span = f.article.sentences[sentence].span;
    (
        Arc::new(stems(&f.article.text, span, lexicon)),
        place_in(&f.article.text, span, lexicon),
    )
}

/// Read each sentence that holds more than one of `dated` (which are in sentence order within
/// each article), on every core.
fn read_shared_sentences(
    dated: &[DatedSentence],
    facts: &[ArticleFacts],
    lexicon: &Lexicon,
) -> ReadSentences {
    let shared: Vec<(usize, usize)> = dated
        .windows(2)
        .filter(|w| (w[0].article, w[0].sentence) == (w[1].article, w[1].sentence))
        .map(|w| (w[0].article, w[0].sentence))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    shared
        .into_par_iter()
        .map(|(a, s)| ((a, s), read_sentence(&facts[a], s, lexicon)))
        .collect()
}

/// Read what a dated sentence says: its title, subject words, place and people.
fn read_sighting(
    d: DatedSentence,
    f: &ArticleFacts,
    mentions: &[(Span, usize)],
    lexicon: &Lexicon,
    read: &ReadSentences,
) -> Sighting {
    let sentence = f.article.sentences[d.sentence].span;
    let text = sentence.slice(&f.article.text);
    let (title, clause) = if d.stamped {
        post_sentence_title(f, d.sentence, lexicon)
            .unwrap_or_else(|| (String::new(), Span::new(0, 0)))
    } else {
        let relative = Span::new(
            d.date_span.start() - sentence.start(),
            d.date_span.end() - sentence.start(),
        );
        title_from(text, relative, lexicon)
    };
    let clause = Span::new(
        sentence.start() + clause.start(),
        sentence.start() + clause.end(),
    );
    let from = mentions.partition_point(|(span, _)| span.start() < clause.start());
    let in_clause = |p: &usize| {
        mentions[from..]
            .iter()
            .take_while(|(span, _)| span.start() <= clause.end())
            .any(|(span, q)| q == p && clause.contains(*span))
    };
    let (stems, place) = read
        .get(&(d.article, d.sentence))
        .cloned()
        .unwrap_or_else(|| read_sentence(f, d.sentence, lexicon));
    let clause_place = super::place::place_of_clause(&f.article.text, clause, lexicon);
    Sighting {
        article: d.article,
        sentence: d.sentence,
        date: d.date,
        date_span: d.date_span,
        people: f.people_by_sentence[d.sentence]
            .iter()
            .copied()
            .filter(in_clause)
            .collect(),
        stems,
        title_stems: stems_of_title(&title, lexicon),
        reports_speech: clause::reports_speech(&title, lexicon),
        title,
        place,
        clause_place,
    }
}

fn stems_of_title(title: &str, lexicon: &Lexicon) -> Stems {
    stems(title, Span::new(0, title.len()), lexicon)
}

/// A sighting joins a group when it shares the subject of one of its latest members.
const COMPARED_MEMBERS: usize = 16;
/// Undated sentences join an event when their article is dated this close to it.
pub(super) const NEARBY_DAYS: i32 = 7;

struct Sighting {
    article: usize,
    sentence: usize,
    date: PartialDate,
    date_span: Span,
    people: Vec<usize>,
    /// Shared by the sightings of one sentence: a sentence of n dates holds its stems once.
    stems: Arc<Stems>,
    title_stems: Stems,
    /// Whether the title says what someone said ("X said that …") rather than what happened.
    reports_speech: bool,
    title: String,
    /// The sentence's first place, which tells sightings of one subject apart.
    place: Option<String>,
    /// Where the sighting's clause puts what happened: the event's place.
    clause_place: Option<String>,
}

pub fn discover(
    facts: &[ArticleFacts],
    article_dates: &[Option<ArticleDate>],
    linked: &[Vec<bool>],
    people: &[Person],
    lexicon: &Lexicon,
) -> Vec<Event> {
    let mentions_by_article = super::mentions_by_article(people, facts.len());
    // Each article's dated sentences are found on their own, on every core, and kept in order.
    let per_article: Vec<Vec<DatedSentence>> = facts
        .par_iter()
        .enumerate()
        .map(|(a, f)| {
            let mut dated = dated_sentences(a, f, article_dates[a], &linked[a]);
            dated.extend(stamped_sentences(
                a,
                f,
                article_dates[a],
                &linked[a],
                lexicon,
            ));
            // In sentence order, as reading the sentences of several dates once needs.
            dated.sort_by_key(|d| d.sentence);
            dated
        })
        .collect();

    // Sightings are grouped date by date: a group never spans two dates, so each date is
    // read and grouped on its own (on every core), and its events are then put back in the
    // order of their first sighting, as one pass over all of them would have made them.
    let dated: Vec<DatedSentence> = per_article.into_iter().flatten().collect();
    let read = read_shared_sentences(&dated, facts, lexicon);
    let mut by_date: HashMap<PartialDate, Vec<(usize, DatedSentence)>> = HashMap::new();
    for (order, dated) in dated.into_iter().enumerate() {
        by_date.entry(dated.date).or_default().push((order, dated));
    }
    let mut found: Vec<(usize, Event, Vec<Sighting>)> = by_date
        .into_par_iter()
        .flat_map_iter(|(_, same_date)| {
            let sightings = same_date
                .into_iter()
                .map(|(order, d)| {
                    let a = d.article;
                    let sighting =
                        read_sighting(d, &facts[a], &mentions_by_article[a], lexicon, &read);
                    (order, sighting)
                })
                .filter(|(_, sighting)| says_what_happened(&sighting.title))
                .collect();
            group_one_date(sightings)
                .into_iter()
                .map(|(first, mut group)| {
                    let event = to_event(&group);
                    // The latest members stand for the group when its date is compared with others.
                    let kept = group.len().saturating_sub(COMPARED_MEMBERS);
                    group.drain(..kept);
                    (first, event, group)
                })
        })
        .collect();
    // The dates came out of a hash map, in an order that changes from run to run; merging
    // depends on the order it sees the entries in, so it sees them in the order of the text.
    found.sort_unstable_by_key(|(first, ..)| *first);
    let mut found = merge_precisions(found);
    found.sort_unstable_by_key(|(first, _)| *first);

    let mut ids = UniqueIds::new();
    let mut events: Vec<Event> = found
        .into_iter()
        .map(|(_, mut event)| {
            event.id = event_id(&event, &mut ids);
            event
        })
        .collect();
    attach_undated(&mut events, facts, article_dates, linked);
    events
}

fn same_subject(a: &Sighting, b: &Sighting) -> bool {
    let shared_people = a.people.iter().filter(|p| b.people.contains(p)).count();
    // Two sentences about different people ("X has served since 2011", "Y has served since
    // 2011") report different things, however alike their words.
    if shared_people == 0 && !a.people.is_empty() && !b.people.is_empty() {
        return false;
    }
    let overlap = jaccard(&a.stems, &b.stems);
    (shared_people >= 1 && overlap >= 0.1)
        || overlap >= 0.25
        || jaccard(&a.title_stems, &b.title_stems) >= 0.3
        || (a.place.is_some() && a.place == b.place && overlap >= 0.1)
}

/// Shared stems over all stems, of two sorted sets of stem hashes.
fn jaccard(a: &Stems, b: &Stems) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = (a.len() + b.len() - shared).max(1);
    shared as f32 / union as f32
}

/// The event of a group of sightings, without its id: ids are given once every event is known.
fn to_event(group: &[Sighting]) -> Event {
    let date = group[0].date;
    let title = group
        .iter()
        .filter(|s| s.title.split_whitespace().count() >= 2)
        .max_by_key(|s| {
            let t = &s.title;
            (
                !s.reports_speech,
                t.split_whitespace().count().min(LONGEST_TITLE) * 100 - t.len().min(99),
            )
        })
        .map_or(&group[0].title, |s| &s.title)
        .clone();
    let place = group.iter().find_map(|s| s.clause_place.clone());
    let mut event = Event {
        id: String::new(),
        date,
        title,
        place,
        origin: EventOrigin::Discovered,
        people: Vec::new(),
        articles: Vec::new(),
        evidence: Vec::new(),
    };
    let mut seen = Seen::default();
    for s in group {
        add_evidence(
            &mut event,
            &mut seen,
            s.article,
            s.sentence,
            Some(s.date_span),
            &s.people,
        );
    }
    event
}

/// What a group of sightings is listed under when finer dates are matched to coarser ones.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum SubjectKey {
    Person(usize),
    Stem(u64),
}

fn subject_keys(members: &[Sighting]) -> HashSet<SubjectKey> {
    members
        .iter()
        .flat_map(|s| {
            let people = s.people.iter().map(|&p| SubjectKey::Person(p));
            let stems = s.stems.iter().chain(&s.title_stems);
            people.chain(stems.map(|&h| SubjectKey::Stem(h)))
        })
        .collect()
}

/// Whether two groups at compatible dates report one event. A month or a year holds many
/// events, so their words must agree more than those of two sightings of one date: their
/// titles, or their sentences and a person. Two dates of one sentence are two events unless
/// their titles agree, the sentence's words being the same for both.
fn same_event(coarse: &[Sighting], fine: &[Sighting]) -> bool {
    coarse.iter().any(|a| {
        fine.iter().any(|b| {
            let titles_agree = jaccard(&a.title_stems, &b.title_stems) >= 0.3;
            if (a.article, a.sentence) == (b.article, b.sentence) {
                return titles_agree;
            }
            let shared_person = a.people.iter().any(|p| b.people.contains(p));
            let overlap = jaccard(&a.stems, &b.stems);
            titles_agree || (shared_person && overlap >= 0.2) || overlap >= 0.4
        })
    })
}

/// One event seen at two precisions ("in December", "on 2 December") is one entry, at the
/// finer date, with the evidence of both. Each entry is listed under the coarser dates that
/// hold its own and under its people and stems, so that an entry is compared only with the
/// finer entries that share a coarser date and a word with it, not with every entry.
fn merge_precisions(found: Vec<(usize, Event, Vec<Sighting>)>) -> Vec<(usize, Event)> {
    use crate::calendar::Precision;
    let keys: Vec<HashSet<SubjectKey>> = found.iter().map(|(_, _, m)| subject_keys(m)).collect();
    let mut finer: HashMap<(PartialDate, SubjectKey), Vec<usize>> = HashMap::new();
    for (i, (_, event, _)) in found.iter().enumerate() {
        let coarser = [Precision::Month, Precision::Year]
            .into_iter()
            .filter(|&p| p < event.date.precision());
        for date in coarser.map(|p| event.date.truncate(p)) {
            for &key in &keys[i] {
                finer.entry((date, key)).or_default().push(i);
            }
        }
    }
    // Months are matched before years, so that a year joins a month only if that month stays.
    let mut coarse: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].1.date.precision() != Precision::Day)
        .collect();
    coarse.sort_by_key(|&i| std::cmp::Reverse(found[i].1.date.precision()));
    let mut joins: Vec<Option<usize>> = vec![None; found.len()];
    let mut candidates: Vec<usize> = Vec::new();
    for i in coarse {
        let date = found[i].1.date;
        candidates.clear();
        for key in &keys[i] {
            candidates.extend(finer.get(&(date, *key)).into_iter().flatten());
        }
        candidates.sort_unstable();
        candidates.dedup();
        let target = candidates
            .iter()
            .copied()
            .filter(|&j| joins[j].is_none() && same_event(&found[i].2, &found[j].2))
            // The finest date, and among those the first entry.
            .max_by_key(|&j| (found[j].1.date.precision(), std::cmp::Reverse(found[j].0)));
        joins[i] = target;
    }
    let mut entries: Vec<Option<(usize, Event)>> = found
        .into_iter()
        .map(|(first, event, _)| Some((first, event)))
        .collect();
    for (i, target) in joins.iter().enumerate() {
        let Some(j) = *target else { continue };
        let Some((first, event)) = entries[i].take() else {
            continue;
        };
        if let Some((into_first, into)) = entries[j].as_mut() {
            *into_first = (*into_first).min(first);
            let mut seen = Seen::of(into);
            for e in &event.evidence {
                add_evidence(into, &mut seen, e.article, e.sentence, e.date_span, &[]);
            }
            for p in event.people {
                if seen.people.insert(p) {
                    into.people.push(p);
                }
            }
            if into.place.is_none() {
                into.place = event.place;
            }
        }
    }
    entries.into_iter().flatten().collect()
}

/// An id from the event's date and the first words of its title, numbered if taken.
fn event_id(event: &Event, ids: &mut UniqueIds) -> String {
    let first_words = event
        .title
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    ids.assign(format!("{}-{}", event.date, slug(&first_words)))
}

/// Undated sentences of articles dated near an event, naming two of its people, or one of
/// them and its place ("Putin also received Witkoff in Moscow").
fn attach_undated(
    events: &mut [Event],
    facts: &[ArticleFacts],
    article_dates: &[Option<ArticleDate>],
    linked: &[Vec<bool>],
) {
    // The undated sentences of dated articles that name someone, by person and by date: an
    // event reads only the sentences of its own people in its own weeks, not every sentence of
    // every article near its date (a week of news would make that events × articles).
    let mut by_person: HashMap<usize, Vec<(jiff::civil::Date, usize, usize)>> = HashMap::new();
    for (a, f) in facts.iter().enumerate() {
        let Some(date) = article_dates.get(a).copied().flatten() else {
            continue;
        };
        let dated: HashSet<usize> = f.dates.iter().map(|m| m.sentence).collect();
        for (s, present) in f.people_by_sentence.iter().enumerate() {
            if linked[a][s] || dated.contains(&s) || is_heading(f, s) {
                continue;
            }
            for &p in present {
                by_person.entry(p).or_default().push((date.date, a, s));
            }
        }
    }
    for list in by_person.values_mut() {
        list.sort_unstable();
    }
    // Each event looks for its own sentences: on every core.
    events
        .par_iter_mut()
        .filter(|e| e.date.precision() == crate::calendar::Precision::Day)
        .for_each(|event| {
            let (first, last) = event.date.bounds();
            let (Ok(from), Ok(to)) = (
                first.checked_sub(NEARBY_DAYS.days()),
                last.checked_add(NEARBY_DAYS.days()),
            ) else {
                return;
            };
            let mut nearby: Vec<(usize, usize)> = Vec::new();
            for p in &event.people {
                let Some(list) = by_person.get(p) else {
                    continue;
                };
                let start = list.partition_point(|&(d, ..)| d < from);
                let end = list.partition_point(|&(d, ..)| d <= to);
                nearby.extend(list[start..end].iter().map(|&(_, a, s)| (a, s)));
            }
            // In article and sentence order, the order of the evidence.
            nearby.sort_unstable();
            nearby.dedup();
            let place = event.place.as_ref().map(|p| fold(p));
            let mut seen = Seen::of(event);
            let mut additions = Vec::new();
            for (a, s) in nearby {
                let f = &facts[a];
                let present = &f.people_by_sentence[s];
                let shared = present.iter().filter(|p| seen.people.contains(p)).count();
                if seen.sentences.contains(&(a, s)) {
                    continue;
                }
                let names_place = || {
                    place.as_ref().is_some_and(|p| {
                        fold(f.article.sentences[s].span.slice(&f.article.text))
                            .contains(p.as_str())
                    })
                };
                if shared >= 2 || names_place() {
                    additions.push((a, s, present));
                }
            }
            for (a, s, present) in additions {
                add_evidence(event, &mut seen, a, s, None, present);
            }
        });
}

/// A heading inside the story ("Leaders Shake Hands") names its people without saying which of
/// its events it is about. The headline is about the story's own news, as its first lines are.
fn is_heading(f: &ArticleFacts, sentence: usize) -> bool {
    f.article.paragraph_kind(sentence) == BlockKind::Heading
}

/// A set of word stems, as sorted distinct hashes: sets are compared many times, and comparing
/// sorted numbers is a merge.
type Stems = Vec<u64>;

/// Content-word stems of a sentence (their first five letters), for comparing subjects.
fn stems(text: &str, sentence: Span, lexicon: &Lexicon) -> Stems {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    let mut stems: Stems = tokenize(text, sentence)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && t.text.chars().count() >= 4)
        .map(|t| fold(t.text))
        .filter(|w| {
            !lexicon.non_name_capitals.contains_folded(w)
                && crate::calendar::month_from_name(w).is_none()
        })
        .map(|w| hasher.hash_one(w.chars().take(5).collect::<String>()))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    // Collected in place, the stems would keep the tokens' much larger buffer for as long as
    // the sighting lives.
    stems.shrink_to_fit();
    stems
}

/// The first place named in the sentence.
fn place_in(text: &str, sentence: Span, lexicon: &Lexicon) -> Option<String> {
    let tokens: Vec<_> = tokenize(text, sentence)
        .into_iter()
        .filter(|t| t.is_word())
        .collect();
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    (0..words.len()).find_map(|i| {
        if !crate::text::is_capitalised(words[i]) {
            return None;
        }
        let n = lexicon.places.longest_prefix(&words[i..])?;
        Some(
            Span::new(tokens[i].span.start(), tokens[i + n - 1].span.end())
                .slice(text)
                .to_owned(),
        )
    })
}

/// Pronouns and auxiliaries that open a clause without saying what happened ("it did at").
const EMPTY_OPENERS: &[&str] = &[
    "it", "he", "she", "they", "we", "this", "that", "there", "did", "does", "do", "was", "were",
    "is", "are", "had", "has", "have", "would", "could", "will", "at", "to",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "their", "his", "her", "its", "our", "first", "last", "latest", "previous",
];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "by", "since", "from", "after", "before", "for", "with",
];

/// A short title from the clause around the date, and that clause's span in the sentence:
/// "which Russia annexed in 2014" gives "Russia annexed"; "after last week's meeting in Alaska
/// ended" gives "Meeting in Alaska ended"; "In his message on Friday, Ivan Petrov announced
/// talks" gives "Ivan Petrov announced talks". A clause that cannot say who did what gives
/// way to its sentence's main clause, and an empty title when that cannot either.
pub fn title_from(sentence: &str, date: Span, lexicon: &Lexicon) -> (String, Span) {
    let (title, clause, says_who_did_what) = clause_title(sentence, date, lexicon);
    if says_who_did_what {
        return (title, clause);
    }
    (
        main_clause_title(sentence, date, lexicon).unwrap_or_default(),
        clause,
    )
}

/// The title of the date's own clause, its span, and whether it says who did what: by a
/// clause, or by a noun for the event ("direct talks since 2022", "the start of the harvest").
/// Judged on the words before the title is shortened, which may cut its verb off.
fn clause_title(sentence: &str, date: Span, lexicon: &Lexicon) -> (String, Span, bool) {
    let outer = clause_around(sentence, date.start(), date.end());
    let (start, end) = clause::narrow(sentence, outer, (date.start(), date.end()), lexicon);
    let before = &sentence[start..date.start()];
    let after = &sentence[date.end()..end];
    let mut head: Vec<&str> = before.split_whitespace().collect();
    let mut nominal = false;
    // Whether the words before the date were cut off, so the title does not open its clause.
    let mut cut_before_clause = false;
    let mut antecedent: Option<String> = None;
    // A date in an opening phrase ("In his message on Friday,") dates the clause after it.
    let opening_phrase = after.trim().is_empty()
        && end == outer.1
        && head
            .first()
            .is_none_or(|w| PREPOSITIONS.contains(&fold(w).as_str()))
        && sentence[end..].starts_with(',');
    if opening_phrase {
        let next = clause_around(sentence, end + 1, end + 1);
        let (next_start, next_end) = clause::narrow(sentence, next, (next.0, next.0), lexicon);
        let words: Vec<&str> = sentence[next_start..next_end].split_whitespace().collect();
        let verbal = clause::is_clause_title(&words.join(" "), lexicon);
        return (tidy(words, sentence), Span::new(start, next_end), verbal);
    }
    if let Some(pos) = head
        .iter()
        .rposition(|w| SUBORDINATORS.contains(&fold(w).as_str()))
    {
        // "their first direct talks since 2022": what happened then is what comes before.
        if pos + 1 == head.len() && after.trim().is_empty() && fold(head[pos]) == "since" {
            let from = head[..pos]
                .iter()
                .rposition(|w| PREPOSITIONS.contains(&fold(w).as_str()) || w.ends_with(','))
                .map_or(0, |p| p + 1);
            let mut phrase: Vec<&str> = head[from..pos].to_vec();
            while phrase.len() > 1
                && phrase
                    .first()
                    .is_some_and(|w| DETERMINERS.contains(&fold(w).as_str()))
            {
                phrase.remove(0);
            }
            return (tidy(phrase, sentence), Span::new(start, end), true);
        }
        // "a consultation that closed on …": the pronoun is the subject of its clause, and what
        // it stands for is the word group before it.
        cut_before_clause = true;
        let pronoun = fold(head[pos]);
        // Words like "since" and "after" also take a noun for the event ("since the war").
        nominal = matches!(
            pronoun.as_str(),
            "since" | "after" | "before" | "following" | "until"
        );
        let subject_pronoun = clause::RELATIVE_PRONOUNS.contains(&pronoun.as_str())
            && head
                .get(pos + 1)
                .is_some_and(|w| clause::is_verb(w, lexicon));
        let from = head[..pos]
            .iter()
            .rposition(|w| {
                let w = fold(w);
                SUBORDINATORS.contains(&w.as_str())
                    || PREPOSITIONS.contains(&w.as_str())
                    || w == "to"
            })
            .map_or(0, |p| p + 1);
        // An antecedent with a verb is the object of a clause of its own ("X kept the side
        // who lost"): the pronoun's clause is not that clause's subject. A long one is not a
        // word group that can be told apart.
        let antecedent_is_subject =
            !clause::has_verb(&head[from..pos], lexicon) && pos - from <= LONGEST_ANTECEDENT;
        if subject_pronoun && antecedent_is_subject {
            head.remove(pos);
            head.drain(..from);
            if head.first().is_some_and(|w| clause::is_verb(w, lexicon)) {
                // The pronoun opened the clause: what it stands for is before the comma.
                antecedent = clause::antecedent_before(sentence, start, lexicon, |at| {
                    clause_around(sentence, at, at)
                });
            }
        } else if pronoun == "who" {
            cut_before_clause = false;
        } else {
            head.drain(..=pos);
        }
    }
    if let Some(pos) = head
        .iter()
        .position(|w| {
            matches!(
                fold(w).as_str(),
                "beginning" | "start" | "outbreak" | "end" | "anniversary"
            )
        })
        .filter(|&p| head.get(p + 1).is_some_and(|w| fold(w) == "of"))
    {
        head.drain(..pos);
        nominal = true;
    }
    strip_date_leads(&mut head);
    let mut tail = after.trim_start();
    for possessive in ["'s ", "’s ", "' ", "’ "] {
        if let Some(rest) = tail.strip_prefix(possessive) {
            tail = rest;
        }
    }
    let mut words = head;
    words.extend(tail.split_whitespace());
    // A clause that starts with its verb shares the subject of what comes before it.
    let shared_subject = antecedent.or_else(|| {
        (!cut_before_clause && clause::starts_with_verb(&words, lexicon))
            .then(|| {
                clause::subject_before(sentence, start, outer.0, lexicon, |at| {
                    clause_around(sentence, at, at)
                })
            })
            .flatten()
    });
    if let Some(subject) = &shared_subject {
        words.splice(0..0, subject.split_whitespace());
    }
    let verbal = nominal || clause::is_clause_title(&words.join(" "), lexicon);
    (tidy(words, sentence), Span::new(start, end), verbal)
}

/// Drop the words that lead into the date cut from a title ("on", "at the start of"). A word
/// of position ("start", "end", "early") leads into the date only next to it or before "of":
/// in "due to start on …" it is the verb.
fn strip_date_leads(head: &mut Vec<&str>) {
    let mut next: Option<String> = None;
    while let Some(last) = head.last() {
        let w = fold(last);
        let positional = matches!(
            w.as_str(),
            "early" | "late" | "mid" | "end" | "beginning" | "start"
        );
        let leads = DATE_LEADS.contains(&w.as_str())
            && (!positional || next.as_deref().is_none_or(|n| n == "of"));
        if !leads {
            break;
        }
        head.pop();
        next = Some(w);
    }
}

/// The title of the sentence's first clause that says who did what, other than the date's own:
/// that one could not.
fn main_clause_title(sentence: &str, date: Span, lexicon: &Lexicon) -> Option<String> {
    let mut pos = 0;
    for _ in 0..8 {
        if pos >= sentence.len() {
            break;
        }
        let outer = clause_around(sentence, pos, pos);
        let (start, end) = clause::narrow(sentence, outer, (outer.0, outer.0), lexicon);
        let mut words: Vec<&str> = sentence[start..end].split_whitespace().collect();
        // A single word would make `tidy` fall back on the whole sentence, date and all.
        let holds_date = (start < date.end() && date.start() < end)
            || sentence[start..end].split_whitespace().nth(1).is_none();
        let opens_as_clause = !holds_date
            && words.first().is_some_and(|w| {
                !SUBORDINATORS.contains(&fold(w).as_str())
                    && !PREPOSITIONS.contains(&fold(w).as_str())
            });
        if opens_as_clause {
            let shared_subject = clause::starts_with_verb(&words, lexicon)
                .then(|| {
                    clause::subject_before(sentence, start, outer.0, lexicon, |at| {
                        clause_around(sentence, at, at)
                    })
                })
                .flatten();
            let aside = shared_subject.is_none() && clause::starts_with_verb(&words, lexicon);
            if let Some(subject) = &shared_subject {
                words.splice(0..0, subject.split_whitespace());
            }
            if !aside && clause::is_clause_title(&words.join(" "), lexicon) {
                return Some(tidy(words, sentence));
            }
        }
        pos = outer.1 + sentence[outer.1..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The clause that `date` dates in `sentence`: the one a title is cut from.
pub(super) fn clause_of_date(sentence: &str, date: Span, lexicon: &Lexicon) -> Span {
    title_from(sentence, date, lexicon).1
}

/// Whether a title has a word that is not part of a date or a clock time. A line that is only a
/// stamp ("9 March 2024", "Tue 4 Jun 2024 · 09.15 CEST", "7:30 PM ET") titles itself with what
/// is left of it, and an entry for it would say nothing happened.
fn says_what_happened(title: &str) -> bool {
    title.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let stamp_word = w.is_empty()
            || w.contains(|c: char| c.is_ascii_digit())
            || month_from_name(w).is_some()
            || weekday_from_name(w).is_some()
            // Time zones and "AM"/"PM": short and all capitals.
            || (w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase()));
        !stamp_word
    })
}

/// How far a clause reaches on each side of its date, in bytes. News clauses are far shorter;
/// a run-on of dates joined by "and" is not, and reading all of it for each of its dates would
/// cost the square of its length. The title takes a dozen words: none come from further away.
const CLAUSE_REACH: usize = 400;

/// The clause holding `from..to`: between commas, semicolons, colons, brackets, quotes and
/// spaced dashes, and within [`CLAUSE_REACH`] of it (cut between words).
fn clause_around(sentence: &str, from: usize, to: usize) -> (usize, usize) {
    // The colon of a clock time ("7:30 PM") or a score does not end a clause.
    let between_digits = |s: &str, i: usize| {
        s[..i].ends_with(|c: char| c.is_ascii_digit())
            && s[i + 1..].starts_with(|c: char| c.is_ascii_digit())
    };
    let is_boundary = |s: &str, i: usize, c: char| {
        matches!(c, ',' | ';' | '(' | ')' | '"' | '\u{201C}' | '\u{201D}')
            || (c == ':' && !between_digits(s, i))
            || (matches!(c, '—' | '–' | '-')
                && s[..i].ends_with(' ')
                && s[i + c.len_utf8()..].starts_with(' '))
    };
    let reach_back = floor_char_boundary(sentence, from.saturating_sub(CLAUSE_REACH));
    let reach_on = floor_char_boundary(sentence, to.saturating_add(CLAUSE_REACH));
    let start = sentence[reach_back..from]
        .char_indices()
        .rfind(|&(i, c)| is_boundary(sentence, reach_back + i, c))
        .map(|(i, c)| reach_back + i + c.len_utf8())
        .unwrap_or_else(|| match reach_back {
            0 => 0,
            _ => sentence[reach_back..from]
                .find(char::is_whitespace)
                .map_or(from, |i| reach_back + i),
        });
    let end = sentence[to..reach_on]
        .char_indices()
        .find(|&(i, c)| is_boundary(sentence, to + i, c))
        .map(|(i, _)| to + i)
        .unwrap_or_else(|| {
            if reach_on == sentence.len() {
                reach_on
            } else {
                sentence[to..reach_on]
                    .rfind(char::is_whitespace)
                    .map_or(to, |i| to + i)
            }
        });
    (start, end)
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn tidy(mut words: Vec<&str>, sentence: &str) -> String {
    while words.first().is_some_and(|w| {
        matches!(
            fold(w).as_str(),
            "and" | "but" | "or" | "so" | "then" | "also" | "-" | "now"
        )
    }) {
        words.remove(0);
    }
    if words.len() > 3 {
        while words.len() > 2
            && words
                .first()
                .is_some_and(|w| EMPTY_OPENERS.contains(&fold(w).as_str()))
        {
            words.remove(0);
        }
    }
    let joined = words.join(" ");
    let joined = joined.trim_matches(|c: char| !c.is_alphanumeric() && c != '…');
    let title = if joined.split_whitespace().nth(1).is_some() {
        joined
    } else {
        sentence.trim()
    };
    capitalise(&shorten(
        title.trim_end_matches(['.', '!', '?']),
        LONGEST_TITLE,
    ))
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Grouping through the index finds the groups that comparing with every group finds.
    #[test]
    fn indexed_grouping_matches_comparing_with_every_group() {
        fn next(state: &mut u64, n: u64) -> u64 {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*state >> 33) % n
        }
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut set = |max: u64, of: u64| {
            let count = next(&mut state, max + 1);
            let mut v: Vec<u64> = (0..count).map(|_| next(&mut state, of)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let date: PartialDate = "2030-01-02".parse().unwrap();
        let sightings: Vec<(usize, Sighting)> = (0..600)
            .map(|i| {
                let people = set(2, 8).into_iter().map(|p| p as usize).collect();
                let sighting = Sighting {
                    article: i,
                    sentence: 0,
                    date,
                    date_span: Span::new(0, 1),
                    people,
                    stems: Arc::new(set(4, 14)),
                    title_stems: set(3, 10),
                    reports_speech: false,
                    title: String::new(),
                    place: set(1, 2).contains(&0).then(|| "harbour".to_owned()),
                    clause_place: None,
                };
                (i, sighting)
            })
            .collect();
        let copy = |s: &Sighting| Sighting {
            people: s.people.clone(),
            stems: Arc::clone(&s.stems),
            title_stems: s.title_stems.clone(),
            title: s.title.clone(),
            place: s.place.clone(),
            clause_place: s.clause_place.clone(),
            ..*s
        };
        let mut every: Vec<(usize, Vec<Sighting>)> = Vec::new();
        for (order, sighting) in &sightings {
            let found = every.iter().position(|(_, g)| {
                g.iter()
                    .rev()
                    .take(COMPARED_MEMBERS)
                    .any(|s| same_subject(s, sighting))
            });
            match found {
                Some(g) => every[g].1.push(copy(sighting)),
                None => every.push((*order, vec![copy(sighting)])),
            }
        }
        let articles = |groups: &[(usize, Vec<Sighting>)]| -> Vec<(usize, Vec<usize>)> {
            groups
                .iter()
                .map(|(o, g)| (*o, g.iter().map(|s| s.article).collect()))
                .collect()
        };
        let indexed = group_one_date(sightings);
        assert!(
            indexed.len() > 10 && indexed.len() < 590,
            "{}",
            indexed.len()
        );
        assert_eq!(articles(&indexed), articles(&every));
    }

    fn title(sentence: &str, date: &str) -> String {
        let start = sentence.find(date).unwrap();
        title_from(
            sentence,
            Span::new(start, start + date.len()),
            Lexicon::builtin(),
        )
        .0
    }

    #[test]
    fn titles_come_from_the_clause_of_the_date() {
        assert_eq!(
            title(
                "He refused to give up the peninsula, which Russia annexed in 2014, or other land.",
                "2014"
            ),
            "Russia annexed"
        );
        assert_eq!(
            title(
                "Policy has changed several times since Russia's annexation of the peninsula in 2014.",
                "2014"
            ),
            "Russia's annexation of the peninsula"
        );
        assert_eq!(
            title(
                "It came after last week's summit meeting in Alaska ended without a deal.",
                "last week"
            ),
            "Summit meeting in Alaska ended without a deal"
        );
    }

    #[test]
    fn titles_skip_empty_openers_and_opening_phrases() {
        assert_eq!(
            title(
                "Moscow was open to talks - as it did at the beginning of the war of aggression in 2022.",
                "2022"
            ),
            "Beginning of the war of aggression"
        );
        assert_eq!(
            title(
                "In his evening video message on Friday, Ivan Petrov announced new talks.",
                "Friday"
            ),
            "Ivan Petrov announced new talks"
        );
        assert_eq!(
            title(
                "Last Friday, the two leaders met in Anchorage.",
                "Last Friday"
            ),
            "The two leaders met in Anchorage"
        );
        assert_eq!(
            title(
                "It came after last week's Smith–Jones meeting in Alaska ended.",
                "last week"
            ),
            "Smith–Jones meeting in Alaska ended"
        );
    }

    #[test]
    fn a_date_after_since_dates_what_comes_before() {
        assert_eq!(
            title(
                "Delegations met in the city on Friday for their first direct talks since 2022, officials said.",
                "2022"
            ),
            "Direct talks"
        );
    }

    #[test]
    fn a_clock_time_does_not_cut_the_title() {
        assert_eq!(
            title(
                "The council will meet on Thursday at 6:45 PM in the old hall.",
                "Thursday"
            ),
            "The council will meet at 6:45 PM in the old hall"
        );
    }

    #[test]
    fn a_coordinator_before_a_new_clause_ends_the_clause_of_a_date() {
        let sentence =
            "Dredging is set to begin on 3.04.2031 and the new quay should open in 2033.";
        assert_eq!(title(sentence, "3.04.2031"), "Dredging is set to begin");
        assert_eq!(title(sentence, "2033"), "The new quay should open");
        // Two subjects joined by "and" are one clause, also in a reported clause, and a name or
        // a plural noun is not the verb of a new one.
        assert_eq!(
            title("Pereira and Lindqvist signed the treaty in 2031.", "2031"),
            "Pereira and Lindqvist signed the treaty"
        );
        assert_eq!(
            title(
                "The council said Pereira and Lindqvist would sign the treaty on Monday.",
                "Monday"
            ),
            "The council said Pereira and Lindqvist would sign the treaty"
        );
        assert_eq!(
            title(
                "Ferries would sail to the Northern and Southern isles in June.",
                "June"
            ),
            "Ferries would sail to the Northern and Southern isles"
        );
    }

    #[test]
    fn a_second_predicate_keeps_the_subject_of_the_first() {
        let sentence = "Halvorsen, raised in Tromvik, painted her first mural in 1971 and sold her studio in 2008.";
        assert_eq!(title(sentence, "1971"), "Halvorsen painted her first mural");
        assert_eq!(title(sentence, "2008"), "Halvorsen sold her studio");
    }

    #[test]
    fn a_relative_clause_that_holds_the_date_gives_its_own_title() {
        assert_eq!(
            title(
                "The board approved the new tram line on 9 May, after a public inquiry that ended on 2 April.",
                "2 April"
            ),
            "A public inquiry ended"
        );
        assert_eq!(
            title(
                "Ines Quarles, who founded the rowing club in 1987, retired on Monday.",
                "1987"
            ),
            "Ines Quarles founded the rowing club"
        );
    }

    #[test]
    fn a_semicolon_ends_the_clause_and_an_appositive_is_skipped() {
        let sentence = "The depot had shut in March 2030; its east wing, a former grain store, reopens on June 4.";
        assert_eq!(title(sentence, "March 2030"), "The depot had shut");
        assert_eq!(title(sentence, "June 4"), "Its east wing reopens");
        assert_eq!(
            title(
                "Tobias Wren, a former ferry captain, died on Tuesday aged 91, his family said.",
                "Tuesday"
            ),
            "Tobias Wren died aged 91"
        );
    }

    #[test]
    fn a_clause_that_cannot_say_what_happened_takes_the_main_clause() {
        // A wh-fragment is no title.
        assert_eq!(
            title(
                "The mill owners hired Dara Monk, who in 2029 took charge.",
                "2029"
            ),
            "The mill owners hired Dara Monk"
        );
        // A phrase without a verb is no title, and when no clause has one there is none.
        assert_eq!(
            title(
                "The orchard cooperative grew, from 40 members in 2020.",
                "2020"
            ),
            "The orchard cooperative grew"
        );
        assert_eq!(title("Harbour regatta in 2031 (provisional).", "2031"), "");
    }

    #[test]
    fn titles_fall_back_to_the_sentence() {
        assert_eq!(title("Prices rose this year.", "this year"), "Prices rose");
        // A bare date says nothing happened.
        assert_eq!(title("In 2014.", "2014"), "");
    }
}
