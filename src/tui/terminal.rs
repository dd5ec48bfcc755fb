//! The one owner of the terminal: raw mode, the alternate screen and mouse capture, restored on
//! drop, on panic, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT.

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

use super::backend::CompactBackend;

/// The terminal is in our hands (raw mode, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOKS: Once = Once::new();

pub struct Term {
    pub terminal: Terminal<CompactBackend<Stdout>>,
}

impl Term {
    /// Take over the terminal. Whatever happens next, [`restore`] gives it back.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        HOOKS.call_once(install_hooks);
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut stdout = io::stdout();
        let entered = execute!(stdout, EnterAlternateScreen, cursor::Hide).and_then(|()| {
            if mouse {
                execute!(stdout, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(err) = entered {
            restore();
            return Err(err);
        }
        match Terminal::new(CompactBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Self { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        restore();
    }
}

/// Give the terminal back as it was. Safe to call from any thread, any number of times.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    // Each step is tried even if an earlier one fails: the terminal may already be gone.
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(stdout, DisableMouseCapture);
    }
    let _ = execute!(stdout, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_hooks() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic that one article's isolation catches does not end the program: the terminal
        // stays ours, and the article's warning carries the message.
        if !crate::isolate::panic_is_caught() {
            restore();
        }
        previous(info);
    }));
    // A thread waits for termination signals: the event loop blocks on input and never polls.
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    {
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    restore();
                    std::process::exit(128 + signal);
                }
            });
        // Without the thread, signals keep their default action, which ends the process
        // anyway; the terminal is then restored by the shell's reset at worst.
        drop(spawned);
    }
}
