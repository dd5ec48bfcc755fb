//! Cold and warm loads of a corpus through the extraction cache, with a file-backed cache of
//! its own (the library's SQLite store is not needed to measure what the cache saves). See
//! BENCHMARKS.md.
//!
//!     cargo run --release --example warm_start -- --corpus /tmp/c10k --cache /tmp/c10k.cache
//!
//! Prints one line per measurement. `--only warm` does a single warm load and reports the
//! process's peak memory, so that the cold load before it does not count.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use dossier::cache::{ArticleCache, CacheKey};
use dossier::corpus::{self, Listed, LoadOptions};
use dossier::export::Export;
use dossier::lexicon::Lexicon;
use dossier::model::keys::Fingerprint;
use dossier::model::{Model, Sources};

#[derive(Parser)]
struct Args {
    /// The corpus folder
    #[arg(long)]
    corpus: PathBuf,
    /// The cache file (written anew by the cold load)
    #[arg(long)]
    cache: PathBuf,
    /// Warm loads to time
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// `warm`: one warm load on the cache as it is, with this process's peak memory; `read`:
    /// only the reading of the files, `--runs` times
    #[arg(long)]
    only: Option<String>,
}

/// Every value in one file, as [key][length, 4 bytes LE][value] records, appended to by
/// `put_many`. Opening reads only the records' heads; `get_many` reads each value from the file
/// into a buffer of its own, as a store on disk does.
struct FileCache {
    path: PathBuf,
    file: Option<File>,
    /// Where each value is in the file, and its length.
    index: HashMap<CacheKey, (u64, usize)>,
}

impl FileCache {
    fn open(path: &Path) -> Result<Self> {
        let mut index = HashMap::new();
        let file = match File::open(path) {
            Ok(file) => Some(file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        if let Some(file) = &file {
            let size = file.metadata()?.len();
            let mut at = 0;
            let mut head = [0; 36];
            while at + 36 <= size {
                file.read_exact_at(&mut head, at)?;
                let key: CacheKey = head[..32].try_into()?;
                let len = u32::from_le_bytes(head[32..].try_into()?) as usize;
                if at + 36 + len as u64 > size {
                    bail!("{} ends inside a value", path.display());
                }
                index.insert(key, (at + 36, len));
                at += 36 + len as u64;
            }
        }
        Ok(Self {
            path: path.to_owned(),
            file,
            index,
        })
    }

    fn bytes_on_disk(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }
}

impl ArticleCache for FileCache {
    fn get_many(&mut self, keys: &[CacheKey]) -> Vec<Option<Vec<u8>>> {
        keys.iter()
            .map(|key| {
                let &(at, len) = self.index.get(key)?;
                let mut value = vec![0; len];
                self.file.as_ref()?.read_exact_at(&mut value, at).ok()?;
                Some(value)
            })
            .collect()
    }

    fn put_many(&mut self, entries: &[(CacheKey, Vec<u8>)]) -> Result<(), String> {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| e.to_string())?;
        let mut at = file.metadata().map_err(|e| e.to_string())?.len();
        let mut out = Vec::new();
        for (key, value) in entries {
            out.extend_from_slice(key);
            out.extend_from_slice(&(value.len() as u32).to_le_bytes());
            out.extend_from_slice(value);
            self.index.insert(*key, (at + 36, value.len()));
            at += 36 + value.len() as u64;
        }
        file.write_all(&out).map_err(|e| e.to_string())?;
        self.file = Some(File::open(&self.path).map_err(|e| e.to_string())?);
        Ok(())
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn median(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2], times[times.len() - 1])
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn corpus_bytes(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn warm_load(sources: &Sources, cache: &Path) -> Result<(Model, Duration)> {
    let (model, took) = timed(|| -> Result<Model> {
        let mut cache = FileCache::open(cache)?;
        Ok(Model::load_cached(sources, None, &mut cache)?)
    });
    Ok((model?, took))
}

/// As the binary does (src/main.rs): one allocator arena per core.
fn limit_allocator_arenas() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
    // SAFETY: called first thing in main, before any other thread exists or allocates.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

fn main() -> Result<()> {
    limit_allocator_arenas();
    let args = Args::parse();
    let sources = Sources {
        corpus: Some(args.corpus.clone()),
        ..Sources::default()
    };
    if args.only.as_deref() == Some("read") {
        let mut times = Vec::new();
        for _ in 0..args.runs {
            let (_, took) = timed(|| corpus::list_path(&args.corpus, None, LoadOptions::default()));
            times.push(took);
        }
        let (low, mid, high) = median(times);
        println!(
            "reading the files: {} median of {} ({}-{})",
            seconds(mid),
            args.runs,
            seconds(low),
            seconds(high)
        );
        return Ok(());
    }
    if args.only.as_deref() == Some("warm") {
        let (model, took) = warm_load(&sources, &args.cache)?;
        println!(
            "warm load: {} ({} articles), peak memory {}",
            seconds(took),
            model.articles.len(),
            peak_memory()
        );
        return Ok(());
    }

    let (plain, took) = timed(|| Model::load(&sources));
    let plain = plain?;
    println!(
        "no cache: {} ({} articles)",
        seconds(took),
        plain.articles.len()
    );
    let expected = Export::new(&plain).to_json(false);
    drop(plain);

    if args.cache.exists() {
        std::fs::remove_file(&args.cache).context("removing the old cache file")?;
    }
    let (cold, took) = timed(|| -> Result<(Model, u64)> {
        let mut cache = FileCache::open(&args.cache)?;
        let model = Model::load_cached(&sources, None, &mut cache)?;
        Ok((model, cache.bytes_on_disk()))
    });
    let (cold, cache_bytes) = cold?;
    let on_disk = corpus_bytes(&args.corpus);
    println!(
        "cold, empty cache: {}; cache file {:.1} MB for a corpus of {:.1} MB ({:.2}x)",
        seconds(took),
        cache_bytes as f64 / 1e6,
        on_disk as f64 / 1e6,
        cache_bytes as f64 / on_disk as f64
    );
    if Export::new(&cold).to_json(false) != expected {
        bail!("the cold export differs from the export without a cache");
    }
    drop(cold);

    let mut times = Vec::new();
    for run in 0..args.runs {
        let (warm, took) = warm_load(&sources, &args.cache)?;
        if run == 0 && Export::new(&warm).to_json(false) != expected {
            bail!("the warm export differs from the cold one");
        }
        times.push(took);
    }
    let (low, mid, high) = median(times);
    println!(
        "warm, nothing changed: {} median of {} ({}-{})",
        seconds(mid),
        args.runs,
        seconds(low),
        seconds(high)
    );

    // What the warm load spends its time on, stage by stage.
    let (listing, took) = timed(|| {
        corpus::list_path(&args.corpus, None, LoadOptions::default()).map_err(anyhow::Error::from)
    });
    let listing = listing?;
    println!("  of which reading the files: {}", seconds(took));
    let (_, took) = timed(|| {
        use rayon::prelude::*;
        let fingerprint =
            Fingerprint::new(Lexicon::builtin(), &dossier::timeline::catalogue::bundled());
        listing
            .par_iter()
            .filter_map(|item| match item {
                Listed::File(file) => Some(fingerprint.article_key(file)),
                Listed::Warning(_) => None,
            })
            .collect::<Vec<_>>()
    });
    println!(
        "  of which the fingerprint and the files' keys: {}",
        seconds(took)
    );
    let (cache, took) = timed(|| -> Result<usize> {
        let mut cache = FileCache::open(&args.cache)?;
        let keys: Vec<CacheKey> = cache.index.keys().copied().collect();
        Ok(cache.get_many(&keys).len())
    });
    println!(
        "  of which reading every value from the cache file ({} values): {}",
        cache?,
        seconds(took)
    );

    // One article edited: it and the corpus-wide stages miss.
    let edited = listing
        .iter()
        .find_map(|item| match item {
            Listed::File(f) if f.name.ends_with(".txt") => Some(args.corpus.join(&f.name)),
            _ => None,
        })
        .context("no .txt article to edit")?;
    let original = std::fs::read(&edited)?;
    let mut changed = original.clone();
    changed.extend_from_slice(b"\n\nThe harbour master said the quay would reopen in May.\n");
    std::fs::write(&edited, &changed)?;
    let result = warm_load(&sources, &args.cache);
    std::fs::write(&edited, &original)?;
    let (_, took) = result?;
    println!(
        "one article edited (it and the corpus-wide stages extracted again): {}",
        seconds(took)
    );
    Ok(())
}
