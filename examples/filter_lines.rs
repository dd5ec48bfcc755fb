//! The browser's filter over the lines of a file, timed: to compare with `fzf --filter` on the
//! same lines (see BENCHMARKS.md).
//!
//!     cargo run --release --example filter_lines -- LINES.txt QUERY...
//!
//! For each query it filters every line from scratch, as `fzf --filter` does, in the way a
//! list of the browser does (fields in search form, scored on every core, best first), and
//! prints the median time of 21 runs and the number of matches as one JSON object a line.
//! Reading the file and preparing the search forms are not timed: the browser does them once.

use std::time::{Duration, Instant};

use dossier::filter::{Marks, Matcher, Query, search_form};
use rayon::prelude::*;

const RUNS: usize = 21;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        anyhow::bail!("usage: filter_lines LINES.txt QUERY...");
    };
    let text = std::fs::read_to_string(&path)?;
    let forms: Vec<[String; 1]> = text.lines().map(|l| [search_form(l)]).collect();
    let matcher = Matcher::default();
    for input in args {
        let query = Query::parse(&input);
        let mut times = Vec::with_capacity(RUNS);
        let mut matches = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let mut scored: Vec<(usize, i64)> = (0..forms.len())
                .into_par_iter()
                .filter_map(|i| {
                    matcher
                        .score(&query, &forms[i], Marks::default())
                        .map(|s| (i, s))
                })
                .collect();
            scored.par_sort_by_key(|&(i, score)| (std::cmp::Reverse(score), i));
            times.push(start.elapsed());
            matches = scored.len();
        }
        times.sort();
        let median: Duration = times[RUNS / 2];
        println!(
            "{{\"query\": {input:?}, \"lines\": {}, \"matches\": {matches}, \"median_ms\": {:.3}}}",
            forms.len(),
            median.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
