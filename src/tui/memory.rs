//! What the reader leaves behind, from the browser's side: read marks, stars, notes and the `/`
//! prompt's history become [`Change`]s, applied to the annotations at once and handed to the
//! recorder. A change the recorder cannot keep still holds for the session, and the status line
//! says so.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::action::Pane;
use super::app::{App, Mode, NoteEditor, target_of};
use crate::annotations::{Change, Kind, Target};
use crate::corpus::sanitize;
use crate::filter::Query;

/// How long an article must be the one in the reader, while the reader or the Articles list has
/// the focus, to count as read. Long enough that moving down the list past it does not.
pub const READ_AFTER: Duration = Duration::from_millis(1500);

/// The name a list's `/` history is kept under.
pub const LIST_NAMES: [&str; 3] = ["timeline", "people", "articles"];

impl App {
    /// Apply a change and hand it to the recorder; when it cannot be kept, say so and why.
    pub fn record(&mut self, change: Change) {
        self.memory.annotations.apply(&change);
        let what = match &change {
            Change::Read { .. } => "the read mark",
            Change::Star { .. } => "the star",
            Change::Note { .. } => "the note",
            Change::Session(_) => "the session",
            Change::History { .. } => "the query",
        };
        if !matches!(change, Change::Session(_) | Change::History { .. }) {
            self.marks_version += 1;
        }
        if let Err(why) = self.memory.recorder.record(&self.memory.scope, &change) {
            self.message = Some(sanitize::sanitize_line(&format!(
                "{what} was not saved ({why}); it holds until you quit"
            )));
        }
    }

    /// The article, person or event that `s` and `a` act on: the item under the cursor of the
    /// focused list, or the article in the reader.
    pub fn focused_target(&self) -> Option<Target> {
        let x = match self.focus {
            Pane::Reader => return self.reader_target(),
            pane => self.list(pane)?.current()?,
        };
        Some(target_of(&self.model, self.focus.list_index()?, x))
    }

    fn reader_target(&self) -> Option<Target> {
        let a = self.reader.article?;
        Some(Target::article(self.model.articles[a].file.clone()))
    }

    /// What a target is, in words, for the note editor's title.
    pub fn describe(&self, target: &Target) -> String {
        let named = match target.kind {
            Kind::Article => self
                .model
                .articles
                .iter()
                .find(|a| a.file == target.key)
                .map(|a| a.title.clone()),
            Kind::Person => self
                .model
                .people
                .iter()
                .find(|p| p.id == target.key)
                .map(|p| p.person.name.clone()),
            Kind::Event => self
                .model
                .events
                .iter()
                .find(|e| e.id == target.key)
                .map(|e| format!("{} {}", e.date, e.title)),
        };
        format!(
            "{}: {}",
            target.kind.as_str(),
            named.unwrap_or_else(|| target.key.clone())
        )
    }

    /// `u`: the article in the reader read or unread. Marked unread, it stays so until another
    /// article is in the reader.
    pub fn toggle_read(&mut self) {
        let Some(a) = self.reader.article else {
            self.message = Some("no article in the reader".to_owned());
            return;
        };
        let file = self.model.articles[a].file.clone();
        let read = !self.memory.annotations.is_read(&file);
        self.kept_unread = (!read).then_some(a);
        self.reading = None;
        self.record(Change::Read {
            article: file,
            read,
        });
    }

    pub fn toggle_star(&mut self) {
        let Some(target) = self.focused_target() else {
            self.message = Some("nothing here to star".to_owned());
            return;
        };
        let starred = !self.memory.annotations.is_starred(&target);
        self.record(Change::Star { target, starred });
    }

    /// `a`: open the note editor on the focused item, with its note if it has one.
    pub fn start_note(&mut self) {
        let Some(target) = self.focused_target() else {
            self.message = Some("nothing here to write a note on".to_owned());
            return;
        };
        // The note as it is kept, unsafe characters and all: the editor's drawing drops what
        // must not reach the terminal (a test holds it to that), and saving it unchanged must
        // not rewrite it.
        let lines: Vec<String> = self
            .memory
            .annotations
            .note(&target)
            .map_or_else(Vec::new, |note| {
                note.split('\n').map(str::to_owned).collect()
            });
        let mut text = TextArea::new(lines);
        // A tab typed is a tab kept: the note is what was typed.
        text.set_hard_tab_indent(true);
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        let about = self.describe(&target);
        self.note = Some(NoteEditor {
            target,
            about,
            text,
        });
        self.mode = Mode::Note;
    }

    /// The editor's text, exactly: its lines joined by line ends.
    pub fn note_text(&self) -> Option<String> {
        self.note.as_ref().map(|n| n.text.lines().join("\n"))
    }

    /// Keep the note being written (an empty one removes the note) and close the editor.
    pub fn save_note(&mut self) {
        let text = self.note_text();
        let Some(editor) = self.note.take() else {
            return;
        };
        self.mode = Mode::Normal;
        let text = text.unwrap_or_default();
        let before = self.memory.annotations.note(&editor.target).unwrap_or("");
        if text == before {
            return;
        }
        let removed = text.is_empty();
        self.record(Change::Note {
            target: editor.target,
            text: (!removed).then_some(text),
        });
        if self.message.is_none() {
            self.message = Some(if removed {
                "note removed".to_owned()
            } else {
                "note kept".to_owned()
            });
        }
    }

    pub fn cancel_note(&mut self) {
        self.note = None;
        self.mode = Mode::Normal;
    }

    /// A key for the note editor. Controls that would reach the terminal are never typed.
    pub fn edit_note(&mut self, key: KeyEvent) {
        if let KeyCode::Char(c) = key.code
            && c != '\t'
            && sanitize::is_unsafe(c)
        {
            return;
        }
        if let Some(editor) = self.note.as_mut() {
            editor.text.input(key);
        }
    }

    /// The article that is on its way to being read: the one in the reader, while the reader or
    /// the Articles list has the focus and nothing covers or is typed over them, unless it is
    /// read or was just marked unread.
    fn reading_candidate(&self) -> Option<usize> {
        if !matches!(self.focus, Pane::Articles | Pane::Reader) || self.mode != Mode::Normal {
            return None;
        }
        let a = self.reader.article?;
        let read = self
            .memory
            .annotations
            .is_read(&self.model.articles[a].file);
        (!read && self.kept_unread != Some(a)).then_some(a)
    }

    /// When the article in the reader counts as read, if it is on its way to being read.
    pub fn read_deadline(&self) -> Option<Instant> {
        self.reading.map(|(_, since)| since + READ_AFTER)
    }

    /// Bring the read mark up to date at `now`: start timing the article in the reader, or mark
    /// it read when its moment is up. Returns whether anything on screen changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.kept_unread.is_some() && self.kept_unread != self.reader.article {
            self.kept_unread = None;
        }
        match (self.reading_candidate(), self.reading) {
            (None, _) => {
                self.reading = None;
                false
            }
            (Some(a), Some((b, since))) if a == b => {
                if now.saturating_duration_since(since) < READ_AFTER {
                    return false;
                }
                self.reading = None;
                self.mark_read(a);
                true
            }
            (Some(a), _) => {
                self.reading = Some((a, now));
                false
            }
        }
    }

    /// Scrolling the reader is reading: the article is read at once.
    pub fn scrolled_reader(&mut self) {
        if self.focus == Pane::Reader
            && let Some(a) = self.reading_candidate()
        {
            self.reading = None;
            self.mark_read(a);
        }
    }

    fn mark_read(&mut self, a: usize) {
        let article = self.model.articles[a].file.clone();
        self.record(Change::Read {
            article,
            read: true,
        });
        self.refresh();
    }

    /// Up (`older`) or Down in the `/` prompt: the focused list's queries, newest first, then
    /// back to what was being typed.
    pub fn recall(&mut self, older: bool) {
        let Some(i) = self.focus.list_index() else {
            return;
        };
        let history = self.memory.annotations.history(LIST_NAMES[i]);
        let at = match (self.history_at.take(), older) {
            (None, true) if !history.is_empty() => {
                Some((history.len() - 1, self.lists[i].filter.clone()))
            }
            (None, _) => None,
            (Some((n, typed)), true) => Some((n.saturating_sub(1), typed)),
            (Some((n, typed)), false) if n + 1 < history.len() => Some((n + 1, typed)),
            (Some((_, typed)), false) => {
                self.lists[i].filter = typed;
                None
            }
        };
        if let Some((n, _)) = &at
            && let Some(query) = history.get(*n)
        {
            // Kept by the library, so read as anything from outside: one safe line.
            self.lists[i].filter = sanitize::sanitize_line(query);
        }
        self.history_at = at;
        self.lists[i].query = Query::parse(&self.lists[i].filter);
    }

    /// Enter in the `/` prompt: the query joins the list's history.
    pub fn remember_query(&mut self) {
        self.history_at = None;
        let Some(i) = self.focus.list_index() else {
            return;
        };
        let query = self.lists[i].filter.clone();
        if query.trim().is_empty() {
            return;
        }
        self.record(Change::History {
            list: LIST_NAMES[i].to_owned(),
            query,
        });
    }

    /// Quitting or suspending: the browser's state goes to the library.
    pub fn save_session(&mut self) {
        let state = super::session::capture(self);
        self.record(Change::Session(state));
    }
}

/// A paste into the note editor as the keys that type it: line ends start new lines, tabs are
/// tabs, and controls are dropped.
pub fn paste_keys(text: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let code = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                KeyCode::Enter
            }
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c if sanitize::is_unsafe(c) => continue,
            c => KeyCode::Char(c),
        };
        keys.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    keys
}
