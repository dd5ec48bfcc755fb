//! Writing to stdout and stderr when the other end may have gone.
//!
//! A reader that stops reading (`dossier people 2>&1 | head -1`) has what it wanted: the first
//! EPIPE on either stream ends the run quietly with status 0, as a closed pipe on stdout always
//! did. Standard output closed from the start (`>&-`) is an error said on stderr: nothing the
//! command makes could reach anyone.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// The reader of stdout or stderr went away: stop, quietly.
#[derive(Debug)]
pub struct ReaderGone;

/// A line on stderr (a warning, an error). Errors other than EPIPE are ignored: there is nowhere
/// left to report them.
pub fn message(line: &str) -> Result<(), ReaderGone> {
    let mut stderr = io::stderr().lock();
    match stderr
        .write_all(line.as_bytes())
        .and_then(|()| stderr.write_all(b"\n"))
    {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Err(ReaderGone),
        _ => Ok(()),
    }
}

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    ReaderGone,
    Failed(io::Error),
}

/// Everything on stdout.
pub fn output(text: &str) -> Result<(), OutputError> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|err| {
            if err.kind() == io::ErrorKind::BrokenPipe {
                OutputError::ReaderGone
            } else {
                OutputError::Failed(err)
            }
        })
}

static STDOUT_CLOSED_AT_START: AtomicBool = AtomicBool::new(false);

/// Whether fd 1 was closed when the process started. Rust's runtime opens /dev/null in its place
/// before `main`, so that every write "succeeds": the state before it is recorded by the binary
/// ([`note_closed_stdout`]) and read here.
pub fn stdout_closed_at_start() -> bool {
    STDOUT_CLOSED_AT_START.load(Ordering::SeqCst)
}

/// For the binary, before Rust's runtime starts: record that fd 1 was closed.
pub fn note_closed_stdout() {
    STDOUT_CLOSED_AT_START.store(true, Ordering::SeqCst);
}
