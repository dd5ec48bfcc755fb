//! HTML and encodings as they come from the web and from old archives: pages nested thousands
//! deep or with thousands of attributes on a tag load in time that grows with their size and
//! never take the other articles down; declared and Latin-1 encodings are read as written; text
//! a page hides from its readers is not article text.
//!
//! The scaling tests time N and 4N and are `#[ignore]`d: in debug they measure the debug build.
//! `.ci/run` runs them in release: `cargo test --release --test html_input -- --ignored`.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use dossier::corpus::Corpus;
use dossier::lexicon::Lexicon;

const TIMEOUT: Duration = Duration::from_secs(120);

fn dossier() -> Command {
    let mut cmd = Command::cargo_bin("dossier").expect("the dossier binary is built for tests");
    cmd.timeout(TIMEOUT).arg("--no-library");
    cmd
}

/// Five small articles, each naming one person: what must survive the bad files beside them.
const GOOD: &[(&str, &str, &str)] = &[
    (
        "ferry.txt",
        "Minister Karla Ostrova said on Monday that the new ferry line will open in June.\n",
        "Karla Ostrova",
    ),
    (
        "bridge.md",
        "# Bridge works\n\nEngineer Tomas Vilkas said the bridge would close for a week.\n",
        "Tomas Vilkas",
    ),
    (
        "harbour.html",
        "<html><body><article><p>Mayor Ines Carvalho opened the harbour market on Friday.</p></article></body></html>",
        "Ines Carvalho",
    ),
    (
        "rail.txt",
        "Senator Brynja Holm told reporters that the rail budget was approved.\n",
        "Brynja Holm",
    ),
    (
        "school.html",
        "<p>Director Paavo Lindqvist said the school will reopen after the storm.</p>",
        "Paavo Lindqvist",
    ),
];

fn write_good_articles(dir: &Path) {
    for (file, text, _) in GOOD {
        std::fs::write(dir.join(file), text).unwrap();
    }
}

/// `dossier people` on `dir`: its table and its stderr, after checking that it succeeded.
fn people(dir: &Path) -> (String, String) {
    let output = dossier()
        .args(["people", "--width", "0", "--corpus"])
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "status {:?}: {stderr}",
        output.status
    );
    (String::from_utf8_lossy(&output.stdout).into_owned(), stderr)
}

fn assert_warned(stderr: &str, file: &str, words: &str) {
    assert!(
        stderr
            .lines()
            .any(|line| line.contains(file) && line.contains(words)),
        "no warning naming {file} with {words:?}:\n{stderr}"
    );
}

fn article_text(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let corpus = Corpus::from_path(dir.path(), Lexicon::builtin()).unwrap();
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.warnings);
    corpus.articles[0].text.clone()
}

#[test]
fn deeply_nested_pages_do_not_take_the_load_down() {
    let dir = tempfile::tempdir().unwrap();
    write_good_articles(dir.path());
    // 18 KB and 90 KB of unclosed inline tags.
    std::fs::write(
        dir.path().join("nested-18k.html"),
        format!("<p>Hi.{}", "<q>".repeat(6000)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nested-90k.html"),
        format!("<p>Hi.{}", "<q>".repeat(30_000)),
    )
    .unwrap();
    // Deep block nesting, closed, with text at the bottom.
    std::fs::write(
        dir.path().join("nested-divs.html"),
        format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        ),
    )
    .unwrap();
    let (table, stderr) = people(dir.path());
    for (file, _, person) in GOOD {
        assert!(
            table.contains(person),
            "{person} of {file} missing:\n{table}\n{stderr}"
        );
    }
    for file in ["nested-18k.html", "nested-90k.html", "nested-divs.html"] {
        assert_warned(&stderr, file, "nested deeper than");
    }
}

#[test]
fn deeply_nested_markdown_loads() {
    let dir = tempfile::tempdir().unwrap();
    write_good_articles(dir.path());
    std::fs::write(
        dir.path().join("quotes.md"),
        format!("Hi.\n\n{} deep\n", ">".repeat(50_000)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("links.md"),
        format!("Hi. {}x{}\n", "[".repeat(50_000), "](u)".repeat(50_000)),
    )
    .unwrap();
    let (table, stderr) = people(dir.path());
    for (_, _, person) in GOOD {
        assert!(
            table.contains(person),
            "{person} missing:\n{table}\n{stderr}"
        );
    }
}

#[test]
fn deep_nesting_keeps_its_text() {
    let page = format!(
        "<article><p>Envoy Marta Siilak arrived.</p>{}<p>Envoy Oskar Talvik left.</p></article>",
        "<span>".repeat(10_000)
    );
    let text = article_text("deep.html", page.as_bytes());
    assert!(text.contains("Envoy Marta Siilak arrived."), "{text}");
    assert!(text.contains("Envoy Oskar Talvik left."), "{text}");
}

#[test]
fn a_tag_with_thousands_of_attributes_keeps_its_text() {
    let attributes: String = (0..20_000).map(|i| format!(" data-x{i}=\"{i}\"")).collect();
    let page = format!("<p{attributes}>Judge Selma Arvola ruled on Tuesday.</p>");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("attributes.html"), &page).unwrap();
    let (table, stderr) = people(dir.path());
    assert!(table.contains("Selma Arvola"), "{table}\n{stderr}");
    assert_warned(&stderr, "attributes.html", "attributes");
}

/// "Le président François Lemaréchal a dit mardi..." in Latin-1, as old archives hold it.
fn latin_1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

#[test]
fn a_latin_1_text_file_is_read_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    write_good_articles(dir.path());
    std::fs::write(
        dir.path().join("latin1.txt"),
        latin_1(
            "Le président François Lemaréchal a dit mardi que la réforme était prête.\n\n\
             Lemaréchal a ajouté que le vote aurait lieu en été.\n",
        ),
    )
    .unwrap();
    let (table, stderr) = people(dir.path());
    assert!(table.contains("François Lemaréchal"), "{table}\n{stderr}");
    assert!(
        !table.lines().any(|line| line.starts_with("Fran ")),
        "{table}"
    );
    assert_warned(&stderr, "latin1.txt", "decoded as windows-1252");
}

#[test]
fn declared_html_charsets_are_honoured() {
    let body = "<p>La ministre Hélène Várkonyi a parlé à Genève.</p>";
    for meta in [
        "<meta charset=\"windows-1252\">",
        "<meta charset='ISO-8859-1'>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">",
    ] {
        let mut page = format!("<html><head>{meta}</head><body>").into_bytes();
        page.extend(latin_1(body));
        let text = article_text("page.html", &page);
        assert!(text.contains("Hélène Várkonyi"), "{meta}: {text}");
    }
    // ISO-8859-2 is not Latin-1: its own letters, as it declares.
    let mut page = b"<meta charset=\"iso-8859-2\"><p>Premier Zdenek Ko".to_vec();
    page.extend(b"\xb3odziej spoke.</p>");
    let text = article_text("central.html", &page);
    assert!(text.contains("Kołodziej"), "{text}");
}

#[test]
fn garbage_stays_lossy_utf8_with_its_warning() {
    let dir = tempfile::tempdir().unwrap();
    write_good_articles(dir.path());
    // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in windows-1252: this is not Latin-1 text.
    std::fs::write(
        dir.path().join("garbage.txt"),
        b"Officials met \x81\x8d\x8f\x90\x9d on Monday.\n",
    )
    .unwrap();
    let (_, stderr) = people(dir.path());
    assert_warned(&stderr, "garbage.txt", "replaced with U+FFFD");
    assert!(!stderr.contains("windows-1252"), "{stderr}");
}

#[test]
fn hidden_html_is_not_article_text() {
    let hidden = [
        "<p style=\"DISPLAY: NONE\">Hidden by an upper-case style.</p>",
        "<p style=\"display : none\">Hidden with spaces around the colon.</p>",
        "<p style=\"color: red;display:\tnone !important\">Hidden after another declaration.</p>",
        "<p style=\"visibility: hidden\">Hidden but taking room.</p>",
        "<p hidden>Hidden by the attribute.</p>",
        "<p HIDDEN=\"\">Hidden by the attribute in capitals.</p>",
        "<p aria-hidden=\"true\">Hidden from screen readers.</p>",
        "<p aria-hidden=\"TRUE\">Hidden from screen readers, in capitals.</p>",
    ];
    for hidden in hidden {
        let page = format!("<article><p>Visible lede of the story.</p>{hidden}</article>");
        let text = article_text("page.html", page.as_bytes());
        assert_eq!(text, "Visible lede of the story.", "{hidden}");
    }
    // Only what hides: these stay.
    for shown in [
        "<p style=\"display: block\">Shown as a block.</p>",
        "<p aria-hidden=\"false\">Shown to everyone.</p>",
        "<p style=\"content-visibility: hidden-matchable\">Shown, found by search.</p>",
    ] {
        let page = format!("<article>{shown}</article>");
        let text = article_text("page.html", page.as_bytes());
        assert!(text.starts_with("Shown"), "{shown}: {text}");
    }
}

/// The fastest of three whole `dossier people` runs over one generated page: the fastest is the
/// one least disturbed by whatever else the machine runs.
fn time_page(page: &str) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), page).unwrap();
    (0..3)
        .map(|_| {
            let started = Instant::now();
            people(dir.path());
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Fails if the page of size 4N takes more than 6 times the page of size N: growth that is
/// linear takes about 4 times.
fn assert_linear(what: &str, n: usize, page: impl Fn(usize) -> String) {
    // One timing at a time: tests run in parallel, and two timings would slow each other.
    static TIMING: Mutex<()> = Mutex::new(());
    let _alone = TIMING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let small = time_page(&page(n));
    let large = time_page(&page(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    eprintln!("{what}: N={n} {small:?}, 4N {large:?}: ×{ratio:.1}");
    assert!(
        ratio <= 6.0,
        "{what}: N={n} took {small:?}, 4N took {large:?} (×{ratio:.1}, over ×6)"
    );
}

const LEDE: &str = "<p>Mayor Ines Carvalho opened the harbour market on Friday.</p>";

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn nested_divs_cost_grows_linearly() {
    assert_linear("nested <div>", 400_000, |n| {
        format!(
            "{LEDE}{}<p>Deep.</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    });
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn nested_inline_tags_cost_grows_linearly() {
    assert_linear("nested <q> and <span>", 1_200_000, |n| {
        format!("{LEDE}<p>Hi.{}", "<q><span>".repeat(n / 2))
    });
}

#[test]
#[ignore = "timing: run in release by .ci/run"]
fn attributes_on_one_tag_cost_grows_linearly() {
    assert_linear("attributes on one tag", 800_000, |n| {
        let attributes: String = (0..n).map(|i| format!(" a{i}=\"v\"")).collect();
        format!("{LEDE}<div{attributes}><p>Text.</p></div>")
    });
}
