//! A terminal backend that spends fewer bytes: what a slow SSH link pays for every key.
//!
//! ratatui sends only the cells that changed, and moves the cursor over the ones that did not.
//! When new text lands where old text was, the spaces between words often did not change, and
//! each of them costs a cursor move of 7 to 9 bytes. This backend remembers what the screen shows
//! and sends short runs of unchanged cells again instead of jumping over them.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// Longest run of unchanged cells sent again rather than jumped over: a cursor move costs about
/// this many bytes.
const MAX_GAP: u16 = 7;

pub struct CompactBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows, as far as this backend drew it.
    screen: Buffer,
}

impl<W: Write> CompactBackend<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            screen: Buffer::empty(Rect::ZERO),
        }
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        if x >= self.screen.area.width || y >= self.screen.area.height {
            let area = Rect::new(
                0,
                0,
                self.screen.area.width.max(x + 1),
                self.screen.area.height.max(y + 1),
            );
            self.screen.resize(area);
        }
        self.screen[(x, y)] = cell.clone();
    }

    /// The unchanged cells between `after` and `x` on row `y`, if sending them is cheaper than a
    /// cursor move and draws exactly what is there.
    fn gap(&self, after: (u16, u16, &Cell), x: u16, y: u16) -> Option<Vec<(u16, u16, Cell)>> {
        let (px, py, previous) = after;
        let start = px + previous.symbol().width().max(1) as u16;
        if py != y || x <= start || x - start > MAX_GAP {
            return None;
        }
        (start..x)
            .map(|gx| {
                let cell = self.screen.cell((gx, y))?;
                let plain = cell.symbol().width() == 1 && cell.symbol().is_ascii();
                let same_style = cell.fg == previous.fg
                    && cell.bg == previous.bg
                    && cell.modifier == previous.modifier;
                (plain && same_style).then(|| (gx, y, cell.clone()))
            })
            .collect()
    }
}

impl<W: Write> Backend for CompactBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let filler = out
                .last()
                .and_then(|(px, py, pc)| self.gap((*px, *py, pc), x, y));
            out.extend(filler.unwrap_or_default());
            out.push((x, y, cell.clone()));
        }
        for (x, y, cell) in &out {
            self.remember(*x, *y, cell);
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Only a full clear is used; anything else forgets what we know of the screen.
        self.screen.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::text::Line;

    /// A writer whose bytes the test can read while the backend owns it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The bytes written to draw `second` over `first`.
    fn bytes_for(first: &str, second: &str) -> Vec<u8> {
        let shared = Shared::default();
        let backend = CompactBackend::new(shared.clone());
        let mut terminal = Terminal::new(backend).expect("terminal over a buffer");
        terminal.resize(Rect::new(0, 0, 40, 2)).expect("resize");
        terminal
            .draw(|f| f.render_widget(Line::from(first), f.area()))
            .expect("draw");
        shared.0.borrow_mut().clear();
        terminal
            .draw(|f| f.render_widget(Line::from(second), f.area()))
            .expect("draw");
        shared.0.borrow().clone()
    }

    #[test]
    fn short_unchanged_gaps_are_sent_again_instead_of_jumped() {
        let out = bytes_for("aaa bbb ccc ddd", "xxx yyy zzz www");
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("xxx yyy zzz www"), "{text:?}");
        assert_eq!(
            text.matches('H').count(),
            1,
            "one cursor move for the whole line: {text:?}"
        );
    }

    #[test]
    fn long_unchanged_runs_are_still_skipped() {
        let out = bytes_for(
            "a                              b",
            "x                              y",
        );
        let text = String::from_utf8_lossy(&out);
        assert_eq!(text.matches('H').count(), 2, "{text:?}");
    }
}
