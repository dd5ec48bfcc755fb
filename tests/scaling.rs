//! The load costs in proportion to the archive: each test generates an input of size N and 4N,
//! times the whole load, and fails when 4N takes more than 6× as long as N (linear would be 4×;
//! a quadratic stage makes it 16×).
//!
//! Timing needs an optimised build, so these are `#[ignore]`d here and `.ci/run` runs them:
//! `cargo test --release --test scaling -- --ignored`. The time measured is the processor time
//! of the load (all threads), the least of five runs: the machine is shared, and the time on
//! the clock varies with what else runs. N is chosen so that its load takes a few tenths of a
//! second: long enough to be measured, short enough for the whole file to stay near a minute.
//! Unix only (processor time through getrusage).
#![cfg(unix)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier::model::{Model, Sources};

/// Above this, the cost of 4N over N is not linear (nor n·log n, which is ~4.5×).
const LIMIT: f64 = 6.0;

/// A generated input: the corpus folder and, when the test needs one, an events file.
struct Input {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    events: Option<PathBuf>,
}

fn corpus_of(files: impl IntoIterator<Item = (String, String)>) -> Input {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("the corpus folder");
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).expect("an article file");
    }
    Input {
        _dir: dir,
        corpus,
        events: None,
    }
}

/// The processor time this process has used, on every thread. Unlike the time on the clock, it
/// does not grow when other programs take the cores, which on a shared machine is noise larger
/// than the effect measured.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// One test at a time measures: processor time counts every thread of the process.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The least processor time of five loads of `input`.
fn load_time(input: &Input) -> (Duration, Model) {
    let sources = Sources {
        corpus: Some(input.corpus.clone()),
        events: input.events.clone(),
        lexicon: None,
        follow_links: false,
    };
    let mut best = None;
    let mut model = Model::default();
    for _ in 0..5 {
        // Every run starts from a heap given back to the system: what earlier loads left
        // in it otherwise moves the cost of a large load by a third.
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: malloc_trim only returns free memory to the system.
        unsafe {
            libc::malloc_trim(0);
        }
        let (clock, start) = (Instant::now(), cpu_time());
        let loaded = Model::load(&sources).expect("the generated input loads");
        let took = cpu_time().saturating_sub(start);
        // Outside the measure: the previous model is freed here.
        model = loaded;
        eprintln!(
            "  {took:.2?} of processor time, {:.2?} on the clock",
            clock.elapsed()
        );
        best = Some(best.map_or(took, |b: Duration| b.min(took)));
    }
    (best.unwrap_or_default(), model)
}

/// Time the load of `make(n)` and `make(4 * n)`; `check` asserts that each model holds what
/// was generated, so that a test cannot pass by extracting nothing.
fn assert_linear(what: &str, n: usize, make: fn(usize) -> Input, check: fn(&Model, usize)) {
    let _one_at_a_time = MEASURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (small, small_model) = load_time(&make(n));
    let (large, large_model) = load_time(&make(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    eprintln!("{what}: N = {n}: {small:.2?}, 4N: {large:.2?}, ×{ratio:.1}");
    assert!(
        ratio <= LIMIT,
        "{what}: 4N took ×{ratio:.1} the time of N ({small:.2?} → {large:.2?}), expected at most ×{LIMIT}"
    );
    check(&small_model, n);
    check(&large_model, 4 * n);
}

const CYRILLIC: &[&str] = &[
    "ва", "ло", "ми", "ру", "се", "да", "ко", "ни", "те", "жа", "бо", "ли", "ра", "ве", "зо", "пу",
    "ха", "ды", "ще", "гу",
];
const LATIN: &[&str] = &[
    "va", "lo", "mi", "ru", "se", "da", "ko", "ni", "te", "ja", "bo", "li", "ra", "ve", "zo", "pu",
    "ha", "dy", "sh", "gu",
];

/// An invented word of `syllables` syllables, different for every `i` below 20^syllables.
fn word(syllables: &[&str], mut i: usize, count: usize) -> String {
    let mut out = String::new();
    for _ in 0..count {
        out.push_str(syllables[i % syllables.len()]);
        i /= syllables.len();
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// An invented full name, different for every `i`: "Ворувам Лоселодаков". Surnames are
/// spread over 20^5 spellings, so that few are one slip apart and merge as variants.
fn name(syllables: &[&str], i: usize) -> String {
    format!(
        "{} {}",
        capitalised(&word(syllables, i * 7 + 3, 3)),
        capitalised(&format!("{}ов", word(syllables, i * 7919 % 3_200_000, 5)))
    )
}

/// Files named in Cyrillic, and files whose names have no letter at all: ids must stay
/// informative, and names that give no id must not cost more each.
fn cyrillic_files(n: usize) -> Input {
    corpus_of((0..n).map(|i| {
        let file = if i % 2 == 0 {
            format!("Новости {}.txt", word(CYRILLIC, i, 4))
        } else {
            // "!" "~" "_" "=": a different name for every i, and no letter or digit in it.
            let symbols: String = (0..8)
                .map(|k| ['!', '~', '_', '='][(i >> (2 * k)) & 3])
                .collect();
            format!("{symbols}.txt")
        };
        (
            file,
            "Harbour fees rose again this spring, the port office said.\n".to_owned(),
        )
    }))
}

fn check_files(model: &Model, n: usize) {
    assert_eq!(model.articles.len(), n);
    let ids: std::collections::HashSet<&str> =
        model.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), n, "article ids are unique");
    assert!(
        model.articles.iter().any(|a| a.id.starts_with("novosti-")),
        "a Cyrillic file name gives a transliterated id: {:?}",
        model.articles.first().map(|a| &a.id)
    );
}

/// Articles of a hundred people each, every one with a Cyrillic name and a title.
fn cyrillic_people(n: usize) -> Input {
    const PER_ARTICLE: usize = 100;
    corpus_of((0..n.div_ceil(PER_ARTICLE)).map(|a| {
        let mut text = format!("Regional Council Meets\n\nCouncil session number {a}.\n\n");
        for i in a * PER_ARTICLE..((a + 1) * PER_ARTICLE).min(n) {
            let _ = writeln!(
                text,
                "President {} said the harbour plan would go ahead.\n",
                name(CYRILLIC, i)
            );
        }
        (format!("council-{a}.txt"), text)
    }))
}

fn check_people(model: &Model, n: usize) {
    assert!(
        model.people.len() >= n / 2,
        "{} people of {n} found",
        model.people.len()
    );
    let ids: std::collections::HashSet<&str> = model.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), model.people.len(), "person ids are unique");
    assert!(
        model.people.iter().all(|p| !p.id.starts_with("person")),
        "Cyrillic names give transliterated ids"
    );
}

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A week of news: every article dated in the same week, each reporting a meeting of two of
/// its own people on a weekday, and saying more about them in undated sentences.
fn week_of_news(n: usize) -> Input {
    corpus_of((0..n).map(|a| {
        let (host, guest) = (name(LATIN, 2 * a), name(LATIN, 2 * a + 1));
        let day = 10 + a % 7;
        let text = format!(
            "Port Talks Continue\n\nMarch {day}, 2031\n\n\
             Minister {host} met envoy {guest} on {weekday} to discuss harbour fees, officials said.\n\n\
             {host} and {guest} spoke for two hours about shipping lanes.\n\n\
             Later {host} told reporters that {guest} had agreed to return.\n\n\
             The port office said fees would stay the same for now.\n",
            weekday = WEEKDAYS[(a + 3) % 7],
        );
        (format!("week-{a}.txt"), text)
    }))
}

fn check_week(model: &Model, n: usize) {
    let with_undated = model
        .events
        .iter()
        .filter(|e| e.evidence.iter().any(|ev| ev.date_span.is_none()))
        .count();
    assert!(
        with_undated >= n / 2,
        "{with_undated} of {} events took undated sentences, expected most of {n}",
        model.events.len()
    );
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One sentence that names `n` different days, with no comma between them.
fn many_dates(n: usize) -> Input {
    let mut sentence = String::from("The harbour board met");
    for i in 0..n {
        let _ = write!(
            sentence,
            " and again on {} {} {}",
            1 + i % 28,
            MONTHS[(i / 28) % 12],
            1700 + i / (28 * 12)
        );
    }
    sentence.push('.');
    let text = format!("Board Minutes\n\nMarch 3, 2031\n\n{sentence}\n");
    corpus_of([("minutes.txt".to_owned(), text)])
}

fn check_dates(model: &Model, n: usize) {
    assert!(
        model.events.len() >= n * 9 / 10,
        "{} events from {n} dates",
        model.events.len()
    );
}

/// A catalogue of `n` events, each at its own place, over a small corpus that reports some.
fn many_events(n: usize) -> Input {
    let mut input = corpus_of((0..20).map(|a| {
        let mut text = String::from("Harbour Digest\n\nMarch 3, 2031\n\n");
        for s in 0..20 {
            let e = (a * 20 + s) * 7 % n.max(1);
            let _ = writeln!(
                text,
                "Officials recalled the {} accord, signed in {} Bay on 4 May 2020.\n",
                word(LATIN, e, 4),
                capitalised(&word(LATIN, e, 3)),
            );
        }
        (format!("digest-{a}.txt"), text)
    }));
    let mut toml = String::new();
    for e in 0..n {
        let _ = writeln!(
            toml,
            "[[event]]\nid = \"accord-{e}\"\ndate = \"2020\"\ntitle = \"The {} accord\"\n\
             place = \"{} Bay\"\nparticipants = [\"{}\"]\ncues = [\"{} accord\"]\n",
            word(LATIN, e, 4),
            capitalised(&word(LATIN, e, 3)),
            name(LATIN, e),
            word(LATIN, e, 4),
        );
    }
    let events = input.corpus.with_file_name("events.toml");
    std::fs::write(&events, toml).expect("the events file");
    input.events = Some(events);
    input
}

fn check_events(model: &Model, _: usize) {
    let linked = model
        .events
        .iter()
        .filter(|e| e.id.starts_with("accord-"))
        .count();
    assert!(linked >= 300, "{linked} catalogue events linked");
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn files_with_cyrillic_names() {
    assert_linear("Cyrillic file names", 8000, cyrillic_files, check_files);
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn people_with_cyrillic_names() {
    assert_linear("Cyrillic people", 4000, cyrillic_people, check_people);
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn a_week_of_news() {
    assert_linear("a week of news", 1000, week_of_news, check_week);
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn many_dates_in_one_sentence() {
    assert_linear("dates in one sentence", 10_000, many_dates, check_dates);
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn a_large_events_file() {
    assert_linear("events file", 20_000, many_events, check_events);
}
