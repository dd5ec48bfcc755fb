//! The one owner of the terminal: raw mode, the alternate screen and mouse capture, given back on
//! drop, on panic, on every signal that ends the process and while it is stopped (Ctrl-Z), and
//! taken again when it continues.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

use super::backend::CompactBackend;
// Who holds the terminal, as the signal handlers see it; without signals, just a flag.
#[cfg(unix)]
use super::signals;
#[cfg(not(unix))]
use fallback as signals;

static PANIC_HOOK: Once = Once::new();

pub struct Term {
    pub terminal: Terminal<CompactBackend<Stdout>>,
}

impl Term {
    /// Take over the terminal. Whatever happens next, [`restore`] gives it back.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        PANIC_HOOK.call_once(install_panic_hook);
        signals::prepare();
        enable_raw_mode()?;
        signals::taken(mouse);
        let mut stdout = io::stdout();
        // Bracketed paste: a paste reaches a prompt as text, never as keys that run commands.
        let entered = execute!(
            stdout,
            EnterAlternateScreen,
            cursor::Hide,
            EnableBracketedPaste
        )
        .and_then(|()| {
            if mouse {
                execute!(stdout, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(err) = entered {
            restore(mouse);
            return Err(err);
        }
        match Terminal::new(CompactBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Self { terminal }),
            Err(err) => {
                restore(mouse);
                Err(err)
            }
        }
    }

    /// Whether the process was stopped and continued since the last call: the terminal is ours
    /// again, but the screen shows whatever the shell left there.
    pub fn take_resumed(&self) -> bool {
        signals::take_resumed()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        restore(signals::mouse());
    }
}

/// Stop the process as Ctrl-Z does in a shell; the terminal is given back meanwhile and taken
/// again on `fg`.
pub fn suspend() {
    signals::suspend();
}

/// Give the terminal back as it was, on this thread (not a signal handler). Safe to call from
/// any thread, any number of times. The modes go first: they need no output, and a terminal
/// nobody reads may take none.
fn restore(mouse: bool) {
    if !signals::released() {
        return;
    }
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    // Each step is tried even if an earlier one fails: the terminal may already be gone.
    if mouse {
        let _ = execute!(stdout, DisableMouseCapture);
    }
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic that one article's isolation catches does not end the program: the terminal
        // stays ours, and the article's warning carries the message.
        if !crate::isolate::panic_is_caught() {
            restore(signals::mouse());
        }
        previous(info);
    }));
}

/// Where there are no signals to handle, the state is just whether the terminal is ours.
#[cfg(not(unix))]
mod fallback {
    use std::sync::atomic::{AtomicBool, Ordering};

    static OURS: AtomicBool = AtomicBool::new(false);
    static MOUSE: AtomicBool = AtomicBool::new(false);

    pub fn prepare() {}

    pub fn suspend() {}

    pub fn take_resumed() -> bool {
        false
    }

    pub fn taken(mouse: bool) {
        MOUSE.store(mouse, Ordering::SeqCst);
        OURS.store(true, Ordering::SeqCst);
    }

    pub fn released() -> bool {
        OURS.swap(false, Ordering::SeqCst)
    }

    pub fn mouse() -> bool {
        MOUSE.load(Ordering::SeqCst)
    }
}
