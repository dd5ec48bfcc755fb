//! The interactive browser: state → action → update → view.
//!
//! [`app::App`] is the state. [`keymap`] turns keys into [`action::Action`]s, [`update::update`]
//! carries them out, and [`view::draw`] draws the state without changing it. The event loop blocks
//! on input and draws only when an action changed something, so an idle browser costs nothing.

pub mod action;
pub mod app;
pub mod backend;
pub mod keymap;
pub mod layout;
mod memory;
pub mod reader;
pub mod session;
mod sgr;
#[cfg(unix)]
mod signals;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::annotations::{Annotations, InMemory, Recorder, Scope};
use crate::model::{Model, ModelError};
use crate::progress::Progress;
use action::Action;
use app::{App, Mode, Options};

/// What the reader left on this corpus before, and where the changes made now go: the library,
/// or nowhere with `--no-library`.
pub struct Memory {
    pub scope: Scope,
    pub annotations: Annotations,
    pub recorder: Box<dyn Recorder + Send>,
}

impl Memory {
    /// A memory that starts empty and keeps changes for this session only.
    pub fn in_memory(scope: Scope) -> Self {
        Self {
            scope,
            annotations: Annotations::default(),
            recorder: Box::new(InMemory),
        }
    }
}

/// Handle one input event: the action it means, carried out, then what that action needs from
/// outside the state (a file read for the raw view). Returns whether the screen must be drawn.
pub fn handle(app: &mut App, event: Event) -> bool {
    handle_all(app, [event])
}

/// Handle input events that queued up together (a paste, a held key over a slow link) as one
/// run: the lists are filtered once for the run rather than once for each key.
pub fn handle_all(app: &mut App, events: impl IntoIterator<Item = Event>) -> bool {
    let mut run = update::Run::new(app);
    for event in events {
        match event {
            // A bracketed paste is text for a prompt, never commands.
            Event::Paste(text) if matches!(app.mode, Mode::Filter | Mode::DateJump(_)) => {
                for c in text.chars() {
                    run.apply(app, Action::Input(c));
                }
            }
            Event::Paste(text) if app.mode == Mode::Note => {
                for key in memory::paste_keys(&text) {
                    run.apply(app, Action::Edit(key));
                }
            }
            event => {
                if let Some(action) = translate(app, event) {
                    run.apply(app, action);
                }
            }
        }
    }
    let changed = run.finish(app);
    let fetched = fetch(app);
    let marked = app.tick(std::time::Instant::now());
    changed || fetched || marked
}

/// Read what the state asks for and hand it over; whether anything was read.
fn fetch(app: &mut App) -> bool {
    let Some(article) = app.raw_text_wanted() else {
        return false;
    };
    let text = app.model.articles[article].raw_text();
    app.give_raw_text(article, text);
    true
}

/// The action an input event asks for, if any.
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let layer = match app.mode {
                Mode::Filter | Mode::DateJump(_) => keymap::Layer::Prompt,
                Mode::Help { .. } | Mode::Warnings { .. } => keymap::Layer::Overlay,
                Mode::Note => keymap::Layer::Note,
                Mode::Normal => keymap::Layer::Panes,
            };
            let action = keymap::action_for(key, &keymap::contexts(layer, app.focus));
            if layer == keymap::Layer::Note && key.kind != crossterm::event::KeyEventKind::Release {
                // Every key the note's own bindings and the global Ctrl keys leave is editing.
                return action.or(Some(Action::Edit(key)));
            }
            action
        }
        Event::Mouse(mouse) if app.options.mouse => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// What `run` was asked to show: a model being built on another thread.
pub struct Loading {
    pub thread: std::thread::JoinHandle<Result<Model, ModelError>>,
    pub progress: std::sync::Arc<Progress>,
    /// What is being loaded, in words ("~/clippings").
    pub what: String,
    /// What the user should know before browsing ("the library is busy"): shown in the status
    /// line once the model is loaded, since the screen hides anything printed before it.
    pub notices: Vec<String>,
}

/// Show the window at once, with progress while the model is built, then browse it until the
/// user quits or the terminal goes away. A model that cannot be built is returned as the error,
/// after the terminal is given back. What the reader leaves behind goes to `memory`.
pub fn run(
    loading: Loading,
    options: Options,
    memory: Memory,
) -> std::io::Result<Result<(), ModelError>> {
    let mut term = terminal::Term::enter(options.mouse)?;
    let theme = theme::Theme {
        color: options.color,
        ascii: options.ascii,
    };
    let started = std::time::Instant::now();
    // While loading, wake forty times a second to show progress and to notice the end soon;
    // once loaded, never.
    while !loading.thread.is_finished() {
        if term.take_resumed() {
            term.terminal.clear()?;
        }
        let (stage, done, total) = loading.progress.get();
        let screen = view::LoadingScreen {
            what: &loading.what,
            stage,
            done,
            total,
            elapsed: started.elapsed(),
        };
        term.terminal
            .draw(|frame| view::loading(frame, &screen, &theme))?;
        if crossterm::event::poll(std::time::Duration::from_millis(25))?
            && let Event::Key(key) = crossterm::event::read()?
        {
            match keymap::action_for(key, &[keymap::Context::Global]) {
                Some(Action::Quit) => return Ok(Ok(())),
                Some(Action::Suspend) => terminal::suspend(),
                _ => {}
            }
        }
    }
    let model = match loading.thread.join() {
        Ok(Ok(model)) => model,
        Ok(Err(err)) => {
            drop(term);
            return Ok(Err(err));
        }
        Err(panic) => std::panic::resume_unwind(panic),
    };
    browse(&mut term, model, options, memory, loading.notices)?;
    Ok(Ok(()))
}

/// The most queued events handled between two frames.
const MAX_RUN: usize = 4096;

fn browse(
    term: &mut terminal::Term,
    model: Model,
    options: Options,
    memory: Memory,
    notices: Vec<String>,
) -> std::io::Result<()> {
    let size = term.terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = App::with_memory(model, options, area, memory);
    if !notices.is_empty() {
        app.message = Some(notices.join("; "));
    }
    let mut dirty = true;
    while !app.quit {
        // After a stop, the shell has drawn over the screen: nothing on it is what we drew.
        if std::mem::take(&mut app.redraw) | term.take_resumed() {
            term.terminal.clear()?;
            dirty = true;
        }
        if dirty {
            term.terminal.draw(|frame| view::draw(frame, &app))?;
        }
        // Blocks until there is input: no timer, no redraw while idle. The one exception is an
        // article on its way to being read: then we wake once, when its moment is up. A read
        // error means the terminal is gone, and so are we. Keys that queued up meanwhile (a held
        // key over a slow link) are all handled before the next frame, as one run, so that a
        // paste is filtered once, not once a key; a long paste is drawn every few thousand keys,
        // so that it is seen to progress.
        if let Some(deadline) = app.read_deadline() {
            let wait = deadline.saturating_duration_since(std::time::Instant::now());
            if !crossterm::event::poll(wait)? {
                dirty = app.tick(std::time::Instant::now());
                continue;
            }
        }
        let mut events = vec![crossterm::event::read()?];
        while events.len() < MAX_RUN && crossterm::event::poll(std::time::Duration::ZERO)? {
            events.push(crossterm::event::read()?);
        }
        dirty = handle_all(&mut app, events);
        if std::mem::take(&mut app.suspend) {
            // Returns once continued; the resize that wakes us then brings the redraw.
            terminal::suspend();
        }
    }
    Ok(())
}
