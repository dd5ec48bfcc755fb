//! Reading articles from the bundled assets or from the user's files.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::offsets::OffsetMap;
use super::sanitize::{self, NotText};
use crate::progress::{self, Progress, Stage};

use super::origin::{Origin, fingerprint};
use super::{CorpusError, Format, LoadWarning, MetaHints, SourceFile};

static BUNDLED: Dir = include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// Larger files are skipped: no news article is this long, and reading one would only cost memory.
/// Sizes are in decimal megabytes everywhere, in messages as in the documentation.
pub const MAX_ARTICLE_BYTES: u64 = 64 * MEGABYTE;

/// The unit of every size dossier reports: 10^6 bytes, written "MB".
pub const MEGABYTE: u64 = 1_000_000;

/// How a corpus folder is walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Follow symbolic links that lead out of the corpus folder. Off by default: a link to the
    /// home folder or to /usr would pull foreign files into the timeline.
    pub follow_links: bool,
}

/// Files read, and what went wrong with the others.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub warnings: Vec<LoadWarning>,
}

impl Loaded {
    pub(super) fn add(&mut self, name: String, bytes: &[u8], format: Format, origin: Origin) {
        self.add_with(name, format, origin, |name| convert(name, bytes, format));
    }

    /// Adds the file `convert` makes of `name`, or the warning it gives; a panic in `convert`
    /// skips this file with a warning, the load goes on.
    fn add_with(
        &mut self,
        name: String,
        format: Format,
        origin: Origin,
        convert: impl FnOnce(&str) -> Converted,
    ) {
        let converted = crate::isolate::isolated(|| convert(&name)).unwrap_or_else(|panic| {
            Err(LoadWarning::new(name.clone(), super::skipped_after(&panic)))
        });
        match converted {
            Ok(converted) => {
                self.files.push(SourceFile {
                    file: name,
                    format,
                    text: converted.text,
                    hints: converted.hints,
                    origin,
                    file_map: converted.map,
                });
                self.warnings.extend(converted.warnings);
            }
            Err(warning) => self.warnings.push(warning),
        }
    }
}

/// An article file's bytes as read, not yet decoded: what the extraction cache is keyed by.
#[derive(Debug, Clone)]
pub struct RawFile {
    pub name: String,
    /// Empty once released ([`list_path_released`]).
    pub bytes: Cow<'static, [u8]>,
    pub format: Format,
    pub origin: Origin,
    /// A BLAKE3 hash of the bytes as read.
    pub digest: [u8; 32],
}

/// What reading a corpus found, in the order found: the article files, and the warnings about
/// those that could not be read (which go before the warnings about what is in the others).
#[derive(Debug, Clone)]
pub enum Listed {
    File(RawFile),
    Warning(LoadWarning),
}

impl Loaded {
    /// Decodes and converts each file read, in order.
    fn from_listing(listing: Vec<Listed>) -> Self {
        let mut loaded = Self::default();
        for item in listing {
            match item {
                Listed::File(file) => loaded.add(file.name, &file.bytes, file.format, file.origin),
                Listed::Warning(warning) => loaded.warnings.push(warning),
            }
        }
        loaded
    }
}

/// The articles compiled into the binary.
pub fn bundled() -> Loaded {
    Loaded::from_listing(list_bundled())
}

/// The article files compiled into the binary, by name.
pub fn list_bundled() -> Vec<Listed> {
    let mut files: Vec<_> = BUNDLED.files().collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|file| {
            let format = Format::from_path(file.path())?;
            Some(Listed::File(RawFile::new(
                file.path().to_string_lossy().into_owned(),
                Cow::Borrowed(file.contents()),
                format,
                Origin::Bundled(file.contents()),
            )))
        })
        .collect()
}

/// One file, or every article under a folder (recursively, in name order), following the
/// symbolic links that stay inside the folder and, if `options` say so, the others.
///
/// A file named explicitly is read whatever its extension; in a folder only .txt, .md and
/// .html/.htm files are articles. Per-file problems become warnings; only a missing path or a
/// folder with no article at all is an error. Nothing here can block: named pipes, sockets and
/// devices are skipped with a warning, never opened for a blocking read.
pub fn from_path(
    path: &Path,
    progress: Option<&Progress>,
    options: LoadOptions,
) -> Result<Loaded, CorpusError> {
    let loaded = Loaded::from_listing(list_path(path, progress, options)?);
    if loaded.files.is_empty() {
        return Err(CorpusError::NoArticles {
            path: path.to_owned(),
            warnings: loaded.warnings,
        });
    }
    Ok(loaded)
}

/// [`from_path`]'s reading without the decoding: the bytes of every article file, and the
/// warnings about the files that could not be read. Only a path that cannot be opened at all
/// is an error; the caller decides what a listing with no readable article means.
pub fn list_path(
    path: &Path,
    progress: Option<&Progress>,
    options: LoadOptions,
) -> Result<Vec<Listed>, CorpusError> {
    list(path, progress, options, Keep::Bytes)
}

/// [`list_path`] keeping only each file's digest, not its bytes: for a load that will find
/// most files in a cache and read the others again ([`RawFile::read_again`]).
pub fn list_path_released(
    path: &Path,
    progress: Option<&Progress>,
    options: LoadOptions,
) -> Result<Vec<Listed>, CorpusError> {
    list(path, progress, options, Keep::Digests)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Bytes,
    Digests,
}

fn list(
    path: &Path,
    progress: Option<&Progress>,
    options: LoadOptions,
    keep: Keep,
) -> Result<Vec<Listed>, CorpusError> {
    let metadata = std::fs::metadata(path).map_err(|source| CorpusError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    let mut walked = Vec::new();
    progress::start(progress, Stage::Reading, 0);
    if metadata.is_dir() {
        walk(path, &mut walked, options);
    } else {
        let name = path
            .file_name()
            .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
        walked.push(Walked::Read {
            path: path.to_owned(),
            name: sanitize::visible_line(&name),
            format: Format::from_path(path).unwrap_or(Format::Text),
        });
    }
    // The files are read on every core, and listed in the order of the walk.
    use rayon::prelude::*;
    Ok(walked
        .into_par_iter()
        .map(|item| match item {
            Walked::Listed(listed) => listed,
            Walked::Read { path, name, format } => {
                let mut listed = read_file(&path, name, format);
                if let (Keep::Digests, Listed::File(file)) = (keep, &mut listed) {
                    file.bytes = Cow::Borrowed(&[]);
                }
                progress::step(progress);
                listed
            }
        })
        .collect())
}

/// What the walk of a folder finds: a warning, or an article file to read.
enum Walked {
    Listed(Listed),
    Read {
        path: PathBuf,
        name: String,
        format: Format,
    },
}

fn walk(root: &Path, loaded: &mut Vec<Walked>, options: LoadOptions) {
    let warn = |loaded: &mut Vec<Walked>, name: String, message: String| {
        loaded.push(Walked::Listed(Listed::Warning(LoadWarning::new(
            name, message,
        ))));
    };
    // Links are followed by the walk (which notices loops) and checked here, so that a link
    // inside the folder works as if it were what it points to.
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map_or_else(|| root.to_owned(), Path::to_owned);
                if let Some(reason) = walk_error_reason(&err, &path) {
                    warn(loaded, display_name(root, &path), reason);
                }
                continue;
            }
        };
        let file_type = entry.file_type();
        if !options.follow_links
            && entry.path_is_symlink()
            && let Some(target) = outside_target(&inside, entry.path())
        {
            if file_type.is_dir() {
                walker.skip_current_dir();
            }
            if file_type.is_dir() || Format::from_path(entry.path()).is_some() {
                warn(
                    loaded,
                    display_name(root, entry.path()),
                    format!(
                        "skipped: a symbolic link to {}, outside the corpus folder \
                         (--follow-links would follow it)",
                        sanitize::display_path(&target)
                    ),
                );
            }
            continue;
        }
        if file_type.is_dir() {
            continue;
        }
        let Some(format) = Format::from_path(entry.path()) else {
            continue;
        };
        let name = display_name(root, entry.path());
        if let Some(problem) = name_problem(root, entry.path()) {
            warn(loaded, name.clone(), problem);
        }
        if !file_type.is_file() {
            warn(
                loaded,
                name,
                format!(
                    "skipped: {}",
                    ReadProblem::NotRegular(special_kind(file_type))
                ),
            );
            continue;
        }
        loaded.push(Walked::Read {
            path: entry.into_path(),
            name,
            format,
        });
    }
}

/// Where the link at `path` leads, if that is outside the folder `inside` (canonical).
fn outside_target(inside: &Path, path: &Path) -> Option<PathBuf> {
    let target = std::fs::canonicalize(path).ok()?;
    (!target.starts_with(inside)).then_some(target)
}

/// Why the walk could not go into or past `path`; `None` for what would not have been an
/// article anyway (a broken link named `photo.jpg`).
fn walk_error_reason(err: &walkdir::Error, path: &Path) -> Option<String> {
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = sanitize::display_path(ancestor);
        return Some(format!(
            "skipped: symbolic link loop (it leads back to {ancestor}), not followed"
        ));
    }
    let Some(io) = err.io_error() else {
        return Some(format!(
            "skipped: {}",
            sanitize::sanitize_line(&err.to_string())
        ));
    };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && io.kind() == std::io::ErrorKind::NotFound {
        let not_an_article = path.extension().is_some() && Format::from_path(path).is_none();
        if not_an_article {
            return None;
        }
        return Some("skipped: broken symbolic link (what it points to does not exist)".to_owned());
    }
    Some(format!("skipped: {}", describe_io_error(io)))
}

/// A file name that cannot be shown as it is: not UTF-8, or holding control characters.
fn name_problem(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    match relative.to_str() {
        None => Some(
            "the file name is not valid UTF-8: it is shown with U+FFFD for the bad bytes"
                .to_owned(),
        ),
        Some(name) if sanitize::visible_line(name) != name => Some(
            "the file name holds control characters or invisible format characters: it is \
             shown with a picture for each control (␛ for ESC) and \\u{…} for the others"
                .to_owned(),
        ),
        Some(_) => None,
    }
}

/// What a file that is not a regular file is, for warnings.
#[cfg(unix)]
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Open for reading without waiting for a writer: opening a named pipe blocks until one comes.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn read_file(path: &Path, name: String, format: Format) -> Listed {
    match read_regular_file(path, MAX_ARTICLE_BYTES) {
        Ok(bytes) => {
            let origin = Origin::File {
                path: path.to_owned(),
                fingerprint: fingerprint(&bytes),
            };
            Listed::File(RawFile::new(name, Cow::Owned(bytes), format, origin))
        }
        Err(problem) => Listed::Warning(LoadWarning::new(name, format!("skipped: {problem}"))),
    }
}

impl RawFile {
    pub fn new(name: String, bytes: Cow<'static, [u8]>, format: Format, origin: Origin) -> Self {
        Self {
            digest: *blake3::hash(&bytes).as_bytes(),
            name,
            bytes,
            format,
            origin,
        }
    }

    /// The file with its bytes, read again if they were released; what it holds now, which
    /// may not be what it held when it was listed.
    pub fn read_again(self) -> Result<Self, ReadProblem> {
        let Origin::File { path, .. } = &self.origin else {
            return Ok(self);
        };
        if !self.bytes.is_empty() {
            return Ok(self);
        }
        let bytes = read_regular_file(path, MAX_ARTICLE_BYTES)?;
        let origin = Origin::File {
            path: path.clone(),
            fingerprint: fingerprint(&bytes),
        };
        Ok(Self::new(self.name, Cow::Owned(bytes), self.format, origin))
    }
}

/// Why a file's bytes could not be had.
#[derive(Debug)]
pub enum ReadProblem {
    Open(std::io::Error),
    Read(std::io::Error),
    /// A named pipe, socket, device or folder: what it is.
    NotRegular(&'static str),
    /// Its size, over the limit.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Open(err) => write!(f, "cannot open: {}", describe_io_error(err)),
            Self::Read(err) => write!(f, "cannot read: {}", describe_io_error(err)),
            Self::NotRegular(kind) => write!(f, "{kind}, not a regular file"),
            Self::TooLarge { bytes, limit } => write!(
                f,
                "{} is larger than the {} limit for one file",
                megabytes(*bytes),
                megabytes(*limit)
            ),
        }
    }
}

impl std::error::Error for ReadProblem {}

impl From<ReadProblem> for std::io::Error {
    fn from(problem: ReadProblem) -> Self {
        match problem {
            ReadProblem::Open(err) | ReadProblem::Read(err) => err,
            other => std::io::Error::new(std::io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// The bytes of a regular file of at most `limit` bytes, or why not.
///
/// The file is opened without blocking and checked after opening, so that a named pipe cannot
/// hang the load (not even one put in place of a file after the walk saw it), and it is read no
/// further than the limit, so that a device or a growing file cannot exhaust memory. For every
/// file dossier reads: articles, the event catalogue, lexicons.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    use std::io::Read;

    let file = open_without_blocking(path).map_err(ReadProblem::Open)?;
    let metadata = file.metadata().map_err(ReadProblem::Read)?;
    if !metadata.is_file() {
        return Err(ReadProblem::NotRegular(special_kind(metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(ReadProblem::TooLarge {
            bytes: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Read)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// A size in the one unit of every message: "64 MB", "3.2 MB". Rounded up, so that a file
/// just over a limit never reads as the limit itself.
pub fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(MEGABYTE) {
        return format!("{} MB", bytes / MEGABYTE);
    }
    let tenths = bytes.div_ceil(MEGABYTE / 10);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// The name a file is shown and exported under: relative to the corpus root, its folders
/// joined by `/`, and safe to print with any control in it visible (a file name can hold escape
/// sequences too). A `\` is part of a name on Unix, not a separator, and stays.
fn display_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let name = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let name = if name.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        name
    };
    sanitize::visible_line(&name)
}

/// What an I/O error means, in words: "the file is busy…", never "os error 11". Messages of
/// errors made here (not from the system) are shown as they are, sanitised.
pub fn describe_io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if let Some(words) = errno_description(err) {
        return words.to_owned();
    }
    let words = match err.kind() {
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::NotFound => "no such file or folder",
        ErrorKind::NotADirectory => "a file stands where the path needs a folder",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::WouldBlock => "not ready: reading it now would have to wait",
        ErrorKind::Interrupted => "interrupted by a signal",
        ErrorKind::OutOfMemory => "out of memory",
        ErrorKind::UnexpectedEof => "it ended before it was complete",
        _ => {
            // Text of the system's own message without its "(os error N)" tail.
            let text = err.to_string();
            let text = match err.raw_os_error() {
                Some(code) => text
                    .strip_suffix(&format!(" (os error {code})"))
                    .unwrap_or(&text)
                    .to_lowercase(),
                None => text,
            };
            return sanitize::sanitize_line(&text);
        }
    };
    words.to_owned()
}

/// Plain words for the system's errors, including those `std::io::ErrorKind` does not name on
/// stable Rust.
#[cfg(unix)]
fn errno_description(err: &std::io::Error) -> Option<&'static str> {
    let words = match err.raw_os_error()? {
        libc::EACCES | libc::EPERM => "permission denied",
        libc::ENOENT => "no such file or folder",
        libc::ENOTDIR => "a file stands where the path needs a folder",
        libc::EISDIR => "it is a folder, not a file",
        libc::ELOOP => "symbolic link loop (too many levels of links)",
        libc::ENAMETOOLONG => "the path is too long for the file system (too many nested folders)",
        libc::EIO => "input/output error from the disk or file system",
        // EWOULDBLOCK is the same number on Linux and the BSDs.
        libc::EAGAIN => "not ready: reading it now would have to wait (a locked or busy file)",
        libc::ENXIO => "no such device: a named pipe with no writer, or a device that is gone",
        libc::ENODEV => "no such device",
        libc::EMFILE | libc::ENFILE => "too many files are open",
        libc::ENOMEM => "out of memory",
        libc::EINTR => "interrupted by a signal",
        libc::EBUSY | libc::ETXTBSY => "the file is busy",
        libc::EFBIG | libc::EOVERFLOW => "the file is too large to read",
        libc::ESTALE => "the file is gone from the network file system",
        libc::ETIMEDOUT => "the file system did not answer in time",
        libc::EINVAL => "the file cannot be read this way (invalid argument)",
        _ => return None,
    };
    Some(words)
}

#[cfg(not(unix))]
fn errno_description(_: &std::io::Error) -> Option<&'static str> {
    None
}

/// An article's text, what its markup says and what had to be repaired; or why it was skipped.
pub(super) type Converted = Result<Conversion, LoadWarning>;

/// An article file made text.
#[derive(Debug)]
pub(super) struct Conversion {
    pub text: String,
    pub hints: MetaHints,
    pub warnings: Vec<LoadWarning>,
    /// Where each byte of `text` is in the file; `None` for a page whose text could not all be
    /// found again in it (see `html_source`).
    pub map: Option<OffsetMap>,
}

/// Decode, convert and sanitise one article's bytes: its text, what its markup says, and what
/// had to be repaired.
pub(super) fn convert(name: &str, bytes: &[u8], format: Format) -> Converted {
    let warn = |message: String| LoadWarning::new(name.to_owned(), message);
    let mut decoded = sanitize::decode(bytes).map_err(|why| {
        let reason = match why {
            NotText::Empty => "skipped: the file is empty",
            NotText::Binary => "skipped: binary data (NUL bytes), not a text article",
        };
        warn(reason.to_owned())
    })?;
    let mut warnings = Vec::new();
    // Offsets "in the file" are byte offsets of the file as stored for UTF-8 (past a byte-order
    // mark). A file in another encoding has no UTF-8 bytes to point at: its offsets are those
    // of its text decoded to UTF-8.
    let mut decoded_at = OffsetMap::shifted(match decoded.encoding {
        sanitize::Encoding::Utf8 if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) => 3,
        _ => 0,
    });
    if decoded.invalid_sequences > 0 {
        let legacy = (decoded.encoding == sanitize::Encoding::Utf8)
            .then(|| super::charset::decode_legacy(bytes, format))
            .flatten();
        match legacy {
            Some((text, message)) => {
                decoded.text = text;
                decoded_at = OffsetMap::identity();
                warnings.push(warn(message));
            }
            None => warnings.push(warn(format!(
                "not valid {}: {} invalid byte sequence(s) replaced with U+FFFD",
                match decoded.encoding {
                    sanitize::Encoding::Utf8 => "UTF-8",
                    sanitize::Encoding::Utf16Le | sanitize::Encoding::Utf16Be => "UTF-16",
                },
                decoded.invalid_sequences
            ))),
        }
    }
    // Markup is sanitised again after conversion so that entities such as &#27; cannot smuggle
    // controls past it; the escape sequences of the file itself go before, so that a line of
    // nothing but escapes still separates paragraphs.
    let (text, hints, converted_at) = match format {
        Format::Text => (decoded.text, MetaHints::default(), Some(decoded_at)),
        Format::Markdown => {
            let (markdown, unescaped_at) = sanitize::strip_escapes_mapped(&decoded.text);
            let (text, hints, converted_at) = super::markdown::extract(&markdown);
            let at = converted_at.then(&unescaped_at.then(&decoded_at));
            (text, hints, Some(at))
        }
        Format::Html => {
            let (html, unescaped_at) = sanitize::strip_escapes_mapped(&decoded.text);
            let (text, hints, limited, converted_at) = super::html::extract(&html);
            warnings.extend(limited.messages().into_iter().map(warn));
            let at = converted_at.map(|at| at.then(&unescaped_at.then(&decoded_at)));
            (text, hints, at)
        }
    };
    let (text, sanitised_at) = sanitize::sanitize_mapped(&text);
    let map = converted_at.map(|at| sanitised_at.then(&at));
    if text.trim().is_empty() {
        return Err(warn("skipped: no text in the article".to_owned()));
    }
    // Titles, dates and sources are shown on one line: a CR or U+2028 in a front-matter
    // title must not break it in two.
    let one_line =
        |t: String| Some(sanitize::sanitize_line(&t).trim().to_owned()).filter(|t| !t.is_empty());
    let hints = MetaHints {
        title: hints.title.and_then(one_line),
        date: hints.date.and_then(one_line),
        source: hints.source.and_then(one_line),
    };
    Ok(Conversion {
        text,
        hints,
        warnings,
        map,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_converting_skips_only_that_file() {
        let mut loaded = Loaded::default();
        for name in ["one.txt", "two.txt", "three.txt"] {
            let text = format!("The harbour of {name} reopened on Monday.");
            let origin = Origin::Memory(text.as_bytes().into());
            loaded.add_with(name.to_owned(), Format::Text, origin, |name| {
                assert_ne!(name, "two.txt", "a bug that only this file triggers");
                convert(name, text.as_bytes(), Format::Text)
            });
        }
        let files: Vec<&str> = loaded.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(files, ["one.txt", "three.txt"]);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert_eq!(loaded.warnings[0].file, "two.txt");
        assert!(
            loaded.warnings[0]
                .message
                .contains("a bug that only this file triggers"),
            "{}",
            loaded.warnings[0].message
        );
    }

    #[test]
    fn bundled_corpus_has_five_articles() {
        let loaded = bundled();
        assert_eq!(loaded.files.len(), 5);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn metadata_titles_stay_on_one_line() {
        // Found by tests/properties.rs: U+2028 and a lone CR in a front-matter title.
        for title in [
            "V\u{2028}olodymyr Zelenskyy met",
            "Talks end.\rTalks resume",
        ] {
            let text = format!("---\ntitle: {title}\nsource: A\u{2029}B\n---\n\n# {title}\n");
            let hints = convert("a.md", text.as_bytes(), Format::Markdown)
                .unwrap()
                .hints;
            let title = hints.title.unwrap();
            assert!(!title.contains('\n'), "{title:?}");
            assert!(!hints.source.unwrap().contains('\n'));
        }
        let hints = convert(
            "a.md",
            b"---\ntitle: \x1b[2J\n---\n\nText here.",
            Format::Markdown,
        )
        .unwrap()
        .hints;
        assert_eq!(
            hints.title, None,
            "a title of nothing but escapes is no title"
        );
    }

    #[test]
    fn html_entities_cannot_smuggle_escapes() {
        let text = convert("x.html", b"<p>a&#27;[31mb&#x9b;c</p>", Format::Html)
            .unwrap()
            .text;
        // HTML maps &#x9b; to "›" (windows-1252), so no C1 control appears at all.
        assert_eq!(text, "ab›c");
    }
}
