//! Where each byte of a text came from in the text it was made of.
//!
//! Every stage between the file and the cleaned text (decoding, sanitising, cleaning) copies
//! runs of bytes unchanged and drops or replaces what lies between them. An [`OffsetMap`] holds
//! one entry per run, the run's start in the made text and in the text it was made of, so that
//! an article costs a few entries per line rather than one per byte, and the maps of successive
//! stages compose into one that points from the cleaned text into the file.

/// Offsets in a made text to offsets in the text it was made of, as runs of bytes copied
/// unchanged: `(start in the made text, start in the original)`, sorted by the first.
///
/// A byte that was not copied (a separator the stage inserted, a replacement) maps to where the
/// run before it would have continued: near the place it stands for, never before it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OffsetMap {
    runs: Vec<(usize, usize)>,
}

impl Default for OffsetMap {
    fn default() -> Self {
        Self::identity()
    }
}

impl OffsetMap {
    /// The map of a text copied whole.
    pub fn identity() -> Self {
        Self::shifted(0)
    }

    /// The map of a text copied whole from `by` bytes into the original (after a byte-order mark).
    pub fn shifted(by: usize) -> Self {
        Self {
            runs: vec![(0, by)],
        }
    }

    /// An empty map, to be built run by run with [`OffsetMap::copied`].
    pub fn empty() -> Self {
        Self { runs: Vec::new() }
    }

    /// Bytes from `made` on were copied from `original` on (until the next run starts). A run
    /// that merely continues the one before it adds nothing.
    pub fn copied(&mut self, made: usize, original: usize) {
        if let Some(&(last_made, last_original)) = self.runs.last() {
            if made < last_made {
                // Runs arrive in order; a stage that went back is a bug, and its map stays as
                // it was rather than becoming unsorted.
                return;
            }
            if made - last_made == original.wrapping_sub(last_original) {
                return;
            }
            if made == last_made {
                self.runs.pop();
            }
        }
        self.runs.push((made, original));
    }

    /// Where byte `at` of the made text came from.
    pub fn map(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(made, _)| made <= at);
        match run.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(made, original)) => original + (at - made),
            None => self.runs.first().map_or(at, |&(_, original)| original),
        }
    }

    /// Where the bytes `start..end` of the made text came from: the first byte's origin to one
    /// past the last byte's, so that an expression that ends a run does not reach into the next.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.map(start);
        if end <= start {
            return (from, from);
        }
        (from, (self.map(end - 1) + 1).max(from))
    }

    /// The map of this text after it is cut to its first `len` bytes.
    pub fn truncate(&mut self, len: usize) {
        let kept = self.runs.partition_point(|&(made, _)| made < len).max(1);
        self.runs.truncate(kept);
    }

    /// The map of this text after its first `n` bytes are cut.
    pub fn drop_front(&mut self, n: usize) {
        let origin = self.map(n);
        let first_kept = self.runs.partition_point(|&(made, _)| made <= n);
        let mut runs = vec![(0, origin)];
        runs.extend(
            self.runs[first_kept..]
                .iter()
                .map(|&(made, original)| (made - n, original)),
        );
        self.runs = runs;
    }

    /// Appends the runs of `other`, a text placed at byte `at` of this one.
    pub fn append(&mut self, other: &OffsetMap, at: usize) {
        for &(made, original) in &other.runs {
            self.copied(at + made, original);
        }
    }

    /// This map followed by `inner`, the map of the text this one points into: offsets in the
    /// made text to offsets in `inner`'s original.
    pub fn then(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::empty();
        for (i, &(made, original)) in self.runs.iter().enumerate() {
            let next_made = self.runs.get(i + 1).map(|&(m, _)| m);
            out.copied(made, inner.map(original));
            // Where `inner` starts a run inside this one, so does the result.
            let from = inner.runs.partition_point(|&(m, _)| m <= original);
            for &(inner_made, inner_original) in &inner.runs[from..] {
                let here = made + (inner_made - original);
                if next_made.is_some_and(|next| here >= next) {
                    break;
                }
                out.copied(here, inner_original);
            }
        }
        if out.runs.is_empty() {
            return inner.clone();
        }
        out
    }

    /// How many runs the map holds: what it costs.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made text from pieces of an original, with its map.
    fn made_of(original: &str, pieces: &[(usize, usize)], separator: &str) -> (String, OffsetMap) {
        let mut text = String::new();
        let mut map = OffsetMap::empty();
        for (i, &(start, end)) in pieces.iter().enumerate() {
            if i > 0 {
                text.push_str(separator);
            }
            map.copied(text.len(), start);
            text.push_str(&original[start..end]);
        }
        (text, map)
    }

    #[test]
    fn copied_runs_map_back_to_their_bytes() {
        let original = "Header\n\nThe ferry sailed.\nIt rained.";
        let (text, map) = made_of(original, &[(8, 25), (26, 36)], " ");
        assert_eq!(text, "The ferry sailed. It rained.");
        for word in ["ferry", "rained"] {
            let at = text.find(word).unwrap();
            let (start, end) = map.map_range(at, at + word.len());
            assert_eq!(&original[start..end], word);
        }
        // The space stands where the line end stood: one run covers both lines.
        assert_eq!(map.runs(), 1);
        let (text, map) = made_of(original, &[(8, 25), (26, 36)], "\n\n");
        let at = text.find("rained").unwrap();
        let (start, end) = map.map_range(at, at + 6);
        assert_eq!(&original[start..end], "rained");
        assert_eq!(map.runs(), 2);
    }

    #[test]
    fn a_run_that_continues_the_last_adds_nothing() {
        let mut map = OffsetMap::empty();
        map.copied(0, 5);
        map.copied(10, 15);
        assert_eq!(map.runs(), 1);
        assert_eq!(map.map(12), 17);
    }

    #[test]
    fn dropping_the_front_keeps_the_rest_in_place() {
        let original = "Updated: 3 May 2025 The vote passed.";
        let (mut text, mut map) = made_of(original, &[(0, original.len())], "");
        let cut = text.find("The").unwrap();
        text.drain(..cut);
        map.drop_front(cut);
        let (start, end) = map.map_range(0, 3);
        assert_eq!(&original[start..end], "The");
    }

    #[test]
    fn a_truncated_text_takes_new_runs_where_it_was_cut() {
        let original = "One two  \n\nthree";
        let mut text = "One two  ".to_owned();
        let mut map = OffsetMap::shifted(0);
        map.copied(7, 7);
        text.truncate(7);
        map.truncate(7);
        // The space stands for the line end before the next paragraph.
        map.copied(text.len(), 10);
        text.push_str(" three");
        let at = text.find("three").unwrap();
        let (start, end) = map.map_range(at, at + 5);
        assert_eq!(&original[start..end], "three");
    }

    #[test]
    fn appending_places_runs_after_the_text() {
        let original = "A line that wraps\ninto the next one";
        let mut first = OffsetMap::shifted(0);
        let second = OffsetMap::shifted(18);
        let mut text = original[..17].to_owned();
        text.push(' ');
        first.append(&second, text.len());
        text.push_str(&original[18..]);
        let at = text.find("next").unwrap();
        let (start, end) = first.map_range(at, at + 4);
        assert_eq!(&original[start..end], "next");
    }

    #[test]
    fn composed_maps_point_through_both_stages() {
        // A byte-order mark and CRLF line ends, then a removed line.
        let file = "\u{feff}Menu\r\nThe harbour opened.\r\nIt was sunny.";
        let sanitised = "Menu\nThe harbour opened.\nIt was sunny.";
        let mut first = OffsetMap::empty();
        first.copied(0, 3);
        first.copied(5, 9);
        first.copied(25, 30);
        let (cleaned, second) = made_of(sanitised, &[(5, 24), (25, 38)], " ");
        assert_eq!(cleaned, "The harbour opened. It was sunny.");
        let both = second.then(&first);
        for word in ["harbour", "sunny"] {
            let at = cleaned.find(word).unwrap();
            let (start, end) = both.map_range(at, at + word.len());
            assert_eq!(&file[start..end], word);
        }
    }

    #[test]
    fn non_ascii_text_maps_by_bytes() {
        let original = "Tromsø, 3 mars\n\nÅpningen var i går.";
        let (text, map) = made_of(original, &[(17, original.len())], "");
        let at = text.find("går").unwrap();
        let (start, end) = map.map_range(at, at + "går".len());
        assert_eq!(&original[start..end], "går");
    }
}
