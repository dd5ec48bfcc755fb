//! Keeping the article and dropping the page around it.
//!
//! Lines are judged by their shape (length, capitalisation, punctuation, position, repetition)
//! and by small lexicons of page furniture, never by the exact strings of particular sites.

use std::ops::Range;

use jiff::civil::Date;

use super::offsets::OffsetMap;
use super::{BlockKind, DateOrigin};
use crate::calendar::{PartialDate, full_date_extent, parse_full_date};
use crate::lexicon::Lexicon;
use crate::text::{Span, fold, is_capitalised, offset_in};

/// Why a line is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Removal {
    Navigation,
    Boilerplate,
    Caption,
    Credit,
    Byline,
    AuthorBlurb,
    References,
    HeaderLine,
    DateLine,
    Repeated,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    pub line: String,
    pub why: Removal,
}

/// A block of the cleaned text: a paragraph, a heading or a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// A date expression that cleaning took out of the text with the line or field that held it (a
/// date line, a dateline, a byline's or update line's date, a header date, a copyright year):
/// where it stood in the text that was cleaned, as written there, and its value. Not evidence
/// of any event: the article's own date, or the year its page was current.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeaderDate {
    pub span: Span,
    pub text: String,
    pub value: PartialDate,
}

/// The article without its page, and what the page said about it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    /// Where each byte of `text` stood in the text that was cleaned.
    pub map: OffsetMap,
    /// The date expressions of the lines and fields cleaning took out, in the order they stood.
    pub header_dates: Vec<HeaderDate>,
    pub blocks: Vec<Block>,
    pub headline: Option<String>,
    pub reference_title: Option<String>,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub date: Option<(Date, DateOrigin)>,
    /// The first complete date in a header line that is neither headline nor date line
    /// ("World | Tuesday 3 June 2025"): below the page's metadata in rank.
    pub header_date: Option<Date>,
    /// The latest year of a copyright line ("© 2019–2025 Harbour Post"): the year the page was
    /// current, not the day of the article.
    pub copyright_year: Option<i16>,
    pub removed: Vec<RemovedLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep(BlockKind),
    Remove(Removal),
}

struct Line {
    text: String,
    /// Index of the blank-line-separated block the line came from.
    block: usize,
    verdict: Verdict,
    /// Where each byte of `text` stood in the text being cleaned.
    map: OffsetMap,
    /// Dates the line gave the page (a byline's, a copyright's), which become expressions of
    /// the article if the line goes.
    dates: Vec<HeaderDate>,
}

impl Line {
    /// The expression at `range` of the line, with its value.
    fn date_at(&self, range: Range<usize>, value: PartialDate) -> HeaderDate {
        let (start, end) = self.map.map_range(range.start, range.end);
        HeaderDate {
            span: Span::new(start, end),
            text: self.text.get(range).unwrap_or_default().to_owned(),
            value,
        }
    }

    /// Keeps only the bytes `range` of the line.
    fn keep(&mut self, range: Range<usize>) {
        let Some(kept) = self.text.get(range.clone()) else {
            return;
        };
        self.text = kept.to_owned();
        self.map.drop_front(range.start);
    }
}

const BULLETS: &[char] = &[
    '•', '●', '▪', '◦', '‣', '∙', '·', '*', '-', '–', '—', '►', '▶',
];
const SEPARATORS: &[char] = &[
    '·', '|', '•', '»', '›', '>', '/', '\\', '-', '–', '—', '*', ':', '(', ')', '[', ']', '●', '▪',
];
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "image",
    "images",
    "picture",
    "pictures",
    "credit",
    "credits",
    "illustration",
    "graphic",
    "©",
    "copyright",
    "getty",
    "shutterstock",
];

/// The article in `text` (sanitised, as loading leaves it) without the page around it, its
/// blocks as spans of the cleaned text, and what the page said about it.
///
/// Cleaning the cleaned text again changes nothing. One pass is not enough for that: a pass
/// reads the top of the page with what it finds there (a dateline ends the header, a menu in
/// another script goes), and once those are gone the next pass may read the first lines of the
/// story as a header. So passes repeat until the text no longer changes (in practice the second
/// pass only confirms it), keeping what the first passes learnt of date, byline and source.
pub fn clean(text: &str, lexicon: &Lexicon) -> Cleaned {
    /// Each pass only removes lines or joins them, so this is reached only by pathological
    /// input; the text is then as clean as four passes make it.
    const MOST_PASSES: usize = 4;
    let layout = Layout::of(text, lexicon);
    let mut out = clean_once(text, lexicon, &layout);
    for _ in 1..MOST_PASSES {
        let again = clean_once(&out.text, lexicon, &layout);
        if again.text == out.text {
            break;
        }
        let header_dates = {
            let mut dates = out.header_dates;
            dates.extend(again.header_dates.into_iter().map(|mut date| {
                let (start, end) = out.map.map_range(date.span.start(), date.span.end());
                date.span = Span::new(start, end);
                date
            }));
            dates.sort_by_key(|date| date.span.start());
            dates
        };
        out = Cleaned {
            map: again.map.then(&out.map),
            header_dates,
            headline: again.headline.or(out.headline),
            reference_title: out.reference_title.or(again.reference_title),
            byline: out.byline.or(again.byline),
            source: out.source.or(again.source),
            date: out.date.or(again.date),
            header_date: out.header_date.or(again.header_date),
            copyright_year: out.copyright_year.or(again.copyright_year),
            removed: {
                let mut removed = out.removed;
                removed.extend(again.removed);
                removed
            },
            text: again.text,
            blocks: again.blocks,
        };
    }
    out
}

/// Whether the page is a live blog: besides the date line under its headline, it has
/// [`MIN_STAMP_LINES`](crate::stamp::MIN_STAMP_LINES) or more lines that only stamp a time
/// ("Tue 4 Jun 2024 09.15", "14:05 GMT"), each opening a post. Its stamps then stay in the text,
/// where the posts need them, and only the date line (if any) dates the page. Read once, on the
/// page as it came: a later pass, with the date line gone, would take the first stamp for it.
#[derive(Debug, Clone, Default)]
struct Layout {
    live_blog: bool,
    /// The line that dates the page: the first bare date line near the top without a clock
    /// time (one with a clock is a post's stamp). Found the same way when the cleaned text is
    /// cleaned again, so that both readings agree on the layout.
    date_line: Option<String>,
}

impl Layout {
    fn of(text: &str, lexicon: &Lexicon) -> Self {
        let lines = split_lines(text);
        let date_line = lines
            .iter()
            .take(HEADER_LINES)
            .find(|l| bare_date_line(&l.text).is_some() && !crate::stamp::has_clock_time(&l.text))
            .map(|l| l.text.clone());
        let stamps = lines
            .iter()
            .filter(|l| Some(&l.text) != date_line.as_ref())
            .filter(|l| crate::stamp::is_stamp_text(&l.text, lexicon))
            .count();
        Self {
            live_blog: stamps >= crate::stamp::MIN_STAMP_LINES,
            date_line,
        }
    }

    /// A stamp of a live blog's post, which stays in the text.
    fn is_post_stamp(&self, line: &str, lexicon: &Lexicon) -> bool {
        self.live_blog && crate::stamp::is_stamp_text(line, lexicon)
    }
}

/// One pass of [`clean`].
fn clean_once(text: &str, lexicon: &Lexicon, layout: &Layout) -> Cleaned {
    let mut out = Cleaned::default();
    let mut lines = split_lines(text);
    let latin_article = is_mostly_latin(text);

    // A byline's date ranks below a date line wherever either stands, so it waits until the
    // whole page has been read.
    let mut byline_date = None;
    for (i, line) in lines.iter_mut().enumerate() {
        if let Some((date, rest, extent)) = date_prefix(&line.text) {
            out.date.get_or_insert((date, DateOrigin::DateLine));
            let rest = offset_in(&line.text, rest)..offset_in(&line.text, rest) + rest.len();
            out.header_dates.push(line.date_at(extent, date.into()));
            line.keep(rest);
        } else if let Some(date) = bare_date_line(&line.text).filter(|_| i < HEADER_LINES) {
            if !layout.is_post_stamp(&line.text, lexicon) {
                out.date.get_or_insert((date, DateOrigin::DateLine));
                let extent = full_date_extent(&line.text).map_or(0..line.text.len(), |(_, r)| r);
                out.header_dates.push(line.date_at(extent, date.into()));
                line.text.clear();
            } else if layout.date_line.as_ref() == Some(&line.text) {
                out.date.get_or_insert((date, DateOrigin::DateLine));
            }
        }
        if let Some((year, extent)) = copyright_year(&line.text) {
            out.copyright_year = out.copyright_year.or(Some(year));
            if let Some(value) = PartialDate::year(year.into()) {
                let date = line.date_at(extent, value);
                line.dates.push(date);
            }
        }
        line.verdict = first_verdict(&line.text, lexicon);
        if i < HEADER_LINES && line.verdict == Verdict::Remove(Removal::Byline) {
            if out.byline.is_none() {
                out.byline = byline(&line.text);
            }
            if let Some((date, extent)) = date_in_byline(&line.text) {
                byline_date = byline_date.or(Some(date));
                let date = line.date_at(extent, date.into());
                line.dates.push(date);
            }
        }
    }
    mark_captions(&mut lines);
    strip_trailing_prompts(&mut lines, lexicon);
    mark_footer(&mut lines, &mut out);
    join_wrapped_lines(&mut lines);
    // Among the first lines of text, whatever page furniture came before them.
    let wire_at = first_kept(&lines, 5).find(|&i| wire_dateline(&lines[i].text, lexicon).is_some());
    let first_post = first_kept(&lines, lines.len())
        .find(|&i| layout.is_post_stamp(&lines[i].text, lexicon))
        .unwrap_or(lines.len());
    mark_header(
        &mut lines[..first_post],
        latin_article,
        wire_at.filter(|&at| at < first_post),
        &mut out,
    );
    if let Some(at) = wire_at {
        strip_wire_dateline(&mut lines[at], lexicon, &mut out);
    }
    drop_repeats_of_headline(&mut lines, &out);
    assemble(lines, &mut out);
    if out.date.is_none() {
        out.date = byline_date.map(|date| (date, DateOrigin::Byline));
    }
    out
}

/// How far down the page a byline or a bare date line still belongs to the header.
const HEADER_LINES: usize = 6;

/// Marks that part a byline into its fields: "By A Writer · Desk · 3 March 2025".
const BYLINE_SEPARATORS: [char; 4] = ['·', '|', '—', '–'];

/// "By A Writer, Desk Editor · Updated 3 March 2025, 4:02 PM": the date in a byline field
/// after the name, labelled or not.
fn date_in_byline(line: &str) -> Option<(Date, Range<usize>)> {
    line.split(BYLINE_SEPARATORS).skip(1).find_map(|field| {
        let field = field.trim();
        let at = offset_in(line, field);
        date_prefix(field)
            .map(|(date, _, extent)| (date, extent))
            .or_else(|| full_date_extent(field))
            .map(|(date, extent)| (date, at + extent.start..at + extent.end))
    })
}

/// "October 3, 2025", "Friday 3 October 2025, 09:30 CET": a line that is a complete date and
/// at most the time of day, as a page prints its date under the headline.
fn bare_date_line(line: &str) -> Option<Date> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let date_words = if words
        .first()
        .is_some_and(|w| crate::calendar::weekday_from_name(w).is_some())
    {
        4
    } else {
        3
    };
    let is_time_of_day = |w: &&str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
            || ["a.m.", "p.m."].contains(&w.to_ascii_lowercase().as_str())
    };
    let only_a_date = words.len() >= date_words && words[date_words..].iter().all(is_time_of_day);
    only_a_date.then(|| parse_full_date(line)).flatten()
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut block = 0;
    let mut lines = Vec::new();
    for raw in text.lines() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            block += 1;
            continue;
        }
        lines.push(Line {
            text: trimmed.to_owned(),
            block,
            verdict: Verdict::Keep(BlockKind::Body),
            map: OffsetMap::shifted(offset_in(text, trimmed)),
            dates: Vec::new(),
        });
    }
    lines
}

/// The verdict from a line's own shape, before its neighbours are considered.
fn first_verdict(line: &str, lexicon: &Lexicon) -> Verdict {
    if line.is_empty() {
        return Verdict::Remove(Removal::DateLine);
    }
    if is_boilerplate(line, lexicon) || is_reader_prompt(line) {
        return Verdict::Remove(Removal::Boilerplate);
    }
    if is_breadcrumb(line) {
        return Verdict::Remove(Removal::Navigation);
    }
    if is_credit(line, lexicon) {
        return Verdict::Remove(Removal::Credit);
    }
    if ends_with_credit(line, lexicon) {
        return Verdict::Remove(Removal::Caption);
    }
    if byline(line).is_some() {
        return Verdict::Remove(Removal::Byline);
    }
    if is_reporting_credit(line) {
        return Verdict::Remove(Removal::Credit);
    }
    Verdict::Keep(shape_kind(line))
}

/// "date 2025-04-26 ...", "Published: April 26, 2025", "Updated 2025-04-26 10:00": the date and
/// the rest of the line after it, and where the date stands in the line.
fn date_prefix(line: &str) -> Option<(Date, &str, Range<usize>)> {
    let label = ["date", "published", "updated", "posted", "last updated"]
        .into_iter()
        .filter(|label| {
            line.get(..label.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(label))
        })
        .max_by_key(|label| label.len())?;
    let after = line[label.len()..].trim_start_matches([':', ' ']);
    let after = after.strip_prefix("on ").unwrap_or(after);
    let at = offset_in(line, after);
    if let Some(date) = crate::calendar::parse_iso_prefix(after) {
        let rest = after[10..]
            .trim_start_matches(|c: char| !c.is_whitespace())
            .trim();
        return Some((date, rest, at..at + 10));
    }
    let (date, extent) = full_date_extent(after)?;
    // A month-name date is the whole remainder of such a line (times and zones may follow).
    Some((
        date,
        &line[line.len()..],
        at + extent.start..at + extent.end,
    ))
}

fn furniture_key(line: &str) -> String {
    let stripped: String = line
        .chars()
        .map(|c| if SEPARATORS.contains(&c) { ' ' } else { c })
        .collect();
    fold(&stripped)
}

/// Page furniture is a few words; longer lines are text and need no lookup.
const LONGEST_FURNITURE_WORDS: usize = 12;

fn is_boilerplate(line: &str, lexicon: &Lexicon) -> bool {
    if line
        .split_whitespace()
        .nth(LONGEST_FURNITURE_WORDS)
        .is_some()
    {
        return false;
    }
    let key = furniture_key(line);
    if key.is_empty() {
        return true;
    }
    if lexicon.boilerplate.contains_folded(&key) {
        return true;
    }
    // "Advertisement · Scroll to continue", "Share | Tweet | Email"
    let parts: Vec<String> = line
        .split(['·', '|', '•', '»', '›'])
        .map(furniture_key)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() > 1 && parts.iter().all(|p| lexicon.boilerplate.contains_folded(p))
}

/// The words of a call to the reader, from `assets/reader_prompts.toml`.
#[derive(Debug, Default, serde::Deserialize)]
struct ReaderPrompts {
    openers: Vec<String>,
    channels: Vec<String>,
}

fn reader_prompts() -> &'static ReaderPrompts {
    static PROMPTS: std::sync::OnceLock<ReaderPrompts> = std::sync::OnceLock::new();
    PROMPTS.get_or_init(|| {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/reader_prompts.toml"
        ));
        // The file is compiled in and checked by a test: an unreadable one only loses prompts.
        toml::from_str(text).unwrap_or_default()
    })
}

/// A prompt is a few words long; a longer line is text that happens to start alike.
const LONGEST_PROMPT_WORDS: usize = 25;

/// "Sign up for the Morning Brief", "Get the Business Report in your inbox": a call to the
/// reader that opens with a prompt and names how it reaches them.
fn is_reader_prompt(line: &str) -> bool {
    if line.split_whitespace().nth(LONGEST_PROMPT_WORDS).is_some() {
        return false;
    }
    // Words between spaces, so that "app" is not found in "happy" nor missed in "inbox.".
    let words = |text: &str| {
        let spaced: String = fold(text)
            .chars()
            .map(|c| match c {
                '\u{2019}' => '\'',
                c if c.is_alphanumeric() || c == '\'' || c == '-' => c,
                _ => ' ',
            })
            .collect();
        format!(
            " {} ",
            spaced.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    let key = words(line);
    let prompts = reader_prompts();
    prompts.openers.iter().any(|o| key.starts_with(&words(o)))
        && prompts.channels.iter().any(|c| key.contains(&words(c)))
}

fn is_breadcrumb(line: &str) -> bool {
    is_menu(line) || is_trail(line)
}

/// "Home | World | Politics": three or more short capitalised items between bars or dots,
/// none of them a sentence.
fn is_menu(line: &str) -> bool {
    let items: Vec<&str> = line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|item| {
            item.split_whitespace().count() <= 3
                && item.chars().next().is_some_and(char::is_uppercase)
                && !item.ends_with(['.', '!', '?', ','])
        })
}

/// "World › Europe › Ukraine", "News / Politics / ": a path through the site.
fn is_trail(line: &str) -> bool {
    let bulleted = line.starts_with(BULLETS);
    if bulleted && line.ends_with(['/', '›', '>', '»']) {
        return true;
    }
    let parts: Vec<&str> = line
        .split([' ', '\u{a0}'])
        .filter(|w| matches!(*w, ">" | "›" | "»" | "/"))
        .collect();
    parts.len() >= 2
        && line
            .split(['>', '›', '»', '/'])
            .all(|part| part.split_whitespace().count() <= 4)
}

/// "Photo by X", "Image: Reuters", "Getty Images", "AFP".
fn is_credit(line: &str, lexicon: &Lexicon) -> bool {
    if line.split_whitespace().nth(12).is_some() {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let first = fold(words[0].trim_matches(|c: char| !c.is_alphanumeric() && c != '©'));
    if CREDIT_WORDS.contains(&first.as_str())
        && (words.len() <= 8 || line.contains(':') || words.get(1).is_some_and(|w| *w == "by"))
    {
        return true;
    }
    // A medium's name alone on a line ("AFP", "Reuters/John Smith"): a few words at most.
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
    words.len() <= 6 && is_media_name(bare, lexicon)
}

fn is_media_name(s: &str, lexicon: &Lexicon) -> bool {
    // "Reuters/John Smith", "AFP via Getty Images"
    let head = s.split(['/', ',']).next().unwrap_or(s).trim();
    let head = head.split(" via ").next().unwrap_or(head).trim();
    !head.is_empty() && (lexicon.media.contains(head) || lexicon.media.contains(s))
}

/// A caption whose credit follows its last sentence: "Leaders at the summit. AFP",
/// "Leaders at the summit (Photo: Reuters)".
fn ends_with_credit(line: &str, lexicon: &Lexicon) -> bool {
    if line.split_whitespace().count() > 40 {
        return false;
    }
    let trimmed = line.trim_end();
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .map(|(_, inner)| inner)
    {
        let first = fold(inner.split([' ', ':']).next().unwrap_or(""));
        return is_media_name(inner, lexicon) || CREDIT_WORDS.contains(&first.as_str());
    }
    let Some(dot) = trimmed.rfind(['.', '|']) else {
        return false;
    };
    let tail = trimmed[dot + 1..].trim();
    !tail.is_empty()
        && tail.split_whitespace().count() <= 5
        && !tail.ends_with(['.', '!', '?'])
        && (is_media_name(tail, lexicon) || is_credit(tail, lexicon))
}

/// "By Jane Doe", "By : site", "BY JANE DOE", "Written by Jane Doe": the name.
fn byline(line: &str) -> Option<String> {
    let rest = [
        "By ",
        "BY ",
        "By:",
        "Written by ",
        "Reporting by ",
        "Author:",
        "Words by ",
    ]
    .iter()
    .find_map(|prefix| line.strip_prefix(prefix))?;
    let name = rest.trim_start_matches([':', ' ']).trim();
    // "Jane Doe · Updated May 3": the fields after the name are not the name.
    let name = name.split(BYLINE_SEPARATORS).next().unwrap_or(name).trim();
    // "Jane Doe, Kyiv", "Jane Doe in Washington": the place is not the name.
    let name = name.split(',').next().unwrap_or(name);
    let name = name.split(" in ").next().unwrap_or(name).trim();
    let words = name.split_whitespace().count();
    let looks_like_name = (1..=6).contains(&words)
        && !name.ends_with(['.', '!', '?'])
        && name
            .split_whitespace()
            .next()
            .is_some_and(|w| is_capitalised(w) || words == 1);
    looks_like_name.then(|| name.to_owned())
}

/// "(Reporting by Jane Doe; Editing by John Roe)", "Additional reporting by ...".
fn is_reporting_credit(line: &str) -> bool {
    let inner = line.trim_start_matches('(').trim_end_matches(['.', ')']);
    let lower = inner.to_lowercase();
    [
        "reporting by",
        "additional reporting by",
        "writing by",
        "editing by",
        "compiled by",
        "edited by",
        "reported by",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && line.split_whitespace().count() <= 30
}

/// A wire dateline opening the first paragraph: "KYIV, May 16 (Reuters) - ", "WASHINGTON (AP) — ".
/// Returns the length of that prefix, the agency, and the date when it has a year (with where
/// it stands in the line).
fn wire_dateline(line: &str, lexicon: &Lexicon) -> Option<WireDateline> {
    let head = line.get(..line.len().min(100))?;
    let (dash_at, dash_len) = [" - ", " — ", " – ", "—", "–"]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min()?;
    let prefix = &line[..dash_at];
    let first = prefix.split([',', ' ', '(']).next()?;
    let place_in_capitals =
        first.chars().filter(|c| c.is_alphabetic()).count() >= 3 && crate::text::is_all_caps(first);
    let agency = prefix
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inner, _)| inner.trim())
        .filter(|inner| is_media_name(inner, lexicon))
        .map(str::to_owned);
    // "SOCCER - SHEARER NAMED CAPTAIN" is a headline: a dateline names an agency or a place
    // and more, and prose follows it.
    let rest = &line[dash_at + dash_len..];
    if !place_in_capitals
        || prefix.split_whitespace().count() > 10
        || (agency.is_none() && !prefix.contains(','))
        || crate::text::is_all_caps(rest)
    {
        return None;
    }
    let date_part = prefix
        .split_once(',')
        .map(|(_, rest)| rest.split('(').next().unwrap_or(rest).trim());
    let located = |part: &str| {
        let (date, extent) = full_date_extent(part)?;
        let at = offset_in(line, part);
        Some((date, at + extent.start..at + extent.end))
    };
    let date = date_part.and_then(|d| {
        located(d).or_else(|| d.rsplit_once(',').and_then(|(_, last)| located(last)))
    });
    Some((dash_at + dash_len, agency, date))
}

/// A wire dateline's length, agency, and date with where it stands.
type WireDateline = (usize, Option<String>, Option<(Date, Range<usize>)>);

fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(BULLETS) {
        return rest.starts_with(' ');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits <= 2
        && line[digits..].starts_with([')', '.'])
        && line[digits + 1..].starts_with(' ')
}

fn shape_kind(line: &str) -> BlockKind {
    if is_list_item(line) {
        BlockKind::ListItem
    } else if is_heading(line) {
        BlockKind::Heading
    } else {
        BlockKind::Body
    }
}

/// A short line in headline case with no sentence ending, no figures and no list of names.
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=15).contains(&words)
        && line.matches(',').count() <= 1
        && !line.ends_with(['.', ',', ';'])
        && !line.chars().any(|c| c.is_ascii_digit())
        && headline_case(line)
}

/// Most content words are capitalised, or the whole line is upper case.
fn headline_case(line: &str) -> bool {
    if crate::text::is_all_caps(line) {
        return true;
    }
    let content: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '—')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if content.is_empty() {
        return line.split_whitespace().all(is_capitalised);
    }
    let capitalised = content.iter().filter(|w| is_capitalised(w)).count();
    capitalised * 10 >= content.len() * 7
}

/// A headline: 3 to 25 words in headline case that does not end like a sentence (a headline
/// in capitals may end with a period).
fn is_title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let all_caps = crate::text::is_all_caps(line);
    (3..=25).contains(&words)
        && (!line.ends_with(['.', ',', ';']) || all_caps)
        && headline_case(line)
}

/// Most letters are Latin (the text of the article, not a menu in another script).
fn is_mostly_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    // The first few thousand letters tell the script of an article.
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin >= other
}

/// A line directly above a credit line describes the picture: it is a caption.
fn mark_captions(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let credit = lines[i].verdict == Verdict::Remove(Removal::Credit)
            && lines[i].block == lines[i - 1].block;
        if credit
            && matches!(lines[i - 1].verdict, Verdict::Keep(BlockKind::Body))
            && lines[i - 1].text.split_whitespace().count() <= 40
        {
            lines[i - 1].verdict = Verdict::Remove(Removal::Caption);
        }
    }
}

/// "... from Washington. Show more": the prompt goes, the sentence stays.
fn strip_trailing_prompts(lines: &mut [Line], lexicon: &Lexicon) {
    for line in lines
        .iter_mut()
        .filter(|l| matches!(l.verdict, Verdict::Keep(_)))
    {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        for n in (1..=4.min(words.len().saturating_sub(1))).rev() {
            // The sentence must end right before the prompt: cheap to check, so checked first.
            if !words[words.len() - n - 1].ends_with(['.', '!', '?', '"', '\u{201D}']) {
                continue;
            }
            let tail = words[words.len() - n..].join(" ");
            if lexicon.boilerplate.contains_folded(&furniture_key(&tail)) {
                // Cut where the prompt starts, so that the rest keeps its bytes (and its map).
                let cut = offset_in(&line.text, words[words.len() - n]);
                let end = line.text[..cut].trim_end().len();
                line.text.truncate(end);
                break;
            }
        }
    }
}

/// References footers, and author blurbs after a byline in the second half of the article.
fn mark_footer(lines: &mut [Line], out: &mut Cleaned) {
    let mut in_references = false;
    for line in lines.iter_mut() {
        let short = line.text.len() <= 16;
        let key = if short {
            furniture_key(&line.text)
        } else {
            String::new()
        };
        let header = [
            "reference s",
            "references",
            "reference",
            "sources",
            "source",
        ]
        .contains(&key.as_str())
            && line.text.split_whitespace().count() <= 2;
        let inline_source = line
            .text
            .strip_prefix("Source:")
            .or_else(|| line.text.strip_prefix("Sources:"))
            .map(str::trim)
            .filter(|rest| !rest.is_empty() && rest.split_whitespace().count() <= 6);
        if let Some(rest) = inline_source {
            out.source
                .get_or_insert_with(|| rest.trim_end_matches('.').to_owned());
            line.verdict = Verdict::Remove(Removal::References);
            continue;
        }
        if header {
            in_references = true;
            line.verdict = Verdict::Remove(Removal::References);
            continue;
        }
        if in_references {
            let text = line.text.clone();
            if let Some(domain) = domain_line(&text) {
                out.source.get_or_insert(domain);
            } else if line.text.split_whitespace().count() <= 25 {
                out.reference_title.get_or_insert(text);
            }
            line.verdict = Verdict::Remove(Removal::References);
        }
    }

    // A byline in the second half, after the story, starts the author's box: the rest is not
    // the article.
    let half = lines.len() / 2;
    let story_before = |i: usize| {
        lines[..i]
            .iter()
            .filter(|l| l.verdict == Verdict::Keep(BlockKind::Body))
            .count()
            >= 3
    };
    let Some(start) = (half..lines.len())
        .find(|&i| lines[i].verdict == Verdict::Remove(Removal::Byline) && story_before(i))
    else {
        return;
    };
    if let Some(name) = byline(&lines[start].text) {
        if start > 0 && fold(&lines[start - 1].text) == fold(&name) {
            lines[start - 1].verdict = Verdict::Remove(Removal::Byline);
        }
        out.byline.get_or_insert(name);
    }
    for line in &mut lines[start + 1..] {
        if line.verdict != Verdict::Remove(Removal::References) {
            line.verdict = Verdict::Remove(Removal::AuthorBlurb);
        }
    }
}

/// "cgtn.com", "https://www.example.org/story": the domain.
fn domain_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.contains(' ') {
        return None;
    }
    let domain = super::html::domain_of(line)?;
    let tld = domain.rsplit('.').next()?;
    (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(domain)
}

/// Lines broken inside a paragraph (text wrapped by its source) become one line again.
fn join_wrapped_lines(lines: &mut Vec<Line>) {
    // One pass into a new list: removing from the middle of the list would make a long article
    // of wrapped lines quadratic.
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    for b in std::mem::take(lines) {
        let Some(a) = joined.last_mut() else {
            joined.push(b);
            continue;
        };
        // A wrapped line may look like a heading on its own ("White, Ed Green").
        let both_body = a.verdict == Verdict::Keep(BlockKind::Body)
            && matches!(
                b.verdict,
                Verdict::Keep(BlockKind::Body | BlockKind::Heading)
            );
        let next_starts_lower = b.text.chars().next().is_some_and(char::is_lowercase);
        let a_open = ends_open(&a.text);
        let wrapped = both_body
            && a.block == b.block
            && a_open
            && !b.text.starts_with(BULLETS)
            && !b.text.starts_with(|c: char| c.is_ascii_digit())
            && (next_starts_lower || a.text.ends_with(',') || a.text.chars().nth(44).is_some());
        if wrapped {
            a.text.push(' ');
            a.map.append(&b.map, a.text.len());
            a.text.push_str(&b.text);
            a.dates.extend(b.dates);
        } else {
            joined.push(b);
        }
    }
    *lines = joined;
}

/// Does the line stop mid-sentence? Trailing emoji and symbols are ignored.
fn ends_open(line: &str) -> bool {
    const CLOSERS: [char; 8] = ['.', '!', '?', ':', ';', '"', '\u{201D}', ')'];
    let end = line.trim_end_matches(|c: char| !c.is_alphanumeric() && !CLOSERS.contains(&c));
    !end.is_empty() && !end.ends_with(CLOSERS)
}

/// The lines above the first paragraph: the headline, a dateline, navigation and kickers.
fn mark_header(lines: &mut [Line], latin_article: bool, wire_at: Option<usize>, out: &mut Cleaned) {
    // Whatever stands above a dateline near the top is the headline and its byline, whatever
    // its shape ("Canada government cash balances fall in week.").
    let dateline_at = first_kept(lines, 5)
        .find(|&i| dateline(&lines[i].text).is_some())
        .or(wire_at);
    let mut candidates = Vec::new();
    let mut end = 0;
    while end < lines.len() && Some(end) != wire_at {
        let line = &lines[end];
        if let Verdict::Remove(why) = line.verdict {
            if why == Removal::Byline {
                out.byline
                    .get_or_insert_with(|| byline(&line.text).unwrap_or_default());
            }
            end += 1;
            continue;
        }
        if let Some((date, extent)) = dateline(&line.text) {
            // The story starts below its dateline.
            out.date.get_or_insert((date, DateOrigin::Dateline));
            let date = line.date_at(extent, date.into());
            lines[end].dates.push(date);
            lines[end].verdict = Verdict::Remove(Removal::DateLine);
            break;
        } else if latin_article && !is_mostly_latin(&line.text) {
            lines[end].verdict = Verdict::Remove(Removal::Navigation);
        } else if dateline_at.is_some_and(|d| end < d)
            && !candidates.is_empty()
            && is_name_line(&line.text)
        {
            out.byline.get_or_insert_with(|| line.text.clone());
            lines[end].verdict = Verdict::Remove(Removal::Byline);
        } else if dateline_at.is_some_and(|d| end < d)
            || (is_title_like(&line.text) && (candidates.is_empty() || set_apart(lines, end)))
            || (candidates.is_empty() && is_sentence_case_headline(lines, end))
        {
            let after_crumbs =
                end > 0 && lines[end - 1].verdict == Verdict::Remove(Removal::Navigation);
            if line.text.starts_with(BULLETS) && after_crumbs {
                lines[end].verdict = Verdict::Remove(Removal::Navigation);
            } else {
                candidates.push(end);
            }
        } else {
            break;
        }
        end += 1;
    }
    if candidates.is_empty() {
        return;
    }
    // Only lines about as long as the candidate can repeat it: compare those alone.
    let repeated = |i: usize| {
        let key = furniture_key(&lines[i].text);
        let len = lines[i].text.len();
        lines
            .iter()
            .enumerate()
            .filter(|(j, l)| *j != i && similar_length(l.text.len(), len))
            .any(|(_, l)| furniture_key(&l.text) == key)
    };
    let chosen = candidates
        .iter()
        .copied()
        .find(|&i| repeated(i))
        .unwrap_or(candidates[candidates.len() - 1]);
    for &i in &candidates {
        lines[i].verdict = if i == chosen {
            Verdict::Keep(BlockKind::Title)
        } else {
            Verdict::Remove(Removal::HeaderLine)
        };
    }
    out.headline = Some(lines[chosen].text.clone());
    if out.header_date.is_none() {
        let found = lines[..end]
            .iter()
            .filter(|l| {
                matches!(
                    l.verdict,
                    Verdict::Remove(Removal::HeaderLine | Removal::Navigation)
                )
            })
            .find_map(|l| {
                let (date, extent) = first_full_date_in(&l.text)?;
                Some((date, l.date_at(extent, date.into())))
            });
        if let Some((date, expression)) = found {
            out.header_date = Some(date);
            out.header_dates.push(expression);
        }
    }
}

/// "© 2025 Harbour Post", "Copyright 2019-2025": the latest year the line claims, and where it
/// stands in the line.
fn copyright_year(line: &str) -> Option<(i16, Range<usize>)> {
    let claims = line.contains('©')
        || line
            .get(..9)
            .is_some_and(|head| head.eq_ignore_ascii_case("copyright"));
    if !claims {
        return None;
    }
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| {
            let year = digits.parse::<i16>().ok()?;
            let at = offset_in(line, digits);
            Some((year, at..at + digits.len()))
        })
        .filter(|(year, _)| (1900..=2100).contains(year))
        .max_by_key(|(year, _)| *year)
}

/// The first complete date anywhere in `line`, read from each word on, and where it stands.
fn first_full_date_in(line: &str) -> Option<(Date, Range<usize>)> {
    line.char_indices()
        .filter(|&(at, _)| at == 0 || line[..at].ends_with(char::is_whitespace))
        .find_map(|(at, _)| {
            let (date, extent) = full_date_extent(&line[at..])?;
            Some((date, at + extent.start..at + extent.end))
        })
}

/// The line ends its paragraph: the next line is in another block, or goes. Below a headline, a
/// line shaped like one that opens a paragraph ("Results of the Harbour Cup" wrapped before
/// "games played on Thursday.") is the story's first line, not a second headline.
fn set_apart(lines: &[Line], i: usize) -> bool {
    lines.get(i + 1).is_none_or(|next| {
        next.block != lines[i].block || matches!(next.verdict, Verdict::Remove(_))
    })
}

/// "Zelensky says Ukraine will not cede land": a headline in sentence case is the first line, short,
/// unpunctuated, and set apart from what follows by a blank line or page furniture.
fn is_sentence_case_headline(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let words = line.text.split_whitespace().count();
    let first_kept = lines[..i]
        .iter()
        .all(|l| matches!(l.verdict, Verdict::Remove(_)));
    first_kept
        && set_apart(lines, i)
        && (3..=20).contains(&words)
        && is_capitalised(&line.text)
        && !line.text.ends_with(['.', ',', ';', ':'])
}

/// Could two lines of these byte lengths be the same line once furniture is stripped?
fn similar_length(a: usize, b: usize) -> bool {
    a <= 2 * b + 8 && b <= 2 * a + 8
}

/// Indices of the first `n` lines that are kept.
fn first_kept(lines: &[Line], n: usize) -> impl Iterator<Item = usize> + '_ {
    (0..lines.len())
        .filter(|&i| matches!(lines[i].verdict, Verdict::Keep(_)))
        .take(n)
}

/// "Jane Doe": a short line of capitalised words, as a byline without "By".
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            is_capitalised(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// "LONDON 1996-08-30", "MILWAUKEE, Wisconsin 1996-08-29", "KYIV, April 26, 2025": a short line
/// of a place and a date, and where the date stands in it.
fn dateline(line: &str) -> Option<(Date, Range<usize>)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 8 || words.len() < 2 {
        return None;
    }
    (1..words.len()).find_map(|start| {
        let place_ok = words[..start].iter().all(|w| is_capitalised(w));
        if !place_ok {
            return None;
        }
        let date = parse_full_date(&words[start..].join(" "))?;
        let at = offset_in(line, words[start]);
        let extent = full_date_extent(&line[at..])
            .filter(|(same, _)| *same == date)
            .map_or(at..line.len(), |(_, r)| at + r.start..at + r.end);
        Some((date, extent))
    })
}

fn strip_wire_dateline(first: &mut Line, lexicon: &Lexicon, out: &mut Cleaned) {
    let Some((prefix, agency, date)) = wire_dateline(&first.text, lexicon) else {
        return;
    };
    out.removed.push(RemovedLine {
        line: first.text[..prefix].trim().to_owned(),
        why: Removal::DateLine,
    });
    if let Some((date, extent)) = date.clone() {
        out.header_dates.push(first.date_at(extent, date.into()));
    }
    let story = first.text.len() - first.text[prefix..].trim_start().len();
    first.keep(story..first.text.len());
    if let Some(agency) = agency {
        out.source.get_or_insert(agency);
    }
    if let Some((date, _)) = date {
        out.date.get_or_insert((date, DateOrigin::Dateline));
    }
}

fn drop_repeats_of_headline(lines: &mut [Line], out: &Cleaned) {
    let Some(headline) = out.headline.as_deref() else {
        return;
    };
    let key = furniture_key(headline);
    let len = headline.len();
    let repeats = lines
        .iter_mut()
        .filter(|l| matches!(l.verdict, Verdict::Keep(kind) if kind != BlockKind::Title));
    for line in repeats {
        if similar_length(line.text.len(), len) && furniture_key(&line.text) == key {
            line.verdict = Verdict::Remove(Removal::Repeated);
        }
    }
}

fn assemble(lines: Vec<Line>, out: &mut Cleaned) {
    let mut previous_block = None;
    let mut removed_since = false;
    for line in lines {
        match line.verdict {
            Verdict::Remove(why) => {
                out.header_dates.extend(line.dates);
                out.removed.push(RemovedLine {
                    line: line.text,
                    why,
                });
                removed_since = true;
            }
            Verdict::Keep(kind) => {
                if !out.text.is_empty() {
                    let after_title = out
                        .blocks
                        .last()
                        .is_some_and(|b| b.kind == BlockKind::Title);
                    let same_block =
                        previous_block == Some(line.block) && !removed_since && !after_title;
                    out.text.push_str(if same_block { "\n" } else { "\n\n" });
                }
                let start = out.text.len();
                out.map.append(&line.map, start);
                out.text.push_str(&line.text);
                out.blocks.push(Block {
                    span: Span::new(start, out.text.len()),
                    kind,
                });
                previous_block = Some(line.block);
                removed_since = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_prompts_are_furniture_and_text_that_starts_alike_is_not() {
        assert!(!reader_prompts().openers.is_empty() && !reader_prompts().channels.is_empty());
        assert!(is_reader_prompt(
            "Sign up for the Quayside Daily, free to your inbox"
        ));
        assert!(is_reader_prompt("Get the Tidewater Report in your inbox."));
        assert!(is_reader_prompt("Download the app for breaking alerts"));
        // Not an imperative to the reader, or not naming how it reaches them.
        assert!(!is_reader_prompt(
            "Subscribers get the tide tables by email each week."
        ));
        assert!(!is_reader_prompt(
            "Get ready for a long night at the count."
        ));
        assert!(!is_reader_prompt("Join the happy crowds on the quay."));
    }

    fn lexicon() -> &'static Lexicon {
        Lexicon::builtin()
    }

    /// The body blocks (the headline block is checked through `headline`).
    fn kept(cleaned: &Cleaned) -> Vec<&str> {
        cleaned
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Title)
            .map(|b| b.span.slice(&cleaned.text))
            .collect()
    }

    #[test]
    fn cleaning_clean_text_changes_nothing() {
        let text = "• Home/\n• World/\n\nLeaders Agree on a Plan\n\nAdvertisement\nThe leaders agreed on a plan on Tuesday, officials said.\nA photo of the leaders.\nPhoto by A Person\n\nWhy It Matters\n- A point made here.\nMore text that is long enough to wrap onto a second line in the source\nand continues here.";
        let once = clean(text, lexicon());
        let twice = clean(&once.text, lexicon());
        assert_eq!(twice.text, once.text);
        assert_eq!(once.headline.as_deref(), Some("Leaders Agree on a Plan"));
    }

    /// Inputs on which one pass was not idempotent, found by `tests/properties.rs`: a dateline
    /// or wire dateline ended the header in the first pass, and the second pass, without it,
    /// read the story's first lines as header (a menu in another script, a second headline).
    #[test]
    fn cleaning_twice_is_cleaning_once() {
        for text in [
            "KYIV 2025-04-26\n㐀\n• Volodymyr Zelenskyy met Volodymyr Zelenskyy.\n",
            "KYIV, May 16 (Reuters) - Volodymyr Zelenskyy met Volodymyr Zelenskyy.\nKYIV 2025-04-26\n",
            "• Volodymyr Zelenskyy met Volodymyr Zelenskyy!\nKYIV 2025-04-26\n㐀\n",
            "Volodymyr Zelenskyy met Volodymyr Zelenskyy!\nKYIV, May 16 (Reuters) - Volodymyr Zelenskyy met Volodymyr Zelenskyy?\n",
            "KYIV, May 16 (Reuters) - Volodymyr Zelenskyy told reporters Volodymyr Zelenskyy.\nKYIV 2025-04-26\n",
        ] {
            let once = clean(text, lexicon());
            let twice = clean(&once.text, lexicon());
            assert_eq!(twice.text, once.text, "{text:?}");
        }
    }

    /// Through removed lines, a cut date prefix, a wire dateline and joined lines, every word of
    /// the cleaned text maps back to the same word of the text that was cleaned.
    #[test]
    fn the_cleaned_texts_map_points_at_its_words_in_the_input() {
        let text = "Home | World | Politics\n\nHarbour Crews Finish the Sea Wall\n\
                    Updated: 2026-02-03 09:00\n\n\
                    PORTLOW, Feb 2 (Reuters) - Crews finished the sea wall on Monday after a winter\n\
                    of storms, the council said. Advertisement\n\
                    \u{a9} 2026 Harbour Post\n";
        let cleaned = clean(text, lexicon());
        for word in cleaned.text.split_whitespace() {
            let at = offset_in(&cleaned.text, word);
            let (start, end) = cleaned.map.map_range(at, at + word.len());
            assert_eq!(&text[start..end], word, "in {:?}", cleaned.text);
        }
        let header: Vec<(&str, &str)> = cleaned
            .header_dates
            .iter()
            .map(|d| (d.span.slice(text), d.text.as_str()))
            .collect();
        assert_eq!(header, [("2026-02-03", "2026-02-03"), ("2026", "2026")]);
    }

    #[test]
    fn a_wrapped_heading_below_the_headline_is_the_story() {
        let text = "TENNIS - RESULTS OF THE HARBOUR CUP GAMES.\nTALLINN 1996-08-30\n\nResults of the Harbour Cup\ngames played on Thursday.\n\nTallinn 3 Tartu 2\nNarva 2 Parnu 1";
        let once = clean(text, lexicon());
        assert_eq!(
            once.headline.as_deref(),
            Some("TENNIS - RESULTS OF THE HARBOUR CUP GAMES.")
        );
        assert!(
            once.text
                .contains("\nResults of the Harbour Cup\ngames played"),
            "{}",
            once.text
        );
        assert_eq!(clean(&once.text, lexicon()).text, once.text);
    }

    #[test]
    fn drops_breadcrumbs_ads_and_repeated_headline() {
        let text = "• Home/\n  • World/\n  • Leaders Agree on a New Plan for Peace\n\nLeaders Agree on a New Plan for Peace\n\nAdvertisement · Scroll to continue\nLeaders Agree on a New Plan for Peace\n\nThe leaders of two countries agreed on a plan on Tuesday, officials said.";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("Leaders Agree on a New Plan for Peace")
        );
        assert_eq!(
            kept(&cleaned),
            vec!["The leaders of two countries agreed on a plan on Tuesday, officials said."]
        );
    }

    #[test]
    fn drops_captions_credits_and_prompts() {
        let text = "Ministers Meet in the Capital\n\nThe ministers met for three hours and agreed to meet again, a spokesman said.\n\nA view of the hall where ministers met on Tuesday.\nPhoto by Jane Roe\n\nThey will meet again next week. Show more";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            kept(&cleaned),
            vec![
                "The ministers met for three hours and agreed to meet again, a spokesman said.",
                "They will meet again next week."
            ]
        );
        assert!(cleaned.removed.iter().any(|r| r.why == Removal::Caption));
    }

    #[test]
    fn a_bare_date_line_is_a_date_and_at_most_a_time_of_day() {
        for line in [
            "June 3, 2024",
            "Monday 3 June 2024, 09:30 CET",
            "3 June 2024 4:02 p.m.",
        ] {
            assert!(bare_date_line(line).is_some(), "{line}");
        }
        for line in [
            "3 June 2024 was a day to remember",
            "Sat 1 June 2024 · 14.40 BST",
            "June 2024",
        ] {
            assert_eq!(bare_date_line(line), None, "{line}");
        }
    }

    #[test]
    fn a_bare_date_line_far_below_the_headline_is_not_the_articles_date() {
        let text = "Quay reopens\n\nThe quay reopened on Monday.\n\nIt took a year.\n\nWork began in spring.\n\nCrews worked nights.\n\nThe council paid.\n\nJune 3, 2024\n\nA later post.";
        assert_eq!(clean(text, lexicon()).date, None);
    }

    #[test]
    fn a_copyright_line_gives_its_latest_year_and_no_date() {
        let text = "Seals Return to the Sandbank\n\nRangers counted forty seals on Saturday.\n\n\u{a9} 2019\u{2013}2024 Harbour Post";
        let cleaned = clean(text, lexicon());
        assert_eq!(cleaned.copyright_year, Some(2024));
        assert_eq!(cleaned.date, None);
        assert_eq!(
            copyright_year("Copyright 2023 Harbour Post"),
            Some((2023, 10..14))
        );
        assert_eq!(copyright_year("The 2023 season ended in June."), None);
    }

    #[test]
    fn byline_fields_after_the_name_give_a_date_not_a_name() {
        assert_eq!(
            byline("By Lena Brandt · Updated March 13, 2023, 4:02 PM").as_deref(),
            Some("Lena Brandt")
        );
        assert_eq!(
            date_in_byline("By Lena Brandt, Harbour Desk | 3 March 2023"),
            Date::new(2023, 3, 3).ok().map(|date| (date, 31..43))
        );
        assert_eq!(date_in_byline("By Lena Brandt | Harbour Desk"), None);
    }

    #[test]
    fn leading_caption_with_agency_credit_is_not_the_lede() {
        let text = "The two leaders at the meeting in the capital. AFP\n\nThe two leaders met on Tuesday for the first time since their quarrel in the spring.";
        let cleaned = clean(text, lexicon());
        assert_eq!(cleaned.headline, None);
        assert_eq!(
            kept(&cleaned),
            vec![
                "The two leaders met on Tuesday for the first time since their quarrel in the spring."
            ]
        );
    }

    #[test]
    fn reads_date_line_and_keeps_its_sentence() {
        let cleaned = clean(
            " date 2024-03-05 The talks ended without a deal on Monday.\n\nMore text follows here.",
            lexicon(),
        );
        assert_eq!(
            cleaned.date,
            Some((Date::new(2024, 3, 5).unwrap(), DateOrigin::DateLine))
        );
        assert_eq!(
            kept(&cleaned)[0],
            "The talks ended without a deal on Monday."
        );
    }

    #[test]
    fn reads_dateline_under_a_capitals_headline() {
        let cleaned = clean(
            "TENNIS - FAVOURITE WINS IN STRAIGHT SETS.\nPARIS 1999-06-01\n\nThe favourite won in straight sets on Tuesday.",
            lexicon(),
        );
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("TENNIS - FAVOURITE WINS IN STRAIGHT SETS.")
        );
        assert_eq!(
            cleaned.date,
            Some((Date::new(1999, 6, 1).unwrap(), DateOrigin::Dateline))
        );
    }

    #[test]
    fn anything_above_a_dateline_is_headline_and_byline() {
        let cleaned = clean(
            "Markets fall in quiet trade.\nJane Doe\nTOKYO 1999-06-01\n\nShares fell on Tuesday in quiet trade.",
            lexicon(),
        );
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("Markets fall in quiet trade.")
        );
        assert_eq!(cleaned.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            cleaned.date,
            Some((Date::new(1999, 6, 1).unwrap(), DateOrigin::Dateline))
        );
    }

    #[test]
    fn sentence_case_headline_above_metadata() {
        let text = "Leaders say talks will not resume soon\nPublished: 20 August 2025\n\nBy Jane Doe, Kyiv\n\nThe leaders said on Wednesday that the talks would not resume this month.";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("Leaders say talks will not resume soon")
        );
        assert_eq!(cleaned.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            kept(&cleaned),
            vec!["The leaders said on Wednesday that the talks would not resume this month."]
        );
    }

    #[test]
    fn wire_datelines_give_source_and_date() {
        let text = "Talks Resume in the Capital\n\nGENEVA, March 3, 2024 (Reuters) - Envoys met again on Sunday, officials said.\n\n(Reporting by Jane Doe; Editing by John Roe)";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            kept(&cleaned),
            vec!["Envoys met again on Sunday, officials said."]
        );
        assert_eq!(cleaned.source.as_deref(), Some("Reuters"));
        assert_eq!(
            cleaned.date,
            Some((Date::new(2024, 3, 3).unwrap(), DateOrigin::Dateline))
        );
        let ap = clean(
            "WASHINGTON (AP) — The vote was delayed again, aides said on Monday.",
            lexicon(),
        );
        assert_eq!(
            kept(&ap),
            vec!["The vote was delayed again, aides said on Monday."]
        );
        assert_eq!(ap.source.as_deref(), Some("AP"));
    }

    #[test]
    fn wire_dateline_below_a_captioned_photo() {
        let text = "• Home/\n• World/\n\nTalks Resume in the Capital\n\nA view of the harbour at dawn.\nPhoto by Jane Roe\n\nGENEVA, March 3, 2024 (Reuters) - Envoys met again on Sunday, officials said.";
        let cleaned = clean(text, lexicon());
        assert_eq!(cleaned.source.as_deref(), Some("Reuters"));
        assert_eq!(
            kept(&cleaned),
            vec!["Envoys met again on Sunday, officials said."]
        );
    }

    #[test]
    fn reference_footer_gives_source_and_title() {
        let text = "Officials met on Monday and agreed to continue the talks next month.\nReference(s):\nWhy the talks matter\nexample.org";
        let cleaned = clean(text, lexicon());
        assert_eq!(cleaned.source.as_deref(), Some("example.org"));
        assert_eq!(
            cleaned.reference_title.as_deref(),
            Some("Why the talks matter")
        );
        assert_eq!(kept(&cleaned).len(), 1);
    }

    #[test]
    fn author_box_after_late_byline_is_dropped() {
        let text = "First paragraph of the story is here and is long enough to count.\n\nSecond paragraph of the story.\n\nThird paragraph.\n\nsitename\nBy : sitename\nWelcome to our site, where I write about everything.\nComments";
        let cleaned = clean(text, lexicon());
        assert_eq!(cleaned.byline.as_deref(), Some("sitename"));
        assert_eq!(kept(&cleaned).len(), 3);
    }

    #[test]
    fn menus_between_bars_are_navigation_but_headlines_with_a_bar_are_not() {
        let lexicon = Lexicon::builtin();
        let page = "Home | World | Politics\n\nTalks resume in Geneva | Live\n\n\
                    Officials met in the capital on Monday to discuss the harbour, a spokesman said.\n";
        let cleaned = clean(page, lexicon);
        assert!(!cleaned.text.contains("Home"), "{:?}", cleaned.text);
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("Talks resume in Geneva | Live")
        );
        for not_a_menu in [
            "Prices rose 2% · wages fell · rents held",
            "Kyiv | Moscow",
            "He said: Yes | No | Maybe.",
        ] {
            assert!(!is_menu(not_a_menu), "{not_a_menu}");
        }
    }

    #[test]
    fn foreign_script_menu_above_headline_is_navigation() {
        let text = "أقسام الموقع\n\nA Headline About Talks in the City\n\nThe talks in the city went on for a long time, officials said on Monday.";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            cleaned.headline.as_deref(),
            Some("A Headline About Talks in the City")
        );
        assert_eq!(cleaned.removed[0].why, Removal::Navigation);
    }

    #[test]
    fn wrapped_lines_are_joined_but_table_rows_are_not() {
        let text = "Leading scores in\nthe open tournament after the first round:\n62 Alan Smith\n64 Bob Jones, Carl Brown, Eric Black, Fred Gray, Dan\nWhite, Ed Green";
        let cleaned = clean(text, lexicon());
        assert_eq!(
            kept(&cleaned),
            vec![
                "Leading scores in the open tournament after the first round:",
                "62 Alan Smith",
                "64 Bob Jones, Carl Brown, Eric Black, Fred Gray, Dan White, Ed Green"
            ]
        );
    }

    #[test]
    fn headings_and_list_items_have_their_kind() {
        let cleaned = clean(
            "Body sentence that is long enough to be prose, and it ends.\nWhy It Matters\n- A point made here.",
            lexicon(),
        );
        let kinds: Vec<BlockKind> = cleaned.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Body, BlockKind::Heading, BlockKind::ListItem]
        );
    }
}
