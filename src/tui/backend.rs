//! A terminal backend that spends fewer bytes: what a slow SSH link pays for every key.
//!
//! ratatui sends only the cells that changed, and moves the cursor over the ones that did not.
//! When new text lands where old text was, the spaces between words often did not change, and
//! each of them costs a cursor move of 7 to 9 bytes. This backend remembers what the screen shows
//! and sends short runs of unchanged cells again instead of jumping over them, moves along a row
//! rather than to an absolute place, and erases long runs of blanks (the ragged ends of wrapped
//! lines) instead of writing them.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use super::sgr::Pen;

/// Longest run of unchanged cells sent again rather than jumped over: a cursor move costs about
/// this many bytes.
const MAX_GAP: u16 = 7;

pub struct CompactBackend<W: Write> {
    writer: W,
    /// What the terminal shows, as far as this backend drew it.
    screen: Buffer,
    /// The bytes of the frame being drawn, written at once so a frame travels in as few packets
    /// as the link allows.
    frame: Vec<u8>,
    /// Whether the cursor is hidden, so a frame does not hide it again.
    cursor_hidden: Option<bool>,
}

impl<W: Write> CompactBackend<W> {
    pub fn new(writer: W) -> Self {
        Self {
            writer,
            screen: Buffer::empty(Rect::ZERO),
            frame: Vec::new(),
            cursor_hidden: None,
        }
    }

    /// Makes the shadow screen cover `area`, keeping every cell where it is.
    fn cover(&mut self, area: Rect) {
        if self.screen.area.union(area) == self.screen.area {
            return;
        }
        let mut grown = Buffer::empty(self.screen.area.union(area));
        grown.merge(&self.screen);
        self.screen = grown;
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

    /// Writes the cells: a cursor move only where they are not contiguous, one escape per change
    /// of style, and long runs of blanks erased rather than written. Underline colours are not
    /// drawn: no view sets one.
    fn encode(&mut self, cells: &[(u16, u16, Cell)]) {
        let mut pen = Pen::DEFAULT;
        let mut cursor: Option<(u16, u16)> = None;
        let mut i = 0;
        while i < cells.len() {
            let (x, y, cell) = &cells[i];
            if cursor != Some((*x, *y)) {
                move_to(&mut self.frame, cursor, *x, *y);
            }
            let blanks = erasable_run(&cells[i..], &self.screen);
            if blanks > 0 {
                // Erasing fills with the pen's background: the default one, as the cells have.
                pen.change_to(&Pen::DEFAULT, &mut self.frame);
                pen = Pen::DEFAULT;
                let _ = write!(self.frame, "\x1b[{blanks}X");
                // Erasing does not move the cursor.
                cursor = Some((*x, *y));
                i += blanks as usize;
                continue;
            }
            let wanted = Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            };
            pen.change_to(&wanted, &mut self.frame);
            pen = wanted;
            self.frame.extend_from_slice(cell.symbol().as_bytes());
            // Past the right edge no cell follows on this row, so the pending wrap never matters.
            // After a wide or composed symbol terminals may disagree with us on where the cursor
            // went (an emoji with a variation selector): the next cell is placed absolutely.
            let width = cell.symbol().width().max(1) as u16;
            let trusted = width == 1 && cell.symbol().chars().nth(1).is_none();
            cursor = trusted.then(|| (x.saturating_add(width), *y));
            i += 1;
        }
        pen.change_to(&Pen::DEFAULT, &mut self.frame);
    }

    /// Sends what is queued for this frame.
    fn send(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let result = self.writer.write_all(&self.frame);
        self.frame.clear();
        result
    }

    fn queue(&mut self, escape: &[u8]) -> io::Result<()> {
        self.frame.extend_from_slice(escape);
        self.send()
    }
}

/// Moves the cursor to `(x, y)`: forward along its row when it is on it, as that is shorter.
fn move_to(out: &mut Vec<u8>, cursor: Option<(u16, u16)>, x: u16, y: u16) {
    // Writing into a Vec cannot fail.
    let _ = match cursor {
        Some((cx, cy)) if cy == y && cx < x => write!(out, "\x1b[{}C", x - cx),
        _ => write!(out, "\x1b[{};{}H", y + 1, x + 1),
    };
}

/// A blank cell exactly as the terminal erases it, so that what it shows stays what was drawn.
fn is_erased(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.modifier.is_empty()
}

/// How many cells at the start of `cells` to erase with one escape: the contiguous blanks of a
/// row, when erasing them, and moving on past them if more cells follow, is shorter than
/// writing them. Zero when it is not.
///
/// Only where `shown` has no wide characters: erasing half of one leaves terminals disagreeing
/// on what remains (tmux keeps an orphaned half that shifts the rest of the row), while writing
/// over it clears it everywhere.
fn erasable_run(cells: &[(u16, u16, Cell)], shown: &Buffer) -> u16 {
    let Some((x0, y0, _)) = cells.first() else {
        return 0;
    };
    let run = cells
        .iter()
        .enumerate()
        .take_while(|(k, (x, y, cell))| {
            *y == *y0
                && usize::from(*x) == usize::from(*x0) + k
                && is_erased(cell)
                && shown
                    .cell((*x, *y))
                    .is_none_or(|old| old.symbol().width() <= 1)
        })
        .count();
    let Ok(run) = u16::try_from(run) else {
        return 0;
    };
    let escape = |n: u16| 3 + n.to_string().len();
    let resumes = cells
        .get(usize::from(run))
        .is_some_and(|(x, y, _)| *y == *y0 && *x == x0 + run);
    let cost = escape(run) + if resumes { escape(run) } else { 0 };
    if cost < usize::from(run) { run } else { 0 }
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
        let (right, bottom) = out
            .iter()
            .fold((0, 0), |(r, b), (x, y, _)| (r.max(x + 1), b.max(y + 1)));
        self.cover(Rect::new(0, 0, right, bottom));
        // Encoded against the screen as it was: erasing must know what it erases.
        self.encode(&out);
        for (x, y, cell) in &out {
            self.screen[(*x, *y)] = cell.clone();
        }
        self.send()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden == Some(true) {
            return Ok(());
        }
        self.cursor_hidden = Some(true);
        self.queue(b"\x1b[?25l")
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden == Some(false) {
            return Ok(());
        }
        self.cursor_hidden = Some(false);
        self.queue(b"\x1b[?25h")
    }

    /// Not asked of the terminal: every frame places the cursor absolutely before drawing, and
    /// ratatui asks only to put it back after a clear (Ctrl-L, after `fg`). Asking costs a round
    /// trip and fails after two seconds where the terminal does not answer (a link nobody reads,
    /// a terminal without the query), which would end the browser on a redraw.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        move_to(&mut self.frame, None, x, y);
        self.send()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Only a full clear is used; anything else forgets what we know of the screen too.
        self.screen.reset();
        let escape: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.queue(escape)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.frame.extend(std::iter::repeat_n(b'\n', n.into()));
        self.send()?;
        self.writer.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()?;
        self.writer.flush()
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
    fn bytes_for<'a>(first: impl Into<Line<'a>>, second: impl Into<Line<'a>>) -> Vec<u8> {
        let (first, second) = (first.into(), second.into());
        let shared = Shared::default();
        let backend = CompactBackend::new(shared.clone());
        let mut terminal = Terminal::new(backend).expect("terminal over a buffer");
        terminal.resize(Rect::new(0, 0, 40, 2)).expect("resize");
        terminal
            .draw(|f| f.render_widget(first, f.area()))
            .expect("draw");
        shared.0.borrow_mut().clear();
        terminal
            .draw(|f| f.render_widget(second, f.area()))
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
        assert_eq!(text, "\x1b[1;1Hx\x1b[30Cy", "a jump along the row");
    }

    #[test]
    fn long_blank_runs_are_erased_not_written() {
        let blanked = format!("the talks{}Friday", " ".repeat(25));
        let out = bytes_for("the talks in Geneva ended late on Friday", blanked.as_str());
        // The spaces either side of the words did not change: the 23 cells between them did.
        assert_eq!(String::from_utf8_lossy(&out), "\x1b[1;11H\x1b[23X");
    }

    #[test]
    fn blanks_with_a_background_are_written_as_they_must_show() {
        use ratatui::style::{Color, Style};
        let bar = Line::from("x                        ").style(Style::new().bg(Color::Blue));
        let out = bytes_for("abcdefghijklmnopqrstuvwxyz", bar);
        let text = String::from_utf8_lossy(&out);
        assert!(
            !text.contains('X'),
            "erasing would lose the colour: {text:?}"
        );
        assert!(text.contains("x                        "), "{text:?}");
    }

    #[test]
    fn the_remembered_screen_is_what_was_drawn_however_it_grew() {
        let backend = CompactBackend::new(Shared::default());
        let mut terminal = Terminal::new(backend).expect("terminal over a buffer");
        terminal.resize(Rect::new(0, 0, 30, 3)).expect("resize");
        // A sparse frame first: the remembered screen grows as the cells arrive.
        let frame = |last_row: &'static str| {
            move |f: &mut ratatui::Frame| {
                f.render_widget(Line::from("a"), Rect::new(3, 0, 1, 1));
                f.render_widget(Line::from("bb"), Rect::new(20, 1, 2, 1));
                f.render_widget(Line::from(last_row), Rect::new(0, 2, 30, 1));
            }
        };
        terminal.draw(frame("meeting in Alaska")).expect("draw");
        terminal.draw(frame("meeting ix Alaskz")).expect("draw");
        let shown = &terminal.backend().screen;
        let row = |y: u16| -> String {
            (0..30)
                .map(|x| shown.cell((x, y)).map_or(" ", Cell::symbol))
                .collect()
        };
        assert_eq!(row(0).trim_end(), "   a");
        assert_eq!(row(1).trim_end(), "                    bb");
        assert_eq!(row(2).trim_end(), "meeting ix Alaskz");
    }
}
