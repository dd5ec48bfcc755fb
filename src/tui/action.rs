//! What the user can ask for. Keys and mouse events become actions; `update` carries them out.

/// The four panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Timeline,
    People,
    Articles,
    Reader,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Timeline, Pane::People, Pane::Articles, Pane::Reader];

    pub fn name(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::People => "People",
            Pane::Articles => "Articles",
            Pane::Reader => "Reader",
        }
    }

    pub fn is_list(self) -> bool {
        self != Pane::Reader
    }

    /// Index of a list pane in `App::lists`.
    pub fn list_index(self) -> Option<usize> {
        match self {
            Pane::Timeline => Some(0),
            Pane::People => Some(1),
            Pane::Articles => Some(2),
            Pane::Reader => None,
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self as usize + 1) % 4]
    }

    pub fn previous(self) -> Pane {
        Pane::ALL[(self as usize + 3) % 4]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Clear and draw everything again, for a screen garbled by line noise or another program.
    Redraw,
    /// Stop the process as Ctrl-Z does in a shell, giving the terminal back until `fg`.
    Suspend,
    ToggleHelp,
    ShowWarnings,
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// Esc: close, cancel, unpin or clear, whichever applies first.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter on a list item.
    Select,
    StartFilter,
    StartDateJump,
    PrevMonth,
    NextMonth,
    PrevYear,
    NextYear,
    NextMention,
    PrevMention,
    ToggleRaw,
    /// Mark the article read or unread.
    ToggleRead,
    /// Star or unstar the focused article, person or event.
    ToggleStar,
    /// Write or change the note of the focused article, person or event.
    EditNote,
    /// Keep the note being written.
    SaveNote,
    /// A key for the note editor, which handles it itself.
    Edit(crossterm::event::KeyEvent),
    /// The `/` prompt's previous query from the history, and back towards the newest.
    HistoryPrev,
    HistoryNext,
    Input(char),
    DeleteChar,
    ClearInput,
    Submit,
    Cancel,
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
