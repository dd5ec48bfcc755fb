//! The event catalogue: known events that articles are linked to by cues, places, people and
//! dates. The bundled `assets/events.toml` is extended by the user's `--events FILE`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::calendar::PartialDate;
use crate::corpus::sanitize::sanitize_line;

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
    id: String,
    date: String,
    title: String,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    cues: Vec<String>,
}

/// An event catalogue that cannot be used. Nothing of a broken file is loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("cannot read event catalogue {}: {source}", file.display())]
    Unreadable {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", file.display())]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: event '{event}': {problem}", file.display())]
    Invalid {
        file: PathBuf,
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
    let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Unreadable {
        file: path.to_owned(),
        source,
    })?;
    let user = parse(&text, path)?;
    let mut events = bundled();
    for event in user {
        match events.iter_mut().find(|e| e.id == event.id) {
            Some(existing) => *existing = event,
            None => events.push(event),
        }
    }
    Ok(events)
}

/// Parse and check a catalogue; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Vec<CatalogueEvent>, CatalogueError> {
    let parsed: CatalogueFile = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map_or((1, 1), |span| line_column(text, span.start));
        CatalogueError::Syntax {
            file: file.to_owned(),
            line,
            column,
            message: err.message().to_owned(),
        }
    })?;
    let invalid = |event: &str, problem: String| CatalogueError::Invalid {
        file: file.to_owned(),
        event: event.to_owned(),
        problem,
    };
    let mut ids = HashSet::new();
    let mut events = Vec::with_capacity(parsed.event.len());
    for entry in parsed.event {
        let id = entry.id.trim().to_owned();
        if id.is_empty() {
            return Err(invalid(&entry.title, "the id is empty".to_owned()));
        }
        if !ids.insert(id.clone()) {
            return Err(invalid(
                &id,
                "the id is used by another event in this file".to_owned(),
            ));
        }
        let date = entry
            .date
            .parse::<PartialDate>()
            .map_err(|err| invalid(&id, format!("bad date: {err}")))?;
        if entry.title.trim().is_empty() {
            return Err(invalid(&id, "the title is empty".to_owned()));
        }
        // A user's catalogue is printed and drawn like articles are: nothing in it may drive the
        // terminal.
        let clean = |s: &str| sanitize_line(s).trim().to_owned();
        events.push(CatalogueEvent {
            id: clean(&id),
            date,
            title: clean(&entry.title),
            place: entry.place.map(|p| clean(&p)).filter(|p| !p.is_empty()),
            participants: entry.participants.iter().map(|p| clean(p)).collect(),
            cues: entry.cues.iter().map(|c| clean(c)).collect(),
        });
    }
    Ok(events)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
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
            "e.toml: event 'summit': bad date: '2025-13-01' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
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
