//! Comparing personal names across spellings, transliterations and initials.

use crate::text::fold;

/// The folded words of a name with runs of initials joined: "J. D. Vance", "J D Vance" and
/// "JD Vance" all give `["jd", "vance"]`.
pub fn name_key<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    let mut key: Vec<String> = Vec::with_capacity(words.len());
    let mut initials = String::new();
    for word in words {
        let folded = fold(word.as_ref());
        if folded.chars().count() == 1 && folded.chars().all(char::is_alphabetic) {
            initials.push_str(&folded);
            continue;
        }
        if !initials.is_empty() {
            key.push(std::mem::take(&mut initials));
        }
        key.push(folded);
    }
    if !initials.is_empty() {
        key.push(initials);
    }
    key
}

/// Is this word of a name only initials ("J", "JD", "J.D.")?
pub fn is_initials(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    !letters.is_empty()
        && letters.len() <= 2
        && letters.iter().all(|c| c.is_uppercase())
        && (letters.len() == 1 || word.contains('.') || word.chars().all(char::is_uppercase))
}

/// A spelling-insensitive form of a folded name word, so that transliterations of one name
/// meet: Zelensky, Zelenskyy, Zelenskyi, Zelenskiy and Selensky all give "zelenski";
/// Serhiy and Sergiy give "zergi".
pub fn skeleton(word: &str) -> String {
    let word = fold(word);
    let mut s = String::with_capacity(word.len());
    let chars: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (mapped, skip) = match (c, next) {
            ('s', Some('c')) if chars.get(i + 2) == Some(&'h') => ('s', 3),
            ('s' | 'z' | 'k' | 'c', Some('h')) => (if c == 'k' { 'g' } else { c }, 2),
            ('t', Some('s' | 'z')) => ('c', 2),
            ('p', Some('h')) => ('f', 2),
            ('c', Some('k')) => ('k', 2),
            ('y' | 'j', _) => ('i', 1),
            ('w', _) => ('v', 1),
            ('q', _) => ('k', 1),
            ('h', _) => ('g', 1),
            ('s', _) if i == 0 && next.is_some_and(is_vowel) => ('z', 1),
            _ => (c, 1),
        };
        if !s.ends_with(mapped) {
            s.push(mapped);
        }
        i += skip;
    }
    s
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Slavic surnames change their ending with gender (Zelensky, Zelenska; Ivanov, Ivanova): such
/// a pair names two people, however close the spellings.
fn gendered_pair(a: &str, b: &str) -> bool {
    a.ends_with('a') != b.ends_with('a')
}

/// The keys a surname is indexed under: its skeleton, and for longer skeletons every
/// one-letter deletion of it, which two skeletons one edit apart share. Two surnames that
/// [`same_surname`] accepts share a key.
pub fn surname_keys(surname: &str) -> Vec<String> {
    let skeleton = skeleton(surname);
    let chars: Vec<char> = skeleton.chars().collect();
    let mut keys = vec![skeleton.clone()];
    if chars.len() >= 6 {
        keys.extend((0..chars.len()).map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| c)
                .collect()
        }));
    }
    keys
}

/// Things (people, clusters of spellings) found by the keys their surnames can be found under
/// ([`surname_keys`]): every one whose surname [`same_surname`] could accept is among the
/// candidates of a surname, and matching is not a comparison with every one of them.
#[derive(Default)]
pub struct SurnameIndex {
    by_key: rustc_hash::FxHashMap<String, Vec<usize>>,
}

impl SurnameIndex {
    pub fn add(&mut self, surname: &str, id: usize) {
        for key in surname_keys(surname) {
            // Ids mostly come in order: a repeat is caught cheaply here, any other by
            // `candidates`, which keeps each once.
            let list = self.by_key.entry(key).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
    }

    /// The ids that may bear `surname`, in order, each once.
    pub fn candidates(&self, surname: &str) -> Vec<usize> {
        let mut found: Vec<usize> = surname_keys(surname)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Can two surnames (any case) be spellings of the same family name?
pub fn same_surname(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    if gendered_pair(&fa, &fb) {
        return false;
    }
    let (sa, sb) = (skeleton(&fa), skeleton(&fb));
    sa == sb || one_slip_apart(&sa, &sb, 6)
}

/// Skeletons of at least `min_len` letters, with the same first letter, one edit apart.
fn one_slip_apart(a: &str, b: &str, min_len: usize) -> bool {
    a.chars().next() == b.chars().next()
        && a.chars().count().min(b.chars().count()) >= min_len
        && strsim::levenshtein(a, b) <= 1
}

/// Can two given names (any case) name the same person: equal, an initial of the other, or a
/// transliteration or one-letter slip of it ("Voldymyr" for "Volodymyr")?
pub fn same_given_name(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    if is_initial_of(&fa, &fb) || is_initial_of(&fb, &fa) {
        return true;
    }
    if gendered_pair(&fa, &fb) {
        return false;
    }
    let (sa, sb) = (skeleton(&fa), skeleton(&fb));
    sa == sb || one_slip_apart(&sa, &sb, 5)
}

/// "p" is an initial of "phil"; "jd" of "james" (the first of two initials).
fn is_initial_of(short: &str, long: &str) -> bool {
    let short: Vec<char> = short.chars().collect();
    (1..=2).contains(&short.len())
        && long.chars().count() > short.len()
        && long.starts_with(short[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_join_initials() {
        assert_eq!(name_key(&["J.", "D.", "Vance"]), vec!["jd", "vance"]);
        assert_eq!(name_key(&["J", "D", "Vance"]), vec!["jd", "vance"]);
        assert_eq!(name_key(&["JD", "Vance"]), vec!["jd", "vance"]);
        assert_eq!(name_key(&["J.D.", "Vance"]), vec!["jd", "vance"]);
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        let forms = [
            "Zelensky",
            "Zelenskyy",
            "Zelenskyi",
            "Zelenskiy",
            "Selensky",
        ];
        for form in forms {
            assert_eq!(skeleton(form), "zelenski", "{form}");
        }
        assert_eq!(skeleton("Serhiy"), skeleton("Sergiy"));
    }

    #[test]
    fn surnames() {
        assert!(same_surname("Zelenskyy", "Selensky"));
        assert!(same_surname("Nykyforov", "Nikiforov"));
        assert!(!same_surname("Zelensky", "Zelenska"));
        assert!(!same_surname("Ivanov", "Ivanova"));
        assert!(!same_surname("Trump", "Truman"));
        assert!(!same_surname("Putin", "Patin"));
    }

    #[test]
    fn given_names() {
        assert!(same_given_name("Voldymyr", "Volodymyr"));
        assert!(same_given_name("Sergei", "Sergiy"));
        assert!(same_given_name("P", "Phil"));
        assert!(same_given_name("JD", "James"));
        assert!(!same_given_name("Paul", "Peter"));
        assert!(!same_given_name("Donald", "Ronald"));
        assert!(!same_given_name("Daniel", "Daniela"));
    }

    #[test]
    fn initials() {
        assert!(is_initials("J") && is_initials("JD") && is_initials("J.D.") && is_initials("P."));
        assert!(!is_initials("Jo") && !is_initials("Putin") && !is_initials("j"));
    }
}
