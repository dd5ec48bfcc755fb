//! Where the text nodes of a page stand in its source.
//!
//! The HTML parser gives a tree without source positions, so each text node the walk reads is
//! found again in the page: in the runs of text between its tags, in document order, aligned
//! character by character (a character reference stands for what it decodes to). A node that
//! cannot be found makes the whole page unlocated rather than located wrongly.

use super::html_limits::{find, raw_text_end, tag_name};
use super::offsets::OffsetMap;

/// Elements whose content is not text nodes the walk reads.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// How many runs of text past the last one found a node is looked for in: the nodes the walk
/// skips (menus, hidden teasers) stand between those it reads.
const LOOKAHEAD: usize = 512;

/// The runs of text of a page, and how far the walk has read them.
pub struct SourceText<'a> {
    html: &'a str,
    runs: Vec<(usize, usize)>,
    next: usize,
    lost: bool,
}

impl<'a> SourceText<'a> {
    pub fn new(html: &'a str) -> Self {
        Self {
            html,
            runs: text_runs(html.as_bytes()),
            next: 0,
            lost: false,
        }
    }

    /// Where each byte of the text node `text` stands in the page, looked for from where the
    /// last node was found; `None` (and the page no longer located) when it is not found.
    pub fn locate(&mut self, text: &str) -> Option<OffsetMap> {
        if self.lost {
            return None;
        }
        let end = self.runs.len().min(self.next + LOOKAHEAD);
        for i in self.next..end {
            let (start, stop) = self.runs[i];
            if let Some(map) = align(text, &self.html[start..stop], start) {
                self.next = i + 1;
                return Some(map);
            }
        }
        self.lost = true;
        None
    }

    /// Whether some node could not be found.
    pub fn lost(&self) -> bool {
        self.lost
    }
}

/// `decoded` read against `raw`, its source at `at`: the map of `decoded` into the page, or
/// `None` when they differ by more than character references and CRs.
fn align(decoded: &str, raw: &str, at: usize) -> Option<OffsetMap> {
    let mut map = OffsetMap::empty();
    let (mut i, mut j) = (0, 0);
    while let Some(c) = decoded[i..].chars().next() {
        let rest = &raw[j..];
        if let Some(len) = reference_len(rest) {
            map.copied(i, at + j);
            i += c.len_utf8();
            j += len;
        } else if rest.starts_with(c) {
            map.copied(i, at + j);
            i += c.len_utf8();
            j += c.len_utf8();
        } else if rest.starts_with('\r') {
            j += 1;
        } else {
            return None;
        }
    }
    Some(map)
}

/// The length of the character reference `raw` starts with ("&amp;", "&#8217;"), if it does.
fn reference_len(raw: &str) -> Option<usize> {
    let body = raw.strip_prefix('&')?;
    let name = body
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    (name > 0 && body[name..].starts_with(';')).then_some(name + 2)
}

/// The byte ranges of a page that hold text: between tags, outside comments and raw-text
/// elements.
fn text_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            // "a < b" is text.
            at = lt + 1;
            continue;
        }
        if lt > start {
            runs.push((start, lt));
        }
        let end = if bytes[lt..].starts_with(b"<!--") {
            find(bytes, lt + 4, b"-->").map_or(bytes.len(), |i| i + 3)
        } else {
            let close = tag_end(bytes, lt);
            let name = tag_name(bytes, lt + 1);
            if RAW_TEXT.contains(&name.as_str()) && next != b'/' {
                let content_end = raw_text_end(bytes, close, &name);
                tag_end(bytes, content_end)
            } else {
                close
            }
        };
        start = end;
        at = end;
    }
    if bytes.len() > start {
        runs.push((start, bytes.len()));
    }
    runs
}

/// Just past the `>` of the tag that starts at `lt`, quoted attribute values aside.
fn tag_end(bytes: &[u8], lt: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(lt + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_runs_lie_between_tags_outside_scripts_and_comments() {
        let page = "<p class=\"a>b\">One &amp; two</p><!-- <p>no</p> --><script>x<y</script>a < b";
        let runs: Vec<&str> = text_runs(page.as_bytes())
            .into_iter()
            .map(|(s, e)| &page[s..e])
            .collect();
        assert_eq!(runs, ["One &amp; two", "a < b"]);
    }

    #[test]
    fn nodes_are_found_in_order_with_their_references() {
        let page = "<nav>Monday</nav><p>Fish &amp; chips on Monday</p><p>Monday</p>";
        let mut source = SourceText::new(page);
        let map = source.locate("Fish & chips on Monday").unwrap();
        let at = "Fish & chips on ".len();
        let (start, end) = map.map_range(at, at + 6);
        assert_eq!(&page[start..end], "Monday");
        assert_eq!(start, page.find("on Monday").unwrap() + 3);
        let map = source.locate("Monday").unwrap();
        assert_eq!(map.map(0), page.rfind("Monday").unwrap());
        assert!(source.locate("Tuesday").is_none());
        assert!(source.lost());
    }
}
