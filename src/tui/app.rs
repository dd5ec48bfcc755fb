//! The browser's state, and what follows from it: which items each list shows, what the reader
//! shows and where everything is scrolled. `update` changes the state; views only read it.

use std::collections::HashSet;

use ratatui::layout::Rect;
use rayon::prelude::*;

use super::Memory;
use super::action::Pane;
use super::layout::{self, Areas, ListArea};
use super::reader::{self, Document};
use super::theme::{Symbol, Theme};
use super::timeline::{self, Row};
use crate::annotations::{Scope, Target};
use crate::corpus::RawTextError;
use crate::filter::{Marks, Matcher, Query, search_form};
use crate::model::Model;

/// What a pin or the cursor stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Selection {
    Event(usize),
    Person(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a filter for a list.
    Filter,
    /// Typing a date to jump to on the timeline.
    DateJump(String),
    Help {
        scroll: u16,
    },
    Warnings {
        scroll: u16,
    },
    /// Writing a note: the editor is [`App::note`].
    Note,
}

/// The note being written, and what it is attached to.
pub struct NoteEditor {
    pub target: Target,
    /// What the note is on, in words ("person: Ada Quill").
    pub about: String,
    pub text: ratatui_textarea::TextArea<'static>,
}

/// One list pane: its filter, what it shows, where its cursor is.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub filter: String,
    pub query: Query,
    /// Items shown (indices into the model's events, people or articles), in display order.
    pub items: Vec<usize>,
    /// How many items the narrowing leaves, before the filter.
    pub narrowed: usize,
    pub cursor: usize,
    /// First row on screen.
    pub offset: usize,
    /// The items are in the list's own order, not ranked by a filter being typed.
    pub chronological: bool,
    /// What `items` was computed from, to recompute only when that changes.
    cache: Option<ListCache>,
}

#[derive(Debug, Clone)]
struct ListCache {
    constraints: Vec<Selection>,
    filter: String,
    editing: bool,
    /// The marks the items were matched against, when the filter asks about marks.
    marks_version: Option<u64>,
    /// The items that match the filter, in the list's own order.
    matches: Vec<usize>,
    narrowed: usize,
}

/// Does this selection narrow list `i` (Timeline, People, Articles)? No list is narrowed by an
/// item of its own kind.
fn narrows_list(i: usize, selection: Selection) -> bool {
    matches!(
        (i, selection),
        (0, Selection::Person(_)) | (1, Selection::Event(_)) | (2, _)
    )
}

impl ListView {
    pub fn current(&self) -> Option<usize> {
        self.items.get(self.cursor).copied()
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub article: Option<usize>,
    pub raw: bool,
    pub scroll: usize,
    pub doc: Document,
    /// What `doc` was built for, to know when to rebuild it.
    pub built_for: Option<reader::View>,
    /// The raw text of an article, once read for the raw view.
    pub raw_text: Option<(usize, Result<String, RawTextError>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub color: bool,
    pub ascii: bool,
    pub mouse: bool,
}

/// The searchable fields of every item, computed once.
struct SearchIndex {
    lists: [Vec<Vec<String>>; 3],
}

impl SearchIndex {
    fn new(model: &Model) -> Self {
        let names = |people: &[usize]| -> Vec<String> {
            people
                .iter()
                .map(|&p| search_form(&model.people[p].person.name))
                .collect()
        };
        let events = model
            .events
            .iter()
            .map(|e| {
                let mut fields = vec![search_form(&e.title), e.date.to_string()];
                fields.extend(e.place.iter().map(|p| search_form(p)));
                fields.extend(names(&e.people));
                fields
            })
            .collect();
        let people = model
            .people
            .iter()
            .map(|p| {
                let mut fields = vec![search_form(&p.person.name)];
                fields.extend(p.person.aliases.iter().map(|a| search_form(a)));
                fields.extend(p.person.roles.iter().map(|r| search_form(r)));
                fields
            })
            .collect();
        let articles = model
            .articles
            .iter()
            .enumerate()
            .map(|(a, article)| {
                let mut fields = vec![search_form(&article.title)];
                fields.extend(article.source.iter().map(|s| search_form(s)));
                fields.extend(names(&model.article_people[a]));
                fields
            })
            .collect();
        Self {
            lists: [events, people, articles],
        }
    }
}

pub struct App {
    pub model: Model,
    pub theme: Theme,
    pub options: Options,
    pub focus: Pane,
    /// The list shown beside the reader when only one fits.
    pub current_list: Pane,
    /// The list (Timeline or People) whose cursor narrows the others: the last of the two that
    /// had the focus. Esc in Articles or the Reader clears it.
    pub hover_list: Option<Pane>,
    pub mode: Mode,
    /// Timeline, People, Articles.
    pub lists: [ListView; 3],
    pub pins: Vec<Selection>,
    pub reader: ReaderState,
    pub size: Rect,
    pub matcher: Matcher,
    pub quit: bool,
    /// The screen must be cleared and drawn whole before the next frame.
    pub redraw: bool,
    /// The process must stop (Ctrl-Z) before the next frame.
    pub suspend: bool,
    /// A one-off message for the status line ("no events").
    pub message: Option<String>,
    search: SearchIndex,
    /// The natural order of the articles: newest first, undated last.
    article_order: Vec<usize>,
    /// The timeline's rows for its current items.
    pub timeline_rows: Vec<Row>,
    /// How many times a list was filtered and sorted anew: the browser's costly step.
    list_computations: usize,
    /// What the reader left before and where changes go.
    pub memory: Memory,
    /// Counts the changes of marks (read, stars, notes), so that what shows them is rebuilt.
    pub marks_version: u64,
    /// The article on its way to being read, and since when.
    pub(super) reading: Option<(usize, std::time::Instant)>,
    /// The article the reader marked unread while reading it: it stays unread until left.
    pub(super) kept_unread: Option<usize>,
    pub note: Option<NoteEditor>,
    /// Where Up/Down are in the `/` prompt's history, and what was typed before them.
    pub(super) history_at: Option<(usize, String)>,
}

impl App {
    /// A browser that starts afresh and remembers nothing past the session.
    pub fn new(model: Model, options: Options, size: Rect) -> Self {
        Self::with_memory(model, options, size, Memory::in_memory(Scope::Bundled))
    }

    /// A browser over `model` that shows what `memory` holds, and comes back to the session it
    /// saved where that session's items still exist.
    pub fn with_memory(model: Model, options: Options, size: Rect, memory: Memory) -> Self {
        let mut article_order: Vec<usize> = (0..model.articles.len()).collect();
        article_order
            .sort_by_key(|&a| (std::cmp::Reverse(model.articles[a].date.map(|d| d.date)), a));
        let search = SearchIndex::new(&model);
        let mut app = Self {
            model,
            theme: Theme {
                color: options.color,
                ascii: options.ascii,
            },
            options,
            focus: Pane::Timeline,
            current_list: Pane::Timeline,
            hover_list: Some(Pane::Timeline),
            mode: Mode::Normal,
            lists: Default::default(),
            pins: Vec::new(),
            reader: ReaderState::default(),
            size,
            matcher: Matcher::default(),
            quit: false,
            redraw: false,
            suspend: false,
            message: None,
            search,
            article_order,
            timeline_rows: Vec::new(),
            list_computations: 0,
            memory,
            marks_version: 0,
            reading: None,
            kept_unread: None,
            note: None,
            history_at: None,
        };
        // Start on the latest event: news is read from the present backwards.
        app.refresh();
        app.lists[0].cursor = app.lists[0].items.len().saturating_sub(1);
        app.refresh();
        if let Some(saved) = app.memory.annotations.session.clone() {
            super::session::restore(&mut app, &saved);
        }
        app
    }

    /// How many times a list has been computed anew since the start: what input costs.
    pub fn list_computations(&self) -> usize {
        self.list_computations
    }

    pub fn list(&self, pane: Pane) -> Option<&ListView> {
        pane.list_index().map(|i| &self.lists[i])
    }

    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.size, self.current_list)
    }

    /// The item under the cursor of the list that narrows the others.
    pub fn hover(&self) -> Option<Selection> {
        match self.hover_list? {
            Pane::Timeline => self.lists[0].current().map(Selection::Event),
            Pane::People => self.lists[1].current().map(Selection::Person),
            _ => None,
        }
    }

    /// Pins and the hovered item: what narrows the lists now.
    pub fn narrowing(&self) -> Vec<Selection> {
        let mut all = self.pins.clone();
        if let Some(h) = self.hover()
            && !all.contains(&h)
        {
            all.push(h);
        }
        all
    }

    /// The person whose mentions the reader highlights: the hovered one, else the last pinned.
    pub fn selected_person(&self) -> Option<usize> {
        self.narrowing().iter().rev().find_map(|s| match s {
            Selection::Person(p) => Some(*p),
            Selection::Event(_) => None,
        })
    }

    pub fn selected_event(&self) -> Option<usize> {
        self.narrowing().iter().rev().find_map(|s| match s {
            Selection::Event(e) => Some(*e),
            Selection::Person(_) => None,
        })
    }

    /// Recompute everything derived from the state, in dependency order: the list whose cursor
    /// narrows the others, then the others, then the reader and the scroll positions. No list is
    /// narrowed by an item of its own kind.
    pub fn refresh(&mut self) {
        let order = match self.hover_list.and_then(Pane::list_index) {
            Some(f) => [f, (f + 1) % 3, (f + 2) % 3],
            None => [0, 1, 2],
        };
        for i in order {
            self.refresh_list(i);
        }
        self.timeline_rows = timeline::rows(
            &self.model,
            &self.lists[0].items,
            self.lists[0].chronological,
        );
        self.reader.article = self.lists[2].current();
        self.refresh_reader();
        self.scroll_lists();
    }

    fn allowed(&self, list: usize, constraints: &[Selection]) -> Option<HashSet<usize>> {
        let mut allowed: Option<HashSet<usize>> = None;
        for selection in constraints {
            let set: Option<HashSet<usize>> = match (list, *selection) {
                (0, Selection::Person(p)) => {
                    Some(self.model.person_events[p].iter().copied().collect())
                }
                (1, Selection::Event(e)) => {
                    Some(self.model.events[e].people.iter().copied().collect())
                }
                (2, Selection::Event(e)) => {
                    Some(self.model.events[e].articles.iter().copied().collect())
                }
                (2, Selection::Person(p)) => {
                    Some(self.model.people[p].articles.iter().copied().collect())
                }
                _ => None,
            };
            if let Some(set) = set {
                allowed = Some(match allowed {
                    Some(previous) => previous.intersection(&set).copied().collect(),
                    None => set,
                });
            }
        }
        allowed
    }

    /// Recompute what list `i` shows, if its narrowing, filter or mode changed. A filter that
    /// only adds to the previous one ("put" → "puti") scores just the previous matches.
    fn refresh_list(&mut self, i: usize) {
        let focused = self.focus.list_index() == Some(i);
        let editing = self.mode == Mode::Filter && focused;
        let constraints: Vec<Selection> = self
            .narrowing()
            .into_iter()
            .filter(|s| narrows_list(i, *s))
            .collect();
        let view = &self.lists[i];
        let previous = view.current();
        let marks_version = view.query.asks_about_marks().then_some(self.marks_version);
        let cached = view
            .cache
            .as_ref()
            .filter(|c| c.constraints == constraints && c.marks_version == marks_version);
        let same_text = view
            .cache
            .as_ref()
            .is_some_and(|c| c.constraints == constraints && c.filter == view.filter);
        if cached.is_some_and(|c| c.filter == view.filter && c.editing == editing) {
            return;
        }
        // When only the marks changed, the item under the cursor stays: reading an article in
        // an `is:unread` list must not pull it away from under the reader.
        let keep = previous.filter(|_| same_text && cached.is_none());
        self.list_computations += 1;
        let narrowed_total;
        let candidates: Vec<usize> = match cached {
            Some(c) if !view.query.is_empty() && view.query.narrows(&Query::parse(&c.filter)) => {
                narrowed_total = c.narrowed;
                c.matches.clone()
            }
            _ => {
                let allowed = self.allowed(i, &constraints);
                let natural: Box<dyn Iterator<Item = usize>> = match i {
                    0 => Box::new(0..self.model.events.len()),
                    1 => Box::new(0..self.model.people.len()),
                    _ => Box::new(self.article_order.iter().copied()),
                };
                let narrowed: Vec<usize> = natural
                    .filter(|x| allowed.as_ref().is_none_or(|a| a.contains(x)))
                    .collect();
                narrowed_total = narrowed.len();
                narrowed
            }
        };
        let mut scored: Vec<(usize, i64)> = if view.query.is_empty() {
            candidates.into_iter().map(|x| (x, 0)).collect()
        } else {
            // Scored on every core; the order of the candidates is kept.
            let fields = &self.search.lists[i];
            let (matcher, query) = (&self.matcher, &view.query);
            // Not `self` in the closure: the recorder need not be shared between threads.
            let (model, annotations) = (&self.model, &self.memory.annotations);
            let marks = |x: usize| {
                if query.asks_about_marks() {
                    Marks::of(annotations, &target_of(model, i, x))
                } else {
                    Marks::default()
                }
            };
            candidates
                .into_par_iter()
                .with_min_len(1024)
                .filter_map(|x| {
                    matcher
                        .score(query, &fields[x], marks(x))
                        .or((keep == Some(x)).then_some(0))
                        .map(|s| (x, s))
                })
                .collect()
        };
        let matches: Vec<usize> = scored.iter().map(|&(x, _)| x).collect();
        if editing {
            // While typing, the best matches come first, and the best is the one to look at.
            scored.par_sort_by_key(|&(_, score)| std::cmp::Reverse(score));
        }
        let items: Vec<usize> = scored.into_iter().map(|(x, _)| x).collect();
        let view = &mut self.lists[i];
        view.cache = Some(ListCache {
            constraints,
            filter: view.filter.clone(),
            editing,
            marks_version,
            matches,
            narrowed: narrowed_total,
        });
        view.narrowed = narrowed_total;
        view.chronological = !editing || view.query.is_empty();
        view.cursor = if editing {
            0
        } else {
            previous
                .and_then(|p| items.iter().position(|&x| x == p))
                .unwrap_or(0)
        };
        view.items = items;
    }

    /// The article whose raw text the reader shows but does not have yet: the event loop reads
    /// it (I/O stays out of `update` and `view`) and hands it over with [`App::give_raw_text`].
    pub fn raw_text_wanted(&self) -> Option<usize> {
        let article = self.reader.article.filter(|_| self.reader.raw)?;
        let have = self.reader.raw_text.as_ref().map(|(a, _)| *a);
        (have != Some(article)).then_some(article)
    }

    pub fn give_raw_text(&mut self, article: usize, text: Result<String, RawTextError>) {
        self.reader.raw_text = Some((article, text));
        self.reader.built_for = None;
        self.refresh_reader();
    }

    fn refresh_reader(&mut self) {
        let Some(article) = self.reader.article else {
            self.reader.doc = Document::default();
            self.reader.built_for = None;
            return;
        };
        let width = self
            .areas()
            .map_or(40, |a| a.reader.width.saturating_sub(4));
        let view = reader::View {
            article,
            width,
            raw: self.reader.raw,
            person: self.selected_person(),
            event: self.selected_event(),
            marks: self.marks_version,
        };
        if self.reader.built_for == Some(view) {
            return;
        }
        let previous = self.reader.built_for;
        let starred = format!("{} starred", self.theme.symbol(Symbol::Star));
        let words = reader::Words {
            inferred: self.theme.symbol(Symbol::Inferred),
            separator: self.theme.symbol(Symbol::Separator),
            starred: &starred,
        };
        let target = Target::article(self.model.articles[article].file.clone());
        let left = reader::Left {
            starred: self.memory.annotations.is_starred(&target),
            note: self.memory.annotations.note(&target),
        };
        let raw = self
            .reader
            .raw_text
            .as_ref()
            .filter(|(a, _)| view.raw && *a == article)
            .map(|(_, text)| text);
        self.reader.doc = reader::build(&self.model, view, &words, &left, raw);
        self.reader.built_for = Some(view);
        let moved = previous.is_none_or(|p| {
            p.article != view.article || p.event != view.event || p.raw != view.raw
        });
        if moved {
            // Open at the top, or at the sentences that date the selected event when they are
            // further down than one screen.
            let height = self.reader_height();
            self.reader.scroll = match self.reader.doc.evidence_lines.first() {
                Some(&line) if line + 3 > height => line.saturating_sub(2),
                _ => 0,
            };
        }
        self.clamp_reader();
    }

    pub fn reader_height(&self) -> usize {
        self.areas()
            .map_or(10, |a| usize::from(a.reader.height.saturating_sub(2)))
    }

    pub fn clamp_reader(&mut self) {
        let max = self
            .reader
            .doc
            .lines
            .len()
            .saturating_sub(self.reader_height().max(1));
        self.reader.scroll = self.reader.scroll.min(max);
    }

    /// Rows a list pane can show, inside its border.
    pub fn list_height(&self, i: usize) -> usize {
        self.areas().map_or(10, |a| match a.lists[i] {
            ListArea::Full(r) => usize::from(r.height.saturating_sub(2)),
            ListArea::Collapsed(_) => 0,
        })
    }

    /// Keep each list's cursor row on screen.
    fn scroll_lists(&mut self) {
        for i in 0..3 {
            let height = self.list_height(i).max(1);
            let cursor_row = if i == 0 {
                timeline::row_of(&self.timeline_rows, self.lists[0].cursor)
            } else {
                self.lists[i].cursor
            };
            let rows = if i == 0 {
                self.timeline_rows.len()
            } else {
                self.lists[i].items.len()
            };
            let view = &mut self.lists[i];
            if cursor_row < view.offset {
                // Show the headings above the first event of a month too.
                view.offset = if i == 0 {
                    heading_start(&self.timeline_rows, cursor_row)
                } else {
                    cursor_row
                };
            } else if cursor_row >= view.offset + height {
                view.offset = cursor_row + 1 - height;
            }
            view.offset = view.offset.min(rows.saturating_sub(height));
        }
    }

    pub fn is_pinned(&self, selection: Selection) -> bool {
        self.pins.contains(&selection)
    }

    /// People and events of the article in the reader, for marking in their lists.
    pub fn contained(&self) -> (HashSet<usize>, HashSet<usize>) {
        match self.reader.article {
            Some(a) => (
                self.model.article_people[a].iter().copied().collect(),
                self.model.article_events[a].iter().copied().collect(),
            ),
            None => Default::default(),
        }
    }
}

/// What the reader's marks on item `x` of list `i` (Timeline, People, Articles) are attached to.
pub fn target_of(model: &Model, i: usize, x: usize) -> Target {
    match i {
        0 => Target::event(model.events[x].id.clone()),
        1 => Target::person(model.people[x].id.clone()),
        _ => Target::article(model.articles[x].file.clone()),
    }
}

/// The first row of the headings right above `row` (a year or month heading, a gap).
fn heading_start(rows: &[Row], row: usize) -> usize {
    let mut start = row;
    while start > 0 && !matches!(rows[start - 1], Row::Event(_)) {
        start -= 1;
    }
    start
}
