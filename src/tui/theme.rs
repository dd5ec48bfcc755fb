//! Colours and symbols: 16 colours, monochrome (NO_COLOR) and ASCII variants.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use super::reader::Mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

/// What a piece of the screen is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Border,
    FocusedBorder,
    /// The row under the cursor in the focused list.
    Cursor,
    /// The row under the cursor in another list.
    Selected,
    Pinned,
    /// An item that the article in the reader contains.
    Contained,
    /// Characters matched by the filter.
    Match,
    Heading,
    Dim,
    Status,
    StatusKey,
    Warning,
    Prompt,
    Evidence,
    /// The marks the reader left: unread, starred, noted.
    Unread,
    Starred,
    Noted,
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::ROUNDED
        }
    }

    pub fn symbol(&self, name: Symbol) -> &'static str {
        match (name, self.ascii) {
            (Symbol::Pin, false) => "◆",
            (Symbol::Pin, true) => "*",
            (Symbol::Contained, false) => "•",
            (Symbol::Contained, true) => "+",
            (Symbol::Gutter, false) => "▌",
            (Symbol::Gutter, true) => "|",
            (Symbol::Gap, false) => "┊",
            (Symbol::Gap, true) => ":",
            (Symbol::Separator, false) => " · ",
            (Symbol::Separator, true) => " - ",
            (Symbol::Rule, false) => "─",
            (Symbol::Rule, true) => "-",
            (Symbol::Warning, false) => "⚠",
            (Symbol::Warning, true) => "!",
            (Symbol::Inferred, _) => "(inferred)",
            (Symbol::Ellipsis, false) => "…",
            (Symbol::Ellipsis, true) => "~",
            (Symbol::Unread, false) => "●",
            (Symbol::Unread, true) => "N",
            (Symbol::Star, false) => "★",
            (Symbol::Star, true) => "!",
            (Symbol::Note, false) => "✎",
            (Symbol::Note, true) => "@",
        }
    }

    pub fn style(&self, role: Role) -> Style {
        let s = Style::default();
        if !self.color {
            return match role {
                Role::FocusedBorder | Role::Heading | Role::StatusKey | Role::Prompt => {
                    s.add_modifier(Modifier::BOLD)
                }
                Role::Cursor => s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                Role::Selected => s.add_modifier(Modifier::UNDERLINED),
                Role::Pinned | Role::Match => s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Role::Contained | Role::Warning => s.add_modifier(Modifier::BOLD),
                Role::Dim | Role::Border => s,
                Role::Status => s.add_modifier(Modifier::REVERSED),
                Role::Evidence => s.add_modifier(Modifier::BOLD),
                Role::Unread | Role::Starred | Role::Noted => s.add_modifier(Modifier::BOLD),
            };
        }
        match role {
            Role::Border => s.fg(Color::DarkGray),
            Role::FocusedBorder => s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Cursor => s.fg(Color::Black).bg(Color::Cyan),
            Role::Selected => s.bg(Color::DarkGray).fg(Color::White),
            Role::Pinned => s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Role::Contained => s.fg(Color::Green),
            Role::Match => s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Role::Heading => s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            Role::Dim => s.fg(Color::DarkGray),
            Role::Status => s.bg(Color::Blue).fg(Color::White),
            Role::StatusKey => s
                .bg(Color::Blue)
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Role::Warning => s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Role::Prompt => s.fg(Color::Yellow),
            Role::Evidence => s.fg(Color::Yellow),
            Role::Unread => s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Starred => s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Role::Noted => s.fg(Color::Green).add_modifier(Modifier::BOLD),
        }
    }

    /// Styles of the reader's text.
    pub fn mark(&self, mark: Mark) -> Style {
        let s = Style::default();
        if !self.color {
            return match mark {
                Mark::Plain | Mark::Meta => s,
                Mark::Title | Mark::Heading => s.add_modifier(Modifier::BOLD),
                Mark::Date => s.add_modifier(Modifier::UNDERLINED),
                Mark::Mention => s.add_modifier(Modifier::UNDERLINED),
                Mark::Selected => s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                Mark::Note => s.add_modifier(Modifier::ITALIC),
            };
        }
        match mark {
            Mark::Plain => s,
            Mark::Meta => s.fg(Color::DarkGray),
            Mark::Title => s.fg(Color::White).add_modifier(Modifier::BOLD),
            Mark::Heading => s.fg(Color::Blue).add_modifier(Modifier::BOLD),
            Mark::Date => s.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            Mark::Mention => s.fg(Color::Cyan),
            Mark::Selected => s
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Mark::Note => s.fg(Color::Green),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    Pin,
    Contained,
    Gutter,
    Gap,
    Separator,
    Rule,
    Warning,
    Inferred,
    Ellipsis,
    Unread,
    Star,
    Note,
}
