//! The browser's state as it is saved on quitting and restored on the next start: the focused
//! pane, each list's filter and cursor, the pins and the reader's place.
//!
//! Items are named by their ids (articles by their file), never by their position, so that a
//! session survives articles coming and going; whatever it names that no longer exists is left
//! out. A session text that cannot be read (damaged, or from another version) is ignored whole.

use serde::{Deserialize, Serialize};

use super::action::Pane;
use super::app::{App, Selection, target_of};
use super::memory::LIST_NAMES;
use super::update::MAX_FILTER_CHARS;
use crate::annotations::{Kind, Target};
use crate::corpus::sanitize;
use crate::filter::Query;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Session {
    focus: Option<String>,
    /// The list shown beside the reader when only one fits.
    list: Option<String>,
    /// The list whose cursor narrows the others.
    hover: Option<String>,
    lists: Vec<ListSession>,
    pins: Vec<Target>,
    reader: ReaderSession,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct ListSession {
    name: String,
    filter: String,
    /// The item under the cursor.
    cursor: Option<Target>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct ReaderSession {
    article: Option<String>,
    scroll: usize,
}

/// The state to save, as JSON.
pub fn capture(app: &App) -> String {
    let session = Session {
        focus: Some(app.focus.name().to_owned()),
        list: Some(app.current_list.name().to_owned()),
        hover: app.hover_list.map(|p| p.name().to_owned()),
        lists: (0..3)
            .map(|i| ListSession {
                name: LIST_NAMES[i].to_owned(),
                filter: app.lists[i].filter.clone(),
                cursor: app.lists[i].current().map(|x| target_of(&app.model, i, x)),
            })
            .collect(),
        pins: app
            .pins
            .iter()
            .map(|pin| match *pin {
                Selection::Event(e) => target_of(&app.model, 0, e),
                Selection::Person(p) => target_of(&app.model, 1, p),
            })
            .collect(),
        reader: ReaderSession {
            article: app
                .reader
                .article
                .map(|a| app.model.articles[a].file.clone()),
            scroll: app.reader.scroll,
        },
    };
    // A struct of strings and numbers always serialises.
    serde_json::to_string(&session).unwrap_or_default()
}

fn pane_named(name: Option<&str>) -> Option<Pane> {
    Pane::ALL.into_iter().find(|p| Some(p.name()) == name)
}

/// The position in the model of the item a target names, in list `i`.
fn find(app: &App, i: usize, target: &Target) -> Option<usize> {
    let kind = [Kind::Event, Kind::Person, Kind::Article][i];
    if target.kind != kind {
        return None;
    }
    match i {
        0 => app.model.events.iter().position(|e| e.id == target.key),
        1 => app.model.people.iter().position(|p| p.id == target.key),
        _ => app.model.articles.iter().position(|a| a.file == target.key),
    }
}

/// Come back to a saved state, as far as its items still exist.
pub fn restore(app: &mut App, text: &str) {
    let Ok(session) = serde_json::from_str::<Session>(text) else {
        return;
    };
    if let Some(pane) = pane_named(session.focus.as_deref()) {
        app.focus = pane;
    }
    if let Some(pane) = pane_named(session.list.as_deref()).filter(|p| p.is_list()) {
        app.current_list = pane;
    }
    app.hover_list =
        pane_named(session.hover.as_deref()).filter(|p| matches!(p, Pane::Timeline | Pane::People));
    for saved in &session.lists {
        let Some(i) = LIST_NAMES.iter().position(|n| *n == saved.name) else {
            continue;
        };
        // Kept by the library, so read as anything from outside: one safe line, not too long.
        let filter: String = sanitize::sanitize_line(&saved.filter)
            .chars()
            .take(MAX_FILTER_CHARS)
            .collect();
        app.lists[i].query = Query::parse(&filter);
        app.lists[i].filter = filter;
    }
    app.pins.clear();
    for pin in &session.pins {
        let selection = match pin.kind {
            Kind::Event => find(app, 0, pin).map(Selection::Event),
            Kind::Person => find(app, 1, pin).map(Selection::Person),
            Kind::Article => None,
        };
        if let Some(selection) = selection
            && !app.pins.contains(&selection)
        {
            app.pins.push(selection);
        }
    }
    app.refresh();
    // The list that narrows the others first: their items depend on its cursor.
    let first = app.hover_list.and_then(Pane::list_index).unwrap_or(0);
    for i in [first, (first + 1) % 3, (first + 2) % 3] {
        let Some(saved) = session.lists.iter().find(|l| l.name == LIST_NAMES[i]) else {
            continue;
        };
        let item = saved.cursor.as_ref().and_then(|t| find(app, i, t));
        if let Some(position) = item.and_then(|x| app.lists[i].items.iter().position(|&y| y == x)) {
            app.lists[i].cursor = position;
            app.refresh();
        }
    }
    let same_article =
        app.reader.article.map(|a| &app.model.articles[a].file) == session.reader.article.as_ref();
    if same_article {
        app.reader.scroll = session.reader.scroll;
        app.clamp_reader();
    }
}
