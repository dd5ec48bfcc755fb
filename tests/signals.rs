//! Signals and the terminal, as the terminal sees them: the browser runs on a pseudo-terminal the
//! test owns, a signal arrives, and the test reads every byte that reached the terminal, the
//! modes it was left in and how the process ended. (Stopping with Ctrl-Z needs a shell with job
//! control: tests/tui_tmux.rs.)
#![cfg(target_os = "linux")]

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle, sleep};
use std::time::{Duration, Instant};

const ALTERNATE_ON: &[u8] = b"\x1b[?1049h";
const ALTERNATE_OFF: &[u8] = b"\x1b[?1049l";
const CURSOR_HIDDEN: &[u8] = b"\x1b[?25l";
const CURSOR_SHOWN: &[u8] = b"\x1b[?25h";
const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
const SGR_MOUSE_ON: &[u8] = b"\x1b[?1006h";
const SGR_MOUSE_OFF: &[u8] = b"\x1b[?1006l";

/// A pseudo-terminal: the test holds the master (the user's side) and a handle on the slave,
/// which becomes dossier's controlling terminal.
struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
}

impl Pty {
    fn open(columns: u16, rows: u16) -> Self {
        // SAFETY: plain calls on descriptors we own; ptsname_r writes into the buffer given.
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
            assert!(master >= 0, "posix_openpt: {}", io::Error::last_os_error());
            let master = OwnedFd::from_raw_fd(master);
            assert_eq!(libc::grantpt(master.as_raw_fd()), 0, "grantpt");
            assert_eq!(libc::unlockpt(master.as_raw_fd()), 0, "unlockpt");
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(
                libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()),
                0,
                "ptsname_r"
            );
            let slave = libc::open(
                name.as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            );
            assert!(slave >= 0, "open the slave: {}", io::Error::last_os_error());
            let slave = OwnedFd::from_raw_fd(slave);
            let size = libc::winsize {
                ws_row: rows,
                ws_col: columns,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            assert_eq!(libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size), 0);
            Self { master, slave }
        }
    }

    /// dossier with the slave as its terminal, in a session of its own, without core files.
    fn spawn(&self, args: &[&str], term: &str) -> Child {
        let stdio = || Stdio::from(self.slave.try_clone().expect("dup the slave"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command
            .arg("--no-library")
            .args(args)
            .env("TERM", term)
            .env_remove("NO_COLOR")
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                let no_core = libc::rlimit {
                    rlim_cur: 0,
                    rlim_max: 0,
                };
                if libc::setsid() < 0
                    || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0
                    || libc::setrlimit(libc::RLIMIT_CORE, &no_core) < 0
                {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        command.spawn().expect("dossier starts")
    }

    /// The terminal's modes, read on the slave as dossier left them.
    fn modes(
        &self,
    ) -> (
        libc::tcflag_t,
        libc::tcflag_t,
        libc::tcflag_t,
        libc::tcflag_t,
    ) {
        // SAFETY: tcgetattr writes the termios it is given.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(
            unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut termios) },
            0
        );
        (
            termios.c_iflag,
            termios.c_oflag,
            termios.c_cflag,
            termios.c_lflag,
        )
    }

    /// Whether the terminal handle dossier shared with its parent was left non-blocking, which
    /// would break the shell reading from it next.
    fn left_non_blocking(&self) -> bool {
        // SAFETY: fcntl only reads the flags.
        let flags = unsafe { libc::fcntl(self.slave.as_raw_fd(), libc::F_GETFL) };
        flags & libc::O_NONBLOCK != 0
    }

    /// Keys, as typed on the user's side.
    fn type_keys(&self, keys: &[u8]) {
        // SAFETY: writes from a live slice of the length given.
        let written =
            unsafe { libc::write(self.master.as_raw_fd(), keys.as_ptr().cast(), keys.len()) };
        assert_eq!(written, keys.len() as isize, "typing {keys:?}");
    }
}

/// Everything dossier writes to the terminal, read on the user's side as it comes.
struct Screen {
    bytes: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Screen {
    fn read(pty: &Pty) -> Self {
        let fd: RawFd = pty.master.as_raw_fd();
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (into, stopped) = (Arc::clone(&bytes), Arc::clone(&stop));
        let reader = thread::spawn(move || {
            let mut buffer = [0u8; 65536];
            while !stopped.load(Ordering::SeqCst) {
                let mut ready = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: poll reads and writes the one pollfd; read writes into the buffer.
                if unsafe { libc::poll(&mut ready, 1, 20) } <= 0 {
                    continue;
                }
                let n = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
                if n <= 0 {
                    break;
                }
                into.lock()
                    .unwrap()
                    .extend_from_slice(&buffer[..n as usize]);
            }
        });
        Self {
            bytes,
            stop,
            reader: Some(reader),
        }
    }

    fn wait_for(&self, what: &str, ready: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        while !ready(&self.bytes.lock().unwrap()) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; the terminal got:\n{}",
                String::from_utf8_lossy(&self.bytes.lock().unwrap())
            );
            sleep(Duration::from_millis(20));
        }
    }

    /// All that was written, once the last of it has arrived.
    fn finish(mut self) -> Vec<u8> {
        sleep(Duration::from_millis(200));
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        std::mem::take(&mut self.bytes.lock().unwrap())
    }
}

fn find_last(bytes: &[u8], pattern: &[u8]) -> Option<usize> {
    bytes.windows(pattern.len()).rposition(|w| w == pattern)
}

fn contains(bytes: &[u8], pattern: &[u8]) -> bool {
    find_last(bytes, pattern).is_some()
}

/// `off` came after the last `on`, and `on` came at all.
fn assert_turned_off(bytes: &[u8], on: &[u8], off: &[u8], what: &str) {
    let Some(on_at) = find_last(bytes, on) else {
        panic!("{what} was never turned on: the test saw no browser");
    };
    assert!(
        find_last(bytes, off).is_some_and(|off_at| off_at > on_at),
        "{what} left on; the last bytes were:\n{:?}",
        String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(300)..])
    );
}

/// The process ended within `limit`; its status. A process still running is killed for good.
fn wait_for_exit(child: &mut Child, limit: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for dossier") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier still running {limit:?} after the signal");
        }
        sleep(Duration::from_millis(10));
    }
}

fn send(child: &Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid fits pid_t");
    // SAFETY: kill has no memory effects.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {signal}");
}

/// The browser is up, a signal arrives: the terminal gets every mode back, and the process ends by
/// that signal, so that its parent knows what ended it.
fn the_terminal_is_given_back_on(signal: libc::c_int) {
    let pty = Pty::open(100, 30);
    let cooked = pty.modes();
    let mut child = pty.spawn(&[], "xterm-256color");
    let screen = Screen::read(&pty);
    screen.wait_for("the browser", |b| {
        contains(b, ALTERNATE_ON) && contains(b, b"Reader")
    });
    send(&child, signal);
    let status = wait_for_exit(&mut child, Duration::from_secs(1));
    let bytes = screen.finish();

    assert_eq!(
        status.signal(),
        Some(signal),
        "ended by the signal: {status:?}"
    );
    assert_turned_off(&bytes, ALTERNATE_ON, ALTERNATE_OFF, "the alternate screen");
    assert_turned_off(&bytes, CURSOR_HIDDEN, CURSOR_SHOWN, "the hidden cursor");
    assert_turned_off(&bytes, MOUSE_ON, MOUSE_OFF, "mouse reporting");
    assert_turned_off(&bytes, SGR_MOUSE_ON, SGR_MOUSE_OFF, "SGR mouse reporting");
    let modes = pty.modes();
    assert_eq!(
        modes, cooked,
        "the terminal's modes (termios) are not restored"
    );
    assert!(
        modes.3 & libc::ICANON != 0 && modes.3 & libc::ECHO != 0,
        "cooked mode"
    );
    assert!(!pty.left_non_blocking(), "the terminal left non-blocking");
}

macro_rules! the_terminal_is_given_back_on {
    ($($test:ident: $signal:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                the_terminal_is_given_back_on(libc::$signal);
            }
        )*
    };
}

the_terminal_is_given_back_on! {
    sigterm_gives_the_terminal_back: SIGTERM,
    sighup_gives_the_terminal_back: SIGHUP,
    sigint_gives_the_terminal_back: SIGINT,
    sigquit_gives_the_terminal_back: SIGQUIT,
    sigusr1_gives_the_terminal_back: SIGUSR1,
    sigusr2_gives_the_terminal_back: SIGUSR2,
    sigalrm_gives_the_terminal_back: SIGALRM,
    sigvtalrm_gives_the_terminal_back: SIGVTALRM,
    sigprof_gives_the_terminal_back: SIGPROF,
    sigxcpu_gives_the_terminal_back: SIGXCPU,
    sigxfsz_gives_the_terminal_back: SIGXFSZ,
    sigabrt_gives_the_terminal_back: SIGABRT,
}

/// Whether the process's main thread is inside write(2), waiting.
fn blocked_in_write(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/syscall"))
        .is_ok_and(|call| call.split_whitespace().next() == Some(&libc::SYS_write.to_string()))
}

/// A terminal nobody reads (a frozen SSH link) fills up, and dossier's next frame waits in write
/// forever. A signal must still end it at once, with the terminal's modes back.
#[test]
fn a_signal_ends_the_browser_at_once_when_nobody_reads_the_terminal() {
    let pty = Pty::open(200, 60);
    let cooked = pty.modes();
    let mut child = pty.spawn(&[], "xterm-256color");
    // Full redraws (Ctrl-L), unread, until the terminal's buffers are full.
    let start = Instant::now();
    while !blocked_in_write(child.id()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "dossier never blocked writing to the unread terminal"
        );
        pty.type_keys(b"\x0c");
        sleep(Duration::from_millis(50));
    }
    sleep(Duration::from_millis(200));
    assert!(blocked_in_write(child.id()), "dossier is waiting in write");

    send(&child, libc::SIGTERM);
    let sent = Instant::now();
    let status = wait_for_exit(&mut child, Duration::from_secs(2));
    let took = sent.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?} to end");
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    assert_eq!(pty.modes(), cooked, "the terminal's modes are not restored");
    assert!(!pty.left_non_blocking(), "the terminal left non-blocking");
}

/// A terminal that cannot move its cursor gets the plain tables, and the command ends.
#[test]
fn term_dumb_gets_the_tables_not_the_browser() {
    let pty = Pty::open(100, 30);
    let mut child = pty.spawn(&[], "dumb");
    let screen = Screen::read(&pty);
    let status = wait_for_exit(&mut child, Duration::from_secs(20));
    let bytes = screen.finish();
    assert!(status.success(), "{status:?}");
    assert!(!contains(&bytes, ALTERNATE_ON), "the browser started");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("PERSON") && text.contains("EVENT"),
        "the people and the timeline:\n{text}"
    );
}

/// A full redraw (Ctrl-L, and after `fg`) must not wait for the terminal to answer a question:
/// this one, like a link nobody reads, never answers.
#[test]
fn a_full_redraw_needs_no_answer_from_the_terminal() {
    let pty = Pty::open(100, 30);
    let mut child = pty.spawn(&[], "xterm-256color");
    let screen = Screen::read(&pty);
    screen.wait_for("the browser", |b| {
        contains(b, ALTERNATE_ON) && contains(b, b"Reader")
    });
    pty.type_keys(b"\x0c");
    // Longer than crossterm waits for an answer to the cursor position query.
    sleep(Duration::from_millis(2500));
    assert!(
        child.try_wait().expect("wait for dossier").is_none(),
        "the browser ended after Ctrl-L:\n{}",
        String::from_utf8_lossy(&screen.bytes.lock().unwrap())
    );
    pty.type_keys(b"q");
    let status = wait_for_exit(&mut child, Duration::from_secs(2));
    assert!(status.success(), "{status:?}");
    drop(screen.finish());
}

/// Without a shell to come back to (dossier leads its own session here, an orphaned process
/// group), the kernel drops the stop: Ctrl-Z must leave the browser running and drawn, not a
/// terminal given back to nobody.
#[test]
fn ctrl_z_without_a_shell_to_return_to_keeps_the_browser() {
    let pty = Pty::open(100, 30);
    let mut child = pty.spawn(&[], "xterm-256color");
    let screen = Screen::read(&pty);
    screen.wait_for("the browser", |b| {
        contains(b, ALTERNATE_ON) && contains(b, b"Reader")
    });
    let before = screen.bytes.lock().unwrap().len();
    pty.type_keys(b"\x1a");
    screen.wait_for("the screen taken again and drawn", |b| {
        let after = &b[before..];
        find_last(after, ALTERNATE_ON) > find_last(after, ALTERNATE_OFF)
            && find_last(after, ALTERNATE_ON).is_some_and(|at| contains(&after[at..], b"Reader"))
    });
    // Raw mode again: a typed q is a key, not the start of a line.
    pty.type_keys(b"q");
    let status = wait_for_exit(&mut child, Duration::from_secs(2));
    assert!(status.success(), "{status:?}");
    drop(screen.finish());
}
