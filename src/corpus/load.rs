//! Reading articles from the bundled assets or from the user's files.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::sanitize::{self, NotText};
use super::{CorpusError, Format, LoadWarning, MetaHints, SourceFile};

static BUNDLED: Dir = include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// Larger files are skipped: no news article is this long, and reading one would only cost memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Files read, and what went wrong with the others.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub warnings: Vec<LoadWarning>,
}

impl Loaded {
    pub(super) fn add(&mut self, name: String, bytes: &[u8], format: Format) {
        match read_article(&name, bytes, format) {
            Ok((file, warning)) => {
                self.files.push(file);
                self.warnings.extend(warning);
            }
            Err(warning) => self.warnings.push(warning),
        }
    }
}

/// The articles compiled into the binary.
pub fn bundled() -> Loaded {
    let mut loaded = Loaded::default();
    let mut files: Vec<_> = BUNDLED.files().collect();
    files.sort_by_key(|f| f.path());
    for file in files {
        let name = file.path().to_string_lossy().into_owned();
        if let Some(format) = Format::from_path(file.path()) {
            loaded.add(name, file.contents(), format);
        }
    }
    loaded
}

/// One file, or every article under a folder (recursively, following links, in name order).
///
/// A file named explicitly is read whatever its extension; in a folder only .txt, .md and
/// .html/.htm files are articles. Per-file problems become warnings; only a missing path or a
/// folder with no article at all is an error.
pub fn from_path(path: &Path) -> Result<Loaded, CorpusError> {
    let metadata = std::fs::metadata(path).map_err(|source| CorpusError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    let mut loaded = Loaded::default();
    if metadata.is_file() {
        let name = path
            .file_name()
            .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
        let name = sanitize::sanitize_line(&name);
        let format = Format::from_path(path).unwrap_or(Format::Text);
        read_file(path, name, format, &mut loaded);
    } else {
        walk(path, &mut loaded);
    }
    if loaded.files.is_empty() {
        return Err(CorpusError::NoArticles {
            path: path.to_owned(),
            warnings: loaded.warnings,
        });
    }
    Ok(loaded)
}

fn walk(root: &Path, loaded: &mut Loaded) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map_or_else(|| root.to_owned(), Path::to_owned);
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_owned()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), describe_io)
                };
                loaded
                    .warnings
                    .push(LoadWarning::new(display_name(root, &path), reason));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(format) = Format::from_path(entry.path()) else {
            continue;
        };
        read_file(
            entry.path(),
            display_name(root, entry.path()),
            format,
            loaded,
        );
    }
}

fn read_file(path: &Path, name: String, format: Format, loaded: &mut Loaded) {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_ARTICLE_BYTES => {
            let reason = format!(
                "skipped: {} MB is larger than the {} MB limit for one article",
                meta.len() / 1_000_000,
                MAX_ARTICLE_BYTES / 1024 / 1024
            );
            loaded.warnings.push(LoadWarning::new(name, reason));
            return;
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => loaded.add(name, &bytes, format),
        Err(err) => loaded.warnings.push(LoadWarning::new(
            name,
            format!("skipped: cannot read: {}", describe_io(&err)),
        )),
    }
}

/// The name a file is shown and exported under: relative to the corpus root, and safe to print
/// (a file name can hold escape sequences too).
fn display_name(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path
        .strip_prefix(root)
        .map_or_else(|_| path.to_owned(), Path::to_owned);
    let name = relative.to_string_lossy().replace('\\', "/");
    let name = if name.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        name
    };
    sanitize::sanitize_line(&name)
}

fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        _ => err.to_string(),
    }
}

/// Decode, convert and sanitise one article's bytes.
fn read_article(
    name: &str,
    bytes: &[u8],
    format: Format,
) -> Result<(SourceFile, Option<LoadWarning>), LoadWarning> {
    let decoded = sanitize::decode(bytes).map_err(|why| {
        let reason = match why {
            NotText::Empty => "skipped: the file is empty",
            NotText::Binary => "skipped: binary data (NUL bytes), not a text article",
        };
        LoadWarning::new(name.to_owned(), reason.to_owned())
    })?;
    let warning = (decoded.invalid_sequences > 0).then(|| {
        LoadWarning::new(
            name.to_owned(),
            format!(
                "not valid UTF-8: {} invalid byte sequence(s) replaced with U+FFFD",
                decoded.invalid_sequences
            ),
        )
    });
    // Markup is converted before sanitising so that entities such as &#27; cannot smuggle
    // controls past it.
    let (text, hints) = match format {
        Format::Text => (decoded.text, MetaHints::default()),
        Format::Markdown => super::markdown::extract(&decoded.text),
        Format::Html => super::html::extract(&decoded.text),
    };
    let text = sanitize::sanitize(&text);
    if text.trim().is_empty() {
        return Err(LoadWarning::new(
            name.to_owned(),
            "skipped: no text in the article".to_owned(),
        ));
    }
    let hints = MetaHints {
        title: hints.title.map(|t| sanitize::sanitize(&t)),
        date: hints.date.map(|t| sanitize::sanitize(&t)),
        source: hints.source.map(|t| sanitize::sanitize(&t)),
    };
    Ok((
        SourceFile {
            file: name.to_owned(),
            format,
            text,
            hints,
        },
        warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_corpus_has_five_articles() {
        let loaded = bundled();
        assert_eq!(loaded.files.len(), 5);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn html_entities_cannot_smuggle_escapes() {
        let (file, _) = read_article("x.html", b"<p>a&#27;[31mb&#x9b;c</p>", Format::Html).unwrap();
        // HTML maps &#x9b; to "›" (windows-1252), so no C1 control appears at all.
        assert_eq!(file.text, "ab›c");
    }
}
