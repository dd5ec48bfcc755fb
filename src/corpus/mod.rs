//! Loading articles, decoding and sanitising them, dropping the page around them, and reading
//! their title, source and date. The first stage: everything later points into `Article::text`.

mod charset;
mod clean;
mod html;
mod html_limits;
mod html_source;
mod load;
mod markdown;
pub mod offsets;
mod origin;
pub mod sanitize;
mod segment;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Cleaning on its own, for property tests and fuzzing: [`Corpus`] applies it to every article.
pub use clean::{Block, Cleaned, HeaderDate, Removal, RemovedLine, clean};
pub use load::{
    Listed, LoadOptions, MAX_ARTICLE_BYTES, MEGABYTE, RawFile, ReadProblem, describe_io_error,
    list_bundled, list_path, list_path_released, megabytes, read_regular_file,
};
pub use origin::{Origin, RawTextError};

use crate::lexicon::Lexicon;
use crate::progress::{self, Progress, Stage};
use crate::text::{Span, shorten};

/// How an article file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format of an article file, by extension; `None` for files that are not articles.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            _ => None,
        }
    }
}

/// What a page's markup says about it (HTML meta tags, Markdown front matter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaHints {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// An article file as read: its name, and its text converted and sanitised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub file: String,
    pub format: Format,
    pub text: String,
    pub hints: MetaHints,
    pub origin: Origin,
    /// Where each byte of `text` is in the file, where that is known (see `load::Conversion`).
    pub file_map: Option<offsets::OffsetMap>,
}

/// A file that was skipped or repaired while loading, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadWarning {
    pub file: String,
    pub message: String,
}

/// File names longer than this are shown by their head and tail in warnings ("d/d/…/d/x.txt").
const LONGEST_WARNING_NAME: usize = 160;

impl LoadWarning {
    pub fn new(file: String, message: String) -> Self {
        Self {
            file: shorten_middle(&file, LONGEST_WARNING_NAME),
            message,
        }
    }
}

/// `text` if it has at most `max` characters, else its first and last characters around "…".
fn shorten_middle(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let head = max / 3;
    let tail = max - head - 1;
    let mut out: String = text.chars().take(head).collect();
    out.push('…');
    out.extend(text.chars().skip(count - tail));
    out
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Nothing could be loaded from the path the user gave.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(
        "cannot open corpus {}: {}",
        sanitize::display_path(path),
        describe_io_error(source)
    )]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "no articles in {} (looked for .txt, .md, .html and .htm files{})",
        sanitize::display_path(path),
        skipped_note(warnings)
    )]
    NoArticles {
        path: PathBuf,
        warnings: Vec<LoadWarning>,
    },
}

/// The first few warnings of a load that found nothing, so that the error says why.
fn skipped_note(warnings: &[LoadWarning]) -> String {
    const SHOWN: usize = 3;
    if warnings.is_empty() {
        return String::new();
    }
    let listed: Vec<String> = warnings.iter().take(SHOWN).map(|w| w.to_string()).collect();
    let more = match warnings.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    format!("; {} skipped: {}{more}", warnings.len(), listed.join("; "))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline, first in the text and also the article's title.
    Title,
    Body,
    Heading,
    ListItem,
}

/// Where an article's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleOrigin {
    Metadata,
    Headline,
    Reference,
    Lede,
    FileName,
}

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    Metadata,
    DateLine,
    Dateline,
    /// A field of the byline: "By A Writer · 3 March 2025".
    Byline,
    /// A complete date in another line of the header, such as a kicker.
    Header,
    /// Not in the article: taken from the events it reports.
    Inferred,
    /// Not in the article: the latest complete date its text writes.
    InferredFromText,
}

impl DateOrigin {
    /// The article did not say its date: it was worked out from what the article reports.
    pub fn is_inferred(self) -> bool {
        matches!(self, Self::Inferred | Self::InferredFromText)
    }
}

/// What the offsets of [`Located`] point into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffsetBasis {
    /// The file as stored, byte for byte; for a file not in UTF-8, its text decoded to UTF-8.
    #[default]
    File,
    /// The text extracted from an HTML page, as the reader's raw view shows it: for a page whose
    /// text could not all be found again in its markup.
    ExtractedText,
}

/// Where the cleaned text stood in the article's file, and the date expressions cleaning took
/// out of it (date lines, bylines, copyright years), located the same way.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Located {
    /// Offsets in [`Article::text`] to offsets in the file (or what `basis` says).
    pub map: offsets::OffsetMap,
    pub basis: OffsetBasis,
    pub header_dates: Vec<HeaderDate>,
}

impl Located {
    /// Where the bytes `span` of the cleaned text stand in the file.
    pub fn span(&self, span: Span) -> (usize, usize) {
        self.map.map_range(span.start(), span.end())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    #[serde(with = "crate::calendar::serde_date")]
    pub date: Date,
    pub origin: DateOrigin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// 32 bits, as in [`Span`]: every sentence of every article is held.
    paragraph: u32,
}

impl Sentence {
    pub fn new(span: Span, paragraph: usize) -> Self {
        Self {
            span,
            paragraph: u32::try_from(paragraph).unwrap_or(u32::MAX),
        }
    }

    /// The index of its paragraph in [`Article::paragraphs`].
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }
}

/// One article: its raw and cleaned text, its metadata, and its paragraphs and sentences as
/// byte ranges of `text`.
///
/// Its serde form is what the extraction cache keeps of it: what its bytes alone decide. Its id,
/// file name and origin are the corpus's (the same bytes may be two files) and are left out.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub file: String,
    pub format: Format,
    /// Where the file's text can be read again, for the reader's raw view
    /// ([`Article::raw_text`]).
    #[serde(skip, default = "Origin::unknown")]
    pub origin: Origin,
    pub text: String,
    pub title: String,
    pub title_origin: TitleOrigin,
    pub source: Option<String>,
    pub byline: Option<String>,
    pub date: Option<ArticleDate>,
    /// The year of the page's copyright line: at most a year anchor for an undated article,
    /// never its date.
    pub copyright_year: Option<i16>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// Why each line dropped by cleaning was dropped, in order (the lines are in the raw text).
    pub removed: Vec<Removal>,
    /// Where the text stood in the file.
    pub located: Located,
}

impl Article {
    pub fn sentence_text(&self, index: usize) -> &str {
        self.sentences
            .get(index)
            .map_or("", |s| s.span.slice(&self.text))
    }

    pub fn paragraph_kind(&self, sentence: usize) -> BlockKind {
        self.sentences
            .get(sentence)
            .and_then(|s| self.paragraphs.get(s.paragraph()))
            .map_or(BlockKind::Body, |p| p.kind)
    }
}

/// One file made into an article on its own, before a corpus gives it its id: everything here
/// depends only on the file's bytes, format and the lexicon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Prepared {
    /// Not an article (empty, binary, no text): the warning's message.
    Skipped(String),
    /// Decoding it failed (an internal error): the warning's message.
    DecodingFailed(String),
    /// Decoded with these warnings, but cleaning it failed (an internal error): it still
    /// takes an id, as an article that was read.
    CleaningFailed {
        warnings: Vec<String>,
        failure: String,
    },
    /// The article (its id left empty, its title its file name's if it has no other), and the
    /// warnings about what had to be repaired.
    Built {
        warnings: Vec<String>,
        article: Box<Article>,
    },
}

impl Prepared {
    /// Did dossier fail on it? Such a result is not worth keeping: a later version may not.
    pub fn failed(&self) -> bool {
        matches!(self, Self::DecodingFailed(_) | Self::CleaningFailed { .. })
    }
}

/// Decode, convert, sanitise and clean one file, each step isolated: a panic costs this file.
pub fn prepare(file: RawFile, lexicon: &Lexicon) -> Prepared {
    let RawFile {
        name,
        bytes,
        format,
        origin,
        ..
    } = file;
    let converted = match crate::isolate::isolated(|| load::convert(&name, &bytes, format)) {
        Ok(Ok(converted)) => converted,
        Ok(Err(skipped)) => return Prepared::Skipped(skipped.message),
        Err(panic) => return Prepared::DecodingFailed(skipped_after(&panic)),
    };
    drop(bytes);
    let load::Conversion {
        text,
        hints,
        warnings,
        map,
    } = converted;
    let warnings: Vec<String> = warnings.into_iter().map(|w| w.message).collect();
    let source = SourceFile {
        file: name,
        format,
        text,
        hints,
        origin,
        file_map: map,
    };
    match crate::isolate::isolated(|| build_article(String::new(), source, lexicon)) {
        Ok(article) => Prepared::Built {
            warnings,
            article: Box::new(article),
        },
        Err(panic) => Prepared::CleaningFailed {
            warnings,
            failure: skipped_after(&panic),
        },
    }
}

/// The loaded articles and what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
}

impl Corpus {
    /// The articles compiled into the binary.
    pub fn bundled(lexicon: &Lexicon) -> Self {
        Self::build(load::bundled(), lexicon, None)
    }

    /// The articles of one file or of a folder tree.
    pub fn from_path(path: &Path, lexicon: &Lexicon) -> Result<Self, CorpusError> {
        Self::from_path_with(path, lexicon, None, LoadOptions::default())
    }

    /// [`from_path`](Self::from_path), counting files read and articles cleaned in `progress`.
    pub fn from_path_with(
        path: &Path,
        lexicon: &Lexicon,
        progress: Option<&Progress>,
        options: LoadOptions,
    ) -> Result<Self, CorpusError> {
        Ok(Self::build(
            load::from_path(path, progress, options)?,
            lexicon,
            progress,
        ))
    }

    /// Articles from files already in memory, as (file name, text) pairs.
    pub fn from_texts<'a>(
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
        lexicon: &Lexicon,
    ) -> Self {
        let mut loaded = load::Loaded::default();
        for (name, text) in texts {
            let format = Format::from_path(Path::new(name)).unwrap_or(Format::Text);
            let origin = Origin::Memory(text.as_bytes().into());
            loaded.add(name.to_owned(), text.as_bytes(), format, origin);
        }
        Self::build(loaded, lexicon, None)
    }

    fn build(loaded: load::Loaded, lexicon: &Lexicon, progress: Option<&Progress>) -> Self {
        let mut ids = crate::text::UniqueIds::new();
        let named: Vec<(String, SourceFile)> = loaded
            .files
            .into_iter()
            .map(|file| (unique_id(&file.file, &mut ids), file))
            .collect();
        progress::start(progress, Stage::Cleaning, named.len());
        let (articles, failed) =
            build_each(named, progress, |id, file| build_article(id, file, lexicon));
        let mut warnings = loaded.warnings;
        warnings.extend(failed);
        Self { articles, warnings }
    }
}

/// Builds every article with `build`, independently of each other and on every core; an
/// article whose building panics is left out with a warning naming it.
fn build_each(
    named: Vec<(String, SourceFile)>,
    progress: Option<&Progress>,
    build: impl Fn(String, SourceFile) -> Article + Sync,
) -> (Vec<Article>, Vec<LoadWarning>) {
    use rayon::prelude::*;
    let built: Vec<Result<Article, LoadWarning>> = named
        .into_par_iter()
        .map(|(id, file)| {
            let name = file.file.clone();
            let article = crate::isolate::isolated(|| build(id, file))
                .map_err(|panic| LoadWarning::new(name, skipped_after(&panic)));
            progress::step(progress);
            article
        })
        .collect();
    let mut articles = Vec::with_capacity(built.len());
    let mut warnings = Vec::new();
    for article in built {
        match article {
            Ok(article) => articles.push(article),
            Err(warning) => warnings.push(warning),
        }
    }
    (articles, warnings)
}

/// The warning for an article whose processing panicked.
fn skipped_after(panic: &str) -> String {
    format!("skipped: dossier failed on this article (an internal error: {panic})")
}

/// The id of the article of file `file`: a slug of its name, unique among `ids`.
pub fn unique_id(file: &str, ids: &mut crate::text::UniqueIds) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let base = match crate::text::slug(stem) {
        s if s.is_empty() => "article".to_owned(),
        s => s,
    };
    ids.assign(base)
}

fn build_article(id: String, file: SourceFile, lexicon: &Lexicon) -> Article {
    let mut cleaned = clean::clean(&file.text, lexicon);
    // Articles live as long as the program: what they hold should take no more than it needs.
    cleaned.text.shrink_to_fit();
    let located = locate(&mut cleaned, file.file_map.as_ref());
    let paragraphs: Vec<Paragraph> = cleaned
        .blocks
        .iter()
        .map(|b| Paragraph {
            span: b.span,
            kind: b.kind,
        })
        .collect();
    let mut sentences: Vec<Sentence> = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            segment::sentences(
                &cleaned.text,
                p.span,
                &lexicon.abbreviations,
                &lexicon.non_name_capitals,
            )
            .into_iter()
            .map(move |span| Sentence::new(span, i))
        })
        .collect();
    sentences.shrink_to_fit();

    let lede = sentences
        .iter()
        .find(|s| paragraphs[s.paragraph()].kind == BlockKind::Body)
        .map(|s| s.span.slice(&cleaned.text));
    let (title, title_origin) = if let Some(t) = file.hints.title.clone() {
        (t, TitleOrigin::Metadata)
    } else if let Some(t) = cleaned.headline.clone() {
        (t, TitleOrigin::Headline)
    } else if let Some(t) = cleaned.reference_title.clone() {
        (t, TitleOrigin::Reference)
    } else if let Some(lede) = lede {
        (
            shorten(lede.trim_end_matches(['.', '!', '?']), 14),
            TitleOrigin::Lede,
        )
    } else {
        (file.file.clone(), TitleOrigin::FileName)
    };

    let source = file
        .hints
        .source
        .clone()
        .or_else(|| cleaned.source.clone())
        .or_else(|| cleaned.byline.clone())
        .or_else(|| domain_in_text(&cleaned.text));

    // What the article prints of its date outranks the page's metadata, which a site may fill
    // with the time of its last re-crawl.
    let date = cleaned
        .date
        .map(|(date, origin)| ArticleDate { date, origin })
        .or_else(|| {
            file.hints
                .date
                .as_deref()
                .and_then(crate::calendar::parse_full_date)
                .map(|date| ArticleDate {
                    date,
                    origin: DateOrigin::Metadata,
                })
        })
        .or_else(|| {
            cleaned.header_date.map(|date| ArticleDate {
                date,
                origin: DateOrigin::Header,
            })
        });

    Article {
        id,
        file: file.file,
        format: file.format,
        origin: file.origin,
        text: cleaned.text,
        title,
        title_origin,
        source,
        byline: cleaned.byline,
        date,
        copyright_year: cleaned.copyright_year,
        paragraphs,
        sentences,
        removed: cleaned.removed.iter().map(|r| r.why).collect(),
        located,
    }
}

/// The cleaned text's map into the file, through the converted text's own map where it has
/// one, and the expressions cleaning took out, located the same way.
fn locate(cleaned: &mut Cleaned, file_map: Option<&offsets::OffsetMap>) -> Located {
    let map = std::mem::take(&mut cleaned.map);
    let mut header_dates = std::mem::take(&mut cleaned.header_dates);
    let Some(file_map) = file_map else {
        return Located {
            map,
            basis: OffsetBasis::ExtractedText,
            header_dates,
        };
    };
    for date in &mut header_dates {
        let (start, end) = file_map.map_range(date.span.start(), date.span.end());
        date.span = Span::new(start, end);
    }
    Located {
        map: map.then(file_map),
        basis: OffsetBasis::File,
        header_dates,
    }
}

/// The first web domain named in the text ("Oilprice.com").
fn domain_in_text(text: &str) -> Option<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | ',' | '"' | '\u{201C}' | '\u{201D}')
    })
    .map(|w| w.trim_end_matches(['.', ':', ';', '!', '?', '\'', '\u{2019}']))
    .map(|w| {
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w)
    })
    .find(|w| {
        let mut parts = w.split('.');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let Some(tld) = rest.last() else { return false };
        first.len() >= 2
            && first.chars().all(|c| c.is_alphanumeric() || c == '-')
            && (2..=6).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
            && rest.iter().all(|p| !p.is_empty())
    })
    .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_building_skips_only_that_article() {
        let lexicon = Lexicon::builtin();
        let named: Vec<(String, SourceFile)> = ["one.txt", "two.txt", "three.txt"]
            .into_iter()
            .map(|name| {
                let text = format!("The ferry from {name} sailed at dawn on Friday.");
                let file = SourceFile {
                    file: name.to_owned(),
                    format: Format::Text,
                    origin: Origin::Memory(text.as_bytes().into()),
                    text,
                    hints: MetaHints::default(),
                    file_map: None,
                };
                (name.replace(".txt", ""), file)
            })
            .collect();
        let (articles, warnings) = build_each(named, None, |id, file| {
            assert_ne!(
                file.file, "two.txt",
                "a bug that only this article triggers"
            );
            build_article(id, file, lexicon)
        });
        let files: Vec<&str> = articles.iter().map(|a| a.file.as_str()).collect();
        assert_eq!(files, ["one.txt", "three.txt"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].file, "two.txt");
        assert!(
            warnings[0]
                .message
                .contains("a bug that only this article triggers")
        );
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut taken = crate::text::UniqueIds::new();
        assert_eq!(
            unique_id("news/Story One.txt", &mut taken),
            "news-story-one"
        );
        assert_eq!(
            unique_id("news/story-one.md", &mut taken),
            "news-story-one-2"
        );
        assert_eq!(unique_id("...", &mut taken), "article");
        assert_eq!(unique_id("Новости.txt", &mut taken), "novosti");
    }

    #[test]
    fn finds_domains_but_not_abbreviations() {
        assert_eq!(
            domain_in_text("See the U.S. report from Example.com today."),
            Some("example.com".into())
        );
        assert_eq!(domain_in_text("The U.S. and the U.K. e.g. said so."), None);
    }

    #[test]
    fn title_falls_back_to_the_lede() {
        let lexicon = Lexicon::builtin();
        let corpus = Corpus::from_texts(
            [(
                "a.txt",
                "The ministers of both countries met in the capital on Tuesday to discuss a long list of disputes, officials said.",
            )],
            lexicon,
        );
        let article = &corpus.articles[0];
        assert_eq!(article.title_origin, TitleOrigin::Lede);
        assert_eq!(
            article.title,
            "The ministers of both countries met in the capital on Tuesday to discuss…"
        );
    }
}
