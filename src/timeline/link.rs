//! Linking sentences to catalogue events.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use rustc_hash::{FxHashMap, FxHashSet};

use super::discover::NEARBY_DAYS;
use super::{ArticleFacts, CatalogueEvent, not_after};
use crate::calendar::{PartialDate, Precision};
use crate::corpus::BlockKind;
use crate::extract::dates::{DateMention, Tense};
use crate::extract::names::{SurnameIndex, name_key, same_given_name, same_surname};
use crate::extract::people::Person;
use crate::extract::tokens::{TokenKind, tokenize};
use crate::text::{Span, fold, fold_into};

/// Words a cue or place may leave out or hold without changing what it names.
const FILLER: &[&str] = &["the", "of", "a", "an", "in", "at", "on", "for", "to", "and"];

/// A link needs this much evidence: a cue alone, or a place and both participants, or a
/// compatible date with a place or a participant.
const LINK_THRESHOLD: f32 = 3.5;

/// Credit for a sentence of an article already linked to the event: with a compatible month,
/// it reaches the threshold ("their sudden falling out last February").
const COHERENCE: f32 = 1.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub event: usize,
    pub sentence: usize,
    pub score: f32,
    /// The sentence holds one of the event's cues.
    pub cue: bool,
    pub date_span: Option<Span>,
}

/// One sentence as the scorer sees it: its folded words and its date expressions.
struct SentenceFacts<'s> {
    index: usize,
    bag: &'s FxHashSet<String>,
    dates: &'s [&'s DateMention],
    /// The names the sentence puts something at ("in Lisbon", "at the Guild Hall"), as place
    /// words: read only for a sentence that needs them.
    located: OnceCell<Vec<Vec<String>>>,
    /// Whether it points back to an earlier event: read only for a sentence that needs it.
    recalls_earlier: OnceCell<bool>,
}

pub struct Linker<'a> {
    events: &'a [CatalogueEvent],
    participants: &'a [Vec<usize>],
    cues: Vec<Vec<Vec<String>>>,
    places: Vec<Vec<Vec<String>>>,
    /// Every word of every cue and place: the only words of a sentence worth keeping.
    vocabulary: FxHashSet<String>,
    /// A sentence can reach the threshold only through a cue or place it holds in full, or
    /// a participant it names (a date alone is not enough): so it is scored only against the
    /// events of those, not against the whole catalogue. Each cue and place is found under its
    /// rarest word, which a sentence holding it must hold ("accord" may be in every cue).
    by_rarest_word: FxHashMap<String, Vec<usize>>,
    by_person: FxHashMap<usize, Vec<usize>>,
    /// The events of each place, by its words.
    by_place: FxHashMap<Vec<String>, Vec<usize>>,
}

fn words_of(phrase: &str) -> Vec<String> {
    let folded = fold(phrase).replace("'s ", " ").replace('\'', " ");
    folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(str::to_owned)
        .collect()
}

impl<'a> Linker<'a> {
    pub fn new(events: &'a [CatalogueEvent], participants: &'a [Vec<usize>]) -> Self {
        let cues: Vec<Vec<Vec<String>>> = events
            .iter()
            .map(|e| e.cues.iter().map(|c| words_of(c)).collect())
            .collect();
        let places: Vec<Vec<Vec<String>>> = events
            .iter()
            .map(|e| {
                e.place
                    .iter()
                    .flat_map(|p| p.split(','))
                    .map(words_of)
                    .filter(|w| !w.is_empty())
                    .collect()
            })
            .collect();
        let mut frequency: FxHashMap<&str, usize> = FxHashMap::default();
        for word in cues.iter().chain(&places).flatten().flatten() {
            *frequency.entry(word).or_default() += 1;
        }
        let mut by_rarest_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (e, (cues, places)) in cues.iter().zip(&places).enumerate() {
            for phrase in cues.iter().chain(places) {
                let rarest = phrase
                    .iter()
                    .min_by_key(|w| (frequency.get(w.as_str()).copied(), w.as_str()));
                if let Some(word) = rarest {
                    let list = by_rarest_word.entry(word.clone()).or_default();
                    // Events are visited in order: a repeat of `e` can only be the last one.
                    if list.last() != Some(&e) {
                        list.push(e);
                    }
                }
            }
        }
        let vocabulary = frequency.keys().map(|w| (*w).to_owned()).collect();
        let mut by_person: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (e, people) in participants.iter().enumerate() {
            for &p in people {
                by_person.entry(p).or_default().push(e);
            }
        }
        let mut by_place: FxHashMap<Vec<String>, Vec<usize>> = FxHashMap::default();
        for (e, places) in places.iter().enumerate() {
            for place in places {
                let list = by_place.entry(place.clone()).or_default();
                if list.last() != Some(&e) {
                    list.push(e);
                }
            }
        }
        Self {
            events,
            participants,
            cues,
            places,
            vocabulary,
            by_rarest_word,
            by_person,
            by_place,
        }
    }

    /// The words of a sentence that some cue or place holds, folded, possessives dropped.
    fn bag(&self, text: &str, span: Span) -> FxHashSet<String> {
        let mut bag = FxHashSet::default();
        let mut folded = String::new();
        for token in tokenize(text, span) {
            if !matches!(token.kind, TokenKind::Word | TokenKind::Number) {
                continue;
            }
            fold_into(token.text, &mut folded);
            for word in folded.split(|c: char| !c.is_alphanumeric() && c != '-') {
                if self.vocabulary.contains(word) {
                    bag.insert(word.to_owned());
                }
            }
        }
        bag
    }

    /// The links of one article's sentences. Without an anchor, only dates written in full
    /// count; with one, every expression is resolved against it.
    pub fn links(&self, facts: &ArticleFacts, anchor: Option<Date>) -> Vec<Link> {
        let article = facts.article;
        let bags: Vec<FxHashSet<String>> = (0..article.sentences.len())
            .map(|s| self.bag(&article.text, article.sentences[s].span))
            .collect();
        // The date expressions of each sentence, so that scoring a sentence does not scan the
        // whole article's (a 50 MB article has hundreds of thousands).
        let mut dates_by_sentence: Vec<Vec<&DateMention>> = vec![Vec::new(); bags.len()];
        for m in facts.dates {
            if let Some(list) = dates_by_sentence.get_mut(m.sentence) {
                list.push(m);
            }
        }
        let mut links = Vec::new();
        let mut linked: HashSet<(usize, usize)> = HashSet::new();
        let mut coherent: HashSet<usize> = HashSet::new();
        let mut candidates = Vec::new();
        // Round two credits sentences of an article already linked to the event.
        for round in 0..2 {
            let mut coherent_events: Vec<usize> = coherent.iter().copied().collect();
            coherent_events.sort_unstable();
            for (s, bag) in bags.iter().enumerate() {
                self.candidates(bag, &facts.people_by_sentence[s], &mut candidates);
                // Coherence and a date can reach the threshold without a word or a person.
                if round == 1 && !dates_by_sentence[s].is_empty() {
                    candidates.extend_from_slice(&coherent_events);
                }
                // In catalogue order, as scoring every event would have found them.
                candidates.sort_unstable();
                candidates.dedup();
                let sentence = SentenceFacts {
                    index: s,
                    bag,
                    dates: &dates_by_sentence[s],
                    located: OnceCell::new(),
                    recalls_earlier: OnceCell::new(),
                };
                for &e in &candidates {
                    if linked.contains(&(s, e)) {
                        continue;
                    }
                    let bonus = if round == 1 && coherent.contains(&e) {
                        COHERENCE
                    } else {
                        0.0
                    };
                    if let Some(link) = self.score(facts, &sentence, e, anchor, bonus) {
                        linked.insert((s, e));
                        links.push(link);
                    }
                }
            }
            coherent.extend(links.iter().map(|l| l.event));
        }
        keep_best_per_sentence(links)
    }

    /// The events a sentence could link to on its words or people (see `by_rarest_word`).
    fn candidates(&self, bag: &FxHashSet<String>, people: &[usize], out: &mut Vec<usize>) {
        out.clear();
        for word in bag {
            out.extend(self.by_rarest_word.get(word).into_iter().flatten());
        }
        for p in people {
            out.extend(self.by_person.get(p).into_iter().flatten());
        }
    }

    fn score(
        &self,
        facts: &ArticleFacts,
        sentence: &SentenceFacts,
        e: usize,
        anchor: Option<Date>,
        bonus: f32,
    ) -> Option<Link> {
        let (s, bag) = (sentence.index, sentence.bag);
        let event = &self.events[e];
        let contains =
            |words: &Vec<String>| !words.is_empty() && words.iter().all(|w| bag.contains(w));
        let cue = self.cues[e].iter().any(contains);
        let place = self.places[e].iter().any(contains);
        let present = facts.people_by_sentence[s]
            .iter()
            .filter(|p| self.participants[e].contains(p))
            .count()
            .min(2);

        let mut date_bonus: f32 = 0.0;
        let mut date_span = None;
        let mut conflict = false;
        let mut future = false;
        let (event_first, event_last) = event.date.bounds();
        let happened = anchor.is_some_and(|a| not_after(event.date, a));
        for m in sentence.dates {
            future |= m.tense == Tense::Future;
            // "the council would vote on the budget this week": what is still to come is not an event that
            // had already happened when the article was written.
            if happened && m.tense == Tense::Future {
                continue;
            }
            let (Some(date), Some((first, last))) = (m.resolve(anchor), m.bounds(anchor)) else {
                continue;
            };
            if first <= event_last && event_first <= last {
                let bonus = compatibility(date, event.date);
                if bonus > date_bonus {
                    date_bonus = bonus;
                    date_span = Some(m.span);
                }
            } else {
                conflict = true;
            }
        }
        if conflict && date_bonus == 0.0 {
            return None;
        }
        if anchor.is_some_and(|a| !not_after(event.date, a)) && !future {
            return None;
        }
        // A heading inside the story ("Leaders Shake Hands") names its people without saying which
        // of its events it is about. The headline is about the story's own news (below).
        let heading = facts.article.paragraph_kind(s) == BlockKind::Heading;
        if heading && !cue {
            return None;
        }
        // News marks an earlier event it recalls with a cue or a date ("last February"): an
        // undated sentence that names the people is about the article's own news, unless it
        // points back to an earlier event the article refers to: "at their previous summit",
        // or "their quarrel in Lisbon" where that event was.
        if let Some(a) = anchor.filter(|_| !cue && date_span.is_none()) {
            let earlier = *sentence
                .recalls_earlier
                .get_or_init(|| recalls_earlier(facts.article.sentence_text(s)));
            let allowed = if is_news(event.date, a) {
                !earlier
            } else {
                bonus > 0.0 && (earlier || self.located(facts, sentence, e) == Some(true))
            };
            if !allowed {
                return None;
            }
        }
        // "their quarrel in Lisbon ended in uproar": an undated sentence that puts what it
        // reports at another event's place, not this one's, reports the other.
        if !cue && date_span.is_none() && self.located(facts, sentence, e) == Some(false) {
            return None;
        }
        let score = 3.5 * f32::from(u8::from(cue))
            + 1.5 * f32::from(u8::from(place))
            + present as f32
            + date_bonus
            + bonus;
        (score >= LINK_THRESHOLD).then_some(Link {
            event: e,
            sentence: s,
            score,
            cue,
            date_span,
        })
    }
}

impl Linker<'_> {
    /// Where the sentence puts what it reports: at a place of event `e` (true), at another
    /// event's place and none of `e`'s (false), or at no catalogue place (none).
    fn located(&self, facts: &ArticleFacts, sentence: &SentenceFacts, e: usize) -> Option<bool> {
        let located = sentence.located.get_or_init(|| {
            let article = facts.article;
            let span = article.sentences[sentence.index].span;
            super::place::located_names(&article.text, span)
                .iter()
                .map(|p| words_of(p))
                .collect()
        });
        // The longest leading words of a name that are a catalogue place ("Lisbon Harbour" is
        // still in Lisbon).
        let of_event = |words: &Vec<String>| {
            (1..=words.len())
                .rev()
                .find_map(|n| self.by_place.get(&words[..n]))
                .map(|events| events.contains(&e))
        };
        let mut found = None;
        for place in located {
            match of_event(place) {
                Some(true) => return Some(true),
                Some(false) => found = Some(false),
                None => {}
            }
        }
        found
    }
}

/// A sentence reports the event it matches best; a second event needs its own cue or date,
/// not only the place and people it shares with the first ("the scandal in the White House"
/// is not the White House summit).
fn keep_best_per_sentence(links: Vec<Link>) -> Vec<Link> {
    let mut best: HashMap<usize, f32> = HashMap::new();
    for l in &links {
        let score = best.entry(l.sentence).or_insert(f32::MIN);
        *score = score.max(l.score);
    }
    let best = |s: usize| best.get(&s).copied().unwrap_or(f32::MIN);
    links
        .iter()
        .filter(|l| l.cue || l.date_span.is_some() || l.score >= best(l.sentence))
        .copied()
        .collect()
}

/// Words that, after a determiner, point back to an earlier event ("their last summit").
const EARLIER: &[&str] = &["last", "previous", "earlier", "prior"];
/// Words that make "last" part of a date ("the last week") or not about an event ("the last of").
const NOT_AN_EVENT: &[&str] = &[
    "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "night",
    "decade", "century", "season", "hour", "hours", "minute", "minutes", "few", "of", "one", "two",
];

/// Does the sentence point back to an earlier event ("their last summit", "the previous
/// talks")?
fn recalls_earlier(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    words.windows(3).any(|w| {
        matches!(
            w[0].as_str(),
            "the" | "their" | "his" | "her" | "its" | "our" | "an" | "a"
        ) && EARLIER.contains(&w[1].as_str())
            && w[2].chars().all(char::is_alphabetic)
            && !NOT_AN_EVENT.contains(&w[2].as_str())
            && crate::calendar::month_from_name(&w[2]).is_none()
            && crate::calendar::weekday_from_name(&w[2]).is_none()
    })
}

/// Is the event the article's own news: on its date or in the days just before it?
fn is_news(event: PartialDate, anchor: Date) -> bool {
    let (_, last) = event.bounds();
    let since = anchor
        .checked_sub(jiff::Span::new().days(i64::from(NEARBY_DAYS)))
        .unwrap_or(anchor);
    last >= since && not_after(event, anchor)
}

/// How much a compatible date says: the same day says most.
fn compatibility(stated: PartialDate, event: PartialDate) -> f32 {
    match stated.precision().min(event.precision()) {
        Precision::Day => 3.0,
        Precision::Month => 2.0,
        Precision::Year => 1.0,
    }
}

/// The date of the event an undated article reports: the latest day-precise event it names by
/// a cue (earlier ones are its background), or else the one it links most strongly.
pub fn reported_event_date(links: &[Link], catalogue: &[CatalogueEvent]) -> Option<Date> {
    let day = |e: usize| catalogue[e].date.to_date();
    let latest_cued = links
        .iter()
        .filter(|l| l.cue)
        .filter_map(|l| day(l.event))
        .max();
    latest_cued.or_else(|| {
        // The best is the highest total, then the latest date: the order of the totals does not
        // matter, so they can be summed in a map (an article may link thousands of events).
        let mut totals: FxHashMap<usize, f32> = FxHashMap::default();
        for link in links {
            *totals.entry(link.event).or_default() += link.score;
        }
        totals
            .into_iter()
            .filter_map(|(e, total)| Some((total, day(e)?)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, date)| date)
    })
}

/// The spellings of the corpus's people, read once for every event of the catalogue, and
/// found by surname: matching a large catalogue is not events × people comparisons.
pub struct PeopleNames {
    /// The name keys of each person's name and aliases.
    spellings: Vec<Vec<Vec<String>>>,
    by_surname: SurnameIndex,
}

impl PeopleNames {
    pub fn new(people: &[Person]) -> Self {
        let key = |s: &str| name_key(&s.split_whitespace().collect::<Vec<_>>());
        let spellings: Vec<Vec<Vec<String>>> = people
            .iter()
            .map(|p| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(|s| key(s))
                    .collect()
            })
            .collect();
        let mut by_surname = SurnameIndex::default();
        for (p, keys) in spellings.iter().enumerate() {
            for surname in keys.iter().filter_map(|k| k.last()) {
                by_surname.add(surname, p);
            }
        }
        Self {
            spellings,
            by_surname,
        }
    }

    /// The people whose surname could be this one's, in order; everyone for a name without words.
    fn candidates(&self, surname: Option<&String>) -> Vec<usize> {
        match surname {
            Some(surname) => self.by_surname.candidates(surname),
            None => (0..self.spellings.len()).collect(),
        }
    }
}

/// The people of the corpus who are the participants an event names: for each, the first
/// person one of whose spellings is that name, or a variant of it.
pub fn participants(event: &CatalogueEvent, people: &PeopleNames) -> Vec<usize> {
    let mut found = Vec::new();
    for name in &event.participants {
        let key = name_key(&name.split_whitespace().collect::<Vec<_>>());
        let matches = |other: &Vec<String>| {
            *other == key
                || (other.len() >= 2
                    && key.len() >= 2
                    && same_surname(&other[other.len() - 1], &key[key.len() - 1])
                    && same_given_name(&other[0], &key[0]))
        };
        if let Some(p) = people
            .candidates(key.last())
            .into_iter()
            .find(|&p| people.spellings[p].iter().any(matches))
            && !found.contains(&p)
        {
            found.push(p);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_words_ignore_filler_case_and_possessives() {
        assert_eq!(
            words_of("Pope Francis's funeral"),
            vec!["pope", "francis", "funeral"]
        );
        assert_eq!(
            words_of("the funeral of Pope Francis"),
            vec!["funeral", "pope", "francis"]
        );
        let event = CatalogueEvent {
            id: "e".into(),
            date: "2025".parse().unwrap(),
            title: "E".into(),
            place: None,
            participants: Vec::new(),
            cues: vec!["Pope Francis's funeral".into()],
        };
        let events = [event];
        let linker = Linker::new(&events, &[]);
        let text = "They attended Pope Francis’ funeral in O'Brien's town.";
        let bag = linker.bag(text, Span::new(0, text.len()));
        assert_eq!(
            bag.len(),
            3,
            "only the words of cues and places are kept: {bag:?}"
        );
        assert!(
            words_of("Pope Francis funeral")
                .iter()
                .all(|w| bag.contains(w)),
            "{bag:?}"
        );
    }

    #[test]
    fn a_back_reference_names_an_earlier_event_not_a_date() {
        assert!(recalls_earlier("They argued at their last summit."));
        assert!(recalls_earlier(
            "Unlike the previous talks, these went well."
        ));
        assert!(!recalls_earlier("They met twice in the last week."));
        assert!(!recalls_earlier("At last the two sides met."));
        assert!(!recalls_earlier("The last of the ferries left."));
        assert!(!recalls_earlier("It was the earlier March deadline."));
    }

    #[test]
    fn the_news_is_the_event_of_the_article_date_or_the_days_before() {
        let anchor = jiff::civil::date(2031, 3, 10);
        let event = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(is_news(event("2031-03-08"), anchor));
        assert!(is_news(event("2031-03"), anchor));
        assert!(!is_news(event("2031-01-10"), anchor));
        assert!(!is_news(event("2031-03-20"), anchor));
    }

    #[test]
    fn day_dates_say_more_than_months() {
        let day: PartialDate = "2025-02-28".parse().unwrap();
        let month: PartialDate = "2025-02".parse().unwrap();
        assert!(compatibility(day, day) > compatibility(month, day));
    }
}
