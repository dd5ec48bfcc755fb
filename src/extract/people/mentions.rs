//! Third pass: every mention of every person, and the finished person entries.

use std::collections::{BTreeSet, HashMap};

use super::resolve::{Cluster, Form, could_be_surname};
use super::scan::NameRuns;
use super::{Mention, Person};
use crate::extract::names::{name_key, skeleton};
use crate::lexicon::Lexicon;
use crate::text::{Span, fold, is_capitalised};

/// Where to look a name up: its full spellings, its surnames, and their skeletons.
struct Lookup {
    full: HashMap<String, usize>,
    surnames: HashMap<String, Vec<usize>>,
    skeletons: HashMap<String, Vec<usize>>,
}

impl Lookup {
    fn new(forms: &[Form], clusters: &[Cluster]) -> Self {
        let mut lookup = Self {
            full: HashMap::new(),
            surnames: HashMap::new(),
            skeletons: HashMap::new(),
        };
        for (ci, cluster) in clusters.iter().enumerate() {
            for &f in &cluster.forms {
                lookup.full.entry(forms[f].key.join(" ")).or_insert(ci);
            }
            for surname in &cluster.surnames {
                push_unique(lookup.surnames.entry(surname.clone()).or_default(), ci);
                push_unique(lookup.skeletons.entry(skeleton(surname)).or_default(), ci);
            }
        }
        lookup
    }

    /// The people a run of words could name: one for a full name, several for a shared surname.
    fn find(&self, words: &[&str], lexicon: &Lexicon) -> Option<Vec<usize>> {
        let key = name_key(words).join(" ");
        if let Some(&ci) = self.full.get(&key) {
            return Some(vec![ci]);
        }
        if let Some(owners) = self.surnames.get(&key) {
            return Some(owners.clone());
        }
        if words.len() != 1 || !could_be_surname(words[0], lexicon) {
            return None;
        }
        self.skeletons.get(&skeleton(&key)).cloned()
    }
}

fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

struct RawMention {
    sentence: usize,
    span: Span,
    people: Vec<usize>,
}

/// The mentions of known people in one article's runs. Hyphenated pairs ("Trump-Zelenskyy")
/// are read as two names.
fn raw_mentions(
    text: &str,
    runs: &NameRuns,
    lookup: &Lookup,
    lexicon: &Lexicon,
) -> Vec<RawMention> {
    let mut found = Vec::new();
    for (sentence, name) in runs.iter() {
        let end = name.len();
        let mut i = 0;
        while i < end {
            let longest = (1..=(end - i).min(4)).rev().find_map(|len| {
                let words: Vec<&str> = name[i..i + len].iter().map(|w| w.slice(text)).collect();
                lookup.find(&words, lexicon).map(|people| (len, people))
            });
            match longest {
                Some((len, people)) => {
                    let span = Span::new(name[i].start(), name[i + len - 1].end());
                    found.push(RawMention {
                        sentence,
                        span,
                        people,
                    });
                    i += len;
                }
                None => {
                    found.extend(
                        hyphen_parts(text, name[i], lookup, lexicon)
                            .into_iter()
                            .map(|(span, people)| RawMention {
                                sentence,
                                span,
                                people,
                            }),
                    );
                    i += 1;
                }
            }
        }
    }
    found
}

fn hyphen_parts(
    text: &str,
    word: Span,
    lookup: &Lookup,
    lexicon: &Lexicon,
) -> Vec<(Span, Vec<usize>)> {
    let whole = word.slice(text);
    let mut parts = Vec::new();
    let mut offset = 0;
    for part in whole.split('-') {
        parts.push((offset, part));
        offset += part.len() + 1;
    }
    if parts.len() < 2 || !parts.iter().all(|(_, part)| is_capitalised(part)) {
        return Vec::new();
    }
    parts
        .into_iter()
        .filter_map(|(offset, part)| {
            let people = lookup.find(&[part], lexicon)?;
            Some((
                Span::new(word.start() + offset, word.start() + offset + part.len()),
                people,
            ))
        })
        .collect()
}

/// The mentions of one article, as (person, mention). A surname shared by several people means
/// the one named in full in this article.
fn article_mentions(
    text: &str,
    article: usize,
    runs: &NameRuns,
    lookup: &Lookup,
    lexicon: &Lexicon,
) -> Vec<(usize, Mention)> {
    let raw = raw_mentions(text, runs, lookup, lexicon);
    let named_here: BTreeSet<usize> = raw
        .iter()
        .filter(|m| m.people.len() == 1 && m.span.slice(text).contains(' '))
        .map(|m| m.people[0])
        .collect();
    let mut found: Vec<(usize, Mention)> = raw
        .into_iter()
        .filter_map(|m| {
            let person = match m.people.as_slice() {
                [one] => Some(*one),
                many => {
                    let here: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|p| named_here.contains(p))
                        .collect();
                    (here.len() == 1).then(|| here[0])
                }
            };
            person.map(|p| {
                (
                    p,
                    Mention {
                        article,
                        sentence: m.sentence,
                        span: m.span,
                    },
                )
            })
        })
        .collect();
    // Collected in place into the raw mentions' larger buffer: give the excess back, as every
    // article's list is held until they are gathered by person.
    found.shrink_to_fit();
    found
}

/// Mentions of every person, and the finished people, most mentioned first.
pub fn assemble(
    texts: &[&str],
    scans: &[NameRuns],
    forms: &[Form],
    clusters: &[Cluster],
    lexicon: &Lexicon,
    failures: &mut Vec<super::Failure>,
) -> Vec<Person> {
    let lookup = Lookup::new(forms, clusters);
    // Each article's mentions are found on its own (on every core), then gathered by person;
    // an article whose search panics has none.
    let per_article: Vec<Result<Vec<(usize, Mention)>, String>> = {
        use rayon::prelude::*;
        scans
            .par_iter()
            .enumerate()
            .map(|(article, runs)| {
                crate::isolate::isolated(|| {
                    article_mentions(texts[article], article, runs, &lookup, lexicon)
                })
            })
            .collect()
    };
    let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); clusters.len()];
    for (article, found) in per_article.into_iter().enumerate() {
        let found = found.unwrap_or_else(|panic| {
            failures.push((article, panic));
            Vec::new()
        });
        for (person, mention) in found {
            mentions[person].push(mention);
        }
    }
    for list in &mut mentions {
        list.shrink_to_fit();
    }

    // A surname that several people share names none of them on its own.
    let shared: BTreeSet<String> = lookup
        .surnames
        .iter()
        .filter(|(_, owners)| owners.len() > 1)
        .map(|(s, _)| s.clone())
        .collect();
    let mut people: Vec<Person> = clusters
        .iter()
        .zip(mentions)
        .filter(|(_, m)| !m.is_empty())
        .map(|(cluster, mentions)| finish(cluster, forms, mentions, texts, lexicon, &shared))
        .collect();
    people.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    people
}

fn finish(
    cluster: &Cluster,
    forms: &[Form],
    mentions: Vec<Mention>,
    texts: &[&str],
    lexicon: &Lexicon,
    shared: &BTreeSet<String>,
) -> Person {
    let cluster_forms: Vec<&Form> = cluster.forms.iter().map(|&f| &forms[f]).collect();
    let best = cluster_forms.iter().copied().max_by(|a, b| {
        let full = |f: &Form| f.key.len() >= 2 && f.key[0].chars().count() > 2;
        full(a)
            .cmp(&full(b))
            .then(a.count.cmp(&b.count))
            .then(a.key.len().cmp(&b.key.len()))
            .then(b.key.cmp(&a.key))
    });
    let roles = roles_of(&cluster_forms);
    let mut name = best.map(|f| most_common(&f.spellings)).unwrap_or_default();
    if best.is_some_and(|f| f.key.len() == 1)
        && let Some(title) = roles.iter().find(|r| {
            lexicon
                .regnal_titles
                .contains(r.split_whitespace().last().unwrap_or(""))
        })
    {
        let word = title.split_whitespace().last().unwrap_or("");
        name = format!("{}{} {name}", word[..1].to_uppercase(), &word[1..]);
    }

    let mut aliases: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::from([fold(&name)]);
    let spellings = cluster_forms
        .iter()
        .flat_map(|f| f.spellings.keys().cloned())
        .chain(
            mentions
                .iter()
                .map(|m| m.span.slice(texts[m.article]).to_owned()),
        );
    for spelling in spellings {
        let ambiguous =
            shared.contains(&name_key(&spelling.split_whitespace().collect::<Vec<_>>()).join(" "));
        if !ambiguous && seen.insert(fold(&spelling)) {
            aliases.push(spelling);
        }
    }
    aliases.sort();
    Person {
        name,
        aliases,
        roles,
        mentions,
    }
}

/// The most frequent spelling; among equals the shortest ("JD Vance" over "J D Vance").
fn most_common(spellings: &HashMap<String, usize>) -> String {
    spellings
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(b.0.len().cmp(&a.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// Distinct roles (by folded text), most frequent first, each in its most common spelling.
fn roles_of(forms: &[&Form]) -> Vec<String> {
    let mut by_key: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for role in forms.iter().flat_map(|f| f.roles.iter()) {
        *by_key
            .entry(fold(role))
            .or_default()
            .entry(role.clone())
            .or_default() += 1;
    }
    let mut roles: Vec<(usize, String)> = by_key
        .values()
        .map(|spellings| (spellings.values().sum(), most_common(spellings)))
        .collect();
    roles.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    roles.into_iter().map(|(_, r)| r).collect()
}
