//! Keys as data: one table, `assets/keymap.toml`, turns key presses into actions and writes the
//! help screen.

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Pane};

/// Where a binding applies. Lookup goes from the most specific context to `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// The filter and date prompts.
    Prompt,
    /// The help and warnings screens.
    Overlay,
    /// The note editor.
    Note,
    Timeline,
    Articles,
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
            Context::Articles => "Articles",
            Context::Reader => "Reader",
            Context::Prompt => "Filter and date prompts",
            Context::Overlay => "Help and warnings screens",
            Context::Note => "Note editor (Enter starts a new line; Ctrl-u undoes, Ctrl-r redoes)",
        }
    }

    /// The contexts in the order the help screen and the README show them.
    pub const HELP_ORDER: [Context; 8] = [
        Context::Global,
        Context::List,
        Context::Timeline,
        Context::Articles,
        Context::Reader,
        Context::Prompt,
        Context::Note,
        Context::Overlay,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// A key as the keymap file writes it: "j", "space", "Enter", "Ctrl-u", "Shift-Tab".
    pub fn parse(text: &str) -> Option<Self> {
        let (ctrl, name) = match text.strip_prefix("Ctrl-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, text),
        };
        let code = match name {
            "space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Shift-Tab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Self { code, ctrl })
    }
}

/// The actions the keymap file can name.
const ACTIONS: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("redraw", Action::Redraw),
    ("suspend", Action::Suspend),
    ("help", Action::ToggleHelp),
    ("warnings", Action::ShowWarnings),
    ("focus-next", Action::FocusNext),
    ("focus-prev", Action::FocusPrev),
    ("focus-timeline", Action::Focus(Pane::Timeline)),
    ("focus-people", Action::Focus(Pane::People)),
    ("focus-articles", Action::Focus(Pane::Articles)),
    ("focus-reader", Action::Focus(Pane::Reader)),
    ("back", Action::Back),
    ("up", Action::Up),
    ("down", Action::Down),
    ("page-up", Action::PageUp),
    ("page-down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("select", Action::Select),
    ("filter", Action::StartFilter),
    ("date-jump", Action::StartDateJump),
    ("prev-month", Action::PrevMonth),
    ("next-month", Action::NextMonth),
    ("prev-year", Action::PrevYear),
    ("next-year", Action::NextYear),
    ("next-mention", Action::NextMention),
    ("prev-mention", Action::PrevMention),
    ("raw", Action::ToggleRaw),
    ("read", Action::ToggleRead),
    ("star", Action::ToggleStar),
    ("note", Action::EditNote),
    ("save-note", Action::SaveNote),
    ("history-prev", Action::HistoryPrev),
    ("history-next", Action::HistoryNext),
    ("delete-char", Action::DeleteChar),
    ("clear-input", Action::ClearInput),
    ("submit", Action::Submit),
    ("cancel", Action::Cancel),
];

pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

/// Why a keymap file cannot be used, naming the binding at fault.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: binding {index} ({help:?}): unknown key {key:?}")]
    UnknownKey {
        file: String,
        index: usize,
        help: String,
        key: String,
    },
    #[error("{file}: binding {index} ({help:?}): unknown action {action:?}")]
    UnknownAction {
        file: String,
        index: usize,
        help: String,
        action: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    binding: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    context: Context,
    keys: Vec<String>,
    action: String,
    help: String,
}

/// Read a keymap file's text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Vec<Binding>, KeymapError> {
    let parsed: File = toml::from_str(text).map_err(|e| KeymapError::Syntax {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    parsed
        .binding
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let index = i + 1;
            let action = ACTIONS
                .iter()
                .find(|(name, _)| *name == entry.action)
                .map(|(_, a)| *a)
                .ok_or_else(|| KeymapError::UnknownAction {
                    file: file.to_owned(),
                    index,
                    help: entry.help.clone(),
                    action: entry.action.clone(),
                })?;
            let keys = entry
                .keys
                .iter()
                .map(|k| {
                    Key::parse(k).ok_or_else(|| KeymapError::UnknownKey {
                        file: file.to_owned(),
                        index,
                        help: entry.help.clone(),
                        key: k.clone(),
                    })
                })
                .collect::<Result<Vec<Key>, KeymapError>>()?;
            Ok(Binding {
                context: entry.context,
                keys,
                action,
                help: entry.help,
            })
        })
        .collect()
}

const BUNDLED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/keymap.toml"));

/// Every key dossier knows, in the order the help screen lists them.
pub fn keymap() -> &'static [Binding] {
    static KEYMAP: OnceLock<Vec<Binding>> = OnceLock::new();
    // The bundled file is part of the build and checked by tests; an error here is a bug.
    KEYMAP.get_or_init(|| parse(BUNDLED, "assets/keymap.toml").unwrap_or_default())
}

use Context::{Global, List, Overlay, Prompt, Reader, Timeline};

/// What takes the keys before the panes do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Panes,
    Prompt,
    Overlay,
    Note,
}

/// The contexts a key is looked up in, most specific first.
pub fn contexts(layer: Layer, focus: Pane) -> Vec<Context> {
    match layer {
        Layer::Prompt => return vec![Prompt],
        Layer::Overlay => return vec![Overlay],
        Layer::Note => return vec![Context::Note],
        Layer::Panes => {}
    }
    match focus {
        Pane::Timeline => vec![Timeline, List, Global],
        Pane::People => vec![List, Global],
        Pane::Articles => vec![Context::Articles, List, Global],
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
        let found = keymap()
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
    keymap()
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
    for context in Context::HELP_ORDER {
        out.push_str(&format!("| **{}** | |\n", context.title()));
        for binding in keymap().iter().filter(|b| b.context == context) {
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
    keymap()
        .iter()
        .find(|b| b.context == context && b.action == action)
        .and_then(|b| b.keys.first())
        .map(label)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn specific_contexts_win() {
        let timeline = contexts(Layer::Panes, Pane::Timeline);
        assert_eq!(
            action_for(press(KeyCode::Char('['), KeyModifiers::NONE), &timeline),
            Some(Action::PrevMonth)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('j'), KeyModifiers::NONE), &timeline),
            Some(Action::Down)
        );
        let reader = contexts(Layer::Panes, Pane::Reader);
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
        let list = contexts(Layer::Panes, Pane::People);
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
        let prompt = contexts(Layer::Prompt, Pane::People);
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
    fn the_bundled_keymap_parses_and_names_every_context() {
        let bindings = parse(BUNDLED, "assets/keymap.toml").unwrap();
        for context in Context::HELP_ORDER {
            assert!(
                bindings.iter().any(|b| b.context == context),
                "{context:?} has no binding"
            );
        }
        assert_eq!(bindings.len(), keymap().len());
    }

    #[test]
    fn a_bad_keymap_names_the_binding_at_fault() {
        let text = "[[binding]]\ncontext = \"list\"\nkeys = [\"j\"]\naction = \"down\"\nhelp = \"next\"\n\
                    [[binding]]\ncontext = \"list\"\nkeys = [\"Hyper-x\"]\naction = \"down\"\nhelp = \"odd\"\n";
        let err = parse(text, "keys.toml").err().unwrap().to_string();
        assert!(
            err.contains("keys.toml") && err.contains("binding 2") && err.contains("Hyper-x"),
            "{err}"
        );
        let text = text.replace("Hyper-x", "k").replace(
            "action = \"down\"\nhelp = \"odd\"",
            "action = \"fly\"\nhelp = \"odd\"",
        );
        let err = parse(&text, "keys.toml").err().unwrap().to_string();
        assert!(err.contains("unknown action \"fly\""), "{err}");
    }

    #[test]
    fn keys_parse_as_the_help_writes_them() {
        assert_eq!(Key::parse("Ctrl-u"), Some(ctrl('u')));
        assert_eq!(Key::parse("space"), Some(ch(' ')));
        assert_eq!(Key::parse("-"), Some(ch('-')));
        assert_eq!(
            Key::parse("Shift-Tab").map(|k| k.code),
            Some(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("jk"), None);
        for binding in keymap() {
            for key in &binding.keys {
                let label = ascii_label(&label(key));
                assert_eq!(Key::parse(&label), Some(*key), "{label}");
            }
        }
    }

    #[test]
    fn reading_keys_are_pane_specific_and_the_prompt_recalls_history() {
        let articles = contexts(Layer::Panes, Pane::Articles);
        let people = contexts(Layer::Panes, Pane::People);
        let u = press(KeyCode::Char('u'), KeyModifiers::NONE);
        assert_eq!(action_for(u, &articles), Some(Action::ToggleRead));
        assert_eq!(action_for(u, &people), None);
        let s = press(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(action_for(s, &people), Some(Action::ToggleStar));
        let prompt = contexts(Layer::Prompt, Pane::People);
        assert_eq!(
            action_for(press(KeyCode::Char('p'), KeyModifiers::CONTROL), &prompt),
            Some(Action::HistoryPrev)
        );
        let note = contexts(Layer::Note, Pane::People);
        assert_eq!(
            action_for(press(KeyCode::Char('s'), KeyModifiers::CONTROL), &note),
            Some(Action::SaveNote)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let keymap = keymap();
        for (i, a) in keymap.iter().enumerate() {
            for b in &keymap[i + 1..] {
                if a.context == b.context {
                    for key in &a.keys {
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
