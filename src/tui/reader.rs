//! The Reader's text: an article laid out in lines of a given width, with what to highlight.
//!
//! Built by `update` whenever the article, the width or the selection changes, so that drawing
//! only slices it.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::corpus::sanitize::sanitize;
use crate::corpus::{BlockKind, RawTextError};
use crate::model::Model;
use crate::text::Span;

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Plain,
    Meta,
    Title,
    Heading,
    /// The date expression that dates the selected event.
    Date,
    /// A person the corpus knows.
    Mention,
    /// The selected person.
    Selected,
    /// The reader's own note on the article.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<(String, Mark)>,
    /// The line is part of a sentence that dates the selected event.
    pub evidence: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub lines: Vec<Line>,
    /// Lines where the selected person is mentioned, in order.
    pub mention_lines: Vec<usize>,
    /// Lines of the selected event's evidence, in order.
    pub evidence_lines: Vec<usize>,
}

/// What the reader shows and highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub article: usize,
    pub width: u16,
    pub raw: bool,
    pub person: Option<usize>,
    pub event: Option<usize>,
    /// The version of the reader's marks the header shows.
    pub marks: u64,
}

/// Words the reader writes itself, which depend on the theme.
pub struct Words<'a> {
    pub inferred: &'a str,
    pub separator: &'a str,
    pub starred: &'a str,
}

/// What the reader left on the article, for its header.
#[derive(Debug, Clone, Copy, Default)]
pub struct Left<'a> {
    pub starred: bool,
    pub note: Option<&'a str>,
}

/// The reader's document. `raw` is the article's raw text when the view asks for it, as read
/// from its file (`None` until it has been).
pub fn build(
    model: &Model,
    view: View,
    words: &Words,
    left: &Left,
    raw: Option<&Result<String, RawTextError>>,
) -> Document {
    let width = usize::from(view.width.max(10));
    let article = &model.articles[view.article];
    let mut doc = Document::default();

    // The header: title, source and date, people.
    for line in wrap_plain(&article.title, width) {
        doc.lines.push(Line {
            spans: vec![(line, Mark::Title)],
            evidence: false,
        });
    }
    let mut meta = Vec::new();
    if left.starred {
        meta.push(words.starred.to_owned());
    }
    if let Some(source) = &article.source {
        meta.push(source.clone());
    }
    match article.date {
        Some(d) if d.origin.is_inferred() => meta.push(format!("{} {}", d.date, words.inferred)),
        Some(d) => meta.push(d.date.to_string()),
        None => meta.push("undated".to_owned()),
    }
    // Nothing anchors these, so no date is guessed for them: say so rather than leave the reader
    // to wonder why the timeline has nothing from the article.
    let anchor = crate::timeline::anchor(article, article.date);
    let unresolved = model.dates[view.article]
        .iter()
        .filter(|m| m.resolve_against(anchor).is_none())
        .count();
    match unresolved {
        0 => {}
        1 => meta.push("1 date unresolved".to_owned()),
        n => meta.push(format!("{n} dates unresolved")),
    }
    meta.push(article.file.clone());
    for line in wrap_plain(&meta.join(words.separator), width) {
        doc.lines.push(Line {
            spans: vec![(line, Mark::Meta)],
            evidence: false,
        });
    }
    let people: Vec<(String, Mark)> = model.article_people[view.article]
        .iter()
        .map(|&p| {
            let mark = if Some(p) == view.person {
                Mark::Selected
            } else {
                Mark::Mention
            };
            (model.people[p].person.name.clone(), mark)
        })
        .collect();
    if !people.is_empty() {
        doc.lines.extend(wrap_list("People: ", &people, width));
    }
    if let Some(note) = left.note {
        doc.lines.extend(note_lines(note, width));
    }
    doc.lines.push(Line::default());

    if view.raw {
        let message;
        let text = match raw {
            Some(Ok(text)) => text.as_str(),
            Some(Err(why)) => {
                message = why.to_string();
                &message
            }
            None => "Reading the file…",
        };
        for raw_line in text.lines() {
            let wrapped = wrap_plain(raw_line, width);
            if wrapped.is_empty() {
                doc.lines.push(Line::default());
            }
            doc.lines.extend(wrapped.into_iter().map(|l| Line {
                spans: vec![(l, Mark::Plain)],
                evidence: false,
            }));
        }
        return doc;
    }

    let marks = marks(model, view);
    let evidence: Vec<Span> = view
        .event
        .map(|e| {
            model.events[e]
                .evidence
                .iter()
                .filter(|ev| ev.article == view.article)
                .map(|ev| article.sentences[ev.sentence].span)
                .collect()
        })
        .unwrap_or_default();
    let selected_mentions: Vec<Span> = marks
        .iter()
        .filter(|(_, m)| *m == Mark::Selected)
        .map(|(s, _)| *s)
        .collect();

    let mut previous_end: Option<usize> = None;
    for paragraph in &article.paragraphs {
        if paragraph.kind == BlockKind::Title {
            previous_end = Some(paragraph.span.end());
            continue;
        }
        // Paragraphs separated by a blank line in the text are separated here too, and
        // headings always stand apart.
        let blank_in_text = previous_end
            .is_some_and(|end| article.text[end..paragraph.span.start()].contains("\n\n"));
        let last_blank = doc.lines.last().is_none_or(|l| l.spans.is_empty());
        if (blank_in_text || paragraph.kind == BlockKind::Heading) && !last_blank {
            doc.lines.push(Line::default());
        }
        previous_end = Some(paragraph.span.end());
        let base = if paragraph.kind == BlockKind::Heading {
            Mark::Heading
        } else {
            Mark::Plain
        };
        for range in wrap_ranges(&article.text, paragraph.span, width) {
            let index = doc.lines.len();
            let is_evidence = evidence.iter().any(|e| e.overlaps(range));
            if is_evidence && doc.evidence_lines.last() != Some(&index) {
                doc.evidence_lines.push(index);
            }
            if selected_mentions
                .iter()
                .any(|m| range.start() <= m.start() && m.start() < range.end())
            {
                doc.mention_lines.push(index);
            }
            doc.lines.push(Line {
                spans: styled(&article.text, range, &marks, base),
                evidence: is_evidence,
            });
        }
    }
    doc
}

/// Every person mention of the article, and the dates of the selected event's evidence, in
/// text order.
fn marks(model: &Model, view: View) -> Vec<(Span, Mark)> {
    let mut marks: Vec<(Span, Mark)> = Vec::new();
    for &p in &model.article_people[view.article] {
        let mark = if Some(p) == view.person {
            Mark::Selected
        } else {
            Mark::Mention
        };
        marks.extend(
            model.people[p]
                .person
                .mentions
                .iter()
                .filter(|m| m.article == view.article)
                .map(|m| (m.span, mark)),
        );
    }
    if let Some(e) = view.event {
        marks.extend(
            model.events[e]
                .evidence
                .iter()
                .filter(|ev| ev.article == view.article)
                .filter_map(|ev| ev.date_span)
                .map(|s| (s, Mark::Date)),
        );
    }
    marks.sort_by_key(|(s, _)| (s.start(), s.end()));
    marks
}

/// The text of `range` cut where marks begin and end.
fn styled(text: &str, range: Span, marks: &[(Span, Mark)], base: Mark) -> Vec<(String, Mark)> {
    let mut cuts = vec![range.start(), range.end()];
    for (span, _) in marks.iter().filter(|(s, _)| s.overlaps(range)) {
        cuts.push(span.start().clamp(range.start(), range.end()));
        cuts.push(span.end().clamp(range.start(), range.end()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans: Vec<(String, Mark)> = Vec::new();
    for pair in cuts.windows(2) {
        let piece = Span::new(pair[0], pair[1]);
        let mark = marks
            .iter()
            .filter(|(s, _)| s.contains(piece))
            .map(|(_, m)| *m)
            .max()
            .unwrap_or(base);
        let piece_text = piece.slice(text);
        match spans.last_mut() {
            Some((last, last_mark)) if *last_mark == mark => last.push_str(piece_text),
            _ => spans.push((piece_text.to_owned(), mark)),
        }
    }
    spans
}

/// Byte ranges of the lines of `span` wrapped at `width` display columns, on spaces where it
/// can and inside a word where it must.
fn wrap_ranges(text: &str, span: Span, width: usize) -> Vec<Span> {
    let mut lines = Vec::new();
    // The line being filled: its start, its end and the columns it uses.
    let mut current: Option<(usize, usize, usize)> = None;
    for (offset, word) in words(span.slice(text)) {
        let start = span.start() + offset;
        let end = start + word.len();
        let word_width = word.width();
        if let Some((line_start, line_end, used)) = current {
            if used + 1 + word_width <= width {
                current = Some((line_start, end, used + 1 + word_width));
                continue;
            }
            lines.push(Span::new(line_start, line_end));
        }
        if word_width <= width {
            current = Some((start, end, word_width));
            continue;
        }
        let mut piece_start = start;
        let mut used = 0;
        for (i, c) in word.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > width && start + i > piece_start {
                lines.push(Span::new(piece_start, start + i));
                piece_start = start + i;
                used = 0;
            }
            used += w;
        }
        current = Some((piece_start, end, used));
    }
    if let Some((line_start, line_end, _)) = current {
        lines.push(Span::new(line_start, line_end));
    }
    lines
}

/// The words of a text with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .scan(0usize, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    wrap_ranges(text, Span::new(0, text.len()), width)
        .into_iter()
        .map(|s| s.slice(text).to_owned())
        .collect()
}

/// "Note: ..." wrapped, each of the note's own lines starting a line. A note is whatever the
/// reader typed or pasted, so it is sanitised as article text is before it is drawn.
fn note_lines(note: &str, width: usize) -> Vec<Line> {
    const LABEL: &str = "Note: ";
    let indent = " ".repeat(LABEL.len());
    let inner = width.saturating_sub(LABEL.len()).max(1);
    let mut lines = Vec::new();
    for text in sanitize(note).split('\n') {
        let wrapped = wrap_plain(text, inner);
        for piece in if wrapped.is_empty() {
            vec![String::new()]
        } else {
            wrapped
        } {
            let label = if lines.is_empty() { LABEL } else { &indent };
            lines.push(Line {
                spans: vec![(label.to_owned(), Mark::Meta), (piece, Mark::Note)],
                evidence: false,
            });
        }
    }
    lines
}

/// "People: A, B, C" wrapped, each name keeping its mark.
fn wrap_list(label: &str, items: &[(String, Mark)], width: usize) -> Vec<Line> {
    let mut lines = vec![Line {
        spans: vec![(label.to_owned(), Mark::Meta)],
        evidence: false,
    }];
    let mut used = label.width();
    for (i, (name, mark)) in items.iter().enumerate() {
        let separator = if i + 1 < items.len() { ", " } else { "" };
        let need = name.width() + separator.len();
        if used + need > width && used > label.width() {
            lines.push(Line {
                spans: vec![(" ".repeat(label.width()), Mark::Meta)],
                evidence: false,
            });
            used = label.width();
        }
        if let Some(line) = lines.last_mut() {
            line.spans.push((name.clone(), *mark));
            if !separator.is_empty() {
                line.spans.push((separator.to_owned(), Mark::Meta));
            }
        }
        used += need;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap_ranges(text, Span::new(0, text.len()), width)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    fn header_of(name: &str, text: &str) -> String {
        let lexicon = crate::lexicon::Lexicon::builtin();
        let corpus = crate::corpus::Corpus::from_texts([(name, text)], lexicon);
        let model = Model::build(corpus, lexicon, &crate::timeline::catalogue::bundled());
        let view = View {
            article: 0,
            width: 200,
            raw: false,
            person: None,
            event: None,
            marks: 0,
        };
        let words = Words {
            inferred: "(inferred)",
            separator: " · ",
            starred: "*",
        };
        let doc = build(&model, view, &words, &Left::default(), None);
        doc.lines[1].spans.iter().map(|(t, _)| t.as_str()).collect()
    }

    #[test]
    fn the_header_says_how_many_dates_nothing_anchors() {
        let undated = "The ferry board met on Tuesday and will meet again next month.\n";
        assert!(
            header_of("ferry.txt", undated).contains("2 dates unresolved"),
            "{}",
            header_of("ferry.txt", undated)
        );
        let dated =
            "12 March 2024\n\nThe ferry board met on Tuesday and will meet again next month.\n";
        assert!(!header_of("ferry.txt", dated).contains("unresolved"));
    }

    #[test]
    fn wraps_on_spaces() {
        assert_eq!(
            wrapped("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrapped("  spaced   out  ", 20), vec!["spaced   out"]);
    }

    #[test]
    fn cuts_words_wider_than_the_line() {
        assert_eq!(wrapped("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("x abcdefgh", 4), vec!["x", "abcd", "efgh"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        for line in wrapped("日本語 テキスト と 漢字 の 行", 6) {
            assert!(line.width() <= 6, "{line}");
        }
        assert!(
            wrapped("مرحبا بالعالم 👩\u{200D}💻 e\u{301}", 8)
                .iter()
                .all(|l| l.width() <= 8)
        );
    }

    #[test]
    fn marks_split_spans() {
        let text = "Met Trump's envoy";
        let marks = [(Span::new(4, 9), Mark::Selected)];
        let spans = styled(text, Span::new(0, text.len()), &marks, Mark::Plain);
        assert_eq!(
            spans,
            vec![
                ("Met ".into(), Mark::Plain),
                ("Trump".into(), Mark::Selected),
                ("'s envoy".into(), Mark::Plain)
            ]
        );
    }
}
