//! Carrying out actions: the only place the browser's state changes.

use ratatui::layout::{Position, Rect};

use super::action::{Action, Pane};
use super::app::{App, Mode, Selection};
use super::layout::ListArea;
use super::timeline::{self, Row};
use crate::calendar::{PartialDate, Precision};
use crate::corpus::sanitize;
use crate::filter::Query;

/// The most characters the filter prompt holds. A query is a few words; what a paste brings
/// beyond this is dropped, so that neither the prompt nor the matching grows with the paste.
pub const MAX_FILTER_CHARS: usize = 1024;

/// The most characters the date prompt holds: "2025-08-18" and room for a typo.
pub const MAX_DATE_CHARS: usize = 32;

/// Carry out one action. Returns whether anything changed (and the screen needs drawing).
pub fn update(app: &mut App, action: Action) -> bool {
    let mut run = Run::new(app);
    run.apply(app, action);
    run.finish(app)
}

/// A run of actions carried out together, such as the keys of a paste that queued up before a
/// frame. Characters typed into the filter are taken in without filtering the lists after each
/// one: the lists are refreshed at the end, or before an action that reads them.
pub struct Run {
    before: Snapshot,
    stale: bool,
    resized: bool,
}

impl Run {
    pub fn new(app: &App) -> Self {
        Self {
            before: snapshot(app),
            stale: false,
            resized: false,
        }
    }

    pub fn apply(&mut self, app: &mut App, action: Action) {
        if app.quit {
            return;
        }
        if self.stale && !is_typing(app, action) {
            app.refresh();
        }
        self.resized |= matches!(action, Action::Resize { .. });
        self.stale |= carry_out(app, action);
    }

    /// Bring the derived state up to date; whether anything on screen changed.
    pub fn finish(self, app: &mut App) -> bool {
        if self.stale {
            app.refresh();
        }
        app.quit || app.redraw || self.resized || self.before != snapshot(app)
    }
}

/// An edit of the filter's text: it changes nothing another action could read before the
/// lists are refreshed.
fn is_typing(app: &App, action: Action) -> bool {
    app.mode == Mode::Filter
        && matches!(
            action,
            Action::Input(_) | Action::DeleteChar | Action::ClearInput
        )
}

/// Carry out one action without refreshing what follows from the state. Returns false when it
/// certainly changed nothing the lists or the reader are computed from (a key dropped by a
/// full prompt), so that a long paste past the cap costs no refresh at all.
fn carry_out(app: &mut App, action: Action) -> bool {
    app.message = None;
    match action {
        Action::Quit => {
            // A note being written is what the user wrote: quitting keeps it.
            app.save_note();
            app.save_session();
            app.quit = true;
        }
        Action::Redraw => app.redraw = true,
        Action::Suspend => {
            app.save_session();
            app.suspend = true;
        }
        Action::Resize { width, height } => app.size = Rect::new(0, 0, width, height),
        Action::Click { column, row } => click(app, column, row),
        Action::Scroll { column, row, down } => wheel(app, column, row, down),
        _ => match app.mode.clone() {
            Mode::Normal => normal(app, action),
            Mode::Filter => return filter_prompt(app, action),
            Mode::DateJump(input) => date_prompt(app, action, input),
            Mode::Help { scroll } | Mode::Warnings { scroll } => overlay(app, action, scroll),
            // Typing in the note changes neither the lists nor the reader until it is kept.
            Mode::Note => return note_editor(app, action),
        },
    }
    true
}

/// Enough of the state to tell whether an action changed what is on screen.
#[derive(PartialEq)]
struct Snapshot {
    focus: Pane,
    mode: Mode,
    lists: Vec<(usize, usize, String, usize)>,
    pins: Vec<Selection>,
    reader: (usize, bool, Option<usize>),
    message: Option<String>,
    marks_version: u64,
    note: Option<(String, (usize, usize))>,
}

fn snapshot(app: &App) -> Snapshot {
    Snapshot {
        focus: app.focus,
        mode: app.mode.clone(),
        lists: app
            .lists
            .iter()
            .map(|l| (l.cursor, l.offset, l.filter.clone(), l.items.len()))
            .collect(),
        pins: app.pins.clone(),
        reader: (app.reader.scroll, app.reader.raw, app.reader.article),
        message: app.message.clone(),
        marks_version: app.marks_version,
        note: app.note.as_ref().map(|n| {
            (n.text.lines().join("\n"), {
                let cursor = n.text.cursor();
                (cursor.0, cursor.1)
            })
        }),
    }
}

fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    if pane.is_list() {
        app.current_list = pane;
    }
    if matches!(pane, Pane::Timeline | Pane::People) {
        app.hover_list = Some(pane);
    }
}

fn normal(app: &mut App, action: Action) {
    match action {
        Action::ToggleHelp => app.mode = Mode::Help { scroll: 0 },
        Action::ShowWarnings => app.mode = Mode::Warnings { scroll: 0 },
        Action::FocusNext => focus(app, app.focus.next()),
        Action::FocusPrev => focus(app, app.focus.previous()),
        Action::Focus(pane) => focus(app, pane),
        Action::Back => back(app),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            if app.focus == Pane::Reader {
                scroll_reader(app, action);
            } else {
                move_cursor(app, action);
            }
        }
        Action::Select => select(app),
        Action::StartFilter if app.focus.is_list() => {
            app.mode = Mode::Filter;
            app.history_at = None;
        }
        Action::StartDateJump if app.focus == Pane::Timeline => {
            app.mode = Mode::DateJump(String::new())
        }
        Action::PrevMonth | Action::NextMonth | Action::PrevYear | Action::NextYear => {
            let precision = if matches!(action, Action::PrevYear | Action::NextYear) {
                Precision::Year
            } else {
                Precision::Month
            };
            let forward = matches!(action, Action::NextMonth | Action::NextYear);
            let list = &app.lists[0];
            let target = timeline::jump(&app.model, &list.items, list.cursor, forward, precision);
            app.lists[0].cursor = target;
        }
        Action::NextMention | Action::PrevMention => {
            jump_to_mention(app, action == Action::NextMention)
        }
        Action::ToggleRaw => {
            app.reader.raw = !app.reader.raw;
            // Read the file again next time: it may have changed meanwhile.
            app.reader.raw_text = None;
        }
        Action::ToggleRead => app.toggle_read(),
        Action::ToggleStar => app.toggle_star(),
        Action::EditNote => app.start_note(),
        _ => {}
    }
}

/// Returns whether the lists or the reader may have changed.
fn note_editor(app: &mut App, action: Action) -> bool {
    match action {
        Action::SaveNote => app.save_note(),
        Action::Cancel => app.cancel_note(),
        Action::Edit(key) => {
            app.edit_note(key);
            return false;
        }
        _ => return false,
    }
    true
}

/// Esc: unpin the last pin; else, away from the list that narrows, stop its narrowing; else
/// clear the focused list's filter.
fn back(app: &mut App) {
    if app.pins.pop().is_some() {
        return;
    }
    if app.hover_list.is_some() && app.hover_list != Some(app.focus) {
        app.hover_list = None;
        return;
    }
    if let Some(i) = app.focus.list_index() {
        app.lists[i].filter.clear();
        app.lists[i].query = Query::default();
    }
}

fn move_cursor(app: &mut App, action: Action) {
    let Some(i) = app.focus.list_index() else {
        return;
    };
    let page = app.list_height(i).max(1);
    let list = &mut app.lists[i];
    let last = list.items.len().saturating_sub(1);
    list.cursor = match action {
        Action::Up => list.cursor.saturating_sub(1),
        Action::Down => (list.cursor + 1).min(last),
        Action::PageUp => list.cursor.saturating_sub(page),
        Action::PageDown => (list.cursor + page).min(last),
        Action::Top => 0,
        _ => last,
    };
}

fn scroll_reader(app: &mut App, action: Action) {
    let page = app.reader_height().max(1);
    let scroll = &mut app.reader.scroll;
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => *scroll + 1,
        Action::PageUp => scroll.saturating_sub(page.saturating_sub(1).max(1)),
        Action::PageDown => *scroll + page.saturating_sub(1).max(1),
        Action::Top => 0,
        _ => usize::MAX,
    };
    app.clamp_reader();
    app.scrolled_reader();
}

/// Enter: pin or unpin the event or person under the cursor; on an article, read it.
fn select(app: &mut App) {
    let selection = match app.focus {
        Pane::Timeline => app.lists[0].current().map(Selection::Event),
        Pane::People => app.lists[1].current().map(Selection::Person),
        Pane::Articles => {
            focus(app, Pane::Reader);
            return;
        }
        Pane::Reader => None,
    };
    if let Some(selection) = selection {
        match app.pins.iter().position(|p| *p == selection) {
            Some(at) => {
                app.pins.remove(at);
            }
            None => app.pins.push(selection),
        }
    }
}

fn jump_to_mention(app: &mut App, forward: bool) {
    let lines = &app.reader.doc.mention_lines;
    if lines.is_empty() {
        app.message = Some(if app.selected_person().is_some() {
            "no mention of the selected person in this article".to_owned()
        } else {
            "select a person first (People pane)".to_owned()
        });
        return;
    }
    // The mention line is placed a few lines below the top, where the eye expects it.
    let margin = 2;
    let anchor = app.reader.scroll + margin;
    let target = if forward {
        lines.iter().find(|&&l| l > anchor).or(lines.first())
    } else {
        lines.iter().rev().find(|&&l| l < anchor).or(lines.last())
    };
    if let Some(&line) = target {
        app.reader.scroll = line.saturating_sub(margin);
        app.clamp_reader();
    }
}

/// Returns whether the state may have changed.
fn filter_prompt(app: &mut App, action: Action) -> bool {
    let Some(i) = app.focus.list_index() else {
        app.mode = Mode::Normal;
        return true;
    };
    let list = &mut app.lists[i];
    let edited = match action {
        Action::Input(c) => match type_into(&mut list.filter, c, MAX_FILTER_CHARS) {
            Typed::Changed => true,
            Typed::Unchanged => false,
            Typed::Full => {
                app.message = Some(format!(
                    "the filter holds at most {MAX_FILTER_CHARS} characters: the rest was dropped"
                ));
                false
            }
        },
        Action::DeleteChar => list.filter.pop().is_some(),
        Action::ClearInput => {
            list.filter.clear();
            true
        }
        Action::Submit => {
            sanitize::finish_typing(&mut list.filter);
            app.mode = Mode::Normal;
            app.remember_query();
            true
        }
        Action::Cancel => {
            list.filter.clear();
            app.mode = Mode::Normal;
            app.history_at = None;
            true
        }
        Action::HistoryPrev | Action::HistoryNext => {
            app.recall(action == Action::HistoryPrev);
            return true;
        }
        _ => false,
    };
    if edited {
        let list = &mut app.lists[i];
        list.query = Query::parse(&list.filter);
        if matches!(
            action,
            Action::Input(_) | Action::DeleteChar | Action::ClearInput
        ) {
            // An edited query is a new one: Down no longer goes back to what was typed before.
            app.history_at = None;
        }
    }
    edited
}

/// What typing a character into a prompt did.
enum Typed {
    Changed,
    /// The character was one the prompt does not take (a control, a format character).
    Unchanged,
    /// The prompt holds as many characters as it may.
    Full,
}

/// Type `c` into a prompt's `text` of at most `limit` characters, sanitised as article text
/// is.
fn type_into(text: &mut String, c: char, limit: usize) -> Typed {
    // Counting is needed only near the limit: a character is at least one byte.
    if text.len() >= limit && text.chars().count() >= limit {
        return Typed::Full;
    }
    if sanitize::type_char(text, c) {
        Typed::Changed
    } else {
        Typed::Unchanged
    }
}

fn date_prompt(app: &mut App, action: Action, mut input: String) {
    match action {
        Action::Input(c) if c.is_ascii_digit() || c == '-' => {
            if let Typed::Full = type_into(&mut input, c, MAX_DATE_CHARS) {
                app.message = Some(format!(
                    "a date has at most {MAX_DATE_CHARS} characters: the rest was dropped"
                ));
            }
        }
        Action::DeleteChar => {
            input.pop();
        }
        Action::ClearInput => input.clear(),
        Action::Cancel => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Submit => {
            app.mode = Mode::Normal;
            match input.parse::<PartialDate>() {
                Ok(date) => match timeline::nearest(&app.model, &app.lists[0].items, date) {
                    Some(position) => app.lists[0].cursor = position,
                    None => app.message = Some("no events to jump to".to_owned()),
                },
                Err(_) => {
                    app.message = Some(format!(
                        "not a date: {input:?} (try 2025, 2025-04 or 2025-08-18)"
                    ))
                }
            }
            return;
        }
        _ => {}
    }
    app.mode = Mode::DateJump(input);
}

fn overlay(app: &mut App, action: Action, scroll: u16) {
    let scroll = match action {
        Action::Back => {
            app.mode = Mode::Normal;
            return;
        }
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        _ => scroll,
    };
    app.mode = match app.mode {
        Mode::Help { .. } => Mode::Help { scroll },
        _ => Mode::Warnings { scroll },
    };
}

/// A click focuses the pane under it and selects the row under it.
fn click(app: &mut App, column: u16, row: u16) {
    if !matches!(app.mode, Mode::Normal) {
        return;
    }
    let Some(areas) = app.areas() else { return };
    let at = Position::new(column, row);
    if areas.reader.contains(at) {
        focus(app, Pane::Reader);
        return;
    }
    for (i, area) in areas.lists.iter().enumerate() {
        let pane = [Pane::Timeline, Pane::People, Pane::Articles][i];
        if !area.rect().contains(at) {
            continue;
        }
        focus(app, pane);
        // The list may change as it takes the focus; the row clicked is a row of the new one.
        app.refresh();
        if let ListArea::Full(rect) = area
            && row > rect.y
            && row < rect.bottom().saturating_sub(1)
        {
            let display_row = app.lists[i].offset + usize::from(row - rect.y - 1);
            let position = if i == 0 {
                match app.timeline_rows.get(display_row) {
                    Some(Row::Event(p)) => Some(*p),
                    _ => None,
                }
            } else {
                Some(display_row).filter(|&r| r < app.lists[i].items.len())
            };
            if let Some(p) = position {
                app.lists[i].cursor = p;
            }
        }
        return;
    }
}

/// The wheel scrolls the pane under the pointer.
fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    let Some(areas) = app.areas() else { return };
    let at = Position::new(column, row);
    let step = if down { Action::Down } else { Action::Up };
    if areas.reader.contains(at) {
        for _ in 0..3 {
            scroll_reader(app, step);
        }
        return;
    }
    if let Some(i) = areas.lists.iter().position(|a| a.rect().contains(at)) {
        let previous = app.focus;
        app.focus = [Pane::Timeline, Pane::People, Pane::Articles][i];
        for _ in 0..3 {
            move_cursor(app, step);
        }
        app.focus = previous;
    }
}
