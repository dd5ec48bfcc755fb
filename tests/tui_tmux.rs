//! The real binary in a real terminal: tmux runs dossier, sends keys and reads the screen.
//!
//! Where tmux is missing, each test says it was skipped and why, and passes: `cargo test` works
//! on a fresh machine. With `CI=true` a missing tmux fails every test instead: CI must run them.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
    /// A library of the test's own: the user's must not change what the browser opens, nor the
    /// tests the user's.
    library: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16) -> Option<Self> {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !available {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{name}: tmux is not installed, and CI=true requires these tests to run"
            );
            println!(
                "skipped {name}: tmux is not installed (CI installs it; apt-get install tmux)"
            );
            return None;
        }
        let tmux = Self {
            socket: format!("dossier-{name}-{}", std::process::id()),
            library: tempfile::tempdir().expect("a folder for the library"),
        };
        // A plain shell, so that we can see what is left of the terminal after dossier exits.
        let output = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
        ]);
        assert!(
            output.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        tmux.run(&["set-option", "-t", "main", "status", "off"]);
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env("TERM", "xterm-256color")
            .env("DOSSIER_LIBRARY", self.library.path().join("library.db"))
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "main", key]);
            sleep(Duration::from_millis(60));
        }
    }

    fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-t", "main", "-l", line]);
        self.run(&["send-keys", "-t", "main", "Enter"]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// The screen with its colours and attributes, once two looks in a row agree.
    fn settled_styled_screen(&self) -> String {
        let look = || {
            String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "main"]).stdout)
                .into_owned()
        };
        let mut previous = look();
        for _ in 0..100 {
            sleep(Duration::from_millis(80));
            let screen = look();
            if screen == previous {
                return screen;
            }
            previous = screen;
        }
        panic!("the screen never settled:\n{previous}");
    }

    fn query(&self, format: &str) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["display-message", "-p", "-t", "main", format])
                .stdout,
        )
        .trim()
        .to_owned()
    }

    /// Wait until the screen satisfies `ready`; the screen at that moment, or a panic with it.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_dossier")
}

/// The titles of the articles that name a person, from `dossier export`.
fn articles_of(name: &str) -> Vec<String> {
    let output = Command::new(binary())
        .arg("export")
        .output()
        .expect("export runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("export is JSON");
    let person = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .expect("person exported");
    let ids: Vec<&str> = person["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| ids.contains(&a["id"].as_str().unwrap()))
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn filter_people_then_read_the_articles_list_then_quit_cleanly_80x24() {
    let Some(tmux) = Tmux::start("filter", 80, 24) else {
        return;
    };
    tmux.type_line(&format!("{}; echo \"exit status $?\"", binary()));
    tmux.wait_for("the browser", |s| {
        s.contains("Timeline") && s.contains("Reader")
    });
    assert_eq!(
        tmux.query("#{alternate_on}"),
        "1",
        "the browser uses the alternate screen"
    );

    tmux.keys(&["2", "/", "p", "u", "t", "i", "n"]);
    tmux.wait_for("the filtered people", |s| {
        s.contains("/putin") && s.contains("1 of 14")
    });
    tmux.keys(&["Enter", "3"]);
    let screen = tmux.wait_for("the articles list", |s| {
        s.contains("Articles") && !s.contains("▸ 3")
    });
    let expected = articles_of("Vladimir Putin");
    assert_eq!(expected.len(), 3);
    let shown = screen
        .lines()
        .filter(|l| l.contains("│") && l.contains("2025-"))
        .count();
    assert_eq!(shown, expected.len(), "exactly his articles:\n{screen}");
    for title in &expected {
        let start: String = title.chars().take(12).collect();
        assert!(screen.contains(&start), "{title:?} missing:\n{screen}");
    }
    assert!(
        screen.contains(&format!("{} of 5", expected.len())),
        "{screen}"
    );

    tmux.keys(&["q"]);
    let screen = tmux.wait_for("the shell again", |s| s.contains("exit status 0"));
    assert_eq!(
        tmux.query("#{alternate_on}"),
        "0",
        "back on the normal screen"
    );
    assert!(
        !screen.contains("Timeline"),
        "the browser's screen is gone:\n{screen}"
    );
    // The terminal is back in cooked mode: the shell's own echo works.
    tmux.type_line(
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo",
    );
    tmux.wait_for("stty output", |s| s.contains("echo icanon"));
}

#[test]
fn a_corpus_that_cannot_load_is_reported_after_the_terminal_is_restored() {
    let Some(tmux) = Tmux::start("error", 80, 24) else {
        return;
    };
    tmux.type_line(&format!(
        "{} --corpus /no/such/folder; echo \"exit status $?\"",
        binary()
    ));
    let screen = tmux.wait_for("the error", |s| s.contains("exit status 2"));
    assert!(screen.contains("/no/such/folder"), "{screen}");
    assert_eq!(tmux.query("#{alternate_on}"), "0");
}

#[test]
fn wide_terminal_shows_all_four_panes_160x48() {
    let Some(tmux) = Tmux::start("wide", 160, 48) else {
        return;
    };
    tmux.type_line(binary());
    // The status line is drawn last: once it shows, the frame is complete.
    let screen = tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    for pane in ["Timeline", "People", "Articles", "Reader"] {
        assert!(
            screen.contains(&format!(" {pane} ")),
            "{pane} missing:\n{screen}"
        );
    }
    tmux.keys(&["?"]);
    tmux.wait_for("the help screen", |s| {
        s.contains("Keys") && s.contains("previous pane")
    });
    // Esc and a key sent together read as Alt+key, as in any terminal: let the Esc land first.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("previous pane"));
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| !s.contains("Reader"));
}

/// The browser sends only what changed between frames, and skips or resends unchanged cells as
/// is cheapest: whatever it sent must leave the screen as a full redraw (Ctrl-L) draws it.
#[test]
fn frames_drawn_as_changes_equal_a_full_redraw() {
    let Some(tmux) = Tmux::start("redraw", 120, 40) else {
        return;
    };
    tmux.type_line(binary());
    tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    let steps = [
        "k", "k", "2", "j", "j", "3", "4", "Space", "1", "/", "o", "Enter", "G", "?",
    ];
    for key in steps {
        tmux.keys(&[key]);
        let drawn = tmux.settled_styled_screen();
        tmux.keys(&["C-l"]);
        let redrawn = tmux.settled_styled_screen();
        assert_eq!(
            drawn, redrawn,
            "after {key}, the screen differs from a full redraw"
        );
    }
    tmux.keys(&["q"]);
}

#[test]
fn resizing_to_too_small_and_back_works() {
    let Some(tmux) = Tmux::start("resize", 100, 30) else {
        return;
    };
    tmux.type_line(binary());
    tmux.wait_for("the browser", |s| s.contains("Reader"));
    tmux.run(&["resize-window", "-t", "main", "-x", "50", "-y", "12"]);
    tmux.wait_for("the too-small notice", |s| s.contains("too small"));
    tmux.run(&["resize-window", "-t", "main", "-x", "120", "-y", "40"]);
    tmux.wait_for("the browser again", |s| {
        s.contains("Reader") && !s.contains("too small")
    });
    tmux.keys(&["q"]);
}

/// The process id of dossier running in the pane, once it runs.
fn dossier_pid(tmux: &Tmux) -> u32 {
    let shell: u32 = tmux.query("#{pane_pid}").parse().expect("pane pid");
    let start = Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        if let Some(pid) = children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
        {
            return pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "dossier did not start"
        );
        sleep(Duration::from_millis(50));
    }
}

/// CPU time used by a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[test]
fn idle_costs_nothing_and_a_closed_pane_ends_the_process() {
    let Some(tmux) = Tmux::start("idle", 120, 40) else {
        return;
    };
    tmux.type_line(binary());
    tmux.wait_for("the browser", |s| s.contains("Reader"));
    let pid = dossier_pid(&tmux);
    let before = cpu_ticks(pid).expect("process stats");
    sleep(Duration::from_secs(2));
    let after = cpu_ticks(pid).expect("process stats");
    assert!(
        after - before <= 1,
        "idle for 2 s used {} ticks of CPU",
        after - before
    );

    tmux.run(&["kill-pane", "-t", "main"]);
    let start = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() && cpu_ticks(pid).is_some() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z ") {
            break; // exited, waiting for its parent to collect it
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "dossier still running a second after its terminal closed"
        );
        sleep(Duration::from_millis(20));
    }
}

/// The shell has the terminal as it was: the normal screen, no mouse reporting, a visible cursor,
/// and cooked mode (the shell's own echo and line editing).
fn assert_the_shell_has_the_terminal(tmux: &Tmux, when: &str) {
    assert_eq!(
        tmux.query("alternate #{alternate_on} mouse #{mouse_any_flag} cursor #{cursor_flag}"),
        "alternate 0 mouse 0 cursor 1",
        "{when}:\n{}",
        tmux.screen()
    );
    tmux.type_line(
        "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo",
    );
    tmux.wait_for("stty output", |s| s.contains("echo icanon"));
}

/// The browser has the terminal again, drawn whole: a full redraw (Ctrl-L) changes nothing.
fn assert_the_browser_is_back(tmux: &Tmux) {
    tmux.wait_for("the browser again", |s| {
        s.contains("Reader") && s.contains("? help") && !s.contains("Stopped")
    });
    assert_eq!(
        tmux.query("alternate #{alternate_on} mouse #{mouse_any_flag} cursor #{cursor_flag}"),
        "alternate 1 mouse 1 cursor 0"
    );
    let drawn = tmux.settled_styled_screen();
    tmux.keys(&["C-l"]);
    assert_eq!(
        drawn,
        tmux.settled_styled_screen(),
        "the screen after fg differs from a full redraw"
    );
}

#[test]
fn ctrl_z_gives_the_shell_the_terminal_and_fg_draws_the_browser_again() {
    let Some(tmux) = Tmux::start("suspend", 80, 24) else {
        return;
    };
    tmux.type_line(binary());
    tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    tmux.keys(&["C-z"]);
    tmux.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert_the_shell_has_the_terminal(&tmux, "after Ctrl-Z");

    tmux.type_line("fg");
    assert_the_browser_is_back(&tmux);
    tmux.keys(&["q"]);
    tmux.type_line("echo \"exit status $?\"");
    tmux.wait_for("the exit status", |s| s.contains("exit status 0"));
    assert_the_shell_has_the_terminal(&tmux, "after quitting");
}

fn send_signal(pid: u32, signal: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal} {pid}");
}

#[test]
fn sigtstp_from_outside_gives_the_terminal_back_and_sigterm_after_fg_too() {
    let Some(tmux) = Tmux::start("tstp", 80, 24) else {
        return;
    };
    tmux.type_line(binary());
    tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    let pid = dossier_pid(&tmux);
    send_signal(pid, "TSTP");
    tmux.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert_the_shell_has_the_terminal(&tmux, "after SIGTSTP");

    tmux.type_line("fg");
    assert_the_browser_is_back(&tmux);
    send_signal(pid, "TERM");
    tmux.type_line("echo \"exit status $?\"");
    tmux.wait_for("the exit status", |s| s.contains("exit status 143"));
    assert_the_shell_has_the_terminal(&tmux, "after SIGTERM");
}

/// A folder of every kind of input that once crashed, stalled or garbled the load, beside the
/// bundled articles; returns the files that must be skipped.
fn write_hostile_folder(root: &std::path::Path) -> Vec<&'static str> {
    use std::fs;
    let corpus = root.join("corpus");
    let outside = root.join("outside");
    fs::create_dir_all(&corpus).unwrap();
    fs::create_dir_all(&outside).unwrap();
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    for entry in fs::read_dir(bundled).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let write = |name: &str, bytes: &[u8]| fs::write(corpus.join(name), bytes).unwrap();
    write(
        "deep.html",
        format!("<p>Hi.{}", "<q>".repeat(6000)).as_bytes(),
    );
    write(
        "divs.html",
        format!(
            "<html><body>{}<p>Senator Maria Ostrova said the bridge would open.</p>{}</body></html>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        )
        .as_bytes(),
    );
    let attributes: Vec<String> = (0..20_000).map(|i| format!("data-a{i}=\"{i}\"")).collect();
    write(
        "attrs.html",
        format!(
            "<html><body><p {}>Mayor Tomas Verhaal spoke on Tuesday.</p></body></html>",
            attributes.join(" ")
        )
        .as_bytes(),
    );
    // "président François" in Latin-1: é and ç are single bytes, invalid as UTF-8.
    write(
        "latin1.txt",
        b"Le pr\xe9sident Fran\xe7ois Lemar\xe9chal a d\xe9clar\xe9 lundi que la r\xe9forme passerait.\n",
    );
    write(
        "charset.html",
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>Minister Zo\xeb Bront\xeb said the \x93plan\x94 was ready.</p></body></html>",
    );
    write(
        "hidden.html",
        b"<html><body><p>Governor Alan Pike opened the port.</p><div STYLE=\"DISPLAY : NONE\">Agent Boris Unseen spoke.</div></body></html>",
    );
    write(
        "\u{41d}\u{43e}\u{432}\u{43e}\u{441}\u{442}\u{438}.txt",
        "\u{41f}\u{440}\u{435}\u{437}\u{438}\u{434}\u{435}\u{43d}\u{442} \u{418}\u{432}\u{430}\u{43d} \u{41f}\u{435}\u{442}\u{440}\u{43e}\u{432}.\n"
            .as_bytes(),
    );
    for name in ["a\u{1b}[31m.txt", "b\u{7}.txt", "c\u{1b}]0;owned\u{7}.txt"] {
        write(name, b"Councillor Dana Whitlock said the vote was close.\n");
    }
    write(
        "formats.txt",
        "Judge Helen Marsh\u{70f} ruled\u{8e2} on\u{13430} Friday\u{202e} that the case was closed.\n"
            .as_bytes(),
    );
    write(
        "dates.txt",
        format!(
            "The talks met on {} and ended without a deal, Envoy Lara Quist said.\n",
            (1..=28)
                .map(|d| format!("{d} March 2024"))
                .collect::<Vec<_>>()
                .join(", ")
        )
        .as_bytes(),
    );
    write("empty.txt", b"");
    write("binary.txt", &[0u8, 1, 2, 3, 255, 0, 7].repeat(500));
    fs::write(
        outside.join("foreign.txt"),
        b"Admiral Kurt Foreign said the fleet sailed.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, corpus.join("escape")).unwrap();
    let fifo = std::ffi::CString::new(
        corpus
            .join("pipe.txt")
            .into_os_string()
            .into_encoded_bytes(),
    )
    .unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    vec!["empty.txt", "binary.txt", "escape", "pipe.txt"]
}

/// Issue 9's end-to-end check: the hostile folder loads in the browser with every good article,
/// each bad file is in the warnings with its reason, and the terminal survives Ctrl-Z/fg, SIGTERM
/// and quitting.
#[test]
fn a_hostile_folder_loads_in_the_browser_and_the_terminal_survives_it() {
    let Some(tmux) = Tmux::start("hostile", 120, 40) else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let skipped = write_hostile_folder(root.path());
    let corpus = root.path().join("corpus");

    let output = Command::new(binary())
        .arg("export")
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .expect("export runs");
    assert!(output.status.success(), "export of the hostile folder");
    let json: Value = serde_json::from_slice(&output.stdout).expect("export is JSON");
    let files: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    for good in std::fs::read_dir(bundled).unwrap() {
        let name = good.unwrap().file_name().to_string_lossy().into_owned();
        assert!(files.contains(&name.as_str()), "{name} lost: {files:?}");
    }
    let warned: Vec<String> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["file"].as_str().unwrap().to_owned())
        .collect();
    for bad in &skipped {
        assert!(!files.contains(bad), "{bad} should be skipped");
        assert!(
            warned.iter().any(|w| w == bad),
            "{bad} not warned: {warned:?}"
        );
    }
    for person in [
        "François Lemaréchal",
        "Maria Ostrova",
        "Tomas Verhaal",
        "Helen Marsh",
    ] {
        assert!(
            json["people"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == person),
            "{person} missing"
        );
    }

    tmux.type_line(&format!(
        "{} --corpus '{}'; echo \"exit status $?\"",
        binary(),
        corpus.display()
    ));
    let count = format!("{} warnings", warned.len());
    tmux.wait_for("the browser with its warnings", |s| {
        s.contains("? help") && s.contains(&count)
    });
    tmux.keys(&["3"]);
    let articles = format!("of {} ", files.len());
    tmux.wait_for("every article", |s| s.contains(&articles));
    tmux.keys(&["w"]);
    let screen = tmux.wait_for("the warnings", |s| s.contains("Loading warnings"));
    for bad in &skipped {
        assert!(
            screen.contains(&format!("{bad}: skipped")),
            "{bad} and its reason missing:\n{screen}"
        );
    }
    assert!(
        screen.contains("a\u{241b}[31m.txt"),
        "a file name's escape shown visibly:\n{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the warnings to close", |s| !s.contains("Loading warnings"));

    tmux.keys(&["C-z"]);
    tmux.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert_the_shell_has_the_terminal(&tmux, "after Ctrl-Z");
    tmux.type_line("fg");
    assert_the_browser_is_back(&tmux);
    let pid = dossier_pid(&tmux);
    send_signal(pid, "TERM");
    // The job was continued with fg, so its status is fg's.
    tmux.type_line("echo \"exit status $?\"");
    tmux.wait_for("the exit status", |s| s.contains("exit status 143"));
    assert_the_shell_has_the_terminal(&tmux, "after SIGTERM");

    tmux.type_line("clear");
    tmux.type_line(&format!(
        "{} --corpus '{}'; echo \"exit status $?\"",
        binary(),
        corpus.display()
    ));
    tmux.wait_for("the browser again", |s| s.contains("? help"));
    tmux.keys(&["q"]);
    tmux.wait_for("the exit status", |s| s.contains("exit status 0"));
    assert_the_shell_has_the_terminal(&tmux, "after quitting");
}

impl Tmux {
    fn send_literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }
}

#[test]
fn the_filter_echoes_no_invisible_character_and_survives_a_paste_past_the_cap() {
    let Some(tmux) = Tmux::start("prompt", 120, 40) else {
        return;
    };
    tmux.type_line(&format!("{}; echo \"exit status $?\"", binary()));
    tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    tmux.send_literal("2/");
    tmux.send_literal("zq\u{202E}x\u{2066}w\u{200B}v\u{FEFF}k");
    let screen = tmux.wait_for("the typed filter", |s| s.contains("/zqxwvk"));
    for c in ['\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}'] {
        assert!(!screen.contains(c), "{c:?} echoed:\n{screen}");
    }

    // Pasted as a terminal without bracketed paste delivers it: one key a character, three
    // times the cap. In pieces: tmux hands a large paste-buffer over to the pane only as other
    // input comes (the megabyte is in tests/screen_safety.rs, without a pty).
    for _ in 0..8 {
        tmux.send_literal(&"mno ".repeat(100));
    }
    tmux.wait_for("the note that the filter is full", |s| {
        s.contains("at most 1024 characters")
    });
    // Still answering: Esc clears the filter, q quits. tmux may still be handing over the
    // paste, and an Esc with a pasted letter right behind it reads as Alt+letter, as in any
    // terminal: press it again until it lands alone.
    let start = Instant::now();
    loop {
        tmux.keys(&["Escape"]);
        sleep(Duration::from_millis(500));
        if !tmux.screen().contains("/zqxwvk") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "Esc never cleared the filter:\n{}",
            tmux.screen()
        );
    }
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("exit status 0"));
}

/// A terminal that brackets pastes hands the browser the text as one paste: a line break in it
/// neither ends the prompt nor lets the rest run as commands.
#[test]
fn a_bracketed_paste_is_text_for_the_prompt_never_commands() {
    let Some(tmux) = Tmux::start("paste", 120, 40) else {
        return;
    };
    tmux.type_line(&format!("{}; echo \"exit status $?\"", binary()));
    tmux.wait_for("the browser", |s| {
        s.contains("Reader") && s.contains("? help")
    });
    tmux.keys(&["2", "/"]);
    tmux.wait_for("the filter prompt", |s| s.contains("Enter keep"));
    tmux.run(&["set-buffer", "-b", "pasted", "vladi\nq\u{1b}[31m"]);
    tmux.run(&["paste-buffer", "-p", "-d", "-b", "pasted", "-t", "main"]);
    let screen = tmux.wait_for("the pasted filter", |s| s.contains("/vladi q"));
    assert!(
        !screen.contains("exit status"),
        "the paste ran as commands:\n{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    tmux.wait_for("the shell", |s| s.contains("exit status 0"));
}

/// Three invented articles in a folder of their own.
fn write_small_corpus(root: &std::path::Path) {
    let articles = [
        (
            "harbour.txt",
            "Harbour talks resume in Velmora\n\nVelmora, 3 March 2031 - Minister Ada Quill met \
             the port workers on Monday.\n",
        ),
        (
            "bridge.txt",
            "Bridge vote delayed again\n\nVelmora, 5 March 2031 - The council postponed the \
             bridge vote, Tomas Brenner said.\n",
        ),
        (
            "festival.txt",
            "Lantern festival draws record crowds\n\nVelmora, 9 March 2031 - Organiser Lina \
             Marsh thanked the volunteers.\n",
        ),
    ];
    for (file, text) in articles {
        std::fs::write(root.join(file), text).expect("write an article");
    }
}

#[test]
fn reading_starring_and_a_note_show_at_once_and_the_filter_finds_them_80x24() {
    let Some(tmux) = Tmux::start("marks", 80, 24) else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_small_corpus(dir.path());
    tmux.type_line(&format!(
        "{} --corpus '{}'; echo \"exit status $?\"",
        binary(),
        dir.path().display()
    ));
    tmux.wait_for("the browser", |s| {
        s.contains("Timeline") && s.contains("Reader")
    });
    // The Articles list, without the timeline's narrowing: all of them, none read yet.
    tmux.keys(&["3", "Escape"]);
    tmux.wait_for("three unread articles", |s| s.contains("3 of 3 · 3 unread"));
    // A moment in the reader reads the article, with no key pressed.
    tmux.wait_for("one article read", |s| s.contains("3 of 3 · 2 unread"));
    tmux.keys(&["u"]);
    tmux.wait_for("marked unread again", |s| s.contains("3 of 3 · 3 unread"));
    tmux.keys(&["u", "s"]);
    tmux.wait_for("the star in the reader's header", |s| {
        s.contains("★ starred") && s.contains("2 unread")
    });

    tmux.keys(&["a"]);
    tmux.wait_for("the note editor", |s| s.contains("Note on article"));
    tmux.run(&["send-keys", "-t", "main", "-l", "call the port office"]);
    tmux.keys(&["Enter"]);
    tmux.run(&["send-keys", "-t", "main", "-l", "  before Friday"]);
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("the note in the reader", |s| {
        s.contains("Note: call the port office") && s.contains("note kept")
    });
    assert!(screen.contains("before Friday"), "{screen}");
    assert!(screen.contains('✎') && screen.contains('★'), "{screen}");

    tmux.keys(&["/"]);
    tmux.run(&["send-keys", "-t", "main", "-l", "is:unread"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the unread articles", |s| s.contains("/is:unread 2 of 3"));
    tmux.keys(&["Escape", "/"]);
    tmux.run(&["send-keys", "-t", "main", "-l", "has:note"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the article with a note", |s| {
        s.contains("/has:note 1 of 3")
    });
    // The prompt remembers what was typed in this list.
    tmux.keys(&["Escape", "/", "Up", "Up"]);
    tmux.wait_for("the query before", |s| s.contains("/is:unread"));
    tmux.keys(&["Escape"]);

    tmux.keys(&["q"]);
    tmux.wait_for("the shell again", |s| s.contains("exit status 0"));
    assert_eq!(tmux.query("#{alternate_on}"), "0");
}
