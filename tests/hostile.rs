//! Hostile and broken article content: every article loads or is skipped with a warning that
//! names it and says why, nothing that could drive a terminal reaches any output, and the export
//! is valid JSON.
//!
//! The corpus is generated into a temporary folder by the tests: the binary and huge inputs are
//! not kept in the repository. The 50 MB article takes ~20 s in a release build and several
//! minutes in a debug one (measured), so it is `#[ignore]`d here and `.ci/run` runs it in release:
//! `cargo test --release --test hostile -- --ignored`.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use dossier::corpus::Corpus;
use dossier::corpus::sanitize::is_unsafe;
use dossier::lexicon::Lexicon;
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(120);

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    cmd.timeout(TIMEOUT).arg("--no-library");
    cmd
}

/// A plain article the hostile variants are made from.
const STORY: &str = "Harbour Talks Resume After a Long Night\n\nTALLINN, March 15, 2024 (Reuters) - Minister Anna Berg met Finnish envoy Mikko Rantanen on Friday, officials said.\n\nThe two sides signed the Harbour Accord after talks that lasted until dawn.\n\nBerg said the accord would be ratified in April.\n";

/// Every escape a terminal understands, and the controls around them.
const ESCAPES: &[&str] = &[
    "\x1b[31m",                                         // SGR colour
    "\x1b[0m",                                          // SGR reset
    "\x1b[2J\x1b[H",                                    // CSI clear screen, cursor home
    "\x1b[?1049h",                                      // CSI private mode: alternate screen
    "\x1b]0;pwned title\x07",                           // OSC 0: window title, BEL-terminated
    "\x1b]2;another title\x1b\\",                       // OSC 2: window title, ST-terminated
    "\x1b]52;c;cm0gLXJmIH4=\x07",                       // OSC 52: clipboard write
    "\x1b]8;;http://evil.example/\x1b\\\x1b]8;;\x1b\\", // OSC 8 hyperlink, no link text
    "\x1bP1$qm\x1b\\",                                  // DCS request
    "\x1b_application\x1b\\",                           // APC
    "\x1b^privacy\x1b\\",                               // PM
    "\x1bc",                                            // RIS: full reset
    "\x1b(0",                                           // designate the line-drawing set
    "\u{9b}31m",                                        // 8-bit CSI
    "\u{9d}0;c1 title\u{9c}",                           // 8-bit OSC ... ST
    "\u{90}dcs\u{9c}",                                  // 8-bit DCS
    "\u{85}\u{8d}\u{9a}",                               // other C1 controls
    "\x07\x08\x0b\x0c\x0e\x0f\x7f",                     // C0 controls and DEL
];

fn with_escapes(text: &str) -> String {
    // An escape at the start of every line and inside the words of the body.
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        out.push_str(ESCAPES[i % ESCAPES.len()]);
        let words: Vec<&str> = line.split(' ').collect();
        for (j, word) in words.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(word);
            if j % 3 == 2 {
                out.push_str(ESCAPES[(i + j) % ESCAPES.len()]);
            }
        }
        out.push('\n');
    }
    out
}

/// UTF-16 with a byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// A small but real PNG (signature, IHDR, IDAT, IEND) with the CRCs left at zero.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend([0, 0, 0, 13]);
    bytes.extend(b"IHDR");
    bytes.extend([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    bytes.extend([0x90, 0x77, 0x53, 0xDE]);
    bytes.extend([0, 0, 0, 12]);
    bytes.extend(b"IDAT");
    bytes.extend([
        0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00,
    ]);
    bytes.extend([0x18, 0xDD, 0x8D, 0xB0]);
    bytes.extend([0, 0, 0, 0]);
    bytes.extend(b"IEND");
    bytes.extend([0xAE, 0x42, 0x60, 0x82]);
    bytes
}

/// A long article of varied sentences, `bytes` long at least.
fn long_article(bytes: usize, newlines: bool) -> String {
    let names = [
        "Anna Berg",
        "Mikko Rantanen",
        "Kadri Volkova",
        "Jonas Petersen",
    ];
    let months = ["January", "February", "March", "April", "May", "June"];
    let mut out = String::from("A Very Long Report on the Harbour Talks\n\n");
    let mut i = 0usize;
    while out.len() < bytes {
        let sentence = format!(
            "{} said on {} {}, 2024 that clause {i} of the accord was agreed in Tallinn. ",
            names[i % names.len()],
            months[i % months.len()],
            1 + i % 28,
        );
        out.push_str(&sentence);
        if newlines && i % 5 == 4 {
            out.push_str("\n\n");
        }
        i += 1;
    }
    out
}

/// What a file of the hostile corpus should become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Loads,
    /// Loads, with a warning that says this.
    LoadsWithWarning(&'static str),
    /// Skipped, with a warning that says this.
    Skipped(&'static str),
}

/// Writes the hostile corpus into `dir` and says what each file should become.
fn hostile_corpus(dir: &Path) -> Vec<(String, Expect)> {
    let files: Vec<(String, Vec<u8>, Expect)> = vec![
        ("plain.txt".into(), STORY.into(), Expect::Loads),
        ("escapes.txt".into(), with_escapes(STORY).into(), Expect::Loads),
        (
            "escapes.md".into(),
            format!(
                "---\ntitle: \"Harbour \x1b]0;x\x07Talks\x1b[2J Resume After a Long Night\"\nsource: \"Wire\x1b[31m Service\"\ndate: 2024-03-15\x1b[0m\n---\n\n{}",
                with_escapes(STORY)
            )
            .into(),
            Expect::Loads,
        ),
        (
            "escapes.html".into(),
            format!(
                "<html><head><title>Harbour \x1b]0;x\x07Talks&#27;]0;y&#7; Resume</title></head><body><h1>Harbour Talks \x1b[5mResume</h1><p>Minister Anna Berg&#27;[2J met Finnish envoy Mikko Rantanen&#x9b;31m on Friday,&#155;0m officials said.&#0;&#x1b;]52;c;eA==&#x07;</p><p>{}</p></body></html>",
                with_escapes("The two sides signed the Harbour Accord after talks that lasted until dawn.")
            )
            .into(),
            Expect::Loads,
        ),
        (
            "only-escapes.txt".into(),
            ESCAPES.concat().into(),
            Expect::Skipped("no text"),
        ),
        (
            "nul.txt".into(),
            format!("Harbour talks\0resume. {STORY}").into(),
            Expect::Skipped("binary data"),
        ),
        (
            "unicode.txt".into(),
            "Harbour Talks Resume\u{202E} Under Pressure\n\nMinister Anna\u{200B} Berg met \u{2066}Mikko Rantanen\u{2069} on Friday in Tallinn\u{200F}, officials said. The caf\u{e9} and the cafe\u{301} stayed open. \u{1F469}\u{200D}\u{1F4BB} coders and \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} families watched \u{1F1EA}\u{1F1EA} flags.\n\nقال الوزير إن المحادثات ستستمر يوم الجمعة.\n\nהשר אמר כי השיחות יימשכו ביום שישי.\n\nZ\u{0351}\u{0361}a\u{0360}l\u{0352}g\u{0336}o text with stacked marks\u{FEFF}\u{00AD} and a soft\u{00AD}hyphen.\n"
            .into(),
            Expect::Loads,
        ),
        (
            "arabic.txt".into(),
            "محادثات الميناء تستأنف\n\nقال الوزير إن المحادثات ستستمر يوم الجمعة في تالين.\n\nووقع الجانبان الاتفاق بعد محادثات استمرت حتى الفجر.\n".into(),
            Expect::Loads,
        ),
        (
            "hebrew.txt".into(),
            "שיחות הנמל מתחדשות\n\nהשר אמר כי השיחות יימשכו ביום שישי בטאלין.\n".into(),
            Expect::Loads,
        ),
        ("crlf.txt".into(), STORY.replace('\n', "\r\n").into(), Expect::Loads),
        ("cr.txt".into(), STORY.replace('\n', "\r").into(), Expect::Loads),
        (
            "latin1.txt".into(),
            STORY
                .replace("Rantanen", "Rant\u{e4}nen")
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap())
                .collect(),
            Expect::LoadsWithWarning("not valid UTF-8"),
        ),
        ("utf16le.txt".into(), utf16(STORY, true), Expect::Loads),
        ("utf16be.txt".into(), utf16(STORY, false), Expect::Loads),
        (
            "utf16-odd.txt".into(),
            {
                let mut bytes = utf16(STORY, true);
                bytes.push(b'x');
                bytes
            },
            Expect::LoadsWithWarning("not valid UTF-16"),
        ),
        ("picture.txt".into(), png(), Expect::Skipped("binary data")),
        ("empty.txt".into(), Vec::new(), Expect::Skipped("empty")),
        ("blank.md".into(), b" \r\n\t \n".to_vec(), Expect::Skipped("empty")),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let mut expected: Vec<(String, Expect)> = files
        .into_iter()
        .map(|(name, _, expect)| (name, expect))
        .collect();
    // A file name with an escape sequence in it: shown and exported with the sequence made
    // visible (and harmless).
    std::fs::write(dir.join("title\x1b]0;pwned\x07.txt"), STORY).unwrap();
    expected.push((
        VISIBLE_TITLE_NAME.into(),
        Expect::LoadsWithWarning("control characters"),
    ));
    expected
}

/// How `title\x1b]0;pwned\x07.txt` is shown.
const VISIBLE_TITLE_NAME: &str = "title\u{241B}]0;pwned\u{2407}.txt";

/// Every character of every string in the JSON value is safe to print.
fn assert_no_unsafe_strings(value: &Value, path: &str) {
    match value {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|&c| is_unsafe(c) || c == '\n') {
                panic!("{path} holds {c:?}: {s:?}");
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_no_unsafe_strings(item, &format!("{path}[{i}]"));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                assert_no_unsafe_strings(item, &format!("{path}.{key}"));
            }
        }
        _ => {}
    }
}

/// Output meant for a terminal: UTF-8 and nothing but printable characters and newlines.
fn assert_printable(bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        let at = text.find(c).unwrap_or(0);
        panic!(
            "{what} holds {c:?} near {:?}",
            &text[at.saturating_sub(40)..(at + 40).min(text.len())]
        );
    }
}

fn export(corpus: &Path) -> Value {
    let output = dossier()
        .args(["export", "--corpus"])
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "status {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_printable(&output.stderr, "export's stderr");
    serde_json::from_slice(&output.stdout).expect("the export is valid JSON")
}

fn article<'j>(json: &'j Value, file: &str) -> &'j Value {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file)
        .unwrap_or_else(|| panic!("{file} not loaded"))
}

#[test]
fn every_hostile_article_loads_or_is_skipped_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let expected = hostile_corpus(dir.path());
    let json = export(dir.path());
    assert_no_unsafe_strings(&json, "export");

    let loaded: BTreeSet<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    let warnings: Vec<(&str, &str)> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["file"].as_str().unwrap(), w["message"].as_str().unwrap()))
        .collect();
    for (file, expect) in &expected {
        let about: Vec<&str> = warnings
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, m)| *m)
            .collect();
        match expect {
            Expect::Loads => {
                assert!(
                    loaded.contains(file.as_str()),
                    "{file} did not load: {about:?}"
                );
                assert!(about.is_empty(), "{file}: unexpected warnings {about:?}");
            }
            Expect::LoadsWithWarning(reason) => {
                assert!(
                    loaded.contains(file.as_str()),
                    "{file} did not load: {about:?}"
                );
                assert!(
                    about.len() == 1 && about[0].contains(reason),
                    "{file}: expected one warning saying {reason:?}, got {about:?}"
                );
            }
            Expect::Skipped(reason) => {
                assert!(!loaded.contains(file.as_str()), "{file} loaded");
                assert!(
                    about.len() == 1
                        && about[0].starts_with("skipped: ")
                        && about[0].contains(reason),
                    "{file}: expected one 'skipped' warning saying {reason:?}, got {about:?}"
                );
            }
        }
    }
    assert_eq!(
        loaded.len()
            + warnings
                .iter()
                .filter(|(_, m)| m.starts_with("skipped"))
                .count(),
        expected.len(),
        "every file is either loaded or skipped: {loaded:?} {warnings:?}"
    );
}

#[test]
fn escapes_are_removed_and_the_text_around_them_kept() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let json = export(dir.path());
    let plain = article(&json, "plain.txt");
    for file in ["escapes.txt", "escapes.md"] {
        let hostile = article(&json, file);
        for key in ["title", "people", "sentences", "date"] {
            assert_eq!(hostile[key], plain[key], "{file}: {key}");
        }
    }
    let html = article(&json, "escapes.html");
    assert_eq!(html["title"], "Harbour Talks Resume");
    let people: Vec<&str> = html["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(people.contains(&"anna-berg"), "{people:?}");
    assert!(people.contains(&"mikko-rantanen"), "{people:?}");
}

#[test]
fn line_ends_and_encodings_do_not_change_the_article() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let json = export(dir.path());
    let plain = article(&json, "plain.txt");
    for file in [
        "crlf.txt",
        "cr.txt",
        "utf16le.txt",
        "utf16be.txt",
        VISIBLE_TITLE_NAME,
    ] {
        let other = article(&json, file);
        for key in ["title", "people", "sentences", "date", "source", "events"] {
            assert_eq!(other[key], plain[key], "{file}: {key}");
        }
    }
    assert_eq!(
        article(&json, "crlf.txt")["bytes"],
        plain["bytes"],
        "CRLF becomes LF"
    );
}

#[test]
fn scripts_emoji_and_combining_marks_survive_while_invisible_controls_go() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let corpus = Corpus::from_path(dir.path(), Lexicon::builtin()).unwrap();
    let find = |file: &str| {
        corpus
            .articles
            .iter()
            .find(|a| a.file == file)
            .unwrap_or_else(|| panic!("{file}"))
    };
    let unicode = find("unicode.txt");
    for kept in [
        "\u{1F469}\u{200D}\u{1F4BB}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
        "\u{1F1EA}\u{1F1EA}",
        "cafe\u{301}",
        "caf\u{e9}",
        "Z\u{0351}\u{0361}a\u{0360}l\u{0352}g\u{0336}o",
        "قال الوزير",
        "השר אמר",
        "Anna Berg",
    ] {
        assert!(
            unicode.text.contains(kept),
            "{kept:?} lost: {:?}",
            unicode.text
        );
    }
    for gone in [
        '\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{200B}', '\u{FEFF}', '\u{AD}',
    ] {
        assert!(!raw(unicode).contains(gone), "{gone:?} kept");
    }
    for file in ["arabic.txt", "hebrew.txt"] {
        let article = find(file);
        let title = article.title.trim_end_matches('…');
        assert!(
            !title.is_empty() && article.text.contains(title),
            "{file}: {:?}",
            article.title
        );
        assert!(
            article.sentences.len() >= 2,
            "{file}: {:?}",
            article.sentences
        );
    }
    for article in &corpus.articles {
        for text in [&raw(article), &article.text, &article.title] {
            assert!(
                !text.chars().any(|c| c != '\n' && is_unsafe(c)),
                "{}: {text:?}",
                article.file
            );
        }
    }
}

#[test]
fn a_one_megabyte_line_is_one_article_with_many_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("line.txt"), long_article(1_000_000, false)).unwrap();
    let json = export(&dir.path().join("line.txt"));
    let line = article(&json, "line.txt");
    assert!(line["bytes"].as_u64().unwrap() >= 999_000, "{line}");
    assert!(line["sentences"].as_u64().unwrap() > 10_000, "{line}");
    assert!(!json["people"].as_array().unwrap().is_empty());
}

#[test]
fn tables_and_warnings_never_carry_escapes_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    for command in ["people", "timeline", "articles"] {
        let output = dossier()
            .args([command, "--width", "0", "--corpus"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{command}: {:?}", output.status);
        assert_printable(&output.stdout, command);
        assert_printable(&output.stderr, command);
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.lines().count() > 1, "{command}: {stdout}");
    }
}

#[test]
fn a_hostile_event_catalogue_cannot_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), STORY).unwrap();
    let events = dir.path().join("events.toml");
    std::fs::write(
        &events,
        "[[event]]\nid = \"accord\\u001b]0;x\\u0007\"\ndate = \"2024-03-15\"\ntitle = \"Harbour \\u001b[2JAccord\\u009b31m signed\"\nplace = \"Tallinn\\u202e\"\nparticipants = [\"Anna Berg\\u0007\"]\ncues = [\"Harbour Accord\"]\n",
    )
    .unwrap();
    let output = dossier()
        .args(["export", "--corpus"])
        .arg(dir.path().join("story.txt"))
        .arg("--events")
        .arg(&events)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_no_unsafe_strings(&json, "export");
    let event = json["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Harbour Accord signed")
        .unwrap_or_else(|| panic!("{}", json["timeline"]));
    assert_eq!(event["place"], "Tallinn");

    // Errors quote the file's text: they are cleaned too.
    for bad in [
        "[[event]]\nid = \"x\"\ndate = \"2024-03-15\\u001b]0;x\\u0007\"\ntitle = \"T\"\n",
        "[[event]]\nid = \"x\\u001b[2J\"\ndate = \"2024-13-15\"\ntitle = \"T\"\n",
        "[[event]]\nid = \"x\"\ndate = \"2024\"\ntitle = \"T\"\n\"when\\u001b]52;c;eA==\\u0007\" = 1\n",
    ] {
        std::fs::write(&events, bad).unwrap();
        let output = dossier()
            .args(["timeline", "--events"])
            .arg(&events)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(output.stdout.is_empty());
        assert_printable(&output.stderr, "catalogue error");
    }
}

#[test]
#[ignore = "~20 s in release, minutes in debug: run in release by .ci/run"]
fn a_fifty_megabyte_article_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let text = long_article(50_000_000, true);
    std::fs::write(&path, &text).unwrap();
    let started = std::time::Instant::now();
    let json = export(&path);
    let elapsed = started.elapsed();
    let huge = article(&json, "huge.txt");
    assert!(huge["bytes"].as_u64().unwrap() > 49_000_000, "{huge}");
    assert!(huge["sentences"].as_u64().unwrap() > 400_000, "{huge}");
    assert_no_unsafe_strings(&json["articles"], "articles");
    let people: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "Anna Berg",
        "Mikko Rantanen",
        "Kadri Volkova",
        "Jonas Petersen",
    ] {
        assert!(people.contains(&name), "{name} not in {people:?}");
    }
    eprintln!("50 MB article: exported in {elapsed:?}");
}

/// The article's raw text, as the reader's raw view shows it.
fn raw(article: &dossier::corpus::Article) -> String {
    article.raw_text().expect("the raw text can be read again")
}
