//! Show how the people extractor reads every run of words that contains a string.
//!
//!     cargo run --example explain -- ../shared/eval/conll-dev/articles "Dean Jones"

use dossier::corpus::Corpus;
use dossier::extract::people::explain;
use dossier::lexicon::Lexicon;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(needle)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: explain CORPUS_PATH TEXT");
    };
    let lexicon = Lexicon::bundled();
    let corpus = Corpus::from_path(std::path::Path::new(&path), &lexicon)?;
    for article in &corpus.articles {
        for line in explain(article, &lexicon, &needle) {
            println!("{}: {line}", article.file);
        }
    }
    Ok(())
}
