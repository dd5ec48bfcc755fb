//! `--lexicon` folders: arbitrary bytes written as one or two lexicon files, read with the
//! loader the CLI uses, then used to extract people. No panic; an error is safe to print.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use dossier::corpus::Corpus;
use dossier::corpus::sanitize::is_unsafe;
use dossier::extract::people::find_people;
use dossier::lexicon::{FILE_NAMES, Lexicon};
use libfuzzer_sys::fuzz_target;

/// One folder per fuzzing process, emptied before each input.
fn folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dossier-fuzz-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir
    })
}

fuzz_target!(|bytes: &[u8]| {
    // Byte 0 and 1 pick the files; a form feed splits the rest between them.
    let [first, second, rest @ ..] = bytes else {
        return;
    };
    let dir = folder();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
    let mut parts = rest.splitn(2, |&b| b == 0x0c);
    for pick in [first, second] {
        let name = FILE_NAMES[usize::from(*pick) % FILE_NAMES.len()];
        let content = parts.next().unwrap_or_default();
        std::fs::write(dir.join(format!("{name}.txt")), content).expect("write a lexicon file");
    }
    match Lexicon::with_user_folder(dir) {
        Ok(lexicon) => {
            let story = "Minister Oskar Lindqvist met envoys in Tallberg on Monday. \
                         Lindqvist said the talks would resume.";
            let text = String::from_utf8_lossy(rest);
            let corpus = Corpus::from_texts([("a.txt", story), ("b.txt", text.as_ref())], &lexicon);
            for person in find_people(&corpus.articles, &lexicon) {
                assert!(!person.name.is_empty());
            }
        }
        Err(err) => {
            let message = err.to_string();
            assert!(
                !message.chars().any(|c| is_unsafe(c) || c == '\n'),
                "{message:?}"
            );
        }
    }
});
