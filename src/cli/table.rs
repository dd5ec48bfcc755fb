//! Aligned plain-text tables that fit a given width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub struct Column {
    pub header: &'static str,
    /// Narrowest the column may shrink to when the table is too wide.
    pub min: usize,
    /// Widest it may grow.
    pub max: usize,
    pub right: bool,
    /// Columns with a higher number give up their width first when the table is too wide.
    pub yields: u8,
}

impl Column {
    pub const fn left(header: &'static str, min: usize, max: usize) -> Self {
        Self {
            header,
            min,
            max,
            right: false,
            yields: 0,
        }
    }

    pub const fn right(header: &'static str) -> Self {
        Self {
            header,
            min: header.len(),
            max: 12,
            right: true,
            yields: 0,
        }
    }

    pub const fn yielding(self, yields: u8) -> Self {
        Self { yields, ..self }
    }
}

const GAP: usize = 2;

/// Render rows under headers in at most `width` columns (0: no limit). Cells too long for
/// their column end in "…".
pub fn render(columns: &[Column], rows: &[Vec<String>], width: usize) -> String {
    let clean = |s: &str| s.replace(['\n', '\t'], " ");
    let mut widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let longest = rows.iter().map(|r| clean(&r[i]).width()).max().unwrap_or(0);
            longest
                .max(c.header.width())
                .min(c.max.max(c.header.width()))
        })
        .collect();
    if width > 0 {
        shrink(&mut widths, columns, width);
    }
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = columns
            .iter()
            .zip(&widths)
            .zip(row)
            .map(|((column, &w), cell)| pad(&fit(&clean(cell), w), w, column.right))
            .collect();
        out.push_str(cells.join(&" ".repeat(GAP)).trim_end());
        out.push('\n');
    }
    out
}

/// Take columns down towards their minimum, the most yielding and then the widest first,
/// until the table fits.
fn shrink(widths: &mut [usize], columns: &[Column], width: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
    while total(widths) > width {
        let widest = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| **w > columns[*i].min)
            .max_by_key(|(i, w)| (columns[*i].yields, **w))
            .map(|(i, _)| i);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
}

/// Cut `s` to `width` display columns, ending in "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_fits_width() {
        let columns = [
            Column::left("NAME", 4, 30),
            Column::left("NOTE", 4, 40),
            Column::right("N"),
        ];
        let rows = vec![
            vec![
                "Ann".into(),
                "a fairly long note that will not fit".into(),
                "3".into(),
            ],
            vec!["Bartholomew".into(), "short".into(), "12".into()],
        ];
        let out = render(&columns, &rows, 30);
        assert!(out.lines().all(|l| l.width() <= 30), "{out}");
        assert_eq!(out.lines().next(), Some("NAME         NOTE            N"));
        assert!(out.contains("…"));
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
