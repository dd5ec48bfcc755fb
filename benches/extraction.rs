//! Extraction throughput: load, clean, people, dates and timeline, from files on disk, on one
//! core and on all of them. See BENCHMARKS.md.
//!
//!     cargo bench --bench extraction
//!
//! The corpus is generated in-process by the same code as `examples/gen_corpus.rs` (seed 1),
//! into a temporary folder; its files are in the page cache when measured, as they are when a
//! user opens a corpus twice. DOSSIER_BENCH_ARTICLES sets its size (default 500).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::model::{Model, Sources};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn corpus(articles: usize) -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let args = gen_corpus::Args {
        articles,
        out: dir.path().to_owned(),
        seed: 1,
        people: None,
        force: false,
        truth: None,
    };
    gen_corpus::run(&args).expect("corpus generated");
    let bytes = total_bytes(dir.path());
    (dir, bytes)
}

fn total_bytes(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn load(path: PathBuf) -> Model {
    Model::load(&Sources {
        corpus: Some(path),
        events: None,
        lexicon: None,
        ..Default::default()
    })
    .expect("corpus loads")
}

fn extraction(c: &mut Criterion) {
    let articles = std::env::var("DOSSIER_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let (dir, bytes) = corpus(articles);
    let mut group = c.benchmark_group(format!("extraction/{articles}-articles"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        group.bench_function(format!("{threads}-thread"), |b| {
            b.iter(|| pool.install(|| black_box(load(dir.path().to_owned()))));
        });
        if cores == 1 {
            break;
        }
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
