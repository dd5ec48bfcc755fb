//! A deterministic corpus of synthetic news articles, for benchmarking dossier at scale.
//!
//!     cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/corpus
//!
//! The same `--seed` (default 1) gives the same bytes. People are drawn from the project's own
//! name lexicons, each with a nationality and an office; a few are mentioned very often and most
//! rarely, about one in seven has transliterated spellings, and some share a surname with someone
//! else. Articles report the events of a shared calendar, with the dates written relative to their
//! own publication date, and carry the page furniture dossier has to clean away. Every sentence is
//! built from the templates and word lists in this file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

// Public so that the benchmarks can include this file and generate their corpus in-process.
#[derive(Parser)]
#[command(about = "Write a deterministic corpus of synthetic news articles")]
pub struct Args {
    /// How many articles to write
    #[arg(long)]
    pub articles: usize,
    /// Folder to write them into (created; it must be empty unless --force is given)
    #[arg(long)]
    pub out: PathBuf,
    /// Seed: the same seed gives byte-identical output
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many distinct people [default: max(200, articles / 2)]
    #[arg(long)]
    pub people: Option<usize>,
    /// Write into a non-empty folder, replacing the articles of an earlier run
    #[arg(long)]
    pub force: bool,
    /// Also write the generated people (name, spellings, slip, office) as TSV, for checking
    /// what dossier extracts
    #[arg(long, value_name = "FILE")]
    pub truth: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("gen_corpus: {e:#}");
        std::process::exit(2);
    }
}

pub fn run(args: &Args) -> Result<()> {
    if args.articles == 0 {
        bail!("--articles must be at least 1");
    }
    let started = Instant::now();
    prepare_out(&args.out, args.force)?;
    let people = args.people.unwrap_or((args.articles / 2).max(200)).max(20);
    let world = World::new(args.seed, people, args.articles);

    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(16);
    let chunk = args.articles.div_ceil(threads);
    let totals = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (world, out, seed) = (&world, &args.out, args.seed);
                let range = (t * chunk)..((t + 1) * chunk).min(args.articles);
                scope.spawn(move || -> Result<Totals> {
                    let mut totals = Totals::default();
                    let mut buf = String::with_capacity(32 * 1024);
                    for index in range {
                        buf.clear();
                        let format = write_article(world, seed, index, &mut buf);
                        let dir = out.join(format!("{:03}", index / 1000));
                        if index % 1000 == 0 || totals.files == 0 {
                            std::fs::create_dir_all(&dir)
                                .with_context(|| format!("cannot create {}", dir.display()))?;
                        }
                        let path = dir.join(format!("a{index:06}.{}", format.ext()));
                        std::fs::write(&path, buf.as_bytes())
                            .with_context(|| format!("cannot write {}", path.display()))?;
                        totals.add(format, buf.len());
                    }
                    Ok(totals)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .collect::<Result<Vec<_>>>()
    })?;
    if let Some(path) = &args.truth {
        let mut tsv = String::from("name\tspellings\tslip\tcountry\toffice\n");
        for p in &world.people {
            let spellings: Vec<String> =
                p.variants.iter().map(|(f, l)| format!("{f} {l}")).collect();
            let slip = p
                .typo
                .as_ref()
                .map(|(f, l)| format!("{f} {l}"))
                .unwrap_or_default();
            let _ = writeln!(
                tsv,
                "{} {}\t{}\t{slip}\t{}\t{:?}",
                p.first,
                p.last,
                spellings.join("; "),
                COUNTRIES[p.country].name,
                p.office
            );
        }
        std::fs::write(path, tsv).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut all = Totals::default();
    for t in &totals {
        all.merge(t);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "wrote {} files ({} txt, {} md, {} html) to {}: {:.1} MB, {:.1}-{:.1} KB each, {} people, {} events, seed {}, in {:.2} s ({:.0} MB/s)",
        all.files,
        all.by_format[0],
        all.by_format[1],
        all.by_format[2],
        args.out.display(),
        all.bytes as f64 / 1e6,
        all.min as f64 / 1024.0,
        all.max as f64 / 1024.0,
        world.people.len(),
        world.events.len(),
        args.seed,
        secs,
        all.bytes as f64 / 1e6 / secs.max(1e-9),
    );
    Ok(())
}

#[derive(Default)]
struct Totals {
    files: usize,
    bytes: usize,
    min: usize,
    max: usize,
    by_format: [usize; 3],
}

impl Totals {
    fn add(&mut self, format: Format, len: usize) {
        self.min = if self.files == 0 {
            len
        } else {
            self.min.min(len)
        };
        self.max = self.max.max(len);
        self.files += 1;
        self.bytes += len;
        self.by_format[format as usize] += 1;
    }

    fn merge(&mut self, other: &Totals) {
        if other.files == 0 {
            return;
        }
        self.min = if self.files == 0 {
            other.min
        } else {
            self.min.min(other.min)
        };
        self.max = self.max.max(other.max);
        self.files += other.files;
        self.bytes += other.bytes;
        for (a, b) in self.by_format.iter_mut().zip(other.by_format) {
            *a += b;
        }
    }
}

/// Create the output folder; refuse a non-empty one unless `force`, and then remove only what an
/// earlier run wrote there (`NNN/aNNNNNN.{txt,md,html}`), so that no stale article remains.
fn prepare_out(out: &Path, force: bool) -> Result<()> {
    if out.exists() {
        if !out.is_dir() {
            bail!("{} exists and is not a folder", out.display());
        }
        let mut entries = std::fs::read_dir(out)
            .with_context(|| format!("cannot read {}", out.display()))?
            .collect::<std::io::Result<Vec<_>>>()?;
        if entries.is_empty() {
            return Ok(());
        }
        if !force {
            bail!(
                "{} exists and is not empty; choose another --out or pass --force to replace the articles of an earlier run",
                out.display()
            );
        }
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ours = name.len() == 3 && name.bytes().all(|b| b.is_ascii_digit());
            if !ours || !entry.file_type()?.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(entry.path())? {
                let file = file?;
                let fname = file.file_name();
                let fname = fname.to_string_lossy();
                let (stem, ext) = fname.split_once('.').unwrap_or((&fname, ""));
                let generated = stem.len() == 7
                    && stem.starts_with('a')
                    && stem[1..].bytes().all(|b| b.is_ascii_digit())
                    && matches!(ext, "txt" | "md" | "html");
                if generated {
                    std::fs::remove_file(file.path())?;
                }
            }
            // Only removed when nothing else was in it.
            let _ = std::fs::remove_dir(entry.path());
        }
        return Ok(());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))
}

// ---------------------------------------------------------------------------------------------
// Randomness: ChaCha8 words only, turned into numbers by integer arithmetic and exact IEEE
// operations, so the output does not depend on `rand`'s distribution code or on libm.

struct Rand(ChaCha8Rng);

impl Rand {
    fn new(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    fn u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        ((u128::from(self.u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    fn unit(&mut self) -> f64 {
        (self.u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// An index into `weights`, in proportion to them.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

fn mix(seed: u64, index: u64) -> u64 {
    // splitmix64
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index.wrapping_add(1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// 2^x for 0 <= x < 8, by a fixed series: bit-identical everywhere, unlike `f64::exp2`.
const LOG2_20: f64 = 4.321_928_094_887_363;

fn exp2(x: f64) -> f64 {
    let whole = x.floor();
    let frac = (x - whole) * std::f64::consts::LN_2;
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 1..20 {
        term = term * frac / f64::from(k);
        sum += term;
    }
    sum * f64::from(1u32 << (whole as u32))
}

/// Zipf-like weights over a ranked list: weight of rank i is 1 / (i + offset).
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(weights: impl Iterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Self { cumulative }
    }

    fn sample(&self, r: &mut Rand) -> usize {
        let total = *self.cumulative.last().expect("empty Zipf");
        let x = r.unit() * total;
        self.cumulative
            .partition_point(|c| *c <= x)
            .min(self.cumulative.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar: days since 1970-01-01.

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Day(i32);

const MONTHS: [&str; 12] = [
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
const MONTH_ABBR: [Option<&str>; 12] = [
    Some("Jan."),
    Some("Feb."),
    None,
    None,
    None,
    None,
    None,
    Some("Aug."),
    Some("Sept."),
    Some("Oct."),
    Some("Nov."),
    Some("Dec."),
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    fn new(y: i32, m: u32, d: u32) -> Self {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    fn checked(y: i32, m: u32, d: u32) -> Option<Self> {
        (d >= 1 && d <= days_in_month(y, m)).then(|| Self::new(y, m, d))
    }

    fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i32::from(m <= 2), m, d)
    }

    /// 0 = Monday.
    fn weekday(self) -> usize {
        (self.0 + 3).rem_euclid(7) as usize
    }

    fn monday(self) -> Day {
        Day(self.0 - self.weekday() as i32)
    }

    fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    fn long(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d} {} {y}", MONTHS[m as usize - 1])
    }

    fn us(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{} {d}, {y}", MONTHS[m as usize - 1])
    }
}

/// How an event on `event` can be written in an article dated `anchor`, so that dossier's
/// reading of the expression (past-leaning, or future in a sentence with "will") contains it.
/// Absolute forms only when `absolute`, e.g. in articles with no date of their own.
fn when(r: &mut Rand, event: Day, anchor: Day, absolute: bool) -> String {
    let (ey, em, ed) = event.ymd();
    let (ay, am, _) = anchor.ymd();
    let month = MONTHS[em as usize - 1];
    let abbr = MONTH_ABBR[em as usize - 1];
    let end_of_month = ed + 6 >= days_in_month(ey, em);
    let mut c: Vec<(String, u32)> = vec![
        (format!("on {}", event.long()), 2),
        (format!("on {}", event.us()), 2),
        (format!("on {}", event.iso()), 1),
    ];
    let weeks = (anchor.monday().0 - event.monday().0) / 7;
    let months = (ay * 12 + am as i32) - (ey * 12 + em as i32);
    let days = anchor.0 - event.0;
    if absolute {
        if ey < ay {
            c.push((format!("in {month} {ey}"), 1));
        }
    } else if days >= 0 {
        let weekday = WEEKDAYS[event.weekday()];
        if days == 0 {
            c.push(("today".into(), 1));
        }
        if days == 1 {
            c.push(("yesterday".into(), 5));
        }
        if days <= 6 {
            c.push((format!("on {weekday}"), 9));
        }
        if (1..=7).contains(&days) {
            c.push((format!("last {weekday}"), 1));
        }
        match weeks {
            1 => c.push(("last week".into(), 5)),
            2 => c.push(("two weeks ago".into(), 4)),
            3 => c.push(("three weeks ago".into(), 2)),
            _ => {}
        }
        if months == 0 && days >= 2 {
            c.push(("earlier this month".into(), 4));
        }
        if ey == ay {
            c.push((format!("on {month} {ed}"), 4));
            if let Some(a) = abbr {
                c.push((format!("on {a} {ed}"), 3));
            }
            c.push((format!("in {month}"), 3));
            if end_of_month {
                c.push((format!("at the end of {month}"), 3));
            }
            if ed <= 10 {
                c.push((format!("in early {month}"), 1));
            }
            if em < am {
                c.push((format!("last {month}"), 2));
            }
            if months > 0 {
                c.push(("earlier this year".into(), 2));
            }
        } else if ey == ay - 1 {
            if em >= am {
                c.push((format!("last {month}"), 3));
            }
            if em > am {
                c.push((format!("in {month}"), 2));
                if end_of_month {
                    c.push((format!("at the end of {month}"), 2));
                }
            }
            c.push((format!("in {month} last year"), 1));
            c.push(("last year".into(), 1));
            // "April 26" in the past tense is last year's when this year's is over a week ahead.
            if Day::checked(ay, em, ed).is_some_and(|d| d.0 - anchor.0 > 7) {
                c.push((format!("on {month} {ed}"), 2));
                if let Some(a) = abbr {
                    c.push((format!("on {a} {ed}"), 1));
                }
            }
        } else {
            c.push((format!("in {ey}"), 4));
            c.push((format!("in {month} {ey}"), 2));
        }
    } else {
        let ahead = -days;
        if ahead == 1 {
            c.push(("tomorrow".into(), 4));
        }
        if ahead <= 6 {
            c.push((format!("on {}", WEEKDAYS[event.weekday()]), 8));
        }
        if weeks == -1 {
            c.push(("next week".into(), 4));
        }
        if months == 0 {
            c.push(("later this month".into(), 4));
        }
        if months == -1 {
            c.push(("next month".into(), 6));
        }
        let year_of_month_day =
            Day::checked(ay, em, ed).map(|d| if d.0 - anchor.0 < -7 { ay + 1 } else { ay });
        if year_of_month_day == Some(ey) {
            c.push((format!("on {month} {ed}"), 3));
            if let Some(a) = abbr {
                c.push((format!("on {a} {ed}"), 2));
            }
        }
        if (if em >= am { ay } else { ay + 1 }) == ey {
            c.push((format!("in {month}"), 2));
        }
        if ey == ay + 1 {
            c.push(("next year".into(), 1));
        }
    }
    let weights: Vec<u32> = c.iter().map(|(_, w)| *w).collect();
    let i = r.weighted(&weights);
    c.swap_remove(i).0
}

// ---------------------------------------------------------------------------------------------
// Countries, places and organisations.

struct Country {
    name: &'static str,
    dem: &'static str,
    capital: &'static str,
    cities: &'static [&'static str],
    agency: &'static str,
    /// Surname endings that make this nationality likely.
    endings: &'static [&'static str],
}

macro_rules! country {
    ($name:expr, $dem:expr, $capital:expr, [$($city:expr),*], $agency:expr, [$($end:expr),*]) => {
        Country {
            name: $name,
            dem: $dem,
            capital: $capital,
            cities: &[$($city),*],
            agency: $agency,
            endings: &[$($end),*],
        }
    };
}

const COUNTRIES: &[Country] = &[
    country!(
        "Poland",
        "Polish",
        "Warsaw",
        ["Krakow", "Gdansk", "Wroclaw"],
        "PAP",
        ["ski", "ska", "wicz", "czyk", "czak"]
    ),
    country!(
        "Ukraine",
        "Ukrainian",
        "Kyiv",
        ["Lviv", "Odesa", "Kharkiv", "Dnipro"],
        "Ukrinform",
        ["enko", "chuk", "skyi", "iy", "yi", "ii", "uk"]
    ),
    country!(
        "Russia",
        "Russian",
        "Moscow",
        ["Kazan", "Novosibirsk"],
        "TASS",
        ["ov", "ova", "ev", "eva", "in", "ina"]
    ),
    country!(
        "Germany",
        "German",
        "Berlin",
        ["Hamburg", "Munich", "Cologne"],
        "dpa",
        ["mann", "berg", "feld", "hoff", "er"]
    ),
    country!(
        "France",
        "French",
        "Paris",
        ["Lyon", "Marseille", "Toulouse"],
        "AFP",
        ["eau", "ault", "ier"]
    ),
    country!(
        "Italy",
        "Italian",
        "Rome",
        ["Milan", "Naples", "Turin"],
        "ANSA",
        ["ini", "etti", "elli", "ucci", "one", "ino"]
    ),
    country!(
        "Spain",
        "Spanish",
        "Madrid",
        ["Barcelona", "Valencia", "Seville"],
        "EFE",
        ["ez", "ero"]
    ),
    country!(
        "Romania",
        "Romanian",
        "Bucharest",
        ["Cluj-Napoca", "Iasi", "Constanta"],
        "Agerpres",
        ["escu", "eanu"]
    ),
    country!(
        "Hungary",
        "Hungarian",
        "Budapest",
        ["Debrecen", "Szeged"],
        "MTI",
        ["ács", "ás", "ó"]
    ),
    country!(
        "Czech Republic",
        "Czech",
        "Prague",
        ["Brno", "Ostrava"],
        "CTK",
        ["ová", "ek", "ák"]
    ),
    country!(
        "Slovakia",
        "Slovak",
        "Bratislava",
        ["Kosice"],
        "Reuters",
        []
    ),
    country!(
        "Austria",
        "Austrian",
        "Vienna",
        ["Graz", "Linz", "Salzburg"],
        "APA",
        ["bauer", "huber", "egger"]
    ),
    country!(
        "Greece",
        "Greek",
        "Athens",
        ["Thessaloniki"],
        "AFP",
        ["opoulos", "idis", "akis", "ou"]
    ),
    country!(
        "Turkey",
        "Turkish",
        "Ankara",
        ["Istanbul", "Izmir"],
        "Anadolu",
        ["oğlu", "oglu", "kaya", "türk"]
    ),
    country!(
        "Serbia",
        "Serbian",
        "Belgrade",
        ["Novi Sad", "Nis"],
        "Tanjug",
        ["vić", "vic"]
    ),
    country!(
        "Croatia",
        "Croatian",
        "Zagreb",
        ["Rijeka"],
        "Hina",
        ["ić", "ic"]
    ),
    country!(
        "Lithuania",
        "Lithuanian",
        "Vilnius",
        ["Kaunas"],
        "BNS",
        ["ius", "ienė", "aitė"]
    ),
    country!("Latvia", "Latvian", "Riga", [], "LETA", ["iņš", "ins"]),
    country!(
        "Estonia",
        "Estonian",
        "Tallinn",
        [],
        "ERR",
        ["mäe", "mets", "ste"]
    ),
    country!(
        "Finland",
        "Finnish",
        "Helsinki",
        ["Tampere", "Turku"],
        "STT",
        ["nen", "la", "lä"]
    ),
    country!(
        "Sweden",
        "Swedish",
        "Stockholm",
        ["Gothenburg", "Malmo"],
        "Reuters",
        ["ström", "qvist", "lund", "son"]
    ),
    country!(
        "Norway",
        "Norwegian",
        "Oslo",
        ["Bergen"],
        "NTB",
        ["sen", "stad", "rud"]
    ),
    country!(
        "Denmark",
        "Danish",
        "Copenhagen",
        [],
        "Ritzau",
        ["sen", "gaard"]
    ),
    country!(
        "Netherlands",
        "Dutch",
        "Amsterdam",
        ["Rotterdam", "The Hague"],
        "ANP",
        ["sma", "ink", "stra"]
    ),
    country!("Belgium", "Belgian", "Brussels", ["Antwerp"], "Belga", []),
    country!(
        "Portugal",
        "Portuguese",
        "Lisbon",
        ["Porto"],
        "Lusa",
        ["eira", "ão", "es"]
    ),
    country!("Ireland", "Irish", "Dublin", ["Cork"], "Reuters", []),
    country!(
        "Britain",
        "British",
        "London",
        ["Manchester", "Birmingham", "Glasgow"],
        "Reuters",
        []
    ),
    country!(
        "United States",
        "U.S.",
        "Washington",
        ["New York", "Chicago"],
        "AP",
        []
    ),
    country!(
        "Canada",
        "Canadian",
        "Ottawa",
        ["Toronto", "Montreal"],
        "Reuters",
        []
    ),
    country!(
        "Brazil",
        "Brazilian",
        "Brasilia",
        ["Sao Paulo", "Rio de Janeiro"],
        "Reuters",
        ["eira", "es"]
    ),
    country!(
        "Argentina",
        "Argentine",
        "Buenos Aires",
        ["Cordoba"],
        "AFP",
        ["ez"]
    ),
    country!(
        "Mexico",
        "Mexican",
        "Mexico City",
        ["Guadalajara", "Monterrey"],
        "Notimex",
        ["ez", "es"]
    ),
    country!(
        "Japan",
        "Japanese",
        "Tokyo",
        ["Osaka", "Yokohama"],
        "Kyodo",
        ["moto", "mura", "yama"]
    ),
    country!(
        "South Korea",
        "South Korean",
        "Seoul",
        ["Busan", "Incheon"],
        "Yonhap",
        []
    ),
    country!(
        "India",
        "Indian",
        "New Delhi",
        ["Mumbai", "Bangalore"],
        "PTI",
        ["sharma", "singh", "patel", "kumar", "reddy"]
    ),
    country!("Egypt", "Egyptian", "Cairo", ["Alexandria"], "Reuters", []),
    country!(
        "Nigeria",
        "Nigerian",
        "Abuja",
        ["Lagos", "Kano"],
        "Reuters",
        ["ade", "ola", "unde"]
    ),
    country!("Kenya", "Kenyan", "Nairobi", ["Mombasa"], "Reuters", []),
    country!(
        "South Africa",
        "South African",
        "Pretoria",
        ["Johannesburg", "Cape Town", "Durban"],
        "Reuters",
        []
    ),
    country!(
        "Australia",
        "Australian",
        "Canberra",
        ["Sydney", "Melbourne"],
        "Reuters",
        []
    ),
    country!(
        "Georgia",
        "Georgian",
        "Tbilisi",
        ["Batumi"],
        "Reuters",
        ["shvili", "dze"]
    ),
    country!("Moldova", "Moldovan", "Chisinau", [], "Reuters", ["anu"]),
    country!(
        "Kazakhstan",
        "Kazakh",
        "Astana",
        ["Almaty"],
        "Reuters",
        ["bayev", "bekov", "uly"]
    ),
    country!(
        "Indonesia",
        "Indonesian",
        "Jakarta",
        ["Surabaya"],
        "Antara",
        []
    ),
];

/// "the United States", "Poland".
fn country_name(c: &Country) -> String {
    if matches!(c.name, "United States" | "Netherlands" | "Czech Republic") {
        format!("the {}", c.name)
    } else {
        c.name.to_owned()
    }
}

const NEUTRAL_CITIES: &[&str] = &[
    "Geneva",
    "Vienna",
    "Brussels",
    "Strasbourg",
    "Luxembourg",
    "Istanbul",
    "Helsinki",
    "Davos",
];
const SEAS: &[&str] = &[
    "Black Sea",
    "Baltic Sea",
    "North Sea",
    "Mediterranean",
    "Adriatic Sea",
    "Aegean Sea",
];
const WIRES: &[&str] = &["Reuters", "AFP", "AP"];
const MEDIA_CITED: &[&str] = &[
    "Reuters",
    "the BBC",
    "Bloomberg",
    "Al Jazeera",
    "AFP",
    "Euronews",
    "the Associated Press",
    "Xinhua",
];
const OUTLETS: &[(&str, &str)] = &[
    ("The Meridian Post", "meridianpost.com"),
    ("Northern Ledger", "northernledger.net"),
    ("Baltic Courier", "balticcourier.eu"),
    ("Harbour Times", "harbourtimes.co.uk"),
    ("Continental Review", "continentalreview.org"),
    ("The Evening Compass", "eveningcompass.com"),
    ("Danube Daily", "danubedaily.eu"),
    ("Atlas Wire", "atlaswire.com"),
    ("Riverside Gazette", "riversidegazette.com"),
    ("The Lantern", "thelantern.news"),
    ("Capital Observer", "capitalobserver.com"),
    ("Eastern Herald", "easternherald.net"),
];
const PARTIES: &[&str] = &[
    "Civic Party",
    "Green Party",
    "Liberal Party",
    "Social Democratic Party",
    "Farmers Party",
    "Freedom Party",
    "Unity Party",
    "Renewal Party",
    "Labour Party",
    "Centre Party",
    "Conservative Party",
    "People's Party",
];
const MINISTRIES: &[&str] = &["foreign", "defence", "interior", "health", "finance"];
const SYLLABLES_A: &[&str] = &[
    "Vel", "Nor", "Ast", "Kar", "Lum", "Ori", "Sel", "Tam", "Bor", "Cre", "Dav", "Fen", "Gal",
    "Hel", "Ist", "Jor", "Kel", "Mar", "Nev", "Ost", "Pra", "Rem", "Sol", "Tor", "Ul", "Var",
    "Wes", "Zen",
];
const SYLLABLES_B: &[&str] = &[
    "tra", "vex", "ion", "ara", "enta", "ito", "ova", "ris", "ant", "exa", "ium", "ora", "dex",
];
const COMPANY_HEADS: &[&str] = &[
    "Group",
    "Holdings",
    "Energy",
    "Steel",
    "Airlines",
    "Motors",
    "Pharma",
    "Logistics",
    "Technologies",
    "Systems",
    "Insurance",
    "Shipping",
    "Mining",
    "Chemicals",
    "Foods",
];
const COMPANY_REGIONS: &[&str] = &[
    "",
    "Nordic ",
    "Baltic ",
    "Atlantic ",
    "Pacific ",
    "Alpine ",
    "Central ",
    "Eastern ",
    "Western ",
];
const UNION_SECTORS: &[&str] = &[
    "Rail",
    "Metal",
    "Dock",
    "Teachers",
    "Health",
    "Transport",
    "Miners",
    "Postal",
];
const CLUB_FORMS: &[&str] = &[
    "{} FC",
    "FC {}",
    "{} United",
    "Dynamo {}",
    "{} Rovers",
    "{} Athletic",
];

/// The i-th invented company name: distinct for every i below about 50,000.
fn company(i: usize) -> String {
    let (a, b, h) = (SYLLABLES_A.len(), SYLLABLES_B.len(), COMPANY_HEADS.len());
    let region = COMPANY_REGIONS[(i / (a * b * h)) % COMPANY_REGIONS.len()];
    format!(
        "{}{} {region}{}",
        SYLLABLES_A[i % a],
        SYLLABLES_B[(i / a) % b],
        COMPANY_HEADS[(i / (a * b)) % h]
    )
}

// ---------------------------------------------------------------------------------------------
// People.

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Top {
    President,
    PrimeMinister,
    Foreign,
    Defence,
    Finance,
    Governor,
    Opposition,
    ArmyChief,
    Interior,
    Health,
    Energy,
    ChiefProsecutor,
}

const TOPS: [Top; 12] = [
    Top::President,
    Top::PrimeMinister,
    Top::Foreign,
    Top::Defence,
    Top::Finance,
    Top::Governor,
    Top::Opposition,
    Top::ArmyChief,
    Top::Interior,
    Top::Health,
    Top::Energy,
    Top::ChiefProsecutor,
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Position {
    Striker,
    Midfielder,
    Goalkeeper,
}

#[derive(Clone, Debug)]
enum Office {
    Top(Top),
    Lawmaker(&'static str),
    Spokes(&'static str),
    Mayor(&'static str),
    Ambassador(usize),
    Analyst(String),
    Economist(String),
    Ceo(String),
    Union(String),
    Prosecutor,
    Commander(u32),
    Player(Position, String),
    Coach(String),
    Spouse(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Domain {
    Politics,
    Economy,
    Military,
    Sport,
}

impl Office {
    fn voice(&self) -> Voice {
        match self {
            Office::Top(Top::Finance | Top::Governor) | Office::Economist(_) => Voice::Bank,
            Office::Ceo(_) => Voice::Company,
            Office::Union(_) => Voice::Union,
            _ => match self.domain() {
                Domain::Military => Voice::Military,
                Domain::Sport => Voice::Sport,
                _ => Voice::Government,
            },
        }
    }

    fn domain(&self) -> Domain {
        match self {
            Office::Top(Top::Finance | Top::Governor) | Office::Economist(_) => Domain::Economy,
            Office::Ceo(_) | Office::Union(_) => Domain::Economy,
            Office::Top(Top::Defence | Top::ArmyChief) | Office::Commander(_) => Domain::Military,
            Office::Player(..) | Office::Coach(_) => Domain::Sport,
            _ => Domain::Politics,
        }
    }
}

struct Person {
    first: String,
    last: String,
    female: bool,
    country: usize,
    office: Office,
    /// The year they took up the office, a year before that, and a count for their career.
    since: i32,
    earlier: i32,
    count: i32,
    variants: Vec<(String, String)>,
    typo: Option<(String, String)>,
}

fn looks_female(first: &str) -> bool {
    let lower = first.to_lowercase();
    !matches!(
        lower.as_str(),
        "luca" | "nikita" | "ilya" | "kuzma" | "joshua" | "andrea" | "jonah" | "mustafa" | "musa"
    ) && (lower.ends_with('a')
        || lower.ends_with("ine")
        || lower.ends_with("elle")
        || lower.ends_with("ette")
        || lower.ends_with("een")
        || lower.ends_with("nne"))
}

fn feminine_surname(last: &str) -> String {
    for (from, to) in [
        ("skyi", "ska"),
        ("sky", "ska"),
        ("ski", "ska"),
        ("ov", "ova"),
        ("ev", "eva"),
        ("in", "ina"),
    ] {
        if let Some(stem) = last.strip_suffix(from) {
            return format!("{stem}{to}");
        }
    }
    last.to_owned()
}

/// Transliteration-style respellings of a name: "-skyi/-sky/-skiy", "-iy/-yi/-yy", y/i/j, S/Z.
fn respellings(first: &str, last: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |f: String, l: String| {
        if (f != first || l != last) && !out.iter().any(|(a, b)| *a == f && *b == l) {
            out.push((f, l));
        }
    };
    const ENDINGS: &[(&str, &[&str])] = &[
        ("skyi", &["sky", "skiy", "skyy"]),
        ("sky", &["skyi", "skiy", "ski"]),
        ("ski", &["sky", "skyi"]),
        ("iy", &["yi", "y", "ii"]),
        ("yi", &["iy", "yy", "y"]),
        ("ii", &["iy", "yi"]),
        ("yy", &["yi", "y"]),
        ("ey", &["ei"]),
        ("ei", &["ey"]),
    ];
    for (from, tos) in ENDINGS {
        if let Some(stem) = last.strip_suffix(from) {
            for to in *tos {
                add(first.to_owned(), format!("{stem}{to}"));
            }
            break;
        }
    }
    for (from, tos) in ENDINGS {
        if let Some(stem) = first.strip_suffix(from) {
            add(format!("{stem}{}", tos[0]), last.to_owned());
            break;
        }
    }
    let swap_inner = |s: &str| -> Option<String> {
        let b = s.as_bytes();
        (1..b.len().saturating_sub(1)).find_map(|i| {
            let next_vowel = matches!(b.get(i + 1), Some(b'a' | b'e' | b'o' | b'u'));
            match b[i] {
                b'y' if next_vowel => Some(format!("{}i{}", &s[..i], &s[i + 1..])),
                b'i' if next_vowel => Some(format!("{}y{}", &s[..i], &s[i + 1..])),
                _ => None,
            }
        })
    };
    if let Some(l) = swap_inner(last) {
        add(first.to_owned(), l);
    }
    for (from, to) in [
        ("Yu", "Ju"),
        ("Ju", "Yu"),
        ("Ya", "Ja"),
        ("Ja", "Ya"),
        ("Ye", "Je"),
    ] {
        if let Some(rest) = last.strip_prefix(from) {
            add(first.to_owned(), format!("{to}{rest}"));
        }
        if let Some(rest) = first.strip_prefix(from) {
            add(format!("{to}{rest}"), last.to_owned());
        }
    }
    let vowel_second = last
        .as_bytes()
        .get(1)
        .is_some_and(|c| b"aeiouy".contains(c));
    if vowel_second && let Some(rest) = last.strip_prefix('S') {
        add(first.to_owned(), format!("Z{rest}"));
    } else if vowel_second && let Some(rest) = last.strip_prefix('Z') {
        add(first.to_owned(), format!("S{rest}"));
    }
    out
}

/// A slip: one letter inside the longer part of the name dropped ("Voldymyr").
fn typo(r: &mut Rand, first: &str, last: &str) -> Option<(String, String)> {
    let drop = |s: &str, r: &mut Rand| -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 6 {
            return None;
        }
        let at = 1 + r.below(chars.len() - 2);
        if chars[at] == chars[at - 1] || chars[at] == chars[at + 1] {
            return None;
        }
        Some(
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, c)| c)
                .collect(),
        )
    };
    if first.chars().count() >= last.chars().count() {
        drop(first, r).map(|f| (f, last.to_owned()))
    } else {
        drop(last, r).map(|l| (first.to_owned(), l))
    }
}

// ---------------------------------------------------------------------------------------------
// Lexicons: the project's own name lists, and the lists whose words must not be names here.

macro_rules! lexicon {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/lexicon/",
            $file
        ))
    };
}

fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Given names and surnames that read as names and nothing else.
fn name_pools() -> (Vec<&'static str>, Vec<&'static str>) {
    let mut blocked = std::collections::HashSet::new();
    for text in [
        lexicon!("titles.txt"),
        lexicon!("place_words.txt"),
        lexicon!("org_words.txt"),
        lexicon!("non_name_capitals.txt"),
        lexicon!("demonyms.txt"),
        lexicon!("countries.txt"),
        lexicon!("places.txt"),
        lexicon!("honorifics.txt"),
        lexicon!("media.txt"),
        lexicon!("organisations.txt"),
        lexicon!("role_modifiers.txt"),
        lexicon!("speech_verbs.txt"),
    ] {
        blocked.extend(entries(text).map(str::to_lowercase));
    }
    blocked.extend(MONTHS.iter().chain(&WEEKDAYS).map(|m| m.to_lowercase()));
    let usable = |name: &&str| {
        let n = name.chars().count();
        (3..=12).contains(&n)
            && name.chars().next().is_some_and(char::is_uppercase)
            && name.chars().skip(1).all(char::is_lowercase)
            && !blocked.contains(&name.to_lowercase())
    };
    let first: Vec<&str> = entries(lexicon!("first_names.txt"))
        .filter(usable)
        .collect();
    let firsts: std::collections::HashSet<String> =
        first.iter().map(|f| f.to_lowercase()).collect();
    let last: Vec<&str> = entries(lexicon!("surnames.txt"))
        .filter(usable)
        .filter(|s| !firsts.contains(&s.to_lowercase()))
        .collect();
    (first, last)
}

// ---------------------------------------------------------------------------------------------
// Events of the shared calendar.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Talks,
    Summit,
    Visit,
    Agreement,
    Election,
    Resignation,
    Protest,
    Rate,
    Deal,
    Strike,
    Attack,
    Exercise,
    Match,
    Transfer,
    Probe,
}

const KINDS: [(Kind, u32); 15] = [
    (Kind::Talks, 14),
    (Kind::Summit, 6),
    (Kind::Visit, 8),
    (Kind::Agreement, 8),
    (Kind::Election, 5),
    (Kind::Resignation, 3),
    (Kind::Protest, 6),
    (Kind::Rate, 6),
    (Kind::Deal, 5),
    (Kind::Strike, 4),
    (Kind::Attack, 6),
    (Kind::Exercise, 3),
    (Kind::Match, 10),
    (Kind::Transfer, 4),
    (Kind::Probe, 4),
];

impl Kind {
    fn domain(self) -> Domain {
        match self {
            Kind::Rate | Kind::Deal | Kind::Strike => Domain::Economy,
            Kind::Attack | Kind::Exercise => Domain::Military,
            Kind::Match | Kind::Transfer => Domain::Sport,
            _ => Domain::Politics,
        }
    }
}

struct Event {
    kind: Kind,
    day: Day,
    city: &'static str,
    country: usize,
    people: Vec<usize>,
    topic: &'static str,
    /// Kind-specific numbers: a score, a rate in hundredths, billions, people injured.
    n: u32,
    m: u32,
    /// Companies or clubs involved.
    orgs: Vec<String>,
}

const TOPICS: &[&str] = &[
    "gas transit",
    "border crossings",
    "grain exports",
    "energy prices",
    "migration",
    "visa rules",
    "fishing rights",
    "a new pipeline",
    "the rail link",
    "judicial reform",
    "pension reform",
    "military aid",
    "water rights",
    "power exports",
    "reconstruction funding",
    "air traffic rights",
];

/// Groups of people an event can draw its participants from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Head,
    Leader,
    Minister,
    Opposition,
    Governor,
    Finance,
    Ceo,
    Union,
    ArmyChief,
    Defence,
    Player,
    Coach,
    Prosecutor,
}

const CLASSES: [Class; 13] = [
    Class::Head,
    Class::Leader,
    Class::Minister,
    Class::Opposition,
    Class::Governor,
    Class::Finance,
    Class::Ceo,
    Class::Union,
    Class::ArmyChief,
    Class::Defence,
    Class::Player,
    Class::Coach,
    Class::Prosecutor,
];

impl Class {
    fn has(self, o: &Office) -> bool {
        use Top::*;
        match (self, o) {
            (Class::Head, Office::Top(President | PrimeMinister)) => true,
            (Class::Leader, Office::Top(President | PrimeMinister | Foreign)) => true,
            (Class::Minister, Office::Top(t)) => {
                !matches!(t, Governor | Opposition | ArmyChief | ChiefProsecutor)
            }
            (Class::Opposition, Office::Top(Opposition)) => true,
            (Class::Governor, Office::Top(Governor)) => true,
            (Class::Finance, Office::Top(Finance)) => true,
            (Class::Ceo, Office::Ceo(_)) => true,
            (Class::Union, Office::Union(_)) => true,
            (Class::ArmyChief, Office::Top(ArmyChief) | Office::Commander(_)) => true,
            (Class::Defence, Office::Top(Defence)) => true,
            (Class::Player, Office::Player(..)) => true,
            (Class::Coach, Office::Coach(_)) => true,
            (Class::Prosecutor, Office::Top(ChiefProsecutor) | Office::Prosecutor) => true,
            _ => false,
        }
    }
}

struct Pool {
    members: Vec<usize>,
    zipf: Zipf,
}

impl Pool {
    fn new(members: Vec<usize>) -> Self {
        let zipf = Zipf::new(members.iter().map(|&p| person_weight(p)));
        Self { members, zipf }
    }

    fn sample(&self, r: &mut Rand) -> Option<usize> {
        (!self.members.is_empty()).then(|| self.members[self.zipf.sample(r)])
    }
}

/// How often the person of this rank is in the news.
fn person_weight(rank: usize) -> f64 {
    1.0 / (rank as f64 + 2.0)
}

struct World {
    people: Vec<Person>,
    events: Vec<Event>,
    event_zipf: Zipf,
    person_events: Vec<Vec<u32>>,
    classes: Vec<Pool>,
    domains: Vec<Pool>,
    everyone: Pool,
    journalists: Vec<String>,
}

impl World {
    fn new(seed: u64, count: usize, articles: usize) -> Self {
        let mut r = Rand::new(seed);
        let (mut firsts, mut lasts) = name_pools();
        r.shuffle(&mut firsts);
        r.shuffle(&mut lasts);
        let female_firsts: Vec<&str> = firsts.iter().copied().filter(|f| looks_female(f)).collect();
        // Surnames that respell, for the people who get variants.
        let (mut respellable, mut plain): (Vec<&str>, Vec<&str>) = lasts
            .iter()
            .copied()
            .partition(|l| !respellings("Anna", l).is_empty());
        let journalists: Vec<String> = (0..120)
            .map(|i| format!("{} {}", firsts[firsts.len() - 1 - i], plain.pop().unwrap()))
            .collect();

        let mut taken = std::collections::HashSet::new();
        // Offices a country does not have: monarchies have no president, presidential
        // republics no prime minister.
        for (i, c) in COUNTRIES.iter().enumerate() {
            let monarchy = [
                "Britain",
                "Spain",
                "Netherlands",
                "Belgium",
                "Sweden",
                "Norway",
                "Denmark",
                "Japan",
                "Canada",
                "Australia",
            ];
            let presidential = [
                "United States",
                "Mexico",
                "Brazil",
                "Argentina",
                "Indonesia",
                "Kenya",
                "Nigeria",
                "South Africa",
            ];
            if monarchy.contains(&c.name) {
                taken.insert((i, Top::President));
            }
            if presidential.contains(&c.name) {
                taken.insert((i, Top::PrimeMinister));
            }
        }
        let mut clubs_taken = std::collections::HashSet::new();
        let mut mayors_taken = std::collections::HashSet::new();
        let mut companies = 0;
        let mut people = Vec::with_capacity(count);
        for rank in 0..count {
            let variant = r.chance(0.15);
            let pool = if variant {
                &mut respellable
            } else {
                &mut plain
            };
            let last = match pool.pop() {
                Some(l) => l.to_owned(),
                // Beyond the lexicon: unrelated people who share a surname.
                None => lasts[r.below(lasts.len())].to_owned(),
            };
            let first = firsts[rank % firsts.len()].to_owned();
            let lower = last.to_lowercase();
            let matching: Vec<usize> = (0..COUNTRIES.len())
                .filter(|&c| COUNTRIES[c].endings.iter().any(|e| lower.ends_with(e)))
                .collect();
            let country = if !matching.is_empty() && r.chance(0.8) {
                r.pick(&matching)
            } else {
                r.below(COUNTRIES.len())
            };
            let c = &COUNTRIES[country];
            // The most prominent people hold the top offices of their country.
            let top_chance = if rank < 300 { 0.8 } else { 0.25 };
            let free_top = TOPS
                .iter()
                .position(|t| !taken.contains(&(country, *t)))
                .filter(|_| r.chance(top_chance));
            let office = if let Some(t) = free_top {
                // Mostly the highest free office, sometimes one further down.
                let t = (t + r.below(3)).min(TOPS.len() - 1);
                let t = (t..TOPS.len())
                    .chain(0..t)
                    .map(|i| TOPS[i])
                    .find(|t| !taken.contains(&(country, *t)))
                    .unwrap();
                taken.insert((country, t));
                Office::Top(t)
            } else {
                let all_cities: Vec<&'static str> = std::iter::once(c.capital)
                    .chain(c.cities.iter().copied())
                    .collect();
                let city = r.pick(&all_cities);
                let club =
                    CLUB_FORMS[(city.len() + country) % CLUB_FORMS.len()].replace("{}", city);
                match r.weighted(&[10, 8, 4, 4, 6, 4, 12, 3, 3, 3, 12, 4]) {
                    0 => Office::Lawmaker(r.pick(PARTIES)),
                    1 => Office::Spokes(r.pick(MINISTRIES)),
                    2 if mayors_taken.insert(city) => Office::Mayor(city),
                    3 => Office::Ambassador(
                        (country + 1 + r.below(COUNTRIES.len() - 1)) % COUNTRIES.len(),
                    ),
                    4 => Office::Analyst(format!(
                        "the {} {}",
                        c.capital,
                        r.pick(&[
                            "Institute of International Affairs",
                            "Centre for Security Studies",
                            "Institute for Economic Research",
                            "Policy Institute",
                        ])
                    )),
                    5 => Office::Economist(format!(
                        "{} Bank",
                        company(r.below(300)).split(' ').next().unwrap()
                    )),
                    6 => {
                        companies += 1;
                        Office::Ceo(company(companies * 7 + 3))
                    }
                    7 => {
                        Office::Union(format!("{} {} Workers Union", c.dem, r.pick(UNION_SECTORS)))
                    }
                    8 => Office::Prosecutor,
                    9 => Office::Commander(r.range(3, 120) as u32),
                    11 if clubs_taken.insert(club.clone()) => Office::Coach(club),
                    _ => Office::Player(
                        [
                            Position::Striker,
                            Position::Striker,
                            Position::Midfielder,
                            Position::Goalkeeper,
                        ][r.below(4)],
                        club,
                    ),
                }
            };
            let female = looks_female(&first);
            let since = r.range(2008, 2024);
            let mut person = Person {
                female,
                country,
                office,
                since,
                earlier: since - r.range(2, 9),
                count: r.range(3, 15),
                variants: Vec::new(),
                typo: None,
                first,
                last,
            };
            if variant {
                let mut v = respellings(&person.first, &person.last);
                r.shuffle(&mut v);
                v.truncate(1 + r.below(2));
                person.variants = v;
                person.typo = typo(&mut r, &person.first, &person.last);
            } else if r.chance(0.05) {
                person.typo = typo(&mut r, &person.first, &person.last);
            }
            people.push(person);
        }
        // Shared surnames: spouses with the feminine form, and unrelated namesakes.
        for rank in 0..count {
            if rank < count / 10 || !r.chance(0.06) {
                continue;
            }
            let other = r.below(count / 3);
            let (other_last, other_country, other_office) = {
                let o = &people[other];
                (o.last.clone(), o.country, o.office.clone())
            };
            if other_last == people[rank].last {
                continue;
            }
            let other_female = looks_female(&people[other].first);
            let p = &mut people[rank];
            if !other_female && r.chance(0.5) && female_firsts.len() > 10 {
                p.first = female_firsts[r.below(female_firsts.len())].to_owned();
                p.female = true;
                p.last = feminine_surname(&other_last);
                p.country = other_country;
                if matches!(
                    other_office,
                    Office::Top(Top::President | Top::PrimeMinister)
                ) || r.chance(0.3)
                {
                    p.office = Office::Spouse(other);
                }
            } else {
                p.last = other_last;
            }
            p.variants.clear();
            p.typo = None;
        }

        let classes = CLASSES
            .iter()
            .map(|class| {
                Pool::new(
                    (0..count)
                        .filter(|&p| class.has(&people[p].office))
                        .collect(),
                )
            })
            .collect();
        let domains = [
            Domain::Politics,
            Domain::Economy,
            Domain::Military,
            Domain::Sport,
        ]
        .iter()
        .map(|d| {
            Pool::new(
                (0..count)
                    .filter(|&p| people[p].office.domain() == *d)
                    .collect(),
            )
        })
        .collect();
        let mut world = World {
            people,
            events: Vec::new(),
            event_zipf: Zipf::new(std::iter::empty()),
            person_events: vec![Vec::new(); count],
            classes,
            domains,
            everyone: Pool::new((0..count).collect()),
            journalists,
        };
        let n_events = (articles / 6).max(30);
        let first_day = Day::new(2015, 2, 1).0;
        let last_day = Day::new(2026, 11, 30).0;
        let mut events: Vec<Event> = (0..n_events)
            .map(|_| {
                let day = Day(r.range(first_day, last_day));
                world.make_event(&mut r, day)
            })
            .collect();
        // The order of prominence is random; the list is kept in generation order.
        world.event_zipf = Zipf::new((0..n_events).map(|i| 1.0 / (i as f64 + 3.0)));
        for (i, e) in events.iter_mut().enumerate() {
            e.people.dedup();
            for &p in &e.people {
                world.person_events[p].push(i as u32);
            }
        }
        world.events = events;
        world
    }

    fn class(&self, r: &mut Rand, class: Class) -> usize {
        self.classes[CLASSES.iter().position(|c| *c == class).unwrap()]
            .sample(r)
            .or_else(|| self.domains[0].sample(r))
            .unwrap_or_else(|| self.everyone.sample(r).unwrap())
    }

    /// A second person of the class, from another country when possible.
    fn other(&self, r: &mut Rand, class: Class, not: &[usize]) -> usize {
        let mut best = self.class(r, class);
        for _ in 0..12 {
            let clash = not
                .iter()
                .any(|&n| n == best || self.people[n].country == self.people[best].country);
            if !clash {
                return best;
            }
            best = self.class(r, class);
        }
        if not.contains(&best) {
            best = self.everyone.sample(r).unwrap();
        }
        best
    }

    fn club(&self, p: usize) -> String {
        match &self.people[p].office {
            Office::Player(_, club) | Office::Coach(club) => club.clone(),
            _ => format!("{} FC", COUNTRIES[self.people[p].country].capital),
        }
    }

    fn company(&self, p: usize, r: &mut Rand) -> String {
        match &self.people[p].office {
            Office::Ceo(c) => c.clone(),
            _ => company(40_000 + r.below(2000)),
        }
    }

    fn make_event(&self, r: &mut Rand, day: Day) -> Event {
        let kind = KINDS[r.weighted(&KINDS.map(|(_, w)| w))].0;
        let mut e = Event {
            kind,
            day,
            city: "Geneva",
            country: 0,
            people: Vec::new(),
            topic: r.pick(TOPICS),
            n: 0,
            m: 0,
            orgs: Vec::new(),
        };
        let capital_of = |p: usize| COUNTRIES[self.people[p].country].capital;
        let city_of = |p: usize, r: &mut Rand| {
            let c = &COUNTRIES[self.people[p].country];
            if c.cities.is_empty() || r.chance(0.5) {
                c.capital
            } else {
                r.pick(c.cities)
            }
        };
        match kind {
            Kind::Talks | Kind::Agreement => {
                let a = self.class(r, Class::Leader);
                let b = self.other(r, Class::Leader, &[a]);
                e.people = vec![a, b];
                e.city = match r.below(3) {
                    0 => capital_of(a),
                    1 => capital_of(b),
                    _ => r.pick(NEUTRAL_CITIES),
                };
            }
            Kind::Summit => {
                let a = self.class(r, Class::Head);
                let b = self.other(r, Class::Head, &[a]);
                let c = self.other(r, Class::Head, &[a, b]);
                e.people = vec![a, b, c];
                e.city = r.pick(NEUTRAL_CITIES);
                e.n = r.range(8, 30) as u32;
            }
            Kind::Visit => {
                let a = self.class(r, Class::Leader);
                let b = self.other(r, Class::Head, &[a]);
                e.people = vec![a, b];
                e.city = capital_of(b);
            }
            Kind::Election => {
                let a = self.class(r, Class::Head);
                let country = self.people[a].country;
                let b = (0..20)
                    .map(|_| self.class(r, Class::Opposition))
                    .find(|&b| self.people[b].country == country)
                    .unwrap_or_else(|| self.class(r, Class::Opposition));
                e.people = vec![a, b];
                e.city = capital_of(a);
                e.n = r.range(21, 44) as u32;
            }
            Kind::Resignation => {
                e.people = vec![self.class(r, Class::Minister)];
                e.city = capital_of(e.people[0]);
                e.n = r.range(2, 9) as u32;
            }
            Kind::Protest => {
                let a = self.class(r, Class::Opposition);
                e.people = vec![a];
                e.city = city_of(a, r);
                e.n = r.range(5, 90) as u32;
            }
            Kind::Rate => {
                let a = self.class(r, Class::Governor);
                e.people = vec![a];
                e.city = capital_of(a);
                e.n = r.range(50, 1500) as u32 / 25 * 25;
                e.m = u32::from(r.chance(0.5));
            }
            Kind::Deal => {
                let a = self.class(r, Class::Ceo);
                let b = self.other(r, Class::Ceo, &[a]);
                e.orgs = vec![self.company(a, r), self.company(b, r)];
                e.people = vec![a, b];
                e.city = capital_of(a);
                e.n = r.range(2, 40) as u32;
            }
            Kind::Strike => {
                let a = self.class(r, Class::Union);
                let b = self.class(r, Class::Ceo);
                e.orgs = vec![self.company(b, r)];
                e.people = vec![a, b];
                e.city = city_of(a, r);
                e.n = r.range(2, 60) as u32;
            }
            Kind::Attack => {
                let a = self.class(r, Class::ArmyChief);
                let country = self.people[a].country;
                let b = (0..20)
                    .map(|_| self.class(r, Class::Defence))
                    .find(|&b| self.people[b].country == country)
                    .unwrap_or_else(|| self.class(r, Class::Defence));
                e.people = vec![a, b];
                e.city = city_of(a, r);
                e.n = r.range(2, 40) as u32;
            }
            Kind::Exercise => {
                e.people = vec![self.class(r, Class::ArmyChief)];
                e.city = r.pick(SEAS);
                e.n = r.range(3, 40) as u32 * 500;
                e.m = r.range(5, 14) as u32;
            }
            Kind::Match => {
                let a = self.class(r, Class::Player);
                let club_a = self.club(a);
                let mut b = self.class(r, Class::Coach);
                for _ in 0..10 {
                    if self.club(b) != club_a {
                        break;
                    }
                    b = self.class(r, Class::Coach);
                }
                e.orgs = vec![club_a, self.club(b)];
                e.people = vec![a, b];
                e.city = capital_of(a);
                e.n = r.range(2, 4) as u32;
                e.m = r.range(0, e.n as i32 - 1) as u32;
            }
            Kind::Transfer => {
                let a = self.class(r, Class::Player);
                let b = self.class(r, Class::Coach);
                e.orgs = vec![self.club(a), self.club(b)];
                e.people = vec![a, b];
                e.city = capital_of(b);
                e.n = r.range(2, 5) as u32;
            }
            Kind::Probe => {
                let a = self.class(r, Class::Prosecutor);
                let b = self.class(r, Class::Ceo);
                e.orgs = vec![self.company(b, r)];
                e.people = vec![a, b];
                e.city = capital_of(a);
            }
        }
        e.country = self.people[e.people[0]].country;
        if e.orgs.len() == 2 && e.orgs[0] == e.orgs[1] {
            e.orgs[1] = company(45_000 + r.below(2000));
        }
        e
    }
}

// ---------------------------------------------------------------------------------------------
// One article.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text = 0,
    Markdown = 1,
    Html = 2,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DateForm {
    Line,
    Dateline,
    Published,
    Undated,
}

enum Block {
    Crumbs(Vec<&'static str>),
    Headline(String),
    Published(String),
    Byline(String),
    Caption(String, Option<String>),
    Para(String),
    Sub(&'static str),
    Ad,
    Share(&'static str),
    AuthorBox(String, String),
    Reporting(String),
    References(String, String),
}

struct Seen {
    person: usize,
    spelling: usize,
    mentions: u32,
}

struct Ctx<'w> {
    w: &'w World,
    r: Rand,
    anchor: Day,
    dated: bool,
    cast: Vec<Seen>,
    honorific_dot: bool,
    typo_used: bool,
    used: Vec<u32>,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "with", "by",
        "from", "de",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_owned()
            } else {
                cap(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn number_word(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// Where a mention stands: before more words of the sentence, or before its final punctuation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    Mid,
    End,
}

impl<'w> Ctx<'w> {
    fn person(&self, p: usize) -> &'w Person {
        &self.w.people[p]
    }

    fn country(&self, p: usize) -> &'static Country {
        &COUNTRIES[self.w.people[p].country]
    }

    fn seen(&mut self, p: usize) -> usize {
        if let Some(i) = self.cast.iter().position(|s| s.person == p) {
            return i;
        }
        let n = self.person(p).variants.len();
        let spelling = if n > 0 && self.r.chance(0.4) {
            1 + self.r.below(n)
        } else {
            0
        };
        self.cast.push(Seen {
            person: p,
            spelling,
            mentions: 0,
        });
        self.cast.len() - 1
    }

    fn names(&mut self, p: usize) -> (&'w str, &'w str) {
        let i = self.seen(p);
        let person = self.person(p);
        match self.cast[i].spelling {
            0 => (&person.first, &person.last),
            k => {
                let (f, l) = &person.variants[k - 1];
                (f, l)
            }
        }
    }

    fn full(&mut self, p: usize) -> String {
        let (f, l) = self.names(p);
        format!("{f} {l}")
    }

    fn surname(&mut self, p: usize) -> String {
        self.names(p).1.to_owned()
    }

    /// Another person in the article has the same surname: only full names tell them apart.
    fn clash(&self, p: usize) -> bool {
        let last = &self.person(p).last;
        self.cast
            .iter()
            .any(|s| s.person != p && self.w.people[s.person].last == *last)
    }

    /// The title written before a name: "Polish Foreign Minister", "central bank governor".
    fn title_before(&mut self, p: usize, demonym: bool) -> Option<String> {
        let person = self.person(p);
        let c = self.country(p);
        let dem = if demonym { c.dem } else { "" };
        let t = match &person.office {
            Office::Top(t) => match t {
                Top::President => format!("{dem} President"),
                Top::PrimeMinister => format!("{dem} Prime Minister"),
                Top::Foreign => format!("{dem} Foreign Minister"),
                Top::Defence => format!("{dem} Defence Minister"),
                Top::Finance => format!("{dem} Finance Minister"),
                Top::Interior => format!("{dem} Interior Minister"),
                Top::Health => format!("{dem} Health Minister"),
                Top::Energy => format!("{dem} Energy Minister"),
                Top::Governor => format!("{dem} central bank governor"),
                Top::Opposition => format!("{dem} opposition leader"),
                Top::ArmyChief => format!("{dem} army chief"),
                Top::ChiefProsecutor => format!("{dem} chief prosecutor"),
            },
            Office::Lawmaker(_) => format!("{dem} lawmaker"),
            Office::Spokes(m) => format!(
                "{m} ministry {}",
                if person.female {
                    "spokeswoman"
                } else {
                    "spokesman"
                }
            ),
            Office::Mayor(city) => format!("{city} Mayor"),
            Office::Ceo(co) => format!("{co} chief executive"),
            Office::Union(_) => "union leader".to_owned(),
            Office::Prosecutor => "prosecutor".to_owned(),
            Office::Commander(_) => "Colonel".to_owned(),
            Office::Player(pos, club) => format!(
                "{club} {}",
                match pos {
                    Position::Striker => "striker",
                    Position::Midfielder => "midfielder",
                    Position::Goalkeeper => "goalkeeper",
                }
            ),
            Office::Coach(club) => format!("{club} coach"),
            Office::Spouse(s) if matches!(self.person(*s).office, Office::Top(Top::President)) => {
                format!("{dem} first lady")
            }
            Office::Ambassador(_)
            | Office::Analyst(_)
            | Office::Economist(_)
            | Office::Spouse(_) => {
                return None;
            }
        };
        Some(t.trim().to_owned())
    }

    /// What they are, as an appositive: "the Polish foreign minister".
    fn appositive(&mut self, p: usize) -> String {
        let person = self.person(p);
        let c = self.country(p);
        let dem = c.dem;
        match &person.office {
            Office::Top(t) => match t {
                Top::President => format!("the {dem} president"),
                Top::PrimeMinister => format!("the {dem} prime minister"),
                Top::Foreign => format!("the {dem} foreign minister"),
                Top::Defence => format!("the {dem} defence minister"),
                Top::Finance => format!("the {dem} finance minister"),
                Top::Interior => format!("the {dem} interior minister"),
                Top::Health => format!("the {dem} health minister"),
                Top::Energy => format!("the {dem} energy minister"),
                Top::Governor => format!("the governor of the {dem} central bank"),
                Top::Opposition => format!("the leader of the {dem} opposition"),
                Top::ArmyChief => format!("the {dem} army chief"),
                Top::ChiefProsecutor => format!("the {dem} chief prosecutor"),
            },
            Office::Lawmaker(party) => format!("a lawmaker from the {party}"),
            Office::Spokes(m) => format!(
                "a {} for the {dem} {m} ministry",
                if person.female {
                    "spokeswoman"
                } else {
                    "spokesman"
                }
            ),
            Office::Mayor(city) => format!("the mayor of {city}"),
            Office::Ambassador(to) => {
                format!("the {dem} ambassador to {}", country_name(&COUNTRIES[*to]))
            }
            Office::Analyst(inst) => format!("an analyst at {inst}"),
            Office::Economist(bank) => format!("chief economist at {bank}"),
            Office::Ceo(co) => format!("the chief executive of {co}"),
            Office::Union(u) => format!("the head of the {u}"),
            Office::Prosecutor => format!("a prosecutor in {}", c.capital),
            Office::Commander(n) => {
                format!("the commander of the {} Mechanised Brigade", ordinal(*n))
            }
            Office::Player(pos, club) => format!(
                "the {club} {}",
                match pos {
                    Position::Striker => "striker",
                    Position::Midfielder => "midfielder",
                    Position::Goalkeeper => "goalkeeper",
                }
            ),
            Office::Coach(club) => format!("the coach of {club}"),
            Office::Spouse(s) => {
                let spouse = self.full(*s);
                format!(
                    "the {} of {spouse}",
                    if person.female { "wife" } else { "husband" }
                )
            }
        }
    }

    /// A name as written in the article: with a title or an appositive the first time, then the
    /// surname, an honorific or the full name again.
    fn name(&mut self, p: usize, at: At) -> String {
        let i = self.seen(p);
        self.cast[i].mentions += 1;
        let full = self.full(p);
        let close = if at == At::Mid { "," } else { "" };
        if self.cast[i].mentions == 1 {
            let demonym = self.r.chance(0.75);
            let title = self.title_before(p, demonym);
            let roll = self.r.below(10);
            return match title {
                Some(t) if roll < 6 => format!("{t} {full}"),
                _ if roll < 9 => format!("{full}, {}{close}", self.appositive(p)),
                _ => {
                    let what = match &self.person(p).office {
                        Office::Spokes(m) => format!(
                            "the {m} ministry's {}",
                            if self.person(p).female {
                                "spokeswoman"
                            } else {
                                "spokesman"
                            }
                        ),
                        _ => self.appositive(p),
                    };
                    format!("{what}, {full}{close}")
                }
            };
        }
        if self.clash(p) {
            return full;
        }
        let last = self.surname(p);
        match self.r.below(20) {
            0..=11 => last,
            12..=15 => self.honorific(p, &last),
            16..=17 => {
                let typo = self.person(p).typo.as_ref();
                match typo {
                    Some((f, l)) if !self.typo_used && self.cast[i].spelling == 0 => {
                        self.typo_used = true;
                        format!("{f} {l}")
                    }
                    _ => full,
                }
            }
            _ => match &self.person(p).office {
                Office::Top(
                    Top::President
                    | Top::PrimeMinister
                    | Top::Foreign
                    | Top::Defence
                    | Top::Finance
                    | Top::Interior
                    | Top::Health
                    | Top::Energy,
                ) => {
                    let t = self.title_before(p, false).unwrap_or_default();
                    format!("{t} {last}")
                }
                _ => last,
            },
        }
    }

    /// The full name the first time (no title), otherwise as [`name`](Self::name).
    fn known(&mut self, p: usize) -> String {
        let i = self.seen(p);
        if self.cast[i].mentions == 0 {
            self.cast[i].mentions = 1;
            return self.full(p);
        }
        self.name(p, At::Mid)
    }

    fn honorific(&mut self, p: usize, last: &str) -> String {
        let dot = if self.honorific_dot { "." } else { "" };
        match self.person(p).office {
            Office::Top(Top::President) => format!("President {last}"),
            Office::Top(Top::ArmyChief) => format!("Gen. {last}"),
            Office::Commander(_) => format!("Col. {last}"),
            _ if self.person(p).female => format!("Ms{dot} {last}"),
            _ => format!("Mr{dot} {last}"),
        }
    }

    fn when(&mut self, day: Day) -> String {
        let absolute = !self.dated && self.r.chance(0.6);
        when(&mut self.r, day, self.anchor, absolute)
    }

    /// A template index not used yet in this article, when there is one.
    fn fresh(&mut self, key: u32, n: usize) -> usize {
        self.fresh_once(key, n).unwrap_or_else(|| self.r.below(n))
    }

    /// A template index not used yet in this article.
    fn fresh_once(&mut self, key: u32, n: usize) -> Option<usize> {
        let start = self.r.below(n);
        let i = (0..n)
            .map(|k| (start + k) % n)
            .find(|i| !self.used.contains(&(key * 1000 + *i as u32)))?;
        self.used.push(key * 1000 + i as u32);
        Some(i)
    }
}

const QUOTES_POLITICS: &[&str] = &[
    "We came here to listen, and we are leaving with a clearer picture of what is possible.",
    "Nobody expects a breakthrough overnight, but the direction is right.",
    "Our position on {topic} has not changed, and it will not change under pressure.",
    "There were difficult moments, and I will not pretend otherwise.",
    "We need facts, not slogans, before anyone signs anything.",
    "The door remains open, but the next step is theirs.",
    "People are tired of promises on {topic}. They want to see results.",
    "I told my counterpart plainly what we can and cannot accept.",
    "It was a frank conversation between neighbours.",
    "This is not a victory for one side. It is a chance for both.",
    "We owe it to the families on both sides of the border to get this right.",
    "Every week of delay costs us money and trust.",
    "I am not going to negotiate through the newspapers.",
    "Parliament will have the final word, as it should.",
    "Nobody gains from a long quarrel over {topic}.",
    "We are ready to compromise, but not on everything.",
    "The government has run out of excuses.",
    "Our partners know exactly where we stand.",
];
const QUOTES_BANK: &[&str] = &[
    "Price pressures are easing, but too slowly for us to relax.",
    "We will act again if the data require it.",
    "Households are still feeling the squeeze, and we know it.",
    "Markets like certainty, and today they got some.",
    "We are not going to chase every rumour in the market.",
    "Energy costs remain the biggest risk to the outlook.",
];
const QUOTES_COMPANY: &[&str] = &[
    "The deal gives us the scale we need to compete.",
    "This is a long-term investment, not a quick bet.",
    "We have no plans to cut jobs at any of our sites.",
    "Energy costs remain the biggest risk for our customers.",
    "Our offer to the workforce is fair, and it stands.",
];
const QUOTES_UNION: &[&str] = &[
    "Our members deserve a fair share of the profits they helped create.",
    "Nobody walks out lightly, but we were left no choice.",
    "The company knows where to find us.",
    "We will stay out until there is a serious offer.",
];
const QUOTES_MILITARY: &[&str] = &[
    "Our air defences stopped most of the drones, but not all of them.",
    "The exercise sends a simple message: we are ready.",
    "We are moving more units closer to the border.",
    "Every attack like this strengthens our resolve.",
    "The repairs will take weeks, not days.",
    "Our crews worked through the night, and I thank them.",
    "We do not comment on the movements of our troops.",
];
const QUOTES_SPORT: &[&str] = &[
    "The boys showed real character after going a goal down.",
    "I am grateful to the fans who travelled all that way.",
    "We still have a lot of work to do before the new season.",
    "It is the best night of my career so far.",
    "We were second best for an hour, and that is on me.",
    "I have always wanted to play for a club like this.",
    "The dressing room is hurting, but we will come back stronger.",
    "Nobody gave us a chance, and we proved them wrong.",
];
const QUOTE_TAILS: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " That is our position.",
    " I hope that is clear.",
    " We said so plainly.",
    " Nothing more, nothing less.",
    " Time will tell.",
];
/// Who speaks, for what they can plausibly say in reported speech.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Voice {
    Government,
    Bank,
    Company,
    Union,
    Military,
    Sport,
}

const SUBJECTS: [&[&str]; 6] = [
    &[
        "the government",
        "the coalition",
        "the ministry",
        "the delegation",
        "the cabinet",
        "the country",
        "the president's office",
        "the foreign ministry",
    ],
    &[
        "the central bank",
        "the bank's board",
        "the monetary policy committee",
    ],
    &["the company", "the group", "the board"],
    &["the union", "the strike committee", "the workforce"],
    &[
        "the army",
        "the general staff",
        "the defence ministry",
        "the air force",
        "the command",
    ],
    &[
        "the team",
        "the club",
        "the squad",
        "the coaching staff",
        "the board",
    ],
];
const PREDICATES: [&[&str]; 6] = [
    &[
        "had no intention of reopening the question of {topic}",
        "saw the talks as useful but incomplete",
        "would put any agreement on {topic} to a vote in parliament",
        "was still far apart from the other side on {topic}",
        "was studying the proposal on {topic} carefully",
        "would not be rushed into a decision",
        "had agreed to keep the details confidential",
        "believed a compromise on {topic} was within reach",
        "had not been consulted in advance",
        "would discuss the matter at its next session",
        "rejected the figures published by the opposition",
        "was ready to resume talks at any level",
        "had received assurances on {topic}",
        "expected a written proposal from its partners",
        "wanted the European Commission to play a bigger role",
        "had asked NATO allies for more support",
        "would respect the outcome of the vote",
        "had warned of the costs of a long stand-off",
    ],
    &[
        "expected inflation to ease only slowly",
        "stood ready to act if prices rose again",
        "saw no sign of a slowdown in lending",
        "was worried about the cost of energy",
        "had been surprised by the strength of wage growth",
        "would publish new forecasts in the spring",
        "saw risks to growth from abroad",
        "was watching the currency closely",
    ],
    &[
        "would keep its headquarters in the capital",
        "had seen orders from abroad pick up",
        "saw no need for job cuts",
        "had been hit hard by higher borrowing costs",
        "would pay a higher dividend",
        "had hired advisers to review the bid",
        "was worried about the cost of energy",
        "had made a fair offer to its employees",
    ],
    &[
        "could not accept the offer on the table",
        "would continue the strike",
        "wanted a pay rise in line with inflation",
        "had not been consulted about job cuts",
        "was ready to return to talks",
        "had the support of most employees",
    ],
    &[
        "had moved air defence units closer to the border",
        "was repairing the damage to the power grid",
        "had planned the exercise long in advance",
        "needed more ammunition and more trained crews",
        "had shot down most of the drones",
        "was investigating the cause of the blast",
        "would not comment on troop movements",
        "had opened a shelter for families from the area",
    ],
    &[
        "had deserved the win",
        "was short of match fitness",
        "had received several offers for the player",
        "accepted the referee's decision",
        "would strengthen the defence before the new season",
        "was focused on the league",
        "would name a new captain soon",
        "was proud of the young players",
    ],
];
const CLAUSE_TAILS: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " for now",
    " in any case",
    " despite the pressure",
    " unless the other side moved first",
    " whatever the critics said",
];
const FILLER: &[&str] = &[
    "Analysts said the outcome would be watched closely in Brussels and beyond.",
    "The European Commission declined to comment.",
    "NATO has stepped up air patrols along its eastern flank.",
    "Shipping on the Black Sea routes has recovered only in part.",
    "Officials at the International Monetary Fund have urged caution.",
    "A spokesperson for the United Nations called for calm.",
    "Hundreds of people gathered outside St. Mary's Cathedral for a vigil.",
    "Reuters could not independently verify the figures.",
    "The Kremlin did not respond to a request for comment.",
    "The story was first reported by Bloomberg.",
    "Ferries on the Danube were suspended because of high water.",
    "The White House said it was following the situation closely.",
    "Diplomats in Brussels said the mood had improved.",
    "None of the officials who spoke to reporters wished to be named.",
    "The World Bank has cut its growth forecast for the region.",
    "Opinion polls show voters divided on the question.",
    "The Red Cross said it had sent extra staff to the area.",
    "Amnesty International urged the authorities to respect the right to protest.",
    "Prices for wheat and maize moved little on the news.",
    "Trains between the two capitals were running normally.",
    "A previous round of negotiations collapsed amid mutual accusations.",
    "The ministry published a short statement but gave no details.",
    "The Council of Europe has criticised the plan in the past.",
    "Traffic was diverted away from Independence Square for several hours.",
    "The OSCE said its observers had been granted access.",
    "Coverage on state television was brief.",
    "Both sides have traded accusations for months.",
    "Business groups have lobbied hard on the issue.",
];
const SUBHEADS: &[&str] = &[
    "What comes next",
    "A long dispute",
    "Reaction at home",
    "Markets",
    "Background",
    "Questions remain",
    "Key points",
    "On the ground",
];
const SHARE: &[&str] = &[
    "Share this article",
    "Share on X · Share on Facebook · Copy link",
    "Share | Tweet | Email",
    "Follow us on X",
    "Sign up for our newsletter",
];
const CRUMBS: &[&[&str]] = &[
    &["• Home/", "• World/"],
    &["• Home/", "• World/", "• Europe/"],
    &["• Home/", "• Business/"],
    &["• Home/", "• Sport/"],
    &["• News/", "• Politics/"],
];
const BEATS: &[&str] = &[
    "diplomatic",
    "economics",
    "security",
    "sports",
    "Europe",
    "politics",
];

impl Ctx<'_> {
    fn quote(&mut self, voice: Voice, topic: &str) -> String {
        let list = match voice {
            Voice::Government => QUOTES_POLITICS,
            Voice::Bank => QUOTES_BANK,
            Voice::Company => QUOTES_COMPANY,
            Voice::Union => QUOTES_UNION,
            Voice::Military => QUOTES_MILITARY,
            Voice::Sport => QUOTES_SPORT,
        };
        let key = 1 + voice as u32;
        let core = list[self.fresh(key, list.len())].replace("{topic}", topic);
        format!("{core}{}", self.r.pick(QUOTE_TAILS))
    }

    /// Reported speech: "the government had no intention of ...".
    fn clause(&mut self, voice: Voice, topic: &str) -> String {
        let d = voice as usize;
        let subject = self.r.pick(SUBJECTS[d]);
        let predicate = PREDICATES[d][self.fresh(10 + d as u32, PREDICATES[d].len())];
        let tail = self.r.pick(CLAUSE_TAILS);
        format!("{subject} {}{tail}", predicate.replace("{topic}", topic))
    }

    /// A sentence in which someone speaks.
    fn speech(&mut self, p: usize, place: &str, topic: &str) -> String {
        let voice = self.person(p).office.voice();
        let attributed = |q: String| match q.strip_suffix('.') {
            Some(s) => format!("{s},"),
            None => q,
        };
        match self.r.below(14) {
            0 | 1 => {
                let q = attributed(self.quote(voice, topic));
                let verb = self.r.pick(&["said", "said", "told reporters", "added"]);
                format!("\"{q}\" {} {verb}.", self.name(p, At::Mid))
            }
            2 => {
                let q = attributed(self.quote(voice, topic));
                format!("\"{q}\" said {}.", self.name(p, At::End))
            }
            3 => {
                let q = self.quote(voice, topic);
                format!("{} said: \"{q}\"", self.name(p, At::Mid))
            }
            4 => {
                let c = self.clause(voice, topic);
                format!(
                    "{} told reporters in {place} that {c}.",
                    self.name(p, At::Mid)
                )
            }
            5 => {
                let m = self.r.pick(MEDIA_CITED);
                let c = self.clause(voice, topic);
                format!("{} told {m} that {c}.", self.name(p, At::Mid))
            }
            6 => {
                let c = self.clause(voice, topic);
                format!(
                    "Speaking to reporters in {place}, {} said {c}.",
                    self.name(p, At::Mid)
                )
            }
            7 => {
                let c = self.clause(voice, topic);
                format!("According to {}, {c}.", self.name(p, At::End))
            }
            8 | 9 => {
                let c = self.clause(voice, topic);
                let verb = self.r.pick(&[
                    "warned",
                    "added",
                    "insisted",
                    "stressed",
                    "noted",
                    "argued",
                    "acknowledged",
                    "said",
                ]);
                format!("{} {verb} that {c}.", self.name(p, At::Mid))
            }
            10 => {
                let c = self.clause(voice, topic);
                format!(
                    "In a post on social media, {} wrote that {c}.",
                    self.name(p, At::Mid)
                )
            }
            11 => {
                let d = voice as usize;
                let subject = self.r.pick(SUBJECTS[d]);
                let c = self.r.pick(PREDICATES[d]).replace("{topic}", topic);
                let q = self.quote(voice, topic);
                format!(
                    "Asked whether {subject} {c}, {} said: \"{q}\"",
                    self.name(p, At::Mid)
                )
            }
            12 => {
                let d = voice as usize;
                let subject = self.r.pick(SUBJECTS[d]);
                let positive: Vec<&str> = PREDICATES[d]
                    .iter()
                    .copied()
                    .filter(|c| !c.contains("not ") && !c.contains("no "))
                    .collect();
                let c = self.r.pick(&positive).replace("{topic}", topic);
                format!(
                    "{} did not say whether {subject} {c}.",
                    self.name(p, At::Mid)
                )
            }
            _ => {
                let c = self.clause(voice, topic);
                format!("In a statement, {} said {c}.", self.name(p, At::Mid))
            }
        }
    }

    /// A background sentence about someone, with a year.
    fn background(&mut self, p: usize) -> String {
        let person = self.person(p);
        let (ay, _, _) = self.anchor.ymd();
        let since = person.since.min(ay);
        let earlier = person.earlier.min(since - 1);
        let who = self.known(p);
        let office = self.appositive(p);
        let office = office
            .strip_prefix("the ")
            .or_else(|| office.strip_prefix("a "))
            .or_else(|| office.strip_prefix("an "))
            .unwrap_or(&office)
            .to_owned();
        let capital = self.country(p).capital;
        let n = person.count;
        let elected = matches!(
            person.office,
            Office::Lawmaker(_)
                | Office::Mayor(_)
                | Office::Top(
                    Top::President
                        | Top::PrimeMinister
                        | Top::Foreign
                        | Top::Interior
                        | Top::Health
                        | Top::Energy
                        | Top::Opposition
                )
        );
        match (person.office.domain(), self.r.below(3)) {
            (_, 0) => format!("{who} has served as {office} since {since}."),
            (Domain::Politics, 1) if elected => format!(
                "{who} was first elected to parliament in {earlier}, years before becoming {office}."
            ),
            (Domain::Politics, _) => format!(
                "{who}, a former lawyer who studied in {capital}, became {office} in {since}."
            ),
            (Domain::Economy, 1) => {
                format!("{who} spent {n} years in banking before becoming {office} in {since}.")
            }
            (Domain::Economy, _) => format!(
                "{who}, who took over as {office} in {since}, has rarely spoken about the issue in public."
            ),
            (Domain::Military, 1) => format!(
                "{who}, a career officer, commanded troops in the east of the country in {earlier}."
            ),
            (Domain::Military, _) => {
                format!("{who} was appointed {office} in {since} after {n} years in uniform.")
            }
            (Domain::Sport, 1) => {
                format!(
                    "{who} made a professional debut in {earlier} and has played for {n} clubs."
                )
            }
            (Domain::Sport, _) => format!("{who} became {office} in {since}."),
        }
    }

    /// A sentence with figures, no names.
    fn figures(&mut self, kind: Kind, city: &str) -> String {
        let (_, am, _) = self.anchor.ymd();
        let prev_month = MONTHS[(am as usize + 10) % 12];
        let n = self.r.range(2, 60);
        let x = self.r.range(10, 99);
        let domain = kind.domain();
        let mut opts: Vec<String> = match domain {
            Domain::Politics => vec![
                format!(
                    "Trade between the two countries was worth about {n} billion euros last year."
                ),
                format!(
                    "Polls give the governing coalition about {} percent of the vote.",
                    n / 2 + 15
                ),
                format!(
                    "About {n} thousand people took part in the demonstrations in {city}, according to the police."
                ),
                format!("The agreement runs to more than {} pages.", x * 3),
                format!(
                    "Parliament has {} seats, and the coalition controls {}.",
                    x * 2 + 100,
                    x + 52
                ),
            ],
            Domain::Economy => vec![
                format!(
                    "Inflation stood at {}.{} percent in {prev_month}.",
                    n / 10 + 1,
                    x % 10
                ),
                format!(
                    "The currency has lost {}.{} percent against the euro this year.",
                    n / 10,
                    x % 10
                ),
                format!(
                    "Unemployment rose to {}.{} percent, the highest level in {} years.",
                    n / 10 + 3,
                    x % 10,
                    n % 9 + 2
                ),
                format!(
                    "The company employs about {n} thousand people in {} countries.",
                    x / 10 + 3
                ),
                format!(
                    "Industrial output fell {}.{} percent in {prev_month}.",
                    n / 20,
                    x % 10
                ),
            ],
            Domain::Military => vec![
                format!(
                    "Officials said {n} drones and {} missiles had been launched overnight.",
                    n / 4 + 1
                ),
                format!("The army has called up about {n} thousand reservists."),
                format!(
                    "Around {} families were evacuated from villages near {city}.",
                    x * 7
                ),
                format!("Repair crews restored power to {x} thousand homes by the evening."),
            ],
            Domain::Sport => vec![
                format!(
                    "The team is {} in the league, {} points behind the leaders.",
                    ordinal(n as u32 % 12 + 2),
                    x % 15 + 1
                ),
                format!(
                    "The club has won {} of its last {} games.",
                    n % 8 + 1,
                    n % 8 + 4
                ),
                format!("The stadium in {city} holds about {x} thousand spectators."),
                format!(
                    "Ticket prices have risen by {} percent in {} seasons.",
                    x % 40 + 5,
                    n % 5 + 2
                ),
            ],
        };
        // Only talks between two countries have a trade figure and an agreement.
        if domain == Domain::Politics
            && !matches!(
                kind,
                Kind::Talks | Kind::Summit | Kind::Visit | Kind::Agreement
            )
        {
            opts.retain(|o| !o.starts_with("Trade") && !o.starts_with("The agreement"));
        }
        match self.fresh_once(40 + domain as u32, opts.len()) {
            Some(i) => opts[i].clone(),
            None => FILLER[self.fresh(30, FILLER.len())].to_owned(),
        }
    }

    fn event_headline(&mut self, e: &Event, future: bool) -> String {
        let a = e.people[0];
        let sa = self.person(a).last.clone();
        let sb = e
            .people
            .get(1)
            .map(|&b| self.person(b).last.clone())
            .unwrap_or_default();
        let city = e.city;
        let topic = e.topic;
        let dem = COUNTRIES[e.country].dem;
        let variant = self.r.below(2);
        let h = match (e.kind, future, variant) {
            (Kind::Talks, false, 0) => format!("{sa} and {sb} hold talks on {topic} in {city}"),
            (Kind::Talks, false, _) => format!("Talks in {city} end without deal on {topic}"),
            (Kind::Talks, true, _) => format!("{sa} and {sb} to meet in {city}"),
            (Kind::Summit, false, 0) => format!("Leaders meet in {city} for summit on {topic}"),
            (Kind::Summit, false, _) => format!("{city} summit ends with pledge on {topic}"),
            (Kind::Summit, true, _) => format!("Leaders head to {city} for summit"),
            (Kind::Visit, false, _) => format!("{sa} visits {city} for talks with {sb}"),
            (Kind::Visit, true, _) => format!("{sa} to visit {city}"),
            (Kind::Agreement, false, _) => format!("{sa} and {sb} sign deal on {topic}"),
            (Kind::Agreement, true, _) => format!("{sa} and {sb} close to deal on {topic}"),
            (Kind::Election, false, 0) => format!("{sa}'s party leads in {dem} election"),
            (Kind::Election, false, _) => format!("{dem} election: {sb} concedes defeat"),
            (Kind::Election, true, _) => format!("{dem} voters prepare for election"),
            (Kind::Resignation, false, _) => format!("{sa} resigns after {} years in office", e.n),
            (Kind::Resignation, true, _) => format!("{sa} to step down"),
            (Kind::Protest, _, _) => format!("Thousands protest in {city} over {topic}"),
            (Kind::Rate, _, _) => format!(
                "{dem} central bank {} rates to {}.{:02}%",
                if e.m == 1 { "raises" } else { "cuts" },
                e.n / 100,
                e.n % 100
            ),
            (Kind::Deal, _, _) => format!(
                "{} to buy {} in {} billion euro deal",
                e.orgs[0], e.orgs[1], e.n
            ),
            (Kind::Strike, _, _) => format!("Workers at {} strike over pay", e.orgs[0]),
            (Kind::Attack, _, _) => format!("Drone attack on {city} injures {}", e.n),
            (Kind::Exercise, _, _) => format!("NATO exercise begins near the {city}"),
            (Kind::Match, false, 0) => format!("{} beat {} to win the cup", e.orgs[0], e.orgs[1]),
            (Kind::Match, false, _) => format!("{sa} double gives {} cup win", e.orgs[0]),
            (Kind::Match, true, _) => {
                format!("{} and {} ready for cup final", e.orgs[0], e.orgs[1])
            }
            (Kind::Transfer, _, _) => format!("{sa} joins {} from {}", e.orgs[1], e.orgs[0]),
            (Kind::Probe, _, _) => format!("Prosecutors open investigation into {}", e.orgs[0]),
        };
        cap(&h)
    }

    /// The sentence that reports an event: `lede` for the article's own story, otherwise a recap
    /// of an earlier one; in the future tense when the event is still ahead.
    fn event_sentence(&mut self, e: &Event, lede: bool) -> String {
        let future = e.day > self.anchor;
        let w = self.when(e.day);
        let city = e.city;
        let topic = e.topic;
        let c = &COUNTRIES[e.country];
        let v = self.r.below(2);
        let p = e.people.clone();
        macro_rules! n {
            ($i:expr) => {
                self.name(p[$i], At::Mid)
            };
        }
        macro_rules! e_ {
            ($i:expr) => {
                self.name(p[$i], At::End)
            };
        }
        match (e.kind, future) {
            (Kind::Talks, false) if lede && v == 0 => format!(
                "{} and {} held talks in {city} {w}, their first meeting since the row over {topic} began.",
                n!(0),
                n!(1)
            ),
            (Kind::Talks, false) if lede => {
                format!(
                    "{w}, {} met {} in {city} for talks on {topic}.",
                    n!(0),
                    n!(1)
                )
            }
            (Kind::Talks, false) => format!(
                "{} and {} met in {city} {w} to discuss {topic}.",
                n!(0),
                n!(1)
            ),
            (Kind::Talks, true) if v == 0 => {
                format!("{} will hold talks with {} in {city} {w}.", n!(0), n!(1))
            }
            (Kind::Talks, true) => format!("{} is due to meet {} in {city} {w}.", n!(0), n!(1)),
            (Kind::Summit, false) if lede && v == 0 => format!(
                "Leaders from {} countries, among them {} and {}, met in {city} {w} for a summit on {topic}.",
                e.n,
                n!(0),
                e_!(1)
            ),
            (Kind::Summit, false) if lede => format!(
                "{} joined {} and {} at a summit on {topic} in {city} {w}.",
                n!(0),
                n!(1),
                n!(2)
            ),
            (Kind::Summit, false) => {
                format!("{} and {} attended the {city} summit {w}.", n!(0), n!(1))
            }
            (Kind::Summit, true) => {
                format!("{} will attend the summit on {topic} in {city} {w}.", n!(0))
            }
            (Kind::Visit, false) if lede => format!(
                "{} arrived in {city} {w} on a visit that included talks with {}.",
                n!(0),
                e_!(1)
            ),
            (Kind::Visit, false) => format!("{} visited {city} {w} and met {}.", n!(0), e_!(1)),
            (Kind::Visit, true) => {
                format!("{} will visit {city} {w} for talks with {}.", n!(0), e_!(1))
            }
            (Kind::Agreement, false) if lede => format!(
                "{} and {} signed an agreement on {topic} in {city} {w}.",
                n!(0),
                n!(1)
            ),
            (Kind::Agreement, false) => format!(
                "{} and {} signed the agreement on {topic} {w}.",
                n!(0),
                n!(1)
            ),
            (Kind::Agreement, true) => format!(
                "{} and {} are expected to sign an agreement on {topic} {w}.",
                n!(0),
                n!(1)
            ),
            (Kind::Election, false) if v == 0 => format!(
                "{} held a parliamentary election {w}, and the party led by {} won about {} percent of the vote.",
                country_name(c),
                n!(0),
                e.n
            ),
            (Kind::Election, false) => format!(
                "The party of {} came first in the {} parliamentary election {w}, ahead of the bloc led by {}.",
                n!(0),
                c.dem,
                e_!(1)
            ),
            (Kind::Election, true) => format!(
                "{} will hold a parliamentary election {w}, and {} hopes to unseat {}.",
                country_name(c),
                n!(1),
                e_!(0)
            ),
            (Kind::Resignation, false) => format!(
                "{} resigned {w} after {} years in the post, saying the government had lost the trust of parliament.",
                n!(0),
                number_word(e.n)
            ),
            (Kind::Resignation, true) => format!("{} will step down {w}, officials said.", n!(0)),
            (Kind::Protest, false) if lede => format!(
                "Thousands of people marched through central {city} {w} to protest against the government's plans on {topic}, in one of the largest demonstrations in years."
            ),
            (Kind::Protest, false) => format!(
                "Thousands protested in {city} {w} against the government's plans on {topic}."
            ),
            (Kind::Protest, true) => format!("Opposition groups will march through {city} {w}."),
            (Kind::Rate, false) => format!(
                "The {} central bank {} its main interest rate to {}.{:02} percent {w}.",
                c.dem,
                if e.m == 1 { "raised" } else { "cut" },
                e.n / 100,
                e.n % 100
            ),
            (Kind::Rate, true) => format!(
                "The {} central bank will announce its next rate decision {w}.",
                c.dem
            ),
            (Kind::Deal, false) if lede => format!(
                "{} agreed {w} to buy {} for {} billion euros, in a deal that would create one of the largest groups in the sector.",
                e.orgs[0], e.orgs[1], e.n
            ),
            (Kind::Deal, false) => format!("{} agreed to buy {} {w}.", e.orgs[0], e.orgs[1]),
            (Kind::Deal, true) => format!(
                "{} will announce the result of its bid for {} {w}.",
                e.orgs[0], e.orgs[1]
            ),
            (Kind::Strike, false) if lede => format!(
                "Workers at {} walked off the job {w} in a dispute over pay, the union led by {} said.",
                e.orgs[0],
                self.name(p[0], At::End)
            ),
            (Kind::Strike, false) => format!("Workers at {} went on strike {w}.", e.orgs[0]),
            (Kind::Strike, true) => format!(
                "Workers at {} will strike {w} unless the company improves its offer, {} said.",
                e.orgs[0],
                self.name(p[0], At::End)
            ),
            (Kind::Attack, false) if lede => format!(
                "A drone attack on {city} {w} damaged a power station and injured {} people, officials said.",
                e.n
            ),
            (Kind::Attack, _) => format!("Drones struck {city} {w}."),
            (Kind::Exercise, false) if lede => format!(
                "NATO troops began a military exercise near the {city} {w}, with about {} soldiers from {} countries taking part.",
                e.n, e.m
            ),
            (Kind::Exercise, false) => format!("NATO held an exercise near the {city} {w}."),
            (Kind::Exercise, true) => format!("NATO will begin an exercise near the {city} {w}."),
            (Kind::Match, false) if lede => format!(
                "{} beat {} {}-{} in the cup final in {city} {w}, with {} scoring twice.",
                e.orgs[0],
                e.orgs[1],
                e.n,
                e.m,
                self.name(p[0], At::Mid)
            ),
            (Kind::Match, false) => {
                format!("{} beat {} in the cup final {w}.", e.orgs[0], e.orgs[1])
            }
            (Kind::Match, true) => format!(
                "{} will face {} in the cup final in {city} {w}.",
                e.orgs[0], e.orgs[1]
            ),
            (Kind::Transfer, false) if lede => format!(
                "{} completed a move from {} to {} {w}, signing a {}-year contract.",
                n!(0),
                e.orgs[0],
                e.orgs[1],
                e.n
            ),
            (Kind::Transfer, false) => {
                format!("{} joined {} from {} {w}.", n!(0), e.orgs[1], e.orgs[0])
            }
            (Kind::Transfer, true) => {
                format!("{} will join {} {w}, the club said.", n!(0), e.orgs[1])
            }
            (Kind::Probe, false) if lede => format!(
                "Prosecutors in {city} opened an investigation into {} {w} over suspected tax fraud, {} said.",
                e.orgs[0],
                self.name(p[0], At::End)
            ),
            (Kind::Probe, false) => format!(
                "Prosecutors opened an investigation into {} {w}.",
                e.orgs[0]
            ),
            (Kind::Probe, true) => format!(
                "A court in {city} will rule on the case against {} {w}.",
                e.orgs[0]
            ),
        }
    }

    /// Sentences that follow the lede: what happened, without dates.
    fn event_details(&mut self, e: &Event) -> Vec<String> {
        let city = e.city;
        let mut out = Vec::new();
        let p = e.people.clone();
        match e.kind {
            Kind::Talks | Kind::Visit | Kind::Agreement => {
                let opts = [
                    format!("The meeting lasted more than {} hours, longer than planned.", self.r.range(2, 6)),
                    "Neither side gave details of what had been agreed.".to_owned(),
                    "Officials said the two delegations would meet again at a lower level.".to_owned(),
                    format!("Security was tight around the government quarter in {city}."),
                ];
                out.push(opts[self.fresh(20, opts.len())].clone());
            }
            Kind::Summit => out.push(format!(
                "The final statement of the {city} summit was agreed only after a night of haggling over its wording."
            )),
            Kind::Election => out.push(format!(
                "Turnout was about {} percent, according to the electoral commission.",
                self.r.range(48, 74)
            )),
            Kind::Resignation | Kind::Protest => {
                let who = self.name(p[0], At::Mid);
                out.push(format!("{who} called for early elections."));
            }
            Kind::Rate => out.push(
                "Economists polled beforehand had been split on the size of the move.".to_owned(),
            ),
            Kind::Deal => out.push(format!(
                "Shares in {} rose {} percent in early trading.",
                e.orgs[1],
                self.r.range(3, 25)
            )),
            Kind::Strike => out.push(format!(
                "About {} thousand employees took part, according to the union.",
                e.n
            )),
            Kind::Attack => out.push(format!(
                "Air raid sirens sounded across {city} for more than two hours."
            )),
            Kind::Exercise => out.push(
                "Warships, aircraft and ground units are taking part in the drills.".to_owned(),
            ),
            Kind::Match => out.push(format!(
                "The match was played in front of {} thousand fans.",
                self.r.range(20, 80)
            )),
            Kind::Transfer => out.push(format!(
                "The fee was not disclosed, but local media put it at {} million euros.",
                self.r.range(3, 60)
            )),
            Kind::Probe => out.push(format!(
                "Police searched the offices of {} in {city}, the prosecutors said.",
                e.orgs[0]
            )),
        }
        out
    }

    fn caption(&mut self, who: usize, city: &str) -> String {
        let full = self.full(who);
        match self.r.below(4) {
            0 => format!("{full} speaks during a news conference in {city}."),
            1 => format!("{full} arrives for a meeting in {city}."),
            2 => format!("Police officers stand guard outside St. Mary's Cathedral in {city}."),
            _ => format!("Supporters of {full} gather in central {city}."),
        }
    }
}

fn write_article(w: &World, seed: u64, index: usize, out: &mut String) -> Format {
    let mut r = Rand::new(mix(seed, index as u64));
    let format = match r.below(20) {
        0 => Format::Html,
        1 | 2 => Format::Markdown,
        _ => Format::Text,
    };
    let main = &w.events[w.event_zipf.sample(&mut r)];
    let offset = match r.weighted(&[45, 25, 15, 5, 10]) {
        0 => r.range(0, 1),
        1 => r.range(2, 6),
        2 => r.range(7, 30),
        3 => r.range(31, 365),
        _ => -r.range(1, 30),
    };
    let anchor = Day(main
        .day
        .plus(offset)
        .0
        .clamp(Day::new(2015, 1, 1).0, Day::new(2026, 12, 31).0));
    let date_form = match format {
        Format::Text => [
            DateForm::Line,
            DateForm::Dateline,
            DateForm::Published,
            DateForm::Undated,
        ][r.weighted(&[35, 25, 20, 20])],
        Format::Markdown => {
            [DateForm::Line, DateForm::Published, DateForm::Undated][r.weighted(&[60, 20, 20])]
        }
        Format::Html => [DateForm::Line, DateForm::Undated][r.weighted(&[85, 15])],
    };
    // 1 to 20 KB, log-uniform.
    let target = (1024.0 * exp2(r.unit() * LOG2_20)) as usize;
    let mut cx = Ctx {
        w,
        honorific_dot: r.chance(0.3),
        r,
        anchor,
        dated: date_form != DateForm::Undated,
        cast: Vec::new(),
        typo_used: false,
        used: Vec::new(),
    };
    let outlet = cx.r.pick(OUTLETS);
    let wire = date_form == DateForm::Dateline;
    let agency = if wire {
        let local = COUNTRIES[main.country].agency;
        if cx.r.chance(0.4) {
            local
        } else {
            cx.r.pick(WIRES)
        }
    } else {
        ""
    };
    let journalist = cx.w.journalists[cx.r.below(cx.w.journalists.len())].clone();
    let domain = main.kind.domain();

    let mut blocks: Vec<Block> = Vec::new();
    if format == Format::Text && cx.r.chance(0.3) {
        blocks.push(Block::Crumbs(cx.r.pick(CRUMBS).to_vec()));
    }
    let future = main.day > anchor;
    let mut headline = cx.event_headline(main, future);
    if cx.r.chance(0.4) {
        headline = title_case(&headline);
    }
    blocks.push(Block::Headline(headline.clone()));
    if format == Format::Text && cx.r.chance(0.1) {
        blocks.push(Block::Headline(headline.clone()));
    }
    if date_form == DateForm::Published {
        let d = if cx.r.chance(0.5) {
            anchor.long()
        } else {
            anchor.us()
        };
        blocks.push(Block::Published(format!("Published: {d}")));
    }
    let late_byline = !wire && cx.r.chance(0.3);
    if !wire && !late_byline && cx.r.chance(0.6) {
        let by = if cx.r.chance(0.3) {
            format!("By {journalist}, {}", COUNTRIES[main.country].capital)
        } else {
            format!("By {journalist}")
        };
        blocks.push(Block::Byline(by));
    }
    let place = if main.city.ends_with("Sea") || main.city == "Mediterranean" {
        COUNTRIES[main.country].capital
    } else {
        main.city
    };
    if cx.r.chance(0.25) {
        let who = main.people[0];
        let caption = cx.caption(who, place);
        blocks.push(photo(&mut cx, caption));
    }

    // The lede, with a wire dateline when there is one.
    let mut lede = cx.event_sentence(main, true);
    if wire {
        let (y, m, d) = anchor.ymd();
        let dateline = if cx.r.chance(0.7) {
            format!(
                "{}, {} {d}, {y} ({agency}) - ",
                place.to_uppercase(),
                MONTHS[m as usize - 1]
            )
        } else {
            format!(
                "{}, {} {d} ({agency}) - ",
                place.to_uppercase(),
                MONTHS[m as usize - 1]
            )
        };
        lede = format!("{dateline}{}", cap(&lede));
    }
    let mut first = vec![cap(&lede)];
    first.extend(cx.event_details(main).iter().map(|s| cap(s)));
    blocks.push(Block::Para(first.join(" ")));

    // Who else the story is about, and which other events it recalls.
    let mut extras: Vec<usize> = Vec::new();
    let related: Vec<usize> = {
        let mut rel: Vec<usize> = main
            .people
            .iter()
            .flat_map(|&p| w.person_events[p].iter().map(|&i| i as usize))
            .filter(|&i| {
                let e = &w.events[i];
                !std::ptr::eq(e, main) && e.day < anchor && anchor.0 - e.day.0 < 3 * 365
            })
            .collect();
        rel.sort_unstable();
        rel.dedup();
        cx.r.shuffle(&mut rel);
        rel.truncate(6);
        rel
    };
    let mut related = related.into_iter();
    let topic = main.topic;
    // Paragraphs until the article reaches its size; the page around them stays under 20 KB.
    let limit = 17 * 1024;
    let target = target.clamp(1100, limit);
    let mut size: usize = blocks.iter().map(block_len).sum();
    let mut n_para = 1;
    let mut captions = 0;
    let mut show_more = cx.r.chance(0.15);
    let mut future_done = false;
    while size < target {
        let mut sentences: Vec<String> = Vec::new();
        // Long articles bring in more people.
        let new_person_chance = 0.25 + (n_para as f64 / 40.0).min(0.4);
        match cx.r.weighted(&[26, 20, 12, 12, 6, 10, 8, 6]) {
            0 => {
                // A participant speaks, and maybe goes on.
                let p = cx.r.pick(&main.people);
                sentences.push(cx.speech(p, place, topic));
                if cx.r.chance(0.6) {
                    sentences.push(cx.speech(p, place, topic));
                }
                if cx.r.chance(0.3) {
                    sentences.push(cx.figures(main.kind, place));
                }
            }
            1 => {
                // Someone else reacts.
                let p = if extras.is_empty() || cx.r.chance(new_person_chance) {
                    let d = if cx.r.chance(0.75) {
                        domain
                    } else {
                        Domain::Politics
                    };
                    let p = w.domains[d as usize]
                        .sample(&mut cx.r)
                        .unwrap_or_else(|| w.everyone.sample(&mut cx.r).unwrap());
                    if !extras.contains(&p) && !main.people.contains(&p) {
                        extras.push(p);
                    }
                    p
                } else {
                    cx.r.pick(&extras)
                };
                let capital = COUNTRIES[w.people[p].country].capital;
                let s = cx.speech(p, capital, topic);
                let plain = !s.starts_with(['"', 'I', 'S', 'A']) && !s.contains(capital);
                if plain && cx.r.chance(0.5) {
                    sentences.push(format!("In {capital}, {s}"));
                } else {
                    sentences.push(s);
                }
                if cx.r.chance(0.5) {
                    sentences.push(cx.speech(p, capital, topic));
                }
            }
            2 => {
                // Background on a person.
                let pool: Vec<usize> = main.people.iter().chain(&extras).copied().collect();
                let p = cx.r.pick(&pool);
                sentences.push(cx.background(p));
                if cx.r.chance(0.5) {
                    sentences.push(cx.speech(p, place, topic));
                } else {
                    sentences.push(FILLER[cx.fresh(30, FILLER.len())].to_owned());
                }
            }
            3 => {
                // An earlier event, and what one of its people said.
                let e = match related.next() {
                    Some(i) => Some(&w.events[i]),
                    None => {
                        // Another story of the same kind from the same country, if any.
                        let e = &w.events[w.event_zipf.sample(&mut cx.r)];
                        (e.day < anchor
                            && !std::ptr::eq(e, main)
                            && e.kind.domain() == domain
                            && e.country == main.country)
                            .then_some(e)
                    }
                };
                if let Some(e) = e {
                    sentences.push(cx.event_sentence(e, false));
                    if cx.r.chance(0.5) {
                        sentences.extend(cx.event_details(e));
                    }
                    if cx.r.chance(0.4) {
                        let p = cx.r.pick(&e.people);
                        sentences.push(cx.speech(p, e.city, e.topic));
                    }
                } else {
                    sentences.push(cx.figures(main.kind, place));
                    sentences.push(FILLER[cx.fresh(30, FILLER.len())].to_owned());
                }
            }
            4 if !future_done => {
                // What comes next.
                future_done = true;
                let p = cx.r.pick(&main.people);
                let day = anchor.plus(cx.r.range(1, 45));
                let when = cx.when(day);
                let who = cx.name(p, At::Mid);
                let city = cx.r.pick(NEUTRAL_CITIES);
                let s = match cx.r.below(4) {
                    0 => format!("{who} will travel to {city} {when} for further talks."),
                    1 => format!("{who} is due to brief lawmakers {when}."),
                    2 => format!("A decision is expected to be announced {when}, {who} said."),
                    _ => format!("Officials from both sides will meet again {when}, {who} said."),
                };
                sentences.push(s);
                sentences.push(FILLER[cx.fresh(30, FILLER.len())].to_owned());
            }
            5 => {
                // Context: organisations, places and media.
                for _ in 0..cx.r.range(2, 3) {
                    sentences.push(FILLER[cx.fresh(30, FILLER.len())].to_owned());
                }
            }
            6 => {
                // Figures.
                sentences.push(cx.figures(main.kind, place));
                sentences.push(cx.figures(main.kind, place));
                if cx.r.chance(0.5) {
                    let p = cx.r.pick(&main.people);
                    sentences.push(cx.speech(p, place, topic));
                }
            }
            _ => {
                // Relative time, said plainly.
                let p = cx.r.pick(&main.people);
                let who = cx.name(p, At::Mid);
                let s = match cx.r.below(4) {
                    0 => format!("{who} has made {topic} a priority this year."),
                    1 => format!(
                        "It was the second time this month that {who} had raised the matter."
                    ),
                    2 => {
                        let c = cx.clause(w.people[p].office.voice(), topic);
                        format!("Speaking last week, {who} said {c}.")
                    }
                    _ => format!("{who} had promised a decision by the end of the year."),
                };
                sentences.push(s);
                sentences.push(FILLER[cx.fresh(30, FILLER.len())].to_owned());
            }
        }
        let mut para = sentences
            .iter()
            .map(|s| cap(s))
            .collect::<Vec<_>>()
            .join(" ");
        if size + para.len() > limit {
            break;
        }
        if show_more && n_para >= 2 {
            para.push_str(" Show more");
            show_more = false;
        }
        size += para.len() + 2;
        blocks.push(Block::Para(para));
        n_para += 1;
        // Page furniture between paragraphs.
        match cx.r.below(40) {
            0..=2 => {
                blocks.push(Block::Ad);
                size += 40;
            }
            3 if captions < 2 => {
                let pool: Vec<usize> = main.people.iter().chain(&extras).copied().collect();
                let who = cx.r.pick(&pool);
                let c = cx.caption(who, place);
                size += c.len() + 30;
                blocks.push(photo(&mut cx, c));
                captions += 1;
            }
            4 if n_para > 3 => {
                blocks.push(Block::Sub(cx.r.pick(SUBHEADS)));
                size += 20;
            }
            5 => {
                blocks.push(Block::Share(cx.r.pick(SHARE)));
                size += 30;
            }
            _ => {}
        }
    }

    // The end of the page.
    if wire {
        let j2 = cx.w.journalists[cx.r.below(cx.w.journalists.len())].clone();
        let j3 = cx.w.journalists[cx.r.below(cx.w.journalists.len())].clone();
        let text = if cx.r.chance(0.5) {
            format!("(Reporting by {journalist} in {place}; Editing by {j2})")
        } else {
            format!("(Reporting by {journalist}; Additional reporting by {j2}; Editing by {j3})")
        };
        blocks.push(Block::Reporting(text));
    } else if late_byline && n_para >= 4 {
        let beat = cx.r.pick(BEATS);
        let based =
            cx.r.pick(&[place, COUNTRIES[main.country].capital, "London", "Brussels"]);
        let blurb = format!(
            "{journalist} is a {beat} correspondent based in {based}. {} has reported from more than {} countries and joined {} in {}.",
            journalist.split(' ').next().unwrap_or(""),
            cx.r.range(10, 40),
            outlet.0,
            cx.r.range(2005, 2020)
        );
        blocks.push(Block::AuthorBox(format!("By {journalist}"), blurb));
    }
    if !wire && cx.r.chance(0.35) {
        blocks.push(Block::References(headline.clone(), outlet.1.to_owned()));
    }
    if cx.r.chance(0.3) {
        blocks.push(Block::Share(cx.r.pick(SHARE)));
    }

    match format {
        Format::Text => render_text(out, &blocks, date_form, anchor),
        Format::Markdown => {
            let front = date_form != DateForm::Undated && cx.r.chance(0.7);
            render_markdown(out, &blocks, date_form, anchor, front, outlet);
        }
        Format::Html => {
            let hm = (cx.r.range(6, 22), cx.r.range(0, 59));
            render_html(
                out,
                &blocks,
                date_form == DateForm::Line,
                anchor,
                outlet,
                index,
                hm,
            );
        }
    }
    format
}

fn photo(cx: &mut Ctx, caption: String) -> Block {
    match cx.r.below(3) {
        0 => {
            let j = cx.w.journalists[cx.r.below(cx.w.journalists.len())].clone();
            Block::Caption(caption, Some(format!("Photo by {j}")))
        }
        1 => {
            let c = caption.trim_end_matches('.');
            Block::Caption(
                format!("{c}. {}", cx.r.pick(&["AFP", "Reuters", "AP"])),
                None,
            )
        }
        _ => Block::Caption(
            caption,
            Some(format!("Photo: {}", cx.r.pick(&["Reuters", "AFP", "EPA"]))),
        ),
    }
}

fn block_len(b: &Block) -> usize {
    match b {
        Block::Crumbs(c) => c.iter().map(|s| s.len() + 1).sum(),
        Block::Headline(s) | Block::Published(s) | Block::Byline(s) | Block::Para(s) => s.len() + 2,
        Block::Caption(a, b) => a.len() + b.as_ref().map_or(0, String::len) + 3,
        Block::Sub(s) | Block::Share(s) => s.len() + 2,
        Block::Ad => 40,
        Block::AuthorBox(a, b) | Block::References(a, b) => a.len() + b.len() + 20,
        Block::Reporting(s) => s.len() + 2,
    }
}

fn render_text(out: &mut String, blocks: &[Block], date_form: DateForm, anchor: Day) {
    if date_form == DateForm::Line {
        let _ = writeln!(out, "date {}\n", anchor.iso());
    }
    for b in blocks {
        match b {
            Block::Crumbs(c) => out.push_str(&c.join("\n")),
            Block::Headline(s)
            | Block::Published(s)
            | Block::Byline(s)
            | Block::Para(s)
            | Block::Reporting(s) => out.push_str(s),
            Block::Caption(c, credit) => {
                out.push_str(c);
                if let Some(credit) = credit {
                    out.push('\n');
                    out.push_str(credit);
                }
            }
            Block::Sub(s) | Block::Share(s) => out.push_str(s),
            Block::Ad => out.push_str("Advertisement · Scroll to continue"),
            Block::AuthorBox(by, blurb) => {
                let _ = write!(out, "{by}\n\n{blurb}");
            }
            Block::References(title, domain) => {
                let _ = write!(out, "Reference(s):\n{title}\n{domain}");
            }
        }
        out.push_str("\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
}

fn render_markdown(
    out: &mut String,
    blocks: &[Block],
    date_form: DateForm,
    anchor: Day,
    front: bool,
    outlet: (&str, &str),
) {
    let title = blocks.iter().find_map(|b| match b {
        Block::Headline(h) => Some(h.as_str()),
        _ => None,
    });
    if front {
        let _ = writeln!(
            out,
            "---\ntitle: \"{}\"\ndate: {}\nsource: {}\n---\n",
            title.unwrap_or("").replace('"', "'"),
            anchor.iso(),
            outlet.1
        );
    } else if date_form == DateForm::Line {
        let _ = writeln!(out, "date {}\n", anchor.iso());
    }
    for b in blocks {
        match b {
            Block::Crumbs(_) => continue,
            Block::Headline(s) => {
                let _ = write!(out, "# {s}");
            }
            Block::Published(s) if !front => out.push_str(s),
            Block::Published(_) => continue,
            Block::Byline(s) => {
                let _ = write!(out, "*{s}*");
            }
            Block::Para(s) | Block::Reporting(s) => out.push_str(s),
            Block::Caption(c, credit) => {
                let _ = write!(out, "![{}](photo.jpg)", c.replace(['[', ']'], ""));
                if let Some(credit) = credit {
                    let _ = write!(out, "\n\n{credit}");
                }
            }
            Block::Sub(s) => {
                let _ = write!(out, "## {s}");
            }
            Block::Share(s) => out.push_str(s),
            Block::Ad => out.push_str("Advertisement"),
            Block::AuthorBox(by, blurb) => {
                let _ = write!(out, "{by}\n\n{blurb}");
            }
            Block::References(title, domain) => {
                let _ = write!(out, "Reference(s):\n\n{title}\n\n{domain}");
            }
        }
        out.push_str("\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn render_html(
    out: &mut String,
    blocks: &[Block],
    dated: bool,
    anchor: Day,
    outlet: (&str, &str),
    index: usize,
    (h, m): (i32, i32),
) {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Headline(h) => Some(h.as_str()),
            _ => None,
        })
        .unwrap_or("");
    let t = esc(title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t} | {}</title>\n<meta property=\"og:title\" content=\"{t}\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:url\" content=\"https://www.{}/world/{index}\">\n",
        esc(outlet.0),
        esc(outlet.0),
        outlet.1
    );
    if dated {
        let _ = writeln!(
            out,
            "<meta property=\"article:published_time\" content=\"{}T{h:02}:{m:02}:00Z\">",
            anchor.iso()
        );
    }
    let _ = write!(
        out,
        "</head>\n<body>\n<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>\n<article>\n"
    );
    for b in blocks {
        match b {
            Block::Crumbs(_) | Block::Published(_) => {}
            Block::Headline(s) => {
                let _ = writeln!(out, "<h1>{}</h1>", esc(s));
            }
            Block::Byline(s) => {
                let _ = writeln!(out, "<p class=\"byline\">{}</p>", esc(s));
            }
            Block::Para(s) | Block::Reporting(s) => {
                let _ = writeln!(out, "<p>{}</p>", esc(s));
            }
            Block::Caption(c, credit) => {
                let credit = credit.as_deref().map(esc).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<figure><img src=\"/img/{index}.jpg\" alt=\"\"><figcaption>{} {credit}</figcaption></figure>",
                    esc(c)
                );
            }
            Block::Sub(s) => {
                let _ = writeln!(out, "<h2>{}</h2>", esc(s));
            }
            Block::Share(s) => {
                let _ = writeln!(out, "<div class=\"share\">{}</div>", esc(s));
            }
            Block::Ad => out.push_str("<div class=\"ad\">Advertisement</div>\n"),
            Block::AuthorBox(by, blurb) => {
                let _ = writeln!(
                    out,
                    "<p class=\"byline\">{}</p>\n<p class=\"author-bio\">{}</p>",
                    esc(by),
                    esc(blurb)
                );
            }
            Block::References(title, domain) => {
                let _ = writeln!(
                    out,
                    "<p>Reference(s):</p>\n<p>{}</p>\n<p>{domain}</p>",
                    esc(title)
                );
            }
        }
    }
    let (y, _, _) = anchor.ymd();
    let _ = write!(
        out,
        "</article>\n<footer><p>© {y} {}</p></footer>\n</body>\n</html>\n",
        esc(outlet.0)
    );
}
