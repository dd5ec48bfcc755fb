//! The command line: arguments, the non-interactive subcommands and their plain-text tables.

pub mod library;
pub mod output;
mod table;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::corpus::DateOrigin;
use crate::export::Export;
use crate::model::{Model, Sources};
use output::{OutputError, ReaderGone};
use table::Column;

/// Read a collection of news articles like an analyst: the articles, the people named in them
/// and a timeline of the events they report.
///
/// Without a command, dossier opens the interactive browser (press ? in it for the keys) on the
/// corpus opened last with --corpus, or the bundled one; when its output is not a terminal, it
/// prints the people and the timeline instead. The commands print the same model for scripts and
/// pipes, from --corpus or the bundled corpus. What the reader leaves behind (read marks, stars,
/// notes, the session) is kept in the library: see --library and --no-library.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Read articles from this file or folder (recursively: .txt, .md, .html, .htm) instead of
    /// the bundled corpus.
    #[arg(long, global = true, value_name = "PATH")]
    pub corpus: Option<PathBuf>,

    /// Add the events of this TOML file to the bundled event catalogue (same id: replaces).
    #[arg(long, global = true, value_name = "FILE")]
    pub events: Option<PathBuf>,

    /// Extend the bundled lexicons with the .txt files of this folder (one entry a line; a line
    /// starting with ! removes an entry).
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,

    /// Follow symbolic links that lead out of the --corpus folder too (links inside it are
    /// always followed).
    #[arg(long, global = true)]
    pub follow_links: bool,

    /// Keep the library (read marks, stars, notes, the last session, the folders opened) in this
    /// file instead of $XDG_DATA_HOME/dossier/library.db (~/.local/share/dossier/library.db).
    /// DOSSIER_LIBRARY does the same.
    #[arg(long, global = true, value_name = "FILE")]
    pub library: Option<PathBuf>,

    /// Use no library: read and write no file of it, remember nothing, and open the bundled
    /// corpus unless --corpus says otherwise.
    #[arg(long, global = true)]
    pub no_library: bool,

    /// Browser: do not capture the mouse (the terminal's own selection then works as usual).
    #[arg(long)]
    pub no_mouse: bool,

    /// Browser: no colours; the selection is shown in reverse video. NO_COLOR does the same.
    #[arg(long)]
    pub no_color: bool,

    /// Browser: draw borders and symbols with ASCII characters only.
    #[arg(long)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole model as JSON: articles, people, timeline and loading warnings.
    Export {
        /// Indent the JSON for reading.
        #[arg(long)]
        pretty: bool,
    },
    /// List the people: name, roles, and how many articles and mentions name them.
    People(TableArgs),
    /// List the events in date order, with their people and articles.
    Timeline(TableArgs),
    /// List the articles: date, title, source and people.
    Articles(TableArgs),
    /// List the notes left on the corpus's articles, people and events, with when each was
    /// written. Without --corpus, the corpus a bare `dossier` opens.
    Notes(TableArgs),
}

#[derive(Debug, Args)]
pub struct TableArgs {
    /// Fit the table in this many columns (0: no limit). Default: the terminal's width, or 80
    /// when the output is not a terminal.
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
}

/// Parse the arguments, run, and return the process status: 0 on success (a reader that stopped
/// reading included), 1 when the output cannot be written, 2 when the input cannot be used.
pub fn run() -> ExitCode {
    if output::stdout_closed_at_start() {
        let _ = output::message(
            "dossier: error: standard output is closed, so nothing can be written; \
             redirect it to a file or a pipe instead",
        );
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    let mut corpus = cli.corpus.clone();
    // A bare `dossier` reopens the corpus read last; `notes` lists what was left on it.
    let remember = cli.command.is_none();
    let browsing = remember && can_browse();
    let mut notices = Vec::new();
    if remember || matches!(cli.command, Some(Command::Notes(_))) {
        let choice = library::choose_corpus(&cli, remember);
        if browsing {
            notices = choice.notices;
        } else {
            for notice in &choice.notices {
                if output::message(&format!("dossier: warning: {notice}")).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
        }
        corpus = choice.corpus;
    }
    let sources = Sources {
        corpus,
        events: cli.events.clone(),
        lexicon: cli.lexicon.clone(),
        follow_links: cli.follow_links,
    };
    if browsing {
        return browse(sources, &cli, notices);
    }
    print(&sources, &cli).unwrap_or(ExitCode::SUCCESS)
}

/// The browser needs a terminal on both sides that can move its cursor: `TERM=dumb` (an editor's
/// shell buffer, a serial console) gets the tables.
fn can_browse() -> bool {
    io::stdout().is_terminal()
        && io::stdin().is_terminal()
        && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// The commands' output on stdout, the warnings on stderr.
fn print(sources: &Sources, cli: &Cli) -> Result<ExitCode, ReaderGone> {
    let model = match Model::load(sources) {
        Ok(model) => model,
        Err(err) => {
            output::message(&format!("dossier: error: {err}"))?;
            return Ok(ExitCode::from(2));
        }
    };
    for warning in &model.warnings {
        output::message(&format!("dossier: warning: {warning}"))?;
    }
    let text = match &cli.command {
        Some(Command::Export { pretty }) => {
            let scope = library::scope(sources.corpus.as_deref());
            let (annotations, warning) = library::annotations(cli, &scope);
            if let Some(warning) = warning {
                output::message(&format!("dossier: warning: {warning}"))?;
            }
            let export = Export::with_annotations(&model, &annotations);
            format!("{}\n", export.to_json(*pretty))
        }
        Some(Command::Notes(args)) => {
            let scope = library::scope(sources.corpus.as_deref());
            let (notes, warning) = library::notes(cli, &scope);
            if let Some(warning) = warning {
                output::message(&format!("dossier: warning: {warning}"))?;
            }
            notes_table(&model, &notes, table_width(args))
        }
        Some(Command::People(args)) => people_table(&model, table_width(args)),
        Some(Command::Timeline(args)) => timeline_table(&model, table_width(args)),
        Some(Command::Articles(args)) => articles_table(&model, table_width(args)),
        None => {
            let width = table_width(&TableArgs { width: None });
            format!(
                "{}\n{}",
                people_table(&model, width),
                timeline_table(&model, width)
            )
        }
    };
    match output::output(&text) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(OutputError::ReaderGone) => Err(ReaderGone),
        Err(OutputError::Failed(err)) => {
            output::message(&format!("dossier: error: cannot write output: {err}"))?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The browser: the window shows at once while the model is built on another thread; the
/// browser lists loading warnings itself (w).
fn browse(sources: Sources, cli: &Cli, mut notices: Vec<String>) -> ExitCode {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let options = crate::tui::app::Options {
        color: !(cli.no_color || no_color_env),
        ascii: cli.ascii,
        mouse: !cli.no_mouse,
    };
    let what = sources.corpus.as_ref().map_or_else(
        || "the bundled corpus".to_owned(),
        |p| crate::corpus::sanitize::display_path(p),
    );
    let scope = library::scope(sources.corpus.as_deref());
    let (annotations, recorder, warning) = library::open_memory(cli, &scope);
    notices.extend(warning);
    let memory = crate::tui::Memory {
        scope,
        annotations,
        recorder,
    };
    let progress = std::sync::Arc::new(crate::progress::Progress::default());
    let shared = std::sync::Arc::clone(&progress);
    // A connection of its own: the cache lives on the loading thread.
    let (mut cache, warning) = library::open_cache(cli);
    notices.extend(warning.filter(|w| !notices.contains(w)));
    let thread =
        std::thread::spawn(move || Model::load_cached(&sources, Some(&shared), cache.as_mut()));
    match crate::tui::run(
        crate::tui::Loading {
            thread,
            progress,
            what,
            notices,
        },
        options,
        memory,
    ) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            let _ = output::message(&format!("dossier: error: {err}"));
            ExitCode::from(2)
        }
        Err(err) => {
            let _ = output::message(&format!("dossier: error: the terminal failed: {err}"));
            ExitCode::FAILURE
        }
    }
}

fn table_width(args: &TableArgs) -> usize {
    args.width.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
        } else {
            80
        }
    })
}

fn people_table(model: &Model, width: usize) -> String {
    let columns = [
        Column::left("PERSON", 12, 28),
        Column::left("ROLES", 10, 60).yielding(1),
        Column::right("ARTICLES"),
        Column::right("MENTIONS"),
    ];
    let rows: Vec<Vec<String>> = model
        .people
        .iter()
        .map(|p| {
            vec![
                p.person.name.clone(),
                p.person
                    .roles
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
                p.articles.len().to_string(),
                p.person.mentions.len().to_string(),
            ]
        })
        .collect();
    table::render(&columns, &rows, width)
}

fn timeline_table(model: &Model, width: usize) -> String {
    let columns = [
        Column::left("DATE", 10, 10),
        Column::left("EVENT", 16, 70),
        Column::left("PEOPLE", 12, 40).yielding(1),
        Column::right("ARTICLES"),
    ];
    let rows: Vec<Vec<String>> = model
        .events
        .iter()
        .map(|e| {
            let people: Vec<&str> = e
                .people
                .iter()
                .map(|&p| model.people[p].person.name.as_str())
                .collect();
            vec![
                e.date.to_string(),
                e.title.clone(),
                people.join(", "),
                e.articles.len().to_string(),
            ]
        })
        .collect();
    table::render(&columns, &rows, width)
}

fn articles_table(model: &Model, width: usize) -> String {
    let columns = [
        Column::left("DATE", 11, 11),
        Column::left("TITLE", 16, 80),
        Column::left("SOURCE", 6, 20).yielding(1),
        Column::right("PEOPLE"),
        Column::left("FILE", 8, 40).yielding(2),
    ];
    let rows: Vec<Vec<String>> = model
        .articles
        .iter()
        .enumerate()
        .map(|(a, article)| {
            let date = article.date.map_or_else(
                || "-".to_owned(),
                |d| {
                    let marker = inference_marker(d.origin).map_or("", |(m, _)| m);
                    format!("{}{marker}", d.date)
                },
            );
            vec![
                date,
                article.title.clone(),
                article.source.clone().unwrap_or_else(|| "-".to_owned()),
                model.article_people[a].len().to_string(),
                article.file.clone(),
            ]
        })
        .collect();
    let mut out = table::render(&columns, &rows, width);
    // One footnote per way of inferring that the table shows, in a fixed order.
    for origin in [DateOrigin::Inferred, DateOrigin::InferredFromText] {
        if let Some((marker, meaning)) = inference_marker(origin)
            && model
                .articles
                .iter()
                .any(|a| a.date.is_some_and(|d| d.origin == origin))
        {
            out.push_str(&format!("{marker} {meaning}\n"));
        }
    }
    out
}

/// One row a note: what it is on, by title or name (its key when the corpus no longer has it),
/// the note's first line, and when it was written (UTC).
fn notes_table(model: &Model, notes: &[crate::store::NoteEntry], width: usize) -> String {
    use crate::annotations::Kind;
    let columns = [
        Column::left("KIND", 7, 7),
        Column::left("ON", 16, 50).yielding(1),
        Column::left("NOTE", 16, 80).yielding(2),
        Column::left("WRITTEN (UTC)", 16, 16),
    ];
    let rows: Vec<Vec<String>> = notes
        .iter()
        .map(|note| {
            let key = note.target.key.as_str();
            let name = match note.target.kind {
                Kind::Article => model
                    .articles
                    .iter()
                    .find(|a| a.file == key)
                    .map(|a| a.title.clone()),
                Kind::Person => model
                    .people
                    .iter()
                    .find(|p| p.id == key)
                    .map(|p| p.person.name.clone()),
                Kind::Event => model
                    .events
                    .iter()
                    .find(|e| e.id == key)
                    .map(|e| e.title.clone()),
            };
            let first_line = note
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            vec![
                note.target.kind.as_str().to_owned(),
                name.unwrap_or_else(|| {
                    let key = crate::corpus::sanitize::visible_line(key);
                    format!("{key} (not in this corpus)")
                }),
                crate::corpus::sanitize::visible_line(first_line.trim()),
                written(note.written_at),
            ]
        })
        .collect();
    table::render(&columns, &rows, width)
}

fn written(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map_or_else(
        |_| "-".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M").to_string(),
    )
}

/// The mark of a date the article did not give, and its footnote: a reader weighs a date taken
/// from a catalogue event apart from one taken from the latest date the text writes.
fn inference_marker(origin: DateOrigin) -> Option<(&'static str, &'static str)> {
    match origin {
        DateOrigin::Inferred => Some(("*", "date inferred from the events the article reports")),
        DateOrigin::InferredFromText => Some((
            "~",
            "date inferred from the latest full date the article's text gives",
        )),
        _ => None,
    }
}
