//! Keeping one article's failure to that article.
//!
//! A bug that panics on one article's text must cost that article, not the load: each
//! article's decoding, cleaning and extraction runs inside [`isolated`], and a panic there
//! becomes an error value that the caller turns into a warning naming the article.
//!
//! A caught panic is not news for the terminal: the panic hook prints nothing while an isolated
//! piece of work runs on the panicking thread, and the TUI's hook leaves the terminal alone (see
//! [`panic_is_caught`]). The message travels in the warning instead.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`isolated`] calls are running on this thread (they can nest).
    static ISOLATED: Cell<usize> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Longest panic message kept for a warning, in characters.
const LONGEST_MESSAGE: usize = 200;

/// Runs `work`, and turns a panic inside it into `Err` with the panic's message.
///
/// State shared with `work` must stay consistent if `work` stops part way; the callers only
/// share read-only data and atomic counters with it, which is why unwind safety is asserted.
pub fn isolated<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(install_quiet_hook);
    ISOLATED.with(|depth| depth.set(depth.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    ISOLATED.with(|depth| depth.set(depth.get().saturating_sub(1)));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        let mut message = crate::corpus::sanitize::sanitize_line(&message);
        if let Some((cut, _)) = message.char_indices().nth(LONGEST_MESSAGE) {
            message.truncate(cut);
            message.push('…');
        }
        message
    })
}

/// Whether a panic on the current thread will be caught by [`isolated`]: a panic hook should
/// then neither print nor restore the terminal, since the program goes on.
pub fn panic_is_caught() -> bool {
    ISOLATED.with(Cell::get) > 0
}

/// Silences the hook for caught panics; every other panic is reported as before.
fn install_quiet_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !panic_is_caught() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(isolated(|| 2 + 2), Ok(4));
        let caught = isolated(|| -> usize { panic!("index {} out of range", 7) });
        assert_eq!(caught, Err("index 7 out of range".to_owned()));
        assert!(
            !panic_is_caught(),
            "the thread is no longer isolated afterwards"
        );
    }
}
