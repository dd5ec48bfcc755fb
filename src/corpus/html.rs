//! Pages saved from a browser: keep the article's text, drop the page around it.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::MetaHints;
use super::html_limits::{self, Limited};
use super::html_source::SourceText;
use super::offsets::OffsetMap;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "aside",
    "figcaption",
    "img",
    "picture",
    "video",
    "audio",
    "map",
    "dialog",
    "menu",
];

/// Page furniture that is skipped only outside the article element, where it is site chrome;
/// inside an article, a header holds the headline.
const CHROME: &[&str] = &["header", "footer"];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "address",
    "hr",
    "body",
];

/// The text of an HTML page in paragraphs separated by blank lines, what its metadata says, and
/// what of its markup was too deep or too long to be parsed (see [`html_limits`]), and where
/// each byte of the text stands in `html` when every text node read was found there.
pub fn extract(html: &str) -> (String, MetaHints, Limited, Option<OffsetMap>) {
    let source = html;
    let (html, limited) = html_limits::limit(html);
    // Markup rewritten to bound it no longer has the page's offsets.
    let mut source = matches!(html, std::borrow::Cow::Borrowed(_)).then(|| SourceText::new(source));
    let document = Html::parse_document(&html);
    let hints = MetaHints {
        title: first_content(
            &document,
            &[
                r#"meta[property="og:title"]"#,
                r#"meta[name="twitter:title"]"#,
            ],
        )
        .or_else(|| first_text(&document, "h1"))
        .or_else(|| first_text(&document, "title")),
        date: first_content(
            &document,
            &[
                r#"meta[property="article:published_time"]"#,
                r#"meta[itemprop="datePublished"]"#,
                r#"meta[name="date"]"#,
                r#"meta[name="pubdate"]"#,
            ],
        )
        .or_else(|| json_ld_date_published(&document))
        .or_else(|| first_attr(&document, "time[datetime]", "datetime")),
        source: first_content(&document, &[r#"meta[property="og:site_name"]"#])
            .or_else(|| {
                first_content(&document, &[r#"meta[property="og:url"]"#])
                    .and_then(|url| domain_of(&url))
            })
            .or_else(|| {
                first_attr(&document, r#"link[rel="canonical"]"#, "href")
                    .and_then(|url| domain_of(&url))
            }),
    };

    let root = selector("article")
        .and_then(|s| {
            document
                .select(&s)
                .max_by_key(|article| article.text().map(str::len).sum::<usize>())
        })
        .or_else(|| selector("main").and_then(|s| document.select(&s).next()))
        .or_else(|| selector("body").and_then(|s| document.select(&s).next()))
        .unwrap_or_else(|| document.root_element());
    let in_article = matches!(root.value().name(), "article" | "main");
    let mut text = TextBuilder::default();
    walk(root, in_article, &mut text, source.as_mut());
    let located = source.is_some_and(|s| !s.lost());
    let (text, map) = text.finish();
    (text, hints, limited, located.then_some(map))
}

/// What is left to do while walking the page: a node to read, or the end of a block to mark.
enum Step<'a> {
    Read(NodeRef<'a, Node>, bool),
    EndBlock,
}

/// Reads the text under `root` in document order. A loop over an explicit stack, not recursion:
/// a page can nest elements thousands deep, and the walk must not run out of stack on it.
fn walk(
    root: ElementRef,
    in_article: bool,
    out: &mut TextBuilder,
    mut source: Option<&mut SourceText>,
) {
    let mut steps: Vec<Step> = root
        .children()
        .rev()
        .map(|child| Step::Read(child, in_article))
        .collect();
    while let Some(step) = steps.pop() {
        let (node, in_article) = match step {
            Step::EndBlock => {
                out.block_break();
                continue;
            }
            Step::Read(node, in_article) => (node, in_article),
        };
        let el = match node.value() {
            Node::Text(text) => {
                // White space alone adds no text, and is not looked for.
                let at = source
                    .as_mut()
                    .filter(|_| !text.trim().is_empty())
                    .and_then(|source| source.locate(text));
                out.push_inline(text, at.as_ref());
                continue;
            }
            Node::Element(el) => el,
            _ => continue,
        };
        let name = el.name();
        if SKIPPED.contains(&name) || (!in_article && CHROME.contains(&name)) || is_hidden(el) {
            continue;
        }
        let children_in_article = match name {
            "br" => {
                out.line_break();
                continue;
            }
            "li" => {
                out.block_break();
                out.push_inline("• ", None);
                steps.push(Step::EndBlock);
                in_article
            }
            _ if BLOCKS.contains(&name) => {
                out.block_break();
                steps.push(Step::EndBlock);
                in_article || name == "article"
            }
            _ => in_article,
        };
        steps.extend(
            node.children()
                .rev()
                .map(|child| Step::Read(child, children_in_article)),
        );
    }
}

/// Whether the page hides the element from its readers: what a reader never sees is not
/// article text (teasers for other stories, text kept for screen readers or search engines).
fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(style_hides)
}

/// Whether an inline style declares `display: none` or `visibility: hidden`, in any case and
/// spacing, with or without `!important`.
fn style_hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let value = without_important(value.trim());
        let property = property.trim();
        (property.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (property.eq_ignore_ascii_case("visibility")
                && (value.eq_ignore_ascii_case("hidden") || value.eq_ignore_ascii_case("collapse")))
    })
}

fn without_important(value: &str) -> &str {
    const IMPORTANT: &str = "!important";
    let cut = value.len().saturating_sub(IMPORTANT.len());
    match (value.get(..cut), value.get(cut..)) {
        (Some(head), Some(tail)) if tail.eq_ignore_ascii_case(IMPORTANT) => head.trim_end(),
        _ => value,
    }
}

/// Collapses HTML whitespace the way a browser does and turns blocks into paragraphs.
#[derive(Default)]
struct TextBuilder {
    text: String,
    pending_space: bool,
    /// Where each byte of `text` stands in the page, as far as it was found.
    map: OffsetMap,
}

impl TextBuilder {
    /// Adds the text `s`, whose bytes stand in the page where `at` says, if it says.
    fn push_inline(&mut self, s: &str, at: Option<&OffsetMap>) {
        for word_or_space in s.split_inclusive(char::is_whitespace) {
            let word = word_or_space.trim_end_matches(char::is_whitespace);
            if !word.is_empty() {
                if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.pending_space = false;
                if let Some(at) = at {
                    let from = crate::text::offset_in(s, word);
                    for (k, _) in word.char_indices() {
                        self.map.copied(self.text.len() + k, at.map(from + k));
                    }
                }
                self.text.push_str(word);
            }
            if word.len() < word_or_space.len() {
                self.pending_space = true;
            }
        }
    }

    fn line_break(&mut self) {
        self.text.push('\n');
        self.pending_space = false;
    }

    fn block_break(&mut self) {
        self.pending_space = false;
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        self.text.push_str(if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        });
    }

    fn finish(mut self) -> (String, OffsetMap) {
        let lead = self.text.len() - self.text.trim_start().len();
        let text = self.text.trim().to_owned();
        self.map.truncate(lead + text.len());
        self.map.drop_front(lead);
        (text, self.map)
    }
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first_content(document: &Html, selectors: &[&str]) -> Option<String> {
    selectors
        .iter()
        .find_map(|css| first_attr(document, css, "content"))
}

fn first_attr(document: &Html, css: &str, attr: &str) -> Option<String> {
    let selector = selector(css)?;
    document
        .select(&selector)
        .filter_map(|el| el.value().attr(attr))
        .map(|value| value.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|value| !value.is_empty())
}

/// `"datePublished"` of the page's JSON-LD, at any depth: sites nest the article in `@graph`
/// lists and `mainEntity` objects. A block that does not parse is skipped, as a browser does.
fn json_ld_date_published(document: &Html) -> Option<String> {
    /// Nesting beyond this is not an article description; it bounds the walk on hostile input.
    const DEEPEST: usize = 16;
    fn find(value: &serde_json::Value, depth: usize) -> Option<String> {
        if depth > DEEPEST {
            return None;
        }
        match value {
            serde_json::Value::Object(fields) => fields
                .get("datePublished")
                .and_then(serde_json::Value::as_str)
                .map(|date| date.trim().to_owned())
                .filter(|date| !date.is_empty())
                .or_else(|| fields.values().find_map(|v| find(v, depth + 1))),
            serde_json::Value::Array(items) => items.iter().find_map(|v| find(v, depth + 1)),
            _ => None,
        }
    }
    let selector = selector(r#"script[type="application/ld+json"]"#)?;
    document.select(&selector).find_map(|script| {
        let json: serde_json::Value =
            serde_json::from_str(&script.text().collect::<String>()).ok()?;
        find(&json, 0)
    })
}

fn first_text(document: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    document
        .select(&selector)
        .map(|el| {
            el.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|text| !text.is_empty())
}

/// "https://www.example.com/path" -> "example.com"
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim_start_matches("www.");
    (host.contains('.') && !host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Site | Story</title>
        <meta property="og:title" content="Leaders meet in Geneva">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2024-03-05T10:00:00Z">
        <script>alert("x")</script></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><header><h1>Leaders meet   in Geneva</h1></header>
        <figure><img src="a.jpg"><figcaption>A photo caption</figcaption></figure>
        <p>The first <b>paragraph</b>
           continues here.</p><p>Second<br>line.</p>
        <ul><li>one</li><li>two</li></ul>
        <aside>Read more</aside></article>
        <footer>Copyright</footer></body></html>"#;

    #[test]
    fn keeps_article_text_and_drops_chrome() {
        let (text, ..) = extract(PAGE);
        assert_eq!(
            text,
            "Leaders meet in Geneva\n\nThe first paragraph continues here.\n\nSecond\nline.\n\n• one\n\n• two"
        );
    }

    #[test]
    fn reads_metadata() {
        let (_, hints, ..) = extract(PAGE);
        assert_eq!(hints.title.as_deref(), Some("Leaders meet in Geneva"));
        assert_eq!(hints.source.as_deref(), Some("Example News"));
        assert_eq!(hints.date.as_deref(), Some("2024-03-05T10:00:00Z"));
    }

    #[test]
    fn reads_json_ld_date_published_nested_in_a_graph() {
        let page = r#"<html><head><script type="application/ld+json">{ not json</script>
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Harbour Post"},
              {"@type": "NewsArticle", "headline": "Quay reopens", "datePublished": "2023-06-07T08:00:00+02:00"}
            ]}</script></head>
            <body><time datetime="2019-01-01">old post</time><p>The quay reopened.</p></body></html>"#;
        let (_, hints, ..) = extract(page);
        assert_eq!(hints.date.as_deref(), Some("2023-06-07T08:00:00+02:00"));
    }

    #[test]
    fn page_without_article_uses_body() {
        let (text, hints, ..) =
            extract("<html><body><header>Menu</header><p>Only text.</p></body></html>");
        assert_eq!(text, "Only text.");
        assert_eq!(hints.title, None);
    }

    #[test]
    fn domains() {
        assert_eq!(
            domain_of("https://www.cgtn.com/news/x").as_deref(),
            Some("cgtn.com")
        );
        assert_eq!(domain_of("not a url"), None);
    }
}
