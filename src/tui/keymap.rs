//! Keys as data: one table turns key presses into actions and writes the help screen.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Pane};

/// Where a binding applies. Lookup goes from the most specific context to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The filter and date prompts.
    Prompt,
    /// The help and warnings screens.
    Overlay,
    Timeline,
    /// Any of the three lists.
    List,
    Reader,
    Global,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Lists (Timeline, People, Articles)",
            Context::Timeline => "Timeline",
            Context::Reader => "Reader",
            Context::Prompt => "Filter and date prompts",
            Context::Overlay => "Help and warnings screens",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Context::{Global, List, Overlay, Prompt, Reader, Timeline};
use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every key dossier knows, in the order the help screen lists them.
pub const KEYMAP: &[Binding] = &[
    bind(
        Prompt,
        &[code(Enter)],
        Action::Submit,
        "keep the filter / jump to the date",
    ),
    bind(
        Prompt,
        &[code(Esc)],
        Action::Cancel,
        "clear the filter / cancel",
    ),
    bind(
        Prompt,
        &[code(Backspace)],
        Action::DeleteChar,
        "delete a character",
    ),
    bind(
        Prompt,
        &[ctrl('u')],
        Action::ClearInput,
        "delete everything typed",
    ),
    bind(
        Prompt,
        &[code(Down), ctrl('n')],
        Action::Down,
        "move down the results",
    ),
    bind(
        Prompt,
        &[code(Up), ctrl('p')],
        Action::Up,
        "move up the results",
    ),
    bind(
        Overlay,
        &[code(Esc), ch('q'), ch('?')],
        Action::Back,
        "close",
    ),
    bind(Overlay, &[ch('j'), code(Down)], Action::Down, "scroll down"),
    bind(Overlay, &[ch('k'), code(Up)], Action::Up, "scroll up"),
    bind(
        Overlay,
        &[code(PageDown), ch(' ')],
        Action::PageDown,
        "page down",
    ),
    bind(Overlay, &[code(PageUp)], Action::PageUp, "page up"),
    bind(
        Timeline,
        &[ch('[')],
        Action::PrevMonth,
        "previous month with events",
    ),
    bind(
        Timeline,
        &[ch(']')],
        Action::NextMonth,
        "next month with events",
    ),
    bind(
        Timeline,
        &[ch('{')],
        Action::PrevYear,
        "previous year with events",
    ),
    bind(
        Timeline,
        &[ch('}')],
        Action::NextYear,
        "next year with events",
    ),
    bind(
        Timeline,
        &[ch('t')],
        Action::StartDateJump,
        "jump to a date (2025, 2025-04, 2025-08-18)",
    ),
    bind(List, &[ch('j'), code(Down)], Action::Down, "next item"),
    bind(List, &[ch('k'), code(Up)], Action::Up, "previous item"),
    bind(
        List,
        &[code(PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    bind(List, &[code(PageUp), ctrl('u')], Action::PageUp, "page up"),
    bind(List, &[ch('g'), code(Home)], Action::Top, "first item"),
    bind(List, &[ch('G'), code(End)], Action::Bottom, "last item"),
    bind(
        List,
        &[ch('/')],
        Action::StartFilter,
        "filter: fuzzy, 'exact, ^prefix, suffix$, !not; space = and",
    ),
    bind(
        List,
        &[code(Enter)],
        Action::Select,
        "pin or unpin the event or person; read the article",
    ),
    bind(Reader, &[ch('j'), code(Down)], Action::Down, "scroll down"),
    bind(Reader, &[ch('k'), code(Up)], Action::Up, "scroll up"),
    bind(
        Reader,
        &[code(PageDown), ch(' '), ctrl('d')],
        Action::PageDown,
        "page down",
    ),
    bind(
        Reader,
        &[code(PageUp), ch('b'), ctrl('u')],
        Action::PageUp,
        "page up",
    ),
    bind(Reader, &[ch('g'), code(Home)], Action::Top, "top"),
    bind(Reader, &[ch('G'), code(End)], Action::Bottom, "bottom"),
    bind(
        Reader,
        &[ch('n')],
        Action::NextMention,
        "next mention of the selected person",
    ),
    bind(
        Reader,
        &[ch('N')],
        Action::PrevMention,
        "previous mention of the selected person",
    ),
    bind(
        Reader,
        &[ch('r')],
        Action::ToggleRaw,
        "show the raw text / the cleaned article",
    ),
    bind(Global, &[code(Tab)], Action::FocusNext, "next pane"),
    bind(Global, &[code(BackTab)], Action::FocusPrev, "previous pane"),
    bind(
        Global,
        &[code(Right), ch('l')],
        Action::FocusNext,
        "next pane",
    ),
    bind(
        Global,
        &[code(Left), ch('h')],
        Action::FocusPrev,
        "previous pane",
    ),
    bind(
        Global,
        &[ch('1')],
        Action::Focus(Pane::Timeline),
        "Timeline",
    ),
    bind(Global, &[ch('2')], Action::Focus(Pane::People), "People"),
    bind(
        Global,
        &[ch('3')],
        Action::Focus(Pane::Articles),
        "Articles",
    ),
    bind(Global, &[ch('4')], Action::Focus(Pane::Reader), "Reader"),
    bind(
        Global,
        &[code(Esc)],
        Action::Back,
        "undo the narrowing, the last pin first; then the filter",
    ),
    bind(Global, &[ch('w')], Action::ShowWarnings, "loading warnings"),
    bind(Global, &[ch('?')], Action::ToggleHelp, "this help"),
    bind(
        Global,
        &[ctrl('l')],
        Action::Redraw,
        "redraw the whole screen (after line noise)",
    ),
    bind(
        Global,
        &[ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg to come back)",
    ),
    bind(Global, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
];

/// The contexts a key is looked up in, most specific first.
pub fn contexts(prompt: bool, overlay: bool, focus: Pane) -> Vec<Context> {
    if prompt {
        return vec![Prompt];
    }
    if overlay {
        return vec![Overlay];
    }
    match focus {
        Pane::Timeline => vec![Timeline, List, Global],
        Pane::People | Pane::Articles => vec![List, Global],
        Pane::Reader => vec![Reader, Global],
    }
}

/// The action a key press means in these contexts. Typed characters in a prompt are input.
pub fn action_for(event: KeyEvent, contexts: &[Context]) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let key = Key {
        code: event.code,
        ctrl,
    };
    for &context in contexts {
        let found = KEYMAP
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| b.action);
        if found.is_some() {
            return found;
        }
        if context == Prompt
            && let (KeyCode::Char(c), false) = (
                event.code,
                ctrl || event.modifiers.contains(KeyModifiers::ALT),
            )
        {
            return Some(Action::Input(c));
        }
    }
    // Global Ctrl keys (quit, redraw, suspend) work from anywhere, prompts and overlays included: they
    // are never text, and a user in trouble reaches for them first.
    KEYMAP
        .iter()
        .find(|b| b.context == Global && key.ctrl && b.keys.contains(&key))
        .map(|b| b.action)
}

/// How a key is written on the help screen and in hints.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "Shift-Tab".to_owned(),
        KeyCode::Backspace => "Backspace".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// The key table as Markdown, for the README (a test keeps the README's copy current).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | what they do |\n|---|---|\n");
    for context in [Global, List, Timeline, Reader, Prompt, Overlay] {
        out.push_str(&format!("| **{}** | |\n", context.title()));
        for binding in KEYMAP.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", label(k).replace('|', "\\|")))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), binding.help));
        }
    }
    out
}

/// ASCII spellings of the arrow keys, for `--ascii`.
pub fn ascii_label(label: &str) -> String {
    label
        .replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

/// The first key bound to `action` in `context`, for hints in the status line.
pub fn key_for(context: Context, action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.context == context && b.action == action)
        .and_then(|b| b.keys.first())
        .map(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn specific_contexts_win() {
        let timeline = contexts(false, false, Pane::Timeline);
        assert_eq!(
            action_for(press(KeyCode::Char('['), KeyModifiers::NONE), &timeline),
            Some(Action::PrevMonth)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('j'), KeyModifiers::NONE), &timeline),
            Some(Action::Down)
        );
        let reader = contexts(false, false, Pane::Reader);
        assert_eq!(
            action_for(press(KeyCode::Char('['), KeyModifiers::NONE), &reader),
            None
        );
        assert_eq!(
            action_for(press(KeyCode::Char('n'), KeyModifiers::NONE), &reader),
            Some(Action::NextMention)
        );
    }

    #[test]
    fn shifted_letters_and_ctrl() {
        let list = contexts(false, false, Pane::People);
        assert_eq!(
            action_for(press(KeyCode::Char('G'), KeyModifiers::SHIFT), &list),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('c'), KeyModifiers::CONTROL), &list),
            Some(Action::Quit)
        );
    }

    #[test]
    fn prompts_take_typed_characters() {
        let prompt = contexts(true, false, Pane::People);
        assert_eq!(
            action_for(press(KeyCode::Char('q'), KeyModifiers::NONE), &prompt),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(press(KeyCode::Char('c'), KeyModifiers::CONTROL), &prompt),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(press(KeyCode::Esc, KeyModifiers::NONE), &prompt),
            Some(Action::Cancel)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{:?} bound twice in {:?}",
                            key,
                            a.context
                        );
                    }
                }
            }
        }
    }
}
