//! First pass: the capitalised word runs of each sentence, and the part of each run that may
//! be a person's name, with the evidence for it.

use super::roles::{role_after, role_before};
use crate::calendar::{month_from_name, weekday_from_name};
use crate::corpus::{Article, BlockKind};
use crate::extract::names::is_initials;
use crate::extract::tokens::{Token, TokenKind, tokenize};
use crate::lexicon::{Lexicon, Phrases};
use crate::text::{Span, fold, is_all_caps, is_capitalised};

/// Lower-case words that join the parts of a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "ter", "ten", "le", "la", "du",
    "dos", "das", "bin", "ibn", "al", "el", "ul", "y",
];

/// Longest plausible name, in words.
const MAX_NAME_WORDS: usize = 4;

/// What the text says for a run being a person's name.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    pub words: usize,
    pub given_name: bool,
    pub known_surname: bool,
    pub initials: bool,
    pub title: bool,
    pub honorific: bool,
    pub speech: bool,
    pub country_after: bool,
    pub appositive: bool,
    pub sentence_start: bool,
    /// Words of the name that the lexicons know as places, countries, organisations or media.
    pub non_person_words: usize,
    /// The first word is such a word, but also a given name ("Jordan").
    pub ambiguous_first: bool,
    pub acronym: bool,
    /// The last word is a place word that is also a surname ("Tiger Woods").
    pub place_or_org_ending: bool,
    /// After "at" or "near": the way places are written ("at Trent Bridge").
    pub place_preposition: bool,
}

impl Evidence {
    /// How strongly the text says this is a person. Multi-word names need 2, single words 3.
    pub fn score(&self) -> f32 {
        let multi = self.words >= 2;
        let mut s = 0.0;
        if multi {
            s += 1.0;
            if !self.sentence_start {
                s += 0.5;
            }
            if self.given_name && (!self.ambiguous_first || self.known_surname) {
                s += 2.0;
            }
            if self.known_surname {
                s += 0.5;
            }
        }
        for (present, weight) in [
            (self.initials, 1.5),
            (self.title, 3.0),
            (self.honorific, 3.0),
            (self.speech, 1.5),
            (self.country_after, 1.5),
            (self.appositive, 2.0),
        ] {
            if present {
                s += weight;
            }
        }
        let penalised = self.non_person_words as f32 - if self.ambiguous_first { 0.5 } else { 0.0 };
        s -= 2.0 * penalised;
        if self.acronym {
            s -= 1.0;
        }
        if self.place_or_org_ending {
            s -= 1.0;
        }
        if self.place_preposition {
            s -= 1.5;
        }
        s
    }

    pub fn threshold(&self) -> f32 {
        if self.words >= 2 { 2.0 } else { 3.0 }
    }
}

/// What says that a run's name words introduce a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub role: Option<Span>,
    pub evidence: Evidence,
}

/// A maximal run of capitalised words (with initials and particles) in one sentence.
///
/// Every run of the corpus is held until the mentions are found, so a run keeps only what
/// that needs: the words that may name someone, not the titles, places and organisations
/// around them.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub sentence: usize,
    /// All the run's words, for explaining the verdict.
    pub extent: Span,
    /// The words that may name a person, introduced here or elsewhere; none if the run
    /// names no one.
    pub name: Box<[Span]>,
    /// The evidence that `name` introduces a person (never in headings and shouted lines).
    pub candidate: Option<Candidate>,
}

impl Run {
    pub fn may_name_someone(&self) -> bool {
        !self.name.is_empty()
    }

    /// The name's words, from the first to the last.
    pub fn name_span(&self) -> Option<Span> {
        Some(Span::new(
            self.name.first()?.start(),
            self.name.last()?.end(),
        ))
    }
}

/// The name words of one article's runs, kept to find the mentions once everyone is known:
/// one list of words for the article, not one per run, as every article's are kept at once.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NameRuns {
    words: Vec<Span>,
    /// Each run's sentence, and where its words end in `words` (they start where the
    /// previous run's end).
    runs: Vec<(u32, u32)>,
}

impl NameRuns {
    pub fn new(runs: &[Run]) -> Self {
        let kept = || runs.iter().filter(|r| r.may_name_someone());
        let mut words = Vec::with_capacity(kept().map(|r| r.name.len()).sum());
        let mut ends = Vec::with_capacity(kept().count());
        for run in kept() {
            words.extend_from_slice(&run.name);
            let sentence = u32::try_from(run.sentence).unwrap_or(u32::MAX);
            ends.push((sentence, u32::try_from(words.len()).unwrap_or(u32::MAX)));
        }
        Self { words, runs: ends }
    }

    /// Each run's sentence and name words, in text order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[Span])> {
        let mut start = 0;
        self.runs.iter().map(move |&(sentence, end)| {
            let words = self.words.get(start..end as usize).unwrap_or(&[]);
            start = end as usize;
            (sentence as usize, words)
        })
    }

    /// The name words of the `run`-th run.
    fn words_of(&self, run: usize) -> &[Span] {
        let end = |i: usize| self.runs.get(i).map_or(0, |&(_, end)| end as usize);
        let start = run.checked_sub(1).map_or(0, end);
        self.words.get(start..end(run)).unwrap_or(&[])
    }
}

/// One article's scan as the corpus-wide passes need it, and as the extraction cache keeps it:
/// the runs that may name someone, and what says that some of them introduce a person.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScannedNames {
    pub runs: NameRuns,
    candidates: Vec<NameCandidate>,
}

/// The evidence of one run of [`ScannedNames::runs`] for introducing a person.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NameCandidate {
    /// Which run, counted in [`ScannedNames::runs`].
    run: u32,
    pub score: f32,
    pub threshold: f32,
    pub role: Option<Span>,
}

impl ScannedNames {
    pub fn new(runs: &[Run]) -> Self {
        let candidates = runs
            .iter()
            .filter(|r| r.may_name_someone())
            .enumerate()
            .filter_map(|(i, run)| {
                let c = run.candidate.as_ref()?;
                Some(NameCandidate {
                    run: u32::try_from(i).unwrap_or(u32::MAX),
                    score: c.evidence.score(),
                    threshold: c.evidence.threshold(),
                    role: c.role,
                })
            })
            .collect();
        Self {
            runs: NameRuns::new(runs),
            candidates,
        }
    }

    /// Every candidate, in text order, with the words of its name (never empty).
    pub fn candidates(&self) -> impl Iterator<Item = (&NameCandidate, &[Span])> {
        self.candidates
            .iter()
            .map(|c| (c, self.runs.words_of(c.run as usize)))
            .filter(|(_, words)| !words.is_empty())
    }
}

/// Every run of every sentence of the article.
pub fn scan_article(article: &Article, lexicon: &Lexicon) -> Vec<Run> {
    let mut runs = Vec::new();
    for (index, sentence) in article.sentences.iter().enumerate() {
        let tokens = tokenize(&article.text, sentence.span);
        let heading = matches!(
            article.paragraph_kind(index),
            BlockKind::Heading | BlockKind::Title
        ) || is_shouted(&tokens);
        let mut i = 0;
        while i < tokens.len() {
            if !starts_name(&tokens, i) {
                i += 1;
                continue;
            }
            let members = collect_run(&tokens, i, lexicon);
            let next = members.last().map_or(i + 1, |&last| last + 1);
            runs.push(analyse(&tokens, &members, index, heading, lexicon));
            i = next;
        }
    }
    runs
}

/// A sentence in capitals (a headline or shouted line) says nothing about capitalisation.
fn is_shouted(tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.is_word() && t.text.chars().count() > 1)
        .collect();
    words.len() >= 3 && words.iter().all(|t| is_all_caps(t.text))
}

fn starts_name(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.is_word() && (is_capitalised(t.text) || is_prefixed_particle(t.text))
}

/// "al-Assad", "bin-Salman": a particle glued to a capitalised name.
fn is_prefixed_particle(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(head, rest)| PARTICLES.contains(&head) && is_capitalised(rest))
}

/// Indices of the word tokens of the run starting at `start`.
fn collect_run(tokens: &[Token], start: usize, lexicon: &Lexicon) -> Vec<usize> {
    let mut members = vec![start];
    let mut i = start + 1;
    while i < tokens.len() {
        let t = &tokens[i];
        let last = &tokens[*members.last().unwrap_or(&start)];
        let name_word = t.is_word()
            && t.space_before
            && (is_capitalised(t.text) || is_prefixed_particle(t.text));
        // "van Basten", "von der Leyen", "de la Cruz": particles before a capitalised word.
        let particles = tokens[i..]
            .iter()
            .take_while(|t| t.is_word() && PARTICLES.contains(&t.text))
            .count();
        let particle = particles > 0
            && particles <= 3
            && tokens
                .get(i + particles)
                .is_some_and(|n| n.is_word() && is_capitalised(n.text));
        if name_word || particle {
            members.push(i);
            i += 1;
        } else if t.is_punct('.')
            && !t.space_before
            && abbreviation_dot(last.text, lexicon)
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_word() && is_capitalised(n.text))
        {
            // "J. D. Vance", "U.S. President", "Mr. Smith"
            i += 1;
        } else {
            break;
        }
    }
    members
}

fn abbreviation_dot(word: &str, lexicon: &Lexicon) -> bool {
    word.chars().count() <= 2 || word.contains('.') || lexicon.abbreviations.contains(word)
}

fn is_calendar_word(word: &str) -> bool {
    month_from_name(word).is_some() || weekday_from_name(word).is_some()
}

/// The lexicons of things that are not people: countries, demonyms, organisations, media, places.
fn non_person_lexicons(lexicon: &Lexicon) -> [&Phrases; 5] {
    [
        &lexicon.countries,
        &lexicon.demonyms,
        &lexicon.organisations,
        &lexicon.media,
        &lexicon.places,
    ]
}

/// Any lexicon of things that are not people; `keys` are folded words.
fn non_person_len(lexicon: &Lexicon, keys: &[&str]) -> Option<usize> {
    non_person_lexicons(lexicon)
        .iter()
        .filter_map(|list| list.longest_prefix_folded(keys))
        .max()
}

/// Is this folded word a place, country, organisation or medium?
fn is_non_person(lexicon: &Lexicon, key: &str) -> bool {
    non_person_lexicons(lexicon)
        .iter()
        .any(|list| list.contains_folded(key))
}

fn analyse(
    tokens: &[Token],
    members: &[usize],
    sentence: usize,
    heading: bool,
    lexicon: &Lexicon,
) -> Run {
    let words: Vec<&str> = members.iter().map(|&i| tokens[i].text).collect();
    // Every lexicon lookup below is on these: each word folded once.
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let keys: Vec<&str> = folded.iter().map(String::as_str).collect();
    let spans: Vec<Span> = members.iter().map(|&i| tokens[i].span).collect();
    let mut run = Run {
        sentence,
        extent: Span::new(
            spans.first().map_or(0, |s| s.start()),
            spans.last().map_or(0, |s| s.end()),
        ),
        name: Box::default(),
        candidate: None,
    };
    let first_word_of_sentence = tokens.iter().position(|t| t.is_word()) == Some(members[0]);
    // "A. Dale": a letter with a dot is an initial, even when it is also a word.
    let initial = |i: usize| {
        words[i].chars().count() == 1
            && tokens
                .get(members[i] + 1)
                .is_some_and(|t| t.is_punct('.') && !t.space_before)
    };

    // Words that start sentences or name dates are never part of a name; mid-sentence, a
    // capitalised "Will" or "Hope" may be a given name.
    let mut start = 0;
    while start < words.len()
        && !initial(start)
        && (is_calendar_word(words[start])
            || (lexicon.non_name_capitals.contains_folded(keys[start])
                && (start == 0 && first_word_of_sentence
                    || !lexicon.first_names.contains_folded(keys[start]))))
    {
        start += 1;
    }
    // "Secretary of State Marco Rubio": the run opens with the end of a title ("X of Y").
    let continues_title = members[0] >= 2
        && tokens[members[0] - 1].is_word()
        && tokens[members[0] - 1].text == "of"
        && tokens[members[0] - 2].is_word()
        && lexicon.titles.contains(tokens[members[0] - 2].text);
    if continues_title && start == 0 {
        let complement = (0..words.len().saturating_sub(1))
            .find(|&i| lexicon.first_names.contains_folded(keys[i]))
            .unwrap_or(1);
        start = complement.max(1);
    }
    // Titles, honorifics, countries and organisations before the name.
    let mut name_start = start;
    let mut honorific = false;
    while name_start < words.len() {
        let rest = &keys[name_start..];
        if lexicon.honorifics.contains_folded(rest[0]) {
            honorific = true;
            name_start += 1;
        } else if rest.len() >= 2 && lexicon.first_names.contains_folded(rest[0]) {
            // "Dean Jones", "Jordan Henderson": a given name that is also a title or a place.
            break;
        } else if let Some(n) = lexicon.titles.longest_prefix_folded(rest) {
            name_start += n;
        } else if let Some(n) = non_person_len(lexicon, rest) {
            name_start += n;
        } else if lexicon.role_modifiers.contains_folded(rest[0])
            && rest.len() >= 2
            && lexicon.titles.longest_prefix_folded(&rest[1..]).is_some()
        {
            name_start += 1;
        } else {
            break;
        }
    }
    // "Democratic President Clinton": what precedes a title inside the run belongs to the role.
    if let Some(pos) = (name_start..words.len().saturating_sub(1))
        .rev()
        .find(|&i| {
            lexicon.titles.contains_folded(keys[i]) && !lexicon.first_names.contains_folded(keys[i])
        })
    {
        name_start = pos + 1;
    }
    let mut name_end = words.len();
    while name_end > name_start && is_calendar_word(words[name_end - 1]) {
        name_end -= 1;
    }
    let name = &words[name_start..name_end];
    let name_keys = &keys[name_start..name_end];
    if name.is_empty() || is_saint(words.get(name_start.wrapping_sub(1)).copied(), name) {
        return run;
    }
    let last = name[name.len() - 1];
    let last_key = name_keys[name_keys.len() - 1];
    let given_first = lexicon.first_names.contains_folded(name_keys[0]);
    let known_surname = name.len() >= 2 && lexicon.surnames.contains_folded(last_key);
    let ends_like_place = [
        &lexicon.place_words,
        &lexicon.org_words,
        &lexicon.event_words,
    ]
    .iter()
    .any(|list| list.longest_suffix_folded(name_keys).is_some());
    // "Tiger Woods", "Stuart Hall": a surname that is also a place word.
    let surname_like_place = ends_like_place && name.len() == 2 && given_first && known_surname;
    // "FC Novosibirsk": an organisation's abbreviation before the name.
    let org_abbreviation = is_all_caps(name[0]) && lexicon.org_words.contains_folded(name_keys[0]);
    // "the Warsaw Institute of International Affairs": the rest of an organisation's name.
    let completes_org = members[0] >= 2
        && tokens[members[0] - 1].text == "of"
        && is_capitalised(tokens[members[0] - 2].text)
        && [
            &lexicon.org_words,
            &lexicon.place_words,
            &lexicon.event_words,
        ]
        .iter()
        .any(|list| list.contains(tokens[members[0] - 2].text));
    let not_a_name = (ends_like_place && !surname_like_place)
        || org_abbreviation
        || completes_org
        || (name.len() == 1
            && (lexicon.non_name_capitals.contains_folded(last_key) || is_calendar_word(last)))
        || hyphenated_adjective(last)
        || (name.len() >= 2 && last.chars().count() == 1 && !initial(name_start + name.len() - 1))
        || [
            &lexicon.countries,
            &lexicon.demonyms,
            &lexicon.organisations,
            &lexicon.media,
            &lexicon.places,
        ]
        .iter()
        .any(|list| list.contains_folded(&name_keys.join(" ")));
    if not_a_name {
        return run;
    }
    run.name = spans[name_start..name_end].into();
    if heading || name.len() > MAX_NAME_WORDS {
        return run;
    }

    let first_token = members[name_start];
    let last_token = members[name_end - 1];
    let role = role_before(tokens, first_token, lexicon);
    let role_after = if role.is_none() {
        role_after(tokens, last_token + 1, lexicon)
    } else {
        None
    };
    let given_or_initial = given_first || is_initials(name[0]);
    // A surname that is also a town ("Neal Lancaster") is no evidence against a full name.
    let non_person_words = name_keys
        .iter()
        .enumerate()
        .filter(|&(i, key)| {
            !(i == name.len() - 1 && given_first && known_surname) && is_non_person(lexicon, key)
        })
        .count();
    let after_number = first_token > 0 && tokens[first_token - 1].kind == TokenKind::Number;
    let evidence = Evidence {
        words: name.len(),
        given_name: name.len() >= 2 && given_first,
        known_surname,
        initials: name.len() >= 2
            && name[..name.len() - 1].iter().all(|w| is_initials(w))
            && !is_initials(last),
        title: role.is_some() && !honorific,
        honorific,
        speech: speech_next(tokens, last_token, lexicon)
            || speech_before(tokens, first_token, last_token, lexicon),
        country_after: country_in_parentheses(tokens, last_token, lexicon),
        appositive: role_after.is_some(),
        sentence_start: first_word_of_sentence
            && name_start == start
            && start == 0
            && !after_number,
        non_person_words,
        ambiguous_first: given_or_initial && is_non_person(lexicon, name_keys[0]),
        acronym: name
            .iter()
            .any(|w| w.chars().count() >= 3 && is_all_caps(w))
            && !is_shouted(tokens),
        place_or_org_ending: surname_like_place,
        place_preposition: first_token > 0
            && tokens[first_token - 1].is_word()
            && matches!(
                fold(tokens[first_token - 1].text).as_str(),
                "at" | "near" | "outside" | "inside"
            ),
    };
    run.candidate = Some(Candidate {
        role: role.or(role_after),
        evidence,
    });
    run
}

/// "New York-based", "Hong Kong-listed": a place turned adjective.
fn hyphenated_adjective(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase))
}

/// "St. Peter's Basilica", "Saint Paul": saints name churches and places here.
fn is_saint(before: Option<&str>, name: &[&str]) -> bool {
    let is = |w: &str| {
        matches!(
            fold(w).as_str(),
            "st" | "saint" | "ste" | "san" | "santa" | "sao"
        )
    };
    before.is_some_and(is) || name.first().is_some_and(|w| is(w))
}

/// "NAME said", "NAME also told", "NAME has said".
fn speech_next(tokens: &[Token], last: usize, lexicon: &Lexicon) -> bool {
    tokens[last + 1..]
        .iter()
        .filter(|t| t.kind != TokenKind::Punct || t.text != ",")
        .take(3)
        .take_while(|t| t.is_word())
        .map(|t| fold(t.text))
        .find(|w| {
            !matches!(
                w.as_str(),
                "also"
                    | "has"
                    | "had"
                    | "have"
                    | "later"
                    | "then"
                    | "previously"
                    | "recently"
                    | "again"
                    | "once"
                    | "publicly"
            )
        })
        .is_some_and(|w| lexicon.speech_verbs.contains_folded(&w))
}

/// "said NAME." / "according to NAME".
fn speech_before(tokens: &[Token], first: usize, last: usize, lexicon: &Lexicon) -> bool {
    let Some(prev) = first.checked_sub(1).map(|i| &tokens[i]) else {
        return false;
    };
    let closes = tokens
        .get(last + 1)
        .is_none_or(|t| t.kind == TokenKind::Punct);
    if !prev.is_word() {
        return false;
    }
    let w = fold(prev.text);
    (lexicon.speech_verbs.contains_folded(&w) && closes)
        || (w == "to" && first >= 2 && fold(tokens[first - 2].text) == "according")
}

/// "Sandrine Testud (France)": a name followed by a country in parentheses, as in results.
fn country_in_parentheses(tokens: &[Token], last: usize, lexicon: &Lexicon) -> bool {
    if !tokens.get(last + 1).is_some_and(|t| t.is_punct('(')) {
        return false;
    }
    let inner: Vec<&str> = tokens[last + 2..]
        .iter()
        .take_while(|t| !t.is_punct(')'))
        .filter(|t| t.is_word())
        .map(|t| t.text)
        .collect();
    !inner.is_empty()
        && inner.len() <= 3
        && (lexicon.countries.contains(&inner.join(" "))
            || lexicon.demonyms.contains(&inner.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    /// (name, role, evidence score) of the candidates of one sentence.
    fn candidates(sentence: &str) -> Vec<(String, Option<String>, f32)> {
        let lexicon = Lexicon::builtin();
        let corpus = Corpus::from_texts([("t.txt", sentence)], lexicon);
        let article = &corpus.articles[0];
        scan_article(article, lexicon)
            .into_iter()
            .filter_map(|run| {
                let c = run.candidate.clone()?;
                let name = run.name_span()?.slice(&article.text).to_owned();
                Some((
                    name,
                    c.role.map(|r| r.slice(&article.text).to_owned()),
                    c.evidence.score(),
                ))
            })
            .collect()
    }

    fn people(sentence: &str) -> Vec<String> {
        candidates(sentence)
            .into_iter()
            .filter(|(_, _, score)| *score >= 2.0)
            .map(|(name, _, _)| name)
            .collect()
    }

    #[test]
    fn titles_are_stripped_and_kept_as_roles() {
        let found = candidates(
            "Later, Russian Foreign Minister Ivan Petrov met US President John Smith in the capital.",
        );
        assert_eq!(found[0].0, "Ivan Petrov");
        assert_eq!(found[0].1.as_deref(), Some("Russian Foreign Minister"));
        assert_eq!(found[1].0, "John Smith");
        assert_eq!(found[1].1.as_deref(), Some("US President"));
    }

    #[test]
    fn places_organisations_and_media_are_not_people() {
        assert!(people("The fleet left the Black Sea for the White House while the New York Times and the European Union watched.").is_empty());
        assert!(
            people("The crowd gathered in St. Peter's Basilica and read Time Magazine.").is_empty()
        );
    }

    #[test]
    fn initials_and_particles() {
        assert_eq!(
            people("Commission President Ursula von der Leyen met Secretary of State Marco Rubio."),
            vec!["Ursula von der Leyen", "Marco Rubio"]
        );
        assert_eq!(
            people("Vice President J. D. Vance met Ludwig van Beethoven."),
            vec!["J. D. Vance", "Ludwig van Beethoven"]
        );
    }

    #[test]
    fn results_tables() {
        assert_eq!(
            people(
                "Results of the second round on Friday:\nMarta Kowalczyk (Poland) beat Ines Gorrochategui (Argentina) 6-2 6-1"
            ),
            vec!["Marta Kowalczyk", "Ines Gorrochategui"]
        );
    }

    #[test]
    fn organisation_names_are_not_people() {
        assert!(people("Fans of FC Novosibirsk cheered, and Anna Berg of the Warsaw Institute of International Affairs said the club would grow.").iter().all(|n| n == "Anna Berg"));
    }

    #[test]
    fn headline_case_phrases_are_weak() {
        let found = candidates("- Shelling Continues: the attacks went on.");
        assert!(found.iter().all(|(_, _, score)| *score < 2.0), "{found:?}");
    }
}
