//! The event catalogue parser on arbitrary text: no panic; an error names the file with a
//! line and column inside the text; what loads is clean.
#![no_main]

use std::path::Path;

use dossier::corpus::sanitize::is_unsafe;
use dossier::timeline::catalogue::{CatalogueError, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match parse(text, Path::new("fuzz.toml")) {
        Ok(events) => {
            for event in events {
                assert!(!event.id.is_empty() && !event.title.is_empty());
                for s in [&event.id, &event.title]
                    .into_iter()
                    .chain(&event.participants)
                    .chain(&event.cues)
                    .chain(event.place.as_ref())
                {
                    assert!(!s.chars().any(|c| is_unsafe(c) || c == '\n'), "{s:?}");
                }
            }
        }
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with("fuzz.toml:"), "{message}");
            assert!(
                !message.chars().any(|c| is_unsafe(c) || c == '\n'),
                "{message:?}"
            );
            if let CatalogueError::Syntax { line, column, .. }
            | CatalogueError::Invalid { line, column, .. } = err
            {
                assert!(
                    line >= 1 && line <= text.lines().count().max(1) + 1,
                    "line {line}"
                );
                assert!(column >= 1, "column {column}");
            }
        }
    }
});
