//! Second pass: from the names found in every article to one entry per real person.
//!
//! A name form is every spelling seen (folded, initials joined). Forms with enough evidence
//! become people; spellings and transliterations of one person merge by their given name and
//! surname; surnames alone and initials ("P. Simmons") attach to the one full name they fit.

use std::collections::{BTreeSet, HashMap};

use super::scan::ScannedNames;
use crate::extract::names::{
    SurnameIndex, is_initials, name_key, same_given_name, same_surname, skeleton,
};
use crate::lexicon::Lexicon;
use crate::text::Span;

/// Every sighting of one spelling of a name across the corpus.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub key: Vec<String>,
    pub best_score: f32,
    pub threshold: f32,
    pub count: usize,
    pub articles: BTreeSet<usize>,
    /// Surface spellings and how often each was seen.
    pub spellings: HashMap<String, usize>,
    pub roles: Vec<String>,
}

impl Form {
    fn accepted(&self) -> bool {
        let repeated = 0.25 * (self.count.saturating_sub(1).min(4)) as f32;
        self.best_score + repeated >= self.threshold
    }

    /// Where the surname starts: its last word and the particles before it ("van der Westhuizen").
    fn surname_start(&self) -> usize {
        let mut i = self.key.len() - 1;
        while i > 0 && SURNAME_PARTICLES.contains(&self.key[i - 1].as_str()) {
            i -= 1;
        }
        i
    }

    /// The given name (or initials), when the form has one besides the surname.
    pub fn given(&self) -> Option<&str> {
        (self.surname_start() > 0).then(|| self.key[0].as_str())
    }

    pub fn surname(&self) -> String {
        self.key[self.surname_start()..].join(" ")
    }

    fn has_full_given_name(&self) -> bool {
        self.given().is_some_and(|g| !is_initials_key(g))
    }
}

/// Lower-case words that belong to the surname that follows them, folded.
const SURNAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "ter", "ten", "le", "la", "du",
    "dos", "das", "bin", "ibn", "al", "el",
];

fn is_initials_key(word: &str) -> bool {
    word.chars().count() <= 2
}

/// A person being assembled: the forms that name them.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub forms: Vec<usize>,
    /// Surnames of the multi-word forms, folded.
    pub surnames: BTreeSet<String>,
    pub given: BTreeSet<String>,
}

/// The candidate names of the articles, gathered into forms keyed by their folded words.
#[derive(Default)]
pub struct FormCollector {
    index: HashMap<Vec<String>, usize>,
    forms: Vec<Form>,
}

impl FormCollector {
    /// Add the candidates of one article's scan. Articles are added in order.
    pub fn add(&mut self, article: usize, text: &str, scanned: &ScannedNames) {
        for (c, name) in scanned.candidates() {
            let (Some(first), Some(last)) = (name.first(), name.last()) else {
                continue;
            };
            let surface = Span::new(first.start(), last.end()).slice(text);
            let words: Vec<&str> = name.iter().map(|w| w.slice(text)).collect();
            let key = name_key(&words);
            let i = match self.index.get(&key) {
                Some(&i) => i,
                None => {
                    self.forms.push(Form {
                        key: key.clone(),
                        best_score: f32::MIN,
                        threshold: c.threshold,
                        ..Form::default()
                    });
                    self.index.insert(key, self.forms.len() - 1);
                    self.forms.len() - 1
                }
            };
            let form = &mut self.forms[i];
            form.best_score = form.best_score.max(c.score);
            form.count += 1;
            form.articles.insert(article);
            match form.spellings.get_mut(surface) {
                Some(n) => *n += 1,
                None => {
                    form.spellings.insert(surface.to_owned(), 1);
                }
            }
            if let Some(role) = c.role {
                form.roles.push(role.slice(text).to_owned());
            }
        }
    }

    pub fn into_forms(self) -> Vec<Form> {
        self.forms
    }
}

/// Group the forms into people.
pub fn cluster(forms: &[Form]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index = SurnameIndex::default();
    let mut order: Vec<usize> = (0..forms.len())
        .filter(|&i| forms[i].accepted() && forms[i].given().is_some())
        .collect();
    // Full names first, so that initials and variants find them.
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&forms[a], &forms[b]);
        fb.has_full_given_name()
            .cmp(&fa.has_full_given_name())
            .then(fb.best_score.total_cmp(&fa.best_score))
            .then(fb.count.cmp(&fa.count))
            .then(fa.key.cmp(&fb.key))
    });
    for i in order {
        let form = &forms[i];
        let (Some(given), surname) = (form.given(), form.surname()) else {
            continue;
        };
        let matches: Vec<usize> = index
            .candidates(&surname)
            .into_iter()
            .filter(|&ci| same_person(&clusters[ci], given, &surname))
            .collect();
        // An initial that fits several full names stays a person of its own.
        let ci = match matches.as_slice() {
            [one] => *one,
            _ => {
                clusters.push(Cluster::default());
                clusters.len() - 1
            }
        };
        add_form(&mut clusters[ci], form, i);
        index.add(&surname, ci);
    }

    // Surnames alone with their own evidence ("President Clinton", "Mr van Gaal") join the
    // person whose surname they are, or stand alone.
    for (i, form) in forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.accepted() && f.given().is_none())
    {
        let surname = form.surname();
        let owners = bearing(&index, &surname, &clusters);
        match owners.as_slice() {
            [one] => clusters[*one].forms.push(i),
            [] => {
                clusters.push(Cluster {
                    forms: vec![i],
                    ..Cluster::default()
                });
                index.add(&surname, clusters.len() - 1);
            }
            _ => {}
        }
    }

    // Rejected multi-word forms that are a slip of an accepted name ("Voldymyr Zelensky").
    for (i, form) in forms.iter().enumerate().filter(|(_, f)| !f.accepted()) {
        let Some(given) = form.given() else { continue };
        let surname = form.surname();
        let owners: Vec<usize> = bearing(&index, &surname, &clusters)
            .into_iter()
            .filter(|&ci| {
                clusters[ci]
                    .given
                    .iter()
                    .any(|g| close_given_name(g, given))
            })
            .collect();
        if let [one] = owners.as_slice() {
            clusters[*one].forms.push(i);
        }
    }
    clusters
}

/// The clusters one of whose surnames is `surname`, spelling variants included.
fn bearing(index: &SurnameIndex, surname: &str, clusters: &[Cluster]) -> Vec<usize> {
    index
        .candidates(surname)
        .into_iter()
        .filter(|&ci| {
            clusters[ci]
                .surnames
                .iter()
                .any(|s| same_surname(s, surname))
        })
        .collect()
}
fn add_form(cluster: &mut Cluster, form: &Form, index: usize) {
    cluster.forms.push(index);
    cluster.surnames.insert(form.surname());
    if let Some(given) = form.given().filter(|g| !is_initials_key(g)) {
        cluster.given.insert(given.to_owned());
    }
}

fn same_person(cluster: &Cluster, given: &str, surname: &str) -> bool {
    cluster.surnames.iter().any(|s| same_surname(s, surname))
        && (cluster.given.is_empty() || cluster.given.iter().any(|g| same_given_name(g, given)))
}

/// Given names two letters apart with the same first letter: typos of a known name.
fn close_given_name(known: &str, seen: &str) -> bool {
    same_given_name(known, seen)
        || (known.chars().next() == seen.chars().next()
            && known.chars().count().min(seen.chars().count()) >= 5
            && strsim::levenshtein(&skeleton(known), &skeleton(seen)) <= 2)
}

/// Is this single word worth comparing with surnames: a capitalised word that no lexicon claims.
pub fn could_be_surname(word: &str, lexicon: &Lexicon) -> bool {
    word.chars().count() >= 4
        && !is_initials(word)
        && ![
            &lexicon.countries,
            &lexicon.demonyms,
            &lexicon.organisations,
            &lexicon.media,
            &lexicon.places,
            &lexicon.non_name_capitals,
            &lexicon.titles,
        ]
        .iter()
        .any(|list| list.contains(word))
}
