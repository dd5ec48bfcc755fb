//! Markdown articles: the text without its markup, and what a front-matter block says.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::MetaHints;
use super::offsets::OffsetMap;

/// The text of a Markdown document in paragraphs separated by blank lines, what its front
/// matter says, and where each byte of the text stood in the document.
pub fn extract(markdown: &str) -> (String, MetaHints, OffsetMap) {
    let mut hints = MetaHints::default();
    let mut text = String::new();
    let mut map = OffsetMap::empty();
    let mut in_metadata = false;
    let mut in_image = 0usize;
    let mut in_first_heading = false;
    let mut heading = String::new();

    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => read_front_matter(&t, &mut hints),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                block_break(&mut text, &mut map);
                in_first_heading =
                    level == pulldown_cmark::HeadingLevel::H1 && hints.title.is_none();
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_first_heading && !heading.trim().is_empty() {
                    hints.title = Some(heading.trim().to_owned());
                }
                in_first_heading = false;
                block_break(&mut text, &mut map);
            }
            Event::Start(Tag::Item) => {
                block_break(&mut text, &mut map);
                text.push_str("• ");
            }
            Event::Start(
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::TableRow,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow,
            ) => block_break(&mut text, &mut map),
            Event::End(TagEnd::TableCell) => text.push(' '),
            Event::Text(t) | Event::Code(t) => {
                if in_first_heading {
                    heading.push_str(&t);
                }
                // The parser's range covers the markup around the text (backticks) and the
                // text as written (an entity before it is decoded): the text stands where it is
                // written, or at the start of its range.
                let written = markdown.get(range.clone()).unwrap_or_default();
                let at = written.find(&*t).map_or(range.start, |i| range.start + i);
                map.copied(text.len(), at);
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                map.copied(text.len(), range.start);
                text.push(if matches!(event, Event::SoftBreak) {
                    ' '
                } else {
                    '\n'
                });
            }
            Event::Rule => block_break(&mut text, &mut map),
            _ => {}
        }
    }
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    map.truncate(lead + trimmed.len());
    map.drop_front(lead);
    (trimmed.to_owned(), hints, map)
}

fn block_break(text: &mut String, map: &mut OffsetMap) {
    let trimmed = text.trim_end_matches(' ').len();
    text.truncate(trimmed);
    map.truncate(trimmed);
    if text.is_empty() || text.ends_with("\n\n") {
        return;
    }
    text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
}

/// `title:`, `date:` and `source:` (or `publisher:`, `site:`) lines of a YAML front matter.
fn read_front_matter(block: &str, hints: &mut MetaHints) {
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut hints.title,
            "date" | "published" | "published_at" => &mut hints.date,
            "source" | "publisher" | "site" => &mut hints.source,
            _ => continue,
        };
        slot.get_or_insert_with(|| value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_and_reads_front_matter() {
        let md = "---\ntitle: \"Talks resume\"\ndate: 2024-05-01\nsource: Example Wire\n---\n\n# Talks resume\n\nThe **envoys** met in [Vienna](https://x.y).\n\n![A caption](p.jpg)\n\n- first\n- second\n";
        let (text, hints, map) = extract(md);
        assert_eq!(
            text,
            "Talks resume\n\nThe envoys met in Vienna.\n\n• first\n\n• second"
        );
        assert_eq!(hints.title.as_deref(), Some("Talks resume"));
        assert_eq!(hints.date.as_deref(), Some("2024-05-01"));
        assert_eq!(hints.source.as_deref(), Some("Example Wire"));
        for word in ["envoys", "Vienna", "second"] {
            let at = text.find(word).unwrap();
            let (start, end) = map.map_range(at, at + word.len());
            assert_eq!(&md[start..end], word);
        }
    }

    #[test]
    fn first_heading_is_the_title_hint() {
        let (_, hints, _) = extract("# Headline here\n\nBody.\n\n# Later heading\n");
        assert_eq!(hints.title.as_deref(), Some("Headline here"));
    }
}
