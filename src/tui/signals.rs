//! Giving the terminal back when a signal arrives, from inside the signal handler itself.
//!
//! A handler can interrupt any thread anywhere: the main thread in the middle of a frame, holding
//! the stdout lock while a terminal nobody reads (a frozen SSH link) refuses the bytes, or
//! `abort()` on its way to ending the process, which leaves no time for another thread to act.
//! So the handlers use only atomics and async-signal-safe calls (`write`, `tcsetattr`,
//! `sigaction`, `raise`), never a lock nor the allocator, and write through a second,
//! non-blocking handle on the terminal, with a deadline: when the bytes cannot go, the process
//! still ends, with the terminal's modes (its termios) restored at least.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU8, Ordering};
use std::time::{Duration, Instant};

use libc::c_int;

/// Signals whose default action ends the process. Each gives the terminal back first, then ends
/// the process by the same signal, so that its parent sees what ended it (and a core where the
/// signal asks for one). SIGSEGV and friends stay with Rust's handler, which reports a stack
/// overflow and then aborts: SIGABRT restores the terminal then.
const FATAL: &[c_int] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGABRT,
];

/// How long a handler keeps trying to send the bytes that give the screen back, and the pause
/// between tries.
const WRITE_BUDGET: Duration = Duration::from_millis(300);
const PAUSE_NS: libc::c_long = 5_000_000;

/// Leaves mouse reporting, bracketed paste, the alternate screen and the hidden cursor, in the
/// reverse order of entering. CAN first ends whatever escape sequence an interrupted frame left
/// half-written.
const LEAVE: &[u8] =
    b"\x18\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h";
const LEAVE_NO_MOUSE: &[u8] = b"\x18\x1b[?2004l\x1b[?1049l\x1b[?25h";
const ENTER: &[u8] =
    b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
const ENTER_NO_MOUSE: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h";

/// Whose the terminal is.
static STATE: AtomicU8 = AtomicU8::new(NOT_OURS);
const NOT_OURS: u8 = 0;
/// Raw mode and the alternate screen are on.
const OURS: u8 = 1;
/// Given back to the shell while the process is stopped; taken again on SIGCONT.
const LENT: u8 = 2;

static MOUSE: AtomicBool = AtomicBool::new(false);
/// The terminal as input: where raw mode is set.
static INPUT_FD: AtomicI32 = AtomicI32::new(libc::STDIN_FILENO);
/// The terminal as output, opened again so that it is non-blocking without making the shell's
/// own handle (fd 1, shared with the shell) non-blocking; or fd 1 itself when that failed.
static OUTPUT_FD: AtomicI32 = AtomicI32::new(libc::STDOUT_FILENO);
static OUTPUT_REOPENED: AtomicBool = AtomicBool::new(false);
static COOKED: OnceLock<libc::termios> = OnceLock::new();
static RAW: OnceLock<libc::termios> = OnceLock::new();
/// Set when the terminal was taken again after a stop: the screen must be drawn whole.
static RESUMED: AtomicBool = AtomicBool::new(false);
static INSTALLED: std::sync::Once = std::sync::Once::new();

/// Before raw mode: remember the terminal's modes and install the handlers.
pub fn prepare() {
    INSTALLED.call_once(|| {
        // SAFETY: isatty and tcgetattr only read; the termios is written by tcgetattr.
        unsafe {
            if libc::isatty(libc::STDIN_FILENO) == 0 {
                let tty = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
                if tty >= 0 {
                    INPUT_FD.store(tty, Ordering::SeqCst);
                }
            }
            let mut cooked: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(INPUT_FD.load(Ordering::SeqCst), &mut cooked) == 0 {
                let _ = COOKED.set(cooked);
            }
        }
        reopen_output();
        install_handlers();
    });
}

/// A handle of our own on the terminal that fd 1 is, non-blocking.
fn reopen_output() {
    let mut name = [0 as libc::c_char; 256];
    // SAFETY: ttyname_r writes a NUL-terminated path into the buffer of the length given.
    unsafe {
        if libc::ttyname_r(libc::STDOUT_FILENO, name.as_mut_ptr(), name.len()) != 0 {
            return;
        }
        let fd = libc::open(
            name.as_ptr(),
            libc::O_WRONLY | libc::O_NOCTTY | libc::O_NONBLOCK | libc::O_CLOEXEC,
        );
        if fd >= 0 {
            OUTPUT_FD.store(fd, Ordering::SeqCst);
            OUTPUT_REOPENED.store(true, Ordering::SeqCst);
        }
    }
}

/// Raw mode and the alternate screen are on: from now on a signal gives them back.
pub fn taken(mouse: bool) {
    let mut raw: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: tcgetattr writes the termios it is given.
    if unsafe { libc::tcgetattr(INPUT_FD.load(Ordering::SeqCst), &mut raw) } == 0 {
        let _ = RAW.set(raw);
    }
    MOUSE.store(mouse, Ordering::SeqCst);
    STATE.store(OURS, Ordering::SeqCst);
}

/// The terminal is being given back the ordinary way: whether it was ours to give.
pub fn released() -> bool {
    STATE.swap(NOT_OURS, Ordering::SeqCst) == OURS
}

/// Whether mouse reporting is on while the terminal is ours.
pub fn mouse() -> bool {
    MOUSE.load(Ordering::SeqCst)
}

/// Whether the terminal was taken again after a stop since the last call.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::SeqCst)
}

/// Stop as the terminal's own Ctrl-Z would (raw mode turned that into a key): the whole process
/// group, each of its members in its own way; ours goes through [`on_stop`].
pub fn suspend() {
    // SAFETY: kill has no memory effects.
    unsafe {
        libc::kill(0, libc::SIGTSTP);
    }
}

fn install_handlers() {
    let mut blocked = empty_set();
    for &signal in FATAL.iter().chain(&[libc::SIGTSTP, libc::SIGCONT]) {
        // SAFETY: sigaddset writes the set it is given.
        unsafe { libc::sigaddset(&mut blocked, signal) };
    }
    // Giving the terminal back from the background must not stop the process on SIGTTOU;
    // taking it again must (the shell has it), until `fg`.
    let mut giving = blocked;
    // SAFETY: as above.
    unsafe { libc::sigaddset(&mut giving, libc::SIGTTOU) };
    for &signal in FATAL {
        install(signal, on_fatal, giving);
    }
    install(libc::SIGTSTP, on_stop, giving);
    install(libc::SIGCONT, on_continue, blocked);
}

/// A signal ignored when the process started stays ignored: `nohup` ignores SIGHUP, a shell
/// without job control SIGINT for `dossier &`, and they mean it.
fn install(signal: c_int, handler: extern "C" fn(c_int), mask: libc::sigset_t) {
    // SAFETY: a zeroed sigaction is valid; the handler only makes async-signal-safe calls.
    unsafe {
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signal, std::ptr::null(), &mut previous) != 0
            || previous.sa_sigaction == libc::SIG_IGN
        {
            return;
        }
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as *const () as libc::sighandler_t;
        action.sa_mask = mask;
        action.sa_flags = libc::SA_RESTART;
        libc::sigaction(signal, &action, std::ptr::null_mut());
    }
}

fn empty_set() -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        set
    }
}

extern "C" fn on_fatal(signal: c_int) {
    give_back(NOT_OURS);
    // SAFETY: async-signal-safe calls; with the default action restored and the signal
    // unblocked, raise ends the process before it returns.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        unblock(signal);
        libc::raise(signal);
        libc::_exit(128 + signal);
    }
}

extern "C" fn on_stop(_: c_int) {
    let errno = Errno::save();
    give_back(LENT);
    // Stop by the default action of SIGTSTP itself, so that the shell says "Stopped".
    // SAFETY: async-signal-safe calls; the handler is put back once the process continues.
    unsafe {
        let mut ours: libc::sigaction = std::mem::zeroed();
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigaction(libc::SIGTSTP, &default, &mut ours);
        unblock(libc::SIGTSTP);
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &ours, std::ptr::null_mut());
    }
    // Continued, or never stopped: the kernel drops SIGTSTP for an orphaned process group (no
    // shell to come back to). Either way the terminal is taken again here, as a user would
    // rather see the browser than a screen given back to nobody; in the background (`bg`),
    // SIGTTOU stops the process first, until `fg`.
    unblock(libc::SIGTTOU);
    take_again();
    errno.restore();
}

/// After a stop, whether by Ctrl-Z or a SIGSTOP we could not see: the shell has reset the
/// terminal and drawn over the screen, so take it again and have the main loop draw everything.
extern "C" fn on_continue(_: c_int) {
    let errno = Errno::save();
    take_again();
    errno.restore();
}

/// Raw mode and our screen again, and the main loop woken to draw it whole; if the terminal is
/// ours at all (not before the browser starts nor after it ends).
fn take_again() {
    let state = STATE.load(Ordering::SeqCst);
    if state != NOT_OURS
        && let Some(raw) = RAW.get()
    {
        // SAFETY: tcsetattr reads the termios; kill has no memory effects. In the background,
        // tcsetattr stops the process on SIGTTOU until `fg`, then goes on.
        unsafe {
            libc::tcsetattr(INPUT_FD.load(Ordering::SeqCst), libc::TCSANOW, raw);
        }
        let mouse = MOUSE.load(Ordering::SeqCst);
        write_with_deadline(if mouse { ENTER } else { ENTER_NO_MOUSE });
        let _ = STATE.compare_exchange(state, OURS, Ordering::SeqCst, Ordering::SeqCst);
        RESUMED.store(true, Ordering::SeqCst);
        // The main loop sleeps until input: a resize event wakes it (and the size may well
        // have changed meanwhile).
        // SAFETY: as above.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGWINCH);
        }
    }
}

/// If the terminal is ours, give it back and mark it `next`: the escapes that leave our modes,
/// sent within the budget if the terminal takes them, then the termios it had.
fn give_back(next: u8) {
    if STATE
        .compare_exchange(OURS, next, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        return;
    }
    let mouse = MOUSE.load(Ordering::SeqCst);
    write_with_deadline(if mouse { LEAVE } else { LEAVE_NO_MOUSE });
    if let Some(cooked) = COOKED.get() {
        // SAFETY: tcsetattr reads the termios. TCSANOW: waiting for the output to drain is
        // exactly what a blocked terminal never does.
        unsafe {
            libc::tcsetattr(INPUT_FD.load(Ordering::SeqCst), libc::TCSANOW, cooked);
        }
    }
}

/// Write what the terminal takes of `bytes` within [`WRITE_BUDGET`]. A terminal that is not
/// being read, or whose lock a blocked frame holds, answers EAGAIN; we wait a little and retry.
fn write_with_deadline(bytes: &[u8]) {
    let fd = OUTPUT_FD.load(Ordering::SeqCst);
    let shared = !OUTPUT_REOPENED.load(Ordering::SeqCst);
    // Without a handle of our own, fd 1 is made non-blocking for the while: its flags are the
    // shell's too, and are put back before returning.
    // SAFETY: fcntl reads and sets the descriptor's flags only.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if shared && flags >= 0 {
        unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) };
    }
    // Instant reads the monotonic clock (clock_gettime), with no lock.
    let start = Instant::now();
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: writes from a live slice of the length given.
        let written = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if written > 0 {
            rest = &rest[written.unsigned_abs()..];
            continue;
        }
        let retry = written < 0
            && matches!(
                std::io::Error::last_os_error().raw_os_error(),
                Some(libc::EAGAIN | libc::EINTR)
            );
        if !retry || start.elapsed() >= WRITE_BUDGET {
            break;
        }
        let pause = libc::timespec {
            tv_sec: 0,
            tv_nsec: PAUSE_NS,
        };
        // SAFETY: nanosleep reads the timespec; being woken early is fine.
        unsafe { libc::nanosleep(&pause, std::ptr::null_mut()) };
    }
    if shared && flags >= 0 {
        // SAFETY: as above.
        unsafe { libc::fcntl(fd, libc::F_SETFL, flags) };
    }
}

fn unblock(signal: c_int) {
    let mut set = empty_set();
    // SAFETY: sigaddset writes the set; pthread_sigmask reads it.
    unsafe {
        libc::sigaddset(&mut set, signal);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}

/// A handler that returns must leave errno as it found it: the interrupted code may be about to
/// read it.
struct Errno(c_int);

impl Errno {
    fn save() -> Self {
        Self(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    }

    fn restore(self) {
        // SAFETY: the errno location is the calling thread's own.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        unsafe {
            *libc::__errno_location() = self.0;
        }
        #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
        unsafe {
            *libc::__error() = self.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::Command;
    use crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

    fn ansi(command: impl Command) -> String {
        let mut out = String::new();
        command
            .write_ansi(&mut out)
            .expect("formatting to a string");
        out
    }

    /// The handlers cannot format crossterm's commands: their bytes must be the same ones.
    #[test]
    fn handler_escapes_are_the_ones_the_browser_sends() {
        let hide = ansi(crossterm::cursor::Hide);
        let show = ansi(crossterm::cursor::Show);
        let enter = format!(
            "{}{hide}{}",
            ansi(EnterAlternateScreen),
            ansi(EnableBracketedPaste)
        );
        let leave = format!(
            "{}{}{show}",
            ansi(DisableBracketedPaste),
            ansi(LeaveAlternateScreen)
        );
        assert_eq!(ENTER_NO_MOUSE, enter.as_bytes());
        assert_eq!(
            ENTER,
            format!("{enter}{}", ansi(EnableMouseCapture)).as_bytes()
        );
        assert_eq!(LEAVE_NO_MOUSE, format!("\x18{leave}").as_bytes());
        assert_eq!(
            LEAVE,
            format!("\x18{}{leave}", ansi(DisableMouseCapture)).as_bytes()
        );
    }
}
