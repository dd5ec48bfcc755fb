//! Bounds on what an HTML page can make the parser do, applied to the markup before it is parsed.
//!
//! The HTML parser checks scopes by walking its stack of open elements for every tag, and
//! compares each attribute of a tag with the ones before it: a page nested thousands deep, or
//! one tag with thousands of attributes, costs time that grows with the square of its size. No
//! article needs either, so a cheap scan of the tags drops opening tags past [`MAX_DEPTH`] open
//! elements and attributes past [`MAX_ATTRIBUTES`] on one tag. The text between tags is kept.
//!
//! The scan follows the tree only roughly: it pairs end tags with open elements, knows the void
//! elements, the elements whose content is raw text, and the end tags HTML leaves out (`<p>`,
//! `<li>`, table cells...), so that ordinary pages, even sloppy ones, never come near the limit.

use std::borrow::Cow;

/// Open elements beyond this many are not opened: the text inside joins the deepest one.
pub const MAX_DEPTH: usize = 512;

/// Attributes of one tag beyond this many are dropped.
pub const MAX_ATTRIBUTES: usize = 64;

/// What the scan had to drop.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    /// Opening tags past [`MAX_DEPTH`].
    pub dropped_tags: usize,
    /// Attributes past [`MAX_ATTRIBUTES`], over all tags.
    pub dropped_attributes: usize,
}

impl Limited {
    /// One line per limit reached, for the load's warnings.
    pub fn messages(&self) -> Vec<String> {
        let mut messages = Vec::new();
        if self.dropped_tags > 0 {
            messages.push(format!(
                "HTML nested deeper than {MAX_DEPTH} elements: {} opening tag(s) past that depth ignored",
                self.dropped_tags
            ));
        }
        if self.dropped_attributes > 0 {
            messages.push(format!(
                "HTML tag(s) with more than {MAX_ATTRIBUTES} attributes: {} attribute(s) past that ignored",
                self.dropped_attributes
            ));
        }
        messages
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "frame", "basefont", "bgsound",
];

/// Elements whose content is text up to their end tag, never tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Opening one of these closes an open `<p>`.
const CLOSES_PARAGRAPH: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// For an element whose end tag may be left out: the elements it closes when it opens (with
/// everything open inside them), and the elements that bound the search for them (a list item closes the previous item of its own
/// list, not one of an outer list).
fn implied_close(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], &["table"]),
        "option" => (&["option"], &["select", "datalist", "optgroup"]),
        "optgroup" => (&["optgroup"], &["select"]),
        "rb" | "rt" | "rtc" | "rp" => (&["rb", "rt", "rtc", "rp"], &["ruby"]),
        _ => return None,
    })
}

/// Elements that bound the search for an open `<p>` to close (HTML's "button scope").
const PARAGRAPH_SCOPE: &[&str] = &[
    "button", "table", "td", "th", "caption", "marquee", "object", "applet", "template", "html",
];

/// `html` with its nesting and attributes bounded, and what was dropped; borrowed when nothing was.
pub fn limit(html: &str) -> (Cow<'_, str>, Limited) {
    let mut scan = Scan {
        html,
        bytes: html.as_bytes(),
        out: String::new(),
        copied: 0,
        open: Vec::new(),
        foreign: 0,
        limited: Limited::default(),
    };
    scan.run();
    if scan.limited == Limited::default() {
        return (Cow::Borrowed(html), scan.limited);
    }
    let mut out = scan.out;
    out.push_str(&html[scan.copied..]);
    (Cow::Owned(out), scan.limited)
}

struct Scan<'a> {
    html: &'a str,
    bytes: &'a [u8],
    /// The markup kept so far, up to `copied` in `html`; only written once something is dropped.
    out: String,
    copied: usize,
    /// Names of the open elements, as the scan models them.
    open: Vec<String>,
    /// How many of them are `<svg>` or `<math>`, where `<x/>` closes itself.
    foreign: usize,
    limited: Limited,
}

/// A start tag as read: where it ends and what it is.
struct StartTag {
    name: String,
    /// Just past its `>`.
    end: usize,
    self_closing: bool,
    /// Where the attributes past [`MAX_ATTRIBUTES`] start and how many there are.
    excess: Option<(usize, usize)>,
}

impl Scan<'_> {
    fn run(&mut self) {
        let mut at = 0;
        while let Some(lt) = find_byte(self.bytes, at, b'<') {
            at = match self.bytes.get(lt + 1) {
                Some(b'!') if self.bytes[lt..].starts_with(b"<!--") => {
                    find(self.bytes, lt + 4, b"-->").map_or(self.bytes.len(), |end| end + 3)
                }
                Some(b'!' | b'?') => past_byte(self.bytes, lt + 2, b'>'),
                Some(b'/') => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => lt + 1,
            };
        }
    }

    /// Pairs an end tag with the innermost open element of its name; returns where scanning goes on.
    fn end_tag(&mut self, lt: usize) -> usize {
        let name = tag_name(self.bytes, lt + 2);
        let end = past_byte(self.bytes, lt + 2, b'>');
        match self.open.iter().rposition(|open| *open == name) {
            Some(index) => self.close_from(index),
            // Once nesting has been cut, the end tags of the elements left out close nothing;
            // each would still cost the parser a scope check. (A stray `</p>` or `</br>` makes
            // an element, so those stay.)
            None if self.limited.dropped_tags > 0 && !matches!(name.as_str(), "p" | "br") => {
                self.drop_range(lt, end);
            }
            None => {}
        }
        end
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let Some(tag) = read_start_tag(self.bytes, lt) else {
            // A tag cut off by the end of the file: the parser drops it.
            return self.bytes.len();
        };
        let name = tag.name.as_str();
        if let Some((closes, bounds)) = implied_close(name) {
            self.close_innermost(closes, bounds);
        }
        if CLOSES_PARAGRAPH.contains(&name) {
            self.close_innermost(&["p"], PARAGRAPH_SCOPE);
        }
        if RAW_TEXT.contains(&name) {
            self.keep_attributes(&tag);
            return raw_text_end(self.bytes, tag.end, name);
        }
        if name == "plaintext" {
            self.keep_attributes(&tag);
            return self.bytes.len();
        }
        // In SVG and MathML, `<x/>` closes itself; in HTML only the void elements do.
        let closes_itself = VOID.contains(&name) || (tag.self_closing && self.foreign > 0);
        let opens = !closes_itself;
        if opens && self.open.len() >= MAX_DEPTH {
            self.limited.dropped_tags += 1;
            self.drop_range(lt, tag.end);
            return tag.end;
        }
        self.keep_attributes(&tag);
        if opens {
            if matches!(name, "svg" | "math") {
                self.foreign += 1;
            }
            self.open.push(tag.name);
        }
        tag.end
    }

    /// Closes the innermost open element named in `names`, unless one of `bounds` is nearer.
    fn close_innermost(&mut self, names: &[&str], bounds: &[&str]) {
        let found = self
            .open
            .iter()
            .rposition(|open| names.contains(&open.as_str()) || bounds.contains(&open.as_str()));
        if let Some(index) = found
            && names.contains(&self.open[index].as_str())
        {
            self.close_from(index);
        }
    }

    fn close_from(&mut self, index: usize) {
        for closed in self.open.drain(index..) {
            if matches!(closed.as_str(), "svg" | "math") {
                self.foreign -= 1;
            }
        }
    }

    fn keep_attributes(&mut self, tag: &StartTag) {
        if let Some((from, count)) = tag.excess {
            self.limited.dropped_attributes += count;
            // The `>` (or `/>`) that ends the tag stays.
            let mut to = tag.end - 1;
            if self.bytes[..to].ends_with(b"/") {
                to -= 1;
            }
            self.drop_range(from, to.max(from));
        }
    }

    /// Leaves `html[from..to]` out of the output.
    fn drop_range(&mut self, from: usize, to: usize) {
        self.out.push_str(&self.html[self.copied..from]);
        self.copied = to;
    }
}

/// Reads the start tag at `lt` (which holds `<` and a letter); `None` if the file ends inside it.
///
/// Attributes are read as the HTML tokenizer reads them: a name up to `=`, white space, `/` or
/// `>`, then an optional value, quoted or not.
fn read_start_tag(bytes: &[u8], lt: usize) -> Option<StartTag> {
    let name = tag_name(bytes, lt + 1);
    let mut at = lt + 1 + name.len();
    let mut attributes = 0;
    let mut excess: Option<(usize, usize)> = None;
    loop {
        while bytes
            .get(at)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                let self_closing = bytes[..at].ends_with(b"/");
                return Some(StartTag {
                    name,
                    end: at + 1,
                    self_closing,
                    excess,
                });
            }
            _ => {
                let start = at;
                at += 1;
                while bytes
                    .get(at)
                    .is_some_and(|&b| !(b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=')))
                {
                    at += 1;
                }
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'=') {
                    at += 1;
                    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                        at += 1;
                    }
                    at = match bytes.get(at)? {
                        &quote @ (b'"' | b'\'') => find_byte(bytes, at + 1, quote)? + 1,
                        _ => {
                            let mut end = at;
                            while bytes
                                .get(end)
                                .is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'>'))
                            {
                                end += 1;
                            }
                            end
                        }
                    };
                }
                attributes += 1;
                match &mut excess {
                    Some((_, count)) => *count += 1,
                    None if attributes > MAX_ATTRIBUTES => excess = Some((start, 1)),
                    None => {}
                }
            }
        }
    }
}

/// The lower-cased name of the tag whose name starts at `at`.
pub(super) fn tag_name(bytes: &[u8], at: usize) -> String {
    let end = (at..bytes.len())
        .find(|&i| bytes[i].is_ascii_whitespace() || matches!(bytes[i], b'/' | b'>'))
        .unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[at.min(end)..end]).to_ascii_lowercase()
}

/// Where the raw text of a `name` element that starts at `at` ends: at its end tag.
pub(super) fn raw_text_end(bytes: &[u8], at: usize, name: &str) -> usize {
    let mut from = at;
    while let Some(lt) = find(bytes, from, b"</") {
        let candidate = &bytes[lt + 2..];
        let matches = candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && candidate
                .get(name.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if matches {
            return lt;
        }
        from = lt + 2;
    }
    bytes.len()
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    memchr::memchr(byte, bytes.get(from..)?).map(|i| from + i)
}

/// Just past the first `byte` at or after `from`, or the end.
fn past_byte(bytes: &[u8], from: usize, byte: u8) -> usize {
    find_byte(bytes, from, byte).map_or(bytes.len(), |i| i + 1)
}

/// The first `needle` at or after `from`.
pub(super) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let mut page = String::from("<html><body><ul>");
        // Sloppy but ordinary: end tags left out, thousands of times over.
        for _ in 0..2000 {
            page.push_str("<li><p>An item <b>bold</b> <img src=x> <br/>");
        }
        page.push_str("</ul><table>");
        for _ in 0..2000 {
            page.push_str("<tr><td>a<td>b");
        }
        page.push_str("</table><script>if (a<b) { x = '<div>'; }</script></body></html>");
        let (out, limited) = limit(&page);
        assert_eq!(limited, Limited::default());
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_is_cut_at_the_limit_and_text_is_kept() {
        let depth = MAX_DEPTH * 3;
        let page = format!(
            "<p>Start.{}deep text{}</p>",
            "<q>".repeat(depth),
            "</q>".repeat(depth)
        );
        let (out, limited) = limit(&page);
        assert_eq!(limited.dropped_tags, depth + 1 - MAX_DEPTH);
        assert!(out.contains("deep text"));
        assert_eq!(out.matches("<q>").count(), MAX_DEPTH - 1);
        assert_eq!(out.matches("</q>").count(), MAX_DEPTH - 1);
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let attributes: String = (0..MAX_ATTRIBUTES + 10)
            .map(|i| format!(" data-a{i}='x>y'"))
            .collect();
        let page = format!("<p{attributes}>Text.</p><img{attributes}/>");
        let (out, limited) = limit(&page);
        assert_eq!(limited.dropped_attributes, 20);
        assert_eq!(out.matches("data-a").count(), 2 * MAX_ATTRIBUTES);
        assert!(out.contains(&format!("data-a{}='x>y' >Text.</p>", MAX_ATTRIBUTES - 1)));
        assert!(out.ends_with("' />"), "{out}");
    }

    #[test]
    fn cut_off_markup_does_not_panic() {
        for page in [
            "<p", "<p a='", "<!--", "</", "<script>", "<p a=", "<p/", "<",
        ] {
            let _ = limit(page);
        }
    }
}
