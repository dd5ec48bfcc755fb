//! Select Graphic Rendition: the escape that sets colours and text attributes.
//!
//! One escape per change of pen, with the classic codes a 16-colour terminal knows (`31`, not
//! `38;5;1`): every byte counts over a slow link, and old terminals understand nothing else.

use std::io::Write;

use ratatui::style::{Color, Modifier};

/// What the terminal draws the next character with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

/// Parameters of each attribute, in the order terminals list them.
const ATTRIBUTES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

impl Pen {
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// Writes the one escape that turns `self` into `to`, or nothing when they are the same.
    pub fn change_to(&self, to: &Pen, out: &mut Vec<u8>) {
        if self == to {
            return;
        }
        let mut params = Params::new(out);
        // Removing an attribute one by one needs a code per attribute, and bold and dim share
        // one; starting from a full reset is as short and always right.
        let from = if self.modifier.difference(to.modifier).is_empty() {
            *self
        } else {
            params.push_raw(b"0");
            Pen::DEFAULT
        };
        for (modifier, code) in ATTRIBUTES {
            if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
                params.push_number(code);
            }
        }
        if to.fg != from.fg {
            params.push_color(to.fg, Layer::Foreground);
        }
        if to.bg != from.bg {
            params.push_color(to.bg, Layer::Background);
        }
        params.finish();
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

/// Builds `ESC [ p1 ; p2 ; … m`.
struct Params<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Params<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        out.extend_from_slice(b"\x1b[");
        Self { out, first: true }
    }

    fn separate(&mut self) {
        if !self.first {
            self.out.push(b';');
        }
        self.first = false;
    }

    fn push_raw(&mut self, param: &[u8]) {
        self.separate();
        self.out.extend_from_slice(param);
    }

    fn push_number(&mut self, n: u8) {
        self.separate();
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{n}");
    }

    fn push_color(&mut self, color: Color, layer: Layer) {
        // Background codes are the foreground ones plus ten.
        let shift = match layer {
            Layer::Foreground => 0,
            Layer::Background => 10,
        };
        let basic = match color {
            Color::Reset => Some(39),
            Color::Black => Some(30),
            Color::Red => Some(31),
            Color::Green => Some(32),
            Color::Yellow => Some(33),
            Color::Blue => Some(34),
            Color::Magenta => Some(35),
            Color::Cyan => Some(36),
            Color::Gray => Some(37),
            Color::DarkGray => Some(90),
            Color::LightRed => Some(91),
            Color::LightGreen => Some(92),
            Color::LightYellow => Some(93),
            Color::LightBlue => Some(94),
            Color::LightMagenta => Some(95),
            Color::LightCyan => Some(96),
            Color::White => Some(97),
            Color::Indexed(_) | Color::Rgb(..) => None,
        };
        if let Some(code) = basic {
            self.push_number(code + shift);
            return;
        }
        self.push_number(38 + shift);
        match color {
            Color::Indexed(index) => {
                self.push_raw(b"5");
                self.push_number(index);
            }
            Color::Rgb(r, g, b) => {
                self.push_raw(b"2");
                self.push_number(r);
                self.push_number(g);
                self.push_number(b);
            }
            _ => {}
        }
    }

    fn finish(self) {
        self.out.push(b'm');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(from: Pen, to: Pen) -> String {
        let mut out = Vec::new();
        from.change_to(&to, &mut out);
        String::from_utf8(out).expect("ascii")
    }

    fn pen(fg: Color, bg: Color, modifier: Modifier) -> Pen {
        Pen { fg, bg, modifier }
    }

    #[test]
    fn the_same_pen_costs_nothing() {
        assert_eq!(escape(Pen::DEFAULT, Pen::DEFAULT), "");
    }

    #[test]
    fn sixteen_colours_use_their_classic_codes() {
        let to = pen(Color::Yellow, Color::Blue, Modifier::empty());
        assert_eq!(escape(Pen::DEFAULT, to), "\x1b[33;44m");
        let to = pen(Color::LightCyan, Color::DarkGray, Modifier::empty());
        assert_eq!(escape(Pen::DEFAULT, to), "\x1b[96;100m");
        assert_eq!(escape(to, Pen::DEFAULT), "\x1b[39;49m");
    }

    #[test]
    fn indexed_and_true_colours_keep_their_extended_form() {
        let to = pen(Color::Indexed(208), Color::Rgb(1, 2, 3), Modifier::empty());
        assert_eq!(escape(Pen::DEFAULT, to), "\x1b[38;5;208;48;2;1;2;3m");
    }

    #[test]
    fn only_what_changed_is_sent() {
        let from = pen(Color::Red, Color::Reset, Modifier::BOLD);
        let to = pen(
            Color::Red,
            Color::Reset,
            Modifier::BOLD | Modifier::UNDERLINED,
        );
        assert_eq!(escape(from, to), "\x1b[4m");
    }

    #[test]
    fn removing_an_attribute_resets_and_restores_the_rest() {
        let from = pen(Color::Red, Color::Black, Modifier::BOLD | Modifier::DIM);
        let to = pen(Color::Red, Color::Black, Modifier::DIM);
        assert_eq!(escape(from, to), "\x1b[0;2;31;40m");
    }
}
