//! The event catalogue: known events that articles are linked to by cues, places, people and
//! dates. The bundled `assets/events.toml` is extended by the user's `--events FILE`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::calendar::PartialDate;
use crate::corpus::sanitize::{display_path, sanitize_line};

/// No catalogue of real events is this large; reading a larger file would only cost memory.
const MAX_CATALOGUE_BYTES: u64 = 16 * crate::corpus::MEGABYTE;

const BUNDLED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/events.toml"));

/// One known event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEvent {
    pub id: String,
    pub date: PartialDate,
    pub title: String,
    /// Where it happened, most specific first ("Oval Office, White House, Washington").
    pub place: Option<String>,
    pub participants: Vec<String>,
    /// Phrases that identify the event on their own; all their words must appear in a sentence.
    pub cues: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    #[serde(default)]
    event: Vec<EventEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    id: Spanned<String>,
    date: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    cues: Vec<String>,
}

/// An event catalogue that cannot be used. Nothing of a broken file is loaded.
///
/// Every text quoted from the file is sanitised: an error message is printed too.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error(
        "cannot read event catalogue {}: {}",
        display_path(file),
        crate::corpus::describe_io_error(source)
    )]
    Unreadable {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", display_path(file))]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}:{column}: event '{event}': {problem}", display_path(file))]
    Invalid {
        file: PathBuf,
        line: usize,
        column: usize,
        event: String,
        problem: String,
    },
}

/// The bundled catalogue.
pub fn bundled() -> Vec<CatalogueEvent> {
    // The bundled file is part of the build and checked by tests; an error here is a bug.
    parse(BUNDLED, Path::new("assets/events.toml")).unwrap_or_default()
}

/// The bundled catalogue extended by a user's file; an event with the id of a bundled one
/// replaces it.
pub fn with_user_file(path: &Path) -> Result<Vec<CatalogueEvent>, CatalogueError> {
    let unreadable = |source: std::io::Error| CatalogueError::Unreadable {
        file: path.to_owned(),
        source,
    };
    let bytes = crate::corpus::read_regular_file(path, MAX_CATALOGUE_BYTES)
        .map_err(|problem| unreadable(problem.into()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        unreadable(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not valid UTF-8 (TOML files are UTF-8)",
        ))
    })?;
    let user = parse(&text, path)?;
    let mut events = bundled();
    // Where each id is, so that a large file costs one look-up per event, not a scan.
    let mut position: HashMap<String, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    for event in user {
        match position.get(&event.id) {
            Some(&i) => events[i] = event,
            None => {
                position.insert(event.id.clone(), events.len());
                events.push(event);
            }
        }
    }
    Ok(events)
}

/// Parse and check a catalogue; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Vec<CatalogueEvent>, CatalogueError> {
    let parsed: CatalogueFile = toml::from_str(text).map_err(|err| {
        let span = err.span();
        let (line, column) = span
            .clone()
            .map_or((1, 1), |span| line_column(text, span.start));
        let quoted = span.and_then(|span| text.get(span)).unwrap_or("");
        CatalogueError::Syntax {
            file: file.to_owned(),
            line,
            column,
            message: sanitize_line(&syntax_message(err.message(), quoted)),
        }
    })?;
    let invalid = |event: &str, at: usize, problem: String| {
        let (line, column) = line_column(text, at);
        CatalogueError::Invalid {
            file: file.to_owned(),
            line,
            column,
            event: event.to_owned(),
            problem: sanitize_line(&problem),
        }
    };
    // A user's catalogue is printed and drawn like articles are: nothing in it may drive the
    // terminal. Checks are made on the cleaned text, which is what would be loaded.
    let clean = |s: &str| sanitize_line(s).trim().to_owned();
    let mut ids = HashSet::new();
    let mut events = Vec::with_capacity(parsed.event.len());
    for entry in parsed.event {
        let id = clean(entry.id.get_ref());
        let title = clean(entry.title.get_ref());
        if id.is_empty() {
            return Err(invalid(
                &title,
                entry.id.span().start,
                "the id is empty".to_owned(),
            ));
        }
        if !ids.insert(id.clone()) {
            return Err(invalid(
                &id,
                entry.id.span().start,
                "the id is used by another event in this file, expected a unique id".to_owned(),
            ));
        }
        let date = entry
            .date
            .get_ref()
            .parse::<PartialDate>()
            .map_err(|err| invalid(&id, entry.date.span().start, format!("bad date: {err}")))?;
        if title.is_empty() {
            return Err(invalid(
                &id,
                entry.title.span().start,
                "the title is empty".to_owned(),
            ));
        }
        events.push(CatalogueEvent {
            id,
            date,
            title,
            place: entry.place.map(|p| clean(&p)).filter(|p| !p.is_empty()),
            participants: entry.participants.iter().map(|p| clean(p)).collect(),
            cues: entry.cues.iter().map(|c| clean(c)).collect(),
        });
    }
    Ok(events)
}

/// The TOML parser's message, completed where it does not say what was expected.
fn syntax_message(message: &str, quoted: &str) -> String {
    if message == "duplicate key" {
        return format!("duplicate key `{quoted}`, expected each key at most once in a table");
    }
    if message.starts_with("missing field") {
        return format!(
            "{message}, expected every event to have `id`, `date` and `title` (and optionally `place`, `participants`, `cues`)"
        );
    }
    message.to_owned()
}

/// The line and column (in characters, both from 1) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalogue_parses_and_holds_the_required_events() {
        let events = parse(BUNDLED, Path::new("assets/events.toml")).unwrap();
        let dates: Vec<String> = events.iter().map(|e| e.date.to_string()).collect();
        for required in ["2025-02-28", "2025-04-26", "2025-08-18"] {
            assert!(
                dates.iter().any(|d| d == required),
                "{required} missing from {dates:?}"
            );
        }
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err = parse(
            "[[event]]\nid = \"x\"\ndate = 2025-01-01\ntitle = \n",
            Path::new("my.toml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("my.toml:4:"), "{text}");
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = parse(
            "[[event]]\nid = \"x\"\ndate = \"2025\"\ntitle = \"T\"\nwhen = \"now\"\n",
            Path::new("e.toml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("unknown field `when`") && text.starts_with("e.toml:5:"),
            "{text}"
        );
    }

    #[test]
    fn bad_dates_name_their_event() {
        let err = parse(
            "[[event]]\nid = \"summit\"\ndate = \"2025-13-01\"\ntitle = \"T\"\n",
            Path::new("e.toml"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "e.toml:3:8: event 'summit': bad date: '2025-13-01' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = "[[event]]\nid = \"a\"\ndate = \"2025\"\ntitle = \"T\"\n[[event]]\nid = \"a\"\ndate = \"2024\"\ntitle = \"U\"\n";
        assert!(matches!(
            parse(text, Path::new("e.toml")),
            Err(CatalogueError::Invalid { .. })
        ));
    }

    #[test]
    fn user_events_extend_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "[[event]]\nid = \"rome-meeting\"\ndate = \"2025-04-26\"\ntitle = \"Renamed\"\n\n[[event]]\nid = \"new\"\ndate = \"2020\"\ntitle = \"New\"\n").unwrap();
        let events = with_user_file(&path).unwrap();
        assert_eq!(events.len(), bundled().len() + 1);
        assert_eq!(
            events
                .iter()
                .find(|e| e.id == "rome-meeting")
                .unwrap()
                .title,
            "Renamed"
        );
    }
}
