//! Drawing: pure functions of the state. Nothing here changes the state or touches I/O.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::action::Pane;
use super::app::{App, Mode, Selection};
use super::keymap::{self, Context, keymap};
use super::layout::{ListArea, MIN_HEIGHT, MIN_WIDTH};
use super::theme::{Role, Symbol, Theme};
use super::timeline::Row;
use crate::annotations::{Kind, Target};
use crate::calendar::Precision;
use crate::filter::Query;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = app.areas() else {
        too_small(frame, area, &app.theme);
        return;
    };
    for (i, list_area) in areas.lists.iter().enumerate() {
        match *list_area {
            ListArea::Full(rect) => list(frame, app, i, rect),
            ListArea::Collapsed(rect) => collapsed(frame, app, i, rect),
        }
    }
    reader(frame, app, areas.reader);
    status(frame, app, areas.status);
    match app.mode {
        Mode::Help { scroll } => help(frame, app, area, scroll),
        Mode::Warnings { scroll } => warnings(frame, app, area, scroll),
        Mode::Note => note_editor(frame, app, area),
        _ => {}
    }
}

/// The note editor, over the middle of the screen.
fn note_editor(frame: &mut Frame, app: &App, area: Rect) {
    let Some(editor) = &app.note else {
        return;
    };
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(4).min(14);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    let ellipsis = app.theme.symbol(Symbol::Ellipsis);
    let about = fit(
        &crate::corpus::sanitize::sanitize_line(&editor.about),
        usize::from(width).saturating_sub(12),
        ellipsis,
    );
    let key = |action| {
        let label = keymap::key_for(Context::Note, action).unwrap_or_default();
        keymap::ascii_label(&label)
    };
    use super::action::Action as A;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.border())
        .border_style(app.theme.style(Role::FocusedBorder))
        .title(Line::from(Span::styled(
            format!(" Note on {about} "),
            app.theme.style(Role::Heading),
        )))
        .title_bottom(
            Line::from(Span::styled(
                format!(
                    " {} keep {} Enter new line {} {} cancel ",
                    key(A::SaveNote),
                    app.theme.symbol(Symbol::Separator).trim(),
                    app.theme.symbol(Symbol::Separator).trim(),
                    key(A::Cancel)
                ),
                app.theme.style(Role::Dim),
            ))
            .right_aligned(),
        );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&editor.text, inner);
}

/// Which marks a list shows a column for: unread for articles always, stars and notes once any
/// item of the list's kind has one, so that a list nobody marked keeps its width for titles.
#[derive(Clone, Copy)]
struct MarkColumns {
    unread: bool,
    star: bool,
    note: bool,
}

const LIST_KINDS: [Kind; 3] = [Kind::Event, Kind::Person, Kind::Article];

fn mark_columns(app: &App, i: usize) -> MarkColumns {
    let kind = LIST_KINDS[i];
    let notes = &app.memory.annotations;
    MarkColumns {
        unread: kind == Kind::Article,
        star: notes.starred.iter().any(|t| t.kind == kind),
        note: notes.notes.keys().any(|t| t.kind == kind),
    }
}

/// The marks of one row, each in its column, and a space after them when there are any.
fn mark_spans(app: &App, columns: MarkColumns, target: &Target) -> Vec<Span<'static>> {
    let notes = &app.memory.annotations;
    let mut spans = Vec::new();
    let mut column = |shown: bool, on: bool, symbol: Symbol, role: Role| {
        if shown {
            let text = if on { app.theme.symbol(symbol) } else { " " };
            spans.push(Span::styled(text, app.theme.style(role)));
        }
    };
    column(
        columns.unread,
        !notes.is_read(&target.key),
        Symbol::Unread,
        Role::Unread,
    );
    column(
        columns.star,
        notes.is_starred(target),
        Symbol::Star,
        Role::Starred,
    );
    column(
        columns.note,
        notes.note(target).is_some(),
        Symbol::Note,
        Role::Noted,
    );
    if !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    spans
}

/// What the loading screen shows.
pub struct LoadingScreen<'a> {
    pub what: &'a str,
    pub stage: crate::progress::Stage,
    pub done: usize,
    pub total: usize,
    pub elapsed: std::time::Duration,
}

/// The window while the model is being built: what, how far, how long.
pub fn loading(frame: &mut Frame, screen: &LoadingScreen, theme: &Theme) {
    let area = frame.area();
    let counts = match (screen.done, screen.total) {
        (0, _) => String::new(),
        (done, 0) => format!(": {done}"),
        (done, total) => format!(": {done} of {total}"),
    };
    let mut lines = vec![
        Line::from(Span::styled("dossier", theme.style(Role::Heading))),
        Line::from(format!(
            "Loading {}",
            fit(
                screen.what,
                usize::from(area.width).saturating_sub(10),
                theme.symbol(Symbol::Ellipsis)
            )
        )),
        Line::from(format!("{}{counts}", screen.stage.describe())),
    ];
    let width = usize::from(area.width.saturating_sub(10)).min(50);
    if let Some(filled) = (width * screen.done.min(screen.total)).checked_div(screen.total) {
        let (full, empty) = if theme.ascii {
            ("#", "-")
        } else {
            ("█", "░")
        };
        lines.push(Line::from(Span::styled(
            format!("{}{}", full.repeat(filled), empty.repeat(width - filled)),
            theme.style(Role::Prompt),
        )));
    }
    lines.push(Line::from(Span::styled(
        format!("{:.1} s · q quits", screen.elapsed.as_secs_f32()),
        theme.style(Role::Dim),
    )));
    centred(frame, area, lines);
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::from(Span::styled(
            "Terminal too small",
            theme.style(Role::Warning),
        )),
        Line::from(format!(
            "{}x{} here; dossier needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    centred(frame, area, text);
}

/// Draws `lines` in the middle of `area`, each centred.
fn centred(frame: &mut Frame, area: Rect, lines: Vec<Line>) {
    let height = (lines.len() as u16).min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}

const LIST_PANES: [Pane; 3] = [Pane::Timeline, Pane::People, Pane::Articles];

fn pane_block<'a>(app: &App, pane: Pane, title: Line<'a>) -> Block<'a> {
    let focused = app.focus == pane;
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.theme.border())
        .border_style(app.theme.style(if focused {
            Role::FocusedBorder
        } else {
            Role::Border
        }))
        .title(title)
}

/// " People /putin▏ 1 of 14 ": the pane's name, its filter and its counts.
fn list_title(app: &App, i: usize) -> Line<'static> {
    let pane = LIST_PANES[i];
    let view = &app.lists[i];
    let total = [
        app.model.events.len(),
        app.model.people.len(),
        app.model.articles.len(),
    ][i];
    let mut spans = vec![Span::styled(
        format!(" {} ", pane.name()),
        app.theme.style(Role::Heading),
    )];
    let editing = app.mode == Mode::Filter && app.focus == pane;
    if editing || !view.filter.is_empty() {
        let cursor = if editing {
            if app.theme.ascii { "_" } else { "▏" }
        } else {
            ""
        };
        spans.push(Span::styled(
            format!("/{}{cursor} ", view.filter),
            app.theme.style(Role::Prompt),
        ));
    }
    let mut counts = format!("{} of {total}", view.items.len());
    if i == 2 {
        let notes = &app.memory.annotations;
        let unread = view
            .items
            .iter()
            .filter(|&&a| !notes.is_read(&app.model.articles[a].file))
            .count();
        if unread > 0 {
            counts.push_str(&format!(
                "{}{unread} unread",
                app.theme.symbol(Symbol::Separator)
            ));
        }
    }
    spans.push(Span::styled(
        format!("{counts} "),
        app.theme.style(Role::Dim),
    ));
    Line::from(spans)
}

fn collapsed(frame: &mut Frame, app: &App, i: usize, rect: Rect) {
    let arrow = if app.theme.ascii { "> " } else { "▸ " };
    let mut line = list_title(app, i);
    line.spans.insert(
        0,
        Span::styled(format!("{arrow}{}", i + 1), app.theme.style(Role::Dim)),
    );
    frame.render_widget(Paragraph::new(line), rect);
}

fn list(frame: &mut Frame, app: &App, i: usize, rect: Rect) {
    let block = pane_block(app, LIST_PANES[i], list_title(app, i));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let view = &app.lists[i];
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let (contained_people, contained_events) = app.contained();
    let focused = app.focus == LIST_PANES[i];
    let cursor_style = app.theme.style(if focused {
        Role::Cursor
    } else {
        Role::Selected
    });
    let query = &view.query;
    let columns = mark_columns(app, i);
    let marks = |x: usize| mark_spans(app, columns, &super::app::target_of(&app.model, i, x));

    let mut lines: Vec<Line> = Vec::with_capacity(height);
    if i == 0 {
        for row in app.timeline_rows.iter().skip(view.offset).take(height) {
            lines.push(match row {
                Row::Year(year) => {
                    let rule = app
                        .theme
                        .symbol(Symbol::Rule)
                        .repeat(width.saturating_sub(6));
                    Line::from(Span::styled(
                        format!("{year} {rule}"),
                        app.theme.style(Role::Heading),
                    ))
                }
                Row::Month(_, month) => Line::from(Span::styled(
                    format!(" {}", month_name(*month)),
                    app.theme.style(Role::Heading),
                )),
                Row::Gap(text) => Line::from(Span::styled(
                    format!("  {} {text}", app.theme.symbol(Symbol::Gap)),
                    app.theme.style(Role::Dim),
                )),
                Row::Event(position) => {
                    let e = view.items[*position];
                    let event = &app.model.events[e];
                    let date = if view.chronological {
                        match event.date.precision() {
                            Precision::Day => format!(
                                "{:>3} ",
                                event.date.to_string()[8..].trim_start_matches('0')
                            ),
                            _ => "  · ".to_owned(),
                        }
                    } else {
                        format!("{:<11}", event.date.to_string())
                    };
                    let marker = marker(app, Selection::Event(e), contained_events.contains(&e));
                    item_line(
                        app,
                        marker,
                        marks(e),
                        &date,
                        &event.title,
                        "",
                        query,
                        width,
                        (*position == view.cursor).then_some(cursor_style),
                    )
                }
            });
        }
    } else {
        for (position, &x) in view.items.iter().enumerate().skip(view.offset).take(height) {
            let selected = (position == view.cursor).then_some(cursor_style);
            lines.push(if i == 1 {
                let person = &app.model.people[x].person;
                let detail = person
                    .roles
                    .first()
                    .map_or(String::new(), |r| format!("  {r}"));
                let marker = marker(app, Selection::Person(x), contained_people.contains(&x));
                item_line(
                    app,
                    marker,
                    marks(x),
                    "",
                    &person.name,
                    &detail,
                    query,
                    width,
                    selected,
                )
            } else {
                let article = &app.model.articles[x];
                let date = article
                    .date
                    .map_or_else(|| "undated    ".to_owned(), |d| format!("{} ", d.date));
                let marker = if app.reader.article == Some(x) {
                    app.theme.symbol(Symbol::Contained)
                } else {
                    " "
                };
                item_line(
                    app,
                    marker,
                    marks(x),
                    &date,
                    &article.title,
                    "",
                    query,
                    width,
                    selected,
                )
            });
        }
    }
    if lines.is_empty() {
        let text = if view.filter.is_empty() {
            "nothing here with this narrowing (Esc undoes it)"
        } else {
            "no match (Esc clears the filter)"
        };
        lines.push(Line::from(Span::styled(text, app.theme.style(Role::Dim))));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A pinned item, or one the article in the reader contains.
fn marker(app: &App, selection: Selection, contained: bool) -> &'static str {
    if app.is_pinned(selection) {
        app.theme.symbol(Symbol::Pin)
    } else if contained {
        app.theme.symbol(Symbol::Contained)
    } else {
        " "
    }
}

/// One list row: marker, prefix (a date), the text with its filter matches, a dim detail;
/// cut to `width`.
#[allow(clippy::too_many_arguments)]
fn item_line<'a>(
    app: &App,
    marker: &str,
    marks: Vec<Span<'static>>,
    prefix: &str,
    text: &str,
    detail: &str,
    query: &Query,
    width: usize,
    selected: Option<Style>,
) -> Line<'a> {
    let marker_style = if marker == app.theme.symbol(Symbol::Pin) {
        Role::Pinned
    } else {
        Role::Contained
    };
    let marks_width: usize = marks.iter().map(|s| s.width()).sum();
    let mut spans = vec![Span::styled(
        format!("{marker} "),
        app.theme.style(marker_style),
    )];
    spans.extend(marks);
    spans.push(Span::styled(prefix.to_owned(), app.theme.style(Role::Dim)));
    let mut used = marker.width() + 1 + marks_width + prefix.width();
    let matches = if query.is_empty() {
        Vec::new()
    } else {
        app.matcher.highlights(query, text)
    };
    let budget = width.saturating_sub(used);
    let ellipsis = app.theme.symbol(Symbol::Ellipsis);
    let shown = fit(text, budget, ellipsis);
    for (index, c) in shown.chars().enumerate() {
        let style = if matches.contains(&index) {
            app.theme.style(Role::Match)
        } else {
            Style::default()
        };
        match spans.last_mut() {
            Some(last) if last.style == style && index > 0 => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    used += shown.width();
    if !detail.is_empty() && used < width {
        spans.push(Span::styled(
            fit(detail, width - used, ellipsis),
            app.theme.style(Role::Dim),
        ));
    }
    let mut line = Line::from(spans);
    if let Some(style) = selected {
        let pad = width.saturating_sub(line.width());
        line.spans.push(Span::raw(" ".repeat(pad)));
        line = line.patch_style(style);
    }
    line
}

/// Cut to `width` columns, ending in `ellipsis` when cut.
fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + ellipsis.width() > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push_str(ellipsis);
    }
    out
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES
        .get(usize::try_from(month - 1).unwrap_or(0))
        .copied()
        .unwrap_or("")
}

fn reader(frame: &mut Frame, app: &App, rect: Rect) {
    let mut title = vec![Span::styled(" Reader ", app.theme.style(Role::Heading))];
    if app.reader.raw {
        title.push(Span::styled("raw text ", app.theme.style(Role::Warning)));
    }
    let doc = &app.reader.doc;
    let mut block = pane_block(app, Pane::Reader, Line::from(title));
    if !doc.lines.is_empty() {
        let bottom =
            (app.reader.scroll + usize::from(rect.height.saturating_sub(2))).min(doc.lines.len());
        block = block
            .title_bottom(Line::from(format!(" {bottom}/{} ", doc.lines.len())).right_aligned());
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if app.reader.article.is_none() {
        let text = Line::from(Span::styled(
            "No article: the narrowing leaves none (Esc undoes it).",
            app.theme.style(Role::Dim),
        ));
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    let gutter = app.theme.symbol(Symbol::Gutter);
    let lines: Vec<Line> = doc
        .lines
        .iter()
        .skip(app.reader.scroll)
        .take(usize::from(inner.height))
        .map(|line| {
            let mut spans = vec![if line.evidence {
                Span::styled(format!("{gutter} "), app.theme.style(Role::Evidence))
            } else {
                Span::raw("  ")
            }];
            spans.extend(
                line.spans
                    .iter()
                    .map(|(text, mark)| Span::styled(text.clone(), app.theme.mark(*mark))),
            );
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The narrowing in words: "person: Vladimir Putin · 3 of 5 articles".
pub fn narrowing_text(app: &App) -> String {
    let separator = app.theme.symbol(Symbol::Separator);
    let mut parts: Vec<String> = app
        .narrowing()
        .iter()
        .map(|s| {
            let pin = if app.is_pinned(*s) {
                format!("{} ", app.theme.symbol(Symbol::Pin))
            } else {
                String::new()
            };
            match *s {
                Selection::Person(p) => format!("{pin}person: {}", app.model.people[p].person.name),
                Selection::Event(e) => {
                    let event = &app.model.events[e];
                    format!("{pin}event: {} {}", event.date, event.title)
                }
            }
        })
        .collect();
    let articles = app.lists[2].narrowed;
    let total = app.model.articles.len();
    if parts.is_empty() {
        parts.push(format!("all {total} articles"));
    } else {
        parts.push(format!("{articles} of {total} articles"));
    }
    parts.join(separator)
}

fn status(frame: &mut Frame, app: &App, rect: Rect) {
    let theme = &app.theme;
    let width = usize::from(rect.width);
    let focus = Span::styled(
        format!(" {} ", app.focus.name()),
        theme.style(Role::StatusKey),
    );
    let text = match &app.mode {
        Mode::DateJump(input) => format!("date: {input}{}", if theme.ascii { "_" } else { "▏" }),
        _ => app.message.clone().unwrap_or_else(|| narrowing_text(app)),
    };
    // The narrowing matters more than the hints: hints go, the last first, until it fits
    // (the help key stays).
    let (hints, warnings) = status_right(app);
    let mut kept = hints.len();
    let right = |kept: usize| format!("{}{warnings} ", hints[..kept].join("  "));
    while kept > 1 && focus.width() + 2 + text.width() + right(kept).width() > width {
        kept -= 1;
    }
    let right = right(kept);
    let budget = width.saturating_sub(focus.width() + right.width() + 2);
    let middle = format!(" {} ", fit(&text, budget, theme.symbol(Symbol::Ellipsis)));
    let pad = width.saturating_sub(focus.width() + middle.width() + right.width());
    let line = Line::from(vec![
        focus,
        Span::styled(middle, theme.style(Role::Status)),
        Span::styled(" ".repeat(pad), theme.style(Role::Status)),
        Span::styled(right, theme.style(Role::Status)),
    ]);
    frame.render_widget(Paragraph::new(line), rect);
}

/// Key hints for the focus and mode, most useful first with help last; and the warnings count.
fn status_right(app: &App) -> (Vec<String>, String) {
    let key = |context, action| {
        let label = keymap::key_for(context, action).unwrap_or_default();
        if app.theme.ascii {
            keymap::ascii_label(&label)
        } else {
            label
        }
    };
    use super::action::Action as A;
    let mut hints: Vec<String> = match (&app.mode, app.focus) {
        (Mode::Filter, _) => vec![
            format!("{} keep", key(Context::Prompt, A::Submit)),
            format!("{} clear", key(Context::Prompt, A::Cancel)),
        ],
        (Mode::DateJump(_), _) => vec![
            format!("{} jump", key(Context::Prompt, A::Submit)),
            format!("{} cancel", key(Context::Prompt, A::Cancel)),
        ],
        (Mode::Help { .. } | Mode::Warnings { .. }, _) => {
            vec![format!("{} close", key(Context::Overlay, A::Back))]
        }
        (Mode::Note, _) => vec![
            format!("{} keep", key(Context::Note, A::SaveNote)),
            format!("{} cancel", key(Context::Note, A::Cancel)),
        ],
        (_, Pane::Reader) => vec![
            format!(
                "{}/{} mentions",
                key(Context::Reader, A::NextMention),
                key(Context::Reader, A::PrevMention)
            ),
            format!("{} raw", key(Context::Reader, A::ToggleRaw)),
            format!("{} unread", key(Context::Reader, A::ToggleRead)),
            format!("{} star", key(Context::Reader, A::ToggleStar)),
            format!("{} note", key(Context::Reader, A::EditNote)),
        ],
        (_, pane) => {
            let pin = if pane == Pane::Articles {
                "read"
            } else {
                "pin"
            };
            vec![
                format!("{} filter", key(Context::List, A::StartFilter)),
                format!("{} {pin}", key(Context::List, A::Select)),
                format!("{} undo", key(Context::Global, A::Back)),
                format!("{} star", key(Context::List, A::ToggleStar)),
                format!("{} note", key(Context::List, A::EditNote)),
            ]
        }
    };
    if matches!(app.mode, Mode::Normal) {
        hints.insert(0, format!("{} help", key(Context::Global, A::ToggleHelp)));
    }
    let warnings = if app.model.warnings.is_empty() {
        String::new()
    } else {
        let count = app.model.warnings.len();
        let plural = if count == 1 { "" } else { "s" };
        let key = key(Context::Global, A::ShowWarnings);
        format!(
            "  {} {count} warning{plural} ({key})",
            app.theme.symbol(Symbol::Warning)
        )
    };
    (hints, warnings)
}

fn overlay_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(100);
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The help screen, written from the keymap that handles the keys.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for context in Context::HELP_ORDER {
        lines.push(Line::from(Span::styled(
            context.title().to_owned(),
            theme.style(Role::Heading),
        )));
        for binding in keymap().iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| {
                    if theme.ascii {
                        keymap::ascii_label(&keymap::label(k))
                    } else {
                        keymap::label(k)
                    }
                })
                .collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<19}", keys.join(" ")),
                    theme.style(Role::Prompt),
                ),
                Span::raw(binding.help.clone()),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        "Mouse: a click focuses and selects, the wheel scrolls (--no-mouse turns it off).",
        theme.style(Role::Dim),
    )));
    lines.push(Line::from(Span::styled(
        format!(
            "Marks: {} unread, {} starred, {} has a note. An article is read once it has been in \
             the reader for a moment with the Articles list or the Reader focused, or when the \
             Reader is scrolled.",
            theme.symbol(Symbol::Unread),
            theme.symbol(Symbol::Star),
            theme.symbol(Symbol::Note)
        ),
        theme.style(Role::Dim),
    )));
    lines
}

fn help(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let rect = overlay_area(area);
    frame.render_widget(Clear, rect);
    let block = pane_block(
        app,
        app.focus,
        Line::from(Span::styled(" Keys ", app.theme.style(Role::Heading))),
    )
    .border_style(app.theme.style(Role::FocusedBorder));
    let lines = help_lines(&app.theme);
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

fn warnings(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let rect = overlay_area(area);
    frame.render_widget(Clear, rect);
    let title = format!(" Loading warnings: {} ", app.model.warnings.len());
    let block = pane_block(
        app,
        app.focus,
        Line::from(Span::styled(title, app.theme.style(Role::Heading))),
    )
    .border_style(app.theme.style(Role::FocusedBorder));
    let lines: Vec<Line> = if app.model.warnings.is_empty() {
        vec![Line::from("Every article loaded without a problem.")]
    } else {
        app.model
            .warnings
            .iter()
            .map(|w| {
                Line::from(vec![
                    Span::styled(w.file.clone(), app.theme.style(Role::Warning)),
                    Span::raw(format!(": {}", w.message)),
                ])
            })
            .collect()
    };
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}
